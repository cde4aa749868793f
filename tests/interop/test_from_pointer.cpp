// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// ndarray<T>::from_pointer and cupp::array::from_pointer: arrays over memory that cupp did not
// allocate (plain cudaMalloc here), in any layout, kept alive by an owner or a deleter exactly as
// long as something shares the memory; host memory and bad layouts are a value_error.
#include <cuda_runtime_api.h>

#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "cupp/array.hpp"
#include "support/dtypes.hpp"
#include "support/gpu.hpp"
#include "support/test_kernels.hpp"

namespace {

// Device memory from plain cudaMalloc, as another library would hand it over.
struct device_buffer {
  explicit device_buffer(std::size_t bytes) { CUPP_CHECK_CUDA(cudaMalloc(&ptr, bytes)); }
  ~device_buffer() { (void)cudaFree(ptr); }
  device_buffer(const device_buffer&) = delete;
  device_buffer& operator=(const device_buffer&) = delete;
  template <class T>
  T* as() const {
    return static_cast<T*>(ptr);
  }
  void* ptr = nullptr;
};

template <class T>
void upload(T* dst, const std::vector<T>& v) {
  CUPP_CHECK_CUDA(cudaMemcpy(dst, v.data(), v.size() * sizeof(T), cudaMemcpyHostToDevice));
}

template <class T>
std::vector<T> download(const T* src, std::size_t n) {
  std::vector<T> v(n);
  CUPP_CHECK_CUDA(cudaMemcpy(v.data(), src, n * sizeof(T), cudaMemcpyDeviceToHost));
  return v;
}

bool mentions(const std::exception& e, const std::string& text) {
  return std::string(e.what()).find(text) != std::string::npos;
}

// ---- argument checks: before any GPU call, so they run without a GPU ------------------------

TEST(FromPointerArgs, StridesMustMatchTheShape) {
  auto* p = reinterpret_cast<float*>(std::uintptr_t{0x10000});
  try {
    (void)cupp::ndarray<float>::from_pointer(p, {2, 3}, {1});
    FAIL() << "one stride for two dimensions did not throw";
  } catch (const cupp::value_error& e) {
    EXPECT_TRUE(mentions(e, "(2, 3)")) << e.what();
    EXPECT_TRUE(mentions(e, "(1,)")) << e.what();
  }
}

TEST(FromPointerArgs, NegativeDimensionNullPointerAndMisalignment) {
  auto* p = reinterpret_cast<double*>(std::uintptr_t{0x10000});
  EXPECT_THROW((void)cupp::ndarray<double>::from_pointer(p, {-1}), cupp::value_error);
  EXPECT_THROW((void)cupp::ndarray<double>::from_pointer(nullptr, {3}), cupp::value_error);
  auto* odd = reinterpret_cast<double*>(std::uintptr_t{0x10004});
  try {
    (void)cupp::ndarray<double>::from_pointer(odd, {3});
    FAIL() << "a pointer aligned to 4 bytes for float64 did not throw";
  } catch (const cupp::value_error& e) {
    EXPECT_TRUE(mentions(e, "aligned")) << e.what();
  }
  // complex128 needs 16 bytes, as the device code's complex type.
  auto* c = reinterpret_cast<std::complex<double>*>(std::uintptr_t{0x10008});
  EXPECT_THROW((void)cupp::ndarray<std::complex<double>>::from_pointer(c, {1}), cupp::value_error);
}

TEST(FromPointerArgs, LayoutsOutsideTheAddressSpace) {
  // Element 0 at 0x40 with stride -1 reaches 0x40 - 99 * 4 < 0.
  auto* p = reinterpret_cast<float*>(std::uintptr_t{0x40});
  EXPECT_THROW((void)cupp::ndarray<float>::from_pointer(p, {100}, {-1}), cupp::value_error);
  const std::int64_t huge = std::numeric_limits<std::int64_t>::max() / 2;
  EXPECT_THROW((void)cupp::ndarray<float>::from_pointer(p, {3}, {huge}), cupp::value_error);
}

TEST(FromPointerArgs, EmptyArrayNeedsNoMemoryAndNoDevice) {
  const auto a = cupp::ndarray<float>::from_pointer(nullptr, {0, 3});
  EXPECT_EQ(a.shape(), (cupp::shape_t{0, 3}));
  EXPECT_EQ(a.strides(), (cupp::strides_t{3, 1}));
  EXPECT_EQ(a.size(), 0);
  EXPECT_EQ(a.data(), nullptr);
  EXPECT_FALSE(a.base().has_value());
  const cupp::array r = cupp::array::from_pointer(nullptr, cupp::dtype::int16, {2, 0}, {1, 2});
  EXPECT_EQ(r.dtype(), cupp::dtype::int16);
  EXPECT_EQ(r.strides(), (cupp::strides_t{1, 2}));
  EXPECT_EQ(r.size(), 0);
}

TEST(FromPointerArgs, DeleterIsNotCalledWhenTheCallThrows) {
  int calls = 0;
  EXPECT_THROW((void)cupp::ndarray<float>::from_pointer(nullptr, {4}, {}, [&](float*) { ++calls; }),
               cupp::value_error);
  EXPECT_EQ(calls, 0);
  {
    // An empty array takes ownership all the same: the deleter runs once, with the pointer.
    float* seen = reinterpret_cast<float*>(std::uintptr_t{1});
    {
      const auto a = cupp::ndarray<float>::from_pointer(nullptr, {0}, {}, [&](float* q) {
        ++calls;
        seen = q;
      });
      EXPECT_EQ(calls, 0);
    }
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(seen, nullptr);
  }
}

// ---- on the GPU ------------------------------------------------------------------------------

class FromPointer : public cupp::test::GpuTest {};

TEST_F(FromPointer, CuppWritesCudaMallocMemoryInPlace) {
  constexpr std::int64_t n = 1001;  // odd: the vectorised kernels' tail
  device_buffer buf(n * sizeof(float));
  std::vector<float> host(n);
  for (std::int64_t i = 0; i < n; ++i) host[i] = 0.5f * static_cast<float>(i) - 100.f;
  upload(buf.as<float>(), host);

  auto a = cupp::ndarray<float>::from_pointer(buf.as<float>(), {n});
  EXPECT_EQ(a.data(), buf.as<float>());
  EXPECT_EQ(a.offset(), 0);
  EXPECT_FALSE(a.base().has_value());
  EXPECT_TRUE(a.is_c_contiguous());
  a *= 2.0f;
  a += 1.0f;
  const std::vector<float> back = download(buf.as<float>(), n);
  for (std::int64_t i = 0; i < n; ++i) EXPECT_EQ(back[i], 2.f * host[i] + 1.f) << i;
  EXPECT_EQ(a.get(), back);

  // set() and a view written by an expression reach the caller's memory too.
  std::vector<float> fresh(n);
  for (std::int64_t i = 0; i < n; ++i) fresh[i] = static_cast<float>(i % 7);
  a.set(fresh);
  a(cupp::slice(0, 10)) = cupp::asarray<float>(std::vector<float>(10, -3.f)) * 2.0f;
  const std::vector<float> after = download(buf.as<float>(), n);
  for (std::int64_t i = 0; i < n; ++i) EXPECT_EQ(after[i], i < 10 ? -6.f : fresh[i]) << i;
}

template <class T>
class FromPointerDtypes : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(FromPointerDtypes, cupp::test::AllDtypes);

// Every dtype: values written by cudaMemcpy read back through cupp bit for bit, and a fill of a
// strided view of the caller's memory written exactly where it should be.
TYPED_TEST(FromPointerDtypes, ReadsAndWritesTheCallersMemory) {
  using T = TypeParam;
  constexpr std::int64_t n = 37;
  device_buffer buf(n * sizeof(T));
  std::unique_ptr<T[]> host(new T[n]);  // not std::vector: vector<bool> has no data()
  for (std::int64_t i = 0; i < n; ++i) host[i] = cupp::test::value_at<T>(i);
  CUPP_CHECK_CUDA(cudaMemcpy(buf.ptr, host.get(), n * sizeof(T), cudaMemcpyHostToDevice));

  auto a = cupp::ndarray<T>::from_pointer(buf.as<T>(), {n});
  const auto got = a.get();
  for (std::int64_t i = 0; i < n; ++i)
    EXPECT_TRUE(cupp::test::same_bits(static_cast<T>(got[i]), host[i])) << i;
  const cupp::array r = cupp::array::from_pointer(buf.ptr, cupp::dtype_of<T>, {n});
  EXPECT_EQ(r.dtype(), cupp::dtype_of<T>);
  const auto via_array = r.as<T>().get();
  for (std::int64_t i = 0; i < n; ++i)
    EXPECT_TRUE(cupp::test::same_bits(static_cast<T>(via_array[i]), host[i])) << i;

  // Unlike every value it overwrites (for bool: false, where i % 3 == 0 holds true).
  const T mark = cupp::test::value_at<T>(std::is_same_v<T, bool> ? 1 : 50);
  a(cupp::slice(0, n, 3)).fill(mark);
  std::unique_ptr<T[]> back(new T[n]);
  CUPP_CHECK_CUDA(cudaMemcpy(back.get(), buf.ptr, n * sizeof(T), cudaMemcpyDeviceToHost));
  for (std::int64_t i = 0; i < n; ++i)
    EXPECT_TRUE(cupp::test::same_bits(back[i], i % 3 == 0 ? mark : host[i])) << i;
}

TEST_F(FromPointer, FortranOrderAndStridedWraps) {
  // A 4x6 float64 matrix stored column by column, as cuBLAS or Fortran code keeps it.
  constexpr std::int64_t rows = 4, cols = 6;
  device_buffer buf(rows * cols * sizeof(double));
  std::vector<double> colmajor(rows * cols);
  for (std::int64_t j = 0; j < cols; ++j)
    for (std::int64_t i = 0; i < rows; ++i) colmajor[j * rows + i] = 10.0 * i + j + 0.25;
  upload(buf.as<double>(), colmajor);

  const auto m = cupp::ndarray<double>::from_pointer(buf.as<double>(), {rows, cols}, {1, rows});
  EXPECT_TRUE(m.is_f_contiguous());
  EXPECT_FALSE(m.is_c_contiguous());
  const std::vector<double> c = m.get();  // C order
  for (std::int64_t i = 0; i < rows; ++i)
    for (std::int64_t j = 0; j < cols; ++j) EXPECT_EQ(c[i * cols + j], 10.0 * i + j + 0.25);
  // A reduction along each axis, against host loops.
  const std::vector<double> row_sums = cupp::sum(m, 1).get();
  const std::vector<double> col_sums = cupp::sum(m, 0).get();
  for (std::int64_t i = 0; i < rows; ++i) {
    double s = 0;
    for (std::int64_t j = 0; j < cols; ++j) s += 10.0 * i + j + 0.25;
    EXPECT_DOUBLE_EQ(row_sums[i], s);
  }
  for (std::int64_t j = 0; j < cols; ++j) {
    double s = 0;
    for (std::int64_t i = 0; i < rows; ++i) s += 10.0 * i + j + 0.25;
    EXPECT_DOUBLE_EQ(col_sums[j], s);
  }

  // Every other int32 of a buffer: filling the view leaves the others (poisoned) untouched.
  constexpr std::int64_t n = 257;
  device_buffer ints(2 * n * sizeof(std::int32_t));
  upload(ints.as<std::int32_t>(), std::vector<std::int32_t>(2 * n, -7));
  auto every_other = cupp::ndarray<std::int32_t>::from_pointer(ints.as<std::int32_t>(), {n}, {2});
  every_other.fill(5);
  const std::vector<std::int32_t> raw = download(ints.as<std::int32_t>(), 2 * n);
  for (std::int64_t i = 0; i < 2 * n; ++i) EXPECT_EQ(raw[i], i % 2 == 0 ? 5 : -7) << i;
}

TEST_F(FromPointer, NegativeAndZeroStridesAndZeroDimensions) {
  constexpr std::int64_t n = 12;
  device_buffer buf(n * sizeof(float));
  std::vector<float> host(n);
  for (std::int64_t i = 0; i < n; ++i) host[i] = static_cast<float>(i * i);
  upload(buf.as<float>(), host);

  // Element 0 is the last float: the array reads the buffer backwards.
  const auto rev = cupp::ndarray<float>::from_pointer(buf.as<float>() + (n - 1), {n}, {-1});
  EXPECT_EQ(rev.offset(), static_cast<std::int64_t>((n - 1) * sizeof(float)));
  const std::vector<float> r = rev.get();
  for (std::int64_t i = 0; i < n; ++i) EXPECT_EQ(r[i], host[n - 1 - i]);
  // A negative stride in a 2-D wrap: rows last to first.
  const auto flipped = cupp::ndarray<float>::from_pointer(buf.as<float>() + 2 * 4, {3, 4}, {-4, 1});
  const std::vector<float> f = flipped.get();
  for (std::int64_t i = 0; i < 3; ++i)
    for (std::int64_t j = 0; j < 4; ++j) EXPECT_EQ(f[i * 4 + j], host[(2 - i) * 4 + j]);

  // Stride 0 repeats a row; such an array is read-only, as broadcast_to's.
  auto rows = cupp::ndarray<float>::from_pointer(buf.as<float>(), {3, 4}, {0, 1});
  const std::vector<float> rep = rows.get();
  for (std::int64_t i = 0; i < 3; ++i)
    for (std::int64_t j = 0; j < 4; ++j) EXPECT_EQ(rep[i * 4 + j], host[j]);
  EXPECT_THROW(rows.fill(1.f), cupp::value_error);

  // 0-d: one element.
  auto scalar = cupp::ndarray<float>::from_pointer(buf.as<float>() + 3, {});
  EXPECT_EQ(scalar.ndim(), 0);
  EXPECT_EQ(scalar.item(), 9.f);
  scalar.fill(-1.f);
  EXPECT_EQ(download(buf.as<float>(), n)[3], -1.f);
}

TEST_F(FromPointer, InPlaceOperationWithAnOverlappingViewReadsACopy) {
  // a += a.T() reads elements after the kernel has written others unless the engine knows that
  // both share memory: NumPy's answer is a + a.T of the old values.
  constexpr std::int64_t n = 64;
  device_buffer buf(n * n * sizeof(float));
  std::vector<float> host(n * n);
  for (std::int64_t i = 0; i < n * n; ++i) host[i] = static_cast<float>(i);
  upload(buf.as<float>(), host);
  auto a = cupp::ndarray<float>::from_pointer(buf.as<float>(), {n, n});
  a += a.T();
  const std::vector<float> back = download(buf.as<float>(), n * n);
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t j = 0; j < n; ++j)
      EXPECT_EQ(back[i * n + j], host[i * n + j] + host[j * n + i]) << i << ", " << j;
}

