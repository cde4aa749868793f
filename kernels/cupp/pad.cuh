// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernels of cupp::pad. Included after a preamble (src/manip/pad.cpp) that includes
// <cupp/ufunc.cuh> and defines the variant:
//   cupp_t, cupp_r_t, cupp_acc_t  the element type, its real compute type, the sums' type
//   CUPP_PAD_COMPLEX, CUPP_PAD_NARROW, CUPP_PAD_BOOL, CUPP_PAD_INTEGER  what kind cupp_t is (0/1)
//   CUPP_PAD_K                    the most dimensions (the argument structs' array lengths)
//   CUPP_PAD_NAME                 the index kernel's name, cupp_pad_<dtype>
//   CUPP_PAD_AXIS_NAME            the axis-pass kernel's name, cupp_pad_axis_<dtype>
#pragma once

#include <cupp/indexing.cuh>

// Note [Pad kernels]: the output is C-contiguous; each element is written once.
//
// `cupp_pad_<dtype>` writes every element of the output for the modes that are an index map of
// the input: for edge, reflect, symmetric and wrap the element at output coordinates o is
// a[map_0(o_0 - before_0), map_1(o_1 - before_1), ...], each map the 1-D periodic extension of
// its axis (edge: clamp; reflect: period 2(n-1), about 0 and n-1, an axis of length 1 acting as
// edge; symmetric: period 2n, about -1/2 and n-1/2; wrap: period n). NumPy builds those by
// repeated copies of chunks whose edges stay on multiples of the period, so for pads wider than
// the axis the pure map is what it produces. For constant the element takes the value of the
// LAST axis whose coordinate lies in a pad region (NumPy pads axes in order, the later writing
// over the corners). Rows (all axes but the last) go to the grid and the y threads, columns to the
// x threads, so writes are coalesced and the 64-bit divisions that find a row's coordinates are
// paid once per row; a column maps without division unless the pad is wider than a period. When
// the input row is contiguous and the interior starts on 16 bytes in both rows, the interior is
// copied as 16-byte words and only the pad columns go element by element.
// Mode "empty" writes the interior only.
//
// `cupp_pad_axis_<dtype>` is one pass along one axis for the modes whose values depend on those
// padded before (maximum, minimum, mean, median, linear_ramp, and reflect_type="odd"), over
// NumPy's region of interest: earlier axes at their full (padded) extent, later axes at their
// original extent. One thread per line along the axis; it writes the line's pad elements. Median
// values come computed (cupp::median over the window views); reflect_type="odd" repeats NumPy's
// chunked reflections literally, because 2 * edge - value rounds at every step.
struct cupp_pad_geom {
  long long out_shape[CUPP_PAD_K];
  long long in_shape[CUPP_PAD_K];
  long long in_stride[CUPP_PAD_K];
  long long before[CUPP_PAD_K];
  double value[CUPP_PAD_K][2][2];  // constant per axis and side: real, imaginary
  int ndim;
};
struct cupp_pad_lines {
  long long extent[CUPP_PAD_K];  // the region's axes other than the padded one
  long long stride[CUPP_PAD_K];
  long long origin;              // offset of the region's first element
  long long length;              // the padded axis: full extent, stride, before, original length
  long long stride_axis;
  long long before;
  long long n;
  long long stat_left, stat_right;  // window lengths (maximum, minimum, mean, median)
  double end_value[2][2];           // linear_ramp: per side, real and imaginary
  int nd;
};

enum { cupp_mode_empty = 0, cupp_mode_constant, cupp_mode_edge, cupp_mode_reflect, cupp_mode_symmetric,
       cupp_mode_wrap };
enum { cupp_op_max = 1, cupp_op_min, cupp_op_mean, cupp_op_median, cupp_op_ramp, cupp_op_ramp_flag,
       cupp_op_odd };

/// The source index of coordinate j (relative to the original start) outside [0, n).
__device__ __forceinline__ long long cupp_pad_map(long long j, long long n, int mode) {
  if (mode == cupp_mode_edge) return j < 0 ? 0 : n - 1;
  if (mode == cupp_mode_wrap) {
    if (j < 0) {
      j += n;
      if (j < 0) { j %= n; if (j < 0) j += n; }
    } else {
      j -= n;
      if (j >= n) j %= n;
    }
    return j;
  }
  if (mode == cupp_mode_reflect) {
    if (n == 1) return 0;
    const long long p = 2 * (n - 1);
    if (j < 0) j = -j;  // the extension is even about 0
    if (j >= p) j %= p;
    return j < n ? j : p - j;
  }
  // symmetric
  const long long p = 2 * n;
  if (j < 0) j = -1 - j;  // the extension is even about -1/2
  if (j >= p) j %= p;
  return j < n ? j : p - 1 - j;
}

