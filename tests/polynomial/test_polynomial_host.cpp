// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The polynomial routines without a GPU: result dtypes, the host coefficient arithmetic against
// values NumPy gives, poly1d's text against numpy's str(), and every check that comes before
// device work, in NumPy's words.
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "support/shaped.hpp"

namespace {

using cupp::ndarray;
using cupp::shape_t;
using cupp::test::shaped;
using cd = std::complex<double>;
using cvec = std::vector<cd>;
namespace pp = cupp::polynomial::polynomial;

cvec real_vec(std::initializer_list<double> v) { return cvec(v.begin(), v.end()); }

void expect_coeffs(const cvec& got, const cvec& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_NEAR(got[i].real(), want[i].real(), 1e-12) << i;
    EXPECT_NEAR(got[i].imag(), want[i].imag(), 1e-12) << i;
  }
}

TEST(PolynomialHost, ResultDtypesFollowNumPy) {
  using std::int32_t;
  using std::int64_t;
  using C64 = std::complex<float>;
  using C128 = std::complex<double>;
  const auto i32 = shaped<int32_t>({3});
  const auto f32 = shaped<float>({3});
  const auto f64 = shaped<double>({3});
  const auto c64 = shaped<C64>({3});
  static_assert(std::is_same_v<decltype(cupp::polyval(f32, f32)), ndarray<float>>);
  static_assert(std::is_same_v<decltype(cupp::polyval(i32, f32)), ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::polyval(f32, f32 * 2.0)), ndarray<float>>);
  static_assert(std::is_same_v<decltype(cupp::polyval(i32, 2.0)), ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::polyadd(i32, i32)), ndarray<int32_t>>);
  static_assert(std::is_same_v<decltype(cupp::polymul(f32, f64)), ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::polydiv(i32, i32).q), ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::polydiv(f32, f32).r), ndarray<float>>);
  static_assert(std::is_same_v<decltype(cupp::polyder(f32)), ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::polyder(i32)), ndarray<int64_t>>);
  static_assert(std::is_same_v<decltype(cupp::polyint(f32)), ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::polyint(c64)), ndarray<C128>>);
  static_assert(std::is_same_v<decltype(cupp::poly(i32)), ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::poly(f32)), ndarray<float>>);
  static_assert(std::is_same_v<decltype(cupp::poly(c64)), ndarray<C64>>);
  static_assert(std::is_same_v<decltype(cupp::roots(i32)), ndarray<C128>>);
  static_assert(std::is_same_v<decltype(cupp::roots(f32)), ndarray<C64>>);
  static_assert(std::is_same_v<decltype(cupp::polyfit(i32, i32, 1)), ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::polyfit(f32, f32, 1)), ndarray<float>>);
  static_assert(std::is_same_v<decltype(pp::polyvander(i32, 2)), ndarray<double>>);
  static_assert(std::is_same_v<decltype(pp::polyvander(f32, 2)), ndarray<float>>);
  static_assert(std::is_same_v<decltype(pp::polyvalfromroots(f32, i32)), ndarray<double>>);
  static_assert(std::is_same_v<decltype(pp::polycompanion(i32)), ndarray<double>>);
  static_assert(std::is_same_v<decltype(pp::trimcoef(f32)), ndarray<float>>);
  static_assert(std::is_same_v<decltype(pp::as_series(std::vector<ndarray<int32_t>>{})),
                               std::vector<ndarray<double>>>);
  static_assert(
      std::is_same_v<decltype(cupp::poly1d<int32_t>(i32).deriv()), cupp::poly1d<int64_t>>);
  static_assert(std::is_same_v<decltype(cupp::poly1d<float>(f32) / 2), cupp::poly1d<float>>);
  static_assert(std::is_same_v<decltype(cupp::poly1d<int32_t>(i32) / 2), cupp::poly1d<double>>);
  static_assert(
      std::is_same_v<decltype((cupp::poly1d<int32_t>(i32) / cupp::poly1d<float>(f32)).first),
                     cupp::poly1d<double>>);
}

