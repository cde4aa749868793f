// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// scipy.ndimage's interpolation against SciPy: map_coordinates, affine_transform, shift, zoom,
// rotate, spline_filter(1d) over every mode and order 0..5, dtypes, 1-D to 3-D, views, single
// element and empty inputs (tests/data/ndimage/interp.npz, made by make_interp.py); SciPy's
// errors in its words (on descriptions, no GPU); the generated kernels compiled for sm_90.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/jit/compiler.hpp"
#include "cupp/ndimage_common.cuh"
#include "cupp/scipy/ndimage.hpp"
#include "ndimage_reference.hpp"
#include "support/gpu.hpp"
#include "support/described.hpp"

namespace {

namespace ndi = cupp::scipy::ndimage;
namespace ref = cupp::test::ndimage_ref;
using cupp::dtype;
using cupp::detail::array_desc;

// SciPy's output dtypes: the input's (output=None), a named one, and float64 for the spline
// filters (complex128 for complex inputs).
static_assert(std::is_same_v<decltype(ndi::zoom(std::declval<cupp::ndarray<std::uint8_t>>(), 2.0)),
                             cupp::ndarray<std::uint8_t>>);
static_assert(std::is_same_v<decltype(ndi::zoom<float>(std::declval<cupp::ndarray<std::int16_t>>(),
                                                       2.0)),
                             cupp::ndarray<float>>);
static_assert(std::is_same_v<decltype(ndi::spline_filter(std::declval<cupp::ndarray<float>>())),
                             cupp::ndarray<double>>);
static_assert(std::is_same_v<decltype(ndi::spline_filter1d(
                                 std::declval<cupp::ndarray<std::complex<float>>>())),
                             cupp::ndarray<std::complex<double>>>);
static_assert(std::is_same_v<decltype(ndi::map_coordinates(std::declval<cupp::ndarray<bool>>(),
                                                           std::declval<cupp::ndarray<int>>())),
                             cupp::ndarray<bool>>);
static_assert(std::is_same_v<decltype(ndi::rotate<std::uint16_t>(
                                 std::declval<cupp::ndarray<double>>(), 30.0)),
                             cupp::ndarray<std::uint16_t>>);

// ---- host: SciPy's errors, on descriptions (nothing reaches the device) -----------------------

/// A description with no memory (tests/support/described.hpp) of dtype `dt`.
array_desc described(const cupp::shape_t& shape, dtype dt = dtype::float64) {
  return cupp::test::described(shape, dt);
}

template <class E, class Fn>
::testing::AssertionResult raises(Fn&& fn, const std::string& message) {
  return cupp::test::throws_exactly<E>(std::forward<Fn>(fn), message);
}

TEST(NdimageInterpolationArgs, OrderAndRankAsSciPy) {
  const array_desc a = described({4, 5});
  const array_desc c = described({2, 3});
  const dtype f8 = dtype::float64;
  for (int order : {-1, 6}) {
    EXPECT_TRUE(raises<cupp::value_error>(
        [&] { ndi::detail::map_coordinates(a, c, order, "constant", 0, true, f8); },
        "spline order not supported"));
    EXPECT_TRUE(raises<cupp::value_error>(
        [&] { ndi::detail::shift(a, 1.0, order, "constant", 0, true, f8); },
        "spline order not supported"));
    EXPECT_TRUE(raises<cupp::value_error>(
        [&] { ndi::detail::zoom(a, 2.0, order, "constant", 0, true, false, f8); },
        "spline order not supported"));
    EXPECT_TRUE(raises<cupp::value_error>(
        [&] { ndi::detail::spline_filter1d(a, order, -1, "mirror", f8); },
        "spline order not supported"));
  }
  // spline_filter takes orders 2..5 only; spline_filter1d copies for 0 and 1.
  EXPECT_TRUE(raises<cupp::value_error>(
      [&] { ndi::detail::spline_filter(a, 1, "mirror", f8); }, "spline order not supported"));
  const array_desc scalar = described({});
  EXPECT_TRUE(raises<cupp::value_error>(
      [&] { ndi::detail::shift(scalar, 1.0, 3, "constant", 0, true, f8); },
      "input and output rank must be > 0"));
  EXPECT_TRUE(raises<cupp::value_error>(
      [&] { ndi::detail::zoom(scalar, 1.0, 3, "constant", 0, true, false, f8); },
      "input and output rank must be > 0"));
  EXPECT_TRUE(raises<cupp::value_error>(
      [&] { ndi::detail::map_coordinates(a, described({2}), 1, "constant", 0, true, f8); },
      "input and output rank must be > 0"));
  EXPECT_TRUE(raises<cupp::value_error>(
      [&] { ndi::detail::map_coordinates(a, described({3, 4}), 1, "constant", 0, true, f8); },
      "invalid shape for coordinate array"));
  EXPECT_TRUE(raises<cupp::type_error>(
      [&] {
        ndi::detail::map_coordinates(a, described({2, 4}, dtype::complex128), 1, "constant", 0,
                                     true, f8);
      },
      "Complex type not supported"));
  EXPECT_TRUE(raises<cupp::value_error>(
      [&] { ndi::detail::shift(a, {1.0, 2.0, 3.0}, 1, "constant", 0, false, f8); },
      "sequence argument must have length equal to input rank"));
  EXPECT_TRUE(raises<cupp::value_error>(
      [&] { ndi::detail::shift(a, 1.0, 1, "edge", 0, false, f8); },
      "boundary mode not supported"));
  EXPECT_TRUE(raises<cupp::value_error>(
      [&] { ndi::detail::shift(a, 1.0, 3, "symmetric", 0, true, f8); },
      "boundary mode not supported"));
  EXPECT_TRUE(raises<cupp::value_error>(
      [&] { ndi::detail::zoom(a, {2.0}, 1, "constant", 0, false, false, f8); },
      "sequence argument must have length equal to input rank"));
  EXPECT_TRUE(raises<cupp::value_error>(
      [&] { ndi::detail::shift(described({4}, dtype::float16), 1.0, 1, "constant", 0, false, f8); },
      "array type dtype('float16') not supported"));
  EXPECT_TRUE(raises<cupp::value_error>(
      [&] {
        ndi::detail::shift(described({4}, dtype::complex128), 1.0, 1, "constant", 0, false, f8);
      },
      "output must have complex dtype"));
}

TEST(NdimageInterpolationArgs, AffineMatrixFormsAsSciPy) {
  const array_desc a = described({4, 5});
  const dtype f8 = dtype::float64;
  auto affine = [&](const ndi::affine_matrix& m, std::optional<cupp::shape_t> shape = {}) {
    ndi::detail::affine_transform(a, m, 0.0, shape, 1, "constant", 0, false, f8);
  };
  EXPECT_TRUE(raises<cupp::value_error>([&] { affine(std::vector<double>{}); },
                                        "no proper affine matrix provided"));
  EXPECT_TRUE(raises<cupp::value_error>([&] { affine({1.0, 2.0, 3.0}); },
                                        "affine matrix has wrong number of rows"));
  EXPECT_TRUE(raises<cupp::value_error>([&] { affine({{1.0, 0.0}, {0.0, 1.0}, {1, 1}}); },
                                        "affine matrix has wrong number of rows"));
  EXPECT_TRUE(raises<cupp::value_error>(
      [&] { affine({{1.0, 0.0}, {0.0, 1.0}}, cupp::shape_t{3, 4, 5}); },
      "affine matrix has wrong number of columns"));
  EXPECT_TRUE(raises<cupp::value_error>(
      [&] { affine({{1.0, 0.0, 1.0}, {0.0, 1.0, 2.0}, {0.0, 0.5, 1.0}}); },
      "Expected homogeneous transformation matrix with shape (3, 3) for image shape (4, 5), "
      "but bottom row was not equal to [0, 0, 1]"));
  EXPECT_TRUE(raises<cupp::value_error>(
      [&] {
        ndi::detail::affine_transform(a, ndi::affine_matrix{{1.0, 0.0}, {0.0, 1.0}}, {1.0, 2.0, 3.0},
                                      std::nullopt, 1, "constant", 0, false, f8);
      },
      "sequence argument must have length equal to input rank"));
  EXPECT_TRUE(raises<cupp::value_error>(
      [&] {
        ndi::detail::affine_transform(described({}), ndi::affine_matrix{1.0}, 0.0, std::nullopt,
                                      1, "constant", 0, false, f8);
      },
      "input and output rank must be > 0"));
  const ndi::affine_matrix diag = {2.0, 3.0};
  EXPECT_EQ(diag.ndim(), 1);
  EXPECT_EQ(diag.shape(), (std::vector<std::int64_t>{2}));
  const ndi::affine_matrix rows = {{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}};
  EXPECT_EQ(rows.ndim(), 2);
  EXPECT_EQ(rows.shape(), (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(rows.values()[4], 5.0);
}

TEST(NdimageInterpolationArgs, RotateAsSciPy) {
  const dtype f8 = dtype::float64;
  auto rot = [&](const cupp::shape_t& shape, std::vector<std::int64_t> axes) {
    ndi::detail::rotate(described(shape), 30.0, axes, true, 1, "constant", 0, false, f8);
  };
  EXPECT_TRUE(raises<cupp::value_error>([&] { rot({5}, {1, 0}); },
                                        "input array should be at least 2D"));
  EXPECT_TRUE(raises<cupp::value_error>([&] { rot({5, 4}, {1}); },
                                        "axes should contain exactly two values"));
  EXPECT_TRUE(raises<cupp::value_error>([&] { rot({5, 4}, {0, 2}); },
                                        "invalid rotation plane specified"));
  EXPECT_TRUE(raises<cupp::value_error>([&] { rot({5, 4}, {-3, 0}); },
                                        "invalid rotation plane specified"));
}

TEST(NdimageInterpolationArgs, DegreesExactAtRightAngles) {
  // scipy.special.cosdg and sindg
  const std::pair<double, double> want[] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}, {1, 0}};
  for (int k = 0; k <= 4; ++k) {
    const auto [c, s] = ndi::detail::cos_sin_degrees(90.0 * k);
    EXPECT_EQ(c, want[k].first) << k;
    EXPECT_EQ(s, want[k].second) << k;
    const auto [cn, sn] = ndi::detail::cos_sin_degrees(-90.0 * k);
    EXPECT_EQ(cn, want[k].first) << k;
    EXPECT_EQ(sn, -want[k].second) << k;
  }
  const auto [c30, s30] = ndi::detail::cos_sin_degrees(30.0);
  EXPECT_DOUBLE_EQ(c30, 0.8660254037844387);
  EXPECT_DOUBLE_EQ(s30, 0.49999999999999994);
  const auto [c135, s135] = ndi::detail::cos_sin_degrees(-225.0);
  EXPECT_DOUBLE_EQ(c135, -0.7071067811865475);
  EXPECT_DOUBLE_EQ(s135, 0.7071067811865476);
}

// ---- the generated kernels -------------------------------------------------------------------

TEST(NdimageInterpolationKernels, CompileForSm90) {
  cupp::jit::compiler c("");
  auto compiles = [&](const std::string& source, const std::string& name) {
    SCOPED_TRACE(name);
    std::shared_ptr<const cupp::jit::compiled_module> m;
    EXPECT_NO_THROW(m = c.compile(source, {}, {}, 90));
    if (m) {
      EXPECT_NE(m->image.find(name), std::string::npos);
    }
  };
  for (const dtype w : {dtype::float32, dtype::float64})
    for (const dtype src : {w, dtype::uint8, dtype::bool_, dtype::int64}) {
      const std::string types = std::string(cupp::dtype_name(w)) + "_" + cupp::dtype_name(src);
      compiles(ndi::detail::spline_kernel_source(w, src), "cupp_ndi_spline_filter_" + types);
      compiles(ndi::detail::spline_kernel_source(w, src), "cupp_ndi_spline_filter_rows_" + types);
    }
  struct variant {
    dtype in, out, coord;
    int in_ndim, out_ndim, order, kind;
    const char* name;
    int mode = -1;
    bool offset32 = false;
  };
  const variant variants[] = {
      {dtype::float32, dtype::float32, dtype::float64, 2, 2, 3, 2,
       "cupp_ndi_zoom_shift_f4_f4_2d2d_o3"},
      {dtype::float64, dtype::uint8, dtype::float64, 2, 2, 1, 1, "cupp_ndi_affine_f8_u1_2d2d_o1"},
      {dtype::float64, dtype::int16, dtype::int32, 3, 1, 5, 0,
       "cupp_ndi_map_coordinates_f8_i2_i4_3d1d_o5"},
      {dtype::bool_, dtype::bool_, dtype::float32, 1, 2, 0, 0,
       "cupp_ndi_map_coordinates_b1_b1_f4_1d2d_o0"},
      {dtype::int64, dtype::float64, dtype::float64, 1, 3, 4, 1, "cupp_ndi_affine_i8_f8_1d3d_o4"},
      // the variants of one mode, for large launches (Note [Mode variants])
      {dtype::float32, dtype::float32, dtype::float64, 2, 2, 1, 1,
       "cupp_ndi_affine_f4_f4_2d2d_o1_m4_i32", cupp_ndi_constant, true},
      {dtype::float32, dtype::float32, dtype::float32, 2, 1, 3, 0,
       "cupp_ndi_map_coordinates_f4_f4_f4_2d1d_o3_m6", cupp_ndi_grid_constant},
  };
  for (const variant& v : variants)
    compiles(ndi::detail::interp_kernel_source(v.in, v.out, v.coord, v.in_ndim, v.out_ndim,
                                               v.order, v.kind, v.mode, v.offset32),
             v.name);
}

// ---- device results against SciPy's -----------------------------------------------------------

struct ref_case {
  std::string key, f, mode, out;
  int order = 0, view = 0;
};

std::map<std::string, std::string> fields(const std::string& key) {
  std::map<std::string, std::string> m;
  std::size_t start = 0;
  while (start <= key.size()) {
    const std::size_t end = key.find(';', start);
    const std::string item = key.substr(start, end == std::string::npos ? end : end - start);
    const std::size_t eq = item.find('=');
    if (eq != std::string::npos) m[item.substr(0, eq)] = item.substr(eq + 1);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return m;
}

std::vector<ref_case> cases_of(const cupp::npz_file& npz, const std::string& function) {
  std::vector<ref_case> out;
  const std::string suffix = "__in";
  for (const std::string& name : npz.files()) {
    if (name.size() < suffix.size() ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    ref_case c;
    c.key = name.substr(0, name.size() - suffix.size());
    auto f = fields(c.key);
    if (f["f"] != function) continue;
    c.f = f["f"];
    c.mode = f["m"];
    c.order = std::stoi(f["o"]);
    c.view = std::stoi(f["s"]);
    c.out = f["t"];
    out.push_back(c);
  }
  return out;
}

dtype dtype_named(const std::string& name, dtype fallback) {
  if (name.empty()) return fallback;
  for (const dtype d : {dtype::bool_, dtype::int8, dtype::int16, dtype::int32, dtype::int64,
                        dtype::uint8, dtype::uint16, dtype::uint32, dtype::uint64, dtype::float32,
                        dtype::float64, dtype::complex64, dtype::complex128})
    if (name == cupp::dtype_name(d)) return d;
  ADD_FAILURE() << "unknown dtype " << name;
  return fallback;
}

/// The stored input, or the view of it the case ran on (s=1: [..., ::2]; s=2: .T).
array_desc input_of(const cupp::npz_file& npz, const ref_case& c) {
  const array_desc in = npz[c.key + "__in"].desc();
  if (c.view == 1)
    return cupp::detail::index_view(
        in, {cupp::ellipsis, cupp::slice(std::nullopt, std::nullopt, 2)});
  if (c.view == 2) return cupp::detail::reversed_axes(in);
  return in;
}

std::vector<double> params_of(const cupp::npz_file& npz, const ref_case& c) {
  return ref::values(npz[c.key + "__p"]);
}

/// SciPy's result against cupp's: floats to a tolerance of their type, integers exactly (to 1
/// where a prefiltered spline may round a value near .5 the other way), bool as truth values.
/// `skip`, where given, marks the elements not compared (samples of a tie, see rotate's test).
void expect_matches(const cupp::npz_file& npz, const ref_case& c, const array_desc& got_desc,
                    const std::vector<bool>* skip = nullptr) {
  const cupp::array want = npz[c.key + "__out"];
  cupp::array got(got_desc);
  ASSERT_EQ(got.dtype(), want.dtype()) << c.key;
  if (skip != nullptr) {
    std::vector<double> g = ref::values(got);
    const std::vector<double> w = ref::values(want);
    ASSERT_EQ(g.size(), skip->size()) << c.key;
    for (std::size_t i = 0; i < g.size(); ++i)
      if ((*skip)[i]) g[i] = w[i];
    got = cupp::array(cupp::asarray(g, got.shape())).astype(want.dtype());
  }
  if (want.dtype() == dtype::bool_) {
    const std::vector<double> g = ref::values(got), w = ref::values(want);
    ASSERT_EQ(g.size(), w.size()) << c.key;
    for (std::size_t i = 0; i < g.size(); ++i) EXPECT_EQ(g[i] != 0, w[i] != 0) << c.key << " " << i;
    return;
  }
  double scale = 1.0;
  for (const double v : ref::values(want)) scale = std::max(scale, std::abs(v));
  double rtol = 1e-9, atol = 1e-9 * scale;
  if (cupp::is_complex(want.dtype())) {
    const double tol = want.dtype() == dtype::complex64 ? 2e-5 : 1e-9;
    double s = 1.0;
    for (const double v : ref::values(cupp::abs(want))) s = std::max(s, v);
    EXPECT_TRUE(ref::all_close(cupp::real(got), cupp::real(want), tol, tol * s, c.key));
    EXPECT_TRUE(ref::all_close(cupp::imag(got), cupp::imag(want), tol, tol * s, c.key));
    return;
  }
  if (want.dtype() == dtype::float32) {
    rtol = 2e-5;
    atol = 2e-5 * scale;
  } else if (cupp::is_integer(want.dtype())) {
    rtol = 0;
    atol = c.order >= 2 ? 1.0 : 0.0;
  }
  EXPECT_TRUE(ref::all_close(got, want, rtol, atol, c.key));
}

class NdimageInterpolation : public cupp::test::GpuTest {
 protected:
  static const cupp::npz_file& npz() {
    static const cupp::npz_file f = ref::reference("interp");
    return f;
  }
};

TEST_F(NdimageInterpolation, SplineFilter1dAsSciPy) {
  const auto cases = cases_of(npz(), "spline_filter1d");
  ASSERT_GT(cases.size(), 100u);
  for (const ref_case& c : cases) {
    const array_desc in = input_of(npz(), c);
    const auto p = params_of(npz(), c);
    expect_matches(npz(), c,
                   ndi::detail::spline_filter1d(in, c.order, static_cast<std::int64_t>(p[0]),
                                                c.mode, dtype_named(c.out, dtype::float64)));
  }
}

TEST_F(NdimageInterpolation, SplineFilterAsSciPy) {
  const auto cases = cases_of(npz(), "spline_filter");
  ASSERT_GT(cases.size(), 20u);
  for (const ref_case& c : cases)
    expect_matches(npz(), c,
                   ndi::detail::spline_filter(input_of(npz(), c), c.order, c.mode,
                                              dtype_named(c.out, dtype::float64)));
}

TEST_F(NdimageInterpolation, MapCoordinatesAsSciPy) {
  const auto cases = cases_of(npz(), "map_coordinates");
  ASSERT_GT(cases.size(), 80u);
  for (const ref_case& c : cases) {
    const array_desc in = input_of(npz(), c);
    const auto p = params_of(npz(), c);
    const array_desc coords = npz()[c.key + "__c"].desc();
    expect_matches(npz(), c,
                   ndi::detail::map_coordinates(in, coords, c.order, c.mode, p[0], p[1] != 0,
                                                dtype_named(c.out, in.dt)));
    // The same points in reverse order, through a view with a negative stride.
    const std::vector<cupp::detail::index_item> reverse = {
        cupp::ellipsis, cupp::slice(std::nullopt, std::nullopt, -1)};
    if (in.dt != dtype::bool_ && !cupp::is_complex(in.dt)) {
      const cupp::array got(ndi::detail::map_coordinates(
          in, cupp::detail::index_view(coords, reverse), c.order, c.mode, p[0], p[1] != 0,
          dtype_named(c.out, in.dt)));
      const cupp::array want(cupp::detail::index_view(npz()[c.key + "__out"].desc(), reverse));
      double scale = 1.0;
      for (const double v : ref::values(want)) scale = std::max(scale, std::abs(v));
      const bool exact = cupp::is_integer(want.dtype());
      const double tol = want.dtype() == dtype::float32 ? 2e-5 : exact ? 0.0 : 1e-9;
      EXPECT_TRUE(ref::all_close(got, want, tol, exact && c.order >= 2 ? 1.0 : tol * scale,
                                 c.key + " (reversed coordinates)"));
    }
  }
}

TEST_F(NdimageInterpolation, ShiftAsSciPy) {
  const auto cases = cases_of(npz(), "shift");
  ASSERT_GT(cases.size(), 80u);
  for (const ref_case& c : cases) {
    const array_desc in = input_of(npz(), c);
    const auto p = params_of(npz(), c);
    const std::vector<double> s(p.begin() + 2, p.end());
    expect_matches(npz(), c,
                   ndi::detail::shift(in, s, c.order, c.mode, p[0], p[1] != 0,
                                      dtype_named(c.out, in.dt)));
  }
}

TEST_F(NdimageInterpolation, ZoomAsSciPy) {
  const auto cases = cases_of(npz(), "zoom");
  ASSERT_GT(cases.size(), 80u);
  for (const ref_case& c : cases) {
    const array_desc in = input_of(npz(), c);
    const auto p = params_of(npz(), c);
    const std::vector<double> z(p.begin() + 3, p.end());
    expect_matches(npz(), c,
                   ndi::detail::zoom(in, z, c.order, c.mode, p[0], p[1] != 0, p[2] != 0,
                                     dtype_named(c.out, in.dt)));
  }
}

TEST_F(NdimageInterpolation, AffineTransformAsSciPy) {
  const auto cases = cases_of(npz(), "affine_transform");
  ASSERT_GT(cases.size(), 40u);
  for (const ref_case& c : cases) {
    const array_desc in = input_of(npz(), c);
    const auto p = params_of(npz(), c);
    const cupp::array mat = npz()[c.key + "__mat"];
    const std::vector<double> mv = ref::values(mat);
    std::optional<ndi::affine_matrix> m;
    if (mat.ndim() == 1) {
      m.emplace(mv);
    } else {
      std::vector<std::vector<double>> rows;
      const auto cols = static_cast<std::size_t>(mat.shape()[1]);
      for (std::size_t r = 0; r < static_cast<std::size_t>(mat.shape()[0]); ++r)
        rows.emplace_back(mv.begin() + static_cast<long>(r * cols),
                          mv.begin() + static_cast<long>((r + 1) * cols));
      m.emplace(rows);
    }
    const auto nd = static_cast<std::size_t>(in.ndim());
    const std::vector<double> offset(p.begin() + 3, p.begin() + 3 + static_cast<long>(nd));
    std::optional<cupp::shape_t> out_shape;
    if (p[2] != 0) {
      out_shape.emplace();
      for (std::size_t k = 3 + nd; k < p.size(); ++k)
        out_shape->push_back(static_cast<std::int64_t>(p[k]));
    }
    expect_matches(npz(), c,
                   ndi::detail::affine_transform(in, *m, offset, out_shape, c.order, c.mode, p[0],
                                                 p[1] != 0, dtype_named(c.out, in.dt)));
  }
}

/// The elements of a rotation's output whose order-0 sample is a tie: a coordinate, in exact
/// arithmetic, half way between two samples (a 45-degree turn makes them). Which of the two a
/// library takes depends on the last bit of its rounded coordinate, and so on its order of
/// operations (NumPy's matmul of the centres among them); those elements are not compared.
std::vector<bool> order0_ties(const cupp::shape_t& in_shape, const cupp::shape_t& out_shape,
                              double angle, std::int64_t a0, std::int64_t a1) {
  const int nd = static_cast<int>(out_shape.size());
  a0 = cupp::normalize_axis(a0, nd);
  a1 = cupp::normalize_axis(a1, nd);
  if (a0 > a1) std::swap(a0, a1);
  const long double pi = 3.141592653589793238462643383279502884L;
  const long double c = std::cos(angle * pi / 180), s = std::sin(angle * pi / 180);
  const auto n = [](const cupp::shape_t& sh, std::int64_t a) {
    return static_cast<long double>(sh[static_cast<std::size_t>(a)]);
  };
  const long double ay = (n(out_shape, a0) - 1) / 2, ax = (n(out_shape, a1) - 1) / 2;
  const long double off0 = (n(in_shape, a0) - 1) / 2 - (c * ay + s * ax);
  const long double off1 = (n(in_shape, a1) - 1) / 2 - (-s * ay + c * ax);
  const auto tie = [](long double v) {
    const long double f = v - std::floor(v);
    return std::abs(f - 0.5L) < 1e-9L;
  };
  std::int64_t total = 1;
  for (const std::int64_t e : out_shape) total *= e;
  std::vector<bool> skip(static_cast<std::size_t>(total), false);
  for (std::int64_t i = 0; i < total; ++i) {
    std::int64_t rest = i, y = 0, x = 0;
    for (int d = nd - 1; d >= 0; --d) {
      const std::int64_t k = rest % out_shape[static_cast<std::size_t>(d)];
      rest /= out_shape[static_cast<std::size_t>(d)];
      if (d == a0) y = k;
      if (d == a1) x = k;
    }
    const auto ly = static_cast<long double>(y), lx = static_cast<long double>(x);
    skip[static_cast<std::size_t>(i)] = tie(off0 + c * ly + s * lx) || tie(off1 - s * ly + c * lx);
  }
  return skip;
}

TEST_F(NdimageInterpolation, RotateAsSciPy) {
  const auto cases = cases_of(npz(), "rotate");
  ASSERT_GT(cases.size(), 30u);
  for (const ref_case& c : cases) {
    const array_desc in = input_of(npz(), c);
    const auto p = params_of(npz(), c);
    const auto a0 = static_cast<std::int64_t>(p[4]), a1 = static_cast<std::int64_t>(p[5]);
    const array_desc got = ndi::detail::rotate(in, p[2], {a0, a1}, p[3] != 0, c.order, c.mode, p[0],
                                               p[1] != 0, dtype_named(c.out, in.dt));
    if (c.order == 0) {
      const std::vector<bool> skip = order0_ties(in.shape, got.shape, p[2], a0, a1);
      expect_matches(npz(), c, got, &skip);
    } else {
      expect_matches(npz(), c, got);
    }
  }
}

// Launches of 2^20 outputs and more use the kernel compiled for their one mode (Note [Mode
// variants] in src/scipy/ndimage/interpolation.cpp): integer shifts of order 1 move the samples
// exactly, so the host computes the expected result.
TEST_F(NdimageInterpolation, LargeLaunchesAsSmallOnes) {
  const std::int64_t rows = 1031, cols = 1029;
  std::vector<float> host(static_cast<std::size_t>(rows * cols));
  for (std::size_t i = 0; i < host.size(); ++i) host[i] = static_cast<float>((i * 7919) % 1000);
  const auto a = cupp::asarray(host, {rows, cols});
  for (const char* mode : {"constant", "grid-wrap", "nearest"}) {
    SCOPED_TRACE(mode);
    const auto got = ndi::shift(a, {2.0, -3.0}, 1, mode, -1.0).get();
    const std::string m = mode;
    int bad = 0;
    for (std::int64_t r = 0; r < rows; ++r) {
      for (std::int64_t c = 0; c < cols; ++c) {
        std::int64_t sr = r - 2, sc = c + 3;
        float want;
        if (m == "constant") {
          want = sr < 0 || sc >= cols ? -1.0f : host[static_cast<std::size_t>(sr * cols + sc)];
        } else if (m == "grid-wrap") {
          sr = (sr + rows) % rows;
          sc = sc % cols;
          want = host[static_cast<std::size_t>(sr * cols + sc)];
        } else {
          sr = std::max<std::int64_t>(sr, 0);
          sc = std::min<std::int64_t>(sc, cols - 1);
          want = host[static_cast<std::size_t>(sr * cols + sc)];
        }
        if (got[static_cast<std::size_t>(r * cols + c)] != want && ++bad < 5)
          ADD_FAILURE() << "[" << r << ", " << c << "] " << got[static_cast<std::size_t>(r * cols + c)]
                        << " instead of " << want;
      }
    }
    EXPECT_EQ(bad, 0);
  }
}

TEST_F(NdimageInterpolation, TypedCallsAsSciPyDocuments) {
  // example-begin ndi_shift_zoom
  namespace ndi = cupp::scipy::ndimage;
  const auto a = cupp::asarray<double>({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, {3, 4});
  // order 0 and an integer shift: the samples move; constant mode fills with cval
  const auto moved = ndi::shift(a, {0.0, 1.0}, /*order=*/0, "constant", /*cval=*/-1.0);
  // [[-1, 0, 1, 2], [-1, 4, 5, 6], [-1, 8, 9, 10]]
  const auto big = ndi::zoom(a, 2.0, /*order=*/1);  // shape (6, 8), corners kept
  const auto coeffs = ndi::spline_filter(a);        // float64 B-spline coefficients, order 3
  const auto back = ndi::map_coordinates(coeffs, cupp::asarray<double>({1, 2}, {2, 1}), 3,
                                         "mirror", 0.0, /*prefilter=*/false);  // a[1, 2] = 6
  // example-end
  EXPECT_EQ(moved.get(),
            (std::vector<double>{-1, 0, 1, 2, -1, 4, 5, 6, -1, 8, 9, 10}));
  EXPECT_EQ(big.shape(), (cupp::shape_t{6, 8}));
  const auto b = big.get();
  EXPECT_DOUBLE_EQ(b[0], 0.0);
  EXPECT_DOUBLE_EQ(b[47], 11.0);
  EXPECT_NEAR(back.get()[0], 6.0, 1e-12);
  // float32 in, float32 out; uint8 rounded as SciPy's C code rounds
  const auto u = cupp::asarray<std::uint8_t>({10, 20, 30, 41}, {4});
  const auto half = ndi::shift(u, 0.5, 1, "nearest");
  EXPECT_EQ(half.get(), (std::vector<std::uint8_t>{10, 15, 25, 36}));
  const auto r = ndi::rotate(cupp::asarray<float>({1, 2, 3, 4, 5, 6}, {2, 3}), 90.0);
  EXPECT_EQ(r.shape(), (cupp::shape_t{3, 2}));
  const std::vector<float> rotated = r.get();
  const float want[] = {3, 6, 2, 5, 1, 4};  // np.rot90: the spline reproduces the samples
  for (std::size_t i = 0; i < 6; ++i) EXPECT_NEAR(rotated[i], want[i], 1e-5) << i;
}

}  // namespace
