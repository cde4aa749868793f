// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/detail/pool.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "cupp/core/error.hpp"

namespace cupp::detail {

namespace {
constexpr std::size_t kRound = 512;                          // every block is a multiple of this
constexpr std::size_t kSmallSize = std::size_t{1} << 20;     // largest request of the small pool
constexpr std::size_t kSmallSegment = std::size_t{2} << 20;  // segment size of the small pool
constexpr std::size_t kLargeRound = std::size_t{2} << 20;    // large segments are multiples of this
// Larger requests would overflow the rounding; no device has that much memory anyway.
constexpr std::size_t kMaxRequest = std::numeric_limits<std::size_t>::max() / 2;

std::size_t round_up(std::size_t n, std::size_t to) noexcept { return (n + to - 1) / to * to; }

std::uintptr_t stream_key(cudaStream_t s) noexcept { return reinterpret_cast<std::uintptr_t>(s); }

[[noreturn]] void bad_limit(std::string_view text, const char* why) {
  throw value_error("invalid CUPP_GPU_MEMORY_LIMIT '" + std::string(text) + "': " + why +
                    " (expected a byte count such as 1073741824, or a percentage of the "
                    "device's memory such as 50%)");
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

std::size_t limit_from_env(upstream& source, int device) {
  const char* text = std::getenv("CUPP_GPU_MEMORY_LIMIT");
  if (text == nullptr || *text == '\0') return 0;
  const std::string_view t(text);
  return parse_memory_limit(t, t.back() == '%' ? source.mem_info(device).total : 0);
}

}  // namespace

std::size_t parse_memory_limit(std::string_view text, std::size_t device_total) {
  if (text.empty()) bad_limit(text, "empty");
  if (text.back() != '%') {
    std::size_t bytes = 0;
    for (char c : text) {
      if (!is_digit(c)) bad_limit(text, "not a whole number of bytes");
      const auto digit = static_cast<std::size_t>(c - '0');
      if (bytes > (std::numeric_limits<std::size_t>::max() - digit) / 10)
        bad_limit(text, "too large");
      bytes = bytes * 10 + digit;
    }
    return bytes;
  }
  // A decimal percentage, read by hand: strtod would follow the C locale's decimal point.
  const std::string_view number = text.substr(0, text.size() - 1);
  long double percent = 0;
  long double scale = 1;
  bool seen_point = false;
  bool seen_digit = false;
  for (char c : number) {
    if (c == '.' && !seen_point) {
      seen_point = true;
    } else if (is_digit(c)) {
      seen_digit = true;
      if (seen_point) {
        scale /= 10;
        percent += (c - '0') * scale;
      } else {
        percent = percent * 10 + (c - '0');
      }
    } else {
      bad_limit(text, "not a percentage");
    }
  }
  if (!seen_digit) bad_limit(text, "not a percentage");
  if (percent > 100) bad_limit(text, "more than 100%");
  return static_cast<std::size_t>(static_cast<long double>(device_total) * percent / 100);
}

std::string out_of_memory_message(std::size_t requested, const std::string& where, memory_info info,
                                  const std::string& pool) {
  return "out of memory allocating " + std::to_string(requested) + " bytes (" +
         format_bytes(requested) + "): " + where + " total " + format_bytes(info.total) +
         ", free " + format_bytes(info.free) + "; " + pool;
}

std::string pool_figures(std::size_t used, std::size_t held, std::size_t limit) {
  return "pool used " + format_bytes(used) + ", held " + format_bytes(held) + ", limit " +
         (limit == 0 ? std::string("none") : format_bytes(limit));
}

std::string format_bytes(std::size_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  static const char* const units[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  double value = static_cast<double>(bytes) / 1024;
  int unit = 0;
  while (value >= 1024 && unit < 5) {
    value /= 1024;
    ++unit;
  }
  char out[32];
  std::snprintf(out, sizeof out, "%.1f %s", value, units[unit]);
  return out;
}

bool caching_pool::block_order::operator()(const block* a, const block* b) const noexcept {
  if (a->graph != b->graph) return a->graph < b->graph;
  if (a->stream != b->stream) return stream_key(a->stream) < stream_key(b->stream);
  if (a->size != b->size) return a->size < b->size;
  return a->ptr < b->ptr;
}

caching_pool::caching_pool(std::unique_ptr<upstream> source, bool limit_from_env)
    : source_(std::move(source)), limit_from_env_(limit_from_env) {
  CUPP_ASSERT(source_ != nullptr);
}

caching_pool::~caching_pool() {
  // Whatever is still live belongs to a caller who outlived the pool; the memory goes back all
  // the same. A destructor cannot report a failure, and there is nobody left to tell.
  for (auto& a : owned_arenas_) {
    for (const pending_event& p : a->pending) source_->release_event(p.event);
    for (block* s : a->segments) {
      std::size_t size = 0;
      for (block* b = s; b != nullptr; b = b->next) size += b->size;
      try {
        source_->deallocate(a->device, s->ptr, size);
      } catch (const error&) {
      }
    }
  }
}

void* caching_pool::malloc(int device, std::size_t bytes, cudaStream_t stream) {
  if (bytes == 0) return nullptr;
  arena& a = arena_for(device);
  arena_lock lock(a.mutex);
  if (bytes > kMaxRequest) throw_out_of_memory(a, bytes);
  const std::size_t size = round_up(bytes, kRound);
  const std::uint64_t graph = graph_of(a, stream);
  if (a.captures.empty()) {
    if (!a.deferred.empty()) process_deferred(a);
    if (!a.pending.empty()) process_events(a);
  }
  block* b = take_free_block(a, size, stream, graph);
  if (b == nullptr) b = new_segment(a, lock, size, bytes, stream, graph);
  split(a, b, size);
  b->state = block_state::live;
  if (a.spare_map_nodes.empty()) {
    a.live.emplace(b->ptr, b);
  } else {
    live_map::node_type node = std::move(a.spare_map_nodes.back());
    a.spare_map_nodes.pop_back();
    node.key() = b->ptr;
    node.mapped() = b;
    a.live.insert(std::move(node));
  }
  a.stats.used += b->size;
  if (a.stats.used > a.stats.peak) a.stats.peak = a.stats.used;
  return b->ptr;
}

void caching_pool::free(void* ptr) {
  if (ptr == nullptr) return;
  arena* a = nullptr;
  live_map::iterator it;
  const arena_lock lock = lock_owner(ptr, a, it, "free");
  release(*a, it, nullptr);
}

void caching_pool::free_after(void* ptr, cudaStream_t last_use) {
  if (ptr == nullptr) return;
  arena* a = nullptr;
  live_map::iterator it;
  const arena_lock lock = lock_owner(ptr, a, it, "free");
  release(*a, it, &last_use);
}

void caching_pool::record_stream(void* ptr, cudaStream_t stream) {
  arena* a = nullptr;
  live_map::iterator it;
  const arena_lock lock = lock_owner(ptr, a, it, "record_stream");
  block* b = it->second;
  if (stream == b->stream) return;
  for (cudaStream_t s : b->uses)
    if (s == stream) return;
  b->uses.push_back(stream);
}

void caching_pool::free_all_blocks() {
  std::vector<arena*> all;
  {
    std::lock_guard<std::mutex> guard(arenas_mutex_);
    for (auto& a : owned_arenas_) all.push_back(a.get());
  }
  for (arena* a : all) {
    arena_lock lock(a->mutex);
    release_cached(*a, lock);
  }
}

std::uint64_t caching_pool::begin_capture(int device, cudaStream_t stream) {
  arena& a = arena_for(device);
  std::uint64_t graph = 0;
  {
    std::lock_guard<std::mutex> guard(arenas_mutex_);
    graph = next_graph_++;
    graphs_.emplace(graph, device);
  }
  arena_lock lock(a.mutex);
  if (graph_of(a, stream) != 0) {
    lock.unlock();
    std::lock_guard<std::mutex> guard(arenas_mutex_);
    graphs_.erase(graph);
    throw value_error("begin_capture: the stream is capturing already");
  }
  a.captures.push_back({stream, graph});
  return graph;
}

void caching_pool::end_capture(std::uint64_t graph) {
  arena* a = arena_of_graph(graph);
  if (a == nullptr) return;
  arena_lock lock(a->mutex);
  for (std::size_t i = 0; i < a->captures.size(); ++i) {
    if (a->captures[i].graph != graph) continue;
    a->captures.erase(a->captures.begin() + static_cast<std::ptrdiff_t>(i));
    break;
  }
}

void caching_pool::release_graph(std::uint64_t graph,
                                 const std::vector<cudaStream_t>& replayed_on) {
  arena* owner = arena_of_graph(graph);
  if (owner == nullptr) return;
  arena& a = *owner;
  {
    arena_lock lock(a.mutex);
    for (std::size_t i = 0; i < a.captures.size(); ++i) {
      if (a.captures[i].graph != graph) continue;
      a.captures.erase(a.captures.begin() + static_cast<std::ptrdiff_t>(i));
      break;
    }
    // Collected first: making a block free may merge it into its predecessor.
    std::vector<block*> tagged;
    for (block* s : a.segments)
      for (block* b = s; b != nullptr; b = b->next)
        if (b->graph == graph) tagged.push_back(b);
    for (block* b : tagged) {
      switch (b->state) {
        case block_state::live:
          b->graph = 0;
          break;
        case block_state::free:
          erase_free(a, b);
          --a.stats.cached_blocks;
          b->graph = 0;
          b->uses = replayed_on;
          retire(a, b);
          break;
        case block_state::pending:
          b->graph = 0;
          for (cudaStream_t s : replayed_on) b->uses.push_back(s);
          if (b->pending_events > 0 && !b->uses.empty()) {
            // Waiting on record_stream events already: the replays' events are added now, or,
            // during another capture, once it is over.
            if (!a.captures.empty()) {
              a.deferred.push_back(b);
            } else {
              record_events(a, b);
            }
          }
          break;
      }
    }
  }
  std::lock_guard<std::mutex> guard(arenas_mutex_);
  graphs_.erase(graph);
}

pool_stats caching_pool::stats(int device) {
  arena& a = arena_for(device);
  std::lock_guard<std::mutex> lock(a.mutex);
  return a.stats;
}

void caching_pool::set_limit(int device, std::size_t bytes) {
  arena& a = arena_for(device);
  std::lock_guard<std::mutex> lock(a.mutex);
  a.limit = bytes;
}

std::size_t caching_pool::limit(int device) {
  arena& a = arena_for(device);
  std::lock_guard<std::mutex> lock(a.mutex);
  return a.limit;
}

caching_pool::arena_lock caching_pool::lock_owner(void* ptr, arena*& owner,
                                                  live_map::iterator& it,
                                                  const char* operation) {
  // Note [Caching pool]: the arena where this thread last found a block first, then the others.
  thread_local int hint = 0;
  const int slots = arena_slots_.load(std::memory_order_acquire);
  for (int k = -1; k < slots; ++k) {
    const int device = k < 0 ? hint : k;
    if (device >= slots || (k >= 0 && k == hint)) continue;
    arena* a = arenas_[static_cast<std::size_t>(device)].load(std::memory_order_acquire);
    if (a == nullptr) continue;
    arena_lock lock(a->mutex);
    it = a->live.find(ptr);
    if (it == a->live.end()) continue;
    hint = device;
    owner = a;
    return lock;
  }
  throw value_error(std::string(operation) + ": the pointer was not allocated by this pool");
}

caching_pool::arena& caching_pool::arena_for(int device) {
  CUPP_ASSERT(device >= 0 && device < kMaxDevices);
  std::atomic<arena*>& slot = arenas_[static_cast<std::size_t>(device)];
  if (arena* a = slot.load(std::memory_order_acquire); a != nullptr) return *a;
  std::lock_guard<std::mutex> guard(arenas_mutex_);
  if (arena* a = slot.load(std::memory_order_relaxed); a != nullptr) return *a;
  auto fresh = std::make_unique<arena>();
  fresh->device = device;
  if (limit_from_env_) fresh->limit = limit_from_env(*source_, device);
  arena* a = fresh.get();
  owned_arenas_.push_back(std::move(fresh));
  slot.store(a, std::memory_order_release);
  if (arena_slots_.load(std::memory_order_relaxed) <= device)
    arena_slots_.store(device + 1, std::memory_order_release);
  return *a;
}

caching_pool::arena* caching_pool::arena_of_graph(std::uint64_t graph) {
  int device = 0;
  {
    std::lock_guard<std::mutex> guard(arenas_mutex_);
    const auto it = graphs_.find(graph);
    if (it == graphs_.end()) return nullptr;
    device = it->second;
  }
  return &arena_for(device);
}

std::uint64_t caching_pool::graph_of(const arena& a, cudaStream_t stream) noexcept {
  for (const capture& c : a.captures)
    if (c.stream == stream) return c.graph;
  return 0;
}

caching_pool::block* caching_pool::take_free_block(arena& a, std::size_t size,
                                                   cudaStream_t stream, std::uint64_t graph) {
  free_set& set = size <= kSmallSize ? a.small_blocks : a.large_blocks;
  block key;
  key.graph = graph;
  key.stream = stream;
  key.size = size;
  auto it = set.lower_bound(&key);
  if (it == set.end() || (*it)->stream != stream || (*it)->graph != graph) return nullptr;
  block* b = *it;
  a.spare_set_nodes.push_back(set.extract(it));
  --a.stats.cached_blocks;
  return b;
}

void* caching_pool::allocate_unlocked(arena& a, arena_lock& lock, std::size_t bytes) {
  if (a.limit != 0 && a.stats.held + a.reserving + bytes > a.limit) return nullptr;
  a.reserving += bytes;
  lock.unlock();
  void* ptr = nullptr;
  try {
    ptr = source_->allocate(a.device, bytes);
  } catch (...) {
    lock.lock();
    a.reserving -= bytes;
    throw;
  }
  lock.lock();
  a.reserving -= bytes;
  return ptr;
}

caching_pool::block* caching_pool::new_segment(arena& a, arena_lock& lock, std::size_t size,
                                               std::size_t requested, cudaStream_t stream,
                                               std::uint64_t graph) {
  const bool small = size <= kSmallSize;
  const std::size_t segment = small ? kSmallSegment : round_up(size, kLargeRound);
  void* ptr = allocate_unlocked(a, lock, segment);
  // Note [Caching pool]: the request's size class first, then everything.
  if (ptr == nullptr && release_size_class(a, lock, segment, small))
    ptr = allocate_unlocked(a, lock, segment);
  if (ptr == nullptr && release_cached(a, lock)) ptr = allocate_unlocked(a, lock, segment);
  if (ptr == nullptr) throw_out_of_memory(a, requested);
  block* b = new_block(a);
  b->ptr = static_cast<char*>(ptr);
  b->size = segment;
  b->stream = stream;
  b->graph = graph;
  b->small = small;
  a.segments.push_back(b);
  a.stats.held += segment;
  return b;
}

void caching_pool::split(arena& a, block* b, std::size_t size) {
  const std::size_t rest = b->size - size;
  if (b->small ? rest < kRound : rest <= kSmallSize) return;
  block* r = new_block(a);
  r->ptr = b->ptr + size;
  r->size = rest;
  r->stream = b->stream;
  r->graph = b->graph;
  r->small = b->small;
  r->prev = b;
  r->next = b->next;
  if (b->next != nullptr) b->next->prev = r;
  b->next = r;
  b->size = size;
  r->state = block_state::free;
  insert_free(a, r);
  ++a.stats.cached_blocks;
}

void caching_pool::release(arena& a, live_map::iterator it, const cudaStream_t* last_use) {
  block* b = it->second;
  if (last_use != nullptr &&
      std::find(b->uses.begin(), b->uses.end(), *last_use) == b->uses.end())
    b->uses.push_back(*last_use);
  // Note [Graph memory]: freed during a capture of its stream, the block is the graph's.
  if (b->graph == 0 && !a.captures.empty()) {
    b->graph = graph_of(a, b->stream);
    for (std::size_t i = 0; b->graph == 0 && i < b->uses.size(); ++i)
      b->graph = graph_of(a, b->uses[i]);
  }
  // Record the events before anything changes: if one fails, the block is still live.
  const bool defer = !a.captures.empty() && !b->uses.empty();
  const std::size_t first = a.pending.size();
  if (!defer) {
    try {
      for (cudaStream_t s : b->uses) a.pending.push_back({source_->record_event(s), b});
    } catch (...) {
      for (std::size_t i = first; i < a.pending.size(); ++i)
        source_->release_event(a.pending[i].event);
      a.pending.resize(first);
      throw;
    }
  }
  a.spare_map_nodes.push_back(a.live.extract(it));
  a.stats.used -= b->size;
  if (defer) {
    b->state = block_state::pending;
    b->pending_events = 0;
    ++a.pending_blocks;
    ++a.stats.cached_blocks;
    a.deferred.push_back(b);
    return;
  }
  b->uses.clear();
  const auto events = static_cast<int>(a.pending.size() - first);
  if (events == 0) {
    make_free(a, b);
    return;
  }
  b->state = block_state::pending;
  b->pending_events = events;
  ++a.pending_blocks;
  ++a.stats.cached_blocks;
}

// A block that is no longer live nor in a free set: free at once, or pending on an event on each
// of its `uses`, or deferred while a capture is underway.
void caching_pool::retire(arena& a, block* b) {
  if (b->uses.empty()) {
    make_free(a, b);
    return;
  }
  b->state = block_state::pending;
  b->pending_events = 0;
  ++a.pending_blocks;
  ++a.stats.cached_blocks;
  if (!a.captures.empty()) {
    a.deferred.push_back(b);
    return;
  }
  record_events(a, b);
}

// Records an event on each of the pending block's `uses` and clears them. A block left with no
// event at all is made free.
void caching_pool::record_events(arena& a, block* b) {
  std::vector<cudaStream_t> uses;
  uses.swap(b->uses);
  for (cudaStream_t s : uses) {
    a.pending.push_back({source_->record_event(s), b});
    ++b->pending_events;
  }
  if (b->pending_events > 0) return;
  --a.pending_blocks;
  --a.stats.cached_blocks;
  make_free(a, b);
}

void caching_pool::process_deferred(arena& a) {
  while (!a.deferred.empty()) {
    block* b = a.deferred.back();
    a.deferred.pop_back();
    try {
      record_events(a, b);
    } catch (...) {
      // The block stays pending until the next try; the event failure is the caller's to see.
      a.deferred.push_back(b);
      throw;
    }
  }
}

void caching_pool::make_free(arena& a, block* b) {
  b->state = block_state::free;
  ++a.stats.cached_blocks;
  if (block* p = b->prev;
      p != nullptr && p->state == block_state::free && p->graph == b->graph) {
    erase_free(a, p);
    --a.stats.cached_blocks;
    p->size += b->size;
    p->next = b->next;
    if (b->next != nullptr) b->next->prev = p;
    recycle(a, b);
    b = p;
  }
  if (block* n = b->next;
      n != nullptr && n->state == block_state::free && n->graph == b->graph) {
    erase_free(a, n);
    --a.stats.cached_blocks;
    b->size += n->size;
    b->next = n->next;
    if (n->next != nullptr) n->next->prev = b;
    recycle(a, n);
  }
  insert_free(a, b);
}

void caching_pool::process_events(arena& a) {
  for (std::size_t i = 0; i < a.pending.size();) {
    if (!source_->query_event(a.pending[i].event)) {
      ++i;
      continue;
    }
    const pending_event done = a.pending[i];
    a.pending[i] = a.pending.back();
    a.pending.pop_back();
    source_->release_event(done.event);
    block* b = done.owner;
    if (--b->pending_events > 0) continue;
    if (!b->uses.empty()) continue;  // deferred as well: it waits for its other events
    --a.pending_blocks;
    --a.stats.cached_blocks;
    make_free(a, b);
  }
}

// Note [Releasing cached segments]: a fully free segment may still be the target of work queued
// on its stream (same-stream reuse needs no event). Returning it is safe all the same: cudaFree
// and cudaFreeHost wait for the device before they release memory. Nothing is returned while a
// capture is underway on the device, nor any segment of a graph (Note [Graph memory]).
bool caching_pool::release_size_class(arena& a, arena_lock& lock, std::size_t segment,
                                      bool small) {
  if (!a.captures.empty()) return false;
  if (!a.pending.empty()) process_events(a);
  std::vector<block*> whole;  // fully free ordinary segments of the request's kind
  for (block* s : a.segments)
    if (s->state == block_state::free && s->next == nullptr && s->graph == 0 && s->small == small)
      whole.push_back(s);
  if (whole.empty()) return false;
  std::vector<block*> chosen;
  if (small) {
    chosen.push_back(whole.front());
  } else {
    // The smallest segment that is big enough; else the largest ones until enough is freed.
    block* best = nullptr;
    for (block* s : whole)
      if (s->size >= segment && (best == nullptr || s->size < best->size)) best = s;
    if (best != nullptr) {
      chosen.push_back(best);
    } else {
      std::sort(whole.begin(), whole.end(),
                [](const block* x, const block* y) { return x->size > y->size; });
      std::size_t freed = 0;
      for (block* s : whole) {
        if (freed >= segment) break;
        chosen.push_back(s);
        freed += s->size;
      }
    }
  }
  release_segments(a, lock, chosen);
  return true;
}

bool caching_pool::release_cached(arena& a, arena_lock& lock) {
  if (!a.captures.empty()) return false;
  if (!a.deferred.empty()) process_deferred(a);
  if (!a.pending.empty()) process_events(a);
  std::vector<block*> whole;
  for (block* s : a.segments)
    if (s->state == block_state::free && s->next == nullptr && s->graph == 0) whole.push_back(s);
  if (whole.empty()) return false;
  release_segments(a, lock, whole);
  return true;
}

// Takes the segments out of the arena with the lock held, returns them to the upstream with it
// released (Note [Caching pool]), and locks again.
void caching_pool::release_segments(arena& a, arena_lock& lock,
                                    const std::vector<block*>& segments) {
  std::vector<std::pair<void*, std::size_t>> memory;
  memory.reserve(segments.size());
  for (block* b : segments) {
    erase_free(a, b);
    --a.stats.cached_blocks;
    a.stats.held -= b->size;
    for (std::size_t i = 0; i < a.segments.size(); ++i) {
      if (a.segments[i] != b) continue;
      a.segments[i] = a.segments.back();
      a.segments.pop_back();
      break;
    }
    memory.emplace_back(b->ptr, b->size);
    recycle(a, b);
  }
  lock.unlock();
  std::exception_ptr failure;
  for (const auto& [ptr, size] : memory) {
    try {
      source_->deallocate(a.device, ptr, size);
    } catch (...) {
      if (!failure) failure = std::current_exception();
    }
  }
  lock.lock();
  if (failure) std::rethrow_exception(failure);
}

void caching_pool::throw_out_of_memory(arena& a, std::size_t requested) {
  std::string figures = pool_figures(a.stats.used, a.stats.held, a.limit);
  if (!a.captures.empty())
    figures += " (no cached memory is released while a CUDA graph capture is underway)";
  throw out_of_memory(out_of_memory_message(requested, source_->describe(a.device),
                                            source_->mem_info(a.device), figures),
                      requested);
}

caching_pool::block* caching_pool::new_block(arena& a) {
  if (a.spare_blocks.empty()) {
    block* b = &a.block_storage.emplace_back();
    b->owner = &a;
    return b;
  }
  block* b = a.spare_blocks.back();
  a.spare_blocks.pop_back();
  return b;
}

void caching_pool::recycle(arena& a, block* b) {
  b->ptr = nullptr;
  b->size = 0;
  b->prev = b->next = nullptr;
  b->graph = 0;
  b->state = block_state::free;
  b->pending_events = 0;
  b->uses.clear();
  a.spare_blocks.push_back(b);
}

caching_pool::free_set& caching_pool::set_of(block* b) noexcept {
  return b->small ? b->owner->small_blocks : b->owner->large_blocks;
}

void caching_pool::insert_free(arena& a, block* b) {
  free_set& set = set_of(b);
  if (a.spare_set_nodes.empty()) {
    set.insert(b);
    return;
  }
  free_set::node_type node = std::move(a.spare_set_nodes.back());
  a.spare_set_nodes.pop_back();
  node.value() = b;
  set.insert(std::move(node));
}

void caching_pool::erase_free(arena& a, block* b) {
  free_set& set = set_of(b);
  a.spare_set_nodes.push_back(set.extract(b));
}

void caching_pool::validate() {
  std::lock_guard<std::mutex> guard(arenas_mutex_);
  // Every arena at once: the only place that holds two, so there is no other order to deadlock
  // with.
  std::vector<arena_lock> locks;
  for (auto& a : owned_arenas_) locks.emplace_back(a->mutex);
  const auto check = [](bool ok, const char* what) {
    if (!ok) throw error(std::string("memory pool invariant broken: ") + what);
  };
  for (const auto& slot : owned_arenas_) {
    arena& a = *slot;
    std::size_t live_blocks = 0;
    std::size_t held = 0, used = 0, cached = 0, cached_blocks = 0, pending_blocks = 0;
    std::size_t free_blocks = 0, waiting_events = 0, deferred_blocks = 0;
    for (block* s : a.segments) {
      check(s->prev == nullptr, "a segment's first block has a predecessor");
      std::size_t segment = 0;
      for (block* b = s; b != nullptr; b = b->next) {
        check(b->owner == &a, "a block is filed under another device");
        check(b->small == s->small && b->stream == s->stream,
              "a segment mixes streams or pool kinds");
        check(b->size > 0 && b->size % kRound == 0, "a block size is not a multiple of 512");
        if (b->next != nullptr)
          check(b->next->prev == b && b->ptr + b->size == b->next->ptr,
                "the blocks of a segment do not tile it");
        segment += b->size;
        switch (b->state) {
          case block_state::live: {
            used += b->size;
            ++live_blocks;
            const auto it = a.live.find(b->ptr);
            check(it != a.live.end() && it->second == b, "a live block is not in the pointer map");
            break;
          }
          case block_state::free:
            for (const block* n : {b->next, b->prev})
              check(n == nullptr || n->state != block_state::free || n->graph != b->graph,
                    "two free neighbours were not merged");
            check(set_of(b).count(b) == 1, "a free block is missing from its free set");
            cached += b->size;
            ++cached_blocks;
            ++free_blocks;
            break;
          case block_state::pending: {
            const bool deferred =
                std::find(a.deferred.begin(), a.deferred.end(), b) != a.deferred.end();
            check(b->pending_events > 0 || deferred, "a block waits on no event");
            check(deferred || b->uses.empty(), "a waiting block has streams without events");
            waiting_events += static_cast<std::size_t>(b->pending_events);
            deferred_blocks += deferred ? 1 : 0;
            cached += b->size;
            ++cached_blocks;
            ++pending_blocks;
            break;
          }
        }
      }
      check(!s->small || segment == kSmallSegment, "a small segment is not 2 MiB");
      held += segment;
    }
    check(a.small_blocks.size() + a.large_blocks.size() == free_blocks,
          "the free sets hold blocks that are not free");
    check(a.stats.held == held, "held bytes disagree with the segments");
    check(a.stats.used == used, "used bytes disagree with the live blocks");
    check(used + cached == held, "used + cached != held");
    check(a.stats.cached_blocks == cached_blocks, "the count of cached blocks is off");
    check(a.pending_blocks == pending_blocks, "the count of blocks waiting on events is off");
    check(a.deferred.size() == deferred_blocks, "a deferred block is not waiting");
    check(a.stats.peak >= a.stats.used, "peak is below used");
    check(a.pending.size() == waiting_events, "events are filed for blocks that do not wait");
    check(a.live.size() == live_blocks, "the pointer map holds blocks that are not live");
    for (const pending_event& p : a.pending)
      check(p.owner->state == block_state::pending,
            "an event is filed for a block that is not waiting");
  }
}

}  // namespace cupp::detail
