// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Two random 1000 x 1000 matrices, their product on the GPU, printed; one entry checked on the host.
#include <cupp/array.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <vector>

int main() {
  // example-begin matmul
  cupp::random::seed(0);
  auto a = cupp::random::rand<float>({1000, 1000});
  auto b = cupp::random::rand<float>({1000, 1000});
  auto c = cupp::matmul(a, b);  // cuBLAS
  std::cout << c << "\n";
  // example-end

  // c[i, j] = sum over k of a[i, k] * b[k, j], summed on the host in double.
  const std::vector<float> ha = a.get(), hb = b.get(), hc = c.get();
  const std::size_t n = 1000, i = 123, j = 456;
  double expect = 0, magnitude = 0;
  for (std::size_t k = 0; k < n; ++k) {
    expect += static_cast<double>(ha[i * n + k]) * hb[k * n + j];
    magnitude += std::abs(static_cast<double>(ha[i * n + k]) * hb[k * n + j]);
  }
  const double got = hc[i * n + j];
  const double tolerance = 2.0 * n * 1.2e-7 * magnitude;
  std::printf("c[%zu, %zu] = %.6f, host %.6f: %s\n", i, j, got, expect,
              std::abs(got - expect) <= tolerance ? "ok" : "MISMATCH");
  return std::abs(got - expect) <= tolerance ? 0 : 1;
}
