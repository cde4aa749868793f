// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// NumPy's repr, str and array2string of host data, type-erased and compiled once in
// src/core/format.cpp.
#pragma once

#include <string>

#include "cupp/core/dtype.hpp"
#include "cupp/core/printoptions.hpp"
#include "cupp/core/shape.hpp"

namespace cupp::detail {

/// NumPy's repr of an array whose elements (C order, `shape_size(shape)` of them, of dtype `d`)
/// are at `data` on the host: "array([1., 2.], dtype=float32)", summarised past `threshold`
/// elements. Equivalent to numpy.array_repr under `options` (bfloat16 elements as ml_dtypes
/// prints them). `data` may be null when the shape has no elements.
std::string format_repr(const void* data, cupp::dtype d, const cupp::shape_t& shape,
                        const printoptions& options);
/// The same under the calling thread's current options (cupp::get_printoptions()).
std::string format_repr(const void* data, cupp::dtype d, const cupp::shape_t& shape);

/// numpy.array_str: "[1. 2.]"; a 0-d array prints as its scalar's str ("3.0", "(1+2j)").
std::string format_str(const void* data, cupp::dtype d, const cupp::shape_t& shape,
                       const printoptions& options);

/// numpy.array2string(a, separator=separator, prefix=prefix, suffix=suffix) under `options`:
/// continuation lines are indented by the length of `prefix` (which is not printed), and lines
/// are broken `suffix.size()` columns before options.linewidth.
std::string format_array2string(const void* data, cupp::dtype d, const cupp::shape_t& shape,
                                const printoptions& options, const std::string& separator,
                                const std::string& prefix, const std::string& suffix);

/// Throws value_error, in NumPy's words, when `options` cannot be printed with.
void check_printoptions(const printoptions& options);

}  // namespace cupp::detail
