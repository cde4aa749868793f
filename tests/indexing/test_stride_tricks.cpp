// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// lib::stride_tricks::as_strided and sliding_window_view: the views' shapes, strides and flags
// and NumPy's errors (no GPU), and the windows' values against a host loop.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/routines/stride_tricks.hpp"
#include "support/described.hpp"
#include "support/dtypes.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::shape_t;
using cupp::strides_t;
using cupp::lib::stride_tricks::as_strided;
using cupp::lib::stride_tricks::sliding_window_view;
using cupp::test::described;

TEST(StrideTricksViews, AsStridedCountsBytes) {
  const cupp::ndarray<float> x(described({2, 3}));
  const auto v = as_strided(x, shape_t{3, 2}, strides_t{4, 4});
  EXPECT_EQ(v.shape(), (shape_t{3, 2}));
  EXPECT_EQ(v.strides(), (strides_t{1, 1}));
  EXPECT_EQ(v.byte_strides(), (strides_t{4, 4}));
  EXPECT_EQ(v.data(), x.data());
  EXPECT_FALSE(v.desc().readonly);
  EXPECT_TRUE(as_strided(x, std::nullopt, std::nullopt, false).desc().readonly);
  EXPECT_EQ(as_strided(x).strides(), x.strides());
  CUPP_EXPECT_THROW_MSG(as_strided(x, shape_t{3}, strides_t{6}), cupp::value_error,
                        "as_strided: strides must be multiples of the item size (4), got (6,)");
  CUPP_EXPECT_THROW_MSG(as_strided(x, shape_t{3}, strides_t{4, 4}), cupp::value_error,
                        "as_strided: shape and strides must have the same length");
  CUPP_EXPECT_THROW_MSG(as_strided(x, shape_t{-1}, strides_t{4}), cupp::value_error,
                        "negative dimensions are not allowed");
}

TEST(StrideTricksViews, SlidingWindowAsNumpy) {
  // NumPy: sliding_window_view(arange(6.).reshape(2, 3), (2, 2)) has shape (1, 2, 2, 2) and
  // strides (24, 8, 24, 8).
  const cupp::ndarray<double> x(described({2, 3}, cupp::dtype::float64));
  const auto v = sliding_window_view(x, shape_t{2, 2});
  EXPECT_EQ(v.shape(), (shape_t{1, 2, 2, 2}));
  EXPECT_EQ(v.byte_strides(), (strides_t{24, 8, 24, 8}));
  EXPECT_TRUE(v.desc().readonly);
  EXPECT_FALSE(sliding_window_view(x, shape_t{2, 2}, std::nullopt, true).desc().readonly);
  const auto w = sliding_window_view(x, 2, 1);
  EXPECT_EQ(w.shape(), (shape_t{2, 2, 2}));
  EXPECT_EQ(w.byte_strides(), (strides_t{24, 8, 8}));
  EXPECT_EQ(sliding_window_view(x, shape_t{2, 2}, std::vector<std::int64_t>{1, -1}).shape(),
            (shape_t{2, 1, 2, 2}));
  EXPECT_EQ(sliding_window_view(x, shape_t{0}, std::vector<std::int64_t>{0}).shape(),
            (shape_t{3, 3, 0}));
  CUPP_EXPECT_THROW_MSG(sliding_window_view(x, shape_t{4, 1}), cupp::value_error,
                        "window shape cannot be larger than input array shape");
  CUPP_EXPECT_THROW_MSG(sliding_window_view(x, shape_t{1}), cupp::value_error,
                        "Since axis is `None`, must provide window_shape for all dimensions of "
                        "`x`; got 1 window_shape elements and `x.ndim` is 2.");
  CUPP_EXPECT_THROW_MSG(sliding_window_view(x, shape_t{1, 2}, std::vector<std::int64_t>{0}),
                        cupp::value_error,
                        "Must provide matching length window_shape and axis; got 2 window_shape "
                        "elements and 1 axes elements.");
  CUPP_EXPECT_THROW_MSG(sliding_window_view(x, shape_t{-1, 1}), cupp::value_error,
                        "`window_shape` cannot contain negative values");
  CUPP_EXPECT_THROW_MSG(sliding_window_view(x, 1, 2), cupp::axis_error,
                        "axis 2 is out of bounds for array of dimension 2");
  // A 0-d array has no axes to window.
  const cupp::ndarray<double> s(described({}, cupp::dtype::float64));
  EXPECT_EQ(sliding_window_view(s, shape_t{}).shape(), shape_t{});
}

template <class T>
class StrideTricksValues : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(StrideTricksValues, cupp::test::AllDtypes);

TYPED_TEST(StrideTricksValues, WindowsOfAReversedView) {
  using T = TypeParam;
  const std::vector<T> host = cupp::test::values_from<T>(0, 7);
  const auto x = cupp::asarray(host)(cupp::slice(std::nullopt, std::nullopt, -1));  // reversed
  const auto v = sliding_window_view(x, 3, 0);
  std::vector<T> want;
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 3; ++j) want.push_back(host[static_cast<std::size_t>(6 - (i + j))]);
  cupp::test::expect_values(v.copy(), {5, 3}, want);
  // as_strided: overlapping rows of length 2, one element apart.
  const auto y = cupp::asarray(host);
  const auto o =
      as_strided(y, shape_t{6, 2}, strides_t{static_cast<std::int64_t>(sizeof(T)), sizeof(T)});
  std::vector<T> want2;
  for (int i = 0; i < 6; ++i)
    for (int j = 0; j < 2; ++j) want2.push_back(host[static_cast<std::size_t>(i + j)]);
  cupp::test::expect_values(o.copy(), {6, 2}, want2);
}

}  // namespace
