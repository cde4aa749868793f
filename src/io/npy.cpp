// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// .npy files and raw binary files: numpy.save, numpy.load, ndarray.tofile, numpy.fromfile.
#include <cuda_runtime_api.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <exception>
#include <future>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/cuda/event.hpp"
#include "cupp/cuda/memory.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/io/npy.hpp"
#include "io_internal.hpp"

namespace cupp {
namespace detail::io {

// Note [bfloat16 in .npy files]: NumPy has no bfloat16. The ml_dtypes package (JAX, TensorFlow)
// registers one whose character code is 'V', so numpy.save writes its arrays with descr '<V2'
// and numpy.load gives them back as 2-byte void ('|V2'), to be viewed as ml_dtypes.bfloat16 (or
// uint16) again. cupp writes bfloat16 the same way, so that NumPy reads the same bytes as with
// ml_dtypes, and reads '<V2' and '|V2' as bfloat16: a 2-byte void array in a .npy file is, in
// practice, such a file (Keras assumes the same).

// Note [Staged file reads]: a file is read into kReadBuffers pinned blocks of kStagingChunk
// bytes from the pinned pool, in turn; each block's copy to the device is queued on the current
// stream as soon as it is filled, and an event per block says when it may be refilled. So the
// disk (or page cache) read of one piece overlaps the PCIe copy of the previous ones, and the
// data is never held in pageable memory (a pageable cudaMemcpy would stage it through the
// driver's own buffers: a second host copy). Byte swapping, for big-endian files, is done in the
// pinned block, on the host, between the read and the copy. The call returns once the last copy
// is queued, not done: the blocks go back to the pool with an event on the stream, and the
// array's later users are ordered after the copies on that stream.
//
// A plain file is read faster by several threads at once (a read from the page cache is a
// memory copy that one core does at a fraction of the memory's bandwidth, and a disk serves
// several requests better than one), so a file is read in rounds of kReadThreads pieces: the
// pieces of a round are read in parallel (pread, each into its own block), then their copies
// are queued by the calling thread, which alone touches the stream. Two sets of blocks
// alternate, so a round is read while the copies of the round before run; an event per set says
// when its blocks may be refilled. A member of a zip archive is read piece after piece.
constexpr std::size_t kReadBuffers = 3;
constexpr std::size_t kReadThreads = 4;

namespace {

[[noreturn]] void throw_errno(const std::string& what, const char* action) {
  throw value_error(what + ": cannot " + action + ": " + std::strerror(errno));
}

/// A file descriptor closed on every way out.
class unique_fd {
 public:
  explicit unique_fd(int fd) noexcept : fd_(fd) {}
  ~unique_fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  unique_fd(const unique_fd&) = delete;
  unique_fd& operator=(const unique_fd&) = delete;
  int get() const noexcept { return fd_; }

 private:
  int fd_;
};

/// A file opened for reading, with its size.
class file_reader final : public byte_reader {
 public:
  explicit file_reader(const std::string& path) : path_(path), fd_(::open(path.c_str(), O_RDONLY)) {
    if (fd_.get() < 0) throw_errno(path, "open the file");
    struct stat st {};
    if (::fstat(fd_.get(), &st) != 0) throw_errno(path, "read the file's size");
    CUPP_EXPECTS(!S_ISDIR(st.st_mode), value_error, path + ": is a directory");
    size_ = static_cast<std::uint64_t>(st.st_size);
  }
  std::size_t read(void* dst, std::size_t n) override {
    std::size_t done = 0;
    while (done < n) {
      const ssize_t r = ::read(fd_.get(), static_cast<char*>(dst) + done, n - done);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) throw_errno(path_, "read the file");
      if (r == 0) break;
      done += static_cast<std::size_t>(r);
    }
    return done;
  }
  bool positioned() const noexcept override { return true; }
  std::size_t read_at(void* dst, std::size_t n, std::uint64_t offset) override {
    const off_t base = ::lseek(fd_.get(), 0, SEEK_CUR);
    if (base < 0) throw_errno(path_, "seek");
    std::size_t done = 0;
    while (done < n) {
      const ssize_t r = ::pread(fd_.get(), static_cast<char*>(dst) + done, n - done,
                                base + static_cast<off_t>(offset + done));
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) throw_errno(path_, "read the file");
      if (r == 0) break;
      done += static_cast<std::size_t>(r);
    }
    return done;
  }
  void skip(std::uint64_t bytes) {
    if (::lseek(fd_.get(), static_cast<off_t>(bytes), SEEK_CUR) < 0) throw_errno(path_, "seek");
  }
  std::uint64_t size() const noexcept { return size_; }

 private:
  std::string path_;
  unique_fd fd_;
  std::uint64_t size_ = 0;
};

}  // namespace

