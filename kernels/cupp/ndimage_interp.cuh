// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernels of cupp::scipy::ndimage's interpolation (src/scipy/ndimage/spline.cpp and
// interpolation.cpp): the B-spline prefilter and the spline interpolation at mapped coordinates.
// The host-callable parts (the coordinate map of the modes, the spline weights and poles) are
// tested on the host (tests/ndimage/test_spline.cpp).
//
// A module is this header after a preamble that defines
//   cupp_w_t                     the compute type of the weights and sums (float or double)
// and, for the prefilter (CUPP_NDI_SPLINE_NAME defined):
//   cupp_src_t                   the element type of the input its first pass may read
//   CUPP_NDI_SPLINE_NAME         the kernel's name, cupp_ndi_spline_filter_<w>_<src>
//   CUPP_NDI_SPLINE_ROWS_NAME    the last axis' kernel (Note [Prefilter rows])
// or, for the interpolation (CUPP_NDI_INTERP_NAME defined):
//   cupp_in_t, cupp_out_t, cupp_coord_t  the element types of the input (spline coefficients),
//                                the output and map_coordinates' coordinates
//   CUPP_NDI_IN_NDIM, CUPP_NDI_OUT_NDIM  the ranks of the interpolated input and of the output
//   CUPP_NDI_ORDER               the spline order, 0 to 5
//   CUPP_NDI_KIND                0 coordinates array, 1 affine matrix, 2 zoom and shift
//   CUPP_NDI_OUT_KIND            0 floating, 1 signed integer, 2 unsigned integer, 3 bool
//   CUPP_NDI_OUT_MIN, CUPP_NDI_OUT_MAX  the integer output's range (as double)
//   CUPP_NDI_MODE                (optional) the boundary mode, fixed; else the geometry's
//   CUPP_NDI_OFFSET_32           (optional) every input offset fits in 32 bits
//   CUPP_NDI_INTERP_NAME         the kernel's name
#pragma once

#include <cupp/ndimage_common.cuh>

#if defined(__CUDACC__) || defined(__CUDACC_RTC__)
#define CUPP_NDI_DEVICE 1
#define CUPP_NDI_FLOOR floor
#define CUPP_NDI_ADD(a, b) __dadd_rn(a, b)
#define CUPP_NDI_MUL(a, b) __dmul_rn(a, b)
#else
#include <cmath>
#define CUPP_NDI_DEVICE 0
#define CUPP_NDI_FLOOR std::floor
using std::ceil;  // the device code's unqualified math, on the host (the tests)
using std::log;
using std::pow;
#define CUPP_NDI_ADD(a, b) ((a) + (b))
#define CUPP_NDI_MUL(a, b) ((a) * (b))
#endif

/// The most axes the interpolation's argument struct describes (the matrix is K x K).
#define CUPP_NDI_INTERP_K 16

