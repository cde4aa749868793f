// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// periodogram, welch, csd, coherence, spectrogram, stft and istft of cupp::scipy::signal
// (include/cupp/scipy/signal/spectral.hpp), in SciPy's order of checks (scipy.signal.csd's,
// which welch calls), and check_COLA and check_NOLA on the host. The segments are a strided
// view of the signal moved to the last axis; detrend, the window, cupp::fft, |X|^2 with its
// scale and the mean or median over the segments follow as the library's own operations, in the
// precision of the result as SciPy's (its np.result_type(x, np.complex64)): float32 (complex64
// for complex input) where the result is float32 or complex64, else float64 (complex128).
// coherence, whose quotient of spectra SciPy forms in the same precision, computes in float64.
#include <algorithm>
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
#include "cupp/routines/padding.hpp"
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

/// The segmentation, window and scale of one call, after SciPy's checks (csd's order).
struct spectral_plan {
  std::int64_t nperseg = 0, noverlap = 0, nfft = 0, step = 0, nseg = 0, nfreq = 0;
  std::vector<double> win;
  std::vector<double> factor;  // the scale of each frequency
  std::vector<double> freqs;
  bool onesided = true;
  std::string detrend;
  std::string average;
};

spectral_plan plan_of(std::int64_t n, bool complex_input, double fs, const window_spec& window,
                      std::optional<std::int64_t> nperseg_in,
                      std::optional<std::int64_t> noverlap_in, std::optional<std::int64_t> nfft_in,
                      const std::string& detrend_type, bool return_onesided,
                      const std::string& scaling, const std::string& average) {
  spectral_plan p;
  p.nperseg = nperseg_in.value_or(256);
  if (p.nperseg < 1)
    throw value_error("Parameter nperseg=" + py_int(p.nperseg) + " is not a positive integer!");
  if (n < p.nperseg) p.nperseg = n;  // SciPy warns, and so uses the whole signal
  p.win = get_window_values(window, p.nperseg, true);
  p.nfft = nfft_in.value_or(p.nperseg);
  if (p.nfft < p.nperseg)
    throw value_error("nfft=" + py_int(p.nfft) +
                      " must be greater than or equal to nperseg=" + py_int(p.nperseg) + "!");
  p.noverlap = noverlap_in.value_or(p.nperseg / 2);
  if (p.noverlap >= p.nperseg)
    throw value_error("noverlap=" + py_int(p.noverlap) +
                      " must be less than nperseg=" + py_int(p.nperseg) + "!");
  p.onesided = return_onesided && !complex_input;
  if (scaling != "density" && scaling != "spectrum")
    throw value_error("Parameter scaling='" + scaling +
                      "' not in {'spectrum': 'magnitude', 'density': 'psd'}!");
  if (!detrend_type.empty() && detrend_type != "linear" && detrend_type != "l" &&
      detrend_type != "constant" && detrend_type != "c")
    throw value_error("Trend type must be 'linear' or 'constant'.");
  p.detrend = detrend_type;
  p.step = p.nperseg - p.noverlap;
  p.nseg = (n - p.noverlap) / p.step;
  if (p.nseg > 1 && average != "mean" && average != "median")
    throw value_error("Parameter average='" + average + "' must be 'median' or 'mean'!");
  p.average = average;

  double wsum = 0, wsq = 0;
  for (const double w : p.win) {
    wsum += w;
    wsq += w * w;
  }
  const double scale = scaling == "density" ? 1.0 / (fs * wsq) : 1.0 / (wsum * wsum);
  p.nfreq = p.onesided ? p.nfft / 2 + 1 : p.nfft;
  // The one-sided spectrum counts the negative frequencies twice: all but the zero frequency
  // and (for an even nfft) the Nyquist frequency.
  p.factor.assign(static_cast<std::size_t>(p.nfreq), scale);
  if (p.onesided)
    for (std::int64_t k = 1; k < p.nfreq; ++k)
      if (k != p.nfreq - 1 || p.nfft % 2 == 1) p.factor[static_cast<std::size_t>(k)] = 2 * scale;
  p.freqs = p.onesided ? cupp::fft::detail::rfftfreq_values(p.nfft, 1.0 / fs)
                       : cupp::fft::detail::fftfreq_values(p.nfft, 1.0 / fs);
  return p;
}

/// Whether dtype `d` (a result's, or the working one) is single precision: float32, complex64.
bool single_precision(dtype d) { return d == dtype::float32 || d == dtype::complex64; }

/// `x` with `axis` moved last, contiguous, in the working dtype (float32 or float64, complex64 or
/// complex128 for `complex_work`), zero-padded to `n` samples.
array_desc signal_last(const array_desc& x, std::int64_t ax, std::int64_t n, bool complex_work,
                       bool single) {
  const dtype work = complex_work ? (single ? dtype::complex64 : dtype::complex128)
                                  : (single ? dtype::float32 : dtype::float64);
  const array_desc moved = cupp::array(cupp::detail::moveaxis(x, {ax}, {-1})).astype(work).desc();
  const std::int64_t len = moved.shape.back();
  if (len >= n) return moved;
  shape_t shape = moved.shape;
  shape.back() = n;
  cupp::array padded(shape, work);
  padded.fill(0);
  std::vector<cupp::detail::index_item> items(static_cast<std::size_t>(moved.ndim()), slice());
  items.back() = slice(0, len);
  cupp::detail::copy_into(moved, cupp::detail::index_view(padded.desc(), items));
  return padded.desc();
}

