// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// CUDA graph capture on the GPU: a captured chain replays as it ran eagerly, on inputs changed in
// place; calls that cannot be captured throw cuda_error naming themselves and leave the capture
// intact; the pool keeps the graph's memory away from eager work (Note [Graph memory]).
#include <cuda_runtime_api.h>

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cupp/array.hpp"
#include "support/gpu.hpp"

namespace {

constexpr std::int64_t kN = 4099;  // odd: vectorised tails

std::vector<double> inputs(double phase) {
  std::vector<double> v(static_cast<std::size_t>(kN));
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = std::sin(0.37 * static_cast<double>(i) + phase);
  return v;
}

// The step: 5 rounds of 4 launches (an elementwise update, a sine, a sum, a centring), 20 in all.
cupp::ndarray<double> step(const cupp::ndarray<double>& x) {
  cupp::ndarray<double> y = x * 1.0;
  for (int round = 0; round < 5; ++round) {
    y = y * 0.5 + x;
    y = cupp::sin(y);
    const cupp::ndarray<double> s = cupp::sum(y);
    y = y - s / static_cast<double>(kN);
  }
  return y;
}

// The same on the host, in plain loops.
std::vector<double> step_reference(const std::vector<double>& x) {
  std::vector<double> y = x;
  for (int round = 0; round < 5; ++round) {
    double s = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
      y[i] = std::sin(y[i] * 0.5 + x[i]);
      s += y[i];
    }
    for (double& v : y) v -= s / static_cast<double>(kN);
  }
  return y;
}

void expect_close(const std::vector<double>& actual, const std::vector<double>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i)
    ASSERT_NEAR(actual[i], expected[i], 1e-12 * kN) << "at " << i;
}

// What a test expects a forbidden call to throw: cuda_error, naming the call.
void expect_refused(const std::function<void()>& call, const std::string& name) {
  try {
    call();
    ADD_FAILURE() << "expected cuda_error from " << name;
  } catch (const cupp::cuda_error& e) {
    EXPECT_EQ(e.status(), static_cast<int>(cudaErrorStreamCaptureUnsupported));
    EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
  }
}

class GraphGpu : public cupp::test::GpuTest {};

TEST_F(GraphGpu, CapturedChainReplaysAsEager) {
  cupp::cuda::Stream stream(/*non_blocking=*/true);
  cupp::cuda::StreamGuard guard(stream);
  const std::vector<double> host = inputs(0.0);
  const cupp::ndarray<double> x = cupp::asarray(host);
  const std::vector<double> eager = step(x).get();  // compiles every kernel before the capture
  expect_close(eager, step_reference(host));

  // example-begin graph_capture
  stream.begin_capture();
  EXPECT_TRUE(stream.is_capturing());
  const cupp::ndarray<double> y = step(x);  // recorded, not run: 20 kernels
  cupp::cuda::Graph graph = stream.end_capture();
  EXPECT_FALSE(stream.is_capturing());
  graph.upload();  // optional: makes the first launch fast
  graph.launch();  // on the current stream
  expect_close(y.get(), eager);
  // example-end
  graph.launch(stream);
  graph.launch(stream);
  expect_close(y.get(), eager);
}

TEST_F(GraphGpu, ReplayReadsInputsChangedInPlace) {
  cupp::cuda::Stream stream(true), other(true);  // both outlive the graph launched on them
  cupp::cuda::StreamGuard guard(stream);
  cupp::ndarray<double> x = cupp::asarray(inputs(0.0));
  (void)step(x).get();
  stream.begin_capture();
  const cupp::ndarray<double> y = step(x);
  cupp::cuda::Graph graph = stream.end_capture();
  for (double phase : {0.5, 1.25, -2.0}) {
    // example-begin graph_new_inputs
    const std::vector<double> next = inputs(phase);
    x.set(next);     // in place: the graph reads x's memory at every replay
    graph.launch();  // y is rewritten in place
    expect_close(y.get(), step_reference(next));
    // example-end
  }
  // Another stream may replay it too, once it has waited for the one that wrote the inputs.
  cupp::cuda::Event ready;
  x.set(inputs(3.0));
  ready.record(stream);
  CUPP_CHECK_CUDA(cudaStreamWaitEvent(other, ready.handle(), 0));
  graph.launch(other);
  other.synchronize();
  expect_close(y.get(), step_reference(inputs(3.0)));
}

