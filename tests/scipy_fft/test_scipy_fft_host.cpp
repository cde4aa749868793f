// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::fft on the host: SciPy's argument checks and errors for the DCT/DST (in SciPy's
// order, before any device work), the result dtypes, next_fast_len, fhtoffset and the FFTLog
// coefficients against SciPy's values (tests/data/scipy_fft/*.csv from make_fft.py), and that
// the DCT/DST kernels compile for sm_90.
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/throws.hpp"
#include "cupp/jit/compiler.hpp"
#include "cupp/scipy/fft.hpp"
#include "support/csv.hpp"

namespace {

namespace sfft = cupp::scipy::fft;
using cupp::shape_t;
using cupp::test::throws_exactly;
using sfft::detail::resolve_r2r;
using sfft::detail::resolve_r2rn;

TEST(ScipyFftHost, ResultDtypesAreScipys) {
  static_assert(std::is_same_v<sfft::detail::r2r_t<float>, float>);
  static_assert(std::is_same_v<sfft::detail::r2r_t<cupp::float16>, float>);
  static_assert(std::is_same_v<sfft::detail::r2r_t<double>, double>);
  static_assert(std::is_same_v<sfft::detail::r2r_t<std::int32_t>, double>);
  static_assert(std::is_same_v<sfft::detail::r2r_t<bool>, double>);
  static_assert(std::is_same_v<sfft::detail::r2r_t<std::complex<float>>, std::complex<float>>);
  static_assert(std::is_same_v<sfft::detail::r2r_t<std::complex<double>>, std::complex<double>>);
  // The names of numpy.fft are reachable here.
  static_assert(std::is_same_v<sfft::PlanCache, cupp::fft::PlanCache>);
  SUCCEED();
}

TEST(ScipyFftHost, EveryNameOfCupyxScipyFft) {
  // cupyx.scipy.fft's 33 names (and SciPy's fhtoffset, and the plan cache), each reachable in
  // cupp::scipy::fft.
  const void* names[] = {
      reinterpret_cast<const void*>(&sfft::dct<float>),
      reinterpret_cast<const void*>(&sfft::dctn<float>),
      reinterpret_cast<const void*>(&sfft::dst<float>),
      reinterpret_cast<const void*>(&sfft::dstn<float>),
      reinterpret_cast<const void*>(&sfft::fft<float>),
      reinterpret_cast<const void*>(&sfft::fft2<float>),
      reinterpret_cast<const void*>(&sfft::fftfreq<double>),
      reinterpret_cast<const void*>(&sfft::fftn<float>),
      reinterpret_cast<const void*>(&sfft::fftshift<float>),
      reinterpret_cast<const void*>(&sfft::fht<float>),
      reinterpret_cast<const void*>(&sfft::hfft<float>),
      reinterpret_cast<const void*>(&sfft::hfft2<float>),
      reinterpret_cast<const void*>(&sfft::hfftn<float>),
      reinterpret_cast<const void*>(&sfft::idct<float>),
      reinterpret_cast<const void*>(&sfft::idctn<float>),
      reinterpret_cast<const void*>(&sfft::idst<float>),
      reinterpret_cast<const void*>(&sfft::idstn<float>),
      reinterpret_cast<const void*>(&sfft::ifft<float>),
      reinterpret_cast<const void*>(&sfft::ifft2<float>),
      reinterpret_cast<const void*>(&sfft::ifftn<float>),
      reinterpret_cast<const void*>(&sfft::ifftshift<float>),
      reinterpret_cast<const void*>(&sfft::ifht<float>),
      reinterpret_cast<const void*>(&sfft::ihfft<float>),
      reinterpret_cast<const void*>(&sfft::ihfft2<float>),
      reinterpret_cast<const void*>(&sfft::ihfftn<float>),
      reinterpret_cast<const void*>(&sfft::irfft<std::complex<float>>),
      reinterpret_cast<const void*>(&sfft::irfft2<std::complex<float>>),
      reinterpret_cast<const void*>(&sfft::irfftn<std::complex<float>>),
      reinterpret_cast<const void*>(&sfft::next_fast_len),
      reinterpret_cast<const void*>(&sfft::rfft<float>),
      reinterpret_cast<const void*>(&sfft::rfft2<float>),
      reinterpret_cast<const void*>(&sfft::rfftfreq<double>),
      reinterpret_cast<const void*>(&sfft::rfftn<float>),
      reinterpret_cast<const void*>(&sfft::fhtoffset),
      reinterpret_cast<const void*>(&sfft::get_plan_cache),
  };
  for (const void* f : names) EXPECT_NE(f, nullptr);
}

TEST(ScipyFftHost, OneDimensionalArguments) {
  const auto p = resolve_r2r({4, 6}, 2, false, std::nullopt, -1, "backward");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].axis, 1);
  EXPECT_EQ(p[0].n, 6);
  const auto q = resolve_r2r({4, 6}, 3, true, 9, -2, "ortho");
  EXPECT_EQ(q[0].axis, 0);
  EXPECT_EQ(q[0].n, 9);
  // DST-I of one point is defined (2 x0); DCT-I of one point is not.
  EXPECT_NO_THROW(resolve_r2r({1}, 1, true, std::nullopt, -1, "backward"));
  // An empty batch never runs, so SciPy's C++ raises nothing.
  EXPECT_NO_THROW(resolve_r2r({0, 1}, 1, false, std::nullopt, -1, "backward"));
}

