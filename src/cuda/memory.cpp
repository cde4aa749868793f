// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/cuda/memory.hpp"

#include <cuda_runtime_api.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <iterator>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/detail/pool.hpp"

namespace cupp {

namespace {

std::string device_name(int device) { return "device " + std::to_string(device); }

detail::memory_info device_memory_info(int device) {
  cuda::DeviceGuard guard{cuda::Device(device)};
  detail::memory_info info;
  CUPP_CHECK_CUDA(cudaMemGetInfo(&info.free, &info.total));
  return info;
}

// cudaMalloc, cudaMallocAsync and cudaHostAlloc report a lack of memory as
// cudaErrorMemoryAllocation, which cudaGetLastError would report again later: clear it, so that
// a failure the caller recovers from (or turns into out_of_memory) leaves no trace.
bool is_out_of_memory(cudaError_t status) {
  if (status != cudaErrorMemoryAllocation) return false;
  (void)cudaGetLastError();
  return true;
}

// cudaMalloc on the current device; nullptr when the device has no room. It may run while a
// stream is capturing a CUDA graph (Note [Graph memory]): cudaMalloc is then allowed only in a
// relaxed capture, so the calling thread's mode is relaxed for the call, as PyTorch does.
void* cuda_malloc(std::size_t bytes) {
  void* ptr = nullptr;
  const cuda::detail::relaxed_capture_mode relaxed;
  const cudaError_t status = cudaMalloc(&ptr, bytes);
  if (is_out_of_memory(status)) return nullptr;
  CUPP_CHECK_CUDA(status);
  return ptr;
}

// The events of both CUDA upstreams: created per use (record_stream and pinned frees are far
// rarer than allocations), on the device of the stream they are recorded on.
class cuda_events : public detail::upstream {
 public:
  cudaEvent_t record_event(cudaStream_t stream) override {
    int device = 0;
    CUPP_CHECK_CUDA(cudaStreamGetDevice(stream, &device));
    cuda::DeviceGuard guard{cuda::Device(device)};
    cudaEvent_t event = nullptr;
    CUPP_CHECK_CUDA(cudaEventCreateWithFlags(&event, cudaEventDisableTiming));
    const cudaError_t status = cudaEventRecord(event, stream);
    if (status != cudaSuccess) {
      (void)cudaEventDestroy(event);
      CUPP_CHECK_CUDA(status);
    }
    return event;
  }
  bool query_event(cudaEvent_t event) override {
    const cudaError_t status = cudaEventQuery(event);
    if (status == cudaErrorNotReady) return false;
    CUPP_CHECK_CUDA(status);
    return true;
  }
  void release_event(cudaEvent_t event) noexcept override { (void)cudaEventDestroy(event); }
};

class device_upstream final : public cuda_events {
 public:
  int current_device() override { return cuda::detail::current_device_id(); }
  void* allocate(int device, std::size_t bytes) override {
    cuda::DeviceGuard guard{cuda::Device(device)};
    return cuda_malloc(bytes);
  }
  void deallocate(int device, void* ptr, std::size_t) override {
    cuda::DeviceGuard guard{cuda::Device(device)};
    CUPP_CHECK_CUDA(cudaFree(ptr));
  }
  detail::memory_info mem_info(int device) override { return device_memory_info(device); }
  std::string describe(int device) const override { return device_name(device); }
};

// cudaHostAlloc of portable memory (usable with every device); nullptr when there is no room.
void* pinned_malloc(std::size_t bytes) {
  void* ptr = nullptr;
  const cudaError_t status = cudaHostAlloc(&ptr, bytes, cudaHostAllocPortable);
  if (is_out_of_memory(status)) return nullptr;
  CUPP_CHECK_CUDA(status);
  return ptr;
}

detail::memory_info host_memory_info() {
  const auto pages = [](int name) {
    const long n = sysconf(name);
    return n > 0 ? static_cast<std::size_t>(n) : std::size_t{0};
  };
  const std::size_t page = pages(_SC_PAGESIZE);
  return {pages(_SC_AVPHYS_PAGES) * page, pages(_SC_PHYS_PAGES) * page};
}

// Pinned memory is portable, so the host has one arena, number 0.
class pinned_upstream final : public cuda_events {
 public:
  int current_device() override {
    cuda::detail::require_device();
    return 0;
  }
  void* allocate(int, std::size_t bytes) override { return pinned_malloc(bytes); }
  void deallocate(int, void* ptr, std::size_t) override { CUPP_CHECK_CUDA(cudaFreeHost(ptr)); }
  detail::memory_info mem_info(int) override { return host_memory_info(); }
  std::string describe(int) const override { return "host"; }
};

detail::pool_stats current_stats(detail::caching_pool& pool) {
  return pool.stats(pool.source().current_device());
}

// Note [Errors in deleters]: the deleters of allocate and allocate_pinned run in destructors and
// must not throw. The one failure they can meet is a CUDA error: the runtime unloading at
// process exit, or a context broken by an earlier fault, which the next CUDA call reports
// anyway. The memory is then left to the driver, which reclaims it with the context.
struct device_deleter {
  std::shared_ptr<cuda::Allocator> allocator;
  std::size_t bytes;
  cudaStream_t stream;
  void operator()(void* ptr) const noexcept {
    try {
      allocator->deallocate(ptr, bytes, stream);
    } catch (const cuda_error&) {
    }
  }
};

struct pinned_deleter {
  cudaStream_t last_use;
  void operator()(void* ptr) const noexcept {
    try {
      get_default_pinned_memory_pool().free(ptr, last_use);
    } catch (const cuda_error&) {
    }
  }
};

// Pinned memory under CUPP_DISABLE_POOL: freed as soon as the work on `last_use` is done.
struct unpooled_pinned_deleter {
  cudaStream_t last_use;
  void operator()(void* ptr) const noexcept {
    try {
      CUPP_CHECK_CUDA(cudaStreamSynchronize(last_use));
      CUPP_CHECK_CUDA(cudaFreeHost(ptr));
    } catch (const cuda_error&) {
    }
  }
};

// Note [Leaked singletons]: the default pools and the allocator setting are created on first use
// and never destroyed. Arrays with static storage duration give their memory back after main
// has returned, possibly after any static object here would have been destroyed; the driver
// reclaims all memory at exit in any case.
std::shared_ptr<MemoryPool>& default_pool() {
  static auto* pool = new std::shared_ptr<MemoryPool>(std::make_shared<MemoryPool>());
  return *pool;
}

// CUPP_DISABLE_POOL, read once.
bool pool_disabled() {
  static const bool disabled = [] {
    const char* v = std::getenv("CUPP_DISABLE_POOL");
    return v != nullptr && *v != '\0' && std::strcmp(v, "0") != 0;
  }();
  return disabled;
}

struct allocator_setting {
  std::mutex mutex;
  std::shared_ptr<cuda::Allocator> current;
};

allocator_setting& setting() {
  static auto* s = [] {
    auto* fresh = new allocator_setting;
    if (pool_disabled())
      fresh->current = std::make_shared<cuda::PassThroughAllocator>();
    else
      fresh->current = default_pool();
    return fresh;
  }();
  return *s;
}

std::shared_ptr<void> empty_handle() {
  return std::shared_ptr<void>(static_cast<void*>(nullptr), [](void*) {});
}

}  // namespace

namespace detail {
std::unique_ptr<upstream> make_device_upstream() { return std::make_unique<device_upstream>(); }
std::unique_ptr<upstream> make_pinned_upstream() { return std::make_unique<pinned_upstream>(); }
}  // namespace detail

// ---- allocator selection and the library's entry points ------------------------------------

namespace cuda {

// What PassThroughAllocator keeps for the graphs being captured or alive (Note [Graph memory]):
// the memory they allocated, and what was freed of it (or during their capture) meanwhile.
struct PassThroughAllocator::graphs {
  std::mutex mutex;
  std::uint64_t next = 1;
  std::vector<std::pair<cudaStream_t, std::uint64_t>> capturing;
  std::unordered_map<void*, std::uint64_t> owned;                  // allocated during a capture
  std::unordered_map<std::uint64_t, std::vector<void*>> deferred;  // frees held for a graph
  std::uint64_t capture_of(cudaStream_t stream) const {
    for (const auto& [s, g] : capturing)
      if (s == stream) return g;
    return 0;
  }
};

PassThroughAllocator::PassThroughAllocator() : graphs_(std::make_unique<graphs>()) {}
PassThroughAllocator::~PassThroughAllocator() = default;

void* PassThroughAllocator::allocate(std::size_t bytes, cudaStream_t stream) {
  if (bytes == 0) return nullptr;
  const int device = detail::current_device_id();
  void* ptr = cuda_malloc(bytes);
  if (ptr == nullptr)
    throw out_of_memory(cupp::detail::out_of_memory_message(bytes, device_name(device),
                                                            device_memory_info(device), "no pool"),
                        bytes);
  if (detail::captures_underway() > 0) {
    std::lock_guard<std::mutex> lock(graphs_->mutex);
    if (const std::uint64_t g = graphs_->capture_of(stream); g != 0) graphs_->owned[ptr] = g;
  }
  return ptr;
}

void PassThroughAllocator::deallocate(void* ptr, std::size_t, cudaStream_t stream) {
  if (ptr == nullptr) return;
  {
    std::lock_guard<std::mutex> lock(graphs_->mutex);
    std::uint64_t g = graphs_->capture_of(stream);
    if (const auto it = graphs_->owned.find(ptr); it != graphs_->owned.end()) {
      g = it->second;
      graphs_->owned.erase(it);
    }
    if (g != 0) {
      graphs_->deferred[g].push_back(ptr);
      return;
    }
  }
  CUPP_CHECK_CUDA(cudaFree(ptr));
}

std::uint64_t PassThroughAllocator::begin_capture(cudaStream_t stream) {
  std::lock_guard<std::mutex> lock(graphs_->mutex);
  const std::uint64_t g = graphs_->next++;
  graphs_->capturing.emplace_back(stream, g);
  return g;
}

void PassThroughAllocator::end_capture(std::uint64_t graph) {
  std::lock_guard<std::mutex> lock(graphs_->mutex);
  auto& c = graphs_->capturing;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (c[i].second != graph) continue;
    c.erase(c.begin() + static_cast<std::ptrdiff_t>(i));
    break;
  }
}

// cudaFree waits for the device, and so for every launch of the graph, before it releases.
void PassThroughAllocator::release_graph(std::uint64_t graph, const std::vector<cudaStream_t>&) {
  end_capture(graph);
  std::vector<void*> memory;
  {
    std::lock_guard<std::mutex> lock(graphs_->mutex);
    if (const auto it = graphs_->deferred.find(graph); it != graphs_->deferred.end()) {
      memory.swap(it->second);
      graphs_->deferred.erase(it);
    }
    for (auto it = graphs_->owned.begin(); it != graphs_->owned.end();)
      it = it->second == graph ? graphs_->owned.erase(it) : std::next(it);
  }
  for (void* ptr : memory) CUPP_CHECK_CUDA(cudaFree(ptr));
}

void set_allocator(std::shared_ptr<Allocator> allocator) {
  if (!allocator) allocator = std::make_shared<PassThroughAllocator>();
  allocator_setting& s = setting();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.current = std::move(allocator);
}

std::shared_ptr<Allocator> get_allocator() {
  allocator_setting& s = setting();
  std::lock_guard<std::mutex> lock(s.mutex);
  return s.current;
}

std::shared_ptr<void> allocate(std::size_t bytes) {
  if (bytes == 0) return empty_handle();
  std::shared_ptr<Allocator> allocator = get_allocator();
  const cudaStream_t stream = get_current_stream();
  void* ptr = allocator->allocate(bytes, stream);
  return std::shared_ptr<void>(ptr, device_deleter{std::move(allocator), bytes, stream});
}

std::shared_ptr<void> allocate_pinned(std::size_t bytes, cudaStream_t last_use) {
  if (bytes == 0) return empty_handle();
  if (!pool_disabled()) {
    void* ptr = get_default_pinned_memory_pool().malloc(bytes);
    return std::shared_ptr<void>(ptr, pinned_deleter{last_use});
  }
  // No caching at all, so that compute-sanitizer's leak check sees only real leaks.
  detail::require_device();
  void* ptr = pinned_malloc(bytes);
  if (ptr == nullptr)
    throw out_of_memory(
        cupp::detail::out_of_memory_message(bytes, "host", host_memory_info(), "no pool"), bytes);
  return std::shared_ptr<void>(ptr, unpooled_pinned_deleter{last_use});
}

}  // namespace cuda