TEST_F(FromPointer, DeleterRunsOnceWhenTheLastSharerDies) {
  constexpr std::int64_t n = 24;
  void* raw = nullptr;
  CUPP_CHECK_CUDA(cudaMalloc(&raw, n * sizeof(float)));
  int calls = 0;
  void* freed = nullptr;
  const auto deleter = [&](float* p) {
    ++calls;
    freed = p;
    (void)cudaFree(p);
  };
  cupp::ndarray<float> result;
  {
    auto a = cupp::ndarray<float>::from_pointer(static_cast<float*>(raw), {4, 6}, {}, deleter);
    a.fill(2.f);
    auto view = a(cupp::slice(1, 3), cupp::slice(0, 6, 2));
    auto t = a.T();
    const cupp::array erased = a.reshape({6, 4});
    const auto bits = a.view<std::int32_t>();
    const auto same = cupp::ascontiguousarray(a);  // a itself: C-contiguous already
    result = a * 3.f;                              // a new array: keeps nothing of a alive
    a = cupp::ndarray<float>();                    // the handle goes; the views stay
    EXPECT_EQ(calls, 0);
    t = cupp::ndarray<float>();
    view = cupp::ndarray<float>();
    EXPECT_EQ(calls, 0);
    EXPECT_EQ(erased.as<float>().get(), std::vector<float>(n, 2.f));
    EXPECT_EQ(bits.shape(), (cupp::shape_t{4, 6}));
    EXPECT_EQ(same.data(), static_cast<float*>(raw));
    EXPECT_EQ(calls, 0);
  }
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(freed, raw);
  EXPECT_EQ(result.get(), std::vector<float>(n, 6.f));
}

