// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cholesky on the GPU against a host Cholesky in complex<double>: lower and upper factors, only
// one triangle of the input read, batches on both routes (potrfBatched and the Xpotrf loop),
// strided inputs, integers, empty inputs and matrices that are not positive definite.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdint>
#include <string>
#include <vector>

#include "cupp/array.hpp"
#include "cupp/linalg/solve.hpp"
#include "solve_reference.hpp"
#include "core/throws.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::shape_t;
using cupp::slice;
using namespace cupp::test::solve_ref;

using cupp::test::message_of;

template <class T>
class CholeskyTyped : public cupp::test::GpuTest {};
using InexactDtypes = ::testing::Types<float, double, std::complex<float>, std::complex<double>>;
TYPED_TEST_SUITE(CholeskyTyped, InexactDtypes);

/// Checks cholesky(a, upper) against the host factor of the values of the view (its lower
/// triangle; with `upper`, the conjugate of its upper triangle): the factor, the exact zeros of
/// the other triangle, and the reconstruction.
template <class R, class A>
void expect_cholesky(const cupp::ndarray<A>& a, bool upper, double c = 20.0) {
  const cupp::ndarray<R> l = cupp::linalg::cholesky(a, upper);
  ASSERT_EQ(l.shape(), a.shape());
  const std::int64_t n = a.shape(-1);
  const std::vector<A> ha = a.get();
  const std::vector<R> hl = l.get();
  const std::int64_t count = a.size() / std::max<std::int64_t>(1, n * n);
  const double tol = c * static_cast<double>(n) * eps_of<R>();
  for (std::int64_t z = 0; z < count; ++z) {
    std::vector<cd> m = matrix_at(ha, z, n, n);
    if (upper)  // the matrix NumPy factors: the upper triangle, mirrored
      for (std::int64_t i = 0; i < n; ++i)
        for (std::int64_t j = 0; j < i; ++j)
          m[static_cast<std::size_t>(i * n + j)] =
              std::conj(m[static_cast<std::size_t>(j * n + i)]);
    const std::vector<cd> want = cholesky_ref(m, n);
    const double scale = max_abs(want);
    for (std::int64_t i = 0; i < n; ++i)
      for (std::int64_t j = 0; j < n; ++j) {
        const cd got = as_c(hl[static_cast<std::size_t>((z * n + i) * n + j)]);
        // upper: U = L^H, so U(i, j) = conj(L(j, i))
        const cd w = upper ? std::conj(want[static_cast<std::size_t>(j * n + i)])
                           : want[static_cast<std::size_t>(i * n + j)];
        if (upper ? j < i : j > i)
          ASSERT_EQ(got, cd(0.0)) << "matrix " << z << " (" << i << ", " << j << ")";
        else
          ASSERT_LE(std::abs(got - w), tol * scale)
              << "matrix " << z << " (" << i << ", " << j << ")";
      }
  }
}

template <class T>
cupp::ndarray<T> hpd_array(const shape_t& shape, unsigned seed) {
  const std::int64_t n = shape.back();
  return cupp::asarray<T>(hpd_values<T>(numel(shape) / std::max<std::int64_t>(1, n * n), n, seed),
                          shape);
}

TYPED_TEST(CholeskyTyped, LowerAndUpper) {
  using T = TypeParam;
  for (const bool upper : {false, true}) {
    expect_cholesky<T>(hpd_array<T>({1, 1}, 1), upper);
    expect_cholesky<T>(hpd_array<T>({7, 7}, 2), upper);
    expect_cholesky<T>(hpd_array<T>({2, 3, 6, 6}, 3), upper);  // potrfBatched
    expect_cholesky<T>(hpd_array<T>({4, 64, 64}, 4), upper);   // batched, largest
    expect_cholesky<T>(hpd_array<T>({2, 65, 65}, 5), upper);   // a loop of cusolverDnXpotrf
    expect_cholesky<T>(hpd_array<T>({300, 300}, 6), upper);    // crosses cuSOLVER's blocking
  }
}

TYPED_TEST(CholeskyTyped, ReadsOnlyOneTriangle) {
  using T = TypeParam;
  for (const std::int64_t n : {5, 70}) {
    for (const bool upper : {false, true}) {
      const std::vector<T> good = hpd_values<T>(2, n, 1);
      std::vector<T> junk = good;
      const std::vector<T> noise = random_values<T>(2 * n * n, 2);
      for (std::int64_t z = 0; z < 2; ++z)
        for (std::int64_t i = 0; i < n; ++i)
          for (std::int64_t j = 0; j < n; ++j)
            if (upper ? j < i : j > i) {
              const auto at = static_cast<std::size_t>((z * n + i) * n + j);
              junk[at] = from_c<T>(as_c(noise[at]) * 1000.0);
            }
      const std::vector<T> want =
          cupp::linalg::cholesky(cupp::asarray<T>(good, {2, n, n}), upper).get();
      const std::vector<T> got =
          cupp::linalg::cholesky(cupp::asarray<T>(junk, {2, n, n}), upper).get();
      for (std::size_t i = 0; i < want.size(); ++i)
        ASSERT_EQ(as_c(got[i]), as_c(want[i])) << "n=" << n << " upper=" << upper << " at " << i;
    }
  }
}

