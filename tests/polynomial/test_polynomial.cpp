// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The polynomial routines on the GPU, against host loops (Horner in double) and values NumPy
// gives (quoted beside each).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "cupp/array.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::ndarray;
using cupp::shape_t;
using cupp::slice;
using cd = std::complex<double>;
namespace pp = cupp::polynomial::polynomial;

class Polynomial : public cupp::test::GpuTest {};

template <class T>
cd to_cd(const T& v) {
  if constexpr (cupp::is_complex(cupp::dtype_of<T>))
    return {static_cast<double>(v.real()), static_cast<double>(v.imag())};
  else
    return {static_cast<double>(v), 0.0};
}

template <class T>
void expect_values(const ndarray<T>& got, const std::vector<cd>& want, double tol,
                   const shape_t& shape) {
  ASSERT_EQ(got.shape(), shape);
  const auto h = got.get();
  ASSERT_EQ(h.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    const cd g = to_cd(static_cast<T>(h[i]));
    EXPECT_NEAR(g.real(), want[i].real(), tol * (1 + std::abs(want[i]))) << "at " << i;
    EXPECT_NEAR(g.imag(), want[i].imag(), tol * (1 + std::abs(want[i]))) << "at " << i;
  }
}
template <class T>
void expect_values(const ndarray<T>& got, const std::vector<double>& want, double tol) {
  expect_values(got, std::vector<cd>(want.begin(), want.end()), tol,
                shape_t{static_cast<std::int64_t>(want.size())});
}

template <class T>
double tol_of() {
  using R = cupp::linalg::detail::real_t<T>;
  return std::is_same_v<R, float> ? 1e-5 : (std::is_integral_v<R> ? 0 : 1e-12);
}

template <class T>
class PolyvalTyped : public Polynomial {};
using PolyvalTypes = ::testing::Types<float, double, std::int32_t, std::complex<float>>;
TYPED_TEST_SUITE(PolyvalTyped, PolyvalTypes);

// polyval on a transposed (non-contiguous) 2-D x, a 0-d x, an empty x, a scalar, an expression
// and with empty coefficients, against Horner's rule in double on the host.
TYPED_TEST(PolyvalTyped, MatchesHornerOnTheHost) {
  using T = TypeParam;
  const std::vector<double> pc = {2, -3, 0, 1};
  std::vector<T> ph;
  for (double c : pc) ph.push_back(static_cast<T>(c));
  // Coefficients read backwards from a reversed copy: a negative-step view.
  std::vector<T> rev(ph.rbegin(), ph.rend());
  const ndarray<T> p = cupp::asarray(rev)(slice(std::nullopt, std::nullopt, -1));
  auto horner = [&](cd x) {
    cd acc = 0;
    for (double c : pc) acc = acc * x + c;
    return acc;
  };
  std::vector<T> xs;
  for (int i = 0; i < 24; ++i) xs.push_back(static_cast<T>((i % 7) - 3));
  const ndarray<T> x = cupp::asarray(xs, shape_t{4, 6}).T();
  std::vector<cd> want;
  for (int i = 0; i < 6; ++i)
    for (int j = 0; j < 4; ++j)
      want.push_back(horner(to_cd(xs[static_cast<std::size_t>(j * 6 + i)])));
  expect_values(cupp::polyval(p, x), want, tol_of<T>(), shape_t{6, 4});

  // An expression (x * 2 evaluated first) and a 0-d array.
  std::vector<cd> want2;
  for (int i = 0; i < 6; ++i)
    for (int j = 0; j < 4; ++j)
      want2.push_back(horner(2.0 * to_cd(xs[static_cast<std::size_t>(j * 6 + i)])));
  expect_values(ndarray<T>(cupp::polyval(p, x * T(2))), want2, tol_of<T>(), shape_t{6, 4});
  ndarray<T> x0(shape_t{});
  x0.fill(T(2));
  expect_values(cupp::polyval(p, x0), {horner(2.0)}, tol_of<T>(), shape_t{});
  // A scalar gives a 0-d array of result_type(p, x).
  expect_values(cupp::polyval(p, 2), {horner(2.0)}, tol_of<T>(), shape_t{});
  // Empty x and empty p.
  EXPECT_EQ(cupp::polyval(p, ndarray<T>(shape_t{0})).shape(), (shape_t{0}));
  expect_values(cupp::polyval(ndarray<T>(shape_t{0}), x), std::vector<cd>(24, 0.0), 0,
                shape_t{6, 4});
}

