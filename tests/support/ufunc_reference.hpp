// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Host references for the device functions of kernels/cupp/ufunc.cuh (cupp::ufn): NumPy's semantics
// written out on their own terms, computed exactly (integers in 128 bits), in double or long
// double (real functions, then rounded to the loop type), or with <complex> in double, and the
// tolerances and comparison that hold a device result to them.
//
// The types are the host element types: bool, std::int8_t ... std::uint64_t, float, double,
// std::complex<float>, std::complex<double>, and cupp::float16 / cupp::bfloat16 for casts.
// Each function takes and returns what its cupp::ufn counterpart does for that loop type.
#pragma once

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <numeric>
#include <string>
#include <type_traits>

#include "cupp/core/dtype.hpp"

namespace cupp::test::ufunc_ref {

// ---- kinds -------------------------------------------------------------------------------------

template <class T>
inline constexpr bool is_complex_v = false;
template <class R>
inline constexpr bool is_complex_v<std::complex<R>> = true;
template <class T>
inline constexpr bool is_float_v = std::is_same_v<T, float> || std::is_same_v<T, double>;
template <class T>
inline constexpr bool is_int_v = std::is_integral_v<T> && !std::is_same_v<T, bool>;
template <class T>
inline constexpr bool is_storage_v =
    std::is_same_v<T, cupp::float16> || std::is_same_v<T, cupp::bfloat16>;

template <class T>
struct real_of {
  using type = T;
};
template <class R>
struct real_of<std::complex<R>> {
  using type = R;
};
template <class T>
using real_t = typename real_of<T>::type;

// ---- integers: exact in 128 bits, then wrapped to T --------------------------------------------

using wide = __int128;

/// At least 113 significant bits, for sums that cancel: long double where it is IEEE quad
/// (aarch64), else GCC's and Clang's __float128 (its +, -, * come with libgcc).
#if defined(__SIZEOF_FLOAT128__) && __LDBL_MANT_DIG__ < 113
using quad = __float128;
#else
using quad = long double;
#endif

/// v modulo 2^N, as a T of N bits (NumPy's integer overflow wraps).
template <class T>
T wrap(wide v) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(static_cast<unsigned __int128>(v)));
}

/// Python's a // b: the floor of the exact quotient.
inline wide floor_div(wide a, wide b) {
  wide q = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0))) --q;
  return q;
}

template <class T>
constexpr int bits_of() {
  return static_cast<int>(sizeof(T) * 8);
}

// ---- arithmetic --------------------------------------------------------------------------------

template <class T>
T add(T x, T y) {
  if constexpr (std::is_same_v<T, bool>) {
    return x || y;
  } else if constexpr (is_int_v<T>) {
    return wrap<T>(wide(x) + wide(y));
  } else if constexpr (is_complex_v<T>) {
    return T(x.real() + y.real(), x.imag() + y.imag());
  } else {
    return static_cast<T>(static_cast<double>(x) + static_cast<double>(y));
  }
}

template <class T>
T subtract(T x, T y) {
  if constexpr (is_int_v<T>) {
    return wrap<T>(wide(x) - wide(y));
  } else if constexpr (is_complex_v<T>) {
    return T(x.real() - y.real(), x.imag() - y.imag());
  } else {
    return static_cast<T>(static_cast<double>(x) - static_cast<double>(y));
  }
}

/// Complex products as NumPy's SIMD multiply loops compute them on x86-64 with FMA:
/// (fma(a, c, -(b d)), fma(a, d, b c)), in the part type.
template <class R>
std::complex<R> numpy_cmul(std::complex<R> x, std::complex<R> y) {
  const R bd = x.imag() * y.imag();
  const R bc = x.imag() * y.real();
  return {std::fma(x.real(), y.real(), -bd), std::fma(x.real(), y.imag(), bc)};
}

template <class T>
T multiply(T x, T y) {
  if constexpr (std::is_same_v<T, bool>) {
    return x && y;
  } else if constexpr (is_int_v<T>) {
    return wrap<T>(wide(x) * wide(y));
  } else if constexpr (is_complex_v<T>) {
    return numpy_cmul(x, y);
  } else {
    return static_cast<T>(static_cast<double>(x) * static_cast<double>(y));
  }
}

/// Smith's complex division, as NumPy's divide loop, in the part type.
template <class R>
std::complex<R> numpy_cdiv(std::complex<R> x, std::complex<R> y) {
  const R a = x.real(), b = x.imag(), c = y.real(), d = y.imag();
  if (std::fabs(c) >= std::fabs(d)) {
    if (c == 0 && d == 0) return {a / std::fabs(c), b / std::fabs(c)};
    const R rat = d / c;
    const R scl = R(1) / (c + d * rat);
    return {(a + b * rat) * scl, (b - a * rat) * scl};
  }
  const R rat = c / d;
  const R scl = R(1) / (d + c * rat);
  return {(a * rat + b) * scl, (b * rat - a) * scl};
}

template <class T>
T true_divide(T x, T y) {
  if constexpr (is_complex_v<T>) {
    return numpy_cdiv(x, y);
  } else {
    return static_cast<T>(static_cast<double>(x) / static_cast<double>(y));
  }
}

/// NumPy's npy_divmod (Python's divmod for floats): the quotient is (a - fmod(a, b)) / b snapped
/// to an integer, the remainder takes b's sign; written in T as NumPy's loops compute it.
template <class T>
T numpy_float_divmod(T a, T b, T* mod_out) {
  T mod = std::fmod(a, b);
  if (b == 0) {
    *mod_out = mod;
    return a / b;
  }
  T div = (a - mod) / b;
  if (mod != 0) {
    if ((b < 0) != (mod < 0)) {
      mod += b;
      div -= T(1);
    }
  } else {
    mod = std::copysign(T(0), b);
  }
  T q;
  if (div != 0) {
    q = std::floor(div);
    if (div - q > T(0.5)) q += T(1);
  } else {
    q = std::copysign(T(0), a / b);
  }
  *mod_out = mod;
  return q;
}

