// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::random::Generator as a stream of numbers: the seeding and Note [Random stream layout]
// (kernels/cupp/random.cuh) checked element by element against a host model built on
// cupp::philox, fixed literals that pin the numbers across versions, reproducibility, empty and
// 0-d sizes, every argument check with its exception type and message, and the legacy functions.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <set>
#include <vector>

#include <cupp/philox.cuh>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/cuda/stream.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::test::GpuTest;
using cupp::test::message_of;
namespace philox = cupp::philox;
using u32 = std::uint32_t;
using u64 = std::uint64_t;

// ---- the host model of the stream ---------------------------------------------------------------

/// SplitMix64's output function on seed + golden gamma: one step from the seed.
u64 splitmix64(u64 x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

/// The key of default_rng(seed): SplitMix64 of the seed, low 32 bits first.
philox::key key_of(u64 seed) {
  const u64 z = splitmix64(seed);
  return philox::key{{static_cast<u32>(z), static_cast<u32>(z >> 32)}};
}

/// Packed float draws: element i is word i % 4 of block c + i / 4.
u32 packed4_word(philox::key k, u64 c, u64 i) { return philox::at(k, c + i / 4).w[i % 4]; }
/// Packed double draws: element i is words 2 (i % 2), 2 (i % 2) + 1 of block c + i / 2.
double packed2_double(philox::key k, u64 c, u64 i) {
  const philox::block b = philox::at(k, c + i / 2);
  return philox::to_double(b.w[2 * (i % 2)], b.w[2 * (i % 2) + 1]);
}
/// (0, 1) from two words: the top 53 bits plus one half, times 2^-53.
double open_double(u32 hi, u32 lo) {
  return (static_cast<double>(((static_cast<u64>(hi) << 32) | lo) >> 11) + 0.5) * 0x1p-53;
}

/// The words of element `id` of a stream draw: blocks (lo(id), hi(id), r, 0), r = 0, 1, ...
struct host_stream {
  philox::key k;
  u64 id;
  u32 round = 0;
  int used = 4;
  philox::block b{};
  u32 next32() {
    if (used == 4) {
      b = philox::philox4x32_10(
          philox::block{{static_cast<u32>(id), static_cast<u32>(id >> 32), round++, 0u}}, k);
      used = 0;
    }
    return b.w[used++];
  }
  u64 next64() {
    const u64 hi = next32();
    return (hi << 32) | next32();
  }
};

/// Lemire's nearly divisionless integer on [0, range), with rejection: 32-bit words for ranges up
/// to 2^32, 64-bit words (high word first) above, every word for range 0 (2^64).
u64 lemire(host_stream& s, u64 range) {
  if (range == 0) return s.next64();
  if (range <= 0x100000000ull) {
    if (range == 0x100000000ull) return s.next32();
    const u32 r = static_cast<u32>(range);
    const u32 threshold = (0u - r) % r;
    for (;;) {
      const u64 m = static_cast<u64>(s.next32()) * r;
      if (static_cast<u32>(m) >= threshold) return m >> 32;
    }
  }
  const u64 threshold = (0ull - range) % range;
  for (;;) {
    const unsigned __int128 m = static_cast<unsigned __int128>(s.next64()) * range;
    if (static_cast<u64>(m) >= threshold) return static_cast<u64>(m >> 64);
  }
}

// ---- seeding (host only: a Generator holds its state on the host) -------------------------------------

TEST(GeneratorSeed, SplitMix64OfTheSeedIsTheKey) {
  // The first output of SplitMix64 seeded with 0, as published with the algorithm.
  EXPECT_EQ(splitmix64(0), 0xE220A8397B1DCDAFull);
  for (const u64 seed : {u64{0}, u64{1}, u64{42}, u64{0xFFFFFFFFFFFFFFFFull}}) {
    const auto g = cupp::random::default_rng(seed);
    const philox::key k = key_of(seed);
    EXPECT_EQ(g.state().key[0], k.k[0]) << seed;
    EXPECT_EQ(g.state().key[1], k.k[1]) << seed;
    EXPECT_EQ(g.state().counter, 0u);
  }
  EXPECT_EQ(cupp::random::default_rng(42).state().key[0], 0x2FEB6E95u);
  EXPECT_EQ(cupp::random::default_rng(42).state().key[1], 0xBDD73226u);
  // No seed: fresh entropy each time.
  const auto a = cupp::random::default_rng(), b = cupp::random::default_rng();
  EXPECT_FALSE(a.state().key[0] == b.state().key[0] && a.state().key[1] == b.state().key[1]);
}

// The literals the GPU must reproduce (derived once from the host model, see the next test).
const double kRandomDouble42[4] = {0.63219669560478553, 0.19441987889387524,
                                   0.21417840433072521, 0.24843487029835787};
const float kRandomFloat42[6] = {0.632196665f, 0.261820912f, 0.194419861f,
                                 0.541474998f, 0.214178383f, 0.109929562f};
const std::int64_t kIntegers42[8] = {63, 21, 76, 80, 3, 9, 79, 99};

TEST(GeneratorSeed, TheLiteralsFollowFromTheHostModel) {
  const philox::key k = key_of(42);
  for (u64 i = 0; i < 4; ++i) EXPECT_EQ(packed2_double(k, 0, i), kRandomDouble42[i]) << i;
  for (u64 i = 0; i < 6; ++i)
    EXPECT_EQ(philox::to_float(packed4_word(k, 0, i)), kRandomFloat42[i]) << i;
  for (u64 i = 0; i < 8; ++i) {
    host_stream s{k, i};
    EXPECT_EQ(static_cast<std::int64_t>(lemire(s, 100)), kIntegers42[i]) << i;
  }
}

// ---- the layout on the GPU --------------------------------------------------------------------------

class GeneratorLayout : public GpuTest {};

TEST_F(GeneratorLayout, FixedLiteralsForSeed42) {
  const std::vector<double> d = cupp::random::default_rng(42).random<double>({4}).get();
  for (int i = 0; i < 4; ++i) EXPECT_EQ(d[i], kRandomDouble42[i]) << i;
  const std::vector<float> f = cupp::random::default_rng(42).random<float>({6}).get();
  for (int i = 0; i < 6; ++i) EXPECT_EQ(f[i], kRandomFloat42[i]) << i;
  const std::vector<std::int64_t> n =
      cupp::random::default_rng(42).integers<std::int64_t>(0, 100, {8}).get();
  for (int i = 0; i < 8; ++i) EXPECT_EQ(n[i], kIntegers42[i]) << i;
}

TEST_F(GeneratorLayout, PackedFloatIsOneWordPerElement) {
  auto g = cupp::random::default_rng(7);
  const philox::key k = key_of(7);
  const std::vector<float> v = g.random<float>({13}).get();  // 13: a partial last block
  for (u64 i = 0; i < 13; ++i) EXPECT_EQ(v[i], philox::to_float(packed4_word(k, 0, i))) << i;
  EXPECT_EQ(g.state().counter, 4u);  // ceil(13 / 4)
  // The next call continues at block 4, whatever was left of block 3.
  const std::vector<float> w = g.random<float>({5}).get();
  for (u64 i = 0; i < 5; ++i) EXPECT_EQ(w[i], philox::to_float(packed4_word(k, 4, i))) << i;
  EXPECT_EQ(g.state().counter, 6u);
}

TEST_F(GeneratorLayout, ConsecutiveCallsContinueTheCounter) {
  const philox::key k = key_of(11);
  {
    auto g = cupp::random::default_rng(11);
    const std::vector<float> a = g.random<float>({5}).get(), b = g.random<float>({3}).get();
    for (u64 i = 0; i < 5; ++i) EXPECT_EQ(a[i], philox::to_float(packed4_word(k, 0, i)));
    for (u64 i = 0; i < 3; ++i) EXPECT_EQ(b[i], philox::to_float(packed4_word(k, 2, i)));
    EXPECT_EQ(g.state().counter, 3u);
  }
  {
    auto g = cupp::random::default_rng(11);
    const std::vector<double> a = g.random<double>({5}).get(), b = g.random<double>({3}).get();
    for (u64 i = 0; i < 5; ++i) EXPECT_EQ(a[i], packed2_double(k, 0, i));
    for (u64 i = 0; i < 3; ++i) EXPECT_EQ(b[i], packed2_double(k, 3, i));
    EXPECT_EQ(g.state().counter, 5u);
  }
  {
    // Mixed kinds share the one counter: a float draw of 5, then doubles from block 2.
    auto g = cupp::random::default_rng(11);
    g.random<float>({5});
    const std::vector<double> b = g.random<double>({3}).get();
    for (u64 i = 0; i < 3; ++i) EXPECT_EQ(b[i], packed2_double(k, 2, i));
  }
}

TEST_F(GeneratorLayout, UniformAndExponentialUseThePackedWords) {
  const philox::key k = key_of(12);
  auto g = cupp::random::default_rng(12);
  // low + (high - low) u, possibly fused into one rounding: within one ulp.
  const std::vector<double> u = g.uniform<double>(-3, 5, {7}).get();
  for (u64 i = 0; i < 7; ++i) {
    const double expect = -3 + 8 * packed2_double(k, 0, i);
    EXPECT_NEAR(u[i], expect, 8 * std::numeric_limits<double>::epsilon()) << i;
  }
  // scale * -log(U) with U in (0, 1) from the same two words.
  const std::vector<double> e = g.exponential<double>(2.5, {5}).get();
  for (u64 i = 0; i < 5; ++i) {
    const philox::block b = philox::at(k, 4 + i / 2);
    const double expect = -2.5 * std::log(open_double(b.w[2 * (i % 2)], b.w[2 * (i % 2) + 1]));
    EXPECT_NEAR(e[i], expect, 1e-15 * std::fabs(expect)) << i;  // an ulp or two of log
  }
  EXPECT_EQ(g.state().counter, 7u);
}

// The ziggurat's tables, checked on their own: 256 layers of one area v under f(x) = exp(-x^2/2),
// the last (widest) rectangle r wide, the base layer a rectangle r f(r) plus the tail beyond r.
TEST(GeneratorZiggurat, TablesHaveEqualAreas) {
  const std::vector<double> t = cupp::random::detail::ziggurat_tables();
  ASSERT_EQ(t.size(), 768u);
  const double m1 = 4503599627370496.0, r = 3.6541528853610088, v = 4.92867323399e-3;
  const double* wi = t.data() + 256;
  const double* fi = t.data() + 512;
  auto f = [](double x) { return std::exp(-0.5 * x * x); };
  EXPECT_DOUBLE_EQ(wi[255] * m1, r);
  EXPECT_DOUBLE_EQ(fi[0], 1.0);
  // The base layer: the rectangle under f(r) plus the tail, sqrt(pi/2) erfc(r/sqrt(2)).
  const double tail = std::sqrt(M_PI / 2) * std::erfc(r / std::sqrt(2.0));
  EXPECT_NEAR(r * f(r) + tail, v, 1e-9 * v);
  for (int i = 1; i < 256; ++i) {
    const double x = wi[i] * m1;  // the right edge of layer i
    EXPECT_DOUBLE_EQ(fi[i], f(x)) << i;
    EXPECT_NEAR(x * (fi[i - 1] - fi[i]), v, 1e-9 * v) << i;  // the layer's area
    u64 ki;
    std::memcpy(&ki, &t[static_cast<std::size_t>(i)], sizeof ki);
    // The share of layer i's rectangle under the next layer's edge: entirely under the curve.
    const double inner = i == 1 ? 0.0 : wi[i - 1] * m1;
    EXPECT_NEAR(static_cast<double>(ki), inner / x * m1, 1.0) << i;
  }
}

// float64 normals: one 64-bit word per element (high word first), through the ziggurat: the low
// 8 bits pick the layer, the next the sign, the next 52 the position; inside the layer's inner
// rectangle (about 99% of words) the value is +-position * wi[layer]. The rare others retry from
// their own stream and are checked by the distribution tests.
TEST_F(GeneratorLayout, StandardNormalDoubleIsTheZigguratOfEachWord) {
  const philox::key k = key_of(13);
  const std::vector<double> t = cupp::random::detail::ziggurat_tables();
  auto g = cupp::random::default_rng(13);
  const std::int64_t n = 10001;
  const std::vector<double> z = g.standard_normal<double>({n}).get();
  std::int64_t fast = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    const philox::block b = philox::at(k, static_cast<u64>(i) / 2);
    const u64 word = (static_cast<u64>(b.w[2 * (i % 2)]) << 32) | b.w[2 * (i % 2) + 1];
    const int layer = static_cast<int>(word & 0xff);
    const u64 position = (word >> 9) & 0x000fffffffffffffull;
    u64 ki;
    std::memcpy(&ki, &t[static_cast<std::size_t>(layer)], sizeof ki);
    if (position < ki) {
      const double x = static_cast<double>(position) * t[256 + static_cast<std::size_t>(layer)];
      EXPECT_EQ(z[i], (word >> 8) & 1 ? -x : x) << i;
      ++fast;
    } else {
      EXPECT_TRUE(std::isfinite(z[i])) << i;
    }
  }
  EXPECT_GT(fast, n * 97 / 100);
  EXPECT_EQ(g.state().counter, static_cast<u64>((n + 1) / 2));
}

