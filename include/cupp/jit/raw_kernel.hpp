// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#pragma once

#include <cuda_runtime_api.h>

#include <climits>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/jit/compiler.hpp"

namespace cupp::jit {

/// How a launch argument of type A is passed to a kernel: `value(a)` returns the object whose
/// bytes are the kernel parameter. The primary template passes trivially copyable values as they
/// are.
template <class A, class = void>
struct kernel_argument {
  static_assert(std::is_trivially_copyable_v<A>,
                "kernel arguments are passed by value and must be trivially copyable");
  /// `a` itself: its bytes are the parameter.
  static const A& value(const A& a) { return a; }
};

/// `nullptr` is passed as a null pointer (the bytes of a std::nullptr_t object are unspecified).
template <>
struct kernel_argument<std::nullptr_t> {
  /// A null `void*`.
  static void* value(std::nullptr_t) { return nullptr; }
};

/// Dynamic shared memory of a launch on the current stream, as CuPy's `shared_mem=`:
/// `k(grid, block, args..., cupp::shared_mem(bytes))` (or right after `block`). A type of its
/// own, so that it cannot be taken for an integer argument of the kernel.
struct shared_mem {
  /// The dynamic shared memory of the launch, in bytes.
  std::size_t bytes = 0;
  /// `n` bytes; value_error for a negative `n`.
  template <class I, class = std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>>>
  constexpr explicit shared_mem(I n) : bytes(checked(n)) {}

 private:
  template <class I>
  static constexpr std::size_t checked(I n) {
    if constexpr (std::is_signed_v<I>) {
      if (n < 0) throw value_error("shared memory size must not be negative");
    }
    return static_cast<std::size_t>(n);
  }
};

/// Grid or block dimensions of a launch: a `dim3`, or one to three integers, so that `{n}`,
/// `{x, y}` and `{x, y, z}` work with integers of any type (a `dim3` built from a braced `int`
/// would be a narrowing conversion). Throws cupp::value_error for a negative dimension or one
/// above 2^32 - 1.
class dims {
 public:
  /// The dimensions of a `dim3`.
  constexpr dims(dim3 d) noexcept : x_(d.x), y_(d.y), z_(d.z) {}  // NOLINT: implicit on purpose
  /// (x, y, z) from integers of any type, y and z 1 by default; value_error when out of range.
  template <class X, class Y = unsigned, class Z = unsigned,
            class = std::enable_if_t<std::is_integral_v<X> && std::is_integral_v<Y> &&
                                     std::is_integral_v<Z>>>
  constexpr dims(X x, Y y = 1u, Z z = 1u)  // NOLINT: implicit on purpose
      : x_(checked(x)), y_(checked(y)), z_(checked(z)) {}

  /// The x dimension.
  constexpr unsigned x() const noexcept { return x_; }
  /// The y dimension.
  constexpr unsigned y() const noexcept { return y_; }
  /// The z dimension.
  constexpr unsigned z() const noexcept { return z_; }
  /// The dimensions as CUDA's `dim3`.
  constexpr operator dim3() const noexcept { return dim3(x_, y_, z_); }  // NOLINT

