// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include <cuda_runtime_api.h>

#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "cupp/array.hpp"
#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/event.hpp"
#include "cupp/cuda/stream.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::test::GpuTest;

TEST(Runtime, NoDeviceGivesOneClearError) {
  cupp::test::run_without_gpu([] {
    EXPECT_EQ(cupp::cuda::Device::count(), 0);
    EXPECT_FALSE(cupp::cuda::is_available());
    try {
      cupp::cuda::Stream s;
      FAIL() << "expected cuda_error";
    } catch (const cupp::cuda_error& e) {
      EXPECT_NE(std::string(e.what()).find("no CUDA-capable device is available"),
                std::string::npos)
          << e.what();
      EXPECT_EQ(e.api(), "cudaGetDeviceCount");
    }
    EXPECT_THROW(cupp::cuda::synchronize(), cupp::cuda_error);
    EXPECT_THROW(cupp::cuda::Event(), cupp::cuda_error);
    EXPECT_THROW(cupp::cuda::Device(), cupp::cuda_error);
  });
}

TEST(Runtime, CheckMacroReportsTheStatusItWasGiven) {
  try {
    CUPP_CHECK_CUDA(cudaErrorInvalidValue);
    FAIL() << "expected cuda_error";
  } catch (const cupp::cuda_error& e) {
    EXPECT_EQ(e.status(), static_cast<int>(cudaErrorInvalidValue));
    EXPECT_EQ(e.api(), "cudaErrorInvalidValue");
    EXPECT_NE(std::string(e.what()).find("cudaErrorInvalidValue"), std::string::npos);
  }
}

TEST(Runtime, ExpectsAndAssertThrowTypedErrors) {
  EXPECT_THROW(CUPP_EXPECTS(1 == 2, cupp::value_error, "bad"), cupp::value_error);
  EXPECT_NO_THROW(CUPP_EXPECTS(1 == 1, cupp::value_error, "bad"));
  EXPECT_THROW(CUPP_ASSERT(false), cupp::error);
  // NumPy's AxisError is an IndexError; broadcast errors are ValueErrors.
  EXPECT_THROW(throw cupp::axis_error("x"), cupp::index_error);
  EXPECT_THROW(throw cupp::broadcast_error("x"), cupp::value_error);
}

TEST(Runtime, CurrentStreamIsPerThreadAndGuarded) {
  EXPECT_EQ(cupp::cuda::get_current_stream(), nullptr);
  auto fake = reinterpret_cast<cudaStream_t>(0x1234);
  {
    cupp::cuda::StreamGuard g(fake);
    EXPECT_EQ(cupp::cuda::get_current_stream(), fake);
    cudaStream_t seen = fake;
    std::thread([&] { seen = cupp::cuda::get_current_stream(); }).join();
    EXPECT_EQ(seen, nullptr);
  }
  EXPECT_EQ(cupp::cuda::get_current_stream(), nullptr);
}

class RuntimeGpu : public GpuTest {};

TEST_F(RuntimeGpu, DeviceProperties) {
  cupp::cuda::Device d;
  EXPECT_GE(cupp::cuda::Device::count(), 1);
  EXPECT_GE(d.compute_capability(), 50);
  EXPECT_GT(d.multiprocessor_count(), 0);
  EXPECT_GT(d.properties().totalGlobalMem, 0u);
  EXPECT_THROW(cupp::cuda::Device(cupp::cuda::Device::count()), cupp::value_error);
  cupp::cuda::DeviceGuard g(d);
  EXPECT_EQ(cupp::cuda::Device().id(), d.id());
}

TEST_F(RuntimeGpu, StreamsAndEventsTimeWork) {
  cupp::cuda::Stream s(true);
  EXPECT_TRUE(s.query());
  void* p = nullptr;
  ASSERT_EQ(cudaMalloc(&p, 1 << 26), cudaSuccess);
  cupp::cuda::Event a, b;
  a.record(s);
  ASSERT_EQ(cudaMemsetAsync(p, 1, 1 << 26, s), cudaSuccess);
  b.record(s);
  b.synchronize();
  EXPECT_TRUE(b.query());
  EXPECT_GT(cupp::cuda::elapsed_ms(a, b), 0.0f);
  {
    cupp::cuda::StreamGuard g(s);
    EXPECT_EQ(cupp::cuda::Stream::current().handle(), s.handle());
  }
  cupp::cuda::Stream moved = std::move(s);
  EXPECT_EQ(s.handle(), nullptr);
  moved.synchronize();
  cudaFree(p);
}

TEST_F(RuntimeGpu, WorkOnAStreamOfItsOwn) {
  // example-begin streams
  cupp::cuda::Stream stream(/*non_blocking=*/true);
  cupp::cuda::Event start, stop;
  {
    cupp::cuda::StreamGuard guard(stream);  // cupp work in this scope goes to `stream`
    start.record();
    auto a = cupp::ones<float>({1 << 20});
    stop.record();
  }
  stop.synchronize();
  float ms = cupp::cuda::elapsed_ms(start, stop);
  // example-end
  EXPECT_GE(ms, 0.0f);
  EXPECT_EQ(cupp::cuda::get_current_stream(), nullptr);
}

TEST_F(RuntimeGpu, EventWithoutTimingCannotBeTimed) {
  cupp::cuda::Event a(false), b(false);
  a.record();
  b.record();
  b.synchronize();
  EXPECT_THROW(cupp::cuda::elapsed_ms(a, b), cupp::cuda_error);
  (void)cudaGetLastError();
}

}  // namespace
