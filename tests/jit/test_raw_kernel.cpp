// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// RawKernel and RawModule. The launch-path logic is checked on the host; kernels run on the GPU
// (skipped without one), with plain cudaMalloc'd buffers.
#include <cuda_runtime_api.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "cupp/array.hpp"
#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/jit/compiler.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "support/described.hpp"
#include "support/gpu.hpp"

namespace cupp::test {

/// A device buffer owning a cudaMalloc allocation. It is not trivially copyable, so it reaches a
/// kernel only through its kernel_argument specialization below, as an ndarray does.
template <class T>
class device_buffer {
 public:
  explicit device_buffer(std::size_t n) : n_(n) {
    CUPP_CHECK_CUDA(cudaMalloc(reinterpret_cast<void**>(&data_), (n > 0 ? n : 1) * sizeof(T)));
  }
  explicit device_buffer(const std::vector<T>& host) : device_buffer(host.size()) { upload(host); }
  ~device_buffer() { (void)cudaFree(data_); }
  device_buffer(const device_buffer&) = delete;
  device_buffer& operator=(const device_buffer&) = delete;

  T* data() const noexcept { return data_; }
  std::size_t size() const noexcept { return n_; }
  void upload(const std::vector<T>& host) {
    CUPP_CHECK_CUDA(cudaMemcpy(data_, host.data(), n_ * sizeof(T), cudaMemcpyHostToDevice));
  }
  std::vector<T> download() const {
    std::vector<T> host(n_);
    CUPP_CHECK_CUDA(cudaMemcpy(host.data(), data_, n_ * sizeof(T), cudaMemcpyDeviceToHost));
    return host;
  }

 private:
  T* data_ = nullptr;
  std::size_t n_;
};

}  // namespace cupp::test

// example-begin kernel_argument
template <class T>
struct cupp::jit::kernel_argument<cupp::test::device_buffer<T>> {
  static T* value(const cupp::test::device_buffer<T>& b) { return b.data(); }
};
// example-end

namespace {

using cupp::test::device_buffer;

const char* const kAddArrays =
    R"(extern "C" __global__ void add_arrays(const float* x1, const float* x2, float* y, int n) {
  int tid = blockDim.x * blockIdx.x + threadIdx.x;
  if (tid < n) y[tid] = x1[tid] + x2[tid];
}
)";

std::vector<float> iota_floats(std::size_t n, float start) {
  std::vector<float> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = start + static_cast<float>(i);
  return v;
}

// ---- host ----------------------------------------------------------------------------------

TEST(JitKernelArgument, TriviallyCopyableValuesPassAsTheyAre) {
  const int n = 7;
  EXPECT_EQ(&cupp::jit::kernel_argument<int>::value(n), &n);
  EXPECT_EQ(cupp::jit::kernel_argument<std::nullptr_t>::value(nullptr), nullptr);
  static_assert(std::is_same_v<cupp::jit::detail::argument_t<int>, int>);
  static_assert(std::is_same_v<cupp::jit::detail::argument_t<float*>, float*>);
  static_assert(std::is_same_v<cupp::jit::detail::argument_t<std::nullptr_t>, void*>);
  static_assert(std::is_same_v<cupp::jit::detail::argument_t<device_buffer<float>>, float*>);
  struct params {
    int a;
    double b[3];
  };
  static_assert(std::is_same_v<cupp::jit::detail::argument_t<params>, params>);
}

TEST(JitKernelArgument, SharedBytesAndStreamAreRecognised) {
  using cupp::jit::detail::has_launch_config;
  static_assert(has_launch_config<int, cudaStream_t, float*>::value);
  static_assert(has_launch_config<std::size_t, cudaStream_t>::value);
  static_assert(has_launch_config<unsigned, cupp::cuda::Stream, int>::value);
  static_assert(!has_launch_config<int, float*, int>::value);
  static_assert(!has_launch_config<bool, cudaStream_t>::value);
  static_assert(!has_launch_config<float*, cudaStream_t>::value);
  static_assert(!has_launch_config<int>::value);
  static_assert(!has_launch_config<>::value);
}

