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
extern "C" __global__ void CUPP_SIG_NAME(const cupp_t* __restrict__ x, const cupp_t* __restrict__ h,
                                         cupp_t* __restrict__ y, long long lines, long long n,
                                         long long m, long long taps, long long up,
                                         long long down, long long first) {
  for (long long i : cupp::grid_stride(lines * m)) {
    const long long line = i / m, k = i - line * m;
    const long long pos = (k + first) * down;
    long long j = pos % up;
    // The sample index (pos - j) / up must stay below n: j >= pos - (n - 1) * up.
    const long long lowest = pos - (n - 1) * up;
    if (j < lowest) j += (lowest - j + up - 1) / up * up;
    cupp_t acc = cupp_t(0);
    const cupp_t* row = x + line * n;
    for (; j < taps && j <= pos; j += up) acc += h[j] * row[(pos - j) / up];
    y[i] = acc;
  }
}
