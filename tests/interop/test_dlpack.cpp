// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// DLPack on the GPU: cupp -> DLPack -> cupp shares the memory, for every dtype and layout; a
// tensor over memory cupp did not allocate (cudaMalloc, cudaMallocManaged) is read and written in
// place and its deleter runs once; device and flags of exported tensors.
#include <gtest/gtest.h>

#include <cuda_runtime_api.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/dlpack.hpp"
#include "support/dtypes.hpp"
#include "support/gpu.hpp"

namespace {

class Dlpack : public cupp::test::GpuTest {};

// A tensor over memory of its own (cudaMalloc, or cudaMallocManaged), as another library hands
// out: its deleter frees the memory and counts its calls.
struct foreign_tensor {
  DLManagedTensorVersioned managed{};
  std::vector<std::int64_t> shape, strides;
  void* memory = nullptr;
  int deleted = 0;

  foreign_tensor(std::vector<std::int64_t> shape_, std::vector<std::int64_t> strides_,
                 std::size_t bytes, bool managed_memory = false)
      : shape(std::move(shape_)), strides(std::move(strides_)) {
    if (managed_memory)
      EXPECT_EQ(cudaMallocManaged(&memory, bytes), cudaSuccess);
    else
      EXPECT_EQ(cudaMalloc(&memory, bytes), cudaSuccess);
    int device = 0;
    EXPECT_EQ(cudaGetDevice(&device), cudaSuccess);
    DLTensor& t = managed.dl_tensor;
    t.data = memory;
    t.device = managed_memory ? DLDevice{kDLCUDAManaged, 0} : DLDevice{kDLCUDA, device};
    t.ndim = static_cast<std::int32_t>(shape.size());
    t.dtype = {kDLFloat, 32, 1};
    t.shape = shape.data();
    t.strides = strides.empty() ? nullptr : strides.data();
    managed.version = {1, 0};
    managed.manager_ctx = this;
    managed.deleter = [](DLManagedTensorVersioned* self) {
      auto* me = static_cast<foreign_tensor*>(self->manager_ctx);
      EXPECT_EQ(cudaFree(me->memory), cudaSuccess);
      me->memory = nullptr;
      ++me->deleted;
    };
  }
  ~foreign_tensor() {
    if (memory != nullptr) cudaFree(memory);
  }
};

TEST_F(Dlpack, ARoundTripSharesTheMemory) {
  // example-begin dlpack_roundtrip
  cupp::ndarray<float> a = cupp::asarray<float>({1, 2, 3, 4, 5, 6}, {2, 3});
  DLManagedTensorVersioned* t = cupp::to_dlpack(a);  // what a consumer receives
  cupp::ndarray<float> b = cupp::from_dlpack<float>(t);  // what a consumer makes of it
  b.fill(7.0f);                                          // the same memory
  EXPECT_EQ(a.get(), std::vector<float>(6, 7.0f));
  // example-end
  EXPECT_EQ(b.data(), a.data());
  EXPECT_EQ(b.shape(), a.shape());
  EXPECT_EQ(b.strides(), a.strides());
}

TEST_F(Dlpack, TheExportedTensorKeepsTheMemoryUntilItsDeleterRuns) {
  std::weak_ptr<void> memory;
  DLManagedTensorVersioned* t;
  DLManagedTensor* legacy;
  {
    const auto a = cupp::asarray<std::int32_t>({5, 6, 7});
    memory = a.desc().owner;
    t = cupp::to_dlpack(a);
    legacy = cupp::to_dlpack_legacy(a);
  }
  EXPECT_FALSE(memory.expired());
  t->deleter(t);
  EXPECT_FALSE(memory.expired());
  {
    const auto back = cupp::from_dlpack<std::int32_t>(legacy);
    EXPECT_EQ(back.get(), (std::vector<std::int32_t>{5, 6, 7}));
  }
  EXPECT_TRUE(memory.expired());
}

TEST_F(Dlpack, ExportedTensorsNameTheCurrentDevice) {
  const auto a = cupp::zeros<double>({4});
  DLManagedTensorVersioned* t = cupp::to_dlpack(a);
  EXPECT_EQ(t->dl_tensor.device.device_type, kDLCUDA);
  EXPECT_EQ(t->dl_tensor.device.device_id, cupp::cuda::Device().id());
  EXPECT_EQ(t->dl_tensor.data, static_cast<void*>(a.data()));
  t->deleter(t);
}

template <class T>
class DlpackDtypes : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(DlpackDtypes, cupp::test::AllDtypes);

TYPED_TEST(DlpackDtypes, RoundTripsKeepTheValuesAndTheMemory) {
  using T = TypeParam;
  const std::vector<T> values = cupp::test::iota_values<T>(12);
  const auto a = cupp::asarray<T>(values, {3, 4});
  DLManagedTensorVersioned* t = cupp::to_dlpack(a);
  EXPECT_EQ(t->dl_tensor.dtype.bits, 8 * sizeof(T));
  const cupp::array back = cupp::from_dlpack(t);
  EXPECT_EQ(back.dtype(), cupp::dtype_of<T>);
  EXPECT_EQ(back.data(), static_cast<void*>(a.data()));
  const std::vector<T> got = back.as<T>().get();
  ASSERT_EQ(got.size(), values.size());
  for (std::size_t i = 0; i < got.size(); ++i)
    EXPECT_TRUE(cupp::test::same_bits(got[i], values[i])) << i;
}

TEST_F(Dlpack, AnyLayoutRoundTrips) {
  std::vector<double> values(24);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<double>(i);
  const auto a = cupp::asarray<double>(values, {2, 3, 4});
  // Transposed, and a reversed step-2 slice of the last axis: strides (12, 4, 1) -> (1, 4, 12)
  // and (12, 4, -2).
  const cupp::ndarray<double> views[] = {a.T(), a(cupp::slice(), cupp::slice(),
                                                  cupp::slice(std::nullopt, std::nullopt, -2))};
  const std::vector<std::vector<std::int64_t>> strides = {{1, 4, 12}, {12, 4, -2}};
  for (int k = 0; k < 2; ++k) {
    DLManagedTensorVersioned* t = cupp::to_dlpack(views[k]);
    ASSERT_EQ(t->dl_tensor.ndim, 3);
    EXPECT_EQ(std::vector<std::int64_t>(t->dl_tensor.strides, t->dl_tensor.strides + 3),
              strides[k]);
    EXPECT_EQ(t->dl_tensor.data, static_cast<void*>(views[k].data()));
    const auto back = cupp::from_dlpack<double>(t);
    EXPECT_EQ(back.strides(), views[k].strides());
    // The values, from host loops over the C-order original.
    std::vector<double> expected;
    if (k == 0) {
      for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 3; ++j)
          for (int l = 0; l < 2; ++l) expected.push_back(values[l * 12 + j * 4 + i]);
    } else {
      for (int l = 0; l < 2; ++l)
        for (int j = 0; j < 3; ++j)
          for (int i = 3; i >= 0; i -= 2) expected.push_back(values[l * 12 + j * 4 + i]);
    }
    EXPECT_EQ(back.get(), expected);
  }
}