TEST(JitKernelArgument, SharedMemIsNotAnIntegerArgument) {
  using cupp::jit::detail::shared_mem_position;
  static_assert(shared_mem_position<cupp::shared_mem, float*, int>::first);
  static_assert(!shared_mem_position<cupp::shared_mem, float*, int>::last);
  static_assert(shared_mem_position<float*, int, cupp::shared_mem>::last);
  static_assert(!shared_mem_position<float*, int>::first && !shared_mem_position<float*, int>::last);
  static_assert(!shared_mem_position<>::first && !shared_mem_position<>::last);
  static_assert(!std::is_convertible_v<int, cupp::shared_mem>);  // explicit: never by accident
  static_assert(!cupp::jit::detail::has_launch_config<cupp::shared_mem, cudaStream_t>::value);
  EXPECT_EQ(cupp::shared_mem(4096).bytes, 4096u);
  EXPECT_THROW(cupp::shared_mem(-1), cupp::value_error);
}

TEST(JitKernelArgument, ContiguousArraysInEitherOrderPassTheirPointer) {
  const cupp::ndarray<float> c(cupp::test::described({3, 4}));
  EXPECT_EQ(cupp::jit::kernel_argument<cupp::ndarray<float>>::value(c), c.data());
  const cupp::ndarray<float> f = c.T();  // Fortran order: element 0 is the start of memory
  ASSERT_TRUE(f.is_f_contiguous() && !f.is_c_contiguous());
  EXPECT_EQ(cupp::jit::kernel_argument<cupp::ndarray<float>>::value(f), c.data());
  auto strided = cupp::test::described({3, 2});
  strided.strides = {4, 2};  // every other column of a (3, 4) array
  EXPECT_THROW(cupp::jit::kernel_argument<cupp::ndarray<float>>::value(cupp::ndarray<float>(strided)),
               cupp::value_error);
}

// Runs adapt_arguments over `args` (pointers to values described by `meta`) for a kernel whose
// parameters have `sizes`; returns the message of the error it throws, or "".
std::string adapt(const std::vector<std::size_t>& sizes, std::vector<void*>& args,
                  const std::vector<cupp::jit::detail::arg_meta>& meta,
                  std::vector<std::uint64_t>& scratch) {
  scratch.assign(args.size() + 1, 0xdeadbeefdeadbeefULL);
  try {
    cupp::jit::detail::adapt_arguments(sizes.data(), sizes.size(), args.data(), meta.data(),
                                       scratch.data(), args.size(), "k");
  } catch (const cupp::error& e) {
    return e.what();
  }
  return "";
}

TEST(JitArgumentChecks, IntegersConvertToTheParameterSize) {
  using cupp::jit::detail::meta_of;
  float* p = reinterpret_cast<float*>(0x1000);
  std::int64_t count = 42;
  int minus = -7;
  float f = 1.5f;
  std::uint8_t byte = 255;
  std::size_t size = 3;
  // A kernel (float* p, int n, float f, long long m, unsigned u, int s).
  std::vector<void*> args{&p, &count, &f, &minus, &byte, &size};
  std::vector<std::uint64_t> scratch;
  ASSERT_EQ(adapt({8, 4, 4, 8, 4, 4}, args,
                  {meta_of<float*>(), meta_of<std::int64_t>(), meta_of<float>(), meta_of<int>(),
                   meta_of<std::uint8_t>(), meta_of<std::size_t>()},
                  scratch),
            "");
  EXPECT_EQ(args[0], &p);  // the right size: untouched
  EXPECT_EQ(args[2], &f);
  std::int32_t i32 = 0;
  std::int64_t i64 = 0;
  std::uint32_t u32 = 0;
  std::memcpy(&i32, args[1], 4);
  EXPECT_EQ(i32, 42);  // int64 narrowed
  std::memcpy(&i64, args[3], 8);
  EXPECT_EQ(i64, -7);  // int widened with its sign
  std::memcpy(&u32, args[4], 4);
  EXPECT_EQ(u32, 255u);  // uint8 widened without one
  std::memcpy(&u32, args[5], 4);
  EXPECT_EQ(u32, 3u);
}