TEST_F(FromPointer, SharedOwnerLivesAsLongAsAnySharer) {
  auto owner = std::make_shared<device_buffer>(16 * sizeof(std::int64_t));
  const std::weak_ptr<device_buffer> watch = owner;
  auto* p = owner->as<std::int64_t>();
  auto a = cupp::ndarray<std::int64_t>::from_pointer(p, {16}, {}, owner);
  owner.reset();
  EXPECT_FALSE(watch.expired());
  auto copy = a;                         // a copy of the handle
  auto tail = copy(cupp::slice(8, 16));  // a view of it
  a = cupp::ndarray<std::int64_t>();
  copy = cupp::ndarray<std::int64_t>();
  EXPECT_FALSE(watch.expired());
  EXPECT_EQ(tail.offset(), static_cast<std::int64_t>(8 * sizeof(std::int64_t)));
  {
    const auto base = tail.base();  // NumPy's base: the wrapped array, which shares the owner
    ASSERT_TRUE(base.has_value());
    EXPECT_EQ(base->data(), p);
  }
  EXPECT_FALSE(watch.expired());
  tail = cupp::ndarray<std::int64_t>();
  EXPECT_TRUE(watch.expired());
}

TEST_F(FromPointer, RawKernelTakesWrappedArrays) {
  constexpr int n = 300;
  device_buffer x1(n * sizeof(float)), x2(n * sizeof(float)), y(n * sizeof(float));
  std::vector<float> h1(n), h2(n);
  for (int i = 0; i < n; ++i) {
    h1[i] = static_cast<float>(i);
    h2[i] = static_cast<float>(3 * i) - 1.f;
  }
  upload(x1.as<float>(), h1);
  upload(x2.as<float>(), h2);
  const auto a = cupp::ndarray<float>::from_pointer(x1.as<float>(), {n});
  const auto b = cupp::ndarray<float>::from_pointer(x2.as<float>(), {n});
  const auto c = cupp::ndarray<float>::from_pointer(y.as<float>(), {n});
  cupp::RawKernel add(cupp::test::kAddArrays, "add_arrays");
  add({(n + 127) / 128}, {128}, a, b, c, n);
  const std::vector<float> out = download(y.as<float>(), n);
  for (int i = 0; i < n; ++i) EXPECT_EQ(out[i], h1[i] + h2[i]) << i;
}

