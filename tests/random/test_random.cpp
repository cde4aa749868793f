// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::random::seed/rand/randn: ranges, moments against the known distributions, reproducibility.
#include <gtest/gtest.h>

#include <cmath>
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

}  // namespace