TEST_F(GraphGpu, ForbiddenCallsThrowAndLeaveTheCaptureIntact) {
  cupp::cuda::Stream stream(true);
  cupp::cuda::StreamGuard guard(stream);
  const std::vector<double> host = inputs(0.0);
  cupp::ndarray<double> x = cupp::asarray(host);
  const cupp::ndarray<std::int64_t> index = cupp::asarray(std::vector<std::int64_t>{0, 5, 2});
  const cupp::ndarray<bool> mask = x > 0.0;
  (void)step(x).get();
  (void)cupp::take(x, index, 0, cupp::index_mode::wrap).get();

  stream.begin_capture();
  const cupp::ndarray<double> y = step(x);
  expect_refused([&] { (void)y.get(); }, "get()");
  expect_refused([&] { (void)cupp::sum(y).item(); }, "item()");
  expect_refused([&] { stream.synchronize(); }, "Stream::synchronize()");
  expect_refused([&] { cupp::cuda::synchronize(); }, "cupp::cuda::synchronize()");
  expect_refused([&] { cupp::cuda::Device().synchronize(); }, "Device::synchronize()");
  expect_refused([&] { x.set(host); }, "a copy from host memory");
  expect_refused([&] { (void)cupp::take(x, index); }, "mode='raise'");
  expect_refused([&] { (void)cupp::ndarray<double>(x[index]); }, "mode='raise'");
  expect_refused([&] { (void)cupp::ndarray<double>(x[mask]); }, "a[mask]");
  // Indexing that checks nothing on the host can be captured.
  const cupp::ndarray<double> taken = cupp::take(y, index, 0, cupp::index_mode::wrap);
  cupp::cuda::Graph graph = stream.end_capture();  // still valid
  graph.launch();
  const std::vector<double> expected = step_reference(host);
  expect_close(y.get(), expected);
  const std::vector<double> t = taken.get();
  ASSERT_EQ(t.size(), 3u);
  EXPECT_NEAR(t[1], expected[5], 1e-12 * kN);
  EXPECT_EQ(cudaGetLastError(), cudaSuccess);
}

TEST_F(GraphGpu, CaptureNeedsAStreamOfItsOwn) {
  expect_refused([] { cupp::cuda::Stream::null().begin_capture(); }, "legacy");
  cupp::cuda::Stream stream(true);
  expect_refused([&] { (void)stream.end_capture(); }, "not capturing");
  stream.begin_capture();
  EXPECT_THROW(stream.begin_capture(), cupp::value_error);
  cupp::cuda::Graph empty = stream.end_capture();  // nothing captured: a graph that does nothing
  empty.launch(stream);
  stream.synchronize();
}

TEST_F(GraphGpu, PassThroughAllocatorKeepsTheGraphsMemory) {
  const std::shared_ptr<cupp::cuda::Allocator> saved = cupp::cuda::get_allocator();
  cupp::cuda::set_allocator(nullptr);  // plain cudaMalloc/cudaFree, as CUPP_DISABLE_POOL=1
  {
    cupp::cuda::Stream stream(true);
    cupp::cuda::StreamGuard guard(stream);
    const std::vector<double> host = inputs(0.5);
    const cupp::ndarray<double> x = cupp::asarray(host);
    (void)step(x).get();
    stream.begin_capture();
    cupp::ndarray<double> y = step(x);  // the temporaries are not cudaFree'd during the capture
    cupp::cuda::Graph graph = stream.end_capture();
    graph.launch();
    expect_close(y.get(), step_reference(host));
    y = cupp::ndarray<double>();  // the graph's output dropped: kept until the graph is gone
    cupp::ndarray<double> other = cupp::full<double>({kN}, 7.0);
    graph.launch();
    for (double v : other.get()) ASSERT_EQ(v, 7.0);
  }
  cupp::cuda::set_allocator(saved);
}

