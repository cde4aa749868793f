// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Host references for the tests of cupp::random's distributions, written independently of the
// samplers: CDFs of the continuous distributions and PMFs of the discrete ones in double (the
// incomplete gamma and beta functions by series and continued fractions), a Kolmogorov-Smirnov
// statistic that allows for the rounding of the samples, and a chi-square statistic over merged
// bins with its critical value. test_distributions.cpp checks these against known values.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace cupp::test::ref {

constexpr double kPi = 3.14159265358979323846;
constexpr double kEulerGamma = 0.57721566490153286061;

// ---- special functions --------------------------------------------------------------------------

/// The regularized lower incomplete gamma function P(a, x): the series for x < a + 1, one minus
/// the continued fraction of Q(a, x) above (Numerical Recipes' gser/gcf, modified Lentz).
inline double gamma_p(double a, double x) {
  if (x <= 0) return 0;
  if (std::isinf(x)) return 1;
  const long double lx = x, la = a;
  const long double front = std::exp(la * std::log(lx) - lx - std::lgamma(la));
  if (x < a + 1) {
    long double ap = la, del = 1 / la, sum = del;
    for (int i = 0; i < 100000; ++i) {
      ap += 1;
      del *= lx / ap;
      sum += del;
      if (std::fabs(del) < std::fabs(sum) * 1e-18L) break;
    }
    return static_cast<double>(std::min<long double>(1, sum * front));
  }
  const long double tiny = 1e-300L;
  long double b = lx + 1 - la, c = 1 / tiny, d = 1 / b, h = d;
  for (int i = 1; i < 100000; ++i) {
    const long double an = -i * (i - la);
    b += 2;
    d = an * d + b;
    if (std::fabs(d) < tiny) d = tiny;
    c = b + an / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1 / d;
    const long double del = d * c;
    h *= del;
    if (std::fabs(del - 1) < 1e-18L) break;
  }
  return static_cast<double>(std::max<long double>(0, 1 - front * h));
}

/// The continued fraction of the incomplete beta function (Numerical Recipes' betacf, modified
/// Lentz), converging quickly for x < (a + 1) / (a + b + 2).
inline long double beta_cf(long double a, long double b, long double x) {
  const long double tiny = 1e-300L;
  const long double qab = a + b, qap = a + 1, qam = a - 1;
  long double c = 1, d = 1 - qab * x / qap;
  if (std::fabs(d) < tiny) d = tiny;
  d = 1 / d;
  long double h = d;
  for (int m = 1; m < 100000; ++m) {
    const int m2 = 2 * m;
    long double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1 / d;
    const long double del = d * c;
    h *= del;
    if (std::fabs(del - 1) < 1e-18L) break;
  }
  return h;
}

/// The regularized incomplete beta function I_x(a, b).
inline double beta_inc(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const long double la = a, lb = b, lx = x;
  const long double front = std::exp(std::lgamma(la + lb) - std::lgamma(la) - std::lgamma(lb) +
                                     la * std::log(lx) + lb * std::log1p(-lx));
  if (x < (a + 1) / (a + b + 2)) return static_cast<double>(front * beta_cf(la, lb, lx) / la);
  return static_cast<double>(1 - front * beta_cf(lb, la, 1 - lx) / lb);
}

/// The modified Bessel function I0(x) by its power series sum ((x/2)^k / k!)^2.
inline double bessel_i0(double x) {
  const long double q = static_cast<long double>(x) * x / 4;
  long double term = 1, sum = 1;
  for (int k = 1; k < 100000; ++k) {
    term *= q / (static_cast<long double>(k) * k);
    sum += term;
    if (term < sum * 1e-19L) break;
  }
  return static_cast<double>(sum);
}

// ---- continuous CDFs ----------------------------------------------------------------------------

