// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::fft without a GPU: NumPy 2's argument rules, result shapes, dtypes and error messages
// (all raised before any conversion or allocation), fftfreq's values, fftshift's shifts, the
// plan cache's settings, and the scaling kernel compiling for sm_90.
#include <cufft.h>
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/core/error.hpp"
#include "cupp/fft.hpp"
#include "cupp/jit/compiler.hpp"
#include "support/shaped.hpp"

namespace {

using cupp::shape_t;
using cupp::test::shaped;
using cupp::test::throws_exactly;
namespace fft = cupp::fft;
using fft::detail::kind;

const std::string kForwardNorm =
    "Invalid norm value bad; should be \"backward\",\"ortho\" or \"forward\".";
const std::string kInverseNorm =
    "Invalid norm value bad; should be \"backward\", \"ortho\" or \"forward\".";

TEST(FftDtypes, ResultTypesFollowNumpy2) {
  using c64 = std::complex<float>;
  using c128 = std::complex<double>;
  static_assert(std::is_same_v<fft::detail::complex_t<float>, c64>);
  static_assert(std::is_same_v<fft::detail::complex_t<cupp::float16>, c64>);
  static_assert(std::is_same_v<fft::detail::complex_t<cupp::bfloat16>, c64>);
  static_assert(std::is_same_v<fft::detail::complex_t<c64>, c64>);
  static_assert(std::is_same_v<fft::detail::complex_t<double>, c128>);
  static_assert(std::is_same_v<fft::detail::complex_t<c128>, c128>);
  static_assert(std::is_same_v<fft::detail::complex_t<std::int32_t>, c128>);
  static_assert(std::is_same_v<fft::detail::complex_t<std::uint8_t>, c128>);
  static_assert(std::is_same_v<fft::detail::complex_t<bool>, c128>);
  static_assert(std::is_same_v<fft::detail::irfft_t<c64>, float>);
  static_assert(std::is_same_v<fft::detail::irfft_t<c128>, double>);
  static_assert(std::is_same_v<fft::detail::irfft_t<float>, float>);
  static_assert(std::is_same_v<fft::detail::irfft_t<std::int64_t>, double>);
  static_assert(std::is_same_v<fft::detail::irfft_t<cupp::float16>, cupp::float16>);
  const auto f = shaped<float>({4});
  const auto i = shaped<std::int16_t>({4});
  const auto z = shaped<c128>({4});
  static_assert(std::is_same_v<decltype(fft::fft(f)), cupp::ndarray<c64>>);
  static_assert(std::is_same_v<decltype(fft::ifft2(i)), cupp::ndarray<c128>>);
  static_assert(std::is_same_v<decltype(fft::rfftn(f)), cupp::ndarray<c64>>);
  static_assert(std::is_same_v<decltype(fft::irfft(z)), cupp::ndarray<double>>);
  static_assert(std::is_same_v<decltype(fft::hfft(f)), cupp::ndarray<float>>);
  static_assert(std::is_same_v<decltype(fft::ihfft(i)), cupp::ndarray<c128>>);
  static_assert(std::is_same_v<decltype(fft::fftfreq(4)), cupp::ndarray<double>>);
  static_assert(std::is_same_v<decltype(fft::fftshift(i)), cupp::ndarray<std::int16_t>>);
  (void)f;
  (void)i;
  (void)z;
}

TEST(FftArgs, InvalidNormIsNumpysMessage) {
  const auto a = shaped<double>({4, 4});
  const auto z = shaped<std::complex<double>>({4, 4});
  // NumPy's forward functions write no space after the first comma, its inverse ones do.
  EXPECT_TRUE(throws_exactly<cupp::value_error>([&] { fft::fft(a, std::nullopt, -1, "bad"); },
                                                kForwardNorm));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([&] { fft::fft2(a, {}, {-2, -1}, "bad"); },
                                                kForwardNorm));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([&] { fft::rfft(a, std::nullopt, -1, "bad"); },
                                                kForwardNorm));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([&] { fft::rfftn(a, {}, {}, "bad"); },
                                                kForwardNorm));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([&] { fft::ifft(a, std::nullopt, -1, "bad"); },
                                                kInverseNorm));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([&] { fft::ifftn(a, {}, {}, "bad"); },
                                                kInverseNorm));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([&] { fft::irfft(z, std::nullopt, -1, "bad"); },
                                                kInverseNorm));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([&] { fft::irfft2(z, {}, {-2, -1}, "bad"); },
                                                kInverseNorm));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([&] { fft::hfft(z, std::nullopt, -1, "bad"); },
                                                kInverseNorm));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([&] { fft::ihfft(a, std::nullopt, -1, "bad"); },
                                                kInverseNorm));
  EXPECT_THROW(fft::fft(a, std::nullopt, -1, "Ortho"), cupp::value_error);
  EXPECT_THROW(fft::fft(a, std::nullopt, -1, ""), cupp::value_error);
}

