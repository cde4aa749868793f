// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The statistics routines without a GPU: result dtypes, every argument check that comes before
// device work (with NumPy's words), the host arithmetic of histogram edges, and every generated
// kernel through NVRTC.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/jit/compiler.hpp"
#include "cupp/routines/statistics.hpp"
#include "support/shaped.hpp"

namespace {

using cupp::ndarray;
using cupp::shape_t;
using cupp::test::shaped;

TEST(StatsHost, ResultDtypesFollowNumPy) {
  static_assert(std::is_same_v<decltype(cupp::median(shaped<std::int32_t>({3}))), ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::median(shaped<bool>({3}))), ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::median(shaped<float>({3}))), ndarray<float>>);
  static_assert(
      std::is_same_v<decltype(cupp::median(shaped<cupp::float16>({3}))), ndarray<cupp::float16>>);
  static_assert(std::is_same_v<decltype(cupp::median(shaped<std::complex<float>>({3}))),
                               ndarray<std::complex<float>>>);
  static_assert(
      std::is_same_v<decltype(cupp::quantile(shaped<std::uint8_t>({3}), 0.5)), ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::percentile(shaped<cupp::bfloat16>({3}), 5.0)),
                               ndarray<cupp::bfloat16>>);
  static_assert(
      std::is_same_v<decltype(cupp::nanquantile(shaped<double>({3}), 0.5)), ndarray<double>>);
  using H = decltype(cupp::histogram(shaped<float>({3})));
  static_assert(std::is_same_v<decltype(H::hist), ndarray<std::int64_t>>);
  static_assert(std::is_same_v<decltype(H::bin_edges), ndarray<float>>);
  using HI = decltype(cupp::histogram(shaped<std::int16_t>({3}), 4));
  static_assert(std::is_same_v<decltype(HI::bin_edges), ndarray<double>>);
  using HE = decltype(cupp::histogram(shaped<double>({3}), shaped<std::int32_t>({4})));
  static_assert(std::is_same_v<decltype(HE::bin_edges), ndarray<std::int32_t>>);
  using HW = decltype(cupp::histogram(shaped<double>({3}), 4, std::nullopt, shaped<float>({3})));
  static_assert(std::is_same_v<decltype(HW::hist), ndarray<float>>);
  using HD = decltype(cupp::histogram(shaped<double>({3}), 4, std::nullopt, true));
  static_assert(std::is_same_v<decltype(HD::hist), ndarray<double>>);
  static_assert(
      std::is_same_v<decltype(cupp::bincount(shaped<std::int8_t>({3}))), ndarray<std::int64_t>>);
  static_assert(
      std::is_same_v<decltype(cupp::bincount(shaped<std::int8_t>({3}), shaped<float>({3}))),
                     ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::cov(shaped<std::int32_t>({2, 3}))), ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::cov(shaped<float>({2, 3}))), ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::cov(shaped<float>({2, 3}),
                                                  shaped<std::complex<float>>({2, 3}))),
                               ndarray<std::complex<double>>>);
  static_assert(
      std::is_same_v<decltype(cupp::corrcoef(shaped<std::int64_t>({2, 3}))), ndarray<double>>);
  SUCCEED();
}

TEST(StatsHost, QuantileArgumentsAreCheckedInNumPysOrder) {
  const auto a = shaped<double>({3, 4});
  CUPP_EXPECT_THROW_MSG(cupp::quantile(a, 1.5), cupp::value_error,
                        "Quantiles must be in the range [0, 1]");
  CUPP_EXPECT_THROW_MSG(cupp::quantile(a, -0.01), cupp::value_error,
                        "Quantiles must be in the range [0, 1]");
  CUPP_EXPECT_THROW_MSG(cupp::quantile(a, std::vector<double>{0.5, std::nan("")}),
                        cupp::value_error, "Quantiles must be in the range [0, 1]");
  CUPP_EXPECT_THROW_MSG(cupp::percentile(a, 100.5), cupp::value_error,
                        "Percentiles must be in the range [0, 100]");
  CUPP_EXPECT_THROW_MSG(cupp::nanpercentile(a, std::vector<double>{50, -1}), cupp::value_error,
                        "Percentiles must be in the range [0, 100]");
  // q before the axis, the axis before the method.
  CUPP_EXPECT_THROW_MSG(cupp::quantile(a, 2.0, 5, "nope"), cupp::value_error,
                        "Quantiles must be in the range [0, 1]");
  CUPP_EXPECT_THROW_MSG(cupp::quantile(a, 0.5, 2, "nope"), cupp::axis_error,
                        "axis 2 is out of bounds for array of dimension 2");
  CUPP_EXPECT_THROW_MSG(cupp::median(a, {0, -2}), cupp::value_error, "duplicate value in 'axis'");
  CUPP_EXPECT_THROW_MSG(cupp::nanmedian(shaped<float>({}), 0), cupp::axis_error,
                        "axis 0 is out of bounds for array of dimension 0");
  CUPP_EXPECT_THROW_MSG(
      cupp::percentile(a, 50.0, 1, "nope"), cupp::value_error,
      "'nope' is not a valid method. Use one of: dict_keys(['inverted_cdf', "
      "'averaged_inverted_cdf', 'closest_observation', 'interpolated_inverted_cdf', 'hazen', "
      "'weibull', 'linear', 'median_unbiased', 'normal_unbiased', 'lower', 'higher', "
      "'midpoint', 'nearest'])");
}

