// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// format_repr against NumPy 2.4's repr (bfloat16: ml_dtypes 0.6's). Each expected string is what
// NumPy printed for the array built by the Python expression in the comment above it (bf16 is
// ml_dtypes.bfloat16, nan and inf are np.nan and np.inf); the C++ builds the same values.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "cupp/core/dtype.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/detail/format.hpp"

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr float kNanF = std::numeric_limits<float>::quiet_NaN();
constexpr float kInfF = std::numeric_limits<float>::infinity();

template <class T>
std::string repr(const std::vector<T>& v, const cupp::shape_t& shape) {
  return cupp::detail::format_repr(v.data(), cupp::dtype_of<T>, shape);
}
template <class T>
std::string repr(const std::vector<T>& v) {
  return repr(v, {static_cast<std::int64_t>(v.size())});
}
template <class T>
std::string repr0(const T& v) {
  return cupp::detail::format_repr(&v, cupp::dtype_of<T>, {});
}
/// std::vector<bool> has no data(): bools are given as ints.
std::string repr_bool(const std::vector<int>& v, const cupp::shape_t& shape) {
  const std::unique_ptr<bool[]> b(new bool[v.size() + 1]);
  for (std::size_t i = 0; i < v.size(); ++i) b[i] = v[i] != 0;
  return cupp::detail::format_repr(b.get(), cupp::dtype::bool_, shape);
}
template <class T, class F>
std::vector<T> generate(std::int64_t n, F f) {
  std::vector<T> v;
  for (std::int64_t i = 0; i < n; ++i) v.push_back(static_cast<T>(f(i)));
  return v;
}

// float16 and bfloat16 from bits, rounded to nearest even as numpy.float16 and ml_dtypes do, so
// that these tests depend on nothing but the formatter.
cupp::float16 f16(double x) {
  const std::uint16_t sign = std::signbit(x) ? 0x8000 : 0;
  const double a = std::fabs(x);
  if (std::isnan(x)) return cupp::float16::from_bits(0x7e00);
  if (a >= 65520.0) return cupp::float16::from_bits(sign | 0x7c00);
  if (a < std::ldexp(1.0, -14)) {  // subnormal: a multiple of 2^-24
    return cupp::float16::from_bits(sign |
                                    static_cast<std::uint16_t>(std::nearbyint(std::ldexp(a, 24))));
  }
  int e = 0;
  double m = std::nearbyint(std::ldexp(std::frexp(a, &e), 11));  // 1024..2048
  if (m == 2048) {
    m = 1024;
    ++e;
  }
  return cupp::float16::from_bits(sign | static_cast<std::uint16_t>((e + 14) << 10) |
                                  static_cast<std::uint16_t>(m - 1024));
}
cupp::bfloat16 bf16(float x) {
  std::uint32_t u;
  std::memcpy(&u, &x, sizeof u);
  if (std::isnan(x)) return cupp::bfloat16::from_bits(0x7fc0);
  u += 0x7fff + ((u >> 16) & 1);
  return cupp::bfloat16::from_bits(static_cast<std::uint16_t>(u >> 16));
}
std::vector<cupp::float16> f16s(std::initializer_list<double> xs) {
  std::vector<cupp::float16> v;
  for (double x : xs) v.push_back(f16(x));
  return v;
}
std::vector<cupp::bfloat16> bf16s(std::initializer_list<float> xs) {
  std::vector<cupp::bfloat16> v;
  for (float x : xs) v.push_back(bf16(x));
  return v;
}

TEST(FormatDtype, Bool) {
  // NumPy: repr(np.array([True, False, True]))
  EXPECT_EQ(repr_bool({1, 0, 1}, {3}), R"(array([ True, False,  True]))");
}

TEST(FormatDtype, Int8) {
  // NumPy: repr(np.array([-128, 0, 127], dtype=np.int8))
  EXPECT_EQ(repr<std::int8_t>({-128, 0, 127}), R"(array([-128,    0,  127], dtype=int8))");
}

TEST(FormatDtype, Int16) {
  // NumPy: repr(np.array([-32768, 7, 32767], dtype=np.int16))
  EXPECT_EQ(repr<std::int16_t>({-32768, 7, 32767}),
            R"(array([-32768,      7,  32767], dtype=int16))");
}

TEST(FormatDtype, Int32) {
  // NumPy: repr(np.array([-2147483648, 0, 2147483647], dtype=np.int32))
  EXPECT_EQ(repr<std::int32_t>({std::numeric_limits<std::int32_t>::min(), 0, 2147483647}),
            R"(array([-2147483648,           0,  2147483647], dtype=int32))");
}

TEST(FormatDtype, Int64IsImplied) {
  // NumPy: repr(np.array([1, 2, 3]))
  EXPECT_EQ(repr<std::int64_t>({1, 2, 3}), R"(array([1, 2, 3]))");
}

TEST(FormatDtype, Uint8) {
  // NumPy: repr(np.array([0, 1, 255], dtype=np.uint8))
  EXPECT_EQ(repr<std::uint8_t>({0, 1, 255}), R"(array([  0,   1, 255], dtype=uint8))");
}

TEST(FormatDtype, Uint16) {
  // NumPy: repr(np.array([0, 65535], dtype=np.uint16))
  EXPECT_EQ(repr<std::uint16_t>({0, 65535}), R"(array([    0, 65535], dtype=uint16))");
}

TEST(FormatDtype, Uint32) {
  // NumPy: repr(np.array([4294967295, 1], dtype=np.uint32))
  EXPECT_EQ(repr<std::uint32_t>({4294967295u, 1}),
            R"(array([4294967295,          1], dtype=uint32))");
}

TEST(FormatDtype, Uint64) {
  // NumPy: repr(np.array([0, 18446744073709551615], dtype=np.uint64))
  EXPECT_EQ(repr<std::uint64_t>({0, std::numeric_limits<std::uint64_t>::max()}),
            R"(array([                   0, 18446744073709551615], dtype=uint64))");
}

TEST(FormatDtype, Float16) {
  // NumPy: repr(np.array([1, 2.5], dtype=np.float16))
  EXPECT_EQ(repr(f16s({1, 2.5})), R"(array([1. , 2.5], dtype=float16))");
}

TEST(FormatDtype, Bfloat16) {
  // NumPy: repr(np.array([1, 2.5], dtype=bf16))
  EXPECT_EQ(repr(bf16s({1, 2.5f})), R"(array([1, 2.5], dtype=bfloat16))");
}

TEST(FormatDtype, Float32) {
  // NumPy: repr(np.array([1, 2], dtype=np.float32))
  EXPECT_EQ(repr<float>({1, 2}), R"(array([1., 2.], dtype=float32))");
}

TEST(FormatDtype, Float64IsImplied) {
  // NumPy: repr(np.array([1., 2.]))
  EXPECT_EQ(repr<double>({1, 2}), R"(array([1., 2.]))");
}

TEST(FormatDtype, Complex64) {
  // NumPy: repr(np.array([1+2j, 3-4j], dtype=np.complex64))
  EXPECT_EQ(repr<std::complex<float>>({{1, 2}, {3, -4}}),
            R"(array([1.+2.j, 3.-4.j], dtype=complex64))");
}

