// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Arrays over device memory that cupp did not allocate: ndarray<T>::from_pointer and
// cupp::array::from_pointer.
#include <cuda_runtime_api.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/cuda/device.hpp"

namespace cupp::detail {

// Note [Foreign memory]: an array over memory that cupp did not allocate is an ordinary
// description, so every routine, view and kernel takes it as it is. Two things set it apart:
// - `owner` does not own an allocation of cupp's pool. It is an aliasing shared_ptr whose get()
//   is the lowest address the array reaches (element 0 for non-negative strides) and whose
//   control block is the caller's owner or deleter, or none at all. get() matters: the engine
//   decides that an input may overlap an output when both have the same owner.get() (so
//   `a += a.T()` reads a copy), and ndarray::offset() counts from it. Every view, copy of the
//   handle and cupp::array copies `owner`, so the caller's owner lives exactly as long as the
//   last of them. Two separate from_pointer calls over overlapping memory with different lowest
//   addresses are not known to share it: wrap a buffer once and take views of that array.
// - The pointer is checked with cudaPointerGetAttributes at both ends of the memory the array
//   reaches, as CuPy checks an UnownedMemory's device: host memory (pinned or not) cannot be
//   an array's memory, and device memory must be the current device's (CuPy's rule: a kernel
//   of this device would fault or silently go through peer access). Managed memory is accepted
//   on any device. Nothing is checked for an empty array, which reads no memory.

namespace {

std::string address(const void* p) {
  char text[32];
  std::snprintf(text, sizeof text, "%p", p);
  return text;
}

std::string layout(const shape_t& shape, const strides_t& strides) {
  return "shape " + shape_str(shape) + " and strides " + shape_str(strides) + " (in elements)";
}

// What lies at `p`: a value_error unless it is device memory of `device` or managed memory.
void check_device_memory(const void* p, int device, const char* where) {
  cudaPointerAttributes attr{};
  const cudaError_t status = cudaPointerGetAttributes(&attr, p);
  if (status != cudaSuccess) {
    (void)cudaGetLastError();  // not sticky; leave no status behind
    throw value_error(std::string("from_pointer: ") + where + " " + address(p) +
                      " is not memory known to CUDA (cudaPointerGetAttributes: " +
                      cudaGetErrorString(status) + ")");
  }
  switch (attr.type) {
    case cudaMemoryTypeManaged:
      return;
    case cudaMemoryTypeDevice:
      if (attr.device == device) return;
      throw value_error(std::string("from_pointer: ") + where + " " + address(p) +
                        " is memory of device " + std::to_string(attr.device) +
                        ", which is different from the current device " + std::to_string(device) +
                        " (make device " + std::to_string(attr.device) + " current first)");
    case cudaMemoryTypeHost:
      throw value_error(std::string("from_pointer: ") + where + " " + address(p) +
                        " is pinned host memory, not device memory; copy it to the device "
                        "(cupp::asarray) or use managed memory");
    default:
      throw value_error(std::string("from_pointer: ") + where + " " + address(p) +
                        " is host memory, not device memory; copy it to the device "
                        "(cupp::asarray) or use managed memory");
  }
}

}  // namespace

array_desc wrap_pointer(void* ptr, dtype dt, const shape_t& shape, const strides_t& strides) {
  array_desc d;
  d.dt = dt;
  d.shape = shape;
  const std::int64_t n = shape_size(shape);  // value_error for a negative dimension
  const auto item = static_cast<std::int64_t>(dtype_itemsize(dt));
  if (strides.empty()) {
    d.strides = c_strides(shape);
  } else {
    CUPP_EXPECTS(strides.size() == shape.size(), value_error,
                 "from_pointer: strides " + shape_str(strides) + " have " +
                     std::to_string(strides.size()) + " entries but shape " + shape_str(shape) +
                     " has " + std::to_string(shape.size()) + " dimensions");
    d.strides = strides;
  }
  d.ptr = static_cast<char*>(ptr);
  if (n == 0) {
    d.owner = std::shared_ptr<void>(std::shared_ptr<void>(), ptr);
    return d;
  }
  CUPP_EXPECTS(ptr != nullptr, value_error,
               "from_pointer: a null pointer for an array of " + std::to_string(n) +
                   " elements (only an empty array may have no memory)");
  CUPP_EXPECTS(reinterpret_cast<std::uintptr_t>(ptr) % static_cast<std::uintptr_t>(item) == 0,
               value_error,
               "from_pointer: " + address(ptr) + " is not aligned to the " + std::to_string(item) +
                   "-byte items of dtype " + dtype_name(dt));
  // The elements the array reaches lie between element offsets `low` <= 0 <= `high`.
  std::int64_t low = 0, high = 0;
  const auto too_big = [&] {
    return value_error("from_pointer: the memory reached by an array of " +
                       layout(shape, d.strides) + " does not fit in the address space");
  };
  for (std::size_t k = 0; k < shape.size(); ++k) {
    std::int64_t span = 0;
    if (__builtin_mul_overflow(shape[k] - 1, d.strides[k], &span)) throw too_big();
    if (__builtin_add_overflow(span < 0 ? low : high, span, span < 0 ? &low : &high))
      throw too_big();
  }
  std::int64_t low_bytes = 0, high_bytes = 0;
  if (__builtin_mul_overflow(low, item, &low_bytes) ||
      __builtin_mul_overflow(high, item, &high_bytes) ||
      __builtin_add_overflow(high_bytes, item - 1, &high_bytes))
    throw too_big();
  const auto base = reinterpret_cast<std::uintptr_t>(ptr);
  if (base < static_cast<std::uintptr_t>(-low_bytes) ||
      UINTPTR_MAX - base < static_cast<std::uintptr_t>(high_bytes))
    throw too_big();
  char* first = static_cast<char*>(ptr) + low_bytes;
  char* last = static_cast<char*>(ptr) + high_bytes;

  const int device = cuda::detail::current_device_id();  // cuda_error without a device
  check_device_memory(ptr, device, "the pointer");
  if (first != ptr)
    check_device_memory(
        first, device,
        ("the lowest address reached by the " + layout(shape, d.strides) + ",").c_str());
  if (last != ptr)
    check_device_memory(
        last, device,
        ("the highest address reached by the " + layout(shape, d.strides) + ",").c_str());
  d.owner = std::shared_ptr<void>(std::shared_ptr<void>(), first);
  return d;
}

void keep_alive(array_desc& d, std::shared_ptr<void> keep) {
  d.owner = std::shared_ptr<void>(std::move(keep), d.owner.get());
}

}  // namespace cupp::detail
