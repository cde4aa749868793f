// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/jit/bundle.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

#include "bundle_internal.hpp"
#include "cupp/config.hpp"
#include "cupp/core/error.hpp"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "kernel bundles and record files are little-endian; this target is not"
#endif

namespace cupp::jit {

// Note [Kernel record file]: a text file of entries appended one after another, so that several
// runs (and processes) can record into one file. Each entry is
//
//   cupp-kernel 1 <number of options> <number of name expressions>\n
//   <length>:<bytes>\n     once per option, then per name expression, then for the source
//
// with lengths in decimal bytes, so sources hold any text. Each entry is written with one
// write() on a file opened with O_APPEND, so entries of processes recording at once do not
// interleave. A process records each distinct key once; the same kernel recorded by several
// processes (or for several architectures) appears several times, and read_kernel_records()
// keeps the first. A record file is a list of kernels to build, not a cache: it holds no
// binary, and it does not depend on the GPU it was recorded on.
//
// Note [Kernel bundle format]: little-endian, one file:
//
//   offset  size  field
//        0     8  magic "CUPPBNDL"
//        8     4  format version (kBundleVersion)
//       12     4  zero
//       16    16  stamp: cupp's version, NUL-padded
//       32     4  stamp: NVRTC's major version
//       36     4  stamp: NVRTC's minor version
//       40    16  stamp: hash of the embedded device headers (hi, lo)
//       56     8  total size of the file
//       64    16  checksum (hi, lo): hash128 of every byte from offset 80 to the end
//       80     -  body: u32 count of cubin architectures, each as a u32 (90); u32 PTX
//                 architecture (0: none); u32 distinct kernels; u32 entries N; then N index
//                 rows {key hi u64, key lo u64, offset u64, size u64} sorted by key; then the
//                 entries, each {u32 meta size M, u64 image size P, M bytes of meta as in a
//                 cache file (Note [Cache file format]), P bytes of cubin or PTX}.
//
// Each entry is keyed exactly as the compiler's cache (Note [Kernel cache key]): the key of the
// kernel for target sm_XY of every architecture built, and for compute_XY of the PTX. A lookup
// is the key the disk cache would use, found by binary search. The key already covers cupp's
// and NVRTC's versions, so a stale bundle could only miss; the stamp lets it be recognised as
// stale once, at registration, with one warning instead of a silent miss per kernel.
//
// The stamp lies outside the checksum: a damaged stamp makes a bundle look stale (ignored,
// with its warning), never wrong, and a test or a packager can see a bundle's stamp without
// hashing the body. Everything else is checked: magic, format, size and checksum at
// registration (a failure throws cupp::value_error), then every index row and entry bound.
//
// Note [Kernel bundle lookup]: a bundle built for architectures A (cubins) and PTX for P
// answers a request for compute capability cc with the cubin key when cc is in A; otherwise
// with the key of the newest cubin of A that the device runs (same major version, minor not
// newer: a bundle for 80 serves sm_86 and sm_89, as CUDA's binary compatibility allows);
// otherwise, when P <= cc, with the kernel's compute_P key (the driver compiles that PTX for the
// device, as in Note [PTX fallback]); otherwise it cannot serve cc and says so once on stderr.
// Bundles are searched in the order they were registered; CUPP_KERNEL_BUNDLE's are registered at
// the first lookup, after those of static initialisers.

namespace {

constexpr char kBundleMagic[8] = {'C', 'U', 'P', 'P', 'B', 'N', 'D', 'L'};
constexpr std::uint32_t kBundleVersion = 1;
constexpr std::size_t kBundleHeader = 80;
constexpr std::size_t kIndexRow = 32;
constexpr std::size_t kEntryHeader = 12;
constexpr char kRecordTag[] = "cupp-kernel 1 ";

template <class T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

template <class T>
T get(const unsigned char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

void warn(const std::string& message) {
  std::fprintf(stderr, "cupp: warning: %s\n", message.c_str());
}

std::string environment(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? v : "";
}

bool write_all(int fd, std::string_view bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t w = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    done += static_cast<std::size_t>(w);
  }
  return true;
}

std::string read_file(const std::string& path, const char* what) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw value_error(std::string("cannot read ") + what + " '" + path +
                      "': " + std::strerror(errno));
  std::string out;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t r = ::read(fd, buffer, sizeof buffer);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      const int err = errno;
      ::close(fd);
      throw value_error(std::string("cannot read ") + what + " '" + path +
                        "': " + std::strerror(err));
    }
    if (r == 0) break;
    out.append(buffer, static_cast<std::size_t>(r));
  }
  ::close(fd);
  return out;
}

