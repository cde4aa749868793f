// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The host-side parts of the logic and math routines (cupp/routines/logic.hpp, math.hpp): their
// argument checks in NumPy's words, cross's shapes, and gradient's spacings and coefficients.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/core/promotion.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/routines/logic.hpp"
#include "cupp/routines/math.hpp"

namespace cupp::detail {

bool shapes_broadcast(const shape_t& a, const shape_t& b) {
  const std::size_t n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t da = i < a.size() ? a[a.size() - 1 - i] : 1;
    const std::int64_t db = i < b.size() ? b[b.size() - 1 - i] : 1;
    if (da != db && da != 1 && db != 1) return false;
  }
  return true;
}

std::int64_t normalize_axis_named(std::int64_t axis, std::int64_t ndim, const char* name) {
  if (axis < -ndim || axis >= ndim)
    throw axis_error(std::string(name) + ": axis " + std::to_string(axis) +
                     " is out of bounds for array of dimension " + std::to_string(ndim));
  return axis < 0 ? axis + ndim : axis;
}

std::int64_t cumulative_axis(std::int64_t ndim, std::optional<std::int64_t> axis) {
  if (!axis) {
    CUPP_EXPECTS(ndim < 2, value_error,
                 "For arrays which have more than one dimension ``axis`` argument is required.");
    return 0;
  }
  return normalize_axis(*axis, ndim);
}

void check_ediff1d_cast(dtype from, dtype to, const char* what) {
  if (!can_cast(from, to, casting::same_kind))
    throw type_error(std::string("dtype of `") + what +
                     "` must be compatible with input `ary` under the `same_kind` rule.");
}

cross_plan plan_cross(const shape_t& a, const shape_t& b, std::int64_t axisa, std::int64_t axisb,
                      std::int64_t axisc) {
  CUPP_EXPECTS(!a.empty() && !b.empty(), value_error, "At least one array has zero dimension");
  cross_plan p;
  const auto na = static_cast<std::int64_t>(a.size()), nb = static_cast<std::int64_t>(b.size());
  p.axisa = normalize_axis_named(axisa, na, "axisa");
  p.axisb = normalize_axis_named(axisb, nb, "axisb");
  p.na = a[static_cast<std::size_t>(p.axisa)];
  p.nb = b[static_cast<std::size_t>(p.axisb)];
  CUPP_EXPECTS((p.na == 2 || p.na == 3) && (p.nb == 2 || p.nb == 3), value_error,
               "incompatible dimensions for cross product\n(dimension must be 2 or 3)");
  shape_t ra = a, rb = b;
  ra.erase(ra.begin() + p.axisa);
  rb.erase(rb.begin() + p.axisb);
  p.shape = broadcast_shapes({ra, rb});
  p.axisc = 0;
  if (p.na == 3 || p.nb == 3) {
    p.shape.push_back(3);
    p.axisc = normalize_axis_named(axisc, static_cast<std::int64_t>(p.shape.size()), "axisc");
  }
  return p;
}

std::vector<std::int64_t> gradient_axes(const shape_t& shape, const axis_arg& axis,
                                        std::size_t n_spacings,
                                        const std::vector<std::int64_t>& coords_ndim,
                                        const std::vector<std::int64_t>& coords_len,
                                        int edge_order) {
  const auto ndim = static_cast<std::int64_t>(shape.size());
  std::vector<std::int64_t> axes;
  if (axis.all()) {
    for (std::int64_t i = 0; i < ndim; ++i) axes.push_back(i);
  } else {
    for (std::int64_t a : axis.axes()) {
      const std::int64_t n = normalize_axis(a, ndim);
      CUPP_EXPECTS(std::find(axes.begin(), axes.end(), n) == axes.end(), value_error,
                   "repeated axis");
      axes.push_back(n);
    }
  }
  const std::size_t len_axes = axes.size();
  if (n_spacings > 0 && !(n_spacings == 1 && coords_ndim[0] == 0)) {
    CUPP_EXPECTS(n_spacings == len_axes, type_error, "invalid number of arguments");
    for (std::size_t i = 0; i < n_spacings; ++i) {
      if (coords_ndim[i] == 0) continue;
      CUPP_EXPECTS(coords_ndim[i] == 1, value_error, "distances must be either scalars or 1d");
      CUPP_EXPECTS(coords_len[i] == shape[static_cast<std::size_t>(axes[i])], value_error,
                   "when 1d, distances must match the length of the corresponding dimension");
    }
  }
  CUPP_EXPECTS(edge_order <= 2, value_error, "'edge_order' greater than 2 not supported");
  for (std::int64_t a : axes)
    CUPP_EXPECTS(shape[static_cast<std::size_t>(a)] >= edge_order + 1, value_error,
                 "Shape of array too small to calculate a numerical gradient, at least "
                 "(edge_order + 1) elements are required.");
  return axes;
}

