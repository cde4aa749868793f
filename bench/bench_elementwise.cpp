// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Elementwise engine cases; bench/compare_cupy.py runs the same ones with CuPy.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include "bench_util.hpp"
#include "cupp/array.hpp"

namespace {

using cupp::slice;
constexpr std::int64_t kN = std::int64_t{1} << 26;
constexpr std::int64_t kSide = 8192;

void bytes(benchmark::State& state, std::int64_t n) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * n);
}

void ew_add_f32_out(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  auto a = cupp::random::rand<float>({kN}), b = cupp::random::rand<float>({kN});
  auto c = cupp::empty<float>({kN});
  cupp::bench::time_device(state, [&] { cupp::add(a, b, c); });
  bytes(state, 3 * 4 * kN);
}
BENCHMARK(ew_add_f32_out)
    ->UseManualTime()
    ->Iterations(cupp::bench::kDeviceGroups)
    ->Unit(benchmark::kMicrosecond);

void ew_add_f32_alloc(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  auto a = cupp::random::rand<float>({kN}), b = cupp::random::rand<float>({kN});
  cupp::bench::time_device(state, [&] { cupp::ndarray<float> c = a + b; });
  bytes(state, 3 * 4 * kN);
}
BENCHMARK(ew_add_f32_alloc)
    ->UseManualTime()
    ->Iterations(cupp::bench::kDeviceGroups)
    ->Unit(benchmark::kMicrosecond);

void ew_fused5(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  auto a = cupp::random::rand<float>({kN}), b = cupp::random::rand<float>({kN}),
       c = cupp::random::rand<float>({kN}), d = cupp::random::rand<float>({kN}),
       e = cupp::random::rand<float>({kN});
  auto out = cupp::empty<float>({kN});
  cupp::bench::time_device(state, [&] { out(cupp::ellipsis) = a * b + c * d - e; });
  bytes(state, 6 * 4 * kN);
}
BENCHMARK(ew_fused5)
    ->UseManualTime()
    ->Iterations(cupp::bench::kDeviceGroups)
    ->Unit(benchmark::kMicrosecond);

void ew_exp_sin_sqrt(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  auto a = cupp::random::rand<float>({kN}), b = cupp::random::rand<float>({kN}),
       c = cupp::random::rand<float>({kN});
  auto out = cupp::empty<float>({kN});
  cupp::bench::time_device(state,
                           [&] { out(cupp::ellipsis) = cupp::exp(a) * cupp::sin(b) + cupp::sqrt(c); });
  bytes(state, 4 * 4 * kN);
}
BENCHMARK(ew_exp_sin_sqrt)
    ->UseManualTime()
    ->Iterations(cupp::bench::kDeviceGroups)
    ->Unit(benchmark::kMicrosecond);

void ew_broadcast_add(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  auto a = cupp::random::rand<float>({kSide, kSide}), row = cupp::random::rand<float>({1, kSide});
  auto out = cupp::empty<float>({kSide, kSide});
  cupp::bench::time_device(state, [&] { cupp::add(a, row, out); });
  bytes(state, 2 * 4 * kSide * kSide);
}
BENCHMARK(ew_broadcast_add)
    ->UseManualTime()
    ->Iterations(cupp::bench::kDeviceGroups)
    ->Unit(benchmark::kMicrosecond);

void ew_strided_add(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  auto a = cupp::random::rand<float>({kN}), b = cupp::random::rand<float>({kN});
  auto av = a(slice(std::nullopt, std::nullopt, 2)), bv = b(slice(std::nullopt, std::nullopt, 2));
  auto out = cupp::empty<float>({kN / 2});
  cupp::bench::time_device(state, [&] { cupp::add(av, bv, out); });
  bytes(state, 3 * 4 * (kN / 2));
}
BENCHMARK(ew_strided_add)
    ->UseManualTime()
    ->Iterations(cupp::bench::kDeviceGroups)
    ->Unit(benchmark::kMicrosecond);

void ew_transpose_copy(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  auto a = cupp::random::rand<float>({kSide, kSide});
  cupp::bench::time_device(state, [&] { auto t = cupp::ascontiguousarray(a.T()); });
  bytes(state, 2 * 4 * kSide * kSide);
}
BENCHMARK(ew_transpose_copy)
    ->UseManualTime()
    ->Iterations(cupp::bench::kDeviceGroups)
    ->Unit(benchmark::kMicrosecond);

// Black-Scholes as CuPy's examples/finance/black_scholes.py writes it: with `auto`
// intermediates (two kernels, each reading S, X and T once: Note [Binding and splitting] in
// docs/elementwise.md), and with each intermediate a named array (a kernel per line).
constexpr std::int64_t kOptions = std::int64_t{1} << 22;

template <class D>
auto bs_cnd(const D& d) {
  const auto k = 1 / (1 + 0.2316419 * cupp::abs(d));
  const auto w = 0.3989422804014327f * cupp::exp(-0.5 * d * d) *
                 (k * (0.31938153f + k * (-0.356563782f + k * (1.781477937f +
                                                              k * (-1.821255978f + k * 1.330274429f)))));
  return cupp::where(d > 0, 1 - w, w);
}

