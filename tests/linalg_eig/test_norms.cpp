// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// norm and cond against host references in double: every vector ord and matrix ord, one axis,
// two axes (either order), keepdims, the flattened fast path, stacks, transposed and
// negative-step inputs, empty inputs, integer input; matrices of known singular values
// (U diag(s) V^H) for the spectral and nuclear norms and the condition numbers; singular matrices
// (cond is inf); NumPy's errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/linalg/norms.hpp"
#include "eig_reference.hpp"
#include "support/gpu.hpp"
#include "support/shaped.hpp"

namespace {

using cupp::ndarray;
using cupp::shape_t;
using eig_ref::cplx;
using eig_ref::as_c;
using eig_ref::is_cplx;
using eig_ref::Mat;
using eig_ref::random_unitary;
namespace la = cupp::linalg;

constexpr double kInf = std::numeric_limits<double>::infinity();

template <class T>
using result_of = la::detail::real_t<la::detail::linalg_t<T>>;

template <class T>
double eps() {
  return static_cast<double>(std::numeric_limits<result_of<T>>::epsilon());
}

template <class T>
T to(const cplx& z) {
  if constexpr (is_cplx<T>)
    return T(static_cast<typename T::value_type>(z.real()),
             static_cast<typename T::value_type>(z.imag()));
  else if constexpr (std::is_integral_v<T>)
    return static_cast<T>(std::lround(z.real()));
  else
    return static_cast<T>(z.real());
}

/// Random values of T (integers in [-9, 9], with some zeros).
template <class T>
std::vector<T> random_values(std::int64_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> u(-3, 3);
  std::vector<T> v(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    cplx z(u(gen), is_cplx<T> ? u(gen) : 0.0);
    if constexpr (std::is_integral_v<T>) z = std::round(3 * z.real());
    if (i % 7 == 3) z = 0;  // zeros, for ord=0
    v[static_cast<std::size_t>(i)] = to<T>(z);
  }
  return v;
}

/// NumPy's vector norm of `x` for ord p (inf, -inf, 0, 1, 2, other), in double.
double vector_norm(const std::vector<cplx>& x, double p) {
  std::vector<double> a;
  for (const auto& z : x) a.push_back(std::abs(z));
  if (p == kInf) return *std::max_element(a.begin(), a.end());
  if (p == -kInf) return *std::min_element(a.begin(), a.end());
  double s = 0;
  if (p == 0) {
    for (double v : a) s += v != 0;
    return s;
  }
  for (double v : a) s += std::pow(v, p);
  return std::pow(s, 1 / p);
}

/// The elements of `x` (row-major `shape`) along `axis` at the position `index` of the others.
std::vector<cplx> fiber(const std::vector<cplx>& x, const shape_t& shape, std::int64_t axis,
                        std::int64_t outer, std::int64_t inner) {
  std::int64_t in = 1;
  for (std::size_t i = static_cast<std::size_t>(axis) + 1; i < shape.size(); ++i) in *= shape[i];
  std::vector<cplx> f;
  for (std::int64_t k = 0; k < shape[static_cast<std::size_t>(axis)]; ++k)
    f.push_back(x[static_cast<std::size_t>((outer * shape[static_cast<std::size_t>(axis)] + k) * in + inner)]);
  return f;
}

template <class R>
void expect_close(const std::vector<R>& got, const std::vector<double>& want, double rtol,
                  const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (std::isinf(want[i])) {
      EXPECT_EQ(static_cast<double>(got[i]), want[i]) << what << " at " << i;
    } else {
      EXPECT_NEAR(static_cast<double>(got[i]), want[i], rtol * (1 + std::abs(want[i])))
          << what << " at " << i;
    }
  }
}

template <class T>
class Norm : public cupp::test::GpuTest {};
using NormTypes =
    ::testing::Types<float, double, std::complex<float>, std::complex<double>, std::int32_t>;
TYPED_TEST_SUITE(Norm, NormTypes);

