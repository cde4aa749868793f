// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// numpy.linalg.tensorinv and tensorsolve: reshapes around linalg::inv and linalg::solve.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cupp/core/ndarray.hpp"
#include "cupp/linalg/solve.hpp"

namespace cupp::linalg {

namespace detail {
/// tensorinv's shapes: {the square matrix's side, the result's shape}. value_error "Invalid ind
/// argument.", linalg_error "Last 2 dimensions of the array must be square" when the two
/// products differ.
std::pair<std::int64_t, shape_t> tensorinv_shapes(const shape_t& shape, std::int64_t ind);
/// tensorsolve's axes order (nullopt: none moved), then {prod, the result's shape}. linalg_error
/// "Input arrays must satisfy the requirement prod(a.shape[b.ndim:]) == prod(a.shape[:b.ndim])".
std::vector<std::int64_t> tensorsolve_order(std::int64_t ndim,
                                            const std::vector<std::int64_t>& axes);
std::pair<std::int64_t, shape_t> tensorsolve_shapes(const shape_t& a_shape, std::int64_t b_ndim);
}  // namespace detail

/// numpy.linalg.tensorinv(a, ind): the inverse of `a` seen as a matrix of prod(shape[:ind]) rows
/// and prod(shape[ind:]) columns, shaped shape[ind:] + shape[:ind], so that
/// tensordot(tensorinv(a), a, ind) is the identity. Dtype as linalg::inv. Throws value_error
/// "Invalid ind argument." for ind <= 0, linalg_error "Last 2 dimensions of the array must be
/// square" when the two products differ, "Singular matrix".
template <class T>
auto tensorinv(const ndarray<T>& a, std::int64_t ind = 2) {
  const auto [n, shape] = detail::tensorinv_shapes(a.shape(), ind);
  return inv(a.reshape({n, n})).reshape(shape);
}

/// numpy.linalg.tensorsolve(a, b, axes): x with tensordot(a, x, x.ndim) == b, where x has shape
/// a.shape[b.ndim:] (after the axes `axes` of a are moved to the end). Dtype as linalg::solve.
/// Throws linalg_error "Input arrays must satisfy the requirement prod(a.shape[b.ndim:]) ==
/// prod(a.shape[:b.ndim])", "Singular matrix", axis_error.
template <class A, class B>
auto tensorsolve(const ndarray<A>& a, const ndarray<B>& b,
                 const std::optional<std::vector<std::int64_t>>& axes = std::nullopt) {
  const ndarray<A> at = axes ? a.transpose(detail::tensorsolve_order(a.ndim(), *axes)) : a;
  const auto [n, shape] = detail::tensorsolve_shapes(at.shape(), b.ndim());
  return solve(at.reshape({n, n}), b.reshape({n})).reshape(shape);
}

}  // namespace cupp::linalg
