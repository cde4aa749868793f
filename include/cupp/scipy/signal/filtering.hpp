// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::signal, filtering and convolution, as scipy.signal: convolve correlate
// fftconvolve oaconvolve convolve2d correlate2d choose_conv_method correlation_lags; the linear
// filters lfilter lfilter_zi lfiltic filtfilt sosfilt sosfilt_zi sosfiltfilt; medfilt medfilt2d
// wiener savgol_coeffs savgol_filter hilbert hilbert2 detrend; resample resample_poly upfirdn
// decimate. The templates pick dtypes; the work is done once in src/scipy/signal/.
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
#include "cupp/core/promotion.hpp"
#include "cupp/core/runtime_array.hpp"
#include "cupp/scipy/ndimage/common.hpp"
#include "cupp/scipy/signal/windows.hpp"

namespace cupp::scipy::signal {

namespace detail {

using cupp::detail::array_desc;

/// The precision scipy.fft computes a real or complex T in: float for float16, bfloat16, float
/// and complex<float>; double otherwise (integers and bool included).
template <class T>
using fft_real_t =
    std::conditional_t<std::is_same_v<T, float16> || std::is_same_v<T, bfloat16> ||
                           std::is_same_v<T, float> || std::is_same_v<T, std::complex<float>>,
                       float, double>;
template <class T>
inline constexpr bool is_complex_v =
    dtype_of<T> == dtype::complex64 || dtype_of<T> == dtype::complex128;

/// The element type of fftconvolve(T, U): SciPy's, the product of two scipy.fft transforms.
template <class T, class U>
using fftconvolve_t = std::conditional_t<is_complex_v<T> || is_complex_v<U>,
                                         std::complex<promote_t<fft_real_t<T>, fft_real_t<U>>>,
                                         promote_t<fft_real_t<T>, fft_real_t<U>>>;

/// scipy.signal.convolve (`correlate` false) or correlate: the result has dtype
/// promote_types(in1, in2). value_error as SciPy for a bad mode or method, inputs of different
/// ranks, "valid" inputs of which neither is as large as the other, an empty 1-D input.
array_desc convolve(const array_desc& in1, const array_desc& in2, const std::string& mode,
                    const std::string& method, bool correlate);
/// scipy.signal.fftconvolve (and oaconvolve) over `axes` into dtype `out`.
array_desc fftconvolve(const array_desc& in1, const array_desc& in2, const std::string& mode,
                       const axis_arg& axes, dtype out);
/// scipy.signal.convolve2d (`correlate` false) or correlate2d.
array_desc convolve2d(const array_desc& in1, const array_desc& in2, const std::string& mode,
                      const std::string& boundary, std::complex<double> fillvalue, bool correlate);
/// scipy.signal.choose_conv_method(measure=False): "fft" or "direct".
std::string choose_conv_method(const array_desc& in1, const array_desc& in2,
                               const std::string& mode);

/// SciPy's _fftconv_faster: its operation counts of both methods weighed by its constants (a
/// host rule on the shapes alone).
bool fftconv_faster(const shape_t& x, const shape_t& h, const std::string& mode);
/// scipy.signal.correlation_lags on the host.
std::vector<std::int64_t> correlation_lags(std::int64_t in1_len, std::int64_t in2_len,
                                           const std::string& mode);

/// The window of the full convolution a direct mode keeps (Note [Direct convolution] in
/// kernels/cupp/signal_conv.cuh): its shape and its first index per axis. `centre_up`: the
/// "same" window of correlate2d (k / 2 instead of (k - 1) / 2).
struct conv_window {
  shape_t shape;
  std::vector<std::int64_t> start;
};
conv_window direct_window(const shape_t& s1, const shape_t& s2, const std::string& mode,
                          bool centre_up);

/// The direct convolution of `in1` with `kernel` (equal ranks) in the window `w` of the full
/// convolution, the input extended by `boundary` (0 fill with `fill`, 1 wrap, 2 symm, 3 mirror,
/// 4 nearest), into a new array of dtype `out`.
array_desc direct_convolve(const array_desc& in1, const array_desc& kernel, const conv_window& w,
                           int boundary, std::complex<double> fill, dtype out);

/// The generated source and name of the direct-convolution kernel summing in `acc` into `out`.
std::string conv_kernel_source(dtype acc, dtype out);
std::string conv_kernel_name(dtype acc, dtype out);

/// The dtype the linear filters compute and return for inputs of `dts`: their promotion, with
/// integers and bool as float64 and float16/bfloat16 as float32 (SciPy refuses those with
/// NotImplementedError; cupp computes them as the nearest type it does support).
constexpr dtype filter_dtype(std::initializer_list<dtype> dts) noexcept {
  dtype r = *dts.begin();
  for (const dtype d : dts) r = promote_types(r, d);
  if (r == dtype::float16 || r == dtype::bfloat16) return dtype::float32;
  if (r == dtype::float32 || r == dtype::float64 || r == dtype::complex64 || r == dtype::complex128)
    return r;
  return dtype::float64;
}

/// scipy.signal.lfilter along `axis` of `x` in dtype `r`; `zi` (null: SciPy's None) the initial
/// state, x's shape with `axis` of length max(len(a), len(b)) - 1 (length-1 axes broadcast);
/// with zi, `zf` receives the final state in the same shape.
array_desc lfilter(const array_desc& b, const array_desc& a, const array_desc& x, int axis,
                   const array_desc* zi, array_desc* zf, dtype r);
/// scipy.signal.lfilter_zi in dtype `r`.
array_desc lfilter_zi(const array_desc& b, const array_desc& a, dtype r);
/// scipy.signal.lfiltic; `x` null: SciPy's None.
array_desc lfiltic(const array_desc& b, const array_desc& a, const array_desc& y,
                   const array_desc* x, dtype r);
/// scipy.signal.filtfilt (method "pad").
array_desc filtfilt(const array_desc& b, const array_desc& a, const array_desc& x, int axis,
                    const std::optional<std::string>& padtype, std::optional<std::int64_t> padlen,
                    const std::string& method, dtype r);
/// scipy.signal.sosfilt; `zi` of shape (n_sections, ..., 2, ...), `zf` likewise.
array_desc sosfilt(const array_desc& sos, const array_desc& x, int axis, const array_desc* zi,
                   array_desc* zf, dtype r);
/// scipy.signal.sosfilt_zi in dtype `r`.
array_desc sosfilt_zi(const array_desc& sos, dtype r);
/// scipy.signal.sosfiltfilt.
array_desc sosfiltfilt(const array_desc& sos, const array_desc& x, int axis,
                       const std::optional<std::string>& padtype,
                       std::optional<std::int64_t> padlen, dtype r);

/// lfilter_zi on host values (SciPy's steady state of the step response, solved by its explicit
/// formulas); value_error "There must be at least one nonzero `a` coefficient.".
std::vector<std::complex<double>> lfilter_zi_values(std::vector<std::complex<double>> b,
                                                    std::vector<std::complex<double>> a);
/// lfiltic on host values; `x` empty and `x_given` false: SciPy's None.
std::vector<std::complex<double>> lfiltic_values(const std::vector<std::complex<double>>& b,
                                                 const std::vector<std::complex<double>>& a,
                                                 const std::vector<std::complex<double>>& y,
                                                 const std::vector<std::complex<double>>& x);
/// A^steps of Note [Parallel linear recursion] (kernels/cupp/signal_lfilter.cuh): the states
/// that `steps` zero inputs carry each unit state to, row-major, for `sections` sections of
/// `order` with coefficients b[0..order], a[0..order] per section (a[0] = 1).
std::vector<std::complex<double>> recursion_power(const std::vector<std::complex<double>>& coef,
                                                  int sections, int order, std::int64_t steps);
/// The generated source and names of the filter kernels.
std::string lfilter_kernel_source(dtype compute, int sections, int order);
std::string lfilter_kernel_name(dtype compute, int sections, int order);

template <class... T>
using filter_t = type_of_t<filter_dtype({dtype_of<T>...})>;

/// scipy.signal.medfilt (`two_d`: medfilt2d, which takes 2-D input only).
array_desc medfilt(const array_desc& volume, const ndimage::per_axis<int>& kernel_size, bool two_d);
/// scipy.signal.wiener.
array_desc wiener(const array_desc& im, const ndimage::per_axis<int>& mysize,
                  std::optional<double> noise);
/// scipy.signal.savgol_coeffs on the host (SciPy's minimum-norm least squares, solved on
/// scaled abscissae in long double).
std::vector<double> savgol_coeffs(int window_length, int polyorder, int deriv, double delta,
                                  std::optional<double> pos, const std::string& use);
/// scipy.signal.savgol_filter into dtype `out`.
array_desc savgol_filter(const array_desc& x, int window_length, int polyorder, int deriv,
                         double delta, int axis, const std::string& mode, double cval, dtype out);
/// scipy.signal.hilbert into the complex dtype `out`.
array_desc hilbert(const array_desc& x, std::optional<std::int64_t> n, int axis, dtype out);
/// scipy.signal.hilbert2 (`n` empty: SciPy's None; one value: both axes).
array_desc hilbert2(const array_desc& x, const std::vector<std::int64_t>& n,
                    const std::vector<std::int64_t>& axes, dtype out);
/// scipy.signal.detrend into dtype `out`; `bp` the breakpoints.
array_desc detrend(const array_desc& data, int axis, const std::string& type,
                   const std::vector<std::int64_t>& bp, dtype out);

/// scipy.signal.upfirdn into dtype `out`.
array_desc upfirdn(const array_desc& h, const array_desc& x, std::int64_t up, std::int64_t down,
                   int axis, const std::string& mode, double cval, dtype out);
/// scipy.signal.resample_poly into dtype `out`; `window` empty: SciPy's default Kaiser design.
array_desc resample_poly(const array_desc& x, std::int64_t up, std::int64_t down, int axis,
                         const std::vector<double>& window, const std::string& padtype,
                         std::optional<double> cval, dtype out);
/// scipy.signal.resample_poly with a window by name (`"hann"`, `{"kaiser", 8.0}`, a Kaiser beta):
/// the filter designed as SciPy's, firwin(20 * max_rate + 1, 1 / max_rate, window).
array_desc resample_poly(const array_desc& x, std::int64_t up, std::int64_t down, int axis,
                         const window_spec& window, const std::string& padtype,
                         std::optional<double> cval, dtype out);
/// scipy.signal.resample (FFT) into dtype `out`; `window` (or null) an array of the input's
/// length along `axis`.
array_desc resample(const array_desc& x, std::int64_t num, int axis, const array_desc* window,
                    const std::string& domain, dtype out);
/// scipy.signal.decimate into dtype `out`.
array_desc decimate(const array_desc& x, int q, std::optional<int> n, const std::string& ftype,
                    int axis, bool zero_phase, dtype out);
/// resample's second result: t[0] + (t[1] - t[0]) * n / num * arange(num), float64.
array_desc resample_times(const array_desc& t, std::int64_t n, std::int64_t num);
/// The generated source and name of the upfirdn kernel of dtype `dt`.
std::string upfirdn_kernel_source(dtype dt);
std::string upfirdn_kernel_name(dtype dt);

/// The dtype of detrend: float32, float64 and the complex types keep theirs, everything else
/// is float64.
constexpr dtype float_or_double(dtype d) noexcept {
  return d == dtype::float32 || d == dtype::float64 || d == dtype::complex64 ||
                 d == dtype::complex128
             ? d
             : dtype::float64;
}
/// The dtype of hilbert: complex64 for float16 and float32, complex128 otherwise.
constexpr dtype analytic_dtype(dtype d) noexcept {
  return d == dtype::float16 || d == dtype::bfloat16 || d == dtype::float32 || d == dtype::complex64
             ? dtype::complex64
             : dtype::complex128;
}

}  // namespace detail

/// scipy.signal.convolve (cupyx.scipy.signal.convolve): the N-D convolution of `in1` and `in2`
/// (equal ranks). `mode`: "full" (default), "valid" (one input must be at least as large as the
/// other along every axis), "same" (the shape of in1, centred). `method`: "auto" (SciPy's
/// choose_conv_method rule), "direct" or "fft". The result has dtype promote_types(T, U);
/// integers through "fft" are rounded, as SciPy does. Throws value_error in SciPy's words.
template <class T, class U>
ndarray<promote_t<T, U>> convolve(const ndarray<T>& in1, const ndarray<U>& in2,
                                  const std::string& mode = "full",
                                  const std::string& method = "auto") {
  return ndarray<promote_t<T, U>>(detail::convolve(in1.desc(), in2.desc(), mode, method, false));
}

/// scipy.signal.correlate: the N-D cross-correlation, z[k] = sum_l in1[l] * conj(in2[l - k +
/// N - 1]) in the "full" frame; modes, methods, dtype and errors as convolve.
template <class T, class U>
ndarray<promote_t<T, U>> correlate(const ndarray<T>& in1, const ndarray<U>& in2,
                                   const std::string& mode = "full",
                                   const std::string& method = "auto") {
  return ndarray<promote_t<T, U>>(detail::convolve(in1.desc(), in2.desc(), mode, method, true));
}

/// scipy.signal.fftconvolve: the convolution through cuFFT over `axes` (default every axis;
/// the other axes must match or be 1, and broadcast). float16, float32 and complex64 compute in
/// single precision, everything else in double; the result is complex when an input is.
/// Empty inputs give an empty 1-D result, as SciPy. Throws value_error "when provided, axes
/// cannot be empty", "incompatible shapes for in1 and in2: (3, 3) and (2, 2)", and the mode
/// errors.
template <class T, class U>
ndarray<detail::fftconvolve_t<T, U>> fftconvolve(const ndarray<T>& in1, const ndarray<U>& in2,
                                                 const std::string& mode = "full",
                                                 const axis_arg& axes = {}) {
  using R = detail::fftconvolve_t<T, U>;
  return ndarray<R>(detail::fftconvolve(in1.desc(), in2.desc(), mode, axes, dtype_of<R>));
}

/// scipy.signal.oaconvolve: SciPy's overlap-add convolution; same arguments, dtype and results
/// as fftconvolve. Note [oaconvolve]: this is fftconvolve's computation, which itself convolves
/// a long 1-D signal with a short kernel by overlap-add blocks (docs/scipy_signal.md).
template <class T, class U>
ndarray<detail::fftconvolve_t<T, U>> oaconvolve(const ndarray<T>& in1, const ndarray<U>& in2,
                                                const std::string& mode = "full",
                                                const axis_arg& axes = {}) {
  return fftconvolve(in1, in2, mode, axes);
}

/// scipy.signal.convolve2d: the 2-D convolution with the input extended by `boundary`: "fill"
/// (with `fillvalue`), "wrap"/"circular" or "symm"/"symmetric". dtype promote_types(T, U);
/// float16 and bool are value_error "convolve2d not available for this type." as SciPy. Throws
/// value_error "convolve2d inputs must both be 2-D arrays", the mode and boundary messages.
template <class T, class U>
ndarray<promote_t<T, U>> convolve2d(const ndarray<T>& in1, const ndarray<U>& in2,
                                    const std::string& mode = "full",
                                    const std::string& boundary = "fill",
                                    std::complex<double> fillvalue = 0.0) {
  return ndarray<promote_t<T, U>>(
      detail::convolve2d(in1.desc(), in2.desc(), mode, boundary, fillvalue, false));
}

/// scipy.signal.correlate2d: as convolve2d, the cross-correlation with conj(in2).
template <class T, class U>
ndarray<promote_t<T, U>> correlate2d(const ndarray<T>& in1, const ndarray<U>& in2,
                                     const std::string& mode = "full",
                                     const std::string& boundary = "fill",
                                     std::complex<double> fillvalue = 0.0) {
  return ndarray<promote_t<T, U>>(
      detail::convolve2d(in1.desc(), in2.desc(), mode, boundary, fillvalue, true));
}

/// scipy.signal.choose_conv_method (measure=False): "direct" for bool inputs and for integer
/// inputs whose exact result could exceed 2^52, else "fft" where SciPy's operation-count rule
/// finds it faster, else "direct".
template <class T, class U>
std::string choose_conv_method(const ndarray<T>& in1, const ndarray<U>& in2,
                               const std::string& mode = "full") {
  return detail::choose_conv_method(in1.desc(), in2.desc(), mode);
}

/// scipy.signal.correlation_lags: the lag of each element of correlate's 1-D output, as int64.
/// Throws value_error "Mode x is invalid".
ndarray<std::int64_t> correlation_lags(std::int64_t in1_len, std::int64_t in2_len,
                                       const std::string& mode = "full");

/// scipy.signal.lfilter (cupyx.scipy.signal.lfilter): the IIR or FIR filter b / a (1-D,
/// normalised by a[0]) along `axis` of `x`, SciPy's direct form II transposed. Every line along
/// `axis` is filtered at once, and long lines are cut into chunks whose states are carried in
/// parallel (Note [Parallel linear recursion]). float32 computes in float32, float64 in
/// float64, complex as SciPy; integers and bool as float64. Throws value_error "Parameter b is
/// not a non-empty 1d array, since b.shape=(0,)!", "BUG: filter coefficient a[0] == 0 not
/// supported yet", axis_error.
template <class B, class A, class T>
ndarray<detail::filter_t<B, A, T>> lfilter(const ndarray<B>& b, const ndarray<A>& a,
                                           const ndarray<T>& x, int axis = -1) {
  using R = detail::filter_t<B, A, T>;
  return ndarray<R>(
      detail::lfilter(b.desc(), a.desc(), x.desc(), axis, nullptr, nullptr, dtype_of<R>));
}

/// scipy.signal.lfilter with initial conditions `zi` (x's shape with `axis` of length
/// max(len(a), len(b)) - 1; axes of length 1 broadcast): returns (y, zf). Throws value_error
/// "Unexpected shape for zi:  expected (3,1), found (2,1)." as SciPy.
template <class B, class A, class T, class Z>
std::pair<ndarray<detail::filter_t<B, A, T, Z>>, ndarray<detail::filter_t<B, A, T, Z>>> lfilter(
    const ndarray<B>& b, const ndarray<A>& a, const ndarray<T>& x, int axis, const ndarray<Z>& zi) {
  using R = detail::filter_t<B, A, T, Z>;
  detail::array_desc zf;
  ndarray<R> y(detail::lfilter(b.desc(), a.desc(), x.desc(), axis, &zi.desc(), &zf, dtype_of<R>));
  return {std::move(y), ndarray<R>(std::move(zf))};
}

/// scipy.signal.lfilter_zi: the initial state of lfilter for the steady state of the step
/// response (computed on the host). Throws value_error "Numerator b must be 1-D.", "Denominator
/// a must be 1-D.", "There must be at least one nonzero `a` coefficient.".
template <class B, class A>
ndarray<detail::filter_t<B, A>> lfilter_zi(const ndarray<B>& b, const ndarray<A>& a) {
  using R = detail::filter_t<B, A>;
  return ndarray<R>(detail::lfilter_zi(b.desc(), a.desc(), dtype_of<R>));
}

/// scipy.signal.lfiltic: the initial state of lfilter from past outputs `y` (y[-1], y[-2], ...)
/// and past inputs `x` (none: zero), on the host.
template <class B, class A, class Y>
ndarray<detail::filter_t<B, A, Y>> lfiltic(const ndarray<B>& b, const ndarray<A>& a,
                                           const ndarray<Y>& y) {
  using R = detail::filter_t<B, A, Y>;
  return ndarray<R>(detail::lfiltic(b.desc(), a.desc(), y.desc(), nullptr, dtype_of<R>));
}
template <class B, class A, class Y, class X>
ndarray<detail::filter_t<B, A, Y, X>> lfiltic(const ndarray<B>& b, const ndarray<A>& a,
                                              const ndarray<Y>& y, const ndarray<X>& x) {
  using R = detail::filter_t<B, A, Y, X>;
  return ndarray<R>(detail::lfiltic(b.desc(), a.desc(), y.desc(), &x.desc(), dtype_of<R>));
}

/// scipy.signal.filtfilt (method "pad"): the filter forward and backward, the signal first
/// extended by `padlen` (default 3 * max(len(a), len(b))) samples of `padtype` ("odd",
/// "even", "constant", or std::nullopt for none), each pass starting from lfilter_zi scaled by
/// the first sample. Throws value_error "The length of the input vector x must be greater than
/// padlen, which is 6.", "Unknown value 'x' given to padtype. padtype must be 'even', 'odd',
/// 'constant', or None.", "method must be 'pad' or 'gust'."; not_implemented_error for
/// Gustafsson's method.
template <class B, class A, class T>
ndarray<detail::filter_t<B, A, T>> filtfilt(
    const ndarray<B>& b, const ndarray<A>& a, const ndarray<T>& x, int axis = -1,
    const std::optional<std::string>& padtype = std::string("odd"),
    std::optional<std::int64_t> padlen = std::nullopt, const std::string& method = "pad") {
  using R = detail::filter_t<B, A, T>;
  return ndarray<R>(
      detail::filtfilt(b.desc(), a.desc(), x.desc(), axis, padtype, padlen, method, dtype_of<R>));
}

/// scipy.signal.sosfilt: the cascade of second-order sections `sos` (n_sections x 6, each row
/// b0 b1 b2 1 a1 a2) along `axis` of `x`, in parallel as lfilter. Throws value_error "sos
/// array must be shape (n_sections, 6)", "sos[:, 3] should be all ones", "x must be at least
/// 1-D".
template <class S, class T>
ndarray<detail::filter_t<S, T>> sosfilt(const ndarray<S>& sos, const ndarray<T>& x, int axis = -1) {
  using R = detail::filter_t<S, T>;
  return ndarray<R>(detail::sosfilt(sos.desc(), x.desc(), axis, nullptr, nullptr, dtype_of<R>));
}

/// scipy.signal.sosfilt with initial conditions `zi` of shape (n_sections, ..., 2, ...) (x's
/// shape with `axis` of length 2): returns (y, zf). Throws value_error "Invalid zi shape. ..."
/// in SciPy's words.
template <class S, class T, class Z>
std::pair<ndarray<detail::filter_t<S, T, Z>>, ndarray<detail::filter_t<S, T, Z>>> sosfilt(
    const ndarray<S>& sos, const ndarray<T>& x, int axis, const ndarray<Z>& zi) {
  using R = detail::filter_t<S, T, Z>;
  detail::array_desc zf;
  ndarray<R> y(detail::sosfilt(sos.desc(), x.desc(), axis, &zi.desc(), &zf, dtype_of<R>));
  return {std::move(y), ndarray<R>(std::move(zf))};
}

/// scipy.signal.sosfilt_zi: the initial state of sosfilt for the steady state of the step
/// response, (n_sections, 2), on the host. Throws value_error "sos must be shape (n_sections,
/// 6)".
template <class S>
ndarray<detail::filter_t<S>> sosfilt_zi(const ndarray<S>& sos) {
  using R = detail::filter_t<S>;
  return ndarray<R>(detail::sosfilt_zi(sos.desc(), dtype_of<R>));
}

/// scipy.signal.sosfiltfilt: sosfilt forward and backward with filtfilt's padding (default
/// padlen 3 * (2 * n_sections + 1), less the sections whose b2 and a2 are both zero).
template <class S, class T>
ndarray<detail::filter_t<S, T>> sosfiltfilt(
    const ndarray<S>& sos, const ndarray<T>& x, int axis = -1,
    const std::optional<std::string>& padtype = std::string("odd"),
    std::optional<std::int64_t> padlen = std::nullopt) {
  using R = detail::filter_t<S, T>;
  return ndarray<R>(detail::sosfiltfilt(sos.desc(), x.desc(), axis, padtype, padlen, dtype_of<R>));
}

/// scipy.signal.medfilt: the median over `kernel_size` (one odd length, or one per axis;
/// `{}`: 3 along every axis), the input zero-padded (ndimage.rank_filter with mode
/// "constant", as SciPy). Integers, float32 and float64; value_error "dtype=float16 is not
/// supported by medfilt", "Each element of kernel_size should be odd.".
template <class T>
ndarray<T> medfilt(const ndarray<T>& volume, const ndimage::per_axis<int>& kernel_size = {}) {
  return ndarray<T>(detail::medfilt(volume.desc(), kernel_size, false));
}

/// scipy.signal.medfilt2d: medfilt of a 2-D array (`{}`: 3 x 3).
template <class T>
ndarray<T> medfilt2d(const ndarray<T>& input, const ndimage::per_axis<int>& kernel_size = {}) {
  return ndarray<T>(detail::medfilt(input.desc(), kernel_size, true));
}

/// scipy.signal.wiener: the Wiener filter over windows of `mysize` (`{}`: 3 along every
/// axis); `noise` std::nullopt estimates the noise power as the mean local variance. The
/// result is float64, as SciPy. Complex input is not implemented (not_implemented_error).
template <class T>
ndarray<double> wiener(const ndarray<T>& im, const ndimage::per_axis<int>& mysize = {},
                       std::optional<double> noise = std::nullopt) {
  return ndarray<double>(detail::wiener(im.desc(), mysize, noise));
}

/// scipy.signal.savgol_coeffs: the Savitzky-Golay filter coefficients (computed on the host),
/// as float64. `pos` std::nullopt: the window's centre. Throws value_error "polyorder must be
/// less than window_length.", "pos must be nonnegative and less than window_length.", "`use`
/// must be 'conv' or 'dot'".
ndarray<double> savgol_coeffs(int window_length, int polyorder, int deriv = 0, double delta = 1.0,
                              std::optional<double> pos = std::nullopt,
                              const std::string& use = "conv");

/// scipy.signal.savgol_filter: the Savitzky-Golay filter along `axis`. `mode`: "interp"
/// (default: the edges are the polynomial fitted to the first and last windows), "mirror",
/// "constant" (with `cval`), "nearest", "wrap". float32 stays float32; other dtypes compute in
/// float64 (complex input gives its real part's filter, as SciPy's conversion to float64).
template <class T>
ndarray<std::conditional_t<std::is_same_v<T, float>, float, double>> savgol_filter(
    const ndarray<T>& x, int window_length, int polyorder, int deriv = 0, double delta = 1.0,
    int axis = -1, const std::string& mode = "interp", double cval = 0.0) {
  using R = std::conditional_t<std::is_same_v<T, float>, float, double>;
  return ndarray<R>(detail::savgol_filter(x.desc(), window_length, polyorder, deriv, delta, axis,
                                          mode, cval, dtype_of<R>));
}

/// scipy.signal.hilbert: the analytic signal along `axis` through cuFFT (`n` points; default
/// the input's length). complex64 for float16 and float32, complex128 otherwise. Throws
/// value_error "x must be real.", "N must be positive.".
template <class T>
ndarray<type_of_t<detail::analytic_dtype(dtype_of<T>)>> hilbert(
    const ndarray<T>& x, std::optional<std::int64_t> n = std::nullopt, int axis = -1) {
  using R = type_of_t<detail::analytic_dtype(dtype_of<T>)>;
  return ndarray<R>(detail::hilbert(x.desc(), n, axis, dtype_of<R>));
}

/// scipy.signal.hilbert2: the 2-D analytic signal over `axes` (`n`: {} the input's lengths,
/// one value for both axes, or two).
template <class T>
ndarray<type_of_t<detail::analytic_dtype(dtype_of<T>)>> hilbert2(
    const ndarray<T>& x, const std::vector<std::int64_t>& n = {},
    const std::vector<std::int64_t>& axes = {-2, -1}) {
  using R = type_of_t<detail::analytic_dtype(dtype_of<T>)>;
  return ndarray<R>(detail::hilbert2(x.desc(), n, axes, dtype_of<R>));
}

/// scipy.signal.detrend: removes the least-squares line (`type` "linear" or "l", each piece
/// between the breakpoints `bp` apart) or the mean ("constant", "c") along `axis`. float32,
/// float64 and complex keep their dtype; everything else is float64. Throws value_error "Trend
/// type must be 'linear' or 'constant'.", "Breakpoints must be less than length of data along
/// given axis.".
template <class T>
ndarray<type_of_t<detail::float_or_double(dtype_of<T>)>> detrend(
    const ndarray<T>& data, int axis = -1, const std::string& type = "linear",
    const std::vector<std::int64_t>& bp = {}) {
  using R = type_of_t<detail::float_or_double(dtype_of<T>)>;
  return ndarray<R>(detail::detrend(data.desc(), axis, type, bp, dtype_of<R>));
}

/// scipy.signal.upfirdn: upsample `x` by `up` (zeros inserted), filter with the FIR `h`, keep
/// every `down`-th sample, along `axis`; polyphase, never multiplying the inserted zeros. The
/// signal is extended by SciPy's `mode`: "constant" (cval), "symmetric", "reflect", "edge",
/// "wrap", "smooth", "line", "antisymmetric", "antireflect" (the last two within one signal
/// length of its ends). The dtype is promote_types(H, T, float32), as SciPy. Throws value_error
/// "h must be 1-D with non-zero length", "Both up and down must be >= 1".
template <class H, class T>
ndarray<promote_t<promote_t<H, T>, float>> upfirdn(const ndarray<H>& h, const ndarray<T>& x,
                                                   std::int64_t up = 1, std::int64_t down = 1,
                                                   int axis = -1,
                                                   const std::string& mode = "constant",
                                                   double cval = 0.0) {
  using R = promote_t<promote_t<H, T>, float>;
  return ndarray<R>(detail::upfirdn(h.desc(), x.desc(), up, down, axis, mode, cval, dtype_of<R>));
}

/// scipy.signal.resample: `num` samples along `axis` (default 0) by the Fourier method (rfft
/// for real input, fft for complex), with SciPy's handling of the unpaired Nyquist bin.
/// `window` (std::nullopt: none) is an array of the input's length along `axis` in the FFT's
/// order; named windows are not taken (the overload below takes `t`). domain "freq" reads
/// `x` as a spectrum and takes complex input. float32 stays float32 (complex64 complex64), integers
/// give float64. Throws value_error "Parameter domain='x' not in ('time', 'freq')!".
template <class T>
ndarray<std::conditional_t<detail::is_complex_v<T>, type_of_t<detail::analytic_dtype(dtype_of<T>)>,
                           detail::filter_t<T>>>
resample(const ndarray<T>& x, std::int64_t num, int axis = 0,
         const std::optional<cupp::array>& window = std::nullopt,
         const std::string& domain = "time") {
  using R = std::conditional_t<detail::is_complex_v<T>,
                               type_of_t<detail::analytic_dtype(dtype_of<T>)>, detail::filter_t<T>>;
  return ndarray<R>(detail::resample(x.desc(), num, axis, window ? &window->desc() : nullptr,
                                     domain, dtype_of<R>));
}

/// scipy.signal.decimate: low-pass filter and keep every `q`-th sample along `axis`. ftype
/// "iir" (default): SciPy's Chebyshev type I filter of order `n` (default 8, ripple 0.05 dB,
/// cutoff 0.8 / q) as second-order sections, run by sosfiltfilt (`zero_phase`) or sosfilt;
/// "fir": firwin(n + 1, 1 / q, window "hamming") (n default 20 q), run by resample_poly
/// (`zero_phase`) or upfirdn. float32 and complex keep their dtype; integers and float16 give
/// float64. Throws value_error "invalid ftype", "q must be >= 1".
template <class T>
ndarray<std::conditional_t<std::is_same_v<T, float16> || std::is_same_v<T, bfloat16>, double,
                           detail::filter_t<T>>>
decimate(const ndarray<T>& x, int q, std::optional<int> n = std::nullopt,
         const std::string& ftype = "iir", int axis = -1, bool zero_phase = true) {
  using R = std::conditional_t<std::is_same_v<T, float16> || std::is_same_v<T, bfloat16>, double,
                               detail::filter_t<T>>;
  return ndarray<R>(detail::decimate(x.desc(), q, n, ftype, axis, zero_phase, dtype_of<R>));
}

/// scipy.signal.resample with the sample positions `t` (equally spaced; only t[0] and t[1] are
/// read): returns (the resampled signal, the new positions).
template <class T, class U>
std::pair<decltype(resample(std::declval<const ndarray<T>&>(), 0)), ndarray<double>> resample(
    const ndarray<T>& x, std::int64_t num, const ndarray<U>& t, int axis = 0,
    const std::optional<cupp::array>& window = std::nullopt, const std::string& domain = "time") {
  auto y = resample(x, num, axis, window, domain);
  const std::int64_t n = x.shape(axis);
  return {std::move(y), ndarray<double>(detail::resample_times(t.desc(), n, num))};
}

/// scipy.signal.resample_poly: resample by up / down along `axis` (default 0) with a polyphase
/// FIR filter: `window` empty designs SciPy's default (firwin of 20 * max(up, down) + 1 taps,
/// Kaiser beta 5), or gives the filter's taps. `padtype` "constant" (with `cval`, default 0),
/// "mean", "median", "minimum", "maximum" (the background removed and restored) or another of
/// upfirdn's modes. Floating inputs keep their precision (float16 computes in float32),
/// integers give float64. Throws value_error "up and down must be >= 1", "padtype must be one
/// of: ...".
template <class T>
ndarray<detail::filter_t<T>> resample_poly(const ndarray<T>& x, std::int64_t up, std::int64_t down,
                                           int axis = 0, const std::vector<double>& window = {},
                                           const std::string& padtype = "constant",
                                           std::optional<double> cval = std::nullopt) {
  using R = detail::filter_t<T>;
  return ndarray<R>(
      detail::resample_poly(x.desc(), up, down, axis, window, padtype, cval, dtype_of<R>));
}

/// resample_poly with the filter designed from a window given by name, as SciPy's
/// `window="hann"` or `window=("kaiser", 8.0)` (a number is a Kaiser beta): firwin(20 * max_rate
/// + 1, 1 / max_rate, window), max_rate = max(up, down) / gcd(up, down).
template <class T>
ndarray<detail::filter_t<T>> resample_poly(const ndarray<T>& x, std::int64_t up, std::int64_t down,
                                           int axis, const window_spec& window,
                                           const std::string& padtype = "constant",
                                           std::optional<double> cval = std::nullopt) {
  using R = detail::filter_t<T>;
  return ndarray<R>(
      detail::resample_poly(x.desc(), up, down, axis, window, padtype, cval, dtype_of<R>));
}

}  // namespace cupp::scipy::signal
