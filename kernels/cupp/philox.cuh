// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Philox4x32-10 (Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as 1, 2, 3",
// SC 2011), the counter-based bit generator behind cupp::random's Generator, and the conversions
// of its words to floating-point numbers. Plain C++ that compiles for the device (NVRTC, as an
// embedded header) and for the host (the tests check it against the published known answers), so
// that a seed gives the same numbers everywhere: the output depends only on (key, counter).
#pragma once

#if defined(__CUDACC__) || defined(__CUDACC_RTC__)
#define CUPP_PHILOX_FN __host__ __device__ __forceinline__
#else
#define CUPP_PHILOX_FN inline
#endif

namespace cupp {
namespace philox {

typedef unsigned int u32;
typedef unsigned long long u64;

/// Four 32-bit words: a counter or one block of output.
struct block {
  u32 w[4];
};
/// Two 32-bit words of key (the seed).
struct key {
  u32 k[2];
};

CUPP_PHILOX_FN void mulhilo(u32 a, u32 b, u32& hi, u32& lo) {
  const u64 p = static_cast<u64>(a) * static_cast<u64>(b);
  hi = static_cast<u32>(p >> 32);
  lo = static_cast<u32>(p);
}

/// One Philox round: two 32x32 -> 64-bit multiplications and a permutation with the key mixed in.
CUPP_PHILOX_FN block mix(block c, key k) {
  u32 hi0, lo0, hi1, lo1;
  mulhilo(0xD2511F53u, c.w[0], hi0, lo0);
  mulhilo(0xCD9E8D57u, c.w[2], hi1, lo1);
  block out;
  out.w[0] = hi1 ^ c.w[1] ^ k.k[0];
  out.w[1] = lo1;
  out.w[2] = hi0 ^ c.w[3] ^ k.k[1];
  out.w[3] = lo0;
  return out;
}

/// Philox4x32-10: ten rounds, the key bumped by the Weyl constants between rounds.
CUPP_PHILOX_FN block philox4x32_10(block c, key k) {
  c = mix(c, k);
  for (int r = 1; r < 10; ++r) {
    k.k[0] += 0x9E3779B9u;
    k.k[1] += 0xBB67AE85u;
    c = mix(c, k);
  }
  return c;
}

/// The block at 64-bit position `n` of the stream of `k` (counter words: n's low and high half,
/// then 0, 0).
CUPP_PHILOX_FN block at(key k, u64 n) {
  block c;
  c.w[0] = static_cast<u32>(n);
  c.w[1] = static_cast<u32>(n >> 32);
  c.w[2] = 0u;
  c.w[3] = 0u;
  return philox4x32_10(c, k);
}

/// A float in [0, 1) from one word: its top 24 bits times 2^-24, every value exact.
CUPP_PHILOX_FN float to_float(u32 x) {
  return static_cast<float>(x >> 8) * 5.9604644775390625e-08f;
}
/// A double in [0, 1) from two words, as NumPy's random_standard_uniform takes a 64-bit draw:
/// the top 53 bits of (hi:lo) times 2^-53.
CUPP_PHILOX_FN double to_double(u32 hi, u32 lo) {
  const u64 x = (static_cast<u64>(hi) << 32) | static_cast<u64>(lo);
  return static_cast<double>(x >> 11) * 1.1102230246251565e-16;
}

}  // namespace philox
}  // namespace cupp

#undef CUPP_PHILOX_FN
