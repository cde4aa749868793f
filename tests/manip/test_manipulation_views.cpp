// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// moveaxis, rollaxis, flip, fliplr, flipud, atleast_1d/2d/3d, broadcast_arrays: the layouts they
// produce (on descriptions alone, no GPU), NumPy's errors, and the values they show.
#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "support/described.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::test::described;

using cupp::shape_t;
using cupp::strides_t;
using cupp::detail::array_desc;


TEST(ManipulationViews, MoveaxisOrdersAsNumpy) {
  const array_desc a = described({2, 3, 4, 5});  // strides (60, 20, 5, 1)
  // np.moveaxis(np.empty((2, 3, 4, 5)), 0, -1).shape == (3, 4, 5, 2)
  const array_desc m = cupp::detail::moveaxis(a, {0}, {-1});
  EXPECT_EQ(m.shape, (shape_t{3, 4, 5, 2}));
  EXPECT_EQ(m.strides, (strides_t{20, 5, 1, 60}));
  // np.moveaxis(x, [0, 1], [-1, -2]).shape == (4, 5, 3, 2)
  EXPECT_EQ(cupp::detail::moveaxis(a, {0, 1}, {-1, -2}).shape, (shape_t{4, 5, 3, 2}));
  // np.moveaxis(x, [3, 0], [0, 2]).shape == (5, 3, 2, 4)
  EXPECT_EQ(cupp::detail::moveaxis(a, {3, 0}, {0, 2}).shape, (shape_t{5, 3, 2, 4}));
  CUPP_EXPECT_THROW_MSG(cupp::detail::moveaxis(a, {0, 1}, {0}), cupp::value_error,
                        "`source` and `destination` arguments must have the same number of "
                        "elements");
  CUPP_EXPECT_THROW_MSG(cupp::detail::moveaxis(a, {0, -4}, {0, 1}), cupp::value_error,
                        "repeated axis in `source` argument");
  CUPP_EXPECT_THROW_MSG(cupp::detail::moveaxis(a, {0}, {4}), cupp::axis_error,
                        "axis 4 is out of bounds for array of dimension 4");
}

TEST(ManipulationViews, RollaxisOrdersAsNumpy) {
  const array_desc a = described({3, 4, 5, 6});
  // The examples of numpy.rollaxis' documentation.
  EXPECT_EQ(cupp::detail::rollaxis(a, 3, 1).shape, (shape_t{3, 6, 4, 5}));
  EXPECT_EQ(cupp::detail::rollaxis(a, 2, 0).shape, (shape_t{5, 3, 4, 6}));
  EXPECT_EQ(cupp::detail::rollaxis(a, 1, 4).shape, (shape_t{3, 5, 6, 4}));
  EXPECT_EQ(cupp::detail::rollaxis(a, 1, 2).shape, (shape_t{3, 4, 5, 6}));  // already there
  CUPP_EXPECT_THROW_MSG(cupp::detail::rollaxis(a, 0, 5), cupp::axis_error,
                        "'start' arg requires -4 <= start < 5, but 5 was passed in");
}

TEST(ManipulationViews, FlipIsANegativeStride) {
  const array_desc a = described({2, 3});
  const array_desc f = cupp::detail::flip(a, std::vector<std::int64_t>{1});
  EXPECT_EQ(f.shape, (shape_t{2, 3}));
  EXPECT_EQ(f.strides, (strides_t{3, -1}));
  const array_desc all = cupp::detail::flip(a, std::nullopt);
  EXPECT_EQ(all.strides, (strides_t{-3, -1}));
  CUPP_EXPECT_THROW_MSG(cupp::detail::flip(a, std::vector<std::int64_t>{2}), cupp::axis_error,
                        "axis 2 is out of bounds for array of dimension 2");
}

