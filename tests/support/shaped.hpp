// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#pragma once

#include "cupp/core/ndarray.hpp"

namespace cupp::test {

/// An ndarray with a shape and no memory: enough to build expression types and check their
/// types, shapes and errors without a GPU.
template <class T>
ndarray<T> shaped(const shape_t& shape) {
  cupp::detail::array_desc d;
  d.dt = dtype_of<T>;
  d.shape = shape;
  d.strides = c_strides(shape);
  return ndarray<T>(d);
}

}  // namespace cupp::test
