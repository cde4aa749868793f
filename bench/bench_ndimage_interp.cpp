// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::ndimage interpolation rows; bench/compare_cupy.py runs the same ones with
// cupyx.scipy.ndimage (NDIMAGE_INTERP_ROWS there). float32 4096 x 4096 inputs.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "bench_util.hpp"
#include "cupp/array.hpp"
#include "cupp/scipy/ndimage.hpp"

namespace {

namespace ndi = cupp::scipy::ndimage;
constexpr std::int64_t kSide = 4096;

const cupp::ndarray<float>& image() {
  static const auto a = cupp::random::rand<float>({kSide, kSide});
  return a;
}

void bytes(benchmark::State& state, std::int64_t n) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * n);
}

// Bytes: one read of the input and one write of the 8192 x 8192 result (the prefilter's passes
// come on top).
void zoom_x2_order3(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const auto& a = image();
  cupp::bench::time_device(state, [&] { cupp::ndarray<float> z = ndi::zoom(a, 2.0, 3); });
  bytes(state, 4 * kSide * kSide * 5);
}

// Order 1: no prefilter. Bytes: the input once, the (5595 x 5595) result once.
void rotate_30_order1(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const auto& a = image();
  std::int64_t out = 0;
  cupp::bench::time_device(state, [&] {
    cupp::ndarray<float> r = ndi::rotate(a, 30.0, {1, 0}, true, 1);
    out = r.size();
  });
  bytes(state, 4 * (kSide * kSide + out));
}

// 2^24 points at uniform coordinates in the image. Bytes: the coordinates, the input and the
// result once each.
void map_coordinates_order3(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const auto& a = image();
  const std::int64_t n = std::int64_t{1} << 24;
  const cupp::ndarray<float> coords = cupp::random::rand<float>({2, n}) * float(kSide - 1);
  cupp::bench::time_device(
      state, [&] { cupp::ndarray<float> m = ndi::map_coordinates(a, coords, 3); });
  bytes(state, 4 * (2 * n + kSide * kSide + n));
}

template <class F>
void add(const char* name, F f) {
  benchmark::RegisterBenchmark(name, f)
      ->UseManualTime()
      ->Iterations(cupp::bench::kDeviceGroups)
      ->Unit(benchmark::kMicrosecond);
}

const bool kRegistered = [] {
  add("ndi_zoom_x2_order3_f32_4096", zoom_x2_order3);
  add("ndi_rotate_30_order1_f32_4096", rotate_30_order1);
  add("ndi_map_coordinates_2^24_order3_f32", map_coordinates_order3);
  return true;
}();

}  // namespace