std::string arch_list(const std::vector<int>& archs) {
  std::string s;
  for (int a : archs) s += (s.empty() ? "sm_" : ", sm_") + std::to_string(a);
  return s.empty() ? "no architecture" : s;
}

// ---- recording -------------------------------------------------------------------------------

struct recorder {
  std::once_flag env_once;
  std::mutex mutex;
  std::atomic<bool> active{false};
  int fd = -1;
  std::string path;
  std::unordered_set<std::string> seen;

  /// Opens `file` for appending; the previous recording ends. Throws on failure.
  void start(const std::string& file) {
    const int new_fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (new_fd < 0)
      throw value_error("cannot record kernels to '" + file + "': " + std::strerror(errno));
    std::lock_guard<std::mutex> lock(mutex);
    if (fd >= 0) ::close(fd);
    fd = new_fd;
    path = file;
    seen.clear();
    active = true;
  }
  void stop() {
    std::lock_guard<std::mutex> lock(mutex);
    active = false;
    if (fd >= 0) ::close(fd);
    fd = -1;
    seen.clear();
  }
  void from_environment() {
    std::call_once(env_once, [this] {
      const std::string file = environment("CUPP_RECORD_KERNELS");
      if (file.empty()) return;
      try {
        start(file);
      } catch (const std::exception& e) {
        // As the disk cache: a recording that cannot be written costs a later run its speed,
        // not this run its results (Note [One warning]).
        warn(std::string(e.what()) + " (CUPP_RECORD_KERNELS); nothing is recorded");
      }
    });
  }
};

recorder& the_recorder() {
  static recorder* const r = new recorder;  // never destroyed, as the default compiler
  return *r;
}

void put_field(std::string& out, std::string_view s) {
  out += std::to_string(s.size());
  out += ':';
  out.append(s.data(), s.size());
  out += '\n';
}

std::string encode_record(const kernel_record& k) {
  std::string out = kRecordTag;
  out += std::to_string(k.options.size()) + " " + std::to_string(k.name_expressions.size()) + "\n";
  for (const auto& o : k.options) put_field(out, o);
  for (const auto& e : k.name_expressions) put_field(out, e);
  put_field(out, k.source);
  return out;
}

/// Parses record files (Note [Kernel record file]); throws value_error at the first defect.
class record_parser {
 public:
  record_parser(const std::string& text, const std::string& path) : text_(text), path_(path) {}

  bool next(kernel_record& out) {
    if (pos_ == text_.size()) return false;
    const std::size_t start = pos_;
    if (text_.compare(pos_, sizeof kRecordTag - 1, kRecordTag) != 0)
      fail(start, "expected an entry beginning 'cupp-kernel 1'");
    pos_ += sizeof kRecordTag - 1;
    const std::size_t options = number(' ');
    const std::size_t names = number('\n');
    kernel_record k;
    for (std::size_t i = 0; i < options; ++i) k.options.push_back(field());
    for (std::size_t i = 0; i < names; ++i) k.name_expressions.push_back(field());
    k.source = field();
    out = std::move(k);
    return true;
  }

