// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Memory order of the creation routines (NumPy's order='C'/'F'/'A'/'K') and the dtype forms of
// ascontiguousarray and asfortranarray, checked by strides and by values against host loops.
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <string>
#include <vector>

#include "cupp/array.hpp"
#include "support/dtypes.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::shape_t;
using cupp::slice;
using cupp::strides_t;
using cupp::test::GpuTest;
using cupp::test::iota_values;
using cupp::test::same_bits;
using cupp::test::value_at;

template <class T>
void expect_all(const cupp::ndarray<T>& a, T v) {
  const std::vector<T> got = a.get();
  ASSERT_EQ(static_cast<std::int64_t>(got.size()), a.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    const T g = got[i];
    ASSERT_TRUE(same_bits(g, v)) << "element " << i;
  }
}

/// NumPy's Fortran strides in elements (a length-0 dimension counts as 1, as NumPy's).
strides_t fortran_strides(const shape_t& shape) {
  strides_t s(shape.size());
  std::int64_t step = 1;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    s[i] = step;
    step *= shape[i] > 0 ? shape[i] : 1;
  }
  return s;
}
strides_t c_order_strides(const shape_t& shape) {
  strides_t s(shape.size());
  std::int64_t step = 1;
  for (std::size_t i = shape.size(); i-- > 0;) {
    s[i] = step;
    step *= shape[i] > 0 ? shape[i] : 1;
  }
  return s;
}

// ---- without a GPU: the order argument is checked before any memory is taken ---------------

TEST(OrderHost, BadOrdersSayWhatNumPySays) {
  try {
    cupp::zeros<float>({2, 3}, 'x');
    FAIL() << "expected value_error";
  } catch (const cupp::value_error& e) {
    EXPECT_EQ(std::string(e.what()), "order must be one of 'C', 'F', 'A', or 'K' (got 'x')");
  }
  // np.empty((2,), order='K'): only C and F make sense for a new array.
  try {
    cupp::empty<int>({2}, 'K');
    FAIL() << "expected value_error";
  } catch (const cupp::value_error& e) {
    EXPECT_EQ(std::string(e.what()), "only 'C' or 'F' order is permitted");
  }
  EXPECT_THROW(cupp::ones<double>({2}, 'A'), cupp::value_error);
  EXPECT_THROW(cupp::full<double>({2}, 1.0, 'Q'), cupp::value_error);
  EXPECT_EQ(cupp::detail::parse_order('f'), 'F');  // NumPy takes either case
  EXPECT_EQ(cupp::detail::parse_order('k'), 'K');
}

// ---- typed over all 15 dtypes --------------------------------------------------------------

template <class T>
class OrderTyped : public GpuTest {};
TYPED_TEST_SUITE(OrderTyped, cupp::test::AllDtypes);

TYPED_TEST(OrderTyped, FortranOrderCreationEveryShape) {
  using T = TypeParam;
  for (const shape_t& shape :
       std::vector<shape_t>{{}, {0}, {3, 0, 2}, {1}, {23}, {7, 5}, {2, 3, 4, 5}}) {
    const T v = value_at<T>(5);
    auto e = cupp::empty<T>(shape, 'F');
    auto z = cupp::zeros<T>(shape, 'F');
    auto o = cupp::ones<T>(shape, 'F');
    auto f = cupp::full<T>(shape, v, 'F');
    for (const auto* a : {&e, &z, &o, &f}) {
      EXPECT_EQ(a->shape(), shape);
      EXPECT_EQ(a->dtype(), cupp::dtype_of<T>);
      EXPECT_EQ(a->strides(), fortran_strides(shape)) << cupp::shape_str(shape);
      EXPECT_TRUE(a->is_f_contiguous());
      EXPECT_FALSE(a->base().has_value());  // a new array, not a view of one
    }
    expect_all(z, T(0));
    expect_all(o, T(1));
    expect_all(f, v);
    EXPECT_EQ(cupp::zeros<T>(shape, 'C').strides(), c_order_strides(shape));
  }
}

TYPED_TEST(OrderTyped, LikeKeepsOrTakesTheLayout) {
  using T = TypeParam;
  const shape_t shape{4, 3};
  auto c = cupp::asarray<T>(iota_values<T>(12), shape);
  auto f = cupp::asfortranarray(c);
  ASSERT_EQ(f.strides(), fortran_strides(shape));
  const T v = value_at<T>(7);
  // order='K' (the default) keeps the prototype's layout; 'C' and 'F' force one.
  EXPECT_EQ(cupp::empty_like(c).strides(), c_order_strides(shape));
  EXPECT_EQ(cupp::zeros_like(f).strides(), fortran_strides(shape));
  EXPECT_EQ(cupp::ones_like(f, 'C').strides(), c_order_strides(shape));
  EXPECT_EQ(cupp::full_like(c, v, 'F').strides(), fortran_strides(shape));
  // 'A': Fortran when the prototype is Fortran-contiguous (and not C-contiguous).
  EXPECT_EQ(cupp::empty_like(f, 'A').strides(), fortran_strides(shape));
  EXPECT_EQ(cupp::empty_like(c, 'A').strides(), c_order_strides(shape));
  expect_all(cupp::zeros_like(f), T(0));
  expect_all(cupp::ones_like(f), T(1));
  expect_all(cupp::full_like(f, v), v);
  // another dtype keeps the layout too
  auto fz = cupp::zeros_like<std::int32_t>(f);
  EXPECT_EQ(fz.dtype(), cupp::dtype::int32);
  EXPECT_EQ(fz.strides(), fortran_strides(shape));
  auto ff = cupp::full_like<double>(f, 2.5);
  EXPECT_EQ(ff.strides(), fortran_strides(shape));
  expect_all(ff, 2.5);
}

