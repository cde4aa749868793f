// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// eigh, eigvalsh, eig and eigvals against matrices of known spectrum built on the host
// (Q diag(lambda) Q^H, and Q T Q^H with T a (real) Schur form), with residual and orthonormality
// checks of the eigenvectors: every dtype, integers, stacks on both of eigh's routes, transposed
// and negative-step inputs, empty inputs, NumPy's errors and the NaN results of errstate(ignore).
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
#include "cupp/linalg/eigen.hpp"
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

template <class T>
using real_of = cupp::linalg::detail::real_t<T>;

template <class T>
double eps() {
  return static_cast<double>(std::numeric_limits<real_of<T>>::epsilon());
}

template <class T>
T to(const cplx& z) {
  if constexpr (is_cplx<T>)
    return T(static_cast<real_of<T>>(z.real()), static_cast<real_of<T>>(z.imag()));
  else
    return static_cast<T>(z.real());
}

/// Q M Q^H.
Mat conjugate_by(const Mat& q, const Mat& m, std::int64_t n) {
  Mat t(static_cast<std::size_t>(n * n)), r(static_cast<std::size_t>(n * n));
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t j = 0; j < n; ++j) {
      cplx s = 0;
      for (std::int64_t k = 0; k < n; ++k) s += q[i * n + k] * m[k * n + j];
      t[i * n + j] = s;
    }
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t j = 0; j < n; ++j) {
      cplx s = 0;
      for (std::int64_t k = 0; k < n; ++k) s += t[i * n + k] * std::conj(q[j * n + k]);
      r[i * n + j] = s;
    }
  return r;
}

struct spectrum_case {
  Mat a;                    // the matrix (Hermitian for eigh cases), row-major
  std::vector<cplx> lambda; // its eigenvalues (ascending for Hermitian cases)
};

/// A Hermitian (real symmetric unless `complex`) matrix with eigenvalues in [-5, 5].
spectrum_case hermitian_case(std::int64_t n, bool complex, std::mt19937& gen) {
  std::uniform_real_distribution<double> u(-5, 5);
  std::vector<double> lam(static_cast<std::size_t>(n));
  for (auto& l : lam) l = u(gen);
  std::sort(lam.begin(), lam.end());
  Mat d(static_cast<std::size_t>(n * n), 0.0);
  for (std::int64_t i = 0; i < n; ++i) d[i * n + i] = lam[static_cast<std::size_t>(i)];
  spectrum_case c;
  c.a = conjugate_by(random_unitary(n, complex, gen), d, n);
  // Exactly Hermitian (the rounding of the products is not).
  for (std::int64_t i = 0; i < n; ++i) {
    c.a[i * n + i] = c.a[i * n + i].real();
    for (std::int64_t j = 0; j < i; ++j) c.a[j * n + i] = std::conj(c.a[i * n + j]);
  }
  c.lambda.assign(lam.begin(), lam.end());
  return c;
}

/// A general matrix Q S Q^H with S in (real) Schur form: eigenvalues (k - n/2) + i b_k, spaced
/// at least 1 apart; for a real matrix the complex ones in conjugate pairs (2x2 blocks).
spectrum_case general_case(std::int64_t n, bool complex, std::mt19937& gen) {
  std::uniform_real_distribution<double> u(-1, 1);
  Mat s(static_cast<std::size_t>(n * n), 0.0);
  spectrum_case c;
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t j = i + 1; j < n; ++j) s[i * n + j] = 0.1 * cplx(u(gen), complex ? u(gen) : 0);
  for (std::int64_t k = 0; k < n;) {
    const double re = static_cast<double>(k) - static_cast<double>(n) / 2;
    if (complex) {
      const cplx l(re, 2 * u(gen));
      s[k * n + k] = l;
      c.lambda.push_back(l);
      ++k;
    } else if (k + 1 < n && k % 3 != 2) {  // a pair re +- i b
      const double b = 0.5 + std::abs(u(gen));
      s[k * n + k] = re;
      s[(k + 1) * n + k + 1] = re;
      s[k * n + k + 1] = b;
      s[(k + 1) * n + k] = -b;
      c.lambda.push_back(cplx(re, b));
      c.lambda.push_back(cplx(re, -b));
      k += 2;
    } else {
      s[k * n + k] = re;
      c.lambda.push_back(re);
      ++k;
    }
  }
  c.a = conjugate_by(random_unitary(n, complex, gen), s, n);
  return c;
}

