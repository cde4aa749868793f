// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Spectral analysis of cupp::scipy::signal: SciPy's errors and the median's bias on the host,
// and periodogram, welch, csd, coherence, spectrogram and stft on the device against SciPy's own
// (tests/signal/make_spectral.py -> tests/data/signal/spectral.npz, tests/signal/make_stft.py ->
// tests/data/signal/stft.npz): windows, overlaps, nfft, detrending, scalings, boundaries,
// one- and two-sided spectra, mean and median, axes, dtypes and a strided signal; stft and
// istft's round trip; check_COLA and check_NOLA on the host against SciPy's values.
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
using cupp::dtype;
using cupp::detail::array_desc;

array_desc described(cupp::shape_t shape, dtype dt = dtype::float64) {
  array_desc d;
  d.strides = cupp::c_strides(shape);
  d.shape = std::move(shape);
  d.dt = dt;
  return d;
}

sig::detail::spectral_descs welch_of(const array_desc& x, std::optional<std::int64_t> nperseg,
                                     std::optional<std::int64_t> noverlap = std::nullopt,
                                     std::optional<std::int64_t> nfft = std::nullopt,
                                     const std::string& detrend = "constant",
                                     const std::string& scaling = "density",
                                     const std::string& average = "mean") {
  return sig::detail::welch(x, 1.0, "hann_periodic", nperseg, noverlap, nfft, detrend, true,
                            scaling, -1, average, dtype::float64);
}

TEST(SignalSpectral, ErrorsAsSciPy) {
  const array_desc x = described({32});
  CUPP_EXPECT_THROW_MSG(welch_of(x, 0), cupp::value_error,
                        "Parameter nperseg=0 is not a positive integer!");
  CUPP_EXPECT_THROW_MSG(welch_of(x, 8, std::nullopt, 4), cupp::value_error,
                        "nfft=4 must be greater than or equal to nperseg=8!");
  CUPP_EXPECT_THROW_MSG(welch_of(x, 8, 8), cupp::value_error,
                        "noverlap=8 must be less than nperseg=8!");
  CUPP_EXPECT_THROW_MSG(
      welch_of(x, 8, std::nullopt, std::nullopt, "constant", "foo"), cupp::value_error,
      "Parameter scaling='foo' not in {'spectrum': 'magnitude', 'density': 'psd'}!");
  CUPP_EXPECT_THROW_MSG(welch_of(x, 8, std::nullopt, std::nullopt, "foo"), cupp::value_error,
                        "Trend type must be 'linear' or 'constant'.");
  CUPP_EXPECT_THROW_MSG(welch_of(x, 8, std::nullopt, std::nullopt, "constant", "density", "foo"),
                        cupp::value_error, "Parameter average='foo' must be 'median' or 'mean'!");
  CUPP_EXPECT_THROW_MSG(welch_of(described({}), 8), cupp::index_error, "tuple index out of range");
  CUPP_EXPECT_THROW_MSG(sig::detail::welch(x, 1.0, "nosuchwindow", 8, std::nullopt, std::nullopt,
                                           "constant", true, "density", -1, "mean", dtype::float64),
                        cupp::value_error,
                        "Invalid window name 'nosuchwindow' in parameter window='nosuchwindow'!");
}

TEST(SignalSpectral, ColaNolaAsSciPy) {
  // scipy.signal.check_COLA / check_NOLA (SciPy 1.17) of the same arguments.
  struct row {
    sig::window_spec window;
    std::int64_t nperseg, noverlap;
    bool cola, nola;
  };
  const std::vector<row> rows = {
      {"hann", 256, 128, true, true},
      {"hann", 256, 64, false, true},
      {"boxcar", 64, 0, true, true},
      {"boxcar", 64, 32, true, true},
      {{"tukey", 0.5}, 100, 25, true, true},
      {"hamming", 128, 64, true, true},
      {"bartlett", 100, 50, true, true},
      {"hann", 7, 3, false, true},
      {{"kaiser", 8.0}, 64, 48, false, true},
      {"hann", 64, 0, false, false},
      {{"tukey_periodic", 0.5}, 100, 25, true, true},
  };
  for (const row& r : rows) {
    SCOPED_TRACE(r.window.name + " " + std::to_string(r.nperseg) + " " +
                 std::to_string(r.noverlap));
    EXPECT_EQ(sig::check_COLA(r.window, r.nperseg, r.noverlap), r.cola);
    EXPECT_EQ(sig::check_NOLA(r.window, r.nperseg, r.noverlap), r.nola);
  }
  using values = std::vector<double>;
  EXPECT_FALSE(sig::check_COLA(values{1, 2, 1, 2}, 4, 2));
  EXPECT_TRUE(sig::check_COLA(values{1, 1, 1, 1}, 4, 2));
  EXPECT_TRUE(sig::check_COLA(values{0.5, 1, 0.5}, 3, 1, 0.6));
  EXPECT_FALSE(sig::check_NOLA(values{1, 0, 1, 0}, 4, 2));
  EXPECT_FALSE(sig::check_NOLA(values{1, 0, 1, 0}, 4, 2, 0.5));
  EXPECT_FALSE(sig::check_NOLA(values{1, 0, 0, 1}, 4, 1));
  EXPECT_TRUE(sig::check_NOLA(values{1, 2, 1, 2}, 4, 2));
}

