// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The waveforms of cupp::scipy::signal: SciPy's errors and max_len_seq on the host against
// SciPy's values written here, and chirp, gausspulse, sawtooth, square, sweep_poly and
// unit_impulse on the device against SciPy's own (tests/signal/make_waveforms.py ->
// tests/data/signal/waveforms.npz), contiguous and strided.
#include <gtest/gtest.h>

#include <cmath>
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
using cupp::dtype;
using cupp::detail::array_desc;

array_desc described(cupp::shape_t shape, dtype dt = dtype::float64) {
  array_desc d;
  d.strides = cupp::c_strides(shape);
  d.shape = std::move(shape);
  d.dt = dt;
  return d;
}

std::vector<std::int8_t> bits(std::initializer_list<int> v) {
  return std::vector<std::int8_t>(v.begin(), v.end());
}

TEST(SignalWaveforms, ErrorsAsSciPy) {
  const array_desc t = described({4});
  CUPP_EXPECT_THROW_MSG(sig::detail::chirp(t, 1, 1, 1, "foo", 0, true, false), cupp::value_error,
                        "method must be 'linear', 'quadratic', 'logarithmic', or 'hyperbolic', "
                        "but a value of 'foo' was given.");
  CUPP_EXPECT_THROW_MSG(
      sig::detail::chirp(t, 1, 1, -1, "log", 0, true, false), cupp::value_error,
      "For a logarithmic chirp, f0 and f1 must be nonzero and have the same sign.");
  CUPP_EXPECT_THROW_MSG(sig::detail::chirp(t, 0, 1, 1, "hyperbolic", 0, true, true),
                        cupp::value_error, "For a hyperbolic chirp, f0 and f1 must be nonzero.");
  CUPP_EXPECT_THROW_MSG(sig::detail::gausspulse(t, -1, 0.5, -6, -60), cupp::value_error,
                        "Center frequency (fc=-1.00) must be >=0.");
  CUPP_EXPECT_THROW_MSG(sig::gausspulse("cutoff", 1000, 0), cupp::value_error,
                        "Fractional bandwidth (bw=0.00) must be > 0.");
  CUPP_EXPECT_THROW_MSG(sig::gausspulse("cutoff", 1000, 0.5, 1), cupp::value_error,
                        "Reference level for bandwidth (bwr=1.00) must be < 0 dB");
  CUPP_EXPECT_THROW_MSG(sig::gausspulse("cutoff", 1000, 0.5, -6, 0), cupp::value_error,
                        "Reference level for time cutoff must be < 0 dB");
  CUPP_EXPECT_THROW_MSG(sig::gausspulse("x"), cupp::value_error,
                        "If `t` is a string, it must be 'cutoff'");
  CUPP_EXPECT_THROW_MSG(sig::detail::unit_impulse({5}, 5, dtype::float64), cupp::index_error,
                        "index 5 is out of bounds for axis 0 with size 5");
  CUPP_EXPECT_THROW_MSG(sig::detail::unit_impulse({2, 2}, {0, 0, 0}, dtype::float64),
                        cupp::index_error,
                        "too many indices for array: array is 2-dimensional, but 3 were indexed");
  // An empty shape has no first element either: SciPy's out[(0, 0)] = 1 fails.
  CUPP_EXPECT_THROW_MSG(sig::detail::unit_impulse({0, 3}, {}, dtype::float64), cupp::index_error,
                        "index 0 is out of bounds for axis 0 with size 0");
  CUPP_EXPECT_THROW_MSG(
      sig::detail::unit_impulse({3}, "middle", dtype::float64), cupp::index_error,
      "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or "
      "boolean arrays are valid indices");
  CUPP_EXPECT_THROW_MSG(sig::detail::max_len_seq(4, {0, 0, 0, 0}, std::nullopt, {}),
                        cupp::value_error, "state must not be all zeros");
  CUPP_EXPECT_THROW_MSG(sig::detail::max_len_seq(1, {}, std::nullopt, {}), cupp::value_error,
                        "nbits must be between 2 and 32 if taps is None");
  CUPP_EXPECT_THROW_MSG(sig::detail::max_len_seq(4, {}, std::nullopt, {5}), cupp::value_error,
                        "taps must be non-empty with values between zero and nbits (inclusive)");
  CUPP_EXPECT_THROW_MSG(sig::detail::max_len_seq(4, {}, -1, {}), cupp::value_error,
                        "length must be greater than or equal to 0");
  CUPP_EXPECT_THROW_MSG(sig::detail::max_len_seq(4, {1, 1}, std::nullopt, {}), cupp::value_error,
                        "state must be a 1-D array of size nbits");
}

