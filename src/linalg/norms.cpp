// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The dtype-independent half of norm and cond: which norm an ord and axis name, and the checks.
#include "cupp/linalg/norms.hpp"

#include <cmath>
#include <string>

namespace cupp::linalg::detail {

norm_plan plan_norm(std::int64_t ndim, const norm_ord& ord, const axis_arg& axis) {
  const bool fro = ord.is_name() && (ord.name() == "fro" || ord.name() == "f");
  norm_plan plan;
  // NumPy's fast path: the 2-norm of the flattened array, whatever its shape.
  if (axis.all() && (ord.is_none() || (fro && ndim == 2) || (ord == 2 && ndim == 1))) {
    plan.kind = norm_kind::flat_2;
    return plan;
  }
  std::vector<std::int64_t> axes;
  if (axis.all()) {
    for (std::int64_t i = 0; i < ndim; ++i) axes.push_back(i);
  } else {
    axes = axis.axes();
  }
  if (axes.size() == 1) {
    if (ord == INFINITY) {
      plan.kind = norm_kind::vector_max;
    } else if (ord == -INFINITY) {
      plan.kind = norm_kind::vector_min;
    } else if (ord == 0) {
      plan.kind = norm_kind::vector_count;
    } else if (ord == 1) {
      plan.kind = norm_kind::vector_sum;
    } else if (ord.is_none() || ord == 2) {
      plan.kind = norm_kind::vector_2;
    } else if (ord.is_name()) {
      throw value_error("Invalid norm order '" + ord.name() + "' for vectors");
    } else {
      plan.kind = norm_kind::vector_p;
      plan.p = ord.value();
    }
    plan.axes = {normalize_axis(axes[0], ndim)};
    return plan;
  }
  if (axes.size() == 2) {
    const std::int64_t row = normalize_axis(axes[0], ndim);
    const std::int64_t col = normalize_axis(axes[1], ndim);
    CUPP_EXPECTS(row != col, value_error, "Duplicate axes given.");
    plan.axes = {row, col};
    if (ord == 2)
      plan.kind = norm_kind::matrix_2;
    else if (ord == -2)
      plan.kind = norm_kind::matrix_m2;
    else if (ord == 1)
      plan.kind = norm_kind::matrix_1;
    else if (ord == INFINITY)
      plan.kind = norm_kind::matrix_inf;
    else if (ord == -1)
      plan.kind = norm_kind::matrix_m1;
    else if (ord == -INFINITY)
      plan.kind = norm_kind::matrix_minf;
    else if (ord.is_none() || fro)
      plan.kind = norm_kind::matrix_fro;
    else if (ord.is_name() && ord.name() == "nuc")
      plan.kind = norm_kind::matrix_nuc;
    else
      throw value_error("Invalid norm order for matrices.");
    return plan;
  }
  throw value_error("Improper number of dimensions to norm.");
}

shape_t norm_keepdims_shape(const shape_t& shape, const norm_plan& plan) {
  shape_t s = shape;
  for (const std::int64_t a : plan.axes) s[static_cast<std::size_t>(a)] = 1;
  return s;
}

std::vector<std::int64_t> norm_matrix_last(std::int64_t ndim, const norm_plan& plan) {
  std::vector<std::int64_t> perm;
  for (std::int64_t i = 0; i < ndim; ++i)
    if (i != plan.axes[0] && i != plan.axes[1]) perm.push_back(i);
  perm.push_back(plan.axes[0]);
  perm.push_back(plan.axes[1]);
  return perm;
}

void check_cond_not_empty(const array_desc& a) {
  // NumPy's _is_empty_2d: no elements, and none in the last two axes.
  std::int64_t last = 1;
  const std::size_t nd = a.shape.size();
  for (std::size_t i = nd >= 2 ? nd - 2 : 0; i < nd; ++i) last *= a.shape[i];
  CUPP_EXPECTS(!(a.size() == 0 && last == 0), linalg_error, "cond is not defined on empty arrays");
}

void throw_needs(const char* what) {
  throw not_implemented_error(std::string("this norm needs ") + what +
                              ", which is not in this build");
}

}  // namespace cupp::linalg::detail