TYPED_TEST(CholeskyTyped, TransposedAndSliced) {
  using T = TypeParam;
  const auto a = hpd_array<T>({3, 8, 8}, 1);
  expect_cholesky<T>(a.transpose({0, 2, 1}), false);  // conj(A): Hermitian too
  expect_cholesky<T>(a(slice(std::nullopt, std::nullopt, -1)), true);
  expect_cholesky<T>(a(1).T(), false);
  // Reversing both axes of a Hermitian matrix keeps it Hermitian positive definite.
  expect_cholesky<T>(
      a(slice(), slice(std::nullopt, std::nullopt, -1), slice(std::nullopt, std::nullopt, -1)),
      false);
}

template <class T>
std::vector<T> with_negative_pivot(std::vector<T> v, std::int64_t n, std::int64_t z) {
  v[static_cast<std::size_t>(z * n * n)] = T(-1);  // A(0, 0) < 0: not positive definite
  return v;
}

TYPED_TEST(CholeskyTyped, NotPositiveDefiniteRaisesAsNumpy) {
  using T = TypeParam;
  for (const std::int64_t n : {4, 70}) {
    const auto a = cupp::asarray<T>(with_negative_pivot(hpd_values<T>(3, n, 1), n, 2), {3, n, n});
    EXPECT_EQ(message_of([&] { cupp::linalg::cholesky(a); }), "Matrix is not positive definite")
        << "n=" << n;
    EXPECT_THROW(cupp::linalg::cholesky(a, true), cupp::linalg_error);
  }
  const auto m = cupp::asarray<T>({T(1), T(2), T(2), T(1)}, {2, 2});  // eigenvalues 3 and -1
  EXPECT_THROW(cupp::linalg::cholesky(m), cupp::linalg_error);
  expect_cholesky<T>(hpd_array<T>({3, 3}, 2), false);  // the context is healthy afterwards
}

TYPED_TEST(CholeskyTyped, NotPositiveDefiniteGivesNanUnderErrstateIgnore) {
  using T = TypeParam;
  cupp::linalg::errstate quiet(cupp::linalg::on_error::ignore);
  for (const std::int64_t n : {4, 70}) {
    const auto a = cupp::asarray<T>(with_negative_pivot(hpd_values<T>(3, n, 1), n, 1), {3, n, n});
    const std::vector<T> l = cupp::linalg::cholesky(a).get();
    const auto m = static_cast<std::size_t>(n * n);
    for (std::size_t i = 0; i < 3 * m; ++i) {
      const bool nan = std::isnan(std::abs(as_c(l[i])));
      ASSERT_EQ(nan, i >= m && i < 2 * m) << "n=" << n << " at " << i;
    }
  }
  EXPECT_EQ(cupp::linalg::error_mode(), cupp::linalg::on_error::ignore);
}

TYPED_TEST(CholeskyTyped, Empty) {
  using T = TypeParam;
  EXPECT_EQ(cupp::linalg::cholesky(cupp::ndarray<T>(shape_t{0, 0})).shape(), (shape_t{0, 0}));
  EXPECT_EQ(cupp::linalg::cholesky(cupp::ndarray<T>(shape_t{0, 3, 3}), true).shape(),
            (shape_t{0, 3, 3}));
  EXPECT_EQ(cupp::linalg::cholesky(cupp::ndarray<T>(shape_t{2, 0, 0})).shape(), (shape_t{2, 0, 0}));
}

TEST(Cholesky, IntegersComputeInFloat64) {
  CUPP_SKIP_WITHOUT_GPU();
  // example-begin cholesky
  cupp::ndarray<std::int32_t> a(shape_t{2, 2});
  a.set({4, 2, 2, 3});
  cupp::ndarray<double> l = cupp::linalg::cholesky(a);        // [[2, 0], [1, sqrt(2)]]
  cupp::ndarray<double> u = cupp::linalg::cholesky(a, true);  // [[2, 1], [0, sqrt(2)]]
  // example-end
  const std::vector<double> hl = l.get(), hu = u.get();
  EXPECT_NEAR(hl[0], 2.0, 1e-15);
  EXPECT_EQ(hl[1], 0.0);
  EXPECT_NEAR(hl[2], 1.0, 1e-15);
  EXPECT_NEAR(hl[3], std::sqrt(2.0), 1e-15);
  EXPECT_NEAR(hu[0], 2.0, 1e-15);
  EXPECT_NEAR(hu[1], 1.0, 1e-15);
  EXPECT_EQ(hu[2], 0.0);
  EXPECT_NEAR(hu[3], std::sqrt(2.0), 1e-15);
  // Random symmetric positive-definite integer matrices: B B^T + n I.
  expect_cholesky<double>(cupp::asarray<std::int64_t>(hpd_values<std::int64_t>(3, 5, 1), {3, 5, 5}),
                          false);
}

}  // namespace
