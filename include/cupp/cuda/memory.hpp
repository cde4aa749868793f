// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#pragma once

#include <cuda_runtime_api.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "cupp/cuda/stream.hpp"

namespace cupp {

namespace detail {
class upstream;
class caching_pool;
}  // namespace detail

namespace cuda {

/// Where cupp::cuda::allocate, and so every array, takes device memory from: the part played by
/// the allocator that cupy.cuda.set_allocator takes. MemoryPool (the default), MemoryAsyncPool and
/// PassThroughAllocator implement it; a user type may too.
class Allocator {
 public:
  virtual ~Allocator() = default;
  /// `bytes` (> 0) of memory on the current device, for work on `stream`. Throws out_of_memory.
  virtual void* allocate(std::size_t bytes, cudaStream_t stream) = 0;
  /// Takes back memory from allocate, with the size and stream it was asked for.
  virtual void deallocate(void* ptr, std::size_t bytes, cudaStream_t stream) = 0;

  /// cupp::cuda::Stream::begin_capture calls this on the current allocator before `stream` (of
  /// the current device) starts capturing a CUDA graph: memory allocated on `stream` until
  /// end_capture, and memory freed there meanwhile, must not be handed to other work while the
  /// graph can be replayed (see Note [Graph memory] in MemoryPool). Returns an id for the graph's
  /// memory, 0 when the allocator keeps none apart (the default, right for allocators that
  /// cache nothing).
  virtual std::uint64_t begin_capture(cudaStream_t stream) {
    (void)stream;
    return 0;
  }
  /// The capture of `graph` (an id from begin_capture, never 0) has ended, or failed.
  virtual void end_capture(std::uint64_t graph) { (void)graph; }
  /// The cuda::Graph of `graph` is destroyed: its memory may be reused once the work queued so
  /// far on each of `replayed_on` (the streams it was launched on) is done.
  virtual void release_graph(std::uint64_t graph, const std::vector<cudaStream_t>& replayed_on) {
    (void)graph;
    (void)replayed_on;
  }
};

/// Plain cudaMalloc and cudaFree, no caching: what cupy.cuda.set_allocator(None) selects, and
/// the allocator from the start under CUPP_DISABLE_POOL=1 (so that compute-sanitizer sees each
/// allocation). Throws out_of_memory with the device's figures when cudaMalloc has no memory.
class PassThroughAllocator final : public Allocator {
 public:
  PassThroughAllocator();
  ~PassThroughAllocator() override;
  void* allocate(std::size_t bytes, cudaStream_t stream) override;
  void deallocate(void* ptr, std::size_t bytes, cudaStream_t stream) override;
  /// Memory allocated on `stream` during the capture, or freed there meanwhile, is given back to
  /// CUDA only when the graph is released (cudaFree waits for its launches).
  std::uint64_t begin_capture(cudaStream_t stream) override;
  void end_capture(std::uint64_t graph) override;
  void release_graph(std::uint64_t graph, const std::vector<cudaStream_t>& replayed_on) override;

