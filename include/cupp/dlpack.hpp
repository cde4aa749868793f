// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// DLPack: handing arrays to and from other libraries (PyTorch, CuPy, JAX, TensorFlow, cuDF, ...)
// without a copy. The C declarations of the DLPack 1.x tensor exchange, then cupp::to_dlpack and
// cupp::from_dlpack. Not part of cupp/array.hpp: include it where it is used.
#pragma once

// ---- The DLPack 1.x tensor exchange ABI -----------------------------------------------------
// Note [DLPack declarations]: the structures below are declared from the DLPack specification
// (version 1.1), field for field, so their layout is the ABI every DLPack library shares. They
// sit behind the include guard of the official dlpack.h (DLPACK_DLPACK_H_), so that a program may
// include both headers in either order and gets one set of declarations: if dlpack.h came first,
// its declarations serve; if this header came first, dlpack.h adds nothing. Only the tensor
// exchange is declared here (not, for example, the Python exchange-API table of later versions):
// a program that needs more of dlpack.h includes it before this header. An official header older
// than 1.0 (Debian's 0.6, say) lacks DLManagedTensorVersioned and is refused below.
#ifndef DLPACK_DLPACK_H_
#define DLPACK_DLPACK_H_

#ifdef __cplusplus
#define DLPACK_EXTERN_C extern "C"
#else
#define DLPACK_EXTERN_C
#endif

#define DLPACK_MAJOR_VERSION 1
#define DLPACK_MINOR_VERSION 1

#ifndef DLPACK_DLL
#define DLPACK_DLL
#endif

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The version of a DLManagedTensorVersioned. A consumer refuses a major version it does not
/// know (the layout after `deleter` may differ) and reads any minor version.
typedef struct {
  /// The major version; a change here may change the layout after `deleter`.
  uint32_t major;
  /// The minor version; it only adds to what a major version means.
  uint32_t minor;
} DLPackVersion;

