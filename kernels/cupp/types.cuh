// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Device types of the element types that CUDA C++ has no builtin for: the 16-bit storage types
// cupp::half and cupp::bfloat16_t (loaded and stored, computed in float) and cupp::complex<T>.
// Self-contained: NVRTC sees no toolkit header (no cuda_fp16.h, no cuda/std/complex).
#pragma once

namespace cupp {

// Note [Narrowing to 16 bits]: every conversion to half or bfloat16 rounds once to nearest even,
// straight from its source, as the host types cupp::float16 and cupp::bfloat16 do: rounding
// double -> float -> half would miss by one ulp near halfway points. Where PTX has no one-step
// conversion, the source is first rounded to float with round-to-odd (truncate, then set the last
// bit when anything was dropped); float keeps at least two more bits than either 16-bit format,
// so the second rounding then gives the correctly rounded result. A NaN stays a NaN.
namespace detail {

__device__ __forceinline__ float round_to_odd_float(double d) {
  float f = __double2float_rz(d);
  // A NaN gets its last bit set too, which keeps it a NaN.
  if (static_cast<double>(f) != d) f = __uint_as_float(__float_as_uint(f) | 1u);
  return f;
}
__device__ __forceinline__ float round_to_odd_float(long long i) {
  float f = __ll2float_rz(i);
  // |f| <= |i| < 2^63, so converting back is exact.
  if (__float2ll_rz(f) != i) f = __uint_as_float(__float_as_uint(f) | 1u);
  return f;
}
__device__ __forceinline__ float round_to_odd_float(unsigned long long i) {
  float f = __ull2float_rz(i);
  if (__float2ull_rz(f) != i) f = __uint_as_float(__float_as_uint(f) | 1u);
  return f;
}

__device__ __forceinline__ unsigned short float_to_half_bits(float f) {
  unsigned short h;
  asm("cvt.rn.f16.f32 %0, %1;" : "=h"(h) : "f"(f));
  return h;
}
__device__ __forceinline__ unsigned short double_to_half_bits(double d) {
  unsigned short h;
  asm("cvt.rn.f16.f64 %0, %1;" : "=h"(h) : "d"(d));
  return h;
}
__device__ __forceinline__ float half_bits_to_float(unsigned short h) {
  float f;
  asm("cvt.f32.f16 %0, %1;" : "=f"(f) : "h"(h));
  return f;
}

__device__ __forceinline__ unsigned short float_to_bfloat16_bits(float f) {
#if __CUDA_ARCH__ >= 800
  unsigned short h;
  asm("cvt.rn.bf16.f32 %0, %1;" : "=h"(h) : "f"(f));
  return h;
#else
  const unsigned int u = __float_as_uint(f);
  // NaN: keep the sign and the top of the payload, and set the quiet bit so that a payload that
  // lived only in the dropped bits stays a NaN.
  if ((u & 0x7fffffffu) > 0x7f800000u) return static_cast<unsigned short>((u >> 16) | 0x40u);
  // Adding just under half a unit plus the lowest kept bit rounds ties to even; a carry runs
  // into the exponent, up to infinity.
  return static_cast<unsigned short>((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);
#endif
}
__device__ __forceinline__ float magnitude(float x) { return fabsf(x); }
__device__ __forceinline__ double magnitude(double x) { return fabs(x); }

// Products and sums the compiler may not fuse into an FMA: where a result is defined by a formula
// (complex multiplication, Smith's division), fusing would change the last bit, turn some
// infinities into nans, and an error-free transformation would stop being one.
__device__ __forceinline__ float mul_rn(float a, float b) { return __fmul_rn(a, b); }
__device__ __forceinline__ double mul_rn(double a, double b) { return __dmul_rn(a, b); }
__device__ __forceinline__ float add_rn(float a, float b) { return __fadd_rn(a, b); }
__device__ __forceinline__ double add_rn(double a, double b) { return __dadd_rn(a, b); }
__device__ __forceinline__ float sub_rn(float a, float b) { return __fsub_rn(a, b); }
__device__ __forceinline__ double sub_rn(double a, double b) { return __dsub_rn(a, b); }

__device__ __forceinline__ float bfloat16_bits_to_float(unsigned short h) {
  // bfloat16 is the upper half of a float: exact, NaN payload kept.
  return __uint_as_float(static_cast<unsigned int>(h) << 16);
}

}  // namespace detail

/// IEEE binary16 storage on the device (numpy.float16). Arithmetic converts to float.
struct half {
  unsigned short bits;