TEST_F(Polynomial, ArithmeticOnDeviceCoefficients) {
  const ndarray<std::int32_t> a = cupp::asarray<std::int32_t>({1, 2});
  const ndarray<std::int32_t> b = cupp::asarray<std::int32_t>({1, -3, 4});
  expect_values(cupp::polyadd(a, b), {1, -2, 6}, 0);   // np.polyadd([1, 2], [1, -3, 4])
  expect_values(cupp::polysub(a, b), {-1, 5, -2}, 0);  // np.polysub
  expect_values(cupp::polymul(a, b), {1, -1, -2, 8}, 0);
  const ndarray<double> u = cupp::asarray<double>({1, -3, 0, 2});
  auto qr = cupp::polydiv(u, cupp::asarray<double>({1, -1}));
  expect_values(qr.q, {1, -2, -2}, 1e-12);  // np.polydiv([1., -3, 0, 2], [1., -1])
  expect_values(qr.r, {0}, 1e-12);
  auto qr2 = cupp::polydiv(cupp::asarray<std::int64_t>({1, 0, 1}), cupp::asarray<float>({2, 1}));
  expect_values(qr2.q, {0.5, -0.25}, 1e-12);  // np.polydiv([1, 0, 1], np.float32([2, 1]))
  expect_values(qr2.r, {1.25}, 1e-12);
  expect_values(cupp::polyder(cupp::asarray<std::int32_t>({1, 2, 3, 4}), 2), {6, 4}, 0);
  expect_values(cupp::polyint(cupp::asarray<double>({3, 2, 1}), 2, std::vector<double>{1, 2}),
                {0.25, 1.0 / 3.0, 0.5, 1, 2}, 1e-12);
  expect_values(cupp::polyint(cupp::asarray<float>({2}), 1, 5.0), {2, 5}, 1e-12);
  expect_values(cupp::poly(cupp::asarray<std::int32_t>({1, 2, 3})), {1, -6, 11, -6}, 1e-12);
  expect_values(cupp::poly(cupp::asarray<double>({1, 2, 3, 4}, shape_t{2, 2})), {1, -5, -2}, 1e-10);
  expect_values(cupp::poly(ndarray<float>(shape_t{0})), {1}, 0);
}

// Sorted by real part, then imaginary part.
std::vector<cd> sorted_roots(const std::vector<cd>& r) {
  std::vector<cd> s = r;
  std::sort(s.begin(), s.end(), [](cd a, cd b) {
    return a.real() != b.real() ? a.real() < b.real() : a.imag() < b.imag();
  });
  return s;
}

template <class C>
std::vector<cd> host_roots(const ndarray<C>& r) {
  std::vector<cd> out;
  for (const auto& v : r.get()) out.push_back(to_cd(static_cast<C>(v)));
  return sorted_roots(out);
}

TEST_F(Polynomial, RootsAreTheCompanionEigenvalues) {
  auto near = [](const std::vector<cd>& got, const std::vector<cd>& want, double tol) {
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) EXPECT_LT(std::abs(got[i] - want[i]), tol) << i;
  };
  near(host_roots(cupp::roots(cupp::asarray<double>({1, -6, 11, -6}))), {1.0, 2.0, 3.0}, 1e-9);
  // Leading zeros dropped, trailing zeros are roots at 0: np.roots([0, 1, -3, 2, 0, 0])
  near(host_roots(cupp::roots(cupp::asarray<std::int32_t>({0, 1, -3, 2, 0, 0}))),
       {0.0, 0.0, 1.0, 2.0}, 1e-9);
  near(host_roots(cupp::roots(cupp::asarray<float>({1, 0, 1}))), {cd(0, -1), cd(0, 1)}, 1e-5);
  near(host_roots(cupp::roots(cupp::asarray<std::complex<double>>({{1, 0}, {0, -2}}))), {cd(0, 2)},
       1e-12);
  EXPECT_EQ(cupp::roots(cupp::asarray<double>({0, 0})).size(), 0);
  EXPECT_EQ(cupp::roots(cupp::asarray<double>({5})).size(), 0);
}

