// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// DLPack with the real consumer and producer: tests/interop/torch_dlpack.py loads
// cupp_dlpack_probe (tests/interop/dlpack_probe.cpp) into a Python process with PyTorch and
// exchanges tensors both ways: values, dtypes, strides, memory shared in both directions, and
// every deleter run.
#include <gtest/gtest.h>

#include <string>

#include "support/gpu.hpp"
#include "support/python.hpp"

namespace {

class TorchDlpack : public cupp::test::GpuTest {};

TEST_F(TorchDlpack, PyTorchTakesAndLendsTensors) {
  CUPP_SKIP_WITHOUT_PYTHON_MODULE("torch");
  const std::string script = std::string(CUPP_TEST_DATA_DIR) + "/../interop/torch_dlpack.py";
  const cupp::test::run_result r = cupp::test::run_python(script, {CUPP_DLPACK_PROBE});
  if (r.exit_code == 3) {  // torch_dlpack.py's NO_CUDA_TORCH
    if (cupp::test::gpu_required())
      FAIL() << "CUPP_REQUIRE_GPU=1 but python3's torch has no CUDA device:\n" << r.output;
    GTEST_SKIP() << "no python3 with a CUDA-enabled torch";
  }
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("all DLPack checks passed"), std::string::npos) << r.output;
}

}  // namespace