// Note [Files appear whole]: a file is written under a temporary name in its directory
// (created with O_EXCL and mode 0666, so the umask applies as to any new file) and renamed to
// its name only once every byte is written; on any failure the temporary is removed. A reader
// sees the old file or the complete new one, never a part, and a failed save leaves no file.
// The temporary is created by the first write, so that a writer that checks its input while
// making its first piece (savetxt's format) leaves nothing behind when the check fails.
atomic_file::~atomic_file() {
  if (fd_ >= 0) ::close(fd_);
  if (!tmp_.empty() && !committed_) ::unlink(tmp_.c_str());
}

void atomic_file::open_temporary() {
  static std::atomic<unsigned> counter{0};
  for (int attempt = 0;; ++attempt) {
    tmp_ = path_ + ".tmp" + std::to_string(::getpid()) + "." + std::to_string(counter.fetch_add(1));
    fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ >= 0) return;
    if (errno != EEXIST || attempt > 100) {
      const int err = errno;
      tmp_.clear();
      errno = err;
      throw_errno(path_, "create the file");
    }
  }
}

void atomic_file::write(const void* data, std::size_t n) {
  if (fd_ < 0) open_temporary();
  const char* p = static_cast<const char*>(data);
  while (n > 0) {
    const ssize_t w = ::write(fd_, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) throw_errno(path_, "write the file");
    p += w;
    n -= static_cast<std::size_t>(w);
  }
}

void atomic_file::commit() {
  if (fd_ < 0) open_temporary();  // an empty file
  const int fd = std::exchange(fd_, -1);
  if (::close(fd) != 0) throw_errno(path_, "write the file");
  if (::rename(tmp_.c_str(), path_.c_str()) != 0) throw_errno(path_, "rename the file into place");
  committed_ = true;
}

namespace {

/// Writes the elements of `data` (C order) after `prefix`, streamed from the device piece by
/// piece as they arrive (Note [Staged device-to-host copies] in src/core/array_desc.cpp).
void write_file(const std::string& path, const std::string& prefix, const array_desc& data) {
  atomic_file out(path);
  out.write(prefix.data(), prefix.size());
  to_host(
      data,
      [](void* file, const void* piece, std::size_t bytes) {
        static_cast<atomic_file*>(file)->write(piece, bytes);
      },
      &out);
  out.commit();
}

void byte_swap(char* p, std::size_t bytes, std::size_t unit) {
  switch (unit) {
    case 2:
      for (std::size_t i = 0; i + 2 <= bytes; i += 2) {
        std::uint16_t v;
        std::memcpy(&v, p + i, 2);
        v = __builtin_bswap16(v);
        std::memcpy(p + i, &v, 2);
      }
      break;
    case 4:
      for (std::size_t i = 0; i + 4 <= bytes; i += 4) {
        std::uint32_t v;
        std::memcpy(&v, p + i, 4);
        v = __builtin_bswap32(v);
        std::memcpy(p + i, &v, 4);
      }
      break;
    case 8:
      for (std::size_t i = 0; i + 8 <= bytes; i += 8) {
        std::uint64_t v;
        std::memcpy(&v, p + i, 8);
        v = __builtin_bswap64(v);
        std::memcpy(p + i, &v, 8);
      }
      break;
    default:
      break;
  }
}

/// Fills `bytes` of contiguous device memory at `dst` from `in` (Note [Staged file reads]).
/// `swap_unit` > 1 reverses the bytes of each unit. Throws value_error (with `truncated`'s
/// message) when `in` ends early.
void parallel_upload(byte_reader& in, char* dst, std::size_t bytes, std::size_t swap_unit,
                     const std::string& truncated, cudaStream_t stream) {
  const std::size_t pieces = (bytes + kStagingChunk - 1) / kStagingChunk;
  const std::size_t width = std::min(kReadThreads, pieces);
  const std::size_t sets = pieces > width ? 2 : 1;
  std::array<std::array<std::shared_ptr<void>, kReadThreads>, 2> blocks;
  for (std::size_t s = 0; s < sets; ++s)
    for (std::size_t i = 0; i < width; ++i)
      blocks[s][i] = cuda::allocate_pinned(kStagingChunk, stream);
  std::array<cuda::Event, 2> done;
  const auto length = [&](std::size_t k) {
    return std::min(kStagingChunk, bytes - k * kStagingChunk);
  };
  for (std::size_t first = 0, round = 0; first < pieces; first += width, ++round) {
    const std::size_t s = round % 2;
    if (round >= 2) done[s].synchronize();
    const std::size_t n = std::min(width, pieces - first);
    const auto read_piece = [&](std::size_t i) {
      const std::size_t k = first + i;
      char* block = static_cast<char*>(blocks[s][i].get());
      CUPP_EXPECTS(in.read_at(block, length(k), k * kStagingChunk) == length(k), value_error,
                   truncated);
      if (swap_unit > 1) byte_swap(block, length(k), swap_unit);
    };
    std::vector<std::future<void>> others;
    for (std::size_t i = 1; i < n; ++i)
      others.push_back(std::async(std::launch::async, read_piece, i));
    // Every reader is waited for before an error leaves: they use this frame's blocks.
    std::exception_ptr error;
    try {
      read_piece(0);
    } catch (...) {
      error = std::current_exception();
    }
    for (auto& f : others) {
      try {
        f.get();
      } catch (...) {
        if (!error) error = std::current_exception();
      }
    }
    if (error) std::rethrow_exception(error);
    for (std::size_t i = 0; i < n; ++i)
      CUPP_CHECK_CUDA(cudaMemcpyAsync(dst + (first + i) * kStagingChunk, blocks[s][i].get(),
                                      length(first + i), cudaMemcpyHostToDevice, stream));
    done[s].record(stream);
  }
}

void staged_upload(byte_reader& in, char* dst, std::size_t bytes, std::size_t swap_unit,
                   const std::string& truncated) {
  if (bytes == 0) return;
  const cudaStream_t stream = cuda::get_current_stream();
  cuda::detail::check_not_capturing(
      stream, "reading a file (cupp::load, cupp::fromfile)",
      "a captured copy may not read host memory that changes; load before begin_capture()");
  const std::size_t pieces = (bytes + kStagingChunk - 1) / kStagingChunk;
  if (pieces > 1 && in.positioned()) {
    parallel_upload(in, dst, bytes, swap_unit, truncated, stream);
    return;
  }
  const std::size_t buffers = std::min(kReadBuffers, pieces);
  std::array<std::shared_ptr<void>, kReadBuffers> blocks;
  for (std::size_t b = 0; b < buffers; ++b)
    blocks[b] = cuda::allocate_pinned(std::min(kStagingChunk, bytes), stream);
  std::array<cuda::Event, kReadBuffers> done;
  for (std::size_t k = 0; k < pieces; ++k) {
    const std::size_t b = k % buffers;
    if (k >= buffers) done[b].synchronize();
    const std::size_t length = std::min(kStagingChunk, bytes - k * kStagingChunk);
    char* block = static_cast<char*>(blocks[b].get());
    CUPP_EXPECTS(in.read(block, length) == length, value_error, truncated);
    if (swap_unit > 1) byte_swap(block, length, swap_unit);
    CUPP_CHECK_CUDA(
        cudaMemcpyAsync(dst + k * kStagingChunk, block, length, cudaMemcpyHostToDevice, stream));
    done[b].record(stream);
  }
}

}  // namespace

