// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// What the nvcc-built kernels (kernels/*.cu) share: the grid-stride loop they launch their
// elementwise steps with, and the order-preserving keys of floats (Note [Sort keys] in
// kernels/sort.cu). Included by .cu files only; generated kernels have kernels/cupp/*.cuh.
#pragma once

#include <cuda_runtime.h>

#include <algorithm>
#include <cstdint>

#include "cupp/core/error.hpp"
#include "cupp/indexing.cuh"

namespace cupp::detail::device {

constexpr int kThreads = 256;

/// Blocks for a grid-stride loop over n elements: one per kThreads elements, at most 2^16.
inline unsigned blocks_for(std::int64_t n) {
  return static_cast<unsigned>(
      std::max<std::int64_t>(1, std::min<std::int64_t>((n + kThreads - 1) / kThreads, 1 << 16)));
}

template <class F>
__global__ void for_each_kernel(std::int64_t n, F f) {
  for (long long i : cupp::grid_stride(n)) f(i);
}

/// f(i) for every i in [0, n), on `stream`.
template <class F>
void for_each(std::int64_t n, F f, cudaStream_t stream) {
  if (n <= 0) return;
  for_each_kernel<<<blocks_for(n), kThreads, 0, stream>>>(n, f);
  CUPP_CHECK_CUDA(cudaGetLastError());
}

/// The sign bit of U.
template <class U>
constexpr U kSign = U(U(1) << (sizeof(U) * 8 - 1));

/// Whether float bits (of a float whose +inf has bits `inf`) are a NaN.
template <class U>
__device__ __forceinline__ bool is_nan_bits(U bits, U inf) {
  return U(bits & U(~kSign<U>)) > inf;
}

/// The unsigned key of float bits whose order is NumPy's: -inf < ... < -0 = +0 < ... < +inf <
/// NaN, every NaN the largest key (so NaNs tie), -0.0 the key of +0.0.
template <class U>
__device__ __forceinline__ U float_order(U bits, U inf) {
  if (is_nan_bits(bits, inf)) return U(~U(0));
  if (U(bits & U(~kSign<U>)) == 0) return kSign<U>;
  return (bits & kSign<U>) ? U(~bits) : U(bits | kSign<U>);
}

/// The bits of a complex element.
template <class U>
struct cpx {
  U re, im;
};

}  // namespace cupp::detail::device
