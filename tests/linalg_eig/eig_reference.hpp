// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Host references shared by the eigenvalue and norm tests: complex<double> matrices and random
// unitary ones.
#pragma once

#include <cmath>
#include <complex>
#include <cstdint>
#include <random>
#include <type_traits>
#include <vector>

#include "support/host_values.hpp"

namespace eig_ref {

using cplx = std::complex<double>;
using Mat = std::vector<cplx>;  // row-major

using cupp::test::host_ref::as_c;
using cupp::test::host_ref::is_cplx;

/// A random unitary (real orthogonal when !complex) n x n matrix: Gram-Schmidt of a Gaussian one.
inline Mat random_unitary(std::int64_t n, bool complex, std::mt19937& gen) {
  std::normal_distribution<double> g;
  Mat q(static_cast<std::size_t>(n * n));
  for (auto& z : q) z = cplx(g(gen), complex ? g(gen) : 0.0);
  for (std::int64_t j = 0; j < n; ++j) {
    for (std::int64_t k = 0; k < j; ++k) {
      cplx dot = 0;
      for (std::int64_t i = 0; i < n; ++i) dot += std::conj(q[i * n + k]) * q[i * n + j];
      for (std::int64_t i = 0; i < n; ++i) q[i * n + j] -= dot * q[i * n + k];
    }
    double nrm = 0;
    for (std::int64_t i = 0; i < n; ++i) nrm += std::norm(q[i * n + j]);
    nrm = std::sqrt(nrm);
    for (std::int64_t i = 0; i < n; ++i) q[i * n + j] /= nrm;
  }
  return q;
}

}  // namespace eig_ref
