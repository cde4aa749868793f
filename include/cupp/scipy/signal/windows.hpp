// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The windows of scipy.signal.windows and get_window. Coefficients are computed on the host as
// SciPy computes them (in double) and returned as a 1-D float64 device array (2-D for dpss with
// Kmax), as cupyx.scipy.signal.windows returns CuPy arrays. See docs/scipy_signal.md.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cupp/core/ndarray.hpp"

namespace cupp::scipy::signal {

/// SciPy's `window` argument of get_window: a name ("hann", "hann_periodic"), a name with its
/// parameters (`{"kaiser", 8.6}`, `{"general_cosine", {0.5, 0.5}}`, `{"exponential", 3.0, 2.0}`)
/// as SciPy's tuple `("kaiser", 8.6)`, or a number, which is the beta of a Kaiser window.
/// A parameter that SciPy takes as a list (general_cosine's coefficients) is given as a braced
/// list; the other parameters are numbers, booleans as 0/1 (taylor's norm).
struct window_spec {
  /// The window's name ("hann", "kaiser", ...).
  std::string name;
  /// The window's parameters, in SciPy's order.
  std::vector<double> params;
  /// True when given as SciPy's tuple (a name with parameters), as get_window tells apart.
  bool tuple = false;  // given as SciPy's tuple (a name with parameters)