TEST(JitArgumentChecks, WhatDoesNotFitIsAnErrorNamingTheParameter) {
  using cupp::jit::detail::meta_of;
  std::vector<std::uint64_t> scratch;
  std::int64_t big = std::int64_t{1} << 33;
  std::vector<void*> one{&big};
  EXPECT_EQ(adapt({4}, one, {meta_of<std::int64_t>()}, scratch),
            "kernel 'k': argument 1 (for parameter 1 of 1) is 8589934592, which does not fit the "
            "parameter's 4 bytes");
  std::uint32_t u = 256;
  one = {&u};
  EXPECT_NE(adapt({1}, one, {meta_of<std::uint32_t>()}, scratch), "");
  int neg = -129;
  one = {&neg};
  EXPECT_NE(adapt({1}, one, {meta_of<int>()}, scratch), "");
  neg = -128;
  EXPECT_EQ(adapt({1}, one, {meta_of<int>()}, scratch), "");
  // Floating-point values are not converted: the parameter may be a double, a long long or a
  // pointer, and its size alone does not say which.
  double d = 2.5;
  one = {&d};
  EXPECT_EQ(adapt({4}, one, {meta_of<double>()}, scratch),
            "kernel 'k': argument 1 (for parameter 1 of 1) is a floating-point value of 8 bytes, "
            "but the parameter takes 4 bytes; only integers are converted: pass a value of the "
            "parameter's type");
  float f = 2.5f;
  one = {&f};
  EXPECT_NE(adapt({8}, one, {meta_of<float>()}, scratch), "");
  float* p = nullptr;
  one = {&p};
  EXPECT_NE(adapt({4}, one, {meta_of<float*>()}, scratch).find("is a pointer of 8 bytes"),
            std::string::npos);
  struct three {
    float a, b, c;
  } t{};
  one = {&t};
  EXPECT_NE(adapt({16}, one, {meta_of<three>()}, scratch), "");
  int i = 1;
  one = {&i};
  EXPECT_NE(adapt({16}, one, {meta_of<int>()}, scratch), "");  // no 16-byte integers
  // The number of arguments.
  std::vector<void*> two{&i, &i};
  EXPECT_EQ(adapt({4}, two, {meta_of<int>(), meta_of<int>()}, scratch),
            "kernel 'k' takes 1 argument, got 2");
  try {
    cupp::jit::detail::adapt_arguments(nullptr, 0, two.data(), nullptr, scratch.data(), 2, "k");
    FAIL();
  } catch (const cupp::type_error&) {
  }
}

TEST(JitDims, BracedIntegersOfAnyTypeAndDim3) {
  const int n = 5;
  const long long big = 70000;
  const std::size_t z = 3;
  const cupp::jit::dims a{n};
  const cupp::jit::dims b{n, big};
  const cupp::jit::dims c{n, big, z};
  const cupp::jit::dims d = dim3(4, 2);
  EXPECT_EQ(a.x(), 5u);
  EXPECT_EQ(a.y(), 1u);
  EXPECT_EQ(b.y(), 70000u);
  EXPECT_EQ(c.z(), 3u);
  const dim3 e = c;
  EXPECT_EQ(e.x * e.y * e.z, 5u * 70000u * 3u);
  EXPECT_EQ(d.x(), 4u);
  EXPECT_EQ(d.y(), 2u);
  EXPECT_EQ(d.z(), 1u);
  EXPECT_THROW(cupp::jit::dims{-1}, cupp::value_error);
  EXPECT_THROW((cupp::jit::dims{1, 1LL << 33}), cupp::value_error);
}

TEST(JitRawKernel, ConstructionNeedsNoGpu) {
  cupp::RawKernel k(kAddArrays, "add_arrays", {"-DUNUSED=1"});
  EXPECT_EQ(k.name(), "add_arrays");
  EXPECT_EQ(k.source(), kAddArrays);
  EXPECT_EQ(k.options(), std::vector<std::string>{"-DUNUSED=1"});
  cupp::RawModule m("template <class T> __global__ void f(T*) {}", {}, {"f<int>"});
  EXPECT_EQ(m.name_expressions(), std::vector<std::string>{"f<int>"});
  EXPECT_EQ(m.get_function("f<int>").name(), "f<int>");
}