TYPED_TEST(OrderTyped, AscontiguousAndAsfortranWithADtype) {
  using T = TypeParam;
  const shape_t shape{3, 5};
  const auto host = iota_values<T>(15);
  auto a = cupp::asarray<T>(host, shape);
  auto view = a.T();  // (5, 3), Fortran-contiguous
  // numpy.ascontiguousarray(a.T, dtype=np.complex128): a C-contiguous converted copy
  auto c = cupp::ascontiguousarray<std::complex<double>>(view);
  static_assert(std::is_same_v<decltype(c), cupp::ndarray<std::complex<double>>>);
  EXPECT_EQ(c.strides(), c_order_strides({5, 3}));
  const auto got = c.get();
  for (std::int64_t i = 0; i < 5; ++i)
    for (std::int64_t j = 0; j < 3; ++j) {
      const T x = host[static_cast<std::size_t>(j * 5 + i)];
      std::complex<double> want;
      if constexpr (std::is_same_v<T, std::complex<float>> ||
                    std::is_same_v<T, std::complex<double>>)
        want = std::complex<double>(x);
      else if constexpr (std::is_same_v<T, cupp::float16> || std::is_same_v<T, cupp::bfloat16>)
        want = static_cast<double>(static_cast<float>(x));
      else
        want = static_cast<double>(x);
      EXPECT_EQ(got[static_cast<std::size_t>(i * 3 + j)], want) << i << "," << j;
    }
  // the same dtype: a itself when already in the asked layout, else a copy
  auto same_c = cupp::ascontiguousarray<T>(a);
  EXPECT_EQ(same_c.data(), a.data());
  auto same_f = cupp::asfortranarray<T>(view);
  EXPECT_EQ(same_f.data(), view.data());
  // a C-contiguous a in Fortran order, converted to int64
  auto f = cupp::asfortranarray<std::int64_t>(cupp::asarray<std::int32_t>({1, 2, 3, 4, 5, 6},
                                                                         {2, 3}));
  EXPECT_EQ(f.strides(), fortran_strides({2, 3}));
  EXPECT_FALSE(f.base().has_value());
  EXPECT_EQ(f.get(), (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6}));  // get() is C order
}

// ---- order='K' of views that are neither C- nor Fortran-contiguous ------------------------

class Order : public GpuTest {};

TEST_F(Order, KFollowsTheStridesOfAPermutedView) {
  // np.empty_like(np.empty((2, 3, 4)).transpose(1, 0, 2)).strides == (32, 96, 8): the axes keep
  // the prototype's order of stride sizes.
  auto a = cupp::zeros<float>({2, 3, 4});
  auto p = a.transpose({1, 0, 2});
  auto k = cupp::empty_like(p);
  EXPECT_EQ(k.shape(), (shape_t{3, 2, 4}));
  EXPECT_EQ(k.strides(), (strides_t{4, 12, 1}));
  EXPECT_FALSE(k.base().has_value());
  // a[::-1, ::2]: negative strides count by magnitude, the result is C-contiguous and positive
  auto b = cupp::zeros<double>({4, 6});
  auto s = b(slice(std::nullopt, std::nullopt, -1), slice(std::nullopt, std::nullopt, 2));
  EXPECT_EQ(cupp::empty_like(s).strides(), (strides_t{3, 1}));
  // (2, 3, 4).transpose(2, 0, 1) sliced: strides (1, 12, 4) -> order of axes 1, 2, 0
  auto q = cupp::zeros<int>({2, 3, 4}).transpose({2, 0, 1})(slice(0, 3));
  EXPECT_EQ(cupp::empty_like(q).strides(), (strides_t{1, 9, 3}));
  // 'C' of the same view: C order
  EXPECT_EQ(cupp::empty_like(q, 'C').strides(), (strides_t{6, 3, 1}));
  // values written through the K layout read back in C order
  auto w = cupp::full_like(p, 3.0f);
  EXPECT_EQ(w.get(), std::vector<float>(24, 3.0f));
}

TEST_F(Order, ExampleOfOrder) {
  // example-begin order
  auto f = cupp::zeros<float>({2, 3}, 'F');  // np.zeros((2, 3), dtype=np.float32, order='F')
  auto g = cupp::ones_like(f);                // order='K': Fortran as f
  auto c = cupp::ascontiguousarray<double>(f);  // np.ascontiguousarray(f, dtype=np.float64)
  // example-end
  EXPECT_EQ(f.strides(), (strides_t{1, 2}));
  EXPECT_EQ(g.strides(), (strides_t{1, 2}));
  EXPECT_EQ(c.strides(), (strides_t{3, 1}));
  EXPECT_EQ(c.get(), std::vector<double>(6, 0.0));
}

}  // namespace
