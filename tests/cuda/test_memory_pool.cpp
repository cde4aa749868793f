// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The caching pools on a host upstream: runs without a GPU.
#include <cuda_runtime_api.h>

#include <gtest/gtest.h>

#include "support/env.hpp"
#include "support/gpu.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/memory.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/detail/pool.hpp"

namespace {

constexpr std::size_t KiB = std::size_t{1} << 10;
constexpr std::size_t MiB = std::size_t{1} << 20;
constexpr std::size_t kGuard = 64;  // guard bytes at each end of a block in the stress test

// Host memory standing in for a device, with a capacity (so that out-of-memory paths can be
// reached) and events that complete only when the test says so (so that cross-stream rules can
// be checked). Thread-safe. The current device is per thread, as CUDA's is.
class host_upstream final : public cupp::detail::upstream {
 public:
  explicit host_upstream(std::size_t capacity) : capacity_(capacity) {}
  ~host_upstream() override {
    for (const auto& [ptr, bytes] : sizes_) std::free(ptr);
  }

  static void use_device(int device) { current_ = device; }

  int current_device() override { return current_; }

  void* allocate(int device, std::size_t bytes) override {
    wait_at_gate(device);
    std::lock_guard<std::mutex> lock(mutex_);
    std::size_t& used = outstanding_[device];
    if (bytes > capacity_ - used) {
      ++failures_;
      return nullptr;
    }
    void* ptr = std::aligned_alloc(512, bytes);
    if (ptr == nullptr) return nullptr;
    used += bytes;
    sizes_[ptr] = bytes;
    ++allocations_;
    return ptr;
  }

  void deallocate(int device, void* ptr, std::size_t bytes) override {
    wait_at_gate(device);
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = sizes_.find(ptr);
    if (it == sizes_.end() || it->second != bytes) {
      ADD_FAILURE() << "the pool returned memory the upstream did not hand out in that size";
      return;
    }
    outstanding_[device] -= bytes;
    sizes_.erase(it);
    std::free(ptr);
  }

  cudaEvent_t record_event(cudaStream_t stream) override {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::uintptr_t id = ++recorded_;
    events_[id] = {stream, false};
    return reinterpret_cast<cudaEvent_t>(id);
  }

  bool query_event(cudaEvent_t event) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return events_.at(reinterpret_cast<std::uintptr_t>(event)).done;
  }

  void release_event(cudaEvent_t event) noexcept override {
    std::lock_guard<std::mutex> lock(mutex_);
    events_.erase(reinterpret_cast<std::uintptr_t>(event));
  }

  cupp::detail::memory_info mem_info(int device) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return {capacity_ - outstanding_[device], capacity_};
  }

  std::string describe(int device) const override { return "device " + std::to_string(device); }

  // What a stream reaching its end does: every event recorded on it so far completes.
  void complete(cudaStream_t stream) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& [id, e] : events_)
      if (e.stream == stream) e.done = true;
  }

  std::size_t outstanding() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::size_t total = 0;
    for (const auto& [device, bytes] : outstanding_) total += bytes;
    return total;
  }
  std::size_t live_events() {
    std::lock_guard<std::mutex> lock(mutex_);
    return events_.size();
  }
  std::size_t events_recorded() {
    std::lock_guard<std::mutex> lock(mutex_);
    return recorded_;
  }
  std::size_t allocations() {
    std::lock_guard<std::mutex> lock(mutex_);
    return allocations_;
  }
  std::size_t failures() {
    std::lock_guard<std::mutex> lock(mutex_);
    return failures_;
  }

  // A slow cudaMalloc/cudaFree: from now on, allocate and deallocate on `device` wait (at most
  // 10 s, so that a failing test cannot hang) until open_gate().
  void close_gate(int device) {
    std::lock_guard<std::mutex> lock(gate_mutex_);
    gate_device_ = device;
  }
  void open_gate() {
    {
      std::lock_guard<std::mutex> lock(gate_mutex_);
      gate_device_ = -1;
    }
    gate_cv_.notify_all();
  }
  // True once a call waits at the gate (polled for at most 10 s).
  bool wait_for_gate_caller() {
    std::unique_lock<std::mutex> lock(gate_mutex_);
    return gate_cv_.wait_for(lock, std::chrono::seconds(10), [&] { return at_gate_ > 0; });
  }
  int at_gate() {
    std::lock_guard<std::mutex> lock(gate_mutex_);
    return at_gate_;
  }

 private:
  void wait_at_gate(int device) {
    std::unique_lock<std::mutex> lock(gate_mutex_);
    if (gate_device_ != device) return;
    ++at_gate_;
    gate_cv_.notify_all();
    gate_cv_.wait_for(lock, std::chrono::seconds(10), [&] { return gate_device_ != device; });
    --at_gate_;
  }

  struct event {
    cudaStream_t stream;
    bool done;
  };
  static thread_local int current_;
  const std::size_t capacity_;
  std::mutex mutex_;
  std::map<int, std::size_t> outstanding_;
  std::map<void*, std::size_t> sizes_;
  std::map<std::uintptr_t, event> events_;
  std::size_t recorded_ = 0, allocations_ = 0, failures_ = 0;
  std::mutex gate_mutex_;
  std::condition_variable gate_cv_;
  int gate_device_ = -1;
  int at_gate_ = 0;
};

thread_local int host_upstream::current_ = 0;

// Stream handles the pool only compares; nothing is ever enqueued on them.
cudaStream_t fake_stream(std::uintptr_t n) { return reinterpret_cast<cudaStream_t>(n * 0x1000); }

// A pool on a host upstream. CUPP_GPU_MEMORY_LIMIT is cleared for each test (and restored), since
// every MemoryPool reads it.
class MemoryPoolHost : public ::testing::Test {
 protected:
  void SetUp() override { host_upstream::use_device(0); }
  void TearDown() override {
    if (pool_) {
      EXPECT_NO_THROW(pool_->validate());
      pool_.reset();
    }
  }

  cupp::MemoryPool& make_pool(std::size_t capacity = std::size_t{1} << 30) {
    auto source = std::make_unique<host_upstream>(capacity);
    up_ = source.get();
    pool_ = std::make_unique<cupp::MemoryPool>(std::move(source));
    return *pool_;
  }

