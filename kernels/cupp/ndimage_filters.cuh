// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernels of the linear filters of cupp::scipy::ndimage (src/scipy/ndimage/filters.cpp):
// correlate1d (and through it convolve1d, the Gaussian, Sobel, Prewitt and Laplace filters),
// uniform_filter1d and the N-D correlate. The arithmetic of one output element and the casts to
// the output type come first and compile on the host too (the tests run them against SciPy's
// results); the kernels follow, for NVRTC only, after a preamble that defines the variant:
//   cupp_ndi_in_t, cupp_ndi_out_t   the element types of the input and the output
//   cupp_ndi_acc_t                  float or double: what the sums are computed in
//   CUPP_NDI_K                      the most dimensions (the argument structs' array lengths)
//   CUPP_NDI_LINE_NAME              the 1-D pass, cupp_ndi_correlate1d_<in>_<out>
//   CUPP_NDI_ND_NAME                the N-D correlation, cupp_ndi_correlate_<in>_<out>
//   CUPP_NDI_2D_NAME                its tiled 2-D form, cupp_ndi_correlate2d_<in>_<out>
#pragma once

#include <cupp/ndimage_common.cuh>

// Note [Filter arithmetic]: SciPy converts every input element to double, sums in double and
// casts the sum to the output type with C's casts (ni_filters.c). cupp does the same, in the same
// order and without fused multiply-adds, whenever the sum is double, so that integer outputs, which
// truncate, come out as SciPy's bit for bit:
// - correlate1d (NI_Correlate1D): a weights line of odd length whose halves agree within
//   DBL_EPSILON is symmetric: acc = x[0] w[c], then acc += (x[-j] + x[j]) w[c - j] for j from c
//   down to 1; antisymmetric (halves opposite) the same with x[-j] - x[j]; any other line starts
//   from its last tap, acc = x[s2] w[last], then adds x[j] w[j] from the first tap on.
// - uniform_filter1d (NI_UniformFilter1D): the sum of the window divided by its size. SciPy keeps a
//   running sum along the line, which for integer inputs is exact and so equal to the window's sum;
//   for float inputs the two differ by rounding only.
// - correlate (NI_Correlate): taps whose |weight| <= DBL_EPSILON are dropped; acc = 0, then
//   acc += w x over the remaining taps in C order.
// - casts (CASE_FILTER_OUT and CASE_FILTER_OUT_SAFE): a signed type takes C's truncation as x86-64
//   does it (cvttsd2si: the 32-bit conversion for types up to 32 bits, the 64-bit one for int64, a
//   value out of range or NaN giving the minimum, then the low bits); an unsigned type (bool
//   included) takes x > -1 ? (T)x : -(T)(-x) with the same conversions (uint32 through the 64-bit
//   one, uint64 as compilers split it at 2^63), so -2.7 stored as uint8 is 254, as in SciPy.
// For float32 (and 16-bit float) outputs of a float32 (or 16-bit) input the sums are float, as
// cupyx.scipy.ndimage computes them: the result then differs from SciPy's by float32 rounding
// only, and the separable filters run at memory speed.

/// x86-64's cvttsd2si to 32 bits: truncation, INT_MIN for NaN and values out of range.
CUPP_NDI_FN int cupp_ndi_trunc32(double x) {
  return (x > -2147483649.0 && x < 2147483648.0) ? static_cast<int>(x) : (-2147483647 - 1);
}
/// x86-64's cvttsd2si to 64 bits.
CUPP_NDI_FN long long cupp_ndi_trunc64(double x) {
  return (x >= -9223372036854775808.0 && x < 9223372036854775808.0) ? static_cast<long long>(x)
                                                                    : (-9223372036854775807LL - 1);
}
/// double to uint64 as x86-64 compilers emit it: below 2^63 (or NaN) the 64-bit conversion,
/// else the conversion of x - 2^63 with the top bit flipped.
CUPP_NDI_FN unsigned long long cupp_ndi_trunc_u64(double x) {
  if (!(x >= 9223372036854775808.0)) return static_cast<unsigned long long>(cupp_ndi_trunc64(x));
  return static_cast<unsigned long long>(cupp_ndi_trunc64(x - 9223372036854775808.0)) ^
         0x8000000000000000ULL;
}

