// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The 15 element types of ndarray<T>, their names, sizes and the host types float16/bfloat16.
#pragma once

#include <complex>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>

namespace cupp {

/// IEEE binary16 on the host: storage plus conversions (round to nearest even), as numpy.float16.
struct float16 {
  /// The IEEE binary16 bit pattern.
  std::uint16_t bits = 0;
  float16() = default;
  /// `f` rounded to the nearest float16 (ties to even).
  float16(float f) noexcept;   // NOLINT: implicit, as numpy converts
  // Rounds once, from double itself: through float it would round twice (Note [Narrowing floats]).
  /// `d` rounded to the nearest float16 in one step (ties to even).
  float16(double d) noexcept;  // NOLINT
  /// `i` rounded to the nearest float16 (through double, which holds it exactly).
  float16(int i) noexcept : float16(static_cast<double>(i)) {}  // NOLINT: int -> double is exact
  /// The value as a float (exact).
  operator float() const noexcept;                                // NOLINT
  /// The float16 whose bit pattern is `b`.
  static float16 from_bits(std::uint16_t b) noexcept {
    float16 h;
    h.bits = b;
    return h;
  }
};

/// bfloat16 (the upper half of a float32) on the host, round to nearest even, NaN kept NaN.
struct bfloat16 {
  /// The bit pattern: the upper 16 bits of a float32.
  std::uint16_t bits = 0;
  bfloat16() = default;
  /// `f` rounded to the nearest bfloat16 (ties to even; NaN stays NaN).
  bfloat16(float f) noexcept;  // NOLINT
  // Rounds once, from double itself, as CUDA's __double2bfloat16 (Note [Narrowing floats]).
  /// `d` rounded to the nearest bfloat16 in one step (ties to even; NaN stays NaN).
  bfloat16(double d) noexcept;  // NOLINT
  /// `i` rounded to the nearest bfloat16 (through double, which holds it exactly).
  bfloat16(int i) noexcept : bfloat16(static_cast<double>(i)) {}  // NOLINT: int -> double is exact
  /// The value as a float (exact).
  operator float() const noexcept;                                  // NOLINT
  /// The bfloat16 whose bit pattern is `b`.
  static bfloat16 from_bits(std::uint16_t b) noexcept {
    bfloat16 h;
    h.bits = b;
    return h;
  }
};

/// The dtypes of NumPy that cupp supports, in NumPy's order of kinds.
enum class dtype : std::uint8_t {
  bool_, int8, int16, int32, int64, uint8, uint16, uint32, uint64,
  float16, bfloat16, float32, float64, complex64, complex128
};
inline constexpr int kNumDtypes = 15;

/// NumPy's name: "bool", "int8", ..., "float32", "complex128".
const char* dtype_name(dtype d) noexcept;
/// Bytes per element.
std::size_t dtype_itemsize(dtype d) noexcept;
/// Parses a NumPy name ("float32", "f4"? no: only the full names). Throws type_error
/// "data type 'x' not understood".
dtype dtype_from_name(const std::string& name);

namespace detail {
/// The short name of a dtype in generated kernels' names: b1, i8, ..., u64, f16, bf16, f32,
/// f64, c64, c128.
const char* dtype_short_name(dtype d) noexcept;
}  // namespace detail

namespace detail {
template <class T> struct dtype_of_impl;  // undefined for unsupported T: a compile error
#define CUPP_DTYPE_OF(T, D) \
  template <> struct dtype_of_impl<T> { static constexpr dtype value = dtype::D; };
CUPP_DTYPE_OF(bool, bool_)
CUPP_DTYPE_OF(std::int8_t, int8)
CUPP_DTYPE_OF(std::int16_t, int16)
CUPP_DTYPE_OF(std::int32_t, int32)
CUPP_DTYPE_OF(std::int64_t, int64)
CUPP_DTYPE_OF(std::uint8_t, uint8)
CUPP_DTYPE_OF(std::uint16_t, uint16)
CUPP_DTYPE_OF(std::uint32_t, uint32)
CUPP_DTYPE_OF(std::uint64_t, uint64)
CUPP_DTYPE_OF(cupp::float16, float16)
CUPP_DTYPE_OF(cupp::bfloat16, bfloat16)
CUPP_DTYPE_OF(float, float32)
CUPP_DTYPE_OF(double, float64)
CUPP_DTYPE_OF(std::complex<float>, complex64)
CUPP_DTYPE_OF(std::complex<double>, complex128)
#undef CUPP_DTYPE_OF
}  // namespace detail

/// The dtype of a C++ element type; a compile error for types cupp does not support.
template <class T>
inline constexpr dtype dtype_of = detail::dtype_of_impl<std::remove_cv_t<T>>::value;

/// True for the 15 supported element types.
template <class T, class = void>
struct is_supported_dtype : std::false_type {};
template <class T>
struct is_supported_dtype<T, std::void_t<decltype(detail::dtype_of_impl<T>::value)>>
    : std::true_type {};

}  // namespace cupp
