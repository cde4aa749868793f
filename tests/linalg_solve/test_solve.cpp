// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// solve and inv on the GPU: residuals and inverses checked on the host in complex<double> for
// float, double, complex64, complex128 and integers; batches (cuBLAS's batched route and the
// cuSOLVER loop), broadcasting, transposed and negatively strided inputs, empty inputs, and
// singular matrices under both error modes.
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
class SolveTyped : public cupp::test::GpuTest {};
using InexactDtypes = ::testing::Types<float, double, std::complex<float>, std::complex<double>>;
TYPED_TEST_SUITE(SolveTyped, InexactDtypes);

/// Checks x = solve(a, b) through the backward error of every system, reading the values of the
/// views (any layout) on the host and broadcasting the batches by hand. `b_vector`: b is 1-D.
template <class R, class A, class B>
void expect_solves(const cupp::ndarray<A>& a, const cupp::ndarray<B>& b, double c = 30.0) {
  const cupp::ndarray<R> x = cupp::linalg::solve(a, b);
  const bool vec = b.ndim() == 1;
  const std::int64_t n = a.shape(-1);
  const std::int64_t k = vec ? 1 : b.shape(-1);
  shape_t as(a.shape().begin(), a.shape().end() - 2);
  shape_t bs(b.shape().begin(), b.shape().end() - (vec ? 1 : 2));
  const std::size_t nb = std::max(as.size(), bs.size());
  as.insert(as.begin(), nb - as.size(), 1);
  bs.insert(bs.begin(), nb - bs.size(), 1);
  shape_t batch(nb);
  for (std::size_t i = 0; i < nb; ++i) batch[i] = std::max(as[i], bs[i]);
  shape_t expect_shape = batch;
  expect_shape.push_back(n);
  if (!vec) expect_shape.push_back(k);
  ASSERT_EQ(x.shape(), expect_shape);

  const std::vector<A> ha = a.get();
  const std::vector<B> hb = b.get();
  const std::vector<R> hx = x.get();
  for (std::int64_t z = 0; z < numel(batch); ++z) {
    std::int64_t rem = z, oa = 0, ob = 0, sa = 1, sb = 1;
    for (std::size_t i = nb; i-- > 0;) {
      const std::int64_t idx = rem % batch[i];
      rem /= batch[i];
      oa += (as[i] == 1 ? 0 : idx) * sa;
      ob += (bs[i] == 1 ? 0 : idx) * sb;
      sa *= as[i];
      sb *= bs[i];
    }
    const double r =
        residual(matrix_at(ha, oa, n, n), matrix_at(hx, z, n, k), matrix_at(hb, ob, n, k), n, k);
    EXPECT_LE(r, c * eps_of<R>()) << "matrix " << z << " of " << numel(batch);
  }
}

TYPED_TEST(SolveTyped, MatrixRightHandSides) {
  using T = TypeParam;
  expect_solves<T>(random_array<T>({5, 5}, 1), random_array<T>({5, 3}, 2));
  expect_solves<T>(random_array<T>({1, 1}, 3), random_array<T>({1, 1}, 4));
  expect_solves<T>(random_array<T>({33, 33}, 5), random_array<T>({33, 16}, 6));
  // Batched: cuBLAS's getrfBatched/getrsBatched.
  expect_solves<T>(random_array<T>({2, 3, 6, 6}, 7), random_array<T>({2, 3, 6, 2}, 8));
  expect_solves<T>(random_array<T>({4, 64, 64}, 9), random_array<T>({4, 64, 1}, 10));
  // Batched above kBatchedMaxN: a loop of cusolverDnXgetrf/Xgetrs.
  expect_solves<T>(random_array<T>({2, 80, 80}, 11), random_array<T>({2, 80, 5}, 12));
}

TYPED_TEST(SolveTyped, VectorRightHandSides) {
  using T = TypeParam;
  expect_solves<T>(random_array<T>({7, 7}, 1), random_array<T>({7}, 2));
  expect_solves<T>(random_array<T>({4, 7, 7}, 3), random_array<T>({7}, 4));
  expect_solves<T>(random_array<T>({2, 70, 70}, 5), random_array<T>({70}, 6));
}

