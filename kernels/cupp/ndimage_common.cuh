// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// What the ndimage kernels share: the boundary modes of SciPy's filters, as an index map.
// The mode codes are those of cupp::scipy::ndimage::detail::boundary
// (include/cupp/scipy/ndimage/common.hpp).
#pragma once

#if defined(__CUDACC__) || defined(__CUDACC_RTC__)
#define CUPP_NDI_FN __host__ __device__ __forceinline__
#else
#define CUPP_NDI_FN inline  // host code (tests) includes this header too
#endif

enum {
  cupp_ndi_nearest = 0,
  cupp_ndi_wrap = 1,
  cupp_ndi_reflect = 2,
  cupp_ndi_mirror = 3,
  cupp_ndi_constant = 4,
  cupp_ndi_grid_wrap = 5,
  cupp_ndi_grid_constant = 6
};

// Note [Filter boundaries]: where a filter's footprint reaches past an edge of an axis of length
// n, SciPy extends the line (its NI_ExtendLine) as
//   nearest   a a a | a b c d | d d d    (clamp)
//   wrap      b c d | a b c d | a b c    (period n)
//   reflect   c b a | a b c d | d c b    (period 2n, about the edges' outer halves)
//   mirror    d c b | a b c d | c b a    (period 2n - 2, about the edge elements; n = 1 repeats)
//   constant  k k k | a b c d | k k k    (cval)
// cupp_ndi_filter_index returns the index of the element that position i (any integer) reads,
// or -1 where the mode is constant and i lies outside [0, n).
CUPP_NDI_FN long long cupp_ndi_filter_index(long long i, long long n, int mode) {
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case cupp_ndi_nearest:
      return i < 0 ? 0 : n - 1;
    case cupp_ndi_wrap:
    case cupp_ndi_grid_wrap: {
      const long long r = i % n;
      return r < 0 ? r + n : r;
    }
    case cupp_ndi_reflect: {
      const long long p = 2 * n;
      long long r = i % p;
      if (r < 0) r += p;
      return r < n ? r : p - 1 - r;
    }
    case cupp_ndi_mirror: {
      if (n == 1) return 0;
      const long long p = 2 * n - 2;
      long long r = i % p;
      if (r < 0) r += p;
      return r < n ? r : p - r;
    }
    default:
      return -1;
  }
}