TEST(ManipulationViews, AtleastShapes) {
  using cupp::detail::atleast;
  EXPECT_EQ(atleast(described({}), 1).shape, (shape_t{1}));
  EXPECT_EQ(atleast(described({}), 2).shape, (shape_t{1, 1}));
  EXPECT_EQ(atleast(described({}), 3).shape, (shape_t{1, 1, 1}));
  EXPECT_EQ(atleast(described({4}), 2).shape, (shape_t{1, 4}));
  EXPECT_EQ(atleast(described({4}), 3).shape, (shape_t{1, 4, 1}));
  EXPECT_EQ(atleast(described({2, 4}), 3).shape, (shape_t{2, 4, 1}));
  EXPECT_EQ(atleast(described({2, 4}), 1).shape, (shape_t{2, 4}));
  EXPECT_EQ(atleast(described({2, 3, 4, 5}), 3).shape, (shape_t{2, 3, 4, 5}));
}

class ManipulationValues : public cupp::test::GpuTest {};

std::vector<float> iota_values(std::int64_t n) {
  std::vector<float> v(static_cast<std::size_t>(n));
  std::iota(v.begin(), v.end(), 0.0f);
  return v;
}

TEST_F(ManipulationValues, ViewsShowTheRightElements) {
  const auto a = cupp::asarray(iota_values(24), {2, 3, 4});  // a[i, j, k] = 12 i + 4 j + k
  // example-begin manipulation_views
  auto m = cupp::moveaxis(a, 0, -1);   // shape (3, 4, 2): m[j, k, i] == a[i, j, k]
  auto f = cupp::flip(a, 2);           // f[i, j, k] == a[i, j, 3 - k], no copy
  auto u = cupp::flipud(a);            // the same along axis 0
  auto r = cupp::rollaxis(a, 2);       // shape (4, 2, 3)
  auto t = cupp::atleast_3d(cupp::asarray<float>({1, 2}));  // shape (1, 2, 1)
  // example-end
  const auto mv = m.get(), fv = f.get(), uv = u.get(), rv = r.get();
  ASSERT_EQ(m.shape(), (shape_t{3, 4, 2}));
  ASSERT_EQ(r.shape(), (shape_t{4, 2, 3}));
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 4; ++k) {
        const float x = static_cast<float>(12 * i + 4 * j + k);
        EXPECT_EQ(mv[static_cast<std::size_t>((j * 4 + k) * 2 + i)], x);
        EXPECT_EQ(fv[static_cast<std::size_t>((i * 3 + j) * 4 + (3 - k))], x);
        EXPECT_EQ(uv[static_cast<std::size_t>(((1 - i) * 3 + j) * 4 + k)], x);
        EXPECT_EQ(rv[static_cast<std::size_t>((k * 2 + i) * 3 + j)], x);
      }
  EXPECT_EQ(t.shape(), (shape_t{1, 2, 1}));
  EXPECT_EQ(t.get(), (std::vector<float>{1, 2}));
  // Views: writing through one changes the original.
  auto b = cupp::asarray(iota_values(6), {2, 3});
  cupp::fliplr(b)(0, 0) = 100.0f;  // b[0, 2]
  EXPECT_EQ(b.get(), (std::vector<float>{0, 1, 100, 3, 4, 5}));
  CUPP_EXPECT_THROW_MSG(cupp::fliplr(cupp::asarray<float>({1, 2})), cupp::value_error,
                        "Input must be >= 2-d.");
  CUPP_EXPECT_THROW_MSG(cupp::flipud(cupp::asarray<float>({1}).reshape({})), cupp::value_error,
                        "Input must be >= 1-d.");
}

TEST_F(ManipulationValues, BroadcastArraysShareOneShape) {
  const auto x = cupp::asarray<float>({1, 2, 3});
  const auto y = cupp::asarray(std::vector<float>{10, 20}, {2, 1});
  const auto both = cupp::broadcast_arrays(std::vector<cupp::ndarray<float>>{x, y});
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].shape(), (shape_t{2, 3}));
  EXPECT_EQ(both[1].shape(), (shape_t{2, 3}));
  EXPECT_EQ(both[0].get(), (std::vector<float>{1, 2, 3, 1, 2, 3}));
  EXPECT_EQ(both[1].get(), (std::vector<float>{10, 10, 10, 20, 20, 20}));
  EXPECT_THROW(cupp::broadcast_arrays(std::vector<cupp::ndarray<float>>{
                   x, cupp::asarray<float>({1, 2})}),
               cupp::broadcast_error);
}

}  // namespace
