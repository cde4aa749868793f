// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The peak finding of cupp::scipy::signal (and short inputs of the other functions): SciPy's errors
// and the distance selection on the host, the kernels compiled for sm_90, and find_peaks,
// peak_prominences, peak_widths and argrelmin/argrelmax/argrelextrema on the device against SciPy's
// own (tests/signal/make_signal.py -> tests/data/signal/signal.npz).
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <memory>
#include <optional>
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

TEST(SignalPeaks, ErrorsAsSciPy) {
  sig::peak_properties props;
  CUPP_EXPECT_THROW_MSG(sig::detail::find_peaks(described({3, 3}), {}, {}, std::nullopt, {}, {},
                                                std::nullopt, 0.5, {}, props),
                        cupp::value_error, "`x` must be a 1-D array");
  CUPP_EXPECT_THROW_MSG(sig::detail::argrelextrema(described({5}), "less", 0, 0, "clip"),
                        cupp::value_error, "Order must be an int >= 1");
}

// SciPy's _select_by_peak_distance: the highest peak first, then every peak closer than
// ceil(distance) to a kept one goes.
TEST(SignalPeaks, DistanceSelection) {
  const std::vector<std::int64_t> peaks = {2, 5, 7, 12, 14, 20};
  const std::vector<double> height = {1.0, 3.0, 2.0, 0.5, 0.7, 1.0};
  EXPECT_EQ(sig::detail::select_by_peak_distance(peaks, height, 3.0),
            (std::vector<unsigned char>{1, 1, 0, 0, 1, 1}));
  EXPECT_EQ(sig::detail::select_by_peak_distance(peaks, height, 2.5),  // ceil: 3
            (std::vector<unsigned char>{1, 1, 0, 0, 1, 1}));
  EXPECT_EQ(sig::detail::select_by_peak_distance(peaks, height, 1.0),
            (std::vector<unsigned char>{1, 1, 1, 1, 1, 1}));
  EXPECT_EQ(sig::detail::select_by_peak_distance(peaks, height, 10.0),
            (std::vector<unsigned char>{0, 1, 0, 0, 0, 1}));
}

TEST(SignalPeaks, KernelsCompileForSm90) {
  cupp::jit::compiler c("");
  std::shared_ptr<const cupp::jit::compiled_module> m;
  EXPECT_NO_THROW(m = c.compile(sig::detail::peaks_kernel_source(), {}, {}, 90));
  if (m) {
    for (const char* name :
         {"cupp_sig_local_maxima", "cupp_sig_peak_prominences", "cupp_sig_peak_widths"})
      EXPECT_NE(m->image.find(name), std::string::npos) << name;
  }
}

class SignalPeaksGpu : public cupp::test::GpuTest {};

/// "0.1,None" as an interval; "0.2" as a minimum; "" as SciPy's None.
sig::interval interval_of(const std::string& s) {
  if (s.empty()) return {};
  const auto comma = s.find(',');
  if (comma == std::string::npos) return std::stod(s);
  const auto part = [](const std::string& v) -> std::optional<double> {
    if (v == "None") return std::nullopt;
    return std::stod(v);
  };
  return {part(s.substr(0, comma)), part(s.substr(comma + 1))};
}

