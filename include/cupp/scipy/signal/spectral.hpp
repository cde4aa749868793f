// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Spectral analysis of scipy.signal: periodogram, welch, csd, coherence, spectrogram, stft, istft
// (and check_COLA/check_NOLA on the host). Segments are strided views of the signal, detrended
// with signal::detrend, windowed by get_window's coefficients and transformed by cupp::fft; the
// averaging over segments is the library's mean or median. See docs/scipy_signal.md.
#pragma once

#include <complex>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cupp/core/ndarray.hpp"
#include "cupp/core/runtime_array.hpp"
#include "cupp/scipy/signal/windows.hpp"

namespace cupp::scipy::signal {

namespace detail {

using cupp::detail::array_desc;

/// The dtype of a power spectral density: float32 for float16, float32 and complex64 inputs,
/// float64 otherwise (SciPy's result_type(x, complex64), real part).
constexpr dtype psd_dtype(dtype d) noexcept {
  return d == dtype::float16 || d == dtype::bfloat16 || d == dtype::float32 || d == dtype::complex64
             ? dtype::float32
             : dtype::float64;
}

/// welch's (f, Pxx) before they are typed.
struct spectral_descs {
  array_desc f, Pxx;
};

/// scipy.signal.welch (through csd's rules) into dtype `out`. `detrend` "" is SciPy's False.
spectral_descs welch(const array_desc& x, double fs, const window_spec& window,
                     std::optional<std::int64_t> nperseg, std::optional<std::int64_t> noverlap,
                     std::optional<std::int64_t> nfft, const std::string& detrend,
                     bool return_onesided, const std::string& scaling, int axis,
                     const std::string& average, dtype out);
/// scipy.signal.csd into the complex dtype `out`.
spectral_descs csd(const array_desc& x, const array_desc& y, double fs, const window_spec& window,
                   std::optional<std::int64_t> nperseg, std::optional<std::int64_t> noverlap,
                   std::optional<std::int64_t> nfft, const std::string& detrend,
                   bool return_onesided, const std::string& scaling, int axis,
                   const std::string& average, dtype out);
/// scipy.signal.coherence into dtype `out`.
spectral_descs coherence(const array_desc& x, const array_desc& y, double fs,
                         const window_spec& window, std::optional<std::int64_t> nperseg,
                         std::optional<std::int64_t> noverlap, std::optional<std::int64_t> nfft,
                         const std::string& detrend, int axis, dtype out);
/// spectrogram's (f, t, Sxx) before they are typed.
struct spectrogram_descs {
  array_desc f, t, Sxx;
};
/// scipy.signal.spectrogram into dtype `out`.
spectrogram_descs spectrogram(const array_desc& x, double fs, const window_spec& window,
                              std::optional<std::int64_t> nperseg,
                              std::optional<std::int64_t> noverlap,
                              std::optional<std::int64_t> nfft, const std::string& detrend,
                              bool return_onesided, const std::string& scaling, int axis,
                              const std::string& mode, dtype out);
/// The dtype of csd's and coherence's results for x and y: float32 when both psd_dtypes are.
constexpr dtype pair_psd_dtype(dtype x, dtype y) noexcept {
  return psd_dtype(x) == dtype::float32 && psd_dtype(y) == dtype::float32 ? dtype::float32
                                                                          : dtype::float64;
}
/// scipy.signal.stft into the complex dtype `out`; `boundary` nullopt is SciPy's None.
spectrogram_descs stft(const array_desc& x, double fs, const window_spec& window,
                       std::int64_t nperseg, std::optional<std::int64_t> noverlap,
                       std::optional<std::int64_t> nfft, const std::string& detrend,
                       bool return_onesided, const std::optional<std::string>& boundary,
                       bool padded, int axis, const std::string& scaling, dtype out);
/// istft's (t, x) before they are typed.
struct istft_descs {
  array_desc t, x;
};
/// scipy.signal.istft: x is float32/complex64 for complex64 `Zxx`, float64/complex128 otherwise.
istft_descs istft(const array_desc& Zxx, double fs, const window_spec& window,
                  std::optional<std::int64_t> nperseg, std::optional<std::int64_t> noverlap,
                  std::optional<std::int64_t> nfft, bool input_onesided, bool boundary,
                  int time_axis, int freq_axis, const std::string& scaling);
/// scipy.signal.periodogram into dtype `out`.
spectral_descs periodogram(const array_desc& x, double fs, const window_spec& window,
                           std::optional<std::int64_t> nfft, const std::string& detrend,
                           bool return_onesided, const std::string& scaling, int axis, dtype out);
/// SciPy's _median_bias(n): the bias of the median of n chi-squared (2 degrees of freedom)
/// periodograms against their mean.
double median_bias(std::int64_t n);

}  // namespace detail

/// The frequencies and the power spectral density (or power spectrum) of welch and periodogram,
/// SciPy's tuple (f, Pxx). `f` is float64; `Pxx` float32 for float16, float32 and complex64
/// input, float64 otherwise.
template <class R>
struct spectral_result {
  /// The sample frequencies.
  ndarray<double> f;
  /// The power spectral density (or power spectrum) at each frequency.
  ndarray<R> Pxx;
};

/// scipy.signal.welch(x, fs=1.0, window='hann_periodic', nperseg=None, noverlap=None, nfft=None,
/// detrend='constant', return_onesided=True, scaling='density', axis=-1, average='mean'):
/// Welch's estimate of the power spectral density: the mean (or the bias-corrected median) of
/// the modified periodograms of segments of `nperseg` samples (256, at most the signal's
/// length) overlapping by `noverlap` (nperseg / 2), each detrended ("constant", "linear", or ""
/// for SciPy's False) and windowed (`window`: a get_window spec), transformed with `nfft`
/// points. scaling "density" (V**2/Hz) or "spectrum" (V**2). Complex input gives the two-sided
/// spectrum. Throws value_error in SciPy's words.
template <class T>
spectral_result<type_of_t<detail::psd_dtype(dtype_of<T>)>> welch(
    const ndarray<T>& x, double fs = 1.0, const window_spec& window = "hann_periodic",
    std::optional<std::int64_t> nperseg = std::nullopt,
    std::optional<std::int64_t> noverlap = std::nullopt,
    std::optional<std::int64_t> nfft = std::nullopt, const std::string& detrend = "constant",
    bool return_onesided = true, const std::string& scaling = "density", int axis = -1,
    const std::string& average = "mean") {
  using R = type_of_t<detail::psd_dtype(dtype_of<T>)>;
  detail::spectral_descs d = detail::welch(x.desc(), fs, window, nperseg, noverlap, nfft, detrend,
                                           return_onesided, scaling, axis, average, dtype_of<R>);
  return {ndarray<double>(std::move(d.f)), ndarray<R>(std::move(d.Pxx))};
}

/// scipy.signal.periodogram(x, fs=1.0, window='boxcar', nfft=None, detrend='constant',
/// return_onesided=True, scaling='density', axis=-1): the periodogram, welch of one segment of
/// the whole signal (its first `nfft` samples when nfft is shorter; zero-padded to nfft when
/// longer).
template <class T>
spectral_result<type_of_t<detail::psd_dtype(dtype_of<T>)>> periodogram(
    const ndarray<T>& x, double fs = 1.0, const window_spec& window = "boxcar",
    std::optional<std::int64_t> nfft = std::nullopt, const std::string& detrend = "constant",
    bool return_onesided = true, const std::string& scaling = "density", int axis = -1) {
  using R = type_of_t<detail::psd_dtype(dtype_of<T>)>;
  detail::spectral_descs d = detail::periodogram(x.desc(), fs, window, nfft, detrend,
                                                 return_onesided, scaling, axis, dtype_of<R>);
  return {ndarray<double>(std::move(d.f)), ndarray<R>(std::move(d.Pxx))};
}

/// scipy.signal.csd(x, y, fs=1.0, window='hann_periodic', nperseg=None, noverlap=None,
/// nfft=None, detrend='constant', return_onesided=True, scaling='density', axis=-1,
/// average='mean'): the cross power spectral density of x and y by Welch's method, the average
/// of conj(X) Y over the segments, with welch's arguments. complex64 when both signals are
/// float16, float32 or complex64, complex128 otherwise. The dimensions other than `axis`
/// broadcast; the shorter signal is zero-padded to the longer one's length.
template <class T, class U>
spectral_result<std::complex<type_of_t<detail::pair_psd_dtype(dtype_of<T>, dtype_of<U>)>>> csd(
    const ndarray<T>& x, const ndarray<U>& y, double fs = 1.0,
    const window_spec& window = "hann_periodic", std::optional<std::int64_t> nperseg = std::nullopt,
    std::optional<std::int64_t> noverlap = std::nullopt,
    std::optional<std::int64_t> nfft = std::nullopt, const std::string& detrend = "constant",
    bool return_onesided = true, const std::string& scaling = "density", int axis = -1,
    const std::string& average = "mean") {
  using R = std::complex<type_of_t<detail::pair_psd_dtype(dtype_of<T>, dtype_of<U>)>>;
  detail::spectral_descs d =
      detail::csd(x.desc(), y.desc(), fs, window, nperseg, noverlap, nfft, detrend, return_onesided,
                  scaling, axis, average, dtype_of<R>);
  return {ndarray<double>(std::move(d.f)), ndarray<R>(std::move(d.Pxx))};
}

/// scipy.signal.coherence(x, y, fs=1.0, window='hann_periodic', nperseg=None, noverlap=None,
/// nfft=None, detrend='constant', axis=-1): the magnitude-squared coherence
/// |Pxy|^2 / (Pxx Pyy) from csd and welch. `Pxx` of the result holds Cxy; float32 when both
/// signals are float16, float32 or complex64, float64 otherwise.
template <class T, class U>
spectral_result<type_of_t<detail::pair_psd_dtype(dtype_of<T>, dtype_of<U>)>> coherence(
    const ndarray<T>& x, const ndarray<U>& y, double fs = 1.0,
    const window_spec& window = "hann_periodic", std::optional<std::int64_t> nperseg = std::nullopt,
    std::optional<std::int64_t> noverlap = std::nullopt,
    std::optional<std::int64_t> nfft = std::nullopt, const std::string& detrend = "constant",
    int axis = -1) {
  using R = type_of_t<detail::pair_psd_dtype(dtype_of<T>, dtype_of<U>)>;
  detail::spectral_descs d = detail::coherence(x.desc(), y.desc(), fs, window, nperseg, noverlap,
                                               nfft, detrend, axis, dtype_of<R>);
  return {ndarray<double>(std::move(d.f)), ndarray<R>(std::move(d.Pxx))};
}

/// spectrogram's (f, t, Sxx): the frequencies, the segments' middle times and the spectrogram
/// (the frequencies at `axis`, the segments last).
template <class R>
struct spectrogram_result {
  /// The sample frequencies.
  ndarray<double> f;
  /// The times of the segments' middles.
  ndarray<double> t;
  /// The spectrogram: the frequencies at `axis`, the segments last.
  ndarray<R> Sxx;
};

/// scipy.signal.spectrogram(x, fs=1.0, window=('tukey_periodic', 0.25), nperseg=None,
/// noverlap=None, nfft=None, detrend='constant', return_onesided=True, scaling='density',
/// axis=-1, mode='psd'): the power spectral density (mode "psd"), the magnitude ("magnitude")
/// or the angle ("angle") of the spectrum of each segment of `nperseg` samples (256, at most
/// the signal's length) overlapping by `noverlap` (nperseg / 8). Real results: float32 for
/// float16, float32 and complex64 signals, float64 otherwise. Modes "complex" and "phase" throw
/// not_implemented_error. Throws value_error in SciPy's words.
template <class T>
spectrogram_result<type_of_t<detail::psd_dtype(dtype_of<T>)>> spectrogram(
    const ndarray<T>& x, double fs = 1.0,
    const window_spec& window = window_spec("tukey_periodic", 0.25),
    std::optional<std::int64_t> nperseg = std::nullopt,
    std::optional<std::int64_t> noverlap = std::nullopt,
    std::optional<std::int64_t> nfft = std::nullopt, const std::string& detrend = "constant",
    bool return_onesided = true, const std::string& scaling = "density", int axis = -1,
    const std::string& mode = "psd") {
  using R = type_of_t<detail::psd_dtype(dtype_of<T>)>;
  detail::spectrogram_descs d =
      detail::spectrogram(x.desc(), fs, window, nperseg, noverlap, nfft, detrend, return_onesided,
                          scaling, axis, mode, dtype_of<R>);
  return {ndarray<double>(std::move(d.f)), ndarray<double>(std::move(d.t)),
          ndarray<R>(std::move(d.Sxx))};
}

/// scipy.signal.stft(x, fs=1.0, window='hann_periodic', nperseg=256, noverlap=None, nfft=None,
/// detrend=False, return_onesided=True, boundary='zeros', padded=True, axis=-1,
/// scaling='spectrum'): the short-time Fourier transform, returned as `spectrogram_result{f, t,
/// Zxx}` (the frequencies at `axis`, the segments last). The signal is extended by nperseg / 2
/// samples at both ends (`boundary` "zeros", "even", "odd", "constant", or std::nullopt for
/// SciPy's None), zero-padded to a whole number of segments when `padded`, cut into segments of
/// `nperseg` samples (at most the signal's length) overlapping by `noverlap` (nperseg / 2),
/// detrended (`detrend` "" for SciPy's False, "constant" or "linear"), windowed and transformed
/// with `nfft` points; scaled by 1 / sum(window) ("spectrum") or 1 / sqrt(fs sum(window**2))
/// ("psd"). complex64 for float16, float32 and complex64 signals, complex128 otherwise. Throws
/// value_error in SciPy's words.
template <class T>
spectrogram_result<std::complex<type_of_t<detail::psd_dtype(dtype_of<T>)>>> stft(
    const ndarray<T>& x, double fs = 1.0, const window_spec& window = "hann_periodic",
    std::int64_t nperseg = 256, std::optional<std::int64_t> noverlap = std::nullopt,
    std::optional<std::int64_t> nfft = std::nullopt, const std::string& detrend = "",
    bool return_onesided = true, const std::optional<std::string>& boundary = "zeros",
    bool padded = true, int axis = -1, const std::string& scaling = "spectrum") {
  using R = std::complex<type_of_t<detail::psd_dtype(dtype_of<T>)>>;
  detail::spectrogram_descs d =
      detail::stft(x.desc(), fs, window, nperseg, noverlap, nfft, detrend, return_onesided,
                   boundary, padded, axis, scaling, dtype_of<R>);
  return {ndarray<double>(std::move(d.f)), ndarray<double>(std::move(d.t)),
          ndarray<R>(std::move(d.Sxx))};
}

/// istft's (t, x): the sample times (x.shape[0] of them, as SciPy's) and the signal, real
/// (float32 for float16, float32 and complex64 `Zxx`, float64 otherwise) when `input_onesided`,
/// complex otherwise, so a runtime-typed array.
struct istft_result {
  /// The sample times.
  ndarray<double> t;
  /// The signal, float32/float64 or complex (see above): a runtime-typed array.
  cupp::array x;
};

/// scipy.signal.istft(Zxx, fs=1.0, window='hann_periodic', nperseg=None, noverlap=None,
/// nfft=None, input_onesided=True, boundary=True, time_axis=-1, freq_axis=-2,
/// scaling='spectrum'): the inverse of stft by overlap-add of the inverse transforms of the
/// segments, each windowed again, divided by the overlap-added squared window (where it exceeds
/// 1e-10; SciPy's warning when the NOLA condition fails is not raised). nperseg defaults to
/// 2 (nfreq - 1) for one-sided and nfreq for two-sided input; `boundary` drops nperseg / 2
/// samples at both ends, as stft's extension added. Throws value_error in SciPy's words.
template <class T>
istft_result istft(const ndarray<T>& Zxx, double fs = 1.0,
                   const window_spec& window = "hann_periodic",
                   std::optional<std::int64_t> nperseg = std::nullopt,
                   std::optional<std::int64_t> noverlap = std::nullopt,
                   std::optional<std::int64_t> nfft = std::nullopt, bool input_onesided = true,
                   bool boundary = true, int time_axis = -1, int freq_axis = -2,
                   const std::string& scaling = "spectrum") {
  detail::istft_descs d = detail::istft(Zxx.desc(), fs, window, nperseg, noverlap, nfft,
                                        input_onesided, boundary, time_axis, freq_axis, scaling);
  return {ndarray<double>(std::move(d.t)), cupp::array(std::move(d.x))};
}

/// scipy.signal.check_COLA(window, nperseg, noverlap, tol=1e-10): whether the (periodic)
/// window `window` of `nperseg` samples, shifted by nperseg - noverlap, adds up to a constant
/// (the constant overlap-add condition), to within `tol`. Computed on the host. Throws
/// value_error in SciPy's words for a non-positive nperseg or noverlap >= nperseg.
bool check_COLA(const window_spec& window, std::int64_t nperseg, std::int64_t noverlap,
                double tol = 1e-10);
/// check_COLA of the window's coefficients; value_error when there are not `nperseg` of them.
bool check_COLA(const std::vector<double>& window, std::int64_t nperseg, std::int64_t noverlap,
                double tol = 1e-10);
/// scipy.signal.check_NOLA(window, nperseg, noverlap, tol=1e-10): whether the squared window,
/// shifted by nperseg - noverlap, adds up to more than `tol` everywhere (the nonzero overlap-add
/// condition that istft needs). Computed on the host; value_error in SciPy's words, also for a
/// negative noverlap.
bool check_NOLA(const window_spec& window, std::int64_t nperseg, std::int64_t noverlap,
                double tol = 1e-10);
/// check_NOLA of the window's coefficients; value_error when there are not `nperseg` of them.
bool check_NOLA(const std::vector<double>& window, std::int64_t nperseg, std::int64_t noverlap,
                double tol = 1e-10);

/// scipy.signal.lombscargle(x, y, freqs, precenter=False, normalize=False, *, weights=None,
/// floating_mean=False): the Lomb-Scargle periodogram of samples y taken at times x (any order,
/// any spacing) at the angular frequencies `freqs`, SciPy 1.17's generalized form: each sample
/// weighted by `weights` (scaled to sum 1; ones when absent), the phase offset tau that makes
/// the cosine and sine terms orthogonal, and with `floating_mean` a constant fitted along with
/// them. normalize false gives SciPy's "power" units ((A**2) N/4), true the power normalized to
/// [0, 1]. `precenter` subtracts y's mean first (SciPy 1.17 deprecates it for floating_mean).
/// Computes in float64 whatever the dtypes, as SciPy; the sums over x fuse with the cosines and
/// sines, so the (x, freqs) products are never stored. value_error in SciPy's words for inputs
/// that are not 1-D of equal non-zero length, an empty `freqs`, or weights that are negative or
/// sum to 0 (which reads them back: one synchronisation).
ndarray<double> lombscargle(const cupp::array& x, const cupp::array& y, const cupp::array& freqs,
                            bool precenter = false, bool normalize = false,
                            const std::optional<cupp::array>& weights = std::nullopt,
                            bool floating_mean = false);
/// lombscargle with SciPy's string form of `normalize`: "power" (false) or "normalize" (true).
/// "amplitude", whose result is complex, is lombscargle_amplitude.
ndarray<double> lombscargle(const cupp::array& x, const cupp::array& y, const cupp::array& freqs,
                            bool precenter, const std::string& normalize,
                            const std::optional<cupp::array>& weights = std::nullopt,
                            bool floating_mean = false);
/// lombscargle with normalize given as a string literal (not taken as a bool).
inline ndarray<double> lombscargle(const cupp::array& x, const cupp::array& y,
                                   const cupp::array& freqs, bool precenter, const char* normalize,
                                   const std::optional<cupp::array>& weights = std::nullopt,
                                   bool floating_mean = false) {
  return lombscargle(x, y, freqs, precenter, std::string(normalize), weights, floating_mean);
}
/// scipy.signal.lombscargle(x, y, freqs, normalize="amplitude", weights=..., floating_mean=...):
/// the best-fitting amplitude and phase at each frequency as a complex number,
/// (a + ib) e^(i tau).
ndarray<std::complex<double>> lombscargle_amplitude(
    const cupp::array& x, const cupp::array& y, const cupp::array& freqs,
    const std::optional<cupp::array>& weights = std::nullopt, bool floating_mean = false);

}  // namespace cupp::scipy::signal