TEST_F(Dlpack, BroadcastResultsAreExportedReadOnlyAndStayReadOnly) {
  const auto a = cupp::asarray<float>({1, 2, 3});
  DLManagedTensorVersioned* t = cupp::to_dlpack(cupp::broadcast_to(a, {2, 3}));
  EXPECT_EQ(t->flags & DLPACK_FLAG_BITMASK_READ_ONLY, DLPACK_FLAG_BITMASK_READ_ONLY);
  EXPECT_EQ(t->dl_tensor.strides[0], 0);
  auto back = cupp::from_dlpack<float>(t);
  EXPECT_EQ(back.get(), (std::vector<float>{1, 2, 3, 1, 2, 3}));
  CUPP_EXPECT_THROW_MSG(back.fill(1.0f), cupp::value_error, "assignment destination is read-only");
}

TEST_F(Dlpack, ZeroDimensionalAndEmptyArraysRoundTrip) {
  const auto s = cupp::asarray<std::int64_t>({42}).reshape({});
  const auto back = cupp::from_dlpack<std::int64_t>(cupp::to_dlpack(s));
  EXPECT_EQ(back.ndim(), 0);
  EXPECT_EQ(back.item(), 42);
  const auto e = cupp::zeros<float>({0, 5});
  DLManagedTensorVersioned* t = cupp::to_dlpack(e);
  EXPECT_EQ(t->dl_tensor.data, nullptr);
  const auto empty = cupp::from_dlpack<float>(t);
  EXPECT_EQ(empty.shape(), (cupp::shape_t{0, 5}));
  EXPECT_EQ(empty.size(), 0);
}