// Note [Interpolation coordinates]: SciPy's interpolation (ni_interpolation.c) maps a coordinate
// x of an axis of length n, not an index, before it looks for the spline's support:
//   mirror        period 2n - 2, about 0 and n - 1
//   reflect       period 2n, about -1/2 and n - 1/2
//   wrap          period n - 1 (SciPy's historical "wrap": the first and last samples coincide)
//   grid-wrap     period n
//   constant      any x outside [0, n - 1] gives cval
//   nearest and grid-constant are not mapped: the support's samples are (clamped to the edge,
//   or cval outside the grid, each sample on its own).
// Axes of length 1 map every x to 0. Then the support's samples that fall outside [0, n) are
// mapped again, as integers, with the same rules, except that constant and wrap use mirror
// there (the prefilter assumed mirror for them). The coordinates are computed with correctly
// rounded products and sums, never fused, so that a coordinate on an integer stays exactly on it
// as in SciPy's double arithmetic: the order-0 sample and the support's start depend on floor().
CUPP_NDI_FN double cupp_ndi_map_coordinate(double in, long long len, int mode) {
  if (in < 0) {
    switch (mode) {
      case cupp_ndi_mirror:
        if (len <= 1) {
          in = 0;
        } else {
          const long long sz2 = 2 * len - 2;
          in = sz2 * (long long)(-in / sz2) + in;
          in = in <= 1 - len ? in + sz2 : -in;
        }
        break;
      case cupp_ndi_reflect:
        if (len <= 1) {
          in = 0;
        } else {
          const long long sz2 = 2 * len;
          if (in < -sz2) in = sz2 * (long long)(-in / sz2) + in;
          // -1e-15: keeps (-in - 1) from being -1 for a tiny negative in (SciPy's guard)
          in = in < -len ? in + sz2 : (in > -1e-15 ? 1e-15 : -in) - 1;
        }
        break;
      case cupp_ndi_wrap:
        if (len <= 1) {
          in = 0;
        } else {
          const long long sz = len - 1;
          in += sz * ((long long)(-in / sz) + 1);
        }
        break;
      case cupp_ndi_grid_wrap:
        if (len <= 1) {
          in = 0;
        } else {
          in += len * ((long long)((-1 - in) / len) + 1);
        }
        break;
      case cupp_ndi_nearest:
        in = 0;
        break;
      case cupp_ndi_constant:
        in = -1;
        break;
      default:
        break;
    }
  } else if (in > len - 1) {
    switch (mode) {
      case cupp_ndi_mirror:
        if (len <= 1) {
          in = 0;
        } else {
          const long long sz2 = 2 * len - 2;
          in -= sz2 * (long long)(in / sz2);
          if (in >= len) in = sz2 - in;
        }
        break;
      case cupp_ndi_reflect:
        if (len <= 1) {
          in = 0;
        } else {
          const long long sz2 = 2 * len;
          in -= sz2 * (long long)(in / sz2);
          if (in >= len) in = sz2 - in - 1;
        }
        break;
      case cupp_ndi_wrap:
        if (len <= 1) {
          in = 0;
        } else {
          const long long sz = len - 1;
          in -= sz * (long long)(in / sz);
        }
        break;
      case cupp_ndi_grid_wrap:
        if (len <= 1) {
          in = 0;
        } else {
          in -= len * (long long)(in / len);
        }
        break;
      case cupp_ndi_nearest:
        in = (double)(len - 1);
        break;
      case cupp_ndi_constant:
        in = -1;
        break;
      default:
        break;
    }
  }
  return in;
}

/// The mode the support's out-of-range samples are mapped with (SciPy's
/// _get_spline_boundary_mode): mirror for constant and wrap, the mode itself otherwise.
CUPP_NDI_FN int cupp_ndi_spline_mode(int mode) {
  return mode == cupp_ndi_constant || mode == cupp_ndi_wrap ? cupp_ndi_mirror : mode;
}

/// The first sample of the support of a spline of `order` at coordinate x.
CUPP_NDI_FN long long cupp_ndi_support_start(double x, int order) {
  return (order & 1 ? (long long)CUPP_NDI_FLOOR(x) : (long long)CUPP_NDI_FLOOR(x + 0.5)) -
         order / 2;
}

/// One axis of length len at coordinate x (Note [Interpolation coordinates]): maps x in place
/// and writes the indices of the order + 1 samples of its support to idx, -1 for a sample that
/// is cval (grid-constant); false where the output is cval (constant, x outside the input).
CUPP_NDI_FN bool cupp_ndi_axis_support(double& x, long long len, int mode, int order,
                                       long long* idx) {
  if (mode != cupp_ndi_grid_constant && mode != cupp_ndi_nearest) {
    x = cupp_ndi_map_coordinate(x, len, mode);
    if (!(x > -1.0)) return false;
  }
  const long long start = cupp_ndi_support_start(x, order);
  const bool edge = start < 0 || start + order >= len;
  const int smode = cupp_ndi_spline_mode(mode);
  for (int ll = 0; ll <= order; ++ll) {
    long long j = start + ll;
    if (mode == cupp_ndi_grid_constant) {
      if (j < 0 || j >= len) j = -1;
    } else if (edge) {
      j = (long long)cupp_ndi_map_coordinate((double)j, len, smode);
    }
    idx[ll] = j;
  }
  return true;
}