template <class T>
T floor_divide(T x, T y) {
  if constexpr (is_int_v<T>) {
    return y == 0 ? T(0) : wrap<T>(floor_div(x, y));  // INT_MIN // -1 wraps to INT_MIN
  } else {
    if (y == 0) return x / y;
    T mod;
    return numpy_float_divmod(x, y, &mod);
  }
}

template <class T>
T remainder(T x, T y) {
  if constexpr (is_int_v<T>) {
    return y == 0 ? T(0) : wrap<T>(wide(x) - wide(y) * floor_div(x, y));
  } else {
    if (y == 0) return std::fmod(x, y);
    T mod;
    numpy_float_divmod(x, y, &mod);
    return mod;
  }
}
template <class T>
T mod(T x, T y) {
  return remainder(x, y);
}

template <class T>
T fmod(T x, T y) {
  if constexpr (is_int_v<T>) {
    return y == 0 ? T(0) : wrap<T>(wide(x) - wide(y) * (wide(x) / wide(y)));
  } else {
    return std::fmod(x, y);
  }
}

/// NumPy's npy_cpow: 1 for b = 0; for a = 0, 0 if Re b > 0 else nan; integral real exponents
/// below 100 by repeated (textbook) multiplication; else C's cpow, exp(b log a) with C99's
/// product.
template <class R>
std::complex<R> numpy_cpow(std::complex<R> a, std::complex<R> b) {
  using C = std::complex<R>;
  const R nan = std::numeric_limits<R>::quiet_NaN();
  if (b.real() == 0 && b.imag() == 0) return C(1, 0);
  if (a.real() == 0 && a.imag() == 0) return b.real() > 0 ? C(0, 0) : C(nan, nan);
  const auto textbook = [](C x, C y) {
    return C(x.real() * y.real() - x.imag() * y.imag(), x.real() * y.imag() + x.imag() * y.real());
  };
  if (b.imag() == 0 && std::fabs(b.real()) < 100 && b.real() == std::trunc(b.real())) {
    const int n = static_cast<int>(b.real());
    if (n == 1) return a;
    if (n == 2) return textbook(a, a);
    if (n == 3) return textbook(a, textbook(a, a));
    // Binary powering from the low bit, in NumPy's order.
    const int m = std::abs(n);
    C acc(1, 0), p = a;
    for (int mask = 1;; mask <<= 1) {
      if (m & mask) acc = textbook(acc, p);
      if (m < (mask << 1)) break;
      p = textbook(p, p);
    }
    return n < 0 ? numpy_cdiv(C(1, 0), acc) : acc;
  }
  // In the part type, as NumPy's call to cpowf or cpow: where b log a overflows decides the
  // special values. std::complex's operator* is C99's product.
  return std::exp(b * std::log(a));
}

template <class T>
T power(T x, T y) {
  if constexpr (is_int_v<T>) {
    if constexpr (std::is_signed_v<T>) {
      if (y < 0) return 0;  // NumPy raises; the device gives 0 and the host checks scalars
    }
    // x^y modulo 2^64, then wrapped to T.
    std::uint64_t r = 1, base = static_cast<std::uint64_t>(x);
    for (std::uint64_t e = static_cast<std::uint64_t>(static_cast<std::make_unsigned_t<T>>(y));
         e != 0; e >>= 1) {
      if (e & 1) r *= base;
      base *= base;
    }
    return wrap<T>(wide(r));
  } else if constexpr (is_complex_v<T>) {
    return numpy_cpow(x, y);
  } else {
    return static_cast<T>(std::pow(static_cast<double>(x), static_cast<double>(y)));
  }
}

template <class T>
T negative(T x) {
  if constexpr (is_int_v<T>) {
    return wrap<T>(-wide(x));
  } else {
    return -x;
  }
}

template <class T>
T positive(T x) {
  return x;
}

template <class T>
auto absolute(T x) {
  if constexpr (std::is_same_v<T, bool> || std::is_unsigned_v<T>) {
    return x;
  } else if constexpr (is_int_v<T>) {
    return wrap<T>(x < 0 ? -wide(x) : wide(x));
  } else if constexpr (is_complex_v<T>) {
    using R = real_t<T>;
    return static_cast<R>(std::hypot(static_cast<double>(x.real()), static_cast<double>(x.imag())));
  } else {
    return std::fabs(x);
  }
}

template <class T>
T reciprocal(T x) {
  if constexpr (is_int_v<T>) {
    return x == 0 ? T(0) : wrap<T>(wide(1) / wide(x));  // cupp's choice for 1 / 0
  } else if constexpr (is_complex_v<T>) {
    // NumPy's reciprocal loop, in the part type.
    using R = real_t<T>;
    const R a = x.real(), b = x.imag();
    if (std::fabs(b) <= std::fabs(a)) {
      const R r = b / a, d = a + b * r;
      return T(R(1) / d, -r / d);
    }
    const R r = a / b, d = a * r + b;
    return T(r / d, R(-1) / d);
  } else {
    return static_cast<T>(1.0 / static_cast<double>(x));
  }
}

template <class T>
T square(T x) {
  return multiply(x, x);
}

template <class T>
T sign(T x) {
  if constexpr (is_complex_v<T>) {
    // NumPy 2's sign loop goes by |z| = hypot(re, im) in the part type: nan if it is nan; if it
    // is infinite (an infinite part, or an overflow), the unit toward the infinite part, or
    // toward the imaginary one when neither part is infinite; else z / |z|.
    using R = real_t<T>;
    const R nan = std::numeric_limits<R>::quiet_NaN();
    const R re = x.real(), im = x.imag();
    const R a = std::hypot(re, im);
    if (std::isnan(a)) return T(nan, nan);
    if (std::isinf(a)) {
      if (std::isinf(re)) return std::isinf(im) ? T(nan, nan) : T(re > 0 ? R(1) : R(-1), R(0));
      return T(R(0), im > 0 ? R(1) : R(-1));
    }
    if (a == 0) return T(0, 0);
    return T(re / a, im / a);
  } else if constexpr (is_float_v<T>) {
    if (std::isnan(x)) return x;
    return x > 0 ? T(1) : (x < 0 ? T(-1) : T(0));  // 0 (not -0) for -0.0
  } else {
    return x > 0 ? T(1) : (x < 0 ? static_cast<T>(-1) : T(0));
  }
}

