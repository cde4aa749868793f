// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The device functions of cupp::scipy::special (include/cupp/scipy/special/ufuncs.def), one
// overload for float and one for double each: the rule of those rows computes float32 in float32
// and everything else in float64, as SciPy's loops. Where CUDA's math library has the function
// (erf, lgamma, j0, cyl_bessel_i0, normcdfinv, ...) it is called; the rest follow SciPy's
// definitions, written for accuracy where the direct formula loses it (Note [Special functions]).
// A generated kernel whose expression calls one of them includes this header (src/expr/
// device_includes.hpp); a RawKernel or ElementwiseKernel can include it too. The iterative cores
// (the incomplete gamma and beta functions, their inverses, the continued fractions and series)
// are `static __noinline__`: a kernel that calls one several times (an inverse's iteration,
// betainc and betaincc in one expression) compiles it once, which keeps NVRTC's time to seconds.
#pragma once

#include <cupp/ufunc.cuh>

// Note [Special functions]: the formulas chosen, and why. SciPy's float32 loops of these
// functions compute in double and round, so its float32 results are nearly correctly rounded.
// Most float overloads here compute in float (a few ulp from SciPy's); those whose float
// arithmetic is ill-conditioned near poles or roots (gamma and rgamma for negative arguments,
// digamma, beta, betaln, tandg, cotdg), or that overflow or cancel in float where the result
// does not (exprel, cosm1, sindg, cosdg), compute in double and round, as SciPy's.
//
//   log_ndtr   log(erfc(-x / sqrt2) / 2) loses everything once erfc underflows (x < -38 in
//              double), so below -1 it is log(erfcx(-x / sqrt2) / 2) - x^2 / 2, and above -1
//              log1p(-erfc(x / sqrt2) / 2), which keeps the tiny distance from 0 near +inf.
//   rgamma     1 / gamma(x), with 0 at the poles (0, -1, -2, ...) and exp(-lgamma(x)) where
//              gamma overflows (x > 171.6 in double, 35 in float).
//   digamma    the reflection psi(x) = psi(1 - x) - pi / tan(pi x) below 0 (NaN at the poles,
//              -inf/+inf at -0/+0 as SciPy's), the recurrence psi(x) = psi(x + 1) - 1/x up to
//              x >= 10 (6 in float), then the asymptotic series of Bernoulli numbers.
//   i0e, i1e   exp(-|x|) times CUDA's i0 and i1 while those do not overflow (|x| <= 700 in
//              double, 85 in float), beyond it the asymptotic series of I_nu(x) e^-x, which has
//              converged to the precision there.
//   expit      e / (1 + e) with e = exp(x) below 0, 1 / (1 + exp(-x)) above: no overflow, and
//              the subnormal values of the left tail are kept (SciPy's are 0 below -709).
//   logit      log(p / (1 - p)) as log1p((2p - 1) / (1 - p)) between 1/4 and 3/4, where the
//              quotient is near 1, else log(p) - log1p(-p).
//   log_expit  -log1p(exp(-x)) above 0, x - log1p(exp(x)) below.
//   cosm1      -2 sin^2(x / 2) up to pi/4 (no cancellation near 0), cos(x) - 1 beyond, as SciPy.
//   exprel     expm1(x) / x, 1 at 0.
//   sindg ...  the angle reduced exactly modulo 360 (fmod is exact) and then to the first octant,
//              so that multiples of 30, 45 and 90 degrees land where SciPy's land (exact zeros
//              and ones); tandg and cotdg fold the angle as SciPy's (Cephes') do and take tan of
//              it, so that near a pole both round the same argument; 0 beyond 1e14 degrees and
//              for +-inf, as SciPy's.
//   pseudo_huber  delta^2 expm1(log1p((r / delta)^2) / 2), SciPy's form for small r / delta.
//   boxcox ... SciPy's formulas: expm1(lmbda log x) / lmbda, log x for |lmbda| < 1e-19; the
//              inverses through log1p.
//   beta       gamma(a) / gamma(a + b) * gamma(b) while the gammas are finite and the
//              arguments positive (a few ulp), else exp(betaln) with the sign of the gammas.

