// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// einsum and tensordot on the GPU against a plain-loop einsum on the host: matrix products,
// batches, broadcasting ellipses, diagonals and traces, sums, outer and elementwise products,
// three operands, empty axes, 0-d operands, transposed inputs, for float, double, complex,
// int32, int64 and bool; and NumPy's documented tensordot example, exactly.
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include "cupp/array.hpp"
#include "cupp/linalg/products.hpp"
#include "products_reference.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::ndarray;
using cupp::shape_t;
using namespace cupp::test::products;

using EinsumDtypes = ::testing::Types<float, double, std::complex<float>, std::complex<double>,
                                      std::int32_t, std::int64_t, bool>;

template <class T>
class Einsum : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(Einsum, EinsumDtypes);

struct one_case {
  std::string subscripts;  // as given to cupp::einsum
  shape_t a;
  std::string reference;  // the same sum, explicit and without ellipsis, for einsum_ref
};

struct two_case {
  std::string subscripts;
  shape_t a, b;
  std::string reference;
};

TYPED_TEST(Einsum, OneOperand) {
  using T = TypeParam;
  const std::vector<one_case> cases = {
      {"ij->ji", {3, 4}, "ij->ji"},      {"ba", {3, 4}, "ba->ab"},        {"ii->i", {4, 4}, "ii->i"},
      {"ii", {4, 4}, "ii->"},            {"ij->", {3, 4}, "ij->"},        {"ij->j", {3, 4}, "ij->j"},
      {"ijk->ki", {2, 3, 4}, "ijk->ki"}, {"i...i", {3, 2, 3}, "iai->a"},  {"...ii->...i", {2, 3, 3}, "aii->ai"},
      {"iji->j", {3, 2, 3}, "iji->j"},   {"ij->", {0, 3}, "ij->"},        {"ij->i", {3, 0}, "ij->i"},
      {"->", {}, "->"},                  {"i", {5}, "i->i"},
  };
  unsigned seed = 1;
  for (const auto& c : cases) {
    const ndarray<T> a = random_array<T>(c.a, seed++);
    expect_matches(cupp::einsum(c.subscripts, a), einsum_ref(c.reference, {host(a)}),
                   c.subscripts);
  }
}

TYPED_TEST(Einsum, OneOperandWithoutASumIsAView) {
  using T = TypeParam;
  const ndarray<T> a = random_array<T>({4, 4}, 7);
  const ndarray<T> d = cupp::einsum("ii->i", a);
  EXPECT_EQ(d.desc().owner, a.desc().owner);
  EXPECT_EQ(d.strides(), (cupp::strides_t{5}));
  const ndarray<T> t = cupp::einsum("ij->ji", a);
  EXPECT_EQ(t.desc().owner, a.desc().owner);
}

TYPED_TEST(Einsum, TwoOperands) {
  using T = TypeParam;
  const std::vector<two_case> cases = {
      {"ij,jk->ik", {4, 5}, {5, 3}, "ij,jk->ik"},
      {"ij,jk", {4, 5}, {5, 3}, "ij,jk->ik"},  // implicit output
      {"ij,jk->ki", {4, 5}, {5, 3}, "ij,jk->ki"},
      {"bij,bjk->bik", {3, 4, 5}, {3, 5, 2}, "bij,bjk->bik"},
      {"ij,ij->i", {4, 5}, {4, 5}, "ij,ij->i"},
      {"i,i", {6}, {6}, "i,i->"},
      {"i,j->ij", {3}, {4}, "i,j->ij"},      // outer: a broadcast multiply
      {"i,i->i", {5}, {5}, "i,i->i"},        // elementwise
      {"ij,jk->ik", {3, 0}, {0, 4}, "ij,jk->ik"},  // empty sum: zeros
      {"ij,jk->ik", {0, 3}, {3, 4}, "ij,jk->ik"},
      {"...ij,...jk->...ik", {2, 1, 3, 4}, {5, 4, 2}, "abij,bjk->abik"},  // broadcast batch
      {"ij,ij->", {1, 3}, {2, 3}, "ij,ij->"},  // a contracted label of length 1 broadcasts
      {"iij,jk->ik", {3, 3, 4}, {4, 2}, "iij,jk->ik"},  // a diagonal, then a product
      {"ijk,jl->lik", {2, 3, 4}, {3, 5}, "ijk,jl->lik"},
      {"ij,kj->", {3, 4}, {2, 4}, "ij,kj->"},  // a label summed within one operand first
      {",i->i", {}, {5}, ",i->i"},
      {"i,->i", {5}, {}, "i,->i"},
  };
  unsigned seed = 101;
  for (const auto& c : cases) {
    const ndarray<T> a = random_array<T>(c.a, seed++), b = random_array<T>(c.b, seed++);
    expect_matches(cupp::einsum(c.subscripts, a, b), einsum_ref(c.reference, {host(a), host(b)}),
                   c.subscripts);
  }
}