// ---- MemoryPool ----------------------------------------------------------------------------

MemoryPool::MemoryPool() : MemoryPool(detail::make_device_upstream()) {}

MemoryPool::MemoryPool(std::unique_ptr<detail::upstream> upstream)
    : pool_(std::make_unique<detail::caching_pool>(std::move(upstream), true)) {}

MemoryPool::~MemoryPool() = default;

void* MemoryPool::malloc(std::size_t bytes) { return allocate(bytes, cuda::get_current_stream()); }

void* MemoryPool::allocate(std::size_t bytes, cudaStream_t stream) {
  if (bytes == 0) return nullptr;
  return pool_->malloc(pool_->source().current_device(), bytes, stream);
}

void MemoryPool::deallocate(void* ptr, std::size_t, cudaStream_t) { pool_->free(ptr); }
void MemoryPool::free(void* ptr) { pool_->free(ptr); }
void MemoryPool::record_stream(void* ptr, cudaStream_t stream) {
  pool_->record_stream(ptr, stream);
}
void MemoryPool::free_all_blocks() { pool_->free_all_blocks(); }
std::size_t MemoryPool::used_bytes() const { return current_stats(*pool_).used; }
std::size_t MemoryPool::total_bytes() const { return current_stats(*pool_).held; }

std::size_t MemoryPool::free_bytes() const {
  const detail::pool_stats s = current_stats(*pool_);
  return s.held - s.used;
}

