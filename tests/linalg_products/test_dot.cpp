// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// dot, vdot, inner, outer and kron on the GPU against a plain-loop einsum on the host: every rank
// combination NumPy defines, empty axes, 0-d operands, transposed and negatively strided views,
// mixed dtypes, for float, double, complex, int32, int64, bool and float16.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "cupp/array.hpp"
#include "cupp/linalg/products.hpp"
#include "products_reference.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::ndarray;
using cupp::shape_t;
using cupp::slice;
using namespace cupp::test::products;

using ProductDtypes = ::testing::Types<float, double, std::complex<float>, std::complex<double>,
                                       std::int32_t, std::int64_t, bool, cupp::float16>;

template <class T>
class Products : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(Products, ProductDtypes);

/// An operand flattened, as vdot and outer see it.
operand flat(operand o) {
  o.shape = {static_cast<std::int64_t>(o.values.size())};
  return o;
}

/// A reference result seen with another shape of the same C-order values (kron).
result reshaped(result r, const shape_t& shape) {
  r.shape = shape;
  return r;
}

struct pair_case {
  shape_t a, b;
  std::string reference;  // the einsum that defines the product
};

TYPED_TEST(Products, DotOfEveryRankCombination) {
  using T = TypeParam;
  const std::vector<pair_case> cases = {
      {{5, 7}, {7, 3}, "ik,kj->ij"},          // matrix product
      {{7}, {7}, "k,k->"},                    // inner product: 0-d
      {{5, 7}, {7}, "ik,k->i"},               // matrix-vector
      {{7}, {7, 3}, "k,kj->j"},               // vector-matrix
      {{2, 3, 4}, {5, 4, 6}, "abk,ckd->abcd"},  // N-D x M-D: not matmul's broadcasting
      {{2, 3, 4}, {4}, "abk,k->ab"},          // N-D x 1-D
      {{3}, {2, 3, 4}, "k,akb->ab"},          // 1-D x N-D
      {{2, 3, 4}, {4, 6}, "abk,kc->abc"},
      {{3, 0}, {0, 4}, "ik,kj->ij"},          // empty sum: zeros
      {{0, 3}, {3, 4}, "ik,kj->ij"},          // no rows
      {{2, 0, 3}, {3, 4}, "abk,kc->abc"},
      {{}, {3, 4}, ",ij->ij"},                // 0-d: a multiply
      {{3}, {}, "i,->i"},
      {{}, {}, ",->"},
  };
  unsigned seed = 1;
  for (const auto& c : cases) {
    const ndarray<T> a = random_array<T>(c.a, seed++), b = random_array<T>(c.b, seed++);
    const ndarray<T> r = cupp::dot(a, b);
    expect_matches(r, einsum_ref(c.reference, {host(a), host(b)}), c.reference);
  }
}

TYPED_TEST(Products, DotOfTransposedAndNegativelyStridedViews) {
  using T = TypeParam;
  // a (5, 7) as the transpose of a (7, 5) array; b (7, 3) as every other row, backwards, of a
  // (14, 3) array: cuBLAS reads the first with a transpose flag, the second is copied.
  const ndarray<T> a = random_array<T>({7, 5}, 11).T();
  const ndarray<T> b = random_array<T>({14, 3}, 12)(slice(std::nullopt, std::nullopt, -2), slice());
  expect_matches(cupp::dot(a, b), einsum_ref("ik,kj->ij", {host(a), host(b)}), "views");
  const ndarray<T> c = random_array<T>({4, 3, 2}, 13).transpose({2, 1, 0});  // (2, 3, 4)
  const ndarray<T> d = random_array<T>({6, 4, 5}, 14).transpose({2, 1, 0});  // (5, 4, 6)
  expect_matches(cupp::dot(c, d), einsum_ref("abk,ckd->abcd", {host(c), host(d)}), "N-D views");
  const ndarray<T> v = random_array<T>({8}, 15)(slice(std::nullopt, std::nullopt, -2));  // (4,)
  expect_matches(cupp::dot(c, v), einsum_ref("abk,k->ab", {host(c), host(v)}), "strided vector");
}

