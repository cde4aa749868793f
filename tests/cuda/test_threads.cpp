// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp called first thing on fresh host threads (std::thread, std::async): each launch path must
// make the device's primary context current on a thread that has none (Note [Primary context per
// thread] in src/jit/raw_kernel.cpp).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <exception>
#include <functional>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "cupp/array.hpp"
#include "support/gpu.hpp"
#include "support/test_kernels.hpp"

namespace {

constexpr std::int64_t kN = 1000;

/// Runs `body` and returns "" or what it threw: a worker's failure is reported by the test thread.
std::string outcome(const std::function<void()>& body) {
  try {
    body();
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

class FreshThreadGpu : public cupp::test::GpuTest {
 protected:
  void SetUp() override {
    GpuTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::vector<float> h1(kN), h2(kN);
    for (std::int64_t i = 0; i < kN; ++i) {
      h1[static_cast<std::size_t>(i)] = static_cast<float>(i) * 0.5f;
      h2[static_cast<std::size_t>(i)] = 3.0f - static_cast<float>(i);
    }
    x1_ = cupp::asarray(h1);
    x2_ = cupp::asarray(h2);
    y_ = cupp::zeros<float>({kN});
    for (std::int64_t i = 0; i < kN; ++i) {
      const auto u = static_cast<std::size_t>(i);
      sum_ += static_cast<double>(h1[u]);
      expected_[0].push_back(h1[u] * 2.0f + h2[u]);  // the elementwise expression
      expected_[1].push_back(h1[u] + h2[u]);         // add_arrays
    }
    // Every kernel below is compiled, loaded and resolved here first, on the test's own thread,
    // so that on a worker the launch is the first CUDA call (the case that once failed).
    for (int kind = 0; kind < kKinds; ++kind) EXPECT_EQ(run(kind), "") << "kind " << kind;
  }

  /// The work of kind `kind` as a fresh thread's first cupp call, checked against host values.
  std::string run(int kind) {
    return outcome([&] {
      switch (kind) {
        case 0: {  // fill
          const std::vector<float> v = cupp::full<float>({kN}, 2.5f).get();
          for (float x : v)
            if (x != 2.5f) throw std::runtime_error("full gave " + std::to_string(x));
          break;
        }
        case 1: {  // elementwise, written into existing memory (no allocation before the launch)
          y_(cupp::slice()) = x1_ * 2.0f + x2_;
          check(y_.get(), expected_[0], "x1 * 2 + x2");
          break;
        }
        case 2: {  // reduction
          const double s = static_cast<double>(cupp::sum(x1_).item());
          if (std::abs(s - sum_) > 1e-3 * std::abs(sum_))
            throw std::runtime_error("sum gave " + std::to_string(s));
          break;
        }
        case 3: {  // the first report's program
          const double s = cupp::sum(cupp::ones<double>({4})).item();
          if (s != 4.0) throw std::runtime_error("sum(ones(4)) gave " + std::to_string(s));
          break;
        }
        case 4: {  // a RawKernel launch on memory made elsewhere
          cupp::ndarray<float> y = cupp::empty<float>({kN});
          add_({static_cast<unsigned>((kN + 255) / 256)}, {256}, x1_.data(), x2_.data(), y.data(),
               static_cast<int>(kN));
          check(y.get(), expected_[1], "add_arrays");
          break;
        }
        default: throw std::logic_error("no such kind");
      }
    });
  }

  static void check(const std::vector<float>& got, const std::vector<float>& want,
                    const char* what) {
    for (std::size_t i = 0; i < want.size(); ++i)
      if (got[i] != want[i])
        throw std::runtime_error(std::string(what) + " differs at " + std::to_string(i) + ": " +
                                 std::to_string(got[i]) + " != " + std::to_string(want[i]));
  }

  static constexpr int kKinds = 5;
  cupp::ndarray<float> x1_, x2_, y_;
  double sum_ = 0.0;
  std::vector<float> expected_[2];
  cupp::RawKernel add_{cupp::test::kAddArrays, "add_arrays"};
};

TEST_F(FreshThreadGpu, FirstCallOnAStdThread) {
  for (int kind = 0; kind < kKinds; ++kind)
    for (int repeat = 0; repeat < 3; ++repeat) {
      std::string error;
      std::thread([&] { error = run(kind); }).join();
      EXPECT_EQ(error, "") << "kind " << kind;
    }
}

TEST_F(FreshThreadGpu, FirstCallOnStdAsyncTasks) {
  // Several tasks at once, each on a new thread; the elementwise kind writes a shared array, so
  // it runs alone below.
  std::vector<std::future<std::string>> tasks;
  for (int kind : {0, 2, 3, 4})
    for (int repeat = 0; repeat < 3; ++repeat)
      tasks.push_back(std::async(std::launch::async, [this, kind] { return run(kind); }));
  for (auto& t : tasks) EXPECT_EQ(t.get(), "");
  EXPECT_EQ(std::async(std::launch::async, [this] { return run(1); }).get(), "");
}

TEST_F(FreshThreadGpu, DocumentedExample) {
  // example-begin threads
  auto task = std::async(std::launch::async, [] {
    return cupp::sum(cupp::ones<double>({4})).item();  // this thread's first cupp call
  });
  const double four = task.get();
  // example-end
  EXPECT_EQ(four, 4.0);
}

TEST_F(FreshThreadGpu, ThreadMovesBetweenDevices) {
  // A worker that switches devices launches into each device's own primary context.
  const int devices = cupp::cuda::Device::count();
  std::string error;
  std::thread([&] {
    error = outcome([&] {
      for (int d = devices - 1; d >= 0; --d) {
        cupp::cuda::DeviceGuard g{cupp::cuda::Device(d)};
        const double s = cupp::sum(cupp::ones<double>({4})).item();
        if (s != 4.0) throw std::runtime_error("device " + std::to_string(d));
      }
    });
  }).join();
  EXPECT_EQ(error, "");
}

}  // namespace
