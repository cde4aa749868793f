// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include <algorithm>

#include "cupp/core/error.hpp"
#include "cupp/linalg/tensor.hpp"

namespace cupp::linalg::detail {

std::pair<std::int64_t, shape_t> tensorinv_shapes(const shape_t& shape, std::int64_t ind) {
  CUPP_EXPECTS(ind > 0, value_error, "Invalid ind argument.");
  const auto k = static_cast<std::size_t>(
      std::min<std::int64_t>(ind, static_cast<std::int64_t>(shape.size())));
  const shape_t head(shape.begin(), shape.begin() + static_cast<std::ptrdiff_t>(k));
  const shape_t tail(shape.begin() + static_cast<std::ptrdiff_t>(k), shape.end());
  const std::int64_t rows = shape_size(head), cols = shape_size(tail);
  // NumPy reshapes to (prod(tail), -1), which fails unless the total divides, then inv checks
  // that the matrix is square.
  CUPP_EXPECTS(rows == cols, linalg_error, "Last 2 dimensions of the array must be square");
  shape_t out = tail;
  out.insert(out.end(), head.begin(), head.end());
  return {cols, out};
}

std::vector<std::int64_t> tensorsolve_order(std::int64_t ndim,
                                            const std::vector<std::int64_t>& axes) {
  std::vector<std::int64_t> all;
  for (std::int64_t k = 0; k < ndim; ++k) all.push_back(k);
  for (const std::int64_t axis : axes) {
    const std::int64_t k = normalize_axis(axis, ndim);
    const auto it = std::find(all.begin(), all.end(), k);
    CUPP_EXPECTS(it != all.end(), value_error, "list.remove(x): x not in list");
    all.erase(it);
    all.push_back(k);
  }
  return all;
}

std::pair<std::int64_t, shape_t> tensorsolve_shapes(const shape_t& a_shape, std::int64_t b_ndim) {
  const auto an = static_cast<std::int64_t>(a_shape.size());
  // NumPy's a.shape[-(an - b.ndim):], where -0 means the whole shape.
  const std::int64_t first = an - b_ndim > 0 ? b_ndim : 0;
  const shape_t old(a_shape.begin() + std::min(first, an), a_shape.end());
  const std::int64_t prod = shape_size(old);
  CUPP_EXPECTS(shape_size(a_shape) == prod * prod, linalg_error,
               "Input arrays must satisfy the requirement             "
               "prod(a.shape[b.ndim:]) == prod(a.shape[:b.ndim])");
  return {prod, old};
}

}  // namespace cupp::linalg::detail
