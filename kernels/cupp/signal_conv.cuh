// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The direct convolution of cupp::scipy::signal (convolve, correlate, convolve2d, correlate2d;
// src/scipy/signal/convolve.cpp). Included after a preamble that includes <cupp/ufunc.cuh> and
// defines the variant:
//   cupp_acc_t       the type the products are summed in (float, double, the complex types, or
//                    long long for integers and bool: modular sums, as NumPy's integer sums)
//   cupp_out_t       the output's storage type
//   CUPP_SIG_K       the most dimensions (the geometry struct's array lengths)
//   CUPP_SIG_NAME    the kernel's name
#pragma once

#include <cupp/indexing.cuh>

// Note [Direct convolution]: every mode of SciPy's direct convolutions is a window of the full
// convolution of the extended input `a` with the kernel `v` (correlations are convolutions with
// the reversed, conjugated kernel, which the routine makes before the launch):
//   out[o] = sum_j a[start + o - j] * v[j]     (per axis; j over the whole kernel)
// `start` is 0 for "full", (k - 1) / 2 for "same" (SciPy's _centered; correlate2d's "same" is
// k / 2) and min(n, k) - 1 for "valid". Where start + o - j leaves the input, the boundary
// decides: fill (0, or convolve2d's fillvalue), wrap (period n) or symm (the input mirrored with
// its edge repeated, period 2n), as SciPy's _sigtools; savgol_filter adds ndimage's mirror (no
// edge repeated, period 2n - 2) and nearest (the edge value). Both operands arrive C-contiguous in
// cupp_acc_t; one output element per thread, the 1-D and 2-D cases with their own loops.

struct cupp_sig_conv_geom {
  long long out_shape[CUPP_SIG_K];
  long long a_shape[CUPP_SIG_K];
  long long v_shape[CUPP_SIG_K];
  long long start[CUPP_SIG_K];
  int ndim;
  int boundary;   // 0 fill, 1 wrap, 2 symm, 3 mirror, 4 nearest
  int zero_fill;  // 1: the fill value is zero (the 1-D loop then skips the outside taps)
  int unused;
};

// The position p along an axis of length n after the boundary, or -1 for the fill value.
__device__ __forceinline__ long long cupp_sig_extend(long long p, long long n, int boundary) {
  if (p >= 0 && p < n) return p;
  if (boundary == 0) return -1;
  if (boundary == 1) {
    p %= n;
    return p < 0 ? p + n : p;
  }
  if (boundary == 4) return p < 0 ? 0 : n - 1;
  if (boundary == 3) {
    if (n == 1) return 0;
    const long long period = 2 * n - 2;
    p %= period;
    if (p < 0) p += period;
    return p < n ? p : period - p;
  }
  const long long period = 2 * n;
  p %= period;
  if (p < 0) p += period;
  return p < n ? p : period - 1 - p;
}

extern "C" __global__ void CUPP_SIG_NAME(const cupp_acc_t* __restrict__ a,
                                         const cupp_acc_t* __restrict__ v,
                                         cupp_out_t* __restrict__ out, cupp_sig_conv_geom g,
                                         long long total, cupp_acc_t fill) {
  for (long long i : cupp::grid_stride(total)) {
    cupp_acc_t acc = cupp_acc_t(0);
    if (g.ndim == 1) {
      const long long n = g.a_shape[0], k = g.v_shape[0];
      const long long base = g.start[0] + i;
      // The kernel taps whose input lies inside: j in (base - n, base].
      long long lo = base - n + 1, hi = base;
      if (lo < 0) lo = 0;
      if (hi > k - 1) hi = k - 1;
      if (g.boundary == 0 && g.zero_fill) {
        for (long long j = lo; j <= hi; ++j) acc += a[base - j] * v[j];
      } else {
        for (long long j = 0; j < k; ++j) {
          const long long p = cupp_sig_extend(base - j, n, g.boundary);
          acc += (p < 0 ? fill : a[p]) * v[j];
        }
      }
    } else if (g.ndim == 2) {
      const long long n0 = g.a_shape[0], n1 = g.a_shape[1];
      const long long k0 = g.v_shape[0], k1 = g.v_shape[1];
      const long long o1 = i % g.out_shape[1], o0 = i / g.out_shape[1];
      const long long b0 = g.start[0] + o0, b1 = g.start[1] + o1;
      for (long long j0 = 0; j0 < k0; ++j0) {
        const long long p0 = cupp_sig_extend(b0 - j0, n0, g.boundary);
        const cupp_acc_t* vrow = v + j0 * k1;
        if (p0 < 0) {
          for (long long j1 = 0; j1 < k1; ++j1) acc += fill * vrow[j1];
          continue;
        }
        const cupp_acc_t* arow = a + p0 * n1;
        for (long long j1 = 0; j1 < k1; ++j1) {
          const long long p1 = cupp_sig_extend(b1 - j1, n1, g.boundary);
          acc += (p1 < 0 ? fill : arow[p1]) * vrow[j1];
        }
      }
    } else {
      // Any rank: the output's coordinates, then every kernel element in C order.
      long long base[CUPP_SIG_K];
      long long rest = i;
      for (int d = g.ndim - 1; d >= 0; --d) {
        base[d] = g.start[d] + rest % g.out_shape[d];
        rest /= g.out_shape[d];
      }
      long long j[CUPP_SIG_K];
      long long kcount = 1;
      for (int d = 0; d < g.ndim; ++d) {
        j[d] = 0;
        kcount *= g.v_shape[d];
      }
      for (long long e = 0; e < kcount; ++e) {
        long long off = 0;
        bool inside = true;
        for (int d = 0; d < g.ndim; ++d) {
          const long long p = cupp_sig_extend(base[d] - j[d], g.a_shape[d], g.boundary);
          if (p < 0) {
            inside = false;
            break;
          }
          off = off * g.a_shape[d] + p;
        }
        acc += (inside ? a[off] : fill) * v[e];
        for (int d = g.ndim - 1; d >= 0; --d) {
          if (++j[d] < g.v_shape[d]) break;
          j[d] = 0;
        }
      }
    }
    out[i] = cupp::ufn::cast<cupp_out_t>(acc);
  }
}

