// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::random: the Generator's draws (argument checks, the generated kernels, the counter), the
// legacy generator of each device, and the permutation, choice and multivariate-normal routines
// built from draws.
#include "cupp/random.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>

#include "../cuda/launch.hpp"
#include "../jit/registry.hpp"
#include "cupp/array.hpp"
#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/expr/engine.hpp"
#include "cupp/jit/raw_kernel.hpp"

namespace cupp::random {
namespace detail {
namespace {

using cupp::detail::array_desc;

/// SplitMix64: spreads a seed over the 64 key bits, so that nearby seeds give unrelated keys.
std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}


// ---- kernels ---------------------------------------------------------------------------------

enum class layout { packed4, packed2, stream, rows };

/// How a draw of `k` into `dt` takes its blocks (Note [Random stream layout]).
layout layout_of(kind k, dtype dt) {
  switch (k) {
    case kind::random: case kind::uniform: case kind::exponential: case kind::logistic:
    case kind::gumbel: case kind::laplace: case kind::weibull: case kind::pareto:
    case kind::rayleigh: case kind::triangular: case kind::standard_cauchy: case kind::power:
    case kind::normal: case kind::lognormal:
      return dt == dtype::float32 ? layout::packed4 : layout::packed2;
    case kind::bits:
      return dt == dtype::uint32 ? layout::packed4 : layout::packed2;
    case kind::geometric:
      return layout::packed2;
    case kind::multinomial: case kind::dirichlet:
      return layout::rows;
    default:
      return layout::stream;
  }
}

const char* sampler_name(kind k) {
  switch (k) {
    case kind::random: return "k_random";
    case kind::uniform: return "k_uniform";
    case kind::exponential: return "k_exponential";
    case kind::logistic: return "k_logistic";
    case kind::gumbel: return "k_gumbel";
    case kind::laplace: return "k_laplace";
    case kind::weibull: return "k_weibull";
    case kind::pareto: return "k_pareto";
    case kind::rayleigh: return "k_rayleigh";
    case kind::triangular: return "k_triangular";
    case kind::standard_cauchy: return "k_standard_cauchy";
    case kind::power: return "k_power";
    case kind::geometric: return "k_geometric";
    case kind::bits: return "bits";  // bits_body: no sampler
    case kind::normal: return "k_normal";
    case kind::lognormal: return "k_lognormal";
    case kind::integers: return "s_integers";
    case kind::gamma: return "s_gamma";
    case kind::beta: return "s_beta";
    case kind::chisquare: return "s_chisquare";
    case kind::f: return "s_f";
    case kind::standard_t: return "s_standard_t";
    case kind::vonmises: return "s_vonmises";
    case kind::binomial: return "s_binomial";
    case kind::poisson: return "s_poisson";
    case kind::negative_binomial: return "s_negative_binomial";
    case kind::hypergeometric: return "s_hypergeometric";
    case kind::noncentral_chisquare: return "s_noncentral_chisquare";
    case kind::noncentral_f: return "s_noncentral_f";
    case kind::wald: return "s_wald";
    case kind::zipf: return "s_zipf";
    case kind::logseries: return "s_logseries";
    case kind::choice: return "s_choice";
    case kind::multinomial: return "r_multinomial";
    case kind::dirichlet: return "r_dirichlet";
  }
  return "";
}

/// The sampler's name without its layout prefix (k_, s_, r_): the distribution, which is the
/// Generator's method.
std::string distribution_name(kind k) {
  std::string distribution = sampler_name(k);
  if (distribution.size() > 2 && distribution[1] == '_') distribution.erase(0, 2);
  return distribution;
}

bool supports(kind k, dtype dt) {
  switch (k) {
    case kind::geometric: case kind::binomial: case kind::poisson:
    case kind::negative_binomial: case kind::hypergeometric: case kind::choice:
    case kind::multinomial: case kind::zipf: case kind::logseries:
      return dt == dtype::int64;
    case kind::bits:
      return dt == dtype::int64 || dt == dtype::uint64 || dt == dtype::uint32;
    case kind::integers:
      return is_integer(dt) || dt == dtype::bool_;
    default:
      return dt == dtype::float32 || dt == dtype::float64;
  }
}

std::string body_of(kind k, dtype dt) {
  const std::string t = expr::detail::device_type_name(dt);
  const std::string s = std::string("cupp::rng::") + sampler_name(k);
  switch (layout_of(k, dt)) {
    case layout::packed4:
      if (k == kind::bits) return "cupp::rng::words_body(out, n, st)";
      if (k == kind::normal || k == kind::lognormal)
        return "cupp::rng::normal_body<" + s + ">(out, n, st, p)";
      return "cupp::rng::packed_body<" + t + ", " + s + ", 4>(out, n, st, p)";
    case layout::packed2:
      if (k == kind::normal || k == kind::lognormal)
        return "cupp::rng::normal_body<" + s + ">(out, n, st, p)";
      if (k == kind::bits) return "cupp::rng::bits_body<" + t + ">(out, n, st)";
      return "cupp::rng::packed_body<" + t + ", " + s + ", 2>(out, n, st, p)";
    case layout::stream:
      return "cupp::rng::stream_body<" + t + ", " + s + "<" + t + "> >(out, n, st, p)";
    case layout::rows:
      return "cupp::rng::row_body<" + t + ", " + s + "<" + t + "> >(out, n, st, p)";
  }
  return "";
}

/// The kernel of (k, dt), from the registry (compiled on its first launch).
const RawKernel& kernel_for(kind k, dtype dt) {
  return cupp::jit::detail::library_kernel(kernel_source(k, dt), kernel_name(k, dt));
}


// ---- argument checks (NumPy's messages) --------------------------------------------------------

void require(bool ok, const std::string& message) {
  if (!ok) throw value_error(message);
}
// NumPy's scalar constraints (numpy/random/_common.pyx): NaN passes both.
void non_negative(double x, const char* name) {
  require(std::isnan(x) || !std::signbit(x), std::string(name) + " < 0");
}
void positive(double x, const char* name) { require(!(x <= 0), std::string(name) + " <= 0"); }

}  // namespace

void check_args(kind k, const draw_args& a) {
  switch (k) {
    case kind::uniform:
      if (!std::isfinite(a.p1)) throw overflow_error("high - low range exceeds valid bounds");
      non_negative(a.p1, "high - low");
      break;
    case kind::exponential: case kind::rayleigh:
      non_negative(a.p0, "scale");
      break;
    case kind::normal: case kind::logistic: case kind::gumbel: case kind::laplace:
      non_negative(a.p1, "scale");
      break;
    case kind::lognormal:
      non_negative(a.p1, "sigma");
      break;
    case kind::gamma:
      non_negative(a.p0, "shape");
      non_negative(a.p1, "scale");
      break;
    case kind::beta:
      positive(a.p0, "a");
      positive(a.p1, "b");
      break;
    case kind::chisquare: case kind::standard_t:
      positive(a.p0, "df");
      break;
    case kind::f:
      positive(a.p0, "dfnum");
      positive(a.p1, "dfden");
      break;
    case kind::weibull:
      non_negative(a.p0, "a");
      break;
    case kind::pareto: case kind::power:
      positive(a.p0, "a");
      break;
    case kind::noncentral_chisquare:
      positive(a.p0, "df");
      non_negative(a.p1, "nonc");
      break;
    case kind::noncentral_f:
      positive(a.p0, "dfnum");
      positive(a.p1, "dfden");
      non_negative(a.p2, "nonc");
      break;
    case kind::wald:
      positive(a.p0, "mean");
      positive(a.p1, "scale");
      break;
    case kind::zipf:
      // NaN fails the comparison, as NumPy's CONS_GT_1.
      require(a.p0 > 1, "a <= 1 or a is NaN");
      break;
    case kind::logseries:
      require(a.p0 >= 0 && a.p0 < 1, "p < 0, p >= 1 or p is NaN");
      break;
    case kind::vonmises:
      non_negative(a.p1, "kappa");
      break;
    case kind::triangular:
      require(!(a.p0 > a.p1), "left > mode");
      require(!(a.p1 > a.p2), "mode > right");
      require(a.p0 != a.p2, "left == right");
      break;
    case kind::binomial:
      require(a.i0 >= 0, "n < 0");
      require(a.p0 >= 0 && a.p0 <= 1, "p < 0, p > 1 or p is NaN");
      break;
    case kind::poisson:
      require(a.p0 >= 0, "lam < 0 or lam is NaN");
      // NumPy's bound: the largest lam whose draws stay inside int64.
      require(a.p0 <= 9.2233720064847708e18, "lam value too large");
      break;
    case kind::geometric:
      require(a.p0 > 0 && a.p0 <= 1, "p <= 0, p > 1 or p contains NaNs");
      break;
    case kind::negative_binomial:
      require(!std::isnan(a.p0), "n must not be NaN");
      positive(a.p0, "n");
      require(a.p1 > 0 && a.p1 <= 1, "p <= 0, p > 1 or p contains NaNs");
      break;
    case kind::hypergeometric:
      require(a.i0 >= 0, "ngood < 0");
      require(a.i1 >= 0, "nbad < 0");
      require(a.i2 >= 0, "nsample < 0");
      require(a.i0 + a.i1 >= a.i2, "ngood + nbad < nsample");
      break;
    case kind::multinomial: {
      require(a.i0 >= 0, "n < 0");
      double head = 0;
      for (std::size_t j = 0; j < a.table.size(); ++j) {
        const double p = a.table[j];
        require(p >= 0 && p <= 1, "pvals < 0, pvals > 1 or pvals contains NaNs");
        if (j + 1 < a.table.size()) head += p;
      }
      require(head <= 1.0 + 1e-12, "sum(pvals[:-1]) > 1.0");
      break;
    }
    case kind::dirichlet:
      for (const double x : a.table) {
        require(!std::isnan(x), "alpha contains NaNs");
        require(x >= 0, "alpha < 0");
      }
      break;
    default:
      break;
  }
}

void check_draw(const curand_source* src, kind k, const draw_args& a) {
  check_args(k, a);
  if (src && !curand_serves(k)) {
    require_philox(src, distribution_name(k).c_str());
  }
}

void require_philox(const curand_source* src, const char* method) {
  if (src)
    throw not_implemented_error(std::string("Generator.") + method +
                                ": XORWOW and MRG32k3a serve random, uniform, standard_normal, "
                                "normal, lognormal, standard_exponential, exponential and bytes; "
                                "use Philox4x3210 (default_rng) for the others");
}

namespace {

/// Blocks of the counter a draw of n elements (rows, for the row kinds) takes.
std::uint64_t blocks_used(layout l, std::int64_t n) {
  const auto u = static_cast<std::uint64_t>(n);
  switch (l) {
    case layout::packed4: return (u + 3) / 4;
    case layout::packed2: return (u + 1) / 2;
    default: return u;
  }
}

// ---- the ziggurat of float64 normals ---------------------------------------------------------

/// The device copy of ziggurat_tables(), made once per device.
const double* ziggurat_on_device() {
  static std::mutex m;
  // Never destroyed: the pool they live in may be gone by the time statics are.
  static auto* tables = new std::map<int, ndarray<double>>;
  std::lock_guard<std::mutex> lock(m);
  ndarray<double>& t = (*tables)[cuda::detail::current_device_id()];
  if (t.size() == 0) t = asarray(ziggurat_tables());
  return reinterpret_cast<const double*>(t.desc().ptr);
}

// ---- legacy generators ----------------------------------------------------------------------

struct legacy_state {
  std::mutex m;
  std::map<int, std::unique_ptr<RandomState>> by_device;
  std::optional<std::uint64_t> seed;
};

/// The legacy RandomState of the current device, made from the last seed on first use; `st.m`
/// held by the caller.
RandomState& current_random_state(legacy_state& st) {
  std::unique_ptr<RandomState>& rs = st.by_device[cuda::detail::current_device_id()];
  if (!rs) rs = std::make_unique<RandomState>(st.seed);
  return *rs;
}

legacy_state& legacy_generators() {
  static legacy_state s;
  return s;
}

}  // namespace

std::uint64_t entropy_seed() {
  std::random_device rd;
  const std::uint64_t hi = rd(), lo = rd();
  return (hi << 32) ^ lo ^
         static_cast<std::uint64_t>(
             std::chrono::high_resolution_clock::now().time_since_epoch().count());
}

bit_state philox_state(std::optional<std::uint64_t> seed) {
  const std::uint64_t z = splitmix64(seed ? *seed : entropy_seed());
  bit_state s;
  s.key[0] = static_cast<std::uint32_t>(z);
  s.key[1] = static_cast<std::uint32_t>(z >> 32);
  s.counter = 0;
  return s;
}

std::vector<double> ziggurat_tables() {
  // Marsaglia and Tsang (2000): 256 layers of equal area v under exp(-x^2 / 2), the base layer
  // holding the tail beyond r; positions are 52-bit integers.
  const double m1 = 4503599627370496.0;  // 2^52
  const double r = 3.6541528853610088, v = 4.92867323399e-3;
  std::vector<double> t(768);
  double* const wi = t.data() + 256;
  double* const fi = t.data() + 512;
  std::uint64_t ki[256];
  double dn = r, tn = r;
  const double q = v / std::exp(-0.5 * dn * dn);
  ki[0] = static_cast<std::uint64_t>((dn / q) * m1);
  ki[1] = 0;
  wi[0] = q / m1;
  wi[255] = dn / m1;
  fi[0] = 1.0;
  fi[255] = std::exp(-0.5 * dn * dn);
  for (int i = 254; i >= 1; --i) {
    dn = std::sqrt(-2.0 * std::log(v / dn + std::exp(-0.5 * dn * dn)));
    ki[i + 1] = static_cast<std::uint64_t>((dn / tn) * m1);
    tn = dn;
    fi[i] = std::exp(-0.5 * dn * dn);
    wi[i] = dn / m1;
  }
  std::memcpy(t.data(), ki, sizeof ki);  // ki travels as the bits of 64-bit integers
  return t;
}

std::string kernel_source(kind k, dtype dt) {
  if (!supports(k, dt))
    throw type_error(std::string("cupp::random: no ") + sampler_name(k) + " kernel for " +
                     dtype_name(dt));
  return cupp::jit::detail::routine_source(
      "cupp/random.cuh", "#define CUPP_RNG_NAME " + kernel_name(k, dt) + "\n#define CUPP_RNG_T " +
                             expr::detail::device_type_name(dt) + "\n#define CUPP_RNG_BODY (" +
                             body_of(k, dt) + ")\n");
}

std::string kernel_name(kind k, dtype dt) {
  return "cupp_rng_" + distribution_name(k) + "_" + dtype_name(dt);
}

std::vector<std::pair<kind, dtype>> all_kernels() {
  std::vector<std::pair<kind, dtype>> out;
  for (int k = 0; k <= static_cast<int>(kind::dirichlet); ++k)
    for (const dtype dt : {dtype::bool_, dtype::int8, dtype::int16, dtype::int32, dtype::int64,
                           dtype::uint8, dtype::uint16, dtype::uint32, dtype::uint64,
                           dtype::float32, dtype::float64})
      if (supports(static_cast<kind>(k), dt)) out.emplace_back(static_cast<kind>(k), dt);
  return out;
}

void draw(bit_state& s, kind k, const draw_args& a, const array_desc& out) {
  CUPP_ASSERT(supports(k, out.dt));
  CUPP_ASSERT(is_c_contiguous(out.shape, out.strides));
  check_args(k, a);
  const layout l = layout_of(k, out.dt);
  const auto m = static_cast<std::int64_t>(a.table.size());
  const std::int64_t n = l == layout::rows ? (m == 0 ? 0 : out.size() / m) : out.size();
  if (n == 0 || out.size() == 0) {
    // A draw of nothing takes no blocks; rows of no values still count as drawn.
    if (l == layout::rows) s.counter += static_cast<std::uint64_t>(shape_size(
        shape_t(out.shape.begin(), out.shape.end() - 1)));
    return;
  }
  // The per-call table on the GPU, made only for the draws that have one.
  std::optional<ndarray<double>> table;
  if (!a.table.empty()) table = asarray(a.table);
  const bool ziggurat = (k == kind::normal || k == kind::lognormal) && out.dt == dtype::float64;
  const void* const table_ptr = ziggurat ? ziggurat_on_device()
                                : table  ? static_cast<const void*>(table->desc().ptr)
                                         : nullptr;
  const std::uint64_t counter = s.counter;
  s.counter += blocks_used(l, n);
  const std::uint64_t work = l == layout::stream || l == layout::rows
                                 ? static_cast<std::uint64_t>(n)
                                 : blocks_used(l, n);
  const RawKernel& kernel = kernel_for(k, out.dt);
  kernel(
      dim3(cupp::detail::resident_blocks(kernel, static_cast<std::int64_t>(work), 256)), dim3(256),
      std::size_t{0}, cuda::get_current_stream(), static_cast<void*>(out.ptr),
      static_cast<long long>(n), s.key[0], s.key[1], static_cast<unsigned long long>(counter), a.p0,
      a.p1, a.p2, static_cast<long long>(a.i0), static_cast<long long>(a.i1),
      static_cast<long long>(a.i2), table_ptr, static_cast<long long>(m));
}

std::pair<std::int64_t, std::int64_t> integer_range(std::int64_t low, std::int64_t high,
                                                    bool endpoint, dtype dt) {
  // As NumPy: the dtype's bounds first, then the order of the closed range [low, top].
  const bool empty = endpoint ? low > high : low >= high;
  const std::int64_t top = endpoint || empty ? high : high - 1;  // the largest value drawn
  const integer_bounds bounds = integer_bounds_of(dt);
  const std::int64_t lo = bounds.min;
  const std::uint64_t hi = bounds.max;
  const std::string name = dtype_name(dt);
  if (low < lo) throw value_error("low is out of bounds for " + name);
  if (top >= 0 && static_cast<std::uint64_t>(top) > hi)
    throw value_error("high is out of bounds for " + name);
  if (top < lo) throw value_error("high is out of bounds for " + name);
  if (empty) throw value_error(endpoint ? "low > high" : "low >= high");
  // The count of values, wrapped to 64 bits (0 stands for 2^64).
  const std::uint64_t range = static_cast<std::uint64_t>(top) - static_cast<std::uint64_t>(low) + 1;
  return {low, static_cast<std::int64_t>(range)};
}

global_generator legacy() {
  legacy_state& st = legacy_generators();
  std::unique_lock<std::mutex> lock(st.m);
  RandomState& rs = current_random_state(st);
  return global_generator{std::move(lock), rs, rs};
}

void raw_words(bit_state& s, curand_source* src, const array_desc& out) {
  CUPP_ASSERT(out.dt == dtype::uint32 && is_c_contiguous(out.shape, out.strides));
  if (src)
    curand_draw(*src, kind::bits, {}, out);
  else
    draw(s, kind::bits, {}, out);
}

std::string random_bytes(bit_state& s, curand_source* src, std::int64_t length) {
  // NumPy slices the bytes of the words to `length`: a negative length gives none.
  if (length <= 0) return std::string();
  // Whole words, their bytes in memory order; the tail of the last word is dropped.
  ndarray<std::uint32_t> words({(length + 3) / 4});
  raw_words(s, src, words.desc());
  const std::vector<std::uint32_t> host = words.get();
  std::string out(static_cast<std::size_t>(length), '\0');
  std::memcpy(out.data(), host.data(), static_cast<std::size_t>(length));
  return out;
}

array_desc permutation_indices(bit_state& s, std::int64_t n) {
  if (n < 0) throw value_error("negative dimensions are not allowed");
  ndarray<std::uint64_t> keys({n});
  draw(s, kind::bits, {}, keys.desc());
  return cupp::detail::sort_array(keys.desc(), 0, true);
}

array_desc choice_indices(bit_state& s, std::int64_t a, const shape_t& size, bool replace,
                          const std::vector<double>& p) {
  const std::int64_t k = shape_size(size);
  if (a < 0) throw value_error("a must be a positive integer unless no samples are taken");
  if (a == 0 && k != 0) throw value_error("a cannot be empty unless no samples are taken");
  if (!p.empty()) {
    if (static_cast<std::int64_t>(p.size()) != a) throw value_error("a and p must have same size");
    double sum = 0;
    for (const double x : p) {
      if (std::isnan(x)) throw value_error("probabilities contain NaN");
      if (x < 0) throw value_error("probabilities are not non-negative");
      sum += x;
    }
    if (std::fabs(sum - 1.0) > std::sqrt(std::numeric_limits<double>::epsilon()))
      throw value_error("probabilities do not sum to 1");
  }
  if (replace) {
    ndarray<std::int64_t> out(size);
    if (p.empty()) {
      draw_args args;
      args.i0 = 0;
      args.i1 = a;
      draw(s, kind::integers, args, out.desc());
    } else {
      // The first index whose cumulative probability exceeds U, the total scaled to exactly 1.
      draw_args args;
      args.table.resize(p.size());
      double acc = 0;
      for (std::size_t i = 0; i < p.size(); ++i) args.table[i] = acc += p[i];
      for (double& c : args.table) c /= acc;
      draw(s, kind::choice, args, out.desc());
    }
    return out.desc();
  }
  if (k > a)
    throw value_error("Cannot take a larger sample than population when replace is False");
  ndarray<std::int64_t> order;
  if (p.empty()) {
    order = ndarray<std::int64_t>(permutation_indices(s, a));
  } else {
    // Weighted sampling without replacement: the k smallest E_i / p_i (E exponential) are a
    // sample drawn one at a time in proportion to the p of what is left (Efraimidis-Spirakis).
    const auto nonzero = std::count_if(p.begin(), p.end(), [](double x) { return x > 0; });
    if (nonzero < k) throw value_error("Fewer non-zero entries in p than size");
    ndarray<double> e({a});
    draw(s, kind::exponential, [] {
      draw_args d;
      d.p0 = 1.0;
      return d;
    }(), e.desc());
    ndarray<double> keys = e / asarray(p);
    order = ndarray<std::int64_t>(cupp::detail::sort_array(keys.desc(), 0, true));
  }
  return order(cupp::slice(0, k)).copy().reshape(size).desc();
}

namespace {

template <class T>
array_desc mvn(bit_state& s, const ndarray<T>& mean, const ndarray<T>& cov, const shape_t& size) {
  if (mean.ndim() != 1) throw value_error("mean must be 1 dimensional");
  if (cov.ndim() != 2 || cov.shape()[0] != cov.shape()[1])
    throw value_error("cov must be 2 dimensional and square");
  const std::int64_t d = mean.shape()[0];
  if (cov.shape()[0] != d) throw value_error("mean and cov must have same length");
  shape_t shape = size;
  shape.push_back(d);
  ndarray<T> z(shape);
  draw(s, kind::normal, [] {
    draw_args a;
    a.p0 = 0.0;
    a.p1 = 1.0;
    return a;
  }(), z.desc());
  if (z.size() == 0) return z.desc();
  // cov = V diag(w) V^T, so A = V sqrt(max(w, 0)) has A A^T = cov, and z A^T has covariance cov.
  auto [w, v] = linalg::eigh(cov);
  const ndarray<T> scale = cupp::sqrt(cupp::maximum(w, T(0)));
  const ndarray<T> a = v * scale;
  const ndarray<T> x = matmul(z, a.T()) + mean;
  return x.desc();
}

}  // namespace

array_desc multivariate_normal(bit_state& s, const array_desc& mean, const array_desc& cov,
                               const shape_t& size) {
  if (mean.dt == dtype::float32)
    return mvn(s, ndarray<float>(mean), ndarray<float>(cov), size);
  return mvn(s, ndarray<double>(mean), ndarray<double>(cov), size);
}

}  // namespace detail

RandomState& get_random_state() {
  detail::legacy_state& st = detail::legacy_generators();
  std::lock_guard<std::mutex> lock(st.m);
  return detail::current_random_state(st);
}

void set_random_state(const RandomState& rs) {
  detail::legacy_state& st = detail::legacy_generators();
  std::lock_guard<std::mutex> lock(st.m);
  // Assigned in place, so that what get_random_state returned stays valid.
  detail::current_random_state(st) = rs;
}

void seed(std::uint64_t s) {
  detail::legacy_state& st = detail::legacy_generators();
  std::lock_guard<std::mutex> lock(st.m);
  // Every device's RandomState restarts in place (references to them stay valid); the ones made
  // later start from the same seed.
  for (auto& [device, rs] : st.by_device) rs->seed(s);
  st.seed = s;
}

}  // namespace cupp::random