  host_upstream* up_ = nullptr;  // owned by pool_
  std::unique_ptr<cupp::MemoryPool> pool_;

 private:
  cupp::test::scoped_env no_limit_{"CUPP_GPU_MEMORY_LIMIT", std::nullopt};
};

char* bytes_of(void* p) { return static_cast<char*>(p); }

TEST_F(MemoryPoolHost, RoundsSizesTo512Bytes) {
  cupp::MemoryPool& pool = make_pool();
  // example-begin pool_statistics
  void* p = pool.malloc(1000);  // rounded up to 1024 bytes, cut from a new 2 MiB segment
  EXPECT_EQ(pool.used_bytes(), 1024u);
  EXPECT_EQ(pool.total_bytes(), 2u << 20);
  EXPECT_EQ(pool.n_free_blocks(), 1u);  // the rest of the segment
  pool.free(p);                         // cached, not given back to CUDA
  EXPECT_EQ(pool.used_bytes(), 0u);
  EXPECT_EQ(pool.free_bytes(), 2u << 20);
  pool.free_all_blocks();  // now it is
  EXPECT_EQ(pool.total_bytes(), 0u);
  EXPECT_EQ(pool.peak_bytes(), 1024u);
  // example-end

  std::vector<void*> blocks;
  for (std::size_t n : {1, 511, 512}) blocks.push_back(pool.malloc(n));
  EXPECT_EQ(pool.used_bytes(), 3 * 512u);
  blocks.push_back(pool.malloc(513));
  EXPECT_EQ(pool.used_bytes(), 5 * 512u);
  for (void* b : blocks) EXPECT_EQ(reinterpret_cast<std::uintptr_t>(b) % 512, 0u);
  EXPECT_EQ(pool.malloc(0), nullptr);
  EXPECT_EQ(pool.used_bytes(), 5 * 512u);
  for (void* b : blocks) pool.free(b);
  EXPECT_EQ(pool.used_bytes(), 0u);
}

TEST_F(MemoryPoolHost, SmallAndLargeRequestsUseSeparateSegments) {
  cupp::MemoryPool& pool = make_pool();
  void* large = pool.malloc(MiB + 1);  // large: a segment of its own, 2 MiB
  EXPECT_EQ(pool.used_bytes(), 2 * MiB);
  EXPECT_EQ(pool.total_bytes(), 2 * MiB);
  pool.free(large);
  EXPECT_EQ(pool.free_bytes(), 2 * MiB);

  void* small = pool.malloc(MiB);  // small: never carved from the cached large segment
  EXPECT_EQ(pool.total_bytes(), 4 * MiB);
  EXPECT_EQ(up_->allocations(), 2u);
  EXPECT_TRUE(bytes_of(small) >= bytes_of(large) + 2 * MiB ||
              bytes_of(small) + 2 * MiB <= bytes_of(large));

  void* large_again = pool.malloc(2 * MiB);
  EXPECT_EQ(large_again, large);
  EXPECT_EQ(up_->allocations(), 2u);
  pool.free(small);
  pool.free(large_again);
}

TEST_F(MemoryPoolHost, BestFit) {
  cupp::MemoryPool& pool = make_pool();
  // Small pool: holes of 8 KiB and 2 KiB, and the long tail of the segment.
  void* a = pool.malloc(8 * KiB);
  void* s1 = pool.malloc(4 * KiB);
  void* c = pool.malloc(2 * KiB);
  void* s2 = pool.malloc(4 * KiB);
  ASSERT_EQ(bytes_of(c), bytes_of(a) + 12 * KiB);
  pool.free(a);
  pool.free(c);
  EXPECT_EQ(pool.n_free_blocks(), 3u);
  EXPECT_EQ(pool.malloc(2 * KiB), c);
  EXPECT_EQ(pool.malloc(6 * KiB), a);  // the 8 KiB hole, not the tail; 2 KiB stay free
  EXPECT_EQ(pool.n_free_blocks(), 2u);

  // Large pool: three cached segments of 8, 4 and 6 MiB.
  void* p8 = pool.malloc(8 * MiB);
  void* p4 = pool.malloc(4 * MiB);
  void* p6 = pool.malloc(6 * MiB);
  for (void* p : {p8, p4, p6}) pool.free(p);
  const std::size_t segments = up_->allocations();
  void* q4 = pool.malloc(3 * MiB + 512 * KiB);
  void* q6 = pool.malloc(5 * MiB);
  void* q8 = pool.malloc(7 * MiB);
  EXPECT_EQ(q4, p4);
  EXPECT_EQ(q6, p6);
  EXPECT_EQ(q8, p8);
  EXPECT_EQ(up_->allocations(), segments);
  for (void* p : {q4, q6, q8, s1, s2, c, a}) pool.free(p);
}

TEST_F(MemoryPoolHost, SplitAndMerge) {
  cupp::MemoryPool& pool = make_pool();
  void* a = pool.malloc(64 * KiB);
  void* b = pool.malloc(64 * KiB);
  void* c = pool.malloc(64 * KiB);
  EXPECT_EQ(bytes_of(b), bytes_of(a) + 64 * KiB);
  EXPECT_EQ(pool.n_free_blocks(), 1u);
  pool.free(b);
  EXPECT_EQ(pool.n_free_blocks(), 2u);
  pool.free(a);  // merges with b
  EXPECT_EQ(pool.n_free_blocks(), 2u);
  pool.validate();
  pool.free(c);  // merges with a+b and with the tail: the segment is whole again
  EXPECT_EQ(pool.n_free_blocks(), 1u);
  EXPECT_EQ(pool.malloc(MiB), a);
  pool.free(a);
  pool.free_all_blocks();
  EXPECT_EQ(pool.total_bytes(), 0u);
  EXPECT_EQ(up_->outstanding(), 0u);

  // A large segment splits when more than 1 MiB would be left over.
  void* p = pool.malloc(8 * MiB);
  pool.free(p);
  void* q = pool.malloc(3 * MiB);
  EXPECT_EQ(q, p);
  EXPECT_EQ(pool.n_free_blocks(), 1u);
  EXPECT_EQ(pool.free_bytes(), 5 * MiB);
  void* r = pool.malloc(5 * MiB);
  EXPECT_EQ(bytes_of(r), bytes_of(p) + 3 * MiB);
  EXPECT_EQ(up_->allocations(), 2u);
  pool.free(q);
  pool.free(r);
  EXPECT_EQ(pool.n_free_blocks(), 1u);
  pool.free_all_blocks();
  EXPECT_EQ(up_->outstanding(), 0u);
}

