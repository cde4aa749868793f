// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Reduction cases; bench/compare_cupy.py runs the same ones with CuPy.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "bench_util.hpp"
#include "cupp/array.hpp"

namespace {

constexpr std::int64_t kN = std::int64_t{1} << 26;
constexpr std::int64_t kSide = 8192;

void bytes(benchmark::State& state, std::int64_t n) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * n);
}

void red_sum_f32(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  auto a = cupp::random::rand<float>({kN});
  cupp::bench::time_device(state, [&] { (void)cupp::sum(a); });
  bytes(state, 4 * kN);
}
BENCHMARK(red_sum_f32)
    ->UseManualTime()
    ->Iterations(cupp::bench::kDeviceGroups)
    ->Unit(benchmark::kMicrosecond);

void red_sum_axis0(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  auto a = cupp::random::rand<float>({kSide, kSide});
  cupp::bench::time_device(state, [&] { (void)cupp::sum(a, 0); });
  bytes(state, 4 * kSide * kSide);
}
BENCHMARK(red_sum_axis0)
    ->UseManualTime()
    ->Iterations(cupp::bench::kDeviceGroups)
    ->Unit(benchmark::kMicrosecond);

void red_sum_axis1(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  auto a = cupp::random::rand<float>({kSide, kSide});
  cupp::bench::time_device(state, [&] { (void)cupp::sum(a, 1); });
  bytes(state, 4 * kSide * kSide);
}
BENCHMARK(red_sum_axis1)
    ->UseManualTime()
    ->Iterations(cupp::bench::kDeviceGroups)
    ->Unit(benchmark::kMicrosecond);

// sum(a * b): one kernel reading both inputs, no temporary.
void red_fused_dot(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  auto a = cupp::random::rand<float>({kN}), b = cupp::random::rand<float>({kN});
  cupp::bench::time_device(state, [&] { (void)cupp::sum(a * b); });
  bytes(state, 8 * kN);
}
BENCHMARK(red_fused_dot)
    ->UseManualTime()
    ->Iterations(cupp::bench::kDeviceGroups)
    ->Unit(benchmark::kMicrosecond);

void red_argmax_f32(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  auto a = cupp::random::rand<float>({kN});
  cupp::bench::time_device(state, [&] { (void)cupp::argmax(a); });
  bytes(state, 4 * kN);
}
BENCHMARK(red_argmax_f32)
    ->UseManualTime()
    ->Iterations(cupp::bench::kDeviceGroups)
    ->Unit(benchmark::kMicrosecond);

// Per call, including the 0-d result's allocation, from the host.
void red_small_sum(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  auto a = cupp::random::rand<float>({1000});
  cupp::bench::time_host(state, [&] { (void)cupp::sum(a); }, 1000);
}
BENCHMARK(red_small_sum)->UseManualTime()->Iterations(10)->Unit(benchmark::kMicrosecond);

// np.add.at(bins, idx, 1): 2^24 int64 indices into 2^20 float32 bins, unbuffered (repeated
// indices accumulate; one atomic per index). Bytes: the indices read, one float per index
// updated.
void ufunc_add_at_f32(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  constexpr std::int64_t kIdx = std::int64_t{1} << 24, kBins = std::int64_t{1} << 20;
  auto bins = cupp::zeros<float>({kBins});
  const auto idx = cupp::random::default_rng(3).integers<std::int64_t>(0, kBins, {kIdx});
  cupp::bench::time_device(state, [&] { cupp::ufunc::add.at(bins, idx, 1.0f); });
  bytes(state, (8 + 4) * kIdx);
}
BENCHMARK(ufunc_add_at_f32)
    ->UseManualTime()
    ->Iterations(cupp::bench::kDeviceGroups)
    ->Unit(benchmark::kMicrosecond);

// np.add.reduceat(a, idx): 2^26 float32 in 2^16 segments of 1024.
void ufunc_add_reduceat_f32(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  auto a = cupp::random::rand<float>({kN});
  std::vector<std::int64_t> idx;
  for (std::int64_t i = 0; i < kN; i += 1024) idx.push_back(i);
  cupp::bench::time_device(state, [&] { (void)cupp::ufunc::add.reduceat(a, idx); });
  bytes(state, 4 * kN);
}
BENCHMARK(ufunc_add_reduceat_f32)
    ->UseManualTime()
    ->Iterations(cupp::bench::kDeviceGroups)
    ->Unit(benchmark::kMicrosecond);

}  // namespace
