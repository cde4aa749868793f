// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// What the binary morphology and label share in src/scipy/ndimage: the images as the kernels
// read them and the neighbourhood walk's arguments (kernels/cupp/ndimage_binary.cuh).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "cupp/scipy/ndimage/morphology.hpp"

namespace cupp::scipy::ndimage::detail {

/// The most dimensions of an image (CUPP_NDI_BINARY_K of the kernels).
constexpr int kBinaryMaxDims = 32;

/// The host image of cupp_ndi_binary_geom (same members, same order).
struct binary_geom {
  long long shape[kBinaryMaxDims];
  long long lo[kBinaryMaxDims];
  long long hi[kBinaryMaxDims];
  long long rows;
  long long cols;
  int ndim;
  int count;
};
static_assert(sizeof(binary_geom) == 8 * (3 * kBinaryMaxDims + 3),
              "binary_geom is packed as its device twin");

/// The number of elements of a structure.
std::int64_t structure_size(const host_structure& s);

/// `a` as the kernels read an image: C-contiguous bool (a itself when it is one already, else a
/// new array of a != 0).
cupp::detail::array_desc binary_image(const cupp::detail::array_desc& a);

/// The geometry of an image of `shape` and the neighbour records (offset per axis) as the
/// kernels take them: `flat_recs` gets, per record, its flat offset then its axes' offsets.
/// value_error for more than kBinaryMaxDims dimensions.
binary_geom make_geom(const shape_t& shape, const std::vector<std::vector<std::int64_t>>& recs,
                      std::vector<std::int64_t>& flat_recs);
/// The records on the device (int64; at least one element, so the pointer is never null).
cupp::detail::array_desc device_records(const std::vector<std::int64_t>& flat_recs);
/// The kernel of the neighbourhood walk for `ndim` dimensions: stem "binary"
/// (cupp_ndi_binary_erosion_<1d|2d|3d|nd>) or "label" (cupp_ndi_label_merge_<...>).
const char* ranked_name(const char* stem, int ndim);
/// The grid and block of a neighbourhood walk: the last axis over x, the rows over y.
std::pair<dim3, dim3> row_launch_shape(const binary_geom& g);

}  // namespace cupp::scipy::ndimage::detail
