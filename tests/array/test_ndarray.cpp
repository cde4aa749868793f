// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// ndarray<T>: creation, transfers, views and copies, against host references.
#include <gtest/gtest.h>

#include <cuda_runtime_api.h>

#include <complex>
#include <cstdint>
#include <optional>
#include <sstream>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "support/dtypes.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::shape_t;
using cupp::slice;
using cupp::test::GpuTest;
using cupp::test::iota_values;
using cupp::test::same_bits;
using cupp::test::value_at;

template <class T>
void expect_values(const cupp::ndarray<T>& a, const std::vector<T>& expected) {
  ASSERT_EQ(a.size(), static_cast<std::int64_t>(expected.size()));
  const std::vector<T> got = a.get();
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const T g = got[i];
    const T e = expected[i];
    ASSERT_TRUE(same_bits(g, e)) << "element " << i;
  }
}

/// Python's range(*slice(start, stop, step).indices(n)), written out independently of cupp.
std::vector<std::int64_t> py_slice(std::optional<std::int64_t> start,
                                   std::optional<std::int64_t> stop, std::int64_t step,
                                   std::int64_t n) {
  auto clamp = [&](std::optional<std::int64_t> v, std::int64_t dflt) {
    if (!v) return dflt;
    std::int64_t x = *v < 0 ? *v + n : *v;
    if (step > 0) return std::min(std::max<std::int64_t>(x, 0), n);
    return std::min(std::max<std::int64_t>(x, -1), n - 1);
  };
  const std::int64_t b = clamp(start, step > 0 ? 0 : n - 1);
  const std::int64_t e = clamp(stop, step > 0 ? n : -1);
  std::vector<std::int64_t> r;
  for (std::int64_t i = b; step > 0 ? i < e : i > e; i += step) r.push_back(i);
  return r;
}

// ---- without a GPU -------------------------------------------------------------------------

TEST(NdarrayHost, CreationWithoutGpuThrowsOneClearError) {
  cupp::test::run_without_gpu([] {
    try {
      auto a = cupp::zeros<float>({4});
      FAIL() << "expected cuda_error";
    } catch (const cupp::cuda_error& e) {
      EXPECT_NE(std::string(e.what()).find("no CUDA-capable device"), std::string::npos);
    }
    EXPECT_THROW(cupp::random::rand<float>({4}), cupp::cuda_error);
    EXPECT_THROW(cupp::asarray<int>({1, 2, 3}), cupp::cuda_error);
  });
}

// ---- typed over all 15 dtypes --------------------------------------------------------------

template <class T>
class NdarrayTyped : public GpuTest {};
TYPED_TEST_SUITE(NdarrayTyped, cupp::test::AllDtypes);

TYPED_TEST(NdarrayTyped, ZerosOnesFullEveryShape) {
  using T = TypeParam;
  for (const shape_t& shape : std::vector<shape_t>{{}, {0}, {3, 0, 2}, {1}, {23}, {1000003},
                                                   {7, 5}, {2, 3, 4, 5}}) {
    const std::int64_t n = cupp::shape_size(shape);
    auto z = cupp::zeros<T>(shape);
    EXPECT_EQ(z.shape(), shape);
    EXPECT_EQ(z.dtype(), cupp::dtype_of<T>);
    EXPECT_TRUE(z.is_c_contiguous());
    expect_values(z, std::vector<T>(static_cast<std::size_t>(n), T(0)));
    expect_values(cupp::ones<T>(shape), std::vector<T>(static_cast<std::size_t>(n), T(1)));
    const T v = value_at<T>(5);
    expect_values(cupp::full<T>(shape, v), std::vector<T>(static_cast<std::size_t>(n), v));
  }
}

