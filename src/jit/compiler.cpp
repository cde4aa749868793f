// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/jit/compiler.hpp"

#include <nvrtc.h>
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <future>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bundle_internal.hpp"
#include "cupp/config.hpp"
#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "disk_cache.hpp"

namespace cupp::jit {

// Note [Kernel cache key]: a module is found again by a 128-bit hash of everything that decides
// what NVRTC produces: the source, the full option list (defaults included, in order), the
// target ("sm_90" or "compute_121"), the name expressions, NVRTC's version, cupp's version and a
// hash of every embedded header (a header can change without the source changing). Two lanes of
// 64 bits each, mixed independently (hasher128), make an accidental collision between two
// kernels a non-event. The key names the cache file and is stored inside it, so a file renamed
// or copied to another key's name is rejected. A different NVRTC version or architecture is a
// different key, hence a miss, never a wrong binary.
//
// Note [PTX fallback]: NVRTC builds cubins only for the architectures it lists
// (nvrtcGetSupportedArchs). For a newer device it emits PTX for the newest architecture it knows
// that is not newer than the device, and cudaLibraryLoadData lets the driver compile that PTX
// for the device (the driver keeps its own cache of such compilations).
//
// Note [Embedded headers]: kernels/cupp/*.cuh are compiled into libcupp as strings
// (cmake/cupp_embed.cmake) and handed to every NVRTC program, so `#include <cupp/indexing.cuh>`
// works in any kernel and nothing is read from disk at run time.

const std::string* compiled_module::lowered_name(
    const std::string& name_expression) const noexcept {
  for (const auto& [expression, lowered] : lowered_names)
    if (expression == name_expression) return &lowered;
  return nullptr;
}

loaded_module::~loaded_module() {
  if (library_ != nullptr) (void)cudaLibraryUnload(library_);
}

cudaKernel_t loaded_module::get_kernel(const std::string& name) const {
  const std::string* lowered = compiled_->lowered_name(name);
  cudaKernel_t kernel = nullptr;
  const cudaError_t status =
      cudaLibraryGetKernel(&kernel, library_, lowered != nullptr ? lowered->c_str() : name.c_str());
  if (status != cudaSuccess) {
    (void)cudaGetLastError();
    throw cuda_error(static_cast<int>(status), "cudaLibraryGetKernel",
                     std::string(cudaGetErrorString(status)) + " (" + cudaGetErrorName(status) +
                         ") in cudaLibraryGetKernel: the module has no kernel named '" + name +
                         "' (a kernel is found by its extern \"C\" name, its mangled name, or a "
                         "name expression given when the module was compiled)");
  }
  return kernel;
}

namespace {

/// A map from key to value in which each value is made once, however many threads ask for it
/// at the same time: the first one makes it, the others wait for it. A failure is handed to the
/// waiters and forgotten, so the next request tries again.
template <class V>
class once_map {
 public:
  template <class Make>
  V get(const std::string& key, Make&& make, bool& hit) {
    std::shared_ptr<slot> s;
    bool created = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto& entry = map_[key];
      if (!entry) {
        entry = std::make_shared<slot>();
        created = true;
      }
      s = entry;
    }
    hit = !created;
    if (!created) return s->future.get();
    try {
      V value = make();
      s->promise.set_value(value);
      return value;
    } catch (...) {
      s->promise.set_exception(std::current_exception());
      std::lock_guard<std::mutex> lock(mutex_);
      const auto it = map_.find(key);
      if (it != map_.end() && it->second == s) map_.erase(it);
      throw;
    }
  }

  void clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    map_.clear();
  }

 private:
  struct slot {
    std::promise<V> promise;
    std::shared_future<V> future = promise.get_future().share();
  };
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<slot>> map_;
};

struct nvrtc_program {
  nvrtcProgram handle = nullptr;
  nvrtc_program() = default;
  nvrtc_program(const nvrtc_program&) = delete;
  nvrtc_program& operator=(const nvrtc_program&) = delete;
  ~nvrtc_program() {
    if (handle != nullptr) (void)nvrtcDestroyProgram(&handle);
  }
};

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ' ';
    out += item;
  }
  return out;
}