TEST(FormatDtype, Complex128IsImplied) {
  // NumPy: repr(np.array([1+2j, 3-4j]))
  EXPECT_EQ(repr<std::complex<double>>({{1, 2}, {3, -4}}), R"(array([1.+2.j, 3.-4.j]))");
}

TEST(FormatZeroD, Float64) {
  // NumPy: repr(np.array(3.))
  EXPECT_EQ(repr0(3.0), R"(array(3.))");
}

TEST(FormatZeroD, Int8) {
  // NumPy: repr(np.array(1, dtype=np.int8))
  EXPECT_EQ(repr0(std::int8_t{1}), R"(array(1, dtype=int8))");
}

TEST(FormatZeroD, Int64) {
  // NumPy: repr(np.array(-42))
  EXPECT_EQ(repr0(std::int64_t{-42}), R"(array(-42))");
}

TEST(FormatZeroD, Uint64Max) {
  // NumPy: repr(np.array(18446744073709551615, dtype=np.uint64))
  EXPECT_EQ(repr0(std::numeric_limits<std::uint64_t>::max()),
            R"(array(18446744073709551615, dtype=uint64))");
}

TEST(FormatZeroD, Float32) {
  // NumPy: repr(np.array(0.1, dtype=np.float32))
  EXPECT_EQ(repr0(0.1f), R"(array(0.1, dtype=float32))");
}

TEST(FormatZeroD, Float64Scientific) {
  // NumPy: repr(np.array(1e-10))
  EXPECT_EQ(repr0(1e-10), R"(array(1.e-10))");
}

TEST(FormatZeroD, Nan) {
  // NumPy: repr(np.array(nan))
  EXPECT_EQ(repr0(kNan), R"(array(nan))");
}

TEST(FormatZeroD, NegativeInf) {
  // NumPy: repr(np.array(-inf, dtype=np.float32))
  EXPECT_EQ(repr0(-kInfF), R"(array(-inf, dtype=float32))");
}

TEST(FormatZeroD, BoolHasNoPadding) {
  // NumPy: repr(np.array(True))
  EXPECT_EQ(repr_bool({1}, {}), R"(array(True))");
}

TEST(FormatZeroD, Complex128) {
  // NumPy: repr(np.array(1-2j))
  EXPECT_EQ(repr0(std::complex<double>(1, -2)), R"(array(1.-2.j))");
}

TEST(FormatZeroD, Float16) {
  // NumPy: repr(np.array(0.1, dtype=np.float16))
  EXPECT_EQ(repr0(f16(0.1)), R"(array(0.1, dtype=float16))");
}

TEST(FormatZeroD, Bfloat16) {
  // NumPy: repr(np.array(2.5, dtype=bf16))
  EXPECT_EQ(repr0(bf16(2.5f)), R"(array(2.5, dtype=bfloat16))");
}

TEST(FormatEmpty, Float64) {
  // NumPy: repr(np.zeros((0,)))
  EXPECT_EQ(repr<double>({}), R"(array([], dtype=float64))");
}

TEST(FormatEmpty, Float32) {
  // NumPy: repr(np.zeros((0,), dtype=np.float32))
  EXPECT_EQ(repr<float>({}), R"(array([], dtype=float32))");
}

TEST(FormatEmpty, Int64NamesItsDtype) {
  // NumPy: repr(np.zeros((0,), dtype=np.int64))
  EXPECT_EQ(repr<std::int64_t>({}), R"(array([], dtype=int64))");
}

TEST(FormatEmpty, MultiDimNamesItsShape) {
  // NumPy: repr(np.zeros((3, 0, 2)))
  EXPECT_EQ(repr<double>({}, {3, 0, 2}), R"(array([], shape=(3, 0, 2), dtype=float64))");
}

TEST(FormatEmpty, BoolTwoDims) {
  // NumPy: repr(np.zeros((0, 3), dtype=bool))
  EXPECT_EQ(repr_bool({}, {0, 3}), R"(array([], shape=(0, 3), dtype=bool))");
}

TEST(FormatEmpty, Bfloat16) {
  // NumPy: repr(np.zeros((0,), dtype=bf16))
  EXPECT_EQ(repr(std::vector<cupp::bfloat16>{}), R"(array([], dtype=bfloat16))");
}

TEST(FormatEmpty, Complex64) {
  // NumPy: repr(np.zeros((2, 0), dtype=np.complex64))
  EXPECT_EQ(repr<std::complex<float>>({}, {2, 0}), R"(array([], shape=(2, 0), dtype=complex64))");
}

TEST(FormatFloat, IntegralValuesKeepThePoint) {
  // NumPy: repr(np.array([1., 2., 3.]))
  EXPECT_EQ(repr<double>({1, 2, 3}), R"(array([1., 2., 3.]))");
}

TEST(FormatFloat, PaddedToAlignThePoints) {
  // NumPy: repr(np.array([1., 2.5, -30.25]))
  EXPECT_EQ(repr<double>({1, 2.5, -30.25}), R"(array([  1.  ,   2.5 , -30.25]))");
}

TEST(FormatFloat, PrecisionEightAfterThePoint) {
  // NumPy: repr(np.array([1/3, 2/3, 10.]))
  EXPECT_EQ(repr<double>({1 / 3.0, 2 / 3.0, 10}),
            R"(array([ 0.33333333,  0.66666667, 10.        ]))");
}

TEST(FormatFloat, ShortestDigitsFloat32) {
  // NumPy: repr(np.array([0.1, 0.2, 0.3], dtype=np.float32))
  EXPECT_EQ(repr<float>({0.1f, 0.2f, 0.3f}), R"(array([0.1, 0.2, 0.3], dtype=float32))");
}

TEST(FormatFloat, ShortestDigitsFloat64) {
  // NumPy: repr(np.array([0.1, 0.2, 0.1 + 0.2]))
  EXPECT_EQ(repr<double>({0.1, 0.2, 0.1 + 0.2}), R"(array([0.1, 0.2, 0.3]))");
}

TEST(FormatFloat, MixedMagnitudesGoScientific) {
  // NumPy: repr(np.array([1e-5, 1., 1e5]))
  EXPECT_EQ(repr<double>({1e-5, 1, 1e5}), R"(array([1.e-05, 1.e+00, 1.e+05]))");
}

TEST(FormatFloat, RatioOfExactlyAThousandStaysPositional) {
  // NumPy: repr(np.array([1., 1000.]))
  EXPECT_EQ(repr<double>({1, 1000}), R"(array([   1., 1000.]))");
}

TEST(FormatFloat, RatioAboveAThousandGoesScientific) {
  // NumPy: repr(np.array([0.5, 1000.]))
  EXPECT_EQ(repr<double>({0.5, 1000}), R"(array([5.e-01, 1.e+03]))");
}

TEST(FormatFloat, Float64From1e8IsScientific) {
  // NumPy: repr(np.array([1e8, 1.]))
  EXPECT_EQ(repr<double>({1e8, 1}), R"(array([1.e+08, 1.e+00]))");
}

