// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The linear filters of cupp::scipy::signal: SciPy's argument errors, its steady states
// (lfilter_zi, lfiltic, sosfilt_zi) and the chunk carry of Note [Parallel linear recursion] on
// the host, the kernels compiled for sm_90, and the device results against SciPy's own
// (tests/signal/make_signal.py -> tests/data/signal/signal.npz) and a host loop.
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <memory>
#include <optional>
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
using cd = std::complex<double>;

/// A description with no memory (tests/support/described.hpp) of dtype `dt`.
array_desc described(const cupp::shape_t& shape, dtype dt = dtype::float64) {
  return cupp::test::described(shape, dt);
}

void expect_values(const std::vector<cd>& got, const std::vector<double>& want, double tol) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_NEAR(got[i].real(), want[i], tol) << i;
    EXPECT_EQ(got[i].imag(), 0.0) << i;
  }
}

std::vector<cd> complexes(const std::vector<double>& v) { return {v.begin(), v.end()}; }

// ---- SciPy's errors (those that fire before any device value is read)
// ------------------------------

TEST(SignalLfilter, ErrorsAsSciPy) {
  const array_desc x = described({10});
  CUPP_EXPECT_THROW_MSG(
      sig::detail::lfilter(described({0}), described({1}), x, -1, nullptr, nullptr, dtype::float64),
      cupp::value_error, "Parameter b is not a non-empty 1d array, since b.shape=(0,)!");
  CUPP_EXPECT_THROW_MSG(sig::detail::lfilter(described({2}), described({1, 1}), x, -1, nullptr,
                                             nullptr, dtype::float64),
                        cupp::value_error,
                        "Parameter a is not a non-empty 1d array, since a.shape=(1, 1)!");
  CUPP_EXPECT_THROW_MSG(
      sig::detail::sosfilt(described({2, 5}), x, -1, nullptr, nullptr, dtype::float64),
      cupp::value_error, "sos array must be shape (n_sections, 6)");
  CUPP_EXPECT_THROW_MSG(
      sig::detail::sosfilt(described({2, 6}), described({}), -1, nullptr, nullptr, dtype::float64),
      cupp::value_error, "x must be at least 1-D");
  CUPP_EXPECT_THROW_MSG(
      sig::detail::sosfilt(described({1, 2, 6}), x, -1, nullptr, nullptr, dtype::float64),
      cupp::value_error, "sos array must be 2D");
  CUPP_EXPECT_THROW_MSG(
      sig::detail::sosfilt(described({0, 6}), x, -1, nullptr, nullptr, dtype::float64),
      cupp::value_error, "sos array must have at least one section");
  CUPP_EXPECT_THROW_MSG(sig::detail::sosfilt_zi(described({2, 5}), dtype::float64),
                        cupp::value_error, "sos must be shape (n_sections, 6)");
  CUPP_EXPECT_THROW_MSG(sig::detail::filtfilt(described({2}), described({2}), x, -1, "odd",
                                              std::nullopt, "x", dtype::float64),
                        cupp::value_error, "method must be 'pad' or 'gust'.");
  EXPECT_THROW(sig::detail::filtfilt(described({2}), described({2}), x, -1, "odd", std::nullopt,
                                     "gust", dtype::float64),
               cupp::not_implemented_error);
  CUPP_EXPECT_THROW_MSG(sig::detail::lfilter_zi(described({2, 2}), described({2}), dtype::float64),
                        cupp::value_error, "Numerator b must be 1-D.");
  CUPP_EXPECT_THROW_MSG(sig::detail::lfilter_zi(described({2}), described({2, 2}), dtype::float64),
                        cupp::value_error, "Denominator a must be 1-D.");
  CUPP_EXPECT_THROW_MSG(sig::detail::lfilter_zi_values({1.0}, {}), cupp::value_error,
                        "There must be at least one nonzero `a` coefficient.");
  CUPP_EXPECT_THROW_MSG(sig::detail::lfiltic_values({1.0}, {0.0, 1.0}, {1.0}, {}),
                        cupp::value_error, "First `a` filter coefficient must be non-zero.");
}