namespace cupp::special {

namespace m = ::cupp::ufn::detail;  // libm by overload: float calls the f functions

// The float overloads of the functions that compute in double for float32 too, as SciPy's loops.
#define CUPP_SPECIAL_FLOAT_VIA_DOUBLE1(name) \
  __device__ __forceinline__ float name(float a) { return static_cast<float>(name(double(a))); }
#define CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(name)                \
  __device__ __forceinline__ float name(float a, float b) { \
    return static_cast<float>(name(double(a), double(b)));  \
  }
#define CUPP_SPECIAL_FLOAT_VIA_DOUBLE3(name)                          \
  __device__ __forceinline__ float name(float a, float b, float c) {  \
    return static_cast<float>(name(double(a), double(b), double(c))); \
  }

namespace detail {

__device__ __forceinline__ float lgamma_(float x) { return ::lgammaf(x); }
__device__ __forceinline__ double lgamma_(double x) { return ::lgamma(x); }
__device__ __forceinline__ float tgamma_(float x) { return ::tgammaf(x); }
__device__ __forceinline__ double tgamma_(double x) { return ::tgamma(x); }

template <class T>
struct consts;
template <>
struct consts<float> {
  static constexpr float sqrt1_2 = 0.70710678118654752440f;
  static constexpr float gamma_overflow = 35.0f;
  static constexpr float bessel_big = 85.0f;
  static constexpr float digamma_shift = 6.0f;
};
template <>
struct consts<double> {
  static constexpr double sqrt1_2 = 0.70710678118654752440;
  static constexpr double gamma_overflow = 171.0;
  static constexpr double bessel_big = 700.0;
  static constexpr double digamma_shift = 10.0;
};

template <class T>
__device__ __forceinline__ bool is_nonpositive_integer(T x) {
  return x <= T(0) && m::floor(x) == x;
}

/// e^-|x| I_nu(x) for large |x| and nu^2 below about |x| / 2 (x below 0 for nu 0 and 1 only,
/// whose parity it applies): the asymptotic series 1/sqrt(2 pi |x|) times
/// sum_k (-1)^k prod_{j<=k} (4 nu^2 - (2j - 1)^2) / (k! (8|x|)^k), summed until its terms stop
/// mattering (they fall by about k / (2|x|) each).
template <class T>
__device__ __forceinline__ T scaled_bessel_i_asymptotic(T x, double nu) {
  const T ax = m::fabs(x);
  const T mu = T(4.0 * nu * nu);
  T term = T(1), sum = T(1);
  for (int k = 1; k < 30; ++k) {
    const T odd = T(2 * k - 1);
    term *= -(mu - odd * odd) / (T(8 * k) * ax);
    sum += term;
    if (m::fabs(term) < T(1e-17) * m::fabs(sum)) break;
  }
  const T r = sum / m::sqrt(T(2) * m::fp<T>::pi * ax);
  return nu == 1.0 && x < T(0) ? -r : r;
}

/// (-1)^n for a whole number n.
__device__ __forceinline__ double minus_one_pow(double n) {
  return m::fmod(m::fabs(n), 2.0) == 1.0 ? -1.0 : 1.0;
}

/// The angle x (degrees) reduced exactly to [0, 360).
template <class T>
__device__ __forceinline__ T reduce_degrees(T x) {
  T r = m::fmod(x, T(360));
  if (r < T(0)) r += T(360);
  return r;
}

/// sin and cos of an angle in [0, 360) degrees, exact at multiples of 90 and with the symmetric
/// values of the first octant elsewhere (sin(150) is sin(30), cos(135) is -sin(45)).
template <class T>
__device__ __forceinline__ void sincos_degrees(T r, T& s, T& c) {
  // The quadrant and the angle in it, both exact.
  int q = static_cast<int>(r / T(90));
  if (q > 3) q = 3;
  const T a = r - T(90) * T(q);  // [0, 90)
  const T rad = m::fp<T>::pi / T(180);
  T sa, ca;
  if (a == T(0)) {
    sa = T(0);
    ca = T(1);
  } else if (a == T(45)) {
    sa = ca = consts<T>::sqrt1_2;
  } else if (a > T(45)) {
    sa = m::cos((T(90) - a) * rad);
    ca = m::sin((T(90) - a) * rad);
  } else {
    sa = m::sin(a * rad);
    ca = m::cos(a * rad);
  }
  switch (q) {
    case 0:
      s = sa;
      c = ca;
      break;
    case 1:
      s = ca;
      c = -sa;
      break;
    case 2:
      s = -sa;
      c = -ca;
      break;
    default:
      s = -ca;
      c = sa;
      break;
  }
}

template <class T>
__device__ __forceinline__ T digamma_impl(T x) {
  const T pi = m::fp<T>::pi;
  if (m::isnan(x) || x == m::inf<T>()) return x;
  if (x == -m::inf<T>()) return m::nan<T>();
  if (x == T(0)) return m::signbit(x) ? m::inf<T>() : -m::inf<T>();
  if (is_nonpositive_integer(x)) return m::nan<T>();
  T result = T(0);
  if (x < T(0)) {
    // psi(x) = psi(1 - x) - pi / tan(pi x), with tan(pi x) from x's distance to the nearest
    // integer (exact), so that large negative x keeps its fraction.
    // The distance to the nearest integer, exact, so that tan's argument is small near a pole.
    T frac = x - m::floor(x);
    if (frac > T(0.5)) frac -= T(1);
    result = -pi / m::tan(pi * frac);
    x = T(1) - x;
  }
  while (x < consts<T>::digamma_shift) {
    result -= T(1) / x;
    x += T(1);
  }
  // ln x - 1/(2x) - sum B_2k / (2k x^2k)
  const T z = T(1) / (x * x);
  const T series =
      z * (T(1) / T(12) -
           z * (T(1) / T(120) -
                z * (T(1) / T(252) -
                     z * (T(1) / T(240) - z * (T(1) / T(132) - z * (T(691) / T(32760)))))));
  return result + m::log(x) - T(0.5) / x - series;
}

template <class T>
__device__ __forceinline__ T betaln_impl(T a, T b) {
  return detail::lgamma_(a) + detail::lgamma_(b) - detail::lgamma_(a + b);
}

/// The sign of gamma(x) for x not a pole: negative between -2k - 1 and -2k.
template <class T>
__device__ __forceinline__ T gamma_sign(T x) {
  if (x > T(0)) return T(1);
  return static_cast<long long>(m::floor(x)) % 2 == 0 ? T(1) : T(-1);
}

}  // namespace detail

// ---- error functions ---------------------------------------------------------------------------

__device__ __forceinline__ float erf(float x) { return ::erff(x); }
__device__ __forceinline__ double erf(double x) { return ::erf(x); }
__device__ __forceinline__ float erfc(float x) { return ::erfcf(x); }
__device__ __forceinline__ double erfc(double x) { return ::erfc(x); }
__device__ __forceinline__ float erfcx(float x) { return ::erfcxf(x); }
__device__ __forceinline__ double erfcx(double x) { return ::erfcx(x); }
__device__ __forceinline__ float erfinv(float x) { return ::erfinvf(x); }
__device__ __forceinline__ double erfinv(double x) { return ::erfinv(x); }
__device__ __forceinline__ float erfcinv(float x) { return ::erfcinvf(x); }
__device__ __forceinline__ double erfcinv(double x) { return ::erfcinv(x); }
__device__ __forceinline__ float ndtr(float x) { return ::normcdff(x); }
__device__ __forceinline__ double ndtr(double x) { return ::normcdf(x); }
__device__ __forceinline__ float ndtri(float p) { return ::normcdfinvf(p); }
__device__ __forceinline__ double ndtri(double p) { return ::normcdfinv(p); }

template <class T>
__device__ __forceinline__ T log_ndtr_impl(T x) {
  const T s = detail::consts<T>::sqrt1_2;
  if (x < T(-1)) return m::log(T(0.5) * erfcx(-x * s)) - T(0.5) * x * x;
  return m::log1p(T(-0.5) * erfc(x * s));
}
__device__ __forceinline__ float log_ndtr(float x) { return log_ndtr_impl(x); }
__device__ __forceinline__ double log_ndtr(double x) { return log_ndtr_impl(x); }

// ---- gamma and beta ----------------------------------------------------------------------------

__device__ __forceinline__ float gamma(float x) { return static_cast<float>(::tgamma(x)); }
__device__ __forceinline__ double gamma(double x) { return detail::tgamma_(x); }
// SciPy's gammaln(-inf) is -inf.
__device__ __forceinline__ float gammaln(float x) {
  return x == -m::inf<float>() ? x : ::lgammaf(x);
}
__device__ __forceinline__ double gammaln(double x) {
  return x == -m::inf<double>() ? x : detail::lgamma_(x);
}

template <class T>
__device__ __forceinline__ T rgamma_impl(T x) {
  if (detail::is_nonpositive_integer(x)) return T(0);
  if (x > detail::consts<T>::gamma_overflow) return m::exp(-detail::lgamma_(x));
  return T(1) / detail::tgamma_(x);
}
__device__ __forceinline__ float rgamma(float x) {
  return static_cast<float>(rgamma_impl<double>(x));
}
__device__ __forceinline__ double rgamma(double x) { return rgamma_impl(x); }
__device__ __forceinline__ float digamma(float x) {
  return static_cast<float>(detail::digamma_impl<double>(x));
}
__device__ __forceinline__ double digamma(double x) { return detail::digamma_impl(x); }

/// beta(a, b) for a and b that are not nonpositive integers.
template <class T>
__device__ __forceinline__ T beta_regular(T a, T b) {
  if (a > T(0) && b > T(0) && a + b < detail::consts<T>::gamma_overflow) {
    // The larger argument's gamma first divided, so that no intermediate overflows.
    const T lo = a < b ? a : b, hi = a < b ? b : a;
    return detail::tgamma_(hi) / detail::tgamma_(a + b) * detail::tgamma_(lo);
  }
  const T sign = detail::gamma_sign(a) * detail::gamma_sign(b) * detail::gamma_sign(a + b);
  return sign * m::exp(detail::betaln_impl(a, b));
}

/// beta(a, b) for a nonpositive integer a, as SciPy's: the limit (-1)^b beta(1 - a - b, b) where
/// b is an integer and 1 - a - b > 0 (a pole of gamma(a + b) as well as of gamma(a)), else inf.
/// In that limit b is never a nonpositive integer: 1 - a - b > 0 needs b < 1 - a.
template <class T>
__device__ __forceinline__ T beta_negative_integer(T a, T b) {
  if (b == m::floor(b) && T(1) - a - b > T(0)) {
    if (detail::is_nonpositive_integer(b)) return m::inf<T>();
    const T sign = static_cast<long long>(b) % 2 == 0 ? T(1) : T(-1);
    return sign * beta_regular(T(1) - a - b, b);
  }
  return m::inf<T>();
}

template <class T>
__device__ __forceinline__ T beta_impl(T a, T b) {
  if (m::isnan(a) || m::isnan(b)) return a + b;
  if (detail::is_nonpositive_integer(a)) return beta_negative_integer(a, b);
  if (detail::is_nonpositive_integer(b)) return beta_negative_integer(b, a);
  return beta_regular(a, b);
}
template <class T>
__device__ __forceinline__ T betaln_impl2(T a, T b) {
  if (m::isnan(a) || m::isnan(b)) return a + b;
  if (detail::is_nonpositive_integer(a)) return m::log(m::fabs(beta_negative_integer(a, b)));
  if (detail::is_nonpositive_integer(b)) return m::log(m::fabs(beta_negative_integer(b, a)));
  return detail::betaln_impl(a, b);
}
__device__ __forceinline__ float beta(float a, float b) {
  return static_cast<float>(beta_impl<double>(a, b));
}
__device__ __forceinline__ double beta(double a, double b) { return beta_impl(a, b); }
__device__ __forceinline__ float betaln(float a, float b) {
  return static_cast<float>(betaln_impl2<double>(a, b));
}
__device__ __forceinline__ double betaln(double a, double b) { return betaln_impl2(a, b); }

template <class T>
__device__ __forceinline__ T gammasgn_impl(T x) {
  if (m::isnan(x)) return x;
  if (x > T(0)) return T(1);
  if (x == T(0)) return m::signbit(x) ? T(-1) : T(1);  // gamma(+-0) is +-inf
  if (m::floor(x) == x) return m::nan<T>();            // the poles, and -inf
  return detail::gamma_sign(x);
}
__device__ __forceinline__ float gammasgn(float x) { return gammasgn_impl(x); }
__device__ __forceinline__ double gammasgn(double x) { return gammasgn_impl(x); }

// ---- exponential integrals and zeta -------------------------------------------------------------

namespace detail {

constexpr double kEulerGamma = 0.57721566490153286061;

/// E1(x) for x > 0: its series up to 1, the continued fraction of e^-x / (x + 1 - 1 / (x + 3 -
/// 4 / (x + 5 - ...))) beyond (modified Lentz).
static __device__ __noinline__ double exp1_positive(double x) {
  if (x <= 1.0) {
    double term = 1.0, sum = 0.0;
    for (int k = 1; k < 60; ++k) {
      term *= -x / k;  // (-x)^k / k!
      const double add = -term / k;
      sum += add;
      if (m::fabs(add) < 1e-18 * m::fabs(sum)) break;
    }
    return -kEulerGamma - m::log(x) + sum;
  }
  const double tiny = 1e-300;
  double f = x + 1.0, c = f, d = 0.0;
  for (int i = 1; i < 500; ++i) {
    const double a = -static_cast<double>(i) * i, b = x + 1.0 + 2.0 * i;
    d = b + a * d;
    d = m::fabs(d) < tiny ? 1.0 / tiny : 1.0 / d;
    c = b + a / c;
    if (m::fabs(c) < tiny) c = tiny;
    const double delta = c * d;
    f *= delta;
    if (m::fabs(delta - 1.0) < 1e-16) break;
  }
  return m::exp(-x) / f;
}

/// Ei(x) for x > 0: its series up to 50 (positive terms), the asymptotic e^x / x sum k! / x^k
/// beyond, summed while its terms fall.
static __device__ __noinline__ double expi_positive(double x) {
  if (x <= 50.0) {
    double term = 1.0, sum = 0.0;
    for (int k = 1; k < 400; ++k) {
      term *= x / k;  // x^k / k!
      const double add = term / k;
      sum += add;
      if (add < 1e-18 * sum) break;
    }
    return kEulerGamma + m::log(x) + sum;
  }
  double term = 1.0, sum = 1.0;
  for (int k = 1; k < 60; ++k) {
    const double next = term * k / x;
    if (next >= term) break;
    term = next;
    sum += term;
    if (term < 1e-18 * sum) break;
  }
  // e^x / x, with e^x split so that values up to the overflow of Ei itself stay finite
  return m::exp(x - 1.0) * (2.718281828459045 / x) * sum;
}

/// The Hurwitz zeta function sum_k (k + q)^-x by the Euler-Maclaurin formula: the first terms
/// summed until k + q >= 9 (and at least 9 of them), then the integral and the Bernoulli terms
/// B_2j / (2j)! x (x + 1) ... (x + 2j - 2) (q + n)^(-x - 2j + 1). The formula continues zeta
/// to x < 1 (x != 1), which zetac uses.
static __device__ __noinline__ double hurwitz_em(double x, double q) {
  // B_2j / (2j)!
  const double b[12] = {1.0 / 12.0,
                        -1.0 / 720.0,
                        1.0 / 30240.0,
                        -1.0 / 1209600.0,
                        1.0 / 47900160.0,
                        -691.0 / 1307674368000.0,
                        1.0 / 74724249600.0,
                        -3617.0 / 10670622842880000.0,
                        43867.0 / 5109094217170944000.0,
                        -174611.0 / 802857662698291200000.0,
                        77683.0 / 14101100039391805440000.0,
                        -236364091.0 / 1693824136731743669452800000.0};
  double s = 0.0;
  double a = q;
  int n = 0;
  while (n < 9 || a < 9.0) {
    s += m::pow(a, -x);
    a += 1.0;
    ++n;
    if (n > 100000000) break;
  }
  // a = q + n
  const double an = m::pow(a, -x);
  s += a * an / (x - 1.0) + 0.5 * an;
  double fac = x;         // x (x + 1) ... (x + 2j - 2)
  double power = an / a;  // a^(-x - 2j + 1), j = 1
  for (int j = 0; j < 12; ++j) {
    const double t = b[j] * fac * power;
    s += t;
    if (m::fabs(t) < 1e-17 * m::fabs(s)) break;
    fac *= (x + 2 * j + 1) * (x + 2 * j + 2);
    power /= a * a;
  }
  return s;
}

}  // namespace detail

__device__ __forceinline__ double exp1(double x) {
  if (m::isnan(x)) return x;
  if (x < 0.0) return m::nan<double>();
  if (x == 0.0) return m::inf<double>();
  if (m::isinf(x)) return 0.0;
  return detail::exp1_positive(x);
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE1(exp1)

__device__ __forceinline__ double expi(double x) {
  if (m::isnan(x)) return x;
  if (x == 0.0) return -m::inf<double>();
  if (m::isinf(x)) return x > 0.0 ? x : -0.0;
  if (x < 0.0) return -detail::exp1_positive(-x);
  return detail::expi_positive(x);
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE1(expi)

/// zeta(x, q), SciPy's domain: inf at x = 1 and at the poles q = 0, -1, ...; NaN for x < 1, and
/// for q < 0 with a fractional x (q^-x is not real).
__device__ __forceinline__ double zeta(double x, double q) {
  if (m::isnan(x) || m::isnan(q)) return x + q;
  if (x == 1.0) return m::inf<double>();
  if (x < 1.0) return m::nan<double>();
  if (q <= 0.0) {
    if (m::floor(q) == q) return m::inf<double>();
    if (m::floor(x) != x) return m::nan<double>();
  }
  if (m::isinf(x)) return q == 1.0 ? 1.0 : (q < 1.0 ? m::inf<double>() : 0.0);
  if (m::isinf(q)) return 0.0;
  if (q > 1e8) return (1.0 / (x - 1.0) + 0.5 / q) * m::pow(q, 1.0 - x);
  return detail::hurwitz_em(x, q);
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(zeta)

/// zeta(x) - 1: zeta(x, 2) above 1 (no cancellation however small), the Euler-Maclaurin
/// continuation on [0, 1), and below 0 the reflection zeta(x) = 2^x pi^(x-1) sin(pi x / 2)
/// gamma(1 - x) zeta(1 - x), exactly -1 at the negative even integers.
__device__ __forceinline__ double zetac(double x) {
  if (m::isnan(x)) return x;
  if (x == 1.0) return m::inf<double>();
  if (x == m::inf<double>()) return 0.0;
  if (x == -m::inf<double>()) return m::nan<double>();
  if (x > 1.0) return detail::hurwitz_em(x, 2.0);
  if (x >= 0.0) return detail::hurwitz_em(x, 1.0) - 1.0;
  const double half = 0.5 * x;
  if (m::floor(half) == half) return -1.0;  // the trivial zeros
  const double z = 2.0 * m::pow(2.0 * m::fp<double>::pi, x - 1.0) * ::sinpi(half) *
                   detail::tgamma_(1.0 - x) * (1.0 + detail::hurwitz_em(1.0 - x, 2.0));
  return z - 1.0;
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE1(zetac)

// ---- Bessel functions --------------------------------------------------------------------------

// SciPy's (Cephes') Bessel functions give NaN for an infinite argument (the limits would be 0
// for j and y, inf for i); cupp's give the same.
#define CUPP_SPECIAL_BESSEL(name, f32, f64)           \
  __device__ __forceinline__ float name(float x) {    \
    return m::isinf(x) ? m::nan<float>() : ::f32(x);  \
  }                                                   \
  __device__ __forceinline__ double name(double x) {  \
    return m::isinf(x) ? m::nan<double>() : ::f64(x); \
  }
CUPP_SPECIAL_BESSEL(j0, j0f, j0)
CUPP_SPECIAL_BESSEL(j1, j1f, j1)
CUPP_SPECIAL_BESSEL(y0, y0f, y0)
CUPP_SPECIAL_BESSEL(y1, y1f, y1)
CUPP_SPECIAL_BESSEL(i0, cyl_bessel_i0f, cyl_bessel_i0)
CUPP_SPECIAL_BESSEL(i1, cyl_bessel_i1f, cyl_bessel_i1)
#undef CUPP_SPECIAL_BESSEL

template <class T>
__device__ __forceinline__ T i0e_impl(T x) {
  if (m::isnan(x)) return x;
  if (m::fabs(x) > detail::consts<T>::bessel_big) return detail::scaled_bessel_i_asymptotic(x, 0);
  return i0(x) * m::exp(-m::fabs(x));
}
template <class T>
__device__ __forceinline__ T i1e_impl(T x) {
  if (m::isnan(x)) return x;
  if (m::fabs(x) > detail::consts<T>::bessel_big) return detail::scaled_bessel_i_asymptotic(x, 1);
  return i1(x) * m::exp(-m::fabs(x));
}
__device__ __forceinline__ float i0e(float x) { return i0e_impl(x); }
__device__ __forceinline__ double i0e(double x) { return i0e_impl(x); }
__device__ __forceinline__ float i1e(float x) { return i1e_impl(x); }
__device__ __forceinline__ double i1e(double x) { return i1e_impl(x); }

// ---- logistic, entropy and losses --------------------------------------------------------------

template <class T>
__device__ __forceinline__ T expit_impl(T x) {
  if (x < T(0)) {
    const T e = m::exp(x);
    return e / (T(1) + e);
  }
  return T(1) / (T(1) + m::exp(-x));
}
template <class T>
__device__ __forceinline__ T logit_impl(T p) {
  if (p > T(0.25) && p < T(0.75)) return m::log1p((T(2) * p - T(1)) / (T(1) - p));
  return m::log(p) - m::log1p(-p);
}
template <class T>
__device__ __forceinline__ T log_expit_impl(T x) {
  if (x < T(0)) return x - m::log1p(m::exp(x));
  return -m::log1p(m::exp(-x));
}
template <class T>
__device__ __forceinline__ T entr_impl(T x) {
  if (m::isnan(x)) return x;
  if (x > T(0)) return -x * m::log(x);
  if (x == T(0)) return T(0);
  return -m::inf<T>();
}
__device__ __forceinline__ float expit(float x) { return expit_impl(x); }
__device__ __forceinline__ double expit(double x) { return expit_impl(x); }
__device__ __forceinline__ float logit(float x) { return logit_impl(x); }
__device__ __forceinline__ double logit(double x) { return logit_impl(x); }
__device__ __forceinline__ float log_expit(float x) { return log_expit_impl(x); }
__device__ __forceinline__ double log_expit(double x) { return log_expit_impl(x); }
__device__ __forceinline__ float entr(float x) { return entr_impl(x); }
__device__ __forceinline__ double entr(double x) { return entr_impl(x); }

template <class T>
__device__ __forceinline__ T xlogy_impl(T x, T y) {
  if (x == T(0) && !m::isnan(y)) return T(0);
  return x * m::log(y);
}
template <class T>
__device__ __forceinline__ T xlog1py_impl(T x, T y) {
  if (x == T(0) && !m::isnan(y)) return T(0);
  return x * m::log1p(y);
}
template <class T>
__device__ __forceinline__ T rel_entr_impl(T x, T y) {
  if (m::isnan(x) || m::isnan(y)) return m::nan<T>();
  if (x > T(0) && y > T(0)) return x * m::log(x / y);
  if (x == T(0) && y >= T(0)) return T(0);
  return m::inf<T>();
}
template <class T>
__device__ __forceinline__ T kl_div_impl(T x, T y) {
  if (m::isnan(x) || m::isnan(y)) return m::nan<T>();
  if (x > T(0) && y > T(0)) return x * m::log(x / y) - x + y;
  if (x == T(0) && y >= T(0)) return y;
  return m::inf<T>();
}
template <class T>
__device__ __forceinline__ T huber_impl(T delta, T r) {
  if (delta < T(0)) return m::inf<T>();
  if (m::fabs(r) <= delta) return T(0.5) * r * r;
  return delta * (m::fabs(r) - T(0.5) * delta);
}
template <class T>
__device__ __forceinline__ T pseudo_huber_impl(T delta, T r) {
  if (delta < T(0)) return m::inf<T>();
  if (delta == T(0) || r == T(0)) return T(0);
  const T v = r / delta;
  return delta * delta * m::expm1(T(0.5) * m::log1p(v * v));
}
__device__ __forceinline__ float xlogy(float x, float y) { return xlogy_impl(x, y); }
__device__ __forceinline__ double xlogy(double x, double y) { return xlogy_impl(x, y); }
__device__ __forceinline__ float xlog1py(float x, float y) { return xlog1py_impl(x, y); }
__device__ __forceinline__ double xlog1py(double x, double y) { return xlog1py_impl(x, y); }
__device__ __forceinline__ float rel_entr(float x, float y) { return rel_entr_impl(x, y); }
__device__ __forceinline__ double rel_entr(double x, double y) { return rel_entr_impl(x, y); }
__device__ __forceinline__ float kl_div(float x, float y) { return kl_div_impl(x, y); }
__device__ __forceinline__ double kl_div(double x, double y) { return kl_div_impl(x, y); }
__device__ __forceinline__ float huber(float d, float r) { return huber_impl(d, r); }
__device__ __forceinline__ double huber(double d, double r) { return huber_impl(d, r); }
__device__ __forceinline__ float pseudo_huber(float d, float r) { return pseudo_huber_impl(d, r); }
__device__ __forceinline__ double pseudo_huber(double d, double r) {
  return pseudo_huber_impl(d, r);
}

// ---- exponentials ------------------------------------------------------------------------------

__device__ __forceinline__ float exp10(float x) { return ::exp10f(x); }
__device__ __forceinline__ double exp10(double x) { return ::exp10(x); }

template <class T>
__device__ __forceinline__ T cosm1_impl(T x) {
  // SciPy's: cos(x) - 1 beyond pi/4, where it has no cancellation to speak of.
  if (m::fabs(x) > m::fp<T>::pi / T(4)) return m::cos(x) - T(1);
  const T s = m::sin(T(0.5) * x);
  return T(-2) * s * s;
}
template <class T>
__device__ __forceinline__ T exprel_impl(T x) {
  if (x == T(0)) return T(1);
  if (x == m::inf<T>()) return x;
  return m::expm1(x) / x;
}
__device__ __forceinline__ float cosm1(float x) {
  return static_cast<float>(cosm1_impl<double>(x));
}
__device__ __forceinline__ double cosm1(double x) { return cosm1_impl(x); }
__device__ __forceinline__ float exprel(float x) {
  return static_cast<float>(exprel_impl<double>(x));
}
__device__ __forceinline__ double exprel(double x) { return exprel_impl(x); }

// ---- Box-Cox -----------------------------------------------------------------------------------

template <class T>
__device__ __forceinline__ T boxcox_impl(T x, T lmbda) {
  if (m::fabs(lmbda) < T(1e-19)) return m::log(x);
  return m::expm1(lmbda * m::log(x)) / lmbda;
}
template <class T>
__device__ __forceinline__ T boxcox1p_impl(T x, T lmbda) {
  const T lgx = m::log1p(x);
  // (SciPy's thresholds compared in double: 1e-289 and 1e273 are not float values)
  if (m::fabs(lmbda) < T(1e-19) ||
      (static_cast<double>(m::fabs(lgx)) < 1e-289 && static_cast<double>(m::fabs(lmbda)) < 1e273))
    return lgx;
  return m::expm1(lmbda * lgx) / lmbda;
}
template <class T>
__device__ __forceinline__ T inv_boxcox_impl(T y, T lmbda) {
  if (lmbda == T(0)) return m::exp(y);
  return m::exp(m::log1p(lmbda * y) / lmbda);
}
template <class T>
__device__ __forceinline__ T inv_boxcox1p_impl(T y, T lmbda) {
  if (lmbda == T(0)) return m::expm1(y);
  if (static_cast<double>(m::fabs(lmbda * y)) < 1e-154) return y;
  return m::expm1(m::log1p(lmbda * y) / lmbda);
}
__device__ __forceinline__ float boxcox(float x, float l) { return boxcox_impl(x, l); }
__device__ __forceinline__ double boxcox(double x, double l) { return boxcox_impl(x, l); }
__device__ __forceinline__ float boxcox1p(float x, float l) { return boxcox1p_impl(x, l); }
__device__ __forceinline__ double boxcox1p(double x, double l) { return boxcox1p_impl(x, l); }
__device__ __forceinline__ float inv_boxcox(float y, float l) { return inv_boxcox_impl(y, l); }
__device__ __forceinline__ double inv_boxcox(double y, double l) { return inv_boxcox_impl(y, l); }
__device__ __forceinline__ float inv_boxcox1p(float y, float l) { return inv_boxcox1p_impl(y, l); }
__device__ __forceinline__ double inv_boxcox1p(double y, double l) {
  return inv_boxcox1p_impl(y, l);
}

// ---- angles in degrees -------------------------------------------------------------------------

// sin(-x) = -sin(x) and cos(-x) = cos(x): the angle's magnitude is reduced, so that no 360 is
// added to a negative remainder (which would round away its low digits).
template <class T>
__device__ __forceinline__ T sindg_impl(T x) {
  if (m::isnan(x)) return x;
  if (m::fabs(x) > T(1e14)) return T(0);  // SciPy's: no digits of the angle are left
  T s, c;
  detail::sincos_degrees(detail::reduce_degrees(m::fabs(x)), s, c);
  return x < T(0) ? -s : s;
}
template <class T>
__device__ __forceinline__ T cosdg_impl(T x) {
  if (m::isnan(x)) return x;
  if (m::fabs(x) > T(1e14)) return T(0);
  T s, c;
  detail::sincos_degrees(detail::reduce_degrees(m::fabs(x)), s, c);
  return c;
}
/// tandg and cotdg as SciPy's: |x| reduced exactly modulo 180 and folded into [0, 90] (cot
/// through 90 - x), then 0, +-1 and inf at 0, 45 and 90 degrees, else tan of the angle in
/// radians, with the sign of the folds.
template <class T>
__device__ __forceinline__ T tancot_degrees(T xx, bool cot) {
  if (m::isnan(xx)) return xx;
  T sign = xx < T(0) ? T(-1) : T(1);
  T x = m::fabs(xx);
  if (x > T(1e14)) return T(0);
  x = x - T(180) * m::floor(x / T(180));
  if (cot) {
    if (x <= T(90)) {
      x = T(90) - x;
    } else {
      x = x - T(90);
      sign = -sign;
    }
  } else if (x > T(90)) {
    x = T(180) - x;
    sign = -sign;
  }
  if (x == T(0)) return T(0);
  if (x == T(45)) return sign;
  if (x == T(90)) return m::inf<T>();  // SciPy's value at every pole
  return sign * m::tan(x * (m::fp<T>::pi / T(180)));
}
template <class T>
__device__ __forceinline__ T tandg_impl(T x) {
  return tancot_degrees(x, false);
}
template <class T>
__device__ __forceinline__ T cotdg_impl(T x) {
  return tancot_degrees(x, true);
}
template <class T>
__device__ __forceinline__ T radian_impl(T d, T m, T s) {
  return (d + m / T(60) + s / T(3600)) * (m::fp<T>::pi / T(180));
}
__device__ __forceinline__ float sindg(float x) {
  return static_cast<float>(sindg_impl<double>(x));
}
__device__ __forceinline__ double sindg(double x) { return sindg_impl(x); }
__device__ __forceinline__ float cosdg(float x) {
  return static_cast<float>(cosdg_impl<double>(x));
}
__device__ __forceinline__ double cosdg(double x) { return cosdg_impl(x); }
__device__ __forceinline__ float tandg(float x) {
  return static_cast<float>(tandg_impl<double>(x));
}
__device__ __forceinline__ double tandg(double x) { return tandg_impl(x); }
__device__ __forceinline__ float cotdg(float x) {
  return static_cast<float>(cotdg_impl<double>(x));
}
__device__ __forceinline__ double cotdg(double x) { return cotdg_impl(x); }
__device__ __forceinline__ float radian(float d, float m, float s) { return radian_impl(d, m, s); }
__device__ __forceinline__ double radian(double d, double m, double s) {
  return radian_impl(d, m, s);
}

// ---- incomplete gamma functions and the distributions built on them ---------------------------

namespace detail {

/// log1p(t) - t without the cancellation near 0, with opt = 1 + t formed by the caller (exact
/// where t is derived, as (x - a) / a with x / a given): with u = t / (2 + t), log1p(t) =
/// 2 atanh(u), and the difference is -t u + 2 u^3 sum u^(2k) / (2k + 3) of positive terms.
__device__ __forceinline__ double log1pmx(double t, double opt) {
  if (t < -0.6 || t > 1.5) return m::log(opt) - t;
  const double u = t / (2.0 + t), u2 = u * u;
  double s = 0.0, p = 1.0;
  for (int k = 0; k < 60; ++k) {
    const double term = p / (2 * k + 3);
    s += term;
    if (term <= 2.8e-17 * s) break;
    p *= u2;
  }
  return -t * u + 2.0 * u * u2 * s;
}

/// log Gamma*(z) = lgamma(z) - ((z - 1/2) log z - z + log sqrt(2 pi)), Stirling's series, z >= 10.
__device__ __forceinline__ double log_gamma_star(double z) {
  const double r = 1.0 / z, r2 = r * r;
  return r *
         (1.0 / 12 + r2 * (-1.0 / 360 +
                           r2 * (1.0 / 1260 +
                                 r2 * (-1.0 / 1680 +
                                       r2 * (1.0 / 1188 +
                                             r2 * (-691.0 / 360360 +
                                                   r2 * (1.0 / 156 + r2 * (-3617.0 / 122400))))))));
}

/// x^a e^-x / Gamma(a + 1) for a > 0, x > 0. Small a: the factors directly (e^-x in two halves
/// so that it stays normal up to x = 1400); a >= 20: exp(a (log1p(t) - t)) / (sqrt(2 pi a)
/// Gamma*(a)) with t = (x - a) / a, which keeps the exponent's relative accuracy near x = a,
/// where a log x and x are both large and nearly cancel.
__device__ __forceinline__ double igam_prefactor(double a, double x) {
  if (a < 20.0) {
    if (x < 1400.0) {
      const double p = m::pow(x, a);
      if (p < 1e300) {
        const double e = m::exp(-0.5 * x);
        return p * e / tgamma_(a + 1.0) * e;
      }
    }
    return m::exp(a * m::log(x) - x - lgamma_(a + 1.0));
  }
  const double t = (x - a) / a;  // (x - a is exact enough; x / a - 1 would not be near x = 0)
  const double e =
      (m::fabs(t) < 0.5 ? a * log1pmx(t, x / a) : a * m::log(x / a) - (x - a)) - log_gamma_star(a);
  return m::exp(e) / m::sqrt(2.0 * m::fp<double>::pi * a);
}

/// P(a, x) by its series x^a e^-x / Gamma(a + 1) * sum x^n / ((a + 1) ... (a + n)): positive
/// terms, converging fastest for x < a + 1.
__device__ __forceinline__ double igam_series(double a, double x) {
  double term = 1.0, sum = 1.0, ak = a;
  for (int n = 0; n < 100000; ++n) {
    ak += 1.0;
    term *= x / ak;
    sum += term;
    if (term <= 1e-17 * sum) break;
  }
  return igam_prefactor(a, x) * sum;
}

/// Q(a, x) by the continued fraction x^a e^-x / Gamma(a) / (x + 1 - a - 1 (1 - a) / (x + 3 - a
/// - 2 (2 - a) / (x + 5 - a - ...))) (modified Lentz), for x >= a + 1.
__device__ __forceinline__ double igamc_fraction(double a, double x) {
  const double tiny = 1e-300;
  double b = x + 1.0 - a, c = 1.0 / tiny, d = 1.0 / b, h = d;
  for (int i = 1; i < 100000; ++i) {
    const double an = -i * (i - a);
    b += 2.0;
    d = an * d + b;
    if (m::fabs(d) < tiny) d = tiny;
    c = b + an / c;
    if (m::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (m::fabs(delta - 1.0) <= 1e-16) break;
  }
  return igam_prefactor(a, x) * a * h;
}

/// 1 / Gamma(1 + a) - 1 for |a| <= 1, its Taylor series (no cancellation near a = 0).
__device__ __forceinline__ double rgamma1pm1(double a) {
  const double c[24] = {
      0.57721566490153286061,     -0.65587807152025388108,     -0.042002635034095235529,
      0.1665386113822914895,      -0.042197734555544336748,    -0.0096219715278769735621,
      0.0072189432466630995424,   -0.0011651675918590651121,   -0.00021524167411495097282,
      0.00012805028238811618615,  -0.000020134854780788238656, -1.2504934821426706573e-6,
      1.1330272319816958824e-6,   -2.0563384169776071035e-7,   6.1160951044814158179e-9,
      5.0020076444692229301e-9,   -1.1812745704870201446e-9,   1.0434267116911005105e-10,
      7.782263439905071254e-12,   -3.6968056186422057082e-12,  5.100370287454475979e-13,
      -2.0583260535665067832e-14, -5.3481225394230179824e-15,  1.2267786282382607902e-15};
  double s = 0.0;
  for (int k = 23; k >= 0; --k) s = s * a + c[k];
  return s * a;
}

/// Q(a, x) for a <= 1 and x <= 1.5, where Q is near 1 - x^a / Gamma(1 + a) and 1 - P would
/// cancel for small a: Q = -(rg - 1 + (x^a - 1) rg) - x^a rg a sum_{n>=1} (-x)^n / (n! (a + n)),
/// rg = 1 / Gamma(1 + a), with rg - 1 and x^a - 1 = expm1(a log x) computed directly.
__device__ __forceinline__ double igamc_small_a(double a, double x) {
  const double rgm1 = rgamma1pm1(a), rg = 1.0 + rgm1;
  const double u = m::expm1(a * m::log(x));
  double term = 1.0, sum = 0.0;
  for (int n = 1; n < 60; ++n) {
    term *= -x / n;
    const double add = term / (a + n);
    sum += add;
    if (m::fabs(add) <= 1e-17 * m::fabs(sum)) break;
  }
  return -(rgm1 + u * rg) - (1.0 + u) * rg * a * sum;
}

/// P(a, x) (lower) or Q(a, x) for a >= 1e7, where the series and the continued fraction would
/// need about 8 sqrt(a) terms: Temme's uniform expansion Q = erfc(eta sqrt(a / 2)) / 2 + R and
/// P = erfc(-eta sqrt(a / 2)) / 2 - R, R = e^(-a eta^2 / 2) / sqrt(2 pi a) (c0(eta) + c1(eta) / a),
/// eta^2 / 2 = lambda - 1 - log(lambda), lambda = x / a (DLMF 8.12). Only |lambda - 1| <= 0.03
/// matters at this size (beyond it the result is 0 or 1 to double precision), so c0 and c1 are
/// their Taylor series in eta: the neglected terms are below 1e-17 of R.
__device__ __forceinline__ double igam_temme(double a, double x, bool lower) {
  const double t = (x - a) / a;
  if (t > 0.03) return lower ? 1.0 : 0.0;
  if (t < -0.03) return lower ? 0.0 : 1.0;
  const double half_eta2 = -log1pmx(t, x / a);  // lambda - 1 - log(lambda) >= 0
  const double eta = (t < 0.0 ? -1.0 : 1.0) * m::sqrt(2.0 * half_eta2);
  const double c0 = -1.0 / 3.0 + eta * (1.0 / 12.0 + eta * (-2.0 / 135.0 + eta * (1.0 / 864.0)));
  const double c1 = -1.0 / 540.0 - eta / 288.0;
  const double r = m::exp(-a * half_eta2) / m::sqrt(2.0 * m::fp<double>::pi * a) * (c0 + c1 / a);
  const double e = eta * m::sqrt(0.5 * a);
  return lower ? 0.5 * erfc(-e) - r : 0.5 * erfc(e) + r;
}

/// P(a, x) (lower = true) or Q(a, x), SciPy's domain: NaN for a < 0, x < 0, or both 0 or both
/// infinite; P(0, x > 0) = 1.
static __device__ __noinline__ double igam(double a, double x, bool lower) {
  if (m::isnan(a) || m::isnan(x)) return a + x;
  if (a < 0.0 || x < 0.0) return m::nan<double>();
  if (a == 0.0) return x > 0.0 ? (lower ? 1.0 : 0.0) : m::nan<double>();
  if (x == 0.0) return lower ? 0.0 : 1.0;
  if (m::isinf(a)) return m::isinf(x) ? m::nan<double>() : (lower ? 0.0 : 1.0);
  if (m::isinf(x)) return lower ? 1.0 : 0.0;
  if (a >= 1e7) return igam_temme(a, x, lower);
  if (a <= 1.0 && x <= 1.5) return lower ? igam_series(a, x) : igamc_small_a(a, x);
  if (x < a + 1.0) {
    const double p = igam_series(a, x);
    return lower ? p : 1.0 - p;
  }
  const double q = igamc_fraction(a, x);
  return lower ? 1.0 - q : q;
}

/// The inverse of P(a, .) (lower) or Q(a, .) at p. A first guess from the tail the root lies
/// in (P ~ x^a / Gamma(a + 1) for small x, Q ~ x^(a-1) e^-x / Gamma(a) for large x) or from
/// Wilson-Hilferty's cube of a normal; then Newton's steps on log F - log p where the target is
/// small (the tails are nearly exponential in x there) and Halley's on F - p elsewhere, F = P
/// or Q, kept inside a bracket that is bisected when a step leaves it.
static __device__ __noinline__ double igam_inverse(double a, double p, bool lower) {
  if (m::isnan(a) || m::isnan(p)) return a + p;
  if (a < 0.0 || p < 0.0 || p > 1.0) return m::nan<double>();
  if (p == 0.0) return lower ? 0.0 : m::inf<double>();
  if (p == 1.0) return lower ? m::inf<double>() : 0.0;
  // P(0, x) = 1 and Q(0, x) = 0 for every x > 0, P(inf, x) = 0: only the ends are reached
  if (a == 0.0 || m::isinf(a)) return m::nan<double>();
  if (p > 0.5) {  // solve for the complement, which 1 - p gives exactly here
    lower = !lower;
    p = 1.0 - p;
  }
  const double log_plo = lower ? m::log(p) : m::log1p(-p);  // log P at the root
  const double log_qlo = lower ? m::log1p(-p) : m::log(p);  // log Q at the root
  const double lg = lgamma_(a + 1.0);
  // P(a, x) ~ x^a / Gamma(a + 1) for small x: where that root is below the smallest subnormal,
  // so is the true one (SciPy's 0)
  const double log_x_small = (log_plo + lg) / a;
  if (log_x_small < -745.2) return 0.0;
  const double x_small = m::exp(log_x_small);
  double x = 0.0;
  if (log_plo < -0.7 && x_small < 0.5 * (a + 1.0)) {
    x = x_small;
  } else if (log_qlo < -3.0) {
    const double l = -log_qlo - lgamma_(a);
    x = l;
    for (int i = 0; i < 4 && x > 1.0; ++i) x = l + (a - 1.0) * m::log(x);
    if (!(x > a)) x = 0.0;
  }
  if (x == 0.0) {
    // (x / a)^(1/3) is nearly normal with mean 1 - 1 / (9a) and variance 1 / (9a)
    const double z = lower ? ndtri(p) : -ndtri(p);
    const double s = 1.0 / (9.0 * a);
    const double w = 1.0 - s + z * m::sqrt(s);
    x = w > 0.0 ? a * w * w * w : x_small;
  }
  if (!(x > 0.0) || m::isinf(x)) x = a;
  double lo = 0.0, hi = m::inf<double>();
  for (int it = 0; it < 300; ++it) {
    const double F = igam(a, x, lower);
    const double f = F - p;
    if ((lower ? f : -f) > 0.0) {
      hi = x;
    } else {
      lo = x;
    }
    if (f == 0.0) break;
    const double dp = igam_prefactor(a, x) * a / x;  // dP/dx = x^(a-1) e^-x / Gamma(a)
    const double dF = lower ? dp : -dp;
    double next = m::nan<double>();
    if (dp > 0.0 && dp < m::inf<double>()) {
      if (p < 0.1 && F > 0.0) {
        next = x - (m::log(F) - m::log(p)) * F / dF;
      } else {
        const double newton = f / dF;
        const double den = 1.0 - 0.5 * newton * ((a - 1.0) / x - 1.0);  // f'' / f'
        next = x - ((den > 0.5 && den < 2.0) ? newton / den : newton);
      }
    }
    if (!(next > lo && next < hi)) {
      if (m::isinf(hi)) {
        next = 4.0 * x;
      } else if (lo > 0.0) {
        next = m::sqrt(lo) * m::sqrt(hi);
      } else {
        next = 0.25 * hi;
      }
    }
    const bool done = m::fabs(next - x) <= 1e-15 * x;
    x = next;
    if (done) break;
  }
  return x;
}

}  // namespace detail

/// The regularized lower incomplete gamma function P(a, x).
__device__ __forceinline__ double gammainc(double a, double x) { return detail::igam(a, x, true); }
/// The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x).
__device__ __forceinline__ double gammaincc(double a, double x) {
  return detail::igam(a, x, false);
}
/// The inverse of gammainc in x.
__device__ __forceinline__ double gammaincinv(double a, double p) {
  return detail::igam_inverse(a, p, true);
}
/// The inverse of gammaincc in x.
__device__ __forceinline__ double gammainccinv(double a, double q) {
  return detail::igam_inverse(a, q, false);
}

/// The Poisson distribution function: the probability of at most k events at mean m.
__device__ __forceinline__ double pdtr(double k, double mean) {
  if (k < 0.0 || mean < 0.0) return m::nan<double>();
  if (mean == 0.0) return 1.0;
  return gammaincc(m::floor(k) + 1.0, mean);
}
/// The complemented Poisson distribution function: the probability of more than k events.
__device__ __forceinline__ double pdtrc(double k, double mean) {
  if (k < 0.0 || mean < 0.0) return m::nan<double>();
  if (mean == 0.0) return 0.0;
  return gammainc(m::floor(k) + 1.0, mean);
}
/// The inverse of pdtr in the mean.
__device__ __forceinline__ double pdtri(double k, double y) {
  if (m::isnan(k) || m::isnan(y)) return k + y;
  if (k < 0.0 || y < 0.0 || y >= 1.0) return m::nan<double>();
  return gammainccinv(m::floor(k) + 1.0, y);
}
/// The chi-square distribution function with v degrees of freedom.
__device__ __forceinline__ double chdtr(double v, double x) {
  if (x < 0.0) return m::nan<double>();
  return gammainc(0.5 * v, 0.5 * x);
}
/// The complemented chi-square distribution function.
__device__ __forceinline__ double chdtrc(double v, double x) {
  if (x < 0.0) return m::nan<double>();
  return gammaincc(0.5 * v, 0.5 * x);
}
/// The inverse of chdtrc in x.
__device__ __forceinline__ double chdtri(double v, double y) {
  return 2.0 * gammainccinv(0.5 * v, y);
}
/// The gamma distribution function of rate a and shape b at x.
__device__ __forceinline__ double gdtr(double a, double b, double x) {
  if (x < 0.0) return m::nan<double>();
  return gammainc(b, a * x);
}
/// The complemented gamma distribution function.
__device__ __forceinline__ double gdtrc(double a, double b, double x) {
  if (x < 0.0) return m::nan<double>();
  return gammaincc(b, a * x);
}

CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(gammainc)
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(gammaincc)
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(gammaincinv)
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(gammainccinv)
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(pdtr)
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(pdtrc)
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(pdtri)
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(chdtr)
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(chdtrc)
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(chdtri)
CUPP_SPECIAL_FLOAT_VIA_DOUBLE3(gdtr)
CUPP_SPECIAL_FLOAT_VIA_DOUBLE3(gdtrc)

// ---- modified Bessel functions of the second kind, integer-order Bessel functions -------------

namespace detail {

/// Temme's Gamma1(mu) = (1/Gamma(1 - mu) - 1/Gamma(1 + mu)) / (2 mu) and Gamma2(mu) =
/// (1/Gamma(1 - mu) + 1/Gamma(1 + mu)) / 2 for |mu| <= 1/2, from the Taylor coefficients c_k of
/// 1/Gamma(z) = sum c_k z^k (Gamma1 = -sum c_2j mu^(2j-2), Gamma2 = sum c_(2j+1) mu^2j): no
/// cancellation at mu = 0, where they are -gamma and 1.
__device__ __forceinline__ void temme_gammas(double mu, double* g1, double* g2) {
  const double even[13] = {
      0.57721566490153286061,    -0.042002635034095235529,   -0.042197734555544336748,
      0.0072189432466630995424,  -0.00021524167411495097282, -0.000020134854780788238656,
      1.1330272319816958824e-6,  6.1160951044814158179e-9,   -1.1812745704870201446e-9,
      7.782263439905071254e-12,  5.100370287454475979e-13,   -5.3481225394230179824e-15,
      -1.1812593016974587695e-16};  // c_2, c_4, ..., c_26
  const double odd[13] = {1.0,
                          -0.65587807152025388108,
                          0.1665386113822914895,
                          -0.0096219715278769735621,
                          -0.0011651675918590651121,
                          0.00012805028238811618615,
                          -1.2504934821426706573e-6,
                          -2.0563384169776071035e-7,
                          5.0020076444692229301e-9,
                          1.0434267116911005105e-10,
                          -3.6968056186422057082e-12,
                          -2.0583260535665067832e-14,
                          1.2267786282382607902e-15};  // c_1, c_3, ..., c_25
  const double t = mu * mu;
  double s1 = 0.0, s2 = 0.0;
#pragma unroll
  for (int i = 12; i >= 0; --i) {
    s1 = s1 * t + even[i];
    s2 = s2 * t + odd[i];
  }
  *g1 = -s1;
  *g2 = s2;
}

/// Temme's series (Temme 1975, 1976) for |mu| <= 1/2 and 0 < x <= 2: K_mu(x) and K_mu+1(x) when
/// `modified`, else Y_mu(x) and Y_mu+1(x). With sigma = mu log(2/x), c_k = (+-x^2/4)^k / k!,
///   f_0 = (mu pi / sin(mu pi)) (cosh(sigma) Gamma1 + (sinh(sigma) / sigma) log(2/x) Gamma2),
///   p_0 = (x/2)^-mu Gamma(1 + mu) / 2, q_0 = (x/2)^mu Gamma(1 - mu) / 2 (both times 2/pi and
///   f_0 too for Y), f_k = (k f_k-1 + p_k-1 + q_k-1) / (k^2 - mu^2), p_k = p_k-1 / (k - mu),
///   q_k = q_k-1 / (k + mu); K_mu = sum c_k f_k and K_mu+1 = (2/x) sum c_k (p_k - k f_k); Y_mu =
///   -sum c_k g_k and Y_mu+1 = -(2/x) sum c_k (p_k - k g_k), g_k = f_k + (2/mu) sin^2(mu pi/2) q_k.
static __device__ __noinline__ void bessel_temme_series(double mu, double x, bool modified,
                                                        double* v0, double* v1) {
  double g1, g2;
  temme_gammas(mu, &g1, &g2);
  const double pi = m::fp<double>::pi, l = m::log(2.0 / x), sigma = mu * l;
  const double pimu = pi * mu;
  const double fact = pimu == 0.0 ? 1.0 : pimu / m::sin(pimu);
  const double shs = sigma == 0.0 ? 1.0 : m::sinh(sigma) / sigma;
  const double norm = modified ? 1.0 : 2.0 / pi;
  double f = norm * fact * (m::cosh(sigma) * g1 + shs * l * g2);
  const double e = m::exp(sigma);
  double p = 0.5 * norm * e / (g2 - mu * g1);  // 1 / Gamma(1 + mu) = Gamma2 - mu Gamma1
  double q = 0.5 * norm / (e * (g2 + mu * g1));
  // (2/mu) sin^2(mu pi / 2), 0 at mu = 0
  const double half = 0.5 * pimu, sh = half == 0.0 ? 1.0 : m::sin(half) / half;
  const double r = modified ? 0.0 : pi * half * sh * sh;
  const double y = modified ? 0.25 * x * x : -0.25 * x * x;
  double c = 1.0, sum = f + r * q, sum1 = p;
  for (int k = 1; k < 500; ++k) {
    const double dk = k;
    f = (dk * f + p + q) / (dk * dk - mu * mu);
    c *= y / dk;
    p /= dk - mu;
    q /= dk + mu;
    const double g = f + r * q;
    const double del = c * g;
    sum += del;
    sum1 += c * p - dk * del;
    if (m::fabs(del) < 1e-17 * m::fabs(sum)) break;
  }
  const double sign = modified ? 1.0 : -1.0;
  *v0 = sign * sum;
  *v1 = sign * sum1 * (2.0 / x);
}

/// e^x K_mu(x) and e^x K_mu+1(x) for |mu| <= 1/2 and x > 2 by Steed's continued fraction for K
/// (Temme's CF2 with its normalising sum), which converges in a few terms there and needs no
/// exponential.
__device__ __forceinline__ void bessel_k_scaled_cf(double mu, double x, double* k0e, double* k1e) {
  const double a1 = 0.25 - mu * mu;
  double b = 2.0 * (1.0 + x), d = 1.0 / b, h = d, delh = d;
  double q1 = 0.0, q2 = 1.0, q = a1, c = a1, a = -a1;
  double s = 1.0 + q * delh;
  for (int i = 1; i < 1000; ++i) {
    a -= 2 * i;
    c = -a * c / (i + 1.0);
    const double qnew = (q1 - b * q2) / a;
    q1 = q2;
    q2 = qnew;
    q += c * qnew;
    b += 2.0;
    d = 1.0 / (b + a * d);
    delh = (b * d - 1.0) * delh;
    h += delh;
    const double dels = q * delh;
    s += dels;
    if (m::fabs(dels) < 1e-17 * m::fabs(s)) break;
  }
  h *= a1;
  *k0e = m::sqrt(m::fp<double>::pi / (2.0 * x)) / s;
  *k1e = *k0e * (mu + x + 0.5 - h) / x;
}

/// K_mu(x) and K_mu+1(x) for |mu| <= 1/2 and x > 0, times e^x when `scaled`.
static __device__ __noinline__ void bessel_k_pair(double mu, double x, bool scaled, double* k0,
                                                  double* k1) {
  if (x <= 2.0) {
    bessel_temme_series(mu, x, true, k0, k1);
    if (scaled) {
      const double e = m::exp(x);
      *k0 *= e;
      *k1 *= e;
    }
    return;
  }
  bessel_k_scaled_cf(mu, x, k0, k1);
  if (!scaled) {
    const double e = m::exp(-x);
    *k0 *= e;
    *k1 *= e;
  }
}

/// K0(x) and K1(x), times e^x when `scaled`, for x > 0. Up to 2 the series in y = x^2 / 4
/// (DLMF 10.31.1-2) as polynomials of 15 terms: K0 = -log(x/2) I0 + sum (H_k - gamma) y^k / (k!)^2
/// and K1 = 1/x + (x/2) (log(x/2) sum y^k / (k! (k+1)!) - 1/2 sum (psi(k+1) + psi(k+2)) y^k /
/// (k! (k+1)!)). Beyond 2, e^x sqrt(x) K0 and K1 as Chebyshev series of 22 terms in 4/x - 1
/// (coefficients from the functions' values at 60 Chebyshev nodes, to 2e-16). Neither needs a
/// loop that depends on x or a division beyond 1/x, so that a warp spends the same few hundred
/// instructions on each argument (the general order's series and continued fraction, which
/// bessel_k_pair takes, cost ten times that here). For float (k0 ... k1e of float32, which
/// SciPy's loops compute in double and round) the first 8 and 11 terms, whose truncation is
/// below 1e-9: the float result is within 1.5e-6 relative (float rounding in the series near
/// x = 2), inside SciPy's float32 bound, at a fraction of the double's cost.
template <class T>
static __device__ __noinline__ void bessel_k01(T x, bool scaled, T* k0, T* k1) {
  constexpr int ns = sizeof(T) == 4 ? 8 : 15, nc = sizeof(T) == 4 ? 11 : 22;
  if (x <= T(2)) {
    const double i0c[15] = {1.0,
                            1.0,
                            0.25,
                            0.027777777777777777778,
                            0.0017361111111111111111,
                            0.000069444444444444444444,
                            1.9290123456790123457e-6,
                            3.9367598891408415218e-8,
                            6.1511873267825648778e-10,
                            7.5940584281266233059e-12,
                            7.5940584281266233059e-14,
                            6.2760813455591928148e-16,
                            4.3583898233049950103e-18,
                            2.5789288895295828463e-20,
                            1.3157800456783585951e-22};
    const double g0c[15] = {-0.57721566490153286061,   0.42278433509846713939,
                            0.23069608377461678485,    0.03489215745643890202,
                            0.002614787618805209154,   0.00011848039364109725505,
                            3.6126241031992035868e-6,  7.93509652130420917e-8,
                            1.3167486730385647438e-9,  1.7099940727058078439e-11,
                            1.7859346569870740769e-13, 1.533034340320847271e-15,
                            1.1009270959725744522e-17, 6.7127406599790475099e-20,
                            3.5188519726398049557e-22};  // (H_k - gamma) / (k!)^2
    const double s1c[15] = {1.0,
                            0.5,
                            0.083333333333333333333,
                            0.0069444444444444444444,
                            0.00034722222222222222222,
                            0.000011574074074074074074,
                            2.7557319223985890653e-7,
                            4.9209498614260519022e-9,
                            6.8346525853139609753e-11,
                            7.5940584281266233059e-13,
                            6.9036894801151120963e-15,
                            5.2300677879659940123e-17,
                            3.3526075563884577002e-19,
                            1.8420920639497020331e-21,
                            8.7718669711890573004e-24};
    const double p1c[15] = {
        -0.15443132980306572121,   0.67278433509846713939,    0.18157516696085563434,
        0.019182189839330562121,   0.0011153594919665281061,  0.000041422476892711430696,
        1.0715459140911808686e-6,  2.0452860035938779413e-8,  3.0020487465891878859e-10,
        3.4959287296928819208e-12, 3.309914735250272068e-14,  2.5986411321011287351e-16,
        1.7195232826992565241e-18, 9.7212075188236180165e-21, 4.7502817433276669896e-23};
    const T y = T(0.25) * x * x, l = m::log(x) - T(0.69314718055994530942);  // log(x / 2)
    T i0 = T(0), g0 = T(0), s1 = T(0), p1 = T(0);
#pragma unroll
    for (int k = ns - 1; k >= 0; --k) {
      i0 = i0 * y + T(i0c[k]);
      g0 = g0 * y + T(g0c[k]);
      s1 = s1 * y + T(s1c[k]);
      p1 = p1 * y + T(p1c[k]);
    }
    *k0 = g0 - l * i0;  // both terms positive near x = 2, where K0 is small
    *k1 = T(1) / x + T(0.5) * x * (l * s1 - T(0.5) * p1);
    if (scaled) {
      const T e = m::exp(x);
      *k0 *= e;
      *k1 *= e;
    }
    return;
  }
  const double c0[22] = {
      1.2201515410329777273,      -0.031448101311964500543,   0.0015698838857300533749,
      -0.00012849549581627802638, 0.000013949813718876499364, -1.8317555227191194848e-6,
      2.7668136394450150761e-7,   -4.6604898976879476656e-8,  8.5740340174142260858e-9,
      -1.6975345093890615156e-9,  3.5773972814003284472e-10,  -7.9574892444773970377e-11,
      1.855949114954926555e-11,   -4.5145978833745191751e-12, 1.1403405882073442347e-12,
      -2.9800969231481783548e-13, 8.0328907750683743694e-14,  -2.2275133267462963604e-14,
      6.3400764762766459661e-15,  -1.8485933779209071694e-15, 5.5120559994043333649e-16,
      -1.6782311257549006383e-16};
  const double c1[22] = {
      1.3603130952422213347,      0.10392373657681723844,     -0.0028578168596227793868,
      0.00019521551847135163111,  -0.0000193619797416608296,  2.4064849478372171171e-6,
      -3.5019606030878125421e-7,  5.7410841254500492923e-8,   -1.0345762465678097027e-8,
      2.0150497551970346161e-9,   -4.1903547593419255842e-10, 9.2183151876053141258e-11,
      -2.1299678384277910216e-11, 5.1396396734823435404e-12,  -1.2891739609498229352e-12,
      3.3484196660522431201e-13,  -8.9767051820101460692e-14, 2.4771544242195986813e-14,
      -7.0198370892147688513e-15, 2.0387031662398608799e-15,  -6.0570472706430178228e-16,
      1.8380935752430454256e-16};
  const T u = T(4) / x - T(1), u2 = T(2) * u;
  T a1 = T(0), a2 = T(0), b1 = T(0), b2 = T(0);  // Clenshaw's recurrence
#pragma unroll
  for (int k = nc - 1; k >= 1; --k) {
    const T a = T(c0[k]) + u2 * a1 - a2, b = T(c1[k]) + u2 * b1 - b2;
    a2 = a1;
    a1 = a;
    b2 = b1;
    b1 = b;
  }
  const T r = T(1) / m::sqrt(x), e = scaled ? r : r * m::exp(-x);
  *k0 = (T(c0[0]) + u * a1 - a2) * e;
  *k1 = (T(c1[0]) + u * b1 - b2) * e;
}

/// SciPy's domain of the K functions: NaN below 0, inf at 0, 0 (not NaN) at +inf.
__device__ __forceinline__ bool bessel_k_special(double x, double* out) {
  if (m::isnan(x)) return *out = x, true;
  if (x < 0.0) return *out = m::nan<double>(), true;
  if (x == 0.0) return *out = m::inf<double>(), true;
  if (m::isinf(x)) return *out = 0.0, true;
  return false;
}

}  // namespace detail

// The float overloads compute in float from 1e-30 on; below it (subnormals, 0, negative, NaN)
// and at inf, in double.
#define CUPP_SPECIAL_BESSEL_K(name, index, scaled)                                 \
  __device__ __forceinline__ double name(double x) {                               \
    double r[2];                                                                   \
    if (detail::bessel_k_special(x, &r[0])) return r[0];                           \
    detail::bessel_k01(x, scaled, &r[0], &r[1]);                                   \
    return r[index];                                                               \
  }                                                                                \
  __device__ __forceinline__ float name(float x) {                                 \
    if (!(x >= 1e-30f) || m::isinf(x)) return static_cast<float>(name(double(x))); \
    float r[2];                                                                    \
    detail::bessel_k01(x, scaled, &r[0], &r[1]);                                   \
    return r[index];                                                               \
  }
/// The modified Bessel function of the second kind of order 0.
CUPP_SPECIAL_BESSEL_K(k0, 0, false)
/// e^x times k0.
CUPP_SPECIAL_BESSEL_K(k0e, 0, true)
/// The modified Bessel function of the second kind of order 1.
CUPP_SPECIAL_BESSEL_K(k1, 1, false)
/// e^x times k1.
CUPP_SPECIAL_BESSEL_K(k1e, 1, true)
#undef CUPP_SPECIAL_BESSEL_K

/// The modified Bessel function of the second kind of integer order n (truncated, as SciPy's
/// float loop): the upward recurrence K_{j+1} = K_{j-1} + (2j / x) K_j, stable for K, on the
/// scaled values so that only the final product can underflow.
__device__ __forceinline__ double kn(double n, double x) {
  double r;
  if (m::isnan(n)) return n;
  if (detail::bessel_k_special(x, &r)) return r;
  const double order = m::fabs(m::trunc(n));
  double km, k;
  const bool scaled = x > 2.0;
  detail::bessel_k01(x, scaled, &km, &k);
  if (order == 0.0) return scaled ? km * m::exp(-x) : km;
  for (double j = 1.0; j < order && k < m::inf<double>(); j += 1.0) {
    const double next = km + (2.0 * j / x) * k;
    km = k;
    k = next;
  }
  return scaled ? k * m::exp(-x) : k;
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(kn)

/// The Bessel function of the second kind of integer order n (truncated): CUDA's yn, with
/// Y_{-n} = (-1)^n Y_n and SciPy's values at 0 (-inf), below 0 and at +inf (NaN).
__device__ __forceinline__ double yn(double n, double x) {
  if (m::isnan(n) || m::isnan(x)) return n + x;
  if (x < 0.0 || m::isinf(x)) return m::nan<double>();
  const double order = m::trunc(n);
  const double a = m::fabs(order);
  const bool flip = order < 0.0 && detail::minus_one_pow(a) < 0.0;  // Y_{-n} = (-1)^n Y_n
  if (x == 0.0 || a > 2147483647.0) return flip ? m::inf<double>() : -m::inf<double>();
  const double v = ::yn(static_cast<int>(a), x);
  return flip ? -v : v;
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(yn)

namespace detail {
/// y_n(x) and, when `derivative`, y_n'(x) for an integer n >= 0 and x != 0 of either sign: the
/// upward recurrence y_{k+1} = (2k + 1) / x y_k - y_{k-1} from y_0 = -cos(x) / x, stable for y.
static __device__ __noinline__ double spherical_yn_impl(double n, double x, bool derivative) {
  if (m::isnan(n) || m::isnan(x)) return n + x;
  const double order = m::trunc(n);
  if (order < 0.0) return m::nan<double>();
  if (x == 0.0)
    return !derivative ? -m::inf<double>() : (order == 0.0 ? m::inf<double>() : m::nan<double>());
  if (m::isinf(x)) return 0.0;
  double s, c;
  m::sincos(x, &s, &c);
  double ym = -c / x;       // y_0
  double y = (ym - s) / x;  // y_1 = -cos / x^2 - sin / x
  if (order == 0.0) return derivative ? -y : ym;
  for (double k = 1.0; k < order && m::fabs(y) < m::inf<double>(); k += 1.0) {
    const double next = (2.0 * k + 1.0) / x * y - ym;
    ym = y;
    y = next;
  }
  if (!derivative) return y;
  return ym - (order + 1.0) / x * y;  // y_n' = y_{n-1} - (n + 1) / x y_n
}
}  // namespace detail

// ---- Bessel functions of real order ------------------------------------------------------------

namespace detail {

/// v e^s, the exponential taken in two halves, so that a large |s| does not overflow or underflow
/// it before the product does (a scaled function's value times its scale).
__device__ __forceinline__ double bessel_unscale(double v, double s) {
  const double e = m::exp(0.5 * s);
  return v * e * e;
}

/// e^x K_nu(x) for nu >= 0 and x > 0: K of the order mu = nu - n in [-1/2, 1/2) and mu + 1, then
/// the upward recurrence K_k+1 = K_k-1 + (2k / x) K_k, which is stable for K.
static __device__ __noinline__ double bessel_kv_scaled(double nu, double x) {
  const double n = m::floor(nu + 0.5), mu = nu - n;
  double k0, k1;
  bessel_k_pair(mu, x, true, &k0, &k1);
  if (n == 0.0) return k0;
  for (double j = 1.0; j < n && k1 < m::inf<double>(); j += 1.0) {
    const double next = k0 + (2.0 * (mu + j) / x) * k1;
    k0 = k1;
    k1 = next;
  }
  return k1;
}

/// (x/2)^nu / Gamma(nu + 1) sum_k (s x^2/4)^k / (k! (nu + 1)_k), the power series of I_nu (s = 1)
/// and of J_nu (s = -1) for nu >= 0. Used where x^2 <= 4 (nu + 1): its terms then fall from the
/// first, and J_nu has no zero there, so that J's alternating sum keeps its digits.
static __device__ __noinline__ double bessel_power_series(double nu, double x, double s) {
  const double h = 0.5 * x;
  double lead;
  if (nu < 170.0) {
    lead = m::pow(h, nu) / tgamma_(nu + 1.0);
  } else {
    lead = m::exp(nu * m::log(h) - lgamma_(nu + 1.0));
  }
  const double y = s * h * h;
  double term = 1.0, sum = 1.0;
  for (int k = 1; k < 500; ++k) {
    term *= y / (k * (nu + k));
    sum += term;
    if (m::fabs(term) < 1e-17 * m::fabs(sum)) break;
  }
  return lead * sum;
}

/// The minimal solution of f_k-1 = (2k / x) f_k + s f_k+1 (I_k for s = 1, J_k for s = -1) from
/// order nu down to mu (nu - mu a whole number): `f0` and `f1` are f_mu and f_mu+1 up to a common
/// factor, with f_nu taken as `sign` (the sign of f_nu) and the recurrence rescaled by 1e-250
/// `rescaled` times where it grows beyond 1e250.
struct bessel_downward {
  double f0, f1, sign;
  int rescaled;
  /// f_nu from the true value of f_mu.
  __device__ double at_nu(double f_mu) const {
    double r = f_mu / f0 * sign;
    for (int i = 0; i < rescaled && r != 0.0; ++i) r *= 1e-250;
    return r;
  }
};

/// bessel_downward for x > 0: CF1, f_nu+1 / f_nu = 1 / (2(nu + 1)/x + s / (2(nu + 2)/x + s / ...)),
/// by Lentz's method (the product of its denominators' signs is the sign of f_nu: f of an order
/// beyond x is positive), then the downward recurrence.
static __device__ __noinline__ bessel_downward bessel_cf1_downward(double nu, double mu, double x,
                                                                   double s) {
  const double tiny = 1e-300;
  double f = tiny, c = tiny, d = 0.0, sign = 1.0;
  for (int j = 1; j < 200000; ++j) {
    const double b = 2.0 * (nu + j) / x, a = j == 1 ? 1.0 : s;
    d = b + a * d;
    if (d == 0.0) d = tiny;
    c = b + a / c;
    if (c == 0.0) c = tiny;
    d = 1.0 / d;
    if (d < 0.0) sign = -sign;
    const double delta = c * d;
    f *= delta;
    if (m::fabs(delta - 1.0) < 1e-16) break;
  }
  bessel_downward r{sign, sign * f, sign, 0};  // f_k and f_k+1, from k = nu down
  for (double k = nu; k > mu + 0.5; k -= 1.0) {
    const double next = (2.0 * k / x) * r.f0 + s * r.f1;
    r.f1 = r.f0;
    r.f0 = next;
    if (m::fabs(r.f0) > 1e250) {
      r.f0 *= 1e-250;
      r.f1 *= 1e-250;
      ++r.rescaled;
    }
  }
  return r;
}

/// e^-x I_nu(x) for nu >= 0 and x > 0 beyond the power series' range: CF1 and the downward
/// recurrence I_k-1 = (2k / x) I_k + I_k+1 to the order mu = nu - n in [-1/2, 1/2), and the
/// Wronskian I_mu K_mu+1 + I_mu+1 K_mu = 1/x, which holds for the scaled functions too.
static __device__ __noinline__ double bessel_iv_scaled_cf(double nu, double x) {
  const double mu = nu - m::floor(nu + 0.5);
  const bessel_downward ratio = bessel_cf1_downward(nu, mu, x, 1.0);
  double k0, k1;
  bessel_k_pair(mu, x, true, &k0, &k1);
  return ratio.at_nu((1.0 / x) / (k1 + (ratio.f1 / ratio.f0) * k0));
}

/// e^-x I_nu(x) for nu >= 0 and x > 0.
static __device__ __noinline__ double bessel_iv_scaled(double nu, double x) {
  if (x * x <= 4.0 * (nu + 1.0)) return bessel_power_series(nu, x, 1.0) * m::exp(-x);
  if (x > consts<double>::bessel_big && nu * nu < 0.5 * x) return scaled_bessel_i_asymptotic(x, nu);
  return bessel_iv_scaled_cf(nu, x);
}

/// J_nu(x) and Y_nu(x) for nu >= 0 and large x (x > 1000 and x > nu^2), by Hankel's asymptotic
/// expansion J = sqrt(2 / (pi x)) (P cos chi - Q sin chi), Y = sqrt(2 / (pi x)) (P sin chi +
/// Q cos chi), chi = x - (nu/2 + 1/4) pi, with cos(chi) and sin(chi) from those of x and of the
/// phase (sinpi of it), so that a large x keeps its digits.
__device__ __forceinline__ void bessel_jy_hankel(double nu, double x, double* j, double* y) {
  const double mu4 = 4.0 * nu * nu;
  double term = 1.0, p = 1.0, q = 0.0;
  for (int k = 1; k < 60; ++k) {
    const double odd = 2.0 * k - 1.0;
    term *= (mu4 - odd * odd) / (8.0 * k * x);
    const double t = (k & 2) ? -term : term;  // P = t0 - t2 + t4 ..., Q = t1 - t3 + ...
    if (k & 1) {
      q += t;
    } else {
      p += t;
    }
    if (m::fabs(term) < 1e-17 * (m::fabs(p) + m::fabs(q))) break;
  }
  const double phase = 0.5 * nu + 0.25;
  const double sp = m::sinpi(phase), cp = m::sinpi(phase + 0.5);
  double sx, cx;
  m::sincos(x, &sx, &cx);
  const double cchi = cx * cp + sx * sp, schi = sx * cp - cx * sp;
  const double norm = m::sqrt(2.0 / (m::fp<double>::pi * x));
  *j = norm * (p * cchi - q * schi);
  *y = norm * (p * schi + q * cchi);
}

/// Y_nu(x) from Y_mu(x) and Y_mu+1(x) (nu - mu a whole number) by the upward recurrence
/// Y_k+1 = (2k / x) Y_k - Y_k-1, stable for Y; once it overflows, Y_nu is -inf as well.
__device__ __forceinline__ double bessel_y_upward(double mu, double nu, double x, double y0,
                                                  double y1) {
  for (double k = mu + 1.0; k < nu + 0.5; k += 1.0) {
    if (m::isinf(y1)) return y1;
    const double next = (2.0 * k / x) * y1 - y0;
    y0 = y1;
    y1 = next;
  }
  return y0;
}

/// J_nu(x) and Y_nu(x) for nu >= 0 and x > 2 by Steed's method as Temme (1976) and Barnett
/// arrange it: CF1 gives J_nu+1 / J_nu, the downward recurrence J_k-1 = (2k / x) J_k - J_k+1 gives
/// the ratio J'_mu / J_mu at an order mu <= x - 1/2 (mu = nu where nu <= x), the complex continued
/// fraction CF2 gives p + iq = (J'_mu + i Y'_mu) / (J_mu + i Y_mu), and the Wronskian J Y' - J' Y =
/// 2 / (pi x) fixes the scale. Y then recurs upward to nu, which is stable for Y.
static __device__ __noinline__ void bessel_jy_steed(double nu, double x, double* jout,
                                                    double* yout) {
  const double n = nu - x > -1.5 ? m::floor(nu - x + 1.5) : 0.0, mu = nu - n;
  const bessel_downward ratio = bessel_cf1_downward(nu, mu, x, -1.0);
  const double fmu = mu / x - ratio.f1 / ratio.f0;  // J'_mu / J_mu
  // CF2: p + iq = -1/(2x) + i + (i/x) T, T = a1 / U, U = b1 + a2 / (b2 + a3 / (b3 + ...)),
  // a_k = (k - 1/2)^2 - mu^2, b_k = 2(x + ik): U by Lentz's method in complex arithmetic
  const double br = 2.0 * x;
  double ur = br, ui = 2.0, cr = br, ci = 2.0, dr = 0.0, di = 0.0;
  for (int k = 2; k < 100000; ++k) {
    const double a = (k - 0.5) * (k - 0.5) - mu * mu, bi = 2.0 * k;
    dr = br + a * dr;  // d = 1 / (b + a d)
    di = bi + a * di;
    double den = dr * dr + di * di;
    dr = dr / den;
    di = -di / den;
    den = cr * cr + ci * ci;  // c = b + a / c
    cr = br + a * cr / den;
    ci = bi - a * ci / den;
    const double delr = cr * dr - ci * di, deli = cr * di + ci * dr;
    const double t = ur * delr - ui * deli;
    ui = ur * deli + ui * delr;
    ur = t;
    if (m::fabs(delr - 1.0) + m::fabs(deli) < 1e-16) break;
  }
  const double a1 = 0.25 - mu * mu, uu = ur * ur + ui * ui;
  const double fr = a1 * ur / uu, fi = -a1 * ui / uu;  // T
  const double p = -0.5 / x - fi / x, q = 1.0 + fr / x;
  const double gam = (p - fmu) / q;
  double jmu = m::sqrt((2.0 / (m::fp<double>::pi * x)) / (q * (1.0 + gam * gam)));
  if (ratio.f0 < 0.0) jmu = -jmu;
  double ymu = gam * jmu;
  const double ymup = p * ymu + q * jmu;  // Y' = p Y + q J
  *jout = ratio.at_nu(jmu);
  *yout = bessel_y_upward(mu, nu, x, ymu, (mu / x) * ymu - ymup);
}

/// J_nu(x) (when `want_j`) and Y_nu(x) (when `want_y`) for nu >= 0 and x > 0.
static __device__ __noinline__ void bessel_jy(double nu, double x, bool want_j, bool want_y,
                                              double* j, double* y) {
  *j = *y = 0.0;
  if (x > 1000.0 && nu * nu < x) {
    bessel_jy_hankel(nu, x, j, y);
    return;
  }
  const bool series_j = x * x <= 4.0 * (nu + 1.0);
  if (want_j && series_j) *j = bessel_power_series(nu, x, -1.0);
  if (!want_y && series_j) return;
  if (x > 2.0) {
    double jj;
    bessel_jy_steed(nu, x, &jj, y);
    if (!series_j) *j = jj;
    return;
  }
  // x <= 2: Y by Temme's series at mu = nu - n in [-1/2, 1/2) and the upward recurrence
  const double mu = nu - m::floor(nu + 0.5);
  double y0, y1;
  bessel_temme_series(mu, x, false, &y0, &y1);
  *y = bessel_y_upward(mu, nu, x, y0, y1);
}

/// Whether nu is an integer, and (-1)^nu for one.
__device__ __forceinline__ bool bessel_integer_order(double nu, double* parity) {
  if (m::isinf(nu) || m::floor(nu) != nu) return false;
  *parity = minus_one_pow(nu);
  return true;
}

}  // namespace detail

/// The Bessel function of the first kind of real order v, J_v(x). Below 0 it is defined for an
/// integer order only (J_v(-x) = (-1)^v J_v(x)); a negative order that is not an integer takes
/// J_-v = cos(v pi) J_v - sin(v pi) Y_v.
__device__ __forceinline__ double jv(double v, double x) {
  if (m::isnan(v) || m::isnan(x)) return v + x;
  if (m::isinf(x)) return m::nan<double>();
  double parity = 1.0;
  const bool integer = detail::bessel_integer_order(v, &parity);
  double sign = 1.0;
  if (x < 0.0) {
    if (!integer) return m::nan<double>();
    sign = parity;
    x = -x;
  }
  if (m::isinf(v)) return 0.0;
  const double a = m::fabs(v);
  if (integer && v < 0.0) sign *= parity;  // J_-n = (-1)^n J_n
  if (x == 0.0) {
    if (a == 0.0) return 1.0;
    if (integer || v > 0.0) return sign * 0.0;
    return m::sinpi(a) > 0.0 ? m::inf<double>() : -m::inf<double>();  // -sin(v pi) Y_v(0+)
  }
  double j, y;
  if (integer || v > 0.0) {
    detail::bessel_jy(a, x, true, false, &j, &y);
    return sign * j;
  }
  detail::bessel_jy(a, x, true, true, &j, &y);
  return m::sinpi(a + 0.5) * j - m::sinpi(a) * y;
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(jv)

/// The Bessel function of the second kind of real order v, Y_v(x), for x >= 0 (-inf at 0); a
/// negative order takes Y_-v = sin(v pi) J_v + cos(v pi) Y_v, (-1)^v Y_v for an integer.
__device__ __forceinline__ double yv(double v, double x) {
  if (m::isnan(v) || m::isnan(x)) return v + x;
  if (x < 0.0 || m::isinf(x)) return m::nan<double>();
  double parity = 1.0;
  const bool integer = detail::bessel_integer_order(v, &parity);
  const double a = m::fabs(v);
  const double sign = integer && v < 0.0 ? parity : 1.0;
  double j, y;
  if (x == 0.0) {
    if (m::isinf(v)) return -m::inf<double>();  // SciPy's value
    if (integer || v > 0.0) return -sign * m::inf<double>();
    // cos(v pi) Y_v(0+), with SciPy's sign at the half-integers too (where SciPy's cos(v pi) is
    // the rounded cosine of the rounded product, not 0)
    return m::cos(m::fp<double>::pi * a) > 0.0 ? -m::inf<double>() : m::inf<double>();
  }
  if (m::isinf(v)) return m::nan<double>();
  if (integer || v > 0.0) {
    detail::bessel_jy(a, x, false, true, &j, &y);
    return sign * y;
  }
  detail::bessel_jy(a, x, true, true, &j, &y);
  const double cv = m::sinpi(a + 0.5);  // 0 at the half-integers, where Y_v may have overflowed
  return cv == 0.0 ? m::sinpi(a) * j : m::sinpi(a) * j + cv * y;
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(yv)

namespace detail {
/// I_v(x), times e^-|x| when `scaled`: I_-v = I_v + (2/pi) sin(v pi) K_v for an order that is not
/// an integer (I_-n = I_n), and I_v(-x) = (-1)^v I_v(x) for an integer order (NaN otherwise).
static __device__ __noinline__ double bessel_iv_impl(double v, double x, bool scaled) {
  if (m::isnan(v) || m::isnan(x)) return v + x;
  if (m::isinf(x)) return m::nan<double>();
  if (m::isinf(v)) return scaled ? m::nan<double>() : 0.0;
  double parity = 1.0;
  const bool integer = bessel_integer_order(v, &parity);
  double sign = 1.0;
  if (x < 0.0) {
    if (!integer) return m::nan<double>();
    sign = parity;
    x = -x;
  }
  const double a = m::fabs(v);
  if (x == 0.0) {
    if (a == 0.0) return 1.0;
    if (integer || v > 0.0) return sign * 0.0;
    return scaled ? m::nan<double>() : m::inf<double>();  // SciPy's values at 0
  }
  double r = bessel_iv_scaled(a, x);
  if (!integer && v < 0.0) {
    // e^-x (I_a + (2/pi) sin(a pi) K_a) = r + (2/pi) sin(a pi) e^-2x (e^x K_a)
    const double s = m::sinpi(a);
    if (s != 0.0)
      r += (2.0 / m::fp<double>::pi) * s * bessel_unscale(bessel_kv_scaled(a, x), -2.0 * x);
  }
  return sign * (scaled ? r : bessel_unscale(r, x));
}
}  // namespace detail

/// The modified Bessel function of the first kind of real order v, I_v(x).
__device__ __forceinline__ double iv(double v, double x) {
  return detail::bessel_iv_impl(v, x, false);
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(iv)
/// e^-|x| I_v(x).
__device__ __forceinline__ double ive(double v, double x) {
  return detail::bessel_iv_impl(v, x, true);
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(ive)

/// The modified Bessel function of the second kind of real order v, K_v(x) (K_-v = K_v).
__device__ __forceinline__ double kv(double v, double x) {
  if (x == 0.0) return m::inf<double>();  // whatever the order, as SciPy's
  if (m::isnan(v) || m::isnan(x)) return v + x;
  if (m::isinf(v)) return m::nan<double>();
  double r;
  if (detail::bessel_k_special(x, &r)) return r;
  return detail::bessel_unscale(detail::bessel_kv_scaled(m::fabs(v), x), -x);
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(kv)
/// e^x K_v(x).
__device__ __forceinline__ double kve(double v, double x) {
  if (x == 0.0) return m::inf<double>();  // whatever the order, as SciPy's
  if (m::isnan(v) || m::isnan(x)) return v + x;
  if (m::isinf(v) || m::isinf(x)) return m::nan<double>();
  double r;
  if (detail::bessel_k_special(x, &r)) return r;
  return detail::bessel_kv_scaled(m::fabs(v), x);
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(kve)

// ---- spherical Bessel functions j, i and k ---------------------------------------------------

namespace detail {

/// j_n(x) (`kind` 'j') or i_n(x) ('i') for an integer n >= 0 and x > 0: sqrt(pi / (2x)) times
/// J or I of order n + 1/2.
__device__ __forceinline__ double spherical_ji_positive(double n, double x, char kind) {
  const double s = m::sqrt(m::fp<double>::pi / (2.0 * x));
  if (kind == 'j') {
    double j, y;
    bessel_jy(n + 0.5, x, true, false, &j, &y);
    return s * j;
  }
  return bessel_unscale(s * bessel_iv_scaled(n + 0.5, x), x);
}

/// SciPy's spherical_jn and spherical_in (kind 'j' or 'i') and their derivatives in x, for the
/// order n truncated to an integer: (-1)^n times the value at |x| below 0, the limits at 0, and
/// f_n' = f_n-1 - (n + 1) / x f_n (j_0' = -j_1, i_0' = i_1).
static __device__ __noinline__ double spherical_ji_impl(double n, double x, char kind,
                                                        bool derivative) {
  if (m::isnan(n) || m::isnan(x)) return n + x;
  const double order = m::trunc(n);
  if (order < 0.0) return m::nan<double>();
  const double parity = minus_one_pow(order);
  if (x == 0.0) return derivative ? (order == 1.0 ? 1.0 / 3.0 : 0.0) : (order == 0.0 ? 1.0 : 0.0);
  if (m::isinf(x)) {
    if (kind == 'j') return 0.0;
    if (derivative && order > 0.0) return m::nan<double>();  // inf - inf, as SciPy's
    const double sign = derivative ? (x < 0.0 ? -1.0 : 1.0) : (x < 0.0 ? parity : 1.0);
    return sign * m::inf<double>();
  }
  const double a = m::fabs(x);
  double r;
  if (!derivative) {
    r = spherical_ji_positive(order, a, kind);
  } else if (order == 0.0) {
    r = (kind == 'j' ? -1.0 : 1.0) * spherical_ji_positive(1.0, a, kind);
  } else {
    r = spherical_ji_positive(order - 1.0, a, kind) -
        (order + 1.0) / a * spherical_ji_positive(order, a, kind);
  }
  // f_n(-x) = (-1)^n f_n(x), so f_n'(-x) = (-1)^(n+1) f_n'(x)
  if (x < 0.0) r *= derivative ? -parity : parity;
  return r;
}

/// k_n(x) and, when `derivative`, k_n'(x) for an integer n >= 0 and x > 0: k_0 = (pi/2) e^-x / x,
/// k_1 = k_0 (1 + 1/x) and the upward recurrence k_n+1 = k_n-1 + (2n + 1) / x k_n, stable for k;
/// k_n' = -k_n-1 - (n + 1) / x k_n (k_0' = -k_1).
__device__ __forceinline__ double spherical_kn_positive(double n, double x, bool derivative) {
  const double k0 = 0.5 * m::fp<double>::pi * m::exp(-x) / x, k1 = k0 * (1.0 + 1.0 / x);
  if (n == 0.0) return derivative ? -k1 : k0;
  double km = k0, k = k1;  // k_(j-1) and k_j
  for (double j = 1.0; j < n && !m::isinf(k); j += 1.0) {
    const double next = km + (2.0 * j + 1.0) / x * k;
    km = k;
    k = next;
  }
  return derivative ? -km - (n + 1.0) / x * k : k;
}

/// SciPy's spherical_kn and its derivative, for the order n truncated to an integer. Below 0 it
/// is the closed form's continuation, k_n(-t) = -pi i_n(t) + (-1)^(n+1) k_n(t), and k_n'(-t) =
/// pi i_n'(t) + (-1)^n k_n'(t), which keeps the digits the recurrence would lose there.
static __device__ __noinline__ double spherical_kn_impl(double n, double x, bool derivative) {
  if (m::isnan(n) || m::isnan(x)) return n + x;
  const double order = m::trunc(n);
  if (order < 0.0) return m::nan<double>();
  if (x == 0.0) return derivative ? -m::inf<double>() : m::inf<double>();
  if (m::isinf(x)) {
    if (x > 0.0) return derivative ? -0.0 : 0.0;
    return derivative ? (order == 0.0 ? m::inf<double>() : m::nan<double>()) : -m::inf<double>();
  }
  if (x > 0.0) return spherical_kn_positive(order, x, derivative);
  const double parity = minus_one_pow(order);
  const double i = spherical_ji_impl(order, -x, 'i', derivative);
  const double k = spherical_kn_positive(order, -x, derivative);
  return derivative ? m::fp<double>::pi * i + parity * k : -m::fp<double>::pi * i - parity * k;
}

}  // namespace detail

#define CUPP_SPECIAL_SPHERICAL(name, call)                                    \
  __device__ __forceinline__ double name(double n, double x) { return call; } \
  CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(name)
/// The spherical Bessel function of the first kind of order n, j_n(x).
CUPP_SPECIAL_SPHERICAL(spherical_jn, detail::spherical_ji_impl(n, x, 'j', false))
/// The derivative of spherical_jn in x.
CUPP_SPECIAL_SPHERICAL(spherical_jn_d, detail::spherical_ji_impl(n, x, 'j', true))
/// The spherical Bessel function of the second kind of order n.
CUPP_SPECIAL_SPHERICAL(spherical_yn, detail::spherical_yn_impl(n, x, false))
/// The derivative of spherical_yn in x.
CUPP_SPECIAL_SPHERICAL(spherical_yn_d, detail::spherical_yn_impl(n, x, true))
/// The modified spherical Bessel function of the first kind of order n, i_n(x).
CUPP_SPECIAL_SPHERICAL(spherical_in, detail::spherical_ji_impl(n, x, 'i', false))
/// The derivative of spherical_in in x.
CUPP_SPECIAL_SPHERICAL(spherical_in_d, detail::spherical_ji_impl(n, x, 'i', true))
/// The modified spherical Bessel function of the second kind of order n, k_n(x).
CUPP_SPECIAL_SPHERICAL(spherical_kn, detail::spherical_kn_impl(n, x, false))
/// The derivative of spherical_kn in x.
CUPP_SPECIAL_SPHERICAL(spherical_kn_d, detail::spherical_kn_impl(n, x, true))
#undef CUPP_SPECIAL_SPHERICAL

// ---- loggamma, poch, binom, round ---------------------------------------------------------------

/// The logarithm of the gamma function for real x: gammaln for x >= 0, NaN below 0 (the real
/// loop of SciPy's loggamma; the logarithm of a negative gamma is complex).
__device__ __forceinline__ double loggamma(double x) {
  if (x < 0.0 || x == -m::inf<double>()) return m::nan<double>();
  if (x == 0.0) return m::inf<double>();
  return detail::lgamma_(x);
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE1(loggamma)

namespace detail {
/// log(gamma(z + m) / gamma(z)) for z >= 10 and z + m >= 10 as the difference of Stirling's
/// series, (z - 1/2) log1p(m / z) + m log(z + m) - m + the corrections, which keeps its relative
/// accuracy where the two log-gammas are large and nearly equal.
__device__ __forceinline__ double log_poch_large(double z, double mm) {
  const double w = z + mm;
  return (z - 0.5) * m::log1p(mm / z) + mm * m::log(w) - mm + log_gamma_star(w) - log_gamma_star(z);
}

/// gamma(z + m) / gamma(z) for z > 0 and z + m > 0: Stirling's difference above 10, the ratio
/// of gammas while they are finite, of their logarithms beyond.
__device__ __forceinline__ double poch_positive(double z, double mm) {
  const double w = z + mm;
  if (z >= 10.0 && w >= 10.0 && m::isfinite(w)) return m::exp(log_poch_large(z, mm));
  if (z < 170.0 && w < 170.0) return tgamma_(w) / tgamma_(z);
  return m::exp(lgamma_(w) - lgamma_(z));
}
}  // namespace detail

/// The Pochhammer symbol (z)_m = gamma(z + m) / gamma(z): a product for integer m up to 100,
/// the difference of Stirling's series (log1p-based, no cancellation) for large positive
/// arguments, the reflection formula for negative ones, the ratio of gammas otherwise; 0 when only
/// gamma(z) has a pole, inf when only gamma(z + m) has.
__device__ __forceinline__ double poch(double z, double mm) {
  if (mm == 0.0) return 1.0;
  if (m::isnan(z) || m::isnan(mm)) return z + mm;
  if (z == m::inf<double>()) return mm > 0.0 ? z : 0.0;
  if (m::floor(mm) == mm && m::fabs(mm) <= 100.0) {
    double r = 1.0;
    if (mm > 0.0) {
      for (double i = 0.0; i < mm; i += 1.0) r *= z + i;
      return r;
    }
    for (double i = 1.0; i <= -mm; i += 1.0) r *= z - i;
    return r == 0.0 ? m::inf<double>() : 1.0 / r;
  }
  const double w = z + mm;
  const bool pole_z = detail::is_nonpositive_integer(z), pole_w = detail::is_nonpositive_integer(w);
  if (pole_w && !pole_z) return m::inf<double>();
  if (pole_z && !pole_w) return 0.0;
  if (pole_z && pole_w) {  // integer m beyond 100: (-1)^m gamma(1 - z) / gamma(1 - z - m)
    const double sign = detail::minus_one_pow(mm);
    return sign * m::exp(detail::lgamma_(1.0 - z) - detail::lgamma_(1.0 - w));
  }
  if (z > 0.0 && w > 0.0) return detail::poch_positive(z, mm);
  if (z < 0.0 && w < 0.0) {
    // gamma(w) / gamma(z) = sin(pi z) / sin(pi w) * gamma(1 - z) / gamma(1 - w) by reflection,
    // and the last ratio is poch(1 - w, m) of positive arguments
    return m::sinpi(z) / m::sinpi(w) * detail::poch_positive(1.0 - w, mm);
  }
  if (m::fabs(z) < 170.0 && m::fabs(w) < 170.0) return detail::tgamma_(w) / detail::tgamma_(z);
  const double l = detail::lgamma_(w) - detail::lgamma_(z);
  return detail::gamma_sign(w) * detail::gamma_sign(z) * m::exp(l);
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(poch)

/// The binomial coefficient of real n and k, gamma(n + 1) / (gamma(k + 1) gamma(n - k + 1)):
/// the product formula for integer k below 20, or below 400 where |n| < k (exact where the
/// result is an integer; the symmetric k for integer n), for large n the Stirling difference of
/// poch, 1 / ((n + 1) beta(n - k + 1, k + 1)) otherwise; NaN at the negative integers n and
/// for infinite k, as SciPy's.
__device__ __forceinline__ double binom(double n, double k) {
  if (m::isnan(n) || m::isnan(k)) return n + k;
  if ((n < 0.0 && m::floor(n) == n) || m::isinf(k)) return m::nan<double>();
  if (n == m::inf<double>()) return k > 0.0 ? n : (k == 0.0 ? 1.0 : 0.0);
  double kx = m::floor(k);
  if (k == kx) {
    const double nx = m::floor(n);
    if (nx == n && kx > 0.5 * nx && nx > 0.0) kx = nx - kx;
    if (kx >= 0.0 && (kx < 20.0 || (kx < 400.0 && m::fabs(n) < kx))) {
      // (i - k) + n: the integer part first, so that the factor n + small stays exact
      double num = 1.0, den = 1.0;
      for (double i = 1.0; i <= kx; i += 1.0) {
        num *= (i - kx) + n;
        den *= i;
        if (m::fabs(num) > 1e50) {
          num /= den;
          den = 1.0;
        }
      }
      return num / den;
    }
  }
  if (n - k + 1.0 >= 10.0 && n + 1.0 >= 10.0 && m::isfinite(n)) {
    // gamma(n + 1) / gamma(n - k + 1) by poch's Stirling difference, accurate for large n
    if (detail::is_nonpositive_integer(k + 1.0)) return 0.0;
    const double l = detail::log_poch_large(n - k + 1.0, k) - detail::lgamma_(k + 1.0);
    return detail::gamma_sign(k + 1.0) * m::exp(l);
  }
  return 1.0 / ((n + 1.0) * beta_impl(n - k + 1.0, k + 1.0));
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(binom)

/// Rounds to the nearest integer, halves to even (SciPy's round).
__device__ __forceinline__ double round(double x) { return m::rint(x); }
__device__ __forceinline__ float round(float x) { return m::rint(x); }

// ---- elliptic integrals, Jacobian elliptic functions, E_n
// ----------------------------------------
//
// Methods (chosen for full double precision with bounded, branch-light loops):
//  * Carlson's R_F and R_D by the duplication theorem with the fifth-order Taylor tail; every
//    Legendre integral is written in Carlson form so that all terms are positive (no cancellation)
//    for m <= 1:  F = s R_F(c^2, D^2, 1),
//    E = (1-m) s R_F + m(1-m) s^3 R_D(c^2, 1, D^2)/3 + m s c/D
//    (DLMF 19.25.10) for 0 < m < 1, and E = s R_F - m s^3 R_D(c^2, D^2, 1)/3 for m < 0.
//  * K(m) by the arithmetic-geometric mean (quadratic convergence, exact for m -> -inf and m -> 1);
//    E(m) = p (R_D(0,p,1) + R_D(0,1,p))/3 with p = 1 - m (DLMF 19.25.1), and E(m) =
//    sqrt(1-m) E(m/(m-1)) for m < 0 so that huge |m| never overflows.
//  * Amplitudes |phi| > pi/2 are reduced by multiples of pi with the complete integrals, exactly as
//    SciPy (Cephes) reduces them, so results agree near the ill-conditioned odd multiples of pi/2.
//  * Jacobian functions by the AGM / descending Landen transformation (DLMF 22.20(ii)) with the
//    first-order expansions in m and 1-m (DLMF 22.10) at the ends of [0, 1], as SciPy does.
//  * E_n(x): power series (DLMF 8.19.8) for x <= 1, otherwise the continued fraction (DLMF 8.19.17)
//    by forward Wallis recurrences with positive coefficients (no cancellation, ~1 ulp); it needs
//    only ~7-20 terms when n is large, so no separate large-n expansion is needed.
#pragma once

namespace detail {

constexpr double ell_pio2 = 1.57079632679489661923;  // same double as M_PI_2
constexpr double ell_eps = 1.11022302462515654042e-16;

// Carlson R_F(x, y, z), x, y, z >= 0 with at most one zero.
static __device__ __noinline__ double carlson_rf(double x, double y, double z) {
  const double x0 = x, y0 = y, a0 = (x + y + z) / 3.0;
  double q = m::fabs(a0 - x);
  q = m::fabs(a0 - y) > q ? m::fabs(a0 - y) : q;
  q = m::fabs(a0 - z) > q ? m::fabs(a0 - z) : q;
  q *= 400.0;  // (3 eps)^(-1/6) ~ 380
  double a = a0, f = 1.0;
  for (int i = 0; i < 200 && q * f >= m::fabs(a); ++i) {
    const double sx = m::sqrt(x), sy = m::sqrt(y), sz = m::sqrt(z);
    const double lam = sx * (sy + sz) + sy * sz;
    x = 0.25 * (x + lam);
    y = 0.25 * (y + lam);
    z = 0.25 * (z + lam);
    a = 0.25 * (a + lam);
    f *= 0.25;
  }
  const double xx = (a0 - x0) * f / a, yy = (a0 - y0) * f / a, zz = -(xx + yy);
  const double e2 = xx * yy - zz * zz, e3 = xx * yy * zz;
  const double poly = 1.0 - e2 / 10.0 + e3 / 14.0 + e2 * e2 / 24.0 - 3.0 * e2 * e3 / 44.0;
  return poly / m::sqrt(a);
}

// Carlson R_D(x, y, z), x, y >= 0 (at most one zero), z > 0.
static __device__ __noinline__ double carlson_rd(double x, double y, double z) {
  const double x0 = x, y0 = y, a0 = (x + y + 3.0 * z) / 5.0;
  double q = m::fabs(a0 - x);
  q = m::fabs(a0 - y) > q ? m::fabs(a0 - y) : q;
  q = m::fabs(a0 - z) > q ? m::fabs(a0 - z) : q;
  q *= 600.0;  // (eps/4)^(-1/6) ~ 570
  double a = a0, f = 1.0, sum = 0.0;
  for (int i = 0; i < 200 && q * f >= m::fabs(a); ++i) {
    const double sx = m::sqrt(x), sy = m::sqrt(y), sz = m::sqrt(z);
    const double lam = sx * (sy + sz) + sy * sz;
    sum += f / (sz * (z + lam));
    x = 0.25 * (x + lam);
    y = 0.25 * (y + lam);
    z = 0.25 * (z + lam);
    a = 0.25 * (a + lam);
    f *= 0.25;
  }
  const double xx = (a0 - x0) * f / a, yy = (a0 - y0) * f / a, zz = -(xx + yy) / 3.0;
  const double xy = xx * yy, z2 = zz * zz;
  const double e2 = xy - 6.0 * z2, e3 = (3.0 * xy - 8.0 * z2) * zz;
  const double e4 = 3.0 * (xy - z2) * z2, e5 = xy * z2 * zz;
  const double poly = 1.0 - 3.0 * e2 / 14.0 + e3 / 6.0 + 9.0 * e2 * e2 / 88.0 - 3.0 * e4 / 22.0 -
                      9.0 * e2 * e3 / 52.0 + 3.0 * e5 / 26.0;
  return f * poly / (a * m::sqrt(a)) + 3.0 * sum;
}

// K at parameter 1 - p, p > 0 finite: pi / (2 AGM(1, sqrt p)).
__device__ __forceinline__ double ellk_p(double p) {
  double a = 1.0, b = m::sqrt(p);
  for (int i = 0; i < 64 && m::fabs(a - b) > 7.4e-9 * a; ++i) {
    const double an = 0.5 * (a + b);
    b = m::sqrt(a * b);
    a = an;
  }
  return m::fp<double>::pi / (a + b);
}

// E at parameter 1 - p, 0 < p <= 1.
__device__ __forceinline__ double elle_p(double p) {
  if (p < 1e-30) {  // DLMF 19.12.2: E = 1 + p/2 (ln(4/sqrt p) - 1/2) + O(p^2 ln p)
    return 1.0 + 0.5 * p * (1.3862943611198906 - 0.5 * m::log(p) - 0.5);
  }
  return p * (carlson_rd(0.0, p, 1.0) + carlson_rd(0.0, 1.0, p)) / 3.0;
}

// asinh(t) from log1p, odd (keeps the sign of zero).
__device__ __forceinline__ double ell_asinh(double t) {
  const double a = m::fabs(t);
  const double r = a > 1e150 ? m::log(a) + 0.69314718055994531
                             : m::log1p(a + a * a / (1.0 + m::sqrt(1.0 + a * a)));
  return m::signbit(t) ? -r : r;
}

// Reduce phi to r in [-pi/2, pi/2] with phi = r + k pi/2, k even (Cephes' reduction).
__device__ __forceinline__ double ell_reduce(double phi, double* k) {
  double n = m::floor(phi / ell_pio2);
  if (m::fmod(m::fabs(n), 2.0) == 1.0) n += 1.0;
  *k = n;
  return phi - n * ell_pio2;
}

// F(r|m) for 0 <= r <= pi/2 (rounded), m < 1, m != 0.
__device__ __forceinline__ double ellf_red(double r, double mm) {
  const double s = m::sin(r), c = m::cos(r), p = 1.0 - mm;
  return s * carlson_rf(c * c, c * c + p * s * s, 1.0);
}

// E(r|m) for 0 <= r <= pi/2 (rounded), m < 1, m != 0.
__device__ __forceinline__ double elle_red(double r, double mm) {
  const double s = m::sin(r), c = m::fabs(m::cos(r)), p = 1.0 - mm;
  const double c2 = c * c, d2 = c2 + p * s * s;
  const double rf = carlson_rf(c2, d2, 1.0);
  if (mm < 0.0) return s * rf - mm * s * s * s * carlson_rd(c2, d2, 1.0) / 3.0;
  return p * s * rf + mm * p * s * s * s * carlson_rd(c2, 1.0, d2) / 3.0 + mm * s * c / m::sqrt(d2);
}

// tanh for the Jacobian expansions near m = 1.
__device__ __forceinline__ double ell_tanh(double u) {
  if (m::fabs(u) > 20.0) return u > 0.0 ? 1.0 : -1.0;
  const double sh = m::sinh(u);
  return sh / m::sqrt(1.0 + sh * sh);
}

// cosh that overflows only where the true value does.
__device__ __forceinline__ double ell_cosh(double u) {
  const double a = m::fabs(u);
  if (a < 700.0) {
    const double e = m::exp(a);
    return 0.5 * (e + 1.0 / e);
  }
  const double e = m::exp(0.5 * a);
  return (0.5 * e) * e;
}

// E_n(x) by its continued fraction, x > 1 (DLMF 8.19.17):
// e^x E_n(x) = 1/(x + n/(1 + 1/(x + (n+1)/(1 + 2/(x + ...))))). All partial numerators and
// denominators are positive, so the Wallis recurrences for numerator and denominator never cancel.
static __device__ __noinline__ double expn_cf(double n, double x) {
  double pm2 = 1.0, qm2 = 0.0;  // A_{k-2}, B_{k-2}
  double pm1 = 0.0, qm1 = 1.0;  // A_{k-1}, B_{k-1}
  double prev = 0.0, r = 0.0;
  for (int k = 1; k < 1000; ++k) {
    const int j = k >> 1;
    const double ak = (k == 1) ? 1.0 : ((k & 1) ? static_cast<double>(j) : n + (j - 1));
    const double bk = (k & 1) ? x : 1.0;
    const double p = bk * pm1 + ak * pm2, q = bk * qm1 + ak * qm2;
    pm2 = pm1;
    qm2 = qm1;
    pm1 = p;
    qm1 = q;
    if (q > 1e150) {  // rescale by an exact power of two
      pm2 *= 0x1p-500;
      qm2 *= 0x1p-500;
      pm1 *= 0x1p-500;
      qm1 *= 0x1p-500;
    }
    r = pm1 / qm1;
    if (k > 2 && m::fabs(r - prev) <= ell_eps * r) break;
    prev = r;
  }
  return r * m::exp(-x);
}

// E_n(x) power series, 0 < x <= 1, n >= 1.
static __device__ __noinline__ double expn_series(double n, double x) {
  const int ni = static_cast<int>(n);
  double sum = 0.0, term = 1.0;  // term = (-x)^k / k!
  double pref = 0.0;             // (-x)^(n-1) / (n-1)!
  for (int k = 0; k < 400; ++k) {
    if (k > 0) term *= -x / k;
    if (k == ni - 1) {
      pref = term;
      continue;
    }
    const double t = term / (k - n + 1.0);
    sum -= t;
    // Terms decrease monotonically for x <= 1; a skipped k = n-1 term is below eps there too.
    if (k > 0 && m::fabs(t) <= ell_eps * m::fabs(sum)) break;
  }
  if (pref != 0.0) {  // only reached for n < 200
    double psi = -0.57721566490153286061;
    for (int j = 1; j < ni; ++j) psi += 1.0 / j;
    sum += pref * (psi - m::log(x));
  }
  return sum;
}

}  // namespace detail

/// Complete elliptic integral of the first kind K(m), parameter m (SciPy convention).
__device__ __forceinline__ double ellipk(double mm) {
  if (m::isnan(mm) || mm > 1.0) return m::nan<double>();
  if (mm == 1.0) return m::inf<double>();
  if (m::isinf(mm)) return 0.0;
  return detail::ellk_p(1.0 - mm);
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE1(ellipk)

/// K(1 - p), accurate for tiny p.
__device__ __forceinline__ double ellipkm1(double p) {
  if (m::isnan(p) || p < 0.0) return m::nan<double>();
  if (p == 0.0) return m::inf<double>();
  if (m::isinf(p)) return 0.0;
  return detail::ellk_p(p);
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE1(ellipkm1)

/// Complete elliptic integral of the second kind E(m).
__device__ __forceinline__ double ellipe(double mm) {
  if (m::isnan(mm) || mm > 1.0) return m::nan<double>();
  if (mm == 1.0) return 1.0;
  if (m::isinf(mm)) return m::inf<double>();
  if (mm < 0.0) {
    const double q = 1.0 - mm;  // E(m) = sqrt(1-m) E(m/(m-1)), complement of m/(m-1) is 1/(1-m)
    return m::sqrt(q) * detail::elle_p(1.0 / q);
  }
  return detail::elle_p(1.0 - mm);
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE1(ellipe)

/// Incomplete elliptic integral of the first kind F(phi|m).
__device__ __forceinline__ double ellipkinc(double phi, double mm) {
  if (m::isnan(phi) || m::isnan(mm) || mm > 1.0) return m::nan<double>();
  if (m::isinf(phi) || m::isinf(mm)) {
    if (m::isinf(mm) && m::isfinite(phi)) return 0.0;
    if (m::isinf(phi) && m::isfinite(mm)) return phi;
    return m::nan<double>();
  }
  if (mm == 0.0) return phi;
  if (mm == 1.0) {  // F(phi|1) = asinh(tan phi) = gd^-1(phi)
    if (m::fabs(phi) >= detail::ell_pio2) return m::inf<double>();
    return detail::ell_asinh(m::sin(phi) / m::cos(phi));
  }
  if (phi == 0.0) return (1.0 - mm > 1.0) ? phi : 0.0;  // SciPy's sign of zero
  double k;
  double r = detail::ell_reduce(phi, &k);
  const bool neg = r < 0.0;
  double res = detail::ellf_red(neg ? -r : r, mm);
  if (neg) res = -res;
  if (k != 0.0) res += k * detail::ellk_p(1.0 - mm);
  return res;
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(ellipkinc)

/// Incomplete elliptic integral of the second kind E(phi|m).
__device__ __forceinline__ double ellipeinc(double phi, double mm) {
  if (m::isnan(phi) || m::isnan(mm) || mm > 1.0) return m::nan<double>();
  if (m::isinf(phi)) return phi;
  if (m::isinf(mm)) return m::inf<double>();
  if (mm == 0.0) return phi;
  double k;
  double r = detail::ell_reduce(phi, &k);
  const bool neg = r < 0.0;
  if (neg) r = -r;
  double res = (mm == 1.0) ? m::sin(r) : detail::elle_red(r, mm);
  if (neg) res = -res;
  if (k != 0.0) res += k * ellipe(mm);
  return res;
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(ellipeinc)

/// Jacobian elliptic functions sn, cn, dn and amplitude ph of u for parameter 0 <= m <= 1.
static __device__ __noinline__ void ellipj(double u, double mm, double* sn, double* cn, double* dn,
                                           double* ph) {
  if (m::isnan(mm) || mm < 0.0 || mm > 1.0) {
    *sn = *cn = *dn = *ph = m::nan<double>();
    return;
  }
  if (mm < 1e-9) {  // first order in m (DLMF 22.10.1-3)
    const double t = m::sin(u), b = m::cos(u);
    const double ai = 0.25 * mm * (u - t * b);
    *sn = t - ai * b;
    *cn = b + ai * t;
    *ph = u - ai;
    *dn = 1.0 - 0.5 * mm * t * t;
    return;
  }
  if (mm >= 0.9999999999) {  // first order in 1 - m (DLMF 22.10.4-6)
    double ai = 0.25 * (1.0 - mm);
    const double b = detail::ell_cosh(u), t = detail::ell_tanh(u);
    const double sech = 1.0 / b, w = b * m::sinh(u);
    *sn = t + ai * (w - u) / (b * b);
    *ph = 2.0 * m::atan(detail::ell_tanh(0.5 * u)) + ai * (w - u) / b;
    ai *= t * sech;
    *cn = sech - ai * (w - u);
    *dn = sech + ai * (w + u);
    return;
  }
  // Descending Landen / AGM (DLMF 22.20(ii)):
  // a_{i+1} = (a_i + b_i)/2, b_{i+1} = sqrt(a_i b_i), c_{i+1} = (a_i - b_i)/2.
  const double b0 = m::sqrt(1.0 - mm);
  double a = 1.0, b = b0, c = m::sqrt(mm), twon = 1.0;
  int n = 0;
  while (n < 8 && m::fabs(c / a) > detail::ell_eps) {
    c = 0.5 * (a - b);
    const double an = 0.5 * (a + b);
    b = m::sqrt(a * b);
    a = an;
    twon *= 2.0;
    ++n;
  }
  double phi = twon * a * u, prev = phi;
  for (int i = n; i >= 1; --i) {
    // Recompute (a_i, c_i) instead of storing the whole sequence.
    double ai = 1.0, bi = b0, ci = 0.0;
    for (int j = 0; j < i; ++j) {
      ci = 0.5 * (ai - bi);
      const double an = 0.5 * (ai + bi);
      bi = m::sqrt(ai * bi);
      ai = an;
    }
    prev = phi;
    phi = 0.5 * (phi + m::asin(ci * m::sin(phi) / ai));
  }
  const double s = m::sin(phi), co = m::cos(phi);
  *sn = s;
  *cn = co;
  const double dnfac = m::cos(phi - prev);  // DLMF 22.20.5
  *dn = (m::fabs(dnfac) < 0.1) ? m::sqrt(co * co + (1.0 - mm) * s * s) : co / dnfac;
  *ph = phi;
}

/// Jacobian elliptic function sn(u|m).
__device__ __forceinline__ double ellipj_sn(double u, double mm) {
  double s, c, d, p;
  ellipj(u, mm, &s, &c, &d, &p);
  return s;
}
/// Jacobian elliptic function cn(u|m).
__device__ __forceinline__ double ellipj_cn(double u, double mm) {
  double s, c, d, p;
  ellipj(u, mm, &s, &c, &d, &p);
  return c;
}
/// Jacobian elliptic function dn(u|m).
__device__ __forceinline__ double ellipj_dn(double u, double mm) {
  double s, c, d, p;
  ellipj(u, mm, &s, &c, &d, &p);
  return d;
}
/// Jacobi amplitude am(u|m) (SciPy's ph output of ellipj).
__device__ __forceinline__ double ellipj_ph(double u, double mm) {
  double s, c, d, p;
  ellipj(u, mm, &s, &c, &d, &p);
  return p;
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(ellipj_sn)
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(ellipj_cn)
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(ellipj_dn)
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(ellipj_ph)

/// Generalized exponential integral E_n(x); n is truncated to a 32-bit integer as SciPy does.
__device__ __forceinline__ double expn(double n, double x) {
  if (m::isnan(x) || !(n > -2147483649.0 && n < 2147483648.0)) return m::nan<double>();
  const double k = n >= 0.0 ? m::floor(n) : -m::floor(-n);
  if (k < 0.0 || x < 0.0) return m::nan<double>();
  if (x > 709.782712893383996843) return 0.0;
  if (x == 0.0) return k < 2.0 ? m::inf<double>() : 1.0 / (k - 1.0);
  if (k == 0.0) return m::exp(-x) / x;
  if (x > 1.0) return detail::expn_cf(k, x);
  return detail::expn_series(k, x);
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(expn)

// ---- incomplete beta function and the distributions built on it ---------------------------------
//
// Methods (written from the mathematics):
// - Prefactor x^a (1-x)^b / B(a,b): for a, b >= 10 a Stirling form in which the large terms cancel
//   analytically, a*log1pmx(t) + b*log1pmx(s) with t = (bx - ay)/a, s = -(bx - ay)/b, plus the
//   difference of Stirling corrections; otherwise lgamma differences lgamma(z + h) - lgamma(z)
//   obtained by upward recurrence and a Stirling difference, so nothing large cancels.
// - I_x(a,b): power series in x when b*x is small (cheap, and its complement for small a is
//   formed as -expm1(log P) - P*a*S without cancellation), else the classical continued
//   fraction (modified Lentz) on the side of the mean where it converges, using the symmetry
//   I_x(a,b) = 1 - I_{1-x}(b,a). Both tails are carried, so betaincc never subtracts.
// - Inverses: safeguarded Newton on log(tail) versus log(x) (exact for power-law tails, hence
//   good for y down to 1e-300), bracketed with bisection; the variable solved for is whichever of
//   x or 1-x is below 1/2, so the result keeps relative accuracy near both ends.
// - Binomial / negative binomial / F / Student t functions follow SciPy's definitions on top.

namespace detail {

constexpr double ibeta_eps = 1.1102230246251565e-16;
constexpr double ibeta_ln_sqrt_2pi = 0.91893853320467274178;
constexpr double ibeta_dbl_min = 2.2250738585072014e-308;

// lgamma(z + h) - lgamma(z) for z > 0, h >= 0, without forming the two large values: z is
// raised to 10 by the recurrence, whose factors (z + h) / z have the product 1 + d / q, with
// q = prod z, p = prod (z + h) and d = p - q carried as d' = z d + h p (no cancellation, so a
// small h keeps its relative accuracy); one log1p instead of one per factor. Below h = 1e15
// twelve factors cannot overflow; a larger h sums the factors' logarithms.
__device__ __forceinline__ double ibeta_lgamma_diff(double z, double h) {
  double s = 0.0;
  if (h < 1e15) {
    double p = 1.0, q = 1.0, d = 0.0;
    for (int k = 0; k < 12 && z < 10.0; ++k) {
      d = z * d + h * p;
      p *= z + h;
      q *= z;
      z += 1.0;
    }
    s = m::log1p(d / q);
  } else {
    for (int k = 0; k < 12 && z < 10.0; ++k) {
      s += m::log1p(h / z);
      z += 1.0;
    }
  }
  return log_poch_large(z, h) - s;
}

// log(a B(a,b)) = lgamma(1+a) + lgamma(b) - lgamma(a+b), for min(a,b) < 10.
__device__ __forceinline__ double ibeta_log_abeta(double a, double b) {
  if (a <= b || a < 1.0) return ibeta_lgamma_diff(1.0, a) - ibeta_lgamma_diff(b, a);
  return m::log(a) + detail::lgamma_(b) - ibeta_lgamma_diff(a, b);
}

// log B(a,b) (any a, b > 0); used for initial guesses.
__device__ __forceinline__ double ibeta_lbeta(double a, double b) {
  if (a >= 10.0 && b >= 10.0) {
    const double c = a + b;
    return (a - 0.5) * m::log(a / c) + (b - 0.5) * m::log(b / c) - 0.5 * m::log(c) +
           ibeta_ln_sqrt_2pi + log_gamma_star(a) + log_gamma_star(b) - log_gamma_star(c);
  }
  return ibeta_log_abeta(a, b) - m::log(a);
}

// log(x^a y^b / (a B(a,b))) with y = 1 - x; both x and y given to full relative accuracy.
// With no_y the factor y^b is left out (series prefactor).
__device__ __forceinline__ double ibeta_log_pref(double a, double b, double x, double y,
                                                 bool no_y = false) {
  if (a >= 10.0 && b >= 10.0) {
    const double c = a + b;
    const double d = b * x - a * y;  // = c x - a
    // x c / a = 1 + d / a and y c / b = 1 - d / b, formed directly when far from 1
    return 0.5 * m::log(a / c * b) - ibeta_ln_sqrt_2pi + a * log1pmx(d / a, x * (c / a)) +
           b * log1pmx(-d / b, y * (c / b)) + log_gamma_star(c) - log_gamma_star(a) -
           log_gamma_star(b) - m::log(a) - (no_y ? b * (y < 0.5 ? m::log(y) : m::log1p(-x)) : 0.0);
  }
  const double lx = x < 0.5 ? m::log(x) : m::log1p(-y);
  const double ly = y < 0.5 ? m::log(y) : m::log1p(-x);
  return a * lx + (no_y ? 0.0 : b * ly) - ibeta_log_abeta(a, b);
}

// Continued fraction for I_x(a,b) / prefactor, best for x < (a+1)/(a+b+2). The classical
// fraction 1/(1 + d1/(1 + d2/(1 + ...))) is used in its even contraction
// 1/(b0 - d1 d2/(b1 - d3 d4/(b2 - ...))), with b_m = 1 + d_2m + d_2m+1 written exactly through
// lam = a + 1 - (a+b) x (written via y when x is close to 1) so that no partial denominator
// cancels. Modified Lentz evaluation.
__device__ __forceinline__ double ibeta_cf(double a, double b, double x, double y) {
  const double tiny = 1e-300;
  const double lam = x < 0.5 ? (a + 1.0) - (a + b) * x : (1.0 - b) + (a + b) * y;
  double h = lam / (a + 1.0);
  if (m::fabs(h) < tiny) h = tiny;
  double c = h, d = 0.0;
  const double am1 = a - 1.0;
  // below 1e50 the products of four factors cannot overflow, and one division each suffices
  const bool moderate = a + b < 1e50;
  for (int k = 1; k < 20000; ++k) {
    const double kk = k, a2k = a + 2.0 * kk;
    double num, den;
    if (moderate) {
      num = (a + kk - 1.0) * (a + b + kk - 1.0) * kk * (b - kk) * (x * x) /
            ((a2k - 2.0) * (a2k - 1.0) * (a2k - 1.0) * a2k);
      den = (2.0 * kk * (kk + a) * (1.0 + y) + am1 * lam) / ((a2k - 1.0) * (a2k + 1.0));
    } else {  // ratios grouped so that nothing overflows for huge a, b
      num = ((a + kk - 1.0) / (a2k - 2.0)) * ((a + b + kk - 1.0) / (a2k - 1.0)) *
            (kk / (a2k - 1.0)) * ((b - kk) / a2k) * x * x;
      den = (2.0 * kk / (a2k - 1.0)) * ((kk + a) / (a2k + 1.0)) * (1.0 + y) +
            (am1 / (a2k - 1.0)) * (lam / (a2k + 1.0));
    }
    d = den + num * d;
    if (m::fabs(d) < tiny) d = tiny;
    c = den + num / c;
    if (m::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double del = c * d;
    h *= del;
    if (m::fabs(del - 1.0) <= 2.0 * ibeta_eps) break;
  }
  return 1.0 / h;
}

// Both tails w = I_x(a,b), w1 = 1 - I_x(a,b) for finite a, b > 0, 0 < x < 1, y = 1 - x.
__device__ __forceinline__ void ibeta_core(double a, double b, double x, double y, double* pw,
                                           double* pw1) {
  bool swap = x <= 0.5 ? x > (a + 1.0) / (a + b + 2.0) : y < (b + 1.0) / (a + b + 2.0);
  // a small parameter with the other times x large: the mirrored side is computed directly
  if (!swap && a < 1.0 && b * x > 2.0) swap = true;
  // b small and a*y moderate: the series (with its cancellation-free complement) on the mirror
  if (!swap && b < 1.0 && a * y <= 2.0 && y <= 0.7 && (x > 0.7 || b * x > (a < 1.0 ? 2.0 : 1.0))) {
    swap = true;
  }
  double A = a, B = b, X = x, Y = y;
  if (swap) {
    A = b;
    B = a;
    X = y;
    Y = x;
  }
  double w, w1;
  if (X <= 0.7 && B * X <= (A < 1.0 ? 2.0 : 1.0)) {
    // I = P (1 + A S), P = X^A / (A B(A,B)), S = sum_{n>=1} (1-B)_n / n! X^n / (A + n)
    const double lp = ibeta_log_pref(A, B, X, Y, true);
    double t = 1.0, s = 0.0;
    for (int n = 1; n < 2000 && lp > -760.0; ++n) {
      t *= (n - B) * X / n;
      const double term = t / (A + n);
      s += term;
      if (m::fabs(term) <= ibeta_eps * 0.25 * m::fabs(s)) break;
    }
    const double p = m::exp(lp);
    w = p * (1.0 + A * s);
    w1 = w > 0.5 ? -m::expm1(lp) - p * A * s : 1.0 - w;
  } else {
    // prefactor underflow: skip the fraction (its terms may overflow for huge A, B)
    const double lp = ibeta_log_pref(A, B, X, Y);
    w = lp < -760.0 ? 0.0 : m::exp(lp) * ibeta_cf(A, B, X, Y);
    w1 = 1.0 - w;
  }
  w = w < 0.0 ? 0.0 : (w > 1.0 ? 1.0 : w);
  w1 = w1 < 0.0 ? 0.0 : (w1 > 1.0 ? 1.0 : w1);
  if (swap) {
    *pw = w1;
    *pw1 = w;
  } else {
    *pw = w;
    *pw1 = w1;
  }
}

// SciPy's limiting cases of betainc for a, b in {0, inf}; returns false if none applies.
// Inputs already checked for NaN and domain.
__device__ __forceinline__ bool ibeta_limits(double a, double b, double x, double y, double* pw,
                                             double* pw1) {
  double w;
  if ((a == 0.0 && b == 0.0) || (m::isinf(a) && m::isinf(b))) {
    w = m::nan<double>();
  } else if (a == 0.0 || m::isinf(b)) {
    w = x > 0.0 ? 1.0 : 0.0;
  } else if (b == 0.0 || m::isinf(a)) {
    w = y > 0.0 ? 0.0 : 1.0;
  } else if (x == 0.0) {
    w = 0.0;
  } else if (y == 0.0) {
    w = 1.0;
  } else {
    return false;
  }
  *pw = w;
  *pw1 = 1.0 - w;
  return true;
}

// Both tails for a pair (x, y = 1 - x) with SciPy's betainc conventions.
static __device__ __noinline__ void ibeta_pair(double a, double b, double x, double y, double* pw,
                                               double* pw1) {
  if (m::isnan(a) || m::isnan(b) || m::isnan(x) || m::isnan(y) || a < 0.0 || b < 0.0 || x < 0.0 ||
      x > 1.0) {
    *pw = *pw1 = m::nan<double>();
    return;
  }
  if (ibeta_limits(a, b, x, y, pw, pw1)) return;
  ibeta_core(a, b, x, y, pw, pw1);
}

// Solve I_u(A,B) = P (1 - I_u = Q) for a root known to lie in [0, 1/2].
static __device__ __noinline__ double ibeta_solve_low(double A, double B, double P, double Q) {
  const bool low = P <= Q;
  const double lt = m::log(low ? P : Q);
  // Initial guess: power-law tail when A is small or P tiny, else normal approximation.
  double u;
  const double lupow = (m::log(P) + ibeta_lbeta(A, B) + m::log(A)) / A;
  if (low && lupow < -708.0) return ibeta_dbl_min;  // root underflows: SciPy returns DBL_MIN
  const double upow = m::exp(lupow);
  if (A >= 1.0 && B >= 1.0 && !(low && P < 1e-4)) {
    const double c = A + B, mu = A / c, sd = m::sqrt(A * B / (c * c * (c + 1.0)));
    u = mu + sd * (low ? ndtri(P) : -ndtri(Q));
    if (!(u > 0.0 && u < 0.5)) u = upow;
  } else {
    u = upow;
  }
  if (!(u > 0.0 && u < 0.5)) u = 0.25;
  double lo = 0.0, hi = 0.5;
  for (int it = 0; it < 300; ++it) {
    double w, w1;
    ibeta_core(A, B, u, 1.0 - u, &w, &w1);
    const double val = low ? w : w1;
    const double g = low ? m::log(w) - lt : lt - m::log(w1);
    if (g == 0.0) return u;
    if (g > 0.0)
      hi = u;
    else
      lo = u;
    // d g / d log u = u pdf(u) / tail
    const double dg = m::exp(ibeta_log_pref(A, B, u, 1.0 - u)) * A / (1.0 - u) / val;
    const double step = g / dg;
    double un = u * m::exp(-step);
    const bool newton_ok = it < 100 && m::isfinite(step) && un > lo && un < hi;
    if (!newton_ok) un = (lo > 0.0 && hi > 2.0 * lo) ? m::sqrt(lo * hi) : 0.5 * (lo + hi);
    if (newton_ok && m::fabs(step) <= 2.0 * ibeta_eps) return un;
    if (hi - lo <= 2.0 * ibeta_eps * hi) return un;
    if (un == u) return u;
    u = un;
  }
  return u;
}

// Inverse pair: x and y = 1 - x with I_x(a,b) = p, 1 - I_x = q (p + q = 1, both accurate).
__device__ __forceinline__ void ibeta_inv_pair(double a, double b, double p, double q, double* px,
                                               double* py) {
  double w, w1;
  ibeta_core(a, b, 0.5, 0.5, &w, &w1);
  // root <= 1/2 iff I_{1/2} >= p; compare on the smaller tail to keep resolution
  const double cmp = p <= q ? w - p : q - w1;
  if (cmp == 0.0) {
    *px = *py = 0.5;
  } else if (cmp > 0.0) {
    double u = ibeta_solve_low(a, b, p, q);
    if (u < ibeta_dbl_min) u = ibeta_dbl_min;
    *px = u;
    *py = 1.0 - u;
  } else {
    double u = ibeta_solve_low(b, a, q, p);
    if (u < ibeta_dbl_min) u = ibeta_dbl_min;
    *py = u;
    *px = 1.0 - u;
  }
}

// SciPy's betaincinv conventions; returns x (and y = 1 - x) for I_x(a,b) = p, 1 - I_x = q.
static __device__ __noinline__ void ibeta_inv(double a, double b, double p, double q, double* px,
                                              double* py) {
  const double nan = m::nan<double>();
  if (m::isnan(a) || m::isnan(b) || m::isnan(p) || m::isnan(q) || !(a > 0.0) || !(b > 0.0) ||
      p < 0.0 || p > 1.0 || q < 0.0 || q > 1.0 || (m::isinf(a) && m::isinf(b))) {
    *px = *py = nan;
  } else if (p == 0.0) {
    *px = 0.0;
    *py = 1.0;
  } else if (q == 0.0) {
    *px = 1.0;
    *py = 0.0;
  } else if (m::isinf(a) && b == 1.0) {  // SciPy resolves only these two infinite cases
    *px = 1.0;
    *py = 0.0;
  } else if (m::isinf(b) && a == 1.0) {
    *px = 0.0;
    *py = 1.0;
  } else if (m::isinf(a) || m::isinf(b)) {
    *px = *py = nan;
  } else {
    ibeta_inv_pair(a, b, p, q, px, py);
  }
}

// C-style (int) conversion as SciPy's legacy wrappers do for n (and k in nbdtr*).
__device__ __forceinline__ double ibeta_int_cast(double v) {
  if (!(m::fabs(v) < 2147483648.0)) return -2147483648.0;
  return v < 0.0 ? -m::floor(-v) : m::floor(v);
}

}  // namespace detail

/// Regularized incomplete beta function I_x(a, b).
__device__ __forceinline__ double betainc(double a, double b, double x) {
  double w, w1;
  detail::ibeta_pair(a, b, x, 1.0 - x, &w, &w1);
  return w;
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE3(betainc)

/// Complemented regularized incomplete beta function 1 - I_x(a, b).
__device__ __forceinline__ double betaincc(double a, double b, double x) {
  double w, w1;
  detail::ibeta_pair(a, b, x, 1.0 - x, &w, &w1);
  return w1;
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE3(betaincc)

/// Inverse of betainc in x: I_x(a, b) = y.
__device__ __forceinline__ double betaincinv(double a, double b, double y) {
  double x, xc;
  detail::ibeta_inv(a, b, y, 1.0 - y, &x, &xc);
  return x;
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE3(betaincinv)

/// Inverse of betaincc in x: 1 - I_x(a, b) = y.
__device__ __forceinline__ double betainccinv(double a, double b, double y) {
  double x, xc;
  detail::ibeta_inv(a, b, 1.0 - y, y, &x, &xc);
  return x;
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE3(betainccinv)

/// Beta distribution CDF (alias of betainc).
__device__ __forceinline__ double btdtr(double a, double b, double x) { return betainc(a, b, x); }
/// Beta distribution CDF (float).
__device__ __forceinline__ float btdtr(float a, float b, float x) { return betainc(a, b, x); }

/// Beta distribution quantile (alias of betaincinv).
__device__ __forceinline__ double btdtri(double a, double b, double p) {
  return betaincinv(a, b, p);
}
/// Beta distribution quantile (float).
__device__ __forceinline__ float btdtri(float a, float b, float p) { return betaincinv(a, b, p); }

/// Binomial CDF: sum_{j <= floor(k)} C(n, j) p^j (1-p)^(n-j).
__device__ __forceinline__ double bdtr(double k, double n, double p) {
  if (!(m::fabs(n) < 2147483648.0) || m::isnan(k) || m::isnan(p) || p < 0.0 || p > 1.0) {
    return m::nan<double>();
  }
  n = detail::ibeta_int_cast(n);
  const double fk = m::floor(k);
  if (fk < 0.0 || n < fk) return m::nan<double>();
  if (fk == n) return 1.0;
  const double dn = n - fk;
  if (fk == 0.0) return m::exp(dn * m::log1p(-p));
  return betaincc(fk + 1.0, dn, p);
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE3(bdtr)

/// Binomial survival function: sum_{j > floor(k)} C(n, j) p^j (1-p)^(n-j).
__device__ __forceinline__ double bdtrc(double k, double n, double p) {
  if (!(m::fabs(n) < 2147483648.0) || m::isnan(k) || m::isnan(p) || p < 0.0 || p > 1.0) {
    return m::nan<double>();
  }
  n = detail::ibeta_int_cast(n);
  const double fk = m::floor(k);
  if (fk < 0.0) return 1.0;
  if (n < fk) return m::nan<double>();
  if (fk == n) return 0.0;
  const double dn = n - fk;
  if (fk == 0.0) return -m::expm1(dn * m::log1p(-p));
  return betainc(fk + 1.0, dn, p);
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE3(bdtrc)

/// Inverse of bdtr in p.
__device__ __forceinline__ double bdtri(double k, double n, double y) {
  if (!(m::fabs(n) < 2147483648.0) || m::isnan(k) || m::isnan(y) || y < 0.0 || y > 1.0) {
    return m::nan<double>();
  }
  n = detail::ibeta_int_cast(n);
  const double fk = m::floor(k);
  if (fk < 0.0 || n <= fk) return m::nan<double>();
  const double dn = n - fk;
  if (fk == 0.0) return -m::expm1(m::log(y) / dn);
  return betainccinv(fk + 1.0, dn, y);
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE3(bdtri)

namespace detail {
/// nbdtr's and nbdtrc's domain, as SciPy's: k and n truncated to integers, k >= 0, n > 0 and
/// p in [0, 1]; false (the result NaN) outside it.
__device__ __forceinline__ bool nbdtr_domain(double& k, double& n, double p) {
  if (m::isnan(p) || p < 0.0 || p > 1.0) return false;
  k = ibeta_int_cast(m::isnan(k) ? -1.0 : k);
  n = ibeta_int_cast(m::isnan(n) ? -1.0 : n);
  return k >= 0.0 && n > 0.0;
}
}  // namespace detail

/// Negative binomial CDF: I_p(n, k + 1) (k, n truncated to integers).
__device__ __forceinline__ double nbdtr(double k, double n, double p) {
  return detail::nbdtr_domain(k, n, p) ? betainc(n, k + 1.0, p) : m::nan<double>();
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE3(nbdtr)

/// Negative binomial survival function: 1 - I_p(n, k + 1).
__device__ __forceinline__ double nbdtrc(double k, double n, double p) {
  return detail::nbdtr_domain(k, n, p) ? betaincc(n, k + 1.0, p) : m::nan<double>();
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE3(nbdtrc)

/// Inverse of nbdtr in p.
__device__ __forceinline__ double nbdtri(double k, double n, double y) {
  if (m::isnan(y) || m::isnan(k) || m::isnan(n) || y < 0.0 || y > 1.0) return m::nan<double>();
  k = detail::ibeta_int_cast(k);
  n = detail::ibeta_int_cast(m::isnan(n) ? -1.0 : n);
  if (k < 0.0) return m::nan<double>();
  if (y == 0.0 || y == 1.0) return y;
  if (n <= 0.0) return m::nan<double>();
  return betaincinv(n, k + 1.0, y);
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE3(nbdtri)

namespace detail {
// F distribution CDF and survival function together.
static __device__ __noinline__ void ibeta_fdtr(double dfn, double dfd, double x, double* pw,
                                               double* pw1) {
  if (m::isnan(dfn) || m::isnan(dfd) || m::isnan(x) || !(dfn > 0.0) || !(dfd > 0.0) || x < 0.0) {
    *pw = *pw1 = m::nan<double>();
    return;
  }
  if (m::isinf(x)) {
    *pw = 1.0;
    *pw1 = 0.0;
    return;
  }
  if (m::isinf(dfn) || m::isinf(dfd)) {
    *pw = *pw1 = m::nan<double>();
    return;
  }
  const double ax = dfn * x;
  double u, v;  // u = ax / (dfd + ax), v = dfd / (dfd + ax)
  if (m::isinf(ax)) {
    u = 1.0;
    v = dfd / dfn / x;
  } else {
    u = ax / (dfd + ax);
    v = dfd / (dfd + ax);
  }
  ibeta_pair(0.5 * dfn, 0.5 * dfd, u, v, pw, pw1);
}
}  // namespace detail

/// F distribution CDF.
__device__ __forceinline__ double fdtr(double dfn, double dfd, double x) {
  double w, w1;
  detail::ibeta_fdtr(dfn, dfd, x, &w, &w1);
  return w;
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE3(fdtr)

/// F distribution survival function.
__device__ __forceinline__ double fdtrc(double dfn, double dfd, double x) {
  double w, w1;
  detail::ibeta_fdtr(dfn, dfd, x, &w, &w1);
  return w1;
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE3(fdtrc)

/// F distribution quantile (inverse of fdtr in x).
__device__ __forceinline__ double fdtri(double dfn, double dfd, double p) {
  if (m::isnan(dfn) || m::isnan(dfd) || m::isnan(p) || !(dfn > 0.0) || !(dfd > 0.0) ||
      m::isinf(dfn) || m::isinf(dfd) || p < 0.0 || p > 1.0) {
    return m::nan<double>();
  }
  if (p == 0.0) return 0.0;
  if (p == 1.0) return m::inf<double>();
  double u, v;
  detail::ibeta_inv_pair(0.5 * dfn, 0.5 * dfd, p, 1.0 - p, &u, &v);
  return dfd * u / (dfn * v);
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE3(fdtri)

/// Student t distribution CDF (df = inf gives the normal CDF).
__device__ __forceinline__ double stdtr(double df, double t) {
  if (m::isnan(df) || m::isnan(t) || !(df > 0.0)) return m::nan<double>();
  if (df > 1e20) return ndtr(t);  // the normal distribution to double precision
  if (m::isinf(t)) return t > 0.0 ? 1.0 : 0.0;
  if (t == 0.0) return 0.5;
  const double t2 = t * t;
  double u, v;  // u = df / (df + t^2), v = t^2 / (df + t^2)
  if (m::isinf(t2)) {
    u = df / m::fabs(t) / m::fabs(t);
    v = 1.0;
  } else {
    u = df / (df + t2);
    v = t2 / (df + t2);
  }
  double w, w1;
  detail::ibeta_pair(0.5 * df, 0.5, u, v, &w, &w1);
  return t < 0.0 ? 0.5 * w : 0.5 + 0.5 * w1;
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(stdtr)

/// Student t distribution quantile (inverse of stdtr in t).
__device__ __forceinline__ double stdtrit(double df, double p) {
  if (m::isnan(df) || m::isnan(p) || !(df > 0.0) || p < 0.0 || p > 1.0) return m::nan<double>();
  if (p == 0.0 || p == 1.0) return m::inf<double>();  // (both, as SciPy's)
  if (p == 0.5) return 0.0;
  if (df > 1e20) return ndtri(p);  // the normal distribution to double precision
  const bool neg = p < 0.5;
  // tail probability 0.5 I_u(df/2, 1/2) = min(p, 1-p); Q = 1 - I_u computed exactly
  const double P = neg ? 2.0 * p : 2.0 * (1.0 - p);
  const double Q = neg ? 1.0 - 2.0 * p : 2.0 * p - 1.0;
  // far tail: I_u(df/2, 1/2) = u^(df/2) / ((df/2) B(df/2, 1/2)) (1 + O(u)); when u underflows this
  // gives t = sqrt(df / u) directly in logs
  const double lu = (m::log(P) + detail::ibeta_log_abeta(0.5 * df, 0.5)) / (0.5 * df);
  if (lu < -600.0) {
    const double t = m::exp(0.5 * (m::log(df) - lu));
    return neg ? -t : t;
  }
  double u, v;
  detail::ibeta_inv_pair(0.5 * df, 0.5, P, Q, &u, &v);
  const double t = m::sqrt(df * v / u);
  return neg ? -t : t;
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE2(stdtrit)

// ---- sine and cosine integrals, hyperbolic ones ------------------------------------------------

namespace detail {

/// Si(x) and Ci(x) for x > 0. Up to 4 their power series (Si = sum (-1)^k x^(2k+1) / ((2k+1)
/// (2k+1)!), Ci = gamma + log x + sum (-1)^k x^(2k) / (2k (2k)!)); beyond, E1(ix) = -Ci(x) +
/// i (Si(x) - pi/2) by its continued fraction 1 / (z + 1 - 1 / (z + 3 - 4 / (z + 5 - ...))) e^-z
/// in complex arithmetic (modified Lentz), which converges quickly there.
static __device__ __noinline__ void sici_positive(double x, double* si, double* ci) {
  if (x <= 4.0) {
    const double x2 = x * x;
    double term = x, s = x, c = 0.0;  // term = (-1)^k x^(2k+1) / (2k+1)!
    double cterm = 1.0;               // (-1)^k x^(2k) / (2k)!
    for (int k = 1; k < 40; ++k) {
      cterm *= -x2 / ((2.0 * k - 1.0) * (2.0 * k));
      c += cterm / (2.0 * k);
      term *= -x2 / ((2.0 * k) * (2.0 * k + 1.0));
      s += term / (2.0 * k + 1.0);
      if (m::fabs(term) < 1e-18 * m::fabs(s) && m::fabs(cterm) < 1e-18) break;
    }
    *si = s;
    *ci = kEulerGamma + m::log(x) + c;
    return;
  }
  // complex modified Lentz for E1(z) e^z = 1 / (z + 1 - 1^2 / (z + 3 - 2^2 / (z + 5 - ...))), z =
  // ix
  const double tiny = 1e-300;
  double br = 1.0, bi = x;  // b0 = z + 1
  double fr = br, fi = bi;  // f = b0
  double cr = fr, ci_ = fi, dr = 0.0, di = 0.0;
  for (int i = 1; i < 1000; ++i) {
    const double a = -static_cast<double>(i) * i;
    br += 2.0;
    // d = 1 / (b + a d)
    double tr = br + a * dr, ti = bi + a * di;
    if (m::fabs(tr) + m::fabs(ti) < tiny) tr = tiny;
    const double dd = tr * tr + ti * ti;
    dr = tr / dd;
    di = -ti / dd;
    // c = b + a / c
    const double cc = cr * cr + ci_ * ci_;
    cr = br + a * cr / cc;
    ci_ = bi - a * ci_ / cc;
    if (m::fabs(cr) + m::fabs(ci_) < tiny) cr = tiny;
    const double er = cr * dr - ci_ * di, ei = cr * di + ci_ * dr;
    const double nr = fr * er - fi * ei, ni = fr * ei + fi * er;
    fr = nr;
    fi = ni;
    if (m::fabs(er - 1.0) + m::fabs(ei) < 1e-16) break;
  }
  // E1(ix) = e^-ix / f
  double s, c;
  m::sincos(x, &s, &c);
  const double ff = fr * fr + fi * fi;
  const double qr = fr / ff, qi = -fi / ff;                 // 1 / f
  const double er = c * qr + s * qi, ei = c * qi - s * qr;  // (cos x - i sin x) / f
  *ci = -er;
  *si = 0.5 * m::fp<double>::pi + ei;
}

/// Shi(x) and Chi(x) for x > 0: their series (positive terms) up to 8, beyond (Ei(x) +- E1(x)) / 2,
/// where no digits cancel.
static __device__ __noinline__ void shichi_positive(double x, double* shi, double* chi) {
  if (x <= 8.0) {
    const double x2 = x * x;
    double term = x, s = x, c = 0.0, cterm = 1.0;
    for (int k = 1; k < 80; ++k) {
      cterm *= x2 / ((2.0 * k - 1.0) * (2.0 * k));
      c += cterm / (2.0 * k);
      term *= x2 / ((2.0 * k) * (2.0 * k + 1.0));
      s += term / (2.0 * k + 1.0);
      if (term < 1e-18 * s && cterm < 1e-18 * c) break;
    }
    *shi = s;
    *chi = kEulerGamma + m::log(x) + c;
    return;
  }
  const double ei = expi(x), e1 = exp1(x);
  *shi = 0.5 * (ei + e1);
  *chi = 0.5 * (ei - e1);
}

}  // namespace detail

/// The sine integral Si(x), the first output of scipy.special.sici.
__device__ __forceinline__ double sici_si(double x) {
  if (m::isnan(x)) return x;
  if (x == 0.0) return x;
  if (m::isinf(x)) return x > 0.0 ? 0.5 * m::fp<double>::pi : -0.5 * m::fp<double>::pi;
  double si, ci;
  detail::sici_positive(m::fabs(x), &si, &ci);
  return x < 0.0 ? -si : si;
}
/// The cosine integral Ci(x) (of |x|: the real part below 0), sici's second output.
__device__ __forceinline__ double sici_ci(double x) {
  if (m::isnan(x)) return x;
  if (x == 0.0) return -m::inf<double>();
  if (m::isinf(x)) return x > 0.0 ? 0.0 : m::nan<double>();
  double si, ci;
  detail::sici_positive(m::fabs(x), &si, &ci);
  return ci;
}
/// The hyperbolic sine integral Shi(x), the first output of scipy.special.shichi.
__device__ __forceinline__ double shichi_shi(double x) {
  if (m::isnan(x) || x == 0.0 || m::isinf(x)) return x;
  double shi, chi;
  detail::shichi_positive(m::fabs(x), &shi, &chi);
  return x < 0.0 ? -shi : shi;
}
/// The hyperbolic cosine integral Chi(x) (of |x|: the real part below 0), shichi's second output.
__device__ __forceinline__ double shichi_chi(double x) {
  if (m::isnan(x)) return x;
  if (x == 0.0) return -m::inf<double>();
  if (m::isinf(x)) return m::inf<double>();
  double shi, chi;
  detail::shichi_positive(m::fabs(x), &shi, &chi);
  return chi;
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE1(sici_si)
CUPP_SPECIAL_FLOAT_VIA_DOUBLE1(sici_ci)
CUPP_SPECIAL_FLOAT_VIA_DOUBLE1(shichi_shi)
CUPP_SPECIAL_FLOAT_VIA_DOUBLE1(shichi_chi)

// ---- associated Legendre functions ----------------------------------------------------------------

namespace detail {

/// P_v^m(x) of order m >= 0 and a non-integer degree -1/2 <= v < m + 2, -1 < x < 1: the Gauss
/// series of 2F1(m - v, m + v + 1; m + 1; (1 - x) / 2) for x >= 0; for x < 0 its transformation
/// to 1 - z = (1 + x) / 2 in the logarithmic case c - a - b = -m (Abramowitz and Stegun 15.3.10
/// and 15.3.12). Both series run in a variable of at most 1/2. `*loss` is the sum of the terms'
/// magnitudes over the magnitude of the result: the rounding errors' growth by cancellation.
static __device__ __noinline__ double lpmv_series(int order, double v, double x, double* loss) {
  const double mu = order;
  // (-1)^m Gamma(v + m + 1) / (Gamma(v - m + 1) 2^m m!), as a product of m factors.
  double pre = 1.0;
  for (int k = 1; k <= order; ++k) pre *= -(v + k) * (v - k + 1) / (2.0 * k);
  if (order > 0) pre *= m::pow((1.0 - x) * (1.0 + x), 0.5 * mu);
  const double a = mu - v, b = mu + v + 1.0;
  if (x >= 0.0) {
    const double z = 0.5 * (1.0 - x);
    double term = 1.0, sum = 1.0, mag = 1.0;
    for (int n = 0; n < 1000; ++n) {
      term *= (a + n) * (b + n) / ((mu + 1.0 + n) * (n + 1.0)) * z;
      sum += term;
      mag += m::fabs(term);
      if (m::fabs(term) <= 1e-17 * m::fabs(sum)) break;
    }
    *loss = mag / m::fabs(sum);
    return pre * sum;
  }
  const double w = 0.5 * (1.0 + x);
  const double s = m::sinpi(v) / m::fp<double>::pi;  // -1 / (Gamma(-v) Gamma(v + 1))
  double mfact = 1.0;                                   // m!
  for (int k = 2; k <= order; ++k) mfact *= k;
  double finite = 0.0;
  if (order > 0) {
    // Gamma(m) m! / (Gamma(a) Gamma(b)) w^-m sum_{n<m} (a - m)_n (b - m)_n / (n! (1 - m)_n) w^n,
    // 1 / (Gamma(a) Gamma(b)) = -s / ((-v)_m (v + 1)_m).
    double poch = 1.0;
    for (int k = 0; k < order; ++k) poch *= (k - v) * (v + 1.0 + k);
    double term = 1.0, sum = 1.0;
    for (int n = 0; n + 1 < order; ++n) {
      term *= (n - v) * (v + 1.0 + n) / ((n + 1.0) * (n + 1.0 - mu)) * w;
      sum += term;
    }
    finite = -s * (mfact / mu) * mfact / poch * m::pow(w, -mu) * sum;
  }
  // -(-1)^m Gamma(c) / (Gamma(a - m) Gamma(b - m)) sum_n (a)_n (b)_n / (n! (n + m)!) w^n
  //   [log w - psi(n + 1) - psi(n + m + 1) + psi(a + n) + psi(b + n)], Gamma(c) = m!.
  const double lw = m::log(w);
  double psi1 = -kEulerGamma, psim = -kEulerGamma, psia = digamma_impl(a), psib = digamma_impl(b);
  for (int k = 1; k <= order; ++k) psim += 1.0 / k;
  double term = 1.0 / mfact;
  double sum = term * (lw - psi1 - psim + psia + psib), mag = m::fabs(sum);
  for (int n = 0; n < 1000; ++n) {
    term *= (a + n) * (b + n) / ((n + 1.0) * (n + 1.0 + mu)) * w;
    psi1 += 1.0 / (n + 1.0);
    psim += 1.0 / (n + 1.0 + mu);
    psia += 1.0 / (a + n);
    psib += 1.0 / (b + n);
    const double t = term * (lw - psi1 - psim + psia + psib);
    sum += t;
    mag += m::fabs(t);
    if (m::fabs(t) <= 1e-17 * m::fabs(sum)) break;
  }
  const double logarithmic = (order % 2 == 0 ? 1.0 : -1.0) * mfact * s * sum;
  *loss = (m::fabs(finite) + m::fabs(mfact * s) * mag) / m::fabs(finite + logarithmic);
  return pre * (finite + logarithmic);
}

/// P_v^m(x) from P_{n-1}^m(x) = prev and P_n^m(x) = cur by the recurrence upward in degree,
/// (k - m + 1) P_{k+1} = (2k + 1) x P_k - (k + m) P_{k-1}, for v - n a whole number.
__device__ __forceinline__ double legendre_upward(double mu, double x, double n, double v,
                                                  double prev, double cur) {
  for (; n < v - 0.5; n += 1.0) {
    const double next = ((2.0 * n + 1.0) * x * cur - (n + mu) * prev) / (n - mu + 1.0);
    prev = cur;
    cur = next;
  }
  return cur;
}

/// P_v^m(x) of order m >= 0 and degree v >= -1/2, -1 <= x <= 1.
static __device__ __noinline__ double lpmv_nonnegative_order(int order, double v, double x) {
  const double mu = order;
  if (v == m::floor(v)) {
    // An integer degree: P_m^m = (-1)^m (2m - 1)!! (1 - x^2)^(m/2), then upward in degree.
    if (mu > v) return 0.0;
    const double root = m::sqrt((1.0 - x) * (1.0 + x));
    double prev = 1.0;
    for (int k = 1; k <= order; ++k) prev *= -(2.0 * k - 1.0) * root;
    if (v == mu) return prev;
    return legendre_upward(mu, x, mu + 1.0, v, prev, x * (2.0 * mu + 1.0) * prev);
  }
  if (x == 1.0) return order == 0 ? 1.0 : 0.0;
  if (x == -1.0) return order == 0 ? -m::inf<double>() : m::inf<double>();  // SciPy's signs
  // The series itself where its cancellation costs less than 1e4 (near either end, or a low
  // degree), else two degrees in [m, m + 2) from it and the recurrence upward in degree.
  double loss = 0.0;
  const double direct = lpmv_series(order, v, x, &loss);
  if (v < mu + 1.0 || loss < 1e4) return direct;
  const double v0 = v - m::floor(v - mu);
  const double p0 = lpmv_series(order, v0, x, &loss), p1 = lpmv_series(order, v0 + 1.0, x, &loss);
  return legendre_upward(mu, x, v0 + 1.0, v, p0, p1);
}

}  // namespace detail

__device__ __forceinline__ double lpmv(double mu, double v, double x) {
  if (m::isnan(mu) || m::isnan(v) || m::isinf(mu) || m::isinf(v) || mu != m::floor(mu))
    return m::nan<double>();
  if (v < -0.5) v = -v - 1.0;  // P_v = P_{-v-1}
  if (mu == 0.0 && v == 0.0) return 1.0;  // SciPy's P_0, 1 at every x (NaN too)
  if (m::isnan(x)) return x;
  if (m::fabs(x) > 1.0) {
    // SciPy's order 0 beyond [-1, 1]: the Legendre polynomial of an integer degree anywhere,
    // the Legendre function P_v(x) = ((1 + x) / 2)^v 2F1(-v, -v; 1; (x - 1) / (x + 1)) for x > 1.
    if (mu != 0.0 || m::isinf(x)) return m::nan<double>();
    if (v == m::floor(v)) return detail::lpmv_nonnegative_order(0, v, x);
    if (x < 0.0) return m::nan<double>();
    const double z = (x - 1.0) / (x + 1.0);
    double term = 1.0, sum = 1.0;
    for (int n = 0; n < 100000; ++n) {
      term *= (n - v) * (n - v) / ((n + 1.0) * (n + 1.0)) * z;
      sum += term;
      if (m::fabs(term) <= 1e-17 * m::fabs(sum)) break;
    }
    return m::pow(0.5 * (1.0 + x), v) * sum;
  }
  const int order = static_cast<int>(m::fabs(mu));
  if (mu >= 0.0) return detail::lpmv_nonnegative_order(order, v, x);
  // A negative order: P_v^-m = (-1)^m Gamma(v - m + 1) / Gamma(v + m + 1) P_v^m; SciPy's NaN
  // where an integer degree is below the order.
  if (v == m::floor(v) && order > v) return m::nan<double>();
  double ratio = 1.0;
  for (int k = 1; k <= order; ++k) ratio *= (v + k) * (v - k + 1);
  if (x == -1.0 && v != m::floor(v)) return m::inf<double>();  // SciPy's sign
  const double p = detail::lpmv_nonnegative_order(order, v, x) / ratio;
  return order % 2 == 0 ? p : -p;
}
CUPP_SPECIAL_FLOAT_VIA_DOUBLE3(lpmv)

#undef CUPP_SPECIAL_FLOAT_VIA_DOUBLE1
#undef CUPP_SPECIAL_FLOAT_VIA_DOUBLE2
#undef CUPP_SPECIAL_FLOAT_VIA_DOUBLE3

}  // namespace cupp::special