TEST(JitRawKernel, WithoutAGpuLaunchAndCompileThrowCudaError) {
  cupp::test::run_without_gpu([] {
    cupp::RawKernel k(kAddArrays, "add_arrays");
    float* p = nullptr;
    EXPECT_THROW(k({1}, {32}, p, p, p, 0), cupp::cuda_error);
    EXPECT_THROW(k.compile(), cupp::cuda_error);
    EXPECT_THROW(k.attributes(), cupp::cuda_error);
    EXPECT_THROW(cupp::RawModule(kAddArrays).compile(), cupp::cuda_error);
  });
}

// ---- GPU -----------------------------------------------------------------------------------

class JitRawKernelGpu : public cupp::test::GpuTest {};

TEST_F(JitRawKernelGpu, AddArrays) {
  const int n = 1000;
  const std::vector<float> h1 = iota_floats(n, 0.0f), h2 = iota_floats(n, 0.5f);
  float *x1 = nullptr, *x2 = nullptr, *y = nullptr;
  ASSERT_EQ(cudaMalloc(reinterpret_cast<void**>(&x1), n * sizeof(float)), cudaSuccess);
  ASSERT_EQ(cudaMalloc(reinterpret_cast<void**>(&x2), n * sizeof(float)), cudaSuccess);
  ASSERT_EQ(cudaMalloc(reinterpret_cast<void**>(&y), n * sizeof(float)), cudaSuccess);
  ASSERT_EQ(cudaMemcpy(x1, h1.data(), n * sizeof(float), cudaMemcpyHostToDevice), cudaSuccess);
  ASSERT_EQ(cudaMemcpy(x2, h2.data(), n * sizeof(float), cudaMemcpyHostToDevice), cudaSuccess);
  // example-begin raw_kernel
  const char* source = R"(
    extern "C" __global__ void add_arrays(const float* x1, const float* x2, float* y, int n) {
      int tid = blockDim.x * blockIdx.x + threadIdx.x;
      if (tid < n) y[tid] = x1[tid] + x2[tid];
    }
  )";
  cupp::RawKernel add_arrays(source, "add_arrays");
  add_arrays({(n + 255) / 256}, {256}, x1, x2, y, n);  // grid, block, then the kernel's arguments
  // example-end
  std::vector<float> out(n);
  ASSERT_EQ(cudaMemcpy(out.data(), y, n * sizeof(float), cudaMemcpyDeviceToHost), cudaSuccess);
  for (int i = 0; i < n; ++i) ASSERT_EQ(out[i], h1[i] + h2[i]) << i;
  cudaFree(x1);
  cudaFree(x2);
  cudaFree(y);
}

TEST_F(JitRawKernelGpu, ArgumentsGoThroughKernelArgument) {
  const int n = 300;
  device_buffer<float> x1(iota_floats(n, 1.0f)), x2(iota_floats(n, -2.0f)), y(n);
  cupp::RawKernel add(kAddArrays, "add_arrays");
  add({2}, {256}, x1, x2, y, n);  // device_buffer arguments pass their device pointer
  const auto out = y.download();
  for (int i = 0; i < n; ++i) ASSERT_EQ(out[i], 2.0f * static_cast<float>(i) - 1.0f) << i;
}

TEST_F(JitRawKernelGpu, TwoDimensionalGridAndBlock) {
  const int w = 37, h = 19;
  device_buffer<int> out(static_cast<std::size_t>(w * h));
  cupp::RawKernel k(R"(
extern "C" __global__ void coords(int* out, int w, int h) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x < w && y < h) out[y * w + x] = y * 1000 + x;
}
)",
                    "coords");
  k({(w + 15) / 16, (h + 7) / 8}, {16, 8}, out, w, h);
  const auto v = out.download();
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) ASSERT_EQ(v[static_cast<std::size_t>(y * w + x)], y * 1000 + x);
}