std::string numbered(const std::string& source) {
  const auto lines = static_cast<std::size_t>(std::count(source.begin(), source.end(), '\n')) + 1;
  const std::size_t width = std::max<std::size_t>(4, std::to_string(lines).size());
  std::string out;
  std::size_t line = 1, begin = 0;
  do {
    const auto end = std::min(source.find('\n', begin), source.size());
    const std::string number = std::to_string(line++);
    out.append(width - number.size(), ' ');
    out += number + " | ";
    out.append(source, begin, end - begin);
    out += '\n';
    begin = end + 1;
  } while (begin < source.size());
  return out;
}

[[noreturn]] void throw_compile_error(const char* call, nvrtcResult result,
                                      const std::string& target, const std::string& log,
                                      const std::string& source,
                                      const std::vector<std::string>& options) {
  const std::string opts = join(options);
  std::string what = std::string("NVRTC could not compile the kernel for ") + target + ": " +
                     nvrtcGetErrorString(result) + " in " + call + "\n--- log ---\n" + log;
  if (!log.empty() && log.back() != '\n') what += '\n';
  what += "--- options ---\n" + opts + "\n--- source ---\n" + numbered(source);
  throw compile_error(what, log, source, opts);
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

bool is_std_option(const std::string& o) {
  return starts_with(o, "-std") || starts_with(o, "--std");
}

bool is_arch_option(const std::string& o) {
  return starts_with(o, "-arch") || starts_with(o, "--gpu-architecture") ||
         starts_with(o, "-gpu-architecture");
}

/// The options given to NVRTC: the defaults, then the caller's.
std::vector<std::string> full_options(const std::vector<std::string>& user,
                                      const std::string& target) {
  for (const auto& o : user)
    if (is_arch_option(o))
      throw value_error("kernel option '" + o +
                        "' is not allowed: the target architecture is chosen by the compiler "
                        "(the current device's, or the one passed to compiler::compile)");
  std::vector<std::string> all;
  all.reserve(user.size() + 2);
  if (std::none_of(user.begin(), user.end(), is_std_option)) all.emplace_back("-std=c++17");
  all.push_back("--gpu-architecture=" + target);
  all.insert(all.end(), user.begin(), user.end());
  return all;
}

}  // namespace

const detail::hash128& detail::embedded_headers_hash() {
  static const detail::hash128 h = [] {
    detail::hasher128 hasher;
    const auto& headers = detail::embedded_headers();
    hasher.field(headers.size());
    for (const auto& [name, text] : headers) hasher.field(name).field(text);
    return hasher.finish();
  }();
  return h;
}

