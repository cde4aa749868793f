// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/detail/pool.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <utility>

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
  if (a->stream != b->stream) return stream_key(a->stream) < stream_key(b->stream);
  if (a->size != b->size) return a->size < b->size;
  return a->ptr < b->ptr;
}

caching_pool::caching_pool(std::unique_ptr<upstream> source, bool limit_from_env)
    : source_(std::move(source)), limit_from_env_(limit_from_env) {
  CUPP_ASSERT(source_ != nullptr);
}

caching_pool::~caching_pool() {
  for (const pending_event& p : pending_) source_->release_event(p.event);
  // Whatever is still live belongs to a caller who outlived the pool; the memory goes back all
  // the same. A destructor cannot report a failure, and there is nobody left to tell.
  for (auto& a : arenas_) {
    if (!a) continue;
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
  std::lock_guard<std::mutex> lock(mutex_);
  arena& a = arena_for(device);
  if (bytes > kMaxRequest) throw_out_of_memory(a, bytes);
  const std::size_t size = round_up(bytes, kRound);
  if (!pending_.empty()) process_events();
  block* b = take_free_block(a, size, stream);
  if (b == nullptr) b = new_segment(a, size, bytes, stream);
  split(b, size);
  b->state = block_state::live;
  if (spare_map_nodes_.empty()) {
    live_.emplace(b->ptr, b);
  } else {
    live_map::node_type node = std::move(spare_map_nodes_.back());
    spare_map_nodes_.pop_back();
    node.key() = b->ptr;
    node.mapped() = b;
    live_.insert(std::move(node));
  }
  a.stats.used += b->size;
  if (a.stats.used > a.stats.peak) a.stats.peak = a.stats.used;
  return b->ptr;
}

void caching_pool::free(void* ptr) {
  if (ptr == nullptr) return;
  std::lock_guard<std::mutex> lock(mutex_);
  release(find_live(ptr, "free"), nullptr);
}

void caching_pool::free_after(void* ptr, cudaStream_t last_use) {
  if (ptr == nullptr) return;
  std::lock_guard<std::mutex> lock(mutex_);
  release(find_live(ptr, "free"), &last_use);
}

void caching_pool::record_stream(void* ptr, cudaStream_t stream) {
  std::lock_guard<std::mutex> lock(mutex_);
  block* b = find_live(ptr, "record_stream")->second;
  if (stream == b->stream) return;
  for (cudaStream_t s : b->uses)
    if (s == stream) return;
  b->uses.push_back(stream);
}

void caching_pool::free_all_blocks() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& a : arenas_)
    if (a) release_cached(*a);
}

pool_stats caching_pool::stats(int device) {
  std::lock_guard<std::mutex> lock(mutex_);
  return arena_for(device).stats;
}

void caching_pool::set_limit(int device, std::size_t bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  arena_for(device).limit = bytes;
}

std::size_t caching_pool::limit(int device) {
  std::lock_guard<std::mutex> lock(mutex_);
  return arena_for(device).limit;
}

caching_pool::live_map::iterator caching_pool::find_live(void* ptr, const char* operation) {
  const auto it = live_.find(ptr);
  if (it == live_.end())
    throw value_error(std::string(operation) + ": the pointer was not allocated by this pool");
  return it;
}

caching_pool::arena& caching_pool::arena_for(int device) {
  CUPP_ASSERT(device >= 0);
  const auto index = static_cast<std::size_t>(device);
  if (index >= arenas_.size()) arenas_.resize(index + 1);
  std::unique_ptr<arena>& slot = arenas_[index];
  if (!slot) {
    auto fresh = std::make_unique<arena>();
    fresh->device = device;
    if (limit_from_env_) fresh->limit = limit_from_env(*source_, device);
    slot = std::move(fresh);
  }
  return *slot;
}

