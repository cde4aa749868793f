// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Creation routines built on generated kernels, against NumPy's values.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "cupp/array.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::shape_t;

class Creation : public cupp::test::GpuTest {};

TEST_F(Creation, Arange) {
  // example-begin arange
  auto a = cupp::arange(5);               // int64: [0, 1, 2, 3, 4]
  auto b = cupp::arange(1.0, 2.0, 0.25);  // float64: [1., 1.25, 1.5, 1.75]
  auto c = cupp::arange<float>(10, 0, -3);  // float32: [10., 7., 4., 1.]
  // example-end
  static_assert(std::is_same_v<decltype(a), cupp::ndarray<std::int64_t>>);
  EXPECT_EQ(a.get(), (std::vector<std::int64_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(b.get(), (std::vector<double>{1.0, 1.25, 1.5, 1.75}));
  EXPECT_EQ(c.get(), (std::vector<float>{10, 7, 4, 1}));
  EXPECT_EQ(cupp::arange(3, 3).size(), 0);
  EXPECT_EQ(cupp::arange(5, 0).size(), 0);
  EXPECT_EQ(cupp::arange(0.0, 1.0, 0.1).size(), 10);  // ceil(10.000000000000002)? numpy: 10
  EXPECT_THROW(cupp::arange(0, 10, 0), cupp::value_error);
}

TEST_F(Creation, LinspaceAndLogspace) {
  EXPECT_EQ(cupp::linspace(2.0, 3.0, 5).get(), (std::vector<double>{2.0, 2.25, 2.5, 2.75, 3.0}));
  std::vector<double> open(5);  // numpy: arange(0, num) * step + start
  for (int i = 0; i < 5; ++i) open[static_cast<std::size_t>(i)] = i * ((3.0 - 2.0) / 5) + 2.0;
  EXPECT_EQ(cupp::linspace(2.0, 3.0, 5, false).get(), open);
  EXPECT_EQ(cupp::linspace(0.0, 1.0, 1).get(), (std::vector<double>{0.0}));
  EXPECT_EQ(cupp::linspace(0.0, 1.0, 0).size(), 0);
  EXPECT_THROW(cupp::linspace(0.0, 1.0, -1), cupp::value_error);
  const auto l = cupp::logspace(2.0, 3.0, 4).get();
  const double want[] = {100.0, 215.44346900318845, 464.15888336127773, 1000.0};
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(l[static_cast<std::size_t>(i)], want[i], 1e-12 * want[i]);
}

TEST_F(Creation, EyeIdentityAndTri) {
  EXPECT_EQ(cupp::eye<int>(3).get(), (std::vector<int>{1, 0, 0, 0, 1, 0, 0, 0, 1}));
  EXPECT_EQ(cupp::eye<float>(2, 3, 1).get(), (std::vector<float>{0, 1, 0, 0, 0, 1}));
  EXPECT_EQ(cupp::eye<float>(3, 2, -1).get(), (std::vector<float>{0, 0, 1, 0, 0, 1}));
  EXPECT_EQ(cupp::identity<bool>(2).get(), (std::vector<bool>{true, false, false, true}));
  EXPECT_EQ(cupp::tri<int>(3, 4, 1).get(),
            (std::vector<int>{1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1}));
  EXPECT_EQ(cupp::eye(0).shape(), (shape_t{0, 0}));
}

TEST_F(Creation, TrilTriuOnABatchAndOnViews) {
  std::vector<int> host(2 * 3 * 3);
  for (std::size_t i = 0; i < host.size(); ++i) host[i] = static_cast<int>(i) + 1;
  auto a = cupp::asarray<int>(host, {2, 3, 3});
  EXPECT_EQ(cupp::tril(a).get(), (std::vector<int>{1, 0, 0, 4, 5, 0, 7, 8, 9,  //
                                                   10, 0, 0, 13, 14, 0, 16, 17, 18}));
  EXPECT_EQ(cupp::triu(a, 1).get(), (std::vector<int>{0, 2, 3, 0, 0, 6, 0, 0, 0,  //
                                                      0, 11, 12, 0, 0, 15, 0, 0, 0}));
  auto t = cupp::tril(a(0).T(), -1);  // a transposed view
  EXPECT_EQ(t.get(), (std::vector<int>{0, 0, 0, 2, 0, 0, 3, 6, 0}));
}

TEST_F(Creation, Diag) {
  auto v = cupp::asarray<double>({1, 2, 3});
  EXPECT_EQ(cupp::diag(v).get(), (std::vector<double>{1, 0, 0, 0, 2, 0, 0, 0, 3}));
  EXPECT_EQ(cupp::diag(v, 1).shape(), (shape_t{4, 4}));
  EXPECT_EQ(cupp::diag(v, -1).get(),
            (std::vector<double>{0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 3, 0}));
  auto m = cupp::arange<double>(12).reshape({3, 4});
  EXPECT_EQ(cupp::diag(m).get(), (std::vector<double>{0, 5, 10}));
  EXPECT_EQ(cupp::diag(m, 2).get(), (std::vector<double>{2, 7}));
  EXPECT_EQ(cupp::diag(m, -2).get(), (std::vector<double>{8}));
  EXPECT_EQ(cupp::diag(m, 5).size(), 0);
}

TEST_F(Creation, MeshgridAndFortranOrder) {
  auto x = cupp::asarray<int>({1, 2, 3});
  auto y = cupp::asarray<int>({4, 5});
  auto xy = cupp::meshgrid<int>({x, y});
  EXPECT_EQ(xy[0].shape(), (shape_t{2, 3}));
  EXPECT_EQ(xy[0].get(), (std::vector<int>{1, 2, 3, 1, 2, 3}));
  EXPECT_EQ(xy[1].get(), (std::vector<int>{4, 4, 4, 5, 5, 5}));
  auto ij = cupp::meshgrid<int>({x, y}, "ij");
  EXPECT_EQ(ij[0].shape(), (shape_t{3, 2}));
  EXPECT_EQ(ij[0].get(), (std::vector<int>{1, 1, 2, 2, 3, 3}));
  EXPECT_EQ(ij[1].get(), (std::vector<int>{4, 5, 4, 5, 4, 5}));
  auto f = cupp::asfortranarray(cupp::arange<int>(6).reshape({2, 3}));
  EXPECT_TRUE(f.is_f_contiguous());
  EXPECT_EQ(f.get(), (std::vector<int>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(f.strides(), (cupp::strides_t{1, 2}));
}

TEST_F(Creation, WhereFusesTheConditionAndBothBranches) {
  auto x = cupp::asarray<float>({-2, -1, 0, 1, 2});
  // example-begin where
  cupp::ndarray<float> leaky = cupp::where(x > 0, x, 0.1f * x);  // one kernel
  // example-end
  EXPECT_EQ(leaky.get(), (std::vector<float>{-0.2f, -0.1f, 0.0f, 1.0f, 2.0f}));
  auto w = cupp::where(x > 0, 1, 0);  // scalars alone: int64, as NumPy
  static_assert(std::is_same_v<decltype(w)::value_type, std::int64_t>);
  EXPECT_EQ(w.eval().get(), (std::vector<std::int64_t>{0, 0, 0, 1, 1}));
}

}  // namespace
