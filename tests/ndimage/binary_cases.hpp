// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The cases of tests/data/ndimage/binary.npz as the binary morphology and label tests read them
// (tests/ndimage/make_binary.py writes them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cupp/array.hpp"

namespace cupp::test::binary_cases {

/// The names of the cases whose function (the first of "<name>__args") lies in [first, last]:
/// 0 erosion .. 6 fill_holes, 7 label.
inline std::vector<std::string> names(const cupp::npz_file& npz, int first, int last) {
  std::vector<std::string> out;
  const std::string suffix = "__args";
  for (const auto& f : npz.files()) {
    if (f.size() <= suffix.size() || f.compare(f.size() - suffix.size(), suffix.size(), suffix))
      continue;
    const auto func = npz[f].get<std::int64_t>()[0];
    if (func >= first && func <= last) out.push_back(f.substr(0, f.size() - suffix.size()));
  }
  return out;
}

/// The case's input: the stored array seen through its layout (as stored, [..., ::2],
/// transposed, or in[1:] of the flat stored array reshaped to the result's shape, a view that
/// starts one byte into its memory).
inline cupp::array input(const cupp::npz_file& npz, const std::string& name) {
  const cupp::array a = npz[name + "__in"];
  const auto layout = npz[name + "__args"].get<std::int64_t>()[4];
  if (layout == 3) return a(cupp::slice(1, std::nullopt)).reshape(npz[name + "__out"].shape());
  if (layout == 1) return a(cupp::ellipsis, cupp::slice(std::nullopt, std::nullopt, 2));
  if (layout == 2) return a.T();
  return a;
}

/// The member "<name><suffix>" when the case has one.
inline std::optional<cupp::array> member(const cupp::npz_file& npz, const std::string& name) {
  if (!npz.contains(name)) return std::nullopt;
  return npz[name];
}

}  // namespace cupp::test::binary_cases
