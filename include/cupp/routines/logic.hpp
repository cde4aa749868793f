// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// NumPy's logic functions beyond the ufuncs: closeness (isclose, allclose), array comparison
// (array_equal, array_equiv), type tests (iscomplex, isreal, iscomplexobj, isrealobj, isfortran,
// isscalar) and signed infinities (isneginf, isposinf). Each elementwise test is a lazy
// expression composed of the ufuncs, so it fuses as they do; the tests that answer with one bool
// are one fused reduction over it (Note [Closeness as one expression]).
#pragma once

#include <cmath>
#include <complex>
#include <type_traits>

#include "cupp/core/dtype.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/expr/ufuncs.hpp"
#include "cupp/routines/reduction.hpp"

namespace cupp {

namespace expr {
/// A cast to NumPy's result_type(y, 1.0), and nothing else: booleans and integers become
/// float64, floating and complex dtypes stay.
struct op_as_inexact {
  static constexpr const char* name = "as_inexact";
  static constexpr rule type_rule = rule::true_div;  // true_divide's dtypes: result_type(y, 1.0)
  static constexpr unsigned kinds = parse_kinds("bifc");
  static constexpr const char* function = "";
  static constexpr bool condition = false;
};
}  // namespace expr

namespace detail {

// Note [Closeness as one expression]: numpy.isclose is, after converting b to an inexact dtype,
//   (|a - b| <= atol + rtol * |b|) & isfinite(b) | (a == b)  [| isnan(a) & isnan(b)]
// a sequence of ufuncs. cupp builds the same ufuncs into one expression tree, so the dtypes each
// step computes in are NumPy's (float32 operands compute in float32, a float64 one makes it
// float64; the tolerances are C++ doubles, NumPy's weak Python floats) and the whole test is one
// kernel with no temporary; equal_nan is a scalar leaf of the tree, so both settings share it.
// allclose, array_equal and array_equiv reduce such an expression with `all`: one pass, one
// synchronisation for the bool.

/// b as isclose uses it: an array or expression as result_type(b, 1.0) (lazily); a C++ integer
/// or bool as a double (NumPy's float(b)); a floating or complex C++ number as it is.
template <class B>
auto inexact_operand(const B& b) {
  if constexpr (expr::is_scalar_v<B>) {
    if constexpr (std::is_integral_v<B>)
      return static_cast<double>(b);
    else
      return b;
  } else {
    return expr::make_node<expr::op_as_inexact>(b);
  }
}

/// isnan(x) as an expression, or, for a C++ number, as a bool known on the host.
template <class X>
auto nan_test(const X& x) {
  if constexpr (expr::is_scalar_v<X>) {
    if constexpr (expr::is_complex_scalar<X>::value)
      return std::isnan(x.real()) || std::isnan(x.imag());
    else if constexpr (std::is_floating_point_v<X>)
      return std::isnan(x);
    else
      return !(static_cast<double>(x) == static_cast<double>(x));
  } else {
    return isnan(x);
  }
}

/// |x| of a C++ number, on the host.
template <class X>
double magnitude(const X& x) {
  if constexpr (expr::is_complex_scalar<X>::value)
    return static_cast<double>(std::abs(x));
  else
    return std::fabs(static_cast<double>(x));
}

/// isfinite of a C++ number, on the host.
template <class X>
bool finite_test(const X& x) {
  if constexpr (expr::is_complex_scalar<X>::value)
    return std::isfinite(x.real()) && std::isfinite(x.imag());
  else
    return std::isfinite(static_cast<double>(x));
}

/// Whether two shapes broadcast together.
bool shapes_broadcast(const shape_t& a, const shape_t& b);

}  // namespace detail

/// numpy.isclose(a, b, rtol, atol, equal_nan): whether |a - b| <= atol + rtol * |b| elementwise,
/// as a lazy bool expression (one fused kernel when evaluated or reduced). b is converted to an
/// inexact dtype first (integers and bool to float64), so the test computes in NumPy 2's dtype
/// for the operands' mix; infinities are close only to the same infinity; nan is close to
/// nothing unless equal_nan, then to nan. a and b broadcast (a broadcast_error otherwise); either
/// may be a C++ number. NumPy's rtol and atol may be arrays; here they are numbers.
template <class A, class B, std::enable_if_t<expr::args_ok<A, B>, int> = 0>
auto isclose(const A& a, const B& b, double rtol = 1e-5, double atol = 1e-8,
             bool equal_nan = false) {
  const auto y = detail::inexact_operand(b);
  if constexpr (expr::is_scalar_v<B>) {
    // A C++ b is NumPy's Python float: its tolerance and finiteness are known on the host.
    const double tol = atol + rtol * detail::magnitude(y);
    const bool finite = detail::finite_test(y);
    const auto close = logical_or(logical_and(less_equal(absolute(subtract(a, y)), tol), finite),
                                  equal(a, y));
    return logical_or(close, logical_and(isnan(a), detail::nan_test(y) && equal_nan));
  } else {
    const auto within =
        less_equal(absolute(subtract(a, y)), add(atol, multiply(rtol, absolute(y))));
    const auto close = logical_or(logical_and(within, isfinite(y)), equal(a, y));
    if constexpr (expr::is_scalar_v<A>)
      return logical_or(close, logical_and(isnan(y), detail::nan_test(a) && equal_nan));
    else
      return logical_or(close, logical_and(logical_and(isnan(a), isnan(y)), equal_nan));
  }
}

/// numpy.allclose: whether isclose(a, b, rtol, atol, equal_nan) holds for every element, as a
/// bool on the host (one fused reduction, one synchronisation). True for zero elements.
template <class A, class B, std::enable_if_t<expr::args_ok<A, B>, int> = 0>
bool allclose(const A& a, const B& b, double rtol = 1e-5, double atol = 1e-8,
              bool equal_nan = false) {
  return all(isclose(a, b, rtol, atol, equal_nan)).item();
}

/// numpy.array_equal(a1, a2, equal_nan): true when the shapes are the same and every element is
/// equal; with equal_nan, nan equals nan (a complex number with a nan part equals any other such
/// number, as NumPy). Different shapes give false without device work; otherwise one fused
/// reduction and one synchronisation. Arrays or expressions.
template <class A, class B,
          std::enable_if_t<expr::is_operand_v<A> && expr::is_operand_v<B>, int> = 0>
bool array_equal(const A& a1, const B& a2, bool equal_nan = false) {
  if (expr::operand<A>::shape(a1) != expr::operand<B>::shape(a2)) return false;
  constexpr bool can_nan = !is_bool(expr::operand<A>::dt) && !is_integer(expr::operand<A>::dt) &&
                           !is_bool(expr::operand<B>::dt) && !is_integer(expr::operand<B>::dt);
  if constexpr (can_nan) {
    if (equal_nan)
      return all(logical_or(equal(a1, a2), logical_and(isnan(a1), isnan(a2)))).item();
  }
  return all(equal(a1, a2)).item();
}

/// numpy.array_equiv: true when a1 and a2 broadcast to one shape and are equal everywhere there;
/// shapes that do not broadcast give false (no exception).
template <class A, class B,
          std::enable_if_t<expr::is_operand_v<A> && expr::is_operand_v<B>, int> = 0>
bool array_equiv(const A& a1, const B& a2) {
  if (!detail::shapes_broadcast(expr::operand<A>::shape(a1), expr::operand<B>::shape(a2))) return false;
  return all(equal(a1, a2)).item();
}

/// numpy.iscomplex: whether each element has a nonzero imaginary part, as a lazy bool
/// expression (false everywhere for a real dtype, as NumPy).
template <class X, std::enable_if_t<expr::is_operand_v<X>, int> = 0>
auto iscomplex(const X& x) {
  return not_equal(imag(x), 0);
}

/// numpy.isreal: whether each element has a zero imaginary part (true everywhere for a real
/// dtype), as a lazy bool expression.
template <class X, std::enable_if_t<expr::is_operand_v<X>, int> = 0>
auto isreal(const X& x) {
  return equal(imag(x), 0);
}

/// numpy.iscomplexobj: whether the dtype is complex (whatever the values).
template <class X, std::enable_if_t<expr::is_operand_v<X>, int> = 0>
constexpr bool iscomplexobj(const X& /*x*/) noexcept {
  return is_complex(expr::operand<X>::dt);
}
/// numpy.iscomplexobj of a C++ number: true for std::complex.
template <class X, std::enable_if_t<expr::is_scalar_v<X>, int> = 0>
constexpr bool iscomplexobj(const X& /*x*/) noexcept {
  return expr::is_complex_scalar<X>::value;
}

/// numpy.isrealobj: whether the dtype is not complex.
template <class X, std::enable_if_t<expr::is_operand_v<X> || expr::is_scalar_v<X>, int> = 0>
constexpr bool isrealobj(const X& x) noexcept {
  return !iscomplexobj(x);
}

/// numpy.isfortran: whether `a` is Fortran-contiguous and not also C-contiguous (so a 1-D or
/// 0-d contiguous array is not).
template <class T>
bool isfortran(const ndarray<T>& a) {
  return a.is_f_contiguous() && !a.is_c_contiguous();
}

namespace detail {
template <class X>
constexpr void check_signed_infinity() {
  static_assert(!is_complex(expr::operand<X>::dt),
                "isposinf and isneginf are not supported for complex values (NumPy: \"This "
                "operation is not supported for complex values because it would be ambiguous.\")");
}
}  // namespace detail

/// numpy.isneginf: whether each element is negative infinity, as a lazy bool expression (false
/// everywhere for bool and integers). Complex input does not compile, as NumPy's TypeError.
template <class X, std::enable_if_t<expr::is_operand_v<X>, int> = 0>
auto isneginf(const X& x) {
  detail::check_signed_infinity<X>();
  return logical_and(isinf(x), less(x, 0));
}

/// numpy.isposinf: whether each element is positive infinity.
template <class X, std::enable_if_t<expr::is_operand_v<X>, int> = 0>
auto isposinf(const X& x) {
  detail::check_signed_infinity<X>();
  return logical_and(isinf(x), greater(x, 0));
}

/// numpy.isscalar: true for C++ numbers (NumPy's Python and NumPy scalars, float16 and bfloat16
/// included), false for arrays and expressions (as NumPy is for a 0-d array).
template <class X>
constexpr bool isscalar(const X& /*x*/) noexcept {
  return expr::is_scalar_v<X>;
}

}  // namespace cupp
