// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernels of cupp::scipy::fft's DCT and DST (src/scipy/fft/realtransforms.cpp): the passes
// before and after the cuFFT call that computes each type. Included after a preamble that
// defines the variant:
//   cupp_r_t              the real type the transform computes in (float or double)
//   CUPP_R2R_PRE_NAME     the name of the pass that builds cuFFT's input
//   CUPP_R2R_POST_NAME    the name of the pass that builds the result from cuFFT's output
// The item functions (cupp_r2r::pre_item, post_item) are host code too: the tests run them
// around a reference DFT.
#pragma once

#if defined(__CUDACC__) || defined(__CUDACC_RTC__)
#include <cupp/indexing.cuh>
#define CUPP_R2R_FN __host__ __device__ __forceinline__
#else
#include <cmath>
#define CUPP_R2R_FN inline  // host code (tests) includes this header too
#endif

// Note [DCT and DST through cuFFT]: every type of length N is one cuFFT transform of a sequence
// built from the input, and a pass over its output (K = 2N for the types 2-4, the normalisation
// divisor M below). The input rows are C-contiguous, L <= N points each (the rest of the row
// is the zero padding of SciPy's n); the result rows C-contiguous, N points each. Complex
// buffers are read and written as (re, im) pairs of cupp_r_t.
// - DCT-I: R2C of the even extension v = [x0 .. x(N-1), x(N-2) .. x1] (length 2(N-1)):
//   y[k] = Re V[k]. DST-I: R2C of the odd extension [0, x0 .. x(N-1), 0, -x(N-1) .. -x0]
//   (length 2(N+1)): y[k] = -Im V[k+1].
// - DCT-II (Makhoul): R2C of length N of the reordering v[m] = x[2m] (m < (N+1)/2), else
//   x[2N-2m-1]; y[k] = 2 Re(exp(-i pi k / 2N) V[k]), with V[k] = conj(V[N-k]) past N/2.
//   DST-II is DCT-II of (-1)^n x[n], read backwards: y[k] = dct[N-1-k].
// - DCT-III: the inverse of that: C2R of length N of W[k] = (x[k] - i x[N-k]) exp(i pi k / 2N)
//   (x[N] = 0), k <= N/2 (W is Hermitian: W[0] and, for even N, W[N/2] are real), then
//   y[2m] = v[m], y[2m+1] = v[N-1-m]. DST-III is (-1)^k DCT-III of the reversed input.
// - DCT-IV and DST-IV: (2n+1)(2k+1)/4N = 2nk/2N + n/2N + (2k+1)/4N, so with
//   z[n] = x[n] exp(-i pi n / 2N) zero-padded to 2N and Z its C2C transform, and
//   w[k] = exp(-i pi (2k+1) / 4N) Z[k]: DCT-IV = 2 Re w[k], DST-IV = -2 Im w[k].
// The orthogonalized variants (SciPy's `orthogonalize`) scale x[0] and x[N-1] (DCT-I), the
// first element of the DCT-III's (reversed, for DST-III) input by sqrt(2) before, and y[0] and
// y[N-1] (DCT-I), the k = 0 term of the DCT-II (y[N-1] of DST-II) by 1/sqrt(2) after; `scale`
// is the norm's factor (1, 1/sqrt(M) or 1/M). The arithmetic is in double, the twiddles in the
// transform's precision (sincos_pi).

