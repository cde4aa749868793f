// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Manipulation and advanced indexing, compared with CuPy by time (bench/compare_cupy.py, the mp_
// rows). Inputs are made once, outside the timed region; each call allocates its result from the
// pool, as CuPy's do.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "bench_util.hpp"
#include "cupp/array.hpp"

namespace {

constexpr std::int64_t k26 = std::int64_t{1} << 26, k24 = std::int64_t{1} << 24,
                       k23 = std::int64_t{1} << 23;

/// The file's cases, registered by the shared rule (bench_util.hpp).
template <class Setup>
void add(const char* name, Setup setup) {
  cupp::bench::add_device_case(name, setup);
}

cupp::ndarray<float> uniform(std::int64_t n, std::uint64_t seed) {
  return cupp::random::default_rng(seed).random<float>({n});
}

const bool kRegistered = [] {
  add("mp_concatenate_8x2^23_f32", [] {
    std::vector<cupp::ndarray<float>> parts;
    for (int i = 0; i < 8; ++i) parts.push_back(uniform(k23, 10 + i));
    return [parts] { auto c = cupp::concatenate(parts); };
  });
  add("mp_mask_get_f32_2^26", [] {
    const auto a = uniform(k26, 1);
    const cupp::ndarray<bool> mask = uniform(k26, 2) < 0.5f;
    return [a, mask] { cupp::ndarray<float> r = a[mask]; };
  });
  add("mp_take_2^24_of_2^26_f32", [] {
    const auto a = uniform(k26, 1);
    const auto idx = cupp::random::default_rng(3).integers<std::int64_t>(0, k26, {k24});
    return [a, idx] { auto r = cupp::take(a, idx); };
  });
  add("mp_scatter_2^24_into_2^26_f32", [] {
    const auto a = uniform(k26, 1);
    const auto idx = cupp::random::default_rng(3).integers<std::int64_t>(0, k26, {k24});
    const auto v = uniform(k24, 4);
    return [a, idx, v] { a[idx] = v; };
  });
  add("mp_pad_reflect_8192_f32", [] {
    const auto a = uniform(8192 * 8192, 1).reshape({8192, 8192});
    return [a] { auto r = cupp::pad(a, 128, "reflect"); };
  });
  add("mp_roll_f32_2^26", [] {
    const auto a = uniform(k26, 1);
    return [a] { auto r = cupp::roll(a, 12345); };
  });
  return true;
}();

}  // namespace
