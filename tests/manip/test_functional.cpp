// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// apply_along_axis, apply_over_axes, piecewise, packbits and unpackbits: NumPy's errors (no GPU)
// and values against NumPy's (written out below).
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/routines/bits.hpp"
#include "cupp/routines/functional.hpp"
#include "support/described.hpp"
#include "support/dtypes.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::shape_t;
using cupp::slice;
using cupp::test::described;
using cupp::test::expect_values;

TEST(FunctionalErrors, AsNumpy) {
  using cupp::detail::check_condition_shape;
  using cupp::detail::check_piece_count;
  EXPECT_NO_THROW(check_piece_count(2, 3));
  CUPP_EXPECT_THROW_MSG(check_piece_count(1, 3), cupp::value_error,
                        "with 1 condition(s), either 1 or 2 functions are expected");
  CUPP_EXPECT_THROW_MSG(check_condition_shape({3}, {2}), cupp::index_error,
                        "boolean index did not match indexed array along axis 0; size of axis is "
                        "3 but size of corresponding boolean axis is 2");
  EXPECT_NO_THROW(check_condition_shape({}, {}));
  // No slices to apply to: the other axes hold no element.
  const cupp::ndarray<float> e(described({0, 3}));
  CUPP_EXPECT_THROW_MSG(cupp::apply_along_axis([](const auto& v) { return v; }, 1, e),
                        cupp::value_error,
                        "Cannot apply_along_axis when any iteration dimensions are 0");
  CUPP_EXPECT_THROW_MSG(cupp::apply_along_axis([](const auto& v) { return v; }, 2, e),
                        cupp::axis_error, "axis 2 is out of bounds for array of dimension 2");
}

TEST(BitsErrors, AsNumpy) {
  const cupp::ndarray<float> f(described({3}));
  CUPP_EXPECT_THROW_MSG(cupp::packbits(f), cupp::type_error,
                        "Expected an input array of integer or boolean data type");
  const cupp::ndarray<std::int8_t> i8(described({3}, cupp::dtype::int8));
  CUPP_EXPECT_THROW_MSG(cupp::unpackbits(i8), cupp::type_error,
                        "Expected an input array of unsigned byte data type");
  CUPP_EXPECT_THROW_MSG(cupp::detail::big_bit_order("x"), cupp::value_error,
                        "'order' must be either 'little' or 'big'");
  EXPECT_EQ(cupp::detail::unpacked_length(16, std::nullopt), 16);
  EXPECT_EQ(cupp::detail::unpacked_length(16, 20), 20);
  EXPECT_EQ(cupp::detail::unpacked_length(16, -9), 7);
  CUPP_EXPECT_THROW_MSG(cupp::detail::unpacked_length(16, -20), cupp::value_error,
                        "-count larger than number of elements");
  const cupp::ndarray<std::uint8_t> u8(described({3}, cupp::dtype::uint8));
  CUPP_EXPECT_THROW_MSG(cupp::unpackbits(u8, 1), cupp::axis_error,
                        "axis 1 is out of bounds for array of dimension 1");
}

template <class T>
std::vector<T> as_values(const std::vector<double>& v) {
  std::vector<T> out;
  for (const double x : v) out.push_back(static_cast<T>(x));
  return out;
}
template <class T>
cupp::ndarray<T> a34() {  // np.arange(12).reshape(3, 4)
  std::vector<double> v;
  for (int i = 0; i < 12; ++i) v.push_back(i);
  return cupp::asarray(as_values<T>(v), {3, 4});
}

// Dtypes in which 0..44 are exact and arithmetic is closed.
using NumericDtypes = ::testing::Types<std::int16_t, std::int64_t, std::uint8_t, cupp::float16,
                                       float, double, std::complex<double>>;
template <class T>
class FunctionalValues : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(FunctionalValues, NumericDtypes);

TYPED_TEST(FunctionalValues, ApplyAlongAxis) {
  using T = TypeParam;
  const auto x = a34<T>();
  // np.apply_along_axis(lambda v: v[::-1] * 2, 1, x.T)
  const auto r = cupp::apply_along_axis(
      [](const cupp::ndarray<T>& v) { return v(slice(std::nullopt, std::nullopt, -1)) * T(2); }, 1,
      x.T());
  expect_values(r.copy(), {4, 3}, as_values<T>({16, 8, 0, 18, 10, 2, 20, 12, 4, 22, 14, 6}));
  // np.apply_along_axis(lambda v: [v.sum(), v.max()], 0, x): the result's axis replaces axis 0.
  const auto s = cupp::apply_along_axis(
      [](const cupp::ndarray<T>& v) {
        return cupp::concatenate<T>(
            {cupp::sum(v).template astype<T>().reshape({1}), v(slice(2, 3))});
      },
      0, x);
  expect_values(s.copy(), {2, 4}, as_values<T>({12, 15, 18, 21, 8, 9, 10, 11}));
  // A scalar result: np.apply_along_axis(lambda v: v[0], -1, x).
  const auto f =
      cupp::apply_along_axis([](const cupp::ndarray<T>& v) { return v.item({0}); }, -1, x);
  expect_values(f.copy(), {3}, as_values<T>({0, 4, 8}));
}

