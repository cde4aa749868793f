// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Kernel sources and helpers shared by the compiler and cache tests.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cupp/jit/compiler.hpp"

namespace cupp::test {

/// CuPy's documented RawKernel example.
inline const std::string kAddArrays =
    R"(extern "C" __global__ void add_arrays(const float* x1, const float* x2, float* y, int n) {
  int tid = blockDim.x * blockIdx.x + threadIdx.x;
  if (tid < n) y[tid] = x1[tid] + x2[tid];
}
)";

/// A template kernel, instantiated through name expressions ("scale<float>").
inline const std::string kScale = R"(template <class T>
__global__ void scale(T* x, T factor, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] *= factor;
}
)";

/// Compiles add_arrays for sm_90 from `threads` threads released together; their results.
inline std::vector<std::shared_ptr<const jit::compiled_module>> compile_from_threads(
    jit::compiler& c, int threads) {
  std::vector<std::shared_ptr<const jit::compiled_module>> results(
      static_cast<std::size_t>(threads));
  std::atomic<bool> go{false};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      while (!go.load()) std::this_thread::yield();
      results[static_cast<std::size_t>(t)] = c.compile(kAddArrays, {}, {}, 90);
    });
  go = true;
  for (auto& t : pool) t.join();
  return results;
}

}  // namespace cupp::test
