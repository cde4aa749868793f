// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// upfirdn, resample_poly and resample of cupp::scipy::signal: SciPy's errors and the default filter design
// (firwin with a Kaiser window) on the host against SciPy's values, the kernel compiled for
// sm_90, and the device results against SciPy's own (tests/signal/make_signal.py ->
// tests/data/signal/signal.npz).
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/throws.hpp"
#include "cupp/jit/compiler.hpp"
#include "cupp/scipy/signal.hpp"
#include "signal/signal_reference.hpp"
#include "support/gpu.hpp"

namespace {

namespace sig = cupp::scipy::signal;
using cupp::dtype;
using cupp::detail::array_desc;

array_desc described(cupp::shape_t shape, dtype dt = dtype::float64) {
  array_desc d;
  d.strides = cupp::c_strides(shape);
  d.shape = std::move(shape);
  d.dt = dt;
  return d;
}

TEST(SignalResample, ErrorsAsSciPy) {
  const array_desc x = described({10});
  CUPP_EXPECT_THROW_MSG(
      sig::detail::upfirdn(described({0}), x, 1, 1, -1, "constant", 0.0, dtype::float64),
      cupp::value_error, "h must be 1-D with non-zero length");
  CUPP_EXPECT_THROW_MSG(
      sig::detail::upfirdn(described({3}), x, 0, 1, -1, "constant", 0.0, dtype::float64),
      cupp::value_error, "Both up and down must be >= 1");
  EXPECT_THROW(sig::detail::upfirdn(described({3}), x, 1, 1, -1, "wrap", 0.0, dtype::float64),
               cupp::not_implemented_error);
  CUPP_EXPECT_THROW_MSG(sig::detail::resample_poly(x, 0, 1, 0, {}, "constant", std::nullopt,
                                                   dtype::float64),
                        cupp::value_error, "up and down must be >= 1");
  CUPP_EXPECT_THROW_MSG(
      sig::detail::resample_poly(x, 2, 1, 0, {}, "mean", 1.0, dtype::float64), cupp::value_error,
      "cval has no effect when padtype is mean");
  CUPP_EXPECT_THROW_MSG(sig::detail::resample(x, 5, 0, nullptr, "x", dtype::float64),
                        cupp::value_error, "Parameter domain='x' not in ('time', 'freq')!");
}

// scipy.signal.firwin(21, 1/3, window=('kaiser', 5.0)) and firwin(61, 1/3, ...), printed by SciPy.
TEST(SignalResample, KaiserDesignAsSciPyFirwin) {
  const std::vector<double> want = {-0.0010107366051105412, 1.2340317021198908e-18,
                                    0.006166494660607397,   0.011307781230914585,
                                    -5.384548134991907e-18, -0.030442600888353273,
                                    -0.04750748661236632,   1.0571160370650041e-17,
                                    0.12579695977261726,    0.2692291459286802,
                                    0.33292088502602124};
  const std::vector<double> h = sig::detail::kaiser_lowpass(21, 1.0 / 3, 5.0);
  ASSERT_EQ(h.size(), 21u);
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_NEAR(h[i], want[i], 1e-15) << i;
    EXPECT_NEAR(h[20 - i], want[i], 1e-15) << i;  // symmetric
  }
  const std::vector<double> g = sig::detail::kaiser_lowpass(61, 1.0 / 3, 5.0);
  EXPECT_NEAR(g[30], 0.3335353911845924, 1e-15);
  EXPECT_NEAR(g[0], -4.7730704295658725e-19, 1e-17);
  EXPECT_NEAR(g[7], -0.0025516902081487085, 1e-15);
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
    if (c.function != "upfirdn" && c.function != "resample_poly" && c.function != "resample")
      continue;
    SCOPED_TRACE(c.name);
    const cupp::array x = npz[c.name + "__x"];
    const cupp::array want = npz[c.name + "__out"];
    const std::int64_t up = std::stoll(c.param("up", "1")), down = std::stoll(c.param("down", "1"));
    cupp::array got;
    if (c.function == "upfirdn") {
      const cupp::array h = npz[c.name + "__h"];
      const dtype out = cupp::promote_types(cupp::promote_types(h.dtype(), x.dtype()),
                                            dtype::float32);
      got = cupp::array(sig::detail::upfirdn(h.desc(), x.desc(), up, down,
                                             std::stoi(c.param("axis", "-1")), "constant", 0.0,
                                             out));
    } else if (c.function == "resample") {
      std::optional<cupp::array> w;
      if (npz.contains(c.name + "__w")) w = npz[c.name + "__w"];
      const dtype out = cupp::is_complex(x.dtype()) ? sig::detail::analytic_dtype(x.dtype())
                                                    : sig::detail::filter_dtype({x.dtype()});
      got = cupp::array(sig::detail::resample(x.desc(), std::stoll(c.param("num")),
                                              std::stoi(c.param("axis", "0")),
                                              w ? &w->desc() : nullptr,
                                              c.param("domain", "time"), out));
    } else {
      std::vector<double> window;
      if (npz.contains(c.name + "__w")) window = npz[c.name + "__w"].get<double>();
      got = cupp::array(sig::detail::resample_poly(
          x.desc(), up, down, std::stoi(c.param("axis", "0")), window,
          c.param("padtype", "constant"), std::nullopt, sig::detail::filter_dtype({x.dtype()})));
    }
    EXPECT_EQ(got.dtype(), want.dtype());
    EXPECT_TRUE(ref::close(got, want, c.name, 100));
    ++checked;
  }
  EXPECT_EQ(checked, 54);  // every upfirdn, resample_poly and resample case of the archive
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
  EXPECT_EQ(y.shape(), (cupp::shape_t{300}));
  // Away from the edges the low-pass filter passes the ramp, y[k] ~ 2k / 3, up to its ripple.
  const std::vector<float> v = y.get();
  for (int k = 60; k < 240; ++k) EXPECT_NEAR(v[k], 2.0 * k / 3.0, 0.2) << k;  // SciPy: 0.096
}

}  // namespace
