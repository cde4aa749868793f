// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// take, put, take_along_axis, put_along_axis, choose, compress, extract, place, putmask and
// select on the GPU, against plain host loops, with NumPy's modes and errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "support/dtypes.hpp"
#include "support/described.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::test::expect_values;

using cupp::index_mode;
using cupp::shape_t;
using cupp::test::iota_values;
using cupp::test::same_bits;
using cupp::test::value_at;


std::int64_t by_mode(std::int64_t i, std::int64_t n, index_mode mode) {
  if (mode == index_mode::wrap) return ((i % n) + n) % n;
  if (mode == index_mode::clip) return std::clamp<std::int64_t>(i, 0, n - 1);
  return i < 0 ? i + n : i;
}

template <class T>
class TakePut : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(TakePut, cupp::test::AllDtypes);

TYPED_TEST(TakePut, TakeAlongEachAxisInEachMode) {
  using T = TypeParam;
  const std::vector<T> h = iota_values<T>(60);
  const auto a = cupp::asarray<T>(h, {3, 4, 5});
  const std::vector<std::int64_t> in_range{0, -1, 2, 2};
  const std::vector<std::int64_t> far{7, -9, 0, 3};
  for (const index_mode mode : {index_mode::raise, index_mode::wrap, index_mode::clip}) {
    const std::vector<std::int64_t>& ind = mode == index_mode::raise ? in_range : far;
    const auto idx = cupp::asarray<std::int64_t>(ind, {2, 2});
    // axis 1: result (3, 2, 2, 5)
    std::vector<T> want;
    for (int i = 0; i < 3; ++i)
      for (auto j : ind)
        for (int k = 0; k < 5; ++k)
          want.push_back(h[static_cast<std::size_t>((i * 4 + by_mode(j, 4, mode)) * 5 + k)]);
    expect_values<T>(cupp::take(a, idx, 1, mode), {3, 2, 2, 5}, want);
    // no axis: the flattened array
    want.clear();
    for (auto j : ind) want.push_back(h[static_cast<std::size_t>(by_mode(j, 60, mode))]);
    expect_values<T>(cupp::take(a, idx, std::nullopt, mode), {2, 2}, want);
    // a transposed input, last axis
    want.clear();
    const auto t = a.T();  // (5, 4, 3), t[k, j, i] == a[i, j, k]
    for (int k = 0; k < 5; ++k)
      for (int j = 0; j < 4; ++j)
        for (auto i : ind)
          want.push_back(h[static_cast<std::size_t>((by_mode(i, 3, mode) * 4 + j) * 5 + k)]);
    expect_values<T>(cupp::take(t, idx.ravel(), -1, mode), {5, 4, 4}, want);
  }
}

TYPED_TEST(TakePut, PutRepeatsValuesAndWritesAnyLayout) {
  using T = TypeParam;
  const std::vector<T> h = iota_values<T>(12);
  const std::vector<T> v = iota_values<T>(40);
  auto a = cupp::asarray<T>(h, {3, 4});
  // Fewer values than indices: they repeat.
  cupp::put(a, cupp::asarray<std::int64_t>({0, 5, -1, 7}), cupp::asarray<T>({v[30], v[31]}));
  std::vector<T> want = h;
  want[0] = v[30];
  want[5] = v[31];
  want[11] = v[30];
  want[7] = v[31];
  expect_values<T>(a, {3, 4}, want);
  // Into a transposed view: flat positions of the view, in C order of the view.
  const auto t = a.T();  // (4, 3): t.flat[p] is a[p % 3][p / 3]
  cupp::put(t, cupp::asarray<std::int64_t>({1, 13, -14}), cupp::asarray<T>({v[35], v[36], v[37]}),
            index_mode::wrap);
  // 1 and 13 (wrapped) are t.flat[1] == a[1][0]: one of the two values wins. -14 wraps to 10:
  // t.flat[10] is t[3][1] == a[1][3].
  want[1 * 4 + 3] = v[37];
  const std::vector<T> got = a.get();
  EXPECT_TRUE(same_bits<T>(got[4], v[35]) || same_bits<T>(got[4], v[36]));
  want[4] = got[4];
  expect_values<T>(a, {3, 4}, want);
}