TEST(PolynomialHost, CoefficientArithmeticMatchesNumPy) {
  using namespace cupp::detail;
  // np.polyadd([1, 2], [1, 2, 3]) and np.polysub
  expect_coeffs(poly_add_host(real_vec({1, 2}), real_vec({1, 2, 3}), 1.0), real_vec({1, 3, 5}));
  expect_coeffs(poly_add_host(real_vec({1, 2, 3}), real_vec({4}), -1.0), real_vec({1, 2, -1}));
  expect_coeffs(poly_add_host({}, real_vec({1}), 1.0), real_vec({1}));
  // np.polymul([1, 2], [1, -3, 4])
  expect_coeffs(poly_mul_host(real_vec({1, 2}), real_vec({1, -3, 4})), real_vec({1, -1, -2, 8}));
  expect_coeffs(poly_mul_host(poly_trim_leading({}), real_vec({1})), real_vec({0}));
  expect_coeffs(poly_trim_leading(real_vec({0, 0, 2, 0})), real_vec({2, 0}));
  // np.polydiv([1., -3, 0, 2], [1., -1]) == ([1, -2, -2], [0])
  auto [q, r] = poly_div_host(real_vec({1, -3, 0, 2}), real_vec({1, -1}));
  expect_coeffs(q, real_vec({1, -2, -2}));
  expect_coeffs(r, real_vec({0}));
  // np.polydiv([1., 2], [1., 0, 1]): the divisor is of higher degree
  auto [q2, r2] = poly_div_host(real_vec({1, 2}), real_vec({1, 0, 1}));
  expect_coeffs(q2, real_vec({0}));
  expect_coeffs(r2, real_vec({1, 2}));
  // np.polyder([1, 2, 3, 4], 2) == [6, 4]; np.polyder(p, 0) == p
  expect_coeffs(poly_der_host(real_vec({1, 2, 3, 4}), 2), real_vec({6, 4}));
  expect_coeffs(poly_der_host(real_vec({1, 2}), 0), real_vec({1, 2}));
  expect_coeffs(poly_der_host(real_vec({5}), 3), {});
  // np.polyint([3., 2, 1], 2, [1., 2.])
  expect_coeffs(poly_int_host(real_vec({3, 2, 1}), 2, real_vec({1, 2})),
                real_vec({0.25, 1.0 / 3.0, 0.5, 1, 2}));
  expect_coeffs(poly_int_host(real_vec({3, 2, 1}), 2, real_vec({7})),
                real_vec({0.25, 1.0 / 3.0, 0.5, 7, 7}));
  expect_coeffs(poly_int_host(real_vec({1}), 1, {}), real_vec({1, 0}));
  // np.poly([1, 2, 3]) and np.poly([1j, -1j])
  expect_coeffs(poly_from_zeros_host(real_vec({1, 2, 3})), real_vec({1, -6, 11, -6}));
  expect_coeffs(poly_from_zeros_host({cd(0, 1), cd(0, -1)}), real_vec({1, 0, 1}));
  EXPECT_EQ(trimseq_length(real_vec({1, 2, 0, 0})), 2u);
  EXPECT_EQ(trimseq_length(real_vec({0, 0})), 1u);
  EXPECT_EQ(trimseq_length(real_vec({0, 3})), 2u);
}

TEST(PolynomialHost, Poly1dPrintsAsNumPy) {
  using cupp::detail::poly1d_str;
  // Each expected text is str(np.poly1d(c)).
  EXPECT_EQ(poly1d_str(real_vec({1, 2, 3}), "x"), "   2\n1 x + 2 x + 3");
  EXPECT_EQ(poly1d_str({1.0, -2.5, 0.0, cd(0, 3)}, "x"), "   3       2\n1 x - 2.5 x + 3j");
  EXPECT_EQ(poly1d_str(real_vec({0, 0, 2, 0, -1}), "x"), "   2\n2 x - 1");
  EXPECT_EQ(poly1d_str(real_vec({0}), "x"), " \n0");
  EXPECT_EQ(poly1d_str(real_vec({1.5e-5, 123456, -7}), "x"),
            "         2\n1.5e-05 x + 1.235e+05 x - 7");
  EXPECT_EQ(poly1d_str(real_vec({2, 1}), "t"), " \n2 t + 1");
  EXPECT_EQ(poly1d_str({cd(1, 2), cd(-1, -1), 3.0}, "x"),
            "          2\n(1 + 2j) x + (-1 + -1j) x + 3");
  EXPECT_EQ(poly1d_str(real_vec({-1, 0, 0}), "x"), "    2\n-1 x");
  cvec thirty(31, 0.0);
  thirty[0] = 1.0;
  thirty[30] = 1.25;
  EXPECT_EQ(poly1d_str(thirty, "x"), "   30\n1 x  + 1.25");
  cvec nineteen;
  for (int i = 1; i < 20; ++i) nineteen.emplace_back(i);
  EXPECT_EQ(
      poly1d_str(nineteen, "x"),
      "   18     17     16     15     14     13     12     11     10      9\n1 x  + 2 x  + "
      "3 x  + 4 x  + 5 x  + 6 x  + 7 x  + 8 x  + 9 x  + 10 x\n       8      7      6      "
      "5      4      3      2\n + 11 x + 12 x + 13 x + 14 x + 15 x + 16 x + 17 x + 18 x + 19");
}