TEST_F(MemoryPoolHost, SameStreamReusesWithoutWaiting) {
  cupp::MemoryPool& pool = make_pool();
  cupp::cuda::StreamGuard guard(fake_stream(1));
  void* p = pool.malloc(1000);
  pool.free(p);
  EXPECT_EQ(pool.malloc(1000), p);
  EXPECT_EQ(up_->events_recorded(), 0u);
  pool.free(p);
}

TEST_F(MemoryPoolHost, BlockFreedOnOneStreamIsNotHandedToAnother) {
  cupp::MemoryPool& pool = make_pool();
  // Both ways round: the free sets are ordered by stream handle first.
  for (const auto& [first, second] :
       {std::pair{fake_stream(1), fake_stream(2)}, std::pair{fake_stream(4), fake_stream(3)}}) {
    void* p = nullptr;
    {
      cupp::cuda::StreamGuard guard(first);
      p = pool.malloc(1000);
      pool.free(p);
    }
    {
      cupp::cuda::StreamGuard guard(second);
      void* q = pool.malloc(1000);
      EXPECT_NE(q, p);
      pool.free(q);
    }
    cupp::cuda::StreamGuard guard(first);
    EXPECT_EQ(pool.malloc(1000), p);
    pool.free(p);
  }
  EXPECT_EQ(pool.total_bytes(), 8 * MiB);  // a segment for each stream
}

TEST_F(MemoryPoolHost, RecordStreamDelaysReuseUntilTheEventCompletes) {
  cupp::MemoryPool& pool = make_pool();
  const cudaStream_t a = fake_stream(1), b = fake_stream(2);
  cupp::cuda::StreamGuard guard(a);
  void* p = pool.malloc(1000);
  pool.record_stream(p, b);
  pool.record_stream(p, b);  // once is enough
  pool.record_stream(p, a);  // its own stream needs no event
  pool.free(p);
  EXPECT_EQ(up_->events_recorded(), 1u);
  EXPECT_EQ(pool.used_bytes(), 0u);
  EXPECT_EQ(pool.n_free_blocks(), 2u);  // p waiting, and the tail

  void* q = pool.malloc(1000);  // b may still be using p
  EXPECT_NE(q, p);
  up_->complete(b);
  void* r = pool.malloc(1000);
  EXPECT_EQ(r, p);
  EXPECT_EQ(up_->live_events(), 0u);
  pool.free(q);
  pool.free(r);
}

TEST_F(MemoryPoolHost, OutOfMemoryFreesCachedSegmentsAndRetries) {
  cupp::MemoryPool& pool = make_pool(4 * MiB);
  void* a = pool.malloc(3 * MiB);  // a 4 MiB segment: the whole capacity
  pool.free(a);
  void* b = pool.malloc(100 * KiB);  // needs a 2 MiB segment: the cached one must go first
  EXPECT_NE(b, nullptr);
  EXPECT_EQ(up_->failures(), 1u);
  EXPECT_EQ(pool.total_bytes(), 2 * MiB);
  EXPECT_EQ(up_->outstanding(), 2 * MiB);
  pool.free(b);
}

TEST_F(MemoryPoolHost, OutOfMemoryMessageGivesTheFigures) {
  cupp::MemoryPool& pool = make_pool(64 * MiB);
  void* keep = pool.malloc(MiB);
  const std::size_t request = std::size_t{1} << 40;
  try {
    pool.malloc(request);
    FAIL() << "expected out_of_memory";
  } catch (const cupp::out_of_memory& e) {
    EXPECT_EQ(e.requested(), request);
    EXPECT_STREQ(e.what(),
                 "out of memory allocating 1099511627776 bytes (1.0 TiB): device 0 total 64.0 MiB, "
                 "free 62.0 MiB; pool used 1.0 MiB, held 2.0 MiB, limit none");
  }
  EXPECT_THROW(pool.malloc(std::numeric_limits<std::size_t>::max()), cupp::out_of_memory);
  void* more = pool.malloc(MiB);  // the pool still works
  EXPECT_NE(more, nullptr);
  pool.free(more);
  pool.free(keep);
}

TEST_F(MemoryPoolHost, LimitIsRespected) {
  cupp::MemoryPool& pool = make_pool();
  // example-begin pool_limit
  pool.set_limit(4 << 20);  // at most 4 MiB held on the current device
  EXPECT_EQ(pool.get_limit(), 4u << 20);
  void* a = pool.malloc(3 << 20);                        // takes a 4 MiB segment
  EXPECT_THROW(pool.malloc(1024), cupp::out_of_memory);  // would need another 2 MiB segment
  pool.free(a);
  void* b = pool.malloc(1024);  // the cached 4 MiB segment is released to make room
  EXPECT_EQ(pool.total_bytes(), 2u << 20);
  pool.set_limit(0);  // no limit
  // example-end
  pool.free(pool.malloc(64 * MiB));
  pool.free_all_blocks();
  pool.set_limit(3 * MiB);
  try {
    pool.malloc(3 * MiB);
    FAIL() << "expected out_of_memory";
  } catch (const cupp::out_of_memory& e) {
    EXPECT_NE(std::string(e.what()).find("; pool used 1.0 KiB, held 2.0 MiB, limit 3.0 MiB"),
              std::string::npos)
        << e.what();
  }
  pool.free(b);
}

TEST_F(MemoryPoolHost, PeakBytes) {
  cupp::MemoryPool& pool = make_pool();
  void* a = pool.malloc(MiB);
  void* b = pool.malloc(2 * MiB);
  EXPECT_EQ(pool.peak_bytes(), 3 * MiB);
  pool.free(a);
  void* c = pool.malloc(512);
  EXPECT_EQ(pool.peak_bytes(), 3 * MiB);
  pool.free(b);
  pool.free(c);
  EXPECT_EQ(pool.used_bytes(), 0u);
  EXPECT_EQ(pool.peak_bytes(), 3 * MiB);
}

