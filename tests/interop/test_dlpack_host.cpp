// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// DLPack without a GPU: the structures' layout, the dtype and device translation both ways, the
// shape/strides/pointer of exported and imported tensors, the errors, and the deleter contract,
// over fake device pointers that are never dereferenced.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/throws.hpp"
#include "cupp/dlpack.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::dtype;
using cupp::detail::array_desc;

// The specification's layout on a 64-bit system, counted by hand from its field list.
static_assert(sizeof(DLDevice) == 8 && sizeof(DLDataType) == 4 && sizeof(DLPackVersion) == 8);
static_assert(offsetof(DLTensor, data) == 0 && offsetof(DLTensor, device) == 8 &&
              offsetof(DLTensor, ndim) == 16 && offsetof(DLTensor, dtype) == 20 &&
              offsetof(DLTensor, shape) == 24 && offsetof(DLTensor, strides) == 32 &&
              offsetof(DLTensor, byte_offset) == 40 && sizeof(DLTensor) == 48);
static_assert(offsetof(DLManagedTensor, dl_tensor) == 0 &&
              offsetof(DLManagedTensor, manager_ctx) == 48 &&
              offsetof(DLManagedTensor, deleter) == 56 && sizeof(DLManagedTensor) == 64);
static_assert(offsetof(DLManagedTensorVersioned, version) == 0 &&
              offsetof(DLManagedTensorVersioned, manager_ctx) == 8 &&
              offsetof(DLManagedTensorVersioned, deleter) == 16 &&
              offsetof(DLManagedTensorVersioned, flags) == 24 &&
              offsetof(DLManagedTensorVersioned, dl_tensor) == 32 &&
              sizeof(DLManagedTensorVersioned) == 80);
static_assert(kDLCUDA == 2 && kDLCUDAManaged == 13 && kDLBool == 6 && kDLComplex == 5 &&
              kDLBfloat == 4 && DLPACK_FLAG_BITMASK_READ_ONLY == 1 &&
              DLPACK_FLAG_BITMASK_IS_COPIED == 2);

// An address on the device that no test reads: DLPack and cupp only carry it around.
char* fake_device_pointer(std::size_t offset = 0) {
  return reinterpret_cast<char*>(std::uintptr_t{0x7f0000000000}) + offset;
}

// A description over the fake pointer whose owner counts its releases.
array_desc fake_array(dtype dt, cupp::shape_t shape, cupp::strides_t strides, int* released,
                      std::size_t offset = 0) {
  array_desc d;
  d.owner = std::shared_ptr<void>(fake_device_pointer(), [released](void*) { ++*released; });
  d.ptr = fake_device_pointer(offset);
  d.shape = std::move(shape);
  d.strides = std::move(strides);
  d.dt = dt;
  return d;
}

// A tensor as another library would produce it, whose deleter counts its calls.
template <class Managed>
struct fake_tensor {
  Managed managed{};
  std::vector<std::int64_t> shape, strides;
  int deleted = 0;

  fake_tensor(DLDataType type, std::vector<std::int64_t> shape_,
              std::vector<std::int64_t> strides_, DLDevice device = {kDLCUDA, 0})
      : shape(std::move(shape_)), strides(std::move(strides_)) {
    DLTensor& t = managed.dl_tensor;
    t.data = fake_device_pointer();
    t.device = device;
    t.ndim = static_cast<std::int32_t>(shape.size());
    t.dtype = type;
    t.shape = shape.empty() ? nullptr : shape.data();
    t.strides = strides.empty() ? nullptr : strides.data();
    managed.manager_ctx = this;
    managed.deleter = [](Managed* self) { ++static_cast<fake_tensor*>(self->manager_ctx)->deleted; };
    if constexpr (std::is_same_v<Managed, DLManagedTensorVersioned>) managed.version = {1, 0};
  }
};
using fake_versioned = fake_tensor<DLManagedTensorVersioned>;
using fake_legacy = fake_tensor<DLManagedTensor>;