 private:
  template <class I>
  static constexpr unsigned checked(I v) {
    if constexpr (std::is_signed_v<I>) {
      if (v < 0)
        throw value_error("launch dimensions must not be negative, got " + std::to_string(v));
    }
    if constexpr (sizeof(I) > sizeof(unsigned)) {
      if (static_cast<unsigned long long>(v) > UINT_MAX)
        throw value_error("launch dimension " + std::to_string(v) + " is above 2^32 - 1");
    }
    return static_cast<unsigned>(v);
  }
  unsigned x_, y_, z_;
};

/// A kernel's attributes, as cupy.RawKernel.attributes (cudaFuncGetAttributes).
struct kernel_attributes {
  int max_threads_per_block = 0;          ///< the most threads a block may have with this kernel
  std::size_t shared_size_bytes = 0;      ///< static shared memory per block
  std::size_t const_size_bytes = 0;       ///< constant memory
  std::size_t local_size_bytes = 0;       ///< local memory per thread
  int num_regs = 0;                       ///< registers per thread
  int ptx_version = 0;                    ///< PTX virtual architecture, major * 10 + minor
  int binary_version = 0;                 ///< binary architecture, major * 10 + minor
  bool cache_mode_ca = false;             ///< compiled with -Xptxas --dlcm=ca
  int max_dynamic_shared_size_bytes = 0;  ///< the dynamic shared memory a launch may ask for
  int preferred_shared_memory_carveout = -1;  ///< % of L1 preferred as shared memory; -1: none
};

namespace detail {
class kernel_state;
class module_state;

/// The kernel for the current device, compiled and loaded on first use, with its dynamic shared
/// memory limit raised to `shared_bytes` where needed (Note [Launch path] in raw_kernel.cpp).
cudaKernel_t kernel_for_launch(kernel_state& state, std::size_t shared_bytes);
/// The same kernel as the device's CUfunction (as void*, so this header needs no driver types),
/// which launch_function hands to cuLaunchKernel (Note [Driver launch] in raw_kernel.cpp).
void* function_for_launch(kernel_state& state, std::size_t shared_bytes);
/// Launches; on a refused launch throws cuda_error with api() "cuLaunchKernel" and the CUresult.
void launch_function(const kernel_state& state, void* function, dim3 grid, dim3 block,
                     std::size_t shared_bytes, cudaStream_t stream, void** args);
[[noreturn]] void throw_launch_error(int status, const kernel_state& state, dim3 grid,
                                     dim3 block, std::size_t shared_bytes);

/// What the launch path knows of one argument's value: its size and kind. Integers are
/// widened or narrowed to their parameter's size; every other kind must have it exactly
/// (Note [Argument checks] in raw_kernel.cpp).
struct arg_meta {
  enum class kind : std::uint8_t { signed_int, unsigned_int, floating, pointer, other };
  std::uint32_t size = 0;
  kind k = kind::other;
};

template <class V>
constexpr arg_meta meta_of() {
  using kind = arg_meta::kind;
  kind k = kind::other;
  if constexpr (std::is_integral_v<V>)
    k = std::is_signed_v<V> ? kind::signed_int : kind::unsigned_int;
  else if constexpr (std::is_floating_point_v<V>)
    k = kind::floating;
  else if constexpr (std::is_pointer_v<V>)
    k = kind::pointer;
  return arg_meta{static_cast<std::uint32_t>(sizeof(V)), k};
}

/// Checks a launch's arguments against the kernel's parameter sizes (`param_sizes[0..n_params)`)
/// and converts integers to their parameter's size: args[k] points at argument k's value
/// (`meta[k]`); a converted value is written to scratch[k] and args[k] repointed there. Throws
/// type_error for a wrong number of arguments and value_error naming the parameter for a size
/// that does not fit or an integer value its parameter cannot hold. `kernel` names the kernel in
/// the messages.
void adapt_arguments(const std::size_t* param_sizes, std::size_t n_params, void** args,
                     const arg_meta* meta, std::uint64_t* scratch, std::size_t n,
                     const std::string& kernel);

/// The current device's function with `shared_bytes` of dynamic shared memory allowed (as
/// function_for_launch), its arguments checked and converted by adapt_arguments against the
/// parameter sizes the driver reports (skipped where the driver cannot report them), launched.
void launch_checked(kernel_state& state, dim3 grid, dim3 block, std::size_t shared_bytes,
                    cudaStream_t stream, void** args, const arg_meta* meta,
                    std::uint64_t* scratch, std::size_t n);

template <class T>
inline constexpr bool is_stream_v =
    std::is_same_v<T, cudaStream_t> || std::is_same_v<T, cuda::Stream>;

/// True when a launch's first two arguments after grid and block are (shared_bytes, stream).
template <class... Args>
struct has_launch_config : std::false_type {};
template <class Shared, class Stream, class... Rest>
struct has_launch_config<Shared, Stream, Rest...>
    : std::bool_constant<std::is_integral_v<Shared> && !std::is_same_v<Shared, bool> &&
                         is_stream_v<Stream>> {};

/// What is stored for one argument: a copy of what kernel_argument<A>::value returns.
template <class Arg>
using argument_t =
    std::decay_t<decltype(kernel_argument<std::decay_t<Arg>>::value(std::declval<const Arg&>()))>;

inline cudaStream_t stream_handle(cudaStream_t s) noexcept { return s; }
inline cudaStream_t stream_handle(const cuda::Stream& s) noexcept { return s.handle(); }

template <class T>
inline constexpr bool is_shared_mem_v = std::is_same_v<T, shared_mem>;

/// Where a cupp::shared_mem stands among a launch's arguments: first, last or nowhere.
template <class... Args>
struct shared_mem_position {
  static constexpr bool first = false, last = false;
};
template <class First, class... Rest>
struct shared_mem_position<First, Rest...> {
  static constexpr bool first = is_shared_mem_v<First>;
  static constexpr bool last =
      !first && is_shared_mem_v<std::tuple_element_t<sizeof...(Rest), std::tuple<First, Rest...>>>;
};

template <class Tuple, std::size_t... I>
void launch_tuple(kernel_state& state, dim3 grid, dim3 block, std::size_t shared_bytes,
                  cudaStream_t stream, Tuple& values, std::index_sequence<I...>) {
  void* pointers[sizeof...(I) + 1] = {static_cast<void*>(std::addressof(std::get<I>(values)))...,
                                      nullptr};
  static constexpr arg_meta meta[sizeof...(I) + 1] = {
      meta_of<std::tuple_element_t<I, Tuple>>()..., arg_meta{}};
  std::uint64_t scratch[sizeof...(I) + 1];
  launch_checked(state, grid, block, shared_bytes, stream, pointers, meta, scratch, sizeof...(I));
}
}  // namespace detail
}  // namespace cupp::jit

