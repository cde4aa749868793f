// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// upfirdn, resample_poly, resample and decimate of cupp::scipy::signal: SciPy's errors and the
// filter designs (firwin with a Kaiser or Hamming window, cheby1 sections) on the host against
// SciPy's values, the kernel compiled for sm_90, and the device results against SciPy's own
// (tests/signal/make_signal.py -> tests/data/signal/signal.npz).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
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

TEST(SignalResample, ErrorsAsSciPy) {
  const array_desc x = described({10});
  CUPP_EXPECT_THROW_MSG(
      sig::detail::upfirdn(described({0}), x, 1, 1, -1, "constant", 0.0, dtype::float64),
      cupp::value_error, "h must be 1-D with non-zero length");
  CUPP_EXPECT_THROW_MSG(
      sig::detail::upfirdn(described({3}), x, 0, 1, -1, "constant", 0.0, dtype::float64),
      cupp::value_error, "Both up and down must be >= 1");
  EXPECT_THROW(sig::detail::upfirdn(described({3}), x, 1, 1, -1, "x", 0.0, dtype::float64),
               cupp::value_error);
  CUPP_EXPECT_THROW_MSG(
      sig::detail::resample_poly(x, 0, 1, 0, {}, "constant", std::nullopt, dtype::float64),
      cupp::value_error, "up and down must be >= 1");
  CUPP_EXPECT_THROW_MSG(sig::detail::resample_poly(x, 2, 1, 0, {}, "mean", 1.0, dtype::float64),
                        cupp::value_error, "cval has no effect when padtype is mean");
  // A window by name is designed only once the arguments are checked, as SciPy's.
  CUPP_EXPECT_THROW_MSG(sig::detail::resample_poly(x, 0, 1, 0, sig::window_spec("nope"), "constant",
                                                   std::nullopt, dtype::float64),
                        cupp::value_error, "up and down must be >= 1");
  CUPP_EXPECT_THROW_MSG(sig::detail::resample_poly(x, 3, 2, 0, sig::window_spec("nope"), "constant",
                                                   std::nullopt, dtype::float64),
                        cupp::value_error,
                        "Invalid window name 'nope' in parameter window='nope'!");
  CUPP_EXPECT_THROW_MSG(sig::detail::resample(x, 5, 0, nullptr, "x", dtype::float64),
                        cupp::value_error, "Parameter domain='x' not in ('time', 'freq')!");
}

// The filters resample_poly and decimate design, through the module's design functions (Note
// [Decimation filters] in src/scipy/signal/resample.cpp): firwin with a Kaiser or Hamming window,
// cheby1 as second-order sections flattened into rows.
std::vector<double> kaiser_lowpass(std::int64_t numtaps, double cutoff, double beta) {
  return sig::detail::firwin_values(numtaps, {cutoff}, std::nullopt,
                                    sig::window_spec("kaiser", beta), "true", true, std::nullopt);
}
std::vector<double> hamming_lowpass(std::int64_t numtaps, double cutoff) {
  return sig::detail::firwin_values(numtaps, {cutoff}, std::nullopt, "hamming", "true", true,
                                    std::nullopt);
}
std::vector<double> cheby1_lowpass_sos(int n, double wn) {
  const sig::filter_coeffs design = sig::cheby1(n, 0.05, wn, "low", false, "sos");
  std::vector<double> rows;
  for (const auto& section : design.sections())
    rows.insert(rows.end(), section.begin(), section.end());
  return rows;
}

// scipy.signal.firwin(21, 1/3, window=('kaiser', 5.0)) and firwin(61, 1/3, ...), printed by SciPy.
TEST(SignalResample, KaiserDesignAsSciPyFirwin) {
  const std::vector<double> want = {
      -0.0010107366051105412, 1.2340317021198908e-18, 0.006166494660607397, 0.011307781230914585,
      -5.384548134991907e-18, -0.030442600888353273,  -0.04750748661236632, 1.0571160370650041e-17,
      0.12579695977261726,    0.2692291459286802,     0.33292088502602124};
  const std::vector<double> h = kaiser_lowpass(21, 1.0 / 3, 5.0);
  ASSERT_EQ(h.size(), 21u);
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_NEAR(h[i], want[i], 1e-15) << i;
    EXPECT_NEAR(h[20 - i], want[i], 1e-15) << i;  // symmetric
  }
  const std::vector<double> g = kaiser_lowpass(61, 1.0 / 3, 5.0);
  EXPECT_NEAR(g[30], 0.3335353911845924, 1e-15);
  EXPECT_NEAR(g[0], -4.7730704295658725e-19, 1e-17);
  EXPECT_NEAR(g[7], -0.0025516902081487085, 1e-15);
}

/// The numerator and denominator polynomials of second-order sections (rows b0 b1 b2 a0 a1 a2).
std::pair<std::vector<double>, std::vector<double>> sos_to_tf(const std::vector<double>& sos) {
  std::vector<double> b = {1}, a = {1};
  const auto times = [](const std::vector<double>& p, const double* q) {
    std::vector<double> r(p.size() + 2, 0.0);
    for (std::size_t i = 0; i < p.size(); ++i)
      for (std::size_t j = 0; j < 3; ++j) r[i + j] += p[i] * q[j];
    return r;
  };
  for (std::size_t s = 0; s < sos.size(); s += 6) {
    b = times(b, &sos[s]);
    a = times(a, &sos[s + 3]);
  }
  return {b, a};
}