TEST_F(GraphGpu, GraphMemoryIsNotHandedToEagerWork) {
  if (cupp::cuda::get_allocator().get() != &cupp::get_default_memory_pool())
    GTEST_SKIP() << "CUPP_DISABLE_POOL=1: no pool to capture with";
  cupp::cuda::Stream stream(true);
  cupp::cuda::StreamGuard guard(stream);
  const std::vector<double> host = inputs(0.0);
  const cupp::ndarray<double> x = cupp::asarray(host);
  (void)step(x).get();
  cupp::MemoryPool& pool = cupp::get_default_memory_pool();

  stream.begin_capture();
  const cupp::ndarray<double> y = step(x);  // every temporary is freed during the capture
  cupp::cuda::Graph graph = stream.end_capture();
  // Eager arrays of the temporaries' size, on the capture's own stream, written with 7: had the
  // pool handed them the graph's freed temporaries, the replay would overwrite them.
  std::vector<cupp::ndarray<double>> eager;
  for (int i = 0; i < 16; ++i) eager.push_back(cupp::full<double>({kN}, 7.0));
  for (const auto& e : eager) EXPECT_FALSE(e.data() == y.data());
  graph.launch();
  expect_close(y.get(), step_reference(host));
  for (const auto& e : eager)
    for (double v : e.get()) ASSERT_EQ(v, 7.0);
  pool.validate();

  // Destroyed, the graph gives its memory back once its launches are done.
  const std::size_t held = pool.total_bytes();
  graph.launch();
  { cupp::cuda::Graph gone = std::move(graph); }
  stream.synchronize();
  pool.validate();
  EXPECT_EQ(pool.total_bytes(), held);  // cached, not returned
  EXPECT_THROW(graph.launch(), cupp::value_error);  // moved from
}

TEST_F(GraphGpu, KernelCompiledForTheFirstTimeDuringCapture) {
  cupp::cuda::Stream stream(true);
  cupp::cuda::StreamGuard guard(stream);
  const std::vector<double> host = inputs(0.75);
  const cupp::ndarray<double> x = cupp::asarray(host);
  stream.begin_capture();
  // No other test of this binary uses this expression: NVRTC compiles it and the module is
  // loaded during the capture (Note [What a capture forbids]).
  const cupp::ndarray<double> y = cupp::arctan(cupp::sinh(x * 0.5)) * 0.25 - x;
  cupp::cuda::Graph graph = stream.end_capture();
  graph.launch();
  const std::vector<double> got = y.get();
  for (std::size_t i = 0; i < host.size(); ++i)
    ASSERT_NEAR(got[i], std::atan(std::sinh(host[i] * 0.5)) * 0.25 - host[i], 1e-14) << i;
}

TEST_F(GraphGpu, GlobalModeCaptureMayGrowThePool) {
  cupp::cuda::Stream stream(true);
  cupp::cuda::StreamGuard guard(stream);
  const std::int64_t n = (std::int64_t{3} << 20) + 5;
  (void)(cupp::zeros<double>({7}) + 1.0).eval().get();  // warm the kernels up
  // cudaMalloc is not allowed in a global-mode capture; the pool switches the thread to relaxed
  // mode around it, as PyTorch does.
  stream.begin_capture(cudaStreamCaptureModeGlobal);
  const cupp::ndarray<double> big = cupp::zeros<double>({n}) + 1.0;  // a new 24 MiB segment
  cupp::cuda::Graph graph = stream.end_capture();
  graph.launch();
  const std::vector<double> got = big.get();
  ASSERT_EQ(got.size(), static_cast<std::size_t>(n));
  for (double v : got) ASSERT_EQ(v, 1.0);
}

}  // namespace