TEST_F(JitRawKernelGpu, ThreeDimensionalGridAndBlock) {
  const int w = 9, h = 7, d = 5;
  device_buffer<int> out(static_cast<std::size_t>(w * h * d));
  cupp::RawKernel k(R"(
extern "C" __global__ void coords3(int* out, int w, int h, int d) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  int z = blockIdx.z * blockDim.z + threadIdx.z;
  if (x < w && y < h && z < d) out[(z * h + y) * w + x] = z * 1000000 + y * 1000 + x;
}
)",
                    "coords3");
  k({(w + 3) / 4, (h + 3) / 4, (d + 3) / 4}, {4, 4, 4}, out, w, h, d);
  const auto v = out.download();
  for (int z = 0; z < d; ++z)
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x)
        ASSERT_EQ(v[static_cast<std::size_t>((z * h + y) * w + x)], z * 1000000 + y * 1000 + x);
}

const char* const kReverse = R"(
extern "C" __global__ void reverse(const float* x, float* y, int n) {
  extern __shared__ float tile[];
  for (int i = threadIdx.x; i < n; i += blockDim.x) tile[i] = x[i];
  __syncthreads();
  for (int i = threadIdx.x; i < n; i += blockDim.x) y[i] = tile[n - 1 - i];
}
)";

TEST_F(JitRawKernelGpu, DynamicSharedMemoryAbove48KiB) {
  const int n = 16384;  // 64 KiB of floats in shared memory
  device_buffer<float> x(iota_floats(n, 0.0f)), y(n);
  cupp::RawKernel reverse(kReverse, "reverse");
  // A launch asking for more than 48 KiB raises the kernel's limit first.
  reverse({1}, {1024}, n * sizeof(float), cudaStream_t{}, x, y, n);
  auto v = y.download();
  for (int i = 0; i < n; ++i)
    ASSERT_EQ(v[static_cast<std::size_t>(i)], static_cast<float>(n - 1 - i));
  EXPECT_GE(reverse.attributes().max_dynamic_shared_size_bytes,
            static_cast<int>(n * sizeof(float)));

  const int m = 25600;  // 100 KiB
  device_buffer<float> x2(iota_floats(m, 1.0f)), y2(m);
  // example-begin dynamic_shared_memory
  cupp::RawKernel big(kReverse, "reverse");
  big.set_max_dynamic_shared_memory(100 * 1024);
  big({1}, {1024}, 100 * 1024, cudaStream_t{}, x2, y2, m);
  // example-end
  v = y2.download();
  for (int i = 0; i < m; ++i) ASSERT_EQ(v[static_cast<std::size_t>(i)], static_cast<float>(m - i));
}

TEST_F(JitRawKernelGpu, MoreThan1024ThreadsPerBlockThrowsAndLeavesTheContextHealthy) {
  const int n = 1025;
  device_buffer<float> x1(iota_floats(n, 0.0f)), x2(iota_floats(n, 1.0f)), y(n);
  cupp::RawKernel add(kAddArrays, "add_arrays");
  try {
    add({1}, {1025}, x1, x2, y, n);
    FAIL() << "expected cupp::cuda_error";
  } catch (const cupp::cuda_error& e) {
    EXPECT_EQ(e.api(), "cuLaunchKernel");
    EXPECT_NE(e.status(), 0);
    const std::string what = e.what();
    EXPECT_NE(what.find("cuLaunchKernel"), std::string::npos) << what;
    EXPECT_NE(what.find("add_arrays"), std::string::npos) << what;
    EXPECT_NE(what.find("(1025, 1, 1)"), std::string::npos) << what;
  }
  EXPECT_EQ(cudaGetLastError(), cudaSuccess);
  add({5}, {256}, x1, x2, y, n);
  const auto v = y.download();
  for (int i = 0; i < n; ++i)
    ASSERT_EQ(v[static_cast<std::size_t>(i)], 2.0f * static_cast<float>(i) + 1.0f);
}

