// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// numpy.convolve and numpy.correlate: the discrete 1-D convolution and cross-correlation.
// Not part of <cupp/array.hpp>: include <cupp/routines/convolve.hpp>.
#pragma once

#include <string>

#include "cupp/core/ndarray.hpp"
#include "cupp/core/promotion.hpp"

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

}  // namespace detail

/// numpy.correlate: the cross-correlation sum_n a[n + k] conj(v[n]) of two 1-D arrays, in their
/// common dtype, for mode "valid" (the default), "same" or "full". Computed directly (no FFT), as
/// NumPy does: integer results wrap as NumPy's. Throws as detail::correlate_1d says.
template <class A, class V>
ndarray<promote_t<A, V>> correlate(const ndarray<A>& a, const ndarray<V>& v,
                                   const std::string& mode = "valid") {
  using R = promote_t<A, V>;
  return ndarray<R>(detail::correlate_1d(detail::as_dtype<R>(a).desc(),
                                         detail::as_dtype<R>(v).desc(), mode, false));
}

/// numpy.convolve: the discrete convolution sum_m a[m] v[k - m] of two 1-D arrays (0-d ones are
/// read as length 1), in their common dtype, for mode "full" (the default), "same" or "valid".
template <class A, class V>
ndarray<promote_t<A, V>> convolve(const ndarray<A>& a, const ndarray<V>& v,
                                  const std::string& mode = "full") {
  using R = promote_t<A, V>;
  return ndarray<R>(detail::correlate_1d(detail::as_dtype<R>(a).desc(),
                                         detail::as_dtype<R>(v).desc(), mode, true));
}

}  // namespace cupp
