// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The README's first program, whole: built and run by the examples command, so the README's copy
// (checked against this file by tests/core/test_doc_examples.cpp) always compiles and runs.
// example-begin first_program
#include <cupp/array.hpp>

#include <iostream>
#include <vector>

int main() {
  auto x = cupp::linspace<float>(0, 1, 5);           // np.linspace(0, 1, 5, dtype=np.float32)
  auto y = 2.0f * x * x + 1.0f;                      // an expression: nothing has run yet
  cupp::ndarray<float> z = y;                        // one fused kernel runs here
  auto m = cupp::arange<float>(12).reshape({3, 4});  // np.arange(12).reshape(3, 4), float32
  auto col_means = cupp::mean(m, 0);                 // m.mean(axis=0), float32, shape (4,)
  std::cout << z << "\n" << m(cupp::slice(), 1) << "\n" << col_means << "\n";
  std::vector<float> host = z.get();                 // a copy on the host, as z.get() in CuPy
  std::cout << (host[4] == 3.0f ? "ok" : "wrong") << "\n";
  return host[4] == 3.0f ? 0 : 1;                    // 2 * 1 * 1 + 1
}
// example-end
