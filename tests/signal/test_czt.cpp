// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The chirp Z-transform of cupp::scipy::signal: SciPy's errors and czt_points' values on the host,
// and czt, zoom_fft, CZT and ZoomFFT on the device against SciPy's own
// (tests/signal/make_czt.py -> tests/data/signal/czt.npz): output lengths, w and a, scalar and
// pair bands, fs, endpoint, axes, 1-D and 2-D, complex, float32 and integer inputs.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/throws.hpp"
#include "cupp/scipy/signal.hpp"
#include "signal/signal_reference.hpp"
#include "support/gpu.hpp"

namespace {

namespace sig = cupp::scipy::signal;
using cd = std::complex<double>;
using cupp::dtype;
using cupp::test::throws_exactly;

cupp::npz_file czt_reference() {
  return cupp::load_npz(std::string(CUPP_TEST_DATA_DIR) + "/signal/czt.npz");
}

const cd w1 = std::polar(0.999, -0.05);
const cd a1 = std::polar(0.9, 0.3);

TEST(SignalCzt, SizeErrorsInSciPysWords) {
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] { sig::detail::czt_plan(0, std::nullopt, std::nullopt, 1.0); },
      "Invalid number of CZT data points (0) specified. n must be positive and integer type."));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] { sig::detail::czt_plan(3, std::int64_t{0}, std::nullopt, 1.0); },
      "Invalid number of CZT output points (0) specified. m must be positive and integer type."));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] { sig::detail::zoom_fft_plan(4, 0.0, 1.0, std::int64_t{-2}, 2.0, false); },
      "Invalid number of CZT output points (-2) specified. m must be positive and integer type."));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] { sig::detail::czt_points_values(0, std::nullopt, 1.0); },
      "Invalid number of CZT output points (0) specified. m must be positive and integer type."));
  // These fire before anything reaches the device.
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] { sig::ZoomFFT(4, std::vector<double>{1, 2, 3}); },
      "fn must be a scalar or 2-length sequence"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] { sig::CZT(0); },
      "Invalid number of CZT data points (0) specified. n must be positive and integer type."));
}

TEST(SignalCzt, InputChecks) {
  cupp::detail::array_desc d;
  d.shape = {6, 20};
  d.dt = dtype::float64;
  EXPECT_EQ(sig::detail::czt_check_input(d, -1, 20), 1);
  EXPECT_EQ(sig::detail::czt_check_input(d, 0, 6), 0);
  EXPECT_TRUE(throws_exactly<cupp::value_error>([&] { sig::detail::czt_check_input(d, 0, 5); },
                                                "CZT defined for length 5, not 6"));
  EXPECT_THROW(sig::detail::czt_check_input(d, 2, -1), cupp::axis_error);
}

// czt_points is computed on the host: against the points worked by hand (roots of unity, and
// a * w**-k by repeated division).
TEST(SignalCzt, PointsOnTheHost) {
  const std::vector<cd> roots = sig::detail::czt_points_values(8, std::nullopt, 1.0);
  ASSERT_EQ(roots.size(), 8u);
  const double h = std::sqrt(0.5);
  const std::vector<cd> want = {{1, 0}, {h, h}, {0, 1}, {-h, h}, {-1, 0}, {-h, -h}, {0, -1}, {h, -h}};
  for (std::size_t i = 0; i < 8; ++i) EXPECT_LT(std::abs(roots[i] - want[i]), 1e-15) << i;
  const std::vector<cd> spiral = sig::detail::czt_points_values(12, w1, a1);
  ASSERT_EQ(spiral.size(), 12u);
  cd z = a1;
  for (std::size_t i = 0; i < 12; ++i, z /= w1) EXPECT_LT(std::abs(spiral[i] - z), 1e-14) << i;
  const std::vector<cd> scaled = sig::detail::czt_points_values(2, std::nullopt, cd(0, 2));
  EXPECT_LT(std::abs(scaled[1] - cd(0, -2)), 1e-15);
}

