// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernels of the rank, generic and grey-morphology filters of cupp::scipy::ndimage
// (src/scipy/ndimage/rank_filters.cpp). Included after a preamble that includes <cupp/ufunc.cuh>
// and defines the variant:
//   cupp_c_t          the type the values are compared in (float or double)
//   cupp_out_t        the output's storage type
//   CUPP_NDI_K        the most dimensions (the geometry struct's array lengths)
//   CUPP_NDI_NAME     the kernel's name
//   CUPP_NDI_KERNEL   which kernel: 1 the N-D gather, 2 the separable min/max pass, 3 the 2-D
//                     rectangle with a sorting network, 4 the generic 1-D filter, 5 the 2-D
//                     rectangular min/max with both passes in shared memory
//   CUPP_NDI_OP       (gather) 0 minimum, 1 maximum, 2 rank, 3 generic
//   CUPP_NDI_STRUCTURE (gather, min/max) 1: a non-flat structure is added (max) or subtracted
//   CUPP_NDI_LOCAL    (gather, rank and generic) the per-thread value buffer's length; 0 reads
//                     and writes a global scratch buffer instead
//   CUPP_NDI_KH, CUPP_NDI_KW, CUPP_NDI_RANK  (rectangle) the footprint and the rank
// For the generic filters the source ends with the user's function, `CUPP_NDI_USER_FUNCTION {
// <body> }`, the signature declared below.
#pragma once

#include <cupp/indexing.cuh>
#include <cupp/ndimage_common.cuh>

// Note [Rank filter kernels]: every kernel reads a C-contiguous input already in cupp_c_t (the
// routine converts other layouts and dtypes first, once) and writes a C-contiguous output,
// converting with cupp::ufn::cast as SciPy's C code casts its double results. The footprint's
// offsets are relative to the output element: footprint position k along an axis of footprint
// length L and origin o reads input position i + k - (L / 2 + o), SciPy's filter offsets.
//
// - The gather (1) takes any footprint in any number of dimensions: one output element per
//   thread, the footprint's linear offsets when the whole footprint lies inside the input (the
//   common case), the boundary map of each axis otherwise. Minimum and maximum keep a running
//   value; rank copies the values into a buffer and selects (Wirth's selection); generic hands
//   the buffer to the user's function as SciPy and CuPy do.
// - The separable pass (2) is minimum_filter1d: a tile of the line (and 32 neighbouring lines
//   where the axis is not the last) goes to shared memory with its halo, boundary applied at the
//   load, and each output is the extreme of `size` consecutive shared values. Rectangular
//   minimum and maximum filters are one pass per axis.
// - The rectangle (3) is a rank filter of a full KH x KW footprint on the last two axes: a
//   32 x 8 tile with its halo in shared memory, each thread's KH * KW values in registers and a
//   Batcher odd-even merge sorting network of compile-time indices (so the values never leave
//   registers); the compiler drops every compare-exchange the chosen rank does not depend on.
// - The 2-D min/max (5) is a rectangular minimum or maximum over the last two axes in one
//   launch: a 32 x 32 output tile with its halo in shared memory, then the extreme down each
//   column of the window into a second shared array, then along each row. Reading the input once
//   halves the traffic of two separable passes; it equals them for any pair of per-axis modes,
//   because the extended image is the product of the two axes' extensions.
// - The generic 1-D filter (4) gives each line, extended by the boundary mode, to the user's
//   function (SciPy's generic_filter1d), one thread per line, lines in a global scratch buffer.

struct cupp_ndi_geom {
  long long shape[CUPP_NDI_K];
  long long stride[CUPP_NDI_K];    // C strides of the input (and output), in elements
  long long reach_lo[CUPP_NDI_K];  // the least and greatest footprint offset along each axis
  long long reach_hi[CUPP_NDI_K];
  int ndim;
};

__device__ __forceinline__ cupp_c_t cupp_ndi_min(cupp_c_t a, cupp_c_t b) { return b < a ? b : a; }
__device__ __forceinline__ cupp_c_t cupp_ndi_max(cupp_c_t a, cupp_c_t b) { return b > a ? b : a; }

#if CUPP_NDI_KERNEL == 1 && CUPP_NDI_OP == 3
// generic_filter's function, as CuPy's RawKernel form: the footprint's values in, one value out.
#define CUPP_NDI_USER_FUNCTION \
  __device__ void cupp_ndi_user_function(double* buffer, int filter_size, double* return_value)
