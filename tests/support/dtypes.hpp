// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The dtype lists of typed tests and exact host-side values for each dtype.
#pragma once

#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

#include "cupp/core/dtype.hpp"

namespace cupp::test {

using AllDtypes =
    ::testing::Types<bool, std::int8_t, std::int16_t, std::int32_t, std::int64_t, std::uint8_t,
                     std::uint16_t, std::uint32_t, std::uint64_t, cupp::float16, cupp::bfloat16,
                     float, double, std::complex<float>, std::complex<double>>;
using FloatDtypes = ::testing::Types<float, double>;

/// A value of T that differs between neighbouring i (for bool: alternating) and is never zero for
/// i > 0, exactly representable in every dtype, so copies can be checked bit for bit.
template <class T>
T value_at(std::int64_t i) {
  const auto k = static_cast<int>(i % 97) + 1;  // 1..97: exact in float16/bfloat16 and int8
  if constexpr (std::is_same_v<T, bool>) {
    return (i % 3) != 1;
  } else if constexpr (std::is_same_v<T, std::complex<float>> ||
                       std::is_same_v<T, std::complex<double>>) {
    using R = typename T::value_type;
    return T(static_cast<R>(k), static_cast<R>(-k - 1));
  } else if constexpr (std::is_same_v<T, cupp::float16> || std::is_same_v<T, cupp::bfloat16>) {
    return T(static_cast<float>(k) * (i % 2 ? -1.0f : 1.0f));
  } else if constexpr (std::is_signed_v<T>) {
    return static_cast<T>(i % 2 ? -k : k);
  } else {
    return static_cast<T>(k);
  }
}

/// Bitwise equality, so that -0.0, NaN payloads and float16 bits all count.
template <class T>
bool same_bits(const T& a, const T& b) {
  return std::memcmp(&a, &b, sizeof(T)) == 0;
}

/// The C-order values 0..n-1 of value_at.
template <class T>
std::vector<T> iota_values(std::int64_t n) {
  std::vector<T> v;
  v.reserve(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) v.push_back(value_at<T>(i));
  return v;
}

}  // namespace cupp::test
