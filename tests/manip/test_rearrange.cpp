// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// tile, repeat, roll, rot90, resize and trim_zeros: the views they copy from or return and
// NumPy's errors on descriptions (no GPU), and their values for every dtype and input layout
// against plain host loops.
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

namespace {

using cupp::test::described;
using cupp::test::values_from;
using cupp::test::expect_values;

using cupp::shape_t;
using cupp::slice;
using cupp::strides_t;
using cupp::detail::array_desc;
using cupp::test::value_at;


// ---- views and errors (host) ---------------------------------------------------------------

TEST(RearrangeViews, TileReadsOneBroadcastView) {
  using cupp::detail::tiled_view;
  const array_desc t = tiled_view(described({2, 3}), {2, 2});
  EXPECT_EQ(t.shape, (shape_t{2, 2, 2, 3}));
  EXPECT_EQ(t.strides, (strides_t{0, 3, 0, 1}));
  EXPECT_TRUE(t.readonly);
  // reps longer than ndim: leading axes of length 1; shorter: padded with 1s.
  EXPECT_EQ(tiled_view(described({3}), {2, 1, 2}).shape, (shape_t{2, 1, 1, 1, 2, 3}));
  EXPECT_EQ(tiled_view(described({3}), {2, 1, 2}).strides, (strides_t{0, 0, 0, 0, 0, 1}));
  EXPECT_EQ(tiled_view(described({2, 3}), {4}).shape, (shape_t{1, 2, 4, 3}));
  CUPP_EXPECT_THROW_MSG(tiled_view(described({2, 3}), {2, -1}), cupp::value_error,
                        "negative dimensions are not allowed");
}

TEST(RearrangeViews, RepeatReadsOneBroadcastView) {
  using cupp::detail::repeated_view;
  EXPECT_EQ(repeated_view(described({2, 3}), 4, 0).shape, (shape_t{2, 4, 3}));
  EXPECT_EQ(repeated_view(described({2, 3}), 4, 0).strides, (strides_t{3, 0, 1}));
  EXPECT_EQ(repeated_view(described({2, 3}), 4, -1).strides, (strides_t{3, 1, 0}));
  EXPECT_EQ(repeated_view(described({2, 3}), 4, std::nullopt).shape, (shape_t{2, 3, 4}));
  EXPECT_EQ(repeated_view(described({}), 4, std::nullopt).shape, (shape_t{4}));
  CUPP_EXPECT_THROW_MSG(repeated_view(described({2, 3}), -1, 0), cupp::value_error,
                        "negative dimensions are not allowed");
  CUPP_EXPECT_THROW_MSG(repeated_view(described({3}), -1, 5), cupp::axis_error,
                        "axis 5 is out of bounds for array of dimension 1");
  CUPP_EXPECT_THROW_MSG(repeated_view(described({2, 3}), 2, 2), cupp::axis_error,
                        "axis 2 is out of bounds for array of dimension 2");
  CUPP_EXPECT_THROW_MSG(repeated_view(described({}), 2, 0), cupp::axis_error,
                        "axis 0 is out of bounds for array of dimension 0");
}

TEST(RearrangeViews, Rot90LayoutsAsNumpy) {
  using cupp::detail::rot90;
  const array_desc a = described({2, 3});
  const array_desc r1 = rot90(a, 1, {0, 1});  // np.rot90(a): flip(a, 1).T
  EXPECT_EQ(r1.shape, (shape_t{3, 2}));
  EXPECT_EQ(r1.strides, (strides_t{-1, 3}));
  EXPECT_EQ(r1.ptr - a.ptr, 2 * 4);
  const array_desc r2 = rot90(a, 2, {0, 1});
  EXPECT_EQ(r2.strides, (strides_t{-3, -1}));
  EXPECT_EQ(r2.ptr - a.ptr, 5 * 4);
  const array_desc r3 = rot90(a, -1, {0, 1});  // k = 3: flip(a.T, 1)
  EXPECT_EQ(r3.shape, (shape_t{3, 2}));
  EXPECT_EQ(r3.strides, (strides_t{1, -3}));
  EXPECT_EQ(r3.ptr - a.ptr, 3 * 4);
  EXPECT_EQ(rot90(a, 1, {1, 0}).strides, r3.strides);  // the other way round
  EXPECT_EQ(rot90(a, 4, {0, 1}).strides, (strides_t{3, 1}));
  CUPP_EXPECT_THROW_MSG(rot90(a, 1, {0}), cupp::value_error, "len(axes) must be 2.");
  CUPP_EXPECT_THROW_MSG(rot90(a, 1, {1, 1}), cupp::value_error, "Axes must be different.");
  CUPP_EXPECT_THROW_MSG(rot90(a, 1, {0, -2}), cupp::value_error, "Axes must be different.");
  CUPP_EXPECT_THROW_MSG(rot90(a, 1, {0, 3}), cupp::value_error,
                        "Axes=(0, 3) out of range for array of ndim=2.");
  CUPP_EXPECT_THROW_MSG(rot90(described({2, 3, 4}), 1, {-4, 1}), cupp::value_error,
                        "Axes=(-4, 1) out of range for array of ndim=3.");
  // NumPy tests |axes[0] - axes[1]| == ndim before the range: (0, 2) of a 2-D array.
  CUPP_EXPECT_THROW_MSG(rot90(a, 1, {0, 2}), cupp::value_error, "Axes must be different.");
  CUPP_EXPECT_THROW_MSG(rot90(described({4}), 1, {0, 1}), cupp::value_error,
                        "Axes must be different.");
}

TEST(RearrangeViews, ArgumentErrorsAsNumpy) {
  const array_desc a = described({3, 4});
  CUPP_EXPECT_THROW_MSG(cupp::detail::roll(a, {1, 2}, std::vector<std::int64_t>{0, 1, 1}),
                        cupp::value_error,
                        "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch "
                        "is between arg 0 with shape (2,) and arg 1 with shape (3,).");
  CUPP_EXPECT_THROW_MSG(cupp::detail::roll(a, {1}, std::vector<std::int64_t>{2}),
                        cupp::axis_error, "axis 2 is out of bounds for array of dimension 2");
  CUPP_EXPECT_THROW_MSG(cupp::detail::resize(a, {2, -1}), cupp::value_error,
                        "all elements of `new_shape` must be non-negative");
  using cupp::detail::trim_sides;
  EXPECT_EQ(trim_sides("fb"), std::make_pair(true, true));
  EXPECT_EQ(trim_sides("BF"), std::make_pair(true, true));
  EXPECT_EQ(trim_sides("f"), std::make_pair(true, false));
  EXPECT_EQ(trim_sides("b"), std::make_pair(false, true));
  CUPP_EXPECT_THROW_MSG(trim_sides("x"), cupp::value_error,
                        "unexpected character(s) in `trim`: 'x'");
  CUPP_EXPECT_THROW_MSG(trim_sides("FBX"), cupp::value_error,
                        "unexpected character(s) in `trim`: 'fbx'");
}

// ---- values (GPU) --------------------------------------------------------------------------



/// Python's a % b for b > 0.
int pmod(int a, int b) { return ((a % b) + b) % b; }

template <class T>
class RearrangeValues : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(RearrangeValues, cupp::test::AllDtypes);

// The (2, 3) input of most cases is a transposed view: at(i, j) = v(2 j + i).
template <class T>
cupp::ndarray<T> transposed_input() {
  return cupp::asarray(values_from<T>(0, 6), {3, 2}).T();
}
template <class T>
T at(int i, int j) {
  return value_at<T>(2 * j + i);
}

TYPED_TEST(RearrangeValues, Tile) {
  using T = TypeParam;
  const auto a = transposed_input<T>();
  std::vector<T> want;
  for (int r = 0; r < 4; ++r)
    for (int c = 0; c < 6; ++c) want.push_back(at<T>(r % 2, c % 3));
  expect_values(cupp::tile(a, {2, 2}), {4, 6}, want);
  want.clear();
  for (int p = 0; p < 2; ++p)
    for (int r = 0; r < 2; ++r)
      for (int c = 0; c < 6; ++c) want.push_back(at<T>(r, c % 3));
  expect_values(cupp::tile(a, {2, 1, 2}), {2, 2, 6}, want);
  // A negative-stride 1-D input tiled 3 times; a 0-d input; zero repetitions.
  const auto rev = cupp::asarray(values_from<T>(10, 4))(slice(std::nullopt, std::nullopt, -1));
  want.clear();
  for (int c = 0; c < 12; ++c) want.push_back(value_at<T>(10 + 3 - c % 4));
  expect_values(cupp::tile(rev, 3), {12}, want);
  const auto scalar = cupp::asarray(values_from<T>(7, 1)).reshape({});
  expect_values(cupp::tile(scalar, {2, 2}), {2, 2}, std::vector<T>(4, value_at<T>(7)));
  EXPECT_EQ(cupp::tile(a, {0, 2}).shape(), (shape_t{0, 6}));
}

TYPED_TEST(RearrangeValues, Repeat) {
  using T = TypeParam;
  const auto a = transposed_input<T>();
  std::vector<T> want;
  for (int k = 0; k < 12; ++k) want.push_back(at<T>(k / 2 / 3, k / 2 % 3));
  expect_values(cupp::repeat(a, 2), {12}, want);
  want.clear();
  for (int r = 0; r < 4; ++r)
    for (int j = 0; j < 3; ++j) want.push_back(at<T>(r / 2, j));
  expect_values(cupp::repeat(a, 2, 0), {4, 3}, want);
  want.clear();
  for (int i = 0; i < 2; ++i)
    for (int c = 0; c < 9; ++c) want.push_back(at<T>(i, c / 3));
  expect_values(cupp::repeat(a, 3, -1), {2, 9}, want);
  EXPECT_EQ(cupp::repeat(a, 0, 1).shape(), (shape_t{2, 0}));
  const auto scalar = cupp::asarray(values_from<T>(7, 1)).reshape({});
  expect_values(cupp::repeat(scalar, 3), {3}, std::vector<T>(3, value_at<T>(7)));
  // A broadcast input: every row the same.
  const auto b = cupp::broadcast_to(cupp::asarray(values_from<T>(20, 2)), {3, 2});
  want.clear();
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 4; ++c) want.push_back(value_at<T>(20 + c / 2));
  expect_values(cupp::repeat(b, 2, 1), {3, 4}, want);
}