TEST(SignalSpectral, ColaNolaErrorsAsSciPy) {
  CUPP_EXPECT_THROW_MSG(sig::check_COLA("hann", 0, 0), cupp::value_error,
                        "nperseg must be a positive integer");
  CUPP_EXPECT_THROW_MSG(sig::check_NOLA("hann", 0, 0), cupp::value_error,
                        "nperseg must be a positive integer");
  CUPP_EXPECT_THROW_MSG(sig::check_COLA("hann", 8, 8), cupp::value_error,
                        "noverlap must be less than nperseg.");
  CUPP_EXPECT_THROW_MSG(sig::check_NOLA("hann", 8, 9), cupp::value_error,
                        "noverlap must be less than nperseg");
  CUPP_EXPECT_THROW_MSG(sig::check_NOLA("hann", 8, -1), cupp::value_error,
                        "noverlap must be a nonnegative integer");
  CUPP_EXPECT_THROW_MSG(sig::check_COLA("hann", 8, -1), cupp::type_error,
                        "'int' object is not subscriptable");
  CUPP_EXPECT_THROW_MSG(sig::check_COLA(std::vector<double>{1, 1}, 3, 1), cupp::value_error,
                        "window must have length of nperseg");
  CUPP_EXPECT_THROW_MSG(sig::check_NOLA(std::vector<double>{1, 1}, 3, 1), cupp::value_error,
                        "window must have length of nperseg");
}

TEST(SignalSpectral, StftErrorsAsSciPy) {
  const array_desc x = described({32});
  const auto stft_of = [&](const array_desc& a, std::int64_t nperseg,
                           std::optional<std::int64_t> noverlap, std::optional<std::int64_t> nfft,
                           const std::string& detrend, const std::optional<std::string>& boundary,
                           const std::string& scaling, const sig::window_spec& window = "hann") {
    return sig::detail::stft(a, 1.0, window, nperseg, noverlap, nfft, detrend, true, boundary, true,
                             -1, scaling, dtype::complex128);
  };
  using std::nullopt;
  CUPP_EXPECT_THROW_MSG(stft_of(x, 8, nullopt, nullopt, "", "zeros", "foo"), cupp::value_error,
                        "Parameter scaling='foo' not in ['spectrum', 'psd']!");
  CUPP_EXPECT_THROW_MSG(stft_of(x, 8, nullopt, nullopt, "", "foo", "spectrum"), cupp::value_error,
                        "Unknown boundary option 'foo', must be one of: ['even', 'odd', "
                        "'constant', 'zeros', None]");
  CUPP_EXPECT_THROW_MSG(stft_of(x, 0, nullopt, nullopt, "", "zeros", "spectrum"), cupp::value_error,
                        "nperseg must be a positive integer");
  CUPP_EXPECT_THROW_MSG(stft_of(x, 8, nullopt, 4, "", "zeros", "spectrum"), cupp::value_error,
                        "nfft must be greater than or equal to nperseg.");
  CUPP_EXPECT_THROW_MSG(stft_of(x, 8, 8, nullopt, "", nullopt, "psd"), cupp::value_error,
                        "noverlap must be less than nperseg.");
  CUPP_EXPECT_THROW_MSG(stft_of(x, 8, nullopt, nullopt, "foo", "zeros", "spectrum"),
                        cupp::value_error, "Trend type must be 'linear' or 'constant'.");
  CUPP_EXPECT_THROW_MSG(stft_of(x, 8, nullopt, nullopt, "", "zeros", "spectrum", "nosuch"),
                        cupp::value_error,
                        "Invalid window name 'nosuch' in parameter window='nosuch'!");
  CUPP_EXPECT_THROW_MSG(stft_of(described({}), 8, nullopt, nullopt, "", "zeros", "spectrum"),
                        cupp::index_error, "tuple index out of range");
}