TYPED_TEST(Einsum, TransposedOperandsAndThreeOperands) {
  using T = TypeParam;
  const ndarray<T> a = random_array<T>({5, 4}, 201).T();  // (4, 5), transposed
  const ndarray<T> b = random_array<T>({5, 3}, 202);
  expect_matches(cupp::einsum("ij,jk->ik", a, b), einsum_ref("ij,jk->ik", {host(a), host(b)}),
                 "transposed");
  const ndarray<T> x = random_array<T>({2, 3, 4}, 203), y = random_array<T>({4, 5}, 204);
  const ndarray<T> z = random_array<T>({5, 3}, 205);
  expect_matches(cupp::einsum("ijk,kl,lm->im", x, y, z),
                 einsum_ref("ijk,kl,lm->im", {host(x), host(y), host(z)}), "three operands");
  const ndarray<T> u = random_array<T>({4}, 206), v = random_array<T>({4}, 207);
  const ndarray<T> w = random_array<T>({4}, 208);
  expect_matches(cupp::einsum("i,i,i", u, v, w), einsum_ref("i,i,i->", {host(u), host(v), host(w)}),
                 "triple inner product");
  expect_matches(cupp::einsum("i,j,k->kji", u, v, w),
                 einsum_ref("i,j,k->kji", {host(u), host(v), host(w)}), "triple outer product");
}

class EinsumMixed : public cupp::test::GpuTest {};

TEST_F(EinsumMixed, MixedDtypesPromote) {
  const ndarray<std::int32_t> a = random_array<std::int32_t>({3, 4}, 301);
  const ndarray<float> b = random_array<float>({4, 2}, 302);
  const ndarray<double> r = cupp::einsum("ij,jk->ik", a, b);
  expect_matches(r, einsum_ref("ij,jk->ik", {host(a), host(b)}), "int32 with float32");
}

TEST_F(EinsumMixed, DocumentationExamples) {
  // example-begin einsum
  const ndarray<double> a = cupp::asarray<double>({{1, 2}, {3, 4}});
  const ndarray<double> b = cupp::asarray<double>({{5, 6}, {7, 8}});
  const ndarray<double> ab = cupp::einsum("ij,jk->ik", a, b);  // the matrix product
  const ndarray<double> tr = cupp::einsum("ii", a);            // the trace: 5
  const ndarray<double> dg = cupp::einsum("ii->i", a);         // the diagonal, a view: [1, 4]
  const ndarray<double> at = cupp::einsum("ji", a);            // the transpose, a view
  const ndarray<double> rs = cupp::einsum("ij->i", a);         // row sums: [3, 7]
  // example-end
  EXPECT_EQ(ab.get(), (std::vector<double>{19, 22, 43, 50}));
  EXPECT_EQ(tr.item(), 5.0);
  EXPECT_EQ(dg.get(), (std::vector<double>{1, 4}));
  EXPECT_EQ(at.get(), (std::vector<double>{1, 3, 2, 4}));
  EXPECT_EQ(rs.get(), (std::vector<double>{3, 7}));
  // example-begin einsum-batched
  const ndarray<float> x = cupp::ones<float>({8, 3, 4});
  const ndarray<float> y = cupp::ones<float>({4, 5});
  const ndarray<float> xy = cupp::einsum("...ij,jk->...ik", x, y);  // (8, 3, 5), all 4
  // example-end
  EXPECT_EQ(xy.shape(), (shape_t{8, 3, 5}));
  EXPECT_EQ(xy.get(), std::vector<float>(120, 4.0f));
}

