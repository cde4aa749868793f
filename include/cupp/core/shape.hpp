// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Shape, stride, broadcasting and slicing arithmetic: host-only, dtype-free, compiled once in
// src/core/shape.cpp. Strides here are in elements (as DLPack counts), never bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <initializer_list>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace cupp {

using shape_t = std::vector<std::int64_t>;
using strides_t = std::vector<std::int64_t>;

/// NumPy's `:`-style slice. slice() is `:`, slice(stop), slice(start, stop), slice(start, stop,
/// step); std::nullopt means "omitted" as in Python.
struct slice {
  /// The first index; nullopt when omitted.
  std::optional<std::int64_t> start;
  /// The end (exclusive); nullopt when omitted.
  std::optional<std::int64_t> stop;
  /// The step; negative steps walk backwards, 0 is a value_error when the slice is used.
  std::int64_t step = 1;
  slice() = default;
  /// slice(stop): Python's `:stop`.
  explicit slice(std::optional<std::int64_t> stop_) : stop(stop_) {}
  /// slice(start, stop, step): Python's `start:stop:step`.
  slice(std::optional<std::int64_t> start_, std::optional<std::int64_t> stop_,
        std::int64_t step_ = 1)
      : start(start_), stop(stop_), step(step_) {}
};

/// A slice resolved against a dimension: the first index, the step and the number of elements.
struct resolved_slice {
  /// The first index.
  std::int64_t start = 0;
  /// The step.
  std::int64_t step = 1;
  /// The number of elements.
  std::int64_t length = 0;
};

/// Python's slice.indices(): clamps start/stop to the dimension as NumPy does. start and step are
/// exactly what slice.indices returns, even for an empty result (where start may be -1 or dim):
/// NumPy's indexing then starts the view at element 0. Throws value_error "slice step cannot be
/// zero", or "length should not be negative" for dim < 0.
resolved_slice resolve_slice(const slice& s, std::int64_t dim);

/// Product of the dimensions (1 for a 0-d shape). Throws value_error on a negative dimension
/// ("negative dimensions are not allowed") or when the product overflows int64
/// ("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.").
std::int64_t shape_size(const shape_t& shape);

/// Throws value_error "negative dimensions are not allowed" if any dimension is negative.
void check_shape(const shape_t& shape);

/// C-order (row-major) strides in elements. A dimension of size 0 counts as 1, as in NumPy's
/// strides for a reshaped empty array: c_strides({2, 0, 3}) is {3, 3, 1}.
strides_t c_strides(const shape_t& shape);
/// Fortran-order strides in elements, with the same rule for dimensions of size 0.
strides_t f_strides(const shape_t& shape);

/// NumPy's flags: dimensions of size 1 are ignored, and an empty array is contiguous.
bool is_c_contiguous(const shape_t& shape, const strides_t& strides);
bool is_f_contiguous(const shape_t& shape, const strides_t& strides);

/// Wraps a possibly negative axis into [0, ndim). Throws axis_error
/// "axis 3 is out of bounds for array of dimension 2".
std::int64_t normalize_axis(std::int64_t axis, std::int64_t ndim);

/// Wraps a possibly negative index into [0, dim). Throws index_error
/// "index 5 is out of bounds for axis 0 with size 3".
std::int64_t normalize_index(std::int64_t index, std::int64_t dim, std::int64_t axis);

/// NumPy's tuple spelling: "()", "(5,)", "(3, 4)".
std::string shape_str(const shape_t& shape);

/// The broadcast shape of several operands. Throws broadcast_error
/// "operands could not be broadcast together with shapes (3,4) (5,) " (NumPy's wording: shapes
/// without spaces, separated by spaces).
shape_t broadcast_shapes(const std::vector<shape_t>& shapes);

/// Strides that view an operand of (shape, strides) as `target` (stride 0 on broadcast
/// dimensions and on every dimension of size 1), as numpy.broadcast_to. Throws broadcast_error
/// "operands could not be broadcast together with remapped shapes [original->remapped]: (3,)  and
/// requested shape (4,4)" as NumPy does, and value_error for NumPy's other cases: "cannot
/// broadcast a non-scalar to a scalar array", "all elements of broadcast shape must be
/// non-negative", "input operand has more dimensions than allowed by the axis remapping".
strides_t broadcast_strides(const shape_t& shape, const strides_t& strides, const shape_t& target);

/// Resolves one -1 in `newshape` against `size`. As in NumPy and CuPy, any negative entry is an
/// unknown dimension. Throws value_error for two unknown dimensions ("can only specify one unknown
/// dimension") or a size mismatch, in NumPy's spelling of the requested shape ("cannot reshape
/// array of size 12 into shape (5,)", "... size 0 into shape (0)" for (-1, 0), "(7,newaxis)" for
/// (7, -1)).
shape_t infer_reshape(const shape_t& newshape, std::int64_t size);

