// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Interoperation: a DLPack round trip (export, import, release), which copies nothing.
#include <benchmark/benchmark.h>

#include "bench_util.hpp"
#include "cupp/array.hpp"
#include "cupp/dlpack.hpp"

namespace {

// cupp::to_dlpack of an existing array, cupp::from_dlpack of the tensor, and the destruction of
// the imported array (which runs the exported tensor's deleter), wall-clock time per round trip:
// host bookkeeping only, the same for any size. CuPy's row times cupy.from_dlpack(x) likewise
// (x.__dlpack__() inside, the new array dropped at once).
void dlpack_roundtrip(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const cupp::ndarray<float> a = cupp::zeros<float>({1024, 1024});
  cupp::cuda::synchronize();
  for (auto _ : state) {
    const cupp::array b = cupp::from_dlpack(cupp::to_dlpack(a));
    benchmark::DoNotOptimize(b.data());
  }
}
BENCHMARK(dlpack_roundtrip)->Iterations(100000);

}  // namespace
