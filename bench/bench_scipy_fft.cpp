// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::fft's DCT-II of 2^24 float32 points, compared with cupyx.scipy.fft.dct by time
// (bench/compare_cupy.py, the scipy_ rows). The input is made once, outside the timed region;
// each call allocates its result from the pool, as CuPy's does.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <optional>

#include "bench_util.hpp"
#include "cupp/array.hpp"
#include "cupp/scipy/fft.hpp"

namespace {

constexpr std::int64_t kPoints = std::int64_t{1} << 24;

const bool kRegistered = [] {
  benchmark::RegisterBenchmark(
      "scipy_dct_f32_2^24",
      [](benchmark::State& state) {
        if (!cupp::bench::need_gpu(state)) return;
        const auto a = cupp::random::default_rng(1).random<float>({kPoints});
        cupp::bench::time_device(state, [a] { auto r = cupp::scipy::fft::dct(a, 2); });
        // Read the input once, write the result once.
        state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * 2 * 4 * kPoints));
      })
      ->UseManualTime()
      ->Iterations(cupp::bench::kDeviceGroups)
      ->Unit(benchmark::kMicrosecond);
  return true;
}();

}  // namespace