TEST_F(GeneratorLayout, StandardNormalFloatIsBoxMullerOnWordPairs) {
  const philox::key k = key_of(14);
  auto g = cupp::random::default_rng(14);
  const std::vector<float> z = g.standard_normal<float>({10}).get();
  for (u64 i = 0; i < 10; ++i) {
    const philox::block b = philox::at(k, i / 4);
    const int j = static_cast<int>(i % 4) / 2;
    // u1 in (0, 1] from word 2j as a float (rounded to 24 bits) times 2^-32 plus 2^-33, the
    // angle from word 2j + 1; cos first.
    const float u1 = static_cast<float>(b.w[2 * j]) * 0x1p-32f + 0x1p-33f;
    const double r = std::sqrt(-2 * std::log(static_cast<double>(u1)));
    const double angle = 2 * 3.141592653589793 * philox::to_float(b.w[2 * j + 1]);
    const double expect = i % 2 == 0 ? r * std::cos(angle) : r * std::sin(angle);
    // Float arithmetic on the device: a few ulps of float on each step.
    EXPECT_NEAR(z[i], expect, 2e-6 * (1 + std::fabs(expect))) << i;
  }
  EXPECT_EQ(g.state().counter, 3u);
}

TEST_F(GeneratorLayout, IntegersAreLemireOnPerElementStreams) {
  const philox::key k = key_of(15);
  auto g = cupp::random::default_rng(15);
  g.random<double>({3});  // counter 2: the streams start at element id 2
  const std::vector<std::int64_t> a = g.integers<std::int64_t>(0, 1000, {37}).get();
  for (u64 i = 0; i < 37; ++i) {
    host_stream s{k, 2 + i};
    EXPECT_EQ(a[i], static_cast<std::int64_t>(lemire(s, 1000))) << i;
  }
  EXPECT_EQ(g.state().counter, 2u + 37u);
  // A 64-bit range (3 2^62 values, one in four words rejected) from the low end of int64.
  const std::int64_t low = std::numeric_limits<std::int64_t>::min();
  const std::int64_t high = std::int64_t{1} << 62;  // low + 3 2^62
  const std::vector<std::int64_t> b = g.integers<std::int64_t>(low, high, {21}).get();
  for (u64 i = 0; i < 21; ++i) {
    host_stream s{k, 39 + i};
    EXPECT_EQ(b[i], static_cast<std::int64_t>(static_cast<u64>(low) + lemire(s, 3ull << 62)))
        << i;
  }
  // Small types add the offset in 64 bits and keep the low bits.
  const std::vector<std::int8_t> c = g.integers<std::int8_t>(-100, 27, {16}).get();
  for (u64 i = 0; i < 16; ++i) {
    host_stream s{k, 60 + i};
    EXPECT_EQ(c[i], static_cast<std::int8_t>(-100 + static_cast<std::int64_t>(lemire(s, 127))));
  }
  EXPECT_EQ(g.state().counter, 76u);
}