TEST(ScipyFftHost, OneDimensionalErrorsAreScipys) {
  const std::string norm_message =
      "Invalid norm value 'x', should be \"backward\", \"ortho\" or \"forward\"";
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] { resolve_r2r({3}, 2, false, std::nullopt, -1, "x"); }, norm_message));
  // The norm is checked before n.
  EXPECT_TRUE(throws_exactly<cupp::value_error>([] { resolve_r2r({3}, 2, false, 0, -1, "x"); },
                                                norm_message));
  EXPECT_TRUE(
      throws_exactly<cupp::value_error>([] { resolve_r2r({3}, 2, false, 0, -1, "backward"); },
                                        "invalid number of data points (0) specified"));
  EXPECT_TRUE(
      throws_exactly<cupp::value_error>([] { resolve_r2r({3}, 2, false, -2, -1, "backward"); },
                                        "invalid number of data points (-2) specified"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] {
        resolve_r2r({2, 0}, 2, false, std::nullopt, 1, "backward");
      },
      "invalid number of data points (0) specified"));
  // n < 1 comes before the axis; then x.shape[axis] is Python's IndexError.
  EXPECT_TRUE(
      throws_exactly<cupp::value_error>([] { resolve_r2r({3}, 2, false, 0, 4, "backward"); },
                                        "invalid number of data points (0) specified"));
  EXPECT_TRUE(throws_exactly<cupp::index_error>(
      [] { resolve_r2r({3}, 2, false, std::nullopt, 1, "backward"); }, "tuple index out of range"));
  EXPECT_TRUE(throws_exactly<cupp::index_error>(
      [] { resolve_r2r({}, 2, false, std::nullopt, -1, "backward"); }, "tuple index out of range"));
  EXPECT_NO_THROW(resolve_r2r({3, 2}, 2, false, std::nullopt, -2, "backward"));
  for (const int type : {0, 5, -1}) {
    EXPECT_TRUE(throws_exactly<cupp::value_error>(
        [&] { resolve_r2r({3}, type, false, std::nullopt, -1, "backward"); }, "invalid DCT type"));
    EXPECT_TRUE(throws_exactly<cupp::value_error>(
        [&] { resolve_r2r({3}, type, true, std::nullopt, -1, "backward"); }, "invalid DST type"));
  }
  // SciPy's RuntimeError for DCT-I of one point, also when n makes it so.
  EXPECT_TRUE(
      throws_exactly<cupp::error>([] { resolve_r2r({1}, 1, false, std::nullopt, -1, "backward"); },
                                  "zero-length FFT requested"));
  EXPECT_TRUE(throws_exactly<cupp::error>(
      [] {
        resolve_r2r({5, 4}, 1, false, 1, 0, "ortho");
      },
      "zero-length FFT requested"));
}