TEST_F(MemoryPoolHost, OneArenaPerDevice) {
  cupp::MemoryPool& pool = make_pool();
  host_upstream::use_device(1);
  pool.set_limit(8 * MiB);
  void* p = pool.malloc(MiB);
  EXPECT_EQ(pool.used_bytes(), MiB);
  host_upstream::use_device(0);
  EXPECT_EQ(pool.used_bytes(), 0u);
  EXPECT_EQ(pool.get_limit(), 0u);
  pool.free(p);  // from any device
  host_upstream::use_device(1);
  EXPECT_EQ(pool.used_bytes(), 0u);
  EXPECT_EQ(pool.total_bytes(), 2 * MiB);
  pool.free_all_blocks();
  EXPECT_EQ(up_->outstanding(), 0u);
  host_upstream::use_device(0);
}

TEST_F(MemoryPoolHost, ForeignPointersAreRejected) {
  cupp::MemoryPool& pool = make_pool();
  int local = 0;
  EXPECT_THROW(pool.free(&local), cupp::value_error);
  EXPECT_THROW(pool.record_stream(&local, fake_stream(1)), cupp::value_error);
  void* p = pool.malloc(4096);
  EXPECT_THROW(pool.free(bytes_of(p) + 512), cupp::value_error);  // inside a block is not a block
  pool.free(p);
  EXPECT_THROW(pool.free(p), cupp::value_error);  // twice
  EXPECT_NO_THROW(pool.free(nullptr));
}

TEST_F(MemoryPoolHost, ParseMemoryLimit) {
  using cupp::detail::parse_memory_limit;
  const std::size_t total = std::size_t{80} << 30;
  EXPECT_EQ(parse_memory_limit("1073741824", total), std::size_t{1} << 30);
  EXPECT_EQ(parse_memory_limit("0", total), 0u);
  EXPECT_EQ(parse_memory_limit("50%", total), total / 2);
  EXPECT_EQ(parse_memory_limit("12.5%", 1000), 125u);
  EXPECT_EQ(parse_memory_limit("100%", total), total);
  EXPECT_EQ(parse_memory_limit("0%", total), 0u);
  EXPECT_EQ(parse_memory_limit("18446744073709551615", 0), std::numeric_limits<std::size_t>::max());
  for (const char* bad : {"", "abc", "-1", "+1", "1.5", "1e9", " 50%", "50 %", "50%%", "150%",
                          "100.1%", "%", ".%", "1.2.3%", "18446744073709551616", "1GB"}) {
    EXPECT_THROW(parse_memory_limit(bad, total), cupp::value_error) << "'" << bad << "'";
  }
  try {
    parse_memory_limit("lots", total);
  } catch (const cupp::value_error& e) {
    EXPECT_NE(std::string(e.what()).find("CUPP_GPU_MEMORY_LIMIT 'lots'"), std::string::npos);
  }
}

TEST_F(MemoryPoolHost, LimitFromTheEnvironment) {
  ::setenv("CUPP_GPU_MEMORY_LIMIT", "50%", 1);
  EXPECT_EQ(make_pool(64 * MiB).get_limit(), 32 * MiB);  // half of the device's total
  ::setenv("CUPP_GPU_MEMORY_LIMIT", "12345", 1);
  EXPECT_EQ(make_pool().get_limit(), 12345u);
  ::setenv("CUPP_GPU_MEMORY_LIMIT", "", 1);
  EXPECT_EQ(make_pool().get_limit(), 0u);
  ::setenv("CUPP_GPU_MEMORY_LIMIT", "lots", 1);
  cupp::MemoryPool& pool = make_pool();
  EXPECT_THROW(pool.malloc(1), cupp::value_error);
  EXPECT_THROW(pool.get_limit(), cupp::value_error);
}

TEST_F(MemoryPoolHost, PinnedBlockIsReusedOnlyAfterItsEvent) {
  auto source = std::make_unique<host_upstream>(std::size_t{1} << 30);
  host_upstream* up = source.get();
  cupp::PinnedMemoryPool pinned(std::move(source));
  const cudaStream_t copy_stream = fake_stream(7);

  void* p = pinned.malloc(4096);
  pinned.free(p, copy_stream);  // a copy from p may still be in flight on copy_stream
  EXPECT_EQ(up->events_recorded(), 1u);
  EXPECT_EQ(pinned.used_bytes(), 0u);
  void* q = pinned.malloc(4096);
  EXPECT_NE(q, p);
  up->complete(copy_stream);
  void* r = pinned.malloc(4096);
  EXPECT_EQ(r, p);
  EXPECT_EQ(pinned.peak_bytes(), 8192u);
  pinned.free(q, nullptr);
  pinned.free(r, nullptr);
  up->complete(nullptr);
  pinned.free_all_blocks();
  EXPECT_EQ(pinned.total_bytes(), 0u);
  EXPECT_EQ(pinned.n_free_blocks(), 0u);
  EXPECT_EQ(up->outstanding(), 0u);
  EXPECT_EQ(up->live_events(), 0u);
  pinned.validate();
}

