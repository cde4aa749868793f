// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/jit/raw_kernel.hpp"

#include <cuda.h>
#include <cudaTypedefs.h>
#include <cuda_runtime_api.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <climits>
#include <cstdint>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/jit/compiler.hpp"
#include "registry.hpp"

namespace cupp::jit::detail {

namespace {
// Note [Driver launch]: cudaLaunchKernel on a cudaKernel_t resolves the kernel to the current
// context's function on every launch; cuLaunchKernel on a CUfunction resolved once per device
// skips that lookup (about 0.3 us of a 4-5 us launch). The driver functions are reached through
// the runtime's entry-point query, so nothing links against libcuda.
struct driver_api {
  PFN_cuKernelGetFunction_v12000 kernel_get_function = nullptr;
  PFN_cuLaunchKernel_v4000 launch_kernel = nullptr;
  PFN_cuGetErrorName_v6000 error_name = nullptr;
  PFN_cuGetErrorString_v6000 error_string = nullptr;
  PFN_cuFuncGetParamInfo_v12040 func_param_info = nullptr;  // null before CUDA 12.4 drivers
};

template <class Fn>
void entry_point(const char* symbol, Fn& fn) {
  void* p = nullptr;
  cudaDriverEntryPointQueryResult found{};
  CUPP_CHECK_CUDA(cudaGetDriverEntryPointByVersion(symbol, &p, 12000, cudaEnableDefault, &found));
  if (found != cudaDriverEntryPointSuccess || p == nullptr)
    throw cuda_error(static_cast<int>(cudaErrorSymbolNotFound), "cudaGetDriverEntryPointByVersion",
                     std::string("the CUDA driver does not provide ") + symbol);
  fn = reinterpret_cast<Fn>(p);
}

/// `fn` stays null when the driver does not have `symbol` at `version`.
template <class Fn>
void optional_entry_point(const char* symbol, int version, Fn& fn) {
  void* p = nullptr;
  cudaDriverEntryPointQueryResult found{};
  if (cudaGetDriverEntryPointByVersion(symbol, &p, version, cudaEnableDefault, &found) !=
      cudaSuccess) {
    (void)cudaGetLastError();
    return;
  }
  if (found == cudaDriverEntryPointSuccess) fn = reinterpret_cast<Fn>(p);
}

const driver_api& driver() {
  static const driver_api api = [] {
    driver_api a;
    entry_point("cuKernelGetFunction", a.kernel_get_function);
    entry_point("cuLaunchKernel", a.launch_kernel);
    entry_point("cuGetErrorName", a.error_name);
    entry_point("cuGetErrorString", a.error_string);
    optional_entry_point("cuFuncGetParamInfo", 12040, a.func_param_info);
    return a;
  }();
  return api;
}

/// The sizes of `f`'s parameters in order, as the driver reports them; false when it cannot.
bool parameter_sizes(CUfunction f, std::vector<std::size_t>& sizes) {
  if (driver().func_param_info == nullptr) return false;
  for (std::size_t i = 0;; ++i) {
    std::size_t offset = 0, size = 0;
    const CUresult r = driver().func_param_info(f, i, &offset, &size);
    if (r == CUDA_ERROR_INVALID_VALUE) return true;  // past the last parameter
    if (r != CUDA_SUCCESS) return false;
    sizes.push_back(size);
  }
}
}  // namespace

// Note [Launch path]: a launch costs one call into libcupp (launch_checked: the device check,
// cudaGetDevice, the thread's context bit of Note [Primary context per thread], two atomic
// loads, the size check of each argument (Note [Argument checks]), cuLaunchKernel), the
// arguments copied into a tuple on the stack with a `void*` array pointing into it and a stack
// scratch slot for each converted integer; nothing is allocated.
// Everything slow (compiling, loading, looking the kernel up, raising the shared memory limit)
// happens once per device under a mutex and is published through the slot's atomics. A
// cudaKernel_t comes from a context-independent cudaLibrary_t, but the module is compiled for one
// architecture, so each device has its slot (and loads the module compiled for its own
// architecture), holding the kernel and its CUfunction in that device's primary context.
//
// A refused launch (too many threads per block, too much shared memory) returns its CUresult
// from cuLaunchKernel; the driver API leaves the runtime's last error untouched, so the next
// call does not report it again. A successful launch does not call cudaGetLastError: it would
// only pick up an earlier, unrelated error.
constexpr int kMaxDevices = 64;

// Note [Primary context per thread]: the driver keeps a current context per host thread, and
// cuLaunchKernel launches into it. The runtime makes a device's primary context current on a
// thread at that thread's first runtime call that needs a context, but the launch path makes no
// such call once a kernel is resolved (cudaGetDevice does not need one): a fresh thread (a
// std::thread, a std::async task, a pool or OpenMP worker) whose first cupp call launched an
// already resolved kernel would get CUDA_ERROR_INVALID_CONTEXT. So the first launch of each
// thread on each device makes that device's primary context current (cudaSetDevice initialises
// and binds it since CUDA 12; cudaFree(nullptr) is the classic request for the same), and a
// thread_local bit per device remembers it: one TLS load and a test on every later launch. A
// thread that binds another context itself with the driver API (cuCtxSetCurrent) keeps it.
thread_local std::uint64_t t_primary_context_current = 0;
static_assert(kMaxDevices <= 64, "one bit per device in t_primary_context_current");

void make_primary_context_current(int device) {
  const std::uint64_t bit = std::uint64_t{1} << device;
  if ((t_primary_context_current & bit) != 0) return;
  CUPP_CHECK_CUDA(cudaSetDevice(device));
  CUPP_CHECK_CUDA(cudaFree(nullptr));
  t_primary_context_current |= bit;
}

class module_state {
 public:
  module_state(std::string source, std::vector<std::string> options,
               std::vector<std::string> name_expressions)
      : source_(std::move(source)),
        options_(std::move(options)),
        name_expressions_(std::move(name_expressions)) {}

