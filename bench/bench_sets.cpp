// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Set routine cases; bench/compare_cupy.py runs the same ones with CuPy.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "bench_util.hpp"
#include "cupp/array.hpp"
#include "cupp/routines/sets.hpp"

namespace {

constexpr std::int64_t kN = std::int64_t{1} << 24;
constexpr std::int64_t kRange = std::int64_t{1} << 20;

// 2^24 int32 values drawn uniformly from [0, 2^20): about 16 repeats of each value. The time
// includes reading the number of unique values back, as CuPy's unique does. Bytes are the
// input read and the unique values written.
void unique_i32(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const auto r = cupp::random::rand<double>({kN});
  const cupp::ndarray<std::int32_t> a(cupp::floor(r * static_cast<double>(kRange)));
  std::int64_t n_unique = 0;
  cupp::bench::time_device(state, [&] {
    const cupp::ndarray<std::int32_t> u = cupp::unique(a);
    n_unique = u.size();
  });
  state.counters["unique"] = static_cast<double>(n_unique);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 4 * (kN + n_unique));
}

// The case name holds a '^', which a function name cannot.
const auto* const kUnique = benchmark::RegisterBenchmark("unique_i32_2^24", unique_i32)
                                -> UseManualTime() -> Iterations(cupp::bench::kDeviceGroups)
                                    -> Unit(benchmark::kMicrosecond);

}  // namespace
