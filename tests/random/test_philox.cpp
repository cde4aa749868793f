// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The Philox4x32-10 bit generator (kernels/cupp/philox.cuh), on the host: the published known
// answers of Random123's kat_vectors, the word-to-float conversions, a uniformity check, and an
// NVRTC compile of the same header as device code.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <cupp/philox.cuh>

#include "cupp/jit/compiler.hpp"

namespace {

using cupp::philox::block;
using cupp::philox::key;

struct known_answer {
  block counter;
  key k;
  block expect;
};

// Random123's kat_vectors, "philox4x32 10" lines: counter (4 words), key (2 words), output.
const known_answer kKnownAnswers[] = {
    {{{0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
     {{0x00000000u, 0x00000000u}},
     {{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u}}},
    {{{0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
     {{0xffffffffu, 0xffffffffu}},
     {{0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu}}},
    {{{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}},
     {{0xa4093822u, 0x299f31d0u}},
     {{0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u}}},
};

TEST(Philox, KnownAnswers) {
  for (const known_answer& t : kKnownAnswers) {
    const block got = cupp::philox::philox4x32_10(t.counter, t.k);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(got.w[i], t.expect.w[i]) << "word " << i;
  }
}

TEST(Philox, PositionIsTheLowCounterWords) {
  const key k{{0x12345678u, 0x9abcdef0u}};
  const std::uint64_t n = 0x0000000500000007ull;
  const block direct = cupp::philox::philox4x32_10(block{{7u, 5u, 0u, 0u}}, k);
  const block via_at = cupp::philox::at(k, n);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(via_at.w[i], direct.w[i]);
  // Neighbouring positions differ (a counter-based generator has no state to repeat).
  const block next = cupp::philox::at(k, n + 1);
  EXPECT_NE(next.w[0], via_at.w[0]);
}

TEST(Philox, FloatConversionsAreHalfOpenAndExact) {
  using cupp::philox::to_double;
  using cupp::philox::to_float;
  EXPECT_EQ(to_float(0u), 0.0f);
  EXPECT_EQ(to_float(0xffffffffu), 1.0f - std::ldexp(1.0f, -24));  // the largest value below 1
  EXPECT_EQ(to_float(0x80000000u), 0.5f);
  EXPECT_EQ(to_float(0x000000ffu), 0.0f);  // the 8 low bits are dropped
  EXPECT_EQ(to_double(0u, 0u), 0.0);
  EXPECT_EQ(to_double(0xffffffffu, 0xffffffffu), 1.0 - std::ldexp(1.0, -53));
  EXPECT_EQ(to_double(0x80000000u, 0u), 0.5);
  EXPECT_EQ(to_double(0u, 0x800u), std::ldexp(1.0, -53));  // the lowest bit kept
}

TEST(Philox, StreamIsUniform) {
  // 2^20 floats from one key: 64 equal bins, chi-square with 63 degrees of freedom. The 0.1%
  // critical value is 103.4; a fixed key makes the statistic a constant of the test.
  const key k{{20261124u, 0u}};
  const int bins = 64;
  std::vector<double> count(bins, 0.0);
  const std::uint64_t blocks = std::uint64_t{1} << 18;
  double sum = 0;
  for (std::uint64_t n = 0; n < blocks; ++n) {
    const block b = cupp::philox::at(k, n);
    for (int i = 0; i < 4; ++i) {
      const float u = cupp::philox::to_float(b.w[i]);
      ASSERT_GE(u, 0.0f);
      ASSERT_LT(u, 1.0f);
      count[static_cast<std::size_t>(u * bins)] += 1;
      sum += u;
    }
  }
  const double total = static_cast<double>(blocks) * 4, expect = total / bins;
  double chi2 = 0;
  for (const double c : count) chi2 += (c - expect) * (c - expect) / expect;
  EXPECT_LT(chi2, 103.4);
  // The mean of n uniforms has standard deviation sqrt(1/12n); allow 5 of them.
  EXPECT_NEAR(sum / total, 0.5, 5 * std::sqrt(1.0 / (12.0 * total)));
}

TEST(Philox, CompilesAsDeviceCodeForSm90) {
  const std::string source = R"(
#include <cupp/philox.cuh>
extern "C" __global__ void fill(float* out, unsigned int k0, unsigned long long n) {
  const unsigned long long i = blockIdx.x * (unsigned long long)blockDim.x + threadIdx.x;
  if (i < n) {
    cupp::philox::key k = {{k0, 0u}};
    out[i] = cupp::philox::to_float(cupp::philox::at(k, i / 4).w[i % 4]);
  }
}
)";
  cupp::jit::compiler c("");
  EXPECT_NO_THROW(c.compile(source, {}, {}, 90));
}

}  // namespace