TEST(FormatFloat, Float64Below1e8IsPositional) {
  // NumPy: repr(np.array([99999999.]))
  EXPECT_EQ(repr<double>({99999999.0}), R"(array([99999999.]))");
}

TEST(FormatFloat, Float32From1e6IsScientific) {
  // NumPy: repr(np.array([1e6], dtype=np.float32))
  EXPECT_EQ(repr<float>({1e6f}), R"(array([1.e+06], dtype=float32))");
}

TEST(FormatFloat, SmallValuesGoScientific) {
  // NumPy: repr(np.array([1e-5, 2e-5]))
  EXPECT_EQ(repr<double>({1e-5, 2e-5}), R"(array([1.e-05, 2.e-05]))");
}

TEST(FormatFloat, TenToTheMinusFourIsPositional) {
  // NumPy: repr(np.array([1e-4, 5e-4]))
  EXPECT_EQ(repr<double>({1e-4, 5e-4}), R"(array([0.0001, 0.0005]))");
}

TEST(FormatFloat, NegativeZero) {
  // NumPy: repr(np.array([-0., 0., 1.5]))
  EXPECT_EQ(repr<double>({-0.0, 0.0, 1.5}), R"(array([-0. ,  0. ,  1.5]))");
}

TEST(FormatFloat, NanAndInf) {
  // NumPy: repr(np.array([nan, inf, -inf, 1.5]))
  EXPECT_EQ(repr<double>({kNan, kInf, -kInf, 1.5}), R"(array([ nan,  inf, -inf,  1.5]))");
}

TEST(FormatFloat, OnlyNonFinite) {
  // NumPy: repr(np.array([nan, -inf], dtype=np.float32))
  EXPECT_EQ(repr<float>({kNanF, -kInfF}), R"(array([ nan, -inf], dtype=float32))");
}

TEST(FormatFloat, NanWidensThePadding) {
  // NumPy: repr(np.array([nan, 1., 2.]))
  EXPECT_EQ(repr<double>({kNan, 1, 2}), R"(array([nan,  1.,  2.]))");
}

TEST(FormatFloat, ThreeDigitExponents) {
  // NumPy: repr(np.array([5e-324, 1e300, -1.5]))
  EXPECT_EQ(repr<double>({5e-324, 1e300, -1.5}), R"(array([ 4.9e-324,  1.0e+300, -1.5e+000]))");
}

TEST(FormatFloat, Float32ExactDigitsPastTheShortest) {
  // NumPy: repr(np.array([0.1, 1.00945166e+18], dtype=np.float32))
  EXPECT_EQ(repr<float>({0.1f, 1.00945166e+18f}),
            R"(array([1.00000001e-01, 1.00945166e+18], dtype=float32))");
}

TEST(FormatFloat, Float32LargestAndSmallest) {
  // NumPy: repr(np.array([3.4028235e+38, 1e-45], dtype=np.float32))
  EXPECT_EQ(
      repr<float>({std::numeric_limits<float>::max(), std::numeric_limits<float>::denorm_min()}),
      R"(array([3.4028235e+38, 1.4012985e-45], dtype=float32))");
}

TEST(FormatFloat, Float16ShortestDigits) {
  // NumPy: repr(np.array([0.1, 0.2, 0.3], dtype=np.float16))
  EXPECT_EQ(repr(f16s({0.1, 0.2, 0.3})), R"(array([0.1, 0.2, 0.3], dtype=float16))");
}

TEST(FormatFloat, Float16Largest) {
  // NumPy: repr(np.array([0.1, 65504], dtype=np.float16))
  EXPECT_EQ(repr(f16s({0.1, 65504})), R"(array([1.00e-01, 6.55e+04], dtype=float16))");
}

TEST(FormatFloat, Float16From1e3IsScientific) {
  // NumPy: repr(np.array([1000., 1.], dtype=np.float16))
  EXPECT_EQ(repr(f16s({1000, 1})), R"(array([1.e+03, 1.e+00], dtype=float16))");
}

TEST(FormatFloat, Float16Below1e3IsPositional) {
  // NumPy: repr(np.array([999., 0.5], dtype=np.float16))
  EXPECT_EQ(repr(f16s({999, 0.5})), R"(array([9.99e+02, 5.00e-01], dtype=float16))");
}

TEST(FormatFloat, Float16SubnormalAndNonFinite) {
  // NumPy: repr(np.array([6e-08, -inf, nan], dtype=np.float16))
  EXPECT_EQ(repr(f16s({6e-08, -kInf, kNan})), R"(array([6.e-08,   -inf,    nan], dtype=float16))");
}

TEST(FormatFloat, Float16Roundings) {
  // NumPy: repr(np.array([1/3, 3.14159, -2.71828, 100.1], dtype=np.float16))
  EXPECT_EQ(repr(f16s({1 / 3.0, 3.14159, -2.71828, 100.1})),
            R"(array([  0.3333,   3.14  ,  -2.719 , 100.1   ], dtype=float16))");
}

TEST(FormatFloat, Bfloat16PrintsEachElementOnItsOwn) {
  // NumPy: repr(np.array(np.array([1, 2.5, 0.1, 100, -3, 1e10, nan, -inf], dtype=np.float32),
  // dtype=bf16))
  EXPECT_EQ(repr(bf16s({1, 2.5f, 0.1f, 100, -3, 1e10f, kNanF, -kInfF})),
            R"(array([1, 2.5, 0.100098, 100, -3, 9.99922e+09, nan, -inf], dtype=bfloat16))");
}

TEST(FormatFloat, Bfloat16SmallAndNegativeZero) {
  // NumPy: repr(np.array(np.array([-0., 1e-5, 123456., 0.3], dtype=np.float32), dtype=bf16))
  EXPECT_EQ(repr(bf16s({-0.0f, 1e-5f, 123456.f, 0.3f})),
            R"(array([-0, 1.00136e-05, 123392, 0.300781], dtype=bfloat16))");
}

TEST(FormatInt, RightAlignedToTheWidest) {
  // NumPy: repr(np.array([1, -10, 100]))
  EXPECT_EQ(repr<std::int64_t>({1, -10, 100}), R"(array([  1, -10, 100]))");
}

TEST(FormatInt, Int64Extremes) {
  // NumPy: repr(np.array([-9223372036854775808, 0, 9223372036854775807]))
  EXPECT_EQ(repr<std::int64_t>({std::numeric_limits<std::int64_t>::min(), 0,
                                std::numeric_limits<std::int64_t>::max()}),
            R"(array([-9223372036854775808,                    0,  9223372036854775807]))");
}

TEST(FormatInt, LargeValuesWrap) {
  // NumPy: repr(np.array([10**15 + i for i in range(8)]))
  EXPECT_EQ(repr(generate<std::int64_t>(8, [](std::int64_t i) { return 1000000000000000 + i; })),
            R"(array([1000000000000000, 1000000000000001, 1000000000000002,
       1000000000000003, 1000000000000004, 1000000000000005,
       1000000000000006, 1000000000000007]))");
}