template <class T>
T heaviside(T x, T h0) {
  if (std::isnan(x)) return std::numeric_limits<T>::quiet_NaN();
  if (x == 0) return h0;
  return x < 0 ? T(0) : T(1);
}

// ---- comparison and logic ----------------------------------------------------------------------

template <class T>
bool truth(T x) {
  if constexpr (is_complex_v<T>) {
    return x.real() != 0 || x.imag() != 0;
  } else {
    return x != T(0);
  }
}

/// NumPy's complex ordering: lexicographic, and a nan imaginary part in either operand makes a
/// comparison decided by the real parts false.
template <class R>
bool c_less(std::complex<R> x, std::complex<R> y, bool or_equal) {
  const bool nan_imag = std::isnan(x.imag()) || std::isnan(y.imag());
  if (x.real() < y.real()) return !nan_imag;
  if (x.real() == y.real()) return or_equal ? x.imag() <= y.imag() : x.imag() < y.imag();
  return false;
}

template <class T>
bool equal(T x, T y) {
  return x == y;
}
template <class T>
bool not_equal(T x, T y) {
  return x != y;
}
template <class T>
bool less(T x, T y) {
  if constexpr (is_complex_v<T>) {
    return c_less(x, y, false);
  } else {
    return x < y;
  }
}
template <class T>
bool less_equal(T x, T y) {
  if constexpr (is_complex_v<T>) {
    return c_less(x, y, true);
  } else {
    return x <= y;
  }
}
template <class T>
bool greater(T x, T y) {
  return less(y, x);
}
template <class T>
bool greater_equal(T x, T y) {
  return less_equal(y, x);
}
template <class T>
bool logical_and(T x, T y) {
  return truth(x) && truth(y);
}
template <class T>
bool logical_or(T x, T y) {
  return truth(x) || truth(y);
}
template <class T>
bool logical_xor(T x, T y) {
  return truth(x) != truth(y);
}
template <class T>
bool logical_not(T x) {
  return !truth(x);
}

template <class T>
bool has_nan(T x) {
  if constexpr (is_complex_v<T>) {
    return std::isnan(x.real()) || std::isnan(x.imag());
  } else if constexpr (is_float_v<T>) {
    return std::isnan(x);
  } else {
    return false;
  }
}

/// maximum / minimum: a nan in either is the result (the first if both). Real values that
/// compare equal (+0.0 and -0.0) give the second, as NumPy's SIMD loops on x86-64 do; complex
/// values that compare equal give the first, as NumPy's complex loop does.
template <class T>
T maximum(T x, T y) {
  if (has_nan(x)) return x;
  if (has_nan(y)) return y;
  if constexpr (is_complex_v<T>) {
    return less_equal(y, x) ? x : y;
  } else {
    return x > y ? x : y;
  }
}
template <class T>
T minimum(T x, T y) {
  if (has_nan(x)) return x;
  if (has_nan(y)) return y;
  if constexpr (is_complex_v<T>) {
    return less_equal(x, y) ? x : y;
  } else {
    return x < y ? x : y;
  }
}
/// fmax / fmin: a nan is ignored unless both are nan (then the first).
template <class T>
T fmax(T x, T y) {
  if (has_nan(y)) return x;
  if (has_nan(x)) return y;
  return maximum(x, y);
}
template <class T>
T fmin(T x, T y) {
  if (has_nan(y)) return x;
  if (has_nan(x)) return y;
  return minimum(x, y);
}

/// NumPy 2's clip loop: Min(Max(x, lo), hi) with Max(a, b) = a if a is nan or a > b, else b
/// (Min likewise). Complex: ordered by real part, then imaginary part, with no nan rule of the
/// comparison's own.
template <class T>
T clip(T x, T lo, T hi) {
  const auto greater_than = [](T a, T b) {
    if constexpr (is_complex_v<T>) {
      return a.real() == b.real() ? a.imag() > b.imag() : a.real() > b.real();
    } else {
      return a > b;
    }
  };
  const T m = (has_nan(x) || greater_than(x, lo)) ? x : lo;
  return (has_nan(m) || greater_than(hi, m)) ? m : hi;
}

template <class T>
bool isnan(T x) {
  return has_nan(x);
}
template <class T>
bool isinf(T x) {
  if constexpr (is_complex_v<T>) {
    return std::isinf(x.real()) || std::isinf(x.imag());
  } else if constexpr (is_float_v<T>) {
    return std::isinf(x);
  } else {
    return false;
  }
}
template <class T>
bool isfinite(T x) {
  if constexpr (is_complex_v<T>) {
    return std::isfinite(x.real()) && std::isfinite(x.imag());
  } else if constexpr (is_float_v<T>) {
    return std::isfinite(x);
  } else {
    return true;
  }
}
template <class T>
bool signbit(T x) {
  return std::signbit(x);
}
template <class T>
T copysign(T x, T y) {
  return std::copysign(x, y);
}

// ---- number theory, floating-point representation ---------------------------------------------