TEST(SignalSpectral, IstftErrorsAsSciPy) {
  const array_desc z = described({33, 9}, dtype::complex128);
  const auto istft_of = [](const array_desc& a, std::optional<std::int64_t> nperseg,
                           std::optional<std::int64_t> noverlap, std::optional<std::int64_t> nfft,
                           int time_axis, int freq_axis, const std::string& scaling,
                           const sig::window_spec& window = "hann") {
    return sig::detail::istft(a, 1.0, window, nperseg, noverlap, nfft, true, true, time_axis,
                              freq_axis, scaling);
  };
  using std::nullopt;
  CUPP_EXPECT_THROW_MSG(
      istft_of(described({5}, dtype::complex128), nullopt, nullopt, nullopt, -1, -2, "spectrum"),
      cupp::value_error, "Input stft must be at least 2d!");
  CUPP_EXPECT_THROW_MSG(istft_of(z, nullopt, nullopt, nullopt, 0, 0, "spectrum"), cupp::value_error,
                        "Must specify differing time and frequency axes!");
  CUPP_EXPECT_THROW_MSG(istft_of(z, 0, nullopt, nullopt, -1, -2, "spectrum"), cupp::value_error,
                        "nperseg must be a positive integer");
  CUPP_EXPECT_THROW_MSG(istft_of(z, 64, nullopt, 32, -1, -2, "spectrum"), cupp::value_error,
                        "nfft must be greater than or equal to nperseg.");
  CUPP_EXPECT_THROW_MSG(istft_of(z, nullopt, 64, nullopt, -1, -2, "spectrum"), cupp::value_error,
                        "noverlap must be less than nperseg.");
  CUPP_EXPECT_THROW_MSG(istft_of(z, nullopt, nullopt, nullopt, -1, -2, "foo"), cupp::value_error,
                        "Parameter scaling='foo' not in ['spectrum', 'psd']!");
  CUPP_EXPECT_THROW_MSG(istft_of(z, nullopt, nullopt, nullopt, -1, -2, "spectrum", "nosuch"),
                        cupp::value_error,
                        "Invalid window name 'nosuch' in parameter window='nosuch'!");
}

TEST(SignalSpectral, CsdErrorsAsSciPy) {
  CUPP_EXPECT_THROW_MSG(
      sig::detail::csd(described({2, 40}), described({3, 40}), 1.0, "hann_periodic", 16,
                       std::nullopt, std::nullopt, "constant", true, "density", -1, "mean",
                       dtype::complex128),
      cupp::value_error, "x and y cannot be broadcast together.");
  CUPP_EXPECT_THROW_MSG(
      sig::detail::csd(described({40}), described({40}), 1.0, "hann_periodic", 16, 16, std::nullopt,
                       "constant", true, "density", -1, "mean", dtype::complex128),
      cupp::value_error, "noverlap=16 must be less than nperseg=16!");
}

TEST(SignalSpectral, SpectrogramErrorsAsSciPy) {
  const auto spec = [](std::optional<std::int64_t> nperseg, std::optional<std::int64_t> noverlap,
                       std::optional<std::int64_t> nfft, const std::string& scaling,
                       const std::string& mode) {
    return sig::detail::spectrogram(described({32}), 1.0, "hann", nperseg, noverlap, nfft,
                                    "constant", true, scaling, -1, mode, dtype::float64);
  };
  CUPP_EXPECT_THROW_MSG(spec(8, std::nullopt, 4, "density", "psd"), cupp::value_error,
                        "nfft must be greater than or equal to nperseg.");
  CUPP_EXPECT_THROW_MSG(spec(8, 8, std::nullopt, "density", "psd"), cupp::value_error,
                        "noverlap must be less than nperseg.");
  CUPP_EXPECT_THROW_MSG(spec(8, std::nullopt, std::nullopt, "foo", "psd"), cupp::value_error,
                        "Unknown scaling: 'foo'");
  CUPP_EXPECT_THROW_MSG(
      spec(8, std::nullopt, std::nullopt, "density", "foo"), cupp::value_error,
      "unknown value for mode foo, must be one of ['psd', 'complex', 'magnitude', 'angle', "
      "'phase']");
  CUPP_EXPECT_THROW_MSG(spec(8, std::nullopt, std::nullopt, "density", "phase"),
                        cupp::not_implemented_error, "spectrogram mode 'phase' is not implemented");
}

