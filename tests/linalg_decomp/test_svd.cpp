// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// linalg::svd and svdvals: singular values against a one-sided Jacobi SVD in double, U diag(S) Vh
// = A and orthonormal factors to c * n * eps(T), for both routes (batched Jacobi up to 32 x 32,
// gesvdp/gesvd above), full and reduced, every dtype, batches, views, empty matrices, rank
// deficiency, and NaN input under both error modes.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <optional>

#include "decomp_reference.hpp"
#include "support/gpu.hpp"

namespace {

using namespace decomp_test;
namespace la = cupp::linalg;
using cupp::slice;

template <class T>
class SvdTest : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(SvdTest, Dtypes);

class SvdGpu : public cupp::test::GpuTest {};

/// Checks svd(a, full) and svdvals(a) matrix by matrix against the reference.
template <class T>
void check_svd(const cupp::ndarray<T>& a, bool full, double c = 40.0) {
  const std::vector<T> host = a.get();
  const shape_t& shape = a.shape();
  const std::size_t nd = shape.size();
  const std::int64_t m = shape[nd - 2], n = shape[nd - 1], k = std::min(m, n);
  const shape_t batch(shape.begin(), shape.end() - 2);
  std::int64_t count = 1;
  for (auto d : batch) count *= d;
  const std::int64_t ku = full ? m : k, kv = full ? n : k;

  auto res = la::svd(a, full);
  shape_t u_shape = batch, s_shape = batch, vh_shape = batch;
  u_shape.insert(u_shape.end(), {m, ku});
  s_shape.push_back(k);
  vh_shape.insert(vh_shape.end(), {kv, n});
  ASSERT_EQ(res.U.shape(), u_shape);
  ASSERT_EQ(res.S.shape(), s_shape);
  ASSERT_EQ(res.Vh.shape(), vh_shape);
  const auto vals = la::svdvals(a);
  ASSERT_EQ(vals.shape(), s_shape);
  const auto u = res.U.get();
  const auto s = res.S.get();
  const auto vh = res.Vh.get();
  const auto sv = vals.get();
  const double tol = c * static_cast<double>(std::max<std::int64_t>(std::max(m, n), 1)) * eps<T>();
  for (std::int64_t b = 0; b < count; ++b) {
    SCOPED_TRACE(testing::Message() << "matrix " << b << " of " << m << "x" << n);
    const hmat am = matrix_of(host, b, m, n);
    const std::vector<double> ref = svdvals_ref(am);
    const double smax = std::max(ref.empty() ? 0.0 : ref[0], 1e-300);
    std::vector<double> sb(static_cast<std::size_t>(k));
    for (std::int64_t i = 0; i < k; ++i) {
      sb[static_cast<std::size_t>(i)] = static_cast<double>(s[static_cast<std::size_t>(b * k + i)]);
      EXPECT_NEAR(sb[static_cast<std::size_t>(i)], ref[static_cast<std::size_t>(i)], tol * smax) << "S[" << i << "]";
      EXPECT_NEAR(static_cast<double>(sv[static_cast<std::size_t>(b * k + i)]), ref[static_cast<std::size_t>(i)], tol * smax)
          << "svdvals[" << i << "]";
      if (i > 0) {
        EXPECT_GE(sb[static_cast<std::size_t>(i - 1)], sb[static_cast<std::size_t>(i)]);
      }
      EXPECT_GE(sb[static_cast<std::size_t>(i)], 0.0);
    }
    const hmat um = matrix_of(u, b, m, ku);
    const hmat vm = matrix_of(vh, b, kv, n);
    EXPECT_LE(fro_diff(mul(adj(um), um), eye(ku)), tol * std::sqrt(double(std::max<std::int64_t>(ku, 1))))
        << "U^H U";
    EXPECT_LE(fro_diff(mul(vm, adj(vm)), eye(kv)), tol * std::sqrt(double(std::max<std::int64_t>(kv, 1))))
        << "Vh Vh^H";
    EXPECT_LE(fro_diff(usv(um, sb, vm), am), tol * std::max(fro(am), 1e-300)) << "U S Vh";
  }
}

TYPED_TEST(SvdTest, SmallMatricesBatchedJacobi) {
  using T = TypeParam;
  unsigned seed = 100;
  for (const auto& mn : std::vector<std::pair<std::int64_t, std::int64_t>>{
           {5, 3}, {3, 5}, {4, 4}, {1, 1}, {1, 6}, {6, 1}, {32, 32}, {32, 20}, {17, 32}}) {
    const auto a = random_array<T>({mn.first, mn.second}, seed++);
    check_svd(a, true);
    check_svd(a, false);
  }
}

TYPED_TEST(SvdTest, LargeMatrices) {
  using T = TypeParam;
  unsigned seed = 200;
  for (const auto& mn : std::vector<std::pair<std::int64_t, std::int64_t>>{
           {40, 33}, {33, 40}, {64, 64}, {50, 8}, {8, 50}}) {
    const auto a = random_array<T>({mn.first, mn.second}, seed++);
    check_svd(a, true);
    check_svd(a, false);
  }
}

TYPED_TEST(SvdTest, BatchedOverLeadingAxes) {
  using T = TypeParam;
  check_svd(random_array<T>({2, 3, 6, 4}, 300), true);
  check_svd(random_array<T>({2, 3, 4, 6}, 301), false);
  check_svd(random_array<T>({3, 40, 35}, 302), false);  // the large route, one matrix at a time
  check_svd(random_array<T>({2, 35, 40}, 303), true);
}

TYPED_TEST(SvdTest, TransposedAndNegativeStepViews) {
  using T = TypeParam;
  const auto a = random_array<T>({6, 9}, 400);
  check_svd(a.T(), true);
  check_svd(a(slice(std::nullopt, std::nullopt, -1), slice(std::nullopt, std::nullopt, -2)), false);
  const auto big = random_array<T>({45, 38}, 401);
  check_svd(big.T(), false);
  check_svd(big(slice(std::nullopt, std::nullopt, -1)), true);
}

TYPED_TEST(SvdTest, EmptyMatrices) {
  using T = TypeParam;
  using L = lin_t<T>;
  {
    auto r = la::svd(cupp::ndarray<T>(shape_t{0, 3}));
    EXPECT_EQ(r.U.shape(), (shape_t{0, 0}));
    EXPECT_EQ(r.S.shape(), (shape_t{0}));
    EXPECT_EQ(r.Vh.shape(), (shape_t{3, 3}));
    const auto vh = r.Vh.get();  // NumPy: the identity
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) EXPECT_EQ(vh[static_cast<std::size_t>(i * 3 + j)], L(i == j ? 1 : 0));
  }
  {
    auto r = la::svd(cupp::ndarray<T>(shape_t{3, 0}), false);
    EXPECT_EQ(r.U.shape(), (shape_t{3, 0}));
    EXPECT_EQ(r.S.shape(), (shape_t{0}));
    EXPECT_EQ(r.Vh.shape(), (shape_t{0, 0}));
  }
  {
    auto r = la::svd(cupp::ndarray<T>(shape_t{0, 4, 3}));
    EXPECT_EQ(r.U.shape(), (shape_t{0, 4, 4}));
    EXPECT_EQ(r.S.shape(), (shape_t{0, 3}));
    EXPECT_EQ(r.Vh.shape(), (shape_t{0, 3, 3}));
    EXPECT_EQ(la::svdvals(cupp::ndarray<T>(shape_t{0, 40, 40})).shape(), (shape_t{0, 40}));
  }
}