CUPP_NDI_USER_FUNCTION;
#endif
#if CUPP_NDI_KERNEL == 4
// generic_filter1d's function, as CuPy's RawKernel form: the extended line in, the line out.
#define CUPP_NDI_USER_FUNCTION                                                       \
  __device__ void cupp_ndi_user_function(double* input_line, long long input_length, \
                                         double* output_line, long long output_length)
CUPP_NDI_USER_FUNCTION;
#endif

#if CUPP_NDI_KERNEL == 1 && (CUPP_NDI_OP == 2)
// Wirth's selection: a[k] becomes the k-th smallest of a[0, n), in place.
__device__ __forceinline__ cupp_c_t cupp_ndi_select(cupp_c_t* a, int n, int k) {
  int lo = 0, hi = n - 1;
  while (lo < hi) {
    const cupp_c_t x = a[k];
    int i = lo, j = hi;
    do {
      while (a[i] < x) ++i;
      while (x < a[j]) --j;
      if (i <= j) {
        const cupp_c_t t = a[i];
        a[i] = a[j];
        a[j] = t;
        ++i;
        --j;
      }
    } while (i <= j);
    if (j < k) lo = i;
    if (k < i) hi = j;
  }
  return a[k];
}
#endif

#if CUPP_NDI_KERNEL == 1
// The gather: `offs` holds count x ndim offsets (per axis), `lin` the count linear offsets.
extern "C" __global__ void CUPP_NDI_NAME(const cupp_c_t* __restrict__ in,
                                         cupp_out_t* __restrict__ out, cupp_ndi_geom g,
                                         const int* __restrict__ offs,
                                         const long long* __restrict__ lin,
                                         const double* __restrict__ structure, int count, int rank,
                                         int mode, double cval, long long total,
                                         void* __restrict__ scratch) {
  const cupp_c_t cv = static_cast<cupp_c_t>(cval);
  const int nd = g.ndim;
#if CUPP_NDI_OP >= 2
#if CUPP_NDI_LOCAL > 0
  cupp_c_t local[CUPP_NDI_LOCAL];
  cupp_c_t* buf = local;
#else
  cupp_c_t* buf =
      static_cast<cupp_c_t*>(scratch) + static_cast<long long>(cupp::global_thread_id()) * count;
#endif
#endif
  for (long long i : cupp::grid_stride(total)) {
    long long coord[CUPP_NDI_K];
    long long rest = i;
    bool inside = true;
    for (int d = nd - 1; d >= 0; --d) {
      const long long n = g.shape[d];
      const long long c = rest % n;
      rest /= n;
      coord[d] = c;
      inside = inside && c + g.reach_lo[d] >= 0 && c + g.reach_hi[d] < n;
    }
#if CUPP_NDI_OP <= 1
    cupp_c_t acc = cv;  // overwritten by the first value (count >= 1)
#endif
    for (int k = 0; k < count; ++k) {
      cupp_c_t v;
      if (inside) {
        v = in[i + lin[k]];
      } else {
        long long at = 0;
        bool outside = false;
        for (int d = 0; d < nd; ++d) {
          const long long j = cupp_ndi_filter_index(coord[d] + offs[k * nd + d], g.shape[d], mode);
          if (j < 0) {
            outside = true;
            break;
          }
          at += j * g.stride[d];
        }
        v = outside ? cv : in[at];
      }
#if CUPP_NDI_OP <= 1
#if CUPP_NDI_STRUCTURE
#if CUPP_NDI_OP == 0
      v = v - static_cast<cupp_c_t>(structure[k]);
#else
      v = v + static_cast<cupp_c_t>(structure[k]);
#endif
#endif
#if CUPP_NDI_OP == 0
      acc = k == 0 ? v : cupp_ndi_min(acc, v);
#else
      acc = k == 0 ? v : cupp_ndi_max(acc, v);
#endif
#else
      buf[k] = v;
#endif
    }
#if CUPP_NDI_OP <= 1
    out[i] = cupp::ufn::cast<cupp_out_t>(acc);
#elif CUPP_NDI_OP == 2
    out[i] = cupp::ufn::cast<cupp_out_t>(cupp_ndi_select(buf, count, rank));
#else
    double r = 0.0;
    cupp_ndi_user_function(buf, count, &r);
    out[i] = cupp::ufn::cast<cupp_out_t>(r);
#endif
  }
}
#endif

