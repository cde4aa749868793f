// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// indices, ix_, ravel_multi_index, unravel_index, diag/tril/triu/mask indices, diagonal and
// fill_diagonal: views and NumPy's errors on descriptions (no GPU), and values against NumPy's
// documented results and plain host loops.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/routines/index_helpers.hpp"
#include "support/described.hpp"
#include "support/gpu.hpp"
#include "support/shaped.hpp"

namespace {

using cupp::test::described;

using cupp::shape_t;
using cupp::strides_t;
using cupp::detail::array_desc;
using cupp::test::shaped;
using i64 = std::int64_t;
using index_vector = std::vector<i64>;


// ---- views and errors (host) ---------------------------------------------------------------

TEST(IndexHelperViews, FillDiagonalViews) {
  using cupp::detail::fill_diagonal_views;
  auto one = fill_diagonal_views(described({3, 3}), false);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].shape, (shape_t{3}));
  EXPECT_EQ(one[0].strides, (strides_t{4}));
  EXPECT_EQ(fill_diagonal_views(described({5, 3}), false)[0].shape, (shape_t{3}));
  EXPECT_EQ(fill_diagonal_views(described({3, 5}), true)[0].shape, (shape_t{3}));
  // Tall and wrapped, contiguous: flat positions 0, 4, 8, 12 of a 5 x 3, one view.
  auto tall = fill_diagonal_views(described({5, 3}), true);
  ASSERT_EQ(tall.size(), 1u);
  EXPECT_EQ(tall[0].shape, (shape_t{4}));
  EXPECT_EQ(tall[0].strides, (strides_t{4}));
  // Tall, wrapped and transposed (7, 3) with strides (1, 7): blocks at rows 0 and 4.
  array_desc t = described({3, 7});
  t.shape = {7, 3};
  t.strides = {1, 7};
  auto blocks = fill_diagonal_views(t, true);
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].shape, (shape_t{3}));
  EXPECT_EQ(blocks[1].shape, (shape_t{3}));
  EXPECT_EQ(blocks[1].strides, (strides_t{8}));
  EXPECT_EQ(blocks[1].ptr - t.ptr, 4 * 4);
  // ndim > 2: all axes equal, one step over every axis.
  EXPECT_EQ(fill_diagonal_views(described({2, 2, 2}), false)[0].strides, (strides_t{7}));
  CUPP_EXPECT_THROW_MSG(fill_diagonal_views(described({2, 2, 3}), false), cupp::value_error,
                        "All dimensions of input must be of equal length");
  CUPP_EXPECT_THROW_MSG(fill_diagonal_views(described({4}), false), cupp::value_error,
                        "array must be at least 2-d");
}

TEST(IndexHelperViews, DiagonalIsAView) {
  const auto d = cupp::diagonal(shaped<float>({2, 3, 4}), 1, 1, 2);
  EXPECT_EQ(d.shape(), (shape_t{2, 3}));
  EXPECT_EQ(d.strides(), (strides_t{12, 5}));
  EXPECT_EQ(d.offset(), 4);  // one float32 along axis 2
  EXPECT_TRUE(d.desc().readonly);
  CUPP_EXPECT_THROW_MSG(cupp::diagonal(shaped<float>({3})), cupp::value_error,
                        "diag requires an array of at least two dimensions");
  CUPP_EXPECT_THROW_MSG(cupp::diagonal(shaped<float>({3, 3}), 0, 1, -1), cupp::value_error,
                        "axis1 and axis2 cannot be the same");
}

