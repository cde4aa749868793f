// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The snippets of docs/coming_from_cupy.md: CuPy and NumPy code next to its cupp spelling, each
// checked against values worked out by hand (NumPy's results for the same inputs).
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

// example-begin cupy_includes
#include <cupp/array.hpp>          // cupp, cupp::random, cupp::linalg, cupp::fft, cupp::cuda
#include <cupp/scipy/fft.hpp>      // cupp::scipy::fft (cupyx.scipy.fft)
#include <cupp/scipy/ndimage.hpp>  // cupp::scipy::ndimage (cupyx.scipy.ndimage)
#include <cupp/scipy/signal.hpp>   // cupp::scipy::signal (cupyx.scipy.signal)
// example-end
#include "support/described.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::shape_t;
using cupp::test::expect_values;

// ---- host: what the page says of types, checked without a GPU ------------------------------------

// An elementwise operation is an expression, not an array; a reduction is an array.
using Float = cupp::ndarray<float>;
static_assert(!std::is_same_v<decltype(std::declval<Float>() * 2.0f + 1.0f), Float>);
static_assert(std::is_convertible_v<decltype(std::declval<Float>() * 2.0f + 1.0f), Float>);
static_assert(std::is_same_v<decltype(cupp::sum(std::declval<Float>())), Float>);
// The exception types of the page's table, and what they derive from.
static_assert(std::is_base_of_v<cupp::value_error, cupp::broadcast_error>);
static_assert(std::is_base_of_v<cupp::index_error, cupp::axis_error>);
static_assert(std::is_base_of_v<cupp::library_error, cupp::cublas_error>);
static_assert(std::is_base_of_v<cupp::library_error, cupp::cusolver_error>);
static_assert(std::is_base_of_v<cupp::library_error, cupp::cufft_error>);
static_assert(std::is_base_of_v<cupp::error, cupp::cuda_error>);
static_assert(std::is_base_of_v<cupp::error, cupp::out_of_memory>);
static_assert(std::is_base_of_v<cupp::error, cupp::compile_error>);
static_assert(std::is_base_of_v<std::runtime_error, cupp::error>);

TEST(ComingFromCupyHost, ExpressionDtypeFollowsNumPyPromotion) {
  // float32 array * a C++ float stays float32 (NumPy 2: a Python float is weak); * a double too.
  using Expr = decltype(std::declval<Float>() * 2.0);
  EXPECT_EQ(cupp::expr::dtype_of_operand<Expr>, cupp::dtype::float32);
  using Mixed = decltype(std::declval<Float>() * std::declval<cupp::ndarray<double>>());
  EXPECT_EQ(cupp::expr::dtype_of_operand<Mixed>, cupp::dtype::float64);
}

TEST(ComingFromCupyHost, ThePagesExpressionsCompile) {
  // NVRTC needs no GPU: the fused kernels of the snippets below compile for sm_90.
  using Lazy = decltype(std::declval<Float>() * 2.0f + 1.0f);
  using Fused = decltype(cupp::sqrt(std::declval<Float>() * std::declval<Float>() *
                                    std::declval<Float>()) +
                         1.0f);
  cupp::expr::family_of<Lazy>().compile_all(cupp::dtype::float32, 90);
  cupp::expr::family_of<Fused>().compile_all(cupp::dtype::float32, 90);
}

// ---- device ------------------------------------------------------------------------------------

class ComingFromCupy : public cupp::test::GpuTest {};

