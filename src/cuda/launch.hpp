// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The launch rule: how every library kernel's grid is sized (Note [Launch rule]).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "cupp/cuda/device.hpp"
#include "cupp/jit/raw_kernel.hpp"

namespace cupp::detail {

// Note [Launch rule]: a library kernel covers its work in one of two ways, and its grid is sized
// by one of the two functions below, nowhere else.
// - One item (or one fixed group of items) per thread: cover_blocks, the ceiling of work over
//   the items a block takes, at least one block (a launch of zero blocks is an error) and at most
//   INT_MAX (gridDim.x's limit).
// - A grid-stride loop (`for (long long i : cupp::grid_stride(n))` of kernels/cupp/indexing.cuh):
//   resident_blocks, the same count capped at the blocks the whole GPU holds at once with this
//   kernel, block size and shared memory (its occupancy on one multiprocessor, asked of the
//   device once and remembered by the kernel, times the multiprocessors): one wave of blocks
//   that stay resident and stride, so no block waits for a slot and none starts late.

/// Blocks of `per_block` items for `work` items: ceil(work / per_block), in [1, INT_MAX].
inline unsigned cover_blocks(std::int64_t work, std::int64_t per_block) {
  const std::int64_t blocks = (std::max<std::int64_t>(work, 0) + per_block - 1) / per_block;
  return static_cast<unsigned>(
      std::clamp<std::int64_t>(blocks, 1, std::numeric_limits<int>::max()));
}

/// Blocks of `threads` threads for a grid-stride loop of kernel `k` over `work` items
/// (`items_per_thread` each): cover_blocks, at most the blocks the current device holds at once.
inline unsigned resident_blocks(const RawKernel& k, std::int64_t work, unsigned threads,
                                std::size_t shared_bytes = 0, std::int64_t items_per_thread = 1) {
  const unsigned wanted =
      cover_blocks(work, static_cast<std::int64_t>(threads) * items_per_thread);
  const int per_sm = std::max(1, k.max_active_blocks(static_cast<int>(threads), shared_bytes));
  const std::int64_t cap =
      static_cast<std::int64_t>(cuda::Device().multiprocessor_count()) * per_sm;
  return static_cast<unsigned>(std::min<std::int64_t>(wanted, cap));
}

}  // namespace cupp::detail
