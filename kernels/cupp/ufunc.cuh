// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The scalar device function behind every elementwise ufunc, with NumPy's semantics:
// cupp::ufn::<name>(x, ...) for each loop type where NumPy has a loop of that kind, and
// cupp::ufn::cast<To>(x) between every pair of element types. Generated kernels cast their operands
// to the loop type T and call one of these. docs/device_functions.md says where NumPy's semantics
// needed care, and where cupp differs.
#pragma once

#include <cupp/types.cuh>

namespace cupp::ufn {

// ---- type traits (no <type_traits> under NVRTC) ------------------------------------------------
namespace detail {

template <class T, class U>
struct is_same_t {
  static constexpr bool value = false;
};
template <class T>
struct is_same_t<T, T> {
  static constexpr bool value = true;
};
template <class T, class... U>
inline constexpr bool is_one_of = (is_same_t<T, U>::value || ...);

template <class T>
inline constexpr bool is_bool = is_one_of<T, bool>;
template <class T>
inline constexpr bool is_sint = is_one_of<T, signed char, short, int, long, long long>;
template <class T>
inline constexpr bool is_uint =
    is_one_of<T, unsigned char, unsigned short, unsigned int, unsigned long, unsigned long long>;
template <class T>
inline constexpr bool is_int = is_sint<T> || is_uint<T>;
template <class T>
inline constexpr bool is_float = is_one_of<T, float, double>;
template <class T>
inline constexpr bool is_complex = is_one_of<T, complex<float>, complex<double>>;
template <class T>
inline constexpr bool is_storage = is_one_of<T, half, bfloat16_t>;
// Kinds as NumPy's loops group them.
template <class T>
inline constexpr bool is_integral = is_bool<T> || is_int<T>;  // bitwise ops
template <class T>
inline constexpr bool is_real = is_integral<T> || is_float<T>;  // ordered
template <class T>
inline constexpr bool is_number = is_int<T> || is_float<T> || is_complex<T>;  // not bool
template <class T>
inline constexpr bool is_inexact = is_float<T> || is_complex<T>;
template <class T>
inline constexpr bool is_any = is_bool<T> || is_number<T>;

template <bool B>
struct enable_t {};
template <>
struct enable_t<true> {
  using type = int;
};
/// `template <class T, detail::enable<cond> = 0>`: the overload exists only where cond holds.
template <bool B>
using enable = typename enable_t<B>::type;

template <bool B, class T, class F>
struct conditional_t {
  using type = T;
};
template <class T, class F>
struct conditional_t<false, T, F> {
  using type = F;
};

template <class T>
struct real_of {
  using type = T;
};
template <class T>
struct real_of<complex<T>> {
  using type = T;
};
/// The real type of T: T itself, or the part type of a complex.
template <class T>
using real_t = typename real_of<T>::type;

template <class T>
struct unsigned_of {
  using type = T;
};
template <>
struct unsigned_of<signed char> {
  using type = unsigned char;
};
template <>
struct unsigned_of<short> {
  using type = unsigned short;
};
template <>
struct unsigned_of<int> {
  using type = unsigned int;
};
template <>
struct unsigned_of<long> {
  using type = unsigned long;
};
template <>
struct unsigned_of<long long> {
  using type = unsigned long long;
};
template <class T>
using unsigned_t = typename unsigned_of<T>::type;

// Integer arithmetic wraps modulo 2^N, as NumPy's does; signed overflow is undefined in C++, so
// it is done in an unsigned type at least as wide as int (narrower ones would promote to int).
template <class T>
using wide_unsigned_t = typename conditional_t<(sizeof(T) <= sizeof(unsigned int)), unsigned int,
                                               unsigned long long>::type;

template <class T>
__device__ __forceinline__ T wrap_add(T a, T b) {
  using W = wide_unsigned_t<T>;
  return static_cast<T>(static_cast<W>(a) + static_cast<W>(b));
}
template <class T>
__device__ __forceinline__ T wrap_sub(T a, T b) {
  using W = wide_unsigned_t<T>;
  return static_cast<T>(static_cast<W>(a) - static_cast<W>(b));
}
template <class T>
__device__ __forceinline__ T wrap_mul(T a, T b) {
  using W = wide_unsigned_t<T>;
  return static_cast<T>(static_cast<W>(a) * static_cast<W>(b));
}

// ---- the CUDA math library, overloaded on float and double -------------------------------------
// Always the full-accuracy functions (never the __expf-style intrinsics): their documented ULP
// bounds are what the tests hold the ufuncs to.
#define CUPP_UFN_LIBM1(name, f32, f64)                                \
  __device__ __forceinline__ float name(float x) { return ::f32(x); } \
  __device__ __forceinline__ double name(double x) { return ::f64(x); }
#define CUPP_UFN_LIBM2(name, f32, f64)                                            \
  __device__ __forceinline__ float name(float x, float y) { return ::f32(x, y); } \
  __device__ __forceinline__ double name(double x, double y) { return ::f64(x, y); }
CUPP_UFN_LIBM1(exp, expf, exp)
CUPP_UFN_LIBM1(exp2, exp2f, exp2)
CUPP_UFN_LIBM1(expm1, expm1f, expm1)
CUPP_UFN_LIBM1(log, logf, log)
CUPP_UFN_LIBM1(log2, log2f, log2)
CUPP_UFN_LIBM1(log10, log10f, log10)
CUPP_UFN_LIBM1(log1p, log1pf, log1p)
CUPP_UFN_LIBM1(sqrt, sqrtf, sqrt)
CUPP_UFN_LIBM1(cbrt, cbrtf, cbrt)
CUPP_UFN_LIBM1(sin, sinf, sin)
CUPP_UFN_LIBM1(cos, cosf, cos)
CUPP_UFN_LIBM1(tan, tanf, tan)
CUPP_UFN_LIBM1(asin, asinf, asin)
CUPP_UFN_LIBM1(acos, acosf, acos)
CUPP_UFN_LIBM1(atan, atanf, atan)
CUPP_UFN_LIBM1(sinh, sinhf, sinh)
CUPP_UFN_LIBM1(cosh, coshf, cosh)
CUPP_UFN_LIBM1(tanh, tanhf, tanh)
CUPP_UFN_LIBM1(asinh, asinhf, asinh)
CUPP_UFN_LIBM1(acosh, acoshf, acosh)
CUPP_UFN_LIBM1(atanh, atanhf, atanh)
CUPP_UFN_LIBM1(sinpi, sinpif, sinpi)
CUPP_UFN_LIBM1(floor, floorf, floor)
CUPP_UFN_LIBM1(ceil, ceilf, ceil)
CUPP_UFN_LIBM1(trunc, truncf, trunc)
CUPP_UFN_LIBM1(rint, rintf, rint)
CUPP_UFN_LIBM1(fabs, fabsf, fabs)
CUPP_UFN_LIBM2(atan2, atan2f, atan2)
// CUDA's hypot is within a few ulps, which near the largest finite value is enough to overflow
// (hypot(1, max) is inf on an H100). There the larger leg times sqrt(1 + r^2), r = small / large,
// rounds to the correct finite value instead (exactly the larger leg when r^2 is below eps).
__device__ __forceinline__ float hypot(float x, float y) {
  const float ax = fabsf(x), ay = fabsf(y), a = fmaxf(ax, ay);
  if (a > 0x1p126f && a <= 0x1.fffffep127f && !::isnan(x) && !::isnan(y)) {
    const float r = fminf(ax, ay) / a;
    return a * ::sqrtf(fmaf(r, r, 1.0f));
  }
  return ::hypotf(x, y);
}
__device__ __forceinline__ double hypot(double x, double y) {
  const double ax = ::fabs(x), ay = ::fabs(y), a = ::fmax(ax, ay);
  if (a > 0x1p1022 && a <= 0x1.fffffffffffffp1023 && !::isnan(x) && !::isnan(y)) {
    const double r = ::fmin(ax, ay) / a;
    return a * ::sqrt(::fma(r, r, 1.0));
  }
  return ::hypot(x, y);
}
CUPP_UFN_LIBM2(pow, powf, pow)
CUPP_UFN_LIBM2(fmod, fmodf, fmod)
CUPP_UFN_LIBM2(copysign, copysignf, copysign)
__device__ __forceinline__ float fma(float x, float y, float z) { return ::fmaf(x, y, z); }
__device__ __forceinline__ double fma(double x, double y, double z) { return ::fma(x, y, z); }
#undef CUPP_UFN_LIBM1
#undef CUPP_UFN_LIBM2

__device__ __forceinline__ float ldexp(float x, int e) { return ::ldexpf(x, e); }
__device__ __forceinline__ double ldexp(double x, int e) { return ::ldexp(x, e); }
__device__ __forceinline__ int ilogb(float x) { return ::ilogbf(x); }
__device__ __forceinline__ int ilogb(double x) { return ::ilogb(x); }
__device__ __forceinline__ void sincos(float x, float* s, float* c) { ::sincosf(x, s, c); }
__device__ __forceinline__ void sincos(double x, double* s, double* c) { ::sincos(x, s, c); }
__device__ __forceinline__ bool isnan(float x) { return ::isnan(x); }
__device__ __forceinline__ bool isnan(double x) { return ::isnan(x); }
__device__ __forceinline__ bool isinf(float x) { return ::isinf(x); }
__device__ __forceinline__ bool isinf(double x) { return ::isinf(x); }
__device__ __forceinline__ bool isfinite(float x) { return ::isfinite(x); }
__device__ __forceinline__ bool isfinite(double x) { return ::isfinite(x); }
__device__ __forceinline__ bool signbit(float x) { return ::signbit(x); }
__device__ __forceinline__ bool signbit(double x) { return ::signbit(x); }

// Products and sums that must not be fused (Note in cupp/types.cuh).
using cupp::detail::add_rn;
using cupp::detail::mul_rn;
using cupp::detail::sub_rn;

// ---- constants ---------------------------------------------------------------------------------
template <class T>
struct fp;
template <>
struct fp<float> {
  static constexpr float max = 0x1.fffffep127f;
  static constexpr float eps = 0x1p-23f;
  static constexpr float pi = 3.14159265358979323846f;
  static constexpr float pi_2 = 1.57079632679489661923f;
  static constexpr float ln2 = 0.693147180559945309417f;
  static constexpr float log2e = 1.44269504088896340736f;
  static constexpr float log10e = 0.434294481903251827651f;
  // exp(x) overflows above this; exp_times() takes over there.
  static constexpr float exp_overflow = 88.72f;
  static constexpr int exp_shift = 128;          // exp(x) = exp(x - exp_shift * ln2) * 2^exp_shift
  static constexpr float ln2_hi = 0x1.62e4p-1f;  // ln2 = ln2_hi + ln2_lo, k * ln2_hi exact
  static constexpr float ln2_lo = 0x1.7f7d1cp-20f;
  // |x| at which sinh(x) and cosh(x) are exp(|x|) / 2 to the last bit.
  static constexpr float hyperbolic_large = 9.0f;
  // Thresholds of the complex inverse functions (Hull et al., as FreeBSD's catrigf.c).
  static constexpr float recip_eps = 0x1p23f;
  static constexpr float sqrt_min = 0x1p-63f;
  static constexpr float four_sqrt_min = 0x1p-61f;
  static constexpr float sqrt_3_eps = 5.9801995673e-4f;
  static constexpr float sqrt_6_eps = 8.4572793338e-4f;
  // Below this, x^2 + y^2 may lose bits to underflow: clog and csqrt scale up first.
  static constexpr float tiny = 0x1p-60f;
  static constexpr int tiny_shift = 80;
};
template <>
struct fp<double> {
  static constexpr double max = 0x1.fffffffffffffp1023;
  static constexpr double eps = 0x1p-52;
  static constexpr double pi = 3.14159265358979323846;
  static constexpr double pi_2 = 1.57079632679489661923;
  static constexpr double ln2 = 0.693147180559945309417;
  static constexpr double log2e = 1.44269504088896340736;
  static constexpr double log10e = 0.434294481903251827651;
  static constexpr double exp_overflow = 709.78;
  static constexpr int exp_shift = 1024;
  static constexpr double ln2_hi = 0x1.62e42feep-1;
  static constexpr double ln2_lo = 0x1.a39ef35793c76p-33;
  static constexpr double hyperbolic_large = 22.0;
  static constexpr double recip_eps = 0x1p52;
  static constexpr double sqrt_min = 0x1p-511;
  static constexpr double four_sqrt_min = 0x1p-509;
  static constexpr double sqrt_3_eps = 2.5809568279517849e-8;
  static constexpr double sqrt_6_eps = 3.6500241499888571e-8;
  static constexpr double tiny = 0x1p-500;
  static constexpr int tiny_shift = 600;
};

template <class T>
__device__ __forceinline__ T inf();
template <>
__device__ __forceinline__ float inf<float>() {
  return __int_as_float(0x7f800000);
}
template <>
__device__ __forceinline__ double inf<double>() {
  return __longlong_as_double(0x7ff0000000000000ll);
}
template <class T>
__device__ __forceinline__ T nan();
template <>
__device__ __forceinline__ float nan<float>() {
  return __int_as_float(0x7fc00000);
}
template <>
__device__ __forceinline__ double nan<double>() {
  return __longlong_as_double(0x7ff8000000000000ll);
}

// ---- helpers for the complex functions ---------------------------------------------------------

/// exp(x) * t * 2^e without overflowing in exp(x) where the product is finite, as FreeBSD's
/// __ldexp_cexp; t is nonzero (the callers handle a zero factor first).
template <class T>
__device__ __forceinline__ T exp_times(T x, T t, int e = 0) {
  if (x < fp<T>::exp_overflow) return detail::ldexp(detail::exp(x) * t, e);
  // exp(x) = exp(x - k ln2) 2^k; ldexp is exact and saturates to inf where the result overflows.
  // ln2 in two parts keeps x - k ln2 exact to T's precision.
  constexpr int k = fp<T>::exp_shift;
  const T r = (x - static_cast<T>(k) * fp<T>::ln2_hi) - static_cast<T>(k) * fp<T>::ln2_lo;
  return detail::ldexp(detail::exp(r) * t, k + e);
}

/// The complex product of NumPy's multiply loops (and of numpy.square) on x86-64 with FMA:
/// (fma(a, c, -bd), fma(a, d, bc)). No Annex G recovery of infinities.
template <class T>
__device__ __forceinline__ complex<T> cmul_fma(complex<T> a, complex<T> b) {
  return complex<T>(detail::fma(a.real(), b.real(), -mul_rn(a.imag(), b.imag())),
                    detail::fma(a.real(), b.imag(), mul_rn(a.imag(), b.real())));
}

/// The textbook complex product, not fused (cupp::complex's operator*): NumPy's npy_cpow
/// multiplies this way.
template <class T>
__device__ __forceinline__ complex<T> cmul(complex<T> a, complex<T> b) {
  return a * b;
}

/// NumPy's complex quotient: Smith's algorithm, not fused (cupp::complex's operator/).
template <class T>
__device__ __forceinline__ complex<T> cdiv(complex<T> x, complex<T> y) {
  return x / y;
}

/// The C99 product (Annex G.5.1): infinities that the textbook formula turns into NaN + i NaN
/// are recovered. glibc's cpow multiplies this way, and NumPy's power falls back on cpow.
template <class T>
__device__ __forceinline__ complex<T> cmul_annex_g(complex<T> z, complex<T> w) {
  T a = z.real(), b = z.imag(), c = w.real(), d = w.imag();
  const T ac = mul_rn(a, c), bd = mul_rn(b, d), ad = mul_rn(a, d), bc = mul_rn(b, c);
  T x = sub_rn(ac, bd), y = add_rn(ad, bc);
  if (detail::isnan(x) && detail::isnan(y)) {
    bool recalc = false;
    const auto box = [](T v) { return detail::copysign(detail::isinf(v) ? T(1) : T(0), v); };
    const auto unnan = [](T v) { return detail::isnan(v) ? detail::copysign(T(0), v) : v; };
    if (detail::isinf(a) || detail::isinf(b)) {
      a = box(a);
      b = box(b);
      c = unnan(c);
      d = unnan(d);
      recalc = true;
    }
    if (detail::isinf(c) || detail::isinf(d)) {
      c = box(c);
      d = box(d);
      a = unnan(a);
      b = unnan(b);
      recalc = true;
    }
    if (!recalc &&
        (detail::isinf(ac) || detail::isinf(bd) || detail::isinf(ad) || detail::isinf(bc))) {
      a = unnan(a);
      b = unnan(b);
      c = unnan(c);
      d = unnan(d);
      recalc = true;
    }
    if (recalc) {
      x = inf<T>() * sub_rn(mul_rn(a, c), mul_rn(b, d));
      y = inf<T>() * add_rn(mul_rn(a, d), mul_rn(b, c));
    }
  }
  return complex<T>(x, y);
}

/// x^2 + y^2 - 1 to nearly full relative accuracy when |x + iy| is near 1 (exact products through
/// FMA, then compensated sums), for log|z| = log1p(x^2 + y^2 - 1) / 2 there.
template <class T>
__device__ __forceinline__ T x2y2m1(T x, T y) {
  const T x2 = mul_rn(x, x), ex = detail::fma(x, x, -x2);
  const T y2 = mul_rn(y, y), ey = detail::fma(y, y, -y2);
  // Two-sum of x2 and -1, then of that and y2 (Knuth); the error terms are summed at the end.
  const T s1 = sub_rn(x2, T(1));
  T v = sub_rn(s1, x2);
  const T e1 = add_rn(sub_rn(x2, sub_rn(s1, v)), sub_rn(T(-1), v));
  const T s2 = add_rn(s1, y2);
  v = sub_rn(s2, s1);
  const T e2 = add_rn(sub_rn(s1, sub_rn(s2, v)), sub_rn(y2, v));
  return s2 + (e1 + e2 + ex + ey);
}

/// log|x + iy| for finite x, y, not both zero: accurate near |z| = 1, free of overflow and of
/// the precision lost to subnormal squares.
template <class T>
__device__ __forceinline__ T log_abs(T x, T y) {
  T ax = detail::fabs(x), ay = detail::fabs(y);
  if (ax < ay) {
    const T t = ax;
    ax = ay;
    ay = t;
  }
  if (ax > fp<T>::max / 2) return detail::log(detail::hypot(ax * T(0.5), ay * T(0.5))) + fp<T>::ln2;
  if (ax < fp<T>::tiny) {
    constexpr int k = fp<T>::tiny_shift;
    return detail::log(detail::hypot(detail::ldexp(ax, k), detail::ldexp(ay, k))) -
           static_cast<T>(k) * fp<T>::ln2;
  }
  const T h = detail::hypot(ax, ay);
  if (h > T(0.7) && h < T(1.4)) {
    // log(h) has absolute error ~ eps there, and relative error eps / |log h|: go through
    // x^2 + y^2 - 1 instead.
    if constexpr (is_same_t<T, float>::value) {
      // In double, x^2 and x^2 - 1 are exact (x^2 is within [0.25, 2]), so only the final sum
      // rounds.
      const double xd = ax, yd = ay;
      return static_cast<float>(::log1p((xd * xd - 1.0) + yd * yd) * 0.5);
    } else {
      return detail::log1p(x2y2m1(ax, ay)) * T(0.5);
    }
  }
  return detail::log(h);
}

}  // namespace detail

// ---- conversion --------------------------------------------------------------------------------

namespace detail {
template <class To, class From>
__device__ __forceinline__ To float_to_int(From x) {
  // Note [Float to integer]: NumPy calls out-of-range conversions undefined. Here: NaN gives 0;
  // other values are truncated toward zero into 64 bits (PTX cvt.rzi, saturating at the int64
  // range) and then wrapped to the destination's width, as NumPy on x86-64 does for values in
  // range of int64 (-1.0 to uint8 is 255); uint64 takes [2^63, 2^64) directly.
  if (isnan(x)) return To(0);
  const long long i = is_same_t<From, float>::value ? __float2ll_rz(static_cast<float>(x))
                                                    : __double2ll_rz(static_cast<double>(x));
  if constexpr (sizeof(To) == 8 && is_uint<To>) {
    if (x >= From(0)) {
      return static_cast<To>(is_same_t<From, float>::value
                                 ? __float2ull_rz(static_cast<float>(x))
                                 : __double2ull_rz(static_cast<double>(x)));
    }
  }
  return static_cast<To>(i);
}

template <class To, class From>
__device__ __forceinline__ To to_storage(From x) {
  if constexpr (is_bool<From>) {
    return To(x ? 1.0f : 0.0f);
  } else if constexpr (is_sint<From>) {
    // Note [Narrowing to 16 bits]
    return To(cupp::detail::round_to_odd_float(static_cast<long long>(x)));
  } else if constexpr (is_uint<From>) {
    return To(cupp::detail::round_to_odd_float(static_cast<unsigned long long>(x)));
  } else {
    return To(x);  // float or double: one rounding, in the constructor
  }
}
}  // namespace detail

/// Converts between element types (loop types and the storage types half and bfloat16_t) as
/// numpy's astype: to bool is `x != 0` (a complex: either part); complex to real drops the
/// imaginary part; float to integer truncates toward zero (Note [Float to integer] for values out
/// of range); integer to float, and float to a narrower float, round to nearest even, once.
template <class To, class From,
          detail::enable<(detail::is_any<To> || detail::is_storage<To>)&&(
              detail::is_any<From> || detail::is_storage<From>)> = 0>
__device__ __forceinline__ To cast(From x) {
  using namespace detail;
  if constexpr (is_same_t<To, From>::value) {
    return x;
  } else if constexpr (is_complex<From>) {
    using R = real_t<From>;
    if constexpr (is_complex<To>) {
      using S = real_t<To>;
      return To(static_cast<S>(x.real()), static_cast<S>(x.imag()));
    } else if constexpr (is_bool<To>) {
      return x.real() != R(0) || x.imag() != R(0);
    } else {
      return cast<To>(x.real());
    }
  } else if constexpr (is_storage<From>) {
    return cast<To>(static_cast<float>(x));  // exact
  } else if constexpr (is_complex<To>) {
    using S = real_t<To>;
    return To(cast<S>(x), S(0));
  } else if constexpr (is_bool<To>) {
    return x != From(0);
  } else if constexpr (is_storage<To>) {
    return to_storage<To>(x);
  } else if constexpr (is_int<To> && is_float<From>) {
    return float_to_int<To>(x);
  } else {
    // Integers wrap modulo 2^N; integer to float and double to float round to nearest even.
    return static_cast<To>(x);
  }
}

// ---- arithmetic --------------------------------------------------------------------------------

/// numpy.add. bool: logical or. Integers wrap.
template <class T, detail::enable<detail::is_bool<T>> = 0>
__device__ __forceinline__ T add(T x, T y) {
  return x || y;
}
template <class T, detail::enable<detail::is_int<T>> = 0>
__device__ __forceinline__ T add(T x, T y) {
  return detail::wrap_add(x, y);
}
template <class T, detail::enable<detail::is_inexact<T>> = 0>
__device__ __forceinline__ T add(T x, T y) {
  return x + y;
}

/// numpy.subtract (NumPy has no boolean subtract). Integers wrap.
template <class T, detail::enable<detail::is_int<T>> = 0>
__device__ __forceinline__ T subtract(T x, T y) {
  return detail::wrap_sub(x, y);
}
template <class T, detail::enable<detail::is_inexact<T>> = 0>
__device__ __forceinline__ T subtract(T x, T y) {
  return x - y;
}

/// numpy.multiply. bool: logical and. Integers wrap. Complex: (ac - bd) + i(ad + bc), each
/// with one FMA as NumPy's SIMD loops on x86-64 compute it; no Annex G recovery of infinities.
template <class T, detail::enable<detail::is_bool<T>> = 0>
__device__ __forceinline__ T multiply(T x, T y) {
  return x && y;
}
template <class T, detail::enable<detail::is_int<T>> = 0>
__device__ __forceinline__ T multiply(T x, T y) {
  return detail::wrap_mul(x, y);
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T multiply(T x, T y) {
  return x * y;
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T multiply(T x, T y) {
  return detail::cmul_fma(x, y);
}

/// numpy.true_divide (numpy.divide) for floats and complex; integer operands are cast to float64
/// first, as NumPy's loops are chosen. Complex: Smith's algorithm, as NumPy.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T true_divide(T x, T y) {
  return x / y;
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T true_divide(T x, T y) {
  return detail::cdiv(x, y);
}

namespace detail {
/// NumPy's npy_divmod: Python's divmod for floats, from fmod. Returns the floored quotient and
/// stores the remainder, which takes the divisor's sign (a zero remainder included).
template <class T>
__device__ __forceinline__ T float_divmod(T a, T b, T* modulus) {
  T mod = detail::fmod(a, b);
  if (b == T(0)) {
    *modulus = mod;
    return a / b;
  }
  // a - mod is very nearly an integer multiple of b.
  T div = (a - mod) / b;
  if (mod != T(0)) {  // NaN included
    if ((b < T(0)) != (mod < T(0))) {
      mod += b;
      div -= T(1);
    }
  } else {
    mod = detail::copysign(T(0), b);
  }
  T floordiv;
  if (div != T(0)) {  // NaN included
    // Snap the quotient to the nearest integer.
    floordiv = detail::floor(div);
    if (div - floordiv > T(0.5)) floordiv += T(1);
  } else {
    floordiv = detail::copysign(T(0), a / b);
  }
  *modulus = mod;
  return floordiv;
}
}  // namespace detail

/// numpy.floor_divide. Integers: rounds toward minus infinity as Python; x // 0 is 0, and
/// INT_MIN // -1 wraps to INT_MIN, as NumPy (which also warns). Floats: NumPy's npy_floor_divide
/// (x // 0 is x / 0: +-inf, or nan for 0 // 0 and nan // 0).
template <class T, detail::enable<detail::is_sint<T>> = 0>
__device__ __forceinline__ T floor_divide(T x, T y) {
  if (y == 0) return 0;
  if (y == T(-1)) return detail::wrap_sub(T(0), x);  // INT_MIN // -1 wraps, not traps
  T q = x / y;
  if (((x > 0) != (y > 0)) && q * y != x) --q;
  return q;
}
template <class T, detail::enable<detail::is_uint<T>> = 0>
__device__ __forceinline__ T floor_divide(T x, T y) {
  return y == 0 ? T(0) : static_cast<T>(x / y);
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T floor_divide(T x, T y) {
  if (y == T(0)) return x / y;
  T mod;
  return detail::float_divmod(x, y, &mod);
}

/// numpy.remainder (numpy.mod): the result takes the divisor's sign, as Python's %. Integers:
/// x % 0 is 0. Floats: NumPy's npy_remainder (x % 0 is nan; a zero result has the divisor's
/// sign).
template <class T, detail::enable<detail::is_sint<T>> = 0>
__device__ __forceinline__ T remainder(T x, T y) {
  if (y == 0 || y == T(-1)) return 0;  // INT_MIN % -1 would trap
  const T r = static_cast<T>(x % y);
  return ((x > 0) == (y > 0) || r == 0) ? r : static_cast<T>(r + y);
}
template <class T, detail::enable<detail::is_uint<T>> = 0>
__device__ __forceinline__ T remainder(T x, T y) {
  return y == 0 ? T(0) : static_cast<T>(x % y);
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T remainder(T x, T y) {
  if (y == T(0)) return detail::fmod(x, y);
  T mod;
  detail::float_divmod(x, y, &mod);
  return mod;
}
/// numpy.mod: the same function as numpy.remainder.
template <class T, detail::enable<detail::is_int<T> || detail::is_float<T>> = 0>
__device__ __forceinline__ T mod(T x, T y) {
  return remainder(x, y);
}

/// numpy.fmod: the result takes the dividend's sign, as C's fmod. Integers: x % 0 is 0.
template <class T, detail::enable<detail::is_int<T>> = 0>
__device__ __forceinline__ T fmod(T x, T y) {
  if (y == 0) return 0;
  if constexpr (detail::is_sint<T>) {
    if (y == T(-1)) return 0;  // INT_MIN % -1 would trap
  }
  return static_cast<T>(x % y);
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T fmod(T x, T y) {
  return detail::fmod(x, y);
}

/// numpy.power. Integers: exact, by squaring, wrapping on overflow. A negative exponent of a
/// signed integer is NumPy's ValueError "Integers to negative integer powers are not allowed.";
/// a device function cannot raise, so it gives 0 here, and the host checks scalar exponents
/// before launching. Floats: C's pow. Complex: NumPy's npy_cpow (exact repeated multiplication
/// for integral exponents below 100, else exp(y log x) as C's cpow).
template <class T, detail::enable<detail::is_int<T>> = 0>
__device__ __forceinline__ T power(T x, T y) {
  if constexpr (detail::is_sint<T>) {
    if (y < 0) return 0;
  }
  using W = detail::wide_unsigned_t<T>;
  W base = static_cast<W>(x), out = 1;
  for (auto e = static_cast<detail::unsigned_t<T>>(y); e != 0; e >>= 1) {
    if (e & 1) out *= base;
    base *= base;
  }
  return static_cast<T>(out);
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T power(T x, T y) {
  return detail::pow(x, y);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T power(T x, T y);  // below, after exp and log

/// numpy.negative (NumPy 2 has no boolean negative). Integers wrap: -INT_MIN is INT_MIN, and
/// unsigned values wrap.
template <class T, detail::enable<detail::is_int<T>> = 0>
__device__ __forceinline__ T negative(T x) {
  return detail::wrap_sub(T(0), x);
}
template <class T, detail::enable<detail::is_inexact<T>> = 0>
__device__ __forceinline__ T negative(T x) {
  return -x;
}

/// numpy.positive: x.
template <class T, detail::enable<detail::is_number<T>> = 0>
__device__ __forceinline__ T positive(T x) {
  return x;
}

/// numpy.absolute. abs(INT_MIN) wraps to INT_MIN. Complex: hypot(re, im), of the real type
/// (inf when either part is infinite, even if the other is nan).
template <class T, detail::enable<detail::is_bool<T> || detail::is_uint<T>> = 0>
__device__ __forceinline__ T absolute(T x) {
  return x;
}
template <class T, detail::enable<detail::is_sint<T>> = 0>
__device__ __forceinline__ T absolute(T x) {
  return x < 0 ? detail::wrap_sub(T(0), x) : x;
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T absolute(T x) {
  return detail::fabs(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ detail::real_t<T> absolute(T x) {
  return detail::hypot(x.real(), x.imag());
}

/// numpy.reciprocal. Integers: 1 / x in integer arithmetic (1 for 1, -1 for -1, else 0), and 0
/// for x = 0, where NumPy converts 1.0 / 0 = inf to the integer type (0 for the narrow types,
/// INT_MIN for int32 and int64 on x86-64). Complex: NumPy's formula.
template <class T, detail::enable<detail::is_int<T>> = 0>
__device__ __forceinline__ T reciprocal(T x) {
  if (x == T(1)) return T(1);
  if constexpr (detail::is_sint<T>) {
    if (x == T(-1)) return T(-1);
  }
  return T(0);
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T reciprocal(T x) {
  return T(1) / x;
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T reciprocal(T z) {
  using R = detail::real_t<T>;
  using detail::add_rn;
  using detail::mul_rn;
  const R a = z.real(), b = z.imag();
  if (detail::fabs(b) <= detail::fabs(a)) {
    const R r = b / a;
    const R d = add_rn(a, mul_rn(b, r));
    return T(R(1) / d, -r / d);
  }
  const R r = a / b;
  const R d = add_rn(mul_rn(a, r), b);
  return T(r / d, R(-1) / d);
}

/// numpy.square. Integers wrap. Complex: multiply(z, z).
template <class T, detail::enable<detail::is_int<T>> = 0>
__device__ __forceinline__ T square(T x) {
  return detail::wrap_mul(x, x);
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T square(T x) {
  return x * x;
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T square(T x) {
  return detail::cmul_fma(x, x);
}

/// numpy.sign: -1, 0 or 1 (0 for -0.0; nan for nan). Complex (NumPy 2): z / |z|, 0 for 0, and
/// for an infinite z the unit in the direction of its infinite part (nan if both are infinite).
template <class T, detail::enable<detail::is_int<T>> = 0>
__device__ __forceinline__ T sign(T x) {
  if constexpr (detail::is_sint<T>) {
    return x > 0 ? T(1) : (x < 0 ? T(-1) : T(0));
  } else {
    return x > 0 ? T(1) : T(0);
  }
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T sign(T x) {
  return x > T(0) ? T(1) : (x < T(0) ? T(-1) : (x == T(0) ? T(0) : x));
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T sign(T z) {
  using R = detail::real_t<T>;
  const R re = z.real(), im = z.imag();
  const R a = detail::hypot(re, im);
  if (detail::isnan(a)) return T(detail::nan<R>(), detail::nan<R>());
  if (detail::isinf(a)) {
    if (detail::isinf(re)) {
      if (detail::isinf(im)) return T(detail::nan<R>(), detail::nan<R>());
      return T(re > 0 ? R(1) : R(-1), R(0));
    }
    return T(R(0), im > 0 ? R(1) : R(-1));
  }
  if (a == R(0)) return T(R(0), R(0));
  return T(re / a, im / a);
}

/// numpy.heaviside: 0 for x < 0, h0 for x == 0 (either zero), 1 for x > 0, nan for nan.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T heaviside(T x, T h0) {
  if (detail::isnan(x)) return detail::nan<T>();
  if (x == T(0)) return h0;
  return x < T(0) ? T(0) : T(1);
}

// ---- comparison and logic ----------------------------------------------------------------------
// Complex numbers are ordered lexicographically, as NumPy: by real part, then imaginary part; a
// nan in either imaginary part makes the real parts' strict order false.

namespace detail {
template <class T>
__device__ __forceinline__ bool truth(T x) {
  if constexpr (is_complex<T>) {
    return x.real() != 0 || x.imag() != 0;
  } else {
    return x != T(0);  // a nan is true
  }
}
template <class T>
__device__ __forceinline__ bool clt(T x, T y) {
  return (x.real() < y.real() && !isnan(x.imag()) && !isnan(y.imag())) ||
         (x.real() == y.real() && x.imag() < y.imag());
}
template <class T>
__device__ __forceinline__ bool cle(T x, T y) {
  return (x.real() < y.real() && !isnan(x.imag()) && !isnan(y.imag())) ||
         (x.real() == y.real() && x.imag() <= y.imag());
}
template <class T>
__device__ __forceinline__ bool cisnan(T x) {
  return isnan(x.real()) || isnan(x.imag());
}
}  // namespace detail

/// numpy.equal.
template <class T, detail::enable<detail::is_any<T>> = 0>
__device__ __forceinline__ bool equal(T x, T y) {
  return x == y;
}
/// numpy.not_equal.
template <class T, detail::enable<detail::is_any<T>> = 0>
__device__ __forceinline__ bool not_equal(T x, T y) {
  return x != y;
}
/// numpy.less.
template <class T, detail::enable<detail::is_real<T>> = 0>
__device__ __forceinline__ bool less(T x, T y) {
  return x < y;
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ bool less(T x, T y) {
  return detail::clt(x, y);
}
/// numpy.less_equal.
template <class T, detail::enable<detail::is_real<T>> = 0>
__device__ __forceinline__ bool less_equal(T x, T y) {
  return x <= y;
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ bool less_equal(T x, T y) {
  return detail::cle(x, y);
}
/// numpy.greater.
template <class T, detail::enable<detail::is_real<T>> = 0>
__device__ __forceinline__ bool greater(T x, T y) {
  return x > y;
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ bool greater(T x, T y) {
  return detail::clt(y, x);
}
/// numpy.greater_equal.
template <class T, detail::enable<detail::is_real<T>> = 0>
__device__ __forceinline__ bool greater_equal(T x, T y) {
  return x >= y;
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ bool greater_equal(T x, T y) {
  return detail::cle(y, x);
}

/// numpy.logical_and, logical_or, logical_xor, logical_not: on the truth of each value (nonzero;
/// a nan is true; a complex is true when either part is).
template <class T, detail::enable<detail::is_any<T>> = 0>
__device__ __forceinline__ bool logical_and(T x, T y) {
  return detail::truth(x) && detail::truth(y);
}
template <class T, detail::enable<detail::is_any<T>> = 0>
__device__ __forceinline__ bool logical_or(T x, T y) {
  return detail::truth(x) || detail::truth(y);
}
template <class T, detail::enable<detail::is_any<T>> = 0>
__device__ __forceinline__ bool logical_xor(T x, T y) {
  return detail::truth(x) != detail::truth(y);
}
template <class T, detail::enable<detail::is_any<T>> = 0>
__device__ __forceinline__ bool logical_not(T x) {
  return !detail::truth(x);
}

/// numpy.maximum: a nan in either argument is the result (the first if both). Where the two
/// compare equal (+0.0 and -0.0) the result is the second, as NumPy's loops give on x86-64.
template <class T, detail::enable<detail::is_bool<T>> = 0>
__device__ __forceinline__ T maximum(T x, T y) {
  return x || y;
}
template <class T, detail::enable<detail::is_int<T>> = 0>
__device__ __forceinline__ T maximum(T x, T y) {
  return x > y ? x : y;
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T maximum(T x, T y) {
  return (x > y || detail::isnan(x)) ? x : y;
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T maximum(T x, T y) {
  return (detail::cisnan(x) || detail::cle(y, x)) ? x : y;
}
/// numpy.minimum: as maximum.
template <class T, detail::enable<detail::is_bool<T>> = 0>
__device__ __forceinline__ T minimum(T x, T y) {
  return x && y;
}
template <class T, detail::enable<detail::is_int<T>> = 0>
__device__ __forceinline__ T minimum(T x, T y) {
  return x < y ? x : y;
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T minimum(T x, T y) {
  return (x < y || detail::isnan(x)) ? x : y;
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T minimum(T x, T y) {
  return (detail::cisnan(x) || detail::cle(x, y)) ? x : y;
}
/// numpy.fmax: a nan is ignored unless both are nan (then the first). Equal values: the second.
template <class T, detail::enable<detail::is_integral<T>> = 0>
__device__ __forceinline__ T fmax(T x, T y) {
  return maximum(x, y);
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T fmax(T x, T y) {
  return (x > y || detail::isnan(y)) ? x : y;
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T fmax(T x, T y) {
  return (detail::cisnan(y) || detail::cle(y, x)) ? x : y;
}
/// numpy.fmin: as fmax.
template <class T, detail::enable<detail::is_integral<T>> = 0>
__device__ __forceinline__ T fmin(T x, T y) {
  return minimum(x, y);
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T fmin(T x, T y) {
  return (x < y || detail::isnan(y)) ? x : y;
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T fmin(T x, T y) {
  return (detail::cisnan(y) || detail::cle(x, y)) ? x : y;
}

/// numpy.clip(x, lo, hi): minimum(maximum(x, lo), hi) as NumPy 2's clip loops compute it, so
/// lo > hi gives hi and a nan in x, lo or hi is the result (the first of them). Complex: NumPy's
/// clip orders by real part, then imaginary part, and a nan counts only in the first operand of
/// each step (x, then max(x, lo)), or where the real parts tie.
template <class T, detail::enable<detail::is_real<T>> = 0>
__device__ __forceinline__ T clip(T x, T lo, T hi) {
  return minimum(maximum(x, lo), hi);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T clip(T x, T lo, T hi) {
  const auto greater = [](T a, T b) {
    return a.real() == b.real() ? a.imag() > b.imag() : a.real() > b.real();
  };
  const T m = (detail::cisnan(x) || greater(x, lo)) ? x : lo;
  return (detail::cisnan(m) || greater(hi, m)) ? m : hi;
}

/// numpy.isnan, isinf, isfinite. bool and integers: false, false, true. Complex: isnan and isinf
/// when either part is; isfinite when both are.
template <class T, detail::enable<detail::is_integral<T>> = 0>
__device__ __forceinline__ bool isnan(T) {
  return false;
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ bool isnan(T x) {
  return detail::isnan(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ bool isnan(T x) {
  return detail::cisnan(x);
}
template <class T, detail::enable<detail::is_integral<T>> = 0>
__device__ __forceinline__ bool isinf(T) {
  return false;
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ bool isinf(T x) {
  return detail::isinf(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ bool isinf(T x) {
  return detail::isinf(x.real()) || detail::isinf(x.imag());
}
template <class T, detail::enable<detail::is_integral<T>> = 0>
__device__ __forceinline__ bool isfinite(T) {
  return true;
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ bool isfinite(T x) {
  return detail::isfinite(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ bool isfinite(T x) {
  return detail::isfinite(x.real()) && detail::isfinite(x.imag());
}

/// numpy.signbit: the sign bit (true for -0.0 and for a nan with its sign bit set). NumPy
/// computes bools and integers in a float loop; the sign is the same.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ bool signbit(T x) {
  return detail::signbit(x);
}
template <class T, detail::enable<detail::is_integral<T>> = 0>
__device__ __forceinline__ bool signbit(T x) {
  if constexpr (detail::is_sint<T>) {
    return x < T(0);
  } else {
    return false;
  }
}
/// numpy.copysign: |x| with the sign bit of y.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T copysign(T x, T y) {
  return detail::copysign(x, y);
}

// ---- bitwise -----------------------------------------------------------------------------------

/// numpy.bitwise_and, bitwise_or, bitwise_xor, invert; for bool they are the logical operations.
template <class T, detail::enable<detail::is_integral<T>> = 0>
__device__ __forceinline__ T bitwise_and(T x, T y) {
  return static_cast<T>(x & y);
}
template <class T, detail::enable<detail::is_integral<T>> = 0>
__device__ __forceinline__ T bitwise_or(T x, T y) {
  return static_cast<T>(x | y);
}
template <class T, detail::enable<detail::is_integral<T>> = 0>
__device__ __forceinline__ T bitwise_xor(T x, T y) {
  return static_cast<T>(x ^ y);
}
template <class T, detail::enable<detail::is_integral<T>> = 0>
__device__ __forceinline__ T invert(T x) {
  if constexpr (detail::is_bool<T>) {
    return !x;
  } else {
    return static_cast<T>(~x);
  }
}

/// numpy.left_shift: a count of the type's width or more, or a negative count (which NumPy reads
/// as a huge unsigned one), gives 0. Bits shifted out are lost (signed values wrap).
template <class T, detail::enable<detail::is_int<T>> = 0>
__device__ __forceinline__ T left_shift(T x, T y) {
  using U = detail::unsigned_t<T>;
  // A negative count, seen as unsigned, is one of these.
  if (static_cast<unsigned long long>(static_cast<U>(y)) >= sizeof(T) * 8u) return 0;
  using W = detail::wide_unsigned_t<T>;
  return static_cast<T>(static_cast<W>(x) << static_cast<int>(y));
}
/// numpy.right_shift: arithmetic for signed types; a count of the type's width or more, or a
/// negative count, gives 0, or -1 for a negative x.
template <class T, detail::enable<detail::is_int<T>> = 0>
__device__ __forceinline__ T right_shift(T x, T y) {
  using U = detail::unsigned_t<T>;
  if (static_cast<unsigned long long>(static_cast<U>(y)) >= sizeof(T) * 8u) {
    return (detail::is_sint<T> && x < T(0)) ? static_cast<T>(-1) : T(0);
  }
  return static_cast<T>(x >> static_cast<int>(y));
}

// ---- rounding ----------------------------------------------------------------------------------

/// numpy.floor, ceil, trunc, fix: floats round to an integral value (keeping -0.0 and the sign
/// of a result that rounds to zero); bool and integers are returned as they are (NumPy >= 2.1).
template <class T, detail::enable<detail::is_integral<T>> = 0>
__device__ __forceinline__ T floor(T x) {
  return x;
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T floor(T x) {
  return detail::floor(x);
}
template <class T, detail::enable<detail::is_integral<T>> = 0>
__device__ __forceinline__ T ceil(T x) {
  return x;
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T ceil(T x) {
  return detail::ceil(x);
}
template <class T, detail::enable<detail::is_integral<T>> = 0>
__device__ __forceinline__ T trunc(T x) {
  return x;
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T trunc(T x) {
  return detail::trunc(x);
}
template <class T, detail::enable<detail::is_integral<T>> = 0>
__device__ __forceinline__ T fix(T x) {
  return x;
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T fix(T x) {
  return detail::trunc(x);
}
/// numpy.rint: to the nearest integral value, halves to even. Complex: each part.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T rint(T x) {
  return detail::rint(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T rint(T x) {
  return T(detail::rint(x.real()), detail::rint(x.imag()));
}
/// numpy.round with decimals=0: rint for floats and each part of a complex; integers unchanged.
template <class T, detail::enable<detail::is_int<T>> = 0>
__device__ __forceinline__ T round(T x) {
  return x;
}
template <class T, detail::enable<detail::is_inexact<T>> = 0>
__device__ __forceinline__ T round(T x) {
  return rint(x);
}

// ---- real math ---------------------------------------------------------------------------------

#define CUPP_UFN_REAL1(name, libm)                            \
  template <class T, detail::enable<detail::is_float<T>> = 0> \
  __device__ __forceinline__ T name(T x) {                    \
    return detail::libm(x);                                   \
  }
/// numpy.cbrt (no complex loop in NumPy).
CUPP_UFN_REAL1(cbrt, cbrt)
#undef CUPP_UFN_REAL1

/// numpy.arctan2(y, x).
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T arctan2(T y, T x) {
  return detail::atan2(y, x);
}
/// numpy.hypot (inf if either is infinite, even with a nan).
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T hypot(T x, T y) {
  return detail::hypot(x, y);
}
/// numpy.logaddexp: log(exp(x) + exp(y)) without overflow, as NumPy's npy_logaddexp.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T logaddexp(T x, T y) {
  if (x == y) return x + detail::fp<T>::ln2;  // also equal infinities, without inf - inf
  const T d = x - y;
  if (d > T(0)) return x + detail::log1p(detail::exp(-d));
  if (d <= T(0)) return y + detail::log1p(detail::exp(d));
  return d;  // nan
}
/// numpy.logaddexp2: log2(2^x + 2^y), as NumPy's npy_logaddexp2.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T logaddexp2(T x, T y) {
  if (x == y) return x + T(1);
  const T d = x - y;
  if (d > T(0)) return x + detail::fp<T>::log2e * detail::log1p(detail::exp2(-d));
  if (d <= T(0)) return y + detail::fp<T>::log2e * detail::log1p(detail::exp2(d));
  return d;  // nan
}
/// numpy.degrees, numpy.rad2deg: x * (180 / pi), the factor rounded to T as NumPy's.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T rad2deg(T x) {
  constexpr T k = T(180) / detail::fp<T>::pi;
  return x * k;
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T degrees(T x) {
  return rad2deg(x);
}
/// numpy.radians, numpy.deg2rad: x * (pi / 180).
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T deg2rad(T x) {
  constexpr T k = detail::fp<T>::pi / T(180);
  return x * k;
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T radians(T x) {
  return deg2rad(x);
}
/// numpy.sinc: sin(pi x) / (pi x), 1 at 0. Through sinpi, so it is +0 at every nonzero integer,
/// however large (NumPy's sin(pi * x) leaves a residue of about 1e-17, or 1e-8 in float32, and
/// gives nan once pi * x overflows).
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T sinc(T x) {
  if (x == T(0)) return T(1);
  const T s = detail::sinpi(x);
  // The zero's sign would otherwise depend on which sign sinpi gives an integer.
  return s == T(0) ? T(0) : s / (detail::fp<T>::pi * x);
}

/// numpy.nan_to_num with its defaults: nan -> 0, +inf -> the largest finite value, -inf -> the
/// lowest. Complex: each part. bool and integers are returned as they are.
template <class T, detail::enable<detail::is_integral<T>> = 0>
__device__ __forceinline__ T nan_to_num(T x) {
  return x;
}
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T nan_to_num(T x) {
  if (detail::isnan(x)) return T(0);
  if (detail::isinf(x)) return x > T(0) ? detail::fp<T>::max : -detail::fp<T>::max;
  return x;
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T nan_to_num(T x) {
  return T(nan_to_num(x.real()), nan_to_num(x.imag()));
}

/// numpy.real and numpy.imag: the parts of a complex; a real x is its own real part, and its
/// imaginary part is 0 of its type (false for bool).
template <class T, detail::enable<detail::is_real<T>> = 0>
__device__ __forceinline__ T real(T x) {
  return x;
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ detail::real_t<T> real(T x) {
  return x.real();
}
template <class T, detail::enable<detail::is_real<T>> = 0>
__device__ __forceinline__ T imag(T) {
  return T(0);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ detail::real_t<T> imag(T x) {
  return x.imag();
}
/// numpy.conjugate (numpy.conj); real numbers are their own conjugate (NumPy has no bool loop).
template <class T, detail::enable<detail::is_int<T> || detail::is_float<T>> = 0>
__device__ __forceinline__ T conj(T x) {
  return x;
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T conj(T x) {
  return T(x.real(), -x.imag());
}
template <class T, detail::enable<detail::is_number<T>> = 0>
__device__ __forceinline__ T conjugate(T x) {
  return conj(x);
}
/// numpy.angle in radians: arctan2(imag, real), so pi for a negative real x (and for -0.0).
/// Returns the real type. (Integers are cast to float64 first, as numpy.angle does.)
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T angle(T x) {
  return detail::atan2(T(0), x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ detail::real_t<T> angle(T x) {
  return detail::atan2(x.imag(), x.real());
}

// ---- complex elementary functions --------------------------------------------------------------
// Note [Complex special values]: exp, log, sqrt, the trigonometric and hyperbolic functions and
// their inverses follow C99 Annex G as glibc implements it, which is what NumPy computes on
// Linux (npy_cexp and friends call the C library). The algorithms are FreeBSD msun's (s_cexp.c,
// s_csqrt.c, s_csinh.c, s_ccosh.c, s_ctanh.c, catrig.c: Hull et al.'s complex arcsine), with
// glibc's choice wherever Annex G leaves a sign unspecified. The functions NumPy defines itself
// (exp2, expm1, log2, log10, log1p, power) follow NumPy's formulas on top of these.

namespace detail {

template <class T>
__device__ complex<T> cexp(T x, T y) {
  if (y == T(0)) return complex<T>(detail::exp(x), y);  // nan + i0 included: the zero stays
  if (!isfinite(y)) {
    if (isinf(x) && x > T(0)) return complex<T>(x, y - y);
    if (isinf(x)) return complex<T>(T(0), detail::copysign(T(0), y));
    return complex<T>(nan<T>(), nan<T>());
  }
  T s, c;
  sincos(y, &s, &c);
  return complex<T>(exp_times(x, c), exp_times(x, s));
}

template <class T>
__device__ complex<T> clog(T x, T y) {
  if (isnan(x) || isnan(y)) {
    if (isinf(x) || isinf(y)) return complex<T>(inf<T>(), nan<T>());
    return complex<T>(nan<T>(), nan<T>());
  }
  if (isinf(x) || isinf(y)) return complex<T>(inf<T>(), atan2(y, x));
  if (x == T(0) && y == T(0)) return complex<T>(-inf<T>(), atan2(y, x));
  return complex<T>(log_abs(x, y), atan2(y, x));
}

template <class T>
__device__ complex<T> csqrt(T a, T b) {
  if (a == T(0) && b == T(0)) return complex<T>(T(0), b);
  if (isinf(b)) return complex<T>(inf<T>(), b);
  if (isnan(a)) return complex<T>(nan<T>(), nan<T>());
  if (isinf(a)) {
    // sqrt(-inf + iy) = 0 + i inf; sqrt(inf + iy) = inf + i0; a nan y stays nan in the other part.
    if (a < T(0)) return complex<T>(isnan(b) ? nan<T>() : T(0), copysign(inf<T>(), b));
    return complex<T>(a, isnan(b) ? nan<T>() : copysign(T(0), b));
  }
  if (isnan(b)) return complex<T>(nan<T>(), nan<T>());
  // Algorithm 312, CACM vol 10, Oct 1967, scaled away from overflow and from subnormals.
  T scale = T(1);
  if (fabs(a) >= fp<T>::max / 4 || fabs(b) >= fp<T>::max / 4) {
    a *= T(0.25);
    b *= T(0.25);
    scale = T(2);
  } else if (fabs(a) < fp<T>::tiny && fabs(b) < fp<T>::tiny) {
    constexpr int k = fp<T>::tiny_shift;  // even, so that the root scales by 2^(-k/2)
    a = ldexp(a, k);
    b = ldexp(b, k);
    scale = ldexp(T(1), -k / 2);
  }
  T re, im;
  if (a >= T(0)) {
    const T t = sqrt((a + hypot(a, b)) * T(0.5));
    re = t;
    im = b / (T(2) * t);
  } else {
    const T t = sqrt((-a + hypot(a, b)) * T(0.5));
    re = fabs(b) / (T(2) * t);
    im = copysign(t, b);
  }
  return complex<T>(re * scale, im * scale);
}

template <class T>
__device__ complex<T> csinh(T x, T y) {
  if (isfinite(x) && isfinite(y)) {
    if (y == T(0)) return complex<T>(sinh(x), y);
    T s, c;
    sincos(y, &s, &c);
    if (fabs(x) < fp<T>::hyperbolic_large) return complex<T>(sinh(x) * c, cosh(x) * s);
    // cosh(x) = |sinh(x)| = exp(|x|) / 2 here; the factors go in before any scaling by 2^k.
    return complex<T>(copysign(T(1), x) * exp_times(fabs(x), c, -1), exp_times(fabs(x), s, -1));
  }
  if (x == T(0)) return complex<T>(x, y - y);              // y is inf or nan
  if (y == T(0)) return complex<T>(x + x, y);              // x is inf or nan
  if (isfinite(x)) return complex<T>(nan<T>(), nan<T>());  // y is inf or nan
  if (isinf(x)) {
    if (!isfinite(y)) return complex<T>(inf<T>(), nan<T>());  // glibc: +inf, whatever x's sign
    T s, c;
    sincos(y, &s, &c);
    return complex<T>(x * c, inf<T>() * s);
  }
  return complex<T>(nan<T>(), nan<T>());
}

template <class T>
__device__ complex<T> ccosh(T x, T y) {
  if (isfinite(x) && isfinite(y)) {
    if (y == T(0)) return complex<T>(cosh(x), x * y);
    T s, c;
    sincos(y, &s, &c);
    if (fabs(x) < fp<T>::hyperbolic_large) return complex<T>(cosh(x) * c, sinh(x) * s);
    return complex<T>(exp_times(fabs(x), c, -1), copysign(T(1), x) * exp_times(fabs(x), s, -1));
  }
  if (isfinite(x)) return complex<T>(nan<T>(), x == T(0) ? T(0) : nan<T>());  // y inf or nan
  if (isnan(x)) return complex<T>(nan<T>(), y == T(0) ? y : nan<T>());
  // x is +-inf.
  if (y == T(0)) return complex<T>(inf<T>(), y * copysign(T(1), x));
  if (!isfinite(y)) return complex<T>(inf<T>(), nan<T>());
  T s, c;
  sincos(y, &s, &c);
  return complex<T>(inf<T>() * c, x * s);
}

template <class T>
__device__ complex<T> ctanh(T x, T y) {
  if (isnan(x)) return complex<T>(x, y == T(0) ? y : x);
  if (isinf(x)) {
    // +-1 + i0 with the sign of sin(2y); glibc takes y's own sign where |y| <= 1 or y is not
    // finite.
    T z = y;
    if (isfinite(y) && fabs(y) > T(1)) {
      T s, c;
      sincos(y, &s, &c);
      z = s * c;
    }
    return complex<T>(copysign(T(1), x), copysign(T(0), z));
  }
  if (!isfinite(y)) return complex<T>(x == T(0) ? x : nan<T>(), nan<T>());
  if (fabs(x) >= fp<T>::hyperbolic_large) {
    // tanh(x + iy) = +-1 + i 4 sin(y) cos(y) exp(-2|x|), without overflowing sinh^2(x).
    const T e = exp(-fabs(x));
    T s, c;
    sincos(y, &s, &c);
    return complex<T>(copysign(T(1), x), T(4) * s * c * e * e);
  }
  // Kahan's algorithm.
  const T t = tan(y);
  const T beta = T(1) + t * t;  // 1 / cos^2(y)
  const T s = sinh(x);
  const T rho = sqrt(T(1) + s * s);  // cosh(x)
  const T denom = T(1) + beta * s * s;
  return complex<T>((beta * rho * s) / denom, t / denom);
}

// Hull et al.'s algorithm for the complex arcsine and arccosine, as FreeBSD's catrig.c.
template <class T>
__device__ __forceinline__ T catrig_f(T a, T b, T hypot_a_b) {  // (hypot(a, b) - b) / 2
  if (b < T(0)) return (hypot_a_b - b) / T(2);
  if (b == T(0)) return a / T(2);
  return a * a / (hypot_a_b + b) / T(2);
}

template <class T>
__device__ void catrig_hard_work(T x, T y, T* rx, bool* b_is_usable, T* b_out, T* sqrt_a2my2,
                                 T* new_y) {
  constexpr T eps = fp<T>::eps;
  const T r = hypot(x, y + T(1));  // |z + i|
  const T s = hypot(x, y - T(1));  // |z - i|
  T a = (r + s) / T(2);            // >= 1 mathematically; rounding may say otherwise
  if (a < T(1)) a = T(1);
  if (a < T(10)) {
    if (y == T(1) && x < eps * eps / T(128)) {
      *rx = sqrt(x);
    } else if (x >= eps * fabs(y - T(1))) {
      const T am1 = catrig_f(x, T(1) + y, r) + catrig_f(x, T(1) - y, s);
      *rx = log1p(am1 + sqrt(am1 * (a + T(1))));
    } else if (y < T(1)) {
      *rx = x / sqrt((T(1) - y) * (T(1) + y));
    } else {
      *rx = log1p((y - T(1)) + sqrt((y - T(1)) * (y + T(1))));
    }
  } else {
    *rx = log(a + sqrt(a * a - T(1)));
  }
  *new_y = y;
  if (y < fp<T>::four_sqrt_min) {
    // y / a could underflow: let atan2 take it from here.
    *b_is_usable = false;
    *sqrt_a2my2 = a * (T(2) / eps);
    *new_y = y * (T(2) / eps);
    return;
  }
  *b_out = y / a;  // (|z + i| - |z - i|) / 2
  *b_is_usable = true;
  if (*b_out > T(0.6417)) {
    *b_is_usable = false;
    if (y == T(1) && x < eps / T(128)) {
      *sqrt_a2my2 = sqrt(x) * sqrt((a + y) / T(2));
    } else if (x >= eps * fabs(y - T(1))) {
      const T amy = catrig_f(x, y + T(1), r) + catrig_f(x, y - T(1), s);
      *sqrt_a2my2 = sqrt(amy * (a + y));
    } else if (y > T(1)) {
      *sqrt_a2my2 = x * (T(4) / eps / eps) * y / sqrt((y + T(1)) * (y - T(1)));
      *new_y = y * (T(4) / eps / eps);
    } else {
      *sqrt_a2my2 = sqrt((T(1) - y) * (T(1) + y));
    }
  }
}

/// log(z) for |z| too large for the squares in log_abs's fast path; used with z nonzero finite.
template <class T>
__device__ __forceinline__ complex<T> clog_large(T x, T y) {
  return complex<T>(log_abs(x, y), atan2(y, x));
}

template <class T>
__device__ complex<T> casinh(T x, T y) {
  if (isnan(x) || isnan(y)) {
    if (isinf(x)) return complex<T>(x, y + y);
    if (isinf(y)) return complex<T>(copysign(inf<T>(), x), x + x);  // glibc: the sign of x
    if (y == T(0)) return complex<T>(x + x, y);
    return complex<T>(nan<T>(), nan<T>());
  }
  const T ax = fabs(x), ay = fabs(y);
  if (ax > fp<T>::recip_eps || ay > fp<T>::recip_eps) {
    // asinh(z) = log(2z) + O(1/z^2) for large |z|.
    const complex<T> w = signbit(x) ? clog_large(-x, -y) : clog_large(x, y);
    return complex<T>(copysign(w.real() + fp<T>::ln2, x), copysign(w.imag(), y));
  }
  if (x == T(0) && y == T(0)) return complex<T>(x, y);
  if (ax < fp<T>::sqrt_6_eps / 4 && ay < fp<T>::sqrt_6_eps / 4) return complex<T>(x, y);
  T rx, ry, b, sqrt_a2my2, new_y;
  bool b_is_usable;
  catrig_hard_work(ax, ay, &rx, &b_is_usable, &b, &sqrt_a2my2, &new_y);
  ry = b_is_usable ? asin(b) : atan2(new_y, sqrt_a2my2);
  return complex<T>(copysign(rx, x), copysign(ry, y));
}

template <class T>
__device__ complex<T> cacos(T x, T y) {
  const bool sx = signbit(x), sy = signbit(y);
  if (isnan(x) || isnan(y)) {
    if (isinf(x)) return complex<T>(nan<T>(), -inf<T>());
    if (isinf(y)) return complex<T>(nan<T>(), -y);
    if (x == T(0)) return complex<T>(fp<T>::pi_2, nan<T>());
    return complex<T>(nan<T>(), nan<T>());
  }
  const T ax = fabs(x), ay = fabs(y);
  if (ax > fp<T>::recip_eps || ay > fp<T>::recip_eps) {
    const complex<T> w = clog_large(x, y);
    const T rx = fabs(w.imag());
    const T ry = w.real() + fp<T>::ln2;
    return complex<T>(rx, sy ? ry : -ry);
  }
  if (x == T(1) && y == T(0)) return complex<T>(T(0), -y);
  if (ax < fp<T>::sqrt_6_eps / 4 && ay < fp<T>::sqrt_6_eps / 4) {
    return complex<T>(fp<T>::pi_2 - x, -y);
  }
  T rx, ry, b, sqrt_a2mx2, new_x;
  bool b_is_usable;
  catrig_hard_work(ay, ax, &ry, &b_is_usable, &b, &sqrt_a2mx2, &new_x);
  if (b_is_usable) {
    rx = sx ? acos(-b) : acos(b);
  } else {
    rx = sx ? atan2(sqrt_a2mx2, -new_x) : atan2(sqrt_a2mx2, new_x);
  }
  return complex<T>(rx, sy ? ry : -ry);
}

template <class T>
__device__ complex<T> cacosh(T x, T y) {
  if (x == T(0) && isnan(y)) return complex<T>(nan<T>(), fp<T>::pi_2);  // glibc's choice
  const complex<T> w = cacos(x, y);
  const T rx = w.real(), ry = w.imag();
  if (isnan(rx) && isnan(ry)) return complex<T>(ry, rx);
  if (isnan(rx)) return complex<T>(fabs(ry), rx);
  if (isnan(ry)) return complex<T>(ry, ry);
  return complex<T>(fabs(ry), copysign(rx, y));
}

/// Re(1 / (x + iy)) without spurious overflow or underflow, for |z| > 1 / eps.
template <class T>
__device__ __forceinline__ T real_part_reciprocal(T x, T y) {
  if (isinf(x)) return T(1) / x;
  if (isinf(y)) return copysign(T(0), x);
  // Scale by a power of two near 1 / max(|x|, |y|), so that neither the squares nor the
  // quotient overflow or underflow spuriously.
  const int e = ilogb(fabs(x) > fabs(y) ? x : y);
  const T sx = ldexp(x, -e), sy = ldexp(y, -e);
  return ldexp(sx / (sx * sx + sy * sy), -e);
}

template <class T>
__device__ complex<T> catanh(T x, T y) {
  const T ax = fabs(x), ay = fabs(y);
  if (y == T(0) && ax <= T(1)) return complex<T>(atanh(x), y);
  if (x == T(0)) return complex<T>(x, atan(y));
  if (isnan(x) || isnan(y)) {
    if (isinf(x)) return complex<T>(copysign(T(0), x), y + y);
    if (isinf(y)) return complex<T>(copysign(T(0), x), copysign(fp<T>::pi_2, y));
    return complex<T>(nan<T>(), nan<T>());
  }
  if (ax > fp<T>::recip_eps || ay > fp<T>::recip_eps) {
    return complex<T>(real_part_reciprocal(x, y), copysign(fp<T>::pi_2, y));
  }
  if (ax < fp<T>::sqrt_3_eps / 2 && ay < fp<T>::sqrt_3_eps / 2) return complex<T>(x, y);
  T rx, ry;
  if (ax == T(1) && ay < fp<T>::eps) {
    rx = (fp<T>::ln2 - log(ay)) / T(2);
  } else {
    const T d = ax - T(1);
    const T sum_squares = ay < fp<T>::sqrt_min ? d * d : d * d + ay * ay;
    rx = log1p(T(4) * ax / sum_squares) / T(4);
  }
  if (ax == T(1)) {
    ry = atan2(T(2), -ay) / T(2);
  } else if (ay < fp<T>::eps) {
    ry = atan2(T(2) * ay, (T(1) - ax) * (T(1) + ax)) / T(2);
  } else {
    ry = atan2(T(2) * ay, (T(1) - ax) * (T(1) + ax) - ay * ay) / T(2);
  }
  return complex<T>(copysign(rx, x), copysign(ry, y));
}

}  // namespace detail

/// numpy.exp. Complex: Annex G (Note [Complex special values]).
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T exp(T x) {
  return detail::exp(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T exp(T z) {
  return detail::cexp(z.real(), z.imag());
}
/// numpy.exp2. Complex: exp(z ln 2), as NumPy.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T exp2(T x) {
  return detail::exp2(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T exp2(T z) {
  using R = detail::real_t<T>;
  return detail::cexp(z.real() * detail::fp<R>::ln2, z.imag() * detail::fp<R>::ln2);
}
/// numpy.expm1. Complex: NumPy's formula, (expm1(x) cos(y) - 2 sin^2(y / 2)) + i exp(x) sin(y).
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T expm1(T x) {
  return detail::expm1(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T expm1(T z) {
  using R = detail::real_t<T>;
  const R x = z.real(), y = z.imag();
  const R a = detail::sin(y / R(2));
  return T(detail::expm1(x) * detail::cos(y) - R(2) * a * a, detail::exp(x) * detail::sin(y));
}
/// numpy.log. Complex: Annex G; log(0) is -inf + i arg.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T log(T x) {
  return detail::log(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T log(T z) {
  return detail::clog(z.real(), z.imag());
}
/// numpy.log2. Complex: log(z) * log2(e), as NumPy.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T log2(T x) {
  return detail::log2(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T log2(T z) {
  using R = detail::real_t<T>;
  const T w = detail::clog(z.real(), z.imag());
  return T(w.real() * detail::fp<R>::log2e, w.imag() * detail::fp<R>::log2e);
}
/// numpy.log10. Complex: log(z) * log10(e), as NumPy.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T log10(T x) {
  return detail::log10(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T log10(T z) {
  using R = detail::real_t<T>;
  const T w = detail::clog(z.real(), z.imag());
  return T(w.real() * detail::fp<R>::log10e, w.imag() * detail::fp<R>::log10e);
}
/// numpy.log1p. Complex: log|1 + z| + i arg(1 + z), with |1 + z| taken through x^2 + 2x + y^2
/// near the circle |1 + z| = 1, as NumPy's newer log1p_complex does (NumPy 2.4's formula,
/// log(hypot(x + 1, y)), loses every digit for tiny z), and without the overflow of hypot for
/// |z| near the largest finite value; special values as NumPy 2.4.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T log1p(T x) {
  return detail::log1p(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T log1p(T z) {
  using R = detail::real_t<T>;
  const R x = z.real(), y = z.imag();
  if (detail::isnan(x) || detail::isnan(y)) {
    // As NumPy 2.4's formula gives: log(hypot(inf, nan)) is inf.
    const R re = (detail::isinf(x) || detail::isinf(y)) ? detail::inf<R>() : detail::nan<R>();
    return T(re, detail::nan<R>());
  }
  const R xp1 = x + R(1);
  R lnr;
  if (x > R(-2.2) && x < R(0.2) && y > R(-1.2) && y < R(1.2) &&
      detail::fabs(x * (R(2) + x) + y * y) < R(0.4)) {
    // log|1 + z| = log1p(x^2 + 2x + y^2) / 2, the argument with more precision than R.
    if constexpr (detail::is_same_t<R, float>::value) {
      const double xd = x, yd = y;
      lnr = static_cast<float>(::log1p(xd * (2.0 + xd) + yd * yd) * 0.5);
    } else {
      // x^2 + 2x + y^2 = (x + 1)^2 + y^2 - 1 exactly when x + 1 is exact; otherwise sum the
      // exact products and 2x (exact) with compensation.
      const R x2 = detail::mul_rn(x, x), ex = detail::fma(x, x, -x2);
      const R y2 = detail::mul_rn(y, y), ey = detail::fma(y, y, -y2);
      const R s1 = detail::add_rn(R(2) * x, x2);
      R v = detail::sub_rn(s1, R(2) * x);
      const R e1 =
          detail::add_rn(detail::sub_rn(R(2) * x, detail::sub_rn(s1, v)), detail::sub_rn(x2, v));
      const R s2 = detail::add_rn(s1, y2);
      v = detail::sub_rn(s2, s1);
      const R e2 = detail::add_rn(detail::sub_rn(s1, detail::sub_rn(s2, v)), detail::sub_rn(y2, v));
      lnr = detail::log1p(s2 + (e1 + e2 + ex + ey)) * R(0.5);
    }
  } else {
    lnr = xp1 == R(0) && y == R(0) ? -detail::inf<R>() : detail::log_abs(xp1, y);
  }
  return T(lnr, detail::atan2(y, xp1));
}
/// numpy.sqrt. Complex: Annex G, the branch cut on the negative real axis (sqrt(-1 - 0i) = -i).
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T sqrt(T x) {
  return detail::sqrt(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T sqrt(T z) {
  return detail::csqrt(z.real(), z.imag());
}
/// numpy.sin. Complex: sin(z) = -i sinh(iz).
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T sin(T x) {
  return detail::sin(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T sin(T z) {
  using R = detail::real_t<T>;
  // glibc's csin picks +inf here, where Annex G leaves the sign open (its csinh picks the other).
  if (detail::isinf(z.imag()) && !detail::isfinite(z.real())) {
    return T(detail::nan<R>(), detail::inf<R>());
  }
  const T w = detail::csinh(-z.imag(), z.real());
  return T(w.imag(), -w.real());
}
/// numpy.cos. Complex: cos(z) = cosh(iz).
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T cos(T x) {
  return detail::cos(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T cos(T z) {
  return detail::ccosh(-z.imag(), z.real());
}
/// numpy.tan. Complex: tan(z) = -i tanh(iz).
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T tan(T x) {
  return detail::tan(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T tan(T z) {
  const T w = detail::ctanh(-z.imag(), z.real());
  return T(w.imag(), -w.real());
}
/// numpy.arcsin. Complex: asin(z) = -i asinh(iz), computed as FreeBSD's casin.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T arcsin(T x) {
  return detail::asin(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T arcsin(T z) {
  const T w = detail::casinh(z.imag(), z.real());
  return T(w.imag(), w.real());
}
/// numpy.arccos.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T arccos(T x) {
  return detail::acos(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T arccos(T z) {
  return detail::cacos(z.real(), z.imag());
}
/// numpy.arctan. Complex: atan(z) = -i atanh(iz).
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T arctan(T x) {
  return detail::atan(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T arctan(T z) {
  const T w = detail::catanh(z.imag(), z.real());
  return T(w.imag(), w.real());
}
/// numpy.sinh.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T sinh(T x) {
  return detail::sinh(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T sinh(T z) {
  return detail::csinh(z.real(), z.imag());
}
/// numpy.cosh.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T cosh(T x) {
  return detail::cosh(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T cosh(T z) {
  return detail::ccosh(z.real(), z.imag());
}
/// numpy.tanh.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T tanh(T x) {
  return detail::tanh(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T tanh(T z) {
  return detail::ctanh(z.real(), z.imag());
}
/// numpy.arcsinh.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T arcsinh(T x) {
  return detail::asinh(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T arcsinh(T z) {
  return detail::casinh(z.real(), z.imag());
}
/// numpy.arccosh.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T arccosh(T x) {
  return detail::acosh(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T arccosh(T z) {
  return detail::cacosh(z.real(), z.imag());
}
/// numpy.arctanh.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T arctanh(T x) {
  return detail::atanh(x);
}
template <class T, detail::enable<detail::is_complex<T>> = 0>
__device__ __forceinline__ T arctanh(T z) {
  return detail::catanh(z.real(), z.imag());
}

template <class T, detail::enable<detail::is_complex<T>>>
__device__ __forceinline__ T power(T a, T b) {
  using R = detail::real_t<T>;
  const R ar = a.real(), ai = a.imag(), br = b.real(), bi = b.imag();
  if (br == R(0) && bi == R(0)) return T(R(1), R(0));
  if (ar == R(0) && ai == R(0)) {
    // 0^b: 0 for Re(b) > 0, else nan (NumPy also warns "invalid value").
    if (br > R(0)) return T(R(0), R(0));
    return T(detail::nan<R>(), detail::nan<R>());
  }
  if (bi == R(0) && br == detail::trunc(br) && detail::fabs(br) < R(100)) {
    // Integral exponent: repeated multiplication, which handles infinities better.
    const int n = static_cast<int>(br);
    if (n == 1) return a;
    if (n == 2) return detail::cmul(a, a);
    if (n == 3) return detail::cmul(a, detail::cmul(a, a));
    int m = n < 0 ? -n : n;
    T acc(R(1), R(0)), p = a;
    for (;;) {
      if (m & 1) acc = detail::cmul(acc, p);
      m >>= 1;
      if (m == 0) break;
      p = detail::cmul(p, p);
    }
    return n < 0 ? detail::cdiv(T(R(1), R(0)), acc) : acc;
  }
  // C's cpow: exp(b log a), with C99's product.
  const T l = detail::clog(ar, ai);
  const T w = detail::cmul_annex_g(b, l);
  return detail::cexp(w.real(), w.imag());
}

// ---- number theory, floating-point representation ----------------------------------------------

namespace detail {
/// |x| in 64 bits, exact for the most negative value.
template <class T>
__device__ __forceinline__ unsigned long long magnitude(T x) {
  const auto u = static_cast<unsigned long long>(x);
  if constexpr (is_sint<T>) {
    return x < T(0) ? 0ull - u : u;
  } else {
    return u;
  }
}
__device__ __forceinline__ unsigned long long gcd_wide(unsigned long long a, unsigned long long b) {
  while (b != 0) {
    const unsigned long long t = a % b;
    a = b;
    b = t;
  }
  return a;
}
__device__ __forceinline__ float nextafter(float x, float y) { return ::nextafterf(x, y); }
__device__ __forceinline__ double nextafter(double x, double y) { return ::nextafter(x, y); }
__device__ __forceinline__ float frexp(float x, int* e) { return ::frexpf(x, e); }
__device__ __forceinline__ double frexp(double x, int* e) { return ::frexp(x, e); }

/// nextafter of 16-bit storage S computed on its value in float: one step of S's bits away
/// from zero or towards it. Equal inputs give x for float16 (NumPy's npy_half_nextafter), y for
/// bfloat16 (ml_dtypes'); from a zero, the smallest subnormal with y's sign.
template <class S>
__device__ __forceinline__ float nextafter_storage(float x, float y) {
  if (::isnan(x) || ::isnan(y)) return nan<float>();
  if (x == y) return is_same_t<S, half>::value ? x : y;
  unsigned short b;
  if (x == 0.0f) {
    b = static_cast<unsigned short>((y < 0.0f ? 0x8000u : 0u) | 1u);
  } else {
    b = S(x).bits;
    b = static_cast<unsigned short>(((x < y) == (x > 0.0f)) ? b + 1u : b - 1u);
  }
  return static_cast<float>(S::from_bits(b));
}

/// NumPy's npy_half_spacing, bit for bit: the distance from |h| to the next float16 of greater
/// magnitude, positive whatever h's sign (below |h| at a negative power of two); nan for inf and
/// nan, inf for the largest finite value.
__device__ __forceinline__ float half_spacing(float x) {
  const unsigned short h = half(x).bits;
  const unsigned h_exp = h & 0x7c00u, h_sig = h & 0x03ffu;
  unsigned r;
  if (h_exp == 0x7c00u) {
    return nan<float>();
  } else if (h == 0x7bffu) {
    return inf<float>();
  } else if ((h & 0x8000u) && h_sig == 0) {
    if (h_exp > 0x2c00u) {
      r = h_exp - 0x2c00u;
    } else if (h_exp > 0x0400u) {
      r = 1u << ((h_exp >> 10) - 2);
    } else {
      r = 1u;
    }
  } else if (h_exp > 0x2800u) {
    r = h_exp - 0x2800u;
  } else if (h_exp > 0x0400u) {
    r = 1u << ((h_exp >> 10) - 1);
  } else {
    r = 1u;
  }
  return static_cast<float>(half::from_bits(static_cast<unsigned short>(r)));
}
}  // namespace detail

/// numpy.gcd: the greatest common divisor of |x| and |y| (gcd(0, 0) is 0), computed on the
/// magnitudes in 64 bits and wrapped to T as NumPy's is (gcd(INT_MIN, 0) is INT_MIN).
template <class T, detail::enable<detail::is_int<T>> = 0>
__device__ __forceinline__ T gcd(T x, T y) {
  return static_cast<T>(detail::gcd_wide(detail::magnitude(x), detail::magnitude(y)));
}
/// numpy.lcm: |x| / gcd(x, y) * |y|, 0 when either is 0; overflow wraps.
template <class T, detail::enable<detail::is_int<T>> = 0>
__device__ __forceinline__ T lcm(T x, T y) {
  const unsigned long long a = detail::magnitude(x), b = detail::magnitude(y);
  const unsigned long long g = detail::gcd_wide(a, b);
  return static_cast<T>(g == 0 ? 0ull : a / g * b);
}

/// numpy.bitwise_count: the number of one bits of |x| (as T; the row's result is uint8).
template <class T, detail::enable<detail::is_int<T>> = 0>
__device__ __forceinline__ T bitwise_count(T x) {
  return static_cast<T>(__popcll(detail::magnitude(x)));
}

/// numpy.fabs: |x| of a float (NumPy has no complex fabs).
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T fabs(T x) {
  return detail::fabs(x);
}

/// numpy.ldexp: x * 2^e. The exponent comes as a 64-bit integer (rule ldexp); beyond +-2^20 every
/// finite nonzero x has already overflowed or underflowed, so it is clamped there.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T ldexp(T x, long long e) {
  const long long k = e > (1ll << 20) ? (1ll << 20) : e < -(1ll << 20) ? -(1ll << 20) : e;
  return detail::ldexp(x, static_cast<int>(k));
}

/// numpy.nextafter: the next value of the loop's dtype S after x towards y. S is the storage
/// type of a float16 or bfloat16 loop (computed in float, stepped in S's units), else T.
template <class S = void, class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T nextafter(T x, T y) {
  if constexpr (detail::is_storage<S>) {
    return detail::nextafter_storage<S>(x, y);
  } else {
    return detail::nextafter(x, y);
  }
}

/// numpy.spacing: the distance from x to the next value of larger magnitude, with x's sign
/// (npy_spacing: spacing(-0.0) is the smallest positive subnormal); nan for inf and nan. float16
/// follows npy_half_spacing and bfloat16 ml_dtypes' nextafter(x, copysign(inf, x)) - x.
template <class S = void, class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T spacing(T x) {
  if constexpr (detail::is_same_t<S, half>::value) {
    return detail::half_spacing(x);
  } else {
    if (detail::isinf(x)) return detail::nan<T>();
    if constexpr (detail::is_storage<S>) {
      return nextafter<S>(x, detail::copysign(detail::inf<T>(), x)) - x;
    } else {
      if (x == T(0)) return nextafter(T(0), detail::inf<T>());
      return nextafter(x, detail::copysign(detail::inf<T>(), x)) - x;
    }
  }
}

/// numpy.float_power: power computed in float64 or complex128 (the row's loops; the function
/// itself takes any inexact type).
template <class T, detail::enable<detail::is_inexact<T>> = 0>
__device__ __forceinline__ T float_power(T x, T y) {
  return power(x, y);
}

/// The fractional part of numpy.modf: x - trunc(x) with x's sign (modf(-0.5) is -0.5, modf(-2.0)
/// -0.0), 0 with x's sign for an infinity, nan for nan. The integral part is trunc.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T modf_fractional(T x) {
  if (detail::isinf(x)) return detail::copysign(T(0), x);
  return detail::copysign(x - detail::trunc(x), x);
}

/// The mantissa of numpy.frexp: m in [0.5, 1) in magnitude with x = m * 2^e; x itself for 0,
/// inf and nan.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T frexp_mantissa(T x) {
  if (detail::isinf(x) || detail::isnan(x)) return x;
  int e = 0;
  return detail::frexp(x, &e);
}
/// The exponent of numpy.frexp, as a value of T (0 for 0, inf and nan); the caller casts it to
/// int32.
template <class T, detail::enable<detail::is_float<T>> = 0>
__device__ __forceinline__ T frexp_exponent(T x) {
  if (detail::isinf(x) || detail::isnan(x)) return T(0);
  int e = 0;
  detail::frexp(x, &e);
  return static_cast<T>(e);
}

}  // namespace cupp::ufn