__device__ __forceinline__ cupp_t cupp_pad_value(const cupp_pad_geom& g, int axis, int side) {
  return cupp::ufn::cast<cupp_t>(
      cupp::complex<double>(g.value[axis][side][0], g.value[axis][side][1]));
}

/// Output column j of a row, counted from the input row's start: the input element, a constant,
/// or the mapped element; false (nothing to write) for mode "empty" outside the input.
__device__ __forceinline__ bool cupp_pad_pick(const cupp_t* __restrict__ irow, long long j,
                                              long long n, long long stride, int mode, cupp_t lo,
                                              cupp_t hi, cupp_t& v) {
  if (j >= 0 && j < n) {
    v = irow[j * stride];
  } else if (mode == cupp_mode_constant) {
    v = j < 0 ? lo : hi;
  } else if (mode == cupp_mode_empty) {
    return false;
  } else {
    v = irow[cupp_pad_map(j, n, mode) * stride];
  }
  return true;
}

/// One output row (not in a pad of an earlier axis) from its input row; Unit: the input's last
/// axis is contiguous, so its index needs no multiply. Four loads in flight per thread before
/// the stores.
template <bool Unit>
__device__ __forceinline__ void cupp_pad_row(const cupp_t* __restrict__ irow,
                                             cupp_t* __restrict__ orow, long long cols,
                                             long long n, long long b, long long s, int mode,
                                             cupp_t lo, cupp_t hi) {
  const long long stride = Unit ? 1 : s;
  const long long step = static_cast<long long>(blockDim.x) * 4;
  for (long long c0 = threadIdx.x; c0 < cols; c0 += step) {
    cupp_t v[4];
    bool w[4];
#pragma unroll
    for (int u = 0; u < 4; ++u) {
      const long long c = c0 + static_cast<long long>(u) * blockDim.x;
      w[u] = c < cols && cupp_pad_pick(irow, c - b, n, stride, mode, lo, hi, v[u]);
    }
#pragma unroll
    for (int u = 0; u < 4; ++u)
      if (w[u]) orow[c0 + static_cast<long long>(u) * blockDim.x] = v[u];
  }
}

/// Output column t of the row's pad columns and unvectorised interior columns: the left pad
/// [0, b), then [b + done, cols).
__device__ __forceinline__ long long cupp_pad_rest_column(long long t, long long b, long long done) {
  return t < b ? t : t + done;
}

/// A row whose input row is contiguous and whose interior starts on 16 bytes in both rows: the
/// interior copied as 16-byte words (four in flight per thread), then the pads and the interior's
/// tail element by element.
__device__ __forceinline__ void cupp_pad_row_vec(const cupp_t* __restrict__ irow,
                                                 cupp_t* __restrict__ orow, long long cols,
                                                 long long n, long long b, int mode, cupp_t lo,
                                                 cupp_t hi) {
  constexpr long long k = 16 / sizeof(cupp_t);
  const long long words = n / k;
  const uint4* __restrict__ src = reinterpret_cast<const uint4*>(irow);
  uint4* __restrict__ dst = reinterpret_cast<uint4*>(orow + b);
  const long long step = static_cast<long long>(blockDim.x) * 4;
  for (long long q0 = threadIdx.x; q0 < words; q0 += step) {
    uint4 v[4];
#pragma unroll
    for (int u = 0; u < 4; ++u) {
      const long long q = q0 + static_cast<long long>(u) * blockDim.x;
      if (q < words) v[u] = src[q];
    }
#pragma unroll
    for (int u = 0; u < 4; ++u) {
      const long long q = q0 + static_cast<long long>(u) * blockDim.x;
      if (q < words) dst[q] = v[u];
    }
  }
  const long long done = words * k;
  const long long rest = cols - done;
  for (long long t = threadIdx.x; t < rest; t += blockDim.x) {
    const long long c = cupp_pad_rest_column(t, b, done);
    cupp_t v;
    if (cupp_pad_pick(irow, c - b, n, 1, mode, lo, hi, v)) orow[c] = v;
  }
}