TEST_F(ComingFromCupy, Creation) {
  // example-begin cupy_creation
  auto a = cupp::zeros<float>({2, 3});                   // cp.zeros((2, 3), dtype=cp.float32)
  auto b = cupp::full<std::int32_t>({4}, 7);             // cp.full(4, 7, dtype=cp.int32)
  auto c = cupp::arange<double>(6).reshape({2, 3});      // cp.arange(6.0).reshape(2, 3)
  auto d = cupp::asarray<float>({{1, 2}, {3, 4}});       // cp.asarray([[1, 2], [3, 4]], cp.float32)
  auto e = c.astype<std::int64_t>();                     // c.astype(cp.int64)
  cupp::array r = cupp::zeros({3}, cupp::dtype::int16);  // the dtype a run-time value
  // example-end
  expect_values(a, {2, 3}, std::vector<float>(6, 0.0f));
  expect_values(b, {4}, std::vector<std::int32_t>(4, 7));
  expect_values(c, {2, 3}, std::vector<double>{0, 1, 2, 3, 4, 5});
  expect_values(d, {2, 2}, std::vector<float>{1, 2, 3, 4});
  expect_values(e, {2, 3}, std::vector<std::int64_t>{0, 1, 2, 3, 4, 5});
  EXPECT_EQ(r.dtype(), cupp::dtype::int16);
  EXPECT_EQ(r.shape(), shape_t{3});
  EXPECT_EQ(r.get<std::int16_t>(), std::vector<std::int16_t>(3, 0));
}

TEST_F(ComingFromCupy, SlicingAndIndexing) {
  // example-begin cupy_indexing
  auto x = cupp::arange<float>(12).reshape({3, 4});                // cp.arange(12.0).reshape(3, 4)
  auto v = x(cupp::slice(0, 3, 2), cupp::slice(1, std::nullopt));  // x[0:3:2, 1:], a view
  auto w = x["0:3:2, 1:"];                                         // the same view, from text
  auto col = x(cupp::slice(), 1);                                  // x[:, 1], a view
  x(0, 0) = 100.0f;                                                // x[0, 0] = 100
  cupp::ndarray<float> big = x[x > 8.0f];                          // x[x > 8]: a new array
  cupp::ndarray<float> rows = x[cupp::asarray<std::int64_t>({2, 0})];  // x[cp.array([2, 0])]
  x[x > 8.0f] = 0.0f;                                              // x[x > 8] = 0
  // example-end
  expect_values(big, {4}, std::vector<float>{100, 9, 10, 11});
  expect_values(rows, {2, 4}, std::vector<float>{8, 9, 10, 11, 100, 1, 2, 3});
  expect_values(x, {3, 4}, std::vector<float>{0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0});
  // The views see the writes made through x afterwards.
  expect_values(v, {2, 3}, std::vector<float>{1, 2, 3, 0, 0, 0});
  expect_values(w, {2, 3}, std::vector<float>{1, 2, 3, 0, 0, 0});
  expect_values(col, {3}, std::vector<float>{1, 5, 0});
}

TEST_F(ComingFromCupy, BroadcastingAndFusion) {
  // example-begin cupy_fusion
  auto m = cupp::ones<float>({3, 4});
  auto row = cupp::asarray<float>({1, 2, 3, 4});
  auto expr = cupp::sqrt(m * row * row) + 1.0f;  // (3, 4) with (4,): an expression, not run yet
  cupp::ndarray<float> out = expr;               // evaluated here: one kernel, as cp.fuse makes
  // example-end
  expect_values(out, {3, 4}, std::vector<float>{2, 3, 4, 5, 2, 3, 4, 5, 2, 3, 4, 5});
}

TEST_F(ComingFromCupy, AutoHoldsAnExpression) {
  // example-begin cupy_auto
  cupp::ndarray<float> a = cupp::ones<float>({3});
  auto lazy = a * 2.0f + 1.0f;           // an expression: it holds a (a shared handle)
  cupp::ndarray<float> now = lazy;       // evaluated here: [3, 3, 3]
  auto also = (a * 2.0f + 1.0f).eval();  // the same, spelled out
  a += 1.0f;                             // a is [2, 2, 2], written in place
  cupp::ndarray<float> later = lazy;     // evaluated again, reading a now: [5, 5, 5]
  // example-end
  expect_values(now, {3}, std::vector<float>(3, 3.0f));
  expect_values(also, {3}, std::vector<float>(3, 3.0f));
  expect_values(later, {3}, std::vector<float>(3, 5.0f));
}

