// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// periodogram and welch of cupp::scipy::signal (include/cupp/scipy/signal/spectral.hpp), in
// SciPy's order of checks (scipy.signal.csd's, which welch calls). The segments are a strided
// view of the signal moved to the last axis; detrend, the window, cupp::fft, |X|^2 with its
// scale and the mean or median over the segments follow as the library's own operations, in
// float64 (complex128 for complex input), and the result is cast to its dtype at the end.
#include <cmath>
#include <complex>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/core/runtime_array.hpp"
#include "cupp/fft.hpp"
#include "cupp/routines/creation.hpp"
#include "cupp/routines/manipulation.hpp"
#include "cupp/routines/statistics.hpp"
#include "cupp/scipy/signal/filtering.hpp"
#include "cupp/scipy/signal/spectral.hpp"

namespace cupp::scipy::signal::detail {

double median_bias(std::int64_t n) {
  double bias = 1.0;
  for (std::int64_t k = 1; k <= (n - 1) / 2; ++k) bias += 1.0 / (2.0 * k + 1) - 1.0 / (2.0 * k);
  return bias;
}

namespace {

std::string py_int(std::int64_t v) { return std::to_string(v); }

}  // namespace

spectral_descs welch(const array_desc& x, double fs, const window_spec& window,
                     std::optional<std::int64_t> nperseg_in,
                     std::optional<std::int64_t> noverlap_in, std::optional<std::int64_t> nfft_in,
                     const std::string& detrend_type, bool return_onesided,
                     const std::string& scaling, int axis, const std::string& average, dtype out) {
  if (x.ndim() == 0) throw index_error("tuple index out of range");
  const std::int64_t ax = normalize_axis(axis, x.ndim());
  if (x.size() == 0) {
    // SciPy returns two empty arrays of x's shape (float64).
    const cupp::array e(x.shape, dtype::float64);
    return {e.desc(), cupp::array(x.shape, dtype::float64).desc()};
  }
  const std::int64_t n = x.shape[static_cast<std::size_t>(ax)];
  std::int64_t nperseg = nperseg_in.value_or(256);
  if (nperseg < 1)
    throw value_error("Parameter nperseg=" + py_int(nperseg) + " is not a positive integer!");
  if (n < nperseg) nperseg = n;  // SciPy warns, and so uses the whole signal
  const std::vector<double> win = get_window_values(window, nperseg, true);
  const std::int64_t nfft = nfft_in.value_or(nperseg);
  if (nfft < nperseg)
    throw value_error("nfft=" + py_int(nfft) +
                      " must be greater than or equal to nperseg=" + py_int(nperseg) + "!");
  const std::int64_t noverlap = noverlap_in.value_or(nperseg / 2);
  if (noverlap >= nperseg)
    throw value_error("noverlap=" + py_int(noverlap) +
                      " must be less than nperseg=" + py_int(nperseg) + "!");
  const bool complex_input = is_complex(x.dt);
  const bool onesided = return_onesided && !complex_input;
  if (scaling != "density" && scaling != "spectrum")
    throw value_error("Parameter scaling='" + scaling +
                      "' not in {'spectrum': 'magnitude', 'density': 'psd'}!");
  const bool detrended = !detrend_type.empty();
  if (detrended && detrend_type != "linear" && detrend_type != "l" && detrend_type != "constant" &&
      detrend_type != "c")
    throw value_error("Trend type must be 'linear' or 'constant'.");
  const std::int64_t step = nperseg - noverlap;
  const std::int64_t nseg = (n - noverlap) / step;
  if (nseg > 1 && average != "mean" && average != "median")
    throw value_error("Parameter average='" + average + "' must be 'median' or 'mean'!");

  // The signal along the last axis, contiguous, in float64 or complex128.
  const dtype work = complex_input ? dtype::complex128 : dtype::float64;
  const array_desc moved =
      cupp::array(cupp::detail::moveaxis(x, {ax}, {-1})).astype(work).copy().desc();
  // Segment j is moved[..., j * step : j * step + nperseg]: a view of shape (..., nseg,
  // nperseg) over the same memory.
  shape_t seg_shape(moved.shape.begin(), moved.shape.end() - 1);
  strides_t seg_strides(moved.strides.begin(), moved.strides.end() - 1);
  const std::int64_t es = moved.strides.back();
  seg_shape.push_back(nseg);
  seg_shape.push_back(nperseg);
  seg_strides.push_back(step * es);
  seg_strides.push_back(es);
  array_desc segments = cupp::detail::make_view(moved, seg_shape, seg_strides, moved.ptr);
  if (detrended) segments = detrend(segments, -1, detrend_type, {}, work);

  double wsum = 0, wsq = 0;
  for (const double w : win) {
    wsum += w;
    wsq += w * w;
  }
  const double scale = scaling == "density" ? 1.0 / (fs * wsq) : 1.0 / (wsum * wsum);
  const cupp::array windowed = cupp::array(segments) * cupp::array(asarray(win));

  cupp::array spec;
  std::int64_t nfreq;
  std::vector<double> freqs;
  if (onesided) {
    spec = cupp::fft::rfft(windowed.as<double>(), nfft, -1);
    nfreq = nfft / 2 + 1;
    freqs = cupp::fft::detail::rfftfreq_values(nfft, 1.0 / fs);
  } else {
    const cupp::array c = complex_input ? windowed : windowed.astype(dtype::complex128);
    spec = cupp::fft::fft(c.as<std::complex<double>>(), nfft, -1);
    nfreq = nfft;
    freqs = cupp::fft::detail::fftfreq_values(nfft, 1.0 / fs);
  }
  // The scale of each frequency: the one-sided spectrum counts the negative frequencies twice,
  // all but the zero frequency and (for an even nfft) the Nyquist frequency.
  std::vector<double> factor(static_cast<std::size_t>(nfreq), scale);
  if (onesided)
    for (std::int64_t k = 1; k < nfreq; ++k)
      if (k != nfreq - 1 || nfft % 2 == 1) factor[static_cast<std::size_t>(k)] = 2 * scale;
  const cupp::array re = cupp::real(spec), im = cupp::imag(spec);
  const cupp::array power = (re * re + im * im) * cupp::array(asarray(factor));

  cupp::array pxx;
  if (nseg > 1 && average == "median") {
    pxx = cupp::array(cupp::detail::median_array(power.desc(), axis_arg(-2), false, false,
                                                 dtype::float64)) /
          median_bias(nseg);
  } else {
    pxx = cupp::mean(power, -2);  // of one segment: the segment itself, as SciPy's reshape
  }
  const array_desc result =
      cupp::array(cupp::detail::moveaxis(pxx.desc(), {-1}, {ax})).astype(out).copy().desc();
  return {asarray(freqs).desc(), result};
}

spectral_descs periodogram(const array_desc& x_in, double fs, const window_spec& window,
                           std::optional<std::int64_t> nfft, const std::string& detrend_type,
                           bool return_onesided, const std::string& scaling, int axis, dtype out) {
  if (x_in.ndim() == 0) throw index_error("tuple index out of range");
  if (x_in.size() == 0) {
    return {cupp::array(x_in.shape, dtype::float64).desc(),
            cupp::array(x_in.shape, dtype::float64).desc()};
  }
  const std::int64_t ax = normalize_axis(axis, x_in.ndim());
  const std::int64_t n = x_in.shape[static_cast<std::size_t>(ax)];
  array_desc x = x_in;
  std::int64_t nperseg = n;
  if (nfft && *nfft < n) {
    // SciPy keeps the first nfft samples, as one segment of nfft points.
    std::vector<cupp::detail::index_item> items(static_cast<std::size_t>(x.ndim()), slice());
    items[static_cast<std::size_t>(ax)] = slice(0, *nfft);
    x = cupp::detail::index_view(x_in, items);
    nperseg = *nfft;
    nfft = std::nullopt;
  }
  return welch(x, fs, window, nperseg, 0, nfft, detrend_type, return_onesided, scaling, axis,
               "mean", out);
}

}  // namespace cupp::scipy::signal::detail