/// SciPy's cast of a double sum to the output type T (Note [Filter arithmetic]).
template <class T>
struct cupp_ndi_cast {
  CUPP_NDI_FN static T from(double x) { return T(x); }  // float, double, the 16-bit floats
};
template <>
struct cupp_ndi_cast<signed char> {
  CUPP_NDI_FN static signed char from(double x) {
    return static_cast<signed char>(cupp_ndi_trunc32(x));
  }
};
template <>
struct cupp_ndi_cast<short> {
  CUPP_NDI_FN static short from(double x) { return static_cast<short>(cupp_ndi_trunc32(x)); }
};
template <>
struct cupp_ndi_cast<int> {
  CUPP_NDI_FN static int from(double x) { return cupp_ndi_trunc32(x); }
};
template <>
struct cupp_ndi_cast<long long> {
  CUPP_NDI_FN static long long from(double x) { return cupp_ndi_trunc64(x); }
};
template <>
struct cupp_ndi_cast<unsigned char> {
  CUPP_NDI_FN static unsigned char from(double x) {
    if (x > -1.0) return static_cast<unsigned char>(cupp_ndi_trunc32(x));
    return static_cast<unsigned char>(-static_cast<unsigned char>(cupp_ndi_trunc32(-x)));
  }
};
template <>
struct cupp_ndi_cast<unsigned short> {
  CUPP_NDI_FN static unsigned short from(double x) {
    if (x > -1.0) return static_cast<unsigned short>(cupp_ndi_trunc32(x));
    return static_cast<unsigned short>(-static_cast<unsigned short>(cupp_ndi_trunc32(-x)));
  }
};
template <>
struct cupp_ndi_cast<unsigned int> {
  CUPP_NDI_FN static unsigned int from(double x) {
    if (x > -1.0) return static_cast<unsigned int>(cupp_ndi_trunc64(x));
    return 0u - static_cast<unsigned int>(cupp_ndi_trunc64(-x));
  }
};
template <>
struct cupp_ndi_cast<unsigned long long> {
  CUPP_NDI_FN static unsigned long long from(double x) {
    if (x > -1.0) return cupp_ndi_trunc_u64(x);
    return 0ULL - cupp_ndi_trunc_u64(-x);
  }
};
template <>
struct cupp_ndi_cast<bool> {
  // npy_bool is an unsigned char: the byte SciPy stores is nonzero exactly when this is true.
  CUPP_NDI_FN static bool from(double x) { return cupp_ndi_cast<unsigned char>::from(x) != 0; }
};

/// a + b and a * b, rounded once each: no fused multiply-add in double (Note [Filter
/// arithmetic]); float sums may fuse.
CUPP_NDI_FN double cupp_ndi_add(double a, double b) {
#if defined(__CUDA_ARCH__)
  return __dadd_rn(a, b);
#else
  return a + b;
#endif
}
CUPP_NDI_FN double cupp_ndi_mul(double a, double b) {
#if defined(__CUDA_ARCH__)
  return __dmul_rn(a, b);
#else
  return a * b;
#endif
}
CUPP_NDI_FN float cupp_ndi_add(float a, float b) { return a + b; }
CUPP_NDI_FN float cupp_ndi_mul(float a, float b) { return a * b; }

/// How a 1-D pass combines its taps: SciPy's three cases of correlate1d, and the box sum of
/// uniform_filter1d (divided by the width).
enum {
  cupp_ndi_general = 0,
  cupp_ndi_symmetric = 1,
  cupp_ndi_antisymmetric = -1,
  cupp_ndi_box = 2,
};

