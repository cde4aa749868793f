// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// .npz archives (numpy.savez, numpy.savez_compressed, numpy.lib.npyio.NpzFile) through libzip.
#include <cuda_runtime_api.h>
#include <zip.h>

#include <algorithm>
#include <ctime>
#include <exception>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/cuda/memory.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/io/npy.hpp"
#include "io_internal.hpp"

namespace cupp {

// Note [Writing .npz members]: libzip reads each member's bytes when the archive is closed,
// from a source it pulls pieces of (a few kB at a time). A member is such a source over the
// array: its .npy prefix, then its data copied from the device one kStagingChunk piece at a time
// into a pinned block from the pinned pool, so no host copy of a whole array is made and the
// arrays stay on the device until zip_close. Compression (deflate, for savez_compressed) is
// libzip's, at zlib's default level 6 as Python's zipfile uses. libzip writes the archive to a
// temporary file in the same directory and renames it at the end, and removes the temporary
// on failure, so a failed savez leaves no archive (Note [Files appear whole] in src/io/npy.cpp).

namespace detail::io {
namespace {

/// One member of an archive being written: the bytes of a .npy file of `layout`, pulled by
/// libzip through callback().
class member_source {
 public:
  member_source(const array& a) : layout_(npy_layout_of(a)) {
    prefix_ = npy_prefix(a.dtype(), layout_.fortran_order, a.shape());
    // The elements in the file's order, contiguous on the device (a copy only when `a` is not).
    if (!is_c_contiguous(layout_.data.shape, layout_.data.strides))
      layout_.data = copy(layout_.data);
    data_bytes_ = static_cast<std::uint64_t>(layout_.data.size()) * layout_.data.itemsize();
    zip_error_init(&error_);
  }
  ~member_source() { zip_error_fini(&error_); }
  member_source(const member_source&) = delete;
  member_source& operator=(const member_source&) = delete;

  std::uint64_t size() const noexcept { return prefix_.size() + data_bytes_; }
  const std::exception_ptr& failure() const noexcept { return failure_; }

  static zip_int64_t callback(void* self, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
    auto* m = static_cast<member_source*>(self);
    try {
      return m->handle(data, len, cmd);
    } catch (...) {  // no exception may cross libzip's C frames: kept, rethrown after zip_close
      m->failure_ = std::current_exception();
      zip_error_set(&m->error_, ZIP_ER_INTERNAL, 0);
      return -1;
    }
  }

 private:
  zip_int64_t handle(void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
    switch (cmd) {
      case ZIP_SOURCE_OPEN:
        pos_ = 0;
        return 0;
      case ZIP_SOURCE_READ:
        return static_cast<zip_int64_t>(read(static_cast<char*>(data), len));
      case ZIP_SOURCE_CLOSE:
        block_.reset();
        block_start_ = block_end_ = 0;
        return 0;
      case ZIP_SOURCE_STAT: {
        auto* st = static_cast<zip_stat_t*>(data);
        zip_stat_init(st);
        st->size = size();
        st->comp_size = size();
        st->comp_method = ZIP_CM_STORE;
        st->encryption_method = ZIP_EM_NONE;
        st->mtime = std::time(nullptr);
        st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD |
                    ZIP_STAT_ENCRYPTION_METHOD | ZIP_STAT_MTIME;
        return sizeof(zip_stat_t);
      }
      case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&error_, data, len);
      case ZIP_SOURCE_FREE:
        return 0;  // owned by the savez call
      case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                              ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                              static_cast<zip_source_cmd_t>(-1));
      default:
        zip_error_set(&error_, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
  }

  std::size_t read(char* out, std::size_t len) {
    std::size_t done = 0;
    while (done < len && pos_ < size()) {
      if (pos_ < prefix_.size()) {
        const std::size_t n = std::min<std::size_t>(len - done, prefix_.size() - pos_);
        std::copy_n(prefix_.data() + pos_, n, out + done);
        done += n, pos_ += n;
        continue;
      }
      const std::uint64_t at = pos_ - prefix_.size();  // offset in the data
      if (!(at >= block_start_ && at < block_end_)) fill_block(at);
      const std::size_t n = std::min<std::size_t>(len - done, block_end_ - at);
      std::copy_n(static_cast<const char*>(block_.get()) + (at - block_start_), n, out + done);
      done += n, pos_ += n;
    }
    return done;
  }

