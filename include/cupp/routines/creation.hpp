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
#include "cupp/expr/ufuncs.hpp"

namespace cupp {

namespace detail {
template <class U, class T>
using like_t = std::conditional_t<std::is_void_v<U>, T, U>;

[[noreturn]] void throw_inhomogeneous(std::size_t depth, const shape_t& detected,
                                      std::size_t got);

/// NumPy's `order` argument as its upper-case letter: 'C', 'F', 'A' or 'K' in either case. Throws
/// value_error "order must be one of 'C', 'F', 'A', or 'K' (got 'x')".
char parse_order(char order);
/// A new, uninitialised array in C (row-major) or F (column-major) order, as numpy.empty's
/// `order`. 'A' and 'K' are value_error "only 'C' or 'F' order is permitted", as in NumPy.
array_desc empty_array(const shape_t& shape, dtype dt, char order);
/// A new, uninitialised array of the prototype's shape, laid out as numpy.empty_like's `order`
/// (Note [Order K]).
array_desc empty_like_array(const array_desc& prototype, dtype dt, char order);
}  // namespace detail

// Note [Memory order]: `order` is NumPy's one-letter argument, written as a char in C++:
// cupp::zeros<float>({2, 3}, 'F') for np.zeros((2, 3), dtype=np.float32, order='F'). The new
// arrays take 'C' (the default) or 'F'; the _like forms also take 'A' (F when the prototype is
// Fortran-contiguous and not C-contiguous, else C) and 'K' (their default, the prototype's
// layout). Elements are the same whatever the order: only strides() and the flags differ.

/// numpy.empty: uninitialised memory from the pool, in C ('C') or Fortran ('F') order.
template <class T = double>
ndarray<T> empty(const shape_t& shape, char order = 'C') {
  return ndarray<T>(detail::empty_array(shape, dtype_of<T>, order));
}
/// numpy.zeros.
template <class T = double>
ndarray<T> zeros(const shape_t& shape, char order = 'C') {
  ndarray<T> a = empty<T>(shape, order);
  a.fill(T(0));
  return a;
}
/// numpy.ones.
template <class T = double>
ndarray<T> ones(const shape_t& shape, char order = 'C') {
  ndarray<T> a = empty<T>(shape, order);
  a.fill(T(1));
  return a;
}
/// numpy.full.
template <class T>
ndarray<T> full(const shape_t& shape, T value, char order = 'C') {
  ndarray<T> a = empty<T>(shape, order);
  a.fill(value);
  return a;
}

/// numpy.empty_like: the shape of `a`, its dtype (or U with empty_like<U>(a)), and the layout
/// `order` asks for: 'K' (the default) keeps a's, 'A', 'C' or 'F' (Note [Memory order]).
template <class U = void, class T>
ndarray<detail::like_t<U, T>> empty_like(const ndarray<T>& a, char order = 'K') {
  using R = detail::like_t<U, T>;
  return ndarray<R>(detail::empty_like_array(a.desc(), dtype_of<R>, order));
}
/// numpy.zeros_like.
template <class U = void, class T>
ndarray<detail::like_t<U, T>> zeros_like(const ndarray<T>& a, char order = 'K') {
  auto out = empty_like<U>(a, order);
  out.fill(detail::like_t<U, T>(0));
  return out;
}
/// numpy.ones_like.
template <class U = void, class T>
ndarray<detail::like_t<U, T>> ones_like(const ndarray<T>& a, char order = 'K') {
  auto out = empty_like<U>(a, order);
  out.fill(detail::like_t<U, T>(1));
  return out;
}
/// numpy.full_like: the value is of the result's dtype (a's, or U with full_like<U>(a, v)).
template <class U = void, class T>
ndarray<detail::like_t<U, T>> full_like(const ndarray<T>& a, detail::like_t<U, T> value,
                                        char order = 'K') {
  auto out = empty_like<U>(a, order);
  out.fill(value);
  return out;
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
// numpy.asanyarray is numpy.asarray here: it differs only in passing ndarray subclasses through,
// and C++ has none.
/// numpy.asanyarray of an array: the array itself.
template <class T>
ndarray<T> asanyarray(const ndarray<T>& a) {
  return a;
}
/// numpy.asanyarray from host data: asarray(values).
template <class T>
ndarray<T> asanyarray(const std::vector<T>& values) {
  return asarray(values);
}
/// numpy.asanyarray from host data and a shape (C order): asarray(values, shape).
template <class T>
ndarray<T> asanyarray(const std::vector<T>& values, const shape_t& shape) {
  return asarray(values, shape);
}
/// numpy.asanyarray from a braced list: asarray(values).
template <class T>
ndarray<T> asanyarray(std::initializer_list<T> values) {
  return asarray(std::vector<T>(values));
}

// ---- ranges and matrices (generated kernels) -----------------------------------------------

namespace detail {
template <class T, class... A>
using range_t = std::conditional_t<
    !std::is_void_v<T>, T,
    std::conditional_t<(std::is_integral_v<A> && ...), std::int64_t, double>>;

/// The number of elements of arange(start, stop, step), as NumPy computes it.
std::int64_t arange_length(double start, double stop, double step);
std::int64_t arange_length(std::int64_t start, std::int64_t stop, std::int64_t step);

/// Fills a new 1-D array of R with start + i * step, computed in C (int64 or double).
template <class R, class C>
ndarray<R> affine_range(std::int64_t n, C start, C step) {
  ndarray<R> out(shape_t{n});
  expr::assign(expr::make_node<expr::op_add>(
                   expr::make_node<expr::op_multiply>(expr::flat_index{}, step), start),
               out.desc());
  return out;
}
}  // namespace detail

/// numpy.arange(start, stop, step): integers give int64, floats float64, unless T is given.
/// Throws value_error when step is 0.
template <class T = void, class A, class B, class S = int>
auto arange(A start, B stop, S step = 1) {
  using R = detail::range_t<T, A, B, S>;
  static_assert(std::is_arithmetic_v<A> && std::is_arithmetic_v<B> && std::is_arithmetic_v<S>,
                "arange takes real numbers");
  if constexpr (std::is_integral_v<A> && std::is_integral_v<B> && std::is_integral_v<S>) {
    const auto n = detail::arange_length(static_cast<std::int64_t>(start),
                                         static_cast<std::int64_t>(stop),
                                         static_cast<std::int64_t>(step));
    return detail::affine_range<R>(n, static_cast<std::int64_t>(start),
                                   static_cast<std::int64_t>(step));
  } else {
    const auto n = detail::arange_length(static_cast<double>(start), static_cast<double>(stop),
                                         static_cast<double>(step));
    return detail::affine_range<R>(n, static_cast<double>(start), static_cast<double>(step));
  }
}
/// numpy.arange(stop).
template <class T = void, class A>
auto arange(A stop) {
  return arange<T>(A(0), stop, 1);
}

/// numpy.linspace: `num` evenly spaced samples over [start, stop] (or [start, stop) without the
/// endpoint), float64 unless T is given.
template <class T = double>
ndarray<T> linspace(double start, double stop, std::int64_t num = 50, bool endpoint = true) {
  CUPP_EXPECTS(num >= 0, value_error,
               "Number of samples, " + std::to_string(num) + ", must be non-negative.");
  const std::int64_t div = endpoint ? num - 1 : num;
  const double step = div > 0 ? (stop - start) / static_cast<double>(div) : 0.0;
  ndarray<T> out = detail::affine_range<T>(num, start, step);
  if (endpoint && num > 1) out(num - 1) = static_cast<T>(stop);
  return out;
}

/// numpy.logspace: base ** linspace(start, stop, num, endpoint).
template <class T = double>
ndarray<T> logspace(double start, double stop, std::int64_t num = 50, bool endpoint = true,
                    double base = 10.0) {
  const ndarray<double> exponents = linspace<double>(start, stop, num, endpoint);
  return ndarray<T>(power(base, exponents));
}

/// numpy.eye: ones on the k-th diagonal of an N x M matrix (M = N by default).
template <class T = double>
ndarray<T> eye(std::int64_t n, std::int64_t m = -1, std::int64_t k = 0) {
  if (m < 0) m = n;
  ndarray<T> out(shape_t{n, m});
  if (m == 0) return out;
  const expr::flat_index i;
  expr::assign(equal(remainder(i, m) - floor_divide(i, m), k), out.desc());
  return out;
}

/// numpy.identity.
template <class T = double>
ndarray<T> identity(std::int64_t n) {
  return eye<T>(n);
}

/// numpy.tri: ones at and below the k-th diagonal of an N x M matrix.
template <class T = double>
ndarray<T> tri(std::int64_t n, std::int64_t m = -1, std::int64_t k = 0) {
  if (m < 0) m = n;
  ndarray<T> out(shape_t{n, m});
  if (m == 0) return out;
  const expr::flat_index i;
  expr::assign(less_equal(remainder(i, m), floor_divide(i, m) + k), out.desc());
  return out;
}

namespace detail {
/// tril/triu: keep the elements of each matrix (the last two axes) on the kept side of the k-th
/// diagonal, zero elsewhere.
template <class T>
ndarray<T> triangle(const ndarray<T>& a, std::int64_t k, bool lower) {
  const ndarray<T> m = a.ndim() == 1 ? broadcast_to(a, {a.shape(0), a.shape(0)}) : a;
  CUPP_EXPECTS(m.ndim() >= 2, value_error, "tril/triu need an array of at least one dimension");
  const std::int64_t rows = m.shape(-2), cols = m.shape(-1);
  ndarray<T> out(m.shape());
  if (out.size() == 0) return out;
  const expr::flat_index i;
  const auto col = remainder(i, cols);
  const auto row = remainder(floor_divide(i, cols), rows);
  if (lower)
    expr::assign(where(less_equal(col, row + k), m, T(0)), out.desc());
  else
    expr::assign(where(greater_equal(col, row + k), m, T(0)), out.desc());
  return out;
}
}  // namespace detail

/// numpy.tril: the lower triangle (at and below the k-th diagonal) of each matrix.
template <class T>
ndarray<T> tril(const ndarray<T>& a, std::int64_t k = 0) {
  return detail::triangle(a, k, true);
}
/// numpy.triu: the upper triangle (at and above the k-th diagonal) of each matrix.
template <class T>
ndarray<T> triu(const ndarray<T>& a, std::int64_t k = 0) {
  return detail::triangle(a, k, false);
}

/// numpy.diag: for a 1-D array, a new square matrix with it on the k-th diagonal; for a 2-D
/// array, its k-th diagonal as a view (NumPy's read-only view of np.diagonal).
template <class T>
ndarray<T> diag(const ndarray<T>& v, std::int64_t k = 0) {
  if (v.ndim() == 1) {
    const std::int64_t n = v.shape(0) + (k < 0 ? -k : k);
    ndarray<T> out = zeros<T>({n, n});
    const std::int64_t first = k >= 0 ? k : -k * n;
    out.reshape({-1})(slice(first, std::nullopt, n + 1))(slice(0, v.shape(0))) = v;
    return out;
  }
  CUPP_EXPECTS(v.ndim() == 2, value_error, "Input must be 1- or 2-d.");
  const std::int64_t rows = v.shape(0), cols = v.shape(1);
  const std::int64_t r0 = k < 0 ? -k : 0, c0 = k > 0 ? k : 0;
  const std::int64_t len = std::max<std::int64_t>(0, std::min(rows - r0, cols - c0));
  const auto& d = v.desc();
  char* ptr = len > 0 ? d.ptr + (r0 * d.strides[0] + c0 * d.strides[1]) *
                                    static_cast<std::int64_t>(sizeof(T))
                      : d.ptr;
  detail::array_desc view =
      detail::make_view(d, shape_t{len}, strides_t{d.strides[0] + d.strides[1]}, ptr);
  view.readonly = true;  // as NumPy's diagonal view
  return ndarray<T>(std::move(view));
}

/// numpy.meshgrid(x1, x2, ..., indexing): coordinate matrices, "xy" (Cartesian, the default) or
/// "ij" (matrix) indexing; each result is a new array.
template <class T>
std::vector<ndarray<T>> meshgrid(const std::vector<ndarray<T>>& xs,
                                 const std::string& indexing = "xy") {
  CUPP_EXPECTS(indexing == "xy" || indexing == "ij", value_error,
               "Valid values for `indexing` are 'xy' and 'ij'.");
  const std::size_t n = xs.size();
  shape_t shape(n);
  for (std::size_t i = 0; i < n; ++i) shape[i] = xs[i].size();
  if (indexing == "xy" && n >= 2) std::swap(shape[0], shape[1]);
  std::vector<ndarray<T>> out;
  for (std::size_t i = 0; i < n; ++i) {
    shape_t s(n, 1);
    std::size_t axis = i;
    if (indexing == "xy" && n >= 2 && i < 2) axis = 1 - i;
    s[axis] = xs[i].size();
    out.push_back(broadcast_to(xs[i].reshape({-1}).reshape(s), shape).copy());
  }
  return out;
}

/// numpy.asfortranarray(a, dtype=U): `a` itself when already Fortran-contiguous and of dtype U
/// (U defaults to a's dtype), else a Fortran-order copy converted to U.
template <class U = void, class T>
ndarray<detail::like_t<U, T>> asfortranarray(const ndarray<T>& a) {
  using R = detail::like_t<U, T>;
  if constexpr (std::is_same_v<R, T>) {
    if (a.is_f_contiguous()) return a;
  }
  ndarray<R> out(detail::empty_array(a.shape(), dtype_of<R>, 'F'));
  expr::assign(expr::make_node<expr::op_copy>(a), out.desc());
  return out;
}
/// numpy.ascontiguousarray(a, dtype=U) for U other than a's dtype: a C-contiguous copy converted
/// to U (ascontiguousarray(a) without U is in core/ndarray.hpp).
template <class U, class T, std::enable_if_t<!std::is_same_v<U, T>, int> = 0>
ndarray<U> ascontiguousarray(const ndarray<T>& a) {
  return a.template astype<U>();
}

}  // namespace cupp
