// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Expressions of any size: repeated leaves bound to one kernel parameter, expressions too large
// for one kernel split into several, and reductions over both, against host loops.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/array.hpp"
#include "cupp/jit/compiler.hpp"
#include "support/gpu.hpp"
#include "support/shaped.hpp"

namespace {

using cupp::shape_t;
using cupp::slice;
using cupp::test::GpuTest;
using cupp::test::shaped;

// CuPy's examples/finance/black_scholes.py, line for line, with `auto` intermediates.
// example-begin black_scholes
template <class A, class R>
auto black_scholes(const A& s, const A& x, const A& t, R r, R v) {
  const auto sqrt_t = cupp::sqrt(t);
  const auto d1 = (cupp::log(s / x) + (r + v * v / 2) * t) / (v * sqrt_t);
  const auto d2 = d1 - v * sqrt_t;
  const auto cnd = [](const auto& d) {
    const R a1 = 0.31938153, a2 = -0.356563782, a3 = 1.781477937, a4 = -1.821255978,
            a5 = 1.330274429, rsqrt2pi = 0.39894228040143267793994605993438;
    const auto k = 1 / (1 + 0.2316419 * cupp::abs(d));
    const auto w = rsqrt2pi * cupp::exp(-0.5 * d * d) *
                   (k * (a1 + k * (a2 + k * (a3 + k * (a4 + k * a5)))));
    return cupp::where(d > 0, 1 - w, w);
  };
  const auto cnd_d1 = cnd(d1);
  const auto cnd_d2 = cnd(d2);
  const auto exp_rt = cupp::exp(-r * t);
  const auto call = s * cnd_d1 - x * exp_rt * cnd_d2;
  const auto put = x * exp_rt * (1 - cnd_d2) - s * (1 - cnd_d1);
  return std::make_pair(call, put);  // two expressions: nothing is computed yet
}
// example-end

/// The same formulas on the host, in double.
std::pair<double, double> black_scholes_host(double s, double x, double t, double r, double v) {
  const double d1 = (std::log(s / x) + (r + v * v / 2) * t) / (v * std::sqrt(t));
  const double d2 = d1 - v * std::sqrt(t);
  auto cnd = [](double d) {
    const double k = 1 / (1 + 0.2316419 * std::abs(d));
    const double w = 0.39894228040143267793994605993438 * std::exp(-0.5 * d * d) *
                     (k * (0.31938153 + k * (-0.356563782 + k * (1.781477937 +
                                                                  k * (-1.821255978 + k * 1.330274429)))));
    return d > 0 ? 1 - w : w;
  };
  const double call = s * cnd(d1) - x * std::exp(-r * t) * cnd(d2);
  const double put = x * std::exp(-r * t) * (1 - cnd(d2)) - s * (1 - cnd(d1));
  return {call, put};
}

/// a[0] + a[1] + ... + a[N - 1], left to right: one expression of N array leaves.
template <std::size_t N, class A>
auto fold_sum(const std::vector<A>& a) {
  if constexpr (N == 1)
    return a[0];
  else
    return fold_sum<N - 1>(a) + a[N - 1];
}

/// e + c + c + ... (N times): the same scalar in N leaves.
template <int N, class E, class C>
auto add_repeatedly(const E& e, C c) {
  if constexpr (N == 0)
    return e;
  else
    return add_repeatedly<N - 1>(e + c, c);
}

/// The array parameters of the kernel in a generated source (its signature's line).
int array_parameters(const std::string& source) {
  const auto at = source.find("CUPP_GENERATED_KERNEL(");
  const std::string signature = source.substr(at, source.find('\n', at) - at);
  int n = 0;
  for (auto p = signature.find("__restrict__ cupp_a"); p != std::string::npos;
       p = signature.find("__restrict__ cupp_a", p + 1))
    ++n;
  return n;
}

int distinct(const std::vector<int>& binding, int from, int to) {
  int n = 0;
  for (int i = from; i < to; ++i) n += binding[static_cast<std::size_t>(i)] == i - from;
  return n;
}

// ---- host: leaf counts, binding and the generated kernels --------------------------------------

TEST(LargeExpressionsHost, LeafCountsAreCountedPerUse) {
  using cupp::expr::leaf_count;
  auto a = shaped<float>({3});
  using E = decltype(a * a + 2.0f * a - 1.0f);
  static_assert(leaf_count<E>::arrays == 3 && leaf_count<E>::scalars == 2);
  static_assert(cupp::expr::fits_one_kernel_v<E>);
  const auto [call, put] = black_scholes(a, a, a, 0.02f, 0.3f);
  using C = std::decay_t<decltype(call)>;
  static_assert(!cupp::expr::fits_one_kernel_v<C>, "Black-Scholes uses its leaves many times");
  EXPECT_GT(leaf_count<C>::arrays + leaf_count<C>::scalars, 128);
  (void)put;
  // A split type fits one kernel, however large the original.
  std::vector<cupp::ndarray<float>> many(150, a);
  using F = decltype(fold_sum<150>(many));
  static_assert(leaf_count<F>::arrays == 150);
  static_assert(cupp::expr::fits_one_kernel_v<cupp::expr::splitter<F>::type>);
  static_assert(cupp::expr::fits_one_kernel_v<cupp::expr::splitter<C>::type>);
}

TEST(LargeExpressionsHost, BlackScholesReadsEachInputOnce) {
  // Three arrays at distinct addresses: the kernel takes S, X and T once each.
  auto s = shaped<float>({1000}, 0x10000), x = shaped<float>({1000}, 0x20000),
       t = shaped<float>({1000}, 0x30000);
  const auto [call, put] = black_scholes(s, x, t, 0.02f, 0.3f);
  using C = std::decay_t<decltype(call)>;
  cupp::expr::operands o;
  cupp::expr::operand<C>::collect(call, o);
  auto& family = cupp::expr::family_of<C>();
  const std::vector<int> binding = family.binding(o);
  ASSERT_EQ(binding.size(), static_cast<std::size_t>(o.n_arrays() + o.n_scalars()));
  EXPECT_GT(o.n_arrays(), 32);
  EXPECT_GT(o.n_scalars(), 32);
  EXPECT_EQ(distinct(binding, 0, o.n_arrays()), 3);
  EXPECT_LE(distinct(binding, o.n_arrays(), o.n_arrays() + o.n_scalars()), 16);
  for (int v : {0, 1, 4, 5}) {
    EXPECT_EQ(array_parameters(family.source(cupp::dtype::float32, v, false, binding)), 3) << v;
  }
  EXPECT_EQ(array_parameters(family.source(cupp::dtype::float32, 0, false)), o.n_arrays());
  // The bound kernel compiles for sm_90 (NVRTC needs no GPU): contiguous and any-dims variants.
  EXPECT_NO_THROW(family.compile(cupp::dtype::float32, 0, false, 90, binding));
  EXPECT_NO_THROW(family.compile(cupp::dtype::float32, 4, true, 90, binding));
  // sum(call) binds the same way in the reduction's kernel.
  using cupp::expr::red_sum;
  auto& reduce = cupp::expr::reduce_family_of<C, red_sum, cupp::dtype::float32>();
  EXPECT_EQ(reduce.binding(o), binding);
  EXPECT_EQ(array_parameters(reduce.source(cupp::dtype::float32, 0, 1,
                                           cupp::expr::detail::reduce_mode::inner_vector, false,
                                           binding)),
            3);
  EXPECT_NO_THROW((void)cupp::jit::get_default_compiler().compile(
      reduce.source(cupp::dtype::float32, 0, 1, cupp::expr::detail::reduce_mode::inner_vector,
                    false, binding),
      {}, {}, 90));
}

TEST(LargeExpressionsHost, ViewsOfOneBufferAreDifferentLeaves) {
  auto a = shaped<float>({4, 6}, 0x10000);
  auto b = shaped<float>({4, 6}, 0x10000);                   // the same array, another handle
  auto t = shaped<float>({6, 4}, 0x10000).T();                // same pointer, other strides
  auto row = shaped<float>({4, 6}, 0x10004);                  // another offset
  auto wide = shaped<double>({4, 6}, 0x10000);                // another dtype
  const auto e = a + b + t + row + wide + a;
  cupp::expr::operands o;
  cupp::expr::operand<std::decay_t<decltype(e)>>::collect(e, o);
  const auto binding = cupp::expr::family_of<std::decay_t<decltype(e)>>().binding(o);
  EXPECT_EQ(binding, (std::vector<int>{0, 0, 2, 3, 4, 0}));

  // Scalars: the same dtype and bytes; -0.0 and 0.0 differ.
  const auto f = a * 0.5 + a * 0.5 + a * -0.0 + a * 0.0 + a * 0.5;
  cupp::expr::operands p;
  cupp::expr::operand<std::decay_t<decltype(f)>>::collect(f, p);
  const auto fb = cupp::expr::family_of<std::decay_t<decltype(f)>>().binding(p);
  EXPECT_EQ(fb, (std::vector<int>{0, 0, 0, 0, 0, 0, 0, 2, 3, 0}));
  // Every leaf distinct: no binding, the unbound kernel.
  const auto g = a * 2.0f + row;
  cupp::expr::operands q;
  cupp::expr::operand<std::decay_t<decltype(g)>>::collect(g, q);
  EXPECT_TRUE(cupp::expr::family_of<std::decay_t<decltype(g)>>().binding(q).empty());
}

/// a0 * c0 + a95 * c95 + ... + a1 * c1 (+ d ... when added): one complex128 scalar per float64
/// array.
template <int N, class E>
auto scaled_fold(const E& e, const std::vector<cupp::ndarray<double>>& a) {
  if constexpr (N == 0)
    return e;
  else
    return scaled_fold<N - 1>(e + a[N] * std::complex<double>(N, 1), a);
}

TEST(LargeExpressionsHost, TheLargestKernelsFitTheParameterSpace) {
  std::vector<cupp::ndarray<double>> a;
  for (int i = 0; i < cupp::expr::operands::kMaxArrays; ++i)
    a.push_back(shaped<double>({5}, 0x10000 + 0x100 * static_cast<std::uintptr_t>(i)));
  using cupp::expr::operands;
  const auto e = add_repeatedly<operands::kMaxScalars - operands::kMaxArrays>(
      scaled_fold<operands::kMaxArrays - 1>(a[0] * std::complex<double>(0, 1), a),
      std::complex<double>(0, 0.5));
  using E = std::decay_t<decltype(e)>;
  using cupp::expr::leaf_count;
  static_assert(leaf_count<E>::arrays == cupp::expr::operands::kMaxArrays);
  static_assert(leaf_count<E>::scalars == cupp::expr::operands::kMaxScalars);
  // Dynamic layouts, the largest parameter blocks: NVRTC and ptxas accept them for sm_90.
  EXPECT_NO_THROW(cupp::expr::family_of<E>().compile(cupp::dtype::complex128, 4, true, 90));
  using cupp::expr::red_sum;
  auto& reduce = cupp::expr::reduce_family_of<E, red_sum, cupp::dtype::complex128>();
  EXPECT_NO_THROW((void)cupp::jit::get_default_compiler().compile(
      reduce.source(cupp::dtype::complex128, 4, 4, cupp::expr::detail::reduce_mode::inner, true),
      {}, {}, 90));
}

// ---- GPU ---------------------------------------------------------------------------------------

class LargeExpressions : public GpuTest {};

template <class T>
std::vector<T> uniform(std::int64_t n, double lo, double hi, unsigned seed) {
  std::vector<T> v(static_cast<std::size_t>(n));
  std::uint64_t state = seed * 0x9E3779B97F4A7C15ull + 1;
  for (auto& x : v) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    x = static_cast<T>(lo + (hi - lo) * static_cast<double>(state >> 11) * 0x1.0p-53);
  }
  return v;
}

