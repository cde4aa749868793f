// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/routines/creation.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

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

char parse_order(char order) {
  switch (order) {
    case 'C': case 'c': return 'C';
    case 'F': case 'f': return 'F';
    case 'A': case 'a': return 'A';
    case 'K': case 'k': return 'K';
    default:
      throw value_error(std::string("order must be one of 'C', 'F', 'A', or 'K' (got '") + order +
                        "')");
  }
}

array_desc empty_array(const shape_t& shape, dtype dt, char order) {
  const char o = parse_order(order);
  CUPP_EXPECTS(o == 'C' || o == 'F', value_error, "only 'C' or 'F' order is permitted");
  array_desc d = make_array(shape, dt);
  if (o == 'F') d.strides = f_strides(shape);
  return d;
}

// Note [Order K]: numpy.empty_like(a, order='K') keeps a's layout as closely as it can, and so
// does cupp (NumPy's PyArray_NewLikeArray): a C-contiguous (or 0-d, 1-d) prototype gives C
// order, a Fortran-contiguous one F order, and any other (a transposed or permuted view, a
// slice with steps) a contiguous array whose axes are ordered as the prototype's strides are,
// largest magnitude outermost, ties keeping the axis order (NumPy's stable stride sort). Negative
// and zero strides count by magnitude, and the new strides are positive.
array_desc empty_like_array(const array_desc& prototype, dtype dt, char order) {
  char o = parse_order(order);
  const shape_t& shape = prototype.shape;
  const bool c = is_c_contiguous(shape, prototype.strides);
  const bool f = is_f_contiguous(shape, prototype.strides);
  if (o == 'A') o = f && !c ? 'F' : 'C';
  if (o == 'K') {
    if (prototype.ndim() <= 1 || c) {
      o = 'C';
    } else if (f) {
      o = 'F';
    }
  }
  if (o != 'K') return empty_array(shape, dt, o);
  const std::size_t n = shape.size();
  std::vector<std::size_t> perm(n);
  std::iota(perm.begin(), perm.end(), std::size_t{0});
  std::stable_sort(perm.begin(), perm.end(), [&](std::size_t x, std::size_t y) {
    const std::int64_t sx = prototype.strides[x], sy = prototype.strides[y];
    return (sx < 0 ? -sx : sx) > (sy < 0 ? -sy : sy);
  });
  array_desc d = make_array(shape, dt);
  std::int64_t stride = 1;
  for (std::size_t k = n; k-- > 0;) {
    d.strides[perm[k]] = stride;
    stride *= std::max<std::int64_t>(shape[perm[k]], 1);
  }
  return d;
}

}  // namespace cupp::detail