/// One output of a 1-D pass: `x(j)` is the (extended) input line at offset j from the output's
/// position shifted by the origin, j in [-size1, size2]; `w` the weights (w[size1] the centre).
template <class Acc, class X>
CUPP_NDI_FN Acc cupp_ndi_line_point(const X& x, const Acc* w, int size1, int size2, int kind) {
  if (kind == cupp_ndi_box) {
    Acc acc = x(-size1);
    for (int j = -size1 + 1; j <= size2; ++j) acc = cupp_ndi_add(acc, x(j));
    return acc / static_cast<Acc>(size1 + size2 + 1);
  }
  const Acc* fw = w + size1;
  if (kind == cupp_ndi_symmetric) {
    Acc acc = cupp_ndi_mul(x(0), fw[0]);
    for (int j = -size1; j < 0; ++j)
      acc = cupp_ndi_add(acc, cupp_ndi_mul(cupp_ndi_add(x(j), x(-j)), fw[j]));
    return acc;
  }
  if (kind == cupp_ndi_antisymmetric) {
    Acc acc = cupp_ndi_mul(x(0), fw[0]);
    for (int j = -size1; j < 0; ++j)
      acc = cupp_ndi_add(acc, cupp_ndi_mul(cupp_ndi_add(x(j), -x(-j)), fw[j]));
    return acc;
  }
  Acc acc = cupp_ndi_mul(x(size2), fw[size2]);
  for (int j = -size1; j < size2; ++j) acc = cupp_ndi_add(acc, cupp_ndi_mul(x(j), fw[j]));
  return acc;
}

#if defined(__CUDACC_RTC__)

#include <cupp/indexing.cuh>

/// The store of a sum: SciPy's casts for a double sum; a float sum goes to float or a 16-bit
/// float directly.
__device__ __forceinline__ void cupp_ndi_store(cupp_ndi_out_t* p, double acc) {
  *p = cupp_ndi_cast<cupp_ndi_out_t>::from(acc);
}
__device__ __forceinline__ void cupp_ndi_store(cupp_ndi_out_t* p, float acc) {
  *p = cupp_ndi_out_t(acc);
}

// Note [Line pass tiles]: a 1-D pass sees the array, C-contiguous, as (outer, n, inner) with the
// filtered axis of length n in the middle. A block takes a tile of `ta` positions along the axis
// times `ti` positions of the inner axes (ti = 32 where inner >= 32, so a warp reads and writes 32
// consecutive elements; ti = 1 for the last axis, so a warp walks along the line), first loading
// the tile and its halo (width - 1 more positions along the axis), mapped through the boundary
// mode once per element, into shared memory as the sum type; the sums then read shared memory
// only, with the weights (read by all threads of a warp at once: broadcast loads). Every input
// element is read once from global memory, plus the halo. Where the tile would not fit (very
// wide filters) the pass reads the line from global memory through the cache instead.
//
// Float sums (`blocked`, ti = 1 or 32) are register-blocked: each thread sums 8 consecutive
// positions of one column, loading 16 values of the column per 8 taps and reusing each for 8
// outputs, so shared memory is read about twice per output instead of once per tap and the pass
// runs at memory speed. For ti = 1 the threads of a warp read rows 8 apart, so that tile is
// skewed (row r at r + r / 8: one spare word per 8) to keep the reads free of bank conflicts, and
// the sums go back through the tile so that the stores are coalesced. Double sums keep SciPy's
// order and take one output per step (Note [Filter arithmetic]).
struct cupp_ndi_line_geom {
  long long outer, n, inner;
  long long tiles_inner, tiles_axis;
  double cval;
  int size1, size2, origin, mode, kind;
  int ti, ta, tiled, blocked;
};

