// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// digitize, histogram2d and histogramdd against NumPy's values (quoted beside each), and their
// checks (host-side, before any device work) in NumPy's words.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "support/gpu.hpp"
#include "support/shaped.hpp"

namespace {

using cupp::ndarray;
using cupp::shape_t;
using cupp::slice;
using cupp::test::shaped;
using range_t = std::vector<std::pair<double, double>>;

class Histogramdd : public cupp::test::GpuTest {};

template <class T>
void expect_values(const ndarray<T>& got, const std::vector<double>& want, const shape_t& shape,
                   double tol = 0) {
  ASSERT_EQ(got.shape(), shape);
  const auto h = got.get();
  ASSERT_EQ(h.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i)
    EXPECT_NEAR(static_cast<double>(static_cast<T>(h[i])), want[i], tol) << "at " << i;
}
template <class T>
void expect_values(const ndarray<T>& got, const std::vector<double>& want) {
  expect_values(got, want, shape_t{static_cast<std::int64_t>(want.size())});
}

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

TEST(HistogramddHost, ChecksUseNumPysWords) {
  EXPECT_EQ(cupp::detail::bins_monotonicity({1, 1, 2, 3}), 1);
  EXPECT_EQ(cupp::detail::bins_monotonicity({3, 3, 2, 2}), -1);
  EXPECT_EQ(cupp::detail::bins_monotonicity({1, 1}), 1);
  EXPECT_EQ(cupp::detail::bins_monotonicity({1, 3, 2}), 0);
  EXPECT_EQ(cupp::detail::bins_monotonicity({}), 1);
  CUPP_EXPECT_THROW_MSG(cupp::detail::check_digitize_bins(1, {1, 3, 2}), cupp::value_error,
                        "bins must be monotonically increasing or decreasing");
  CUPP_EXPECT_THROW_MSG(cupp::digitize(shaped<double>({3}), shaped<double>({2, 2})),
                        cupp::value_error, "object too deep for desired array");
  CUPP_EXPECT_THROW_MSG(cupp::digitize(shaped<double>({3}), shaped<double>({})), cupp::value_error,
                        "object of too small depth for desired array");
  const auto s = shaped<float>({5, 2});
  CUPP_EXPECT_THROW_MSG(cupp::histogramdd(s, std::vector<std::int64_t>{2, 2, 2}), cupp::value_error,
                        "The dimension of bins must be equal to the dimension of the sample x.");
  CUPP_EXPECT_THROW_MSG(cupp::histogramdd(s, 3, range_t{{0, 1}}), cupp::value_error,
                        "range argument must have one entry per dimension");
  CUPP_EXPECT_THROW_MSG(cupp::histogramdd(s, std::vector<std::int64_t>{2, 0}), cupp::value_error,
                        "`bins[1]` must be positive, when an integer");
  CUPP_EXPECT_THROW_MSG(cupp::histogramdd(s, 2, range_t{{0, 1}, {2, 1}}), cupp::value_error,
                        "max must be larger than min in range parameter.");
  CUPP_EXPECT_THROW_MSG(cupp::histogramdd(shaped<float>({5, 2, 1}), 2), cupp::value_error,
                        "histogramdd: the sample must be (N,) or (N, D), got 3 dimensions");
  CUPP_EXPECT_THROW_MSG(cupp::histogram2d(shaped<float>({5}), shaped<float>({4})),
                        cupp::value_error, "x and y must have the same length");
  CUPP_EXPECT_THROW_MSG(cupp::detail::check_histogramdd_edges(0, 1, {0, 2, 1}), cupp::value_error,
                        "`bins[0]` must be monotonically increasing, when an array");
  CUPP_EXPECT_THROW_MSG(cupp::detail::check_histogramdd_edges(1, 2, {}), cupp::value_error,
                        "`bins[1]` must be a scalar or 1d array");
  static_assert(std::is_same_v<decltype(cupp::histogram2d(s, shaped<std::int32_t>({5})).xedges),
                               ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::histogramdd(s).edges), std::vector<ndarray<float>>>);
  static_assert(std::is_same_v<decltype(cupp::sort_complex(shaped<std::int8_t>({3}))),
                               ndarray<std::complex<float>>>);
  static_assert(std::is_same_v<decltype(cupp::sort_complex(shaped<float>({3}))),
                               ndarray<std::complex<double>>>);
}

// The binning kernel compiles for every real dtype (no GPU needed).
TEST(HistogramddHost, BinningKernelCompiles) {
  using cupp::dtype;
  for (dtype d : {dtype::float32, dtype::float64, dtype::int32, dtype::uint8, dtype::int64}) {
    cupp::jit::detail::ew_kernel k(
        cupp::detail::kHistddIn, cupp::detail::kHistddOut, cupp::detail::kHistddBody,
        cupp::detail::kHistddName, "", {},
        {d, dtype::float64, dtype::int64, dtype::int64, dtype::int64, dtype::int64});
    EXPECT_NO_THROW(k.compile_all(90)) << cupp::dtype_name(d);
  }
}

