// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// rfft, irfft, rfft2, irfft2, rfftn, irfftn, hfft and ihfft on the GPU against the host DFT:
// odd and even n, truncating and padding, every norm, halved axes that are not the last (or not
// the fastest in memory), views, integer and float16 input, and the input of irfft left
// untouched although cuFFT's C2R overwrites what it reads.
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
class RfftTyped : public cupp::test::GpuTest {};
using RealDtypes = ::testing::Types<float, double>;
TYPED_TEST_SUITE(RfftTyped, RealDtypes);

/// A half spectrum of m points along `axis` that irfft of `n` points reads as NumPy does: the
/// imaginary parts of the zero-frequency and (even n) Nyquist terms, which NumPy ignores, are 0,
/// so that a C2R transform has nothing to disagree about.
template <class C>
cupp::ndarray<C> half_spectrum(shape_t shape, std::int64_t axis, std::int64_t n, unsigned seed) {
  std::vector<C> v = random_values<C>(numel(shape), seed);
  const auto ax = static_cast<std::size_t>(norm_axis(axis, shape.size()));
  std::int64_t inner = 1;
  for (std::size_t i = ax + 1; i < shape.size(); ++i) inner *= shape[i];
  const std::int64_t len = shape[ax];
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::int64_t k = (static_cast<std::int64_t>(i) / inner) % len;
    if (k == 0 || (n % 2 == 0 && k == n / 2)) v[i] = C(v[i].real(), 0);
  }
  return cupp::asarray<C>(v, shape);
}

TYPED_TEST(RfftTyped, RfftLengthsAndNorms) {
  using T = TypeParam;
  using C = std::complex<T>;
  for (const std::int64_t n : {1, 2, 3, 8, 15, 16, 97, 1000}) {
    const auto x = random_array<T>({3, n}, static_cast<unsigned>(n));
    for (const auto& norm : kNorms) {
      SCOPED_TRACE("n = " + std::to_string(n) + ", norm = " + norm);
      const cupp::ndarray<C> got = fft::rfft(x, std::nullopt, -1, norm);
      expect_close(got, ref_rfft(to_host(x), n, -1, norm), n, eps_of<T>());
    }
  }
  const auto x = random_array<T>({6, 10}, 1);
  for (const std::int64_t n : {4, 7, 10, 13, 16}) {
    const cupp::ndarray<C> got = fft::rfft(x, n, 1, "backward");
    expect_close(got, ref_rfft(to_host(x), n, 1, "backward"), n, eps_of<T>());
    const cupp::ndarray<C> got0 = fft::rfft(x, n, 0, "ortho");  // the halved axis is axis 0
    expect_close(got0, ref_rfft(to_host(x), n, 0, "ortho"), n, eps_of<T>());
  }
}

TYPED_TEST(RfftTyped, IrfftOddAndEven) {
  using T = TypeParam;
  using C = std::complex<T>;
  const std::int64_t m = 9;
  for (const std::int64_t n : {16, 17, 8, 5, 30, 1, 2}) {  // default, odd, truncating, padding
    const auto a = half_spectrum<C>({4, m}, -1, n, static_cast<unsigned>(n));
    for (const auto& norm : kNorms) {
      SCOPED_TRACE("n = " + std::to_string(n) + ", norm = " + norm);
      const cupp::ndarray<T> got = fft::irfft(a, n, -1, norm);
      expect_close(got, ref_irfft(to_host(a), n, -1, norm), n, eps_of<T>());
    }
  }
  // The default n = 2 * (m - 1), over axis 0.
  const auto a = half_spectrum<C>({m, 3}, 0, 16, 1);
  const cupp::ndarray<T> got = fft::irfft(a, std::nullopt, 0);
  EXPECT_EQ(got.shape(), (shape_t{16, 3}));
  expect_close(got, ref_irfft(to_host(a), 16, 0, "backward"), 16, eps_of<T>());
  // The input is untouched (C2R overwrites its input: cupp transforms a copy).
  const auto before = a.get();
  (void)fft::irfft(a, std::nullopt, 0);
  EXPECT_EQ(a.get(), before);
}

