// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/core/dtype.hpp"

#include <cstdint>
#include <cstring>
#include <string>

#include "cupp/core/error.hpp"

namespace cupp {

namespace {

template <class To, class From>
To bit_cast(const From& from) noexcept {
  static_assert(sizeof(To) == sizeof(From));
  To to;
  std::memcpy(&to, &from, sizeof(To));
  return to;
}

// Note [Narrowing floats]: one integer routine rounds float or double to binary16 or bfloat16,
// to nearest even, without loops and without the FPU, so the current rounding mode and flush-to-
// zero settings cannot change the result. A value rounds once, straight from its source format:
// going double -> float -> half would round twice and miss by one ulp near halfway points.
//   Src: the unsigned word of the source; kSrcExp/kSrcMan: its exponent and mantissa bits.
//   kDstExp/kDstMan: the same for the 16-bit destination (kDstExp <= kSrcExp, kDstMan < kSrcMan).
template <class Src, int kSrcExp, int kSrcMan, int kDstExp, int kDstMan>
std::uint16_t narrow(Src x) noexcept {
  constexpr int kSrcBits = 1 + kSrcExp + kSrcMan;
  constexpr int kShift = kSrcMan - kDstMan;  // mantissa bits dropped from a normal value
  constexpr Src kSrcBias = (Src{1} << (kSrcExp - 1)) - 1;
  constexpr Src kDstBias = (Src{1} << (kDstExp - 1)) - 1;
  constexpr Src kAbsMask = (Src{1} << (kSrcBits - 1)) - 1;
  constexpr Src kSrcInf = ((Src{1} << kSrcExp) - 1) << kSrcMan;
  constexpr Src kSrcManMask = (Src{1} << kSrcMan) - 1;
  constexpr auto kDstInf = static_cast<std::uint16_t>(((1u << kDstExp) - 1) << kDstMan);
  constexpr auto kDstQuiet = static_cast<std::uint16_t>(1u << (kDstMan - 1));
  constexpr auto kDstManMask = static_cast<std::uint16_t>((1u << kDstMan) - 1);
  // 2^(emax+1) of the destination: the first power of two it cannot hold at all.
  constexpr Src kOverflow = (kSrcBias + kDstBias + 1) << kSrcMan;
  // 2^(1-bias) of the destination: its smallest normal number.
  constexpr Src kMinNormal = (kSrcBias - kDstBias + 1) << kSrcMan;

  const auto sign = static_cast<std::uint16_t>((x >> (kSrcBits - 16)) & 0x8000u);
  const Src a = x & kAbsMask;
  if (a > kSrcInf) {
    // NaN: set the quiet bit so that a payload living only in the dropped bits stays a NaN.
    return static_cast<std::uint16_t>(sign | kDstInf | kDstQuiet |
                                      (static_cast<std::uint16_t>(a >> kShift) & kDstManMask));
  }
  if (a >= kOverflow) return sign | kDstInf;
  if (a >= kMinNormal) {
    // Rebias the exponent in place, then add just under half an ulp plus the lowest kept bit:
    // ties round to even, and a carry out of the mantissa lands correctly in the exponent (up
    // to infinity for values at or above max + half an ulp).
    Src r = a - ((kSrcBias - kDstBias) << kSrcMan);
    r += (Src{1} << (kShift - 1)) - 1 + ((r >> kShift) & 1);
    return static_cast<std::uint16_t>(sign | static_cast<std::uint16_t>(r >> kShift));
  }
  // A subnormal (or zero) in the destination: count units of its smallest subnormal, 2^(1 - bias
  // - kDstMan). The full significand m (implicit bit added) is worth m * 2^(e - bias - kSrcMan).
  const Src e = a >> kSrcMan;
  const Src m = (a & kSrcManMask) | (e != 0 ? Src{1} << kSrcMan : 0);
  const Src e_eff = e != 0 ? e : 1;
  // Anything shifted further than kSrcMan + 2 is below a quarter unit and rounds to zero anyway;
  // the cap keeps the shift inside the word.
  Src shift = kSrcBias + kSrcMan + 1 - kDstBias - kDstMan - e_eff;
  if (shift > kSrcMan + 2) shift = kSrcMan + 2;
  const Src r = (m + (Src{1} << (shift - 1)) - 1 + ((m >> shift) & 1)) >> shift;
  // r may reach 2^kDstMan: the encoding of the smallest normal number, which is right.
  return static_cast<std::uint16_t>(sign | static_cast<std::uint16_t>(r));
}

std::uint16_t float_to_half(float f) noexcept {
  return narrow<std::uint32_t, 8, 23, 5, 10>(bit_cast<std::uint32_t>(f));
}
std::uint16_t double_to_half(double d) noexcept {
  return narrow<std::uint64_t, 11, 52, 5, 10>(bit_cast<std::uint64_t>(d));
}
std::uint16_t float_to_bfloat16(float f) noexcept {
  return narrow<std::uint32_t, 8, 23, 8, 7>(bit_cast<std::uint32_t>(f));
}
std::uint16_t double_to_bfloat16(double d) noexcept {
  return narrow<std::uint64_t, 11, 52, 8, 7>(bit_cast<std::uint64_t>(d));
}

// Python's repr() of a str, which NumPy quotes in "data type ... not understood".
std::string python_repr(const std::string& s) {
  const bool has_single = s.find('\'') != std::string::npos;
  const bool has_double = s.find('"') != std::string::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == quote || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 0xf];
    } else {
      out += c;  // UTF-8 passes through, as Python prints printable characters as they are
    }
  }
  return out + quote;
}

