// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "disk_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>

namespace cupp::jit::detail {

// ---- hash ----------------------------------------------------------------------------------

namespace {
constexpr std::uint64_t kPrime1 = 0x9e3779b185ebca87ull;  // xxHash64's primes
constexpr std::uint64_t kPrime2 = 0xc2b2ae3d27d4eb4full;
constexpr std::uint64_t kMix1 = 0xbf58476d1ce4e5b9ull;  // splitmix64's multipliers
constexpr std::uint64_t kMix2 = 0x94d049bb133111ebull;

inline std::uint64_t rotl(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

inline std::uint64_t splitmix(std::uint64_t z) {
  z ^= z >> 30;
  z *= kMix1;
  z ^= z >> 27;
  z *= kMix2;
  return z ^ (z >> 31);
}

inline std::uint64_t murmur_fmix(std::uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdull;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ull;
  return k ^ (k >> 33);
}

inline std::uint64_t load64(const unsigned char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}
}  // namespace

void hasher128::word(std::uint64_t w) {
  // Two lanes that mix each word differently (xxHash64's round; splitmix64 of the word), so that
  // a collision in one lane says nothing about the other.
  a_ = rotl(a_ + w * kPrime2, 31) * kPrime1;
  b_ = rotl(b_ ^ splitmix(w + 0x9e3779b97f4a7c15ull), 27) * kMix1 + kPrime2;
}

hasher128& hasher128::update(const void* data, std::size_t n) {
  const auto* p = static_cast<const unsigned char*>(data);
  total_ += n;
  if (buffered_ > 0) {
    const std::size_t take = std::min(n, sizeof buf_ - buffered_);
    std::memcpy(buf_ + buffered_, p, take);
    buffered_ += take;
    p += take;
    n -= take;
    if (buffered_ < sizeof buf_) return *this;
    word(load64(buf_));
    buffered_ = 0;
  }
  for (; n >= 8; p += 8, n -= 8) word(load64(p));
  std::memcpy(buf_, p, n);
  buffered_ = n;
  return *this;
}

hasher128& hasher128::field(std::string_view s) {
  field(static_cast<std::uint64_t>(s.size()));
  return update(s.data(), s.size());
}

hasher128& hasher128::field(std::uint64_t v) { return update(&v, sizeof v); }

hash128 hasher128::finish() const {
  hasher128 h = *this;
  if (h.buffered_ > 0) {
    unsigned char last[8] = {};
    std::memcpy(last, h.buf_, h.buffered_);
    h.word(load64(last));
  }
  return {murmur_fmix(h.a_ ^ total_), splitmix(h.b_ + rotl(total_, 32))};
}

std::string hash128::hex() const {
  char s[33];
  std::snprintf(s, sizeof s, "%016llx%016llx", static_cast<unsigned long long>(hi),
                static_cast<unsigned long long>(lo));
  return s;
}

hash128 hash_bytes(std::string_view bytes) {
  return hasher128().update(bytes.data(), bytes.size()).finish();
}

// ---- file format ---------------------------------------------------------------------------

// Note [Cache file format]: `<key>.bin`, native byte order (a cache belongs to one machine):
//
//   offset  size  field
//        0     8  magic "CUPPJIT\0"
//        8     4  format version (kFormatVersion)
//       12     4  meta size M
//       16    16  the full key (hi, lo)
//       32     8  payload size P
//       40    16  checksum (hi, lo): hash128 of the M + P bytes that follow the header
//       56     M  meta: target, then the (name expression, lowered name) pairs, each string as a
//                 u32 length and its bytes
//    56 + M    P  payload: the cubin or the PTX
//
// A file is used only when every field checks out and its size is exactly 56 + M + P; anything
// else (truncated, zero-length, a flipped bit anywhere, another format version, another key
// under this name) is a miss, counted in cache_stats::invalid_files, and the recompiled entry
// replaces the file. Every bit is covered: a flip in magic, version or key fails its comparison,
// in a size the size check, in the checksum or the body the checksum.
//
// Files are written to a unique temporary name in the same directory (mkstemp) and renamed into
// place; rename is atomic within a file system, so a reader sees the old file, the new one or
// none, never half of one, and writers racing on one key each install a whole file (the last
// one stays). There is no fsync: a file torn by a crash fails its checksum and is recompiled.
namespace {
constexpr char kMagic[8] = {'C', 'U', 'P', 'P', 'J', 'I', 'T', '\0'};
constexpr std::uint32_t kFormatVersion = 1;
constexpr std::size_t kHeaderSize = 56;
constexpr std::uint64_t kMaxFileSize = std::uint64_t{1} << 30;

template <class T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

void put_string(std::string& out, std::string_view s) {
  put(out, static_cast<std::uint32_t>(s.size()));
  out.append(s.data(), s.size());
}

template <class T>
T get(std::string_view in, std::size_t offset) {
  T v;
  std::memcpy(&v, in.data() + offset, sizeof v);
  return v;
}

/// Reads strings from the meta section; ok() turns false on a read past its end.
class meta_reader {
 public:
  meta_reader(std::string_view bytes, std::size_t begin, std::size_t end)
      : bytes_(bytes), pos_(begin), end_(end) {}
  bool string(std::string& out) {
    if (end_ - pos_ < 4) return ok_ = false;
    const auto n = get<std::uint32_t>(bytes_, pos_);
    pos_ += 4;
    if (end_ - pos_ < n) return ok_ = false;
    out.assign(bytes_.substr(pos_, n));
    pos_ += n;
    return true;
  }
  bool u32(std::uint32_t& out) {
    if (end_ - pos_ < 4) return ok_ = false;
    out = get<std::uint32_t>(bytes_, pos_);
    pos_ += 4;
    return true;
  }
  bool at_end() const { return ok_ && pos_ == end_; }

