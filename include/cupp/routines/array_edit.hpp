// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Editing arrays into new ones: append, delete_ (numpy.delete), insert, copyto, require and
// asarray_chkfinite. The positions that delete and insert name are worked out on the host
// (src/manip/edit.cpp); the data then moves in one concatenate and one take.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/ndarray.hpp"
#include "cupp/core/promotion.hpp"
#include "cupp/core/runtime_array.hpp"
#include "cupp/routines/creation.hpp"
#include "cupp/routines/indexing.hpp"
#include "cupp/routines/rearrange.hpp"
#include "cupp/routines/reduction.hpp"

namespace cupp {

/// The `obj` of numpy.delete and numpy.insert: one integer, a slice, a list of integers, a
/// boolean mask, or a device array of either (read back to the host).
class index_obj {
 public:
  /// What the object is.
  enum class kind : std::uint8_t { integer, slice, indices, mask };

  /// One position (NumPy's obj=3).
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  index_obj(I index)  // NOLINT: implicit, as Python's int
      : kind_(kind::integer), indices_{static_cast<std::int64_t>(index)}, ndim_(0) {}
  /// A slice of positions (NumPy's obj=slice(1, None, 2)).
  index_obj(cupp::slice s) : kind_(kind::slice), slice_(s), ndim_(1) {}  // NOLINT
  /// A list of positions: `{1, 3}`.
  index_obj(std::initializer_list<std::int64_t> indices)
      : kind_(kind::indices), indices_(indices), ndim_(1) {}
  /// A list of positions, or (std::vector<bool>) a boolean mask.
  template <class I, std::enable_if_t<std::is_integral_v<I>, int> = 0>
  index_obj(const std::vector<I>& v)  // NOLINT: implicit, as a Python list
      : kind_(std::is_same_v<I, bool> ? kind::mask : kind::indices),
        indices_(v.begin(), v.end()),
        ndim_(1) {}
  /// A device array of positions (any integer dtype) or a boolean mask; its shape counts (a 0-d
  /// array is one position, as NumPy's insert treats it).
  template <class I, std::enable_if_t<std::is_integral_v<I>, int> = 0>
  index_obj(const ndarray<I>& a)  // NOLINT: implicit, as NumPy's array obj
      : kind_(std::is_same_v<I, bool> ? kind::mask : kind::indices), ndim_(a.ndim()) {
    const std::vector<I> v = a.get();
    indices_.assign(v.begin(), v.end());
  }

  /// What was given.
  kind type() const noexcept { return kind_; }
  /// The positions (kind::integer: one; kind::mask: 0 or 1 for each element).
  const std::vector<std::int64_t>& indices() const noexcept { return indices_; }
  /// The slice (kind::slice).
  const cupp::slice& as_slice() const noexcept { return slice_; }
  /// The number of dimensions NumPy sees in obj (0 for one integer).
  std::int64_t ndim() const noexcept { return ndim_; }