/// |x| as an unsigned 64-bit value (exact for the most negative integer).
template <class T>
std::uint64_t magnitude(T x) {
  if constexpr (std::is_signed_v<T>) {
    return x < 0 ? std::uint64_t(0) - static_cast<std::uint64_t>(x) : static_cast<std::uint64_t>(x);
  } else {
    return static_cast<std::uint64_t>(x);
  }
}
template <class T>
T gcd(T x, T y) {
  return static_cast<T>(std::gcd(magnitude(x), magnitude(y)));
}
template <class T>
T lcm(T x, T y) {
  const std::uint64_t a = magnitude(x), b = magnitude(y), g = std::gcd(a, b);
  return static_cast<T>(g == 0 ? 0 : a / g * b);
}
template <class T>
T bitwise_count(T x) {
  int n = 0;
  for (std::uint64_t m = magnitude(x); m != 0; m &= m - 1) ++n;
  return static_cast<T>(n);
}
template <class T>
T fabs(T x) {
  return std::fabs(x);
}
/// The exponent arrives in the loop type; the device receives the same integer.
template <class T>
T ldexp(T x, T e) {
  const double k = std::clamp(static_cast<double>(e), -1048576.0, 1048576.0);
  return std::ldexp(x, static_cast<int>(k));
}
template <class T>
T nextafter(T x, T y) {
  return std::nextafter(x, y);
}
/// npy_spacing: nan for inf and nan; the smallest subnormal for either zero; else the step to
/// the next value of larger magnitude, with x's sign.
template <class T>
T spacing(T x) {
  if (std::isinf(x) || std::isnan(x)) return std::numeric_limits<T>::quiet_NaN();
  if (x == 0) return std::numeric_limits<T>::denorm_min();
  return std::nextafter(x, std::copysign(std::numeric_limits<T>::infinity(), x)) - x;
}
template <class T>
auto float_power(T x, T y) {
  return power(x, y);
}

/// nextafter in 16-bit storage S (float16: npy_half_nextafter; bfloat16: ml_dtypes'), on values
/// given as float.
template <class S>
float nextafter_storage(float xf, float yf) {
  if (std::isnan(xf) || std::isnan(yf)) return std::numeric_limits<float>::quiet_NaN();
  const std::uint16_t x = S(xf).bits, y = S(yf).bits;
  if (xf == yf) return std::is_same_v<S, float16> ? xf : yf;
  std::uint16_t r;
  if ((x & 0x7fffu) == 0) {
    r = static_cast<std::uint16_t>((y & 0x8000u) + 1u);
  } else if (!(x & 0x8000u)) {
    r = static_cast<std::uint16_t>(static_cast<std::int16_t>(x) > static_cast<std::int16_t>(y)
                                       ? x - 1u
                                       : x + 1u);
  } else {
    r = static_cast<std::uint16_t>(
        (!(y & 0x8000u) || (x & 0x7fffu) > (y & 0x7fffu)) ? x - 1u : x + 1u);
  }
  return static_cast<float>(S::from_bits(r));
}
/// spacing in 16-bit storage S: npy_half_spacing for float16, ml_dtypes' nextafter(x,
/// copysign(inf, x)) - x for bfloat16.
template <class S>
float spacing_storage(float xf) {
  if constexpr (std::is_same_v<S, float16>) {
    const std::uint16_t h = float16(xf).bits;
    const unsigned e = h & 0x7c00u, sig = h & 0x03ffu;
    unsigned r;
    if (e == 0x7c00u) return std::numeric_limits<float>::quiet_NaN();
    if (h == 0x7bffu) return std::numeric_limits<float>::infinity();
    if ((h & 0x8000u) && sig == 0) {
      r = e > 0x2c00u ? e - 0x2c00u : e > 0x0400u ? 1u << ((e >> 10) - 2) : 1u;
    } else {
      r = e > 0x2800u ? e - 0x2800u : e > 0x0400u ? 1u << ((e >> 10) - 1) : 1u;
    }
    return static_cast<float>(float16::from_bits(static_cast<std::uint16_t>(r)));
  } else {
    if (std::isinf(xf) || std::isnan(xf)) return std::numeric_limits<float>::quiet_NaN();
    return nextafter_storage<S>(xf, std::copysign(std::numeric_limits<float>::infinity(), xf)) -
           xf;
  }
}

// ---- bitwise -----------------------------------------------------------------------------------

template <class T>
T bitwise_and(T x, T y) {
  return static_cast<T>(x & y);
}
template <class T>
T bitwise_or(T x, T y) {
  return static_cast<T>(x | y);
}
template <class T>
T bitwise_xor(T x, T y) {
  return static_cast<T>(x ^ y);
}
template <class T>
T invert(T x) {
  if constexpr (std::is_same_v<T, bool>) {
    return !x;
  } else {
    return wrap<T>(-wide(x) - 1);  // two's complement: ~x = -x - 1
  }
}
/// x * 2^y wrapped to T for 0 <= y < N; 0 otherwise (NumPy reads a negative count as a huge
/// unsigned one).
template <class T>
T left_shift(T x, T y) {
  if (wide(y) < 0 || wide(y) >= bits_of<T>()) return 0;
  return wrap<T>(wide(x) * (wide(1) << static_cast<int>(y)));
}
/// floor(x / 2^y) for 0 <= y < N; else -1 for negative x and 0 otherwise.
template <class T>
T right_shift(T x, T y) {
  if (wide(y) < 0 || wide(y) >= bits_of<T>()) return x < 0 ? static_cast<T>(-1) : T(0);
  return wrap<T>(floor_div(x, wide(1) << static_cast<int>(y)));
}

// ---- rounding and parts ------------------------------------------------------------------------

template <class T>
T floor(T x) {
  if constexpr (is_float_v<T>) {
    return std::floor(x);
  } else {
    return x;
  }
}
template <class T>
T ceil(T x) {
  if constexpr (is_float_v<T>) {
    return std::ceil(x);
  } else {
    return x;
  }
}
template <class T>
T trunc(T x) {
  if constexpr (is_float_v<T>) {
    return std::trunc(x);
  } else {
    return x;
  }
}
template <class T>
T fix(T x) {
  return trunc(x);
}
/// To the nearest integer, halves to even (the default rounding mode's nearbyint).
template <class T>
T rint(T x) {
  if constexpr (is_complex_v<T>) {
    return T(std::nearbyint(x.real()), std::nearbyint(x.imag()));
  } else {
    return std::nearbyint(x);
  }
}
template <class T>
T round(T x) {
  if constexpr (is_int_v<T>) {
    return x;
  } else {
    return rint(x);
  }
}
template <class T>
T nan_to_num(T x) {
  if constexpr (is_complex_v<T>) {
    return T(nan_to_num(x.real()), nan_to_num(x.imag()));
  } else if constexpr (is_float_v<T>) {
    if (std::isnan(x)) return 0;
    if (std::isinf(x))
      return x > 0 ? std::numeric_limits<T>::max() : std::numeric_limits<T>::lowest();
    return x;
  } else {
    return x;
  }
}
template <class T>
auto real(T x) {
  if constexpr (is_complex_v<T>) {
    return x.real();
  } else {
    return x;
  }
}
template <class T>
auto imag(T x) {
  if constexpr (is_complex_v<T>) {
    return x.imag();
  } else {
    return T(0);
  }
}
template <class T>
T conj(T x) {
  if constexpr (is_complex_v<T>) {
    return std::conj(x);
  } else {
    return x;
  }
}
template <class T>
T conjugate(T x) {
  return conj(x);
}
template <class T>
auto angle(T x) {
  if constexpr (is_complex_v<T>) {
    using R = real_t<T>;
    return static_cast<R>(std::atan2(static_cast<double>(x.imag()), static_cast<double>(x.real())));
  } else {
    return static_cast<T>(std::atan2(0.0, static_cast<double>(x)));
  }
}