double frobenius(const Mat& a) {
  double s = 0;
  for (const auto& z : a) s += std::norm(z);
  return std::sqrt(s);
}

/// Uploads the row-major matrices (concatenated) as an array of T of `shape`.
template <class T>
ndarray<T> upload(const std::vector<Mat>& mats, const shape_t& shape) {
  std::vector<T> host;
  for (const auto& m : mats)
    for (const auto& z : m) host.push_back(to<T>(z));
  ndarray<T> a(shape);
  a.set(host);
  return a;
}

/// Checks eigh's results for matrix `b` of a stack: eigenvalues against the known ones,
/// ||A V - V diag(w)|| / ||A|| and ||V^H V - I||.
template <class T>
void check_eigh_matrix(const spectrum_case& c, const std::vector<real_of<T>>& w,
                       const std::vector<T>* v, std::int64_t n, std::int64_t b,
                       const std::string& what) {
  const double tol = 30.0 * static_cast<double>(n) * eps<T>();
  double scale = 1;
  for (const auto& l : c.lambda) scale = std::max(scale, std::abs(l));
  for (std::int64_t i = 0; i < n; ++i)
    EXPECT_NEAR(static_cast<double>(w[b * n + i]), c.lambda[i].real(), tol * scale)
        << what << " eigenvalue " << i;
  if (!v) return;
  const double anorm = std::max(frobenius(c.a), 1e-300);
  double res = 0, orth = 0;
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t r = 0; r < n; ++r) {
      cplx av = 0;
      for (std::int64_t k = 0; k < n; ++k) av += c.a[r * n + k] * as_c((*v)[b * n * n + k * n + i]);
      res += std::norm(av - static_cast<double>(w[b * n + i]) * as_c((*v)[b * n * n + r * n + i]));
    }
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t j = 0; j < n; ++j) {
      cplx s = 0;
      for (std::int64_t k = 0; k < n; ++k)
        s += std::conj(as_c((*v)[b * n * n + k * n + i])) * as_c((*v)[b * n * n + k * n + j]);
      orth += std::norm(s - (i == j ? 1.0 : 0.0));
    }
  EXPECT_LE(std::sqrt(res) / anorm, tol) << what << " residual";
  EXPECT_LE(std::sqrt(orth), tol) << what << " orthonormality";
}

/// Checks eig's results for matrix `b`: each known eigenvalue matched by a distinct computed one,
/// ||A v - w v|| / ||A|| and ||v|| = 1 for each eigenvector.
template <class C>
void check_eig_matrix(const spectrum_case& c, const std::vector<C>& w, const std::vector<C>* v,
                      std::int64_t n, std::int64_t b, double tol, const std::string& what) {
  double scale = 1;
  for (const auto& l : c.lambda) scale = std::max(scale, std::abs(l));
  std::vector<bool> used(static_cast<std::size_t>(n), false);
  for (const auto& l : c.lambda) {
    std::int64_t best = -1;
    double best_d = std::numeric_limits<double>::infinity();
    for (std::int64_t i = 0; i < n; ++i) {
      const double d = std::abs(as_c(w[b * n + i]) - l);
      if (!used[i] && d < best_d) best = i, best_d = d;
    }
    ASSERT_GE(best, 0) << what;
    used[best] = true;
    EXPECT_LE(best_d, 100 * tol * scale) << what << " eigenvalue " << l;
  }
  if (!v) return;
  const double anorm = std::max(frobenius(c.a), 1e-300);
  for (std::int64_t i = 0; i < n; ++i) {
    double res = 0, nrm = 0;
    const cplx wi = as_c(w[b * n + i]);
    for (std::int64_t r = 0; r < n; ++r) {
      cplx av = 0;
      for (std::int64_t k = 0; k < n; ++k) av += c.a[r * n + k] * as_c((*v)[b * n * n + k * n + i]);
      const cplx vr = as_c((*v)[b * n * n + r * n + i]);
      res += std::norm(av - wi * vr);
      nrm += std::norm(vr);
    }
    EXPECT_LE(std::sqrt(res) / anorm, tol) << what << " residual of eigenvector " << i;
    EXPECT_NEAR(std::sqrt(nrm), 1.0, tol) << what << " norm of eigenvector " << i;
  }
}

