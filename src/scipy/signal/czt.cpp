// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The chirp Z-transform of cupp::scipy::signal (include/cupp/scipy/signal/czt.hpp): SciPy's chirps
// on the host in double, Bluestein's convolution on the device with cupp::fft and elementwise
// products.
#include "cupp/scipy/signal/czt.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/fft.hpp"
#include "cupp/routines/creation.hpp"

namespace cupp::scipy::signal {

namespace detail {

namespace {

constexpr double pi = 3.141592653589793238462643383279502884;

// Note [CZT length]
// SciPy pads the convolution to scipy.fft.next_fast_len(n + m - 1). Any length of at least
// n + m - 1 gives the same result up to rounding; the 7-smooth one is what cuFFT does fastest.
std::int64_t next_smooth(std::int64_t target) {
  for (std::int64_t v = std::max<std::int64_t>(target, 1);; ++v) {
    std::int64_t r = v;
    for (std::int64_t p : {2, 3, 5, 7})
      while (r % p == 0) r /= p;
    if (r == 1) return v;
  }
}

// The rest of the plan once wk2 (max(m, n) values) and awk2 are known.
czt_chirps finish(std::int64_t n, std::int64_t m, const std::vector<cdouble>& wk2,
                  std::vector<cdouble> awk2) {
  czt_chirps c;
  c.n = n;
  c.m = m;
  c.nfft = next_smooth(n + m - 1);
  c.awk2 = std::move(awk2);
  c.kernel.reserve(static_cast<std::size_t>(n + m - 1));
  for (std::int64_t k = n - 1; k > 0; --k) c.kernel.push_back(1.0 / wk2[static_cast<std::size_t>(k)]);
  for (std::int64_t k = 0; k < m; ++k) c.kernel.push_back(1.0 / wk2[static_cast<std::size_t>(k)]);
  c.wk2.assign(wk2.begin(), wk2.begin() + m);
  return c;
}

}  // namespace

std::int64_t czt_validate_sizes(std::int64_t n, std::optional<std::int64_t> m) {
  if (n < 1)
    throw value_error("Invalid number of CZT data points (" + std::to_string(n) +
                      ") specified. n must be positive and integer type.");
  if (!m) return n;
  if (*m < 1)
    throw value_error("Invalid number of CZT output points (" + std::to_string(*m) +
                      ") specified. m must be positive and integer type.");
  return *m;
}

czt_chirps czt_plan(std::int64_t n, std::optional<std::int64_t> m_arg, std::optional<cdouble> w,
                    cdouble a) {
  const std::int64_t m = czt_validate_sizes(n, m_arg);
  const std::int64_t len = std::max(m, n);
  std::vector<cdouble> wk2(static_cast<std::size_t>(len));
  for (std::int64_t k = 0; k < len; ++k) {
    if (!w) {
      // SciPy reduces k**2 modulo 2m before the exponential, exact for the DFT's chirp.
      const double phase = -pi * static_cast<double>((k * k) % (2 * m)) / static_cast<double>(m);
      wk2[static_cast<std::size_t>(k)] = std::exp(cdouble(0.0, phase));
    } else {
      wk2[static_cast<std::size_t>(k)] = std::pow(*w, static_cast<double>(k * k) / 2.0);
    }
  }
  std::vector<cdouble> awk2(static_cast<std::size_t>(n));
  for (std::int64_t k = 0; k < n; ++k)
    awk2[static_cast<std::size_t>(k)] =
        std::pow(a, -static_cast<double>(k)) * wk2[static_cast<std::size_t>(k)];
  czt_chirps c = finish(n, m, wk2, std::move(awk2));
  c.w = w ? *w : std::exp(cdouble(0.0, -2.0 * pi / static_cast<double>(m)));
  c.a = a;
  return c;
}

czt_chirps zoom_fft_plan(std::int64_t n, double f1, double f2, std::optional<std::int64_t> m_arg,
                         double fs, bool endpoint) {
  const std::int64_t m = czt_validate_sizes(n, m_arg);
  const std::int64_t len = std::max(m, n);
  const double scale = endpoint ? ((f2 - f1) * static_cast<double>(m)) / (fs * static_cast<double>(m - 1))
                                : (f2 - f1) / fs;
  std::vector<cdouble> wk2(static_cast<std::size_t>(len));
  for (std::int64_t k = 0; k < len; ++k)
    wk2[static_cast<std::size_t>(k)] =
        std::exp(cdouble(0.0, -(pi * scale * static_cast<double>(k * k)) / static_cast<double>(m)));
  std::vector<cdouble> awk2(static_cast<std::size_t>(n));
  for (std::int64_t k = 0; k < n; ++k)
    awk2[static_cast<std::size_t>(k)] =
        std::exp(cdouble(0.0, -2.0 * pi * f1 / fs * static_cast<double>(k))) *
        wk2[static_cast<std::size_t>(k)];
  czt_chirps c = finish(n, m, wk2, std::move(awk2));
  c.w = std::exp(cdouble(0.0, -2.0 * pi / static_cast<double>(m) * scale));
  c.a = std::exp(cdouble(0.0, 2.0 * pi * f1 / fs));
  return c;
}

std::vector<cdouble> czt_points_values(std::int64_t m_arg, std::optional<cdouble> w, cdouble a) {
  const std::int64_t m = czt_validate_sizes(1, m_arg);
  std::vector<cdouble> z(static_cast<std::size_t>(m));
  for (std::int64_t k = 0; k < m; ++k)
    z[static_cast<std::size_t>(k)] =
        w ? a * std::pow(*w, -static_cast<double>(k))
          : a * std::exp(cdouble(0.0, 2.0 * pi * static_cast<double>(k) / static_cast<double>(m)));
  return z;
}

std::int64_t czt_check_input(const array_desc& x, std::int64_t axis, std::int64_t n) {
  const std::int64_t ax = normalize_axis(axis, x.ndim());
  const std::int64_t len = x.shape[static_cast<std::size_t>(ax)];
  if (n >= 0 && len != n)
    throw value_error("CZT defined for length " + std::to_string(n) + ", not " + std::to_string(len));
  return ax;
}

ndarray<cdouble> czt_apply(const ndarray<cdouble>& x, std::int64_t axis, std::int64_t n,
                           std::int64_t nfft, const ndarray<cdouble>& awk2,
                           const ndarray<cdouble>& fwk2, const ndarray<cdouble>& wk2) {
  const std::int64_t last = x.ndim() - 1;
  const ndarray<cdouble> xt = x.swapaxes(axis, last);
  const ndarray<cdouble> weighted = xt * awk2;
  const ndarray<cdouble> spectrum = cupp::fft::fft(weighted, nfft, -1);
  const ndarray<cdouble> product = spectrum * fwk2;
  const ndarray<cdouble> conv = cupp::fft::ifft(product, std::nullopt, -1);
  const ndarray<cdouble> y = conv(cupp::ellipsis, cupp::slice(n - 1, n - 1 + wk2.shape(0))) * wk2;
  return y.swapaxes(axis, last);
}

}  // namespace detail

CZT::CZT(std::int64_t n_, std::optional<std::int64_t> m_, std::optional<std::complex<double>> w_,
         std::complex<double> a_) {
  const detail::czt_chirps c = detail::czt_plan(n_, m_, w_, a_);
  w = w_;
  a = a_;
  upload(c);
}

void CZT::upload(const detail::czt_chirps& c) {
  n = c.n;
  m = c.m;
  nfft_ = c.nfft;
  awk2_ = asarray(c.awk2);
  wk2_ = asarray(c.wk2);
  fwk2_ = cupp::fft::fft(asarray(c.kernel), nfft_, -1);
}

ndarray<std::complex<double>> CZT::points() const { return czt_points(m, w, a); }

ZoomFFT::ZoomFFT(std::int64_t n_, const zoom_fn& fn, std::optional<std::int64_t> m_, double fs_,
                 bool endpoint) {
  if (fn.values.size() == 2) {
    f1 = fn.values[0];
    f2 = fn.values[1];
  } else if (fn.values.size() == 1) {
    f1 = 0.0;
    f2 = fn.values[0];
  } else {
    throw value_error("fn must be a scalar or 2-length sequence");
  }
  fs = fs_;
  const detail::czt_chirps c = detail::zoom_fft_plan(n_, f1, f2, m_, fs, endpoint);
  w = c.w;
  a = c.a;
  upload(c);
}

ndarray<std::complex<double>> czt_points(std::int64_t m, std::optional<std::complex<double>> w,
                                         std::complex<double> a) {
  return asarray(detail::czt_points_values(m, w, a));
}

}  // namespace cupp::scipy::signal