// Note [Spline weights]: the weights of the order + 1 samples of the support of the centred
// B-spline of `order` at x, as SciPy's get_spline_interpolation_weights computes them: the
// distance to the middle knot, the closed form of each piece, and the last weight as 1 minus the
// others (they add to 1). W is double, or float for float32 data (the distance is taken in
// double first, so that large coordinates keep their fraction).
template <class W>
CUPP_NDI_FN void cupp_ndi_spline_weights(double x, int order, W* weights) {
  const W d = (W)(x - CUPP_NDI_FLOOR(order & 1 ? x : x + 0.5));
  W y = d, z = W(1) - d, t;
  switch (order) {
    case 1:
      weights[0] = W(1) - d;
      break;
    case 2:
      weights[1] = W(0.75) - d * d;
      y = W(0.5) - d;
      weights[0] = W(0.5) * y * y;
      break;
    case 3:
      weights[1] = (y * y * (y - W(2)) * W(3) + W(4)) / W(6);
      weights[2] = (z * z * (z - W(2)) * W(3) + W(4)) / W(6);
      weights[0] = z * z * z / W(6);
      break;
    case 4:
      t = d * d;
      weights[2] = t * (t * W(0.25) - W(0.625)) + W(115.0 / 192.0);
      y = W(1) + d;
      weights[1] =
          y * (y * (y * (W(5) - y) / W(6) - W(1.25)) + W(5.0 / 24.0)) + W(55.0 / 96.0);
      weights[3] =
          z * (z * (z * (W(5) - z) / W(6) - W(1.25)) + W(5.0 / 24.0)) + W(55.0 / 96.0);
      y = W(0.5) - d;
      t = y * y;
      weights[0] = t * t / W(24);
      break;
    case 5:
      t = y * y;
      weights[2] = t * (t * (W(0.25) - y / W(12)) - W(0.5)) + W(0.55);
      t = z * z;
      weights[3] = t * (t * (W(0.25) - z / W(12)) - W(0.5)) + W(0.55);
      y += W(1);
      weights[1] =
          y * (y * (y * (y * (y / W(24) - W(0.375)) + W(1.25)) - W(1.75)) + W(0.625)) + W(0.425);
      z += W(1);
      weights[4] =
          z * (z * (z * (z * (z / W(24) - W(0.375)) + W(1.25)) - W(1.75)) + W(0.625)) + W(0.425);
      y = W(1) - d;
      t = y * y;
      weights[0] = y * t * t / W(120);
      break;
    default:
      break;
  }
  if (order >= 1) {
    W last = W(1);
    for (int i = 0; i < order; ++i) last -= weights[i];
    weights[order] = last;
  } else {
    weights[0] = W(1);
  }
}

// Note [Spline poles]: the prefilter that turns samples into B-spline coefficients of order
// 2..5 is a cascade of order / 2 first-order recursive filters, one per pole z of the spline's
// z-transform (Unser, Aldroubi and Eden 1991), each a causal pass c[i] += z c[i-1] and an
// anticausal pass c[i] = z (c[i+1] - c[i]), after one gain prod (1 - z)(1 - 1/z).
CUPP_NDI_FN int cupp_ndi_spline_poles(int order, double* poles) {
  switch (order) {
    case 2:
      poles[0] = -0.171572875253809902396622551580603843;  // sqrt(8) - 3
      return 1;
    case 3:
      poles[0] = -0.267949192431122706472553658494127633;  // sqrt(3) - 2
      return 1;
    case 4:
      poles[0] = -0.361341225900220177092212841325675255;
      poles[1] = -0.013725429297339121360331226939128204;
      return 2;
    case 5:
      poles[0] = -0.430575347099973791851434783493520110;
      poles[1] = -0.043096288203264653822712376822550182;
      return 2;
    default:
      return 0;
  }
}

/// How the recursive prefilter starts its passes at the ends of a line (SciPy's apply_filter):
/// as a mirror-extended line (mirror, constant, grid-constant, wrap), a periodic one (grid-wrap)
/// or a reflected one (reflect, nearest).
enum { cupp_ndi_init_mirror = 0, cupp_ndi_init_wrap = 1, cupp_ndi_init_reflect = 2 };

CUPP_NDI_FN int cupp_ndi_spline_init(int mode) {
  if (mode == cupp_ndi_grid_wrap) return cupp_ndi_init_wrap;
  if (mode == cupp_ndi_nearest || mode == cupp_ndi_reflect) return cupp_ndi_init_reflect;
  return cupp_ndi_init_mirror;
}

// Note [Prefilter lines]: a line of n > 1 samples, element i at p[i * s], goes through each
// pole's causal pass (src x to dst c) and anticausal pass (src c to dst d):
//   c[0] = causal start,          c[i] = x[i] + z c[i-1]
//   d[n-1] = anticausal start,    d[i] = z (d[i+1] - c[i])
// The starts are SciPy's sums over the extended line (mirror, periodic or reflected), cut after
// `h` terms: the terms fall as |z|^i and h is where |z|^h is below the compute type's epsilon
// (at most 43 for double), so a line costs two passes and not n more reads. A line shorter than h
// takes every term, as SciPy does. The passes are split into segments of L >= h samples that
// threads run in parallel: since c[i] = sum_k z^k x[i-k] up to terms below epsilon once i >= h,
// a segment starting at s >= L starts from the h samples before it, and an anticausal segment
// ending at e <= n - L from the h samples after it; the first causal and the last anticausal
// segment (which takes the line's last n - (K - 1) L samples, L to 2L - 1 of them) start from
// the exact starts. `gain`, prod (1 - z)(1 - 1/z) over the poles, multiplies the samples in the
// first pole's causal pass.

