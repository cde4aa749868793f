// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// numpy.random on the GPU: a Generator (numpy.random.Generator, default_rng) whose numbers come
// from Philox4x32-10 through counter-based kernels, and the legacy module functions (seed, rand,
// randn, randint, ...) on one such generator per device. For a given seed the numbers are the same
// on every GPU, launch configuration and cupp version (Note [Random stream layout] in
// kernels/cupp/random.cuh; docs/random.md).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/ndarray.hpp"
#include "cupp/routines/indexing.hpp"

namespace cupp::random {

namespace detail {

/// The sampler of a draw: which generated kernel fills the result.
enum class kind : int {
  // one uniform per element
  random, uniform, exponential, logistic, gumbel, laplace, weibull, pareto, rayleigh, triangular,
  standard_cauchy, power, geometric, bits,
  // one normal per element
  normal, lognormal,
  // a stream of words per element
  integers, gamma, beta, chisquare, f, standard_t, vonmises, binomial, poisson, negative_binomial,
  hypergeometric, noncentral_chisquare, noncentral_f, wald, zipf, logseries, choice,
  // a stream of words per row of m values
  multinomial, dirichlet
};

/// The scalar parameters of a draw (what each means is per kind, see random.cuh's samplers).
struct draw_args {
  double p0 = 0, p1 = 0, p2 = 0;
  std::int64_t i0 = 0, i1 = 0, i2 = 0;
  /// A per-call table (choice's cdf, multinomial's pvals, dirichlet's alpha), copied to the GPU.
  std::vector<double> table;
};

/// The whole state of a generator: the Philox key and the next unused block of its counter.
struct bit_state {
  std::uint32_t key[2] = {0, 0};
  std::uint64_t counter = 0;
};

/// The Philox state of a seed: the key is SplitMix64 of the seed (of fresh entropy without one),
/// the counter 0.
bit_state philox_state(std::optional<std::uint64_t> seed);

/// A cuRAND host generator (XORWOW or MRG32k3a) and its seed; the cuRAND handle is made on the
/// first draw, on the device current then (src/random/bit_generator.cpp).
struct curand_source;
enum class curand_type { xorwow, mrg32k3a };
std::shared_ptr<curand_source> make_curand_source(curand_type t, std::uint64_t seed);
/// Whether a cuRAND bit generator serves draws of `k` (words, uniforms, normals, lognormals,
/// exponentials).
bool curand_serves(kind k);
/// A seed from std::random_device and the clock, for generators made without one.
std::uint64_t entropy_seed();

/// NumPy's checks of the arguments of `k` (value_error with NumPy's messages).
void check_args(kind k, const draw_args& a);
/// check_args, and, for a Generator
/// on a cuRAND bit generator (`src` not null), not_implemented_error for the draws it does not
/// serve. Runs before anything reaches the GPU.
void check_draw(const curand_source* src, kind k, const draw_args& a);
/// not_implemented_error for `method` when `src` is a cuRAND bit generator.
void require_philox(const curand_source* src, const char* method);
/// Fills the C-contiguous `out` from the cuRAND generator (the kinds check_draw lets through).
void curand_draw(curand_source& src, kind k, const draw_args& a,
                 const cupp::detail::array_desc& out);
/// 32-bit words (uint32 `out`) from Philox (src null: the stream of `s`) or from cuRAND.
void raw_words(bit_state& s, curand_source* src, const cupp::detail::array_desc& out);
/// `length` random bytes, from the words raw_words gives.
std::string random_bytes(bit_state& s, curand_source* src, std::int64_t length);

/// Checks the arguments of `k` (NumPy's messages), fills the C-contiguous `out` on the current
/// stream and advances `s` past the blocks the draw used.
void draw(bit_state& s, kind k, const draw_args& a, const cupp::detail::array_desc& out);

/// [low, high) (or [low, high] with endpoint) as (low, count of values wrapped to 64 bits, 0
/// standing for 2^64): checks the bounds of dt, then the order, with NumPy's messages.
std::pair<std::int64_t, std::int64_t> integer_range(std::int64_t low, std::int64_t high,
                                                    bool endpoint, dtype dt);

/// The sorted keys' order: a uniformly random permutation of 0..n-1 (int64).
cupp::detail::array_desc permutation_indices(bit_state& s, std::int64_t n);
/// Generator.choice over range(a): int64 indices of shape `size`.
cupp::detail::array_desc choice_indices(bit_state& s, std::int64_t a, const shape_t& size,
                                        bool replace, const std::vector<double>& p);
/// x = mean + z A^T with A A^T = cov (by eigh), z standard normal of shape size + (d,).
cupp::detail::array_desc multivariate_normal(bit_state& s, const cupp::detail::array_desc& mean,
                                             const cupp::detail::array_desc& cov,
                                             const shape_t& size);

/// The ziggurat tables of float64 normals (Marsaglia and Tsang, 256 layers): ki (the bits of
/// 64-bit integers), wi and fi, 256 each.
std::vector<double> ziggurat_tables();

/// The generated kernel of (kind, dtype), its name (cupp_rng_<distribution>_<dtype>, e.g.
/// cupp_rng_normal_float64) and every pair that exists, for the compile tests.
std::string kernel_source(kind k, dtype dt);
std::string kernel_name(kind k, dtype dt);
std::vector<std::pair<kind, dtype>> all_kernels();

template <class T>
constexpr bool is_real_v = std::is_same_v<T, float> || std::is_same_v<T, double>;

/// NumPy's integer `size` argument (size=5 is the shape (5,)): any integer type but bool. A
/// template, so that a braced shape ({} or {2, 3}) still picks the shape_t overload.
template <class I>
using if_size = std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int>;
template <class I>
shape_t size_shape(I n) {
  return shape_t{static_cast<std::int64_t>(n)};
}

}  // namespace detail

/// cupy.random.BitGenerator: the source of a Generator's bits (XORWOW, MRG32k3a or Philox4x3210;
/// docs/random.md, "Bit generators"). A Philox4x3210 is a value (its key and counter); XORWOW and
/// MRG32k3a are handles to one cuRAND generator, which their copies and the Generators made from
/// them share.
class BitGenerator {
 public:
  /// BitGenerator.random_raw: the next 32-bit words of the stream, uint32 of shape `size` ({}:
  /// one word as a 0-d array).
  ndarray<std::uint32_t> random_raw(const shape_t& size = {}) {
    ndarray<std::uint32_t> out(size);
    detail::raw_words(philox_, curand_.get(), out.desc());
    return out;
  }
  /// random_raw(n): an integer size n is the shape (n,).
  template <class N, detail::if_size<N> = 0>
  ndarray<std::uint32_t> random_raw(N size) {
    return random_raw(detail::size_shape(size));
  }

