// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The memory pools: the cost of a pooled allocation, and copies through pinned staging memory.
#include <benchmark/benchmark.h>

#include <cuda_runtime_api.h>

#include <cstdint>
#include <cstring>
#include <memory>

#include "bench_util.hpp"
#include "cupp/core/error.hpp"
#include "cupp/cuda/memory.hpp"
#include "cupp/cuda/stream.hpp"

namespace {

// One malloc and one free of 1 MiB from the default pool on a warm cache, wall-clock time per
// pair: the pool's bookkeeping, no device work (CuPy's row times pool.malloc(1 << 20) likewise).
void pool_alloc_free_1MB(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  cupp::MemoryPool& pool = cupp::get_default_memory_pool();
  pool.free(pool.malloc(1 << 20));
  for (auto _ : state) {
    void* p = pool.malloc(1 << 20);
    benchmark::DoNotOptimize(p);
    pool.free(p);
  }
}
BENCHMARK(pool_alloc_free_1MB)->Iterations(100000);

constexpr std::size_t kGiB = std::size_t{1} << 30;

// cudaMemcpyAsync of 1 GiB between a pinned-pool buffer and device memory, timed with events.
void pinned_copy(benchmark::State& state, cudaMemcpyKind kind) {
  if (!cupp::bench::need_gpu(state)) return;
  const cudaStream_t stream = cupp::cuda::get_current_stream();
  const std::shared_ptr<void> host = cupp::cuda::allocate_pinned(kGiB, stream);
  const std::shared_ptr<void> device = cupp::cuda::allocate(kGiB);
  std::memset(host.get(), 1, kGiB);
  void* dst = kind == cudaMemcpyHostToDevice ? device.get() : host.get();
  const void* src = kind == cudaMemcpyHostToDevice ? host.get() : device.get();
  // One 1 GiB copy per timed region: its latency is nothing beside its 40 ms.
  cupp::bench::time_device(
      state, [&] { CUPP_CHECK_CUDA(cudaMemcpyAsync(dst, src, kGiB, kind, stream)); }, 1);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(kGiB));
}

void pinned_h2d_1GiB(benchmark::State& state) { pinned_copy(state, cudaMemcpyHostToDevice); }
void pinned_d2h_1GiB(benchmark::State& state) { pinned_copy(state, cudaMemcpyDeviceToHost); }
BENCHMARK(pinned_h2d_1GiB)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(pinned_d2h_1GiB)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

}  // namespace