TEST_F(JitRawKernelGpu, RawModuleTemplatesThroughNameExpressions) {
  const int n = 200;
  std::vector<float> hf(n);
  std::vector<double> hd(n);
  for (int i = 0; i < n; ++i) {
    hf[static_cast<std::size_t>(i)] = static_cast<float>(i);
    hd[static_cast<std::size_t>(i)] = static_cast<double>(i);
  }
  device_buffer<float> xf(hf);
  device_buffer<double> xd(hd);
  // example-begin raw_module
  const char* source = R"(
    template <class T>
    __global__ void scale(T* x, T factor, int n) {
      int i = blockIdx.x * blockDim.x + threadIdx.x;
      if (i < n) x[i] *= factor;
    }
  )";
  cupp::RawModule module(source, {}, {"scale<float>", "scale<double>"});
  cupp::RawKernel scale_float = module.get_function("scale<float>");
  cupp::RawKernel scale_double = module.get_function("scale<double>");
  scale_float({1}, {256}, xf, 2.0f, n);  // the argument types match the kernel's exactly
  scale_double({1}, {256}, xd, 0.5, n);
  // example-end
  const auto vf = xf.download();
  const auto vd = xd.download();
  for (int i = 0; i < n; ++i) {
    ASSERT_EQ(vf[static_cast<std::size_t>(i)], 2.0f * static_cast<float>(i));
    ASSERT_EQ(vd[static_cast<std::size_t>(i)], 0.5 * static_cast<double>(i));
  }
  EXPECT_THROW(module.get_function("scale<int>").compile(), cupp::cuda_error);
  EXPECT_EQ(cudaGetLastError(), cudaSuccess);
}

TEST_F(JitRawKernelGpu, Attributes) {
  cupp::RawKernel k(R"(
extern "C" __global__ void with_static_shared(float* y) {
  __shared__ float s[256];
  s[threadIdx.x] = threadIdx.x;
  __syncthreads();
  y[threadIdx.x] = s[255 - threadIdx.x];
}
)",
                    "with_static_shared");
  // example-begin attributes
  const cupp::jit::kernel_attributes a = k.attributes();
  EXPECT_GE(a.shared_size_bytes, 256 * sizeof(float));  // its __shared__ array
  EXPECT_EQ(k.max_threads_per_block(), a.max_threads_per_block);
  // example-end
  EXPECT_GT(a.num_regs, 0);
  EXPECT_GT(a.max_threads_per_block, 0);
  EXPECT_LE(a.max_threads_per_block, 1024);
  EXPECT_EQ(a.binary_version, cupp::cuda::Device().compute_capability());
  EXPECT_GT(a.ptx_version, 0);
}

TEST_F(JitRawKernelGpu, ExplicitAndCurrentStreams) {
  const int n = 512;
  device_buffer<float> x1(iota_floats(n, 0.0f)), x2(iota_floats(n, 3.0f)), y(n);
  cupp::RawKernel add(kAddArrays, "add_arrays");
  // example-begin stream
  cupp::cuda::Stream stream(/*non_blocking=*/true);
  add({2}, {256}, 0, stream, x1, x2, y, n);  // 0 bytes of dynamic shared memory, on `stream`
  stream.synchronize();
  // example-end
  auto v = y.download();
  for (int i = 0; i < n; ++i)
    ASSERT_EQ(v[static_cast<std::size_t>(i)], 2.0f * static_cast<float>(i) + 3.0f);

  CUPP_CHECK_CUDA(cudaMemset(y.data(), 0, n * sizeof(float)));
  add({2}, {256}, 0, stream.handle(), x2, x2, y, n);  // a cudaStream_t works as well
  stream.synchronize();
  v = y.download();
  for (int i = 0; i < n; ++i)
    ASSERT_EQ(v[static_cast<std::size_t>(i)], 2.0f * static_cast<float>(i) + 6.0f);

  CUPP_CHECK_CUDA(cudaMemset(y.data(), 0, n * sizeof(float)));
  {
    cupp::cuda::StreamGuard guard(stream);
    add({2}, {256}, x1, x1, y, n);  // the current stream
  }
  stream.synchronize();
  v = y.download();
  for (int i = 0; i < n; ++i)
    ASSERT_EQ(v[static_cast<std::size_t>(i)], 2.0f * static_cast<float>(i));
}

