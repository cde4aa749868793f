// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The grid size of the library's grid-stride kernels (the generated ones of random, linalg,
// statistics and indexing).
#pragma once

#include <algorithm>
#include <cstdint>

#include "cupp/cuda/device.hpp"

namespace cupp::detail {

/// Blocks of `threads` threads for a grid-stride loop over `work` items: one item per thread, but
/// at most `blocks_per_sm` blocks for each multiprocessor of the current device, and at least one.
inline unsigned grid_stride_blocks(std::int64_t work, unsigned threads, int blocks_per_sm) {
  const std::int64_t cap =
      static_cast<std::int64_t>(cuda::Device().multiprocessor_count()) * blocks_per_sm;
  return static_cast<unsigned>(std::clamp<std::int64_t>(
      (work + static_cast<std::int64_t>(threads) - 1) / static_cast<std::int64_t>(threads), 1, cap));
}

}  // namespace cupp::detail