// spectrogram's default window, SciPy's get_window(("tukey_periodic", 0.5), 10).
TEST(SignalSpectral, DefaultSpectrogramWindow) {
  const std::vector<double> want = {
      0.0, 0.34549150281252633, 0.9045084971874737, 1.0, 1.0, 1.0, 1.0,
      1.0, 0.9045084971874735,  0.3454915028125262};
  const std::vector<double> got =
      sig::detail::get_window_values(sig::window_spec("tukey_periodic", 0.5), 10, true);
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-15) << i;
}

TEST(SignalSpectral, MedianBiasAsSciPy) {
  // scipy.signal._spectral_py._median_bias(n)
  EXPECT_DOUBLE_EQ(sig::detail::median_bias(1), 1.0);
  EXPECT_DOUBLE_EQ(sig::detail::median_bias(2), 1.0);
  EXPECT_DOUBLE_EQ(sig::detail::median_bias(7), 0.7595238095238095);
  EXPECT_DOUBLE_EQ(sig::detail::median_bias(30), 0.7100914710247312);
}

TEST(SignalSpectral, PsdDtypes) {
  EXPECT_EQ(sig::detail::psd_dtype(dtype::float32), dtype::float32);
  EXPECT_EQ(sig::detail::psd_dtype(dtype::complex64), dtype::float32);
  EXPECT_EQ(sig::detail::psd_dtype(dtype::float64), dtype::float64);
  EXPECT_EQ(sig::detail::psd_dtype(dtype::complex128), dtype::float64);
  EXPECT_EQ(sig::detail::psd_dtype(dtype::int16), dtype::float64);
}

class SignalSpectralGpu : public cupp::test::GpuTest {
 protected:
  cupp::npz_file npz = cupp::load_npz(std::string(CUPP_TEST_DATA_DIR) + "/signal/spectral.npz");
  cupp::npz_file snpz = cupp::load_npz(std::string(CUPP_TEST_DATA_DIR) + "/signal/stft.npz");
};

/// (f, Pxx) of one case as runtime arrays.
using spectral_fn = std::function<std::pair<cupp::array, cupp::array>(const cupp::array&)>;

template <class F>
std::pair<cupp::array, cupp::array> typed(const cupp::array& x, F&& f) {
  const auto pair = [](const auto& r) { return std::pair<cupp::array, cupp::array>(r.f, r.Pxx); };
  switch (x.dtype()) {
    case dtype::float32:
      return pair(f(x.as<float>()));
    case dtype::int64:
      return pair(f(x.as<std::int64_t>()));
    case dtype::complex128:
      return pair(f(x.as<std::complex<double>>()));
    default:
      return pair(f(x.as<double>()));
  }
}

