// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The linear filters of cupp::scipy::ndimage on a float32 4096x4096 image, compared with
// cupyx.scipy.ndimage by time (bench/compare_cupy.py, the ndi_ rows). The image is made once,
// outside the timed region; each call allocates its result from the pool, as CuPy's do.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "bench_util.hpp"
#include "cupp/array.hpp"
#include "cupp/scipy/ndimage.hpp"

namespace {

namespace ndi = cupp::scipy::ndimage;
constexpr std::int64_t kSide = 4096;

/// The file's cases, registered by the shared rule (bench_util.hpp).
template <class Setup>
void add(const char* name, Setup setup) {
  cupp::bench::add_device_case(name, setup);
}

cupp::ndarray<float> image() { return cupp::random::default_rng(18).random<float>({kSide, kSide}); }

const bool kRegistered = [] {
  add("ndi_gaussian_filter_sigma4_f32_4096", [] {
    const auto a = image();
    return [a] { auto r = ndi::gaussian_filter(a, 4.0); };
  });
  add("ndi_uniform_filter_9_f32_4096", [] {
    const auto a = image();
    return [a] { auto r = ndi::uniform_filter(a, 9); };
  });
  add("ndi_sobel_f32_4096", [] {
    const auto a = image();
    return [a] { auto r = ndi::sobel(a); };
  });
  add("ndi_correlate_3x3_f32_4096", [] {
    const auto a = image();
    const auto w = cupp::random::default_rng(19).random<float>({3, 3});
    return [a, w] { auto r = ndi::correlate(a, w); };
  });
  return true;
}();

}  // namespace