struct dtype_row {
  dtype dt;
  std::uint8_t code, bits;
};
// The DLPack codes of the specification, written out for each of cupp's 15 dtypes.
const std::vector<dtype_row> kDtypeTable = {
    {dtype::bool_, 6, 8},      {dtype::int8, 0, 8},       {dtype::int16, 0, 16},
    {dtype::int32, 0, 32},     {dtype::int64, 0, 64},     {dtype::uint8, 1, 8},
    {dtype::uint16, 1, 16},    {dtype::uint32, 1, 32},    {dtype::uint64, 1, 64},
    {dtype::float16, 2, 16},   {dtype::bfloat16, 4, 16},  {dtype::float32, 2, 32},
    {dtype::float64, 2, 64},   {dtype::complex64, 5, 64}, {dtype::complex128, 5, 128},
};

TEST(DlpackHost, EveryDtypeTranslatesBothWays) {
  ASSERT_EQ(kDtypeTable.size(), static_cast<std::size_t>(cupp::kNumDtypes));
  for (const auto& row : kDtypeTable) {
    SCOPED_TRACE(cupp::dtype_name(row.dt));
    const DLDataType t = cupp::detail::dlpack_dtype(row.dt);
    EXPECT_EQ(t.code, row.code);
    EXPECT_EQ(t.bits, row.bits);
    EXPECT_EQ(t.lanes, 1);
    EXPECT_EQ(cupp::detail::dtype_from_dlpack({row.code, row.bits, 1}), row.dt);
  }
}

TEST(DlpackHost, UnsignedEightBitsIsUint8NotBool) {
  // As PyTorch reads it: old producers that sent bool as kDLUInt 8 get uint8.
  EXPECT_EQ(cupp::detail::dtype_from_dlpack({kDLUInt, 8, 1}), dtype::uint8);
}

TEST(DlpackHost, ElementTypesCuppLacksAreRefusedByName) {
  CUPP_EXPECT_THROW_MSG(
      cupp::detail::dtype_from_dlpack({kDLFloat8_e4m3fn, 8, 1}), cupp::type_error,
      "cupp::from_dlpack: unsupported DLPack element type (kDLFloat8_e4m3fn, 8 bits): cupp has "
      "no such dtype");
  CUPP_EXPECT_THROW_MSG(cupp::detail::dtype_from_dlpack({kDLFloat, 8, 1}), cupp::type_error,
                        "cupp::from_dlpack: unsupported DLPack element type (kDLFloat, 8 bits): "
                        "cupp has no such dtype");
  CUPP_EXPECT_THROW_MSG(cupp::detail::dtype_from_dlpack({kDLInt, 128, 1}), cupp::type_error,
                        "cupp::from_dlpack: unsupported DLPack element type (kDLInt, 128 bits): "
                        "cupp has no such dtype");
  EXPECT_THROW(cupp::detail::dtype_from_dlpack({kDLBool, 1, 1}), cupp::type_error);
  EXPECT_THROW(cupp::detail::dtype_from_dlpack({kDLComplex, 32, 1}), cupp::type_error);
  EXPECT_THROW(cupp::detail::dtype_from_dlpack({kDLOpaqueHandle, 64, 1}), cupp::type_error);
  CUPP_EXPECT_THROW_MSG(cupp::detail::dtype_from_dlpack({99, 32, 1}), cupp::type_error,
                        "cupp::from_dlpack: unsupported DLPack element type (type code 99, 32 "
                        "bits): cupp has no such dtype");
  CUPP_EXPECT_THROW_MSG(cupp::detail::dtype_from_dlpack({kDLFloat, 32, 4}), cupp::value_error,
                        "cupp::from_dlpack: vector element types are not supported (kDLFloat, 32 "
                        "bits, 4 lanes); cupp arrays have one lane");
}