TEST_F(SignalSpectralGpu, AgreesWithSciPy) {
  namespace ref = cupp::test::signal_ref;
  using std::nullopt;
  const auto W = [](auto&&... args) {
    return [=](const cupp::array& x) {
      return typed(x, [&](const auto& v) { return sig::welch(v, args...); });
    };
  };
  const auto P = [](auto&&... args) {
    return [=](const cupp::array& x) {
      return typed(x, [&](const auto& v) { return sig::periodogram(v, args...); });
    };
  };
  const sig::window_spec hann = "hann_periodic";
  const std::vector<std::pair<std::string, spectral_fn>> cases = {
      {"welch_default", W(100.0)},
      {"welch_params", W(10.0, sig::window_spec("hamming"), std::int64_t{100}, std::int64_t{30},
                         std::int64_t{128}, std::string("linear"), true, std::string("spectrum"))},
      {"welch_median", W(1.0, hann, std::int64_t{64}, nullopt, nullopt, std::string("constant"),
                         true, std::string("density"), -1, std::string("median"))},
      {"welch_twosided",
       W(1.0, hann, std::int64_t{50}, nullopt, std::int64_t{51}, std::string(""), false)},
      {"welch_axis0", W(1.0, hann, std::int64_t{64}, nullopt, nullopt, std::string("constant"),
                        true, std::string("density"), 0)},
      {"welch_kaiser", W(1.0, sig::window_spec("kaiser", 8.0), std::int64_t{40}, nullopt, nullopt,
                         std::string("constant"), true, std::string("density"), 1)},
      {"welch_complex", W(1.0, hann, std::int64_t{64})},
      {"welch_float32", W(1.0, hann, std::int64_t{128})},
      {"welch_int", W(1.0, hann, std::int64_t{32})},
      {"welch_short", W()},
      {"welch_strided", W(1.0, hann, std::int64_t{100}, std::int64_t{75})},
      {"periodogram_default", P(100.0)},
      {"periodogram_window", P(1.0, sig::window_spec("hann"), std::int64_t{1200},
                               std::string("constant"), true, std::string("spectrum"))},
      {"periodogram_short_nfft",
       P(1.0, sig::window_spec("boxcar"), std::int64_t{600}, std::string("linear"))},
      {"periodogram_axis0", P(1.0, sig::window_spec("boxcar"), nullopt, std::string(""), false,
                              std::string("density"), 0)},
      {"periodogram_odd", P()},
  };
  for (const auto& [name, f] : cases) {
    cupp::array x(npz[name + "__x"]);
    if (name == "welch_strided") x = ref::view_of(x, "s");
    const auto [fr, pxx] = f(x);
    const cupp::array want(npz[name + "__out"]);
    EXPECT_EQ(pxx.dtype(), want.dtype()) << name;
    EXPECT_TRUE(ref::close(fr, cupp::array(npz[name + "__f"]), name + " f", 10));
    // Sums of a few hundred products, relative to the largest density.
    EXPECT_TRUE(ref::close(pxx, want, name + " Pxx", 100));
  }
}

TEST_F(SignalSpectralGpu, CsdCoherenceAgreeWithSciPy) {
  namespace ref = cupp::test::signal_ref;
  using std::nullopt;
  using two =
      std::function<std::pair<cupp::array, cupp::array>(const cupp::array&, const cupp::array&)>;
  const auto C = [](auto&&... args) -> two {
    return [=](const cupp::array& x, const cupp::array& y) {
      if (x.dtype() == dtype::complex128) {
        const auto r =
            sig::csd(x.as<std::complex<double>>(), y.as<std::complex<double>>(), args...);
        return std::pair<cupp::array, cupp::array>(r.f, r.Pxx);
      }
      const auto r = sig::csd(x.as<double>(), y.as<double>(), args...);
      return std::pair<cupp::array, cupp::array>(r.f, r.Pxx);
    };
  };
  const auto H = [](auto&&... args) -> two {
    return [=](const cupp::array& x, const cupp::array& y) {
      const auto r = sig::coherence(x.as<double>(), y.as<double>(), args...);
      return std::pair<cupp::array, cupp::array>(r.f, r.Pxx);
    };
  };
  const sig::window_spec hann = "hann_periodic";
  const std::vector<std::pair<std::string, two>> cases = {
      {"csd_default", C(100.0)},
      {"csd_params", C(1.0, sig::window_spec("hamming"), std::int64_t{100}, std::int64_t{30},
                       std::int64_t{128}, std::string("linear"), true, std::string("spectrum"))},
      {"csd_median", C(1.0, hann, std::int64_t{64}, nullopt, nullopt, std::string("constant"), true,
                       std::string("density"), -1, std::string("median"))},
      {"csd_axis0", C(1.0, hann, std::int64_t{64}, nullopt, nullopt, std::string("constant"), true,
                      std::string("density"), 0)},
      {"csd_padded", C(1.0, hann, std::int64_t{128})},
      {"csd_complex", C(1.0, hann, std::int64_t{64})},
      {"coherence_default", H(100.0, hann, std::int64_t{128})},
      {"coherence_axis0",
       H(1.0, hann, std::int64_t{64}, nullopt, nullopt, std::string("constant"), 0)},
  };
  for (const auto& [name, f] : cases) {
    const auto [fr, pxy] = f(cupp::array(npz[name + "__x"]), cupp::array(npz[name + "__y"]));
    const cupp::array want(npz[name + "__out"]);
    EXPECT_EQ(pxy.dtype(), want.dtype()) << name;
    EXPECT_TRUE(ref::close(fr, cupp::array(npz[name + "__f"]), name + " f", 10));
    EXPECT_TRUE(ref::close(pxy, want, name + " Pxy", 100));
  }
}

