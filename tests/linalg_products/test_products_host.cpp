// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The host half of the products: shapes, einsum's parser, tensordot's plan, the matrix-chain
// order, diagonal views, and every NumPy error condition, all raised before any GPU work (the
// operands are shaped arrays without memory), so this file runs without a GPU.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "cupp/array.hpp"
#include "cupp/linalg/products.hpp"
#include "support/shaped.hpp"

namespace {

using cupp::shape_t;
using cupp::test::shaped;

/// Expects `f` to throw exactly E with message `msg`.
template <class E, class F>
void expect_error(F&& f, const std::string& msg) {
  try {
    f();
    ADD_FAILURE() << "no exception; expected: " << msg;
  } catch (const E& e) {
    EXPECT_EQ(std::string(e.what()), msg);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "wrong exception type: " << e.what() << "; expected: " << msg;
  }
}

TEST(ProductsHost, CompactShapeStrIsNumPysErrorSpelling) {
  EXPECT_EQ(cupp::detail::compact_shape_str({}), "()");
  EXPECT_EQ(cupp::detail::compact_shape_str({3}), "(3,)");
  EXPECT_EQ(cupp::detail::compact_shape_str({2, 3}), "(2,3)");
}

TEST(ProductsHost, DotShapes) {
  using cupp::detail::dot_shape;
  EXPECT_EQ(dot_shape({5, 7}, {7, 3}), (shape_t{5, 3}));
  EXPECT_EQ(dot_shape({7}, {7}), (shape_t{}));
  EXPECT_EQ(dot_shape({5, 7}, {7}), (shape_t{5}));
  EXPECT_EQ(dot_shape({7}, {7, 3}), (shape_t{3}));
  // Not matmul's broadcasting: a.shape[:-1] + b.shape[:-2] + b.shape[-1:].
  EXPECT_EQ(dot_shape({2, 3, 4}, {5, 4, 6}), (shape_t{2, 3, 5, 6}));
  EXPECT_EQ(dot_shape({2, 3, 4}, {4}), (shape_t{2, 3}));
  EXPECT_EQ(dot_shape({3, 0}, {0, 4}), (shape_t{3, 4}));
}

TEST(ProductsHost, DotErrors) {
  expect_error<cupp::value_error>(
      [] { cupp::dot(shaped<double>({2, 3}), shaped<double>({4, 5})); },
      "shapes (2,3) and (4,5) not aligned: 3 (dim 1) != 4 (dim 0)");
  expect_error<cupp::value_error>([] { cupp::dot(shaped<float>({3}), shaped<float>({4})); },
                                  "shapes (3,) and (4,) not aligned: 3 (dim 0) != 4 (dim 0)");
  expect_error<cupp::value_error>(
      [] { cupp::dot(shaped<float>({2, 3, 4}), shaped<float>({5, 3, 6})); },
      "shapes (2,3,4) and (5,3,6) not aligned: 4 (dim 2) != 3 (dim 1)");
  // Mixed dtypes are checked before any conversion.
  expect_error<cupp::value_error>(
      [] { cupp::dot(shaped<std::int32_t>({2, 3}), shaped<float>({2})); },
      "shapes (2,3) and (2,) not aligned: 3 (dim 1) != 2 (dim 0)");
}

TEST(ProductsHost, InnerShapesAndErrors) {
  using cupp::detail::inner_shape;
  EXPECT_EQ(inner_shape({2, 3, 4}, {5, 4}), (shape_t{2, 3, 5}));
  EXPECT_EQ(inner_shape({4}, {4}), (shape_t{}));
  EXPECT_EQ(inner_shape({4}, {2, 4}), (shape_t{2}));
  // NumPy reports the mismatch of dot(a, swapaxes(b, -1, -2)).
  expect_error<cupp::value_error>(
      [] { cupp::inner(shaped<double>({2, 3}), shaped<double>({2, 4})); },
      "shapes (2,3) and (4,2) not aligned: 3 (dim 1) != 4 (dim 0)");
  expect_error<cupp::value_error>([] { cupp::inner(shaped<double>({2, 3}), shaped<double>({4})); },
                                  "shapes (2,3) and (4,) not aligned: 3 (dim 1) != 4 (dim 0)");
  expect_error<cupp::value_error>(
      [] { cupp::inner(shaped<double>({3}), shaped<double>({5, 2, 4})); },
      "shapes (3,) and (5,4,2) not aligned: 3 (dim 0) != 4 (dim 1)");
}

TEST(ProductsHost, VdotLengths) {
  expect_error<cupp::value_error>(
      [] { cupp::vdot(shaped<double>({2, 3}), shaped<double>({5})); },
      "vectors have different lengths");
}

TEST(ProductsHost, TensordotPlan) {
  using cupp::detail::plan_tensordot;
  using cupp::detail::tensordot_last_first;
  // NumPy's documented example: a (3,4,5), b (4,3,2), axes ([1,0],[0,1]) -> (5,2).
  const auto p = plan_tensordot({3, 4, 5}, {4, 3, 2}, {{1, 0}, {0, 1}});
  EXPECT_EQ(p.perm_a, (std::vector<std::int64_t>{2, 1, 0}));
  EXPECT_EQ(p.perm_b, (std::vector<std::int64_t>{0, 1, 2}));
  EXPECT_EQ(p.a2, (shape_t{5, 12}));
  EXPECT_EQ(p.b2, (shape_t{12, 2}));
  EXPECT_EQ(p.out, (shape_t{5, 2}));
  const auto q = plan_tensordot({3, 4, 5}, {4, 5, 6}, tensordot_last_first(2));
  EXPECT_EQ(q.out, (shape_t{3, 6}));
  EXPECT_EQ(q.a2, (shape_t{3, 20}));
  const auto outer = plan_tensordot({3}, {4, 2}, tensordot_last_first(0));
  EXPECT_EQ(outer.out, (shape_t{3, 4, 2}));
  EXPECT_EQ(outer.a2, (shape_t{3, 1}));
  const auto neg = plan_tensordot({3, 4}, {4, 5}, {{-1}, {-2}});
  EXPECT_EQ(neg.out, (shape_t{3, 5}));
  const auto scalars = plan_tensordot({}, {}, tensordot_last_first(0));
  EXPECT_EQ(scalars.out, (shape_t{}));
}

TEST(ProductsHost, TensordotErrors) {
  expect_error<cupp::value_error>(
      [] { cupp::tensordot(shaped<double>({3, 4}), shaped<double>({5, 4}), 1); },
      "shape-mismatch for sum");
  expect_error<cupp::value_error>(
      [] { cupp::tensordot(shaped<double>({3, 4}), shaped<double>({4, 3}), {0, 1}, {1}); },
      "shape-mismatch for sum");
  expect_error<cupp::value_error>(
      [] { cupp::tensordot(shaped<double>({3, 3}), shaped<double>({3, 3}), {0, 0}, {0, 1}); },
      "repeated axis in transpose");
  EXPECT_THROW(cupp::tensordot(shaped<double>({3, 4}), shaped<double>({4, 3}), {2}, {0}),
               cupp::axis_error);
}

// ---- einsum's parser -------------------------------------------------------------------------

TEST(ProductsHost, EinsumExplicitAndImplicitOutputs) {
  using cupp::detail::parse_einsum;
  const auto mm = parse_einsum("ij,jk->ik", {{2, 3}, {3, 4}});
  EXPECT_EQ(mm.output, (std::vector<int>{'i', 'k'}));
  EXPECT_EQ(mm.out_shape, (shape_t{2, 4}));
  // Implicit: labels seen once, alphabetically (upper case first, as ASCII).
  EXPECT_EQ(parse_einsum("ij,jk", {{2, 3}, {3, 4}}).output, (std::vector<int>{'i', 'k'}));
  EXPECT_EQ(parse_einsum("ba", {{2, 3}}).out_shape, (shape_t{3, 2}));
  EXPECT_EQ(parse_einsum("aB", {{2, 3}}).output, (std::vector<int>{'B', 'a'}));
  EXPECT_EQ(parse_einsum("ii", {{3, 3}}).out_shape, (shape_t{}));
  EXPECT_EQ(parse_einsum("ii->i", {{3, 3}}).out_shape, (shape_t{3}));
  EXPECT_EQ(parse_einsum("i,i", {{3}, {3}}).out_shape, (shape_t{}));
  EXPECT_EQ(parse_einsum(" i j , j k -> k i ", {{2, 3}, {3, 4}}).out_shape, (shape_t{4, 2}));
  EXPECT_EQ(parse_einsum(",i->i", {{}, {5}}).out_shape, (shape_t{5}));
  EXPECT_EQ(parse_einsum("ij->", {{0, 3}}).out_shape, (shape_t{}));
}

TEST(ProductsHost, EinsumEllipsisBroadcastsRightAligned) {
  using cupp::detail::parse_einsum;
  const auto s = parse_einsum("...ij,...jk->...ik", {{2, 1, 3, 4}, {5, 4, 2}});
  EXPECT_EQ(s.labels[0], (std::vector<int>{-2, -1, 'i', 'j'}));
  EXPECT_EQ(s.labels[1], (std::vector<int>{-1, 'j', 'k'}));
  EXPECT_EQ(s.output, (std::vector<int>{-2, -1, 'i', 'k'}));
  EXPECT_EQ(s.out_shape, (shape_t{2, 5, 3, 2}));
  // Implicit output: the broadcast axes first.
  EXPECT_EQ(parse_einsum("i...,i...", {{3, 4}, {3, 4}}).out_shape, (shape_t{4}));
  EXPECT_EQ(parse_einsum("...i->i...", {{2, 3, 4}}).out_shape, (shape_t{4, 2, 3}));
  EXPECT_EQ(parse_einsum("i...i", {{3, 5, 3}}).out_shape, (shape_t{5}));
  // An ellipsis may cover no axis at all.
  EXPECT_EQ(parse_einsum("...ij->ji...", {{2, 3}}).out_shape, (shape_t{3, 2}));
  // A label of length 1 broadcasts against a longer one.
  EXPECT_EQ(parse_einsum("ij,ij->ij", {{1, 3}, {2, 3}}).out_shape, (shape_t{2, 3}));
}

TEST(ProductsHost, EinsumErrorsAreNumPys) {
  const auto a23 = shaped<double>({2, 3});
  const auto a33 = shaped<double>({3, 3});
  const auto a34 = shaped<double>({3, 4});
  expect_error<cupp::value_error>([&] { cupp::einsum("ijk->", a23); },
                                  "einstein sum subscripts string contains too many subscripts "
                                  "for operand 0");
  expect_error<cupp::value_error>([&] { cupp::einsum("ij,jkl", a23, a34); },
                                  "einstein sum subscripts string contains too many subscripts "
                                  "for operand 1");
  expect_error<cupp::value_error>([&] { cupp::einsum("i->", a23); },
                                  "operand has more dimensions than subscripts given in einstein "
                                  "sum, but no '...' ellipsis provided to broadcast the extra "
                                  "dimensions.");
  expect_error<cupp::value_error>([&] { cupp::einsum("...i->i", shaped<double>({2, 3})); },
                                  "output has more dimensions than subscripts given in einstein "
                                  "sum, but no '...' ellipsis provided to broadcast the extra "
                                  "dimensions.");
  expect_error<cupp::value_error>([&] { cupp::einsum("i2", a23); },
                                  "invalid subscript '2' in einstein sum subscripts string, "
                                  "subscripts must be letters");
  expect_error<cupp::value_error>([&] { cupp::einsum("i.j", a23); },
                                  "einstein sum subscripts string contains a '.' that is not "
                                  "part of an ellipsis ('...') in operand 0");
  expect_error<cupp::value_error>([&] { cupp::einsum("ij->i.", a23); },
                                  "einstein sum subscripts string contains a '.' that is not "
                                  "part of an ellipsis ('...') in the output");
  expect_error<cupp::value_error>([&] { cupp::einsum("ij->ii", a23); },
                                  "einstein sum subscripts string includes output subscript 'i' "
                                  "multiple times");
  expect_error<cupp::value_error>([&] { cupp::einsum("ij->k", a23); },
                                  "einstein sum subscripts string included output subscript 'k' "
                                  "which never appeared in an input");
  expect_error<cupp::value_error>([&] { cupp::einsum("ij-i", a23); },
                                  "einstein sum subscript string does not contain proper '->' "
                                  "output specified");
  expect_error<cupp::value_error>([&] { cupp::einsum("ij,jk->ik", a23); },
                                  "more operands provided to einstein sum function than "
                                  "specified in the subscripts string");
  expect_error<cupp::value_error>([&] { cupp::einsum("ij->ij", a23, a34); },
                                  "fewer operands provided to einstein sum function than "
                                  "specified in the subscripts string");
  expect_error<cupp::value_error>([&] { cupp::einsum("ii", a23); },
                                  "dimensions in operand 0 for collapsing index 'i' don't match "
                                  "(2 != 3)");
  expect_error<cupp::value_error>([&] { cupp::einsum("ii->i", a23); },
                                  "dimensions in single operand for collapsing index 'i' don't "
                                  "match (2 != 3)");
  expect_error<cupp::value_error>([&] { cupp::einsum("ij,jj->i", a33, a23); },
                                  "dimensions in operand 1 for collapsing index 'j' don't match "
                                  "(2 != 3)");
  // Sizes that do not broadcast: NumPy's iterator error, a broadcast_error here.
  try {
    cupp::einsum("ij,jk->ik", a23, a34.T());
    ADD_FAILURE() << "no exception";
  } catch (const cupp::broadcast_error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("operands could not be broadcast together with "
                                          "remapped shapes [original->remapped]: ",
                                          0),
              0u)
        << e.what();
  }
  // Mixed dtypes are parsed before any conversion.
  expect_error<cupp::value_error>(
      [&] { cupp::einsum("ij,jkl", shaped<std::int32_t>({2, 3}), shaped<float>({3, 4})); },
      "einstein sum subscripts string contains too many subscripts for operand 1");
}

