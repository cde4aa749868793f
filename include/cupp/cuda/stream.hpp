// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#pragma once

#include <cuda_runtime_api.h>

namespace cupp::cuda {

class Graph;

/// A CUDA stream, as cupy.cuda.Stream. Owns the stream it created; Stream::null() and
/// Stream::wrap() do not own theirs.
class Stream {
 public:
  /// Creates a new stream. non_blocking: does not synchronise with the legacy default stream.
  explicit Stream(bool non_blocking = false, int priority = 0);
  /// The legacy default stream (stream 0), every thread's current stream until changed.
  static Stream null() noexcept { return Stream(cudaStream_t{nullptr}, false); }
  /// A non-owning handle to an existing stream.
  static Stream wrap(cudaStream_t s) noexcept { return Stream(s, false); }
  /// A stream created outside cupp (cudaStreamCreate, another library's), as
  /// cupy.cuda.ExternalStream: cupp enqueues on it, and its memory pool keeps memory for it as
  /// for its own streams, but never destroys it. The stream must stay alive while cupp work runs
  /// on it or it is current. Pass every stream that cupp is to use through here (rather than
  /// wrap()): a handle value that CUDA gives again to a new stream after the old one was
  /// destroyed is then noticed, and the pool's memory of the old stream is not handed to the new
  /// one before the old stream's work is done (Note [Reused stream handles]). Accepts the
  /// legacy default stream (nullptr, cudaStreamLegacy) and cudaStreamPerThread. Throws
  /// value_error for a stream of another device than the current one.
  static Stream external(cudaStream_t s);
  /// The calling thread's current stream.
  static Stream current() noexcept;

  /// Takes over `other`'s stream; `other` is left as the null handle, owning nothing.
  Stream(Stream&& other) noexcept;
  /// Destroys this stream if it owns one, then takes over `other`'s.
  Stream& operator=(Stream&& other) noexcept;
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;
  ~Stream();

  /// The cudaStream_t, as cupy.cuda.Stream.ptr; the stream stays this object's (or its creator's).
  cudaStream_t handle() const noexcept { return stream_; }
  /// The cudaStream_t, as handle(), so that a Stream passes where CUDA takes one.
  operator cudaStream_t() const noexcept { return stream_; }  // NOLINT: drop-in for CUDA calls
  /// Waits on the host for the work queued on the stream, as cupy.cuda.Stream.synchronize;
  /// cuda_error while the stream captures.
  void synchronize() const;
  /// True when all work queued on the stream has completed.
  bool query() const;
  /// Makes this the calling thread's current stream (until changed again).
  void use() const noexcept;

  /// Starts capturing the work queued on this stream into a CUDA graph, as
  /// cupy.cuda.Stream.begin_capture: nothing runs until the graph returned by end_capture() is
  /// launched. `mode` is a cudaStreamCaptureMode, relaxed by default as in CuPy (so that the
  /// memory pool may grow during the capture). Calls that would wait for the stream, read
  /// results on the host or copy from pageable host memory throw cuda_error during the capture
  /// (docs/graphs.md lists them). Throws cuda_error for the legacy default stream
  /// (Stream::null()), which cannot capture, and value_error when the stream captures already.
  void begin_capture(cudaStreamCaptureMode mode = cudaStreamCaptureModeRelaxed) const;
  /// Ends the capture and returns the graph, instantiated and ready to launch, as
  /// cupy.cuda.Stream.end_capture. Throws cuda_error when the capture was invalidated (by a call
  /// that is not allowed during capture and was not made through cupp) or never begun.
  Graph end_capture() const;
  /// True while the stream is capturing, as cupy.cuda.Stream.is_capturing.
  bool is_capturing() const;

 private:
  Stream(cudaStream_t s, bool owned) noexcept : stream_(s), owned_(owned) {}
  cudaStream_t stream_ = nullptr;
  bool owned_ = false;
};

/// The calling thread's current stream: where every cupp operation is enqueued.
cudaStream_t get_current_stream() noexcept;
/// Sets the calling thread's current stream.
void set_current_stream(cudaStream_t s) noexcept;

/// Makes a stream current for a scope and restores the previous one:
/// `cuda::StreamGuard use(cuda::Stream::external(s));` for a stream made outside cupp.
class StreamGuard {
 public:
  /// Makes `s` current; the destructor restores the stream current before.
  explicit StreamGuard(cudaStream_t s) noexcept : previous_(get_current_stream()) {
    set_current_stream(s);
  }
  ~StreamGuard() { set_current_stream(previous_); }
  StreamGuard(const StreamGuard&) = delete;
  StreamGuard& operator=(const StreamGuard&) = delete;

 private:
  cudaStream_t previous_;
};

namespace detail {
/// Tells cupp that `stream` (a real stream, not the legacy or per-thread one) is alive now; when
/// its handle belonged to another stream before, waits until that stream's work is done (Note
/// [Reused stream handles] in src/cuda/runtime.cpp).
void note_stream(cudaStream_t stream);
/// Captures begun through Stream::begin_capture and not ended yet, in the whole process: 0 on
/// every fast path, so that no check below costs a CUDA call while no graph is being captured.
int captures_underway() noexcept;
/// True when `stream` is capturing (or is the legacy stream while a blocking stream captures,
/// where any work would join, and so break, that capture). Checks only while
/// captures_underway() > 0.
bool is_capturing(cudaStream_t stream);
/// Throws cuda_error when `stream` is capturing: "`call` cannot run while the stream is
/// capturing a CUDA graph: `why`". For the calls that wait for the GPU, read from it on the host
/// or copy from pageable memory (Note [What a capture forbids]).
void check_not_capturing(cudaStream_t stream, const char* call, const char* why);
/// Throws cuda_error when a capture begun through cupp is underway on `device`: for the calls
/// that wait for the whole device.
void check_no_capture_on_device(int device, const char* call);
/// Makes the calling thread's capture mode relaxed for a scope, so that an allocation
/// (cudaMalloc) is allowed during a global or thread-local capture, as PyTorch does.
class relaxed_capture_mode {
 public:
  relaxed_capture_mode() noexcept;
  ~relaxed_capture_mode();
  relaxed_capture_mode(const relaxed_capture_mode&) = delete;
  relaxed_capture_mode& operator=(const relaxed_capture_mode&) = delete;

 private:
  cudaStreamCaptureMode previous_;
};
}  // namespace detail

}  // namespace cupp::cuda

// Stream::end_capture returns a Graph: callers of it need the complete type.
#include "cupp/cuda/graph.hpp"  // IWYU pragma: export