TEST_F(SignalPeaksGpu, AgreesWithSciPy) {
  namespace ref = cupp::test::signal_ref;
  const cupp::npz_file npz = ref::reference();
  int checked = 0;
  for (const ref::signal_case& c : ref::cases(npz)) {
    const std::string& f = c.function;
    SCOPED_TRACE(c.name);
    const auto property = [&](const std::string& name, const auto& got) {
      const std::string key = c.name + "__p_" + name;
      EXPECT_EQ(npz.contains(key), got.has_value()) << name;
      if (npz.contains(key) && got) {
        EXPECT_TRUE(ref::close(cupp::array(*got), npz[key], name, 10));
      }
    };
    if (f == "find_peaks") {
      const cupp::array x = npz[c.name + "__x"];
      std::optional<double> distance, wlen;
      if (!c.param("distance").empty()) distance = std::stod(c.param("distance"));
      if (!c.param("wlen").empty()) wlen = std::stod(c.param("wlen"));
      sig::peak_properties p;
      const cupp::array peaks(sig::detail::find_peaks(
          x.desc(), interval_of(c.param("height")), interval_of(c.param("threshold")), distance,
          interval_of(c.param("prominence")), interval_of(c.param("width")), wlen,
          std::stod(c.param("rel_height", "0.5")), interval_of(c.param("plateau")), p));
      EXPECT_TRUE(ref::close(peaks, npz[c.name + "__out"], "peaks"));
      property("peak_heights", p.peak_heights);
      property("left_thresholds", p.left_thresholds);
      property("right_thresholds", p.right_thresholds);
      property("prominences", p.prominences);
      property("left_bases", p.left_bases);
      property("right_bases", p.right_bases);
      property("width_heights", p.width_heights);
      property("widths", p.widths);
      property("left_ips", p.left_ips);
      property("right_ips", p.right_ips);
      property("plateau_sizes", p.plateau_sizes);
      property("left_edges", p.left_edges);
      property("right_edges", p.right_edges);
    } else if (f == "peak_prominences" || f == "peak_widths") {
      const cupp::array x = npz[c.name + "__x"], peaks = npz[c.name + "__peaks"];
      if (f == "peak_prominences") {
        std::optional<double> wlen;
        if (!c.param("wlen").empty()) wlen = std::stod(c.param("wlen"));
        auto [pr, lb, rb] = sig::detail::peak_prominences(x.desc(), peaks.desc(), wlen);
        EXPECT_TRUE(ref::close(cupp::array(pr), npz[c.name + "__out"], "prominences"));
        EXPECT_TRUE(ref::close(cupp::array(lb), npz[c.name + "__p_left_bases"], "left_bases"));
        EXPECT_TRUE(ref::close(cupp::array(rb), npz[c.name + "__p_right_bases"], "right_bases"));
      } else {
        auto [w, h, l, r] = sig::detail::peak_widths(
            x.desc(), peaks.desc(), std::stod(c.param("rel_height")), nullptr, std::nullopt);
        EXPECT_TRUE(ref::close(cupp::array(w), npz[c.name + "__out"], "widths", 10));
        EXPECT_TRUE(ref::close(cupp::array(h), npz[c.name + "__p_width_heights"], "heights", 10));
        EXPECT_TRUE(ref::close(cupp::array(l), npz[c.name + "__p_left_ips"], "left_ips", 10));
        EXPECT_TRUE(ref::close(cupp::array(r), npz[c.name + "__p_right_ips"], "right_ips", 10));
      }
    } else if (f == "argrelmin" || f == "argrelmax" || f == "argrelextrema") {
      const cupp::array x = npz[c.name + "__x"];
      const std::string cmp = f == "argrelmin"   ? "less"
                              : f == "argrelmax" ? "greater"
                                                 : c.param("cmp");
      const std::vector<array_desc> got =
          sig::detail::argrelextrema(x.desc(), cmp, std::stoi(c.param("axis")),
                                     std::stoi(c.param("order")), c.param("mode", "clip"));
      const cupp::array want = npz[c.name + "__out"];
      ASSERT_EQ(static_cast<std::int64_t>(got.size()), want.shape()[0]);
      for (std::size_t d = 0; d < got.size(); ++d)
        EXPECT_TRUE(ref::close(
            cupp::array(got[d]),
            cupp::array(cupp::detail::index_view(want.desc(), {static_cast<std::int64_t>(d)})),
            "indices of axis " + std::to_string(d)));
    } else {
      continue;
    }
    ++checked;
  }
  EXPECT_EQ(checked, 30);  // every peak-finding case of the archive
}

