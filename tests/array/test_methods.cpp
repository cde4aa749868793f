// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The method forms of cupy.ndarray (a.sort(), a.take(i), (a + 1).argsort(), ...): each against
// the free function it forwards to and against host loops, on non-contiguous receivers.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <numeric>
#include <optional>
#include <type_traits>
#include <vector>

#include "cupp/array.hpp"
#include "support/gpu.hpp"
#include "support/shaped.hpp"

namespace {

using cupp::shape_t;
using cupp::slice;
using cupp::test::GpuTest;
using cupp::test::shaped;

template <class T>
std::vector<T> values_of(std::initializer_list<double> v) {
  std::vector<T> out;
  for (double x : v) out.push_back(static_cast<T>(x));
  return out;
}

/// The receiver of most tests: the transpose of a C-ordered (3, 4) array, a (4, 3) view with
/// strides (1, 4), together with its values in C order computed on the host.
template <class T>
struct receiver {
  std::vector<T> base_values = values_of<T>({5, -2, 7, 3, 0, 9, -4, 1, 8, 6, -1, 2});
  cupp::ndarray<T> base = cupp::asarray<T>(base_values, {3, 4});
  cupp::ndarray<T> view = base.T();
  /// view[i][j] = base[j][i].
  std::vector<T> host() const {
    std::vector<T> h;
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 3; ++j) h.push_back(base_values[static_cast<std::size_t>(j * 4 + i)]);
    return h;
  }
};

template <class A, class B>
void expect_same(const A& got, const B& want) {
  ASSERT_EQ(got.shape(), want.shape());
  EXPECT_EQ(got.get(), want.get());
}

template <class T>
class Methods : public GpuTest {};
using MethodDtypes = ::testing::Types<std::int32_t, float, double>;
TYPED_TEST_SUITE(Methods, MethodDtypes);

TYPED_TEST(Methods, SortInPlaceWritesTheViewAndEqualsSort) {
  using T = TypeParam;
  receiver<T> r;
  ASSERT_FALSE(r.view.is_c_contiguous());
  const cupp::ndarray<T> expected = cupp::sort(r.view, -1);
  r.view.sort();  // rows of the view: columns of the base
  expect_same(r.view, expected);
  std::vector<T> h = r.host();
  for (int i = 0; i < 4; ++i) std::sort(h.begin() + i * 3, h.begin() + i * 3 + 3);
  EXPECT_EQ(r.view.get(), h);
  // Along axis 0 of a slice with a negative step.
  receiver<T> s;
  cupp::ndarray<T> rev = s.base(slice(), slice(std::nullopt, std::nullopt, -1));
  rev.sort(0);
  std::vector<T> b = s.base_values;
  for (int c = 0; c < 4; ++c) {
    std::vector<T> col{b[static_cast<std::size_t>(c)], b[static_cast<std::size_t>(4 + c)],
                       b[static_cast<std::size_t>(8 + c)]};
    std::sort(col.begin(), col.end());
    for (int i = 0; i < 3; ++i)
      b[static_cast<std::size_t>(i * 4 + c)] = col[static_cast<std::size_t>(i)];
  }
  EXPECT_EQ(s.base.get(), b);
}

TYPED_TEST(Methods, ArgsortAndArgpartition) {
  using T = TypeParam;
  receiver<T> r;
  expect_same(r.view.argsort(), cupp::argsort(r.view));
  expect_same(r.view.argsort(0), cupp::argsort(r.view, 0));
  expect_same(r.view.argsort(std::nullopt), cupp::argsort(r.view, std::nullopt));
  const std::vector<T> h = r.host();
  std::vector<std::int64_t> idx(h.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](auto x, auto y) { return h[x] < h[y]; });
  EXPECT_EQ(r.view.argsort(std::nullopt).get(), idx);
  expect_same(r.view.argpartition(1), cupp::argpartition(r.view, 1));
  expect_same((r.view + T(1)).argsort(), cupp::argsort(r.view));
}

TYPED_TEST(Methods, PartitionInPlace) {
  using T = TypeParam;
  receiver<T> r;
  r.view.partition(1, 1);
  const std::vector<T> h = r.host();
  const std::vector<T> got = r.view.get();
  for (int i = 0; i < 4; ++i) {
    std::vector<T> row(h.begin() + i * 3, h.begin() + i * 3 + 3);
    std::sort(row.begin(), row.end());
    const auto g = [&](int j) { return got[static_cast<std::size_t>(i * 3 + j)]; };
    EXPECT_EQ(g(1), row[1]) << "row " << i;
    EXPECT_LE(g(0), g(1));
    EXPECT_LE(g(1), g(2));
  }
}