// Many threads, random sizes from 1 B to 64 MiB, two devices, two streams per thread,
// record_stream with events completed at random, a capacity that is sometimes reached. After
// every operation the pool's invariants hold; a live block never overlaps another, nor a freed
// block whose record_stream event has not completed; guard bytes survive until the free.
TEST_F(MemoryPoolHost, StressManyThreads) {
  constexpr int kThreads = 4;
  constexpr int kOpsPerThread = 25000;
  constexpr std::size_t kMaxLive = 24;
  constexpr int kStreams = 2 * kThreads;
  cupp::MemoryPool& pool = make_pool(std::size_t{256} << 20);

  // The test's own map of the memory no allocation may touch: live blocks, and freed blocks
  // waiting for an event on `waits_on`.
  struct region {
    std::size_t size;
    cudaStream_t waits_on;
    bool waiting;
  };
  std::mutex regions_mutex;
  std::map<char*, region> regions;
  const auto claim = [&](char* p, std::size_t n) {
    std::lock_guard<std::mutex> lock(regions_mutex);
    auto next = regions.lower_bound(p);
    bool ok = next == regions.end() || p + n <= next->first;
    if (next != regions.begin()) {
      auto prev = std::prev(next);
      ok = ok && prev->first + prev->second.size <= p;
    }
    regions[p] = {n, nullptr, false};
    return ok;
  };
  // Before the pool sees the free: afterwards another thread may already own the memory.
  const auto unclaim = [&](char* p, std::optional<cudaStream_t> used_on) {
    std::lock_guard<std::mutex> lock(regions_mutex);
    if (used_on) {
      regions[p].waits_on = *used_on;
      regions[p].waiting = true;
    } else {
      regions.erase(p);
    }
  };
  // The stream's work is done: its events complete and the memory they guarded is free to reuse.
  const auto complete = [&](cudaStream_t s) {
    std::lock_guard<std::mutex> lock(regions_mutex);
    for (auto it = regions.begin(); it != regions.end();)
      it = it->second.waiting && it->second.waits_on == s ? regions.erase(it) : std::next(it);
    up_->complete(s);
  };

  struct live_block {
    char* ptr;
    std::size_t size;
    unsigned char seed;
    std::optional<cudaStream_t> used_on;  // from record_stream
  };
  // The byte at offset k of a block is seed + k, over the first and last kGuard bytes.
  const auto guard_bytes = [](const live_block& b, bool write) {
    bool intact = true;
    const std::size_t n = std::min(b.size, kGuard);
    for (std::size_t k : {std::size_t{0}, b.size - n}) {
      for (std::size_t end = k + n; k < end; ++k) {
        const auto expect = static_cast<char>(b.seed + k);
        if (write)
          b.ptr[k] = expect;
        else
          intact = intact && b.ptr[k] == expect;
      }
    }
    return intact;
  };

  std::atomic<int> overlaps{0}, broken_guards{0}, invariant_failures{0};
  const auto worker = [&](int t) {
    host_upstream::use_device(t % 2);
    std::mt19937_64 rng(1234 + t);
    std::uniform_real_distribution<double> log_size(0.0, 26.0);
    std::uniform_int_distribution<int> percent(0, 99);
    const auto any_stream = [&] { return fake_stream(10 + percent(rng) % kStreams); };
    const cudaStream_t own[2] = {fake_stream(10 + 2 * t), fake_stream(11 + 2 * t)};
    std::vector<live_block> live;
    for (int op = 0; op < kOpsPerThread; ++op) {
      const bool allocate = live.empty() || (live.size() < kMaxLive && percent(rng) < 55);
      if (allocate) {
        const auto size =
            std::max<std::size_t>(1, static_cast<std::size_t>(std::exp2(log_size(rng))));
        const cudaStream_t stream = own[percent(rng) % 2];
        cupp::cuda::StreamGuard guard(stream);
        try {
          live_block b{static_cast<char*>(pool.malloc(size)), size, static_cast<unsigned char>(op),
                       std::nullopt};
          if (!claim(b.ptr, b.size)) ++overlaps;
          guard_bytes(b, true);
          if (const cudaStream_t other = any_stream(); other != stream && percent(rng) < 5) {
            pool.record_stream(b.ptr, other);
            b.used_on = other;
          }
          live.push_back(b);
        } catch (const cupp::out_of_memory&) {
          // Live blocks may really fill the capacity; the pool must stay sound all the same.
        }
      } else {
        const std::size_t i = static_cast<std::size_t>(percent(rng)) % live.size();
        const live_block b = live[i];
        live[i] = live.back();
        live.pop_back();
        if (!guard_bytes(b, false)) ++broken_guards;
        unclaim(b.ptr, b.used_on);
        pool.free(b.ptr);
      }
      if (percent(rng) < 3) complete(any_stream());
      try {
        pool.validate();
      } catch (const cupp::error& e) {
        if (invariant_failures++ == 0) ADD_FAILURE() << e.what();
      }
    }
    for (const live_block& b : live) {
      if (!guard_bytes(b, false)) ++broken_guards;
      unclaim(b.ptr, b.used_on);
      pool.free(b.ptr);
    }
  };

  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) threads.emplace_back(worker, t);
  for (auto& th : threads) th.join();

  EXPECT_EQ(overlaps.load(), 0);
  EXPECT_EQ(broken_guards.load(), 0);
  EXPECT_EQ(invariant_failures.load(), 0);
  for (int device : {0, 1}) {
    host_upstream::use_device(device);
    EXPECT_EQ(pool.used_bytes(), 0u) << "device " << device;
  }
  for (int s = 0; s < kStreams; ++s) complete(fake_stream(10 + s));
  pool.free_all_blocks();
  for (int device : {0, 1}) {
    host_upstream::use_device(device);
    EXPECT_EQ(pool.total_bytes(), 0u) << "device " << device;
    EXPECT_EQ(pool.n_free_blocks(), 0u) << "device " << device;
  }
  host_upstream::use_device(0);
  EXPECT_EQ(up_->outstanding(), 0u);
  EXPECT_EQ(up_->live_events(), 0u);
  // The capacity was reached: releasing cached segments and retrying ran under contention.
  EXPECT_GT(up_->failures(), 0u);
  pool.validate();
}

// ---- a lock per device: the upstream runs with the arena unlocked ----------------------------

TEST_F(MemoryPoolHost, SlowAllocationOnOneDeviceStallsNoOther) {
  cupp::MemoryPool& pool = make_pool();
  const cudaStream_t s = fake_stream(1);
  cupp::cuda::StreamGuard guard(s);
  host_upstream::use_device(1);
  pool.free(pool.malloc(4 * KiB));  // a cached small block on device 1
  host_upstream::use_device(0);

  up_->close_gate(1);
  void* slow = nullptr;
  std::thread t([&] {
    host_upstream::use_device(1);
    cupp::cuda::StreamGuard on_s(s);
    slow = pool.malloc(8 * MiB);  // a new segment: waits in the upstream
  });
  ASSERT_TRUE(up_->wait_for_gate_caller());
  void* other_device = pool.malloc(8 * MiB);  // device 0 gets a segment meanwhile
  host_upstream::use_device(1);
  void* cached = pool.malloc(4 * KiB);  // and device 1 a cached block
  const int still_waiting = up_->at_gate();
  up_->open_gate();
  t.join();
  EXPECT_EQ(still_waiting, 1);  // both answers came while the slow cudaMalloc was still running
  EXPECT_NE(slow, nullptr);
  EXPECT_NE(cached, nullptr);
  pool.free(cached);
  pool.free(slow);
  host_upstream::use_device(0);
  pool.free(other_device);
}

