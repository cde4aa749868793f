// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Internal to libcupp: what the compiler and the kernel bundles ask of each other.
#pragma once

#include <string>
#include <vector>

#include "cupp/jit/compiler.hpp"
#include "disk_cache.hpp"

namespace cupp::jit::detail {

// compiler.cpp

/// The hash of every embedded device header (part of each cache key and of a bundle's stamp).
const hash128& embedded_headers_hash();
/// The cache key of a kernel for an NVRTC target ("sm_90", "compute_90"), as compile() makes it.
hash128 kernel_key(const std::string& source, const std::vector<std::string>& options,
                   const std::vector<std::string>& name_expressions, const std::string& target);
/// Compiles with NVRTC for a target, bypassing every cache.
compiled_module compile_for_target(const std::string& source,
                                   const std::vector<std::string>& options,
                                   const std::vector<std::string>& name_expressions,
                                   const std::string& target);

// bundle.cpp

/// Looks `key` (the kernel's key for compute capability `cc`) up in the registered bundles, then
/// the kernel's PTX key in bundles that hold no cubin for `cc` (Note [Kernel bundle lookup]).
/// Loads CUPP_KERNEL_BUNDLE on first use. Fills `out` and returns true on a hit.
bool find_in_bundles(const std::string& source, const std::vector<std::string>& options,
                     const std::vector<std::string>& name_expressions, int cc, const hash128& key,
                     compiled_module& out);
/// Appends the kernel to the record file when recording (once per key); starts the recording
/// named by CUPP_RECORD_KERNELS on first use.
void record_kernel(const hash128& key, const std::string& source,
                   const std::vector<std::string>& options,
                   const std::vector<std::string>& name_expressions);

}  // namespace cupp::jit::detail
