// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernel disk cache (TESTING.md, "Kernel disk cache"): hits across compilers, damaged files,
// threads and processes racing on a cold cache, unusable directories, CUPP_SAVE_SOURCE. Runs
// without a GPU: everything compiles for sm_90 explicitly. Each test has its own directory.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/jit/compiler.hpp"
#include "support/env.hpp"
#include "support/files.hpp"
#include "support/test_kernels.hpp"

namespace {

namespace fs = std::filesystem;
using cupp::jit::compiler;

using cupp::test::kAddArrays;
using cupp::test::kScale;

const std::vector<std::string> kScaleNames = {"scale<float>", "scale<double>"};

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// The names in a directory, sorted; temporary files included (they start with '.').
std::set<std::string> list_dir(const std::string& dir) {
  std::set<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) names.insert(e.path().filename().string());
  return names;
}

unsigned mode_of(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777u;
}

using cupp::test::count_occurrences;
using cupp::test::scoped_env;

/// Each test gets a fresh temporary directory; `cache` (not yet created) is its cache directory.
class JitDiskCache : public ::testing::Test {
 protected:
  /// True when the cache file of `key` is there and valid: a new compiler reads it.
  bool valid_entry(const std::string& source, const std::vector<std::string>& names = {}) {
    compiler fresh(cache_);
    fresh.compile(source, {}, names, 90);
    return fresh.stats().disk_hits == 1 && fresh.stats().compiles == 0;
  }

  cupp::test::temp_dir dir_{"cupp-jit-test"};
  const std::string root_ = dir_.path();
  const std::string cache_ = root_ + "/cache";
};

TEST_F(JitDiskCache, SecondCompileInAFreshCompilerIsADiskHit) {
  const std::string dir = cache_;
  // example-begin disk_cache
  cupp::jit::compiler first(dir);
  auto a = first.compile(kScale, {}, {"scale<float>", "scale<double>"}, 90);
  EXPECT_EQ(first.stats().compiles, 1u);
  EXPECT_EQ(first.stats().disk_writes, 1u);

  cupp::jit::compiler second(dir);  // as a new process would
  auto b = second.compile(kScale, {}, {"scale<float>", "scale<double>"}, 90);
  EXPECT_EQ(second.stats().disk_hits, 1u);
  EXPECT_EQ(second.stats().compiles, 0u);
  // example-end
  EXPECT_EQ(b->key, a->key);
  EXPECT_EQ(b->target, "sm_90");
  EXPECT_EQ(b->image, a->image);
  EXPECT_EQ(b->lowered_names, a->lowered_names) << "lowered names come back from the file";
  EXPECT_EQ(list_dir(dir), std::set<std::string>{a->key + ".bin"});
  EXPECT_EQ(first.cache_file(a->key), dir + "/" + a->key + ".bin");

  second.clear_memory_cache();
  second.compile(kScale, {}, kScaleNames, 90);
  EXPECT_EQ(second.stats().disk_hits, 2u);
  EXPECT_EQ(second.stats().compiles, 0u);
}

TEST_F(JitDiskCache, PtxEntriesRoundTrip) {
  const int future = (compiler::supported_archs().back() / 10 + 10) * 10;
  compiler first(cache_);
  auto a = first.compile(kAddArrays, {}, {}, future);
  compiler second(cache_);
  auto b = second.compile(kAddArrays, {}, {}, future);
  EXPECT_EQ(second.stats().disk_hits, 1u);
  EXPECT_TRUE(b->is_ptx());
  EXPECT_EQ(b->image, a->image);
}

TEST_F(JitDiskCache, DirectoryIsCreatedWithMode0700) {
  const std::string nested = root_ + "/a/b/cupp";
  compiler c(nested);
  c.compile(kAddArrays, {}, {}, 90);
  EXPECT_EQ(c.stats().disk_writes, 1u);
  EXPECT_EQ(mode_of(nested), 0700u);
  EXPECT_EQ(mode_of(root_ + "/a"), 0700u);
  EXPECT_EQ(mode_of(root_ + "/a/b"), 0700u);
}

TEST_F(JitDiskCache, DifferentOptionsArchitecturesAndNameExpressionsAreDifferentFiles) {
  compiler c(cache_);
  std::set<std::string> expected;
  expected.insert(c.compile(kScale, {}, {"scale<float>"}, 90)->key + ".bin");
  expected.insert(c.compile(kScale, {"-DVARIANT=1"}, {"scale<float>"}, 90)->key + ".bin");
  expected.insert(c.compile(kScale, {}, {"scale<float>"}, 80)->key + ".bin");
  expected.insert(c.compile(kScale, {}, {"scale<double>"}, 90)->key + ".bin");
  EXPECT_EQ(expected.size(), 4u);
  EXPECT_EQ(list_dir(cache_), expected);
  EXPECT_EQ(c.stats().compiles, 4u);
}

// ---- damaged files -------------------------------------------------------------------------