/// The causal start c[0] of the line x (before the gain).
template <class W, class Src>
CUPP_NDI_FN W cupp_ndi_causal_start(const Src* x, long long s, long long n, W z, int init,
                                    long long h) {
  if (init == cupp_ndi_init_wrap) {
    W zi = z;
    W acc = (W)x[0];
    const long long m = n < h ? n : h;
    for (long long i = 1; i < m; ++i) {
      acc += zi * (W)x[(n - i) * s];
      zi *= z;
    }
    const W zn = (W)pow((double)z, (double)n);
    return acc / (W(1) - zn);
  }
  if (init == cupp_ndi_init_reflect) {
    const W zn = (W)pow((double)z, (double)n);
    W sum = (W)x[0] + zn * (W)x[(n - 1) * s];
    W zi = z;
    const long long m = n < h ? n : h;
    for (long long i = 1; i < m; ++i) {
      sum += zi * ((W)x[i * s] + zn * (W)x[(n - 1 - i) * s]);
      zi *= z;
    }
    return (W)x[0] + sum * z / (W(1) - zn * zn);
  }
  const W zn1 = (W)pow((double)z, (double)(n - 1));
  W acc = (W)x[0] + zn1 * (W)x[(n - 1) * s];
  W zi = z;
  const long long m = n - 1 < h ? n - 1 : h;
  for (long long i = 1; i < m; ++i) {
    acc += zi * ((W)x[i * s] + zn1 * (W)x[(n - 1 - i) * s]);
    zi *= z;
  }
  return acc / (W(1) - zn1 * zn1);
}

/// The anticausal start d[n-1] of the causal output c.
template <class W>
CUPP_NDI_FN W cupp_ndi_anticausal_start(const W* c, long long s, long long n, W z, int init,
                                        long long h) {
  if (init == cupp_ndi_init_wrap) {
    W zi = z;
    W acc = c[(n - 1) * s];
    const long long m = n - 1 < h ? n - 1 : h;
    for (long long i = 0; i < m; ++i) {
      acc += zi * c[i * s];
      zi *= z;
    }
    const W zn = (W)pow((double)z, (double)n);
    return acc * (z / (zn - W(1)));
  }
  if (init == cupp_ndi_init_reflect) return c[(n - 1) * s] * (z / (z - W(1)));
  return (z * c[(n - 2) * s] + c[(n - 1) * s]) * z / (z * z - W(1));
}

/// The terms of the passes' starting sums worth taking for pole z: |z|^h below the compute
/// type's epsilon (`single`: float32).
CUPP_NDI_FN long long cupp_ndi_horizon(double z, bool single) {
  const double eps = single ? 6.0e-8 : 1.2e-16;
  return (long long)ceil(log(eps) / log(z < 0 ? -z : z)) + 1;
}

/// The causal pass of segment k (of `segs`) of one line: dst = c from src = x.
template <class W, class Src>
CUPP_NDI_FN void cupp_ndi_causal_segment(const Src* x, W* c, long long s, long long n, W z,
                                         int init, long long h, W gain, long long L,
                                         long long k, long long segs) {
  const long long begin = k * L;
  const long long end = k + 1 == segs ? n : begin + L;
  W prev;
  long long i = begin;
  if (k == 0) {
    prev = gain * cupp_ndi_causal_start<W, Src>(x, s, n, z, init, h);
    c[0] = prev;
    i = 1;
  } else {
    // c[begin - 1] from the h samples up to it
    prev = 0;
    W zk = 1;
    for (long long j = 0; j < h; ++j) {
      prev += zk * (W)x[(begin - 1 - j) * s];
      zk *= z;
    }
    prev *= gain;
  }
  for (; i < end; ++i) {
    prev = gain * (W)x[i * s] + z * prev;
    c[i * s] = prev;
  }
}