TYPED_TEST(Norm, VectorOrdsAlongEachAxisWithKeepdims) {
  using T = TypeParam;
  using R = result_of<T>;
  const shape_t shape{3, 23, 4};
  const std::int64_t size = 3 * 23 * 4;
  const std::vector<T> values = random_values<T>(size, 11);
  std::vector<cplx> x;
  for (const auto& v : values) x.push_back(as_c(v));
  const ndarray<T> a = cupp::asarray(values, shape);
  for (const double p : {kInf, -kInf, 0.0, 1.0, 2.0, -1.0, 3.0, 0.5}) {
    for (const std::int64_t axis : {0, 1, -1}) {
      const std::int64_t ax = axis < 0 ? axis + 3 : axis;
      std::int64_t outer = 1, inner = 1;
      for (std::int64_t i = 0; i < ax; ++i) outer *= shape[i];
      for (std::int64_t i = ax + 1; i < 3; ++i) inner *= shape[i];
      std::vector<double> want;
      for (std::int64_t o = 0; o < outer; ++o)
        for (std::int64_t i = 0; i < inner; ++i)
          want.push_back(vector_norm(fiber(x, shape, ax, o, i), p));
      const std::string what = "ord " + std::to_string(p) + " axis " + std::to_string(axis);
      const double tol = 4.0 * static_cast<double>(shape[ax]) * eps<T>();
      const ndarray<R> r = la::norm(a, p, axis);
      shape_t kept = shape;
      kept.erase(kept.begin() + ax);
      EXPECT_EQ(r.shape(), kept) << what;
      expect_close(r.get(), want, tol, what);
      const ndarray<R> k = la::norm(a, p, axis, true);
      shape_t ones = shape;
      ones[static_cast<std::size_t>(ax)] = 1;
      EXPECT_EQ(k.shape(), ones) << what << " keepdims";
      expect_close(k.get(), want, tol, what + " keepdims");
    }
  }
  // ord=None along an axis is the 2-norm.
  std::vector<double> want;
  for (std::int64_t o = 0; o < 3; ++o)
    for (std::int64_t i = 0; i < 4; ++i) want.push_back(vector_norm(fiber(x, shape, 1, o, i), 2));
  expect_close(la::norm(a, std::nullopt, 1).get(), want, 100 * eps<T>(), "ord None axis 1");
}

TYPED_TEST(Norm, WholeArrayDefaultsAndFastPath) {
  using T = TypeParam;
  const std::vector<T> values = random_values<T>(60, 3);
  double sq = 0;
  for (const auto& v : values) sq += std::norm(as_c(v));
  const double want = std::sqrt(sq);
  const double tol = 100 * eps<T>();
  // ord=None: the 2-norm of the flattened array, whatever the shape; keepdims keeps every axis.
  for (const shape_t& shape : {shape_t{60}, shape_t{6, 10}, shape_t{3, 4, 5}}) {
    const ndarray<T> a = cupp::asarray(values, shape);
    const auto r = la::norm(a);
    EXPECT_EQ(r.ndim(), 0);
    EXPECT_NEAR(r.item(), want, tol * want) << cupp::shape_str(shape);
    const auto k = la::norm(a, {}, {}, true);
    EXPECT_EQ(k.shape(), shape_t(shape.size(), 1));
    EXPECT_NEAR(k.get()[0], want, tol * want);
  }
  // 'fro' of a matrix and 2 of a vector take the same path.
  EXPECT_NEAR(la::norm(cupp::asarray(values, {6, 10}), "fro").item(), want, tol * want);
  EXPECT_NEAR(la::norm(cupp::asarray(values, {6, 10}), "f").item(), want, tol * want);
  EXPECT_NEAR(la::norm(cupp::asarray(values), 2).item(), want, tol * want);
  // A 1-D array with another ord is a vector norm; a 2-D one a matrix norm (1: max column sum).
  std::vector<cplx> x;
  for (const auto& v : values) x.push_back(as_c(v));
  EXPECT_NEAR(la::norm(cupp::asarray(values), 1).item(), vector_norm(x, 1), tol * want);
  double best = 0;
  for (std::int64_t j = 0; j < 10; ++j) {
    double s = 0;
    for (std::int64_t i = 0; i < 6; ++i) s += std::abs(x[i * 10 + j]);
    best = std::max(best, s);
  }
  EXPECT_NEAR(la::norm(cupp::asarray(values, {6, 10}), 1).item(), best, tol * best);
}