TEST_F(EinsumMixed, ErrorsLeaveTheContextHealthy) {
  const ndarray<double> a = random_array<double>({2, 3}, 501);
  EXPECT_THROW(cupp::einsum("ij,jk->ik", a, a), cupp::broadcast_error);
  EXPECT_THROW(cupp::dot(a, a), cupp::value_error);
  EXPECT_THROW(cupp::tensordot(a, a, 1), cupp::value_error);
  EXPECT_THROW(cupp::trace(a, 0, 0, 0), cupp::value_error);
  // The next product gives the right answer.
  expect_matches(cupp::einsum("ij,kj->ik", a, a), einsum_ref("ij,kj->ik", {host(a), host(a)}),
                 "after errors");
}

// ---- tensordot ---------------------------------------------------------------------------------

template <class T>
class Tensordot : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(Tensordot, EinsumDtypes);

TYPED_TEST(Tensordot, AgainstTheReference) {
  using T = TypeParam;
  unsigned seed = 401;
  auto check = [&](const ndarray<T>& r, const ndarray<T>& a, const ndarray<T>& b,
                   const std::string& reference) {
    expect_matches(r, einsum_ref(reference, {host(a), host(b)}), reference);
  };
  {
    const ndarray<T> a = random_array<T>({3, 4, 5}, seed++), b = random_array<T>({4, 5, 6}, seed++);
    check(cupp::tensordot(a, b), a, b, "abc,bcd->ad");  // axes = 2
    check(cupp::tensordot(a, b.transpose({2, 0, 1}), {1, 2}, {1, 2}), a, b.transpose({2, 0, 1}),
          "abc,dbc->ad");
  }
  {
    const ndarray<T> a = random_array<T>({3, 4}, seed++), b = random_array<T>({4, 2}, seed++);
    check(cupp::tensordot(a, b, 1), a, b, "ab,bc->ac");
    check(cupp::tensordot(a, b, 0), a, b, "ab,cd->abcd");  // the outer product
    check(cupp::tensordot(a.T(), b, {0}, {0}), a.T(), b, "ba,bc->ac");
    check(cupp::tensordot(a, b, {-1}, {-2}), a, b, "ab,bc->ac");
  }
  {
    const ndarray<T> a = random_array<T>({3, 0}, seed++), b = random_array<T>({0, 2}, seed++);
    check(cupp::tensordot(a, b, 1), a, b, "ab,bc->ac");  // empty sum: zeros
  }
  {
    const ndarray<T> s = random_array<T>({}, seed++), b = random_array<T>({2, 3}, seed++);
    check(cupp::tensordot(s, b, 0), s, b, ",bc->bc");
  }
}

TEST_F(EinsumMixed, TensordotDocumentationExample) {
  // example-begin tensordot
  std::vector<double> av(60), bv(24);
  std::iota(av.begin(), av.end(), 0.0);
  std::iota(bv.begin(), bv.end(), 0.0);
  const ndarray<double> a = cupp::asarray(av, {3, 4, 5});
  const ndarray<double> b = cupp::asarray(bv, {4, 3, 2});
  const ndarray<double> c = cupp::tensordot(a, b, {1, 0}, {0, 1});
  // [[4400, 4730], [4532, 4874], [4664, 5018], [4796, 5162], [4928, 5306]]
  // example-end
  EXPECT_EQ(c.shape(), (shape_t{5, 2}));
  EXPECT_EQ(c.get(),
            (std::vector<double>{4400, 4730, 4532, 4874, 4664, 5018, 4796, 5162, 4928, 5306}));
  const ndarray<std::int64_t> ci =
      cupp::tensordot(a.astype<std::int64_t>(), b.astype<std::int64_t>(), {1, 0}, {0, 1});
  EXPECT_EQ(ci.get(),
            (std::vector<std::int64_t>{4400, 4730, 4532, 4874, 4664, 5018, 4796, 5162, 4928, 5306}));
}

}  // namespace
