// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::ndimage, as scipy.ndimage: label, find_objects, the statistics over labels, value_indices and distance_transform_edt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
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
/// AssertionError), value_error for 2**31 - 2 elements or more (SciPy's int64 labels).
std::pair<cupp::detail::array_desc, std::int64_t> label(
    const cupp::detail::array_desc& input, const std::optional<host_structure>& structure);

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
/// Returns (labels as int32, n), as SciPy's (labeled, num_features). Throws as detail::label
/// says.
template <class T>
std::pair<ndarray<std::int32_t>, std::int64_t> label(
    const ndarray<T>& input, const std::optional<array>& structure = std::nullopt) {
  auto [labels, n] = detail::label(input.desc(), detail::to_host_structure(structure));
  return {ndarray<std::int32_t>(std::move(labels)), n};
}

// Statistics over labels
}  // namespace cupp::scipy::ndimage