TYPED_TEST(Norm, ElementwiseMatrixOrdsOverAxisPairs) {
  using T = TypeParam;
  using R = result_of<T>;
  const shape_t shape{2, 5, 3, 4};  // matrices over axes (1, 3) and (3, 1), batch (2, 3)
  const std::vector<T> values = random_values<T>(2 * 5 * 3 * 4, 17);
  std::vector<cplx> x;
  for (const auto& v : values) x.push_back(as_c(v));
  const ndarray<T> a = cupp::asarray(values, shape);
  auto at = [&](std::int64_t b0, std::int64_t i, std::int64_t b1, std::int64_t j) {
    return x[static_cast<std::size_t>(((b0 * 5 + i) * 3 + b1) * 4 + j)];
  };
  for (const bool swapped : {false, true}) {
    const std::int64_t rows = swapped ? 4 : 5, cols = swapped ? 5 : 4;
    auto m = [&](std::int64_t b0, std::int64_t b1, std::int64_t r, std::int64_t c) {
      return swapped ? at(b0, c, b1, r) : at(b0, r, b1, c);
    };
    const cupp::axis_arg axes = swapped ? cupp::axis_arg{3, 1} : cupp::axis_arg{1, -1};
    for (const char* name : {"1", "-1", "inf", "-inf", "fro"}) {
      const std::string ord = name;
      std::vector<double> want;
      for (std::int64_t b0 = 0; b0 < 2; ++b0)
        for (std::int64_t b1 = 0; b1 < 3; ++b1) {
          std::vector<double> colsum(cols, 0.0), rowsum(rows, 0.0);
          double fro = 0;
          for (std::int64_t r = 0; r < rows; ++r)
            for (std::int64_t c = 0; c < cols; ++c) {
              const double v = std::abs(m(b0, b1, r, c));
              colsum[c] += v;
              rowsum[r] += v;
              fro += v * v;
            }
          if (ord == "1") want.push_back(*std::max_element(colsum.begin(), colsum.end()));
          if (ord == "-1") want.push_back(*std::min_element(colsum.begin(), colsum.end()));
          if (ord == "inf") want.push_back(*std::max_element(rowsum.begin(), rowsum.end()));
          if (ord == "-inf") want.push_back(*std::min_element(rowsum.begin(), rowsum.end()));
          if (ord == "fro") want.push_back(std::sqrt(fro));
        }
      const la::norm_ord o = ord == "1"      ? la::norm_ord(1)
                             : ord == "-1"   ? la::norm_ord(-1)
                             : ord == "inf"  ? la::norm_ord(kInf)
                             : ord == "-inf" ? la::norm_ord(-kInf)
                                             : la::norm_ord("fro");
      const std::string what = ord + (swapped ? " axes (3, 1)" : " axes (1, -1)");
      const ndarray<R> r = la::norm(a, o, axes);
      EXPECT_EQ(r.shape(), (shape_t{2, 3})) << what;
      expect_close(r.get(), want, 50 * eps<T>(), what);
      const ndarray<R> k = la::norm(a, o, axes, true);
      EXPECT_EQ(k.shape(), (shape_t{2, 1, 3, 1})) << what;
      expect_close(k.get(), want, 50 * eps<T>(), what + " keepdims");
      if (ord == "fro") {  // ord=None over two axes is Frobenius too
        expect_close(la::norm(a, {}, axes).get(), want, 50 * eps<T>(), what + " None");
      }
    }
  }
}

TYPED_TEST(Norm, TransposedAndNegativeStepInputs) {
  using T = TypeParam;
  const std::vector<T> values = random_values<T>(7 * 6, 23);
  std::vector<cplx> x;
  for (const auto& v : values) x.push_back(as_c(v));
  const ndarray<T> a = cupp::asarray(values, {7, 6});
  // a.T(): (6, 7); its inf norm is the max row sum of a.T = the max column sum of a.
  double best = 0;
  for (std::int64_t j = 0; j < 6; ++j) {
    double s = 0;
    for (std::int64_t i = 0; i < 7; ++i) s += std::abs(x[i * 6 + j]);
    best = std::max(best, s);
  }
  EXPECT_NEAR(la::norm(a.T(), kInf).item(), best, 50 * eps<T>() * best);
  // a[::-2, :] rows 6, 4, 2, 0: the vector 3-norms of each row along axis 1.
  const ndarray<T> s = a(cupp::slice(std::nullopt, std::nullopt, -2), cupp::slice());
  std::vector<double> want;
  for (const std::int64_t i : {6, 4, 2, 0})
    want.push_back(vector_norm(std::vector<cplx>(x.begin() + i * 6, x.begin() + i * 6 + 6), 3));
  expect_close(la::norm(s, 3, 1).get(), want, 50 * eps<T>(), "negative step");
}

