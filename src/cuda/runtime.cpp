// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include <cuda_runtime_api.h>

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
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

// Note [Reused stream handles]: the pool files memory by the cudaStream_t value (Note [Caching
// pool]): a block freed on stream S is handed again to work on S without waiting, because S runs
// its work in order. But a handle is only an address. cudaStreamDestroy returns at once while
// S's queued work still runs, and CUDA may then give the same value to a new stream T; the pool
// would hand T the blocks of S while S's last kernels still use them. So cupp remembers the id
// (cudaStreamGetId, never given to two streams) of every stream it meets at its start: its own,
// at creation, and other code's, at Stream::external. When a handle comes back with a new id,
// the new stream is made to wait for the old one's work before anything is queued on it: on an
// event that ~Stream recorded on its own stream just before destroying it, or, for a stream
// destroyed outside cupp (cupp did not see its end), by waiting for the device, once per reused
// handle. Handles that never went through Stream::external (Stream::wrap, StreamGuard or
// set_current_stream given a raw handle) are the caller's to keep apart, as in CuPy.
struct stream_record {
  unsigned long long id = 0;
  cudaEvent_t last_work = nullptr;  // recorded when cupp destroyed the stream; null otherwise
};

struct stream_registry {
  std::mutex mutex;
  std::unordered_map<cudaStream_t, stream_record> streams;
  std::size_t events = 0;  // records with a last_work event
};

// Past this many events kept for destroyed streams, those whose work is done are dropped.
constexpr std::size_t kMaxStreamEvents = 64;

// Drops the events of destroyed streams whose work is done: a new stream with such a handle
// has nothing to wait for (id 0 and no event: noted as new).
void forget_finished_streams(stream_registry& r) noexcept {
  for (auto& [handle, rec] : r.streams) {
    if (rec.last_work == nullptr) continue;
    const cudaError_t status = cudaEventQuery(rec.last_work);
    if (status == cudaErrorNotReady) continue;
    if (status != cudaSuccess) {
      (void)cudaGetLastError();
      continue;
    }
    (void)cudaEventDestroy(rec.last_work);
    rec.last_work = nullptr;
    rec.id = 0;
    --r.events;
  }
}

stream_registry& streams() {
  static auto* r = new stream_registry;  // Note [Leaked singletons]: streams die after main too
  return *r;
}

bool is_special_stream(cudaStream_t s) noexcept {
  return s == nullptr || s == cudaStreamLegacy || s == cudaStreamPerThread;
}

// Destroys a stream cupp created, recording first the event a new stream with the same handle
// will wait for (Note [Reused stream handles]). Never throws: it runs in destructors.
void destroy_own_stream(cudaStream_t s) noexcept {
  cudaEvent_t done = nullptr;
  if (cudaEventCreateWithFlags(&done, cudaEventDisableTiming) != cudaSuccess) {
    done = nullptr;
    (void)cudaGetLastError();  // ours to clear: a reuse of the handle then waits for the device
  } else if (cudaEventRecord(done, s) != cudaSuccess) {
    (void)cudaEventDestroy(done);
    done = nullptr;
    (void)cudaGetLastError();
  }
  {
    stream_registry& r = streams();
    std::lock_guard<std::mutex> lock(r.mutex);
    stream_record& rec = r.streams[s];
    if (rec.last_work != nullptr) {
      (void)cudaEventDestroy(rec.last_work);
      --r.events;
    }
    rec.last_work = done;
    if (done != nullptr && ++r.events > kMaxStreamEvents) forget_finished_streams(r);
  }
  (void)cudaStreamDestroy(s);
}
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

void note_stream(cudaStream_t stream) {
  if (is_special_stream(stream)) return;
  unsigned long long id = 0;
  CUPP_CHECK_CUDA(cudaStreamGetId(stream, &id));
  stream_registry& r = streams();
  std::unique_lock<std::mutex> lock(r.mutex);
  // References to the map's elements survive insertions, and nothing is ever erased.
  const auto [it, fresh] = r.streams.try_emplace(stream);
  stream_record& rec = it->second;
  if (!fresh && rec.id == id) return;
  // New to cupp, or the handle of a destroyed stream given to a new one.
  if (rec.last_work != nullptr) {
    CUPP_CHECK_CUDA(cudaStreamWaitEvent(stream, rec.last_work, 0));
    (void)cudaEventDestroy(rec.last_work);
    rec.last_work = nullptr;
    --r.events;
  } else if (!fresh && rec.id != 0) {
    // Waited for without the lock, which the host code the device waits for may need; the id
    // is updated only afterwards, so a thread noting the same handle meanwhile waits as well.
    lock.unlock();
    int device = 0;
    CUPP_CHECK_CUDA(cudaStreamGetDevice(stream, &device));
    check_no_capture_on_device(device, "a reused stream handle (cupp waits for the device)");
    DeviceGuard on(Device{device});
    CUPP_CHECK_CUDA(cudaDeviceSynchronize());
    lock.lock();
  }
  rec.id = id;
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
  try {
    detail::note_stream(stream_);
  } catch (...) {
    (void)cudaStreamDestroy(stream_);
    throw;
  }
}

Stream Stream::external(cudaStream_t s) {
  Stream wrapped(s, false);
  if (is_special_stream(s)) return wrapped;
  const int current = detail::current_device_id();
  // The driver refuses a stream's id while it captures (and the refusal would invalidate the
  // capture): a capturing stream, alive by definition, is taken as it is.
  if (wrapped.is_capturing()) return wrapped;
  int device = 0;
  CUPP_CHECK_CUDA(cudaStreamGetDevice(s, &device));
  if (device != current)
    throw value_error("Stream::external: the stream belongs to device " + std::to_string(device) +
                      ", which is different from the current device " + std::to_string(current));
  detail::note_stream(s);
  return wrapped;
}

Stream Stream::current() noexcept { return Stream(t_current_stream, false); }

Stream::Stream(Stream&& other) noexcept
    : stream_(std::exchange(other.stream_, nullptr)), owned_(std::exchange(other.owned_, false)) {}

Stream& Stream::operator=(Stream&& other) noexcept {
  if (this != &other) {
    if (owned_ && stream_) destroy_own_stream(stream_);
    stream_ = std::exchange(other.stream_, nullptr);
    owned_ = std::exchange(other.owned_, false);
  }
  return *this;
}

Stream::~Stream() {
  if (owned_ && stream_) {
    if (t_current_stream == stream_) t_current_stream = nullptr;
    destroy_own_stream(stream_);
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
