// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::ndimage, as scipy.ndimage: binary and grey morphology, generate_binary_structure and iterate_structure.
#pragma once

#include "cupp/scipy/ndimage/common.hpp"

namespace cupp::scipy::ndimage {}  // namespace cupp::scipy::ndimage

// Grey morphology

#include <optional>
#include <string>

#include "cupp/core/runtime_array.hpp"

namespace cupp::scipy::ndimage {

namespace detail {

using cupp::detail::array_desc;

/// Which grey operation: the two filters and the six compositions of SciPy's.
enum class grey_op {
  erosion,
  dilation,
  opening,
  closing,
  gradient,
  laplace,
  white_tophat,
  black_tophat
};

/// SciPy's grey morphology on a type-erased array: `footprint` and `structure` may be null
/// (SciPy's None), `size` empty (None). value_error "size, footprint, or structure must be
/// specified" when none is given, and the errors of minimum_filter otherwise.
array_desc grey_morphology(grey_op op, const array_desc& input, dtype out,
                           const per_axis<int>& size, const array_desc* footprint,
                           const array_desc* structure, const per_axis<std::string>& mode,
                           double cval, const per_axis<int>& origin, const axis_arg& axes);

inline const array_desc* grey_desc(const std::optional<cupp::array>& a) {
  return a ? &a->desc() : nullptr;
}

}  // namespace detail

// The eight functions share SciPy's arguments: `size` (one length or one per axis of `axes`;
// `{}` is SciPy's None), `footprint` (nonzero elements are in the window; `size` is then
// ignored), `structure` (a non-flat structuring element: its values are subtracted before the
// minimum of an erosion and added before the maximum of a dilation; the footprint defaults to
// its shape), the boundary `mode` (one per axis where the window is a flat rectangle), `cval`,
// `origin` and `axes`. Out is SciPy's output dtype.
#define CUPP_NDI_GREY_FUNCTION(name, op)                                                        \
  template <class Out = void, class T>                                                          \
  ndarray<out_t<Out, T>> name(const ndarray<T>& input, const per_axis<int>& size = {},          \
                              const std::optional<cupp::array>& footprint = std::nullopt,       \
                              const std::optional<cupp::array>& structure = std::nullopt,       \
                              const per_axis<std::string>& mode = "reflect", double cval = 0.0, \
                              const per_axis<int>& origin = 0, const axis_arg& axes = {}) {     \
    return ndarray<out_t<Out, T>>(detail::grey_morphology(                                      \
        detail::grey_op::op, input.desc(), dtype_of<out_t<Out, T>>, size,                       \
        detail::grey_desc(footprint), detail::grey_desc(structure), mode, cval, origin, axes)); \
  }

/// scipy.ndimage.grey_erosion (cupyx.scipy.ndimage.grey_erosion): the minimum over the window
/// (minus the structure). value_error "size, footprint, or structure must be specified".
CUPP_NDI_GREY_FUNCTION(grey_erosion, erosion)
/// scipy.ndimage.grey_dilation: the maximum over the reflected window (plus the reflected
/// structure), the origin negated and, for even lengths, moved by one, as SciPy.
CUPP_NDI_GREY_FUNCTION(grey_dilation, dilation)
/// scipy.ndimage.grey_opening: grey_dilation of grey_erosion.
CUPP_NDI_GREY_FUNCTION(grey_opening, opening)
/// scipy.ndimage.grey_closing: grey_erosion of grey_dilation.
CUPP_NDI_GREY_FUNCTION(grey_closing, closing)
/// scipy.ndimage.morphological_gradient: grey_dilation - grey_erosion, in the input's dtype
/// (SciPy's output= dtype does not reach this subtraction; the difference is then cast to Out).
CUPP_NDI_GREY_FUNCTION(morphological_gradient, gradient)
/// scipy.ndimage.morphological_laplace: grey_dilation + grey_erosion - 2 * input, in the input's
/// dtype as SciPy computes it (then cast to Out).
CUPP_NDI_GREY_FUNCTION(morphological_laplace, laplace)
/// scipy.ndimage.white_tophat: input - grey_opening (exclusive or for bool).
CUPP_NDI_GREY_FUNCTION(white_tophat, white_tophat)
/// scipy.ndimage.black_tophat: grey_closing - input (exclusive or for bool).
CUPP_NDI_GREY_FUNCTION(black_tophat, black_tophat)

#undef CUPP_NDI_GREY_FUNCTION

}  // namespace cupp::scipy::ndimage