// ---- real math: in double (long double where cancellation needs it), rounded to T --------------

#define CUPP_REF_REAL1(name, expr)                             \
  template <class T, std::enable_if_t<is_float_v<T>, int> = 0> \
  T name(T x_) {                                               \
    const double x = x_;                                       \
    return static_cast<T>(expr);                               \
  }
CUPP_REF_REAL1(exp, std::exp(x))
CUPP_REF_REAL1(exp2, std::exp2(x))
CUPP_REF_REAL1(expm1, std::expm1(x))
CUPP_REF_REAL1(log, std::log(x))
CUPP_REF_REAL1(log2, std::log2(x))
CUPP_REF_REAL1(log10, std::log10(x))
CUPP_REF_REAL1(log1p, std::log1p(x))
CUPP_REF_REAL1(sqrt, std::sqrt(x))
CUPP_REF_REAL1(cbrt, std::cbrt(x))
CUPP_REF_REAL1(sin, std::sin(x))
CUPP_REF_REAL1(cos, std::cos(x))
CUPP_REF_REAL1(tan, std::tan(x))
CUPP_REF_REAL1(arcsin, std::asin(x))
CUPP_REF_REAL1(arccos, std::acos(x))
CUPP_REF_REAL1(arctan, std::atan(x))
CUPP_REF_REAL1(sinh, std::sinh(x))
CUPP_REF_REAL1(cosh, std::cosh(x))
CUPP_REF_REAL1(tanh, std::tanh(x))
CUPP_REF_REAL1(arcsinh, std::asinh(x))
CUPP_REF_REAL1(arccosh, std::acosh(x))
CUPP_REF_REAL1(arctanh, std::atanh(x))
CUPP_REF_REAL1(degrees,
               static_cast<long double>(x) * (180.0L / 3.141592653589793238462643383279503L))
CUPP_REF_REAL1(rad2deg,
               static_cast<long double>(x) * (180.0L / 3.141592653589793238462643383279503L))
CUPP_REF_REAL1(radians,
               static_cast<long double>(x) * (3.141592653589793238462643383279503L / 180.0L))
CUPP_REF_REAL1(deg2rad,
               static_cast<long double>(x) * (3.141592653589793238462643383279503L / 180.0L))
#undef CUPP_REF_REAL1

template <class T, std::enable_if_t<is_float_v<T>, int> = 0>
T arctan2(T y, T x) {
  return static_cast<T>(std::atan2(static_cast<double>(y), static_cast<double>(x)));
}
template <class T, std::enable_if_t<is_float_v<T>, int> = 0>
T hypot(T x, T y) {
  return static_cast<T>(std::hypot(static_cast<double>(x), static_cast<double>(y)));
}

/// log(e^x + e^y): max + log1p(e^-|x - y|) in long double; equal arguments (infinities
/// included) give x + log 2.
template <class T, std::enable_if_t<is_float_v<T>, int> = 0>
T logaddexp(T x, T y) {
  if (std::isnan(x) || std::isnan(y)) return std::numeric_limits<T>::quiet_NaN();
  const long double a = x, b = y;
  if (a == b) return static_cast<T>(a + std::log(2.0L));
  const long double m = std::max(a, b);
  if (std::isinf(m)) return static_cast<T>(m);  // +inf (a -inf is never the larger of two)
  return static_cast<T>(m + std::log1p(std::exp(-std::fabs(a - b))));
}
/// log2(2^x + 2^y), likewise.
template <class T, std::enable_if_t<is_float_v<T>, int> = 0>
T logaddexp2(T x, T y) {
  if (std::isnan(x) || std::isnan(y)) return std::numeric_limits<T>::quiet_NaN();
  const long double a = x, b = y;
  if (a == b) return static_cast<T>(a + 1);
  const long double m = std::max(a, b);
  if (std::isinf(m)) return static_cast<T>(m);
  return static_cast<T>(m + std::log1p(std::exp2(-std::fabs(a - b))) / std::log(2.0L));
}

/// sin(pi x) / (pi x): 1 at 0, +0 at every other integer (huge values included), nan at inf.
template <class T, std::enable_if_t<is_float_v<T>, int> = 0>
T sinc(T x) {
  if (x == 0) return 1;
  if (!std::isfinite(x)) return std::numeric_limits<T>::quiet_NaN();
  if (x == std::trunc(x)) return 0;
  constexpr long double pi = 3.141592653589793238462643383279503L;
  const long double r = std::remainder(static_cast<long double>(x), 2.0L);  // exact, in [-1, 1]
  return static_cast<T>(std::sin(pi * r) / (pi * static_cast<long double>(x)));
}

// ---- complex math ------------------------------------------------------------------------------
// C99 Annex G as glibc implements it (std::complex<double> calls glibc's cexp, clog, ...), which
// is what NumPy calls on Linux; NumPy's own formulas where NumPy defines the function itself.

#define CUPP_REF_COMPLEX1(name, stdname)                              \
  template <class T, std::enable_if_t<is_complex_v<T>, int> = 0>      \
  T name(T z) {                                                       \
    return T(std::stdname(std::complex<double>(z.real(), z.imag()))); \
  }
