// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Searching: nonzero, argwhere, flatnonzero and where(cond), each with JAX's optional `size`, and
// the orderings built on the sorts: lexsort, partition and argpartition. The selections run on
// cub::DeviceSelect and the sorts on CUB's radix sorts, both built once into the library
// (kernels/*.cu); the templates here only pick layouts.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/dtype.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/expr/expression.hpp"
#include "cupp/expr/ufuncs.hpp"

namespace cupp {

/// JAX's `fill_value` of nonzero and argwhere with a `size`: the index that padding entries
/// hold, one for every dimension (an integer) or one per dimension (a list).
class fill_value_arg {
 public:
  /// One index for every dimension.
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  fill_value_arg(I value) : values_{static_cast<std::int64_t>(value)} {}  // NOLINT: implicit
  /// One index per dimension: `{0, 1}`.
  fill_value_arg(std::initializer_list<std::int64_t> per_dimension) : values_(per_dimension) {}
  /// One index per dimension, from a vector.
  fill_value_arg(std::vector<std::int64_t> per_dimension)  // NOLINT: implicit
      : values_(std::move(per_dimension)) {}

  /// The index given (one entry), or the indices per dimension.
  const std::vector<std::int64_t>& values() const noexcept { return values_; }

 private:
  std::vector<std::int64_t> values_;
};

/// NumPy's `kth` of partition and argpartition: one index or several, negative ones counting
/// from the end.
class kth_arg {
 public:
  /// One kth index.
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  kth_arg(I kth) : values_{static_cast<std::int64_t>(kth)} {}  // NOLINT: implicit
  /// Several kth indices: `{1, 3}`.
  kth_arg(std::initializer_list<std::int64_t> kth) : values_(kth) {}
  /// Several kth indices, from a vector.
  kth_arg(std::vector<std::int64_t> kth) : values_(std::move(kth)) {}  // NOLINT: implicit

  /// The kth indices given, as given.
  const std::vector<std::int64_t>& values() const noexcept { return values_; }

