// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The windows of scipy.signal.windows, get_window and NumPy's windows against SciPy's and
// NumPy's values (tests/data/signal_design/design.txt): coefficients on the host without a GPU,
// the device arrays on a GPU.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/throws.hpp"
#include "cupp/routines/windows.hpp"
#include "cupp/scipy/signal.hpp"
#include "signal_design/design_reference.hpp"
#include "support/gpu.hpp"

namespace {

namespace ref = cupp::test::design_ref;
namespace signal = cupp::scipy::signal;
using cupp::test::throws_exactly;

// Window coefficients are sums of a few cosines or a DFT of M terms: a few ulp of the largest
// value (1.0), scaled by the length for the DFT of chebwin.
constexpr double kRtol = 1e-13;
constexpr double kAtol = 1e-13;

TEST(SignalWindows, EveryWindowMatchesSciPy) {
  int checked = 0;
  for (const std::string& k : ref::keys("win", false, false)) {
    const auto f = ref::split(k);  // win|name|params|M|sym
    SCOPED_TRACE(k);
    const auto got =
        signal::detail::window_values(f[1], ref::list(f[2]), std::stoll(f[3]), ref::flag(f[4]));
    EXPECT_TRUE(ref::close(got, ref::at(k).r, kRtol, kAtol, k));
    ++checked;
  }
  // 23 windows with their parameter sets, 9 lengths, both symmetries; kbd; exponential centres.
  EXPECT_GT(checked, 650);
}

TEST(SignalWindows, EveryWindowErrorHasSciPysWords) {
  int checked = 0;
  for (const std::string& k : ref::keys("win", true, false)) {
    const auto f = ref::split(k);
    SCOPED_TRACE(k);
    EXPECT_TRUE(throws_exactly<cupp::value_error>(
        [&] {
          signal::detail::window_values(f[1], ref::list(f[2]), std::stoll(f[3]), ref::flag(f[4]));
        },
        ref::at(k).message));
    ++checked;
  }
  EXPECT_EQ(checked, 4);
}

TEST(SignalWindows, OddAndEvenLengthsAndTheEdgeCases) {
  // M == 0 is empty and M == 1 is [1.0] for every window, before any parameter is looked at.
  for (const char* name : {"hann", "chebwin", "taylor", "tukey", "lanczos"}) {
    const std::vector<double> params =
        std::string(name) == "chebwin" ? std::vector<double>{50} : std::vector<double>{};
    EXPECT_TRUE(signal::detail::window_values(name, params, 0, true).empty()) << name;
    EXPECT_EQ(signal::detail::window_values(name, params, 1, false), std::vector<double>{1.0})
        << name;
  }
  // A periodic window is the symmetric window one longer, without its last point.
  const auto sym = signal::detail::window_values("blackman", {}, 9, true);
  const auto per = signal::detail::window_values("blackman", {}, 8, false);
  EXPECT_TRUE(ref::close(per, std::vector<double>(sym.begin(), sym.end() - 1), 0, 1e-16, "per"));
}

TEST(SignalWindows, GetWindowMatchesSciPy) {
  int checked = 0;
  for (const std::string& k : ref::keys("gw", false, false)) {
    const auto f = ref::split(k);  // gw|name|params|is_tuple|Nx|fftbins
    SCOPED_TRACE(k);
    const signal::window_spec spec =
        ref::flag(f[3]) ? signal::window_spec(f[1], ref::list(f[2])) : signal::window_spec(f[1]);
    const auto got = signal::detail::get_window_values(spec, std::stoll(f[4]), ref::flag(f[5]));
    EXPECT_TRUE(ref::close(got, ref::at(k).r, kRtol, kAtol, k));
    ++checked;
  }
  EXPECT_GT(checked, 200);
  // A number is the beta of a Kaiser window.
  for (const std::string& k : ref::keys("gwnum", false, false)) {
    const auto f = ref::split(k);  // gwnum|beta|Nx|fftbins
    const auto got = signal::detail::get_window_values(signal::window_spec(ref::num(f[1])),
                                                       std::stoll(f[2]), ref::flag(f[3]));
    EXPECT_TRUE(ref::close(got, ref::at(k).r, kRtol, kAtol, k));
  }
}

TEST(SignalWindows, GetWindowErrorsHaveSciPysWords) {
  int checked = 0;
  for (const std::string& k : ref::keys("gw", true, false)) {
    const auto f = ref::split(k);
    SCOPED_TRACE(k);
    const signal::window_spec spec =
        ref::flag(f[3]) ? signal::window_spec(f[1], ref::list(f[2])) : signal::window_spec(f[1]);
    EXPECT_TRUE(throws_exactly<cupp::value_error>(
        [&] { signal::detail::get_window_values(spec, std::stoll(f[4]), ref::flag(f[5])); },
        ref::at(k).message));
    ++checked;
  }
  EXPECT_EQ(checked, 5);
}

TEST(SignalWindows, DpssMatchesSciPy) {
  int checked = 0;
  for (const std::string& k : ref::keys("dpss", false, false)) {
    const auto f = ref::split(k);  // dpss|M|NW|Kmax|sym|norm
    SCOPED_TRACE(k);
    const std::int64_t kmax = f[3] == "None" ? 0 : std::stoll(f[3]);
    const std::string norm = f[5] == "None" ? "" : f[5];
    const auto got =
        signal::detail::dpss_values(std::stoll(f[1]), ref::num(f[2]), kmax, ref::flag(f[4]), norm);
    // Eigenvectors by inverse iteration against LAPACK's: agreement to 1e-11 of the peak.
    EXPECT_TRUE(ref::close(got, ref::at(k).r, 0, 1e-11, k));
    ++checked;
  }
  EXPECT_GT(checked, 50);
  for (const std::string& k : ref::keys("dpss", true, false)) {
    const auto f = ref::split(k);
    const std::int64_t kmax = f[3] == "None" ? 0 : std::stoll(f[3]);
    EXPECT_TRUE(throws_exactly<cupp::value_error>(
        [&] {
          signal::detail::dpss_values(std::stoll(f[1]), ref::num(f[2]), kmax, ref::flag(f[4]), "");
        },
        ref::at(k).message))
        << k;
  }
}

TEST(NumpyWindows, MatchNumPy) {
  int checked = 0;
  for (const std::string& k : ref::keys("np", false, false)) {
    const auto f = ref::split(k);  // np|name|M|beta
    SCOPED_TRACE(k);
    const auto got = cupp::detail::numpy_window_values(f[1], std::stoll(f[2]), ref::num(f[3]));
    EXPECT_TRUE(ref::close(got, ref::at(k).r, kRtol, kAtol, k));
    ++checked;
  }
  EXPECT_EQ(checked, 4 * 7 + 7 * 3);
}

// ---- device arrays ------------------------------------------------------------------------------

class SignalWindowsGpu : public cupp::test::GpuTest {};

TEST_F(SignalWindowsGpu, WindowsAreFloat64DeviceArrays) {
  // example-begin signal_windows
  namespace signal = cupp::scipy::signal;
  // scipy.signal.windows.hann(16, sym=False) and get_window(('kaiser', 8.6), 64)
  cupp::ndarray<double> w = signal::windows::hann(16, /*sym=*/false);
  cupp::ndarray<double> k = signal::get_window({"kaiser", 8.6}, 64);
  cupp::ndarray<double> t = signal::windows::tukey(65, 0.25);
  // numpy.hanning(5), from <cupp/routines/windows.hpp>
  cupp::ndarray<double> h = cupp::hanning(5);  // [0, 0.5, 1, 0.5, 0]
  // example-end
  EXPECT_EQ(w.shape(), cupp::shape_t{16});
  EXPECT_TRUE(ref::close(w.get(), ref::at("win|hann||16|0").r, kRtol, kAtol, "hann"));
  EXPECT_TRUE(ref::close(k.get(), signal::detail::get_window_values({"kaiser", 8.6}, 64, true), 0,
                         0, "kaiser"));
  EXPECT_EQ(t.shape(), cupp::shape_t{65});
  EXPECT_TRUE(ref::close(h.get(), {0.0, 0.5, 1.0, 0.5, 0.0}, 0, 1e-16, "hanning"));
  EXPECT_EQ(signal::windows::boxcar(0).shape(), cupp::shape_t{0});
  EXPECT_EQ(cupp::kaiser(-3, 5.0).shape(), cupp::shape_t{0});
  EXPECT_TRUE(ref::close(cupp::kaiser(6, 5.0).get(), ref::at("np|kaiser|6|5.0").r, kRtol, kAtol,
                         "np.kaiser"));
  EXPECT_TRUE(ref::close(cupp::bartlett(5).get(), ref::at("np|bartlett|5|0.0").r, kRtol, kAtol,
                         "np.bartlett"));
  EXPECT_TRUE(ref::close(cupp::blackman(6).get(), ref::at("np|blackman|6|0.0").r, kRtol, kAtol,
                         "np.blackman"));
  EXPECT_TRUE(ref::close(cupp::hamming(33).get(), ref::at("np|hamming|33|0.0").r, kRtol, kAtol,
                         "np.hamming"));
}

TEST_F(SignalWindowsGpu, EveryNamedFunctionReturnsItsWindow) {
  auto check = [](const cupp::ndarray<double>& got, const std::string& k) {
    EXPECT_TRUE(ref::close(got.get(), ref::at(k).r, kRtol, kAtol, k));
  };
  namespace w = signal::windows;
  check(w::barthann(17), "win|barthann||17|1");
  check(w::bartlett(16, false), "win|bartlett||16|0");
  check(w::blackman(17), "win|blackman||17|1");
  check(w::blackmanharris(16), "win|blackmanharris||16|1");
  check(w::bohman(17, false), "win|bohman||17|0");
  check(w::boxcar(5), "win|boxcar||5|1");
  check(w::chebwin(17, 100.0), "win|chebwin|100.0|17|1");
  check(w::cosine(16), "win|cosine||16|1");
  check(w::exponential(16, std::nullopt, 3.0), "win|exponential|None,3.0|16|1");
  check(w::exponential(17, 1.0, 2.0, false), "win|exponential|1.0,2.0|17|0");
  check(w::flattop(64), "win|flattop||64|1");
  check(w::gaussian(17, 2.5), "win|gaussian|2.5|17|1");
  check(w::general_cosine(16, {0.5, 0.5}), "win|general_cosine|0.5,0.5|16|1");
  check(w::general_gaussian(17, 1.5, 7.0), "win|general_gaussian|1.5,7.0|17|1");
  check(w::general_hamming(16, 0.7, false), "win|general_hamming|0.7|16|0");
  check(w::hamming(17), "win|hamming||17|1");
  check(w::kaiser(16, 8.6), "win|kaiser|8.6|16|1");
  check(w::kaiser_bessel_derived(10, 4.0), "win|kaiser_bessel_derived|4.0|10|1");
  check(w::lanczos(17), "win|lanczos||17|1");
  check(w::nuttall(16), "win|nuttall||16|1");
  check(w::parzen(17), "win|parzen||17|1");
  check(w::taylor(64, 5, 40.0, false), "win|taylor|5,40.0,0|64|1");
  check(w::triang(16), "win|triang||16|1");
  check(w::tukey(17, 0.25, false), "win|tukey|0.25|17|0");
  const auto one = w::dpss(33, 2.5);
  EXPECT_TRUE(ref::close(one.get(), ref::at("dpss|33|2.5|None|1|None").r, 0, 1e-11, "dpss"));
  const auto three = w::dpss(33, 2.5, 3);
  EXPECT_EQ(three.shape(), (cupp::shape_t{3, 33}));
  EXPECT_TRUE(ref::close(three.get(), ref::at("dpss|33|2.5|3|1|None").r, 0, 1e-11, "dpss K"));
}

}  // namespace
