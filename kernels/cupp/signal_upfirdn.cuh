// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// upfirdn of cupp::scipy::signal (and resample_poly, built on it; src/scipy/signal/resample.cpp).
// Included after a preamble that includes <cupp/ufunc.cuh> and defines:
//   cupp_t         the type of the signal, the filter and the output
//   CUPP_SIG_NAME  the kernel's name
#pragma once

#include <cupp/indexing.cuh>

// Note [Polyphase upfirdn]: the output is the full convolution of the filter h with x upsampled
// by `up` (up - 1 zeros after each sample), kept at every `down`-th sample:
//   y[k] = sum_j h[j] * xu[k * down - j],   xu[t] = x[t / up] where t % up == 0, else 0.
// Only the taps j = (k * down) mod up (mod up) meet a sample, so each output sums every
// up-th tap from there: the polyphase form, with no multiplications by the inserted zeros. The
// signal is laid out (lines, n), the output (lines, m), holding outputs first .. first + m - 1
// (resample_poly keeps a window of them); one output element per thread, outputs of a line side
// by side.
// Sample s of a line of n samples extended by SciPy's upfirdn `mode`: 0 constant (cval), 1
// symmetric, 2 reflect, 3 edge, 4 wrap, 5 smooth, 6 line, 7 antisymmetric, 8 antireflect (the
// last two within one signal length of the ends).
__device__ __forceinline__ cupp_t cupp_sig_sample(const cupp_t* row, long long s, long long n,
                                                  int mode, cupp_t cval) {
  if (s >= 0 && s < n) return row[s];
  const bool left = s < 0;
  switch (mode) {
    case 0:
      return cval;
    case 1: {
      long long q = s % (2 * n);
      if (q < 0) q += 2 * n;
      return row[q < n ? q : 2 * n - 1 - q];
    }
    case 2: {
      if (n == 1) return row[0];
      long long q = s % (2 * n - 2);
      if (q < 0) q += 2 * n - 2;
      return row[q < n ? q : 2 * n - 2 - q];
    }
    case 3:
      return row[left ? 0 : n - 1];
    case 4: {
      long long q = s % n;
      return row[q < 0 ? q + n : q];
    }
    case 5: {
      if (n == 1) return row[0];
      return left ? row[0] + cupp_t(static_cast<double>(s)) * (row[1] - row[0])
                  : row[n - 1] + cupp_t(static_cast<double>(s - n + 1)) * (row[n - 1] - row[n - 2]);
    }
    case 6: {
      const cupp_t slope =
          n == 1 ? cupp_t(0) : (row[n - 1] - row[0]) * cupp_t(1.0 / static_cast<double>(n - 1));
      return left ? row[0] + cupp_t(static_cast<double>(s)) * slope
                  : row[n - 1] + cupp_t(static_cast<double>(s - n + 1)) * slope;
    }
    case 7: {
      long long q = left ? -s - 1 : 2 * n - 1 - s;
      q = q < 0 ? 0 : (q >= n ? n - 1 : q);
      return cupp_t(0) - row[q];
    }
    default: {
      long long q = left ? -s : 2 * n - 2 - s;
      q = q < 0 ? 0 : (q >= n ? n - 1 : q);
      return cupp_t(2) * row[left ? 0 : n - 1] - row[q];
    }
  }
}

extern "C" __global__ void CUPP_SIG_NAME(const cupp_t* __restrict__ x, const cupp_t* __restrict__ h,
                                         cupp_t* __restrict__ y, long long lines, long long n,
                                         long long m, long long taps, long long up, long long down,
                                         long long first, int mode, cupp_t cval) {
  for (long long i : cupp::grid_stride(lines * m)) {
    const long long line = i / m, k = i - line * m;
    const long long pos = (k + first) * down;
    const cupp_t* row = x + line * n;
    cupp_t acc = cupp_t(0);
    if (mode == 0 && cval == cupp_t(0)) {
      // Zeros outside: only the taps that meet a sample, (pos - j) / up in [0, n).
      long long j = pos % up;
      const long long lowest = pos - (n - 1) * up;
      if (j < lowest) j += (lowest - j + up - 1) / up * up;
      for (; j < taps && j <= pos; j += up) acc += h[j] * row[(pos - j) / up];
    } else {
      // Every tap that meets a sample of the extended signal (pos - j a multiple of up).
      for (long long j = pos % up; j < taps; j += up)
        acc += h[j] * cupp_sig_sample(row, (pos - j) / up, n, mode, cval);
    }
    y[i] = acc;
  }
}