TYPED_TEST(SolveTyped, BatchesBroadcast) {
  using T = TypeParam;
  expect_solves<T>(random_array<T>({3, 1, 5, 5}, 1), random_array<T>({2, 5, 4}, 2));
  // One matrix for many right-hand sides: factored once.
  expect_solves<T>(random_array<T>({5, 5}, 3), random_array<T>({6, 5, 3}, 4));
  expect_solves<T>(random_array<T>({1, 6, 6}, 5), random_array<T>({2, 3, 6, 1}, 6));
  expect_solves<T>(random_array<T>({2, 1, 4, 4}, 7), random_array<T>({1, 3, 4, 2}, 8));
}

TYPED_TEST(SolveTyped, TransposedAndSlicedOperands) {
  using T = TypeParam;
  const auto a = random_array<T>({9, 9}, 1);
  const auto b = random_array<T>({4, 9}, 2);
  expect_solves<T>(a.T(), b.T());
  expect_solves<T>(a(slice(std::nullopt, std::nullopt, -1)), b.T());
  expect_solves<T>(a(slice(std::nullopt, std::nullopt, -1), slice(std::nullopt, std::nullopt, -1)),
                   b(0, slice(std::nullopt, std::nullopt, -1)));
  const auto stack = random_array<T>({3, 2, 8, 8}, 3);
  expect_solves<T>(stack.transpose({1, 0, 3, 2}), random_array<T>({2, 3, 8, 2}, 4));
  const auto big = random_array<T>({12, 12}, 5);
  expect_solves<T>(big(slice(0, 12, 2), slice(1, 12, 2)), random_array<T>({6, 3}, 6));
}

TYPED_TEST(SolveTyped, LargeMatrixCrossesCusolversBlocking) {
  using T = TypeParam;
  expect_solves<T>(random_array<T>({300, 300}, 1), random_array<T>({300, 7}, 2), 60.0);
}

TYPED_TEST(SolveTyped, KnownSolution) {
  using T = TypeParam;
  // [[3, 1], [1, 2]] x = [9, 8] -> x = [2, 3]
  const auto a = cupp::asarray<T>({T(3), T(1), T(1), T(2)}, {2, 2});
  const auto b = cupp::asarray<T>({T(9), T(8)}, {2});
  const std::vector<T> x = cupp::linalg::solve(a, b).get();
  EXPECT_NEAR(std::abs(as_c(x[0]) - cd(2.0)), 0.0, 8 * eps_of<T>());
  EXPECT_NEAR(std::abs(as_c(x[1]) - cd(3.0)), 0.0, 8 * eps_of<T>());
}

TYPED_TEST(SolveTyped, Empty) {
  using T = TypeParam;
  EXPECT_EQ(
      cupp::linalg::solve(cupp::ndarray<T>(shape_t{0, 0}), cupp::ndarray<T>(shape_t{0})).shape(),
      (shape_t{0}));
  EXPECT_EQ(
      cupp::linalg::solve(cupp::ndarray<T>(shape_t{0, 3, 3}), cupp::ndarray<T>(shape_t{0, 3, 2}))
          .shape(),
      (shape_t{0, 3, 2}));
  EXPECT_EQ(
      cupp::linalg::solve(random_array<T>({3, 3}, 1), cupp::ndarray<T>(shape_t{3, 0})).shape(),
      (shape_t{3, 0}));
  EXPECT_EQ(
      cupp::linalg::solve(cupp::ndarray<T>(shape_t{2, 0, 0}), cupp::ndarray<T>(shape_t{2, 0, 4}))
          .shape(),
      (shape_t{2, 0, 4}));
}

TEST(Solve, IntegersComputeInFloat64) {
  CUPP_SKIP_WITHOUT_GPU();
  expect_solves<double>(random_array<std::int32_t>({6, 6}, 1),
                        random_array<std::int32_t>({6, 2}, 2));
  expect_solves<double>(random_array<std::int64_t>({3, 4, 4}, 3),
                        random_array<std::int64_t>({4}, 4));
  // Mixed dtypes promote first: float32 with int32 is float64.
  expect_solves<double>(random_array<float>({5, 5}, 5), random_array<std::int32_t>({5}, 6));
  // example-begin solve
  cupp::ndarray<std::int64_t> a(shape_t{2, 2});
  a.set({3, 1, 1, 2});
  cupp::ndarray<std::int64_t> b(shape_t{2});
  b.set({9, 8});
  cupp::ndarray<double> x = cupp::linalg::solve(a, b);  // [2., 3.]
  // example-end
  const std::vector<double> hx = x.get();
  EXPECT_NEAR(hx[0], 2.0, 1e-14);
  EXPECT_NEAR(hx[1], 3.0, 1e-14);
}