TEST(ScipyFftHost, NdArguments) {
  auto p = resolve_r2rn({4, 5, 6}, 2, false, {}, {}, "backward");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[2].axis, 2);
  EXPECT_EQ(p[2].n, 6);
  // s without axes: the last len(s) axes; -1 the input's length.
  p = resolve_r2rn({4, 5, 6}, 2, false, {-1, 9}, {}, "backward");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].axis, 1);
  EXPECT_EQ(p[0].n, 5);
  EXPECT_EQ(p[1].axis, 2);
  EXPECT_EQ(p[1].n, 9);
  // axes in the given order, negative ones counted from the end.
  p = resolve_r2rn({4, 5, 6}, 4, true, {3, 2}, {-1, 0}, "forward");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].axis, 2);
  EXPECT_EQ(p[0].n, 3);
  EXPECT_EQ(p[1].axis, 0);
  EXPECT_EQ(p[1].n, 2);
  // No axes: nothing to check past them (SciPy returns x), even a bad norm or type.
  EXPECT_TRUE(resolve_r2rn({4}, 9, false, {}, std::vector<std::int64_t>{}, "x").empty());
}

TEST(ScipyFftHost, NdErrorsAreScipys) {
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] {
        resolve_r2rn({3, 3}, 2, false, {}, {2}, "backward");
      },
      "axes exceeds dimensionality of input"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] {
        resolve_r2rn({3, 3}, 2, false, {}, {-3}, "backward");
      },
      "axes exceeds dimensionality of input"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] {
        resolve_r2rn({3, 3}, 2, false, {}, {0, -2}, "backward");
      },
      "all axes must be unique"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] {
        resolve_r2rn({3, 3}, 2, false, {2}, {0, 1}, "backward");
      },
      "when given, axes and shape arguments have to be of the same length"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] {
        resolve_r2rn({3, 3}, 2, false, {2, 2, 2}, {}, "backward");
      },
      "shape requires more axes than are present"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] {
        resolve_r2rn({3, 3}, 2, false, {0, 2}, {}, "backward");
      },
      "invalid number of data points ([0, 2]) specified"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] {
        resolve_r2rn({3, 0}, 2, false, {}, {}, "backward");
      },
      "invalid number of data points ([3, 0]) specified"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] {
        resolve_r2rn({3, 3}, 2, false, {}, {}, "Ortho");
      },
      "Invalid norm value 'Ortho', should be \"backward\", \"ortho\" or \"forward\""));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] {
        resolve_r2rn({3, 3}, 7, true, {}, {}, "backward");
      },
      "invalid DST type"));
  EXPECT_TRUE(throws_exactly<cupp::error>(
      [] {
        resolve_r2rn({3, 3}, 1, false, {1}, {}, "backward");
      },
      "zero-length FFT requested"));
}

TEST(ScipyFftHost, HermitianNormIsSwapped) {
  EXPECT_EQ(sfft::detail::swap_direction("backward"), "forward");
  EXPECT_EQ(sfft::detail::swap_direction("forward"), "backward");
  EXPECT_EQ(sfft::detail::swap_direction("ortho"), "ortho");
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] { sfft::detail::swap_direction("none"); },
      "Invalid norm value 'none', should be \"backward\", \"ortho\" or \"forward\""));
}

