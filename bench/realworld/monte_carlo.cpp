// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// European call prices by Monte Carlo simulation, as CuPy's examples/finance/monte_carlo.py: an
// ElementwiseKernel over (options x threads per option), each thread averaging the discounted
// payoff of its own stream of samples, then the mean over each option's threads.
//
// Inputs: s, x, t (float64, n_options), params (int64: threads per option, samples per thread).
// Output: call (float64, n_options).
#include <cstdint>

#include "realworld.hpp"

namespace {

using cupp::ndarray;
using cupp::newaxis;
using cupp::slice;

constexpr double kRiskFree = 0.02;
constexpr double kVolatility = 0.3;

// As the example declares it: no C++ type list, T bound from the arrays at each call.
cupp::ElementwiseKernel<> make_monte_carlo_kernel(const realworld::options& opt) {
  return cupp::ElementwiseKernel("T s, T x, T t, T r, T v, int32 n_samples, int32 seed", "T call",
                                 realworld::read_source(opt, "monte_carlo_body.cuh"),
                                 "monte_carlo_kernel",
                                 realworld::read_source(opt, "monte_carlo_preamble.cuh"));
}

ndarray<double> compute_option_prices(const cupp::ElementwiseKernel<>& monte_carlo_kernel,
                                      const ndarray<double>& s, const ndarray<double>& x,
                                      const ndarray<double>& t, double r, double v,
                                      std::int64_t n_threads_per_option,
                                      std::int32_t n_samples_per_thread, std::int32_t seed) {
  const std::int64_t n_options = s.size();
  ndarray<double> call_prices = cupp::empty<double>({n_options, n_threads_per_option});
  monte_carlo_kernel(s(slice(), newaxis), x(slice(), newaxis), t(slice(), newaxis), r, v,
                     n_samples_per_thread, seed, call_prices);
  return cupp::mean(call_prices, 1);
}

void run_monte_carlo(const realworld::options& opt) {
  const auto s = realworld::read_array<double>(opt, "monte_carlo_s");
  const auto x = realworld::read_array<double>(opt, "monte_carlo_x");
  const auto t = realworld::read_array<double>(opt, "monte_carlo_t");
  const std::vector<std::int64_t> params =
      realworld::read_array<std::int64_t>(opt, "monte_carlo_params").get();
  const cupp::ElementwiseKernel<> monte_carlo_kernel = make_monte_carlo_kernel(opt);
  ndarray<double> call;
  realworld::time_program(opt, "monte_carlo", [&] {
    call = compute_option_prices(monte_carlo_kernel, s, x, t, kRiskFree, kVolatility, params[0],
                                 static_cast<std::int32_t>(params[1]), 0);
  });
  realworld::write_array(opt, "monte_carlo.cupp.call", call);
}

const bool registered = realworld::add("monte_carlo", run_monte_carlo);

}  // namespace