class NormOther : public cupp::test::GpuTest {};

TEST_F(NormOther, DocumentationExample) {
  // example-begin norm
  namespace la = cupp::linalg;
  const ndarray<double> a = cupp::asarray<double>({{-4, -3, -2}, {-1, 0, 1}, {2, 3, 4}});
  const double fro = la::norm(a).item();             // 7.745966692414834 (Frobenius)
  const double inf = la::norm(a, INFINITY).item();   // 9 (largest row sum of |a|)
  const double one = la::norm(a, 1).item();          // 7 (largest column sum)
  const ndarray<double> rows = la::norm(a, 1, 1);    // [9, 2, 9]: vector 1-norms of the rows
  const ndarray<double> cols = la::norm(a, {}, 0);   // 2-norms of the columns
  const ndarray<double> nuc = la::norm(a, "nuc", {-2, -1}, true);  // shape (1, 1)
  // example-end
  EXPECT_NEAR(fro, 7.745966692414834, 1e-14);
  EXPECT_EQ(inf, 9.0);
  EXPECT_EQ(one, 7.0);
  EXPECT_EQ(rows.get(), (std::vector<double>{9, 2, 9}));
  const auto c = cols.get();
  EXPECT_NEAR(c[0], std::sqrt(21.0), 1e-14);
  EXPECT_NEAR(c[1], std::sqrt(18.0), 1e-14);
  EXPECT_NEAR(c[2], std::sqrt(21.0), 1e-14);
  EXPECT_EQ(nuc.shape(), (shape_t{1, 1}));
  // NumPy's doc values for the flattened b = arange(9) - 4: ord 3 and -3... on a vector.
  const ndarray<double> b = cupp::asarray<double>({-4, -3, -2, -1, 0, 1, 2, 3, 4});
  EXPECT_NEAR(la::norm(b, 3).item(), 5.8480354764257312, 1e-13);
  EXPECT_EQ(la::norm(b, -3).item(), 0.0);
  EXPECT_EQ(la::norm(b, 0).item(), 8.0);
  EXPECT_EQ(la::norm(b, -INFINITY).item(), 0.0);
}

TEST_F(NormOther, EmptyInputs) {
  EXPECT_EQ(la::norm(ndarray<double>(shape_t{0})).item(), 0.0);
  EXPECT_EQ(la::norm(ndarray<float>(shape_t{0, 3}), "fro").item(), 0.0f);
  EXPECT_EQ(la::norm(ndarray<double>(shape_t{0}), 1).item(), 0.0);
  EXPECT_EQ(la::norm(ndarray<double>(shape_t{4, 0}), 2, 1).get(), (std::vector<double>(4, 0.0)));
  CUPP_EXPECT_THROW_MSG(la::norm(ndarray<double>(shape_t{0}), INFINITY), cupp::value_error,
                        "zero-size array to reduction operation maximum which has no identity");
}

TEST_F(NormOther, ResultDtypes) {
  static_assert(std::is_same_v<decltype(la::norm(ndarray<std::int16_t>())), ndarray<double>>);
  static_assert(std::is_same_v<decltype(la::norm(ndarray<bool>())), ndarray<double>>);
  static_assert(std::is_same_v<decltype(la::norm(ndarray<std::complex<float>>())), ndarray<float>>);
  static_assert(std::is_same_v<decltype(la::cond(ndarray<std::int64_t>())), ndarray<double>>);
  static_assert(std::is_same_v<decltype(la::cond(ndarray<std::complex<float>>())), ndarray<float>>);
  SUCCEED();
}

// ---- spectral norms and condition numbers: matrices of known singular values -------------------

/// U diag(s) V^H, m x n, with U (m x m) and V (n x n) unitary; also its inverse V diag(1/s) U^H
/// when square.
struct svd_case {
  Mat a, inverse;
  std::vector<double> s;  // descending
};