std::size_t MemoryPool::n_free_blocks() const { return current_stats(*pool_).cached_blocks; }
std::size_t MemoryPool::peak_bytes() const { return current_stats(*pool_).peak; }

void MemoryPool::set_limit(std::size_t bytes) {
  pool_->set_limit(pool_->source().current_device(), bytes);
}

std::size_t MemoryPool::get_limit() const { return pool_->limit(pool_->source().current_device()); }

void MemoryPool::validate() const { pool_->validate(); }

std::uint64_t MemoryPool::begin_capture(cudaStream_t stream) {
  return pool_->begin_capture(pool_->source().current_device(), stream);
}

void MemoryPool::end_capture(std::uint64_t graph) { pool_->end_capture(graph); }

void MemoryPool::release_graph(std::uint64_t graph, const std::vector<cudaStream_t>& replayed_on) {
  pool_->release_graph(graph, replayed_on);
}

MemoryPool& get_default_memory_pool() { return *default_pool(); }

// ---- MemoryAsyncPool -----------------------------------------------------------------------

namespace {
cudaMemPool_t current_cuda_pool() {
  cudaMemPool_t pool = nullptr;
  CUPP_CHECK_CUDA(cudaDeviceGetMemPool(&pool, cuda::detail::current_device_id()));
  return pool;
}

std::size_t cuda_pool_attribute(cudaMemPoolAttr attribute) {
  unsigned long long value = 0;  // the attribute's type, cuuint64_t
  CUPP_CHECK_CUDA(cudaMemPoolGetAttribute(current_cuda_pool(), attribute, &value));
  return static_cast<std::size_t>(value);
}
}  // namespace