// The dtypes: float32 stays float32, integers and bool compute in float64, float16 in float32.
TEST(SignalLfilter, FilterDtypes) {
  static_assert(sig::detail::filter_dtype({dtype::float32, dtype::float32}) == dtype::float32);
  static_assert(std::is_same_v<sig::detail::filter_t<float, float, float>, float>);
  static_assert(std::is_same_v<sig::detail::filter_t<double, double, float>, double>);
  static_assert(std::is_same_v<sig::detail::filter_t<float, float, std::int32_t>, double>);
  static_assert(std::is_same_v<sig::detail::filter_t<std::int64_t, std::int64_t>, double>);
  static_assert(std::is_same_v<sig::detail::filter_t<cupp::float16, cupp::float16>, float>);
  static_assert(std::is_same_v<sig::detail::filter_t<float, float, std::complex<float>>,
                               std::complex<float>>);
  static_assert(
      std::is_same_v<sig::detail::filter_t<double, std::complex<float>>, std::complex<double>>);
  SUCCEED();
}

// ---- host math against SciPy's values
// ---------------------------------------------------------------

TEST(SignalLfilter, SteadyStatesAsSciPy) {
  // scipy.signal.butter(3, 0.2) and its lfilter_zi.
  const std::vector<double> b = {0.01809893300751443, 0.05429679902254328, 0.05429679902254328,
                                 0.01809893300751443};
  const std::vector<double> a = {1.0, -1.7600418803431688, 1.182893262037831, -0.27805991763454646};
  expect_values(sig::detail::lfilter_zi_values(complexes(b), complexes(a)),
                {0.9819010669924833, -0.8324376123732247, 0.2961588506420602}, 1e-13);
  // A leading zero of a is dropped; a is normalised.
  expect_values(sig::detail::lfilter_zi_values({1.0, 2.0, 3.0}, {0.0, 2.0, 1.0}), {1.5, 1.5},
                1e-14);
  expect_values(sig::detail::lfilter_zi_values({2.0}, {4.0, 1.0, 0.5}),
                {-0.13636363636363638, -0.04545454545454546}, 1e-15);
  EXPECT_TRUE(sig::detail::lfilter_zi_values({2.0}, {4.0}).empty());
  // lfiltic(b, a, y, x) and lfiltic(b, a, y).
  expect_values(
      sig::detail::lfiltic_values({1.0, 2.0, 3.0}, {1.0, -0.5, 0.25}, {1.0, 2.0}, {3.0, 4.0}),
      {18.0, 8.75}, 1e-14);
  expect_values(sig::detail::lfiltic_values({1.0, 2.0}, {2.0, -0.5, 0.25, 0.1}, {1.0}, {}),
                {0.25, -0.125, -0.05}, 1e-15);
}

// A^L of the recursion against the matrix power of the state-space matrix written out by hand:
// for two second-order sections the states are (z00, z01, z10, z11), the second section's input
// being the first's output z00 when the input is zero.
TEST(SignalLfilter, RecursionPowerIsTheStateMatrixPower) {
  const double a1 = -0.5, a2 = 0.25, c0 = 0.5, c1 = 0.2, c2 = 0.1, d1 = 0.1, d2 = 0.3;
  const std::vector<cd> coef = {1, 2, 1, 1, a1, a2, c0, c1, c2, 1, d1, d2};
  // Row i: z_i' as a combination of (z00, z01, z10, z11).
  const double A[4][4] = {
      {-a1, 1, 0, 0},
      {-a2, 0, 0, 0},
      {c1 - d1 * c0, 0, -d1, 1},
      {c2 - d2 * c0, 0, -d2, 0},
  };
  std::vector<double> p(16, 0.0);
  for (int i = 0; i < 4; ++i) p[i * 4 + i] = 1.0;
  const int steps = 7;
  for (int s = 0; s < steps; ++s) {
    std::vector<double> q(16, 0.0);
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 4; ++j)
        for (int k = 0; k < 4; ++k) q[i * 4 + j] += A[i][k] * p[k * 4 + j];
    p = q;
  }
  expect_values(sig::detail::recursion_power(coef, 2, 2, steps), p, 1e-14);
  // First order: (-a1)^L.
  const auto one = sig::detail::recursion_power({1.0, 0.3, 1.0, -0.9}, 1, 1, 10);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_NEAR(one[0].real(), std::pow(0.9, 10), 1e-15);
}

