// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The rank filters and grey morphology of cupp::scipy::ndimage on a float32 4096 x 4096 image,
// compared with cupyx.scipy.ndimage by time (bench/compare_cupy.py, the ndi_ rows). The input is
// made once, outside the timed region; each call allocates its result from the pool, as CuPy's
// do.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "bench_util.hpp"
#include "cupp/array.hpp"
#include "cupp/scipy/ndimage.hpp"

namespace {

namespace ndi = cupp::scipy::ndimage;

constexpr std::int64_t kSide = 4096;

/// The file's cases, registered by the shared rule (bench_util.hpp); each reads the image once
/// and writes the result once.
template <class Setup>
void add(const char* name, Setup setup) {
  cupp::bench::add_device_case(name, setup, 2 * 4 * kSide * kSide);
}

cupp::ndarray<float> image() {
  return cupp::random::default_rng(1).random<float>({kSide * kSide}).reshape({kSide, kSide});
}

const bool kRegistered = [] {
  add("ndi_median_filter_3_f32_4096", [] {
    const auto a = image();
    return [a] { auto r = ndi::median_filter(a, 3); };
  });
  add("ndi_median_filter_7_f32_4096", [] {
    const auto a = image();
    return [a] { auto r = ndi::median_filter(a, 7); };
  });
  add("ndi_maximum_filter_9_f32_4096", [] {
    const auto a = image();
    return [a] { auto r = ndi::maximum_filter(a, 9); };
  });
  add("ndi_grey_erosion_3x3_f32_4096", [] {
    const auto a = image();
    return [a] { auto r = ndi::grey_erosion(a, {3, 3}); };
  });
  return true;
}();

}  // namespace