template <class T>
class Eigh : public cupp::test::GpuTest {};
template <class T>
class Eig : public cupp::test::GpuTest {};
using InexactTypes = ::testing::Types<float, double, std::complex<float>, std::complex<double>>;
TYPED_TEST_SUITE(Eigh, InexactTypes);
TYPED_TEST_SUITE(Eig, InexactTypes);

// ---- eigh / eigvalsh ----------------------------------------------------------------------------

TYPED_TEST(Eigh, KnownSpectrumReadsOnlyTheUploTriangle) {
  using T = TypeParam;
  std::mt19937 gen(1234);
  for (const std::int64_t n : {1, 2, 5, 33, 64}) {
    for (const char uplo : {'L', 'U'}) {
      const spectrum_case c = hermitian_case(n, is_cplx<T>, gen);
      Mat poisoned = c.a;  // garbage outside the triangle that must be read
      for (std::int64_t i = 0; i < n; ++i)
        for (std::int64_t j = 0; j < n; ++j)
          if (uplo == 'L' ? j > i : j < i) poisoned[i * n + j] = cplx(1e3 + i, -7.0 * j);
      // The imaginary part of the diagonal is ignored too.
      for (std::int64_t i = 0; i < n; ++i) poisoned[i * n + i] += cplx(0, 0.5 + i);
      const ndarray<T> a = upload<T>({poisoned}, {n, n});
      const auto r = cupp::linalg::eigh(a, uplo);
      static_assert(std::is_same_v<std::decay_t<decltype(r.eigenvalues)>, ndarray<real_of<T>>>);
      static_assert(std::is_same_v<std::decay_t<decltype(r.eigenvectors)>, ndarray<T>>);
      ASSERT_EQ(r.eigenvalues.shape(), (shape_t{n}));
      ASSERT_EQ(r.eigenvectors.shape(), (shape_t{n, n}));
      const std::string what = "n=" + std::to_string(n) + " UPLO=" + uplo;
      const auto w = r.eigenvalues.get();
      const auto v = r.eigenvectors.get();
      check_eigh_matrix<T>(c, w, &v, n, 0, what);
      // eigvalsh: the same eigenvalues; lower-case UPLO as NumPy accepts it.
      const auto w2 = cupp::linalg::eigvalsh(a, static_cast<char>(uplo - 'A' + 'a')).get();
      check_eigh_matrix<T>(c, w2, nullptr, n, 0, what + " eigvalsh");
    }
  }
}

TYPED_TEST(Eigh, StacksOnTheJacobiAndDivideAndConquerRoutes) {
  using T = TypeParam;
  std::mt19937 gen(99);
  // (2, 3, 4, 4): the batched Jacobi solver; (2, 2, 40, 40): one syevd per matrix.
  for (const shape_t& shape : {shape_t{2, 3, 4, 4}, shape_t{2, 2, 40, 40}, shape_t{3, 1, 1}}) {
    const std::int64_t n = shape.back();
    const std::int64_t batch = shape[0] * (shape.size() == 4 ? shape[1] : 1);
    std::vector<spectrum_case> cases;
    std::vector<Mat> mats;
    for (std::int64_t b = 0; b < batch; ++b) {
      cases.push_back(hermitian_case(n, is_cplx<T>, gen));
      mats.push_back(cases.back().a);
    }
    const ndarray<T> a = upload<T>(mats, shape);
    const auto r = cupp::linalg::eigh(a);
    shape_t wshape(shape.begin(), shape.end() - 1);
    ASSERT_EQ(r.eigenvalues.shape(), wshape);
    ASSERT_EQ(r.eigenvectors.shape(), shape);
    const auto w = r.eigenvalues.get();
    const auto v = r.eigenvectors.get();
    const auto w2 = cupp::linalg::eigvalsh(a).get();
    for (std::int64_t b = 0; b < batch; ++b) {
      const std::string what = cupp::shape_str(shape) + " matrix " + std::to_string(b);
      check_eigh_matrix<T>(cases[b], w, &v, n, b, what);
      check_eigh_matrix<T>(cases[b], w2, nullptr, n, b, what + " eigvalsh");
    }
  }
}