// ---- trace, multi_dot, matrix_power --------------------------------------------------------------

TEST(ProductsHost, DiagonalView) {
  using cupp::detail::diagonal_view;
  const auto a = shaped<float>({3, 4});
  const auto d = diagonal_view(a.desc(), 0, 0, 1);
  EXPECT_EQ(d.shape, (shape_t{3}));
  EXPECT_EQ(d.strides, (cupp::strides_t{5}));
  EXPECT_EQ(diagonal_view(a.desc(), 1, 0, 1).shape, (shape_t{3}));
  EXPECT_EQ(diagonal_view(a.desc(), 2, 0, 1).shape, (shape_t{2}));
  EXPECT_EQ(diagonal_view(a.desc(), -1, 0, 1).shape, (shape_t{2}));
  EXPECT_EQ(diagonal_view(a.desc(), 9, 0, 1).shape, (shape_t{0}));
  EXPECT_EQ(diagonal_view(a.desc(), -9, 0, 1).shape, (shape_t{0}));
  const auto b = shaped<float>({2, 3, 4});
  const auto e = diagonal_view(b.desc(), 0, 2, 0);  // axes removed, the diagonal last
  EXPECT_EQ(e.shape, (shape_t{3, 2}));
  EXPECT_EQ(e.strides, (cupp::strides_t{4, 13}));
  EXPECT_EQ(diagonal_view(b.desc(), 0, -2, -1).shape, (shape_t{2, 3}));
}

