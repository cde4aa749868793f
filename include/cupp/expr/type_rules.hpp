// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// How an elementwise op's loop and result dtypes follow from its inputs (the `rule` column of
// ufuncs.def), and the kinds of inputs it accepts.
#pragma once

#include <cstdint>

#include "cupp/core/dtype.hpp"
#include "cupp/core/promotion.hpp"

namespace cupp::expr {

// Note [Ufunc type rules]: NumPy picks the first inner loop of a ufunc to which the promoted
// inputs cast safely. For the ufuncs of ufuncs.def that choice follows one of a few rules:
// arithmetic keeps the promoted dtype (bools become int8 where NumPy has no bool loop),
// comparisons and predicates give bool, transcendental functions need an inexact loop (the
// smallest float an integer casts to safely: int8 -> float16, int16 -> float32, int32 -> float64,
// which is what promoting with float16 gives), true division of integers is float64, and abs,
// real and imag of complex give its real type; SciPy's special functions, whose float64 loop is
// listed first, compute float32 in float32 and everything else in float64 (rule special); those
// whose float32 loop is listed first (round, binom, poch, sici, shichi) compute whatever casts
// safely to float32 (bool, 8- and 16-bit integers, float16) in float32 too (rule special_f32).
// float16 and bfloat16 loops compute in float32 and round the result back, so a fused expression
// rounds every intermediate as NumPy does. A few ufuncs have loops of their own shape:
// float_power has only float64 and complex128 loops (rule to_double), bitwise_count gives uint8
// whatever integer it counts (rule to_uint8), and ldexp pairs a float with an integer exponent
// (rule ldexp: the loop follows the first input alone, made inexact; the exponent, a bool or an
// integer that casts safely to int64, is passed to the device function as long long).
enum class rule : std::uint8_t {
  same,
  int_same,
  to_bool,
  inexact,
  true_div,
  real_out,
  real_inexact,
  special,
  special_f32,
  to_double,
  to_uint8,
  ldexp
};

/// The kinds of ufuncs.def, as a bit set: b bool, i integers, f floats, c complex.
constexpr unsigned parse_kinds(const char* s) noexcept {
  unsigned k = 0;
  for (; *s; ++s) k |= *s == 'b' ? 1u : *s == 'i' ? 2u : *s == 'f' ? 4u : *s == 'c' ? 8u : 0u;
  return k;
}

constexpr unsigned kind_bit(dtype d) noexcept {
  return d == dtype::bool_ ? 1u : is_integer(d) ? 2u : is_complex(d) ? 8u : 4u;
}

constexpr dtype real_of(dtype d) noexcept {
  return d == dtype::complex64 ? dtype::float32 : d == dtype::complex128 ? dtype::float64 : d;
}

constexpr dtype to_inexact(dtype d) noexcept {
  return is_complex(d) ? d : promote_types(d, dtype::float16);
}

/// Whether an ldexp exponent of dtype `d` casts safely to int64 (NumPy's loops take int32 and
/// int64 exponents); a C++ scalar exponent (`scalar`) is taken as it is.
constexpr bool ldexp_exponent_ok(dtype d, bool scalar) noexcept {
  return scalar || d == dtype::bool_ || (is_integer(d) && d != dtype::uint64);
}

/// The dtype the op computes in (before float16/bfloat16 widen to float32).
constexpr dtype loop_dtype(rule r, dtype promoted) noexcept {
  switch (r) {
    case rule::int_same:
      return promoted == dtype::bool_ ? dtype::int8 : promoted;
    case rule::inexact:
    case rule::real_inexact:
    case rule::ldexp:
      return to_inexact(promoted);
    case rule::to_uint8:
      return promoted == dtype::bool_ ? dtype::int8 : promoted;
    case rule::to_double:
      return is_complex(promoted) ? dtype::complex128 : dtype::float64;
    case rule::true_div:
      return (promoted == dtype::bool_ || is_integer(promoted)) ? dtype::float64 : promoted;
    case rule::special:  // SciPy's loops of scipy.special: float32 stays, the rest is float64
      return promoted == dtype::float32 || is_complex(promoted) ? promoted : dtype::float64;
    case rule::special_f32:  // the float32 loop first: what casts to float32 safely stays there
      if (is_complex(promoted)) return promoted;
      return promoted == dtype::bool_ || promoted == dtype::int8 || promoted == dtype::uint8 ||
                     promoted == dtype::int16 || promoted == dtype::uint16 ||
                     promoted == dtype::float16 || promoted == dtype::bfloat16 ||
                     promoted == dtype::float32
                 ? dtype::float32
                 : dtype::float64;
    default:
      return promoted;
  }
}

/// The dtype of the op's result.
constexpr dtype result_dtype(rule r, dtype promoted) noexcept {
  const dtype loop = loop_dtype(r, promoted);
  switch (r) {
    case rule::to_bool:
      return dtype::bool_;
    case rule::to_uint8:
      return dtype::uint8;
    case rule::real_out:
    case rule::real_inexact:
      return real_of(loop);
    default:
      return loop;
  }
}

/// The dtype device code computes a loop of dtype `d` in: float16 and bfloat16 widen to float32.
constexpr dtype compute_dtype(dtype d) noexcept {
  return (d == dtype::float16 || d == dtype::bfloat16) ? dtype::float32 : d;
}

}  // namespace cupp::expr
