// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The device side of cupp::random's Generator: how each element of a draw takes its words from
// Philox4x32-10, and NumPy's distributions on those words. A generated kernel instantiates
// `packed_body`, `normal_body`, `stream_body` or `row_body` with a sampler below: its preamble
// (src/random/random.cpp) defines CUPP_RNG_NAME (cupp_rng_<distribution>_<dtype>), CUPP_RNG_T (the
// element type) and CUPP_RNG_BODY (the instantiation), and the end of this header declares it.
//
// Note [Random stream layout]: the numbers a draw returns depend only on the generator's key,
// its block counter c at the call, and the element's index i, never on the launch configuration.
//  - Packed draws (one uniform or normal per element) read block c + i / P, where P = 4 for
//    float32 results (word i % 4, or for normals the Box-Muller pair (2j, 2j+1) with j = (i % 4)/2
//    giving cos then sin) and P = 2 for float64 and int64 results (words 2(i % 2), 2(i % 2) + 1;
//    float64 normals take them as one 64-bit word, high word first, through the ziggurat, whose
//    rare retries read the blocks (lo(c + i / 2), hi(c + i / 2), r, 1 + i % 2), r = 0, 1, ...).
//    The call advances c by ceil(n / P).
//  - Stream draws (rejection samplers, integers, anything that takes a varying number of words)
//    give element i the blocks with counter words (lo(c + i), hi(c + i), r, 0) for r = 0, 1, ...,
//    using their words in order. Row draws (multinomial, dirichlet) do the same per row. The call
//    advances c by n (or the row count).
#pragma once

#include <cupp/indexing.cuh>
#include <cupp/philox.cuh>

namespace cupp {
namespace rng {

typedef unsigned int u32;
typedef unsigned long long u64;

/// The launch-time state: the key and the first block of this draw.
struct state {
  philox::key k;
  u64 counter;
};

/// Scalar parameters of a distribution (NumPy's names in the comments of each sampler).
struct params {
  double p0, p1, p2;
  long long i0, i1, i2;
  const double* table;
  long long m;
};

__device__ __forceinline__ double to_open_double(u32 hi, u32 lo) {
  // (0, 1): the top 53 bits plus one half, times 2^-53; every value exact.
  const u64 x = ((static_cast<u64>(hi) << 32) | lo) >> 11;
  return (static_cast<double>(x) + 0.5) * 1.1102230246251565e-16;
}
__device__ __forceinline__ float to_open_float(u32 x) {
  // (0, 1): the top 23 bits plus one half, times 2^-23; every value exact.
  return (static_cast<float>(x >> 9) + 0.5f) * 1.1920928955078125e-07f;
}

// ---------------------------------------------------------------------------------------------
// Per-element streams.

/// The words of element `id`: blocks (lo(id), hi(id), r, 0), r = 0, 1, ... in order.
struct stream {
  philox::key k;
  u64 id;
  u32 round;
  u32 tag;  // counter word 3: 0 for stream draws, 1 or 2 for the ziggurat's rare second tries
  int used;
  philox::block b;
  bool has_spare;
  double spare;

  __device__ stream(philox::key key, u64 element, u32 tag_word = 0u)
      : k(key), id(element), round(0u), tag(tag_word), used(4), has_spare(false), spare(0.0) {}

