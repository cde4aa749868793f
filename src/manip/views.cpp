// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include <algorithm>
#include <numeric>
#include <string>

#include "cupp/core/error.hpp"
#include "cupp/routines/manipulation.hpp"

namespace cupp::detail {
namespace {

/// NumPy's normalize_axis_tuple: each axis wrapped, none repeated.
std::vector<std::int64_t> normalized(const std::vector<std::int64_t>& axes, std::int64_t ndim,
                                     const char* argument) {
  std::vector<std::int64_t> out;
  for (const std::int64_t axis : axes) {
    const std::int64_t a = normalize_axis(axis, ndim);
    if (std::find(out.begin(), out.end(), a) != out.end())
      throw value_error(std::string("repeated axis in `") + argument + "` argument");
    out.push_back(a);
  }
  return out;
}

}  // namespace

array_desc moveaxis(const array_desc& a, const std::vector<std::int64_t>& source,
                    const std::vector<std::int64_t>& destination) {
  const auto ndim = static_cast<std::int64_t>(a.shape.size());
  const std::vector<std::int64_t> src = normalized(source, ndim, "source");
  const std::vector<std::int64_t> dst = normalized(destination, ndim, "destination");
  if (src.size() != dst.size())
    throw value_error(
        "`source` and `destination` arguments must have the same number of elements");
  // The axes not moved, in order, then each moved axis inserted at its destination (in order of
  // increasing destination), as NumPy does.
  std::vector<std::int64_t> order;
  for (std::int64_t i = 0; i < ndim; ++i)
    if (std::find(src.begin(), src.end(), i) == src.end()) order.push_back(i);
  std::vector<std::size_t> by_dst(dst.size());
  std::iota(by_dst.begin(), by_dst.end(), std::size_t{0});
  std::sort(by_dst.begin(), by_dst.end(), [&](std::size_t x, std::size_t y) { return dst[x] < dst[y]; });
  for (const std::size_t k : by_dst) order.insert(order.begin() + dst[k], src[k]);
  return transpose(a, order);
}

array_desc rollaxis(const array_desc& a, std::int64_t axis, std::int64_t start) {
  const auto n = static_cast<std::int64_t>(a.shape.size());
  axis = normalize_axis(axis, n);
  if (start < 0) start += n;
  if (!(0 <= start && start < n + 1))
    throw axis_error("'start' arg requires " + std::to_string(-n) + " <= start < " +
                     std::to_string(n + 1) + ", but " + std::to_string(start) + " was passed in");
  if (axis < start) --start;  // it comes out of the axes before start
  if (axis == start) return a;
  std::vector<std::int64_t> order;
  for (std::int64_t i = 0; i < n; ++i)
    if (i != axis) order.push_back(i);
  order.insert(order.begin() + start, axis);
  return transpose(a, order);
}

array_desc flip(const array_desc& a, const std::optional<std::vector<std::int64_t>>& axes) {
  const auto ndim = static_cast<std::int64_t>(a.shape.size());
  std::vector<std::int64_t> which;
  if (axes) {
    which = normalized(*axes, ndim, "axis");
  } else {
    which.resize(static_cast<std::size_t>(ndim));
    std::iota(which.begin(), which.end(), std::int64_t{0});
  }
  std::vector<index_item> items(static_cast<std::size_t>(ndim), slice());
  for (const std::int64_t axis : which)
    items[static_cast<std::size_t>(axis)] = slice(std::nullopt, std::nullopt, -1);
  return index_view(a, items);
}

array_desc atleast(const array_desc& a, int ndim) {
  // NumPy's indexing with newaxis, so that every layout stays a view: 0-d gets ndim new axes,
  // (N,) becomes (1, N) or (1, N, 1), (M, N) becomes (M, N, 1).
  const std::size_t have = a.shape.size();
  if (have >= static_cast<std::size_t>(ndim)) return a;
  std::vector<index_item> items;
  if (have == 0) {
    items.assign(static_cast<std::size_t>(ndim), newaxis);
  } else if (have == 1) {
    items = {newaxis, slice()};
    if (ndim == 3) items.emplace_back(newaxis);
  } else {
    items = {slice(), slice(), newaxis};
  }
  return index_view(a, items);
}

}  // namespace cupp::detail