  /// The module loaded for `device` (the current device), compiled for its architecture.
  std::shared_ptr<const loaded_module> loaded(int device) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (loaded_[static_cast<std::size_t>(device)])
        return loaded_[static_cast<std::size_t>(device)];
    }
    auto m = get_default_compiler().load(source_, options_, name_expressions_);
    std::lock_guard<std::mutex> lock(mutex_);
    auto& slot = loaded_[static_cast<std::size_t>(device)];
    if (!slot) slot = std::move(m);
    return slot;
  }

  /// The kernel state of `name`, shared by every RawKernel this module hands out for it.
  std::shared_ptr<kernel_state> kernel(const std::shared_ptr<module_state>& self,
                                       const std::string& name);

  const std::string& source() const noexcept { return source_; }
  const std::vector<std::string>& options() const noexcept { return options_; }
  const std::vector<std::string>& name_expressions() const noexcept { return name_expressions_; }

 private:
  std::string source_;
  std::vector<std::string> options_;
  std::vector<std::string> name_expressions_;
  std::mutex mutex_;
  std::array<std::shared_ptr<const loaded_module>, kMaxDevices> loaded_;
  std::map<std::string, std::weak_ptr<kernel_state>> kernels_;
};

class kernel_state {
 public:
  kernel_state(std::shared_ptr<module_state> module, std::string name)
      : module_(std::move(module)), name_(std::move(name)) {}

  const std::string& name() const noexcept { return name_; }
  const module_state& module() const noexcept { return *module_; }