 protected:
  BitGenerator() = default;
  detail::bit_state philox_;
  std::shared_ptr<detail::curand_source> curand_;
  friend class Generator;
};

/// cupy.random.Philox4x3210: Philox4x32-10 through cupp's counter-based kernels, the bit generator
/// of default_rng. Generator(Philox4x3210(seed)) draws what default_rng(seed) draws, and serves
/// every distribution.
class Philox4x3210 : public BitGenerator {
 public:
  /// The key is SplitMix64 of the seed (fresh entropy without one), the counter 0.
  explicit Philox4x3210(std::optional<std::uint64_t> seed = std::nullopt) {
    philox_ = detail::philox_state(seed);
  }
  /// The key and the next unused block of the counter.
  const detail::bit_state& state() const noexcept { return philox_; }
};

/// cupy.random.XORWOW: cuRAND's XORWOW (CURAND_RNG_PSEUDO_XORWOW) seeded with `seed` (fresh
/// entropy without one). It serves random_raw and a Generator's random, uniform, standard_normal,
/// normal, lognormal, standard_exponential and exponential (others: not_implemented_error).
class XORWOW : public BitGenerator {
 public:
  explicit XORWOW(std::optional<std::uint64_t> seed = std::nullopt) {
    curand_ = detail::make_curand_source(detail::curand_type::xorwow,
                                         seed ? *seed : detail::entropy_seed());
  }
};

/// cupy.random.MRG32k3a: cuRAND's MRG32k3a (CURAND_RNG_PSEUDO_MRG32K3A) seeded with `seed`; it
/// serves what XORWOW serves.
class MRG32k3a : public BitGenerator {
 public:
  explicit MRG32k3a(std::optional<std::uint64_t> seed = std::nullopt) {
    curand_ = detail::make_curand_source(detail::curand_type::mrg32k3a,
                                         seed ? *seed : detail::entropy_seed());
  }
};

/// numpy.random.Generator on Philox4x32-10. The state is two words of key and a block counter,
/// held on the host: each draw launches one kernel on the current stream and advances the counter
/// by the blocks it used, so results do not depend on the stream or the launch. One generator is
/// not meant for several threads at once (give each thread its own, or seed them apart).
class Generator {
 public:
  /// A seed gives the same numbers everywhere; no seed draws one from std::random_device.
  explicit Generator(std::optional<std::uint64_t> seed = std::nullopt)
      : s_(detail::philox_state(seed)) {}
  /// numpy.random.Generator(bit_generator): draws from `bits` (cupy.random.Generator(XORWOW(1))).
  /// A Philox4x3210 gives its key and counter to the Generator, which advances its own copy; a
  /// cuRAND bit generator is shared, and serves the draws its class names.
  explicit Generator(const BitGenerator& bits) : s_(bits.philox_), curand_(bits.curand_) {}

  /// The key and the next unused block of the counter.
  const detail::bit_state& state() const noexcept { return s_; }