TYPED_TEST(Methods, CumsumAndCumprod) {
  using T = TypeParam;
  receiver<T> r;
  expect_same(r.view.cumsum(), cupp::cumsum(r.view));
  expect_same(r.view.cumsum(0), cupp::cumsum(r.view, 0));
  expect_same(r.view.cumprod(1), cupp::cumprod(r.view, 1));
  const std::vector<T> h = r.host();
  std::vector<double> run;
  double acc = 0;
  for (T v : h) run.push_back(acc += static_cast<double>(v));
  const auto got = r.view.cumsum().get();
  ASSERT_EQ(got.size(), run.size());
  for (std::size_t i = 0; i < run.size(); ++i) EXPECT_EQ(static_cast<double>(got[i]), run[i]);
  expect_same((r.view * T(2)).cumsum(1), cupp::cumsum(cupp::ndarray<T>(r.view * T(2)), 1));
}

TYPED_TEST(Methods, ClipAndRound) {
  using T = TypeParam;
  receiver<T> r;
  const cupp::ndarray<T> c = r.view.clip(T(-1), T(4));
  expect_same(c, cupp::ndarray<T>(cupp::clip(r.view, T(-1), T(4))));
  std::vector<T> h = r.host();
  for (T& v : h) v = std::min(std::max(v, T(-1)), T(4));
  EXPECT_EQ(c.get(), h);
  const cupp::ndarray<T> e = (r.view + T(1)).clip(T(0), T(2));
  h = r.host();
  for (T& v : h) v = std::min(std::max(T(v + T(1)), T(0)), T(2));
  EXPECT_EQ(e.get(), h);
  // round with decimals = 0 is cupp::round.
  expect_same(cupp::ndarray<T>(r.view.round()), cupp::ndarray<T>(cupp::round(r.view)));
}

TYPED_TEST(Methods, NonzeroRavelFlattenFill) {
  using T = TypeParam;
  receiver<T> r;
  const auto nz = r.view.nonzero();
  const auto ref = cupp::nonzero(r.view);
  ASSERT_EQ(nz.size(), 2u);
  expect_same(nz[0], ref[0]);
  expect_same(nz[1], ref[1]);
  const std::vector<T> h = r.host();
  std::vector<std::int64_t> rows, cols;
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 3; ++j)
      if (h[static_cast<std::size_t>(i * 3 + j)] != T(0)) rows.push_back(i), cols.push_back(j);
  EXPECT_EQ(nz[0].get(), rows);
  EXPECT_EQ(nz[1].get(), cols);
  const auto shifted = (r.view - T(5)).nonzero();
  EXPECT_EQ(shifted[1].size(), std::count_if(h.begin(), h.end(), [](T v) { return v != T(5); }));

  EXPECT_EQ(r.view.ravel().shape(), shape_t{12});
  EXPECT_EQ(r.view.ravel().get(), h);
  EXPECT_EQ(r.view.flatten().get(), h);
  EXPECT_EQ((r.view + T(0)).ravel().get(), h);
  EXPECT_EQ((r.view + T(0)).flatten().get(), h);
  EXPECT_EQ(r.view.tolist(), h);
  EXPECT_EQ((r.view + T(0)).tolist(), h);

  r.view(slice(1, 3)).fill(T(7));  // rows 1, 2 of the view: columns 1, 2 of the base
  std::vector<T> b = r.base_values;
  for (int i = 0; i < 3; ++i)
    b[static_cast<std::size_t>(i * 4 + 1)] = b[static_cast<std::size_t>(i * 4 + 2)] = T(7);
  EXPECT_EQ(r.base.get(), b);
}