TEST(ProductsHost, TraceErrorsAndDtypes) {
  expect_error<cupp::value_error>([] { cupp::trace(shaped<double>({3})); },
                                  "diag requires an array of at least two dimensions");
  expect_error<cupp::value_error>([] { cupp::trace(shaped<double>({3, 3}), 0, 1, -1); },
                                  "axis1 and axis2 cannot be the same");
  expect_error<cupp::axis_error>([] { cupp::trace(shaped<double>({3, 3}), 0, 3, 1); },
                                 "axis1: axis 3 is out of bounds for array of dimension 2");
  expect_error<cupp::axis_error>([] { cupp::trace(shaped<double>({3, 3}), 0, 0, -3); },
                                 "axis2: axis -3 is out of bounds for array of dimension 2");
  // NumPy's sum rule for the dtype.
  static_assert(std::is_same_v<decltype(cupp::trace(shaped<std::int32_t>({2, 2}))),
                               cupp::ndarray<std::int64_t>>);
  static_assert(std::is_same_v<decltype(cupp::trace(shaped<bool>({2, 2}))),
                               cupp::ndarray<std::int64_t>>);
  static_assert(std::is_same_v<decltype(cupp::trace(shaped<std::uint8_t>({2, 2}))),
                               cupp::ndarray<std::uint64_t>>);
  static_assert(std::is_same_v<decltype(cupp::trace(shaped<float>({2, 2}))),
                               cupp::ndarray<float>>);
}