  __device__ u32 next32() {
    if (used == 4) {
      philox::block c;
      c.w[0] = static_cast<u32>(id);
      c.w[1] = static_cast<u32>(id >> 32);
      c.w[2] = round++;
      c.w[3] = tag;
      b = philox::philox4x32_10(c, k);
      used = 0;
    }
    // Rotate the words down instead of indexing them, so the block stays in registers.
    const u32 x = b.w[0];
    b.w[0] = b.w[1];
    b.w[1] = b.w[2];
    b.w[2] = b.w[3];
    ++used;
    return x;
  }
  __device__ u64 next64() {
    const u64 hi = next32();
    const u64 lo = next32();
    return (hi << 32) | lo;
  }
  /// [0, 1)
  __device__ double uniform() {
    const u32 hi = next32();
    const u32 lo = next32();
    return philox::to_double(hi, lo);
  }
  /// (0, 1)
  __device__ double open() {
    const u32 hi = next32();
    const u32 lo = next32();
    return to_open_double(hi, lo);
  }
  /// Box-Muller; the sine of a pair is kept for the next call.
  __device__ double normal() {
    if (has_spare) {
      has_spare = false;
      return spare;
    }
    const double u1 = open();
    const double u2 = uniform();
    const double r = sqrt(-2.0 * log(u1));
    double s, c;
    sincospi(2.0 * u2, &s, &c);
    spare = r * s;
    has_spare = true;
    return r * c;
  }
  __device__ double exponential() { return -log(open()); }
};

/// An integer uniform on [0, range), range >= 1, by Lemire's multiply-and-reject. range == 0 means
/// 2^64 (every 64-bit value).
__device__ __forceinline__ u64 bounded(stream& s, u64 range) {
  if (range == 0ull) return s.next64();
  if (range <= 0x100000000ull) {
    if (range == 0x100000000ull) return s.next32();
    const u32 r = static_cast<u32>(range);
    u64 m = static_cast<u64>(s.next32()) * r;
    u32 low = static_cast<u32>(m);
    if (low < r) {
      const u32 t = (0u - r) % r;
      while (low < t) {
        m = static_cast<u64>(s.next32()) * r;
        low = static_cast<u32>(m);
      }
    }
    return m >> 32;
  }
  u64 x = s.next64();
  u64 low = x * range;
  if (low < range) {
    const u64 t = (0ull - range) % range;
    while (low < t) {
      x = s.next64();
      low = x * range;
    }
  }
  return __umul64hi(x, range);
}

/// NumPy's standard_gamma: Marsaglia and Tsang for shape >= 1, Ahrens and Dieter's GS for
/// shape < 1.
__device__ double standard_gamma(stream& s, double shape) {
  if (shape == 1.0) return s.exponential();
  if (shape == 0.0) return 0.0;
  if (shape < 1.0) {
    for (;;) {
      const double u = s.uniform();
      const double v = s.exponential();
      if (u <= 1.0 - shape) {
        const double x = pow(u, 1.0 / shape);
        if (x <= v) return x;
      } else {
        const double y = -log((1.0 - u) / shape);
        const double x = pow(1.0 - shape + shape * y, 1.0 / shape);
        if (x <= v + y) return x;
      }
    }
  }
  const double b = shape - 1.0 / 3.0, c = 1.0 / sqrt(9.0 * b);
  for (;;) {
    double x, v;
    do {
      x = s.normal();
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = s.uniform();
    if (u < 1.0 - 0.0331 * (x * x) * (x * x)) return b * v;
    if (log(u) < 0.5 * x * x + b * (1.0 - v + log(v))) return b * v;
  }
}

/// log of a standard gamma variate, without underflow for small shapes:
/// Gamma(a) = Gamma(a + 1) U^(1/a) for a < 1.
__device__ double log_standard_gamma(stream& s, double shape) {
  if (shape < 1.0) {
    const double g = standard_gamma(s, shape + 1.0);
    return log(g) + log(s.open()) / shape;
  }
  return log(standard_gamma(s, shape));
}

/// Poisson: inversion of one uniform below 10 (a walk up the distribution function; NumPy
/// multiplies uniforms instead, which takes lam + 1 of them), Hörmann's PTRS from 10 (as NumPy).
__device__ long long poisson(stream& s, double lam) {
  if (lam == 0.0) return 0;
  if (lam < 10.0) {
    const double u = s.uniform();
    double pk = exp(-lam), cdf = pk;
    long long k = 0;
    while (u > cdf) {
      ++k;
      pk *= lam / static_cast<double>(k);
      const double next = cdf + pk;
      // A U above the rounded total (probability near 2^-53) stops where the terms vanish.
      if (next == cdf) break;
      cdf = next;
    }
    return k;
  }
  const double slam = sqrt(lam), loglam = log(lam);
  const double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
  const double invalpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = s.uniform() - 0.5;
    const double v = s.uniform();
    const double us = 0.5 - fabs(u);
    const double k = floor((2.0 * a / us + b) * u + lam + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<long long>(k);
    if (k < 0.0 || (us < 0.013 && v > us)) continue;
    if (log(v) + log(invalpha) - log(a / (us * us) + b) <= -lam + k * loglam - lgamma(k + 1.0))
      return static_cast<long long>(k);
  }
}

/// Binomial for p <= 1/2: inversion while n p <= 30, Hörmann's BTRS above.
__device__ long long binomial_low(stream& s, long long n, double p) {
  const double q = 1.0 - p;
  const double dn = static_cast<double>(n);
  if (dn * p <= 30.0) {
    const double qn = exp(dn * log1p(-p));
    const double np = dn * p;
    const double bound = fmin(dn, np + 10.0 * sqrt(np * q + 1.0));
    long long x = 0;
    double px = qn, u = s.uniform();
    while (u > px) {
      ++x;
      if (static_cast<double>(x) > bound) {
        x = 0;
        px = qn;
        u = s.uniform();
      } else {
        u -= px;
        px = ((dn - static_cast<double>(x) + 1.0) * p * px) / (static_cast<double>(x) * q);
      }
    }
    return x;
  }
  const double spq = sqrt(dn * p * q);
  const double b = 1.15 + 2.53 * spq, a = -0.0873 + 0.0248 * b + 0.01 * p, c = dn * p + 0.5;
  const double vr = 0.92 - 4.2 / b, alpha = (2.83 + 5.1 / b) * spq, lpq = log(p / q);
  const double m = floor((dn + 1.0) * p);
  const double h = lgamma(m + 1.0) + lgamma(dn - m + 1.0);
  for (;;) {
    const double u = s.uniform() - 0.5;
    double v = s.uniform();
    const double us = 0.5 - fabs(u);
    const double k = floor((2.0 * a / us + b) * u + c);
    if (k < 0.0 || k > dn) continue;
    if (us >= 0.07 && v <= vr) return static_cast<long long>(k);
    v = log(v * alpha / (a / (us * us) + b));
    if (v <= h - lgamma(k + 1.0) - lgamma(dn - k + 1.0) + (k - m) * lpq)
      return static_cast<long long>(k);
  }
}

__device__ long long binomial(stream& s, long long n, double p) {
  if (n == 0 || p == 0.0) return 0;
  if (p == 1.0) return n;
  return p > 0.5 ? n - binomial_low(s, n, 1.0 - p) : binomial_low(s, n, p);
}

// ---------------------------------------------------------------------------------------------
// Samplers. A packed sampler maps one uniform (u in [0, 1), uo in (0, 1), in the compute type C)
// or one normal z to a value; a stream sampler draws from a stream.

struct k_random {
  template <class C> static __device__ C apply(C u, C, const params&) { return u; }
};
struct k_uniform {  // low + (high - low) u; p0 = low, p1 = high - low
  template <class C> static __device__ C apply(C u, C, const params& p) {
    return static_cast<C>(p.p0) + static_cast<C>(p.p1) * u;
  }
};
struct k_exponential {  // scale * -log(U); p0 = scale
  template <class C> static __device__ C apply(C, C uo, const params& p) {
    return static_cast<C>(p.p0) * -log(uo);
  }
};
struct k_logistic {  // loc + scale log(U / (1 - U))
  template <class C> static __device__ C apply(C, C uo, const params& p) {
    return static_cast<C>(p.p0) + static_cast<C>(p.p1) * log(uo / (C(1) - uo));
  }
};
struct k_gumbel {  // loc - scale log(-log(U))
  template <class C> static __device__ C apply(C, C uo, const params& p) {
    return static_cast<C>(p.p0) - static_cast<C>(p.p1) * log(-log(uo));
  }
};
struct k_laplace {  // loc + scale log(2U) below one half, loc - scale log(2 - 2U) above
  template <class C> static __device__ C apply(C, C uo, const params& p) {
    const C loc = static_cast<C>(p.p0), scale = static_cast<C>(p.p1);
    return uo < C(0.5) ? loc + scale * log(C(2) * uo) : loc - scale * log(C(2) - C(2) * uo);
  }
};
struct k_weibull {  // (-log U)^(1/a); a == 0 gives 0
  template <class C> static __device__ C apply(C, C uo, const params& p) {
    return p.p0 == 0.0 ? C(0) : pow(-log(uo), C(1) / static_cast<C>(p.p0));
  }
};
struct k_pareto {  // exp(E / a) - 1
  template <class C> static __device__ C apply(C, C uo, const params& p) {
    return expm1(-log(uo) / static_cast<C>(p.p0));
  }
};
struct k_rayleigh {  // scale sqrt(2 E)
  template <class C> static __device__ C apply(C, C uo, const params& p) {
    return static_cast<C>(p.p0) * sqrt(C(-2) * log(uo));
  }
};
struct k_triangular {  // inversion; p0 = left, p1 = mode, p2 = right
  template <class C> static __device__ C apply(C u, C, const params& p) {
    const double left = p.p0, mode = p.p1, right = p.p2;
    const double base = right - left, leftbase = mode - left, ratio = leftbase / base;
    const double x = static_cast<double>(u);
    if (x <= ratio) return static_cast<C>(left + sqrt(x * leftbase * base));
    return static_cast<C>(right - sqrt((1.0 - x) * (right - mode) * base));
  }
};
struct k_geometric {  // the number of trials to the first success: ceil(log U / log(1 - p))
  template <class C> static __device__ C apply(C, C uo, const params& p) {
    if (p.p0 == 1.0) return C(1);
    const double x = ceil(log(static_cast<double>(uo)) / log1p(-p.p0));
    return static_cast<C>(x < 1.0 ? 1.0 : x);
  }
};
struct k_standard_cauchy {  // tan(pi (U - 1/2)), as sinpi / cospi in double
  template <class C> static __device__ C apply(C, C uo, const params&) {
    const double x = static_cast<double>(uo) - 0.5;
    return static_cast<C>(sinpi(x) / cospi(x));
  }
};
struct k_power {  // U^(1/a) on (0, 1): NumPy's (1 - exp(-E))^(1/a); p0 = a
  template <class C> static __device__ C apply(C, C uo, const params& p) {
    return pow(uo, C(1) / static_cast<C>(p.p0));
  }
};

struct k_normal {  // loc + scale z
  template <class C> static __device__ C apply(C z, const params& p) {
    return static_cast<C>(p.p0) + static_cast<C>(p.p1) * z;
  }
};
struct k_lognormal {  // exp(mean + sigma z)
  template <class C> static __device__ C apply(C z, const params& p) {
    return exp(static_cast<C>(p.p0) + static_cast<C>(p.p1) * z);
  }
};

// Stream samplers: `static T draw(stream&, const params&)`.
template <class T>
struct s_integers {  // low + bounded(range); i0 = low, i1 = range (0: 2^64)
  static __device__ T draw(stream& s, const params& p) {
    return static_cast<T>(static_cast<u64>(p.i0) + bounded(s, static_cast<u64>(p.i1)));
  }
};
template <class T>
struct s_gamma {  // scale * standard_gamma(shape); p0 = shape, p1 = scale
  static __device__ T draw(stream& s, const params& p) {
    return static_cast<T>(p.p1 * standard_gamma(s, p.p0));
  }
};
template <class T>
struct s_beta {  // X / (X + Y) from the logs of two gammas, exact for tiny shapes
  static __device__ T draw(stream& s, const params& p) {
    const double lx = log_standard_gamma(s, p.p0);
    const double ly = log_standard_gamma(s, p.p1);
    return static_cast<T>(1.0 / (1.0 + exp(ly - lx)));
  }
};
template <class T>
struct s_chisquare {  // 2 standard_gamma(df / 2)
  static __device__ T draw(stream& s, const params& p) {
    return static_cast<T>(2.0 * standard_gamma(s, p.p0 / 2.0));
  }
};
template <class T>
struct s_f {  // (chisq(dfnum) / dfnum) / (chisq(dfden) / dfden)
  static __device__ T draw(stream& s, const params& p) {
    const double num = 2.0 * standard_gamma(s, p.p0 / 2.0);
    const double den = 2.0 * standard_gamma(s, p.p1 / 2.0);
    return static_cast<T>((num * p.p1) / (den * p.p0));
  }
};
template <class T>
struct s_standard_t {  // sqrt(df / 2) N / sqrt(standard_gamma(df / 2))
  static __device__ T draw(stream& s, const params& p) {
    const double num = s.normal();
    const double den = standard_gamma(s, p.p0 / 2.0);
    return static_cast<T>(sqrt(p.p0 / 2.0) * num / sqrt(den));
  }
};
template <class T>
struct s_vonmises {  // Best and Fisher, as NumPy; p0 = mu, p1 = kappa
  static __device__ T draw(stream& s, const params& p) {
    const double mu = p.p0, kappa = p.p1, pi = 3.141592653589793;
    if (kappa < 1e-8) return static_cast<T>(pi * (2.0 * s.uniform() - 1.0));
    double sv;
    if (kappa < 1e-5) {
      sv = 1.0 / kappa + kappa;
    } else if (kappa <= 1e6) {
      const double r = 1.0 + sqrt(1.0 + 4.0 * kappa * kappa);
      const double rho = (r - sqrt(2.0 * r)) / (2.0 * kappa);
      sv = (1.0 + rho * rho) / (2.0 * rho);
    } else {
      double result = mu + sqrt(1.0 / kappa) * s.normal();
      if (result < -pi) result += 2.0 * pi;
      if (result > pi) result -= 2.0 * pi;
      return static_cast<T>(result);
    }
    double w;
    for (;;) {
      const double u = s.uniform();
      const double z = cospi(u);
      w = (1.0 + sv * z) / (sv + z);
      const double y = kappa * (sv - w);
      const double v = s.uniform();
      if (y * (2.0 - y) - v >= 0.0 || log(y / v) + 1.0 - y >= 0.0) break;
    }
    const double u = s.uniform();
    double result = acos(w);
    if (u < 0.5) result = -result;
    result += mu;
    const bool neg = result < 0.0;
    double mod = fabs(result);
    mod = fmod(mod + pi, 2.0 * pi) - pi;
    if (neg) mod = -mod;
    return static_cast<T>(mod);
  }
};
template <class T>
struct s_binomial {  // i0 = n, p0 = p
  static __device__ T draw(stream& s, const params& p) {
    return static_cast<T>(binomial(s, p.i0, p.p0));
  }
};
template <class T>
struct s_poisson {  // p0 = lam
  static __device__ T draw(stream& s, const params& p) {
    return static_cast<T>(poisson(s, p.p0));
  }
};
template <class T>
struct s_negative_binomial {  // poisson(gamma(n, (1 - p) / p)); p0 = n, p1 = p
  static __device__ T draw(stream& s, const params& p) {
    if (p.p1 == 1.0) return T(0);
    const double y = standard_gamma(s, p.p0) * ((1.0 - p.p1) / p.p1);
    return static_cast<T>(poisson(s, y));
  }
};
/// NumPy's noncentral chi-square: a central chi-square of df - 1 plus a squared normal of mean
/// sqrt(nonc) for df > 1, a chi-square of df + 2 Poisson(nonc / 2) otherwise.
__device__ double noncentral_chisquare(stream& s, double df, double nonc) {
  if (isnan(nonc)) return nonc;
  if (nonc == 0.0) return 2.0 * standard_gamma(s, df / 2.0);
  if (df > 1.0) {
    const double chi2 = 2.0 * standard_gamma(s, (df - 1.0) / 2.0);
    const double n = s.normal() + sqrt(nonc);
    return chi2 + n * n;
  }
  const long long i = poisson(s, nonc / 2.0);
  return 2.0 * standard_gamma(s, (df + 2.0 * static_cast<double>(i)) / 2.0);
}
template <class T>
struct s_noncentral_chisquare {  // p0 = df, p1 = nonc
  static __device__ T draw(stream& s, const params& p) {
    return static_cast<T>(noncentral_chisquare(s, p.p0, p.p1));
  }
};
template <class T>
struct s_noncentral_f {  // (nchisq(dfnum, nonc) / dfnum) / (chisq(dfden) / dfden); p2 = nonc
  static __device__ T draw(stream& s, const params& p) {
    const double t = noncentral_chisquare(s, p.p0, p.p2) * p.p1;
    return static_cast<T>(t / (2.0 * standard_gamma(s, p.p1 / 2.0) * p.p0));
  }
};
template <class T>
struct s_wald {  // Michael, Schucany and Haas, as NumPy; p0 = mean, p1 = scale
  static __device__ T draw(stream& s, const params& p) {
    const double mean = p.p0, scale = p.p1, mu_2l = mean / (2.0 * scale);
    const double z = s.normal();
    const double y = mean * z * z;
    const double x = mean + mu_2l * (y - sqrt(4.0 * scale * y + y * y));
    const double u = s.uniform();
    return static_cast<T>(u <= mean / (mean + x) ? x : mean * mean / x);
  }
};
template <class T>
struct s_zipf {  // Devroye's rejection from a Pareto, as NumPy 2; p0 = a
  static __device__ T draw(stream& s, const params& p) {
    const double a = p.p0;
    if (a >= 1025.0) return T(1);  // P(X > 1) is below 2^-1024
    const double am1 = a - 1.0, b = pow(2.0, am1);
    const double top = 9.2233720368547758e18;  // 2^63: larger values do not fit int64
    const double umin = pow(top, -am1);
    for (;;) {
      const double u01 = s.uniform();
      const double u = u01 * umin + (1.0 - u01);
      const double v = s.uniform();
      const double x = floor(pow(u, -1.0 / am1));
      if (x >= top || x < 1.0) continue;
      const double t = pow(1.0 + 1.0 / x, am1);
      if (v * x * (t - 1.0) / (b - 1.0) <= t / b) return static_cast<T>(x);
    }
  }
};
template <class T>
struct s_logseries {  // Kemp's second accelerated generator (LK), as NumPy 2; p0 = p
  static __device__ T draw(stream& s, const params& p) {
    const double r = log1p(-p.p0);
    for (;;) {
      const double v = s.uniform();
      if (v >= p.p0) return T(1);
      const double u = s.uniform();
      const double q = -expm1(r * u);
      if (v <= q * q) {
        const double x = floor(1.0 + log(v) / log(q));
        if (x < 1.0 || v == 0.0) continue;
        return static_cast<T>(x);
      }
      return T(v >= q ? 1 : 2);
    }
  }
};

/// Hypergeometric by Stadlober's ratio of uniforms (HRUA), for samples of 10 or more that leave
/// 10 or more behind.
__device__ long long hypergeometric_hrua(stream& s, long long good, long long bad,
                                         long long sample) {
  const long long total = good + bad;
  const long long n = sample < total - sample ? sample : total - sample;
  const long long lo = good < bad ? good : bad, hi = good < bad ? bad : good;
  const double dt = static_cast<double>(total), dn = static_cast<double>(n);
  const double p = static_cast<double>(lo) / dt, q = static_cast<double>(hi) / dt;
  const double a = dn * p + 0.5;
  const double var = (dt - dn) * dn * p * q / (dt - 1.0);
  const double c = sqrt(var + 0.5);
  const double h = 1.7155277699214135 * c + 0.8989161620588988;
  const double m = floor((dn + 1.0) * (static_cast<double>(lo) + 1.0) / (dt + 2.0));
  const double dlo = static_cast<double>(lo), dhi = static_cast<double>(hi);
  const double g = lgamma(m + 1.0) + lgamma(dlo - m + 1.0) + lgamma(dn - m + 1.0) +
                   lgamma(dhi - dn + m + 1.0);
  const double b = fmin(fmin(dn, dlo) + 1.0, floor(a + 16.0 * c));
  double k;
  for (;;) {
    const double u = s.uniform();
    const double v = s.uniform();
    if (u == 0.0) continue;
    const double x = a + h * (v - 0.5) / u;
    if (x < 0.0 || x >= b) continue;
    k = floor(x);
    const double t = g - (lgamma(k + 1.0) + lgamma(dlo - k + 1.0) + lgamma(dn - k + 1.0) +
                          lgamma(dhi - dn + k + 1.0));
    if (u * (4.0 - u) - 3.0 <= t) break;
    if (u * (u - t) >= 1.0) continue;
    if (2.0 * log(u) <= t) break;
  }
  long long kk = static_cast<long long>(k);
  if (good > bad) kk = n - kk;
  if (n < sample) kk = good - kk;
  return kk;
}

template <class T>
struct s_hypergeometric {  // i0 = ngood, i1 = nbad, i2 = nsample
  static __device__ T draw(stream& s, const params& p) {
    const long long good = p.i0, total = p.i0 + p.i1, sample = p.i2;
    if (sample >= 10 && sample <= total - 10) return static_cast<T>(hypergeometric_hrua(s, good, p.i1, sample));
    // Small samples: draw the smaller of the sample and its complement one item at a time.
    const long long taken = sample > total / 2 ? total - sample : sample;
    long long left = total, good_left = good;
    for (long long i = 0; i < taken && good_left > 0; ++i) {
      if (static_cast<long long>(s.uniform() * static_cast<double>(left)) < good_left) --good_left;
      --left;
    }
    const long long good_taken = good - good_left;
    return static_cast<T>(sample > total / 2 ? good - good_taken : good_taken);
  }
};

template <class T>
struct s_choice {  // the index of the first cdf entry above U; table = cdf (m entries)
  static __device__ T draw(stream& s, const params& p) {
    const double u = s.uniform();
    long long lo = 0, hi = p.m - 1;
    while (lo < hi) {
      const long long mid = lo + (hi - lo) / 2;
      if (p.table[mid] > u)
        hi = mid;
      else
        lo = mid + 1;
    }
    return static_cast<T>(lo);
  }
};

// Row samplers: `static void draw(stream&, T* row, const params&)`, m values per row.
template <class T>
struct r_multinomial {  // successive conditional binomials; i0 = n, table = pvals
  static __device__ void draw(stream& s, T* row, const params& p) {
    long long left = p.i0;
    double mass = 1.0;
    for (long long j = 0; j + 1 < p.m; ++j) {
      long long x = 0;
      if (left > 0 && mass > 0.0) {
        double q = p.table[j] / mass;
        q = q < 0.0 ? 0.0 : (q > 1.0 ? 1.0 : q);
        x = binomial(s, left, q);
      }
      row[j] = static_cast<T>(x);
      left -= x;
      mass -= p.table[j];
    }
    if (p.m > 0) row[p.m - 1] = static_cast<T>(left);
  }
};
template <class T>
struct r_dirichlet {  // gammas normalised in log space; table = alpha
  static __device__ void draw(stream& s, T* row, const params& p) {
    // Three passes over copies of the same stream (the same gammas each time): the largest log,
    // the sum relative to it, then the values. Nothing underflows, whatever the alphas.
    stream again = s, last = s;
    double top = -1.0 / 0.0;
    for (long long j = 0; j < p.m; ++j) top = fmax(top, log_standard_gamma(s, p.table[j]));
    double sum = 0.0;
    for (long long j = 0; j < p.m; ++j) sum += exp(log_standard_gamma(again, p.table[j]) - top);
    for (long long j = 0; j < p.m; ++j)
      row[j] = static_cast<T>(exp(log_standard_gamma(last, p.table[j]) - top) / sum);
  }
};

// ---------------------------------------------------------------------------------------------
// Kernel bodies, grid-stride so that any launch gives the same numbers.

template <class T, int P>
struct alignas(sizeof(T) * P) pack {
  T v[P];
};

template <class P, class T>
__device__ __forceinline__ void store(T* out, long long n, long long b, const P& v) {
  constexpr int per = sizeof(P) / sizeof(T);
  const long long i = b * per;
  if (i + per <= n) {
    reinterpret_cast<P*>(out)[b] = v;
  } else {
    // Constant indices only: indexing v with a variable would move it to local memory, and the
    // full-width store above with it (a 512 MiB float64 draw then runs at 2/3 of the bandwidth).
#pragma unroll
    for (int j = 0; j < per; ++j)
      if (i + j < n) out[i + j] = v.v[j];
  }
}

/// The uniforms of a block for packed draws of P elements per block: P = 4, one word each as
/// float; P = 2, two words each as double.
template <int P>
struct block_uniforms;
template <>
struct block_uniforms<4> {
  __device__ static float at(const philox::block& r, int j) { return philox::to_float(r.w[j]); }
  __device__ static float open_at(const philox::block& r, int j) { return to_open_float(r.w[j]); }
};
template <>
struct block_uniforms<2> {
  __device__ static double at(const philox::block& r, int j) {
    return philox::to_double(r.w[2 * j], r.w[2 * j + 1]);
  }
  __device__ static double open_at(const philox::block& r, int j) {
    return to_open_double(r.w[2 * j], r.w[2 * j + 1]);
  }
};

/// One uniform per element, P per block: float results take one word each (P = 4), double and
/// integer results two words each (P = 2).
template <class T, class K, int P>
__device__ void packed_body(T* out, long long n, state st, params p) {
  for (long long b : grid_stride((n + P - 1) / P)) {
    const philox::block r = philox::at(st.k, st.counter + static_cast<u64>(b));
    pack<T, P> v;
#pragma unroll
    for (int j = 0; j < P; ++j)
      v.v[j] = static_cast<T>(
          K::apply(block_uniforms<P>::at(r, j), block_uniforms<P>::open_at(r, j), p));
    store(out, n, b, v);
  }
}
/// Raw 64-bit words, two per block (the keys of permutations).
template <class T>
__device__ void bits_body(T* out, long long n, state st) {
  for (long long b : grid_stride((n + 1) / 2)) {
    const philox::block r = philox::at(st.k, st.counter + static_cast<u64>(b));
    pack<T, 2> v;
    for (int j = 0; j < 2; ++j)
      v.v[j] = static_cast<T>((static_cast<u64>(r.w[2 * j]) << 32) | r.w[2 * j + 1]);
    store(out, n, b, v);
  }
}

/// Raw 32-bit words, four per block (BitGenerator.random_raw): element i is word i % 4 of block
/// c + i / 4.
__device__ void words_body(u32* out, long long n, state st) {
  for (long long b : grid_stride((n + 3) / 4)) {
    const philox::block r = philox::at(st.k, st.counter + static_cast<u64>(b));
    pack<u32, 4> v;
    for (int j = 0; j < 4; ++j) v.v[j] = r.w[j];
    store(out, n, b, v);
  }
}

/// Normals by Box-Muller: float results from word pairs (4 per block), double results from the
/// two 64-bit halves of a block (2 per block).
template <class K>
__device__ void normal_body(float* out, long long n, state st, params p) {
  for (long long b : grid_stride((n + 3) / 4)) {
    const philox::block r = philox::at(st.k, st.counter + static_cast<u64>(b));
    pack<float, 4> v;
    for (int j = 0; j < 2; ++j) {
      // u1 in (0, 1] from all 32 bits (a value that rounds to 1 gives radius 0), so the largest
      // normal is about 6.7.
      const float u1 = static_cast<float>(r.w[2 * j]) * 2.3283064365386963e-10f +
                       1.1641532182693481e-10f;
      const float rad = sqrtf(-2.0f * logf(u1));
      float s, c;
      sincospif(2.0f * philox::to_float(r.w[2 * j + 1]), &s, &c);
      v.v[2 * j] = K::apply(rad * c, p);
      v.v[2 * j + 1] = K::apply(rad * s, p);
    }
    store(out, n, b, v);
  }
}
/// One float64 normal from a 64-bit word by Marsaglia and Tsang's ziggurat (256 layers; the
/// tables, built on the host, are p.table: ki as 64-bit integers, then wi, then fi; `layers`
/// holds (ki, wi) of each layer in shared memory). The low 8 bits pick the layer, the next bit
/// the sign, the next 52 the position. About 1 word in 100 falls outside its layer's rectangle;
/// the element then draws from the stream of its own block with counter word 3 set to `tag` (1
/// or 2, its place in the block; stream draws use 0), so it meets no other element's or draw's
/// words, as many tries as it takes.
__device__ double ziggurat_normal(u64 word, const double2* layers, const params& p,
                                  philox::key key, u64 block, u32 tag) {
  const double* const fi = p.table + 512;
  const double r = 3.6541528853610088;
  stream s(key, block, tag);
  for (;;) {
    const int idx = static_cast<int>(word & 0xff);
    const bool negative = (word >> 8) & 1u;
    const u64 rabs = (word >> 9) & 0x000fffffffffffffull;
    const double2 layer = layers[idx];
    double x = static_cast<double>(rabs) * layer.y;
    if (negative) x = -x;
    if (rabs < static_cast<u64>(__double_as_longlong(layer.x))) return x;
    if (idx == 0) {
      // The base layer's tail beyond r, by Marsaglia's exponential method.
      for (;;) {
        const double xx = -log(s.open()) / r;
        const double yy = -log(s.open());
        if (yy + yy > xx * xx) return negative ? -(r + xx) : r + xx;
      }
    }
    if ((fi[idx - 1] - fi[idx]) * s.uniform() + fi[idx] < exp(-0.5 * x * x)) return x;
    word = s.next64();
  }
}

/// The ziggurat's common case: true, with the normal in x, when `word` falls inside its layer's
/// rectangle.
__device__ __forceinline__ bool ziggurat_inside(u64 word, const double2* layers, double& x) {
  const int idx = static_cast<int>(word & 0xff);
  const u64 rabs = (word >> 9) & 0x000fffffffffffffull;
  const double2 layer = layers[idx];
  x = static_cast<double>(rabs) * layer.y;
  if ((word >> 8) & 1u) x = -x;
  return rabs < static_cast<u64>(__double_as_longlong(layer.x));
}

/// A word that fell outside its rectangle, waiting for ziggurat_normal.
struct ziggurat_pending {
  u64 word;
  long long element;  // -1: none
};

template <class K>
__device__ void normal_body(double* out, long long n, state st, params p) {
  // The layers' (ki, wi) in shared memory: the look-ups are random, one per element.
  __shared__ double2 layers[256];
  for (int i = threadIdx.x; i < 256; i += blockDim.x)
    layers[i] = make_double2(p.table[i], p.table[256 + i]);
  __syncthreads();
  // About one word in a hundred needs the slow path (more words, an exp or a log). Taken at once
  // it would hold up the whole warp on a third of the steps (2^26 normals: 340 us on an H100
  // against 177 us without it); instead each thread keeps up to two such elements and finishes
  // them every 16 steps, so that the warp's lanes share the slow passes (280 us). The numbers are
  // the same either way: each element's retries read its own stream.
  ziggurat_pending wait[2] = {{0, -1}, {0, -1}};
  auto finish = [&](const ziggurat_pending& w) {
    const u64 block = st.counter + static_cast<u64>(w.element / 2);
    out[w.element] = K::apply(
        ziggurat_normal(w.word, layers, p, st.k, block, 1u + static_cast<u32>(w.element % 2)), p);
  };
  int step = 0;
  for (long long b : grid_stride((n + 1) / 2)) {
    const philox::block r = philox::at(st.k, st.counter + static_cast<u64>(b));
    pack<double, 2> v;
#pragma unroll
    for (int j = 0; j < 2; ++j) {
      const u64 word = (static_cast<u64>(r.w[2 * j]) << 32) | r.w[2 * j + 1];
      double x;
      if (ziggurat_inside(word, layers, x)) {
        v.v[j] = K::apply(x, p);
      } else {
        v.v[j] = 0.0;  // written again when the element is finished
        const ziggurat_pending w = {word, 2 * b + j};
        if (wait[0].element < 0) {
          wait[0] = w;
        } else if (wait[1].element < 0) {
          wait[1] = w;
        } else {
          const u64 block = st.counter + static_cast<u64>(b);
          v.v[j] = K::apply(ziggurat_normal(word, layers, p, st.k, block, 1u + j), p);
        }
      }
    }
    store(out, n, b, v);
    if ((++step & 15) == 0) {
      if (wait[0].element >= 0) finish(wait[0]);
      if (wait[1].element >= 0) finish(wait[1]);
      wait[0].element = wait[1].element = -1;
    }
  }
  if (wait[0].element >= 0) finish(wait[0]);
  if (wait[1].element >= 0) finish(wait[1]);
}

template <class T, class S>
__device__ void stream_body(T* out, long long n, state st, params p) {
  for (long long i : grid_stride(n)) {
    stream s(st.k, st.counter + static_cast<u64>(i));
    out[i] = S::draw(s, p);
  }
}

template <class T, class S>
__device__ void row_body(T* out, long long rows, state st, params p) {
  for (long long i : grid_stride(rows)) {
    stream s(st.k, st.counter + static_cast<u64>(i));
    S::draw(s, out + i * p.m, p);
  }
}

}  // namespace rng
}  // namespace cupp

/// The signature every generated random kernel has; `name` is cupp_rng_<distribution>_<dtype>.
#define CUPP_RNG_KERNEL(name, T, body)                                                         \
  extern "C" __global__ void name(T* out, long long n, unsigned int k0, unsigned int k1,       \
                                  unsigned long long counter, double p0, double p1, double p2, \
                                  long long i0, long long i1, long long i2,                    \
                                  const double* table, long long m) {                          \
    cupp::rng::state st;                                                                       \
    st.k.k[0] = k0;                                                                            \
    st.k.k[1] = k1;                                                                            \
    st.counter = counter;                                                                      \
    cupp::rng::params p;                                                                       \
    p.p0 = p0;                                                                                 \
    p.p1 = p1;                                                                                 \
    p.p2 = p2;                                                                                 \
    p.i0 = i0;                                                                                 \
    p.i1 = i1;                                                                                 \
    p.i2 = i2;                                                                                 \
    p.table = table;                                                                           \
    p.m = m;                                                                                   \
    body;                                                                                      \
  }

// A routine's preamble (src/random/random.cpp) chooses one kernel: its name, element type and
// body.
#ifdef CUPP_RNG_NAME
CUPP_RNG_KERNEL(CUPP_RNG_NAME, CUPP_RNG_T, CUPP_RNG_BODY)
#endif
