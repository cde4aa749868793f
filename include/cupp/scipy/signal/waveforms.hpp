// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The waveforms of scipy.signal: chirp, gausspulse, sawtooth, square, sweep_poly, unit_impulse
// and max_len_seq. The periodic and swept waveforms are elementwise expressions of the library's
// ufuncs over the times `t` (one fused kernel each); max_len_seq's shift register runs on the
// host, as SciPy's. Results are float64, as SciPy's for every real `t`. See docs/scipy_signal.md.
#pragma once

#include <complex>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/ndarray.hpp"

namespace cupp::scipy::signal {

namespace detail {

using cupp::detail::array_desc;

/// chirp as float64, or complex128 (SciPy's complex=True) when `complex`.
array_desc chirp(const array_desc& t, double f0, double t1, double f1, const std::string& method,
                 double phi, bool vertex_zero, bool complex);
/// gausspulse's three parts: the in-phase pulse, the quadrature pulse and the envelope.
struct gausspulse_descs {
  array_desc yI, yQ, yenv;
};
gausspulse_descs gausspulse(const array_desc& t, double fc, double bw, double bwr, double tpr);
/// gausspulse("cutoff", ...): the time at which the envelope falls to `tpr` dB.
double gausspulse_cutoff(const std::string& t, double fc, double bw, double bwr, double tpr);
array_desc sawtooth(const array_desc& t, double width);
array_desc square(const array_desc& t, double duty);
array_desc sweep_poly(const array_desc& t, const std::vector<double>& poly, double phi);
/// The coefficients of the integral of `poly` (numpy.polyint, highest power first).
std::vector<double> polyint(const std::vector<double>& poly);
/// max_len_seq on the host: the sequence and the final state (0/1 each), after SciPy's checks.
/// `state` and `taps` empty for SciPy's None; `length` negative-free or nullopt.
std::pair<std::vector<std::int8_t>, std::vector<std::int8_t>> max_len_seq(
    int nbits, const std::vector<std::int64_t>& state, std::optional<std::int64_t> length,
    const std::vector<std::int64_t>& taps);

}  // namespace detail

/// scipy.signal.chirp(t, f0, t1, f1, method='linear', phi=0, vertex_zero=True, *,
/// complex=False): the frequency-swept cosine cos(phase(t) + phi degrees), `method` one of
/// "linear" ("lin", "li"), "quadratic" ("quad", "q"), "logarithmic" ("log", "lo"), "hyperbolic"
/// ("hyp"). float64, as SciPy's; SciPy's complex=True (the analytic signal exp(1j (phase + phi)))
/// is the output type `chirp<std::complex<double>>(...)`. Throws value_error in SciPy's words
/// for an unknown method and for f0, f1 that a logarithmic or hyperbolic sweep cannot take.
template <class Out = double, class T>
ndarray<Out> chirp(const ndarray<T>& t, double f0, double t1, double f1,
                   const std::string& method = "linear", double phi = 0, bool vertex_zero = true) {
  static_assert(std::is_same_v<Out, double> || std::is_same_v<Out, std::complex<double>>,
                "chirp returns float64, or complex128 for SciPy's complex=True");
  return ndarray<Out>(detail::chirp(t.desc(), f0, t1, f1, method, phi, vertex_zero,
                                    std::is_same_v<Out, std::complex<double>>));
}

/// The arrays of gausspulse(t, ..., retquad, retenv): `yI` always; `yQ` when retquad; `yenv`
/// when retenv (SciPy's tuples (yI, yQ), (yI, yenv) and (yI, yQ, yenv)).
struct gausspulse_result {
  ndarray<double> yI;                   ///< the in-phase (real) part of the pulse
  std::optional<ndarray<double>> yQ;    ///< the quadrature (imaginary) part, with retquad
  std::optional<ndarray<double>> yenv;  ///< the envelope, with retenv
};

/// scipy.signal.gausspulse(t, fc=1000, bw=0.5, bwr=-6, tpr=-60): the Gaussian-modulated
/// sinusoid exp(-a t^2) cos(2 pi fc t), float64. Throws value_error "Center frequency (fc=...)
/// must be >=0.", "Fractional bandwidth (bw=...) must be > 0.", "Reference level for bandwidth
/// (bwr=...) must be < 0 dB".
template <class T>
ndarray<double> gausspulse(const ndarray<T>& t, double fc = 1000, double bw = 0.5, double bwr = -6,
                           double tpr = -60) {
  return ndarray<double>(detail::gausspulse(t.desc(), fc, bw, bwr, tpr).yI);
}

/// gausspulse with SciPy's retquad and retenv: the quadrature pulse and/or the envelope too.
template <class T>
gausspulse_result gausspulse(const ndarray<T>& t, double fc, double bw, double bwr, double tpr,
                             bool retquad, bool retenv) {
  detail::gausspulse_descs d = detail::gausspulse(t.desc(), fc, bw, bwr, tpr);
  gausspulse_result r{ndarray<double>(d.yI), std::nullopt, std::nullopt};
  if (retquad) r.yQ = ndarray<double>(d.yQ);
  if (retenv) r.yenv = ndarray<double>(d.yenv);
  return r;
}

/// scipy.signal.gausspulse("cutoff", fc, bw, bwr, tpr): the time at which the envelope has fallen
/// to `tpr` dB (value_error "Reference level for time cutoff must be < 0 dB"; any other string:
/// "If `t` is a string, it must be 'cutoff'").
inline double gausspulse(const std::string& t, double fc = 1000, double bw = 0.5, double bwr = -6,
                         double tpr = -60) {
  return detail::gausspulse_cutoff(t, fc, bw, bwr, tpr);
}
inline double gausspulse(const char* t, double fc = 1000, double bw = 0.5, double bwr = -6,
                         double tpr = -60) {
  return detail::gausspulse_cutoff(t, fc, bw, bwr, tpr);
}

/// scipy.signal.sawtooth(t, width=1): the sawtooth of period 2 pi rising from -1 to 1 over
/// width * 2 pi and falling back over the rest; NaN where width is outside [0, 1]. float64.
/// (SciPy's array `width` is a number here.)
template <class T>
ndarray<double> sawtooth(const ndarray<T>& t, double width = 1) {
  return ndarray<double>(detail::sawtooth(t.desc(), width));
}

/// scipy.signal.square(t, duty=0.5): the square wave of period 2 pi, 1 over duty * 2 pi and -1
/// over the rest; NaN where duty is outside [0, 1]. float64. (SciPy's array `duty` is a number
/// here.)
template <class T>
ndarray<double> square(const ndarray<T>& t, double duty = 0.5) {
  return ndarray<double>(detail::square(t.desc(), duty));
}

/// scipy.signal.sweep_poly(t, poly, phi=0): cos(2 pi P(t) + phi degrees), P the integral of the
/// frequency polynomial `poly` (coefficients highest power first, as numpy.poly1d). float64.
template <class T>
ndarray<double> sweep_poly(const ndarray<T>& t, const std::vector<double>& poly, double phi = 0) {
  return ndarray<double>(detail::sweep_poly(t.desc(), poly, phi));
}

/// unit_impulse's `idx`: SciPy's None (the default: the first element), one index for every axis,
/// one per axis (`{1, 2}`), or "mid" (shape // 2 on every axis).
struct impulse_idx {
  std::vector<std::int64_t> idx;  ///< the index, or one per axis
  bool mid = false;               ///< "mid" was given
  bool one = false;               ///< a single index for every axis
  std::string named;              ///< the string given (only "mid" is SciPy's)

