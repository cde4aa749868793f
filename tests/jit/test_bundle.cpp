// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Kernel record files and bundles (docs/jit.md, "Kernel bundles"): a round trip from recording to
// a bundle hit, the lookup order, stale bundles ignored with one warning, corrupt bundles and
// record files rejected, CUPP_RECORD_KERNELS and CUPP_KERNEL_BUNDLE in a child process, and the
// bundle that cupp_add_kernel_bundle embeds into this binary. Runs without a GPU: everything is
// compiled for an explicit architecture. Bundles registered here stay registered for the rest of
// the process, so each test uses kernels of its own (unique_kernel).
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "cupp/array.hpp"
#include "cupp/core/error.hpp"
#include "cupp/jit/bundle.hpp"
#include "cupp/jit/compiler.hpp"
#include "support/files.hpp"
#include "support/gpu.hpp"
#include "support/test_kernels.hpp"

namespace {

namespace fs = std::filesystem;
using cupp::jit::compiler;
using cupp::jit::kernel_record;
using cupp::test::count_occurrences;

/// A kernel of its own for each test: kAddArrays under a comment naming `tag`.
std::string unique_kernel(const std::string& tag) {
  return "// " + tag + "\n" + cupp::test::kAddArrays;
}

/// kScale under a comment naming `tag` (a kernel with name expressions).
std::string unique_template(const std::string& tag) {
  return "// " + tag + "\n" + cupp::test::kScale;
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// Registers a copy of `bytes` that lives as long as the process (as the registry requires).
void register_copy(const std::string& bytes, const char* name) {
  const auto* kept = new std::string(bytes);
  cupp::jit::register_kernel_bundle(kept->data(), kept->size(), name);
}

class JitBundle : public ::testing::Test {
 protected:
  void TearDown() override { cupp::jit::stop_recording(); }
  cupp::test::temp_dir dir_{"cupp-bundle-test"};
  const std::string root_ = dir_.path();
};

TEST_F(JitBundle, RoundTripFromRecordingToABundleHit) {
  const std::string add = unique_kernel("round trip");
  const std::string scale = unique_template("round trip");
  const std::string record_file = root_ + "/kernels.record";
  // example-begin kernel_bundle
  // 1. A run records the kernels it compiles (CUPP_RECORD_KERNELS=file does the same).
  cupp::jit::record_kernels(record_file);
  cupp::jit::compiler first("");  // memory only
  auto a = first.compile(add, {}, {}, 90);
  auto b = first.compile(scale, {"-DROUND_TRIP=1"}, {"scale<float>"}, 90);
  cupp::jit::stop_recording();

  // 2. The bundle: what `cupp-bundle --arch 90 -o app.cuppbundle kernels.record` writes.
  const std::vector<cupp::jit::kernel_record> kernels = cupp::jit::read_kernel_records(record_file);
  const std::string bundle = cupp::jit::build_kernel_bundle(kernels, {90});

  // 3. A new process registers it (CUPP_KERNEL_BUNDLE=app.cuppbundle does the same) and
  // compiles nothing that it holds.
  auto* kept = new std::string(bundle);  // must outlive every lookup
  cupp::jit::register_kernel_bundle(kept->data(), kept->size(), "round trip");
  cupp::jit::compiler second("");
  auto a2 = second.compile(add, {}, {}, 90);
  auto b2 = second.compile(scale, {"-DROUND_TRIP=1"}, {"scale<float>"}, 90);
  EXPECT_EQ(second.stats().bundle_hits, 2u);
  EXPECT_EQ(second.stats().compiles, 0u);
  // example-end
  ASSERT_EQ(kernels.size(), 2u);
  EXPECT_EQ(kernels[0], (kernel_record{add, {}, {}}));
  EXPECT_EQ(kernels[1], (kernel_record{scale, {"-DROUND_TRIP=1"}, {"scale<float>"}}));
  EXPECT_EQ(a2->image, a->image) << "the bundle holds what NVRTC produced";
  EXPECT_EQ(a2->key, a->key) << "entries are keyed as the compiler's cache";
  EXPECT_EQ(a2->target, "sm_90");
  EXPECT_EQ(b2->image, b->image);
  EXPECT_EQ(b2->lowered_names, b->lowered_names);
  ASSERT_NE(b2->lowered_name("scale<float>"), nullptr);

  const auto info = cupp::jit::inspect_kernel_bundle(bundle.data(), bundle.size());
  EXPECT_EQ(info.kernels, 2u);
  EXPECT_EQ(info.entries, 4u) << "a cubin for sm_90 and PTX for compute_90, per kernel";
  EXPECT_EQ(info.archs, std::vector<int>{90});
  EXPECT_EQ(info.ptx_arch, 90);
  EXPECT_TRUE(info.current);

  // The second request is a memory hit, and stats reset as the others.
  (void)second.compile(add, {}, {}, 90);
  EXPECT_EQ(second.stats().memory_hits, 1u);
  second.reset_stats();
  EXPECT_EQ(second.stats().bundle_hits, 0u);
}

TEST_F(JitBundle, NewerArchitectureGetsThePtx) {
  const std::string add = unique_kernel("ptx for newer");
  register_copy(cupp::jit::build_kernel_bundle({{add, {}, {}}}, {80, 90}), "ptx for newer");
  compiler c("");
  auto m = c.compile(add, {}, {}, 100);  // no sm_100 cubin: the compute_90 PTX serves
  EXPECT_EQ(c.stats().bundle_hits, 1u);
  EXPECT_EQ(c.stats().compiles, 0u);
  EXPECT_EQ(m->target, "compute_90");
  EXPECT_TRUE(m->is_ptx());
  EXPECT_NE(m->image.find(".entry add_arrays"), std::string::npos);
  EXPECT_EQ(m->key, c.cache_key(add, {}, {}, 100)) << "keyed as requested, as the PTX fallback";
  auto older = c.compile(add, {}, {}, 80);
  EXPECT_EQ(older->target, "sm_80");
  EXPECT_EQ(c.stats().bundle_hits, 2u);
  // sm_86 and sm_89 run sm_80 cubins (same major version): no PTX, no compilation.
  auto ampere = c.compile(add, {}, {}, 86);
  EXPECT_EQ(ampere->target, "sm_80");
  EXPECT_EQ(ampere->image, older->image);
  EXPECT_EQ(c.stats().bundle_hits, 3u);
  EXPECT_EQ(c.stats().compiles, 0u);
}

TEST_F(JitBundle, BundleComesBeforeTheDiskCacheAndIsNotCopiedToIt) {
  const std::string add = unique_kernel("lookup order");
  const std::string cache = root_ + "/cache";
  {
    compiler warm(cache);  // puts the kernel in the disk cache
    (void)warm.compile(add, {}, {}, 90);
    ASSERT_EQ(warm.stats().disk_writes, 1u);
  }
  register_copy(cupp::jit::build_kernel_bundle({{add, {}, {}}}, {90}), "lookup order");
  const std::string other = unique_kernel("lookup order, not in the disk cache");
  register_copy(cupp::jit::build_kernel_bundle({{other, {}, {}}}, {90}), "lookup order 2");
  compiler c(cache);
  (void)c.compile(add, {}, {}, 90);
  (void)c.compile(other, {}, {}, 90);
  EXPECT_EQ(c.stats().bundle_hits, 2u);
  EXPECT_EQ(c.stats().disk_hits, 0u);
  EXPECT_EQ(c.stats().disk_writes, 0u);
  EXPECT_FALSE(fs::exists(c.cache_file(c.cache_key(other, {}, {}, 90))));
}

TEST_F(JitBundle, KernelNotInTheBundleIsCompiled) {
  register_copy(cupp::jit::build_kernel_bundle({{unique_kernel("held"), {}, {}}}, {90}), "held");
  compiler c("");
  (void)c.compile(unique_kernel("not held"), {}, {}, 90);
  (void)c.compile(unique_kernel("held"), {"-DOTHER_OPTIONS"}, {}, 90);  // another key
  EXPECT_EQ(c.stats().bundle_hits, 0u);
  EXPECT_EQ(c.stats().compiles, 2u);
}

/// A bundle of `kernel` for sm_90 with its cupp version stamp replaced.
std::string with_version(const std::string& kernel, const char* version) {
  std::string bytes = cupp::jit::build_kernel_bundle({{kernel, {}, {}}}, {90});
  std::memset(&bytes[16], 0, 16);
  std::memcpy(&bytes[16], version, std::strlen(version));
  return bytes;
}

TEST_F(JitBundle, OtherCuppVersionIsIgnoredWithOneWarning) {
  const std::string add = unique_kernel("stale version");
  const std::string stale = with_version(add, "0.0.7");
  ::testing::internal::CaptureStderr();
  register_copy(stale, "stale.cuppbundle");
  register_copy(stale, "stale.cuppbundle");  // the same bundle again: no second warning
  compiler c("");
  (void)c.compile(add, {}, {}, 90);
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(count_occurrences(err, "warning"), 1u) << err;
  EXPECT_NE(err.find("ignoring kernel bundle 'stale.cuppbundle'"), std::string::npos) << err;
  EXPECT_NE(err.find("cupp 0.0.7"), std::string::npos) << err;
  EXPECT_EQ(c.stats().bundle_hits, 0u);
  EXPECT_EQ(c.stats().compiles, 1u);
  const auto info = cupp::jit::inspect_kernel_bundle(stale.data(), stale.size());
  EXPECT_FALSE(info.current);
  EXPECT_EQ(info.cupp_version, "0.0.7");
}

TEST_F(JitBundle, OtherNvrtcVersionIsIgnoredWithOneWarning) {
  const std::string add = unique_kernel("stale nvrtc");
  std::string bytes = cupp::jit::build_kernel_bundle({{add, {}, {}}}, {90});
  const std::uint32_t major = static_cast<std::uint32_t>(compiler::nvrtc_version().first) + 1;
  std::memcpy(&bytes[32], &major, sizeof major);
  ::testing::internal::CaptureStderr();
  register_copy(bytes, "old nvrtc");
  compiler c("");
  (void)c.compile(add, {}, {}, 90);
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(count_occurrences(err, "warning"), 1u) << err;
  EXPECT_NE(err.find("NVRTC " + std::to_string(major) + "."), std::string::npos) << err;
  EXPECT_EQ(c.stats().compiles, 1u);
}

TEST_F(JitBundle, ArchitectureItCannotServeWarnsOnceAndCompiles) {
  const std::string one = unique_kernel("sm_90 only, 1");
  const std::string two = unique_kernel("sm_90 only, 2");
  register_copy(cupp::jit::build_kernel_bundle({{one, {}, {}}, {two, {}, {}}}, {90}), "sm_90 only");
  ::testing::internal::CaptureStderr();
  compiler c("");
  (void)c.compile(one, {}, {}, 80);  // older than its cubins and its PTX
  (void)c.compile(two, {}, {}, 80);
  (void)c.compile(one, {}, {}, 90);
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(count_occurrences(err, "kernel bundle 'sm_90 only' holds no code for sm_80"), 1u) << err;
  EXPECT_EQ(c.stats().compiles, 2u);
  EXPECT_EQ(c.stats().bundle_hits, 1u);
}

/// The message of the value_error that registering `bytes` throws; "" when none is thrown.
std::string rejection(const std::string& bytes) {
  try {
    register_copy(bytes, "bad.cuppbundle");
  } catch (const cupp::value_error& e) {
    return e.what();
  }
  return "";
}

TEST_F(JitBundle, CorruptBundleIsRejected) {
  const std::string add = unique_kernel("corrupt");
  const std::string good = cupp::jit::build_kernel_bundle({{add, {}, {}}}, {90});
  ASSERT_GT(good.size(), 200u);

  std::string flipped = good;
  flipped[good.size() / 2] ^= 0x10;  // inside the cubin
  EXPECT_NE(rejection(flipped).find("'bad.cuppbundle' is corrupt: checksum mismatch"),
            std::string::npos)
      << rejection(flipped);
  std::string flipped_index = good;
  flipped_index[100] ^= 0x01;  // in the index
  EXPECT_NE(rejection(flipped_index).find("checksum mismatch"), std::string::npos);

  EXPECT_NE(rejection(good.substr(0, good.size() - 1)).find("(truncated)"), std::string::npos)
      << rejection(good.substr(0, good.size() - 1));
  EXPECT_NE(rejection(good.substr(0, 40)).find("shorter than a bundle header"), std::string::npos);
  EXPECT_NE(rejection("").find("shorter than a bundle header"), std::string::npos);
  std::string magic = good;
  magic[0] = 'X';
  EXPECT_NE(rejection(magic).find("bad magic number (not a cupp kernel bundle)"),
            std::string::npos);
  EXPECT_NE(rejection(std::string(4096, '\0')).find("bad magic number"), std::string::npos);
  EXPECT_THROW((void)cupp::jit::inspect_kernel_bundle(flipped.data(), flipped.size()),
               cupp::value_error);

  // None of them was registered.
  compiler c("");
  (void)c.compile(add, {}, {}, 90);
  EXPECT_EQ(c.stats().bundle_hits, 0u);
  EXPECT_EQ(c.stats().compiles, 1u);

  // Files: a missing one, and a corrupt one, name their path.
  try {
    cupp::jit::load_kernel_bundle(root_ + "/missing.cuppbundle");
    ADD_FAILURE() << "expected a value_error";
  } catch (const cupp::value_error& e) {
    EXPECT_NE(std::string(e.what()).find("missing.cuppbundle"), std::string::npos) << e.what();
  }
  write_bytes(root_ + "/torn.cuppbundle", good.substr(0, good.size() / 2));
  try {
    cupp::jit::load_kernel_bundle(root_ + "/torn.cuppbundle");
    ADD_FAILURE() << "expected a value_error";
  } catch (const cupp::value_error& e) {
    EXPECT_NE(std::string(e.what()).find("torn.cuppbundle' is corrupt"), std::string::npos)
        << e.what();
  }
}

TEST_F(JitBundle, BuildErrors) {
  EXPECT_THROW((void)cupp::jit::build_kernel_bundle({{unique_kernel("no arch"), {}, {}}}, {}),
               cupp::value_error);
  EXPECT_THROW((void)cupp::jit::build_kernel_bundle({{"__global__ void broken( {", {}, {}}}, {90}),
               cupp::compile_error);
  // Several jobs give the same bytes as one.
  const std::vector<kernel_record> kernels = {{unique_kernel("jobs 1"), {}, {}},
                                              {unique_kernel("jobs 2"), {}, {}},
                                              {unique_kernel("jobs 3"), {}, {}}};
  EXPECT_EQ(cupp::jit::build_kernel_bundle(kernels, {80, 90}, 3),
            cupp::jit::build_kernel_bundle(kernels, {90, 80}, 1));
  // Duplicates are built once.
  const auto twice = cupp::jit::build_kernel_bundle({kernels[0], kernels[0]}, {90});
  EXPECT_EQ(cupp::jit::inspect_kernel_bundle(twice.data(), twice.size()).kernels, 1u);
}

TEST_F(JitBundle, RecordFileHoldsEachKernelOnceAndAppends) {
  const std::string file = root_ + "/app.record";
  const std::string add = unique_kernel("record");
  const std::string tricky = "/* a source with\ncupp-kernel 1 0 0\n12:34\nlines */\n" + add;
  compiler c("");
  cupp::jit::record_kernels(file);
  (void)c.compile(add, {}, {}, 90);
  (void)c.compile(add, {}, {}, 90);  // a memory hit: already recorded
  (void)c.compile(add, {}, {}, 80);  // another architecture: one kernel to record
  (void)c.compile(tricky, {"-DA=1", "-DB=2"}, {}, 90);
  EXPECT_THROW((void)c.compile("__global__ void broken( {", {}, {}, 90), cupp::compile_error);
  cupp::jit::stop_recording();
  (void)c.compile(unique_kernel("after stop"), {}, {}, 90);
  cupp::jit::record_kernels(file);  // appends to what is there
  (void)c.compile(unique_kernel("second run"), {}, {}, 90);
  cupp::jit::stop_recording();

  const auto kernels = cupp::jit::read_kernel_records(file);
  ASSERT_EQ(kernels.size(), 3u) << "a kernel that does not compile is not recorded";
  EXPECT_EQ(kernels[0], (kernel_record{add, {}, {}}));
  EXPECT_EQ(kernels[1], (kernel_record{tricky, {"-DA=1", "-DB=2"}, {}}));
  EXPECT_EQ(kernels[2], (kernel_record{unique_kernel("second run"), {}, {}}));
  EXPECT_THROW(cupp::jit::record_kernels(root_ + "/no/such/dir/x.record"), cupp::value_error);
}

TEST_F(JitBundle, MalformedRecordFileIsRejected) {
  auto message = [&](const std::string& bytes) -> std::string {
    write_bytes(root_ + "/bad.record", bytes);
    try {
      (void)cupp::jit::read_kernel_records(root_ + "/bad.record");
    } catch (const cupp::value_error& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_EQ(message(""), "") << "an empty record file holds no kernel";
  EXPECT_NE(message("hello").find("not a valid kernel record file"), std::string::npos);
  EXPECT_NE(message("cupp-kernel 1 0 0\n5:abc\n").find("runs past the end"), std::string::npos);
  EXPECT_NE(message("cupp-kernel 1 0 0\n3:abc\ncupp-kern").find("at byte 24"), std::string::npos)
      << message("cupp-kernel 1 0 0\n3:abc\ncupp-kern");
  EXPECT_THROW((void)cupp::jit::read_kernel_records(root_ + "/missing.record"), cupp::value_error);
}

// The kernel of tests/data/embedded_kernels.record: cupp_add_kernel_bundle builds that record
// into a bundle embedded in this binary (tests/CMakeLists.txt), registered before main.
const std::string kEmbedded =
    R"(// The kernel of tests/data/embedded_kernels.record, embedded into cupp_test_jit.
extern "C" __global__ void cupp_test_embedded(float* x, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] = 3.0f * x[i] + 1.0f;
}
)";

TEST_F(JitBundle, BundleEmbeddedWithTheCMakeHelperIsRegistered) {
  const auto records =
      cupp::jit::read_kernel_records(std::string(CUPP_TEST_DATA_DIR) + "/embedded_kernels.record");
  ASSERT_EQ(records.size(), 1u);
  ASSERT_EQ(records[0], (kernel_record{kEmbedded, {"-DCUPP_TEST_EMBEDDED=1"}, {}}));
  compiler c("");
  auto m = c.compile(kEmbedded, {"-DCUPP_TEST_EMBEDDED=1"}, {}, 90);
  EXPECT_EQ(c.stats().bundle_hits, 1u);
  EXPECT_EQ(c.stats().compiles, 0u);
  EXPECT_EQ(m->target, "sm_90");
}

TEST_F(JitBundle, CommonKernelsAreDistinctAndCompile) {
  const auto kernels = cupp::jit::common_kernels();
  ASSERT_GE(kernels.size(), 100u);
  std::set<std::string> sources;
  for (const auto& k : kernels) {
    EXPECT_TRUE(sources.insert(k.source).second) << k.source;
    EXPECT_TRUE(k.options.empty() && k.name_expressions.empty());
  }
  // The names say what they hold: every family of Note [Common kernels] is there.
  for (const char* name : {"cupp_ew_fill_f32", "cupp_ew_copy_f64", "cupp_red_sum", "cupp_red_mean",
                           "cupp_red_max", "cupp_red_min"}) {
    EXPECT_TRUE(std::any_of(kernels.begin(), kernels.end(), [&](const kernel_record& k) {
      return k.source.find(name) != std::string::npos;
    })) << name;
  }
  // A sample compiles for sm_90 (all of them do when cupp::common_kernels is built).
  compiler c("");
  for (std::size_t i = 0; i < kernels.size(); i += 25)
    (void)c.compile(kernels[i].source, {}, {}, 90);
}

#ifdef CUPP_TEST_COMMON_KERNELS_ARCH
TEST_F(JitBundle, CommonKernelsArePrebuiltInCuppCommonKernels) {
  // This binary links cupp::common_kernels: every common kernel is a bundle hit.
  const auto kernels = cupp::jit::common_kernels();
  compiler c("");
  for (const auto& k : kernels) (void)c.compile(k.source, {}, {}, CUPP_TEST_COMMON_KERNELS_ARCH);
  EXPECT_EQ(c.stats().bundle_hits, kernels.size());
  EXPECT_EQ(c.stats().compiles, 0u);
}
#endif

/// Runs JitBundleChild.`name` of this binary in a child process with `env` ("A=1 B=2") set;
/// returns its output, and fails the calling test when the child fails.
std::string run_child(const std::string& name, const std::string& env) {
  char exe[4096];
  const ssize_t len = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (len <= 0) {
    ADD_FAILURE() << "cannot find this test binary";
    return "";
  }
  exe[len] = '\0';
  const std::string cmd =
      "env -u GTEST_TOTAL_SHARDS -u GTEST_SHARD_INDEX CUPP_TEST_BUNDLE_CHILD=1 " + env + " '" +
      exe + "' --gtest_filter='JitBundleChild." + name + "' 2>&1";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "popen failed";
    return "";
  }
  std::string output;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) output.append(buf, n);
  EXPECT_EQ(::pclose(pipe), 0) << output;
  EXPECT_NE(output.find("[  PASSED  ] 1 test."), std::string::npos) << output;
  return output;
}

