// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/routines/creation.hpp"

#include <string>

namespace cupp::detail {

void throw_inhomogeneous(std::size_t depth, const shape_t& detected, std::size_t got) {
  (void)got;
  std::string shape = shape_str(detected);
  throw value_error(
      "setting an array element with a sequence. The requested array has an inhomogeneous shape "
      "after " + std::to_string(depth) + " dimensions. The detected shape was " + shape +
      " + inhomogeneous part.");
}

}  // namespace cupp::detail