TEST_F(Histogramdd, DigitizeAsNumPy) {
  const auto x = cupp::asarray<double>({0.2, 6.4, 3.0, 1.6, 10.0, -1, kNan});
  const auto bins = cupp::asarray<double>({0.0, 1.0, 2.5, 4.0, 10.0});
  const auto rev = cupp::asarray<double>({10.0, 4.0, 2.5, 1.0, 0.0});
  expect_values(cupp::digitize(x, bins), {1, 4, 3, 2, 5, 0, 5});
  expect_values(cupp::digitize(x, bins, true), {1, 4, 3, 2, 4, 0, 5});
  expect_values(cupp::digitize(x, rev), {4, 1, 2, 3, 0, 5, 0});
  expect_values(cupp::digitize(x, rev, true), {4, 1, 2, 3, 1, 5, 0});
  // float32 x against int bins, x 2-D and transposed; bins a negative-step view.
  const auto xf = cupp::asarray<float>({0.5f, 3.f, 1.f, 7.f}, shape_t{2, 2}).T();
  const auto ib = cupp::asarray<std::int32_t>({5, 3, 1})(slice(std::nullopt, std::nullopt, -1));
  expect_values(cupp::digitize(xf, ib), {0, 1, 2, 3}, shape_t{2, 2});
  EXPECT_EQ(cupp::digitize(ndarray<float>(shape_t{0}), bins).size(), 0);
  EXPECT_THROW(cupp::digitize(x, cupp::asarray<double>({1, 3, 2})), cupp::value_error);
}

TEST_F(Histogramdd, Histogram2dAsNumPy) {
  const std::vector<double> xs = {0, 1, 1.5, 2, 3, 4, 4, kNan, -1, 5};
  const std::vector<double> ys = {0, 0, 1, 2, 3, 4, 2, 1, 1, 1};
  const auto x = cupp::asarray(xs), y = cupp::asarray(ys);
  // np.histogram2d(xs, ys, bins=[2, 3], range=[[0, 4], [0, 4]])
  auto r = cupp::histogram2d(x, y, std::vector<std::int64_t>{2, 3}, range_t{{0, 4}, {0, 4}});
  expect_values(r.hist, {3, 0, 0, 0, 2, 2}, shape_t{2, 3});
  expect_values(r.xedges, {0, 2, 4});
  expect_values(r.yedges, {0, 4.0 / 3.0, 8.0 / 3.0, 4}, shape_t{4}, 1e-15);
  // The first seven points, bins=3 from the data's extremes, float32 y.
  const auto x7 = x(slice(0, 7));
  std::vector<float> y7f(ys.begin(), ys.begin() + 7);
  const auto y7 = cupp::asarray(y7f);
  auto r7 = cupp::histogram2d(x7, y7, 3);
  expect_values(r7.hist, {2, 0, 0, 1, 1, 0, 0, 1, 2}, shape_t{3, 3});
  expect_values(r7.xedges, {0, 4.0 / 3.0, 8.0 / 3.0, 4}, shape_t{4}, 1e-15);
  auto d7 = cupp::histogram2d(x7, y7, 3, std::nullopt, true);
  expect_values(d7.hist,
                {0.16071428571428573, 0, 0, 0.08035714285714286, 0.08035714285714286, 0, 0,
                 0.08035714285714286, 0.16071428571428567},
                shape_t{3, 3}, 1e-12);
  auto w7 = cupp::histogram2d(x7, y7, 3, std::nullopt, false,
                              cupp::asarray<double>({0, 1, 2, 3, 4, 5, 6}));
  expect_values(w7.hist, {1, 0, 0, 2, 3, 0, 0, 6, 9}, shape_t{3, 3});
  // Explicit edges for each axis.
  auto e7 = cupp::histogram2d(x7, y7,
                              std::vector<ndarray<double>>{cupp::asarray<double>({0, 2, 4}),
                                                           cupp::asarray<double>({0, 1, 5})});
  expect_values(e7.hist, {2, 1, 0, 4}, shape_t{2, 2});
  // No points: the range is [0, 1].
  auto empty = cupp::histogram2d(ndarray<float>(shape_t{0}), ndarray<float>(shape_t{0}), 2);
  expect_values(empty.hist, {0, 0, 0, 0}, shape_t{2, 2});
  expect_values(empty.xedges, {0, 0.5, 1});
}

TEST_F(Histogramdd, HistogramddAsNumPy) {
  // np.histogramdd([[0,0,0],[1,1,1],[2,2,0],[2,0,2]], bins=[2,1,2])
  const auto s = cupp::asarray<std::int32_t>({0, 0, 0, 1, 1, 1, 2, 2, 0, 2, 0, 2}, shape_t{4, 3});
  auto r = cupp::histogramdd(s, std::vector<std::int64_t>{2, 1, 2});
  expect_values(r.hist, {1, 0, 1, 2}, shape_t{2, 1, 2});
  ASSERT_EQ(r.edges.size(), 3u);
  expect_values(r.edges[0], {0, 1, 2});
  expect_values(r.edges[1], {0, 2});
  expect_values(r.edges[2], {0, 1, 2});
  // The same points given transposed (a non-contiguous sample).
  const auto t =
      cupp::asarray<std::int32_t>({0, 1, 2, 2, 0, 1, 2, 0, 0, 1, 0, 2}, shape_t{3, 4}).T();
  expect_values(cupp::histogramdd(t, std::vector<std::int64_t>{2, 1, 2}).hist, {1, 0, 1, 2},
                shape_t{2, 1, 2});
  // A 1-D sample is one axis: as numpy.histogram.
  const auto one = cupp::asarray<double>({0, 1, 2, 3, 3});
  auto h1 = cupp::histogramdd(one, 3);
  expect_values(h1.hist, {1, 1, 3}, shape_t{3});
  expect_values(h1.edges[0], {0, 1, 2, 3});
}

}  // namespace