/// The anticausal pass of segment k of one line: dst = d from src = c.
template <class W>
CUPP_NDI_FN void cupp_ndi_anticausal_segment(const W* c, W* d, long long s, long long n, W z,
                                             int init, long long h, long long L, long long k,
                                             long long segs) {
  const long long begin = k * L;
  long long i;
  W next;
  if (k + 1 == segs) {
    next = cupp_ndi_anticausal_start<W>(c, s, n, z, init, h);
    d[(n - 1) * s] = next;
    i = n - 2;
  } else {
    // d[end] = -sum_j z^(j+1) c[end + j], from the h samples from it
    const long long end = begin + L;
    next = 0;
    W zk = z;
    for (long long j = 0; j < h; ++j) {
      next -= zk * c[(end + j) * s];
      zk *= z;
    }
    i = end - 1;
  }
  for (; i >= begin; --i) {
    next = z * (next - c[i * s]);
    d[i * s] = next;
  }
}

#if CUPP_NDI_DEVICE && defined(CUPP_NDI_SPLINE_NAME)

#include <cupp/indexing.cuh>

/// One pass of one pole of the prefilter along one axis of C-contiguous arrays of cupp_w_t.
/// The host image is in src/scipy/ndimage/spline.cpp.
struct cupp_ndi_spline_pass {
  long long n;      // the axis' length
  long long lines;  // the number of lines (size / n)
  long long inner;  // the axis' stride: the product of the later axes' lengths
  long long seg;    // segment length L (at least every pole's horizon)
  long long segs;   // segments per line: 1 when n < 2L, else n / L
  int order;
  int mode;        // the boundary code
  int pole;        // which of the order's poles
  int anticausal;  // 0: the causal pass (src x, dst c); 1: the anticausal pass (src c, dst d)
  int from_input;  // the causal pass reads the input, of cupp_src_t, not cupp_w_t
  int unused;
};

// One thread per segment of a line, the segments' lines fastest: lines along an axis other than
// the last are `inner` apart, so the threads of a warp take neighbouring lines and every read
// and write is coalesced. Along the last axis (inner == 1) a thread walks its own contiguous
// segment.
// The first causal pass of the first axis may read the (C-contiguous) input itself, of any real
// dtype, which saves a converting copy of the whole array.
extern "C" __global__ void CUPP_NDI_SPLINE_NAME(const void* __restrict__ src,
                                                cupp_w_t* __restrict__ dst,
                                                cupp_ndi_spline_pass g) {
  double poles[2];
  const int npoles = cupp_ndi_spline_poles(g.order, poles);
  double gain = 1.0;
  if (g.pole == 0)
    for (int k = 0; k < npoles; ++k) gain *= (1.0 - poles[k]) * (1.0 - 1.0 / poles[k]);
  const cupp_w_t z = (cupp_w_t)poles[g.pole];
  const long long h = cupp_ndi_horizon(poles[g.pole], sizeof(cupp_w_t) == 4);
  const int init = cupp_ndi_spline_init(g.mode);
  for (long long t : cupp::grid_stride(g.lines * g.segs)) {
    const long long k = t / g.lines;
    const long long l = t - k * g.lines;
    const long long outer = l / g.inner;
    const long long in = l - outer * g.inner;
    const long long off = outer * g.n * g.inner + in;
    if (g.anticausal) {
      cupp_ndi_anticausal_segment<cupp_w_t>(static_cast<const cupp_w_t*>(src) + off, dst + off,
                                            g.inner, g.n, z, init, h, g.seg, k, g.segs);
    } else if (g.from_input) {
      cupp_ndi_causal_segment<cupp_w_t, cupp_src_t>(static_cast<const cupp_src_t*>(src) + off,
                                                    dst + off, g.inner, g.n, z, init, h,
                                                    (cupp_w_t)gain, g.seg, k, g.segs);
    } else {
      cupp_ndi_causal_segment<cupp_w_t, cupp_w_t>(static_cast<const cupp_w_t*>(src) + off,
                                                  dst + off, g.inner, g.n, z, init, h,
                                                  (cupp_w_t)gain, g.seg, k, g.segs);
    }
  }
}

// Note [Prefilter rows]: along the last axis (inner == 1) a thread's segment is contiguous but
// its neighbours' are n samples away, so the passes above read and write uncoalesced. This
// kernel gives each warp 32 neighbouring lines and one segment: the warp moves the segment
// through shared memory in 32 x 32 tiles, each row of a tile one coalesced access, and each lane
// runs the recursion along its own line's row. The segments' starting sums (a few dozen samples
// per line) are still read by each lane on its own.
#define CUPP_NDI_ROWS_WARPS 4

template <class T>
__device__ __forceinline__ cupp_w_t cupp_ndi_load(const void* p, long long i) {
  return (cupp_w_t)static_cast<const T*>(p)[i];
}