const char* env_or_empty(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? v : "";
}

/// True in a child started by run_child; the JitBundleChild tests do nothing elsewhere (they are
/// parts of JitBundle.EnvironmentVariablesRecordAndLoad, which needs a fresh process for each).
bool in_child() { return std::strcmp(env_or_empty("CUPP_TEST_BUNDLE_CHILD"), "1") == 0; }

// Children of the test below: each reads the variables at its process's first compilation.
TEST(JitBundleChild, RecordFromEnvironment) {
  if (!in_child()) return;
  ASSERT_STRNE(env_or_empty("CUPP_RECORD_KERNELS"), "");
  compiler c("");
  (void)c.compile(unique_kernel("recorded from the environment"), {"-DENV=1"}, {}, 90);
}

TEST(JitBundleChild, LoadFromEnvironment) {
  if (!in_child()) return;
  ASSERT_STRNE(env_or_empty("CUPP_KERNEL_BUNDLE"), "");
  compiler c("");
  (void)c.compile(unique_kernel("recorded from the environment"), {"-DENV=1"}, {}, 90);
  EXPECT_EQ(c.stats().bundle_hits, 1u);
  EXPECT_EQ(c.stats().compiles, 0u);
}

TEST(JitBundleChild, CorruptBundleFromEnvironmentThrows) {
  if (!in_child()) return;
  compiler c("");
  for (int attempt = 0; attempt < 2; ++attempt) {  // every compilation, not only the first
    try {
      (void)c.compile(unique_kernel("corrupt from the environment"), {}, {}, 90);
      ADD_FAILURE() << "expected a value_error";
    } catch (const cupp::value_error& e) {
      EXPECT_NE(std::string(e.what()).find("named by CUPP_KERNEL_BUNDLE"), std::string::npos)
          << e.what();
    }
  }
}

