// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// scipy.ndimage's Fourier filters against SciPy: fourier_gaussian, fourier_uniform,
// fourier_ellipsoid and fourier_shift on fftn and rfftn outputs (n, axis), complex64 and real
// inputs, 1-D to 3-D (tests/data/ndimage/interp.npz, made by make_interp.py); SciPy's output
// dtypes and errors; the generated kernels compiled for sm_90.
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/fft.hpp"
#include "cupp/jit/compiler.hpp"
#include "cupp/scipy/ndimage.hpp"
#include "ndimage_reference.hpp"
#include "support/gpu.hpp"
#include "support/described.hpp"

namespace {

namespace ndi = cupp::scipy::ndimage;
namespace ref = cupp::test::ndimage_ref;
using cupp::dtype;
using cupp::detail::array_desc;
using ndi::detail::fourier_kind;
using cf = std::complex<float>;
using cd = std::complex<double>;

// SciPy's _get_output_fourier and _get_output_fourier_complex.
static_assert(std::is_same_v<ndi::fourier_out_t<void, cd>, cd>);
static_assert(std::is_same_v<ndi::fourier_out_t<void, cf>, cf>);
static_assert(std::is_same_v<ndi::fourier_out_t<void, float>, float>);
static_assert(std::is_same_v<ndi::fourier_out_t<void, std::int16_t>, double>);
static_assert(std::is_same_v<ndi::fourier_out_t<cf, double>, cf>);
static_assert(std::is_same_v<ndi::fourier_shift_out_t<void, float>, cd>);
static_assert(std::is_same_v<ndi::fourier_shift_out_t<void, cf>, cf>);

/// A description with no memory (tests/support/described.hpp) of dtype `dt`.
array_desc described(const cupp::shape_t& shape, dtype dt) {
  return cupp::test::described(shape, dt);
}

TEST(NdimageFourierArgs, ErrorsAsSciPy) {
  const array_desc c = described({4, 6}, dtype::complex128);
  auto filter = [&](const array_desc& a, fourier_kind k, dtype out,
                    ndi::per_axis<double> p = 1.0, std::int64_t n = -1, std::int64_t axis = -1) {
    ndi::detail::fourier_filter(a, k, p, n, axis, out);
  };
  using cupp::test::throws_exactly;
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { filter(c, fourier_kind::gaussian, dtype::int32); }, "output type not supported"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { filter(c, fourier_kind::shift, dtype::float64); }, "output type not supported"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { filter(c, fourier_kind::uniform, dtype::float64); }, "data type not supported"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { filter(described({3}, dtype::float16), fourier_kind::uniform, dtype::float64); },
      "data type not supported"));
  EXPECT_TRUE(throws_exactly<cupp::not_implemented_error>(
      [&] { filter(described({2, 2, 2, 2}, dtype::complex128), fourier_kind::ellipsoid,
                   dtype::complex128); },
      "Only 1d, 2d and 3d inputs are supported"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { filter(c, fourier_kind::gaussian, dtype::complex128, {1.0, 2.0, 3.0}); },
      "sequence argument must have length equal to input rank"));
  EXPECT_THROW(filter(c, fourier_kind::shift, dtype::complex128, 1.0, -1, 2), cupp::axis_error);
}

TEST(NdimageFourierKernels, CompileForSm90) {
  cupp::jit::compiler comp("");
  const std::pair<dtype, dtype> variants[] = {
      {dtype::complex128, dtype::complex128}, {dtype::complex64, dtype::complex64},
      {dtype::float32, dtype::float32},       {dtype::int16, dtype::float64},
      {dtype::float64, dtype::complex128},    {dtype::bool_, dtype::complex64}};
  for (const auto& [in, out] : variants) {
    const std::string name = std::string("cupp_ndi_fourier_") + cupp::dtype_name(in) + "_" +
                             cupp::dtype_name(out);
    SCOPED_TRACE(name);
    std::shared_ptr<const cupp::jit::compiled_module> m;
    EXPECT_NO_THROW(m = comp.compile(ndi::detail::fourier_kernel_source(in, out), {}, {}, 90));
    if (m) {
      EXPECT_NE(m->image.find(name), std::string::npos);
    }
  }
}