TEST(SignalLfilter, KernelsCompileForSm90) {
  cupp::jit::compiler c("");
  struct variant {
    dtype dt;
    int sections, order;
  };
  for (const variant& v : {variant{dtype::float32, 1, 8}, variant{dtype::float64, 8, 2},
                           variant{dtype::complex128, 1, 4}, variant{dtype::float32, 1, 0},
                           variant{dtype::complex64, 2, 2}}) {
    const std::string name = sig::detail::lfilter_kernel_name(v.dt, v.sections, v.order);
    SCOPED_TRACE(name);
    std::shared_ptr<const cupp::jit::compiled_module> m;
    EXPECT_NO_THROW(
        m = c.compile(sig::detail::lfilter_kernel_source(v.dt, v.sections, v.order), {}, {}, 90));
    if (m) {
      EXPECT_NE(m->image.find(name), std::string::npos);
      EXPECT_NE(m->image.find(name + "_combine"), std::string::npos);
    }
  }
}

// ---- against SciPy on the device ----------------------------------------------------------------

class SignalLfilterGpu : public cupp::test::GpuTest {};

/// `a` sampled at every `every`-th element along `axis` (all of it for 0).
cupp::array sampled(const cupp::array& a, int axis, int every) {
  if (every <= 1) return a;
  std::vector<cupp::detail::index_item> items(static_cast<std::size_t>(a.ndim()), cupp::slice());
  const auto ax = static_cast<std::size_t>(cupp::normalize_axis(axis, a.ndim()));
  items[ax] = cupp::slice(std::nullopt, std::nullopt, every);
  return cupp::array(cupp::detail::index_view(a.desc(), items));
}

TEST_F(SignalLfilterGpu, AgreesWithSciPy) {
  namespace ref = cupp::test::signal_ref;
  const cupp::npz_file npz = ref::reference();
  int checked = 0;
  for (const ref::signal_case& c : ref::cases(npz)) {
    const bool tf = c.function == "lfilter" || c.function == "filtfilt";
    const bool sos = c.function == "sosfilt" || c.function == "sosfiltfilt";
    if (!tf && !sos) continue;
    SCOPED_TRACE(c.name);
    const dtype xdt = cupp::dtype_from_name(c.param("dt"));
    const cupp::array x = ref::view_of(npz[c.name + "__x"].astype(xdt), c.param("view"));
    const int axis = std::stoi(c.param("axis", "-1"));
    const int every = std::stoi(c.param("every", "1"));
    const bool with_zi = npz.contains(c.name + "__zi");
    std::optional<cupp::array> zi;
    if (with_zi) zi = npz[c.name + "__zi"];
    std::optional<std::string> padtype = c.param("padtype", "odd");
    if (*padtype == "None") padtype = std::nullopt;
    std::optional<std::int64_t> padlen;
    if (!c.param("padlen").empty()) padlen = std::stoll(c.param("padlen"));
    const cupp::array want = npz[c.name + "__out"];
    array_desc zf;
    cupp::array got;
    if (tf) {
      const cupp::array b = npz[c.name + "__b"], a = npz[c.name + "__a"];
      const dtype r = with_zi ? sig::detail::filter_dtype({b.dtype(), a.dtype(), xdt, zi->dtype()})
                              : sig::detail::filter_dtype({b.dtype(), a.dtype(), xdt});
      if (c.function == "lfilter")
        got = cupp::array(sig::detail::lfilter(b.desc(), a.desc(), x.desc(), axis,
                                               with_zi ? &zi->desc() : nullptr,
                                               with_zi ? &zf : nullptr, r));
      else
        got = cupp::array(
            sig::detail::filtfilt(b.desc(), a.desc(), x.desc(), axis, padtype, padlen, "pad", r));
    } else {
      const cupp::array s = npz[c.name + "__sos"];
      const dtype r = with_zi ? sig::detail::filter_dtype({s.dtype(), xdt, zi->dtype()})
                              : sig::detail::filter_dtype({s.dtype(), xdt});
      if (c.function == "sosfilt")
        got = cupp::array(sig::detail::sosfilt(
            s.desc(), x.desc(), axis, with_zi ? &zi->desc() : nullptr, with_zi ? &zf : nullptr, r));
      else
        got = cupp::array(sig::detail::sosfiltfilt(s.desc(), x.desc(), axis, padtype, padlen, r));
    }
    EXPECT_EQ(got.dtype(), want.dtype());
    // Recursions of float32 round at every step, differently in each order of evaluation; for
    // the order-8 filter of the archive, poles near 1, SciPy's own float32 result is 2.3e-3 of
    // the largest sampled value away from its float64 one, so float32 is held to 4e-3.
    const double scale =
        got.dtype() == dtype::float32 || got.dtype() == dtype::complex64 ? 200 : 1000;
    EXPECT_TRUE(ref::close(sampled(got, axis, every), want, c.name, scale));
    if (with_zi) {
      EXPECT_TRUE(ref::close(cupp::array(zf), npz[c.name + "__zf"], c.name + " zf", scale));
    }
    ++checked;
  }
  EXPECT_EQ(checked, 117);  // every filter case of the archive
}