TYPED_TEST(RearrangeValues, RepeatPerElement) {
  using T = TypeParam;
  const auto a = transposed_input<T>();  // (2, 3), a[i, j] == at(i, j)
  // Along axis 1: column j repeated counts[j] times, a count of 0 dropping it.
  const std::vector<std::int64_t> counts{2, 0, 3};
  std::vector<T> want;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      for (std::int64_t r = 0; r < counts[static_cast<std::size_t>(j)]; ++r) want.push_back(at<T>(i, j));
  expect_values(cupp::repeat(a, counts, 1), {2, 5}, want);
  // Flattened, with the counts in a device array.
  const std::vector<std::int32_t> flat_counts{1, 0, 2, 0, 0, 1};
  want.clear();
  for (int k = 0; k < 6; ++k)
    for (int r = 0; r < flat_counts[static_cast<std::size_t>(k)]; ++r) want.push_back(at<T>(k / 3, k % 3));
  expect_values(cupp::repeat(a, cupp::asarray<std::int32_t>(flat_counts)), {4}, want);
  // One count is the scalar form.
  EXPECT_EQ(cupp::repeat(a, std::vector<std::int64_t>{2}, 0).shape(), (shape_t{4, 3}));
  CUPP_EXPECT_THROW_MSG(cupp::repeat(a, std::vector<std::int64_t>{1, 2}, 1), cupp::value_error,
                        "operands could not be broadcast together with shape (3,) (2,)");
  CUPP_EXPECT_THROW_MSG(cupp::repeat(a, std::vector<std::int64_t>{1, -1}, 0), cupp::value_error,
                        "repeats may not contain negative values.");
}

