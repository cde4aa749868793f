// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The fast Hankel transform of cupp::scipy::fft (SciPy's FFTLog: fht, ifht, fhtoffset and
// fhtcoeff), and scipy.fft.next_fast_len. The coefficients are computed on the host in double,
// the transform is cupp::fft's rfft and irfft around a product with them, as SciPy's _fhtq.
#include <cmath>
#include <complex>
#include <limits>
#include <string>
#include <vector>

#include "cupp/array.hpp"
#include "cupp/core/error.hpp"
#include "cupp/routines/manipulation.hpp"
#include "cupp/scipy/fft.hpp"

namespace cupp::scipy::fft {

namespace detail {

namespace {

using cd = std::complex<double>;
constexpr double kLn2 = 0.69314718055994530942;
constexpr double kPi = 3.14159265358979323846;

// Note [Complex log-gamma]: loggamma(z) = loggamma(z + m) - sum_{j<m} log(z + j), each log on
// its principal branch, moves z to Re z >= 20, where Stirling's series with 8 terms is exact
// to double precision. In the upper and lower half planes the sum of principal logarithms is
// the analytic continuation of the real log-gamma, so this is scipy.special.loggamma's branch
// (its imaginary part, which fhtoffset uses as it is, is not reduced modulo 2 pi).
cd stirling(cd z) {
  // B_2k / (2k (2k - 1)), k = 1..8.
  static const double c[] = {1.0 / 12,   -1.0 / 360,      1.0 / 1260, -1.0 / 1680,
                             1.0 / 1188, -691.0 / 360360, 1.0 / 156,  -3617.0 / 122400};
  const cd w = 1.0 / z, w2 = w * w;
  cd sum = 0.0, p = w;
  for (const double ck : c) {
    sum += ck * p;
    p *= w2;
  }
  return (z - 0.5) * std::log(z) - z + 0.5 * std::log(2 * kPi) + sum;
}

/// scipy.special.poch(a, m) = gamma(a + m) / gamma(a) for real arguments.
double poch(double a, double m) {
  const auto pole = [](double x) { return x <= 0 && x == std::floor(x); };
  const double b = a + m;
  if (pole(b) && !pole(a)) return std::numeric_limits<double>::infinity();
  if (pole(a) && !pole(b)) return 0.0;
  return std::tgamma(b) / std::tgamma(a);
}

}  // namespace

cd loggamma(cd z) {
  if (z.imag() == 0 && z.real() <= 0 && z.real() == std::floor(z.real()))
    return {std::numeric_limits<double>::infinity(), 0.0};  // a pole, as SciPy
  cd shift = 0.0;
  while (z.real() < 20) {
    shift += std::log(z);
    z += 1.0;
  }
  return stirling(z) - shift;
}

std::vector<cd> fhtcoeff(std::int64_t n, double dln, double mu, double offset, double bias,
                         bool inverse) {
  const double lnkr = offset, q = bias;
  const double xp = (mu + 1 + q) / 2, xm = (mu + 1 - q) / 2;
  const std::int64_t m = n / 2 + 1;
  // np.linspace(0, pi * (n // 2) / (n * dln), n // 2 + 1): k * step.
  const double stop = kPi * static_cast<double>(n / 2) / (static_cast<double>(n) * dln);
  const double step = m > 1 ? stop / static_cast<double>(m - 1) : 0.0;
  std::vector<cd> u(static_cast<std::size_t>(m));
  for (std::int64_t k = 0; k < m; ++k) {
    const double y = m > 1 && k == m - 1 ? stop : static_cast<double>(k) * step;
    const cd v = loggamma({xm, y}), w = loggamma({xp, y});
    const double re = w.real() - v.real() + kLn2 * q;
    const double im = w.imag() + v.imag() + y * 2 * (kLn2 - lnkr);
    u[static_cast<std::size_t>(k)] = std::exp(cd(re, im));
  }
  if (n % 2 == 0) u.back() = {u.back().real(), 0.0};
  cd& u0 = u.front();
  if (!std::isfinite(u0.real()) || !std::isfinite(u0.imag()))
    u0 = std::pow(2.0, q) * poch(xm, xp - xm);
  if ((std::isinf(u0.real()) || std::isinf(u0.imag())) && !inverse) {
    u0 = 0.0;  // SciPy warns: "singular transform; consider changing the bias"
  } else if (u0 == cd(0.0) && inverse) {
    u0 = std::numeric_limits<double>::infinity();  // "singular inverse transform"
  }
  return u;
}

namespace {

template <class R>
ndarray<R> device_vector(const std::vector<double>& v) {
  ndarray<R> out(shape_t{static_cast<std::int64_t>(v.size())});
  std::vector<R> cast(v.begin(), v.end());
  out.set(cast);
  return out;
}

template <class R>
array_desc fht_typed(const array_desc& a, double dln, double mu, double offset, double bias,
                     bool inverse) {
  using C = std::complex<R>;
  const std::int64_t n = a.shape.back();
  ndarray<R> x(a);
  const double jc = static_cast<double>(n - 1) / 2;
  auto weights = [&](double scale, double add) {
    std::vector<double> w(static_cast<std::size_t>(n));
    for (std::int64_t j = 0; j < n; ++j)
      w[static_cast<std::size_t>(j)] =
          std::exp(scale * ((static_cast<double>(j) - jc) * dln + add));
    return device_vector<R>(w);
  };
  if (bias != 0)
    x = inverse ? ndarray<R>(x * weights(bias, offset)) : ndarray<R>(x * weights(-bias, 0.0));
  // _fhtq: rfft, times u (forward) or divided by conj(u) (inverse), irfft, reversed.
  const std::vector<cd> u = fhtcoeff(n, dln, mu, offset, bias, inverse);
  std::vector<C> factor(u.size());
  for (std::size_t k = 0; k < u.size(); ++k) {
    cd f = u[k];
    if (inverse) f = std::isinf(std::abs(f)) ? cd(0.0) : 1.0 / std::conj(f);
    factor[k] = C(static_cast<R>(f.real()), static_cast<R>(f.imag()));
  }
  ndarray<C> uf(shape_t{static_cast<std::int64_t>(factor.size())});
  uf.set(factor);
  const ndarray<C> spectrum = cupp::fft::rfft(x, std::nullopt, -1);
  const ndarray<C> product = spectrum * uf;
  const ndarray<R> back = cupp::fft::irfft(product, n, -1);
  ndarray<R> out(cupp::detail::flip(back.desc(), std::vector<std::int64_t>{a.ndim() - 1}));
  if (bias != 0)
    out = inverse ? ndarray<R>(out * weights(bias, 0.0)) : ndarray<R>(out * weights(-bias, offset));
  return out.desc();
}

}  // namespace

array_desc fht(const array_desc& a, double dln, double mu, double offset, double bias,
               bool inverse) {
  if (a.ndim() == 0) throw index_error("tuple index out of range");
  if (a.dt == dtype::float32) return fht_typed<float>(a, dln, mu, offset, bias, inverse);
  return fht_typed<double>(a, dln, mu, offset, bias, inverse);
}

}  // namespace detail

double fhtoffset(double dln, double mu, double initial, double bias) {
  const double lnkr = initial, q = bias;
  const double xp = (mu + 1 + q) / 2, xm = (mu + 1 - q) / 2;
  const double y = detail::kPi / (2 * dln);
  const std::complex<double> zp = detail::loggamma({xp, y}), zm = detail::loggamma({xm, y});
  const double arg = (detail::kLn2 - lnkr) / dln + (zp.imag() + zm.imag()) / detail::kPi;
  // np.round: half to even.
  return lnkr + (arg - std::nearbyint(arg)) * dln;
}

std::int64_t next_fast_len(std::int64_t target, bool real) {
  if (target < 0) throw value_error("Target length must be positive");
  // pocketfft's good_size_real / good_size_cmplx.
  if (target <= (real ? 6 : 12)) return target;
  using u64 = unsigned long long;
  const u64 n = static_cast<u64>(target);
  u64 best = 1;
  while (best < n) best <<= 1;
  // Real transforms: 5-smooth lengths; complex ones: 11-smooth.
  for (u64 f11 = 1; f11 < best; f11 = real ? best : f11 * 11)
    for (u64 f7 = f11; f7 < best; f7 = real ? best : f7 * 7)
      for (u64 f5 = f7; f5 < best; f5 *= 5)
        for (u64 f3 = f5; f3 < best; f3 *= 3) {
          u64 x = f3;
          while (x < n) x <<= 1;
          if (x < best) best = x;
        }
  return static_cast<std::int64_t>(best);
}

}  // namespace cupp::scipy::fft
