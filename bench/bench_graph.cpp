// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// CUDA graphs: a launch-bound chain of 20 small operations, launched eagerly and replayed from a
// captured cuda::Graph; bench/compare_cupy.py runs the same chain with CuPy (and cupy.cuda.Graph).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>

#include "bench_util.hpp"
#include "cupp/array.hpp"

namespace {

constexpr int kOps = 20;        // launches in one chain
constexpr int kChains = 500;    // chains per timed region
constexpr std::int64_t kN = 1024;  // small enough that every launch is bound by its overhead

// 4 rounds of 5 launches: two in-place updates, a sine into a new array, a sum, a centring.
void chain(const cupp::ndarray<float>& x, cupp::ndarray<float>& y) {
  for (int round = 0; round < 4; ++round) {
    y *= 0.5f;
    y += x;
    y = cupp::sin(y);
    const cupp::ndarray<float> s = cupp::sum(y);
    y -= s;
  }
}

// Host wall-clock time of kChains calls of `work` and one synchronisation of `stream`, reported
// per operation (work does kOps of them): the launch rate, as time_host measures it.
template <class F>
void time_per_op(benchmark::State& state, cupp::cuda::Stream& stream, F&& work) {
  for (int i = 0; i < 3; ++i) work();
  stream.synchronize();
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    for (int r = 0; r < kChains; ++r) work();
    stream.synchronize();
    const std::chrono::duration<double> d = std::chrono::steady_clock::now() - start;
    state.SetIterationTime(d.count() / (kChains * kOps));
  }
}

void graph_chain20_eager_per_op(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  cupp::cuda::Stream stream(/*non_blocking=*/true);
  cupp::cuda::StreamGuard guard(stream);
  const auto x = cupp::random::rand<float>({kN});
  cupp::ndarray<float> y = x.copy();
  time_per_op(state, stream, [&] { chain(x, y); });
}
BENCHMARK(graph_chain20_eager_per_op)
    ->UseManualTime()
    ->Iterations(10)
    ->Unit(benchmark::kMicrosecond);

void graph_chain20_replay_per_op(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  cupp::cuda::Stream stream(true);
  cupp::cuda::StreamGuard guard(stream);
  const auto x = cupp::random::rand<float>({kN});
  cupp::ndarray<float> y = x.copy();
  chain(x, y);  // compiles and loads every kernel before the capture
  stream.synchronize();
  stream.begin_capture();
  chain(x, y);
  cupp::cuda::Graph graph = stream.end_capture();
  graph.upload(stream);
  time_per_op(state, stream, [&] { graph.launch(stream); });
}
BENCHMARK(graph_chain20_replay_per_op)
    ->UseManualTime()
    ->Iterations(10)
    ->Unit(benchmark::kMicrosecond);

}  // namespace
