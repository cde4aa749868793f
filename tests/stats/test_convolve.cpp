// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::convolve and cupp::correlate (numpy.convolve, numpy.correlate): NumPy's errors and the
// kernel's compilation on the host; on the device, every mode against a host loop of NumPy's
// definition (in the common dtype, integer sums wrapping as NumPy's), lengths in both orders,
// strided and 0-d inputs, and a few results printed by NumPy itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/jit/compiler.hpp"
#include "cupp/routines/convolve.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::dtype;
using cupp::detail::array_desc;

array_desc unread(cupp::shape_t shape) {
  array_desc d;
  d.shape = shape;
  d.strides = cupp::c_strides(shape);
  d.dt = dtype::float64;
  return d;
}

TEST(ConvolveHost, ErrorsAsNumPy) {
  using cupp::value_error;
  using cupp::test::throws_exactly;
  const auto corr = [](cupp::shape_t a, cupp::shape_t v, const std::string& mode) {
    return [=] { cupp::detail::correlate_1d(unread(a), unread(v), mode, false); };
  };
  const auto conv = [](cupp::shape_t a, cupp::shape_t v, const std::string& mode) {
    return [=] { cupp::detail::correlate_1d(unread(a), unread(v), mode, true); };
  };
  EXPECT_TRUE(throws_exactly<value_error>(
      corr({3}, {2}, "bad"), "mode must be one of 'valid', 'same', or 'full' (got 'bad')"));
  EXPECT_TRUE(throws_exactly<value_error>(corr({}, {2}, "valid"),
                                          "object of too small depth for desired array"));
  EXPECT_TRUE(
      throws_exactly<value_error>(corr({2, 2}, {2}, "valid"), "object too deep for desired array"));
  EXPECT_TRUE(
      throws_exactly<value_error>(corr({0}, {2}, "valid"), "first array argument cannot be empty"));
  EXPECT_TRUE(throws_exactly<value_error>(corr({3}, {0}, "valid"),
                                          "second array argument cannot be empty"));
  // numpy.convolve checks emptiness (the longer array is `a`) before the mode.
  EXPECT_TRUE(throws_exactly<value_error>(conv({0}, {0}, "bad"), "a cannot be empty"));
  EXPECT_TRUE(throws_exactly<value_error>(conv({0}, {3}, "full"), "v cannot be empty"));
  EXPECT_TRUE(throws_exactly<value_error>(
      conv({3}, {2}, "bad"), "mode must be one of 'valid', 'same', or 'full' (got 'bad')"));
  EXPECT_TRUE(
      throws_exactly<value_error>(conv({2, 2}, {2}, "full"), "object too deep for desired array"));
}

TEST(ConvolveHost, KernelCompilesForSm90) {
  cupp::jit::compiler c("");
  for (const dtype dt :
       {dtype::bool_, dtype::int8, dtype::uint8, dtype::int32, dtype::uint64, dtype::float16,
        dtype::bfloat16, dtype::float32, dtype::float64, dtype::complex64, dtype::complex128}) {
    SCOPED_TRACE(cupp::dtype_name(dt));
    std::shared_ptr<const cupp::jit::compiled_module> m;
    EXPECT_NO_THROW(m = c.compile(cupp::detail::convolve_kernel_source(dt), {}, {}, 90));
    if (m) {
      EXPECT_NE(m->image.find(std::string("cupp_convolve_") + cupp::dtype_name(dt)),
                std::string::npos);
    }
  }
}

// ---- on the device ----------------------------------------------------------------------------

class Convolve : public cupp::test::GpuTest {};

/// NumPy's definitions on the host: the full correlation sum_j a[j] conj(v[j - k + m - 1]) or
/// convolution sum_j a[j] v[k - j], then the mode's window (first element and length).
template <class S>
std::vector<S> host_reference(const std::vector<S>& a, const std::vector<S>& v,
                              const std::string& mode, bool convolve) {
  const auto n = static_cast<long long>(a.size()), m = static_cast<long long>(v.size());
  const auto conj = [](S x) {
    if constexpr (std::is_same_v<S, std::complex<double>>)
      return std::conj(x);
    else
      return x;
  };
  std::vector<S> full;
  for (long long k = 0; k < n + m - 1; ++k) {
    S acc = S(0);
    for (long long j = std::max(0LL, k - m + 1); j <= std::min(n - 1, k); ++j)
      acc += a[static_cast<std::size_t>(j)] *
             (convolve ? v[static_cast<std::size_t>(k - j)]
                       : conj(v[static_cast<std::size_t>(j - k + m - 1)]));
    full.push_back(acc);
  }
  const long long s = std::min(n, m), l = std::max(n, m);
  long long first = 0, length = n + m - 1;
  if (mode == "valid") {
    first = s - 1;
    length = l - s + 1;
  } else if (mode == "same") {
    first = convolve || n >= m ? (s - 1) / 2 : s / 2;
    length = l;
  }
  return std::vector<S>(full.begin() + first, full.begin() + first + length);
}

