// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The examples of docs/errors_and_sync.md: when each kind of error reaches the caller, which calls
// wait for the GPU, and how arrays cross streams and threads. Each checks its result against
// values written out here.
#include <cuda_runtime_api.h>

#include <gtest/gtest.h>

#include <cstdint>
#include <future>
#include <string>
#include <vector>

#include "cupp/array.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::test::GpuTest;

// Argument errors are thrown by the call itself, before any device work: this runs without a GPU.
TEST(ErrorsDoc, ArgumentErrorsAreThrownBeforeAnyDeviceWork) {
  // example-begin argument_error
  std::string message;
  try {
    auto r = cupp::arange<float>(0, 10, 0);  // thrown here: nothing reached the GPU
  } catch (const cupp::value_error& e) {
    message = e.what();  // "Maximum allowed size exceeded", NumPy's words
  }
  // example-end
  EXPECT_EQ(message, "Maximum allowed size exceeded");
}

class ErrorsDocGpu : public GpuTest {};

TEST_F(ErrorsDocGpu, ShapeMismatchIsThrownWhenTheExpressionIsBuilt) {
  const auto a = cupp::ones<float>({3, 4});
  const auto b = cupp::ones<float>({5});
  try {
    auto c = a + b;
    (void)c;
    FAIL() << "expected broadcast_error";
  } catch (const cupp::broadcast_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "operands could not be broadcast together with shapes (3,4) (5,) ");
  }
  // Nothing was launched, so nothing is pending either: the next call works.
  EXPECT_EQ(cupp::sum(a).item(), 12.0f);
}

TEST_F(ErrorsDocGpu, AnOutOfRangeIndexSurfacesAtTheNextSynchronisation) {
  // example-begin deferred_index_error
  std::string message;
  cupp::ndarray<float> a = cupp::arange<float>(10);
  cupp::ndarray<std::int64_t> idx = cupp::asarray<std::int64_t>({1, 10});
  cupp::ndarray<float> b = a[idx];  // returns at once: the kernel checks the indices
  try {
    std::vector<float> host = b.get();  // waits for the kernel, then reads its report
  } catch (const cupp::index_error& e) {
    message = e.what();  // "index 10 is out of bounds for axis 0 with size 10"
  }
  // example-end
  EXPECT_EQ(message, "index 10 is out of bounds for axis 0 with size 10");
  // Raised once: the next synchronisation finds nothing left to report.
  EXPECT_EQ(a.item({1}), 1.0f);
}

TEST_F(ErrorsDocGpu, ADeferredIndexErrorIsRaisedByStreamSynchronize) {
  const cupp::ndarray<double> a = cupp::arange<double>(4);
  const cupp::ndarray<double> b = a[cupp::asarray<std::int64_t>({-5})];
  (void)b;
  EXPECT_THROW(cupp::cuda::Stream::current().synchronize(), cupp::index_error);
  EXPECT_NO_THROW(cupp::cuda::Stream::current().synchronize());
}

TEST_F(ErrorsDocGpu, ADeferredIndexErrorStaysInItsThread) {
  const cupp::ndarray<double> a = cupp::arange<double>(4);
  const cupp::ndarray<double> b = a[cupp::asarray<std::int64_t>({7})];
  (void)b;
  // Another thread's synchronisation does not raise this thread's report.
  auto other = std::async(std::launch::async, [] { cupp::cuda::synchronize(); });
  EXPECT_NO_THROW(other.get());
  EXPECT_THROW(cupp::cuda::synchronize(), cupp::index_error);
}

TEST_F(ErrorsDocGpu, OutOfMemoryLeavesTheContextUsable) {
  // 4 TiB: more than any device holds.
  EXPECT_THROW(cupp::ndarray<float>(cupp::shape_t{std::int64_t{1} << 40}), cupp::out_of_memory);
  EXPECT_EQ(cudaGetLastError(), cudaSuccess);
  EXPECT_EQ(cupp::sum(cupp::ones<double>({8})).item(), 8.0);
}

TEST_F(ErrorsDocGpu, ResultsStayOnTheDeviceUntilItemAsks) {
  // example-begin stay_on_device
  std::vector<double> host{3.0, 4.0, 12.0};
  cupp::ndarray<double> x = cupp::asarray(host);
  cupp::ndarray<double> norm = cupp::sqrt(cupp::sum(x * x));  // a 0-d array: nothing waits
  cupp::ndarray<double> unit = x / norm;                      // still nothing waits
  double length = norm.item();                                // the one synchronisation
  // example-end
  EXPECT_EQ(length, 13.0);
  const std::vector<double> got = unit.get();
  ASSERT_EQ(got.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_DOUBLE_EQ(got[i], host[i] / 13.0);
}

TEST_F(ErrorsDocGpu, AnArrayReadOnAnotherStream) {
  if (cupp::cuda::get_allocator().get() !=
      static_cast<cupp::cuda::Allocator*>(&cupp::get_default_memory_pool()))
    GTEST_SKIP() << "record_stream is the default pool's; another allocator serves this run";
  std::vector<float> twice;
  {
    // example-begin record_stream
    cupp::cuda::Stream side(/*non_blocking=*/true);
    cupp::ndarray<float> a = cupp::ones<float>({1 << 20});  // made on the current stream
    cupp::cuda::Event made;
    made.record();                                          // after a's fill
    CUPP_CHECK_CUDA(cudaStreamWaitEvent(side, made.handle(), 0));  // side waits for it
    cupp::cuda::StreamGuard guard(side);
    cupp::ndarray<float> b = a * 2.0f;                      // reads a on side
    cupp::get_default_memory_pool().record_stream(a.data(), side);
    a = cupp::ndarray<float>();  // a's block is reused only once side's work so far is done
    // example-end
    twice = b.get();
  }
  ASSERT_EQ(twice.size(), std::size_t{1} << 20);
  for (const float v : twice) ASSERT_EQ(v, 2.0f);
}

TEST_F(ErrorsDocGpu, AWorkerThreadWithAStreamOfItsOwn) {
  // example-begin worker_stream
  cupp::ndarray<double> x = cupp::ones<double>({1000});
  cupp::cuda::Stream::current().synchronize();  // x is complete before another stream reads it
  auto task = std::async(std::launch::async, [x] {
    cupp::cuda::Stream stream(/*non_blocking=*/true);
    cupp::cuda::StreamGuard guard(stream);  // this thread's cupp work goes to `stream`
    return cupp::sum(x * x).item();         // waits for `stream` alone
  });
  double squares = task.get();
  // example-end
  EXPECT_EQ(squares, 1000.0);
  // The worker's guard changed the worker's current stream, not this thread's.
  EXPECT_EQ(cupp::cuda::get_current_stream(), nullptr);
}

}  // namespace
