// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "support/gpu.hpp"

#include <cuda_runtime_api.h>

#include <cstdlib>
#include <cstring>

#include "cupp/cuda/device.hpp"

namespace cupp::test {

bool gpu_required() {
  const char* v = std::getenv("CUPP_REQUIRE_GPU");
  return v != nullptr && std::strcmp(v, "0") != 0 && *v != '\0';
}

bool gpu_available() { return cupp::cuda::is_available(); }

void GpuTest::SetUp() {
  if (!gpu_available()) {
    if (gpu_required()) FAIL() << "CUPP_REQUIRE_GPU=1 but no GPU is available";
    GTEST_SKIP() << "no GPU";
  }
}

void GpuTest::TearDown() {
  if (!gpu_available()) return;
  const cudaError_t s = cudaDeviceSynchronize();
  EXPECT_EQ(s, cudaSuccess) << cudaGetErrorString(s);
  const cudaError_t last = cudaGetLastError();
  EXPECT_EQ(last, cudaSuccess) << "CUDA error left behind: " << cudaGetErrorString(last);
}

}  // namespace cupp::test
