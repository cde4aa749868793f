// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Internal to libcupp: the hash behind cache keys and checksums, and the disk cache.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "cupp/jit/compiler.hpp"

namespace cupp::jit::detail {

/// A 128-bit hash value: two independent 64-bit lanes (Note [Kernel cache key]).
struct hash128 {
  std::uint64_t lo = 0;
  std::uint64_t hi = 0;
  /// 32 lowercase hexadecimal digits, `hi` first.
  std::string hex() const;
  friend bool operator==(const hash128& a, const hash128& b) {
    return a.lo == b.lo && a.hi == b.hi;
  }
  friend bool operator!=(const hash128& a, const hash128& b) { return !(a == b); }
};

/// Streaming 128-bit hash. The result depends only on the bytes given, not on how they were
/// split between update() calls. Not cryptographic: it guards against accidents (collisions
/// between different kernels, corrupt files), not against an adversary who can write the cache.
class hasher128 {
 public:
  hasher128& update(const void* data, std::size_t n);
  /// Hashes a length-prefixed string, so that a sequence of fields has one reading only.
  hasher128& field(std::string_view s);
  hasher128& field(std::uint64_t v);
  hash128 finish() const;

 private:
  void word(std::uint64_t w);
  std::uint64_t a_ = 0x243f6a8885a308d3ull;  // pi's digits: arbitrary, fixed seeds
  std::uint64_t b_ = 0x13198a2e03707344ull;
  std::uint64_t total_ = 0;
  unsigned char buf_[8] = {};
  std::size_t buffered_ = 0;
};

hash128 hash_bytes(std::string_view bytes);

/// The meta section of a cache file (Note [Cache file format]): the module's target, then its
/// (name expression, lowered name) pairs; kernel bundles store each entry's meta the same way.
std::string encode_module_meta(const compiled_module& m);
/// Reads a meta section into `m.target` and `m.lowered_names`; false when it is malformed.
bool decode_module_meta(std::string_view meta, compiled_module& m);

/// The on-disk half of the kernel cache: one file per key in one directory (Note [Cache file
/// format]). Thread-safe; every failure is a miss or a skipped write, never an exception.
class disk_cache {
 public:
  enum class read_result { miss, hit, invalid };

  /// `dir` empty: disabled (memory only).
  disk_cache(std::string dir, bool save_source);

  const std::string& dir() const noexcept { return dir_; }
  std::string path_for(const std::string& key_hex) const;

  /// Reads the entry of `key` into `out` (key, target, image, lowered names).
  read_result read(const hash128& key, compiled_module& out);
  /// Writes the entry of `m` (whose key is `key`) atomically, and `<key>.cu` when saving sources.
  /// Returns false when nothing was written.
  bool write(const hash128& key, const compiled_module& m, std::string_view source);

 private:
  /// Creates the directory on first use; false (after the one warning) when it cannot be used.
  bool ensure_directory();
  bool write_file(const std::string& path, std::string_view bytes, const char* kind);
  void warn_once(const std::string& message);

  std::string dir_;
  bool save_source_;
  std::once_flag dir_once_;
  std::atomic<bool> readable_{false};
  std::atomic<bool> writable_{false};
  std::atomic<bool> warned_{false};
};

}  // namespace cupp::jit::detail