/// The segments (a view, element type T) times the window (real type R), less each segment's
/// mean first for `constant`: one fused kernel over the overlapping view, whose mean is one
/// reduction of the view (SciPy's detrend, then its multiplication by the window).
template <class T, class R>
cupp::array window_segments(const array_desc& segments, const spectral_plan& p, bool constant) {
  const ndarray<T> seg = cupp::array(segments).as<T>();
  const ndarray<R> win = asarray(p.win).template astype<R>();
  if (constant) return cupp::array((seg - cupp::mean(seg, -1, true)) * win);
  return cupp::array(seg * win);
}

/// The spectra of the segments of `sig` (the signal last, contiguous): (..., nseg, nfreq).
cupp::array segment_spectra(const array_desc& sig, const spectral_plan& p) {
  const bool complex_work = is_complex(sig.dt);
  // Segment j is sig[..., j * step : j * step + nperseg]: a view of shape (..., nseg, nperseg)
  // over the same memory.
  shape_t seg_shape(sig.shape.begin(), sig.shape.end() - 1);
  strides_t seg_strides(sig.strides.begin(), sig.strides.end() - 1);
  const std::int64_t es = sig.strides.back();
  seg_shape.push_back(p.nseg);
  seg_shape.push_back(p.nperseg);
  seg_strides.push_back(p.step * es);
  seg_strides.push_back(es);
  array_desc segments = cupp::detail::make_view(sig, seg_shape, seg_strides, sig.ptr);
  const bool linear = p.detrend == "linear" || p.detrend == "l";
  if (linear) segments = detrend(segments, -1, p.detrend, {}, sig.dt);
  const bool single = single_precision(sig.dt);
  const bool constant = !p.detrend.empty() && !linear;
  const cupp::array windowed =
      single ? (complex_work ? window_segments<std::complex<float>, float>(segments, p, constant)
                             : window_segments<float, float>(segments, p, constant))
             : (complex_work ? window_segments<std::complex<double>, double>(segments, p, constant)
                             : window_segments<double, double>(segments, p, constant));
  if (p.onesided) {
    if (single) return cupp::fft::rfft(windowed.as<float>(), p.nfft, -1);
    return cupp::fft::rfft(windowed.as<double>(), p.nfft, -1);
  }
  if (single) {
    const cupp::array c = complex_work ? windowed : windowed.astype(dtype::complex64);
    return cupp::fft::fft(c.as<std::complex<float>>(), p.nfft, -1);
  }
  const cupp::array c = complex_work ? windowed : windowed.astype(dtype::complex128);
  return cupp::fft::fft(c.as<std::complex<double>>(), p.nfft, -1);
}

/// The scale of each frequency, in the real dtype of `spec` (a float64 array would promote it).
cupp::array factors_like(const spectral_plan& p, const cupp::array& spec) {
  const bool single = single_precision(spec.dtype());
  return cupp::array(asarray(p.factor)).astype(single ? dtype::float32 : dtype::float64);
}

/// `pxx` (..., nfreq) with the frequencies moved to `ax`, cast to `out`.
array_desc placed(const cupp::array& pxx, std::int64_t ax, dtype out) {
  return cupp::array(cupp::detail::moveaxis(pxx.desc(), {-1}, {ax})).astype(out).desc();
}

/// Whether the segments are averaged by their mean: one fused reduction of the spectra.
bool by_mean(const spectral_plan& p) { return p.nseg <= 1 || p.average != "median"; }

/// The mean over the segments of the scaled power |X|^2 of spectra `sx` (complex type C), read
/// once in one reduction.
template <class C>
cupp::array mean_power(const cupp::array& sx, const spectral_plan& p) {
  using R = typename C::value_type;
  const ndarray<C> x = sx.as<C>();
  const ndarray<R> f = factors_like(p, sx).as<R>();
  return cupp::array(
      cupp::mean((cupp::real(x) * cupp::real(x) + cupp::imag(x) * cupp::imag(x)) * f, -2));
}

/// The mean over the segments of the scaled cross spectrum conj(X) Y, in one reduction.
template <class C>
cupp::array mean_cross(const cupp::array& sx, const cupp::array& sy, const spectral_plan& p) {
  using R = typename C::value_type;
  const ndarray<C> x = sx.as<C>(), y = sy.as<C>();
  const ndarray<R> f = factors_like(p, sx).as<R>();
  return cupp::array(cupp::mean(cupp::conj(x) * y * f, -2));
}

/// The scaled (..., nseg, nfreq) products averaged over the segments, the frequencies moved to
/// `ax`, cast to `out`.
array_desc averaged(const cupp::array& products, const spectral_plan& p, std::int64_t ax,
                    dtype out) {
  const cupp::array scaled = products * factors_like(p, products);
  cupp::array pxx;
  if (p.nseg > 1 && p.average == "median") {
    const auto median = [&](const cupp::array& v) {
      return cupp::array(
          cupp::detail::median_array(v.desc(), axis_arg(-2), false, false, dtype::float64));
    };
    if (is_complex(scaled.dtype())) {
      pxx = (median(cupp::real(scaled)) + std::complex<double>(0, 1) * median(cupp::imag(scaled))) /
            median_bias(p.nseg);
    } else {
      pxx = median(scaled) / median_bias(p.nseg);
    }
  } else {
    pxx = cupp::mean(scaled, -2);  // of one segment: the segment itself, as SciPy's reshape
  }
  return placed(pxx, ax, out);
}

}  // namespace

