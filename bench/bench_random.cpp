// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Random draws, compared with CuPy by time (bench/compare_cupy.py, the rng_ rows). Each call
// allocates its result from the pool, as CuPy's do.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "bench_util.hpp"
#include "cupp/array.hpp"

namespace {

constexpr std::int64_t k26 = std::int64_t{1} << 26, k24 = std::int64_t{1} << 24;

template <class F>
void add(const char* name, F f) {
  benchmark::RegisterBenchmark(name,
                               [f](benchmark::State& state) {
                                 if (!cupp::bench::need_gpu(state)) return;
                                 auto gen = cupp::random::default_rng(1234);
                                 cupp::bench::time_device(state, [&] { f(gen); });
                               })
      ->UseManualTime()
      ->Iterations(cupp::bench::kDeviceGroups)
      ->Unit(benchmark::kMicrosecond);
}

const bool kRegistered = [] {
  // The legacy module functions (numpy.random.rand / randn).
  add("rng_rand_f32_2^26", [](cupp::random::Generator&) { auto a = cupp::random::rand<float>({k26}); });
  add("rng_randn_f32_2^26", [](cupp::random::Generator&) { auto a = cupp::random::randn<float>({k26}); });
  // Generator methods.
  add("rng_random_f64_2^26", [](cupp::random::Generator& g) { auto a = g.random<double>({k26}); });
  add("rng_normal_f64_2^26", [](cupp::random::Generator& g) { auto a = g.standard_normal<double>({k26}); });
  add("rng_integers_i64_2^26", [](cupp::random::Generator& g) { auto a = g.integers<std::int64_t>(0, 1000, {k26}); });
  add("rng_binomial_2^24", [](cupp::random::Generator& g) { auto a = g.binomial(100, 0.3, {k24}); });
  add("rng_poisson_2^24", [](cupp::random::Generator& g) { auto a = g.poisson(5.0, {k24}); });
  add("rng_exponential_f32_2^26", [](cupp::random::Generator& g) { auto a = g.standard_exponential<float>({k26}); });
  add("rng_gamma_f32_2^24", [](cupp::random::Generator& g) { auto a = g.standard_gamma<float>(2.5, {k24}); });
  add("rng_uniform_f32_2^26", [](cupp::random::Generator& g) { auto a = g.uniform<float>(-1.0, 1.0, {k26}); });
  return true;
}();

}  // namespace