TEST_F(FromPointer, RuntimeTypedArrayFromPointer) {
  device_buffer buf(6 * sizeof(std::int32_t));
  upload(buf.as<std::int32_t>(), std::vector<std::int32_t>{1, 2, 3, 4, 5, 6});
  int calls = 0;
  {
    const cupp::array r =
        cupp::array::from_pointer(buf.ptr, cupp::dtype::int32, {2, 3}, {1, 2}, [&](void* p) {
          EXPECT_EQ(p, buf.ptr);
          ++calls;
        });
    EXPECT_EQ(r.dtype(), cupp::dtype::int32);
    EXPECT_EQ(r.as<std::int32_t>().get(), (std::vector<std::int32_t>{1, 3, 5, 2, 4, 6}));
    EXPECT_THROW((void)r.as<float>(), cupp::type_error);
  }
  EXPECT_EQ(calls, 1);
}

TEST_F(FromPointer, ManagedMemoryIsAccepted) {
  void* memory = nullptr;
  CUPP_CHECK_CUDA(cudaMallocManaged(&memory, 8 * sizeof(float)));
  auto* m = static_cast<float*>(memory);
  for (int i = 0; i < 8; ++i) m[i] = static_cast<float>(i);
  {
    auto a = cupp::ndarray<float>::from_pointer(m, {8});
    a *= 10.f;
    CUPP_CHECK_CUDA(cudaDeviceSynchronize());
  }
  for (int i = 0; i < 8; ++i) EXPECT_EQ(m[i], 10.f * static_cast<float>(i));
  CUPP_CHECK_CUDA(cudaFree(m));
}