TEST(StatsHost, EveryMethodNameParses) {
  const char* names[] = {"inverted_cdf",
                         "averaged_inverted_cdf",
                         "closest_observation",
                         "interpolated_inverted_cdf",
                         "hazen",
                         "weibull",
                         "linear",
                         "median_unbiased",
                         "normal_unbiased",
                         "lower",
                         "higher",
                         "midpoint",
                         "nearest"};
  int i = 0;
  for (const char* n : names)
    EXPECT_EQ(static_cast<int>(cupp::detail::parse_quantile_method(n)), i++) << n;
  EXPECT_EQ(cupp::detail::checked_quantiles({0, 50, 100}, true), (std::vector<double>{0, 0.5, 1}));
}

TEST(StatsHost, HistogramArgumentChecks) {
  const auto a = shaped<double>({5});
  CUPP_EXPECT_THROW_MSG(cupp::histogram(a, 0), cupp::value_error,
                        "`bins` must be positive, when an integer");
  CUPP_EXPECT_THROW_MSG(cupp::histogram(a, -3), cupp::value_error,
                        "`bins` must be positive, when an integer");
  CUPP_EXPECT_THROW_MSG(cupp::histogram(a, 5, std::make_pair(2.0, 1.0)), cupp::value_error,
                        "max must be larger than min in range parameter.");
  CUPP_EXPECT_THROW_MSG(
      cupp::histogram(a, 5, std::make_pair(0.0, std::numeric_limits<double>::infinity())),
      cupp::value_error, "supplied range of [0.0, inf] is not finite");
  CUPP_EXPECT_THROW_MSG(cupp::histogram(a, 5, std::make_pair(std::nan(""), 1.5)), cupp::value_error,
                        "supplied range of [nan, 1.5] is not finite");
  CUPP_EXPECT_THROW_MSG(cupp::histogram(a, shaped<double>({2, 3})), cupp::value_error,
                        "`bins` must be 1d, when an array");
  CUPP_EXPECT_THROW_MSG(cupp::histogram(a, 5, std::nullopt, shaped<float>({4})), cupp::value_error,
                        "weights should have the same shape as a.");
  CUPP_EXPECT_THROW_MSG(
      cupp::histogram(shaped<int>({2, 3}), 5, std::nullopt, shaped<float>({3, 2}), true),
      cupp::value_error, "weights should have the same shape as a.");
  CUPP_EXPECT_THROW_MSG(cupp::detail::data_edges(std::nan(""), std::nan(""), cupp::dtype::float64),
                        cupp::value_error, "autodetected range of [nan, nan] is not finite");
  CUPP_EXPECT_THROW_MSG(cupp::detail::data_edges(-INFINITY, 3.0, cupp::dtype::float32),
                        cupp::value_error, "autodetected range of [-inf, 3.0] is not finite");
}

TEST(StatsHost, EqualBinEdgesAreNumPysLinspace) {
  using cupp::dtype;
  // np.linspace(0, 1, 5) and np.histogram_bin_edges([0.0, 1.0], 4).
  EXPECT_EQ(cupp::detail::uniform_edges(0, 1, 4, dtype::float64, dtype::float64),
            (std::vector<double>{0, 0.25, 0.5, 0.75, 1}));
  // np.linspace(-1, 2, 4): step 1.
  EXPECT_EQ(cupp::detail::uniform_edges(-1, 2, 3, dtype::float64, dtype::float64),
            (std::vector<double>{-1, 0, 1, 2}));
  // 0.1 steps: i * step + start in double, the last edge exactly stop (as NumPy's linspace).
  const std::vector<double> tenths =
      cupp::detail::uniform_edges(0, 1, 10, dtype::float64, dtype::float64);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(tenths[static_cast<std::size_t>(i)], i * 0.1) << i;
  EXPECT_EQ(tenths[10], 1.0);
  // float32 edges computed in float32 arithmetic (the range from float32 data).
  const std::vector<double> f =
      cupp::detail::uniform_edges(0, 1, 10, dtype::float32, dtype::float32);
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(f[static_cast<std::size_t>(i)], static_cast<double>(static_cast<float>(i) * 0.1f))
        << i;
  // NumPy 2.4: np.histogram(np.float32([0.3, -1.7, 2.2, 5.1, 0.9, 3.3]), bins=7) computes its
  // linspace in float32; with range=(-1.7, 5.1) in float64, cast to float32.
  const double lo32 = static_cast<double>(-1.7f), hi32 = static_cast<double>(5.1f);
  EXPECT_EQ(cupp::detail::uniform_edges(lo32, hi32, 7, dtype::float32, dtype::float32),
            (std::vector<double>{-1.7000000476837158, -0.7285714745521545, 0.24285709857940674,
                                 1.2142856121063232, 2.1857142448425293, 3.1571428775787354,
                                 4.128571510314941, 5.099999904632568}));
  EXPECT_EQ(cupp::detail::uniform_edges(-1.7, 5.1, 7, dtype::float32, dtype::float64),
            (std::vector<double>{-1.7000000476837158, -0.7285714149475098, 0.24285714328289032,
                                 1.2142857313156128, 2.1857142448425293, 3.1571428775787354,
                                 4.128571510314941, 5.099999904632568}));
  // np.histogram(np.float16([0.1, 0.2, 0.7, 1.3]), bins=3): float16 arithmetic.
  EXPECT_EQ(
      cupp::detail::uniform_edges(0.0999755859375, 1.2998046875, 3, dtype::float16, dtype::float16),
      (std::vector<double>{0.0999755859375, 0.5, 0.900390625, 1.2998046875}));
  // Equal extremes widen by 0.5 each way, in the data's dtype; a range by 0.5 in float64.
  EXPECT_EQ(cupp::detail::data_edges(5, 5, dtype::int64), std::make_pair(4.5, 5.5));
  EXPECT_EQ(cupp::detail::range_edges(2, 2), std::make_pair(1.5, 2.5));
  CUPP_EXPECT_THROW_MSG(
      cupp::detail::uniform_edges(1, 1.0000001, 10, dtype::float32, dtype::float64),
      cupp::value_error, "Too many bins for data range. Cannot create 10 finite-sized bins.");
}