namespace {

/// Everything compile() decides before looking anything up.
struct request {
  int cc = 0;  ///< the compute capability asked for (90)
  std::string target;
  std::vector<std::string> options;
  detail::hash128 key;
};

request request_for_target(const std::string& source, const std::vector<std::string>& options,
                           const std::vector<std::string>& name_expressions, std::string target) {
  request r;
  r.target = std::move(target);
  r.options = full_options(options, r.target);
  const auto [major, minor] = compiler::nvrtc_version();
  const detail::hash128& headers = detail::embedded_headers_hash();
  detail::hasher128 h;
  h.field("cupp kernel cache key").field(CUPP_VERSION_STRING);
  h.field(static_cast<std::uint64_t>(major)).field(static_cast<std::uint64_t>(minor));
  h.field(headers.hi).field(headers.lo).field(r.target);
  h.field(r.options.size());
  for (const auto& o : r.options) h.field(o);
  h.field(name_expressions.size());
  for (const auto& e : name_expressions) h.field(e);
  h.field(source);
  r.key = h.finish();
  return r;
}

request make_request(const std::string& source, const std::vector<std::string>& options,
                     const std::vector<std::string>& name_expressions, int arch) {
  if (arch < 0) throw value_error("invalid architecture " + std::to_string(arch));
  const int cc = arch != 0 ? arch : cuda::Device().compute_capability();
  request r = request_for_target(source, options, name_expressions, compiler::target_for(cc));
  r.cc = cc;
  return r;
}

// Note [NVRTC precompiled headers]: NVRTC 12.8 and later can precompile the headers a program
// includes (`-pch`, automatic mode): the first program of a process that includes a set of
// headers writes a precompiled header (in a private temporary directory, removed at exit), and
// later programs that begin with the same #include lines read it instead of parsing the headers
// again. cupp's generated kernels all begin with the same few includes (<cupp/ufunc.cuh>,
// <cupp/reduction.cuh>), so from the second kernel of a process on, NVRTC's C++ front end costs a
// fraction of what it did: measured with `CUPP_NVRTC_PCH=0 cupp_coldstart --nvrtc --with-option
// -pch` (14 generated kernels, sm_90, a loaded two-core machine), 187.5 -> 157.2 ms and
// 214.2 -> 185.9 ms per kernel on average in two runs, nearly every kernel faster. What is left
// is NVVM's optimiser and ptxas, which grow with the kernel's code, not with its headers. The
// option changes how long NVRTC takes, not what it produces, so it is not part of the cache key
// (Note [Kernel cache key]) nor of the options a compile_error shows. CUPP_NVRTC_PCH=0 turns it
// off.
bool use_pch() {
  static const bool on = [] {
    const char* v = std::getenv("CUPP_NVRTC_PCH");
    if (v != nullptr && std::strcmp(v, "0") == 0) return false;
    const auto [major, minor] = compiler::nvrtc_version();
    return major > 12 || (major == 12 && minor >= 8);
  }();
  return on;
}

compiled_module nvrtc_compile(const std::string& source, const request& r,
                              const std::vector<std::string>& name_expressions) {
  const auto& headers = detail::embedded_headers();
  std::vector<const char*> header_texts, header_names;
  for (const auto& [name, text] : headers) {
    header_names.push_back(name);
    header_texts.push_back(text);
  }
  nvrtc_program program;
  nvrtcResult result = nvrtcCreateProgram(&program.handle, source.c_str(), "kernel.cu",
                                          static_cast<int>(headers.size()), header_texts.data(),
                                          header_names.data());
  if (result != NVRTC_SUCCESS)
    throw_compile_error("nvrtcCreateProgram", result, r.target, "", source, r.options);
  for (const auto& e : name_expressions) {
    result = nvrtcAddNameExpression(program.handle, e.c_str());
    if (result != NVRTC_SUCCESS)
      throw_compile_error("nvrtcAddNameExpression", result, r.target, "name expression '" + e + "'",
                          source, r.options);
  }
  std::vector<const char*> options;
  for (const auto& o : r.options) options.push_back(o.c_str());
  if (use_pch()) options.push_back("-pch");
  result = nvrtcCompileProgram(program.handle, static_cast<int>(options.size()), options.data());
  std::string log;
  std::size_t log_size = 0;
  if (nvrtcGetProgramLogSize(program.handle, &log_size) == NVRTC_SUCCESS && log_size > 1) {
    log.resize(log_size);
    if (nvrtcGetProgramLog(program.handle, log.data()) != NVRTC_SUCCESS) log.clear();
    while (!log.empty() && log.back() == '\0') log.pop_back();
  }
  if (result != NVRTC_SUCCESS)
    throw_compile_error("nvrtcCompileProgram", result, r.target, log, source, r.options);

  compiled_module m;
  m.key = r.key.hex();
  m.target = r.target;
  std::size_t size = 0;
  if (m.is_ptx()) {
    result = nvrtcGetPTXSize(program.handle, &size);
    if (result == NVRTC_SUCCESS) {
      m.image.resize(size);
      result = nvrtcGetPTX(program.handle, m.image.data());
    }
    while (!m.image.empty() && m.image.back() == '\0') m.image.pop_back();  // std::string keeps one
  } else {
    result = nvrtcGetCUBINSize(program.handle, &size);
    if (result == NVRTC_SUCCESS) {
      m.image.resize(size);
      result = nvrtcGetCUBIN(program.handle, m.image.data());
    }
  }
  if (result != NVRTC_SUCCESS)
    throw_compile_error(m.is_ptx() ? "nvrtcGetPTX" : "nvrtcGetCUBIN", result, r.target, log, source,
                        r.options);
  for (const auto& e : name_expressions) {
    const char* lowered = nullptr;
    result = nvrtcGetLoweredName(program.handle, e.c_str(), &lowered);
    if (result != NVRTC_SUCCESS || lowered == nullptr)
      throw_compile_error("nvrtcGetLoweredName", result, r.target, "name expression '" + e + "'",
                          source, r.options);
    m.lowered_names.emplace_back(e, lowered);
  }
  return m;
}

std::string environment(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? v : "";
}

}  // namespace

