// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::ndimage, as scipy.ndimage: fourier_gaussian, fourier_uniform, fourier_ellipsoid
// and fourier_shift, on the output of cupp::fft::fftn (n = -1) or rfftn (n = the length of the
// real transform's axis before the transform, `axis` that axis).
#pragma once

#include <complex>
#include <cstdint>
#include <string>
#include <type_traits>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/scipy/ndimage/common.hpp"

namespace cupp::scipy::ndimage {

/// The result type of fourier_gaussian, fourier_uniform and fourier_ellipsoid: Out where named
/// (float, double, std::complex<float> or std::complex<double>), else the input's type for
/// complex and float32 inputs and double for the others (SciPy's _get_output_fourier).
template <class Out, class T>
using fourier_out_t = std::conditional_t<
    !std::is_void_v<Out>, Out,
    std::conditional_t<std::is_same_v<T, float> || std::is_same_v<T, std::complex<float>> ||
                           std::is_same_v<T, std::complex<double>>,
                       T, double>>;

/// The result type of fourier_shift: Out where named (std::complex<float> or
/// std::complex<double>), else the input's type if complex, else std::complex<double>.
template <class Out, class T>
using fourier_shift_out_t = std::conditional_t<
    !std::is_void_v<Out>, Out,
    std::conditional_t<std::is_same_v<T, std::complex<float>> ||
                           std::is_same_v<T, std::complex<double>>,
                       T, std::complex<double>>>;

namespace detail {

using cupp::detail::array_desc;

/// Which of the Fourier filters.
enum class fourier_kind : int { gaussian = 0, uniform = 1, ellipsoid = 2, shift = 3 };

array_desc fourier_filter(const array_desc& input, fourier_kind kind,
                          const per_axis<double>& parameter, std::int64_t n, std::int64_t axis,
                          dtype out);

/// The kernel's module for input and output dtypes (for the tests: it compiles with NVRTC).
std::string fourier_kernel_source(dtype in, dtype out);

}  // namespace detail

/// Multiplies the Fourier transform `input` by that of a Gaussian of `sigma` (per axis), as
/// scipy.ndimage.fourier_gaussian. n: -1 for a complex transform, else the length of `axis`
/// before a real transform (rfftn's input).
template <class Out = void, class T>
ndarray<fourier_out_t<Out, T>> fourier_gaussian(const ndarray<T>& input,
                                                const per_axis<double>& sigma,
                                                std::int64_t n = -1, std::int64_t axis = -1) {
  return ndarray<fourier_out_t<Out, T>>(
      detail::fourier_filter(input.desc(), detail::fourier_kind::gaussian, sigma, n, axis,
                             dtype_of<fourier_out_t<Out, T>>));
}

/// Multiplies the Fourier transform `input` by that of a box of `size` (per axis), as
/// scipy.ndimage.fourier_uniform.
template <class Out = void, class T>
ndarray<fourier_out_t<Out, T>> fourier_uniform(const ndarray<T>& input,
                                               const per_axis<double>& size, std::int64_t n = -1,
                                               std::int64_t axis = -1) {
  return ndarray<fourier_out_t<Out, T>>(
      detail::fourier_filter(input.desc(), detail::fourier_kind::uniform, size, n, axis,
                             dtype_of<fourier_out_t<Out, T>>));
}

/// Multiplies the Fourier transform `input` by that of an ellipsoid of `size` (per axis), as
/// scipy.ndimage.fourier_ellipsoid (1-D, 2-D and 3-D inputs).
template <class Out = void, class T>
ndarray<fourier_out_t<Out, T>> fourier_ellipsoid(const ndarray<T>& input,
                                                 const per_axis<double>& size,
                                                 std::int64_t n = -1, std::int64_t axis = -1) {
  return ndarray<fourier_out_t<Out, T>>(
      detail::fourier_filter(input.desc(), detail::fourier_kind::ellipsoid, size, n, axis,
                             dtype_of<fourier_out_t<Out, T>>));
}

/// Multiplies the Fourier transform `input` by exp(-2 pi i k shift / n), a shift of `shift`
/// (per axis) of the signal, as scipy.ndimage.fourier_shift.
template <class Out = void, class T>
ndarray<fourier_shift_out_t<Out, T>> fourier_shift(const ndarray<T>& input,
                                                   const per_axis<double>& shift,
                                                   std::int64_t n = -1, std::int64_t axis = -1) {
  return ndarray<fourier_shift_out_t<Out, T>>(
      detail::fourier_filter(input.desc(), detail::fourier_kind::shift, shift, n, axis,
                             dtype_of<fourier_shift_out_t<Out, T>>));
}

}  // namespace cupp::scipy::ndimage
