// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// standard_cauchy, power, wald, noncentral_chisquare, noncentral_f, zipf and logseries against
// SciPy's laws (tests/random/make_random.py, kept in tests/data/random/random.npz): 2^20 samples
// from a fixed seed, for float and double where the method takes T; their mean and variance within
// 6 standard errors of SciPy's where the moments they need are finite, and a chi-square test at
// the 1e-3 level over 64 bins of equal probability (continuous laws) or over the values (discrete
// ones). Then their argument checks (on the host: they come before any GPU work), shapes,
// dtypes and reproducibility; RandomState, get_random_state and set_random_state, the module
// functions; and the bit generators Philox4x3210, XORWOW and MRG32k3a.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include <cupp/philox.cuh>

#include "cdf_reference.hpp"
#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "support/dtypes.hpp"
#include "support/gpu.hpp"

namespace {

namespace ref = cupp::test::ref;
using cupp::test::GpuTest;
using cupp::value_error;

constexpr std::int64_t kN = std::int64_t{1} << 20;
const double kNaN = std::nan("");

// ---- SciPy's laws -------------------------------------------------------------------------------

/// One case of random.npz (make_random.py describes the members).
struct law_table {
  std::vector<double> params, edges, probs, moments;
};

law_table table(const std::string& name) {
  static const cupp::npz_file npz =
      cupp::load_npz(std::string(CUPP_TEST_DATA_DIR) + "/random/random.npz");
  auto member = [&](const char* key) {
    return cupp::ndarray<double>(npz[name + "__" + key].as<double>()).get();
  };
  return law_table{member("params"), member("edges"), member("probs"), member("moments")};
}

/// The moments where SciPy marks them checkable, then the chi-square statistic at the 1e-3 level
/// (ref::chi_square_critical; bins of fewer than 5 expected merge). The seeds are fixed and the
/// numbers the same on every GPU, so a check passes or fails for good; a correct sampler fails
/// one check in a thousand, so confirm a failure on other seeds before calling it a bug.
void expect_law(const std::vector<double>& v, const law_table& t, bool discrete,
                const std::string& what) {
  const double n = static_cast<double>(v.size());
  std::int64_t bad = 0;
  for (const double x : v) bad += !std::isfinite(x);
  ASSERT_EQ(bad, 0) << what << ": samples that are not finite";
  const ref::sample_moments m = ref::moments_of(v);
  if (t.moments[2] == 1) {
    EXPECT_NEAR(m.mean, t.moments[0], 6 * std::sqrt(t.moments[1] / n)) << what << ": mean";
  }
  if (t.moments[3] == 1) {
    EXPECT_NEAR(m.var, t.moments[1], 6 * std::sqrt((m.m4 - m.var * m.var) / n))
        << what << ": variance";
  }
  ref::chi_square_result r;
  if (discrete) {
    const auto lo = static_cast<std::int64_t>(t.edges[0]);
    const auto hi = static_cast<std::int64_t>(t.edges[1]);
    if (lo == hi) {  // one value with probability 1
      for (const double x : v) ASSERT_EQ(x, static_cast<double>(lo)) << what;
      return;
    }
    for (const double x : v) ASSERT_GE(x, static_cast<double>(lo)) << what;
    r = ref::chi_square_discrete(v, lo, hi, [&](std::int64_t k) {
      return t.probs[static_cast<std::size_t>(k - lo)];
    });
  } else {
    std::vector<double> observed(t.probs.size(), 0.0), expected;
    for (const double x : v)
      ++observed[static_cast<std::size_t>(std::upper_bound(t.edges.begin(), t.edges.end(), x) -
                                          t.edges.begin())];
    for (const double p : t.probs) expected.push_back(n * p);
    r = ref::chi_square(observed, expected);
  }
  ASSERT_GE(r.dof, 1) << what;
  EXPECT_LE(r.statistic, ref::chi_square_critical(r.dof))
      << what << ": chi2 = " << r.statistic << " on " << r.dof << " degrees of freedom";
}

template <class V>
std::vector<double> as_double(const V& v) {
  return std::vector<double>(v.begin(), v.end());
}

/// The draw a case names, kN samples of T from `g`.
template <class T>
std::vector<double> draw(cupp::random::Generator& g, const std::string& dist,
                         const std::vector<double>& p) {
  const cupp::shape_t size{kN};
  if (dist == "standard_cauchy") return as_double(g.standard_cauchy<T>(size).get());
  if (dist == "power") return as_double(g.power<T>(p[0], size).get());
  if (dist == "wald") return as_double(g.wald<T>(p[0], p[1], size).get());
  if (dist == "noncentral_chisquare")
    return as_double(g.noncentral_chisquare<T>(p[0], p[1], size).get());
  if (dist == "noncentral_f") return as_double(g.noncentral_f<T>(p[0], p[1], p[2], size).get());
  if (dist == "zipf") return as_double(g.zipf(p[0], size).get());
  return as_double(g.logseries(p[0], size).get());
}

struct law_case {
  const char* dist;
  int count;  // cases <dist>_0 .. <dist>_{count - 1}
  bool discrete;
};
const law_case kCases[] = {{"standard_cauchy", 1, false}, {"power", 2, false},
                           {"wald", 3, false},           {"noncentral_chisquare", 4, false},
                           {"noncentral_f", 3, false},   {"zipf", 3, true},
                           {"logseries", 4, true}};

template <class T>
class MoreDistributions : public GpuTest {};
TYPED_TEST_SUITE(MoreDistributions, cupp::test::FloatDtypes);

TYPED_TEST(MoreDistributions, MatchSciPysLaws) {
  using T = TypeParam;
  std::uint64_t seed = sizeof(T) == 4 ? 7000 : 8000;
  for (const law_case& c : kCases) {
    // The integer laws have no T: they run once, with the double pass.
    if (c.discrete && sizeof(T) == 4) continue;
    for (int i = 0; i < c.count; ++i) {
      const std::string name = std::string(c.dist) + "_" + std::to_string(i);
      SCOPED_TRACE(name);
      const law_table t = table(name);
      auto g = cupp::random::default_rng(++seed);
      const std::vector<double> v = draw<T>(g, c.dist, t.params);
      ASSERT_EQ(v.size(), static_cast<std::size_t>(kN));
      expect_law(v, t, c.discrete, name);
    }
  }
}

TYPED_TEST(MoreDistributions, RangesAndTypes) {
  using T = TypeParam;
  auto g = cupp::random::default_rng(sizeof(T) == 4 ? 31 : 32);
  static_assert(std::is_same_v<decltype(g.template wald<T>(1, 1, {})), cupp::ndarray<T>>);
  static_assert(std::is_same_v<decltype(g.zipf(2, {})), cupp::ndarray<std::int64_t>>);
  for (const T x : g.template power<T>(0.3, {100000}).get()) ASSERT_TRUE(x >= 0 && x <= 1) << x;
  for (const T x : g.template wald<T>(2, 0.1, {100000}).get()) ASSERT_TRUE(x > 0) << x;
  for (const T x : g.template noncentral_chisquare<T>(0.2, 0.3, {100000}).get())
    ASSERT_TRUE(x >= 0) << x;
  for (const T x : g.template noncentral_f<T>(2, 7, 3, {100000}).get()) ASSERT_TRUE(x >= 0) << x;
  // NumPy's NaN noncentrality gives NaN.
  for (const T x : g.template noncentral_chisquare<T>(2, kNaN, {10}).get()) EXPECT_TRUE(std::isnan(x));
  // Exponents beyond 1025 give 1 (NumPy); large ones stay positive.
  for (const auto x : g.zipf(2000, {100}).get()) EXPECT_EQ(x, 1);
  for (const auto x : g.zipf(1.05, {100000}).get()) ASSERT_GE(x, 1);
  for (const auto x : g.logseries(0.999999, {100000}).get()) ASSERT_GE(x, 1);
  for (const auto x : g.logseries(0, {100}).get()) EXPECT_EQ(x, 1);
}

// ---- shapes and reproducibility -------------------------------------------------------------------

class MoreDistributionsRepro : public GpuTest {};

TEST_F(MoreDistributionsRepro, SameSeedSameNumbers) {
  auto all = [](cupp::random::Generator g) {
    std::vector<double> out = as_double(g.standard_cauchy<double>({101}).get());
    for (const float x : g.power<float>(2, {33}).get()) out.push_back(x);
    for (const double x : g.wald<double>(1, 2, {77}).get()) out.push_back(x);
    for (const double x : g.noncentral_chisquare<double>(3, 1, {50}).get()) out.push_back(x);
    for (const float x : g.noncentral_f<float>(3, 5, 1, {50}).get()) out.push_back(x);
    for (const auto x : g.zipf(2, {60}).get()) out.push_back(static_cast<double>(x));
    for (const auto x : g.logseries(0.7, {60}).get()) out.push_back(static_cast<double>(x));
    return out;
  };
  const std::vector<double> a = all(cupp::random::default_rng(404));
  EXPECT_EQ(a, all(cupp::random::default_rng(404)));
  EXPECT_EQ(a, all(cupp::random::Generator(cupp::random::Philox4x3210(404))));
  EXPECT_NE(a, all(cupp::random::default_rng(405)));
}

TEST_F(MoreDistributionsRepro, EmptyAndZeroDimensionalSizes) {
  auto g = cupp::random::default_rng(12);
  EXPECT_EQ(g.standard_cauchy<double>({0}).shape(), (cupp::shape_t{0}));
  EXPECT_EQ(g.power<float>(1, {3, 0, 2}).shape(), (cupp::shape_t{3, 0, 2}));
  EXPECT_EQ(g.wald<double>(1, 1, {0, 4}).shape(), (cupp::shape_t{0, 4}));
  EXPECT_EQ(g.noncentral_chisquare<float>(1, 1, {0}).size(), 0);
  EXPECT_EQ(g.noncentral_f<double>(1, 1, 1, {0}).size(), 0);
  EXPECT_EQ(g.zipf(2, {2, 0}).size(), 0);
  EXPECT_EQ(g.logseries(0.5, {0}).size(), 0);
  EXPECT_EQ(g.state().counter, 0u);
  // A 0-d size is one value; packed draws take one block, stream draws one element's stream.
  EXPECT_EQ(g.standard_cauchy<double>({}).ndim(), 0);
  EXPECT_EQ(g.state().counter, 1u);
  EXPECT_EQ(g.power<float>(2, {}).ndim(), 0);
  EXPECT_EQ(g.state().counter, 2u);
  EXPECT_EQ(g.zipf(3, {}).ndim(), 0);
  EXPECT_EQ(g.state().counter, 3u);
  EXPECT_EQ(g.wald<double>(1, 1, {2, 3}).shape(), (cupp::shape_t{2, 3}));
  EXPECT_EQ(g.state().counter, 9u);
  EXPECT_EQ(g.logseries(0.5, {5}).shape(), (cupp::shape_t{5}));
  EXPECT_EQ(g.state().counter, 14u);
}

// ---- argument checks, on the host -----------------------------------------------------------------

// NumPy 2's messages; NaN passes the "<= 0" and "< 0" checks (the draw is then NaN) but not
// zipf's or logseries'. A rejected call uses no numbers.
TEST(MoreDistributionsArgs, NumPysChecksBeforeAnyGpuWork) {
  auto g = cupp::random::default_rng(3);
  CUPP_EXPECT_THROW_MSG(g.power<double>(0, {3}), value_error, "a <= 0");
  CUPP_EXPECT_THROW_MSG(g.power<float>(-1, {3}), value_error, "a <= 0");
  CUPP_EXPECT_THROW_MSG(g.wald<double>(0, 1, {3}), value_error, "mean <= 0");
  CUPP_EXPECT_THROW_MSG(g.wald<double>(1, 0, {3}), value_error, "scale <= 0");
  CUPP_EXPECT_THROW_MSG(g.wald<float>(1, -2, {3}), value_error, "scale <= 0");
  CUPP_EXPECT_THROW_MSG(g.noncentral_chisquare<double>(0, 1, {3}), value_error, "df <= 0");
  CUPP_EXPECT_THROW_MSG(g.noncentral_chisquare<double>(1, -1, {3}), value_error, "nonc < 0");
  CUPP_EXPECT_THROW_MSG(g.noncentral_f<double>(0, 1, 1, {3}), value_error, "dfnum <= 0");
  CUPP_EXPECT_THROW_MSG(g.noncentral_f<double>(1, 0, 1, {3}), value_error, "dfden <= 0");
  CUPP_EXPECT_THROW_MSG(g.noncentral_f<double>(1, 1, -1, {3}), value_error, "nonc < 0");
  for (const double a : {1.0, 0.5, -3.0, kNaN})
    CUPP_EXPECT_THROW_MSG(g.zipf(a, {3}), value_error, "a <= 1 or a is NaN");
  for (const double p : {1.0, 1.5, -0.1, kNaN})
    CUPP_EXPECT_THROW_MSG(g.logseries(p, {3}), value_error, "p < 0, p >= 1 or p is NaN");
  // The checks of the first distributions also come before any GPU work now.
  CUPP_EXPECT_THROW_MSG(g.normal<double>(0, -1, {3}), value_error, "scale < 0");
  CUPP_EXPECT_THROW_MSG(g.gamma<float>(-1, 1, {3}), value_error, "shape < 0");
  CUPP_EXPECT_THROW_MSG(g.binomial(1, 2, {3}), value_error, "p < 0, p > 1 or p is NaN");
  EXPECT_EQ(g.state().counter, 0u);
  // RandomState has the same checks, and random_integers NumPy's (it calls randint(low, high + 1)).
  cupp::random::RandomState rs(3);
  CUPP_EXPECT_THROW_MSG(rs.zipf(1, {3}), value_error, "a <= 1 or a is NaN");
  CUPP_EXPECT_THROW_MSG(rs.wald<double>(-1, 1, {3}), value_error, "mean <= 0");
  CUPP_EXPECT_THROW_MSG(rs.random_integers(5, 4, {3}), value_error, "low >= high");
  CUPP_EXPECT_THROW_MSG(rs.random_integers(0, {3}), value_error, "low >= high");
  CUPP_EXPECT_THROW_MSG(rs.randint(5, 5, {3}), value_error, "low >= high");
  CUPP_EXPECT_THROW_MSG(rs.randint<std::uint8_t>(0, 300, {3}), value_error,
                        "high is out of bounds for uint8");
  EXPECT_EQ(rs.state().counter, 0u);
}

// ---- RandomState ----------------------------------------------------------------------------------

TEST(RandomStateSeed, SameStreamAsDefaultRng) {
  for (const std::uint64_t s : {std::uint64_t{0}, std::uint64_t{42}, ~std::uint64_t{0}}) {
    const cupp::random::RandomState rs(s);
    const auto g = cupp::random::default_rng(s);
    EXPECT_EQ(rs.state().key[0], g.state().key[0]);
    EXPECT_EQ(rs.state().key[1], g.state().key[1]);
    EXPECT_EQ(rs.state().counter, 0u);
  }
  cupp::random::RandomState rs(1);
  rs.seed(42);
  EXPECT_EQ(rs.state().key[0], cupp::random::default_rng(42).state().key[0]);
  EXPECT_EQ(rs.state().key[1], cupp::random::default_rng(42).state().key[1]);
  // No seed: fresh entropy.
  rs.seed();
  const cupp::random::RandomState other;
  EXPECT_FALSE(rs.state().key[0] == other.state().key[0] &&
               rs.state().key[1] == other.state().key[1]);
}

class RandomStateDraws : public GpuTest {};

TEST_F(RandomStateDraws, MethodsAreTheGeneratorsOnTheSameStream) {
  cupp::random::RandomState rs(77);
  auto g = cupp::random::default_rng(77);
  EXPECT_EQ(rs.rand<double>(3, 2).get(), g.random<double>({3, 2}).get());
  EXPECT_EQ(rs.random_sample<float>({5}).get(), g.random<float>({5}).get());
  EXPECT_EQ(rs.randn<double>({7}).get(), g.standard_normal<double>({7}).get());
  EXPECT_EQ(rs.randint(-4, 9, {20}).get(), g.integers<std::int64_t>(-4, 9, {20}).get());
  EXPECT_EQ(rs.randint<std::int32_t>(6, {20}).get(), g.integers<std::int32_t>(0, 6, {20}).get());
  EXPECT_EQ(rs.random_integers(1, 6, {30}).get(), g.integers<std::int64_t>(1, 6, {30}, true).get());
  EXPECT_EQ(rs.wald<double>(1, 3, {9}).get(), g.wald<double>(1, 3, {9}).get());
  EXPECT_EQ(rs.zipf(3, {9}).get(), g.zipf(3, {9}).get());
  EXPECT_EQ(rs.standard_cauchy<float>({9}).get(), g.standard_cauchy<float>({9}).get());
  EXPECT_EQ(rs.bytes(13), g.bytes(13));
  EXPECT_EQ(rs.state().counter, g.state().counter);
  // random_integers(high) is NumPy's high=None: [1, high].
  for (const auto x : rs.random_integers(4, {1000}).get()) ASSERT_TRUE(x >= 1 && x <= 4) << x;
  rs.seed(77);
  EXPECT_EQ(rs.state().counter, 0u);
  EXPECT_EQ(rs.rand<double>(3, 2).get(), cupp::random::default_rng(77).random<double>({3, 2}).get());
}

TEST_F(RandomStateDraws, GetAndSetRandomState) {
  cupp::random::seed(21);
  cupp::random::RandomState& rs = cupp::random::get_random_state();
  EXPECT_EQ(rs.state().counter, 0u);
  const auto a = cupp::random::rand<double>({4}).get();
  EXPECT_EQ(a, cupp::random::RandomState(21).rand<double>({4}).get());
  // The module functions draw from the object get_random_state returns.
  EXPECT_EQ(rs.state().counter, 2u);
  // seed() restarts it in place.
  cupp::random::seed(21);
  EXPECT_EQ(&cupp::random::get_random_state(), &rs);
  EXPECT_EQ(cupp::random::rand<double>({4}).get(), a);
  // set_random_state: the module functions continue from a copy of the given state.
  cupp::random::RandomState mine(99);
  const auto first = mine.randn<double>({3}).get();
  cupp::random::set_random_state(mine);
  EXPECT_EQ(cupp::random::randn<double>({3}).get(), mine.randn<double>({3}).get());
  EXPECT_NE(first, mine.randn<double>({3}).get());
}

TEST_F(RandomStateDraws, ModuleFunctionsOfEveryDistribution) {
  auto all = [] {
    namespace r = cupp::random;
    std::vector<double> out;
    auto add = [&](const auto& v) {
      for (const auto x : v) out.push_back(static_cast<double>(x));
    };
    add(r::ranf<double>({3}).get());
    add(r::sample<float>({3}).get());
    add(r::random_integers(2, 5, {3}).get());
    add(r::random_integers(5, {3}).get());
    add(r::standard_exponential<double>({3}).get());
    add(r::standard_gamma<double>(2, {3}).get());
    add(r::standard_cauchy<double>({3}).get());
    add(r::standard_t<double>(3, {3}).get());
    add(r::chisquare<double>(3, {3}).get());
    add(r::noncentral_chisquare<double>(3, 1, {3}).get());
    add(r::f<double>(3, 4, {3}).get());
    add(r::noncentral_f<double>(3, 4, 1, {3}).get());
    add(r::logistic<double>(0, 1, {3}).get());
    add(r::gumbel<double>(0, 1, {3}).get());
    add(r::laplace<double>(0, 1, {3}).get());
    add(r::rayleigh<double>(1, {3}).get());
    add(r::weibull<double>(2, {3}).get());
    add(r::pareto<double>(2, {3}).get());
    add(r::power<double>(2, {3}).get());
    add(r::wald<double>(1, 1, {3}).get());
    add(r::vonmises<double>(0, 1, {3}).get());
    add(r::triangular<double>(0, 1, 2, {3}).get());
    add(r::dirichlet<double>({1, 2}, {3}).get());
    add(r::geometric(0.3, {3}).get());
    add(r::negative_binomial(3, 0.5, {3}).get());
    add(r::hypergeometric(5, 5, 4, {3}).get());
    add(r::multinomial(5, {0.5, 0.5}, {3}).get());
    add(r::zipf(2, {3}).get());
    add(r::logseries(0.5, {3}).get());
    for (const char c : r::bytes(7)) out.push_back(static_cast<unsigned char>(c));
    return out;
  };
  cupp::random::seed(5);
  const std::vector<double> first = all();
  EXPECT_EQ(first.size(), 27u * 3 + 2 * 6 + 7);  // dirichlet and multinomial: rows of 2
  cupp::random::seed(5);
  EXPECT_EQ(all(), first);
  // The module functions are the RandomState's methods.
  cupp::random::set_random_state(cupp::random::RandomState(5));
  EXPECT_EQ(all(), first);
  CUPP_EXPECT_THROW_MSG(cupp::random::zipf(0.5, {3}), value_error, "a <= 1 or a is NaN");
  CUPP_EXPECT_THROW_MSG(cupp::random::random_integers(3, 2, {3}), value_error, "low >= high");
  EXPECT_EQ(cupp::random::bytes(0), "");
  EXPECT_EQ(cupp::random::bytes(-3), "");
}

// ---- bit generators -----------------------------------------------------------------------------

// Making a bit generator and a Generator on it takes no GPU work; what a cuRAND bit generator does
// not serve is refused before any.
TEST(BitGenerators, SeedingAndWhatEachServes) {
  using namespace cupp::random;
  const Philox4x3210 p(42);
  EXPECT_EQ(p.state().key[0], default_rng(42).state().key[0]);
  EXPECT_EQ(p.state().key[1], default_rng(42).state().key[1]);
  EXPECT_EQ(p.state().counter, 0u);
  EXPECT_EQ(Generator(p).state().key[0], p.state().key[0]);
  for (const BitGenerator& bits : {static_cast<const BitGenerator&>(XORWOW(1)),
                                   static_cast<const BitGenerator&>(MRG32k3a(2))}) {
    Generator g(bits);
    CUPP_EXPECT_THROW_MSG(g.gamma<double>(2, 1, {3}), cupp::not_implemented_error,
                          "Generator.gamma: XORWOW and MRG32k3a serve random, uniform, "
                          "standard_normal, normal, lognormal, standard_exponential, exponential "
                          "and bytes; use Philox4x3210 (default_rng) for the others");
    EXPECT_THROW(g.integers<std::int64_t>(0, 5, {3}), cupp::not_implemented_error);
    EXPECT_THROW(g.zipf(2, {3}), cupp::not_implemented_error);
    EXPECT_THROW(g.choice(5, {3}), cupp::not_implemented_error);
    EXPECT_THROW(g.permutation(5), cupp::not_implemented_error);
    // NumPy's checks come first.
    CUPP_EXPECT_THROW_MSG(g.normal<double>(0, -1, {3}), value_error, "scale < 0");
    CUPP_EXPECT_THROW_MSG(g.gamma<double>(-1, 1, {3}), value_error, "shape < 0");
  }
}

class BitGeneratorDraws : public GpuTest {};

TEST_F(BitGeneratorDraws, PhiloxRawWordsAreTheBlocksInOrder) {
  cupp::random::Philox4x3210 bits(42);
  const std::vector<std::uint32_t> w = bits.random_raw(10).get();
  const cupp::philox::key k{{bits.state().key[0], bits.state().key[1]}};
  for (std::uint64_t i = 0; i < 10; ++i)
    EXPECT_EQ(w[i], cupp::philox::at(k, i / 4).w[i % 4]) << i;
  EXPECT_EQ(bits.state().counter, 3u);
  EXPECT_EQ(bits.random_raw().ndim(), 0);
  EXPECT_EQ(bits.random_raw().item(), cupp::philox::at(k, 3).w[0]);
  EXPECT_EQ(bits.random_raw({0}).size(), 0);
  EXPECT_EQ(bits.state().counter, 4u);
  // bytes are the words' bytes in memory order.
  auto g = cupp::random::default_rng(42);
  const std::string b = g.bytes(6);
  std::uint32_t first[2];
  std::memcpy(first, b.data(), 4);
  EXPECT_EQ(first[0], cupp::philox::at(k, 0).w[0]);
  EXPECT_EQ(static_cast<unsigned char>(b[4]), cupp::philox::at(k, 0).w[1] & 0xffu);
}

template <class T>
class CurandBitGenerators : public GpuTest {};
TYPED_TEST_SUITE(CurandBitGenerators, cupp::test::FloatDtypes);

// cuRAND's own numbers, so only their laws and their reproducibility are checked: uniform on
// [0, 1), normal and exponential moments within 6 standard errors, odd sizes and 0-d.
TYPED_TEST(CurandBitGenerators, ServeUniformsNormalsAndExponentials) {
  using T = TypeParam;
  using namespace cupp::random;
  for (int which = 0; which < 2; ++which) {
    SCOPED_TRACE(which == 0 ? "XORWOW" : "MRG32k3a");
    auto make = [&](std::uint64_t s) -> Generator {
      return which == 0 ? Generator(XORWOW(s)) : Generator(MRG32k3a(s));
    };
    Generator g = make(2026);
    const double n = static_cast<double>(kN);
    const std::vector<T> u = g.random<T>({kN}).get();
    for (const T x : u) ASSERT_TRUE(x >= 0 && x < 1) << x;
    auto m = ref::moments_of(u);
    EXPECT_NEAR(m.mean, 0.5, 6 * std::sqrt(1.0 / 12 / n));
    EXPECT_NEAR(m.var, 1.0 / 12, 6 * std::sqrt((m.m4 - m.var * m.var) / n));
    for (const T x : g.uniform<T>(-2, 6, {1001}).get()) ASSERT_TRUE(x >= -2 && x <= 6) << x;
    m = ref::moments_of(g.normal<T>(3, 2, {kN + 1}).get());  // odd: drawn one longer
    EXPECT_NEAR(m.mean, 3, 6 * std::sqrt(4 / n));
    EXPECT_NEAR(m.var, 4, 6 * std::sqrt((m.m4 - m.var * m.var) / n));
    m = ref::moments_of(g.standard_normal<T>({kN}).get());
    EXPECT_NEAR(m.mean, 0, 6 * std::sqrt(1 / n));
    EXPECT_NEAR(m.var, 1, 6 * std::sqrt((m.m4 - m.var * m.var) / n));
    const std::vector<T> e = g.exponential<T>(2, {kN}).get();
    for (const T x : e) ASSERT_TRUE(x >= 0) << x;
    m = ref::moments_of(e);
    EXPECT_NEAR(m.mean, 2, 6 * std::sqrt(4 / n));
    for (const T x : g.lognormal<T>(0, 0.5, {999}).get()) ASSERT_TRUE(x > 0) << x;
    EXPECT_EQ(g.standard_normal<T>({}).ndim(), 0);
    EXPECT_EQ(g.random<T>({3, 0}).shape(), (cupp::shape_t{3, 0}));
    EXPECT_EQ(g.bytes(9).size(), 9u);
    // Same seed, same numbers; the bit generator and its Generators share one state.
    Generator a = make(5), b = make(5), c = make(5), d = make(6);
    EXPECT_EQ(a.random<T>({1000}).get(), b.random<T>({1000}).get());
    EXPECT_EQ(a.standard_normal<T>({999}).get(), b.standard_normal<T>({999}).get());
    EXPECT_NE(d.random<T>({100}).get(), c.random<T>({100}).get());
    if (which == 0) {
      XORWOW bits(8);
      const std::vector<std::uint32_t> w = bits.random_raw(100).get();
      EXPECT_EQ(XORWOW(8).random_raw(100).get(), w);
      Generator shared(bits);  // continues the stream random_raw used
      EXPECT_NE(Generator(XORWOW(8)).random<T>({10}).get(), shared.random<T>({10}).get());
    }
  }
}

}  // namespace
