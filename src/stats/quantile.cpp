// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// median, quantile, percentile and their nan forms: the reduced axes are merged into rows, the
// rows sorted (CUB), and one generated kernel picks and interpolates (Note [Quantile kernel]).
#include <cstdint>
#include <string>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/error.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/routines/reduction.hpp"
#include "cupp/routines/sorting.hpp"
#include "cupp/routines/statistics.hpp"
#include "stats_kernels.hpp"

namespace cupp::detail {
namespace {

constexpr const char* kMethodNames[] = {"inverted_cdf",
                                        "averaged_inverted_cdf",
                                        "closest_observation",
                                        "interpolated_inverted_cdf",
                                        "hazen",
                                        "weibull",
                                        "linear",
                                        "median_unbiased",
                                        "normal_unbiased",
                                        "lower",
                                        "higher",
                                        "midpoint",
                                        "nearest"};

array_desc quantile_impl(const array_desc& a, const std::vector<double>& q, const shape_t& q_shape,
                         const std::vector<int>& axes, quantile_method method, bool keepdims,
                         bool skip_nan, dtype out) {
  const auto [kept, with_ones] = expr::reduced_shapes(a.shape, axes);
  std::int64_t k = 1;
  for (int ax : axes) k *= a.shape[static_cast<std::size_t>(ax)];
  const std::int64_t rows = shape_size(kept);
  shape_t out_shape = q_shape;
  const shape_t& tail = keepdims ? with_ones : kept;
  out_shape.insert(out_shape.end(), tail.begin(), tail.end());
  array_desc result = make_array(out_shape, out);
  if (result.size() == 0) return result;

  // The kept axes first, then the reduced ones, merged into (rows, k): a view when the layout
  // allows, else one copy; then each row sorted, nan last.
  std::vector<std::int64_t> perm;
  for (std::int64_t d = 0; d < a.ndim(); ++d) {
    bool reduced = false;
    for (int ax : axes) reduced |= ax == d;
    if (!reduced) perm.push_back(d);
  }
  for (int ax : axes) perm.push_back(ax);
  array_desc sorted;
  if (k > 0) sorted = sort_array(reshape(transpose(a, perm), {rows, k}), -1, false);

  array_desc qs = make_array({static_cast<std::int64_t>(q.size())}, dtype::float64);
  from_host(qs, q.data());
  const RawKernel& kernel =
      stats_kernel(quantile_kernel_source(a.dt, out), quantile_kernel_name(a.dt, out));
  const std::int64_t total = result.size();
  kernel({resident_blocks(kernel, total, kStatsBlock)}, {kStatsBlock}, static_cast<const void*>(sorted.ptr),
         static_cast<const void*>(qs.ptr), static_cast<void*>(result.ptr),
         static_cast<long long>(rows), static_cast<long long>(k), static_cast<long long>(total),
         static_cast<int>(method), static_cast<int>(skip_nan));
  return result;
}

}  // namespace

quantile_method parse_quantile_method(const std::string& name) {
  std::string keys;
  for (std::size_t i = 0; i < std::size(kMethodNames); ++i) {
    if (name == kMethodNames[i]) return static_cast<quantile_method>(i);
    keys += (i ? ", '" : "'") + std::string(kMethodNames[i]) + "'";
  }
  throw value_error("'" + name + "' is not a valid method. Use one of: dict_keys([" + keys + "])");
}

std::vector<double> checked_quantiles(std::vector<double> q, bool percent) {
  for (double& v : q) {
    if (percent) v /= 100.0;
    if (!(v >= 0.0 && v <= 1.0))
      throw value_error(percent ? "Percentiles must be in the range [0, 100]"
                                : "Quantiles must be in the range [0, 1]");
  }
  return q;
}

array_desc quantile_array(const array_desc& a, const std::vector<double>& q, const shape_t& q_shape,
                          const axis_arg& axis, const std::string& method, bool keepdims,
                          bool skip_nan, dtype out) {
  const std::vector<int> axes = expr::reduce_axes(axis, a.ndim());
  const quantile_method m = parse_quantile_method(method);
  return quantile_impl(a, q, q_shape, axes, m, keepdims, skip_nan, out);
}

array_desc median_array(const array_desc& a, const axis_arg& axis, bool keepdims, bool skip_nan,
                        dtype out) {
  const std::vector<int> axes = expr::reduce_axes(axis, a.ndim());
  return quantile_impl(a, {0.5}, {}, axes, quantile_method::median, keepdims, skip_nan, out);
}

}  // namespace cupp::detail
