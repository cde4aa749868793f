// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// trace, linalg::multi_dot and linalg::matrix_power on the GPU against host loops: offsets,
// other axes, stacks, NumPy's sum dtype for integer traces; chains with 1-D ends; powers 0 to 13
// by repeated squaring, batched, and (where linalg::inv exists) negative powers.
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
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

using TraceDtypes = ::testing::Types<float, double, std::complex<float>, std::complex<double>,
                                     std::int32_t, std::int64_t, bool>;

template <class T>
class Trace : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(Trace, TraceDtypes);

TYPED_TEST(Trace, OffsetsAxesAndStacks) {
  using T = TypeParam;
  const ndarray<T> a = random_array<T>({4, 5}, 1);
  for (std::int64_t offset : {0, 1, 3, -2, 7, -9}) {
    // The reference: the trace of the square block the diagonal runs through.
    const std::int64_t r0 = offset < 0 ? -offset : 0, c0 = offset > 0 ? offset : 0;
    const std::int64_t n = std::max<std::int64_t>(0, std::min<std::int64_t>(4 - r0, 5 - c0));
    const ndarray<T> block = n > 0 ? a(slice(r0, r0 + n), slice(c0, c0 + n)) : a(slice(0, 0), slice(0, 0));
    const auto r = cupp::trace(a, offset);
    EXPECT_EQ(r.ndim(), 0);
    expect_matches(r, einsum_ref("ii->", {host(block)}), "offset " + std::to_string(offset));
  }
  const ndarray<T> s = random_array<T>({2, 4, 4}, 2);
  expect_matches(cupp::trace(s, 0, 1, 2), einsum_ref("bii->b", {host(s)}), "stack");
  const ndarray<T> t = random_array<T>({3, 2, 3}, 3);
  expect_matches(cupp::trace(t, 0, 0, 2), einsum_ref("iji->j", {host(t)}), "axes 0 and 2");
  expect_matches(cupp::trace(t, 0, -1, 0), einsum_ref("iji->j", {host(t)}), "negative axes");
  const ndarray<T> v = a.T();
  expect_matches(cupp::trace(v), einsum_ref("ii->", {host(v(slice(0, 4), slice()))}), "view");
}

class TraceExamples : public cupp::test::GpuTest {};

