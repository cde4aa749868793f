// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// What the .npy and .npz code shares: reading a .npy stream into a new device array, and the
// layout an array is written in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/runtime_array.hpp"
#include "cupp/io/npy.hpp"

namespace cupp::detail::io {

/// A source of bytes: a file, a member of a zip archive. read() returns fewer than `n` bytes
/// only at the end; it throws value_error on a read error.
class byte_reader {
 public:
  virtual ~byte_reader() = default;
  virtual std::size_t read(void* dst, std::size_t n) = 0;
  /// True when read_at works: several threads may then read pieces of the rest at once.
  virtual bool positioned() const noexcept { return false; }
  /// Reads `n` bytes at `offset` from the current position without moving it; thread-safe.
  virtual std::size_t read_at(void* dst, std::size_t n, std::uint64_t offset) {
    (void)dst, (void)n, (void)offset;
    return 0;
  }
};

/// Reads the prefix of a .npy stream of `available` bytes and checks it: magic, version,
/// header, and that `available` holds the data the header describes. Throws value_error
/// (beginning with `what`, the file's name) before any GPU work.
npy_header read_npy_prefix(byte_reader& in, std::uint64_t available, const std::string& what);

/// Bytes of data that `h` describes; value_error (with `what`) when the count overflows.
std::uint64_t npy_data_bytes(const npy_header& h, const std::string& what);

/// A new array of `h`'s dtype, shape and order on the current device, filled with the next
/// bytes of `in` through pinned staging buffers overlapped with the copies to the device,
/// swapping bytes when h.swap.
array upload_npy_data(byte_reader& in, const npy_header& h, const std::string& what);

/// How `a` is written to a .npy file: as NumPy, in Fortran order when `a` is F-contiguous and
/// not C-contiguous, else in C order. `data` is a view whose C order is the file's order.
struct npy_layout {
  array_desc data;
  bool fortran_order = false;
};
npy_layout npy_layout_of(const array& a);

/// True when `s` ends with `suffix` (".npy", ".npz": the suffixes numpy.save and savez add).
inline bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// A file written whole or not at all (Note [Files appear whole] in src/io/npy.cpp): bytes go to
/// a temporary in the same directory, created by the first write; commit() renames it into place.
/// Destroyed before commit(), the temporary is removed. Failures are value_error naming the path.
class atomic_file {
 public:
  explicit atomic_file(std::string path) : path_(std::move(path)) {}
  ~atomic_file();
  atomic_file(const atomic_file&) = delete;
  atomic_file& operator=(const atomic_file&) = delete;

  void write(const void* data, std::size_t n);
  void write(const std::string& bytes) { write(bytes.data(), bytes.size()); }
  void commit();

 private:
  void open_temporary();
  std::string path_, tmp_;
  int fd_ = -1;
  bool committed_ = false;
};

/// Writes `bytes` as the whole file `path` (Note [Files appear whole] in src/io/npy.cpp).
void write_file_bytes(const std::string& path, const std::string& bytes);

}  // namespace cupp::detail::io
