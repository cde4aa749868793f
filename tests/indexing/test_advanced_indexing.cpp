// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// a[index_array], a(i, cupp::slice(), j), a[mask] and assignment through them, on the GPU, for
// every dtype and several layouts, against plain host loops over the same values.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "support/dtypes.hpp"
#include "support/described.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::test::expect_values;

using cupp::shape_t;
using cupp::slice;
using cupp::test::iota_values;
using cupp::test::same_bits;
using cupp::test::value_at;

std::int64_t wrapped(std::int64_t i, std::int64_t n) { return i < 0 ? i + n : i; }


template <class T>
class AdvancedIndexing : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(AdvancedIndexing, cupp::test::AllDtypes);

TYPED_TEST(AdvancedIndexing, IntegerArraysGather) {
  using T = TypeParam;
  const std::vector<T> h = iota_values<T>(120);
  const auto a = cupp::asarray<T>(h, {4, 5, 6});
  auto at = [&](std::int64_t i, std::int64_t j, std::int64_t k) { return h[static_cast<std::size_t>((i * 5 + j) * 6 + k)]; };
  // a[[3, -1, 0, 2, 2]]: rows, negative and repeated.
  const std::vector<std::int64_t> i1{3, -1, 0, 2, 2};
  std::vector<T> want;
  for (auto i : i1)
    for (int j = 0; j < 5; ++j)
      for (int k = 0; k < 6; ++k) want.push_back(at(wrapped(i, 4), j, k));
  expect_values<T>(a[cupp::asarray<std::int64_t>(i1)], {5, 5, 6}, want);
  // a[:, i, j] with i of shape (2, 1) and j of shape (3,): broadcast to (2, 3), in place.
  const std::vector<std::int32_t> i2{4, -5}, j2{0, 5, -1};
  want.clear();
  for (int p = 0; p < 4; ++p)
    for (auto x : i2)
      for (auto y : j2) want.push_back(at(p, wrapped(x, 5), wrapped(y, 6)));
  expect_values<T>(a(slice(), cupp::asarray<std::int32_t>(i2, {2, 1}), cupp::asarray<std::int32_t>(j2)),
                   {4, 2, 3}, want);
  // a[i, :, j]: separated, so the index dimension comes first.
  const std::vector<std::int64_t> i3{1, 2, 3}, j3{5, 0, 2};
  want.clear();
  for (std::size_t q = 0; q < 3; ++q)
    for (int j = 0; j < 5; ++j) want.push_back(at(i3[q], j, j3[q]));
  expect_values<T>(a(cupp::asarray<std::int64_t>(i3), slice(), cupp::asarray<std::int64_t>(j3)),
                   {3, 5}, want);
  // An empty index array.
  EXPECT_EQ((cupp::ndarray<T>(a[cupp::ndarray<std::int64_t>(shape_t{0})]).shape()),
            (shape_t{0, 5, 6}));
}

TYPED_TEST(AdvancedIndexing, GatherFromStridedViews) {
  using T = TypeParam;
  const std::vector<T> h = iota_values<T>(120);
  const auto a = cupp::asarray<T>(h, {4, 5, 6});
  // v[x, y, z] == a[y, z, 5 - x]: transposed and reversed.
  const auto v = cupp::flip(a.transpose({2, 0, 1}), 0);
  const std::vector<std::int16_t> i{0, 5, -2};
  std::vector<T> want;
  for (auto x : i)
    for (int y = 0; y < 4; ++y)
      for (int z = 0; z < 5; ++z) want.push_back(h[static_cast<std::size_t>((y * 5 + z) * 6 + 5 - wrapped(x, 6))]);
  expect_values<T>(v[cupp::asarray<std::int16_t>(i)], {3, 4, 5}, want);
  // A stepped slice before the index array: a[1::2, [0, 4]] (index arrays through a view).
  want.clear();
  for (int y : {1, 3})
    for (int z : {0, 4})
      for (int k = 0; k < 6; ++k) want.push_back(h[static_cast<std::size_t>((y * 5 + z) * 6 + k)]);
  expect_values<T>(a(slice(1, 4, 2), cupp::asarray<std::int64_t>({0, 4})), {2, 2, 6}, want);
}

