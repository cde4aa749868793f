// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// What the decompositions check before touching the GPU (NumPy's messages and exception types),
// and the host references themselves. Their kernels compile for sm_90 in
// tests/linalg/test_linalg_kernels.cpp.
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>

#include "decomp_reference.hpp"
#include "support/shaped.hpp"

namespace {

using namespace decomp_test;
namespace la = cupp::linalg;
using cupp::test::shaped;

TEST(DecompChecks, OneDimensionalInputIsNumpysLinAlgError) {
  const auto v = shaped<float>({3});
  const std::string msg = "1-dimensional array given. Array must be at least two-dimensional";
  EXPECT_EQ(message_of([&] { la::qr(v); }), msg);
  EXPECT_EQ(message_of([&] { la::svd(v); }), msg);
  EXPECT_EQ(message_of([&] { la::svdvals(v); }), msg);
  EXPECT_EQ(message_of([&] { la::pinv(v); }), msg);
  EXPECT_THROW(la::qr(v, la::qr_mode::r), cupp::linalg_error);
  EXPECT_THROW(la::svd(v, false), cupp::linalg_error);
  // Integer inputs are checked before their conversion to float64.
  const auto s = shaped<std::int32_t>({});
  EXPECT_EQ(message_of([&] { la::svd(s); }),
            "0-dimensional array given. Array must be at least two-dimensional");
  EXPECT_THROW(la::qr(s), cupp::linalg_error);
  EXPECT_THROW(la::pinv(s), cupp::linalg_error);
}

TEST(DecompChecks, LstsqShapesAreNumpys) {
  const auto a = shaped<double>({4, 3});
  EXPECT_EQ(message_of([&] { la::lstsq(a, shaped<double>({5})); }), "Incompatible dimensions");
  EXPECT_EQ(message_of([&] { la::lstsq(a, shaped<double>({3, 2})); }), "Incompatible dimensions");
  EXPECT_EQ(message_of([&] { la::lstsq(shaped<double>({4}), shaped<double>({4})); }),
            "1-dimensional array given. Array must be two-dimensional");
  EXPECT_EQ(message_of([&] { la::lstsq(shaped<double>({2, 4, 3}), shaped<double>({4})); }),
            "3-dimensional array given. Array must be two-dimensional");
  EXPECT_EQ(message_of([&] { la::lstsq(a, shaped<double>({2, 4, 1})); }),
            "3-dimensional array given. Array must be two-dimensional");
  EXPECT_EQ(message_of([&] { la::lstsq(a, shaped<double>({})); }),
            "0-dimensional array given. Array must be two-dimensional");
  // Mixed dtypes: checked before either is converted.
  EXPECT_THROW(la::lstsq(shaped<std::int64_t>({4, 3}), shaped<float>({2})), cupp::linalg_error);
}

TEST(DecompChecks, LstsqCommonTypeIsNumpys) {
  using la::detail::lstsq_t;
  static_assert(std::is_same_v<lstsq_t<float, float>, float>);
  static_assert(std::is_same_v<lstsq_t<float, double>, double>);
  static_assert(std::is_same_v<lstsq_t<bool, float>, double>);  // _commonType: non-inexact -> double
  static_assert(std::is_same_v<lstsq_t<std::int32_t, std::complex<float>>, std::complex<double>>);
  static_assert(std::is_same_v<lstsq_t<float, std::complex<float>>, std::complex<float>>);
  static_assert(std::is_same_v<lstsq_t<std::int8_t, std::int8_t>, double>);
  SUCCEED();
}

TEST(DecompChecks, MatrixRankTolAndRtolExclusive) {
  const auto a = shaped<float>({3, 3});
  EXPECT_EQ(message_of([&] { la::matrix_rank(a, 1e-3, false, 1e-3); }),
            "`tol` and `rtol` can't be both set.");
  EXPECT_THROW(la::matrix_rank(a, 1e-3, false, 1e-3), cupp::value_error);
}

TEST(DecompChecks, ResultTypes) {
  static_assert(std::is_same_v<decltype(la::qr(std::declval<cupp::ndarray<std::int16_t>>())),
                               la::qr_result<double>>);
  static_assert(std::is_same_v<decltype(la::svd(std::declval<cupp::ndarray<std::complex<float>>>())
                                            .S),
                               cupp::ndarray<float>>);
  static_assert(std::is_same_v<decltype(la::svdvals(std::declval<cupp::ndarray<bool>>())),
                               cupp::ndarray<double>>);
  static_assert(std::is_same_v<decltype(la::pinv(std::declval<cupp::ndarray<std::uint8_t>>())),
                               cupp::ndarray<double>>);
  static_assert(std::is_same_v<decltype(la::lstsq(std::declval<cupp::ndarray<float>>(),
                                                  std::declval<cupp::ndarray<std::complex<float>>>())
                                            .residuals),
                               cupp::ndarray<float>>);
  SUCCEED();
}

// ---- the references ------------------------------------------------------------------------

TEST(DecompReference, JacobiSingularValuesOfKnownMatrices) {
  hmat a(3, 2);  // [[3, 0], [4, 5], [0, 0]]: singular values sqrt(45), sqrt(5)
  a(0, 0) = 3;
  a(1, 0) = 4;
  a(1, 1) = 5;
  const auto s = svdvals_ref(a);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_NEAR(s[0], std::sqrt(45.0), 1e-14);
  EXPECT_NEAR(s[1], std::sqrt(5.0), 1e-14);
  const auto st = svdvals_ref(adj(a));
  EXPECT_NEAR(st[0], std::sqrt(45.0), 1e-14);
  hmat c(2, 2);  // [[1, i], [i, 1]]: singular values 2^(1/2) twice (unitary times sqrt 2)
  c(0, 0) = 1;
  c(0, 1) = cplx(0, 1);
  c(1, 0) = cplx(0, 1);
  c(1, 1) = 1;
  const auto sc = svdvals_ref(c);
  EXPECT_NEAR(sc[0], std::sqrt(2.0), 1e-14);
  EXPECT_NEAR(sc[1], std::sqrt(2.0), 1e-14);
}

TEST(DecompReference, PinvOfFullRankMatrix) {
  hmat a(3, 2);  // NumPy's documented pinv example values
  a(0, 0) = 1;
  a(0, 1) = 2;
  a(1, 0) = 3;
  a(1, 1) = 4;
  a(2, 0) = 5;
  a(2, 1) = 6;
  const hmat p = pinv_full_rank(a);
  EXPECT_NEAR(p(0, 0).real(), -4.0 / 3, 1e-12);
  EXPECT_NEAR(p(1, 0).real(), 13.0 / 12, 1e-12);
  EXPECT_LT(fro_diff(mul(mul(a, p), a), a), 1e-12);
}

template <class T>
void expect_rank_test_ranks() {
  const auto values = rank_test_values<T>();
  const auto ranks = rank_test_ranks();
  for (std::size_t i = 0; i < ranks.size(); ++i) {
    const auto s = svdvals_ref(matrix_of(values, static_cast<std::int64_t>(i), 5, 6));
    std::int64_t r = 0;
    for (const double v : s) r += v > s[0] * 1e-10;
    EXPECT_EQ(r, ranks[i]) << "matrix " << i;
  }
}

TEST(DecompReference, RankTestMatricesHaveTheirRanks) {
  expect_rank_test_ranks<float>();
  expect_rank_test_ranks<std::complex<double>>();
  expect_rank_test_ranks<std::int32_t>();
}

}  // namespace
