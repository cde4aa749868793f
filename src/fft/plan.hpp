// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cuFFT plans behind cupp::fft: their key, the process-wide cache, and one call of a plan.
#pragma once

#include <cufft.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <tuple>

namespace cupp::fft::detail {

/// Everything that makes two cuFFT plans interchangeable: the device, the transform type, and
/// cufftMakePlanMany64's arguments (lengths, embeddings, strides, distances, batch). Unused
/// dimensions (past `rank`) are 0.
struct plan_key {
  int device = 0;
  int type = 0;  // cufftType
  int rank = 0;
  std::array<long long, 3> n{}, inembed{}, onembed{};
  long long istride = 0, idist = 0, ostride = 0, odist = 0, batch = 0;

  auto tie() const {
    return std::tie(device, type, rank, n, inembed, onembed, istride, idist, ostride, odist, batch);
  }
  bool operator<(const plan_key& o) const { return tie() < o.tie(); }
  bool operator==(const plan_key& o) const { return tie() == o.tie(); }
};

/// A cuFFT plan made without a work area of its own (cufftSetAutoAllocation(plan, 0)).
class plan {
 public:
  explicit plan(const plan_key& key);
  ~plan();
  plan(const plan&) = delete;
  plan& operator=(const plan&) = delete;

  /// The work area the plan needs at each call.
  std::size_t work_size() const noexcept { return work_size_; }
  /// Enqueues the transform on the current stream: binds the plan to the stream, gives it a work
  /// area from the memory pool (returned to the pool, on that stream, after the call), and runs
  /// it. `direction` is CUFFT_FORWARD or CUFFT_INVERSE (ignored for R2C and C2R). Calls of one
  /// plan are serialised by its mutex.
  void execute(void* in, void* out, int direction);

 private:
  cufftHandle handle_ = 0;
  int type_ = 0;
  int device_ = 0;
  std::size_t work_size_ = 0;
  std::mutex mutex_;
};

/// The plan for `key`, from the cache or made now (and cached).
std::shared_ptr<plan> get_plan(const plan_key& key);

}  // namespace cupp::fft::detail
