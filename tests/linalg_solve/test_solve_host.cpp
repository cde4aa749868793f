// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// solve, inv, det, slogdet, cholesky without a GPU: NumPy's shape rules and error messages (all
// raised before any conversion or allocation). Their kernels compile for sm_90 in
// tests/linalg/test_linalg_kernels.cpp.
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <string>

#include "cupp/core/error.hpp"
#include "cupp/linalg/solve.hpp"
#include "core/throws.hpp"
#include "support/shaped.hpp"

namespace {

using cupp::shape_t;
using cupp::test::shaped;

using cupp::test::message_of;

TEST(SolveShape, NumpyTwoRules) {
  using cupp::linalg::detail::solve_shape;
  EXPECT_EQ(solve_shape({3, 3}, {3}), (shape_t{3}));
  EXPECT_EQ(solve_shape({3, 3}, {3, 2}), (shape_t{3, 2}));
  EXPECT_EQ(solve_shape({4, 3, 3}, {3}), (shape_t{4, 3}));  // b broadcast as one vector
  EXPECT_EQ(solve_shape({4, 3, 3}, {4, 3, 1}), (shape_t{4, 3, 1}));
  EXPECT_EQ(solve_shape({3, 1, 5, 5}, {2, 5, 7}), (shape_t{3, 2, 5, 7}));
  EXPECT_EQ(solve_shape({5, 5}, {6, 5, 2}), (shape_t{6, 5, 2}));
  EXPECT_EQ(solve_shape({0, 0}, {0}), (shape_t{0}));
  EXPECT_EQ(solve_shape({0, 3, 3}, {0, 3, 2}), (shape_t{0, 3, 2}));
  EXPECT_EQ(solve_shape({3, 3}, {3, 0}), (shape_t{3, 0}));
  // NumPy 2: a 2-D b is a matrix even where NumPy 1 saw a stack of vectors.
  EXPECT_EQ(solve_shape({2, 3, 3}, {3, 3}), (shape_t{2, 3, 3}));
}

TEST(SolveShape, CoreMismatchIsNumpysMessage) {
  using cupp::linalg::detail::solve_shape;
  EXPECT_EQ(message_of([] {
              solve_shape({4, 4}, {3, 2});
            }),
            "solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
            "signature (m,m),(m,n)->(m,n) (size 3 is different from 4)");
  EXPECT_EQ(message_of([] {
              solve_shape({3, 3}, {4});
            }),
            "solve1: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
            "signature (m,m),(m)->(m) (size 4 is different from 3)");
  EXPECT_EQ(message_of([] {
              solve_shape({3, 3}, {});
            }),
            "solve: Input operand 1 does not have enough dimensions (has 0, gufunc core with "
            "signature (m,m),(m,n)->(m,n) requires 2)");
  EXPECT_THROW(solve_shape({2, 3, 3}, {4}), cupp::value_error);
  EXPECT_THROW(solve_shape({2, 3, 3}, {4, 3, 1}), cupp::broadcast_error);
}

TEST(SolveShape, SquareChecksComeFirst) {
  using cupp::linalg::detail::solve_shape;
  EXPECT_EQ(message_of([] { solve_shape({3}, {3}); }),
            "1-dimensional array given. Array must be at least two-dimensional");
  EXPECT_EQ(message_of([] {
              solve_shape({3, 4}, {5});
            }),
            "Last 2 dimensions of the array must be square");
  EXPECT_THROW(solve_shape({3, 4}, {3}), cupp::linalg_error);
}

TEST(SolveErrors, TypedCallsCheckBeforeTouchingTheGpu) {
  // Arrays without memory: every check happens before a conversion or an allocation.
  const auto v = shaped<float>({3});
  const auto rect = shaped<std::int32_t>({2, 3, 4});
  const auto sq = shaped<std::int32_t>({3, 3});
  const auto scalar = shaped<double>({});
  EXPECT_THROW(cupp::linalg::solve(v, v), cupp::linalg_error);
  EXPECT_THROW(cupp::linalg::solve(rect, v), cupp::linalg_error);
  EXPECT_THROW(cupp::linalg::solve(sq, shaped<float>({4})), cupp::value_error);
  EXPECT_THROW(cupp::linalg::solve(sq, shaped<std::complex<float>>({2, 3})), cupp::value_error);
  EXPECT_THROW(cupp::linalg::solve(sq, scalar), cupp::value_error);

  EXPECT_EQ(message_of([&] { cupp::linalg::inv(v); }),
            "1-dimensional array given. Array must be at least two-dimensional");
  EXPECT_EQ(message_of([&] { cupp::linalg::inv(scalar); }),
            "0-dimensional array given. Array must be at least two-dimensional");
  EXPECT_EQ(message_of([&] { cupp::linalg::inv(rect); }),
            "Last 2 dimensions of the array must be square");
  EXPECT_THROW(cupp::linalg::det(v), cupp::linalg_error);
  EXPECT_THROW(cupp::linalg::det(rect), cupp::linalg_error);
  EXPECT_THROW(cupp::linalg::slogdet(v), cupp::linalg_error);
  EXPECT_THROW(cupp::linalg::slogdet(rect), cupp::linalg_error);
  EXPECT_THROW(cupp::linalg::cholesky(v), cupp::linalg_error);
  EXPECT_THROW(cupp::linalg::cholesky(rect, true), cupp::linalg_error);
}

TEST(SolveTypes, NumpysComputingDtypes) {
  using cupp::ndarray;
  const auto i = shaped<std::int32_t>({2, 2});
  const auto f = shaped<float>({2, 2});
  const auto c = shaped<std::complex<float>>({2, 2});
  static_assert(std::is_same_v<decltype(cupp::linalg::solve(i, i)), ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::linalg::solve(f, f)), ndarray<float>>);
  static_assert(std::is_same_v<decltype(cupp::linalg::solve(i, f)), ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::linalg::solve(f, c)), ndarray<std::complex<float>>>);
  static_assert(std::is_same_v<decltype(cupp::linalg::inv(i)), ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::linalg::det(c)), ndarray<std::complex<float>>>);
  using S = decltype(cupp::linalg::slogdet(c));
  static_assert(std::is_same_v<decltype(S::sign), ndarray<std::complex<float>>>);
  static_assert(std::is_same_v<decltype(S::logabsdet), ndarray<float>>);
  static_assert(std::is_same_v<decltype(cupp::linalg::cholesky(i)), ndarray<double>>);
  (void)i;
  (void)f;
  (void)c;
}

}  // namespace
