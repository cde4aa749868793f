// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Binary morphology and label of cupp::scipy::ndimage, compared with cupyx.scipy.ndimage by time
// (bench/compare_cupy.py, the ndi_binary_ and ndi_label_ rows). Inputs are made once, outside the
// timed region; each call allocates its result from the pool, as CuPy's do.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <optional>

#include "bench_util.hpp"
#include "cupp/array.hpp"
#include "cupp/scipy/ndimage.hpp"

namespace {

namespace ndi = cupp::scipy::ndimage;

constexpr std::int64_t kSide = 4096;

/// A kSide x kSide image of uniform [0, 1) float32 values, as CuPy's cp.random.rand.
cupp::ndarray<float> uniform_image(std::uint64_t seed) {
  return cupp::random::default_rng(seed).random<float>({kSide, kSide});
}

/// The file's cases, registered by the shared rule (bench_util.hpp).
template <class Setup>
void add(const char* name, Setup setup) {
  cupp::bench::add_device_case(name, setup);
}

const bool kRegistered = [] {
  // binary_erosion of a bool image (90% true) by the full 3 x 3 structure, iterations=5.
  add("ndi_binary_erosion_3x3_iter5_4096", [] {
    const cupp::ndarray<bool> image = uniform_image(1) < 0.9f;
    const cupp::array square = ndi::generate_binary_structure(2, 2);
    return [image, square] { auto e = ndi::binary_erosion(image, square, 5); };
  });
  // label of a random mask at 50% density, default (4-connected) structure; the time includes
  // reading the number of features back, as CuPy's label does.
  add("ndi_label_random50_4096", [] {
    const cupp::ndarray<bool> mask = uniform_image(2) < 0.5f;
    return [mask] { auto l = ndi::label(mask); };
  });
  return true;
}();

}  // namespace
