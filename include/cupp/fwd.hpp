// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Declarations of cupp's public types without their definitions, as <iosfwd> is for the streams:
// for a header that only names them (`void f(const cupp::ndarray<float>& a);`), and for cupp's
// own headers that name a type before the header defining it (ndarray's method forms name
// index_mode and kth_arg, whose routines include ndarray.hpp).
#pragma once

#include <cstdint>

namespace cupp {

template <class T>
class ndarray;  // cupp/core/ndarray.hpp
template <class T>
class indexed;  // cupp/routines/indexing.hpp: a[index_array]
class array;    // cupp/core/runtime_array.hpp: the array whose dtype is a run-time value

enum class index_mode : std::uint8_t;  // cupp/routines/indexing.hpp; index_mode{} is raise
class kth_arg;                         // cupp/routines/searching.hpp

class MemoryPool;        // cupp/cuda/memory.hpp
class PinnedMemoryPool;  // cupp/cuda/memory.hpp
class RawKernel;         // cupp/jit/raw_kernel.hpp
class RawModule;         // cupp/jit/raw_kernel.hpp
template <class... Types>
class ElementwiseKernel;  // cupp/jit/elementwise_kernel.hpp
template <class... Types>
class ReductionKernel;  // cupp/jit/reduction_kernel.hpp

namespace cuda {
class Device;       // cupp/cuda/device.hpp
class Stream;       // cupp/cuda/stream.hpp
class StreamGuard;  // cupp/cuda/stream.hpp
class Event;        // cupp/cuda/event.hpp
}  // namespace cuda

namespace random {
class Generator;  // cupp/random.hpp
}  // namespace random

}  // namespace cupp