TEST_F(FromPointer, HostMemoryIsAValueError) {
  std::vector<float> host(16, 1.f);
  try {
    (void)cupp::ndarray<float>::from_pointer(host.data(), {16});
    FAIL() << "a std::vector's memory was taken for device memory";
  } catch (const cupp::value_error& e) {
    EXPECT_TRUE(mentions(e, "host memory")) << e.what();
  }
  void* memory = nullptr;
  CUPP_CHECK_CUDA(cudaMallocHost(&memory, 16 * sizeof(float)));
  auto* pinned = static_cast<float*>(memory);
  try {
    (void)cupp::ndarray<float>::from_pointer(pinned, {16});
    ADD_FAILURE() << "pinned host memory was taken for device memory";
  } catch (const cupp::value_error& e) {
    EXPECT_TRUE(mentions(e, "pinned host memory")) << e.what();
  }
  CUPP_CHECK_CUDA(cudaFreeHost(pinned));
  EXPECT_EQ(cudaGetLastError(), cudaSuccess);
}

TEST_F(FromPointer, ALayoutReachingPastTheMemoryIsAValueError) {
  // Two elements 2**40 bytes apart: the second is nowhere near this allocation.
  device_buffer buf(64);
  const std::int64_t far = (std::int64_t{1} << 40) / 4;
  try {
    (void)cupp::ndarray<float>::from_pointer(buf.as<float>(), {2}, {far});
    FAIL() << "an element 1 TiB past a 64-byte allocation was accepted";
  } catch (const cupp::value_error& e) {
    EXPECT_TRUE(mentions(e, "highest address")) << e.what();
  }
  EXPECT_EQ(cudaGetLastError(), cudaSuccess);
}

