// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The elementwise engine: result types, broadcasting, fusion into one kernel, layouts, writing,
// aliasing, against host loops.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdint>
#include <optional>
#include <type_traits>
#include <vector>

#include "cupp/array.hpp"
#include "support/gpu.hpp"
#include "support/shaped.hpp"

namespace {

using cupp::shape_t;
using cupp::slice;
using cupp::test::GpuTest;

using cupp::test::shaped;

// ---- host: types, shapes and errors ------------------------------------------------------------

TEST(ElementwiseHost, ResultTypesFollowNumPy) {
  auto f = shaped<float>({3});
  auto i8 = shaped<std::int8_t>({3});
  auto i32 = shaped<std::int32_t>({3});
  auto b = shaped<bool>({3});
  auto h = shaped<cupp::float16>({3});
  static_assert(std::is_same_v<decltype(f * 2.0)::value_type, float>);   // weak scalar
  static_assert(std::is_same_v<decltype(i8 + 1)::value_type, std::int8_t>);
  static_assert(std::is_same_v<decltype(i32 + 1.5)::value_type, double>);
  static_assert(std::is_same_v<decltype(i32 / i32)::value_type, double>);  // true division
  static_assert(std::is_same_v<decltype(f < 1)::value_type, bool>);
  static_assert(std::is_same_v<decltype(cupp::exp(i8))::value_type, cupp::float16>);
  static_assert(std::is_same_v<decltype(cupp::exp(i32))::value_type, double>);
  static_assert(std::is_same_v<decltype(b + b)::value_type, bool>);
  static_assert(std::is_same_v<decltype(h * h + f)::value_type, float>);
  static_assert(std::is_same_v<decltype(cupp::abs(f * std::complex<float>(1, 1)))::value_type,
                               float>);
  static_assert(std::is_same_v<decltype(i8 + i32 * 2)::value_type, std::int32_t>);
  EXPECT_EQ((f * 2.0).dtype(), cupp::dtype::float32);
}

TEST(ElementwiseHost, ExpressionsBroadcastWithoutEvaluating) {
  auto a = shaped<float>({4, 1, 3});
  auto b = shaped<double>({5, 1});
  auto e = cupp::exp(a) * b + 1.0;
  EXPECT_EQ(e.shape(), (shape_t{4, 5, 3}));
  EXPECT_EQ(e.ndim(), 3);
  EXPECT_EQ(e.size(), 60);
  EXPECT_EQ(e.dtype(), cupp::dtype::float64);
  try {
    auto bad = shaped<float>({3, 4}) + shaped<float>({5});
    FAIL();
  } catch (const cupp::broadcast_error& err) {
    EXPECT_STREQ(err.what(), "operands could not be broadcast together with shapes (3,4) (5,) ");
  }
}

TEST(ElementwiseHost, UnsupportedDtypesAndOverflowingScalarsAreErrors) {
  auto f = shaped<float>({2});
  try {
    auto e = f & f;
    FAIL();
  } catch (const cupp::type_error& err) {
    EXPECT_NE(std::string(err.what()).find("ufunc 'bitwise_and' not supported"),
              std::string::npos);
    EXPECT_NE(std::string(err.what()).find("float32"), std::string::npos);
  }
  EXPECT_THROW(-shaped<bool>({2}), cupp::type_error);                  // numpy: boolean negative
  EXPECT_THROW(shaped<bool>({2}) - shaped<bool>({2}), cupp::type_error);
  EXPECT_THROW(cupp::floor_divide(shaped<std::complex<float>>({2}), 2), cupp::type_error);
  EXPECT_THROW(shaped<std::int8_t>({2}) + 1000, cupp::overflow_error);
  EXPECT_THROW(shaped<std::uint8_t>({2}) + -1, cupp::overflow_error);
  EXPECT_NO_THROW(shaped<std::int8_t>({2}) + 127);
}

TEST(ElementwiseHost, EveryVariantOfTheGeneratedKernelsCompiles) {
  // NVRTC needs no GPU: compile each launch variant for sm_90, so CI sees a generator bug.
  auto f = shaped<float>({3});
  auto h = shaped<cupp::float16>({3});
  auto c = shaped<std::complex<double>>({3});
  auto i = shaped<std::int64_t>({3});
  const auto e1 = cupp::exp(f) * f + cupp::sqrt(f) - 1.0f;
  const auto e2 = h * h + 2;
  const auto e3 = c * c + 1.0;
  const auto e4 = cupp::floor_divide(i, 3) + (i % 5) - (i << 2);
  cupp::expr::family_of<std::decay_t<decltype(e1)>>().compile_all(cupp::dtype::float32, 90);
  cupp::expr::family_of<std::decay_t<decltype(e1)>>().compile_all(cupp::dtype::float16, 90);
  cupp::expr::family_of<std::decay_t<decltype(e2)>>().compile_all(cupp::dtype::float16, 90);
  cupp::expr::family_of<std::decay_t<decltype(e3)>>().compile_all(cupp::dtype::complex128, 90);
  cupp::expr::family_of<std::decay_t<decltype(e4)>>().compile_all(cupp::dtype::int64, 90);
  const std::string src =
      cupp::expr::family_of<std::decay_t<decltype(e1)>>().source(cupp::dtype::float32, 0, false);
  EXPECT_NE(src.find("cupp_ew_exp_multiply_sqrt_add_subtract_f32_c4_i32"), std::string::npos)
      << src;
}

// ---- GPU -------------------------------------------------------------------------------------

class Elementwise : public GpuTest {};

std::vector<float> ramp(std::int64_t n, float scale = 0.001f, float offset = 0.25f) {
  std::vector<float> v(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i)
    v[static_cast<std::size_t>(i)] = offset + scale * static_cast<float>((i * 7919) % 1000);
  return v;
}

TEST_F(Elementwise, FusedExpressionMatchesTheHostOnEveryTailSize) {
  for (std::int64_t n : {std::int64_t{0}, std::int64_t{1}, std::int64_t{3}, std::int64_t{23},
                         std::int64_t{1000003}}) {
    const auto ha = ramp(n), hb = ramp(n, 0.002f, -1.0f), hc = ramp(n, 0.003f, 0.5f);
    auto a = cupp::asarray(ha), b = cupp::asarray(hb), c = cupp::asarray(hc);
    // example-begin fused
    cupp::ndarray<float> r = cupp::exp(a) * b + cupp::sqrt(c) - 1.0f;  // one kernel
    // example-end
    const auto got = r.get();
    for (std::int64_t i = 0; i < n; ++i) {
      const auto k = static_cast<std::size_t>(i);
      const double want = std::exp(double(ha[k])) * hb[k] + std::sqrt(double(hc[k])) - 1.0;
      ASSERT_NEAR(got[k], want, 4e-6 * (std::abs(want) + 1)) << "n=" << n << " i=" << i;
    }
  }
}

TEST_F(Elementwise, BroadcastTransposedAndNegativeStepOperands) {
  const std::int64_t rows = 67, cols = 129;
  const auto hm = ramp(rows * cols);
  const auto hrow = ramp(cols, 0.01f, 1.0f);
  auto m = cupp::asarray(hm, {rows, cols});
  auto row = cupp::asarray(hrow);
  auto t = m.T();                                                      // (cols, rows)
  auto rev = m(slice(std::nullopt, std::nullopt, -1), slice(std::nullopt, std::nullopt, -2));
  cupp::ndarray<float> r1 = m * row;                                   // (rows, cols) * (cols,)
  cupp::ndarray<float> r2 = t + 2.0f;                                  // transposed read
  cupp::ndarray<float> r3 = rev - m(slice(0, rows), slice(0, (cols + 1) / 2));
  const auto g1 = r1.get(), g2 = r2.get(), g3 = r3.get();
  for (std::int64_t i = 0; i < rows; ++i)
    for (std::int64_t j = 0; j < cols; ++j)
      ASSERT_EQ(g1[static_cast<std::size_t>(i * cols + j)],
                hm[static_cast<std::size_t>(i * cols + j)] * hrow[static_cast<std::size_t>(j)]);
  for (std::int64_t j = 0; j < cols; ++j)
    for (std::int64_t i = 0; i < rows; ++i)
      ASSERT_EQ(g2[static_cast<std::size_t>(j * rows + i)],
                hm[static_cast<std::size_t>(i * cols + j)] + 2.0f);
  const std::int64_t half = (cols + 1) / 2;
  for (std::int64_t i = 0; i < rows; ++i)
    for (std::int64_t j = 0; j < half; ++j)
      ASSERT_EQ(g3[static_cast<std::size_t>(i * half + j)],
                hm[static_cast<std::size_t>((rows - 1 - i) * cols + (cols - 1 - 2 * j))] -
                    hm[static_cast<std::size_t>(i * cols + j)]);
}

TEST_F(Elementwise, ZeroDimensionalAndEmptyOperands) {
  auto s = cupp::full<double>({}, 2.5);
  auto v = cupp::asarray<double>({1, 2, 3});
  cupp::ndarray<double> r = v * s;
  EXPECT_EQ(r.get(), (std::vector<double>{2.5, 5.0, 7.5}));
  cupp::ndarray<double> z = s * s;
  EXPECT_EQ(z.ndim(), 0);
  EXPECT_EQ(z.item(), 6.25);
  auto e = cupp::zeros<float>({3, 0, 2});
  cupp::ndarray<float> re = e + 1.0f;
  EXPECT_EQ(re.shape(), (shape_t{3, 0, 2}));
}

TEST_F(Elementwise, IntegerSemantics) {
  auto a = cupp::asarray<std::int32_t>({7, -7, 7, -7, 5, 0});
  auto b = cupp::asarray<std::int32_t>({2, 2, -2, -2, 0, 0});
  EXPECT_EQ(cupp::ndarray<std::int32_t>(cupp::floor_divide(a, b)).get(),
            (std::vector<std::int32_t>{3, -4, -4, 3, 0, 0}));
  EXPECT_EQ(cupp::ndarray<std::int32_t>(a % b).get(),
            (std::vector<std::int32_t>{1, 1, -1, -1, 0, 0}));
  EXPECT_EQ(cupp::ndarray<std::int32_t>(cupp::fmod(a, b)).get(),
            (std::vector<std::int32_t>{1, -1, 1, -1, 0, 0}));
  cupp::ndarray<double> q = a / b;  // true division of integers is float64
  EXPECT_EQ(q.item({0}), 3.5);
  EXPECT_TRUE(std::isinf(q.item({4})));
  EXPECT_TRUE(std::isnan(q.item({5})));
}

TEST_F(Elementwise, MixedRealAndComplexOperands) {
  auto f = cupp::asarray<float>({1.5f, -2.0f});
  auto c = cupp::asarray(std::vector<std::complex<float>>{{1.0f, 2.0f}, {0.5f, -1.0f}});
  cupp::ndarray<std::complex<float>> p = f * c;  // float32 cast to complex64 in the kernel
  EXPECT_EQ(p.get(), (std::vector<std::complex<float>>{{1.5f, 3.0f}, {-1.0f, 2.0f}}));
  cupp::ndarray<std::complex<double>> q = cupp::asarray<std::int32_t>({3, -4}) + c * 1.0;
  EXPECT_EQ(q.get(), (std::vector<std::complex<double>>{{4.0, 2.0}, {-3.5, -1.0}}));
}

TEST_F(Elementwise, ComparisonsGiveBool) {
  auto a = cupp::asarray<float>({1, 2, std::nanf(""), 4});
  cupp::ndarray<bool> lt = a < 2.5f;
  EXPECT_EQ(lt.get(), (std::vector<bool>{true, true, false, false}));
  cupp::ndarray<bool> nan = cupp::isnan(a) | (a == 4.0f);
  EXPECT_EQ(nan.get(), (std::vector<bool>{false, false, true, true}));
}

TEST_F(Elementwise, CompoundAssignmentWritesInPlace) {
  auto a = cupp::asarray<std::int32_t>({1, 2, 3, 4});
  const auto* p = a.data();
  a += 10;
  a *= cupp::asarray<std::int32_t>({1, 2, 3, 4});
  EXPECT_EQ(a.data(), p);
  EXPECT_EQ(a.get(), (std::vector<std::int32_t>{11, 24, 39, 56}));
  try {
    a += 1.5;
    FAIL();
  } catch (const cupp::type_error& e) {
    EXPECT_STREQ(e.what(),
                 "Cannot cast ufunc 'add' output from dtype('float64') to dtype('int32') with "
                 "casting rule 'same_kind'");
  }
  EXPECT_THROW(a += cupp::ones<std::int32_t>({2, 4}), cupp::value_error);
}

TEST_F(Elementwise, WritingIntoViewsAndOutArguments) {
  auto a = cupp::zeros<float>({4, 5});
  // example-begin setitem
  a(slice(1, 3)) = cupp::asarray<float>({1, 2, 3, 4, 5}) * 2.0f;  // broadcast into rows 1 and 2
  a(cupp::ellipsis, 0) = 9.0f;                                     // a[..., 0] = 9
  // example-end
  std::vector<float> want(20, 0.0f);
  for (int i = 1; i < 3; ++i)
    for (int j = 0; j < 5; ++j) want[static_cast<std::size_t>(i * 5 + j)] = 2.0f * (j + 1);
  for (int i = 0; i < 4; ++i) want[static_cast<std::size_t>(i * 5)] = 9.0f;
  EXPECT_EQ(a.get(), want);

  auto x = cupp::asarray<float>({1, 2, 3});
  auto out = cupp::full<double>({3}, -1.0);
  cupp::add(x, x, out);  // float32 result into float64 out: same_kind allows it
  EXPECT_EQ(out.get(), (std::vector<double>{2, 4, 6}));
  EXPECT_THROW(cupp::add(x, x, cupp::zeros<float>({4})), cupp::value_error);
  EXPECT_THROW(cupp::add(x, x, cupp::zeros<std::int32_t>({3})), cupp::type_error);
  auto b = cupp::broadcast_to(cupp::zeros<float>({3}), {2, 3});
  EXPECT_THROW(b(0) = x, cupp::value_error);
  try {
    b = x + 1.0f;  // rebinding a named handle is fine, even to a read-only view's name
  } catch (...) {
    FAIL();
  }
}

TEST_F(Elementwise, OverlappingViewsAreReadBeforeTheyAreWritten) {
  auto a = cupp::asarray<int>({0, 1, 2, 3, 4, 5, 6, 7});
  a(slice(1, std::nullopt)) = a(slice(0, -1)) + 10;  // numpy: [0, 10, 11, ..., 16]
  EXPECT_EQ(a.get(), (std::vector<int>{0, 10, 11, 12, 13, 14, 15, 16}));
  auto b = cupp::asarray<int>({0, 1, 2, 3});
  b(slice()) = b(slice(std::nullopt, std::nullopt, -1)) * 1;
  EXPECT_EQ(b.get(), (std::vector<int>{3, 2, 1, 0}));
}

TEST_F(Elementwise, AstypeConvertsAsNumPy) {
  auto f = cupp::asarray<double>({-1.7, -0.5, 0.5, 1.7, 300.0});
  EXPECT_EQ(f.astype<std::int32_t>().get(), (std::vector<std::int32_t>{-1, 0, 0, 1, 300}));
  EXPECT_EQ(f.astype<bool>().get(), (std::vector<bool>{true, true, true, true, true}));
  auto h = f.astype<cupp::float16>();
  EXPECT_EQ(static_cast<float>(h.item({1})), -0.5f);
  auto nan = cupp::asarray<float>({std::nanf("")});
  (void)nan.astype<std::int64_t>().get();  // undefined in NumPy; must not crash
}

TEST_F(Elementwise, SixtyFourBitIndexing) {
  // 2^31 + 64 uint8 elements through a step-2 view: offsets beyond 2^31 on the strided path.
  const std::int64_t n = (std::int64_t{1} << 31) + 64;
  auto big = cupp::zeros<std::uint8_t>({2 * n});
  auto v = big(slice(0, std::nullopt, 2));
  v(slice(n - 3, std::nullopt)) = std::uint8_t{7};
  cupp::ndarray<std::uint8_t> r = v + std::uint8_t{1};
  ASSERT_EQ(r.size(), n);
  EXPECT_EQ(r.item({0}), 1);
  EXPECT_EQ(r.item({n - 4}), 1);
  EXPECT_EQ(r.item({n - 1}), 8);
  EXPECT_EQ(big.item({2 * (n - 1)}), 7);
  EXPECT_EQ(big.item({2 * (n - 1) + 1}), 0);
}

}  // namespace
