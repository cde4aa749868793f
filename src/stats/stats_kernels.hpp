// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernels of the statistics routines (kernels/cupp/stats_*.cuh), shared by src/stats/*.cpp.
#pragma once

#include <string>

#include "../cuda/launch.hpp"
#include "cupp/core/dtype.hpp"
#include "cupp/jit/raw_kernel.hpp"

namespace cupp::detail {

std::string quantile_kernel_name(dtype in, dtype out);
std::string histogram_kernel_name(const char* what, dtype in);

/// The kernel `name` of `source`, from the registry (compiled on its first launch, kept for the
/// life of the process).
const RawKernel& stats_kernel(const std::string& source, const std::string& name);

/// The block size of every statistics kernel; their grids come from resident_blocks (each
/// kernel is a grid-stride loop).
inline constexpr unsigned kStatsBlock = 256;

}  // namespace cupp::detail