TYPED_TEST(RfftTyped, IrfftOfViewsAndRealInput) {
  using T = TypeParam;
  using C = std::complex<T>;
  const auto a = half_spectrum<C>({6, 9}, 0, 10, 2);
  const cupp::ndarray<T> t = fft::irfft(a.T(), 10);  // the transposed half spectrum, axis -1
  expect_close(t, ref_irfft(to_host(a.T()), 10, -1, "backward"), 10, eps_of<T>());
  const auto wide = half_spectrum<C>({4, 20}, -1, 18, 3);
  const auto strided = wide(slice(), slice(std::nullopt, std::nullopt, 2));
  // Imaginary parts at k = 0 of the view: column 0 of `wide`, which is real.
  const cupp::ndarray<T> s = fft::irfft(strided, 17);
  expect_close(s, ref_irfft(to_host(strided), 17, -1, "backward"), 17, eps_of<T>());
  // Imaginary zero-frequency and Nyquist terms are ignored, as NumPy ignores them.
  const auto g = random_array<C>({3, 9}, 5);
  expect_close(fft::irfft(g), ref_irfft(to_host(g), 16, -1, "backward"), 16, eps_of<T>());
  expect_close(fft::irfft(g, 17, -1, "ortho"), ref_irfft(to_host(g), 17, -1, "ortho"), 17,
               eps_of<T>());
  expect_close(fft::hfft(g, 16), ref_irfft(ref_conj(to_host(g)), 16, -1, "forward"), 16,
               eps_of<T>());
  // A real array is taken as complex, as NumPy does.
  const auto r = random_array<T>({5, 7}, 4);
  const cupp::ndarray<T> fromreal = fft::irfft(r);
  expect_close(fromreal, ref_irfft(to_host(r), 12, -1, "backward"), 12, eps_of<T>());
}

TYPED_TEST(RfftTyped, NdRealTransforms) {
  using T = TypeParam;
  using C = std::complex<T>;
  const auto x = random_array<T>({4, 6, 10}, 5);
  const harr hx = to_host(x);
  struct cas {
    std::vector<std::int64_t> axes;
    shape_t s;
  };
  // Halved axis last in memory, first in memory (a copy), in the middle; lengths padded and cut.
  const std::vector<cas> cases = {{{0, 1, 2}, {4, 6, 10}}, {{2, 0}, {10, 4}},  {{0, 2}, {4, 10}},
                                  {{2, 1}, {10, 6}},       {{1}, {6}},         {{0, 1, 2}, {3, 8, 7}},
                                  {{1, 0}, {5, 9}}};
  for (const auto& c : cases) {
    for (const auto& norm : kNorms) {
      SCOPED_TRACE(norm);
      // NumPy's rfftn: rfft over the last axis, then fft over the others from the last.
      harr ref = ref_rfft(hx, c.s.back(), c.axes.back(), norm);
      for (std::size_t i = c.axes.size() - 1; i-- > 0;) ref = ref_fft(ref, c.s[i], c.axes[i], norm, false);
      std::int64_t points = 1;
      for (auto v : c.s) points *= v;
      const cupp::ndarray<C> got = fft::rfftn(x, c.s, c.axes, norm);
      expect_close(got, ref, points, eps_of<T>());
      // irfftn of that spectrum gives the (cut or padded) signal back; checked against NumPy's
      // irfftn (ifft over all but the last axis, irfft over the last).
      harr iref = to_host(got);
      for (std::size_t i = 0; i + 1 < c.axes.size(); ++i) iref = ref_fft(iref, c.s[i], c.axes[i], norm, true);
      iref = ref_irfft(iref, c.s.back(), c.axes.back(), norm);
      const cupp::ndarray<T> back = fft::irfftn(got, c.s, c.axes, norm);
      expect_close(back, iref, points, eps_of<T>());
    }
  }
  // rfft2/irfft2 default to the last two axes; the round trip.
  const cupp::ndarray<T> rt = fft::irfft2(fft::rfft2(x), {6, 10});
  expect_close(rt, hx, 60, eps_of<T>());
  // Four axes: split into passes.
  const auto y = random_array<T>({3, 4, 2, 6}, 6);
  const cupp::ndarray<T> rt4 = fft::irfftn(fft::rfftn(y), {3, 4, 2, 6});
  expect_close(rt4, to_host(y), 144, eps_of<T>());
  harr ref4 = ref_rfft(to_host(y), 6, 3, "backward");
  for (std::int64_t ax = 2; ax >= 0; --ax) ref4 = ref_fft(ref4, y.shape(ax), ax, "backward", false);
  expect_close(fft::rfftn(y), ref4, 144, eps_of<T>());
}

