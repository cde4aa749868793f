// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// concatenate, stack, vstack/hstack/dstack/column_stack, split and array_split with
// hsplit/vsplit/dsplit: shapes, views and NumPy's errors on descriptions (no GPU), and the values
// of every dtype and input layout against plain host loops.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/routines/rearrange.hpp"
#include "support/dtypes.hpp"
#include "support/described.hpp"
#include "support/gpu.hpp"
#include "support/shaped.hpp"

namespace {

using cupp::test::described;
using cupp::test::values_from;
using cupp::test::expect_values;

using cupp::shape_t;
using cupp::slice;
using cupp::strides_t;
using cupp::detail::array_desc;
using cupp::test::value_at;


std::vector<array_desc> described_all(const std::vector<shape_t>& shapes) {
  std::vector<array_desc> out;
  for (const shape_t& s : shapes) out.push_back(described(s));
  return out;
}

std::vector<cupp::ndarray<float>> shaped_all(const std::vector<shape_t>& shapes) {
  std::vector<cupp::ndarray<float>> out;
  for (const shape_t& s : shapes) out.push_back(cupp::test::shaped<float>(s));
  return out;
}

// ---- shapes and errors (host) --------------------------------------------------------------

TEST(JoinShapes, ConcatenatedShapeAsNumpy) {
  using cupp::detail::concatenated_shape;
  EXPECT_EQ(concatenated_shape({{2, 3}, {2, 4}}, 1), (shape_t{2, 7}));
  EXPECT_EQ(concatenated_shape({{2, 3}, {2, 4}}, -1), (shape_t{2, 7}));
  EXPECT_EQ(concatenated_shape({{2, 3}, {5, 3}, {0, 3}}, 0), (shape_t{7, 3}));
  // axis=None flattens every array, 0-d ones included.
  EXPECT_EQ(concatenated_shape({{2, 3}, {}, {0}}, std::nullopt), (shape_t{7}));
}

TEST(JoinShapes, ConcatenateErrorsAsNumpy) {
  using cupp::detail::concatenated_shape;
  CUPP_EXPECT_THROW_MSG(concatenated_shape({}, 0), cupp::value_error,
                        "need at least one array to concatenate");
  CUPP_EXPECT_THROW_MSG(concatenated_shape({{}, {}}, 0), cupp::value_error,
                        "zero-dimensional arrays cannot be concatenated");
  CUPP_EXPECT_THROW_MSG(concatenated_shape({{2, 3}, {2}}, 0), cupp::value_error,
                        "all the input arrays must have same number of dimensions, but the array "
                        "at index 0 has 2 dimension(s) and the array at index 1 has 1 "
                        "dimension(s)");
  CUPP_EXPECT_THROW_MSG(concatenated_shape({{2, 3}, {2, 3}, {2, 4}}, 0), cupp::value_error,
                        "all the input array dimensions except for the concatenation axis must "
                        "match exactly, but along dimension 1, the array at index 0 has size 3 "
                        "and the array at index 2 has size 4");
  CUPP_EXPECT_THROW_MSG(concatenated_shape({{2, 3}, {2, 3}}, 2), cupp::axis_error,
                        "axis 2 is out of bounds for array of dimension 2");
  // The same checks through the public functions, before any memory is asked for.
  CUPP_EXPECT_THROW_MSG(cupp::concatenate(std::vector<cupp::ndarray<float>>{}), cupp::value_error,
                        "need at least one array to concatenate");
  CUPP_EXPECT_THROW_MSG(cupp::vstack(shaped_all({{3}, {4}})), cupp::value_error,
                        "all the input array dimensions except for the concatenation axis must "
                        "match exactly, but along dimension 1, the array at index 0 has size 3 "
                        "and the array at index 1 has size 4");
  CUPP_EXPECT_THROW_MSG(cupp::hstack(shaped_all({{2, 3}, {3, 3}})), cupp::value_error,
                        "all the input array dimensions except for the concatenation axis must "
                        "match exactly, but along dimension 0, the array at index 0 has size 2 "
                        "and the array at index 1 has size 3");
  CUPP_EXPECT_THROW_MSG(cupp::column_stack(shaped_all({{3}, {4, 2}})), cupp::value_error,
                        "all the input array dimensions except for the concatenation axis must "
                        "match exactly, but along dimension 0, the array at index 0 has size 3 "
                        "and the array at index 1 has size 4");
}

TEST(JoinShapes, StackErrorsAsNumpy) {
  using cupp::detail::stack;
  CUPP_EXPECT_THROW_MSG(stack({}, 0), cupp::value_error, "need at least one array to stack");
  CUPP_EXPECT_THROW_MSG(stack(described_all({{2, 3}, {3, 2}}), 0), cupp::value_error,
                        "all input arrays must have the same shape");
  CUPP_EXPECT_THROW_MSG(stack(described_all({{2, 3}, {2, 3}}), 3), cupp::axis_error,
                        "axis 3 is out of bounds for array of dimension 3");
  CUPP_EXPECT_THROW_MSG(stack(described_all({{2, 3}, {2, 3}}), -4), cupp::axis_error,
                        "axis -4 is out of bounds for array of dimension 3");
}

TEST(SplitViews, ArraySplitSectionsAsNumpy) {
  const array_desc a = described({7, 4});
  // np.array_split(np.empty((7, 4)), 3): lengths 3, 2, 2.
  const auto parts = cupp::detail::array_split(a, 3, 0, false);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].shape, (shape_t{3, 4}));
  EXPECT_EQ(parts[1].shape, (shape_t{2, 4}));
  EXPECT_EQ(parts[2].shape, (shape_t{2, 4}));
  EXPECT_EQ(parts[1].ptr - a.ptr, 3 * 4 * 4);  // bytes: row 3 of float32 rows of 4
  EXPECT_EQ(parts[2].ptr - a.ptr, 5 * 4 * 4);
  EXPECT_EQ(parts[2].strides, (strides_t{4, 1}));
  CUPP_EXPECT_THROW_MSG(cupp::detail::array_split(a, 3, 0, true), cupp::value_error,
                        "array split does not result in an equal division");
  CUPP_EXPECT_THROW_MSG(cupp::detail::array_split(a, 0, 0, false), cupp::value_error,
                        "number sections must be larger than 0.");
  CUPP_EXPECT_THROW_MSG(cupp::detail::array_split(a, 2, 2, false), cupp::axis_error,
                        "axis 2 is out of bounds for array of dimension 2");
  // More sections than elements: the last ones are empty.
  const auto many = cupp::detail::array_split(described({2}), 4, 0, false);
  ASSERT_EQ(many.size(), 4u);
  EXPECT_EQ(many[1].shape, (shape_t{1}));
  EXPECT_EQ(many[3].shape, (shape_t{0}));
}