 private:
  [[noreturn]] void fail(std::size_t at, const std::string& what) const {
    throw value_error("'" + path_ + "' is not a valid kernel record file: " + what + " at byte " +
                      std::to_string(at) + " (was it truncated, or written by something else?)");
  }
  std::size_t number(char end) {
    const std::size_t start = pos_;
    std::size_t v = 0;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9' && pos_ - start < 12)
      v = v * 10 + static_cast<std::size_t>(text_[pos_++] - '0');
    if (pos_ == start || pos_ >= text_.size() || text_[pos_] != end)
      fail(start, "expected a number");
    ++pos_;
    return v;
  }
  std::string field() {
    const std::size_t start = pos_;
    const std::size_t n = number(':');
    if (text_.size() - pos_ < n + 1 || text_[pos_ + n] != '\n')
      fail(start, "a field of " + std::to_string(n) + " bytes runs past the end of its entry");
    std::string s = text_.substr(pos_, n);
    pos_ += n + 1;
    return s;
  }

  const std::string& text_;
  const std::string& path_;
  std::size_t pos_ = 0;
};

// ---- bundles -------------------------------------------------------------------------------

/// A registered bundle, checked (Note [Kernel bundle format]).
struct bundle {
  std::string name;
  std::shared_ptr<const std::string> owned;  // the bytes of a bundle read from a file
  const unsigned char* data = nullptr;
  std::size_t size = 0;
  std::vector<int> archs;
  int ptx_arch = 0;
  std::size_t kernels = 0;
  std::size_t entries = 0;
  const unsigned char* index = nullptr;
  detail::hash128 checksum;
  std::string cupp_version;
  int nvrtc_major = 0, nvrtc_minor = 0;
  detail::hash128 headers;
  bool format_known = true;
  detail::hash128 identity;  // of the header: checksum and stamp
  mutable std::atomic<bool> warned_arch{false};

  bool current() const {
    const auto [major, minor] = compiler::nvrtc_version();
    return format_known && cupp_version == CUPP_VERSION_STRING && nvrtc_major == major &&
           nvrtc_minor == minor && headers == detail::embedded_headers_hash();
  }
  std::string stale_reason() const {
    if (!format_known) return "it is in a bundle format this cupp does not read";
    const auto [major, minor] = compiler::nvrtc_version();
    const std::string built = "cupp " + cupp_version + " with NVRTC " +
                              std::to_string(nvrtc_major) + "." + std::to_string(nvrtc_minor);
    const std::string here = "cupp " CUPP_VERSION_STRING " with NVRTC " + std::to_string(major) +
                             "." + std::to_string(minor);
    if (built != here) return "it was built by " + built + ", this program runs " + here;
    return "it was built by another build of cupp " CUPP_VERSION_STRING
           " (its device headers differ)";
  }
  bool serves_cubin(int cc) const {
    return std::find(archs.begin(), archs.end(), cc) != archs.end();
  }

  /// The entry of `key`, decoded into `out`; false when absent.
  bool find(const detail::hash128& key, compiled_module& out) const {
    std::size_t lo = 0, hi = entries;
    while (lo < hi) {
      const std::size_t mid = lo + (hi - lo) / 2;
      const unsigned char* row = index + mid * kIndexRow;
      const auto k = std::make_pair(get<std::uint64_t>(row), get<std::uint64_t>(row + 8));
      if (k == std::make_pair(key.hi, key.lo)) {
        const auto offset = get<std::uint64_t>(row + 16);
        const unsigned char* e = data + offset;
        const auto meta = get<std::uint32_t>(e);
        const auto image = get<std::uint64_t>(e + 4);
        compiled_module m;
        // Bounds were checked at registration (parse_bundle).
        if (!detail::decode_module_meta(
                std::string_view(reinterpret_cast<const char*>(e + kEntryHeader), meta), m))
          return false;
        m.image.assign(reinterpret_cast<const char*>(e + kEntryHeader + meta),
                       static_cast<std::size_t>(image));
        m.key = key.hex();
        out = std::move(m);
        return true;
      }
      if (k < std::make_pair(key.hi, key.lo))
        lo = mid + 1;
      else
        hi = mid;
    }
    return false;
  }
};