CUPP_REF_COMPLEX1(exp, exp)
CUPP_REF_COMPLEX1(log, log)
CUPP_REF_COMPLEX1(sqrt, sqrt)
CUPP_REF_COMPLEX1(sin, sin)
CUPP_REF_COMPLEX1(cos, cos)
CUPP_REF_COMPLEX1(tan, tan)
CUPP_REF_COMPLEX1(arcsin, asin)
CUPP_REF_COMPLEX1(arccos, acos)
CUPP_REF_COMPLEX1(arctan, atan)
CUPP_REF_COMPLEX1(sinh, sinh)
CUPP_REF_COMPLEX1(cosh, cosh)
CUPP_REF_COMPLEX1(tanh, tanh)
CUPP_REF_COMPLEX1(arcsinh, asinh)
CUPP_REF_COMPLEX1(arccosh, acosh)
CUPP_REF_COMPLEX1(arctanh, atanh)
#undef CUPP_REF_COMPLEX1

/// NumPy: exp(z ln 2), the product z ln 2 rounded to the part type first.
template <class T, std::enable_if_t<is_complex_v<T>, int> = 0>
T exp2(T z) {
  using R = real_t<T>;
  const R ln2 = static_cast<R>(0.693147180559945309417232121458176568L);
  return exp(T(z.real() * ln2, z.imag() * ln2));
}
/// NumPy: (expm1(x) cos(y) - 2 sin^2(y / 2)) + i exp(x) sin(y), in the part type as NumPy's
/// loop computes it (y / 2 can underflow to zero there).
template <class T, std::enable_if_t<is_complex_v<T>, int> = 0>
T expm1(T z) {
  using R = real_t<T>;
  const R x = z.real(), y = z.imag();
  const R s = std::sin(y / 2);
  return T(std::expm1(x) * std::cos(y) - 2 * s * s, std::exp(x) * std::sin(y));
}
/// NumPy: log(z) * log2(e), log(z) * log10(e).
template <class T, std::enable_if_t<is_complex_v<T>, int> = 0>
T log2(T z) {
  return T(std::log(std::complex<double>(z.real(), z.imag())) / std::log(2.0));
}
template <class T, std::enable_if_t<is_complex_v<T>, int> = 0>
T log10(T z) {
  return T(std::log(std::complex<double>(z.real(), z.imag())) / std::log(10.0));
}
/// log(1 + z) = log|1 + z| + i atan2(y, x + 1), x + 1 rounded to the part type as NumPy's formula
/// has it; |1 + z| through log1p(x (2 + x) + y^2) in long double, accurate near |1 + z| = 1.
/// A nan part gives nan + i nan, or inf + i nan when the other part is infinite (NumPy 2.4).
template <class T, std::enable_if_t<is_complex_v<T>, int> = 0>
T log1p(T z) {
  using R = real_t<T>;
  const R x = z.real(), y = z.imag();
  const R nan = std::numeric_limits<R>::quiet_NaN();
  if (std::isnan(x) || std::isnan(y)) {
    return T((std::isinf(x) || std::isinf(y)) ? std::numeric_limits<R>::infinity() : nan, nan);
  }
  long double re;
  if (std::isinf(x) || std::isinf(y)) {
    re = std::numeric_limits<long double>::infinity();
  } else {
    // t = |1 + z|^2 - 1 = x (2 + x) + y^2, exact enough in quad even where it cancels.
    const quad qx = x, qy = y;
    const long double t = static_cast<long double>(qx * (2 + qx) + qy * qy);
    if (std::fabs(t) < 0.5L) {
      re = 0.5L * std::log1p(t);
    } else {
      re = std::log(std::hypot(1.0L + static_cast<long double>(x), static_cast<long double>(y)));
    }
  }
  const R xp1 = x + R(1);
  return T(static_cast<R>(re), static_cast<R>(std::atan2(static_cast<double>(y), xp1)));
}

// ---- casts -------------------------------------------------------------------------------------

/// v (an integer) rounded to `digits` significant bits, halves to even: exact in long double.
inline long double round_to_digits(long double v, int digits) {
  if (v == 0) return v;
  int e;
  const long double m = std::frexp(v, &e);  // |m| in [0.5, 1)
  return std::ldexp(std::nearbyint(std::ldexp(m, digits)), e - digits);
}

/// numpy's astype, with cupp's documented rule for float -> int out of range (NumPy calls it
/// undefined): nan -> 0; otherwise truncate toward zero, saturate to the int64 range (uint64: to
/// [0, 2^64 - 1] for values >= 0), and wrap to the destination's width.
template <class To, class From>
To cast(From x) {
  if constexpr (std::is_same_v<To, From>) {
    return x;
  } else if constexpr (is_complex_v<From>) {
    if constexpr (is_complex_v<To>) {
      using S = real_t<To>;
      return To(static_cast<S>(x.real()), static_cast<S>(x.imag()));
    } else if constexpr (std::is_same_v<To, bool>) {
      return x.real() != 0 || x.imag() != 0;
    } else {
      return cast<To>(x.real());
    }
  } else if constexpr (is_storage_v<From>) {
    return cast<To>(static_cast<float>(x));
  } else if constexpr (is_complex_v<To>) {
    using S = real_t<To>;
    return To(cast<S>(x), S(0));
  } else if constexpr (std::is_same_v<To, bool>) {
    return x != From(0);
  } else if constexpr (is_storage_v<To>) {
    if constexpr (std::is_same_v<From, bool> || is_int_v<From>) {
      const int digits = std::is_same_v<To, cupp::float16> ? 11 : 8;
      return To(static_cast<double>(round_to_digits(static_cast<long double>(x), digits)));
    } else {
      return To(x);  // the host types round once from float or double
    }
  } else if constexpr (is_int_v<To> && is_float_v<From>) {
    if (std::isnan(x)) return 0;
    const long double t = std::trunc(static_cast<long double>(x));
    if constexpr (std::is_same_v<To, std::uint64_t>) {
      if (t >= 0) {
        if (t >= 18446744073709551616.0L) return std::numeric_limits<std::uint64_t>::max();
        return static_cast<std::uint64_t>(t);
      }
    }
    wide v;
    if (t >= 9223372036854775808.0L) {
      v = std::numeric_limits<std::int64_t>::max();
    } else if (t < -9223372036854775808.0L) {
      v = std::numeric_limits<std::int64_t>::min();
    } else {
      v = static_cast<std::int64_t>(t);
    }
    return wrap<To>(v);
  } else if constexpr (is_int_v<To>) {
    return wrap<To>(wide(x));
  } else {
    return static_cast<To>(x);  // to float or double: the host rounds to nearest even
  }
}

