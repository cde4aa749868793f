// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The one kernel registry (Note [Kernel registry]) and the launch rule (Note [Launch rule]).
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "cuda/launch.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "jit/registry.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::jit::detail::library_kernel;
using cupp::jit::detail::registered_module_count;
using cupp::jit::detail::registry_key;
using cupp::jit::detail::routine_source;

std::string unique_source(const char* tag) {
  return std::string("// registry test ") + tag +
         "\nextern \"C\" __global__ void k(float* x) { x[0] = 1.0f; }\n";
}

TEST(KernelRegistry, SameTextIsOneModule) {
  const std::size_t before = registered_module_count();
  {
    cupp::RawKernel a(unique_source("same"), "k");
    cupp::RawKernel b(unique_source("same"), "k");
    cupp::RawModule m(unique_source("same"));
    EXPECT_EQ(registered_module_count(), before + 1);
    cupp::RawKernel c(unique_source("other"), "k");
    EXPECT_EQ(registered_module_count(), before + 2);
    // Options and name expressions are part of the key, as in the compiler's cache.
    cupp::RawKernel d(unique_source("same"), "k", {"-DX=1"});
    cupp::RawModule e(unique_source("same"), {}, {"k"});
    EXPECT_EQ(registered_module_count(), before + 4);
  }
  // User objects do not keep their modules alive.
  EXPECT_EQ(registered_module_count(), before);
}

TEST(KernelRegistry, KeySeparatesSourceOptionsAndNames) {
  // The same characters split differently between the parts are different keys.
  EXPECT_NE(registry_key("ab", {"c"}, {}), registry_key("a", {"bc"}, {}));
  EXPECT_NE(registry_key("a", {"b"}, {}), registry_key("a", {}, {"b"}));
  EXPECT_NE(registry_key("a", {"b", "c"}, {}), registry_key("a", {"b c"}, {}));
  EXPECT_EQ(registry_key("a", {"b"}, {"c"}), registry_key("a", {"b"}, {"c"}));
}

TEST(KernelRegistry, LibraryKernelsAreKeptAndShared) {
  const std::size_t modules = registered_module_count();
  const cupp::RawKernel& a = library_kernel(unique_source("library"), "k");
  const cupp::RawKernel& b = library_kernel(unique_source("library"), "k");
  EXPECT_EQ(&a, &b);
  EXPECT_EQ(a.name(), "k");
  EXPECT_EQ(registered_module_count(), modules + 1);
  // A user object of the same text shares the library's module.
  cupp::RawKernel user(unique_source("library"), "k");
  EXPECT_EQ(registered_module_count(), modules + 1);
  const cupp::RawKernel& other = library_kernel(unique_source("library"), "k", {"-DY"});
  EXPECT_NE(&a, &other);
  EXPECT_EQ(registered_module_count(), modules + 2);
}

TEST(KernelRegistry, RoutineSourceIncludesTheEmbeddedHeader) {
  EXPECT_EQ(routine_source("cupp/pad.cuh", "typedef float T;"),
            "typedef float T;\n#include <cupp/pad.cuh>\n");
  EXPECT_EQ(routine_source("cupp/pad.cuh", ""), "#include <cupp/pad.cuh>\n");
}

TEST(LaunchRule, CoverBlocks) {
  using cupp::detail::cover_blocks;
  EXPECT_EQ(cover_blocks(0, 256), 1u);  // never a launch of zero blocks
  EXPECT_EQ(cover_blocks(1, 256), 1u);
  EXPECT_EQ(cover_blocks(256, 256), 1u);
  EXPECT_EQ(cover_blocks(257, 256), 2u);
  EXPECT_EQ(cover_blocks(std::int64_t{1} << 50, 256),
            static_cast<unsigned>(std::numeric_limits<int>::max()));
}

class LaunchRuleGpu : public cupp::test::GpuTest {};

TEST_F(LaunchRuleGpu, ResidentBlocksIsOneWave) {
  const cupp::RawKernel& k = library_kernel(
      "extern \"C\" __global__ void fill(float* x, long long n) {\n"
      "  for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n;\n"
      "       i += (long long)gridDim.x * blockDim.x) x[i] = 1.0f; }\n",
      "fill");
  const int sms = cupp::cuda::Device().multiprocessor_count();
  const int per_sm = k.max_active_blocks(256);
  ASSERT_GT(per_sm, 0);
  EXPECT_EQ(k.max_active_blocks(256), per_sm);  // the memo answers the same
  EXPECT_EQ(cupp::detail::resident_blocks(k, 10, 256), 1u);
  EXPECT_EQ(cupp::detail::resident_blocks(k, 1000, 256), 4u);
  EXPECT_EQ(cupp::detail::resident_blocks(k, std::int64_t{1} << 40, 256),
            static_cast<unsigned>(sms * per_sm));
  EXPECT_EQ(cupp::detail::resident_blocks(k, 1000, 256, 0, 4), 1u);
}

}  // namespace