 private:
  std::string_view bytes_;
  std::size_t pos_, end_;
  bool ok_ = true;
};

}  // namespace

std::string encode_module_meta(const compiled_module& m) {
  std::string meta;
  put_string(meta, m.target);
  put(meta, static_cast<std::uint32_t>(m.lowered_names.size()));
  for (const auto& [expression, lowered] : m.lowered_names) {
    put_string(meta, expression);
    put_string(meta, lowered);
  }
  return meta;
}

bool decode_module_meta(std::string_view meta, compiled_module& m) {
  meta_reader r(meta, 0, meta.size());
  std::uint32_t n = 0;
  if (!r.string(m.target) || !r.u32(n)) return false;
  m.lowered_names.clear();
  for (std::uint32_t i = 0; i < n; ++i) {
    std::string expression, lowered;
    if (!r.string(expression) || !r.string(lowered)) return false;
    m.lowered_names.emplace_back(std::move(expression), std::move(lowered));
  }
  return r.at_end();
}

namespace {

std::string serialize(const hash128& key, const compiled_module& m) {
  const std::string meta = encode_module_meta(m);
  hasher128 body;
  body.update(meta.data(), meta.size()).update(m.image.data(), m.image.size());
  const hash128 checksum = body.finish();

  std::string out;
  out.reserve(kHeaderSize + meta.size() + m.image.size());
  out.append(kMagic, sizeof kMagic);
  put(out, kFormatVersion);
  put(out, static_cast<std::uint32_t>(meta.size()));
  put(out, key.hi);
  put(out, key.lo);
  put(out, static_cast<std::uint64_t>(m.image.size()));
  put(out, checksum.hi);
  put(out, checksum.lo);
  out += meta;
  out += m.image;
  return out;
}

bool deserialize(const std::string& file, const hash128& key, compiled_module& out) {
  if (file.size() < kHeaderSize) return false;
  if (std::memcmp(file.data(), kMagic, sizeof kMagic) != 0) return false;
  if (get<std::uint32_t>(file, 8) != kFormatVersion) return false;
  const std::uint64_t meta_size = get<std::uint32_t>(file, 12);
  if (get<std::uint64_t>(file, 16) != key.hi || get<std::uint64_t>(file, 24) != key.lo)
    return false;
  const auto payload_size = get<std::uint64_t>(file, 32);
  if (payload_size > kMaxFileSize || kHeaderSize + meta_size + payload_size != file.size())
    return false;
  const hash128 stored{get<std::uint64_t>(file, 48), get<std::uint64_t>(file, 40)};
  if (hash_bytes(std::string_view(file).substr(kHeaderSize)) != stored) return false;

  compiled_module m;
  if (!decode_module_meta(std::string_view(file).substr(kHeaderSize, meta_size), m)) return false;
  m.image.assign(file, kHeaderSize + meta_size, payload_size);
  m.key = key.hex();
  out = std::move(m);
  return true;
}

bool read_whole_file(const std::string& path, std::string& out, bool& exists) {
  exists = false;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  exists = true;
  struct stat st {};
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
            static_cast<std::uint64_t>(st.st_size) <= kMaxFileSize;
  if (ok) {
    out.resize(static_cast<std::size_t>(st.st_size));
    std::size_t done = 0;
    while (done < out.size()) {
      const ssize_t r = ::read(fd, out.data() + done, out.size() - done);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) break;
      done += static_cast<std::size_t>(r);
    }
    ok = done == out.size();
  }
  ::close(fd);
  return ok;
}

/// mkdir -p, each directory it creates with mode 0700. Returns 0 or the errno that stopped it.
int make_directories(const std::string& dir) {
  std::size_t pos = 0;
  while (pos != std::string::npos) {
    pos = dir.find('/', pos + 1);
    const std::string prefix = dir.substr(0, pos);
    if (prefix.empty() || prefix == "." || prefix == "..") continue;
    if (::mkdir(prefix.c_str(), 0700) == 0) {
      ::chmod(prefix.c_str(), 0700);  // whatever the umask took away
    } else if (errno != EEXIST) {
      return errno;
    }
  }
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) return errno;
  return S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
}
}  // namespace

