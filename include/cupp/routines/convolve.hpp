// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// numpy.convolve and numpy.correlate: the discrete 1-D convolution and cross-correlation.
// Not part of <cupp/array.hpp>: include <cupp/routines/convolve.hpp>.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "cupp/array.hpp"
#include "cupp/fft.hpp"

namespace cupp {

namespace detail {

/// numpy.correlate (`convolve` false) or numpy.convolve of two 1-D arrays of one dtype into a
/// new array of that dtype. value_error "mode must be one of 'valid', 'same', or 'full' (got
/// 'x')"; for correlate, value_error "object of too small depth for desired array" (0-d), "object
/// too deep for desired array" (more than 1-D), "first array argument cannot be empty", "second
/// array argument cannot be empty"; for convolve "object too deep for desired array", "a cannot
/// be empty", "v cannot be empty".
array_desc correlate_1d(const array_desc& a, const array_desc& v, const std::string& mode,
                        bool convolve);

/// The generated source of the kernel for dtype `dt` (`cupp_convolve_<dtype>`), for tests.
std::string convolve_kernel_source(dtype dt);

/// The window of the full result that `mode` keeps (first element, length), after NumPy's
/// checks (those correlate_1d makes).
std::pair<std::int64_t, std::int64_t> convolve_window(const array_desc& a, const array_desc& v,
                                                      const std::string& mode, bool convolve);

/// Note [Convolution by FFT]: float32, float64 and complex inputs whose direct sums would cost
/// at least 2^22 multiply-adds with the shorter array at least 128 long go through cupp::fft, as
/// CuPy's convolve does for long inputs: the full result is irfft(rfft(a) rfft(k)) (fft and ifft
/// for complex) over a power of two at least n + m - 1 long, k being v for convolve and
/// conj(v[::-1]) for correlate. Its error is relative to the largest magnitudes (a few units of
/// the dtype's epsilon times log2 of the length), where the direct sums are exact per element
/// for integers and NumPy's order for floats.
inline bool convolve_by_fft(dtype dt, std::int64_t n, std::int64_t m) {
  const bool inexact = dt == dtype::float32 || dt == dtype::float64 || dt == dtype::complex64 ||
                       dt == dtype::complex128;
  return inexact && std::min(n, m) >= 128 &&
         static_cast<double>(n) * static_cast<double>(m) >=
             static_cast<double>(std::int64_t{1} << 22);
}

/// The FFT path of Note [Convolution by FFT] for 1-D arrays of R.
template <class R>
ndarray<R> fft_convolve(const ndarray<R>& a, const ndarray<R>& v, bool convolve, std::int64_t first,
                        std::int64_t length) {
  const std::int64_t n = a.size(), m = v.size();
  std::int64_t nfft = 1;
  while (nfft < n + m - 1) nfft *= 2;
  const ndarray<R> k = convolve ? v : ndarray<R>(cupp::conj(cupp::flip(v)));
  ndarray<R> full;
  if constexpr (is_complex(dtype_of<R>)) {
    full = fft::ifft(ndarray<R>(fft::fft(a, nfft) * fft::fft(k, nfft)), nfft);
  } else {
    using C = fft::detail::complex_t<R>;
    full = fft::irfft(ndarray<C>(fft::rfft(a, nfft) * fft::rfft(k, nfft)), nfft);
  }
  return full(cupp::slice(first, first + length)).copy();
}

template <class R>
ndarray<R> convolve_or_correlate(const ndarray<R>& a, const ndarray<R>& v, const std::string& mode,
                                 bool convolve) {
  const auto [first, length] = convolve_window(a.desc(), v.desc(), mode, convolve);
  if constexpr (is_complex(dtype_of<R>) || std::is_floating_point_v<R>) {
    if (a.ndim() == 1 && v.ndim() == 1 && convolve_by_fft(dtype_of<R>, a.size(), v.size()))
      return fft_convolve(a, v, convolve, first, length);
  }
  return ndarray<R>(correlate_1d(a.desc(), v.desc(), mode, convolve));
}

}  // namespace detail

/// numpy.correlate: the cross-correlation sum_n a[n + k] conj(v[n]) of two 1-D arrays, in their
/// common dtype, for mode "valid" (the default), "same" or "full". Computed directly in NumPy's
/// order (integer results wrap as NumPy's), or for long float and complex inputs by FFT (Note
/// [Convolution by FFT]). Throws as detail::correlate_1d says.
template <class A, class V>
ndarray<promote_t<A, V>> correlate(const ndarray<A>& a, const ndarray<V>& v,
                                   const std::string& mode = "valid") {
  using R = promote_t<A, V>;
  return detail::convolve_or_correlate<R>(detail::as_dtype<R>(a), detail::as_dtype<R>(v), mode,
                                          false);
}

/// numpy.convolve: the discrete convolution sum_m a[m] v[k - m] of two 1-D arrays (0-d ones are
/// read as length 1), in their common dtype, for mode "full" (the default), "same" or "valid".
template <class A, class V>
ndarray<promote_t<A, V>> convolve(const ndarray<A>& a, const ndarray<V>& v,
                                  const std::string& mode = "full") {
  using R = promote_t<A, V>;
  return detail::convolve_or_correlate<R>(detail::as_dtype<R>(a), detail::as_dtype<R>(v), mode,
                                          true);
}

}  // namespace cupp
