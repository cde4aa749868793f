// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The run-time-typed entry to the elementwise and reduction engines: an op of ufuncs.def (or a
// reduction) over operands whose dtypes are values, not types. Decides the dtypes by the rules
// the typed path applies at compile time and generates the kernel it generates for the same
// dtypes. cupp::array's operators and functions go through it. Compiled once in
// src/expr/dynamic.cpp.
#pragma once

#include <complex>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/dtype.hpp"
#include "cupp/core/promotion.hpp"
#include "cupp/expr/engine.hpp"
#include "cupp/expr/expression.hpp"
#include "cupp/expr/reduce_engine.hpp"
#include "cupp/routines/reduction.hpp"

namespace cupp::expr {

/// A C++ number as an operand of a run-time-typed op: NumPy's weak Python scalar (NEP 50). Its
/// value is kept at full width until the op's dtypes are known, then converted as the typed
/// path converts a C++ scalar (expr::store).
struct weak_scalar {
  scalar_kind kind = scalar_kind::integer;
  bool above_int64 = false;  // an unsigned integer above INT64_MAX, held in `u`
  long long i = 0;           // integer and bool values
  unsigned long long u = 0;
  double f = 0;            // floating values (a C++ float, double or float16 is exact here)
  std::complex<double> c;  // complex values
};

/// The weak scalar of a C++ number: bool, an integer type, a floating type (float16 and
/// bfloat16 included) or std::complex.
template <class S>
weak_scalar make_weak_scalar(const S& s) {
  weak_scalar w;
  w.kind = kind_of_scalar<S>();
  if constexpr (std::is_same_v<S, bool>) {
    w.i = s ? 1 : 0;
  } else if constexpr (std::is_integral_v<S>) {
    if constexpr (std::is_unsigned_v<S>) {
      w.u = static_cast<unsigned long long>(s);
      w.above_int64 = w.u > static_cast<unsigned long long>(INT64_MAX);
      w.i = static_cast<long long>(w.u);
    } else {
      w.i = static_cast<long long>(s);
    }
  } else if constexpr (is_complex_scalar<S>::value) {
    w.c = std::complex<double>(s);
  } else {
    w.f = static_cast<double>(s);
  }
  return w;
}

/// Writes `s` converted to dtype `to` (dtype_itemsize(to) bytes) to `bytes`, as the typed path
/// stores a C++ scalar of its kind for an operation in that dtype; a weak integer that does not
/// fit an integer dtype is NumPy 2's overflow_error (check_weak_integer). A complex value given
/// a real dtype keeps its real part (fill and full, as NumPy's casting of a complex value).
void convert_weak_scalar(const weak_scalar& s, dtype to, void* bytes);

/// One operand of a run-time-typed op: an array, or a weak scalar.
struct dynamic_operand {
  cupp::detail::array_desc array;  // when !is_scalar
  weak_scalar scalar;              // when is_scalar
  bool is_scalar = false;
};

/// An operand as type resolution sees it: an array's dtype, or a scalar's kind.
struct operand_type {
  dtype dt = dtype::bool_;
  bool is_scalar = false;
  scalar_kind kind = scalar_kind::boolean;
};

/// The dtypes of one run-time-typed op, as node<Op, ...> decides them at compile time for the
/// same operands (Note [Ufunc type rules], NEP 50 for the scalars).
struct resolved_types {
  std::vector<dtype> leaves;  // the operands' dtypes in the kernel: an array's own, a scalar's
                              // promote_weak of the arrays' promoted dtype
  dtype promoted = dtype::bool_;
  dtype loop = dtype::bool_;
  dtype result = dtype::bool_;
};

/// Resolves the dtypes of `op` over `operands` (as many as the op takes: 1 to 3, 3 for where).
/// Throws type_error in NumPy's words when the op has no loop for them ("ufunc 'bitwise_and'
/// not supported for the input types ..."), as the typed path does.
resolved_types resolve_types(const op_desc& op, const std::vector<operand_type>& operands);

/// The generated kernels of `op` over operands of these types (resolved by resolve_types): the
/// family node<Op, ...> would have for the same leaves, built once per op and leaf dtypes and
/// kept for the process (Note [Run-time-typed kernels] in src/expr/dynamic.cpp).
detail::kernel_family& dynamic_family(const op_desc& op, const std::vector<operand_type>& operands);

/// op(operands...) into a new C-contiguous array of the result dtype, the operands broadcast
/// together (broadcast_error as NumPy's).
cupp::detail::array_desc dynamic_apply(const op_desc& op,
                                       const std::vector<dynamic_operand>& operands);
/// op(operands..., out=out), as NumPy's ufunc with out: `out` must have the broadcast shape and
/// the result must cast to its dtype under the same_kind rule (type_error otherwise).
void dynamic_apply_out(const op_desc& op, const std::vector<dynamic_operand>& operands,
                       const cupp::detail::array_desc& out);
/// op evaluated into `out` with no ufunc checks: the result cast to out's dtype whatever it is
/// (astype, writing into a view), the operands broadcast to out's shape.
void dynamic_assign(const op_desc& op, const std::vector<dynamic_operand>& operands,
                    const cupp::detail::array_desc& out);

/// The generated kernels of reduction `op` of an array of dtype `in`, accumulating in `acc`:
/// the family reduce<Op, acc, ...>(ndarray<T>) has, kept as dynamic_family's.
detail::reduce_family& dynamic_reduce_family(const reduce_desc& op, dtype in, dtype acc);
/// Reduces `a` with `op` over `axis`, accumulating in `acc`, into a new array of dtype `out`:
/// what reduce<Op, acc, T>(ndarray, axis, keepdims) does for the typed array.
cupp::detail::array_desc dynamic_reduce(const reduce_desc& op, const cupp::detail::array_desc& a,
                                        const axis_arg& axis, bool keepdims, dtype acc, dtype out);

}  // namespace cupp::expr