spectral_descs welch(const array_desc& x, double fs, const window_spec& window,
                     std::optional<std::int64_t> nperseg, std::optional<std::int64_t> noverlap,
                     std::optional<std::int64_t> nfft, const std::string& detrend_type,
                     bool return_onesided, const std::string& scaling, int axis,
                     const std::string& average, dtype out) {
  if (x.ndim() == 0) throw index_error("tuple index out of range");
  const std::int64_t ax = normalize_axis(axis, x.ndim());
  if (x.size() == 0) {
    // SciPy returns two empty arrays of x's shape (float64).
    return {cupp::array(x.shape, dtype::float64).desc(), cupp::array(x.shape, out).desc()};
  }
  const std::int64_t n = x.shape[static_cast<std::size_t>(ax)];
  const bool complex_input = is_complex(x.dt);
  const spectral_plan p = plan_of(n, complex_input, fs, window, nperseg, noverlap, nfft,
                                  detrend_type, return_onesided, scaling, average);
  const cupp::array spec =
      segment_spectra(signal_last(x, ax, n, complex_input, single_precision(out)), p);
  if (by_mean(p))
    return {asarray(p.freqs).desc(),
            placed(single_precision(spec.dtype()) ? mean_power<std::complex<float>>(spec, p)
                                                   : mean_power<std::complex<double>>(spec, p),
                   ax, out)};
  const cupp::array re = cupp::real(spec), im = cupp::imag(spec);
  return {asarray(p.freqs).desc(), averaged(re * re + im * im, p, ax, out)};
}

spectral_descs csd(const array_desc& x, const array_desc& y, double fs, const window_spec& window,
                   std::optional<std::int64_t> nperseg, std::optional<std::int64_t> noverlap,
                   std::optional<std::int64_t> nfft, const std::string& detrend_type,
                   bool return_onesided, const std::string& scaling, int axis,
                   const std::string& average, dtype out) {
  if (x.ndim() == 0 || y.ndim() == 0) throw index_error("tuple index out of range");
  const std::int64_t ax = normalize_axis(axis, x.ndim());
  const std::int64_t ay = normalize_axis(axis, y.ndim());
  shape_t xo = x.shape, yo = y.shape;
  xo.erase(xo.begin() + ax);
  yo.erase(yo.begin() + ay);
  shape_t outer;
  try {
    outer = broadcast_shapes({xo, yo});
  } catch (const value_error&) {
    throw value_error("x and y cannot be broadcast together.");
  }
  const std::int64_t nx = x.shape[static_cast<std::size_t>(ax)];
  const std::int64_t ny = y.shape[static_cast<std::size_t>(ay)];
  if (x.size() == 0 || y.size() == 0) {
    shape_t shape = outer;
    shape.push_back(std::min(nx, ny));
    const cupp::array f(shape, dtype::float64), e(shape, out);
    return {cupp::detail::moveaxis(f.desc(), {-1}, {axis}),
            cupp::detail::moveaxis(e.desc(), {-1}, {axis})};
  }
  const std::int64_t n = std::max(nx, ny);
  const bool complex_input = is_complex(x.dt) || is_complex(y.dt);
  // Complex x or y gives the two-sided spectrum (SciPy looks at x alone, and fails for a complex
  // y with a real x).
  const spectral_plan p = plan_of(n, complex_input, fs, window, nperseg, noverlap, nfft,
                                  detrend_type, return_onesided, scaling, average);
  const bool single = single_precision(out);
  const cupp::array sx = segment_spectra(signal_last(x, ax, n, complex_input, single), p);
  const cupp::array sy = segment_spectra(signal_last(y, ay, n, complex_input, single), p);
  const std::int64_t out_axis = axis < 0 ? axis + static_cast<std::int64_t>(outer.size()) + 1
                                         : static_cast<std::int64_t>(axis);
  if (by_mean(p))
    return {asarray(p.freqs).desc(), placed(single ? mean_cross<std::complex<float>>(sx, sy, p)
                          : mean_cross<std::complex<double>>(sx, sy, p),
                   out_axis, out)};
  return {asarray(p.freqs).desc(), averaged(cupp::conj(sx) * sy, p, out_axis, out)};
}

spectral_descs coherence(const array_desc& x, const array_desc& y, double fs,
                         const window_spec& window, std::optional<std::int64_t> nperseg,
                         std::optional<std::int64_t> noverlap, std::optional<std::int64_t> nfft,
                         const std::string& detrend_type, int axis, dtype out) {
  spectral_descs pxy = csd(x, y, fs, window, nperseg, noverlap, nfft, detrend_type, true, "density",
                           axis, "mean", dtype::complex128);
  const spectral_descs pxx = welch(x, fs, window, nperseg, noverlap, nfft, detrend_type, true,
                                   "density", axis, "mean", dtype::float64);
  const spectral_descs pyy = welch(y, fs, window, nperseg, noverlap, nfft, detrend_type, true,
                                   "density", axis, "mean", dtype::float64);
  const cupp::array a = cupp::abs(cupp::array(pxy.Pxx));
  const cupp::array c = a * a / cupp::array(pxx.Pxx) / cupp::array(pyy.Pxx);
  return {pxx.f, c.astype(out).desc()};
}