  /// SciPy's None: the first element.
  impulse_idx() = default;
  /// One index for every axis.
  impulse_idx(std::int64_t i) : idx{i}, one(true) {}  // NOLINT: implicit, as idx=2
  /// One index for every axis.
  impulse_idx(int i) : idx{i}, one(true) {}  // NOLINT: implicit
  /// One index per axis, as a braced list.
  impulse_idx(std::initializer_list<std::int64_t> i) : idx(i) {}
  /// One index per axis.
  impulse_idx(std::vector<std::int64_t> i) : idx(std::move(i)) {}  // NOLINT: implicit
  /// A name: "mid", shape // 2 on every axis.
  impulse_idx(const char* s) : mid(std::string(s) == "mid"), named(s) {}  // NOLINT: implicit
};

namespace detail {
/// The position of unit_impulse's one in `shape`, after SciPy's (NumPy's) checks.
std::vector<std::int64_t> impulse_position(const shape_t& shape, const impulse_idx& idx);
array_desc unit_impulse(const shape_t& shape, const impulse_idx& idx, dtype dt);
}  // namespace detail

/// scipy.signal.unit_impulse(shape, idx=None, dtype=float): zeros of `shape` with a one at `idx`
/// (the Kronecker delta), dtype T (float64 by default). Throws index_error for an index outside
/// the shape, as NumPy's assignment does.
template <class T = double>
ndarray<T> unit_impulse(const shape_t& shape, const impulse_idx& idx = {}) {
  return ndarray<T>(detail::unit_impulse(shape, idx, dtype_of<T>));
}
/// unit_impulse(n, ...): the 1-D impulse of n samples.
template <class T = double>
ndarray<T> unit_impulse(std::int64_t n, const impulse_idx& idx = {}) {
  return unit_impulse<T>(shape_t{n}, idx);
}

/// max_len_seq's (seq, state).
struct max_len_seq_result {
  ndarray<std::int8_t> seq;    ///< the sequence of 0s and 1s
  ndarray<std::int8_t> state;  ///< the register's final state, to continue the sequence
};

/// scipy.signal.max_len_seq(nbits, state=None, length=None, taps=None): the maximum length
/// sequence of the linear feedback shift register of `nbits` bits (SciPy's taps for nbits 2..32
/// unless `taps` are given), `length` samples (2^nbits - 1 by default), as int8 0/1, with the
/// register's final state. `state`: the initial state (nonzero entries are ones; all ones by
/// default). Computed on the host, as SciPy's. Throws value_error in SciPy's words.
max_len_seq_result max_len_seq(int nbits, const std::vector<std::int64_t>& state = {},
                               std::optional<std::int64_t> length = std::nullopt,
                               const std::vector<std::int64_t>& taps = {});

}  // namespace cupp::scipy::signal
