// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::signal, filtering and convolution, as scipy.signal: convolve correlate
// fftconvolve oaconvolve convolve2d correlate2d choose_conv_method correlation_lags. The
// templates pick dtypes; the work is done once in src/scipy/signal/.
#pragma once

#include <complex>
#include <cstdint>
#include <string>
#include <type_traits>

#include "cupp/core/ndarray.hpp"
#include "cupp/core/promotion.hpp"

namespace cupp::scipy::signal {

namespace detail {

using cupp::detail::array_desc;

/// The precision scipy.fft computes a real or complex T in: float for float16, bfloat16, float
/// and complex<float>; double otherwise (integers and bool included).
template <class T>
using fft_real_t = std::conditional_t<std::is_same_v<T, float16> || std::is_same_v<T, bfloat16> ||
                                          std::is_same_v<T, float> ||
                                          std::is_same_v<T, std::complex<float>>,
                                      float, double>;
template <class T>
inline constexpr bool is_complex_v =
    dtype_of<T> == dtype::complex64 || dtype_of<T> == dtype::complex128;

/// The element type of fftconvolve(T, U): SciPy's, the product of two scipy.fft transforms.
template <class T, class U>
using fftconvolve_t =
    std::conditional_t<is_complex_v<T> || is_complex_v<U>,
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

/// The generated source and name of the direct-convolution kernel summing in `acc` into `out`.
std::string conv_kernel_source(dtype acc, dtype out);
std::string conv_kernel_name(dtype acc, dtype out);

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
  return ndarray<promote_t<T, U>>(
      detail::convolve(in1.desc(), in2.desc(), mode, method, false));
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
/// as fftconvolve. Note [oaconvolve]: cuFFT transforms the whole padded input in one call, which
/// on a GPU is as fast as blocks of it, so this is fftconvolve's computation.
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

}  // namespace cupp::scipy::signal
