// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// medfilt, medfilt2d, wiener, savgol_coeffs, savgol_filter, hilbert, hilbert2 and detrend of
// cupp::scipy::signal: SciPy's argument errors and savgol_coeffs' least squares on the host
// against SciPy's values, and the device results against SciPy's own
// (tests/signal/make_signal.py -> tests/data/signal/signal.npz).
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/throws.hpp"
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

void expect_near(const std::vector<double>& got, const std::vector<double>& want, double tol) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], tol) << i;
}

TEST(SignalFilters, ErrorsAsSciPy) {
  CUPP_EXPECT_THROW_MSG(sig::detail::savgol_coeffs(3, 3, 0, 1.0, std::nullopt, "conv"),
                        cupp::value_error, "polyorder must be less than window_length.");
  CUPP_EXPECT_THROW_MSG(sig::detail::savgol_coeffs(5, 2, 0, 1.0, 5.0, "conv"), cupp::value_error,
                        "pos must be nonnegative and less than window_length.");
  CUPP_EXPECT_THROW_MSG(sig::detail::savgol_coeffs(5, 2, 0, 1.0, std::nullopt, "x"),
                        cupp::value_error, "`use` must be 'conv' or 'dot'");
  const array_desc x = described({5});
  CUPP_EXPECT_THROW_MSG(sig::detail::savgol_filter(x, 3, 1, 0, 1.0, -1, "x", 0.0, dtype::float64),
                        cupp::value_error,
                        "mode must be 'mirror', 'constant', 'nearest' 'wrap' or 'interp'.");
  CUPP_EXPECT_THROW_MSG(sig::detail::detrend(x, -1, "x", {}, dtype::float64), cupp::value_error,
                        "Trend type must be 'linear' or 'constant'.");
  CUPP_EXPECT_THROW_MSG(sig::detail::medfilt(x, 4, false), cupp::value_error,
                        "Each element of kernel_size should be odd.");
  CUPP_EXPECT_THROW_MSG(sig::detail::medfilt(described({5}, dtype::float16), {}, false),
                        cupp::value_error, "dtype=float16 is not supported by medfilt");
  CUPP_EXPECT_THROW_MSG(
      sig::detail::hilbert(described({5}, dtype::complex128), std::nullopt, -1, dtype::complex128),
      cupp::value_error, "x must be real.");
  CUPP_EXPECT_THROW_MSG(sig::detail::hilbert(x, 0, -1, dtype::complex128), cupp::value_error,
                        "N must be positive.");
  const array_desc m = described({5, 5});
  CUPP_EXPECT_THROW_MSG(sig::detail::hilbert2(m, {}, {1, 1}, dtype::complex128), cupp::value_error,
                        "axes must contain 2 distinct axes");
  CUPP_EXPECT_THROW_MSG(sig::detail::hilbert2(m, {3, -1}, {-2, -1}, dtype::complex128),
                        cupp::value_error,
                        "When given as a tuple, N must hold exactly two positive integers");
}

// scipy.signal.savgol_coeffs, printed by SciPy 1.17.
TEST(SignalFilters, SavgolCoeffsAsSciPy) {
  const auto c = [](int w, int p, int d = 0, double delta = 1.0,
                    std::optional<double> pos = std::nullopt, const std::string& use = "conv") {
    return sig::detail::savgol_coeffs(w, p, d, delta, pos, use);
  };
  expect_near(c(5, 2),
              {-0.08571428571428574, 0.34285714285714275, 0.4857142857142856, 0.3428571428571427,
               -0.08571428571428584},
              1e-14);
  expect_near(c(7, 3, 1),
              {-0.08730158730158723, 0.26587301587301576, 0.2301587301587302, 0.0,
               -0.23015873015873023, -0.26587301587301587, 0.08730158730158732},
              1e-14);
  expect_near(c(8, 3, 1, 0.5),
              {-0.16035353535353536, 0.35263347763347763, 0.39844877344877305, 0.16396103896103892,
               -0.16396103896103878, -0.3984487734487732, -0.3526334776334774, 0.1603535353535351},
              1e-13);
  expect_near(c(6, 2, 0, 1.0, 1.0, "dot"),
              {0.321428571428571, 0.3071428571428566, 0.2571428571428564, 0.1714285714285708,
               0.049999999999999725, -0.1071428571428568},
              1e-13);
  expect_near(c(5, 2, 3), {0, 0, 0, 0, 0}, 0.0);
  const std::vector<double> big = c(51, 5);
  ASSERT_EQ(big.size(), 51u);
  // SciPy's lstsq loses about 1e-13 here (x^5 reaches 25^5); the exact first coefficients, in
  // rational arithmetic, are 0.027847845827868027 and 0.011603269094945011.
  expect_near({big.begin(), big.begin() + 5},
              {0.027847845827758733, 0.01160326909489959, -0.0008648399325392929,
               -0.009945659224199729, -0.016011805985059042},
              5e-13);
  expect_near({big.begin(), big.begin() + 2}, {0.027847845827868027, 0.011603269094945011}, 1e-16);
}