// The chirps on the host: the DFT's chirp is exp(-1j pi k**2 / m), and the plan's kernel is
// 1 / wk2 at k = n-1 .. 1, 0 .. m-1.
TEST(SignalCzt, ChirpsOnTheHost) {
  const double pi = std::acos(-1.0);
  const sig::detail::czt_chirps c = sig::detail::czt_plan(5, std::int64_t{3}, std::nullopt, cd(2.0));
  EXPECT_EQ(c.n, 5);
  EXPECT_EQ(c.m, 3);
  EXPECT_GE(c.nfft, 7);
  ASSERT_EQ(c.awk2.size(), 5u);
  ASSERT_EQ(c.wk2.size(), 3u);
  ASSERT_EQ(c.kernel.size(), 7u);
  EXPECT_LT(std::abs(c.w - std::exp(cd(0, -2 * pi / 3))), 1e-15);  // the DFT's default
  for (int k = 0; k < 5; ++k) {
    const cd wk2 = std::exp(cd(0, -pi * k * k / 3.0));
    EXPECT_LT(std::abs(c.awk2[k] - std::pow(0.5, k) * wk2), 1e-13) << k;
    EXPECT_LT(std::abs(c.kernel[4 - k] - 1.0 / wk2), 1e-13) << k;
  }
  const sig::detail::czt_chirps z = sig::detail::zoom_fft_plan(4, 0.5, 1.0, std::int64_t{5}, 2.0, true);
  // endpoint: scale = (f2 - f1) m / (fs (m - 1)) = 0.3125, wk2 = exp(-1j pi scale k**2 / m).
  for (int k = 0; k < 5; ++k)
    EXPECT_LT(std::abs(z.wk2[k] - std::exp(cd(0, -pi * 0.3125 * k * k / 5.0))), 1e-13) << k;
  EXPECT_LT(std::abs(z.w - std::exp(cd(0, -2 * pi * 0.3125 / 5.0))), 1e-15);
  EXPECT_LT(std::abs(z.a - std::exp(cd(0, pi * 0.5))), 1e-15);  // exp(2j pi f1 / fs)
}

class SignalCztGpu : public cupp::test::GpuTest {
 protected:
  cupp::npz_file npz = czt_reference();
};

using czt_fn = std::function<cupp::array(const cupp::array&)>;

template <class F>
cupp::array typed(const cupp::array& x, F&& f) {
  switch (x.dtype()) {
    case dtype::float32:
      return cupp::array(f(x.as<float>()));
    case dtype::int64:
      return cupp::array(f(x.as<std::int64_t>()));
    case dtype::complex128:
      return cupp::array(f(x.as<cd>()));
    default:
      return cupp::array(f(x.as<double>()));
  }
}

TEST_F(SignalCztGpu, AgreesWithSciPy) {
  namespace ref = cupp::test::signal_ref;
  using std::nullopt;
  using i64 = std::int64_t;
  const auto C = [](auto&&... args) {
    return [=](const cupp::array& x) {
      return typed(x, [&](const auto& v) { return sig::czt(v, args...); });
    };
  };
  const auto Z = [](auto&&... args) {
    return [=](const cupp::array& x) {
      return typed(x, [&](const auto& v) { return sig::zoom_fft(v, args...); });
    };
  };
  const std::vector<std::pair<std::string, czt_fn>> cases = {
      {"czt_default", C()},
      {"czt_m", C(i64{50})},
      {"czt_m_small", C(i64{5})},
      {"czt_w_a", C(i64{30}, w1, a1)},
      {"czt_complex", C(i64{20}, std::exp(cd(0, -0.2)), cd(1.1))},
      {"czt_axis0", C(i64{9}, nullopt, cd(1.0), i64{0})},
      {"czt_axis1", C(i64{25}, w1, a1, i64{1})},
      {"czt_float32", C()},
      {"czt_int", C(i64{7})},
      {"czt_one", C(i64{3})},
      {"zoom_scalar", Z(sig::zoom_fn(0.5))},
      {"zoom_pair", Z(sig::zoom_fn{0.1, 0.3}, i64{64})},
      {"zoom_fs", Z(sig::zoom_fn{10.0, 20.0}, i64{40}, 100.0)},
      {"zoom_endpoint", Z(sig::zoom_fn{0.2, 0.6}, i64{25}, 2.0, true)},
      {"zoom_axis0", Z(sig::zoom_fn(0.7), i64{11}, 2.0, true, i64{0})},
      {"zoom_complex", Z(sig::zoom_fn{-0.5, 0.5}, i64{33})},
  };
  for (const auto& [name, f] : cases) {
    const cupp::array x(npz[name + "__x"]);
    const cupp::array got = f(x);
    const cupp::array want(npz[name + "__out"]);
    EXPECT_EQ(got.dtype(), dtype::complex128) << name;
    // Bluestein's convolution of a few dozen terms with chirps of modulus up to ~1.1**50.
    EXPECT_TRUE(ref::close(got, want, name, 1000)) << name;
  }
}

