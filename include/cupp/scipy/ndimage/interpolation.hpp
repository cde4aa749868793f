// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::ndimage, as scipy.ndimage: map_coordinates, affine_transform, shift, zoom, rotate
// and the spline prefilters. Spline orders 0 to 5, SciPy's modes (Note [Interpolation
// coordinates] in kernels/cupp/ndimage_interp.cuh), its rounding of integer outputs.
#pragma once

#include <complex>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <type_traits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/scipy/ndimage/common.hpp"

namespace cupp::scipy::ndimage {

/// affine_transform's `matrix`, in SciPy's forms: one value per axis (shape (ndim,), a diagonal
/// matrix), or rows: (ndim, ndim), (ndim, ndim + 1) whose last column is the offset, or the
/// homogeneous (ndim + 1, ndim + 1) whose last row must be [0, ..., 0, 1].
class affine_matrix {
 public:
  /// The diagonal of the matrix, one value per axis (SciPy's matrix=[2, 3]).
  affine_matrix(std::initializer_list<double> diagonal)  // NOLINT: implicit, as SciPy's [2, 3]
      : values_(diagonal), rows_(0) {}
  /// The diagonal of the matrix, from a vector.
  affine_matrix(std::vector<double> diagonal)  // NOLINT: implicit
      : values_(std::move(diagonal)), rows_(0) {}
  /// The matrix by rows: (ndim, ndim), (ndim, ndim + 1) or (ndim + 1, ndim + 1).
  affine_matrix(std::initializer_list<std::initializer_list<double>> rows);  // NOLINT: implicit
  /// The matrix by rows, from vectors.
  affine_matrix(const std::vector<std::vector<double>>& rows);              // NOLINT: implicit

  /// 1 for the diagonal form, else 2.
  int ndim() const noexcept { return rows_ == 0 ? 1 : 2; }
  /// (n,) or (rows, cols).
  std::vector<std::int64_t> shape() const;
  /// Row-major values.
  const std::vector<double>& values() const noexcept { return values_; }