  // ---- floating-point distributions: T is float or double --------------------------------
  /// Uniform on [0, 1).
  template <class T = double>
  ndarray<T> random(const shape_t& size) { return real<T>(detail::kind::random, {}, size); }
  /// Uniform on [low, high).
  template <class T = double>
  ndarray<T> uniform(double low, double high, const shape_t& size) {
    return real<T>(detail::kind::uniform, args(low, high - low), size);
  }
  /// Normal with mean 0 and standard deviation 1 (Generator.standard_normal).
  template <class T = double>
  ndarray<T> standard_normal(const shape_t& size) {
    return real<T>(detail::kind::normal, args(0.0, 1.0), size);
  }
  /// Normal with mean `loc` and standard deviation `scale` (value_error "scale < 0").
  template <class T = double>
  ndarray<T> normal(double loc, double scale, const shape_t& size) {
    return real<T>(detail::kind::normal, args(loc, scale), size);
  }
  /// Exponential with scale 1 (Generator.standard_exponential).
  template <class T = double>
  ndarray<T> standard_exponential(const shape_t& size) {
    return real<T>(detail::kind::exponential, args(1.0), size);
  }
  /// Exponential with mean `scale` (value_error "scale < 0").
  template <class T = double>
  ndarray<T> exponential(double scale, const shape_t& size) {
    return real<T>(detail::kind::exponential, args(scale), size);
  }
  /// Gamma with shape `shape` and scale 1 (value_error "shape < 0").
  template <class T = double>
  ndarray<T> standard_gamma(double shape, const shape_t& size) {
    return real<T>(detail::kind::gamma, args(shape, 1.0), size);
  }
  /// Gamma with shape `shape` and scale `scale`, both >= 0 (else value_error).
  template <class T = double>
  ndarray<T> gamma(double shape, double scale, const shape_t& size) {
    return real<T>(detail::kind::gamma, args(shape, scale), size);
  }
  /// Beta with parameters `a` and `b`, both > 0 (else value_error).
  template <class T = double>
  ndarray<T> beta(double a, double b, const shape_t& size) {
    return real<T>(detail::kind::beta, args(a, b), size);
  }
  /// exp of a normal with mean `mean` and standard deviation `sigma` (value_error "sigma < 0").
  template <class T = double>
  ndarray<T> lognormal(double mean, double sigma, const shape_t& size) {
    return real<T>(detail::kind::lognormal, args(mean, sigma), size);
  }
  /// Logistic with location `loc` and scale `scale` (value_error "scale < 0").
  template <class T = double>
  ndarray<T> logistic(double loc, double scale, const shape_t& size) {
    return real<T>(detail::kind::logistic, args(loc, scale), size);
  }
  /// Gumbel (extreme value type I) with location `loc` and scale `scale` (value_error "scale < 0").
  template <class T = double>
  ndarray<T> gumbel(double loc, double scale, const shape_t& size) {
    return real<T>(detail::kind::gumbel, args(loc, scale), size);
  }
  /// Laplace (double exponential) with location `loc` and scale `scale` (value_error "scale < 0").
  template <class T = double>
  ndarray<T> laplace(double loc, double scale, const shape_t& size) {
    return real<T>(detail::kind::laplace, args(loc, scale), size);
  }
  /// Chi-square with `df` degrees of freedom (value_error "df <= 0").
  template <class T = double>
  ndarray<T> chisquare(double df, const shape_t& size) {
    return real<T>(detail::kind::chisquare, args(df), size);
  }
  /// Fisher's F with `dfnum` and `dfden` degrees of freedom, both > 0 (else value_error).
  template <class T = double>
  ndarray<T> f(double dfnum, double dfden, const shape_t& size) {
    return real<T>(detail::kind::f, args(dfnum, dfden), size);
  }
  /// Student's t with `df` degrees of freedom (value_error "df <= 0").
  template <class T = double>
  ndarray<T> standard_t(double df, const shape_t& size) {
    return real<T>(detail::kind::standard_t, args(df), size);
  }
  /// Weibull with shape `a` and scale 1 (value_error "a < 0").
  template <class T = double>
  ndarray<T> weibull(double a, const shape_t& size) {
    return real<T>(detail::kind::weibull, args(a), size);
  }
  /// Pareto II (Lomax) with shape `a`, as NumPy's: add 1 and multiply by x_m for classical Pareto
  /// (value_error "a <= 0").
  template <class T = double>
  ndarray<T> pareto(double a, const shape_t& size) {
    return real<T>(detail::kind::pareto, args(a), size);
  }
  /// Rayleigh with scale `scale` (value_error "scale < 0").
  template <class T = double>
  ndarray<T> rayleigh(double scale, const shape_t& size) {
    return real<T>(detail::kind::rayleigh, args(scale), size);
  }
  /// von Mises on [-pi, pi] with mode `mu` and concentration `kappa` (value_error "kappa < 0").
  template <class T = double>
  ndarray<T> vonmises(double mu, double kappa, const shape_t& size) {
    return real<T>(detail::kind::vonmises, args(mu, kappa), size);
  }
  /// Triangular on [left, right] with peak at `mode`; value_error unless left <= mode <= right
  /// and left < right.
  template <class T = double>
  ndarray<T> triangular(double left, double mode, double right, const shape_t& size) {
    return real<T>(detail::kind::triangular, args(left, mode, right), size);
  }
  /// Standard Cauchy (Lorentz) with mode 0 (Generator.standard_cauchy).
  template <class T = double>
  ndarray<T> standard_cauchy(const shape_t& size) {
    return real<T>(detail::kind::standard_cauchy, {}, size);
  }
  /// Power distribution on [0, 1] with density a x^(a - 1) (value_error "a <= 0").
  template <class T = double>
  ndarray<T> power(double a, const shape_t& size) {
    return real<T>(detail::kind::power, args(a), size);
  }
  /// Wald (inverse Gaussian) with mean `mean` and scale `scale` (value_error "mean <= 0",
  /// "scale <= 0").
  template <class T = double>
  ndarray<T> wald(double mean, double scale, const shape_t& size) {
    return real<T>(detail::kind::wald, args(mean, scale), size);
  }
  /// Noncentral chi-square with `df` degrees of freedom and noncentrality `nonc` (value_error
  /// "df <= 0", "nonc < 0").
  template <class T = double>
  ndarray<T> noncentral_chisquare(double df, double nonc, const shape_t& size) {
    return real<T>(detail::kind::noncentral_chisquare, args(df, nonc), size);
  }
  /// Noncentral F with `dfnum` and `dfden` degrees of freedom and noncentrality `nonc`
  /// (value_error "dfnum <= 0", "dfden <= 0", "nonc < 0").
  template <class T = double>
  ndarray<T> noncentral_f(double dfnum, double dfden, double nonc, const shape_t& size) {
    return real<T>(detail::kind::noncentral_f, args(dfnum, dfden, nonc), size);
  }
  /// Rows of size + (k,) on the simplex, k = alpha.size().
  template <class T = double>
  ndarray<T> dirichlet(const std::vector<double>& alpha, const shape_t& size) {
    detail::draw_args a;
    a.table = alpha;
    return real<T>(detail::kind::dirichlet, a, with_last(size, alpha.size()));
  }
  /// Samples of shape size + (d,) with the given mean (d,) and covariance (d, d), by the
  /// eigendecomposition of cov (NumPy's method="eigh"; cov must be symmetric positive
  /// semi-definite, which is not checked).
  template <class T = double>
  ndarray<T> multivariate_normal(const ndarray<T>& mean, const ndarray<T>& cov,
                                 const shape_t& size) {
    static_assert(detail::is_real_v<T>, "cupp::random: T must be float or double");
    detail::require_philox(curand_.get(), "multivariate_normal");
    return ndarray<T>(detail::multivariate_normal(s_, mean.desc(), cov.desc(), size));
  }