TYPED_TEST(RfftTyped, HermitianTransforms) {
  using T = TypeParam;
  using C = std::complex<T>;
  for (const std::int64_t n : {8, 9, 1, 2}) {
    const auto a = half_spectrum<C>({3, 5}, -1, n, static_cast<unsigned>(n));
    for (const auto& norm : kNorms) {
      SCOPED_TRACE("n = " + std::to_string(n) + ", norm = " + norm);
      // hfft(a, n) = irfft(conj(a), n) with the norm's direction swapped.
      const double count = static_cast<double>(n);
      const harr ref = scaled(ref_irfft(ref_conj(to_host(a)), n, -1, "backward"),
                              count * scale(norm, false, count));
      expect_close(fft::hfft(a, n, -1, norm), ref, n, eps_of<T>());
      // ihfft(x, n) = conj(rfft(x, n)) with the norm's direction swapped.
      const auto x = random_array<T>({3, n}, static_cast<unsigned>(n) + 100);
      const harr iref = scaled(ref_conj(ref_rfft(to_host(x), n, -1, "backward")), scale(norm, true, count));
      expect_close(fft::ihfft(x, n, -1, norm), iref, n, eps_of<T>());
    }
  }
  // hfft(ihfft(x)) == x.
  const auto x = random_array<T>({4, 14}, 7);
  const cupp::ndarray<C> spec = fft::ihfft(x);
  const cupp::ndarray<T> back = fft::hfft(spec, 14);
  expect_close(back, to_host(x), 14, eps_of<T>());
  // The input of hfft is untouched.
  const auto before = spec.get();
  (void)fft::hfft(spec, 14, -1, "ortho");
  EXPECT_EQ(spec.get(), before);
}

class RfftInputs : public cupp::test::GpuTest {};

TEST_F(RfftInputs, IntegerAndHalfInput) {
  const auto i = random_array<std::int32_t>({2, 11}, 1);
  const cupp::ndarray<std::complex<double>> ri = fft::rfft(i);
  expect_close(ri, ref_rfft(to_host(i), 11, -1, "backward"), 11, eps_of<double>());
  // float16: computed in float32 (complex64), irfft back to float16 as NumPy 2.
  const auto h = random_array<cupp::float16>({12}, 2);
  const cupp::ndarray<std::complex<float>> rh = fft::rfft(h);
  expect_close(rh, ref_rfft(to_host(h), 12, -1, "backward"), 12, eps_of<float>());
  const cupp::ndarray<float> back = fft::irfft(rh, 12);
  expect_close(back, to_host(h), 12, eps_of<float>());
  const cupp::ndarray<cupp::float16> hh = fft::irfft(h);  // a real float16 input taken as complex
  expect_close(hh, ref_irfft(to_host(h), 22, -1, "backward"), 22, eps_of<cupp::float16>(), 2.0);
  const cupp::ndarray<double> hb = fft::hfft(random_array<std::int8_t>({5}, 3));
  EXPECT_EQ(hb.shape(), (shape_t{8}));
}

TEST_F(RfftInputs, KnownValues) {
  // np.fft.rfft([1, 2, 3, 4]) == [10, -2+2j, -2]; np.fft.irfft([10, -2+2j, -2]) == [1, 2, 3, 4]
  const auto x = cupp::asarray<double>({1.0, 2.0, 3.0, 4.0});
  const std::vector<std::complex<double>> f = fft::rfft(x).get();
  ASSERT_EQ(f.size(), 3u);
  EXPECT_LT(std::abs(f[0] - std::complex<double>(10, 0)), 1e-14);
  EXPECT_LT(std::abs(f[1] - std::complex<double>(-2, 2)), 1e-14);
  EXPECT_LT(std::abs(f[2] - std::complex<double>(-2, 0)), 1e-14);
  const std::vector<double> b = fft::irfft(fft::rfft(x)).get();
  for (std::size_t i = 0; i < 4; ++i) EXPECT_NEAR(b[i], static_cast<double>(i + 1), 1e-14);
}

}  // namespace
