// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// What the elementwise and reduction engines share about their generated kernels: a slot that
// holds a variant's kernel once it is built, and the test for 32-bit index arithmetic.
#pragma once

#include <atomic>
#include <cstdint>
#include <limits>
#include <mutex>

#include "cupp/jit/raw_kernel.hpp"

namespace cupp::expr::detail {

/// The kernel in `slot`, built by `make()` (which returns a new RawKernel) under `mutex` the first
/// time. Later calls cost one atomic load: no lock, no string built or hashed.
template <class Make>
RawKernel& kernel_in_slot(std::atomic<RawKernel*>& slot, std::mutex& mutex, Make make) {
  if (RawKernel* k = slot.load(std::memory_order_acquire)) return *k;
  std::lock_guard<std::mutex> lock(mutex);
  if (RawKernel* k = slot.load(std::memory_order_relaxed)) return *k;
  RawKernel* k = make();
  slot.store(k, std::memory_order_release);
  return *k;
}

/// Whether index arithmetic up to `v` fits 32-bit signed integers.
inline bool fits_int32(std::int64_t v) { return v <= std::numeric_limits<std::int32_t>::max(); }

}  // namespace cupp::expr::detail
