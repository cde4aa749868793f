// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The pools on the GPU: stream ordering with work really in flight, real out-of-memory, the other
// back ends and the pinned pool.
#include <cuda_runtime_api.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/memory.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/detail/pool.hpp"
#include "support/gpu.hpp"

namespace {

constexpr std::size_t MiB = std::size_t{1} << 20;

// Holds a stream: a host function queued on it waits until open() (or 20 s, so that a failing
// test cannot hang), and the work queued behind it stays in flight meanwhile. No kernel needed.
class stream_gate {
 public:
  explicit stream_gate(cudaStream_t stream) : stream_(stream) {
    CUPP_CHECK_CUDA(cudaLaunchHostFunc(stream_, &hold, this));
  }
  ~stream_gate() {
    open();
    (void)cudaStreamSynchronize(stream_);  // the host function reads *this until it returns
  }
  stream_gate(const stream_gate&) = delete;
  stream_gate& operator=(const stream_gate&) = delete;
  void open() { open_.store(true); }

 private:
  static void CUDART_CB hold(void* self) {
    auto* gate = static_cast<stream_gate*>(self);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!gate->open_.load() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
  cudaStream_t stream_;
  std::atomic<bool> open_{false};
};

bool overlaps(void* a, void* b, std::size_t n) {
  const auto x = reinterpret_cast<std::uintptr_t>(a), y = reinterpret_cast<std::uintptr_t>(b);
  return x < y + n && y < x + n;
}

class MemoryPoolGpu : public cupp::test::GpuTest {
 protected:
  void SetUp() override {
    GpuTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    // Blocks cached by earlier tests belong to streams whose handles may come back.
    CUPP_CHECK_CUDA(cudaDeviceSynchronize());
    cupp::get_default_memory_pool().free_all_blocks();
  }
};

TEST_F(MemoryPoolGpu, ReusesABlockOnItsStream) {
  cupp::MemoryPool& pool = cupp::get_default_memory_pool();
  cupp::cuda::Stream stream(true);
  cupp::cuda::StreamGuard guard(stream);
  void* p = pool.malloc(MiB);
  CUPP_CHECK_CUDA(cudaMemsetAsync(p, 0, MiB, stream));
  pool.free(p);  // no wait: the memset runs before anything queued later on this stream
  void* q = pool.malloc(MiB);
  EXPECT_EQ(q, p);
  CUPP_CHECK_CUDA(cudaMemsetAsync(q, 1, MiB, stream));
  pool.free(q);
  stream.synchronize();
  pool.validate();

  if (cupp::cuda::get_allocator().get() != &pool) return;  // CUPP_DISABLE_POOL=1
  void* first = nullptr;
  {
    const std::shared_ptr<void> a = cupp::cuda::allocate(1000);
    first = a.get();
  }
  const std::shared_ptr<void> b = cupp::cuda::allocate(1000);
  EXPECT_EQ(b.get(), first);
}

TEST_F(MemoryPoolGpu, BlockFreedOnAStreamIsNotHandedToAnotherWhileInFlight) {
  cupp::MemoryPool& pool = cupp::get_default_memory_pool();
  cupp::cuda::Stream a(true), b(true);
  {
    cupp::cuda::StreamGuard on_b(b);  // b's segment exists before the gate: no cudaMalloc under it
    pool.free(pool.malloc(MiB));
  }
  cupp::cuda::StreamGuard on_a(a);
  pool.free(pool.malloc(MiB));  // a's segment too
  stream_gate gate(a);
  void* p = pool.malloc(MiB);
  CUPP_CHECK_CUDA(cudaMemsetAsync(p, 1, MiB, a));  // queued behind the gate: in flight
  pool.free(p);
  {
    cupp::cuda::StreamGuard on_b(b);
    void* q = pool.malloc(MiB);
    EXPECT_FALSE(overlaps(q, p, MiB));  // b does not wait for a: it must get other memory
    CUPP_CHECK_CUDA(cudaMemsetAsync(q, 2, MiB, b));
    pool.free(q);
  }
  void* r = pool.malloc(MiB);
  EXPECT_EQ(r, p);  // a itself reuses it at once
  pool.free(r);
  EXPECT_EQ(cudaStreamQuery(a), cudaErrorNotReady);  // the memset really was still queued
  gate.open();
  a.synchronize();
  b.synchronize();
}

TEST_F(MemoryPoolGpu, RecordStreamWaitsForTheOtherStream) {
  cupp::MemoryPool& pool = cupp::get_default_memory_pool();
  cupp::cuda::Stream a(true), b(true);
  cupp::cuda::StreamGuard on_a(a);
  pool.free(pool.malloc(MiB));  // a's segment exists before the gate: no cudaMalloc under it
  void* p = nullptr;
  {
    stream_gate gate(b);  // holds b, so that the work queued on it stays in flight
    // example-begin record_stream
    void* block = pool.malloc(1 << 20);                      // on the current stream, a
    CUPP_CHECK_CUDA(cudaMemsetAsync(block, 0, 1 << 20, b));  // b uses it too
    pool.record_stream(block, b);
    pool.free(block);  // records an event on b
    void* other = pool.malloc(1 << 20);
    EXPECT_NE(other, block);  // not reused, even on a, before b's memset is done
    // example-end
    pool.free(other);
    p = block;
    EXPECT_EQ(cudaStreamQuery(b), cudaErrorNotReady);
  }  // the gate opens and b runs
  void* r = pool.malloc(MiB);
  EXPECT_EQ(r, p);  // b's event has completed
  pool.free(r);
  a.synchronize();
}

TEST_F(MemoryPoolGpu, OutOfMemoryForARequestLargerThanTheDevice) {
  cupp::MemoryPool& pool = cupp::get_default_memory_pool();
  const int device = cupp::cuda::Device().id();
  std::size_t free = 0, total = 0;
  CUPP_CHECK_CUDA(cudaMemGetInfo(&free, &total));
  const std::size_t request = total + (std::size_t{1} << 30);
  try {
    pool.malloc(request);
    FAIL() << "expected out_of_memory";
  } catch (const cupp::out_of_memory& e) {
    const std::string what = e.what();
    EXPECT_EQ(e.requested(), request);
    for (const std::string& part :
         {"out of memory allocating " + std::to_string(request) + " bytes",
          "device " + std::to_string(device) + " total " + cupp::detail::format_bytes(total),
          std::string(", free "), std::string("; pool used "), std::string(", held "),
          std::string(", limit ")})
      EXPECT_NE(what.find(part), std::string::npos) << what << "\n  lacks: " << part;
  }
  EXPECT_EQ(cudaGetLastError(), cudaSuccess);
  void* p = pool.malloc(MiB);  // the device is fine
  CUPP_CHECK_CUDA(cudaMemset(p, 0, MiB));
  CUPP_CHECK_CUDA(cudaDeviceSynchronize());
  pool.free(p);
}

TEST_F(MemoryPoolGpu, TwoHalvesThatCannotBothFit) {
  cupp::MemoryPool& pool = cupp::get_default_memory_pool();
  std::size_t free = 0, total = 0;
  CUPP_CHECK_CUDA(cudaMemGetInfo(&free, &total));
  const std::size_t half = free / 10 * 6;
  void* a = pool.malloc(half);
  EXPECT_THROW(pool.malloc(half), cupp::out_of_memory);
  EXPECT_EQ(cudaGetLastError(), cudaSuccess);
  pool.free(a);  // cached: the device still lacks room for anything larger
  void* b = pool.malloc(half + 64 * MiB);  // succeeds once the pool has released the cached block
  EXPECT_LT(pool.total_bytes(), half + 66 * MiB);  // only b's segment: the cached one is gone
  CUPP_CHECK_CUDA(cudaMemset(b, 0, 4 * MiB));
  CUPP_CHECK_CUDA(cudaDeviceSynchronize());
  pool.free(b);
  pool.free_all_blocks();
  EXPECT_EQ(pool.total_bytes(), 0u);
}

TEST_F(MemoryPoolGpu, DisablePoolSelectsThePassThroughAllocator) {
  const char* disabled = std::getenv("CUPP_DISABLE_POOL");
  const bool pass_through =
      disabled != nullptr && *disabled != '\0' && std::strcmp(disabled, "0") != 0;
  if (pass_through)
    EXPECT_NE(dynamic_cast<cupp::cuda::PassThroughAllocator*>(cupp::cuda::get_allocator().get()),
              nullptr);
  else
    EXPECT_EQ(cupp::cuda::get_allocator().get(), &cupp::get_default_memory_pool());
}

TEST_F(MemoryPoolGpu, PassThroughAllocator) {
  cupp::MemoryPool& pool = cupp::get_default_memory_pool();
  // example-begin set_allocator
  const std::shared_ptr<cupp::cuda::Allocator> saved = cupp::cuda::get_allocator();
  cupp::cuda::set_allocator(nullptr);  // plain cudaMalloc/cudaFree (cupy: set_allocator(None))
  {
    const std::shared_ptr<void> buffer = cupp::cuda::allocate(1 << 20);
    CUPP_CHECK_CUDA(cudaMemset(buffer.get(), 0, 1 << 20));
    EXPECT_EQ(pool.used_bytes(), 0u);  // the pool was not asked
  }                                    // cudaFree
  cupp::cuda::set_allocator(saved);
  // example-end
  cupp::cuda::set_allocator(nullptr);
  std::size_t free = 0, total = 0;
  CUPP_CHECK_CUDA(cudaMemGetInfo(&free, &total));
  EXPECT_THROW(cupp::cuda::allocate(2 * total), cupp::out_of_memory);
  EXPECT_EQ(cudaGetLastError(), cudaSuccess);
  cupp::cuda::set_allocator(saved);
}

TEST_F(MemoryPoolGpu, MemoryAsyncPoolRoundTrip) {
  auto async = std::make_shared<cupp::MemoryAsyncPool>();
  cupp::cuda::Stream stream(true);
  cupp::cuda::StreamGuard guard(stream);
  const std::size_t n = MiB;
  void* p = async->malloc(n);
  EXPECT_GE(async->used_bytes(), n);
  std::vector<unsigned char> host(n);
  CUPP_CHECK_CUDA(cudaMemsetAsync(p, 7, n, stream));
  CUPP_CHECK_CUDA(cudaMemcpyAsync(host.data(), p, n, cudaMemcpyDeviceToHost, stream));
  stream.synchronize();
  EXPECT_EQ(host.front(), 7);
  EXPECT_EQ(host.back(), 7);
  async->free(p);

  const std::shared_ptr<cupp::cuda::Allocator> saved = cupp::cuda::get_allocator();
  cupp::cuda::set_allocator(async);
  {
    const std::shared_ptr<void> buffer = cupp::cuda::allocate(1000);
    CUPP_CHECK_CUDA(cudaMemsetAsync(buffer.get(), 0, 1000, stream));
  }  // cudaFreeAsync on `stream`
  cupp::cuda::set_allocator(saved);

  std::size_t free = 0, total = 0;
  CUPP_CHECK_CUDA(cudaMemGetInfo(&free, &total));
  EXPECT_THROW(async->malloc(2 * total), cupp::out_of_memory);
  EXPECT_EQ(cudaGetLastError(), cudaSuccess);
  async->free_all_blocks();
  EXPECT_EQ(async->used_bytes(), 0u);
}

TEST_F(MemoryPoolGpu, PinnedRoundTrip) {
  const std::size_t n = 3 * MiB + 17;
  cupp::cuda::Stream stream(true);
  cupp::cuda::StreamGuard guard(stream);
  // example-begin allocate_pinned
  const std::shared_ptr<void> staging = cupp::cuda::allocate_pinned(n, stream);
  const std::shared_ptr<void> device = cupp::cuda::allocate(n);  // on the current stream
  std::memset(staging.get(), 42, n);
  CUPP_CHECK_CUDA(cudaMemcpyAsync(device.get(), staging.get(), n, cudaMemcpyHostToDevice, stream));
  // `staging` may be dropped now: its block is reused only once the copy is done.
  // example-end
  const std::shared_ptr<void> back = cupp::cuda::allocate_pinned(n, stream);
  CUPP_CHECK_CUDA(cudaMemcpyAsync(back.get(), device.get(), n, cudaMemcpyDeviceToHost, stream));
  stream.synchronize();
  EXPECT_EQ(std::memcmp(back.get(), staging.get(), n), 0);
}

TEST_F(MemoryPoolGpu, PinnedBlockIsNotReusedWhileACopyIsInFlight) {
  cupp::PinnedMemoryPool pinned;
  cupp::cuda::Stream stream(true);
  cupp::cuda::StreamGuard guard(stream);
  const std::shared_ptr<void> device = cupp::cuda::allocate(MiB);
  void* p = pinned.malloc(MiB);
  {
    stream_gate gate(stream);
    CUPP_CHECK_CUDA(cudaMemcpyAsync(device.get(), p, MiB, cudaMemcpyHostToDevice, stream));
    pinned.free(p, stream);
    void* q = pinned.malloc(MiB);
    EXPECT_FALSE(overlaps(q, p, MiB));  // the copy still reads p
    pinned.free(q, stream);
    EXPECT_EQ(cudaStreamQuery(stream), cudaErrorNotReady);
  }
  void* r = pinned.malloc(MiB);
  EXPECT_EQ(r, p);
  pinned.free(r, stream);
  stream.synchronize();
  pinned.validate();
}

}  // namespace
