// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The host side of what the ndimage functions share (include/cupp/scipy/ndimage/common.hpp).
#include "cupp/scipy/ndimage/common.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "cupp/core/error.hpp"

namespace cupp::scipy::ndimage::detail {

namespace {

boundary mode_code(const std::string& mode, bool filter) {
  if (mode == "nearest") return boundary::nearest;
  if (mode == "wrap") return boundary::wrap;
  if (mode == "reflect" || mode == "grid-mirror") return boundary::reflect;
  if (mode == "mirror") return boundary::mirror;
  if (mode == "constant") return boundary::constant;
  if (mode == "grid-wrap") return filter ? boundary::wrap : boundary::grid_wrap;
  if (mode == "grid-constant") return filter ? boundary::constant : boundary::grid_constant;
  // SciPy raises RuntimeError here; a bad argument is a value_error in cupp (docs/scipy_ndimage.md).
  throw value_error("boundary mode not supported");
}

}  // namespace

boundary filter_mode(const std::string& mode) { return mode_code(mode, true); }

boundary interpolation_mode(const std::string& mode) { return mode_code(mode, false); }

std::vector<int> filter_axes(const axis_arg& axes, int ndim) {
  std::vector<int> out;
  if (axes.all()) {
    for (int d = 0; d < ndim; ++d) out.push_back(d);
    return out;
  }
  for (const std::int64_t ax : axes.axes()) {
    if (ax < -ndim || ax > ndim - 1)
      throw value_error("specified axis: " + std::to_string(ax) + " is out of range");
    out.push_back(static_cast<int>(ax < 0 ? ax + ndim : ax));
  }
  std::vector<int> sorted = out;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
    throw value_error("axes must be unique");
  return out;
}

}  // namespace cupp::scipy::ndimage::detail