TYPED_TEST(Eigh, LargeMatrixCrossesTheSolversBlocking) {
  using T = TypeParam;
  std::mt19937 gen(7);
  const std::int64_t n = 300;
  const spectrum_case c = hermitian_case(n, is_cplx<T>, gen);
  const auto r = cupp::linalg::eigh(upload<T>({c.a}, {n, n}), 'U');
  const auto w = r.eigenvalues.get();
  const auto v = r.eigenvectors.get();
  check_eigh_matrix<T>(c, w, &v, n, 0, "n=300");
}

TYPED_TEST(Eigh, TransposedAndNegativeStepInputs) {
  using T = TypeParam;
  std::mt19937 gen(5);
  const std::int64_t n = 6;
  const spectrum_case c = hermitian_case(n, is_cplx<T>, gen);
  // a.T() where the upload holds A^T: the view is A.
  Mat at(static_cast<std::size_t>(n * n));
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t j = 0; j < n; ++j) at[j * n + i] = c.a[i * n + j];
  const ndarray<T> t = upload<T>({at}, {n, n}).T();
  ASSERT_FALSE(t.is_c_contiguous());
  {
    const auto r = cupp::linalg::eigh(t);
    const auto w = r.eigenvalues.get();
    const auto v = r.eigenvectors.get();
    check_eigh_matrix<T>(c, w, &v, n, 0, "transposed");
  }
  // Every other column, backwards: b[:, ::-2] with b[i, 2n-1-2j] = A[i, j].
  Mat wide(static_cast<std::size_t>(2 * n * n), cplx(-99.0, 3.0));
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t j = 0; j < n; ++j) wide[i * 2 * n + (2 * n - 1 - 2 * j)] = c.a[i * n + j];
  const ndarray<T> s =
      upload<T>({wide}, {n, 2 * n})(cupp::slice(), cupp::slice(std::nullopt, std::nullopt, -2));
  ASSERT_EQ(s.shape(), (shape_t{n, n}));
  const auto r = cupp::linalg::eigh(s);
  const auto w = r.eigenvalues.get();
  const auto v = r.eigenvectors.get();
  check_eigh_matrix<T>(c, w, &v, n, 0, "negative step");
}

TYPED_TEST(Eigh, EmptyInputs) {
  using T = TypeParam;
  for (const shape_t& shape : {shape_t{0, 0}, shape_t{0, 3, 3}, shape_t{2, 0, 0}}) {
    const auto r = cupp::linalg::eigh(ndarray<T>(shape));
    EXPECT_EQ(r.eigenvalues.shape(), shape_t(shape.begin(), shape.end() - 1));
    EXPECT_EQ(r.eigenvectors.shape(), shape);
    EXPECT_EQ(cupp::linalg::eigvalsh(ndarray<T>(shape)).shape(),
              shape_t(shape.begin(), shape.end() - 1));
  }
}

class EighOther : public cupp::test::GpuTest {};