svd_case make_svd_case(std::int64_t m, std::int64_t n, bool complex, std::mt19937& gen) {
  std::uniform_real_distribution<double> u(0.5, 4.0);
  const std::int64_t k = std::min(m, n);
  svd_case c;
  for (std::int64_t i = 0; i < k; ++i) c.s.push_back(u(gen));
  std::sort(c.s.rbegin(), c.s.rend());
  const Mat U = random_unitary(m, complex, gen), V = random_unitary(n, complex, gen);
  c.a.assign(static_cast<std::size_t>(m * n), 0.0);
  for (std::int64_t i = 0; i < m; ++i)
    for (std::int64_t j = 0; j < n; ++j)
      for (std::int64_t l = 0; l < k; ++l)
        c.a[i * n + j] += U[i * m + l] * c.s[l] * std::conj(V[j * n + l]);
  if (m == n) {
    c.inverse.assign(static_cast<std::size_t>(n * n), 0.0);
    for (std::int64_t i = 0; i < n; ++i)
      for (std::int64_t j = 0; j < n; ++j)
        for (std::int64_t l = 0; l < n; ++l)
          c.inverse[i * n + j] += V[i * n + l] / c.s[l] * std::conj(U[j * n + l]);
  }
  return c;
}

/// NumPy's matrix norm for the orders that need no singular values.
double matrix_norm(const Mat& a, std::int64_t m, std::int64_t n, const std::string& ord) {
  std::vector<double> colsum(n, 0.0), rowsum(m, 0.0);
  double fro = 0;
  for (std::int64_t i = 0; i < m; ++i)
    for (std::int64_t j = 0; j < n; ++j) {
      colsum[j] += std::abs(a[i * n + j]);
      rowsum[i] += std::abs(a[i * n + j]);
      fro += std::norm(a[i * n + j]);
    }
  if (ord == "1") return *std::max_element(colsum.begin(), colsum.end());
  if (ord == "-1") return *std::min_element(colsum.begin(), colsum.end());
  if (ord == "inf") return *std::max_element(rowsum.begin(), rowsum.end());
  if (ord == "-inf") return *std::min_element(rowsum.begin(), rowsum.end());
  return std::sqrt(fro);
}

la::norm_ord ord_of(const std::string& name) {
  if (name == "1") return 1;
  if (name == "-1") return -1;
  if (name == "inf") return kInf;
  if (name == "-inf") return -kInf;
  if (name == "2") return 2;
  if (name == "-2") return -2;
  return name;  // "fro", "nuc"
}

template <class T>
ndarray<T> upload(const std::vector<Mat>& mats, const shape_t& shape) {
  std::vector<T> host;
  for (const auto& m : mats)
    for (const auto& z : m) host.push_back(to<T>(z));
  return cupp::asarray(host, shape);
}

template <class T>
class SpectralNorm : public cupp::test::GpuTest {};
using InexactTypes = ::testing::Types<float, double, std::complex<float>, std::complex<double>>;
TYPED_TEST_SUITE(SpectralNorm, InexactTypes);

TYPED_TEST(SpectralNorm, TwoNucAndMinusTwoFromKnownSingularValues) {
  using T = TypeParam;
  std::mt19937 gen(41);
  for (const shape_t& shape : {shape_t{6, 4}, shape_t{3, 7}, shape_t{2, 3, 5, 5}}) {
    const std::int64_t m = shape[shape.size() - 2], n = shape.back();
    std::int64_t batch = 1;
    for (std::size_t i = 0; i + 2 < shape.size(); ++i) batch *= shape[i];
    std::vector<svd_case> cases;
    std::vector<Mat> mats;
    for (std::int64_t b = 0; b < batch; ++b) {
      cases.push_back(make_svd_case(m, n, is_cplx<T>, gen));
      mats.push_back(cases.back().a);
    }
    const ndarray<T> a = upload<T>(mats, shape);
    const shape_t batch_shape(shape.begin(), shape.end() - 2);
    std::vector<double> two, mtwo, nuc;
    for (const auto& c : cases) {
      two.push_back(c.s.front());
      mtwo.push_back(c.s.back());
      double sum = 0;
      for (double v : c.s) sum += v;
      nuc.push_back(sum);
    }
    const cupp::axis_arg last2{-2, -1};
    const double tol = 30 * static_cast<double>(std::max(m, n)) * eps<T>();
    const std::string what = cupp::shape_str(shape);
    const auto r2 = la::norm(a, 2, last2);
    EXPECT_EQ(r2.shape(), batch_shape);
    expect_close(r2.get(), two, tol, what + " ord 2");
    expect_close(la::norm(a, -2, last2).get(), mtwo, tol, what + " ord -2");
    expect_close(la::norm(a, "nuc", last2).get(), nuc, tol, what + " nuc");
    shape_t ones = shape;
    ones[ones.size() - 1] = ones[ones.size() - 2] = 1;
    EXPECT_EQ(la::norm(a, "nuc", last2, true).shape(), ones);
    // The axes the other way round: the transposes, which have the same singular values.
    expect_close(la::norm(a, 2, cupp::axis_arg{-1, -2}).get(), two, tol, what + " ord 2 (-1, -2)");
    // cond, ord None / 2 / -2: s_max / s_min (and its inverse).
    std::vector<double> ratio, inverse_ratio;
    for (std::size_t i = 0; i < two.size(); ++i) {
      ratio.push_back(two[i] / mtwo[i]);
      inverse_ratio.push_back(mtwo[i] / two[i]);
    }
    expect_close(la::cond(a).get(), ratio, tol, what + " cond");
    expect_close(la::cond(a, 2).get(), ratio, tol, what + " cond 2");
    expect_close(la::cond(a, -2).get(), inverse_ratio, tol, what + " cond -2");
  }
}