template <class T>
void check_black_scholes(double tol) {
  const std::int64_t n = 100003;  // a vector tail
  const auto hs = uniform<T>(n, 5, 30, 1), hx = uniform<T>(n, 1, 100, 2),
             ht = uniform<T>(n, 0.25, 10, 3);
  const T r = T(0.02), v = T(0.3);
  auto s = cupp::asarray(hs), x = cupp::asarray(hx), t = cupp::asarray(ht);
  const auto [call_e, put_e] = black_scholes(s, x, t, r, v);
  cupp::ndarray<T> call = call_e, put = put_e;  // one kernel each
  const auto gc = call.get(), gp = put.get();
  for (std::int64_t i = 0; i < n; ++i) {
    const auto k = static_cast<std::size_t>(i);
    const auto [wc, wp] = black_scholes_host(hs[k], hx[k], ht[k], r, v);
    // The terms are of the size of S and X, and d's rounding reaches the result through them.
    const double scale = 1 + double(hs[k]) + double(hx[k]);
    ASSERT_NEAR(gc[k], wc, tol * scale) << i;
    ASSERT_NEAR(gp[k], wp, tol * scale) << i;
  }
  // The same formula through named arrays, each intermediate a kernel of its own.
  cupp::ndarray<T> sqrt_t = cupp::sqrt(t);
  cupp::ndarray<T> d1 = (cupp::log(s / x) + (r + v * v / 2) * t) / (v * sqrt_t);
  cupp::ndarray<T> d2 = d1 - v * sqrt_t;
  auto cnd = [](const cupp::ndarray<T>& d) {
    cupp::ndarray<T> k = 1 / (1 + 0.2316419 * cupp::abs(d));
    cupp::ndarray<T> w = T(0.39894228040143267793994605993438) * cupp::exp(-0.5 * d * d) *
                         (k * (T(0.31938153) + k * (T(-0.356563782) + k * (T(1.781477937) +
                                                    k * (T(-1.821255978) + k * T(1.330274429))))));
    return cupp::ndarray<T>(cupp::where(d > 0, 1 - w, w));
  };
  cupp::ndarray<T> named = s * cnd(d1) - x * cupp::exp(-r * t) * cnd(d2);
  const auto gn = named.get();
  for (std::size_t k = 0; k < gn.size(); ++k)
    ASSERT_NEAR(gc[k], gn[k], tol * (1 + double(hs[k]) + double(hx[k]))) << k;
  // A reduction over the whole expression: one kernel reading S, X and T.
  double want = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    const auto k = static_cast<std::size_t>(i);
    want += black_scholes_host(hs[k], hx[k], ht[k], r, v).first;
  }
  const double got = static_cast<double>(cupp::sum(call_e).item());
  EXPECT_NEAR(got, want, tol * std::abs(want) * 10);
  const double mean_put = static_cast<double>(cupp::mean(put_e).item());
  double want_put = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    const auto k = static_cast<std::size_t>(i);
    want_put += black_scholes_host(hs[k], hx[k], ht[k], r, v).second;
  }
  EXPECT_NEAR(mean_put, want_put / static_cast<double>(n), tol * 10 * (1 + want_put / n));
}

