// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Arrays for the manipulation and indexing tests: descriptions with no memory, for shape and view
// arithmetic without a GPU, and an exact check of a device result against host values.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "cupp/core/ndarray.hpp"
#include "support/dtypes.hpp"

namespace cupp::test {

/// A C-contiguous description with no memory behind it: its pointer is a placeholder that is
/// never read or written. Enough for shape, stride and error logic.
inline detail::array_desc described(const shape_t& shape, dtype dt = dtype::float32) {
  static char placeholder[1 << 16];
  detail::array_desc d;
  d.shape = shape;
  d.strides = c_strides(shape);
  d.dt = dt;
  d.ptr = placeholder;
  return d;
}

/// value_at(first), ..., value_at(first + n - 1).
template <class T>
std::vector<T> values_from(std::int64_t first, std::int64_t n) {
  std::vector<T> v;
  for (std::int64_t i = 0; i < n; ++i) v.push_back(value_at<T>(first + i));
  return v;
}

/// `got` has `shape` and, bit for bit, the C-order values `want`.
template <class T>
void expect_values(const ndarray<T>& got, const shape_t& shape, const std::vector<T>& want) {
  ASSERT_EQ(got.shape(), shape);
  const std::vector<T> g = got.get();
  ASSERT_EQ(g.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i)
    ASSERT_TRUE(same_bits<T>(g[i], want[i])) << "at flat index " << i;
}

}  // namespace cupp::test
