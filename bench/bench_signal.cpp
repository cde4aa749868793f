// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The convolutions, linear filters, resampling, peak finding and spectral analysis of cupp::scipy::signal, compared
// with cupyx.scipy.signal by time (bench/compare_cupy.py, the sig_ rows). Inputs are made once,
// outside the timed region; each call allocates its result from the pool, as CuPy's do.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "bench_util.hpp"
#include "cupp/array.hpp"
#include "cupp/scipy/signal.hpp"

namespace {

namespace signal = cupp::scipy::signal;

template <class Setup>
void add(const char* name, std::int64_t bytes, Setup setup) {
  benchmark::RegisterBenchmark(name,
                               [setup, bytes](benchmark::State& state) {
                                 if (!cupp::bench::need_gpu(state)) return;
                                 auto run = setup();
                                 cupp::bench::time_device(state, run);
                                 state.SetBytesProcessed(state.iterations() * bytes);
                               })
      ->UseManualTime()
      ->Iterations(cupp::bench::kDeviceGroups)
      ->Unit(benchmark::kMicrosecond);
}

cupp::ndarray<float> noise(std::int64_t n, std::uint64_t seed) {
  return cupp::random::default_rng(seed).random<float>({n});
}

// scipy.signal.butter(8, 0.1) as b, a and as second-order sections.
const std::vector<float> kB = {
    1.7625537291912854e-07f, 1.4100429833530283e-06f, 4.935150441735599e-06f,
    9.870300883471198e-06f,  1.2337876104338998e-05f, 9.870300883471198e-06f,
    4.935150441735599e-06f,  1.4100429833530283e-06f, 1.7625537291912854e-07f};
const std::vector<float> kA = {1.0f,
                               -6.390364563108543f,
                               18.000338335739908f,
                               -29.17109937488287f,
                               29.731375438327486f,
                               -19.505631768126666f,
                               8.040995932998946f,
                               -1.903668891132588f,
                               0.19810001155979176f};
const std::vector<float> kSos = {1.7625537291912854e-07f,
                                 3.525107458382571e-07f,
                                 1.7625537291912854e-07f,
                                 1.0f,
                                 -1.4597062543768673f,
                                 0.5348259849616107f,
                                 1.0f,
                                 2.0f,
                                 1.0f,
                                 1.0f,
                                 -1.5132907658389045f,
                                 0.5911680745682053f,
                                 1.0f,
                                 2.0f,
                                 1.0f,
                                 1.0f,
                                 -1.6234056976410005f,
                                 0.7069497656826822f,
                                 1.0f,
                                 2.0f,
                                 1.0f,
                                 1.0f,
                                 -1.7939618452517712f,
                                 0.8862831120070135f};

constexpr std::int64_t kSignal = std::int64_t{1} << 22, kTaps = std::int64_t{1} << 12;
constexpr std::int64_t kSide = 2048, kKernel = 15;
constexpr std::int64_t kLines = 1024, kLength = std::int64_t{1} << 16;

const bool kRegistered = [] {
  // Read both inputs, write the full result.
  add("sig_fftconvolve_2^22x2^12_f32", 4 * (2 * (kSignal + kTaps) - 1), [] {
    const auto a = noise(kSignal, 1), k = noise(kTaps, 2);
    return [a, k] { auto r = signal::fftconvolve(a, k); };
  });
  add("sig_convolve2d_2048x15_f32",
      4 * (kSide * kSide + (kSide + kKernel - 1) * (kSide + kKernel - 1)), [] {
        const auto a = noise(kSide * kSide, 3).reshape({kSide, kSide});
        const auto k = noise(kKernel * kKernel, 4).reshape({kKernel, kKernel});
        return [a, k] { auto r = signal::convolve2d(a, k); };
      });
  // Read the signals, write the result.
  add("sig_lfilter_1024x2^16_order8_f32", 2 * 4 * kLines * kLength, [] {
    const auto x = noise(kLines * kLength, 5).reshape({kLines, kLength});
    const auto b = cupp::asarray<float>(kB), a = cupp::asarray<float>(kA);
    return [x, b, a] { auto r = signal::lfilter(b, a, x); };
  });
  add("sig_sosfilt_1024x2^16_order8_f32", 2 * 4 * kLines * kLength, [] {
    const auto x = noise(kLines * kLength, 6).reshape({kLines, kLength});
    const auto sos = cupp::asarray<float>(kSos, {4, 6});
    return [x, sos] { auto r = signal::sosfilt(sos, x); };
  });
  // Read the signal, write 1.5 times as many samples.
  add("sig_resample_poly_2^24_3_2_f32", 4 * (std::int64_t{1} << 24) * 5 / 2, [] {
    const auto x = noise(std::int64_t{1} << 24, 7);
    return [x] { auto r = signal::resample_poly(x, 3, 2); };
  });
  // Read the signal (the search reads it once; the peaks are about a third of it).
  add("sig_find_peaks_2^24_f32", 4 * (std::int64_t{1} << 24), [] {
    const auto x = noise(std::int64_t{1} << 24, 8);
    return [x] { auto r = signal::find_peaks(x); };
  });
  // Read the signal (the spectrum written is a few kilobytes).
  add("sig_welch_2^26_f32", 4 * (std::int64_t{1} << 26), [] {
    const auto x = noise(std::int64_t{1} << 26, 9);
    return [x] { auto r = signal::welch(x, 1.0, "hann", 256); };
  });
  return true;
}();

}  // namespace
