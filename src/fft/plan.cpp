// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "plan.hpp"

#include <string>

#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/memory.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/detail/lru_cache.hpp"
#include "cupp/fft.hpp"

// Note [FFT plans]: a cuFFT plan fixes the transform's lengths, type, batch and memory layout
// (cufftMakePlanMany64's advanced layout: strides, distances and embeddings), so the plan's key
// is exactly those arguments and the device. Plans are kept in one process-wide
// detail::lru_cache (CuPy keeps one cache per thread and device; one shared cache means a
// thread pool does not make a plan per thread). A plan is made with cufftSetAutoAllocation(0):
// at each call it takes its work area from the memory pool on the current stream and hands it
// back after enqueueing the call, so a cached plan holds no work area, and the pool's stream
// ordering keeps two streams from sharing one. Each call rebinds the plan to the calling
// thread's current stream (cufftSetStream). A plan is used by one call at a time: the plan's
// mutex is held while it is bound, given its work area and enqueued (not while the GPU runs
// it: a later call on another stream uses another work area). A plan dropped from the cache
// while a call holds it lives until that call returns.

namespace cupp::fft {
namespace detail {

namespace {

// Leaked on purpose: plans must not be destroyed after the CUDA driver has shut down at exit.
cupp::detail::lru_cache<plan_key, plan>& cache() {
  static auto* c = new cupp::detail::lru_cache<plan_key, plan>(16, 0);
  return *c;
}

/// True when (embed, stride, dist) is cuFFT's basic layout for the input (`input`) or output of
/// the plan `key`: unit stride, each dimension stored at its logical length (n / 2 + 1 complex
/// points on the complex side of a real transform), batches back to back.
bool is_basic_layout(const plan_key& key, const long long* embed, long long stride,
                     long long dist, bool input) {
  const auto r = static_cast<std::size_t>(key.rank);
  const bool halved = input ? (key.type == CUFFT_C2R || key.type == CUFFT_Z2D)
                            : (key.type == CUFFT_R2C || key.type == CUFFT_D2Z);
  if (stride != 1) return false;
  long long total = 1;
  for (std::size_t i = 0; i < r; ++i) {
    const long long len = (halved && i + 1 == r) ? key.n[i] / 2 + 1 : key.n[i];
    if (i > 0 && embed[i] != len) return false;
    total *= len;
  }
  return key.batch == 1 || dist == total;
}

}  // namespace

plan::plan(const plan_key& key) : type_(key.type), device_(key.device) {
  CUPP_CHECK_CUFFT(cufftCreate(&handle_));
  try {
    CUPP_CHECK_CUFFT(cufftSetAutoAllocation(handle_, 0));
    long long n[3], inembed[3], onembed[3];
    for (int i = 0; i < 3; ++i) {
      n[i] = key.n[static_cast<std::size_t>(i)];
      inembed[i] = key.inembed[static_cast<std::size_t>(i)];
      onembed[i] = key.onembed[static_cast<std::size_t>(i)];
    }
    // A layout that is cuFFT's basic one (dense, unit stride, batches back to back) is given as
    // such (null embeddings), so that cuFFT picks the kernels of its basic layout for it.
    const bool basic = is_basic_layout(key, inembed, key.istride, key.idist, true) &&
                       is_basic_layout(key, onembed, key.ostride, key.odist, false);
    CUPP_CHECK_CUFFT(cufftMakePlanMany64(handle_, key.rank, n, basic ? nullptr : inembed,
                                         key.istride, key.idist, basic ? nullptr : onembed,
                                         key.ostride, key.odist,
                                         static_cast<cufftType>(key.type), key.batch,
                                         &work_size_));
  } catch (...) {
    (void)cufftDestroy(handle_);
    throw;
  }
}

plan::~plan() {
  // Errors are ignored: a destructor cannot report them.
  int current = 0;
  const bool switch_device = cudaGetDevice(&current) == cudaSuccess && current != device_;
  if (switch_device) (void)cudaSetDevice(device_);
  (void)cufftDestroy(handle_);
  if (switch_device) (void)cudaSetDevice(current);
}

void plan::execute(void* in, void* out, int direction) {
  std::lock_guard<std::mutex> lock(mutex_);
  CUPP_CHECK_CUFFT(cufftSetStream(handle_, cuda::get_current_stream()));
  const std::shared_ptr<void> work = cuda::allocate(work_size_);
  if (work_size_ != 0) CUPP_CHECK_CUFFT(cufftSetWorkArea(handle_, work.get()));
  switch (type_) {
    case CUFFT_C2C:
      CUPP_CHECK_CUFFT(cufftExecC2C(handle_, static_cast<cufftComplex*>(in),
                                    static_cast<cufftComplex*>(out), direction));
      break;
    case CUFFT_Z2Z:
      CUPP_CHECK_CUFFT(cufftExecZ2Z(handle_, static_cast<cufftDoubleComplex*>(in),
                                    static_cast<cufftDoubleComplex*>(out), direction));
      break;
    case CUFFT_R2C:
      CUPP_CHECK_CUFFT(
          cufftExecR2C(handle_, static_cast<cufftReal*>(in), static_cast<cufftComplex*>(out)));
      break;
    case CUFFT_D2Z:
      CUPP_CHECK_CUFFT(cufftExecD2Z(handle_, static_cast<cufftDoubleReal*>(in),
                                    static_cast<cufftDoubleComplex*>(out)));
      break;
    case CUFFT_C2R:
      CUPP_CHECK_CUFFT(
          cufftExecC2R(handle_, static_cast<cufftComplex*>(in), static_cast<cufftReal*>(out)));
      break;
    case CUFFT_Z2D:
      CUPP_CHECK_CUFFT(cufftExecZ2D(handle_, static_cast<cufftDoubleComplex*>(in),
                                    static_cast<cufftDoubleReal*>(out)));
      break;
    default:
      CUPP_ASSERT(false);
  }
}

std::shared_ptr<plan> get_plan(const plan_key& key) {
  if (auto p = cache().find(key)) return p;
  auto p = std::make_shared<plan>(key);
  cache().insert(key, p, p->work_size());
  return p;
}

}  // namespace detail

std::size_t PlanCache::size() const { return detail::cache().size(); }
std::size_t PlanCache::memsize() const { return detail::cache().bytes(); }
std::size_t PlanCache::get_size() const { return detail::cache().max_entries(); }
void PlanCache::set_size(std::size_t n) { detail::cache().set_max_entries(n); }
std::size_t PlanCache::get_memsize() const { return detail::cache().max_bytes(); }
void PlanCache::set_memsize(std::size_t bytes) { detail::cache().set_max_bytes(bytes); }
void PlanCache::clear() { detail::cache().clear(); }
std::size_t PlanCache::hits() const { return detail::cache().hits(); }
std::size_t PlanCache::misses() const { return detail::cache().misses(); }

PlanCache& plan_cache() {
  static PlanCache instance;
  return instance;
}

}  // namespace cupp::fft