TEST_F(SignalSpectralGpu, SpectrogramAgreesWithSciPy) {
  namespace ref = cupp::test::signal_ref;
  using std::nullopt;
  using three = std::function<sig::spectrogram_result<double>(const cupp::array&)>;
  const auto S = [](auto&&... args) -> three {
    return [=](const cupp::array& x) { return sig::spectrogram(x.as<double>(), args...); };
  };
  const sig::window_spec tukey("tukey_periodic", 0.25);
  const std::vector<std::pair<std::string, three>> cases = {
      {"spectrogram_default", S(100.0)},
      {"spectrogram_params",
       S(1.0, sig::window_spec("hann"), std::int64_t{64}, std::int64_t{16}, std::int64_t{100},
         std::string("linear"), true, std::string("spectrum"))},
      {"spectrogram_magnitude",
       S(1.0, tukey, std::int64_t{50}, nullopt, nullopt, std::string("constant"), true,
         std::string("density"), -1, std::string("magnitude"))},
      {"spectrogram_angle",
       S(1.0, tukey, std::int64_t{50}, nullopt, std::int64_t{51}, std::string(""), true,
         std::string("density"), -1, std::string("angle"))},
      {"spectrogram_axis0", S(1.0, tukey, std::int64_t{64}, nullopt, nullopt,
                              std::string("constant"), true, std::string("density"), 0)},
  };
  for (const auto& [name, f] : cases) {
    const auto r = f(cupp::array(npz[name + "__x"]));
    cupp::array got(r.Sxx), want(npz[name + "__out"]);
    if (name == "spectrogram_angle") {
      // The zero frequency is real: its angle, 0 or pi, follows the sign of a rounding.
      const std::vector<cupp::detail::index_item> rest = {cupp::slice(1, std::nullopt),
                                                          cupp::slice()};
      got = cupp::array(cupp::detail::index_view(got.desc(), rest));
      want = cupp::array(cupp::detail::index_view(want.desc(), rest));
    }
    EXPECT_TRUE(ref::close(r.f, cupp::array(npz[name + "__f"]), name + " f", 10));
    EXPECT_TRUE(ref::close(r.t, cupp::array(npz[name + "__t"]), name + " t", 10));
    EXPECT_TRUE(ref::close(got, want, name + " Sxx", 100));
  }
  const auto r32 = sig::spectrogram(cupp::array(npz["spectrogram_float32__x"]).as<float>(), 1.0,
                                    tukey, std::int64_t{128});
  EXPECT_EQ(r32.Sxx.dtype(), dtype::float32);
  EXPECT_TRUE(ref::close(r32.Sxx, cupp::array(npz["spectrogram_float32__out"]), "float32", 100));
}

