// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::ndimage, as scipy.ndimage: correlate, convolve, the 1-D, uniform, Gaussian and derivative filters, the rank filters (minimum, maximum, median, rank, percentile) and the generic filters.
#pragma once

#include "cupp/scipy/ndimage/common.hpp"

namespace cupp::scipy::ndimage {}  // namespace cupp::scipy::ndimage

// Rank and generic filters

#include <optional>
#include <string>

#include "cupp/core/runtime_array.hpp"

namespace cupp::scipy::ndimage {

namespace detail {

using cupp::detail::array_desc;

/// SciPy's `size=None`: an empty sequence, the default of the `size` arguments below.
inline bool size_is_none(const per_axis<int>& size) {
  return size.sequence() && size.values().empty();
}

/// scipy.ndimage.minimum_filter1d / maximum_filter1d (`minimum` chooses) of `input` into a new
/// array of dtype `out`. type_error "Complex type not supported", axis_error for `axis`,
/// value_error "incorrect filter size", "invalid origin", "boundary mode not supported".
array_desc min_or_max_filter1d(const array_desc& input, dtype out, int size, int axis,
                               const std::string& mode, double cval, int origin, bool minimum);
/// SciPy's _min_or_max_filter (minimum_filter, maximum_filter, grey_erosion, grey_dilation):
/// `footprint` and `structure` may be null (SciPy's None). A rectangle over the last two axes is
/// one 2-D launch, another rectangle one separable pass per axis (each axis with its own mode),
/// any other footprint one gather.
array_desc min_or_max_filter(const array_desc& input, dtype out, const per_axis<int>& size,
                             const array_desc* footprint, const array_desc* structure,
                             const per_axis<std::string>& mode, double cval,
                             const per_axis<int>& origin, const axis_arg& axes, bool minimum);

/// Which of SciPy's rank filters: the rank given, the median, or a percentile.
enum class rank_kind { rank, median, percentile };
/// SciPy's _rank_filter: `rank` is the rank (rank_kind::rank) or the percentile.
array_desc rank_filter(const array_desc& input, dtype out, double rank, rank_kind kind,
                       const per_axis<int>& size, const array_desc* footprint,
                       const per_axis<std::string>& mode, double cval, const per_axis<int>& origin,
                       const axis_arg& axes);
/// scipy.ndimage.generic_filter with the body of a device function (see generic_filter).
array_desc generic_filter(const array_desc& input, dtype out, const std::string& function,
                          const per_axis<int>& size, const array_desc* footprint,
                          const std::string& mode, double cval, const per_axis<int>& origin,
                          const axis_arg& axes);
/// scipy.ndimage.generic_filter1d with the body of a device function (see generic_filter1d).
array_desc generic_filter1d(const array_desc& input, dtype out, const std::string& function,
                            int filter_size, int axis, const std::string& mode, double cval,
                            int origin);

/// The generated source of one rank-filter kernel, for tests that compile it: `kernel` 1 the
/// N-D gather (op 0 minimum, 1 maximum, 2 rank, 3 generic with `function`), 2 the separable
/// min/max pass, 3 the 2-D rectangle of kh x kw at `rank`, 4 the generic 1-D filter, 5 the 2-D
/// rectangular min/max.
struct rank_kernel_spec {
  int kernel = 1;
  int op = 0;
  bool structure = false;
  int local = 0;
  int kh = 0, kw = 0, rank = 0;
  std::string function;
};
std::string rank_kernel_source(dtype compute, dtype out, const rank_kernel_spec& spec);
/// The name of that kernel (cupp_ndi_<routine>_...).
std::string rank_kernel_name(dtype compute, dtype out, const rank_kernel_spec& spec);

inline const array_desc* optional_desc(const std::optional<cupp::array>& a) {
  return a ? &a->desc() : nullptr;
}

}  // namespace detail

/// scipy.ndimage.minimum_filter1d (cupyx.scipy.ndimage.minimum_filter1d): the minimum of `size`
/// neighbours along `axis`, the boundary extended by `mode` ("reflect", "constant", "nearest",
/// "mirror", "wrap" and the grid- spellings; `cval` for constant), the window shifted by
/// `origin`. Out is SciPy's output dtype. Throws type_error "Complex type not supported",
/// axis_error, value_error "incorrect filter size" (size < 1), "invalid origin".
template <class Out = void, class T>
ndarray<out_t<Out, T>> minimum_filter1d(const ndarray<T>& input, int size, int axis = -1,
                                        const std::string& mode = "reflect", double cval = 0.0,
                                        int origin = 0) {
  return ndarray<out_t<Out, T>>(detail::min_or_max_filter1d(input.desc(), dtype_of<out_t<Out, T>>,
                                                            size, axis, mode, cval, origin, true));
}

/// scipy.ndimage.maximum_filter1d: as minimum_filter1d, the maximum.
template <class Out = void, class T>
ndarray<out_t<Out, T>> maximum_filter1d(const ndarray<T>& input, int size, int axis = -1,
                                        const std::string& mode = "reflect", double cval = 0.0,
                                        int origin = 0) {
  return ndarray<out_t<Out, T>>(detail::min_or_max_filter1d(input.desc(), dtype_of<out_t<Out, T>>,
                                                            size, axis, mode, cval, origin, false));
}

/// scipy.ndimage.minimum_filter: the minimum over `size` (one length or one per axis of `axes`;
/// `{}` is SciPy's None) or over the true elements of `footprint` (any dtype, nonzero is true;
/// when given, `size` is ignored). `mode` may be one per axis where the footprint is a
/// rectangle. Throws value_error "no footprint provided", "All-zero footprint is not
/// supported.", "footprint.ndim (1) must match len(axes) (2)", "invalid origin", "A sequence of
/// modes is not supported for non-separable footprints", type_error "Complex type not
/// supported".
template <class Out = void, class T>
ndarray<out_t<Out, T>> minimum_filter(const ndarray<T>& input, const per_axis<int>& size = {},
                                      const std::optional<cupp::array>& footprint = std::nullopt,
                                      const per_axis<std::string>& mode = "reflect",
                                      double cval = 0.0, const per_axis<int>& origin = 0,
                                      const axis_arg& axes = {}) {
  return ndarray<out_t<Out, T>>(detail::min_or_max_filter(input.desc(), dtype_of<out_t<Out, T>>,
                                                          size, detail::optional_desc(footprint),
                                                          nullptr, mode, cval, origin, axes, true));
}

/// scipy.ndimage.maximum_filter: as minimum_filter, the maximum.
template <class Out = void, class T>
ndarray<out_t<Out, T>> maximum_filter(const ndarray<T>& input, const per_axis<int>& size = {},
                                      const std::optional<cupp::array>& footprint = std::nullopt,
                                      const per_axis<std::string>& mode = "reflect",
                                      double cval = 0.0, const per_axis<int>& origin = 0,
                                      const axis_arg& axes = {}) {
  return ndarray<out_t<Out, T>>(detail::min_or_max_filter(
      input.desc(), dtype_of<out_t<Out, T>>, size, detail::optional_desc(footprint), nullptr, mode,
      cval, origin, axes, false));
}

/// scipy.ndimage.rank_filter: the element of rank `rank` (0 the least; negative counts from the
/// greatest) among the footprint's values, `size` and `footprint` as minimum_filter. One mode for
/// every axis (value_error "A sequence of modes is not supported by non-separable rank filters"
/// for a sequence, unless the rank is the least or the greatest); value_error "no footprint or
/// filter size provided", "rank not within filter footprint size".
template <class Out = void, class T>
ndarray<out_t<Out, T>> rank_filter(const ndarray<T>& input, int rank,
                                   const per_axis<int>& size = {},
                                   const std::optional<cupp::array>& footprint = std::nullopt,
                                   const per_axis<std::string>& mode = "reflect", double cval = 0.0,
                                   const per_axis<int>& origin = 0, const axis_arg& axes = {}) {
  return ndarray<out_t<Out, T>>(
      detail::rank_filter(input.desc(), dtype_of<out_t<Out, T>>, rank, detail::rank_kind::rank,
                          size, detail::optional_desc(footprint), mode, cval, origin, axes));
}

/// scipy.ndimage.median_filter: rank_filter at rank filter_size / 2 (the upper median of an
/// even count, as SciPy).
template <class Out = void, class T>
ndarray<out_t<Out, T>> median_filter(const ndarray<T>& input, const per_axis<int>& size = {},
                                     const std::optional<cupp::array>& footprint = std::nullopt,
                                     const per_axis<std::string>& mode = "reflect",
                                     double cval = 0.0, const per_axis<int>& origin = 0,
                                     const axis_arg& axes = {}) {
  return ndarray<out_t<Out, T>>(
      detail::rank_filter(input.desc(), dtype_of<out_t<Out, T>>, 0.0, detail::rank_kind::median,
                          size, detail::optional_desc(footprint), mode, cval, origin, axes));
}

/// scipy.ndimage.percentile_filter: rank_filter at int(filter_size * percentile / 100)
/// (filter_size - 1 for 100; a negative percentile counts from 100); value_error "invalid
/// percentile" outside [-100, 100].
template <class Out = void, class T>
ndarray<out_t<Out, T>> percentile_filter(const ndarray<T>& input, double percentile,
                                         const per_axis<int>& size = {},
                                         const std::optional<cupp::array>& footprint = std::nullopt,
                                         const per_axis<std::string>& mode = "reflect",
                                         double cval = 0.0, const per_axis<int>& origin = 0,
                                         const axis_arg& axes = {}) {
  return ndarray<out_t<Out, T>>(detail::rank_filter(
      input.desc(), dtype_of<out_t<Out, T>>, percentile, detail::rank_kind::percentile, size,
      detail::optional_desc(footprint), mode, cval, origin, axes));
}

/// scipy.ndimage.generic_filter as cupyx.scipy.ndimage.generic_filter takes a RawKernel:
/// `function` is the BODY of the device function
///   `void f(double* buffer, int filter_size, double* return_value)`
/// called once per output element with the footprint's values (in double, in the footprint's C
/// order, the boundary applied) and writing the result to `*return_value`, which is cast to the
/// output dtype (the buffer is the thread's own: the function may reorder it). The signature is
/// that of CuPy's RawKernel form, whose body is what `function` holds. For example the range of a
/// 3 x 3 window:
///   `generic_filter(a, "double lo = buffer[0], hi = buffer[0]; for (int i = 1; i < filter_size;"
///    " ++i) { lo = fmin(lo, buffer[i]); hi = fmax(hi, buffer[i]); } *return_value = hi - lo;", 3)`
/// The body is compiled once by NVRTC (compile_error with the compiler's log for bad code).
/// SciPy's extra_arguments and extra_keywords have no equivalent (CuPy has none either): write
/// constants into the body.
template <class Out = void, class T>
ndarray<out_t<Out, T>> generic_filter(const ndarray<T>& input, const std::string& function,
                                      const per_axis<int>& size = {},
                                      const std::optional<cupp::array>& footprint = std::nullopt,
                                      const std::string& mode = "reflect", double cval = 0.0,
                                      const per_axis<int>& origin = 0, const axis_arg& axes = {}) {
  return ndarray<out_t<Out, T>>(
      detail::generic_filter(input.desc(), dtype_of<out_t<Out, T>>, function, size,
                             detail::optional_desc(footprint), mode, cval, origin, axes));
}

/// scipy.ndimage.generic_filter1d as cupyx.scipy.ndimage.generic_filter1d takes a RawKernel:
/// `function` is the BODY of the device function
///   `void f(double* input_line, long long input_length, double* output_line,
///           long long output_length)`
/// called once per line along `axis`: input_line is the line extended by filter_size - 1
/// elements (by `mode`, shifted by `origin`), output_line its output_length results, cast to the
/// output dtype. value_error "invalid filter size" (filter_size < 1), "invalid origin".
template <class Out = void, class T>
ndarray<out_t<Out, T>> generic_filter1d(const ndarray<T>& input, const std::string& function,
                                        int filter_size, int axis = -1,
                                        const std::string& mode = "reflect", double cval = 0.0,
                                        int origin = 0) {
  return ndarray<out_t<Out, T>>(detail::generic_filter1d(
      input.desc(), dtype_of<out_t<Out, T>>, function, filter_size, axis, mode, cval, origin));
}

}  // namespace cupp::scipy::ndimage
