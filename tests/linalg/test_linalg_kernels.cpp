// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// linalg's own kernels (kernels/cupp/linalg_*.cuh, Note [Linalg kernels] in src/linalg/handles.hpp):
// every variant a call can reach compiles with NVRTC for sm_90 (no GPU needed) and defines the
// kernel under the name that says its routine and variant.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cupp/jit/compiler.hpp"
#include "cupp/linalg/common.hpp"

namespace {

using cupp::linalg::detail::kernel_sources;

/// The kernels the routines launch, written out here from their documented naming rule
/// cupp_<routine>_<variant> (not taken from the code under test).
std::set<std::string> expected_names() {
  std::set<std::string> names = {"cupp_solve_pointers", "cupp_eig_unpack_f32",
                                 "cupp_eig_unpack_f64"};
  for (const char* dt : {"f32", "f64", "c64", "c128"}) {
    names.insert(std::string("cupp_det_") + dt + "_i32");  // cuBLAS's batched LU pivots
    names.insert(std::string("cupp_det_") + dt + "_i64");  // cuSOLVER's 64-bit API pivots
    names.insert(std::string("cupp_pinv_scale_") + dt);
    names.insert(std::string("cupp_lstsq_residuals_") + dt);
  }
  for (const char* dt : {"f32", "f64"}) {
    names.insert(std::string("cupp_pinv_cutoff_") + dt);
    names.insert(std::string("cupp_matrix_rank_") + dt);
  }
  for (const char* dt : {"b1", "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64"})
    names.insert(std::string("cupp_matmul_tiled_") + dt);
  return names;
}

TEST(LinalgKernels, EveryVariantIsListedOnceUnderItsName) {
  const auto sources = kernel_sources();
  std::set<std::string> names;
  for (const auto& [name, source] : sources) {
    EXPECT_TRUE(names.insert(name).second) << "listed twice: " << name;
    // One module per kernel: the preamble names it, then includes the routine's header.
    EXPECT_NE(source.find("_KERNEL " + name + "\n"), std::string::npos) << source;
    EXPECT_NE(source.find("#include <cupp/linalg_"), std::string::npos) << source;
    EXPECT_EQ(name.find('<'), std::string::npos) << "a template name: " << name;
  }
  EXPECT_EQ(names, expected_names());
}

TEST(LinalgKernels, EveryVariantCompilesForSm90) {
  cupp::jit::compiler c("");
  for (const auto& [name, source] : kernel_sources()) {
    SCOPED_TRACE(name);
    // The name as a name expression: NVRTC fails unless the module defines that kernel.
    std::shared_ptr<const cupp::jit::compiled_module> m;
    ASSERT_NO_THROW(m = c.compile(source, {}, {name}, 90)) << source;
    ASSERT_NE(m->lowered_name(name), nullptr);
    EXPECT_EQ(*m->lowered_name(name), name);  // extern "C": found by its plain name at launch
  }
}

TEST(LinalgKernels, AModuleDefinesOnlyItsKernel) {
  // A det module has no matmul or pointer kernel: each module compiles one kernel only.
  cupp::jit::compiler c("");
  for (const auto& [name, source] : kernel_sources()) {
    if (name != "cupp_det_f64_i64") continue;
    EXPECT_THROW(c.compile(source, {}, {"cupp_solve_pointers"}, 90), cupp::compile_error);
  }
}

}  // namespace