caching_pool::block* caching_pool::take_free_block(arena& a, std::size_t size,
                                                   cudaStream_t stream) {
  free_set& set = size <= kSmallSize ? a.small_blocks : a.large_blocks;
  block key;
  key.stream = stream;
  key.size = size;
  auto it = set.lower_bound(&key);
  if (it == set.end() || (*it)->stream != stream) return nullptr;
  block* b = *it;
  spare_set_nodes_.push_back(set.extract(it));
  --a.stats.cached_blocks;
  return b;
}

caching_pool::block* caching_pool::new_segment(arena& a, std::size_t size, std::size_t requested,
                                               cudaStream_t stream) {
  const bool small = size <= kSmallSize;
  const std::size_t segment = small ? kSmallSegment : round_up(size, kLargeRound);
  const auto fits = [&] { return a.limit == 0 || a.stats.held + segment <= a.limit; };
  void* ptr = fits() ? source_->allocate(a.device, segment) : nullptr;
  if (ptr == nullptr) {
    release_cached(a);
    if (fits()) ptr = source_->allocate(a.device, segment);
  }
  if (ptr == nullptr) throw_out_of_memory(a, requested);
  block* b = new_block();
  b->ptr = static_cast<char*>(ptr);
  b->size = segment;
  b->stream = stream;
  b->owner = &a;
  b->small = small;
  a.segments.push_back(b);
  a.stats.held += segment;
  return b;
}

void caching_pool::split(block* b, std::size_t size) {
  const std::size_t rest = b->size - size;
  if (b->small ? rest < kRound : rest <= kSmallSize) return;
  block* r = new_block();
  r->ptr = b->ptr + size;
  r->size = rest;
  r->stream = b->stream;
  r->owner = b->owner;
  r->small = b->small;
  r->prev = b;
  r->next = b->next;
  if (b->next != nullptr) b->next->prev = r;
  b->next = r;
  b->size = size;
  r->state = block_state::free;
  insert_free(r);
  ++r->owner->stats.cached_blocks;
}

void caching_pool::release(live_map::iterator it, const cudaStream_t* last_use) {
  block* b = it->second;
  // Record every event first: if one fails, the block is still live and nothing has changed.
  const std::size_t first = pending_.size();
  try {
    for (cudaStream_t s : b->uses) pending_.push_back({source_->record_event(s), b});
    if (last_use != nullptr) pending_.push_back({source_->record_event(*last_use), b});
  } catch (...) {
    for (std::size_t i = first; i < pending_.size(); ++i) source_->release_event(pending_[i].event);
    pending_.resize(first);
    throw;
  }
  spare_map_nodes_.push_back(live_.extract(it));
  arena& a = *b->owner;
  a.stats.used -= b->size;
  b->uses.clear();
  const auto events = static_cast<int>(pending_.size() - first);
  if (events == 0) {
    make_free(b);
    return;
  }
  b->state = block_state::pending;
  b->pending_events = events;
  ++a.pending_blocks;
  ++a.stats.cached_blocks;
}

void caching_pool::make_free(block* b) {
  arena& a = *b->owner;
  b->state = block_state::free;
  ++a.stats.cached_blocks;
  if (block* p = b->prev; p != nullptr && p->state == block_state::free) {
    erase_free(p);
    --a.stats.cached_blocks;
    p->size += b->size;
    p->next = b->next;
    if (b->next != nullptr) b->next->prev = p;
    recycle(b);
    b = p;
  }
  if (block* n = b->next; n != nullptr && n->state == block_state::free) {
    erase_free(n);
    --a.stats.cached_blocks;
    b->size += n->size;
    b->next = n->next;
    if (n->next != nullptr) n->next->prev = b;
    recycle(n);
  }
  insert_free(b);
}

void caching_pool::process_events() {
  for (std::size_t i = 0; i < pending_.size();) {
    if (!source_->query_event(pending_[i].event)) {
      ++i;
      continue;
    }
    const pending_event done = pending_[i];
    pending_[i] = pending_.back();
    pending_.pop_back();
    source_->release_event(done.event);
    block* b = done.owner;
    if (--b->pending_events > 0) continue;
    arena& a = *b->owner;
    --a.pending_blocks;
    --a.stats.cached_blocks;
    make_free(b);
  }
}