enum class damage {
  truncated,
  zero_length,
  flipped_key_bit,
  flipped_size_bit,
  flipped_checksum_bit,
  flipped_meta_bit,
  flipped_payload_bit,
  flipped_last_bit,
  wrong_magic,
  wrong_version,
  other_key,
};

std::string damage_name(const ::testing::TestParamInfo<damage>& info) {
  switch (info.param) {
    case damage::truncated:
      return "truncated";
    case damage::zero_length:
      return "zero_length";
    case damage::flipped_key_bit:
      return "flipped_key_bit";
    case damage::flipped_size_bit:
      return "flipped_size_bit";
    case damage::flipped_checksum_bit:
      return "flipped_checksum_bit";
    case damage::flipped_meta_bit:
      return "flipped_meta_bit";
    case damage::flipped_payload_bit:
      return "flipped_payload_bit";
    case damage::flipped_last_bit:
      return "flipped_last_bit";
    case damage::wrong_magic:
      return "wrong_magic";
    case damage::wrong_version:
      return "wrong_version";
    case damage::other_key:
      return "other_key";
  }
  return "unknown";
}

class JitDiskCacheDamage : public JitDiskCache, public ::testing::WithParamInterface<damage> {};

TEST_P(JitDiskCacheDamage, IsRecompiledAndReplaced) {
  std::string path;
  {
    compiler writer(cache_);
    path = writer.cache_file(writer.compile(kScale, {}, kScaleNames, 90)->key);
  }
  std::string bytes = read_bytes(path);
  ASSERT_GT(bytes.size(), 200u);
  // Offsets from Note [Cache file format]: key at 16, payload size at 32, checksum at 40, meta
  // from 56.
  switch (GetParam()) {
    case damage::truncated:
      bytes.resize(bytes.size() / 2);
      break;
    case damage::zero_length:
      bytes.clear();
      break;
    case damage::flipped_key_bit:
      bytes[20] ^= 0x10;
      break;
    case damage::flipped_size_bit:
      bytes[33] ^= 0x01;
      break;
    case damage::flipped_checksum_bit:
      bytes[45] ^= 0x04;
      break;
    case damage::flipped_meta_bit:
      bytes[60] ^= 0x02;
      break;
    case damage::flipped_payload_bit:
      bytes[bytes.size() / 2] ^= 0x40;
      break;
    case damage::flipped_last_bit:
      bytes.back() ^= static_cast<char>(0x80);
      break;
    case damage::wrong_magic:
      bytes[0] = 'X';
      break;
    case damage::wrong_version: {
      const std::uint32_t version = 999;  // the checksum covers the body only, so it still matches
      std::memcpy(&bytes[8], &version, sizeof version);
      break;
    }
    case damage::other_key: {
      compiler other(cache_);
      const auto m = other.compile(kAddArrays, {}, {}, 90);
      bytes = read_bytes(other.cache_file(m->key));
      break;
    }
  }
  write_bytes(path, bytes);

  compiler reader(cache_);
  std::shared_ptr<const cupp::jit::compiled_module> m;
  EXPECT_NO_THROW(m = reader.compile(kScale, {}, kScaleNames, 90));
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->target, "sm_90");
  EXPECT_NE(m->lowered_name("scale<float>"), nullptr);
  EXPECT_EQ(reader.stats().invalid_files, 1u);
  EXPECT_EQ(reader.stats().disk_hits, 0u);
  EXPECT_EQ(reader.stats().compiles, 1u);
  EXPECT_EQ(reader.stats().disk_writes, 1u);
  EXPECT_TRUE(valid_entry(kScale, kScaleNames)) << "the file was replaced by a valid one";
  for (const auto& name : list_dir(cache_))
    EXPECT_NE(name[0], '.') << "temporary file left: " << name;
}

INSTANTIATE_TEST_SUITE_P(AllKinds, JitDiskCacheDamage,
                         ::testing::Values(damage::truncated, damage::zero_length,
                                           damage::flipped_key_bit, damage::flipped_size_bit,
                                           damage::flipped_checksum_bit, damage::flipped_meta_bit,
                                           damage::flipped_payload_bit, damage::flipped_last_bit,
                                           damage::wrong_magic, damage::wrong_version,
                                           damage::other_key),
                         damage_name);

// ---- races ---------------------------------------------------------------------------------

TEST_F(JitDiskCache, ThreadsOnAColdCacheCompileOnceAndWriteOneFile) {
  compiler c(cache_);
  const auto results = cupp::test::compile_from_threads(c, 8);
  for (const auto& r : results) ASSERT_EQ(r.get(), results[0].get());
  EXPECT_EQ(c.stats().compiles, 1u);
  EXPECT_EQ(c.stats().disk_writes, 1u);
  EXPECT_EQ(list_dir(cache_), std::set<std::string>{results[0]->key + ".bin"});
  EXPECT_TRUE(valid_entry(kAddArrays));
}