TEST(FormatInt, Uint64MaxTwoDims) {
  // NumPy: repr(np.array([[18446744073709551615, 0], [1, 2]], dtype=np.uint64))
  EXPECT_EQ(repr<std::uint64_t>({std::numeric_limits<std::uint64_t>::max(), 0, 1, 2}, {2, 2}),
            R"(array([[18446744073709551615,                    0],
       [                   1,                    2]], dtype=uint64))");
}

TEST(FormatInt, BoolsTwoDims) {
  // NumPy: repr(np.array([[True, False], [False, True]]))
  EXPECT_EQ(repr_bool({1, 0, 0, 1}, {2, 2}),
            R"(array([[ True, False],
       [False,  True]]))");
}

TEST(FormatInt, BoolsWrap) {
  // NumPy: repr(np.array([i % 3 == 0 for i in range(20)]))
  EXPECT_EQ(repr_bool(generate<int>(20, [](std::int64_t i) { return i % 3 == 0; }), {20}),
            R"(array([ True, False, False,  True, False, False,  True, False, False,
        True, False, False,  True, False, False,  True, False, False,
        True, False]))");
}

TEST(FormatComplex, RealAndImaginaryAlignSeparately) {
  // NumPy: repr(np.array([1+2j, 3.5-4j, -10+0.25j]))
  EXPECT_EQ(repr<std::complex<double>>({{1, 2}, {3.5, -4}, {-10, 0.25}}),
            R"(array([  1. +2.j  ,   3.5-4.j  , -10. +0.25j]))");
}

TEST(FormatComplex, JBeforeThePadding) {
  // NumPy: repr(np.array([1+2j, 3+0.5j]))
  EXPECT_EQ(repr<std::complex<double>>({{1, 2}, {3, 0.5}}), R"(array([1.+2.j , 3.+0.5j]))");
}

TEST(FormatComplex, NegativeImaginaryZero) {
  // NumPy: repr(np.array([complex(0., -0.), 1j]))
  EXPECT_EQ(repr<std::complex<double>>({{0, -0.0}, {0, 1}}), R"(array([0.-0.j, 0.+1.j]))");
}

TEST(FormatComplex, Nan) {
  // NumPy: repr(np.array([complex(nan, nan), 1+1j, complex(1, nan)], dtype=np.complex64))
  EXPECT_EQ(repr<std::complex<float>>({{kNanF, kNanF}, {1, 1}, {1, kNanF}}),
            R"(array([nan+nanj,  1. +1.j,  1.+nanj], dtype=complex64))");
}

TEST(FormatComplex, Inf) {
  // NumPy: repr(np.array([complex(inf, -inf), complex(-inf, inf), 1-1j]))
  EXPECT_EQ(repr<std::complex<double>>({{kInf, -kInf}, {-kInf, kInf}, {1, -1}}),
            R"(array([ inf-infj, -inf+infj,   1. -1.j]))");
}

TEST(FormatComplex, OnlyNonFinite) {
  // NumPy: repr(np.array([complex(nan, nan), complex(inf, -inf)]))
  EXPECT_EQ(repr<std::complex<double>>({{kNan, kNan}, {kInf, -kInf}}),
            R"(array([nan+nanj, inf-infj]))");
}

TEST(FormatComplex, Scientific) {
  // NumPy: repr(np.array([-1e-5+1e5j, 1j, 2.5-3e-3j]))
  EXPECT_EQ(repr<std::complex<double>>({{-1e-5, 1e5}, {0, 1}, {2.5, -3e-3}}),
            R"(array([-1.0e-05+1.e+05j,  0.0e+00+1.e+00j,  2.5e+00-3.e-03j]))");
}

TEST(FormatComplex, Complex64Digits) {
  // NumPy: repr(np.array([0.1+0.2j, complex(1/3, -2/3)], dtype=np.complex64))
  EXPECT_EQ(repr<std::complex<float>>(
                {{0.1f, 0.2f}, {static_cast<float>(1 / 3.0), static_cast<float>(-2 / 3.0)}}),
            R"(array([0.1       +0.2j      , 0.33333334-0.6666667j], dtype=complex64))");
}

TEST(FormatComplex, TwoDimsWrap) {
  // NumPy: repr(np.array([[complex(i, -i / 4) for i in range(8)] for _ in range(2)],
  // dtype=np.complex64))
  EXPECT_EQ(
      repr(generate<std::complex<float>>(
               16, [](std::int64_t i) { return std::complex<float>(i % 8, -(i % 8) / 4.0f); }),
           {2, 8}),
      R"(array([[0.+0.j  , 1.-0.25j, 2.-0.5j , 3.-0.75j, 4.-1.j  , 5.-1.25j,
        6.-1.5j , 7.-1.75j],
       [0.+0.j  , 1.-0.25j, 2.-0.5j , 3.-0.75j, 4.-1.j  , 5.-1.25j,
        6.-1.5j , 7.-1.75j]], dtype=complex64))");
}

TEST(FormatLayout, OneDimWraps) {
  // NumPy: repr(np.arange(30.))
  EXPECT_EQ(repr(generate<double>(30, [](std::int64_t i) { return i; })),
            R"(array([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12.,
       13., 14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25.,
       26., 27., 28., 29.]))");
}

TEST(FormatLayout, OneDimIntWraps) {
  // NumPy: repr(np.arange(40, dtype=np.int16) * 997)
  EXPECT_EQ(repr(generate<std::int16_t>(40, [](std::int64_t i) { return i * 997; })),
            R"(array([     0,    997,   1994,   2991,   3988,   4985,   5982,   6979,
         7976,   8973,   9970,  10967,  11964,  12961,  13958,  14955,
        15952,  16949,  17946,  18943,  19940,  20937,  21934,  22931,
        23928,  24925,  25922,  26919,  27916,  28913,  29910,  30907,
        31904, -32635, -31638, -30641, -29644, -28647, -27650, -26653],
      dtype=int16))");
}

TEST(FormatLayout, TwoDimsFloat32) {
  // NumPy: repr(np.array([[1, 2.5], [-3, 4]], dtype=np.float32))
  EXPECT_EQ(repr<float>({1, 2.5f, -3, 4}, {2, 2}),
            R"(array([[ 1. ,  2.5],
       [-3. ,  4. ]], dtype=float32))");
}

TEST(FormatLayout, TwoDims) {
  // NumPy: repr(np.arange(12.).reshape(3, 4))
  EXPECT_EQ(repr(generate<double>(12, [](std::int64_t i) { return i; }), {3, 4}),
            R"(array([[ 0.,  1.,  2.,  3.],
       [ 4.,  5.,  6.,  7.],
       [ 8.,  9., 10., 11.]]))");
}

TEST(FormatLayout, TwoDimsRowsWrap) {
  // NumPy: repr((np.arange(40, dtype=np.float32) / 7).reshape(2, 20))
  EXPECT_EQ(repr(generate<float>(40, [](std::int64_t i) { return static_cast<float>(i / 7.0); }),
                 {2, 20}),
            R"(array([[0.        , 0.14285715, 0.2857143 , 0.42857143, 0.5714286 ,
        0.71428573, 0.85714287, 1.        , 1.1428572 , 1.2857143 ,
        1.4285715 , 1.5714285 , 1.7142857 , 1.8571428 , 2.        ,
        2.142857  , 2.2857144 , 2.4285715 , 2.5714285 , 2.7142856 ],
       [2.857143  , 3.        , 3.142857  , 3.2857144 , 3.4285715 ,
        3.5714285 , 3.7142856 , 3.857143  , 4.        , 4.142857  ,
        4.285714  , 4.428571  , 4.571429  , 4.714286  , 4.857143  ,
        5.        , 5.142857  , 5.285714  , 5.428571  , 5.571429  ]],
      dtype=float32))");
}

