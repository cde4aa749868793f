// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Host index arrays: a[std::vector<std::int64_t>{...}], a[{0, 2, 1}], a[std::vector<bool>{...}]
// and the multi-index form a(idx, cupp::slice()), read and assigned, for every dtype, against
// plain host loops (NumPy's a[[0, 2, 1]]).
#include <gtest/gtest.h>

#include <cstdint>
#include <type_traits>
#include <vector>

#include "cupp/array.hpp"
#include "support/described.hpp"
#include "support/dtypes.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::shape_t;
using cupp::slice;
using cupp::test::expect_values;
using cupp::test::iota_values;
using cupp::test::value_at;

TEST(HostIndicesHost, VectorsAndBracedListsAreIndexArrays) {
  static_assert(cupp::detail::is_index_array_v<std::vector<std::int64_t>>);
  static_assert(cupp::detail::is_index_array_v<std::vector<int>>);
  static_assert(cupp::detail::is_index_array_v<std::vector<bool>>);
  static_assert(!cupp::detail::is_index_array_v<std::vector<float>>);
  using A = cupp::ndarray<float>;
  static_assert(std::is_same_v<decltype(std::declval<A>()[{0, 2, 1}]), cupp::indexed<float>>);
  static_assert(
      std::is_same_v<decltype(std::declval<A>()[{true, false}]), cupp::indexed<float>>);
  static_assert(std::is_same_v<decltype(std::declval<A>()(std::vector<int>{0}, slice())),
                               cupp::indexed<float>>);
}

template <class T>
class HostIndices : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(HostIndices, cupp::test::AllDtypes);

TYPED_TEST(HostIndices, GatherAndScatterThroughHostVectors) {
  using T = TypeParam;
  const std::vector<T> h = iota_values<T>(20);
  const auto a = cupp::asarray<T>(h, {5, 4});
  auto row = [&](std::int64_t i) {
    return std::vector<T>(h.begin() + i * 4, h.begin() + i * 4 + 4);
  };
  auto rows = [&](const std::vector<std::int64_t>& idx) {
    std::vector<T> w;
    for (std::int64_t i : idx) {
      const auto r = row(i < 0 ? i + 5 : i);
      w.insert(w.end(), r.begin(), r.end());
    }
    return w;
  };
  // a[[4, 0, -1]], a[[0, 2, 1]] (braced), a[[True, False, True, False, False]]
  expect_values<T>(a[std::vector<std::int64_t>{4, 0, -1}], {3, 4}, rows({4, 0, -1}));
  expect_values<T>(a[{0, 2, 1}], {3, 4}, rows({0, 2, 1}));
  expect_values<T>(a[std::vector<bool>{true, false, true, false, false}], {2, 4}, rows({0, 2}));
  expect_values<T>(a[{true, false, false, false, true}], {2, 4}, rows({0, 4}));
  expect_values<T>(a[std::vector<std::uint8_t>{3}], {1, 4}, rows({3}));
  // a[[1, 3], :] and a[:, [3, 0]]
  expect_values<T>(a(std::vector<std::int64_t>{1, 3}, slice()), {2, 4}, rows({1, 3}));
  std::vector<T> cols;
  for (std::int64_t i = 0; i < 5; ++i) {
    cols.push_back(h[static_cast<std::size_t>(i * 4 + 3)]);
    cols.push_back(h[static_cast<std::size_t>(i * 4)]);
  }
  expect_values<T>(a(slice(), std::vector<int>{3, 0}), {5, 2}, cols);
  // an empty list: shape (0, 4)
  expect_values<T>(a[std::vector<std::int64_t>{}], {0, 4}, {});

  // assignment through each form
  auto b = cupp::asarray<T>(h, {5, 4});
  const T v = value_at<T>(50);
  b[{0, 3}] = v;
  b[std::vector<bool>{false, true, false, false, false}] = v;
  b(std::vector<std::int64_t>{-1}, slice(1, 3)) = v;
  std::vector<T> want = h;
  for (std::int64_t i : {0, 1, 3})
    for (std::int64_t j = 0; j < 4; ++j) want[static_cast<std::size_t>(i * 4 + j)] = v;
  want[4 * 4 + 1] = v;
  want[4 * 4 + 2] = v;
  expect_values<T>(b, {5, 4}, want);
}

class HostIndexExamples : public cupp::test::GpuTest {};

TEST_F(HostIndexExamples, Example) {
  auto a = cupp::arange<float>(10);
  // example-begin host_index
  auto picked = a[{0, 2, 1}];                             // NumPy: a[[0, 2, 1]]
  a[std::vector<std::int64_t>{7, 9}] = -1.0f;             // a[[7, 9]] = -1
  auto m = cupp::arange<float>(6).reshape({3, 2});
  auto firsts = m(std::vector<std::int64_t>{2, 0}, 0);    // m[[2, 0], 0]
  // example-end
  EXPECT_EQ(picked.get(), (std::vector<float>{0, 2, 1}));
  EXPECT_EQ(a.get(), (std::vector<float>{0, 1, 2, 3, 4, 5, 6, -1, 8, -1}));
  EXPECT_EQ(firsts.get(), (std::vector<float>{4, 0}));
  // an index out of range is NumPy's index_error
  EXPECT_THROW(a[{10}].get(), cupp::index_error);
}

}  // namespace
