// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/cuda/graph.hpp"

#include <cuda_runtime_api.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/memory.hpp"
#include "cupp/cuda/stream.hpp"

namespace cupp::cuda {

// Note [What a capture forbids]: while a stream captures, the work queued on it is recorded, not
// run. A call that waits for that work (Stream, Device or cupp::cuda::synchronize), reads its
// results on the host (get(), item(), printing, and so every routine whose result's shape
// depends on the data: a[mask], nonzero, unique), reports an index error from the device
// (indexing with mode='raise', whose report the host reads later) or copies from pageable host
// memory (set(), arrays made from host data: the graph would read that memory at replay time,
// which CUDA does not allow) cannot be captured. CUDA would answer it with
// cudaErrorStreamCaptureUnsupported and invalidate the capture, so that end_capture fails later
// with no word of the culprit; cupp checks first and throws cuda_error naming the call, with
// the capture still intact. The checks cost nothing while no capture is underway (one atomic
// load). Allocating is allowed (Note [Graph memory]), and so is compiling and loading a kernel
// for the first time: NVRTC runs on the host, and cudaLibraryLoadData is permitted during a
// relaxed capture (cupp's default mode) on the CUDA 12 drivers cupp needs.

namespace {

struct capture_entry {
  cudaStream_t stream;
  int device;
  std::shared_ptr<Allocator> allocator;
  std::uint64_t memory;
};

struct capture_registry {
  std::mutex mutex;
  std::vector<capture_entry> entries;
};

capture_registry& registry() {
  static auto* r = new capture_registry;  // Note [Leaked singletons]
  return *r;
}

std::atomic<int> g_captures{0};

[[noreturn]] void capture_error(const std::string& call, const std::string& what) {
  throw cuda_error(static_cast<int>(cudaErrorStreamCaptureUnsupported), call, what);
}

/// Whether `stream` captures, as the driver says: the legacy stream while a blocking stream
/// captures counts as capturing (work there would join, and so break, that capture).
bool stream_is_capturing(cudaStream_t stream) {
  cudaStreamCaptureStatus status = cudaStreamCaptureStatusNone;
  const cudaError_t e = cudaStreamIsCapturing(stream, &status);
  if (e == cudaErrorStreamCaptureImplicit) {
    (void)cudaGetLastError();
    return true;
  }
  CUPP_CHECK_CUDA(e);
  return status != cudaStreamCaptureStatusNone;
}

}  // namespace

namespace detail {

int captures_underway() noexcept { return g_captures.load(std::memory_order_acquire); }

bool is_capturing(cudaStream_t stream) {
  return captures_underway() != 0 && stream_is_capturing(stream);
}

void check_not_capturing(cudaStream_t stream, const char* call, const char* why) {
  if (!is_capturing(stream)) return;
  capture_error(call, std::string(call) +
                          " cannot run while the stream is capturing a CUDA graph: " + why +
                          " (call it before begin_capture() or after end_capture())");
}

// The device-wide waits: refused while any capture begun through cupp is underway on `device`.
void check_no_capture_on_device(int device, const char* call) {
  if (captures_underway() == 0) return;
  capture_registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  for (const capture_entry& e : r.entries)
    if (e.device == device)
      capture_error(call, std::string(call) + " cannot run while a stream of device " +
                              std::to_string(device) +
                              " is capturing a CUDA graph: it waits for every stream of the "
                              "device (call it before begin_capture() or after end_capture())");
}

relaxed_capture_mode::relaxed_capture_mode() noexcept : previous_(cudaStreamCaptureModeRelaxed) {
  (void)cudaThreadExchangeStreamCaptureMode(&previous_);
}

relaxed_capture_mode::~relaxed_capture_mode() {
  (void)cudaThreadExchangeStreamCaptureMode(&previous_);
}

}  // namespace detail

// ---- Stream capture ------------------------------------------------------------------------

void Stream::begin_capture(cudaStreamCaptureMode mode) const {
  detail::require_device();
  if (stream_ == nullptr || stream_ == cudaStreamLegacy || stream_ == cudaStreamPerThread)
    capture_error("Stream::begin_capture",
                  "cannot capture on the default (legacy) stream: capture on a Stream of your "
                  "own, such as cupp::cuda::Stream(/*non_blocking=*/true)");
  if (is_capturing()) throw value_error("Stream::begin_capture: the stream is capturing already");
  int device = 0;
  CUPP_CHECK_CUDA(cudaStreamGetDevice(stream_, &device));
  DeviceGuard guard{Device(device)};
  std::shared_ptr<Allocator> allocator = get_allocator();
  const std::uint64_t memory = allocator->begin_capture(stream_);
  const cudaError_t status = cudaStreamBeginCapture(stream_, mode);
  if (status != cudaSuccess) {
    if (memory != 0) {
      allocator->end_capture(memory);
      allocator->release_graph(memory, {});
    }
    CUPP_CHECK_CUDA(status);
  }
  capture_registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  r.entries.push_back({stream_, device, std::move(allocator), memory});
  g_captures.fetch_add(1, std::memory_order_release);
}

Graph Stream::end_capture() const {
  detail::require_device();
  capture_entry entry{stream_, 0, nullptr, 0};
  bool found = false;
  {
    capture_registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    const auto it = std::find_if(r.entries.begin(), r.entries.end(),
                                 [&](const capture_entry& e) { return e.stream == stream_; });
    if (it != r.entries.end()) {
      entry = std::move(*it);
      r.entries.erase(it);
      found = true;
      g_captures.fetch_sub(1, std::memory_order_release);
    }
  }
  if (!found && !is_capturing())
    capture_error("Stream::end_capture", "Stream::end_capture: the stream is not capturing");
  // From here on the pool's private memory is released on every way out but success.
  struct memory_release {
    capture_entry& e;
    bool keep = false;
    ~memory_release() {
      if (e.memory == 0 || keep) return;
      try {
        e.allocator->release_graph(e.memory, {});
      } catch (const error&) {
      }
    }
  } release{entry};
  if (found && entry.memory != 0) entry.allocator->end_capture(entry.memory);
  cudaGraph_t graph = nullptr;
  const cudaError_t status = cudaStreamEndCapture(stream_, &graph);
  if (status != cudaSuccess || graph == nullptr) {
    (void)cudaGetLastError();
    if (graph != nullptr) (void)cudaGraphDestroy(graph);
    throw cuda_error(static_cast<int>(status == cudaSuccess ? cudaErrorStreamCaptureInvalidated
                                                            : status),
                     "cudaStreamEndCapture",
                     std::string("Stream::end_capture: the capture failed (") +
                         cudaGetErrorName(status) + ": " + cudaGetErrorString(status) +
                         "): a call that is not allowed during a capture, made outside cupp, "
                         "invalidated it");
  }
  cudaGraphExec_t exec = nullptr;
  const cudaError_t instantiated = cudaGraphInstantiate(&exec, graph, 0);
  if (instantiated != cudaSuccess) {
    (void)cudaGraphDestroy(graph);
    CUPP_CHECK_CUDA(instantiated);
  }
  release.keep = true;
  return Graph(graph, exec, std::move(entry.allocator), entry.memory);
}

bool Stream::is_capturing() const {
  detail::require_device();
  return stream_is_capturing(stream_);
}

// ---- Graph ---------------------------------------------------------------------------------

Graph::Graph(cudaGraph_t graph, cudaGraphExec_t exec, std::shared_ptr<Allocator> allocator,
             std::uint64_t memory) noexcept
    : graph_(graph), exec_(exec), allocator_(std::move(allocator)), memory_(memory) {}

Graph::Graph(Graph&& other) noexcept
    : graph_(std::exchange(other.graph_, nullptr)),
      exec_(std::exchange(other.exec_, nullptr)),
      allocator_(std::move(other.allocator_)),
      memory_(std::exchange(other.memory_, 0)),
      replayed_on_(std::move(other.replayed_on_)) {}

Graph& Graph::operator=(Graph&& other) noexcept {
  if (this != &other) {
    reset();
    graph_ = std::exchange(other.graph_, nullptr);
    exec_ = std::exchange(other.exec_, nullptr);
    allocator_ = std::move(other.allocator_);
    memory_ = std::exchange(other.memory_, 0);
    replayed_on_ = std::move(other.replayed_on_);
  }
  return *this;
}

Graph::~Graph() { reset(); }

// Launches already queued still run after cudaGraphExecDestroy; the memory waits for them
// (Note [Graph memory]). A destructor cannot report a failure: see Note [Errors in deleters].
void Graph::reset() noexcept {
  if (exec_ != nullptr) (void)cudaGraphExecDestroy(exec_);
  if (graph_ != nullptr) (void)cudaGraphDestroy(graph_);
  exec_ = nullptr;
  graph_ = nullptr;
  if (allocator_ && memory_ != 0) {
    try {
      allocator_->release_graph(memory_, replayed_on_);
    } catch (const error&) {
    }
  }
  allocator_.reset();
  memory_ = 0;
  replayed_on_.clear();
}

void Graph::launch(cudaStream_t stream) {
  CUPP_EXPECTS(exec_ != nullptr, value_error, "Graph::launch: the graph was moved from");
  CUPP_CHECK_CUDA(cudaGraphLaunch(exec_, stream));
  if (std::find(replayed_on_.begin(), replayed_on_.end(), stream) == replayed_on_.end())
    replayed_on_.push_back(stream);
}

void Graph::upload(cudaStream_t stream) {
  CUPP_EXPECTS(exec_ != nullptr, value_error, "Graph::upload: the graph was moved from");
  CUPP_CHECK_CUDA(cudaGraphUpload(exec_, stream));
}

}  // namespace cupp::cuda