TEST(IndexHelperViews, ArgumentErrorsAsNumpy) {
  const auto x = shaped<i64>({3});
  const std::vector<cupp::ndarray<i64>> two{x, x};
  CUPP_EXPECT_THROW_MSG(cupp::ravel_multi_index(two, {4, 5, 6}), cupp::value_error,
                        "parameter multi_index must be a sequence of length 3");
  CUPP_EXPECT_THROW_MSG(
      cupp::ravel_multi_index(two, {4, 5},
                              {cupp::index_mode::clip, cupp::index_mode::wrap,
                               cupp::index_mode::raise}),
      cupp::value_error, "list of clipmodes has wrong length (3 instead of 2)");
  CUPP_EXPECT_THROW_MSG(cupp::ravel_multi_index(two, {4, 5}, {cupp::index_mode::raise}, 'K'),
                        cupp::value_error, "only 'C' or 'F' order is permitted");
  CUPP_EXPECT_THROW_MSG(cupp::ravel_multi_index(two, {i64{1} << 40, i64{1} << 40}),
                        cupp::value_error,
                        "invalid dims: array size defined by dims is larger than the maximum "
                        "possible size.");
  EXPECT_THROW(cupp::ravel_multi_index(std::vector<cupp::ndarray<i64>>{x, shaped<i64>({2})}, {4, 5}),
               cupp::broadcast_error);
  CUPP_EXPECT_THROW_MSG(cupp::unravel_index(x, {2, 3}, 'A'), cupp::value_error,
                        "only 'C' or 'F' order is permitted");
  CUPP_EXPECT_THROW_MSG(cupp::ravel_multi_index(two, {7, -1}), cupp::value_error,
                        "invalid entry in coordinates array");
  CUPP_EXPECT_THROW_MSG(cupp::indices({2, -1}), cupp::value_error,
                        "negative dimensions are not allowed");
  CUPP_EXPECT_THROW_MSG(cupp::ix_(std::vector<cupp::ndarray<i64>>{shaped<i64>({2, 2})}),
                        cupp::value_error, "Cross index must be 1 dimensional");
  CUPP_EXPECT_THROW_MSG(cupp::diag_indices_from(shaped<float>({3})), cupp::value_error,
                        "input array must be at least 2-d");
  CUPP_EXPECT_THROW_MSG(cupp::diag_indices_from(shaped<float>({3, 3, 2})), cupp::value_error,
                        "All dimensions of input must be of equal length");
  CUPP_EXPECT_THROW_MSG(cupp::tril_indices_from(shaped<float>({3})), cupp::value_error,
                        "input array must be 2-d");
  CUPP_EXPECT_THROW_MSG(cupp::triu_indices_from(shaped<float>({2, 3, 3})), cupp::value_error,
                        "input array must be 2-d");
}

// ---- values (GPU) --------------------------------------------------------------------------

class IndexHelperValues : public cupp::test::GpuTest {};

cupp::ndarray<i64> ints(const index_vector& v) { return cupp::asarray(v); }

/// Python's a % b for b > 0.
i64 pmod(i64 a, i64 b) { return ((a % b) + b) % b; }

TEST_F(IndexHelperValues, DenseAndSparseIndices) {
  const auto g = cupp::indices({2, 3});
  ASSERT_EQ(g.shape(), (shape_t{2, 2, 3}));
  index_vector want;
  for (int axis = 0; axis < 2; ++axis)
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 3; ++j) want.push_back(axis == 0 ? i : j);
  EXPECT_EQ(g.get(), want);
  EXPECT_EQ(cupp::indices({}).shape(), (shape_t{0}));
  EXPECT_EQ(cupp::indices({2, 0}).shape(), (shape_t{2, 2, 0}));
  const auto s = cupp::sparse_indices({2, 3});
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].shape(), (shape_t{2, 1}));
  EXPECT_EQ(s[1].shape(), (shape_t{1, 3}));
  EXPECT_EQ(s[0].get(), (index_vector{0, 1}));
  EXPECT_EQ(s[1].get(), (index_vector{0, 1, 2}));
}

