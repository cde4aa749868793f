// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The linear filters of cupp::scipy::ndimage against SciPy: on the host, the arithmetic of
// kernels/cupp/ndimage_filters.cuh (SciPy's casts to integer outputs, its summation orders), the
// Gaussian weights, the argument checks with SciPy's words and the kernels' compilation; on the
// device, every case of tests/data/ndimage/filters.npz (tests/ndimage/make_filters.py), contiguous
// and through a non-contiguous view, and the public templates.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <memory>
#include <string>
#include <vector>

#include "core/throws.hpp"
#include "cupp/jit/compiler.hpp"
#include "cupp/ndimage_filters.cuh"
#include "cupp/scipy/ndimage.hpp"
#include "ndimage_reference.hpp"
#include "support/gpu.hpp"

namespace {

namespace ndi = cupp::scipy::ndimage;
namespace ref = cupp::test::ndimage_ref;
using cupp::dtype;
using cupp::detail::array_desc;

// ---- the arithmetic, on the host --------------------------------------------------------------

TEST(NdimageFiltersHost, CastsAsSciPy) {
  // SciPy's stores of these sums (scipy.ndimage.correlate1d(x, [1.0], output=dtype)).
  const double x[] = {0.5, -0.5, 256.0, 2.5, -1.5, NAN, 1e10, -1e10, 3e9};
  const int i8[] = {0, 0, 0, 2, -1, 0, 0, 0, 0};
  const int u8[] = {0, 0, 0, 2, 255, 0, 0, 0, 0};
  const int i16[] = {0, 0, 256, 2, -1, 0, 0, 0, 0};
  const long long i32[] = {
      0, 0, 256, 2, -1, -2147483648LL, -2147483648LL, -2147483648LL, -2147483648LL};
  const unsigned u32[] = {0, 0, 256, 2, 4294967295u, 0, 1410065408u, 2884901888u, 3000000000u};
  const long long i64[] = {
      0, 0, 256, 2, -1, (-9223372036854775807LL - 1), 10000000000LL, -10000000000LL, 3000000000LL};
  const unsigned long long u64[] = {0,
                                    0,
                                    256,
                                    2,
                                    18446744073709551615ULL,
                                    9223372036854775808ULL,
                                    10000000000ULL,
                                    18446744063709551616ULL,
                                    3000000000ULL};
  const bool b[] = {false, false, false, true, true, false, false, false, false};
  for (int k = 0; k < 9; ++k) {
    SCOPED_TRACE(x[k]);
    EXPECT_EQ(cupp_ndi_cast<signed char>::from(x[k]), i8[k]);
    EXPECT_EQ(cupp_ndi_cast<unsigned char>::from(x[k]), u8[k]);
    EXPECT_EQ(cupp_ndi_cast<short>::from(x[k]), i16[k]);
    EXPECT_EQ(cupp_ndi_cast<int>::from(x[k]), i32[k]);
    EXPECT_EQ(cupp_ndi_cast<unsigned int>::from(x[k]), u32[k]);
    EXPECT_EQ(cupp_ndi_cast<long long>::from(x[k]), i64[k]);
    EXPECT_EQ(cupp_ndi_cast<unsigned long long>::from(x[k]), u64[k]);
    EXPECT_EQ(cupp_ndi_cast<bool>::from(x[k]), b[k]);
  }
  // Truncation and wrap-around: -2.7 -> 254 and -320 -> 192 as uint8, 2e19 -> 0 as uint64.
  EXPECT_EQ(cupp_ndi_cast<unsigned char>::from(-2.7), 254);
  EXPECT_EQ(cupp_ndi_cast<unsigned char>::from(-320.0), 192);
  EXPECT_EQ(cupp_ndi_cast<signed char>::from(-300.0), -44);
  EXPECT_EQ(cupp_ndi_cast<unsigned long long>::from(2e19), 0ULL);
  EXPECT_EQ(cupp_ndi_cast<unsigned long long>::from(1e19), 10000000000000000000ULL);
}

/// One line of a 1-D pass on the host, as the kernel computes it: the taps of the .cuh over the
/// boundary map of kernels/cupp/ndimage_common.cuh, stored with SciPy's casts.
template <class Out>
std::vector<Out> host_line(const std::vector<double>& in, const std::vector<double>& w, int kind,
                           int origin, int mode, double cval) {
  const long long n = static_cast<long long>(in.size());
  const int size1 = static_cast<int>(w.size()) / 2;
  const int size2 = static_cast<int>(w.size()) - size1 - 1;
  std::vector<Out> out;
  for (long long a = 0; a < n; ++a) {
    const auto x = [&](int j) {
      const long long q = cupp_ndi_filter_index(a - origin + j, n, mode);
      return q < 0 ? cval : in[static_cast<std::size_t>(q)];
    };
    out.push_back(
        cupp_ndi_cast<Out>::from(cupp_ndi_line_point<double>(x, w.data(), size1, size2, kind)));
  }
  return out;
}

TEST(NdimageFiltersHost, SummationOrdersAsSciPy) {
  const std::vector<double> line = {0, 1, 1, 2, 5};
  const double third = 1.0 / 3.0;
  // scipy.ndimage.correlate1d(np.array([0, 1, 1, 2, 5], np.uint8), [1/3, 1/3, 1/3]): the last
  // sum is 3.9999... (5 * (1/3) + (2 + 5) * (1/3) in SciPy's symmetric order), stored as 3.
  EXPECT_EQ(host_line<unsigned char>(line, {third, third, third}, cupp_ndi_symmetric, 0,
                                     cupp_ndi_reflect, 0.0),
            (std::vector<unsigned char>{0, 0, 1, 2, 3}));
  // scipy.ndimage.uniform_filter1d(..., 3): the sum 12 divided by 3 is 4.
  EXPECT_EQ(host_line<unsigned char>(line, {1, 1, 1}, cupp_ndi_box, 0, cupp_ndi_reflect, 0.0),
            (std::vector<unsigned char>{0, 0, 1, 2, 4}));
  // scipy.ndimage.correlate1d(np.array([0, 10, 0, 3, 0], np.uint8), [-0.27, 0, 0]) is
  // [0, 0, 254, 0, 0]: -2.7 truncated to -2, stored modulo 256.
  EXPECT_EQ(host_line<unsigned char>({0, 10, 0, 3, 0}, {-0.27, 0, 0}, cupp_ndi_general, 0,
                                     cupp_ndi_reflect, 0.0),
            (std::vector<unsigned char>{0, 0, 254, 0, 0}));
  // scipy.ndimage.correlate1d([1., 2, 3, 4], [1, 2, 3], origin=1, mode="constant", cval=10)
  // is [32, 30, 20, 14]... computed by hand: out[i] = sum_j w[j + 1] x[i + j - 1].
  EXPECT_EQ(
      host_line<double>({1, 2, 3, 4}, {1, 2, 3}, cupp_ndi_general, 1, cupp_ndi_constant, 10.0),
      (std::vector<double>{1 * 10 + 2 * 10 + 3 * 1, 1 * 10 + 2 * 1 + 3 * 2, 1 * 1 + 2 * 2 + 3 * 3,
                           1 * 2 + 2 * 3 + 3 * 4}));
}

TEST(NdimageFiltersHost, GaussianWeightsAsSciPy) {
  // scipy.ndimage._filters._gaussian_kernel1d(sigma, order, radius)[::-1].
  struct gw {
    double sigma;
    int order, radius;
    std::vector<double> w;
  };
  const gw cases[] = {
      {1.5,
       0,
       6,
       {8.922106863539231e-05, 0.001028196578138909, 0.007597402196596929, 0.03599434807370883,
        0.1093411749545305, 0.212967528547854, 0.2659642571610709, 0.212967528547854,
        0.1093411749545305, 0.03599434807370883, 0.007597402196596929, 0.001028196578138909,
        8.922106863539231e-05}},
      {2.0,
       1,
       3,
       {-0.052619495219269556, -0.065537439483683, -0.047678205892409335, 0.0, 0.047678205892409335,
        0.065537439483683, 0.052619495219269556}},
      {0.7,
       2,
       4,
       {2.988510482059764e-06, 0.0020743211136668464, 0.14061825920001172, 0.43629243294687964,
        -1.1629504716984305, 0.43629243294687964, 0.14061825920001172, 0.0020743211136668464,
        2.988510482059764e-06}},
      {1.2,
       3,
       5,
       {-0.0019554449430645485, -0.020109355134193287, -0.06868142278632852, 0.01776788051547535,
        0.2612064038373078, 0.0, -0.2612064038373078, -0.01776788051547535, 0.06868142278632852,
        0.020109355134193287, 0.0019554449430645485}},
  };
  for (const gw& c : cases) {
    SCOPED_TRACE(c.order);
    const std::vector<double> w = ndi::detail::gaussian_weights(c.sigma, c.order, c.radius);
    ASSERT_EQ(w.size(), c.w.size());
    for (std::size_t i = 0; i < w.size(); ++i) EXPECT_NEAR(w[i], c.w[i], 4e-16) << i;
  }
  EXPECT_TRUE(cupp::test::throws_exactly<cupp::value_error>(
      [] { ndi::detail::gaussian_weights(1.0, -1, 3); }, "order must be non-negative"));
}

/// A description of a 4x5 float64 array that is never read: the checks below fire first.
array_desc unread(cupp::shape_t shape = {4, 5}) {
  array_desc d;
  d.shape = shape;
  d.strides = cupp::c_strides(shape);
  d.dt = dtype::float64;
  return d;
}

TEST(NdimageFiltersHost, ArgumentErrorsAsSciPy) {
  using cupp::value_error;
  using cupp::test::throws_exactly;
  const array_desc a = unread();
  const dtype f64 = dtype::float64;
  EXPECT_TRUE(throws_exactly<value_error>(
      [&] { ndi::detail::correlate1d(a, {}, -1, "reflect", 0.0, 0, false, f64); },
      "no filter weights given"));
  EXPECT_TRUE(throws_exactly<value_error>(
      [&] {
        ndi::detail::correlate1d(a, {1, 2, 3}, -1, "reflect", 0.0, 2, false, f64);
      },
      "Invalid origin; origin must satisfy -(len(weights) // 2) <= origin <= "
      "(len(weights)-1) // 2"));
  EXPECT_TRUE(throws_exactly<value_error>(
      [&] {
        ndi::detail::correlate1d(a, {1, 2, 3}, -1, "edge", 0.0, 0, false, f64);
      },
      "boundary mode not supported"));
  EXPECT_THROW(ndi::detail::correlate1d(a, {1, 2, 3}, 2, "reflect", 0.0, 0, false, f64),
               cupp::axis_error);
  EXPECT_TRUE(throws_exactly<value_error>(
      [&] { ndi::detail::uniform_filter1d(a, 0, -1, "reflect", 0.0, 0, f64); },
      "incorrect filter size"));
  EXPECT_TRUE(throws_exactly<value_error>(
      [&] { ndi::detail::uniform_filter1d(a, 3, -1, "reflect", 0.0, 2, f64); }, "invalid origin"));
  EXPECT_TRUE(throws_exactly<value_error>(
      [&] {
        ndi::detail::uniform_filter(a, {3, 3, 3}, "reflect", 0.0, 0, {}, f64);
      },
      "sequence argument must have length equal to input rank"));
  EXPECT_TRUE(throws_exactly<value_error>(
      [&] { ndi::detail::gaussian_filter1d(a, 1.0, -1, 0, "reflect", 0.0, 4.0, -1, f64); },
      "Radius must be a nonnegative integer."));
  EXPECT_TRUE(throws_exactly<value_error>(
      [&] {
        ndi::detail::gaussian_filter1d(a, -1.0, -1, 0, "reflect", 0.0, 4.0, std::nullopt, f64);
      },
      "Radius must be a nonnegative integer."));
  EXPECT_TRUE(throws_exactly<value_error>(
      [&] {
        ndi::detail::gaussian_filter1d(a, 1.0, -1, -1, "reflect", 0.0, 4.0, std::nullopt, f64);
      },
      "order must be non-negative"));
  EXPECT_TRUE(throws_exactly<value_error>(
      [&] {
        ndi::detail::gaussian_filter1d(a, 0.0, -1, 0, "reflect", 0.0, 4.0, std::nullopt, f64);
      },
      "float division by zero"));
  EXPECT_TRUE(throws_exactly<value_error>(
      [&] {
        ndi::detail::gaussian_filter(a, {1.0, 2.0, 3.0}, 0, "reflect", 0.0, 4.0, {}, {}, f64);
      },
      "sequence argument must have length equal to input rank"));
  EXPECT_TRUE(throws_exactly<value_error>(
      [&] {
        ndi::detail::edge_filter(a, -1, {"reflect", "wrap", "nearest"}, 0.0, true, f64);
      },
      "sequence argument must have length equal to input rank"));
  // Complex inputs need complex outputs; real inputs have no complex ones (SciPy's words).
  array_desc z = unread();
  z.dt = dtype::complex64;
  EXPECT_TRUE(throws_exactly<value_error>(
      [&] { ndi::detail::correlate1d(z, {1.0}, -1, "reflect", 0.0, 0, false, dtype::float32); },
      "output must have complex dtype"));
  EXPECT_TRUE(throws_exactly<value_error>(
      [&] { ndi::detail::uniform_filter1d(a, 3, -1, "reflect", 0.0, 0, dtype::complex128); },
      "array type dtype('complex128') not supported"));
  // correlate: the weights' rank, the origins.
  EXPECT_TRUE(throws_exactly<value_error>(
      [&] { ndi::detail::correlate(a, unread({3}), "reflect", 0.0, 0, {}, false, f64); },
      "weights.ndim (1) must match len(axes) (2)"));
  EXPECT_TRUE(throws_exactly<value_error>(
      [&] {
        ndi::detail::correlate(a, unread({3, 3}), "reflect", 0.0, 0, cupp::axis_arg(1), false, f64);
      },
      "weights.ndim (2) must match len(axes) (1)"));
  EXPECT_TRUE(throws_exactly<value_error>(
      [&] {
        ndi::detail::correlate(a, unread({3, 3}), "reflect", 0.0, {0, 2}, {}, false, f64);
      },
      "Invalid origin; origin must satisfy -(weights.shape[k] // 2) <= origin[k] <= "
      "(weights.shape[k]-1) // 2"));
  EXPECT_TRUE(throws_exactly<value_error>(
      [&] {
        ndi::detail::correlate(a, unread({3, 3}), "reflect", 0.0, {0, 0, 0}, {}, false, f64);
      },
      "sequence argument must have length equal to input rank"));
  EXPECT_TRUE(throws_exactly<value_error>(
      [&] {
        ndi::detail::correlate(a, unread({3, 3}), "grid", 0.0, 0, {}, false, f64);
      },
      "boundary mode not supported"));
  EXPECT_TRUE(throws_exactly<value_error>(
      [&] {
        ndi::detail::correlate(a, unread({3, 3}), "reflect", 0.0, 0, {0, 0}, false, f64);
      },
      "axes must be unique"));
}

TEST(NdimageFiltersHost, KernelsCompileForSm90) {
  cupp::jit::compiler c("");
  const std::pair<dtype, dtype> variants[] = {
      {dtype::float32, dtype::float32},  {dtype::float64, dtype::float64},
      {dtype::uint8, dtype::uint8},      {dtype::bool_, dtype::bool_},
      {dtype::int64, dtype::uint64},     {dtype::float16, dtype::float16},
      {dtype::bfloat16, dtype::float32}, {dtype::float32, dtype::int16},
      {dtype::uint32, dtype::int8},
  };
  for (const auto& [in, out] : variants) {
    SCOPED_TRACE(std::string(cupp::dtype_name(in)) + " -> " + cupp::dtype_name(out));
    const std::string source = ndi::detail::filters_kernel_source(in, out);
    EXPECT_NE(source.find("#include <cupp/ndimage_filters.cuh>\n"), std::string::npos);
    std::shared_ptr<const cupp::jit::compiled_module> m;
    EXPECT_NO_THROW(m = c.compile(source, {}, {}, 90));
    if (m) {
      const std::string variant = std::string(cupp::dtype_name(in)) + "_" + cupp::dtype_name(out);
      EXPECT_NE(m->image.find("cupp_ndi_correlate1d_" + variant), std::string::npos);
      EXPECT_NE(m->image.find("cupp_ndi_correlate_" + variant), std::string::npos);
      EXPECT_NE(m->image.find("cupp_ndi_correlate2d_" + variant), std::string::npos);
    }
  }
}

// ---- SciPy's results, on the device ----------------------------------------------------------

class NdimageFilters : public cupp::test::GpuTest {};

struct filter_case {
  std::string key, fn, mode, out;
};

/// "NNN_<function>_<mode>_<out>": the mode has no '_' ("grid-mirror"), the function may.
filter_case parse_case(const std::string& key) {
  filter_case c;
  c.key = key;
  std::string rest = key.substr(key.find('_') + 1);
  c.out = rest.substr(rest.rfind('_') + 1);
  rest = rest.substr(0, rest.rfind('_'));
  c.mode = rest.substr(rest.rfind('_') + 1);
  c.fn = rest.substr(0, rest.rfind('_'));
  return c;
}

std::vector<filter_case> all_cases(const cupp::npz_file& npz) {
  std::vector<filter_case> out;
  for (const std::string& f : npz.files()) {
    const auto at = f.rfind("__in");
    if (at != std::string::npos && at + 4 == f.size()) out.push_back(parse_case(f.substr(0, at)));
  }
  return out;
}

/// The same values in another layout: the axes reversed in memory (a transposed copy, viewed
/// back), so that no axis is contiguous in the filters' sense.
array_desc strided(const array_desc& a) {
  if (a.ndim() < 2) return a;
  std::vector<std::int64_t> perm;
  for (auto d = a.ndim() - 1; d >= 0; --d) perm.push_back(d);
  return cupp::detail::transpose(cupp::detail::copy(cupp::detail::transpose(a, perm)), perm);
}

/// One case through the type-erased functions, as SciPy computed it.
array_desc run_case(const filter_case& c, const array_desc& in, const std::vector<double>& p,
                    const cupp::npz_file& npz, dtype out) {
  const int nd = static_cast<int>(in.ndim());
  const auto slice = [&](std::size_t from, std::size_t n) {
    return std::vector<double>(p.begin() + static_cast<std::ptrdiff_t>(from),
                               p.begin() + static_cast<std::ptrdiff_t>(from + n));
  };
  const auto ints = [&](std::size_t from, std::size_t n) {
    std::vector<int> v;
    for (double d : slice(from, n)) v.push_back(static_cast<int>(d));
    return v;
  };
  const auto i = [&](std::size_t k) { return static_cast<int>(p[k]); };
  const auto nd_u = static_cast<std::size_t>(nd);
  if (c.fn == "correlate1d" || c.fn == "convolve1d")
    return ndi::detail::correlate1d(in, slice(3, p.size() - 3), i(0), c.mode, p[1], i(2),
                                    c.fn == "convolve1d", out);
  if (c.fn == "correlate" || c.fn == "convolve")
    return ndi::detail::correlate(in, npz[c.key + "__w"].desc(), c.mode, p[0], ints(1, nd_u), {},
                                  c.fn == "convolve", out);
  if (c.fn == "uniform_filter1d")
    return ndi::detail::uniform_filter1d(in, i(0), i(1), c.mode, p[2], i(3), out);
  if (c.fn == "uniform_filter")
    return ndi::detail::uniform_filter(in, ints(1, nd_u), c.mode, p[0], ints(1 + nd_u, nd_u), {},
                                       out);
  if (c.fn == "gaussian_filter1d")
    return ndi::detail::gaussian_filter1d(in, p[0], i(1), i(2), c.mode, p[3], p[4],
                                          i(5) < 0 ? std::nullopt : std::optional<int>(i(5)), out);
  if (c.fn == "gaussian_filter")
    return ndi::detail::gaussian_filter(in, slice(2, nd_u), ints(2 + nd_u, nd_u), c.mode, p[0],
                                        p[1], std::nullopt, {}, out);
  if (c.fn == "sobel" || c.fn == "prewitt")
    return ndi::detail::edge_filter(in, i(0), c.mode, p[1], c.fn == "sobel", out);
  ADD_FAILURE() << "unknown function " << c.fn;
  return in;
}

/// The real (which = 0) or imaginary (1) parts of a complex array, as a real view.
cupp::array part(const cupp::array& a, int which) {
  const array_desc& d = a.desc();
  const dtype real = d.dt == dtype::complex64 ? dtype::float32 : dtype::float64;
  cupp::strides_t strides = d.strides;
  for (auto& st : strides) st *= 2;
  array_desc v = cupp::detail::make_view(
      d, d.shape, strides, d.ptr + static_cast<std::size_t>(which) * cupp::dtype_itemsize(real));
  v.dt = real;
  return cupp::array(v);
}

/// all_close, part by part for complex arrays.
::testing::AssertionResult close(const cupp::array& got, const cupp::array& want, double rtol,
                                 double atol, const std::string& what) {
  if (!cupp::is_complex(want.dtype()) || got.dtype() != want.dtype())
    return ref::all_close(got, want, rtol, atol, what);
  const auto re = ref::all_close(part(got, 0), part(want, 0), rtol, atol, what + " (real)");
  if (!re) return re;
  return ref::all_close(part(got, 1), part(want, 1), rtol, atol, what + " (imaginary)");
}

/// The tolerance of a case: integer outputs exactly (the Gaussian ones within 1, since the
/// weights' last bits come from exp), float64 to rounding, float32 to float32's rounding.
void tolerance(const filter_case& c, dtype out, const cupp::array& want, double& rtol,
               double& atol) {
  std::vector<double> w = ref::values(cupp::is_complex(want.dtype()) ? part(want, 0) : want);
  if (cupp::is_complex(want.dtype())) {
    const std::vector<double> im = ref::values(part(want, 1));
    w.insert(w.end(), im.begin(), im.end());
  }
  double scale = 1.0;
  for (double v : w)
    if (std::isfinite(v)) scale = std::max(scale, std::abs(v));
  const bool gaussian = c.fn.find("gaussian") != std::string::npos;
  if (cupp::is_integer(out) || out == dtype::bool_) {
    rtol = 0.0;
    atol = gaussian ? 1.0 : 0.0;
  } else if (out == dtype::float64 || out == dtype::complex128) {
    rtol = 1e-12;
    atol = 1e-12 * scale;
  } else {
    rtol = 2e-5;
    atol = 2e-5 * scale;
  }
}

TEST_F(NdimageFilters, EveryCaseAsSciPy) {
  const cupp::npz_file npz = ref::reference("filters");
  int run = 0;
  for (const filter_case& c : all_cases(npz)) {
    if (c.fn == "laplace" || c.fn == "gaussian_laplace" || c.fn == "gaussian_gradient_magnitude" ||
        (c.fn.size() > 3 && c.fn.compare(c.fn.size() - 3, 3, "_cw") == 0))
      continue;  // through the public templates below
    SCOPED_TRACE(c.key);
    const cupp::array input = npz[c.key + "__in"];
    const cupp::array want = npz[c.key + "__out"];
    const std::vector<double> p = ref::values(npz[c.key + "__p"]);
    const dtype out = c.out == "same" ? input.dtype() : cupp::dtype_from_name(c.out);
    double rtol = 0, atol = 0;
    tolerance(c, out, want, rtol, atol);
    for (const bool view : {false, true}) {
      const array_desc in = view ? strided(input.desc()) : input.desc();
      const cupp::array got(run_case(c, in, p, npz, out));
      EXPECT_EQ(got.dtype(), out);
      EXPECT_TRUE(close(got, want, rtol, atol, view ? "strided view" : "contiguous"));
    }
    ++run;
  }
  EXPECT_GT(run, 500);
}

/// laplace, gaussian_laplace and gaussian_gradient_magnitude through the public templates, for
/// the input's element type.
template <class T>
cupp::array derivative_case(const filter_case& c, const cupp::array& input, double cval,
                            double sigma) {
  const cupp::ndarray<T> in = input.template as<T>();
  if (c.fn == "laplace") return ndi::laplace(in, c.mode, cval);
  if (c.fn == "gaussian_laplace") return ndi::gaussian_laplace(in, sigma, c.mode, cval);
  return ndi::gaussian_gradient_magnitude(in, sigma, c.mode, cval);
}

TEST_F(NdimageFilters, DerivativeFiltersAsSciPy) {
  const cupp::npz_file npz = ref::reference("filters");
  int run = 0;
  for (const filter_case& c : all_cases(npz)) {
    if (c.fn != "laplace" && c.fn != "gaussian_laplace" && c.fn != "gaussian_gradient_magnitude")
      continue;
    SCOPED_TRACE(c.key);
    const cupp::array input = npz[c.key + "__in"];
    const cupp::array want = npz[c.key + "__out"];
    const std::vector<double> p = ref::values(npz[c.key + "__p"]);
    const double sigma = p.size() > 1 ? p[1] : 0.0;
    // SciPy squares int8 and int16 magnitudes in their own type: the sums wrap negative and
    // NumPy casts sqrt's NaN back to an integer as the platform's conversion does; skip those.
    if (c.fn == "gaussian_gradient_magnitude" &&
        (input.dtype() == dtype::int8 || input.dtype() == dtype::int16))
      continue;
    cupp::array got;
    switch (input.dtype()) {
      case dtype::float64:
        got = derivative_case<double>(c, input, p[0], sigma);
        break;
      case dtype::float32:
        got = derivative_case<float>(c, input, p[0], sigma);
        break;
      case dtype::uint8:
        got = derivative_case<std::uint8_t>(c, input, p[0], sigma);
        break;
      case dtype::int8:
        got = derivative_case<std::int8_t>(c, input, p[0], sigma);
        break;
      case dtype::int16:
        got = derivative_case<std::int16_t>(c, input, p[0], sigma);
        break;
      case dtype::uint16:
        got = derivative_case<std::uint16_t>(c, input, p[0], sigma);
        break;
      case dtype::int32:
        got = derivative_case<std::int32_t>(c, input, p[0], sigma);
        break;
      case dtype::uint32:
        got = derivative_case<std::uint32_t>(c, input, p[0], sigma);
        break;
      case dtype::int64:
        got = derivative_case<std::int64_t>(c, input, p[0], sigma);
        break;
      case dtype::uint64:
        got = derivative_case<std::uint64_t>(c, input, p[0], sigma);
        break;
      case dtype::bool_:
        got = derivative_case<bool>(c, input, p[0], sigma);
        break;
      case dtype::complex64:
        got = derivative_case<std::complex<float>>(c, input, p[0], sigma);
        break;
      case dtype::complex128:
        got = derivative_case<std::complex<double>>(c, input, p[0], sigma);
        break;
      default:
        FAIL() << "no case for " << cupp::dtype_name(input.dtype());
    }
    double rtol = 0, atol = 0;
    tolerance(c, input.dtype(), want, rtol, atol);
    EXPECT_EQ(got.dtype(), input.dtype());
    EXPECT_TRUE(close(got, want, rtol, atol, "result"));
    ++run;
  }
  EXPECT_GT(run, 50);
}

/// A complex-weights case through the public templates, for the input's element type.
template <class T>
cupp::array complex_weights_case(const filter_case& c, const cupp::array& input,
                                 const cupp::array& weights, const std::vector<double>& p) {
  using c128 = std::complex<double>;
  const cupp::ndarray<T> in = input.template as<T>();
  const cupp::ndarray<c128> w = weights.template as<c128>();
  const std::vector<c128> wv = w.get();
  const int axis = static_cast<int>(p[0]);
  if (c.fn == "correlate1d_cw") return ndi::correlate1d(in, wv, axis, c.mode, p[1]);
  if (c.fn == "convolve1d_cw") return ndi::convolve1d(in, wv, axis, c.mode, p[1]);
  if (c.fn == "correlate_cw") return ndi::correlate(in, w, c.mode, p[0]);
  return ndi::convolve(in, w, c.mode, p[0]);
}

TEST_F(NdimageFilters, ComplexWeightsAsSciPy) {
  const cupp::npz_file npz = ref::reference("filters");
  int run = 0;
  for (const filter_case& c : all_cases(npz)) {
    if (c.fn.size() <= 3 || c.fn.compare(c.fn.size() - 3, 3, "_cw") != 0) continue;
    SCOPED_TRACE(c.key);
    const cupp::array input = npz[c.key + "__in"];
    const cupp::array want = npz[c.key + "__out"];
    const cupp::array weights = npz[c.key + "__w"];
    const std::vector<double> p = ref::values(npz[c.key + "__p"]);
    cupp::array got;
    switch (input.dtype()) {
      case dtype::float64:
        got = complex_weights_case<double>(c, input, weights, p);
        break;
      case dtype::float32:
        got = complex_weights_case<float>(c, input, weights, p);
        break;
      case dtype::int16:
        got = complex_weights_case<std::int16_t>(c, input, weights, p);
        break;
      case dtype::complex64:
        got = complex_weights_case<std::complex<float>>(c, input, weights, p);
        break;
      case dtype::complex128:
        got = complex_weights_case<std::complex<double>>(c, input, weights, p);
        break;
      default:
        FAIL() << "no case for " << cupp::dtype_name(input.dtype());
    }
    // SciPy's promote_types(input, complex64).
    EXPECT_EQ(got.dtype(), want.dtype());
    double rtol = 0, atol = 0;
    tolerance(c, want.dtype(), want, rtol, atol);
    EXPECT_TRUE(close(got, want, rtol, atol, "result"));
    ++run;
  }
  EXPECT_EQ(run, 20);
}

TEST_F(NdimageFilters, GenericFiltersTakeACallable) {
  const cupp::ndarray<double> a =
      cupp::asarray(std::vector<double>{1, 4, 2, 8, 5, 7, 3, 0, 6, 1, 9, 2}, {3, 4});
  // A second derivative along each axis: generic_laplace is then laplace.
  const auto d2 = [](const cupp::ndarray<double>& in, int axis, const std::string& mode,
                     double cval) {
    return ndi::correlate1d(in, {1.0, -2.0, 1.0}, axis, mode, cval);
  };
  EXPECT_TRUE(ref::all_close(ndi::generic_laplace(a, d2), ndi::laplace(a), 0, 1e-12, "laplace"));
  // A first derivative that returns float for an int input: converted to the result's dtype.
  const cupp::ndarray<int> ai = a.astype<int>();
  const auto d1 = [](const cupp::ndarray<int>& in, int axis, const std::string& mode, double cval) {
    return ndi::sobel<double>(in, axis, mode, cval);
  };
  const cupp::ndarray<int> mag = ndi::generic_gradient_magnitude(ai, d1);
  // By hand: sqrt(sobel0^2 + sobel1^2), each sobel truncated to int first.
  const std::vector<double> s0 = ref::values(ndi::sobel<int>(ai, 0));
  const std::vector<double> s1 = ref::values(ndi::sobel<int>(ai, 1));
  std::vector<double> want;
  for (std::size_t k = 0; k < s0.size(); ++k)
    want.push_back(std::trunc(std::sqrt(s0[k] * s0[k] + s1[k] * s1[k])));
  EXPECT_EQ(ref::values(mag), want);
  // No axes: the input, converted.
  EXPECT_EQ(
      ref::values(ndi::generic_laplace<float>(a, d2, "reflect", 0.0, std::vector<std::int64_t>{})),
      ref::values(a));
}

TEST_F(NdimageFilters, PublicTemplatesAndOutputDtypes) {
  // example-begin ndimage_gaussian_sobel
  namespace ndi = cupp::scipy::ndimage;
  cupp::ndarray<std::uint8_t> image = cupp::asarray(
      std::vector<std::uint8_t>{10, 10, 10, 200, 200, 10, 10, 10, 200, 200, 10, 10, 10, 200, 200},
      {3, 5});
  // Smoothed as float32 (SciPy's output=np.float32), then the horizontal Sobel derivative.
  cupp::ndarray<float> smooth = ndi::gaussian_filter<float>(image, 1.0);
  cupp::ndarray<float> edges = ndi::sobel(smooth, /*axis=*/1);
  // A 3x3 mean with the edges extended by their nearest value.
  cupp::ndarray<std::uint8_t> mean = ndi::uniform_filter(image, 3, "nearest");
  // example-end
  EXPECT_EQ(smooth.shape(), image.shape());
  // scipy.ndimage.uniform_filter(image, 3, mode="nearest"): every row the same.
  EXPECT_EQ(ref::values(mean), (std::vector<double>{10, 10, 73, 136, 200, 10, 10, 73, 136, 200, 10,
                                                    10, 73, 136, 200}));
  // scipy.ndimage.sobel(scipy.ndimage.gaussian_filter(image, 1.0, output=np.float32), 1).
  const std::vector<double> row = {40.931545, 224.82985, 486.99365, 483.62543, 180.53009};
  std::vector<double> want;
  for (int r = 0; r < 3; ++r) want.insert(want.end(), row.begin(), row.end());
  EXPECT_TRUE(ref::all_close(edges, cupp::asarray(want, {3, 5}), 2e-6, 0, "edges"));
  // correlate and convolve with an ndarray of weights of another dtype.
  const cupp::ndarray<int> w = cupp::asarray(std::vector<int>{0, 1, 0, 1, -4, 1, 0, 1, 0}, {3, 3});
  const cupp::ndarray<double> d = image.astype<double>();
  EXPECT_TRUE(ref::all_close(ndi::correlate(d, w), ndi::laplace(d), 0, 1e-12, "correlate"));
  EXPECT_TRUE(ref::all_close(ndi::convolve(d, w), ndi::laplace(d), 0, 1e-12, "convolve"));
  // float16 (which SciPy refuses) is computed in float: as the float32 result, rounded.
  const cupp::ndarray<float> f = image.astype<float>();
  const cupp::ndarray<cupp::float16> h = ndi::gaussian_filter(f.astype<cupp::float16>(), 1.0);
  EXPECT_TRUE(ref::all_close(h, ndi::gaussian_filter(f, 1.0), 1e-3, 0.25, "float16"));
  // 0-d and empty inputs.
  const cupp::ndarray<double> empty = cupp::zeros<double>({0, 3});
  EXPECT_EQ(ndi::gaussian_filter(empty, 2.0).shape(), (cupp::shape_t{0, 3}));
  EXPECT_EQ(ndi::sobel(empty).shape(), (cupp::shape_t{0, 3}));
  // A 0-d array has no axes: SciPy's uniform and Gaussian filters return it (converted), and
  // the 1-D filters find no axis -1.
  const cupp::ndarray<double> scalar = cupp::asarray(std::vector<double>{2.75}).reshape({});
  const cupp::ndarray<int> u = ndi::uniform_filter<int>(scalar, 3);
  EXPECT_EQ(u.ndim(), 0);
  EXPECT_EQ(ref::values(u), std::vector<double>{2.0});
  EXPECT_EQ(ref::values(ndi::gaussian_filter(scalar, 1.0)), std::vector<double>{2.75});
  EXPECT_THROW(ndi::correlate1d(scalar, {1.0}), cupp::axis_error);
}

}  // namespace