TEST_F(EighOther, IntegerInputIsComputedInFloat64) {
  // example-begin eigh
  // The second-difference matrix tridiag(-1, 2, -1): eigenvalues 2 - 2 cos(k pi / (n + 1)).
  const std::int64_t n = 10;
  std::vector<std::int32_t> host(n * n, 0);
  for (std::int64_t i = 0; i < n; ++i) {
    host[i * n + i] = 2;
    if (i > 0) host[i * n + i - 1] = host[(i - 1) * n + i] = -1;
  }
  const ndarray<std::int32_t> a = cupp::asarray(host, {n, n});
  const auto [w, v] = cupp::linalg::eigh(a);  // w: ndarray<double> (n,), ascending
                                              // v: ndarray<double> (n, n), eigenvectors in columns
  // example-end
  static_assert(std::is_same_v<std::decay_t<decltype(w)>, ndarray<double>>);
  static_assert(std::is_same_v<std::decay_t<decltype(v)>, ndarray<double>>);
  const auto wh = w.get();
  const double pi = std::acos(-1.0);
  for (std::int64_t k = 1; k <= n; ++k)
    EXPECT_NEAR(wh[k - 1], 2 - 2 * std::cos(static_cast<double>(k) * pi / (n + 1)), 1e-13);
  const ndarray<double> wv = cupp::linalg::eigvalsh(a);
  const auto wvh = wv.get();
  for (std::int64_t k = 0; k < n; ++k) EXPECT_NEAR(wvh[k], wh[k], 1e-13);
}

TEST_F(EighOther, ManySmallMatrices) {
  // The benchmark's shape, smaller: a stack of 4 x 4 float32 matrices in one Jacobi launch.
  std::mt19937 gen(2024);
  const std::int64_t batch = 1000, n = 4;
  std::vector<spectrum_case> cases;
  std::vector<Mat> mats;
  for (std::int64_t b = 0; b < batch; ++b) {
    cases.push_back(hermitian_case(n, false, gen));
    mats.push_back(cases.back().a);
  }
  const auto r = cupp::linalg::eigh(upload<float>(mats, {batch, n, n}));
  const auto w = r.eigenvalues.get();
  const auto v = r.eigenvectors.get();
  for (std::int64_t b = 0; b < batch; b += 37)
    check_eigh_matrix<float>(cases[b], w, &v, n, b, "matrix " + std::to_string(b));
}

// ---- eig / eigvals ------------------------------------------------------------------------------

TYPED_TEST(Eig, KnownSpectrumUnbatchedAndBatched) {
  using T = TypeParam;
  using C = std::complex<real_of<T>>;
  std::mt19937 gen(31);
  for (const shape_t& shape :
       {shape_t{1, 1}, shape_t{2, 2}, shape_t{7, 7}, shape_t{32, 32}, shape_t{2, 3, 5, 5}}) {
    const std::int64_t n = shape.back();
    std::int64_t batch = 1;
    for (std::size_t i = 0; i + 2 < shape.size(); ++i) batch *= shape[i];
    std::vector<spectrum_case> cases;
    std::vector<Mat> mats;
    for (std::int64_t b = 0; b < batch; ++b) {
      cases.push_back(general_case(n, is_cplx<T>, gen));
      mats.push_back(cases.back().a);
    }
    const ndarray<T> a = upload<T>(mats, shape);
    const auto r = cupp::linalg::eig(a);
    static_assert(std::is_same_v<std::decay_t<decltype(r.eigenvalues)>, ndarray<C>>);
    static_assert(std::is_same_v<std::decay_t<decltype(r.eigenvectors)>, ndarray<C>>);
    ASSERT_EQ(r.eigenvalues.shape(), shape_t(shape.begin(), shape.end() - 1));
    ASSERT_EQ(r.eigenvectors.shape(), shape);
    const auto w = r.eigenvalues.get();
    const auto v = r.eigenvectors.get();
    const auto w2 = cupp::linalg::eigvals(a).get();
    const double tol = 50.0 * static_cast<double>(n) * eps<T>();
    for (std::int64_t b = 0; b < batch; ++b) {
      const std::string what = cupp::shape_str(shape) + " matrix " + std::to_string(b);
      check_eig_matrix<C>(cases[b], w, &v, n, b, tol, what);
      check_eig_matrix<C>(cases[b], w2, nullptr, n, b, tol, what + " eigvals");
    }
  }
}