TYPED_TEST(Methods, RepeatTakePut) {
  using T = TypeParam;
  receiver<T> r;
  expect_same(r.view.repeat(2), cupp::repeat(r.view, 2));
  expect_same(r.view.repeat(2, 0), cupp::repeat(r.view, 2, 0));
  expect_same(r.view.repeat({1, 0, 2}, 1), cupp::repeat(r.view, {1, 0, 2}, 1));
  const std::vector<T> h = r.host();
  std::vector<T> want;
  for (int i = 0; i < 4; ++i) {
    want.push_back(h[static_cast<std::size_t>(i * 3)]);
    want.push_back(h[static_cast<std::size_t>(i * 3 + 2)]);
    want.push_back(h[static_cast<std::size_t>(i * 3 + 2)]);
  }
  EXPECT_EQ(r.view.repeat({1, 0, 2}, 1).get(), want);
  expect_same((r.view + T(0)).repeat(3), cupp::repeat(r.view, 3));

  const auto idx = cupp::asarray<std::int64_t>({2, 0, -1});
  expect_same(r.view.take(idx), cupp::take(r.view, idx));
  expect_same(r.view.take(idx, 1), cupp::take(r.view, idx, 1));
  expect_same(r.view.take(cupp::asarray<std::int64_t>({5}), 1, cupp::index_mode::wrap),
              cupp::take(r.view, cupp::asarray<std::int64_t>({2}), 1));
  EXPECT_EQ(r.view.take(idx).get(), (std::vector<T>{h[2], h[0], h[11]}));
  expect_same((r.view + T(0)).take(idx, 0), cupp::take(r.view, idx, 0));

  // put writes through the view: flat index k of the view is base[k % 3][k / 3].
  r.view.put(cupp::asarray<std::int64_t>({1, 5}), T(-7));
  std::vector<T> b = r.base_values;
  b[4] = T(-7);  // view flat 1 = view[0][1] = base[1][0]
  b[9] = T(-7);  // view flat 5 = view[1][2] = base[2][1]
  EXPECT_EQ(r.base.get(), b);
}

TYPED_TEST(Methods, DiagonalTraceDot) {
  using T = TypeParam;
  receiver<T> r;
  expect_same(r.view.diagonal(), cupp::diagonal(r.view));
  expect_same(r.view.diagonal(-1), cupp::diagonal(r.view, -1));
  const std::vector<T> h = r.host();
  EXPECT_EQ(r.view.diagonal().get(), (std::vector<T>{h[0], h[4], h[8]}));
  expect_same(r.view.trace(), cupp::trace(r.view));
  EXPECT_EQ(static_cast<double>(r.view.trace().item()),
            static_cast<double>(h[0]) + static_cast<double>(h[4]) + static_cast<double>(h[8]));
  expect_same((r.view + T(0)).trace(1), cupp::trace(r.view, 1));
  expect_same((r.view + T(0)).diagonal(), cupp::diagonal(r.view));

  const auto v = cupp::asarray<T>(values_of<T>({1, 2, 3}));
  expect_same(r.view.dot(v), cupp::dot(r.view, v));
  std::vector<double> want(4, 0.0);
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 3; ++j)
      want[static_cast<std::size_t>(i)] +=
          static_cast<double>(h[static_cast<std::size_t>(i * 3 + j)]) * (j + 1);
  const auto got = r.view.dot(v).get();
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(static_cast<double>(got[static_cast<std::size_t>(i)]),
              want[static_cast<std::size_t>(i)]);
  expect_same((r.view + T(0)).dot(v), cupp::dot(r.view, v));
}

TYPED_TEST(Methods, ViewsOfExpressionsAndConversions) {
  using T = TypeParam;
  receiver<T> r;
  const auto e = r.view + T(0);
  expect_same(e.T(), r.view.T());
  expect_same(e.transpose(), r.view.T());
  expect_same(e.transpose(1, 0), r.view.transpose({1, 0}));
  expect_same(e.mT(), r.view.swapaxes(0, 1));
  expect_same(r.view.mT(), r.view.swapaxes(-1, -2));
  expect_same(e.swapaxes(0, 1), r.view.swapaxes(0, 1));
  expect_same(e.reshape(2, 6), r.view.reshape({2, 6}));
  expect_same(r.view.reshape(6, 2), r.view.reshape({6, 2}));
  expect_same(r.view.transpose(1, 0), r.view.T());
  expect_same(e.reshape({1, 12}).squeeze(), r.view.ravel());
  expect_same(e.copy(), r.view.copy());
  EXPECT_EQ(e.get(), r.host());
  EXPECT_EQ(r.view(slice(0, 1), slice(0, 1)).item(), r.host()[0]);
  EXPECT_EQ((r.view(0, 0) + T(1)).item(), T(r.host()[0] + T(1)));
  const cupp::ndarray<double> d = e.template astype<double>();
  expect_same(d, r.view.template astype<double>());
  const cupp::ndarray<T> c = r.view.conj();
  expect_same(c, r.view);
  expect_same(cupp::ndarray<T>(r.view.real()), r.view);
  EXPECT_EQ(cupp::ndarray<T>(e.imag()).get(), std::vector<T>(12, T(0)));
}

