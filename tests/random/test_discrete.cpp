// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The discrete draws of cupp::random::Generator against their exact laws: integers for every
// integer dtype and bool (uniformity, bounds, full ranges, ranges that force Lemire's rejection),
// binomial, poisson, geometric, negative_binomial, hypergeometric and multinomial by chi-square
// tests at alpha = 1e-3 and their moments, then choice, permutation and shuffle.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "cdf_reference.hpp"
#include "cupp/array.hpp"
#include "support/gpu.hpp"

namespace {

namespace ref = cupp::test::ref;
using cupp::test::GpuTest;
using u64 = std::uint64_t;
using u128 = unsigned __int128;

constexpr std::int64_t kN = 2'000'000;

/// Chi-square at the 1e-3 level (ref::chi_square_critical). The seeds are fixed and the numbers
/// the same on every GPU, so a check passes or fails for good; as a correct sampler fails a
/// check on one seed in a thousand, confirm a failure on other seeds before calling it a bug.
void expect_fits(const ref::chi_square_result& r, const std::string& what) {
  ASSERT_GE(r.dof, 1) << what;
  EXPECT_LE(r.statistic, ref::chi_square_critical(r.dof))
      << what << ": chi2 = " << r.statistic << " on " << r.dof << " degrees of freedom";
}

/// The mean within 6 standard errors sqrt(var / n), the variance within 6 of
/// sqrt((mu4 - var^2) / n) with the sample's mu4 (skipped where var is 0).
void expect_moments(const std::vector<std::int64_t>& v, double mean, double var,
                    const std::string& what) {
  const ref::sample_moments m = ref::moments_of(v);
  const double n = static_cast<double>(v.size());
  if (var == 0) {
    EXPECT_EQ(m.mean, mean) << what;
    EXPECT_EQ(m.var, 0.0) << what;
    return;
  }
  EXPECT_NEAR(m.mean, mean, 6 * std::sqrt(var / n)) << what << ": mean";
  EXPECT_NEAR(m.var, var, 6 * std::sqrt((m.m4 - m.var * m.var) / n)) << what << ": variance";
}

/// Chi-square of a sample against `pmf` over the values it took (the rest of the support is one
/// more bin), with every value inside [lo, hi], and the moments.
template <class Pmf>
void expect_law(const std::vector<std::int64_t>& v, std::int64_t lo, std::int64_t hi,
                const Pmf& pmf, double mean, double var, const std::string& what) {
  const auto [mn, mx] = std::minmax_element(v.begin(), v.end());
  EXPECT_GE(*mn, lo) << what;
  EXPECT_LE(*mx, hi) << what;
  if (*mn < lo || *mx > hi) return;
  expect_moments(v, mean, var, what);
  if (var > 0) expect_fits(ref::chi_square_discrete(v, *mn, *mx, pmf), what);
}

// ---- integers -----------------------------------------------------------------------------------

/// x - low as a count from 0, modulo 2^64 (the sign extension of both sides cancels).
template <class T>
u64 offset_of(T x, std::int64_t low) {
  if constexpr (std::is_same_v<T, bool>)
    return static_cast<u64>(x ? 1 : 0) - static_cast<u64>(low);
  else if constexpr (std::is_signed_v<T>)
    return static_cast<u64>(static_cast<std::int64_t>(x)) - static_cast<u64>(low);
  else
    return static_cast<u64>(x) - static_cast<u64>(low);
}

/// Uniformity of values on [low, low + range) (range 0: 2^64) in up to 256 bins of the offset,
/// each bin's expected count exact: the number of offsets k with floor(k B / range) = b.
template <class T>
void expect_uniform(const std::vector<T>& v, std::int64_t low, u64 range, const std::string& what) {
  const u128 r = range == 0 ? (u128{1} << 64) : u128{range};
  const u128 bins = std::min<u128>(r, 256);
  std::vector<double> observed(static_cast<std::size_t>(bins), 0.0), expected(observed.size());
  std::int64_t outside = 0;
  for (const T x : v) {
    const u64 k = offset_of(x, low);
    if (range != 0 && k >= range) {
      ++outside;
      continue;
    }
    ++observed[static_cast<std::size_t>(u128{k} * bins / r)];
  }
  EXPECT_EQ(outside, 0) << what;
  auto ceil_div = [](u128 a, u128 b) { return (a + b - 1) / b; };
  for (u128 b = 0; b < bins; ++b) {
    const u128 count = ceil_div((b + 1) * r, bins) - ceil_div(b * r, bins);
    expected[static_cast<std::size_t>(b)] =
        static_cast<double>(v.size()) * static_cast<double>(count) / static_cast<double>(r);
  }
  expect_fits(ref::chi_square(observed, expected), what + " (bins)");
}

template <class T>
class Integers : public GpuTest {};
using IntegerDtypes = ::testing::Types<bool, std::int8_t, std::int16_t, std::int32_t, std::int64_t,
                                       std::uint8_t, std::uint16_t, std::uint32_t, std::uint64_t>;
TYPED_TEST_SUITE(Integers, IntegerDtypes);

TYPED_TEST(Integers, UniformOnTheHalfOpenRange) {
  using T = TypeParam;
  auto g = cupp::random::default_rng(300 + sizeof(T) * 2 + std::is_signed_v<T>);
  // A range inside the type that is neither a power of two nor the whole type where it can be.
  std::int64_t low, high;
  if constexpr (std::is_same_v<T, bool>) {
    low = 0, high = 2;
  } else if constexpr (std::is_same_v<T, std::uint64_t>) {
    low = 12345, high = std::numeric_limits<std::int64_t>::max();
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    low = -1'000'000'000'000'000'000, high = 2'000'000'000'000'000'001;
  } else {
    low = static_cast<std::int64_t>(std::numeric_limits<T>::min()) + 3;
    high = static_cast<std::int64_t>(std::numeric_limits<T>::max()) - 4;
  }
  const auto a = g.template integers<T>(low, high, {kN});
  EXPECT_EQ(a.shape(), (cupp::shape_t{kN}));
  EXPECT_EQ(a.dtype(), cupp::dtype_of<T>);
  const std::vector<T> v = a.get();
  expect_uniform(v, low, static_cast<u64>(high) - static_cast<u64>(low), "integers");
  // With endpoint the top value is drawn too ([low, low + 6]; bool: [0, 1]).
  const std::int64_t top = std::is_same_v<T, bool> ? 1 : low + 6;
  const std::vector<T> w = g.template integers<T>(low, top, {70000}, true).get();
  std::set<std::int64_t> seen;
  for (const T x : w) seen.insert(static_cast<std::int64_t>(offset_of(x, low)));
  EXPECT_EQ(static_cast<std::int64_t>(seen.size()), top - low + 1);
  EXPECT_EQ(*seen.rbegin(), top - low);
  expect_uniform(w, low, static_cast<u64>(top - low + 1), "integers with endpoint");
}

TYPED_TEST(Integers, TheWholeRangeOfTheType) {
  using T = TypeParam;
  {
    auto g = cupp::random::default_rng(320 + sizeof(T) * 2 + std::is_signed_v<T>);
    const auto lo = static_cast<std::int64_t>(std::numeric_limits<T>::min());
    // high is an int64, so for uint64 the widest range that can be named is [0, 2^63 - 1]
    // (documented): 63-bit draws, whose top bit must stay clear.
    const auto hi = std::is_same_v<T, std::uint64_t>
                        ? std::numeric_limits<std::int64_t>::max()
                        : static_cast<std::int64_t>(std::numeric_limits<T>::max());
    const std::vector<T> v = g.template integers<T>(lo, hi, {kN}, true).get();
    const u64 range = static_cast<u64>(hi) - static_cast<u64>(lo) + 1;  // 0 for int64: 2^64
    expect_uniform(v, lo, range, "whole range");
    // The low bits are uniform too (a 2^64 range takes whole 64-bit words).
    if (sizeof(T) >= 2) {
      std::vector<double> observed(256, 0.0), expected(256, static_cast<double>(kN) / 256);
      for (const T x : v) ++observed[static_cast<std::size_t>(offset_of(x, lo) & 255)];
      expect_fits(ref::chi_square(observed, expected), "low byte");
    }
  }
}

class IntegerRanges : public GpuTest {};

TEST_F(IntegerRanges, RangesThatForceRejection) {
  auto g = cupp::random::default_rng(340);
  // 3 2^30 values: 32-bit words, a quarter of them rejected. Without the rejection the residues
  // mod 3 would come out 1/2, 1/4, 1/4 instead of thirds.
  const std::int64_t r32 = std::int64_t{3} << 30;
  const std::vector<std::uint32_t> a = g.integers<std::uint32_t>(5, 5 + r32, {kN}).get();
  expect_uniform(a, 5, static_cast<u64>(r32), "3 2^30");
  std::vector<double> residues(3, 0.0);
  for (const auto x : a) ++residues[(x - 5) % 3];
  expect_fits(ref::chi_square(residues, std::vector<double>(3, kN / 3.0)), "3 2^30 mod 3");
  // 3 2^62 values: 64-bit words, the same pattern.
  const std::int64_t low = std::numeric_limits<std::int64_t>::min();
  const std::int64_t high = std::int64_t{1} << 62;  // low + 3 2^62
  const std::vector<std::int64_t> b = g.integers<std::int64_t>(low, high, {kN}).get();
  expect_uniform(b, low, 3ull << 62, "3 2^62");
  std::fill(residues.begin(), residues.end(), 0.0);
  for (const auto x : b) ++residues[offset_of(x, low) % 3];
  expect_fits(ref::chi_square(residues, std::vector<double>(3, kN / 3.0)), "3 2^62 mod 3");
}

TEST_F(IntegerRanges, NegativeLowSingleValueAndBool) {
  auto g = cupp::random::default_rng(341);
  const std::vector<std::int64_t> a = g.integers<std::int64_t>(-7, -2, {kN}).get();
  expect_uniform(a, -7, 5, "[-7, -2)");
  const std::vector<std::int16_t> b = g.integers<std::int16_t>(-300, -300, {1000}, true).get();
  for (const auto x : b) ASSERT_EQ(x, -300);
  const std::vector<std::int32_t> c = g.integers<std::int32_t>(10, {kN}).get();  // [0, 10)
  expect_uniform(c, 0, 10, "integers(10)");
  const std::vector<bool> t = g.integers<bool>(1, 1, {1000}, true).get();
  EXPECT_EQ(std::count(t.begin(), t.end(), true), 1000);
  const std::vector<bool> f = g.integers<bool>(0, 0, {1000}, true).get();
  EXPECT_EQ(std::count(f.begin(), f.end(), true), 0);
  const std::vector<bool> h = g.integers<bool>(0, 1, {kN}, true).get();
  std::vector<double> observed = {0, 0};
  for (const bool x : h) ++observed[x ? 1 : 0];
  expect_fits(ref::chi_square(observed, {kN / 2.0, kN / 2.0}), "bool");
  // Shapes: any size, including 0-d.
  EXPECT_EQ(g.integers<std::uint16_t>(0, 9, {2, 3, 4}).shape(), (cupp::shape_t{2, 3, 4}));
  EXPECT_EQ(g.integers<std::uint16_t>(0, 9, {}).ndim(), 0);
}

// ---- the counting distributions ---------------------------------------------------------------------

class Counts : public GpuTest {};

TEST_F(Counts, Binomial) {
  auto g = cupp::random::default_rng(350);
  struct param {
    std::int64_t n;
    double p;
  };
  // n p <= 30 takes inversion, above BTRS; p > 1/2 draws the failures; n up to 10^9.
  for (const param c : {param{20, 0.3}, param{100, 0.29}, param{1000, 0.4}, param{100, 0.9},
                        param{10000, 0.75}, param{1'000'000'000, 0.3}, param{7, 0.5}}) {
    const std::string what = "binomial(" + std::to_string(c.n) + ", " + std::to_string(c.p) + ")";
    const auto a = g.binomial(c.n, c.p, {kN});
    EXPECT_EQ(a.shape(), (cupp::shape_t{kN}));
    const double dn = static_cast<double>(c.n);
    expect_law(a.get(), 0, c.n, [&](std::int64_t k) { return ref::binomial_pmf(k, c.n, c.p); },
               dn * c.p, dn * c.p * (1 - c.p), what);
  }
  for (const auto x : g.binomial(50, 0.0, {1000}).get()) ASSERT_EQ(x, 0);
  for (const auto x : g.binomial(50, 1.0, {1000}).get()) ASSERT_EQ(x, 50);
  for (const auto x : g.binomial(0, 0.5, {1000}).get()) ASSERT_EQ(x, 0);
}

TEST_F(Counts, Poisson) {
  auto g = cupp::random::default_rng(351);
  for (const auto x : g.poisson(0, {1000}).get()) ASSERT_EQ(x, 0);
  // Below 10: multiplication of uniforms; from 10: PTRS.
  for (const double lam : {0.5, 5.0, 9.99, 10.0, 1000.0, 1e6}) {
    const auto v = g.poisson(lam, {kN}).get();
    expect_law(v, 0, std::numeric_limits<std::int64_t>::max(),
               [&](std::int64_t k) { return ref::poisson_pmf(k, lam); }, lam, lam,
               "poisson(" + std::to_string(lam) + ")");
  }
}

TEST_F(Counts, Geometric) {
  auto g = cupp::random::default_rng(352);
  for (const double p : {0.01, 0.5, 0.9}) {
    const auto v = g.geometric(p, {kN}).get();
    expect_law(v, 1, std::numeric_limits<std::int64_t>::max(),
               [&](std::int64_t k) { return ref::geometric_pmf(k, p); }, 1 / p, (1 - p) / (p * p),
               "geometric(" + std::to_string(p) + ")");
  }
  for (const auto x : g.geometric(1.0, {1000}).get()) ASSERT_EQ(x, 1);
}

TEST_F(Counts, NegativeBinomial) {
  auto g = cupp::random::default_rng(353);
  struct param {
    double n, p;
  };
  for (const param c : {param{3.5, 0.4}, param{1, 0.9}, param{0.3, 0.2}, param{100, 0.5}}) {
    const auto v = g.negative_binomial(c.n, c.p, {kN}).get();
    expect_law(v, 0, std::numeric_limits<std::int64_t>::max(),
               [&](std::int64_t k) { return ref::negative_binomial_pmf(k, c.n, c.p); },
               c.n * (1 - c.p) / c.p, c.n * (1 - c.p) / (c.p * c.p),
               "negative_binomial(" + std::to_string(c.n) + ", " + std::to_string(c.p) + ")");
  }
  for (const auto x : g.negative_binomial(5, 1.0, {1000}).get()) ASSERT_EQ(x, 0);
}

TEST_F(Counts, Hypergeometric) {
  auto g = cupp::random::default_rng(354);
  struct param {
    std::int64_t good, bad, sample;
  };
  // A small sample, one above half the total (the complement is drawn), a large population.
  for (const param c : {param{10, 15, 8}, param{100, 50, 120}, param{30, 70, 51},
                        param{5000, 20000, 300}}) {
    const double tot = static_cast<double>(c.good + c.bad), s = static_cast<double>(c.sample);
    const double f = static_cast<double>(c.good) / tot;
    const auto v = g.hypergeometric(c.good, c.bad, c.sample, {kN}).get();
    expect_law(v, std::max<std::int64_t>(0, c.sample - c.bad), std::min(c.sample, c.good),
               [&](std::int64_t k) { return ref::hypergeometric_pmf(k, c.good, c.bad, c.sample); },
               s * f, s * f * (1 - f) * (tot - s) / (tot - 1),
               "hypergeometric(" + std::to_string(c.good) + ", " + std::to_string(c.bad) + ", " +
                   std::to_string(c.sample) + ")");
  }
  for (const auto x : g.hypergeometric(0, 5, 3, {1000}).get()) ASSERT_EQ(x, 0);
  for (const auto x : g.hypergeometric(4, 6, 10, {1000}).get()) ASSERT_EQ(x, 4);
  for (const auto x : g.hypergeometric(4, 6, 0, {1000}).get()) ASSERT_EQ(x, 0);
}

TEST_F(Counts, Multinomial) {
  auto g = cupp::random::default_rng(355);
  const std::int64_t rows = 1'000'000, n = 100;
  const std::vector<double> p = {0.2, 0.3, 0.1, 0.4};
  const auto a = g.multinomial(n, p, {rows});
  ASSERT_EQ(a.shape(), (cupp::shape_t{rows, 4}));
  const std::vector<std::int64_t> v = a.get();
  for (std::int64_t i = 0; i < rows; ++i) {
    const std::int64_t* r = &v[static_cast<std::size_t>(i * 4)];
    ASSERT_EQ(r[0] + r[1] + r[2] + r[3], n) << "row " << i;
  }
  for (std::size_t j = 0; j < p.size(); ++j) {
    std::vector<std::int64_t> col(static_cast<std::size_t>(rows));
    for (std::int64_t i = 0; i < rows; ++i) col[i] = v[i * 4 + j];
    expect_law(col, 0, n, [&](std::int64_t k) { return ref::binomial_pmf(k, n, p[j]); },
               100 * p[j], 100 * p[j] * (1 - p[j]), "multinomial column " + std::to_string(j));
  }
  // Counts of different categories are negatively correlated: cov = -n p_i p_j.
  double s01 = 0;
  for (std::int64_t i = 0; i < rows; ++i)
    s01 += (v[i * 4] - 20.0) * (v[i * 4 + 1] - 30.0);
  // Standard error of a product of (nearly normal) deviations: sqrt((var0 var1 + cov^2) / rows).
  const double se = std::sqrt((n * 0.2 * 0.8 * n * 0.3 * 0.7 + 36.0) / rows);
  EXPECT_NEAR(s01 / rows, -n * 0.2 * 0.3, 6 * se);
  // The last category takes what the others leave, whatever its own pval (as NumPy).
  const std::vector<std::int64_t> w = g.multinomial(50, {0.2, 0.3}, {rows}).get();
  std::vector<std::int64_t> last(static_cast<std::size_t>(rows));
  for (std::int64_t i = 0; i < rows; ++i) last[i] = w[i * 2 + 1];
  expect_law(last, 0, 50, [](std::int64_t k) { return ref::binomial_pmf(k, 50, 0.8); }, 40, 8,
             "multinomial with pvals summing below 1");
  EXPECT_EQ(g.multinomial(10, p, {2, 3}).shape(), (cupp::shape_t{2, 3, 4}));
  EXPECT_EQ(g.multinomial(10, p, {}).shape(), (cupp::shape_t{4}));
  for (const auto x : g.multinomial(0, p, {100}).get()) ASSERT_EQ(x, 0);
}

// ---- choice, permutation, shuffle --------------------------------------------------------------------

class Sampling : public GpuTest {};

TEST_F(Sampling, ChoiceWithReplacement) {
  auto g = cupp::random::default_rng(360);
  const std::vector<std::int64_t> u = g.choice(7, {kN}).get();
  expect_uniform(u, 0, 7, "choice(7)");
  const std::vector<double> p = {0.1, 0.2, 0.3, 0.15, 0.25, 0.0};
  const auto a = g.choice(6, {1000, 2000}, true, p);
  EXPECT_EQ(a.shape(), (cupp::shape_t{1000, 2000}));
  const std::vector<std::int64_t> w = a.get();
  std::vector<double> observed(6, 0.0), expected(6, 0.0);
  for (const auto x : w) {
    ASSERT_TRUE(x >= 0 && x < 5) << x;  // p[5] = 0: never drawn
    ++observed[static_cast<std::size_t>(x)];
  }
  for (std::size_t i = 0; i < 6; ++i) expected[i] = p[i] * static_cast<double>(w.size());
  expect_fits(ref::chi_square(observed, expected), "choice with p");
}

TEST_F(Sampling, ChoiceWithoutReplacement) {
  auto g = cupp::random::default_rng(361);
  {
    // Distinct values; the first draw uniform over the population.
    const int reps = 3000;
    std::vector<double> first(10, 0.0);
    for (int r = 0; r < reps; ++r) {
      const std::vector<std::int64_t> v = g.choice(10, {3}, false).get();
      ASSERT_EQ(v.size(), 3u);
      ASSERT_EQ(std::set<std::int64_t>(v.begin(), v.end()).size(), 3u);
      for (const auto x : v) ASSERT_TRUE(x >= 0 && x < 10);
      ++first[static_cast<std::size_t>(v[0])];
    }
    expect_fits(ref::chi_square(first, std::vector<double>(10, reps / 10.0)), "first draw");
    // Taking the whole population is a permutation of it.
    std::vector<std::int64_t> all = g.choice(50, {5, 10}, false).get();
    std::sort(all.begin(), all.end());
    for (std::int64_t i = 0; i < 50; ++i) ASSERT_EQ(all[i], i);
  }
  {
    // With p: the first draw in proportion to p, the second to p among what is left:
    // P(second = j) = sum_{i != j} p_i p_j / (1 - p_i).
    const std::vector<double> p = {0.1, 0.2, 0.3, 0.15, 0.25};
    const int reps = 5000;
    std::vector<double> first(5, 0.0), second(5, 0.0);
    for (int r = 0; r < reps; ++r) {
      const std::vector<std::int64_t> v = g.choice(5, {3}, false, p).get();
      ASSERT_EQ(std::set<std::int64_t>(v.begin(), v.end()).size(), 3u);
      ++first[static_cast<std::size_t>(v[0])];
      ++second[static_cast<std::size_t>(v[1])];
    }
    std::vector<double> e1(5), e2(5, 0.0);
    for (std::size_t j = 0; j < 5; ++j) {
      e1[j] = reps * p[j];
      for (std::size_t i = 0; i < 5; ++i)
        if (i != j) e2[j] += reps * p[i] * p[j] / (1 - p[i]);
    }
    expect_fits(ref::chi_square(first, e1), "first draw with p");
    expect_fits(ref::chi_square(second, e2), "second draw with p");
    // Zero-probability entries are never taken while others are left.
    for (int r = 0; r < 200; ++r) {
      std::vector<std::int64_t> v = g.choice(5, {3}, false, {0.5, 0, 0.2, 0.3, 0}).get();
      std::sort(v.begin(), v.end());
      ASSERT_EQ(v, (std::vector<std::int64_t>{0, 2, 3}));
    }
  }
}

TEST_F(Sampling, ChoiceOfRows) {
  auto g = cupp::random::default_rng(362);
  std::vector<double> rows(12);
  std::iota(rows.begin(), rows.end(), 0.0);
  const auto a = cupp::asarray(rows, {6, 2});  // row i is (2i, 2i + 1)
  const auto c = g.choice(a, {4, 5});
  ASSERT_EQ(c.shape(), (cupp::shape_t{4, 5, 2}));
  const std::vector<double> v = c.get();
  for (std::size_t i = 0; i < 20; ++i) {
    EXPECT_EQ(std::fmod(v[2 * i], 2.0), 0.0);
    EXPECT_EQ(v[2 * i + 1], v[2 * i] + 1);
    EXPECT_TRUE(v[2 * i] >= 0 && v[2 * i] <= 10);
  }
  const std::vector<double> d = g.choice(a, {6}, false).get();  // every row once
  std::set<double> starts;
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(d[2 * i + 1], d[2 * i] + 1);
    starts.insert(d[2 * i]);
  }
  EXPECT_EQ(starts.size(), 6u);
}

TEST_F(Sampling, PermutationOfRange) {
  auto g = cupp::random::default_rng(363);
  const std::int64_t n = 1'000'000;
  const auto a = g.permutation(n);
  ASSERT_EQ(a.shape(), (cupp::shape_t{n}));
  std::vector<std::int64_t> v = a.get();
  std::int64_t fixed = 0, first_half_low = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    fixed += v[i] == i;
    first_half_low += i < n / 2 && v[i] < n / 2;
  }
  EXPECT_LT(fixed, 20);  // Poisson(1) fixed points
  // Hypergeometric(n/2, n/2, n/2): mean n/4, standard deviation sqrt(n/16) = 250.
  EXPECT_NEAR(static_cast<double>(first_half_low), n / 4.0, 6 * 250.0);
  std::sort(v.begin(), v.end());
  for (std::int64_t i = 0; i < n; ++i) ASSERT_EQ(v[i], i);
}

TEST_F(Sampling, EveryOrderOfFiveIsEquallyLikely) {
  auto g = cupp::random::default_rng(364);
  const int reps = 6000;
  std::map<std::vector<std::int64_t>, double> orders;
  std::vector<double> position(25, 0.0);  // value x at position i
  for (int r = 0; r < reps; ++r) {
    const std::vector<std::int64_t> v = g.permutation(5).get();
    ++orders[v];
    for (std::size_t i = 0; i < 5; ++i) ++position[i * 5 + static_cast<std::size_t>(v[i])];
  }
  EXPECT_EQ(orders.size(), 120u);
  std::vector<double> observed, expected;
  for (const auto& [order, count] : orders) {
    std::vector<std::int64_t> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    ASSERT_EQ(sorted, (std::vector<std::int64_t>{0, 1, 2, 3, 4}));
    observed.push_back(count);
    expected.push_back(reps / 120.0);
  }
  observed.resize(120, 0.0);
  expected.resize(120, reps / 120.0);
  expect_fits(ref::chi_square(observed, expected), "orders");
  // Each position holds each value a fifth of the time (rows of the table are not independent
  // of each other, so test one position at a time).
  for (std::size_t i = 0; i < 5; ++i) {
    const std::vector<double> row(position.begin() + i * 5, position.begin() + i * 5 + 5);
    expect_fits(ref::chi_square(row, std::vector<double>(5, reps / 5.0)),
                "position " + std::to_string(i));
  }
}

/// Rows (3k, 3k + 1, 3k + 2) for k = 0..rows-1.
cupp::ndarray<std::int64_t> numbered_rows(std::int64_t rows) {
  std::vector<std::int64_t> v(static_cast<std::size_t>(rows * 3));
  std::iota(v.begin(), v.end(), std::int64_t{0});
  return cupp::asarray(v, {rows, 3});
}

/// Each row intact and the rows a permutation of the numbered ones (not the identity).
void expect_permuted_rows(const std::vector<std::int64_t>& v, std::int64_t rows) {
  std::vector<std::int64_t> ks;
  std::int64_t moved = 0;
  for (std::int64_t i = 0; i < rows; ++i) {
    const std::int64_t k = v[i * 3] / 3;
    ASSERT_EQ(v[i * 3], 3 * k) << "row " << i;
    ASSERT_EQ(v[i * 3 + 1], 3 * k + 1) << "row " << i;
    ASSERT_EQ(v[i * 3 + 2], 3 * k + 2) << "row " << i;
    ks.push_back(k);
    moved += k != i;
  }
  EXPECT_GT(moved, rows / 2);
  std::sort(ks.begin(), ks.end());
  for (std::int64_t i = 0; i < rows; ++i) ASSERT_EQ(ks[i], i);
}

TEST_F(Sampling, PermutationAndShuffleOfRows) {
  auto g = cupp::random::default_rng(365);
  const std::int64_t rows = 1000;
  const auto a = numbered_rows(rows);
  const auto p = g.permutation(a);
  ASSERT_EQ(p.shape(), (cupp::shape_t{rows, 3}));
  expect_permuted_rows(p.get(), rows);
  // permutation copies: a is untouched.
  const std::vector<std::int64_t> original = a.get();
  for (std::int64_t i = 0; i < rows * 3; ++i) ASSERT_EQ(original[i], i);

  auto b = numbered_rows(rows);
  g.shuffle(b);
  ASSERT_EQ(b.shape(), (cupp::shape_t{rows, 3}));
  expect_permuted_rows(b.get(), rows);

  // Shuffling a transposed view reorders the columns of its base, each column intact.
  auto c = numbered_rows(rows);
  auto t = c.T();
  g.shuffle(t);
  const std::vector<std::int64_t> cv = c.get();
  std::vector<std::int64_t> cols;
  for (std::int64_t j = 0; j < 3; ++j) {
    const std::int64_t src = cv[j] % 3;
    for (std::int64_t i = 0; i < rows; ++i) ASSERT_EQ(cv[i * 3 + j], 3 * i + src) << i << " " << j;
    cols.push_back(src);
  }
  std::sort(cols.begin(), cols.end());
  EXPECT_EQ(cols, (std::vector<std::int64_t>{0, 1, 2}));

  // A 1-D float array: the same values in another order.
  std::vector<float> f(1001);
  std::iota(f.begin(), f.end(), 0.0f);
  auto d = cupp::asarray(f);
  g.shuffle(d);
  std::vector<float> dv = d.get();
  EXPECT_NE(dv, f);
  std::sort(dv.begin(), dv.end());
  EXPECT_EQ(dv, f);
}

// ---- NumPy's integer forms: size=n, no size, rand(d0, d1, ...) ---------------------------------

TEST(SamplingForms, IntegerSizesAndDimensionsHaveNumPysTypes) {
  // Types only: no draw is made.
  using I64 = cupp::ndarray<std::int64_t>;
  auto* g = static_cast<cupp::random::Generator*>(nullptr);
  static_assert(std::is_same_v<decltype(g->choice(5, 3)), I64>);
  static_assert(std::is_same_v<decltype(g->choice(5)), I64>);
  static_assert(std::is_same_v<decltype(g->permutation(10)), I64>);
  static_assert(std::is_same_v<decltype(g->integers<std::int8_t>(0, 5, 7)),
                               cupp::ndarray<std::int8_t>>);
  static_assert(std::is_same_v<decltype(cupp::random::choice(5, 3, false)), I64>);
  static_assert(std::is_same_v<decltype(cupp::random::permutation(10)), I64>);
  static_assert(std::is_same_v<decltype(cupp::random::randint(0, 5, 4)), I64>);
  static_assert(std::is_same_v<decltype(cupp::random::rand<float>(3, 2)), cupp::ndarray<float>>);
  static_assert(std::is_same_v<decltype(cupp::random::randn(3)), cupp::ndarray<double>>);
}

TEST_F(Sampling, IntegerSizesAndDimensions) {
  // example-begin random_int_forms
  auto perm = cupp::random::permutation(10);      // a shuffled arange(10), int64
  auto pick = cupp::random::choice(5, 3, false);  // 3 distinct of 0..4, shape (3,)
  auto one = cupp::random::choice(5);             // size=None: one draw, a 0-d array
  auto u = cupp::random::rand<float>(3, 2);       // np.random.rand(3, 2)
  // example-end
  std::vector<std::int64_t> pv = perm.get();
  std::sort(pv.begin(), pv.end());
  for (std::int64_t i = 0; i < 10; ++i) ASSERT_EQ(pv[static_cast<std::size_t>(i)], i);
  ASSERT_EQ(pick.shape(), (cupp::shape_t{3}));
  std::set<std::int64_t> distinct;
  for (const auto x : pick.get()) {
    EXPECT_TRUE(x >= 0 && x < 5) << x;
    distinct.insert(x);
  }
  EXPECT_EQ(distinct.size(), 3u);
  EXPECT_EQ(one.shape(), cupp::shape_t{});
  EXPECT_TRUE(one.item() >= 0 && one.item() < 5);
  EXPECT_EQ(u.shape(), (cupp::shape_t{3, 2}));
  for (const float x : u.get()) EXPECT_TRUE(x >= 0.0f && x < 1.0f) << x;
  EXPECT_EQ(cupp::random::randn(4).shape(), (cupp::shape_t{4}));
  EXPECT_EQ(cupp::random::rand().shape(), cupp::shape_t{});        // np.random.rand(): one value
  EXPECT_EQ(cupp::random::rand<float>({4}).shape(), (cupp::shape_t{4}));  // the braced shape
  EXPECT_EQ(cupp::random::randint(2, 9, 6).shape(), (cupp::shape_t{6}));
  for (const auto x : cupp::random::randint(2, 9, 100).get()) EXPECT_TRUE(x >= 2 && x < 9) << x;
  EXPECT_EQ(cupp::random::choice(5, {}).shape(), cupp::shape_t{});  // {} stays the 0-d shape

  auto g = cupp::random::default_rng(370);
  EXPECT_EQ(g.choice(7, 4).shape(), (cupp::shape_t{4}));
  EXPECT_EQ(g.choice(7).shape(), cupp::shape_t{});
  EXPECT_EQ(g.integers<std::uint8_t>(0, 200, 5).shape(), (cupp::shape_t{5}));
  auto rows = cupp::asarray<double>({1, 2, 3, 4, 5, 6}, {3, 2});
  const auto c = g.choice(rows, 4);  // 4 rows of `rows`
  ASSERT_EQ(c.shape(), (cupp::shape_t{4, 2}));
  const std::vector<double> cv = c.get();
  for (std::size_t r = 0; r < 4; ++r) {
    EXPECT_EQ(cv[2 * r + 1], cv[2 * r] + 1) << r;  // each row intact
    EXPECT_EQ(static_cast<int>(cv[2 * r]) % 2, 1) << r;
  }
  EXPECT_EQ(cupp::random::choice(rows).shape(), (cupp::shape_t{2}));  // one row
  EXPECT_THROW(g.choice(3, 5, false), cupp::value_error);  // larger sample than population
}

}  // namespace
