// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#pragma once

#include <cstdint>

#include "cupp/core/ndarray.hpp"

namespace cupp::test {

/// An ndarray with a shape and no memory: enough to build expression types and check their
/// types, shapes and errors without a GPU. `address` stands for the device pointer (for tests
/// that tell arrays apart by it).
template <class T>
ndarray<T> shaped(const shape_t& shape, std::uintptr_t address = 0) {
  cupp::detail::array_desc d;
  d.ptr = reinterpret_cast<char*>(address);
  d.dt = dtype_of<T>;
  d.shape = shape;
  d.strides = c_strides(shape);
  return ndarray<T>(d);
}

}  // namespace cupp::test