TEST(FormatLayout, ThreeDimsBlankLineBetweenBlocks) {
  // NumPy: repr(np.arange(24, dtype=np.int32).reshape(2, 3, 4))
  EXPECT_EQ(repr(generate<std::int32_t>(24, [](std::int64_t i) { return i; }), {2, 3, 4}),
            R"(array([[[ 0,  1,  2,  3],
        [ 4,  5,  6,  7],
        [ 8,  9, 10, 11]],

       [[12, 13, 14, 15],
        [16, 17, 18, 19],
        [20, 21, 22, 23]]], dtype=int32))");
}

TEST(FormatLayout, FourDimsTwoBlankLines) {
  // NumPy: repr(np.arange(16.).reshape(2, 2, 2, 2) - 8)
  EXPECT_EQ(repr(generate<double>(16, [](std::int64_t i) { return i - 8; }), {2, 2, 2, 2}),
            R"(array([[[[-8., -7.],
         [-6., -5.]],

        [[-4., -3.],
         [-2., -1.]]],


       [[[ 0.,  1.],
         [ 2.,  3.]],

        [[ 4.,  5.],
         [ 6.,  7.]]]]))");
}

TEST(FormatLayout, SingletonDims) {
  // NumPy: repr(np.array([[[1.5]]]))
  EXPECT_EQ(repr<double>({1.5}, {1, 1, 1}), R"(array([[[1.5]]]))");
}

TEST(FormatLayout, DtypeMovesToItsOwnLine) {
  // NumPy: repr(np.arange(17, dtype=np.float32) + 0.5)
  EXPECT_EQ(repr(generate<float>(17, [](std::int64_t i) { return i + 0.5f; })),
            R"(array([ 0.5,  1.5,  2.5,  3.5,  4.5,  5.5,  6.5,  7.5,  8.5,  9.5, 10.5,
       11.5, 12.5, 13.5, 14.5, 15.5, 16.5], dtype=float32))");
}

TEST(FormatLayout, DtypeStaysWhenItFits) {
  // NumPy: repr(np.arange(16, dtype=np.float32) + 0.5)
  EXPECT_EQ(repr(generate<float>(16, [](std::int64_t i) { return i + 0.5f; })),
            R"(array([ 0.5,  1.5,  2.5,  3.5,  4.5,  5.5,  6.5,  7.5,  8.5,  9.5, 10.5,
       11.5, 12.5, 13.5, 14.5, 15.5], dtype=float32))");
}

TEST(FormatLayout, Bfloat16TwoDims) {
  // NumPy: repr(np.arange(30, dtype=np.float32).astype(bf16).reshape(5, 6))
  EXPECT_EQ(repr(generate<cupp::bfloat16>(30, [](std::int64_t i) { return bf16(i); }), {5, 6}),
            R"(array([[0, 1, 2, 3, 4, 5],
       [6, 7, 8, 9, 10, 11],
       [12, 13, 14, 15, 16, 17],
       [18, 19, 20, 21, 22, 23],
       [24, 25, 26, 27, 28, 29]], dtype=bfloat16))");
}

TEST(FormatSummary, OneDimFloat) {
  // NumPy: repr(np.arange(2000.))
  EXPECT_EQ(repr(generate<double>(2000, [](std::int64_t i) { return i; })),
            R"(array([0.000e+00, 1.000e+00, 2.000e+00, ..., 1.997e+03, 1.998e+03,
       1.999e+03], shape=(2000,)))");
}

TEST(FormatSummary, OneDimInt) {
  // NumPy: repr(np.arange(2000) - 1000)
  EXPECT_EQ(repr(generate<std::int64_t>(2000, [](std::int64_t i) { return i - 1000; })),
            R"(array([-1000,  -999,  -998, ...,   997,   998,   999], shape=(2000,)))");
}

TEST(FormatSummary, OneDimFloat32FormatsOnlyWhatIsShown) {
  // NumPy: repr(np.arange(1001, dtype=np.float32) / 4)
  EXPECT_EQ(repr(generate<float>(1001, [](std::int64_t i) { return i / 4.0f; })),
            R"(array([  0.  ,   0.25,   0.5 , ..., 249.5 , 249.75, 250.  ],
      shape=(1001,), dtype=float32))");
}

TEST(FormatSummary, TwoDims) {
  // NumPy: repr(np.arange(10000.).reshape(100, 100))
  EXPECT_EQ(repr(generate<double>(10000, [](std::int64_t i) { return i; }), {100, 100}),
            R"(array([[0.000e+00, 1.000e+00, 2.000e+00, ..., 9.700e+01, 9.800e+01,
        9.900e+01],
       [1.000e+02, 1.010e+02, 1.020e+02, ..., 1.970e+02, 1.980e+02,
        1.990e+02],
       [2.000e+02, 2.010e+02, 2.020e+02, ..., 2.970e+02, 2.980e+02,
        2.990e+02],
       ...,
       [9.700e+03, 9.701e+03, 9.702e+03, ..., 9.797e+03, 9.798e+03,
        9.799e+03],
       [9.800e+03, 9.801e+03, 9.802e+03, ..., 9.897e+03, 9.898e+03,
        9.899e+03],
       [9.900e+03, 9.901e+03, 9.902e+03, ..., 9.997e+03, 9.998e+03,
        9.999e+03]], shape=(100, 100)))");
}

TEST(FormatSummary, TwoDimsShortRowsKept) {
  // NumPy: repr(np.arange(2002, dtype=np.int32).reshape(2, 1001))
  EXPECT_EQ(repr(generate<std::int32_t>(2002, [](std::int64_t i) { return i; }), {2, 1001}),
            R"(array([[   0,    1,    2, ...,  998,  999, 1000],
       [1001, 1002, 1003, ..., 1999, 2000, 2001]],
      shape=(2, 1001), dtype=int32))");
}