gradient_axis_spacing gradient_spacing_of(const std::vector<double>& coords, bool is_step,
                                          dtype rounding) {
  gradient_axis_spacing s;
  if (is_step) {
    s.step = coords.at(0);
    return s;
  }
  for (std::size_t i = 1; i < coords.size(); ++i) {
    double d = coords[i] - coords[i - 1];
    if (rounding == dtype::float32) d = static_cast<float>(static_cast<float>(coords[i]) -
                                                           static_cast<float>(coords[i - 1]));
    s.diffs.push_back(d);
  }
  // NumPy: a spacing whose differences are all equal is a step (diffx[0]).
  if (!s.diffs.empty() &&
      std::all_of(s.diffs.begin(), s.diffs.end(), [&](double d) { return d == s.diffs[0]; })) {
    s.step = s.diffs[0];
    s.diffs.clear();
    return s;
  }
  s.uniform = s.diffs.empty();
  return s;
}

std::vector<std::vector<double>> gradient_interior_coefficients(const std::vector<double>& diffs) {
  std::vector<std::vector<double>> c(3);
  for (std::size_t i = 0; i + 1 < diffs.size(); ++i) {
    const double dx1 = diffs[i], dx2 = diffs[i + 1];
    c[0].push_back(-(dx2) / (dx1 * (dx1 + dx2)));
    c[1].push_back((dx2 - dx1) / (dx1 * dx2));
    c[2].push_back(dx1 / (dx2 * (dx1 + dx2)));
  }
  return c;
}

std::vector<double> gradient_edge_coefficients(const gradient_axis_spacing& s) {
  const std::vector<double>& d = s.diffs;
  double dx1 = d[0], dx2 = d[1];
  std::vector<double> e = {-(2. * dx1 + dx2) / (dx1 * (dx1 + dx2)), (dx1 + dx2) / (dx1 * dx2),
                           -dx1 / (dx2 * (dx1 + dx2))};
  dx1 = d[d.size() - 2];
  dx2 = d[d.size() - 1];
  e.push_back(dx2 / (dx1 * (dx1 + dx2)));
  e.push_back(-(dx2 + dx1) / (dx1 * dx2));
  e.push_back((2. * dx2 + dx1) / (dx2 * (dx1 + dx2)));
  return e;
}

namespace {
void check_depth(std::int64_t ndim) {
  CUPP_EXPECTS(ndim <= 1, value_error, "object too deep for desired array");
  CUPP_EXPECTS(ndim >= 1, value_error, "object of too small depth for desired array");
}
}  // namespace

void check_interp(std::int64_t xp_ndim, std::int64_t xp_size, std::int64_t fp_ndim,
                  std::int64_t fp_size) {
  check_depth(fp_ndim);
  check_depth(xp_ndim);
  CUPP_EXPECTS(xp_size > 0, value_error, "array of sample points is empty");
  CUPP_EXPECTS(fp_size == xp_size, value_error, "fp and xp are not of the same length.");
}

void check_interp_period(double period, std::int64_t xp_ndim, std::int64_t xp_size,
                         std::int64_t fp_ndim, std::int64_t fp_size) {
  CUPP_EXPECTS(period != 0, value_error, "period must be a non-zero value");
  CUPP_EXPECTS(xp_ndim == 1 && fp_ndim == 1, value_error, "Data points must be 1-D sequences");
  CUPP_EXPECTS(xp_size == fp_size, value_error, "fp and xp are not of the same length");
  CUPP_EXPECTS(xp_size > 0, value_error, "array of sample points is empty");
}

}  // namespace cupp::detail
