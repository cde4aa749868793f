// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Joining, splitting and rearranging: concatenate, stack and its vstack/hstack/dstack/
// column_stack forms, split and array_split with hsplit/vsplit/dsplit, tile, repeat, roll, rot90,
// resize and trim_zeros. Joins, tile, repeat, roll and resize copy into a new array (memcpys where
// both sides are contiguous, else one strided copy each); splits, rot90 and trim_zeros are views,
// as NumPy's are.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/ndarray.hpp"
#include "cupp/routines/manipulation.hpp"
#include "cupp/routines/searching.hpp"

namespace cupp {

/// NumPy's `indices_or_sections` of split and array_split: a number of sections, or the sorted
/// indices at which to split.
class split_arg {
 public:
  /// A number of sections (NumPy's indices_or_sections=3).
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  split_arg(I sections) : sections_(static_cast<std::int64_t>(sections)) {}  // NOLINT: implicit
  /// The indices at which to split: `{2, 5}`.
  split_arg(std::initializer_list<std::int64_t> indices) : indices_(indices) {}
  /// The indices at which to split, from a vector.
  split_arg(std::vector<std::int64_t> indices) : indices_(std::move(indices)) {}  // NOLINT

  /// The number of sections, or nullopt when indices were given.
  const std::optional<std::int64_t>& sections() const noexcept { return sections_; }
  /// The indices given (empty when sections() was).
  const std::vector<std::int64_t>& indices() const noexcept { return indices_; }

