// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include <algorithm>
#include <string>
#include <vector>

#include "cupp/routines/reduction.hpp"

namespace cupp::expr {

std::vector<int> reduce_axes(const axis_arg& axis, std::int64_t ndim) {
  std::vector<int> axes;
  if (axis.all()) {
    for (std::int64_t d = 0; d < ndim; ++d) axes.push_back(static_cast<int>(d));
    return axes;
  }
  for (std::int64_t a : axis.axes()) axes.push_back(static_cast<int>(normalize_axis(a, ndim)));
  std::sort(axes.begin(), axes.end());
  CUPP_EXPECTS(std::adjacent_find(axes.begin(), axes.end()) == axes.end(), value_error,
               "duplicate value in 'axis'");
  return axes;
}

std::pair<shape_t, shape_t> reduced_shapes(const shape_t& shape, const std::vector<int>& axes) {
  shape_t kept, with_ones = shape;
  std::size_t next = 0;
  for (std::size_t d = 0; d < shape.size(); ++d) {
    if (next < axes.size() && static_cast<std::size_t>(axes[next]) == d) {
      with_ones[d] = 1;
      ++next;
    } else {
      kept.push_back(shape[d]);
    }
  }
  return {kept, with_ones};
}

void throw_all_nan() { throw value_error("All-NaN slice encountered"); }

}  // namespace cupp::expr
