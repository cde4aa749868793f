// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The one switch from a run-time dtype to the templates.
#pragma once

#include "cupp/core/dtype.hpp"
#include "cupp/core/promotion.hpp"

namespace cupp {

/// Names an element type as a value: what visit_dtype hands its function.
template <class T>
struct type_tag {
  /// The element type named.
  using type = T;
};

/// Calls f(type_tag<T>{}) for the C++ element type T of `dt` and returns what it returns (the
/// same type for every T): cupp::array::visit, the file readers and einsum go through it.
template <class F>
decltype(auto) visit_dtype(dtype dt, F&& f) {
  switch (dt) {
#define CUPP_DTYPE_CASE(D) \
  case dtype::D:           \
    return f(type_tag<type_of_t<dtype::D>>{});
    CUPP_DTYPE_CASE(bool_)
    CUPP_DTYPE_CASE(int8)
    CUPP_DTYPE_CASE(int16)
    CUPP_DTYPE_CASE(int32)
    CUPP_DTYPE_CASE(int64)
    CUPP_DTYPE_CASE(uint8)
    CUPP_DTYPE_CASE(uint16)
    CUPP_DTYPE_CASE(uint32)
    CUPP_DTYPE_CASE(uint64)
    CUPP_DTYPE_CASE(float16)
    CUPP_DTYPE_CASE(bfloat16)
    CUPP_DTYPE_CASE(float32)
    CUPP_DTYPE_CASE(float64)
    CUPP_DTYPE_CASE(complex64)
    CUPP_DTYPE_CASE(complex128)
#undef CUPP_DTYPE_CASE
  }
  return f(type_tag<double>{});  // not reached: the switch names all 15 dtypes
}

}  // namespace cupp