TYPED_TEST(Products, VdotConjugatesTheFirstAndFlattens) {
  using T = TypeParam;
  const ndarray<T> a = random_array<T>({3, 4}, 21), b = random_array<T>({12}, 22);
  const ndarray<T> r = cupp::vdot(a, b);
  EXPECT_EQ(r.ndim(), 0);
  expect_matches(r, einsum_ref("i,i->", {flat(host(a)), host(b)}, true), "vdot");
  // vdot(a, b) = conj(vdot(b, a)); a transposed view flattens in its own C order.
  const ndarray<T> at = a.T();
  expect_matches(cupp::vdot(at, b), einsum_ref("i,i->", {flat(host(at)), host(b)}, true),
                 "vdot of a view");
  const ndarray<T> e(shape_t{0});
  expect_matches(cupp::vdot(e, e), einsum_ref("i,i->", {host(e), host(e)}, true), "empty");
}

TYPED_TEST(Products, InnerSumsOverTheLastAxes) {
  using T = TypeParam;
  const std::vector<pair_case> cases = {
      {{2, 3, 4}, {5, 4}, "abk,ck->abc"}, {{4}, {4}, "k,k->"},     {{3, 4}, {4}, "ik,k->i"},
      {{4}, {2, 4}, "k,jk->j"},           {{0, 4}, {3, 4}, "ik,jk->ij"}, {{2, 0}, {3, 0}, "ik,jk->ij"},
      {{}, {3}, ",i->i"},
  };
  unsigned seed = 31;
  for (const auto& c : cases) {
    const ndarray<T> a = random_array<T>(c.a, seed++), b = random_array<T>(c.b, seed++);
    expect_matches(cupp::inner(a, b), einsum_ref(c.reference, {host(a), host(b)}), c.reference);
  }
  // A transposed second operand: its rows are already the columns cuBLAS wants.
  const ndarray<T> a = random_array<T>({3, 5}, 41);
  const ndarray<T> b = random_array<T>({5, 4}, 42).T();
  expect_matches(cupp::inner(a, b), einsum_ref("ik,jk->ij", {host(a), host(b)}), "inner views");
}

TYPED_TEST(Products, OuterFlattensBothOperands) {
  using T = TypeParam;
  const ndarray<T> a = random_array<T>({2, 3}, 51), b = random_array<T>({4}, 52);
  const ndarray<T> r = cupp::outer(a, b);
  expect_matches(r, einsum_ref("i,j->ij", {flat(host(a)), host(b)}), "outer");
  const ndarray<T> s = random_array<T>({}, 53);
  expect_matches(cupp::outer(s, b), einsum_ref("i,j->ij", {flat(host(s)), host(b)}), "0-d");
  const ndarray<T> e(shape_t{0});
  EXPECT_EQ(cupp::outer(e, b).shape(), (shape_t{0, 4}));
  const ndarray<T> at = a.T();
  expect_matches(cupp::outer(at, b), einsum_ref("i,j->ij", {flat(host(at)), host(b)}), "view");
}

TYPED_TEST(Products, KronInterleavesTheShapes) {
  using T = TypeParam;
  {
    const ndarray<T> a = random_array<T>({2, 3}, 61), b = random_array<T>({4, 5}, 62);
    expect_matches(cupp::kron(a, b),
                   reshaped(einsum_ref("ij,kl->ikjl", {host(a), host(b)}), {8, 15}), "2-D");
  }
  {  // the shorter shape is padded with leading ones
    const ndarray<T> a = random_array<T>({3}, 63), b = random_array<T>({2, 2}, 64);
    expect_matches(cupp::kron(a, b), reshaped(einsum_ref("j,kl->kjl", {host(a), host(b)}), {2, 6}),
                   "1-D with 2-D");
  }
  {
    const ndarray<T> a = random_array<T>({2, 1, 2}, 65), b = random_array<T>({1, 3, 2}, 66);
    expect_matches(cupp::kron(a, b),
                   reshaped(einsum_ref("abc,def->adbecf", {host(a), host(b)}), {2, 3, 4}), "3-D");
  }
  {
    const ndarray<T> s = random_array<T>({}, 67), b = random_array<T>({3}, 68);
    expect_matches(cupp::kron(s, b), einsum_ref(",i->i", {host(s), host(b)}), "0-d");
  }
  {
    const ndarray<T> a = random_array<T>({2, 0}, 69), b = random_array<T>({3, 2}, 70);
    EXPECT_EQ(cupp::kron(a, b).shape(), (shape_t{6, 0}));
  }
}