spectrogram_descs spectrogram(const array_desc& x, double fs, const window_spec& window,
                              std::optional<std::int64_t> nperseg_in,
                              std::optional<std::int64_t> noverlap_in,
                              std::optional<std::int64_t> nfft_in, const std::string& detrend_type,
                              bool return_onesided, const std::string& scaling, int axis,
                              const std::string& mode, dtype out) {
  // SciPy's spectrogram and its _spectral_helper, in their order and words.
  if (mode != "psd" && mode != "complex" && mode != "magnitude" && mode != "angle" &&
      mode != "phase")
    throw value_error("unknown value for mode " + mode +
                      ", must be one of ['psd', 'complex', 'magnitude', 'angle', 'phase']");
  if (mode == "complex" || mode == "phase")
    throw not_implemented_error("spectrogram mode '" + mode + "' is not implemented");
  if (x.ndim() == 0) throw index_error("tuple index out of range");
  const std::int64_t ax = normalize_axis(axis, x.ndim());
  const std::int64_t n = x.shape[static_cast<std::size_t>(ax)];
  spectral_plan p;
  p.nperseg = nperseg_in.value_or(256);
  if (p.nperseg > n) p.nperseg = n;  // SciPy warns, and so uses the whole signal
  p.win = get_window_values(window, p.nperseg, true);
  p.noverlap = noverlap_in.value_or(p.nperseg / 8);
  if (x.size() == 0) {
    const cupp::array e(x.shape, dtype::float64);
    return {e.desc(), cupp::array(x.shape, dtype::float64).desc(),
            cupp::array(x.shape, out).desc()};
  }
  if (p.nperseg < 1) throw value_error("nperseg must be a positive integer");
  p.nfft = nfft_in.value_or(p.nperseg);
  if (p.nfft < p.nperseg) throw value_error("nfft must be greater than or equal to nperseg.");
  if (p.noverlap >= p.nperseg) throw value_error("noverlap must be less than nperseg.");
  p.step = p.nperseg - p.noverlap;
  if (!detrend_type.empty() && detrend_type != "linear" && detrend_type != "l" &&
      detrend_type != "constant" && detrend_type != "c")
    throw value_error("Trend type must be 'linear' or 'constant'.");
  p.detrend = detrend_type;
  double wsum = 0, wsq = 0;
  for (const double w : p.win) {
    wsum += w;
    wsq += w * w;
  }
  double scale;
  if (scaling == "density")
    scale = 1.0 / (fs * wsq);
  else if (scaling == "spectrum")
    scale = 1.0 / (wsum * wsum);
  else
    throw value_error("Unknown scaling: '" + scaling + "'");
  const bool psd = mode == "psd";
  if (!psd) scale = std::sqrt(scale);
  const bool complex_input = is_complex(x.dt);
  p.onesided = return_onesided && !complex_input;
  p.nseg = (n - p.nperseg) / p.step + 1;
  p.nfreq = p.onesided ? p.nfft / 2 + 1 : p.nfft;
  p.factor.assign(static_cast<std::size_t>(p.nfreq), scale);
  if (p.onesided && psd)
    for (std::int64_t k = 1; k < p.nfreq; ++k)
      if (k != p.nfreq - 1 || p.nfft % 2 == 1) p.factor[static_cast<std::size_t>(k)] = 2 * scale;
  p.freqs = p.onesided ? cupp::fft::detail::rfftfreq_values(p.nfft, 1.0 / fs)
                       : cupp::fft::detail::fftfreq_values(p.nfft, 1.0 / fs);
  // SciPy's np.arange(nperseg / 2, n - nperseg / 2 + 1, nperseg - noverlap) / fs.
  std::vector<double> times;
  const double start = p.nperseg / 2.0, stop = static_cast<double>(n) - p.nperseg / 2.0 + 1;
  const auto count = static_cast<std::int64_t>(std::ceil((stop - start) / p.step));
  for (std::int64_t j = 0; j < count; ++j) times.push_back((start + j * p.step) / fs);

  const cupp::array spec =
      segment_spectra(signal_last(x, ax, n, complex_input, single_precision(out)), p);
  const cupp::array factor = factors_like(p, spec);
  cupp::array sxx;
  if (psd) {
    const cupp::array re = cupp::real(spec), im = cupp::imag(spec);
    sxx = (re * re + im * im) * factor;
  } else if (mode == "magnitude") {
    sxx = cupp::abs(spec * factor);
  } else {
    sxx = cupp::angle(spec * factor);
  }
  // (..., nseg, nfreq) -> the frequencies at `axis`, the segments last, as SciPy's.
  const array_desc swapped = sxx.swapaxes(-1, -2).desc();
  const array_desc result =
      cupp::array(cupp::detail::moveaxis(swapped, {-2}, {ax})).astype(out).desc();
  return {asarray(p.freqs).desc(), asarray(times).desc(), result};
}