TEST_F(Dlpack, AForeignTensorIsReadAndWrittenInPlaceAndReleasedOnce) {
  foreign_tensor f({2, 3}, {}, 6 * sizeof(float));
  const std::vector<float> host = {0, 1, 2, 3, 4, 5};
  ASSERT_EQ(cudaMemcpy(f.memory, host.data(), 24, cudaMemcpyHostToDevice), cudaSuccess);
  void* const memory = f.memory;
  {
    const auto a = cupp::from_dlpack<float>(&f.managed);
    EXPECT_EQ(a.data(), memory);
    EXPECT_EQ(a.get(), host);
    auto column = a(cupp::slice(), 1);  // a view: shares the tensor
    column.fill(-1.0f);
    EXPECT_EQ(f.deleted, 0);
    std::vector<float> seen(6);
    ASSERT_EQ(cudaMemcpy(seen.data(), memory, 24, cudaMemcpyDeviceToHost), cudaSuccess);
    EXPECT_EQ(seen, (std::vector<float>{0, -1, 2, 3, -1, 5}));
    const cupp::ndarray<float> sum = a + column(cupp::newaxis, cupp::slice()).T();
    EXPECT_EQ(sum.get(), (std::vector<float>{-1, -2, 1, 2, -2, 4}));
  }
  EXPECT_EQ(f.deleted, 1);
}

TEST_F(Dlpack, ManagedMemoryIsTakenAndExportedAsManaged) {
  foreign_tensor f({4}, {1}, 4 * sizeof(float), /*managed_memory=*/true);
  float* host_view = static_cast<float*>(f.memory);
  for (int i = 0; i < 4; ++i) host_view[i] = static_cast<float>(10 * i);
  {
    const cupp::array a = cupp::from_dlpack(&f.managed);
    EXPECT_EQ(a.as<float>().get(), (std::vector<float>{0, 10, 20, 30}));
    DLManagedTensorVersioned* again = cupp::to_dlpack(a);
    EXPECT_EQ(again->dl_tensor.device.device_type, kDLCUDAManaged);
    EXPECT_EQ(again->dl_tensor.device.device_id, 0);
    again->deleter(again);
  }
  EXPECT_EQ(f.deleted, 1);
}

TEST_F(Dlpack, AnotherDevicesMemoryIsRefusedAndStaysWithTheCaller) {
  foreign_tensor f({3}, {1}, 3 * sizeof(float));
  const int current = cupp::cuda::Device().id();
  f.managed.dl_tensor.device.device_id = current + 1;
  CUPP_EXPECT_THROW_MSG(cupp::from_dlpack(&f.managed), cupp::value_error,
                        "cupp::from_dlpack: the DLPack tensor is on CUDA device " +
                            std::to_string(current + 1) + ", but the current device is " +
                            std::to_string(current) + "; make device " +
                            std::to_string(current + 1) +
                            " current first (cupp::cuda::Device(id).use())");
  EXPECT_EQ(f.deleted, 0);
  f.managed.dl_tensor.device.device_id = current;
  { const auto a = cupp::from_dlpack<float>(&f.managed); }
  EXPECT_EQ(f.deleted, 1);
}

}  // namespace
