// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// fft, ifft, fft2, ifft2, fftn and ifftn on the GPU against a host O(n^2) DFT in complex<double>:
// every norm, odd, even, prime and unit lengths, n/s truncating and padding, axes last, first,
// middle, negative, all, unsorted and repeated, more than 3 axes, float, double, complex64,
// complex128, integer, bool and float16 input, transposed, sliced, reversed and broadcast
// views, the layouts cuFFT takes as they lie, the loop over batch axes and the copy, empty
// batches, and round trips.
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <optional>
#include <string>
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

template <class T>
class FftTyped : public cupp::test::GpuTest {};
using FftDtypes = ::testing::Types<float, double, std::complex<float>, std::complex<double>>;
TYPED_TEST_SUITE(FftTyped, FftDtypes);

/// numpy.fft.fft / ifft of `a` against the reference.
template <class T>
void check_1d(const cupp::ndarray<T>& a, std::optional<std::int64_t> n, std::int64_t axis,
              const std::string& norm, bool inverse) {
  using C = fft::detail::complex_t<T>;
  const cupp::ndarray<C> got = inverse ? fft::ifft(a, n, axis, norm) : fft::fft(a, n, axis, norm);
  const std::int64_t len = n ? *n : a.shape(axis);
  expect_close(got, ref_fft(to_host(a), len, axis, norm, inverse), len, eps_of<C>());
}

/// NumPy's fftn: 1-D transforms over `axes` from the last to the first.
inline harr ref_fftn(harr h, const std::vector<std::int64_t>& axes, const shape_t& s,
                     const std::string& norm, bool inverse) {
  for (std::size_t i = axes.size(); i-- > 0;) h = ref_fft(h, s[i], axes[i], norm, inverse);
  return h;
}

template <class T>
void check_nd(const cupp::ndarray<T>& a, const std::vector<std::int64_t>& axes,
              std::optional<shape_t> s, const std::string& norm, bool inverse) {
  using C = fft::detail::complex_t<T>;
  shape_t lengths;
  if (s) {
    lengths = *s;
  } else {
    for (auto ax : axes) lengths.push_back(a.shape(ax));
  }
  const fft::shape_arg sarg = s ? fft::shape_arg(*s) : fft::shape_arg();
  const cupp::ndarray<C> got =
      inverse ? fft::ifftn(a, sarg, axes, norm) : fft::fftn(a, sarg, axes, norm);
  std::int64_t points = 1;
  for (auto v : lengths) points *= v;
  expect_close(got, ref_fftn(to_host(a), axes, lengths, norm, inverse), points, eps_of<C>());
}

TYPED_TEST(FftTyped, OneDimensionalLengths) {
  using T = TypeParam;
  // Unit, even, odd, prime, powers of two and a length cuFFT factors as 2^3 5^3.
  for (const std::int64_t n : {1, 2, 3, 7, 8, 16, 17, 30, 64, 97, 128, 1000}) {
    const auto a = random_array<T>({n}, static_cast<unsigned>(n));
    for (const auto& norm : kNorms) {
      SCOPED_TRACE("n = " + std::to_string(n) + ", norm = " + norm);
      check_1d(a, std::nullopt, -1, norm, false);
      check_1d(a, std::nullopt, 0, norm, true);
    }
  }
}

TYPED_TEST(FftTyped, BatchedOverEachAxis) {
  using T = TypeParam;
  const auto a = random_array<T>({3, 5, 16}, 1);
  for (const std::int64_t axis : {-1, 0, 1, 2, -2, -3}) {
    SCOPED_TRACE("axis " + std::to_string(axis));
    check_1d(a, std::nullopt, axis, "backward", false);
    check_1d(a, std::nullopt, axis, "backward", true);
  }
  // fft over axis 0 of a C-contiguous matrix: one plan with istride = ncols, idist = 1.
  check_1d(random_array<T>({64, 48}, 2), std::nullopt, 0, "ortho", false);
}

TYPED_TEST(FftTyped, TruncateAndPad) {
  using T = TypeParam;
  const auto a = random_array<T>({5, 12}, 3);
  for (const auto& norm : kNorms) {
    check_1d(a, 20, 1, norm, false);  // zero-padded
    check_1d(a, 7, 1, norm, true);    // truncated
    check_1d(a, 9, 0, norm, false);
    check_1d(a, 2, 0, norm, true);
    check_1d(a, 1, -1, norm, false);
  }
  check_nd(a, {0, 1}, shape_t{8, 5}, "backward", false);
  check_nd(a, {1, 0}, shape_t{3, 16}, "ortho", true);
}