spectrogram_descs stft(const array_desc& x, double fs, const window_spec& window,
                       std::int64_t nperseg, std::optional<std::int64_t> noverlap_in,
                       std::optional<std::int64_t> nfft_in, const std::string& detrend_type,
                       bool return_onesided, const std::optional<std::string>& boundary,
                       bool padded, int axis, const std::string& scaling, dtype out) {
  // SciPy's stft and its _spectral_helper (mode 'stft'), in their order and words.
  if (scaling != "spectrum" && scaling != "psd")
    throw value_error("Parameter scaling='" + scaling + "' not in ['spectrum', 'psd']!");
  if (boundary && *boundary != "even" && *boundary != "odd" && *boundary != "constant" &&
      *boundary != "zeros")
    throw value_error("Unknown boundary option '" + *boundary +
                      "', must be one of: ['even', 'odd', 'constant', 'zeros', None]");
  if (x.size() == 0) {
    return {cupp::array(x.shape, dtype::float64).desc(),
            cupp::array(x.shape, dtype::float64).desc(), cupp::array(x.shape, out).desc()};
  }
  if (x.ndim() == 0) throw index_error("tuple index out of range");
  const std::int64_t ax = normalize_axis(axis, x.ndim());
  const std::int64_t n = x.shape[static_cast<std::size_t>(ax)];
  spectral_plan p;
  if (nperseg < 1) throw value_error("nperseg must be a positive integer");
  p.nperseg = std::min(nperseg, n);  // SciPy warns, and so uses the whole signal
  p.win = get_window_values(window, p.nperseg, true);
  p.nfft = nfft_in.value_or(p.nperseg);
  if (p.nfft < p.nperseg) throw value_error("nfft must be greater than or equal to nperseg.");
  p.noverlap = noverlap_in.value_or(p.nperseg / 2);
  if (p.noverlap >= p.nperseg) throw value_error("noverlap must be less than nperseg.");
  p.step = p.nperseg - p.noverlap;

  // The argument checks SciPy meets later, before any work on the device.
  // (The extension, nperseg / 2 <= n / 2 samples, never meets even_ext's and odd_ext's limit
  // of n - 1.)
  const std::int64_t ext = p.nperseg / 2;
  if (!detrend_type.empty() && detrend_type != "linear" && detrend_type != "l" &&
      detrend_type != "constant" && detrend_type != "c")
    throw value_error("Trend type must be 'linear' or 'constant'.");
  p.detrend = detrend_type;

  const bool complex_input = is_complex(x.dt);
  const bool single = single_precision(out);
  array_desc sig = signal_last(x, ax, n, complex_input, single);
  // The boundary extension by nperseg / 2 samples at both ends, as numpy.pad's modes.
  if (boundary && ext >= 1) {
    std::vector<pad_width_arg::pair> widths(static_cast<std::size_t>(sig.ndim()), {0, 0});
    widths.back() = {ext, ext};
    pad_options options;
    std::string mode = "constant";
    if (*boundary == "constant") mode = "edge";
    if (*boundary == "even" || *boundary == "odd") mode = "reflect";
    if (*boundary == "odd") options.reflect_type("odd");
    sig = cupp::detail::pad(sig, widths, mode, options);
  }
  std::int64_t len = sig.shape.back();
  if (padded) {
    // Zeros up to a whole number of segments: nperseg + (nseg - 1) * step samples.
    const std::int64_t nadd = ((p.step - (len - p.nperseg) % p.step) % p.step) % p.nperseg;
    if (nadd > 0) {
      sig = signal_last(sig, sig.ndim() - 1, len + nadd, complex_input, single);
      len += nadd;
    }
  }
  double wsum = 0, wsq = 0;
  for (const double w : p.win) {
    wsum += w;
    wsq += w * w;
  }
  const double scale = std::sqrt(scaling == "psd" ? 1.0 / (fs * wsq) : 1.0 / (wsum * wsum));
  p.onesided = return_onesided && !complex_input;
  p.nseg = (len - p.nperseg) / p.step + 1;
  p.nfreq = p.onesided ? p.nfft / 2 + 1 : p.nfft;
  p.freqs = p.onesided ? cupp::fft::detail::rfftfreq_values(p.nfft, 1.0 / fs)
                       : cupp::fft::detail::fftfreq_values(p.nfft, 1.0 / fs);
  // SciPy's np.arange(nperseg / 2, len - nperseg / 2 + 1, step) / fs, less (nperseg / 2) / fs
  // after a boundary extension.
  std::vector<double> times;
  const double half = p.nperseg / 2.0;
  for (std::int64_t j = 0; j < p.nseg; ++j) {
    double t = (half + static_cast<double>(j * p.step)) / fs;
    if (boundary) t -= half / fs;
    times.push_back(t);
  }
  const cupp::array spec = segment_spectra(sig, p) * scale;
  // (..., nseg, nfreq) -> the frequencies at `axis`, the segments last, as SciPy's.
  const array_desc swapped = spec.swapaxes(-1, -2).desc();
  const array_desc result =
      cupp::array(cupp::detail::moveaxis(swapped, {-2}, {ax})).astype(out).desc();
  return {asarray(p.freqs).desc(), asarray(times).desc(), result};
}