// A long single line (the chunked carry over many chunks) against a host loop of the same
// recursion in double.
TEST_F(SignalLfilterGpu, LongLineAgreesWithHostLoop) {
  const std::int64_t n = std::int64_t{1} << 20;
  std::vector<double> xv(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) xv[static_cast<std::size_t>(i)] = (i * 7919 % 13) - 6.0;
  const auto b = cupp::asarray<double>({0.2, 0.1, -0.05});
  const auto a = cupp::asarray<double>({1.0, -1.1, 0.3});
  const auto x = cupp::asarray<double>(xv);
  const std::vector<double> y = sig::lfilter(b, a, x).get();
  double z0 = 0, z1 = 0, worst = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    const double in = xv[static_cast<std::size_t>(i)];
    const double out = 0.2 * in + z0;
    z0 = 0.1 * in + z1 + 1.1 * out;
    z1 = -0.05 * in - 0.3 * out;
    worst = std::max(worst, std::abs(out - y[static_cast<std::size_t>(i)]));
  }
  EXPECT_LT(worst, 1e-9);
}

TEST_F(SignalLfilterGpu, DocumentedExamples) {
  // example-begin signal_lfilter
  namespace signal = cupp::scipy::signal;
  const auto b = cupp::asarray<double>({1.0});
  const auto a = cupp::asarray<double>({1.0, -0.5});  // y[n] = x[n] + 0.5 y[n-1]
  const auto x = cupp::asarray<double>({1, 0, 0, 0});
  const auto y = signal::lfilter(b, a, x);   // [1, 0.5, 0.25, 0.125]
  const auto zi = signal::lfilter_zi(b, a);  // [1]: the steady state of a unit step
  const auto step = cupp::ones<double>({1, 4});
  // Initial conditions per line: (y, zf); zi of shape (1, 1) broadcasts over the lines.
  const auto [ys, zf] = signal::lfilter(b, a, step, -1, zi.reshape({1, 1}));  // ys all 2
  const auto sos = cupp::asarray<double>({{1, 0, 0, 1, -0.5, 0}});            // the same filter
  const auto ysos = signal::sosfilt(sos, x);                             // [1, 0.5, 0.25, 0.125]
  const auto smooth = signal::filtfilt(b, a, cupp::ones<double>({20}));  // zero phase
  // example-end
  EXPECT_EQ(y.get(), (std::vector<double>{1, 0.5, 0.25, 0.125}));
  EXPECT_EQ(zi.get(), (std::vector<double>{1.0}));
  EXPECT_EQ(ys.get(), (std::vector<double>{2, 2, 2, 2}));
  EXPECT_EQ(zf.shape(), (cupp::shape_t{1, 1}));
  EXPECT_EQ(zf.get(), (std::vector<double>{1.0}));
  EXPECT_EQ(ysos.get(), (std::vector<double>{1, 0.5, 0.25, 0.125}));
  // A constant is in the steady state of both passes: each gives 2x, so 4 throughout.
  for (const double v : smooth.get()) EXPECT_NEAR(v, 4.0, 1e-12);
  const auto ci = signal::sosfilt_zi(sos);
  EXPECT_EQ(ci.shape(), (cupp::shape_t{1, 2}));
  EXPECT_EQ(ci.get(), (std::vector<double>{1.0, 0.0}));
  const auto ic = signal::lfiltic(b, a, cupp::asarray<double>({2.0}));
  EXPECT_EQ(ic.get(), (std::vector<double>{1.0}));
}

}  // namespace
