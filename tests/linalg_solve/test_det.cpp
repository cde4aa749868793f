// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// det and slogdet on the GPU against a host LU in complex<double>: every inexact dtype and
// integers, batches on both routes, pivot parity, singular, empty and strided inputs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <vector>

#include "cupp/array.hpp"
#include "cupp/linalg/solve.hpp"
#include "solve_reference.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::shape_t;
using cupp::slice;
using namespace cupp::test::solve_ref;

template <class T>
class DetTyped : public cupp::test::GpuTest {};
using InexactDtypes = ::testing::Types<float, double, std::complex<float>, std::complex<double>>;
TYPED_TEST_SUITE(DetTyped, InexactDtypes);

/// Checks det(a) and slogdet(a) against the host LU of the values of the view. The error of
/// log|det| is tr(A^-1 dA) for the backward error dA of the LU, so the tolerance scales with A's
/// condition number: (c * max(n, cond_F(A)) + 16) * eps, the 16 for the rounding of log and exp.
/// (A host simulation of float32 LU on these inputs stays below 0.2 * eps * cond_F.)
template <class R, class A>
void expect_det(const cupp::ndarray<A>& a, double c = 4.0) {
  using Real = cupp::linalg::detail::real_t<R>;
  const cupp::ndarray<R> d = cupp::linalg::det(a);
  const auto [sign, logabs] = cupp::linalg::slogdet(a);
  const shape_t batch(a.shape().begin(), a.shape().end() - 2);
  ASSERT_EQ(d.shape(), batch);
  ASSERT_EQ(sign.shape(), batch);
  ASSERT_EQ(logabs.shape(), batch);
  const std::int64_t n = a.shape(-1);
  const std::vector<A> ha = a.get();
  const std::vector<R> hd = d.get(), hs = sign.get();
  const std::vector<Real> hl = logabs.get();
  for (std::int64_t z = 0; z < numel(batch); ++z) {
    const std::vector<cd> m = matrix_at(ha, z, n, n);
    const auto [ws, wl] = slogdet_ref(m, n);
    const auto i = static_cast<std::size_t>(z);
    if (ws == cd(0.0)) {
      EXPECT_EQ(as_c(hs[i]), cd(0.0)) << "matrix " << z;
      EXPECT_EQ(static_cast<double>(hl[i]), -std::numeric_limits<double>::infinity());
      EXPECT_EQ(as_c(hd[i]), cd(0.0)) << "matrix " << z;
      continue;
    }
    const double cond = n > 0 ? condition_ref(m, n) : 1.0;
    const double tol = (c * std::max(static_cast<double>(n), cond) + 16.0) * eps_of<R>();
    EXPECT_LE(std::abs(as_c(hs[i]) - ws), tol) << "sign of matrix " << z;
    EXPECT_LE(std::abs(static_cast<double>(hl[i]) - wl), tol) << "logabsdet of matrix " << z;
    if (wl < 80.0) {  // det itself is finite in every dtype
      const cd want = ws * std::exp(wl);
      EXPECT_LE(std::abs(as_c(hd[i]) - want), tol * std::abs(want)) << "det of matrix " << z;
    }
  }
}

TYPED_TEST(DetTyped, AgainstHostLu) {
  using T = TypeParam;
  expect_det<T>(random_array<T>({1, 1}, 1));
  expect_det<T>(random_array<T>({5, 5}, 2));
  expect_det<T>(random_array<T>({2, 3, 8, 8}, 3));   // cuBLAS's getrfBatched
  expect_det<T>(random_array<T>({4, 64, 64}, 4));    // batched, largest
  expect_det<T>(random_array<T>({2, 65, 65}, 5));    // a loop of cusolverDnXgetrf
  expect_det<T>(random_array<T>({300, 300}, 6));     // crosses cuSOLVER's blocking
  expect_det<T>(random_array<T>({2, 300, 300}, 7));  // more matrices than one block's pivots
}