TEST(FormatSummary, ThreeDims) {
  // NumPy: repr(np.arange(1100, dtype=np.int16).reshape(10, 10, 11))
  EXPECT_EQ(repr(generate<std::int16_t>(1100, [](std::int64_t i) { return i; }), {10, 10, 11}),
            R"(array([[[   0,    1,    2, ...,    8,    9,   10],
        [  11,   12,   13, ...,   19,   20,   21],
        [  22,   23,   24, ...,   30,   31,   32],
        ...,
        [  77,   78,   79, ...,   85,   86,   87],
        [  88,   89,   90, ...,   96,   97,   98],
        [  99,  100,  101, ...,  107,  108,  109]],

       [[ 110,  111,  112, ...,  118,  119,  120],
        [ 121,  122,  123, ...,  129,  130,  131],
        [ 132,  133,  134, ...,  140,  141,  142],
        ...,
        [ 187,  188,  189, ...,  195,  196,  197],
        [ 198,  199,  200, ...,  206,  207,  208],
        [ 209,  210,  211, ...,  217,  218,  219]],

       [[ 220,  221,  222, ...,  228,  229,  230],
        [ 231,  232,  233, ...,  239,  240,  241],
        [ 242,  243,  244, ...,  250,  251,  252],
        ...,
        [ 297,  298,  299, ...,  305,  306,  307],
        [ 308,  309,  310, ...,  316,  317,  318],
        [ 319,  320,  321, ...,  327,  328,  329]],

       ...,

       [[ 770,  771,  772, ...,  778,  779,  780],
        [ 781,  782,  783, ...,  789,  790,  791],
        [ 792,  793,  794, ...,  800,  801,  802],
        ...,
        [ 847,  848,  849, ...,  855,  856,  857],
        [ 858,  859,  860, ...,  866,  867,  868],
        [ 869,  870,  871, ...,  877,  878,  879]],

       [[ 880,  881,  882, ...,  888,  889,  890],
        [ 891,  892,  893, ...,  899,  900,  901],
        [ 902,  903,  904, ...,  910,  911,  912],
        ...,
        [ 957,  958,  959, ...,  965,  966,  967],
        [ 968,  969,  970, ...,  976,  977,  978],
        [ 979,  980,  981, ...,  987,  988,  989]],

       [[ 990,  991,  992, ...,  998,  999, 1000],
        [1001, 1002, 1003, ..., 1009, 1010, 1011],
        [1012, 1013, 1014, ..., 1020, 1021, 1022],
        ...,
        [1067, 1068, 1069, ..., 1075, 1076, 1077],
        [1078, 1079, 1080, ..., 1086, 1087, 1088],
        [1089, 1090, 1091, ..., 1097, 1098, 1099]]],
      shape=(10, 10, 11), dtype=int16))");
}

