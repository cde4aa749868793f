// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The basic random functions of numpy.random / cupy.random, on cuRAND (Philox4x32-10).
#pragma once

#include <cstdint>
#include <type_traits>

#include "cupp/core/ndarray.hpp"

namespace cupp::random {

namespace detail {
void fill_uniform(const cupp::detail::array_desc& a);
void fill_normal(const cupp::detail::array_desc& a);
}  // namespace detail

/// numpy.random.seed: reseeds the generator of every device, so the next draws repeat.
void seed(std::uint64_t s);

/// numpy.random.rand: uniform samples in [0, 1). T is float or double.
template <class T = double>
ndarray<T> rand(const shape_t& shape) {
  static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>,
                "cupp::random::rand supports float and double");
  ndarray<T> a(shape);
  detail::fill_uniform(a.desc());
  return a;
}

/// numpy.random.randn: standard normal samples. T is float or double.
template <class T = double>
ndarray<T> randn(const shape_t& shape) {
  static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>,
                "cupp::random::randn supports float and double");
  ndarray<T> a(shape);
  detail::fill_normal(a.desc());
  return a;
}

}  // namespace cupp::random
