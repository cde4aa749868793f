// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// NumPy 2 type promotion (NEP 50) and casting rules, as constexpr tables indexed by cupp::dtype.
#pragma once

#include <complex>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "cupp/core/dtype.hpp"

namespace cupp {

namespace detail {
template <class S, class = void>
struct scalar_kind_of_impl;  // undefined for types that are not C++ scalars: a compile error
}  // namespace detail

// ---- declarations -----------------------------------------------------------------------------

/// The dtype of combining arrays of dtypes a and b: numpy.result_type(a, b) (numpy.promote_types).
/// Symmetric. bfloat16 follows cupp's own rules where NumPy has none (Note [bfloat16 promotion]).
constexpr dtype promote_types(dtype a, dtype b) noexcept;

/// The kind of a C++ scalar taking part in an operation with an array. A C++ scalar acts as a
/// Python scalar does under NEP 50: it is "weak", and only its kind matters, not its C++ type.
enum class scalar_kind : std::uint8_t { boolean, integer, floating, complex };

/// The kind of the C++ scalar type S: bool; any other integral type; float, double, long double;
/// std::complex<...>. A compile error for anything else (float16 and bfloat16 included).
template <class S>
inline constexpr scalar_kind scalar_kind_of =
    detail::scalar_kind_of_impl<std::remove_cv_t<S>>::value;

/// The dtype of (array of dtype a) op (weak scalar of kind k): what NumPy 2 gives for
/// `np.zeros(3, a) + True`, `+ 1`, `+ 1.0`, `+ 1j` (NEP 50). The array's dtype wins unless the
/// scalar is of a higher kind: then a bool array with an integer gives int64 (NumPy's default
/// integer), a bool or integer array with a float gives float64, and with a complex complex128;
/// float16, bfloat16 and float32 arrays with a complex give complex64, float64 complex128.
constexpr dtype promote_weak(dtype a, scalar_kind k) noexcept;

/// NumPy's casting rules, the `casting=` argument of numpy.can_cast, ndarray.astype and ufuncs.
/// cupp has no byte orders, so `equiv` allows exactly what `no` allows.
enum class casting : std::uint8_t { no, equiv, safe, same_kind, unsafe };

/// numpy.can_cast(from, to, rule) for two dtypes (Note [Casting rules]).
constexpr bool can_cast(dtype from, dtype to, casting rule) noexcept;

/// The C++ element type of a dtype: the inverse of dtype_of.
template <dtype D>
struct type_of_dtype;
template <dtype D>
using type_of_t = typename type_of_dtype<D>::type;

/// The C++ element type of promote_types(dtype_of<A>, dtype_of<B>): that of
/// `ndarray<A> + ndarray<B>`.
template <class A, class B>
using promote_t = type_of_t<promote_types(dtype_of<A>, dtype_of<B>)>;

/// The C++ element type of promote_weak(dtype_of<A>, scalar_kind_of<S>): that of
/// `ndarray<A> + S`. promote_weak_t<float, double> is float; promote_weak_t<std::int8_t, int> is
/// std::int8_t.
template <class A, class S>
using promote_weak_t = type_of_t<promote_weak(dtype_of<A>, scalar_kind_of<S>)>;

/// numpy.bool_.
constexpr bool is_bool(dtype d) noexcept;
/// numpy.integer: signed or unsigned, not bool.
constexpr bool is_integer(dtype d) noexcept;
/// numpy.signedinteger: int8..int64.
constexpr bool is_signed(dtype d) noexcept;
/// numpy.unsignedinteger: uint8..uint64.
constexpr bool is_unsigned(dtype d) noexcept;
/// numpy.floating: float16, bfloat16, float32, float64.
constexpr bool is_floating(dtype d) noexcept;
/// numpy.complexfloating: complex64, complex128.
constexpr bool is_complex(dtype d) noexcept;
/// numpy.inexact: floating or complex.
constexpr bool is_inexact(dtype d) noexcept;

/// The smallest and largest value of an integer dtype (bool: 0 and 1).
struct integer_bounds {
  /// The smallest value (0 for bool and the unsigned dtypes).
  long long min;
  /// The largest value.
  unsigned long long max;
};
integer_bounds integer_bounds_of(dtype d) noexcept;

/// NumPy 2's check that a weak integer fits the dtype it becomes: the array's dtype, or int64 for
/// a bool array (see promote_weak). `np.array([1], np.int8) + 1000` raises OverflowError "Python
/// integer 1000 out of bounds for int8"; this throws cupp::overflow_error with that message. Does
/// nothing for float and complex arrays, which NumPy converts to (inf where it must).
void check_weak_integer(dtype array_dtype, long long value);
/// The same for values above LLONG_MAX, up to 2**64 - 1.
void check_weak_integer(dtype array_dtype, unsigned long long value);
/// Any other integer type (int, long, std::int64_t, ...), which would otherwise convert to both
/// overloads above equally well.
template <class Int,
          std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>, int> = 0>
void check_weak_integer(dtype array_dtype, Int value);

// ---- implementation ---------------------------------------------------------------------------

namespace detail {

template <>
struct scalar_kind_of_impl<bool> {
  static constexpr scalar_kind value = scalar_kind::boolean;
};
template <class S>
struct scalar_kind_of_impl<S, std::enable_if_t<std::is_integral_v<S> && !std::is_same_v<S, bool>>> {
  static constexpr scalar_kind value = scalar_kind::integer;
};
template <class S>
struct scalar_kind_of_impl<S, std::enable_if_t<std::is_floating_point_v<S>>> {
  static constexpr scalar_kind value = scalar_kind::floating;
};
template <class R>
struct scalar_kind_of_impl<std::complex<R>> {
  static constexpr scalar_kind value = scalar_kind::complex;
};

template <class Cell, int Columns>
struct dtype_table {
  Cell cell[kNumDtypes][Columns];
};

// Note [bfloat16 promotion]: NumPy knows bfloat16 only through ml_dtypes, which promotes it with
// bool, int8, uint8 and the types wider than it, and raises for int16..int64, uint16..uint64 and
// float16. cupp fills those cells by treating bfloat16 as NumPy treats float16, its equal in rank:
// with int16, uint16 or float16 it gives float32; with int32, int64, uint32 or uint64, float64.
// They are the bf column of rows i2, i4, i8, u2, u4, u8 and f2 (marked `bf*`) and the same cells
// of the bf row (marked `*`); docs/promotion.md lists them.
constexpr dtype_table<dtype, kNumDtypes> make_promote_table() noexcept {
  // NumPy's kind letters and sizes in bytes, so that the table reads as NumPy prints its own.
  constexpr dtype b = dtype::bool_;
  constexpr dtype i1 = dtype::int8, i2 = dtype::int16, i4 = dtype::int32, i8 = dtype::int64;
  constexpr dtype u1 = dtype::uint8, u2 = dtype::uint16, u4 = dtype::uint32, u8 = dtype::uint64;
  constexpr dtype f2 = dtype::float16, bf = dtype::bfloat16;
  constexpr dtype f4 = dtype::float32, f8 = dtype::float64;
  constexpr dtype c8 = dtype::complex64, c16 = dtype::complex128;
  // clang-format off
  return {{
      //  b   i1   i2   i4   i8   u1   u2   u4   u8   f2   bf   f4   f8   c8   c16
      {   b,  i1,  i2,  i4,  i8,  u1,  u2,  u4,  u8,  f2,  bf,  f4,  f8,  c8, c16},  // b
      {  i1,  i1,  i2,  i4,  i8,  i2,  i4,  i8,  f8,  f2,  bf,  f4,  f8,  c8, c16},  // i1
      {  i2,  i2,  i2,  i4,  i8,  i2,  i4,  i8,  f8,  f4,  f4,  f4,  f8,  c8, c16},  // i2  bf*
      {  i4,  i4,  i4,  i4,  i8,  i4,  i4,  i8,  f8,  f8,  f8,  f8,  f8, c16, c16},  // i4  bf*
      {  i8,  i8,  i8,  i8,  i8,  i8,  i8,  i8,  f8,  f8,  f8,  f8,  f8, c16, c16},  // i8  bf*
      {  u1,  i2,  i2,  i4,  i8,  u1,  u2,  u4,  u8,  f2,  bf,  f4,  f8,  c8, c16},  // u1
      {  u2,  i4,  i4,  i4,  i8,  u2,  u2,  u4,  u8,  f4,  f4,  f4,  f8,  c8, c16},  // u2  bf*
      {  u4,  i8,  i8,  i8,  i8,  u4,  u4,  u4,  u8,  f8,  f8,  f8,  f8, c16, c16},  // u4  bf*
      {  u8,  f8,  f8,  f8,  f8,  u8,  u8,  u8,  u8,  f8,  f8,  f8,  f8, c16, c16},  // u8  bf*
      {  f2,  f2,  f4,  f8,  f8,  f2,  f4,  f8,  f8,  f2,  f4,  f4,  f8,  c8, c16},  // f2  bf*
      {  bf,  bf,  f4,  f8,  f8,  bf,  f4,  f8,  f8,  f4,  bf,  f4,  f8,  c8, c16},  // bf  *
      {  f4,  f4,  f4,  f8,  f8,  f4,  f4,  f8,  f8,  f4,  f4,  f4,  f8,  c8, c16},  // f4
      {  f8,  f8,  f8,  f8,  f8,  f8,  f8,  f8,  f8,  f8,  f8,  f8,  f8, c16, c16},  // f8
      {  c8,  c8,  c8, c16, c16,  c8,  c8, c16, c16,  c8,  c8,  c8, c16,  c8, c16},  // c8
      { c16, c16, c16, c16, c16, c16, c16, c16, c16, c16, c16, c16, c16, c16, c16},  // c16
  }};
  // clang-format on
}
inline constexpr dtype_table<dtype, kNumDtypes> kPromoteTable = make_promote_table();

// The result of an array with a weak scalar, columns in scalar_kind order (NEP 50). bfloat16 with
// a float stays bfloat16 as float16 stays float16: ml_dtypes gives float32 there, because it
// treats the Python float as a float64 value rather than as a weak scalar.
constexpr dtype_table<dtype, 4> make_weak_table() noexcept {
  constexpr dtype b = dtype::bool_;
  constexpr dtype i1 = dtype::int8, i2 = dtype::int16, i4 = dtype::int32, i8 = dtype::int64;
  constexpr dtype u1 = dtype::uint8, u2 = dtype::uint16, u4 = dtype::uint32, u8 = dtype::uint64;
  constexpr dtype f2 = dtype::float16, bf = dtype::bfloat16;
  constexpr dtype f4 = dtype::float32, f8 = dtype::float64;
  constexpr dtype c8 = dtype::complex64, c16 = dtype::complex128;
  // clang-format off
  return {{
      // boolean integer floating complex
      {   b,  i8,  f8, c16},  // b
      {  i1,  i1,  f8, c16},  // i1
      {  i2,  i2,  f8, c16},  // i2
      {  i4,  i4,  f8, c16},  // i4
      {  i8,  i8,  f8, c16},  // i8
      {  u1,  u1,  f8, c16},  // u1
      {  u2,  u2,  f8, c16},  // u2
      {  u4,  u4,  f8, c16},  // u4
      {  u8,  u8,  f8, c16},  // u8
      {  f2,  f2,  f2,  c8},  // f2
      {  bf,  bf,  bf,  c8},  // bf
      {  f4,  f4,  f4,  c8},  // f4
      {  f8,  f8,  f8, c16},  // f8
      {  c8,  c8,  c8,  c8},  // c8
      { c16, c16, c16, c16},  // c16
  }};
  // clang-format on
}
inline constexpr dtype_table<dtype, 4> kWeakTable = make_weak_table();

// The order of NumPy's kinds for same_kind casting: b < u < i < f < c (Note [Casting rules]).
inline constexpr std::uint8_t kKindRank[kNumDtypes] = {0, 2, 2, 2, 2, 1, 1, 1, 1, 3, 3, 3, 3, 4, 4};

constexpr std::size_t index_of(dtype d) noexcept { return static_cast<std::size_t>(d); }

}  // namespace detail

constexpr dtype promote_types(dtype a, dtype b) noexcept {
  return detail::kPromoteTable.cell[detail::index_of(a)][detail::index_of(b)];
}

constexpr dtype promote_weak(dtype a, scalar_kind k) noexcept {
  return detail::kWeakTable.cell[detail::index_of(a)][static_cast<std::size_t>(k)];
}

// Note [Casting rules]: for NumPy's numeric dtypes the five rules reduce to two facts.
//  - A cast is safe exactly when promoting `from` with `to` gives `to` (NumPy defines promotion as
//    the smallest type both cast to safely), so the promotion table serves for both. int64 ->
//    float64 is safe, as NumPy has it, though not every int64 is a float64.
//  - same_kind allows any cast that does not go down NumPy's order of kinds, bool < unsigned <
//    signed < floating < complex (every safe cast among them): float64 -> float16 and uint64 ->
//    int8 are same_kind, int8 -> uint64 and float64 -> int32 are not.
// bfloat16 is of the floating kind here. ml_dtypes registers it with kind 'V' (void), so NumPy's
// fallback for its same_kind casts differs in three cells; docs/promotion.md lists them.
constexpr bool can_cast(dtype from, dtype to, casting rule) noexcept {
  switch (rule) {
    case casting::no:
    case casting::equiv: return from == to;
    case casting::safe: return promote_types(from, to) == to;
    case casting::same_kind:
      return detail::kKindRank[detail::index_of(from)] <= detail::kKindRank[detail::index_of(to)];
    case casting::unsafe: return true;
  }
  return false;
}

constexpr bool is_bool(dtype d) noexcept { return d == dtype::bool_; }
constexpr bool is_integer(dtype d) noexcept { return is_signed(d) || is_unsigned(d); }
constexpr bool is_signed(dtype d) noexcept { return d >= dtype::int8 && d <= dtype::int64; }
constexpr bool is_unsigned(dtype d) noexcept { return d >= dtype::uint8 && d <= dtype::uint64; }
constexpr bool is_floating(dtype d) noexcept { return d >= dtype::float16 && d <= dtype::float64; }
constexpr bool is_complex(dtype d) noexcept {
  return d == dtype::complex64 || d == dtype::complex128;
}
constexpr bool is_inexact(dtype d) noexcept { return is_floating(d) || is_complex(d); }

template <class Int, std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>, int>>
void check_weak_integer(dtype array_dtype, Int value) {
  if constexpr (std::is_signed_v<Int>) {
    check_weak_integer(array_dtype, static_cast<long long>(value));
  } else {
    check_weak_integer(array_dtype, static_cast<unsigned long long>(value));
  }
}

#define CUPP_TYPE_OF_DTYPE(D, T)                \
  /** Maps dtype::D to T. */                    \
  template <>                                   \
  struct type_of_dtype<dtype::D> {              \
    /** T, the C++ element type of dtype::D. */ \
    using type = T;                             \
  };
CUPP_TYPE_OF_DTYPE(bool_, bool)
CUPP_TYPE_OF_DTYPE(int8, std::int8_t)
CUPP_TYPE_OF_DTYPE(int16, std::int16_t)
CUPP_TYPE_OF_DTYPE(int32, std::int32_t)
CUPP_TYPE_OF_DTYPE(int64, std::int64_t)
CUPP_TYPE_OF_DTYPE(uint8, std::uint8_t)
CUPP_TYPE_OF_DTYPE(uint16, std::uint16_t)
CUPP_TYPE_OF_DTYPE(uint32, std::uint32_t)
CUPP_TYPE_OF_DTYPE(uint64, std::uint64_t)
CUPP_TYPE_OF_DTYPE(float16, cupp::float16)
CUPP_TYPE_OF_DTYPE(bfloat16, cupp::bfloat16)
CUPP_TYPE_OF_DTYPE(float32, float)
CUPP_TYPE_OF_DTYPE(float64, double)
CUPP_TYPE_OF_DTYPE(complex64, std::complex<float>)
CUPP_TYPE_OF_DTYPE(complex128, std::complex<double>)
#undef CUPP_TYPE_OF_DTYPE

}  // namespace cupp