  cudaKernel_t kernel(std::size_t shared_bytes) { return ready(shared_bytes).kernel.load(); }
  CUfunction function(std::size_t shared_bytes) { return ready(shared_bytes).function.load(); }
  /// The function and its parameter sizes (null when the driver cannot report them).
  std::pair<CUfunction, const std::vector<std::size_t>*> function_and_parameters(
      std::size_t shared_bytes) {
    slot& s = ready(shared_bytes);
    return {s.function.load(std::memory_order_acquire),
            s.params_known ? &s.param_sizes : nullptr};
  }

  /// Blocks of `threads` threads with `shared_bytes` of dynamic shared memory that one
  /// multiprocessor of the current device holds at once, asked of the device once per
  /// (device, threads, shared_bytes) the kernel last saw (Note [Launch rule]).
  int max_active_blocks(int threads, std::size_t shared_bytes) {
    const cudaKernel_t k = ready(shared_bytes).kernel.load(std::memory_order_acquire);
    int device = 0;
    CUPP_CHECK_CUDA(cudaGetDevice(&device));
    slot& s = slots_[static_cast<std::size_t>(device)];
    // The memo packs threads (11 bits), shared bytes (32 bits) and the answer (20 bits) with a
    // valid bit, so one atomic holds a consistent triple.
    const bool memoisable = threads > 0 && threads <= 2047 && shared_bytes <= UINT32_MAX;
    const std::uint64_t query = (std::uint64_t{1} << 63) |
                                (static_cast<std::uint64_t>(threads) << 52) |
                                (static_cast<std::uint64_t>(shared_bytes & 0xffffffffu) << 20);
    if (memoisable) {
      const std::uint64_t memo = s.occupancy.load(std::memory_order_acquire);
      if ((memo & ~std::uint64_t{0xfffff}) == query) return static_cast<int>(memo & 0xfffff);
    }
    int blocks = 0;
    CUPP_CHECK_CUDA(cudaOccupancyMaxActiveBlocksPerMultiprocessor(
        &blocks, reinterpret_cast<const void*>(k), threads, shared_bytes));
    if (memoisable && blocks >= 0 && blocks < 0xfffff)
      s.occupancy.store(query | static_cast<std::uint64_t>(blocks), std::memory_order_release);
    return blocks;
  }

  void set_shared_limit(int device, cudaKernel_t k, std::size_t bytes, bool exact) {
    std::lock_guard<std::mutex> lock(mutex_);
    slot& s = slots_[static_cast<std::size_t>(device)];
    if (!exact && bytes <= s.shared_limit.load()) return;
    if (bytes > static_cast<std::size_t>(INT_MAX))
      throw_shared_error(device, bytes, cudaErrorInvalidValue);
    const cudaError_t status = cudaKernelSetAttributeForDevice(
        k, cudaFuncAttributeMaxDynamicSharedMemorySize, static_cast<int>(bytes), device);
    if (status != cudaSuccess) {
      (void)cudaGetLastError();
      throw_shared_error(device, bytes, status);
    }
    s.shared_limit.store(bytes, std::memory_order_release);
  }

 private:
  struct slot {
    std::atomic<cudaKernel_t> kernel{nullptr};
    std::atomic<CUfunction> function{nullptr};  // the kernel in the device's primary context
    std::atomic<std::size_t> shared_limit{0};
    std::atomic<std::uint64_t> occupancy{0};  // the last occupancy query and its answer
    // Written before `kernel` is published and never after (Note [Argument checks]).
    std::vector<std::size_t> param_sizes;
    bool params_known = false;
  };

  /// The current device's slot, resolved, with its shared memory limit at least `shared_bytes`.
  slot& ready(std::size_t shared_bytes) {
    cuda::detail::require_device();
    int device = 0;
    CUPP_CHECK_CUDA(cudaGetDevice(&device));
    if (device >= kMaxDevices)
      throw not_implemented_error("RawKernel supports devices 0 to " +
                                  std::to_string(kMaxDevices - 1) + "; the current device is " +
                                  std::to_string(device));
    make_primary_context_current(device);
    slot& s = slots_[static_cast<std::size_t>(device)];
    cudaKernel_t k = s.kernel.load(std::memory_order_acquire);
    if (k == nullptr) k = resolve(device);
    if (shared_bytes > s.shared_limit.load(std::memory_order_acquire))
      set_shared_limit(device, k, shared_bytes, false);
    return s;
  }

