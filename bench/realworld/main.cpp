// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp_realworld: CuPy's example programs written with cupp, one row of the comparison per
// subcommand. bench/realworld/compare_realworld.py writes the inputs, runs each row here and
// beside CuPy, and checks that the results agree.
//
//   cupp_realworld <row> --data DIR --kernels DIR [--reps N]
//   cupp_realworld --list
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "realworld.hpp"

namespace realworld {
std::map<std::string, program>& programs() {
  static std::map<std::string, program> rows;
  return rows;
}
}  // namespace realworld

namespace {

int usage() {
  std::fprintf(stderr,
               "usage: cupp_realworld <row> --data DIR --kernels DIR [--reps N]\n"
               "       cupp_realworld --list\n");
  return 64;
}

/// A JSON string of `s`: quotes, backslashes and control characters escaped.
std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  const std::string row = argv[1];
  if (row == "--list") {
    for (const auto& p : realworld::programs()) std::printf("%s\n", p.first.c_str());
    return 0;
  }
  realworld::options opt;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--data")
      opt.data_dir = value;
    else if (flag == "--kernels")
      opt.kernel_dir = value;
    else if (flag == "--reps")
      opt.reps = std::atoi(value.c_str());
    else
      return usage();
  }
  const auto it = realworld::programs().find(row);
  if (it == realworld::programs().end()) {
    std::fprintf(stderr, "no row %s (cupp_realworld --list names them)\n", row.c_str());
    return 64;
  }
  try {
    it->second(opt);
  } catch (const std::exception& e) {
    // A refusal is a result of its own: the table shows it instead of a time.
    std::printf("{\"row\": %s, \"error\": %s}\n", json_string(row).c_str(),
                json_string(e.what()).c_str());
    return 1;
  }
  return 0;
}
