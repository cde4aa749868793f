// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernel of cupp::convolve and cupp::correlate (numpy.convolve, numpy.correlate), included
// after a preamble (src/stats/convolve.cpp) that defines the variant:
//   cupp_cv_t      the element type of both inputs and the result (NumPy's common type)
//   cupp_cv_acc_t  what a sum is computed in: NumPy's dot loops' type (64-bit integers for the
//                  integer types, float for float16, the type itself otherwise)
//   CUPP_CV_KIND   0 bool, 1 integer, 2 real floating, 3 complex
//   CUPP_CV_NAME   the kernel's name, cupp_convolve_<dtype>
#pragma once

#include <cupp/indexing.cuh>

// Note [1-D convolution]: NumPy's full correlation of a (length n) with v (length m) is
//   z[k] = sum_j a[j] conj(v[j - k + m - 1]),  j in [max(0, k - m + 1), min(n - 1, k)],
// k in [0, n + m - 1), and the full convolution z[k] = sum_j a[j] v[k - j] over the same j.
// "same" and "valid" are windows of it (the host picks the first k). One thread per output
// element sums its j in order, as NumPy's dot loops do for the integer types (whose 64-bit sums
// stored in the result type wrap as NumPy's do).
__device__ __forceinline__ cupp_cv_acc_t cupp_cv_conj(cupp_cv_acc_t x) {
#if CUPP_CV_KIND == 3
  return cupp_cv_acc_t(x.real(), -x.imag());
#else
  return x;
#endif
}

extern "C" __global__ void CUPP_CV_NAME(const cupp_cv_t* __restrict__ a, long long a_stride,
                                        long long n, const cupp_cv_t* __restrict__ v,
                                        long long v_stride, long long m,
                                        cupp_cv_t* __restrict__ out, long long length,
                                        long long first, int convolve) {
  for (long long i : cupp::grid_stride(length)) {
    const long long k = first + i;
    const long long lo = k - m + 1 > 0 ? k - m + 1 : 0;
    const long long hi = k < n - 1 ? k : n - 1;
#if CUPP_CV_KIND == 0
    bool acc = false;
    for (long long j = lo; j <= hi && !acc; ++j) {
      const long long t = convolve ? k - j : j - k + m - 1;
      acc = a[j * a_stride] && v[t * v_stride];
    }
    out[i] = acc;
#else
    cupp_cv_acc_t acc = cupp_cv_acc_t(0);
    for (long long j = lo; j <= hi; ++j) {
      const long long t = convolve ? k - j : j - k + m - 1;
      cupp_cv_acc_t x = static_cast<cupp_cv_acc_t>(a[j * a_stride]);
      const cupp_cv_acc_t y = static_cast<cupp_cv_acc_t>(v[t * v_stride]);
      x *= convolve ? y : cupp_cv_conj(y);
      acc += x;
    }
    out[i] = static_cast<cupp_cv_t>(acc);
#endif
  }
}