extern "C" __global__ void __launch_bounds__(32 * CUPP_NDI_ROWS_WARPS)
    CUPP_NDI_SPLINE_ROWS_NAME(const void* __restrict__ src, cupp_w_t* __restrict__ dst,
                              cupp_ndi_spline_pass g) {
  __shared__ cupp_w_t tiles[CUPP_NDI_ROWS_WARPS][32][33];
  const int lane = threadIdx.x & 31;
  const int warp = threadIdx.x >> 5;
  cupp_w_t(*t)[33] = tiles[warp];
  double poles[2];
  const int npoles = cupp_ndi_spline_poles(g.order, poles);
  double gain_d = 1.0;
  if (g.pole == 0)
    for (int k = 0; k < npoles; ++k) gain_d *= (1.0 - poles[k]) * (1.0 - 1.0 / poles[k]);
  const cupp_w_t gain = (cupp_w_t)gain_d;
  const cupp_w_t z = (cupp_w_t)poles[g.pole];
  const long long h = cupp_ndi_horizon(poles[g.pole], sizeof(cupp_w_t) == 4);
  const int init = cupp_ndi_spline_init(g.mode);
  const bool from_input = g.from_input != 0;
  const long long n = g.n;
  const long long groups = (g.lines + 31) / 32;
  const long long tasks = groups * g.segs;
  const long long warps = static_cast<long long>(gridDim.x) * (blockDim.x >> 5);
  for (long long task = static_cast<long long>(blockIdx.x) * (blockDim.x >> 5) + warp;
       task < tasks; task += warps) {
    const long long k = task / groups;
    const long long l0 = (task - k * groups) * 32;
    const long long line = l0 + lane;
    const bool valid = line < g.lines;
    const long long begin = k * g.seg;
    const long long end = k + 1 == g.segs ? n : begin + g.seg;
    if (!g.anticausal) {
      cupp_w_t prev = 0;
      if (valid) {
        if (k == 0) {
          prev = from_input ? cupp_ndi_causal_start<cupp_w_t, cupp_src_t>(
                                  static_cast<const cupp_src_t*>(src) + line * n, 1, n, z, init, h)
                            : cupp_ndi_causal_start<cupp_w_t, cupp_w_t>(
                                  static_cast<const cupp_w_t*>(src) + line * n, 1, n, z, init, h);
        } else {
          cupp_w_t zk = 1;
          for (long long j = 0; j < h; ++j) {
            const long long at = line * n + begin - 1 - j;
            prev += zk * (from_input ? cupp_ndi_load<cupp_src_t>(src, at)
                                     : cupp_ndi_load<cupp_w_t>(src, at));
            zk *= z;
          }
        }
        prev *= gain;
      }
      for (long long cs = begin; cs < end; cs += 32) {
        const int w = end - cs < 32 ? (int)(end - cs) : 32;
        for (int r = 0; r < 32; ++r) {
          const long long at = (l0 + r) * n + cs + lane;
          if (l0 + r < g.lines && lane < w)
            t[r][lane] = from_input ? cupp_ndi_load<cupp_src_t>(src, at)
                                    : cupp_ndi_load<cupp_w_t>(src, at);
        }
        __syncwarp();
        if (valid) {
          for (int c = 0; c < w; ++c) {
            const cupp_w_t v = cs + c == 0 ? prev : gain * t[lane][c] + z * prev;
            t[lane][c] = v;
            prev = v;
          }
        }
        __syncwarp();
        for (int r = 0; r < 32; ++r)
          if (l0 + r < g.lines && lane < w) dst[(l0 + r) * n + cs + lane] = t[r][lane];
        __syncwarp();
      }
    } else {
      const cupp_w_t* c = static_cast<const cupp_w_t*>(src);
      cupp_w_t next = 0;
      if (valid) {
        if (k + 1 == g.segs) {
          next = cupp_ndi_anticausal_start<cupp_w_t>(c + line * n, 1, n, z, init, h);
        } else {
          cupp_w_t zk = z;
          for (long long j = 0; j < h; ++j) {
            next -= zk * c[line * n + end + j];
            zk *= z;
          }
        }
      }
      for (long long ce = end; ce > begin; ce -= 32) {
        const long long cs = ce - 32 > begin ? ce - 32 : begin;
        const int w = (int)(ce - cs);
        for (int r = 0; r < 32; ++r)
          if (l0 + r < g.lines && lane < w) t[r][lane] = c[(l0 + r) * n + cs + lane];
        __syncwarp();
        if (valid) {
          for (int q = w - 1; q >= 0; --q) {
            const cupp_w_t v = cs + q == n - 1 ? next : z * (next - t[lane][q]);
            t[lane][q] = v;
            next = v;
          }
        }
        __syncwarp();
        for (int r = 0; r < 32; ++r)
          if (l0 + r < g.lines && lane < w) dst[(l0 + r) * n + cs + lane] = t[r][lane];
        __syncwarp();
      }
    }
  }
}