TEST_F(SvdGpu, KnownSingularValues) {
  // [[3, 0], [4, 5]]: singular values sqrt(45) and sqrt(5).
  const auto s = la::svdvals(cupp::asarray<double>({3, 0, 4, 5}, {2, 2})).get();
  EXPECT_NEAR(s[0], std::sqrt(45.0), 1e-14);
  EXPECT_NEAR(s[1], std::sqrt(5.0), 1e-14);
  const auto si = la::svdvals(cupp::asarray<std::int64_t>({3, 0, 4, 5}, {2, 2}));
  static_assert(std::is_same_v<decltype(si), const cupp::ndarray<double>>);
  EXPECT_NEAR(si.get()[0], std::sqrt(45.0), 1e-14);
}

TEST_F(SvdGpu, RankDeficientLargeMatrices) {
  // A rank-10 product: gesvdp perturbs near-zero singular values, so this runs the fallback.
  for (const std::int64_t n : {48, 120}) {
    const auto b = random_array<float>({n, 10}, 500);
    const auto c = random_array<float>({10, n}, 501);
    const auto a = cupp::matmul(b, c);
    check_svd(a, false, 60.0);
    check_svd(a, true, 60.0);
    const auto s = la::svdvals(a).get();
    const double tol = static_cast<double>(n) * eps<float>() * s[0];
    EXPECT_GT(s[9], tol);
    EXPECT_LT(s[10], tol);
  }
  const auto bd = random_array<std::complex<double>>({70, 6}, 502);
  const auto cd = random_array<std::complex<double>>({6, 50}, 503);
  check_svd(cupp::matmul(bd, cd), false, 60.0);
}

TEST_F(SvdGpu, LargeCrossesTheBlocking) {
  check_svd(random_array<double>({300, 300}, 600), true);
  check_svd(random_array<float>({300, 260}, 601), false);
  check_svd(random_array<std::complex<float>>({180, 300}, 602), true);
}

std::vector<double> with_nan(std::vector<double> v, std::size_t at) {
  v[at] = std::numeric_limits<double>::quiet_NaN();
  return v;
}

TEST_F(SvdGpu, NanInputRaisesLikeNumpy) {
  for (const std::int64_t n : {4, 40}) {  // both routes
    const auto a = cupp::asarray<double>(with_nan(random_values<double>(n * n, 700), 5), {n, n});
    EXPECT_EQ(message_of([&] { la::svd(a); }), "SVD did not converge");
    EXPECT_THROW(la::svdvals(a), cupp::linalg_error);
    EXPECT_THROW(la::pinv(a), cupp::linalg_error);
    EXPECT_EQ(cudaGetLastError(), cudaSuccess);
  }
  const auto inf = cupp::asarray<float>(
      {1, 2, 3, 4, std::numeric_limits<float>::infinity(), 6, 7, 8, 9}, {3, 3});
  EXPECT_THROW(la::svd(inf), cupp::linalg_error);
  // The next call works.
  check_svd(random_array<double>({5, 5}, 701), true);
}