TEST_F(SignalSpectralGpu, StftAgreesWithSciPy) {
  namespace ref = cupp::test::signal_ref;
  using std::nullopt;
  using zxx = std::function<sig::spectrogram_result<std::complex<double>>(const cupp::array&)>;
  const auto S = [](auto&&... args) -> zxx {
    return [=](const cupp::array& x) { return sig::stft(x.as<double>(), args...); };
  };
  const auto C = [](auto&&... args) -> zxx {
    return [=](const cupp::array& x) { return sig::stft(x.as<std::complex<double>>(), args...); };
  };
  using i64 = std::int64_t;
  using opt_str = std::optional<std::string>;
  const sig::window_spec hann("hann_periodic");
  const std::vector<std::pair<std::string, zxx>> cases = {
      {"stft_default", S(100.0)},
      {"stft_params",
       S(10.0, sig::window_spec("hamming"), i64{100}, i64{30}, i64{128}, std::string("linear"),
         true, opt_str("zeros"), true, -1, std::string("psd"))},
      {"stft_even",
       S(1.0, hann, i64{64}, nullopt, nullopt, std::string(""), true, opt_str("even"))},
      {"stft_odd", S(1.0, hann, i64{63}, i64{20}, nullopt, std::string(""), true, opt_str("odd"))},
      {"stft_constant",
       S(1.0, hann, i64{50}, nullopt, nullopt, std::string(""), true, opt_str("constant"), false)},
      {"stft_none",
       S(1.0, hann, i64{80}, nullopt, nullopt, std::string(""), true, opt_str(), false)},
      {"stft_none_padded",
       S(1.0, hann, i64{80}, i64{10}, nullopt, std::string(""), true, opt_str())},
      {"stft_twosided", S(1.0, hann, i64{50}, nullopt, i64{51}, std::string(""), false)},
      {"stft_axis0",
       S(1.0, hann, i64{32}, nullopt, nullopt, std::string(""), true, opt_str("zeros"), true, 0)},
      {"stft_complex", C(1.0, hann, i64{64}, nullopt, nullopt, std::string("constant"))},
      {"stft_short", S()},
  };
  for (const auto& [name, f] : cases) {
    const auto r = f(cupp::array(snpz[name + "__x"]));
    EXPECT_TRUE(ref::close(r.f, cupp::array(snpz[name + "__f"]), name + " f", 10));
    EXPECT_TRUE(ref::close(r.t, cupp::array(snpz[name + "__t"]), name + " t", 10));
    EXPECT_TRUE(ref::close(r.Sxx, cupp::array(snpz[name + "__out"]), name + " Zxx", 100));
  }
  const auto r32 =
      sig::stft(cupp::array(snpz["stft_float32__x"]).as<float>(), 1.0, hann, std::int64_t{128});
  EXPECT_EQ(r32.Sxx.dtype(), dtype::complex64);
  EXPECT_TRUE(ref::close(r32.Sxx, cupp::array(snpz["stft_float32__out"]), "float32", 100));
  // A strided signal (every other sample of stft_default's) and an empty one.
  const cupp::ndarray<double> whole = cupp::array(snpz["stft_default__x"]).as<double>();
  const cupp::ndarray<double> every_other(
      cupp::detail::index_view(whole.desc(), {cupp::slice(std::nullopt, std::nullopt, 2)}));
  const auto rs = sig::stft(every_other, 1.0, hann, std::int64_t{64});
  const auto rc = sig::stft(cupp::ascontiguousarray(every_other), 1.0, hann, std::int64_t{64});
  EXPECT_TRUE(ref::close(rs.Sxx, rc.Sxx, "strided", 1));
  const auto re = sig::stft(cupp::zeros<double>({3, 0}));
  EXPECT_EQ(re.Sxx.shape(), (cupp::shape_t{3, 0}));
}

TEST_F(SignalSpectralGpu, IstftAgreesWithSciPy) {
  namespace ref = cupp::test::signal_ref;
  using std::nullopt;
  using i64 = std::int64_t;
  using inverse = std::function<sig::istft_result(const cupp::array&)>;
  const auto I = [](auto&&... args) -> inverse {
    return [=](const cupp::array& z) { return sig::istft(z.as<std::complex<double>>(), args...); };
  };
  const sig::window_spec hann("hann_periodic");
  const std::vector<std::pair<std::string, inverse>> cases = {
      {"istft_default", I(100.0)},
      {"istft_params", I(10.0, sig::window_spec("hamming"), i64{100}, i64{30}, i64{128}, true, true,
                         -1, -2, std::string("psd"))},
      {"istft_twosided", I(1.0, hann, i64{50}, nullopt, i64{51}, false)},
      {"istft_axes", I(1.0, hann, i64{32}, nullopt, nullopt, true, true, -1, 0)},
      {"istft_noboundary", I(1.0, hann, i64{80}, i64{10}, nullopt, true, false)},
      {"istft_complex", I(1.0, hann, nullopt, nullopt, nullopt, false)},
      {"istft_random", I(1.0, sig::window_spec("hamming"), nullopt, i64{40})},
  };
  for (const auto& [name, f] : cases) {
    const auto r = f(cupp::array(snpz[name + "__z"]));
    const cupp::array want(snpz[name + "__x"]);
    EXPECT_EQ(r.x.dtype(), want.dtype()) << name;
    EXPECT_TRUE(ref::close(r.t, cupp::array(snpz[name + "__t"]), name + " t", 10));
    EXPECT_TRUE(ref::close(r.x, want, name + " x", 100));
  }
  const auto r32 = sig::istft(cupp::array(snpz["istft_float32__z"]).as<std::complex<float>>());
  EXPECT_EQ(r32.x.dtype(), dtype::float32);
  EXPECT_TRUE(ref::close(r32.x, cupp::array(snpz["istft_float32__x"]), "float32", 100));
  // The round trip: istft(stft(x)) is x for a COLA window.
  const cupp::ndarray<double> x = cupp::array(snpz["stft_default__x"]).as<double>();
  const auto forward = sig::stft(x, 1.0, hann, std::int64_t{64});
  const auto back = sig::istft(forward.Sxx, 1.0, hann, std::int64_t{64});
  const cupp::array head(cupp::detail::index_view(back.x.desc(), {cupp::slice(0, 700)}));
  EXPECT_TRUE(ref::close(head, cupp::array(x), "round trip", 10));
}

