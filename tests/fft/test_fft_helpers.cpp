// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// fftfreq, rfftfreq, fftshift and ifftshift on the GPU; the plan cache (no new plan for a shape
// seen before, clear, the size and memory limits); transforms on a stream of their own and
// from several threads at once; and the examples of docs/fft.md.
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "cupp/array.hpp"
#include "cupp/fft.hpp"
#include "fft_reference.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::shape_t;
using cupp::slice;
using namespace cupp::test::fft_ref;
namespace fft = cupp::fft;

class FftHelpers : public cupp::test::GpuTest {};

TEST_F(FftHelpers, Frequencies) {
  const std::vector<double> f = fft::fftfreq(5, 0.3).get();
  const double v = 1.0 / (5 * 0.3);
  EXPECT_EQ(f, (std::vector<double>{0.0, v, 2 * v, -2 * v, -v}));
  const std::vector<float> r = fft::rfftfreq<float>(8, 0.5).get();
  EXPECT_EQ(r, (std::vector<float>{0.0f, 0.25f, 0.5f, 0.75f, 1.0f}));
  EXPECT_EQ(fft::rfftfreq(-3).size(), 0);
  EXPECT_THROW(fft::fftfreq(0), cupp::value_error);
}

/// numpy.roll on the host, by shift[i] along axis[i].
template <class T>
std::vector<T> host_roll(const std::vector<T>& v, const shape_t& shape,
                         const std::vector<std::int64_t>& shifts,
                         const std::vector<std::int64_t>& axes) {
  std::vector<T> out = v;
  for (std::size_t a = 0; a < axes.size(); ++a) {
    const auto ax = static_cast<std::size_t>(norm_axis(axes[a], shape.size()));
    std::int64_t inner = 1;
    for (std::size_t i = ax + 1; i < shape.size(); ++i) inner *= shape[i];
    const std::int64_t len = shape[ax];
    std::vector<T> next = out;
    for (std::size_t i = 0; i < out.size(); ++i) {
      const std::int64_t k = (static_cast<std::int64_t>(i) / inner) % len;
      const std::int64_t to = (((k + shifts[a]) % len) + len) % len;
      next[i + static_cast<std::size_t>((to - k) * inner)] = out[i];
    }
    out = next;
  }
  return out;
}

template <class T>
void check_shift(const cupp::ndarray<T>& a, const cupp::axis_arg& axes) {
  std::vector<std::int64_t> ax;
  if (axes.all()) {
    for (std::int64_t i = 0; i < a.ndim(); ++i) ax.push_back(i);
  } else {
    ax = axes.axes();
  }
  std::vector<std::int64_t> fwd, inv;
  for (const auto x : ax) {
    fwd.push_back(a.shape(x) / 2);
    inv.push_back(-(a.shape(x) / 2));
  }
  const std::vector<T> h = a.get();
  EXPECT_EQ(fft::fftshift(a, axes).get(), host_roll(h, a.shape(), fwd, ax));
  EXPECT_EQ(fft::ifftshift(a, axes).get(), host_roll(h, a.shape(), inv, ax));
  EXPECT_EQ(fft::ifftshift(fft::fftshift(a, axes), axes).get(), h);
}

TEST_F(FftHelpers, Shifts) {
  // np.fft.fftshift(np.arange(10).reshape(2, 5), axes=1) == [[3 4 0 1 2] [8 9 5 6 7]]
  const auto m = cupp::asarray<std::int64_t>({{0, 1, 2, 3, 4}, {5, 6, 7, 8, 9}});
  EXPECT_EQ(fft::fftshift(m, 1).get(), (std::vector<std::int64_t>{3, 4, 0, 1, 2, 8, 9, 5, 6, 7}));
  EXPECT_EQ(fft::ifftshift(cupp::asarray<std::int64_t>({0, 1, 2, 3, 4})).get(),
            (std::vector<std::int64_t>{2, 3, 4, 0, 1}));
  for (const shape_t& s : {shape_t{5}, shape_t{4}, shape_t{1}, shape_t{3, 4}, shape_t{2, 3, 5}}) {
    const auto a = random_array<std::int32_t>(s, 1);
    check_shift(a, {});
    check_shift(a, -1);
    check_shift(a.T(), 0);
  }
  const auto c = random_array<std::complex<float>>({4, 3, 6}, 2);
  check_shift(c, {0, 2});
  check_shift(c, {-1, 0});
  check_shift(c(slice(), slice(std::nullopt, std::nullopt, -1)), {1, 2});
  check_shift(random_array<bool>({7, 2}, 3), {});
  check_shift(random_array<double>({5}, 4), {0, 0});  // rolled twice, as NumPy
  check_shift(cupp::broadcast_to(random_array<float>({5}, 5), {3, 5}), {});
  EXPECT_EQ(fft::fftshift(cupp::ndarray<float>(shape_t{0, 3})).shape(), (shape_t{0, 3}));
  EXPECT_THROW(fft::fftshift(m, 2), cupp::axis_error);
}