TEST_F(LargeExpressions, BlackScholesWithAutoIntermediatesFloat32) { check_black_scholes<float>(5e-5); }
TEST_F(LargeExpressions, BlackScholesWithAutoIntermediatesFloat64) { check_black_scholes<double>(1e-12); }

TEST_F(LargeExpressions, TheSameScalarInManyLeaves) {
  const auto hx = uniform<float>(1003, -1, 1, 4);
  auto x = cupp::asarray(hx);
  cupp::ndarray<float> r40 = add_repeatedly<40>(x, 0.375f);    // over the old 32
  cupp::ndarray<float> r150 = add_repeatedly<150>(x, 0.375f);  // over every limit until bound
  const auto g40 = r40.get(), g150 = r150.get();
  for (std::size_t k = 0; k < hx.size(); ++k) {
    float w40 = hx[k], w150 = hx[k];
    for (int i = 0; i < 40; ++i) w40 += 0.375f;
    for (int i = 0; i < 150; ++i) w150 += 0.375f;
    ASSERT_EQ(g40[k], w40) << k;  // additions alone: the same roundings as the host's
    ASSERT_EQ(g150[k], w150) << k;
  }
}

TEST_F(LargeExpressions, TheSameArrayInManyLeavesAndInPlace) {
  const auto hx = uniform<float>(2053, -1, 1, 5);
  auto x = cupp::asarray(hx);
  std::vector<cupp::ndarray<float>> same(150, x);
  cupp::ndarray<float> r = fold_sum<150>(same);
  auto y = cupp::asarray(hx);
  std::vector<cupp::ndarray<float>> same_y(150, y);
  y(slice()) = fold_sum<150>(same_y);  // read and written in one kernel, element by element
  const auto g = r.get(), gy = y.get();
  for (std::size_t k = 0; k < hx.size(); ++k) {
    float w = hx[k];
    for (int i = 1; i < 150; ++i) w += hx[k];
    ASSERT_EQ(g[k], w) << k;
    ASSERT_EQ(gy[k], w) << k;
  }
  double total = 0;
  for (float v : g) total += v;
  EXPECT_NEAR(cupp::sum(fold_sum<150>(same)).item(), total, 1.0);  // |total| <= 3e5
}

