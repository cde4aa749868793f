// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// linalg::qr against the definition: Q^H Q = I, R upper triangular (exact zeros below), Q R = A
// to c * n * eps(T), for every mode, dtype (integers in float64), batches, transposed and
// negative-step views, empty matrices and one size that crosses cuSOLVER's blocking.
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <optional>

#include "decomp_reference.hpp"
#include "support/gpu.hpp"

namespace {

using namespace decomp_test;
namespace la = cupp::linalg;
using cupp::slice;

template <class T>
class QrTest : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(QrTest, Dtypes);

class QrGpu : public cupp::test::GpuTest {};

/// Checks qr(a, mode) against the definition, matrix by matrix. Returns the result.
template <class T>
la::qr_result<lin_t<T>> check_qr(const cupp::ndarray<T>& a, la::qr_mode mode) {
  const std::vector<T> host = a.get();
  const shape_t& shape = a.shape();
  const std::size_t nd = shape.size();
  const std::int64_t m = shape[nd - 2], n = shape[nd - 1], k = std::min(m, n);
  const shape_t batch(shape.begin(), shape.end() - 2);
  std::int64_t count = 1;
  for (auto d : batch) count *= d;
  const bool complete = mode == la::qr_mode::complete;
  const std::int64_t kq = complete ? m : k, kr = complete ? m : k;

  auto res = la::qr(a, mode);
  shape_t q_shape = batch, r_shape = batch;
  q_shape.insert(q_shape.end(), {m, kq});
  r_shape.insert(r_shape.end(), {kr, n});
  EXPECT_EQ(res.R.shape(), r_shape);
  if (mode == la::qr_mode::r)
    EXPECT_EQ(res.Q.shape(), (shape_t{0}));
  else
    EXPECT_EQ(res.Q.shape(), q_shape);
  EXPECT_TRUE(res.R.is_c_contiguous());
  const auto q = res.Q.get();
  const auto r = res.R.get();
  const double tol = 30.0 * static_cast<double>(std::max<std::int64_t>(std::max(m, n), 1)) * eps<T>();
  for (std::int64_t b = 0; b < count; ++b) {
    const hmat am = matrix_of(host, b, m, n);
    const hmat rm = matrix_of(r, b, kr, n);
    for (std::int64_t i = 0; i < kr; ++i)
      for (std::int64_t j = 0; j < std::min(i, n); ++j)
        EXPECT_EQ(rm(i, j), cplx(0)) << "R below its diagonal at " << i << "," << j;
    const double na = std::max(fro(am), 1.0);
    if (mode == la::qr_mode::r) {
      EXPECT_LE(fro_diff(mul(adj(rm), rm), mul(adj(am), am)), tol * na * na) << "matrix " << b;
      continue;
    }
    const hmat qm = matrix_of(q, b, m, kq);
    EXPECT_LE(fro_diff(mul(adj(qm), qm), eye(kq)), tol * std::sqrt(double(std::max<std::int64_t>(kq, 1))))
        << "Q^H Q, matrix " << b;
    EXPECT_LE(fro_diff(mul(qm, rm), am), tol * na) << "Q R, matrix " << b;
  }
  return res;
}

TYPED_TEST(QrTest, EveryModeMatchesTheDefinition) {
  using T = TypeParam;
  unsigned seed = 1;
  for (const auto& mn : std::vector<std::pair<std::int64_t, std::int64_t>>{
           {5, 3}, {3, 5}, {4, 4}, {1, 1}, {1, 4}, {4, 1}, {64, 40}, {40, 64}}) {
    const auto a = random_array<T>({mn.first, mn.second}, seed++);
    for (const auto mode : {la::qr_mode::reduced, la::qr_mode::complete, la::qr_mode::r}) {
      SCOPED_TRACE(testing::Message() << mn.first << "x" << mn.second << " mode "
                                      << static_cast<int>(mode));
      check_qr(a, mode);
    }
  }
}

TYPED_TEST(QrTest, ModeRIsTheReducedR) {
  using T = TypeParam;
  const auto a = random_array<T>({7, 5}, 11);
  const auto reduced = la::qr(a).R.get();
  const auto r_only = la::qr(a, la::qr_mode::r).R.get();
  ASSERT_EQ(reduced.size(), r_only.size());
  for (std::size_t i = 0; i < reduced.size(); ++i)
    EXPECT_LE(std::abs(as_c(reduced[i]) - as_c(r_only[i])), 10 * eps<T>() * 5);
}

TYPED_TEST(QrTest, BatchedOverLeadingAxes) {
  using T = TypeParam;
  for (const auto& shape : std::vector<shape_t>{{2, 3, 6, 4}, {2, 3, 4, 6}, {5, 3, 3}}) {
    const auto a = random_array<T>(shape, 21);
    for (const auto mode : {la::qr_mode::reduced, la::qr_mode::complete, la::qr_mode::r})
      check_qr(a, mode);
  }
}

TYPED_TEST(QrTest, TransposedAndNegativeStepViews) {
  using T = TypeParam;
  const auto a = random_array<T>({5, 8}, 31);
  check_qr(cupp::ndarray<T>(a.T()), la::qr_mode::reduced);
  check_qr(cupp::ndarray<T>(a.T()), la::qr_mode::complete);
  const auto reversed = a(slice(std::nullopt, std::nullopt, -1), slice(std::nullopt, std::nullopt, -2));
  EXPECT_FALSE(reversed.is_c_contiguous());
  check_qr(reversed, la::qr_mode::reduced);
  const auto batch = random_array<T>({2, 4, 6}, 32);
  check_qr(batch.transpose({0, 2, 1}), la::qr_mode::complete);
}

TYPED_TEST(QrTest, EmptyMatrices) {
  using T = TypeParam;
  using L = lin_t<T>;
  {
    auto r = la::qr(cupp::ndarray<T>(shape_t{0, 3}));
    EXPECT_EQ(r.Q.shape(), (shape_t{0, 0}));
    EXPECT_EQ(r.R.shape(), (shape_t{0, 3}));
  }
  {
    auto r = la::qr(cupp::ndarray<T>(shape_t{3, 0}));
    EXPECT_EQ(r.Q.shape(), (shape_t{3, 0}));
    EXPECT_EQ(r.R.shape(), (shape_t{0, 0}));
  }
  {
    // NumPy: the complete Q of a 3 x 0 matrix is the identity.
    auto r = la::qr(cupp::ndarray<T>(shape_t{3, 0}), la::qr_mode::complete);
    EXPECT_EQ(r.Q.shape(), (shape_t{3, 3}));
    EXPECT_EQ(r.R.shape(), (shape_t{3, 0}));
    const auto q = r.Q.get();
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) EXPECT_EQ(q[static_cast<std::size_t>(i * 3 + j)], L(i == j ? 1 : 0));
  }
  {
    auto r = la::qr(cupp::ndarray<T>(shape_t{0, 4, 3}));
    EXPECT_EQ(r.Q.shape(), (shape_t{0, 4, 3}));
    EXPECT_EQ(r.R.shape(), (shape_t{0, 3, 3}));
    auto c = la::qr(cupp::ndarray<T>(shape_t{0, 4, 3}), la::qr_mode::complete);
    EXPECT_EQ(c.Q.shape(), (shape_t{0, 4, 4}));
    EXPECT_EQ(c.R.shape(), (shape_t{0, 4, 3}));
  }
}

TEST_F(QrGpu, KnownFactorisation) {
  // A = [[3, 1], [4, 2]]: Householder (LAPACK) QR has R(0,0) = -5 (NumPy prints the same).
  const auto a = cupp::asarray<double>({3, 1, 4, 2}, {2, 2});
  const auto r = la::qr(a).R.get();
  EXPECT_NEAR(std::abs(r[0]), 5.0, 1e-14);
  EXPECT_NEAR(std::abs(r[3]), 0.4, 1e-14);  // |det| / 5 = 2 / 5
  EXPECT_EQ(r[2], 0.0);
}

TEST_F(QrGpu, LargeCrossesTheBlocking) {
  check_qr(random_array<double>({300, 200}, 41), la::qr_mode::reduced);
  check_qr(random_array<float>({200, 300}, 42), la::qr_mode::complete);
  check_qr(random_array<std::complex<double>>({260, 120}, 43), la::qr_mode::complete);
}

}  // namespace