namespace cupp_r2r {

/// sin(pi x) and cos(pi x) for a transform in R: in double for double transforms; in float for
/// float ones (the argument's rounding to float moves the angle by at most 1e-7 radians, below
/// the float transform's own rounding, and the double functions would cost as much as the
/// memory traffic).
template <class R>
CUPP_R2R_FN void sincos_pi(double x, double* s, double* c) {
#if defined(__CUDA_ARCH__)
  if (sizeof(R) == sizeof(float)) {
    float sf, cf;
    sincospif(static_cast<float>(x), &sf, &cf);
    *s = sf;
    *c = cf;
  } else {
    sincospi(x, s, c);
  }
#else
  const double pi = 3.14159265358979323846;
  if (sizeof(R) == sizeof(float)) {
    *s = std::sin(static_cast<float>(pi) * static_cast<float>(x));
    *c = std::cos(static_cast<float>(pi) * static_cast<float>(x));
  } else {
    *s = std::sin(pi * x);
    *c = std::cos(pi * x);
  }
#endif
}

/// The row and column of element i of rows of m (no 64-bit division for a single row).
CUPP_R2R_FN void split(long long i, long long rows, long long m, long long* r, long long* j) {
  *r = rows == 1 ? 0 : i / m;
  *j = i - *r * m;
}

/// Element j of the input row (0 past its L points).
template <class R>
CUPP_R2R_FN double load(const R* row, long long j, long long L) {
  return j < L ? static_cast<double>(row[j]) : 0.0;
}

/// Element i of cuFFT's input `buf`: B rows of `m` elements (real for the types 1 and 2, complex
/// pairs for 3 and 4), from `x`'s B rows of L points (a transform of N points). `dst`: the DST
/// of the type; `orth`: the orthogonalized variant.
template <class R>
CUPP_R2R_FN void pre_element(const R* x, R* buf, long long i, long long rows, long long L,
                             long long N, long long m, int type, int dst, int orth) {
  const double sqrt2 = 1.4142135623730951;
  long long r, j;
  split(i, rows, m, &r, &j);
  const R* row = x + r * L;
  if (type == 1) {
    double v;
    if (!dst) {
      const long long src = j < N ? j : 2 * (N - 1) - j;
      v = load(row, src, L);
      if (orth && (src == 0 || src == N - 1)) v *= sqrt2;
    } else {
      v = (j == 0 || j == N + 1) ? 0.0
          : j <= N               ? load(row, j - 1, L)
                                 : -load(row, 2 * N + 1 - j, L);
    }
    buf[i] = static_cast<R>(v);
  } else if (type == 2) {
    const long long src = j < (N + 1) / 2 ? 2 * j : 2 * N - 2 * j - 1;
    double v = load(row, src, L);
    if (dst && (src & 1)) v = -v;
    buf[i] = static_cast<R>(v);
  } else if (type == 3) {
    // W[j], j <= N / 2, of the (for DST-III reversed) input xx.
    double a = load(row, dst ? N - 1 - j : j, L);
    const double b = j == 0 ? 0.0 : load(row, dst ? j - 1 : N - j, L);
    if (orth && j == 0) a *= sqrt2;
    double s, c;
    sincos_pi<R>(static_cast<double>(j) / (2.0 * static_cast<double>(N)), &s, &c);
    buf[2 * i] = static_cast<R>(a * c + b * s);
    buf[2 * i + 1] = static_cast<R>(a * s - b * c);
  } else {
    double re = 0.0, im = 0.0;
    if (j < N) {
      const double v = load(row, j, L);
      double s, c;
      sincos_pi<R>(static_cast<double>(j) / (2.0 * static_cast<double>(N)), &s, &c);
      re = v * c;
      im = -v * s;
    }
    buf[2 * i] = static_cast<R>(re);
    buf[2 * i + 1] = static_cast<R>(im);
  }
}

/// Element i of the result `y`, B rows of N points, from cuFFT's output `f`, B rows of `m`
/// elements (complex pairs, real for the type 3), times `scale`.
template <class R>
CUPP_R2R_FN void post_element(const R* f, R* y, long long i, long long rows, long long N,
                              long long m, int type, int dst, int orth, double scale) {
  const double rsqrt2 = 0.70710678118654752;
  long long r, k;
  split(i, rows, N, &r, &k);
  const R* row = f + r * (type == 3 ? m : 2 * m);
  double v;
  if (type == 1) {
    if (!dst) {
      v = static_cast<double>(row[2 * k]);
      if (orth && (k == 0 || k == N - 1)) v *= rsqrt2;
    } else {
      v = -static_cast<double>(row[2 * (k + 1) + 1]);
    }
  } else if (type == 2) {
    const long long kk = dst ? N - 1 - k : k;
    double re, im;
    if (kk <= N / 2) {
      re = static_cast<double>(row[2 * kk]);
      im = static_cast<double>(row[2 * kk + 1]);
    } else {
      re = static_cast<double>(row[2 * (N - kk)]);
      im = -static_cast<double>(row[2 * (N - kk) + 1]);
    }
    double s, c;
    sincos_pi<R>(static_cast<double>(kk) / (2.0 * static_cast<double>(N)), &s, &c);
    v = 2.0 * (re * c + im * s);
    if (orth && kk == 0) v *= rsqrt2;
  } else if (type == 3) {
    const long long src = (k & 1) ? N - 1 - (k - 1) / 2 : k / 2;
    v = static_cast<double>(row[src]);
    if (dst && (k & 1)) v = -v;
  } else {
    const double re = static_cast<double>(row[2 * k]), im = static_cast<double>(row[2 * k + 1]);
    double s, c;
    sincos_pi<R>(static_cast<double>(2 * k + 1) / (4.0 * static_cast<double>(N)), &s, &c);
    // w = (c - i s)(re + i im)
    v = dst ? -2.0 * (c * im - s * re) : 2.0 * (c * re + s * im);
  }
  y[i] = static_cast<R>(v * scale);
}

/// DCT-II/DST-II's input two elements at a time: pair p of a row reads x[2p] and x[2p+1] (one
/// pass over the row, where one thread per element of v would read it twice) and writes
/// v[p] and v[N-1-p].
template <class R>
CUPP_R2R_FN void pre_pair(const R* x, R* buf, long long i, long long rows, long long L, long long N,
                          int dst) {
  long long r, p;
  split(i, rows, (N + 1) / 2, &r, &p);
  const R* row = x + r * L;
  R* out = buf + r * N;
  out[p] = static_cast<R>(load(row, 2 * p, L));
  if (2 * p + 1 < N) {
    const double v = load(row, 2 * p + 1, L);
    out[N - 1 - p] = static_cast<R>(dst ? -v : v);
  }
}

/// DCT-II/DST-II's result two elements at a time: with z = exp(-i pi k / 2N) V[k],
/// k <= N / 2, y[k] = 2 Re z and y[N-k] = -2 Im z (one twiddle and one read of V for both).
template <class R>
CUPP_R2R_FN void post_pair(const R* f, R* y, long long i, long long rows, long long N, int dst,
                           int orth, double scale) {
  const double rsqrt2 = 0.70710678118654752;
  const long long half = N / 2 + 1;
  long long r, k;
  split(i, rows, half, &r, &k);
  const R* row = f + 2 * r * half;
  R* out = y + r * N;
  const double re = static_cast<double>(row[2 * k]), im = static_cast<double>(row[2 * k + 1]);
  double s, c;
  sincos_pi<R>(static_cast<double>(k) / (2.0 * static_cast<double>(N)), &s, &c);
  double first = 2.0 * (re * c + im * s);
  if (orth && k == 0) first *= rsqrt2;
  out[dst ? N - 1 - k : k] = static_cast<R>(first * scale);
  if (k > 0 && N - k != k) {
    const double second = -2.0 * (im * c - re * s);
    out[dst ? k - 1 : N - k] = static_cast<R>(second * scale);
  }
}

/// The items per row of each pass: pairs for the type 2, elements otherwise (`m` the length of
/// cuFFT's input rows).
CUPP_R2R_FN long long pre_items(int type, long long N, long long m) {
  return type == 2 ? (N + 1) / 2 : m;
}
CUPP_R2R_FN long long post_items(int type, long long N) { return type == 2 ? N / 2 + 1 : N; }

/// Item i of the passes (the kernels' bodies).
template <class R>
CUPP_R2R_FN void pre_item(const R* x, R* buf, long long i, long long rows, long long L, long long N,
                          long long m, int type, int dst, int orth) {
  if (type == 2)
    pre_pair(x, buf, i, rows, L, N, dst);
  else
    pre_element(x, buf, i, rows, L, N, m, type, dst, orth);
}
template <class R>
CUPP_R2R_FN void post_item(const R* f, R* y, long long i, long long rows, long long N, long long m,
                           int type, int dst, int orth, double scale) {
  if (type == 2)
    post_pair(f, y, i, rows, N, dst, orth, scale);
  else
    post_element(f, y, i, rows, N, m, type, dst, orth, scale);
}

}  // namespace cupp_r2r

#if defined(__CUDACC__) || defined(__CUDACC_RTC__)

/// Builds cuFFT's input (cupp_r2r::pre_item for every item).
extern "C" __global__ void CUPP_R2R_PRE_NAME(const cupp_r_t* __restrict__ x,
                                             cupp_r_t* __restrict__ buf, long long rows,
                                             long long L, long long N, long long m, int type,
                                             int dst, int orth) {
  for (long long i : cupp::grid_stride(rows * cupp_r2r::pre_items(type, N, m)))
    cupp_r2r::pre_item(x, buf, i, rows, L, N, m, type, dst, orth);
}

/// Builds the result (cupp_r2r::post_item for every item).
extern "C" __global__ void CUPP_R2R_POST_NAME(const cupp_r_t* __restrict__ f,
                                              cupp_r_t* __restrict__ y, long long rows, long long N,
                                              long long m, int type, int dst, int orth,
                                              double scale) {
  for (long long i : cupp::grid_stride(rows * cupp_r2r::post_items(type, N)))
    cupp_r2r::post_item(f, y, i, rows, N, m, type, dst, orth, scale);
}

#endif