class SignalFiltersGpu : public cupp::test::GpuTest {};

TEST_F(SignalFiltersGpu, AgreesWithSciPy) {
  namespace ref = cupp::test::signal_ref;
  const cupp::npz_file npz = ref::reference();
  int checked = 0;
  for (const ref::signal_case& c : ref::cases(npz)) {
    const std::string& f = c.function;
    if (f != "medfilt" && f != "medfilt2d" && f != "wiener" && f != "savgol_filter" &&
        f != "hilbert" && f != "hilbert2" && f != "detrend")
      continue;
    SCOPED_TRACE(c.name);
    const array_desc x = ref::view_of(npz[c.name + "__x"], c.param("view")).desc();
    const cupp::array want = npz[c.name + "__out"];
    const std::string k = c.param("k");
    std::vector<int> ks;
    for (const std::int64_t v : ref::ints(k)) ks.push_back(static_cast<int>(v));
    cupp::scipy::ndimage::per_axis<int> size = std::vector<int>{};
    if (ks.size() == 1) size = ks[0];
    if (ks.size() > 1) size = ks;
    const int axis = std::stoi(c.param("axis", "-1"));
    cupp::array got;
    if (f == "medfilt" || f == "medfilt2d") {
      got = cupp::array(sig::detail::medfilt(x, size, f == "medfilt2d"));
    } else if (f == "wiener") {
      std::optional<double> noise;
      if (!c.param("noise").empty()) noise = std::stod(c.param("noise"));
      got = cupp::array(sig::detail::wiener(x, size, noise));
    } else if (f == "savgol_filter") {
      got = cupp::array(sig::detail::savgol_filter(
          x, std::stoi(c.param("w")), std::stoi(c.param("p")), std::stoi(c.param("d", "0")),
          std::stod(c.param("delta", "1.0")), axis, c.param("mode", "interp"),
          c.param("mode") == "constant" ? 0.5 : 0.0,
          x.dt == dtype::float32 ? dtype::float32 : dtype::float64));
    } else if (f == "hilbert") {
      std::optional<std::int64_t> n;
      if (!c.param("n").empty()) n = std::stoll(c.param("n"));
      got = cupp::array(sig::detail::hilbert(x, n, axis, sig::detail::analytic_dtype(x.dt)));
    } else if (f == "hilbert2") {
      const std::vector<std::int64_t> axes =
          c.param("axes").empty() ? std::vector<std::int64_t>{-2, -1} : ref::ints(c.param("axes"));
      got = cupp::array(sig::detail::hilbert2(x, ref::ints(c.param("n")), axes,
                                              sig::detail::analytic_dtype(x.dt)));
    } else {
      std::vector<std::int64_t> bp;
      if (!c.param("bp").empty()) bp = ref::ints(c.param("bp"));
      got = cupp::array(
          sig::detail::detrend(x, axis, c.param("type"), bp, sig::detail::float_or_double(x.dt)));
    }
    EXPECT_EQ(got.dtype(), want.dtype());
    EXPECT_TRUE(ref::close(got, want, c.name, 100));
    ++checked;
  }
  EXPECT_EQ(checked, 56);  // every case of these functions in the archive
}

TEST_F(SignalFiltersGpu, DocumentedExamples) {
  // example-begin signal_filters
  namespace signal = cupp::scipy::signal;
  const auto x = cupp::asarray<double>({2, 80, 6, 3, 1, 5, 4});
  const auto med = signal::medfilt(x, 3);  // [2, 6, 6, 3, 3, 4, 4]: zero-padded median
  const auto ramp = cupp::arange<double>(10);
  const auto flat = signal::detrend(ramp);                // zeros: the line is removed
  const auto smooth = signal::savgol_filter(ramp, 5, 2);  // a ramp: kept exactly
  const auto analytic = signal::hilbert(cupp::asarray<double>({1, 0, -1, 0}));  // e^{i pi n / 2}
  // example-end
  EXPECT_EQ(med.get(), (std::vector<double>{2, 6, 6, 3, 3, 4, 4}));
  for (const double v : flat.get()) EXPECT_NEAR(v, 0.0, 1e-12);
  const std::vector<double> s = smooth.get();
  for (std::size_t i = 0; i < s.size(); ++i) EXPECT_NEAR(s[i], static_cast<double>(i), 1e-12);
  const std::vector<std::complex<double>> a = analytic.get();
  const std::vector<std::complex<double>> want = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
  ASSERT_EQ(a.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(a[i].real(), want[i].real(), 1e-12);
    EXPECT_NEAR(a[i].imag(), want[i].imag(), 1e-12);
  }
}

}  // namespace
