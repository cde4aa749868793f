// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// NumPy's window functions (include/cupp/routines/windows.hpp), with NumPy's formulas over
// n = 1 - M, 3 - M, ..., M - 1.
#include "cupp/routines/windows.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "cupp/array.hpp"
#include "cupp/core/error.hpp"
#include "cupp/scipy/signal/windows.hpp"

namespace cupp {

namespace detail {

std::vector<double> numpy_window_values(const std::string& name, std::int64_t M, double beta) {
  constexpr double kPi = 3.14159265358979323846;
  if (name != "bartlett" && name != "blackman" && name != "hamming" && name != "hanning" &&
      name != "kaiser")
    throw value_error("unknown window " + name);
  if (M < 1) return {};
  if (M == 1) return {1.0};
  std::vector<double> w(static_cast<std::size_t>(M));
  const double m1 = static_cast<double>(M - 1);
  for (std::int64_t i = 0; i < M; ++i) {
    const double n = static_cast<double>(1 - M + 2 * i);
    if (name == "bartlett") {
      w[i] = n <= 0 ? 1 + n / m1 : 1 - n / m1;
    } else if (name == "blackman") {
      w[i] = 0.42 + 0.5 * std::cos(kPi * n / m1) + 0.08 * std::cos(2.0 * kPi * n / m1);
    } else if (name == "hamming") {
      w[i] = 0.54 + 0.46 * std::cos(kPi * n / m1);
    } else if (name == "hanning") {
      w[i] = 0.5 + 0.5 * std::cos(kPi * n / m1);
    } else {
      // numpy.kaiser: i0(beta * sqrt(1 - ((k - alpha) / alpha)^2)) / i0(beta), k = 0 .. M-1.
      const double alpha = m1 / 2.0;
      const double r = (static_cast<double>(i) - alpha) / alpha;
      w[i] = scipy::signal::detail::bessel_i0(beta * std::sqrt(1 - r * r)) /
             scipy::signal::detail::bessel_i0(beta);
    }
  }
  return w;
}

}  // namespace detail

ndarray<double> bartlett(std::int64_t M) {
  return asarray(detail::numpy_window_values("bartlett", M));
}
ndarray<double> blackman(std::int64_t M) {
  return asarray(detail::numpy_window_values("blackman", M));
}
ndarray<double> hamming(std::int64_t M) {
  return asarray(detail::numpy_window_values("hamming", M));
}
ndarray<double> hanning(std::int64_t M) {
  return asarray(detail::numpy_window_values("hanning", M));
}
ndarray<double> kaiser(std::int64_t M, double beta) {
  return asarray(detail::numpy_window_values("kaiser", M, beta));
}

}  // namespace cupp
