// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// DLPack export and import (include/cupp/dlpack.hpp). Everything but dlpack_device and the
// current device's id is host code, so that the translation is tested without a GPU.
#include "cupp/dlpack.hpp"

#include <cuda_runtime_api.h>

#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/cuda/device.hpp"

namespace cupp {
namespace detail {
namespace {

// The version to_dlpack writes, whatever dlpack.h a program included first (Note [DLPack
// declarations]): 1.0, since an exported tensor uses nothing later versions added (1.1 added
// element codes cupp has no dtype for), and any 1.x consumer reads it.
constexpr std::uint32_t kDlpackMajor = 1;
constexpr std::uint32_t kDlpackMinor = 0;

const char* dlpack_code_name(std::uint8_t code) noexcept {
  switch (code) {
    case kDLInt: return "kDLInt";
    case kDLUInt: return "kDLUInt";
    case kDLFloat: return "kDLFloat";
    case kDLOpaqueHandle: return "kDLOpaqueHandle";
    case kDLBfloat: return "kDLBfloat";
    case kDLComplex: return "kDLComplex";
    case kDLBool: return "kDLBool";
    case kDLFloat8_e3m4: return "kDLFloat8_e3m4";
    case kDLFloat8_e4m3: return "kDLFloat8_e4m3";
    case kDLFloat8_e4m3b11fnuz: return "kDLFloat8_e4m3b11fnuz";
    case kDLFloat8_e4m3fn: return "kDLFloat8_e4m3fn";
    case kDLFloat8_e4m3fnuz: return "kDLFloat8_e4m3fnuz";
    case kDLFloat8_e5m2: return "kDLFloat8_e5m2";
    case kDLFloat8_e5m2fnuz: return "kDLFloat8_e5m2fnuz";
    case kDLFloat8_e8m0fnu: return "kDLFloat8_e8m0fnu";
    case kDLFloat6_e2m3fn: return "kDLFloat6_e2m3fn";
    case kDLFloat6_e3m2fn: return "kDLFloat6_e3m2fn";
    case kDLFloat4_e2m1fn: return "kDLFloat4_e2m1fn";
    default: return nullptr;
  }
}

std::string type_text(DLDataType t) {
  const char* name = dlpack_code_name(t.code);
  std::string s = name ? name : "type code " + std::to_string(t.code);
  s += ", " + std::to_string(t.bits) + " bits";
  if (t.lanes != 1) s += ", " + std::to_string(t.lanes) + " lanes";
  return s;
}

// The manager context of an exported tensor: the DLPack structure itself (first, so that its
// address is the context's), the owner that keeps cupp's memory alive, and the shape and strides
// the structure points into.
template <class Managed>
struct export_context {
  Managed managed{};
  std::shared_ptr<void> owner;
  std::vector<std::int64_t> dims;  // shape, then strides