TEST_F(IndexHelperValues, OpenMesh) {
  const auto m = cupp::ix_(std::vector<cupp::ndarray<std::int32_t>>{
      cupp::asarray<std::int32_t>({0, 2}), cupp::asarray<std::int32_t>({3, 1, 4})});
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].shape(), (shape_t{2, 1}));
  EXPECT_EQ(m[1].shape(), (shape_t{1, 3}));
  EXPECT_EQ(m[1].get(), (std::vector<std::int32_t>{3, 1, 4}));
  const auto b = cupp::ix_(std::vector<cupp::ndarray<bool>>{
      cupp::asarray(std::vector<bool>{true, false, true, true}),
      cupp::asarray(std::vector<bool>{false, true})});
  static_assert(std::is_same_v<decltype(b), const std::vector<cupp::ndarray<i64>>>);
  EXPECT_EQ(b[0].shape(), (shape_t{3, 1}));
  EXPECT_EQ(b[0].get(), (index_vector{0, 2, 3}));
  EXPECT_EQ(b[1].shape(), (shape_t{1, 1}));
  EXPECT_EQ(b[1].get(), (index_vector{1}));
}

TEST_F(IndexHelperValues, RavelMultiIndexAsNumpyDocuments) {
  // example-begin index_helpers
  auto rows = cupp::asarray<std::int64_t>({3, 6, 6});
  auto cols = cupp::asarray<std::int64_t>({4, 5, 1});
  auto flat = cupp::ravel_multi_index(std::vector<cupp::ndarray<std::int64_t>>{rows, cols},
                                      {7, 6});                       // [22 41 37]
  auto back = cupp::unravel_index(flat, {7, 6});                     // [3 6 6], [4 5 1]
  auto lower = cupp::tril_indices(3);             // [0 1 1 2 2 2], [0 0 1 0 1 2]
  auto d = cupp::diagonal(cupp::arange<float>(9).reshape({3, 3}));   // [0 4 8], a view
  // example-end
  EXPECT_EQ(flat.get(), (index_vector{22, 41, 37}));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].get(), (index_vector{3, 6, 6}));
  EXPECT_EQ(back[1].get(), (index_vector{4, 5, 1}));
  EXPECT_EQ(lower[0].get(), (index_vector{0, 1, 1, 2, 2, 2}));
  EXPECT_EQ(lower[1].get(), (index_vector{0, 0, 1, 0, 1, 2}));
  EXPECT_EQ(d.get(), (std::vector<float>{0, 4, 8}));
  const std::vector<cupp::ndarray<i64>> rc{rows, cols};
  using cupp::index_mode;
  EXPECT_EQ(cupp::ravel_multi_index(rc, {7, 6}, {index_mode::raise}, 'F').get(),
            (index_vector{31, 41, 13}));
  EXPECT_EQ(cupp::ravel_multi_index(rc, {4, 6}, {index_mode::clip}).get(),
            (index_vector{22, 23, 19}));
  EXPECT_EQ(cupp::ravel_multi_index(rc, {4, 4}, {index_mode::clip, index_mode::wrap}).get(),
            (index_vector{12, 13, 13}));
  EXPECT_EQ(cupp::ravel_multi_index(std::vector<cupp::ndarray<i64>>{ints({3}), ints({1}),
                                                                    ints({4}), ints({1})},
                                    {6, 7, 8, 9})
                .get(),
            (index_vector{1621}));
  CUPP_EXPECT_THROW_MSG(cupp::ravel_multi_index(rc, {6, 6}), cupp::value_error,
                        "invalid entry in coordinates array");
  CUPP_EXPECT_THROW_MSG(cupp::ravel_multi_index(rc, {7, 0}, {index_mode::wrap}),
                        cupp::value_error, "cannot unravel if shape has zero entries (is empty).");
}