#if CUPP_NDI_KERNEL == 2
// One pass of minimum_filter1d / maximum_filter1d along the middle axis of (outer, n, inner).
// Block (bx, by): bx neighbouring lines (inner positions), by threads along the axis, each
// writing `per` outputs of the tile of by * per positions. `direct` reads the input without the
// shared tile (a window too long for shared memory).
extern "C" __global__ void CUPP_NDI_NAME(const cupp_c_t* __restrict__ in,
                                         cupp_out_t* __restrict__ out, long long outer, long long n,
                                         long long inner, int size, int center, int mode,
                                         double cval, int minimum, int per, int direct) {
  extern __shared__ unsigned char cupp_ndi_smem[];
  cupp_c_t* tile = reinterpret_cast<cupp_c_t*>(cupp_ndi_smem);
  const cupp_c_t cv = static_cast<cupp_c_t>(cval);
  const int bx = blockDim.x, by = blockDim.y;
  const long long c = static_cast<long long>(blockIdx.x) * bx + threadIdx.x;
  const long long span = static_cast<long long>(by) * per;
  const long long tiles = (n + span - 1) / span;
  const int rows = static_cast<int>(span) + size - 1;
  for (long long o = blockIdx.z; o < outer; o += gridDim.z) {
    const cupp_c_t* line = in + o * n * inner;
    cupp_out_t* oline = out + o * n * inner;
    for (long long tile_index = blockIdx.y; tile_index < tiles; tile_index += gridDim.y) {
      const long long start = tile_index * span;
      if (!direct) {
        __syncthreads();
        for (int r = threadIdx.y; r < rows; r += by) {
          const long long j = cupp_ndi_filter_index(start - center + r, n, mode);
          cupp_c_t v = cv;
          if (c < inner && j >= 0) v = line[j * inner + c];
          tile[r * bx + threadIdx.x] = v;
        }
        __syncthreads();
      }
      if (c >= inner) continue;
      for (int q = 0; q < per; ++q) {
        const int r = threadIdx.y + q * by;  // the tile row of this output
        const long long pos = start + r;
        if (pos >= n) break;
        cupp_c_t acc;
        if (!direct) {
          acc = tile[r * bx + threadIdx.x];
          if (minimum) {
            for (int t = 1; t < size; ++t)
              acc = cupp_ndi_min(acc, tile[(r + t) * bx + threadIdx.x]);
          } else {
            for (int t = 1; t < size; ++t)
              acc = cupp_ndi_max(acc, tile[(r + t) * bx + threadIdx.x]);
          }
        } else {
          acc = cv;
          for (int t = 0; t < size; ++t) {
            const long long j = cupp_ndi_filter_index(pos - center + t, n, mode);
            const cupp_c_t v = j >= 0 ? line[j * inner + c] : cv;
            acc = t == 0 ? v : (minimum ? cupp_ndi_min(acc, v) : cupp_ndi_max(acc, v));
          }
        }
        oline[pos * inner + c] = cupp::ufn::cast<cupp_out_t>(acc);
      }
    }
  }
}
#endif

#if CUPP_NDI_KERNEL == 3
#define CUPP_NDI_N (CUPP_NDI_KH * CUPP_NDI_KW)
#define CUPP_NDI_TX 32
#define CUPP_NDI_TY 8

// One instruction each (FMNMX) where a comparison and a select take two: the network is
// compute-bound. They differ from the filters' comparisons only for NaN, whose place in a
// sorted window SciPy does not define either.
__device__ __forceinline__ float cupp_ndi_lo(float a, float b) { return fminf(a, b); }
__device__ __forceinline__ float cupp_ndi_hi(float a, float b) { return fmaxf(a, b); }
__device__ __forceinline__ double cupp_ndi_lo(double a, double b) { return fmin(a, b); }
__device__ __forceinline__ double cupp_ndi_hi(double a, double b) { return fmax(a, b); }

__device__ __forceinline__ void cupp_ndi_exchange(cupp_c_t& a, cupp_c_t& b) {
  const cupp_c_t lo = cupp_ndi_lo(a, b);
  b = cupp_ndi_hi(a, b);
  a = lo;
}