TYPED_TEST(Eig, TransposedInput) {
  using T = TypeParam;
  using C = std::complex<real_of<T>>;
  std::mt19937 gen(77);
  const std::int64_t n = 9;
  const spectrum_case c = general_case(n, is_cplx<T>, gen);
  Mat at(static_cast<std::size_t>(n * n));
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t j = 0; j < n; ++j) at[j * n + i] = c.a[i * n + j];
  const auto r = cupp::linalg::eig(upload<T>({at}, {n, n}).T());
  const auto w = r.eigenvalues.get();
  const auto v = r.eigenvectors.get();
  check_eig_matrix<C>(c, w, &v, n, 0, 50.0 * n * eps<T>(), "transposed");
}

TYPED_TEST(Eig, EmptyInputs) {
  using T = TypeParam;
  using C = std::complex<real_of<T>>;
  for (const shape_t& shape : {shape_t{0, 0}, shape_t{0, 3, 3}}) {
    const cupp::linalg::eig_result<C> r = cupp::linalg::eig(ndarray<T>(shape));
    EXPECT_EQ(r.eigenvalues.shape(), shape_t(shape.begin(), shape.end() - 1));
    EXPECT_EQ(r.eigenvectors.shape(), shape);
    EXPECT_EQ(cupp::linalg::eigvals(ndarray<T>(shape)).shape(),
              shape_t(shape.begin(), shape.end() - 1));
  }
}

class EigOther : public cupp::test::GpuTest {};

TEST_F(EigOther, LargeRealMatrix) {
  std::mt19937 gen(300);
  const std::int64_t n = 300;
  const spectrum_case c = general_case(n, false, gen);
  const auto r = cupp::linalg::eig(upload<double>({c.a}, {n, n}));
  const auto w = r.eigenvalues.get();
  const auto v = r.eigenvectors.get();
  check_eig_matrix<cplx>(c, w, &v, n, 0, 50.0 * n * eps<double>(), "n=300");
}

TEST_F(EigOther, IntegerInputAndRotation) {
  // example-begin eig
  // A rotation by 90 degrees: eigenvalues +-i, returned as complex even for real input.
  const ndarray<std::int64_t> a = cupp::asarray<std::int64_t>({{0, -1}, {1, 0}});
  const auto [w, v] = cupp::linalg::eig(a);  // ndarray<std::complex<double>>: w = {i, -i}
  // example-end
  static_assert(std::is_same_v<std::decay_t<decltype(w)>, ndarray<cplx>>);
  const auto wh = w.get();
  ASSERT_EQ(wh.size(), 2u);
  // A conjugate pair (in geev's order: the positive imaginary part first).
  EXPECT_NEAR(std::abs(wh[0] - std::conj(wh[1])), 0.0, 1e-14);
  EXPECT_NEAR(std::abs(std::abs(wh[0].imag()) - 1.0), 0.0, 1e-14);
  EXPECT_NEAR(std::abs(wh[0].real()), 0.0, 1e-14);
  spectrum_case c;
  c.a = {0.0, -1.0, 1.0, 0.0};
  c.lambda = {cplx(0, 1), cplx(0, -1)};
  const auto vh = v.get();
  check_eig_matrix<cplx>(c, wh, &vh, 2, 0, 1e-14, "rotation");
  // A diagonal integer matrix: real eigenvalues, imaginary parts exactly 0.
  const auto d = cupp::linalg::eigvals(cupp::asarray<std::int32_t>({{3, 0}, {0, -2}})).get();
  std::vector<double> re = {d[0].real(), d[1].real()};
  std::sort(re.begin(), re.end());
  EXPECT_NEAR(re[0], -2.0, 1e-14);
  EXPECT_NEAR(re[1], 3.0, 1e-14);
  EXPECT_EQ(d[0].imag(), 0.0);
  EXPECT_EQ(d[1].imag(), 0.0);
}