 private:
  std::vector<std::int64_t> values_;
};

namespace detail {

/// How nonzero_indices lays out its result: `flat` (N,) positions in the flattened array
/// (flatnonzero); `per_dimension` (ndim, N), row d holding the d-th index of every nonzero
/// element (nonzero); `per_element` (N, ndim), one row per element (argwhere).
enum class index_layout : std::uint8_t { flat, per_dimension, per_element };

/// The indices of the nonzero elements of `a`, in C order, as a new int64 array laid out as
/// `layout` says. `a` must have a 1-D strided view (searched() makes sure). Without `size`, N is
/// the number of nonzero elements (one synchronisation to learn it); with it, N is *size: the
/// first *size indices, padded with `fill` (one value, or one per dimension), the count staying
/// on the device. Throws value_error for a negative size or a fill of the wrong length.
array_desc nonzero_indices(const array_desc& a, index_layout layout,
                           std::optional<std::int64_t> size, const std::vector<std::int64_t>& fill);
/// True when `a` can be read in C order as a 1-D strided view (Note [Reading the searched
/// array] in src/search/searching.cpp).
bool has_flat_view(const array_desc& a);
/// nonzero's value_error for a 0-d array, in NumPy's words (longer for bool).
[[noreturn]] void throw_nonzero_0d(bool is_bool);
/// The rows of a 2-D array, as 1-D views.
std::vector<array_desc> rows_of(const array_desc& a);

/// numpy.lexsort of type-erased keys along `axis`; throws as NumPy does.
array_desc lexsort_keys(const std::vector<array_desc>& keys, std::int64_t axis);
/// The keys of numpy.lexsort given one array: its sub-arrays along the first axis.
std::vector<array_desc> keys_of(const array_desc& a);
/// partition (or, with `indices`, argpartition) of `a` after NumPy's checks of axis and kth.
array_desc partition_array(const array_desc& a, const std::vector<std::int64_t>& kth,
                           std::optional<std::int64_t> axis, bool indices);

/// What the searching routines read: an array that has a 1-D strided view as it is, anything
/// else (another layout, an expression) first evaluated to bool, `x != 0`, by one generated
/// kernel.
template <class E>
array_desc searched(const E& e) {
  if constexpr (expr::is_array_v<E>) {
    if (has_flat_view(e.desc())) return e.desc();
  }
  ndarray<bool> flags(expr::operand<E>::shape(e));
  if (flags.size() > 0) {
    if constexpr (expr::is_array_v<E>)
      expr::assign(expr::make_node<expr::op_copy>(e), flags.desc());
    else
      expr::assign(e, flags.desc());
  }
  return flags.desc();
}

template <class E>
inline constexpr bool is_searchable_v = expr::is_operand_v<E>;

}  // namespace detail

// ---- nonzero and its relatives -----------------------------------------------------------------

/// numpy.nonzero: one int64 array per dimension of `a` (an array of any dtype and layout, or an
/// elementwise expression such as `x > 0`, evaluated first), holding the indices of the nonzero
/// elements in C order; NaN is nonzero, -0.0 is zero, a complex number is nonzero when either
/// part is. Without `size` the count is read back to size the results (one synchronisation).
/// With `size` (JAX's extension) each array has exactly `size` entries: the first indices,
/// truncated, or padded with `fill_value` (one index, or one per dimension), and nothing
/// synchronises. Throws value_error "Calling nonzero on 0d arrays is not allowed. Use
/// np.atleast_1d(scalar).nonzero() instead." for a 0-d `a` (NumPy 2 adds a sentence for bool).
template <class E, std::enable_if_t<detail::is_searchable_v<E>, int> = 0>
std::vector<ndarray<std::int64_t>> nonzero(const E& a,
                                           std::optional<std::int64_t> size = std::nullopt,
                                           const fill_value_arg& fill_value = 0) {
  if (expr::operand<E>::shape(a).empty())
    detail::throw_nonzero_0d(expr::operand<E>::dt == dtype::bool_);
  const detail::array_desc r = detail::nonzero_indices(
      detail::searched(a), detail::index_layout::per_dimension, size, fill_value.values());
  std::vector<ndarray<std::int64_t>> out;
  for (detail::array_desc& row : detail::rows_of(r)) out.emplace_back(std::move(row));
  return out;
}

/// numpy.argwhere: the indices of the nonzero elements grouped by element, an int64 array of
/// shape (N, a.ndim) in C order; a 0-d `a` gives shape (1, 0) or (0, 0), as NumPy. `size` and
/// `fill_value` as nonzero (JAX's argwhere): exactly `size` rows, padded with `fill_value`.
template <class E, std::enable_if_t<detail::is_searchable_v<E>, int> = 0>
ndarray<std::int64_t> argwhere(const E& a, std::optional<std::int64_t> size = std::nullopt,
                               const fill_value_arg& fill_value = 0) {
  return ndarray<std::int64_t>(detail::nonzero_indices(
      detail::searched(a), detail::index_layout::per_element, size, fill_value.values()));
}

/// numpy.flatnonzero: the indices of the nonzero elements in the flattened `a` (nonzero of
/// ravel(a)); a 0-d `a` counts as one element. `size` and `fill_value` as nonzero.
template <class E, std::enable_if_t<detail::is_searchable_v<E>, int> = 0>
ndarray<std::int64_t> flatnonzero(const E& a, std::optional<std::int64_t> size = std::nullopt,
                                  std::int64_t fill_value = 0) {
  return ndarray<std::int64_t>(detail::nonzero_indices(
      detail::searched(a), detail::index_layout::flat, size, {fill_value}));
}

/// numpy.where with the condition alone: nonzero(cond). (where(cond, x, y), the elementwise
/// choice, is in cupp/expr/ufuncs.hpp.)
template <class C, std::enable_if_t<detail::is_searchable_v<C>, int> = 0>
std::vector<ndarray<std::int64_t>> where(const C& cond) {
  return nonzero(cond);
}

// ---- orderings built on the sorts ----------------------------------------------------------------

/// numpy.lexsort: the int64 indices that sort by several keys of one shape along `axis`, the
/// last key primary, ties broken by the key before it, and so on; stable, each key in NumPy's
/// sort order (NaNs last). `keys` may mix dtypes through the tuple form. Throws type_error "need
/// sequence of keys with len > 0 in lexsort", value_error "all keys need to be the same shape",
/// and axis_error (0-d keys accept axis 0 and -1 and give a 0-d [0], as NumPy).
template <class T>
ndarray<std::int64_t> lexsort(const std::vector<ndarray<T>>& keys, std::int64_t axis = -1) {
  std::vector<detail::array_desc> k;
  for (const auto& key : keys) k.push_back(key.desc());
  return ndarray<std::int64_t>(detail::lexsort_keys(k, axis));
}
template <class T>
ndarray<std::int64_t> lexsort(std::initializer_list<ndarray<T>> keys, std::int64_t axis = -1) {
  return lexsort(std::vector<ndarray<T>>(keys), axis);
}
template <class... T>
ndarray<std::int64_t> lexsort(const std::tuple<ndarray<T>...>& keys, std::int64_t axis = -1) {
  std::vector<detail::array_desc> k;
  std::apply([&](const auto&... key) { (k.push_back(key.desc()), ...); }, keys);
  return ndarray<std::int64_t>(detail::lexsort_keys(k, axis));
}
/// numpy.lexsort of one array: its sub-arrays along the first axis are the keys (the rows of a
/// 2-D array), the last one primary.
template <class T>
ndarray<std::int64_t> lexsort(const ndarray<T>& keys, std::int64_t axis = -1) {
  return ndarray<std::int64_t>(detail::lexsort_keys(detail::keys_of(keys.desc()), axis));
}

/// numpy.partition: a copy of `a` in which, along `axis` (the last by default; std::nullopt
/// flattens), the element at each position of `kth` is the one a sort would put there, none
/// before it greater and none after it smaller, in NumPy's sort order (NaNs last). Done by a
/// full stable sort, which meets that guarantee for every kth at once. Throws axis_error (a 0-d
/// array has no axis) and value_error "kth(=5) out of bounds (5)" (a negative kth shown after
/// adding the length), as NumPy.
template <class T>
ndarray<T> partition(const ndarray<T>& a, const kth_arg& kth,
                     std::optional<std::int64_t> axis = -1) {
  return ndarray<T>(detail::partition_array(a.desc(), kth.values(), axis, false));
}

/// numpy.argpartition: the int64 indices that partition `a` along `axis` as partition does
/// (a stable argsort); a 0-d `a` is treated as 1-D, as NumPy's argsort does. Errors as
/// partition.
template <class T>
ndarray<std::int64_t> argpartition(const ndarray<T>& a, const kth_arg& kth,
                                   std::optional<std::int64_t> axis = -1) {
  return ndarray<std::int64_t>(detail::partition_array(a.desc(), kth.values(), axis, true));
}

}  // namespace cupp
