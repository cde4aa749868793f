// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// pinv, lstsq and matrix_rank against host references in double: (A^H A)^-1 A^H for full rank,
// C^+ B^+ for a rank-deficient product B C, the Penrose conditions, NumPy's documented values,
// NumPy's rank tolerance and lstsq's residual and rank rules, every dtype, batches, views and
// empty inputs.
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
class PinvTest : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(PinvTest, Dtypes);

class DecompGpu : public cupp::test::GpuTest {};

/// pinv(a) against (A^H A)^-1 A^H (or A^H (A A^H)^-1), matrix by matrix; a of full rank.
template <class T>
void check_pinv_full_rank(const cupp::ndarray<T>& a, double c = 50.0) {
  const auto host = a.get();
  const shape_t& shape = a.shape();
  const std::size_t nd = shape.size();
  const std::int64_t m = shape[nd - 2], n = shape[nd - 1];
  shape_t expected(shape.begin(), shape.end() - 2);
  std::int64_t count = 1;
  for (auto d : expected) count *= d;
  expected.insert(expected.end(), {n, m});
  const auto p = la::pinv(a);
  ASSERT_EQ(p.shape(), expected);
  const auto ph = p.get();
  for (std::int64_t b = 0; b < count; ++b) {
    const hmat am = matrix_of(host, b, m, n);
    const hmat ref = pinv_full_rank(am);
    const std::vector<double> s = svdvals_ref(am);
    const double cond = s.front() / s.back();
    const double tol = c * static_cast<double>(std::max(m, n)) * eps<T>() * cond;
    EXPECT_LE(fro_diff(matrix_of(ph, b, n, m), ref), tol * fro(ref)) << "matrix " << b;
  }
}

TYPED_TEST(PinvTest, FullRankMatchesTheNormalEquations) {
  using T = TypeParam;
  if constexpr (std::is_integral_v<T>) {
    // NumPy's example: pinv([[1, 2], [3, 4], [5, 6]]).
    const auto p = la::pinv(cupp::asarray<T>({1, 2, 3, 4, 5, 6}, {3, 2})).get();
    const std::vector<double> numpy = {-4.0 / 3, -1.0 / 3, 2.0 / 3, 13.0 / 12, 1.0 / 3, -5.0 / 12};
    ASSERT_EQ(p.size(), numpy.size());
    for (std::size_t i = 0; i < p.size(); ++i) EXPECT_NEAR(p[i], numpy[i], 1e-13);
  } else {
    unsigned seed = 800;
    for (const auto& shape : std::vector<shape_t>{{5, 3}, {3, 5}, {4, 4}, {40, 35}, {35, 40}, {2, 3, 4, 4}}) {
      SCOPED_TRACE(testing::Message() << cupp::shape_str(shape));
      check_pinv_full_rank(random_array<T>(shape, seed++));
    }
    const auto a = random_array<T>({6, 9}, 810);
    check_pinv_full_rank(a.T());
    check_pinv_full_rank(a(slice(std::nullopt, std::nullopt, -1), slice(std::nullopt, std::nullopt, -2)));
  }
}

TYPED_TEST(PinvTest, EmptyGivesTheTransposedShape) {
  using T = TypeParam;
  EXPECT_EQ(la::pinv(cupp::ndarray<T>(shape_t{0, 3})).shape(), (shape_t{3, 0}));
  EXPECT_EQ(la::pinv(cupp::ndarray<T>(shape_t{4, 0})).shape(), (shape_t{0, 4}));
  EXPECT_EQ(la::pinv(cupp::ndarray<T>(shape_t{0, 2, 3})).shape(), (shape_t{0, 3, 2}));
}