// scipy.signal.cheby1(8, 0.05, 0.8 / 3, output='sos') row by row; for an odd order SciPy pairs
// the zeros differently, so cheby1(5, 0.05, 0.2) is compared as one transfer function.
TEST(SignalResample, DecimationFiltersAsSciPy) {
  const std::vector<double> want8 = {3.479954739908498e-05,
                                     6.959909479816996e-05,
                                     3.479954739908498e-05,
                                     1.0,
                                     -1.416907422639627,
                                     0.5204552955670066,
                                     1.0,
                                     2.0,
                                     1.0,
                                     1.0,
                                     -1.3342748248687593,
                                     0.594631953081447,
                                     1.0,
                                     2.0,
                                     1.0,
                                     1.0,
                                     -1.237675162600336,
                                     0.7259326611233617,
                                     1.0,
                                     2.0,
                                     1.0,
                                     1.0,
                                     -1.2180861262950025,
                                     0.8987833581253264};
  const std::vector<double> got8 = cheby1_lowpass_sos(8, 0.8 / 3);
  ASSERT_EQ(got8.size(), want8.size());
  for (std::size_t i = 0; i < want8.size(); ++i)
    EXPECT_NEAR(got8[i], want8[i], 1e-12 * std::max(1.0, std::abs(want8[i]))) << i;
  const std::vector<double> want5 = {0.0009908559878710657,
                                     0.0019817119757421313,
                                     0.0009908559878710657,
                                     1.0,
                                     -0.665100264280818,
                                     0.0,
                                     1.0,
                                     2.0,
                                     1.0,
                                     1.0,
                                     -1.316455434257014,
                                     0.535877818692963,
                                     1.0,
                                     1.0,
                                     0.0,
                                     1.0,
                                     -1.3712461731030599,
                                     0.8027302579627302};
  const auto [wb, wa] = sos_to_tf(want5);
  const auto [gb, ga] = sos_to_tf(cheby1_lowpass_sos(5, 0.2));
  ASSERT_EQ(gb.size(), wb.size());
  for (std::size_t i = 0; i < wb.size(); ++i) {
    EXPECT_NEAR(gb[i], wb[i], 1e-13) << i;
    EXPECT_NEAR(ga[i], wa[i], 1e-12) << i;
  }
  // firwin(31, 1/3, window='hamming'), the first eight taps.
  const std::vector<double> fir = {
      1.037252779811854e-18, 0.0017693000184401094, 0.0025341776171874807,  -2.176314287329953e-18,
      -0.005806374422073556, -0.008527021321803939, 5.1584160292890304e-18, 0.016913653038973957};
  const std::vector<double> h = hamming_lowpass(31, 1.0 / 3);
  ASSERT_EQ(h.size(), 31u);
  for (std::size_t i = 0; i < fir.size(); ++i) EXPECT_NEAR(h[i], fir[i], 1e-16) << i;
}

TEST(SignalResample, KernelCompilesForSm90) {
  cupp::jit::compiler c("");
  for (const dtype dt : {dtype::float32, dtype::float64, dtype::complex64, dtype::complex128}) {
    const std::string name = sig::detail::upfirdn_kernel_name(dt);
    SCOPED_TRACE(name);
    std::shared_ptr<const cupp::jit::compiled_module> m;
    EXPECT_NO_THROW(m = c.compile(sig::detail::upfirdn_kernel_source(dt), {}, {}, 90));
    if (m) {
      EXPECT_NE(m->image.find(name), std::string::npos);
    }
  }
}

class SignalResampleGpu : public cupp::test::GpuTest {};