TYPED_TEST(TakePut, AlongAxisAsArgsortUsesIt) {
  using T = TypeParam;
  const std::vector<T> h = iota_values<T>(24);
  const auto a = cupp::asarray<T>(h, {4, 6});
  const std::vector<std::int64_t> ind{5, 0, -1, 2, 3, 1, 0, 0};  // (4, 2)
  const auto idx = cupp::asarray<std::int64_t>(ind, {4, 2});
  std::vector<T> want;
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 2; ++j)
      want.push_back(h[static_cast<std::size_t>(i * 6 + by_mode(ind[static_cast<std::size_t>(i * 2 + j)], 6, index_mode::raise))]);
  expect_values<T>(cupp::take_along_axis(a, idx, 1), {4, 2}, want);
  // Broadcast indices along axis 0: one row of indices for every row.
  const auto row = cupp::asarray<std::int64_t>({3, 3, 0}, {1, 3});
  want.clear();
  for (int i = 0; i < 4; ++i)
    for (int j : {3, 3, 0}) want.push_back(h[static_cast<std::size_t>(i * 6 + j)]);
  expect_values<T>(cupp::take_along_axis(a, row, 1), {4, 3}, want);
  // put_along_axis writes the same places.
  auto b = cupp::asarray<T>(h, {4, 6});
  const std::vector<T> v = iota_values<T>(50);
  cupp::put_along_axis(b, cupp::asarray<std::int64_t>({1, 4, 0, 5}, {4, 1}), v[40], 1);
  std::vector<T> wb = h;
  wb[0 * 6 + 1] = v[40];
  wb[1 * 6 + 4] = v[40];
  wb[2 * 6 + 0] = v[40];
  wb[3 * 6 + 5] = v[40];
  expect_values<T>(b, {4, 6}, wb);
  // axis nullopt: the flattened array.
  want = {h[23], h[0], h[7]};
  expect_values<T>(cupp::take_along_axis(a, cupp::asarray<std::int64_t>({23, 0, 7}), std::nullopt), {3}, want);
}

TYPED_TEST(TakePut, ChooseCompressExtract) {
  using T = TypeParam;
  const std::vector<T> h = iota_values<T>(24);
  const auto c0 = cupp::asarray<T>(std::vector<T>(h.begin(), h.begin() + 6), {2, 3});
  const auto c1 = cupp::asarray<T>(std::vector<T>(h.begin() + 6, h.begin() + 9), {3});  // broadcast
  const auto c2 = cupp::asarray<T>(std::vector<T>(h.begin() + 12, h.begin() + 18), {2, 3});
  const std::vector<std::int32_t> pick{0, 1, 2, 2, 1, 0};
  std::vector<T> want;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) {
      const int p = pick[static_cast<std::size_t>(i * 3 + j)];
      want.push_back(p == 0 ? h[static_cast<std::size_t>(i * 3 + j)]
                     : p == 1 ? h[static_cast<std::size_t>(6 + j)]
                              : h[static_cast<std::size_t>(12 + i * 3 + j)]);
    }
  const auto a = cupp::asarray<std::int32_t>(pick, {2, 3});
  expect_values<T>(cupp::choose(a, std::vector<cupp::ndarray<T>>{c0, c1, c2}), {2, 3}, want);
  CUPP_EXPECT_THROW_MSG(
      cupp::choose(cupp::asarray<std::int32_t>({3}), std::vector<cupp::ndarray<T>>{c1, c1, c1}).get(),
      cupp::value_error, "invalid entry in choice array");
  // wrap: 3 is 0, -1 is 2.
  const auto w = cupp::choose(cupp::asarray<std::int32_t>({3, -1, 1}),
                              std::vector<cupp::ndarray<T>>{c1, c1, c1}, index_mode::wrap);
  expect_values<T>(w, {3}, {h[6], h[7], h[8]});
  // compress along axis 1 of (4, 6), and flattened.
  const auto m = cupp::asarray<T>(h, {4, 6});
  want.clear();
  for (int i = 0; i < 4; ++i)
    for (int j : {0, 2}) want.push_back(h[static_cast<std::size_t>(i * 6 + j)]);
  expect_values<T>(cupp::compress(cupp::asarray<bool>({true, false, true}), m, 1), {4, 2}, want);
  expect_values<T>(cupp::compress(cupp::asarray<bool>({false, true}), m), {1}, {h[1]});
  CUPP_EXPECT_THROW_MSG(cupp::compress(cupp::asarray<bool>({false, false, false, false, true}), m, 0).get(),
                        cupp::index_error, "index 4 is out of bounds for axis 0 with size 4");
  // extract: the flattened elements where the condition is nonzero.
  std::vector<std::int32_t> cond(24);
  want.clear();
  for (std::size_t k = 0; k < 24; ++k) {
    cond[k] = static_cast<std::int32_t>(k % 4 == 3 ? 0 : k % 3);
    if (cond[k] != 0) want.push_back(h[k]);
  }
  expect_values<T>(cupp::extract(cupp::asarray<std::int32_t>(cond, {4, 6}), m),
                   {static_cast<std::int64_t>(want.size())}, want);
}