TEST_F(JitDiskCache, SeparateCompilersOnOneColdDirectoryLeaveOneValidFile) {
  constexpr int kThreads = 4;
  std::atomic<bool> go{false};
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      compiler own(cache_);
      while (!go.load()) std::this_thread::yield();
      if (own.compile(kAddArrays, {}, {}, 90)->target == "sm_90") ++ok;
    });
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), kThreads);
  const std::string key = compiler("").cache_key(kAddArrays, {}, {}, 90);
  EXPECT_EQ(list_dir(cache_), std::set<std::string>{key + ".bin"});
  EXPECT_TRUE(valid_entry(kAddArrays));
}

TEST_F(JitDiskCache, ProcessesOnAColdCacheLeaveOneValidFile) {
  constexpr int kProcesses = 6;
  int gate[2];
  ASSERT_EQ(::pipe(gate), 0);
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      // The child: wait until every process exists, compile, report through the exit status.
      ::close(gate[1]);
      char c;
      while (::read(gate[0], &c, 1) < 0) {
      }
      int status = 1;
      try {
        compiler own(cache_);
        const auto m = own.compile(kAddArrays, {}, {}, 90);
        status = m->target == "sm_90" && m->image.compare(0, 4,
                                                          "\x7f"
                                                          "ELF") == 0
                     ? 0
                     : 2;
      } catch (const std::exception& e) {
        std::fprintf(stderr, "child %d: %s\n", p, e.what());  // the parent's log shows why
        status = 3;
      } catch (...) {
        status = 3;
      }
      ::_exit(status);
    }
    children.push_back(pid);
  }
  ::close(gate[0]);
  ::close(gate[1]);  // opens the gate: every child's read returns
  for (const pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
  }
  const std::string key = compiler("").cache_key(kAddArrays, {}, {}, 90);
  EXPECT_EQ(list_dir(cache_), std::set<std::string>{key + ".bin"});
  EXPECT_TRUE(valid_entry(kAddArrays));
}

// ---- unusable directories ------------------------------------------------------------------

TEST_F(JitDiskCache, ReadOnlyDirectoryDegradesToMemoryWithOneWarning) {
  std::string dir;
  if (::geteuid() != 0) {
    dir = root_ + "/read-only";
    ASSERT_EQ(::mkdir(dir.c_str(), 0700), 0);
    ASSERT_EQ(::chmod(dir.c_str(), 0500), 0);
  } else {
    // Permissions do not bind root; no one can create a directory under a regular file.
    write_bytes(root_ + "/file", "not a directory");
    dir = root_ + "/file/sub";
  }
  ::testing::internal::CaptureStderr();
  compiler c(dir);
  EXPECT_NO_THROW(c.compile(kAddArrays, {}, {}, 90));
  EXPECT_NO_THROW(c.compile(kScale, {}, kScaleNames, 90));
  EXPECT_NO_THROW(c.compile(kAddArrays, {}, {}, 90));
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(count_occurrences(err, "cupp: warning:"), 1u) << err;
  EXPECT_EQ(count_occurrences(err, dir), 1u) << err;
  EXPECT_EQ(c.stats().compiles, 2u);
  EXPECT_EQ(c.stats().memory_hits, 1u);
  EXPECT_EQ(c.stats().disk_writes, 0u);
  if (::geteuid() != 0) {
    EXPECT_TRUE(list_dir(dir).empty()) << "no temporary file left";
  }
}

TEST_F(JitDiskCache, DirectoryThatCannotBeCreatedDegradesToMemoryWithOneWarning) {
  write_bytes(root_ + "/file", "not a directory");
  const std::string dir = root_ + "/file/cupp";
  ::testing::internal::CaptureStderr();
  compiler c(dir);
  EXPECT_NO_THROW(c.compile(kAddArrays, {}, {}, 90));
  EXPECT_NO_THROW(c.compile(kScale, {}, kScaleNames, 90));
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(count_occurrences(err, "cupp: warning:"), 1u) << err;
  EXPECT_EQ(c.stats().compiles, 2u);
  EXPECT_EQ(c.stats().disk_writes, 0u);
}

// ---- CUPP_SAVE_SOURCE ----------------------------------------------------------------------

TEST_F(JitDiskCache, SaveSourceWritesTheSourceBesideTheEntry) {
  {
    scoped_env save("CUPP_SAVE_SOURCE", std::string("1"));
    compiler c(cache_);  // save_source defaults to CUPP_SAVE_SOURCE
    const auto m = c.compile(kAddArrays, {}, {}, 90);
    EXPECT_EQ(read_bytes(cache_ + "/" + m->key + ".cu"), kAddArrays);
    EXPECT_EQ(list_dir(cache_), (std::set<std::string>{m->key + ".bin", m->key + ".cu"}));
  }
  {
    scoped_env save("CUPP_SAVE_SOURCE", std::nullopt);
    compiler c(cache_);
    const auto m = c.compile(kScale, {}, kScaleNames, 90);
    EXPECT_FALSE(fs::exists(cache_ + "/" + m->key + ".cu"));
  }
}

}  // namespace
