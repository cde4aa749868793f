// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#pragma once

#include <cuda_runtime_api.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace cupp::jit {

/// What NVRTC produced for one source: a cubin for an `sm_XY` target, or PTX for a `compute_XY`
/// target that the driver compiles when the module is loaded (Note [PTX fallback]).
struct compiled_module {
  /// The cache key, 32 hexadecimal digits (Note [Kernel cache key]); also the cache file's name.
  std::string key;
  /// The NVRTC target: "sm_90", or "compute_121" when the image is PTX.
  std::string target;
  /// The cubin, or the PTX text.
  std::string image;
  /// Each name expression given to the compiler with its lowered (mangled) name, in order.
  std::vector<std::pair<std::string, std::string>> lowered_names;

  /// True when the image is PTX (a target "compute_..."), not a cubin.
  bool is_ptx() const noexcept { return target.rfind("compute_", 0) == 0; }
  /// The lowered name of a name expression given at compile time, or nullptr.
  const std::string* lowered_name(const std::string& name_expression) const noexcept;
};

/// A compiled module loaded into the CUDA runtime with cudaLibraryLoadData. The library is
/// context-independent: one load serves every device of the architecture it was compiled for.
/// It is unloaded when the last handle goes.
class loaded_module {
 public:
  /// Takes ownership of `library`, loaded from `compiled`; the destructor unloads it.
  loaded_module(std::shared_ptr<const compiled_module> compiled, cudaLibrary_t library) noexcept
      : compiled_(std::move(compiled)), library_(library) {}
  ~loaded_module();
  loaded_module(const loaded_module&) = delete;
  loaded_module& operator=(const loaded_module&) = delete;

  /// The compiled module the library was loaded from.
  const compiled_module& compiled() const noexcept { return *compiled_; }
  /// The CUDA library handle (cudaLibraryLoadData's).
  cudaLibrary_t library() const noexcept { return library_; }
  /// The kernel called `name`: one of the module's name expressions (such as "scale<float>"), or
  /// a symbol name (an `extern "C"` name, or a mangled one). Throws cupp::cuda_error naming
  /// cudaLibraryGetKernel when the module has no such kernel.
  cudaKernel_t get_kernel(const std::string& name) const;

 private:
  std::shared_ptr<const compiled_module> compiled_;
  cudaLibrary_t library_;
};

/// Counters of a compiler's caches, for tests and benchmarks.
struct cache_stats {
  std::uint64_t memory_hits = 0;    ///< requests answered from memory (modules and libraries)
  std::uint64_t bundle_hits = 0;    ///< modules found in a kernel bundle (cupp/jit/bundle.hpp)
  std::uint64_t disk_hits = 0;      ///< modules read from a valid cache file
  std::uint64_t compiles = 0;       ///< NVRTC compilations, failed ones included
  std::uint64_t disk_writes = 0;    ///< cache files written
  std::uint64_t invalid_files = 0;  ///< cache files found but rejected (Note [Cache file format])
  std::uint64_t loads = 0;          ///< modules loaded with cudaLibraryLoadData
};

/// The kernel compiler behind every run-time compiled kernel in cupp: NVRTC, an in-memory cache,
/// the registered kernel bundles (cupp/jit/bundle.hpp) and a disk cache (Note [Kernel cache key],
/// Note [Cache file format], Note [Kernel lookup order] in src/jit/). Thread-safe:
/// threads asking for the same new kernel at once compile it once. There is no CuPy class of
/// this name; it is what cupy.RawModule and cupy's generated kernels compile through.
class compiler {
 public:
  /// A compiler whose disk cache lives in `cache_dir` (created, mode 0700, on first use); an
  /// empty string keeps compiled kernels in memory only. With `save_source`, the source of each
  /// new cache entry is written beside it as `<key>.cu`.
  explicit compiler(std::string cache_dir, bool save_source = save_source_from_env());
  ~compiler();
  compiler(const compiler&) = delete;
  compiler& operator=(const compiler&) = delete;

  /// The cache directory named by the environment: `$CUPP_CACHE_DIR`, else
  /// `$XDG_CACHE_HOME/cupp`, else `$HOME/.cache/cupp`; empty when none of them is set.
  static std::string default_cache_dir();
  /// True when `CUPP_SAVE_SOURCE` is set to something other than "" or "0".
  static bool save_source_from_env();

  /// NVRTC's version as {major, minor}.
  static std::pair<int, int> nvrtc_version();
  /// The architectures NVRTC builds cubins for, as compute capabilities (75, 80, ..., 90, ...).
  static const std::vector<int>& supported_archs();
  /// The NVRTC target for a compute capability (90 for sm_90): "sm_90" when NVRTC knows it, else
  /// PTX for the newest older architecture NVRTC knows ("compute_121"). Throws
  /// cupp::compile_error for an architecture older than every one NVRTC supports.
  static std::string target_for(int arch);

  /// Compiles `source` (from memory, the disk cache or NVRTC) for the compute capability `arch`
  /// (90 for sm_90; 0 for the calling thread's current device). `options` are appended to the
  /// defaults (`-std=c++17`, the target architecture; a `-std` of the caller's replaces ours);
  /// `name_expressions` are resolved to lowered names. Throws cupp::compile_error with the NVRTC
  /// log, the options and the numbered source when compilation fails, and cupp::value_error for
  /// an architecture option (the architecture is chosen by `arch`).
  std::shared_ptr<const compiled_module> compile(
      const std::string& source, const std::vector<std::string>& options = {},
      const std::vector<std::string>& name_expressions = {}, int arch = 0);

  /// compile() for the calling thread's current device, then loads the result; each key is
  /// loaded once and kept until clear_memory_cache().
  std::shared_ptr<const loaded_module> load(const std::string& source,
                                            const std::vector<std::string>& options = {},
                                            const std::vector<std::string>& name_expressions = {});

  /// The key compile() uses for these arguments, without compiling or touching the disk (`arch`
  /// 0 needs a device, as in compile()).
  std::string cache_key(const std::string& source, const std::vector<std::string>& options = {},
                        const std::vector<std::string>& name_expressions = {}, int arch = 0) const;
  /// The cache file of a key (`<cache_dir>/<key>.bin`); empty for a memory-only compiler.
  std::string cache_file(const std::string& key) const;
  /// The disk cache directory; empty for a memory-only compiler.
  const std::string& cache_dir() const noexcept;

  /// The counters since the compiler was made or reset_stats() last ran.
  cache_stats stats() const;
  /// Sets every counter of stats() to 0.
  void reset_stats();
  /// Forgets the compiled and loaded modules kept in memory; the disk cache is untouched, and a
  /// module still referenced elsewhere (by a RawKernel) stays loaded until released there.
  void clear_memory_cache();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// The compiler all of cupp uses (RawKernel, RawModule, generated kernels), with the cache
/// directory and CUPP_SAVE_SOURCE taken from the environment when it is first used.
compiler& get_default_compiler();

namespace detail {
/// The device headers of kernels/cupp/, as ("cupp/<file>.cuh", text); generated at build time.
const std::vector<std::pair<const char*, const char*>>& embedded_headers();
}  // namespace detail

}  // namespace cupp::jit
