// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Internal to libcupp: a discrete Fourier transform on the host, for the window and FIR design
// steps where SciPy takes an FFT (chebwin, dpss's subsample norm, firwin2's irfft), so that they
// cost O(n log n) without a GPU.
#pragma once

#include <complex>
#include <cstddef>
#include <utility>
#include <vector>

namespace cupp::scipy::signal::detail {

/// sum_k x[k] exp(-+2 pi i j k / n) for j = 0 .. n-1 (the sign + when `inverse`; no 1/n):
/// iterative radix 2 for powers of two, Bluestein's chirp otherwise.
inline std::vector<std::complex<double>> host_dft(std::vector<std::complex<double>> x,
                                                  bool inverse = false) {
  using cd = std::complex<double>;
  constexpr double kPi = 3.14159265358979323846;
  const std::size_t n = x.size();
  if (n <= 1) return x;
  const double sign = inverse ? 1.0 : -1.0;
  if ((n & (n - 1)) == 0) {
    for (std::size_t i = 1, j = 0; i < n; ++i) {
      std::size_t bit = n >> 1;
      for (; j & bit; bit >>= 1) j ^= bit;
      j ^= bit;
      if (i < j) std::swap(x[i], x[j]);
    }
    for (std::size_t len = 2; len <= n; len <<= 1) {
      for (std::size_t i = 0; i < n; i += len)
        for (std::size_t k = 0; k < len / 2; ++k) {
          // Each twiddle from its own angle, not a running product, for accuracy.
          const cd w =
              std::polar(1.0, sign * 2 * kPi * static_cast<double>(k) / static_cast<double>(len));
          const cd u = x[i + k], v = x[i + k + len / 2] * w;
          x[i + k] = u + v;
          x[i + k + len / 2] = u - v;
        }
    }
    return x;
  }
  // Bluestein: x_j = conj(c_j) sum_k (x_k conj(c_k)) c_{j-k}, c_m = exp(+-i pi m^2 / n),
  // a convolution done with power-of-two transforms.
  std::size_t m = 1;
  while (m < 2 * n - 1) m <<= 1;
  std::vector<cd> chirp(n);
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t k2 = (k * k) % (2 * n);  // exact phase: m^2 mod 2n
    chirp[k] = std::polar(1.0, sign * kPi * static_cast<double>(k2) / static_cast<double>(n));
  }
  std::vector<cd> a(m, 0.0), b(m, 0.0);
  for (std::size_t k = 0; k < n; ++k) a[k] = x[k] * chirp[k];
  b[0] = std::conj(chirp[0]);
  for (std::size_t k = 1; k < n; ++k) b[k] = b[m - k] = std::conj(chirp[k]);
  a = host_dft(std::move(a));
  b = host_dft(std::move(b));
  for (std::size_t i = 0; i < m; ++i) a[i] *= b[i];
  a = host_dft(std::move(a), true);
  std::vector<cd> out(n);
  for (std::size_t k = 0; k < n; ++k) out[k] = a[k] * chirp[k] / static_cast<double>(m);
  return out;
}

}  // namespace cupp::scipy::signal::detail
