// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// A user kernel with RawKernel: add two random float arrays, print the result, check it on the host.
#include <cupp/array.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>

int main() {
  // example-begin custom_kernel
  cupp::RawKernel add_arrays(R"(
extern "C" __global__ void add_arrays(const float* x1, const float* x2, float* y, int n) {
  int tid = blockDim.x * blockIdx.x + threadIdx.x;
  if (tid < n) y[tid] = x1[tid] + x2[tid];
}
)", "add_arrays");

  const int n = 1024;
  auto x1 = cupp::random::rand<float>({n});
  auto x2 = cupp::random::rand<float>({n});
  auto y = cupp::zeros<float>({n});
  add_arrays({n / 128}, {128}, x1, x2, y, n);  // grid, block, arguments
  std::cout << y << "\n";
  // example-end

  const auto a = x1.get(), b = x2.get(), c = y.get();
  int wrong = 0;
  for (int i = 0; i < n; ++i)
    if (c[static_cast<std::size_t>(i)] != a[static_cast<std::size_t>(i)] + b[static_cast<std::size_t>(i)]) ++wrong;
  std::printf("%d of %d elements differ from the host sum\n", wrong, n);
  return wrong == 0 ? 0 : 1;
}