  cudaKernel_t resolve(int device) {
    auto loaded = module_->loaded(device);
    std::lock_guard<std::mutex> lock(mutex_);
    slot& s = slots_[static_cast<std::size_t>(device)];
    if (cudaKernel_t k = s.kernel.load()) return k;
    const cudaKernel_t k = loaded->get_kernel(name_);
    cudaFuncAttributes attr{};
    CUPP_CHECK_CUDA(cudaFuncGetAttributes(&attr, reinterpret_cast<const void*>(k)));
    s.shared_limit.store(static_cast<std::size_t>(std::max(attr.maxDynamicSharedSizeBytes, 0)));
    CUfunction f = nullptr;
    const CUresult r = driver().kernel_get_function(&f, reinterpret_cast<CUkernel>(k));
    if (r != CUDA_SUCCESS)
      throw cuda_error(static_cast<int>(r), "cuKernelGetFunction",
                       "cuKernelGetFunction failed for kernel '" + name_ + "' (CUresult " +
                           std::to_string(static_cast<int>(r)) + ")");
    s.params_known = parameter_sizes(f, s.param_sizes);
    s.function.store(f, std::memory_order_release);
    s.kernel.store(k, std::memory_order_release);
    return k;
  }

  [[noreturn]] void throw_shared_error(int device, std::size_t bytes, cudaError_t status) const {
    int optin = 0;
    if (cudaDeviceGetAttribute(&optin, cudaDevAttrMaxSharedMemoryPerBlockOptin, device) !=
        cudaSuccess) {
      (void)cudaGetLastError();
      optin = -1;
    }
    std::string what = std::string(cudaGetErrorString(status)) + " (" + cudaGetErrorName(status) +
                       ") in cudaKernelSetAttributeForDevice: kernel '" + name_ + "' cannot use " +
                       std::to_string(bytes) + " bytes of dynamic shared memory on device " +
                       std::to_string(device);
    if (optin >= 0)
      what += " (a block may have at most " + std::to_string(optin) +
              " bytes of shared memory there, static and dynamic together)";
    throw cuda_error(static_cast<int>(status), "cudaKernelSetAttributeForDevice", what);
  }

  std::shared_ptr<module_state> module_;
  std::string name_;
  std::mutex mutex_;
  std::array<slot, kMaxDevices> slots_;
};

// Note [Kernel registry]: every compiled kernel in cupp is reached through one registry, keyed as
// the compiler's cache is (the source, the options and the name expressions, in order): a
// RawModule, a RawKernel, the engine's generated kernels, ElementwiseKernel, ReductionKernel and
// the routines' own kernels (library_kernel, routine_kernel). Two objects made from the same text
// share one module state, hence one load per device and one kernel state per name (its resolved
// function, its shared memory limit, its occupancy memo); below it the compiler keeps one
// compiled module per cache key (Note [Kernel cache key]). User objects hold their module state
// as long as they live (the registry keeps a weak reference, swept as the table grows); the
// library's own kernels are kept for the life of the process, since they may run at exit.

std::string registry_key(const std::string& source, const std::vector<std::string>& options,
                         const std::vector<std::string>& name_expressions) {
  std::string key;
  key.reserve(source.size() + 64);
  key += source;
  for (const auto& o : options) (key += '\0') += o;
  key += '\1';
  for (const auto& n : name_expressions) (key += '\0') += n;
  return key;
}

namespace {
struct module_registry {
  std::mutex mutex;
  std::unordered_map<std::string, std::weak_ptr<module_state>> modules;
  std::size_t sweep_at = 64;
};

module_registry& modules() {
  static auto* r = new module_registry;  // never destroyed: kernels may run at exit
  return *r;
}
}  // namespace