TEST(ScipyFftHost, NextFastLenIsScipys) {
  const auto rows = cupp::test::read_csv("scipy_fft/next_fast_len.csv", "target,real,value");
  ASSERT_GT(rows.size(), 400u);
  for (const auto& r : rows) {
    const std::int64_t target = std::stoll(r[0]), want = std::stoll(r[2]);
    const bool real = r[1] == "1";
    EXPECT_EQ(sfft::next_fast_len(target, real), want) << "target " << target << " real " << real;
  }
  EXPECT_TRUE(throws_exactly<cupp::value_error>([] { sfft::next_fast_len(-1); },
                                                "Target length must be positive"));
}

TEST(ScipyFftHost, FhtoffsetIsScipys) {
  const auto rows = cupp::test::read_csv("scipy_fft/fhtoffset.csv", "dln,mu,initial,bias,value");
  ASSERT_EQ(rows.size(), 6u);
  for (const auto& r : rows) {
    const double dln = std::stod(r[0]), mu = std::stod(r[1]), initial = std::stod(r[2]),
                 bias = std::stod(r[3]), want = std::stod(r[4]);
    EXPECT_NEAR(sfft::fhtoffset(dln, mu, initial, bias), want, 1e-12 * (1 + std::abs(want)))
        << "dln " << dln << " mu " << mu;
  }
  // SciPy's documented example.
  EXPECT_NEAR(sfft::fhtoffset(0.1, 2.0, 0.5, 0.0), 0.5454581477676637, 1e-13);
}

TEST(ScipyFftHost, FhtCoefficientsAreScipys) {
  const auto rows =
      cupp::test::read_csv("scipy_fft/fhtcoeff.csv", "n,dln,mu,offset,bias,inverse,k,re,im");
  ASSERT_GT(rows.size(), 50u);
  std::vector<std::complex<double>> u;
  std::string key;
  for (const auto& r : rows) {
    const std::string this_key = r[0] + r[1] + r[2] + r[3] + r[4] + r[5];
    if (this_key != key) {
      u = sfft::detail::fhtcoeff(std::stoll(r[0]), std::stod(r[1]), std::stod(r[2]),
                                 std::stod(r[3]), std::stod(r[4]), r[5] == "1");
      key = this_key;
    }
    const auto k = static_cast<std::size_t>(std::stoll(r[6]));
    ASSERT_LT(k, u.size());
    const std::complex<double> want(std::stod(r[7]), std::stod(r[8]));
    EXPECT_LE(std::abs(u[k] - want), 1e-11 * (1 + std::abs(want))) << key << " k " << k;
  }
}

TEST(ScipyFftHost, LoggammaIsScipys) {
  // scipy.special.loggamma values (its branch: the imaginary part is not reduced mod 2 pi).
  const std::complex<double> a = sfft::detail::loggamma({0.5, 10.0});
  EXPECT_NEAR(a.real(), -14.789024734744295, 1e-11);
  EXPECT_NEAR(a.imag(), 13.03002003491109, 1e-11);
  const std::complex<double> b = sfft::detail::loggamma({-2.5, 0.25});
  EXPECT_NEAR(b.real(), -0.3270488391401938, 1e-11);
  EXPECT_NEAR(b.imag(), -9.148707570906943, 1e-11);
  EXPECT_NEAR(sfft::detail::loggamma({5.0, 0.0}).real(), std::log(24.0), 1e-13);
}

TEST(ScipyFftHost, KernelsCompileForSm90) {
  cupp::jit::compiler c("");
  for (const cupp::dtype dt : {cupp::dtype::float32, cupp::dtype::float64}) {
    const std::string source = sfft::detail::r2r_kernel_source(dt);
    EXPECT_NE(source.find("#include <cupp/scipy_fft_r2r.cuh>"), std::string::npos);
    std::shared_ptr<const cupp::jit::compiled_module> m;
    EXPECT_NO_THROW(m = c.compile(source, {}, {}, 90));
    if (m) {
      for (const bool post : {false, true}) {
        const std::string name = sfft::detail::r2r_kernel_name(dt, post);
        EXPECT_NE(m->image.find(name), std::string::npos) << name;
      }
    }
  }
}

}  // namespace
