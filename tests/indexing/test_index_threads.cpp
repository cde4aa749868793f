// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Deferred index reports belong to the host thread that made them (Note [Deferred index checks]
// in src/manip/indexing.cpp).
#include <cuda_runtime_api.h>
#include <gtest/gtest.h>

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

namespace {

/// "" when `body` returns, else "<kind>: <what>" of what it threw.
std::string outcome(const std::function<void()>& body) {
  try {
    body();
    return "";
  } catch (const cupp::index_error& e) {
    return std::string("index_error: ") + e.what();
  } catch (const std::exception& e) {
    return std::string("other: ") + e.what();
  }
}

const char* const kBad = "index_error: index 10 is out of bounds for axis 0 with size 5";

class IndexReportThreads : public cupp::test::GpuTest {};

TEST_F(IndexReportThreads, ReportSurfacesInTheThreadThatMadeIt) {
  const auto a = cupp::arange<float>(5);
  const auto bad = cupp::asarray<std::int64_t>({1, 10});
  const auto good = cupp::asarray<std::int64_t>({4, 0});
  (void)a.get();
  std::promise<void> gathered, looked;
  std::string in_a_before, in_a_after, in_b_get, in_b_sync, in_b_index;
  std::thread thread_a([&] {
    in_a_before = outcome([&] { (void)a[bad].eval(); });  // launched; the check is deferred
    gathered.set_value();
    looked.get_future().wait();
    in_a_after = outcome([&] { (void)a.get(); });
  });
  std::thread thread_b([&] {
    gathered.get_future().wait();
    // Each of these waits at least for A's kernel (one legacy default stream, or the whole
    // device) and reads the finished reports, but none of them is B's.
    in_b_sync = outcome([] { cupp::cuda::synchronize(); });
    in_b_get = outcome([&] {
      const std::vector<float> v = a.get();
      if (v != std::vector<float>{0, 1, 2, 3, 4}) throw std::runtime_error("wrong values");
    });
    in_b_index = outcome([&] {
      const std::vector<float> v = a[good].eval().get();
      if (v != std::vector<float>{4, 0}) throw std::runtime_error("wrong gather");
    });
    looked.set_value();
  });
  thread_a.join();
  thread_b.join();
  EXPECT_EQ(in_a_before, "");
  EXPECT_EQ(in_b_sync, "");
  EXPECT_EQ(in_b_get, "");
  EXPECT_EQ(in_b_index, "");
  EXPECT_EQ(in_a_after, kBad);
  // Raised once, in A; the test's own thread has nothing to see.
  EXPECT_NO_THROW(cupp::cuda::synchronize());
}

TEST_F(IndexReportThreads, BothThreadsSeeTheirOwnReports) {
  const auto a = cupp::arange<float>(5);
  (void)a.get();
  std::promise<void> a_launched, b_launched;
  std::string seen[2];
  auto worker = [&](int me, std::int64_t index, std::promise<void>& mine,
                    std::promise<void>& other) {
    const std::string launched =
        outcome([&] { (void)a[cupp::asarray<std::int64_t>({index})].eval(); });
    mine.set_value();  // whatever happened, so that the other thread never waits forever
    other.get_future().wait();
    seen[me] =
        launched.empty() ? outcome([] { cupp::cuda::synchronize(); }) : "launch: " + launched;
  };
  std::thread ta(worker, 0, std::int64_t{10}, std::ref(a_launched), std::ref(b_launched));
  std::thread tb(worker, 1, std::int64_t{-7}, std::ref(b_launched), std::ref(a_launched));
  ta.join();
  tb.join();
  EXPECT_EQ(seen[0], kBad);
  EXPECT_EQ(seen[1], "index_error: index -7 is out of bounds for axis 0 with size 5");
}

TEST_F(IndexReportThreads, AThreadThatEndsTakesItsReportsAlong) {
  const auto a = cupp::arange<float>(5);
  (void)a.get();
  std::string launched;
  std::thread([&] {
    launched = outcome([&] { (void)a[cupp::asarray<std::int64_t>({10})].eval(); });
  }).join();
  EXPECT_EQ(launched, "");
  EXPECT_NO_THROW(cupp::cuda::synchronize());
  EXPECT_EQ(a.get(), (std::vector<float>{0, 1, 2, 3, 4}));
}

TEST_F(IndexReportThreads, WithinAThreadAnySynchronisationRaises) {
  // Keyed by thread, not by stream: a bad gather on one stream is raised by a read on another
  // stream of the same thread once the gather has finished.
  const auto a = cupp::arange<float>(5);
  (void)a.get();
  cupp::cuda::Stream one(true), two(true);
  {
    cupp::cuda::StreamGuard g(one);
    (void)a[cupp::asarray<std::int64_t>({10})].eval();
  }
  ASSERT_EQ(cudaStreamSynchronize(one.handle()), cudaSuccess);  // finished, not yet read
  cupp::cuda::StreamGuard g(two);
  EXPECT_EQ(outcome([&] { (void)a.get(); }), kBad);
  EXPECT_EQ(outcome([&] { (void)a.get(); }), "");  // raised once
}

}  // namespace