std::uint64_t npy_data_bytes(const npy_header& h, const std::string& what) {
  std::uint64_t n = dtype_itemsize(h.dt);
  for (std::int64_t d : h.shape) {
    CUPP_EXPECTS(d >= 0, value_error, what + ": invalid .npy header: negative dimension in shape");
    if (d != 0 && n > std::numeric_limits<std::uint64_t>::max() / 2 / static_cast<std::uint64_t>(d))
      throw value_error(what + ": invalid .npy header: the shape " + shape_str(h.shape) +
                        " is too large");
    n *= static_cast<std::uint64_t>(d);
  }
  return n;
}

npy_header read_npy_prefix(byte_reader& in, std::uint64_t available, const std::string& what) {
  char pre[12];
  const auto need = [&](std::size_t got, std::size_t want, const char* part) {
    CUPP_EXPECTS(got == want, value_error,
                 what + ": the file is truncated: EOF reading the " + part + ", expected " +
                     std::to_string(want) + " bytes, got " + std::to_string(got));
  };
  const std::size_t got = in.read(pre, 8);
  if (got >= 4 && std::memcmp(pre, "PK\x03\x04", 4) == 0)
    throw value_error(what +
                      ": is a .npz (zip) archive, not a .npy file: read it with "
                      "cupp::load_npz");
  CUPP_EXPECTS(got >= 6 && std::memcmp(pre, "\x93NUMPY", 6) == 0, value_error,
               what +
                   ": not a .npy file: the magic string is not correct; expected "
                   "b'\\x93NUMPY'");
  need(got, 8, "format version");
  const int major = static_cast<unsigned char>(pre[6]);
  const int minor = static_cast<unsigned char>(pre[7]);
  CUPP_EXPECTS((major == 1 || major == 2 || major == 3) && minor == 0, value_error,
               what + ": we only support format version (1,0), (2,0), and (3,0), not (" +
                   std::to_string(major) + ", " + std::to_string(minor) + ")");
  const std::size_t len_size = major == 1 ? 2 : 4;
  need(in.read(pre + 8, len_size), len_size, "header length");
  std::uint64_t header_len = 0;
  for (std::size_t b = 0; b < len_size; ++b)
    header_len |= std::uint64_t{static_cast<unsigned char>(pre[8 + b])} << (8 * b);
  const std::uint64_t prefix = npy_preamble_size(major) + header_len;
  CUPP_EXPECTS(prefix <= available, value_error,
               what + ": the file is truncated: EOF reading the array header, expected " +
                   std::to_string(header_len) + " bytes, got " +
                   std::to_string(available - std::min(available, std::uint64_t(8 + len_size))));
  std::string text(static_cast<std::size_t>(header_len), '\0');
  need(in.read(text.data(), text.size()), text.size(), "array header");
  npy_header h;
  try {
    h = parse_npy_header(text);
  } catch (const value_error& e) {
    throw value_error(what + ": " + e.what());
  }
  const std::uint64_t data = npy_data_bytes(h, what);
  CUPP_EXPECTS(data <= available - prefix, value_error,
               what + ": the file is truncated: the header's shape " + shape_str(h.shape) +
                   " and dtype " + dtype_name(h.dt) + " need " + std::to_string(data) +
                   " bytes of data, the file holds " + std::to_string(available - prefix));
  return h;
}

