// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernels of cupp::scipy::ndimage::distance_transform_edt. Included after a preamble
// (src/scipy/ndimage/distance_transform.cpp) that includes <cupp/ufunc.cuh> and defines:
//   cupp_in_t               the input's element type (any real dtype or bool: nonzero is foreground)
//   CUPP_NDI_K              the most dimensions
//   CUPP_NDI_EDT_INIT_NAME  cupp_ndi_edt_init_<in>
//   CUPP_NDI_EDT_PASS_NAME  cupp_ndi_edt_pass_<in>
//   CUPP_NDI_EDT_DIST_NAME  cupp_ndi_edt_distances_<in>
#pragma once

#include <cupp/indexing.cuh>

// Note [Exact Euclidean distance transform]: the feature transform (for every element, the
// coordinates of the nearest background element) is separable: one pass per axis, in SciPy's
// order (axis 0 first), each pass a lower envelope of parabolas along every line of that axis
// (Maurer, Qi and Raghavan, the algorithm of SciPy's _VoronoiFT), linear in the line's length.
// One thread walks one line; the lines of a pass are independent, so a pass is one launch over
// all lines at once. Every comparison is SciPy's own expression, evaluated in the same order and
// rounded at each step (__dmul_rn and friends: no fused multiply-add), so ties between equally
// near background elements are broken as SciPy breaks them and the indices equal SciPy's. The
// feature array `ft` is int32 of shape (ndim,) + shape, component k of element e at k * n + e.
// Before the first pass a background element's feature is its own coordinates and a foreground
// element's is (-1, 0, ..., 0) ("no site yet": SciPy's initial values, which stay where a line
// has no site and so give SciPy's results for an input without background). A pass keeps each
// line's copy of the features and its stack of sites in `scratch`, laid out position-major
// ([position][line]) so that neighbouring threads touch neighbouring words.

struct cupp_ndi_edt_dims {
  long long shape[CUPP_NDI_K];
  double sampling[CUPP_NDI_K];
  int nd;
};

extern "C" __global__ void CUPP_NDI_EDT_INIT_NAME(const cupp_in_t* __restrict__ in, long long n,
                                                  cupp_ndi_edt_dims dims, int* __restrict__ ft) {
  for (long long e : cupp::grid_stride(n)) {
    const bool fg = cupp::ufn::cast<double>(in[e]) != 0.0;
    long long rest = e;
    for (int k = dims.nd - 1; k >= 0; --k) {
      const long long c = rest % dims.shape[k];
      rest /= dims.shape[k];
      ft[k * n + e] = fg ? (k == 0 ? -1 : 0) : static_cast<int>(c);
    }
  }
}

// One pass along axis d: `nlines` lines of `len` elements `stride` apart; line j starts at
// (j / inner) * len * inner + j % inner.
extern "C" __global__ void CUPP_NDI_EDT_PASS_NAME(int* __restrict__ ft, long long n,
                                                  cupp_ndi_edt_dims dims, int d, long long len,
                                                  long long inner, long long nlines,
                                                  int* __restrict__ scratch) {
  const long long line = static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (line >= nlines) return;
  const int nd = dims.nd;
  const long long base = (line / inner) * len * inner + line % inner;
  const long long stride = inner;
  long long coor[CUPP_NDI_K];
  {
    long long rest = base;
    for (int k = nd - 1; k >= 0; --k) {
      coor[k] = rest % dims.shape[k];
      rest /= dims.shape[k];
    }
  }
  // f[jj][ii] and g[l], position-major across the lines.
  auto F = [&](int jj, long long ii) -> int& { return scratch[(jj * len + ii) * nlines + line]; };
  auto G = [&](long long l) -> int& { return scratch[(nd * len + l) * nlines + line]; };
  const double* s = dims.sampling;
  for (long long ii = 0; ii < len; ++ii)
    for (int jj = 0; jj < nd; ++jj) F(jj, ii) = ft[jj * n + base + ii * stride];
  long long l = -1;
  for (long long ii = 0; ii < len; ++ii) {
    if (F(0, ii) < 0) continue;
    const double fd = static_cast<double>(F(d, ii));
    double wR = 0.0;
    for (int jj = 0; jj < nd; ++jj) {
      if (jj == d) continue;
      const double tw = __dmul_rn(static_cast<double>(F(jj, ii) - coor[jj]), s[jj]);
      wR = __dadd_rn(wR, __dmul_rn(tw, tw));
    }
    while (l >= 1) {
      const long long idx1 = G(l), idx2 = G(l - 1);
      const double f1 = static_cast<double>(F(d, idx1));
      double a = f1 - static_cast<double>(F(d, idx2));
      double b = fd - f1;
      a = __dmul_rn(a, s[d]);
      b = __dmul_rn(b, s[d]);
      const double c = __dadd_rn(a, b);
      double uR = 0.0, vR = 0.0;
      for (int jj = 0; jj < nd; ++jj) {
        if (jj == d) continue;
        const double tu = __dmul_rn(static_cast<double>(F(jj, idx2) - coor[jj]), s[jj]);
        const double tv = __dmul_rn(static_cast<double>(F(jj, idx1) - coor[jj]), s[jj]);
        uR = __dadd_rn(uR, __dmul_rn(tu, tu));
        vR = __dadd_rn(vR, __dmul_rn(tv, tv));
      }
      const double t = __dsub_rn(__dsub_rn(__dsub_rn(__dmul_rn(c, vR), __dmul_rn(b, uR)),
                                           __dmul_rn(a, wR)),
                                 __dmul_rn(__dmul_rn(a, b), c));
      if (t <= 0.0) break;
      --l;
    }
    ++l;
    G(l) = static_cast<int>(ii);
  }
  const long long maxl = l;
  if (maxl < 0) return;
  l = 0;
  auto delta = [&](long long site, long long ii) {
    double sum = 0.0;
    for (int jj = 0; jj < nd; ++jj) {
      const long long v = jj == d ? F(jj, site) - ii : F(jj, site) - coor[jj];
      const double t = __dmul_rn(static_cast<double>(v), s[jj]);
      sum = __dadd_rn(sum, __dmul_rn(t, t));
    }
    return sum;
  };
  for (long long ii = 0; ii < len; ++ii) {
    double delta1 = delta(G(l), ii);
    while (l < maxl) {
      const double delta2 = delta(G(l + 1), ii);
      if (delta1 <= delta2) break;
      delta1 = delta2;
      ++l;
    }
    const long long site = G(l);
    for (int jj = 0; jj < nd; ++jj) ft[jj * n + base + ii * stride] = F(jj, site);
  }
}

// dist[e] = sqrt(sum_k ((ft_k[e] - coordinate_k(e)) * sampling_k)^2), summed in axis order, as
// SciPy computes it from the indices.
extern "C" __global__ void CUPP_NDI_EDT_DIST_NAME(const int* __restrict__ ft, long long n,
                                                  cupp_ndi_edt_dims dims,
                                                  double* __restrict__ dist) {
  for (long long e : cupp::grid_stride(n)) {
    double c[CUPP_NDI_K];
    long long rest = e;
    for (int k = dims.nd - 1; k >= 0; --k) {
      c[k] = static_cast<double>(ft[k * n + e] - static_cast<int>(rest % dims.shape[k]));
      rest /= dims.shape[k];
    }
    double sum = 0.0;
    for (int k = 0; k < dims.nd; ++k) {
      const double t = __dmul_rn(c[k], dims.sampling[k]);
      sum = __dadd_rn(sum, __dmul_rn(t, t));
    }
    dist[e] = sqrt(sum);
  }
}
