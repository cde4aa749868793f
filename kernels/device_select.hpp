// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The nvcc-built half of the searching routines (kernels/select.cu): type-erased entry points
// called from src/search/searching.cpp. Host declarations only, so that the C++ side never
// includes CUB.
#pragma once

#include <cuda_runtime_api.h>

#include <cstddef>
#include <cstdint>

#include "cupp/core/dtype.hpp"

namespace cupp::detail::searching {

/// The most dimensions whose indices unravel() writes: NumPy's limit on an array's dimensions.
inline constexpr int kMaxDims = 64;

/// Selects, in one pass of cub::DeviceSelect, the positions i in [0, n) whose element of dtype
/// `dt`, at `data` + i * `stride_bytes`, is nonzero (Note [Nonzero bits] in kernels/select.cu).
/// They are written in increasing order, the j-th to out[j * out_stride] while j < limit (the
/// others are dropped, so `out` may be null when limit is 0), and their number, all of them, to
/// the int64 at `count` on the device. n > 0.
void select_nonzero(dtype dt, const void* data, std::int64_t n, std::int64_t stride_bytes,
                    std::int64_t* out, std::int64_t out_stride, std::int64_t limit,
                    std::int64_t* count, cudaStream_t stream);

/// Copies, in order, the elements of `values` (n contiguous elements of `itemsize` bytes: 1, 2, 4,
/// 8 or 16) whose byte in `flags` (n contiguous bools) is set to `out`, in one pass of
/// cub::DeviceSelect::Flagged, and their number to the int64 at `count` on the device. n > 0.
void select_flagged(std::size_t itemsize, const void* values, const std::uint8_t* flags,
                    std::int64_t n, void* out, std::int64_t* count, cudaStream_t stream);

/// The shape whose flat positions unravel() turns into indices, and the index each dimension
/// takes in the padding.
struct unravel_shape {
  int ndim = 0;
  std::int64_t extent[kMaxDims] = {};
  std::int64_t fill[kMaxDims] = {};
};

/// For each result j in [0, rows): while j < min(*count, rows) (count null: 0), the flat
/// position held at out[j * row_stride] is replaced by its ndim indices, index d written to
/// out[j * row_stride + d * dim_stride]; every later result is padding, index d being fill[d].
/// rows > 0, 1 <= shape.ndim <= kMaxDims.
void unravel(std::int64_t* out, std::int64_t rows, std::int64_t row_stride,
             std::int64_t dim_stride, const std::int64_t* count, const unravel_shape& shape,
             cudaStream_t stream);

/// out[r * length + j] = in[r * length + index[r * length + j]] for every row r < rows and
/// j < length, elements of dtype `dt`. rows * length > 0.
void gather_rows(dtype dt, const void* in, const std::int64_t* index, void* out,
                 std::int64_t rows, std::int64_t length, cudaStream_t stream);

}  // namespace cupp::detail::searching