class ProductsMixed : public cupp::test::GpuTest {};

TEST_F(ProductsMixed, MixedDtypesPromoteAsNumPy) {
  const ndarray<std::int32_t> a = random_array<std::int32_t>({3, 4}, 81);
  const ndarray<float> b = random_array<float>({4, 2}, 82);
  const ndarray<double> r = cupp::dot(a, b);  // int32 with float32 is float64
  expect_matches(r, einsum_ref("ik,kj->ij", {host(a), host(b)}), "dot int32 float32");
  const ndarray<std::complex<double>> z = random_array<std::complex<double>>({4}, 83);
  const ndarray<std::complex<double>> v = cupp::vdot(b.T()(0), z);
  expect_matches(v, einsum_ref("i,i->", {host(b.T()(0).copy()), host(z)}, true), "vdot mixed");
  const ndarray<std::int64_t> k = cupp::kron(cupp::asarray<std::int32_t>({1, 2}),
                                             cupp::asarray<std::int64_t>({3, 4}));
  EXPECT_EQ(k.get(), (std::vector<std::int64_t>{3, 4, 6, 8}));
}

TEST_F(ProductsMixed, DocumentationExamples) {
  // example-begin dot
  const ndarray<double> a = cupp::asarray<double>({{1, 2}, {3, 4}});
  const ndarray<double> b = cupp::asarray<double>({{5, 6}, {7, 8}});
  const ndarray<double> ab = cupp::dot(a, b);          // [[19, 22], [43, 50]]
  const ndarray<double> s = cupp::dot(a(0), b(1));     // 0-d: 1*7 + 2*8 = 23
  // example-end
  EXPECT_EQ(ab.get(), (std::vector<double>{19, 22, 43, 50}));
  EXPECT_EQ(s.item(), 23.0);
  // example-begin vdot
  using cplx = std::complex<double>;
  const ndarray<cplx> x = cupp::asarray(std::vector<cplx>{{1, 2}, {3, 4}});
  const ndarray<cplx> y = cupp::asarray(std::vector<cplx>{{5, 6}, {7, 8}});
  const auto xy = cupp::vdot(x, y).item();  // (1-2j)*(5+6j) + (3-4j)*(7+8j) = 70-8j
  // example-end
  EXPECT_EQ(xy, std::complex<double>(70, -8));
  // example-begin outer
  const ndarray<std::int64_t> o = cupp::outer(cupp::asarray<std::int64_t>({1, 2, 3}),
                                              cupp::asarray<std::int64_t>({1, 10}));
  // [[1, 10], [2, 20], [3, 30]]
  // example-end
  EXPECT_EQ(o.get(), (std::vector<std::int64_t>{1, 10, 2, 20, 3, 30}));
  // example-begin kron
  const ndarray<std::int64_t> k = cupp::kron(cupp::asarray<std::int64_t>({1, 10, 100}),
                                             cupp::asarray<std::int64_t>({5, 6, 7}));
  // [5, 6, 7, 50, 60, 70, 500, 600, 700]
  // example-end
  EXPECT_EQ(k.get(), (std::vector<std::int64_t>{5, 6, 7, 50, 60, 70, 500, 600, 700}));
  // example-begin inner
  const ndarray<double> m = cupp::asarray<double>({{0, 1}, {2, 3}});
  const ndarray<double> mi = cupp::inner(m, m);  // [[1, 3], [3, 13]]: rows against rows
  // example-end
  EXPECT_EQ(mi.get(), (std::vector<double>{1, 3, 3, 13}));
}

TEST_F(ProductsMixed, NaNPropagates) {
  ndarray<double> a = cupp::asarray<double>({{1, 2}, {3, 4}});
  a(0, 1) = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> r = cupp::dot(a, cupp::asarray<double>({1, 1})).get();
  EXPECT_TRUE(std::isnan(r[0]));
  EXPECT_EQ(r[1], 7.0);
}

}  // namespace
