// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernels of cupp::scipy::ndimage::distance_transform_edt. Included after a preamble
// (src/scipy/ndimage/distance_transform.cpp) that includes <cupp/ufunc.cuh> and defines:
//   cupp_in_t               the input's element type (any real dtype or bool: nonzero is foreground)
//   CUPP_NDI_K              the most dimensions
//   CUPP_NDI_EDT_INIT_NAME  cupp_ndi_distance_transform_edt_init_<in>
//   CUPP_NDI_EDT_PASS_NAME  cupp_ndi_distance_transform_edt_pass_<in>
//   CUPP_NDI_EDT_DIST_NAME  cupp_ndi_distance_transform_edt_distances_<in>
//   CUPP_NDI_EDT_LINES_NAME cupp_ndi_distance_transform_edt_lines_<in>
#pragma once

#include <cupp/indexing.cuh>

// Note [Exact Euclidean distance transform]: the feature transform (for every element, the
// coordinates of the nearest background element) is separable: one pass per axis, in SciPy's
// order (axis 0 first). Before the first pass a background element's feature is its own
// coordinates and a foreground element's is (-1, 0, ..., 0) ("no site": SciPy's initial values,
// which stay where a line has no site and so give SciPy's result for an input without
// background). The pass along axis d gives every element the feature of the site (an element
// whose feature is set) of its line that is nearest: the smallest
//   delta = sum over axes k of ((f_k - c_k) * sampling_k)^2
// (f the site's feature, c the element's coordinates), SciPy's own expression, summed in axis
// order and rounded at each step (__dmul_rn, __dadd_rn: no fused multiply-add), ties going to the
// site nearest the start of the line. That is what SciPy's per-line lower envelope of parabolas
// (_VoronoiFT, Maurer's algorithm) selects: a site it drops from the envelope is never among the
// nearest, and its walk stops at the first of equal neighbours. tests/ndimage/make_measure.py's
// cases (ties, sampling) check indices and distances to the bit.
//
// Where SciPy walks each line sequentially, here every element searches its own line outwards:
// offsets r = 0, 1, 2, ... on both sides, stopping once (r * sampling_d)^2 alone exceeds the best
// delta found (no farther site can be as near). The work is proportional to the distances, so a
// pass is one launch of one thread per element, the reads of neighbouring threads coalesced
// along every axis; the features are double-buffered between passes. An element whose line has
// no site keeps its feature: a pass first marks the lines that have a site (at the line's first
// element), so that lines without any (a mask with a few seeds has many) are not searched.

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

// has_site[first element of the line] = 1 for every line along axis d holding a site (written
// by the first site of each run of sites); the other entries stay as the host zeroed them.
extern "C" __global__ void CUPP_NDI_EDT_LINES_NAME(const int* __restrict__ src, long long n,
                                                   cupp_ndi_edt_dims dims, int d, long long inner,
                                                   unsigned char* __restrict__ has_site) {
  const long long len = dims.shape[d];
  for (long long e : cupp::grid_stride(n)) {
    if (src[e] < 0) continue;
    const long long ii = (e / inner) % len;
    if (ii > 0 && src[e - inner] >= 0) continue;  // not the first of its run
    has_site[e - ii * inner] = 1;
  }
}

// One pass along axis d (`inner`: the elements between neighbours along d): src -> dst.
extern "C" __global__ void CUPP_NDI_EDT_PASS_NAME(const int* __restrict__ src,
                                                  int* __restrict__ dst, long long n,
                                                  cupp_ndi_edt_dims dims, int d,
                                                  long long inner,
                                                  const unsigned char* __restrict__ has_site) {
  const int nd = dims.nd;
  const double* s = dims.sampling;
  const long long len = dims.shape[d];
  for (long long e : cupp::grid_stride(n)) {
    long long coor[CUPP_NDI_K];
    long long rest = e;
    for (int k = nd - 1; k >= 0; --k) {
      coor[k] = rest % dims.shape[k];
      rest /= dims.shape[k];
    }
    const long long ii = coor[d];
    const long long line = e - ii * inner;  // the element at position 0 of the line
    if (!has_site[line]) {
      for (int jj = 0; jj < nd; ++jj) dst[jj * n + e] = src[jj * n + e];
      continue;
    }
    double best = 0.0;
    long long best_j = -1;
    auto consider = [&](long long j) {
      const long long site = line + j * inner;
      if (src[site] < 0) return;
      double sum = 0.0;
      for (int jj = 0; jj < nd; ++jj) {
        const long long f = src[jj * n + site];
        const long long v = jj == d ? f - ii : f - coor[jj];
        const double t = __dmul_rn(static_cast<double>(v), s[jj]);
        sum = __dadd_rn(sum, __dmul_rn(t, t));
      }
      if (best_j < 0 || sum < best || (sum == best && j < best_j)) {
        best = sum;
        best_j = j;
      }
    };
    for (long long r = 0; ii - r >= 0 || ii + r < len; ++r) {
      if (best_j >= 0) {
        const double t = __dmul_rn(static_cast<double>(r), s[d]);
        if (__dmul_rn(t, t) > best) break;
      }
      if (ii - r >= 0) consider(ii - r);
      if (r > 0 && ii + r < len) consider(ii + r);
    }
    const long long from = best_j < 0 ? e : line + best_j * inner;
    for (int jj = 0; jj < nd; ++jj) dst[jj * n + e] = src[jj * n + from];
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