TEST(SplitViews, SplitIndicesFollowSliceRules) {
  const array_desc a = described({7, 4});
  // np.split(x, [2, 5, 10]): rows [0:2], [2:5], [5:10] (clamped: 2 rows), [10:] (empty).
  const auto parts = cupp::detail::array_split(a, {2, 5, 10}, 0, true);
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0].shape, (shape_t{2, 4}));
  EXPECT_EQ(parts[1].shape, (shape_t{3, 4}));
  EXPECT_EQ(parts[2].shape, (shape_t{2, 4}));
  EXPECT_EQ(parts[3].shape, (shape_t{0, 4}));
  // A negative index counts from the end; a decreasing pair gives an empty part.
  const auto neg = cupp::detail::array_split(a, {-2, 1}, 0, false);
  ASSERT_EQ(neg.size(), 3u);
  EXPECT_EQ(neg[0].shape, (shape_t{5, 4}));
  EXPECT_EQ(neg[1].shape, (shape_t{0, 4}));
  EXPECT_EQ(neg[2].shape, (shape_t{6, 4}));
  // Along axis 1 of a (3, 6): three (3, 2) column blocks, strides unchanged.
  const array_desc whole = described({3, 6});
  const auto cols = cupp::detail::array_split(whole, 3, 1, true);
  ASSERT_EQ(cols.size(), 3u);
  EXPECT_EQ(cols[2].shape, (shape_t{3, 2}));
  EXPECT_EQ(cols[2].strides, (strides_t{6, 1}));
  EXPECT_EQ(cols[2].ptr - whole.ptr, 4 * 4);
}