TYPED_TEST(NdarrayTyped, SetGetRoundTripAndItem) {
  using T = TypeParam;
  const auto host = iota_values<T>(2 * 3 * 5);
  auto a = cupp::asarray<T>(host, {2, 3, 5});
  EXPECT_EQ(a.nbytes(), static_cast<std::int64_t>(30 * sizeof(T)));
  expect_values(a, host);
  EXPECT_TRUE(same_bits(a.item({1, 2, 4}), host[29]));
  EXPECT_TRUE(same_bits(a.item({-1, 0, -5}), host[15]));
  EXPECT_THROW(a.item(), cupp::value_error);
  EXPECT_THROW(a.item({2, 0, 0}), cupp::index_error);
  EXPECT_THROW(a.set(std::vector<T>(29)), cupp::value_error);
}

TYPED_TEST(NdarrayTyped, CopyOfTransposedSlicedAndBroadcastViews) {
  using T = TypeParam;
  const std::int64_t rows = 37, cols = 29;
  const auto host = iota_values<T>(rows * cols);
  auto a = cupp::asarray<T>(host, {rows, cols});

  auto t = a.T().copy();  // transposed
  std::vector<T> expected;
  for (std::int64_t j = 0; j < cols; ++j)
    for (std::int64_t i = 0; i < rows; ++i) expected.push_back(host[i * cols + j]);
  EXPECT_EQ(t.shape(), (shape_t{cols, rows}));
  expect_values(t, expected);

  // a[::-3, 2:20:4]
  auto s = a(slice(std::nullopt, std::nullopt, -3), slice(2, 20, 4));
  expected.clear();
  for (auto i : py_slice(std::nullopt, std::nullopt, -3, rows))
    for (auto j : py_slice(2, 20, 4, cols)) expected.push_back(host[i * cols + j]);
  EXPECT_FALSE(s.is_c_contiguous());
  expect_values(s, expected);          // get() of a view
  expect_values(s.copy(), expected);   // explicit copy

  // broadcast a column over 6 columns: stride 0
  auto col = a(slice(), 3);
  auto b = cupp::broadcast_to(cupp::expand_dims(col, 1), {rows, 6});
  EXPECT_EQ(b.strides()[1], 0);
  expected.clear();
  for (std::int64_t i = 0; i < rows; ++i)
    for (int j = 0; j < 6; ++j) expected.push_back(host[i * cols + 3]);
  expect_values(b.copy(), expected);
}

TYPED_TEST(NdarrayTyped, FillWritesExactlyTheView) {
  using T = TypeParam;
  const std::int64_t rows = 11, cols = 13;
  auto a = cupp::full<T>({rows, cols}, value_at<T>(1));  // poison
  const T v = value_at<T>(2);
  a(slice(1, std::nullopt, 3), slice(std::nullopt, std::nullopt, -2)).fill(v);
  const auto rs = py_slice(1, std::nullopt, 3, rows);
  const auto cs = py_slice(std::nullopt, std::nullopt, -2, cols);
  std::vector<T> expected(static_cast<std::size_t>(rows * cols), value_at<T>(1));
  for (auto i : rs)
    for (auto j : cs) expected[static_cast<std::size_t>(i * cols + j)] = v;
  expect_values(a, expected);
}

TYPED_TEST(NdarrayTyped, SetIntoAStridedViewLeavesTheRestUntouched) {
  using T = TypeParam;
  auto a = cupp::full<T>({6, 8}, value_at<T>(0));
  auto view = a.T()(slice(1, 7, 2));  // shape (3, 6), non-contiguous
  ASSERT_EQ(view.shape(), (shape_t{3, 6}));
  const auto vals = iota_values<T>(18);
  view.set(vals);
  std::vector<T> expected(48, value_at<T>(0));
  for (std::int64_t r = 0; r < 3; ++r)
    for (std::int64_t c = 0; c < 6; ++c)  // view[r, c] is a[c, 1 + 2r]
      expected[static_cast<std::size_t>(c * 8 + 1 + 2 * r)] = vals[static_cast<std::size_t>(r * 6 + c)];
  expect_values(a, expected);
}

// ---- views ---------------------------------------------------------------------------------

class Ndarray : public GpuTest {};

