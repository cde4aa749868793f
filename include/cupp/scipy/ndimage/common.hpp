// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// What the functions of cupp::scipy::ndimage share: SciPy's scalar-or-sequence arguments
// (sigma, size, origin, mode, ...), the output dtype, and the boundary modes (parsed here on the
// host, applied on the device by kernels/cupp/ndimage_common.cuh).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/ndarray.hpp"

namespace cupp::scipy::ndimage {

/// SciPy's scalar-or-sequence arguments: one value for every axis (`2.0`, `"wrap"`) or one per
/// axis (`{1.0, 2.0}`, `{"reflect", "nearest"}`). expand() checks the length in SciPy's words.
template <class V>
class per_axis {
 public:
  /// One value for every axis (SciPy's sigma=2).
  template <class U, std::enable_if_t<std::is_convertible_v<U, V> &&
                                          !std::is_same_v<std::decay_t<U>, per_axis>,
                                      int> = 0>
  per_axis(U&& value) : values_{V(std::forward<U>(value))} {}  // NOLINT: implicit, as sigma=2
  /// One value per axis: `{1.0, 2.0}`.
  per_axis(std::initializer_list<V> values) : values_(values), sequence_(true) {}
  /// One value per axis, from a vector.
  per_axis(std::vector<V> values)  // NOLINT: implicit
      : values_(std::move(values)), sequence_(true) {}

  /// True when given per axis (a sequence), even of length 1.
  bool sequence() const noexcept { return sequence_; }
  /// The value given (one entry), or the values per axis.
  const std::vector<V>& values() const noexcept { return values_; }

  /// The value of each of `n` axes: the one value repeated, or the sequence, which must have
  /// length n (value_error "sequence argument must have length equal to input rank", SciPy's
  /// _normalize_sequence).
  std::vector<V> expand(std::size_t n) const;

 private:
  std::vector<V> values_;
  bool sequence_ = false;
};

/// The element type of a result: `Out` where the caller names one (SciPy's `output=` dtype, as
/// `gaussian_filter<float>(u8_image, 2.0)`), else the input's.
template <class Out, class T>
using out_t = std::conditional_t<std::is_void_v<Out>, T, Out>;

namespace detail {

/// The boundary modes of SciPy's ndimage (its _extend_mode_to_code). In filters "grid-mirror",
/// "grid-constant" and "grid-wrap" are other names for reflect, constant and wrap; in
/// interpolation grid-constant and grid-wrap differ from constant and wrap.
/// The values are those of kernels/cupp/ndimage_common.cuh.
enum class boundary : int {
  nearest = 0,
  wrap = 1,
  reflect = 2,
  mirror = 3,
  constant = 4,
  grid_wrap = 5,
  grid_constant = 6,
};

/// The mode of a filter: reflect, constant, nearest, mirror, wrap and the grid- spellings;
/// value_error "boundary mode not supported" otherwise.
boundary filter_mode(const std::string& mode);
/// The mode of an interpolation (map_coordinates, zoom, ...): as filter_mode, but "grid-wrap"
/// and "grid-constant" keep their own meaning.
boundary interpolation_mode(const std::string& mode);

/// SciPy's axes argument of the filters (_check_axes): all axes when `axes` names none, else
/// each axis once, negative ones counting from the end; value_error "specified axis: 3 is out
/// of range", value_error "axes must be unique".
std::vector<int> filter_axes(const axis_arg& axes, int ndim);

}  // namespace detail

template <class V>
std::vector<V> per_axis<V>::expand(std::size_t n) const {
  if (!sequence_) return std::vector<V>(n, values_.front());
  if (values_.size() != n)
    throw value_error("sequence argument must have length equal to input rank");
  return values_;
}

}  // namespace cupp::scipy::ndimage
