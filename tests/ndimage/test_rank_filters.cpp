// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The rank and generic filters of cupp::scipy::ndimage: SciPy's argument errors (on
// descriptions, no GPU), every kernel variant compiled for sm_90, and the device results against
// SciPy's own (tests/ndimage/make_rank.py -> tests/data/ndimage/rank.npz; the grey-morphology
// cases of the same archive are checked by test_grey_morphology.cpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "core/throws.hpp"
#include "cupp/jit/compiler.hpp"
#include "cupp/scipy/ndimage.hpp"
#include "ndimage/ndimage_reference.hpp"
#include "ndimage/rank_cases.hpp"
#include "support/described.hpp"
#include "support/gpu.hpp"

namespace {

namespace ndi = cupp::scipy::ndimage;
using cupp::dtype;
using cupp::detail::array_desc;
using cupp::test::throws_exactly;
using cupp::test::ndimage_rank::rank_case;

/// A kernel variant: which kernel, op, structure, buffer length, rectangle and rank.
ndi::detail::rank_kernel_spec spec_of(int kernel, int op = 0, bool structure = false, int local = 0,
                                      int kh = 0, int kw = 0, int rank = 0) {
  ndi::detail::rank_kernel_spec s;
  s.kernel = kernel;
  s.op = op;
  s.structure = structure;
  s.local = local;
  s.kh = kh;
  s.kw = kw;
  s.rank = rank;
  return s;
}

/// A description with no memory (tests/support/described.hpp) of dtype `dt`.
array_desc described(const cupp::shape_t& shape, dtype dt = dtype::float32) {
  return cupp::test::described(shape, dt);
}

// ---- SciPy's errors -----------------------------------------------------------------------------

TEST(NdimageRankFilters, OneDimensionalErrorsAsSciPy) {
  const array_desc a = described({4, 5});
  const auto call = [&](const array_desc& x, int size, int axis, const char* mode, int origin) {
    return [=] { ndi::detail::min_or_max_filter1d(x, x.dt, size, axis, mode, 0.0, origin, true); };
  };
  EXPECT_TRUE(throws_exactly<cupp::type_error>(
      call(described({4}, dtype::complex64), 3, -1, "reflect", 0), "Complex type not supported"));
  EXPECT_TRUE(throws_exactly<cupp::axis_error>(call(a, 3, 2, "reflect", 0),
                                               "axis 2 is out of bounds for array of dimension 2"));
  EXPECT_TRUE(
      throws_exactly<cupp::value_error>(call(a, 0, -1, "reflect", 0), "incorrect filter size"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(call(a, 3, -1, "reflect", 2), "invalid origin"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(call(a, 4, -1, "reflect", -3), "invalid origin"));
  EXPECT_TRUE(
      throws_exactly<cupp::value_error>(call(a, 3, -1, "edge", 0), "boundary mode not supported"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { ndi::detail::generic_filter1d(a, a.dt, "", 0, -1, "reflect", 0.0, 0); },
      "invalid filter size"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { ndi::detail::generic_filter1d(a, a.dt, "", 2, -1, "reflect", 0.0, 1); },
      "invalid origin"));
}

TEST(NdimageRankFilters, FootprintErrorsAsSciPy) {
  const array_desc a = described({4, 5});
  const auto minimum = [&](ndi::per_axis<int> size, ndi::per_axis<std::string> mode,
                           ndi::per_axis<int> origin, cupp::axis_arg axes) {
    return [=] {
      ndi::detail::min_or_max_filter(a, a.dt, size, nullptr, nullptr, mode, 0.0, origin, axes,
                                     true);
    };
  };
  EXPECT_TRUE(
      throws_exactly<cupp::value_error>(minimum({}, "reflect", 0, {}), "no footprint provided"));
  EXPECT_TRUE(
      throws_exactly<cupp::value_error>(minimum({3, 3, 3}, "reflect", 0, {}),
                                        "sequence argument must have length equal to input rank"));
  EXPECT_TRUE(
      throws_exactly<cupp::value_error>(minimum(3, "reflect", {0, 2}, {}), "invalid origin"));
  EXPECT_TRUE(
      throws_exactly<cupp::value_error>(minimum(3, "reflect", 0, {1, -1}), "axes must be unique"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(minimum(3, {"reflect", "wrapped"}, 0, {}),
                                                "boundary mode not supported"));

  const auto rank = [&](double r, ndi::detail::rank_kind kind, ndi::per_axis<int> size,
                        ndi::per_axis<std::string> mode) {
    return [=] { ndi::detail::rank_filter(a, a.dt, r, kind, size, nullptr, mode, 0.0, 0, {}); };
  };
  using kind = ndi::detail::rank_kind;
  EXPECT_TRUE(throws_exactly<cupp::value_error>(rank(1, kind::rank, {}, "reflect"),
                                                "no footprint or filter size provided"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(rank(9, kind::rank, 3, "reflect"),
                                                "rank not within filter footprint size"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(rank(-10, kind::rank, 3, "reflect"),
                                                "rank not within filter footprint size"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(rank(100.5, kind::percentile, 3, "reflect"),
                                                "invalid percentile"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(rank(-101, kind::percentile, 3, "reflect"),
                                                "invalid percentile"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      rank(0, kind::median, 3, {"reflect", "wrap"}),
      "A sequence of modes is not supported by non-separable rank filters"));
  EXPECT_TRUE(throws_exactly<cupp::type_error>(
      [&] {
        const array_desc c = described({4}, dtype::complex128);
        ndi::detail::rank_filter(c, c.dt, 0, kind::median, 3, nullptr, "reflect", 0.0, 0, {});
      },
      "Complex type not supported"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { ndi::detail::generic_filter(a, a.dt, "", {}, nullptr, "reflect", 0.0, 0, {}); },
      "no footprint or filter size provided"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { ndi::detail::generic_filter(a, a.dt, "", 3, nullptr, "nope", 0.0, 0, {}); },
      "boundary mode not supported"));
}

TEST(NdimageRankFilters, SizeDefaultsToSciPysNone) {
  const ndi::per_axis<int> none = {};
  EXPECT_TRUE(ndi::detail::size_is_none(none));
  EXPECT_FALSE(ndi::detail::size_is_none(3));
  EXPECT_FALSE(ndi::detail::size_is_none({3, 3}));
}

// ---- the kernels --------------------------------------------------------------------------------

TEST(NdimageRankFilters, EveryKernelCompilesForSm90) {
  cupp::jit::compiler c("");
  std::vector<std::tuple<dtype, dtype, ndi::detail::rank_kernel_spec>> variants;
  for (const dtype out :
       {dtype::float32, dtype::uint8, dtype::bool_, dtype::int64, dtype::float16}) {
    variants.push_back({dtype::float32, out, spec_of(1, 0)});
    variants.push_back({dtype::float32, out, spec_of(2)});
    variants.push_back({dtype::float64, out, spec_of(5)});
  }
  for (const int op : {0, 1})
    variants.push_back({dtype::float64, dtype::int16, spec_of(1, op, true)});
  variants.push_back({dtype::float64, dtype::float64, spec_of(1, 2, false, 16)});
  variants.push_back({dtype::float32, dtype::float32, spec_of(1, 2, false, 0)});
  variants.push_back({dtype::float32, dtype::float32, spec_of(3, 0, false, 0, 3, 3, 4)});
  variants.push_back({dtype::float32, dtype::float32, spec_of(3, 0, false, 0, 7, 7, 24)});
  variants.push_back({dtype::float64, dtype::uint16, spec_of(3, 0, false, 0, 1, 4, 2)});
  auto generic = spec_of(1, 3, false, 16);
  generic.function =
      "// the sum of the window\ndouble s = 0;\n"
      "for (int i = 0; i < filter_size; ++i) s += buffer[i];\n*return_value = s;";
  variants.push_back({dtype::float64, dtype::int32, generic});
  auto generic1d = spec_of(4);
  generic1d.function =
      "for (long long i = 0; i < output_length; ++i) output_line[i] = input_line[i];";
  variants.push_back({dtype::float64, dtype::float32, generic1d});
  for (const auto& [compute, out, s] : variants) {
    const std::string name = ndi::detail::rank_kernel_name(compute, out, s);
    SCOPED_TRACE(name);
    EXPECT_EQ(name.rfind("cupp_ndi_", 0), 0u);
    const std::string source = ndi::detail::rank_kernel_source(compute, out, s);
    EXPECT_NE(source.find("#include <cupp/ndimage_rank.cuh>\n"), std::string::npos);
    std::shared_ptr<const cupp::jit::compiled_module> m;
    EXPECT_NO_THROW(m = c.compile(source, {}, {}, 90));
    if (m) {
      EXPECT_NE(m->image.find(name), std::string::npos);
    }
  }
}

TEST(NdimageRankFilters, AGenericFunctionThatDoesNotCompileIsACompileError) {
  cupp::jit::compiler c("");
  auto generic = spec_of(1, 3, false, 16);
  generic.function = "*return_value = undefined_name;";
  EXPECT_THROW(c.compile(ndi::detail::rank_kernel_source(dtype::float64, dtype::float64, generic),
                         {}, {}, 90),
               cupp::compile_error);
}

TEST(NdimageRankFilters, KernelNamesSayWhatTheyDo) {
  EXPECT_EQ(ndi::detail::rank_kernel_name(dtype::float32, dtype::float32,
                                          spec_of(3, 0, false, 0, 3, 3, 4)),
            "cupp_ndi_rank_filter_3x3_r4_float32_float32");
  EXPECT_EQ(ndi::detail::rank_kernel_name(dtype::float64, dtype::uint8, spec_of(2)),
            "cupp_ndi_min_or_max_filter1d_float64_uint8");
  EXPECT_EQ(ndi::detail::rank_kernel_name(dtype::float32, dtype::int32, spec_of(5)),
            "cupp_ndi_min_or_max_filter_2d_float32_int32");
  EXPECT_EQ(ndi::detail::rank_kernel_name(dtype::float64, dtype::int16, spec_of(1, 1, true)),
            "cupp_ndi_maximum_filter_structure_float64_int16");
}

// ---- device results against SciPy ---------------------------------------------------------------

class NdimageRankFiltersGpu : public cupp::test::GpuTest {};

TEST_F(NdimageRankFiltersGpu, AgreesWithSciPy) {
  const cupp::npz_file npz = cupp::test::ndimage_ref::reference("rank");
  int checked = 0;
  for (const rank_case& c : cupp::test::ndimage_rank::cases(npz)) {
    if (c.function.rfind("grey_", 0) == 0 || c.function.rfind("morphological_", 0) == 0 ||
        c.function.find("tophat") != std::string::npos)
      continue;
    SCOPED_TRACE(c.name);
    const cupp::array got = cupp::test::ndimage_rank::run(c, npz);
    EXPECT_TRUE(cupp::test::ndimage_ref::all_close(got, npz[c.name + "__out"], 1e-6, 1e-9, c.name));
    ++checked;
  }
  EXPECT_EQ(checked, 148);  // every rank and generic case of the archive
}

// The public templates, typed, with SciPy's documented example of minimum_filter1d.
TEST_F(NdimageRankFiltersGpu, DocumentedExamples) {
  // example-begin ndimage_rank_filters
  namespace ndi = cupp::scipy::ndimage;
  const cupp::ndarray<int> a = cupp::asarray<int>({2, 8, 0, 4, 1, 9, 9, 0});
  const auto lo = ndi::minimum_filter1d(a, 3);  // [2, 0, 0, 0, 1, 1, 0, 0]
  const auto hi = ndi::maximum_filter1d(a, 3);  // [8, 8, 8, 4, 9, 9, 9, 9]
  const cupp::ndarray<float> image = cupp::arange<float>(20).reshape({4, 5});
  const auto med = ndi::median_filter(image, 3);               // 3 x 3 median, mode "reflect"
  const auto p = ndi::percentile_filter(image, 25.0, {3, 1});  // per-axis size
  const auto cross = cupp::asarray<bool>({{0, 1, 0}, {1, 1, 1}, {0, 1, 0}});
  const auto r = ndi::rank_filter<double>(image, -1, {}, cross);  // the maximum over a cross
  // The range of each 3 x 3 window, by the body of a device function (CuPy's RawKernel form):
  const std::string range_body = R"(
    double lo = buffer[0], hi = buffer[0];
    for (int i = 1; i < filter_size; ++i) {
      lo = fmin(lo, buffer[i]);
      hi = fmax(hi, buffer[i]);
    }
    *return_value = hi - lo;)";
  const auto range = ndi::generic_filter(image, range_body, 3);
  // example-end
  EXPECT_EQ(lo.get(), (std::vector<int>{2, 0, 0, 0, 1, 1, 0, 0}));
  EXPECT_EQ(hi.get(), (std::vector<int>{8, 8, 8, 4, 9, 9, 9, 9}));
  // Host references: the 3 x 3 median of i * 5 + j under "reflect" is the element itself away
  // from the edges; at a corner the reflected window repeats the edge.
  const std::vector<float> m = med.get();
  EXPECT_EQ(m[6], 6.0f);
  EXPECT_EQ(m[0], 1.0f);  // window {0,0,1,0,0,1,5,5,6}: sorted 0,0,0,0,1,1,5,5,6 -> 1
  const std::vector<float> pv = p.get();
  EXPECT_EQ(pv[7], 2.0f);  // column {2, 7, 12}: int(3 * 0.25) = rank 0 -> 2
  const std::vector<double> rv = r.get();
  EXPECT_EQ(rv[6], 11.0);  // the cross about (1, 1): 1, 5, 6, 7, 11
  const std::vector<float> rg = range.get();
  EXPECT_EQ(rg[6], 12.0f);  // 12 - 0
}

TEST_F(NdimageRankFiltersGpu, LargeFootprintsAndImages) {
  // A footprint beyond the per-thread buffer (the scratch path), against a host loop.
  namespace ndi = cupp::scipy::ndimage;
  const int n = 40;
  std::vector<float> host(n * n);
  for (int i = 0; i < n * n; ++i)
    host[static_cast<std::size_t>(i)] = static_cast<float>((i * 37) % 101);
  const cupp::ndarray<float> a = cupp::asarray<float>(host).reshape({n, n});
  const auto med = ndi::median_filter(a, 33, std::nullopt, "wrap");
  const std::vector<float> got = med.get();
  for (const int at : {0, 17 * n + 3, n * n - 1}) {
    const int y = at / n, x = at % n;
    std::vector<float> w;
    for (int dy = -16; dy <= 16; ++dy)
      for (int dx = -16; dx <= 16; ++dx)
        w.push_back(host[static_cast<std::size_t>(((y + dy + n) % n) * n + (x + dx + n) % n)]);
    std::nth_element(w.begin(), w.begin() + w.size() / 2, w.end());
    EXPECT_EQ(got[static_cast<std::size_t>(at)], w[w.size() / 2]) << at;
  }
  // A generic function over more values than a thread's own buffer holds (the scratch path).
  const auto sums = ndi::generic_filter(
      a, "double s = 0; for (int i = 0; i < filter_size; ++i) s += buffer[i]; *return_value = s;",
      13, std::nullopt, "mirror");
  const std::vector<float> gs = sums.get();
  for (const int at : {0, 20 * n + 20, n * n - 1}) {
    const int y = at / n, x = at % n;
    const auto mirror = [&](int i) { return i < 0 ? -i : i >= n ? 2 * n - 2 - i : i; };
    double want = 0;
    for (int dy = -6; dy <= 6; ++dy)
      for (int dx = -6; dx <= 6; ++dx)
        want += host[static_cast<std::size_t>(mirror(y + dy) * n + mirror(x + dx))];
    EXPECT_EQ(gs[static_cast<std::size_t>(at)], static_cast<float>(want)) << at;
  }
  // The separable maximum over a long window (the pass without the shared tile).
  const auto mx = ndi::maximum_filter1d(a.reshape({n * n}), 20001, 0, "nearest");
  EXPECT_EQ(mx.get()[0], 100.0f);
}

// float16, which SciPy's filters refuse, computes in float32: the same values as a float32
// input, rounded to float16 (exact here: small integers).
TEST_F(NdimageRankFiltersGpu, HalfPrecisionAsSingle) {
  namespace ndi = cupp::scipy::ndimage;
  std::vector<float> host(30 * 40);
  for (std::size_t i = 0; i < host.size(); ++i) host[i] = static_cast<float>((i * 13) % 17);
  const cupp::ndarray<float> a = cupp::asarray<float>(host).reshape({30, 40});
  const cupp::ndarray<cupp::float16> h = a.astype<cupp::float16>();
  EXPECT_EQ(ndi::median_filter<float>(h, 3).get(), ndi::median_filter(a, 3).get());
  EXPECT_EQ(ndi::maximum_filter<float>(h, {2, 5}, std::nullopt, {"wrap", "constant"}, 1.0).get(),
            ndi::maximum_filter(a, {2, 5}, std::nullopt, {"wrap", "constant"}, 1.0).get());
  EXPECT_EQ(ndi::grey_erosion<float>(h, 3).get(), ndi::grey_erosion(a, 3).get());
}

}  // namespace
