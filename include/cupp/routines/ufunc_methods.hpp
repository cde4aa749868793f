// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// NumPy's binary ufuncs as objects with methods: cupp::ufunc::add.reduce(a, axis),
// cupp::ufunc::multiply.accumulate(a, axis), cupp::ufunc::subtract.outer(a, b) (Note [Ufunc
// objects]).
#pragma once

#include <cstdint>
#include <numeric>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/routines/creation.hpp"
#include "cupp/expr/expression.hpp"
#include "cupp/expr/ufuncs.hpp"
#include "cupp/routines/reduction.hpp"
#include "cupp/routines/sorting.hpp"

namespace cupp {
namespace detail {
/// op.at(a, indices, values) on a 1-D array `a` (Note [Unbuffered at] in
/// kernels/cupp/ufunc_methods.cuh): values broadcast to the indices' shape, the op computed in
/// its loop dtype and cast to a's (unsafe, as NumPy's at). Throws index_error "index 3 is out of
/// bounds for axis 0 with size 3" before writing anything, index_error for indices that are not
/// integers, type_error when the op has no loop for the dtypes, not_implemented_error for `a` of
/// more than one dimension.
void ufunc_at(const expr::op_desc& op, const array_desc& a, const array_desc& indices,
              const array_desc& values);
/// op.reduceat(a, indices, axis) into a new array of dtype `out` (accumulating in its compute
/// dtype). Throws index_error "index 10 out-of-bounds in add.reduceat [0, 10)", axis_error.
array_desc ufunc_reduceat(const expr::op_desc& op, const array_desc& a,
                          const std::vector<std::int64_t>& indices, std::int64_t axis, dtype out);

/// The kernel modules of ufunc_at and ufunc_reduceat for these dtypes (for tests: each compiles
/// without a GPU).
std::string ufunc_at_source(const expr::op_desc& op, dtype a, dtype values);
std::string ufunc_reduceat_source(const expr::op_desc& op, dtype a, dtype out);

/// A C++ number as an element of T (the values of ufunc.at).
template <class T, class S>
T scalar_as(S s) {
  if constexpr (expr::is_complex_scalar<S>::value) {
    if constexpr (expr::is_complex_scalar<T>::value)
      return T(s);
    else
      return scalar_as<T>(s.real());  // NumPy's cast keeps the real part
  } else if constexpr (expr::is_complex_scalar<T>::value) {
    return T(static_cast<typename T::value_type>(s));
  } else if constexpr (std::is_same_v<T, bool>) {
    return s != S(0);
  } else if constexpr (std::is_integral_v<T> && std::is_integral_v<S>) {
    return static_cast<T>(s);
  } else {
    return static_cast<T>(static_cast<double>(s));
  }
}
}  // namespace detail

namespace ufunc {

// Note [Ufunc objects]: numpy.add is an object with a call and methods. cupp::add is a set of
// overloaded function templates (lazy, scalar and `out` forms, beside std's names: Note [Ufuncs of
// scalars]), which cannot also be an object without breaking calls such as cupp::add(a, b, out)
// or taking its address. So the objects live in cupp::ufunc under the same names:
// cupp::ufunc::add(a, b) is cupp::add(a, b), and cupp::ufunc::add.reduce(a) is numpy.add.reduce.
// The methods reuse the engines: reduce is the reduction of the same op (add: sum, multiply:
// prod, maximum: max, minimum: min, logical_and: all, logical_or: any), accumulate is the scan
// (add: cumsum, multiply: cumprod), and outer is the op of `a` with new axes and `b` (one lazy
// expression); at and reduceat have kernels of their own (kernels/cupp/ufunc_methods.cuh),
// which call the op's device function. A method NumPy has that no engine computes for the op
// yet is a compile error naming it.

template <class Op>
inline constexpr bool is_one_of_ops = false;

/// A binary ufunc of ufuncs.def as an object (Note [Ufunc objects]).
template <class Op>
struct binary_ufunc {
  /// The ufunc itself: cupp::<name>(a, b), lazy.
  template <class A, class B, std::enable_if_t<expr::args_ok<A, B>, int> = 0>
  auto operator()(const A& a, const B& b) const {
    return expr::make_node<Op>(a, b);
  }

  /// numpy.<ufunc>.reduce(a, axis=0, keepdims=False): the op applied along `axis` (std::nullopt:
  /// every axis; several: {0, 2}), with NumPy's dtypes (add and multiply of bools and integers
  /// in 64 bits, logical_and and logical_or give bool). For add, multiply, maximum, minimum,
  /// logical_and, logical_or. Errors are the reductions' (axis_error; value_error for maximum
  /// or minimum of an empty slice).
  template <class E, expr::if_operand<E> = 0>
  auto reduce(const E& a, const axis_arg& axis = 0, bool keepdims = false) const {
    if constexpr (std::is_same_v<Op, expr::op_add>) {
      return cupp::sum(a, axis, keepdims);
    } else if constexpr (std::is_same_v<Op, expr::op_multiply>) {
      return cupp::prod(a, axis, keepdims);
    } else if constexpr (std::is_same_v<Op, expr::op_maximum>) {
      return cupp::max(a, axis, keepdims);
    } else if constexpr (std::is_same_v<Op, expr::op_minimum>) {
      return cupp::min(a, axis, keepdims);
    } else if constexpr (std::is_same_v<Op, expr::op_logical_and>) {
      return cupp::all(a, axis, keepdims);
    } else if constexpr (std::is_same_v<Op, expr::op_logical_or>) {
      return cupp::any(a, axis, keepdims);
    } else {
      static_assert(is_one_of_ops<Op>,
                    "reduce is available for add, multiply, maximum, minimum, logical_and and "
                    "logical_or");
    }
  }

