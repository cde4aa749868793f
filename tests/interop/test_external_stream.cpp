// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cuda::Stream::external: cupp's work on a stream created with cudaStreamCreate runs in order
// with the user's own kernels there, the pool reuses memory on it as on its own streams, a handle
// value that CUDA gives again to a new stream does not hand the new stream memory the old one's
// work still uses, and graph capture works on it.
#include <cuda_runtime_api.h>

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "cupp/array.hpp"
#include "support/gpu.hpp"

namespace {

constexpr std::size_t MiB = std::size_t{1} << 20;

// The user's own kernel, slow on purpose: it waits `delay_ns` before writing x[i] = scale * i,
// so that work queued behind it on the same stream runs late, and work on another stream early.
const char* const kSlowIota = R"(
extern "C" __global__ void slow_iota(float* x, long long n, float scale, long long delay_ns) {
  unsigned long long start, now;
  asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(start));
  do {
    __nanosleep(1000);
    asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(now));
  } while (now - start < (unsigned long long)delay_ns);
  for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n;
       i += (long long)gridDim.x * blockDim.x)
    x[i] = scale * (float)i;
}
)";

constexpr long long kDelayNs = 300'000'000;  // 0.3 s: far longer than queuing what follows

void slow_iota(float* x, long long n, float scale) {
  static const cupp::RawKernel k(kSlowIota, "slow_iota");
  k({64}, {256}, x, n, scale, kDelayNs);  // on the current stream
}

// A stream made outside cupp, destroyed at the end of the scope.
struct user_stream {
  user_stream() { CUPP_CHECK_CUDA(cudaStreamCreateWithFlags(&s, cudaStreamNonBlocking)); }
  ~user_stream() {
    if (s != nullptr) (void)cudaStreamDestroy(s);
  }
  user_stream(const user_stream&) = delete;
  user_stream& operator=(const user_stream&) = delete;
  cudaStream_t s = nullptr;
};

std::vector<float> download(const void* src, std::size_t n) {
  std::vector<float> v(n);
  CUPP_CHECK_CUDA(cudaMemcpy(v.data(), src, n * sizeof(float), cudaMemcpyDeviceToHost));
  return v;
}

// ---- without a GPU --------------------------------------------------------------------------

TEST(ExternalStreamArgs, TheLegacyAndPerThreadStreamsNeedNoDevice) {
  EXPECT_EQ(cupp::cuda::Stream::external(nullptr).handle(), nullptr);
  EXPECT_EQ(cupp::cuda::Stream::external(cudaStreamLegacy).handle(), cudaStreamLegacy);
  const cupp::cuda::Stream per_thread = cupp::cuda::Stream::external(cudaStreamPerThread);
  EXPECT_EQ(per_thread.handle(), cudaStreamPerThread);
  EXPECT_EQ(static_cast<cudaStream_t>(per_thread), cudaStreamPerThread);
  const cudaStream_t before = cupp::cuda::get_current_stream();
  {
    cupp::cuda::StreamGuard use(cupp::cuda::Stream::external(cudaStreamPerThread));
    EXPECT_EQ(cupp::cuda::get_current_stream(), cudaStreamPerThread);
    EXPECT_EQ(cupp::cuda::Stream::current().handle(), cudaStreamPerThread);
  }
  EXPECT_EQ(cupp::cuda::get_current_stream(), before);
}

TEST(ExternalStreamArgs, TheSlowKernelOfTheseTestsCompilesForSm90) {
  cupp::jit::compiler memory_only("");
  EXPECT_NE(memory_only.compile(kSlowIota, {}, {}, 90), nullptr);
}

// ---- on the GPU ------------------------------------------------------------------------------

class ExternalStream : public cupp::test::GpuTest {};

TEST_F(ExternalStream, CuppWorkRunsAfterTheUsersKernelOnTheSameStream) {
  constexpr long long n = 100'003;
  user_stream us;
  void* memory = nullptr;
  CUPP_CHECK_CUDA(cudaMalloc(&memory, n * sizeof(float)));
  auto* x = static_cast<float*>(memory);
  CUPP_CHECK_CUDA(cudaMemset(x, 0, n * sizeof(float)));  // a wrong order reads zeros
  {
    const cupp::cuda::Stream stream = cupp::cuda::Stream::external(us.s);
    EXPECT_EQ(stream.handle(), us.s);
    cupp::cuda::StreamGuard use(stream);
    EXPECT_EQ(cupp::cuda::get_current_stream(), us.s);
    slow_iota(x, n, 0.5f);  // the user's kernel, still running while cupp queues its work
    auto xs = cupp::ndarray<float>::from_pointer(x, {n});
    const cupp::ndarray<float> y = xs * 2.0f + 1.0f;  // pool memory, on the user's stream
    xs += 3.0f;                                       // in place, after y has read xs
    const double total = cupp::sum<double>(y).item();
    const std::vector<float> ys = y.get();  // waits for the current stream only
    for (long long i = 0; i < n; ++i) ASSERT_EQ(ys[i], 2.f * (0.5f * i) + 1.f) << i;
    double expected = 0;
    for (long long i = 0; i < n; ++i) expected += 2.0 * (0.5 * i) + 1.0;
    EXPECT_NEAR(total, expected, 1e-12 * expected);
    // A copy queued by the user on the same stream sees cupp's in-place write.
    std::vector<float> back(n);
    CUPP_CHECK_CUDA(
        cudaMemcpyAsync(back.data(), x, n * sizeof(float), cudaMemcpyDeviceToHost, us.s));
    CUPP_CHECK_CUDA(cudaStreamSynchronize(us.s));
    for (long long i = 0; i < n; ++i) ASSERT_EQ(back[i], 0.5f * i + 3.f) << i;
  }
  CUPP_CHECK_CUDA(cudaFree(x));
}