istft_descs istft(const array_desc& Zxx, double fs, const window_spec& window,
                  std::optional<std::int64_t> nperseg_in, std::optional<std::int64_t> noverlap_in,
                  std::optional<std::int64_t> nfft_in, bool input_onesided, bool boundary,
                  int time_axis, int freq_axis, const std::string& scaling) {
  // SciPy's istft, in its order and words.
  if (Zxx.ndim() < 2) throw value_error("Input stft must be at least 2d!");
  if (freq_axis == time_axis) throw value_error("Must specify differing time and frequency axes!");
  const std::int64_t nd = Zxx.ndim();
  const std::int64_t ta = normalize_axis(time_axis, nd), fa = normalize_axis(freq_axis, nd);
  if (ta == fa) throw value_error("repeated axis in transpose");
  const std::int64_t nseg = Zxx.shape[static_cast<std::size_t>(ta)];
  const std::int64_t nfreq = Zxx.shape[static_cast<std::size_t>(fa)];
  const std::int64_t n_default = input_onesided ? 2 * (nfreq - 1) : nfreq;
  std::int64_t nperseg = n_default;
  if (nperseg_in) {
    nperseg = *nperseg_in;
    if (nperseg < 1) throw value_error("nperseg must be a positive integer");
  }
  std::int64_t nfft = 0;
  if (!nfft_in) {
    nfft = input_onesided && nperseg == n_default + 1 ? nperseg : n_default;
  } else if (*nfft_in < nperseg) {
    throw value_error("nfft must be greater than or equal to nperseg.");
  } else {
    nfft = *nfft_in;
  }
  const std::int64_t noverlap = noverlap_in.value_or(nperseg / 2);
  if (noverlap >= nperseg) throw value_error("noverlap must be less than nperseg.");
  const std::int64_t step = nperseg - noverlap;
  const std::vector<double> win = get_window_values(window, nperseg, true);
  double factor;
  if (scaling == "spectrum") {
    factor = 0;
    for (const double w : win) factor += w;
  } else if (scaling == "psd") {
    double wsq = 0;
    for (const double w : win) wsq += w * w;
    factor = std::sqrt(fs * wsq);
  } else {
    throw value_error("Parameter scaling='" + scaling + "' not in ['spectrum', 'psd']!");
  }
  const bool single = Zxx.dt == dtype::complex64 || Zxx.dt == dtype::float32 ||
                      Zxx.dt == dtype::float16 || Zxx.dt == dtype::bfloat16;
  const dtype out = input_onesided ? (single ? dtype::float32 : dtype::float64)
                                   : (single ? dtype::complex64 : dtype::complex128);

  // (..., nfreq, nseg), in complex128, as SciPy's transpose.
  std::vector<std::int64_t> order;
  for (std::int64_t a = 0; a < nd; ++a)
    if (a != ta && a != fa) order.push_back(a);
  order.push_back(fa);
  order.push_back(ta);
  const cupp::array z = cupp::array(cupp::detail::transpose(Zxx, order)).astype(dtype::complex128);
  cupp::array xsubs;
  if (input_onesided)
    xsubs = cupp::fft::irfft(z.as<std::complex<double>>(), nfft, -2);
  else
    xsubs = cupp::fft::ifft(z.as<std::complex<double>>(), nfft, -2);
  // The segments (..., nseg, nperseg), scaled and windowed again.
  std::vector<double> scaled_win(win);
  for (double& w : scaled_win) w *= factor;
  std::vector<cupp::detail::index_item> keep(static_cast<std::size_t>(nd), slice());
  keep[static_cast<std::size_t>(nd - 2)] = slice(0, nperseg);
  const cupp::array segs =
      cupp::array(cupp::detail::index_view(xsubs.desc(), keep)).swapaxes(-1, -2) *
      cupp::array(asarray(scaled_win));

  // Overlap-add: with the output seen as rows of `step` samples, piece b of every segment
  // (its samples b * step ... b * step + width) adds to rows b ... b + nseg - 1, one row per
  // segment, so that each of the ceil(nperseg / step) pieces is one elementwise addition.
  const std::int64_t length = nperseg + (nseg - 1) * step;
  const std::int64_t pieces = (nperseg + step - 1) / step;
  shape_t rows_shape(segs.shape().begin(), segs.shape().end() - 2);
  rows_shape.push_back(nseg + pieces - 1);
  rows_shape.push_back(step);
  cupp::array rows(rows_shape, segs.dtype());
  rows.fill(0);
  for (std::int64_t b = 0; b < pieces; ++b) {
    const std::int64_t width = std::min(step, nperseg - b * step);
    std::vector<cupp::detail::index_item> src(static_cast<std::size_t>(nd), slice());
    src[static_cast<std::size_t>(nd - 1)] = slice(b * step, b * step + width);
    std::vector<cupp::detail::index_item> dst(static_cast<std::size_t>(nd), slice());
    dst[static_cast<std::size_t>(nd - 2)] = slice(b, b + nseg);
    dst[static_cast<std::size_t>(nd - 1)] = slice(0, width);
    const array_desc target = cupp::detail::index_view(rows.desc(), dst);
    const cupp::array sum =
        cupp::array(target) + cupp::array(cupp::detail::index_view(segs.desc(), src));
    cupp::detail::copy_into(sum.desc(), target);
  }
  // The flat output, the extension dropped (SciPy's x[..., h:-h], empty for h = 0).
  shape_t flat_shape(rows_shape.begin(), rows_shape.end() - 2);
  flat_shape.push_back((nseg + pieces - 1) * step);
  const cupp::array flat(cupp::detail::reshape(rows.desc(), flat_shape));
  std::int64_t lo = 0, hi = length;
  if (boundary) {
    lo = nperseg / 2;
    hi = lo == 0 ? 0 : length - lo;
  }
  std::vector<double> norm(static_cast<std::size_t>(length), 0.0);
  for (std::int64_t j = 0; j < nseg; ++j)
    for (std::int64_t i = 0; i < nperseg; ++i)
      norm[static_cast<std::size_t>(j * step + i)] +=
          win[static_cast<std::size_t>(i)] * win[static_cast<std::size_t>(i)];
  std::vector<double> divisor;
  for (std::int64_t i = lo; i < hi; ++i) {
    const double v = norm[static_cast<std::size_t>(i)];
    divisor.push_back(v > 1e-10 ? v : 1.0);
  }
  std::vector<cupp::detail::index_item> cut(static_cast<std::size_t>(nd - 1), slice());
  cut.back() = slice(lo, std::max(lo, hi));
  cupp::array x =
      cupp::array(cupp::detail::index_view(flat.desc(), cut)) / cupp::array(asarray(divisor));
  x = x.astype(out);
  if (x.ndim() > 1 && ta != nd - 1) {
    const std::int64_t target = fa < ta ? ta - 1 : ta;
    x = cupp::array(cupp::detail::moveaxis(x.desc(), {-1}, {target}));
  }
  // SciPy's np.arange(x.shape[0]) / fs.
  std::vector<double> times;
  for (std::int64_t i = 0; i < x.shape()[0]; ++i) times.push_back(static_cast<double>(i) / fs);
  return {asarray(times).desc(), x.desc()};
}