  // ---- integer distributions -------------------------------------------------------------
  /// Uniform integers on [low, high), or [low, high] with endpoint. I is any integer type or
  /// bool; low and high must lie in its range.
  template <class I = std::int64_t>
  ndarray<I> integers(std::int64_t low, std::int64_t high, const shape_t& size,
                      bool endpoint = false) {
    static_assert(std::is_integral_v<I>, "cupp::random::integers: I must be an integer type");
    const auto [first, range] = detail::integer_range(low, high, endpoint, dtype_of<I>);
    detail::draw_args a;
    a.i0 = first;
    a.i1 = range;
    return drawn<I>(detail::kind::integers, a, size);
  }
  /// Uniform integers on [0, high).
  template <class I = std::int64_t>
  ndarray<I> integers(std::int64_t high, const shape_t& size) {
    return integers<I>(0, high, size);
  }
  /// integers(low, high, n): an integer size n is the shape (n,).
  template <class I = std::int64_t, class N, detail::if_size<N> = 0>
  ndarray<I> integers(std::int64_t low, std::int64_t high, N size, bool endpoint = false) {
    return integers<I>(low, high, detail::size_shape(size), endpoint);
  }
  /// Successes in `n` trials of probability `p` (value_error for n < 0 or p outside [0, 1]).
  ndarray<std::int64_t> binomial(std::int64_t n, double p, const shape_t& size) {
    detail::draw_args a;
    a.i0 = n;
    a.p0 = p;
    return drawn<std::int64_t>(detail::kind::binomial, a, size);
  }
  /// Poisson with mean `lam` (value_error for lam < 0, NaN or too large for int64).
  ndarray<std::int64_t> poisson(double lam, const shape_t& size) {
    return drawn<std::int64_t>(detail::kind::poisson, args(lam), size);
  }
  /// The number of trials up to and including the first success.
  ndarray<std::int64_t> geometric(double p, const shape_t& size) {
    return drawn<std::int64_t>(detail::kind::geometric, args(p), size);
  }
  /// Failures before the n-th success, each trial succeeding with probability `p`; value_error
  /// unless n > 0 and 0 < p <= 1.
  ndarray<std::int64_t> negative_binomial(double n, double p, const shape_t& size) {
    return drawn<std::int64_t>(detail::kind::negative_binomial, args(n, p), size);
  }
  /// Good items among `nsample` drawn without replacement from `ngood` good and `nbad` bad ones;
  /// value_error for a negative count or ngood + nbad < nsample.
  ndarray<std::int64_t> hypergeometric(std::int64_t ngood, std::int64_t nbad,
                                       std::int64_t nsample, const shape_t& size) {
    detail::draw_args a;
    a.i0 = ngood;
    a.i1 = nbad;
    a.i2 = nsample;
    return drawn<std::int64_t>(detail::kind::hypergeometric, a, size);
  }
  /// Zipf with exponent `a`: P(k) = k^-a / zeta(a), k >= 1 (value_error "a <= 1 or a is NaN").
  ndarray<std::int64_t> zipf(double a, const shape_t& size) {
    return drawn<std::int64_t>(detail::kind::zipf, args(a), size);
  }
  /// Logarithmic series: P(k) = -p^k / (k log(1 - p)), k >= 1 (value_error "p < 0, p >= 1 or p
  /// is NaN").
  ndarray<std::int64_t> logseries(double p, const shape_t& size) {
    return drawn<std::int64_t>(detail::kind::logseries, args(p), size);
  }
  /// Counts of shape size + (k,), k = pvals.size(); the last category takes what is left.
  ndarray<std::int64_t> multinomial(std::int64_t n, const std::vector<double>& pvals,
                                    const shape_t& size) {
    detail::draw_args a;
    a.i0 = n;
    a.table = pvals;
    return drawn<std::int64_t>(detail::kind::multinomial, a, with_last(size, pvals.size()));
  }

