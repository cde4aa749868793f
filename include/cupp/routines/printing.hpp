// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// numpy.array2string, array_repr and array_str for ndarray<T>, cupp::array and expressions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/core/printoptions.hpp"
#include "cupp/core/runtime_array.hpp"

namespace cupp {
namespace detail {

/// What to print: numpy.array2string, array_repr or array_str.
enum class print_form { array2string, repr, str };
/// Copies `a` to the host (synchronising the current stream) and prints it under `options`.
std::string print_array(const array_desc& a, print_form form, const printoptions& options,
                        const std::string& separator = " ", const std::string& prefix = "",
                        const std::string& suffix = "");
/// The current options with NumPy's per-call overrides applied.
printoptions print_overrides(std::optional<std::int64_t> max_line_width,
                             std::optional<int> precision, std::optional<bool> suppress_small);

template <class T>
array_desc print_source(const ndarray<T>& a) {
  return a.desc();
}
inline array_desc print_source(const array& a) { return a.desc(); }
template <class Op, class... Args>
array_desc print_source(const expr::node<Op, Args...>& e) {
  return e.eval().desc();
}
/// What the printing functions accept: ndarray<T>, cupp::array, and expressions (evaluated).
template <class A>
using printable_t = decltype(print_source(std::declval<const A&>()));

}  // namespace detail

/// numpy.array2string: the elements without the "array(" frame, "[1. 2. 3.]". Options left out
/// are the current ones (cupp::get_printoptions()): `max_line_width` is the linewidth,
/// `suppress_small` the suppress option. `prefix` is not printed: continuation lines are indented
/// by its length; lines break `suffix.size()` columns early. A 0-d array prints its element
/// ("3."), an empty one "[]".
template <class A, class = detail::printable_t<A>>
std::string array2string(const A& a, std::optional<std::int64_t> max_line_width = std::nullopt,
                         std::optional<int> precision = std::nullopt,
                         std::optional<bool> suppress_small = std::nullopt,
                         const std::string& separator = " ", const std::string& prefix = "",
                         const std::string& suffix = "") {
  return detail::print_array(detail::print_source(a), detail::print_form::array2string,
                             detail::print_overrides(max_line_width, precision, suppress_small),
                             separator, prefix, suffix);
}

/// numpy.array2string with every option given (NumPy's keyword arguments threshold, edgeitems,
/// sign, floatmode, ...): `options` replaces the current options for this call.
template <class A, class = detail::printable_t<A>>
std::string array2string(const A& a, const printoptions& options,
                         const std::string& separator = " ", const std::string& prefix = "",
                         const std::string& suffix = "") {
  return detail::print_array(detail::print_source(a), detail::print_form::array2string, options,
                             separator, prefix, suffix);
}

/// numpy.array_repr: what `std::cout << a` prints, "array([1., 2.], dtype=float32)".
template <class A, class = detail::printable_t<A>>
std::string array_repr(const A& a, std::optional<std::int64_t> max_line_width = std::nullopt,
                       std::optional<int> precision = std::nullopt,
                       std::optional<bool> suppress_small = std::nullopt) {
  return detail::print_array(detail::print_source(a), detail::print_form::repr,
                             detail::print_overrides(max_line_width, precision, suppress_small));
}

/// numpy.array_str: Python's print(a), "[1. 2.]"; a 0-d array prints as its scalar's str
/// ("3.0", "(1+2j)").
template <class A, class = detail::printable_t<A>>
std::string array_str(const A& a, std::optional<std::int64_t> max_line_width = std::nullopt,
                      std::optional<int> precision = std::nullopt,
                      std::optional<bool> suppress_small = std::nullopt) {
  return detail::print_array(detail::print_source(a), detail::print_form::str,
                             detail::print_overrides(max_line_width, precision, suppress_small));
}

}  // namespace cupp
