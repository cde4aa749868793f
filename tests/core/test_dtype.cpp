// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// float16 is checked against the compiler's _Float16 (GCC and Clang on x86-64 convert through
// their own runtime library, which shares no code with cupp); bfloat16 against a reference that
// rounds in double arithmetic.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

#include "core/throws.hpp"
#include "cupp/core/dtype.hpp"
#include "cupp/core/error.hpp"

namespace {

using cupp::bfloat16;
using cupp::float16;

template <class To, class From>
To bits_of(const From& from) {
  static_assert(sizeof(To) == sizeof(From));
  To to;
  std::memcpy(&to, &from, sizeof(To));
  return to;
}

float float_from_bits(std::uint32_t b) { return bits_of<float>(b); }
std::uint32_t float_bits(float f) { return bits_of<std::uint32_t>(f); }

// A fast, well-mixed generator (splitmix64) so that ten million draws cost little.
struct splitmix64 {
  std::uint64_t state;
  std::uint64_t operator()() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
};

// ---------------------------------------------------------------------------------------------
// float16

std::uint16_t reference_half(float f) { return bits_of<std::uint16_t>(static_cast<_Float16>(f)); }
std::uint16_t reference_half(double d) { return bits_of<std::uint16_t>(static_cast<_Float16>(d)); }
float reference_float(std::uint16_t h) { return static_cast<float>(bits_of<_Float16>(h)); }

bool half_is_nan(std::uint16_t h) { return (h & 0x7c00u) == 0x7c00u && (h & 0x3ffu) != 0; }

// Equal bits, or both NaN with the same sign: NaN payloads are not something either side
// promises.
::testing::AssertionResult same_half(std::uint16_t got, std::uint16_t expected, double input) {
  if (got == expected) return ::testing::AssertionSuccess();
  if (half_is_nan(got) && half_is_nan(expected) && (got & 0x8000u) == (expected & 0x8000u)) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << std::hexfloat << input << ": got 0x" << std::hex << got << ", expected 0x" << expected;
}

TEST(Float16, EveryHalfConvertsExactlyAndBack) {
  for (std::uint32_t b = 0; b <= 0xffffu; ++b) {
    const auto h = static_cast<std::uint16_t>(b);
    const float f = float16::from_bits(h);
    const float expected = reference_float(h);
    if (half_is_nan(h)) {
      ASSERT_TRUE(std::isnan(f)) << std::hex << b;
      ASSERT_EQ(std::signbit(f), (b & 0x8000u) != 0);
      const std::uint16_t back = float16(f).bits;
      ASSERT_TRUE(half_is_nan(back)) << std::hex << b;
      ASSERT_EQ(back & 0x8000u, b & 0x8000u);
      // A quiet NaN keeps its payload; a signalling one comes back quiet.
      if (b & 0x200u) {
        ASSERT_EQ(back, b);
      }
      continue;
    }
    ASSERT_EQ(float_bits(f), float_bits(expected)) << std::hex << b;  // -0.0 included
    ASSERT_EQ(float16(f).bits, b) << std::hex << b;
  }
}

TEST(Float16, FromFloatMatchesCompilerOnRandomBits) {
  splitmix64 rng{42};
  for (int i = 0; i < 10'000'000; ++i) {
    const auto b = static_cast<std::uint32_t>(rng());
    const float f = float_from_bits(b);
    ASSERT_TRUE(same_half(float16(f).bits, reference_half(f), f));
  }
  // Random bits mostly land far outside half's range; these stay within and around it
  // (binary exponents -27 to 18), where subnormals, normals and overflow meet.
  for (int i = 0; i < 4'000'000; ++i) {
    const std::uint64_t r = rng();
    const auto exponent = static_cast<std::uint32_t>(100 + (r >> 32) % 46);
    const auto b = static_cast<std::uint32_t>(r & 0x807fffffu) | exponent << 23;
    const float f = float_from_bits(b);
    ASSERT_TRUE(same_half(float16(f).bits, reference_half(f), f));
  }
}

TEST(Float16, EveryHalfwayCaseRoundsToEven) {
  // For each pair of neighbouring finite halves, their midpoint (exact in float) and the floats
  // just either side of it.
  for (std::uint16_t h = 0; h < 0x7c00u; ++h) {
    const float lo = reference_float(h);
    const float hi =
        h + 1 == 0x7c00u ? 65536.0f : reference_float(static_cast<std::uint16_t>(h + 1));
    const float mid = (lo + hi) / 2;
    for (const float f : {mid, std::nextafter(mid, 0.0f), std::nextafter(mid, 1e30f)}) {
      ASSERT_TRUE(same_half(float16(f).bits, reference_half(f), f));
      ASSERT_TRUE(same_half(float16(-f).bits, reference_half(-f), -f));
    }
    ASSERT_EQ(float16(mid).bits, (h & 1u) ? h + 1 : h) << std::hex << h;
  }
}

TEST(Float16, EdgeCases) {
  struct known {
    float f;
    std::uint16_t bits;
  };
  const float inf = std::numeric_limits<float>::infinity();
  const known cases[] = {
      {0.0f, 0x0000},
      {-0.0f, 0x8000},
      {1.0f, 0x3c00},
      {-2.0f, 0xc000},
      {0.1f, 0x2e66},
      {1.0f + 0x1p-11f, 0x3c00},  // halfway, to even
      {1.0f + 0x3p-11f, 0x3c02},  // halfway, to even
      {65504.0f, 0x7bff},         // the largest half
      {std::nextafter(65520.0f, 0.0f), 0x7bff},
      {65520.0f, 0x7c00},  // halfway between 65504 and 65536: even is infinity
      {65536.0f, 0x7c00},
      {1e10f, 0x7c00},
      {std::numeric_limits<float>::max(), 0x7c00},
      {-std::numeric_limits<float>::max(), 0xfc00},
      {inf, 0x7c00},
      {-inf, 0xfc00},
      {0x1p-14f, 0x0400},      // the smallest normal half
      {0x1.ff8p-15f, 0x03ff},  // the largest subnormal
      {0x1.ffcp-15f, 0x0400},  // halfway between them: to even
      {0x1p-24f, 0x0001},      // the smallest subnormal
      {-0x1p-24f, 0x8001},
      {0x1.8p-24f, 0x0002},  // 1.5 units: to even
      {0x1.4p-23f, 0x0002},  // 2.5 units: to even
      {0x1p-25f, 0x0000},    // half a unit: to even, which is zero
      {std::nextafter(0x1p-25f, 1.0f), 0x0001},
      {-0x1p-25f, 0x8000},
      {0x1p-26f, 0x0000},
      {1e-30f, 0x0000},
      {std::numeric_limits<float>::denorm_min(), 0x0000},
      {-std::numeric_limits<float>::denorm_min(), 0x8000},
  };
  for (const known& k : cases) {
    EXPECT_EQ(float16(k.f).bits, k.bits) << std::hexfloat << k.f;
    EXPECT_EQ(reference_half(k.f), k.bits) << std::hexfloat << k.f;
  }
  // NaNs stay NaN with their sign, including those whose payload sits only in the low bits
  // that a half cannot hold.
  for (const std::uint32_t nan :
       {0x7fc00000u, 0x7f800001u, 0x7fbfffffu, 0xffc00000u, 0xff800001u}) {
    const std::uint16_t h = float16(float_from_bits(nan)).bits;
    EXPECT_TRUE(half_is_nan(h)) << std::hex << nan;
    EXPECT_EQ((h & 0x8000u) != 0, (nan & 0x80000000u) != 0);
    EXPECT_TRUE(std::isnan(static_cast<float>(float16::from_bits(h))));
  }
}

TEST(Float16, FromDoubleRoundsOnce) {
  // Through float, 1 + 2^-11 + 2^-40 would become the tie 1 + 2^-11 and round down to 1;
  // np.float16(1 + 2**-11 + 2**-40) is 1.001.
  EXPECT_EQ(float16(1.0 + 0x1p-11 + 0x1p-40).bits, 0x3c01);
  EXPECT_EQ(float16(65519.99999).bits, 0x7bff);
  EXPECT_EQ(float16(65520.0).bits, 0x7c00);
  EXPECT_EQ(float16(0x1p-25).bits, 0x0000);
  EXPECT_EQ(float16(0x1p-25 + 0x1p-60).bits, 0x0001);
  EXPECT_EQ(float16(1e-300).bits, 0x0000);
  EXPECT_EQ(float16(-1e300).bits, 0xfc00);
  EXPECT_TRUE(half_is_nan(float16(std::nan("")).bits));
  EXPECT_TRUE(half_is_nan(float16(bits_of<double>(0x7ff0000000000001ull)).bits));

  splitmix64 rng{7};
  for (int i = 0; i < 2'000'000; ++i) {
    const std::uint64_t r = rng();
    const std::uint64_t exponent = 1023 - 30 + (rng() % 50);
    const double d = bits_of<double>((r & 0x800fffffffffffffull) | exponent << 52);
    ASSERT_TRUE(same_half(float16(d).bits, reference_half(d), d));
  }
  // Doubles next to every halfway point, where rounding through float would go wrong.
  for (std::uint16_t h = 0; h < 0x7c00u; ++h) {
    const double lo = reference_float(h);
    const double hi =
        h + 1 == 0x7c00u ? 65536.0 : reference_float(static_cast<std::uint16_t>(h + 1));
    const double mid = (lo + hi) / 2;
    for (const double d : {mid, std::nextafter(mid, 0.0), std::nextafter(mid, 1e300)}) {
      ASSERT_TRUE(same_half(float16(d).bits, reference_half(d), d));
    }
  }
}

TEST(Float16, FromInt) {
  EXPECT_EQ(float16(0).bits, 0x0000);
  EXPECT_EQ(float16(2049).bits, 0x6800);  // 2048: halfway, to even
  EXPECT_EQ(float16(2051).bits, 0x6802);  // 2052
  EXPECT_EQ(float16(65519).bits, 0x7bff);
  EXPECT_EQ(float16(65520).bits, 0x7c00);
  EXPECT_EQ(float16(-65520).bits, 0xfc00);
  EXPECT_EQ(float16(std::numeric_limits<int>::max()).bits, 0x7c00);
}

// ---------------------------------------------------------------------------------------------
// bfloat16

// The value nearest to x with 8 significant bits and float's exponent range (subnormals down to
// 2^-133), ties to even, computed in double: scaling by a power of two is exact there and
// nearbyint rounds to even in the default mode. Beyond the largest bfloat16 it is infinity.
float reference_bfloat16(double x) {
  if (x == 0 || std::isinf(x)) return static_cast<float>(x);
  int e = 0;
  std::frexp(std::fabs(x), &e);  // |x| = m * 2^e, m in [0.5, 1)
  const double quantum = std::ldexp(1.0, std::max(e - 1, -126) - 7);
  const double r = std::nearbyint(std::fabs(x) / quantum) * quantum;
  const double magnitude = r >= 0x1p128 ? std::numeric_limits<double>::infinity() : r;
  return static_cast<float>(std::copysign(magnitude, x));
}

::testing::AssertionResult same_bfloat16(bfloat16 got, double input) {
  const float g = got;
  if (std::isnan(input)) {
    if (std::isnan(g) && std::signbit(g) == std::signbit(input))
      return ::testing::AssertionSuccess();
  } else {
    const float expected = reference_bfloat16(input);
    if (float_bits(g) == float_bits(expected)) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << std::hexfloat << input << ": got " << g << ", expected " << expected;
  }
  return ::testing::AssertionFailure() << std::hexfloat << input << ": got " << g;
}

TEST(BFloat16, EveryBFloat16ConvertsExactly) {
  for (std::uint32_t b = 0; b <= 0xffffu; ++b) {
    const float f = bfloat16::from_bits(static_cast<std::uint16_t>(b));
    const std::uint32_t exponent = (b >> 7) & 0xffu, mantissa = b & 0x7fu;
    const double sign = (b & 0x8000u) ? -1.0 : 1.0;
    if (exponent == 0xff) {
      ASSERT_EQ(std::isnan(f), mantissa != 0);
      ASSERT_EQ(std::signbit(f), sign < 0);
      if (mantissa == 0) {
        ASSERT_TRUE(std::isinf(f));
      }
      continue;
    }
    const double expected =
        exponent == 0 ? sign * std::ldexp(mantissa, -133)
                      : sign * std::ldexp(128 + mantissa, static_cast<int>(exponent) - 134);
    ASSERT_EQ(static_cast<double>(f), expected) << std::hex << b;
    ASSERT_EQ(std::signbit(f), sign < 0);
    ASSERT_EQ(bfloat16(f).bits, b);
  }
}

TEST(BFloat16, FromFloatMatchesDoubleReference) {
  splitmix64 rng{1234};
  for (int i = 0; i < 4'000'000; ++i) {
    const float f = float_from_bits(static_cast<std::uint32_t>(rng()));
    ASSERT_TRUE(same_bfloat16(bfloat16(f), f));
  }
  // Every tie and its neighbours, for a spread of exponents from subnormal to the largest.
  for (std::uint32_t exponent = 0; exponent < 255; exponent += 7) {
    for (std::uint32_t m = 0; m < 0x80u; ++m) {
      const std::uint32_t tie = (exponent << 23) | (m << 16) | 0x8000u;
      for (const std::uint32_t b : {tie, tie - 1, tie + 1, tie | 0x80000000u}) {
        ASSERT_TRUE(same_bfloat16(bfloat16(float_from_bits(b)), float_from_bits(b)));
      }
    }
  }
}

TEST(BFloat16, EdgeCases) {
  struct known {
    std::uint32_t f;
    std::uint16_t bits;
  };
  const known cases[] = {
      {0x00000000u, 0x0000}, {0x80000000u, 0x8000},  // +-0
      {0x3f800000u, 0x3f80},                         // 1
      {0x3f808000u, 0x3f80},                         // 1 + 2^-8: halfway, to even
      {0x3f818000u, 0x3f82},                         // 1 + 3 * 2^-8: halfway, to even
      {0x3f808001u, 0x3f81}, {0x7f7fffffu, 0x7f80},  // FLT_MAX: beyond max + half an ulp
      {0x7f7f7fffu, 0x7f7f}, {0x7f7f8000u, 0x7f80},  // halfway to 2^128 from an odd mantissa
      {0x7f800000u, 0x7f80}, {0xff800000u, 0xff80},  // +-inf
      {0x00000001u, 0x0000},                         // float's smallest subnormal
      {0x00008000u, 0x0000},                         // halfway, to even
      {0x00018000u, 0x0002}, {0x00010000u, 0x0001},  // bfloat16's smallest subnormal
      {0x3eaaaaabu, 0x3eab},                         // 1/3
  };
  for (const known& k : cases) {
    EXPECT_EQ(bfloat16(float_from_bits(k.f)).bits, k.bits) << std::hex << k.f;
  }
  // NaN stays a quiet NaN with its sign, even when its payload lies only in the dropped bits.
  for (const std::uint32_t nan : {0x7fc00000u, 0x7f800001u, 0xff800001u, 0x7fffffffu}) {
    const std::uint16_t b = bfloat16(float_from_bits(nan)).bits;
    EXPECT_EQ(b & 0x7fc0u, 0x7fc0u) << std::hex << nan;
    EXPECT_EQ((b & 0x8000u) != 0, (nan & 0x80000000u) != 0);
  }
}

TEST(BFloat16, FromDoubleAndIntRoundOnce) {
  // Through float these would become exact ties and round down.
  EXPECT_EQ(bfloat16(1.0 + 0x1p-8 + 0x1p-30).bits, 0x3f81);
  EXPECT_EQ(bfloat16((1 << 25) + (1 << 17) + 1).bits, 0x4c01);
  EXPECT_EQ(bfloat16(1e300).bits, 0x7f80);
  EXPECT_EQ(bfloat16(-1e-300).bits, 0x8000);
  EXPECT_EQ(bfloat16(3).bits, 0x4040);
  EXPECT_EQ(bfloat16(0x1p-133).bits, 0x0001);
  EXPECT_EQ(bfloat16(0x1p-134).bits, 0x0000);
  EXPECT_EQ(bfloat16(0x1p-134 + 0x1p-180).bits, 0x0001);
  EXPECT_EQ(bfloat16(std::nan("")).bits & 0x7fc0u, 0x7fc0u);
  splitmix64 rng{99};
  for (int i = 0; i < 2'000'000; ++i) {
    const std::uint64_t r = rng();
    const std::uint64_t exponent = 1023 - 140 + (rng() % 275);
    const double d = bits_of<double>((r & 0x800fffffffffffffull) | exponent << 52);
    ASSERT_TRUE(same_bfloat16(bfloat16(d), d));
  }
}

// ---------------------------------------------------------------------------------------------
// Names and sizes

TEST(Dtype, NamesAndItemsizes) {
  struct known {
    cupp::dtype d;
    const char* name;
    std::size_t itemsize;
  };
  const known table[cupp::kNumDtypes] = {
      {cupp::dtype::bool_, "bool", 1},
      {cupp::dtype::int8, "int8", 1},
      {cupp::dtype::int16, "int16", 2},
      {cupp::dtype::int32, "int32", 4},
      {cupp::dtype::int64, "int64", 8},
      {cupp::dtype::uint8, "uint8", 1},
      {cupp::dtype::uint16, "uint16", 2},
      {cupp::dtype::uint32, "uint32", 4},
      {cupp::dtype::uint64, "uint64", 8},
      {cupp::dtype::float16, "float16", 2},
      {cupp::dtype::bfloat16, "bfloat16", 2},
      {cupp::dtype::float32, "float32", 4},
      {cupp::dtype::float64, "float64", 8},
      {cupp::dtype::complex64, "complex64", 8},
      {cupp::dtype::complex128, "complex128", 16},
  };
  for (const known& k : table) {
    EXPECT_STREQ(cupp::dtype_name(k.d), k.name);
    EXPECT_EQ(cupp::dtype_itemsize(k.d), k.itemsize) << k.name;
    EXPECT_EQ(cupp::dtype_from_name(k.name), k.d);
  }
}

template <class T>
void expect_itemsize_is_sizeof() {
  EXPECT_EQ(cupp::dtype_itemsize(cupp::dtype_of<T>), sizeof(T))
      << cupp::dtype_name(cupp::dtype_of<T>);
}

TEST(Dtype, ItemsizeMatchesTheHostType) {
  expect_itemsize_is_sizeof<bool>();
  expect_itemsize_is_sizeof<std::int8_t>();
  expect_itemsize_is_sizeof<std::int16_t>();
  expect_itemsize_is_sizeof<std::int32_t>();
  expect_itemsize_is_sizeof<std::int64_t>();
  expect_itemsize_is_sizeof<std::uint8_t>();
  expect_itemsize_is_sizeof<std::uint16_t>();
  expect_itemsize_is_sizeof<std::uint32_t>();
  expect_itemsize_is_sizeof<std::uint64_t>();
  expect_itemsize_is_sizeof<float16>();
  expect_itemsize_is_sizeof<bfloat16>();
  expect_itemsize_is_sizeof<float>();
  expect_itemsize_is_sizeof<double>();
  expect_itemsize_is_sizeof<std::complex<float>>();
  expect_itemsize_is_sizeof<std::complex<double>>();
}

TEST(Dtype, FromNameRejectsOtherSpellings) {
  // NumPy: np.dtype(name) for names it does not know; the name is quoted as Python's repr().
  CUPP_EXPECT_THROW_MSG(cupp::dtype_from_name("x"), cupp::type_error,
                        "data type 'x' not understood");
  CUPP_EXPECT_THROW_MSG(cupp::dtype_from_name(""), cupp::type_error, "data type '' not understood");
  CUPP_EXPECT_THROW_MSG(cupp::dtype_from_name("float8"), cupp::type_error,
                        "data type 'float8' not understood");
  CUPP_EXPECT_THROW_MSG(cupp::dtype_from_name("a'b"), cupp::type_error,
                        "data type \"a'b\" not understood");
  CUPP_EXPECT_THROW_MSG(cupp::dtype_from_name("a\"b"), cupp::type_error,
                        "data type 'a\"b' not understood");
  CUPP_EXPECT_THROW_MSG(cupp::dtype_from_name("a'\"b"), cupp::type_error,
                        "data type 'a\\'\"b' not understood");
  CUPP_EXPECT_THROW_MSG(cupp::dtype_from_name("a\\b\n\t\x01\x7f"), cupp::type_error,
                        "data type 'a\\\\b\\n\\t\\x01\\x7f' not understood");
  CUPP_EXPECT_THROW_MSG(cupp::dtype_from_name("\xc3\xa9"), cupp::type_error,
                        "data type '\xc3\xa9' not understood");
  // NumPy's aliases are not accepted: only the names dtype_name gives.
  for (const char* alias : {"f4", "float", "bool_", "Float32", "float32 ", "complex"}) {
    EXPECT_THROW(cupp::dtype_from_name(alias), cupp::type_error) << alias;
  }
}

TEST(Dtype, DocumentedExample) {
  // example-begin dtypes
  // Narrowing rounds to nearest even, once, and overflows to infinity like NumPy.
  EXPECT_EQ(cupp::float16(65504.0f).bits, 0x7bff);  // the largest float16
  EXPECT_EQ(cupp::float16(65520.0f).bits, 0x7c00);  // halfway to 65536: even is infinity
  EXPECT_EQ(static_cast<float>(cupp::float16(0.1f)), 0.0999755859375f);
  EXPECT_EQ(static_cast<float>(cupp::bfloat16(1.0f / 3.0f)), 0.333984375f);
  EXPECT_TRUE(std::isnan(static_cast<float>(cupp::bfloat16(std::nanf("")))));
  EXPECT_EQ(cupp::dtype_from_name("bfloat16"), cupp::dtype::bfloat16);
  EXPECT_EQ(cupp::dtype_itemsize(cupp::dtype::complex64), 8u);
  EXPECT_STREQ(cupp::dtype_name(cupp::dtype_of<std::uint16_t>), "uint16");
  // example-end
}

}  // namespace