TEST_F(EigOther, NonFiniteInputRaisesOrGivesNaN) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  ndarray<double> a({2, 2, 2});
  a.set({1.0, 2.0, 3.0, 4.0, nan, 1.0, 0.0, 1.0});
  CUPP_EXPECT_THROW_MSG(cupp::linalg::eig(a), cupp::linalg_error,
                        "Array must not contain infs or NaNs");
  CUPP_EXPECT_THROW_MSG(cupp::linalg::eigvals(a), cupp::linalg_error,
                        "Array must not contain infs or NaNs");
  // Under errstate(ignore) nothing is checked; the matrix holding NaN gives NaN, the other its
  // eigenvalues (5 +- sqrt(33)) / 2.
  const cupp::linalg::errstate quiet(cupp::linalg::on_error::ignore);
  const auto w = cupp::linalg::eigvals(a).get();
  std::vector<double> good = {w[0].real(), w[1].real()};
  std::sort(good.begin(), good.end());
  EXPECT_NEAR(good[0], (5 - std::sqrt(33.0)) / 2, 1e-13);
  EXPECT_NEAR(good[1], (5 + std::sqrt(33.0)) / 2, 1e-13);
  EXPECT_TRUE(std::isnan(w[2].real()) || std::isnan(w[2].imag()));
  EXPECT_TRUE(std::isnan(w[3].real()) || std::isnan(w[3].imag()));
}

// ---- errors (no GPU needed: every check runs before the first kernel) ---------------------------

TEST(EigenErrors, NumPysMessages) {
  using cupp::test::shaped;
  namespace la = cupp::linalg;
  CUPP_EXPECT_THROW_MSG(la::eigh(shaped<double>({3, 3}), 'X'), cupp::value_error,
                        "UPLO argument must be 'L' or 'U'");
  CUPP_EXPECT_THROW_MSG(la::eigvalsh(shaped<float>({3, 3}), 'A'), cupp::value_error,
                        "UPLO argument must be 'L' or 'U'");
  // UPLO is checked before the shape, as NumPy does.
  CUPP_EXPECT_THROW_MSG(la::eigh(shaped<double>({3}), 'X'), cupp::value_error,
                        "UPLO argument must be 'L' or 'U'");
  const std::string one_d = "1-dimensional array given. Array must be at least two-dimensional";
  const std::string square = "Last 2 dimensions of the array must be square";
  CUPP_EXPECT_THROW_MSG(la::eigh(shaped<double>({3})), cupp::linalg_error, one_d);
  CUPP_EXPECT_THROW_MSG(la::eigvalsh(shaped<std::int32_t>({4})), cupp::linalg_error, one_d);
  CUPP_EXPECT_THROW_MSG(la::eig(shaped<float>({5})), cupp::linalg_error, one_d);
  CUPP_EXPECT_THROW_MSG(la::eigvals(shaped<std::complex<float>>({})), cupp::linalg_error,
                        "0-dimensional array given. Array must be at least two-dimensional");
  CUPP_EXPECT_THROW_MSG(la::eigh(shaped<double>({2, 3})), cupp::linalg_error, square);
  CUPP_EXPECT_THROW_MSG(la::eigvalsh(shaped<std::complex<double>>({4, 2, 3})), cupp::linalg_error,
                        square);
  CUPP_EXPECT_THROW_MSG(la::eig(shaped<std::int64_t>({3, 2})), cupp::linalg_error, square);
  CUPP_EXPECT_THROW_MSG(la::eigvals(shaped<double>({1, 0})), cupp::linalg_error, square);
}

TEST(EigenErrors, ResultTypes) {
  namespace la = cupp::linalg;
  using cupp::test::shaped;
  static_assert(std::is_same_v<decltype(la::eigh(shaped<std::int32_t>({2, 2}))),
                               la::eigh_result<double>>);
  static_assert(std::is_same_v<decltype(la::eigh(shaped<std::complex<float>>({2, 2}))),
                               la::eigh_result<std::complex<float>>>);
  static_assert(std::is_same_v<decltype(la::eigvalsh(shaped<std::complex<float>>({2, 2}))),
                               ndarray<float>>);
  static_assert(std::is_same_v<decltype(la::eig(shaped<float>({2, 2}))),
                               la::eig_result<std::complex<float>>>);
  static_assert(std::is_same_v<decltype(la::eigvals(shaped<bool>({2, 2}))),
                               ndarray<std::complex<double>>>);
  static_assert(std::is_same_v<decltype(la::eigvals(shaped<double>({2, 2}))),
                               ndarray<std::complex<double>>>);
  SUCCEED();
}

}  // namespace