TEST_F(ComingFromCupy, Reductions) {
  // example-begin cupy_reductions
  auto x = cupp::arange<double>(6).reshape({2, 3});  // [[0, 1, 2], [3, 4, 5]]
  auto total = cupp::sum(x);                         // x.sum(): a 0-d array
  auto cols = x.sum(0);                              // x.sum(axis=0): [3, 5, 7]
  auto rows = cupp::max(x, 1, /*keepdims=*/true);    // x.max(axis=1, keepdims=True): [[2], [5]]
  auto mean_sq = cupp::mean(x * x, {0, 1});          // (x * x).mean(axis=(0, 1)), one kernel
  double t = total.item();                           // float(total): 15.0, read to the host
  // example-end
  EXPECT_EQ(total.shape(), shape_t{});
  EXPECT_EQ(t, 15.0);
  expect_values(cols, {3}, std::vector<double>{3, 5, 7});
  expect_values(rows, {2, 1}, std::vector<double>{2, 5});
  EXPECT_NEAR(mean_sq.item(), 55.0 / 6.0, 1e-14);
}

TEST_F(ComingFromCupy, Transfers) {
  // example-begin cupy_transfers
  std::vector<float> host = {1, 2, 3};
  auto d = cupp::asarray(host);               // cp.asarray(host): to the device
  d *= 2.0f;                                  // d *= 2
  std::vector<float> back = d.get();          // d.get(): [2, 4, 6] on the host
  d.set(std::vector<float>{7, 8, 9});         // d.set(host_array)
  float first = d(0).item();                  // float(d[0]): 7
  // example-end
  EXPECT_EQ(back, (std::vector<float>{2, 4, 6}));
  EXPECT_EQ(first, 7.0f);
  expect_values(d, {3}, std::vector<float>{7, 8, 9});
}

TEST_F(ComingFromCupy, StreamsAndEvents) {
  // example-begin cupy_streams
  cupp::cuda::Stream stream(/*non_blocking=*/true);  // cp.cuda.Stream(non_blocking=True)
  cupp::cuda::Event start, stop;                     // cp.cuda.Event()
  cupp::ndarray<float> z;
  {
    cupp::cuda::StreamGuard guard(stream);           // with stream:
    start.record();                                  // start.record()
    z = cupp::arange<float>(1 << 20) * 2.0f;
    stop.record();
  }
  stop.synchronize();                                // stop.synchronize()
  float ms = cupp::cuda::elapsed_ms(start, stop);    // cp.cuda.get_elapsed_time(start, stop)
  // example-end
  EXPECT_GE(ms, 0.0f);
  EXPECT_EQ(z.size(), std::int64_t{1} << 20);
  EXPECT_EQ(z(cupp::slice(0, 3)).get(), (std::vector<float>{0, 2, 4}));
}

TEST_F(ComingFromCupy, Kernels) {
  // example-begin cupy_kernels
  static cupp::ElementwiseKernel squared_diff("T x, T y", "T z", "z = (x - y) * (x - y)",
                                              "squared_diff");
  static cupp::ReductionKernel l2("T x", "T y", "x * x", "a + b", "y = sqrt(a)", "0", "l2");
  cupp::RawKernel scale(R"(
  extern "C" __global__ void scale(float* x, float f, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) x[i] *= f;
  })", "scale");
  auto a = cupp::asarray<float>({3, 4});
  cupp::ndarray<float> sq = squared_diff(a, cupp::zeros<float>({2}));  // [9, 16]
  cupp::ndarray<float> norm = l2(a);                                   // 5
  scale({1}, {32}, a, 0.5f, 2);                                        // a is [1.5, 2]
  // example-end
  expect_values(sq, {2}, std::vector<float>{9, 16});
  EXPECT_EQ(norm.item(), 5.0f);
  expect_values(a, {2}, std::vector<float>{1.5f, 2.0f});
}

TEST_F(ComingFromCupy, Errors) {
  // example-begin cupy_errors
  std::string message;
  try {
    cupp::ndarray<float> bad = cupp::ones<float>({2, 3}) + cupp::ones<float>({4});
  } catch (const cupp::value_error& e) {  // a broadcast_error: CuPy's ValueError
    message = e.what();  // "operands could not be broadcast together with shapes (2,3) (4,) "
  }
  bool caught = false;
  try {
    auto v = cupp::zeros<float>({3})(5);  // cp.zeros(3)[5]
  } catch (const cupp::index_error&) {    // IndexError
    caught = true;
  }
  // example-end
  EXPECT_NE(message.find("operands could not be broadcast together with shapes (2,3) (4,)"),
            std::string::npos)
      << message;
  EXPECT_TRUE(caught);
}

