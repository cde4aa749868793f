// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Matrix products; bench/compare_cupy.py runs the same ones with CuPy. A GEMM of M x K by
// K x N is 2 M N K floating-point operations.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include "bench_util.hpp"
#include "cupp/array.hpp"
#include "cupp/linalg/matmul.hpp"

namespace {

constexpr std::int64_t kBig = 8192;

void flops(benchmark::State& state, double per_call) {
  state.counters["FLOP"] = benchmark::Counter(per_call);
}

template <class T>
cupp::ndarray<T> random_matrix(const cupp::shape_t& shape) {
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>)
    return cupp::random::rand<T>(shape);
  else
    return cupp::random::rand<float>(shape).astype<T>();
}

template <class T>
void matmul_square(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const auto a = random_matrix<T>({kBig, kBig});
  const auto b = random_matrix<T>({kBig, kBig});
  cupp::bench::time_device_burst(state, [&] { cupp::ndarray<T> c = cupp::matmul(a, b); }, 3);
  flops(state, 2.0 * kBig * kBig * kBig);
}

void matmul_batched(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const auto a = cupp::random::rand<float>({512, 128, 128});
  const auto b = cupp::random::rand<float>({512, 128, 128});
  cupp::bench::time_device(state, [&] { cupp::ndarray<float> c = cupp::matmul(a, b); });
  flops(state, 2.0 * 512 * 128 * 128 * 128);
}

// Host-timed: the cost of a small product is the call's, not the GPU's.
void matmul_small(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const auto a = cupp::random::rand<float>({15, 64});
  const auto b = cupp::random::rand<float>({64, 15});
  cupp::bench::time_host(state, [&] { cupp::ndarray<float> c = cupp::matmul(a, b); }, 1000);
}

// a.T @ b with a C-contiguous: passed to cuBLAS as a transposed operand, no copy.
void matmul_transposed(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const auto a = cupp::random::rand<float>({kBig, kBig});
  const auto b = cupp::random::rand<float>({kBig, kBig});
  cupp::bench::time_device_burst(state, [&] { cupp::ndarray<float> c = cupp::matmul(a.T(), b); },
                                 3);
  flops(state, 2.0 * kBig * kBig * kBig);
}

template <class F>
void add(const char* name, F f, int iterations) {
  benchmark::RegisterBenchmark(name, f)
      ->UseManualTime()
      ->Iterations(iterations)
      ->Unit(benchmark::kMicrosecond);
}

// The 8192 x 8192 products, timed as bursts like CuPy's side (time_device_burst).
template <class F>
void add_burst(const char* name, F f) {
  benchmark::RegisterBenchmark(name, f)
      ->UseManualTime()
      ->Unit(benchmark::kMicrosecond)
      ->Iterations(1)
      ->Repetitions(cupp::bench::kRepetitions);
}

const bool kRegistered = [] {
  add_burst("la_matmul_f32_8192", matmul_square<float>);
  add_burst("la_matmul_f64_8192", matmul_square<double>);
  add_burst("la_matmul_f16_8192", matmul_square<cupp::float16>);
  add("la_matmul_batched_512x128", matmul_batched, cupp::bench::kDeviceGroups);
  add("la_matmul_small_15x64", matmul_small, 10);  // 10 x 1000 calls
  add_burst("la_matmul_transposed_f32_8192", matmul_transposed);
  return true;
}();

}  // namespace
