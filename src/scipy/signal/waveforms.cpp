// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The waveforms of cupp::scipy::signal (include/cupp/scipy/signal/waveforms.hpp), in SciPy's
// order of checks. chirp, gausspulse, sawtooth, square and sweep_poly are elementwise
// expressions of the runtime array over `t` in float64 (each one fused kernel); unit_impulse is
// zeros with one element written; max_len_seq's shift register runs on the host, as SciPy's.
#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/core/runtime_array.hpp"
#include "cupp/routines/creation.hpp"
#include "cupp/scipy/signal/waveforms.hpp"

namespace cupp::scipy::signal {

namespace detail {

namespace {

constexpr double kPi = 3.141592653589793238462643383279502884;

/// `t` as float64, the dtype every waveform computes and returns in.
cupp::array times(const array_desc& t) {
  if (is_complex(t.dt)) throw type_error("t must be real");
  return cupp::array(t).astype(dtype::float64);
}

/// Python's "{:.2f}" of a number, for SciPy's messages.
std::string fixed2(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

bool one_of(const std::string& s, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return s == n; });
}

}  // namespace

array_desc chirp(const array_desc& t_, double f0, double t1, double f1, const std::string& method,
                 double phi, bool vertex_zero, bool complex) {
  // SciPy's checks, before any device work.
  const bool linear = one_of(method, {"linear", "lin", "li"});
  const bool quadratic = one_of(method, {"quadratic", "quad", "q"});
  const bool logarithmic = one_of(method, {"logarithmic", "log", "lo"});
  const bool hyperbolic = one_of(method, {"hyperbolic", "hyp"});
  if (!linear && !quadratic && !logarithmic && !hyperbolic)
    throw value_error(
        "method must be 'linear', 'quadratic', 'logarithmic', or 'hyperbolic', but a value of '" +
        method + "' was given.");
  if (logarithmic && f0 * f1 <= 0.0)
    throw value_error("For a logarithmic chirp, f0 and f1 must be nonzero and have the same sign.");
  if (hyperbolic && (f0 == 0 || f1 == 0))
    throw value_error("For a hyperbolic chirp, f0 and f1 must be nonzero.");

  const cupp::array t = times(t_);
  const double phi_rad = phi * kPi / 180.0;
  cupp::array phase;
  if (linear) {
    const double beta = (f1 - f0) / t1;
    phase = 2 * kPi * (f0 * t + 0.5 * beta * t * t);
  } else if (quadratic) {
    const double beta = (f1 - f0) / (t1 * t1);
    if (vertex_zero) {
      phase = 2 * kPi * (f0 * t + beta * (t * t * t) / 3.0);
    } else {
      const cupp::array d = t1 - t;
      phase = 2 * kPi * (f1 * t + beta * (d * d * d - t1 * t1 * t1) / 3.0);
    }
  } else if (f0 == f1) {  // logarithmic or hyperbolic: a constant frequency
    phase = 2 * kPi * f0 * t;
  } else if (logarithmic) {
    const double beta = t1 / std::log(f1 / f0);
    // (f1 / f0)^(t / t1) as exp(log(f1 / f0) t / t1): the same power without a power ufunc of a
    // scalar base.
    phase = 2 * kPi * beta * f0 * (cupp::exp((std::log(f1 / f0) / t1) * t) - 1.0);
  } else {
    const double sing = -f1 * t1 / (f0 - f1);
    phase = 2 * kPi * (-sing * f0) * cupp::log(cupp::abs(1.0 - t / sing));
  }
  if (complex) return cupp::array(cupp::exp(std::complex<double>(0, 1) * (phase + phi_rad))).desc();
  return cupp::array(cupp::cos(phase + phi_rad)).desc();
}

namespace {

/// gausspulse's checks and its envelope's exponent a (exp(-a t^2)).
double gauss_a(double fc, double bw, double bwr) {
  if (fc < 0) throw value_error("Center frequency (fc=" + fixed2(fc) + ") must be >=0.");
  if (bw <= 0) throw value_error("Fractional bandwidth (bw=" + fixed2(bw) + ") must be > 0.");
  if (bwr >= 0)
    throw value_error("Reference level for bandwidth (bwr=" + fixed2(bwr) + ") must be < 0 dB");
  const double ref = std::pow(10.0, bwr / 20.0);
  const double pfb = kPi * fc * bw;
  return -(pfb * pfb) / (4.0 * std::log(ref));
}

}  // namespace

gausspulse_descs gausspulse(const array_desc& t_, double fc, double bw, double bwr, double tpr) {
  (void)tpr;  // used by the "cutoff" form only, as SciPy's
  const double a = gauss_a(fc, bw, bwr);
  const cupp::array t = times(t_);
  const cupp::array yenv = cupp::exp(-a * t * t);
  const cupp::array w = (2 * kPi * fc) * t;
  gausspulse_descs out;
  out.yI = cupp::array(yenv * cupp::cos(w)).desc();
  out.yQ = cupp::array(yenv * cupp::sin(w)).desc();
  out.yenv = yenv.desc();
  return out;
}

double gausspulse_cutoff(const std::string& t, double fc, double bw, double bwr, double tpr) {
  const double a = gauss_a(fc, bw, bwr);
  if (t != "cutoff") throw value_error("If `t` is a string, it must be 'cutoff'");
  if (tpr >= 0) throw value_error("Reference level for time cutoff must be < 0 dB");
  const double tref = std::pow(10.0, tpr / 20.0);
  return std::sqrt(-std::log(tref) / a);
}

array_desc sawtooth(const array_desc& t_, double width) {
  const cupp::array t = times(t_);
  if (width > 1 || width < 0 || std::isnan(width)) {
    // SciPy's mask1 is false for a NaN width, whose every comparison then fails: the third
    // branch's formula, NaN as well.
    cupp::array y(t.shape(), dtype::float64);
    y.fill(std::nan(""));
    return y.desc();
  }
  const cupp::array tmod = cupp::mod(t, 2 * kPi);
  return cupp::array(cupp::where(tmod < width * 2 * kPi, tmod / (kPi * width) - 1.0,
                                 (kPi * (width + 1) - tmod) / (kPi * (1 - width))))
      .desc();
}

array_desc square(const array_desc& t_, double duty) {
  const cupp::array t = times(t_);
  if (duty > 1 || duty < 0) {
    cupp::array y(t.shape(), dtype::float64);
    y.fill(std::nan(""));
    return y.desc();
  }
  // A NaN duty: every comparison fails, -1 everywhere (SciPy's mask3).
  const cupp::array tmod = cupp::mod(t, 2 * kPi);
  return cupp::array(cupp::where(tmod < duty * 2 * kPi, 1.0, -1.0)).desc();
}

std::vector<double> polyint(const std::vector<double>& poly) {
  // numpy.polyint(p): p[i] / (n - i) for the power n - i, then the constant 0.
  std::vector<double> out;
  const std::size_t n = poly.size();
  for (std::size_t i = 0; i < n; ++i) out.push_back(poly[i] / static_cast<double>(n - i));
  out.push_back(0.0);
  return out;
}

array_desc sweep_poly(const array_desc& t_, const std::vector<double>& poly, double phi) {
  const cupp::array t = times(t_);
  const std::vector<double> p = polyint(poly);
  // Horner's rule as numpy.polyval: y = y * t + p[i], from y = 0 (a zero array of t's shape, so
  // that a constant polynomial keeps t's shape).
  cupp::array y = 0.0 * t;
  for (const double c : p) y = y * t + c;
  const cupp::array phase = 2 * kPi * y;
  return cupp::array(cupp::cos(phase + phi * (kPi / 180))).desc();
}

std::vector<std::int64_t> impulse_position(const shape_t& shape, const impulse_idx& idx) {
  if (!idx.named.empty() && !idx.mid)
    throw index_error(
        "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or "
        "boolean arrays are valid indices");
  const std::size_t nd = shape.size();
  std::vector<std::int64_t> pos;
  if (idx.mid) {
    for (const std::int64_t n : shape) pos.push_back(n / 2);
  } else if (idx.idx.empty()) {
    pos.assign(nd, 0);
  } else if (idx.one) {
    pos.assign(nd, idx.idx[0]);
  } else {
    pos = idx.idx;
  }
  if (pos.size() > nd)
    throw index_error("too many indices for array: array is " + std::to_string(nd) +
                      "-dimensional, but " + std::to_string(pos.size()) + " were indexed");
  for (std::size_t k = 0; k < pos.size(); ++k) {
    const std::int64_t n = shape[k];
    if (pos[k] < -n || pos[k] >= n)
      throw index_error("index " + std::to_string(pos[k]) + " is out of bounds for axis " +
                        std::to_string(k) + " with size " + std::to_string(n));
    if (pos[k] < 0) pos[k] += n;
  }
  return pos;
}

array_desc unit_impulse(const shape_t& shape, const impulse_idx& idx, dtype dt) {
  for (const std::int64_t n : shape)
    if (n < 0) throw value_error("negative dimensions are not allowed");
  const std::vector<std::int64_t> pos = impulse_position(shape, idx);
  cupp::array out(shape, dt);
  out.fill(0);
  // Fewer indices than axes (a tuple shorter than the shape) set a whole sub-array, as NumPy's
  // out[idx] = 1.
  char* p = out.desc().ptr;
  for (std::size_t k = 0; k < pos.size(); ++k)
    p += pos[k] * out.strides()[k] * static_cast<std::int64_t>(out.desc().itemsize());
  const shape_t rest(shape.begin() + static_cast<std::ptrdiff_t>(pos.size()), shape.end());
  const strides_t rest_strides(out.strides().begin() + static_cast<std::ptrdiff_t>(pos.size()),
                               out.strides().end());
  cupp::array(cupp::detail::make_view(out.desc(), rest, rest_strides, p)).fill(1);
  return out.desc();
}

namespace {

/// SciPy's default taps (_mls_taps) for nbits 2..32.
const std::map<int, std::vector<std::int64_t>>& mls_taps() {
  static const std::map<int, std::vector<std::int64_t>> taps = {
      {2, {1}},           {3, {2}},           {4, {3}},           {5, {3}},
      {6, {5}},           {7, {6}},           {8, {7, 6, 1}},     {9, {5}},
      {10, {7}},          {11, {9}},          {12, {11, 10, 4}},  {13, {12, 11, 8}},
      {14, {13, 12, 2}},  {15, {14}},         {16, {15, 13, 4}},  {17, {14}},
      {18, {11}},         {19, {18, 17, 14}}, {20, {17}},         {21, {19}},
      {22, {21}},         {23, {18}},         {24, {23, 22, 17}}, {25, {22}},
      {26, {25, 24, 20}}, {27, {26, 25, 22}}, {28, {25}},         {29, {27}},
      {30, {29, 28, 7}},  {31, {28}},         {32, {31, 30, 10}}};
  return taps;
}

}  // namespace

std::pair<std::vector<std::int8_t>, std::vector<std::int8_t>> max_len_seq(
    int nbits, const std::vector<std::int64_t>& state_in, std::optional<std::int64_t> length_in,
    const std::vector<std::int64_t>& taps_in) {
  std::vector<std::int64_t> taps;
  if (taps_in.empty()) {
    const auto it = mls_taps().find(nbits);
    if (it == mls_taps().end()) throw value_error("nbits must be between 2 and 32 if taps is None");
    taps = it->second;
  } else {
    // SciPy's np.unique(taps)[::-1]: sorted, distinct, descending.
    taps = taps_in;
    std::sort(taps.begin(), taps.end());
    taps.erase(std::unique(taps.begin(), taps.end()), taps.end());
    std::reverse(taps.begin(), taps.end());
    for (const std::int64_t k : taps)
      if (k < 0 || k > nbits)
        throw value_error("taps must be non-empty with values between zero and nbits (inclusive)");
  }
  if (nbits < 0 || nbits > 62) throw value_error("nbits must be between 0 and 62");
  const std::int64_t n_max = (std::int64_t{1} << nbits) - 1;
  std::int64_t length = n_max;
  if (length_in) {
    length = *length_in;
    if (length < 0) throw value_error("length must be greater than or equal to 0");
  }
  std::vector<std::int8_t> state;
  if (state_in.empty() && nbits != 0) {
    state.assign(static_cast<std::size_t>(nbits), 1);
  } else {
    for (const std::int64_t s : state_in) state.push_back(s != 0 ? 1 : 0);
  }
  if (static_cast<std::int64_t>(state.size()) != nbits)
    throw value_error("state must be a 1-D array of size nbits");
  if (std::all_of(state.begin(), state.end(), [](std::int8_t s) { return s == 0; }))
    throw value_error("state must not be all zeros");

  // The Fibonacci register as SciPy's _max_len_seq_inner: a ring buffer whose head `idx` is the
  // output bit, replaced by the XOR of itself and the tapped bits.
  std::vector<std::int8_t> seq(static_cast<std::size_t>(length));
  std::size_t idx = 0;
  const std::size_t nb = static_cast<std::size_t>(nbits);
  for (std::int64_t i = 0; i < length; ++i) {
    std::int8_t feedback = state[idx];
    seq[static_cast<std::size_t>(i)] = feedback;
    for (const std::int64_t k : taps) feedback ^= state[(static_cast<std::size_t>(k) + idx) % nb];
    state[idx] = feedback;
    idx = (idx + 1) % nb;
  }
  std::rotate(state.begin(), state.begin() + static_cast<std::ptrdiff_t>(idx), state.end());
  return {std::move(seq), std::move(state)};
}

}  // namespace detail

max_len_seq_result max_len_seq(int nbits, const std::vector<std::int64_t>& state,
                               std::optional<std::int64_t> length,
                               const std::vector<std::int64_t>& taps) {
  auto [seq, st] = detail::max_len_seq(nbits, state, length, taps);
  return {asarray(seq), asarray(st)};
}

}  // namespace cupp::scipy::signal