array upload_npy_data(byte_reader& in, const npy_header& h, const std::string& what) {
  // Fortran order: the file holds the C order of the reversed shape, the F order of the shape.
  const shape_t stored = h.fortran_order ? shape_t(h.shape.rbegin(), h.shape.rend()) : h.shape;
  array_desc d = make_array(stored, h.dt);
  if (h.fortran_order) {
    d.shape = h.shape;
    d.strides = f_strides(h.shape);
  }
  const std::size_t item = dtype_itemsize(h.dt);
  const bool is_complex = h.dt == dtype::complex64 || h.dt == dtype::complex128;
  const std::size_t bytes = static_cast<std::size_t>(d.size()) * item;
  staged_upload(in, d.ptr, bytes, h.swap ? (is_complex ? item / 2 : item) : 0,
                what + ": the file is truncated: it ended before the array's " +
                    std::to_string(bytes) + " bytes of data");
  return array(std::move(d));
}

void write_file_bytes(const std::string& path, const std::string& bytes) {
  atomic_file out(path);
  out.write(bytes.data(), bytes.size());
  out.commit();
}

npy_layout npy_layout_of(const array& a) {
  const bool fortran = a.is_f_contiguous() && !a.is_c_contiguous();
  return {fortran ? reversed_axes(a.desc()) : a.desc(), fortran};
}

}  // namespace detail::io

void save(const std::string& file, const array& a) {
  const std::string path = detail::io::ends_with(file, ".npy") ? file : file + ".npy";
  const detail::io::npy_layout layout = detail::io::npy_layout_of(a);
  detail::io::write_file(path, detail::npy_prefix(a.dtype(), layout.fortran_order, a.shape()),
                         layout.data);
}

array load(const std::string& file) {
  detail::io::file_reader in(file);
  const detail::npy_header h = detail::io::read_npy_prefix(in, in.size(), file);
  return detail::io::upload_npy_data(in, h, file);
}

array fromfile(const std::string& file, dtype dt, std::int64_t count, std::int64_t offset) {
  CUPP_EXPECTS(count >= -1, value_error,
               "fromfile: count must be -1 or non-negative, got " + std::to_string(count));
  CUPP_EXPECTS(offset >= 0, value_error,
               "fromfile: offset must be non-negative, got " + std::to_string(offset));
  detail::io::file_reader in(file);
  const std::uint64_t size = in.size();
  const auto skip = static_cast<std::uint64_t>(offset);
  CUPP_EXPECTS(skip <= size, value_error,
               file + ": offset " + std::to_string(offset) + " is past the end of the file (" +
                   std::to_string(size) + " bytes)");
  const std::uint64_t item = dtype_itemsize(dt);
  const std::uint64_t held = (size - skip) / item;
  CUPP_EXPECTS(count == -1 || static_cast<std::uint64_t>(count) <= held, value_error,
               file + ": fromfile asked for " + std::to_string(count) + " " + dtype_name(dt) +
                   " elements after offset " + std::to_string(offset) + "; the file holds " +
                   std::to_string(held));
  const std::int64_t n = count == -1 ? static_cast<std::int64_t>(held) : count;
  in.skip(skip);
  detail::array_desc d = detail::make_array(shape_t{n}, dt);
  detail::io::staged_upload(in, d.ptr, static_cast<std::size_t>(n) * item, 0,
                            file + ": the file changed while it was read");
  return array(std::move(d));
}

namespace detail {
void tofile(const array_desc& a, const std::string& file) { io::write_file(file, "", a); }
}  // namespace detail

}  // namespace cupp
