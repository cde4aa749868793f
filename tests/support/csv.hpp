// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The reference tables kept as CSV files under tests/data (NumPy's promotion and casting tables).
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace cupp::test {

/// The rows of a CSV file under tests/data, without its `#` comment lines and its header, which
/// must be `header`.
inline std::vector<std::vector<std::string>> read_csv(const std::string& name,
                                                      const std::string& header) {
  std::ifstream in(std::string(CUPP_TEST_DATA_DIR) + "/" + name);
  EXPECT_TRUE(in.good()) << "cannot open " << name;
  std::vector<std::vector<std::string>> rows;
  bool header_seen = false;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    if (!header_seen) {
      EXPECT_EQ(line, header) << name;
      header_seen = true;
      continue;
    }
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

}  // namespace cupp::test
