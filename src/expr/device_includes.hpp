// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The device headers a generated kernel includes beside its engine's own.
#pragma once

#include <string>

namespace cupp::expr::detail {

/// "#include <cupp/special.cuh>\n" when `code` (an expression, statement or preamble) calls a
/// function of cupp::scipy::special's table, else nothing: the special functions are parsed only
/// by the kernels that use them, so every other kernel compiles as fast as before and keeps its
/// precompiled headers (Note [NVRTC precompiled headers] in src/jit/compiler.cpp).
inline std::string special_include(const std::string& code) {
  return code.find("cupp::special::") != std::string::npos ? "#include <cupp/special.cuh>\n" : "";
}

}  // namespace cupp::expr::detail
