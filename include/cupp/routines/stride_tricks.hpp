// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// numpy.lib.stride_tricks: as_strided and sliding_window_view, views of an array's memory with
// the shape and strides the caller chooses.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "cupp/core/ndarray.hpp"

namespace cupp {
namespace detail {
/// as_strided on a description; strides in bytes. value_error "as_strided: strides must be
/// multiples of the item size (4), got (6,)", "as_strided: shape and strides must have the same
/// length".
array_desc as_strided(const array_desc& x, const std::optional<shape_t>& shape,
                      const std::optional<strides_t>& byte_strides, bool writeable);
/// sliding_window_view on a description (NumPy's checks and messages).
array_desc sliding_window_view(const array_desc& x, const shape_t& window_shape,
                               const std::optional<std::vector<std::int64_t>>& axis,
                               bool writeable);
}  // namespace detail

namespace lib::stride_tricks {

/// numpy.lib.stride_tricks.as_strided(x, shape, strides, writeable): a view of x's memory with
/// the given shape and strides, in bytes as NumPy counts them (each a multiple of the item size,
/// since cupp counts strides in elements). Omitted, they are x's. Nothing is checked against the
/// allocation, as in NumPy: a view reaching outside it reads or writes memory it does not own.
/// writeable=false gives a read-only view. Throws value_error for strides that are not multiples
/// of the item size or a length that differs from the shape's.
template <class T>
ndarray<T> as_strided(const ndarray<T>& x, const std::optional<shape_t>& shape = std::nullopt,
                      const std::optional<strides_t>& strides = std::nullopt,
                      bool writeable = true) {
  return ndarray<T>(detail::as_strided(x.desc(), shape, strides, writeable));
}

/// numpy.lib.stride_tricks.sliding_window_view(x, window_shape, axis, writeable): the view of
/// every window of `window_shape` over the axes `axis` (every axis when omitted; an axis may be
/// repeated), of shape x.shape with each windowed axis shortened by window - 1, followed by
/// window_shape. Read-only unless `writeable`, as in NumPy (the windows overlap, so writing one
/// element writes it in every window). Throws value_error "`window_shape` cannot contain negative
/// values", "Since axis is `None`, must provide window_shape for all dimensions of `x`; got 1
/// window_shape elements and `x.ndim` is 2.", "Must provide matching length window_shape and
/// axis; got 2 window_shape elements and 1 axes elements.", "window shape cannot be larger than
/// input array shape", and axis_error.
template <class T>
ndarray<T> sliding_window_view(const ndarray<T>& x, const shape_t& window_shape,
                               const std::optional<std::vector<std::int64_t>>& axis = std::nullopt,
                               bool writeable = false) {
  return ndarray<T>(detail::sliding_window_view(x.desc(), window_shape, axis, writeable));
}
/// sliding_window_view with one window length along one axis.
template <class T>
ndarray<T> sliding_window_view(const ndarray<T>& x, std::int64_t window, std::int64_t axis,
                               bool writeable = false) {
  return sliding_window_view(x, shape_t{window}, std::vector<std::int64_t>{axis}, writeable);
}

}  // namespace lib::stride_tricks
}  // namespace cupp