/// Where a tensor's memory lives.
#ifdef __cplusplus
typedef enum : int32_t {
#else
typedef enum {
#endif
  kDLCPU = 1,
  kDLCUDA = 2,
  /// Pinned host memory (cudaMallocHost).
  kDLCUDAHost = 3,
  kDLOpenCL = 4,
  kDLVulkan = 7,
  kDLMetal = 8,
  kDLVPI = 9,
  kDLROCM = 10,
  kDLROCMHost = 11,
  kDLExtDev = 12,
  /// Managed (unified) memory (cudaMallocManaged); the device id is 0.
  kDLCUDAManaged = 13,
  kDLOneAPI = 14,
  kDLWebGPU = 15,
  kDLHexagon = 16,
  kDLMAIA = 17,
  kDLTrn = 18,
} DLDeviceType;

/// A device type and its ordinal (0 for host, pinned and managed memory).
typedef struct {
  /// The kind of memory (kDLCUDA, kDLCPU, ...).
  DLDeviceType device_type;
  /// The device ordinal, as cudaSetDevice takes it; 0 for host, pinned and managed memory.
  int32_t device_id;
} DLDevice;

/// The kinds of element (DLDataType::code).
typedef enum {
  kDLInt = 0U,
  kDLUInt = 1U,
  kDLFloat = 2U,
  kDLOpaqueHandle = 3U,
  kDLBfloat = 4U,
  /// Two floats of bits/2 each, real then imaginary (std::complex's layout).
  kDLComplex = 5U,
  /// One byte per element, as NumPy's and PyTorch's bool.
  kDLBool = 6U,
  kDLFloat8_e3m4 = 7U,
  kDLFloat8_e4m3 = 8U,
  kDLFloat8_e4m3b11fnuz = 9U,
  kDLFloat8_e4m3fn = 10U,
  kDLFloat8_e4m3fnuz = 11U,
  kDLFloat8_e5m2 = 12U,
  kDLFloat8_e5m2fnuz = 13U,
  kDLFloat8_e8m0fnu = 14U,
  kDLFloat6_e2m3fn = 15U,
  kDLFloat6_e3m2fn = 16U,
  kDLFloat4_e2m1fn = 17U,
} DLDataTypeCode;

/// An element type: float32 is {kDLFloat, 32, 1}, complex64 {kDLComplex, 64, 1}, bool
/// {kDLBool, 8, 1}. lanes > 1 describes vector types.
typedef struct {
  /// The kind of element, a DLDataTypeCode.
  uint8_t code;
  /// The size of one lane in bits (8 for bool).
  uint8_t bits;
  /// The lanes per element: 1 for scalars, which is all cupp takes.
  uint16_t lanes;
} DLDataType;

/// A strided view of memory; owns nothing. Strides count elements, not bytes (NULL, from older
/// producers, means C order). The first element is at (char*)data + byte_offset.
typedef struct {
  /// The start of the memory, on `device` (the first element is at data + byte_offset).
  void* data;
  /// Where the memory lives.
  DLDevice device;
  /// The number of axes (0 for a scalar).
  int32_t ndim;
  /// The element type.
  DLDataType dtype;
  /// The length of each axis: ndim entries, on the host.
  int64_t* shape;
  /// The stride of each axis in elements (ndim entries, on the host); NULL means C order.
  int64_t* strides;
  /// Bytes from `data` to the first element.
  uint64_t byte_offset;
} DLTensor;

/// The tensor of DLPack before 1.0 ("legacy"): the consumer calls deleter(self) once, when it no
/// longer needs the memory; the deleter frees manager_ctx and self.
typedef struct DLManagedTensor {
  /// The tensor's memory, shape, strides and type.
  DLTensor dl_tensor;
  /// The producer's context for `deleter` (what keeps the memory alive).
  void* manager_ctx;
  /// Called once by the consumer when done; frees manager_ctx and `self`. May be NULL.
  void (*deleter)(struct DLManagedTensor* self);
} DLManagedTensor;

/// DLManagedTensorVersioned::flags: the consumer must not write the memory.
#define DLPACK_FLAG_BITMASK_READ_ONLY (1UL << 0UL)
/// DLManagedTensorVersioned::flags: the producer made a copy the consumer owns alone.
#define DLPACK_FLAG_BITMASK_IS_COPIED (1UL << 1UL)
/// DLManagedTensorVersioned::flags: a sub-byte element type is padded to a byte, not packed.
#define DLPACK_FLAG_BITMASK_IS_SUBBYTE_TYPE_PADDED (1UL << 2UL)

/// The tensor of DLPack 1.x: version, manager_ctx, deleter and flags come first and keep their
/// places in every later version, so that any consumer can read the version and call deleter.
typedef struct DLManagedTensorVersioned {
  /// The DLPack version the producer wrote; read it before anything after `deleter`.
  DLPackVersion version;
  /// The producer's context for `deleter` (what keeps the memory alive).
  void* manager_ctx;
  /// Called once by the consumer when done; frees manager_ctx and `self`. May be NULL.
  void (*deleter)(struct DLManagedTensorVersioned* self);
  /// DLPACK_FLAG_BITMASK_* bits: read-only, copied, padded sub-byte types.
  uint64_t flags;
  /// The tensor's memory, shape, strides and type.
  DLTensor dl_tensor;
} DLManagedTensorVersioned;

#ifdef __cplusplus
}  // extern "C"
#endif
#endif  // DLPACK_DLPACK_H_

#if !defined(DLPACK_MAJOR_VERSION) || DLPACK_MAJOR_VERSION != 1
#error "cupp/dlpack.hpp needs the DLPack 1.x declarations, but an older dlpack.h was included first"
#endif

// ---- cupp's side ----------------------------------------------------------------------------

#include <cstdint>
#include <optional>
#include <string>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/dtype.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/core/runtime_array.hpp"

