// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include <algorithm>
#include <string>
#include <utility>
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

detail::reduce_info make_reduce_info(emitter e, std::string expression, const reduce_desc& op,
                                     dtype acc) {
  detail::reduce_info info;
  info.expression = std::move(expression);
  info.name = std::string(op.name) + (e.name.empty() ? "" : "_" + e.name);
  info.arrays = std::move(e.arrays);
  info.scalars = std::move(e.scalars);
  info.op = op.typed ? std::string(op.device) + "<" + detail::device_type_name(acc) + ">"
                     : std::string(op.device);
  return info;
}

reduce_target make_reduce_target(const shape_t& shape, const axis_arg& axis, bool keepdims,
                                 dtype dt, const char* no_identity) {
  reduce_target t;
  t.axes = reduce_axes(axis, static_cast<std::int64_t>(shape.size()));
  const auto [kept, with_ones] = reduced_shapes(shape, t.axes);
  if (no_identity != nullptr) {
    std::int64_t k = 1;
    for (int a : t.axes) k *= shape[static_cast<std::size_t>(a)];
    if (k == 0) throw value_error(no_identity);  // even with no output, as NumPy
  }
  t.out = cupp::detail::make_array(keepdims ? with_ones : kept, dt);
  t.target = keepdims ? cupp::detail::reshape(t.out, kept) : t.out;
  return t;
}

}  // namespace cupp::expr
