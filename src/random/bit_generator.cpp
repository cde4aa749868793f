// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::random's cuRAND bit generators (XORWOW, MRG32k3a): one cuRAND host generator per object,
// made on its first draw, and the draws it serves: 32-bit words, uniforms, normals, lognormals and
// exponentials (Note [cuRAND bit generators]).
#include <curand.h>

#include <cstdint>
#include <memory>
#include <string>

#include "cupp/array.hpp"
#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/random.hpp"

namespace cupp::random::detail {

// Note [cuRAND bit generators]: XORWOW and MRG32k3a are sequential generators whose state lives on
// the device, so they cannot feed the counter-based samplers of kernels/cupp/random.cuh (each of
// which reads its own element's words at a fixed place). They are cuRAND's host API instead:
// curandGenerate for words, curandGenerateUniform(Double) for uniforms on (0, 1] (turned into
// [0, 1) by taking 1 to 0, and into exponentials by -log), curandGenerateNormal(Double) and
// curandGenerateLogNormal(Double) for normals. The numbers are cuRAND's for the seed, in its
// default ordering, on the current stream.
struct curand_source {
  curand_type type;
  std::uint64_t seed;
  curandGenerator_t handle = nullptr;
  int device = -1;

  curand_source(curand_type t, std::uint64_t s) : type(t), seed(s) {}
  curand_source(const curand_source&) = delete;
  curand_source& operator=(const curand_source&) = delete;
  ~curand_source() {
    if (handle) curandDestroyGenerator(handle);
  }

  /// The generator, made on the first call on the current device, set to the current stream.
  curandGenerator_t get() {
    const int current = cuda::detail::current_device_id();
    if (!handle) {
      curandGenerator_t g = nullptr;
      CUPP_CHECK_CURAND(curandCreateGenerator(
          &g, type == curand_type::xorwow ? CURAND_RNG_PSEUDO_XORWOW : CURAND_RNG_PSEUDO_MRG32K3A));
      handle = g;
      device = current;
      CUPP_CHECK_CURAND(curandSetPseudoRandomGeneratorSeed(handle, seed));
    } else if (device != current) {
      throw value_error("cupp::random: a cuRAND bit generator draws on the device of its first "
                        "draw (device " + std::to_string(device) + "), not on device " +
                        std::to_string(current));
    }
    CUPP_CHECK_CURAND(curandSetStream(handle, cuda::get_current_stream()));
    return handle;
  }
};

std::shared_ptr<curand_source> make_curand_source(curand_type t, std::uint64_t seed) {
  return std::make_shared<curand_source>(t, seed);
}

bool curand_serves(kind k) {
  switch (k) {
    case kind::random: case kind::uniform: case kind::exponential: case kind::normal:
    case kind::lognormal: case kind::bits:
      return true;
    default:
      return false;
  }
}

namespace {

void generate_uniform(curandGenerator_t g, float* p, std::size_t n) {
  CUPP_CHECK_CURAND(curandGenerateUniform(g, p, n));
}
void generate_uniform(curandGenerator_t g, double* p, std::size_t n) {
  CUPP_CHECK_CURAND(curandGenerateUniformDouble(g, p, n));
}
void generate_normal(curandGenerator_t g, float* p, std::size_t n, double mean, double sd,
                     bool log) {
  const auto m = static_cast<float>(mean), s = static_cast<float>(sd);
  if (log)
    CUPP_CHECK_CURAND(curandGenerateLogNormal(g, p, n, m, s));
  else
    CUPP_CHECK_CURAND(curandGenerateNormal(g, p, n, m, s));
}
void generate_normal(curandGenerator_t g, double* p, std::size_t n, double mean, double sd,
                     bool log) {
  if (log)
    CUPP_CHECK_CURAND(curandGenerateLogNormalDouble(g, p, n, mean, sd));
  else
    CUPP_CHECK_CURAND(curandGenerateNormalDouble(g, p, n, mean, sd));
}

template <class T>
void real_draw(curandGenerator_t g, kind k, const draw_args& a,
               const cupp::detail::array_desc& out) {
  const auto n = static_cast<std::size_t>(out.size());
  T* const ptr = reinterpret_cast<T*>(out.ptr);
  if (k == kind::normal || k == kind::lognormal) {
    // cuRAND makes normals in pairs: an odd count is drawn one longer into a scratch array.
    if (n % 2 == 0) {
      generate_normal(g, ptr, n, a.p0, a.p1, k == kind::lognormal);
    } else {
      ndarray<T> scratch({static_cast<std::int64_t>(n + 1)});
      generate_normal(g, reinterpret_cast<T*>(scratch.desc().ptr), n + 1, a.p0, a.p1,
                      k == kind::lognormal);
      ndarray<T>{out} = scratch(cupp::slice(0, static_cast<std::int64_t>(n))).reshape(out.shape);
    }
    return;
  }
  generate_uniform(g, ptr, n);  // (0, 1]
  const ndarray<T> x(out);
  if (k == kind::random) {
    ndarray<T>{out} = cupp::where(x == T(1), T(0), x);
  } else if (k == kind::uniform) {  // p0 = low, p1 = high - low
    ndarray<T>{out} = T(a.p0) + T(a.p1) * cupp::where(x == T(1), T(0), x);
  } else {  // exponential, p0 = scale: -log of (0, 1], 0 - log so that U = 1 gives +0
    ndarray<T>{out} = T(a.p0) * (T(0) - cupp::log(x));
  }
}

}  // namespace

void curand_draw(curand_source& src, kind k, const draw_args& a,
                 const cupp::detail::array_desc& out) {
  CUPP_ASSERT(curand_serves(k) && is_c_contiguous(out.shape, out.strides));
  if (out.size() == 0) return;
  curandGenerator_t g = src.get();
  if (k == kind::bits) {
    CUPP_ASSERT(out.dt == dtype::uint32);
    CUPP_CHECK_CURAND(curandGenerate(g, reinterpret_cast<unsigned int*>(out.ptr),
                                     static_cast<std::size_t>(out.size())));
  } else if (out.dt == dtype::float32) {
    real_draw<float>(g, k, a, out);
  } else {
    real_draw<double>(g, k, a, out);
  }
}

}  // namespace cupp::random::detail
