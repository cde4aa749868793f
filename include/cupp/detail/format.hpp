// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// NumPy's repr of host data, type-erased and compiled once in src/core/format.cpp.
#pragma once

#include <string>

#include "cupp/core/dtype.hpp"
#include "cupp/core/shape.hpp"

namespace cupp::detail {

/// NumPy's repr of an array whose elements (C order, `shape_size(shape)` of them, of dtype `d`)
/// are at `data` on the host: "array([1., 2.], dtype=float32)", summarised past 1000 elements.
/// Equivalent to numpy.array_repr with the default print options of NumPy 2.3+ (bfloat16 elements
/// as ml_dtypes prints them). `data` may be null when the shape has no elements.
std::string format_repr(const void* data, cupp::dtype d, const cupp::shape_t& shape);

}  // namespace cupp::detail