TEST(DlpackHost, ExportDescribesTheViewInElements) {
  int released = 0;
  // A Fortran-order (2, 3) float32 view starting 8 bytes into its allocation.
  const array_desc a = fake_array(dtype::float32, {2, 3}, {1, 2}, &released, 8);
  DLManagedTensorVersioned* m = cupp::detail::export_dlpack(a, {kDLCUDA, 3});
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->version.major, 1u);
  EXPECT_EQ(m->version.minor, 0u);
  EXPECT_EQ(m->flags, 0u);
  const DLTensor& t = m->dl_tensor;
  EXPECT_EQ(t.data, static_cast<void*>(fake_device_pointer(8)));
  EXPECT_EQ(t.byte_offset, 0u);
  EXPECT_EQ(t.device.device_type, kDLCUDA);
  EXPECT_EQ(t.device.device_id, 3);
  ASSERT_EQ(t.ndim, 2);
  EXPECT_EQ(t.dtype.code, kDLFloat);
  EXPECT_EQ(t.dtype.bits, 32);
  EXPECT_EQ(t.dtype.lanes, 1);
  EXPECT_EQ(std::vector<std::int64_t>(t.shape, t.shape + 2), (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(std::vector<std::int64_t>(t.strides, t.strides + 2),
            (std::vector<std::int64_t>{1, 2}));
  m->deleter(m);
  EXPECT_EQ(released, 0);  // `a` still holds the memory
}

TEST(DlpackHost, LegacyExportHasTheSameTensor) {
  int released = 0;
  const array_desc a = fake_array(dtype::complex128, {4}, {-2}, &released, 96);
  DLManagedTensor* m = cupp::detail::export_dlpack_legacy(a, {kDLCUDAManaged, 0});
  const DLTensor& t = m->dl_tensor;
  EXPECT_EQ(t.data, static_cast<void*>(fake_device_pointer(96)));
  EXPECT_EQ(t.device.device_type, kDLCUDAManaged);
  EXPECT_EQ(t.dtype.code, kDLComplex);
  EXPECT_EQ(t.dtype.bits, 128);
  ASSERT_EQ(t.ndim, 1);
  EXPECT_EQ(t.shape[0], 4);
  EXPECT_EQ(t.strides[0], -2);
  m->deleter(m);
}

TEST(DlpackHost, ReadOnlyArraysExportTheReadOnlyFlag) {
  int released = 0;
  array_desc a = fake_array(dtype::int32, {3, 4}, {0, 1}, &released);
  a.readonly = true;  // as broadcast_to makes
  DLManagedTensorVersioned* m = cupp::detail::export_dlpack(a, {kDLCUDA, 0});
  EXPECT_EQ(m->flags, DLPACK_FLAG_BITMASK_READ_ONLY);
  m->deleter(m);
}

TEST(DlpackHost, ZeroDimensionalAndEmptyArraysExport) {
  int released = 0;
  DLManagedTensorVersioned* scalar =
      cupp::detail::export_dlpack(fake_array(dtype::float64, {}, {}, &released), {kDLCUDA, 0});
  EXPECT_EQ(scalar->dl_tensor.ndim, 0);
  EXPECT_EQ(scalar->dl_tensor.data, static_cast<void*>(fake_device_pointer()));
  scalar->deleter(scalar);
  DLManagedTensorVersioned* empty = cupp::detail::export_dlpack(
      fake_array(dtype::int16, {0, 3}, {3, 1}, &released), {kDLCUDA, 0});
  EXPECT_EQ(empty->dl_tensor.data, nullptr);  // as the specification asks of an empty tensor
  ASSERT_EQ(empty->dl_tensor.ndim, 2);
  EXPECT_EQ(empty->dl_tensor.shape[0], 0);
  EXPECT_EQ(empty->dl_tensor.shape[1], 3);
  empty->deleter(empty);
  EXPECT_EQ(released, 2);
}

TEST(DlpackHost, TheExportedTensorKeepsTheMemoryUntilItsDeleterRuns) {
  int released = 0;
  DLManagedTensorVersioned* m;
  DLManagedTensor* legacy;
  {
    const array_desc a = fake_array(dtype::uint8, {16}, {1}, &released);
    m = cupp::detail::export_dlpack(a, {kDLCUDA, 0});
    legacy = cupp::detail::export_dlpack_legacy(a, {kDLCUDA, 0});
  }
  EXPECT_EQ(released, 0);
  m->deleter(m);
  EXPECT_EQ(released, 0);  // the legacy tensor holds it still
  legacy->deleter(legacy);
  EXPECT_EQ(released, 1);
}

TEST(DlpackHost, ImportDescribesTheTensorAndSharesItsPointer) {
  fake_versioned f({kDLInt, 16, 1}, {3, 2}, {1, 3});
  f.managed.dl_tensor.byte_offset = 64;
  {
    const cupp::array a = cupp::detail::import_dlpack(&f.managed, 0);
    EXPECT_EQ(a.dtype(), dtype::int16);
    EXPECT_EQ(a.shape(), (cupp::shape_t{3, 2}));
    EXPECT_EQ(a.strides(), (cupp::strides_t{1, 3}));
    EXPECT_EQ(a.data(), static_cast<void*>(fake_device_pointer(64)));
    EXPECT_EQ(a.as<std::int16_t>().offset(), 64);
    EXPECT_FALSE(a.desc().readonly);
    EXPECT_TRUE(a.is_f_contiguous());
  }
  EXPECT_EQ(f.deleted, 1);
}

TEST(DlpackHost, NullStridesMeanCOrder) {
  fake_legacy f({kDLFloat, 64, 1}, {2, 3, 4}, {});
  {
    const cupp::array a = cupp::detail::import_dlpack(&f.managed, 0);
    EXPECT_EQ(a.strides(), (cupp::strides_t{12, 4, 1}));
  }
  EXPECT_EQ(f.deleted, 1);
}

TEST(DlpackHost, TheDeleterRunsOnceWhenTheLastViewDies) {
  fake_versioned f({kDLFloat, 32, 1}, {4, 5}, {5, 1}, {kDLCUDAManaged, 0});
  std::vector<cupp::array> views;
  {
    const cupp::array a = cupp::from_dlpack(&f.managed);
    views.push_back(a);
    views.emplace_back(a.as<float>().T());
    views.emplace_back(a.as<float>()(1));
  }
  EXPECT_EQ(f.deleted, 0);
  views.erase(views.begin(), views.begin() + 2);
  EXPECT_EQ(f.deleted, 0);
  views.clear();
  EXPECT_EQ(f.deleted, 1);
}

TEST(DlpackHost, TheReadOnlyFlagMakesAReadOnlyArray) {
  fake_versioned f({kDLFloat, 32, 1}, {3}, {1});
  f.managed.flags = DLPACK_FLAG_BITMASK_READ_ONLY | DLPACK_FLAG_BITMASK_IS_COPIED;
  {
    const cupp::array a = cupp::detail::import_dlpack(&f.managed, 0);
    EXPECT_TRUE(a.desc().readonly);
    CUPP_EXPECT_THROW_MSG(cupp::detail::check_writable(a.desc()), cupp::value_error,
                          "assignment destination is read-only");
  }
  EXPECT_EQ(f.deleted, 1);
}

TEST(DlpackHost, ZeroDimensionalAndEmptyTensorsImport) {
  fake_versioned scalar({kDLComplex, 64, 1}, {}, {});
  {
    const cupp::array a = cupp::detail::import_dlpack(&scalar.managed, 0);
    EXPECT_EQ(a.ndim(), 0);
    EXPECT_EQ(a.size(), 1);
    EXPECT_EQ(a.dtype(), dtype::complex64);
  }
  EXPECT_EQ(scalar.deleted, 1);
  fake_versioned empty({kDLBool, 8, 1}, {0, 7}, {7, 1});
  empty.managed.dl_tensor.data = nullptr;  // allowed for an empty tensor
  {
    const cupp::array a = cupp::detail::import_dlpack(&empty.managed, 0);
    EXPECT_EQ(a.shape(), (cupp::shape_t{0, 7}));
    EXPECT_EQ(a.dtype(), dtype::bool_);
    EXPECT_EQ(a.data(), nullptr);
  }
  EXPECT_EQ(empty.deleted, 1);
}

// Every refusal leaves the tensor with the caller: the deleter is not called.
TEST(DlpackHost, RefusedTensorsStayWithTheCaller) {
  {
    fake_versioned f({kDLFloat, 32, 1}, {3}, {1}, {kDLCPU, 0});
    CUPP_EXPECT_THROW_MSG(cupp::from_dlpack(&f.managed), cupp::value_error,
                          "cupp::from_dlpack: the DLPack tensor is on CPU (kDLCPU), but cupp "
                          "arrays are CUDA device memory (kDLCUDA) or managed memory "
                          "(kDLCUDAManaged)");
    EXPECT_EQ(f.deleted, 0);
  }
  {
    fake_legacy f({kDLFloat, 32, 1}, {3}, {1}, {kDLCUDAHost, 0});
    EXPECT_THROW(cupp::from_dlpack(&f.managed), cupp::value_error);
    EXPECT_EQ(f.deleted, 0);
  }
  {
    fake_versioned f({kDLFloat, 32, 1}, {3}, {1}, {kDLCUDA, 1});
    CUPP_EXPECT_THROW_MSG(cupp::detail::import_dlpack(&f.managed, 0), cupp::value_error,
                          "cupp::from_dlpack: the DLPack tensor is on CUDA device 1, but the "
                          "current device is 0; make device 1 current first "
                          "(cupp::cuda::Device(id).use())");
    EXPECT_EQ(f.deleted, 0);
  }
  {
    fake_versioned f({kDLFloat, 32, 1}, {3}, {1});
    f.managed.version = {2, 0};
    CUPP_EXPECT_THROW_MSG(cupp::from_dlpack(&f.managed), cupp::value_error,
                          "cupp::from_dlpack: DLPack version 2.0 is not supported: cupp reads "
                          "DLPack 1.x");
    EXPECT_EQ(f.deleted, 0);
  }
  {
    fake_versioned f({kDLFloat8_e5m2, 8, 1}, {3}, {1}, {kDLCUDAManaged, 0});
    EXPECT_THROW(cupp::from_dlpack(&f.managed), cupp::type_error);
    EXPECT_EQ(f.deleted, 0);
  }
  {
    fake_versioned f({kDLFloat, 32, 1}, {3, -1}, {1, 1});
    EXPECT_THROW(cupp::detail::import_dlpack(&f.managed, 0), cupp::value_error);
    EXPECT_EQ(f.deleted, 0);
  }
  {
    fake_versioned f({kDLFloat, 32, 1}, {3}, {1});
    f.managed.dl_tensor.data = nullptr;
    CUPP_EXPECT_THROW_MSG(cupp::detail::import_dlpack(&f.managed, 0), cupp::value_error,
                          "cupp::from_dlpack: the DLPack tensor of shape (3,) has no data pointer");
    EXPECT_EQ(f.deleted, 0);
  }
  {
    fake_versioned f({kDLFloat, 64, 1}, {3}, {1});
    f.managed.dl_tensor.byte_offset = 4;
    CUPP_EXPECT_THROW_MSG(cupp::detail::import_dlpack(&f.managed, 0), cupp::value_error,
                          "cupp::from_dlpack: the DLPack tensor's first element is not aligned "
                          "to its size (8 bytes for float64)");
    EXPECT_EQ(f.deleted, 0);
  }
  {
    fake_versioned f({kDLFloat, 32, 1}, {3}, {1});
    f.managed.dl_tensor.ndim = 2;
    f.managed.dl_tensor.shape = nullptr;
    EXPECT_THROW(cupp::detail::import_dlpack(&f.managed, 0), cupp::value_error);
    EXPECT_EQ(f.deleted, 0);
  }
  CUPP_EXPECT_THROW_MSG(cupp::from_dlpack(static_cast<DLManagedTensor*>(nullptr)),
                        cupp::value_error, "cupp::from_dlpack: the DLPack tensor is NULL");
}

// The current device is asked for only for kDLCUDA memory: where there is no GPU, that is a
// cuda_error, and the tensor is still the caller's.
TEST(DlpackHost, WithoutAGpuDeviceMemoryIsRefusedAndStaysWithTheCaller) {
  cupp::test::run_without_gpu([] {
    fake_versioned f({kDLFloat, 32, 1}, {3}, {1}, {kDLCUDA, 0});
    EXPECT_THROW(cupp::from_dlpack(&f.managed), cupp::cuda_error);
    EXPECT_EQ(f.deleted, 0);
    fake_legacy g({kDLFloat, 32, 1}, {3}, {1}, {kDLCUDA, 0});
    EXPECT_THROW(cupp::from_dlpack<float>(&g.managed), cupp::cuda_error);
    EXPECT_EQ(g.deleted, 0);
  });
}

TEST(DlpackHost, ManagedMemoryOfAnyDeviceIdIsTaken) {
  fake_versioned f({kDLUInt, 32, 1}, {2}, {1}, {kDLCUDAManaged, 0});
  EXPECT_EQ(cupp::detail::import_dlpack(&f.managed, 5).dtype(), dtype::uint32);
  EXPECT_EQ(f.deleted, 1);
}

TEST(DlpackHost, TheTypedFormChecksTheDtypeBeforeTakingOwnership) {
  fake_versioned f({kDLInt, 16, 1}, {3}, {1}, {kDLCUDAManaged, 0});
  CUPP_EXPECT_THROW_MSG(cupp::from_dlpack<double>(&f.managed), cupp::type_error,
                        "cannot view a DLPack tensor of dtype int16 as float64");
  EXPECT_EQ(f.deleted, 0);
  {
    const cupp::ndarray<std::int16_t> a = cupp::from_dlpack<std::int16_t>(&f.managed);
    EXPECT_EQ(a.shape(), (cupp::shape_t{3}));
  }
  EXPECT_EQ(f.deleted, 1);
  fake_legacy g({kDLBfloat, 16, 1}, {2}, {1}, {kDLCUDAManaged, 0});
  EXPECT_EQ(cupp::from_dlpack<cupp::bfloat16>(&g.managed).dtype(), dtype::bfloat16);
  EXPECT_EQ(g.deleted, 1);
}

// cupp -> DLPack -> cupp on descriptions: the same memory, and the first owner released when the
// imported array, the last holder, goes.
TEST(DlpackHost, ARoundTripSharesTheMemoryAndReleasesItOnce) {
  int released = 0;
  cupp::array back;
  {
    const array_desc a = fake_array(dtype::bfloat16, {4, 3}, {1, 4}, &released, 32);
    back = cupp::detail::import_dlpack(cupp::detail::export_dlpack(a, {kDLCUDA, 0}), 0);
    EXPECT_EQ(back.data(), static_cast<void*>(a.ptr));
    EXPECT_EQ(back.shape(), a.shape);
    EXPECT_EQ(back.strides(), a.strides);
    EXPECT_EQ(back.dtype(), dtype::bfloat16);
  }
  EXPECT_EQ(released, 0);
  back = cupp::array(array_desc{});
  EXPECT_EQ(released, 1);
}

TEST(DlpackHost, DeviceNamesInMessages) {
  EXPECT_EQ(cupp::detail::dlpack_device_name(kDLROCM), "ROCm (kDLROCM)");
  EXPECT_EQ(cupp::detail::dlpack_device_name(kDLCUDAManaged),
            "CUDA managed memory (kDLCUDAManaged)");
  EXPECT_EQ(cupp::detail::dlpack_device_name(42), "device type 42");
}

}  // namespace
