// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// European option prices by the Black-Scholes formula, written as a CuPy program reads: `auto`
// intermediates fused into one kernel per result, the same formula as a generic
// ElementwiseKernel (types bound at the call), Python-style slices and method forms. Both ways
// are checked against a host loop in double precision.
#include <cupp/array.hpp>

#include <cmath>
#include <cstdio>
#include <vector>

namespace {

// The standard normal distribution function (Abramowitz and Stegun 26.2.17), for an array
// expression: every line stays lazy, so the whole of cnd(d1) is part of one kernel.
template <class X>
auto cnd(const X& d) {
  const double a1 = 0.31938153, a2 = -0.356563782, a3 = 1.781477937, a4 = -1.821255978,
               a5 = 1.330274429;
  auto k = 1.0 / (1.0 + 0.2316419 * cupp::abs(d));
  auto tail = 0.39894228040143267793994605993438 * cupp::exp(-d * d / 2.0) *
              (k * (a1 + k * (a2 + k * (a3 + k * (a4 + k * a5)))));
  return cupp::where(d > 0.0, 1.0 - tail, tail);
}

double host_cnd(double d) {
  const double k = 1.0 / (1.0 + 0.2316419 * std::abs(d));
  const double tail = 0.39894228040143267793994605993438 * std::exp(-d * d / 2.0) *
                      (k * (0.31938153 + k * (-0.356563782 + k * (1.781477937 +
                                                                 k * (-1.821255978 +
                                                                      k * 1.330274429)))));
  return d > 0 ? 1.0 - tail : tail;
}

}  // namespace

int main() {
  const std::int64_t n = 1 << 20;
  const double r = 0.02, v = 0.3;
  auto gen = cupp::random::default_rng(0);
  // example-begin black_scholes
  cupp::ndarray<double> s = gen.uniform<double>(5.0, 30.0, {n});   // stock price
  cupp::ndarray<double> x = gen.uniform<double>(1.0, 100.0, {n});  // strike
  cupp::ndarray<double> t = gen.uniform<double>(0.25, 10.0, {n});  // years

  // The formula as the Python reads: nothing runs until `call` and `put` are assigned, then
  // each is one kernel that reads s, x and t once.
  auto sqrt_t = cupp::sqrt(t);
  auto d1 = (cupp::log(s / x) + (r + v * v / 2) * t) / (v * sqrt_t);
  auto d2 = d1 - v * sqrt_t;
  auto exp_rt = cupp::exp(-r * t);
  cupp::ndarray<double> call = s * cnd(d1) - x * exp_rt * cnd(d2);
  cupp::ndarray<double> put = x * exp_rt * (1.0 - cnd(d2)) - s * (1.0 - cnd(d1));

  // The same as a kernel declared once, as CuPy's ElementwiseKernel: T is bound by the call.
  static const cupp::ElementwiseKernel black_scholes(
      "T s, T x, T t, T r, T v", "T call, T put", R"(
        const T sqrt_t = sqrt(t);
        const T d1 = (log(s / x) + (r + v * v / 2) * t) / (v * sqrt_t);
        const T d2 = d1 - v * sqrt_t;
        const T exp_rt = exp(-r * t);
        call = s * cnd(d1) - x * exp_rt * cnd(d2);
        put = x * exp_rt * (1 - cnd(d2)) - s * (1 - cnd(d1));
      )", "black_scholes", R"(
        __device__ T cnd(T d) {
          const T k = 1 / (1 + 0.2316419 * abs(d));
          const T tail = 0.39894228040143267793994605993438 * exp(-d * d / 2) *
              (k * (0.31938153 + k * (-0.356563782 + k * (1.781477937 +
                                                          k * (-1.821255978 + k * 1.330274429)))));
          return d > 0 ? 1 - tail : tail;
        }
      )");
  cupp::kernel_result prices = black_scholes(s, x, t, r, v);

  // Python-style slices and method forms read the results.
  double first_calls = call[":8"].sum().item();           // call[:8].sum()
  double top_put = put["::-1"].max().item();               // put[::-1].max()
  std::printf("sum of the first 8 calls %.6f, largest put %.6f\n", first_calls, top_put);
  // example-end

  const std::vector<double> hs = s.get(), hx = x.get(), ht = t.get();
  const std::vector<double> hc = call.get(), hp = put.get();
  const std::vector<double> kc = prices.as<double>(0).get(), kp = prices.as<double>(1).get();
  double worst = 0;
  for (std::size_t i = 0; i < hs.size(); ++i) {
    const double st = std::sqrt(ht[i]);
    const double e1 = (std::log(hs[i] / hx[i]) + (r + v * v / 2) * ht[i]) / (v * st);
    const double e2 = e1 - v * st;
    const double ert = std::exp(-r * ht[i]);
    const double ec = hs[i] * host_cnd(e1) - hx[i] * ert * host_cnd(e2);
    const double ep = hx[i] * ert * (1 - host_cnd(e2)) - hs[i] * (1 - host_cnd(e1));
    for (double err : {hc[i] - ec, hp[i] - ep, kc[i] - ec, kp[i] - ep})
      worst = std::max(worst, std::abs(err) / (1.0 + std::abs(ec) + std::abs(ep)));
  }
  std::printf("largest difference from the host: %.3g: %s\n", worst, worst < 1e-10 ? "ok" : "WRONG");
  return worst < 1e-10 ? 0 : 1;
}