  /// numpy.<ufunc>.accumulate(a, axis=0): the running op along `axis`, dtypes as NumPy's (add
  /// and multiply of bools and integers in 64 bits). For add and multiply.
  template <class E, expr::if_operand<E> = 0>
  auto accumulate(const E& a, std::int64_t axis = 0) const {
    if constexpr (std::is_same_v<Op, expr::op_add>) {
      return cupp::cumsum(evaluated(a), axis);
    } else if constexpr (std::is_same_v<Op, expr::op_multiply>) {
      return cupp::cumprod(evaluated(a), axis);
    } else {
      static_assert(is_one_of_ops<Op>, "accumulate is available for add and multiply");
    }
  }

  /// numpy.<ufunc>.at(a, indices, values): a[indices] = op(a[indices], values), unbuffered, so
  /// that a repeated index applies the op once per occurrence (add.at(bins, idx, 1) counts);
  /// negative indices count from the end. `a` is a 1-D array, `indices` an integer array,
  /// `values` an array broadcast to the indices' shape or a C++ number. Atomic where the op and
  /// dtype allow, exact for every op (Note [Unbuffered at] in kernels/cupp/ufunc_methods.cuh).
  /// Throws index_error "index 3 is out of bounds for axis 0 with size 3" before writing
  /// anything.
  template <class T, class I, class V>
  void at(const ndarray<T>& a, const ndarray<I>& indices, const V& values) const {
    if constexpr (expr::is_scalar_v<V>) {
      const ndarray<T> v = cupp::asarray<T>(std::vector<T>{detail::scalar_as<T>(values)}, {});
      detail::ufunc_at(expr::op_desc_of<Op>(), a.desc(), indices.desc(), v.desc());
    } else {
      const auto v = evaluated(values);
      detail::ufunc_at(expr::op_desc_of<Op>(), a.desc(), indices.desc(), v.desc());
    }
  }

  /// numpy.<ufunc>.reduceat(a, indices, axis=0): for each i, the op over a[indices[i]:
  /// indices[i + 1]] along `axis` (to the end for the last), or a[indices[i]] alone where
  /// indices[i] >= indices[i + 1]. For add and multiply (bools and integers in 64 bits, as
  /// NumPy's), maximum, minimum, fmax, fmin and the bitwise ops. Throws index_error "index 10
  /// out-of-bounds in add.reduceat [0, 10)" and axis_error.
  template <class E, expr::if_operand<E> = 0>
  auto reduceat(const E& a, const std::vector<std::int64_t>& indices,
                std::int64_t axis = 0) const {
    const auto x = evaluated(a);
    using T = typename std::decay_t<decltype(x)>::value_type;
    static_assert(reduceat_ok, "reduceat is available for add, multiply, maximum, minimum, fmax, "
                               "fmin, bitwise_and, bitwise_or and bitwise_xor");
    constexpr dtype out = std::is_same_v<Op, expr::op_add> || std::is_same_v<Op, expr::op_multiply>
                              ? expr::sum_dtype(dtype_of<T>)
                              : dtype_of<T>;
    return ndarray<type_of_t<out>>(
        detail::ufunc_reduceat(expr::op_desc_of<Op>(), x.desc(), indices, axis, out));
  }
  /// reduceat with the indices in an integer array.
  template <class E, class I, expr::if_operand<E> = 0>
  auto reduceat(const E& a, const ndarray<I>& indices, std::int64_t axis = 0) const {
    std::vector<std::int64_t> host;
    for (const I& i : indices.get()) host.push_back(static_cast<std::int64_t>(i));
    return reduceat(a, host, axis);
  }

  /// numpy.<ufunc>.outer(a, b): op(a[i...], b[j...]) at [i..., j...], of shape a.shape +
  /// b.shape, as one lazy expression (a's dimensions get b.ndim new axes, a view).
  template <class A, class B, expr::if_operand<A> = 0, expr::if_operand<B> = 0>
  auto outer(const A& a, const B& b) const {
    const auto x = evaluated(a);
    const auto y = evaluated(b);
    std::vector<std::int64_t> axes(static_cast<std::size_t>(y.ndim()));
    std::iota(axes.begin(), axes.end(), x.ndim());
    using X = typename std::decay_t<decltype(x)>::value_type;
    return expr::make_node<Op>(ndarray<X>(cupp::detail::expand_dims(x.desc(), axes)), y);
  }

 private:
  static constexpr bool reduceat_ok =
      std::is_same_v<Op, expr::op_add> || std::is_same_v<Op, expr::op_multiply> ||
      std::is_same_v<Op, expr::op_maximum> || std::is_same_v<Op, expr::op_minimum> ||
      std::is_same_v<Op, expr::op_fmax> || std::is_same_v<Op, expr::op_fmin> ||
      std::is_same_v<Op, expr::op_bitwise_and> || std::is_same_v<Op, expr::op_bitwise_or> ||
      std::is_same_v<Op, expr::op_bitwise_xor>;

  template <class E>
  static auto evaluated(const E& e) {
    if constexpr (expr::is_array_v<E>)
      return e;
    else if constexpr (expr::is_selection_v<E>)
      return e.operand_value();
    else
      return e.eval();
  }
};

#define CUPP_UFUNC1(name, rule, kinds, function, doc)
#define CUPP_UFUNC2(name, rule, kinds, function, doc) \
  inline constexpr binary_ufunc<expr::op_##name> name{};
#define CUPP_UFUNC3(name, rule, kinds, function, doc)
// cupp::ufunc::<name> for every binary row of ufuncs.def.
#include "cupp/expr/ufuncs.def"
#undef CUPP_UFUNC1
#undef CUPP_UFUNC2
#undef CUPP_UFUNC3

}  // namespace ufunc
}  // namespace cupp
