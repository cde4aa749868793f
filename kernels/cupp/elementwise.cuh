// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Device helpers of the generated elementwise kernels.
#pragma once

/// The head of every kernel the elementwise and reduction engines generate (src/expr): an
/// `extern "C"` kernel (found by its plain name) of at most `threads` threads per block. The
/// engines write only the name and parameters of a variant; what a kernel is stays here.
#define CUPP_GENERATED_KERNEL(threads) extern "C" __global__ void __launch_bounds__(threads)

namespace cupp {

/// N elements of T moved as one aligned access: with sizeof(T) * N == 16, a 16-byte load/store.
template <class T, int N>
struct alignas(sizeof(T) * N) vec {
  T v[N];
};

}  // namespace cupp
