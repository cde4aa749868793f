// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::special on 2^26 float32 elements, compared with cupyx.scipy.special by time
// (bench/compare_cupy.py, the special_ rows): erf, gammaln, i0 and expit alone (read the input,
// write the result), erf(a) * b + c, one fused kernel here and three in CuPy, and the iterative
// gammainc, k1 and betainc.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "bench_util.hpp"
#include "cupp/array.hpp"
#include "cupp/scipy/special.hpp"

namespace {

namespace special = cupp::scipy::special;
constexpr std::int64_t kN = std::int64_t{1} << 26;

cupp::ndarray<float> input(std::uint64_t seed) {
  return cupp::random::default_rng(seed).random<float>({kN}) * 4.0f - 2.0f;
}

const bool kRegistered = [] {
  using cupp::bench::add_device_case;
  const std::int64_t one = 2 * 4 * kN;
  add_device_case(
      "special_erf_f32_2^26",
      [] {
        const cupp::ndarray<float> a = input(1);
        return [a] { const cupp::ndarray<float> r = special::erf(a); };
      },
      one);
  add_device_case(
      "special_gammaln_f32_2^26",
      [] {
        const cupp::ndarray<float> a = input(2);
        return [a] { const cupp::ndarray<float> r = special::gammaln(a); };
      },
      one);
  add_device_case(
      "special_i0_f32_2^26",
      [] {
        const cupp::ndarray<float> a = input(3);
        return [a] { const cupp::ndarray<float> r = special::i0(a); };
      },
      one);
  add_device_case(
      "special_expit_f32_2^26",
      [] {
        const cupp::ndarray<float> a = input(4);
        return [a] { const cupp::ndarray<float> r = special::expit(a); };
      },
      one);
  // Three inputs read, one result written.
  add_device_case(
      "special_erf_fused_f32_2^26",
      [] {
        const cupp::ndarray<float> a = input(5), b = input(6), c = input(7);
        return [a, b, c] { const cupp::ndarray<float> r = special::erf(a) * b + c; };
      },
      4 * 4 * kN);
  // The incomplete gamma and beta functions and k1: iterative (series, continued fractions),
  // computed in double for float32 as SciPy's. Shapes in [0.5, 4.5), x in [0.5, 4.5) and [0, 1).
  add_device_case(
      "special_gammainc_f32_2^26",
      [] {
        const cupp::ndarray<float> a = input(8) + 2.5f, x = input(9) + 2.5f;
        return [a, x] { const cupp::ndarray<float> r = special::gammainc(a, x); };
      },
      3 * 4 * kN);
  add_device_case(
      "special_k1_f32_2^26",
      [] {
        const cupp::ndarray<float> x = input(10) + 2.5f;
        return [x] { const cupp::ndarray<float> r = special::k1(x); };
      },
      one);
  add_device_case(
      "special_betainc_f32_2^26",
      [] {
        const cupp::ndarray<float> a = input(11) + 2.5f, b = input(12) + 2.5f;
        const cupp::ndarray<float> x = (input(13) + 2.0f) * 0.25f;
        return [a, b, x] { const cupp::ndarray<float> r = special::betainc(a, b, x); };
      },
      4 * 4 * kN);
  return true;
}();

}  // namespace