namespace cupp {

/// Exports `a` as a DLPack 1.x tensor, without a copy: the memory of the view, its shape and its
/// strides (in elements), device kDLCUDA and the array's device (kDLCUDAManaged for managed
/// memory), version 1.0, flag DLPACK_FLAG_BITMASK_READ_ONLY for read-only arrays (broadcast_to
/// results). As cupy.ndarray.__dlpack__ and at::toDLPackVersioned. The tensor keeps the memory
/// alive until its consumer calls `deleter` (exactly once); hand it to a consumer that takes
/// ownership (at::fromDLPackVersioned, a "dltensor_versioned" PyCapsule) or call the deleter.
/// Takes ndarray<T> as well (any ndarray<T> converts to cupp::array). Queues nothing and waits
/// for nothing: see Note [DLPack and streams].
DLManagedTensorVersioned* to_dlpack(const array& a);

/// The same, as the legacy DLManagedTensor of DLPack 0.x (no version, no flags), for consumers
/// that take only that (a "dltensor" PyCapsule, at::fromDLPack). As cupy.ndarray.toDlpack and
/// at::toDLPack.
DLManagedTensor* to_dlpack_legacy(const array& a);

/// Views a DLPack tensor as a cupp::array, without a copy, taking ownership of it: the
/// producer's deleter is called once, when the last cupp array viewing the memory is destroyed.
/// As cupy.from_dlpack and at::fromDLPackVersioned. The tensor must be CUDA memory of the
/// current device (kDLCUDA with that device id) or managed memory (kDLCUDAManaged), of one of
/// cupp's 15 dtypes (kDLBool 8 bits, kDLInt/kDLUInt 8 to 64, kDLFloat 16/32/64, kDLBfloat 16,
/// kDLComplex 64/128) with one lane, of major version 1, and aligned to its element size. Any
/// strides (NULL: C order) and byte_offset; 0-d and empty tensors. The read-only flag makes a
/// read-only array (writes through it throw value_error, as for broadcast_to results).
/// Throws value_error for another device (naming it), a major version other than 1, vector
/// lanes, a bad shape or a misaligned pointer, type_error for an element type cupp lacks, and
/// cuda_error for kDLCUDA memory where there is no GPU. On a throw, ownership stays with the caller, who still calls the deleter (as a PyCapsule
/// that was not renamed "used_dltensor_versioned" does): see Note [DLPack ownership].
array from_dlpack(DLManagedTensorVersioned* tensor);
/// The same for the legacy DLManagedTensor (no version, no read-only flag).
array from_dlpack(DLManagedTensor* tensor);

namespace detail {
array from_dlpack_as(DLManagedTensorVersioned* tensor, dtype want);
array from_dlpack_as(DLManagedTensor* tensor, dtype want);
}  // namespace detail

/// from_dlpack as an ndarray<T>: type_error naming both dtypes when the tensor holds another
/// element type, checked before ownership is taken (the caller still owns the tensor then).
template <class T>
ndarray<T> from_dlpack(DLManagedTensorVersioned* tensor) {
  return detail::from_dlpack_as(tensor, dtype_of<T>).template as<T>();
}
template <class T>
ndarray<T> from_dlpack(DLManagedTensor* tensor) {
  return detail::from_dlpack_as(tensor, dtype_of<T>).template as<T>();
}

// Note [DLPack and streams]: neither to_dlpack nor from_dlpack queues or waits for anything, as
// at::toDLPack and at::fromDLPack. In Python, __dlpack__(stream=...) orders the consumer's stream
// after the producer's; in C++ the caller does: hand the tensor over after the producer's work
// is done (cupp::cuda::Stream::current().synchronize(), torch.cuda.synchronize()), or run both
// libraries on one stream (cupp::cuda::StreamGuard over the other library's stream). Likewise,
// once the last view of an imported tensor is dropped, its producer may reuse the memory for
// work on its own stream: work cupp queued on it must be finished or on that same stream.

namespace detail {

/// The DLPack type of a cupp dtype (bool is {kDLBool, 8, 1}, as PyTorch and NumPy export it).
DLDataType dlpack_dtype(dtype d) noexcept;
/// The cupp dtype of a DLPack type. Throws value_error for lanes != 1 and type_error, naming the
/// type ("kDLFloat8_e4m3fn, 8 bits"), for a type cupp lacks. kDLUInt of 8 bits is uint8, not
/// bool, as in PyTorch.
dtype dtype_from_dlpack(DLDataType t);
/// "CUDA (kDLCUDA)", "CPU (kDLCPU)", ...: the device types' names in messages.
std::string dlpack_device_name(std::int32_t device_type);

/// Checks a DLPack tensor and describes it (pointer, shape, strides, dtype, read-only), with no
/// owner: the host part of from_dlpack, for a given current device. Throws as from_dlpack.
array_desc describe_dlpack(const DLTensor& t, bool read_only, int current_device);
/// from_dlpack for a given current device: checks, then takes ownership. With `want`, the dtype
/// must be that one (type_error otherwise, before ownership is taken).
array import_dlpack(DLManagedTensorVersioned* tensor, int current_device,
                    std::optional<dtype> want = std::nullopt);
array import_dlpack(DLManagedTensor* tensor, int current_device,
                    std::optional<dtype> want = std::nullopt);
/// to_dlpack for a given device, which the caller has found: no CUDA call.
DLManagedTensorVersioned* export_dlpack(const array_desc& a, DLDevice device);
DLManagedTensor* export_dlpack_legacy(const array_desc& a, DLDevice device);
/// The DLPack device of an array's memory (cudaPointerGetAttributes): kDLCUDA and the device
/// that holds it, kDLCUDAManaged for managed memory; the current device for an empty array.
DLDevice dlpack_device(const array_desc& a);

}  // namespace detail
}  // namespace cupp
