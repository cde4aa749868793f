// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The worked example of docs/kernels.md: a routine's kernel, y = a x + y, as a routine's header
// holds it. No routine of the library uses it; tests/jit/test_kernel_layer.cpp compiles and runs
// it as the page shows. Included after a preamble that defines the variant:
//   cupp_t           the element type
//   CUPP_AXPY_NAME   the kernel's name, cupp_example_axpy_<dtype>
#pragma once

// example-begin header
#include <cupp/indexing.cuh>

extern "C" __global__ void CUPP_AXPY_NAME(const cupp_t* __restrict__ x, cupp_t* __restrict__ y,
                                          cupp_t a, long long n) {
  for (long long i : cupp::grid_stride(n)) y[i] = a * x[i] + y[i];
}
// example-end