TYPED_TEST(AdvancedIndexing, BooleanMasks) {
  using T = TypeParam;
  const std::vector<T> h = iota_values<T>(120);
  const auto a = cupp::asarray<T>(h, {4, 5, 6});
  std::vector<bool> m(120);
  for (std::size_t i = 0; i < 120; ++i) m[i] = (i * 7) % 3 == 0;
  std::vector<T> want;
  for (std::size_t i = 0; i < 120; ++i)
    if (m[i]) want.push_back(h[i]);
  expect_values<T>(a[cupp::asarray<bool>(m, {4, 5, 6})], {static_cast<std::int64_t>(want.size())}, want);
  // All false, and all true.
  expect_values<T>(a[cupp::zeros<bool>({4, 5, 6})], {0}, {});
  expect_values<T>(a[cupp::ones<bool>({4, 5, 6})], {120}, h);
  // A transposed array with a mask of its shape: C order of the view.
  const auto t = a.transpose({2, 1, 0});  // t[k, j, i] == a[i, j, k]
  std::vector<bool> mt(120);
  want.clear();
  for (int k = 0; k < 6; ++k)
    for (int j = 0; j < 5; ++j)
      for (int i = 0; i < 4; ++i) {
        const bool on = (i + j + k) % 2 == 0;
        mt[static_cast<std::size_t>((k * 5 + j) * 4 + i)] = on;
        if (on) want.push_back(h[static_cast<std::size_t>((i * 5 + j) * 6 + k)]);
      }
  expect_values<T>(t[cupp::asarray<bool>(mt, {6, 5, 4})], {60}, want);
  // A mask of the leading axis picks rows; one of axis 1 picks columns.
  want.clear();
  for (int i : {0, 3})
    for (int j = 0; j < 30; ++j) want.push_back(h[static_cast<std::size_t>(i * 30 + j)]);
  expect_values<T>(a[cupp::asarray<bool>({true, false, false, true})], {2, 5, 6}, want);
  want.clear();
  for (int i = 0; i < 4; ++i)
    for (int j : {1, 2})
      for (int k = 0; k < 6; ++k) want.push_back(h[static_cast<std::size_t>((i * 5 + j) * 6 + k)]);
  expect_values<T>(a(slice(), cupp::asarray<bool>({false, true, true, false, false})), {4, 2, 6},
                   want);
}

TYPED_TEST(AdvancedIndexing, AssignmentScatters) {
  using T = TypeParam;
  const std::vector<T> h = iota_values<T>(120);
  const T fill = value_at<T>(200);
  auto a = cupp::asarray<T>(h, {4, 5, 6});
  // a[[1, -1]] = fill
  std::vector<T> want = h;
  for (int r : {1, 3})
    for (int j = 0; j < 30; ++j) want[static_cast<std::size_t>(r * 30 + j)] = fill;
  a[cupp::asarray<std::int64_t>({1, -1})] = fill;
  expect_values<T>(a, {4, 5, 6}, want);
  // a[:, i, j] = v with v of shape (2, 3) broadcast along axis 0.
  const std::vector<T> v = iota_values<T>(6);
  const std::vector<std::int64_t> i{0, 2}, j{1, 3, 5};
  for (int p = 0; p < 4; ++p)
    for (std::size_t x = 0; x < 2; ++x)
      for (std::size_t y = 0; y < 3; ++y) want[static_cast<std::size_t>((p * 5 + i[x]) * 6 + j[y])] = v[x * 3 + y];
  a(slice(), cupp::asarray<std::int64_t>(i, {2, 1}), cupp::asarray<std::int64_t>(j)) =
      cupp::asarray<T>(v, {2, 3});
  expect_values<T>(a, {4, 5, 6}, want);
  // Through a transposed view: a.T[[0, 5]] = fill writes a[:, :, 0] and a[:, :, 5].
  a.T()[cupp::asarray<std::int64_t>({0, 5})] = fill;
  for (int p = 0; p < 20; ++p) {
    want[static_cast<std::size_t>(p * 6)] = fill;
    want[static_cast<std::size_t>(p * 6 + 5)] = fill;
  }
  expect_values<T>(a, {4, 5, 6}, want);
}

