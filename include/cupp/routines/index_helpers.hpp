// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Index helpers: indices, ix_, ravel_multi_index, unravel_index, diag_indices(_from),
// tril/triu_indices(_from), mask_indices, and the diagonal routines diagonal (a view) and
// fill_diagonal. Index arrays are int64 (NumPy's intp) and computed on the device; only the
// checks of ravel_multi_index's `raise` mode and unravel_index read a flag back.
#pragma once

#include <cstdint>
#include <optional>
#include <type_traits>
#include <vector>

#include "cupp/core/ndarray.hpp"
#include "cupp/linalg/products.hpp"
#include "cupp/routines/creation.hpp"
#include "cupp/routines/indexing.hpp"
#include "cupp/routines/rearrange.hpp"
#include "cupp/routines/searching.hpp"
#include "cupp/routines/sets.hpp"

namespace cupp {

namespace detail {
/// numpy.indices(dimensions): an int64 array of shape (len(dimensions), *dimensions), entry i
/// holding the index along axis i. value_error "negative dimensions are not allowed".
array_desc indices(const shape_t& dimensions);
/// numpy.indices(dimensions, sparse=True): entry i is arange(dimensions[i]) shaped
/// (1, ..., dimensions[i], ..., 1).
std::vector<array_desc> sparse_indices(const shape_t& dimensions);
/// Throws value_error "only 'C' or 'F' order is permitted" for another `order`.
void check_index_order(char order);
/// numpy.ravel_multi_index of int64 coordinate arrays (broadcast together). `modes` has one
/// entry or one per dimension. value_error "parameter multi_index must be a sequence of length
/// 2", "list of clipmodes has wrong length (3 instead of 2)", "invalid entry in coordinates
/// array", "cannot unravel if shape has zero entries (is empty).", "invalid dims: array size
/// defined by dims is larger than the maximum possible size.".
array_desc ravel_multi_index(const std::vector<array_desc>& multi_index, const shape_t& dims,
                             const std::vector<index_mode>& modes, char order);
/// numpy.unravel_index of an int64 array. value_error "index 10 is out of bounds for array with
/// size 6".
std::vector<array_desc> unravel_index(const array_desc& indices, const shape_t& shape, char order);
/// The views of `a` whose elements fill_diagonal writes: the main diagonal (all axes equal for
/// ndim > 2); with `wrap`, a tall 2-D matrix's diagonal restarting every ncols + 1 rows (one
/// strided view of the flattened array when `a` is C-contiguous, else one view per block).
/// value_error "array must be at least 2-d", "All dimensions of input must be of equal length".
std::vector<array_desc> fill_diagonal_views(const array_desc& a, bool wrap);
/// diag_indices_from's checks: value_error "input array must be at least 2-d", "All dimensions
/// of input must be of equal length".
void check_equal_dims(const shape_t& shape);
}  // namespace detail

/// numpy.indices(dimensions): the int64 grid of shape (len(dimensions), *dimensions) whose
/// entry i holds each element's index along axis i. Throws value_error for a negative dimension.
inline ndarray<std::int64_t> indices(const shape_t& dimensions) {
  return ndarray<std::int64_t>(detail::indices(dimensions));
}
/// numpy.indices(dimensions, sparse=True): one int64 array per axis, arange(dimensions[i])
/// shaped (1, ..., dimensions[i], ..., 1), which broadcast to the dense grid.
inline std::vector<ndarray<std::int64_t>> sparse_indices(const shape_t& dimensions) {
  return detail::arrays_of<std::int64_t>(detail::sparse_indices(dimensions));
}

/// numpy.ix_: views of 1-D index arrays shaped to broadcast into an open mesh (array k as
/// (1, ..., n_k, ..., 1)); a bool array is first turned into its nonzero positions (int64).
/// Throws value_error "Cross index must be 1 dimensional".
template <class T>
auto ix_(const std::vector<ndarray<T>>& args) {
  static_assert(std::is_integral_v<T>, "ix_ takes integer or bool index arrays");
  using R = std::conditional_t<std::is_same_v<T, bool>, std::int64_t, T>;
  std::vector<ndarray<R>> out;
  for (std::size_t k = 0; k < args.size(); ++k) {
    CUPP_EXPECTS(args[k].ndim() == 1, value_error, "Cross index must be 1 dimensional");
    ndarray<R> v = [&] {
      if constexpr (std::is_same_v<T, bool>)
        return nonzero(args[k])[0];
      else
        return args[k];
    }();
    shape_t shape(args.size(), 1);
    shape[k] = v.size();
    out.push_back(v.reshape(shape));
  }
  return out;
}

/// numpy.ravel_multi_index(multi_index, dims, mode, order): the flat index into an array of
/// shape `dims` of each coordinate tuple (the arrays broadcast together), int64. `mode` is one
/// index_mode or one per dimension (raise: out of range throws; wrap; clip); order 'C' or 'F'.
/// Throws value_error "invalid entry in coordinates array", "cannot unravel if shape has zero
/// entries (is empty)." (a zero dimension with coordinates to place), "parameter multi_index must
/// be a sequence of length n", "list of clipmodes has wrong length (m instead of n)", "only 'C'
/// or 'F' order is permitted".
template <class T>
ndarray<std::int64_t> ravel_multi_index(const std::vector<ndarray<T>>& multi_index,
                                        const shape_t& dims,
                                        const std::vector<index_mode>& mode = {index_mode::raise},
                                        char order = 'C') {
  static_assert(std::is_integral_v<T> && !std::is_same_v<T, bool>,
                "ravel_multi_index takes integer coordinate arrays");
  std::vector<detail::array_desc> coords;
  for (const auto& c : multi_index) coords.push_back(detail::as_dtype<std::int64_t>(c).desc());
  return ndarray<std::int64_t>(detail::ravel_multi_index(coords, dims, mode, order));
}

/// numpy.unravel_index(indices, shape, order): one int64 array per dimension of `shape`, of the
/// shape of `indices`, holding the coordinates of each flat index. Throws value_error "index 10
/// is out of bounds for array with size 6" (the first offending index), "only 'C' or 'F' order
/// is permitted".
template <class T>
std::vector<ndarray<std::int64_t>> unravel_index(const ndarray<T>& indices, const shape_t& shape,
                                                 char order = 'C') {
  static_assert(std::is_integral_v<T> && !std::is_same_v<T, bool>,
                "unravel_index takes integer indices");
  return detail::arrays_of<std::int64_t>(
      detail::unravel_index(detail::as_dtype<std::int64_t>(indices).desc(), shape, order));
}

/// numpy.diag_indices(n, ndim): `ndim` references to arange(n), int64, indexing the main
/// diagonal of an n x n x ... array.
inline std::vector<ndarray<std::int64_t>> diag_indices(std::int64_t n, std::int64_t ndim = 2) {
  const ndarray<std::int64_t> idx = arange<std::int64_t>(n);
  return std::vector<ndarray<std::int64_t>>(static_cast<std::size_t>(ndim), idx);
}
/// numpy.diag_indices_from(arr). Throws value_error "input array must be at least 2-d", "All
/// dimensions of input must be of equal length".
template <class T>
std::vector<ndarray<std::int64_t>> diag_indices_from(const ndarray<T>& arr) {
  detail::check_equal_dims(arr.shape());
  return diag_indices(arr.shape(0), arr.ndim());
}

/// numpy.tril_indices(n, k, m): the (row, column) int64 indices of the lower triangle (at and
/// below the k-th diagonal) of an n x m matrix (m = n by default), row by row.
inline std::vector<ndarray<std::int64_t>> tril_indices(std::int64_t n, std::int64_t k = 0,
                                                       std::optional<std::int64_t> m = {}) {
  return nonzero(tri<bool>(n, m.value_or(n), k));
}
/// numpy.triu_indices(n, k, m): the indices of the upper triangle (at and above the k-th
/// diagonal), row by row.
inline std::vector<ndarray<std::int64_t>> triu_indices(std::int64_t n, std::int64_t k = 0,
                                                       std::optional<std::int64_t> m = {}) {
  return nonzero(logical_not(tri<bool>(n, m.value_or(n), k - 1)));
}
/// numpy.tril_indices_from(arr, k). Throws value_error "input array must be 2-d".
template <class T>
std::vector<ndarray<std::int64_t>> tril_indices_from(const ndarray<T>& arr, std::int64_t k = 0) {
  CUPP_EXPECTS(arr.ndim() == 2, value_error, "input array must be 2-d");
  return tril_indices(arr.shape(0), k, arr.shape(1));
}
/// numpy.triu_indices_from(arr, k). Throws value_error "input array must be 2-d".
template <class T>
std::vector<ndarray<std::int64_t>> triu_indices_from(const ndarray<T>& arr, std::int64_t k = 0) {
  CUPP_EXPECTS(arr.ndim() == 2, value_error, "input array must be 2-d");
  return triu_indices(arr.shape(0), k, arr.shape(1));
}
/// numpy.mask_indices(n, mask_func, k): the indices where mask_func(ones((n, n)), k) is nonzero;
/// mask_func takes an ndarray<int64_t> and the offset (cupp::triu, cupp::tril, or any callable).
template <class F>
std::vector<ndarray<std::int64_t>> mask_indices(std::int64_t n, F&& mask_func, std::int64_t k = 0) {
  return nonzero(mask_func(ones<std::int64_t>({n, n}), k));
}

/// numpy.diagonal(a, offset, axis1, axis2): a read-only view of the diagonals of the (axis1,
/// axis2) planes, the other axes first and the diagonal last. Throws value_error "diag requires
/// an array of at least two dimensions", "axis1 and axis2 cannot be the same", axis_error.
template <class T>
ndarray<T> diagonal(const ndarray<T>& a, std::int64_t offset = 0, std::int64_t axis1 = 0,
                    std::int64_t axis2 = 1) {
  return ndarray<T>(detail::diagonal_view(a.desc(), offset, axis1, axis2));
}

/// numpy.fill_diagonal(a, val, wrap): writes `val` on the main diagonal of `a` in place (all
/// axes of equal length for ndim > 2); with `wrap`, a tall matrix's diagonal starts again every
/// ncols + 1 rows, as NumPy's flat stepping does. Throws value_error "array must be at least
/// 2-d", "All dimensions of input must be of equal length", "assignment destination is
/// read-only".
template <class T>
void fill_diagonal(const ndarray<T>& a, detail::identity_t<T> val, bool wrap = false) {
  for (const detail::array_desc& v : detail::fill_diagonal_views(a.desc(), wrap))
    detail::fill(v, &val);
}

}  // namespace cupp
