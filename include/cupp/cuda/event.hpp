// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#pragma once

#include <cuda_runtime_api.h>

#include "cupp/cuda/stream.hpp"

namespace cupp::cuda {

/// A CUDA event, as cupy.cuda.Event.
class Event {
 public:
  /// timing=false creates a cheaper event that cannot be timed (cudaEventDisableTiming).
  explicit Event(bool timing = true, bool blocking = false);
  /// Takes over `other`'s event; `other` is left without one.
  Event(Event&& other) noexcept;
  /// Destroys this event and takes over `other`'s.
  Event& operator=(Event&& other) noexcept;
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  ~Event();

  /// Records the event on a stream (the current one by default).
  void record(cudaStream_t stream = get_current_stream());
  /// Waits on the host until the work recorded before the event has completed.
  void synchronize() const;
  /// True when the work recorded before the event has completed.
  bool query() const;
  /// The cudaEvent_t, as cupy.cuda.Event.ptr; it stays this object's.
  cudaEvent_t handle() const noexcept { return event_; }

 private:
  cudaEvent_t event_ = nullptr;
};

/// Milliseconds between two recorded events, as cupy.cuda.get_elapsed_time.
float elapsed_ms(const Event& start, const Event& end);

}  // namespace cupp::cuda
