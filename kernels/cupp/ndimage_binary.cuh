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

// Note [Binary tiles]: the 2-D images whose rows are whole 32-bit words (cols % 4 == 0, aligned)
// take cupp_ndi_binary_erosion_tile instead: a block of 32 x 8 threads makes 128 columns x 32
// rows, each thread four pixels (one word) in each of four rows. The block first copies its
// tile and halo into shared memory as words of four 0/1 bytes (the outside filled with the
// border value), then each neighbour record is a row offset, a word offset and a __byte_perm
// selector that shifts the pair of words at that offset by the column offset's remainder: one
// AND (erosion) or OR (dilation) makes four pixels at once. Each pixel is read from global
// memory about once per pass instead of once per neighbour. In place (`settle`, the monotone
// iterations of Note [Binary iterations]) the block writes its new values into the tile and
// repeats until the tile stops changing before it writes them out: a change crosses the whole
// tile in one pass instead of one pixel (binary_fill_holes, binary_propagation). The halo keeps
// the values it was loaded with, which are never past the fixed point, so the iteration stays
// monotone and ends at the same image.
#define CUPP_NDI_TILE_ROWS 32
/// The most neighbour records the tile kernel takes (they travel in its argument struct).
#define CUPP_NDI_TILE_RECORDS 64

struct cupp_ndi_tile_args {
  int rec[3 * CUPP_NDI_TILE_RECORDS];  // per record: row offset, word offset, __byte_perm selector
  int count;
  int lo_y, hi_y;  // the halo's rows above (<= 0) and below (>= 0)
  int wl, wh;      // the halo's words left (<= 0) and right (>= 1)
};

/// Each byte of w made 0 or 1 (any nonzero byte is true).
__device__ __forceinline__ unsigned cupp_ndi_bytes01(unsigned w) {
  w |= w >> 4;
  w |= w >> 2;
  w |= w >> 1;
  return w & 0x01010101u;
}

extern "C" __global__ void __launch_bounds__(256) cupp_ndi_binary_erosion_tile(
    const unsigned* in, unsigned* out, const unsigned* __restrict__ mask, int mask_sense,
    long long rows, long long wcols, cupp_ndi_tile_args a, int hit, int border, int settle,
    int* changed) {
  extern __shared__ unsigned cupp_ndi_tile[];
  const int lo_y = a.lo_y, hi_y = a.hi_y, wl = a.wl, wh = a.wh;
  const int tw_count = 32 + wh - wl;
  const int th_count = CUPP_NDI_TILE_ROWS + hi_y - lo_y;
  const long long r0 = static_cast<long long>(blockIdx.y) * CUPP_NDI_TILE_ROWS;
  const long long c0 = static_cast<long long>(blockIdx.x) * 32;
  const unsigned border_word = border ? 0x01010101u : 0u;
  const int tid = threadIdx.y * 32 + threadIdx.x;
  for (int t = tid; t < tw_count * th_count; t += 256) {
    const long long gr = r0 + lo_y + t / tw_count;
    const long long gw = c0 + wl + t % tw_count;
    cupp_ndi_tile[t] = gr >= 0 && gr < rows && gw >= 0 && gw < wcols
                           ? cupp_ndi_bytes01(in[gr * wcols + gw])
                           : border_word;
  }
  __syncthreads();
  const int tx = threadIdx.x, ty = threadIdx.y;
  const long long cw = c0 + tx;
  // The thread's words: whether each lies in the image, its mask (0x01 where the pixel may
  // change) and its value when the tile was loaded.
  bool valid[4];
  unsigned m[4], first[4];
  for (int k = 0; k < 4; ++k) {
    const long long row = r0 + ty + 8 * k;
    valid[k] = cw < wcols && row < rows;
    m[k] = 0x01010101u;
    if (valid[k] && mask != nullptr) {
      m[k] = cupp_ndi_bytes01(mask[row * wcols + cw]);
      if (!mask_sense) m[k] ^= 0x01010101u;
    }
    first[k] = cupp_ndi_tile[(ty + 8 * k - lo_y) * tw_count + tx - wl];
  }
  for (;;) {
    unsigned acc[4];
    for (int k = 0; k < 4; ++k) acc[k] = hit ? 0u : 0x01010101u;
    for (int j = 0; j < a.count; ++j) {
      const int dy = a.rec[3 * j], dw = a.rec[3 * j + 1];
      const unsigned sel = static_cast<unsigned>(a.rec[3 * j + 2]);
      for (int k = 0; k < 4; ++k) {
        const int base = (ty + 8 * k - lo_y + dy) * tw_count + tx - wl + dw;
        const unsigned v = __byte_perm(cupp_ndi_tile[base], cupp_ndi_tile[base + 1], sel);
        acc[k] = hit ? (acc[k] | v) : (acc[k] & v);
      }
    }
    if (!settle) {
      for (int k = 0; k < 4; ++k) first[k] = (acc[k] & m[k]) | (first[k] & (m[k] ^ 0x01010101u));
      break;
    }
    // Settling (in place only): the new values go into the tile and the block repeats until its
    // tile stops changing (Note [Binary tiles]).
    __syncthreads();
    bool moved = false;
    for (int k = 0; k < 4; ++k) {
      const int at = (ty + 8 * k - lo_y) * tw_count + tx - wl;
      const unsigned cur = cupp_ndi_tile[at];
      const unsigned res = (acc[k] & m[k]) | (cur & (m[k] ^ 0x01010101u));
      if (valid[k] && res != cur) {
        cupp_ndi_tile[at] = res;
        moved = true;
      }
    }
    if (!__syncthreads_or(moved)) {
      bool any_change = false;
      for (int k = 0; k < 4; ++k) {
        const unsigned cur = cupp_ndi_tile[(ty + 8 * k - lo_y) * tw_count + tx - wl];
        if (!valid[k] || cur == first[k]) continue;
        out[(r0 + ty + 8 * k) * wcols + cw] = cur;
        any_change = true;
      }
      if (any_change && changed != nullptr) *changed = 1;
      return;
    }
  }
  bool any_change = false;
  for (int k = 0; k < 4; ++k) {
    if (!valid[k]) continue;
    const long long at = (r0 + ty + 8 * k) * wcols + cw;
    const unsigned v = cupp_ndi_tile[(ty + 8 * k - lo_y) * tw_count + tx - wl];
    if (first[k] != v) any_change = true;
    if (first[k] != v || in != out) out[at] = first[k];
  }
  if (any_change && changed != nullptr) *changed = 1;
}

/// out = (a == nullptr || a != 0) && b == 0, element by element: binary_hit_or_miss's
/// combination and binary_fill_holes' complement.
extern "C" __global__ void cupp_ndi_binary_and_not(const unsigned char* __restrict__ a,
                                                   const unsigned char* __restrict__ b,
                                                   unsigned char* __restrict__ out, long long n) {
  for (long long i : cupp::grid_stride(n))
    out[i] = static_cast<unsigned char>((a == nullptr || a[i] != 0) && b[i] == 0);
}