[[noreturn]] void corrupt(const std::string& name, const std::string& why) {
  throw value_error("kernel bundle '" + name + "' is corrupt: " + why +
                    "; rebuild it with cupp-bundle");
}

/// Checks a bundle's bytes and reads its header and body layout; throws value_error when
/// corrupt. A bundle of an unknown format version comes back with format_known false.
std::unique_ptr<bundle> parse_bundle(const void* data, std::size_t size, std::string name) {
  auto b = std::make_unique<bundle>();
  b->name = std::move(name);
  b->data = static_cast<const unsigned char*>(data);
  b->size = size;
  const unsigned char* p = b->data;
  if (data == nullptr || size < kBundleHeader)
    corrupt(b->name, std::to_string(size) + " bytes is shorter than a bundle header (" +
                         std::to_string(kBundleHeader) + " bytes)");
  if (std::memcmp(p, kBundleMagic, sizeof kBundleMagic) != 0)
    corrupt(b->name, "bad magic number (not a cupp kernel bundle)");
  const char* version = reinterpret_cast<const char*>(p + 16);
  b->cupp_version.assign(version, strnlen(version, 16));
  b->nvrtc_major = static_cast<int>(get<std::uint32_t>(p + 32));
  b->nvrtc_minor = static_cast<int>(get<std::uint32_t>(p + 36));
  b->headers = {get<std::uint64_t>(p + 48), get<std::uint64_t>(p + 40)};
  b->identity =
      detail::hash_bytes(std::string_view(reinterpret_cast<const char*>(p), kBundleHeader));
  if (get<std::uint32_t>(p + 8) != kBundleVersion) {
    b->format_known = false;
    return b;
  }
  const auto total = get<std::uint64_t>(p + 56);
  if (total != size)
    corrupt(b->name, "its header gives " + std::to_string(total) + " bytes but it has " +
                         std::to_string(size) + (total > size ? " (truncated)" : ""));
  b->checksum = {get<std::uint64_t>(p + 72), get<std::uint64_t>(p + 64)};
  const detail::hash128 actual = detail::hash_bytes(
      std::string_view(reinterpret_cast<const char*>(p) + kBundleHeader, size - kBundleHeader));
  if (actual != b->checksum || get<std::uint32_t>(p + 12) != 0)
    corrupt(b->name, "checksum mismatch (the file was damaged)");

  // The body: every bound is checked, so that lookups can trust it.
  std::size_t pos = kBundleHeader;
  auto u32 = [&]() -> std::uint32_t {
    if (size - pos < 4) corrupt(b->name, "its body ends early");
    const auto v = get<std::uint32_t>(p + pos);
    pos += 4;
    return v;
  };
  const std::uint32_t n_archs = u32();
  if (n_archs > 1024) corrupt(b->name, "implausible architecture count");
  for (std::uint32_t i = 0; i < n_archs; ++i) b->archs.push_back(static_cast<int>(u32()));
  b->ptx_arch = static_cast<int>(u32());
  b->kernels = u32();
  b->entries = u32();
  if ((size - pos) / kIndexRow < b->entries) corrupt(b->name, "its index runs past the end");
  b->index = p + pos;
  const std::size_t entries_begin = pos + b->entries * kIndexRow;
  std::pair<std::uint64_t, std::uint64_t> previous{0, 0};
  for (std::size_t i = 0; i < b->entries; ++i) {
    const unsigned char* row = b->index + i * kIndexRow;
    const auto key = std::make_pair(get<std::uint64_t>(row), get<std::uint64_t>(row + 8));
    const auto offset = get<std::uint64_t>(row + 16);
    const auto length = get<std::uint64_t>(row + 24);
    if (i > 0 && !(previous < key)) corrupt(b->name, "its index is not sorted");
    previous = key;
    if (offset < entries_begin || offset > size || size - offset < length || length < kEntryHeader)
      corrupt(b->name, "an index row points outside the file");
    const auto meta = get<std::uint32_t>(p + offset);
    const auto image = get<std::uint64_t>(p + offset + 4);
    if (length - kEntryHeader < meta || length - kEntryHeader - meta != image)
      corrupt(b->name, "an entry's sizes do not add up");
  }
  return b;
}

