// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Host references for the decomposition tests: complex<double> matrices, products, a
// Gauss-Jordan inverse and a one-sided Jacobi SVD (singular values to full double accuracy), and
// random inputs from a fixed seed.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/linalg/decompositions.hpp"
#include "support/host_values.hpp"

namespace decomp_test {

using cupp::shape_t;
using cplx = std::complex<double>;

using cupp::test::host_ref::as_c;
using cupp::test::host_ref::from_c;
using cupp::test::host_ref::is_cplx;

/// The dtype linalg computes in for T, its real type, and that type's eps.
template <class T>
using lin_t = cupp::linalg::detail::linalg_t<T>;
template <class T>
using real_of_t = cupp::linalg::detail::real_t<lin_t<T>>;
template <class T>
double eps() {
  return static_cast<double>(std::numeric_limits<real_of_t<T>>::epsilon());
}

/// Uniform in [-1, 1] (both parts for complex); integers in [-5, 5].
template <class T>
std::vector<T> random_values(std::int64_t n, unsigned seed) {
  std::mt19937 g(seed);
  std::vector<T> v(static_cast<std::size_t>(n));
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  for (auto& x : v) {
    if constexpr (std::is_integral_v<T>) {
      x = static_cast<T>(std::uniform_int_distribution<int>(-5, 5)(g));
    } else if constexpr (is_cplx<T>) {
      const double re = u(g);
      x = from_c<T>(cplx(re, u(g)));
    } else {
      x = static_cast<T>(u(g));
    }
  }
  return v;
}

template <class T>
cupp::ndarray<T> random_array(const shape_t& shape, unsigned seed) {
  std::int64_t n = 1;
  for (auto d : shape) n *= d;
  return cupp::asarray<T>(random_values<T>(n, seed), shape);
}

/// A row-major complex<double> matrix.
struct hmat {
  std::int64_t r = 0, c = 0;
  std::vector<cplx> v;
  hmat() = default;
  hmat(std::int64_t rows, std::int64_t cols)
      : r(rows), c(cols), v(static_cast<std::size_t>(rows * cols)) {}
  cplx& operator()(std::int64_t i, std::int64_t j) { return v[static_cast<std::size_t>(i * c + j)]; }
  const cplx& operator()(std::int64_t i, std::int64_t j) const {
    return v[static_cast<std::size_t>(i * c + j)];
  }
};

/// Matrix `index` of a C-order batch of r x c matrices.
template <class T>
hmat matrix_of(const std::vector<T>& values, std::int64_t index, std::int64_t r, std::int64_t c) {
  hmat m(r, c);
  for (std::int64_t i = 0; i < r * c; ++i)
    m.v[static_cast<std::size_t>(i)] = as_c(values[static_cast<std::size_t>(index * r * c + i)]);
  return m;
}

inline hmat mul(const hmat& a, const hmat& b) {
  hmat out(a.r, b.c);
  for (std::int64_t i = 0; i < a.r; ++i)
    for (std::int64_t k = 0; k < a.c; ++k) {
      const cplx x = a(i, k);
      for (std::int64_t j = 0; j < b.c; ++j) out(i, j) += x * b(k, j);
    }
  return out;
}

inline hmat adj(const hmat& a) {
  hmat out(a.c, a.r);
  for (std::int64_t i = 0; i < a.r; ++i)
    for (std::int64_t j = 0; j < a.c; ++j) out(j, i) = std::conj(a(i, j));
  return out;
}

inline hmat eye(std::int64_t n) {
  hmat out(n, n);
  for (std::int64_t i = 0; i < n; ++i) out(i, i) = 1.0;
  return out;
}

inline double fro(const hmat& a) {
  double s = 0;
  for (const auto& x : a.v) s += std::norm(x);
  return std::sqrt(s);
}

inline double fro_diff(const hmat& a, const hmat& b) {
  EXPECT_EQ(a.r, b.r);
  EXPECT_EQ(a.c, b.c);
  if (a.r != b.r || a.c != b.c) return std::numeric_limits<double>::infinity();
  double s = 0;
  for (std::size_t i = 0; i < a.v.size(); ++i) s += std::norm(a.v[i] - b.v[i]);
  return std::sqrt(s);
}

/// U[:, :k] diag(s) Vh[:k, :] for k = s.size().
inline hmat usv(const hmat& u, const std::vector<double>& s, const hmat& vh) {
  const auto k = static_cast<std::int64_t>(s.size());
  hmat out(u.r, vh.c);
  for (std::int64_t i = 0; i < u.r; ++i)
    for (std::int64_t p = 0; p < k; ++p) {
      const cplx x = u(i, p) * s[static_cast<std::size_t>(p)];
      for (std::int64_t j = 0; j < vh.c; ++j) out(i, j) += x * vh(p, j);
    }
  return out;
}

/// Gauss-Jordan with partial pivoting.
inline hmat inv(hmat a) {
  const std::int64_t n = a.r;
  hmat x = eye(n);
  for (std::int64_t col = 0; col < n; ++col) {
    std::int64_t piv = col;
    for (std::int64_t i = col + 1; i < n; ++i)
      if (std::abs(a(i, col)) > std::abs(a(piv, col))) piv = i;
    for (std::int64_t j = 0; j < n; ++j) {
      std::swap(a(col, j), a(piv, j));
      std::swap(x(col, j), x(piv, j));
    }
    const cplx d = a(col, col);
    for (std::int64_t j = 0; j < n; ++j) {
      a(col, j) /= d;
      x(col, j) /= d;
    }
    for (std::int64_t i = 0; i < n; ++i) {
      if (i == col) continue;
      const cplx f = a(i, col);
      if (f == cplx(0)) continue;
      for (std::int64_t j = 0; j < n; ++j) {
        a(i, j) -= f * a(col, j);
        x(i, j) -= f * x(col, j);
      }
    }
  }
  return x;
}

/// The pseudo-inverse of a matrix of full rank: (A^H A)^-1 A^H or A^H (A A^H)^-1.
inline hmat pinv_full_rank(const hmat& a) {
  const hmat ah = adj(a);
  return a.r >= a.c ? mul(inv(mul(ah, a)), ah) : mul(ah, inv(mul(a, ah)));
}

/// Singular values, descending, by one-sided (Hestenes) Jacobi in double.
inline std::vector<double> svdvals_ref(const hmat& a_in) {
  hmat a = a_in.r >= a_in.c ? a_in : adj(a_in);  // m >= n
  const std::int64_t m = a.r, n = a.c;
  for (int sweep = 0; sweep < 80; ++sweep) {
    bool rotated = false;
    for (std::int64_t p = 0; p < n; ++p)
      for (std::int64_t q = p + 1; q < n; ++q) {
        double alpha = 0, beta = 0;
        cplx gamma = 0;
        for (std::int64_t i = 0; i < m; ++i) {
          alpha += std::norm(a(i, p));
          beta += std::norm(a(i, q));
          gamma += std::conj(a(i, p)) * a(i, q);
        }
        const double g = std::abs(gamma);
        if (g == 0 || g <= 1e-15 * std::sqrt(alpha * beta)) continue;
        rotated = true;
        const cplx phase = std::conj(gamma / g);  // a_q * phase makes a_p^H a_q real
        const double zeta = (beta - alpha) / (2 * g);
        const double t = (zeta >= 0 ? 1.0 : -1.0) / (std::abs(zeta) + std::sqrt(1 + zeta * zeta));
        const double c = 1 / std::sqrt(1 + t * t), s = c * t;
        for (std::int64_t i = 0; i < m; ++i) {
          const cplx ap = a(i, p), aq = a(i, q) * phase;
          a(i, p) = c * ap - s * aq;
          a(i, q) = s * ap + c * aq;
        }
      }
    if (!rotated) break;
  }
  std::vector<double> s(static_cast<std::size_t>(n));
  for (std::int64_t j = 0; j < n; ++j) {
    double x = 0;
    for (std::int64_t i = 0; i < m; ++i) x += std::norm(a(i, j));
    s[static_cast<std::size_t>(j)] = std::sqrt(x);
  }
  std::sort(s.begin(), s.end(), std::greater<double>());
  return s;
}

/// The ranks of the six 5 x 6 matrices of the matrix_rank test, and their values: products of
/// integer-valued factors (entries in [-5, 5], both parts for complex), exact in every dtype.
inline std::vector<std::int64_t> rank_test_ranks() { return {1, 2, 3, 5, 4, 2}; }
template <class T>
std::vector<T> rank_test_values() {
  std::vector<T> values;
  const auto ranks = rank_test_ranks();
  const auto factor = [](std::int64_t r, std::int64_t c, unsigned seed) {
    const auto re = random_values<std::int32_t>(r * c, seed);
    const auto im = random_values<std::int32_t>(r * c, seed + 7);
    hmat f(r, c);
    for (std::int64_t i = 0; i < r * c; ++i)
      f.v[static_cast<std::size_t>(i)] =
          cplx(re[static_cast<std::size_t>(i)], is_cplx<T> ? im[static_cast<std::size_t>(i)] : 0);
    return f;
  };
  for (std::size_t i = 0; i < ranks.size(); ++i) {
    const std::int64_t r = ranks[i];
    const hmat a = mul(factor(5, r, 1000 + static_cast<unsigned>(i)),
                       factor(r, 6, 1100 + static_cast<unsigned>(i)));
    for (const auto& x : a.v) values.push_back(from_c<T>(x));
  }
  return values;
}

using cupp::test::message_of;

using Dtypes = ::testing::Types<float, double, std::complex<float>, std::complex<double>,
                                std::int32_t>;

}  // namespace decomp_test
