// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The public elementwise functions and operators, one per row of ufuncs.def. Each returns a lazy
// expression; the forms with a trailing `out` array evaluate into it.
#pragma once

#include <type_traits>

#include "cupp/core/ndarray.hpp"
#include "cupp/expr/expression.hpp"
#include "cupp/expr/ufunc_functions.hpp"

namespace cupp {
namespace expr {

/// True when the arguments are arrays, expressions, selections or C++ scalars, at least one not
/// a scalar.
template <class... X>
inline constexpr bool args_ok =
    ((is_operand_v<X> || is_scalar_v<X>) && ...) && (is_operand_v<X> || ...);

/// True when every argument is a C++ number that stands for a Python scalar: an arithmetic type
/// or std::complex (Note [Ufuncs of scalars]).
template <class... X>
inline constexpr bool scalars_only =
    ((std::is_arithmetic_v<X> || is_complex_scalar<X>::value) && ...);

// Note [Ufuncs of scalars]: cupp::exp(1.0), cupp::add(1, 2.5) and cupp::maximum(3, 4) are CuPy's
// cupy.exp(1.0), ...: a 0-d array (NumPy returns a NumPy scalar), evaluated at once, whose dtype
// takes each C++ number as the Python scalar of its kind (bool, int64, float64, complex128;
// leaves_dtype) and promotes them as NumPy does: cupp::add(1, 2.5) is float64, cupp::exp(true)
// float16. These overloads must not take calls that meant the C library: a name such as exp or
// fmod also exists in std and in the global namespace, and `using namespace cupp;` brings
// cupp's in beside them. So they take only arithmetic types and std::complex (never
// cupp::float16 or bfloat16, whose argument-dependent lookup would find them), and they end in
// an empty parameter pack, which makes them less specialised than std's own templates for
// integers (std::exp(int)): where both match, std's is chosen. A non-template std function that
// matches exactly (::exp(double)) is preferred to any template. What is left is an unqualified
// exp(1) with cupp's names in scope and no std function for int visible: that is cupp::exp.

/// Evaluates Op(args...) into `out`, as NumPy's ufunc(..., out=out): out must have the broadcast
/// shape, and the result must cast to out's dtype under NumPy's same_kind rule.
template <class Op, class T, class... X>
void assign_out(const ndarray<T>& out, const X&... args) {
  const auto n = make_node<Op>(args...);
  using N = std::decay_t<decltype(n)>;
  if (n.shape() != out.shape()) throw_out_shape(out.shape(), n.shape());
  if constexpr (!can_cast(N::result, dtype_of<T>, casting::same_kind))
    throw_cannot_cast(Op::name, N::result, dtype_of<T>);
  assign(n, out.desc());
}

}  // namespace expr

#define CUPP_UFUNC1(name, rule, kinds, function, doc) CUPP_TYPED_UFUNC1(name)
#define CUPP_UFUNC2(name, rule, kinds, function, doc) CUPP_TYPED_UFUNC2(name)
#define CUPP_UFUNC3(name, rule, kinds, function, doc) CUPP_TYPED_UFUNC3(name)
// Every row of ufuncs.def becomes cupp::name(operands...), a lazy expression as numpy.name,
// cupp::name(scalars...), a 0-d array (Note [Ufuncs of scalars]), and cupp::name(operands...,
// out), evaluated into `out` as numpy.name(..., out=out).
#include "cupp/expr/ufuncs.def"
#undef CUPP_UFUNC1
#undef CUPP_UFUNC2
#undef CUPP_UFUNC3

/// numpy.where(cond, x, y): elements of x where cond is true, else of y (lazy, fused).
template <class C, class X, class Y,
          std::enable_if_t<expr::is_operand_v<C> && expr::args_ok<C, X, Y>, int> = 0>
auto where(const C& cond, const X& x, const Y& y) {
  return expr::make_where(cond, x, y);
}

// ---- operators ---------------------------------------------------------------------------------

#define CUPP_BINARY_OPERATOR(symbol, op)                                        \
  template <class A, class B, std::enable_if_t<expr::args_ok<A, B>, int> = 0>   \
  auto operator symbol(const A& a, const B& b) {                                \
    return expr::make_node<expr::op>(a, b);                                     \
  }
CUPP_BINARY_OPERATOR(+, op_add)
CUPP_BINARY_OPERATOR(-, op_subtract)
CUPP_BINARY_OPERATOR(*, op_multiply)
CUPP_BINARY_OPERATOR(/, op_true_divide)
CUPP_BINARY_OPERATOR(%, op_remainder)
CUPP_BINARY_OPERATOR(&, op_bitwise_and)
CUPP_BINARY_OPERATOR(|, op_bitwise_or)
CUPP_BINARY_OPERATOR(^, op_bitwise_xor)
CUPP_BINARY_OPERATOR(<<, op_left_shift)
CUPP_BINARY_OPERATOR(>>, op_right_shift)
CUPP_BINARY_OPERATOR(==, op_equal)
CUPP_BINARY_OPERATOR(!=, op_not_equal)
CUPP_BINARY_OPERATOR(<, op_less)
CUPP_BINARY_OPERATOR(<=, op_less_equal)
CUPP_BINARY_OPERATOR(>, op_greater)
CUPP_BINARY_OPERATOR(>=, op_greater_equal)
#undef CUPP_BINARY_OPERATOR

#define CUPP_UNARY_OPERATOR(symbol, op)                                  \
  template <class A, std::enable_if_t<expr::is_operand_v<A>, int> = 0>   \
  auto operator symbol(const A& a) {                                     \
    return expr::make_node<expr::op>(a);                                 \
  }
CUPP_UNARY_OPERATOR(-, op_negative)
CUPP_UNARY_OPERATOR(+, op_positive)
CUPP_UNARY_OPERATOR(~, op_invert)
CUPP_UNARY_OPERATOR(!, op_logical_not)
#undef CUPP_UNARY_OPERATOR

}  // namespace cupp
