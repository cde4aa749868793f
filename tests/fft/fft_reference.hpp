// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Host references for the FFT tests: random inputs from a fixed seed, and numpy.fft's functions
// written as plain O(n^2) discrete Fourier transforms in complex<double>, composed the way
// numpy.fft composes its 1-D transforms.
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

#include "cupp/array.hpp"
#include "support/host_values.hpp"

namespace cupp::test::fft_ref {

using namespace cupp::test::host_ref;

/// NumPy's three normalisations.
inline const std::vector<std::string> kNorms = {"backward", "ortho", "forward"};

/// A host array in C order.
struct harr {
  shape_t shape;
  std::vector<cd> v;
};

/// The values of a device array (any layout), in complex<double>.
template <class T>
harr to_host(const cupp::ndarray<T>& a) {
  const std::vector<T> h = a.get();
  harr r{a.shape(), {}};
  r.v.reserve(h.size());
  for (const T& x : h) r.v.push_back(as_c(x));
  return r;
}

inline std::int64_t norm_axis(std::int64_t axis, std::size_t ndim) {
  return axis < 0 ? axis + static_cast<std::int64_t>(ndim) : axis;
}

/// Applies `fn` (a line in, a line of `out_len` out) to every line of `a` along `axis`.
template <class F>
harr along(const harr& a, std::int64_t axis, std::int64_t out_len, F fn) {
  const auto ax = static_cast<std::size_t>(norm_axis(axis, a.shape.size()));
  std::int64_t outer = 1, inner = 1;
  for (std::size_t i = 0; i < ax; ++i) outer *= a.shape[i];
  for (std::size_t i = ax + 1; i < a.shape.size(); ++i) inner *= a.shape[i];
  const std::int64_t len = a.shape[ax];
  harr r{a.shape, {}};
  r.shape[ax] = out_len;
  r.v.assign(static_cast<std::size_t>(numel(r.shape)), cd{});
  std::vector<cd> line(static_cast<std::size_t>(len));
  for (std::int64_t o = 0; o < outer; ++o) {
    for (std::int64_t i = 0; i < inner; ++i) {
      for (std::int64_t k = 0; k < len; ++k)
        line[static_cast<std::size_t>(k)] = a.v[static_cast<std::size_t>((o * len + k) * inner + i)];
      const std::vector<cd> out = fn(line);
      for (std::int64_t k = 0; k < out_len; ++k)
        r.v[static_cast<std::size_t>((o * out_len + k) * inner + i)] = out[static_cast<std::size_t>(k)];
    }
  }
  return r;
}

/// The unscaled DFT of x (truncated or zero-padded to n) with exponent sign `sign`.
inline std::vector<cd> dft(std::vector<cd> x, std::int64_t n, int sign) {
  x.resize(static_cast<std::size_t>(n), cd{});
  const double pi = 3.14159265358979323846;
  std::vector<cd> w(static_cast<std::size_t>(n));
  for (std::int64_t k = 0; k < n; ++k)
    w[static_cast<std::size_t>(k)] = std::polar(1.0, sign * 2.0 * pi * static_cast<double>(k) / static_cast<double>(n));
  std::vector<cd> y(static_cast<std::size_t>(n));
  for (std::int64_t k = 0; k < n; ++k) {
    cd s{};
    for (std::int64_t j = 0; j < n; ++j) s += x[static_cast<std::size_t>(j)] * w[static_cast<std::size_t>((j * k) % n)];
    y[static_cast<std::size_t>(k)] = s;
  }
  return y;
}

/// numpy.fft's normalisation factor for a transform of `count` points.
inline double scale(const std::string& norm, bool inverse, double count) {
  if (norm == "ortho") return 1.0 / std::sqrt(count);
  if (norm == "forward") return inverse ? 1.0 : 1.0 / count;
  return inverse ? 1.0 / count : 1.0;
}

inline harr scaled(harr a, double s) {
  for (auto& x : a.v) x *= s;
  return a;
}

inline harr ref_fft(const harr& a, std::int64_t n, std::int64_t axis, const std::string& norm,
                bool inverse) {
  return scaled(along(a, axis, n, [&](const std::vector<cd>& l) { return dft(l, n, inverse ? 1 : -1); }),
                scale(norm, inverse, static_cast<double>(n)));
}

inline harr ref_rfft(const harr& a, std::int64_t n, std::int64_t axis, const std::string& norm) {
  return scaled(along(a, axis, n / 2 + 1,
                      [&](const std::vector<cd>& l) {
                        std::vector<cd> re(l.size());
                        for (std::size_t i = 0; i < l.size(); ++i) re[i] = l[i].real();
                        auto y = dft(re, n, -1);
                        y.resize(static_cast<std::size_t>(n / 2 + 1));
                        return y;
                      }),
                scale(norm, false, static_cast<double>(n)));
}

/// irfft: the real part of the inverse DFT of the Hermitian extension of the first n/2+1 points.
inline harr ref_irfft(const harr& a, std::int64_t n, std::int64_t axis, const std::string& norm) {
  return scaled(along(a, axis, n,
                      [&](std::vector<cd> l) {
                        l.resize(static_cast<std::size_t>(n / 2 + 1), cd{});
                        std::vector<cd> full(static_cast<std::size_t>(n));
                        for (std::int64_t k = 0; k < n; ++k)
                          full[static_cast<std::size_t>(k)] =
                              k <= n / 2 ? l[static_cast<std::size_t>(k)]
                                         : std::conj(l[static_cast<std::size_t>(n - k)]);
                        auto y = dft(full, n, 1);
                        for (auto& v : y) v = v.real();
                        return y;
                      }),
                scale(norm, true, static_cast<double>(n)));
}

inline harr ref_conj(harr a) {
  for (auto& x : a.v) x = std::conj(x);
  return a;
}

/// Largest |x|.
inline double max_abs(const harr& a) {
  double m = 0;
  for (const auto& x : a.v) m = std::max(m, std::abs(x));
  return m;
}

/// Expects `got` (any dtype) equal to `ref` within c * eps * (log2(points) + 1) * max|ref|: the
/// error bound of an FFT of `points` points, relative to the size of its result.
template <class T>
void expect_close(const cupp::ndarray<T>& got, const harr& ref, std::int64_t points, double eps,
                  double c = 8.0) {
  ASSERT_EQ(got.shape(), ref.shape);
  const harr g = to_host(got);
  const double tol =
      c * eps * (std::log2(static_cast<double>(std::max<std::int64_t>(points, 1))) + 1.0) *
      std::max(max_abs(ref), 1e-300);
  double worst = 0;
  std::size_t where = 0;
  for (std::size_t i = 0; i < g.v.size(); ++i) {
    const double e = std::abs(g.v[i] - ref.v[i]);
    if (e > worst) {
      worst = e;
      where = i;
    }
  }
  EXPECT_LE(worst, tol) << "at flat index " << where << ": got " << g.v[where] << ", expected "
                        << ref.v[where];
}

}  // namespace cupp::test::fft_ref