TEST_F(DecompGpu, PinvOfRankDeficientProductSatisfiesPenrose) {
  // A = B C with B (7 x 3) and C (3 x 5) of full rank: A^+ = C^+ B^+.
  const auto b = random_array<std::complex<double>>({7, 3}, 820);
  const auto c = random_array<std::complex<double>>({3, 5}, 821);
  const auto a = cupp::matmul(b, c);
  const hmat ah = matrix_of(a.get(), 0, 7, 5);
  const hmat ref = mul(pinv_full_rank(matrix_of(c.get(), 0, 3, 5)),
                       pinv_full_rank(matrix_of(b.get(), 0, 7, 3)));
  const auto p = la::pinv(a, 1e-10);
  const hmat ph = matrix_of(p.get(), 0, 5, 7);
  EXPECT_LE(fro_diff(ph, ref), 1e-10 * fro(ref));
  EXPECT_LE(fro_diff(mul(mul(ah, ph), ah), ah), 1e-11 * fro(ah));
  EXPECT_LE(fro_diff(mul(mul(ph, ah), ph), ph), 1e-11 * fro(ph));
  const hmat ap = mul(ah, ph), pa = mul(ph, ah);
  EXPECT_LE(fro_diff(adj(ap), ap), 1e-11 * fro(ap));
  EXPECT_LE(fro_diff(adj(pa), pa), 1e-11 * fro(pa));
  // The large route (gesvdp with its fallback, then gesvd), batched.
  const auto bl = random_array<double>({2, 60, 8}, 822);
  const auto cl = random_array<double>({2, 8, 45}, 823);
  const auto al = cupp::matmul(bl, cl);
  const auto pl = la::pinv(al, 1e-10).get();
  const auto alh = al.get();
  for (std::int64_t k = 0; k < 2; ++k) {
    const hmat am = matrix_of(alh, k, 60, 45);
    const hmat pm = matrix_of(pl, k, 45, 60);
    EXPECT_LE(fro_diff(mul(mul(am, pm), am), am), 1e-10 * fro(am));
    EXPECT_LE(fro_diff(mul(mul(pm, am), pm), pm), 1e-10 * fro(pm));
  }
}

// ---- lstsq -------------------------------------------------------------------------------------

template <class T>
class LstsqTest : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(LstsqTest, Dtypes);

TYPED_TEST(LstsqTest, OverdeterminedFullRank) {
  using T = TypeParam;
  using L = lin_t<T>;
  using R = real_of_t<T>;
  const std::int64_t m = 20, n = 5;
  const auto a = random_array<T>({m, n}, 900);
  const hmat am = matrix_of(a.get(), 0, m, n);
  const hmat pref = pinv_full_rank(am);
  const auto sref = svdvals_ref(am);
  const double tol = 100.0 * m * eps<T>() * (sref.front() / sref.back());
  for (const bool one_d : {true, false}) {
    const std::int64_t k = one_d ? 1 : 3;
    const auto b = one_d ? random_array<T>({m}, 901) : random_array<T>({m, k}, 902);
    const hmat bm = matrix_of(b.get(), 0, m, k);
    const hmat xref = mul(pref, bm);
    auto r = la::lstsq(a, b);
    static_assert(std::is_same_v<decltype(r.x), cupp::ndarray<L>>);
    static_assert(std::is_same_v<decltype(r.residuals), cupp::ndarray<R>>);
    EXPECT_EQ(r.x.shape(), (one_d ? shape_t{n} : shape_t{n, k}));
    EXPECT_EQ(r.rank, n);
    EXPECT_LE(fro_diff(matrix_of(r.x.get(), 0, n, k), xref), tol * fro(xref));
    ASSERT_EQ(r.residuals.shape(), (shape_t{k}));  // (1,) for a 1-D b, as NumPy
    const hmat res = [&] {
      hmat d = mul(am, xref);
      for (std::size_t i = 0; i < d.v.size(); ++i) d.v[i] = bm.v[i] - d.v[i];
      return d;
    }();
    const auto resid = r.residuals.get();
    for (std::int64_t j = 0; j < k; ++j) {
      double expect = 0;
      for (std::int64_t i = 0; i < m; ++i) expect += std::norm(res(i, j));
      EXPECT_NEAR(static_cast<double>(resid[static_cast<std::size_t>(j)]), expect, tol * (expect + 1));
    }
    ASSERT_EQ(r.s.shape(), (shape_t{n}));
    const auto s = r.s.get();
    for (std::int64_t i = 0; i < n; ++i)
      EXPECT_NEAR(static_cast<double>(s[static_cast<std::size_t>(i)]), sref[static_cast<std::size_t>(i)], tol * sref[0]);
  }
}

