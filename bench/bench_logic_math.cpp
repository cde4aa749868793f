// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// isclose, allclose, interp, gradient and cross; bench/compare_cupy.py runs the same cases with
// CuPy.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "bench_util.hpp"
#include "cupp/array.hpp"

namespace {

constexpr std::int64_t kN = std::int64_t{1} << 26;

void bytes(benchmark::State& state, std::int64_t n) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * n);
}

// 2^26 float32 pairs, b = a + small noise: one fused pass reading 8 bytes and writing 1 bool.
void isclose_f32(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  auto a = cupp::random::rand<float>({kN});
  cupp::ndarray<float> b = a + 1e-7f * cupp::random::rand<float>({kN});
  cupp::bench::time_device(state, [&] { cupp::ndarray<bool> r = cupp::isclose(a, b); });
  bytes(state, 9 * kN);
}

// The same pairs reduced to one bool on the host: one pass reading 8 bytes per element.
void allclose_f32(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  auto a = cupp::random::rand<float>({kN});
  cupp::ndarray<float> b = a + 1e-7f * cupp::random::rand<float>({kN});
  cupp::bench::time_device(state, [&] { benchmark::DoNotOptimize(cupp::allclose(a, b)); });
  bytes(state, 8 * kN);
}

// 2^26 float32 points in [0, 1) into 2^20 sorted sample points: each point read (4 bytes) and its
// float64 value written (8 bytes, NumPy's dtype) once; the samples, 8 MB, stay in L2.
void interp_f32(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  constexpr std::int64_t m = std::int64_t{1} << 20;
  auto x = cupp::random::rand<float>({kN});
  auto xp = cupp::linspace<float>(0.0, 1.0, m);
  auto fp = cupp::random::rand<float>({m});
  cupp::bench::time_device(state, [&] { auto y = cupp::interp(x, xp, fp); });
  bytes(state, 12 * kN);
}

// An 8192 x 8192 float32 field: read once, two derivatives written.
void gradient_f32(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  constexpr std::int64_t s = 8192;
  auto f = cupp::random::rand<float>({s, s});
  cupp::bench::time_device(state, [&] { auto g = cupp::gradient(f); });
  bytes(state, 12 * s * s);
}

// 2^24 pairs of float32 3-vectors: 24 bytes read and 12 written per pair.
void cross_f32(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  constexpr std::int64_t n = std::int64_t{1} << 24;
  auto a = cupp::random::rand<float>({n, 3});
  auto b = cupp::random::rand<float>({n, 3});
  cupp::bench::time_device(state, [&] { cupp::ndarray<float> c = cupp::cross(a, b); });
  bytes(state, 36 * n);
}

// The case names hold a '^', which a function name cannot.
#define CUPP_BENCH_CASE(var, name, fn)                                                      \
  const auto* const var = benchmark::RegisterBenchmark(name, fn)                            \
                              -> UseManualTime() -> Iterations(cupp::bench::kDeviceGroups) \
                                  -> Unit(benchmark::kMicrosecond);
CUPP_BENCH_CASE(kIsclose, "logic_isclose_f32_2^26", isclose_f32)
CUPP_BENCH_CASE(kAllclose, "logic_allclose_f32_2^26", allclose_f32)
CUPP_BENCH_CASE(kInterp, "math_interp_2^26_into_2^20_f32", interp_f32)
CUPP_BENCH_CASE(kGradient, "math_gradient_8192_f32", gradient_f32)
CUPP_BENCH_CASE(kCross, "math_cross_2^24_f32", cross_f32)
#undef CUPP_BENCH_CASE

}  // namespace
