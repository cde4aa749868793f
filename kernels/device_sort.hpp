// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The nvcc-built half of sorting and scans (kernels/sort.cu, kernels/segmented_sort.cu,
// kernels/scan.cu): type-erased entry points over contiguous rows, called from src/sort/*.cpp.
// Host declarations only, so that the C++ side never includes CUB.
#pragma once

#include <cuda_runtime_api.h>

#include <cstdint>

#include "cupp/core/dtype.hpp"

namespace cupp::detail::sorting {

/// Sorts each of `rows` contiguous rows of `length` elements of `in` (dtype `dt`) into `out`:
/// the sorted elements (dtype `dt`), or with `indices` their int64 positions within the row.
/// NumPy's order: stable, NaN last, -0.0 equal to 0.0, complex lexicographic (Note [Sort keys]).
/// `in` and `out` must not overlap; rows * length > 0.
void sort_rows(dtype dt, const void* in, void* out, std::int64_t rows, std::int64_t length,
               bool indices, cudaStream_t stream);

/// The scans of kernels/scan.cu.
enum class scan_op : std::uint8_t { sum, prod };

/// Inclusive scan of each of `rows` contiguous rows of `length` elements, `in` to `out` (which may
/// be `in`). `dt` is the computing dtype: int64 or uint64 (two's complement sums and products
/// have the same bits), float32, float64, complex64 or complex128.
void scan_rows(dtype dt, const void* in, void* out, std::int64_t rows, std::int64_t length,
               scan_op op, cudaStream_t stream);

// ---- between kernels/sort.cu and kernels/segmented_sort.cu ----------------------------------

/// cub::DeviceSegmentedSort::StableSortPairs (or StableSortKeys when `values` is null) of `rows`
/// rows of `length` elements, on double buffers: keys[selector] (and values[selector]) hold the
/// input, and on return `selector` names the buffer holding the result. Instantiated in
/// kernels/segmented_sort.cu for K = uint8..uint64 with V = uint32, and K = V = uint64.
template <class K, class V>
void segmented_sort(K* keys[2], V* values[2], int& selector, std::int64_t rows,
                    std::int64_t length, cudaStream_t stream);

}  // namespace cupp::detail::sorting