TEST_F(GeneratorLayout, GammaOfShapeOneIsAnExponentialOnTheStream) {
  // standard_gamma(1) is -log(U), U in (0, 1) from the first two words of element i's stream.
  const philox::key k = key_of(16);
  auto g = cupp::random::default_rng(16);
  const std::vector<double> x = g.gamma<double>(1.0, 2.0, {11}).get();
  for (u64 i = 0; i < 11; ++i) {
    host_stream s{k, i};
    const u32 hi = s.next32(), lo = s.next32();
    const double expect = -2.0 * std::log(open_double(hi, lo));
    EXPECT_NEAR(x[i], expect, 1e-15 * std::fabs(expect)) << i;  // an ulp or two of log
  }
  EXPECT_EQ(g.state().counter, 11u);
}

// ---- reproducibility ------------------------------------------------------------------------------------

class GeneratorRepro : public GpuTest {};

TEST_F(GeneratorRepro, SameSeedSameNumbersOtherSeedsDiffer) {
  auto draw = [](std::uint64_t seed) {
    auto g = cupp::random::default_rng(seed);
    std::vector<double> out = g.random<double>({1000}).get();
    for (const double x : g.standard_normal<double>({1001}).get()) out.push_back(x);
    for (const double x : g.gamma<double>(0.7, 1.0, {999}).get()) out.push_back(x);
    for (const auto x : g.integers<std::int64_t>(-50, 50, {100}).get())
      out.push_back(static_cast<double>(x));
    for (const auto x : g.poisson(30, {100}).get()) out.push_back(static_cast<double>(x));
    return out;
  };
  const std::vector<double> a = draw(2026);
  EXPECT_EQ(a, draw(2026));
  const std::vector<double> b = draw(2027);
  ASSERT_EQ(a.size(), b.size());
  std::size_t same = 0;
  for (std::size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  // Only the small integers and Poisson counts can agree by chance.
  EXPECT_LT(same, 100u);
}

TEST_F(GeneratorRepro, ResultsDoNotDependOnTheStream) {
  auto draw = [] {
    auto g = cupp::random::default_rng(99);
    std::vector<double> out = g.random<double>({100003}).get();
    for (const float x : g.standard_normal<float>({5001}).get()) out.push_back(x);
    for (const double x : g.beta<double>(0.3, 2, {4097}).get()) out.push_back(x);
    for (const auto x : g.binomial(1000, 0.3, {3000}).get()) out.push_back(static_cast<double>(x));
    return out;
  };
  const std::vector<double> on_default = draw();
  cupp::cuda::Stream s;
  std::vector<double> on_stream;
  {
    cupp::cuda::StreamGuard guard(s);
    on_stream = draw();
  }
  EXPECT_EQ(on_default, on_stream);
  cupp::cuda::Stream non_blocking(true);
  {
    cupp::cuda::StreamGuard guard(non_blocking);
    EXPECT_EQ(draw(), on_default);
  }
}

TEST_F(GeneratorRepro, EmptyAndZeroDimensionalSizes) {
  const philox::key k = key_of(21);
  auto g = cupp::random::default_rng(21);
  EXPECT_EQ(g.random<double>({0}).size(), 0);
  EXPECT_EQ(g.random<float>({3, 0, 2}).shape(), (cupp::shape_t{3, 0, 2}));
  EXPECT_EQ(g.standard_normal<double>({0, 4}).shape(), (cupp::shape_t{0, 4}));
  EXPECT_EQ(g.integers<std::int32_t>(0, 9, {0}).size(), 0);
  EXPECT_EQ(g.gamma<float>(2, 1, {5, 0}).size(), 0);
  EXPECT_EQ(g.poisson(3, {0}).size(), 0);
  EXPECT_EQ(g.multinomial(5, {0.5, 0.5}, {0}).shape(), (cupp::shape_t{0, 2}));
  EXPECT_EQ(g.dirichlet<double>({1, 1, 1}, {2, 0}).shape(), (cupp::shape_t{2, 0, 3}));
  EXPECT_EQ(g.choice(5, {0}).size(), 0);
  EXPECT_EQ(g.choice(0, {0}).size(), 0);  // an empty population when nothing is taken
  EXPECT_EQ(g.permutation(0).size(), 0);
  EXPECT_EQ(g.state().counter, 0u);  // nothing drawn, nothing used
  // A 0-d size draws one value: the first element of the layout.
  const auto x = g.random<double>({});
  EXPECT_EQ(x.ndim(), 0);
  EXPECT_EQ(x.item(), packed2_double(k, 0, 0));
  EXPECT_EQ(g.state().counter, 1u);
  const auto n = g.integers<std::int64_t>(0, 1000, {});
  EXPECT_EQ(n.ndim(), 0);
  host_stream s{k, 1};
  EXPECT_EQ(n.item(), static_cast<std::int64_t>(lemire(s, 1000)));
  EXPECT_EQ(g.state().counter, 2u);
  EXPECT_EQ(g.multinomial(5, {0.5, 0.5}, {}).shape(), (cupp::shape_t{2}));
  EXPECT_EQ(g.state().counter, 3u);  // one row
}

// ---- bad input ------------------------------------------------------------------------------------------

// integers' range checks run before anything reaches the GPU; NumPy's messages and order: the
// bounds of the dtype first, then the order ("low >= high", or "low > high" with endpoint).
TEST(GeneratorArgs, IntegerBoundsAndOrder) {
  auto g = cupp::random::default_rng(1);
  using cupp::value_error;
  CUPP_EXPECT_THROW_MSG(g.integers<std::int64_t>(5, 5, {3}), value_error, "low >= high");
  CUPP_EXPECT_THROW_MSG(g.integers<std::int64_t>(5, 4, {3}), value_error, "low >= high");
  CUPP_EXPECT_THROW_MSG(g.integers<std::int64_t>(5, 4, {3}, true), value_error, "low > high");
  CUPP_EXPECT_THROW_MSG(g.integers<std::int8_t>(-129, 0, {3}), value_error,
                        "low is out of bounds for int8");
  // Bounds before order: both wrong reports the bound.
  CUPP_EXPECT_THROW_MSG(g.integers<std::int8_t>(-200, -300, {3}), value_error,
                        "low is out of bounds for int8");
  CUPP_EXPECT_THROW_MSG(g.integers<std::int8_t>(0, 129, {3}), value_error,
                        "high is out of bounds for int8");
  CUPP_EXPECT_THROW_MSG(g.integers<std::int8_t>(0, 128, {3}, true), value_error,
                        "high is out of bounds for int8");
  CUPP_EXPECT_THROW_MSG(g.integers<std::uint8_t>(-1, 5, {3}), value_error,
                        "low is out of bounds for uint8");
  CUPP_EXPECT_THROW_MSG(g.integers<std::uint8_t>(0, 257, {3}), value_error,
                        "high is out of bounds for uint8");
  CUPP_EXPECT_THROW_MSG(g.integers<std::uint8_t>(0, 256, {3}, true), value_error,
                        "high is out of bounds for uint8");
  CUPP_EXPECT_THROW_MSG(g.integers<std::int16_t>(0, 40000, {3}), value_error,
                        "high is out of bounds for int16");
  CUPP_EXPECT_THROW_MSG(g.integers<std::uint32_t>(-5, 3, {3}), value_error,
                        "low is out of bounds for uint32");
  CUPP_EXPECT_THROW_MSG(g.integers<std::uint64_t>(-1, 3, {3}), value_error,
                        "low is out of bounds for uint64");
  CUPP_EXPECT_THROW_MSG(g.integers<bool>(0, 3, {3}), value_error, "high is out of bounds for bool");
  CUPP_EXPECT_THROW_MSG(g.integers<bool>(-1, 1, {3}), value_error, "low is out of bounds for bool");
  CUPP_EXPECT_THROW_MSG(g.integers<bool>(0, 2, {3}, true), value_error,
                        "high is out of bounds for bool");
  EXPECT_EQ(g.state().counter, 0u);
}

// choice's checks also come before any draw.
TEST(GeneratorArgs, Choice) {
  auto g = cupp::random::default_rng(2);
  using cupp::value_error;
  CUPP_EXPECT_THROW_MSG(g.choice(-1, {3}), value_error,
                        "a must be a positive integer unless no samples are taken");
  CUPP_EXPECT_THROW_MSG(g.choice(0, {3}), value_error,
                        "a cannot be empty unless no samples are taken");
  CUPP_EXPECT_THROW_MSG(g.choice(3, {2}, true, {0.5, 0.5}), value_error,
                        "a and p must have same size");
  CUPP_EXPECT_THROW_MSG(g.choice(3, {2}, true, {0.5, 0.4, 0.3}), value_error,
                        "probabilities do not sum to 1");
  CUPP_EXPECT_THROW_MSG(g.choice(3, {2}, true, {0.5, -0.1, 0.6}), value_error,
                        "probabilities are not non-negative");
  CUPP_EXPECT_THROW_MSG(g.choice(3, {2}, true, {0.5, std::nan(""), 0.5}), value_error,
                        "probabilities contain NaN");
  CUPP_EXPECT_THROW_MSG(g.choice(3, {4}, false), value_error,
                        "Cannot take a larger sample than population when replace is False");
  CUPP_EXPECT_THROW_MSG(g.choice(3, {2, 2}, false, {0.2, 0.3, 0.5}), value_error,
                        "Cannot take a larger sample than population when replace is False");
  CUPP_EXPECT_THROW_MSG(g.choice(4, {3}, false, {0.5, 0, 0.5, 0}), value_error,
                        "Fewer non-zero entries in p than size");
  CUPP_EXPECT_THROW_MSG(g.choice(3, {-1}), value_error, "negative dimensions are not allowed");
  EXPECT_EQ(g.state().counter, 0u);
}

class GeneratorBadInput : public GpuTest {};

TEST_F(GeneratorBadInput, EveryDistributionCheck) {
  auto g = cupp::random::default_rng(3);
  using cupp::value_error;
  const double nan = std::nan("");
  CUPP_EXPECT_THROW_MSG(g.uniform<double>(0, INFINITY, {3}), cupp::overflow_error,
                        "high - low range exceeds valid bounds");
  CUPP_EXPECT_THROW_MSG(g.uniform<float>(-1e308, 1e308, {3}), cupp::overflow_error,
                        "high - low range exceeds valid bounds");
  CUPP_EXPECT_THROW_MSG(g.uniform<double>(1, 0, {3}), value_error, "high - low < 0");
  CUPP_EXPECT_THROW_MSG(g.normal<double>(0, -1, {3}), value_error, "scale < 0");
  CUPP_EXPECT_THROW_MSG(g.normal<double>(0, -0.0, {3}), value_error, "scale < 0");
  CUPP_EXPECT_THROW_MSG(g.normal<float>(0, -1, {3}), value_error, "scale < 0");
  CUPP_EXPECT_THROW_MSG(g.exponential<double>(-1, {3}), value_error, "scale < 0");
  CUPP_EXPECT_THROW_MSG(g.logistic<double>(0, -1, {3}), value_error, "scale < 0");
  CUPP_EXPECT_THROW_MSG(g.gumbel<double>(0, -1, {3}), value_error, "scale < 0");
  CUPP_EXPECT_THROW_MSG(g.laplace<double>(0, -1, {3}), value_error, "scale < 0");
  CUPP_EXPECT_THROW_MSG(g.rayleigh<double>(-1, {3}), value_error, "scale < 0");
  CUPP_EXPECT_THROW_MSG(g.lognormal<double>(0, -1, {3}), value_error, "sigma < 0");
  CUPP_EXPECT_THROW_MSG(g.standard_gamma<double>(-1, {3}), value_error, "shape < 0");
  CUPP_EXPECT_THROW_MSG(g.gamma<double>(1, -1, {3}), value_error, "scale < 0");
  CUPP_EXPECT_THROW_MSG(g.beta<double>(0, 1, {3}), value_error, "a <= 0");
  CUPP_EXPECT_THROW_MSG(g.beta<double>(1, 0, {3}), value_error, "b <= 0");
  // NumPy's positive constraint lets NaN through (the draw is then NaN).
  EXPECT_NO_THROW(cupp::random::default_rng(5).beta<double>(nan, 1, {3}));
  CUPP_EXPECT_THROW_MSG(g.chisquare<double>(0, {3}), value_error, "df <= 0");
  CUPP_EXPECT_THROW_MSG(g.standard_t<double>(-1, {3}), value_error, "df <= 0");
  CUPP_EXPECT_THROW_MSG(g.f<double>(0, 1, {3}), value_error, "dfnum <= 0");
  CUPP_EXPECT_THROW_MSG(g.f<double>(1, 0, {3}), value_error, "dfden <= 0");
  CUPP_EXPECT_THROW_MSG(g.weibull<double>(-1, {3}), value_error, "a < 0");
  CUPP_EXPECT_THROW_MSG(g.pareto<double>(0, {3}), value_error, "a <= 0");
  CUPP_EXPECT_THROW_MSG(g.vonmises<double>(0, -1, {3}), value_error, "kappa < 0");
  CUPP_EXPECT_THROW_MSG(g.triangular<double>(1, 0, 2, {3}), value_error, "left > mode");
  CUPP_EXPECT_THROW_MSG(g.triangular<double>(0, 3, 2, {3}), value_error, "mode > right");
  CUPP_EXPECT_THROW_MSG(g.triangular<double>(1, 1, 1, {3}), value_error, "left == right");
  CUPP_EXPECT_THROW_MSG(g.binomial(-1, 0.5, {3}), value_error, "n < 0");
  for (const double p : {nan, -0.1, 1.1})
    CUPP_EXPECT_THROW_MSG(g.binomial(1, p, {3}), value_error, "p < 0, p > 1 or p is NaN");
  // NumPy's scalar check of lam (CONS_POISSON): one message for negative and NaN.
  CUPP_EXPECT_THROW_MSG(g.poisson(-1, {3}), value_error, "lam < 0 or lam is NaN");
  CUPP_EXPECT_THROW_MSG(g.poisson(nan, {3}), value_error, "lam < 0 or lam is NaN");
  CUPP_EXPECT_THROW_MSG(g.poisson(1e19, {3}), value_error, "lam value too large");
  for (const double p : {0.0, -0.5, 1.5, nan})
    CUPP_EXPECT_THROW_MSG(g.geometric(p, {3}), value_error, "p <= 0, p > 1 or p contains NaNs");
  CUPP_EXPECT_THROW_MSG(g.negative_binomial(0, 0.5, {3}), value_error, "n <= 0");
  CUPP_EXPECT_THROW_MSG(g.negative_binomial(nan, 0.5, {3}), value_error, "n must not be NaN");
  CUPP_EXPECT_THROW_MSG(g.negative_binomial(1, 0, {3}), value_error,
                        "p <= 0, p > 1 or p contains NaNs");
  CUPP_EXPECT_THROW_MSG(g.negative_binomial(1, 1.5, {3}), value_error,
                        "p <= 0, p > 1 or p contains NaNs");
  CUPP_EXPECT_THROW_MSG(g.hypergeometric(-1, 1, 1, {3}), value_error, "ngood < 0");
  CUPP_EXPECT_THROW_MSG(g.hypergeometric(1, -1, 1, {3}), value_error, "nbad < 0");
  CUPP_EXPECT_THROW_MSG(g.hypergeometric(1, 1, -1, {3}), value_error, "nsample < 0");
  CUPP_EXPECT_THROW_MSG(g.hypergeometric(1, 1, 3, {3}), value_error, "ngood + nbad < nsample");
  CUPP_EXPECT_THROW_MSG(g.multinomial(-1, {0.5, 0.5}, {3}), value_error, "n < 0");
  CUPP_EXPECT_THROW_MSG(g.multinomial(1, {-0.1, 1.1}, {3}), value_error,
                        "pvals < 0, pvals > 1 or pvals contains NaNs");
  CUPP_EXPECT_THROW_MSG(g.multinomial(1, {0.5, nan}, {3}), value_error,
                        "pvals < 0, pvals > 1 or pvals contains NaNs");
  CUPP_EXPECT_THROW_MSG(g.multinomial(1, {0.7, 0.6, 0.1}, {3}), value_error,
                        "sum(pvals[:-1]) > 1.0");
  CUPP_EXPECT_THROW_MSG(g.dirichlet<double>({1, -1}, {3}), value_error, "alpha < 0");
  CUPP_EXPECT_THROW_MSG(g.dirichlet<double>({1, nan}, {3}), value_error, "alpha contains NaNs");
  // Negative sizes.
  CUPP_EXPECT_THROW_MSG(g.random<double>({-1}), value_error, "negative dimensions are not allowed");
  CUPP_EXPECT_THROW_MSG(g.standard_normal<float>({2, -3}), value_error,
                        "negative dimensions are not allowed");
  CUPP_EXPECT_THROW_MSG(g.integers<std::int32_t>(0, 5, {-2}), value_error,
                        "negative dimensions are not allowed");
  CUPP_EXPECT_THROW_MSG(g.poisson(1, {-1}), value_error, "negative dimensions are not allowed");
  CUPP_EXPECT_THROW_MSG(g.permutation(-1), value_error, "negative dimensions are not allowed");
  // 0-d arrays where rows are needed.
  cupp::ndarray<double> scalar = cupp::random::default_rng(4).random<double>({});
  CUPP_EXPECT_THROW_MSG(g.permutation(scalar), value_error,
                        "x must be an integer or at least 1-dimensional");
  CUPP_EXPECT_THROW_MSG(g.shuffle(scalar), value_error, "array must be at least 1-dimensional");
  CUPP_EXPECT_THROW_MSG(g.choice(scalar, {2}), value_error,
                        "a must be 1-dimensional or an integer");
  // A rejected call uses no numbers, and the next one works.
  EXPECT_EQ(g.state().counter, 0u);
  EXPECT_EQ(cudaGetLastError(), cudaSuccess);
  const std::vector<double> after = g.random<double>({3}).get();
  for (u64 i = 0; i < 3; ++i) EXPECT_EQ(after[i], packed2_double(key_of(3), 0, i));
}

// ---- the legacy functions ---------------------------------------------------------------------------------

class LegacyRandom : public GpuTest {};

TEST_F(LegacyRandom, SeedRepeatsEveryFunction) {
  auto all = [] {
    std::vector<double> out;
    for (const double x : cupp::random::rand<double>({5}).get()) out.push_back(x);
    for (const float x : cupp::random::randn<float>({5}).get()) out.push_back(x);
    for (const auto x : cupp::random::randint(-3, 9, {5}).get()) out.push_back(static_cast<double>(x));
    for (const auto x : cupp::random::randint(4, {5}).get()) out.push_back(static_cast<double>(x));
    for (const double x : cupp::random::uniform<double>(2, 3, {5}).get()) out.push_back(x);
    for (const double x : cupp::random::normal<double>(10, 0.1, {5}).get()) out.push_back(x);
    for (const auto x : cupp::random::choice(7, {5}).get()) out.push_back(static_cast<double>(x));
    for (const auto x : cupp::random::permutation(6).get()) out.push_back(static_cast<double>(x));
    auto a = cupp::asarray(std::vector<double>{1, 2, 3, 4, 5, 6});
    cupp::random::shuffle(a);
    for (const double x : a.get()) out.push_back(x);
    return out;
  };
  cupp::random::seed(5);
  const std::vector<double> first = all();
  cupp::random::seed(5);
  EXPECT_EQ(all(), first);
  cupp::random::seed(6);
  EXPECT_NE(all(), first);
}

TEST_F(LegacyRandom, FunctionsDrawWhatTheyPromise) {
  cupp::random::seed(8);
  for (const double x : cupp::random::rand<double>({1000}).get()) EXPECT_TRUE(x >= 0 && x < 1);
  for (const float x : cupp::random::random_sample<float>({1000}).get())
    EXPECT_TRUE(x >= 0 && x < 1);
  for (const double x : cupp::random::randn<double>({1000}).get()) EXPECT_TRUE(std::isfinite(x));
  for (const auto x : cupp::random::randint(-3, 9, {1000}).get()) EXPECT_TRUE(x >= -3 && x < 9);
  for (const auto x : cupp::random::randint(4, {1000}).get()) EXPECT_TRUE(x >= 0 && x < 4);
  for (const double x : cupp::random::uniform<double>(2, 3, {1000}).get())
    EXPECT_TRUE(x >= 2 && x <= 3);
  for (const double x : cupp::random::normal<double>(10, 0.1, {1000}).get())
    EXPECT_NEAR(x, 10, 1);
  for (const auto x : cupp::random::choice(7, {1000}).get()) EXPECT_TRUE(x >= 0 && x < 7);
  for (const auto x : cupp::random::choice(4, {1000}, true, {0, 0.5, 0, 0.5}).get())
    EXPECT_TRUE(x == 1 || x == 3);
  std::vector<std::int64_t> p = cupp::random::permutation(100).get();
  std::sort(p.begin(), p.end());
  for (std::int64_t i = 0; i < 100; ++i) EXPECT_EQ(p[i], i);
  auto a = cupp::asarray(std::vector<double>{1, 2, 3, 4, 5, 6});
  cupp::random::shuffle(a);
  std::vector<double> v = a.get();
  std::sort(v.begin(), v.end());
  EXPECT_EQ(v, (std::vector<double>{1, 2, 3, 4, 5, 6}));
  CUPP_EXPECT_THROW_MSG(cupp::random::randint(5, 5, {3}), cupp::value_error, "low >= high");
  CUPP_EXPECT_THROW_MSG(cupp::random::randint(0, {3}), cupp::value_error, "low >= high");
  CUPP_EXPECT_THROW_MSG(cupp::random::randint(-1, {3}), cupp::value_error, "low >= high");
}

}  // namespace
