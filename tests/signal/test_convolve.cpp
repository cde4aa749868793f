// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The convolutions of cupp::scipy::signal: SciPy's argument errors and its host rules
// (choose_conv_method's operation counts, correlation_lags, the windows of the direct modes) on
// descriptions without a GPU, the direct kernel compiled for sm_90, and the device results against
// SciPy's own (tests/signal/make_signal.py -> tests/data/signal/signal.npz).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/throws.hpp"
#include "cupp/jit/compiler.hpp"
#include "cupp/scipy/signal.hpp"
#include "signal/signal_reference.hpp"
#include "support/described.hpp"
#include "support/gpu.hpp"

namespace {

namespace sig = cupp::scipy::signal;
using cupp::dtype;
using cupp::detail::array_desc;

/// A description with no memory (tests/support/described.hpp) of dtype `dt`.
array_desc described(const cupp::shape_t& shape, dtype dt = dtype::float64) {
  return cupp::test::described(shape, dt);
}

// ---- SciPy's errors
// -------------------------------------------------------------------------------

TEST(SignalConvolve, ErrorsAsSciPy) {
  const array_desc a = described({3}), b = described({3}), m = described({3, 3});
  CUPP_EXPECT_THROW_MSG(sig::detail::convolve(a, m, "full", "auto", false), cupp::value_error,
                        "volume and kernel should have the same dimensionality");
  CUPP_EXPECT_THROW_MSG(sig::detail::convolve(a, m, "full", "auto", true), cupp::value_error,
                        "in1 and in2 should have the same dimensionality");
  CUPP_EXPECT_THROW_MSG(sig::detail::convolve(a, b, "x", "direct", false), cupp::value_error,
                        "Acceptable mode flags are 'valid', 'same', or 'full', not mode=x");
  CUPP_EXPECT_THROW_MSG(sig::detail::convolve(a, b, "x", "direct", true), cupp::value_error,
                        "Acceptable mode flags are 'valid', 'same', or 'full'.");
  CUPP_EXPECT_THROW_MSG(sig::detail::convolve(a, b, "full", "x", false), cupp::value_error,
                        "Acceptable method flags are 'auto', 'direct', or 'fft'.");
  CUPP_EXPECT_THROW_MSG(
      sig::detail::convolve(described({2, 3}), described({3, 2}), "valid", "direct", false),
      cupp::value_error,
      "For 'valid' mode, one must be at least as large as the other in every dimension");
  CUPP_EXPECT_THROW_MSG(sig::detail::convolve(described({0}), b, "full", "direct", false),
                        cupp::value_error, "a cannot be empty");
  CUPP_EXPECT_THROW_MSG(sig::detail::convolve(a, described({0}), "full", "direct", false),
                        cupp::value_error, "v cannot be empty");
  CUPP_EXPECT_THROW_MSG(sig::detail::convolve2d(a, b, "full", "fill", 0.0, false),
                        cupp::value_error, "convolve2d inputs must both be 2-D arrays");
  CUPP_EXPECT_THROW_MSG(sig::detail::convolve2d(m, m, "full", "x", 0.0, false), cupp::value_error,
                        "Acceptable boundary flags are 'fill', 'circular' (or 'wrap'), and "
                        "'symmetric' (or 'symm').");
  CUPP_EXPECT_THROW_MSG(sig::detail::convolve2d(m, m, "x", "fill", 0.0, true), cupp::value_error,
                        "Acceptable mode flags are 'valid', 'same', or 'full'.");
  CUPP_EXPECT_THROW_MSG(
      sig::detail::convolve2d(described({3, 3}, dtype::float16), described({3, 3}, dtype::float16),
                              "full", "fill", 0.0, false),
      cupp::value_error, "convolve2d not available for this type.");
  CUPP_EXPECT_THROW_MSG(
      sig::detail::convolve2d(described({3, 3}, dtype::bool_), described({3, 3}, dtype::bool_),
                              "full", "fill", 0.0, false),
      cupp::value_error, "convolve2d not available for this type.");
  CUPP_EXPECT_THROW_MSG(
      sig::detail::fftconvolve(m, m, "full", std::vector<std::int64_t>{}, dtype::float64),
      cupp::value_error, "when provided, axes cannot be empty");
  CUPP_EXPECT_THROW_MSG(sig::detail::fftconvolve(m, described({2, 2}), "full", 0, dtype::float64),
                        cupp::value_error,
                        "incompatible shapes for in1 and in2: (3, 3) and (2, 2)");
  CUPP_EXPECT_THROW_MSG(sig::detail::fftconvolve(a, m, "full", {}, dtype::float64),
                        cupp::value_error, "in1 and in2 should have the same dimensionality");
  CUPP_EXPECT_THROW_MSG(sig::detail::correlation_lags(3, 4, "x"), cupp::value_error,
                        "Mode x is invalid");
  CUPP_EXPECT_THROW_MSG(sig::detail::fftconv_faster({3}, {3}, "x"), cupp::value_error,
                        "Acceptable mode flags are 'valid', 'same', or 'full', not mode=x");
}

// ---- host rules
// -----------------------------------------------------------------------------------

// SciPy 1.17's _fftconv_faster for these shapes (printed by SciPy itself).
TEST(SignalConvolve, ChooseConvMethodRuleAsSciPy) {
  struct row {
    cupp::shape_t x, h;
    const char* mode;
    bool fft;
  };
  const std::vector<row> rows = {
      {{1000}, {100}, "full", false},     {{1000}, {10}, "full", false},
      {{100}, {1000}, "same", true},      {{1000}, {500}, "same", false},
      {{10}, {5}, "valid", false},        {{100000}, {1000}, "valid", true},
      {{512, 512}, {3, 3}, "same", true}, {{512, 512}, {32, 32}, "same", true},
      {{64, 64}, {64, 64}, "full", true}, {{256, 256}, {16, 16}, "valid", true},
      {{5000}, {5000}, "full", true},     {{30}, {30}, "same", false},
  };
  for (const row& r : rows) {
    SCOPED_TRACE(r.mode);
    EXPECT_EQ(sig::detail::fftconv_faster(r.x, r.h, r.mode), r.fft);
  }
  // Bool inputs are direct before any device value is read.
  EXPECT_EQ(sig::detail::choose_conv_method(described({100000}, dtype::bool_),
                                            described({1000}, dtype::bool_), "valid"),
            "direct");
  EXPECT_EQ(sig::detail::choose_conv_method(described({100000}), described({1000}), "valid"),
            "fft");
}

// scipy.signal.correlation_lags(a, b, mode), printed by SciPy.
TEST(SignalConvolve, CorrelationLagsAsSciPy) {
  using v = std::vector<std::int64_t>;
  EXPECT_EQ(sig::detail::correlation_lags(5, 3, "full"), (v{-2, -1, 0, 1, 2, 3, 4}));
  EXPECT_EQ(sig::detail::correlation_lags(5, 3, "same"), (v{-1, 0, 1, 2, 3}));
  EXPECT_EQ(sig::detail::correlation_lags(4, 3, "same"), (v{-1, 0, 1, 2}));
  EXPECT_EQ(sig::detail::correlation_lags(5, 3, "valid"), (v{0, 1, 2}));
  EXPECT_EQ(sig::detail::correlation_lags(3, 5, "valid"), (v{-2, -1, 0}));
  EXPECT_EQ(sig::detail::correlation_lags(4, 7, "same"), (v{-3, -2, -1, 0}));
  EXPECT_EQ(sig::detail::correlation_lags(1, 1, "full"), (v{0}));
  EXPECT_EQ(sig::detail::correlation_lags(6, 6, "same"), (v{-3, -2, -1, 0, 1, 2}));
}

// The windows of Note [Direct convolution]: SciPy's _centered for "same" and "valid", and
// correlate2d's "same" one element later for even kernels.
TEST(SignalConvolve, DirectWindows) {
  const auto w = sig::detail::direct_window({9, 11}, {4, 3}, "same", false);
  EXPECT_EQ(w.shape, (cupp::shape_t{9, 11}));
  EXPECT_EQ(w.start, (std::vector<std::int64_t>{1, 1}));
  const auto c = sig::detail::direct_window({9, 11}, {4, 3}, "same", true);
  EXPECT_EQ(c.start, (std::vector<std::int64_t>{2, 1}));
  const auto v = sig::detail::direct_window({3, 4}, {5, 6}, "valid", false);
  EXPECT_EQ(v.shape, (cupp::shape_t{3, 3}));
  EXPECT_EQ(v.start, (std::vector<std::int64_t>{2, 3}));
  const auto f = sig::detail::direct_window({7}, {3}, "full", false);
  EXPECT_EQ(f.shape, (cupp::shape_t{9}));
  EXPECT_EQ(f.start, (std::vector<std::int64_t>{0}));
}

TEST(SignalConvolve, KernelCompilesForSm90) {
  cupp::jit::compiler c("");
  const std::vector<std::pair<dtype, dtype>> variants = {
      {dtype::float32, dtype::float32},       {dtype::float32, dtype::float16},
      {dtype::float64, dtype::float64},       {dtype::complex64, dtype::complex64},
      {dtype::complex128, dtype::complex128}, {dtype::int64, dtype::int16},
      {dtype::int64, dtype::bool_},           {dtype::int64, dtype::uint8}};
  for (const auto& [acc, out] : variants) {
    const std::string name = sig::detail::conv_kernel_name(acc, out);
    SCOPED_TRACE(name);
    const std::string source = sig::detail::conv_kernel_source(acc, out);
    EXPECT_NE(source.find("#include <cupp/signal_conv.cuh>\n"), std::string::npos);
    std::shared_ptr<const cupp::jit::compiled_module> m;
    EXPECT_NO_THROW(m = c.compile(source, {}, {}, 90));
    if (m) {
      EXPECT_NE(m->image.find(name), std::string::npos);
      EXPECT_NE(m->image.find(name + "_tile2d"), std::string::npos);
    }
  }
}

// ---- against SciPy on the device ----------------------------------------------------------------

class SignalConvolveGpu : public cupp::test::GpuTest {};

TEST_F(SignalConvolveGpu, AgreesWithSciPy) {
  namespace ref = cupp::test::signal_ref;
  const cupp::npz_file npz = ref::reference();
  int checked = 0;
  for (const ref::signal_case& c : ref::cases(npz)) {
    const bool conv = c.function == "convolve" || c.function == "correlate";
    const bool fft = c.function == "fftconvolve" || c.function == "oaconvolve";
    const bool two = c.function == "convolve2d" || c.function == "correlate2d";
    if (!conv && !fft && !two) continue;
    SCOPED_TRACE(c.name);
    const std::string view = c.param("view");
    const array_desc in1 = ref::view_of(npz[c.name + "__in1"], view).desc();
    const array_desc in2 = ref::view_of(npz[c.name + "__in2"], view).desc();
    const cupp::array want = npz[c.name + "__out"];
    const std::string mode = c.param("mode", "full");
    cupp::array got;
    if (conv) {
      got = cupp::array(sig::detail::convolve(in1, in2, mode, c.param("method", "auto"),
                                              c.function == "correlate"));
    } else if (fft) {
      cupp::axis_arg axes;
      if (!c.param("axes").empty()) axes = ref::ints(c.param("axes"));
      got = cupp::array(sig::detail::fftconvolve(in1, in2, mode, axes, want.dtype()));
    } else {
      const std::string fill = c.param("fill");
      got = cupp::array(sig::detail::convolve2d(in1, in2, mode, c.param("boundary", "fill"),
                                                fill.empty() ? 0.0 : std::stod(fill),
                                                c.function == "correlate2d"));
    }
    EXPECT_EQ(got.dtype(), want.dtype());
    // SciPy transforms each input in its own precision, so a single-precision input to the
    // frequency-domain path brings float32's rounding into a float64 result.
    const auto single = [](cupp::dtype d) {
      return d == cupp::dtype::float16 || d == cupp::dtype::float32 || d == cupp::dtype::complex64;
    };
    double scale = 1.0;
    if ((fft || c.param("method") == "fft") && !single(want.dtype()) &&
        (single(in1.dt) || single(in2.dt)))
      scale = ref::tolerance(cupp::dtype::float32) / ref::tolerance(want.dtype());
    EXPECT_TRUE(ref::close(got, want, c.name, scale));
    ++checked;
  }
  EXPECT_EQ(checked, 496);  // every convolution case of the archive
}

// The public templates, typed, with small cases worked by hand (SciPy's values).
TEST_F(SignalConvolveGpu, DocumentedExamples) {
  // example-begin signal_convolve
  namespace signal = cupp::scipy::signal;
  const auto x = cupp::asarray<double>({1, 2, 3});
  const auto h = cupp::asarray<double>({0, 1, 0.5});
  const auto full = signal::convolve(x, h);           // [0, 1, 2.5, 4, 1.5]
  const auto same = signal::correlate(x, h, "same");  // [2, 3.5, 3]
  const auto viafft = signal::fftconvolve(x, h);      // full, through cuFFT
  const auto img = cupp::asarray<int>({{1, 2}, {3, 4}});
  const auto ones = cupp::asarray<int>({{1, 1}, {1, 1}});
  const auto wrapped = signal::convolve2d(img, ones, "same", "wrap");  // [[10, 10], [10, 10]]
  const auto lags = signal::correlation_lags(3, 3, "same");            // [-1, 0, 1]
  const std::string method = signal::choose_conv_method(x, h);         // "direct"
  // example-end
  EXPECT_EQ(full.get(), (std::vector<double>{0, 1, 2.5, 4, 1.5}));
  EXPECT_EQ(same.get(), (std::vector<double>{2, 3.5, 3}));
  const std::vector<double> f = viafft.get();
  ASSERT_EQ(f.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_NEAR(f[i], full.get()[i], 1e-12);
  EXPECT_EQ(wrapped.get(), (std::vector<int>{10, 10, 10, 10}));
  EXPECT_EQ(lags.get(), (std::vector<std::int64_t>{-1, 0, 1}));
  EXPECT_EQ(method, "direct");
}

// Integers through the FFT are rounded back to integers, as SciPy; float16 computes in float32.
TEST_F(SignalConvolveGpu, IntegerAndHalfResults) {
  namespace signal = cupp::scipy::signal;
  const auto a = cupp::asarray<std::int32_t>({3, -1, 4, 1, -5});
  const auto b = cupp::asarray<std::int32_t>({2, 7});
  const auto d = signal::convolve(a, b, "full", "direct");
  const auto f = signal::convolve(a, b, "full", "fft");
  EXPECT_EQ(d.get(), (std::vector<std::int32_t>{6, 19, 1, 30, -3, -35}));
  EXPECT_EQ(f.get(), d.get());
  const auto h = signal::convolve(a.astype<cupp::float16>(), b.astype<cupp::float16>(), "same");
  const std::vector<cupp::float16> hv = h.get();
  ASSERT_EQ(hv.size(), 5u);
  EXPECT_EQ(static_cast<float>(hv[1]), 19.0f);
  // A 0-d pair is the product; an empty 2-D input gives zeros of the mode's shape.
  const auto s = signal::convolve(cupp::full<double>({}, 2.5), cupp::full<double>({}, -3.0));
  EXPECT_EQ(s.ndim(), 0);
  EXPECT_EQ(s.get(), (std::vector<double>{-7.5}));
  const auto e = signal::convolve2d(cupp::zeros<double>({0, 3}), cupp::ones<double>({3, 3}));
  EXPECT_EQ(e.shape(), (cupp::shape_t{2, 5}));
  EXPECT_EQ(e.get(), std::vector<double>(10, 0.0));
}

// A long signal and a short kernel go through blocks (overlap-add) inside fftconvolve: every
// mode, both orders of the operands, real and complex, against a direct sum on the host. The
// lengths leave a partial last block and an overlap of several hundred samples.
TEST_F(SignalConvolveGpu, LongSignalsThroughBlocksAgreeWithTheDirectSum) {
  namespace signal = cupp::scipy::signal;
  const std::int64_t n = 70001, m = 301;
  std::vector<double> x(n), h(m);
  for (std::int64_t i = 0; i < n; ++i) x[i] = std::sin(std::fmod(0.001 * i * i, 7.0)) + 0.25 * (i % 5);
  for (std::int64_t j = 0; j < m; ++j) h[j] = std::cos(0.37 * j) / (1.0 + j);
  std::vector<double> full(n + m - 1, 0.0);
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t j = 0; j < m; ++j) full[i + j] += x[i] * h[j];
  const auto xd = cupp::asarray(x), hd = cupp::asarray(h);
  const auto check = [&](const std::vector<double>& got, std::int64_t start, std::int64_t len,
                         double tol, const char* what) {
    ASSERT_EQ(static_cast<std::int64_t>(got.size()), len) << what;
    double worst = 0;
    for (std::int64_t i = 0; i < len; ++i)
      worst = std::max(worst, std::abs(got[i] - full[start + i]));
    EXPECT_LT(worst, tol) << what;
  };
  check(signal::fftconvolve(xd, hd).get(), 0, n + m - 1, 1e-11, "full");
  check(signal::fftconvolve(hd, xd).get(), 0, n + m - 1, 1e-11, "full, kernel first");
  check(signal::fftconvolve(xd, hd, "same").get(), (m - 1) / 2, n, 1e-11, "same");
  check(signal::fftconvolve(xd, hd, "valid").get(), m - 1, n - m + 1, 1e-11, "valid");
  check(signal::fftconvolve(hd, xd, "valid").get(), m - 1, n - m + 1, 1e-11, "valid, swapped");
  // float32: the error of single-precision transforms, relative to the largest value.
  std::vector<float> f32;
  for (const float v : signal::fftconvolve(xd.astype<float>(), hd.astype<float>()).get())
    f32.push_back(v);
  check(std::vector<double>(f32.begin(), f32.end()), 0, n + m - 1, 2e-4, "float32");
  // complex: x + i x * 0.5 with h gives the real result times (1 + 0.5 i).
  const auto xc = (xd * std::complex<double>(1.0, 0.5)).eval();
  const std::vector<std::complex<double>> c = signal::fftconvolve(xc, hd).get();
  std::vector<double> re, im;
  for (const auto& v : c) {
    re.push_back(v.real());
    im.push_back(v.imag() * 2.0);
  }
  check(re, 0, n + m - 1, 1e-11, "complex, real part");
  check(im, 0, n + m - 1, 2e-11, "complex, imaginary part");
}

}  // namespace