TEST_F(Convolve, EveryModeAgainstTheDefinition) {
  for (const auto& [n, m] : std::vector<std::pair<int, int>>{
           {5, 3}, {5, 4}, {3, 5}, {4, 5}, {6, 6}, {1, 4}, {4, 1}, {2, 7}, {1, 1}, {1000, 37}}) {
    std::vector<double> a, v;
    for (int i = 0; i < n; ++i) a.push_back((i * 7 % 11) - 5.0);
    for (int i = 0; i < m; ++i) v.push_back((i * 5 % 7) - 3.0);
    const auto da = cupp::asarray(a), dv = cupp::asarray(v);
    const auto ia = da.astype<std::int32_t>(), iv = dv.astype<std::int32_t>();
    for (const std::string mode : {"full", "same", "valid"}) {
      SCOPED_TRACE(std::to_string(n) + "x" + std::to_string(m) + " " + mode);
      for (const bool conv : {false, true}) {
        const std::vector<double> want = host_reference(a, v, mode, conv);
        const auto got = conv ? cupp::convolve(da, dv, mode) : cupp::correlate(da, dv, mode);
        EXPECT_EQ(got.get(), want);  // small integers: exact in double
        const auto goti = conv ? cupp::convolve(ia, iv, mode) : cupp::correlate(ia, iv, mode);
        std::vector<double> gi;
        for (std::int32_t x : goti.get()) gi.push_back(x);
        EXPECT_EQ(gi, want);
      }
    }
  }
}

TEST_F(Convolve, Example) {
  // example-begin convolve
  const cupp::ndarray<float> a = cupp::asarray(std::vector<float>{1, 2, 3});
  const cupp::ndarray<float> v = cupp::asarray(std::vector<float>{0, 1, 0.5f});
  cupp::ndarray<float> full = cupp::convolve(a, v);          // [0, 1, 2.5, 4, 1.5]
  cupp::ndarray<float> same = cupp::convolve(a, v, "same");  // [1, 2.5, 4]
  cupp::ndarray<float> valid = cupp::correlate(a, v);        // [3.5]
  // example-end
  EXPECT_EQ(full.get(), (std::vector<float>{0, 1, 2.5f, 4, 1.5f}));
  EXPECT_EQ(same.get(), (std::vector<float>{1, 2.5f, 4}));
  EXPECT_EQ(valid.get(), (std::vector<float>{3.5f}));
}

TEST_F(Convolve, DtypesLayoutsAndNumPysResults) {
  // np.correlate(np.array([1+2j, 3]), np.array([1j, 2]), 'full') is [2+4j, 8-1j, -3j].
  using c128 = std::complex<double>;
  const auto za = cupp::asarray(std::vector<c128>{{1, 2}, {3, 0}});
  const auto zv = cupp::asarray(std::vector<c128>{{0, 1}, {2, 0}});
  EXPECT_EQ(cupp::correlate(za, zv, "full").get(), (std::vector<c128>{{2, 4}, {8, -1}, {0, -3}}));
  // ... and with the arguments swapped [3j, 8+1j, 2-4j].
  EXPECT_EQ(cupp::correlate(zv, za, "full").get(), (std::vector<c128>{{0, 3}, {8, 1}, {2, -4}}));
  // np.convolve([True, False], [True, True]) is [True, True, False].
  const auto ba = cupp::asarray(std::vector<bool>{true, false});
  const auto bv = cupp::asarray(std::vector<bool>{true, true});
  EXPECT_EQ(cupp::convolve(ba, bv).get(), (std::vector<bool>{true, true, false}));
  // uint8 sums wrap: np.correlate(np.uint8([200, 100]), np.uint8([2, 3]), 'full') is
  // [88, 188, 200] (600 -> 88, 700 -> 188).
  const auto u8a = cupp::asarray(std::vector<std::uint8_t>{200, 100});
  const auto u8v = cupp::asarray(std::vector<std::uint8_t>{2, 3});
  EXPECT_EQ(cupp::correlate(u8a, u8v, "full").get(), (std::vector<std::uint8_t>{88, 188, 200}));
  // Mixed dtypes: int8 with uint8 computes in int16.
  const cupp::ndarray<std::int16_t> mixed =
      cupp::correlate(cupp::asarray(std::vector<std::int8_t>{-1, 2}), u8v);
  EXPECT_EQ(mixed.get(), (std::vector<std::int16_t>{4}));
  // A reversed, strided view and a 0-d array (numpy.convolve reads it as length 1).
  std::vector<float> base;
  for (int i = 0; i < 20; ++i) base.push_back(static_cast<float>(i % 5) - 2.0f);
  const auto big = cupp::asarray(base);
  const auto view = big(cupp::slice(std::nullopt, std::nullopt, -3));  // 7 elements
  std::vector<double> vh;
  for (int i = 19; i >= 0; i -= 3) vh.push_back(base[static_cast<std::size_t>(i)]);
  const std::vector<double> k = {0.5, -1.0, 2.0};
  const std::vector<double> want = host_reference(vh, k, "same", false);
  const auto got =
      cupp::correlate(view, cupp::asarray(std::vector<float>{0.5f, -1.0f, 2.0f}), "same");
  std::vector<double> gd;
  for (float x : got.get()) gd.push_back(x);
  EXPECT_EQ(gd, want);
  const cupp::ndarray<double> scalar = cupp::asarray(std::vector<double>{3.0}).reshape({});
  EXPECT_EQ(cupp::convolve(scalar, cupp::asarray(std::vector<double>{1.0, 2.0})).get(),
            (std::vector<double>{3.0, 6.0}));
}

