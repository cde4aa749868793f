// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The generated kernels of the statistics routines, shared by src/stats/*.cpp.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>

#include "../cuda/launch.hpp"
#include "cupp/core/dtype.hpp"
#include "cupp/jit/raw_kernel.hpp"

namespace cupp::detail {

std::string quantile_kernel_name(dtype in, dtype out);
std::string histogram_kernel_name(const char* what, dtype in);

/// The kernel `name` of `source`, compiled once per source (for the current device, on the
/// first launch).
RawKernel stats_kernel(const std::string& source, const std::string& name);

inline constexpr unsigned kStatsBlock = 256;

/// Blocks for a grid-stride loop over n elements, `per_thread` elements each.
inline unsigned stats_blocks(std::int64_t n, std::int64_t per_thread = 1) {
  return grid_stride_blocks((n + per_thread - 1) / per_thread, kStatsBlock, 32);
}

}  // namespace cupp::detail