TEST(SplitViews, DirectionalSplitsAsNumpy) {
  using cupp::test::shaped;
  const auto h = cupp::hsplit(shaped<float>({2, 6}), 3);
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0].shape(), (shape_t{2, 2}));
  EXPECT_EQ(cupp::hsplit(shaped<float>({6}), 2)[1].shape(), (shape_t{3}));
  EXPECT_EQ(cupp::vsplit(shaped<float>({4, 3}), {1})[1].shape(), (shape_t{3, 3}));
  EXPECT_EQ(cupp::dsplit(shaped<float>({1, 2, 4}), 2)[0].shape(), (shape_t{1, 2, 2}));
  CUPP_EXPECT_THROW_MSG(cupp::hsplit(shaped<float>({}), 1), cupp::value_error,
                        "hsplit only works on arrays of 1 or more dimensions");
  CUPP_EXPECT_THROW_MSG(cupp::vsplit(shaped<float>({4}), 2), cupp::value_error,
                        "vsplit only works on arrays of 2 or more dimensions");
  CUPP_EXPECT_THROW_MSG(cupp::dsplit(shaped<float>({4, 2}), 2), cupp::value_error,
                        "dsplit only works on arrays of 3 or more dimensions");
  CUPP_EXPECT_THROW_MSG(cupp::vsplit(shaped<float>({5, 2}), 2), cupp::value_error,
                        "array split does not result in an equal division");
}

// ---- values (GPU) --------------------------------------------------------------------------



template <class T>
class JoinValues : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(JoinValues, cupp::test::AllDtypes);

// Four layouts joined along axis 1 of (2, n): contiguous A (2, 3); B = base(4, 2).T, transposed;
// C = base(2, 5)[:, ::-1], negative stride; D = base(1, 2) broadcast to (2, 2); E empty (2, 0).
TYPED_TEST(JoinValues, ConcatenateLayoutsAlongAxis1) {
  using T = TypeParam;
  const auto a = cupp::asarray(values_from<T>(0, 6), {2, 3});
  const auto b = cupp::asarray(values_from<T>(100, 8), {4, 2}).T();
  const auto c = cupp::asarray(values_from<T>(200, 10), {2, 5})(
      slice(), slice(std::nullopt, std::nullopt, -1));
  const auto d = cupp::broadcast_to(cupp::asarray(values_from<T>(300, 2), {1, 2}), {2, 2});
  const cupp::ndarray<T> e(shape_t{2, 0});
  const auto r = cupp::concatenate(std::vector<cupp::ndarray<T>>{a, b, c, d, e}, 1);
  std::vector<T> want;
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 3; ++j) want.push_back(value_at<T>(i * 3 + j));
    for (int j = 0; j < 4; ++j) want.push_back(value_at<T>(100 + j * 2 + i));
    for (int j = 0; j < 5; ++j) want.push_back(value_at<T>(200 + i * 5 + (4 - j)));
    for (int j = 0; j < 2; ++j) want.push_back(value_at<T>(300 + j));
  }
  expect_values(r, {2, 14}, want);
  // axis=None: the same arrays flattened in C order, one after another.
  const auto flat = cupp::concatenate(std::vector<cupp::ndarray<T>>{b, e, d}, std::nullopt);
  std::vector<T> want_flat;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 4; ++j) want_flat.push_back(value_at<T>(100 + j * 2 + i));
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) want_flat.push_back(value_at<T>(300 + j));
  expect_values(flat, {12}, want_flat);
}

// Wide rows (the pitched-copy path for the wider dtypes) and axis 0 (one memcpy each).
TYPED_TEST(JoinValues, ConcatenateWideRowsAndAxis0) {
  using T = TypeParam;
  const auto a = cupp::asarray(values_from<T>(0, 3 * 300), {3, 300});
  const auto b = cupp::asarray(values_from<T>(5000, 3 * 500), {3, 500});
  const auto r = cupp::concatenate(std::vector<cupp::ndarray<T>>{a, b}, -1);
  std::vector<T> want;
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 300; ++j) want.push_back(value_at<T>(i * 300 + j));
    for (int j = 0; j < 500; ++j) want.push_back(value_at<T>(5000 + i * 500 + j));
  }
  expect_values(r, {3, 800}, want);
  // Along axis 0: b's rows 0..2, then row 1, then rows 2, 1, 0 (a negative-stride view).
  const auto rows = cupp::concatenate(
      std::vector<cupp::ndarray<T>>{b, b(slice(1, 2)), b(slice(std::nullopt, std::nullopt, -1))});
  want.clear();
  for (const int i : {0, 1, 2, 1, 2, 1, 0})
    for (int j = 0; j < 500; ++j) want.push_back(value_at<T>(5000 + i * 500 + j));
  expect_values(rows, {7, 500}, want);
}