extern "C" __global__ void CUPP_NDI_LINE_NAME(const cupp_ndi_in_t* __restrict__ in,
                                              cupp_ndi_out_t* __restrict__ out,
                                              const cupp_ndi_acc_t* __restrict__ w,
                                              cupp_ndi_line_geom g, long long tiles) {
  extern __shared__ __align__(16) unsigned char cupp_ndi_shared_bytes[];
  cupp_ndi_acc_t* tile = reinterpret_cast<cupp_ndi_acc_t*>(cupp_ndi_shared_bytes);
  const cupp_ndi_acc_t cval = static_cast<cupp_ndi_acc_t>(g.cval);
  const int width = g.size1 + g.size2 + 1;
  const int rows = g.ta + width - 1;
  const bool skew = g.blocked && g.ti == 1;
  // Where row r, column c of the tile lives in shared memory.
  const auto slot = [&](int r, int c) { return skew ? r + (r >> 3) : r * g.ti + c; };
  for (long long t = blockIdx.x; t < tiles; t += gridDim.x) {
    const long long i0 = (t % g.tiles_inner) * g.ti;
    const long long rest = t / g.tiles_inner;
    const long long a0 = (rest % g.tiles_axis) * g.ta;
    const long long o = rest / g.tiles_axis;
    const long long line = o * g.n;
    // The extended line at position p, for inner offset i.
    const auto fetch = [&](long long p, long long i) -> cupp_ndi_acc_t {
      const long long q = cupp_ndi_filter_index(p, g.n, g.mode);
      return q < 0 ? cval : static_cast<cupp_ndi_acc_t>(in[(line + q) * g.inner + i]);
    };
    const long long p0 = a0 - g.size1 - g.origin;  // the tile's first input position
    if (g.tiled) {
      __syncthreads();  // the previous tile's sums are done
      for (int e = threadIdx.x; e < rows * g.ti; e += blockDim.x) {
        const int r = e / g.ti, c = e - r * g.ti;
        const long long i = i0 + c;
        tile[slot(r, c)] = i < g.inner ? fetch(p0 + r, i) : cupp_ndi_acc_t(0);
      }
      __syncthreads();
    }
    if (g.blocked) {
      const int c = g.ti == 1 ? 0 : static_cast<int>(threadIdx.x & 31);
      const int r0 = static_cast<int>(g.ti == 1 ? threadIdx.x : threadIdx.x >> 5) * 8;
      cupp_ndi_acc_t acc[8];
#pragma unroll
      for (int p = 0; p < 8; ++p) acc[p] = 0;
      if (r0 < g.ta) {
        for (int kc = 0; kc < width; kc += 8) {
          cupp_ndi_acc_t x[16];
#pragma unroll
          for (int q = 0; q < 16; ++q) x[q] = tile[slot(r0 + kc + q, c)];
#pragma unroll
          for (int kk = 0; kk < 8; ++kk) {
            if (kc + kk < width) {  // taps past the end would multiply rows of other outputs
              const cupp_ndi_acc_t wk = w[kc + kk];
#pragma unroll
              for (int p = 0; p < 8; ++p) acc[p] += wk * x[p + kk];
            }
          }
        }
        if (g.kind == cupp_ndi_box) {
#pragma unroll
          for (int p = 0; p < 8; ++p) acc[p] /= static_cast<cupp_ndi_acc_t>(width);
        }
      }
      if (g.ti == 1) {
        __syncthreads();  // every thread is done reading the tile
        if (r0 < g.ta) {
#pragma unroll
          for (int p = 0; p < 8; ++p) tile[slot(r0 + p, 0)] = acc[p];
        }
        __syncthreads();
        for (int e = threadIdx.x; e < g.ta; e += blockDim.x)
          if (a0 + e < g.n) cupp_ndi_store(out + line + a0 + e, tile[slot(e, 0)]);
      } else if (r0 < g.ta && i0 + c < g.inner) {
#pragma unroll
        for (int p = 0; p < 8; ++p) {
          const long long a = a0 + r0 + p;
          if (a < g.n) cupp_ndi_store(out + (line + a) * g.inner + i0 + c, acc[p]);
        }
      }
      continue;
    }
    for (int e = threadIdx.x; e < g.ta * g.ti; e += blockDim.x) {
      const int r = e / g.ti, c = e - r * g.ti;
      const long long a = a0 + r, i = i0 + c;
      if (a >= g.n || i >= g.inner) continue;
      cupp_ndi_acc_t acc;
      if (g.tiled) {
        const cupp_ndi_acc_t* col = tile + (r + g.size1) * g.ti + c;
        const int step = g.ti;
        acc = cupp_ndi_line_point<cupp_ndi_acc_t>([&](int j) { return col[j * step]; }, w, g.size1,
                                                  g.size2, g.kind);
      } else {
        acc = cupp_ndi_line_point<cupp_ndi_acc_t>([&](int j) { return fetch(a - g.origin + j, i); },
                                                  w, g.size1, g.size2, g.kind);
      }
      cupp_ndi_store(out + (line + a) * g.inner + i, acc);
    }
  }
}

