// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include <cuda_runtime_api.h>

#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/event.hpp"
#include "cupp/cuda/stream.hpp"

namespace cupp::cuda {

namespace {
// Note [No device]: cudaGetDeviceCount is the first runtime call cupp makes. Its status is kept,
// so that every later entry point fails with the same message instead of whatever the first
// real call would have said (cudart reports a missing driver as "CUDA driver version is
// insufficient", which reads as a version problem).
struct device_census {
  int count = 0;
  cudaError_t status = cudaSuccess;
};

const device_census& census() {
  static const device_census c = [] {
    device_census r;
    r.status = cudaGetDeviceCount(&r.count);
    if (r.status != cudaSuccess) {
      r.count = 0;
      (void)cudaGetLastError();  // leave no sticky status behind for the caller
    }
    return r;
  }();
  return c;
}

thread_local cudaStream_t t_current_stream = nullptr;
}  // namespace

namespace detail {
void require_device() {
  const device_census& c = census();
  if (c.count > 0) return;
  std::string what = "no CUDA-capable device is available";
  if (c.status != cudaSuccess && c.status != cudaErrorNoDevice)
    what += std::string(" (cudaGetDeviceCount: ") + cudaGetErrorString(c.status) + ", " +
            cudaGetErrorName(c.status) + ")";
  throw cuda_error(c.status == cudaSuccess ? static_cast<int>(cudaErrorNoDevice)
                                           : static_cast<int>(c.status),
                   "cudaGetDeviceCount", what);
}

int current_device_id() {
  require_device();
  int id = 0;
  CUPP_CHECK_CUDA(cudaGetDevice(&id));
  return id;
}
}  // namespace detail

// ---- Device --------------------------------------------------------------------------------

Device::Device() : id_(detail::current_device_id()) {}

Device::Device(int id) : id_(id) {
  detail::require_device();
  if (id < 0 || id >= count())
    throw value_error("invalid device ordinal " + std::to_string(id) + " (there are " +
                      std::to_string(count()) + " devices)");
}

int Device::count() noexcept { return census().count; }

void Device::use() const { CUPP_CHECK_CUDA(cudaSetDevice(id_)); }

void Device::synchronize() const {
  detail::check_no_capture_on_device(id_, "Device::synchronize()");
  DeviceGuard g(*this);
  CUPP_CHECK_CUDA(cudaDeviceSynchronize());
  cupp::detail::raise_finished_index_checks();
}

const cudaDeviceProp& Device::properties() const {
  static std::mutex m;
  static std::vector<std::unique_ptr<cudaDeviceProp>> props(static_cast<std::size_t>(count()));
  std::lock_guard<std::mutex> lock(m);
  auto& p = props[static_cast<std::size_t>(id_)];
  if (!p) {
    auto fresh = std::make_unique<cudaDeviceProp>();
    CUPP_CHECK_CUDA(cudaGetDeviceProperties(fresh.get(), id_));
    p = std::move(fresh);
  }
  return *p;
}

int Device::compute_capability() const {
  const auto& p = properties();
  return p.major * 10 + p.minor;
}

DeviceGuard::DeviceGuard(Device d) : previous_(detail::current_device_id()) {
  if (previous_ != d.id()) d.use();
}

DeviceGuard::~DeviceGuard() { (void)cudaSetDevice(previous_); }

void synchronize() {
  detail::check_no_capture_on_device(detail::current_device_id(), "cupp::cuda::synchronize()");
  CUPP_CHECK_CUDA(cudaDeviceSynchronize());
  cupp::detail::raise_finished_index_checks();
}

// ---- Stream --------------------------------------------------------------------------------

Stream::Stream(bool non_blocking, int priority) : owned_(true) {
  detail::require_device();
  CUPP_CHECK_CUDA(cudaStreamCreateWithPriority(
      &stream_, non_blocking ? cudaStreamNonBlocking : cudaStreamDefault, priority));
}

Stream Stream::current() noexcept { return Stream(t_current_stream, false); }

Stream::Stream(Stream&& other) noexcept
    : stream_(std::exchange(other.stream_, nullptr)), owned_(std::exchange(other.owned_, false)) {}

Stream& Stream::operator=(Stream&& other) noexcept {
  if (this != &other) {
    if (owned_ && stream_) (void)cudaStreamDestroy(stream_);
    stream_ = std::exchange(other.stream_, nullptr);
    owned_ = std::exchange(other.owned_, false);
  }
  return *this;
}

Stream::~Stream() {
  if (owned_ && stream_) {
    if (t_current_stream == stream_) t_current_stream = nullptr;
    (void)cudaStreamDestroy(stream_);
  }
}

void Stream::synchronize() const {
  detail::require_device();
  detail::check_not_capturing(stream_, "Stream::synchronize()",
                              "it waits on the host for work that has not run yet");
  CUPP_CHECK_CUDA(cudaStreamSynchronize(stream_));
  cupp::detail::raise_finished_index_checks();
}

bool Stream::query() const {
  detail::require_device();
  const cudaError_t s = cudaStreamQuery(stream_);
  if (s == cudaErrorNotReady) return false;
  CUPP_CHECK_CUDA(s);
  return true;
}

void Stream::use() const noexcept { t_current_stream = stream_; }

cudaStream_t get_current_stream() noexcept { return t_current_stream; }
void set_current_stream(cudaStream_t s) noexcept { t_current_stream = s; }

// ---- Event ---------------------------------------------------------------------------------

Event::Event(bool timing, bool blocking) {
  detail::require_device();
  unsigned flags = cudaEventDefault;
  if (!timing) flags |= cudaEventDisableTiming;
  if (blocking) flags |= cudaEventBlockingSync;
  CUPP_CHECK_CUDA(cudaEventCreateWithFlags(&event_, flags));
}

Event::Event(Event&& other) noexcept : event_(std::exchange(other.event_, nullptr)) {}

Event& Event::operator=(Event&& other) noexcept {
  if (this != &other) {
    if (event_) (void)cudaEventDestroy(event_);
    event_ = std::exchange(other.event_, nullptr);
  }
  return *this;
}

Event::~Event() {
  if (event_) (void)cudaEventDestroy(event_);
}

void Event::record(cudaStream_t stream) { CUPP_CHECK_CUDA(cudaEventRecord(event_, stream)); }

void Event::synchronize() const { CUPP_CHECK_CUDA(cudaEventSynchronize(event_)); }

bool Event::query() const {
  const cudaError_t s = cudaEventQuery(event_);
  if (s == cudaErrorNotReady) return false;
  CUPP_CHECK_CUDA(s);
  return true;
}

float elapsed_ms(const Event& start, const Event& end) {
  float ms = 0.0f;
  CUPP_CHECK_CUDA(cudaEventElapsedTime(&ms, start.handle(), end.handle()));
  return ms;
}

}  // namespace cupp::cuda
