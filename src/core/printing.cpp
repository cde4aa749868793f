// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The device side of array2string, array_repr and array_str: one copy to the host, then the
// host formatter of src/core/format.cpp.
#include "cupp/routines/printing.hpp"

#include <vector>

#include "cupp/detail/format.hpp"

namespace cupp::detail {

std::string print_array(const array_desc& a, print_form form, const printoptions& options,
                        const std::string& separator, const std::string& prefix,
                        const std::string& suffix) {
  check_printoptions(options);
  std::vector<unsigned char> host(static_cast<std::size_t>(a.size()) * a.itemsize());
  to_host(a, host.data());
  switch (form) {
    case print_form::repr:
      return format_repr(host.data(), a.dt, a.shape, options);
    case print_form::str:
      return format_str(host.data(), a.dt, a.shape, options);
    case print_form::array2string:
      break;
  }
  return format_array2string(host.data(), a.dt, a.shape, options, separator, prefix, suffix);
}

printoptions print_overrides(std::optional<std::int64_t> max_line_width,
                             std::optional<int> precision, std::optional<bool> suppress_small) {
  printoptions o = get_printoptions();
  if (max_line_width) o.linewidth = *max_line_width;
  if (precision) o.precision = *precision;
  if (suppress_small) o.suppress = *suppress_small;
  return o;
}

}  // namespace cupp::detail