TEST_F(ExternalStream, ThePoolReusesMemoryOnTheStreamAndOnNoOther) {
  cupp::MemoryPool& pool = cupp::get_default_memory_pool();
  user_stream us;
  cupp::cuda::StreamGuard use(cupp::cuda::Stream::external(us.s));
  void* p = pool.malloc(MiB);
  slow_iota(static_cast<float*>(p), MiB / sizeof(float), 1.f);
  pool.free(p);  // no wait: the stream runs what comes next after the kernel
  {
    // Another stream must not get the block while the kernel may still write it.
    cupp::cuda::Stream other(true);
    cupp::cuda::StreamGuard on_other(other);
    void* elsewhere = pool.malloc(MiB);
    EXPECT_NE(elsewhere, p);
    pool.free(elsewhere);
  }
  void* q = pool.malloc(MiB);
  EXPECT_EQ(q, p);
  pool.free(q);
  CUPP_CHECK_CUDA(cudaStreamSynchronize(us.s));
  pool.validate();

  if (cupp::cuda::get_allocator().get() != &pool) return;  // CUPP_DISABLE_POOL=1
  void* first = nullptr;
  {
    const cupp::ndarray<float> a = cupp::zeros<float>({1000});
    first = a.data();
  }
  const cupp::ndarray<float> b = cupp::ones<float>({1000});
  EXPECT_EQ(static_cast<void*>(b.data()), first);
  EXPECT_EQ(b.get(), std::vector<float>(1000, 1.f));
}

// Note [Reused stream handles]: a block freed on a stream that is then destroyed with work still
// queued must not reach a new stream with the same handle before that work is done. The old
// stream's kernel writes 1.0f * i late; the new stream zeroes the same block at once. Without
// the wait the kernel's late write lands after the zeros.
void expect_zeros_after_the_old_work(void* q) {
  CUPP_CHECK_CUDA(cudaMemsetAsync(q, 0, MiB, cupp::cuda::get_current_stream()));
  CUPP_CHECK_CUDA(cudaDeviceSynchronize());  // the old kernel too, whatever the order was
  const std::vector<float> v = download(q, MiB / sizeof(float));
  for (std::size_t i = 0; i < v.size(); ++i) ASSERT_EQ(v[i], 0.f) << i;
}

TEST_F(ExternalStream, AReusedHandleWaitsForTheDestroyedStreamsWork) {
  cupp::MemoryPool& pool = cupp::get_default_memory_pool();
  cudaStream_t first = nullptr;
  CUPP_CHECK_CUDA(cudaStreamCreateWithFlags(&first, cudaStreamNonBlocking));
  void* p = nullptr;
  {
    cupp::cuda::StreamGuard use(cupp::cuda::Stream::external(first));
    p = pool.malloc(MiB);
    slow_iota(static_cast<float*>(p), MiB / sizeof(float), 1.f);
    pool.free(p);
  }
  CUPP_CHECK_CUDA(cudaStreamDestroy(first));  // returns at once; the kernel still runs
  user_stream second;                         // CUDA usually hands out the same address
  cupp::cuda::StreamGuard use(cupp::cuda::Stream::external(second.s));
  void* q = pool.malloc(MiB);
  if (second.s == first) {
    EXPECT_EQ(q, p);  // the block filed under the handle
  }
  expect_zeros_after_the_old_work(q);
  pool.free(q);
  pool.validate();
}

TEST_F(ExternalStream, AReusedHandleOfCuppsOwnStreamWaitsToo) {
  cupp::MemoryPool& pool = cupp::get_default_memory_pool();
  cudaStream_t first = nullptr;
  void* p = nullptr;
  {
    cupp::cuda::Stream own(true);
    first = own.handle();
    cupp::cuda::StreamGuard use(own);
    p = pool.malloc(MiB);
    slow_iota(static_cast<float*>(p), MiB / sizeof(float), 1.f);
    pool.free(p);
  }  // destroyed with the kernel still running
  cupp::cuda::Stream again(true);
  cupp::cuda::StreamGuard use(again);
  void* q = pool.malloc(MiB);
  if (again.handle() == first) {
    EXPECT_EQ(q, p);
  }
  expect_zeros_after_the_old_work(q);
  pool.free(q);
  pool.validate();
}