 private:
  struct graphs;
  std::unique_ptr<graphs> graphs_;
};

/// Makes `allocator` the source of cupp::cuda::allocate for the whole process, as
/// cupy.cuda.set_allocator; nullptr selects a PassThroughAllocator (no pool). Memory already
/// handed out goes back to the allocator it came from, which it keeps alive.
void set_allocator(std::shared_ptr<Allocator> allocator);
/// The allocator cupp::cuda::allocate uses now, as cupy.cuda.get_allocator: the default
/// MemoryPool unless CUPP_DISABLE_POOL=1 or set_allocator said otherwise.
std::shared_ptr<Allocator> get_allocator();

/// Device memory from the current allocator on the current device, for work on the current
/// stream; the deleter gives it back on that stream. 0 bytes gives a handle holding nullptr,
/// without touching the GPU. Throws out_of_memory.
std::shared_ptr<void> allocate(std::size_t bytes);

/// Pinned host memory from the default pinned pool. When the last owner drops it, an event is
/// recorded on `last_use` and the block is reused only after that event has completed, so a
/// copy still in flight on `last_use` is never overwritten. 0 bytes gives a handle holding nullptr.
/// Under CUPP_DISABLE_POOL=1 it is plain cudaHostAlloc, freed once `last_use` is done.
std::shared_ptr<void> allocate_pinned(std::size_t bytes, cudaStream_t last_use);

}  // namespace cuda

/// The caching device memory pool, as cupy.cuda.MemoryPool (see docs/memory.md and
/// Note [Caching pool]). One pool serves every device, with an arena per device and a lock per
/// arena; the statistics and the limit are those of the current device, as in CuPy.
/// Thread-safe. Safe under CUDA graph capture: memory a captured graph uses is kept for it until
/// the cuda::Graph is destroyed (Note [Graph memory]), which CuPy's pool does not do.
class MemoryPool final : public cuda::Allocator {
 public:
  /// A pool over cudaMalloc/cudaFree. Each device's limit starts at CUPP_GPU_MEMORY_LIMIT.
  MemoryPool();
  /// The same pool over another source of raw memory (the tests use one on host memory).
  explicit MemoryPool(std::unique_ptr<detail::upstream> upstream);
  ~MemoryPool() override;
  MemoryPool(const MemoryPool&) = delete;
  MemoryPool& operator=(const MemoryPool&) = delete;

  /// At least `bytes` (rounded up to 512) on the current device, tied to the current stream: it
  /// is reused on that stream without waiting, and on no other. nullptr for 0 bytes. After a
  /// failure the pool frees every cached segment of the device and tries again; then it throws
  /// out_of_memory, whose message gives the request, the device's total and free memory, and the
  /// pool's used and held bytes and limit. As cupy.cuda.MemoryPool.malloc.
  void* malloc(std::size_t bytes);
  /// Returns a block from malloc (nullptr is ignored). Throws value_error for any other pointer.
  void free(void* ptr);
  /// The block at `ptr` is also used by work on `stream` (as torch.Tensor.record_stream): when it
  /// is freed, an event is recorded on `stream`, and the block is reused only once it completes.
  void record_stream(void* ptr, cudaStream_t stream);
  /// Returns every fully free segment of every device to CUDA. As
  /// cupy.cuda.MemoryPool.free_all_blocks, which does it for the current device only.
  void free_all_blocks();

  /// Bytes in blocks handed out and not yet freed. As cupy.cuda.MemoryPool.used_bytes.
  std::size_t used_bytes() const;
  /// Bytes the pool holds from CUDA, used or cached. As cupy.cuda.MemoryPool.total_bytes.
  std::size_t total_bytes() const;
  /// total_bytes() - used_bytes(): cached bytes. As cupy.cuda.MemoryPool.free_bytes.
  std::size_t free_bytes() const;
  /// Cached blocks (free, or freed and waiting for another stream). As
  /// cupy.cuda.MemoryPool.n_free_blocks.
  std::size_t n_free_blocks() const;
  /// The highest used_bytes() so far (torch.cuda.max_memory_allocated).
  std::size_t peak_bytes() const;
  /// Limits total_bytes() on the current device; 0 removes the limit. As
  /// cupy.cuda.MemoryPool.set_limit(size=bytes).
  void set_limit(std::size_t bytes);
  /// The current device's limit, 0 for none. As cupy.cuda.MemoryPool.get_limit.
  std::size_t get_limit() const;
  /// Checks every invariant of the pool (throws cupp::error naming a broken one): for tests.
  void validate() const;

  void* allocate(std::size_t bytes, cudaStream_t stream) override;
  void deallocate(void* ptr, std::size_t bytes, cudaStream_t stream) override;
  /// A private pool for the graph captured on `stream` (Note [Graph memory]).
  std::uint64_t begin_capture(cudaStream_t stream) override;
  void end_capture(std::uint64_t graph) override;
  void release_graph(std::uint64_t graph, const std::vector<cudaStream_t>& replayed_on) override;

