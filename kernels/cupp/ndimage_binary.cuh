// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernels of the binary morphology of cupp::scipy::ndimage (src/scipy/ndimage/
// binary_morphology.cpp) and the neighbourhood walk that cupp_ndi_label_* share
// (kernels/cupp/ndimage_label.cuh). Images are C-contiguous arrays of bytes, 0 or 1 (the
// routines read any other input as input != 0 first).
#pragma once

#include <cupp/indexing.cuh>

/// The most dimensions of an image (the argument struct's array lengths).
#define CUPP_NDI_BINARY_K 32

// Note [Binary morphology kernel]: scipy.ndimage's binary_erosion reduces a neighbourhood given
// as offsets d_k = k - (shape // 2 + origin) of the structure's true elements:
//   erosion   out(p) = AND_k in(p + d_k)        dilation  out(p) = OR_k in(p - d_k)
// where an element outside the image reads border_value, and out(p) = in(p) where the mask is
// false. The host turns dilation into the same walk (offsets negated, OR instead of AND), so one
// kernel does both: `hit` is the value that decides (0 for AND, 1 for OR), and the walk stops at
// the first neighbour that has it. An empty structure gives 1 for erosion and 0 for dilation, as
// SciPy's. The rows (all axes but the last) go to the grid's y dimension and the block's y
// threads, the last axis to x, so a pixel's coordinates need no division in 1-D and 2-D; a
// pixel whose whole neighbourhood lies inside the image (the common case) skips the bounds
// checks. `changed` (when given) is set when some pixel differs from its input, for the
// iterations until nothing changes. Reading and writing the same image is allowed: the host does
// so only where the iteration is monotone (Note [Binary iterations] in binary_morphology.cpp).
struct cupp_ndi_binary_geom {
  long long shape[CUPP_NDI_BINARY_K];
  long long lo[CUPP_NDI_BINARY_K];  // the smallest offset along each axis (<= 0)
  long long hi[CUPP_NDI_BINARY_K];  // the largest (>= 0)
  long long rows;                   // the product of all axes but the last
  long long cols;                   // the last axis (1 for a 0-d image)
  int ndim;
  int count;  // neighbours: `count` records of ndim + 1 numbers, the flat offset then the axes'
};

/// A pixel's coordinates (row r, column x): c[0..ndim). ND > 0 fixes the rank at compile time
/// (the arrays stay in registers); ND == 0 reads g.ndim.
template <int ND>
__device__ __forceinline__ bool cupp_ndi_coords(const cupp_ndi_binary_geom& g, long long r,
                                                long long x, long long* c) {
  const int nd = ND > 0 ? ND : g.ndim;
  if (nd == 0) return true;
  c[nd - 1] = x;
  long long rem = r;
  for (int d = nd - 2; d > 0; --d) {
    c[d] = rem % g.shape[d];
    rem /= g.shape[d];
  }
  if (nd >= 2) c[0] = rem;
  bool interior = true;
  for (int d = 0; d < nd; ++d)
    interior = interior && c[d] + g.lo[d] >= 0 && c[d] + g.hi[d] < g.shape[d];
  return interior;
}

/// Whether neighbour record `e` (flat offset, then one offset per axis) of a pixel at c lies in
/// the image.
template <int ND>
__device__ __forceinline__ bool cupp_ndi_inside(const cupp_ndi_binary_geom& g, const long long* c,
                                                const long long* __restrict__ e) {
  const int nd = ND > 0 ? ND : g.ndim;
  bool inside = true;
  for (int d = 0; d < nd; ++d) {
    const long long q = c[d] + e[1 + d];
    inside = inside && q >= 0 && q < g.shape[d];
  }
  return inside;
}

template <int ND>
__device__ __forceinline__ void cupp_ndi_binary_erosion_body(
    const unsigned char* in, unsigned char* out, const unsigned char* __restrict__ mask,
    int mask_sense, const cupp_ndi_binary_geom& g, const long long* __restrict__ rec, int hit,
    int border, int* changed) {
  const long long x = static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (x >= g.cols) return;
  const int nd = ND > 0 ? ND : g.ndim;
  const int width = nd + 1;
  long long c[ND > 0 ? ND : CUPP_NDI_BINARY_K];
  bool any_change = false;
  for (long long r = static_cast<long long>(blockIdx.y) * blockDim.y + threadIdx.y; r < g.rows;
       r += static_cast<long long>(gridDim.y) * blockDim.y) {
    const long long i = r * g.cols + x;
    const unsigned char v = in[i] != 0;
    unsigned char res = v;
    if (mask == nullptr || (mask[i] != 0) == (mask_sense != 0)) {
      const bool interior = cupp_ndi_coords<ND>(g, r, x, c);
      res = static_cast<unsigned char>(!hit);
      for (int k = 0; k < g.count; ++k) {
        const long long* e = rec + static_cast<long long>(k) * width;
        int val;
        if (interior || cupp_ndi_inside<ND>(g, c, e))
          val = in[i + e[0]] != 0;
        else
          val = border;
        if (val == hit) {
          res = static_cast<unsigned char>(hit);
          break;
        }
      }
    }
    if (res != v) {
      out[i] = res;
      any_change = true;
    } else if (in != out) {
      out[i] = res;
    }
  }
  if (any_change && changed != nullptr) *changed = 1;
}

#define CUPP_NDI_BINARY_EROSION(name, nd)                                                         \
  extern "C" __global__ void name(const unsigned char* in, unsigned char* out,                    \
                                  const unsigned char* __restrict__ mask, int mask_sense,         \
                                  cupp_ndi_binary_geom g, const long long* __restrict__ rec,      \
                                  int hit, int border, int* changed) {                            \
    cupp_ndi_binary_erosion_body<nd>(in, out, mask, mask_sense, g, rec, hit, border, changed);    \
  }
CUPP_NDI_BINARY_EROSION(cupp_ndi_binary_erosion_1d, 1)
CUPP_NDI_BINARY_EROSION(cupp_ndi_binary_erosion_2d, 2)
CUPP_NDI_BINARY_EROSION(cupp_ndi_binary_erosion_3d, 3)
CUPP_NDI_BINARY_EROSION(cupp_ndi_binary_erosion_nd, 0)
#undef CUPP_NDI_BINARY_EROSION

/// out = (a == nullptr || a != 0) && b == 0, element by element: binary_hit_or_miss's
/// combination and binary_fill_holes' complement.
extern "C" __global__ void cupp_ndi_binary_and_not(const unsigned char* __restrict__ a,
                                                   const unsigned char* __restrict__ b,
                                                   unsigned char* __restrict__ out, long long n) {
  for (long long i : cupp::grid_stride(n))
    out[i] = static_cast<unsigned char>((a == nullptr || a[i] != 0) && b[i] == 0);
}
