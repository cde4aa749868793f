// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernels of cupp::linalg's LU and Cholesky routines (src/linalg/solve.cpp): determinants from
// LU factors, and the device arrays of matrix pointers that cuBLAS's and cuSOLVER's batched calls
// take. The identity of inv and the triangle of cholesky are engine expressions.
//
// A module is this header after a preamble that names the kernel it defines and its types:
//   det, slogdet:  typedef float|double cupp_real;  #define CUPP_COMPLEX 0|1
//                  typedef int|long long cupp_pivot;  #define CUPP_DET_KERNEL cupp_det_<dtype>_<pivot>
//   pointers:      #define CUPP_POINTERS_KERNEL cupp_solve_pointers
#pragma once

#include <cupp/indexing.cuh>

namespace cupp {
namespace linalg {

__device__ __forceinline__ float lu_log(float x) { return logf(x); }
__device__ __forceinline__ double lu_log(double x) { return log(x); }
__device__ __forceinline__ float lu_exp(float x) { return expf(x); }
__device__ __forceinline__ double lu_exp(double x) { return exp(x); }
__device__ __forceinline__ float lu_abs(float x) { return fabsf(x); }
__device__ __forceinline__ double lu_abs(double x) { return fabs(x); }
__device__ __forceinline__ float lu_abs(float x, float y) { return hypotf(x, y); }
__device__ __forceinline__ double lu_abs(double x, double y) { return hypot(x, y); }
__device__ __forceinline__ float lu_minus_inf(float) { return __int_as_float(0xff800000); }
__device__ __forceinline__ double lu_minus_inf(double) {
  return __longlong_as_double(0xfff0000000000000LL);
}

}  // namespace linalg
}  // namespace cupp

#ifdef CUPP_DET_KERNEL
// One block of 256 threads per matrix (a block-stride loop over the matrices): the sign (a unit
// complex number, +-1 for real types), the sum of log|u_ii| and whether some u_ii is 0, over the
// diagonal of the LU factors `lu` (count matrices of n x n, complex stored as pairs), and the
// parity of the pivots `ipiv` (1-based, as LAPACK's). Writes any of sign (real, or pairs for
// complex), logabs (real) and det (sign * exp(logabs), as NumPy computes det) that is not null.
extern "C" __global__ void CUPP_DET_KERNEL(const cupp_real* __restrict__ lu,
                                           const cupp_pivot* __restrict__ ipiv, long long n,
                                           long long count, cupp_real* sign, cupp_real* logabs,
                                           cupp_real* det) {
  typedef cupp_real R;
  using namespace cupp::linalg;
  const bool C = CUPP_COMPLEX != 0;
  __shared__ R s_log[256];
  __shared__ R s_re[256];
  __shared__ R s_im[256];
  __shared__ int s_zero[256];
  __shared__ int s_swap[256];
  const int w = C ? 2 : 1;
  const int t = threadIdx.x;
  for (long long z = blockIdx.x; z < count; z += gridDim.x) {
    const R* m = lu + z * n * n * w;
    R lg = R(0), re = R(1), im = R(0);
    int zero = 0, swap = 0;
    for (long long i = t; i < n; i += blockDim.x) {
      const R a = m[i * (n + 1) * w];
      const R b = C ? m[i * (n + 1) * w + 1] : R(0);
      const R mag = C ? lu_abs(a, b) : lu_abs(a);
      if (mag == R(0)) {
        zero = 1;
      } else {
        lg += lu_log(mag);
        const R ur = a / mag, ui = b / mag;
        const R nr = re * ur - im * ui;
        im = re * ui + im * ur;
        re = nr;
      }
      if (ipiv[z * n + i] != (cupp_pivot)(i + 1)) swap ^= 1;
    }
    s_log[t] = lg;
    s_re[t] = re;
    s_im[t] = im;
    s_zero[t] = zero;
    s_swap[t] = swap;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
      if (t < s) {
        s_log[t] += s_log[t + s];
        const R r1 = s_re[t], i1 = s_im[t], r2 = s_re[t + s], i2 = s_im[t + s];
        s_re[t] = r1 * r2 - i1 * i2;
        s_im[t] = r1 * i2 + i1 * r2;
        s_zero[t] |= s_zero[t + s];
        s_swap[t] ^= s_swap[t + s];
      }
      __syncthreads();
    }
    if (t == 0) {
      R l = s_log[0], r = s_re[0], q = s_im[0];
      if (s_zero[0]) {
        r = R(0);
        q = R(0);
        l = lu_minus_inf(R(0));
      } else if (s_swap[0]) {
        r = -r;
        q = -q;
      }
      if (sign) {
        sign[z * w] = r;
        if (C) sign[z * w + 1] = q;
      }
      if (logabs) logabs[z] = l;
      if (det) {
        const R e = s_zero[0] ? R(0) : lu_exp(l);
        det[z * w] = r * e;
        if (C) det[z * w + 1] = q * e;
      }
    }
    __syncthreads();
  }
}
#endif

#ifdef CUPP_POINTERS_KERNEL
// out[i] = base + i * stride (bytes): the matrix pointers of cuBLAS's and cuSOLVER's batched
// calls.
extern "C" __global__ void CUPP_POINTERS_KERNEL(char** out, char* base, long long stride,
                                                long long count) {
  for (long long i : cupp::grid_stride(count)) out[i] = base + i * stride;
}
#endif