class NdimageFourier : public cupp::test::GpuTest {};

TEST_F(NdimageFourier, FiltersAsSciPy) {
  const cupp::npz_file npz = ref::reference("interp");
  const std::map<std::string, fourier_kind> kinds = {
      {"fourier_gaussian", fourier_kind::gaussian},
      {"fourier_uniform", fourier_kind::uniform},
      {"fourier_ellipsoid", fourier_kind::ellipsoid},
      {"fourier_shift", fourier_kind::shift}};
  int seen = 0;
  for (const std::string& name : npz.files()) {
    if (name.rfind("f=fourier_", 0) != 0 || name.size() < 4 ||
        name.compare(name.size() - 4, 4, "__in") != 0)
      continue;
    const std::string key = name.substr(0, name.size() - 4);
    const std::string fn = key.substr(2, key.find(';') - 2);
    const cupp::array in = npz[key + "__in"];
    const cupp::array want = npz[key + "__out"];
    const std::vector<double> p = ref::values(npz[key + "__p"]);
    const std::vector<double> par(p.begin() + 2, p.end());
    const ndi::per_axis<double> parameter =
        par.size() == 1 ? ndi::per_axis<double>(par[0]) : ndi::per_axis<double>(par);
    const cupp::array got(ndi::detail::fourier_filter(in.desc(), kinds.at(fn), parameter,
                                                      static_cast<std::int64_t>(p[0]),
                                                      static_cast<std::int64_t>(p[1]),
                                                      want.dtype()));
    ASSERT_EQ(got.dtype(), want.dtype()) << key;
    const bool single = want.dtype() == dtype::float32 || want.dtype() == dtype::complex64;
    double scale = 1.0;
    for (const double v : ref::values(cupp::abs(want))) scale = std::max(scale, v);
    const double tol = single ? 2e-6 : 1e-12;
    if (cupp::is_complex(want.dtype())) {
      EXPECT_TRUE(ref::all_close(cupp::real(got), cupp::real(want), tol, tol * scale, key));
      EXPECT_TRUE(ref::all_close(cupp::imag(got), cupp::imag(want), tol, tol * scale, key));
    } else {
      EXPECT_TRUE(ref::all_close(got, want, tol, tol * scale, key));
    }
    ++seen;
  }
  EXPECT_GT(seen, 60);
}

TEST_F(NdimageFourier, TypedCallsOnFftOutput) {
  // example-begin ndi_fourier
  namespace ndi = cupp::scipy::ndimage;
  const auto image = cupp::asarray<double>({0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0}, {3, 4});
  // A Gaussian blur through the Fourier domain, and a shift by one row and half a column.
  const auto blurred = cupp::fft::ifftn(ndi::fourier_gaussian(cupp::fft::fftn(image), 1.0));
  const auto moved = cupp::fft::ifftn(ndi::fourier_shift(cupp::fft::fftn(image), {1.0, 0.5}));
  // On rfftn's output, n is the length of the last axis before the transform.
  const auto spectrum = cupp::fft::rfftn(image);  // shape (3, 3)
  const auto box = ndi::fourier_uniform(spectrum, 2.0, /*n=*/4);
  // example-end
  const auto b = cupp::real(blurred).get();
  double sum = 0;
  for (const double v : b) sum += v;
  EXPECT_NEAR(sum, 9.0, 1e-12);  // the zero frequency is kept
  EXPECT_EQ(box.shape(), (cupp::shape_t{3, 3}));
  // An integer shift of one row moves the sample exactly.
  const auto row = ndi::fourier_shift(cupp::fft::fftn(image), {1.0, 0.0});
  const auto r = cupp::real(cupp::fft::ifftn(row)).get();
  EXPECT_NEAR(r[2 * 4 + 2], 9.0, 1e-12);
  EXPECT_NEAR(r[1 * 4 + 2], 0.0, 1e-12);
  EXPECT_EQ(moved.shape(), (cupp::shape_t{3, 4}));
}

}  // namespace