TYPED_TEST(FunctionalValues, ApplyOverAxesAndPiecewise) {
  using T = TypeParam;
  const auto x = a34<T>().reshape({3, 2, 2});
  // np.apply_over_axes(np.sum, x, [0, 2]) (sum keeps T here by converting back).
  const auto r = cupp::apply_over_axes(
      [](const cupp::ndarray<T>& v, std::int64_t axis) {
        return cupp::sum(v, axis).template astype<T>();
      },
      x, {0, 2});
  expect_values(r, {1, 2, 1}, as_values<T>({27, 39}));
  expect_values(cupp::apply_over_axes(
                    [](const cupp::ndarray<T>& v, std::int64_t axis) {
                      return cupp::sum(v, axis, true).template astype<T>();
                    },
                    x, -1),
                {3, 2, 1}, as_values<T>({1, 5, 9, 13, 17, 21}));

  // np.piecewise(z, [z < 3, z >= 9], [lambda v: v + 1, 7, lambda v: v * 2]).
  const auto z = cupp::asarray(as_values<T>({0, 1, 2, 9, 10, 4}));
  const auto small = cupp::asarray<bool>({true, true, true, false, false, false});
  const auto big = cupp::asarray<bool>({false, false, false, true, true, false});
  const auto p = cupp::piecewise<T>(
      z, {small, big},
      {cupp::piece<T>([](const cupp::ndarray<T>& v) { return cupp::ndarray<T>(v + T(1)); }),
       cupp::piece<T>(T(7)),
       cupp::piece<T>([](const cupp::ndarray<T>& v) { return cupp::ndarray<T>(v * T(2)); })});
  expect_values(p, {6}, as_values<T>({1, 2, 3, 7, 7, 8}));
  // 0-d input.
  cupp::ndarray<T> s(shape_t{});
  s.fill(T(3));
  cupp::ndarray<bool> yes(shape_t{});
  yes.fill(true);
  expect_values(cupp::piecewise<T>(s, {yes}, {cupp::piece<T>(T(5))}), {}, as_values<T>({5}));
}

TEST(BitsValues, PackAndUnpack) {
  CUPP_SKIP_WITHOUT_GPU();
  // np.packbits([[1,0,1,1,0,0,1,0,1],[0,0,0,0,0,0,0,1,1]], axis=1)
  const auto a =
      cupp::asarray<std::int32_t>({{1, 0, 1, 1, 0, 0, 1, 0, 1}, {0, 0, 0, 0, 0, 0, 0, 1, 1}});
  expect_values(cupp::packbits(a, 1), {2, 2}, std::vector<std::uint8_t>{178, 128, 1, 128});
  // np.packbits([[1,0,1],[0,1,1]], axis=0, bitorder='little'), from a bool array.
  const auto b = cupp::asarray<bool>({{true, false, true}, {false, true, true}});
  expect_values(cupp::packbits(b, 0, "little"), {1, 3}, std::vector<std::uint8_t>{1, 2, 3});
  // Flattened, a transposed input: np.packbits(b.T) -> [1,0,0,1,1,1] -> 0b10011100.
  expect_values(cupp::packbits(b.T()), {1}, std::vector<std::uint8_t>{156});
  cupp::ndarray<std::int64_t> s(shape_t{});
  s.fill(3);
  expect_values(cupp::packbits(s), {1}, std::vector<std::uint8_t>{128});
  expect_values(cupp::packbits(cupp::ndarray<std::int8_t>(shape_t{0})), {0},
                std::vector<std::uint8_t>{});

  const auto u = cupp::asarray<std::uint8_t>({{2, 255}, {7, 128}});
  const std::vector<std::uint8_t> want0{0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 0, 1,
                                        0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0};
  expect_values(cupp::unpackbits(u, 0), {16, 2}, want0);
  // np.unpackbits(u.T, axis=1, count=-3, bitorder='little')
  expect_values(cupp::unpackbits(u.T(), 1, -3, "little"), {2, 13},
                std::vector<std::uint8_t>{0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0,
                                          1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0});
  // np.unpackbits(np.uint8(3), count=10, bitorder='little') pads with zeros.
  cupp::ndarray<std::uint8_t> t(shape_t{});
  t.fill(3);
  expect_values(cupp::unpackbits(t, std::nullopt, 10, "little"), {10},
                std::vector<std::uint8_t>{1, 1, 0, 0, 0, 0, 0, 0, 0, 0});
}

}  // namespace
