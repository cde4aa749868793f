// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// NumPy's functional programming routines: apply_along_axis, apply_over_axes and piecewise.
// The functions are host callables over ndarrays; each call runs its own device work (as NumPy
// calls a Python function per slice). numpy.vectorize has no counterpart: it calls a Python
// function once per element, which on the device is an ElementwiseKernel body or a lazy
// expression (docs/manipulation.md).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "cupp/core/ndarray.hpp"
#include "cupp/routines/indexing.hpp"
#include "cupp/routines/manipulation.hpp"
#include "cupp/routines/reduction.hpp"

namespace cupp {

namespace detail {
/// What a user function returned, as an array: an ndarray as it is, an expression evaluated, a
/// scalar as a 0-d array.
template <class R>
auto result_array(R&& r) {
  using V = std::decay_t<R>;
  if constexpr (is_ndarray<V>::value) {
    return V(std::forward<R>(r));
  } else if constexpr (expr::is_node_v<V>) {
    return r.eval();
  } else {
    static_assert(is_supported_dtype<V>::value,
                  "the function must return an ndarray, an expression or a scalar");
    ndarray<V> a(shape_t{});
    a.fill(r);
    return a;
  }
}
template <class R>
using result_array_t = decltype(result_array(std::declval<R>()));

/// piecewise's check that a condition has x's shape (NumPy's boolean-index error).
void check_condition_shape(const shape_t& x, const shape_t& cond);
/// piecewise's check of the number of functions. value_error "with 2 condition(s), either 2 or 3
/// functions are expected".
void check_piece_count(std::size_t conditions, std::size_t functions);
}  // namespace detail

/// numpy.apply_along_axis(func1d, axis, arr): `func1d` called on every 1-D slice of `arr` along
/// `axis` (a view), in C order of the other axes; its results (arrays of one shape, expressions
/// or scalars) are stacked with their dimensions in place of `axis`. The result is a view of a
/// new array, as NumPy's. Throws axis_error, value_error "Cannot apply_along_axis when any
/// iteration dimensions are 0", and a broadcast error when a result's shape differs from the
/// first's.
template <class T, class F>
auto apply_along_axis(F&& func1d, std::int64_t axis, const ndarray<T>& arr) {
  using R = detail::result_array_t<std::invoke_result_t<F&, const ndarray<T>&>>;
  using U = typename R::value_type;
  const std::int64_t nd = arr.ndim();
  axis = normalize_axis(axis, nd);
  const ndarray<T> in = moveaxis(arr, axis, -1);
  const shape_t outer(in.shape().begin(), in.shape().end() - 1);
  const std::int64_t count = shape_size(outer);
  CUPP_EXPECTS(count > 0, value_error,
               "Cannot apply_along_axis when any iteration dimensions are 0");
  const auto slice_at = [&](std::int64_t k) {
    std::vector<detail::index_item> items;
    std::int64_t rest = k;
    for (std::size_t d = outer.size(); d-- > 0;) {
      items.insert(items.begin(), rest % outer[d]);
      rest /= outer[d];
    }
    return ndarray<T>(detail::index_view(in.desc(), items));
  };
  const R first = detail::result_array(func1d(slice_at(0)));
  shape_t shape = outer;
  shape.insert(shape.end(), first.shape().begin(), first.shape().end());
  ndarray<U> buf(shape);
  shape_t rows{count};
  rows.insert(rows.end(), first.shape().begin(), first.shape().end());
  const ndarray<U> flat = buf.reshape(rows);
  flat(0) = first;
  for (std::int64_t k = 1; k < count; ++k) flat(k) = detail::result_array(func1d(slice_at(k)));
  // The result's dimensions go where `axis` was.
  std::vector<std::int64_t> order;
  const auto outer_n = static_cast<std::int64_t>(outer.size());
  const auto bn = static_cast<std::int64_t>(shape.size());
  for (std::int64_t d = 0; d < axis; ++d) order.push_back(d);
  for (std::int64_t d = outer_n; d < bn; ++d) order.push_back(d);
  for (std::int64_t d = axis; d < outer_n; ++d) order.push_back(d);
  return buf.transpose(order);
}

/// numpy.apply_over_axes(func, a, axes): for each axis in turn, val = func(val, axis); a result
/// with one dimension fewer gets it back (expand_dims at that axis). `func` takes (ndarray,
/// std::int64_t) and returns an array or expression, of one dtype whatever the input's (the
/// first call fixes it: with no axes, `a` converted to that dtype is returned). Throws value_error
/// "function is not returning an array of the correct shape".
template <class T, class F>
auto apply_over_axes(F&& func, const ndarray<T>& a, const std::vector<std::int64_t>& axes) {
  using R = detail::result_array_t<std::invoke_result_t<F&, const ndarray<T>&, std::int64_t>>;
  using U = typename R::value_type;
  const std::int64_t n = a.ndim();
  const auto step = [&](const auto& val, std::int64_t axis) {
    if (axis < 0) axis += n;
    ndarray<U> res = detail::result_array(func(val, axis));
    if (res.ndim() == val.ndim()) return res;
    res = expand_dims(res, axis);
    CUPP_EXPECTS(res.ndim() == val.ndim(), value_error,
                 "function is not returning an array of the correct shape");
    return res;
  };
  if (axes.empty()) return detail::as_dtype<U>(a);
  ndarray<U> val = step(a, axes[0]);
  for (std::size_t k = 1; k < axes.size(); ++k) {
    static_assert(
        std::is_same_v<
            detail::result_array_t<std::invoke_result_t<F&, const ndarray<U>&, std::int64_t>>, R>,
        "apply_over_axes: the function must return one dtype");
    val = step(val, axes[k]);
  }
  return val;
}
/// numpy.apply_over_axes with one axis.
template <class T, class F>
auto apply_over_axes(F&& func, const ndarray<T>& a, std::int64_t axis) {
  return apply_over_axes(std::forward<F>(func), a, std::vector<std::int64_t>{axis});
}

/// One entry of piecewise's funclist: a value, or a function of the selected elements (a 1-D
/// array) returning their new values (an array of the same length, or one value, broadcast).
template <class T>
using piece = std::variant<T, std::function<ndarray<T>(const ndarray<T>&)>>;

/// numpy.piecewise(x, condlist, funclist): a new array of x's shape and dtype, zero where no
/// condition holds; where condlist[k] holds, funclist[k]'s value, or funclist[k] applied to the
/// elements of x selected there (later conditions win). One function more than conditions is
/// the "otherwise" entry, for where none holds. Each condition has x's shape. Throws value_error
/// "with 2 condition(s), either 2 or 3 functions are expected", index_error "boolean index did
/// not match indexed array along axis 0; size of axis is 3 but size of corresponding boolean
/// axis is 2".
template <class T>
ndarray<T> piecewise(const ndarray<T>& x, const std::vector<ndarray<bool>>& condlist,
                     const std::vector<piece<T>>& funclist) {
  detail::check_piece_count(condlist.size(), funclist.size());
  for (const auto& c : condlist) detail::check_condition_shape(x.shape(), c.shape());
  // A 0-d x is seen as (1,), so that its conditions can select.
  const shape_t one{1};
  const ndarray<T> xs = x.ndim() == 0 ? x.reshape(one) : x;
  std::vector<ndarray<bool>> conds;
  for (const auto& c : condlist) conds.push_back(x.ndim() == 0 ? c.reshape(one) : c);
  if (funclist.size() == conds.size() + 1) {
    ndarray<bool> any_of = zeros<bool>(xs.shape());
    for (const auto& c : conds) any_of = logical_or(any_of, c);
    conds.push_back(logical_not(any_of));
  }
  ndarray<T> y = zeros<T>(xs.shape());
  for (std::size_t k = 0; k < conds.size(); ++k) {
    if (const T* value = std::get_if<T>(&funclist[k])) {
      y = where(conds[k], *value, y);
    } else {
      const ndarray<T> vals = xs[conds[k]];
      if (vals.size() > 0) y[conds[k]] = std::get<1>(funclist[k])(vals);
    }
  }
  return x.ndim() == 0 ? y.reshape(shape_t{}) : y;
}

}  // namespace cupp