TEST_F(SignalSpectralGpu, LombscargleAgreesWithSciPy) {
  namespace ref = cupp::test::signal_ref;
  const cupp::array x(npz["lomb__x"]), y(npz["lomb__y"]), f(npz["lomb__f"]), w(npz["lomb__w"]);
  // example-begin signal_lombscargle
  namespace signal = cupp::scipy::signal;
  // x: sample times in any order and spacing, y: the samples, f: angular frequencies
  const cupp::ndarray<double> p = signal::lombscargle(x, y, f);
  const cupp::ndarray<double> pn = signal::lombscargle(x, y, f, false, "normalize");
  const cupp::ndarray<double> pw = signal::lombscargle(x, y, f, false, true, w, true);
  const cupp::ndarray<std::complex<double>> amp =
      signal::lombscargle_amplitude(x, y, f, std::nullopt, true);
  // example-end
  EXPECT_TRUE(ref::close(p, cupp::array(npz["lomb_power"]), "power", 10));
  EXPECT_TRUE(ref::close(pn, cupp::array(npz["lomb_normalize"]), "normalize", 10));
  EXPECT_TRUE(ref::close(pw, cupp::array(npz["lomb_weighted_floating"]), "weighted", 10));
  EXPECT_TRUE(ref::close(amp, cupp::array(npz["lomb_amplitude"]), "amplitude", 10));
  EXPECT_TRUE(ref::close(signal::lombscargle(x, y, f, true), cupp::array(npz["lomb_precenter"]),
                         "precenter", 10));
  // int16 times and samples compute in float64, as SciPy's
  const cupp::ndarray<std::int16_t> ti = cupp::arange<std::int16_t>(0, 40);
  const cupp::ndarray<double> f50 = f.as<double>()(cupp::slice(0, 50));
  const cupp::ndarray<double> pi =
      signal::lombscargle(ti, cupp::remainder(ti, std::int16_t(7)), f50);
  EXPECT_TRUE(ref::close(pi, cupp::array(npz["lomb_int"]), "int16", 10));
  // SciPy's errors
  EXPECT_THROW(signal::lombscargle(x, f, f), cupp::value_error);  // unequal lengths
  EXPECT_THROW(signal::lombscargle(x, y, cupp::zeros<double>({0})), cupp::value_error);
  EXPECT_THROW(signal::lombscargle(x, y, f, false, false, w * -1.0), cupp::value_error);
  EXPECT_THROW(signal::lombscargle(x, y, f, false, "amplitude"), cupp::value_error);
  EXPECT_THROW(signal::lombscargle(x, y, f, false, "db"), cupp::value_error);
}

TEST_F(SignalSpectralGpu, EmptyInput) {
  const auto [f, pxx] = sig::welch(cupp::zeros<double>({3, 0}));
  EXPECT_EQ(f.shape(), (cupp::shape_t{3, 0}));
  EXPECT_EQ(pxx.shape(), (cupp::shape_t{3, 0}));
}

TEST_F(SignalSpectralGpu, DocumentedExamples) {
  // example-begin signal_welch
  namespace signal = cupp::scipy::signal;
  const double fs = 1000.0;
  const cupp::ndarray<double> t = cupp::arange(0.0, 4096.0) / fs;
  const cupp::ndarray<double> x = cupp::sin(2 * M_PI * 125.0 * t);  // a 125 Hz tone
  const auto [f, Pxx] = signal::welch(x, fs, "hann", 256);          // 129 bins, 3.90625 Hz apart
  const auto [fp, Pp] = signal::periodogram(x, fs, "boxcar", std::nullopt, "constant", true,
                                            "spectrum");  // the tone's power: 0.5 V**2 at 125 Hz
  // example-end
  const std::vector<double> pxx = Pxx.get(), pp = Pp.get();
  EXPECT_EQ(pxx.size(), 129u);
  EXPECT_NEAR(f.get()[32], 125.0, 1e-12);
  for (std::size_t k = 0; k < pxx.size(); ++k)
    if (k != 32) {
      EXPECT_LT(pxx[k], pxx[32]);
    }
  EXPECT_NEAR(pp[512], 0.5, 1e-9);  // 125 Hz at a resolution of 1000 / 4096 Hz
  EXPECT_NEAR(fp.get()[512], 125.0, 1e-12);
}

}  // namespace