struct registry {
  std::mutex mutex;
  std::vector<std::shared_ptr<const bundle>> bundles;      // usable here, in registration order
  std::set<std::pair<std::uint64_t, std::uint64_t>> seen;  // identities of every registration
  std::atomic<bool> any{false};
  std::mutex env_mutex;
  std::atomic<bool> env_loaded{false};

  void add(std::unique_ptr<bundle> b) {
    std::lock_guard<std::mutex> lock(mutex);
    // The same bundle registered twice (a static initialiser and CUPP_KERNEL_BUNDLE, say) is
    // one bundle, warned about once.
    if (!seen.insert({b->identity.hi, b->identity.lo}).second) return;
    if (!b->current()) {
      warn("ignoring kernel bundle '" + b->name + "': " + b->stale_reason() +
           "; the kernels it holds are compiled at run time (rebuild it with cupp-bundle)");
      return;
    }
    bundles.push_back(std::move(b));
    any = true;
  }

  std::vector<std::shared_ptr<const bundle>> snapshot() {
    std::lock_guard<std::mutex> lock(mutex);
    return bundles;
  }

  void load_environment() {
    if (env_loaded.load(std::memory_order_acquire)) return;
    std::lock_guard<std::mutex> lock(env_mutex);
    if (env_loaded.load()) return;
    const std::string paths = environment("CUPP_KERNEL_BUNDLE");
    std::size_t begin = 0;
    while (begin <= paths.size()) {
      const std::size_t end = std::min(paths.find(':', begin), paths.size());
      if (end > begin) {
        const std::string path = paths.substr(begin, end - begin);
        try {
          load_kernel_bundle(path);
        } catch (const value_error& e) {
          // Thrown again at every compilation until the variable names a good bundle.
          throw value_error(std::string(e.what()) + " (named by CUPP_KERNEL_BUNDLE)");
        }
      }
      begin = end + 1;
    }
    env_loaded.store(true, std::memory_order_release);
  }
};

registry& the_registry() {
  static registry* const r = new registry;  // never destroyed: static initialisers register
  return *r;
}

}  // namespace

// ---- recording: public and internal -------------------------------------------------------

void record_kernels(const std::string& path) {
  recorder& r = the_recorder();
  r.from_environment();
  r.start(path);
}

void stop_recording() {
  recorder& r = the_recorder();
  r.from_environment();
  r.stop();
}

void detail::record_kernel(const hash128& key, const std::string& source,
                           const std::vector<std::string>& options,
                           const std::vector<std::string>& name_expressions) {
  recorder& r = the_recorder();
  r.from_environment();
  if (!r.active.load(std::memory_order_relaxed)) return;
  std::lock_guard<std::mutex> lock(r.mutex);
  if (r.fd < 0 || !r.seen.insert(key.hex()).second) return;
  if (!write_all(r.fd, encode_record({source, options, name_expressions}))) {
    warn("cannot append to the kernel record file '" + r.path + "' (" + std::strerror(errno) +
         "); recording stops");
    ::close(r.fd);
    r.fd = -1;
    r.active = false;
  }
}

std::vector<kernel_record> read_kernel_records(const std::string& path) {
  const std::string text = read_file(path, "the kernel record file");
  record_parser parser(text, path);
  std::vector<kernel_record> out;
  std::set<std::pair<std::uint64_t, std::uint64_t>> seen;
  kernel_record k;
  while (parser.next(k)) {
    const detail::hash128 h = detail::hash_bytes(encode_record(k));
    if (seen.insert({h.hi, h.lo}).second) out.push_back(std::move(k));
  }
  return out;
}

// ---- building --------------------------------------------------------------------------------