TYPED_TEST(FftTyped, AxisSets) {
  using T = TypeParam;
  const auto a = random_array<T>({4, 6, 10}, 4);
  for (const auto& norm : kNorms) {
    SCOPED_TRACE(norm);
    check_nd(a, {0, 1, 2}, std::nullopt, norm, false);
    check_nd(a, {0, 1, 2}, std::nullopt, norm, true);
    check_nd(a, {-1}, std::nullopt, norm, false);
    check_nd(a, {0}, std::nullopt, norm, true);
    check_nd(a, {1}, std::nullopt, norm, false);
    check_nd(a, {2, 0}, std::nullopt, norm, false);    // unsorted pair
    check_nd(a, {-1, -3}, std::nullopt, norm, true);   // negative
    check_nd(a, {1, 2}, std::nullopt, norm, false);
    check_nd(a, {2, 0, 1}, std::nullopt, norm, true);
  }
  // Repeated axes transform again (NumPy's loop), with their own lengths.
  check_nd(a, {0, 0}, shape_t{5, 7}, "backward", false);
  check_nd(a, {2, 1, 2}, shape_t{4, 3, 12}, "ortho", true);
  // fft2 and ifft2: the last two axes by default.
  using C = fft::detail::complex_t<T>;
  const cupp::ndarray<C> f2 = fft::fft2(a);
  expect_close(f2, ref_fftn(to_host(a), {1, 2}, {6, 10}, "backward", false), 60, eps_of<C>());
  const cupp::ndarray<C> i2 = fft::ifft2(a, {3, 8}, {0, 2}, "forward");
  expect_close(i2, ref_fftn(to_host(a), {0, 2}, {3, 8}, "forward", true), 24, eps_of<C>());
  // fftn with s and no axes: the last len(s) axes.
  const cupp::ndarray<C> fs = fft::fftn(a, {5, 9});
  expect_close(fs, ref_fftn(to_host(a), {1, 2}, {5, 9}, "backward", false), 45, eps_of<C>());
}

TYPED_TEST(FftTyped, MoreThanThreeAxes) {
  using T = TypeParam;
  const auto a = random_array<T>({3, 4, 5, 6}, 5);
  check_nd(a, {0, 1, 2, 3}, std::nullopt, "backward", false);
  check_nd(a, {0, 1, 2, 3}, std::nullopt, "ortho", true);
  check_nd(a, {3, 1, 0, 2}, shape_t{4, 4, 2, 7}, "forward", false);
  const auto b = random_array<T>({2, 3, 2, 3, 4}, 6);
  check_nd(b, {0, 1, 2, 3, 4}, std::nullopt, "backward", true);
}

TYPED_TEST(FftTyped, NonContiguousInputs) {
  using T = TypeParam;
  const auto a = random_array<T>({16, 32}, 7);
  const auto all = std::nullopt;
  // Sliced with a step: cuFFT reads it with istride 2.
  check_1d(a(slice(), slice(all, all, 2)), std::nullopt, -1, "backward", false);
  check_1d(a(slice(1, all, 3), slice()), std::nullopt, 0, "ortho", true);
  // Transposed.
  check_1d(a.T(), std::nullopt, -1, "backward", false);
  check_1d(a.T(), std::nullopt, 0, "backward", true);
  check_nd(a.T(), {0, 1}, std::nullopt, "backward", false);
  check_nd(a.T(), {1, 0}, shape_t{20, 10}, "ortho", true);
  // Reversed (negative strides): copied first.
  check_1d(a(slice(all, all, -1), slice(all, all, -1)), std::nullopt, 1, "backward", false);
  check_nd(a(slice(all, all, -2)), {0, 1}, std::nullopt, "backward", true);
  // Broadcast (stride 0).
  const auto row = random_array<T>({12}, 8);
  const auto b = cupp::broadcast_to(row, {5, 12});
  check_1d(b, std::nullopt, -1, "backward", false);
  check_1d(b, std::nullopt, 0, "backward", false);
  check_nd(b, {0, 1}, std::nullopt, "ortho", true);
  // A 3-D transposition and a view into the middle of an array.
  const auto c = random_array<T>({6, 5, 8}, 9);
  check_nd(c.transpose({2, 0, 1}), {0, 2}, std::nullopt, "backward", false);
  check_1d(c(slice(1, 5), 2, slice(1, 7)), std::nullopt, -1, "backward", true);
}

TYPED_TEST(FftTyped, BatchLayouts) {
  using T = TypeParam;
  // The middle axis of (4, 20, 6): the batch axes 0 and 2 do not merge; 4 calls of one plan.
  check_1d(random_array<T>({4, 20, 6}, 10), std::nullopt, 1, "backward", false);
  // Of (40, 20, 30): too many calls of small transforms, so a copy first.
  check_1d(random_array<T>({40, 20, 30}, 11), std::nullopt, 1, "ortho", true);
  // Two transformed axes around a batch axis: one plan with embedded strides.
  check_nd(random_array<T>({6, 3, 10}, 12), {0, 2}, std::nullopt, "backward", false);
  // Size-1 dimensions among the batch and transformed axes.
  check_nd(random_array<T>({1, 8, 1, 5}, 13), {1, 2, 3}, std::nullopt, "backward", true);
}