  /// A name: window="hann".
  window_spec(const char* n) : name(n) {}             // NOLINT: implicit, as window="hann"
  /// A name, from a std::string.
  window_spec(std::string n) : name(std::move(n)) {}  // NOLINT: implicit
  /// A number: a Kaiser window of that beta, as SciPy's window=8.6.
  window_spec(double beta) : name("kaiser"), params{beta}, tuple(true) {}  // NOLINT: implicit
  /// A name with a list of parameters: `{"general_cosine", {0.5, 0.5}}`.
  window_spec(std::string n, std::vector<double> p)
      : name(std::move(n)), params(std::move(p)), tuple(true) {}
  /// A name with numeric parameters: `{"kaiser", 8.6}`, `{"exponential", 3.0, 2.0}`.
  template <class... P>
  window_spec(std::string n, double p0, P... rest)
      : name(std::move(n)), params{p0, static_cast<double>(rest)...}, tuple(true) {}
};

namespace windows {

/// Equivalent to scipy.signal.get_window(window, Nx, fftbins): the window `window` of length
/// `Nx`, periodic when `fftbins` (the default, for spectral analysis) and symmetric otherwise; a
/// name ending in "_periodic" or "_symmetric" overrides fftbins. Throws value_error in SciPy's
/// words for a non-positive Nx, an unknown name, parameters a window does not take or lacks.
ndarray<double> get_window(const window_spec& window, std::int64_t Nx, bool fftbins = true);

// Every window below is scipy.signal.windows.<name>(M, ..., sym): M points (an empty array for
// M == 0, [1.0] for M == 1), symmetric when `sym` (the default, for filter design) and periodic
// (the first M of M + 1 symmetric points) otherwise. A negative M throws value_error "Window
// length M must be a non-negative integer".

/// scipy.signal.windows.barthann: the modified Bartlett-Hann window.
ndarray<double> barthann(std::int64_t M, bool sym = true);
/// scipy.signal.windows.bartlett: the triangular window with zero end points.
ndarray<double> bartlett(std::int64_t M, bool sym = true);
/// scipy.signal.windows.blackman.
ndarray<double> blackman(std::int64_t M, bool sym = true);
/// scipy.signal.windows.blackmanharris: the minimum 4-term Blackman-Harris window.
ndarray<double> blackmanharris(std::int64_t M, bool sym = true);
/// scipy.signal.windows.bohman.
ndarray<double> bohman(std::int64_t M, bool sym = true);
/// scipy.signal.windows.boxcar: all ones.
ndarray<double> boxcar(std::int64_t M, bool sym = true);
/// scipy.signal.windows.chebwin: the Dolph-Chebyshev window of sidelobe attenuation `at` dB.
/// (SciPy warns for |at| < 45; cupp does not.)
ndarray<double> chebwin(std::int64_t M, double at, bool sym = true);
/// scipy.signal.windows.cosine: the half-sine window.
ndarray<double> cosine(std::int64_t M, bool sym = true);
/// scipy.signal.windows.dpss(M, NW, Kmax=None, sym, norm): the first discrete prolate spheroidal
/// (Slepian) sequence, 1-D, when Kmax is not given, else the first Kmax as rows of a (Kmax, M)
/// array. `norm`: "approximate" (the default without Kmax), "subsample", or "2" (the default
/// with Kmax: unit energy). return_ratios is not offered. Throws value_error "Kmax must be
/// greater than 0 and less than M", "NW must be less than M/2.", "NW must be positive".
ndarray<double> dpss(std::int64_t M, double NW, std::optional<std::int64_t> Kmax = std::nullopt,
                     bool sym = true, const std::string& norm = "");
/// scipy.signal.windows.exponential(M, center=None, tau=1.0, sym): centred at `center` (the
/// middle when not given; only with sym=false, else value_error "If sym==True, center must be
/// None.").
ndarray<double> exponential(std::int64_t M, std::optional<double> center = std::nullopt,
                            double tau = 1.0, bool sym = true);
/// scipy.signal.windows.flattop.
ndarray<double> flattop(std::int64_t M, bool sym = true);
/// scipy.signal.windows.gaussian with standard deviation `std`.
ndarray<double> gaussian(std::int64_t M, double std, bool sym = true);
/// scipy.signal.windows.general_cosine: the sum of a[k] cos(k x) over x in [-pi, pi].
ndarray<double> general_cosine(std::int64_t M, const std::vector<double>& a, bool sym = true);
/// scipy.signal.windows.general_gaussian: exp(-0.5 |n / sig|^(2p)).
ndarray<double> general_gaussian(std::int64_t M, double p, double sig, bool sym = true);
/// scipy.signal.windows.general_hamming: alpha - (1 - alpha) cos(2 pi n / (M - 1)).
ndarray<double> general_hamming(std::int64_t M, double alpha, bool sym = true);
/// scipy.signal.windows.hamming.
ndarray<double> hamming(std::int64_t M, bool sym = true);
/// scipy.signal.windows.hann.
ndarray<double> hann(std::int64_t M, bool sym = true);
/// scipy.signal.windows.kaiser with shape parameter `beta`.
ndarray<double> kaiser(std::int64_t M, double beta, bool sym = true);
/// scipy.signal.windows.kaiser_bessel_derived (the MDCT window): symmetric and even M only
/// (value_error "Kaiser-Bessel Derived windows are only defined for symmetric shapes", "... for
/// even number of points").
ndarray<double> kaiser_bessel_derived(std::int64_t M, double beta, bool sym = true);
/// scipy.signal.windows.lanczos: the sinc window.
ndarray<double> lanczos(std::int64_t M, bool sym = true);
/// scipy.signal.windows.nuttall: Nuttall's minimum 4-term Blackman-Harris window.
ndarray<double> nuttall(std::int64_t M, bool sym = true);
/// scipy.signal.windows.parzen.
ndarray<double> parzen(std::int64_t M, bool sym = true);
/// scipy.signal.windows.taylor(M, nbar=4, sll=30, norm=True, sym).
ndarray<double> taylor(std::int64_t M, int nbar = 4, double sll = 30, bool norm = true,
                       bool sym = true);
/// scipy.signal.windows.triang: the triangular window with non-zero end points.
ndarray<double> triang(std::int64_t M, bool sym = true);
/// scipy.signal.windows.tukey: the tapered cosine window, `alpha` the tapered fraction.
ndarray<double> tukey(std::int64_t M, double alpha = 0.5, bool sym = true);

}  // namespace windows

using windows::get_window;

namespace detail {

/// The coefficients of window `name` (a canonical name or one of SciPy's aliases, without the
/// "_periodic"/"_symmetric" suffix) with SciPy's positional parameters after M, on the host: what
/// every window function above returns before it is copied to the device. For dpss the rows of
/// the (Kmax, M) result follow one another.
std::vector<double> window_values(const std::string& name, const std::vector<double>& params,
                                  std::int64_t M, bool sym);
/// get_window on the host: the window's coefficients after SciPy's argument checks.
std::vector<double> get_window_values(const window_spec& window, std::int64_t Nx, bool fftbins);
/// dpss on the host, (Kmax, M) in C order; `kmax` 0 for SciPy's Kmax=None.
std::vector<double> dpss_values(std::int64_t M, double NW, std::int64_t kmax, bool sym,
                                const std::string& norm);
/// Python's repr of a float ("1000.0", "0.3", "1e-05"), for SciPy's messages that quote values.
std::string py_repr(double v);
/// The modified Bessel function of the first kind of order 0 (scipy.special.i0), on the host.
double bessel_i0(double x);

}  // namespace detail

}  // namespace cupp::scipy::signal