extern "C" __global__ void CUPP_PAD_NAME(const cupp_t* __restrict__ in, cupp_t* __restrict__ out,
                                         const cupp_pad_geom g, long long rows, int mode) {
  const int last = g.ndim - 1;
  const long long cols = g.out_shape[last], n = g.in_shape[last], b = g.before[last];
  const long long s = g.in_stride[last];
  cupp_t lo = cupp_t(), hi = cupp_t();
  if (mode == cupp_mode_constant) {
    lo = cupp_pad_value(g, last, 0);
    hi = cupp_pad_value(g, last, 1);
  }
  for (long long row : cupp::grid_stride_rows(rows)) {
    long long rem = row, base = 0;
    int pad_axis = -1, pad_side = 0;
    for (int d = last - 1; d >= 0; --d) {
      const long long o = rem % g.out_shape[d];
      rem /= g.out_shape[d];
      long long j = o - g.before[d];
      if (j < 0 || j >= g.in_shape[d]) {
        if (pad_axis < 0) { pad_axis = d; pad_side = j >= 0; }
        if (mode == cupp_mode_constant || mode == cupp_mode_empty) continue;
        j = cupp_pad_map(j, g.in_shape[d], mode);
      }
      base += j * g.in_stride[d];
    }
    cupp_t* orow = out + row * cols;
    if (pad_axis >= 0 && mode == cupp_mode_empty) continue;
    if (pad_axis >= 0 && mode == cupp_mode_constant) {
      const cupp_t v = cupp_pad_value(g, pad_axis, pad_side);
      for (long long c = threadIdx.x; c < cols; c += blockDim.x) {
        const long long j = c - b;
        orow[c] = j < 0 ? lo : (j >= n ? hi : v);
      }
      continue;
    }
    const bool aligned = 16 % sizeof(cupp_t) == 0 &&
                         (reinterpret_cast<unsigned long long>(in + base) & 15) == 0 &&
                         (reinterpret_cast<unsigned long long>(orow + b) & 15) == 0;
    if (s == 1 && aligned)
      cupp_pad_row_vec(in + base, orow, cols, n, b, mode, lo, hi);
    else if (s == 1)
      cupp_pad_row<true>(in + base, orow, cols, n, b, 1, mode, lo, hi);
    else
      cupp_pad_row<false>(in + base, orow, cols, n, b, s, mode, lo, hi);
  }
}

// ---- the per-axis pass -------------------------------------------------------------------------

/// A value rounded to the dtype's precision (the 16-bit dtypes compute in float).
__device__ __forceinline__ cupp_r_t cupp_rd(cupp_r_t x) {
#if CUPP_PAD_NARROW
  return static_cast<float>(cupp_t(x));
#else
  return x;
#endif
}

#if !CUPP_PAD_COMPLEX
__device__ __forceinline__ bool cupp_isnan_v(cupp_t x) {
  return cupp::ufn::cast<double>(x) != cupp::ufn::cast<double>(x);
}
/// The value NumPy orders by (16-bit floats as float, everything else as itself).
__device__ __forceinline__ auto cupp_key(cupp_t x) {
#if CUPP_PAD_NARROW
  return static_cast<float>(x);
#else
  return x;
#endif
}
/// numpy.amax / amin of x[0], x[st], ... (len > 0): a nan anywhere is the result.
__device__ cupp_t cupp_extreme(const cupp_t* x, long long st, long long len, bool want_max) {
  cupp_t acc = x[0];
  if (cupp_isnan_v(acc)) return acc;
  for (long long i = 1; i < len; ++i) {
    const cupp_t v = x[i * st];
    if (cupp_isnan_v(v)) return v;
    if (want_max ? cupp_key(v) > cupp_key(acc) : cupp_key(v) < cupp_key(acc)) acc = v;
  }
  return acc;
}
#endif

/// A mean or median (of dtype cupp_acc_t) as the padded dtype: integers round half to even.
__device__ __forceinline__ cupp_t cupp_from_stat(cupp_acc_t m) {
#if CUPP_PAD_INTEGER
  return cupp::ufn::cast<cupp_t>(rint(m));
#else
  return cupp::ufn::cast<cupp_t>(m);
#endif
}

__device__ cupp_t cupp_mean(const cupp_t* x, long long st, long long len) {
  cupp_acc_t sum = cupp_acc_t(0);
  for (long long i = 0; i < len; ++i) sum += cupp::ufn::cast<cupp_acc_t>(x[i * st]);
  return cupp_from_stat(sum / static_cast<double>(len));
}

