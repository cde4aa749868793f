// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// numpy.packbits and numpy.unpackbits, composed of a shift, a mask and a sum over groups of 8.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>

#include "cupp/core/ndarray.hpp"
#include "cupp/routines/creation.hpp"
#include "cupp/routines/manipulation.hpp"
#include "cupp/routines/reduction.hpp"

namespace cupp {

namespace detail {
/// True for bitorder "big", false for "little". value_error "'order' must be either 'little' or
/// 'big'".
bool big_bit_order(const std::string& bitorder);
/// The length unpackbits keeps of `bits` bits for `count` (nullopt: all). value_error "-count
/// larger than number of elements".
std::int64_t unpacked_length(std::int64_t bits, std::optional<std::int64_t> count);
/// The weights of the 8 bits of a byte in `bitorder`, as uint8 {128, ..., 1} or {1, ..., 128},
/// or their shifts {7, ..., 0} or {0, ..., 7}.
ndarray<std::uint8_t> bit_weights(bool big);
ndarray<std::uint8_t> bit_shifts(bool big);
}  // namespace detail

/// numpy.packbits(a, axis, bitorder): the elements of an integer or bool array as bits (nonzero
/// is 1), 8 to a uint8 along `axis` (the flattened array when omitted), the last byte padded with
/// zeros; bitorder "big" (the first element is the high bit) or "little". Throws type_error
/// "Expected an input array of integer or boolean data type", value_error "'order' must be either
/// 'little' or 'big'", axis_error.
template <class T>
ndarray<std::uint8_t> packbits(const ndarray<T>& a, std::optional<std::int64_t> axis = std::nullopt,
                               const std::string& bitorder = "big") {
  if constexpr (!std::is_integral_v<T>) {
    throw type_error("Expected an input array of integer or boolean data type");
  } else {
    const bool big = detail::big_bit_order(bitorder);
    const std::int64_t ax = axis ? normalize_axis(*axis, a.ndim()) : 0;
    const ndarray<T> x = axis ? moveaxis(a, ax, -1) : a.reshape({-1});
    const std::int64_t n = x.shape(-1), bytes = (n + 7) / 8;
    shape_t padded_shape(x.shape().begin(), x.shape().end() - 1);
    padded_shape.push_back(bytes * 8);
    ndarray<std::uint8_t> bits = zeros<std::uint8_t>(padded_shape);
    bits(ellipsis, slice(0, n)) = not_equal(x, T(0));
    shape_t grouped(padded_shape.begin(), padded_shape.end() - 1);
    grouped.push_back(bytes);
    grouped.push_back(8);
    const ndarray<std::uint8_t> packed =
        sum(bits.reshape(grouped) * detail::bit_weights(big), -1).template astype<std::uint8_t>();
    return axis ? ascontiguousarray(moveaxis(packed, -1, ax)) : packed;
  }
}

/// numpy.unpackbits(a, axis, count, bitorder): each uint8 of `a` as 8 elements 0 or 1 along
/// `axis` (the flattened array when omitted), bitorder "big" (high bit first) or "little"; with
/// `count`, the first `count` bits (zeros added past the end), or all but the last -count. Throws
/// type_error "Expected an input array of unsigned byte data type", value_error "-count larger
/// than number of elements", "'order' must be either 'little' or 'big'", axis_error.
template <class T>
ndarray<std::uint8_t> unpackbits(const ndarray<T>& a,
                                 std::optional<std::int64_t> axis = std::nullopt,
                                 std::optional<std::int64_t> count = std::nullopt,
                                 const std::string& bitorder = "big") {
  if constexpr (!std::is_same_v<T, std::uint8_t>) {
    throw type_error("Expected an input array of unsigned byte data type");
  } else {
    const std::int64_t ax = axis ? normalize_axis(*axis, a.ndim()) : 0;
    const bool big = detail::big_bit_order(bitorder);
    const ndarray<T> x = axis ? moveaxis(a, ax, -1) : a.reshape({-1});
    const std::int64_t n = x.shape(-1), length = detail::unpacked_length(n * 8, count);
    shape_t split(x.shape().begin(), x.shape().end() - 1);
    shape_t out_shape = split;
    split.push_back(n);
    split.push_back(1);
    out_shape.push_back(length);
    ndarray<std::uint8_t> out = zeros<std::uint8_t>(out_shape);
    const std::int64_t kept = std::min(length, n * 8);
    if (kept > 0) {
      shape_t flat(out_shape.begin(), out_shape.end() - 1);
      flat.push_back(n * 8);
      const ndarray<std::uint8_t> bits =
          bitwise_and(right_shift(x.reshape(split), detail::bit_shifts(big)), std::uint8_t(1));
      out(ellipsis, slice(0, kept)) = bits.reshape(flat)(ellipsis, slice(0, kept));
    }
    return axis ? ascontiguousarray(moveaxis(out, -1, ax)) : out;
  }
}

}  // namespace cupp
