// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// FFT cases on cuFFT; bench/compare_cupy.py runs the same ones with cupy.fft (FFT_ROWS there).
#include <benchmark/benchmark.h>

#include <complex>
#include <cstdint>

#include "bench_util.hpp"
#include "cupp/array.hpp"
#include "cupp/fft.hpp"

namespace {

using c64 = std::complex<float>;

/// Uniform values in [0, 1) as complex64 (imaginary parts 0: an FFT's time does not depend on
/// its data).
cupp::ndarray<c64> complex_rand(const cupp::shape_t& shape) {
  return cupp::random::rand<float>(shape).astype<c64>();
}

// Bytes: one read of the input and one write of the result, the least an out-of-place FFT moves.
void bytes(benchmark::State& state, std::int64_t n) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * n);
}

void fft_c64_1d(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const std::int64_t n = std::int64_t{1} << 24;
  const auto a = complex_rand({n});
  cupp::bench::time_device(state, [&] { cupp::ndarray<c64> f = cupp::fft::fft(a); });
  bytes(state, 2 * 8 * n);
}

void fft2_c64(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const auto a = complex_rand({4096, 4096});
  cupp::bench::time_device(state, [&] { cupp::ndarray<c64> f = cupp::fft::fft2(a); });
  bytes(state, 2 * 8 * 4096 * 4096);
}

void rfft_f32(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const std::int64_t n = std::int64_t{1} << 26;
  const auto a = cupp::random::rand<float>({n});
  cupp::bench::time_device(state, [&] { cupp::ndarray<c64> f = cupp::fft::rfft(a); });
  bytes(state, 4 * n + 8 * (n / 2 + 1));
}

// Each column of a C-contiguous matrix: one strided plan (istride 4096, idist 1), no transpose.
void fft_axis0_c64(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const auto a = complex_rand({4096, 4096});
  cupp::bench::time_device(state,
                           [&] { cupp::ndarray<c64> f = cupp::fft::fft(a, std::nullopt, 0); });
  bytes(state, 2 * 8 * 4096 * 4096);
}

// ifft of every other column of a 4096 x 8192 matrix over the last axis: read through istride 2
// without a copy, then scaled by 1/n.
void ifft_view_c64(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const auto a = complex_rand({4096, 8192});
  const auto v = a(cupp::slice(), cupp::slice(std::nullopt, std::nullopt, 2));
  cupp::bench::time_device(state, [&] { cupp::ndarray<c64> f = cupp::fft::ifft(v); });
  bytes(state, 2 * 8 * 4096 * 4096);
}

template <class F>
void add(const char* name, F f) {
  benchmark::RegisterBenchmark(name, f)
      ->UseManualTime()
      ->Iterations(cupp::bench::kDeviceGroups)
      ->Unit(benchmark::kMicrosecond);
}

const bool kRegistered = [] {
  add("fft_c64_2^24", fft_c64_1d);
  add("fft2_c64_4096", fft2_c64);
  add("rfft_f32_2^26", rfft_f32);
  add("fft_axis0_c64_4096", fft_axis0_c64);
  add("ifft_view_c64", ifft_view_c64);
  return true;
}();

}  // namespace
