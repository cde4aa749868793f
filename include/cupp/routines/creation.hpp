// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Array creation: empty, zeros, ones, full (and their _like forms), asarray/array.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <type_traits>
#include <vector>

#include "cupp/core/ndarray.hpp"

namespace cupp {

namespace detail {
template <class U, class T>
using like_t = std::conditional_t<std::is_void_v<U>, T, U>;

[[noreturn]] void throw_inhomogeneous(std::size_t depth, const shape_t& detected,
                                      std::size_t got);
}  // namespace detail

/// numpy.empty: uninitialised memory from the pool.
template <class T = double>
ndarray<T> empty(const shape_t& shape) {
  return ndarray<T>(shape);
}
/// numpy.zeros.
template <class T = double>
ndarray<T> zeros(const shape_t& shape) {
  ndarray<T> a(shape);
  a.fill(T(0));
  return a;
}
/// numpy.ones.
template <class T = double>
ndarray<T> ones(const shape_t& shape) {
  ndarray<T> a(shape);
  a.fill(T(1));
  return a;
}
/// numpy.full.
template <class T>
ndarray<T> full(const shape_t& shape, T value) {
  ndarray<T> a(shape);
  a.fill(value);
  return a;
}

/// numpy.empty_like (C order; another dtype with empty_like<U>(a)).
template <class U = void, class T>
ndarray<detail::like_t<U, T>> empty_like(const ndarray<T>& a) {
  return empty<detail::like_t<U, T>>(a.shape());
}
template <class U = void, class T>
ndarray<detail::like_t<U, T>> zeros_like(const ndarray<T>& a) {
  return zeros<detail::like_t<U, T>>(a.shape());
}
template <class U = void, class T>
ndarray<detail::like_t<U, T>> ones_like(const ndarray<T>& a) {
  return ones<detail::like_t<U, T>>(a.shape());
}
template <class T>
ndarray<T> full_like(const ndarray<T>& a, T value) {
  return full<T>(a.shape(), value);
}

/// numpy.asarray from host data: a 1-D array of the vector's elements.
template <class T>
ndarray<T> asarray(const std::vector<T>& values) {
  ndarray<T> a(shape_t{static_cast<std::int64_t>(values.size())});
  a.set(values);
  return a;
}
/// From a host pointer holding shape_size(shape) elements in C order.
template <class T>
ndarray<T> asarray(const T* values, const shape_t& shape) {
  ndarray<T> a(shape);
  a.set(values);
  return a;
}
/// From a vector and a shape (C order).
template <class T>
ndarray<T> asarray(const std::vector<T>& values, const shape_t& shape) {
  ndarray<T> a(shape);
  a.set(values);
  return a;
}
/// From nested initializer lists: asarray<float>({{1, 2}, {3, 4}}). Ragged lists throw
/// value_error as NumPy does.
template <class T>
ndarray<T> asarray(std::initializer_list<T> values) {
  return asarray(std::vector<T>(values));
}
template <class T>
ndarray<T> asarray(std::initializer_list<std::initializer_list<T>> rows) {
  const std::size_t cols = rows.size() ? rows.begin()->size() : 0;
  std::vector<T> flat;
  flat.reserve(rows.size() * cols);
  for (const auto& r : rows) {
    if (r.size() != cols)
      detail::throw_inhomogeneous(1, {static_cast<std::int64_t>(rows.size())}, r.size());
    flat.insert(flat.end(), r.begin(), r.end());
  }
  return asarray(flat, {static_cast<std::int64_t>(rows.size()), static_cast<std::int64_t>(cols)});
}
template <class T>
ndarray<T> asarray(std::initializer_list<std::initializer_list<std::initializer_list<T>>> planes) {
  const std::size_t rows = planes.size() ? planes.begin()->size() : 0;
  const std::size_t cols = rows ? planes.begin()->begin()->size() : 0;
  std::vector<T> flat;
  for (const auto& p : planes) {
    if (p.size() != rows)
      detail::throw_inhomogeneous(1, {static_cast<std::int64_t>(planes.size())}, p.size());
    for (const auto& r : p) {
      if (r.size() != cols)
        detail::throw_inhomogeneous(
            2, {static_cast<std::int64_t>(planes.size()), static_cast<std::int64_t>(rows)},
            r.size());
      flat.insert(flat.end(), r.begin(), r.end());
    }
  }
  return asarray(flat, {static_cast<std::int64_t>(planes.size()),
                        static_cast<std::int64_t>(rows), static_cast<std::int64_t>(cols)});
}
/// numpy.array: the same as asarray for host data (always a new device array).
template <class T, class... Args>
auto array(Args&&... args) -> decltype(asarray<T>(std::forward<Args>(args)...)) {
  return asarray<T>(std::forward<Args>(args)...);
}
template <class T>
ndarray<T> array(std::initializer_list<T> values) {
  return asarray<T>(values);
}
template <class T>
ndarray<T> array(std::initializer_list<std::initializer_list<T>> values) {
  return asarray<T>(values);
}
template <class T>
ndarray<T> array(std::initializer_list<std::initializer_list<std::initializer_list<T>>> values) {
  return asarray<T>(values);
}

}  // namespace cupp
