// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Host references for the sorting tests: NumPy's order written out from its definition, std::
// stable_sort along an axis, scans as plain loops in double (exact for the inputs the tests use),
// and inputs full of ties and special values.
#pragma once

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <type_traits>
#include <vector>

#include "cupp/core/dtype.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/routines/sorting.hpp"

namespace cupp::test {

template <class T>
inline constexpr bool is_half_v = std::is_same_v<T, float16> || std::is_same_v<T, bfloat16>;
template <class T>
inline constexpr bool is_complex_v =
    std::is_same_v<T, std::complex<float>> || std::is_same_v<T, std::complex<double>>;

template <class R>
bool isnan_(R x) {
  return x != x;
}

/// NumPy's "less than" of its sorts: NaN after every number; complex numbers lexicographic, with
/// those holding a NaN after the others (only the imaginary part NaN, then only the real part,
/// then both).
template <class T>
bool numpy_less(const T& a, const T& b) {
  if constexpr (is_half_v<T>) {
    return numpy_less(static_cast<float>(a), static_cast<float>(b));
  } else if constexpr (std::is_floating_point_v<T>) {
    return a < b || (isnan_(b) && !isnan_(a));
  } else if constexpr (is_complex_v<T>) {
    const int ca = 2 * isnan_(a.real()) + isnan_(a.imag());
    const int cb = 2 * isnan_(b.real()) + isnan_(b.imag());
    if (ca != cb) return ca < cb;
    if (!isnan_(a.real()) && a.real() != b.real()) return a.real() < b.real();
    return !isnan_(a.imag()) && a.imag() < b.imag();
  } else {
    return a < b;
  }
}

/// The flat C-order indices of each line of `shape` along `axis`, line by line.
inline std::vector<std::vector<std::int64_t>> lines_along(const shape_t& shape, std::int64_t axis) {
  const strides_t strides = c_strides(shape);
  const std::int64_t n = shape_size(shape);
  const std::int64_t len = shape[static_cast<std::size_t>(axis)];
  const std::int64_t step = strides[static_cast<std::size_t>(axis)];
  std::vector<std::vector<std::int64_t>> lines;
  if (n == 0) return lines;
  for (std::int64_t i = 0; i < n; ++i) {
    if ((i / step) % len != 0) continue;  // not the first element of its line
    std::vector<std::int64_t> line;
    for (std::int64_t k = 0; k < len; ++k) line.push_back(i + k * step);
    lines.push_back(std::move(line));
  }
  return lines;
}

/// np.sort / np.argsort(kind="stable") of C-order `values` of `shape` along `axis`.
template <class T>
void reference_sort(const std::vector<T>& values, const shape_t& shape, std::int64_t axis,
                    std::vector<T>& sorted, std::vector<std::int64_t>& order) {
  sorted = values;
  order.assign(values.size(), 0);
  for (const auto& line : lines_along(shape, axis)) {
    std::vector<std::int64_t> perm(line.size());
    std::iota(perm.begin(), perm.end(), 0);
    std::stable_sort(perm.begin(), perm.end(), [&](std::int64_t x, std::int64_t y) {
      return numpy_less(values[static_cast<std::size_t>(line[static_cast<std::size_t>(x)])],
                        values[static_cast<std::size_t>(line[static_cast<std::size_t>(y)])]);
    });
    for (std::size_t k = 0; k < line.size(); ++k) {
      const auto dst = static_cast<std::size_t>(line[k]);
      sorted[dst] = values[static_cast<std::size_t>(line[static_cast<std::size_t>(perm[k])])];
      order[dst] = perm[k];
    }
  }
}

/// np.cumsum/cumprod/nancumsum/nancumprod of C-order `values` of `shape` (nullopt: flattened).
/// Integers wrap as int64/uint64 do; floats accumulate in double, rounded once to the result.
template <class T>
std::vector<detail::cumulative_t<T>> reference_scan(const std::vector<T>& values,
                                                    const shape_t& shape,
                                                    std::optional<std::int64_t> axis, bool prod,
                                                    bool skip_nan) {
  using R = detail::cumulative_t<T>;
  using A = std::conditional_t<is_complex_v<T>, std::complex<double>,
                               std::conditional_t<std::is_integral_v<R>, std::uint64_t, double>>;
  std::vector<R> out(values.size());
  const shape_t flat{static_cast<std::int64_t>(values.size())};
  const auto lines = axis ? lines_along(shape.empty() ? flat : shape, *axis) : lines_along(flat, 0);
  for (const auto& line : lines) {
    A acc = prod ? A(1) : A(0);
    for (std::int64_t i : line) {
      const T& v = values[static_cast<std::size_t>(i)];
      A x;
      if constexpr (is_complex_v<T>) {
        x = A(v.real(), v.imag());
        if (skip_nan && (isnan_(v.real()) || isnan_(v.imag()))) x = prod ? A(1) : A(0);
      } else if constexpr (std::is_integral_v<R>) {
        x = static_cast<A>(static_cast<R>(v));
      } else {
        x = static_cast<double>(static_cast<float>(v));
        if constexpr (std::is_same_v<T, double>) x = v;
        if (skip_nan && isnan_(x)) x = prod ? 1.0 : 0.0;
      }
      acc = prod ? A(acc * x) : A(acc + x);
      if constexpr (is_complex_v<T>)
        out[static_cast<std::size_t>(i)] = R(static_cast<typename T::value_type>(acc.real()),
                                             static_cast<typename T::value_type>(acc.imag()));
      else
        out[static_cast<std::size_t>(i)] = static_cast<R>(acc);
    }
  }
  return out;
}

/// Equal values, NaN equal to NaN, -0.0 equal to 0.0: how the scans are compared.
template <class T>
bool same_value(const T& a, const T& b) {
  if constexpr (is_half_v<T>) {
    return same_value(static_cast<float>(a), static_cast<float>(b));
  } else if constexpr (is_complex_v<T>) {
    return same_value(a.real(), b.real()) && same_value(a.imag(), b.imag());
  } else if constexpr (std::is_floating_point_v<T>) {
    return a == b || (isnan_(a) && isnan_(b));
  } else {
    return a == b;
  }
}

/// A deterministic scramble of i.
inline std::uint32_t mix(std::uint64_t i, std::uint32_t seed) {
  std::uint64_t x = (i + 1) * 0x9E3779B97F4A7C15ull ^ (std::uint64_t{seed} << 17);
  x ^= x >> 31;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 29;
  return static_cast<std::uint32_t>(x);
}

/// Sort inputs: few distinct values (many ties, so stability shows), the dtype's extremes, and for
/// floats -0.0, +-inf and NaNs of both signs.
template <class T>
T sort_sample(std::int64_t i, std::uint32_t seed) {
  const std::uint32_t h = mix(static_cast<std::uint64_t>(i), seed);
  if constexpr (std::is_same_v<T, bool>) {
    return (h & 1) != 0;
  } else if constexpr (std::is_integral_v<T>) {
    switch (h % 9) {
      case 0: return std::numeric_limits<T>::min();
      case 1: return std::numeric_limits<T>::max();
      default: return static_cast<T>(static_cast<int>(h % 9) - (std::is_signed_v<T> ? 5 : 0));
    }
  } else {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const double table[] = {-inf, -2.5, -1.0, -0.0, 0.0, 1.0, 2.5, inf, nan, -nan, 1.0, 0.0};
    const double re = table[h % 12];
    if constexpr (is_complex_v<T>) {
      using R = typename T::value_type;
      return T(static_cast<R>(re), static_cast<R>(table[(h >> 8) % 12]));
    } else {
      return T(re);
    }
  }
}

/// Scan inputs whose sums and products are exact in every float dtype: multiples of 0.25 in
/// [-4, 4] for sums, +-1, +-2 and +-0.5 for products; NaNs where `with_nan`.
template <class T>
T scan_sample(std::int64_t i, std::uint32_t seed, bool for_prod, bool with_nan) {
  const std::uint32_t h = mix(static_cast<std::uint64_t>(i), seed);
  const double prods[] = {1.0, -1.0, 2.0, -2.0, 0.5, -0.5};
  double v = for_prod ? prods[h % 6] : static_cast<double>(static_cast<int>(h % 33) - 16) / 4;
  if (with_nan && h % 7 == 0) v = std::numeric_limits<double>::quiet_NaN();
  if constexpr (std::is_same_v<T, bool>) {
    return (h & 2) != 0;
  } else if constexpr (std::is_integral_v<T>) {
    return static_cast<T>(static_cast<int>(h % 7) - (std::is_signed_v<T> ? 3 : 0));
  } else if constexpr (is_complex_v<T>) {
    using R = typename T::value_type;
    return T(static_cast<R>(v), static_cast<R>(for_prod ? 0.0 : -v / 2));
  } else {
    return T(v);
  }
}

}  // namespace cupp::test
