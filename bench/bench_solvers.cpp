// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Decompositions and solvers, compared with CuPy by time alone (bench/compare_cupy.py).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include "bench_util.hpp"
#include "cupp/array.hpp"
#include "cupp/linalg/decompositions.hpp"
#include "cupp/linalg/eigen.hpp"
#include "cupp/linalg/solve.hpp"

namespace {

/// A well-conditioned n x n matrix: random entries plus n on the diagonal.
template <class T>
cupp::ndarray<T> diagonally_dominant(std::int64_t n) {
  const auto r = cupp::random::rand<T>({n, n});
  return cupp::ndarray<T>(r + cupp::eye<T>(n) * static_cast<T>(n));
}

/// A symmetric positive definite n x n matrix.
template <class T>
cupp::ndarray<T> spd(std::int64_t n) {
  const auto r = cupp::random::rand<T>({n, n});
  return cupp::ndarray<T>(r + r.T() + cupp::eye<T>(n) * static_cast<T>(n));
}

void solve_f64(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const auto a = diagonally_dominant<double>(4096);
  const auto b = cupp::random::rand<double>({4096, 16});
  cupp::bench::time_device(state, [&] { auto x = cupp::linalg::solve(a, b); }, 1);
}

void inv_f32(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const auto a = diagonally_dominant<float>(4096);
  cupp::bench::time_device(state, [&] { auto x = cupp::linalg::inv(a); }, 1);
}

void cholesky_f64(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const auto a = spd<double>(4096);
  cupp::bench::time_device(state, [&] { auto l = cupp::linalg::cholesky(a); }, 1);
}

void qr_f32(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const auto a = cupp::random::rand<float>({4096, 4096});
  cupp::bench::time_device(state, [&] { auto qr = cupp::linalg::qr(a); }, 1);
}

void det_f64(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const auto a = diagonally_dominant<double>(4096);
  cupp::bench::time_device(state, [&] { auto d = cupp::linalg::det(a); }, 1);
}

void eigh_f32(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const auto a = spd<float>(2048);
  cupp::bench::time_device(state, [&] { auto e = cupp::linalg::eigh(a); }, 1);
}

void svd_f32(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const auto a = cupp::random::rand<float>({2048, 2048});
  cupp::bench::time_device(state, [&] { auto s = cupp::linalg::svd(a); }, 1);
}

void eigh_batched(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const auto r = cupp::random::rand<float>({10000, 4, 4});
  const cupp::ndarray<float> a(r + r.transpose({0, 2, 1}));
  cupp::bench::time_device(state, [&] { auto e = cupp::linalg::eigh(a); });
}

// As CuPy by default: the solver's status is not read back (no synchronisation).
void eigh_batched_ignore(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const auto r = cupp::random::rand<float>({10000, 4, 4});
  const cupp::ndarray<float> a(r + r.transpose({0, 2, 1}));
  cupp::linalg::errstate quiet(cupp::linalg::on_error::ignore);
  cupp::bench::time_device(state, [&] { auto e = cupp::linalg::eigh(a); });
}

// The one-call cases (a factorisation takes milliseconds to a second) time one call per
// repetition, as CuPy's side; the batched ones kDeviceGroups groups of kDeviceReps calls.
template <class F>
void add(const char* name, F f, int iterations = 1) {
  benchmark::RegisterBenchmark(name, f)
      ->UseManualTime()
      ->Iterations(iterations)
      ->Unit(benchmark::kMicrosecond);
}

const bool kRegistered = [] {
  add("la_solve_f64_4096x16", solve_f64);
  add("la_inv_f32_4096", inv_f32);
  add("la_cholesky_f64_4096", cholesky_f64);
  add("la_qr_f32_4096", qr_f32);
  add("la_det_f64_4096", det_f64);
  add("la_eigh_f32_2048", eigh_f32);
  add("la_svd_f32_2048", svd_f32);
  add("la_eigh_batched_10000x4", eigh_batched, cupp::bench::kDeviceGroups);
  add("la_eigh_batched_10000x4_ignore", eigh_batched_ignore, cupp::bench::kDeviceGroups);
  return true;
}();

}  // namespace
