// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Sorting and scan cases; bench/compare_cupy.py runs the same ones with CuPy.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "bench_util.hpp"
#include "cupp/array.hpp"
#include "cupp/routines/sorting.hpp"

namespace {

constexpr std::int64_t kN = std::int64_t{1} << 26;

void bytes(benchmark::State& state, std::int64_t n) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * n);
}

// Bytes are those a sort must move at least (read the input, write the result), so GB/s compares
// the sorts with each other and with a copy, not with the memory's bandwidth.
void sort_f32(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  auto a = cupp::random::rand<float>({kN});
  cupp::bench::time_device(state, [&] { cupp::ndarray<float> s = cupp::sort(a); });
  bytes(state, 2 * 4 * kN);
}

void argsort_f32(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  auto a = cupp::random::rand<float>({kN});
  cupp::bench::time_device(state, [&] { cupp::ndarray<std::int64_t> i = cupp::argsort(a); });
  bytes(state, (4 + 8) * kN);
}

// One long row: read 4 bytes and write 4 bytes per element.
void cumsum_f32(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  auto a = cupp::random::rand<float>({kN});
  cupp::bench::time_device(state, [&] { cupp::ndarray<float> c = cupp::cumsum(a); });
  bytes(state, 2 * 4 * kN);
}

// The case names hold a '^', which a function name cannot.
const auto* const kSort = benchmark::RegisterBenchmark("sort_f32_2^26", sort_f32) -> UseManualTime()
                              -> Iterations(cupp::bench::kDeviceGroups)
                                  -> Unit(benchmark::kMicrosecond);
const auto* const kArgsort = benchmark::RegisterBenchmark("argsort_f32_2^26", argsort_f32)
                                 -> UseManualTime() -> Iterations(cupp::bench::kDeviceGroups)
                                     -> Unit(benchmark::kMicrosecond);
const auto* const kCumsum = benchmark::RegisterBenchmark("cumsum_f32_2^26", cumsum_f32)
                                -> UseManualTime() -> Iterations(cupp::bench::kDeviceGroups)
                                    -> Unit(benchmark::kMicrosecond);

}  // namespace