TEST_F(JitRawKernelGpu, EmbeddedHeaderInAKernel) {
  const long long n = 10000;
  device_buffer<float> x(iota_floats(static_cast<std::size_t>(n), 0.25f)),
      y(static_cast<std::size_t>(n));
  cupp::RawKernel copy(R"(
#include <cupp/indexing.cuh>

extern "C" __global__ void copy_all(const float* x, float* y, long long n) {
  for (long long i : cupp::grid_stride(n)) y[i] = x[i];
}
)",
                       "copy_all");
  copy({2}, {64}, x, y, n);  // 128 threads cover 10000 elements
  const auto v = y.download();
  for (long long i = 0; i < n; ++i)
    ASSERT_EQ(v[static_cast<std::size_t>(i)], 0.25f + static_cast<float>(i));
}

TEST_F(JitRawKernelGpu, SameSourceIsLoadedOnce) {
  // A source no earlier test (or run) has loaded, so that the counts below are this test's.
  const std::string source =
      "// " + std::to_string(::getpid()) + " " +
      std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "\n" +
      kAddArrays;
  auto& compiler = cupp::jit::get_default_compiler();
  const auto before = compiler.stats();
  cupp::RawKernel a(source, "add_arrays");
  cupp::RawKernel b(source, "add_arrays");
  a.compile();
  b.compile();
  const auto after = compiler.stats();
  EXPECT_EQ(after.loads - before.loads, 1u);
  EXPECT_EQ(after.compiles - before.compiles, 1u);
}

TEST_F(JitRawKernelGpu, PtxFallbackLoadsAndRuns) {
  // The driver compiles PTX for this device, as it does on a device newer than NVRTC knows.
  const int cc = cupp::cuda::Device().compute_capability();
  cupp::jit::compiler c("");
  auto m = c.compile(kAddArrays, {}, {}, cc + 1);
  ASSERT_TRUE(m->is_ptx()) << m->target;
  cudaLibrary_t library = nullptr;
  CUPP_CHECK_CUDA(
      cudaLibraryLoadData(&library, m->image.c_str(), nullptr, nullptr, 0, nullptr, nullptr, 0));
  cupp::jit::loaded_module loaded(m, library);
  cudaKernel_t k = loaded.get_kernel("add_arrays");
  const int n = 100;
  device_buffer<float> x1(iota_floats(n, 0.0f)), x2(iota_floats(n, 0.0f)), y(n);
  float* p1 = x1.data();
  float* p2 = x2.data();
  float* py = y.data();
  int count = n;
  void* args[] = {&p1, &p2, &py, &count};
  CUPP_CHECK_CUDA(
      cudaLaunchKernel(reinterpret_cast<const void*>(k), dim3(1), dim3(128), args, 0, nullptr));
  const auto v = y.download();
  for (int i = 0; i < n; ++i)
    ASSERT_EQ(v[static_cast<std::size_t>(i)], 2.0f * static_cast<float>(i));
}

TEST_F(JitRawKernelGpu, MissingKernelNameThrowsCudaError) {
  cupp::RawKernel k(kAddArrays, "no_such_kernel");
  try {
    k.compile();
    FAIL() << "expected cupp::cuda_error";
  } catch (const cupp::cuda_error& e) {
    EXPECT_EQ(e.api(), "cudaLibraryGetKernel");
    EXPECT_NE(std::string(e.what()).find("no_such_kernel"), std::string::npos);
  }
  EXPECT_EQ(cudaGetLastError(), cudaSuccess);
}

TEST_F(JitRawKernelGpu, CompileErrorSurfacesAtTheFirstLaunch) {
  cupp::RawKernel k("extern \"C\" __global__ void broken(float* x) { x[0] = ; }", "broken");
  float* p = nullptr;
  EXPECT_THROW(k({1}, {1}, p), cupp::compile_error);
  EXPECT_THROW(k.compile(), cupp::compile_error) << "and again: failures are not cached";
}