TEST(FftArgs, InvalidNumberOfPoints) {
  const auto a = shaped<float>({4});
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { fft::fft(a, 0); }, "Invalid number of FFT data points (0) specified."));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { fft::ifft(a, -3); }, "Invalid number of FFT data points (-3) specified."));
  // -1 is no default for n (it is for an entry of s).
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { fft::rfft(a, -1); }, "Invalid number of FFT data points (-1) specified."));
  // An empty axis, and irfft's default n = 2 * (m - 1) for m = 1 and m = 0.
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { fft::fft(shaped<float>({0})); }, "Invalid number of FFT data points (0) specified."));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { fft::fft(shaped<float>({4, 0})); },
      "Invalid number of FFT data points (0) specified."));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { fft::irfft(shaped<float>({1})); }, "Invalid number of FFT data points (0) specified."));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { fft::irfft(shaped<float>({0})); },
      "Invalid number of FFT data points (-2) specified."));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { fft::hfft(shaped<float>({1})); }, "Invalid number of FFT data points (0) specified."));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { fft::fftn(shaped<float>({4, 4}), {0, 2}); },
      "Invalid number of FFT data points (0) specified."));
}

TEST(FftArgs, BadAxes) {
  const auto a = shaped<float>({4});
  // NumPy 2 raises IndexError "tuple index out of range" for the 1-D functions; axis_error is an
  // index_error with the axis in the message.
  EXPECT_TRUE(throws_exactly<cupp::axis_error>([&] { fft::fft(a, std::nullopt, 1); },
                                               "axis 1 is out of bounds for array of dimension 1"));
  EXPECT_THROW(fft::rfft(a, std::nullopt, -2), cupp::index_error);
  EXPECT_TRUE(throws_exactly<cupp::axis_error>([&] { fft::fft(shaped<float>({})); },
                                               "axis -1 is out of bounds for array of dimension 0"));
  EXPECT_THROW(fft::fft2(a), cupp::axis_error);
  const auto m = shaped<double>({4, 4});
  EXPECT_TRUE(throws_exactly<cupp::axis_error>([&] { fft::fftn(m, {}, {2}); },
                                               "axis 2 is out of bounds for array of dimension 2"));
  // s longer than the array with axes omitted: NumPy's AxisError for axis -3.
  EXPECT_TRUE(throws_exactly<cupp::axis_error>([&] { fft::fftn(m, {2, 2, 2}); },
                                               "axis -3 is out of bounds for array of dimension 2"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([&] { fft::fftn(m, {2}, {0, 1}); },
                                                "Shape and axes have different lengths."));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([&] { fft::ifft2(m, {2, 2, 2}); },
                                                "Shape and axes have different lengths."));
  // Real transforms need an axis (NumPy: IndexError).
  EXPECT_THROW(fft::rfftn(m, {}, std::vector<std::int64_t>{}), cupp::index_error);
  EXPECT_THROW(fft::irfftn(m, {}, std::vector<std::int64_t>{}), cupp::index_error);
}

TEST(FftArgs, RealTransformsRefuseComplexInput) {
  const auto z = shaped<std::complex<float>>({4});
  const std::string tail =
      "' not supported for the input types, and the inputs could not be safely coerced to any "
      "supported types according to the casting rule ''safe''";
  EXPECT_TRUE(throws_exactly<cupp::type_error>([&] { fft::rfft(z); },
                                               "ufunc 'rfft_n_even" + tail));
  EXPECT_TRUE(throws_exactly<cupp::type_error>([&] { fft::rfft(z, 5); },
                                               "ufunc 'rfft_n_odd" + tail));
  EXPECT_TRUE(throws_exactly<cupp::type_error>(
      [&] { fft::rfftn(shaped<std::complex<double>>({3, 3})); }, "ufunc 'rfft_n_odd" + tail));
  EXPECT_TRUE(throws_exactly<cupp::type_error>([&] { fft::ihfft(z); },
                                               "ufunc 'rfft_n_even" + tail));
  // The number of points is checked first, as in NumPy.
  EXPECT_THROW(fft::rfft(z, 0), cupp::value_error);
}