TEST_F(Polynomial, PolyfitAsNumPy) {
  std::vector<double> xs, ys;
  for (int i = 0; i < 10; ++i) {
    xs.push_back(i);
    ys.push_back(2.0 * i * i - 3.0 * i + 1);
  }
  const auto x = cupp::asarray(xs);
  expect_values(cupp::polyfit(x, cupp::asarray(ys), 2), {2, -3, 1}, 1e-9);
  // Integers fit in float64; float32 in float32.
  std::vector<std::int32_t> yi(ys.begin(), ys.end());
  expect_values(cupp::polyfit(x, cupp::asarray(yi), 2), {2, -3, 1}, 1e-9);
  std::vector<float> xf(xs.begin(), xs.end()), yf(ys.begin(), ys.end());
  expect_values(cupp::polyfit(cupp::asarray(xf), cupp::asarray(yf), 2), {2, -3, 1}, 1e-3);
  // A 2-D y: one fit per column.
  std::vector<double> y2;
  for (double v : ys) {
    y2.push_back(v);
    y2.push_back(-v);
  }
  expect_values(cupp::polyfit(x, cupp::asarray(y2, shape_t{10, 2}), 2),
                std::vector<cd>{2, -2, -3, 3, 1, -1}, 1e-9, shape_t{3, 2});

  // x = arange(6), y = [1, 3, 2, 5, 4, 6], deg 1, against NumPy.
  const auto x6 = cupp::asarray<double>({0, 1, 2, 3, 4, 5});
  const auto y6 = cupp::asarray<double>({1, 3, 2, 5, 4, 6});
  expect_values(cupp::polyfit(x6, y6, 1), {0.88571429, 1.28571429}, 1e-8);
  expect_values(cupp::polyfit(x6, y6, 1, std::nullopt, cupp::asarray<double>({1, 2, 1, 2, 1, 2})),
                {0.83962264, 1.8490566}, 1e-7);
  auto full = cupp::polyfit(x6, y6, 1, std::nullopt, true);
  expect_values(full.coeffs, {0.88571429, 1.28571429}, 1e-8);
  expect_values(full.residuals, {3.77142857}, 1e-8);
  EXPECT_EQ(full.rank, 2);
  expect_values(full.singular_values, {1.35119311, 0.41746518}, 1e-8);
  EXPECT_NEAR(full.rcond, 6 * 2.220446049250313e-16, 1e-30);
  auto cov = cupp::polyfit(x6, y6, 1, std::nullopt, false, std::nullopt, true);
  expect_values(cov.cov, std::vector<cd>{0.05387755, -0.13469388, -0.13469388, 0.49387755}, 1e-7,
                shape_t{2, 2});
  auto unscaled = cupp::polyfit(x6, y6, 1, std::nullopt, false, std::nullopt, true, true);
  expect_values(unscaled.cov, std::vector<cd>{0.05714286, -0.14285714, -0.14285714, 0.52380952},
                1e-7, shape_t{2, 2});
  EXPECT_THROW(
      cupp::polyfit(x6(slice(0, 2)), y6(slice(0, 2)), 1, std::nullopt, false, std::nullopt, true),
      cupp::value_error);
}

TEST_F(Polynomial, Poly1dBehavesAsNumPys) {
  const cupp::poly1d<double> p({0, 1, 2, 3});  // leading zero trimmed
  EXPECT_EQ(p.order(), 2);
  expect_values(p.coeffs(), {1, 2, 3}, 0);
  EXPECT_EQ(p[0], 3);
  EXPECT_EQ(p[2], 1);
  EXPECT_EQ(p[5], 0);
  EXPECT_EQ(p[-1], 0);
  expect_values(p(2.0), {11}, 0, shape_t{});
  expect_values(p(cupp::asarray<double>({0, 1, 2})), {3, 6, 11}, 0);
  expect_values((p + p).coeffs(), {2, 4, 6}, 0);
  expect_values((p - cupp::poly1d<double>({1, 0})).coeffs(), {1, 1, 3}, 0);
  expect_values((p * cupp::poly1d<double>({1, -1})).coeffs(), {1, 1, 1, -3}, 0);
  expect_values((p * 2).coeffs(), {2, 4, 6}, 0);
  expect_values((p + 1).coeffs(), {1, 2, 4}, 0);
  expect_values((1 - p).coeffs(), {-1, -2, -2}, 0);
  expect_values((-p).coeffs(), {-1, -2, -3}, 0);
  expect_values((p / 2).coeffs(), {0.5, 1, 1.5}, 0);
  auto [q, r] = p / cupp::poly1d<double>({1, 1});
  expect_values(q.coeffs(), {1, 1}, 1e-12);
  expect_values(r.coeffs(), {2}, 1e-12);
  expect_values(p.pow(2).coeffs(), {1, 4, 10, 12, 9}, 0);
  expect_values(p.pow(0).coeffs(), {1}, 0);
  EXPECT_THROW(p.pow(-1), cupp::value_error);
  expect_values(p.deriv().coeffs(), {2, 2}, 0);
  expect_values(p.integ(1, 4.0).coeffs(), {1.0 / 3.0, 1, 3, 4}, 1e-12);
  EXPECT_TRUE(p == cupp::poly1d<double>({1, 2, 3}));
  EXPECT_TRUE(p != cupp::poly1d<double>({1, 2}));
  const cupp::poly1d<double> fromroots({1, 2}, true, "z");
  expect_values(fromroots.coeffs(), {1, -3, 2}, 1e-12);
  EXPECT_EQ(fromroots.variable(), "z");
  std::ostringstream os;
  os << fromroots;
  EXPECT_EQ(os.str(), "   2\n1 z - 3 z + 2");  // str(np.poly1d([1, 2], r=True, variable='z'))
  EXPECT_EQ(host_roots(fromroots.roots()).size(), 2u);
  const cupp::poly1d<std::int32_t> zero(cupp::asarray<std::int32_t>({0, 0}));
  expect_values(zero.coeffs(), {0}, 0);
}