// Note [Releasing cached segments]: a fully free segment may still be the target of work queued
// on its stream (same-stream reuse needs no event). Returning it is safe all the same: cudaFree
// and cudaFreeHost wait for the device before they release memory.
void caching_pool::release_cached(arena& a) {
  if (!pending_.empty()) process_events();
  for (std::size_t i = 0; i < a.segments.size();) {
    block* b = a.segments[i];
    if (b->state != block_state::free || b->next != nullptr) {
      ++i;
      continue;
    }
    erase_free(b);
    --a.stats.cached_blocks;
    a.stats.held -= b->size;
    a.segments[i] = a.segments.back();
    a.segments.pop_back();
    void* ptr = b->ptr;
    const std::size_t size = b->size;
    recycle(b);
    source_->deallocate(a.device, ptr, size);
  }
}

void caching_pool::throw_out_of_memory(arena& a, std::size_t requested) {
  throw out_of_memory(
      out_of_memory_message(requested, source_->describe(a.device), source_->mem_info(a.device),
                            pool_figures(a.stats.used, a.stats.held, a.limit)),
      requested);
}

caching_pool::block* caching_pool::new_block() {
  if (spare_blocks_.empty()) return &block_storage_.emplace_back();
  block* b = spare_blocks_.back();
  spare_blocks_.pop_back();
  return b;
}

void caching_pool::recycle(block* b) {
  b->ptr = nullptr;
  b->size = 0;
  b->prev = b->next = nullptr;
  b->state = block_state::free;
  b->pending_events = 0;
  b->uses.clear();
  spare_blocks_.push_back(b);
}

caching_pool::free_set& caching_pool::set_of(block* b) noexcept {
  return b->small ? b->owner->small_blocks : b->owner->large_blocks;
}

void caching_pool::insert_free(block* b) {
  free_set& set = set_of(b);
  if (spare_set_nodes_.empty()) {
    set.insert(b);
    return;
  }
  free_set::node_type node = std::move(spare_set_nodes_.back());
  spare_set_nodes_.pop_back();
  node.value() = b;
  set.insert(std::move(node));
}

void caching_pool::erase_free(block* b) {
  free_set& set = set_of(b);
  spare_set_nodes_.push_back(set.extract(b));
}

void caching_pool::validate() {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto check = [](bool ok, const char* what) {
    if (!ok) throw error(std::string("memory pool invariant broken: ") + what);
  };
  std::size_t live_blocks = 0;
  std::size_t waiting_events = 0;
  for (const auto& slot : arenas_) {
    if (!slot) continue;
    arena& a = *slot;
    std::size_t held = 0, used = 0, cached = 0, cached_blocks = 0, pending_blocks = 0;
    std::size_t free_blocks = 0;
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
            const auto it = live_.find(b->ptr);
            check(it != live_.end() && it->second == b, "a live block is not in the pointer map");
            break;
          }
          case block_state::free:
            check(b->next == nullptr || b->next->state != block_state::free,
                  "two free neighbours were not merged");
            check(b->prev == nullptr || b->prev->state != block_state::free,
                  "two free neighbours were not merged");
            check(set_of(b).count(b) == 1, "a free block is missing from its free set");
            cached += b->size;
            ++cached_blocks;
            ++free_blocks;
            break;
          case block_state::pending:
            check(b->pending_events > 0, "a block waits on no event");
            waiting_events += static_cast<std::size_t>(b->pending_events);
            cached += b->size;
            ++cached_blocks;
            ++pending_blocks;
            break;
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
    check(a.stats.peak >= a.stats.used, "peak is below used");
  }
  check(live_.size() == live_blocks, "the pointer map holds blocks that are not live");
  check(pending_.size() == waiting_events, "events are filed for blocks that do not wait");
  for (const pending_event& p : pending_)
    check(p.owner->state == block_state::pending,
          "an event is filed for a block that is not waiting");
}

}  // namespace cupp::detail
