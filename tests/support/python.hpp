// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Running python3 from a test: the comparisons with NumPy and PyTorch run a script kept next to
// the test and read its exit code.
#pragma once

#include <string>
#include <vector>

#include "support/gpu.hpp"

namespace cupp::test {

/// What a finished command gave back: its exit code (-1 when it did not exit normally) and its
/// standard output and error together.
struct run_result {
  int exit_code = -1;
  std::string output;
};

/// True when `python3` runs and `import <module>` succeeds in it (checked once per module).
bool python_has_module(const std::string& module);

/// Runs `python3 script args...` (each argument quoted for the shell) and waits for it.
run_result run_python(const std::string& script, const std::vector<std::string>& args = {});

}  // namespace cupp::test

/// Skips the current test when python3 or `module` is missing, and fails it instead under
/// CUPP_REQUIRE_GPU=1 (the GPU machine has them; a missing one there is a broken setup).
#define CUPP_SKIP_WITHOUT_PYTHON_MODULE(module)                           \
  do {                                                                    \
    if (!::cupp::test::python_has_module(module)) {                       \
      if (::cupp::test::gpu_required())                                   \
        FAIL() << "CUPP_REQUIRE_GPU=1 but python3 cannot "                \
                  "import "                                               \
               << (module);                                               \
      GTEST_SKIP() << "python3 with " << (module) << " is not available"; \
    }                                                                     \
  } while (0)