TEST(ProductsHost, ResultDtypesArePromotions) {
  using cupp::ndarray;
  static_assert(std::is_same_v<decltype(cupp::dot(shaped<std::int32_t>({2}), shaped<float>({2}))),
                               ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::vdot(shaped<float>({2}),
                                                   shaped<std::complex<float>>({2}))),
                               ndarray<std::complex<float>>>);
  static_assert(std::is_same_v<decltype(cupp::einsum("i,i,i", shaped<std::int8_t>({2}),
                                                     shaped<std::uint8_t>({2}),
                                                     shaped<float>({2}))),
                               ndarray<float>>);
  static_assert(std::is_same_v<decltype(cupp::kron(shaped<bool>({2}), shaped<bool>({2}))),
                               ndarray<bool>>);
  static_assert(std::is_same_v<decltype(cupp::linalg::multi_dot(
                                   shaped<float>({2, 2}), shaped<double>({2, 2}),
                                   shaped<float>({2, 2}))),
                               ndarray<double>>);
}

TEST(ProductsHost, MatrixChainOrderIsNumPys) {
  // NumPy's docstring: A (10, 100), B (100, 5), C (5, 50): (AB)C costs 7500, A(BC) 75000.
  const auto s = cupp::detail::matrix_chain_order({10, 100, 5, 50});
  EXPECT_EQ(s[0][2], 1);  // split after B: (AB)C
  EXPECT_EQ(s[0][1], 0);
  // CLRS 15.2: p = 30 35 15 5 10 20 25 -> ((A1 (A2 A3)) ((A4 A5) A6)).
  const auto t = cupp::detail::matrix_chain_order({30, 35, 15, 5, 10, 20, 25});
  EXPECT_EQ(t[0][5], 2);
  EXPECT_EQ(t[0][2], 0);
  EXPECT_EQ(t[3][5], 4);
  EXPECT_EQ(t[1][2], 1);
}

