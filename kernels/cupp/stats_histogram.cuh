// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernels of cupp::histogram (equal bins and explicit edges) and cupp::bincount. Included
// after a preamble (src/stats/kernels.cpp) that includes <cupp/ufunc.cuh> and defines the variant:
//   cupp_in_t           the input's element type
//   cupp_bin_t          the edges' element type (the input's for floats, else double)
//   cupp_c_t            the type a value's bin is computed in
//   CUPP_UNIFORM_NAME   cupp_histogram_uniform_<in>
//   CUPP_EDGES_NAME     cupp_histogram_edges_<in>
//   CUPP_BINCOUNT_NAME  cupp_bincount_<in>
#pragma once

#include <cupp/indexing.cuh>

// Note [Histogram kernels]: a value's bin is found as NumPy finds it. For equal bins that is
// NumPy's formula (x - first) / (last - first) * bins, computed in the edges' dtype with each
// operation rounded to it, and then corrected against the edges themselves (the formula can miss
// by one near an edge); for explicit edges a binary search, in float64. Counts go to a
// shared-memory copy of the histogram when it fits (shared atomics), added to the global one when
// the block is done; weighted sums are float64, as NumPy's bincount accumulates them.
__device__ __forceinline__ cupp_c_t cupp_rnd(cupp_c_t x) {
  return cupp::ufn::cast<cupp_c_t>(cupp::ufn::cast<cupp_bin_t>(x));
}

struct cupp_uniform_bins {
  const cupp_bin_t* edges;
  long long nbins;
  cupp_c_t first, last, denom, count;
  __device__ long long operator()(cupp_in_t raw) const {
    const cupp_c_t x = cupp::ufn::cast<cupp_c_t>(cupp::ufn::cast<cupp_bin_t>(raw));
    if (!(x >= first && x <= last)) return -1;  // outside the range, or nan
    long long b = static_cast<long long>(cupp_rnd(cupp_rnd(cupp_rnd(x - first) / denom) * count));
    if (b > nbins - 1) b = nbins - 1;  // x == last
    if (b < 0) b = 0;
    if (x < cupp::ufn::cast<cupp_c_t>(edges[b])) --b;
    if (b != nbins - 1 && x >= cupp::ufn::cast<cupp_c_t>(edges[b + 1])) ++b;
    return b;
  }
};

struct cupp_edge_bins {
  const double* edges;
  long long nbins;
  __device__ long long operator()(cupp_in_t raw) const {
    const double x = cupp::ufn::cast<double>(raw);
    if (!(x >= edges[0] && x <= edges[nbins])) return -1;
    long long lo = 0, hi = nbins + 1;  // the first edge above x
    while (lo < hi) {
      const long long mid = lo + (hi - lo) / 2;
      if (edges[mid] > x) hi = mid; else lo = mid + 1;
    }
    return lo - 1 < nbins ? lo - 1 : nbins - 1;  // the last bin holds its right edge
  }
};

template <class Acc, class Bins>
__device__ __forceinline__ void cupp_count(const cupp_in_t* a, const double* w, Acc* hist,
                                           long long n, long long nbins, int use_shared,
                                           const Bins& bin_of) {
  extern __shared__ unsigned long long cupp_shared[];
  Acc* local = reinterpret_cast<Acc*>(cupp_shared);
  if (use_shared) {
    for (long long j = threadIdx.x; j < nbins; j += blockDim.x) local[j] = Acc(0);
    __syncthreads();
  }
  for (long long i : cupp::grid_stride(n)) {
    const long long b = bin_of(a[i]);
    if (b < 0) continue;
    const Acc v = w ? static_cast<Acc>(w[i]) : Acc(1);
    atomicAdd(use_shared ? local + b : hist + b, v);
  }
  if (use_shared) {
    __syncthreads();
    for (long long j = threadIdx.x; j < nbins; j += blockDim.x)
      if (local[j] != Acc(0)) atomicAdd(hist + j, local[j]);
  }
}

extern "C" __global__ void CUPP_UNIFORM_NAME(const cupp_in_t* __restrict__ a,
                                             const double* __restrict__ w, void* hist, long long n,
                                             const cupp_bin_t* __restrict__ edges, long long nbins,
                                             double first, double last, double denom,
                                             int use_shared) {
  cupp_uniform_bins bins;
  bins.edges = edges;
  bins.nbins = nbins;
  bins.first = static_cast<cupp_c_t>(first);
  bins.last = static_cast<cupp_c_t>(last);
  bins.denom = static_cast<cupp_c_t>(denom);
  bins.count = cupp_rnd(static_cast<cupp_c_t>(nbins));
  if (w)
    cupp_count(a, w, static_cast<double*>(hist), n, nbins, use_shared, bins);
  else
    cupp_count(a, w, static_cast<unsigned long long*>(hist), n, nbins, use_shared, bins);
}

extern "C" __global__ void CUPP_EDGES_NAME(const cupp_in_t* __restrict__ a,
                                           const double* __restrict__ w, void* hist, long long n,
                                           const double* __restrict__ edges, long long nbins,
                                           int use_shared) {
  cupp_edge_bins bins;
  bins.edges = edges;
  bins.nbins = nbins;
  if (w)
    cupp_count(a, w, static_cast<double*>(hist), n, nbins, use_shared, bins);
  else
    cupp_count(a, w, static_cast<unsigned long long*>(hist), n, nbins, use_shared, bins);
}

extern "C" __global__ void CUPP_BINCOUNT_NAME(const cupp_in_t* __restrict__ x,
                                              const double* __restrict__ w, void* out,
                                              long long n) {
  for (long long i : cupp::grid_stride(n)) {
    const long long b = static_cast<long long>(x[i]);
    if (w)
      atomicAdd(static_cast<double*>(out) + b, w[i]);
    else
      atomicAdd(static_cast<unsigned long long*>(out) + b, 1ull);
  }
}