 private:
  std::unique_ptr<detail::caching_pool> pool_;
};

/// A device allocator on cudaMallocAsync/cudaFreeAsync and the device's current CUDA memory pool,
/// as cupy.cuda.MemoryAsyncPool: select it with cupp::cuda::set_allocator. The statistics are
/// those of that CUDA pool, which other code using cudaMallocAsync shares.
class MemoryAsyncPool final : public cuda::Allocator {
 public:
  /// `bytes` on the current device, ordered on the current stream; nullptr for 0 bytes. On
  /// failure it waits for the device and tries again, then throws out_of_memory.
  void* malloc(std::size_t bytes);
  /// Frees `ptr`, ordered on `stream`: pass the stream it was allocated on, or one that has
  /// waited for that stream's work on it.
  void free(void* ptr, cudaStream_t stream = cuda::get_current_stream());
  /// Waits for the device, then returns the cached memory of the current device's CUDA pool.
  void free_all_blocks();
  /// Bytes allocated from the CUDA pool and not yet freed (cudaMemPoolAttrUsedMemCurrent).
  std::size_t used_bytes() const;
  /// Bytes the CUDA pool holds, used or not (cudaMemPoolAttrReservedMemCurrent).
  std::size_t total_bytes() const;
  /// total_bytes() - used_bytes(): the bytes the CUDA pool holds for reuse.
  std::size_t free_bytes() const;

  void* allocate(std::size_t bytes, cudaStream_t stream) override;
  void deallocate(void* ptr, std::size_t bytes, cudaStream_t stream) override;
};

/// The caching pool of pinned (page-locked) host memory, as cupy.cuda.PinnedMemoryPool: sizes
/// and splitting as MemoryPool, memory from cudaHostAlloc. A freed block is reused only after an
/// event recorded on the stream of its last use has completed. Thread-safe.
class PinnedMemoryPool {
 public:
  /// A pool over cudaHostAlloc.
  PinnedMemoryPool();
  /// The same pool over another source of raw memory (as MemoryPool's, for tests).
  explicit PinnedMemoryPool(std::unique_ptr<detail::upstream> upstream);
  ~PinnedMemoryPool();
  PinnedMemoryPool(const PinnedMemoryPool&) = delete;
  PinnedMemoryPool& operator=(const PinnedMemoryPool&) = delete;

  /// At least `bytes` of pinned host memory; nullptr for 0 bytes. Throws out_of_memory.
  void* malloc(std::size_t bytes);
  /// Returns a block from malloc; it is reused once the work queued on `last_use` so far is done.
  void free(void* ptr, cudaStream_t last_use);
  /// Returns the cached memory to CUDA. As cupy.cuda.PinnedMemoryPool.free_all_blocks.
  void free_all_blocks();
  /// Bytes in blocks handed out and not yet freed.
  std::size_t used_bytes() const;
  /// Bytes the pool holds from CUDA, used or cached.
  std::size_t total_bytes() const;
  /// total_bytes() - used_bytes(): cached bytes.
  std::size_t free_bytes() const;
  /// Cached blocks (free, or freed and waiting for their event). As
  /// cupy.cuda.PinnedMemoryPool.n_free_blocks.
  std::size_t n_free_blocks() const;
  /// The highest used_bytes() so far.
  std::size_t peak_bytes() const;
  /// Checks every invariant of the pool (throws cupp::error naming a broken one): for tests.
  void validate() const;

 private:
  std::unique_ptr<detail::caching_pool> pool_;
};

/// The pool every array takes its memory from (unless cupp::cuda::set_allocator chose another),
/// as cupy.get_default_memory_pool.
MemoryPool& get_default_memory_pool();
/// The pool of host staging buffers, as cupy.get_default_pinned_memory_pool.
PinnedMemoryPool& get_default_pinned_memory_pool();

}  // namespace cupp