inline double uniform_cdf(double x, double low, double high) {
  return x <= low ? 0 : x >= high ? 1 : (x - low) / (high - low);
}
inline double normal_cdf(double x, double mu = 0, double sigma = 1) {
  return 0.5 * std::erfc(-(x - mu) / (sigma * std::sqrt(2.0)));
}
inline double exponential_cdf(double x, double scale = 1) {
  return x <= 0 ? 0 : -std::expm1(-x / scale);
}
inline double gamma_cdf(double x, double shape, double scale = 1) {
  return gamma_p(shape, x / scale);
}
inline double beta_cdf(double x, double a, double b) { return beta_inc(a, b, x); }
inline double chisquare_cdf(double x, double df) { return gamma_p(df / 2, x / 2); }
inline double f_cdf(double x, double dfnum, double dfden) {
  return x <= 0 ? 0 : beta_inc(dfnum / 2, dfden / 2, dfnum * x / (dfnum * x + dfden));
}
inline double student_t_cdf(double t, double df) {
  if (std::isinf(t)) return t > 0 ? 1 : 0;
  const double tail = 0.5 * beta_inc(df / 2, 0.5, df / (df + t * t));
  return t > 0 ? 1 - tail : tail;
}
inline double lognormal_cdf(double x, double mean, double sigma) {
  return x <= 0 ? 0 : normal_cdf(std::log(x), mean, sigma);
}
inline double logistic_cdf(double x, double loc, double scale) {
  return 1 / (1 + std::exp(-(x - loc) / scale));
}
inline double gumbel_cdf(double x, double loc, double scale) {
  return std::exp(-std::exp(-(x - loc) / scale));
}
inline double laplace_cdf(double x, double loc, double scale) {
  const double z = (x - loc) / scale;
  return z < 0 ? 0.5 * std::exp(z) : 1 - 0.5 * std::exp(-z);
}
inline double weibull_cdf(double x, double a) {
  return x <= 0 ? 0 : -std::expm1(-std::pow(x, a));
}
/// NumPy's pareto is the Lomax (Pareto II) distribution: 1 - (1 + x)^-a on x >= 0.
inline double pareto_cdf(double x, double a) {
  return x <= 0 ? 0 : -std::expm1(-a * std::log1p(x));
}
inline double rayleigh_cdf(double x, double scale) {
  return x <= 0 ? 0 : -std::expm1(-x * x / (2 * scale * scale));
}
inline double triangular_cdf(double x, double left, double mode, double right) {
  if (x <= left) return 0;
  if (x >= right) return 1;
  if (x <= mode) return (x - left) * (x - left) / ((right - left) * (mode - left));
  return 1 - (right - x) * (right - x) / ((right - left) * (right - mode));
}

/// The von Mises distribution on [-pi, pi): the density exp(kappa cos(x - mu)) / (2 pi I0(kappa))
/// integrated numerically (5-point Gauss-Legendre on each of `cells` cells, cumulated once), the
/// CDF between the cell edges by cubic Hermite interpolation with the density as the derivative.
/// Where kappa is large the cells cover mu +- 40 standard deviations only; outside the density is
/// below e^-800. The total is the numerical integral itself; vonmises_norm checks it against
/// 2 pi I0(kappa).
class vonmises_cdf {
 public:
  vonmises_cdf(double mu, double kappa, int cells = 1 << 16) : mu_(mu), kappa_(kappa) {
    lo_ = -kPi;
    hi_ = kPi;
    if (kappa > 1e4) {
      const double w = 40 / std::sqrt(kappa);
      lo_ = std::max(-kPi, mu - w);
      hi_ = std::min(kPi, mu + w);
    }
    static const double nodes[5] = {-0.9061798459386640, -0.5384693101056831, 0.0,
                                    0.5384693101056831, 0.9061798459386640};
    static const double weights[5] = {0.2369268850561891, 0.4786286704993665,
                                      0.5688888888888889, 0.4786286704993665,
                                      0.2369268850561891};
    h_ = (hi_ - lo_) / cells;
    edges_.assign(static_cast<std::size_t>(cells) + 1, 0.0L);
    for (int c = 0; c < cells; ++c) {
      const double mid = lo_ + (c + 0.5) * h_;
      long double s = 0;
      for (int q = 0; q < 5; ++q) s += weights[q] * scaled_pdf(mid + 0.5 * h_ * nodes[q]);
      edges_[c + 1] = edges_[c] + s * 0.5L * h_;
    }
    total_ = edges_.back();
  }
  /// exp(kappa (cos(x - mu) - 1)) without overflow; cos(t) - 1 = -2 sin(t / 2)^2.
  double scaled_pdf(double x) const {
    const double s = std::sin(0.5 * (x - mu_));
    return std::exp(-2 * kappa_ * s * s);
  }
  double pdf(double x) const { return scaled_pdf(x) / static_cast<double>(total_); }
  /// The integral of exp(kappa cos(x - mu)) over the circle, from the quadrature (for the
  /// kappa where the cells cover the whole circle).
  double norm() const { return static_cast<double>(total_) * std::exp(kappa_); }
  double operator()(double x) const {
    if (x <= lo_) return 0;
    if (x >= hi_) return 1;
    const double t = (x - lo_) / h_;
    const auto c = std::min(static_cast<std::size_t>(t), edges_.size() - 2);
    const double x0 = lo_ + static_cast<double>(c) * h_, s = (x - x0) / h_;
    const double f0 = static_cast<double>(edges_[c] / total_);
    const double f1 = static_cast<double>(edges_[c + 1] / total_);
    const double d0 = pdf(x0) * h_, d1 = pdf(x0 + h_) * h_;
    const double s2 = s * s, s3 = s2 * s;
    const double v = (2 * s3 - 3 * s2 + 1) * f0 + (s3 - 2 * s2 + s) * d0 +
                     (-2 * s3 + 3 * s2) * f1 + (s3 - s2) * d1;
    return std::clamp(v, 0.0, 1.0);
  }
  /// The mean and variance of x on [-pi, pi) by the same quadrature.
  void moments(double& mean, double& var) const {
    long double m1 = 0, m2 = 0, m0 = 0;
    const int steps = 1 << 18;
    const double h = (hi_ - lo_) / steps;
    for (int i = 0; i < steps; ++i) {
      const double x = lo_ + (i + 0.5) * h, p = scaled_pdf(x);
      m0 += p;
      m1 += p * x;
      m2 += p * x * x;
    }
    mean = static_cast<double>(m1 / m0);
    var = static_cast<double>(m2 / m0) - mean * mean;
  }