 private:
  void set_rows(const std::vector<std::vector<double>>& rows);
  std::vector<double> values_;
  std::int64_t rows_ = 0, cols_ = 0;
};

namespace detail {

using cupp::detail::array_desc;

/// The most axes an interpolation takes (the kernels' CUPP_NDI_INTERP_K).
inline constexpr int interp_max_dims = 16;

array_desc spline_filter1d(const array_desc& input, int order, std::int64_t axis,
                           const std::string& mode, dtype out);
array_desc spline_filter(const array_desc& input, int order, const std::string& mode, dtype out);
array_desc map_coordinates(const array_desc& input, const array_desc& coordinates, int order,
                           const std::string& mode, double cval, bool prefilter, dtype out);
array_desc affine_transform(const array_desc& input, const affine_matrix& matrix,
                            const per_axis<double>& offset,
                            const std::optional<shape_t>& output_shape, int order,
                            const std::string& mode, double cval, bool prefilter, dtype out);
array_desc shift(const array_desc& input, const per_axis<double>& shift, int order,
                 const std::string& mode, double cval, bool prefilter, dtype out);
array_desc zoom(const array_desc& input, const per_axis<double>& zoom, int order,
                const std::string& mode, double cval, bool prefilter, bool grid_mode, dtype out);
array_desc rotate(const array_desc& input, double angle, const std::vector<std::int64_t>& axes,
                  bool reshape, int order, const std::string& mode, double cval, bool prefilter,
                  dtype out);

/// The source of the prefilter's module for compute type `w` (float32 or float64) and input
/// dtype `src`, and of the interpolation's module for its variant (for the tests: both compile
/// with NVRTC).
std::string spline_kernel_source(dtype w, dtype src);
/// `mode` >= 0 fixes the boundary mode in the kernel (the large launches' variant), -1 reads it
/// from the geometry; `offset32`: 32-bit sample offsets.
std::string interp_kernel_source(dtype in, dtype out, dtype coord, int in_ndim, int out_ndim,
                                 int order, int kind, int mode = -1, bool offset32 = false);

/// scipy.special.cosdg and sindg: exact at multiples of 90 degrees.
std::pair<double, double> cos_sin_degrees(double angle);

/// The dtypes the interpolation kernels take (SciPy's: bool, integers, float32, float64; float16
/// refused with SciPy's words; complex inputs go through by_parts).
void check_interp_dtype(dtype dt);
/// SciPy's complex inputs: `run(part, part_out_dtype, imaginary)` on the real and the imaginary
/// parts (views of `input`), the results joined into one array of the complex dtype `out`
/// (value_error "output must have complex dtype" otherwise).
array_desc by_parts(const array_desc& input, dtype out,
                    const std::function<array_desc(const array_desc&, dtype, bool)>& run);
/// A C-contiguous copy of `a` converted to `dt` (unsafe casting, as SciPy's C casts).
array_desc converted(const array_desc& a, dtype dt);
/// The B-spline coefficients of `order` of `input` along `axes` for boundary `mode` (a boundary
/// code), in compute type `w`: a C-contiguous array of w.
array_desc spline_coefficients(const array_desc& input, int order, int mode,
                               const std::vector<int>& axes, dtype w);

}  // namespace detail

/// The result type of the spline filters: Out where named, else float64 (complex128 for a
/// complex input), SciPy's default output.
template <class Out, class T>
using spline_out_t = std::conditional_t<
    !std::is_void_v<Out>, Out,
    std::conditional_t<std::is_same_v<T, std::complex<float>> ||
                           std::is_same_v<T, std::complex<double>>,
                       std::complex<double>, double>>;

/// The B-spline coefficients of order `order` along one axis, as scipy.ndimage.spline_filter1d
/// (float64, complex128 for complex inputs, unless Out names the output dtype; orders 0 and 1
/// copy). value_error "spline order
/// not supported" outside 0..5.
template <class Out = void, class T>
ndarray<spline_out_t<Out, T>> spline_filter1d(const ndarray<T>& input, int order = 3,
                                              std::int64_t axis = -1,
                                              const std::string& mode = "mirror") {
  return ndarray<spline_out_t<Out, T>>(
      detail::spline_filter1d(input.desc(), order, axis, mode, dtype_of<spline_out_t<Out, T>>));
}

/// The B-spline coefficients along every axis, as scipy.ndimage.spline_filter (orders 2..5).
template <class Out = void, class T>
ndarray<spline_out_t<Out, T>> spline_filter(const ndarray<T>& input, int order = 3,
                                            const std::string& mode = "mirror") {
  return ndarray<spline_out_t<Out, T>>(
      detail::spline_filter(input.desc(), order, mode, dtype_of<spline_out_t<Out, T>>));
}

/// The input interpolated at `coordinates` (shape (input.ndim, ...), any real dtype), as
/// scipy.ndimage.map_coordinates: the result has shape coordinates.shape[1:].
template <class Out = void, class T, class C>
ndarray<out_t<Out, T>> map_coordinates(const ndarray<T>& input, const ndarray<C>& coordinates,
                                       int order = 3, const std::string& mode = "constant",
                                       double cval = 0.0, bool prefilter = true) {
  return ndarray<out_t<Out, T>>(detail::map_coordinates(
      input.desc(), coordinates.desc(), order, mode, cval, prefilter, dtype_of<out_t<Out, T>>));
}

/// The input at matrix @ o + offset for each output index o, as scipy.ndimage.affine_transform.
template <class Out = void, class T>
ndarray<out_t<Out, T>> affine_transform(const ndarray<T>& input, const affine_matrix& matrix,
                                        const per_axis<double>& offset = 0.0,
                                        const std::optional<shape_t>& output_shape = std::nullopt,
                                        int order = 3, const std::string& mode = "constant",
                                        double cval = 0.0, bool prefilter = true) {
  return ndarray<out_t<Out, T>>(detail::affine_transform(input.desc(), matrix, offset,
                                                         output_shape, order, mode, cval,
                                                         prefilter, dtype_of<out_t<Out, T>>));
}

/// The input shifted by `shift` (per axis), as scipy.ndimage.shift.
template <class Out = void, class T>
ndarray<out_t<Out, T>> shift(const ndarray<T>& input, const per_axis<double>& shift,
                             int order = 3, const std::string& mode = "constant",
                             double cval = 0.0, bool prefilter = true) {
  return ndarray<out_t<Out, T>>(
      detail::shift(input.desc(), shift, order, mode, cval, prefilter, dtype_of<out_t<Out, T>>));
}

/// The input zoomed by `zoom` (per axis), as scipy.ndimage.zoom: the output's length of each
/// axis is round(length * zoom). grid_mode: the pixels' edges, not their centres, are aligned.
template <class Out = void, class T>
ndarray<out_t<Out, T>> zoom(const ndarray<T>& input, const per_axis<double>& zoom, int order = 3,
                            const std::string& mode = "constant", double cval = 0.0,
                            bool prefilter = true, bool grid_mode = false) {
  return ndarray<out_t<Out, T>>(detail::zoom(input.desc(), zoom, order, mode, cval, prefilter,
                                             grid_mode, dtype_of<out_t<Out, T>>));
}

/// The input rotated by `angle` degrees in the plane of `axes`, as scipy.ndimage.rotate;
/// reshape: the output is large enough to hold the whole rotated input.
template <class Out = void, class T>
ndarray<out_t<Out, T>> rotate(const ndarray<T>& input, double angle,
                              const std::vector<std::int64_t>& axes = {1, 0}, bool reshape = true,
                              int order = 3, const std::string& mode = "constant",
                              double cval = 0.0, bool prefilter = true) {
  return ndarray<out_t<Out, T>>(detail::rotate(input.desc(), angle, axes, reshape, order, mode,
                                               cval, prefilter, dtype_of<out_t<Out, T>>));
}

}  // namespace cupp::scipy::ndimage