TEST_F(FromPointer, MemoryOfAnotherDeviceIsAValueErrorNamingBoth) {
  if (cupp::cuda::Device::count() < 2) return;  // needs two devices; nothing to check on one
  void* other = nullptr;
  {
    cupp::cuda::DeviceGuard on1(cupp::cuda::Device(1));
    CUPP_CHECK_CUDA(cudaMalloc(&other, 64));
  }
  cupp::cuda::DeviceGuard on0(cupp::cuda::Device(0));
  try {
    (void)cupp::ndarray<float>::from_pointer(static_cast<float*>(other), {4});
    ADD_FAILURE() << "memory of device 1 was accepted on device 0";
  } catch (const cupp::value_error& e) {
    EXPECT_TRUE(mentions(e, "device 1")) << e.what();
    EXPECT_TRUE(mentions(e, "device 0")) << e.what();
  }
  CUPP_CHECK_CUDA(cudaFree(other));
}

TEST_F(FromPointer, DocExample) {
  // example-begin from_pointer
  // Memory that another library allocated and fills, here a plain cudaMalloc.
  void* raw = nullptr;
  CUPP_CHECK_CUDA(cudaMalloc(&raw, 6 * sizeof(float)));
  CUPP_CHECK_CUDA(cudaMemset(raw, 0, 6 * sizeof(float)));
  {
    // A 2x3 array over it in Fortran order (strides in elements); cudaFree runs when the array
    // and every view of it are gone.
    auto a = cupp::ndarray<float>::from_pointer(static_cast<float*>(raw), {2, 3}, {1, 2},
                                                [](float* p) { (void)cudaFree(p); });
    a += 1.0f;                       // writes the caller's memory in place
    auto row = a(0, cupp::slice());  // a view: keeps the memory alive too
    row.fill(5.0f);
    std::vector<float> host = a.get();  // {5, 5, 5, 1, 1, 1}
    EXPECT_EQ(host, (std::vector<float>{5, 5, 5, 1, 1, 1}));
  }  // the last view goes: cudaFree(raw)
  // example-end
}

}  // namespace