TEST_F(TraceExamples, IntegerTracesSumInInt64) {
  // example-begin trace
  const ndarray<std::int32_t> a = cupp::asarray<std::int32_t>({{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
  const ndarray<std::int64_t> t = cupp::trace(a);         // 15, int64 as NumPy's sum rule
  const ndarray<std::int64_t> u = cupp::trace(a, 1);      // 2 + 6 = 8
  // example-end
  EXPECT_EQ(t.item(), 15);
  EXPECT_EQ(u.item(), 8);
  const ndarray<std::int32_t> big = cupp::full<std::int32_t>({2, 2}, 2000000000);
  EXPECT_EQ(cupp::trace(big).item(), 4000000000LL);  // no int32 overflow
  EXPECT_EQ(cupp::trace(cupp::eye<bool>(5)).item(), 5);
}

// ---- multi_dot ---------------------------------------------------------------------------------

template <class T>
class MultiDot : public cupp::test::GpuTest {};
using MultiDotDtypes = ::testing::Types<float, double, std::complex<double>, std::int64_t>;
TYPED_TEST_SUITE(MultiDot, MultiDotDtypes);

TYPED_TEST(MultiDot, ChainsWithMatrixAndVectorEnds) {
  using T = TypeParam;
  using V = std::vector<ndarray<T>>;
  const ndarray<T> a = random_array<T>({3, 8}, 11), b = random_array<T>({8, 2}, 12);
  const ndarray<T> c = random_array<T>({2, 6}, 13), d = random_array<T>({6, 4}, 14);
  expect_matches(cupp::linalg::multi_dot(V{a, b, c, d}),
                 einsum_ref("ab,bc,cd,de->ae", {host(a), host(b), host(c), host(d)}), "four");
  expect_matches(cupp::linalg::multi_dot(a, b, c),
                 einsum_ref("ab,bc,cd->ad", {host(a), host(b), host(c)}), "three");
  expect_matches(cupp::linalg::multi_dot(a, b), einsum_ref("ab,bc->ac", {host(a), host(b)}), "two");
  const ndarray<T> x = random_array<T>({8}, 15), y = random_array<T>({4}, 16);
  const ndarray<T> xy = cupp::linalg::multi_dot(V{x, b, c, d, y});
  EXPECT_EQ(xy.ndim(), 0);
  expect_matches(xy, einsum_ref("b,bc,cd,de,e->", {host(x), host(b), host(c), host(d), host(y)}),
                 "vector ends");
  expect_matches(cupp::linalg::multi_dot(V{a, b, c, d, y}),
                 einsum_ref("ab,bc,cd,de,e->a", {host(a), host(b), host(c), host(d), host(y)}),
                 "vector last");
  expect_matches(cupp::multi_dot(x, b, c.T().T()),
                 einsum_ref("b,bc,cd->d", {host(x), host(b), host(c)}), "vector first");
  // A transposed link goes to cuBLAS as a view.
  const ndarray<T> dt = random_array<T>({4, 6}, 17).T();
  expect_matches(cupp::linalg::multi_dot(V{a, b, c, dt}),
                 einsum_ref("ab,bc,cd,de->ae", {host(a), host(b), host(c), host(dt)}), "view");
}

// ---- matrix_power ------------------------------------------------------------------------------

/// a^n for a stack of m x m matrices on the host (plain loops), with |a|^n as the error scale.
result power_ref(const operand& a, std::int64_t n) {
  const std::int64_t m = a.shape.back();
  const std::int64_t count = m == 0 ? 0 : static_cast<std::int64_t>(a.values.size()) / (m * m);
  result r;
  r.shape = a.shape;
  r.terms = std::max<std::int64_t>(1, n) * std::max<std::int64_t>(m, 1);
  for (std::int64_t s = 0; s < count; ++s) {
    std::vector<cd> p(static_cast<std::size_t>(m * m)), q = p;
    std::vector<cd> pa(p.size()), qa(p.size());
    for (std::int64_t i = 0; i < m; ++i) p[i * m + i] = pa[i * m + i] = 1.0;
    for (std::int64_t k = 0; k < n; ++k) {
      for (std::int64_t i = 0; i < m; ++i)
        for (std::int64_t j = 0; j < m; ++j) {
          cd v = 0, w = 0;
          for (std::int64_t l = 0; l < m; ++l) {
            const cd x = a.values[s * m * m + l * m + j];
            v += p[i * m + l] * x;
            w += pa[i * m + l] * std::abs(x);
          }
          q[i * m + j] = v;
          qa[i * m + j] = w;
        }
      p.swap(q);
      pa.swap(qa);
    }
    for (std::size_t i = 0; i < p.size(); ++i) {
      r.values.push_back(p[i]);
      r.magnitudes.push_back(std::abs(pa[i]) + (n == 0 ? 1.0 : 0.0));
    }
  }
  return r;
}

template <class T>
class MatrixPower : public cupp::test::GpuTest {};
using PowerDtypes = ::testing::Types<float, double, std::complex<float>, std::complex<double>,
                                     std::int32_t, std::int64_t>;
TYPED_TEST_SUITE(MatrixPower, PowerDtypes);

TYPED_TEST(MatrixPower, RepeatedSquaring) {
  using T = TypeParam;
  const ndarray<T> a = random_array<T>({4, 4}, 21);
  // Integer entries reach 16^n: keep integer powers exact in the double reference.
  const std::int64_t top = std::is_integral_v<T> ? 6 : 13;
  for (std::int64_t n = 0; n <= top; ++n) {
    const ndarray<T> r = cupp::linalg::matrix_power(a, n);
    expect_matches(r, power_ref(host(a), n), "n = " + std::to_string(n));
  }
  const ndarray<T> stack = random_array<T>({2, 3, 3}, 22);
  for (std::int64_t n : {0, 1, 2, 5, 6}) {
    expect_matches(cupp::linalg::matrix_power(stack, n), power_ref(host(stack), n),
                   "stack, n = " + std::to_string(n));
  }
  const ndarray<T> view = random_array<T>({3, 3}, 23).T();
  expect_matches(cupp::linalg::matrix_power(view, 3), power_ref(host(view), 3), "transposed");
  const ndarray<T> empty(shape_t{0, 2, 2});
  EXPECT_EQ(cupp::linalg::matrix_power(empty, 0).shape(), (shape_t{0, 2, 2}));
  EXPECT_EQ(cupp::linalg::matrix_power(empty, 4).shape(), (shape_t{0, 2, 2}));
}

#if CUPP_PRODUCTS_HAVE_INV
TYPED_TEST(MatrixPower, NegativePowersInvert) {
  using T = TypeParam;
  if constexpr (std::is_floating_point_v<T> || is_complex_v<T>) {
    // A strictly diagonally dominant matrix (|a_ij| <= sqrt(2), 6 added on the diagonal): well
    // conditioned, so a^-3 a^3 is the identity to a few hundred ulps.
    ndarray<T> a = random_array<T>({3, 3}, 31);
    a = a + cupp::eye<T>(3) * T(6);
    const ndarray<T> inv3 = cupp::linalg::matrix_power(a, -3);
    const std::vector<T> id = cupp::matmul(inv3, cupp::linalg::matrix_power(a, 3)).get();
    for (std::size_t i = 0; i < id.size(); ++i)
      EXPECT_LE(std::abs(to_cd(id[i]) - cd(i % 4 == 0 ? 1.0 : 0.0)), 2e4 * eps<T>()) << i;
  }
}
#endif

TEST_F(TraceExamples, MatrixPowerAndMultiDotExamples) {
  // example-begin matrix_power
  const ndarray<std::int64_t> i = cupp::asarray<std::int64_t>({{0, 1}, {-1, 0}});
  const ndarray<std::int64_t> i3 = cupp::linalg::matrix_power(i, 3);  // [[0, -1], [1, 0]]
  const ndarray<std::int64_t> i0 = cupp::linalg::matrix_power(i, 0);  // the identity
  // example-end
  EXPECT_EQ(i3.get(), (std::vector<std::int64_t>{0, -1, 1, 0}));
  EXPECT_EQ(i0.get(), (std::vector<std::int64_t>{1, 0, 0, 1}));
  // example-begin multi_dot
  const ndarray<double> a = cupp::ones<double>({10, 100});
  const ndarray<double> b = cupp::ones<double>({100, 5});
  const ndarray<double> c = cupp::ones<double>({5, 50});
  const ndarray<double> abc = cupp::linalg::multi_dot(a, b, c);  // computed as (a b) c
  // example-end
  EXPECT_EQ(abc.shape(), (shape_t{10, 50}));
  EXPECT_EQ(abc.get(), std::vector<double>(500, 500.0));
}

}  // namespace