TYPED_TEST(SpectralNorm, CondByTheInverseForTheOtherOrders) {
  using T = TypeParam;
  std::mt19937 gen(43);
  for (const shape_t& shape : {shape_t{5, 5}, shape_t{3, 4, 4}}) {
    const std::int64_t n = shape.back();
    const std::int64_t batch = shape.size() == 3 ? shape[0] : 1;
    std::vector<svd_case> cases;
    std::vector<Mat> mats;
    for (std::int64_t b = 0; b < batch; ++b) {
      cases.push_back(make_svd_case(n, n, is_cplx<T>, gen));
      mats.push_back(cases.back().a);
    }
    const ndarray<T> a = upload<T>(mats, shape);
    for (const std::string ord : {"1", "-1", "inf", "-inf", "fro", "nuc"}) {
      std::vector<double> want;
      for (const auto& c : cases) {
        if (ord == "nuc") {
          double s = 0, si = 0;
          for (double v : c.s) s += v, si += 1 / v;
          want.push_back(s * si);
        } else {
          want.push_back(matrix_norm(c.a, n, n, ord) * matrix_norm(c.inverse, n, n, ord));
        }
      }
      const auto r = la::cond(a, ord_of(ord));
      EXPECT_EQ(r.shape(), shape_t(shape.begin(), shape.end() - 2)) << ord;
      expect_close(r.get(), want, 200 * static_cast<double>(n) * eps<T>(), "cond " + ord);
    }
  }
}

class Cond : public cupp::test::GpuTest {};

TEST_F(Cond, SingularMatricesGiveInfinityAndNaNInputNaN) {
  // example-begin cond
  namespace la = cupp::linalg;
  const ndarray<double> a = cupp::asarray<double>({{1, 0, -1}, {0, 1, 0}, {1, 0, 1}});
  const double c = la::cond(a).item();      // 1.4142135623730951 (sqrt(2)): s_max / s_min
  const double c1 = la::cond(a, 1).item();  // 2: norm(a, 1) * norm(inv(a), 1)
  const ndarray<double> singular = cupp::asarray<double>({{1, 2}, {2, 4}});
  const double c_singular = la::cond(singular, 1).item();  // inf, not an error
  // example-end
  EXPECT_NEAR(c, std::sqrt(2.0), 1e-14);
  EXPECT_NEAR(c1, 2.0, 1e-14);
  EXPECT_EQ(c_singular, kInf);
  // The zero matrix: 0 / 0 in the singular-value route, inf as NumPy.
  EXPECT_EQ(la::cond(ndarray<double>(cupp::zeros<double>({3, 3}))).item(), kInf);
  // A stack: each matrix on its own; a NaN matrix stays NaN, a singular one is inf.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  ndarray<double> s({3, 2, 2});
  s.set({2, 0, 0, 4, 1, 2, 2, 4, nan, 1, 1, 1});
  const auto r = la::cond(s, kInf).get();
  ASSERT_EQ(r.size(), 3u);
  EXPECT_NEAR(r[0], 2.0, 1e-14);
  EXPECT_EQ(r[1], kInf);
  EXPECT_TRUE(std::isnan(r[2]));
  // cond leaves the caller's errstate as it was.
  EXPECT_EQ(la::error_mode(), la::on_error::raise);
}