TEST(PolynomialHost, ChecksUseNumPysWords) {
  const auto x = shaped<double>({5});
  const auto y = shaped<double>({5});
  CUPP_EXPECT_THROW_MSG(cupp::polyfit(x, y, -1), cupp::value_error, "expected deg >= 0");
  CUPP_EXPECT_THROW_MSG(cupp::polyfit(shaped<double>({5, 1}), y, 1), cupp::type_error,
                        "expected 1D vector for x");
  CUPP_EXPECT_THROW_MSG(cupp::polyfit(shaped<double>({0}), shaped<double>({0}), 1),
                        cupp::type_error, "expected non-empty vector for x");
  CUPP_EXPECT_THROW_MSG(cupp::polyfit(x, shaped<double>({5, 2, 1}), 1), cupp::type_error,
                        "expected 1D or 2D array for y");
  CUPP_EXPECT_THROW_MSG(cupp::polyfit(x, shaped<double>({4}), 1), cupp::type_error,
                        "expected x and y to have same length");
  CUPP_EXPECT_THROW_MSG(cupp::polyfit(x, y, 1, std::nullopt, shaped<double>({5, 1})),
                        cupp::type_error, "expected a 1-d array for weights");
  CUPP_EXPECT_THROW_MSG(cupp::polyfit(x, y, 1, std::nullopt, shaped<double>({4})), cupp::type_error,
                        "expected w and y to have the same length");
  CUPP_EXPECT_THROW_MSG(cupp::roots(shaped<double>({2, 2})), cupp::value_error,
                        "Input must be a rank-1 array.");
  CUPP_EXPECT_THROW_MSG(cupp::poly(shaped<double>({2, 3})), cupp::value_error,
                        "input must be 1d or non-empty square 2d array.");
  CUPP_EXPECT_THROW_MSG(cupp::poly(shaped<double>({0, 0})), cupp::value_error,
                        "input must be 1d or non-empty square 2d array.");
  CUPP_EXPECT_THROW_MSG(cupp::poly(shaped<double>({2, 2, 2})), cupp::value_error,
                        "input must be 1d or non-empty square 2d array.");
  CUPP_EXPECT_THROW_MSG(cupp::polyder(x, -1), cupp::value_error,
                        "Order of derivative must be positive (see polyint)");
  CUPP_EXPECT_THROW_MSG(cupp::polyint(x, -1), cupp::value_error,
                        "Order of integral must be positive (see polyder)");
  CUPP_EXPECT_THROW_MSG(cupp::polyint(x, 3, std::vector<double>{1, 2}), cupp::value_error,
                        "k must be a scalar or a rank-1 array of length 1 or >m.");
  CUPP_EXPECT_THROW_MSG(cupp::poly1d<double>(shaped<double>({2, 2})), cupp::value_error,
                        "Polynomial must be 1d only.");
  CUPP_EXPECT_THROW_MSG(cupp::polyadd(shaped<double>({2, 2}), x), cupp::value_error,
                        "Polynomial must be 1d only.");
  CUPP_EXPECT_THROW_MSG(pp::polyvander(x, -1), cupp::value_error, "deg must be non-negative");
  CUPP_EXPECT_THROW_MSG(pp::trimcoef(x, -1.0), cupp::value_error, "tol must be non-negative");
  CUPP_EXPECT_THROW_MSG(pp::as_series(std::vector<ndarray<double>>{shaped<double>({0})}),
                        cupp::value_error, "Coefficient array is empty");
  CUPP_EXPECT_THROW_MSG(pp::as_series(std::vector<ndarray<double>>{shaped<double>({2, 2})}),
                        cupp::value_error, "Coefficient array is not 1-d");
  CUPP_EXPECT_THROW_MSG(pp::polyvalfromroots(shaped<double>({3}), shaped<double>({3}), false),
                        cupp::value_error, "x.ndim must be < r.ndim when tensor == False");
  CUPP_EXPECT_THROW_MSG(cupp::detail::check_poly_power(-1), cupp::value_error,
                        "Power to non-negative integers only.");
  CUPP_EXPECT_THROW_MSG(cupp::detail::check_polycompanion(1), cupp::value_error,
                        "Series must have maximum degree of at least 1.");
  CUPP_EXPECT_THROW_MSG(cupp::detail::check_polyfit_cov(3, 3), cupp::value_error,
                        "the number of data points must exceed order to scale the covariance "
                        "matrix");
}

}  // namespace

namespace {

// polyval's Horner kernel compiles with NVRTC for every kind of dtype (no GPU needed).
TEST(PolynomialHost, PolyvalKernelCompiles) {
  using cupp::dtype;
  for (dtype d : {dtype::float32, dtype::float64, dtype::float16, dtype::complex64,
                  dtype::complex128, dtype::int8, dtype::int64, dtype::uint16}) {
    cupp::jit::detail::ew_kernel k(cupp::detail::kPolyvalIn, cupp::detail::kPolyvalOut,
                                   cupp::detail::kPolyvalBody, cupp::detail::kPolyvalName, "", {},
                                   {d, d, dtype::int64, d});
    EXPECT_NO_THROW(k.compile_all(90)) << cupp::dtype_name(d);
  }
}

}  // namespace