TEST_F(Ndarray, TourOfTheBasics) {
  // example-begin tour
  auto a = cupp::asarray<float>({{1, 2, 3}, {4, 5, 6}});  // shape (2, 3), float32
  auto col = a(cupp::slice(), 1);                         // a[:, 1]: a view, shape (2,)
  auto rev = a(cupp::slice(), cupp::slice(std::nullopt, std::nullopt, -1));  // a[:, ::-1]
  auto t = a.T();                                         // shape (3, 2), strides {1, 3}
  auto flat = t.reshape({-1});                            // t is not C-contiguous: a copy
  col.fill(0.0f);                                         // writes through the view into a
  std::vector<float> host = a.get();                      // {1, 0, 3, 4, 0, 6}
  float x = rev.item({0, 0});                             // 3
  // example-end
  EXPECT_EQ(host, (std::vector<float>{1, 0, 3, 4, 0, 6}));
  EXPECT_EQ(x, 3.0f);
  EXPECT_EQ(t.strides(), (cupp::strides_t{1, 3}));
  EXPECT_EQ(flat.get(), (std::vector<float>{1, 4, 2, 5, 3, 6}));  // copied before the fill
  EXPECT_EQ(col.shape(), (shape_t{2}));
}

TEST_F(Ndarray, ReshapeIsAViewWhenTheLayoutAllowsElseACopy) {
  auto a = cupp::asarray<int>(iota_values<int>(24), {2, 3, 4});
  auto r = a.reshape({4, -1});
  EXPECT_EQ(r.shape(), (shape_t{4, 6}));
  EXPECT_EQ(r.data(), a.data());
  ASSERT_TRUE(r.base().has_value());
  EXPECT_EQ(r.base()->data(), a.data());
  expect_values(r, iota_values<int>(24));

  auto t = a.transpose({2, 0, 1});  // (4, 2, 3), not C-contiguous
  auto flat = t.reshape({-1});
  EXPECT_NE(flat.data(), a.data());  // a copy
  std::vector<int> expected;
  const auto host = iota_values<int>(24);
  for (int k = 0; k < 4; ++k)
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 3; ++j) expected.push_back(host[static_cast<std::size_t>(i * 12 + j * 4 + k)]);
  expect_values(flat, expected);
  EXPECT_NE(t.ravel().data(), t.data());
  EXPECT_EQ(a.ravel().data(), a.data());
  EXPECT_NE(a.flatten().data(), a.data());
}

TEST_F(Ndarray, BadReshapesSayWhatNumPySays) {
  auto a = cupp::zeros<float>({3, 4});
  try {
    a.reshape({5});
    FAIL();
  } catch (const cupp::value_error& e) {
    EXPECT_STREQ(e.what(), "cannot reshape array of size 12 into shape (5,)");
  }
  EXPECT_THROW(a.reshape({-1, -1}), cupp::value_error);
  EXPECT_EQ(a.reshape({-2, 6}).shape(), (shape_t{2, 6}));  // NumPy: any negative is unknown
  EXPECT_THROW(cupp::zeros<float>({-1}), cupp::value_error);
}

TEST_F(Ndarray, BasicIndexingMatchesNumPy) {
  auto a = cupp::asarray<double>(iota_values<double>(60), {3, 4, 5});
  const auto host = iota_values<double>(60);
  auto v = a(1, cupp::ellipsis, cupp::newaxis, slice(std::nullopt, std::nullopt, -1));
  EXPECT_EQ(v.shape(), (shape_t{4, 1, 5}));
  std::vector<double> expected;
  for (int j = 0; j < 4; ++j)
    for (int k = 4; k >= 0; --k) expected.push_back(host[static_cast<std::size_t>(20 + j * 5 + k)]);
  expect_values(v, expected);

  auto scalar = a(-1, -1, -1);
  EXPECT_EQ(scalar.ndim(), 0);
  EXPECT_EQ(scalar.item(), host[59]);

  auto empty = a(slice(2, 1));
  EXPECT_EQ(empty.shape(), (shape_t{0, 4, 5}));
  EXPECT_TRUE(empty.get().empty());

  try {
    a(3);
    FAIL();
  } catch (const cupp::index_error& e) {
    EXPECT_STREQ(e.what(), "index 3 is out of bounds for axis 0 with size 3");
  }
  try {
    a(0, 0, 0, 0);
    FAIL();
  } catch (const cupp::index_error& e) {
    EXPECT_STREQ(e.what(),
                 "too many indices for array: array is 3-dimensional, but 4 were indexed");
  }
  EXPECT_THROW(a(cupp::ellipsis, 0, cupp::ellipsis), cupp::index_error);
  EXPECT_THROW(a(slice(0, 3, 0)), cupp::value_error);
}