  void fill_block(std::uint64_t at) {
    const cudaStream_t stream = cuda::get_current_stream();
    const std::size_t n =
        static_cast<std::size_t>(std::min<std::uint64_t>(kStagingChunk, data_bytes_ - at));
    if (!block_)
      block_ = cuda::allocate_pinned(std::min<std::uint64_t>(kStagingChunk, data_bytes_), stream);
    CUPP_CHECK_CUDA(
        cudaMemcpyAsync(block_.get(), layout_.data.ptr + at, n, cudaMemcpyDeviceToHost, stream));
    CUPP_CHECK_CUDA(cudaStreamSynchronize(stream));
    block_start_ = at;
    block_end_ = at + n;
  }

  npy_layout layout_;
  std::string prefix_;
  std::uint64_t data_bytes_ = 0;
  std::uint64_t pos_ = 0;
  std::shared_ptr<void> block_;
  std::uint64_t block_start_ = 0, block_end_ = 0;
  zip_error_t error_;
  std::exception_ptr failure_;
};

/// zip_t, discarded (nothing written) unless closed.
struct zip_handle {
  zip_t* z = nullptr;
  ~zip_handle() {
    if (z != nullptr) zip_discard(z);
  }
};

std::string zip_message(int code) {
  zip_error_t e;
  zip_error_init_with_code(&e, code);
  std::string s = zip_error_strerror(&e);
  zip_error_fini(&e);
  return s;
}

void write_npz(const std::string& file, const named_arrays& arrays, bool compress) {
  const std::string path = ends_with(file, ".npz") ? file : file + ".npz";
  std::set<std::string> names;
  for (const auto& [name, a] : arrays)
    CUPP_EXPECTS(names.insert(name).second, value_error,
                 "savez: the name '" + name + "' is given twice");
  if (arrays.empty()) {
    // libzip removes an archive left with no members; NumPy writes an empty zip file.
    write_file_bytes(path, std::string("PK\x05\x06", 4) + std::string(18, '\0'));
    return;
  }
  const cudaStream_t stream = cuda::get_current_stream();
  cuda::detail::check_not_capturing(stream, "savez", "writing a file reads the array on the host");
  std::vector<std::unique_ptr<member_source>> members;
  zip_handle za;
  int code = 0;
  za.z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  CUPP_EXPECTS(za.z != nullptr, value_error,
               path + ": cannot create the archive: " + zip_message(code));
  const auto fail = [&](const char* action) {
    throw value_error(path + ": cannot " + action + ": " + zip_strerror(za.z));
  };
  for (const auto& [name, a] : arrays) {
    members.push_back(std::make_unique<member_source>(a));
    zip_source_t* src = zip_source_function(za.z, &member_source::callback, members.back().get());
    if (src == nullptr) fail("add a member");
    const zip_int64_t index = zip_file_add(za.z, (name + ".npy").c_str(), src, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(src);
      fail("add a member");
    }
    if (zip_set_file_compression(za.z, static_cast<zip_uint64_t>(index),
                                 compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, compress ? 6 : 0) != 0)
      fail("set a member's compression");
  }
  if (zip_close(za.z) != 0) {
    for (const auto& m : members)
      if (m->failure()) std::rethrow_exception(m->failure());
    fail("write the archive");
  }
  za.z = nullptr;
}

named_arrays positional(const std::vector<array>& arrays) {
  named_arrays out;
  for (std::size_t i = 0; i < arrays.size(); ++i)
    out.emplace_back("arr_" + std::to_string(i), arrays[i]);
  return out;
}

/// A member of an archive being read.
class member_reader final : public byte_reader {
 public:
  member_reader(zip_t* z, zip_uint64_t index, const std::string& what) : what_(what) {
    f_ = zip_fopen_index(z, index, 0);
    CUPP_EXPECTS(f_ != nullptr, value_error, what + ": cannot open the member: " + zip_strerror(z));
  }
  ~member_reader() override { zip_fclose(f_); }
  member_reader(const member_reader&) = delete;
  member_reader& operator=(const member_reader&) = delete;
  std::size_t read(void* dst, std::size_t n) override {
    std::size_t done = 0;
    while (done < n) {
      const zip_int64_t r = zip_fread(f_, static_cast<char*>(dst) + done, n - done);
      CUPP_EXPECTS(r >= 0, value_error,
                   what_ + ": cannot read the member: " + zip_file_strerror(f_));
      if (r == 0) break;
      done += static_cast<std::size_t>(r);
    }
    return done;
  }