TEST_F(MemoryPoolHost, OutOfMemoryRecoveryOnOneDeviceStallsNoOther) {
  cupp::MemoryPool& pool = make_pool(8 * MiB);
  host_upstream::use_device(1);
  {
    cupp::cuda::StreamGuard on_a(fake_stream(1));
    pool.free(pool.malloc(8 * MiB));  // device 1 is full of one cached segment on stream 1
  }
  host_upstream::use_device(0);
  up_->close_gate(1);
  void* recovered = nullptr;
  std::thread t([&] {
    host_upstream::use_device(1);
    cupp::cuda::StreamGuard on_b(fake_stream(2));
    recovered = pool.malloc(6 * MiB);  // fails, releases the cached segment: cudaFree waits
  });
  ASSERT_TRUE(up_->wait_for_gate_caller());
  void* meanwhile = pool.malloc(MiB);
  const int still_waiting = up_->at_gate();
  up_->open_gate();
  t.join();
  EXPECT_EQ(still_waiting, 1);
  EXPECT_NE(recovered, nullptr);
  pool.free(meanwhile);
  pool.free(recovered);
  host_upstream::use_device(1);
  EXPECT_EQ(pool.total_bytes(), 6 * MiB);
  host_upstream::use_device(0);
}

TEST_F(MemoryPoolHost, OutOfMemoryReleasesTheSizeClassFirst) {
  cupp::MemoryPool& pool = make_pool(16 * MiB);
  const cudaStream_t a = fake_stream(1), b = fake_stream(2);
  {
    cupp::cuda::StreamGuard on_a(a);
    void* p8 = pool.malloc(8 * MiB);
    void* p4 = pool.malloc(4 * MiB);
    void* s = pool.malloc(4 * KiB);  // a small segment of 2 MiB
    pool.free(p8);
    pool.free(p4);
    pool.free(s);
  }
  EXPECT_EQ(pool.total_bytes(), 14 * MiB);
  cupp::cuda::StreamGuard on_b(b);  // nothing cached on b: every request needs a new segment
  // 4 MiB do not fit in the 2 MiB left: the smallest cached large segment that is big enough,
  // the 4 MiB one, goes; the 8 MiB one and the small one stay.
  void* q4 = pool.malloc(3 * MiB);
  EXPECT_EQ(up_->failures(), 1u);
  EXPECT_EQ(pool.total_bytes(), 14 * MiB);
  // A small request: the cached small segment of stream a goes, the 8 MiB one stays.
  pool.set_limit(14 * MiB);
  void* s2 = pool.malloc(4 * KiB);
  EXPECT_EQ(pool.total_bytes(), 14 * MiB);
  pool.set_limit(0);
  // 12 MiB: no single cached segment is big enough, and the large class together (8 MiB) is not
  // enough either: then everything cached goes.
  pool.free(s2);
  void* q12 = pool.malloc(10 * MiB + 1);
  EXPECT_EQ(pool.total_bytes(), 4 * MiB + 12 * MiB);
  pool.free(q12);
  pool.free(q4);
}

// ---- CUDA graph capture: Note [Graph memory] -----------------------------------------------

TEST_F(MemoryPoolHost, BlocksOfACaptureAreNotReusedOutsideIt) {
  cupp::MemoryPool& pool = make_pool();
  const cudaStream_t s = fake_stream(1);
  cupp::cuda::StreamGuard guard(s);
  void* before = pool.malloc(4 * KiB);
  pool.free(before);  // cached on s, free for eager reuse
  // example-begin graph_pool
  const std::uint64_t graph = pool.begin_capture(s);  // what Stream::begin_capture does
  void* a = pool.malloc(4 * KiB);
  EXPECT_NE(a, before);  // not from the ordinary cache: eager work may still use it
  pool.free(a);
  void* b = pool.malloc(4 * KiB);
  EXPECT_EQ(b, a);  // within the capture, the graph's own order makes reuse safe
  pool.end_capture(graph);
  pool.free(b);  // freed after the capture: still the graph's
  void* eager = pool.malloc(4 * KiB);
  EXPECT_NE(eager, a);  // eager work never gets the graph's memory while the graph lives
  EXPECT_EQ(eager, before);
  EXPECT_EQ(pool.total_bytes(), 4u << 20);  // a segment for the graph, one for eager work
  pool.release_graph(graph, {});  // the Graph is destroyed and was never launched
  pool.free(eager);
  pool.free_all_blocks();  // the graph's segment is ordinary memory again
  EXPECT_EQ(pool.total_bytes(), 0u);
  // example-end
  pool.validate();
  EXPECT_EQ(up_->outstanding(), 0u);
}

TEST_F(MemoryPoolHost, BlockFreedDuringACaptureBelongsToTheGraph) {
  cupp::MemoryPool& pool = make_pool();
  const cudaStream_t s = fake_stream(1), replay = fake_stream(5);
  cupp::cuda::StreamGuard guard(s);
  void* input = pool.malloc(64 * KiB);  // allocated before the capture, used by it
  const std::uint64_t graph = pool.begin_capture(s);
  pool.free(input);  // a temporary dropped during the capture: the graph reads it at every replay
  pool.validate();
  void* inside = pool.malloc(64 * KiB);
  EXPECT_EQ(inside, input);  // the capture itself may reuse it
  pool.free(inside);
  pool.end_capture(graph);
  void* eager = pool.malloc(64 * KiB);
  EXPECT_FALSE(eager == input);
  pool.release_graph(graph, {replay});  // launched on `replay`, maybe still running
  pool.validate();
  EXPECT_EQ(up_->live_events(), 1u);
  void* waiting = pool.malloc(64 * KiB);
  EXPECT_NE(waiting, input);  // not before the replay is done
  up_->complete(replay);
  void* done = pool.malloc(64 * KiB);
  EXPECT_EQ(done, input);
  pool.validate();
  for (void* p : {eager, waiting, done}) pool.free(p);
  EXPECT_EQ(up_->live_events(), 0u);
}