TYPED_TEST(Methods, SearchsortedCompressChoose) {
  using T = TypeParam;
  const auto sorted = cupp::asarray<T>(values_of<T>({-3, 0, 0, 2, 5, 9}));
  const auto v = cupp::asarray<T>(values_of<T>({0, 4, -5, 10}));
  expect_same(sorted.searchsorted(v), cupp::searchsorted(sorted, v));
  EXPECT_EQ(sorted.searchsorted(v).get(), (std::vector<std::int64_t>{1, 4, 0, 6}));
  EXPECT_EQ(sorted.searchsorted(v, "right").get(), (std::vector<std::int64_t>{3, 4, 0, 6}));
  EXPECT_EQ(sorted.searchsorted(T(2)).item(), 3);
  EXPECT_EQ((sorted + T(0)).searchsorted(v).get(), (std::vector<std::int64_t>{1, 4, 0, 6}));
  // Through a sorter: the reversed view sorted back by it.
  const auto rev = sorted(slice(std::nullopt, std::nullopt, -1));
  const auto sorter = cupp::asarray<std::int64_t>({5, 4, 3, 2, 1, 0});
  EXPECT_EQ(rev.searchsorted(v, "left", sorter).get(), (std::vector<std::int64_t>{1, 4, 0, 6}));

  receiver<T> r;
  const auto cond = cupp::asarray<bool>({true, false, true});
  expect_same(r.view.compress(cond, 1), cupp::compress(cond, r.view, 1));
  const std::vector<T> h = r.host();
  std::vector<T> want;
  for (int i = 0; i < 4; ++i)
    want.push_back(h[static_cast<std::size_t>(i * 3)]),
        want.push_back(h[static_cast<std::size_t>(i * 3 + 2)]);
  EXPECT_EQ(r.view.compress(cond, 1).get(), want);
  expect_same((r.view + T(0)).compress(cond), cupp::compress(cond, r.view));

  const auto which = cupp::asarray<std::int64_t>({0, 1, 1, 0});
  const auto x = cupp::asarray<T>(values_of<T>({1, 2, 3, 4}));
  const auto y = cupp::asarray<T>(values_of<T>({-1, -2, -3, -4}));
  expect_same(which.choose({x, y}), cupp::choose(which, std::vector<cupp::ndarray<T>>{x, y}));
  EXPECT_EQ(which.choose({x, y}).get(), values_of<T>({1, -2, -3, 4}));
  EXPECT_EQ((which + 0).choose({x, y}).get(), values_of<T>({1, -2, -3, 4}));
}

class MethodsGpu : public GpuTest {};

TEST_F(MethodsGpu, Tour) {
  // example-begin methods
  auto a = cupp::asarray<float>({{3, 1, 2}, {9, 7, 8}});
  a.sort();                              // in place, along the last axis: [[1, 2, 3], [7, 8, 9]]
  auto order = a.T().argsort(0);         // any receiver, views included
  auto c = a.clip(2.0f, 8.0f);           // elementwise methods stay lazy, as cupp::clip
  auto s = (a * 2.0f).cumsum();          // an expression evaluates, then forwards
  float t = a.trace().item();            // 1 + 8
  std::vector<float> flat = a.tolist();  // flat, in C order, as get()
  // example-end
  EXPECT_EQ(a.get(), (std::vector<float>{1, 2, 3, 7, 8, 9}));
  EXPECT_EQ(order.get(), (std::vector<std::int64_t>{0, 0, 1, 1, 2, 2}));
  EXPECT_EQ(cupp::ndarray<float>(c).get(), (std::vector<float>{2, 2, 3, 7, 8, 8}));
  EXPECT_EQ(s.get(), (std::vector<float>{2, 6, 12, 26, 42, 60}));
  EXPECT_EQ(t, 9.0f);
  EXPECT_EQ(flat, (std::vector<float>{1, 2, 3, 7, 8, 9}));
}