#endif  // CUPP_NDI_SPLINE_NAME

#if CUPP_NDI_DEVICE && defined(CUPP_NDI_INTERP_NAME)

/// The geometry of one interpolation: the host image is in src/scipy/ndimage/interpolation.cpp.
/// The output's index space is the batch axes (rotate's other axes) then the output axes.
struct cupp_ndi_interp_geom {
  long long in_shape[CUPP_NDI_INTERP_K];      // the interpolated axes of the input
  long long in_stride[CUPP_NDI_INTERP_K];     // in elements
  long long out_shape[CUPP_NDI_INTERP_K];     // the index space: batch axes, then output axes
  long long out_stride[CUPP_NDI_INTERP_K];    // the output's strides of the same axes
  long long batch_stride[CUPP_NDI_INTERP_K];  // the input's stride of each batch axis
  double matrix[CUPP_NDI_INTERP_K * CUPP_NDI_INTERP_K];  // kind 1: row per input axis
  double shift[CUPP_NDI_INTERP_K];  // kind 1: the offset; kind 2: the shift (when has_shift)
  double zoom[CUPP_NDI_INTERP_K];   // kind 2 (when has_zoom)
  long long size;                   // the index space's size
  double cval;
  double nprepad;  // the prefilter's padding (12 for nearest and grid-constant, else 0)
  int nbatch;
  int mode;
  int has_shift;
  int has_zoom;
  int grid_mode;
  int index32;  // the index space fits in 32 bits: cheaper divisions
  int tiled;    // a 2-D launch: x over the last output axis, y over the others,
  int rows;     // which are this many rows
};

#ifdef CUPP_NDI_OFFSET_32
typedef int cupp_ndi_off_t;  // the sample offsets' type: 32-bit arithmetic where it suffices
#else
typedef long long cupp_ndi_off_t;
#endif

__host__ __device__ constexpr long long cupp_ndi_power(long long b, int e) {
  return e == 0 ? 1 : b * cupp_ndi_power(b, e - 1);
}

/// The output value of t as SciPy stores it: integers rounded half away from zero and clamped
/// (unsigned: negatives to 0), bool as the C conversion to an unsigned char, floats converted.
__device__ __forceinline__ cupp_out_t cupp_ndi_store(double t) {
#if CUPP_NDI_OUT_KIND == 1
  t = t > 0 ? t + 0.5 : t - 0.5;
  t = t > CUPP_NDI_OUT_MAX ? CUPP_NDI_OUT_MAX : t;
  t = t < CUPP_NDI_OUT_MIN ? CUPP_NDI_OUT_MIN : t;
  return (cupp_out_t)t;
#elif CUPP_NDI_OUT_KIND == 2
  t = t > 0 ? t + 0.5 : 0;
  t = t > CUPP_NDI_OUT_MAX ? CUPP_NDI_OUT_MAX : t;
  return (cupp_out_t)t;
#elif CUPP_NDI_OUT_KIND == 3
  return (cupp_out_t)(((long long)t & 0xff) != 0);
#else
  return (cupp_out_t)t;
#endif
}