TEST_F(MemoryPoolHost, GraphOutputOutlivesTheGraph) {
  cupp::MemoryPool& pool = make_pool();
  const cudaStream_t s = fake_stream(1);
  cupp::cuda::StreamGuard guard(s);
  const std::uint64_t graph = pool.begin_capture(s);
  void* output = pool.malloc(3 * MiB);  // a large segment of the graph's own
  void* temporary = pool.malloc(3 * MiB);
  pool.free(temporary);
  pool.end_capture(graph);
  pool.free_all_blocks();  // the graph's cached segment is not given back
  EXPECT_EQ(pool.total_bytes(), 8 * MiB);
  pool.release_graph(graph, {});
  pool.free_all_blocks();  // now its free segment is
  EXPECT_EQ(pool.total_bytes(), 4 * MiB);
  EXPECT_EQ(pool.used_bytes(), 4 * MiB);
  pool.free(output);  // the output, kept by its owner, is an ordinary block by now
  void* reused = pool.malloc(3 * MiB);
  EXPECT_EQ(reused, output);
  pool.free(reused);
  pool.free_all_blocks();
  EXPECT_EQ(pool.total_bytes(), 0u);
  EXPECT_EQ(up_->outstanding(), 0u);
}

TEST_F(MemoryPoolHost, NoEventIsRecordedOrQueriedDuringACapture) {
  cupp::MemoryPool& pool = make_pool();
  const cudaStream_t s = fake_stream(1), other = fake_stream(2);
  cupp::cuda::StreamGuard guard(s);
  void* shared = pool.malloc(4 * KiB);
  pool.record_stream(shared, other);
  const std::uint64_t graph = pool.begin_capture(s);
  pool.free(shared);
  EXPECT_EQ(up_->events_recorded(), 0u);  // deferred until no capture is underway
  pool.validate();
  void* inside = pool.malloc(4 * KiB);
  EXPECT_NE(inside, shared);
  pool.free(inside);
  pool.end_capture(graph);
  void* after = pool.malloc(4 * KiB);  // records the deferred events now
  EXPECT_EQ(up_->events_recorded(), 1u);
  EXPECT_NE(after, shared);
  pool.validate();
  up_->complete(other);
  pool.release_graph(graph, {});
  void* last = pool.malloc(4 * KiB);
  EXPECT_TRUE(last == shared || last == inside);
  pool.validate();
  pool.free(after);
  pool.free(last);
  EXPECT_EQ(up_->live_events(), 0u);
}