TYPED_TEST(AdvancedIndexing, MaskAssignment) {
  using T = TypeParam;
  const std::vector<T> h = iota_values<T>(24);
  const T fill = value_at<T>(300);
  auto a = cupp::asarray<T>(h, {4, 6});
  std::vector<bool> m(24);
  for (std::size_t k = 0; k < 24; ++k) m[k] = k % 5 == 1;  // 1, 6, 11, 16, 21
  const auto mask = cupp::asarray<bool>(m, {4, 6});
  // A scalar: elementwise, no count.
  a[mask] = fill;
  std::vector<T> want = h;
  for (std::size_t k = 0; k < 24; ++k)
    if (m[k]) want[k] = fill;
  expect_values<T>(a, {4, 6}, want);
  // One value per true element, in C order.
  const std::vector<T> v = iota_values<T>(5);
  a[mask] = cupp::asarray<T>(v);
  for (std::size_t k = 0, n = 0; k < 24; ++k)
    if (m[k]) want[k] = v[n++];
  expect_values<T>(a, {4, 6}, want);
  // A row mask with a row of values broadcast to every selected row.
  const std::vector<T> row = iota_values<T>(6);
  a[cupp::asarray<bool>({false, true, false, true})] = cupp::asarray<T>(row);
  for (int r : {1, 3})
    for (int c = 0; c < 6; ++c) want[static_cast<std::size_t>(r * 6 + c)] = row[static_cast<std::size_t>(c)];
  expect_values<T>(a, {4, 6}, want);
  // All false: nothing changes.
  a[cupp::zeros<bool>({4, 6})] = fill;
  expect_values<T>(a, {4, 6}, want);
}

class IndexingErrors : public cupp::test::GpuTest {};

TEST_F(IndexingErrors, OutOfBoundsIndicesRaise) {
  // The check is deferred (Note [Deferred index checks]): the error comes at the latest when a
  // result is next read on the host.
  const auto a = cupp::arange<float>(20).reshape({4, 5});
  CUPP_EXPECT_THROW_MSG(a[cupp::asarray<std::int64_t>({0, 4})].get(), cupp::index_error,
                        "index 4 is out of bounds for axis 0 with size 4");
  CUPP_EXPECT_THROW_MSG(a(slice(), cupp::asarray<std::int64_t>({-6})).get(), cupp::index_error,
                        "index -6 is out of bounds for axis 1 with size 5");
  CUPP_EXPECT_THROW_MSG(
      [&] {
        a[cupp::asarray<std::int64_t>({7})] = 1.0f;
        return a.get();
      }(),
      cupp::index_error, "index 7 is out of bounds for axis 0 with size 4");
  // Reported once: the next read finds nothing.
  EXPECT_NO_THROW(a.get());
  // Or by the next indexing call, once the kernel has finished.
  const auto bad = a[cupp::asarray<std::int64_t>({9})].eval();
  cudaStreamSynchronize(cupp::cuda::get_current_stream());
  CUPP_EXPECT_THROW_MSG(a[cupp::asarray<std::int64_t>({0})].eval(), cupp::index_error,
                        "index 9 is out of bounds for axis 0 with size 4");
  CUPP_EXPECT_THROW_MSG(
      a[cupp::asarray<bool>({true, false, true, false})] = cupp::asarray<float>({1, 2, 3}),
      cupp::value_error,
      "shape mismatch: value array of shape (3,) could not be broadcast to indexing result of "
      "shape (2, 5)");
  CUPP_EXPECT_THROW_MSG(a[cupp::asarray<bool>({true, true, true})].eval(), cupp::index_error,
                        "boolean index did not match indexed array along axis 0; size of axis is "
                        "4 but size of corresponding boolean axis is 3");
}

TEST_F(IndexingErrors, MaskAssignmentCountMustMatch) {
  auto a = cupp::arange<float>(6);
  CUPP_EXPECT_THROW_MSG(
      a[cupp::asarray<bool>({true, false, true, false, false, false})] =
          cupp::asarray<float>({1, 2, 3}),
      cupp::value_error,
      "NumPy boolean array indexing assignment cannot assign 3 input values to the 2 output "
      "values where the mask is true");
}

TEST_F(IndexingErrors, ExpressionsIndexToo) {
  // example-begin advanced_indexing
  auto a = cupp::asarray<float>({-2, 5, -1, 7, 0, 3});
  cupp::ndarray<float> positive = a[a > 0.0f];       // [5, 7, 3]
  auto idx = cupp::asarray<std::int64_t>({0, -1, 0});
  cupp::ndarray<float> picked = a[idx];              // [-2, 3, -2]
  a[a < 0.0f] = 0.0f;                                // a is [0, 5, 0, 7, 0, 3]
  a[cupp::asarray<std::int64_t>({1, 3})] += 1.0f;    // a is [0, 6, 0, 8, 0, 3]
  // example-end
  EXPECT_EQ(positive.get(), (std::vector<float>{5, 7, 3}));
  EXPECT_EQ(picked.get(), (std::vector<float>{-2, 3, -2}));
  EXPECT_EQ(a.get(), (std::vector<float>{0, 6, 0, 8, 0, 3}));
}

}  // namespace