TEST_F(SignalPeaksGpu, DocumentedExamples) {
  // example-begin signal_find_peaks
  namespace signal = cupp::scipy::signal;
  const auto x = cupp::asarray<double>({0, 2, 1, 3, 3, 3, 0, 5, 4, 1, 0});
  const auto [peaks, props] = signal::find_peaks(x, 1.5, {}, std::nullopt, 1.0);
  // peaks [1, 4, 7]: the plateau 3, 3, 3 counts at its middle; height >= 1.5, prominence >= 1
  // props.peak_heights [2, 3, 5]; props.prominences [1, 3, 5]
  const auto [lo, hi] = std::pair{signal::argrelmin(x), signal::argrelmax(x)};
  // lo[0] [2, 6]; hi[0] [1, 7]: strict neighbours on both sides (the plateau is neither)
  // example-end
  EXPECT_EQ(peaks.get(), (std::vector<std::int64_t>{1, 4, 7}));
  ASSERT_TRUE(props.peak_heights && props.prominences);
  EXPECT_EQ(props.peak_heights->get(), (std::vector<double>{2, 3, 5}));
  EXPECT_EQ(props.prominences->get(), (std::vector<double>{1, 3, 5}));
  EXPECT_FALSE(props.widths.has_value());
  EXPECT_EQ(lo[0].get(), (std::vector<std::int64_t>{2, 6}));
  EXPECT_EQ(hi[0].get(), (std::vector<std::int64_t>{1, 7}));
}

}  // namespace

namespace {

// Empty and very short inputs through the device paths (no kernel is launched on nothing),
// against SciPy's results.
TEST_F(SignalPeaksGpu, EmptyAndShortInputs) {
  namespace signal = cupp::scipy::signal;
  EXPECT_EQ(signal::find_peaks(cupp::zeros<double>({0})).first.size(), 0);
  EXPECT_EQ(signal::find_peaks(cupp::asarray<double>({1})).first.size(), 0);
  EXPECT_EQ(signal::find_peaks(cupp::asarray<double>({1, 2})).first.size(), 0);
  EXPECT_EQ(signal::find_peaks(cupp::asarray<double>({0, 1, 0})).first.get(),
            (std::vector<std::int64_t>{1}));
  EXPECT_EQ(signal::argrelmax(cupp::asarray<double>({1}))[0].size(), 0);
  // An empty axis: y is empty and the final state is the initial one (SciPy leaves it
  // uninitialised).
  const auto b = cupp::asarray<double>({1, 2}), a = cupp::asarray<double>({1, 0.5});
  const auto [y, zf] =
      signal::lfilter(b, a, cupp::zeros<double>({3, 0}), -1, cupp::ones<double>({3, 1}));
  EXPECT_EQ(y.shape(), (cupp::shape_t{3, 0}));
  EXPECT_EQ(zf.get(), (std::vector<double>{1, 1, 1}));
  EXPECT_EQ(signal::lfilter(b, a, cupp::asarray<double>({2})).get(), (std::vector<double>{2}));
  const auto sos = cupp::asarray<double>({{1, 2, 1, 1, -0.5, 0.25}});
  EXPECT_EQ(signal::sosfilt(sos, cupp::asarray<double>({2})).get(), (std::vector<double>{2}));
  EXPECT_EQ(signal::upfirdn(cupp::asarray<double>({1, 2, 3}), cupp::asarray<double>({2}), 2).get(),
            (std::vector<double>{2, 4, 6}));
  EXPECT_EQ(signal::resample_poly(cupp::asarray<double>({3}), 3, 2).shape(), (cupp::shape_t{2}));
  EXPECT_NEAR(signal::detrend(cupp::asarray<double>({5})).get()[0], 0.0, 1e-12);
  const std::vector<std::complex<double>> h = signal::hilbert(cupp::asarray<double>({2})).get();
  ASSERT_EQ(h.size(), 1u);
  EXPECT_NEAR(h[0].real(), 2.0, 1e-12);
  EXPECT_NEAR(h[0].imag(), 0.0, 1e-12);
  EXPECT_EQ(signal::fftconvolve(cupp::zeros<float>({0}), cupp::ones<float>({3})).shape(),
            (cupp::shape_t{0}));
}

}  // namespace
