// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// NumPy's miscellaneous routines: shares_memory, may_share_memory, byte_bounds, show_config,
// binary_repr and base_repr.
#pragma once

#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <utility>

#include "cupp/core/ndarray.hpp"

namespace cupp {
namespace detail {
/// The first byte of the view and one past its last (NumPy's byte_bounds).
std::pair<std::uintptr_t, std::uintptr_t> byte_bounds(const array_desc& a);
/// Whether some byte belongs to an element of both views (exact: every element is checked when
/// the bounds overlap).
bool shares_memory(const array_desc& a, const array_desc& b);
}  // namespace detail

/// numpy.lib.array_utils.byte_bounds(a) (numpy.byte_bounds before NumPy 2): the device
/// addresses of the first byte the view reaches and of one past the last, whatever its strides.
template <class T>
std::pair<std::uintptr_t, std::uintptr_t> byte_bounds(const ndarray<T>& a) {
  return detail::byte_bounds(a.desc());
}
/// numpy.may_share_memory(a, b): whether the byte bounds of the two views overlap (a cheap test
/// that may say true for views that interleave without sharing an element).
template <class T, class U>
bool may_share_memory(const ndarray<T>& a, const ndarray<U>& b) {
  const auto x = detail::byte_bounds(a.desc()), y = detail::byte_bounds(b.desc());
  return a.size() > 0 && b.size() > 0 && x.first < y.second && y.first < x.second;
}
/// numpy.shares_memory(a, b): whether the two views have a byte in common, answered exactly (on
/// the host, from the shapes and strides: no device work; when the bounds overlap, it costs
/// O(n log n) in the smaller view's size).
template <class T, class U>
bool shares_memory(const ndarray<T>& a, const ndarray<U>& b) {
  return detail::shares_memory(a.desc(), b.desc());
}

/// numpy.show_config(): prints the versions cupp was built with and runs on (cupp, the CUDA
/// runtime and driver, NVRTC, cuBLAS, cuSOLVER, cuFFT) and each visible device (name, compute
/// capability, memory), or that there is none.
void show_config(std::ostream& os = std::cout);

/// numpy.binary_repr(num, width): `num` in base 2; negative numbers as "-101" without a width,
/// else in two's complement over `width` bits. Throws value_error "Insufficient bit width=2
/// provided for binwidth=3" when `width` is too small.
std::string binary_repr(std::int64_t num, std::optional<std::int64_t> width = std::nullopt);
/// numpy.base_repr(number, base, padding): `number` in `base` (2 to 36, digits 0-9 then A-Z),
/// with `padding` zeros in front and a '-' for negatives. Throws value_error "Bases greater than
/// 36 not handled in base_repr." or "Bases less than 2 not handled in base_repr.".
std::string base_repr(std::int64_t number, int base = 2, int padding = 0);

}  // namespace cupp
