// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#pragma once

#include <cuda_runtime_api.h>

namespace cupp::cuda {

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
  /// The calling thread's current stream.
  static Stream current() noexcept;

  Stream(Stream&& other) noexcept;
  Stream& operator=(Stream&& other) noexcept;
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;
  ~Stream();

  cudaStream_t handle() const noexcept { return stream_; }
  operator cudaStream_t() const noexcept { return stream_; }  // NOLINT: drop-in for CUDA calls
  void synchronize() const;
  /// True when all work queued on the stream has completed.
  bool query() const;
  /// Makes this the calling thread's current stream (until changed again).
  void use() const noexcept;

 private:
  Stream(cudaStream_t s, bool owned) noexcept : stream_(s), owned_(owned) {}
  cudaStream_t stream_ = nullptr;
  bool owned_ = false;
};

/// The calling thread's current stream: where every cupp operation is enqueued.
cudaStream_t get_current_stream() noexcept;
/// Sets the calling thread's current stream.
void set_current_stream(cudaStream_t s) noexcept;

/// Makes a stream current for a scope and restores the previous one.
class StreamGuard {
 public:
  explicit StreamGuard(cudaStream_t s) noexcept : previous_(get_current_stream()) {
    set_current_stream(s);
  }
  ~StreamGuard() { set_current_stream(previous_); }
  StreamGuard(const StreamGuard&) = delete;
  StreamGuard& operator=(const StreamGuard&) = delete;

 private:
  cudaStream_t previous_;
};

}  // namespace cupp::cuda