void* MemoryAsyncPool::malloc(std::size_t bytes) {
  return allocate(bytes, cuda::get_current_stream());
}

void* MemoryAsyncPool::allocate(std::size_t bytes, cudaStream_t stream) {
  if (bytes == 0) return nullptr;
  const int device = cuda::detail::current_device_id();
  void* ptr = nullptr;
  cudaError_t status = cudaMallocAsync(&ptr, bytes, stream);
  if (is_out_of_memory(status)) {
    // Memory freed on other streams returns to the CUDA pool once those streams get there.
    cuda::detail::check_no_capture_on_device(device, "MemoryAsyncPool::malloc after a failure");
    CUPP_CHECK_CUDA(cudaDeviceSynchronize());
    status = cudaMallocAsync(&ptr, bytes, stream);
    if (is_out_of_memory(status))
      throw out_of_memory(
          detail::out_of_memory_message(bytes, device_name(device), device_memory_info(device),
                                        detail::pool_figures(used_bytes(), total_bytes(), 0)),
          bytes);
  }
  CUPP_CHECK_CUDA(status);
  return ptr;
}

void MemoryAsyncPool::free(void* ptr, cudaStream_t stream) {
  if (ptr != nullptr) CUPP_CHECK_CUDA(cudaFreeAsync(ptr, stream));
}