TEST_F(IndexHelperValues, RavelMultiIndexLayoutsAndWrap) {
  // Negative-stride rows, broadcast columns (2, 1) against rows (4,): a (2, 4) result.
  const index_vector r = {-8, 9, 5, -1};  // read reversed: -1 5 9 -8
  const index_vector c = {13, -3};
  const auto rows = ints(r)(cupp::slice(std::nullopt, std::nullopt, -1));
  const auto cols = ints(c).reshape({2, 1});
  const auto got = cupp::ravel_multi_index(std::vector<cupp::ndarray<i64>>{rows, cols}, {4, 5},
                                           {cupp::index_mode::wrap});
  index_vector want;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 4; ++j) want.push_back(pmod(r[3 - j], 4) * 5 + pmod(c[i], 5));
  EXPECT_EQ(got.shape(), (shape_t{2, 4}));
  EXPECT_EQ(got.get(), want);
  // int32 coordinates, order F, clip: the first dimension counts fastest.
  const auto r32 = cupp::asarray<std::int32_t>({-2, 1, 7});
  const auto c32 = cupp::asarray<std::int32_t>({0, 9, 2});
  const auto f = cupp::ravel_multi_index(std::vector<cupp::ndarray<std::int32_t>>{r32, c32},
                                         {3, 4}, {cupp::index_mode::clip}, 'F');
  EXPECT_EQ(f.get(), (index_vector{0 + 0 * 3, 1 + 3 * 3, 2 + 2 * 3}));
}

TEST_F(IndexHelperValues, UnravelIndex) {
  const auto idx = ints({22, 41, 37});
  const auto f = cupp::unravel_index(idx, {7, 6}, 'F');
  EXPECT_EQ(f[0].get(), (index_vector{1, 6, 2}));  // 22 = 1 + 7 * 3
  EXPECT_EQ(f[1].get(), (index_vector{3, 5, 5}));
  const auto one = cupp::unravel_index(ints({1621}).reshape({}), {6, 7, 8, 9});
  ASSERT_EQ(one.size(), 4u);
  EXPECT_EQ(one[0].shape(), (shape_t{}));
  EXPECT_EQ(one[0].item(), 3);
  EXPECT_EQ(one[1].item(), 1);
  EXPECT_EQ(one[2].item(), 4);
  EXPECT_EQ(one[3].item(), 1);
  // A (2, 3) transposed input against a host loop.
  const auto t = ints({0, 5, 11, 3, 7, 2}).reshape({3, 2}).T();  // t[i, j] = v[2 j + i]
  const index_vector v = {0, 5, 11, 3, 7, 2};
  const auto u = cupp::unravel_index(t, {3, 4});
  index_vector w0, w1;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) {
      w0.push_back(v[static_cast<std::size_t>(2 * j + i)] / 4);
      w1.push_back(v[static_cast<std::size_t>(2 * j + i)] % 4);
    }
  EXPECT_EQ(u[0].get(), w0);
  EXPECT_EQ(u[1].get(), w1);
  CUPP_EXPECT_THROW_MSG(cupp::unravel_index(ints({1, 10, 12}), {2, 3}), cupp::value_error,
                        "index 10 is out of bounds for array with size 6");
  CUPP_EXPECT_THROW_MSG(cupp::unravel_index(ints({-1}), {2, 3}), cupp::value_error,
                        "index -1 is out of bounds for array with size 6");
  CUPP_EXPECT_THROW_MSG(cupp::unravel_index(ints({1}), {2, 0}), cupp::value_error,
                        "index 1 is out of bounds for array with size 0");
}