// Batcher's odd-even merge sort of CUPP_NDI_N values as a table of compare-exchange pairs,
// computed at compile time; the sort below walks it in a fully unrolled loop, so every index is
// a constant and the values stay in registers.
struct cupp_ndi_pairs {
  unsigned char a[1024];
  unsigned char b[1024];
  int count;
};

__host__ __device__ constexpr cupp_ndi_pairs cupp_ndi_batcher(int n) {
  cupp_ndi_pairs t{};
  t.count = 0;
  for (int p = 1; p < n; p <<= 1)
    for (int k = p; k >= 1; k >>= 1)
      for (int j = k % p; j + k < n; j += 2 * k)
        for (int i = 0; i < k && i + j + k < n; ++i)
          if ((i + j) / (2 * p) == (i + j + k) / (2 * p)) {
            t.a[t.count] = static_cast<unsigned char>(i + j);
            t.b[t.count] = static_cast<unsigned char>(i + j + k);
            ++t.count;
          }
  return t;
}

__device__ __forceinline__ void cupp_ndi_sort_network(cupp_c_t* v) {
  constexpr cupp_ndi_pairs t = cupp_ndi_batcher(CUPP_NDI_N);
#pragma unroll
  for (int c = 0; c < t.count; ++c) cupp_ndi_exchange(v[t.a[c]], v[t.b[c]]);
}

// The input as (batch, h, w); the footprint's top-left element reads (y - cy, x - cx).
extern "C" __global__ void CUPP_NDI_NAME(const cupp_c_t* __restrict__ in,
                                         cupp_out_t* __restrict__ out, long long batch, long long h,
                                         long long w, int cy, int cx, int mode, double cval) {
  __shared__ cupp_c_t tile[CUPP_NDI_TY + CUPP_NDI_KH - 1][CUPP_NDI_TX + CUPP_NDI_KW - 1];
  const cupp_c_t cv = static_cast<cupp_c_t>(cval);
  const long long x0 = static_cast<long long>(blockIdx.x) * CUPP_NDI_TX;
  const long long y0 = static_cast<long long>(blockIdx.y) * CUPP_NDI_TY;
  const int tid = threadIdx.y * CUPP_NDI_TX + threadIdx.x;
  constexpr int th = CUPP_NDI_TY + CUPP_NDI_KH - 1, tw = CUPP_NDI_TX + CUPP_NDI_KW - 1;
  const bool interior = y0 - cy >= 0 && y0 - cy + th <= h && x0 - cx >= 0 && x0 - cx + tw <= w;
  for (long long b = blockIdx.z; b < batch; b += gridDim.z) {
    const cupp_c_t* plane = in + b * h * w;
    __syncthreads();
    for (int t = tid; t < th * tw; t += CUPP_NDI_TX * CUPP_NDI_TY) {
      const int r = t / tw, q = t % tw;
      cupp_c_t v;
      if (interior) {
        v = plane[(y0 - cy + r) * w + (x0 - cx + q)];
      } else {
        const long long yy = cupp_ndi_filter_index(y0 - cy + r, h, mode);
        const long long xx = cupp_ndi_filter_index(x0 - cx + q, w, mode);
        v = yy >= 0 && xx >= 0 ? plane[yy * w + xx] : cv;
      }
      tile[r][q] = v;
    }
    __syncthreads();
    const long long y = y0 + threadIdx.y, x = x0 + threadIdx.x;
    if (y >= h || x >= w) continue;
    cupp_c_t v[CUPP_NDI_N];
#pragma unroll
    for (int r = 0; r < CUPP_NDI_KH; ++r) {
#pragma unroll
      for (int q = 0; q < CUPP_NDI_KW; ++q)
        v[r * CUPP_NDI_KW + q] = tile[threadIdx.y + r][threadIdx.x + q];
    }
    cupp_ndi_sort_network(v);
    out[(b * h + y) * w + x] = cupp::ufn::cast<cupp_out_t>(v[CUPP_NDI_RANK]);
  }
}
#endif

