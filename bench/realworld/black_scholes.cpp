// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// European call and put prices by the Black-Scholes formula, as CuPy's
// examples/finance/black_scholes.py computes them, three ways: the formula with `auto`
// intermediates (the Python line for line: one fused expression per result), the formula with
// named ndarray intermediates (one kernel per line), and the example's ElementwiseKernel.
//
// Inputs: s, x, t (float64, n: price, strike, years). Outputs: call and put of each row.
#include <tuple>

#include "realworld.hpp"

namespace {

using cupp::ndarray;

constexpr double kRiskFree = 0.02;
constexpr double kVolatility = 0.3;

constexpr double A1 = 0.31938153;
constexpr double A2 = -0.356563782;
constexpr double A3 = 1.781477937;
constexpr double A4 = -1.821255978;
constexpr double A5 = 1.330274429;
constexpr double RSQRT2PI = 0.39894228040143267793994605993438;
constexpr double W = 0.2316419;

template <class X>
auto cumulative_normal(const X& x) {
  auto k = 1 / (1 + W * cupp::abs(x));
  auto cnd =
      RSQRT2PI * cupp::exp(-x * x / 2) * (k * (A1 + k * (A2 + k * (A3 + k * (A4 + k * A5)))));
  return cupp::where(x > 0, 1 - cnd, cnd);
}

std::pair<ndarray<double>, ndarray<double>> black_scholes_auto(const ndarray<double>& s,
                                                               const ndarray<double>& x,
                                                               const ndarray<double>& t, double r,
                                                               double v) {
  auto sqrt_t = cupp::sqrt(t);
  auto d1 = (cupp::log(s / x) + (r + v * v / 2) * t) / (v * sqrt_t);
  auto d2 = d1 - v * sqrt_t;
  auto cnd_d1 = cumulative_normal(d1);
  auto cnd_d2 = cumulative_normal(d2);
  auto exp_rt = cupp::exp(-r * t);
  ndarray<double> call = s * cnd_d1 - x * exp_rt * cnd_d2;
  ndarray<double> put = x * exp_rt * (1 - cnd_d2) - s * (1 - cnd_d1);
  return {call, put};
}

ndarray<double> cumulative_normal_named(const ndarray<double>& x) {
  ndarray<double> k = 1 / (1 + W * cupp::abs(x));
  ndarray<double> cnd =
      RSQRT2PI * cupp::exp(-x * x / 2) * (k * (A1 + k * (A2 + k * (A3 + k * (A4 + k * A5)))));
  return cupp::where(x > 0, 1 - cnd, cnd);
}

std::pair<ndarray<double>, ndarray<double>> black_scholes_named(const ndarray<double>& s,
                                                                const ndarray<double>& x,
                                                                const ndarray<double>& t, double r,
                                                                double v) {
  ndarray<double> sqrt_t = cupp::sqrt(t);
  ndarray<double> d1 = (cupp::log(s / x) + (r + v * v / 2) * t) / (v * sqrt_t);
  ndarray<double> d2 = d1 - v * sqrt_t;
  ndarray<double> cnd_d1 = cumulative_normal_named(d1);
  ndarray<double> cnd_d2 = cumulative_normal_named(d2);
  ndarray<double> exp_rt = cupp::exp(-r * t);
  ndarray<double> call = s * cnd_d1 - x * exp_rt * cnd_d2;
  ndarray<double> put = x * exp_rt * (1 - cnd_d2) - s * (1 - cnd_d1);
  return {call, put};
}

// As the example declares it: no C++ type list, T bound from the arrays at each call.
cupp::ElementwiseKernel<> make_black_scholes_kernel(const realworld::options& opt) {
  return cupp::ElementwiseKernel("T s, T x, T t, T r, T v", "T call, T put",
                                 realworld::read_source(opt, "black_scholes_body.cuh"),
                                 "black_scholes_kernel",
                                 realworld::read_source(opt, "black_scholes_preamble.cuh"));
}

struct inputs {
  ndarray<double> s, x, t;
};

inputs read_inputs(const realworld::options& opt) {
  return {realworld::read_array<double>(opt, "black_scholes_s"),
          realworld::read_array<double>(opt, "black_scholes_x"),
          realworld::read_array<double>(opt, "black_scholes_t")};
}

template <class F>
void run(const realworld::options& opt, const std::string& row, F&& black_scholes) {
  const inputs in = read_inputs(opt);
  std::pair<ndarray<double>, ndarray<double>> prices;
  realworld::time_program(opt, row, [&] { prices = black_scholes(in); });
  realworld::write_array(opt, row + ".cupp.call", prices.first);
  realworld::write_array(opt, row + ".cupp.put", prices.second);
}

void run_auto(const realworld::options& opt) {
  run(opt, "black_scholes_auto", [](const inputs& in) {
    return black_scholes_auto(in.s, in.x, in.t, kRiskFree, kVolatility);
  });
}

void run_named(const realworld::options& opt) {
  run(opt, "black_scholes_named", [](const inputs& in) {
    return black_scholes_named(in.s, in.x, in.t, kRiskFree, kVolatility);
  });
}

void run_kernel(const realworld::options& opt) {
  const cupp::ElementwiseKernel<> black_scholes_kernel = make_black_scholes_kernel(opt);
  run(opt, "black_scholes_kernel", [&](const inputs& in) {
    const cupp::kernel_result prices =
        black_scholes_kernel(in.s, in.x, in.t, kRiskFree, kVolatility);
    return std::make_pair(prices.as<double>(0), prices.as<double>(1));
  });
}

const bool registered = realworld::add("black_scholes_auto", run_auto) &&
                        realworld::add("black_scholes_named", run_named) &&
                        realworld::add("black_scholes_kernel", run_kernel);

}  // namespace