detail::hash128 detail::kernel_key(const std::string& source,
                                   const std::vector<std::string>& options,
                                   const std::vector<std::string>& name_expressions,
                                   const std::string& target) {
  return request_for_target(source, options, name_expressions, target).key;
}

compiled_module detail::compile_for_target(const std::string& source,
                                           const std::vector<std::string>& options,
                                           const std::vector<std::string>& name_expressions,
                                           const std::string& target) {
  return nvrtc_compile(source, request_for_target(source, options, name_expressions, target),
                       name_expressions);
}

struct compiler::impl {
  impl(std::string dir, bool save_source) : disk(std::move(dir), save_source) {}

  std::shared_ptr<const compiled_module> compile(const std::string& source,
                                                 const std::vector<std::string>& options,
                                                 const request& r,
                                                 const std::vector<std::string>& name_expressions) {
    bool hit = false;
    auto m = modules.get(
        r.key.hex(),
        [&] {
          auto fresh = std::make_shared<compiled_module>();
          // Note [Kernel lookup order]: memory (above), then the kernel bundles, then the disk
          // cache, then NVRTC. A bundle entry is never copied to the disk cache: the bundle
          // answers it again in the next process.
          if (detail::find_in_bundles(source, options, name_expressions, r.cc, r.key, *fresh)) {
            ++bundle_hits;
            return std::shared_ptr<const compiled_module>(std::move(fresh));
          }
          switch (disk.read(r.key, *fresh)) {
            case detail::disk_cache::read_result::hit:
              ++disk_hits;
              return std::shared_ptr<const compiled_module>(std::move(fresh));
            case detail::disk_cache::read_result::invalid:
              ++invalid_files;
              break;
            case detail::disk_cache::read_result::miss:
              break;
          }
          ++compiles;
          *fresh = nvrtc_compile(source, r, name_expressions);
          if (disk.write(r.key, *fresh, source)) ++disk_writes;
          return std::shared_ptr<const compiled_module>(std::move(fresh));
        },
        hit);
    if (hit) ++memory_hits;
    return m;
  }

  detail::disk_cache disk;
  once_map<std::shared_ptr<const compiled_module>> modules;
  once_map<std::shared_ptr<const loaded_module>> libraries;
  std::atomic<std::uint64_t> memory_hits{0}, bundle_hits{0}, disk_hits{0}, compiles{0},
      disk_writes{0}, invalid_files{0}, loads{0};
};

compiler::compiler(std::string cache_dir, bool save_source)
    : impl_(std::make_unique<impl>(std::move(cache_dir), save_source)) {}

compiler::~compiler() = default;

std::string compiler::default_cache_dir() {
  if (std::string dir = environment("CUPP_CACHE_DIR"); !dir.empty()) return dir;
  // The XDG specification asks for relative paths in XDG_CACHE_HOME to be ignored.
  if (std::string xdg = environment("XDG_CACHE_HOME"); !xdg.empty() && xdg.front() == '/')
    return xdg + "/cupp";
  std::string home = environment("HOME");
  if (home.empty()) {
    passwd entry{};
    passwd* found = nullptr;
    std::vector<char> buffer(16384);
    if (getpwuid_r(getuid(), &entry, buffer.data(), buffer.size(), &found) == 0 &&
        found != nullptr && found->pw_dir != nullptr)
      home = found->pw_dir;
  }
  return home.empty() ? std::string() : home + "/.cache/cupp";
}

bool compiler::save_source_from_env() {
  const std::string v = environment("CUPP_SAVE_SOURCE");
  return !v.empty() && v != "0";
}

std::pair<int, int> compiler::nvrtc_version() {
  static const std::pair<int, int> version = [] {
    int major = 0, minor = 0;
    (void)nvrtcVersion(&major, &minor);
    return std::make_pair(major, minor);
  }();
  return version;
}

