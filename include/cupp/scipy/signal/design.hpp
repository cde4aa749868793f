// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Filter design of scipy.signal: FIR (firwin, firwin2, firls), IIR (iirfilter, butter, cheby1,
// cheby2, ellip, bessel, iirnotch, iirpeak, iirdesign and the order estimates), the analog
// prototypes and frequency transformations, the conversions between transfer function (b, a),
// zeros/poles/gain and second-order sections, and the frequency responses freqz, sosfreqz and
// group_delay. See docs/scipy_signal.md.
//
// Note [Design results on the host]: a filter design is a handful of coefficients that SciPy
// computes on the host (cupyx.scipy.signal does too); cupp computes them on the host in double,
// as SciPy does, and returns them as host values a SciPy user recognises: `ba` (b, a), `zpk`
// (z, p, k) and `sos_array` (rows b0 b1 b2 a0 a1 a2). What has the length of a signal (the
// frequency responses, FIR taps) is returned as a device array, ready for the filtering
// functions; cupp::asarray(f.b) makes a device array of a host result.
#pragma once

#include <array>
#include <complex>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cupp/core/ndarray.hpp"
#include "cupp/scipy/signal/windows.hpp"

namespace cupp::scipy::signal {

/// A transfer function: numerator b and denominator a, highest power first (SciPy's (b, a)).
struct ba {
  std::vector<double> b;  ///< numerator coefficients, highest power first
  std::vector<double> a;  ///< denominator coefficients, highest power first
};
/// Zeros, poles and gain (SciPy's (z, p, k)).
struct zpk {
  std::vector<std::complex<double>> z;  ///< zeros
  std::vector<std::complex<double>> p;  ///< poles
  double k = 1.0;                       ///< gain
};
/// Second-order sections: one row [b0, b1, b2, a0, a1, a2] per section (SciPy's (n, 6) sos).
using sos_array = std::vector<std::array<double, 6>>;

/// What an IIR design function returns: SciPy returns (b, a), (z, p, k) or sos as `output` asks
/// ("ba", "zpk", "sos"). `output` names the form; its members are set, the others are empty.
/// `auto [b, a] = butter(4, 0.2).tf()` (or .zpk(), .sos()) takes the form out, and throws
/// value_error when the design was asked for another one.
struct filter_coeffs {
  std::string output;                   ///< the form asked for: "ba", "zpk" or "sos"
  std::vector<double> b;                ///< numerator (output "ba")
  std::vector<double> a;                ///< denominator (output "ba")
  std::vector<std::complex<double>> z;  ///< zeros (output "zpk")
  std::vector<std::complex<double>> p;  ///< poles (output "zpk")
  double k = 0.0;                       ///< gain (output "zpk")
  sos_array sos;                        ///< second-order sections (output "sos")

  /// (b, a); value_error unless output is "ba".
  signal::ba tf() const;
  /// (z, p, k); value_error unless output is "zpk".
  signal::zpk zpk() const;
  /// The sections; value_error unless output is "sos".
  const sos_array& sections() const;
};

/// A critical frequency, or a pair for band filters (SciPy's scalar-or-length-2 Wn): `0.2`,
/// `{0.1, 0.3}`.
class band_edges {
 public:
  /// One critical frequency.
  band_edges(double w) : values_{w} {}  // NOLINT: implicit, as Wn=0.2
  /// A pair of edges (or one), as a braced list.
  band_edges(std::initializer_list<double> w) : values_(w) {}
  /// The edges as a vector.
  band_edges(std::vector<double> w) : values_(std::move(w)) {}  // NOLINT: implicit
  /// The one or two frequencies.
  const std::vector<double>& values() const noexcept { return values_; }

 private:
  std::vector<double> values_;
};

/// SciPy's worN / w argument of the frequency responses: a number of frequencies (`512`) or the
/// frequencies themselves, in the units of fs (`std::vector<double>{0.1, 0.2}`).
class frequencies {
 public:
  /// A number of frequencies.
  frequencies(int n) : n_(n) {}  // NOLINT: implicit, as worN=512
  /// A number of frequencies.
  frequencies(std::int64_t n) : n_(n) {}  // NOLINT: implicit
  /// The frequencies themselves.
  frequencies(std::vector<double> w) : w_(std::move(w)), given_(true) {}  // NOLINT: implicit
  /// The frequencies themselves, as a braced list.
  frequencies(std::initializer_list<double> w) : w_(w), given_(true) {}
  /// Whether the frequencies were given (else a count).
  bool given() const noexcept { return given_; }
  /// The number of frequencies asked for (when not given).
  std::int64_t count() const noexcept { return n_; }
  /// The given frequencies.
  const std::vector<double>& values() const noexcept { return w_; }