#ifdef CUPP_TEST_COMMON_KERNELS_ARCH
// A child of the test below: the operations every program runs, in a fresh process whose disk
// cache is empty; with cupp::common_kernels linked, none of their kernels is compiled.
TEST(JitBundleChild, CommonOperations) {
  if (!in_child()) return;
  auto& c = cupp::jit::get_default_compiler();
  c.reset_stats();
  const auto a = cupp::full<float>({1000}, 2.5f);
  const auto i = cupp::full<std::int64_t>({1000}, 3);
  const auto m = cupp::full<float>({32, 48}, 1.0f);
  const auto d = a.astype<double>();
  const auto ia = i.astype<float>();
  const auto ai = a.astype<std::int32_t>();
  const auto t = cupp::ascontiguousarray(cupp::full<double>({40, 24}, 0.5).T());
  EXPECT_EQ(cupp::sum(a).item(), 2500.0f);
  EXPECT_EQ(cupp::mean(d).item(), 2.5);
  EXPECT_EQ(cupp::max(a).item(), 2.5f);
  EXPECT_EQ(cupp::min(i).item(), 3);
  EXPECT_EQ(cupp::sum(i).item(), 3000);
  EXPECT_EQ(cupp::sum(m, 0).get(), std::vector<float>(48, 32.0f));
  EXPECT_EQ(cupp::mean(m, 1).get(), std::vector<float>(32, 1.0f));
  EXPECT_EQ(ia.get(), std::vector<float>(1000, 3.0f));
  EXPECT_EQ(ai.get(), std::vector<std::int32_t>(1000, 2));
  EXPECT_EQ(t.shape(), (cupp::shape_t{24, 40}));
  EXPECT_EQ(t.get(), std::vector<double>(960, 0.5));
  cupp::cuda::synchronize();
  EXPECT_EQ(c.stats().compiles, 0u) << "kernels compiled: see the parent's message";
  EXPECT_EQ(c.stats().disk_hits, 0u);
  EXPECT_GT(c.stats().bundle_hits, 5u);
}