TEST_F(Ndarray, AxisViewsAndTheirErrors) {
  auto a = cupp::zeros<float>({2, 1, 3});
  EXPECT_EQ(a.squeeze().shape(), (shape_t{2, 3}));
  EXPECT_EQ(a.squeeze(-2).shape(), (shape_t{2, 3}));
  EXPECT_THROW(a.squeeze(0), cupp::value_error);
  EXPECT_EQ(cupp::expand_dims(a, {0, -1}).shape(), (shape_t{1, 2, 1, 3, 1}));
  EXPECT_EQ(a.swapaxes(0, -1).shape(), (shape_t{3, 1, 2}));
  EXPECT_EQ(a.swapaxes(0, -1).strides(), (cupp::strides_t{1, 3, 3}));
  EXPECT_EQ(a.byte_strides(), (cupp::strides_t{12, 12, 4}));
  try {
    a.swapaxes(0, 3);
    FAIL();
  } catch (const cupp::axis_error& e) {
    EXPECT_STREQ(e.what(), "axis 3 is out of bounds for array of dimension 3");
  }
  EXPECT_THROW(a.transpose({0, 1}), cupp::value_error);
  EXPECT_THROW(a.transpose({0, 0, 1}), cupp::value_error);
  EXPECT_TRUE(a.T().is_f_contiguous());
}

TEST_F(Ndarray, WritingIntoABroadcastViewIsAnError) {
  auto a = cupp::ones<float>({4});
  auto b = cupp::broadcast_to(a, {3, 4});
  try {
    b.fill(2.0f);
    FAIL();
  } catch (const cupp::value_error& e) {
    EXPECT_STREQ(e.what(), "assignment destination is read-only");
  }
  EXPECT_THROW(cupp::broadcast_to(a, {3, 5}), cupp::broadcast_error);
}

TEST_F(Ndarray, WritingIntoAViewDropsTheValuesLeadingOnes) {
  // As NumPy's setitem (Note [Leading ones of a written value] in src/expr/engine.cpp).
  auto a = cupp::full<float>({5}, -1.0f);
  a(slice(0, 2)) = cupp::ones<float>({1, 2});                                   // an ndarray
  a(slice(2, 4)) = cupp::asarray<float>({5, 6}).reshape({1, 1, 2}) + 1.0f;      // an expression
  EXPECT_EQ(a.get(), (std::vector<float>{1, 1, 6, 7, -1}));
  a(slice(1, 3)) = cupp::asarray<std::int32_t>({8, 9}).reshape({1, 2});         // another dtype
  a(4) = cupp::full<double>({1, 1}, 3.5);                                        // into a 0-d view
  EXPECT_EQ(a.get(), (std::vector<float>{1, 8, 9, 7, 3.5f}));

  // (1, 1, 3) broadcast over the rows of a (2, 3) strided view; the other rows stay untouched.
  auto b = cupp::full<double>({4, 3}, -1.0);
  b(slice(std::nullopt, std::nullopt, 2)) = cupp::asarray<double>({1, 2, 3}).reshape({1, 1, 3});
  EXPECT_EQ(b.get(), (std::vector<double>{1, 2, 3, -1, -1, -1, 1, 2, 3, -1, -1, -1}));

  // A genuine mismatch is still NumPy's error, leading ones or not.
  CUPP_EXPECT_THROW_MSG(a(slice(0, 2)) = cupp::ones<float>({3}), cupp::broadcast_error,
                        "could not broadcast input array from shape (3,) into shape (2,)");
  EXPECT_THROW(a(slice(0, 2)) = cupp::ones<float>({1, 3}), cupp::broadcast_error);
  EXPECT_THROW(a(slice(0, 2)) = cupp::ones<float>({2, 2}), cupp::broadcast_error);
  EXPECT_THROW(b(slice(0, 2)) = cupp::ones<double>({2, 2, 3}), cupp::broadcast_error);
  EXPECT_EQ(a.get(), (std::vector<float>{1, 8, 9, 7, 3.5f}));
}