  // ---- sampling and permutations ---------------------------------------------------------
  /// Indices drawn from range(a), with or without replacement, uniformly or with
  /// probabilities p (empty p: uniform). No size gives one index as a 0-d array (NumPy's
  /// size=None gives a scalar); an integer size n is the shape (n,), as in NumPy.
  ndarray<std::int64_t> choice(std::int64_t a, const shape_t& size = {}, bool replace = true,
                               const std::vector<double>& p = {}) {
    detail::require_philox(curand_.get(), "choice");
    return ndarray<std::int64_t>(detail::choice_indices(s_, a, size, replace, p));
  }
  /// choice(a, n): an integer size n is the shape (n,).
  template <class I, detail::if_size<I> = 0>
  ndarray<std::int64_t> choice(std::int64_t a, I size, bool replace = true,
                               const std::vector<double>& p = {}) {
    return choice(a, detail::size_shape(size), replace, p);
  }
  /// Elements (rows, along axis 0) of `a` drawn as choice(a.shape(0), ...) picks them; the
  /// result has shape size + a.shape()[1:].
  template <class T>
  ndarray<T> choice(const ndarray<T>& a, const shape_t& size = {}, bool replace = true,
                    const std::vector<double>& p = {}) {
    if (a.ndim() == 0) throw value_error("a must be 1-dimensional or an integer");
    // The indices are in range by construction: wrap has nothing to check.
    return take(a, choice(a.shape()[0], size, replace, p), 0, index_mode::wrap);
  }
  /// choice(a, n) of an array: an integer size n is the shape (n,).
  template <class T, class I, detail::if_size<I> = 0>
  ndarray<T> choice(const ndarray<T>& a, I size, bool replace = true,
                    const std::vector<double>& p = {}) {
    return choice(a, detail::size_shape(size), replace, p);
  }
  /// A random permutation of 0..n-1.
  ndarray<std::int64_t> permutation(std::int64_t n) {
    detail::require_philox(curand_.get(), "permutation");
    return ndarray<std::int64_t>(detail::permutation_indices(s_, n));
  }
  /// A copy of `a` with its rows (axis 0) in random order.
  template <class T>
  ndarray<T> permutation(const ndarray<T>& a) {
    if (a.ndim() == 0) throw value_error("x must be an integer or at least 1-dimensional");
    return take(a, permutation(a.shape()[0]), 0, index_mode::wrap);
  }
  /// Reorders the rows (axis 0) of `a` in place.
  template <class T>
  void shuffle(ndarray<T>& a) {
    if (a.ndim() == 0) throw value_error("array must be at least 1-dimensional");
    ndarray<T>(a.desc()) = permutation(a);
  }
  /// Generator.bytes: `length` random bytes (on the host), the bytes of length / 4 rounded up
  /// 32-bit words in memory order; none for length <= 0.
  std::string bytes(std::int64_t length) { return detail::random_bytes(s_, curand_.get(), length); }

 private:
  static detail::draw_args args(double p0, double p1 = 0, double p2 = 0) {
    detail::draw_args a;
    a.p0 = p0;
    a.p1 = p1;
    a.p2 = p2;
    return a;
  }
  static shape_t with_last(shape_t size, std::size_t k) {
    size.push_back(static_cast<std::int64_t>(k));
    return size;
  }
  template <class T>
  ndarray<T> drawn(detail::kind k, const detail::draw_args& a, const shape_t& size) {
    detail::check_draw(curand_.get(), k, a);
    ndarray<T> out(size);
    if (curand_)
      detail::curand_draw(*curand_, k, a, out.desc());
    else
      detail::draw(s_, k, a, out.desc());
    return out;
  }
  template <class T>
  ndarray<T> real(detail::kind k, const detail::draw_args& a, const shape_t& size) {
    static_assert(detail::is_real_v<T>, "cupp::random: T must be float or double");
    return drawn<T>(k, a, size);
  }
  detail::bit_state s_;
  std::shared_ptr<detail::curand_source> curand_;  // null: Philox through s_
};

/// numpy.random.default_rng.
inline Generator default_rng(std::optional<std::uint64_t> seed = std::nullopt) {
  return Generator(seed);
}

class RandomState;

namespace detail {

/// The legacy functions' RandomState of the current device, locked for the caller, and the
/// Generator it draws with.
struct global_generator {
  std::unique_lock<std::mutex> lock;
  RandomState& rs;
  Generator& gen;
};
global_generator legacy();

/// The dimensions of rand(d0, d1, ...) and randn(d0, d1, ...): integers, not bool.
template <class... D>
using if_dims =
    std::enable_if_t<(std::is_integral_v<D> && ...) && !(std::is_same_v<D, bool> || ...), int>;
}  // namespace detail

/// numpy.random.RandomState (cupy.random.RandomState): the legacy API as an object, on the same
/// Philox stream and samplers as Generator. RandomState(seed) draws what default_rng(seed) draws,
/// method for method (random_sample is random, randint is integers, random_integers is integers
/// with endpoint). One object is not meant for several threads at once.
class RandomState : private Generator {
  friend detail::global_generator detail::legacy();

 public:
  /// The stream of `seed`; fresh entropy without one.
  explicit RandomState(std::optional<std::uint64_t> seed = std::nullopt) : Generator(seed) {}
  /// RandomState.seed: restarts the stream of `seed` (of fresh entropy without one).
  void seed(std::optional<std::uint64_t> s = std::nullopt) {
    static_cast<Generator&>(*this) = Generator(s);
  }
  using Generator::state;

