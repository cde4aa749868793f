// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::ndimage, as scipy.ndimage: correlate, convolve, the 1-D, uniform, Gaussian and
// derivative filters, the rank filters (minimum, maximum, median, rank, percentile) and the generic
// filters.
#pragma once

#include <complex>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/array.hpp"
#include "cupp/scipy/ndimage/common.hpp"

// ---- the linear filters -------------------------------------------------------------------------

namespace cupp::scipy::ndimage {

namespace detail {

using cupp::detail::array_desc;

/// The type-erased linear filters (src/scipy/ndimage/filters.cpp): each returns a new
/// C-contiguous array of dtype `out` and checks its arguments in SciPy's order with SciPy's words.
/// Note [Filter arithmetic] in kernels/cupp/ndimage_filters.cuh tells how they compute.
array_desc correlate1d(const array_desc& input, const std::vector<double>& weights, int axis,
                       const std::string& mode, double cval, int origin, bool convolution,
                       dtype out);
array_desc correlate(const array_desc& input, const array_desc& weights, const std::string& mode,
                     double cval, const per_axis<int>& origin, const axis_arg& axes,
                     bool convolution, dtype out);
array_desc uniform_filter1d(const array_desc& input, int size, int axis, const std::string& mode,
                            double cval, int origin, dtype out);
array_desc uniform_filter(const array_desc& input, const per_axis<int>& size,
                          const per_axis<std::string>& mode, double cval,
                          const per_axis<int>& origin, const axis_arg& axes, dtype out);
array_desc gaussian_filter1d(const array_desc& input, double sigma, int axis, int order,
                             const std::string& mode, double cval, double truncate,
                             std::optional<int> radius, dtype out);
array_desc gaussian_filter(const array_desc& input, const per_axis<double>& sigma,
                           const per_axis<int>& order, const per_axis<std::string>& mode,
                           double cval, double truncate, const std::optional<per_axis<int>>& radius,
                           const axis_arg& axes, dtype out);
/// prewitt (`sobel` false) and sobel.
array_desc edge_filter(const array_desc& input, int axis, const per_axis<std::string>& mode,
                       double cval, bool sobel, dtype out);
/// The input converted to `out` (SciPy's `output[...] = input[...]`).
array_desc cast_copy(const array_desc& input, dtype out);

/// SciPy's _gaussian_kernel1d(sigma, order, radius), reversed as gaussian_filter1d hands it to
/// correlate1d: 2 radius + 1 weights. value_error "order must be non-negative".
std::vector<double> gaussian_weights(double sigma, int order, int radius);

/// The generated source of the filters' kernels for an input and an output dtype
/// (`cupp_ndi_correlate1d_<in>_<out>`, `cupp_ndi_correlate_<in>_<out>` and
/// `cupp_ndi_correlate2d_<in>_<out>`), for tests.
std::string filters_kernel_source(dtype in, dtype out);

/// The axes the generic filters visit (SciPy's _check_axes).
std::vector<int> generic_axes(const axis_arg& axes, int ndim);

template <class T>
struct real_of {
  using type = T;
};
template <class T>
struct real_of<std::complex<T>> {
  using type = T;
};

/// The element type of a filter of T with weights of W: SciPy's promote_types(input, complex64)
/// for complex weights, else T; `Out` where the caller names one.
template <class Out, class T, class W>
using weighted_t =
    out_t<Out, std::conditional_t<is_complex(dtype_of<W>), promote_t<T, std::complex<float>>, T>>;

/// SciPy's _complex_via_real_components for complex weights wr + i wi (for a correlation already
/// conjugated): `f(x, part, cval)` filters the real array x with the weights' real (part 0) or
/// imaginary (1) parts into an array of C's real type, and the parts combine as complex products
/// do; the imaginary parts of a complex input take the imaginary part of cval, 0 here.
template <class C, class T, class F>
ndarray<C> via_complex_weights(const ndarray<T>& input, double cval, F&& f) {
  static_assert(is_complex(dtype_of<C>), "output must have complex dtype");
  using R = typename real_of<C>::type;
  const std::complex<R> i(0, 1);
  if constexpr (is_complex(dtype_of<T>)) {
    using RT = typename real_of<T>::type;
    const ndarray<RT> re(cupp::real(input)), im(cupp::imag(input));
    const ndarray<R> rr = f(re, 0, cval), ii = f(im, 1, 0.0);
    const ndarray<R> ri = f(re, 1, cval), ir = f(im, 0, 0.0);
    return ndarray<C>((rr - ii) + i * (ri + ir));
  } else {
    const ndarray<R> r = f(input, 0, cval), im = f(input, 1, cval);
    return ndarray<C>(r + i * im);
  }
}

}  // namespace detail

/// scipy.ndimage.correlate1d: the lines of `input` along `axis` correlated with `weights`.
/// value_error "no filter weights given" (empty weights), "Invalid origin; origin must satisfy
/// -(len(weights) // 2) <= origin <= (len(weights)-1) // 2", "boundary mode not supported";
/// axis_error for an axis out of range.
template <class Out = void, class T>
ndarray<out_t<Out, T>> correlate1d(const ndarray<T>& input, const std::vector<double>& weights,
                                   int axis = -1, const std::string& mode = "reflect",
                                   double cval = 0.0, int origin = 0) {
  return ndarray<out_t<Out, T>>(detail::correlate1d(input.desc(), weights, axis, mode, cval, origin,
                                                    false, dtype_of<out_t<Out, T>>));
}

/// scipy.ndimage.convolve1d: correlate1d with the weights reversed (and the origin mirrored).
template <class Out = void, class T>
ndarray<out_t<Out, T>> convolve1d(const ndarray<T>& input, const std::vector<double>& weights,
                                  int axis = -1, const std::string& mode = "reflect",
                                  double cval = 0.0, int origin = 0) {
  return ndarray<out_t<Out, T>>(detail::correlate1d(input.desc(), weights, axis, mode, cval, origin,
                                                    true, dtype_of<out_t<Out, T>>));
}

/// scipy.ndimage.correlate1d with complex weights: the weights conjugated, as SciPy (and
/// numpy.correlate) do; the result is complex (SciPy's promote_types(input, complex64)). The
/// weights are a deduced std::vector<std::complex<double>>, so that a braced list of numbers
/// still picks the real weights.
template <class Out = void, class T, class W,
          std::enable_if_t<std::is_same_v<W, std::complex<double>>, int> = 0>
ndarray<detail::weighted_t<Out, T, std::complex<double>>> correlate1d(
    const ndarray<T>& input, const std::vector<W>& weights, int axis = -1,
    const std::string& mode = "reflect", double cval = 0.0, int origin = 0) {
  using C = detail::weighted_t<Out, T, std::complex<double>>;
  using R = typename detail::real_of<C>::type;
  std::vector<double> wr, wi;
  for (const auto& w : weights) {
    wr.push_back(w.real());
    wi.push_back(-w.imag());
  }
  return detail::via_complex_weights<C>(input, cval, [&](const auto& x, int part, double c) {
    return correlate1d<R>(x, part == 0 ? wr : wi, axis, mode, c, origin);
  });
}

/// scipy.ndimage.convolve1d with complex weights (not conjugated).
template <class Out = void, class T, class W,
          std::enable_if_t<std::is_same_v<W, std::complex<double>>, int> = 0>
ndarray<detail::weighted_t<Out, T, std::complex<double>>> convolve1d(
    const ndarray<T>& input, const std::vector<W>& weights, int axis = -1,
    const std::string& mode = "reflect", double cval = 0.0, int origin = 0) {
  using C = detail::weighted_t<Out, T, std::complex<double>>;
  using R = typename detail::real_of<C>::type;
  std::vector<double> wr, wi;
  for (const auto& w : weights) {
    wr.push_back(w.real());
    wi.push_back(w.imag());
  }
  return detail::via_complex_weights<C>(input, cval, [&](const auto& x, int part, double c) {
    return convolve1d<R>(x, part == 0 ? wr : wi, axis, mode, c, origin);
  });
}

/// scipy.ndimage.correlate: the N-D correlation of `input` with `weights` (any real dtype, read
/// as double, or complex: then conjugated, and the result complex, as SciPy; one axis per input
/// axis, or per axis of `axes`). value_error "weights.ndim (2) must
/// match len(axes) (3)", "Invalid origin; origin must satisfy -(weights.shape[k] // 2) <=
/// origin[k] <= (weights.shape[k]-1) // 2".
template <class Out = void, class T, class W>
ndarray<detail::weighted_t<Out, T, W>> correlate(const ndarray<T>& input, const ndarray<W>& weights,
                                                 const std::string& mode = "reflect",
                                                 double cval = 0.0, const per_axis<int>& origin = 0,
                                                 const axis_arg& axes = {}) {
  using C = detail::weighted_t<Out, T, W>;
  if constexpr (is_complex(dtype_of<W>)) {
    using R = typename detail::real_of<C>::type;
    const ndarray<double> wr(cupp::real(weights)), wi(-cupp::imag(weights));
    return detail::via_complex_weights<C>(input, cval, [&](const auto& x, int part, double c) {
      return correlate<R>(x, part == 0 ? wr : wi, mode, c, origin, axes);
    });
  } else {
    return ndarray<C>(detail::correlate(input.desc(),
                                        cupp::detail::as_dtype<double>(weights).desc(), mode, cval,
                                        origin, axes, false, dtype_of<C>));
  }
}

/// scipy.ndimage.convolve: correlate with the weights reversed along every axis.
template <class Out = void, class T, class W>
ndarray<detail::weighted_t<Out, T, W>> convolve(const ndarray<T>& input, const ndarray<W>& weights,
                                                const std::string& mode = "reflect",
                                                double cval = 0.0, const per_axis<int>& origin = 0,
                                                const axis_arg& axes = {}) {
  using C = detail::weighted_t<Out, T, W>;
  if constexpr (is_complex(dtype_of<W>)) {
    using R = typename detail::real_of<C>::type;
    const ndarray<double> wr(cupp::real(weights)), wi(cupp::imag(weights));
    return detail::via_complex_weights<C>(input, cval, [&](const auto& x, int part, double c) {
      return convolve<R>(x, part == 0 ? wr : wi, mode, c, origin, axes);
    });
  } else {
    return ndarray<C>(detail::correlate(input.desc(),
                                        cupp::detail::as_dtype<double>(weights).desc(), mode, cval,
                                        origin, axes, true, dtype_of<C>));
  }
}

/// scipy.ndimage.uniform_filter1d: the mean over `size` elements along `axis`.
/// value_error "incorrect filter size" (size < 1), "invalid origin".
template <class Out = void, class T>
ndarray<out_t<Out, T>> uniform_filter1d(const ndarray<T>& input, int size, int axis = -1,
                                        const std::string& mode = "reflect", double cval = 0.0,
                                        int origin = 0) {
  return ndarray<out_t<Out, T>>(detail::uniform_filter1d(input.desc(), size, axis, mode, cval,
                                                         origin, dtype_of<out_t<Out, T>>));
}

/// scipy.ndimage.uniform_filter: uniform_filter1d along each axis (of `axes`) whose size is > 1.
template <class Out = void, class T>
ndarray<out_t<Out, T>> uniform_filter(const ndarray<T>& input, const per_axis<int>& size = 3,
                                      const per_axis<std::string>& mode = "reflect",
                                      double cval = 0.0, const per_axis<int>& origin = 0,
                                      const axis_arg& axes = {}) {
  return ndarray<out_t<Out, T>>(detail::uniform_filter(input.desc(), size, mode, cval, origin, axes,
                                                       dtype_of<out_t<Out, T>>));
}

/// scipy.ndimage.gaussian_filter1d: correlation with a Gaussian of standard deviation `sigma`
/// (order 0) or its order-th derivative, out to int(truncate * sigma + 0.5) or `radius`.
/// value_error "order must be non-negative", "Radius must be a nonnegative integer.",
/// "float division by zero" (sigma 0, Python's ZeroDivisionError).
template <class Out = void, class T>
ndarray<out_t<Out, T>> gaussian_filter1d(const ndarray<T>& input, double sigma, int axis = -1,
                                         int order = 0, const std::string& mode = "reflect",
                                         double cval = 0.0, double truncate = 4.0,
                                         std::optional<int> radius = std::nullopt) {
  return ndarray<out_t<Out, T>>(detail::gaussian_filter1d(
      input.desc(), sigma, axis, order, mode, cval, truncate, radius, dtype_of<out_t<Out, T>>));
}

/// scipy.ndimage.gaussian_filter: gaussian_filter1d along each axis (of `axes`) whose sigma
/// exceeds 1e-15, each pass stored in the output dtype as SciPy stores it.
template <class Out = void, class T>
ndarray<out_t<Out, T>> gaussian_filter(const ndarray<T>& input, const per_axis<double>& sigma,
                                       const per_axis<int>& order = 0,
                                       const per_axis<std::string>& mode = "reflect",
                                       double cval = 0.0, double truncate = 4.0,
                                       const std::optional<per_axis<int>>& radius = std::nullopt,
                                       const axis_arg& axes = {}) {
  return ndarray<out_t<Out, T>>(detail::gaussian_filter(
      input.desc(), sigma, order, mode, cval, truncate, radius, axes, dtype_of<out_t<Out, T>>));
}

/// scipy.ndimage.prewitt: [-1, 0, 1] along `axis`, then [1, 1, 1] along every other axis.
template <class Out = void, class T>
ndarray<out_t<Out, T>> prewitt(const ndarray<T>& input, int axis = -1,
                               const per_axis<std::string>& mode = "reflect", double cval = 0.0) {
  return ndarray<out_t<Out, T>>(
      detail::edge_filter(input.desc(), axis, mode, cval, false, dtype_of<out_t<Out, T>>));
}

/// scipy.ndimage.sobel: [-1, 0, 1] along `axis`, then [1, 2, 1] along every other axis.
template <class Out = void, class T>
ndarray<out_t<Out, T>> sobel(const ndarray<T>& input, int axis = -1,
                             const per_axis<std::string>& mode = "reflect", double cval = 0.0) {
  return ndarray<out_t<Out, T>>(
      detail::edge_filter(input.desc(), axis, mode, cval, true, dtype_of<out_t<Out, T>>));
}

/// scipy.ndimage.generic_laplace: the sum over the axes (of `axes`) of `derivative2(input, axis,
/// mode, cval)`, a callable that returns the second derivative along `axis` (SciPy's
/// derivative2(input, axis, output, mode, cval); SciPy's extra arguments are what the callable
/// captures). The first derivative becomes the result, the others are added to it in the result's
/// dtype, as SciPy does; a derivative of another element type is converted with astype.
template <class Out = void, class T, class F>
ndarray<out_t<Out, T>> generic_laplace(const ndarray<T>& input, F&& derivative2,
                                       const per_axis<std::string>& mode = "reflect",
                                       double cval = 0.0, const axis_arg& axes = {}) {
  using O = out_t<Out, T>;
  const std::vector<int> ax = detail::generic_axes(axes, static_cast<int>(input.ndim()));
  if (ax.empty()) return ndarray<O>(detail::cast_copy(input.desc(), dtype_of<O>));
  const std::vector<std::string> modes = mode.expand(ax.size());
  // The first sum makes a new array, so that a derivative that hands back its input (or a view
  // of it) is never written to.
  ndarray<O> out = cupp::detail::as_dtype<O>(derivative2(input, ax[0], modes[0], cval));
  for (std::size_t i = 1; i < ax.size(); ++i) {
    const ndarray<O> d = cupp::detail::as_dtype<O>(derivative2(input, ax[i], modes[i], cval));
    if (i == 1) {
      out = ndarray<O>(out + d);
    } else {
      out += d;
    }
  }
  return out;
}

/// scipy.ndimage.generic_gradient_magnitude: sqrt of the sum over the axes of the squares of
/// `derivative(input, axis, mode, cval)` (SciPy's derivative(input, axis, output, mode, cval)),
/// squared and summed in the result's dtype and the square root cast back to it, as SciPy does.
template <class Out = void, class T, class F>
ndarray<out_t<Out, T>> generic_gradient_magnitude(const ndarray<T>& input, F&& derivative,
                                                  const per_axis<std::string>& mode = "reflect",
                                                  double cval = 0.0, const axis_arg& axes = {}) {
  using O = out_t<Out, T>;
  const std::vector<int> ax = detail::generic_axes(axes, static_cast<int>(input.ndim()));
  if (ax.empty()) return ndarray<O>(detail::cast_copy(input.desc(), dtype_of<O>));
  const std::vector<std::string> modes = mode.expand(ax.size());
  const ndarray<O> d0 = cupp::detail::as_dtype<O>(derivative(input, ax[0], modes[0], cval));
  ndarray<O> out = ndarray<O>(d0 * d0);  // a new array: the derivative's is never written to
  for (std::size_t i = 1; i < ax.size(); ++i) {
    const ndarray<O> d = cupp::detail::as_dtype<O>(derivative(input, ax[i], modes[i], cval));
    out += ndarray<O>(d * d);  // squared in O first, as SciPy's np.multiply(tmp, tmp, tmp)
  }
  if constexpr (std::is_floating_point_v<O> || is_complex(dtype_of<O>)) {
    return ndarray<O>(cupp::sqrt(out));
  } else {
    return ndarray<O>(cupp::sqrt(out.template astype<double>())).template astype<O>();
  }
}

/// scipy.ndimage.laplace: generic_laplace with the second differences [1, -2, 1].
template <class Out = void, class T>
ndarray<out_t<Out, T>> laplace(const ndarray<T>& input,
                               const per_axis<std::string>& mode = "reflect", double cval = 0.0,
                               const axis_arg& axes = {}) {
  using O = out_t<Out, T>;
  return generic_laplace<O>(
      input,
      [](const ndarray<T>& in, int axis, const std::string& m, double c) {
        return correlate1d<O>(in, {1.0, -2.0, 1.0}, axis, m, c, 0);
      },
      mode, cval, axes);
}

namespace detail {
/// sigma of every axis of the input: the axes of `axes` take theirs, the others 0 (SciPy's
/// gaussian_laplace and gaussian_gradient_magnitude).
std::vector<double> sigma_per_input_axis(const per_axis<double>& sigma, const axis_arg& axes,
                                         int ndim);
}  // namespace detail

/// scipy.ndimage.gaussian_laplace: generic_laplace with Gaussian second derivatives; `truncate`
/// and `radius` are SciPy's keyword arguments passed on to gaussian_filter.
template <class Out = void, class T>
ndarray<out_t<Out, T>> gaussian_laplace(const ndarray<T>& input, const per_axis<double>& sigma,
                                        const per_axis<std::string>& mode = "reflect",
                                        double cval = 0.0, const axis_arg& axes = {},
                                        double truncate = 4.0,
                                        const std::optional<per_axis<int>>& radius = std::nullopt) {
  using O = out_t<Out, T>;
  const int nd = static_cast<int>(input.ndim());
  const std::vector<double> s = detail::sigma_per_input_axis(sigma, axes, nd);
  return generic_laplace<O>(
      input,
      [&](const ndarray<T>& in, int axis, const std::string& m, double c) {
        std::vector<int> order(static_cast<std::size_t>(nd), 0);
        order[static_cast<std::size_t>(axis)] = 2;
        return gaussian_filter<O>(in, s, order, m, c, truncate, radius);
      },
      mode, cval, axes);
}

/// scipy.ndimage.gaussian_gradient_magnitude: generic_gradient_magnitude with Gaussian first
/// derivatives.
template <class Out = void, class T>
ndarray<out_t<Out, T>> gaussian_gradient_magnitude(
    const ndarray<T>& input, const per_axis<double>& sigma,
    const per_axis<std::string>& mode = "reflect", double cval = 0.0, const axis_arg& axes = {},
    double truncate = 4.0, const std::optional<per_axis<int>>& radius = std::nullopt) {
  using O = out_t<Out, T>;
  const int nd = static_cast<int>(input.ndim());
  const std::vector<double> s = detail::sigma_per_input_axis(sigma, axes, nd);
  return generic_gradient_magnitude<O>(
      input,
      [&](const ndarray<T>& in, int axis, const std::string& m, double c) {
        std::vector<int> order(static_cast<std::size_t>(nd), 0);
        order[static_cast<std::size_t>(axis)] = 1;
        return gaussian_filter<O>(in, s, order, m, c, truncate, radius);
      },
      mode, cval, axes);
}

}  // namespace cupp::scipy::ndimage

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
