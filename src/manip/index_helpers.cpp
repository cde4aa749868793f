// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/routines/index_helpers.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <numeric>
#include <string>

#include "cupp/core/error.hpp"
#include "cupp/routines/reduction.hpp"

namespace cupp::detail {
namespace {

using index_array = ndarray<std::int64_t>;

/// arange(n) seen with `shape`, varying along `axis` only (stride 0 elsewhere).
array_desc range_along(std::int64_t axis, const shape_t& shape) {
  const index_array r = arange<std::int64_t>(shape[static_cast<std::size_t>(axis)]);
  strides_t strides(shape.size(), 0);
  strides[static_cast<std::size_t>(axis)] = 1;
  array_desc v = make_view(r.desc(), shape, std::move(strides), r.desc().ptr);
  v.readonly = true;
  return v;
}

/// The element strides of `dims` in `order`, as ravel_multi_index counts them. value_error when
/// their product passes int64.
strides_t index_strides(const shape_t& dims, char order) {
  strides_t s(dims.size());
  std::int64_t step = 1;
  for (std::size_t k = 0; k < dims.size(); ++k) {
    const std::size_t i = order == 'C' ? dims.size() - 1 - k : k;
    s[i] = step;
    CUPP_EXPECTS(dims[i] == 0 || step <= std::numeric_limits<std::int64_t>::max() / dims[i],
                 value_error,
                 "invalid dims: array size defined by dims is larger than the maximum possible "
                 "size.");
    step *= dims[i];
  }
  return s;
}

/// ravel_multi_index's checks of its arguments' lengths, in NumPy's words.
void check_ravel_args(std::size_t coords, const shape_t& dims, std::size_t modes) {
  CUPP_EXPECTS(coords == dims.size(), value_error,
               "parameter multi_index must be a sequence of length " +
                   std::to_string(dims.size()));
  CUPP_EXPECTS(modes == 1 || modes == dims.size(), value_error,
               "list of clipmodes has wrong length (" + std::to_string(modes) + " instead of " +
                   std::to_string(dims.size()) + ")");
  // A negative dimension holds no coordinate (NumPy finds every entry invalid).
  for (const std::int64_t d : dims)
    CUPP_EXPECTS(d >= 0, value_error, "invalid entry in coordinates array");
}

}  // namespace

array_desc indices(const shape_t& dimensions) {
  check_shape(dimensions);
  shape_t shape{static_cast<std::int64_t>(dimensions.size())};
  shape.insert(shape.end(), dimensions.begin(), dimensions.end());
  array_desc out = make_array(shape, dtype::int64);
  if (shape_size(dimensions) == 0) return out;
  for (std::size_t i = 0; i < dimensions.size(); ++i)
    copy_into(range_along(static_cast<std::int64_t>(i), dimensions),
              index_view(out, {static_cast<std::int64_t>(i)}));
  return out;
}

std::vector<array_desc> sparse_indices(const shape_t& dimensions) {
  check_shape(dimensions);
  std::vector<array_desc> out;
  for (std::size_t i = 0; i < dimensions.size(); ++i) {
    shape_t shape(dimensions.size(), 1);
    shape[i] = dimensions[i];
    out.push_back(reshape(arange<std::int64_t>(dimensions[i]).desc(), shape));
  }
  return out;
}

void check_index_order(char order) {
  CUPP_EXPECTS(order == 'C' || order == 'F', value_error, "only 'C' or 'F' order is permitted");
}

array_desc ravel_multi_index(const std::vector<array_desc>& multi_index, const shape_t& dims,
                             const std::vector<index_mode>& modes, char order) {
  check_ravel_args(multi_index.size(), dims, modes.size());
  check_index_order(order);
  const strides_t strides = index_strides(dims, order);
  std::vector<shape_t> shapes;
  for (const array_desc& c : multi_index) shapes.push_back(c.shape);
  const shape_t shape = broadcast_shapes(shapes);
  index_array out = zeros<std::int64_t>(shape);
  if (out.size() == 0) return out.desc();
  // NumPy: with coordinates to place, a zero dimension is an error in any mode.
  CUPP_EXPECTS(std::find(dims.begin(), dims.end(), 0) == dims.end(), value_error,
               "cannot unravel if shape has zero entries (is empty).");
  std::optional<ndarray<bool>> invalid;
  for (std::size_t i = 0; i < dims.size(); ++i) {
    const index_array c(broadcast_to(multi_index[i], shape));
    const std::int64_t m = dims[i], s = strides[i];
    switch (modes[modes.size() == 1 ? 0 : i]) {
      case index_mode::raise: {
        ndarray<bool> bad = logical_or(less(c, std::int64_t{0}), greater_equal(c, m));
        invalid = invalid ? ndarray<bool>(logical_or(*invalid, bad)) : bad;
        out = out + c * s;
        break;
      }
      case index_mode::wrap:
        out = out + remainder(c, m) * s;
        break;
      case index_mode::clip:
        out = out + minimum(maximum(c, std::int64_t{0}), m - 1) * s;
        break;
    }
  }
  CUPP_EXPECTS(!invalid || !any(*invalid).item(), value_error,
               "invalid entry in coordinates array");
  return out.desc();
}

std::vector<array_desc> unravel_index(const array_desc& indices, const shape_t& shape, char order) {
  check_index_order(order);
  // Not shape_size: NumPy multiplies a negative dimension in, and then no index is in bounds.
  const std::int64_t size =
      std::accumulate(shape.begin(), shape.end(), std::int64_t{1}, std::multiplies<>());
  const index_array idx(indices);
  std::vector<array_desc> out;
  if (idx.size() == 0) {
    for (std::size_t i = 0; i < shape.size(); ++i) out.push_back(make_array(idx.shape(), dtype::int64));
    return out;
  }
  const ndarray<bool> bad = logical_or(less(idx, std::int64_t{0}), greater_equal(idx, size));
  if (any(bad).item()) {
    const std::int64_t first = flatnonzero(bad).item({0});
    const std::int64_t value = idx.reshape({-1})(first).item();
    throw value_error("index " + std::to_string(value) + " is out of bounds for array with size " +
                      std::to_string(size));
  }
  // Every dimension is positive here (size > 0 holds an index).
  std::int64_t step = 1;
  out.resize(shape.size());
  for (std::size_t k = 0; k < shape.size(); ++k) {
    const std::size_t i = order == 'C' ? shape.size() - 1 - k : k;
    const index_array coord = remainder(floor_divide(idx, step), shape[i]);
    out[i] = coord.desc();
    step *= shape[i];
  }
  return out;
}

void check_equal_dims(const shape_t& shape) {
  CUPP_EXPECTS(shape.size() >= 2, value_error, "input array must be at least 2-d");
  CUPP_EXPECTS(std::adjacent_find(shape.begin(), shape.end(), std::not_equal_to<>()) == shape.end(),
               value_error, "All dimensions of input must be of equal length");
}

std::vector<array_desc> fill_diagonal_views(const array_desc& a, bool wrap) {
  CUPP_EXPECTS(a.ndim() >= 2, value_error, "array must be at least 2-d");
  if (a.ndim() > 2) {
    CUPP_EXPECTS(std::adjacent_find(a.shape.begin(), a.shape.end(), std::not_equal_to<>()) ==
                     a.shape.end(),
                 value_error, "All dimensions of input must be of equal length");
    std::int64_t step = 0;
    for (const std::int64_t s : a.strides) step += s;
    return {make_view(a, shape_t{a.shape[0]}, strides_t{step}, a.ptr)};
  }
  const std::int64_t rows = a.shape[0], cols = a.shape[1];
  const std::int64_t step = a.strides[0] + a.strides[1];
  if (!wrap || rows <= cols || cols == 0)
    return {make_view(a, shape_t{std::min(rows, cols)}, strides_t{step}, a.ptr)};
  // Note [Wrapped diagonal]: NumPy steps through the flattened matrix by ncols + 1, so the
  // diagonal starts again at row j (ncols + 1) for block j. In a C-contiguous matrix that is one
  // strided view; otherwise one diagonal view per block of rows.
  if (is_c_contiguous(a.shape, a.strides))
    return {make_view(a, shape_t{(rows * cols + cols) / (cols + 1)}, strides_t{cols + 1}, a.ptr)};
  std::vector<array_desc> out;
  const auto item = static_cast<std::int64_t>(a.itemsize());
  for (std::int64_t start = 0; start < rows; start += cols + 1) {
    const std::int64_t length = std::min(cols, rows - start);
    out.push_back(make_view(a, shape_t{length}, strides_t{step},
                            a.ptr + start * a.strides[0] * item));
  }
  return out;
}

}  // namespace cupp::detail