TEST(FormatSummary, FourDims) {
  // NumPy: repr((np.arange(2560.) / 8).reshape(4, 4, 8, 20))
  EXPECT_EQ(repr(generate<double>(2560, [](std::int64_t i) { return i / 8.0; }), {4, 4, 8, 20}),
            R"(array([[[[0.00000e+00, 1.25000e-01, 2.50000e-01, ..., 2.12500e+00,
          2.25000e+00, 2.37500e+00],
         [2.50000e+00, 2.62500e+00, 2.75000e+00, ..., 4.62500e+00,
          4.75000e+00, 4.87500e+00],
         [5.00000e+00, 5.12500e+00, 5.25000e+00, ..., 7.12500e+00,
          7.25000e+00, 7.37500e+00],
         ...,
         [1.25000e+01, 1.26250e+01, 1.27500e+01, ..., 1.46250e+01,
          1.47500e+01, 1.48750e+01],
         [1.50000e+01, 1.51250e+01, 1.52500e+01, ..., 1.71250e+01,
          1.72500e+01, 1.73750e+01],
         [1.75000e+01, 1.76250e+01, 1.77500e+01, ..., 1.96250e+01,
          1.97500e+01, 1.98750e+01]],

        [[2.00000e+01, 2.01250e+01, 2.02500e+01, ..., 2.21250e+01,
          2.22500e+01, 2.23750e+01],
         [2.25000e+01, 2.26250e+01, 2.27500e+01, ..., 2.46250e+01,
          2.47500e+01, 2.48750e+01],
         [2.50000e+01, 2.51250e+01, 2.52500e+01, ..., 2.71250e+01,
          2.72500e+01, 2.73750e+01],
         ...,
         [3.25000e+01, 3.26250e+01, 3.27500e+01, ..., 3.46250e+01,
          3.47500e+01, 3.48750e+01],
         [3.50000e+01, 3.51250e+01, 3.52500e+01, ..., 3.71250e+01,
          3.72500e+01, 3.73750e+01],
         [3.75000e+01, 3.76250e+01, 3.77500e+01, ..., 3.96250e+01,
          3.97500e+01, 3.98750e+01]],

        [[4.00000e+01, 4.01250e+01, 4.02500e+01, ..., 4.21250e+01,
          4.22500e+01, 4.23750e+01],
         [4.25000e+01, 4.26250e+01, 4.27500e+01, ..., 4.46250e+01,
          4.47500e+01, 4.48750e+01],
         [4.50000e+01, 4.51250e+01, 4.52500e+01, ..., 4.71250e+01,
          4.72500e+01, 4.73750e+01],
         ...,
         [5.25000e+01, 5.26250e+01, 5.27500e+01, ..., 5.46250e+01,
          5.47500e+01, 5.48750e+01],
         [5.50000e+01, 5.51250e+01, 5.52500e+01, ..., 5.71250e+01,
          5.72500e+01, 5.73750e+01],
         [5.75000e+01, 5.76250e+01, 5.77500e+01, ..., 5.96250e+01,
          5.97500e+01, 5.98750e+01]],

        [[6.00000e+01, 6.01250e+01, 6.02500e+01, ..., 6.21250e+01,
          6.22500e+01, 6.23750e+01],
         [6.25000e+01, 6.26250e+01, 6.27500e+01, ..., 6.46250e+01,
          6.47500e+01, 6.48750e+01],
         [6.50000e+01, 6.51250e+01, 6.52500e+01, ..., 6.71250e+01,
          6.72500e+01, 6.73750e+01],
         ...,
         [7.25000e+01, 7.26250e+01, 7.27500e+01, ..., 7.46250e+01,
          7.47500e+01, 7.48750e+01],
         [7.50000e+01, 7.51250e+01, 7.52500e+01, ..., 7.71250e+01,
          7.72500e+01, 7.73750e+01],
         [7.75000e+01, 7.76250e+01, 7.77500e+01, ..., 7.96250e+01,
          7.97500e+01, 7.98750e+01]]],


       [[[8.00000e+01, 8.01250e+01, 8.02500e+01, ..., 8.21250e+01,
          8.22500e+01, 8.23750e+01],
         [8.25000e+01, 8.26250e+01, 8.27500e+01, ..., 8.46250e+01,
          8.47500e+01, 8.48750e+01],
         [8.50000e+01, 8.51250e+01, 8.52500e+01, ..., 8.71250e+01,
          8.72500e+01, 8.73750e+01],
         ...,
         [9.25000e+01, 9.26250e+01, 9.27500e+01, ..., 9.46250e+01,
          9.47500e+01, 9.48750e+01],
         [9.50000e+01, 9.51250e+01, 9.52500e+01, ..., 9.71250e+01,
          9.72500e+01, 9.73750e+01],
         [9.75000e+01, 9.76250e+01, 9.77500e+01, ..., 9.96250e+01,
          9.97500e+01, 9.98750e+01]],

        [[1.00000e+02, 1.00125e+02, 1.00250e+02, ..., 1.02125e+02,
          1.02250e+02, 1.02375e+02],
         [1.02500e+02, 1.02625e+02, 1.02750e+02, ..., 1.04625e+02,
          1.04750e+02, 1.04875e+02],
         [1.05000e+02, 1.05125e+02, 1.05250e+02, ..., 1.07125e+02,
          1.07250e+02, 1.07375e+02],
         ...,
         [1.12500e+02, 1.12625e+02, 1.12750e+02, ..., 1.14625e+02,
          1.14750e+02, 1.14875e+02],
         [1.15000e+02, 1.15125e+02, 1.15250e+02, ..., 1.17125e+02,
          1.17250e+02, 1.17375e+02],
         [1.17500e+02, 1.17625e+02, 1.17750e+02, ..., 1.19625e+02,
          1.19750e+02, 1.19875e+02]],

        [[1.20000e+02, 1.20125e+02, 1.20250e+02, ..., 1.22125e+02,
          1.22250e+02, 1.22375e+02],
         [1.22500e+02, 1.22625e+02, 1.22750e+02, ..., 1.24625e+02,
          1.24750e+02, 1.24875e+02],
         [1.25000e+02, 1.25125e+02, 1.25250e+02, ..., 1.27125e+02,
          1.27250e+02, 1.27375e+02],
         ...,
         [1.32500e+02, 1.32625e+02, 1.32750e+02, ..., 1.34625e+02,
          1.34750e+02, 1.34875e+02],
         [1.35000e+02, 1.35125e+02, 1.35250e+02, ..., 1.37125e+02,
          1.37250e+02, 1.37375e+02],
         [1.37500e+02, 1.37625e+02, 1.37750e+02, ..., 1.39625e+02,
          1.39750e+02, 1.39875e+02]],

        [[1.40000e+02, 1.40125e+02, 1.40250e+02, ..., 1.42125e+02,
          1.42250e+02, 1.42375e+02],
         [1.42500e+02, 1.42625e+02, 1.42750e+02, ..., 1.44625e+02,
          1.44750e+02, 1.44875e+02],
         [1.45000e+02, 1.45125e+02, 1.45250e+02, ..., 1.47125e+02,
          1.47250e+02, 1.47375e+02],
         ...,
         [1.52500e+02, 1.52625e+02, 1.52750e+02, ..., 1.54625e+02,
          1.54750e+02, 1.54875e+02],
         [1.55000e+02, 1.55125e+02, 1.55250e+02, ..., 1.57125e+02,
          1.57250e+02, 1.57375e+02],
         [1.57500e+02, 1.57625e+02, 1.57750e+02, ..., 1.59625e+02,
          1.59750e+02, 1.59875e+02]]],


       [[[1.60000e+02, 1.60125e+02, 1.60250e+02, ..., 1.62125e+02,
          1.62250e+02, 1.62375e+02],
         [1.62500e+02, 1.62625e+02, 1.62750e+02, ..., 1.64625e+02,
          1.64750e+02, 1.64875e+02],
         [1.65000e+02, 1.65125e+02, 1.65250e+02, ..., 1.67125e+02,
          1.67250e+02, 1.67375e+02],
         ...,
         [1.72500e+02, 1.72625e+02, 1.72750e+02, ..., 1.74625e+02,
          1.74750e+02, 1.74875e+02],
         [1.75000e+02, 1.75125e+02, 1.75250e+02, ..., 1.77125e+02,
          1.77250e+02, 1.77375e+02],
         [1.77500e+02, 1.77625e+02, 1.77750e+02, ..., 1.79625e+02,
          1.79750e+02, 1.79875e+02]],

        [[1.80000e+02, 1.80125e+02, 1.80250e+02, ..., 1.82125e+02,
          1.82250e+02, 1.82375e+02],
         [1.82500e+02, 1.82625e+02, 1.82750e+02, ..., 1.84625e+02,
          1.84750e+02, 1.84875e+02],
         [1.85000e+02, 1.85125e+02, 1.85250e+02, ..., 1.87125e+02,
          1.87250e+02, 1.87375e+02],
         ...,
         [1.92500e+02, 1.92625e+02, 1.92750e+02, ..., 1.94625e+02,
          1.94750e+02, 1.94875e+02],
         [1.95000e+02, 1.95125e+02, 1.95250e+02, ..., 1.97125e+02,
          1.97250e+02, 1.97375e+02],
         [1.97500e+02, 1.97625e+02, 1.97750e+02, ..., 1.99625e+02,
          1.99750e+02, 1.99875e+02]],

        [[2.00000e+02, 2.00125e+02, 2.00250e+02, ..., 2.02125e+02,
          2.02250e+02, 2.02375e+02],
         [2.02500e+02, 2.02625e+02, 2.02750e+02, ..., 2.04625e+02,
          2.04750e+02, 2.04875e+02],
         [2.05000e+02, 2.05125e+02, 2.05250e+02, ..., 2.07125e+02,
          2.07250e+02, 2.07375e+02],
         ...,
         [2.12500e+02, 2.12625e+02, 2.12750e+02, ..., 2.14625e+02,
          2.14750e+02, 2.14875e+02],
         [2.15000e+02, 2.15125e+02, 2.15250e+02, ..., 2.17125e+02,
          2.17250e+02, 2.17375e+02],
         [2.17500e+02, 2.17625e+02, 2.17750e+02, ..., 2.19625e+02,
          2.19750e+02, 2.19875e+02]],

        [[2.20000e+02, 2.20125e+02, 2.20250e+02, ..., 2.22125e+02,
          2.22250e+02, 2.22375e+02],
         [2.22500e+02, 2.22625e+02, 2.22750e+02, ..., 2.24625e+02,
          2.24750e+02, 2.24875e+02],
         [2.25000e+02, 2.25125e+02, 2.25250e+02, ..., 2.27125e+02,
          2.27250e+02, 2.27375e+02],
         ...,
         [2.32500e+02, 2.32625e+02, 2.32750e+02, ..., 2.34625e+02,
          2.34750e+02, 2.34875e+02],
         [2.35000e+02, 2.35125e+02, 2.35250e+02, ..., 2.37125e+02,
          2.37250e+02, 2.37375e+02],
         [2.37500e+02, 2.37625e+02, 2.37750e+02, ..., 2.39625e+02,
          2.39750e+02, 2.39875e+02]]],


       [[[2.40000e+02, 2.40125e+02, 2.40250e+02, ..., 2.42125e+02,
          2.42250e+02, 2.42375e+02],
         [2.42500e+02, 2.42625e+02, 2.42750e+02, ..., 2.44625e+02,
          2.44750e+02, 2.44875e+02],
         [2.45000e+02, 2.45125e+02, 2.45250e+02, ..., 2.47125e+02,
          2.47250e+02, 2.47375e+02],
         ...,
         [2.52500e+02, 2.52625e+02, 2.52750e+02, ..., 2.54625e+02,
          2.54750e+02, 2.54875e+02],
         [2.55000e+02, 2.55125e+02, 2.55250e+02, ..., 2.57125e+02,
          2.57250e+02, 2.57375e+02],
         [2.57500e+02, 2.57625e+02, 2.57750e+02, ..., 2.59625e+02,
          2.59750e+02, 2.59875e+02]],

        [[2.60000e+02, 2.60125e+02, 2.60250e+02, ..., 2.62125e+02,
          2.62250e+02, 2.62375e+02],
         [2.62500e+02, 2.62625e+02, 2.62750e+02, ..., 2.64625e+02,
          2.64750e+02, 2.64875e+02],
         [2.65000e+02, 2.65125e+02, 2.65250e+02, ..., 2.67125e+02,
          2.67250e+02, 2.67375e+02],
         ...,
         [2.72500e+02, 2.72625e+02, 2.72750e+02, ..., 2.74625e+02,
          2.74750e+02, 2.74875e+02],
         [2.75000e+02, 2.75125e+02, 2.75250e+02, ..., 2.77125e+02,
          2.77250e+02, 2.77375e+02],
         [2.77500e+02, 2.77625e+02, 2.77750e+02, ..., 2.79625e+02,
          2.79750e+02, 2.79875e+02]],

        [[2.80000e+02, 2.80125e+02, 2.80250e+02, ..., 2.82125e+02,
          2.82250e+02, 2.82375e+02],
         [2.82500e+02, 2.82625e+02, 2.82750e+02, ..., 2.84625e+02,
          2.84750e+02, 2.84875e+02],
         [2.85000e+02, 2.85125e+02, 2.85250e+02, ..., 2.87125e+02,
          2.87250e+02, 2.87375e+02],
         ...,
         [2.92500e+02, 2.92625e+02, 2.92750e+02, ..., 2.94625e+02,
          2.94750e+02, 2.94875e+02],
         [2.95000e+02, 2.95125e+02, 2.95250e+02, ..., 2.97125e+02,
          2.97250e+02, 2.97375e+02],
         [2.97500e+02, 2.97625e+02, 2.97750e+02, ..., 2.99625e+02,
          2.99750e+02, 2.99875e+02]],

        [[3.00000e+02, 3.00125e+02, 3.00250e+02, ..., 3.02125e+02,
          3.02250e+02, 3.02375e+02],
         [3.02500e+02, 3.02625e+02, 3.02750e+02, ..., 3.04625e+02,
          3.04750e+02, 3.04875e+02],
         [3.05000e+02, 3.05125e+02, 3.05250e+02, ..., 3.07125e+02,
          3.07250e+02, 3.07375e+02],
         ...,
         [3.12500e+02, 3.12625e+02, 3.12750e+02, ..., 3.14625e+02,
          3.14750e+02, 3.14875e+02],
         [3.15000e+02, 3.15125e+02, 3.15250e+02, ..., 3.17125e+02,
          3.17250e+02, 3.17375e+02],
         [3.17500e+02, 3.17625e+02, 3.17750e+02, ..., 3.19625e+02,
          3.19750e+02, 3.19875e+02]]]], shape=(4, 4, 8, 20)))");
}