#if CUPP_NDI_KERNEL == 4
// Lines [first, first + lines) of (outer, n, inner); line l is (l / inner, :, l % inner). Each
// thread's scratch holds its extended line (n + size - 1) then its output line (n).
extern "C" __global__ void CUPP_NDI_NAME(const cupp_c_t* __restrict__ in,
                                         cupp_out_t* __restrict__ out, long long n, long long inner,
                                         long long first, long long lines, int size, int center,
                                         int mode, double cval, double* __restrict__ scratch) {
  const long long ext = n + size - 1;
  for (long long t : cupp::grid_stride(lines)) {
    const long long l = first + t;
    const long long base = (l / inner) * n * inner + l % inner;
    double* line = scratch + t * (ext + n);
    double* result = line + ext;
    for (long long k = 0; k < ext; ++k) {
      const long long j = cupp_ndi_filter_index(k - center, n, mode);
      line[k] = j >= 0 ? static_cast<double>(in[base + j * inner]) : cval;
    }
    cupp_ndi_user_function(line, ext, result, n);
    for (long long k = 0; k < n; ++k)
      out[base + k * inner] = cupp::ufn::cast<cupp_out_t>(result[k]);
  }
}
#endif

#if CUPP_NDI_KERNEL == 5
// The input as (batch, h, w); a window of kh x kw whose top-left element reads (y - cy, x - cx);
// a block of 32 x 8 threads writes a 32 x 32 tile, each thread four rows.
extern "C" __global__ void CUPP_NDI_NAME(const cupp_c_t* __restrict__ in,
                                         cupp_out_t* __restrict__ out, long long batch, long long h,
                                         long long w, int kh, int kw, int cy, int cx, int mode_y,
                                         int mode_x, double cval, int minimum) {
  extern __shared__ unsigned char cupp_ndi_smem[];
  constexpr int tx = 32, ty = 32;
  const int th = ty + kh - 1, tw = tx + kw - 1;
  cupp_c_t* tile = reinterpret_cast<cupp_c_t*>(cupp_ndi_smem);  // th x tw
  cupp_c_t* column = tile + th * tw;                            // ty x tw
  const cupp_c_t cv = static_cast<cupp_c_t>(cval);
  const long long x0 = static_cast<long long>(blockIdx.x) * tx;
  const long long y0 = static_cast<long long>(blockIdx.y) * ty;
  const bool interior = y0 - cy >= 0 && y0 - cy + th <= h && x0 - cx >= 0 && x0 - cx + tw <= w;
  for (long long b = blockIdx.z; b < batch; b += gridDim.z) {
    const cupp_c_t* plane = in + b * h * w;
    __syncthreads();
    // Rows to the y threads, columns to the x threads: coalesced, and no divisions.
    for (int r = threadIdx.y; r < th; r += blockDim.y) {
      const long long yy = interior ? y0 - cy + r : cupp_ndi_filter_index(y0 - cy + r, h, mode_y);
      for (int q = threadIdx.x; q < tw; q += blockDim.x) {
        cupp_c_t v;
        if (interior) {
          v = plane[yy * w + (x0 - cx + q)];
        } else {
          const long long xx = cupp_ndi_filter_index(x0 - cx + q, w, mode_x);
          v = yy >= 0 && xx >= 0 ? plane[yy * w + xx] : cv;
        }
        tile[r * tw + q] = v;
      }
    }
    __syncthreads();
    for (int r = threadIdx.y; r < ty; r += blockDim.y) {
      for (int q = threadIdx.x; q < tw; q += blockDim.x) {
        cupp_c_t acc = tile[r * tw + q];
        if (minimum) {
          for (int k = 1; k < kh; ++k) acc = cupp_ndi_min(acc, tile[(r + k) * tw + q]);
        } else {
          for (int k = 1; k < kh; ++k) acc = cupp_ndi_max(acc, tile[(r + k) * tw + q]);
        }
        column[r * tw + q] = acc;
      }
    }
    __syncthreads();
    const long long x = x0 + threadIdx.x;
    for (int r = threadIdx.y; r < ty; r += blockDim.y) {
      const long long y = y0 + r;
      if (y >= h || x >= w) continue;
      const cupp_c_t* row = column + r * tw + threadIdx.x;
      cupp_c_t acc = row[0];
      if (minimum) {
        for (int k = 1; k < kw; ++k) acc = cupp_ndi_min(acc, row[k]);
      } else {
        for (int k = 1; k < kw; ++k) acc = cupp_ndi_max(acc, row[k]);
      }
      out[(b * h + y) * w + x] = cupp::ufn::cast<cupp_out_t>(acc);
    }
  }
}
#endif