TEST_F(Ndarray, ViewAsAnotherDtype) {
  auto a = cupp::asarray<float>({1.0f, -2.0f});
  auto bits = a.view<std::uint32_t>();
  EXPECT_EQ(bits.get(), (std::vector<std::uint32_t>{0x3f800000u, 0xc0000000u}));
  auto bytes = a.view<std::uint8_t>();
  EXPECT_EQ(bytes.shape(), (shape_t{8}));
  EXPECT_EQ(bytes.item({3}), 0x3f);
  EXPECT_THROW(a.T()(slice(std::nullopt, std::nullopt, 2)).view<double>(), cupp::value_error);
  EXPECT_THROW(cupp::zeros<float>({}).view<double>(), cupp::value_error);
}

TEST_F(Ndarray, NestedInitializerLists) {
  auto m = cupp::asarray<int>({{1, 2, 3}, {4, 5, 6}});
  EXPECT_EQ(m.shape(), (shape_t{2, 3}));
  EXPECT_EQ(m.get(), (std::vector<int>{1, 2, 3, 4, 5, 6}));
  auto c = cupp::asarray<float>({{{1.f, 2.f}}, {{3.f, 4.f}}});
  EXPECT_EQ(c.shape(), (shape_t{2, 1, 2}));
  try {
    cupp::asarray<int>({{1, 2}, {3}});
    FAIL();
  } catch (const cupp::value_error& e) {
    EXPECT_NE(std::string(e.what()).find("inhomogeneous shape after 1 dimensions"),
              std::string::npos);
  }
}

TEST_F(Ndarray, PrintsLikeNumPy) {
  // example-begin print
  auto a = cupp::asarray<float>({{1.0f, 2.5f}, {-3.0f, 4.0f}});
  std::ostringstream os;
  os << a;
  // os.str() == "array([[ 1. ,  2.5],\n       [-3. ,  4. ]], dtype=float32)"
  // example-end
  EXPECT_EQ(os.str(), "array([[ 1. ,  2.5],\n       [-3. ,  4. ]], dtype=float32)");
  std::ostringstream os2;
  os2 << cupp::zeros<std::int64_t>({0});
  EXPECT_EQ(os2.str(), "array([], dtype=int64)");
}

TEST_F(Ndarray, CopyAbove2To31ElementsTakesThe64BitPath) {
  // 2^31 + 2^20 int8 elements read with step 2 from a buffer twice that size: offsets > 2^31.
  const std::int64_t n = (std::int64_t{1} << 31) + (1 << 20);
  cupp::ndarray<std::int8_t> big({2 * n});
  cudaMemset(big.data(), 0, static_cast<std::size_t>(2 * n));
  const std::int64_t probes[] = {0, 1, 12345, (std::int64_t{1} << 31) - 1, std::int64_t{1} << 31,
                                 n - 1};
  for (std::int64_t p : probes) big(2 * p).fill(static_cast<std::int8_t>(1 + p % 100));
  auto strided = big(slice(0, std::nullopt, 2));
  ASSERT_EQ(strided.size(), n);
  auto c = strided.copy();
  for (std::int64_t p : probes)
    EXPECT_EQ(c.item({p}), static_cast<std::int8_t>(1 + p % 100)) << p;
  EXPECT_EQ(c.item({7}), 0);
  EXPECT_EQ(c.item({n - 2}), 0);
}

}  // namespace
