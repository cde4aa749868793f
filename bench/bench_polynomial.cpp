// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// polyval and histogram2d; bench/compare_cupy.py runs the same cases with CuPy.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "bench_util.hpp"
#include "cupp/array.hpp"
#include "cupp/routines/polynomial.hpp"
#include "cupp/routines/statistics.hpp"

namespace {

void bytes(benchmark::State& state, std::int64_t n) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * n);
}

// Degree 8 (coefficients 0.1, 0.2, ..., 0.9, as float32) at 2^26 float32 points: one Horner
// kernel reading 4 bytes and writing 4 bytes per point.
void polyval_f32(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  constexpr std::int64_t n = std::int64_t{1} << 26;
  std::vector<float> c;
  for (int k = 1; k <= 9; ++k) c.push_back(0.1f * static_cast<float>(k));
  const auto p = cupp::asarray(c);
  auto x = cupp::random::rand<float>({n});
  cupp::bench::time_device(state, [&] { cupp::ndarray<float> y = cupp::polyval(p, x); });
  bytes(state, 2 * 4 * n);
}

// 2^24 float32 points (x, y) in [0, 1), 100 x 100 bins over the range [0, 1] x [0, 1] (given, so
// neither side reads the extremes back): the points read once.
void histogram2d_f32(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  constexpr std::int64_t n = std::int64_t{1} << 24;
  auto x = cupp::random::rand<float>({n});
  auto y = cupp::random::rand<float>({n});
  const std::vector<std::pair<double, double>> range = {{0.0, 1.0}, {0.0, 1.0}};
  cupp::bench::time_device(state, [&] { auto h = cupp::histogram2d(x, y, 100, range); });
  bytes(state, 2 * 4 * n);
}

// The case names hold a '^', which a function name cannot.
const auto* const kPolyval = benchmark::RegisterBenchmark("poly_polyval_deg8_f32_2^26", polyval_f32)
                                 -> UseManualTime() -> Iterations(cupp::bench::kDeviceGroups)
                                     -> Unit(benchmark::kMicrosecond);
const auto* const kHistogram2d =
    benchmark::RegisterBenchmark("hist_histogram2d_100x100_f32_2^24", histogram2d_f32)
        -> UseManualTime() -> Iterations(cupp::bench::kDeviceGroups)
            -> Unit(benchmark::kMicrosecond);

}  // namespace