TYPED_TEST(DetTyped, TransposedAndSliced) {
  using T = TypeParam;
  const auto a = random_array<T>({3, 9, 9}, 1);
  expect_det<T>(a.transpose({0, 2, 1}));
  expect_det<T>(a(slice(), slice(std::nullopt, std::nullopt, -1)));
  expect_det<T>(a(1).T());
  expect_det<T>(a(slice(std::nullopt, std::nullopt, -1), slice(1, 9, 2), slice(0, 8, 2)));
}

TYPED_TEST(DetTyped, KnownValuesAndPivotParity) {
  using T = TypeParam;
  const auto a = cupp::asarray<T>({T(1), T(2), T(3), T(4)}, {2, 2});
  EXPECT_NEAR(std::abs(as_c(cupp::linalg::det(a).item()) - cd(-2.0)), 0.0, 16 * eps_of<T>());
  // Permutation matrices: det is the permutation's sign; every route counts the swaps.
  const auto swap = cupp::asarray<T>({T(0), T(1), T(1), T(0)}, {2, 2});
  EXPECT_NEAR(std::abs(as_c(cupp::linalg::det(swap).item()) - cd(-1.0)), 0.0, 4 * eps_of<T>());
  const auto cycle =
      cupp::asarray<T>({T(0), T(1), T(0), T(0), T(0), T(1), T(1), T(0), T(0)}, {3, 3});
  EXPECT_NEAR(std::abs(as_c(cupp::linalg::det(cycle).item()) - cd(1.0)), 0.0, 4 * eps_of<T>());
  const auto [s, l] = cupp::linalg::slogdet(swap);
  EXPECT_NEAR(std::abs(as_c(s.item()) - cd(-1.0)), 0.0, 4 * eps_of<T>());
  EXPECT_NEAR(static_cast<double>(l.item()), 0.0, 4 * eps_of<T>());
  // Large permutations on the loop route: the reversal of n rows has sign (-1)^(n(n-1)/2).
  for (const std::int64_t n : {66, 67, 300}) {
    std::vector<T> p(static_cast<std::size_t>(n * n), T(0));
    for (std::int64_t i = 0; i < n; ++i) p[static_cast<std::size_t>(i * n + (n - 1 - i))] = T(1);
    const double want = ((n * (n - 1) / 2) % 2) ? -1.0 : 1.0;
    EXPECT_NEAR(std::abs(as_c(cupp::linalg::det(cupp::asarray<T>(p, {n, n})).item()) - cd(want)),
                0.0, 4 * eps_of<T>())
        << "n=" << n;
  }
  if constexpr (is_cplx<T>) {
    // det(diag(i, i)) = -1; slogdet's sign is a unit complex number.
    const auto d = cupp::asarray<T>({T(0, 1), T(0), T(0), T(0, 1)}, {2, 2});
    EXPECT_NEAR(std::abs(as_c(cupp::linalg::det(d).item()) - cd(-1.0)), 0.0, 4 * eps_of<T>());
    const auto [cs, cl] = cupp::linalg::slogdet(random_array<T>({4, 6, 6}, 9));
    for (const T v : cs.get()) EXPECT_NEAR(std::abs(as_c(v)), 1.0, 8 * eps_of<T>());
    (void)cl;
  }
}

TYPED_TEST(DetTyped, SingularIsZeroNotAnError) {
  using T = TypeParam;
  for (const std::int64_t n : {4, 70}) {  // the batched route and the loop
    std::vector<T> v = random_values<T>(3 * n * n, 1);
    for (std::int64_t j = 0; j < n; ++j) v[static_cast<std::size_t>((n + 2) * n + j)] = T(0);
    expect_det<T>(cupp::asarray<T>(v, {3, n, n}));  // matrix 1 has a zero row
    const std::vector<T> d = cupp::linalg::det(cupp::asarray<T>(v, {3, n, n})).get();
    EXPECT_EQ(as_c(d[1]), cd(0.0)) << "n=" << n;
    EXPECT_NE(as_c(d[0]), cd(0.0)) << "n=" << n;
  }
  const auto z = cupp::asarray<T>({T(1), T(2), T(2), T(4)}, {2, 2});  // exactly singular in LU too
  EXPECT_EQ(as_c(cupp::linalg::det(z).item()), cd(0.0));
  const auto [s, l] = cupp::linalg::slogdet(z);
  EXPECT_EQ(as_c(s.item()), cd(0.0));
  EXPECT_EQ(static_cast<double>(l.item()), -std::numeric_limits<double>::infinity());
}

