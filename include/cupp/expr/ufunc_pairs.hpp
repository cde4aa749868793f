// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// NumPy's ufuncs with two outputs: frexp, modf and divmod. Each returns a std::pair of arrays,
// as NumPy returns a tuple (Note [Two outputs]).
#pragma once

#include <cstdint>
#include <type_traits>
#include <utility>

#include "cupp/core/ndarray.hpp"
#include "cupp/expr/expression.hpp"
#include "cupp/expr/ufuncs.hpp"

namespace cupp {
namespace expr {

// Note [Two outputs]: a generated kernel writes one output, so a two-output ufunc is two
// expressions, each evaluated by its own kernel: divmod is (floor_divide, remainder), modf is
// (its fractional part, trunc) and frexp is (its mantissa, its exponent cast to int32). The
// parts that are no row of ufuncs.def are the ops below; they follow the rows' type rules, so
// the dtypes are NumPy's.

// The parts, as ops of the shape every row has (CUPP_UFUNC_OP_AS of cupp/expr/expression.hpp):
// the fractional part of modf, the mantissa of frexp, and its exponent in the mantissa's dtype
// (cast to int32 after).
CUPP_UFUNC_OP_AS(op_modf_fractional, modf, inexact, "bif", "cupp::ufn::modf_fractional")
CUPP_UFUNC_OP_AS(op_frexp_mantissa, frexp, inexact, "bif", "cupp::ufn::frexp_mantissa")
CUPP_UFUNC_OP_AS(op_frexp_exponent, frexp, inexact, "bif", "cupp::ufn::frexp_exponent")

}  // namespace expr

/// numpy.modf(x): the fractional and integral parts of x, both with x's sign, in x's inexact
/// dtype (float16 for int8, ...): modf(-2.5) is (-0.5, -2.0), modf(inf) is (0.0, inf). A
/// std::pair of arrays, NumPy's tuple (Note [Two outputs]). Throws type_error for complex x.
template <class X, std::enable_if_t<expr::args_ok<X>, int> = 0>
auto modf(const X& x) {
  auto fractional = expr::make_node<expr::op_modf_fractional>(x);
  using R = typename decltype(fractional)::value_type;
  return std::pair<ndarray<R>, ndarray<R>>(fractional.eval(), cupp::trunc(x).eval());
}

/// numpy.frexp(x): mantissas m (0.5 <= |m| < 1, or 0) and int32 exponents e with x = m * 2**e,
/// the mantissas in x's inexact dtype; inf and nan give themselves and exponent 0. A std::pair
/// of arrays (Note [Two outputs]). Throws type_error for complex x.
template <class X, std::enable_if_t<expr::args_ok<X>, int> = 0>
auto frexp(const X& x) {
  auto mantissa = expr::make_node<expr::op_frexp_mantissa>(x);
  using R = typename decltype(mantissa)::value_type;
  return std::pair<ndarray<R>, ndarray<std::int32_t>>(
      mantissa.eval(), expr::make_node<expr::op_frexp_exponent>(x).template astype<std::int32_t>());
}

/// numpy.divmod(x1, x2): (floor_divide(x1, x2), remainder(x1, x2)), each in their dtype, as a
/// std::pair of arrays (Note [Two outputs]).
template <class A, class B, std::enable_if_t<expr::args_ok<A, B>, int> = 0>
auto divmod(const A& a, const B& b) {
  auto quotient = cupp::floor_divide(a, b);
  auto remainder = cupp::remainder(a, b);
  using Q = typename decltype(quotient)::value_type;
  using M = typename decltype(remainder)::value_type;
  return std::pair<ndarray<Q>, ndarray<M>>(quotient.eval(), remainder.eval());
}

}  // namespace cupp