TYPED_TEST(TakePut, PlaceAndPutmask) {
  using T = TypeParam;
  const std::vector<T> h = iota_values<T>(12);
  const std::vector<T> v = iota_values<T>(40);
  std::vector<bool> m(12);
  for (std::size_t k = 0; k < 12; ++k) m[k] = k % 4 != 0;  // 9 true
  const auto mask = cupp::asarray<bool>(m, {3, 4});
  // place: vals in order over the true elements, repeating.
  auto a = cupp::asarray<T>(h, {3, 4});
  cupp::place(a, mask, cupp::asarray<T>({v[30], v[31]}));
  std::vector<T> want = h;
  for (std::size_t k = 0, n = 0; k < 12; ++k)
    if (m[k]) want[k] = n++ % 2 ? v[31] : v[30];
  expect_values<T>(a, {3, 4}, want);
  // putmask: the value at the same flat position (modulo the values' size).
  auto b = cupp::asarray<T>(h, {3, 4});
  cupp::putmask(b, mask, cupp::asarray<T>({v[20], v[21], v[22], v[23], v[24]}));
  want = h;
  for (std::size_t k = 0; k < 12; ++k)
    if (m[k]) want[k] = v[20 + k % 5];
  expect_values<T>(b, {3, 4}, want);
  CUPP_EXPECT_THROW_MSG(cupp::place(a, mask, cupp::ndarray<T>(shape_t{0})), cupp::value_error,
                        "Cannot insert from an empty array!");
  CUPP_EXPECT_THROW_MSG(cupp::putmask(a, cupp::asarray<bool>({true}), v[0]), cupp::value_error,
                        "putmask: mask and data must be the same size");
}

class Select : public cupp::test::GpuTest {};

TEST_F(Select, FirstTrueConditionWins) {
  // example-begin take_and_select
  auto x = cupp::arange<double>(6);                          // [0, 1, 2, 3, 4, 5]
  auto t = cupp::take(x, cupp::asarray<std::int64_t>({5, 7}), 0, cupp::index_mode::clip);
  // t is [5, 5]
  auto s = cupp::select<double>({x < 3.0, x > 4.0}, {x, x * x}, -1.0);
  // s is [0, 1, 2, -1, -1, 25]
  // example-end
  EXPECT_EQ(t.get(), (std::vector<double>{5, 5}));
  EXPECT_EQ(s.get(), (std::vector<double>{0, 1, 2, -1, -1, 25}));
  CUPP_EXPECT_THROW_MSG(cupp::select<double>({x < 3.0}, {x, x}), cupp::value_error,
                        "list of cases must be same length as list of conditions");
  CUPP_EXPECT_THROW_MSG(cupp::select<double>({}, {}), cupp::value_error,
                        "select with an empty condition list is not possible");
}

TEST_F(Select, TakeErrors) {
  const auto a = cupp::arange<float>(10);
  CUPP_EXPECT_THROW_MSG(cupp::take(a, cupp::asarray<std::int64_t>({10})).get(), cupp::index_error,
                        "index 10 is out of bounds for axis 0 with size 10");
  CUPP_EXPECT_THROW_MSG(cupp::take(cupp::ndarray<float>(shape_t{0}), cupp::asarray<std::int64_t>({0}),
                                   0, index_mode::wrap),
                        cupp::index_error, "cannot do a non-empty take from an empty axes.");
  CUPP_EXPECT_THROW_MSG(cupp::take(a, cupp::asarray<float>({1})), cupp::index_error,
                        "arrays used as indices must be of integer (or boolean) type");
  CUPP_EXPECT_THROW_MSG(cupp::take(a, cupp::asarray<std::int64_t>({0}), 1), cupp::axis_error,
                        "axis 1 is out of bounds for array of dimension 1");
}

}  // namespace