TEST(SignalWaveforms, GausspulseCutoffAsSciPy) {
  // scipy.signal.gausspulse("cutoff") and gausspulse("cutoff", fc=5000, bw=0.4, tpr=-40).
  EXPECT_NEAR(sig::gausspulse("cutoff"), 0.0027812950448142565, 1e-17);
  EXPECT_NEAR(sig::gausspulse("cutoff", 5000, 0.4, -6, -40), 0.0005677294736605166, 1e-18);
}

TEST(SignalWaveforms, UnitImpulsePosition) {
  EXPECT_EQ(sig::detail::impulse_position({8}, {}), (std::vector<std::int64_t>{0}));
  EXPECT_EQ(sig::detail::impulse_position({7}, 2), (std::vector<std::int64_t>{2}));
  EXPECT_EQ(sig::detail::impulse_position({3, 3}, "mid"), (std::vector<std::int64_t>{1, 1}));
  EXPECT_EQ(sig::detail::impulse_position({4, 4}, "mid"), (std::vector<std::int64_t>{2, 2}));
  EXPECT_EQ(sig::detail::impulse_position({2, 3, 4}, 1), (std::vector<std::int64_t>{1, 1, 1}));
  EXPECT_EQ(sig::detail::impulse_position({2, 3, 4}, {1, -1, 3}),
            (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(sig::detail::impulse_position({2, 3}, {1}), (std::vector<std::int64_t>{1}));
}

TEST(SignalWaveforms, MaxLenSeqAsSciPy) {
  // scipy.signal.max_len_seq(3)
  auto r = sig::detail::max_len_seq(3, {}, std::nullopt, {});
  EXPECT_EQ(r.first, bits({1, 1, 1, 0, 1, 0, 0}));
  EXPECT_EQ(r.second, bits({1, 1, 1}));
  // max_len_seq(4, state=[1, 0, 1, 1], length=20)
  r = sig::detail::max_len_seq(4, {1, 0, 1, 1}, 20, {});
  EXPECT_EQ(r.first, bits({1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 0, 1, 0, 1, 1, 0}));
  EXPECT_EQ(r.second, bits({0, 1, 0, 0}));
  // max_len_seq(8, length=40): three taps
  r = sig::detail::max_len_seq(8, {}, 40, {});
  EXPECT_EQ(r.first, bits({1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 1, 1, 1, 1,
                           0, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1}));
  EXPECT_EQ(r.second, bits({1, 1, 0, 1, 1, 1, 0, 1}));
  // max_len_seq(6, state=[1, 0, 0, 1, 0, 1], length=25, taps=[5, 2, 2, 1]): repeated taps count
  // once
  r = sig::detail::max_len_seq(6, {1, 0, 0, 1, 0, 1}, 25, {5, 2, 2, 1});
  EXPECT_EQ(r.first,
            bits({1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1}));
  EXPECT_EQ(r.second, bits({1, 0, 1, 1, 1, 1}));
  // The full period of a maximum length sequence holds 2^(n-1) ones; state 7 (any nonzero
  // value is a one) returns to the start.
  r = sig::detail::max_len_seq(10, {7, 1, 1, 1, 1, 1, 1, 1, 1, 1}, std::nullopt, {});
  EXPECT_EQ(r.first.size(), 1023u);
  int ones = 0;
  for (const auto b : r.first) ones += b;
  EXPECT_EQ(ones, 512);
  EXPECT_EQ(r.second, std::vector<std::int8_t>(10, 1));
  EXPECT_TRUE(sig::detail::max_len_seq(5, {}, 0, {}).first.empty());
}

class SignalWaveformsGpu : public cupp::test::GpuTest {
 protected:
  cupp::npz_file npz = cupp::load_npz(std::string(CUPP_TEST_DATA_DIR) + "/signal/waveforms.npz");
  cupp::array t(const std::string& name) { return cupp::array(npz[name + "__t"]); }
  cupp::array want(const std::string& name, const std::string& part = "out") {
    return cupp::array(npz[name + "__" + part]);
  }
};

using wave = std::function<cupp::array(const cupp::array&)>;

/// `f` of the stored times against SciPy's, and of every other time (a strided view) against
/// every other value of SciPy's.
::testing::AssertionResult agrees(const cupp::array& t, const cupp::array& want, const wave& f,
                                  const std::string& what, double scale) {
  namespace ref = cupp::test::signal_ref;
  const auto a = ref::close(f(t), want, what, scale);
  if (!a) return a;
  return ref::close(f(ref::view_of(t, "s")), ref::view_of(want, "s"), what + " [::2]", scale);
}

/// The stored times as float64, float32 or int64, whichever they are.
template <class F>
cupp::array typed(const cupp::array& t, F&& f) {
  switch (t.dtype()) {
    case dtype::float32:
      return f(t.as<float>());
    case dtype::int64:
      return f(t.as<std::int64_t>());
    default:
      return f(t.as<double>());
  }
}

TEST_F(SignalWaveformsGpu, ChirpAgreesWithSciPy) {
  struct chirp_case {
    std::string name;
    double f0, t1, f1;
    std::string method;
    double phi;
    bool vertex_zero;
  };
  const std::vector<chirp_case> cases = {
      {"chirp_linear", 6, 10, 1, "linear", 0, true},
      {"chirp_linear_phi", 6, 10, 1, "linear", 30, true},
      {"chirp_quadratic", 1, 10, 6, "quadratic", 0, true},
      {"chirp_quadratic_vertex", 1, 10, 6, "q", 0, false},
      {"chirp_logarithmic", 6, 10, 1, "logarithmic", 0, true},
      {"chirp_logarithmic_equal", 3, 10, 3, "log", 0, true},
      {"chirp_hyperbolic", 6, 10, 1, "hyperbolic", 90, true},
      {"chirp_hyperbolic_equal", 2, 10, 2, "hyp", 0, true},
      {"chirp_float32", 6, 10, 1, "linear", 0, true},
      {"chirp_int", 0.25, 4, 0.5, "linear", 0, true},
  };
  for (const chirp_case& c : cases) {
    const wave f = [&](const cupp::array& tt) {
      return typed(tt, [&](const auto& x) {
        return cupp::array(sig::chirp(x, c.f0, c.t1, c.f1, c.method, c.phi, c.vertex_zero));
      });
    };
    // The phases reach a few hundred radians: cos of a phase rounded differently moves by
    // about 1e-13.
    EXPECT_TRUE(agrees(t(c.name), want(c.name), f, c.name, 100));
    EXPECT_EQ(f(t(c.name)).dtype(), dtype::float64);
  }
  // complex=True: exp(1j * (phase + phi)).
  const auto tc = t("chirp_complex").as<double>();
  const cupp::array z = sig::chirp<std::complex<double>>(tc, 6, 10, 1, "hyperbolic", 30);
  EXPECT_EQ(z.dtype(), dtype::complex128);
  EXPECT_TRUE(cupp::test::signal_ref::close(z, want("chirp_complex"), "chirp_complex", 100));
}

TEST_F(SignalWaveformsGpu, GausspulseAgreesWithSciPy) {
  const auto tg = t("gausspulse").as<double>();
  const sig::gausspulse_result r = sig::gausspulse(tg, 5000, 0.4, -6, -60, true, true);
  namespace ref = cupp::test::signal_ref;
  EXPECT_TRUE(ref::close(r.yI, want("gausspulse"), "yI", 10));
  ASSERT_TRUE(r.yQ && r.yenv);
  EXPECT_TRUE(ref::close(*r.yQ, want("gausspulse", "yQ"), "yQ", 10));
  EXPECT_TRUE(ref::close(*r.yenv, want("gausspulse", "yenv"), "yenv", 10));
  const sig::gausspulse_result only_env = sig::gausspulse(tg, 5000, 0.4, -6, -60, false, true);
  EXPECT_FALSE(only_env.yQ.has_value());
  EXPECT_TRUE(only_env.yenv.has_value());
  const wave f = [](const cupp::array& x) { return cupp::array(sig::gausspulse(x.as<double>())); };
  EXPECT_TRUE(agrees(t("gausspulse_default"), want("gausspulse_default"), f, "default", 10));
}

TEST_F(SignalWaveformsGpu, SawtoothSquareAgreeWithSciPy) {
  const std::vector<std::pair<std::string, double>> saw = {
      {"sawtooth_1", 1},     {"sawtooth_0_5", 0.5}, {"sawtooth_0", 0},
      {"sawtooth_0_3", 0.3}, {"sawtooth_1_5", 1.5}, {"sawtooth_2d", 0.7}};
  for (const auto& [name, w] : saw) {
    const double width = w;
    const wave f = [&](const cupp::array& x) {
      return cupp::array(sig::sawtooth(x.as<double>(), width));
    };
    EXPECT_TRUE(agrees(t(name), want(name), f, name, 10));
  }
  const std::vector<std::pair<std::string, double>> sq = {
      {"square_0_5", 0.5}, {"square_0_2", 0.2},   {"square_1", 1},
      {"square_0", 0},     {"square_m0_1", -0.1}, {"square_2d", 0.3}};
  for (const auto& [name, d] : sq) {
    const double duty = d;
    const wave f = [&](const cupp::array& x) {
      return cupp::array(sig::square(x.as<double>(), duty));
    };
    EXPECT_TRUE(agrees(t(name), want(name), f, name, 0));
  }
}

TEST_F(SignalWaveformsGpu, SweepPolyAgreesWithSciPy) {
  const wave f = [](const cupp::array& x) {
    return cupp::array(sig::sweep_poly(x.as<double>(), {0.025, -0.36, 1.25, 2.0}, 45));
  };
  EXPECT_TRUE(agrees(t("sweep_poly"), want("sweep_poly"), f, "sweep_poly", 100));
  const wave g = [](const cupp::array& x) {
    return cupp::array(sig::sweep_poly(x.as<double>(), {3.0}));
  };
  EXPECT_TRUE(agrees(t("sweep_poly_constant"), want("sweep_poly_constant"), g, "constant", 100));
}

TEST_F(SignalWaveformsGpu, UnitImpulse) {
  // Against the host's Kronecker delta.
  const auto expect_one_at = [](const cupp::array& a, std::int64_t flat) {
    const std::vector<double> v = a.get<double>(cupp::casting::unsafe);
    for (std::size_t i = 0; i < v.size(); ++i)
      EXPECT_EQ(v[i], static_cast<std::int64_t>(i) == flat ? 1.0 : 0.0) << i;
  };
  const auto a = sig::unit_impulse(8);
  EXPECT_EQ(a.shape(), (cupp::shape_t{8}));
  expect_one_at(a, 0);
  expect_one_at(sig::unit_impulse(7, 2), 2);
  expect_one_at(sig::unit_impulse<float>({3, 3}, "mid"), 4);
  expect_one_at(sig::unit_impulse({4, 4}, "mid"), 10);
  const auto b = sig::unit_impulse<std::int8_t>({2, 3, 4}, {1, 2, 3});
  EXPECT_EQ(b.dtype(), dtype::int8);
  expect_one_at(b, 12 + 8 + 3);
  expect_one_at(sig::unit_impulse({2, 3, 4}, -1), 12 + 8 + 3);
  // A shorter index sets a whole row, as NumPy's out[(1,)] = 1.
  EXPECT_EQ(sig::unit_impulse({2, 3}, {1}).get(), (std::vector<double>{0, 0, 0, 1, 1, 1}));
}

TEST_F(SignalWaveformsGpu, DocumentedExamples) {
  // example-begin signal_waveforms
  namespace signal = cupp::scipy::signal;
  const auto t = cupp::linspace(0.0, 10.0, 1001);
  const auto up = signal::chirp(t, 1.0, 10.0, 6.0, "quadratic");  // 1 Hz to 6 Hz
  const cupp::ndarray<double> phase = 2 * M_PI * 5 * t;
  const auto saw = signal::sawtooth(phase, 0.5);  // a 5 Hz triangle wave, -1 at t = 0
  const cupp::ndarray<double> centred = t - 5.0;
  const auto [yI, yQ, env] = signal::gausspulse(centred, 2.0, 0.5, -6, -60, true, true);
  const auto [seq, state] = signal::max_len_seq(4);        // 15 bits: 1 1 1 1 0 1 0 1 1 0 0 1 0 0 0
  const auto delta = signal::unit_impulse({3, 3}, "mid");  // a one at [1, 1]
  // example-end
  EXPECT_NEAR(up.get()[0], 1.0, 1e-15);
  EXPECT_NEAR(saw.get()[0], -1.0, 1e-15);
  EXPECT_NEAR(saw.get()[10], 1.0, 1e-12);  // t = 0.1: half a period
  EXPECT_NEAR(env->get()[500], 1.0, 1e-15);
  EXPECT_TRUE(yQ.has_value());
  EXPECT_NEAR(yI.get()[500], 1.0, 1e-15);
  EXPECT_EQ(seq.get(), (std::vector<std::int8_t>{1, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0}));
  EXPECT_EQ(state.get(), (std::vector<std::int8_t>{1, 1, 1, 1}));
  EXPECT_EQ(delta.get(), (std::vector<double>{0, 0, 0, 0, 1, 0, 0, 0, 0}));
}

}  // namespace