 private:
  kind kind_;
  std::vector<std::int64_t> indices_;
  cupp::slice slice_;
  std::int64_t ndim_;
};

namespace detail {
/// numpy.delete(arr, obj, axis) for a description (axis nullopt: of the flattened array).
/// index_error "index 7 is out of bounds for axis 0 with size 5", value_error "boolean array
/// argument obj to delete must be one dimensional and match the axis length of 5", axis_error.
array_desc delete_(const array_desc& arr, const index_obj& obj, std::optional<std::int64_t> axis);
/// numpy.insert(arr, obj, values, axis); `values` has arr's dtype. index_error "index 7 is out
/// of bounds for axis 0 with size 5" (NumPy's wording for each form of obj), value_error "index
/// array argument obj to insert must be one dimensional or scalar", "boolean array argument obj
/// to insert must be one dimensional", the broadcast errors of assigning values, axis_error.
array_desc insert(const array_desc& arr, const index_obj& obj, const array_desc& values,
                  std::optional<std::int64_t> axis);
/// numpy.delete's kept positions along an axis of length n (`axis` names it in errors).
std::vector<std::int64_t> delete_kept(std::int64_t n, const index_obj& obj, std::int64_t axis);
/// numpy.insert's positions `indices` for an axis of length n (a slice or mask resolved), after
/// its checks of obj's dimensions.
std::vector<std::int64_t> insert_indices(std::int64_t n, const index_obj& obj);
/// The order in which insert gathers along the axis from concatenate(arr, block): old position
/// k is k, the j-th inserted sub-array is n + j. With one index, a block of `numnew` sub-arrays
/// goes before it; with several, one before each (NumPy's stable-sort rule for repeats).
/// index_error as numpy.insert.
std::vector<std::int64_t> insert_order(std::int64_t n, std::vector<std::int64_t> indices,
                                       const index_obj& obj, std::int64_t axis,
                                       std::int64_t numnew);
/// copyto's checks: value_error "could not broadcast input array from shape (3,) into shape
/// (2,2)" (what = "input array") or "... where mask from shape ..." (what = "where mask").
void check_copyto_shape(const shape_t& from, const shape_t& to, const char* what);
/// numpy.require's requirement letters, parsed: "C", "F", "A", "W", "O", "E" or their long names
/// ("C_CONTIGUOUS", "CONTIGUOUS", "F_CONTIGUOUS", "FORTRAN", "ALIGNED", "WRITEABLE", "OWNDATA",
/// "ENSUREARRAY"), in either case. Returns the set of letters. value_error "Cannot specify both
/// 'C' and 'F' order", key-style value_error "unknown requirement 'X'".
std::string require_flags(const std::vector<std::string>& requirements);
/// Whether the view owns its memory (NumPy's OWNDATA flag).
bool owns_data(const array_desc& a);
}  // namespace detail

/// numpy.append(arr, values, axis): with no axis, both flattened and joined; with one, joined
/// along it (shapes must agree as concatenate's). The result has the promoted dtype of the two
/// (NumPy's concatenate promotes); a new array. Errors as concatenate.
template <class T, class U>
ndarray<promote_t<T, U>> append(const ndarray<T>& arr, const ndarray<U>& values,
                                std::optional<std::int64_t> axis = std::nullopt) {
  using R = promote_t<T, U>;
  const ndarray<R> a = detail::as_dtype<R>(arr), v = detail::as_dtype<R>(values);
  if (!axis) return concatenate<R>({a.ravel(), v.ravel()}, 0);
  return concatenate<R>({a, v}, *axis);
}
/// numpy.append of one value (of arr's dtype; a C++ scalar is weak, as NumPy 2's Python scalars).
template <class T>
ndarray<T> append(const ndarray<T>& arr, T value, std::optional<std::int64_t> axis = std::nullopt) {
  ndarray<T> v(shape_t{});
  v.fill(value);
  return append(arr, v, axis);
}

/// numpy.delete(arr, obj, axis), spelled delete_ since `delete` is a C++ keyword: a new array
/// without the sub-arrays at `obj` along `axis` (std::nullopt: of the flattened array). `obj`
/// is an integer (negative counts from the end), a slice, a list of integers (repeats and
/// negatives allowed) or a boolean mask of the axis' length. Throws index_error "index 7 is out
/// of bounds for axis 0 with size 5", value_error "boolean array argument obj to delete must be
/// one dimensional and match the axis length of 5", axis_error.
template <class T>
ndarray<T> delete_(const ndarray<T>& arr, const index_obj& obj,
                   std::optional<std::int64_t> axis = std::nullopt) {
  return ndarray<T>(detail::delete_(arr.desc(), obj, axis));
}

/// numpy.insert(arr, obj, values, axis): a new array with `values` (cast to T) inserted before
/// the positions `obj` along `axis` (std::nullopt: into the flattened array). One integer
/// inserts a block of values (NumPy's a[:, 0:1] rule: values are moved to `axis`); a list or
/// slice inserts one sub-array before each position, values broadcast to them (for repeated
/// positions, in the order given). Throws index_error "index 7 is out of bounds for axis 0 with
/// size 5", value_error "index array argument obj to insert must be one dimensional or scalar",
/// broadcast errors, axis_error.
template <class T, class U>
ndarray<T> insert(const ndarray<T>& arr, const index_obj& obj, const ndarray<U>& values,
                  std::optional<std::int64_t> axis = std::nullopt) {
  return ndarray<T>(detail::insert(arr.desc(), obj, detail::as_dtype<T>(values).desc(), axis));
}
/// numpy.insert of one value.
template <class T>
ndarray<T> insert(const ndarray<T>& arr, const index_obj& obj, T value,
                  std::optional<std::int64_t> axis = std::nullopt) {
  ndarray<T> v(shape_t{});
  v.fill(value);
  return insert(arr, obj, v, axis);
}

/// numpy.copyto(dst, src, casting, where): writes `src` (broadcast to dst's shape, cast to T)
/// into `dst`, where `where` (broadcast too) is true. `casting` is NumPy's rule, same_kind by
/// default. Throws type_error "Cannot cast array data from dtype('float64') to dtype('int32')
/// according to the rule 'same_kind'", value_error "could not broadcast input array from shape
/// (3,) into shape (2,2)" (or "where mask"), value_error "assignment destination is read-only".
template <class T, class U>
void copyto(const ndarray<T>& dst, const ndarray<U>& src, casting rule = casting::same_kind) {
  if (!can_cast(dtype_of<U>, dtype_of<T>, rule))
    detail::throw_cannot_cast_array(dtype_of<U>, dtype_of<T>, rule);
  detail::check_writable(dst.desc());
  detail::check_copyto_shape(src.shape(), dst.shape(), "input array");
  expr::assign(expr::make_node<expr::op_copy>(src), dst.desc());
}
/// numpy.copyto with a `where` mask: only the elements where the mask is true are written.
template <class T, class U>
void copyto(const ndarray<T>& dst, const ndarray<U>& src, casting rule,
            const ndarray<bool>& where) {
  if (!can_cast(dtype_of<U>, dtype_of<T>, rule))
    detail::throw_cannot_cast_array(dtype_of<U>, dtype_of<T>, rule);
  detail::check_writable(dst.desc());
  detail::check_copyto_shape(src.shape(), dst.shape(), "input array");
  detail::check_copyto_shape(where.shape(), dst.shape(), "where mask");
  // Cast first, so that the choice does not go through the promoted dtype of T and U.
  const ndarray<T> s = detail::as_dtype<T>(src);
  expr::assign(cupp::where(where, s, dst), dst.desc());
}
/// numpy.copyto(dst, value): every element (where the mask is true) set to `value`.
template <class T>
void copyto(const ndarray<T>& dst, T value) {
  detail::check_writable(dst.desc());
  dst.fill(value);
}
template <class T>
void copyto(const ndarray<T>& dst, T value, const ndarray<bool>& where) {
  detail::check_writable(dst.desc());
  detail::check_copyto_shape(where.shape(), dst.shape(), "where mask");
  expr::assign(cupp::where(where, value, dst), dst.desc());
}

/// numpy.require(a, dtype=U, requirements): `a` itself when it already meets them, else a copy
/// that does. Requirements: "C" (C-contiguous), "F" (Fortran-contiguous), "W" (writeable), "O"
/// (owns its data), "A" and "E" (always met: device memory is aligned, and the result is an
/// ndarray), or their long names. Throws value_error "Cannot specify both 'C' and 'F' order".
template <class U = void, class T>
ndarray<detail::like_t<U, T>> require(const ndarray<T>& a,
                                      const std::vector<std::string>& requirements = {}) {
  using R = detail::like_t<U, T>;
  const std::string flags = detail::require_flags(requirements);
  const auto has = [&](char c) { return flags.find(c) != std::string::npos; };
  ndarray<R> out = detail::as_dtype<R>(a);
  const bool copied = !std::is_same_v<R, T>;
  if (has('F')) {
    if (!out.is_f_contiguous()) return asfortranarray(out);
  } else if (has('C')) {
    if (!out.is_c_contiguous()) return out.copy();
  }
  if (!copied &&
      ((has('W') && out.desc().readonly) || (has('O') && !detail::owns_data(out.desc()))))
    return has('F') ? asfortranarray(out.copy()) : out.copy();
  return out;
}

/// numpy.asarray_chkfinite(a): `a` itself, after checking on the device that no element is NaN
/// or infinite (integers and bools always pass). Throws value_error "array must not contain
/// infs or NaNs".
template <class T>
ndarray<T> asarray_chkfinite(const ndarray<T>& a) {
  if constexpr (!std::is_integral_v<T>) {
    CUPP_EXPECTS(cupp::all(cupp::isfinite(a)).item(), value_error,
                 "array must not contain infs or NaNs");
  }
  return a;
}

}  // namespace cupp