  /// RandomState.random_sample: uniform on [0, 1).
  template <class T = double>
  ndarray<T> random_sample(const shape_t& size) { return Generator::random<T>(size); }
  /// RandomState.rand: uniform on [0, 1), the shape as a shape or as integers (rand(3, 2)).
  template <class T = double>
  ndarray<T> rand(const shape_t& shape) { return Generator::random<T>(shape); }
  template <class T = double, class... D, detail::if_dims<D...> = 0>
  ndarray<T> rand(D... dims) { return rand<T>(shape_t{static_cast<std::int64_t>(dims)...}); }
  /// RandomState.randn: standard normals, the shape as a shape or as integers.
  template <class T = double>
  ndarray<T> randn(const shape_t& shape) { return standard_normal<T>(shape); }
  template <class T = double, class... D, detail::if_dims<D...> = 0>
  ndarray<T> randn(D... dims) { return randn<T>(shape_t{static_cast<std::int64_t>(dims)...}); }
  /// RandomState.randint: integers on [low, high) of type I (NumPy's dtype), "low >= high" when
  /// empty.
  template <class I = std::int64_t>
  ndarray<I> randint(std::int64_t low, std::int64_t high, const shape_t& size) {
    return integers<I>(low, high, size);
  }
  /// randint(high, size): integers on [0, high).
  template <class I = std::int64_t>
  ndarray<I> randint(std::int64_t high, const shape_t& size) { return integers<I>(0, high, size); }
  /// randint(low, high, n): an integer size n is the shape (n,).
  template <class I = std::int64_t, class N, detail::if_size<N> = 0>
  ndarray<I> randint(std::int64_t low, std::int64_t high, N size) {
    return integers<I>(low, high, detail::size_shape(size));
  }
  /// RandomState.random_integers: int64 on the closed [low, high]; NumPy's randint(low, high + 1)
  /// says "low >= high" when it is empty.
  ndarray<std::int64_t> random_integers(std::int64_t low, std::int64_t high, const shape_t& size) {
    if (low > high) throw value_error("low >= high");
    return integers<std::int64_t>(low, high, size, true);
  }
  /// random_integers(high, size): NumPy's high=None, integers on [1, high].
  ndarray<std::int64_t> random_integers(std::int64_t high, const shape_t& size) {
    return random_integers(1, high, size);
  }

