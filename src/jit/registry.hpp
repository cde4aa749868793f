// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The one registry of compiled kernels (Note [Kernel registry] in raw_kernel.cpp) as the library's
// routines use it: a routine's kernel is named by its source (or its embedded header and a
// preamble) and its name, and is compiled, loaded and resolved once.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "cupp/jit/raw_kernel.hpp"

namespace cupp::jit::detail {

/// The library's kernel `name` of the module compiled from `source` with `options` and
/// `name_expressions`, from the registry: the same arguments give the same kernel, compiled at
/// its first launch and kept for the life of the process. Thread-safe.
const RawKernel& library_kernel(const std::string& source, const std::string& name,
                                const std::vector<std::string>& options = {},
                                const std::vector<std::string>& name_expressions = {});

/// The source of a routine's module: `preamble` (the typedefs and macros that choose the variant)
/// followed by `#include <cupp/<header>>`, the embedded header in kernels/cupp/ that holds the
/// routine's kernels.
std::string routine_source(const char* header, const std::string& preamble);

/// library_kernel(routine_source(header, preamble), name): how a routine reaches its kernel.
const RawKernel& routine_kernel(const char* header, const std::string& preamble,
                                const std::string& name);

/// The key under which the registry (and the compiler's cache, hashed) knows a module.
std::string registry_key(const std::string& source, const std::vector<std::string>& options,
                         const std::vector<std::string>& name_expressions);

/// How many distinct modules the registry holds alive now (for tests).
std::size_t registered_module_count();
/// How many kernels library_kernel has handed out (for tests).
std::size_t library_kernel_count();

}  // namespace cupp::jit::detail