  half() = default;
  __device__ half(float f) : bits(detail::float_to_half_bits(f)) {}    // NOLINT: implicit
  __device__ half(double d) : bits(detail::double_to_half_bits(d)) {}  // NOLINT: implicit
  __device__ operator float() const { return detail::half_bits_to_float(bits); }  // NOLINT

  __device__ static half from_bits(unsigned short b) {
    half h;
    h.bits = b;
    return h;
  }
};

/// bfloat16 storage on the device (the upper half of a float). Arithmetic converts to float.
struct bfloat16_t {
  unsigned short bits;

  bfloat16_t() = default;
  __device__ bfloat16_t(float f) : bits(detail::float_to_bfloat16_bits(f)) {}  // NOLINT
  __device__ bfloat16_t(double d)                                              // NOLINT: implicit
      : bits(detail::float_to_bfloat16_bits(detail::round_to_odd_float(d))) {}
  __device__ operator float() const { return detail::bfloat16_bits_to_float(bits); }  // NOLINT

  __device__ static bfloat16_t from_bits(unsigned short b) {
    bfloat16_t h;
    h.bits = b;
    return h;
  }
};

/// A complex number of float or double, laid out as std::complex<T> (real, then imaginary),
/// aligned to its size as thrust::complex is, so a pair loads in one instruction.
///
/// The operators compute what NumPy's scalar complex loops do, never fused into FMAs: `*` is the
/// textbook product (no C99 Annex G recovery of infinities) and `/` is Smith's algorithm. A
/// scalar operand acts on both parts (z * s is (re s, im s)). cupp::ufn::multiply in
/// cupp/ufunc.cuh is the product of NumPy's array loops, which fuse.
template <class T>
class alignas(2 * sizeof(T)) complex {
 public:
  using value_type = T;

  complex() = default;
  __device__ constexpr complex(T re, T im = T()) : re_(re), im_(im) {}  // NOLINT: implicit
  template <class U>
  __device__ constexpr explicit complex(const complex<U>& z)
      : re_(static_cast<T>(z.real())), im_(static_cast<T>(z.imag())) {}

  __device__ constexpr T real() const { return re_; }
  __device__ constexpr T imag() const { return im_; }
  __device__ void real(T re) { re_ = re; }
  __device__ void imag(T im) { im_ = im; }

  __device__ complex& operator+=(const complex& z) {
    re_ += z.re_;
    im_ += z.im_;
    return *this;
  }
  __device__ complex& operator-=(const complex& z) {
    re_ -= z.re_;
    im_ -= z.im_;
    return *this;
  }
  __device__ complex& operator*=(const complex& z) {
    using detail::add_rn;
    using detail::mul_rn;
    using detail::sub_rn;
    const T re = sub_rn(mul_rn(re_, z.re_), mul_rn(im_, z.im_));
    im_ = add_rn(mul_rn(re_, z.im_), mul_rn(im_, z.re_));
    re_ = re;
    return *this;
  }
  __device__ complex& operator/=(const complex& z) {
    // Smith's algorithm, as NumPy's complex division: scale by the larger part of the divisor
    // so that |z|^2 is never formed (it overflows long before the quotient does).
    using detail::add_rn;
    using detail::mul_rn;
    using detail::sub_rn;
    const T a = re_, b = im_, c = z.re_, d = z.im_;
    const T abs_c = detail::magnitude(c), abs_d = detail::magnitude(d);
    if (abs_c >= abs_d) {
      if (abs_c == 0 && abs_d == 0) {
        // Division by zero gives infinities or nans, as NumPy's does.
        re_ = a / abs_c;
        im_ = b / abs_c;
      } else {
        const T rat = d / c;
        const T scl = T(1) / add_rn(c, mul_rn(d, rat));
        re_ = mul_rn(add_rn(a, mul_rn(b, rat)), scl);
        im_ = mul_rn(sub_rn(b, mul_rn(a, rat)), scl);
      }
    } else {
      const T rat = c / d;
      const T scl = T(1) / add_rn(d, mul_rn(c, rat));
      re_ = mul_rn(add_rn(mul_rn(a, rat), b), scl);
      im_ = mul_rn(sub_rn(mul_rn(b, rat), a), scl);
    }
    return *this;
  }
  __device__ complex& operator+=(T x) {
    re_ += x;
    return *this;
  }
  __device__ complex& operator-=(T x) {
    re_ -= x;
    return *this;
  }
  __device__ complex& operator*=(T x) {
    re_ *= x;
    im_ *= x;
    return *this;
  }
  __device__ complex& operator/=(T x) {
    re_ /= x;
    im_ /= x;
    return *this;
  }

