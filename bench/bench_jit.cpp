// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernel compiler and RawKernel: launch overhead, a warm disk cache, a cold compile.
#include <benchmark/benchmark.h>
#include <cuda_runtime_api.h>
#include <stdlib.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <system_error>

#include "bench_util.hpp"
#include "cupp/core/error.hpp"
#include "cupp/jit/compiler.hpp"
#include "cupp/jit/raw_kernel.hpp"

namespace {

// CuPy's documented RawKernel example.
const char* const kAddArrays =
    R"(extern "C" __global__ void add_arrays(const float* x1, const float* x2, float* y, int n) {
  int tid = blockDim.x * blockIdx.x + threadIdx.x;
  if (tid < n) y[tid] = x1[tid] + x2[tid];
}
)";

const char* const kTiny =
    R"(extern "C" __global__ void tiny(float* p) { if (p && threadIdx.x == 1024) p[0] = 1.0f; })";

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

/// A cache directory of the benchmark's own, removed afterwards, so that the disk benchmarks
/// neither read nor fill the user's cache.
class scratch_dir {
 public:
  scratch_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "cupp-bench-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw cupp::error("cannot create " + pattern);
    path_ = pattern;
  }
  ~scratch_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  scratch_dir(const scratch_dir&) = delete;
  scratch_dir& operator=(const scratch_dir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// Loads a module's add_arrays kernel into the current context: cudaLibraryLoadData may defer
/// the load until first use, and cudaFuncGetAttributes is such a use.
void load_add_arrays(cupp::jit::compiler& c, const std::string& source) {
  auto module = c.load(source);
  const cudaKernel_t k = module->get_kernel("add_arrays");
  cudaFuncAttributes attr{};
  CUPP_CHECK_CUDA(cudaFuncGetAttributes(&attr, reinterpret_cast<const void*>(k)));
  benchmark::DoNotOptimize(attr);
}

// The tiny kernel of bench/compare_cupy.py (it never writes: no block has 1025 threads), launched
// 1000 times, then one synchronisation; reports wall-clock time per launch. The iteration count is
// fixed: with a per-launch manual time, Google Benchmark's own choice would aim at its minimum time
// in launches and run for minutes.
void rawkernel_launch(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  constexpr int launches = 1000;
  float* p = nullptr;
  CUPP_CHECK_CUDA(cudaMalloc(reinterpret_cast<void**>(&p), sizeof(float)));
  cupp::RawKernel tiny(kTiny, "tiny");
  for (int i = 0; i < 10; ++i) tiny({1}, {32}, p);  // compile, load, first launches
  cupp::cuda::synchronize();
  for (auto _ : state) {
    const auto start = clock_type::now();
    for (int i = 0; i < launches; ++i) tiny({1}, {32}, p);
    CUPP_CHECK_CUDA(cudaDeviceSynchronize());
    state.SetIterationTime(seconds_since(start) / launches);
  }
  CUPP_CHECK_CUDA(cudaFree(p));
}
BENCHMARK(rawkernel_launch)->UseManualTime()->Iterations(20)->Unit(benchmark::kMicrosecond);

// add_arrays from a warm disk cache with an empty in-memory cache: read, check, load.
void disk_cache_load(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  scratch_dir dir;
  cupp::jit::compiler c(dir.path(), false);
  load_add_arrays(c, kAddArrays);  // fills the disk cache
  for (auto _ : state) {
    c.clear_memory_cache();  // unloads the previous iteration's module
    const auto start = clock_type::now();
    load_add_arrays(c, kAddArrays);
    state.SetIterationTime(seconds_since(start));
  }
  if (c.stats().disk_hits < static_cast<std::uint64_t>(state.iterations()))
    state.SkipWithError("the disk cache was not used");
}
BENCHMARK(disk_cache_load)->UseManualTime()->Iterations(20)->Unit(benchmark::kMillisecond);

// A source seen for the first time: NVRTC compile, cache write and load.
void cold_compile_add_arrays(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  scratch_dir dir;
  cupp::jit::compiler c(dir.path(), false);
  load_add_arrays(c, kAddArrays);  // NVRTC's own one-time start-up is not a per-kernel cost
  std::uint64_t variant = 0;
  for (auto _ : state) {
    const std::string source = "// variant " + std::to_string(++variant) + "\n" + kAddArrays;
    const auto start = clock_type::now();
    load_add_arrays(c, source);
    state.SetIterationTime(seconds_since(start));
  }
}
BENCHMARK(cold_compile_add_arrays)->UseManualTime()->Iterations(2)->Unit(benchmark::kMillisecond);

}  // namespace
