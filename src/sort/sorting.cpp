// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The layout half of sorting and scans: every sort and scan works on C-contiguous rows along the
// last axis (Note [Sort along an axis]); the CUB half is in kernels/*.cu.
#include "cupp/routines/sorting.hpp"

#include <numeric>
#include <string>

#include "../../kernels/device_sort.hpp"
#include "cupp/cuda/stream.hpp"

namespace cupp::detail {
namespace {

// Note [Sort along an axis]: CUB sorts and scans contiguous sequences, so the axis is moved last
// (a view), the view is made C-contiguous (a copy only when it is not already: a C-contiguous
// array sorted along its last axis is read in place), every row is sorted or scanned, and the
// axis is moved back into a new C-contiguous array (again only when it was not last). A strided
// kernel along the axis would save the two copies for other axes, but it is the last axis that
// NumPy code sorts and scans almost always.

/// The permutation that moves `axis` last.
std::vector<std::int64_t> axis_last(std::int64_t ndim, std::int64_t axis) {
  std::vector<std::int64_t> perm;
  for (std::int64_t i = 0; i < ndim; ++i)
    if (i != axis) perm.push_back(i);
  perm.push_back(axis);
  return perm;
}

/// The permutation that undoes axis_last(ndim, axis).
std::vector<std::int64_t> axis_back(std::int64_t ndim, std::int64_t axis) {
  const std::vector<std::int64_t> perm = axis_last(ndim, axis);
  std::vector<std::int64_t> inverse(perm.size());
  for (std::size_t i = 0; i < perm.size(); ++i) inverse[static_cast<std::size_t>(perm[i])] =
      static_cast<std::int64_t>(i);
  return inverse;
}

bool contiguous(const array_desc& a) { return is_c_contiguous(a.shape, a.strides); }


}  // namespace

array_desc rows_along(const array_desc& a, std::int64_t axis) {
  const array_desc t = transpose(a, axis_last(a.ndim(), axis));
  return contiguous(t) ? t : copy(t);
}

array_desc move_axis_back(const array_desc& r, std::int64_t axis) {
  if (axis == r.ndim() - 1) return r;
  return copy(transpose(r, axis_back(r.ndim(), axis)));
}

array_desc sort_array(const array_desc& a, std::optional<std::int64_t> axis, bool indices) {
  array_desc src = a;
  std::int64_t ax = 0;
  if (!axis) {
    src = reshape(a, {-1});
  } else if (a.ndim() == 0 && indices) {
    // NumPy's argsort sees a 0-d array as 1-D (np.argsort(np.array(3.0)) is [0]); its sort does
    // not (np.sort(np.array(3.0)) is an AxisError).
    src = reshape(a, {1});
    ax = normalize_axis(*axis, 1);
  } else {
    ax = normalize_axis(*axis, a.ndim());
  }
  const array_desc rows_view = rows_along(src, ax);
  array_desc out = make_array(rows_view.shape, indices ? dtype::int64 : a.dt);
  const std::int64_t n = out.size();
  if (n > 0) {
    const std::int64_t length = rows_view.shape.back();
    sorting::sort_rows(a.dt, rows_view.ptr, out.ptr, n / length, length, indices,
                       cuda::get_current_stream());
  }
  return move_axis_back(out, ax);
}

array_desc scan_operand(const array_desc& a, std::optional<std::int64_t> axis) {
  // NumPy's cumsum sees a 0-d array as 1-D: np.cumsum(np.array(3.0), axis=0) is [3.].
  const array_desc src = a.ndim() == 0 ? reshape(a, {1}) : a;
  if (!axis) return reshape(src, {-1});
  const std::int64_t ax = normalize_axis(*axis, src.ndim());
  return transpose(src, axis_last(src.ndim(), ax));
}

void scan_rows(const array_desc& in, const array_desc& out, scan_op op) {
  CUPP_ASSERT(in.shape == out.shape && in.dt == out.dt && contiguous(in) && contiguous(out));
  const std::int64_t n = out.size();
  if (n == 0) return;
  const std::int64_t length = out.shape.back();
  sorting::scan_rows(out.dt, in.ptr, out.ptr, n / length, length,
                     op == scan_op::sum ? sorting::scan_op::sum : sorting::scan_op::prod,
                     cuda::get_current_stream());
}

array_desc scan_result(const array_desc& r, const array_desc& a, std::optional<std::int64_t> axis) {
  if (!axis || a.ndim() == 0) return r;
  return move_axis_back(r, normalize_axis(*axis, a.ndim()));
}

std::vector<index_item> slice_along(std::int64_t ndim, std::int64_t axis, const slice& s) {
  std::vector<index_item> items(static_cast<std::size_t>(ndim), index_item(slice()));
  items[static_cast<std::size_t>(axis)] = s;
  return items;
}

std::int64_t check_diff(std::int64_t ndim, std::int64_t n, std::int64_t axis) {
  CUPP_EXPECTS(n >= 0, value_error, "order must be non-negative but got " + std::to_string(n));
  CUPP_EXPECTS(ndim > 0, value_error, "diff requires input that is at least one dimensional");
  return normalize_axis(axis, ndim);
}

}  // namespace cupp::detail
