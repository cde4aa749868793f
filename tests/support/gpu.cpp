// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "support/gpu.hpp"

#include <cuda_runtime_api.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "cupp/cuda/device.hpp"

namespace cupp::test {

bool gpu_required() {
  const char* v = std::getenv("CUPP_REQUIRE_GPU");
  return v != nullptr && std::strcmp(v, "0") != 0 && *v != '\0';
}

bool gpu_available() { return cupp::cuda::is_available(); }

void run_without_gpu(void (*body)()) {
  if (!gpu_available()) {
    body();
    return;
  }
  char exe[4096];
  const ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
  ASSERT_GT(len, 0);
  exe[len] = '\0';
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  // The child runs this one test, whatever shard of a sharded run the parent is.
  const std::string cmd = std::string("env -u GTEST_TOTAL_SHARDS -u GTEST_SHARD_INDEX "
                                      "CUDA_VISIBLE_DEVICES= CUPP_REQUIRE_GPU=0 '") + exe +
                          "' --gtest_filter='" + info->test_suite_name() + "." + info->name() +
                          "' 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) output.append(buf, n);
  const int status = pclose(pipe);
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("[  PASSED  ] 1 test."), std::string::npos) << output;
}

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
