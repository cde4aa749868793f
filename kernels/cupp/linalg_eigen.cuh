// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernel of cupp::linalg::eig (src/linalg/eigen.cpp): LAPACK's packed real eigenvectors to
// complex ones (Note [Row-major general input] there).
//
// A module is this header after a preamble: `typedef float|double cupp_real;` and
// `#define CUPP_EIG_UNPACK_KERNEL cupp_eig_unpack_<f32|f64>`.
#pragma once

#include <cupp/indexing.cuh>

#ifdef CUPP_EIG_UNPACK_KERNEL
// LAPACK's real eigenvectors (column-major per matrix: column j of matrix b at vr[b*n*n + j*n])
// to complex ones, transposed: out[b][k][j] = component k of eigenvector j (pairs of reals).
// `w` holds the complex eigenvalues as pairs: a pair of conjugate eigenvalues (imaginary part
// > 0 first) shares the columns re, im.
extern "C" __global__ void CUPP_EIG_UNPACK_KERNEL(const cupp_real* vr, const cupp_real* w,
                                                  cupp_real* out, long long n, long long total) {
  typedef cupp_real R;
  const long long nn = n * n;
  for (long long i : cupp::grid_stride(total)) {
    const long long b = i / nn, r = i % nn, k = r / n, j = r % n;
    const R* v = vr + b * nn;
    const R wi = w[2 * (b * n + j) + 1];
    R re, im = R(0);
    if (wi > R(0) && j + 1 < n) {  // first of a pair: v_j = re + i im
      re = v[j * n + k];
      im = v[(j + 1) * n + k];
    } else if (wi < R(0) && j > 0) {  // second of a pair: v_j = re - i im
      re = v[(j - 1) * n + k];
      im = -v[j * n + k];
    } else {
      re = v[j * n + k];
    }
    out[2 * i] = re;
    out[2 * i + 1] = im;
  }
}
#endif