/// n x n matrices of a (count, n, n) stack with row `row` of matrix `z` zeroed (exactly singular:
/// the factorisation meets an exactly zero pivot column).
template <class T>
std::vector<T> with_zero_row(std::vector<T> v, std::int64_t n, std::int64_t z, std::int64_t row) {
  for (std::int64_t j = 0; j < n; ++j) v[static_cast<std::size_t>((z * n + row) * n + j)] = T(0);
  return v;
}

/// Every element in [from, to) is NaN; NaN+NaNj for complex (both parts, as NumPy's).
template <class T>
bool all_nan(const std::vector<T>& v, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    const auto c = as_c(v[i]);
    if (!std::isnan(c.real())) return false;
    if (cupp::test::host_ref::is_cplx<T> && !std::isnan(c.imag())) return false;
  }
  return true;
}
template <class T>
bool none_nan(const std::vector<T>& v, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i)
    if (std::isnan(std::abs(as_c(v[i])))) return false;
  return true;
}

TYPED_TEST(SolveTyped, SingularRaisesAsNumpy) {
  using T = TypeParam;
  for (const std::int64_t n : {4, 70}) {  // the batched route and the loop
    const auto a =
        cupp::asarray<T>(with_zero_row(random_values<T>(3 * n * n, 1), n, 1, n / 2), {3, n, n});
    const auto b = random_array<T>({3, n, 2}, 2);
    EXPECT_EQ(message_of([&] { cupp::linalg::solve(a, b); }), "Singular matrix") << "n=" << n;
    EXPECT_THROW(cupp::linalg::solve(a, b), cupp::linalg_error);
    EXPECT_THROW(cupp::linalg::inv(a), cupp::linalg_error);
  }
  const auto z = cupp::asarray<T>({T(1), T(2), T(0), T(0)}, {2, 2});
  EXPECT_EQ(message_of([&] { cupp::linalg::inv(z); }), "Singular matrix");
  EXPECT_THROW(cupp::linalg::solve(z, random_array<T>({2}, 3)), cupp::linalg_error);
  // The context is healthy afterwards.
  expect_solves<T>(random_array<T>({3, 3}, 4), random_array<T>({3, 1}, 5));
}

TYPED_TEST(SolveTyped, SingularGivesNanUnderErrstateIgnore) {
  using T = TypeParam;
  cupp::linalg::errstate quiet(cupp::linalg::on_error::ignore);
  for (const std::int64_t n : {4, 70}) {
    const std::vector<T> av = with_zero_row(random_values<T>(3 * n * n, 1), n, 1, 0);
    const auto a = cupp::asarray<T>(av, {3, n, n});
    const auto b = random_array<T>({3, n, 2}, 2);
    const std::vector<T> x = cupp::linalg::solve(a, b).get();
    const auto m = static_cast<std::size_t>(n * 2);
    EXPECT_TRUE(none_nan(x, 0, m)) << "n=" << n;
    EXPECT_TRUE(all_nan(x, m, 2 * m)) << "n=" << n;
    EXPECT_TRUE(none_nan(x, 2 * m, 3 * m)) << "n=" << n;
    const std::vector<T> inv = cupp::linalg::inv(a).get();
    const auto mm = static_cast<std::size_t>(n * n);
    EXPECT_TRUE(none_nan(inv, 0, mm)) << "n=" << n;
    EXPECT_TRUE(all_nan(inv, mm, 2 * mm)) << "n=" << n;
    EXPECT_TRUE(none_nan(inv, 2 * mm, 3 * mm)) << "n=" << n;
  }
  // One singular matrix for a batch of right-hand sides: every solution is NaN.
  const auto z = cupp::asarray<T>({T(1), T(2), T(0), T(0)}, {2, 2});
  const std::vector<T> x = cupp::linalg::solve(z, random_array<T>({3, 2, 1}, 3)).get();
  EXPECT_TRUE(all_nan(x, 0, x.size()));
}

// ---- inv ---------------------------------------------------------------------------------------

