// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/core/promotion.hpp"

#include <cstdint>
#include <string>
#include <type_traits>

#include "cupp/core/error.hpp"

namespace cupp {

integer_bounds integer_bounds_of(dtype d) noexcept {
  switch (d) {
    case dtype::bool_: return {0, 1};
    case dtype::int8: return {INT8_MIN, INT8_MAX};
    case dtype::int16: return {INT16_MIN, INT16_MAX};
    case dtype::int32: return {INT32_MIN, INT32_MAX};
    case dtype::int64: return {INT64_MIN, INT64_MAX};
    case dtype::uint8: return {0, UINT8_MAX};
    case dtype::uint16: return {0, UINT16_MAX};
    case dtype::uint32: return {0, UINT32_MAX};
    default: return {0, UINT64_MAX};
  }
}

namespace {

template <class Int>
void check(dtype array_dtype, Int value) {
  const dtype target = promote_weak(array_dtype, scalar_kind::integer);
  if (!is_integer(target)) return;  // float and complex arrays: NumPy converts, whatever the value
  // A weak integer becomes promote_weak(a, integer), which for a bool array is int64.
  const integer_bounds r = integer_bounds_of(target);
  bool fits = true;
  if constexpr (std::is_signed_v<Int>) {
    fits = value < 0 ? value >= r.min : static_cast<unsigned long long>(value) <= r.max;
  } else {
    fits = value <= r.max;
  }
  if (!fits) {
    // NumPy words it so for every case but values beyond int64 with an int64 (or bool) array,
    // where CPython's "Python int too large to convert to C long" surfaces instead.
    throw overflow_error("Python integer " + std::to_string(value) + " out of bounds for " +
                         dtype_name(target));
  }
}

}  // namespace

void check_weak_integer(dtype array_dtype, long long value) { check(array_dtype, value); }

void check_weak_integer(dtype array_dtype, unsigned long long value) {
  check(array_dtype, value);
}

}  // namespace cupp
