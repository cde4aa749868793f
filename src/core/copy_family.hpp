// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Internal to libcupp: the kernel families behind copies between layouts and fills.
#pragma once

#include "cupp/core/dtype.hpp"
#include "cupp/expr/engine.hpp"

namespace cupp::detail {

/// The kernels of copy_into (`fill` false: `out = v0`) and fill (`out = s0`) into arrays of `dt`
/// (Note [Strided copy and fill] in array_desc.cpp); also listed by cupp::jit::common_kernels().
expr::detail::kernel_family& copy_kernel_family(bool fill, dtype dt);

}  // namespace cupp::detail