// The 2-D direct convolution by tiles: a block computes a 16 x 32 output tile from the input
// tile it needs (boundary applied at the load) and the kernel, both in shared memory, so each
// input element is read from global memory once per tile rather than once per tap. Launched
// with 32 x 8 threads and (16 + k0 - 1) * (32 + k1 - 1) + k0 * k1 elements of shared memory.
extern "C" __global__ void CUPP_SIG_TILE_NAME(const cupp_acc_t* __restrict__ a,
                                              const cupp_acc_t* __restrict__ v,
                                              cupp_out_t* __restrict__ out, cupp_sig_conv_geom g,
                                              cupp_acc_t fill) {
  extern __shared__ __align__(16) unsigned char cupp_sig_smem[];
  cupp_acc_t* tile = reinterpret_cast<cupp_acc_t*>(cupp_sig_smem);
  constexpr int kTileW = 32, kTileH = 16;
  const int k0 = static_cast<int>(g.v_shape[0]), k1 = static_cast<int>(g.v_shape[1]);
  const int tile_w = kTileW + k1 - 1, tile_h = kTileH + k0 - 1;
  cupp_acc_t* weights = tile + tile_h * tile_w;
  const long long o0 = static_cast<long long>(blockIdx.y) * kTileH;
  const long long o1 = static_cast<long long>(blockIdx.x) * kTileW;
  const long long base0 = g.start[0] + o0 - (k0 - 1), base1 = g.start[1] + o1 - (k1 - 1);
  const int threads = blockDim.x * blockDim.y;
  const int self = threadIdx.y * blockDim.x + threadIdx.x;
  for (int idx = self; idx < tile_h * tile_w; idx += threads) {
    const int r = idx / tile_w, c = idx - (idx / tile_w) * tile_w;
    const long long p0 = cupp_sig_extend(base0 + r, g.a_shape[0], g.boundary);
    const long long p1 = cupp_sig_extend(base1 + c, g.a_shape[1], g.boundary);
    tile[idx] = (p0 < 0 || p1 < 0) ? fill : a[p0 * g.a_shape[1] + p1];
  }
  for (int idx = self; idx < k0 * k1; idx += threads) weights[idx] = v[idx];
  __syncthreads();
  const int c = threadIdx.x;
  for (int r = threadIdx.y; r < kTileH; r += blockDim.y) {
    const long long row = o0 + r, col = o1 + c;
    if (row >= g.out_shape[0] || col >= g.out_shape[1]) continue;
    cupp_acc_t acc = cupp_acc_t(0);
    // Output (r, c) reads tile row r + k0 - 1 - j0 and column c + k1 - 1 - j1 for tap (j0, j1).
    for (int j0 = 0; j0 < k0; ++j0) {
      const cupp_acc_t* trow = tile + (r + k0 - 1 - j0) * tile_w + c + k1 - 1;
      const cupp_acc_t* wrow = weights + j0 * k1;
      for (int j1 = 0; j1 < k1; ++j1) acc += trow[-j1] * wrow[j1];
    }
    out[row * g.out_shape[1] + col] = cupp::ufn::cast<cupp_out_t>(acc);
  }
}
