// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The checks of piecewise, packbits and unpackbits.
#include <string>

#include "cupp/core/error.hpp"
#include "cupp/routines/bits.hpp"
#include "cupp/routines/functional.hpp"

namespace cupp::detail {

void check_condition_shape(const shape_t& x, const shape_t& cond) {
  CUPP_EXPECTS(cond.size() <= x.size(), index_error,
               "too many indices for array: array is " + std::to_string(x.size()) +
                   "-dimensional, but " + std::to_string(cond.size()) + " were indexed");
  for (std::size_t k = 0; k < x.size(); ++k) {
    const std::int64_t c = k < cond.size() ? cond[k] : -1;
    CUPP_EXPECTS(c == x[k], index_error,
                 "boolean index did not match indexed array along axis " + std::to_string(k) +
                     "; size of axis is " + std::to_string(x[k]) +
                     " but size of corresponding boolean axis is " +
                     (c < 0 ? std::string("missing") : std::to_string(c)));
  }
}

void check_piece_count(std::size_t conditions, std::size_t functions) {
  CUPP_EXPECTS(functions == conditions || functions == conditions + 1, value_error,
               "with " + std::to_string(conditions) + " condition(s), either " +
                   std::to_string(conditions) + " or " + std::to_string(conditions + 1) +
                   " functions are expected");
}

bool big_bit_order(const std::string& bitorder) {
  CUPP_EXPECTS(bitorder == "big" || bitorder == "little", value_error,
               "'order' must be either 'little' or 'big'");
  return bitorder == "big";
}

std::int64_t unpacked_length(std::int64_t bits, std::optional<std::int64_t> count) {
  if (!count) return bits;
  if (*count >= 0) return *count;
  CUPP_EXPECTS(-*count <= bits, value_error, "-count larger than number of elements");
  return bits + *count;
}

ndarray<std::uint8_t> bit_weights(bool big) {
  return big ? asarray<std::uint8_t>({128, 64, 32, 16, 8, 4, 2, 1})
             : asarray<std::uint8_t>({1, 2, 4, 8, 16, 32, 64, 128});
}

ndarray<std::uint8_t> bit_shifts(bool big) {
  return big ? asarray<std::uint8_t>({7, 6, 5, 4, 3, 2, 1, 0})
             : asarray<std::uint8_t>({0, 1, 2, 3, 4, 5, 6, 7});
}

}  // namespace cupp::detail