namespace cupp {

using jit::shared_mem;

/// A CUDA kernel compiled at run time from its source, as cupy.RawKernel. The source is
/// compiled with NVRTC (through the shared kernel cache) for the calling thread's current device
/// on the first launch, or by compile(). Copies share the compiled kernel. Thread-safe.
///
/// ```
/// cupp::RawKernel add(source, "add_arrays");
/// add({blocks}, {256}, x1, x2, y, n);                   // on the current stream
/// add({blocks}, {256}, shared_bytes, stream, x1, x2, y, n);
/// ```
///
/// Arguments are passed by value; a type can choose what it passes by specializing
/// cupp::jit::kernel_argument (an ndarray passes its device pointer when it is C- or
/// F-contiguous). Each argument's size is checked against its parameter's, as the driver reports
/// them: an integer is converted to its parameter's size when its value fits, any other argument
/// of the wrong size throws value_error naming the parameter, and a wrong number of arguments
/// throws type_error. When the two arguments after grid and block are an integer and a stream
/// (`cudaStream_t` or cupp::cuda::Stream), they are the dynamic shared memory in bytes and the
/// stream of the launch, not kernel arguments; `cupp::shared_mem(bytes)` as the first or the last
/// argument asks for dynamic shared memory on the current stream. A launch that asks for more
/// than 48 KiB of dynamic shared memory raises the kernel's limit first.
class RawKernel {
 public:
  /// `name` is the kernel's symbol: its `extern "C"` name or its mangled name (for templates, use
  /// RawModule with name expressions). `options` are appended to the compiler's defaults
  /// (jit::compiler::compile).
  RawKernel(std::string source, std::string name, std::vector<std::string> options = {});

  /// Launches the kernel: `k(grid, block, args...)` or `k(grid, block, shared_bytes, stream,
  /// args...)`. Throws cupp::compile_error when the source does not compile, and cupp::cuda_error
  /// naming cuLaunchKernel when the launch is refused (more than 1024 threads per block, too
  /// much shared memory, ...); the CUDA context is then left without a pending error.
  template <class... Args>
  void operator()(jit::dims grid, jit::dims block, const Args&... args) const {
    using position = jit::detail::shared_mem_position<Args...>;
    if constexpr (jit::detail::has_launch_config<Args...>::value)
      launch_with_config(grid, block, args...);
    else if constexpr (position::first)
      launch_after_shared(grid, block, args...);
    else if constexpr (position::last)
      launch_before_shared(grid, block, std::forward_as_tuple(args...),
                           std::make_index_sequence<sizeof...(Args) - 1>{});
    else
      launch(grid, block, 0, cuda::get_current_stream(), args...);
  }

  /// Compiles and loads the kernel for the current device now instead of at the first launch.
  void compile() const;
  /// The kernel's attributes on the current device, as cupy.RawKernel.attributes.
  jit::kernel_attributes attributes() const;
  /// As cupy.RawKernel.max_threads_per_block.
  int max_threads_per_block() const;
  /// How many blocks of `block_threads` threads, each with `shared_bytes` of dynamic shared
  /// memory, one multiprocessor of the current device holds at once
  /// (cudaOccupancyMaxActiveBlocksPerMultiprocessor).
  int max_active_blocks(int block_threads, std::size_t shared_bytes = 0) const;
  /// Lets launches on the current device use up to `bytes` of dynamic shared memory, as setting
  /// cupy.RawKernel.max_dynamic_shared_size_bytes (needed above 48 KiB; done automatically by a
  /// launch that asks for more).
  void set_max_dynamic_shared_memory(std::size_t bytes) const;