TYPED_TEST(JoinValues, StackFamily) {
  using T = TypeParam;
  const auto x = cupp::asarray(values_from<T>(0, 6), {2, 3});
  const auto y = cupp::asarray(values_from<T>(50, 6), {3, 2}).T();  // y[i, j] = v(50 + 2 j + i)
  auto xv = [](int i, int j) { return value_at<T>(i * 3 + j); };
  auto yv = [](int i, int j) { return value_at<T>(50 + j * 2 + i); };
  std::vector<T> want;
  // stack(axis=1): out[i, k, j], k choosing x or y.
  for (int i = 0; i < 2; ++i)
    for (int k = 0; k < 2; ++k)
      for (int j = 0; j < 3; ++j) want.push_back(k == 0 ? xv(i, j) : yv(i, j));
  expect_values(cupp::stack(std::vector<cupp::ndarray<T>>{x, y}, 1), {2, 2, 3}, want);
  // stack(axis=-1): out[i, j, k].
  want.clear();
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 2; ++k) want.push_back(k == 0 ? xv(i, j) : yv(i, j));
  expect_values(cupp::stack(std::vector<cupp::ndarray<T>>{x, y}, -1), {2, 3, 2}, want);
  // vstack of a 1-D row and a 2-D array; row_stack is the same.
  const auto row = cupp::asarray(values_from<T>(90, 3));
  want.clear();
  for (int j = 0; j < 3; ++j) want.push_back(value_at<T>(90 + j));
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) want.push_back(xv(i, j));
  expect_values(cupp::vstack(std::vector<cupp::ndarray<T>>{row, x}), {3, 3}, want);
  expect_values(cupp::row_stack(std::vector<cupp::ndarray<T>>{row, x}), {3, 3}, want);
  // hstack of 1-D arrays (and a 0-d one) is 1-D; of 2-D arrays joins columns.
  const auto scalar = cupp::asarray(values_from<T>(95, 1)).reshape({});
  want = {value_at<T>(90), value_at<T>(91), value_at<T>(92), value_at<T>(95)};
  expect_values(cupp::hstack(std::vector<cupp::ndarray<T>>{row, scalar}), {4}, want);
  want.clear();
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 3; ++j) want.push_back(xv(i, j));
    for (int j = 0; j < 3; ++j) want.push_back(yv(i, j));
  }
  expect_values(cupp::hstack(std::vector<cupp::ndarray<T>>{x, y}), {2, 6}, want);
  // dstack: (2, 3) arrays as (2, 3, 1), joined on axis 2.
  want.clear();
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) want.insert(want.end(), {xv(i, j), yv(i, j)});
  expect_values(cupp::dstack(std::vector<cupp::ndarray<T>>{x, y}), {2, 3, 2}, want);
  // column_stack: a 1-D array of 2 becomes a column beside x.
  const auto col = cupp::asarray(values_from<T>(70, 2));
  want.clear();
  for (int i = 0; i < 2; ++i) {
    want.push_back(value_at<T>(70 + i));
    for (int j = 0; j < 3; ++j) want.push_back(xv(i, j));
  }
  expect_values(cupp::column_stack(std::vector<cupp::ndarray<T>>{col, x}), {2, 4}, want);
}

class JoinExamples : public cupp::test::GpuTest {};

