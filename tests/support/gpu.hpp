// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#pragma once

#include <gtest/gtest.h>

namespace cupp::test {

/// True when CUPP_REQUIRE_GPU=1: a missing GPU then fails a GPU test instead of skipping it.
bool gpu_required();
/// True when a usable GPU is present.
bool gpu_available();

/// Runs `body` where no GPU can be seen. Without a GPU that is here; with one, the current test is
/// run again in a child process with every device hidden (CUDA_VISIBLE_DEVICES empty), and this
/// test passes only if the child passed. So the no-GPU paths are tested on a GPU machine too, and a
/// GPU run skips nothing.
void run_without_gpu(void (*body)());

/// Base fixture of every test that needs a GPU: skips without one (fails under
/// CUPP_REQUIRE_GPU=1), and after each test checks that no CUDA error was left behind.
class GpuTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
};

}  // namespace cupp::test

/// For a TEST (not a TEST_F on GpuTest) that needs the GPU.
#define CUPP_SKIP_WITHOUT_GPU()                                                      \
  do {                                                                               \
    if (!::cupp::test::gpu_available()) {                                            \
      if (::cupp::test::gpu_required()) FAIL() << "CUPP_REQUIRE_GPU=1 but no GPU";   \
      GTEST_SKIP() << "no GPU";                                                      \
    }                                                                                \
  } while (0)