TEST_F(ExternalStream, GraphCaptureOnAnExternalStream) {
  user_stream us;
  const cupp::cuda::Stream stream = cupp::cuda::Stream::external(us.s);
  cupp::cuda::StreamGuard use(stream);
  const std::vector<float> host = {1.f, -2.f, 3.5f, 0.25f, 8.f};
  const cupp::ndarray<float> x = cupp::asarray(host);
  (void)(x * 2.0f - 1.0f).eval().get();  // compiles the kernel before the capture
  stream.begin_capture();
  EXPECT_TRUE(stream.is_capturing());
  const cupp::ndarray<float> y = x * 2.0f - 1.0f;
  cupp::cuda::Graph graph = stream.end_capture();
  graph.launch();
  graph.launch(us.s);
  const std::vector<float> ys = y.get();
  for (std::size_t i = 0; i < host.size(); ++i) EXPECT_EQ(ys[i], 2.f * host[i] - 1.f);
}

TEST_F(ExternalStream, AStreamCapturingForAnotherLibraryIsTakenAsItIs) {
  // Asking the driver for a capturing stream's id would fail and invalidate the capture.
  user_stream us;
  void* memory = nullptr;
  CUPP_CHECK_CUDA(cudaMalloc(&memory, 256));
  // On the user's stream and finished: a plain cudaMemset runs on the legacy stream, unordered
  // with a non-blocking stream, and could land after the graph's memset.
  CUPP_CHECK_CUDA(cudaMemsetAsync(memory, 0, 256, us.s));
  CUPP_CHECK_CUDA(cudaStreamSynchronize(us.s));
  CUPP_CHECK_CUDA(cudaStreamBeginCapture(us.s, cudaStreamCaptureModeGlobal));
  {
    const cupp::cuda::Stream stream = cupp::cuda::Stream::external(us.s);
    EXPECT_EQ(stream.handle(), us.s);
    EXPECT_TRUE(stream.is_capturing());
  }
  CUPP_CHECK_CUDA(cudaMemsetAsync(memory, 1, 256, us.s));
  cudaGraph_t graph = nullptr;
  ASSERT_EQ(cudaStreamEndCapture(us.s, &graph), cudaSuccess);  // not invalidated
  cudaGraphExec_t exec = nullptr;
  CUPP_CHECK_CUDA(cudaGraphInstantiate(&exec, graph, 0));
  CUPP_CHECK_CUDA(cudaGraphLaunch(exec, us.s));
  CUPP_CHECK_CUDA(cudaStreamSynchronize(us.s));
  std::vector<unsigned char> bytes(256);
  CUPP_CHECK_CUDA(cudaMemcpy(bytes.data(), memory, 256, cudaMemcpyDeviceToHost));
  EXPECT_EQ(bytes, std::vector<unsigned char>(256, 1));
  CUPP_CHECK_CUDA(cudaGraphExecDestroy(exec));
  CUPP_CHECK_CUDA(cudaGraphDestroy(graph));
  CUPP_CHECK_CUDA(cudaFree(memory));
}

TEST_F(ExternalStream, AStreamOfAnotherDeviceIsAValueError) {
  if (cupp::cuda::Device::count() < 2) return;  // needs two devices; nothing to check on one
  cudaStream_t s = nullptr;
  {
    cupp::cuda::DeviceGuard on1(cupp::cuda::Device(1));
    CUPP_CHECK_CUDA(cudaStreamCreate(&s));
  }
  cupp::cuda::DeviceGuard on0(cupp::cuda::Device(0));
  try {
    (void)cupp::cuda::Stream::external(s);
    ADD_FAILURE() << "a stream of device 1 was accepted on device 0";
  } catch (const cupp::value_error& e) {
    EXPECT_NE(std::string(e.what()).find("device 1"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("device 0"), std::string::npos) << e.what();
  }
  CUPP_CHECK_CUDA(cudaStreamDestroy(s));
}

TEST_F(ExternalStream, DocExample) {
  constexpr long long n = 1000;
  void* memory = nullptr;
  CUPP_CHECK_CUDA(cudaMalloc(&memory, n * sizeof(float)));
  auto* x = static_cast<float*>(memory);
  // example-begin external_stream
  cudaStream_t s = nullptr;
  CUPP_CHECK_CUDA(cudaStreamCreateWithFlags(&s, cudaStreamNonBlocking));
  {
    cupp::cuda::StreamGuard use(cupp::cuda::Stream::external(s));
    slow_iota(x, n, 1.0f);  // the program's own kernel, launched on s: x[i] = i
    auto xs = cupp::ndarray<float>::from_pointer(x, {n});
    cupp::ndarray<float> y = xs * 2.0f + 1.0f;  // queued on s after the kernel
    std::vector<float> host = y.get();          // waits for s only
    EXPECT_EQ(host[9], 19.0f);
  }  // s is current no more; cupp keeps nothing that uses it
  CUPP_CHECK_CUDA(cudaStreamSynchronize(s));
  CUPP_CHECK_CUDA(cudaStreamDestroy(s));
  // example-end
  CUPP_CHECK_CUDA(cudaFree(x));
}

}  // namespace