class JitBundleGpu : public cupp::test::GpuTest {};

TEST_F(JitBundleGpu, CommonKernelsServeTheOperationsEveryProgramRuns) {
  const cupp::test::temp_dir scratch("cupp-common");
  const std::string& dir = scratch.path();
  const std::string record = dir + "/compiled.record";
  (void)run_child("CommonOperations",
                  "CUPP_CACHE_DIR='" + dir + "/cache' CUPP_RECORD_KERNELS='" + record + "'");
  // On failure, name the kernels the operations used that the common list lacks.
  const auto used = cupp::jit::read_kernel_records(record);
  const auto common = cupp::jit::common_kernels();
  for (const auto& k : used) {
    if (std::find(common.begin(), common.end(), k) != common.end()) continue;
    const auto name = k.source.find("CUPP_GENERATED_KERNEL");
    ADD_FAILURE() << "not among the common kernels: "
                  << k.source.substr(name == std::string::npos ? 0 : name, 120);
  }
}
#endif

TEST_F(JitBundle, EnvironmentVariablesRecordAndLoad) {
  const std::string record = root_ + "/env.record";
  const std::string bundle = root_ + "/env.cuppbundle";
  run_child("RecordFromEnvironment", "CUPP_RECORD_KERNELS='" + record + "'");
  const auto kernels = cupp::jit::read_kernel_records(record);
  ASSERT_EQ(kernels.size(), 1u);
  EXPECT_EQ(kernels[0],
            (kernel_record{unique_kernel("recorded from the environment"), {"-DENV=1"}, {}}));
  write_bytes(bundle, cupp::jit::build_kernel_bundle(kernels, {90}));
  // Several paths separated by ':', empty ones skipped.
  run_child("LoadFromEnvironment", "CUPP_KERNEL_BUNDLE=':" + bundle + "::" + bundle + "'");
  write_bytes(root_ + "/bad.cuppbundle", "not a bundle at all");
  run_child("CorruptBundleFromEnvironmentThrows",
            "CUPP_KERNEL_BUNDLE='" + root_ + "/bad.cuppbundle'");
}

}  // namespace