TYPED_TEST(RearrangeValues, Roll) {
  using T = TypeParam;
  // 1-D, negative stride: x[k] = v(9 - k).
  const auto x = cupp::asarray(values_from<T>(0, 10))(slice(std::nullopt, std::nullopt, -1));
  for (const int shift : {3, -13, 0, 10}) {
    std::vector<T> want;
    for (int k = 0; k < 10; ++k) want.push_back(value_at<T>(9 - pmod(k - shift, 10)));
    expect_values(cupp::roll(x, shift), {10}, want);
  }
  // 2-D contiguous (3, 4): A[i, j] = v(4 i + j).
  const auto a = cupp::asarray(values_from<T>(0, 12), {3, 4});
  auto av = [](int i, int j) { return value_at<T>(4 * i + j); };
  std::vector<T> want;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 4; ++j) want.push_back(av(pmod(i - 1, 3), j));
  expect_values(cupp::roll(a, 1, 0), {3, 4}, want);
  want.clear();
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 4; ++j) want.push_back(av(pmod(i - 1, 3), pmod(j + 1, 4)));
  expect_values(cupp::roll(a, {1, -1}, {0, 1}), {3, 4}, want);
  want.clear();
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 4; ++j) want.push_back(av(i, pmod(j - 2, 4)));
  expect_values(cupp::roll(a, {1, 1}, {1, -1}), {3, 4}, want);  // shifts on one axis add up
  want.clear();
  for (int k = 0; k < 12; ++k) {
    const int f = pmod(k - 5, 12);
    want.push_back(av(f / 4, f % 4));
  }
  expect_values(cupp::roll(a, 5), {3, 4}, want);  // flattened, shape kept
  // Transposed (4, 3) input rolled flat, and an empty one.
  const auto t = a.T();
  want.clear();
  for (int k = 0; k < 12; ++k) {
    const int f = pmod(k - 2, 12);
    want.push_back(av(f % 3, f / 3));
  }
  expect_values(cupp::roll(t, 2), {4, 3}, want);
  EXPECT_EQ(cupp::roll(cupp::ndarray<T>(shape_t{3, 0}), 2, 0).shape(), (shape_t{3, 0}));
}