spectral_descs periodogram(const array_desc& x_in, double fs, const window_spec& window,
                           std::optional<std::int64_t> nfft, const std::string& detrend_type,
                           bool return_onesided, const std::string& scaling, int axis, dtype out) {
  if (x_in.ndim() == 0) throw index_error("tuple index out of range");
  if (x_in.size() == 0) {
    return {cupp::array(x_in.shape, dtype::float64).desc(), cupp::array(x_in.shape, out).desc()};
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

namespace cupp::scipy::signal {

namespace {

/// SciPy's checks of check_COLA and check_NOLA before the window is made (`nola` adds the
/// negative noverlap and drops a full stop, as SciPy's words).
void check_overlap_args(std::int64_t nperseg, std::int64_t noverlap, bool nola) {
  if (nperseg < 1) throw value_error("nperseg must be a positive integer");
  if (noverlap >= nperseg)
    throw value_error(nola ? "noverlap must be less than nperseg"
                           : "noverlap must be less than nperseg.");
  if (nola && noverlap < 0) throw value_error("noverlap must be a nonnegative integer");
  // SciPy's check_COLA fails on a negative noverlap when it adds up the empty bins.
  if (noverlap < 0) throw type_error("'int' object is not subscriptable");
}

void check_window_length(const std::vector<double>& win, std::int64_t nperseg) {
  if (static_cast<std::int64_t>(win.size()) != nperseg)
    throw value_error("window must have length of nperseg");
}

/// The sums of w (or w**2 when `squared`) over the windows shifted by nperseg - noverlap, one
/// per sample of a step: SciPy's binsums.
std::vector<double> overlap_sums(const std::vector<double>& win, std::int64_t noverlap,
                                 bool squared) {
  const auto nperseg = static_cast<std::int64_t>(win.size());
  const std::int64_t step = nperseg - noverlap;
  std::vector<double> sums(static_cast<std::size_t>(step), 0.0);
  for (std::int64_t i = 0; i < nperseg; ++i) {
    const double w = win[static_cast<std::size_t>(i)];
    sums[static_cast<std::size_t>(i % step)] += squared ? w * w : w;
  }
  return sums;
}

bool cola_of(const std::vector<double>& win, std::int64_t noverlap, double tol) {
  std::vector<double> sums = overlap_sums(win, noverlap, false);
  std::vector<double> sorted = sums;
  std::sort(sorted.begin(), sorted.end());
  const std::size_t m = sorted.size();
  const double median = m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
  double dev = 0;
  for (const double s : sums) dev = std::max(dev, std::abs(s - median));
  return dev < tol;
}

bool nola_of(const std::vector<double>& win, std::int64_t noverlap, double tol) {
  const std::vector<double> sums = overlap_sums(win, noverlap, true);
  return *std::min_element(sums.begin(), sums.end()) > tol;
}

}  // namespace

bool check_COLA(const window_spec& window, std::int64_t nperseg, std::int64_t noverlap,
                double tol) {
  check_overlap_args(nperseg, noverlap, false);
  return cola_of(detail::get_window_values(window, nperseg, true), noverlap, tol);
}

bool check_COLA(const std::vector<double>& window, std::int64_t nperseg, std::int64_t noverlap,
                double tol) {
  check_overlap_args(nperseg, noverlap, false);
  check_window_length(window, nperseg);
  return cola_of(window, noverlap, tol);
}

bool check_NOLA(const window_spec& window, std::int64_t nperseg, std::int64_t noverlap,
                double tol) {
  check_overlap_args(nperseg, noverlap, true);
  return nola_of(detail::get_window_values(window, nperseg, true), noverlap, tol);
}

bool check_NOLA(const std::vector<double>& window, std::int64_t nperseg, std::int64_t noverlap,
                double tol) {
  check_overlap_args(nperseg, noverlap, true);
  check_window_length(window, nperseg);
  return nola_of(window, noverlap, tol);
}

namespace {

/// What lombscargle computes before its normalization (SciPy's names).
struct lombscargle_terms {
  ndarray<double> a, b, yc, ys, tau, yy;
  std::int64_t n = 0;
};

/// SciPy 1.17's lombscargle up to the choice of `normalize`: its checks, in its order and words,
/// then its equations with the sums over the samples as reductions of fused expressions.
lombscargle_terms lombscargle_core(const cupp::array& x_in, const cupp::array& y_in,
                                   const cupp::array& freqs_in,
                                   const std::optional<cupp::array>& weights_in, bool precenter,
                                   bool floating_mean, bool want_yy) {
  const cupp::array w_in = weights_in ? *weights_in : cupp::array(cupp::ones<double>(y_in.shape()));
  const ndarray<double> x0 = x_in.astype(dtype::float64).as<double>();
  const ndarray<double> y0 = y_in.astype(dtype::float64).as<double>();
  const ndarray<double> f0 = freqs_in.astype(dtype::float64).as<double>();
  const ndarray<double> w0 = w_in.astype(dtype::float64).as<double>();
  if (!(x0.ndim() == 1 && x0.size() > 0 && x0.shape() == y0.shape() && y0.shape() == w0.shape()))
    throw value_error("Parameters x, y, weights must be 1-D arrays of equal non-zero length!");
  if (!(f0.ndim() == 1 && f0.size() > 0))
    throw value_error("Parameter freqs must be a 1-D array of non-zero length!");
  const double wsum = cupp::sum(w0).item();
  if (!(cupp::all(cupp::greater_equal(w0, 0.0)).item() && wsum > 0))
    throw value_error(
        "Parameter weights must have only non-negative entries which sum to a positive value!");
  const std::int64_t n = x0.size(), m = f0.size();
  const ndarray<double> w = (w0 * (1.0 / wsum)).reshape({n, 1});
  ndarray<double> yv = y0;
  if (precenter) yv = y0 - cupp::mean(y0).item();
  const ndarray<double> y = yv.reshape({n, 1});
  const ndarray<double> x = x0.reshape({n, 1}), f = f0.reshape({1, m});
  const auto ft = x * f;
  const ndarray<double> wy = w * y;
  const double ysum = cupp::sum(wy).item();
  ndarray<double> cc = cupp::sum(w * cupp::square(cupp::cos(ft)), 0, true);
  ndarray<double> ss = 1.0 - cc;
  ndarray<double> cs = cupp::sum(w * cupp::cos(ft) * cupp::sin(ft), 0, true);
  if (floating_mean) {
    const ndarray<double> c = cupp::sum(w * cupp::cos(ft), 0, true);
    const ndarray<double> s = cupp::sum(w * cupp::sin(ft), 0, true);
    cc = cc - c * c;
    ss = ss - s * s;
    cs = cs - c * s;
  }
  const ndarray<double> tau = 0.5 * cupp::arctan2(2.0 * cs, cc - ss);  // (1, m)
  const auto ftt = ft - tau;
  ndarray<double> yc = cupp::sum(wy * cupp::cos(ftt), 0, true);
  ndarray<double> ys = cupp::sum(wy * cupp::sin(ftt), 0, true);
  cc = cupp::sum(w * cupp::square(cupp::cos(ftt)), 0, true);
  ss = 1.0 - cc;
  if (floating_mean) {
    const ndarray<double> c = cupp::sum(w * cupp::cos(ftt), 0, true);
    const ndarray<double> s = cupp::sum(w * cupp::sin(ftt), 0, true);
    yc = yc - ysum * c;
    ys = ys - ysum * s;
    cc = cc - c * c;
    ss = ss - s * s;
  }
  // SciPy's floor on CC and SS: the float64 epsneg, also where rounding made them -0.0
  const double epsneg = 1.1102230246251565e-16;
  cc = cupp::where(cupp::less(cc, epsneg), epsneg, cc);
  ss = cupp::where(cupp::less(ss, epsneg), epsneg, ss);
  lombscargle_terms t;
  t.a = (yc / cc).reshape({m});
  t.b = (ys / ss).reshape({m});
  t.yc = yc.reshape({m});
  t.ys = ys.reshape({m});
  t.tau = tau.reshape({m});
  t.n = n;
  if (want_yy) {
    double yy = cupp::sum(wy * y).item();
    if (floating_mean) yy -= ysum * ysum;
    t.yy = cupp::full<double>({1}, yy);
  }
  return t;
}

}  // namespace

ndarray<double> lombscargle(const cupp::array& x, const cupp::array& y, const cupp::array& freqs,
                            bool precenter, bool normalize,
                            const std::optional<cupp::array>& weights, bool floating_mean) {
  return lombscargle(x, y, freqs, precenter, std::string(normalize ? "normalize" : "power"),
                     weights, floating_mean);
}

ndarray<double> lombscargle(const cupp::array& x, const cupp::array& y, const cupp::array& freqs,
                            bool precenter, const std::string& normalize,
                            const std::optional<cupp::array>& weights, bool floating_mean) {
  if (normalize != "power" && normalize != "normalize") {
    if (normalize == "amplitude")
      throw value_error("normalize='amplitude' gives a complex result: call lombscargle_amplitude");
    throw value_error(
        "Normalize must be: False (or 'power'), True (or 'normalize'), or 'amplitude'.");
  }
  const bool norm = normalize == "normalize";
  const lombscargle_terms t =
      lombscargle_core(x, y, freqs, weights, precenter, floating_mean, norm);
  const ndarray<double> pgram = 2.0 * (t.a * t.yc + t.b * t.ys);
  if (!norm) return pgram * (static_cast<double>(t.n) / 4.0);
  return pgram * (0.5 / t.yy);
}

ndarray<std::complex<double>> lombscargle_amplitude(const cupp::array& x, const cupp::array& y,
                                                    const cupp::array& freqs,
                                                    const std::optional<cupp::array>& weights,
                                                    bool floating_mean) {
  const lombscargle_terms t = lombscargle_core(x, y, freqs, weights, false, floating_mean, false);
  // (a + ib) e^(i tau) = (a cos tau - b sin tau) + i (a sin tau + b cos tau)
  const ndarray<double> re = t.a * cupp::cos(t.tau) - t.b * cupp::sin(t.tau);
  const ndarray<double> im = t.a * cupp::sin(t.tau) + t.b * cupp::cos(t.tau);
  return ndarray<std::complex<double>>(re.astype<std::complex<double>>() +
                                       im.astype<std::complex<double>>() *
                                           std::complex<double>(0.0, 1.0));
}

}  // namespace cupp::scipy::signal
