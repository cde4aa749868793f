// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The continuous distributions of cupp::random::Generator against their exact laws: for float and
// double, 10^7 samples from a fixed seed are checked for range and finiteness, for the mean and
// variance within 6 standard errors, and by a Kolmogorov-Smirnov test at alpha = 1e-3 against
// the CDFs of cdf_reference.hpp; multivariate_normal and dirichlet by their moments and
// marginals. The host references themselves are checked first, against known values.
#include <gtest/gtest.h>

#include <cmath>
#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "cdf_reference.hpp"
#include "cupp/array.hpp"
#include "support/dtypes.hpp"
#include "support/gpu.hpp"

namespace {

namespace ref = cupp::test::ref;
using cupp::test::GpuTest;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---- the references -----------------------------------------------------------------------------

TEST(CdfReference, IncompleteGammaAgainstClosedForms) {
  for (const double x : {0.01, 0.5, 1.0, 3.0, 10.0, 40.0}) {
    EXPECT_NEAR(ref::gamma_p(1, x), -std::expm1(-x), 1e-14) << x;
    EXPECT_NEAR(ref::gamma_p(0.5, x), std::erf(std::sqrt(x)), 1e-14) << x;
  }
  // P(n, x) = 1 - e^-x sum_{k < n} x^k / k! for integer n, summed here in long double.
  for (const int n : {3, 50}) {
    for (const double x : {2.0, 30.0, 50.0, 70.0}) {
      long double term = 1, sum = 0;
      for (int k = 0; k < n; ++k) {
        sum += term;
        term *= static_cast<long double>(x) / (k + 1);
      }
      const double expect = static_cast<double>(1 - std::exp(-static_cast<long double>(x)) * sum);
      EXPECT_NEAR(ref::gamma_p(n, x), expect, 1e-13) << n << " " << x;
    }
  }
  EXPECT_NEAR(ref::gamma_p(3, 2), 0.32332358381693654, 1e-15);
  EXPECT_EQ(ref::gamma_p(0.3, 0), 0.0);
  // Chi-square quantiles from tables: 95% at 1 degree of freedom, 99.9% at 10.
  EXPECT_NEAR(ref::chisquare_cdf(3.841458820694124, 1), 0.95, 1e-12);
  EXPECT_NEAR(ref::chisquare_cdf(29.58829844507442, 10), 0.999, 1e-12);
}

TEST(CdfReference, IncompleteBetaAgainstClosedForms) {
  for (const double x : {1e-6, 0.1, 0.37, 0.5, 0.9, 0.999999}) {
    EXPECT_NEAR(ref::beta_inc(1, 1, x), x, 1e-14) << x;
    EXPECT_NEAR(ref::beta_inc(0.3, 1, x), std::pow(x, 0.3), 1e-14) << x;
    EXPECT_NEAR(ref::beta_inc(1, 2.5, x), 1 - std::pow(1 - x, 2.5), 1e-14) << x;
    // (asin loses digits near 1: its own error there is some 1e-14)
    EXPECT_NEAR(ref::beta_inc(0.5, 0.5, x), 2 / ref::kPi * std::asin(std::sqrt(x)), 1e-13) << x;
  }
  EXPECT_NEAR(ref::beta_inc(2, 3, 0.4), 0.5248, 1e-14);
  EXPECT_NEAR(ref::beta_inc(100, 100, 0.5), 0.5, 1e-13);
  // I_x(a, b) = P(Binomial(a + b - 1, x) >= a) for integers a, b.
  for (const double x : {0.35, 0.4, 0.45}) {
    double tail = 0;
    for (int k = 200; k <= 499; ++k) tail += ref::binomial_pmf(k, 499, x);
    EXPECT_NEAR(ref::beta_inc(200, 300, x), tail, 1e-12) << x;
  }
}

TEST(CdfReference, StudentTFAndNormalAgainstTables) {
  for (const double t : {-30.0, -2.0, -0.3, 0.0, 1.0, 7.5}) {
    EXPECT_NEAR(ref::student_t_cdf(t, 1), 0.5 + std::atan(t) / ref::kPi, 1e-14) << t;
    EXPECT_NEAR(ref::student_t_cdf(t, 2), 0.5 + t / (2 * std::sqrt(2 + t * t)), 1e-14) << t;
  }
  EXPECT_NEAR(ref::student_t_cdf(2.042272456301238, 30), 0.975, 1e-12);
  EXPECT_NEAR(ref::student_t_cdf(3.182446305284263, 3), 0.975, 1e-12);
  EXPECT_NEAR(ref::f_cdf(1.0, 7, 7), 0.5, 1e-14);
  EXPECT_NEAR(ref::f_cdf(2.710889837592987, 5, 20), 0.95, 1e-9);
  EXPECT_NEAR(ref::normal_cdf(1.959963984540054), 0.975, 1e-15);
  EXPECT_NEAR(ref::lognormal_cdf(std::exp(0.5), 0.5, 2), 0.5, 1e-15);
}

TEST(CdfReference, VonMisesIntegratesToTwoPiI0) {
  EXPECT_NEAR(ref::bessel_i0(1), 1.2660658777520082, 1e-15);
  EXPECT_NEAR(ref::bessel_i0(4), 11.301921952136330, 1e-13);
  for (const double kappa : {0.0, 0.5, 4.0}) {
    const ref::vonmises_cdf cdf(0.7, kappa);
    EXPECT_NEAR(cdf.norm() / (2 * ref::kPi * ref::bessel_i0(kappa)), 1.0, 1e-12) << kappa;
    EXPECT_EQ(cdf(ref::kPi), 1.0);
    // Symmetric about mu: F(mu + t) - F(mu - t) = 2 (F(mu) - F(mu - t)) on the circle.
    const ref::vonmises_cdf centred(0, kappa);
    EXPECT_NEAR(centred(0), 0.5, 1e-12) << kappa;
    EXPECT_NEAR(centred(1.1) + centred(-1.1), 1.0, 1e-12) << kappa;
  }
  const ref::vonmises_cdf flat(0, 0);
  for (const double x : {-3.0, -1.0, 0.2, 2.9}) EXPECT_NEAR(flat(x), (x + ref::kPi) / (2 * ref::kPi), 1e-13);
  // For large kappa the law is normal with variance 1 / kappa to O(1 / kappa).
  const ref::vonmises_cdf sharp(-1, 1e7);
  for (const double z : {-3.0, -0.5, 0.0, 1.2})
    EXPECT_NEAR(sharp(-1 + z / std::sqrt(1e7)), ref::normal_cdf(z), 1e-6) << z;
  // Between the cell edges the interpolation is good to well below the KS tolerance.
  const ref::vonmises_cdf four(0, 4);
  long double direct = 0;
  const int steps = 2000000;
  const double h = (1.234 + ref::kPi) / steps;
  for (int i = 0; i < steps; ++i) direct += four.pdf(-ref::kPi + (i + 0.5) * h) * h;
  EXPECT_NEAR(four(1.234), static_cast<double>(direct), 1e-9);
}

TEST(CdfReference, KolmogorovSmirnovAndChiSquareHelpers) {
  auto unit = [](double x) { return ref::uniform_cdf(x, 0, 1); };
  EXPECT_NEAR(ref::ks_statistic(std::vector<double>{0.5}, unit), 0.5, 1e-15);
  std::vector<double> even;
  for (int i = 0; i < 1000; ++i) even.push_back((i + 0.5) / 1000);
  EXPECT_NEAR(ref::ks_statistic(even, unit), 0.5 / 1000, 1e-12);
  // A stride brackets the statistic from above by at most about 2 stride / n.
  EXPECT_LE(ref::ks_statistic(even, unit, 10), 0.5 / 1000 + 20.0 / 1000);
  EXPECT_GE(ref::ks_statistic(even, unit, 10), 0.5 / 1000);
  std::vector<double> shifted = even;
  for (double& x : shifted) x = x * 0.9;
  // Largest just above the last sample: 1 - 0.9 (999.5 / 1000).
  EXPECT_NEAR(ref::ks_statistic(shifted, unit), 1 - 0.9 * 0.9995, 1e-12);

  const auto exact = ref::chi_square({10, 20, 30}, {10, 20, 30});
  EXPECT_EQ(exact.statistic, 0.0);
  EXPECT_EQ(exact.dof, 2);
  // Bins below 5 expected merge with their right neighbours; a short tail joins the last bin.
  const auto merged = ref::chi_square({1, 2, 3, 10, 1}, {2, 2, 2, 10, 1});
  EXPECT_EQ(merged.dof, 1);
  EXPECT_NEAR(merged.statistic, 0.0 + 0.0, 1e-12);
  // Table values of chi2 at 0.999: 10.828 (1), 29.588 (10), 149.449 (100). Wilson-Hilferty is a
  // little above them, so the tests run at a level between 0.8e-3 and 1e-3.
  EXPECT_GE(ref::chi_square_critical(1), 10.828);
  EXPECT_NEAR(ref::chi_square_critical(10), 29.588, 0.01 * 29.588);
  EXPECT_NEAR(ref::chi_square_critical(100), 149.449, 0.001 * 149.449);
  for (const int dof : {1, 2, 5, 10, 40, 100, 1000}) {
    const double level = ref::chisquare_cdf(ref::chi_square_critical(dof), dof);
    EXPECT_GE(level, 0.999) << dof;
    EXPECT_LE(level, 0.9992) << dof;
  }
}

TEST(CdfReference, PmfsSumToOneWithTheKnownMeans) {
  auto check = [](auto pmf, std::int64_t lo, std::int64_t hi, double mean, const char* what) {
    double total = 0, m = 0;
    for (std::int64_t k = lo; k <= hi; ++k) {
      total += pmf(k);
      m += static_cast<double>(k) * pmf(k);
    }
    EXPECT_NEAR(total, 1.0, 1e-10) << what;
    EXPECT_NEAR(m, mean, 1e-8 * (1 + mean)) << what;
  };
  check([](std::int64_t k) { return ref::binomial_pmf(k, 40, 0.3); }, 0, 40, 12, "binomial");
  check([](std::int64_t k) { return ref::poisson_pmf(k, 7.5); }, 0, 200, 7.5, "poisson");
  check([](std::int64_t k) { return ref::geometric_pmf(k, 0.2); }, 1, 400, 5, "geometric");
  check([](std::int64_t k) { return ref::negative_binomial_pmf(k, 3.5, 0.4); }, 0, 500,
        3.5 * 0.6 / 0.4, "negative binomial");
  check([](std::int64_t k) { return ref::hypergeometric_pmf(k, 10, 15, 8); }, 0, 8, 8 * 10.0 / 25,
        "hypergeometric");
  EXPECT_NEAR(ref::hypergeometric_pmf(2, 5, 5, 4), 10.0 * 10 / 210, 1e-14);  // C(5,2)^2 / C(10,4)
}

// ---- the samples --------------------------------------------------------------------------------

constexpr std::int64_t kN = 10'000'000;

/// What a sample must satisfy. NaN moments are not checked (not finite); the variance is checked
/// only where the fourth moment is finite (check_var), its standard error
/// sqrt((mu4 - var^2) / n) taken with the sample's mu4, which 10^7 samples give to a few percent.
struct law {
  double mean = kNaN, var = kNaN;
  bool check_var = true;
  double lo = -kInf, hi = kInf;  // the closed range every sample lies in
  std::size_t stride = 1;        // KS: evaluate a costly CDF at every stride-th order statistic
};

std::string describe(const char* name, std::initializer_list<double> params) {
  std::string s = name;
  s += "(";
  for (const double p : params) s += std::to_string(p) + " ";
  return s + ")";
}

/// 6 standard errors on the moments; KS at alpha = 1e-3 (sqrt(n) D <= 1.949), the statistic
/// computed for the unrounded values the float samples stand for (ref::ks_statistic), which costs
/// the test at most the CDF's rise over half an ulp; a stride adds at most about 2 stride / n.
template <class T, class Cdf>
void check_law(const cupp::ndarray<T>& a, const Cdf& cdf, const law& l) {
  ASSERT_EQ(a.shape(), (cupp::shape_t{kN}));
  const std::vector<T> v = a.get();
  const T lo = static_cast<T>(l.lo), hi = static_cast<T>(l.hi);
  std::int64_t not_finite = 0, outside = 0;
  for (const T x : v) {
    if (!std::isfinite(x))
      ++not_finite;
    else if (!(x >= lo && x <= hi))
      ++outside;
  }
  EXPECT_EQ(not_finite, 0);
  EXPECT_EQ(outside, 0) << "outside [" << l.lo << ", " << l.hi << "]";
  if (not_finite != 0) return;
  const ref::sample_moments m = ref::moments_of(v);
  const double n = static_cast<double>(v.size());
  if (std::isfinite(l.mean) && std::isfinite(l.var)) {
    EXPECT_NEAR(m.mean, l.mean, 6 * std::sqrt(l.var / n)) << "mean";
  }
  if (std::isfinite(l.var) && l.check_var) {
    EXPECT_NEAR(m.var, l.var, 6 * std::sqrt((m.m4 - m.var * m.var) / n)) << "variance";
  }
  const double d = ref::ks_statistic(v, cdf, l.stride);
  EXPECT_LE(std::sqrt(n) * d, ref::kKsCritical) << "KS statistic D = " << d;
}

template <class T>
class Distributions : public GpuTest {};
TYPED_TEST_SUITE(Distributions, cupp::test::FloatDtypes);

/// A seed per test and dtype, so no two checks share their numbers. The numbers of a seed are the
/// same on every GPU (Note [Random stream layout]), so each check passes or fails for good: at
/// alpha = 1e-3 a correct sampler fails one of these ~90 checks on some seed about one time in
/// ten, so confirm a failure on a few other seeds before calling it a bug.
template <class T>
cupp::random::Generator rng(std::uint64_t seed) {
  return cupp::random::default_rng(seed * 2 + (sizeof(T) == 4 ? 0 : 1));
}

TYPED_TEST(Distributions, Random) {
  using T = TypeParam;
  auto g = rng<T>(101);
  law l{0.5, 1.0 / 12, true, 0, 1};
  const auto a = g.template random<T>({kN});
  check_law(a, [](double x) { return ref::uniform_cdf(x, 0, 1); }, l);
  const std::vector<T> v = a.get();
  for (const T x : v) ASSERT_LT(x, T(1));  // [0, 1): never 1
}

TYPED_TEST(Distributions, Uniform) {
  using T = TypeParam;
  auto g = rng<T>(102);
  {
    // high - low = 8, a power of two: low + 8 u is exact in both types, so high is never drawn.
    SCOPED_TRACE("uniform(-2, 6)");
    const auto a = g.template uniform<T>(-2, 6, {kN});
    check_law(a, [](double x) { return ref::uniform_cdf(x, -2, 6); },
              law{2.0, 64.0 / 12, true, -2, 6});
    for (const T x : a.get()) ASSERT_LT(x, T(6));
  }
  {
    // Otherwise low + (high - low) u may round up to high (NumPy documents the same for its
    // uniform), so the closed range is all that is promised.
    SCOPED_TRACE("uniform(0.1, 1.7)");
    const auto a = g.template uniform<T>(0.1, 1.7, {kN});
    check_law(a, [](double x) { return ref::uniform_cdf(x, 0.1, 1.7); },
              law{0.9, 1.6 * 1.6 / 12, true, static_cast<double>(static_cast<T>(0.1)),
                  static_cast<double>(static_cast<T>(1.7))});
  }
}

TYPED_TEST(Distributions, Normal) {
  using T = TypeParam;
  auto g = rng<T>(103);
  {
    SCOPED_TRACE("standard_normal");
    check_law(g.template standard_normal<T>({kN}), [](double x) { return ref::normal_cdf(x); },
              law{0, 1});
  }
  {
    SCOPED_TRACE("normal(3, 2.5)");
    check_law(g.template normal<T>(3, 2.5, {kN}),
              [](double x) { return ref::normal_cdf(x, 3, 2.5); }, law{3, 6.25});
  }
}

TYPED_TEST(Distributions, Exponential) {
  using T = TypeParam;
  auto g = rng<T>(104);
  {
    SCOPED_TRACE("standard_exponential");
    check_law(g.template standard_exponential<T>({kN}),
              [](double x) { return ref::exponential_cdf(x); }, law{1, 1, true, 0});
  }
  {
    SCOPED_TRACE("exponential(3)");
    check_law(g.template exponential<T>(3, {kN}),
              [](double x) { return ref::exponential_cdf(x, 3); }, law{3, 9, true, 0});
  }
}

TYPED_TEST(Distributions, Gamma) {
  using T = TypeParam;
  auto g = rng<T>(105);
  // Shapes below one (Ahrens-Dieter GS), one (the exponential), above (Marsaglia-Tsang).
  for (const double k : {0.3, 1.0, 2.5, 50.0}) {
    {
      SCOPED_TRACE(describe("standard_gamma", {k}));
      check_law(g.template standard_gamma<T>(k, {kN}),
                [k](double x) { return ref::gamma_cdf(x, k); }, law{k, k, true, 0, kInf, 64});
    }
    {
      SCOPED_TRACE(describe("gamma", {k, 2.0}));
      check_law(g.template gamma<T>(k, 2.0, {kN}),
                [k](double x) { return ref::gamma_cdf(x, k, 2.0); },
                law{2 * k, 4 * k, true, 0, kInf, 64});
    }
  }
}

TYPED_TEST(Distributions, Beta) {
  using T = TypeParam;
  auto g = rng<T>(106);
  for (const auto& [a, b] : {std::pair{0.2, 0.5}, std::pair{0.5, 3.0}, std::pair{4.0, 0.7},
                             std::pair{50.0, 80.0}}) {
    SCOPED_TRACE(describe("beta", {a, b}));
    const double s = a + b;
    check_law(g.template beta<T>(a, b, {kN}),
              [a = a, b = b](double x) { return ref::beta_cdf(x, a, b); },
              law{a / s, a * b / (s * s * (s + 1)), true, 0, 1, 64});
  }
}

TYPED_TEST(Distributions, Lognormal) {
  using T = TypeParam;
  auto g = rng<T>(107);
  const double mu = 0.5, s = 0.75;
  check_law(g.template lognormal<T>(mu, s, {kN}),
            [=](double x) { return ref::lognormal_cdf(x, mu, s); },
            law{std::exp(mu + s * s / 2), std::expm1(s * s) * std::exp(2 * mu + s * s), true, 0});
}

TYPED_TEST(Distributions, LogisticGumbelLaplace) {
  using T = TypeParam;
  auto g = rng<T>(108);
  {
    SCOPED_TRACE("logistic(1, 2)");
    check_law(g.template logistic<T>(1, 2, {kN}),
              [](double x) { return ref::logistic_cdf(x, 1, 2); },
              law{1, 4 * ref::kPi * ref::kPi / 3});
  }
  {
    SCOPED_TRACE("gumbel(-1, 3)");
    check_law(g.template gumbel<T>(-1, 3, {kN}), [](double x) { return ref::gumbel_cdf(x, -1, 3); },
              law{-1 + 3 * ref::kEulerGamma, ref::kPi * ref::kPi * 9 / 6});
  }
  {
    SCOPED_TRACE("laplace(2, 0.5)");
    check_law(g.template laplace<T>(2, 0.5, {kN}),
              [](double x) { return ref::laplace_cdf(x, 2, 0.5); }, law{2, 0.5});
  }
}

TYPED_TEST(Distributions, ChiSquareAndF) {
  using T = TypeParam;
  auto g = rng<T>(109);
  for (const double df : {0.8, 3.0, 40.0}) {
    SCOPED_TRACE(describe("chisquare", {df}));
    check_law(g.template chisquare<T>(df, {kN}),
              [df](double x) { return ref::chisquare_cdf(x, df); },
              law{df, 2 * df, true, 0, kInf, 64});
  }
  {
    // Mean d2 / (d2 - 2) for d2 > 2, variance finite for d2 > 4, fourth moment for d2 > 8.
    SCOPED_TRACE("f(5, 20)");
    const double d1 = 5, d2 = 20;
    check_law(g.template f<T>(d1, d2, {kN}), [=](double x) { return ref::f_cdf(x, d1, d2); },
              law{d2 / (d2 - 2),
                  2 * d2 * d2 * (d1 + d2 - 2) / (d1 * (d2 - 2) * (d2 - 2) * (d2 - 4)), true, 0,
                  kInf, 64});
  }
  {
    SCOPED_TRACE("f(2, 3)");  // heavy tailed: infinite variance, KS only
    check_law(g.template f<T>(2, 3, {kN}), [](double x) { return ref::f_cdf(x, 2, 3); },
              law{kNaN, kNaN, false, 0, kInf, 64});
  }
}

TYPED_TEST(Distributions, StudentT) {
  using T = TypeParam;
  auto g = rng<T>(110);
  {
    SCOPED_TRACE("standard_t(1)");  // Cauchy: no moments
    check_law(g.template standard_t<T>(1, {kN}),
              [](double x) { return ref::student_t_cdf(x, 1); }, law{kNaN, kNaN, false, -kInf,
                                                                     kInf, 64});
  }
  {
    SCOPED_TRACE("standard_t(3)");  // variance 3, fourth moment infinite
    check_law(g.template standard_t<T>(3, {kN}),
              [](double x) { return ref::student_t_cdf(x, 3); }, law{0, 3, false, -kInf, kInf, 64});
  }
  {
    SCOPED_TRACE("standard_t(30)");
    check_law(g.template standard_t<T>(30, {kN}),
              [](double x) { return ref::student_t_cdf(x, 30); },
              law{0, 30.0 / 28, true, -kInf, kInf, 64});
  }
}

TYPED_TEST(Distributions, WeibullParetoRayleigh) {
  using T = TypeParam;
  auto g = rng<T>(111);
  for (const double a : {0.5, 1.0, 3.0}) {
    SCOPED_TRACE(describe("weibull", {a}));
    const double m1 = std::tgamma(1 + 1 / a), m2 = std::tgamma(1 + 2 / a);
    check_law(g.template weibull<T>(a, {kN}), [a](double x) { return ref::weibull_cdf(x, a); },
              law{m1, m2 - m1 * m1, true, 0});
  }
  {
    // Lomax: mean 1 / (a - 1), variance a / ((a - 1)^2 (a - 2)); fourth moment finite for a > 4.
    SCOPED_TRACE("pareto(5)");
    check_law(g.template pareto<T>(5, {kN}), [](double x) { return ref::pareto_cdf(x, 5); },
              law{0.25, 5.0 / 48, true, 0});
  }
  {
    SCOPED_TRACE("pareto(1.5)");  // infinite variance: KS only
    check_law(g.template pareto<T>(1.5, {kN}), [](double x) { return ref::pareto_cdf(x, 1.5); },
              law{kNaN, kNaN, false, 0});
  }
  {
    SCOPED_TRACE("rayleigh(2)");
    check_law(g.template rayleigh<T>(2, {kN}), [](double x) { return ref::rayleigh_cdf(x, 2); },
              law{2 * std::sqrt(ref::kPi / 2), (4 - ref::kPi) / 2 * 4, true, 0});
  }
}

TYPED_TEST(Distributions, VonMises) {
  using T = TypeParam;
  auto g = rng<T>(112);
  // kappa 0 is uniform on [-pi, pi); 1e-6 takes the Taylor branch of Best and Fisher's s, 0.5 and 4
  // the general one (4 with mu near pi, so that the samples wrap), 1e7 the wrapped normal.
  for (const auto& [mu, kappa] : {std::pair{0.0, 0.0}, std::pair{0.0, 1e-6}, std::pair{1.0, 0.5},
                                  std::pair{2.5, 4.0}, std::pair{-1.0, 1e7}}) {
    SCOPED_TRACE(describe("vonmises", {mu, kappa}));
    const ref::vonmises_cdf cdf(mu, kappa);
    law l;
    cdf.moments(l.mean, l.var);
    l.lo = -ref::kPi;
    l.hi = ref::kPi;
    check_law(g.template vonmises<T>(mu, kappa, {kN}), cdf, l);
  }
}

TYPED_TEST(Distributions, Triangular) {
  using T = TypeParam;
  auto g = rng<T>(113);
  for (const auto& [a, c, b] : {std::tuple{-1.0, 0.5, 3.0}, std::tuple{2.0, 2.0, 5.0},
                                std::tuple{2.0, 5.0, 5.0}}) {
    SCOPED_TRACE(describe("triangular", {a, c, b}));
    check_law(g.template triangular<T>(a, c, b, {kN}),
              [a = a, c = c, b = b](double x) { return ref::triangular_cdf(x, a, c, b); },
              law{(a + b + c) / 3, (a * a + b * b + c * c - a * b - a * c - b * c) / 18, true, a,
                  b});
  }
}

TYPED_TEST(Distributions, MultivariateNormal) {
  using T = TypeParam;
  auto g = rng<T>(114);
  const std::int64_t n = 1'000'000, d = 3;
  const std::vector<double> mean = {1, -2, 0.5};
  // A symmetric positive definite covariance (leading minors 2, 1.64, 0.578) and a singular
  // one, v v^T + w w^T with v = (1, 2, -1), w = (0.5, 0, 1), whose samples lie in the plane
  // through the mean normal to v x w = (2, -1.5, -1).
  const std::vector<std::vector<double>> covs = {
      {2, 0.6, -0.3, 0.6, 1, 0.2, -0.3, 0.2, 0.5},
      {1.25, 2, -0.5, 2, 4, -2, -0.5, -2, 2},
  };
  for (std::size_t c = 0; c < covs.size(); ++c) {
    SCOPED_TRACE(c == 0 ? "positive definite" : "singular");
    const std::vector<double>& cov = covs[c];
    std::vector<T> mean_t(mean.begin(), mean.end()), cov_t(cov.begin(), cov.end());
    const auto x = g.template multivariate_normal<T>(cupp::asarray(mean_t),
                                                     cupp::asarray(cov_t, {d, d}), {n});
    ASSERT_EQ(x.shape(), (cupp::shape_t{n, d}));
    const std::vector<T> v = x.get();
    std::vector<long double> m(d, 0), s(d * d, 0);
    for (std::int64_t i = 0; i < n; ++i)
      for (std::int64_t j = 0; j < d; ++j) {
        ASSERT_TRUE(std::isfinite(v[i * d + j]));
        m[j] += v[i * d + j];
      }
    for (auto& mj : m) mj /= n;
    for (std::int64_t i = 0; i < n; ++i)
      for (std::int64_t j = 0; j < d; ++j)
        for (std::int64_t k = 0; k < d; ++k)
          s[j * d + k] += (v[i * d + j] - m[j]) * (v[i * d + k] - m[k]);
    const double dn = static_cast<double>(n);
    for (std::int64_t j = 0; j < d; ++j) {
      // Standard errors: sqrt(S_jj / n) for the mean, sqrt((S_jj S_kk + S_jk^2) / n) for a
      // covariance of a normal vector.
      EXPECT_NEAR(static_cast<double>(m[j]), mean[j], 6 * std::sqrt(cov[j * d + j] / dn)) << j;
      for (std::int64_t k = 0; k < d; ++k) {
        const double se =
            std::sqrt((cov[j * d + j] * cov[k * d + k] + cov[j * d + k] * cov[j * d + k]) / dn);
        EXPECT_NEAR(static_cast<double>(s[j * d + k] / n), cov[j * d + k], 6 * se) << j << k;
      }
    }
    if (c == 1) {
      // The zero eigenvalue comes out of eigh as a few eps |cov| (|cov| < 6; allow 30), so off the
      // plane a sample strays by up to sqrt(30 eps 6) times a normal (below 6 in 10^6 draws)
      // times |v x w| = 2.7, plus the rounding of x itself (|x| < 20).
      const double eps = std::numeric_limits<T>::epsilon();
      const double tol = 6 * 2.7 * std::sqrt(30 * eps * 6) + 100 * eps * 20;
      double worst = 0;
      for (std::int64_t i = 0; i < n; ++i)
        worst = std::max(worst, std::fabs(2 * (v[i * d] - mean[0]) - 1.5 * (v[i * d + 1] - mean[1]) -
                                          (v[i * d + 2] - mean[2])));
      EXPECT_LE(worst, tol);
    }
  }
  // size + (d,) for any size.
  const std::vector<T> m0 = {0, 0, 0}, eye = {1, 0, 0, 0, 1, 0, 0, 0, 1};
  EXPECT_EQ(g.template multivariate_normal<T>(cupp::asarray(m0), cupp::asarray(eye, {3, 3}), {2, 5})
                .shape(),
            (cupp::shape_t{2, 5, 3}));
  EXPECT_EQ(g.template multivariate_normal<T>(cupp::asarray(m0), cupp::asarray(eye, {3, 3}), {})
                .shape(),
            (cupp::shape_t{3}));
}

TYPED_TEST(Distributions, Dirichlet) {
  using T = TypeParam;
  auto g = rng<T>(116);
  const std::int64_t rows = 2'000'000;
  // Rows sum to one up to the rounding of k values to T and their sum.
  const double sum_tol = 8 * std::numeric_limits<T>::epsilon();
  {
    const std::vector<double> alpha = {0.5, 2, 3.5};
    const double total = 6;
    const auto x = g.template dirichlet<T>(alpha, {rows});
    ASSERT_EQ(x.shape(), (cupp::shape_t{rows, 3}));
    const std::vector<T> v = x.get();
    for (std::int64_t i = 0; i < rows; ++i) {
      const double s = static_cast<double>(v[i * 3]) + v[i * 3 + 1] + v[i * 3 + 2];
      ASSERT_NEAR(s, 1.0, sum_tol) << "row " << i;
    }
    // Each marginal is Beta(alpha_i, total - alpha_i).
    for (std::size_t j = 0; j < alpha.size(); ++j) {
      SCOPED_TRACE("marginal " + std::to_string(j));
      std::vector<T> col(static_cast<std::size_t>(rows));
      for (std::int64_t i = 0; i < rows; ++i) col[i] = v[i * 3 + j];
      const double a = alpha[j], b = total - alpha[j];
      for (const T c : col) ASSERT_TRUE(c >= T(0) && c <= T(1)) << c;
      const double d = ref::ks_statistic(col, [=](double y) { return ref::beta_cdf(y, a, b); }, 16);
      EXPECT_LE(std::sqrt(static_cast<double>(rows)) * d, ref::kKsCritical);
      const ref::sample_moments m = ref::moments_of(col);
      const double var = a * b / (total * total * (total + 1));
      EXPECT_NEAR(m.mean, a / total, 6 * std::sqrt(var / rows));
    }
  }
  {
    // Tiny alphas: nearly all the mass in one component, the others below the smallest T; the
    // gammas are normalised in log space, so no row is 0 / 0. By symmetry each component has mean
    // 1/3 (variance (1/3)(2/3)/1.03) and is the largest in a third of the rows.
    const std::vector<double> alpha = {0.01, 0.01, 0.01};
    const auto x = g.template dirichlet<T>(alpha, {rows});
    const std::vector<T> v = x.get();
    std::int64_t nan_rows = 0;
    std::vector<double> mean(3, 0), largest(3, 0);
    for (std::int64_t i = 0; i < rows; ++i) {
      const T* r = &v[i * 3];
      if (!(std::isfinite(r[0]) && std::isfinite(r[1]) && std::isfinite(r[2]))) {
        ++nan_rows;
        continue;
      }
      for (int j = 0; j < 3; ++j) {
        ASSERT_TRUE(r[j] >= T(0) && r[j] <= T(1));
        mean[j] += r[j];
      }
      EXPECT_NEAR(static_cast<double>(r[0]) + r[1] + r[2], 1.0, sum_tol);
      largest[r[0] >= r[1] && r[0] >= r[2] ? 0 : r[1] >= r[2] ? 1 : 2] += 1;
    }
    EXPECT_EQ(nan_rows, 0);
    const double se_mean = std::sqrt((2.0 / 9 / 1.03) / rows);
    const double se_frac = std::sqrt(2.0 / 9 / rows);
    for (int j = 0; j < 3; ++j) {
      EXPECT_NEAR(mean[j] / rows, 1.0 / 3, 6 * se_mean) << j;
      EXPECT_NEAR(largest[j] / rows, 1.0 / 3, 6 * se_frac) << j;
    }
  }
  EXPECT_EQ(g.template dirichlet<T>({1, 2}, {4, 5}).shape(), (cupp::shape_t{4, 5, 2}));
  EXPECT_EQ(g.template dirichlet<T>({1, 2, 3}, {}).shape(), (cupp::shape_t{3}));
}

}  // namespace