 private:
  std::optional<std::int64_t> sections_;
  std::vector<std::int64_t> indices_;
};

namespace detail {

/// The shape of concatenate(arrays, axis) (axis nullopt: the arrays flattened), after NumPy's
/// checks: value_error "need at least one array to concatenate", "zero-dimensional arrays cannot
/// be concatenated", "all the input arrays must have same number of dimensions, ...", "all the
/// input array dimensions except for the concatenation axis must match exactly, ...", axis_error.
shape_t concatenated_shape(const std::vector<shape_t>& shapes, std::optional<std::int64_t> axis);
/// numpy.concatenate of descriptions of one dtype into a new C-contiguous array.
array_desc concatenate(const std::vector<array_desc>& arrays, std::optional<std::int64_t> axis);
/// numpy.stack: each array given a new axis at `axis`, then concatenated along it. value_error
/// "need at least one array to stack", "all input arrays must have the same shape"; axis_error.
array_desc stack(const std::vector<array_desc>& arrays, std::int64_t axis);
/// The views numpy.array_split returns (with `equal`, numpy.split's check: value_error "array
/// split does not result in an equal division"). value_error "number sections must be larger
/// than 0."; axis_error.
std::vector<array_desc> array_split(const array_desc& a, const split_arg& sections,
                                    std::int64_t axis, bool equal);
/// The read-only view that tile copies: `a` (padded with leading axes to the length of `reps`)
/// seen as (r0, d0, r1, d1, ...) with stride 0 on the repetition axes. value_error "negative
/// dimensions are not allowed" for a negative repetition.
array_desc tiled_view(const array_desc& a, const std::vector<std::int64_t>& reps);
/// numpy.tile.
array_desc tile(const array_desc& a, const std::vector<std::int64_t>& reps);
/// The read-only view that repeat copies: `a` with a stride-0 axis of length `repeats` after
/// `axis` (after the last axis when nullopt). axis_error; value_error "negative dimensions are
/// not allowed" for a negative count (NumPy 2's message).
array_desc repeated_view(const array_desc& a, std::int64_t repeats,
                         std::optional<std::int64_t> axis);
/// numpy.repeat with one repetition count for every element.
array_desc repeat(const array_desc& a, std::int64_t repeats, std::optional<std::int64_t> axis);
/// numpy.repeat with a count per element along the axis: a take of the indices 0 (counts[0]
/// times), 1 (counts[1] times), ...; one count is the scalar form.
array_desc repeat(const array_desc& a, const std::vector<std::int64_t>& counts,
                  std::optional<std::int64_t> axis);
/// numpy.roll: shifts[i] along axes[i] (summed for repeated axes); axes nullopt rolls the
/// flattened array by the sum of the shifts. value_error for shifts and axes of different lengths
/// (NumPy's broadcast message), axis_error.
array_desc roll(const array_desc& a, const std::vector<std::int64_t>& shifts,
                const std::optional<std::vector<std::int64_t>>& axes);
/// numpy.rot90 as a view. value_error "len(axes) must be 2.", "Axes must be different.",
/// "Axes=(0, 3) out of range for array of ndim=2.".
array_desc rot90(const array_desc& a, std::int64_t k, const std::vector<std::int64_t>& axes);
/// numpy.resize: the flattened data of `a` repeated to fill `new_shape` (zeros when `a` is
/// empty). value_error "all elements of `new_shape` must be non-negative".
array_desc resize(const array_desc& a, const shape_t& new_shape);
/// trim_zeros' `trim`, lowercased: {trim the front, trim the back}. value_error
/// "unexpected character(s) in `trim`: 'x'" for anything but "f", "b", "fb" or "bf".
std::pair<bool, bool> trim_sides(const std::string& trim);

template <class T>
std::vector<array_desc> descs_of(const std::vector<ndarray<T>>& arrays) {
  std::vector<array_desc> out;
  out.reserve(arrays.size());
  for (const auto& a : arrays) out.push_back(a.desc());
  return out;
}
template <class T>
std::vector<ndarray<T>> arrays_of(std::vector<array_desc> descs) {
  std::vector<ndarray<T>> out;
  out.reserve(descs.size());
  for (auto& d : descs) out.emplace_back(std::move(d));
  return out;
}

}  // namespace detail

// ---- joining ---------------------------------------------------------------------------------

/// numpy.concatenate(arrays, axis): the arrays joined along an existing axis (std::nullopt:
/// each flattened first), into a new C-contiguous array. Throws value_error "need at least one
/// array to concatenate", "zero-dimensional arrays cannot be concatenated", "all the input arrays
/// must have same number of dimensions, but the array at index 0 has 2 dimension(s) and the
/// array at index 1 has 1 dimension(s)", "all the input array dimensions except for the
/// concatenation axis must match exactly, but along dimension 1, the array at index 0 has size 3
/// and the array at index 1 has size 4", and axis_error.
template <class T>
ndarray<T> concatenate(const std::vector<ndarray<T>>& arrays,
                       std::optional<std::int64_t> axis = 0) {
  return ndarray<T>(detail::concatenate(detail::descs_of(arrays), axis));
}
/// numpy.stack(arrays, axis): the arrays, all of one shape, joined along a new axis. Throws
/// value_error "need at least one array to stack", "all input arrays must have the same shape",
/// and axis_error (axis counts in the result's dimensions).
template <class T>
ndarray<T> stack(const std::vector<ndarray<T>>& arrays, std::int64_t axis = 0) {
  return ndarray<T>(detail::stack(detail::descs_of(arrays), axis));
}
/// numpy.vstack: the arrays as at least 2-D, joined along axis 0. Errors as concatenate.
template <class T>
ndarray<T> vstack(const std::vector<ndarray<T>>& arrays) {
  std::vector<detail::array_desc> d;
  for (const auto& a : arrays) d.push_back(detail::atleast(a.desc(), 2));
  return ndarray<T>(detail::concatenate(d, 0));
}
/// numpy.row_stack: vstack under its old name.
template <class T>
ndarray<T> row_stack(const std::vector<ndarray<T>>& arrays) {
  return vstack(arrays);
}
/// numpy.hstack: 1-D (and 0-d) arrays joined along axis 0, others along axis 1. Errors as
/// concatenate.
template <class T>
ndarray<T> hstack(const std::vector<ndarray<T>>& arrays) {
  std::vector<detail::array_desc> d;
  for (const auto& a : arrays) d.push_back(detail::atleast(a.desc(), 1));
  const std::int64_t axis = !d.empty() && d[0].ndim() == 1 ? 0 : 1;
  return ndarray<T>(detail::concatenate(d, axis));
}
/// numpy.dstack: the arrays as at least 3-D ((N,) as (1, N, 1), (M, N) as (M, N, 1)), joined
/// along axis 2. Errors as concatenate.
template <class T>
ndarray<T> dstack(const std::vector<ndarray<T>>& arrays) {
  std::vector<detail::array_desc> d;
  for (const auto& a : arrays) d.push_back(detail::atleast(a.desc(), 3));
  return ndarray<T>(detail::concatenate(d, 2));
}
/// numpy.column_stack: 1-D arrays as columns (N, 1) (0-d as (1, 1)), 2-D and higher unchanged,
/// joined along axis 1. Errors as concatenate.
template <class T>
ndarray<T> column_stack(const std::vector<ndarray<T>>& arrays) {
  std::vector<detail::array_desc> d;
  for (const auto& a : arrays)
    d.push_back(a.ndim() < 2 ? detail::reversed_axes(detail::atleast(a.desc(), 2)) : a.desc());
  return ndarray<T>(detail::concatenate(d, 1));
}

// The joins and stacks also take a braced list, as Python's list: cupp::concatenate({a, b}, 0),
// cupp::stack({a, b}, 1), cupp::hstack({a, b, c}). The arrays are of one dtype T; with T named,
// concatenate<float>({a, b * 2.0f}) also takes expressions of that dtype, each evaluated first.

/// numpy.concatenate of a braced list.
template <class T>
ndarray<T> concatenate(std::initializer_list<ndarray<T>> arrays,
                       std::optional<std::int64_t> axis = 0) {
  return concatenate(std::vector<ndarray<T>>(arrays), axis);
}
/// numpy.stack of a braced list.
template <class T>
ndarray<T> stack(std::initializer_list<ndarray<T>> arrays, std::int64_t axis = 0) {
  return stack(std::vector<ndarray<T>>(arrays), axis);
}
/// numpy.vstack of a braced list.
template <class T>
ndarray<T> vstack(std::initializer_list<ndarray<T>> arrays) {
  return vstack(std::vector<ndarray<T>>(arrays));
}
/// numpy.row_stack of a braced list.
template <class T>
ndarray<T> row_stack(std::initializer_list<ndarray<T>> arrays) {
  return vstack(std::vector<ndarray<T>>(arrays));
}
/// numpy.hstack of a braced list.
template <class T>
ndarray<T> hstack(std::initializer_list<ndarray<T>> arrays) {
  return hstack(std::vector<ndarray<T>>(arrays));
}
/// numpy.dstack of a braced list.
template <class T>
ndarray<T> dstack(std::initializer_list<ndarray<T>> arrays) {
  return dstack(std::vector<ndarray<T>>(arrays));
}
/// numpy.column_stack of a braced list.
template <class T>
ndarray<T> column_stack(std::initializer_list<ndarray<T>> arrays) {
  return column_stack(std::vector<ndarray<T>>(arrays));
}

// ---- splitting (views) -----------------------------------------------------------------------

/// numpy.array_split: `sections` parts along `axis` (the first len % sections one element
/// longer), or the parts between the given indices (Python slice rules: clamped, negative
/// counting from the end). Views of `a`. Throws value_error "number sections must be larger than
/// 0." and axis_error.
template <class T>
std::vector<ndarray<T>> array_split(const ndarray<T>& a, const split_arg& indices_or_sections,
                                    std::int64_t axis = 0) {
  return detail::arrays_of<T>(detail::array_split(a.desc(), indices_or_sections, axis, false));
}
/// numpy.split: as array_split, but a number of sections must divide the axis: value_error
/// "array split does not result in an equal division" otherwise.
template <class T>
std::vector<ndarray<T>> split(const ndarray<T>& a, const split_arg& indices_or_sections,
                              std::int64_t axis = 0) {
  return detail::arrays_of<T>(detail::array_split(a.desc(), indices_or_sections, axis, true));
}
/// numpy.hsplit: split along axis 1 (axis 0 for 1-D). value_error "hsplit only works on arrays
/// of 1 or more dimensions".
template <class T>
std::vector<ndarray<T>> hsplit(const ndarray<T>& a, const split_arg& indices_or_sections) {
  CUPP_EXPECTS(a.ndim() >= 1, value_error, "hsplit only works on arrays of 1 or more dimensions");
  return split(a, indices_or_sections, a.ndim() > 1 ? 1 : 0);
}
/// numpy.vsplit: split along axis 0. value_error "vsplit only works on arrays of 2 or more
/// dimensions".
template <class T>
std::vector<ndarray<T>> vsplit(const ndarray<T>& a, const split_arg& indices_or_sections) {
  CUPP_EXPECTS(a.ndim() >= 2, value_error, "vsplit only works on arrays of 2 or more dimensions");
  return split(a, indices_or_sections, 0);
}
/// numpy.dsplit: split along axis 2. value_error "dsplit only works on arrays of 3 or more
/// dimensions".
template <class T>
std::vector<ndarray<T>> dsplit(const ndarray<T>& a, const split_arg& indices_or_sections) {
  CUPP_EXPECTS(a.ndim() >= 3, value_error, "dsplit only works on arrays of 3 or more dimensions");
  return split(a, indices_or_sections, 2);
}

// ---- rearranging -----------------------------------------------------------------------------

/// numpy.tile(a, reps): `a` repeated reps[i] times along each axis (reps padded with leading 1s
/// to a.ndim, or `a` with leading axes to len(reps)); a new array, one broadcast copy. Throws
/// value_error "negative dimensions are not allowed" for a negative repetition.
template <class T>
ndarray<T> tile(const ndarray<T>& a, const std::vector<std::int64_t>& reps) {
  return ndarray<T>(detail::tile(a.desc(), reps));
}
template <class T>
ndarray<T> tile(const ndarray<T>& a, std::int64_t reps) {
  return tile(a, std::vector<std::int64_t>{reps});
}

/// numpy.repeat(a, repeats, axis) with one count for every element: each element repeated
/// `repeats` times along `axis` (std::nullopt: in the flattened array, giving 1-D); a new array,
/// one broadcast copy. Throws axis_error, and value_error "negative dimensions are not allowed"
/// for a negative count.
template <class T>
ndarray<T> repeat(const ndarray<T>& a, std::int64_t repeats,
                  std::optional<std::int64_t> axis = std::nullopt) {
  return ndarray<T>(detail::repeat(a.desc(), repeats, axis));
}
/// numpy.repeat with one count per element along `axis` (of the flattened array without one):
/// element i repeated repeats[i] times; one count repeats every element. value_error "operands
/// could not be broadcast together with shape (3,) (2,)" for a count list of another length,
/// "repeats may not contain negative values." for a negative count.
template <class T>
ndarray<T> repeat(const ndarray<T>& a, const std::vector<std::int64_t>& repeats,
                  std::optional<std::int64_t> axis = std::nullopt) {
  return ndarray<T>(detail::repeat(a.desc(), repeats, axis));
}
/// The same with the counts in a device array (read back to size the result).
template <class T, class I>
ndarray<T> repeat(const ndarray<T>& a, const ndarray<I>& repeats,
                  std::optional<std::int64_t> axis = std::nullopt) {
  static_assert(std::is_integral_v<I> && !std::is_same_v<I, bool>, "repeats must be integers");
  const std::vector<I> counts = repeats.get();
  return repeat(a, std::vector<std::int64_t>(counts.begin(), counts.end()), axis);
}

/// numpy.roll(a, shift, axis): the elements shifted by `shift` along `axis`, those pushed past
/// the end coming back at the start; std::nullopt rolls the flattened array and keeps the shape.
/// A new array, made of one copy per block (two per rolled axis). Throws axis_error.
template <class T>
ndarray<T> roll(const ndarray<T>& a, std::int64_t shift,
                std::optional<std::int64_t> axis = std::nullopt) {
  std::optional<std::vector<std::int64_t>> axes;
  if (axis) axes = std::vector<std::int64_t>{*axis};
  return ndarray<T>(detail::roll(a.desc(), {shift}, axes));
}
/// numpy.roll with several shifts and axes, pairwise (one shift for several axes, or one axis for
/// several shifts, is repeated; shifts on a repeated axis add up). Throws value_error "shape
/// mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with
/// shape (2,) and arg 1 with shape (3,)." for lengths that do not pair, and axis_error.
template <class T>
ndarray<T> roll(const ndarray<T>& a, const std::vector<std::int64_t>& shift,
                const std::vector<std::int64_t>& axis) {
  return ndarray<T>(detail::roll(a.desc(), shift, axis));
}

/// numpy.rot90(m, k, axes): a view rotating the plane of `axes` by 90 degrees k times, from the
/// first axis towards the second. Throws value_error "len(axes) must be 2.", "Axes must be
/// different.", "Axes=(0, 3) out of range for array of ndim=2.".
template <class T>
ndarray<T> rot90(const ndarray<T>& m, std::int64_t k = 1,
                 const std::vector<std::int64_t>& axes = {0, 1}) {
  return ndarray<T>(detail::rot90(m.desc(), k, axes));
}

/// numpy.resize(a, new_shape): a new array of `new_shape` filled with the flattened `a` repeated
/// (zeros when `a` is empty). Throws value_error "all elements of `new_shape` must be
/// non-negative".
template <class T>
ndarray<T> resize(const ndarray<T>& a, const shape_t& new_shape) {
  return ndarray<T>(detail::resize(a.desc(), new_shape));
}
template <class T>
ndarray<T> resize(const ndarray<T>& a, std::int64_t new_size) {
  return resize(a, shape_t{new_size});
}

/// numpy.trim_zeros(filt, trim) for a 1-D array: the view without its leading ('f') and/or
/// trailing ('b') zeros; an array of zeros gives an empty view. The first and last nonzero
/// positions are found on the device (flatnonzero) and read back. Throws value_error
/// "unexpected character(s) in `trim`: 'x'" and, for other than 1-D input,
/// not_implemented_error (NumPy 2.2 trims every axis of n-d input).
template <class T>
ndarray<T> trim_zeros(const ndarray<T>& filt, const std::string& trim = "fb") {
  const auto [front, back] = detail::trim_sides(trim);
  CUPP_EXPECTS(filt.ndim() == 1, not_implemented_error,
               "trim_zeros: only 1-D arrays are supported, got shape " + shape_str(filt.shape()));
  const ndarray<std::int64_t> nz = flatnonzero(filt);
  if (nz.size() == 0) return filt(slice(0, 0));
  // The first and last positions, read back together: a (2,) view with one stride.
  const ndarray<std::int64_t> ends(detail::make_view(nz.desc(), shape_t{2},
                                                     strides_t{nz.size() - 1}, nz.desc().ptr));
  const std::vector<std::int64_t> first_last = ends.get();
  return filt(slice(front ? std::optional<std::int64_t>(first_last[0]) : std::nullopt,
                    back ? std::optional<std::int64_t>(first_last[1] + 1) : std::nullopt));
}

// ---- NumPy 2's array-API names ----------------------------------------------------------------

/// numpy.concat: concatenate under its NumPy 2 name (the same arguments, errors and result).
template <class T>
ndarray<T> concat(const std::vector<ndarray<T>>& arrays, std::optional<std::int64_t> axis = 0) {
  return concatenate(arrays, axis);
}
/// numpy.concat of a braced list: cupp::concat({a, b}, 1).
template <class T>
ndarray<T> concat(std::initializer_list<ndarray<T>> arrays, std::optional<std::int64_t> axis = 0) {
  return concatenate(std::vector<ndarray<T>>(arrays), axis);
}

/// numpy.permute_dims(a, axes): transpose with the axes given, a view. Throws value_error "axes
/// don't match array" and axis_error as transpose does.
template <class T>
ndarray<T> permute_dims(const ndarray<T>& a, const std::vector<std::int64_t>& axes) {
  return a.transpose(axes);
}
/// numpy.permute_dims(a): the axes reversed, as transpose(a).
template <class T>
ndarray<T> permute_dims(const ndarray<T>& a) {
  return a.transpose();
}

namespace detail {
/// The check of matrix_transpose: value_error "Input array must be at least 2-dimensional, but
/// it is 1".
inline void check_matrix_transpose(std::int64_t ndim) {
  if (ndim < 2)
    throw value_error("Input array must be at least 2-dimensional, but it is " +
                      std::to_string(ndim));
}
}  // namespace detail

/// numpy.matrix_transpose(x): the last two axes swapped, a view of a stack of matrices. Throws
/// value_error "Input array must be at least 2-dimensional, but it is 1" for fewer than two.
template <class T>
ndarray<T> matrix_transpose(const ndarray<T>& x) {
  detail::check_matrix_transpose(x.ndim());
  return x.swapaxes(-1, -2);
}

namespace linalg {
/// numpy.linalg.matrix_transpose: cupp::matrix_transpose.
template <class T>
ndarray<T> matrix_transpose(const ndarray<T>& x) {
  return cupp::matrix_transpose(x);
}
}  // namespace linalg

}  // namespace cupp
