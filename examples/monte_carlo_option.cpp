// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The price of a European call by Monte Carlo, as a CuPy program computes it: 2^24 normal draws,
// the terminal prices of geometric Brownian motion, the discounted mean payoff and its standard
// error, each a fused expression reduced in one kernel. It checks itself against the
// Black-Scholes closed form: the estimate lies within four standard errors of it.
#include <cupp/array.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace {

// The Black-Scholes price of a European call, on the host.
double black_scholes_call(double s0, double k, double r, double sigma, double t) {
  const double d1 = (std::log(s0 / k) + (r + sigma * sigma / 2) * t) / (sigma * std::sqrt(t));
  const double d2 = d1 - sigma * std::sqrt(t);
  const auto cdf = [](double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); };
  return s0 * cdf(d1) - k * std::exp(-r * t) * cdf(d2);
}

}  // namespace

int main() {
  const double s0 = 100.0, k = 105.0, r = 0.05, sigma = 0.2, t = 1.0;
  const std::int64_t n = std::int64_t{1} << 24;
  auto gen = cupp::random::default_rng(2026);
  cupp::cuda::Event start, drawn, done;

  start.record();
  const cupp::ndarray<double> z = gen.standard_normal<double>({n});
  drawn.record();
  // scipy/cupy: st = s0 * exp((r - sigma**2 / 2) * t + sigma * sqrt(t) * z)
  //             payoff = maximum(st - k, 0); price = exp(-r t) * payoff.mean()
  // `auto` keeps each line lazy: the mean and the variance each read z once, in one kernel.
  auto st = s0 * cupp::exp((r - sigma * sigma / 2) * t + sigma * std::sqrt(t) * z);
  auto payoff = cupp::maximum(st - k, 0.0);
  const double mean = cupp::mean(payoff).item();
  const double var = cupp::var(payoff).item();
  done.record();
  done.synchronize();

  const double discount = std::exp(-r * t);
  const double price = discount * mean;
  const double std_error = discount * std::sqrt(var / static_cast<double>(n));
  const double exact = black_scholes_call(s0, k, r, sigma, t);
  std::printf("%lld paths: draws %.3f ms, payoff mean and variance %.3f ms\n",
              static_cast<long long>(n), cupp::cuda::elapsed_ms(start, drawn),
              cupp::cuda::elapsed_ms(drawn, done));
  std::printf("Monte Carlo %.5f +- %.5f, Black-Scholes %.5f, %.2f standard errors apart\n", price,
              std_error, exact, std::abs(price - exact) / std_error);
  const bool ok = std::abs(price - exact) < 4 * std_error && std_error < 0.01;
  std::printf("%s\n", ok ? "ok" : "MISMATCH: the estimate is not within four standard errors");
  return ok ? 0 : 1;
}