TEST_F(Polynomial, PowerSeriesHelpers) {
  // np.polynomial.polynomial.polyvander([1, 2, 3], 2)
  expect_values(pp::polyvander(cupp::asarray<std::int32_t>({1, 2, 3}), 2),
                std::vector<cd>{1, 1, 1, 1, 2, 4, 1, 3, 9}, 0, shape_t{3, 3});
  ndarray<float> x0(shape_t{});
  x0.fill(2.0f);
  expect_values(pp::polyvander(x0, 3), std::vector<cd>{1, 2, 4, 8}, 0, shape_t{1, 4});
  expect_values(pp::polyvander(cupp::asarray<double>({1, 2}), 0), std::vector<cd>{1, 1}, 0,
                shape_t{2, 1});
  // polyvalfromroots([0, 1, 2], [1, 2]) and with a 2-D r (each column a set of roots).
  expect_values(
      pp::polyvalfromroots(cupp::asarray<double>({0, 1, 2}), cupp::asarray<std::int32_t>({1, 2})),
      {2, 0, 0}, 0);
  expect_values(pp::polyvalfromroots(cupp::asarray<double>({0, 1}),
                                     cupp::asarray<double>({1, 2, 3, 4}, shape_t{2, 2})),
                std::vector<cd>{3, 0, 8, 3}, 0, shape_t{2, 2});
  expect_values(pp::polyvalfromroots(cupp::asarray<double>({0, 1}),
                                     cupp::asarray<double>({1, 2, 3, 4}, shape_t{2, 2}), false),
                std::vector<cd>{3, 3}, 0, shape_t{2});
  // polycompanion([1, 2, 3]) and polycompanion([1, 2])
  expect_values(pp::polycompanion(cupp::asarray<std::int32_t>({1, 2, 3})),
                std::vector<cd>{0, -1.0 / 3.0, 1, -2.0 / 3.0}, 1e-12, shape_t{2, 2});
  expect_values(pp::polycompanion(cupp::asarray<double>({1, 2, 0})), std::vector<cd>{-0.5}, 0,
                shape_t{1, 1});
  EXPECT_THROW(pp::polycompanion(cupp::asarray<double>({1, 0})), cupp::value_error);
  expect_values(pp::trimseq(cupp::asarray<double>({1, 2, 0, 0})), {1, 2}, 0);
  expect_values(pp::trimseq(cupp::asarray<double>({0, 0})), {0}, 0);
  expect_values(pp::trimcoef(cupp::asarray<double>({1, 1e-3, 0.5, 1e-4}), 1e-3), {1, 1e-3, 0.5}, 0);
  expect_values(pp::trimcoef(cupp::asarray<double>({1e-4, 1e-5}), 1e-3), {0}, 0);
  auto s = pp::as_series(std::vector<ndarray<std::int32_t>>{cupp::asarray<std::int32_t>({1, 2, 0}),
                                                            cupp::asarray<std::int32_t>({3})});
  ASSERT_EQ(s.size(), 2u);
  expect_values(s[0], {1, 2}, 0);
  expect_values(s[1], {3}, 0);
  expect_values(
      pp::as_series(std::vector<ndarray<double>>{cupp::asarray<double>({1, 0})}, false)[0], {1, 0},
      0);
}

}  // namespace