/// Strides that let an array of (shape, strides) be viewed with `newshape` without a copy
/// (NumPy's _attempt_nocopy_reshape, C order), or nullopt when a copy is needed. `newshape` must
/// have been resolved by infer_reshape.
std::optional<strides_t> reshape_strides(const shape_t& shape, const strides_t& strides,
                                         const shape_t& newshape);

/// Merges dimensions that are contiguous with each other in every operand (Note [Collapsing
/// dimensions]): dimensions of size 1 are dropped, and dimension i is merged into i+1 when, for
/// every operand, stride[i] == stride[i+1] * shape[i+1]. Operates in place; the result may be 0-d
/// (size 1) or have a single dimension. An empty shape becomes (0,) with stride 1 in every
/// operand. `operand_strides` all have shape.size() entries.
void collapse_dims(shape_t& shape, std::vector<strides_t*> operand_strides);

/// The `axis` argument of a reduction, as NumPy takes it: omitted or std::nullopt for every
/// axis, one axis, or several ({0, 2}); negative axes count from the end.
class axis_arg {
 public:
  axis_arg() = default;
  /// Every axis, as NumPy's axis=None.
  axis_arg(std::nullopt_t) {}  // NOLINT: implicit, as NumPy's axis=None
  /// One axis (negative counts from the end).
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  axis_arg(I axis) : axes_{static_cast<std::int64_t>(axis)}, all_(false) {}  // NOLINT
  /// Several axes: `{0, 2}`.
  axis_arg(std::initializer_list<std::int64_t> axes) : axes_(axes), all_(false) {}
  /// Several axes, from a vector.
  axis_arg(std::vector<std::int64_t> axes) : axes_(std::move(axes)), all_(false) {}  // NOLINT

  /// True when every axis is reduced (no axis given).
  bool all() const noexcept { return all_; }
  /// The axes given, as given (empty when all()).
  const std::vector<std::int64_t>& axes() const noexcept { return axes_; }

 private:
  std::vector<std::int64_t> axes_;
  bool all_ = true;
};

/// The method forms of the reductions that ndarray and expressions share, as NumPy's
/// a.sum(...): declared in each class, defined in cupp/routines/reduction.hpp.
#define CUPP_REDUCTION_METHODS                                                              \
  /** numpy.ndarray.sum: cupp::sum along `axis` (every axis by default). */                 \
  auto sum(const axis_arg& axis = {}, bool keepdims = false) const;                         \
  /** numpy.ndarray.prod: cupp::prod along `axis`. */                                       \
  auto prod(const axis_arg& axis = {}, bool keepdims = false) const;                        \
  /** numpy.ndarray.mean: cupp::mean along `axis` (float64 for integers). */                \
  auto mean(const axis_arg& axis = {}, bool keepdims = false) const;                        \
  /** numpy.ndarray.var: cupp::var along `axis`, over count - ddof. */                      \
  auto var(const axis_arg& axis = {}, bool keepdims = false, double ddof = 0.0) const;      \
  /** numpy.ndarray.std: cupp::stddev, the square root of var. */                           \
  auto stddev(const axis_arg& axis = {}, bool keepdims = false, double ddof = 0.0) const;   \
  /** numpy.ndarray.max: cupp::max along `axis` (value_error if empty). */                  \
  auto max(const axis_arg& axis = {}, bool keepdims = false) const;                         \
  /** numpy.ndarray.min: cupp::min along `axis` (value_error if empty). */                  \
  auto min(const axis_arg& axis = {}, bool keepdims = false) const;                         \
  /** numpy.ndarray.ptp: max - min along `axis` (cupp::ptp). */                             \
  auto ptp(const axis_arg& axis = {}, bool keepdims = false) const;                         \
  /** numpy.ndarray.argmax: int64 index of the first largest element. */                    \
  auto argmax(const axis_arg& axis = {}, bool keepdims = false) const;                      \
  /** numpy.ndarray.argmin: int64 index of the first smallest element. */                   \
  auto argmin(const axis_arg& axis = {}, bool keepdims = false) const;                      \
  /** numpy.ndarray.all: whether every element is nonzero (cupp::all). */                   \
  auto all(const axis_arg& axis = {}, bool keepdims = false) const;                         \
  /** numpy.ndarray.any: whether some element is nonzero (cupp::any). */                    \
  auto any(const axis_arg& axis = {}, bool keepdims = false) const;

}  // namespace cupp