TYPED_TEST(RearrangeValues, Rot90) {
  using T = TypeParam;
  const auto a = cupp::asarray(values_from<T>(0, 6), {2, 3});
  auto av = [](int i, int j) { return value_at<T>(3 * i + j); };
  std::vector<T> want;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 2; ++j) want.push_back(av(j, 2 - i));
  expect_values(cupp::rot90(a), {3, 2}, want);
  want.clear();
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) want.push_back(av(1 - i, 2 - j));
  expect_values(cupp::rot90(a, 2), {2, 3}, want);
  want.clear();
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 2; ++j) want.push_back(av(1 - j, i));
  expect_values(cupp::rot90(a, 3), {3, 2}, want);
  expect_values(cupp::rot90(a, 1, {1, 0}), {3, 2}, want);
}

TYPED_TEST(RearrangeValues, Resize) {
  using T = TypeParam;
  const auto a = transposed_input<T>();  // flattened: at(0,0) at(0,1) at(0,2) at(1,0) ...
  auto flat = [](int k) { return at<T>(k / 3, k % 3); };
  std::vector<T> want;
  for (int k = 0; k < 15; ++k) want.push_back(flat(k % 6));
  expect_values(cupp::resize(a, {3, 5}), {3, 5}, want);
  want.clear();
  for (int k = 0; k < 4; ++k) want.push_back(flat(k));
  expect_values(cupp::resize(a, 4), {4}, want);
  expect_values(cupp::resize(cupp::ndarray<T>(shape_t{0}), {2, 2}), {2, 2},
                std::vector<T>(4, T(0.0f)));
  EXPECT_EQ(cupp::resize(a, {0, 3}).shape(), (shape_t{0, 3}));
}

