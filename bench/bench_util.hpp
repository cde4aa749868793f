// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Timing helpers shared by the benchmarks: device work is timed with CUDA events after warm-up.
#pragma once

#include <benchmark/benchmark.h>

#include <cuda_runtime_api.h>

#include <chrono>
#include <cstdint>

#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/event.hpp"

namespace cupp::bench {

/// Skips the benchmark (with a message) when there is no GPU. Returns false then.
inline bool need_gpu(benchmark::State& state) {
  if (cupp::cuda::is_available()) return true;
  state.SkipWithError("no GPU");
  return false;
}

/// Every case runs a fixed number of iterations in each repetition (Google Benchmark's own choice
/// of the count would run the case several times over to find it, each time with its setup), and
/// compare_cupy.py asks for kRepetitions repetitions and reads their median. A device-timed
/// iteration is one group of kDeviceReps calls, so a repetition times kDeviceGroups x kDeviceReps
/// calls; cases whose one call takes tens of milliseconds or more run fewer.
constexpr int kRepetitions = 5;
constexpr int kDeviceGroups = 3;

/// Times `work` (which enqueues device work on the current stream) with CUDA events, `reps`
/// back-to-back repetitions per benchmark iteration, reporting the time of one repetition: the
/// device's throughput for the operation, without the latency of one launch from an idle queue.
/// compare_cupy.py times CuPy's side the same way (kDeviceReps there).
constexpr int kDeviceReps = 10;
namespace detail {
/// Each benchmark iteration: `reps` calls of `work` between two events; reports one call's time.
template <class F>
void timed_groups(benchmark::State& state, F& work, int reps) {
  cupp::cuda::synchronize();
  cupp::cuda::Event start, stop;
  for (auto _ : state) {
    start.record();
    for (int r = 0; r < reps; ++r) work();
    stop.record();
    stop.synchronize();
    state.SetIterationTime(static_cast<double>(cupp::cuda::elapsed_ms(start, stop)) / 1e3 / reps);
  }
}

/// Warm-up before a repetition: `first` calls the first time a case runs (module loads, pools,
/// handles, plans), 1 call on its later repetitions, which find all of that made. One flag per
/// type of `work`: every lambda is its own type.
template <class F>
void warm_up(F& work, int first = 3) {
  static bool warmed = false;
  for (int i = 0; i < (warmed ? 1 : first); ++i) work();
  warmed = true;
}
}  // namespace detail

/// One-call cases (reps 1: factorisations, 1 GiB copies) warm up with one call, as CuPy's side.
template <class F>
void time_device(benchmark::State& state, F&& work, int reps = kDeviceReps) {
  detail::warm_up(work, reps == 1 ? 1 : 3);
  detail::timed_groups(state, work, reps);
}

/// time_device for work that draws the GPU's full power (large GEMMs): sustained for a few hundred
/// milliseconds it lowers the clock, so the amount of work before and during the timing moves
/// the figure. This does what compare_cupy.py does on CuPy's side: 3 warm-up calls once (on the
/// first repetition), then one group of `reps` calls per repetition; register the case with
/// ->Iterations(1)->Repetitions(kRepetitions) so that the median is taken over as many groups as
/// there.
template <class F>
void time_device_burst(benchmark::State& state, F&& work, int reps) {
  static bool warmed = false;  // one per case: every lambda is its own type
  if (!warmed) {
    for (int i = 0; i < 3; ++i) work();
    warmed = true;
  }
  detail::timed_groups(state, work, reps);
}

/// Times `work` on the host clock: `reps` calls then one device synchronisation, reporting the
/// time of one call. For work whose cost is the host's (launch overhead, small arrays, copies
/// to and from host memory).
template <class F>
void time_host(benchmark::State& state, F&& work, int reps) {
  detail::warm_up(work);
  cupp::cuda::synchronize();
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    for (int r = 0; r < reps; ++r) work();
    cupp::cuda::synchronize();
    const std::chrono::duration<double> d = std::chrono::steady_clock::now() - start;
    state.SetIterationTime(d.count() / reps);
  }
}

/// Registers a device-timed case: `setup()` (run once per repetition, untimed) makes the inputs
/// and returns the work, which time_device times; kDeviceGroups iterations, in microseconds.
/// With `bytes` > 0, Google Benchmark also reports bytes per second for that many bytes a call.
template <class Setup>
void add_device_case(const char* name, Setup setup, std::int64_t bytes = 0) {
  benchmark::RegisterBenchmark(
      name,
      [setup, bytes](benchmark::State& state) {
        if (!need_gpu(state)) return;
        auto run = setup();
        time_device(state, run);
        if (bytes > 0)
          state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * bytes);
      })
      ->UseManualTime()
      ->Iterations(kDeviceGroups)
      ->Unit(benchmark::kMicrosecond);
}

}  // namespace cupp::bench