TEST_F(SignalResampleGpu, AgreesWithSciPy) {
  namespace ref = cupp::test::signal_ref;
  const cupp::npz_file npz = ref::reference();
  int checked = 0;
  for (const ref::signal_case& c : ref::cases(npz)) {
    if (c.function != "upfirdn" && c.function != "resample_poly" && c.function != "resample" &&
        c.function != "decimate")
      continue;
    SCOPED_TRACE(c.name);
    const cupp::array x = npz[c.name + "__x"];
    const cupp::array want = npz[c.name + "__out"];
    const std::int64_t up = std::stoll(c.param("up", "1")), down = std::stoll(c.param("down", "1"));
    cupp::array got;
    if (c.function == "upfirdn") {
      const cupp::array h = npz[c.name + "__h"];
      const dtype out =
          cupp::promote_types(cupp::promote_types(h.dtype(), x.dtype()), dtype::float32);
      got = cupp::array(
          sig::detail::upfirdn(h.desc(), x.desc(), up, down, std::stoi(c.param("axis", "-1")),
                               c.param("mode", "constant"), std::stod(c.param("cval", "0")), out));
    } else if (c.function == "decimate") {
      std::optional<int> n;
      if (!c.param("n").empty()) n = std::stoi(c.param("n"));
      const dtype out =
          x.dtype() == dtype::float16 ? dtype::float64 : sig::detail::filter_dtype({x.dtype()});
      got =
          cupp::array(sig::detail::decimate(x.desc(), std::stoi(c.param("q")), n, c.param("ftype"),
                                            std::stoi(c.param("axis")), c.param("zp") == "1", out));
    } else if (c.function == "resample") {
      std::optional<cupp::array> w;
      if (npz.contains(c.name + "__w")) w = npz[c.name + "__w"];
      const dtype out = cupp::is_complex(x.dtype()) ? sig::detail::analytic_dtype(x.dtype())
                                                    : sig::detail::filter_dtype({x.dtype()});
      got = cupp::array(sig::detail::resample(
          x.desc(), std::stoll(c.param("num")), std::stoi(c.param("axis", "0")),
          w ? &w->desc() : nullptr, c.param("domain", "time"), out));
    } else {
      std::vector<double> window;
      if (npz.contains(c.name + "__w")) window = npz[c.name + "__w"].get<double>();
      std::optional<double> cval;
      if (!c.param("cval").empty()) cval = std::stod(c.param("cval"));
      got = cupp::array(sig::detail::resample_poly(
          x.desc(), up, down, std::stoi(c.param("axis", "0")), window,
          c.param("padtype", "constant"), cval, sig::detail::filter_dtype({x.dtype()})));
    }
    EXPECT_EQ(got.dtype(), want.dtype());
    EXPECT_TRUE(ref::close(got, want, c.name, 100));
    ++checked;
  }
  EXPECT_EQ(checked, 82);  // every upfirdn, resample_poly, resample, decimate case of the archive
}

// scipy.signal.resample_poly(np.arange(10.0), 3, 2, window='hann') and window=('kaiser', 8.0),
// printed by SciPy 1.17.
TEST_F(SignalResampleGpu, WindowsByNameAsSciPy) {
  namespace signal = cupp::scipy::signal;
  const auto x = cupp::arange<double>(10);
  const std::vector<double> hann = {9.98889531e-18, 6.03675961e-01, 1.36229343e+00, 1.99979889e+00,
                                    2.68901431e+00, 3.28058160e+00, 3.99959778e+00, 4.79928754e+00,
                                    5.14305633e+00, 5.99939668e+00, 7.03132984e+00, 6.81713957e+00,
                                    7.99919557e+00, 9.95513276e+00, 6.31611266e+00};
  const std::vector<double> kaiser8 = {
      1.10466463e-17, 6.03031639e-01, 1.36670596e+00, 2.00003722e+00, 2.67351317e+00,
      3.30356722e+00, 4.00007443e+00, 4.76571239e+00, 5.18102885e+00, 6.00011165e+00,
      6.99629862e+00, 6.84875978e+00, 8.00014886e+00, 9.94289964e+00, 6.31931509e+00};
  const std::vector<double> got_hann = signal::resample_poly(x, 3, 2, 0, "hann").get();
  const std::vector<double> got_kaiser =
      signal::resample_poly(x, 3, 2, 0, signal::window_spec("kaiser", 8.0)).get();
  ASSERT_EQ(got_hann.size(), hann.size());
  ASSERT_EQ(got_kaiser.size(), kaiser8.size());
  for (std::size_t i = 0; i < hann.size(); ++i) {
    EXPECT_NEAR(got_hann[i], hann[i], 1e-8) << i;
    EXPECT_NEAR(got_kaiser[i], kaiser8[i], 1e-8) << i;
  }
}

TEST_F(SignalResampleGpu, DocumentedExamples) {
  // example-begin signal_resample
  namespace signal = cupp::scipy::signal;
  const auto x = cupp::asarray<double>({1, 1, 1});
  const auto h = cupp::asarray<double>({1, 1, 1});
  const auto up = signal::upfirdn(h, x, 3);  // [1, 1, 1, 1, 1, 1, 1, 1, 1]: a hold
  const auto ramp = cupp::arange<float>(200);
  const auto y = signal::resample_poly(ramp, 3, 2);  // 300 samples, float32, SciPy's filter
  // example-end
  EXPECT_EQ(up.get(), std::vector<double>(9, 1.0));
  // resample with sample positions: the new positions are spread over the same span.
  const auto t = cupp::asarray<double>({0.0, 0.5, 1.0, 1.5});
  const auto [yr, tr] = signal::resample(cupp::asarray<double>({1, 1, 1, 1}), 8, t);
  EXPECT_EQ(tr.get(), (std::vector<double>{0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75}));
  for (const double v : yr.get()) EXPECT_NEAR(v, 1.0, 1e-12);
  EXPECT_EQ(y.shape(), (cupp::shape_t{300}));
  // Away from the edges the low-pass filter passes the ramp, y[k] ~ 2k / 3, up to its ripple.
  const std::vector<float> v = y.get();
  for (int k = 60; k < 240; ++k) EXPECT_NEAR(v[k], 2.0 * k / 3.0, 0.2) << k;  // SciPy: 0.096
}

}  // namespace
