// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The single-precision SVD through a double-precision Gram matrix (Note [SVD through a double
// Gram matrix] in svd_gram.cpp).
#pragma once

#include "cupp/linalg/decompositions.hpp"

namespace cupp::linalg::detail {

/// True when svd_gram serves `a` (float32 or complex64, every matrix larger than the batched
/// Jacobi route takes, a non-empty batch).
bool svd_gram_applies(const array_desc& a);
/// svd or svdvals of `a` (..., M, N) through the Gram matrix; shapes as svd_array returns them.
svd_arrays svd_gram(const array_desc& a, bool compute_uv, bool full_matrices);

}  // namespace cupp::linalg::detail