TEST_F(MemoryPoolHost, NothingIsReleasedDuringACapture) {
  cupp::MemoryPool& pool = make_pool(4 * MiB);
  const cudaStream_t s = fake_stream(1), other = fake_stream(2);
  {
    cupp::cuda::StreamGuard on_other(other);
    pool.free(pool.malloc(3 * MiB));  // a cached 4 MiB segment fills the capacity
  }
  cupp::cuda::StreamGuard guard(s);
  const std::uint64_t graph = pool.begin_capture(s);
  pool.free_all_blocks();
  EXPECT_EQ(pool.total_bytes(), 4 * MiB);  // cudaFree would synchronise the capture
  try {
    pool.malloc(MiB);
    FAIL() << "expected out_of_memory";
  } catch (const cupp::out_of_memory& e) {
    EXPECT_NE(std::string(e.what()).find("while a CUDA graph capture is underway"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(pool.begin_capture(s), cupp::value_error);  // capturing already
  pool.end_capture(graph);
  pool.release_graph(graph, {});
  void* p = pool.malloc(MiB);  // the cached segment is released now
  EXPECT_EQ(pool.total_bytes(), 2 * MiB);
  pool.free(p);
}

// Threads that capture at random on their own streams, with random sizes, frees inside and
// outside the captures, graphs released later after "replays" on a stream of their own. The
// test keeps its own map of the memory: live blocks; memory of a graph (freed during its
// capture, or allocated in it and freed later), which only the same capture may reuse; and
// memory of a released graph still waiting for its replay stream. No allocation may overlap
// what it may not reuse, and the pool's invariants hold after every operation.
TEST_F(MemoryPoolHost, StressCaptures) {
  constexpr int kThreads = 3;
  constexpr int kOpsPerThread = 6000;
  cupp::MemoryPool& pool = make_pool(std::size_t{512} << 20);
  struct region {
    std::size_t size;
    std::uint64_t graph;        // 0: live; else the graph whose memory it is
    cudaStream_t waits_on;      // a released graph's replay stream, nullptr before the release
  };
  std::mutex regions_mutex;
  std::map<char*, region> regions;
  // Claims [p, p + n) for a live block allocated under `graph` (0: eagerly): true when it
  // overlaps nothing but memory of that same graph's capture.
  const auto claim = [&](char* p, std::size_t n, std::uint64_t graph) {
    std::lock_guard<std::mutex> lock(regions_mutex);
    bool ok = true;
    auto it = regions.lower_bound(p);
    if (it != regions.begin()) --it;
    while (it != regions.end() && it->first < p + n) {
      if (it->first + it->second.size <= p) {
        ++it;
        continue;
      }
      const bool reusable = graph != 0 && it->second.graph == graph && it->second.waits_on == nullptr;
      ok = ok && reusable;
      it = reusable ? regions.erase(it) : std::next(it);
    }
    regions[p] = {n, 0, nullptr};
    return ok;
  };
  const auto unclaim = [&](char* p, std::uint64_t graph) {
    std::lock_guard<std::mutex> lock(regions_mutex);
    if (graph == 0)
      regions.erase(p);
    else
      regions[p].graph = graph;
  };
  const auto released = [&](std::uint64_t graph, cudaStream_t replay) {
    std::lock_guard<std::mutex> lock(regions_mutex);
    for (auto& [p, r] : regions)
      if (r.graph == graph && r.waits_on == nullptr) r.waits_on = replay;
  };
  const auto replayed = [&](cudaStream_t replay) {
    std::lock_guard<std::mutex> lock(regions_mutex);
    for (auto it = regions.begin(); it != regions.end();)
      it = it->second.waits_on == replay ? regions.erase(it) : std::next(it);
    up_->complete(replay);
  };

  std::atomic<int> overlaps{0}, invariant_failures{0};
  const auto worker = [&](int t) {
    host_upstream::use_device(t % 2);
    std::mt19937_64 rng(99 + t);
    std::uniform_real_distribution<double> log_size(0.0, 23.0);
    std::uniform_int_distribution<int> percent(0, 99);
    const cudaStream_t own[2] = {fake_stream(100 + 3 * t), fake_stream(101 + 3 * t)};
    const cudaStream_t replay = fake_stream(102 + 3 * t);
    struct live_block {
      char* ptr;
      std::uint64_t graph;  // allocated during this graph's capture, 0 for none
      cudaStream_t stream;
    };
    std::vector<live_block> live;
    std::uint64_t capturing = 0;             // the capture underway on own[0], 0 for none
    std::vector<std::uint64_t> alive;        // ended captures whose graphs still exist
    std::vector<std::uint64_t> unreleased;   // all of this thread's graphs not yet released
    const auto graph_of_free = [&](const live_block& b) -> std::uint64_t {
      if (b.graph != 0 && std::find(unreleased.begin(), unreleased.end(), b.graph) != unreleased.end())
        return b.graph;  // the graph's memory stays the graph's
      return capturing != 0 && b.stream == own[0] ? capturing : 0;
    };
    for (int op = 0; op < kOpsPerThread; ++op) {
      const int roll = percent(rng);
      if (roll < 2 && capturing == 0) {
        capturing = pool.begin_capture(own[0]);
        unreleased.push_back(capturing);
      } else if (roll < 4 && capturing != 0) {
        pool.end_capture(capturing);
        alive.push_back(capturing);
        capturing = 0;
      } else if (roll < 6 && !alive.empty()) {
        const std::uint64_t g = alive.front();
        alive.erase(alive.begin());
        unreleased.erase(std::find(unreleased.begin(), unreleased.end(), g));
        const bool launched = percent(rng) < 50;
        released(g, launched ? replay : fake_stream(1));
        pool.release_graph(g, launched ? std::vector<cudaStream_t>{replay}
                                       : std::vector<cudaStream_t>{});
        if (!launched) replayed(fake_stream(1));  // nothing to wait for
        // Live blocks of a released graph are ordinary from now on.
        for (live_block& b : live)
          if (b.graph == g) b.graph = 0;
      } else if (roll < 8) {
        replayed(replay);
      } else if (live.empty() || (live.size() < 20 && roll < 55)) {
        const auto size =
            std::max<std::size_t>(1, static_cast<std::size_t>(std::exp2(log_size(rng))));
        const cudaStream_t stream = own[percent(rng) % 2];
        const std::uint64_t graph = stream == own[0] ? capturing : 0;
        cupp::cuda::StreamGuard guard(stream);
        try {
          char* p = static_cast<char*>(pool.malloc(size));
          if (!claim(p, size, graph)) ++overlaps;
          live.push_back({p, graph, stream});
        } catch (const cupp::out_of_memory&) {
        }
      } else {
        const std::size_t i = static_cast<std::size_t>(percent(rng)) % live.size();
        const live_block b = live[i];
        live[i] = live.back();
        live.pop_back();
        unclaim(b.ptr, graph_of_free(b));
        pool.free(b.ptr);
      }
      try {
        pool.validate();
      } catch (const cupp::error& e) {
        if (invariant_failures++ == 0) ADD_FAILURE() << e.what();
      }
    }
    for (const live_block& b : live) {
      unclaim(b.ptr, graph_of_free(b));
      pool.free(b.ptr);
    }
    if (capturing != 0) {
      pool.end_capture(capturing);
      alive.push_back(capturing);
    }
    for (const std::uint64_t g : alive) {
      released(g, replay);
      pool.release_graph(g, {replay});
    }
    replayed(replay);
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) threads.emplace_back(worker, t);
  for (auto& th : threads) th.join();
  EXPECT_EQ(overlaps.load(), 0);
  EXPECT_EQ(invariant_failures.load(), 0);
  // Events deferred while another thread captured were recorded after their stream's last
  // completion: the replay streams finish once more, and a malloc on each device processes them.
  for (int device : {0, 1}) {
    host_upstream::use_device(device);
    pool.free(pool.malloc(1));  // records the deferred events
  }
  for (int t = 0; t < kThreads; ++t) up_->complete(fake_stream(102 + 3 * t));
  for (int device : {0, 1}) {
    host_upstream::use_device(device);
    pool.free(pool.malloc(1));  // processes the completed events
    EXPECT_EQ(pool.used_bytes(), 0u);
    pool.free_all_blocks();
    EXPECT_EQ(pool.total_bytes(), 0u) << "device " << device;  // no graph kept anything
  }
  host_upstream::use_device(0);
  EXPECT_EQ(up_->live_events(), 0u);
  EXPECT_EQ(up_->outstanding(), 0u);
}

TEST(MemoryAllocate, ZeroBytesGivesAHandleWithoutTheGpu) {
  const std::shared_ptr<void> h = cupp::cuda::allocate(0);
  EXPECT_EQ(h.get(), nullptr);
  EXPECT_EQ(h.use_count(), 1);
  const std::shared_ptr<void> pinned = cupp::cuda::allocate_pinned(0, nullptr);
  EXPECT_EQ(pinned.get(), nullptr);
  EXPECT_EQ(pinned.use_count(), 1);
}

TEST(MemoryAllocate, NoDeviceGivesOneClearError) {
  cupp::test::run_without_gpu([] {
    const auto expect_no_device = [](auto&& f) {
      try {
        f();
        ADD_FAILURE() << "expected cuda_error";
      } catch (const cupp::cuda_error& e) {
        EXPECT_NE(std::string(e.what()).find("no CUDA-capable device"), std::string::npos)
            << e.what();
      }
    };
    expect_no_device([] { cupp::cuda::allocate(16); });
    expect_no_device([] { cupp::cuda::allocate_pinned(16, nullptr); });
    expect_no_device([] { cupp::get_default_memory_pool().malloc(16); });
    expect_no_device([] { cupp::get_default_memory_pool().used_bytes(); });
    expect_no_device([] { cupp::MemoryAsyncPool().malloc(16); });
  });
}

}  // namespace
