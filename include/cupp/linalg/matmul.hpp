// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// numpy.matmul on cuBLAS: 1-D operands promoted as NumPy does, leading dimensions broadcast as a
// batch, transposed and sliced operands passed as transpose flags and leading dimensions.
#pragma once

#include <string>
#include <type_traits>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/core/promotion.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/expr/expression.hpp"
#include "cupp/linalg/common.hpp"

namespace cupp {

namespace detail {
/// The shape of matmul(a, b) for operand shapes `a` and `b`, with NumPy's checks and messages:
/// value_error "matmul: Input operand 0 does not have enough dimensions (has 0, gufunc core with
/// signature (n?,k),(k,m?)->(n?,m?) requires 1)", "matmul: Input operand 1 has a mismatch in its
/// core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size 3 is different from 4)"
/// and broadcast_error for batch dimensions that do not broadcast.
shape_t matmul_shape(const shape_t& a, const shape_t& b);
/// matmul of two arrays of one dtype (any of the 15), any layouts; a new C-contiguous array.
array_desc matmul(const array_desc& a, const array_desc& b);
}  // namespace detail

/// numpy.matmul (the `@` operator): the matrix product of the last two axes, the leading axes
/// broadcast as a batch; a 1-D first operand is a row vector and a 1-D second operand a column
/// vector, their axis removed from the result. The dtype is NumPy's promotion of the two.
/// float16 and bfloat16 multiply on tensor cores accumulating in float32; float32 too when
/// linalg::set_tf32(true). Integer and bool products are exact (integers wrap as NumPy's do;
/// bool is any(a and b)).
template <class A, class B>
ndarray<promote_t<A, B>> matmul(const ndarray<A>& a, const ndarray<B>& b) {
  using R = promote_t<A, B>;
  if constexpr (std::is_same_v<A, R> && std::is_same_v<B, R>) {
    return ndarray<R>(detail::matmul(a.desc(), b.desc()));
  } else {
    // Check shapes before converting, so that a bad call costs no kernel.
    (void)detail::matmul_shape(a.shape(), b.shape());
    return ndarray<R>(detail::matmul(linalg::detail::as_dtype<R>(a).desc(),
                                     linalg::detail::as_dtype<R>(b).desc()));
  }
}

}  // namespace cupp