const std::vector<int>& compiler::supported_archs() {
  static const std::vector<int> archs = [] {
    int n = 0;
    std::vector<int> out;
    if (nvrtcGetNumSupportedArchs(&n) == NVRTC_SUCCESS && n > 0) {
      out.resize(static_cast<std::size_t>(n));
      if (nvrtcGetSupportedArchs(out.data()) != NVRTC_SUCCESS) out.clear();
    }
    std::sort(out.begin(), out.end());
    return out;
  }();
  return archs;
}

std::string compiler::target_for(int arch) {
  const auto& archs = supported_archs();
  if (std::binary_search(archs.begin(), archs.end(), arch)) return "sm_" + std::to_string(arch);
  int best = 0;
  for (int a : archs)
    if (a <= arch) best = a;
  if (best == 0) {
    const auto [major, minor] = nvrtc_version();
    const std::string what = "NVRTC " + std::to_string(major) + "." + std::to_string(minor) +
                             " cannot compile for sm_" + std::to_string(arch) +
                             (archs.empty() ? std::string(": it reports no supported architecture")
                                            : ": the oldest architecture it supports is sm_" +
                                                  std::to_string(archs.front()));
    throw compile_error(what, "", "", "");
  }
  return "compute_" + std::to_string(best);
}

std::shared_ptr<const compiled_module> compiler::compile(
    const std::string& source, const std::vector<std::string>& options,
    const std::vector<std::string>& name_expressions, int arch) {
  const request r = make_request(source, options, name_expressions, arch);
  auto m = impl_->compile(source, options, r, name_expressions);
  // Recorded once it compiled: a record file lists kernels that cupp-bundle can build.
  detail::record_kernel(r.key, source, options, name_expressions);
  return m;
}

std::shared_ptr<const loaded_module> compiler::load(
    const std::string& source, const std::vector<std::string>& options,
    const std::vector<std::string>& name_expressions) {
  cuda::detail::require_device();
  const request r = make_request(source, options, name_expressions, 0);
  bool hit = false;
  auto lib = impl_->libraries.get(
      r.key.hex(),
      [&] {
        auto m = impl_->compile(source, options, r, name_expressions);
        cudaLibrary_t library = nullptr;
        CUPP_CHECK_CUDA(cudaLibraryLoadData(&library, m->image.data(), nullptr, nullptr, 0, nullptr,
                                            nullptr, 0));
        ++impl_->loads;
        return std::shared_ptr<const loaded_module>(
            std::make_shared<loaded_module>(std::move(m), library));
      },
      hit);
  if (hit) ++impl_->memory_hits;
  detail::record_kernel(r.key, source, options, name_expressions);
  return lib;
}

std::string compiler::cache_key(const std::string& source, const std::vector<std::string>& options,
                                const std::vector<std::string>& name_expressions, int arch) const {
  return make_request(source, options, name_expressions, arch).key.hex();
}

std::string compiler::cache_file(const std::string& key) const { return impl_->disk.path_for(key); }

const std::string& compiler::cache_dir() const noexcept { return impl_->disk.dir(); }

cache_stats compiler::stats() const {
  cache_stats s;
  s.memory_hits = impl_->memory_hits.load();
  s.bundle_hits = impl_->bundle_hits.load();
  s.disk_hits = impl_->disk_hits.load();
  s.compiles = impl_->compiles.load();
  s.disk_writes = impl_->disk_writes.load();
  s.invalid_files = impl_->invalid_files.load();
  s.loads = impl_->loads.load();
  return s;
}

void compiler::reset_stats() {
  for (auto* counter :
       {&impl_->memory_hits, &impl_->bundle_hits, &impl_->disk_hits, &impl_->compiles,
        &impl_->disk_writes, &impl_->invalid_files, &impl_->loads})
    counter->store(0);
}

void compiler::clear_memory_cache() {
  impl_->libraries.clear();
  impl_->modules.clear();
}

compiler& get_default_compiler() {
  // Note [Default compiler lifetime]: never destroyed. Its libraries would otherwise be unloaded
  // during static destruction, possibly after the CUDA runtime has shut down.
  static compiler* const c = new compiler(compiler::default_cache_dir());
  return *c;
}

}  // namespace cupp::jit