TYPED_TEST(FftTyped, EmptyBatches) {
  using T = TypeParam;
  using C = fft::detail::complex_t<T>;
  const cupp::ndarray<C> e = fft::fft(cupp::ndarray<T>(shape_t{0, 8}));
  EXPECT_EQ(e.shape(), (shape_t{0, 8}));
  const cupp::ndarray<C> p = fft::ifft(cupp::ndarray<T>(shape_t{4, 0}), 3, 0);
  EXPECT_EQ(p.shape(), (shape_t{3, 0}));
  const cupp::ndarray<C> z = fft::fft(cupp::ndarray<T>(shape_t{4, 0}), 3, 1);  // all padding
  EXPECT_EQ(z.shape(), (shape_t{4, 3}));
  for (const auto& v : z.get()) EXPECT_EQ(v, C{});
  EXPECT_EQ(fft::fftn(cupp::ndarray<T>(shape_t{2, 0, 3}), {}, {0, 2}).shape(), (shape_t{2, 0, 3}));
}

TYPED_TEST(FftTyped, RoundTrips) {
  using T = TypeParam;
  using C = fft::detail::complex_t<T>;
  for (const auto& norm : kNorms) {
    for (const std::int64_t n : {1, 5, 64, 1 << 20}) {
      const auto x = random_array<T>({n}, 14);
      const cupp::ndarray<C> back = fft::ifft(fft::fft(x, std::nullopt, -1, norm),
                                              std::nullopt, -1, norm);
      expect_close(back, to_host(x), n, eps_of<C>());
    }
    const auto m = random_array<T>({6, 10, 12}, 15);
    const cupp::ndarray<C> back = fft::ifftn(fft::fftn(m, {}, {}, norm), {}, {}, norm);
    expect_close(back, to_host(m), 720, eps_of<C>());
    const cupp::ndarray<C> back2 = fft::ifft2(fft::fft2(m, {}, {2, 0}, norm), {}, {2, 0}, norm);
    expect_close(back2, to_host(m), 72, eps_of<C>());
  }
}

TYPED_TEST(FftTyped, RepeatedCallsReuseOnePlan) {
  using T = TypeParam;
  const auto a = random_array<T>({8, 24}, 16);
  auto& cache = fft::plan_cache();
  (void)fft::fft(a);  // makes (or finds) the plan
  const std::size_t size = cache.size(), misses = cache.misses();
  for (int i = 0; i < 5; ++i) check_1d(a, std::nullopt, -1, "backward", false);
  EXPECT_EQ(cache.size(), size);
  EXPECT_EQ(cache.misses(), misses);
}

class FftInputs : public cupp::test::GpuTest {};

TEST_F(FftInputs, IntegerBoolAndHalfInput) {
  // Integers and bool compute in complex128, float16 in complex64 (NumPy 2).
  check_1d(random_array<std::int32_t>({4, 9}, 1), std::nullopt, -1, "backward", false);
  check_1d(random_array<std::uint8_t>({9}, 2), 12, 0, "ortho", true);
  check_1d(random_array<std::int64_t>({3, 7}, 3), std::nullopt, 0, "backward", false);
  check_1d(random_array<bool>({2, 16}, 4), std::nullopt, -1, "backward", false);
  check_nd(random_array<std::int16_t>({5, 6}, 5), {1, 0}, std::nullopt, "forward", true);
  check_1d(random_array<cupp::float16>({3, 10}, 6), std::nullopt, -1, "backward", false);
  check_1d(random_array<cupp::bfloat16>({10}, 7), std::nullopt, -1, "backward", true);
}

TEST_F(FftInputs, KnownValues) {
  // np.fft.fft([1, 2, 3, 4]) == [10, -2+2j, -2, -2-2j]
  const auto x = cupp::asarray<double>({1.0, 2.0, 3.0, 4.0});
  const std::vector<std::complex<double>> f = fft::fft(x).get();
  const std::vector<std::complex<double>> e = {{10, 0}, {-2, 2}, {-2, 0}, {-2, -2}};
  for (std::size_t i = 0; i < 4; ++i) EXPECT_LT(std::abs(f[i] - e[i]), 1e-14) << i;
  // The input is untouched (an out-of-place transform of the user's array).
  EXPECT_EQ(x.get(), (std::vector<double>{1, 2, 3, 4}));
  const auto z = cupp::asarray<std::complex<float>>({{1, 0}, {0, 1}, {-1, 0}, {0, -1}});
  const auto before = z.get();
  (void)fft::ifft(z);
  EXPECT_EQ(z.get(), before);
}

TEST_F(FftInputs, BadInputLeavesTheContextHealthy) {
  const auto a = random_array<float>({8}, 1);
  EXPECT_THROW(fft::fft(a, 0), cupp::value_error);
  EXPECT_THROW(fft::fft(a, std::nullopt, 3), cupp::axis_error);
  EXPECT_THROW(fft::ifft(a, std::nullopt, -1, "none"), cupp::value_error);
  EXPECT_THROW(fft::rfft(cupp::asarray<std::complex<float>>({{1, 0}})), cupp::type_error);
  check_1d(a, std::nullopt, -1, "backward", false);
}

}  // namespace
