// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The caching pool behind cupp::MemoryPool and cupp::PinnedMemoryPool, written against an
// upstream-allocator interface so that it runs (and is tested) without a GPU.
#pragma once

#include <cuda_runtime_api.h>

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cupp::detail {

/// Free and total bytes of the memory an upstream draws from, as cudaMemGetInfo reports them.
struct memory_info {
  std::size_t free = 0;
  std::size_t total = 0;
};

/// Where a caching pool gets raw memory and stream-ordering events from: cudaMalloc and CUDA
/// events for the device pool, cudaHostAlloc for the pinned pool, plain host memory with events
/// completed by hand in the tests. The pool calls them from any thread, with its arena's lock held
/// except for current_device, allocate and deallocate (Note [Caching pool]).
class upstream {
 public:
  virtual ~upstream() = default;
  /// The device a request made now is for (the calling thread's current device).
  virtual int current_device() = 0;
  /// `bytes` of raw memory on `device`, or nullptr when there is not enough; leaves no error
  /// state behind. Other failures throw.
  virtual void* allocate(int device, std::size_t bytes) = 0;
  virtual void deallocate(int device, void* ptr, std::size_t bytes) = 0;
  /// An event recorded now on `stream`: it completes when the work queued there so far has.
  virtual cudaEvent_t record_event(cudaStream_t stream) = 0;
  /// True once `event` has completed.
  virtual bool query_event(cudaEvent_t event) = 0;
  virtual void release_event(cudaEvent_t event) noexcept = 0;
  /// Free and total memory of `device`; only read for error messages and percentage limits.
  virtual memory_info mem_info(int device) = 0;
  /// What the memory is called in an out_of_memory message: "device 0", "host".
  virtual std::string describe(int device) const = 0;
};

/// cudaMalloc/cudaFree on the given device, with CUDA events.
std::unique_ptr<upstream> make_device_upstream();
/// cudaHostAlloc(portable)/cudaFreeHost, with CUDA events; one arena (device 0) for the host.
std::unique_ptr<upstream> make_pinned_upstream();

/// The value of CUPP_GPU_MEMORY_LIMIT: a byte count ("1073741824") or a percentage of
/// `device_total` ("50%", "12.5%"), as CuPy reads CUPY_GPU_MEMORY_LIMIT; 0 means no limit.
/// Throws value_error for anything else (negative, above 100%, not a number, overflow).
std::size_t parse_memory_limit(std::string_view text, std::size_t device_total);

/// "1.5 GiB": a byte count for messages.
std::string format_bytes(std::size_t bytes);

/// The message of out_of_memory: "out of memory allocating 1099511627776 bytes (1.0 TiB): device 0
/// total 79.1 GiB, free 78.5 GiB; pool used 1.0 MiB, held 2.0 MiB, limit none". `where` names the
/// memory ("device 0", "host"), `pool` is pool_figures(...) or what stands in for them.
std::string out_of_memory_message(std::size_t requested, const std::string& where, memory_info info,
                                  const std::string& pool);
/// "pool used 1.0 MiB, held 2.0 MiB, limit none" (a limit of 0 is none).
std::string pool_figures(std::size_t used, std::size_t held, std::size_t limit);

/// Byte counts of one device's arena.
struct pool_stats {
  std::size_t used = 0;           // in blocks handed out and not yet freed
  std::size_t held = 0;           // in segments taken from the upstream
  std::size_t peak = 0;           // highest `used` so far
  std::size_t cached_blocks = 0;  // blocks not in use: free, or waiting on events
};

// Note [Caching pool]: the design is PyTorch's CUDA caching allocator, with CuPy's names.
//  - Sizes are rounded up to 512 bytes. Requests up to 1 MiB ("small") are carved out of 2 MiB
//    segments; larger ones get a segment of their own, rounded up to 2 MiB. The two kinds never
//    share a segment, so small blocks do not pin large segments in place.
//  - A segment belongs to the stream of the request that created it, and so does every block cut
//    from it. Free blocks are kept in sets ordered by (graph, stream, size, address): the best fit
//    on the requesting stream is one lower_bound away. A block freed on its stream is handed out
//    again on that stream at once: the stream runs the old work before the new.
//  - A block used on other streams (record_stream) is not reusable when freed: an event is
//    recorded on each of those streams, and the block waits in the arena's `pending` list until
//    all of them have completed (checked at the next malloc). The pinned pool frees every block
//    this way, with the one stream of its last use, because the host may touch pinned memory at
//    any time.
//  - A block taken from a larger free block is split when the rest is worth keeping (512 B in
//    the small pool, more than 1 MiB in the large one, as PyTorch); a freed block absorbs its free
//    neighbours of the same graph tag. The earlier block always absorbs the later one, so the
//    first block of a segment stays the segment's handle for as long as the segment lives.
//  - When the upstream has no memory (or the limit would be passed), the arena gives memory back
//    in two stages, as PyTorch does: first cached segments of the request's size class (for a
//    large request the smallest fully free large segment that is big enough, else the largest
//    ones until enough is freed; for a small one a single free small segment), and the request
//    is tried again; then every fully free segment of the device, and one more try before
//    out_of_memory is thrown.
//  - Each device has an arena with its own mutex, and the upstream's allocate and deallocate
//    (cudaMalloc and cudaFree, which can take milliseconds and synchronise the device) run with
//    that mutex released: one thread recovering from out-of-memory on one GPU stalls no
//    allocation on another, and not even the other threads of its own GPU that find a cached
//    block. Bytes being allocated with the mutex released are counted in `reserving`, so that
//    the limit holds across threads. Each arena maps its own live blocks by address: a free
//    locks the arena where the calling thread last found a block (one lock, as with a single
//    mutex, when it frees on the device it allocates on) and tries the others after it.
//  - The hot path allocates nothing once warm: block structs and the nodes of the sets and of the
//    pointer map are recycled.
//
// Note [Graph memory]: memory used by a captured CUDA graph must stay as it was at capture time
// for as long as the graph can be replayed, so the pool gives each capture a private pool, as
// PyTorch does (CuPy's pool does not: cupy#8068). A block carries a graph tag, 0 for none.
//  - While a capture (begin_capture(device, stream)) is underway, every block allocated on its
//    stream is tagged with the capture's graph: it comes from the graph's own free blocks or
//    from a new segment (cudaMalloc works during a relaxed capture, and its memory is the
//    graph's), never from ordinary cached blocks, which eager work may still be using.
//  - A block freed during the capture whose stream (or a record_stream stream) is the capture's
//    becomes the graph's, whatever its tag was: kernels captured before the free may touch it at
//    every replay. The graph's free blocks are handed out again only to the same capture (where
//    the graph's own order makes reuse safe), never to eager work.
//  - A graph's blocks stay its own after end_capture, whether live (the graph's outputs, which
//    every replay rewrites) or freed later. release_graph, when the cuda::Graph is destroyed,
//    gives them back: each freed block waits for an event on every stream the graph was
//    launched on, then returns untagged to the ordinary sets; live ones become ordinary blocks.
//  - While any capture is underway on a device, its arena queries no event (cudaEventQuery is
//    not allowed in a global-mode capture) and records none on a freed block's streams (a
//    capturing stream would capture the record): such frees wait in `deferred` until no capture
//    is underway. Nor does it return cached segments to CUDA (cudaFree synchronises the device,
//    which a capture forbids): a request that does not fit then throws out_of_memory.
//  - Memory of blocks allocated before the capture and still live stays the owner's: arrays that
//    a graph reads or writes must be kept alive, unchanged in place, for as long as it replays.
class caching_pool {
 public:
  /// `limit_from_env`: each device's limit starts at CUPP_GPU_MEMORY_LIMIT.
  caching_pool(std::unique_ptr<upstream> source, bool limit_from_env);
  ~caching_pool();
  caching_pool(const caching_pool&) = delete;
  caching_pool& operator=(const caching_pool&) = delete;

  upstream& source() noexcept { return *source_; }

  /// A block of at least `bytes` on `device` for use on `stream`; nullptr for 0 bytes.
  /// Throws out_of_memory.
  void* malloc(int device, std::size_t bytes, cudaStream_t stream);
  /// Returns a block from malloc. Throws value_error for a pointer the pool did not hand out.
  void free(void* ptr);
  /// As free, and the block is reused only after the work queued on `last_use` so far is done.
  void free_after(void* ptr, cudaStream_t last_use);
  /// The block at `ptr` is also used on `stream`: freeing it waits for that stream's work.
  void record_stream(void* ptr, cudaStream_t stream);
  /// Returns every fully free segment of every device to the upstream (but those of a graph, and
  /// none of a device where a capture is underway: Note [Graph memory]).
  void free_all_blocks();

  /// A capture starts on `stream` of `device`: the id of its graph, whose blocks are kept apart
  /// (Note [Graph memory]). Throws value_error when the stream is capturing already.
  std::uint64_t begin_capture(int device, cudaStream_t stream);
  /// The capture of `graph` has ended (or failed): its stream allocates ordinary blocks again.
  void end_capture(std::uint64_t graph);
  /// The graph is gone: its blocks become ordinary, each freed one once the work queued so far
  /// on every stream of `replayed_on` (where the graph was launched) is done.
  void release_graph(std::uint64_t graph, const std::vector<cudaStream_t>& replayed_on);

  pool_stats stats(int device);
  void set_limit(int device, std::size_t bytes);
  std::size_t limit(int device);

  /// Walks every segment and checks the pool's invariants (blocks tile their segment, free
  /// neighbours are merged, the sets and maps agree with the blocks, used + cached = held).
  /// Throws cupp::error naming the first one broken. For tests and debugging.
  void validate();

 private:
  static constexpr int kMaxDevices = 64;
  enum class block_state : unsigned char { live, free, pending };
  struct arena;
  struct block {
    char* ptr = nullptr;
    std::size_t size = 0;
    cudaStream_t stream = nullptr;
    arena* owner = nullptr;  // set once, when the struct is first made: never changes
    block* prev = nullptr;   // neighbours in the segment, by address
    block* next = nullptr;
    std::uint64_t graph = 0;  // Note [Graph memory]: the graph it belongs to, 0 for none
    block_state state = block_state::free;
    bool small = false;
    int pending_events = 0;          // 0 for a pending block waiting in `deferred`
    std::vector<cudaStream_t> uses;  // other streams, from record_stream
  };
  struct block_order {
    bool operator()(const block* a, const block* b) const noexcept;
  };
  using free_set = std::set<block*, block_order>;
  using live_map = std::unordered_map<void*, block*>;
  struct pending_event {
    cudaEvent_t event;
    block* owner;
  };
  struct capture {
    cudaStream_t stream;
    std::uint64_t graph;
  };
  struct arena {
    std::mutex mutex;  // guards everything below (Note [Caching pool])
    int device = 0;
    std::size_t limit = 0;
    pool_stats stats;
    std::size_t reserving = 0;  // bytes being allocated from the upstream with the mutex released
    std::size_t pending_blocks = 0;
    free_set small_blocks;
    free_set large_blocks;
    std::vector<block*> segments;  // first block of each segment
    std::vector<pending_event> pending;
    std::vector<block*> deferred;   // freed during a capture; events not recorded yet
    std::vector<capture> captures;  // underway on this device
    live_map live;                  // blocks handed out, by address
    std::vector<live_map::node_type> spare_map_nodes;
    std::deque<block> block_storage;
    std::vector<block*> spare_blocks;
    std::vector<free_set::node_type> spare_set_nodes;
  };
  using arena_lock = std::unique_lock<std::mutex>;

  arena& arena_for(int device);
  arena* arena_of_graph(std::uint64_t graph);
  arena_lock lock_owner(void* ptr, arena*& owner, live_map::iterator& it, const char* operation);
  static std::uint64_t graph_of(const arena& a, cudaStream_t stream) noexcept;
  block* take_free_block(arena& a, std::size_t size, cudaStream_t stream, std::uint64_t graph);
  block* new_segment(arena& a, arena_lock& lock, std::size_t size, std::size_t requested,
                     cudaStream_t stream, std::uint64_t graph);
  void* allocate_unlocked(arena& a, arena_lock& lock, std::size_t bytes);
  void split(arena& a, block* b, std::size_t size);
  void release(arena& a, live_map::iterator it, const cudaStream_t* last_use);
  void retire(arena& a, block* b);
  void record_events(arena& a, block* b);
  void make_free(arena& a, block* b);
  void process_events(arena& a);
  void process_deferred(arena& a);
  bool release_size_class(arena& a, arena_lock& lock, std::size_t segment, bool small);
  bool release_cached(arena& a, arena_lock& lock);
  void release_segments(arena& a, arena_lock& lock, const std::vector<block*>& segments);
  [[noreturn]] void throw_out_of_memory(arena& a, std::size_t requested);

  block* new_block(arena& a);
  void recycle(arena& a, block* b);
  void insert_free(arena& a, block* b);
  void erase_free(arena& a, block* b);
  static free_set& set_of(block* b) noexcept;

  std::unique_ptr<upstream> source_;
  bool limit_from_env_;
  std::mutex arenas_mutex_;  // guards the creation of arenas and `graphs_`
  std::array<std::atomic<arena*>, kMaxDevices> arenas_{};
  std::atomic<int> arena_slots_{0};  // highest device with an arena, plus one
  std::vector<std::unique_ptr<arena>> owned_arenas_;
  std::unordered_map<std::uint64_t, int> graphs_;  // graph id -> device, until release_graph
  std::uint64_t next_graph_ = 1;
};

}  // namespace cupp::detail