  /// Launches with the parameters given as pointers to their values, as cuLaunchKernel's
  /// kernelParams: for code that builds its argument lists at run time (generated kernels).
  void launch_params(dim3 grid, dim3 block, std::size_t shared_bytes, cudaStream_t stream,
                     void** params) const {
    void* const function = jit::detail::function_for_launch(*state_, shared_bytes);
    jit::detail::launch_function(*state_, function, grid, block, shared_bytes, stream, params);
  }

  /// The name the kernel was made with: its symbol, or a RawModule's name expression.
  const std::string& name() const noexcept;
  /// The CUDA source of the kernel's module (cupy.RawKernel.code).
  const std::string& source() const noexcept;
  /// The compiler options given to the constructor, without the defaults.
  const std::vector<std::string>& options() const noexcept;

 private:
  friend class RawModule;
  explicit RawKernel(std::shared_ptr<jit::detail::kernel_state> state) noexcept
      : state_(std::move(state)) {}

  template <class Shared, class Stream, class... Rest>
  void launch_with_config(jit::dims grid, jit::dims block, const Shared& shared_bytes,
                          const Stream& stream, const Rest&... rest) const {
    if constexpr (std::is_signed_v<Shared>) {
      if (shared_bytes < 0) throw value_error("shared memory size must not be negative");
    }
    launch(grid, block, static_cast<std::size_t>(shared_bytes), jit::detail::stream_handle(stream),
           rest...);
  }

  template <class... Rest>
  void launch_after_shared(jit::dims grid, jit::dims block, const shared_mem& shared,
                           const Rest&... rest) const {
    launch(grid, block, shared.bytes, cuda::get_current_stream(), rest...);
  }

  template <class Tuple, std::size_t... I>
  void launch_before_shared(jit::dims grid, jit::dims block, const Tuple& args,
                            std::index_sequence<I...>) const {
    launch(grid, block, std::get<sizeof...(I)>(args).bytes, cuda::get_current_stream(),
           std::get<I>(args)...);
  }

  template <class... Args>
  void launch(dim3 grid, dim3 block, std::size_t shared_bytes, cudaStream_t stream,
              const Args&... args) const {
    static_assert(!(jit::detail::is_shared_mem_v<Args> || ...),
                  "cupp::shared_mem goes right after the block or last, once");
    std::tuple<jit::detail::argument_t<Args>...> values{
        jit::kernel_argument<std::decay_t<Args>>::value(args)...};
    jit::detail::launch_tuple(*state_, grid, block, shared_bytes, stream, values,
                              std::index_sequence_for<Args...>{});
  }

  std::shared_ptr<jit::detail::kernel_state> state_;
};

/// A CUDA module compiled at run time from its source, as cupy.RawModule: several kernels, and
/// templates instantiated through name expressions ("scale<float>"). Compiled for the current
/// device on the first launch of one of its kernels, or by compile(). Thread-safe.
class RawModule {
 public:
  /// `options` are appended to the compiler's defaults; each of `name_expressions` (such as
  /// "scale<float>") is instantiated and can then be passed to get_function().
  explicit RawModule(std::string source, std::vector<std::string> options = {},
                     std::vector<std::string> name_expressions = {});

  /// The kernel called `name`: a name expression given to the constructor, or a symbol name (an
  /// `extern "C"` name, or a mangled one). As cupy.RawModule.get_function; the name is looked up
  /// when the kernel is first launched or compiled, and a missing one throws cupp::cuda_error
  /// naming cudaLibraryGetKernel then.
  RawKernel get_function(const std::string& name) const;
  /// Compiles and loads the module for the current device now.
  void compile() const;

  /// The CUDA source (cupy.RawModule.code).
  const std::string& source() const noexcept;
  /// The compiler options given to the constructor, without the defaults.
  const std::vector<std::string>& options() const noexcept;
  /// The name expressions given to the constructor.
  const std::vector<std::string>& name_expressions() const noexcept;

 private:
  std::shared_ptr<jit::detail::module_state> state_;
};

}  // namespace cupp