 private:
  double mu_, kappa_, lo_, hi_, h_;
  std::vector<long double> edges_;
  long double total_;
};

// ---- discrete PMFs --------------------------------------------------------------------------------

inline double log_choose(double n, double k) {
  return std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1);
}
inline double binomial_pmf(std::int64_t k, std::int64_t n, double p) {
  if (k < 0 || k > n) return 0;
  if (p == 0) return k == 0 ? 1 : 0;
  if (p == 1) return k == n ? 1 : 0;
  const double dk = static_cast<double>(k), dn = static_cast<double>(n);
  return std::exp(log_choose(dn, dk) + dk * std::log(p) + (dn - dk) * std::log1p(-p));
}
inline double poisson_pmf(std::int64_t k, double lam) {
  if (k < 0) return 0;
  if (lam == 0) return k == 0 ? 1 : 0;
  const double dk = static_cast<double>(k);
  return std::exp(dk * std::log(lam) - lam - std::lgamma(dk + 1));
}
/// The number of trials up to and including the first success: support 1, 2, ...
inline double geometric_pmf(std::int64_t k, double p) {
  if (k < 1) return 0;
  if (p == 1) return k == 1 ? 1 : 0;
  return p * std::exp(static_cast<double>(k - 1) * std::log1p(-p));
}
/// NumPy's negative binomial: the number of failures before the n-th success (n real > 0).
inline double negative_binomial_pmf(std::int64_t k, double n, double p) {
  if (k < 0) return 0;
  if (p == 1) return k == 0 ? 1 : 0;
  const double dk = static_cast<double>(k);
  return std::exp(std::lgamma(dk + n) - std::lgamma(n) - std::lgamma(dk + 1) + n * std::log(p) +
                  dk * std::log1p(-p));
}
/// Good items among nsample drawn without replacement from ngood good and nbad bad.
inline double hypergeometric_pmf(std::int64_t k, std::int64_t ngood, std::int64_t nbad,
                                 std::int64_t nsample) {
  if (k < 0 || k > ngood || k > nsample || nsample - k > nbad) return 0;
  return std::exp(log_choose(static_cast<double>(ngood), static_cast<double>(k)) +
                  log_choose(static_cast<double>(nbad), static_cast<double>(nsample - k)) -
                  log_choose(static_cast<double>(ngood + nbad), static_cast<double>(nsample)));
}

// ---- the Kolmogorov-Smirnov statistic ----------------------------------------------------------------

/// sqrt(ln(2 / alpha) / 2): the asymptotic critical value of sqrt(n) D at alpha = 1e-3.
constexpr double kKsCritical = 1.949;

/// An upper bound of the KS statistic sup |F_n - F| of the exact values that were rounded to the
/// samples `x`. A sample of type T stands for any value within `ulps` of its gaps to the
/// neighbouring values of T (one half: rounding to nearest), so F is taken at x lowered by that much where the bound needs it small and raised where it needs it large: the
/// statistic of the unrounded values can only be smaller. With `stride` > 1, F is evaluated only at
/// every stride-th order statistic (for the costly CDFs); between two of them F and F_n are
/// bracketed by their values at the ends, which adds at most stride / n and the rise of F over one
/// stride (about stride / n too) to the bound.
template <class T, class Cdf>
double ks_statistic(std::vector<T> x, const Cdf& cdf, std::size_t stride = 1, double ulps = 0.5) {
  std::sort(x.begin(), x.end());
  const std::size_t n = x.size();
  const double dn = static_cast<double>(n);
  auto widened = [&](std::size_t i, bool up) {
    const T v = x[i];
    const T next = std::nextafter(v, up ? std::numeric_limits<T>::infinity()
                                        : -std::numeric_limits<T>::infinity());
    const double gap = static_cast<double>(next) - static_cast<double>(v);
    return cdf(static_cast<double>(v) + (std::isfinite(gap) ? ulps * gap : 0.0));
  };
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i < n; i += stride) at.push_back(i);
  if (at.back() != n - 1) at.push_back(n - 1);
  double d = widened(0, true);                  // below the smallest sample F_n = 0
  d = std::max(d, 1 - widened(n - 1, false));  // at and above the largest F_n = 1
  double f_prev_lo = widened(at[0], false);
  for (std::size_t j = 0; j + 1 < at.size(); ++j) {
    const std::size_t a = at[j], b = at[j + 1];
    const double f_next_lo = widened(b, false), f_next_hi = widened(b, true);
    // On [x_a, x_b): (a + 1) / n <= F_n <= b / n and F(lo(x_a)) <= F <= F(hi(x_b)).
    d = std::max(d, static_cast<double>(b) / dn - f_prev_lo);
    d = std::max(d, f_next_hi - static_cast<double>(a + 1) / dn);
    f_prev_lo = f_next_lo;
  }
  return d;
}

