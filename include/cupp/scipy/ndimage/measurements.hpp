// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::ndimage, as scipy.ndimage: label, find_objects, the statistics over labels, value_indices and distance_transform_edt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/runtime_array.hpp"
#include "cupp/scipy/ndimage/common.hpp"
#include "cupp/scipy/ndimage/morphology.hpp"

namespace cupp::scipy::ndimage {

// ---- label -----------------------------------------------------------------------------------

namespace detail {

/// scipy.ndimage.label of a type-erased image: the labels (a new C-contiguous int32 array) and
/// the number of features. Checks in SciPy's order: type_error "Complex type not supported",
/// value_error "structure and input must have equal rank", value_error "structure dimensions
/// must be equal to 3", value_error "Structuring element is not symmetric" (SciPy's
/// AssertionError), value_error for 2**31 - 2 elements or more (SciPy's int64 labels); for an
/// output dtype `out` other than int32, value_error "insufficient bit-depth in requested output
/// type" when the number of features does not fit it.
std::pair<cupp::detail::array_desc, std::int64_t> label(
    const cupp::detail::array_desc& input, const std::optional<host_structure>& structure,
    dtype out = dtype::int32);

/// The neighbours a pixel joins in label's merge pass: the offsets (one per axis, each -1, 0 or
/// 1) of the true elements of the 3 x ... x 3 `s` that come before its centre in C order.
std::vector<std::vector<std::int64_t>> label_neighbours(const host_structure& s);

/// The generated source of label's kernels (kernels/cupp/ndimage_label.cuh), for tests that
/// compile it.
std::string label_kernel_source();

}  // namespace detail

/// scipy.ndimage.label: the connected regions of the input's nonzero pixels, joined through the
/// true elements of `structure` (3 x ... x 3, symmetric; default generate_binary_structure(ndim,
/// 1)), numbered 1..n in C order of their first pixel as SciPy numbers them; background 0.
/// Returns (labels, n), as SciPy's (labeled, num_features): the labels int32 (SciPy's default)
/// or `Out` (SciPy's output=dtype: label<std::uint16_t>(image)). Throws as detail::label says.
template <class Out = std::int32_t, class E, std::enable_if_t<detail::is_image_v<E>, int> = 0>
std::pair<ndarray<Out>, std::int64_t> label(const E& input,
                                            const std::optional<array>& structure = std::nullopt) {
  static_assert(std::is_arithmetic_v<Out> && !std::is_same_v<Out, bool>,
                "label: the labels' dtype is an integer or floating type");
  auto [labels, n] =
      detail::label(detail::image_desc(input), detail::to_host_structure(structure), dtype_of<Out>);
  return {ndarray<Out>(std::move(labels)), n};
}

// Statistics over labels
}  // namespace cupp::scipy::ndimage
