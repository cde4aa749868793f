// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The host reference of the product tests: a plain-loop einsum in complex<double> (every product
// of cupp's linalg/products.hpp is an einsum), random inputs exactly representable in each dtype,
// and the comparison that holds a device result to the reference with a c * K * eps(T) bound.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "cupp/array.hpp"

namespace cupp::test::products {

using cd = std::complex<double>;

template <class T>
inline constexpr bool is_complex_v = false;
template <class R>
inline constexpr bool is_complex_v<std::complex<R>> = true;

template <class T>
cd to_cd(const T& v) {
  if constexpr (is_complex_v<T>)
    return {static_cast<double>(v.real()), static_cast<double>(v.imag())};
  else if constexpr (std::is_same_v<T, cupp::float16> || std::is_same_v<T, cupp::bfloat16>)
    return {static_cast<double>(static_cast<float>(v)), 0.0};
  else
    return {static_cast<double>(v), 0.0};
}

/// n values of T from a fixed-seed generator: small integers (so that integer products are
/// exact and never wrap), alternating bools, reals and complex numbers in [-1, 1].
template <class T>
std::vector<T> random_values(std::int64_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  std::uniform_int_distribution<int> small(-4, 4);
  std::vector<T> v;
  v.reserve(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    if constexpr (std::is_same_v<T, bool>) {
      v.push_back(small(gen) > 0);
    } else if constexpr (std::is_integral_v<T>) {
      const int x = small(gen);
      v.push_back(static_cast<T>(std::is_signed_v<T> ? x : x + 4));
    } else if constexpr (is_complex_v<T>) {
      using R = typename T::value_type;
      const double re = u(gen), im = u(gen);
      v.push_back(T(static_cast<R>(re), static_cast<R>(im)));
    } else {
      v.push_back(T(u(gen)));
    }
  }
  return v;
}

/// A new array of `shape` holding random_values.
template <class T>
ndarray<T> random_array(const shape_t& shape, unsigned seed) {
  ndarray<T> a(shape);
  a.set(random_values<T>(a.size(), seed));
  return a;
}

/// An operand of the reference: its values in C order and its shape.
struct operand {
  std::vector<cd> values;
  shape_t shape;
};

/// The values of `a` on the host (C order of its view) as an operand.
template <class T>
operand host(const ndarray<T>& a) {
  operand o;
  o.shape = a.shape();
  for (const T& v : a.get()) o.values.push_back(to_cd(v));
  return o;
}

/// The reference result: each value and the sum of the magnitudes of its terms (the scale of
/// its rounding error), and the number of terms per element.
struct result {
  std::vector<cd> values;
  std::vector<double> magnitudes;
  shape_t shape;
  std::int64_t terms = 0;
};

/// numpy.einsum with an explicit output ("ij,jk->ik", letters only, no ellipsis) by plain loops
/// over every label; a label of length 1 in one operand broadcasts against a longer one.
/// `conj_first` conjugates operand 0 (vdot).
inline result einsum_ref(const std::string& subscripts, const std::vector<operand>& ops,
                         bool conj_first = false) {
  const auto arrow = subscripts.find("->");
  const std::string in = subscripts.substr(0, arrow), out = subscripts.substr(arrow + 2);
  std::vector<std::string> terms(1);
  for (char c : in) {
    if (c == ',')
      terms.emplace_back();
    else
      terms.back() += c;
  }
  std::map<char, std::int64_t> size;
  for (std::size_t i = 0; i < ops.size(); ++i)
    for (std::size_t d = 0; d < terms[i].size(); ++d)
      size[terms[i][d]] = std::max(size[terms[i][d]], ops[i].shape[d]);
  std::vector<char> labels;
  for (const auto& [c, n] : size) labels.push_back(c);
  result r;
  for (char c : out) r.shape.push_back(size[c]);
  std::int64_t out_size = 1;
  for (auto n : r.shape) out_size *= n;
  r.values.assign(static_cast<std::size_t>(out_size), 0.0);
  r.magnitudes.assign(static_cast<std::size_t>(out_size), 0.0);
  r.terms = 1;
  for (const auto& [c, n] : size)
    if (out.find(c) == std::string::npos) r.terms *= n;
  std::int64_t total = 1;
  for (const auto& [c, n] : size) total *= n;
  std::map<char, std::int64_t> idx;
  for (std::int64_t flat = 0; flat < total; ++flat) {
    std::int64_t f = flat;
    for (auto it = labels.rbegin(); it != labels.rend(); ++it) {
      idx[*it] = f % size[*it];
      f /= size[*it];
    }
    cd prod = 1.0;
    for (std::size_t i = 0; i < ops.size(); ++i) {
      std::int64_t off = 0;
      for (std::size_t d = 0; d < terms[i].size(); ++d) {
        const std::int64_t n = ops[i].shape[d];
        off = off * n + (n == 1 ? 0 : idx[terms[i][d]]);
      }
      const cd v = ops[i].values[static_cast<std::size_t>(off)];
      prod *= (i == 0 && conj_first) ? std::conj(v) : v;
    }
    std::int64_t o = 0;
    for (std::size_t d = 0; d < out.size(); ++d) o = o * r.shape[d] + idx[out[d]];
    r.values[static_cast<std::size_t>(o)] += prod;
    r.magnitudes[static_cast<std::size_t>(o)] += std::abs(prod);
  }
  return r;
}

/// The unit roundoff of T's (real) part type.
template <class T>
double eps() {
  if constexpr (is_complex_v<T>)
    return eps<typename T::value_type>();
  else if constexpr (std::is_same_v<T, cupp::float16>)
    return 9.765625e-4;
  else if constexpr (std::is_same_v<T, cupp::bfloat16>)
    return 7.8125e-3;
  else
    return static_cast<double>(std::numeric_limits<T>::epsilon());
}

/// Holds `got` to the reference: the shape exactly; integers exactly (their products here never
/// wrap); bool as "some term is true"; floating results within c * K * eps(T) times the sum of
/// the magnitudes of the terms (K the number of terms per element), the bound of a dot product.
template <class T>
void expect_matches(const ndarray<T>& got, const result& want, const std::string& what) {
  ASSERT_EQ(got.shape(), want.shape) << what;
  const std::vector<T> g = got.get();
  ASSERT_EQ(g.size(), want.values.size()) << what;
  const double k = static_cast<double>(std::max<std::int64_t>(want.terms, 1));
  for (std::size_t i = 0; i < g.size(); ++i) {
    if constexpr (std::is_same_v<T, bool>) {
      EXPECT_EQ(g[i], want.magnitudes[i] != 0.0) << what << " at " << i;
    } else if constexpr (std::is_integral_v<T>) {
      EXPECT_EQ(g[i], static_cast<T>(std::llround(want.values[i].real()))) << what << " at " << i;
    } else {
      const double tol = 4.0 * (k + 1.0) * eps<T>() * want.magnitudes[i] + 1e-300;
      EXPECT_LE(std::abs(to_cd(g[i]) - want.values[i]), tol)
          << what << " at " << i << ": got " << to_cd(g[i]) << ", want " << want.values[i];
    }
  }
}

}  // namespace cupp::test::products