void MemoryAsyncPool::deallocate(void* ptr, std::size_t, cudaStream_t stream) { free(ptr, stream); }

void MemoryAsyncPool::free_all_blocks() {
  cuda::detail::check_no_capture_on_device(cuda::detail::current_device_id(),
                                           "MemoryAsyncPool::free_all_blocks()");
  const cudaMemPool_t pool = current_cuda_pool();
  CUPP_CHECK_CUDA(cudaDeviceSynchronize());
  CUPP_CHECK_CUDA(cudaMemPoolTrimTo(pool, 0));
}

std::size_t MemoryAsyncPool::used_bytes() const {
  return cuda_pool_attribute(cudaMemPoolAttrUsedMemCurrent);
}

std::size_t MemoryAsyncPool::total_bytes() const {
  return cuda_pool_attribute(cudaMemPoolAttrReservedMemCurrent);
}

std::size_t MemoryAsyncPool::free_bytes() const { return total_bytes() - used_bytes(); }

// ---- PinnedMemoryPool ----------------------------------------------------------------------

PinnedMemoryPool::PinnedMemoryPool() : PinnedMemoryPool(detail::make_pinned_upstream()) {}

PinnedMemoryPool::PinnedMemoryPool(std::unique_ptr<detail::upstream> upstream)
    : pool_(std::make_unique<detail::caching_pool>(std::move(upstream), false)) {}

PinnedMemoryPool::~PinnedMemoryPool() = default;

// Every pinned block lives on the null stream's arena: pinned memory is not stream-ordered, and
// the event recorded at free time is what guards its reuse.
void* PinnedMemoryPool::malloc(std::size_t bytes) {
  if (bytes == 0) return nullptr;
  return pool_->malloc(pool_->source().current_device(), bytes, nullptr);
}

void PinnedMemoryPool::free(void* ptr, cudaStream_t last_use) { pool_->free_after(ptr, last_use); }
void PinnedMemoryPool::free_all_blocks() { pool_->free_all_blocks(); }
std::size_t PinnedMemoryPool::used_bytes() const { return current_stats(*pool_).used; }
std::size_t PinnedMemoryPool::total_bytes() const { return current_stats(*pool_).held; }

std::size_t PinnedMemoryPool::free_bytes() const {
  const detail::pool_stats s = current_stats(*pool_);
  return s.held - s.used;
}

std::size_t PinnedMemoryPool::n_free_blocks() const { return current_stats(*pool_).cached_blocks; }
std::size_t PinnedMemoryPool::peak_bytes() const { return current_stats(*pool_).peak; }
void PinnedMemoryPool::validate() const { pool_->validate(); }

PinnedMemoryPool& get_default_pinned_memory_pool() {
  static auto* pool = new PinnedMemoryPool();  // Note [Leaked singletons]
  return *pool;
}

}  // namespace cupp