TYPED_TEST(DetTyped, Empty) {
  using T = TypeParam;
  // NumPy: the determinant of a 0x0 matrix is 1 (sign 1, logabsdet 0).
  const auto d0 = cupp::linalg::det(cupp::ndarray<T>(shape_t{0, 0}));
  EXPECT_EQ(d0.shape(), shape_t{});
  EXPECT_EQ(as_c(d0.item()), cd(1.0));
  const std::vector<T> d3 = cupp::linalg::det(cupp::ndarray<T>(shape_t{3, 0, 0})).get();
  ASSERT_EQ(d3.size(), 3u);
  for (const T v : d3) EXPECT_EQ(as_c(v), cd(1.0));
  const auto [s, l] = cupp::linalg::slogdet(cupp::ndarray<T>(shape_t{2, 0, 0}));
  for (const T v : s.get()) EXPECT_EQ(as_c(v), cd(1.0));
  for (const auto v : l.get()) EXPECT_EQ(v, 0);
  EXPECT_EQ(cupp::linalg::det(cupp::ndarray<T>(shape_t{0, 4, 4})).shape(), (shape_t{0}));
  const auto [se, le] = cupp::linalg::slogdet(cupp::ndarray<T>(shape_t{2, 0, 3, 3}));
  EXPECT_EQ(se.shape(), (shape_t{2, 0}));
  EXPECT_EQ(le.shape(), (shape_t{2, 0}));
}

TEST(Det, IntegersComputeInFloat64) {
  CUPP_SKIP_WITHOUT_GPU();
  expect_det<double>(random_array<std::int32_t>({3, 5, 5}, 1));
  expect_det<double>(random_array<std::int64_t>({12, 12}, 2));
  // example-begin det
  cupp::ndarray<std::int64_t> a(shape_t{2, 2, 2});
  a.set({1, 2, 3, 4, 1, 2, 2, 4});
  cupp::ndarray<double> d = cupp::linalg::det(a);     // [-2., 0.]
  auto [sign, logabsdet] = cupp::linalg::slogdet(a);  // [-1., 0.], [log(2), -inf]
  // example-end
  const std::vector<double> hd = d.get(), hs = sign.get(), hl = logabsdet.get();
  EXPECT_NEAR(hd[0], -2.0, 1e-14);
  EXPECT_EQ(hd[1], 0.0);
  EXPECT_EQ(hs[0], -1.0);
  EXPECT_EQ(hs[1], 0.0);
  EXPECT_NEAR(hl[0], std::log(2.0), 1e-14);
  EXPECT_EQ(hl[1], -std::numeric_limits<double>::infinity());
}

TEST(Det, SlogdetAvoidsOverflow) {
  CUPP_SKIP_WITHOUT_GPU();
  // 10 I of size 400: det overflows float64 (1e400), slogdet does not.
  const std::int64_t n = 400;
  std::vector<double> v(static_cast<std::size_t>(n * n), 0.0);
  for (std::int64_t i = 0; i < n; ++i) v[static_cast<std::size_t>(i * n + i)] = 10.0;
  const auto a = cupp::asarray<double>(v, {n, n});
  EXPECT_EQ(cupp::linalg::det(a).item(), std::numeric_limits<double>::infinity());
  const auto [s, l] = cupp::linalg::slogdet(a);
  EXPECT_EQ(s.item(), 1.0);
  EXPECT_NEAR(l.item(), 400.0 * std::log(10.0), 1e-10);
}

}  // namespace