template <std::size_t N>
void check_distinct_fold() {
  const std::int64_t n = 1031;
  std::vector<std::vector<float>> host;
  std::vector<cupp::ndarray<float>> a;
  for (std::size_t i = 0; i < N; ++i) {
    host.push_back(uniform<float>(n, -1, 1, 100 + static_cast<unsigned>(i)));
    a.push_back(cupp::asarray(host.back()));
  }
  const auto e = fold_sum<N>(a);
  cupp::ndarray<float> r = e;
  const auto g = r.get();
  std::vector<double> want_rows(static_cast<std::size_t>(n));
  double total = 0;
  for (std::int64_t j = 0; j < n; ++j) {
    const auto k = static_cast<std::size_t>(j);
    float w = host[0][k];
    for (std::size_t i = 1; i < N; ++i) w += host[i][k];
    ASSERT_EQ(g[k], w) << "N=" << N << " element " << j;  // split or not: the same roundings
    total += w;
  }
  // A reduction over it (split the same way when needed).
  EXPECT_NEAR(cupp::sum(e).item(), total, 1e-4 * n);
  const auto m = cupp::max(e).item();
  EXPECT_EQ(m, *std::max_element(g.begin(), g.end()));
}

TEST_F(LargeExpressions, FortyDistinctArraysRunAsOneKernel) { check_distinct_fold<40>(); }
TEST_F(LargeExpressions, MoreDistinctArraysThanOneKernelTakesAreSplit) {
  check_distinct_fold<150>();
  check_distinct_fold<200>();
}