TEST(StatsHost, BincountArgumentChecks) {
  CUPP_EXPECT_THROW_MSG(cupp::bincount(shaped<std::int32_t>({4}), -1), cupp::value_error,
                        "'minlength' must not be negative");
  CUPP_EXPECT_THROW_MSG(cupp::bincount(shaped<std::int32_t>({2, 2})), cupp::value_error,
                        "object too deep for desired array");
  CUPP_EXPECT_THROW_MSG(cupp::bincount(shaped<std::int64_t>({})), cupp::value_error,
                        "object of too small depth for desired array");
  CUPP_EXPECT_THROW_MSG(cupp::bincount(shaped<std::int64_t>({2, 1}), shaped<double>({2})),
                        cupp::value_error, "object too deep for desired array");
}

TEST(StatsHost, CovArgumentChecks) {
  CUPP_EXPECT_THROW_MSG(cupp::cov(shaped<double>({2, 2, 2})), cupp::value_error,
                        "m has more than 2 dimensions");
  CUPP_EXPECT_THROW_MSG(cupp::cov(shaped<double>({2, 2}), shaped<float>({1, 2, 2})),
                        cupp::value_error, "y has more than 2 dimensions");
  CUPP_EXPECT_THROW_MSG(cupp::corrcoef(shaped<float>({1, 1, 2})), cupp::value_error,
                        "m has more than 2 dimensions");
}

// Every generated kernel of the statistics routines, through NVRTC, for sm_90.
TEST(StatsCompile, GeneratedKernelsCompile) {
  using cupp::dtype;
  auto& compiler = cupp::jit::get_default_compiler();
  for (int i = 0; i < cupp::kNumDtypes; ++i) {
    const auto in = static_cast<dtype>(i);
    const dtype out = cupp::is_complex(in) ? in : cupp::detail::quantile_dtype(in);
    const std::string q = cupp::detail::quantile_kernel_source(in, out);
    EXPECT_NE(q.find("#include <cupp/stats_quantile.cuh>\n"), std::string::npos);
    std::shared_ptr<const cupp::jit::compiled_module> m;
    EXPECT_NO_THROW(m = compiler.compile(q, {}, {}, 90)) << q;
    // The kernel is named after the routine and both dtypes.
    const std::string name = std::string("cupp_quantile_") + cupp::dtype_name(in) + "_" +
                             cupp::dtype_name(out);
    if (m) {
      EXPECT_NE(m->image.find(name), std::string::npos) << name;
    }
    if (in == dtype::float16) {  // the median of float16 and the quantiles share one source
      EXPECT_NE(q.find("cupp_quantile_float16_float16"), std::string::npos);
    }
    if (cupp::is_complex(in)) continue;
    const std::string h = cupp::detail::histogram_kernel_source(in);
    EXPECT_NE(h.find("#include <cupp/stats_histogram.cuh>\n"), std::string::npos);
    m = nullptr;
    EXPECT_NO_THROW(m = compiler.compile(h, {}, {}, 90)) << h;
    for (const char* what : {"cupp_histogram_uniform_", "cupp_histogram_edges_", "cupp_bincount_"}) {
      if (m) {
        EXPECT_NE(m->image.find(what + std::string(cupp::dtype_name(in))), std::string::npos);
      }
    }
  }
}

}  // namespace
