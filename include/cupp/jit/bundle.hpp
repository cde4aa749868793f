// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Ahead-of-time kernel bundles: record the kernels a program compiles, build them into a bundle
// (cubins for chosen architectures plus PTX), and load the bundle so that a first run compiles
// nothing it holds. CuPy has no equivalent (cupy#3314, cupy#6689 ask for one); the bundle is
// cupp's answer to a cold kernel cache on a new machine. See docs/jit.md, "Kernel bundles".
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace cupp::jit {

/// One kernel as a program asked the compiler for it: enough to compile it again for any
/// architecture (compiler::compile's arguments less the architecture).
struct kernel_record {
  /// The CUDA source.
  std::string source;
  /// The compiler options, as given to compile (without the architecture).
  std::vector<std::string> options;
  /// The name expressions instantiated ("scale<float>").
  std::vector<std::string> name_expressions;
  /// Whether two records are the same kernel: equal source, options and name expressions.
  friend bool operator==(const kernel_record& a, const kernel_record& b) {
    return a.source == b.source && a.options == b.options &&
           a.name_expressions == b.name_expressions;
  }
};

/// Appends each distinct kernel that any compiler of this process compiles or loads from now on
/// (from memory, a bundle, the disk cache or NVRTC) to the record file `path` (created if
/// missing; entries are appended, so several runs and processes may share one file). Replaces an
/// earlier recording. The environment variable `CUPP_RECORD_KERNELS=path` does the same from
/// the first kernel on. Throws cupp::value_error when the file cannot be opened for appending.
void record_kernels(const std::string& path);
/// Ends the recording started by record_kernels() or CUPP_RECORD_KERNELS; the file is closed.
void stop_recording();
/// The kernels of a record file, each distinct kernel once, in the order first recorded. Throws
/// cupp::value_error naming the file and the byte offset when it is not a valid record file.
std::vector<kernel_record> read_kernel_records(const std::string& path);

/// The kernels nearly every program compiles (Note [Common kernels] in
/// src/jit/common_kernels.cpp): fills, copies between layouts, casts between bool, int32, int64,
/// float32 and float64, and sum, mean, max and min of whole arrays and along an axis. Add them to
/// a bundle with `cupp-bundle --common` or cupp_add_kernel_bundle(<target> COMMON_KERNELS).
std::vector<kernel_record> common_kernels();

/// Builds a kernel bundle of `kernels`: for each kernel a cubin for every architecture of
/// `archs` (compute capabilities: 80, 90), and PTX for the newest of them, which the driver
/// compiles on a newer GPU. `jobs` NVRTC compilations run at once (0: one per processor).
/// Returns the bundle's bytes (Note [Kernel bundle format] in src/jit/bundle.cpp). Throws
/// cupp::compile_error when a kernel does not compile, cupp::value_error for an empty `archs`.
/// The command-line tool `cupp-bundle` calls this.
std::string build_kernel_bundle(const std::vector<kernel_record>& kernels,
                                const std::vector<int>& archs, int jobs = 1);

/// Makes the bundle in `data` (`size` bytes) available to every compiler of the process, which
/// then looks up a kernel in memory, then in the bundles, then in the disk cache, and compiles
/// it only when none of them holds it. `data` is not copied: it must stay valid for the rest of
/// the process (bundles embedded with the CMake helper `cupp_add_kernel_bundle` are static).
/// `name` names the bundle in messages.
///
/// A bundle built by another cupp version (or another build of its device headers) or with
/// another NVRTC version is ignored, with one warning on stderr; so is, at the first lookup for
/// an architecture it holds no code for, a bundle that cannot serve that architecture. A corrupt
/// bundle (a bad magic number, a failed checksum, a truncated file) throws cupp::value_error:
/// broken input fails loudly, as numpy.load does, rather than slowing the program silently.
void register_kernel_bundle(const void* data, std::size_t size, const char* name = nullptr);
/// Reads the bundle file `path` and registers it (register_kernel_bundle). Throws
/// cupp::value_error when it cannot be read or is corrupt. `CUPP_KERNEL_BUNDLE` (one path, or
/// several separated by ':') loads bundles this way when the first kernel is compiled.
void load_kernel_bundle(const std::string& path);

/// What a bundle holds, from its header (for `cupp-bundle --info`).
struct kernel_bundle_info {
  std::string cupp_version;  ///< the cupp version that built it
  int nvrtc_major = 0;       ///< NVRTC's version when it was built
  int nvrtc_minor = 0;       ///< and its minor part
  std::vector<int> archs;   ///< architectures with cubins (80, 90)
  int ptx_arch = 0;         ///< the architecture of its PTX (0: none)
  std::size_t kernels = 0;  ///< distinct kernels
  std::size_t entries = 0;  ///< images (kernels times targets)
  bool current = false;     ///< built by this cupp and this NVRTC: usable here
};
/// Reads and checks a bundle's header and checksum; throws cupp::value_error when corrupt.
kernel_bundle_info inspect_kernel_bundle(const void* data, std::size_t size);

}  // namespace cupp::jit