  using Generator::beta;
  using Generator::binomial;
  using Generator::bytes;
  using Generator::chisquare;
  using Generator::choice;
  using Generator::dirichlet;
  using Generator::exponential;
  using Generator::f;
  using Generator::gamma;
  using Generator::geometric;
  using Generator::gumbel;
  using Generator::hypergeometric;
  using Generator::laplace;
  using Generator::logistic;
  using Generator::lognormal;
  using Generator::logseries;
  using Generator::multinomial;
  using Generator::multivariate_normal;
  using Generator::negative_binomial;
  using Generator::noncentral_chisquare;
  using Generator::noncentral_f;
  using Generator::normal;
  using Generator::pareto;
  using Generator::permutation;
  using Generator::poisson;
  using Generator::power;
  using Generator::random;
  using Generator::rayleigh;
  using Generator::shuffle;
  using Generator::standard_cauchy;
  using Generator::standard_exponential;
  using Generator::standard_gamma;
  using Generator::standard_normal;
  using Generator::standard_t;
  using Generator::triangular;
  using Generator::uniform;
  using Generator::vonmises;
  using Generator::wald;
  using Generator::weibull;
  using Generator::zipf;
};

/// cupy.random.get_random_state: the RandomState behind the module functions on the current
/// device, made from the last seed() on first use. The module functions lock it; calls on the
/// returned object do not, so keep it to one thread.
RandomState& get_random_state();
/// cupy.random.set_random_state: the module functions of the current device draw from a copy of
/// `rs` from now on.
void set_random_state(const RandomState& rs);

// ---- the legacy module functions, on one generator per device ------------------------------

/// numpy.random.seed: reseeds the generator of every device, so the next draws repeat.
void seed(std::uint64_t s);

/// numpy.random.rand: uniform samples in [0, 1). T is float or double.
template <class T = double>
ndarray<T> rand(const shape_t& shape) {
  return detail::legacy().gen.random<T>(shape);
}
/// numpy.random.rand(d0, d1, ...): the dimensions as integers, rand<float>(3, 2) for shape
/// (3, 2); rand() is one sample as a 0-d array (NumPy gives a scalar).
template <class T = double, class... D, detail::if_dims<D...> = 0>
ndarray<T> rand(D... dims) {
  return rand<T>(shape_t{static_cast<std::int64_t>(dims)...});
}
/// numpy.random.random / random_sample: the same as rand.
template <class T = double>
ndarray<T> random(const shape_t& shape) { return rand<T>(shape); }
template <class T = double>
ndarray<T> random_sample(const shape_t& shape) { return rand<T>(shape); }
/// numpy.random.randn / standard_normal.
template <class T = double>
ndarray<T> randn(const shape_t& shape) {
  return detail::legacy().gen.standard_normal<T>(shape);
}
/// numpy.random.randn(d0, d1, ...): the dimensions as integers, as rand(d0, d1, ...).
template <class T = double, class... D, detail::if_dims<D...> = 0>
ndarray<T> randn(D... dims) {
  return randn<T>(shape_t{static_cast<std::int64_t>(dims)...});
}
template <class T = double>
ndarray<T> standard_normal(const shape_t& shape) { return randn<T>(shape); }
template <class T = double>
ndarray<T> uniform(double low, double high, const shape_t& shape) {
  return detail::legacy().gen.uniform<T>(low, high, shape);
}
template <class T = double>
ndarray<T> normal(double loc, double scale, const shape_t& shape) {
  return detail::legacy().gen.normal<T>(loc, scale, shape);
}
template <class T = double>
ndarray<T> exponential(double scale, const shape_t& shape) {
  return detail::legacy().gen.exponential<T>(scale, shape);
}
template <class T = double>
ndarray<T> gamma(double shape_param, double scale, const shape_t& shape) {
  return detail::legacy().gen.gamma<T>(shape_param, scale, shape);
}
template <class T = double>
ndarray<T> beta(double a, double b, const shape_t& shape) {
  return detail::legacy().gen.beta<T>(a, b, shape);
}
template <class T = double>
ndarray<T> lognormal(double mean, double sigma, const shape_t& shape) {
  return detail::legacy().gen.lognormal<T>(mean, sigma, shape);
}
inline ndarray<std::int64_t> poisson(double lam, const shape_t& shape) {
  return detail::legacy().gen.poisson(lam, shape);
}
inline ndarray<std::int64_t> binomial(std::int64_t n, double p, const shape_t& shape) {
  return detail::legacy().gen.binomial(n, p, shape);
}
/// numpy.random.randint: integers on [low, high) ("low >= high" when empty).
inline ndarray<std::int64_t> randint(std::int64_t low, std::int64_t high, const shape_t& shape) {
  return detail::legacy().gen.integers<std::int64_t>(low, high, shape);
}
/// numpy.random.randint(high): integers on [0, high).
inline ndarray<std::int64_t> randint(std::int64_t high, const shape_t& shape) {
  return randint(0, high, shape);
}
/// numpy.random.randint(low, high, n): an integer size n is the shape (n,).
template <class N, detail::if_size<N> = 0>
ndarray<std::int64_t> randint(std::int64_t low, std::int64_t high, N size) {
  return randint(low, high, detail::size_shape(size));
}
/// Generator.integers on the legacy generator.
template <class I = std::int64_t>
ndarray<I> integers(std::int64_t low, std::int64_t high, const shape_t& shape,
                    bool endpoint = false) {
  return detail::legacy().gen.integers<I>(low, high, shape, endpoint);
}
template <class I = std::int64_t, class N, detail::if_size<N> = 0>
ndarray<I> integers(std::int64_t low, std::int64_t high, N size, bool endpoint = false) {
  return detail::legacy().gen.integers<I>(low, high, size, endpoint);
}
/// numpy.random.choice(a, size, replace, p): a an integer (indices of range(a), int64) or an
/// array (its rows); no size is one draw as a 0-d array, an integer size n the shape (n,).
inline ndarray<std::int64_t> choice(std::int64_t a, const shape_t& size = {}, bool replace = true,
                                    const std::vector<double>& p = {}) {
  return detail::legacy().gen.choice(a, size, replace, p);
}
template <class I, detail::if_size<I> = 0>
ndarray<std::int64_t> choice(std::int64_t a, I size, bool replace = true,
                             const std::vector<double>& p = {}) {
  return detail::legacy().gen.choice(a, size, replace, p);
}
template <class T>
ndarray<T> choice(const ndarray<T>& a, const shape_t& size = {}, bool replace = true,
                  const std::vector<double>& p = {}) {
  return detail::legacy().gen.choice(a, size, replace, p);
}
template <class T, class I, detail::if_size<I> = 0>
ndarray<T> choice(const ndarray<T>& a, I size, bool replace = true,
                  const std::vector<double>& p = {}) {
  return detail::legacy().gen.choice(a, size, replace, p);
}
inline ndarray<std::int64_t> permutation(std::int64_t n) {
  return detail::legacy().gen.permutation(n);
}
template <class T>
ndarray<T> permutation(const ndarray<T>& a) {
  return detail::legacy().gen.permutation(a);
}
template <class T>
void shuffle(ndarray<T>& a) {
  detail::legacy().gen.shuffle(a);
}
/// numpy.random.ranf and numpy.random.sample: the same as rand.
template <class T = double>
ndarray<T> ranf(const shape_t& shape) { return rand<T>(shape); }
template <class T = double>
ndarray<T> sample(const shape_t& shape) { return rand<T>(shape); }
/// numpy.random.random_integers: int64 on the closed [low, high].
inline ndarray<std::int64_t> random_integers(std::int64_t low, std::int64_t high,
                                             const shape_t& shape) {
  return detail::legacy().rs.random_integers(low, high, shape);
}
/// numpy.random.random_integers(high): NumPy's high=None, int64 on [1, high].
inline ndarray<std::int64_t> random_integers(std::int64_t high, const shape_t& shape) {
  return detail::legacy().rs.random_integers(high, shape);
}
/// numpy.random.bytes: `length` random bytes.
inline std::string bytes(std::int64_t length) { return detail::legacy().gen.bytes(length); }

// The other distributions, as the Generator's methods of the same names (their checks, dtypes
// and results), on the legacy generator.
/// numpy.random.standard_exponential.
template <class T = double>
ndarray<T> standard_exponential(const shape_t& shape) {
  return detail::legacy().gen.standard_exponential<T>(shape);
}
/// numpy.random.standard_gamma.
template <class T = double>
ndarray<T> standard_gamma(double shape_param, const shape_t& shape) {
  return detail::legacy().gen.standard_gamma<T>(shape_param, shape);
}
/// numpy.random.standard_cauchy.
template <class T = double>
ndarray<T> standard_cauchy(const shape_t& shape) {
  return detail::legacy().gen.standard_cauchy<T>(shape);
}
/// numpy.random.standard_t.
template <class T = double>
ndarray<T> standard_t(double df, const shape_t& shape) {
  return detail::legacy().gen.standard_t<T>(df, shape);
}
/// numpy.random.chisquare.
template <class T = double>
ndarray<T> chisquare(double df, const shape_t& shape) {
  return detail::legacy().gen.chisquare<T>(df, shape);
}
/// numpy.random.noncentral_chisquare.
template <class T = double>
ndarray<T> noncentral_chisquare(double df, double nonc, const shape_t& shape) {
  return detail::legacy().gen.noncentral_chisquare<T>(df, nonc, shape);
}
/// numpy.random.f.
template <class T = double>
ndarray<T> f(double dfnum, double dfden, const shape_t& shape) {
  return detail::legacy().gen.f<T>(dfnum, dfden, shape);
}
/// numpy.random.noncentral_f.
template <class T = double>
ndarray<T> noncentral_f(double dfnum, double dfden, double nonc, const shape_t& shape) {
  return detail::legacy().gen.noncentral_f<T>(dfnum, dfden, nonc, shape);
}
/// numpy.random.logistic.
template <class T = double>
ndarray<T> logistic(double loc, double scale, const shape_t& shape) {
  return detail::legacy().gen.logistic<T>(loc, scale, shape);
}
/// numpy.random.gumbel.
template <class T = double>
ndarray<T> gumbel(double loc, double scale, const shape_t& shape) {
  return detail::legacy().gen.gumbel<T>(loc, scale, shape);
}
/// numpy.random.laplace.
template <class T = double>
ndarray<T> laplace(double loc, double scale, const shape_t& shape) {
  return detail::legacy().gen.laplace<T>(loc, scale, shape);
}
/// numpy.random.rayleigh.
template <class T = double>
ndarray<T> rayleigh(double scale, const shape_t& shape) {
  return detail::legacy().gen.rayleigh<T>(scale, shape);
}
/// numpy.random.weibull.
template <class T = double>
ndarray<T> weibull(double a, const shape_t& shape) {
  return detail::legacy().gen.weibull<T>(a, shape);
}
/// numpy.random.pareto.
template <class T = double>
ndarray<T> pareto(double a, const shape_t& shape) {
  return detail::legacy().gen.pareto<T>(a, shape);
}
/// numpy.random.power.
template <class T = double>
ndarray<T> power(double a, const shape_t& shape) {
  return detail::legacy().gen.power<T>(a, shape);
}
/// numpy.random.wald.
template <class T = double>
ndarray<T> wald(double mean, double scale, const shape_t& shape) {
  return detail::legacy().gen.wald<T>(mean, scale, shape);
}
/// numpy.random.vonmises.
template <class T = double>
ndarray<T> vonmises(double mu, double kappa, const shape_t& shape) {
  return detail::legacy().gen.vonmises<T>(mu, kappa, shape);
}
/// numpy.random.triangular.
template <class T = double>
ndarray<T> triangular(double left, double mode, double right, const shape_t& shape) {
  return detail::legacy().gen.triangular<T>(left, mode, right, shape);
}
/// numpy.random.dirichlet: rows of shape + (k,).
template <class T = double>
ndarray<T> dirichlet(const std::vector<double>& alpha, const shape_t& shape) {
  return detail::legacy().gen.dirichlet<T>(alpha, shape);
}
/// numpy.random.multivariate_normal: rows of shape + (d,).
template <class T = double>
ndarray<T> multivariate_normal(const ndarray<T>& mean, const ndarray<T>& cov,
                               const shape_t& shape) {
  return detail::legacy().gen.multivariate_normal<T>(mean, cov, shape);
}
/// numpy.random.geometric.
inline ndarray<std::int64_t> geometric(double p, const shape_t& shape) {
  return detail::legacy().gen.geometric(p, shape);
}
/// numpy.random.negative_binomial.
inline ndarray<std::int64_t> negative_binomial(double n, double p, const shape_t& shape) {
  return detail::legacy().gen.negative_binomial(n, p, shape);
}
/// numpy.random.hypergeometric.
inline ndarray<std::int64_t> hypergeometric(std::int64_t ngood, std::int64_t nbad,
                                            std::int64_t nsample, const shape_t& shape) {
  return detail::legacy().gen.hypergeometric(ngood, nbad, nsample, shape);
}
/// numpy.random.multinomial: counts of shape + (k,).
inline ndarray<std::int64_t> multinomial(std::int64_t n, const std::vector<double>& pvals,
                                         const shape_t& shape) {
  return detail::legacy().gen.multinomial(n, pvals, shape);
}
/// numpy.random.zipf.
inline ndarray<std::int64_t> zipf(double a, const shape_t& shape) {
  return detail::legacy().gen.zipf(a, shape);
}
/// numpy.random.logseries.
inline ndarray<std::int64_t> logseries(double p, const shape_t& shape) {
  return detail::legacy().gen.logseries(p, shape);
}

}  // namespace cupp::random
