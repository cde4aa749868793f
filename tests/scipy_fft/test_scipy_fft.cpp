// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::fft on the GPU against scipy.fft's own results (tests/scipy_fft/make_fft.py ->
// tests/data/scipy_fft/fft.npz): dct idct dst idst of types 1-4 under every norm and
// orthogonalize, n cropping and padding, axes, odd/even/prime lengths and length 1, float32,
// float64, complex64, complex128, int64 and bool input (SciPy's result dtypes), transposed and
// broadcast (non-contiguous) input; dctn idctn dstn idstn over 2-D and 3-D inputs with s and
// axes; hfft2 hfftn ihfft2 ihfftn; fht and ifht with offset and bias; the names of cupp::fft.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cupp/array.hpp"
#include "cupp/scipy/fft.hpp"
#include "scipy_fft_reference.hpp"
#include "support/gpu.hpp"

namespace {

namespace sfft = cupp::scipy::fft;
namespace ref = cupp::test::scipy_fft_ref;
using cupp::ndarray;

class ScipyFft : public cupp::test::GpuTest {};

const char* const kNorms[] = {"backward", "ortho", "forward"};

cupp::fft::shape_arg s_of(const cupp::npz_file& z, const std::string& pre) {
  if (!z.contains(pre + "s")) return {};
  return cupp::shape_t(z[pre + "s"].get<std::int64_t>());
}

cupp::axis_arg axes_of(const cupp::npz_file& z, const std::string& pre) {
  if (!z.contains(pre + "axes")) return {};
  return z[pre + "axes"].get<std::int64_t>();
}

/// Case `pre` of the DCT/DST table on input `x` (p: function, type, norm, orthogonalize, n,
/// axis; make_fft.py's r2r_case).
template <class T>
cupp::array run_r2r(const ndarray<T>& x, const std::vector<std::int64_t>& p,
                    const cupp::npz_file& z, const std::string& pre) {
  const int type = static_cast<int>(p[1]);
  const std::string norm = kNorms[p[2]];
  const std::optional<bool> orth = p[3] < 0 ? std::nullopt : std::optional<bool>(p[3] == 1);
  const std::optional<std::int64_t> n = p[4] < 0 ? std::nullopt : std::optional<std::int64_t>(p[4]);
  const std::int64_t axis = p[5];
  switch (p[0]) {
    case 0:
      return sfft::dct(x, type, n, axis, norm, false, std::nullopt, orth);
    case 1:
      return sfft::idct(x, type, n, axis, norm, false, std::nullopt, orth);
    case 2:
      return sfft::dst(x, type, n, axis, norm, false, std::nullopt, orth);
    case 3:
      return sfft::idst(x, type, n, axis, norm, false, std::nullopt, orth);
    default:
      break;
  }
  const auto s = s_of(z, pre);
  const auto axes = axes_of(z, pre);
  switch (p[0]) {
    case 4:
      return sfft::dctn(x, type, s, axes, norm, false, std::nullopt, orth);
    case 5:
      return sfft::idctn(x, type, s, axes, norm, false, std::nullopt, orth);
    case 6:
      return sfft::dstn(x, type, s, axes, norm, false, std::nullopt, orth);
    default:
      return sfft::idstn(x, type, s, axes, norm, false, std::nullopt, orth);
  }
}

template <class T>
ndarray<T> input_of(const cupp::npz_file& z, const std::string& pre, bool transpose) {
  ndarray<T> x = z[pre + "x"].as<T>();
  return transpose ? x.T() : x;
}

TEST_F(ScipyFft, DctDstMatchScipy) {
  const cupp::npz_file z = ref::reference();
  const auto counts = z["counts"].get<std::int64_t>();
  for (std::int64_t i = 0; i < counts[0]; ++i) {
    const std::string pre = "c" + std::to_string(i) + "_";
    const auto p = z[pre + "p"].get<std::int64_t>();
    const bool tr = p[6] == 1;
    const cupp::array want = z[pre + "y"];
    cupp::array got;
    switch (z[pre + "x"].dtype()) {
      case cupp::dtype::float32:
        got = run_r2r(input_of<float>(z, pre, tr), p, z, pre);
        break;
      case cupp::dtype::float64:
        got = run_r2r(input_of<double>(z, pre, tr), p, z, pre);
        break;
      case cupp::dtype::complex64:
        got = run_r2r(input_of<std::complex<float>>(z, pre, tr), p, z, pre);
        break;
      case cupp::dtype::complex128:
        got = run_r2r(input_of<std::complex<double>>(z, pre, tr), p, z, pre);
        break;
      default:
        got = run_r2r(input_of<std::int64_t>(z, pre, tr), p, z, pre);
        break;
    }
    EXPECT_TRUE(ref::transform_close(got, want, ref::rtol_of(want.dtype()),
                                     pre + " (function " + std::to_string(p[0]) + ", type " +
                                         std::to_string(p[1]) + ", norm " + kNorms[p[2]] + ")"));
  }
}

TEST_F(ScipyFft, HermitianNdMatchScipy) {
  const cupp::npz_file z = ref::reference();
  const auto counts = z["counts"].get<std::int64_t>();
  for (std::int64_t i = 0; i < counts[1]; ++i) {
    const std::string pre = "h" + std::to_string(i) + "_";
    const auto p = z[pre + "p"].get<std::int64_t>();
    const std::string norm = kNorms[p[1]];
    const cupp::array x = z[pre + "x"], want = z[pre + "y"];
    const auto s = s_of(z, pre);
    const auto axes = axes_of(z, pre);
    cupp::array got;
    auto run = [&](auto typed) -> cupp::array {
      switch (p[0]) {
        case 0:
          return sfft::hfft2(typed, s, axes_of(z, pre).all() ? cupp::axis_arg{-2, -1} : axes, norm);
        case 1:
          return sfft::hfftn(typed, s, axes, norm);
        case 2:
          return sfft::ihfft2(typed, s, axes_of(z, pre).all() ? cupp::axis_arg{-2, -1} : axes,
                              norm);
        default:
          return sfft::ihfftn(typed, s, axes, norm);
      }
    };
    switch (x.dtype()) {
      case cupp::dtype::complex64:
        got = run(x.as<std::complex<float>>());
        break;
      case cupp::dtype::complex128:
        got = run(x.as<std::complex<double>>());
        break;
      case cupp::dtype::float32:
        got = run(x.as<float>());
        break;
      default:
        got = run(x.as<double>());
        break;
    }
    EXPECT_TRUE(ref::transform_close(got, want, ref::rtol_of(want.dtype()), pre));
  }
}

TEST_F(ScipyFft, FhtMatchesScipy) {
  const cupp::npz_file z = ref::reference();
  const auto counts = z["counts"].get<std::int64_t>();
  for (std::int64_t i = 0; i < counts[2]; ++i) {
    const std::string pre = "f" + std::to_string(i) + "_";
    const auto p = z[pre + "p"].get<double>();
    const cupp::array x = z[pre + "x"], want = z[pre + "y"];
    cupp::array got;
    if (x.dtype() == cupp::dtype::float32) {
      got = sfft::fht(x.as<float>(), p[1], p[2], p[3], p[4]);
    } else if (p[0] == 1) {
      got = sfft::ifht(x.as<double>(), p[1], p[2], p[3], p[4]);
    } else {
      got = sfft::fht(x.as<double>(), p[1], p[2], p[3], p[4]);
    }
    EXPECT_TRUE(ref::transform_close(got, want, ref::rtol_of(want.dtype()) * 10, pre));
  }
}

TEST_F(ScipyFft, EdgeCases) {
  // An empty batch: the shape SciPy gives, no launch.
  const auto empty = sfft::dct(cupp::zeros<double>({0, 4}), 2);
  EXPECT_EQ(empty.shape(), (cupp::shape_t{0, 4}));
  const auto empty_pad = sfft::dst(cupp::zeros<float>({3, 0}), 3, 5, 0);
  EXPECT_EQ(empty_pad.shape(), (cupp::shape_t{5, 0}));
  // A 0-d input has no axis (SciPy's IndexError).
  EXPECT_THROW(sfft::dct(cupp::zeros<double>(cupp::shape_t{})), cupp::index_error);
  // dctn over no axis is the input (as float64).
  const auto same =
      sfft::dctn(cupp::asarray<double>({1.0, 2.0}), 2, {}, std::vector<std::int64_t>{});
  EXPECT_EQ(same.get(), (std::vector<double>{1.0, 2.0}));
  // float16 computes in float32, as SciPy's _asfarray.
  const ndarray<float> h = sfft::dct(cupp::ones<cupp::float16>({4}));
  const auto hv = h.get();
  ASSERT_EQ(hv.size(), 4u);
  EXPECT_NEAR(hv[0], 8.0f, 1e-5f);
  for (std::size_t i = 1; i < 4; ++i) EXPECT_NEAR(hv[i], 0.0f, 1e-5f);
}

TEST_F(ScipyFft, BroadcastAndBoolInput) {
  // A broadcast view (stride 0 along axis 0): DCT-II of a constant column is 2n times it at
  // k = 0 and 0 elsewhere; DST-I of it along the other axis is each row's DST-I.
  const auto row = cupp::asarray<double>({1.0, -2.0, 0.5});
  const auto b = cupp::broadcast_to(row, {4, 3});
  const std::vector<double> y = sfft::dct(b, 2, std::nullopt, 0).get();
  ASSERT_EQ(y.size(), 12u);
  const std::vector<double> r = row.get();
  for (std::size_t j = 0; j < 3; ++j) {
    EXPECT_NEAR(y[j], 8.0 * r[j], 1e-12);
    for (std::size_t k = 1; k < 4; ++k) EXPECT_NEAR(y[3 * k + j], 0.0, 1e-12);
  }
  // DST-I of 3 points: y[k] = 2 sum_n x[n] sin(pi (k+1)(n+1) / 4).
  const std::vector<double> d = sfft::dst(b, 1).get();
  for (std::size_t k = 0; k < 3; ++k) {
    double want = 0;
    for (std::size_t n = 0; n < 3; ++n)
      want += 2 * r[n] * std::sin(M_PI * static_cast<double>((k + 1) * (n + 1)) / 4);
    for (std::size_t i = 0; i < 4; ++i) EXPECT_NEAR(d[3 * i + k], want, 1e-12);
  }
  // bool computes in float64, as SciPy's _asfarray: DCT-II of ones(3) is [6, 0, 0].
  const ndarray<double> t = sfft::dct(cupp::ones<bool>({3}));
  const auto tv = t.get();
  EXPECT_NEAR(tv[0], 6.0, 1e-12);
  EXPECT_NEAR(tv[1], 0.0, 1e-12);
  EXPECT_NEAR(tv[2], 0.0, 1e-12);
}

TEST_F(ScipyFft, RoundTripsAndNumpyNames) {
  // example-begin dct
  auto x = cupp::asarray<double>({1.0, 2.0, 1.0, -1.0, 1.5});
  auto X = cupp::scipy::fft::dct(x, 2, std::nullopt, -1, "ortho");      // float64, orthonormal
  auto back = cupp::scipy::fft::idct(X, 2, std::nullopt, -1, "ortho");  // x again
  auto S = cupp::scipy::fft::dstn(cupp::ones<float>({8, 8}), 1);        // float32, both axes
  auto F = cupp::scipy::fft::rfft(x);                                   // cupp::fft::rfft
  // example-end
  const auto xb = back.get(), xv = x.get();
  for (std::size_t i = 0; i < xv.size(); ++i) EXPECT_NEAR(xb[i], xv[i], 1e-12);
  // An orthonormal transform keeps the norm.
  double e0 = 0, e1 = 0;
  for (const double v : xv) e0 += v * v;
  for (const double v : X.get()) e1 += v * v;
  EXPECT_NEAR(e0, e1, 1e-12);
  EXPECT_EQ(S.shape(), (cupp::shape_t{8, 8}));
  EXPECT_EQ(F.shape(), (cupp::shape_t{3}));
  // DST-I of ones(8) is 2 sum_n sin(pi (k+1)(n+1)/9) per axis: nonzero at even k only.
  const auto s = S.get();
  EXPECT_NEAR(s[1], 0.0, 1e-4);
  EXPECT_GT(s[0], 1.0f);
}

}  // namespace