// ---- disk_cache ----------------------------------------------------------------------------

disk_cache::disk_cache(std::string dir, bool save_source)
    : dir_(std::move(dir)), save_source_(save_source) {
  while (dir_.size() > 1 && dir_.back() == '/') dir_.pop_back();
}

std::string disk_cache::path_for(const std::string& key_hex) const {
  return dir_.empty() ? std::string() : dir_ + "/" + key_hex + ".bin";
}

void disk_cache::warn_once(const std::string& message) {
  // Note [One warning]: a cache that cannot be used costs speed, not correctness, so it is
  // reported once per compiler (once per process for the default one) and never thrown.
  if (!warned_.exchange(true)) std::fprintf(stderr, "cupp: warning: %s\n", message.c_str());
}

bool disk_cache::ensure_directory() {
  std::call_once(dir_once_, [this] {
    if (dir_.empty()) return;
    const int err = make_directories(dir_);
    if (err == 0) {
      readable_ = true;
      writable_ = true;
    } else {
      warn_once("cannot create the kernel cache directory '" + dir_ + "' (" + std::strerror(err) +
                "); compiled kernels are cached in memory only");
    }
  });
  return readable_.load();
}

disk_cache::read_result disk_cache::read(const hash128& key, compiled_module& out) {
  if (!ensure_directory()) return read_result::miss;
  std::string bytes;
  bool exists = false;
  const bool complete = read_whole_file(path_for(key.hex()), bytes, exists);
  if (!exists) return read_result::miss;
  if (!complete || !deserialize(bytes, key, out)) return read_result::invalid;
  return read_result::hit;
}

bool disk_cache::write_file(const std::string& path, std::string_view bytes, const char* kind) {
  const auto slash = path.rfind('/');
  std::string tmp = dir_ + "/." + path.substr(slash + 1) + ".tmp.XXXXXX";
  int err = 0;
  const int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) {
    err = errno;
  } else {
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t w = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) {
        err = errno;
        break;
      }
      done += static_cast<std::size_t>(w);
    }
    if (::close(fd) != 0 && err == 0) err = errno;
    if (err == 0 && ::rename(tmp.c_str(), path.c_str()) != 0) err = errno;
    if (err != 0) ::unlink(tmp.c_str());
  }
  if (err == 0) return true;
  writable_ = false;
  warn_once(std::string("cannot write ") + kind + " to the kernel cache directory '" + dir_ +
            "' (" + std::strerror(err) + "); compiled kernels are cached in memory only");
  return false;
}

bool disk_cache::write(const hash128& key, const compiled_module& m, std::string_view source) {
  if (!ensure_directory() || !writable_.load()) return false;
  const std::string hex = key.hex();
  if (!write_file(path_for(hex), serialize(key, m), "a kernel")) return false;
  if (save_source_) write_file(dir_ + "/" + hex + ".cu", source, "a kernel source");
  return true;
}

}  // namespace cupp::jit::detail
