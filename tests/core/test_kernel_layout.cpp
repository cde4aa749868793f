// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The layout of device code (docs/kernels.md): everything in kernels/ builds on its own, without
// reaching into src/.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace {

const std::filesystem::path kSourceRoot =
    std::filesystem::path(CUPP_TEST_DATA_DIR) / ".." / "..";

TEST(KernelLayout, KernelsIncludeNothingFromSrc) {
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kSourceRoot / "kernels")) {
    if (!entry.is_regular_file()) continue;
    ++files;
    std::ifstream in(entry.path());
    int line_number = 0;
    for (std::string line; std::getline(in, line);) {
      ++line_number;
      if (line.rfind("#include", 0) != 0) continue;
      EXPECT_EQ(line.find("src/"), std::string::npos)
          << entry.path().string() << ":" << line_number << ": " << line;
    }
  }
  EXPECT_GT(files, 10);  // the directory was found
}

TEST(KernelLayout, SrcHoldsNoDeviceCode) {
  // Device code lives in kernels/ only: no raw-string sources and no kernels in src/.
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kSourceRoot / "src")) {
    if (!entry.is_regular_file()) continue;
    ++files;
    std::ifstream in(entry.path());
    int line_number = 0;
    for (std::string line; std::getline(in, line);) {
      ++line_number;
      const std::string where = entry.path().string() + ":" + std::to_string(line_number);
      EXPECT_EQ(line.find("R\"("), std::string::npos) << where << ": " << line;
      EXPECT_EQ(line.find("__global__"), std::string::npos) << where << ": " << line;
    }
  }
  EXPECT_GT(files, 30);
}

}  // namespace