TEST(FftArgs, ResultShapesFollowNumpy) {
  using fft::detail::resolve_1d;
  using fft::detail::resolve_nd;
  EXPECT_EQ(resolve_1d({4, 6}, std::nullopt, 0, kind::c2c, true, "backward", false).out_shape,
            (shape_t{4, 6}));
  EXPECT_EQ(resolve_1d({4, 6}, 9, -1, kind::r2c, true, "backward", false).out_shape,
            (shape_t{4, 5}));
  EXPECT_EQ(resolve_1d({4, 6}, std::nullopt, -1, kind::c2r, false, "backward", true).out_shape,
            (shape_t{4, 10}));
  EXPECT_EQ(resolve_1d({4, 6}, 7, 0, kind::c2r, false, "backward", true).out_shape,
            (shape_t{7, 6}));
  // Empty batch dimensions are fine.
  EXPECT_EQ(resolve_1d({0, 4}, std::nullopt, -1, kind::c2c, true, "backward", false).out_shape,
            (shape_t{0, 4}));
  EXPECT_EQ(resolve_1d({4, 0}, 3, 0, kind::c2c, true, "backward", false).out_shape,
            (shape_t{3, 0}));
  // The shapes NumPy 2.4 gives.
  EXPECT_EQ(resolve_nd({4, 4, 4}, {3, 5}, {2, 0}, kind::r2c, true, "backward").out_shape,
            (shape_t{3, 4, 3}));
  EXPECT_EQ(resolve_nd({4, 4, 4}, {}, {2, 0}, kind::c2r, false, "backward").out_shape,
            (shape_t{6, 4, 4}));
  EXPECT_EQ(resolve_nd({2, 3, 4}, {5, 7}, {0, 0}, kind::c2c, true, "backward").out_shape,
            (shape_t{5, 3, 4}));
  EXPECT_EQ(resolve_nd({4, 4}, {}, {1, 1}, kind::c2r, false, "backward").out_shape,
            (shape_t{4, 6}));
  EXPECT_EQ(resolve_nd({4, 4}, {}, {1, 1}, kind::r2c, true, "backward").out_shape,
            (shape_t{4, 4}));
  EXPECT_EQ(resolve_nd({4, 4}, {3}, {}, kind::c2c, true, "backward").out_shape,
            (shape_t{4, 3}));
  EXPECT_EQ(resolve_nd({4, 4}, {-1, 3}, {}, kind::c2c, true, "backward").out_shape,
            (shape_t{4, 3}));
  EXPECT_EQ(resolve_nd({4, 4}, {-1, -1}, {}, kind::c2r, false, "backward").out_shape,
            (shape_t{4, 4}));
  EXPECT_EQ(resolve_nd({4, 4}, {}, {}, kind::c2r, false, "backward").out_shape,
            (shape_t{4, 6}));
  EXPECT_EQ(resolve_nd({2, 3, 4}, {}, {}, kind::r2c, true, "backward").out_shape,
            (shape_t{2, 3, 3}));
  // No axes: nothing to transform.
  const auto none = resolve_nd({4, 4}, {}, std::vector<std::int64_t>{}, kind::c2c, true, "ortho");
  EXPECT_TRUE(none.axes.empty());
  EXPECT_EQ(none.out_shape, (shape_t{4, 4}));
  EXPECT_EQ(none.scale, 1.0);
  // 0-d input to fftn: no axes either, as NumPy.
  EXPECT_TRUE(resolve_nd({}, {}, {}, kind::c2c, true, "backward").axes.empty());
}

