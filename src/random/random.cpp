// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/random.hpp"

#include <cuda_runtime_api.h>
#include <curand.h>

#include <chrono>
#include <map>
#include <mutex>
#include <random>

#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/memory.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/jit/raw_kernel.hpp"

namespace cupp::random {

namespace {

// Note [Random state]: one cuRAND Philox generator per device, created on first use. Without a
// seed() call the seed comes from std::random_device, as NumPy seeds from the OS. seed() drops
// the generators so that each device restarts its sequence from the new seed.
struct generators {
  std::mutex m;
  std::map<int, curandGenerator_t> by_device;
  std::uint64_t seed = std::random_device{}() ^
                       static_cast<std::uint64_t>(
                           std::chrono::high_resolution_clock::now().time_since_epoch().count());

  void destroy_all() {
    for (auto& [dev, g] : by_device) (void)curandDestroyGenerator(g);
    by_device.clear();
  }
  ~generators() { destroy_all(); }
};

generators& state() {
  static generators g;
  return g;
}

/// The current device's generator, bound to the current stream; the caller holds state().m.
curandGenerator_t generator_locked(generators& s) {
  const int dev = cuda::detail::current_device_id();
  curandGenerator_t& g = s.by_device[dev];
  if (!g) {
    CUPP_CHECK_CURAND(curandCreateGenerator(&g, CURAND_RNG_PSEUDO_PHILOX4_32_10));
    CUPP_CHECK_CURAND(curandSetPseudoRandomGeneratorSeed(g, s.seed));
  }
  CUPP_CHECK_CURAND(curandSetStream(g, cuda::get_current_stream()));
  return g;
}

// cuRAND draws from (0, 1]; NumPy's rand is [0, 1). Mapping 1 to 0 keeps every other value and
// moves the one excluded endpoint to the included one.
constexpr const char* kHalfOpenSource = R"(
template <class T>
__global__ void cupp_uniform_half_open(T* x, long long n) {
  for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n;
       i += (long long)gridDim.x * blockDim.x)
    if (x[i] == T(1)) x[i] = T(0);
}
)";

void half_open(const cupp::detail::array_desc& a, std::int64_t n) {
  static RawModule module(kHalfOpenSource, {},
                          {"cupp_uniform_half_open<float>", "cupp_uniform_half_open<double>"});
  static RawKernel kf = module.get_function("cupp_uniform_half_open<float>");
  static RawKernel kd = module.get_function("cupp_uniform_half_open<double>");
  RawKernel& k = a.dt == dtype::float32 ? kf : kd;
  const std::int64_t blocks = std::min<std::int64_t>(
      (n + 255) / 256, static_cast<std::int64_t>(cuda::Device().multiprocessor_count()) * 16);
  k(dim3(static_cast<unsigned>(blocks)), dim3(256), std::size_t{0}, cuda::get_current_stream(),
    static_cast<void*>(a.ptr), static_cast<long long>(n));
}

}  // namespace

void seed(std::uint64_t s) {
  generators& st = state();
  std::lock_guard<std::mutex> lock(st.m);
  st.destroy_all();
  st.seed = s;
}

namespace detail {

void fill_uniform(const cupp::detail::array_desc& a) {
  const std::int64_t n = a.size();
  if (n == 0) return;
  CUPP_ASSERT(is_c_contiguous(a.shape, a.strides));
  generators& st = state();
  {
    std::lock_guard<std::mutex> lock(st.m);
    curandGenerator_t g = generator_locked(st);
    if (a.dt == dtype::float32)
      CUPP_CHECK_CURAND(curandGenerateUniform(g, reinterpret_cast<float*>(a.ptr),
                                              static_cast<std::size_t>(n)));
    else
      CUPP_CHECK_CURAND(curandGenerateUniformDouble(g, reinterpret_cast<double*>(a.ptr),
                                                    static_cast<std::size_t>(n)));
  }
  half_open(a, n);
}

void fill_normal(const cupp::detail::array_desc& a) {
  const std::int64_t n = a.size();
  if (n == 0) return;
  CUPP_ASSERT(is_c_contiguous(a.shape, a.strides));
  generators& st = state();
  std::lock_guard<std::mutex> lock(st.m);
  curandGenerator_t g = generator_locked(st);
  // cuRAND's normal generators produce pairs: an odd count is drawn into a scratch buffer one
  // element longer and the first n copied out.
  const bool odd = n % 2 != 0;
  const std::size_t item = a.itemsize();
  std::shared_ptr<void> scratch;
  void* out = a.ptr;
  if (odd) {
    scratch = cuda::allocate(static_cast<std::size_t>(n + 1) * item);
    out = scratch.get();
  }
  const auto count = static_cast<std::size_t>(odd ? n + 1 : n);
  if (a.dt == dtype::float32)
    CUPP_CHECK_CURAND(curandGenerateNormal(g, static_cast<float*>(out), count, 0.0f, 1.0f));
  else
    CUPP_CHECK_CURAND(curandGenerateNormalDouble(g, static_cast<double*>(out), count, 0.0, 1.0));
  if (odd)
    CUPP_CHECK_CUDA(cudaMemcpyAsync(a.ptr, out, static_cast<std::size_t>(n) * item,
                                    cudaMemcpyDeviceToDevice, cuda::get_current_stream()));
}

}  // namespace detail
}  // namespace cupp::random