/// An end value in the dtype, rounded once (NumPy converts the Python float to it).
__device__ __forceinline__ cupp_r_t cupp_start(double v) {
#if CUPP_PAD_NARROW
  return static_cast<float>(cupp_t(v));
#else
  return static_cast<cupp_r_t>(v);
#endif
}

/// One real part of numpy.linspace(start, stop, w, endpoint=False, dtype)[k], computed in the
/// dtype (every operation rounded to it, never fused) as NumPy computes it. `divide_first` is
/// NumPy's path when some step of the same call is 0 (y / div * delta instead of y * step).
__device__ cupp_r_t cupp_ramp_part(double start_v, cupp_r_t stop, long long w, long long k,
                                   bool divide_first) {
  using cupp::detail::add_rn;
  using cupp::detail::mul_rn;
  using cupp::detail::sub_rn;
  const cupp_r_t start = cupp_start(start_v);
  const cupp_r_t delta = cupp_rd(sub_rn(stop, start));
  const cupp_r_t div = static_cast<cupp_r_t>(w), y = static_cast<cupp_r_t>(k);
  cupp_r_t r;
  if (divide_first)
    r = cupp_rd(mul_rn(cupp_rd(y / div), delta));
  else
    r = cupp_rd(mul_rn(y, cupp_rd(delta / div)));
  r = cupp_rd(add_rn(r, start));
#if CUPP_PAD_INTEGER
  r = floor(r);
#endif
  return r;
}

__device__ __forceinline__ bool cupp_step_is_zero(double start_v, cupp_r_t stop, long long w) {
  const cupp_r_t start = cupp_start(start_v);
  return cupp_rd(cupp_rd(cupp::detail::sub_rn(stop, start)) / static_cast<cupp_r_t>(w)) ==
         cupp_r_t(0);
}

#if CUPP_PAD_COMPLEX
__device__ __forceinline__ cupp_r_t cupp_re(cupp_t x) { return x.real(); }
__device__ __forceinline__ cupp_r_t cupp_im(cupp_t x) { return x.imag(); }
#else
__device__ __forceinline__ cupp_r_t cupp_re(cupp_t x) { return cupp::ufn::cast<cupp_r_t>(x); }
__device__ __forceinline__ cupp_r_t cupp_im(cupp_t) { return cupp_r_t(0); }
#endif

__device__ cupp_t cupp_ramp(const cupp_pad_lines& L, int side, cupp_t edge, long long w,
                            long long k, bool divide_first) {
  const cupp_r_t re =
      cupp_ramp_part(L.end_value[side][0], cupp_re(edge), w, k, divide_first);
#if CUPP_PAD_COMPLEX
  const cupp_r_t im =
      cupp_ramp_part(L.end_value[side][1], cupp_im(edge), w, k, divide_first);
  return cupp_t(re, im);
#else
  return cupp::ufn::cast<cupp_t>(re);
#endif
}

__device__ bool cupp_ramp_zero(const cupp_pad_lines& L, int side, cupp_t edge, long long w) {
  const bool re = cupp_step_is_zero(L.end_value[side][0], cupp_re(edge), w);
#if CUPP_PAD_COMPLEX
  return re && cupp_step_is_zero(L.end_value[side][1], cupp_im(edge), w);
#else
  return re;
#endif
}

/// 2 * edge - x in the dtype, as NumPy's `2 * padded[edge] - chunk` (bool: through int64).
__device__ __forceinline__ cupp_t cupp_odd_value(cupp_t edge, cupp_t x) {
#if CUPP_PAD_COMPLEX
  using R = decltype(edge.real());
  using cupp::detail::mul_rn;
  using cupp::detail::sub_rn;
  return cupp_t(sub_rn(mul_rn(R(2), edge.real()), x.real()),
                sub_rn(mul_rn(R(2), edge.imag()), x.imag()));
#elif CUPP_PAD_BOOL
  return 2 * static_cast<int>(edge) - static_cast<int>(x) != 0;
#elif CUPP_PAD_INTEGER
  return static_cast<cupp_t>(2ull * static_cast<unsigned long long>(edge) -
                             static_cast<unsigned long long>(x));
#else
  using cupp::detail::mul_rn;
  using cupp::detail::sub_rn;
  const cupp_r_t twice = cupp_rd(mul_rn(cupp_r_t(2), cupp_re(edge)));
  return cupp_t(cupp_rd(sub_rn(twice, cupp_re(x))));
#endif
}