// ---- tolerances --------------------------------------------------------------------------------
// Note [Ufunc tolerances]: a real function that is one call into CUDA's math library is held to
// that function's maximum ulp error as the CUDA C++ Programming Guide states it (the larger of
// the figures quoted across CUDA 11 to 13), plus one ulp for the reference's own rounding (a
// double result rounded to float, or glibc's double functions, which are within an ulp).
// Functions cupp composes (degrees, sinc, logaddexp, ...) get the sum of their parts. Complex
// transcendental results are held per part to `rel` eps of |reference|, which allows for the
// cancellation inside a part that a normwise-accurate algorithm may show; special results (an
// infinite, nan or zero reference) must match exactly, signed zeros included. Everything else is
// bit for bit.

struct tolerance {
  int ulps = 0;      ///< real results: distance in units in the last place; 0 is bit for bit
  double rel = 0.0;  ///< complex results: per part, in eps of |reference|; 0 is bit for bit
  /// Whether the sign of a zero part is checked. Off only where C leaves it to the
  /// implementation and it comes from the sign of a nan made on the way (cpow's exp(b log a)).
  bool zero_sign = true;
};

/// The tolerance of ufunc `name` for results of real type R (float or double).
inline tolerance tolerance_for(const std::string& name, bool is_double, bool is_complex) {
  struct entry {
    const char* name;
    int f32, f64;
  };
  // CUDA's documented bounds (float, double), before the +1 for the reference.
  static const entry kBounds[] = {
      {"exp", 2, 1},
      {"exp2", 2, 1},
      {"expm1", 1, 1},
      {"log", 1, 1},
      {"log2", 1, 1},
      {"log10", 2, 1},
      {"log1p", 1, 1},
      {"sqrt", 0, 0},
      {"cbrt", 1, 1},
      {"sin", 2, 2},
      {"cos", 2, 2},
      {"tan", 4, 2},
      {"arcsin", 4, 2},
      {"arccos", 3, 2},
      {"arctan", 2, 2},
      {"sinh", 3, 2},
      {"cosh", 2, 2},
      {"tanh", 2, 2},
      {"arcsinh", 3, 3},
      {"arccosh", 4, 3},
      {"arctanh", 3, 2},
      {"arctan2", 3, 2},
      {"hypot", 3, 2},
      {"power", 8, 2},
      {"angle", 3, 2},
      {"absolute", 3, 2},
      // Compositions: x * (a rounded constant); sinpi, a product and a quotient; exp and log1p
      // with a sum that can cancel by a factor of about 4 on the test grid.
      {"degrees", 1, 1},
      {"radians", 1, 1},
      {"deg2rad", 1, 1},
      {"rad2deg", 1, 1},
      {"sinc", 4, 4},
      {"logaddexp", 8, 8},
      {"logaddexp2", 8, 8},
  };
  if (is_complex) {
    static const char* const kExactComplex[] = {
        "add",  "subtract", "negative",   "positive", "conj",    "conjugate", "real", "imag",
        "rint", "round",    "nan_to_num", "maximum",  "minimum", "fmax",      "fmin", "clip"};
    for (const char* e : kExactComplex) {
      if (name == e) return {};
    }
    // multiply, true_divide, square, reciprocal: NumPy's formulas in the part type, which the
    // reference evaluates the same way; a few eps cover a compiler's freedom in the last bit.
    static const char* const kArithmetic[] = {"multiply", "true_divide", "square", "reciprocal"};
    for (const char* e : kArithmetic) {
      if (name == e) return {0, 4.0};
    }
    if (name == "sign") return {0, 8.0};  // z / hypot(z): hypot's bound, a quotient, the reference
    if (name == "absolute" || name == "angle") {  // hypot and atan2 of the parts
      for (const entry& e : kBounds) {
        if (name == e.name) return {(is_double ? e.f64 : e.f32) + 1, 0.0};
      }
    }
    if (name == "power") return {0, 32.0, false};
    return {0, 32.0};  // exp, log, sqrt, trigonometric, hyperbolic and inverse
  }
  if (name == "absolute") return {};  // fabs
  for (const entry& e : kBounds) {
    if (name == e.name) return {(is_double ? e.f64 : e.f32) + 1, 0.0};
  }
  return {};
}

// ---- comparison --------------------------------------------------------------------------------

/// power(a, b) = exp(b log a) for complex values: an error of eps in b log a moves the result by
/// eps |b log a| relatively, so that is its condition (1 where it is not finite or is small).
template <class C>
double condition_of_power(C a, C b) {
  const std::complex<double> w =
      std::complex<double>(b) * std::log(std::complex<double>(a.real(), a.imag()));
  // Infinite, nan and zero operands follow exact rules: condition 1. Finite operands whose
  // b log a overflows, or whose |b log a| does, are as ill-conditioned as a point can be.
  const auto finite = [](auto z) { return std::isfinite(z.real()) && std::isfinite(z.imag()); };
  if (!finite(a) || !finite(b) || (a.real() == 0 && a.imag() == 0)) return 1;  // and 0^b
  if (!finite(w)) return std::numeric_limits<double>::infinity();
  const double cond = 1 + static_cast<double>(std::hypot(static_cast<long double>(w.real()),
                                                         static_cast<long double>(w.imag())));
  // Where exp(w) overflows, the parts are infinities whose signs are those of cos and sin of the
  // phase: noise when either is below the phase's own error.
  using R = typename C::value_type;
  if (w.real() > std::log(static_cast<double>(std::numeric_limits<R>::max()))) {
    const double phase_error = 16 * cond * std::numeric_limits<R>::epsilon();
    if (std::fabs(std::cos(w.imag())) < phase_error || std::fabs(std::sin(w.imag())) < phase_error) {
      return std::numeric_limits<double>::infinity();
    }
  }
  return cond;
}
/// exp2(z) = exp(z ln 2), with z ln 2 rounded first: condition 1 + |z|.
template <class C>
double condition_of_exp2(C z) {
  const double m = std::abs(std::complex<double>(z.real(), z.imag()));
  return std::isfinite(m) ? 1 + m : 1;
}
/// Whether a point with this condition says anything: past about 1e-3 rad of phase error, even
/// the signs of the parts are noise, in NumPy's result as in cupp's.
template <class R>
bool well_conditioned(double cond) {
  return cond * std::numeric_limits<R>::epsilon() < 1e-3;
}