/// Checks inv(a) @ a == I for every matrix, on the host, from the values of the view.
template <class R, class A>
void expect_inverse(const cupp::ndarray<A>& a, double c = 40.0) {
  const cupp::ndarray<R> x = cupp::linalg::inv(a);
  ASSERT_EQ(x.shape(), a.shape());
  const std::int64_t n = a.shape(-1);
  const std::vector<A> ha = a.get();
  const std::vector<R> hx = x.get();
  const std::int64_t count = a.size() / std::max<std::int64_t>(1, n * n);
  for (std::int64_t z = 0; z < count; ++z) {
    const std::vector<cd> am = matrix_at(ha, z, n, n), xm = matrix_at(hx, z, n, n);
    std::vector<cd> eye(static_cast<std::size_t>(n * n), cd(0.0));
    for (std::int64_t i = 0; i < n; ++i) eye[static_cast<std::size_t>(i * n + i)] = 1.0;
    // X A = I: inv solves A^T Y = I (Note [Row-major factorisations] in src/linalg/solve.cpp)
    // and returns X = Y^T, so the backward-stable residual is X A - I = (A^T Y - I)^T.
    EXPECT_LE(residual(xm, am, eye, n, n), c * eps_of<R>()) << "matrix " << z;
  }
}

TYPED_TEST(SolveTyped, Inverse) {
  using T = TypeParam;
  expect_inverse<T>(random_array<T>({1, 1}, 1));
  expect_inverse<T>(random_array<T>({6, 6}, 2));
  expect_inverse<T>(random_array<T>({2, 3, 6, 6}, 3));  // batched
  expect_inverse<T>(random_array<T>({5, 64, 64}, 4));   // batched, largest
  expect_inverse<T>(random_array<T>({2, 65, 65}, 5));   // loop
  expect_inverse<T>(random_array<T>({300, 300}, 6), 80.0);
  const auto a = random_array<T>({3, 7, 7}, 7);
  expect_inverse<T>(a.transpose({0, 2, 1}));
  expect_inverse<T>(
      a(slice(std::nullopt, std::nullopt, -1), slice(std::nullopt, std::nullopt, -1)));
}

TYPED_TEST(SolveTyped, InverseKnownValues) {
  using T = TypeParam;
  // inv([[4, 7], [2, 6]]) = [[0.6, -0.7], [-0.2, 0.4]]
  const auto a = cupp::asarray<T>({T(4), T(7), T(2), T(6)}, {2, 2});
  const std::vector<T> x = cupp::linalg::inv(a).get();
  const double want[] = {0.6, -0.7, -0.2, 0.4};
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(std::abs(as_c(x[i]) - cd(want[i])), 0.0, 8 * eps_of<T>());
}

TYPED_TEST(SolveTyped, InverseEmpty) {
  using T = TypeParam;
  EXPECT_EQ(cupp::linalg::inv(cupp::ndarray<T>(shape_t{0, 0})).shape(), (shape_t{0, 0}));
  EXPECT_EQ(cupp::linalg::inv(cupp::ndarray<T>(shape_t{0, 4, 4})).shape(), (shape_t{0, 4, 4}));
  EXPECT_EQ(cupp::linalg::inv(cupp::ndarray<T>(shape_t{3, 0, 0})).shape(), (shape_t{3, 0, 0}));
}

TEST(Inverse, IntegersComputeInFloat64) {
  CUPP_SKIP_WITHOUT_GPU();
  expect_inverse<double>(random_array<std::int32_t>({5, 5}, 1));
  expect_inverse<double>(random_array<std::int16_t>({2, 4, 4}, 2));
  // example-begin inv
  cupp::ndarray<std::int32_t> a(shape_t{2, 2});
  a.set({4, 7, 2, 6});
  cupp::ndarray<double> ainv = cupp::linalg::inv(a);  // [[0.6, -0.7], [-0.2, 0.4]]
  // example-end
  const std::vector<double> h = ainv.get();
  EXPECT_NEAR(h[0], 0.6, 1e-14);
  EXPECT_NEAR(h[1], -0.7, 1e-14);
  EXPECT_NEAR(h[2], -0.2, 1e-14);
  EXPECT_NEAR(h[3], 0.4, 1e-14);
}

TEST(Inverse, StreamOrdered) {
  CUPP_SKIP_WITHOUT_GPU();
  // Work on a non-default stream: the handles follow it, the result is right after its sync.
  // The stream outlives the test: the thread's cuBLAS handle keeps its workspace on the last
  // stream it served until the next call moves it (Note [Library handles]).
  static cupp::cuda::Stream s;
  cupp::cuda::StreamGuard g(s);
  expect_inverse<double>(random_array<double>({4, 10, 10}, 1));
  expect_inverse<double>(random_array<double>({100, 100}, 2));
}

}  // namespace
