// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Host references for the solve tests: random inputs from a fixed seed, and LU, determinants and
// Cholesky factors computed in complex<double> by textbook loops.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <random>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/ndarray.hpp"
#include "support/host_values.hpp"

namespace cupp::test::solve_ref {

using namespace cupp::test::host_ref;

/// Hermitian positive-definite matrices B B^H + n I, a stack of `count` n x n, C order.
template <class T>
std::vector<T> hpd_values(std::int64_t count, std::int64_t n, unsigned seed) {
  const std::vector<T> b = random_values<T>(count * n * n, seed);
  std::vector<T> out(static_cast<std::size_t>(count * n * n));
  for (std::int64_t z = 0; z < count; ++z)
    for (std::int64_t i = 0; i < n; ++i)
      for (std::int64_t j = 0; j < n; ++j) {
        cd acc = (i == j) ? cd(static_cast<double>(n), 0.0) : cd(0.0, 0.0);
        for (std::int64_t k = 0; k < n; ++k)
          acc += as_c(b[static_cast<std::size_t>((z * n + i) * n + k)]) *
                 std::conj(as_c(b[static_cast<std::size_t>((z * n + j) * n + k)]));
        if (i == j) acc = cd(acc.real(), 0.0);
        out[static_cast<std::size_t>((z * n + i) * n + j)] = from_c<T>(acc);
      }
  return out;
}

/// One n x n matrix of a C-order stack, as complex<double>.
template <class T>
std::vector<cd> matrix_at(const std::vector<T>& v, std::int64_t z, std::int64_t rows,
                          std::int64_t cols) {
  std::vector<cd> m(static_cast<std::size_t>(rows * cols));
  for (std::int64_t i = 0; i < rows * cols; ++i)
    m[static_cast<std::size_t>(i)] = as_c(v[static_cast<std::size_t>(z * rows * cols + i)]);
  return m;
}

/// LU with partial pivoting in place (row-major n x n); the determinant.
inline cd det_ref(std::vector<cd> a, std::int64_t n) {
  cd det = 1.0;
  for (std::int64_t j = 0; j < n; ++j) {
    std::int64_t p = j;
    for (std::int64_t i = j + 1; i < n; ++i)
      if (std::abs(a[static_cast<std::size_t>(i * n + j)]) >
          std::abs(a[static_cast<std::size_t>(p * n + j)]))
        p = i;
    if (a[static_cast<std::size_t>(p * n + j)] == cd(0.0)) return 0.0;
    if (p != j) {
      for (std::int64_t k = 0; k < n; ++k)
        std::swap(a[static_cast<std::size_t>(j * n + k)], a[static_cast<std::size_t>(p * n + k)]);
      det = -det;
    }
    const cd piv = a[static_cast<std::size_t>(j * n + j)];
    det *= piv;
    for (std::int64_t i = j + 1; i < n; ++i) {
      const cd l = a[static_cast<std::size_t>(i * n + j)] / piv;
      for (std::int64_t k = j; k < n; ++k)
        a[static_cast<std::size_t>(i * n + k)] -= l * a[static_cast<std::size_t>(j * n + k)];
    }
  }
  return det;
}

/// (sign, log|det|) of a row-major n x n matrix (summing logs: no overflow); (0, -inf) when
/// singular.
inline std::pair<cd, double> slogdet_ref(std::vector<cd> a, std::int64_t n) {
  double lg = 0.0;
  cd sign = 1.0;
  for (std::int64_t j = 0; j < n; ++j) {
    std::int64_t p = j;
    for (std::int64_t i = j + 1; i < n; ++i)
      if (std::abs(a[static_cast<std::size_t>(i * n + j)]) >
          std::abs(a[static_cast<std::size_t>(p * n + j)]))
        p = i;
    if (p != j) {
      for (std::int64_t k = 0; k < n; ++k)
        std::swap(a[static_cast<std::size_t>(j * n + k)], a[static_cast<std::size_t>(p * n + k)]);
      sign = -sign;
    }
    const cd piv = a[static_cast<std::size_t>(j * n + j)];
    if (piv == cd(0.0)) return {cd(0.0), -std::numeric_limits<double>::infinity()};
    lg += std::log(std::abs(piv));
    sign *= piv / std::abs(piv);
    for (std::int64_t i = j + 1; i < n; ++i) {
      const cd l = a[static_cast<std::size_t>(i * n + j)] / piv;
      for (std::int64_t k = j; k < n; ++k)
        a[static_cast<std::size_t>(i * n + k)] -= l * a[static_cast<std::size_t>(j * n + k)];
    }
  }
  return {sign, lg};
}

/// The inverse of a nonsingular row-major n x n matrix (Gauss-Jordan with partial pivoting).
inline std::vector<cd> inverse_ref(std::vector<cd> a, std::int64_t n) {
  const auto at = [n](std::int64_t i, std::int64_t j) {
    return static_cast<std::size_t>(i * n + j);
  };
  std::vector<cd> x(static_cast<std::size_t>(n * n), cd(0.0));
  for (std::int64_t i = 0; i < n; ++i) x[at(i, i)] = 1.0;
  for (std::int64_t j = 0; j < n; ++j) {
    std::int64_t p = j;
    for (std::int64_t i = j + 1; i < n; ++i)
      if (std::abs(a[at(i, j)]) > std::abs(a[at(p, j)])) p = i;
    for (std::int64_t k = 0; k < n; ++k) {
      std::swap(a[at(j, k)], a[at(p, k)]);
      std::swap(x[at(j, k)], x[at(p, k)]);
    }
    const cd piv = a[at(j, j)];
    for (std::int64_t k = 0; k < n; ++k) {
      a[at(j, k)] /= piv;
      x[at(j, k)] /= piv;
    }
    for (std::int64_t i = 0; i < n; ++i) {
      if (i == j) continue;
      const cd l = a[at(i, j)];
      for (std::int64_t k = 0; k < n; ++k) {
        a[at(i, k)] -= l * a[at(j, k)];
        x[at(i, k)] -= l * x[at(j, k)];
      }
    }
  }
  return x;
}

inline double frobenius(const std::vector<cd>& v) {
  double s = 0.0;
  for (const cd& x : v) s += std::norm(x);
  return std::sqrt(s);
}

/// The Frobenius-norm condition number ||A|| ||A^-1|| of a nonsingular matrix.
inline double condition_ref(const std::vector<cd>& a, std::int64_t n) {
  return frobenius(a) * frobenius(inverse_ref(a, n));
}

/// The lower Cholesky factor of a Hermitian positive-definite row-major n x n matrix, reading
/// only its lower triangle.
inline std::vector<cd> cholesky_ref(const std::vector<cd>& a, std::int64_t n) {
  std::vector<cd> l(static_cast<std::size_t>(n * n), cd(0.0));
  for (std::int64_t j = 0; j < n; ++j) {
    double d = a[static_cast<std::size_t>(j * n + j)].real();
    for (std::int64_t k = 0; k < j; ++k) d -= std::norm(l[static_cast<std::size_t>(j * n + k)]);
    const double djj = std::sqrt(d);
    l[static_cast<std::size_t>(j * n + j)] = djj;
    for (std::int64_t i = j + 1; i < n; ++i) {
      cd s = a[static_cast<std::size_t>(i * n + j)];
      for (std::int64_t k = 0; k < j; ++k)
        s -= l[static_cast<std::size_t>(i * n + k)] *
             std::conj(l[static_cast<std::size_t>(j * n + k)]);
      l[static_cast<std::size_t>(i * n + j)] = s / djj;
    }
  }
  return l;
}

inline double max_abs(const std::vector<cd>& v) {
  double m = 0.0;
  for (const cd& x : v) m = std::max(m, std::abs(x));
  return m;
}

/// max |A X - B| relative to |A| |X| n + |B| (max norms) for row-major A (n x n), X and B
/// (n x k): the backward error, which holds whatever A's condition.
inline double residual(const std::vector<cd>& a, const std::vector<cd>& x, const std::vector<cd>& b,
                       std::int64_t n, std::int64_t k) {
  double worst = 0.0;
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t j = 0; j < k; ++j) {
      cd acc = -b[static_cast<std::size_t>(i * k + j)];
      for (std::int64_t p = 0; p < n; ++p)
        acc += a[static_cast<std::size_t>(i * n + p)] * x[static_cast<std::size_t>(p * k + j)];
      worst = std::max(worst, std::abs(acc));
    }
  const double scale = max_abs(a) * max_abs(x) * static_cast<double>(n) + max_abs(b);
  return scale > 0 ? worst / scale : worst;
}

}  // namespace cupp::test::solve_ref
