// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernels of cupp::linalg's SVD-based routines (src/linalg/decompositions.cpp): pinv's cut-off
// and scaled factor, matrix_rank's count and lstsq's residuals. The layout changes, triangles,
// identities and status merges around cuSOLVER's results are engine expressions.
//
// A module is this header after a preamble that chooses the types and names the kernel it
// defines: `typedef float|double cupp_real;`, `#define CUPP_COMPLEX 0|1` (complex elements are
// pairs of cupp_real), then one of
//   #define CUPP_PINV_CUTOFF_KERNEL cupp_pinv_cutoff_<f32|f64>          (real types)
//   #define CUPP_PINV_SCALE_KERNEL cupp_pinv_scale_<f32|f64|c64|c128>
//   #define CUPP_MATRIX_RANK_KERNEL cupp_matrix_rank_<f32|f64>          (real types)
//   #define CUPP_LSTSQ_RESIDUALS_KERNEL cupp_lstsq_residuals_<f32|f64|c64|c128>
#pragma once

#include <cupp/indexing.cuh>

#ifdef CUPP_PINV_CUTOFF_KERNEL
// cutoff[b] = rcond * max(s[b, :]) (NaN if any is NaN), in double as NumPy computes it; one
// thread per matrix.
extern "C" __global__ void CUPP_PINV_CUTOFF_KERNEL(const cupp_real* s, double* cutoff,
                                                   long long k, long long batch, double rcond) {
  const long long b = cupp::global_thread_id();
  if (b >= batch) return;
  double mx = 0;
  for (long long p = 0; p < k; ++p) {
    const double v = (double)s[b * k + p];
    if (v != v) {
      mx = v;
      break;
    }
    if (v > mx) mx = v;
  }
  cutoff[b] = rcond * mx;
}
#endif

#ifdef CUPP_PINV_SCALE_KERNEL
// out (batch, k, m) = diag(1 / s) U^H for the singular values above the cut-off, 0 for the
// others (NaN stays NaN). Each component is divided by the real singular value on its own (the
// engine would promote the divisor to complex and use complex division, which rounds otherwise).
extern "C" __global__ void CUPP_PINV_SCALE_KERNEL(const cupp_real* u, const cupp_real* s,
                                                  const double* cutoff, cupp_real* out,
                                                  long long m, long long k, long long total) {
  typedef cupp_real R;
  const int C = CUPP_COMPLEX ? 2 : 1;
  const long long per = k * m;
  for (long long e : cupp::grid_stride(total)) {
    const long long b = e / per, rem = e - b * per;
    const long long p = rem / m, i = rem - p * m;
    const R sv = s[b * k + p];
    const bool large = (double)sv > cutoff[b];
    const long long src = b * per + i * k + p;
    const R re = u[src * C];
    const R im = C == 2 ? -u[src * C + 1] : R(0);
    out[e * C] = large ? re / sv : re * R(0);
    if (C == 2) out[e * C + 1] = large ? im / sv : im * R(0);
  }
}
#endif

#ifdef CUPP_MATRIX_RANK_KERNEL
// out[b] = the number of s[b, :] above the tolerance, one thread per matrix. mode 0: rtol * max
// in cupp_real (NumPy's default, a Python float times an array of that type); 1: rtol * max in
// double; 2: the absolute tol.
extern "C" __global__ void CUPP_MATRIX_RANK_KERNEL(const cupp_real* s, long long* out, long long k,
                                                   long long batch, double tol, int mode) {
  typedef cupp_real R;
  const long long b = cupp::global_thread_id();
  if (b >= batch) return;
  R mx = s[b * k];
  for (long long p = 1; p < k && mx == mx; ++p) {
    const R v = s[b * k + p];
    if (!(v <= mx)) mx = v;
  }
  long long count = 0;
  if (mode == 0) {
    const R t = mx * (R)tol;
    for (long long p = 0; p < k; ++p) count += s[b * k + p] > t;
  } else {
    const double t = mode == 1 ? (double)mx * tol : tol;
    for (long long p = 0; p < k; ++p) count += (double)s[b * k + p] > t;
  }
  out[b] = count;
}
#endif

#ifdef CUPP_LSTSQ_RESIDUALS_KERNEL
// out[j] = sum_i |b[i, j] - ax[i, j]|^2 for row-major m x nrhs matrices, summed in double in row
// order; one thread per column.
extern "C" __global__ void CUPP_LSTSQ_RESIDUALS_KERNEL(const cupp_real* b, const cupp_real* ax,
                                                       cupp_real* out, long long m,
                                                       long long nrhs) {
  const int C = CUPP_COMPLEX ? 2 : 1;
  const long long j = cupp::global_thread_id();
  if (j >= nrhs) return;
  double acc = 0;
  for (long long i = 0; i < m; ++i)
    for (int c = 0; c < C; ++c) {
      const double d = (double)b[(i * nrhs + j) * C + c] - (double)ax[(i * nrhs + j) * C + c];
      acc += d * d;
    }
  out[j] = (cupp_real)acc;
}
#endif