std::string build_kernel_bundle(const std::vector<kernel_record>& input,
                                const std::vector<int>& archs_in, int jobs) {
  std::vector<int> archs = archs_in;
  std::sort(archs.begin(), archs.end());
  archs.erase(std::unique(archs.begin(), archs.end()), archs.end());
  if (archs.empty()) throw value_error("a kernel bundle needs at least one architecture");
  for (int a : archs)
    if (a <= 0) throw value_error("invalid architecture " + std::to_string(a));
  if (jobs < 0) throw value_error("jobs must be 0 (one per processor) or more");

  std::vector<kernel_record> kernels;
  {
    std::set<std::pair<std::uint64_t, std::uint64_t>> seen;
    for (const auto& k : input) {
      const detail::hash128 h = detail::hash_bytes(encode_record(k));
      if (seen.insert({h.hi, h.lo}).second) kernels.push_back(k);
    }
  }

  // The targets: one per architecture as the compiler would choose it, and PTX for the newest.
  std::vector<std::string> targets;
  for (int a : archs) targets.push_back(compiler::target_for(a));
  const std::string newest = targets.back();
  const int ptx_arch = newest.rfind("sm_", 0) == 0 ? archs.back() : std::stoi(newest.substr(8));
  const std::string ptx_target = "compute_" + std::to_string(ptx_arch);
  targets.push_back(ptx_target);
  std::sort(targets.begin(), targets.end());
  targets.erase(std::unique(targets.begin(), targets.end()), targets.end());

  struct task {
    const kernel_record* kernel;
    std::string target;
    detail::hash128 key;
    compiled_module module;
  };
  std::vector<task> tasks;
  {
    std::set<std::pair<std::uint64_t, std::uint64_t>> keys;
    for (const auto& k : kernels)
      for (const auto& t : targets) {
        const detail::hash128 key = detail::kernel_key(k.source, k.options, k.name_expressions, t);
        if (keys.insert({key.hi, key.lo}).second) tasks.push_back({&k, t, key, {}});
      }
  }

  // NVRTC is thread-safe: independent programs compile in parallel.
  std::size_t workers =
      jobs > 0 ? static_cast<std::size_t>(jobs) : std::max(1u, std::thread::hardware_concurrency());
  workers = std::max<std::size_t>(1, std::min(workers, tasks.size()));
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&] {
    for (std::size_t i = next++; i < tasks.size(); i = next++) {
      try {
        task& t = tasks[i];
        t.module = detail::compile_for_target(t.kernel->source, t.kernel->options,
                                              t.kernel->name_expressions, t.target);
      } catch (...) {
        std::lock_guard<std::mutex> lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = tasks.size();
      }
    }
  };
  if (workers == 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (std::size_t w = 0; w < workers; ++w) pool.emplace_back(work);
    for (auto& t : pool) t.join();
  }
  if (failure) std::rethrow_exception(failure);

  std::sort(tasks.begin(), tasks.end(), [](const task& a, const task& b) {
    return std::make_pair(a.key.hi, a.key.lo) < std::make_pair(b.key.hi, b.key.lo);
  });

  std::string body;
  put(body, static_cast<std::uint32_t>(archs.size()));
  for (int a : archs) put(body, static_cast<std::uint32_t>(a));
  put(body, static_cast<std::uint32_t>(ptx_arch));
  put(body, static_cast<std::uint32_t>(kernels.size()));
  put(body, static_cast<std::uint32_t>(tasks.size()));
  std::uint64_t offset = kBundleHeader + body.size() + tasks.size() * kIndexRow;
  std::string entries;
  for (const auto& t : tasks) {
    const std::string meta = detail::encode_module_meta(t.module);
    const std::uint64_t length = kEntryHeader + meta.size() + t.module.image.size();
    put(body, t.key.hi);
    put(body, t.key.lo);
    put(body, offset);
    put(body, length);
    put(entries, static_cast<std::uint32_t>(meta.size()));
    put(entries, static_cast<std::uint64_t>(t.module.image.size()));
    entries += meta;
    entries += t.module.image;
    offset += length;
  }
  body += entries;

  const detail::hash128 checksum = detail::hash_bytes(body);
  const auto [major, minor] = compiler::nvrtc_version();
  const detail::hash128& headers = detail::embedded_headers_hash();
  std::string out(kBundleMagic, sizeof kBundleMagic);
  put(out, kBundleVersion);
  put(out, std::uint32_t{0});
  char version[16] = {};
  std::strncpy(version, CUPP_VERSION_STRING, sizeof version);
  out.append(version, sizeof version);
  put(out, static_cast<std::uint32_t>(major));
  put(out, static_cast<std::uint32_t>(minor));
  put(out, headers.hi);
  put(out, headers.lo);
  put(out, static_cast<std::uint64_t>(kBundleHeader + body.size()));
  put(out, checksum.hi);
  put(out, checksum.lo);
  out += body;
  return out;
}