template <class R>
auto bits_of_value(R x) {
  using U = std::conditional_t<sizeof(R) == 4, std::uint32_t,
                               std::conditional_t<sizeof(R) == 8, std::uint64_t, std::uint16_t>>;
  U u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}

/// Distance in units in the last place between two non-nan floats of one type (adjacent values
/// are 1 apart; +0 and -0 are 0 apart).
template <class R>
double ulp_distance(R a, R b) {
  using S = std::conditional_t<sizeof(R) == 4, std::int32_t, std::int64_t>;
  const auto ordered = [](R v) {
    S s;
    std::memcpy(&s, &v, sizeof s);
    return s < 0 ? static_cast<long double>(std::numeric_limits<S>::min()) - s
                 : static_cast<long double>(s);
  };
  return static_cast<double>(std::fabs(ordered(a) - ordered(b)));
}

template <class R>
bool real_matches(R got, R want, int ulps) {
  if (std::isnan(got) || std::isnan(want)) return std::isnan(got) && std::isnan(want);
  if (bits_of_value(got) == bits_of_value(want)) return true;
  if (ulps == 0 || std::isinf(got) || std::isinf(want)) return false;
  if (got == 0 && want == 0) return false;  // zeros of opposite sign
  return ulp_distance(got, want) <= ulps;
}

/// One part of a complex result: within rel eps of `scale`; nan and infinite parts exactly, and
/// two zeros only with the same sign (a zero against a tiny nonzero value goes by the tolerance:
/// whether a part underflows is not special). With `scale` 0, bit for bit.
template <class R>
bool part_matches(R got, R want, double rel, double scale, bool zero_sign) {
  if (std::isnan(got) || std::isnan(want)) return std::isnan(got) && std::isnan(want);
  if (bits_of_value(got) == bits_of_value(want)) return true;
  if (got == 0 && want == 0) return !zero_sign;
  if (rel == 0 || std::isinf(got) || std::isinf(want)) return false;
  if (!(scale > 0)) return false;
  return std::fabs(static_cast<double>(got) - static_cast<double>(want)) <=
         rel * std::numeric_limits<R>::epsilon() * scale;
}

/// Whether a device result matches the reference. A complex part is held to rel eps of |want|,
/// times `cond` for formulas with an ill-conditioned intermediate (condition_of_power,
/// condition_of_exp2). Where the other part is infinite, |want| is past the largest finite
/// value, so a finite part is held to rel eps of that value (its rounding error is a fraction
/// of |want|, not of itself); beside a nan part, to rel eps of itself. Infinite and nan parts
/// match exactly.
template <class T>
bool matches(const T& got, const T& want, const tolerance& tol, double cond = 1.0) {
  if constexpr (is_complex_v<T>) {
    using R = real_t<T>;
    const R gr = got.real(), gi = got.imag(), wr = want.real(), wi = want.imag();
    const double norm = std::hypot(static_cast<double>(wr), static_cast<double>(wi));
    double scale_re = norm * cond, scale_im = norm * cond;
    if (std::isnan(norm)) {  // beside a nan part: its own size
      scale_re = std::fabs(static_cast<double>(wr)) * cond;
      scale_im = std::fabs(static_cast<double>(wi)) * cond;
    } else if (std::isinf(norm)) {
      scale_re = scale_im = static_cast<double>(std::numeric_limits<R>::max()) * cond;
    }
    return part_matches(gr, wr, tol.rel, scale_re, tol.zero_sign) &&
           part_matches(gi, wi, tol.rel, scale_im, tol.zero_sign);
  } else if constexpr (is_float_v<T>) {
    return real_matches(got, want, tol.ulps);
  } else if constexpr (is_storage_v<T>) {
    const float g = static_cast<float>(got), w = static_cast<float>(want);
    if (std::isnan(g) || std::isnan(w)) return std::isnan(g) && std::isnan(w);
    return got.bits == want.bits;
  } else {
    return got == want;
  }
}

/// A value as text, with the bits of a float (so -0.0 and nan payloads show).
template <class T>
std::string to_string(const T& v) {
  char buf[128];
  if constexpr (is_complex_v<T>) {
    return "(" + to_string(v.real()) + ", " + to_string(v.imag()) + ")";
  } else if constexpr (std::is_same_v<T, float>) {
    std::snprintf(buf, sizeof buf, "%.9g [0x%08x]", static_cast<double>(v),
                  static_cast<unsigned>(bits_of_value(v)));
  } else if constexpr (std::is_same_v<T, double>) {
    std::snprintf(buf, sizeof buf, "%.17g [0x%016llx]", v,
                  static_cast<unsigned long long>(bits_of_value(v)));
  } else if constexpr (is_storage_v<T>) {
    std::snprintf(buf, sizeof buf, "%.6g [0x%04x]", static_cast<double>(static_cast<float>(v)),
                  static_cast<unsigned>(v.bits));
  } else if constexpr (std::is_same_v<T, bool>) {
    return v ? "true" : "false";
  } else if constexpr (std::is_signed_v<T>) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
  } else {
    std::snprintf(buf, sizeof buf, "%llu", static_cast<unsigned long long>(v));
  }
  return buf;
}

}  // namespace cupp::test::ufunc_ref
