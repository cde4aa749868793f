// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Many short rows: cub::DeviceSegmentedSort, which sorts small segments in registers of a warp or
// a block (one read, one write) instead of passing over memory once per radix digit. Its own file
// so that nvcc builds it beside kernels/sort.cu.
#include <cub/device/device_segmented_sort.cuh>

#include <cstdint>
#include <memory>

#include "device_sort.hpp"
#include "cupp/core/error.hpp"
#include "cupp/indexing.cuh"
#include "cupp/cuda/memory.hpp"

namespace cupp::detail::sorting {
namespace {

// The segment offsets 0, length, 2 * length, ...: row i is [offsets[i], offsets[i + 1]).
__global__ void row_offsets(std::int64_t* offsets, std::int64_t rows, std::int64_t length) {
  for (long long i : cupp::grid_stride(rows + 1)) offsets[i] = i * length;
}

}  // namespace

template <class K, class V>
void segmented_sort(K* keys[2], V* values[2], int& selector, std::int64_t rows,
                    std::int64_t length, cudaStream_t stream) {
  const std::int64_t n = rows * length;
  const auto offsets_mem = cuda::allocate(static_cast<std::size_t>(rows + 1) * sizeof(std::int64_t));
  auto* offsets = static_cast<std::int64_t*>(offsets_mem.get());
  const unsigned blocks = static_cast<unsigned>(std::min<std::int64_t>((rows + 256) / 256, 4096));
  row_offsets<<<blocks, 256, 0, stream>>>(offsets, rows, length);
  CUPP_CHECK_CUDA(cudaGetLastError());

  cub::DoubleBuffer<K> k(keys[selector], keys[selector ^ 1]);
  cub::DoubleBuffer<V> v(values[0] ? values[selector] : nullptr,
                         values[0] ? values[selector ^ 1] : nullptr);
  auto run = [&](void* temp, std::size_t& bytes) {
    if (values[0] == nullptr)
      return cub::DeviceSegmentedSort::StableSortKeys(temp, bytes, k, n, rows, offsets,
                                                      offsets + 1, stream);
    return cub::DeviceSegmentedSort::StableSortPairs(temp, bytes, k, v, n, rows, offsets,
                                                     offsets + 1, stream);
  };
  std::size_t bytes = 0;
  CUPP_CHECK_CUDA(run(nullptr, bytes));
  const auto temp = cuda::allocate(bytes);
  CUPP_CHECK_CUDA(run(temp.get(), bytes));
  selector = k.Current() == keys[0] ? 0 : 1;
  // CUB moves keys and values together, so both end in the same buffer.
  CUPP_ASSERT(values[0] == nullptr || v.Current() == values[selector]);
}

#define CUPP_SEGMENTED_SORT(K, V)                                                      \
  template void segmented_sort<K, V>(K * keys[2], V * values[2], int& selector,       \
                                     std::int64_t rows, std::int64_t length, cudaStream_t);
CUPP_SEGMENTED_SORT(std::uint8_t, std::uint32_t)
CUPP_SEGMENTED_SORT(std::uint16_t, std::uint32_t)
CUPP_SEGMENTED_SORT(std::uint32_t, std::uint32_t)
CUPP_SEGMENTED_SORT(std::uint64_t, std::uint32_t)
CUPP_SEGMENTED_SORT(std::uint64_t, std::uint64_t)
#undef CUPP_SEGMENTED_SORT

}  // namespace cupp::detail::sorting