TEST_F(ComingFromCupy, OptionsWithoutKeywords) {
  // example-begin cupy_options
  auto a = cupp::asarray<double>({3, 1, 2, 1});
  auto m = cupp::mean(a, std::nullopt, /*keepdims=*/true);  // cp.mean(a, axis=None, keepdims=True)
  cupp::unique_options opts;                                  // cp.unique(a, return_counts=True)
  opts.return_counts = true;
  auto u = cupp::unique(a, opts);                             // u.values, u.counts
  // example-end
  EXPECT_EQ(m.shape(), shape_t{1});
  EXPECT_EQ(m.item(), 1.75);
  expect_values(u.values, {3}, std::vector<double>{1, 2, 3});
  expect_values(u.counts, {3}, std::vector<std::int64_t>{2, 1, 1});
}

TEST_F(ComingFromCupy, RandomLinalgFft) {
  // example-begin cupy_libraries
  auto rng = cupp::random::default_rng(42);          // cp.random.default_rng(42)
  auto u = rng.random<double>({1000});               // rng.random(1000): in [0, 1)
  auto a = cupp::asarray<double>({{4, 1}, {1, 3}});
  auto x = cupp::linalg::solve(a, cupp::asarray<double>({1, 2}));  // cp.linalg.solve
  auto p = cupp::matmul(a, a);                       // a @ a (cuBLAS)
  auto f = cupp::fft::fft(cupp::asarray<double>({1, 0, 0, 0}));    // cp.fft.fft: complex128
  // example-end
  const std::vector<double> hu = u.get();
  for (double v : hu) ASSERT_TRUE(v >= 0.0 && v < 1.0) << v;
  const std::vector<double> hx = x.get();
  EXPECT_NEAR(hx[0], 1.0 / 11.0, 1e-14);
  EXPECT_NEAR(hx[1], 7.0 / 11.0, 1e-14);
  expect_values(p, {2, 2}, std::vector<double>{17, 7, 7, 10});
  // Every bin of a unit impulse's transform is 1 (the imaginary parts may be -0.0).
  ASSERT_EQ(f.shape(), shape_t{4});
  for (const std::complex<double>& v : f.get()) {
    EXPECT_NEAR(v.real(), 1.0, 1e-15);
    EXPECT_NEAR(v.imag(), 0.0, 1e-15);
  }
}

TEST_F(ComingFromCupy, Scipy) {
  // example-begin cupy_scipy
  auto img = cupp::zeros<float>({5, 5});
  img(2, 2) = 9.0f;
  auto box = cupp::scipy::ndimage::uniform_filter(img, 3);   // cupyx.scipy.ndimage
  auto full = cupp::scipy::signal::convolve(cupp::asarray<double>({1, 2, 3}),
                                            cupp::asarray<double>({0, 1, 0.5}));  // signal
  auto dct = cupp::scipy::fft::dct(cupp::asarray<double>({1, 1, 1, 1}));  // cupyx.scipy.fft
  // example-end
  // The 3 x 3 mean spreads the 9 over the 3 x 3 block around it.
  const std::vector<float> hb = box.get();
  ASSERT_EQ(box.shape(), (shape_t{5, 5}));
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 5; ++j) {
      const bool inside = i >= 1 && i <= 3 && j >= 1 && j <= 3;
      EXPECT_NEAR(hb[i * 5 + j], inside ? 1.0f : 0.0f, 1e-6f) << i << ", " << j;
    }
  const std::vector<double> hf = full.get();
  const std::vector<double> want_full{0, 1, 2.5, 4, 1.5};
  ASSERT_EQ(hf.size(), want_full.size());
  for (std::size_t i = 0; i < hf.size(); ++i) EXPECT_NEAR(hf[i], want_full[i], 1e-12);
  const std::vector<double> hd = dct.get();
  ASSERT_EQ(hd.size(), 4u);
  EXPECT_NEAR(hd[0], 8.0, 1e-12);
  for (std::size_t i = 1; i < 4; ++i) EXPECT_NEAR(hd[i], 0.0, 1e-12);
}

}  // namespace