TEST_F(Cond, IntegerInputIsFloat64) {
  const ndarray<std::int32_t> a = cupp::asarray<std::int32_t>({{4, 0}, {0, 1}});
  const ndarray<double> c = la::cond(a);
  EXPECT_NEAR(c.item(), 4.0, 1e-14);
  EXPECT_NEAR(la::cond(a, "fro").item(), std::sqrt(17.0) * std::sqrt(1.0625), 1e-13);
}

// ---- errors (no GPU needed) -----------------------------------------------------------------------

TEST(NormErrors, NumPysMessages) {
  using cupp::test::shaped;
  CUPP_EXPECT_THROW_MSG(la::norm(shaped<double>({3}), "fro"), cupp::value_error,
                        "Invalid norm order 'fro' for vectors");
  CUPP_EXPECT_THROW_MSG(la::norm(shaped<float>({3, 4}), "nuc", 1), cupp::value_error,
                        "Invalid norm order 'nuc' for vectors");
  CUPP_EXPECT_THROW_MSG(la::norm(shaped<double>({3, 3}), 3), cupp::value_error,
                        "Invalid norm order for matrices.");
  CUPP_EXPECT_THROW_MSG(la::norm(shaped<double>({3, 3}), 0), cupp::value_error,
                        "Invalid norm order for matrices.");
  CUPP_EXPECT_THROW_MSG(la::norm(shaped<std::int32_t>({3, 3}), "abc"), cupp::value_error,
                        "Invalid norm order for matrices.");
  CUPP_EXPECT_THROW_MSG(la::norm(shaped<double>({2, 3, 4}), "fro"), cupp::value_error,
                        "Improper number of dimensions to norm.");
  CUPP_EXPECT_THROW_MSG(la::norm(shaped<double>({2, 3, 4}), 2, {0, 1, 2}), cupp::value_error,
                        "Improper number of dimensions to norm.");
  CUPP_EXPECT_THROW_MSG(la::norm(shaped<double>({}), 1), cupp::value_error,
                        "Improper number of dimensions to norm.");
  CUPP_EXPECT_THROW_MSG(la::norm(shaped<double>({3, 3}), {}, {1, -1}), cupp::value_error,
                        "Duplicate axes given.");
  CUPP_EXPECT_THROW_MSG(la::norm(shaped<double>({3, 3}), {}, {0, 2}), cupp::axis_error,
                        "axis 2 is out of bounds for array of dimension 2");
  CUPP_EXPECT_THROW_MSG(la::norm(shaped<double>({3, 3}), 1, -3), cupp::axis_error,
                        "axis -3 is out of bounds for array of dimension 2");
}

TEST(NormErrors, CondMessages) {
  using cupp::test::shaped;
  CUPP_EXPECT_THROW_MSG(la::cond(shaped<double>({0, 0})), cupp::linalg_error,
                        "cond is not defined on empty arrays");
  CUPP_EXPECT_THROW_MSG(la::cond(shaped<double>({2, 3, 0}), 1), cupp::linalg_error,
                        "cond is not defined on empty arrays");
  CUPP_EXPECT_THROW_MSG(la::cond(shaped<double>({3})), cupp::linalg_error,
                        "1-dimensional array given. Array must be at least two-dimensional");
  CUPP_EXPECT_THROW_MSG(la::cond(shaped<double>({2, 3}), 1), cupp::linalg_error,
                        "Last 2 dimensions of the array must be square");
  CUPP_EXPECT_THROW_MSG(la::cond(shaped<std::int32_t>({2, 3}), "fro"), cupp::linalg_error,
                        "Last 2 dimensions of the array must be square");
}

TEST(NormErrors, NormOrdForms) {
  EXPECT_TRUE(la::norm_ord().is_none());
  EXPECT_TRUE(la::norm_ord(std::nullopt).is_none());
  EXPECT_TRUE(la::norm_ord(0) == 0);
  EXPECT_TRUE(la::norm_ord(2) == 2.0);
  EXPECT_TRUE(la::norm_ord(INFINITY) == kInf);
  EXPECT_FALSE(la::norm_ord("fro") == 2);
  EXPECT_EQ(la::norm_ord("nuc").name(), "nuc");
  EXPECT_EQ(la::norm_ord(std::string("fro")).name(), "fro");
}

}  // namespace