TEST_F(LargeExpressions, ViewsOfOneBufferAreReadAsTheirOwnLeaves) {
  const std::int64_t n = 64;
  const auto hb = uniform<float>(n * n + 1, -1, 1, 6);
  auto buf = cupp::asarray(hb);
  auto m = buf(slice(0, n * n)).reshape({n, n});
  auto shifted = buf(slice(1, n * n + 1)).reshape({n, n});  // same buffer, offset by one
  auto t = m.T();                                          // same pointer, other strides
  // 40 uses each of three views of one buffer: bound to three leaves, not one.
  std::vector<cupp::ndarray<float>> views;
  for (int i = 0; i < 40; ++i) {
    views.push_back(m);
    views.push_back(shifted);
    views.push_back(t);
  }
  cupp::ndarray<float> r = fold_sum<120>(views);
  const auto g = r.get();
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t j = 0; j < n; ++j) {
      const float vm = hb[static_cast<std::size_t>(i * n + j)];
      const float vs = hb[static_cast<std::size_t>(i * n + j + 1)];
      const float vt = hb[static_cast<std::size_t>(j * n + i)];
      float w = vm;
      for (int k = 1; k < 120; ++k) w += k % 3 == 0 ? vm : k % 3 == 1 ? vs : vt;
      ASSERT_EQ(g[static_cast<std::size_t>(i * n + j)], w) << i << "," << j;
    }
}

TEST_F(LargeExpressions, BroadcastOperandsInLargeExpressions) {
  const std::int64_t rows = 37, cols = 45;
  const auto hc = uniform<double>(rows, -1, 1, 7), hr = uniform<double>(cols, -1, 1, 8);
  auto col = cupp::asarray(hc).reshape({rows, 1});
  auto row = cupp::asarray(hr);
  // 100 uses of each: the kernel reads the column and the row once, broadcast to (37, 45).
  std::vector<cupp::ndarray<double>> both;
  for (int i = 0; i < 100; ++i) {
    both.push_back(col);
    both.push_back(row);
  }
  const auto e = fold_sum<200>(both) * 0.5;
  cupp::ndarray<double> r = e;
  ASSERT_EQ(r.shape(), (shape_t{rows, cols}));
  const auto g = r.get();
  double total = 0;
  for (std::int64_t i = 0; i < rows; ++i)
    for (std::int64_t j = 0; j < cols; ++j) {
      double w = hc[static_cast<std::size_t>(i)];
      for (int k = 1; k < 200; ++k)
        w += k % 2 ? hr[static_cast<std::size_t>(j)] : hc[static_cast<std::size_t>(i)];
      w *= 0.5;
      ASSERT_EQ(g[static_cast<std::size_t>(i * cols + j)], w) << i << "," << j;
      total += w;
    }
  // Reductions over an axis of the broadcast expression.
  const auto by_row = cupp::sum(e, 1).get();
  for (std::int64_t i = 0; i < rows; ++i) {
    double w = 0;
    for (std::int64_t j = 0; j < cols; ++j) w += g[static_cast<std::size_t>(i * cols + j)];
    ASSERT_NEAR(by_row[static_cast<std::size_t>(i)], w, 1e-12 * cols * 100);
  }
  EXPECT_NEAR(cupp::sum(e).item(), total, 1e-12 * rows * cols * 100);
}

}  // namespace