constexpr const char* kNames[kNumDtypes] = {
    "bool",   "int8",    "int16",    "int32",   "int64",   "uint8",     "uint16",    "uint32",
    "uint64", "float16", "bfloat16", "float32", "float64", "complex64", "complex128"};
constexpr const char* kShortNames[kNumDtypes] = {
    "b1", "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f16", "bf16", "f32", "f64",
    "c64", "c128"};
constexpr std::size_t kItemsizes[kNumDtypes] = {1, 1, 2, 4, 8, 1, 2, 4, 8, 2, 2, 4, 8, 8, 16};

}  // namespace

float16::float16(float f) noexcept : bits(float_to_half(f)) {}
float16::float16(double d) noexcept : bits(double_to_half(d)) {}

float16::operator float() const noexcept {
  const std::uint32_t sign = static_cast<std::uint32_t>(bits & 0x8000u) << 16;
  const std::uint32_t exp = (bits >> 10) & 0x1fu;
  const std::uint32_t man = bits & 0x3ffu;
  if (exp == 0x1f) return bit_cast<float>(sign | 0x7f800000u | (man << 13));  // inf, NaN payload
  if (exp != 0) return bit_cast<float>(sign | ((exp + 127 - 15) << 23) | (man << 13));
  // Zero or subnormal: man * 2^-24 is exact in float (a small integer times a power of two).
  const float magnitude = static_cast<float>(man) * 0x1p-24f;
  return bit_cast<float>(sign | bit_cast<std::uint32_t>(magnitude));
}

bfloat16::bfloat16(float f) noexcept : bits(float_to_bfloat16(f)) {}
bfloat16::bfloat16(double d) noexcept : bits(double_to_bfloat16(d)) {}

bfloat16::operator float() const noexcept {
  return bit_cast<float>(static_cast<std::uint32_t>(bits) << 16);
}

const char* dtype_name(dtype d) noexcept {
  const auto i = static_cast<std::size_t>(d);
  return i < static_cast<std::size_t>(kNumDtypes) ? kNames[i] : "unknown";
}

const char* detail::dtype_short_name(dtype d) noexcept {
  const auto i = static_cast<std::size_t>(d);
  return i < static_cast<std::size_t>(kNumDtypes) ? kShortNames[i] : "x";
}

std::size_t dtype_itemsize(dtype d) noexcept {
  const auto i = static_cast<std::size_t>(d);
  return i < static_cast<std::size_t>(kNumDtypes) ? kItemsizes[i] : 0;
}

dtype dtype_from_name(const std::string& name) {
  for (int i = 0; i < kNumDtypes; ++i) {
    if (name == kNames[i]) return static_cast<dtype>(i);
  }
  throw type_error("data type " + python_repr(name) + " not understood");
}

}  // namespace cupp