TYPED_TEST(LstsqTest, UnderdeterminedGivesTheMinimumNorm) {
  using T = TypeParam;
  const std::int64_t m = 4, n = 9;
  const auto a = random_array<T>({m, n}, 910);
  const auto b = random_array<T>({m, 2}, 911);
  const hmat am = matrix_of(a.get(), 0, m, n);
  const hmat xref = mul(pinv_full_rank(am), matrix_of(b.get(), 0, m, 2));
  auto r = la::lstsq(a, b);
  EXPECT_EQ(r.rank, m);
  EXPECT_EQ(r.residuals.shape(), (shape_t{0}));  // rank == N fails: empty
  EXPECT_LE(fro_diff(matrix_of(r.x.get(), 0, n, 2), xref), 200.0 * n * eps<T>() * fro(xref));
  // The transposed view of a wide matrix is tall.
  auto rt = la::lstsq(a.T(), random_array<T>({n}, 912));
  EXPECT_EQ(rt.rank, m);
  EXPECT_EQ(rt.x.shape(), (shape_t{m}));
  EXPECT_EQ(rt.residuals.shape(), (shape_t{1}));
}

TEST_F(DecompGpu, LstsqRankDeficient) {
  const auto bf = random_array<double>({6, 2}, 920);
  const auto cf = random_array<double>({2, 4}, 921);
  const auto a = cupp::matmul(bf, cf);
  const auto b = random_array<double>({6}, 922);
  const hmat pref = mul(pinv_full_rank(matrix_of(cf.get(), 0, 2, 4)),
                        pinv_full_rank(matrix_of(bf.get(), 0, 6, 2)));
  const hmat xref = mul(pref, matrix_of(b.get(), 0, 6, 1));
  auto r = la::lstsq(a, b);
  EXPECT_EQ(r.rank, 2);
  EXPECT_EQ(r.residuals.shape(), (shape_t{0}));
  EXPECT_LE(fro_diff(matrix_of(r.x.get(), 0, 4, 1), xref), 1e-10 * fro(xref));
  // rcond above the second singular value: rank 1.
  const auto s = r.s.get();
  auto r1 = la::lstsq(a, b, 0.5 * (s[1] + s[0]) / s[0]);
  EXPECT_EQ(r1.rank, 1);
}

TEST_F(DecompGpu, LstsqKnownLine) {
  // NumPy's documented example: fit y = m x + c through (0,-1), (1,0.2), (2,0.9), (3,2.1).
  const auto a = cupp::asarray<double>({0, 1, 1, 1, 2, 1, 3, 1}, {4, 2});
  const auto y = cupp::asarray<double>({-1, 0.2, 0.9, 2.1}, {4});
  auto r = la::lstsq(a, y);
  const auto x = r.x.get();
  EXPECT_NEAR(x[0], 1.0, 1e-12);
  EXPECT_NEAR(x[1], -0.95, 1e-12);
  EXPECT_EQ(r.rank, 2);
  EXPECT_NEAR(r.residuals.get()[0], 0.05, 1e-12);
}

TEST_F(DecompGpu, LstsqMixedDtypes) {
  const auto a = cupp::asarray<std::int32_t>({1, 0, 0, 1, 1, 1}, {3, 2});
  const auto b = cupp::asarray<float>({1, 2, 4}, {3});
  auto r = la::lstsq(a, b);
  static_assert(std::is_same_v<decltype(r.x), cupp::ndarray<double>>);
  // Normal equations: [[2, 1], [1, 2]] x = [5, 6] -> x = [4/3, 7/3]; residual 1/3.
  const auto x = r.x.get();
  EXPECT_NEAR(x[0], 4.0 / 3, 1e-13);
  EXPECT_NEAR(x[1], 7.0 / 3, 1e-13);
  EXPECT_NEAR(r.residuals.get()[0], 1.0 / 3, 1e-13);
}

TEST_F(DecompGpu, LstsqEmpty) {
  {
    auto r = la::lstsq(cupp::ndarray<double>(shape_t{0, 3}), cupp::ndarray<double>(shape_t{0, 2}));
    EXPECT_EQ(r.x.shape(), (shape_t{3, 2}));
    for (const double v : r.x.get()) EXPECT_EQ(v, 0.0);  // NumPy: x[...] = 0 when M == 0
    EXPECT_EQ(r.rank, 0);
    EXPECT_EQ(r.s.shape(), (shape_t{0}));
    EXPECT_EQ(r.residuals.shape(), (shape_t{0}));
  }
  {
    // N == 0: rank 0 == N and M > N, so the residuals are |b|^2.
    auto r = la::lstsq(cupp::ndarray<double>(shape_t{2, 0}), cupp::asarray<double>({3, 4}, {2}));
    EXPECT_EQ(r.x.shape(), (shape_t{0}));
    ASSERT_EQ(r.residuals.shape(), (shape_t{1}));
    EXPECT_NEAR(r.residuals.get()[0], 25.0, 1e-12);
  }
  {
    auto r = la::lstsq(random_array<float>({5, 3}, 930), cupp::ndarray<float>(shape_t{5, 0}));
    EXPECT_EQ(r.x.shape(), (shape_t{3, 0}));
    EXPECT_EQ(r.rank, 3);
    EXPECT_EQ(r.residuals.shape(), (shape_t{0}));
  }
}