TEST_F(IndexHelperValues, TriangleAndDiagonalIndices) {
  auto expect_pairs = [](const std::vector<cupp::ndarray<i64>>& got, i64 n, i64 m, i64 k,
                         bool lower) {
    index_vector rows, cols;
    for (i64 i = 0; i < n; ++i)
      for (i64 j = 0; j < m; ++j)
        if (lower ? j <= i + k : j >= i + k) {
          rows.push_back(i);
          cols.push_back(j);
        }
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got[0].get(), rows);
    EXPECT_EQ(got[1].get(), cols);
  };
  expect_pairs(cupp::tril_indices(4), 4, 4, 0, true);
  expect_pairs(cupp::tril_indices(4, -1, 5), 4, 5, -1, true);
  expect_pairs(cupp::triu_indices(3, 1), 3, 3, 1, false);
  expect_pairs(cupp::triu_indices(3, -1, 2), 3, 2, -1, false);
  expect_pairs(cupp::tril_indices_from(cupp::zeros<float>({3, 5}), 1), 3, 5, 1, true);
  expect_pairs(cupp::triu_indices_from(cupp::zeros<float>({5, 2})), 5, 2, 0, false);
  // numpy.mask_indices(3, np.triu, 1) == ([0, 0, 1], [1, 2, 2]).
  const auto mi = cupp::mask_indices(3, cupp::triu<std::int64_t>, 1);
  EXPECT_EQ(mi[0].get(), (index_vector{0, 0, 1}));
  EXPECT_EQ(mi[1].get(), (index_vector{1, 2, 2}));
  const auto di = cupp::diag_indices(3, 3);
  ASSERT_EQ(di.size(), 3u);
  EXPECT_EQ(di[2].get(), (index_vector{0, 1, 2}));
  EXPECT_EQ(cupp::diag_indices_from(cupp::zeros<float>({4, 4})).size(), 2u);
}

TEST_F(IndexHelperValues, DiagonalViews) {
  const auto a = cupp::arange<float>(24).reshape({2, 3, 4});  // a[i, j, k] = 12 i + 4 j + k
  const auto d = cupp::diagonal(a, 1, 1, 2);                  // d[i, t] = a[i, t, t + 1]
  std::vector<float> want;
  for (int i = 0; i < 2; ++i)
    for (int t = 0; t < 3; ++t) want.push_back(static_cast<float>(12 * i + 4 * t + t + 1));
  EXPECT_EQ(d.get(), want);
  const auto e = cupp::diagonal(a, -1, 2, 0);  // e[j, t] = a[t, j, t - (-1)]: axis2 leads by 1
  ASSERT_EQ(e.shape(), (shape_t{3, 2}));
  want.clear();
  for (int j = 0; j < 3; ++j)
    for (int t = 0; t < 2; ++t) want.push_back(static_cast<float>(12 * t + 4 * j + t + 1));
  EXPECT_EQ(e.get(), want);
}

TEST_F(IndexHelperValues, FillDiagonal) {
  // Tall and wrapped, contiguous: (5, 3), written at flat positions 0, 4, 8, 12.
  auto a = cupp::zeros<float>({5, 3});
  cupp::fill_diagonal(a, 7.0f, true);
  std::vector<float> want(15, 0.0f);
  for (int p = 0; p < 15; p += 4) want[static_cast<std::size_t>(p)] = 7.0f;
  EXPECT_EQ(a.get(), want);
  // The same on a transposed (7, 3) view of a (3, 7) array, and without wrap.
  auto base = cupp::zeros<std::int32_t>({3, 7});
  cupp::fill_diagonal(base.T(), 5, true);
  std::vector<std::int32_t> w(21, 0);
  for (int p = 0; p < 21; p += 4) {
    const int row = p / 3, col = p % 3;  // position p of the flattened (7, 3) view
    w[static_cast<std::size_t>(col * 7 + row)] = 5;
  }
  EXPECT_EQ(base.get(), w);
  auto b = cupp::zeros<double>({5, 3});
  cupp::fill_diagonal(b, -1.0);
  std::vector<double> wb(15, 0.0);
  for (int i = 0; i < 3; ++i) wb[static_cast<std::size_t>(i * 3 + i)] = -1.0;
  EXPECT_EQ(b.get(), wb);
  auto c = cupp::zeros<std::int64_t>({3, 3, 3});
  cupp::fill_diagonal(c, 2);
  index_vector wc(27, 0);
  for (int i = 0; i < 3; ++i) wc[static_cast<std::size_t>(i * 9 + i * 3 + i)] = 2;
  EXPECT_EQ(c.get(), wc);
  CUPP_EXPECT_THROW_MSG(cupp::fill_diagonal(cupp::broadcast_to(cupp::zeros<float>({3}), {3, 3}),
                                            1.0f),
                        cupp::value_error, "assignment destination is read-only");
}

}  // namespace
