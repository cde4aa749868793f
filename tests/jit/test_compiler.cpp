// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernel compiler without a GPU: NVRTC targets, errors, embedded headers, keys, the
// in-memory cache. Every compiler here is memory-only; the disk cache is in test_disk_cache.cpp.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/jit/compiler.hpp"
#include "support/env.hpp"
#include "support/test_kernels.hpp"

namespace {

using cupp::jit::compiler;

using cupp::test::kAddArrays;
using cupp::test::kScale;

using cupp::test::scoped_env;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(JitCompiler, CompilesACubinForAnExplicitArchitecture) {
  // example-begin compile_for_arch
  cupp::jit::compiler c("");                   // an empty directory: memory only
  auto m = c.compile(kAddArrays, {}, {}, 90);  // for sm_90, whatever the machine has
  // example-end
  EXPECT_EQ(m->target, "sm_90");
  EXPECT_FALSE(m->is_ptx());
  ASSERT_GE(m->image.size(), 4u);
  EXPECT_EQ(m->image.compare(0, 4,
                             "\x7f"
                             "ELF"),
            0)
      << "a cubin is an ELF file";
  EXPECT_TRUE(contains(m->image, "add_arrays"));
  EXPECT_EQ(m->key.size(), 32u);
  EXPECT_EQ(m->key.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(c.stats().compiles, 1u);
  EXPECT_EQ(c.stats().disk_writes, 0u);
}

TEST(JitCompiler, SecondRequestIsAMemoryHit) {
  compiler c("");
  auto a = c.compile(kAddArrays, {}, {}, 90);
  auto b = c.compile(kAddArrays, {}, {}, 90);
  EXPECT_EQ(a.get(), b.get());
  EXPECT_EQ(c.stats().compiles, 1u);
  EXPECT_EQ(c.stats().memory_hits, 1u);
  c.clear_memory_cache();
  auto d = c.compile(kAddArrays, {}, {}, 90);
  EXPECT_NE(d.get(), a.get());
  EXPECT_EQ(c.stats().compiles, 2u);
}

TEST(JitCompiler, PtxForAnArchitectureNvrtcDoesNotKnow) {
  const auto& archs = compiler::supported_archs();
  ASSERT_FALSE(archs.empty());
  ASSERT_TRUE(std::is_sorted(archs.begin(), archs.end()));
  ASSERT_TRUE(std::binary_search(archs.begin(), archs.end(), 90)) << "NVRTC without sm_90";
  const int newest = archs.back();
  const int future = (newest / 10 + 10) * 10;  // ten major versions on
  EXPECT_EQ(compiler::target_for(90), "sm_90");
  EXPECT_EQ(compiler::target_for(future), "compute_" + std::to_string(newest));
  if (!std::binary_search(archs.begin(), archs.end(), 91)) {
    EXPECT_EQ(compiler::target_for(91), "compute_90") << "the newest known one not above it";
  }

  compiler c("");
  auto m = c.compile(kAddArrays, {}, {}, future);
  EXPECT_TRUE(m->is_ptx());
  EXPECT_EQ(m->target, "compute_" + std::to_string(newest));
  EXPECT_TRUE(contains(m->image, ".entry add_arrays"));
  EXPECT_TRUE(contains(m->image, ".target sm_" + std::to_string(newest)));
  EXPECT_EQ(m->image.find('\0'), std::string::npos) << "PTX is stored as text";
  EXPECT_NE(c.cache_key(kAddArrays, {}, {}, future), c.cache_key(kAddArrays, {}, {}, newest));
}

TEST(JitCompiler, ArchitectureOlderThanNvrtcSupportsThrows) {
  EXPECT_THROW(compiler::target_for(30), cupp::compile_error);
  compiler c("");
  EXPECT_THROW(c.compile(kAddArrays, {}, {}, 30), cupp::compile_error);
  EXPECT_THROW(c.compile(kAddArrays, {}, {}, -1), cupp::value_error);
}

TEST(JitCompiler, SyntaxErrorThrowsCompileErrorWithLogOptionsAndNumberedSource) {
  const std::string source =
      "extern \"C\" __global__ void broken(float* x) {\n"
      "  x[0] = ;\n"
      "}\n";
  compiler c("");
  // example-begin compile_error
  try {
    c.compile(source, {"-DEXTRA=1"}, {}, 90);
    FAIL() << "expected cupp::compile_error";
  } catch (const cupp::compile_error& e) {
    // e.what(): the NVRTC log, the options and the numbered source; each is also on its own.
    EXPECT_TRUE(contains(e.log(), "error"));
    EXPECT_EQ(e.options(), "-std=c++17 --gpu-architecture=sm_90 -DEXTRA=1");
    EXPECT_EQ(e.source(), source);
  }
  // example-end
  try {
    c.compile(source, {"-DEXTRA=1"}, {}, 90);
  } catch (const cupp::compile_error& e) {
    const std::string what = e.what();
    EXPECT_TRUE(contains(what, e.log())) << what;
    EXPECT_TRUE(contains(what, "kernel.cu(2): error")) << what;
    EXPECT_TRUE(contains(what, "-std=c++17 --gpu-architecture=sm_90 -DEXTRA=1")) << what;
    EXPECT_TRUE(contains(what,
                         "   1 | extern \"C\" __global__ void broken(float* x) {\n"
                         "   2 |   x[0] = ;\n"
                         "   3 | }\n"))
        << what;
    EXPECT_FALSE(contains(what, "   4 |")) << "no line after the final newline";
  }
  EXPECT_EQ(c.stats().compiles, 2u) << "a failure is not cached";
}

TEST(JitCompiler, CompileErrorReachesEveryWaitingThread) {
  compiler c("");
  const std::string source = "extern \"C\" __global__ void broken() { undeclared(); }\n";
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      try {
        c.compile(source, {}, {}, 90);
      } catch (const cupp::compile_error&) {
        ++errors;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 4);
}

TEST(JitCompiler, UserStdOptionReplacesTheDefault) {
  compiler c("");
  try {
    c.compile("syntax error", {"-std=c++20"}, {}, 90);
    FAIL() << "expected cupp::compile_error";
  } catch (const cupp::compile_error& e) {
    EXPECT_EQ(e.options(), "--gpu-architecture=sm_90 -std=c++20");
  }
}

TEST(JitCompiler, ArchitectureOptionsAreRejected) {
  compiler c("");
  EXPECT_THROW(c.compile(kAddArrays, {"-arch=sm_80"}, {}, 90), cupp::value_error);
  EXPECT_THROW(c.compile(kAddArrays, {"--gpu-architecture=compute_80"}, {}, 90), cupp::value_error);
  EXPECT_EQ(c.stats().compiles, 0u);
}

TEST(JitCompiler, EmbeddedHeadersAreIncludable) {
  const auto& headers = cupp::jit::detail::embedded_headers();
  EXPECT_TRUE(std::any_of(headers.begin(), headers.end(), [](const auto& h) {
    return std::string(h.first) == "cupp/indexing.cuh" && contains(h.second, "grid_stride");
  }));
  // example-begin embedded_header
  const std::string source = R"(
    #include <cupp/indexing.cuh>

    extern "C" __global__ void copy_all(const float* x, float* y, long long n) {
      for (long long i : cupp::grid_stride(n)) y[i] = x[i];
    }
  )";
  // example-end
  compiler c("");
  auto m = c.compile(source, {}, {}, 90);
  EXPECT_TRUE(contains(m->image, "copy_all"));
}

TEST(JitCompiler, NameExpressionsAreLowered) {
  compiler c("");
  auto m = c.compile(kScale, {}, {"scale<float>", "scale<double>"}, 90);
  ASSERT_EQ(m->lowered_names.size(), 2u);
  const std::string* f = m->lowered_name("scale<float>");
  const std::string* d = m->lowered_name("scale<double>");
  ASSERT_NE(f, nullptr);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(f->rfind("_Z", 0), 0u) << *f;
  EXPECT_NE(*f, *d);
  EXPECT_TRUE(contains(m->image, *f));
  EXPECT_EQ(m->lowered_name("scale<int>"), nullptr);
}

TEST(JitCompiler, KeyCoversSourceOptionsArchitectureAndNameExpressions) {
  compiler c("");
  const std::string base = c.cache_key(kAddArrays, {}, {}, 90);
  EXPECT_EQ(base, c.cache_key(kAddArrays, {}, {}, 90));
  EXPECT_EQ(base, compiler("").cache_key(kAddArrays, {}, {}, 90)) << "independent of the instance";
  const std::vector<std::string> keys = {
      base,
      c.cache_key(kAddArrays + " ", {}, {}, 90),
      c.cache_key(kAddArrays, {"-DX=1"}, {}, 90),
      c.cache_key(kAddArrays, {"-DA", "-DB"}, {}, 90),
      c.cache_key(kAddArrays, {"-DB", "-DA"}, {}, 90),
      c.cache_key(kAddArrays, {"-DA -DB"}, {}, 90),
      c.cache_key(kAddArrays, {}, {}, 80),
      c.cache_key(kAddArrays, {}, {"add_arrays"}, 90),
      c.cache_key(kAddArrays, {}, {"ab"}, 90),
      c.cache_key(kAddArrays, {}, {"a", "b"}, 90),
  };
  EXPECT_EQ(std::set<std::string>(keys.begin(), keys.end()).size(), keys.size());
  EXPECT_EQ(c.stats().compiles, 0u) << "cache_key compiles nothing";
}

TEST(JitCompiler, ThreadsAskingForTheSameKernelCompileItOnce) {
  compiler c("");
  constexpr int kThreads = 8;
  const auto results = cupp::test::compile_from_threads(c, kThreads);
  for (const auto& r : results) EXPECT_EQ(r.get(), results[0].get());
  EXPECT_EQ(c.stats().compiles, 1u);
  EXPECT_EQ(c.stats().memory_hits, static_cast<std::uint64_t>(kThreads - 1));
}

TEST(JitCompiler, DefaultCacheDirectoryFollowsTheEnvironment) {
  scoped_env home("HOME", std::string("/home/someone"));
  {
    scoped_env dir("CUPP_CACHE_DIR", std::string("/var/cache/kernels"));
    scoped_env xdg("XDG_CACHE_HOME", std::string("/xdg"));
    EXPECT_EQ(compiler::default_cache_dir(), "/var/cache/kernels");
  }
  {
    scoped_env dir("CUPP_CACHE_DIR", std::string(""));
    scoped_env xdg("XDG_CACHE_HOME", std::string("/xdg"));
    EXPECT_EQ(compiler::default_cache_dir(), "/xdg/cupp");
  }
  {
    scoped_env dir("CUPP_CACHE_DIR", std::nullopt);
    scoped_env xdg("XDG_CACHE_HOME", std::string("relative/is/ignored"));
    EXPECT_EQ(compiler::default_cache_dir(), "/home/someone/.cache/cupp");
  }
  {
    scoped_env dir("CUPP_CACHE_DIR", std::nullopt);
    scoped_env xdg("XDG_CACHE_HOME", std::nullopt);
    EXPECT_EQ(compiler::default_cache_dir(), "/home/someone/.cache/cupp");
  }
}

TEST(JitCompiler, SaveSourceFollowsTheEnvironment) {
  {
    scoped_env save("CUPP_SAVE_SOURCE", std::string("1"));
    EXPECT_TRUE(compiler::save_source_from_env());
  }
  {
    scoped_env save("CUPP_SAVE_SOURCE", std::string("0"));
    EXPECT_FALSE(compiler::save_source_from_env());
  }
  {
    scoped_env save("CUPP_SAVE_SOURCE", std::nullopt);
    EXPECT_FALSE(compiler::save_source_from_env());
  }
}

TEST(JitCompiler, NvrtcVersionIsKnown) {
  const auto [major, minor] = compiler::nvrtc_version();
  EXPECT_GE(major, 12);
  EXPECT_GE(minor, 0);
}

TEST(JitCompiler, MemoryOnlyCompilerHasNoFiles) {
  compiler c("");
  EXPECT_EQ(c.cache_dir(), "");
  EXPECT_EQ(c.cache_file(c.cache_key(kAddArrays, {}, {}, 90)), "");
}

}  // namespace
