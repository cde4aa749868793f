// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Host values for the reference tests: complex<double> conversions of every element type, the
// epsilon a result of a type is held to, and random inputs from a fixed seed.
#pragma once

#include <complex>
#include <cstdint>
#include <limits>
#include <random>
#include <type_traits>
#include <vector>

#include "cupp/array.hpp"

namespace cupp::test::host_ref {

using cd = std::complex<double>;
using cupp::shape_t;

template <class T>
inline constexpr bool is_cplx =
    std::is_same_v<T, std::complex<float>> || std::is_same_v<T, std::complex<double>>;

/// Machine epsilon of the precision a result of T is computed or stored in.
template <class T>
double eps_of() {
  if constexpr (std::is_same_v<T, cupp::float16>)
    return 9.765625e-4;  // 2^-10
  else if constexpr (std::is_same_v<T, cupp::bfloat16>)
    return 7.8125e-3;  // 2^-7
  else if constexpr (std::is_same_v<T, float> || std::is_same_v<T, std::complex<float>>)
    return std::numeric_limits<float>::epsilon();
  else
    return std::numeric_limits<double>::epsilon();
}

template <class T>
cd as_c(T v) {
  if constexpr (is_cplx<T>)
    return {static_cast<double>(v.real()), static_cast<double>(v.imag())};
  else if constexpr (std::is_same_v<T, bool>)
    return {v ? 1.0 : 0.0, 0.0};
  else
    return {static_cast<double>(v), 0.0};
}

template <class T>
T from_c(cd v) {
  if constexpr (is_cplx<T>)
    return T(static_cast<typename T::value_type>(v.real()),
             static_cast<typename T::value_type>(v.imag()));
  else if constexpr (std::is_same_v<T, bool>)
    return v.real() != 0.0;
  else if constexpr (std::is_same_v<T, cupp::float16> || std::is_same_v<T, cupp::bfloat16>)
    return T(v.real());
  else
    return static_cast<T>(v.real());
}

inline std::int64_t numel(const shape_t& s) {
  std::int64_t n = 1;
  for (auto d : s) n *= d;
  return n;
}

/// Uniform in [-1, 1) (both parts for complex); integers in [-9, 9]; bool random.
template <class T>
std::vector<T> random_values(std::int64_t n, unsigned seed) {
  std::mt19937 g(seed);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  std::vector<T> v;
  v.reserve(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    if constexpr (std::is_same_v<T, bool>)
      v.push_back(u(g) > 0);
    else if constexpr (std::is_integral_v<T>)
      v.push_back(static_cast<T>(std::uniform_int_distribution<int>(-9, 9)(g)));
    else if constexpr (is_cplx<T>)
      v.push_back(from_c<T>(cd(u(g), u(g))));
    else
      v.push_back(from_c<T>(cd(u(g), 0.0)));
  }
  return v;
}

template <class T>
cupp::ndarray<T> random_array(const shape_t& shape, unsigned seed) {
  return cupp::asarray<T>(random_values<T>(numel(shape), seed), shape);
}

}  // namespace cupp::test::host_ref
