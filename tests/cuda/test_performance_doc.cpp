// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The examples of docs/performance.md: what fuses into one kernel, what an `auto` expression does
// at each use, and timing with events. Each checks its values against a host loop.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <vector>

#include "cupp/array.hpp"
#include "support/gpu.hpp"

namespace {

class PerformanceDocGpu : public cupp::test::GpuTest {};

TEST_F(PerformanceDocGpu, FusedAndUnfusedGiveTheSameValues) {
  // example-begin fusion
  cupp::ndarray<float> a = cupp::linspace<float>(-1.0, 1.0, 4096);
  cupp::ndarray<float> b = cupp::linspace<float>(0.0, 2.0, 4096);

  // One kernel: reads a and b once, writes r once.
  cupp::ndarray<float> r = cupp::exp(a) * b + 1.0f;

  // Two kernels: t is written to memory, then read back.
  cupp::ndarray<float> t = cupp::exp(a) * b;
  cupp::ndarray<float> r2 = t + 1.0f;

  // One reduction kernel: the product is computed inside it, never stored.
  cupp::ndarray<float> dot = cupp::sum(a * b);
  // example-end
  const std::vector<float> ha = a.get(), hb = b.get();  // the inputs, for the host's loop
  const std::vector<float> got = r.get(), got2 = r2.get();
  double want_dot = 0, scale = 0;
  for (std::size_t i = 0; i < ha.size(); ++i) {
    const float want = std::exp(ha[i]) * hb[i] + 1.0f;
    EXPECT_NEAR(got[i], want, 1e-5f * std::abs(want) + 1e-6f) << i;
    EXPECT_NEAR(got2[i], want, 1e-5f * std::abs(want) + 1e-6f) << i;
    want_dot += static_cast<double>(ha[i]) * hb[i];
    scale += std::abs(static_cast<double>(ha[i]) * hb[i]);
  }
  EXPECT_NEAR(dot.item(), want_dot, 1e-5 * scale);
}

TEST_F(PerformanceDocGpu, AnAutoExpressionIsEvaluatedAtEachUse) {
  // example-begin auto_expression
  cupp::ndarray<float> x = cupp::asarray<float>({0.0f, 1.0f, 2.0f});
  auto y = cupp::exp(x) * 2.0f;         // an expression: nothing is computed yet
  cupp::ndarray<float> p = y + 1.0f;    // computes exp(x) * 2 + 1
  cupp::ndarray<float> q = y - 1.0f;    // computes exp(x) * 2 again

  cupp::ndarray<float> z = cupp::exp(x) * 2.0f;  // computed once, stored
  cupp::ndarray<float> p2 = z + 1.0f;            // reads z
  cupp::ndarray<float> q2 = z - 1.0f;            // reads z

  x += 1.0f;                            // in place: y sees it, z does not
  cupp::ndarray<float> later = y;       // exp(x + 1) * 2
  // example-end
  const std::vector<float> hp = p.get(), hq = q.get(), hp2 = p2.get(), hq2 = q2.get(),
                           hl = later.get(), hz = z.get();
  for (std::size_t i = 0; i < 3; ++i) {
    const float e = 2.0f * std::exp(static_cast<float>(i));
    const float e1 = 2.0f * std::exp(static_cast<float>(i) + 1.0f);
    EXPECT_NEAR(hp[i], e + 1.0f, 1e-5f * e) << i;
    EXPECT_NEAR(hq[i], e - 1.0f, 1e-5f * e) << i;
    EXPECT_NEAR(hp2[i], e + 1.0f, 1e-5f * e) << i;
    EXPECT_NEAR(hq2[i], e - 1.0f, 1e-5f * e) << i;
    EXPECT_NEAR(hz[i], e, 1e-5f * e) << i;
    EXPECT_NEAR(hl[i], e1, 1e-5f * e1) << i;
  }
}

TEST_F(PerformanceDocGpu, TimingWithEvents) {
  // example-begin timing
  cupp::ndarray<float> a = cupp::ones<float>({1 << 22}), b = cupp::ones<float>({1 << 22});
  cupp::ndarray<float> r = cupp::exp(a) * b + 1.0f;  // the first use compiles: leave it out
  cupp::cuda::Event start, stop;
  start.record();
  for (int i = 0; i < 10; ++i) r = cupp::exp(a) * b + 1.0f;
  stop.record();
  stop.synchronize();
  float ms_per_call = cupp::cuda::elapsed_ms(start, stop) / 10;
  // example-end
  EXPECT_GT(ms_per_call, 0.0f);
  const std::vector<float> got = r.get();
  const float want = std::exp(1.0f) + 1.0f;
  for (const float v : got) ASSERT_NEAR(v, want, 1e-5f * want);
}

}  // namespace