const char* const kScaleLong = R"(
extern "C" __global__ void scale_long(float* x, long long n, float factor) {
  long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  if (i < n) x[i] *= factor;
}
)";

TEST_F(JitRawKernelGpu, ArgumentSizesAreCheckedAndIntegersConverted) {
  cupp::RawKernel scale(kScaleLong, "scale_long");
  auto x = cupp::arange<float>(100);
  // example-begin raw_kernel_conversion
  const int n = 100;               // an int for the kernel's long long: widened
  scale({1}, {128}, x, n, 2.0f);
  // example-end
  auto hx = x.get();
  for (int i = 0; i < n; ++i) ASSERT_EQ(hx[static_cast<std::size_t>(i)], 2.0f * i) << i;
  try {
    scale({1}, {128}, x, n, 2.0);
    FAIL();
  } catch (const cupp::value_error& e) {
    EXPECT_NE(std::string(e.what()).find("argument 3 (for parameter 3 of 3)"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(scale({1}, {128}, x, n), cupp::type_error);         // too few arguments
  EXPECT_THROW(scale({1}, {128}, x, n, 2.0f, 1), cupp::type_error);  // too many
  EXPECT_EQ(cudaGetLastError(), cudaSuccess);
  // A size_t count for add_arrays' int: narrowed when it fits.
  device_buffer<float> x1(iota_floats(10, 0.0f)), x2(iota_floats(10, 1.0f)), y(10);
  cupp::RawKernel add(kAddArrays, "add_arrays");
  add({1}, {32}, x1, x2, y, std::size_t{10});
  const auto v = y.download();
  for (int i = 0; i < 10; ++i) ASSERT_EQ(v[static_cast<std::size_t>(i)], 2.0f * i + 1.0f);
  EXPECT_THROW(add({1}, {32}, x1, x2, y, std::size_t{1} << 40), cupp::value_error);
  hx = x.get();  // nothing ran after the refused launches
  for (int i = 0; i < n; ++i) ASSERT_EQ(hx[static_cast<std::size_t>(i)], 2.0f * i) << i;
}

TEST_F(JitRawKernelGpu, FortranOrderedArraysPassTheirPointer) {
  // (2, 3) C order, its transpose (3, 2) is F-contiguous over the same memory.
  auto a = cupp::asarray<float>({{1, 2, 3}, {4, 5, 6}});
  auto out = cupp::zeros<float>({6});
  cupp::RawKernel copy(R"(
extern "C" __global__ void copy6(const float* x, float* y) {
  if (threadIdx.x < 6) y[threadIdx.x] = x[threadIdx.x];
}
)",
                       "copy6");
  copy({1}, {32}, a.T(), out);
  EXPECT_EQ(out.get(), (std::vector<float>{1, 2, 3, 4, 5, 6}));  // memory order
  EXPECT_THROW(copy({1}, {32}, a(cupp::slice(), cupp::slice(0, 3, 2)), out), cupp::value_error);
}

TEST_F(JitRawKernelGpu, SharedMemWithoutAStream) {
  const int n = 1000;
  auto x = cupp::arange<float>(n);
  auto y = cupp::zeros<float>({n});
  cupp::RawKernel reverse(kReverse, "reverse");
  // example-begin shared_mem
  reverse({1}, {256}, x, y, n, cupp::shared_mem(n * sizeof(float)));  // as CuPy's shared_mem=
  // example-end
  auto v = y.get();
  for (int i = 0; i < n; ++i) ASSERT_EQ(v[static_cast<std::size_t>(i)], static_cast<float>(n - 1 - i));
  auto z = cupp::zeros<float>({n});
  reverse({1}, {256}, cupp::shared_mem(n * sizeof(float)), x, z, n);
  EXPECT_EQ(z.get(), v);
  // More than 48 KiB raises the kernel's limit, as the other spellings do.
  const int m = 16384;
  auto xm = cupp::arange<float>(m);
  auto ym = cupp::zeros<float>({m});
  reverse({1}, {1024}, xm, ym, m, cupp::shared_mem(m * sizeof(float)));
  EXPECT_EQ(ym.get()[0], static_cast<float>(m - 1));
}

}  // namespace
