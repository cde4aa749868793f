// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The layout of device code (docs/kernels.md): everything in kernels/ builds on its own, without
// reaching into src/.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace {

const std::filesystem::path kSourceRoot = std::filesystem::path(CUPP_TEST_DATA_DIR) / ".." / "..";

/// Calls `check(where, line)` for every line of every file under `folder` of the source tree
/// (`where` is "path:line"); returns how many files there were.
template <class Check>
int for_each_line(const char* folder, Check check) {
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kSourceRoot / folder)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    std::ifstream in(entry.path());
    int line_number = 0;
    for (std::string line; std::getline(in, line);)
      check(entry.path().string() + ":" + std::to_string(++line_number), line);
  }
  return files;
}

TEST(KernelLayout, KernelsIncludeNothingFromSrc) {
  const int files = for_each_line("kernels", [](const std::string& where, const std::string& line) {
    if (line.rfind("#include", 0) != 0) return;
    EXPECT_EQ(line.find("src/"), std::string::npos) << where << ": " << line;
  });
  EXPECT_GT(files, 10);  // the directory was found
}

TEST(KernelLayout, SrcHoldsNoDeviceCode) {
  // Device code lives in kernels/ only: no raw-string sources and no kernels in src/.
  const int files = for_each_line("src", [](const std::string& where, const std::string& line) {
    EXPECT_EQ(line.find("R\"("), std::string::npos) << where << ": " << line;
    EXPECT_EQ(line.find("__global__"), std::string::npos) << where << ": " << line;
  });
  EXPECT_GT(files, 30);
}

}  // namespace