TEST_F(FftHelpers, PlanCacheReusesEvictsAndClears) {
  auto& cache = fft::plan_cache();
  const std::size_t size = cache.get_size(), memsize = cache.get_memsize();
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
  const auto a = random_array<std::complex<float>>({4, 32}, 1);
  (void)fft::fft(a);
  EXPECT_EQ(cache.size(), 1u);
  const std::size_t misses = cache.misses();
  (void)fft::fft(a);
  (void)fft::ifft(a);  // the same plan: only the direction differs
  (void)fft::fft(random_array<std::complex<float>>({4, 32}, 2));
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.misses(), misses);
  (void)fft::fft(a, 64);  // another length: another plan
  (void)fft::fft(a, std::nullopt, 0);
  EXPECT_EQ(cache.size(), 3u);
  // The size limit drops the least recently used plans.
  cache.set_size(2);
  EXPECT_EQ(cache.size(), 2u);
  (void)fft::fft(random_array<double>({40}, 3));
  EXPECT_EQ(cache.size(), 2u);
  // A byte limit: the cached plans' work areas stay within it.
  cache.set_size(16);
  (void)fft::fft2(random_array<std::complex<float>>({256, 256}, 4));
  cache.set_memsize(1);
  EXPECT_LE(cache.memsize(), 1u);
  // Size 0: no cache, and the transforms still work.
  cache.set_size(0);
  EXPECT_EQ(cache.size(), 0u);
  const auto x = random_array<std::complex<double>>({12}, 5);
  expect_close(fft::fft(x), ref_fft(to_host(x), 12, -1, "backward", false), 12, eps_of<double>());
  cache.set_size(size);
  cache.set_memsize(memsize);
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.memsize(), 0u);
}

TEST_F(FftHelpers, RunsOnTheCurrentStream) {
  cupp::cuda::Stream s(true);
  const auto x = random_array<std::complex<float>>({8, 1000}, 1);
  cupp::ndarray<std::complex<float>> y;
  {
    cupp::cuda::StreamGuard guard(s);
    y = fft::ifft(fft::fft(x), std::nullopt, -1);
  }
  s.synchronize();
  expect_close(y, to_host(x), 1000, eps_of<float>());
}

TEST_F(FftHelpers, ManyThreadsShareThePlans) {
  const auto x = random_array<std::complex<double>>({16, 96}, 1);
  const harr ref = ref_fft(to_host(x), 96, -1, "ortho", false);
  std::vector<std::thread> threads;
  std::vector<int> ok(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      cupp::cuda::Stream s(true);
      cupp::cuda::StreamGuard guard(s);
      bool good = true;
      for (int i = 0; i < 20; ++i) {
        const harr got = to_host(fft::fft(x, std::nullopt, -1, "ortho"));
        for (std::size_t k = 0; k < got.v.size(); ++k)
          if (std::abs(got.v[k] - ref.v[k]) > 1e-12) good = false;
      }
      ok[static_cast<std::size_t>(t)] = good ? 1 : 0;
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 8; ++t) EXPECT_EQ(ok[static_cast<std::size_t>(t)], 1) << "thread " << t;
}

TEST_F(FftHelpers, DocExamples) {
  // example-begin fft
  auto x = cupp::asarray<double>({1.0, 2.0, 1.0, -1.0, 1.5});
  cupp::ndarray<std::complex<double>> X = cupp::fft::fft(x);  // 5 points, complex128
  auto y = cupp::fft::ifft(X);                                // x again, as complex
  // example-end
  expect_close(y, to_host(x), 5, eps_of<double>());

  // example-begin fft_axes
  auto img = cupp::random::rand<float>({64, 128});
  auto F = cupp::fft::fft2(img);                              // complex64, over both axes
  auto cols = cupp::fft::fft(img, std::nullopt, 0);           // each column, no copy
  auto padded = cupp::fft::fftn(img, {128, 256}, {0, 1}, "ortho");  // zero-padded
  // example-end
  EXPECT_EQ(F.shape(), (shape_t{64, 128}));
  EXPECT_EQ(cols.shape(), (shape_t{64, 128}));
  EXPECT_EQ(padded.shape(), (shape_t{128, 256}));

  // example-begin rfft
  auto signal = cupp::random::rand<float>({1000});
  auto spectrum = cupp::fft::rfft(signal);                    // 501 points, complex64
  auto back = cupp::fft::irfft(spectrum, 1000);               // float32, 1000 points
  // example-end
  EXPECT_EQ(spectrum.shape(), (shape_t{501}));
  expect_close(back, to_host(signal), 1000, eps_of<float>());

  // example-begin fftshift
  auto freq = cupp::fft::fftshift(cupp::fft::fftfreq(8, 0.1));  // [-5, -3.75, ..., 3.75]
  auto centred = cupp::fft::fftshift(cupp::fft::fft(x));        // zero frequency in the middle
  // example-end
  EXPECT_EQ(freq.get().front(), -5.0);
  EXPECT_EQ(centred.shape(), (shape_t{5}));

  // example-begin plan_cache
  auto& cache = cupp::fft::plan_cache();
  cache.set_size(32);                  // keep up to 32 plans (default 16)
  cache.set_memsize(std::size_t{1} << 30);  // and at most 1 GiB of work areas
  std::size_t plans = cache.size();    // plans cached now
  cache.clear();
  // example-end
  EXPECT_GE(plans, 1u);
  cache.set_size(16);
  cache.set_memsize(0);
}

}  // namespace