std::shared_ptr<module_state> registered_module(std::string source,
                                                std::vector<std::string> options,
                                                std::vector<std::string> name_expressions) {
  std::string key = registry_key(source, options, name_expressions);
  module_registry& r = modules();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto& entry = r.modules[key];
  if (auto existing = entry.lock()) return existing;
  auto fresh = std::make_shared<module_state>(std::move(source), std::move(options),
                                              std::move(name_expressions));
  entry = fresh;
  if (r.modules.size() >= r.sweep_at) {
    for (auto it = r.modules.begin(); it != r.modules.end();)
      it = it->second.expired() ? r.modules.erase(it) : std::next(it);
    r.sweep_at = std::max<std::size_t>(64, 2 * r.modules.size());
  }
  return fresh;
}

std::size_t registered_module_count() {
  module_registry& r = modules();
  std::lock_guard<std::mutex> lock(r.mutex);
  std::size_t n = 0;
  for (const auto& [key, m] : r.modules) n += m.expired() ? 0 : 1;
  return n;
}

std::shared_ptr<kernel_state> module_state::kernel(const std::shared_ptr<module_state>& self,
                                                   const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& entry = kernels_[name];
  if (auto existing = entry.lock()) return existing;
  auto fresh = std::make_shared<kernel_state>(self, name);
  entry = fresh;
  return fresh;
}

cudaKernel_t kernel_for_launch(kernel_state& state, std::size_t shared_bytes) {
  return state.kernel(shared_bytes);
}

void* function_for_launch(kernel_state& state, std::size_t shared_bytes) {
  return state.function(shared_bytes);
}

void launch_function(const kernel_state& state, void* function, dim3 grid, dim3 block,
                     std::size_t shared_bytes, cudaStream_t stream, void** args) {
  const CUresult r = driver().launch_kernel(static_cast<CUfunction>(function), grid.x, grid.y,
                                            grid.z, block.x, block.y, block.z,
                                            static_cast<unsigned>(shared_bytes),
                                            reinterpret_cast<CUstream>(stream), args, nullptr);
  if (r != CUDA_SUCCESS) throw_launch_error(static_cast<int>(r), state, grid, block, shared_bytes);
}

// Note [Argument checks]: a launch hands the driver one pointer per parameter, and the driver
// copies as many bytes as the parameter has, so an argument of the wrong type launches garbage
// (CuPy cannot tell either). cuFuncGetParamInfo (CUDA 12.4) reports each parameter's size, read
// once when the kernel is resolved for a device. The size is all that is known, not the type,
// so: integers convert to their parameter's size when the value fits (an int for a long long
// parameter, an int64 holding a small count for an int), keeping their signedness; a
// floating-point value, a pointer or a struct of another size is an error rather than a guess
// (a float for an 8-byte parameter may be meant for a double, a long long or a pointer), and so
// is a wrong number of arguments. Arguments of the right size pass untouched, whatever their
// type, as before.