TEST(FormatSummary, Bool) {
  // NumPy: repr(np.arange(1500) % 3 == 0)
  EXPECT_EQ(repr_bool(generate<int>(1500, [](std::int64_t i) { return i % 3 == 0; }), {1500}),
            R"(array([ True, False, False, ...,  True, False, False], shape=(1500,)))");
}

TEST(FormatSummary, Complex) {
  // NumPy: repr(np.array([complex(i, -i) for i in range(1500)], dtype=np.complex64))
  EXPECT_EQ(repr(generate<std::complex<float>>(
                1500, [](std::int64_t i) { return std::complex<float>(i, -i); })),
            R"(array([0.000e+00+0.000e+00j, 1.000e+00-1.000e+00j, 2.000e+00-2.000e+00j,
       ..., 1.497e+03-1.497e+03j, 1.498e+03-1.498e+03j,
       1.499e+03-1.499e+03j], shape=(1500,), dtype=complex64))");
}

TEST(FormatSummary, Float16) {
  // NumPy: repr(np.arange(2000).astype(np.float16))
  EXPECT_EQ(repr(generate<cupp::float16>(2000, [](std::int64_t i) { return f16(i); })),
            R"(array([0.000e+00, 1.000e+00, 2.000e+00, ..., 1.997e+03, 1.998e+03,
       1.999e+03], shape=(2000,), dtype=float16))");
}

TEST(FormatSummary, Bfloat16) {
  // NumPy: repr(np.arange(2000).astype(np.float32).astype(bf16))
  EXPECT_EQ(repr(generate<cupp::bfloat16>(2000, [](std::int64_t i) { return bf16(i); })),
            R"(array([0, 1, 2, ..., 2000, 2000, 2000], shape=(2000,), dtype=bfloat16))");
}

TEST(FormatSummary, NanOnlyInTheHiddenPartIsIgnored) {
  // NumPy: repr(np.concatenate([np.arange(5.), np.full(1000, nan), np.arange(5.)]))
  EXPECT_EQ(repr(generate<double>(
                1010, [](std::int64_t i) { return i < 5       ? i
                                                  : i >= 1005 ? i - 1005
                                                              : kNan; })),
            R"(array([0., 1., 2., ..., 2., 3., 4.], shape=(1010,)))");
}

TEST(FormatSummary, ThresholdIsExclusive) {
  // NumPy summarises when size > threshold (1000): 1000 elements print in full.
  const std::string full = repr(generate<std::int32_t>(1000, [](std::int64_t i) { return i; }));
  EXPECT_EQ(full.rfind("array([  0,   1,   2,", 0), 0u) << full;
  EXPECT_EQ(full.find("..."), std::string::npos);
  EXPECT_EQ(full.find("shape="), std::string::npos);
  EXPECT_NE(full.find(" 997, 998, 999],\n      dtype=int32)"), std::string::npos) << full;
  // NumPy: repr(np.arange(1001, dtype=np.int32))
  EXPECT_EQ(repr(generate<std::int32_t>(1001, [](std::int64_t i) { return i; })),
            R"(array([   0,    1,    2, ...,  998,  999, 1000],
      shape=(1001,), dtype=int32))");
}

TEST(FormatEmpty, EveryDtypeIsNamedAndDataMayBeNull) {
  const char* const numpy_names[] = {"bool",     "int8",    "int16",   "int32",     "int64",
                                     "uint8",    "uint16",  "uint32",  "uint64",    "float16",
                                     "bfloat16", "float32", "float64", "complex64", "complex128"};
  for (int i = 0; i < cupp::kNumDtypes; ++i) {
    const auto d = static_cast<cupp::dtype>(i);
    EXPECT_EQ(cupp::detail::format_repr(nullptr, d, {0}),
              std::string("array([], dtype=") + numpy_names[i] + ")");
    EXPECT_EQ(cupp::detail::format_repr(nullptr, d, {2, 0}),
              std::string("array([], shape=(2, 0), dtype=") + numpy_names[i] + ")");
  }
}

TEST(FormatFloat, ElementsAreFormattedTogether) {
  // The same value prints differently beside different neighbours, as in NumPy.
  EXPECT_EQ(repr<double>({1.5}), "array([1.5])");
  EXPECT_EQ(repr<double>({1.5, 1e-7}), "array([1.5e+00, 1.0e-07])");
  EXPECT_EQ(repr<double>({1.5, 22.125}), "array([ 1.5  , 22.125])");
}

}  // namespace