 private:
  std::string what_;
  zip_file_t* f_ = nullptr;
};

}  // namespace
}  // namespace detail::io

struct npz_file::impl {
  std::string path;
  zip_t* z = nullptr;
  std::vector<std::string> members;  // the archive's names
  std::vector<std::string> files;    // the names NumPy shows: "a" for "a.npy"
  std::mutex mutex;                  // a zip_t is not for several threads at once
  ~impl() {
    if (z != nullptr) zip_discard(z);  // opened read-only: nothing to write
  }
};

const std::vector<std::string>& npz_file::files() const noexcept { return impl_->files; }

bool npz_file::contains(const std::string& name) const {
  // As NpzFile.__contains__: a name of files() or of the archive's members ("a" or "a.npy").
  const auto has = [&](const std::vector<std::string>& v) {
    return std::find(v.begin(), v.end(), name) != v.end();
  };
  return has(impl_->files) || has(impl_->members);
}

array npz_file::operator[](const std::string& name) const {
  // As NpzFile.__getitem__: the member's own name first, then the name with ".npy".
  const auto& m = impl_->members;
  auto it = std::find(m.begin(), m.end(), name);
  if (it == m.end()) it = std::find(m.begin(), m.end(), name + ".npy");
  CUPP_EXPECTS(it != m.end(), index_error, "'" + name + "' is not a file in the archive");
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  const auto index = static_cast<zip_uint64_t>(it - m.begin());
  const std::string what = impl_->path + "[" + *it + "]";
  zip_stat_t st;
  CUPP_EXPECTS(zip_stat_index(impl_->z, index, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE),
               value_error, what + ": cannot read the member: " + zip_strerror(impl_->z));
  detail::io::member_reader in(impl_->z, index, what);
  const detail::npy_header h = detail::io::read_npy_prefix(in, st.size, what);
  return detail::io::upload_npy_data(in, h, what);
}

npz_file load_npz(const std::string& file) {
  auto p = std::make_shared<npz_file::impl>();
  p->path = file;
  int code = 0;
  p->z = zip_open(file.c_str(), ZIP_RDONLY, &code);
  CUPP_EXPECTS(p->z != nullptr, value_error,
               file + ": cannot read it as a .npz archive: " + detail::io::zip_message(code));
  const zip_int64_t n = zip_get_num_entries(p->z, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* name = zip_get_name(p->z, static_cast<zip_uint64_t>(i), 0);
    CUPP_EXPECTS(name != nullptr, value_error,
                 file + ": cannot read the archive's names: " + zip_strerror(p->z));
    std::string s = name;
    p->members.push_back(s);
    if (detail::io::ends_with(s, ".npy")) s.resize(s.size() - 4);
    p->files.push_back(std::move(s));
  }
  return npz_file(std::move(p));
}

void savez(const std::string& file, const named_arrays& arrays) {
  detail::io::write_npz(file, arrays, false);
}
void savez(const std::string& file, const std::vector<array>& arrays) {
  detail::io::write_npz(file, detail::io::positional(arrays), false);
}
void savez_compressed(const std::string& file, const named_arrays& arrays) {
  detail::io::write_npz(file, arrays, true);
}
void savez_compressed(const std::string& file, const std::vector<array>& arrays) {
  detail::io::write_npz(file, detail::io::positional(arrays), true);
}

}  // namespace cupp