TEST_F(JoinExamples, ConcatenateAndSplit) {
  // example-begin join_split
  auto a = cupp::asarray<float>({{1, 2}, {3, 4}});
  auto b = cupp::asarray<float>({{5, 6}});
  auto rows = cupp::concatenate({a, b});                   // (3, 2)
  auto cols = cupp::concatenate({a, b.T()}, 1);            // (2, 3)
  auto flat = cupp::concatenate({a, b}, std::nullopt);     // (6,)
  auto s = cupp::stack({a, a}, -1);                        // (2, 2, 2)
  auto parts = cupp::array_split(cupp::arange<float>(7), 3);  // views: [0 1 2] [3 4] [5 6]
  // example-end
  EXPECT_EQ(rows.get(), (std::vector<float>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(cols.get(), (std::vector<float>{1, 2, 5, 3, 4, 6}));
  EXPECT_EQ(flat.get(), (std::vector<float>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(s.get(), (std::vector<float>{1, 1, 2, 2, 3, 3, 4, 4}));
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].get(), (std::vector<float>{0, 1, 2}));
  EXPECT_EQ(parts[1].get(), (std::vector<float>{3, 4}));
  EXPECT_EQ(parts[2].get(), (std::vector<float>{5, 6}));
}

TEST(JoinShapes, BracedListsTakeTheVectorsErrors) {
  // The braced forms reach the same checks (before any memory is taken).
  auto a = cupp::test::shaped<float>({2, 3});
  auto b = cupp::test::shaped<float>({2});
  CUPP_EXPECT_THROW_MSG(cupp::concatenate({a, b}, 0), cupp::value_error,
                        "all the input arrays must have same number of dimensions, but the array "
                        "at index 0 has 2 dimension(s) and the array at index 1 has 1 "
                        "dimension(s)");
  CUPP_EXPECT_THROW_MSG(cupp::stack({a, a, b}), cupp::value_error,
                        "all input arrays must have the same shape");
  EXPECT_THROW(cupp::concatenate({a, a}, 2), cupp::axis_error);
  EXPECT_THROW(cupp::vstack({a, cupp::test::shaped<float>({4})}), cupp::value_error);
  EXPECT_THROW(cupp::hstack({a, cupp::test::shaped<float>({3, 3})}), cupp::value_error);
  EXPECT_THROW(cupp::dstack({a, cupp::test::shaped<float>({3, 3})}), cupp::value_error);
  EXPECT_THROW(cupp::column_stack({a, cupp::test::shaped<float>({3})}), cupp::value_error);
  EXPECT_THROW(cupp::row_stack({a, cupp::test::shaped<float>({4})}), cupp::value_error);
}

TEST_F(JoinExamples, BracedListsOfEveryJoin) {
  auto x = cupp::asarray<int>({1, 2, 3});
  auto y = cupp::asarray<int>({4, 5, 6});
  // np.hstack([x, y]), np.vstack, np.row_stack, np.dstack, np.column_stack, np.stack(axis=1)
  expect_values(cupp::hstack({x, y}), {6}, std::vector<int>{1, 2, 3, 4, 5, 6});
  expect_values(cupp::vstack({x, y}), {2, 3}, std::vector<int>{1, 2, 3, 4, 5, 6});
  expect_values(cupp::row_stack({x, y}), {2, 3}, std::vector<int>{1, 2, 3, 4, 5, 6});
  expect_values(cupp::dstack({x, y}), {1, 3, 2}, std::vector<int>{1, 4, 2, 5, 3, 6});
  expect_values(cupp::column_stack({x, y}), {3, 2}, std::vector<int>{1, 4, 2, 5, 3, 6});
  expect_values(cupp::stack({x, y}, 1), {3, 2}, std::vector<int>{1, 4, 2, 5, 3, 6});
  expect_values(cupp::concatenate({x, y, x}, 0), {9},
                std::vector<int>{1, 2, 3, 4, 5, 6, 1, 2, 3});
  // a view and an empty array in the list
  auto e = cupp::zeros<int>({0});
  expect_values(cupp::concatenate({x(slice(std::nullopt, std::nullopt, -1)), e, y}), {6},
                std::vector<int>{3, 2, 1, 4, 5, 6});
  // with the dtype named, expressions of it join too (each evaluated first)
  expect_values(cupp::concatenate<int>({x, y * 2}), {6}, std::vector<int>{1, 2, 3, 8, 10, 12});
  expect_values(cupp::stack<int>({x + 1, y}), {2, 3}, std::vector<int>{2, 3, 4, 4, 5, 6});
}

TEST_F(JoinExamples, SplitsAreViews) {
  auto x = cupp::asarray(std::vector<float>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, {3, 4});
  auto halves = cupp::hsplit(x, 2);  // x[:, :2], x[:, 2:]
  ASSERT_EQ(halves.size(), 2u);
  EXPECT_EQ(halves[1].get(), (std::vector<float>{2, 3, 6, 7, 10, 11}));
  halves[1](0, 0) = 100.0f;  // x[0, 2]
  EXPECT_EQ(x.get()[2], 100.0f);
  auto thirds = cupp::split(x(slice(std::nullopt, std::nullopt, -1)), {1, 2});  // rows 2, 1, 0
  ASSERT_EQ(thirds.size(), 3u);
  EXPECT_EQ(thirds[0].get(), (std::vector<float>{8, 9, 10, 11}));
  EXPECT_EQ(thirds[2].get(), (std::vector<float>{0, 1, 100, 3}));
}

}  // namespace