// ---- chi-square tests of discrete samples ------------------------------------------------------------

struct chi_square_result {
  double statistic = 0;
  int dof = 0;
};

/// Pearson's statistic of observed against expected counts, adjacent bins merged left to right
/// until each expected count is at least 5 (what is left at the end joins the last bin).
inline chi_square_result chi_square(const std::vector<double>& observed,
                                    const std::vector<double>& expected) {
  std::vector<double> o, e;
  double so = 0, se = 0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    so += observed[i];
    se += expected[i];
    if (se >= 5) {
      o.push_back(so);
      e.push_back(se);
      so = se = 0;
    }
  }
  if (se > 0 || so > 0) {
    if (e.empty()) {
      o.push_back(so);
      e.push_back(se);
    } else {
      o.back() += so;
      e.back() += se;
    }
  }
  chi_square_result r;
  for (std::size_t i = 0; i < o.size(); ++i) {
    const double diff = o[i] - e[i];
    r.statistic += e[i] > 0 ? diff * diff / e[i] : (o[i] > 0 ? 1e300 : 0);
  }
  r.dof = static_cast<int>(o.size()) - 1;
  return r;
}

/// The chi-square statistic of an integer sample against `pmf` over [lo, hi]; the probability
/// outside (1 minus the sum over [lo, hi]) and the samples outside make one more bin, after hi.
template <class I, class Pmf>
chi_square_result chi_square_discrete(const std::vector<I>& sample, std::int64_t lo,
                                      std::int64_t hi, const Pmf& pmf) {
  const double n = static_cast<double>(sample.size());
  std::vector<double> observed(static_cast<std::size_t>(hi - lo + 2), 0.0);
  std::vector<double> expected(observed.size(), 0.0);
  for (const I v : sample) {
    const auto x = static_cast<std::int64_t>(v);
    ++observed[x < lo || x > hi ? observed.size() - 1 : static_cast<std::size_t>(x - lo)];
  }
  double inside = 0;
  for (std::int64_t k = lo; k <= hi; ++k) {
    const double p = pmf(k);
    expected[static_cast<std::size_t>(k - lo)] = n * p;
    inside += p;
  }
  expected.back() = n * std::max(0.0, 1 - inside);
  return chi_square(observed, expected);
}

/// The z of the upper 1e-3 tail of the standard normal.
constexpr double kZ999 = 3.0902;

/// The chi-square critical value at the 1e-3 level by the Wilson-Hilferty approximation
/// dof (1 - 2 / (9 dof) + z sqrt(2 / (9 dof)))^3. It is slightly above the exact quantile (by
/// 3% at 1 degree of freedom, 0.6% at 10, 0.04% at 100), so a test at it has a level between
/// 0.8e-3 and 1e-3.
inline double chi_square_critical(int dof) {
  const double k = dof, c = 2 / (9 * k);
  const double t = 1 - c + kZ999 * std::sqrt(c);
  return k * t * t * t;
}

/// Sample mean and (biased) variance, and the fourth central moment for the standard error of
/// the variance.
struct sample_moments {
  double mean = 0, var = 0, m4 = 0;
};
template <class T>
sample_moments moments_of(const std::vector<T>& v) {
  long double s = 0;
  for (const T x : v) s += static_cast<long double>(x);
  const long double mean = s / static_cast<long double>(v.size());
  long double s2 = 0, s4 = 0;
  for (const T x : v) {
    const long double d = static_cast<long double>(x) - mean, d2 = d * d;
    s2 += d2;
    s4 += d2 * d2;
  }
  sample_moments m;
  m.mean = static_cast<double>(mean);
  m.var = static_cast<double>(s2 / static_cast<long double>(v.size()));
  m.m4 = static_cast<double>(s4 / static_cast<long double>(v.size()));
  return m;
}

}  // namespace cupp::test::ref