  // Noexcept: a C caller cannot take an exception. Dropping the owner gives the memory back to
  // cupp's allocator, which throws nothing there.
  static void deleter(Managed* self) noexcept {
    delete static_cast<export_context*>(self->manager_ctx);
  }
};

template <class Managed>
Managed* export_impl(const array_desc& a, DLDevice device) {
  auto ctx = std::make_unique<export_context<Managed>>();
  const std::size_t nd = a.shape.size();
  ctx->dims.resize(2 * nd);
  for (std::size_t i = 0; i < nd; ++i) {
    ctx->dims[i] = a.shape[i];
    ctx->dims[nd + i] = a.strides[i];
  }
  ctx->owner = a.owner;
  DLTensor& t = ctx->managed.dl_tensor;
  // The view's own address, byte_offset 0, as CuPy and PyTorch export; NULL for an empty array,
  // as the specification asks.
  t.data = a.size() == 0 ? nullptr : static_cast<void*>(a.ptr);
  t.device = device;
  t.ndim = static_cast<std::int32_t>(nd);
  t.dtype = dlpack_dtype(a.dt);
  t.shape = nd == 0 ? nullptr : ctx->dims.data();
  t.strides = nd == 0 ? nullptr : ctx->dims.data() + nd;
  t.byte_offset = 0;
  ctx->managed.manager_ctx = ctx.get();
  ctx->managed.deleter = &export_context<Managed>::deleter;
  if constexpr (std::is_same_v<Managed, DLManagedTensorVersioned>) {
    ctx->managed.version = DLPackVersion{kDlpackMajor, kDlpackMinor};
    ctx->managed.flags = a.readonly ? DLPACK_FLAG_BITMASK_READ_ONLY : 0;
  }
  return &ctx.release()->managed;
}

// Note [DLPack ownership]: from_dlpack owns the tensor only once it returns. Every check comes
// first and may throw; then one shared_ptr, whose deleter calls the producer's deleter, becomes
// the owner of the array's description, and every view made from the array shares it, so the
// deleter runs once, when the last of them is destroyed. A tensor from_dlpack refused is still
// the caller's, who calls its deleter: that is what PyTorch's at::fromDLPack does, and what the
// Python protocol says (a capsule that was not renamed "used_dltensor..." is still the
// producer's, and its destructor calls the deleter). A version check that fails leaves the
// tensor with the caller too; the specification allows the caller to call the deleter of a
// tensor of any major version, since version, manager_ctx and deleter never move.
template <class Managed>
array import_impl(Managed* tensor, int current_device, std::optional<dtype> want,
                  bool read_only) {
  array_desc d = describe_dlpack(tensor->dl_tensor, read_only, current_device);
  if (want && *want != d.dt)
    throw type_error(std::string("cannot view a DLPack tensor of dtype ") + dtype_name(d.dt) +
                     " as " + dtype_name(*want));
  // The owner's address is the start of the producer's memory, so that ndarray::offset() is
  // byte_offset (plus nothing: the view starts there).
  std::shared_ptr<Managed> holder(tensor, [](Managed* m) noexcept {
    if (m->deleter != nullptr) m->deleter(m);
  });
  d.owner = std::shared_ptr<void>(holder, tensor->dl_tensor.data);
  return array(std::move(d));
}

void check_tensor(const void* tensor) {
  CUPP_EXPECTS(tensor != nullptr, value_error, "cupp::from_dlpack: the DLPack tensor is NULL");
}

}  // namespace

DLDataType dlpack_dtype(dtype d) noexcept {
  const auto bits = static_cast<std::uint8_t>(8 * dtype_itemsize(d));
  switch (d) {
    case dtype::bool_: return {kDLBool, 8, 1};
    case dtype::int8:
    case dtype::int16:
    case dtype::int32:
    case dtype::int64: return {kDLInt, bits, 1};
    case dtype::uint8:
    case dtype::uint16:
    case dtype::uint32:
    case dtype::uint64: return {kDLUInt, bits, 1};
    case dtype::float16:
    case dtype::float32:
    case dtype::float64: return {kDLFloat, bits, 1};
    case dtype::bfloat16: return {kDLBfloat, 16, 1};
    case dtype::complex64:
    case dtype::complex128: return {kDLComplex, bits, 1};
  }
  return {kDLOpaqueHandle, 0, 1};  // unreachable: every dtype is listed
}

dtype dtype_from_dlpack(DLDataType t) {
  CUPP_EXPECTS(t.lanes == 1, value_error,
               "cupp::from_dlpack: vector element types are not supported (" + type_text(t) +
                   "); cupp arrays have one lane");
  switch (t.code) {
    case kDLBool:
      if (t.bits == 8) return dtype::bool_;
      break;
    case kDLInt:
      switch (t.bits) {
        case 8: return dtype::int8;
        case 16: return dtype::int16;
        case 32: return dtype::int32;
        case 64: return dtype::int64;
      }
      break;
    case kDLUInt:
      switch (t.bits) {
        case 8: return dtype::uint8;
        case 16: return dtype::uint16;
        case 32: return dtype::uint32;
        case 64: return dtype::uint64;
      }
      break;
    case kDLFloat:
      switch (t.bits) {
        case 16: return dtype::float16;
        case 32: return dtype::float32;
        case 64: return dtype::float64;
      }
      break;
    case kDLBfloat:
      if (t.bits == 16) return dtype::bfloat16;
      break;
    case kDLComplex:
      switch (t.bits) {
        case 64: return dtype::complex64;
        case 128: return dtype::complex128;
      }
      break;
    default: break;
  }
  throw type_error("cupp::from_dlpack: unsupported DLPack element type (" + type_text(t) +
                   "): cupp has no such dtype");
}

std::string dlpack_device_name(std::int32_t device_type) {
  switch (device_type) {
    case kDLCPU: return "CPU (kDLCPU)";
    case kDLCUDA: return "CUDA (kDLCUDA)";
    case kDLCUDAHost: return "CUDA pinned host memory (kDLCUDAHost)";
    case kDLOpenCL: return "OpenCL (kDLOpenCL)";
    case kDLVulkan: return "Vulkan (kDLVulkan)";
    case kDLMetal: return "Metal (kDLMetal)";
    case kDLVPI: return "VPI (kDLVPI)";
    case kDLROCM: return "ROCm (kDLROCM)";
    case kDLROCMHost: return "ROCm pinned host memory (kDLROCMHost)";
    case kDLExtDev: return "an extension device (kDLExtDev)";
    case kDLCUDAManaged: return "CUDA managed memory (kDLCUDAManaged)";
    case kDLOneAPI: return "oneAPI (kDLOneAPI)";
    case kDLWebGPU: return "WebGPU (kDLWebGPU)";
    case kDLHexagon: return "Hexagon (kDLHexagon)";
    case kDLMAIA: return "MAIA (kDLMAIA)";
    case kDLTrn: return "Trainium (kDLTrn)";
    default: return "device type " + std::to_string(device_type);
  }
}

array_desc describe_dlpack(const DLTensor& t, bool read_only, int current_device) {
  const std::int32_t type = t.device.device_type;
  CUPP_EXPECTS(type == kDLCUDA || type == kDLCUDAManaged, value_error,
               "cupp::from_dlpack: the DLPack tensor is on " + dlpack_device_name(type) +
                   ", but cupp arrays are CUDA device memory (kDLCUDA) or managed memory "
                   "(kDLCUDAManaged)");
  // Note [DLPack devices]: a cupp array has no device of its own; its kernels run on the current
  // device. So device memory is taken from the current device only (CuPy would make an array of
  // the tensor's device instead). Managed memory is reachable from every device.
  CUPP_EXPECTS(type != kDLCUDA || t.device.device_id == current_device, value_error,
               "cupp::from_dlpack: the DLPack tensor is on CUDA device " +
                   std::to_string(t.device.device_id) + ", but the current device is " +
                   std::to_string(current_device) + "; make device " +
                   std::to_string(t.device.device_id) +
                   " current first (cupp::cuda::Device(id).use())");
  CUPP_EXPECTS(t.ndim >= 0, value_error,
               "cupp::from_dlpack: negative ndim " + std::to_string(t.ndim));
  CUPP_EXPECTS(t.ndim == 0 || t.shape != nullptr, value_error,
               "cupp::from_dlpack: the DLPack tensor has ndim " + std::to_string(t.ndim) +
                   " but no shape");
  array_desc d;
  d.dt = dtype_from_dlpack(t.dtype);
  d.shape.assign(t.shape, t.shape + t.ndim);
  for (std::int64_t n : d.shape)
    CUPP_EXPECTS(n >= 0, value_error,
                 "cupp::from_dlpack: negative dimension in the DLPack tensor's shape " +
                     shape_str(d.shape));
  const std::int64_t size = shape_size(d.shape);
  if (t.strides != nullptr)
    d.strides.assign(t.strides, t.strides + t.ndim);
  else
    d.strides = c_strides(d.shape);
  CUPP_EXPECTS(size == 0 || t.data != nullptr, value_error,
               "cupp::from_dlpack: the DLPack tensor of shape " + shape_str(d.shape) +
                   " has no data pointer");
  d.ptr = t.data == nullptr ? nullptr : static_cast<char*>(t.data) + t.byte_offset;
  // The generated kernels read whole elements (a complex128 as one 16-byte load).
  CUPP_EXPECTS(size == 0 || reinterpret_cast<std::uintptr_t>(d.ptr) % d.itemsize() == 0,
               value_error,
               std::string("cupp::from_dlpack: the DLPack tensor's first element is not aligned "
                           "to its size (") +
                   std::to_string(d.itemsize()) + " bytes for " + dtype_name(d.dt) + ")");
  d.readonly = read_only;
  return d;
}

array import_dlpack(DLManagedTensorVersioned* tensor, int current_device,
                    std::optional<dtype> want) {
  check_tensor(tensor);
  CUPP_EXPECTS(tensor->version.major == kDlpackMajor, value_error,
               "cupp::from_dlpack: DLPack version " + std::to_string(tensor->version.major) +
                   "." + std::to_string(tensor->version.minor) +
                   " is not supported: cupp reads DLPack 1.x");
  return import_impl(tensor, current_device, want,
                     (tensor->flags & DLPACK_FLAG_BITMASK_READ_ONLY) != 0);
}

array import_dlpack(DLManagedTensor* tensor, int current_device, std::optional<dtype> want) {
  check_tensor(tensor);
  return import_impl(tensor, current_device, want, false);
}

namespace {
// from_dlpack: the version is checked before any other field is read (their places may differ in
// another major version), and the runtime is asked for the current device only for kDLCUDA
// memory, so that a tensor of another device type gets its own message even without a GPU.
template <class Managed>
array from_dlpack_impl(Managed* tensor, std::optional<dtype> want) {
  check_tensor(tensor);
  if constexpr (std::is_same_v<Managed, DLManagedTensorVersioned>)
    if (tensor->version.major != kDlpackMajor) return import_dlpack(tensor, -1, want);  // throws
  const int current =
      tensor->dl_tensor.device.device_type == kDLCUDA ? cuda::detail::current_device_id() : -1;
  return import_dlpack(tensor, current, want);
}
}  // namespace

DLManagedTensorVersioned* export_dlpack(const array_desc& a, DLDevice device) {
  return export_impl<DLManagedTensorVersioned>(a, device);
}

DLManagedTensor* export_dlpack_legacy(const array_desc& a, DLDevice device) {
  return export_impl<DLManagedTensor>(a, device);
}

DLDevice dlpack_device(const array_desc& a) {
  const int current = cuda::detail::current_device_id();
  if (a.ptr == nullptr || a.size() == 0) return DLDevice{kDLCUDA, current};
  cudaPointerAttributes attr{};
  const cudaError_t status = cudaPointerGetAttributes(&attr, a.ptr);
  if (status != cudaSuccess) {
    (void)cudaGetLastError();  // not sticky, but it must not be left for the next check
    return DLDevice{kDLCUDA, current};
  }
  switch (attr.type) {
    case cudaMemoryTypeManaged: return DLDevice{kDLCUDAManaged, 0};
    case cudaMemoryTypeHost: return DLDevice{kDLCUDAHost, 0};
    case cudaMemoryTypeDevice: return DLDevice{kDLCUDA, attr.device};
    default: return DLDevice{kDLCUDA, current};
  }
}

array from_dlpack_as(DLManagedTensorVersioned* tensor, dtype want) {
  return from_dlpack_impl(tensor, want);
}

array from_dlpack_as(DLManagedTensor* tensor, dtype want) { return from_dlpack_impl(tensor, want); }

}  // namespace detail

DLManagedTensorVersioned* to_dlpack(const array& a) {
  return detail::export_dlpack(a.desc(), detail::dlpack_device(a.desc()));
}

DLManagedTensor* to_dlpack_legacy(const array& a) {
  return detail::export_dlpack_legacy(a.desc(), detail::dlpack_device(a.desc()));
}

array from_dlpack(DLManagedTensorVersioned* tensor) {
  return detail::from_dlpack_impl(tensor, std::nullopt);
}

array from_dlpack(DLManagedTensor* tensor) { return detail::from_dlpack_impl(tensor, std::nullopt); }

}  // namespace cupp