// Note [N-D correlation]: one thread per output element (C order), every position of the
// footprint a tap (weights, per-axis offsets and linear offsets in the input's strides, read by
// every thread of a warp at once; the taps SciPy drops, |w| <= DBL_EPSILON, are skipped). An
// element whose whole footprint lies inside the array sums straight from its linear offsets; one
// near an edge maps every tap's coordinates through the boundary mode.
struct cupp_ndi_nd_geom {
  long long shape[CUPP_NDI_K];
  long long in_stride[CUPP_NDI_K];
  long long lo[CUPP_NDI_K];  // the smallest and largest tap offset along each axis
  long long hi[CUPP_NDI_K];
  double cval;
  int ndim, mode, taps;
  int narrow;   // every extent and the size below 2^32: 32-bit coordinates
  int reverse;  // convolution: tap k has weight w[taps - 1 - k]
};

/// The weight of tap k, or 0 where SciPy drops the tap (|w| <= DBL_EPSILON): the caller skips it.
__device__ __forceinline__ cupp_ndi_acc_t cupp_ndi_tap(const cupp_ndi_acc_t* w,
                                                       const cupp_ndi_nd_geom& g, int k) {
  const cupp_ndi_acc_t wk = w[g.reverse ? g.taps - 1 - k : k];
  return fabs(static_cast<double>(wk)) > 2.220446049250313e-16 ? wk : cupp_ndi_acc_t(0);
}

extern "C" __global__ void CUPP_NDI_ND_NAME(const cupp_ndi_in_t* __restrict__ in,
                                            cupp_ndi_out_t* __restrict__ out,
                                            const cupp_ndi_acc_t* __restrict__ w,
                                            const int* __restrict__ offsets,
                                            const long long* __restrict__ linear,
                                            cupp_ndi_nd_geom g, long long size) {
  const cupp_ndi_acc_t cval = static_cast<cupp_ndi_acc_t>(g.cval);
  for (long long idx : cupp::grid_stride(size)) {
    // The element's coordinates (32-bit divisions where the array allows), its offset in the
    // input, and whether its whole footprint lies inside.
    long long base = 0;
    bool inside = true;
    if (g.narrow) {
      unsigned rem = static_cast<unsigned>(idx);
      for (int d = g.ndim - 1; d >= 0; --d) {
        const unsigned extent = static_cast<unsigned>(g.shape[d]);
        const long long x = rem % extent;
        rem /= extent;
        base += x * g.in_stride[d];
        inside = inside && x + g.lo[d] >= 0 && x + g.hi[d] < g.shape[d];
      }
    } else {
      long long rem = idx;
      for (int d = g.ndim - 1; d >= 0; --d) {
        const long long x = rem % g.shape[d];
        rem /= g.shape[d];
        base += x * g.in_stride[d];
        inside = inside && x + g.lo[d] >= 0 && x + g.hi[d] < g.shape[d];
      }
    }
    cupp_ndi_acc_t acc = 0;
    if (inside) {
      for (int k = 0; k < g.taps; ++k) {
        const cupp_ndi_acc_t wk = cupp_ndi_tap(w, g, k);
        if (wk == cupp_ndi_acc_t(0)) continue;  // a tap SciPy drops is not even read
        acc =
            cupp_ndi_add(acc, cupp_ndi_mul(wk, static_cast<cupp_ndi_acc_t>(in[base + linear[k]])));
      }
    } else {
      for (int k = 0; k < g.taps; ++k) {
        const cupp_ndi_acc_t wk = cupp_ndi_tap(w, g, k);
        if (wk == cupp_ndi_acc_t(0)) continue;
        long long at = 0, rem = idx;
        bool outside = false;
        for (int d = g.ndim - 1; d >= 0 && !outside; --d) {
          const long long x = rem % g.shape[d];
          rem /= g.shape[d];
          const long long q =
              cupp_ndi_filter_index(x + offsets[k * g.ndim + d], g.shape[d], g.mode);
          outside = q < 0;
          at += q * g.in_stride[d];
        }
        const cupp_ndi_acc_t v = outside ? cval : static_cast<cupp_ndi_acc_t>(in[at]);
        acc = cupp_ndi_add(acc, cupp_ndi_mul(wk, v));
      }
    }
    cupp_ndi_store(out + idx, acc);
  }
}

