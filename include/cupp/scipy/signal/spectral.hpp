// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Spectral analysis of scipy.signal: periodogram and welch. Segments are strided views of the
// signal, detrended with signal::detrend, windowed by get_window's coefficients and transformed
// by cupp::fft; the averaging over segments is the library's mean or median. See
// docs/scipy_signal.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "cupp/core/ndarray.hpp"
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
  ndarray<double> f;
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

}  // namespace cupp::scipy::signal