TEST_F(SvdGpu, NanInputUnderIgnoreMarksOnlyTheFailedMatrix) {
  for (const std::int64_t n : {4, 40}) {
    auto values = random_values<double>(3 * n * n, 710);
    values[static_cast<std::size_t>(n * n + 3)] = std::numeric_limits<double>::quiet_NaN();  // matrix 1
    const auto a = cupp::asarray<double>(values, {3, n, n});
    cupp::linalg::errstate quiet(la::on_error::ignore);
    auto r = la::svd(a);
    const auto s = r.S.get();
    const auto u = r.U.get();
    for (std::int64_t b = 0; b < 3; ++b) {
      for (std::int64_t i = 0; i < n; ++i) {
        const double v = s[static_cast<std::size_t>(b * n + i)];
        if (b == 1)
          EXPECT_TRUE(std::isnan(v));
        else
          EXPECT_FALSE(std::isnan(v));
      }
      EXPECT_EQ(std::isnan(u[static_cast<std::size_t>(b * n * n)]), b == 1);
    }
    const auto p = la::pinv(a).get();
    EXPECT_TRUE(std::isnan(p[static_cast<std::size_t>(n * n + 1)]));
    EXPECT_FALSE(std::isnan(p[0]));
  }
}

/// Note [Non-finite input]: under on_error::ignore, a matrix holding an infinity is replaced by
/// the identity for the solver and reported failed: every element of its U, S and Vh is NaN
/// (NaN+NaNj for complex: both parts), and the other matrices of the batch are as the reference.
template <class T>
void check_nonfinite_under_ignore(std::int64_t m, std::int64_t n, unsigned seed) {
  using R = real_of_t<T>;
  SCOPED_TRACE(testing::Message() << m << "x" << n << " " << cupp::dtype_name(cupp::dtype_of<T>));
  const std::int64_t k = std::min(m, n);
  auto values = random_values<T>(3 * m * n, seed);
  values[static_cast<std::size_t>(m * n + 2)] = T(std::numeric_limits<R>::infinity());  // matrix 1
  const auto a = cupp::asarray<T>(values, {3, m, n});
  la::errstate quiet(la::on_error::ignore);
  const auto r = la::svd(a, false);
  ASSERT_EQ(r.U.shape(), (shape_t{3, m, k}));
  ASSERT_EQ(r.Vh.shape(), (shape_t{3, k, n}));
  const auto u = r.U.get();
  const auto s = r.S.get();
  const auto vh = r.Vh.get();
  const auto both_nan = [](const auto& x) {
    const cplx c = as_c(x);
    return std::isnan(c.real()) && (!is_cplx<T> || std::isnan(c.imag()));
  };
  const double tol = 40.0 * static_cast<double>(std::max(m, n)) * eps<T>();
  for (std::int64_t b = 0; b < 3; ++b) {
    SCOPED_TRACE(testing::Message() << "matrix " << b);
    if (b == 1) {
      for (std::int64_t i = 0; i < m * k; ++i)
        EXPECT_TRUE(both_nan(u[static_cast<std::size_t>(m * k + i)])) << "U " << i;
      for (std::int64_t i = 0; i < k; ++i)
        EXPECT_TRUE(std::isnan(static_cast<double>(s[static_cast<std::size_t>(k + i)])));
      for (std::int64_t i = 0; i < k * n; ++i)
        EXPECT_TRUE(both_nan(vh[static_cast<std::size_t>(k * n + i)])) << "Vh " << i;
      continue;
    }
    const hmat am = matrix_of(values, b, m, n);
    const std::vector<double> ref = svdvals_ref(am);
    std::vector<double> sb(static_cast<std::size_t>(k));
    for (std::int64_t i = 0; i < k; ++i) {
      sb[static_cast<std::size_t>(i)] = static_cast<double>(s[static_cast<std::size_t>(b * k + i)]);
      EXPECT_NEAR(sb[static_cast<std::size_t>(i)], ref[static_cast<std::size_t>(i)], tol * ref[0]);
    }
    EXPECT_LE(fro_diff(usv(matrix_of(u, b, m, k), sb, matrix_of(vh, b, k, n)), am), tol * fro(am));
  }
}

TEST_F(SvdGpu, InfiniteMatrixUnderIgnoreIsNanInEveryFactor) {
  unsigned seed = 720;
  for (const auto& mn : std::vector<std::pair<std::int64_t, std::int64_t>>{
           {5, 3}, {3, 5}, {40, 33}, {33, 40}}) {  // tall and wide, both routes
    check_nonfinite_under_ignore<std::complex<float>>(mn.first, mn.second, seed++);
    check_nonfinite_under_ignore<std::complex<double>>(mn.first, mn.second, seed++);
    check_nonfinite_under_ignore<float>(mn.first, mn.second, seed++);
  }
}

}  // namespace