TEST_F(SignalCztGpu, ClassesAndPoints) {
  namespace ref = cupp::test::signal_ref;
  const cupp::array x1(npz["czt_w_a__x"]);
  const sig::CZT t(37, std::int64_t{30}, w1, a1);
  EXPECT_EQ(t.n, 37);
  EXPECT_EQ(t.m, 30);
  EXPECT_TRUE(ref::close(cupp::array(t(x1.as<double>())), cupp::array(npz["czt_w_a__out"]), "CZT", 1000));
  // A strided view: every other row of the 2-D input, transformed along axis 1.
  const cupp::array x2(npz["czt_axis1__x"]);
  const sig::CZT t2(20, std::int64_t{25}, w1, a1);
  const auto full = t2(x2.as<double>(), 1);
  const auto strided = t2(x2.as<double>()(cupp::slice(0, 6, 2)), -1);
  EXPECT_TRUE(ref::close(cupp::array(strided), cupp::array(full(cupp::slice(0, 6, 2))), "strided", 10));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([&] { t2(x2.as<double>(), 0); },
                                                "CZT defined for length 20, not 6"));
  // An empty batch: SciPy's shape (0, 4), complex128.
  const auto empty = sig::czt(cupp::zeros<double>({0, 4}), std::int64_t{3});
  EXPECT_EQ(empty.shape(), (cupp::shape_t{0, 3}));
  const sig::ZoomFFT z(37, sig::zoom_fn{0.1, 0.3}, std::int64_t{64});
  EXPECT_DOUBLE_EQ(z.f1, 0.1);
  EXPECT_DOUBLE_EQ(z.f2, 0.3);
  EXPECT_TRUE(ref::close(cupp::array(z(cupp::array(npz["zoom_pair__x"]).as<double>())),
                         cupp::array(npz["zoom_pair__out"]), "ZoomFFT", 1000));
  EXPECT_TRUE(ref::close(cupp::array(z.points()), cupp::array(npz["points_zoom__out"]), "points", 10));
  EXPECT_TRUE(ref::close(cupp::array(sig::czt_points(8)), cupp::array(npz["points_default__out"]),
                         "czt_points default", 10));
  EXPECT_TRUE(ref::close(cupp::array(sig::czt_points(12, w1, a1)), cupp::array(npz["points_w_a__out"]),
                         "czt_points", 10));
}

TEST_F(SignalCztGpu, DocumentedExample) {
  // example-begin signal_czt
  namespace signal = cupp::scipy::signal;
  const auto x = cupp::asarray<double>({1, 2, 3, 4});
  const auto dft = signal::czt(x);  // cupp::fft::fft(x): [10, -2+2j, -2, -2-2j]
  const auto band = signal::zoom_fft(x, {0.0, 1.0}, 2);  // the fft at f = 0 and 0.5 (fs = 2)
  const auto z = signal::czt_points(4);  // the 4th roots of unity: [1, 1j, -1, -1j]
  const signal::CZT transform(4, 8);     // chirps computed once, reused on every call
  const auto y = transform(x);           // 8 points around the unit circle
  // example-end
  const std::vector<cd> d = dft.get();
  const std::vector<cd> want = {{10, 0}, {-2, 2}, {-2, 0}, {-2, -2}};
  for (std::size_t i = 0; i < 4; ++i) EXPECT_LT(std::abs(d[i] - want[i]), 1e-12) << i;
  const std::vector<cd> b = band.get();
  ASSERT_EQ(b.size(), 2u);
  EXPECT_LT(std::abs(b[0] - cd(10, 0)), 1e-12);
  EXPECT_LT(std::abs(b[1] - cd(-2, 2)), 1e-12);
  const std::vector<cd> p = z.get();
  EXPECT_LT(std::abs(p[1] - cd(0, 1)), 1e-15);
  const std::vector<cd> yy = y.get();
  ASSERT_EQ(yy.size(), 8u);
  EXPECT_LT(std::abs(yy[2] - cd(-2, 2)), 1e-12);  // z = 1j, the fft's bin 1
}

}  // namespace