namespace {
const char* kind_text(arg_meta::kind k) {
  switch (k) {
    case arg_meta::kind::signed_int: return "a signed integer";
    case arg_meta::kind::unsigned_int: return "an unsigned integer";
    case arg_meta::kind::floating: return "a floating-point value";
    case arg_meta::kind::pointer: return "a pointer";
    default: return "a value";
  }
}

template <class T>
T read_as(const void* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

template <class T>
void write_as(std::uint64_t* dst, T v) {
  *dst = 0;
  std::memcpy(dst, &v, sizeof(T));
}
}  // namespace

void adapt_arguments(const std::size_t* param_sizes, std::size_t n_params, void** args,
                     const arg_meta* meta, std::uint64_t* scratch, std::size_t n,
                     const std::string& kernel) {
  if (n != n_params)
    throw type_error("kernel '" + kernel + "' takes " + std::to_string(n_params) +
                     (n_params == 1 ? " argument" : " arguments") + ", got " + std::to_string(n));
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t want = param_sizes[k], have = meta[k].size;
    if (want == have) continue;
    const std::string where = "kernel '" + kernel + "': argument " + std::to_string(k + 1) +
                              " (for parameter " + std::to_string(k + 1) + " of " +
                              std::to_string(n_params) + ")";
    const bool is_signed = meta[k].k == arg_meta::kind::signed_int;
    const bool integer = is_signed || meta[k].k == arg_meta::kind::unsigned_int;
    if (!integer || (want != 1 && want != 2 && want != 4 && want != 8))
      throw value_error(where + " is " + kind_text(meta[k].k) + " of " + std::to_string(have) +
                        " bytes, but the parameter takes " + std::to_string(want) +
                        " bytes" +
                        (integer ? std::string()
                                 : std::string("; only integers are converted: pass a value of "
                                               "the parameter's type")));
    const int bits = static_cast<int>(want) * 8;
    if (is_signed) {
      std::int64_t v = 0;
      switch (have) {
        case 1: v = read_as<std::int8_t>(args[k]); break;
        case 2: v = read_as<std::int16_t>(args[k]); break;
        case 4: v = read_as<std::int32_t>(args[k]); break;
        default: v = read_as<std::int64_t>(args[k]); break;
      }
      const std::int64_t hi = bits == 64 ? INT64_MAX : (std::int64_t{1} << (bits - 1)) - 1;
      const std::int64_t lo = -hi - 1;
      if (v < lo || v > hi)
        throw value_error(where + " is " + std::to_string(v) +
                          ", which does not fit the parameter's " + std::to_string(want) +
                          " bytes");
      switch (want) {
        case 1: write_as(&scratch[k], static_cast<std::int8_t>(v)); break;
        case 2: write_as(&scratch[k], static_cast<std::int16_t>(v)); break;
        case 4: write_as(&scratch[k], static_cast<std::int32_t>(v)); break;
        default: write_as(&scratch[k], v); break;
      }
    } else {
      std::uint64_t v = 0;
      switch (have) {
        case 1: v = read_as<std::uint8_t>(args[k]); break;
        case 2: v = read_as<std::uint16_t>(args[k]); break;
        case 4: v = read_as<std::uint32_t>(args[k]); break;
        default: v = read_as<std::uint64_t>(args[k]); break;
      }
      const std::uint64_t hi = bits == 64 ? UINT64_MAX : (std::uint64_t{1} << bits) - 1;
      if (v > hi)
        throw value_error(where + " is " + std::to_string(v) +
                          ", which does not fit the parameter's " + std::to_string(want) +
                          " bytes");
      switch (want) {
        case 1: write_as(&scratch[k], static_cast<std::uint8_t>(v)); break;
        case 2: write_as(&scratch[k], static_cast<std::uint16_t>(v)); break;
        case 4: write_as(&scratch[k], static_cast<std::uint32_t>(v)); break;
        default: write_as(&scratch[k], v); break;
      }
    }
    args[k] = &scratch[k];
  }
}

void launch_checked(kernel_state& state, dim3 grid, dim3 block, std::size_t shared_bytes,
                    cudaStream_t stream, void** args, const arg_meta* meta,
                    std::uint64_t* scratch, std::size_t n) {
  const auto [function, sizes] = state.function_and_parameters(shared_bytes);
  if (sizes != nullptr)
    adapt_arguments(sizes->data(), sizes->size(), args, meta, scratch, n, state.name());
  launch_function(state, function, grid, block, shared_bytes, stream, args);
}

namespace {
std::string format_dims(dim3 d) {
  return "(" + std::to_string(d.x) + ", " + std::to_string(d.y) + ", " + std::to_string(d.z) + ")";
}
}  // namespace

