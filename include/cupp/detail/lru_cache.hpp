// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// A least-recently-used cache with a limit on its entries and on the bytes they hold, for objects
// that are costly to make and hold device memory (cuFFT plans, as CuPy's PlanCache keeps them).
#pragma once

#include <cstddef>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

namespace cupp::detail {

/// Key -> shared_ptr<Value>, most recently used first. An entry is dropped (its shared_ptr
/// released; a user still holding it keeps it alive) when a limit would be exceeded: more than
/// max_entries entries, or more than max_bytes bytes in all (0: no byte limit). An entry larger
/// than max_bytes on its own is not kept at all. max_entries 0 disables the cache. Thread-safe.
template <class Key, class Value>
class lru_cache {
 public:
  explicit lru_cache(std::size_t max_entries = 16, std::size_t max_bytes = 0)
      : max_entries_(max_entries), max_bytes_(max_bytes) {}

  /// The entry for `key`, now the most recently used, or nullptr.
  std::shared_ptr<Value> find(const Key& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = index_.find(key);
    if (it == index_.end()) {
      ++misses_;
      return nullptr;
    }
    ++hits_;
    order_.splice(order_.begin(), order_, it->second);
    return it->second->value;
  }

  /// Keeps `value` (holding `bytes`) for `key`, replacing an entry of the same key, then drops the
  /// least recently used entries until both limits hold.
  void insert(const Key& key, std::shared_ptr<Value> value, std::size_t bytes) {
    std::lock_guard<std::mutex> lock(mutex_);
    erase_locked(key);
    if (max_entries_ == 0 || (max_bytes_ != 0 && bytes > max_bytes_)) return;
    order_.push_front(entry{key, std::move(value), bytes});
    index_.emplace(key, order_.begin());
    bytes_ += bytes;
    trim_locked();
  }

  void set_max_entries(std::size_t n) {
    std::lock_guard<std::mutex> lock(mutex_);
    max_entries_ = n;
    trim_locked();
  }
  void set_max_bytes(std::size_t b) {
    std::lock_guard<std::mutex> lock(mutex_);
    max_bytes_ = b;
    trim_locked();
  }
  void clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    order_.clear();
    index_.clear();
    bytes_ = 0;
  }

  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return order_.size();
  }
  std::size_t bytes() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return bytes_;
  }
  std::size_t max_entries() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return max_entries_;
  }
  std::size_t max_bytes() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return max_bytes_;
  }
  /// find() calls that found an entry, and that did not.
  std::size_t hits() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return hits_;
  }
  std::size_t misses() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return misses_;
  }

 private:
  struct entry {
    Key key;
    std::shared_ptr<Value> value;
    std::size_t bytes;
  };

  void erase_locked(const Key& key) {
    const auto it = index_.find(key);
    if (it == index_.end()) return;
    bytes_ -= it->second->bytes;
    order_.erase(it->second);
    index_.erase(it);
  }

  void trim_locked() {
    while (!order_.empty() &&
           (order_.size() > max_entries_ || (max_bytes_ != 0 && bytes_ > max_bytes_))) {
      const entry& last = order_.back();
      bytes_ -= last.bytes;
      index_.erase(last.key);
      order_.pop_back();
    }
  }

  mutable std::mutex mutex_;
  std::list<entry> order_;  // most recently used first
  std::map<Key, typename std::list<entry>::iterator> index_;
  std::size_t bytes_ = 0;
  std::size_t max_entries_, max_bytes_;
  std::size_t hits_ = 0, misses_ = 0;
};

}  // namespace cupp::detail