// Note [Interpolation kernel]: one thread per output element. The thread finds the input
// coordinate of each interpolated axis (from the coordinates array, the affine matrix, or the
// zoom and shift), maps it (Note [Interpolation coordinates]), keeps the support's
// CUPP_NDI_ORDER + 1 sample offsets and spline weights of each axis in registers, and sums the
// (ORDER + 1)^NDIM samples in SciPy's order, weight products in axis order.
extern "C" __global__ void CUPP_NDI_INTERP_NAME(const cupp_in_t* __restrict__ in,
                                                const cupp_coord_t* __restrict__ coords,
                                                cupp_out_t* __restrict__ out,
                                                cupp_ndi_interp_geom g) {
  constexpr int ND = CUPP_NDI_IN_NDIM;
  constexpr int OND = CUPP_NDI_OUT_NDIM;
  constexpr int P = CUPP_NDI_ORDER + 1;
  long long i;
  if (g.tiled) {
    // Note [Interpolation tiles]: a block covers a 2-D patch of the output, so that its threads
    // read one compact region of the input (a rotation's rows cross many input rows) and share
    // it through the cache.
    const long long cols = g.out_shape[g.nbatch + OND - 1];
    const long long col = static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x;
    const long long row = static_cast<long long>(blockIdx.y) * blockDim.y + threadIdx.y;
    if (col >= cols || row >= g.rows) return;
    i = row * cols + col;
  } else {
    i = static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (i >= g.size) return;
  }

  // the output element's place and the input's batch offset; the outermost axis takes what is
  // left without a division
  long long o[OND > 0 ? OND : 1];
  long long out_off = 0, base = 0;
  {
    const int dims = g.nbatch + OND;
    long long rem = i;
    for (int d = dims - 1; d >= 0; --d) {
      long long c = rem;
      if (d > 0) {
        long long q;
        if (g.index32) {
          q = (unsigned int)rem / (unsigned int)g.out_shape[d];
        } else {
          q = rem / g.out_shape[d];
        }
        c = rem - q * g.out_shape[d];
        rem = q;
      }
      out_off += c * g.out_stride[d];
      if (d >= g.nbatch) {
        o[d - g.nbatch] = c;
      } else {
        base += c * g.batch_stride[d];
      }
    }
  }

#ifdef CUPP_NDI_MODE
  const int mode = CUPP_NDI_MODE;  // a variant for one mode: its branches fold away
#else
  const int mode = g.mode;
#endif
  cupp_ndi_off_t offs[ND][P];
  cupp_w_t w[ND][P];
  bool outside[ND][P];
#pragma unroll
  for (int h = 0; h < ND; ++h) {
    double cc;
#if CUPP_NDI_KIND == 0
    cc = (double)coords[h * g.size + i];
#elif CUPP_NDI_KIND == 1
    cc = g.shift[h];
#pragma unroll
    for (int l = 0; l < OND; ++l)
      cc = CUPP_NDI_ADD(cc, CUPP_NDI_MUL((double)o[l], g.matrix[h * CUPP_NDI_INTERP_K + l]));
#else
    cc = (double)o[h];
    if (g.has_shift) cc = CUPP_NDI_ADD(cc, g.shift[h]);
    if (g.has_zoom) {
      if (g.grid_mode) {
        cc = CUPP_NDI_ADD(CUPP_NDI_MUL(CUPP_NDI_ADD(cc, 0.5), g.zoom[h]), -0.5);
      } else {
        cc = CUPP_NDI_MUL(cc, g.zoom[h]);
      }
    }
#endif
    cc = CUPP_NDI_ADD(cc, g.nprepad);
    long long idx[P];
    if (!cupp_ndi_axis_support(cc, g.in_shape[h], mode, CUPP_NDI_ORDER, idx)) {
      out[out_off] = cupp_ndi_store(g.cval);  // constant mode, outside the input
      return;
    }
#pragma unroll
    for (int ll = 0; ll < P; ++ll) {
      outside[h][ll] = mode == cupp_ndi_grid_constant && idx[ll] < 0;
      offs[h][ll] = (cupp_ndi_off_t)idx[ll] * (cupp_ndi_off_t)g.in_stride[h];
    }
    cupp_ndi_spline_weights<cupp_w_t>(cc, CUPP_NDI_ORDER, w[h]);
  }

  // the (ORDER + 1)^ND samples, the last axis fastest
  constexpr long long total = cupp_ndi_power(P, ND);
  cupp_w_t t = 0;
  const cupp_w_t cval = (cupp_w_t)g.cval;
#pragma unroll 36
  for (long long p = 0; p < total; ++p) {
    int f[ND];
    long long r = p;
#pragma unroll
    for (int h = ND - 1; h >= 0; --h) {
      f[h] = (int)(r % P);
      r /= P;
    }
    cupp_ndi_off_t idx = (cupp_ndi_off_t)base;
    bool is_cval = false;
#pragma unroll
    for (int h = 0; h < ND; ++h) {
      idx += offs[h][f[h]];
      is_cval = is_cval || outside[h][f[h]];
    }
    cupp_w_t coeff = is_cval ? cval : (cupp_w_t)in[idx];
#if CUPP_NDI_ORDER > 0
#pragma unroll
    for (int h = 0; h < ND; ++h) coeff *= w[h][f[h]];
#endif
    t += coeff;
  }
  out[out_off] = cupp_ndi_store((double)t);
}

#endif  // CUPP_NDI_INTERP_NAME