TEST(ConvolveHost, FftOnlyForLongInexactInputs) {
  EXPECT_TRUE(cupp::detail::convolve_by_fft(dtype::float32, 5000, 1000));
  EXPECT_TRUE(cupp::detail::convolve_by_fft(dtype::complex128, 1000, 5000));
  EXPECT_FALSE(cupp::detail::convolve_by_fft(dtype::float32, 1 << 20, 64));  // short kernel
  EXPECT_FALSE(cupp::detail::convolve_by_fft(dtype::float64, 1000, 1000));   // 2^20 products
  EXPECT_FALSE(cupp::detail::convolve_by_fft(dtype::int32, 5000, 1000));     // exact integers
  EXPECT_FALSE(cupp::detail::convolve_by_fft(dtype::float16, 5000, 1000));
}

TEST_F(Convolve, LongInputsByFftAgainstTheDefinition) {
  // 5000 x 1000: the FFT path (Note [Convolution by FFT]); within the FFT's error of the
  // definition, relative to the largest magnitude.
  std::vector<double> a, v;
  for (int i = 0; i < 5000; ++i) a.push_back(std::sin(0.01 * i) + (i % 7) * 0.25);
  for (int i = 0; i < 1000; ++i) v.push_back(std::cos(0.03 * i) - (i % 5) * 0.1);
  for (const std::string mode : {"full", "same", "valid"}) {
    for (const bool conv : {false, true}) {
      SCOPED_TRACE(mode + (conv ? " convolve" : " correlate"));
      for (const bool swap : {false, true}) {
        const std::vector<double>& x = swap ? v : a;
        const std::vector<double>& y = swap ? a : v;
        const std::vector<double> want = host_reference(x, y, mode, conv);
        double scale = 0;
        for (double w : want) scale = std::max(scale, std::abs(w));
        const auto got = conv ? cupp::convolve(cupp::asarray(x), cupp::asarray(y), mode)
                              : cupp::correlate(cupp::asarray(x), cupp::asarray(y), mode);
        const std::vector<double> g = got.get();
        ASSERT_EQ(g.size(), want.size());
        for (std::size_t i = 0; i < g.size(); ++i) EXPECT_NEAR(g[i], want[i], 1e-11 * scale) << i;
        const auto gotf = conv ? cupp::convolve(cupp::asarray(x).astype<float>(),
                                                cupp::asarray(y).astype<float>(), mode)
                               : cupp::correlate(cupp::asarray(x).astype<float>(),
                                                 cupp::asarray(y).astype<float>(), mode);
        const std::vector<float> gf = gotf.get();
        for (std::size_t i = 0; i < gf.size(); ++i) EXPECT_NEAR(gf[i], want[i], 2e-5 * scale) << i;
      }
    }
  }
  // Complex: the second array conjugated by correlate.
  using c128 = std::complex<double>;
  std::vector<c128> za, zv;
  for (int i = 0; i < 3000; ++i) za.push_back({std::sin(0.02 * i), std::cos(0.05 * i)});
  for (int i = 0; i < 2000; ++i) zv.push_back({(i % 3) - 1.0, std::sin(0.1 * i)});
  for (const bool conv : {false, true}) {
    const std::vector<c128> want = host_reference(za, zv, "same", conv);
    double scale = 0;
    for (const c128& w : want) scale = std::max(scale, std::abs(w));
    const auto got = conv ? cupp::convolve(cupp::asarray(za), cupp::asarray(zv), "same")
                          : cupp::correlate(cupp::asarray(za), cupp::asarray(zv), "same");
    const std::vector<c128> g = got.get();
    ASSERT_EQ(g.size(), want.size());
    for (std::size_t i = 0; i < g.size(); ++i) EXPECT_LE(std::abs(g[i] - want[i]), 1e-11 * scale);
  }
}

}  // namespace
