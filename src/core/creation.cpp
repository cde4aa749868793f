// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/routines/creation.hpp"

#include <cmath>
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

std::int64_t arange_length(double start, double stop, double step) {
  CUPP_EXPECTS(step != 0.0, value_error, "Maximum allowed size exceeded");
  const double len = std::ceil((stop - start) / step);
  CUPP_EXPECTS(!std::isnan(len), value_error, "arange: cannot compute length");
  return len > 0 ? static_cast<std::int64_t>(len) : 0;
}

std::int64_t arange_length(std::int64_t start, std::int64_t stop, std::int64_t step) {
  CUPP_EXPECTS(step != 0, value_error, "Maximum allowed size exceeded");
  const std::int64_t span = stop - start;
  const std::int64_t len = step > 0 ? (span + step - 1) / step : (span + step + 1) / step;
  return len > 0 ? len : 0;
}

}  // namespace cupp::detail
