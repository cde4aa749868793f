// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// What the ndimage functions share, on the host: the scalar-or-sequence arguments, the mode
// names with SciPy's error, the axes argument, and the boundary index map of the filters against
// the extended lines drawn in SciPy's documentation ("abcd" extended by three on each side).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/throws.hpp"
#include "cupp/ndimage_common.cuh"
#include "cupp/scipy/ndimage.hpp"

namespace {

namespace ndi = cupp::scipy::ndimage;
using ndi::detail::boundary;

TEST(NdimageCommon, PerAxisRepeatsOneValueAndChecksASequence) {
  const ndi::per_axis<double> one = 2.5;
  EXPECT_FALSE(one.sequence());
  EXPECT_EQ(one.expand(3), (std::vector<double>{2.5, 2.5, 2.5}));
  const ndi::per_axis<double> two = {1.0, 2.0};
  EXPECT_TRUE(two.sequence());
  EXPECT_EQ(two.expand(2), (std::vector<double>{1.0, 2.0}));
  EXPECT_TRUE(cupp::test::throws_exactly<cupp::value_error>(
      [&] { two.expand(3); }, "sequence argument must have length equal to input rank"));
  const ndi::per_axis<std::string> modes = {"reflect", "wrap"};
  EXPECT_EQ(modes.expand(2)[1], "wrap");
  const ndi::per_axis<std::string> mode = "nearest";
  EXPECT_EQ(mode.expand(2), (std::vector<std::string>{"nearest", "nearest"}));
  const ndi::per_axis<int> size = 3;
  EXPECT_EQ(size.expand(1), std::vector<int>{3});
}

TEST(NdimageCommon, ModeNamesAsSciPy) {
  EXPECT_EQ(ndi::detail::filter_mode("reflect"), boundary::reflect);
  EXPECT_EQ(ndi::detail::filter_mode("grid-mirror"), boundary::reflect);
  EXPECT_EQ(ndi::detail::filter_mode("mirror"), boundary::mirror);
  EXPECT_EQ(ndi::detail::filter_mode("nearest"), boundary::nearest);
  EXPECT_EQ(ndi::detail::filter_mode("grid-wrap"), boundary::wrap);
  EXPECT_EQ(ndi::detail::filter_mode("grid-constant"), boundary::constant);
  EXPECT_EQ(ndi::detail::interpolation_mode("grid-wrap"), boundary::grid_wrap);
  EXPECT_EQ(ndi::detail::interpolation_mode("grid-constant"), boundary::grid_constant);
  EXPECT_EQ(ndi::detail::interpolation_mode("constant"), boundary::constant);
  for (const char* bad : {"Reflect", "edge", "symmetric", ""})
    EXPECT_TRUE(cupp::test::throws_exactly<cupp::value_error>(
        [&] { ndi::detail::filter_mode(bad); }, "boundary mode not supported"));
}

TEST(NdimageCommon, AxesAsSciPy) {
  EXPECT_EQ(ndi::detail::filter_axes({}, 3), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(ndi::detail::filter_axes(-1, 3), std::vector<int>{2});
  EXPECT_EQ(ndi::detail::filter_axes({2, 0}, 3), (std::vector<int>{2, 0}));
  EXPECT_TRUE(cupp::test::throws_exactly<cupp::value_error>(
      [] { ndi::detail::filter_axes({0, -3}, 3); }, "axes must be unique"));
  EXPECT_TRUE(cupp::test::throws_exactly<cupp::value_error>(
      [] { ndi::detail::filter_axes(3, 3); }, "specified axis: 3 is out of range"));
  EXPECT_TRUE(cupp::test::throws_exactly<cupp::value_error>(
      [] { ndi::detail::filter_axes(-4, 3); }, "specified axis: -4 is out of range"));
}

// The line "abcd" extended by three on each side, as SciPy's documentation of the modes draws it
// (and as scipy.ndimage.correlate1d with one-hot weights reads it, for the longer extensions).
std::string extended(int mode, long long n = 4, long long pad = 3) {
  std::string s;
  for (long long i = -pad; i < n + pad; ++i) {
    const long long j = cupp_ndi_filter_index(i, n, mode);
    s += j < 0 ? 'k' : static_cast<char>('a' + j);
  }
  return s;
}

TEST(NdimageCommon, FilterBoundariesAsSciPyDrawsThem) {
  EXPECT_EQ(extended(cupp_ndi_reflect), "cbaabcddcb");
  EXPECT_EQ(extended(cupp_ndi_mirror), "dcbabcdcba");
  EXPECT_EQ(extended(cupp_ndi_nearest), "aaaabcdddd");
  EXPECT_EQ(extended(cupp_ndi_wrap), "bcdabcdabc");
  EXPECT_EQ(extended(cupp_ndi_constant), "kkkabcdkkk");
  // Far past the edges: the periodic modes keep their period.
  EXPECT_EQ(extended(cupp_ndi_reflect, 2, 5), "aabbaabbaabb");
  EXPECT_EQ(extended(cupp_ndi_mirror, 3, 5), "babcbabcbabcb");
  EXPECT_EQ(extended(cupp_ndi_mirror, 1, 2), "aaaaa");
  EXPECT_EQ(extended(cupp_ndi_wrap, 1, 2), "aaaaa");
  EXPECT_EQ(extended(cupp_ndi_reflect, 1, 2), "aaaaa");
}

}  // namespace
