// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::ndimage measurement cases; bench/compare_cupy.py runs the same ones with
// cupyx.scipy.ndimage.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "bench_util.hpp"
#include "cupp/array.hpp"
#include "cupp/scipy/ndimage.hpp"

namespace {

namespace ndi = cupp::scipy::ndimage;

constexpr std::int64_t kSide = 4096;
constexpr std::int64_t kLabels = 1000;

// float32 4096x4096 uniform [0, 1) values and int32 labels drawn uniformly from [0, 1000]
// (0: background), statistics of the labels 1..1000. Bytes: the values and labels read.
struct labelled {
  cupp::ndarray<float> input;
  cupp::ndarray<std::int32_t> labels;
  std::vector<std::int64_t> index;
};

labelled labelled_image() {
  labelled r{cupp::random::rand<float>({kSide, kSide}),
             cupp::ndarray<std::int32_t>(cupp::floor(
                 cupp::random::rand<double>({kSide, kSide}) * static_cast<double>(kLabels + 1))),
             {}};
  for (std::int64_t k = 1; k <= kLabels; ++k) r.index.push_back(k);
  return r;
}

void sum_labels_4096(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const labelled l = labelled_image();
  cupp::bench::time_device(state, [&] {
    const cupp::ndarray<double> s = ndi::sum_labels(l.input, l.labels, l.index);
    benchmark::DoNotOptimize(s);
  });
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 8 * kSide * kSide);
}

void center_of_mass_4096(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const labelled l = labelled_image();
  cupp::bench::time_device(state, [&] {
    const cupp::ndarray<double> c = ndi::center_of_mass(l.input, l.labels, l.index);
    benchmark::DoNotOptimize(c);
  });
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 8 * kSide * kSide);
}

// A bool 2048x2048 mask, 50% foreground at random: the distances (float64) to the nearest
// background element. Bytes: the mask read and the distances written.
void distance_transform_edt_2048(benchmark::State& state) {
  if (!cupp::bench::need_gpu(state)) return;
  const std::int64_t side = 2048;
  const cupp::ndarray<bool> mask(cupp::random::rand<float>({side, side}) < 0.5f);
  cupp::bench::time_device(state, [&] {
    const cupp::ndarray<double> d = ndi::distance_transform_edt(mask);
    benchmark::DoNotOptimize(d);
  });
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 9 * side * side);
}

const auto* const kSum = benchmark::RegisterBenchmark("ndi_sum_labels_4096", sum_labels_4096)
                             -> UseManualTime() -> Iterations(cupp::bench::kDeviceGroups)
                                 -> Unit(benchmark::kMicrosecond);
const auto* const kCom =
    benchmark::RegisterBenchmark("ndi_center_of_mass_4096", center_of_mass_4096)
        -> UseManualTime() -> Iterations(cupp::bench::kDeviceGroups)
            -> Unit(benchmark::kMicrosecond);
const auto* const kEdt =
    benchmark::RegisterBenchmark("ndi_distance_transform_edt_2048", distance_transform_edt_2048)
        -> UseManualTime() -> Iterations(cupp::bench::kDeviceGroups)
            -> Unit(benchmark::kMicrosecond);

}  // namespace