// ---- registration and lookup -----------------------------------------------------------------

void register_kernel_bundle(const void* data, std::size_t size, const char* name) {
  std::string label = name != nullptr ? name : "";
  if (label.empty()) {
    char address[32];
    std::snprintf(address, sizeof address, "%p", data);
    label = std::string("registered at ") + address;
  }
  the_registry().add(parse_bundle(data, size, std::move(label)));
}

void load_kernel_bundle(const std::string& path) {
  auto bytes = std::make_shared<const std::string>(read_file(path, "the kernel bundle"));
  auto b = parse_bundle(bytes->data(), bytes->size(), path);
  b->owned = std::move(bytes);
  the_registry().add(std::move(b));
}

kernel_bundle_info inspect_kernel_bundle(const void* data, std::size_t size) {
  const auto b = parse_bundle(data, size, "given");
  kernel_bundle_info info;
  info.cupp_version = b->cupp_version;
  info.nvrtc_major = b->nvrtc_major;
  info.nvrtc_minor = b->nvrtc_minor;
  info.archs = b->archs;
  info.ptx_arch = b->ptx_arch;
  info.kernels = b->kernels;
  info.entries = b->entries;
  info.current = b->current();
  return info;
}

bool detail::find_in_bundles(const std::string& source, const std::vector<std::string>& options,
                             const std::vector<std::string>& name_expressions, int cc,
                             const hash128& key, compiled_module& out) {
  registry& reg = the_registry();
  reg.load_environment();
  if (!reg.any.load(std::memory_order_acquire)) return false;
  const auto bundles = reg.snapshot();
  for (const auto& b : bundles)
    if (b->serves_cubin(cc) && b->find(key, out)) return true;
  // The other bundles, through a compatible cubin or their PTX (Note [Kernel bundle lookup]).
  std::map<std::string, hash128> keys;  // by target: each computed once
  for (const auto& b : bundles) {
    if (b->serves_cubin(cc)) continue;
    std::string target;
    int compatible = 0;
    for (int a : b->archs)
      if (a / 10 == cc / 10 && a <= cc) compatible = std::max(compatible, a);
    if (compatible != 0) {
      target = compiler::target_for(compatible);
    } else if (b->ptx_arch != 0 && b->ptx_arch <= cc) {
      target = "compute_" + std::to_string(b->ptx_arch);
    } else {
      if (!b->warned_arch.exchange(true))
        warn("kernel bundle '" + b->name + "' holds no code for sm_" + std::to_string(cc) +
             " (it has cubins for " + arch_list(b->archs) +
             (b->ptx_arch != 0 ? " and PTX for compute_" + std::to_string(b->ptx_arch) : "") +
             "); the kernels it holds are compiled at run time for this architecture");
      continue;
    }
    auto it = keys.find(target);
    if (it == keys.end())
      it = keys.emplace(target, kernel_key(source, options, name_expressions, target)).first;
    if (b->find(it->second, out)) {
      out.key = key.hex();  // as the compiler's own PTX fallback: the request's key
      return true;
    }
  }
  return false;
}

}  // namespace cupp::jit
