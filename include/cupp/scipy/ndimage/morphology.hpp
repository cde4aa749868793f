// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::ndimage, as scipy.ndimage: binary and grey morphology, generate_binary_structure and iterate_structure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/runtime_array.hpp"
#include "cupp/scipy/ndimage/common.hpp"

namespace cupp::scipy::ndimage {

// ---- Binary morphology ------------------------------------------------------------------------

namespace detail {

/// A structuring element on the host: its shape and its elements (0 or 1) in C order. SciPy
/// reads structures on the host (np.asarray(structure, dtype=bool)); so does cupp.
struct host_structure {
  shape_t shape;
  std::vector<std::uint8_t> values;
};

/// What the binary functions and label take as their image: an ndarray of any dtype, or an
/// elementwise expression (`image > 0.5f`), evaluated first.
template <class E>
inline constexpr bool is_image_v = expr::is_array_v<E> || expr::is_node_v<E>;
/// The description of an image argument: the array's own, or the expression's value.
template <class E>
cupp::detail::array_desc image_desc(const E& input) {
  return expr::evaluated(input).desc();
}

/// `s` read on the host as bool (element != 0), or nothing.
std::optional<host_structure> to_host_structure(const std::optional<array>& s);
/// The description of `a`, or nothing.
std::optional<cupp::detail::array_desc> desc_of(const std::optional<array>& a);

/// generate_binary_structure on the host: the elements of the 3 x ... x 3 cube (rank axes) within
/// `connectivity` unit steps of its centre; a 0-d true for rank < 1.
host_structure binary_structure(int rank, int connectivity);
/// iterate_structure on the host: `s` dilated by itself iterations - 1 times, as bool.
host_structure iterate_structure(const host_structure& s, int iterations);

/// The neighbourhood of a binary erosion of an image of `ndim` dimensions by `s` (expanded to
/// ndim dimensions already) with `origin` per axis: one record per true element of `s`, in C
/// order, holding the offset per axis of the neighbour it reads, k - (shape // 2 + origin), as
/// SciPy places a structure. value_error "invalid origin" where an origin leaves the structure.
std::vector<std::vector<std::int64_t>> binary_offsets(const host_structure& s,
                                                      const std::vector<int>& origin);

/// The binary morphology of a type-erased image; results are new C-contiguous bool arrays.
/// Checks in SciPy's order: type_error "Complex type not supported", the axes (filter_axes),
/// value_error "structure.ndim (2) must match len(axes) (1)", value_error "structure and input
/// must have same dimensionality", value_error "structure must not be empty", value_error "mask
/// and input must have equal sizes", value_error "sequence argument must have length equal to
/// input rank" (origin), value_error "invalid origin".
cupp::detail::array_desc binary_erosion(const cupp::detail::array_desc& input,
                                        const std::optional<host_structure>& structure,
                                        int iterations,
                                        const std::optional<cupp::detail::array_desc>& mask,
                                        int border_value, const per_axis<int>& origin,
                                        bool brute_force, const axis_arg& axes);
cupp::detail::array_desc binary_dilation(const cupp::detail::array_desc& input,
                                         const std::optional<host_structure>& structure,
                                         int iterations,
                                         const std::optional<cupp::detail::array_desc>& mask,
                                         int border_value, const per_axis<int>& origin,
                                         bool brute_force, const axis_arg& axes);
cupp::detail::array_desc binary_opening(const cupp::detail::array_desc& input,
                                        const std::optional<host_structure>& structure,
                                        int iterations, const per_axis<int>& origin,
                                        const std::optional<cupp::detail::array_desc>& mask,
                                        int border_value, bool brute_force, const axis_arg& axes);
cupp::detail::array_desc binary_closing(const cupp::detail::array_desc& input,
                                        const std::optional<host_structure>& structure,
                                        int iterations, const per_axis<int>& origin,
                                        const std::optional<cupp::detail::array_desc>& mask,
                                        int border_value, bool brute_force, const axis_arg& axes);
cupp::detail::array_desc binary_hit_or_miss(const cupp::detail::array_desc& input,
                                            const std::optional<host_structure>& structure1,
                                            const std::optional<host_structure>& structure2,
                                            const per_axis<int>& origin1,
                                            const std::optional<per_axis<int>>& origin2,
                                            const axis_arg& axes);
cupp::detail::array_desc binary_propagation(const cupp::detail::array_desc& input,
                                            const std::optional<host_structure>& structure,
                                            const std::optional<cupp::detail::array_desc>& mask,
                                            int border_value, const per_axis<int>& origin,
                                            const axis_arg& axes);
cupp::detail::array_desc binary_fill_holes(const cupp::detail::array_desc& input,
                                           const std::optional<host_structure>& structure,
                                           const per_axis<int>& origin, const axis_arg& axes);

/// The generated source of the binary morphology kernels (kernels/cupp/ndimage_binary.cuh),
/// for tests that compile it.
std::string binary_kernel_source();

}  // namespace detail

/// scipy.ndimage.generate_binary_structure: the rank-dimensional 3 x ... x 3 structure whose
/// elements lie within `connectivity` unit steps of its centre (connectivity < 1 counts as 1;
/// rank < 1 gives a 0-d true).
ndarray<bool> generate_binary_structure(int rank, int connectivity);

/// scipy.ndimage.iterate_structure: `structure` dilated by itself iterations - 1 times, as bool
/// (SciPy returns a copy in the structure's own dtype for iterations < 2; cupp's is bool).
ndarray<bool> iterate_structure(const array& structure, int iterations);
/// scipy.ndimage.iterate_structure with `origin`: the structure and the origin scaled by
/// iterations, as SciPy's (out, origin) pair.
std::pair<ndarray<bool>, std::vector<int>> iterate_structure(const array& structure, int iterations,
                                                             const per_axis<int>& origin);

/// scipy.ndimage.binary_erosion: true where the structure, placed at the pixel, fits in the
/// input's true pixels (outside the input reads `border_value`), `iterations` times over
/// (iterations < 1: until nothing changes); where `mask` is false the input stays. The input is
/// read as input != 0 (any real dtype); the result is bool, as SciPy's. `structure` defaults to
/// generate_binary_structure(len(axes), 1). Throws as detail::binary_erosion says.
template <class E, std::enable_if_t<detail::is_image_v<E>, int> = 0>
ndarray<bool> binary_erosion(const E& input, const std::optional<array>& structure = std::nullopt,
                             int iterations = 1, const std::optional<array>& mask = std::nullopt,
                             int border_value = 0, const per_axis<int>& origin = 0,
                             bool brute_force = false, const axis_arg& axes = {}) {
  return ndarray<bool>(detail::binary_erosion(
      detail::image_desc(input), detail::to_host_structure(structure), iterations,
      detail::desc_of(mask), border_value, origin, brute_force, axes));
}

/// scipy.ndimage.binary_dilation: true where the reflected structure, placed at the pixel, meets
/// a true pixel of the input (outside reads `border_value`); arguments as binary_erosion.
template <class E, std::enable_if_t<detail::is_image_v<E>, int> = 0>
ndarray<bool> binary_dilation(const E& input, const std::optional<array>& structure = std::nullopt,
                              int iterations = 1, const std::optional<array>& mask = std::nullopt,
                              int border_value = 0, const per_axis<int>& origin = 0,
                              bool brute_force = false, const axis_arg& axes = {}) {
  return ndarray<bool>(detail::binary_dilation(
      detail::image_desc(input), detail::to_host_structure(structure), iterations,
      detail::desc_of(mask), border_value, origin, brute_force, axes));
}

/// scipy.ndimage.binary_opening: binary_erosion then binary_dilation, both `iterations` times
/// (SciPy's argument order: origin before mask).
template <class E, std::enable_if_t<detail::is_image_v<E>, int> = 0>
ndarray<bool> binary_opening(const E& input, const std::optional<array>& structure = std::nullopt,
                             int iterations = 1, const per_axis<int>& origin = 0,
                             const std::optional<array>& mask = std::nullopt, int border_value = 0,
                             bool brute_force = false, const axis_arg& axes = {}) {
  return ndarray<bool>(detail::binary_opening(
      detail::image_desc(input), detail::to_host_structure(structure), iterations, origin,
      detail::desc_of(mask), border_value, brute_force, axes));
}

/// scipy.ndimage.binary_closing: binary_dilation then binary_erosion, both `iterations` times.
template <class E, std::enable_if_t<detail::is_image_v<E>, int> = 0>
ndarray<bool> binary_closing(const E& input, const std::optional<array>& structure = std::nullopt,
                             int iterations = 1, const per_axis<int>& origin = 0,
                             const std::optional<array>& mask = std::nullopt, int border_value = 0,
                             bool brute_force = false, const axis_arg& axes = {}) {
  return ndarray<bool>(detail::binary_closing(
      detail::image_desc(input), detail::to_host_structure(structure), iterations, origin,
      detail::desc_of(mask), border_value, brute_force, axes));
}

/// scipy.ndimage.binary_hit_or_miss: where `structure1` fits the true pixels and `structure2`
/// (default: not structure1) meets none of them; `origin2` defaults to `origin1`.
template <class E, std::enable_if_t<detail::is_image_v<E>, int> = 0>
ndarray<bool> binary_hit_or_miss(const E& input,
                                 const std::optional<array>& structure1 = std::nullopt,
                                 const std::optional<array>& structure2 = std::nullopt,
                                 const per_axis<int>& origin1 = 0,
                                 const std::optional<per_axis<int>>& origin2 = std::nullopt,
                                 const axis_arg& axes = {}) {
  return ndarray<bool>(
      detail::binary_hit_or_miss(detail::image_desc(input), detail::to_host_structure(structure1),
                                 detail::to_host_structure(structure2), origin1, origin2, axes));
}

/// scipy.ndimage.binary_propagation: binary_dilation repeated until nothing changes, within
/// `mask`.
template <class E, std::enable_if_t<detail::is_image_v<E>, int> = 0>
ndarray<bool> binary_propagation(const E& input,
                                 const std::optional<array>& structure = std::nullopt,
                                 const std::optional<array>& mask = std::nullopt,
                                 int border_value = 0, const per_axis<int>& origin = 0,
                                 const axis_arg& axes = {}) {
  return ndarray<bool>(
      detail::binary_propagation(detail::image_desc(input), detail::to_host_structure(structure),
                                 detail::desc_of(mask), border_value, origin, axes));
}

/// scipy.ndimage.binary_fill_holes: the input with every background region that the structure's
/// connectivity does not join to the edge made true.
template <class E, std::enable_if_t<detail::is_image_v<E>, int> = 0>
ndarray<bool> binary_fill_holes(const E& input,
                                const std::optional<array>& structure = std::nullopt,
                                const per_axis<int>& origin = 0, const axis_arg& axes = {}) {
  return ndarray<bool>(detail::binary_fill_holes(
      detail::image_desc(input), detail::to_host_structure(structure), origin, axes));
}

}  // namespace cupp::scipy::ndimage

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