struct bs_inputs {
  cupp::ndarray<float> s = cupp::random::uniform<float>(5, 30, {kOptions});
  cupp::ndarray<float> x = cupp::random::uniform<float>(1, 100, {kOptions});
  cupp::ndarray<float> t = cupp::random::uniform<float>(0.25f, 10, {kOptions});
  float r = 0.02f, v = 0.3f;
};

void ew_black_scholes_auto(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  bs_inputs in;
  const auto& s = in.s;
  const auto& x = in.x;
  const auto& t = in.t;
  const float r = in.r, v = in.v;
  cupp::bench::time_device(state, [&] {
    const auto sqrt_t = cupp::sqrt(t);
    const auto d1 = (cupp::log(s / x) + (r + v * v / 2) * t) / (v * sqrt_t);
    const auto d2 = d1 - v * sqrt_t;
    const auto cnd_d1 = bs_cnd(d1);
    const auto cnd_d2 = bs_cnd(d2);
    const auto exp_rt = cupp::exp(-r * t);
    cupp::ndarray<float> call = s * cnd_d1 - x * exp_rt * cnd_d2;
    cupp::ndarray<float> put = x * exp_rt * (1 - cnd_d2) - s * (1 - cnd_d1);
  });
  bytes(state, 2 * 4 * 4 * kOptions);
}
BENCHMARK(ew_black_scholes_auto)->UseManualTime()->Unit(benchmark::kMicrosecond);

void ew_black_scholes_named(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  bs_inputs in;
  const auto& s = in.s;
  const auto& x = in.x;
  const auto& t = in.t;
  const float r = in.r, v = in.v;
  cupp::bench::time_device(state, [&] {
    cupp::ndarray<float> sqrt_t = cupp::sqrt(t);
    cupp::ndarray<float> d1 = (cupp::log(s / x) + (r + v * v / 2) * t) / (v * sqrt_t);
    cupp::ndarray<float> d2 = d1 - v * sqrt_t;
    cupp::ndarray<float> cnd_d1 = bs_cnd(d1);
    cupp::ndarray<float> cnd_d2 = bs_cnd(d2);
    cupp::ndarray<float> exp_rt = cupp::exp(-r * t);
    cupp::ndarray<float> call = s * cnd_d1 - x * exp_rt * cnd_d2;
    cupp::ndarray<float> put = x * exp_rt * (1 - cnd_d2) - s * (1 - cnd_d1);
  });
  bytes(state, 2 * 4 * 4 * kOptions);
}
BENCHMARK(ew_black_scholes_named)->UseManualTime()->Unit(benchmark::kMicrosecond);

void ew_small_add_alloc(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  auto a = cupp::random::rand<float>({1000}), b = cupp::random::rand<float>({1000});
  cupp::bench::time_host(state, [&] { cupp::ndarray<float> c = a + b; }, 1000);
}
BENCHMARK(ew_small_add_alloc)->UseManualTime()->Iterations(10)->Unit(benchmark::kMicrosecond);

void ew_small_add_out(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  auto a = cupp::random::rand<float>({1000}), b = cupp::random::rand<float>({1000});
  auto c = cupp::empty<float>({1000});
  cupp::bench::time_host(state, [&] { cupp::add(a, b, c); }, 1000);
}
BENCHMARK(ew_small_add_out)->UseManualTime()->Iterations(10)->Unit(benchmark::kMicrosecond);

// The first evaluation of an expression type: build its source, compile (cold) or load it from
// the disk cache (warm), launch. Each iteration uses a scalar value baked into nothing: the
// expression type is fixed, so the family is cleared through a fresh compiler cache instead.
void ew_first_use(benchmark::State& state, bool warm) {
  if (!cupp::bench::need_gpu(state)) return;
  auto a = cupp::random::rand<float>({1000});
  auto& compiler = cupp::jit::get_default_compiler();
  // Unique across repetitions and runs, so a cold iteration never finds an earlier compile.
  static std::int64_t variant = std::chrono::steady_clock::now().time_since_epoch().count();
  for (auto _ : state) {
    // A new RawKernel source each iteration stands for a new expression type: the source of
    // cupp::exp(a) * a + 1.0f with a distinct comment.
    const std::string tag = "// first use " + std::to_string(warm ? 0 : ++variant) + "\n";
    cupp::expr::emitter e;
    const std::string expression = cupp::expr::operand<decltype(cupp::exp(a) * a + 1.0f)>::emit(e);
    cupp::expr::detail::family_info info{e.name, expression, e.arrays, e.scalars};
    cupp::expr::detail::kernel_family family(std::move(info));
    const std::string source = tag + family.source(cupp::dtype::float32, 0, false);
    if (warm) compiler.clear_memory_cache();
    const auto start = std::chrono::steady_clock::now();
    cupp::RawKernel k(source, "cupp_ew_exp_multiply_add_f32_c4_i32");
    k.compile();
    const std::chrono::duration<double> d = std::chrono::steady_clock::now() - start;
    state.SetIterationTime(d.count());
  }
}
void ew_cold_compile(benchmark::State& state) { ew_first_use(state, false); }
void ew_warm_disk(benchmark::State& state) { ew_first_use(state, true); }
BENCHMARK(ew_cold_compile)->UseManualTime()->Iterations(2)->Unit(benchmark::kMillisecond);
BENCHMARK(ew_warm_disk)->UseManualTime()->Iterations(5)->Unit(benchmark::kMillisecond);

}  // namespace