TEST(ProductsHost, MultiDotErrors) {
  using V = std::vector<cupp::ndarray<double>>;
  expect_error<cupp::value_error>([] { cupp::linalg::multi_dot(V{shaped<double>({2, 2})}); },
                                  "Expecting at least two arrays.");
  expect_error<cupp::linalg_error>(
      [] {
        cupp::linalg::multi_dot(
            V{shaped<double>({2, 2}), shaped<double>({2, 2, 2}), shaped<double>({2, 2})});
      },
      "3-dimensional array given. Array must be two-dimensional");
  expect_error<cupp::linalg_error>(
      [] {
        cupp::linalg::multi_dot(
            V{shaped<double>({}), shaped<double>({2, 2}), shaped<double>({2, 2})});
      },
      "0-dimensional array given. Array must be two-dimensional");
  // Two arrays are plain dot, which checks alignment.
  expect_error<cupp::value_error>(
      [] { cupp::linalg::multi_dot(V{shaped<double>({2, 3}), shaped<double>({2, 3})}); },
      "shapes (2,3) and (2,3) not aligned: 3 (dim 1) != 2 (dim 0)");
}

TEST(ProductsHost, MatrixPowerErrors) {
  expect_error<cupp::linalg_error>(
      [] { cupp::linalg::matrix_power(shaped<double>({3}), 2); },
      "1-dimensional array given. Array must be at least two-dimensional");
  expect_error<cupp::linalg_error>([] { cupp::linalg::matrix_power(shaped<double>({2, 3}), 2); },
                                   "Last 2 dimensions of the array must be square");
  expect_error<cupp::linalg_error>(
      [] { cupp::linalg::matrix_power(shaped<float>({4, 2, 3}), 0); },
      "Last 2 dimensions of the array must be square");
  // A negative power of an integer matrix would be float64 in NumPy: refused here.
  EXPECT_THROW(cupp::linalg::matrix_power(shaped<std::int32_t>({2, 2}), -1), cupp::type_error);
  EXPECT_THROW(cupp::linalg::matrix_power(shaped<bool>({2, 2}), -2), cupp::type_error);
  // n == 1 is `a` itself, as NumPy (no GPU work).
  const auto a = shaped<double>({3, 3});
  EXPECT_EQ(cupp::linalg::matrix_power(a, 1).desc().ptr, a.desc().ptr);
}

}  // namespace