// ---- matrix_rank -------------------------------------------------------------------------------

template <class T>
class RankTest : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(RankTest, Dtypes);

TYPED_TEST(RankTest, KnownRanks) {
  using T = TypeParam;
  EXPECT_EQ(la::matrix_rank(cupp::eye<T>(4)).item(), 4);
  EXPECT_EQ(la::matrix_rank(cupp::zeros<T>({4, 3})).item(), 0);
  auto one = cupp::zeros<T>({4, 4});
  one(1, 2) = T(1);
  EXPECT_EQ(la::matrix_rank(one).item(), 1);
  // Batched, built as products of integer-valued factors of known rank (exact in every dtype).
  const std::vector<std::int64_t> ranks = rank_test_ranks();
  const std::vector<T> values = rank_test_values<T>();
  const auto a = cupp::asarray<T>(values, {2, 3, 5, 6});
  std::vector<std::int64_t> expect;
  for (std::size_t i = 0; i < ranks.size(); ++i) {
    const auto s = svdvals_ref(matrix_of(values, static_cast<std::int64_t>(i), 5, 6));
    std::int64_t r = 0;
    for (const double v : s) r += v > s[0] * 6 * eps<T>();
    expect.push_back(r);
  }
  const auto got = la::matrix_rank(a);
  EXPECT_EQ(got.shape(), (shape_t{2, 3}));
  EXPECT_EQ(got.get(), expect);
  EXPECT_EQ(got.get(), ranks);  // the factors are of full rank (checked on the host too)
  EXPECT_EQ(la::matrix_rank(a.transpose({0, 1, 3, 2})).get(), ranks);
}

TEST_F(DecompGpu, MatrixRankTolerances) {
  const auto d = cupp::asarray<double>({1, 0, 0, 0, 1e-3, 0, 0, 0, 1e-6}, {3, 3});
  EXPECT_EQ(la::matrix_rank(d).item(), 3);
  EXPECT_EQ(la::matrix_rank(d, 1e-4).item(), 2);
  EXPECT_EQ(la::matrix_rank(d, 1e-2).item(), 1);
  EXPECT_EQ(la::matrix_rank(d, std::nullopt, false, 1e-4).item(), 2);  // rtol * max(S)
  EXPECT_EQ(la::matrix_rank(d, std::nullopt, true).item(), 3);
  // float32 uses float32's eps: the tolerance is 3 * 1.19e-7, above 1e-7.
  const auto f = cupp::asarray<float>({1, 0, 0, 0, 1e-3f, 0, 0, 0, 1e-7f}, {3, 3});
  EXPECT_EQ(la::matrix_rank(f).item(), 2);
  const auto big = cupp::matmul(random_array<double>({50, 7}, 1200), random_array<double>({7, 45}, 1201));
  EXPECT_EQ(la::matrix_rank(big).item(), 7);
}

TEST_F(DecompGpu, MatrixRankOfVectorsAndEmpty) {
  EXPECT_EQ(la::matrix_rank(cupp::asarray<double>({0, 0, 0}, {3})).item(), 0);
  EXPECT_EQ(la::matrix_rank(cupp::asarray<double>({0, 2, 0}, {3})).item(), 1);
  EXPECT_EQ(la::matrix_rank(cupp::asarray<double>({0, 2, 0}, {3})).ndim(), 0);
  EXPECT_EQ(la::matrix_rank(cupp::ndarray<float>(shape_t{0, 3, 3})).shape(), (shape_t{0}));
  EXPECT_THROW(la::matrix_rank(cupp::ndarray<float>(shape_t{3, 0})), cupp::value_error);
  EXPECT_EQ(la::matrix_rank(cupp::ndarray<float>(shape_t{3, 0}), 0.5).item(), 0);
}

}  // namespace