/// NumPy's _set_reflect_both repeated until the line is filled, with method "odd".
__device__ void cupp_reflect_odd(cupp_t* x, long long st, const cupp_pad_lines& L, bool symmetric) {
  const long long N = L.length, P = L.n;
  long long lp = L.before, rp = N - L.before - L.n;
  if (P == 1) {  // NumPy extends a singleton axis as mode "edge" does
    const cupp_t edge = x[lp * st];
    for (long long i = 0; i < N; ++i) x[i * st] = edge;
    return;
  }
  while (lp > 0 || rp > 0) {
    long long old = N - rp - lp, eo = 0;
    if (symmetric) {
      old = old / P * P;
      eo = 1;
    } else {
      old = (old - 1) / (P - 1) * (P - 1);
    }
    if (lp > 0) {
      const long long ch = old < lp ? old : lp;
      const cupp_t edge = x[lp * st];
      for (long long k = 0; k < ch; ++k)
        x[(lp - ch + k) * st] = cupp_odd_value(edge, x[(lp - eo + ch - k) * st]);
      lp -= ch;
    }
    if (rp > 0) {
      const long long ch = old < rp ? old : rp;
      const cupp_t edge = x[(N - rp - 1) * st];
      for (long long k = 0; k < ch; ++k)
        x[(N - rp + k) * st] = cupp_odd_value(edge, x[(N - rp + eo - 2 - k) * st]);
      rp -= ch;
    }
  }
}

extern "C" __global__ void CUPP_PAD_AXIS_NAME(cupp_t* __restrict__ out, const cupp_pad_lines L,
                                              long long lines, int op, int option,
                                              const double* __restrict__ pre_left,
                                              const double* __restrict__ pre_right,
                                              int* __restrict__ flags) {
  const long long st = L.stride_axis, B = L.before, n = L.n, A = L.length - B - n;
  for (long long t : cupp::grid_stride(lines)) {
    long long rem = t, base = L.origin;
    for (int d = L.nd - 1; d >= 0; --d) {
      base += (rem % L.extent[d]) * L.stride[d];
      rem /= L.extent[d];
    }
    cupp_t* x = out + base;
    if (op == cupp_op_odd) {
      cupp_reflect_odd(x, st, L, option != 0);
      continue;
    }
    cupp_t left = cupp_t(), right = cupp_t();
    const cupp_t* first = x + B * st;
    const cupp_t* right_window = x + (B + n - L.stat_right) * st;
    if (op == cupp_op_max || op == cupp_op_min) {
#if !CUPP_PAD_COMPLEX
      left = cupp_extreme(first, st, L.stat_left, op == cupp_op_max);
      right = cupp_extreme(right_window, st, L.stat_right, op == cupp_op_max);
#endif
    } else if (op == cupp_op_mean) {
      left = cupp_mean(first, st, L.stat_left);
      right = cupp_mean(right_window, st, L.stat_right);
    } else if (op == cupp_op_median) {
#if !CUPP_PAD_COMPLEX
      // A window of no values has a nan median, as NumPy's (a RuntimeWarning there).
      left = cupp_from_stat(L.stat_left > 0 ? pre_left[t] : nan(""));
      right = cupp_from_stat(L.stat_right > 0 ? pre_right[t] : nan(""));
#endif
    } else {
      const cupp_t edge_l = x[B * st], edge_r = x[(B + n - 1) * st];
      if (op == cupp_op_ramp_flag) {
        if (B > 0 && cupp_ramp_zero(L, 0, edge_l, B)) atomicOr(flags, 1);
        if (A > 0 && cupp_ramp_zero(L, 1, edge_r, A)) atomicOr(flags + 1, 1);
        continue;
      }
      const bool zl = flags[0] != 0, zr = flags[1] != 0;
      for (long long i = 0; i < B; ++i) x[i * st] = cupp_ramp(L, 0, edge_l, B, i, zl);
      for (long long i = 0; i < A; ++i)  // the right ramp runs from the edge outwards
        x[(B + n + i) * st] = cupp_ramp(L, 1, edge_r, A, A - 1 - i, zr);
      continue;
    }
    for (long long i = 0; i < B; ++i) x[i * st] = left;
    for (long long i = 0; i < A; ++i) x[(B + n + i) * st] = right;
  }
}