void throw_launch_error(int status, const kernel_state& state, dim3 grid, dim3 block,
                        std::size_t shared_bytes) {
  const char* name = "unknown CUresult";
  const char* text = "unknown error";
  (void)driver().error_name(static_cast<CUresult>(status), &name);
  (void)driver().error_string(static_cast<CUresult>(status), &text);
  throw cuda_error(status, "cuLaunchKernel",
                   std::string(text) + " (" + name + ") in cuLaunchKernel of kernel '" +
                       state.name() + "' with grid " + format_dims(grid) + ", block " +
                       format_dims(block) + " and " + std::to_string(shared_bytes) +
                       " bytes of dynamic shared memory");
}

}  // namespace cupp::jit::detail

namespace cupp {

using jit::detail::kernel_state;
using jit::detail::module_state;

RawKernel::RawKernel(std::string source, std::string name, std::vector<std::string> options) {
  auto module = jit::detail::registered_module(std::move(source), std::move(options), {});
  state_ = module->kernel(module, name);
}

void RawKernel::compile() const { (void)jit::detail::kernel_for_launch(*state_, 0); }

jit::kernel_attributes RawKernel::attributes() const {
  const cudaKernel_t k = jit::detail::kernel_for_launch(*state_, 0);
  cudaFuncAttributes a{};
  CUPP_CHECK_CUDA(cudaFuncGetAttributes(&a, reinterpret_cast<const void*>(k)));
  jit::kernel_attributes out;
  out.max_threads_per_block = a.maxThreadsPerBlock;
  out.shared_size_bytes = a.sharedSizeBytes;
  out.const_size_bytes = a.constSizeBytes;
  out.local_size_bytes = a.localSizeBytes;
  out.num_regs = a.numRegs;
  out.ptx_version = a.ptxVersion;
  out.binary_version = a.binaryVersion;
  out.cache_mode_ca = a.cacheModeCA != 0;
  out.max_dynamic_shared_size_bytes = a.maxDynamicSharedSizeBytes;
  out.preferred_shared_memory_carveout = a.preferredShmemCarveout;
  return out;
}

int RawKernel::max_threads_per_block() const { return attributes().max_threads_per_block; }

int RawKernel::max_active_blocks(int block_threads, std::size_t shared_bytes) const {
  return state_->max_active_blocks(block_threads, shared_bytes);
}

void RawKernel::set_max_dynamic_shared_memory(std::size_t bytes) const {
  const cudaKernel_t k = jit::detail::kernel_for_launch(*state_, 0);
  int device = 0;
  CUPP_CHECK_CUDA(cudaGetDevice(&device));
  state_->set_shared_limit(device, k, bytes, true);
}

const std::string& RawKernel::name() const noexcept { return state_->name(); }
const std::string& RawKernel::source() const noexcept { return state_->module().source(); }
const std::vector<std::string>& RawKernel::options() const noexcept {
  return state_->module().options();
}

RawModule::RawModule(std::string source, std::vector<std::string> options,
                     std::vector<std::string> name_expressions)
    : state_(jit::detail::registered_module(std::move(source), std::move(options),
                                            std::move(name_expressions))) {}

RawKernel RawModule::get_function(const std::string& name) const {
  return RawKernel(state_->kernel(state_, name));
}

void RawModule::compile() const {
  cuda::detail::require_device();
  int device = 0;
  CUPP_CHECK_CUDA(cudaGetDevice(&device));
  if (device >= jit::detail::kMaxDevices)
    throw not_implemented_error("RawModule supports devices 0 to " +
                                std::to_string(jit::detail::kMaxDevices - 1));
  (void)state_->loaded(device);
}

const std::string& RawModule::source() const noexcept { return state_->source(); }
const std::vector<std::string>& RawModule::options() const noexcept { return state_->options(); }
const std::vector<std::string>& RawModule::name_expressions() const noexcept {
  return state_->name_expressions();
}

}  // namespace cupp
