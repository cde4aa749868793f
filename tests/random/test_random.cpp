// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::random::seed/rand/randn: ranges, moments against the known distributions, reproducibility;
// the Generator examples of docs/random.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <vector>

#include "cupp/array.hpp"
#include "support/dtypes.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::test::GpuTest;

template <class T>
class RandomTyped : public GpuTest {};
TYPED_TEST_SUITE(RandomTyped, cupp::test::FloatDtypes);

template <class T>
void moments(const std::vector<T>& v, double& mean, double& var) {
  double s = 0, s2 = 0;
  for (T x : v) {
    s += static_cast<double>(x);
    s2 += static_cast<double>(x) * static_cast<double>(x);
  }
  mean = s / static_cast<double>(v.size());
  var = s2 / static_cast<double>(v.size()) - mean * mean;
}

TYPED_TEST(RandomTyped, RandIsUniformOnTheHalfOpenUnitInterval) {
  using T = TypeParam;
  const std::int64_t n = 1000003;  // odd, larger than one block of work
  auto a = cupp::random::rand<T>({n});
  EXPECT_EQ(a.shape(), (cupp::shape_t{n}));
  const std::vector<T> v = a.get();
  for (T x : v) ASSERT_TRUE(x >= T(0) && x < T(1)) << x;
  double mean, var;
  moments(v, mean, var);
  // Standard errors: mean 0.29/sqrt(n) = 2.9e-4, variance ~1e-4; 6 sigma bounds.
  EXPECT_NEAR(mean, 0.5, 6 * 2.9e-4);
  EXPECT_NEAR(var, 1.0 / 12.0, 6 * 1e-4);
  // Every tenth of the interval holds about a tenth of the samples.
  std::vector<int> bins(10, 0);
  for (T x : v) ++bins[static_cast<std::size_t>(static_cast<double>(x) * 10)];
  for (int b : bins) EXPECT_NEAR(b, n / 10.0, 6 * std::sqrt(n * 0.09));
}

TYPED_TEST(RandomTyped, RandnHasTheStandardNormalMoments) {
  using T = TypeParam;
  for (std::int64_t n : {std::int64_t{1}, std::int64_t{7}, std::int64_t{1000001}}) {
    auto a = cupp::random::randn<T>({n});
    const std::vector<T> v = a.get();
    for (T x : v) ASSERT_TRUE(std::isfinite(static_cast<double>(x)));
    if (n < 1000) continue;
    double mean, var;
    moments(v, mean, var);
    EXPECT_NEAR(mean, 0.0, 6 / std::sqrt(static_cast<double>(n)));
    EXPECT_NEAR(var, 1.0, 6 * std::sqrt(2.0 / static_cast<double>(n)));
    std::int64_t within1 = 0;
    for (T x : v) within1 += std::abs(static_cast<double>(x)) < 1.0;
    EXPECT_NEAR(static_cast<double>(within1) / static_cast<double>(n), 0.682689, 0.003);
  }
}

TYPED_TEST(RandomTyped, SeedRepeatsTheSequence) {
  using T = TypeParam;
  // example-begin seed
  cupp::random::seed(42);
  auto first = cupp::random::rand<T>({3, 5});
  cupp::random::seed(42);
  auto again = cupp::random::rand<T>({3, 5});
  // first and again hold the same 15 numbers
  // example-end
  EXPECT_EQ(first.get(), again.get());
  cupp::random::seed(43);
  EXPECT_NE(cupp::random::rand<T>({3, 5}).get(), first.get());
  cupp::random::seed(7);
  auto n1 = cupp::random::randn<T>({5}).get();
  cupp::random::seed(7);
  EXPECT_EQ(cupp::random::randn<T>({5}).get(), n1);
}

TYPED_TEST(RandomTyped, EmptyAndZeroDimensional) {
  using T = TypeParam;
  EXPECT_EQ(cupp::random::rand<T>({0}).size(), 0);
  EXPECT_EQ(cupp::random::randn<T>({3, 0}).size(), 0);
  auto s = cupp::random::rand<T>({});
  EXPECT_EQ(s.ndim(), 0);
  const T x = s.item();
  EXPECT_TRUE(x >= T(0) && x < T(1));
}

class RandomExamples : public GpuTest {};

TEST_F(RandomExamples, Generator) {
  // example-begin generator
  auto rng = cupp::random::default_rng(2026);
  auto x = rng.normal<float>(10.0, 2.0, {1000, 3});                  // float32, shape (1000, 3)
  auto dice = rng.integers<std::int32_t>(1, 6, {20}, /*endpoint=*/true);  // 1..6
  auto hits = rng.binomial(100, 0.3, {5});                            // int64
  auto pick = rng.choice(10, {3}, /*replace=*/false);                 // 3 distinct of 0..9
  auto rows = cupp::arange<double>(0, 12).reshape({4, 3});
  rng.shuffle(rows);                                                  // rows reordered in place
  // example-end
  EXPECT_EQ(x.shape(), (cupp::shape_t{1000, 3}));
  double mean = 0;
  for (const float v : x.get()) mean += v;
  EXPECT_NEAR(mean / 3000, 10.0, 6 * 2.0 / std::sqrt(3000.0));
  for (const std::int32_t d : dice.get()) EXPECT_TRUE(d >= 1 && d <= 6);
  for (const std::int64_t h : hits.get()) EXPECT_TRUE(h >= 0 && h <= 100);
  const auto p = pick.get();
  EXPECT_EQ(std::set<std::int64_t>(p.begin(), p.end()).size(), 3u);
  for (const std::int64_t i : p) EXPECT_TRUE(i >= 0 && i < 10);
  // Each row is still (3r, 3r + 1, 3r + 2) for some r, and every r appears once.
  const auto r = rows.get();
  std::set<double> firsts;
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(r[3 * i + 1], r[3 * i] + 1);
    EXPECT_EQ(r[3 * i + 2], r[3 * i] + 2);
    firsts.insert(r[3 * i]);
  }
  EXPECT_EQ(firsts, (std::set<double>{0, 3, 6, 9}));
}

TEST_F(RandomExamples, SameSeedSameNumbers) {
  // example-begin reproducible
  auto a = cupp::random::default_rng(7).random<float>({8});
  auto b = cupp::random::default_rng(7).random<float>({8});
  // a and b hold the same numbers, on any GPU and with any cupp version
  // example-end
  EXPECT_EQ(a.get(), b.get());
}

}  // namespace