TYPED_TEST(RearrangeValues, TrimZeros) {
  using T = TypeParam;
  // value_at(2), (3), (5) are nonzero in every dtype, bool included.
  const T z(0.0f), p = value_at<T>(2), q = value_at<T>(3), r = value_at<T>(5);
  const auto f = cupp::asarray(std::vector<T>{z, z, p, q, z, r, z, z});
  expect_values(cupp::trim_zeros(f), {4}, std::vector<T>{p, q, z, r});
  expect_values(cupp::trim_zeros(f, "f"), {6}, std::vector<T>{p, q, z, r, z, z});
  expect_values(cupp::trim_zeros(f, "B"), {6}, std::vector<T>{z, z, p, q, z, r});
  EXPECT_EQ(cupp::trim_zeros(cupp::asarray(std::vector<T>(5, z))).shape(), (shape_t{0}));
  const auto one = cupp::asarray(std::vector<T>{z, q, z});
  expect_values(cupp::trim_zeros(one), {1}, std::vector<T>{q});
  // A view of the input, negative strides kept.
  const auto back = f(slice(std::nullopt, std::nullopt, -1));
  const auto t = cupp::trim_zeros(back);
  EXPECT_EQ(t.strides(), (strides_t{-1}));
  expect_values(t, {4}, std::vector<T>{r, z, q, p});
}

class RearrangeExamples : public cupp::test::GpuTest {};

TEST_F(RearrangeExamples, Rearranging) {
  // example-begin rearrange
  auto a = cupp::asarray<float>({{1, 2, 3}, {4, 5, 6}});
  auto t = cupp::tile(a, {1, 2});        // [[1 2 3 1 2 3] [4 5 6 4 5 6]]
  auto r = cupp::repeat(a, 2, 0);        // rows 1 2 3, 1 2 3, 4 5 6, 4 5 6
  auto s = cupp::roll(a, 1, 1);          // [[3 1 2] [6 4 5]]
  auto q = cupp::rot90(a);               // a view: [[3 6] [2 5] [1 4]]
  auto z = cupp::resize(a, {2, 4});      // [[1 2 3 4] [5 6 1 2]]
  auto m = cupp::trim_zeros(cupp::asarray<float>({0, 0, 7, 0, 8, 0}));  // [7 0 8]
  // example-end
  EXPECT_EQ(t.get(), (std::vector<float>{1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6}));
  EXPECT_EQ(r.get(), (std::vector<float>{1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6}));
  EXPECT_EQ(s.get(), (std::vector<float>{3, 1, 2, 6, 4, 5}));
  EXPECT_EQ(q.get(), (std::vector<float>{3, 6, 2, 5, 1, 4}));
  EXPECT_EQ(z.get(), (std::vector<float>{1, 2, 3, 4, 5, 6, 1, 2}));
  EXPECT_EQ(m.get(), (std::vector<float>{7, 0, 8}));
  CUPP_EXPECT_THROW_MSG(cupp::trim_zeros(a), cupp::not_implemented_error,
                        "trim_zeros: only 1-D arrays are supported, got shape (2, 3)");
}

TEST_F(RearrangeExamples, LargeFlatRollIsTwoCopies) {
  // Odd length, so the two blocks have unaligned ends.
  const std::int64_t n = 1000003;
  const auto x = cupp::arange<std::int32_t>(n);
  const auto y = cupp::roll(x, 12345).get();
  for (std::int64_t k = 0; k < n; k += 997)
    ASSERT_EQ(y[static_cast<std::size_t>(k)], static_cast<std::int32_t>((k - 12345 + n) % n));
}

}  // namespace