 private:
  std::int64_t n_ = 0;
  std::vector<double> w_;
  bool given_ = false;
};

/// A frequency response: the frequencies w (in the units of fs) and the complex response h, as
/// device arrays (SciPy's (w, h)).
struct freq_response {
  ndarray<double> w;                ///< the frequencies, in the units of fs
  ndarray<std::complex<double>> h;  ///< the complex response at each
};
/// A group delay in samples at the frequencies w (SciPy's (w, gd)).
struct group_delay_result {
  ndarray<double> w;   ///< the frequencies, in the units of fs
  ndarray<double> gd;  ///< the group delay at each, in samples
};

constexpr double kTwoPi = 6.283185307179586;

// ---- FIR design -------------------------------------------------------------------------------

/// Equivalent to scipy.signal.firwin(numtaps, cutoff, *, width=None, window='hamming',
/// pass_zero=True, scale=True, fs=None): the windowed-sinc FIR filter. `pass_zero` is "true",
/// "false" (SciPy's booleans), "lowpass", "highpass", "bandpass" or "bandstop"; `width` (when
/// given) selects a Kaiser window of that transition width. The taps are a float64 device array.
ndarray<double> firwin(std::int64_t numtaps, const std::vector<double>& cutoff,
                       std::optional<double> width = std::nullopt,
                       const window_spec& window = "hamming", const std::string& pass_zero = "true",
                       bool scale = true, std::optional<double> fs = std::nullopt);
/// firwin with a single cutoff frequency.
ndarray<double> firwin(std::int64_t numtaps, double cutoff,
                       std::optional<double> width = std::nullopt,
                       const window_spec& window = "hamming", const std::string& pass_zero = "true",
                       bool scale = true, std::optional<double> fs = std::nullopt);
/// Equivalent to scipy.signal.firwin2(numtaps, freq, gain, *, nfreqs=None, window='hamming',
/// antisymmetric=False, fs=None): the frequency-sampling FIR filter. `window` "" stands for
/// SciPy's window=None (no window).
ndarray<double> firwin2(std::int64_t numtaps, const std::vector<double>& freq,
                        const std::vector<double>& gain,
                        std::optional<std::int64_t> nfreqs = std::nullopt,
                        const window_spec& window = "hamming", bool antisymmetric = false,
                        std::optional<double> fs = std::nullopt);
/// Equivalent to scipy.signal.firls(numtaps, bands, desired, *, weight=None, fs=None): the
/// least-squares linear-phase FIR filter (odd numtaps). `bands` and `desired` are flat lists of
/// band edges and the gains there.
ndarray<double> firls(std::int64_t numtaps, const std::vector<double>& bands,
                      const std::vector<double>& desired, const std::vector<double>& weight = {},
                      std::optional<double> fs = std::nullopt);
/// Equivalent to scipy.signal.minimum_phase(h, method='homomorphic', n_fft=None, *,
/// half=True): the minimum-phase version of the linear-phase FIR filter h (computed on the host;
/// `n_fft` 0 for SciPy's None). Throws value_error in SciPy's words.
ndarray<double> minimum_phase(const ndarray<double>& h, const std::string& method = "homomorphic",
                              std::int64_t n_fft = 0, bool half = true);
/// scipy.signal.kaiser_beta(a): the Kaiser beta for an attenuation of a dB.
double kaiser_beta(double a);
/// scipy.signal.kaiser_atten(numtaps, width): the attenuation of a Kaiser FIR filter.
double kaiser_atten(std::int64_t numtaps, double width);
/// scipy.signal.kaiserord(ripple, width): (numtaps, beta) of a Kaiser window design.
std::pair<std::int64_t, double> kaiserord(double ripple, double width);

// ---- IIR design -------------------------------------------------------------------------------

/// Equivalent to scipy.signal.iirfilter(N, Wn, rp=None, rs=None, btype='band', analog=False,
/// ftype='butter', output='ba', fs=None). `ftype`: butter, cheby1, cheby2, ellip, bessel (and
/// SciPy's other spellings); btype: lowpass, highpass, bandpass, bandstop (and SciPy's short
/// forms). Errors in SciPy's words ("Digital filter critical frequencies must be 0 < Wn < 1",
/// "'x' is an invalid bandtype for filter.", ...).
filter_coeffs iirfilter(int N, const band_edges& Wn, std::optional<double> rp = std::nullopt,
                        std::optional<double> rs = std::nullopt, const std::string& btype = "band",
                        bool analog = false, const std::string& ftype = "butter",
                        const std::string& output = "ba", std::optional<double> fs = std::nullopt);
/// Equivalent to scipy.signal.butter(N, Wn, btype='low', analog=False, output='ba', fs=None).
filter_coeffs butter(int N, const band_edges& Wn, const std::string& btype = "low",
                     bool analog = false, const std::string& output = "ba",
                     std::optional<double> fs = std::nullopt);
/// Equivalent to scipy.signal.cheby1(N, rp, Wn, btype='low', analog=False, output='ba', fs=None).
filter_coeffs cheby1(int N, double rp, const band_edges& Wn, const std::string& btype = "low",
                     bool analog = false, const std::string& output = "ba",
                     std::optional<double> fs = std::nullopt);
/// Equivalent to scipy.signal.cheby2(N, rs, Wn, btype='low', analog=False, output='ba', fs=None).
filter_coeffs cheby2(int N, double rs, const band_edges& Wn, const std::string& btype = "low",
                     bool analog = false, const std::string& output = "ba",
                     std::optional<double> fs = std::nullopt);
/// Equivalent to scipy.signal.ellip(N, rp, rs, Wn, btype='low', analog=False, output='ba',
/// fs=None).
filter_coeffs ellip(int N, double rp, double rs, const band_edges& Wn,
                    const std::string& btype = "low", bool analog = false,
                    const std::string& output = "ba", std::optional<double> fs = std::nullopt);
/// Equivalent to scipy.signal.bessel(N, Wn, btype='low', analog=False, output='ba',
/// norm='phase', fs=None); norm is "phase", "delay" or "mag".
filter_coeffs bessel(int N, const band_edges& Wn, const std::string& btype = "low",
                     bool analog = false, const std::string& output = "ba",
                     const std::string& norm = "phase", std::optional<double> fs = std::nullopt);
/// Equivalent to scipy.signal.iirnotch(w0, Q, fs=2.0): the second-order notch filter (b, a).
ba iirnotch(double w0, double Q, double fs = 2.0);
/// Equivalent to scipy.signal.iirpeak(w0, Q, fs=2.0): the second-order peak filter (b, a).
ba iirpeak(double w0, double Q, double fs = 2.0);
/// Equivalent to scipy.signal.iircomb(w0, Q, ftype='notch', fs=2.0, *, pass_zero=False): the
/// comb filter notching (or peaking at) w0 and its harmonics; fs must be a multiple of w0.
ba iircomb(double w0, double Q, const std::string& ftype = "notch", double fs = 2.0,
           bool pass_zero = false);
/// Equivalent to scipy.signal.gammatone(freq, ftype, order=None, numtaps=None, fs=None): the
/// gammatone filter of the auditory filterbank, "fir" (order 4 and max(int(fs * 0.015), 15)
/// taps by default) or "iir" (order 4; order and numtaps are not used).
ba gammatone(double freq, const std::string& ftype, std::optional<int> order = std::nullopt,
             std::optional<std::int64_t> numtaps = std::nullopt,
             std::optional<double> fs = std::nullopt);
/// Equivalent to scipy.signal.iirdesign(wp, ws, gpass, gstop, analog=False, ftype='ellip',
/// output='ba', fs=None): the lowest-order filter of the type that meets the specification.
filter_coeffs iirdesign(const band_edges& wp, const band_edges& ws, double gpass, double gstop,
                        bool analog = false, const std::string& ftype = "ellip",
                        const std::string& output = "ba", std::optional<double> fs = std::nullopt);

/// scipy.signal.band_stop_obj(wp, ind, passb, stopb, gpass, gstop, type): the order a band-stop
/// filter needs when passb[ind] is moved to wp; type "butter", "cheby" or "ellip".
double band_stop_obj(double wp, int ind, const std::vector<double>& passb,
                     const std::vector<double>& stopb, double gpass, double gstop,
                     const std::string& type);

/// The order and natural frequency of scipy.signal.buttord, cheb1ord, cheb2ord, ellipord.
struct filter_order {
  int N = 0;               ///< the lowest order that meets the specification
  std::vector<double> Wn;  ///< the critical frequency or frequencies for that order
};
/// Equivalent to scipy.signal.buttord(wp, ws, gpass, gstop, analog=False, fs=None).
filter_order buttord(const band_edges& wp, const band_edges& ws, double gpass, double gstop,
                     bool analog = false, std::optional<double> fs = std::nullopt);
/// Equivalent to scipy.signal.cheb1ord(wp, ws, gpass, gstop, analog=False, fs=None).
filter_order cheb1ord(const band_edges& wp, const band_edges& ws, double gpass, double gstop,
                      bool analog = false, std::optional<double> fs = std::nullopt);
/// Equivalent to scipy.signal.cheb2ord(wp, ws, gpass, gstop, analog=False, fs=None).
filter_order cheb2ord(const band_edges& wp, const band_edges& ws, double gpass, double gstop,
                      bool analog = false, std::optional<double> fs = std::nullopt);
/// Equivalent to scipy.signal.ellipord(wp, ws, gpass, gstop, analog=False, fs=None).
filter_order ellipord(const band_edges& wp, const band_edges& ws, double gpass, double gstop,
                      bool analog = false, std::optional<double> fs = std::nullopt);

// ---- Analog prototypes and transformations ----------------------------------------------------

/// scipy.signal.buttap(N): the Butterworth analog lowpass prototype.
zpk buttap(int N);
/// scipy.signal.cheb1ap(N, rp): the Chebyshev type I prototype.
zpk cheb1ap(int N, double rp);
/// scipy.signal.cheb2ap(N, rs): the Chebyshev type II prototype.
zpk cheb2ap(int N, double rs);
/// scipy.signal.ellipap(N, rp, rs): the elliptic (Cauer) prototype.
zpk ellipap(int N, double rp, double rs);
/// scipy.signal.besselap(N, norm='phase'): the Bessel/Thomson prototype.
zpk besselap(int N, const std::string& norm = "phase");
/// scipy.signal.lp2lp_zpk(z, p, k, wo=1.0).
zpk lp2lp_zpk(const zpk& f, double wo = 1.0);
/// scipy.signal.lp2hp_zpk(z, p, k, wo=1.0).
zpk lp2hp_zpk(const zpk& f, double wo = 1.0);
/// scipy.signal.lp2bp_zpk(z, p, k, wo=1.0, bw=1.0).
zpk lp2bp_zpk(const zpk& f, double wo = 1.0, double bw = 1.0);
/// scipy.signal.lp2bs_zpk(z, p, k, wo=1.0, bw=1.0).
zpk lp2bs_zpk(const zpk& f, double wo = 1.0, double bw = 1.0);
/// scipy.signal.bilinear_zpk(z, p, k, fs): the analog filter to a digital one.
zpk bilinear_zpk(const zpk& f, double fs);
/// scipy.signal.lp2lp(b, a, wo=1.0) on a transfer function.
ba lp2lp(const std::vector<double>& b, const std::vector<double>& a, double wo = 1.0);
/// scipy.signal.lp2hp(b, a, wo=1.0).
ba lp2hp(const std::vector<double>& b, const std::vector<double>& a, double wo = 1.0);
/// scipy.signal.lp2bp(b, a, wo=1.0, bw=1.0).
ba lp2bp(const std::vector<double>& b, const std::vector<double>& a, double wo = 1.0,
         double bw = 1.0);
/// scipy.signal.lp2bs(b, a, wo=1.0, bw=1.0).
ba lp2bs(const std::vector<double>& b, const std::vector<double>& a, double wo = 1.0,
         double bw = 1.0);
/// scipy.signal.bilinear(b, a, fs=1.0).
ba bilinear(const std::vector<double>& b, const std::vector<double>& a, double fs = 1.0);

// ---- Conversions ------------------------------------------------------------------------------

/// scipy.signal.normalize(b, a): leading zeros of a and (nearly zero, below 1e-14) of b removed,
/// both divided by a[0]. Throws value_error "Denominator must have at least on nonzero element."
ba normalize(const std::vector<double>& b, const std::vector<double>& a);
/// scipy.signal.tf2zpk(b, a). The roots are found on the host (Aberth's method, Newton-polished);
/// their order may differ from NumPy's eigenvalue order, as the values agree.
zpk tf2zpk(const std::vector<double>& b, const std::vector<double>& a);
/// scipy.signal.zpk2tf(z, p, k). Zeros and poles must come in conjugate pairs (real
/// coefficients; value_error otherwise).
ba zpk2tf(const std::vector<std::complex<double>>& z, const std::vector<std::complex<double>>& p,
          double k);
/// scipy.signal.zpk2sos(z, p, k, pairing=None, *, analog=False); pairing "" is SciPy's None
/// ("minimal" for analog, else "nearest"), or "nearest", "keep_odd", "minimal". The sections are
/// ordered and paired exactly as SciPy's.
sos_array zpk2sos(const std::vector<std::complex<double>>& z,
                  const std::vector<std::complex<double>>& p, double k,
                  const std::string& pairing = "", bool analog = false);
/// scipy.signal.tf2sos(b, a, pairing=None, *, analog=False).
sos_array tf2sos(const std::vector<double>& b, const std::vector<double>& a,
                 const std::string& pairing = "", bool analog = false);
/// scipy.signal.sos2tf(sos).
ba sos2tf(const sos_array& sos);
/// scipy.signal.sos2zpk(sos): two zeros and two poles per section (zeros where a section has
/// fewer).
zpk sos2zpk(const sos_array& sos);

// ---- Partial fractions ------------------------------------------------------------------------

/// A partial-fraction expansion (SciPy's (r, p, k)): residues r and poles p, repeated poles next
/// to each other with the residues of increasing powers, and the direct polynomial term k.
/// Complex throughout (SciPy returns real arrays where every pole is real).
struct residues {
  std::vector<std::complex<double>> r;  ///< the residues
  std::vector<std::complex<double>> p;  ///< the poles, in SciPy's order
  std::vector<std::complex<double>> k;  ///< the direct polynomial term
};
/// A transfer function with complex coefficients, as invres and invresz return it.
struct ba_complex {
  std::vector<std::complex<double>> b;  ///< numerator coefficients
  std::vector<std::complex<double>> a;  ///< denominator coefficients
};
/// scipy.signal.unique_roots(p, tol=1e-3, rtype='min'): the distinct roots (each group of roots
/// within tol reduced by rtype: "min"/"minimum", "max"/"maximum", "avg"/"mean") and their
/// multiplicities.
std::pair<std::vector<std::complex<double>>, std::vector<std::int64_t>> unique_roots(
    const std::vector<std::complex<double>>& p, double tol = 1e-3,
    const std::string& rtype = "min");
/// scipy.signal.residue(b, a, tol=1e-3, rtype='avg'): the partial fractions of b(s)/a(s).
residues residue(const std::vector<double>& b, const std::vector<double>& a, double tol = 1e-3,
                 const std::string& rtype = "avg");
/// scipy.signal.residuez(b, a, tol=1e-3, rtype='avg'): the partial fractions of b(z)/a(z) in
/// powers of 1/z. Throws value_error "First coefficient of determinant `a` must be non-zero."
residues residuez(const std::vector<double>& b, const std::vector<double>& a, double tol = 1e-3,
                  const std::string& rtype = "avg");
/// scipy.signal.invres(r, p, k, tol=1e-3, rtype='avg'): b(s)/a(s) from its partial fractions.
ba_complex invres(const std::vector<std::complex<double>>& r,
                  const std::vector<std::complex<double>>& p,
                  const std::vector<std::complex<double>>& k, double tol = 1e-3,
                  const std::string& rtype = "avg");
/// scipy.signal.invresz(r, p, k, tol=1e-3, rtype='avg'): b(z)/a(z) from its partial fractions.
ba_complex invresz(const std::vector<std::complex<double>>& r,
                   const std::vector<std::complex<double>>& p,
                   const std::vector<std::complex<double>>& k, double tol = 1e-3,
                   const std::string& rtype = "avg");

// ---- State space ------------------------------------------------------------------------------

/// A host matrix, row by row (a SciPy 2-D array). An empty matrix is a size-0 array, which
/// abcd_normalize replaces by zeros of the shape the others imply, as SciPy does (so a system
/// without states, A = B = C = {}, is a static gain D; SciPy's "Dimension n is undefined" for
/// None is not raised).
using host_matrix = std::vector<std::vector<double>>;
/// A state-space system x' = A x + B u, y = C x + D u (SciPy's (A, B, C, D)).
struct state_space {
  host_matrix A;  ///< the state matrix
  host_matrix B;  ///< the input matrix
  host_matrix C;  ///< the output matrix
  host_matrix D;  ///< the feedthrough matrix
};
/// ss2tf's result: one numerator row per output, the common denominator.
struct tf_rows {
  host_matrix num;          ///< one numerator per output, a row each
  std::vector<double> den;  ///< the common denominator
};
/// scipy.signal.abcd_normalize(A, B, C, D): the four matrices with SciPy's shape checks, empty
/// ones made zero matrices of the sizes the others imply. Throws value_error in SciPy's words
/// ("Parameter A has shape (2, 3) but should be (2, 2)!", ...).
state_space abcd_normalize(const state_space& sys);
/// scipy.signal.tf2ss(num, den): the controller canonical form of b(s)/a(s). Throws
/// value_error "Improper transfer function. `num` is longer than `den`."
state_space tf2ss(const std::vector<double>& num, const std::vector<double>& den);
/// scipy.signal.ss2tf(A, B, C, D, input=0): the transfer functions from input `input` to every
/// output. The characteristic polynomials come from a Hessenberg reduction (NumPy takes the
/// eigenvalues); the coefficients agree to rounding.
tf_rows ss2tf(const state_space& sys, int input = 0);
/// scipy.signal.zpk2ss(z, p, k).
state_space zpk2ss(const std::vector<std::complex<double>>& z,
                   const std::vector<std::complex<double>>& p, double k);
/// scipy.signal.ss2zpk(A, B, C, D, input=0) of a system with one output.
zpk ss2zpk(const state_space& sys, int input = 0);
/// scipy.signal.cont2discrete(system, dt, method='zoh', alpha=None) of a state-space system:
/// methods "zoh", "foh", "impulse", "gbt" (with alpha in [0, 1]), "bilinear"/"tustin",
/// "euler"/"forward_diff", "backward_diff". SciPy also returns dt, which the caller has.
state_space cont2discrete(const state_space& sys, double dt, const std::string& method = "zoh",
                          std::optional<double> alpha = std::nullopt);
/// cont2discrete of a transfer function (through tf2ss and ss2tf, as SciPy).
tf_rows cont2discrete(const ba& sys, double dt, const std::string& method = "zoh",
                      std::optional<double> alpha = std::nullopt);
/// cont2discrete of zeros, poles and gain (through zpk2ss and ss2zpk, as SciPy).
zpk cont2discrete(const zpk& sys, double dt, const std::string& method = "zoh",
                  std::optional<double> alpha = std::nullopt);

// ---- Frequency responses ----------------------------------------------------------------------

/// Equivalent to scipy.signal.freqz(b, a=1, worN=512, whole=False, plot=None, fs=2*pi,
/// include_nyquist=False): the response of the digital filter at worN frequencies spaced over
/// [0, pi) ([0, 2 pi) when whole), or at the given ones, w in the units of fs.
freq_response freqz(const std::vector<double>& b, const std::vector<double>& a = {1.0},
                    const frequencies& worN = 512, bool whole = false, double fs = kTwoPi,
                    bool include_nyquist = false);
/// freqz of FIR taps held in a device array (`freqz(firwin(...))`): copied to the host first.
freq_response freqz(const ndarray<double>& b, const std::vector<double>& a = {1.0},
                    const frequencies& worN = 512, bool whole = false, double fs = kTwoPi,
                    bool include_nyquist = false);
/// Equivalent to scipy.signal.sosfreqz (freqz_sos)(sos, worN=512, whole=False, fs=2*pi).
freq_response sosfreqz(const sos_array& sos, const frequencies& worN = 512, bool whole = false,
                       double fs = kTwoPi);
/// scipy.signal.freqz_sos: the same as sosfreqz.
freq_response freqz_sos(const sos_array& sos, const frequencies& worN = 512, bool whole = false,
                        double fs = kTwoPi);
/// Equivalent to scipy.signal.freqz_zpk(z, p, k, worN=512, whole=False, fs=2*pi): freqz of a
/// filter given by its zeros, poles and gain.
freq_response freqz_zpk(const std::vector<std::complex<double>>& z,
                        const std::vector<std::complex<double>>& p, double k,
                        const frequencies& worN = 512, bool whole = false, double fs = kTwoPi);
/// Equivalent to scipy.signal.freqs(b, a, worN=200): the response of an analog filter at worN
/// frequencies chosen by findfreqs, or at the given angular frequencies.
freq_response freqs(const std::vector<double>& b, const std::vector<double>& a,
                    const frequencies& worN = 200);
/// Equivalent to scipy.signal.freqs_zpk(z, p, k, worN=200).
freq_response freqs_zpk(const std::vector<std::complex<double>>& z,
                        const std::vector<std::complex<double>>& p, double k,
                        const frequencies& worN = 200);
/// Equivalent to scipy.signal.findfreqs(num, den, N, kind='ba'): N logarithmically spaced
/// angular frequencies covering the interesting part of an analog response. With kind "zp",
/// num and den are the zeros and poles.
ndarray<double> findfreqs(const std::vector<std::complex<double>>& num,
                          const std::vector<std::complex<double>>& den, std::int64_t N,
                          const std::string& kind = "ba");
/// Equivalent to scipy.signal.group_delay((b, a), w=512, whole=False, fs=2*pi). Where the
/// response is singular the delay is 0, as SciPy sets it (SciPy also warns).
group_delay_result group_delay(const ba& system, const frequencies& w = 512, bool whole = false,
                               double fs = kTwoPi);

// ---- Responses of LTI systems -------------------------------------------------------------------

/// A Bode plot: frequencies, magnitude in dB and unwrapped phase in degrees (SciPy's (w, mag,
/// phase)).
struct bode_result {
  ndarray<double> w;      ///< the frequencies
  ndarray<double> mag;    ///< the magnitude, in dB
  ndarray<double> phase;  ///< the phase, in degrees
};
/// scipy.signal.freqresp(system, w=None, n=10000) of a continuous-time system given as (b, a),
/// zeros/poles/gain or state space (one input and one output): freqs_zpk of its zeros and poles,
/// at `w` (a count, SciPy's n, or the frequencies).
freq_response freqresp(const ba& system, const frequencies& w = 10000);
freq_response freqresp(const zpk& system, const frequencies& w = 10000);
freq_response freqresp(const state_space& system, const frequencies& w = 10000);
/// scipy.signal.bode(system, w=None, n=100).
bode_result bode(const ba& system, const frequencies& w = 100);
bode_result bode(const zpk& system, const frequencies& w = 100);
bode_result bode(const state_space& system, const frequencies& w = 100);
/// scipy.signal.dfreqresp(system, w=None, n=10000, whole=False) of a discrete-time system
/// (SciPy's (num, den, dt) and (z, p, k, dt): the sampling step does not enter the response).
freq_response dfreqresp(const ba& system, const frequencies& w = 10000, bool whole = false);
freq_response dfreqresp(const zpk& system, const frequencies& w = 10000, bool whole = false);
/// scipy.signal.dbode(system, w=None, n=100) of a discrete-time system with sampling step dt:
/// frequencies in rad per unit of dt.
bode_result dbode(const ba& system, double dt, const frequencies& w = 100);
bode_result dbode(const zpk& system, double dt, const frequencies& w = 100);

// ---- Continuous-time simulation
// ------------------------------------------------------------------

/// lsim's, impulse's and step's result: times, outputs and states as float64 device arrays,
/// squeezed as SciPy squeezes them (one output: a 1-D y).
struct lsim_result {
  ndarray<double> t;  ///< the times
  ndarray<double> y;  ///< the output at each time
  ndarray<double> x;  ///< the state at each time
};
/// scipy.signal.lsim(system, U, T, X0=None, interp=True): the response of a continuous-time
/// system to the input U (one row per time of T, equally spaced; an empty or all-zero U is no
/// input), through the matrix exponential of the sampled system, on the host. Throws
/// value_error in SciPy's words ("Time steps are not equally spaced.", ...).
lsim_result lsim(const state_space& system, const ndarray<double>& U, const std::vector<double>& T,
                 const std::vector<double>& X0 = {}, bool interp = true);
lsim_result lsim(const ba& system, const ndarray<double>& U, const std::vector<double>& T,
                 const std::vector<double>& X0 = {}, bool interp = true);
lsim_result lsim(const zpk& system, const ndarray<double>& U, const std::vector<double>& T,
                 const std::vector<double>& X0 = {}, bool interp = true);
/// scipy.signal.impulse(system, X0=None, T=None, N=None) of a one-input system: at N (100)
/// times up to 7 time constants of the slowest pole (the eigenvalues of A), or at T.
lsim_result impulse(const state_space& system, const std::vector<double>& X0 = {},
                    const std::vector<double>& T = {}, std::int64_t N = 100);
lsim_result impulse(const ba& system, const std::vector<double>& X0 = {},
                    const std::vector<double>& T = {}, std::int64_t N = 100);
lsim_result impulse(const zpk& system, const std::vector<double>& X0 = {},
                    const std::vector<double>& T = {}, std::int64_t N = 100);
/// scipy.signal.step(system, X0=None, T=None, N=None).
lsim_result step(const state_space& system, const std::vector<double>& X0 = {},
                 const std::vector<double>& T = {}, std::int64_t N = 100);
lsim_result step(const ba& system, const std::vector<double>& X0 = {},
                 const std::vector<double>& T = {}, std::int64_t N = 100);
lsim_result step(const zpk& system, const std::vector<double>& X0 = {},
                 const std::vector<double>& T = {}, std::int64_t N = 100);

// ---- Discrete-time simulation -------------------------------------------------------------------

/// dlsim's result: the times, the outputs (samples x outputs) and the states (samples x states)
/// as float64 device arrays. SciPy returns the states only for a state-space system; here they
/// are those of the realisation simulated (tf2ss, zpk2ss) for the other forms.
struct dlsim_result {
  ndarray<double> t;  ///< the times
  ndarray<double> y;  ///< the output at each time
  ndarray<double> x;  ///< the state at each time
};
/// scipy.signal.dlsim((A, B, C, D, dt), u, t=None, x0=None): the response of a discrete-time
/// system to the input u (samples x inputs; a 1-D array for one input), computed on the host
/// (the recursion is sequential). With `t`, u is sampled at those times and interpolated
/// linearly onto the system's steps, as SciPy does. Throws value_error for shapes that do not
/// fit.
dlsim_result dlsim(const state_space& system, double dt, const ndarray<double>& u,
                   const std::vector<double>& t = {}, const std::vector<double>& x0 = {});
dlsim_result dlsim(const ba& system, double dt, const ndarray<double>& u,
                   const std::vector<double>& t = {}, const std::vector<double>& x0 = {});
dlsim_result dlsim(const zpk& system, double dt, const ndarray<double>& u,
                   const std::vector<double>& t = {}, const std::vector<double>& x0 = {});
/// dimpulse's and dstep's result: the times and one (samples x outputs) array per input.
struct dresponse_result {
  ndarray<double> t;               ///< the times
  std::vector<ndarray<double>> y;  ///< one response per input
};
/// scipy.signal.dimpulse(system, x0=None, t=None, n=None): the impulse response at n (100)
/// steps, or at the times t.
dresponse_result dimpulse(const state_space& system, double dt, const std::vector<double>& x0 = {},
                          const std::vector<double>& t = {}, std::int64_t n = 100);
dresponse_result dimpulse(const ba& system, double dt, const std::vector<double>& x0 = {},
                          const std::vector<double>& t = {}, std::int64_t n = 100);
dresponse_result dimpulse(const zpk& system, double dt, const std::vector<double>& x0 = {},
                          const std::vector<double>& t = {}, std::int64_t n = 100);
/// scipy.signal.dstep(system, x0=None, t=None, n=None): the step response.
dresponse_result dstep(const state_space& system, double dt, const std::vector<double>& x0 = {},
                       const std::vector<double>& t = {}, std::int64_t n = 100);
dresponse_result dstep(const ba& system, double dt, const std::vector<double>& x0 = {},
                       const std::vector<double>& t = {}, std::int64_t n = 100);
dresponse_result dstep(const zpk& system, double dt, const std::vector<double>& x0 = {},
                       const std::vector<double>& t = {}, std::int64_t n = 100);

namespace detail {

using cd = std::complex<double>;

/// The roots of the polynomial c[0] x^n + ... + c[n] (numpy.roots): leading zeros dropped,
/// trailing zeros giving zero roots, the others by Aberth's method polished by Newton steps.
std::vector<cd> poly_roots(const std::vector<cd>& c);
/// The coefficients of the monic polynomial with the given roots (numpy.poly).
std::vector<cd> poly_from_roots(const std::vector<cd>& r);

/// The host results of the functions above that return device arrays.
std::vector<double> firwin_values(std::int64_t numtaps, const std::vector<double>& cutoff,
                                  std::optional<double> width, const window_spec& window,
                                  const std::string& pass_zero, bool scale,
                                  std::optional<double> fs);
std::vector<double> firwin2_values(std::int64_t numtaps, const std::vector<double>& freq,
                                   const std::vector<double>& gain,
                                   std::optional<std::int64_t> nfreqs, const window_spec& window,
                                   bool antisymmetric, std::optional<double> fs);
std::vector<double> firls_values(std::int64_t numtaps, const std::vector<double>& bands,
                                 const std::vector<double>& desired,
                                 const std::vector<double>& weight, std::optional<double> fs);
struct host_response {
  std::vector<double> w;
  std::vector<cd> h;
};
host_response freqz_values(const std::vector<double>& b, const std::vector<double>& a,
                           const frequencies& worN, bool whole, double fs, bool include_nyquist);
host_response sosfreqz_values(const sos_array& sos, const frequencies& worN, bool whole, double fs);
host_response freqz_zpk_values(const std::vector<cd>& z, const std::vector<cd>& p, double k,
                               const frequencies& worN, bool whole, double fs);
host_response freqs_values(const std::vector<double>& b, const std::vector<double>& a,
                           const frequencies& worN);
host_response freqs_zpk_values(const std::vector<cd>& z, const std::vector<cd>& p, double k,
                               const frequencies& worN);
std::vector<double> findfreqs_values(const std::vector<cd>& num, const std::vector<cd>& den,
                                     std::int64_t N, const std::string& kind);
std::vector<double> minimum_phase_values(const std::vector<double>& h, const std::string& method,
                                         std::int64_t n_fft, bool half);
host_response freqresp_values(const zpk& system, const frequencies& w);
host_response dfreqresp_values(const ba& system, const frequencies& w, bool whole);
/// bode's and dbode's w / dt, 20 log10 |h| and the unwrapped phase in degrees.
struct host_bode {
  std::vector<double> w, mag, phase;
};
host_bode bode_values(const host_response& r, double dt);
/// numpy.unwrap of phases in radians.
std::vector<double> unwrap(const std::vector<double>& p);
/// dlsim on the host: u has one row per sample; t, y, x as dlsim returns them.
struct host_sim {
  std::vector<double> t;
  host_matrix y, x;
};
host_sim dlsim_values(const state_space& system, double dt, const host_matrix& u,
                      const std::vector<double>& t, const std::vector<double>& x0);
/// lsim on the host: y and x with one row per time (not squeezed).
struct host_lsim {
  host_matrix y, x;
};
host_lsim lsim_values(const state_space& system, const host_matrix& U, const std::vector<double>& T,
                      const std::vector<double>& X0, bool interp);
/// impulse (`step` false) and step on the host: the times used and lsim's result.
std::pair<std::vector<double>, host_lsim> response_values(const state_space& system,
                                                          const std::vector<double>& X0,
                                                          const std::vector<double>& T,
                                                          std::int64_t N, bool step);
/// SciPy's _default_response_times: n times up to 7 / min |Re(eig(A))|.
std::vector<double> default_response_times(const host_matrix& A, std::int64_t n);
/// dimpulse (`step` false) and dstep on the host: the times and one response per input.
std::pair<std::vector<double>, std::vector<host_matrix>> dresponse_values(
    const state_space& system, double dt, const std::vector<double>& x0,
    const std::vector<double>& t, std::int64_t n, bool step);
struct host_delay {
  std::vector<double> w, gd;
};
host_delay group_delay_values(const ba& system, const frequencies& w, bool whole, double fs);

}  // namespace detail

}  // namespace cupp::scipy::signal