 private:
  T re_, im_;
};

template <class T>
__device__ __forceinline__ complex<T> operator+(const complex<T>& z) {
  return z;
}
template <class T>
__device__ __forceinline__ complex<T> operator-(const complex<T>& z) {
  return complex<T>(-z.real(), -z.imag());
}

// Binary operators for (complex, complex), (complex, T) and (T, complex). The scalar is taken as
// a type_identity so that `z * 2.0f` deduces T from z alone; it acts on both parts, except in
// s / z, which divides the complex s + 0i.
namespace detail {
template <class T>
struct identity {
  using type = T;
};
}  // namespace detail
#define CUPP_COMPLEX_BINARY(op)                                                             \
  template <class T>                                                                        \
  __device__ __forceinline__ complex<T> operator op(complex<T> a, const complex<T>& b) {    \
    return a op## = b;                                                                      \
  }                                                                                         \
  template <class T>                                                                        \
  __device__ __forceinline__ complex<T> operator op(complex<T> a,                           \
                                                    typename detail::identity<T>::type b) { \
    return a op## = b;                                                                      \
  }
CUPP_COMPLEX_BINARY(+)
CUPP_COMPLEX_BINARY(-)
CUPP_COMPLEX_BINARY(*)
CUPP_COMPLEX_BINARY(/)
#undef CUPP_COMPLEX_BINARY

template <class T>
__device__ __forceinline__ complex<T> operator+(typename detail::identity<T>::type a,
                                                const complex<T>& b) {
  return complex<T>(a + b.real(), b.imag());
}
template <class T>
__device__ __forceinline__ complex<T> operator-(typename detail::identity<T>::type a,
                                                const complex<T>& b) {
  return complex<T>(a - b.real(), -b.imag());
}
template <class T>
__device__ __forceinline__ complex<T> operator*(typename detail::identity<T>::type a,
                                                const complex<T>& b) {
  return complex<T>(a * b.real(), a * b.imag());
}
template <class T>
__device__ __forceinline__ complex<T> operator/(typename detail::identity<T>::type a,
                                                const complex<T>& b) {
  return complex<T>(a) /= b;
}

template <class T>
__device__ __forceinline__ bool operator==(const complex<T>& a, const complex<T>& b) {
  return a.real() == b.real() && a.imag() == b.imag();
}
template <class T>
__device__ __forceinline__ bool operator==(const complex<T>& a,
                                           typename detail::identity<T>::type b) {
  return a.real() == b && a.imag() == T(0);
}
template <class T>
__device__ __forceinline__ bool operator==(typename detail::identity<T>::type a,
                                           const complex<T>& b) {
  return b == a;
}
template <class T>
__device__ __forceinline__ bool operator!=(const complex<T>& a, const complex<T>& b) {
  return !(a == b);
}
template <class T>
__device__ __forceinline__ bool operator!=(const complex<T>& a,
                                           typename detail::identity<T>::type b) {
  return !(a == b);
}
template <class T>
__device__ __forceinline__ bool operator!=(typename detail::identity<T>::type a,
                                           const complex<T>& b) {
  return !(b == a);
}

}  // namespace cupp