// Note [2-D correlation tiles]: for a 2-D array whose footprint's tile fits in shared memory, a
// block of 32 x 8 threads takes 32 x 32 outputs: it loads their input rectangle (the outputs
// widened by the footprint's extent), mapped through the boundary mode once per element, then
// each thread sums 4 outputs of a column from shared memory, taking the taps in SciPy's order
// (Note [Filter arithmetic]) with each tap's weight and offsets read once for the 4.
extern "C" __global__ void CUPP_NDI_2D_NAME(const cupp_ndi_in_t* __restrict__ in,
                                            cupp_ndi_out_t* __restrict__ out,
                                            const cupp_ndi_acc_t* __restrict__ w,
                                            const int* __restrict__ offsets, cupp_ndi_nd_geom g,
                                            long long tiles) {
  extern __shared__ __align__(16) unsigned char cupp_ndi_shared_bytes[];
  cupp_ndi_acc_t* tile = reinterpret_cast<cupp_ndi_acc_t*>(cupp_ndi_shared_bytes);
  const cupp_ndi_acc_t cval = static_cast<cupp_ndi_acc_t>(g.cval);
  const long long rows = g.shape[0], cols = g.shape[1];
  const int th = 32 + static_cast<int>(g.hi[0] - g.lo[0]);
  const int tw = 32 + static_cast<int>(g.hi[1] - g.lo[1]);
  const long long tiles_x = (cols + 31) / 32;
  const int tx = threadIdx.x & 31, ty = threadIdx.x >> 5;
  for (long long t = blockIdx.x; t < tiles; t += gridDim.x) {
    const long long y0 = (t / tiles_x) * 32, x0 = (t % tiles_x) * 32;
    __syncthreads();  // the previous tile's sums are done
    for (int e = threadIdx.x; e < th * tw; e += blockDim.x) {
      const int r = e / tw, c = e - r * tw;
      const long long qy = cupp_ndi_filter_index(y0 + g.lo[0] + r, rows, g.mode);
      const long long qx = cupp_ndi_filter_index(x0 + g.lo[1] + c, cols, g.mode);
      tile[e] = qy < 0 || qx < 0
                    ? cval
                    : static_cast<cupp_ndi_acc_t>(in[qy * g.in_stride[0] + qx * g.in_stride[1]]);
    }
    __syncthreads();
    cupp_ndi_acc_t acc[4] = {0, 0, 0, 0};
    for (int k = 0; k < g.taps; ++k) {
      const cupp_ndi_acc_t wk = cupp_ndi_tap(w, g, k);
      if (wk == cupp_ndi_acc_t(0)) continue;
      const int at = (ty + offsets[2 * k] - static_cast<int>(g.lo[0])) * tw + tx +
                     offsets[2 * k + 1] - static_cast<int>(g.lo[1]);
#pragma unroll
      for (int p = 0; p < 4; ++p)
        acc[p] = cupp_ndi_add(acc[p], cupp_ndi_mul(wk, tile[at + 8 * p * tw]));
    }
    const long long x = x0 + tx;
#pragma unroll
    for (int p = 0; p < 4; ++p) {
      const long long y = y0 + ty + 8 * p;
      if (y < rows && x < cols) cupp_ndi_store(out + y * cols + x, acc[p]);
    }
  }
}

#endif  // __CUDACC_RTC__