TEST(FftArgs, NormalisationFactors) {
  using fft::detail::resolve_1d;
  using fft::detail::resolve_nd;
  EXPECT_EQ(resolve_1d({8}, std::nullopt, 0, kind::c2c, true, "backward", false).scale, 1.0);
  EXPECT_EQ(resolve_1d({8}, std::nullopt, 0, kind::c2c, false, "backward", true).scale, 0.125);
  EXPECT_EQ(resolve_1d({8}, std::nullopt, 0, kind::c2c, true, "forward", false).scale, 0.125);
  EXPECT_EQ(resolve_1d({8}, std::nullopt, 0, kind::c2c, false, "forward", true).scale, 1.0);
  EXPECT_DOUBLE_EQ(resolve_1d({8}, std::nullopt, 0, kind::c2c, true, "ortho", false).scale,
                   1.0 / std::sqrt(8.0));
  // irfft scales by its output length.
  EXPECT_EQ(resolve_1d({5}, std::nullopt, 0, kind::c2r, false, "backward", true).scale, 0.125);
  // fftn by the product of the lengths.
  EXPECT_DOUBLE_EQ(resolve_nd({4, 6}, {}, {}, kind::c2c, false, "backward").scale, 1.0 / 24);
  EXPECT_DOUBLE_EQ(resolve_nd({4, 6}, {3, 5}, {}, kind::c2c, true, "ortho").scale,
                   1.0 / std::sqrt(15.0));
  // hfft and ihfft swap the direction of the norm; ihfft conjugates.
  const auto ihfft = resolve_1d({8}, std::nullopt, 0, kind::r2c, false, "backward", true);
  EXPECT_EQ(ihfft.scale, 0.125);
  EXPECT_TRUE(ihfft.conjugate);
  EXPECT_EQ(resolve_1d({5}, std::nullopt, 0, kind::c2r, true, "backward", true).scale, 1.0);
  EXPECT_EQ(resolve_1d({5}, std::nullopt, 0, kind::c2r, true, "forward", true).scale, 0.125);
}

