// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Array manipulation that is a view: moveaxis, rollaxis, flip, fliplr, flipud, atleast_1d/2d/3d,
// broadcast_arrays. No data moves; the result shares the input's memory, as NumPy's does.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "cupp/core/ndarray.hpp"

namespace cupp {

namespace detail {
/// numpy.moveaxis: `source` axes go to `destination`, the others keep their order. value_error
/// "`source` and `destination` arguments must have the same number of elements"; axis_error for
/// an axis out of range; value_error "repeated axis in `source` argument" (or `destination`).
array_desc moveaxis(const array_desc& a, const std::vector<std::int64_t>& source,
                    const std::vector<std::int64_t>& destination);
/// numpy.rollaxis: `axis` moved to before position `start` (NumPy's checks of start).
array_desc rollaxis(const array_desc& a, std::int64_t axis, std::int64_t start);
/// numpy.flip over `axes` (nullopt: every axis).
array_desc flip(const array_desc& a, const std::optional<std::vector<std::int64_t>>& axes);
/// atleast_1d/2d/3d's view of `a` with at least `ndim` dimensions.
array_desc atleast(const array_desc& a, int ndim);
}  // namespace detail

template <class T>
ndarray<T> moveaxis(const ndarray<T>& a, std::int64_t source, std::int64_t destination) {
  return ndarray<T>(detail::moveaxis(a.desc(), {source}, {destination}));
}
template <class T>
ndarray<T> moveaxis(const ndarray<T>& a, const std::vector<std::int64_t>& source,
                    const std::vector<std::int64_t>& destination) {
  return ndarray<T>(detail::moveaxis(a.desc(), source, destination));
}
template <class T>
ndarray<T> rollaxis(const ndarray<T>& a, std::int64_t axis, std::int64_t start = 0) {
  return ndarray<T>(detail::rollaxis(a.desc(), axis, start));
}
/// numpy.flip: every axis reversed.
template <class T>
ndarray<T> flip(const ndarray<T>& a) {
  return ndarray<T>(detail::flip(a.desc(), std::nullopt));
}
template <class T>
ndarray<T> flip(const ndarray<T>& a, std::int64_t axis) {
  return ndarray<T>(detail::flip(a.desc(), std::vector<std::int64_t>{axis}));
}
template <class T>
ndarray<T> flip(const ndarray<T>& a, const std::vector<std::int64_t>& axes) {
  return ndarray<T>(detail::flip(a.desc(), axes));
}
/// numpy.fliplr (axis 1; value_error "Input must be >= 2-d.").
template <class T>
ndarray<T> fliplr(const ndarray<T>& a) {
  if (a.ndim() < 2) throw value_error("Input must be >= 2-d.");
  return flip(a, 1);
}
/// numpy.flipud (axis 0; value_error "Input must be >= 1-d.").
template <class T>
ndarray<T> flipud(const ndarray<T>& a) {
  if (a.ndim() < 1) throw value_error("Input must be >= 1-d.");
  return flip(a, 0);
}
/// numpy.atleast_1d: a 0-d array as shape (1,); others unchanged.
template <class T>
ndarray<T> atleast_1d(const ndarray<T>& a) {
  return ndarray<T>(detail::atleast(a.desc(), 1));
}
/// numpy.atleast_2d: (N,) as (1, N), 0-d as (1, 1).
template <class T>
ndarray<T> atleast_2d(const ndarray<T>& a) {
  return ndarray<T>(detail::atleast(a.desc(), 2));
}
/// numpy.atleast_3d: (N,) as (1, N, 1), (M, N) as (M, N, 1), 0-d as (1, 1, 1).
template <class T>
ndarray<T> atleast_3d(const ndarray<T>& a) {
  return ndarray<T>(detail::atleast(a.desc(), 3));
}
/// numpy.broadcast_arrays: every array as a read-only view of the common shape.
template <class T>
std::vector<ndarray<T>> broadcast_arrays(const std::vector<ndarray<T>>& arrays) {
  std::vector<shape_t> shapes;
  for (const auto& a : arrays) shapes.push_back(a.shape());
  const shape_t shape = broadcast_shapes(shapes);
  std::vector<ndarray<T>> out;
  for (const auto& a : arrays) out.push_back(broadcast_to(a, shape));
  return out;
}

}  // namespace cupp