TEST_F(MethodsGpu, RoundWithDecimalsAsNumPy) {
  const auto a = cupp::asarray<double>({1.2345, -2.5, 0.125, 1234.5, -0.05});
  const cupp::ndarray<double> r2 = a.round(2);
  std::vector<double> want;
  for (double x : a.get()) want.push_back(std::nearbyint(x * 100.0) / 100.0);
  EXPECT_EQ(r2.get(), want);
  const cupp::ndarray<double> rm2 = a.round(-2);
  want.clear();
  for (double x : a.get()) want.push_back(std::nearbyint(x / 100.0) * 100.0);
  EXPECT_EQ(rm2.get(), want);
  // float32 rounds in float32, as NumPy with a weak Python-float factor.
  const auto f = cupp::asarray<float>({1.2345f, 2.675f, -0.125f});
  std::vector<float> wf;
  for (float x : f.get()) wf.push_back(std::nearbyint(x * 100.0f) / 100.0f);
  EXPECT_EQ(cupp::ndarray<float>(f.round(2)).get(), wf);
  EXPECT_EQ(cupp::ndarray<float>((f * 1.0f).round(2)).get(), wf);
  // Integers: unchanged for decimals >= 0; half to even through float64 otherwise.
  const auto i = cupp::asarray<std::int32_t>({15, 25, -15, 7, 149});
  EXPECT_EQ(i.round(1).get(), (std::vector<std::int32_t>{15, 25, -15, 7, 149}));
  EXPECT_EQ(i.round(-1).get(), (std::vector<std::int32_t>{20, 20, -20, 10, 150}));
  EXPECT_EQ(i.round(-2).get(), (std::vector<std::int32_t>{0, 0, 0, 0, 100}));
}

TEST_F(MethodsGpu, ComplexConjRealImag) {
  using C = std::complex<float>;
  const auto base = cupp::asarray<C>({C(1, 2), C(-3, 4), C(5, -6), C(0, 1)}, {2, 2});
  const auto a = base.T();
  expect_same(cupp::ndarray<C>(a.conj()), cupp::ndarray<C>(cupp::conj(a)));
  EXPECT_EQ(cupp::ndarray<C>(a.conjugate()).get(),
            (std::vector<C>{C(1, -2), C(5, 6), C(-3, -4), C(0, -1)}));
  EXPECT_EQ(cupp::ndarray<float>(a.real()).get(), (std::vector<float>{1, 5, -3, 0}));
  EXPECT_EQ(cupp::ndarray<float>(a.imag()).get(), (std::vector<float>{2, -6, 4, 1}));
  EXPECT_EQ(cupp::ndarray<float>((a * 2.0f).imag()).get(), (std::vector<float>{4, -12, 8, 2}));
}

// ---- without a GPU: the types the methods give and the errors they raise first ----------------

TEST(MethodsHost, ElementwiseMethodsStayLazy) {
  const auto a = shaped<float>({2, 3});
  static_assert(cupp::expr::is_node_v<decltype(a.clip(0.0f, 1.0f))>);
  static_assert(cupp::expr::is_node_v<decltype(a.round(2))>);
  static_assert(cupp::expr::is_node_v<decltype((a + 1.0f).conj())>);
  static_assert(cupp::expr::is_node_v<decltype(a.real())>);
  static_assert(
      std::is_same_v<decltype(shaped<std::int16_t>({2}).round(-1)), cupp::ndarray<std::int16_t>>);
  static_assert(std::is_same_v<decltype(a.tolist()), std::vector<float>>);
  static_assert(std::is_same_v<decltype((a + 1.0f).astype<double>()), cupp::ndarray<double>>);
  EXPECT_EQ(a.clip(0.0f, 1.0f).shape(), (shape_t{2, 3}));
  EXPECT_EQ(a.mT().shape(), (shape_t{3, 2}));
  EXPECT_EQ(a.reshape(3, 2).shape(), (shape_t{3, 2}));
  EXPECT_EQ(a.reshape(-1).shape(), (shape_t{6}));
  EXPECT_EQ(a.transpose(1, 0).strides(), (cupp::strides_t{1, 3}));
}

TEST(MethodsHost, ErrorsAsNumPy) {
  EXPECT_THROW(shaped<float>({3}).mT(), cupp::value_error);
  EXPECT_THROW(shaped<float>({2, 3}).reshape(4, 2), cupp::value_error);
  EXPECT_THROW(shaped<float>({2, 3}).transpose(0, 0), cupp::value_error);
  EXPECT_THROW(shaped<float>({2, 3}).diagonal(0, 0, 0), cupp::value_error);
  EXPECT_THROW(shaped<float>({3}).diagonal(), cupp::value_error);
  // In-place methods refuse a read-only view before any work, as NumPy.
  auto b = cupp::broadcast_to(shaped<float>({3}), {2, 3});
  EXPECT_THROW(b.sort(), cupp::value_error);
  EXPECT_THROW(b.partition(1), cupp::value_error);
}

}  // namespace
