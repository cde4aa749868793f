// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Kernel sources shared by the compiler and cache tests.
#pragma once

#include <string>

namespace cupp::test {

/// CuPy's documented RawKernel example.
inline const std::string kAddArrays =
    R"(extern "C" __global__ void add_arrays(const float* x1, const float* x2, float* y, int n) {
  int tid = blockDim.x * blockIdx.x + threadIdx.x;
  if (tid < n) y[tid] = x1[tid] + x2[tid];
}
)";

/// A template kernel, instantiated through name expressions ("scale<float>").
inline const std::string kScale = R"(template <class T>
__global__ void scale(T* x, T factor, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] *= factor;
}
)";

}  // namespace cupp::test
