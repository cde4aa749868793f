// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// DLPack with the real consumer and producer: tests/interop/torch_dlpack.py loads
// cupp_dlpack_probe (tests/interop/dlpack_probe.cpp) into a Python process with PyTorch and
// exchanges tensors both ways: values, dtypes, strides, memory shared in both directions, and
// every deleter run.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "support/gpu.hpp"

namespace {

class TorchDlpack : public cupp::test::GpuTest {};

// The exit status of a shell command, and its output (stdout and stderr).
int run(const std::string& command, std::string* output) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return -1;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) output->append(buf, n);
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_F(TorchDlpack, PyTorchTakesAndLendsTensors) {
  std::string probe_output;
  if (run("python3 -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 3)'",
          &probe_output) != 0) {
    if (cupp::test::gpu_required())
      FAIL() << "CUPP_REQUIRE_GPU=1 but python3 with a CUDA-enabled torch is missing:\n"
             << probe_output;
    GTEST_SKIP() << "no python3 with a CUDA-enabled torch";
  }
  const std::string script = std::string(CUPP_TEST_DATA_DIR) + "/../interop/torch_dlpack.py";
  std::string output;
  const int status = run("python3 '" + script + "' '" + CUPP_DLPACK_PROBE + "'", &output);
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("all DLPack checks passed"), std::string::npos) << output;
}

}  // namespace
