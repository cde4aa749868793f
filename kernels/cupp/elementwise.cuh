// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Device helpers of the generated elementwise kernels.
#pragma once

namespace cupp {

/// N elements of T moved as one aligned access: with sizeof(T) * N == 16, a 16-byte load/store.
template <class T, int N>
struct alignas(sizeof(T) * N) vec {
  T v[N];
};

}  // namespace cupp
