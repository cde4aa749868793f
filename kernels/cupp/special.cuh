// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The device functions of cupp::scipy::special (include/cupp/scipy/special/ufuncs.def), one
// overload for float and one for double each: the rule of those rows computes float32 in float32
// and everything else in float64, as SciPy's loops. Where CUDA's math library has the function
// (erf, lgamma, j0, cyl_bessel_i0, normcdfinv, ...) it is called; the rest follow SciPy's
// definitions, written for accuracy where the direct formula loses it (Note [Special functions]).
// A generated kernel whose expression calls one of them includes this header (src/expr/
// device_includes.hpp); a RawKernel or ElementwiseKernel can include it too.
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

/// e^-|x| I_nu(x) for large |x| (nu 0 or 1): the asymptotic series 1/sqrt(2 pi |x|) times
/// sum_k (-1)^k prod_{j<=k} (4 nu^2 - (2j - 1)^2) / (k! (8|x|)^k), summed until its terms stop
/// mattering (they fall by about k / (2|x|) each).
template <class T>
__device__ __forceinline__ T scaled_bessel_i_asymptotic(T x, int nu) {
  const T ax = m::fabs(x);
  const T mu = T(4 * nu * nu);
  T term = T(1), sum = T(1);
  for (int k = 1; k < 30; ++k) {
    const T odd = T(2 * k - 1);
    term *= -(mu - odd * odd) / (T(8 * k) * ax);
    sum += term;
    if (m::fabs(term) < T(1e-17) * m::fabs(sum)) break;
  }
  const T r = sum / m::sqrt(T(2) * m::fp<T>::pi * ax);
  return nu == 1 && x < T(0) ? -r : r;
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
__device__ __forceinline__ double exp1_positive(double x) {
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
__device__ __forceinline__ double expi_positive(double x) {
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
__device__ __forceinline__ double hurwitz_em(double x, double q) {
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
__device__ __forceinline__ float exp1(float x) { return static_cast<float>(exp1(double(x))); }

__device__ __forceinline__ double expi(double x) {
  if (m::isnan(x)) return x;
  if (x == 0.0) return -m::inf<double>();
  if (m::isinf(x)) return x > 0.0 ? x : -0.0;
  if (x < 0.0) return -detail::exp1_positive(-x);
  return detail::expi_positive(x);
}
__device__ __forceinline__ float expi(float x) { return static_cast<float>(expi(double(x))); }

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
__device__ __forceinline__ float zeta(float x, float q) {
  return static_cast<float>(zeta(double(x), double(q)));
}

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
__device__ __forceinline__ float zetac(float x) { return static_cast<float>(zetac(double(x))); }

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
  if (m::fabs(lmbda) < T(1e-19) || (m::fabs(lgx) < T(1e-289) && m::fabs(lmbda) < T(1e273)))
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
  if (m::fabs(lmbda * y) < T(1e-154)) return y;
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

}  // namespace cupp::special