TEST(FftFreq, NumpysFormulas) {
  using fft::detail::fftfreq_values;
  using fft::detail::rfftfreq_values;
  // np.fft.fftfreq(5, 0.3), np.fft.fftfreq(6), np.fft.rfftfreq(6, 0.3), np.fft.rfftfreq(5)
  const std::vector<double> f5 = fftfreq_values(5, 0.3);
  const double v5 = 1.0 / (5 * 0.3);
  const std::vector<double> e5 = {0.0, 1 * v5, 2 * v5, -2 * v5, -1 * v5};
  ASSERT_EQ(f5.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(f5[i], e5[i]) << i;
  const double v = 1.0 / 6;  // NumPy multiplies the integers by 1 / (n * d)
  EXPECT_EQ(fftfreq_values(6, 1.0),
            (std::vector<double>{0.0, 1 * v, 2 * v, -3 * v, -2 * v, -1 * v}));
  EXPECT_EQ(fftfreq_values(1, 2.0), (std::vector<double>{0.0}));
  const double v6 = 1.0 / (6 * 0.3);
  EXPECT_EQ(rfftfreq_values(6, 0.3), (std::vector<double>{0.0, v6, 2 * v6, 3 * v6}));
  EXPECT_EQ(rfftfreq_values(5, 1.0), (std::vector<double>{0.0, 0.2, 0.4}));
  EXPECT_EQ(fftfreq_values(4, -0.5), (std::vector<double>{0.0, -0.5, 1.0, 0.5}));
  // NumPy: ZeroDivisionError, then numpy.empty's message for a negative n; rfftfreq of a
  // negative n is empty.
  EXPECT_TRUE(throws_exactly<cupp::value_error>([] { fftfreq_values(0, 1.0); },
                                                "float division by zero"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([] { fftfreq_values(4, 0.0); },
                                                "float division by zero"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([] { rfftfreq_values(0, 1.0); },
                                                "float division by zero"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([] { fftfreq_values(-2, 1.0); },
                                                "negative dimensions are not allowed"));
  EXPECT_TRUE(rfftfreq_values(-3, 1.0).empty());
  EXPECT_EQ(rfftfreq_values(-1, 1.0).size(), 0u);
}

TEST(FftShift, Shifts) {
  using fft::detail::shift_args;
  auto [s, ax] = shift_args({2, 5}, {}, false);
  EXPECT_EQ(s, (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(ax, (std::vector<std::int64_t>{0, 1}));
  std::tie(s, ax) = shift_args({2, 5}, -1, true);
  EXPECT_EQ(s, (std::vector<std::int64_t>{-2}));
  EXPECT_EQ(ax, (std::vector<std::int64_t>{1}));
  std::tie(s, ax) = shift_args({5}, {0, 0}, false);  // repeated: rolled twice, as NumPy
  EXPECT_EQ(s, (std::vector<std::int64_t>{2, 2}));
  EXPECT_THROW(shift_args({5}, 1, false), cupp::axis_error);
}

TEST(FftPlanCache, SettingsWithoutGpu) {
  auto& cache = fft::plan_cache();
  EXPECT_EQ(&cache, &fft::get_plan_cache());
  const std::size_t size = cache.get_size(), memsize = cache.get_memsize();
  EXPECT_EQ(size, 16u);  // CuPy's default
  EXPECT_EQ(memsize, 0u);
  cache.set_size(3);
  cache.set_memsize(1 << 20);
  EXPECT_EQ(cache.get_size(), 3u);
  EXPECT_EQ(cache.get_memsize(), std::size_t{1} << 20);
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.memsize(), 0u);
  cache.set_size(size);
  cache.set_memsize(memsize);
}

TEST(FftErrors, CufftFailureIsCufftErrorWithTheStatusName) {
  // A cuFFT call's failure status, as cufftMakePlanMany64 returns it for a length it refuses.
  const auto make_plan = [] { return CUFFT_INVALID_SIZE; };
  const int line = __LINE__ + 2;
  try {
    CUPP_CHECK_CUFFT(make_plan());
    FAIL() << "expected cufft_error";
  } catch (const cupp::cufft_error& e) {
    EXPECT_EQ(e.status(), 8);  // CUFFT_INVALID_SIZE in cufft.h
    EXPECT_EQ(e.api(), "make_plan()");
    EXPECT_EQ(std::string(e.what()), "CUFFT_INVALID_SIZE (8) in make_plan() at " +
                                         std::string(__FILE__) + ":" + std::to_string(line));
  }
  // A library_error, as the cuBLAS, cuSOLVER and cuRAND errors are; success throws nothing.
  EXPECT_THROW(CUPP_CHECK_CUFFT(CUFFT_EXEC_FAILED), cupp::library_error);
  EXPECT_NO_THROW(CUPP_CHECK_CUFFT(CUFFT_SUCCESS));
}

/// Compiles, for sm_90, the kernel that converts an array of From into To (astype).
template <class From, class To>
void compile_cast() {
  const auto node = cupp::expr::make_node<cupp::expr::op_copy>(shaped<From>({3}));
  cupp::expr::family_of<std::decay_t<decltype(node)>>().compile_all(cupp::dtype_of<To>, 90);
}

TEST(FftKernels, ConversionsCompileForSm90) {
  // The conversions the templates make before a transform, and irfft's back to float16.
  using c64 = std::complex<float>;
  using c128 = std::complex<double>;
  EXPECT_NO_THROW((compile_cast<cupp::float16, c64>()));
  EXPECT_NO_THROW((compile_cast<cupp::bfloat16, c64>()));
  EXPECT_NO_THROW((compile_cast<float, c64>()));
  EXPECT_NO_THROW((compile_cast<double, c128>()));
  EXPECT_NO_THROW((compile_cast<bool, c128>()));
  EXPECT_NO_THROW((compile_cast<std::int32_t, c128>()));
  EXPECT_NO_THROW((compile_cast<std::uint64_t, c128>()));
  EXPECT_NO_THROW((compile_cast<cupp::float16, float>()));
  EXPECT_NO_THROW((compile_cast<std::int8_t, double>()));
  EXPECT_NO_THROW((compile_cast<float, cupp::float16>()));
  EXPECT_NO_THROW((compile_cast<float, cupp::bfloat16>()));
  // hfft's conjugated copy.
  const auto conj = cupp::conj(shaped<c64>({3}));
  EXPECT_NO_THROW(
      cupp::expr::family_of<std::decay_t<decltype(conj)>>().compile_all(cupp::dtype::complex64, 90));
}

// The normalisation's expressions (Note [FFT scaling]): the parts of the result times a scalar of
// their own type, for both precisions.
TEST(FftKernels, ScalingCompilesForSm90) {
  const auto f = cupp::expr::make_node<cupp::expr::op_multiply>(shaped<float>({3}), 0.5f);
  EXPECT_NO_THROW(
      cupp::expr::family_of<std::decay_t<decltype(f)>>().compile_all(cupp::dtype::float32, 90));
  const auto d = cupp::expr::make_node<cupp::expr::op_multiply>(shaped<double>({3}), 0.5);
  EXPECT_NO_THROW(
      cupp::expr::family_of<std::decay_t<decltype(d)>>().compile_all(cupp::dtype::float64, 90));
}

}  // namespace
