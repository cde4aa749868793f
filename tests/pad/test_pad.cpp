// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// numpy.pad: the host reference against NumPy's documented results, the argument forms and
// NumPy's errors (on descriptions, no GPU), the generated kernels compiled for sm_90, and the
// device results against the reference over dtypes, layouts and modes.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/jit/compiler.hpp"
#include "cupp/routines/padding.hpp"
#include "pad_reference.hpp"
#include "support/dtypes.hpp"
#include "support/gpu.hpp"
#include "support/shaped.hpp"

namespace {

namespace ref = cupp::test::pad_ref;
using cupp::shape_t;
using cd = std::complex<double>;

ref::request req(const std::string& mode, ref::widths w) {
  ref::request q;
  q.mode = mode;
  q.pad = std::move(w);
  q.vals.assign(q.pad.size(), {cd(0), cd(0)});
  q.stat.assign(q.pad.size(), {-1, -1});
  return q;
}

ref::host_array<double> vec(std::vector<double> v) {
  const auto n = static_cast<std::int64_t>(v.size());
  return {{n}, std::move(v)};
}

std::vector<double> pad1(const std::vector<double>& a, const ref::request& q) {
  return ref::pad(vec(a), q).v;
}

// ---- the reference against NumPy's documented results ----------------------------------------

TEST(PadReference, MatchesNumpyDocstring) {
  const std::vector<double> a = {1, 2, 3, 4, 5};
  auto q = req("constant", {{2, 3}});
  q.vals = {{cd(4), cd(6)}};
  EXPECT_EQ(pad1(a, q), (std::vector<double>{4, 4, 1, 2, 3, 4, 5, 6, 6, 6}));
  EXPECT_EQ(pad1(a, req("edge", {{2, 3}})), (std::vector<double>{1, 1, 1, 2, 3, 4, 5, 5, 5, 5}));
  q = req("linear_ramp", {{2, 3}});
  q.vals = {{cd(5), cd(-4)}};
  EXPECT_EQ(pad1(a, q), (std::vector<double>{5, 3, 1, 2, 3, 4, 5, 2, -1, -4}));
  EXPECT_EQ(pad1(a, req("maximum", {{2, 2}})), (std::vector<double>{5, 5, 1, 2, 3, 4, 5, 5, 5}));
  EXPECT_EQ(pad1(a, req("mean", {{2, 2}})), (std::vector<double>{3, 3, 1, 2, 3, 4, 5, 3, 3}));
  EXPECT_EQ(pad1(a, req("median", {{2, 2}})), (std::vector<double>{3, 3, 1, 2, 3, 4, 5, 3, 3}));
  EXPECT_EQ(pad1(a, req("reflect", {{2, 3}})),
            (std::vector<double>{3, 2, 1, 2, 3, 4, 5, 4, 3, 2}));
  q = req("reflect", {{2, 3}});
  q.odd = true;
  EXPECT_EQ(pad1(a, q), (std::vector<double>{-1, 0, 1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(pad1(a, req("symmetric", {{2, 3}})),
            (std::vector<double>{2, 1, 1, 2, 3, 4, 5, 5, 4, 3}));
  q = req("symmetric", {{2, 3}});
  q.odd = true;
  EXPECT_EQ(pad1(a, q), (std::vector<double>{0, 1, 1, 2, 3, 4, 5, 5, 6, 7}));
  EXPECT_EQ(pad1(a, req("wrap", {{2, 3}})),
            (std::vector<double>{4, 5, 1, 2, 3, 4, 5, 1, 2, 3}));
  EXPECT_EQ(pad1({1, 2, 3, 4, 5}, req("wrap", {{3, 3}})),
            (std::vector<double>{3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3}));

  // np.pad([[1, 2], [3, 4]], ((3, 2), (2, 3)), 'minimum')
  const ref::host_array<double> m{{2, 2}, {1, 2, 3, 4}};
  const std::vector<double> row1 = {1, 1, 1, 2, 1, 1, 1}, row3 = {3, 3, 3, 4, 3, 3, 3};
  std::vector<double> want;
  for (const auto* r : {&row1, &row1, &row1, &row1, &row3, &row1, &row1})
    want.insert(want.end(), r->begin(), r->end());
  const auto got = ref::pad(m, req("minimum", {{3, 2}, {2, 3}}));
  EXPECT_EQ(got.shape, (shape_t{7, 7}));
  EXPECT_EQ(got.v, want);
}

TEST(PadReference, MatchesNumpyOutputs) {
  // int64 inputs and the results of numpy.pad (NumPy 2.4): wide and odd reflections, per-axis
  // statistics over stat_length windows, ramps (the last one through NumPy's divide-first path,
  // its step being 0), per-axis constants.
  struct numpy_case {
    std::string mode;
    shape_t shape;
    std::vector<std::int64_t> input;
    ref::widths pad;
    std::vector<std::pair<double, double>> values;
    ref::widths stat;
    bool odd;
    shape_t out_shape;
    std::vector<std::int64_t> out;
  };
  const std::vector<numpy_case> cases = {
      {"reflect", {3}, {1, 4, 2}, {{2, 7}}, {}, {}, true, {12}, {0, -2, 1, 4, 2, 0, 3, 6, 4, 2, 5, 8}},
      {"symmetric", {3}, {3, -1, 4}, {{6, 5}}, {}, {}, true, {14}, {1, -3, 2, 2, 7, 3, 3, -1, 4, 4, 9, 5, 5, 1}},
      {"symmetric", {3}, {5, 6, 7}, {{7, 8}}, {}, {}, false, {18}, {5, 5, 6, 7, 7, 6, 5, 5, 6, 7, 7, 6, 5, 5, 6, 7, 7, 6}},
      {"wrap", {3}, {9, 8, 7}, {{8, 7}}, {}, {}, false, {18}, {8, 7, 9, 8, 7, 9, 8, 7, 9, 8, 7, 9, 8, 7, 9, 8, 7, 9}},
      {"reflect", {2, 3}, {1, 2, 3, 4, 5, 6}, {{1, 2}, {4, 3}}, {}, {}, false, {5, 10}, {4, 5, 6, 5, 4, 5, 6, 5, 4, 5, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 4, 5, 6, 5, 4, 5, 6, 5, 4, 5, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 4, 5, 6, 5, 4, 5, 6, 5, 4, 5}},
      {"symmetric", {2, 3}, {1, 2, 3, 4, 6, 5}, {{3, 1}, {2, 5}}, {}, {}, true, {6, 10}, {-2, -2, -2, -2, 1, 1, 4, 4, 4, 4, -2, -2, -2, -2, 1, 1, 4, 4, 4, 4, 0, 1, 1, 2, 3, 3, 4, 5, 5, 6, 0, 1, 1, 2, 3, 3, 4, 5, 5, 6, 2, 4, 4, 6, 5, 5, 4, 6, 6, 8, 2, 4, 4, 6, 5, 5, 4, 6, 6, 8}},
      {"mean", {3, 3}, {1, 2, 4, 4, 6, 9, 7, 3, 1}, {{2, 1}, {1, 3}}, {}, {{1, 2}, {2, 1}}, false, {6, 7}, {2, 1, 2, 4, 4, 4, 4, 2, 1, 2, 4, 4, 4, 4, 2, 1, 2, 4, 4, 4, 4, 5, 4, 6, 9, 9, 9, 9, 5, 7, 3, 1, 1, 1, 1, 5, 6, 4, 5, 5, 5, 5}},
      {"median", {3, 3}, {1, 9, 4, 8, 2, 6, 3, 7, 5}, {{1, 1}, {2, 2}}, {}, {{2, 3}, {1, 2}}, false, {5, 7}, {4, 4, 4, 6, 5, 6, 6, 1, 1, 1, 9, 4, 6, 6, 8, 8, 8, 2, 6, 4, 4, 3, 3, 3, 7, 5, 6, 6, 3, 3, 3, 7, 5, 6, 6}},
      {"maximum", {3, 3}, {1, 9, 4, 8, 2, 6, 3, 7, 5}, {{1, 2}, {2, 1}}, {}, {{1, 1}, {2, 2}}, false, {6, 6}, {9, 9, 1, 9, 4, 9, 9, 9, 1, 9, 4, 9, 8, 8, 8, 2, 6, 6, 7, 7, 3, 7, 5, 7, 7, 7, 3, 7, 5, 7, 7, 7, 3, 7, 5, 7}},
      {"linear_ramp", {2, 3}, {1, 9, 4, 8, 2, 6}, {{3, 2}, {2, 4}}, {{10, -3}, {7, 0}}, {}, false, {7, 9}, {7, 8, 10, 10, 10, 7, 5, 2, 0, 7, 7, 7, 9, 8, 6, 4, 2, 0, 7, 5, 4, 9, 6, 4, 3, 1, 0, 7, 4, 1, 9, 4, 3, 2, 1, 0, 7, 7, 8, 2, 6, 4, 3, 1, 0, 7, 4, 2, -1, 1, 0, 0, 0, 0, 7, 2, -3, -3, -3, -3, -2, -1, 0}},
      {"linear_ramp", {3}, {2, 5, 7}, {{4, 3}}, {{2, 7}}, {}, false, {10}, {2, 2, 2, 2, 2, 5, 7, 7, 7, 7}},
      {"constant", {2, 2}, {5, 6, 7, 8}, {{1, 2}, {2, 1}}, {{1, 2}, {3, 4}}, {}, false, {5, 5}, {3, 3, 1, 1, 4, 3, 3, 5, 6, 4, 3, 3, 7, 8, 4, 3, 3, 2, 2, 4, 3, 3, 2, 2, 4}},
  };
  for (const numpy_case& c : cases) {
    SCOPED_TRACE(c.mode + " " + cupp::shape_str(c.shape));
    auto q = req(c.mode, c.pad);
    for (std::size_t d = 0; d < c.values.size(); ++d)
      q.vals[d] = {cd(c.values[d].first), cd(c.values[d].second)};
    if (!c.stat.empty()) q.stat = c.stat;
    q.odd = c.odd;
    const auto got = ref::pad(ref::host_array<std::int64_t>{c.shape, c.input}, q);
    EXPECT_EQ(got.shape, c.out_shape);
    EXPECT_EQ(got.v, c.out);
  }
}

TEST(PadReference, ConstantCornersTakeTheLastAxis) {
  // np.pad([[1]], 1, constant_values=((10, 20), (30, 40)))
  auto q = req("constant", {{1, 1}, {1, 1}});
  q.vals = {{cd(10), cd(20)}, {cd(30), cd(40)}};
  const auto got = ref::pad(ref::host_array<double>{{1, 1}, {1}}, q);
  EXPECT_EQ(got.v, (std::vector<double>{30, 10, 40, 30, 1, 40, 30, 20, 40}));
}

TEST(PadReference, IntegerMeansRoundHalfToEvenAndRampsFloor) {
  // np.pad(np.array([1, 2]), 1, 'mean') -> mean 1.5 rounds to 2; [1, 2, 3, 4] -> 2.5 rounds to 2.
  ref::host_array<std::int64_t> a{{2}, {1, 2}};
  EXPECT_EQ(ref::pad(a, req("mean", {{1, 1}})).v, (std::vector<std::int64_t>{2, 1, 2, 2}));
  a = {{4}, {1, 2, 3, 4}};
  EXPECT_EQ(ref::pad(a, req("mean", {{1, 1}})).v, (std::vector<std::int64_t>{2, 1, 2, 3, 4, 2}));
  EXPECT_EQ(ref::pad(a, req("median", {{1, 1}})).v,
            (std::vector<std::int64_t>{2, 1, 2, 3, 4, 2}));
  // np.pad(np.array([1, 2, 3]), (3, 0), 'linear_ramp'): linspace(0, 1, 3, endpoint=False) floors
  // to 0 everywhere.
  a = {{3}, {1, 2, 3}};
  EXPECT_EQ(ref::pad(a, req("linear_ramp", {{3, 0}})).v,
            (std::vector<std::int64_t>{0, 0, 0, 1, 2, 3}));
}

TEST(PadReference, WidePadsAreThePeriodicExtension) {
  // NumPy fills pads wider than the axis by repeated chunks; the result is the periodic map the
  // index kernel computes (Note [Pad kernels]).
  for (std::int64_t n = 1; n <= 6; ++n) {
    std::vector<double> a;
    for (std::int64_t i = 0; i < n; ++i) a.push_back(static_cast<double>(10 * (i + 1)));
    for (std::int64_t b : {0, 1, 2, 5, 13}) {
      for (std::int64_t e : {0, 1, 3, 7, 12}) {
        for (const std::string mode : {"reflect", "symmetric", "wrap"}) {
          SCOPED_TRACE(mode + " n=" + std::to_string(n) + " pad=(" + std::to_string(b) + "," +
                       std::to_string(e) + ")");
          const auto got = pad1(a, req(mode, {{b, e}}));
          for (std::int64_t o = 0; o < b + n + e; ++o) {
            std::int64_t j = o - b, src = 0;
            if (mode == "wrap") {
              src = ((j % n) + n) % n;
            } else if (mode == "reflect") {
              const std::int64_t p = 2 * (n - 1);
              src = n == 1 ? 0 : ((std::llabs(j) % p) < n ? std::llabs(j) % p : p - std::llabs(j) % p);
            } else {
              const std::int64_t p = 2 * n, m = (j < 0 ? -1 - j : j) % p;
              src = m < n ? m : p - 1 - m;
            }
            EXPECT_EQ(got[static_cast<std::size_t>(o)], a[static_cast<std::size_t>(src)]) << o;
          }
        }
      }
    }
  }
  // np.pad([1, 2, 3], 5, 'reflect') and np.pad([1, 2], (5, 4), 'wrap')
  EXPECT_EQ(pad1({1, 2, 3}, req("reflect", {{5, 5}})),
            (std::vector<double>{2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2}));
  EXPECT_EQ(pad1({1, 2}, req("wrap", {{5, 4}})),
            (std::vector<double>{2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2}));
}

TEST(PadReference, OddReflectionsOfWidePads) {
  // Odd reflection is 2 * edge - value about each successive edge: a linear run continues.
  auto q = req("reflect", {{6, 7}});
  q.odd = true;
  EXPECT_EQ(pad1({1, 2, 3}, q), (std::vector<double>{-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7,
                                                      8, 9, 10}));
  q = req("symmetric", {{4, 4}});
  q.odd = true;
  // Two rounds of NumPy's _set_reflect_both: first x[2:4] = [0, 1], x[6:8] = [2, 3], then about
  // the new edges 0 and 3.
  EXPECT_EQ(pad1({1, 2}, q), (std::vector<double>{-1, 0, 0, 1, 1, 2, 2, 3, 3, 4}));
}

// ---- arguments and errors (no GPU) ------------------------------------------------------------

TEST(PadArguments, NumpyErrorsInNumpysWords) {
  using cupp::test::throws_exactly;
  const auto a = cupp::test::shaped<float>({3, 4});
  EXPECT_TRUE(throws_exactly<cupp::value_error>([&] { cupp::pad(a, -1); },
                                                "index can't contain negative values"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([&] { cupp::pad(a, {{1, 2}, {3, -4}}); },
                                                "index can't contain negative values"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { cupp::pad(a, {{1, 2}, {3, 4}, {5, 6}}); },
      "operands could not be broadcast together with remapped shapes [original->remapped]: "
      "(3,2)  and requested shape (2,2)"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { cupp::pad(cupp::test::shaped<float>({}), {{1, 2}, {3, 4}}); },
      "operands could not be broadcast together with remapped shapes [original->remapped]: "
      "(2,2)  and requested shape (0,2)"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([&] { cupp::pad(a, 1, "foo"); },
                                                "mode 'foo' is not supported"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { cupp::pad(a, 1, "edge", cupp::pad_options().constant_values(3)); },
      "unsupported keyword arguments for mode 'edge': {'constant_values'}"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] {
        cupp::pad(a, 1, "constant",
                  cupp::pad_options().stat_length(2).reflect_type("odd").constant_values(1));
      },
      "unsupported keyword arguments for mode 'constant': {'stat_length', 'reflect_type'}"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { cupp::pad(a, 1, "constant", cupp::pad_options().constant_values({{1, 2}, {3, 4}, {5, 6}})); },
      "operands could not be broadcast together with remapped shapes [original->remapped]: "
      "(3,2)  and requested shape (2,2)"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { cupp::pad(a, 1, "maximum", cupp::pad_options().stat_length({0, 2})); },
      "stat_length of 0 yields no value for padding"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { cupp::pad(a, 1, "mean", cupp::pad_options().stat_length(-2)); },
      "index can't contain negative values"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { cupp::pad(a, 1, "reflect", cupp::pad_options().reflect_type("bogus")); },
      "reflect_type must be 'even' or 'odd', got 'bogus'"));
  const auto empty = cupp::test::shaped<float>({2, 0});
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { cupp::pad(empty, {{0, 0}, {1, 0}}, "edge"); },
      "can't extend empty axis 1 using modes other than 'constant' or 'empty'"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { cupp::pad(empty, 1, "wrap"); },
      "can't extend empty axis 1 using modes other than 'constant' or 'empty'"));
  EXPECT_TRUE(throws_exactly<cupp::type_error>(
      [&] { cupp::pad(cupp::test::shaped<std::complex<float>>({3}), 1, "median"); },
      "pad mode 'median' is not supported for complex arrays"));
}

TEST(PadArguments, WidthForms) {
  const cupp::pad_width_arg one = 2, pair = {1, 3}, per_axis = {{1, 2}, {3, 4}};
  EXPECT_FALSE(one.per_axis());
  EXPECT_EQ(one.pairs(), (std::vector<std::pair<std::int64_t, std::int64_t>>{{2, 2}}));
  EXPECT_EQ(pair.pairs(), (std::vector<std::pair<std::int64_t, std::int64_t>>{{1, 3}}));
  EXPECT_TRUE(per_axis.per_axis());
  EXPECT_EQ(per_axis.pairs().size(), 2u);
  const cupp::pad_values seven = 7, two = {4.0, 6.0}, per = {{1, 2}, {3, 4}};
  EXPECT_EQ(seven.pairs()[0].second, cd(7));
  EXPECT_EQ(two.pairs()[0].second, cd(6));
  EXPECT_EQ(per.pairs()[1].first, cd(3));
}

// ---- the generated kernels -------------------------------------------------------------------

TEST(PadKernels, EveryDtypeCompilesForSm90) {
  cupp::jit::compiler c("");
  for (const cupp::dtype dt :
       {cupp::dtype::bool_, cupp::dtype::int8, cupp::dtype::int16, cupp::dtype::int32,
        cupp::dtype::int64, cupp::dtype::uint8, cupp::dtype::uint16, cupp::dtype::uint32,
        cupp::dtype::uint64, cupp::dtype::float16, cupp::dtype::bfloat16, cupp::dtype::float32,
        cupp::dtype::float64, cupp::dtype::complex64, cupp::dtype::complex128}) {
    SCOPED_TRACE(cupp::dtype_name(dt));
    const std::string source = cupp::detail::pad_kernel_source(dt);
    // A preamble choosing the variant, then the embedded header (kernels/cupp/pad.cuh).
    EXPECT_NE(source.find("#include <cupp/pad.cuh>\n"), std::string::npos);
    std::shared_ptr<const cupp::jit::compiled_module> m;
    EXPECT_NO_THROW(m = c.compile(source, {}, {}, 90));
    // Both kernels, each named after the routine, its pass and the dtype.
    if (m) {
      EXPECT_NE(m->image.find(std::string("cupp_pad_") + cupp::dtype_name(dt)), std::string::npos);
      EXPECT_NE(m->image.find(std::string("cupp_pad_axis_") + cupp::dtype_name(dt)),
                std::string::npos);
    }
  }
}

// ---- device results against the reference ------------------------------------------------------

/// Test values: distinct, exact in every dtype, with negatives where the dtype has them.
template <class T>
ref::host_array<T> host_values(const shape_t& shape) {
  std::int64_t n = 1;
  for (auto s : shape) n *= s;
  return {shape, cupp::test::iota_values<T>(n)};
}

/// Layouts of the same values: contiguous, transposed, every other element of a reversed larger
/// array, and broadcast (every row the same).
enum class layout { contiguous, transposed, reversed, broadcast };

template <class T>
cupp::ndarray<T> on_device(ref::host_array<T>& h, layout how) {
  const shape_t& s = h.shape;
  if (how == layout::broadcast && s.size() >= 1 && !s.empty() && s[0] > 0) {
    // Rows all equal to the first: the reference keeps that too.
    shape_t one = s;
    one[0] = 1;
    std::int64_t row = 1;
    for (std::size_t d = 1; d < s.size(); ++d) row *= s[d];
    for (std::size_t i = 0; i < h.v.size(); ++i) h.v[i] = h.v[i % static_cast<std::size_t>(row)];
    std::vector<T> first(h.v.begin(), h.v.begin() + row);
    return cupp::broadcast_to(cupp::asarray(first, one), s);
  }
  if (how == layout::transposed && s.size() >= 2) {
    shape_t r(s.rbegin(), s.rend());
    std::int64_t n = static_cast<std::int64_t>(h.v.size());
    std::vector<T> t(h.v.size());
    // t is C-order of shape r; t[i_reversed] = h[i].
    const cupp::strides_t rs = cupp::c_strides(r);
    for (std::int64_t i = 0; i < n; ++i) {
      std::int64_t rem = i, off = 0;
      for (std::size_t d = s.size(); d-- > 0;) {
        off += (rem % s[d]) * rs[s.size() - 1 - d];
        rem /= s[d];
      }
      t[static_cast<std::size_t>(off)] = h.v[static_cast<std::size_t>(i)];
    }
    return cupp::asarray(t, r).T();
  }
  if (how == layout::reversed && !s.empty()) {
    shape_t big = s;
    big.back() = 2 * s.back();
    std::vector<T> b(static_cast<std::size_t>(h.v.size() * 2), T());
    const std::int64_t c = s.back();
    for (std::size_t i = 0; i < h.v.size(); ++i) {
      const std::int64_t row = static_cast<std::int64_t>(i) / c, j = static_cast<std::int64_t>(i) % c;
      b[static_cast<std::size_t>(row * 2 * c + (2 * c - 1 - 2 * j))] = h.v[i];
    }
    return cupp::asarray(b, big)(cupp::ellipsis, cupp::slice(std::nullopt, std::nullopt, -2));
  }
  return cupp::asarray(h.v, s);
}

template <class T>
double tolerance_of() {
  // bfloat16 keeps 8 significant bits: a value that went through several roundings (a linear
  // ramp's steps) may be a few of its units off.
  if constexpr (std::is_same_v<T, cupp::bfloat16>)
    return 3.2e-2;
  else if constexpr (std::is_same_v<T, cupp::float16>)
    return 8e-3;
  else if constexpr (std::is_same_v<T, float> || std::is_same_v<T, std::complex<float>>)
    return 2e-6;
  else if constexpr (std::is_same_v<T, double> || std::is_same_v<T, std::complex<double>>)
    return 1e-13;
  return 0.0;
}

/// Device against reference: bit for bit when `exact`, else within the dtype's tolerance.
template <class T>
void expect_matches(const std::vector<T>& got, const std::vector<T>& want, bool exact,
                    const std::vector<bool>* only = nullptr) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (only && !(*only)[i]) continue;
    const T g = got[i], w = want[i];
    if (exact || tolerance_of<T>() == 0.0) {
      EXPECT_TRUE(cupp::test::same_bits(g, w)) << "at " << i;
      continue;
    }
    const cd a = ref::to_c(g), b = ref::to_c(w);
    const bool nan_a = std::isnan(a.real()) || std::isnan(a.imag());
    const bool nan_b = std::isnan(b.real()) || std::isnan(b.imag());
    if (nan_a || nan_b) {
      EXPECT_EQ(nan_a, nan_b) << "at " << i;
      continue;
    }
    EXPECT_LE(std::abs(a - b), tolerance_of<T>() * (1.0 + std::abs(b)))
        << "at " << i << ": " << a << " vs " << b;
  }
}

template <class T>
class PadValues : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(PadValues, cupp::test::AllDtypes);

/// Pads `shape` values laid out as `how` with request `q` on the device, against the reference.
template <class T>
void check_pad(const shape_t& shape, layout how, const ref::request& q,
               const cupp::pad_options& options, bool exact) {
  auto h = host_values<T>(shape);
  const cupp::ndarray<T> a = on_device(h, how);
  const auto want = ref::pad(h, q);
  const cupp::ndarray<T> got = cupp::pad(a, cupp::pad_width_arg(q.pad), q.mode, options);
  ASSERT_EQ(got.shape(), want.shape);
  if (q.mode == "empty") {  // only the original values are defined
    // The interior: a host array of ones padded with zeros.
    std::vector<bool> inside(want.v.size(), false);
    const ref::host_array<std::int64_t> ones{shape, std::vector<std::int64_t>(h.v.size(), 1)};
    const auto mask = ref::pad(ones, q);
    for (std::size_t i = 0; i < inside.size(); ++i) inside[i] = mask.v[i] == 1;
    expect_matches(got.get(), want.v, true, &inside);
    return;
  }
  expect_matches(got.get(), want.v, exact);
}

const std::vector<shape_t>& test_shapes() {
  static const std::vector<shape_t> shapes = {{5}, {1}, {4, 3}, {3, 1, 4}, {2, 3, 2, 5}, {1000}};
  return shapes;
}

TYPED_TEST(PadValues, IndexModesAcrossLayouts) {
  using T = TypeParam;
  const std::vector<ref::widths> widths_2d = {{{0, 0}, {0, 0}}, {{2, 3}, {1, 0}}, {{7, 9}, {5, 11}}};
  for (const shape_t& s : test_shapes()) {
    for (const layout how : {layout::contiguous, layout::transposed, layout::reversed,
                             layout::broadcast}) {
      for (const std::string mode : {"constant", "edge", "reflect", "symmetric", "wrap", "empty"}) {
        for (const auto& base : widths_2d) {
          ref::widths w;
          for (std::size_t d = 0; d < s.size(); ++d) w.push_back(base[d % 2]);
          SCOPED_TRACE(mode + " shape " + cupp::shape_str(s) + " layout " +
                       std::to_string(static_cast<int>(how)));
          auto q = req(mode, w);
          cupp::pad_options o;
          if (mode == "constant") {
            ref::values v;
            std::vector<cupp::pad_values::pair> pv;
            for (std::size_t d = 0; d < s.size(); ++d) {
              v.push_back({cd(static_cast<double>(d) + 3), cd(static_cast<double>(d) + 7)});
              pv.push_back(v.back());
            }
            q.vals = v;
            o.constant_values(pv);
          }
          check_pad<T>(s, how, q, o, true);
        }
      }
    }
  }
}

TYPED_TEST(PadValues, EmptyAndZeroDimensionalInputs) {
  using T = TypeParam;
  auto q = req("constant", {{1, 2}, {0, 0}});
  check_pad<T>({0, 3}, layout::contiguous, q, {}, true);
  q = req("constant", {{1, 2}, {2, 1}});
  check_pad<T>({0, 3}, layout::contiguous, q, {}, true);
  check_pad<T>({2, 0}, layout::contiguous, req("edge", {{1, 2}, {0, 0}}), {}, true);
  const auto scalar = cupp::asarray(std::vector<T>{cupp::test::value_at<T>(5)}, shape_t{});
  for (const std::string mode : {"constant", "edge", "reflect", "mean"}) {
    if (std::is_same_v<T, bool> && mode == "mean") continue;
    const auto got = cupp::pad(scalar, 3, mode);
    EXPECT_EQ(got.shape(), shape_t{});
    expect_matches(got.get(), std::vector<T>{cupp::test::value_at<T>(5)}, true);
  }
}

TYPED_TEST(PadValues, OddReflectionsAcrossLayouts) {
  using T = TypeParam;
  for (const shape_t& s : test_shapes()) {
    for (const layout how : {layout::contiguous, layout::reversed}) {
      for (const std::string mode : {"reflect", "symmetric"}) {
        ref::widths w;
        for (std::size_t d = 0; d < s.size(); ++d)
          w.push_back(d % 2 ? std::pair<std::int64_t, std::int64_t>{3, 9}
                            : std::pair<std::int64_t, std::int64_t>{8, 2});
        SCOPED_TRACE(mode + " shape " + cupp::shape_str(s));
        auto q = req(mode, w);
        q.odd = true;
        check_pad<T>(s, how, q, cupp::pad_options().reflect_type("odd"),
                     !ref::is_cplx<T>);
      }
    }
  }
}

TYPED_TEST(PadValues, StatisticModes) {
  using T = TypeParam;
  std::vector<std::string> modes = {"mean"};
  if constexpr (!ref::is_cplx<T>) modes = {"maximum", "minimum", "mean", "median"};
  for (const shape_t& s : {shape_t{5}, shape_t{4, 3}, shape_t{3, 2, 4}, shape_t{1000}}) {
    for (const layout how : {layout::contiguous, layout::transposed, layout::broadcast}) {
      for (const std::string& mode : modes) {
        for (const bool lengths : {false, true}) {
          ref::widths w;
          for (std::size_t d = 0; d < s.size(); ++d) w.push_back({2 + static_cast<std::int64_t>(d), 3});
          SCOPED_TRACE(mode + " shape " + cupp::shape_str(s) + (lengths ? " stat_length" : ""));
          auto q = req(mode, w);
          cupp::pad_options o;
          if (lengths) {
            std::vector<std::pair<std::int64_t, std::int64_t>> sl;
            for (std::size_t d = 0; d < s.size(); ++d) sl.push_back({2, 1 + static_cast<std::int64_t>(d)});
            q.stat = sl;
            o.stat_length(sl);
          }
          check_pad<T>(s, how, q, o, false);
        }
      }
    }
  }
}

TYPED_TEST(PadValues, LinearRamps) {
  using T = TypeParam;
  for (const shape_t& s : {shape_t{5}, shape_t{4, 3}, shape_t{3, 2, 4}}) {
    for (const layout how : {layout::contiguous, layout::reversed}) {
      ref::widths w;
      ref::values v;
      std::vector<cupp::pad_values::pair> pv;
      for (std::size_t d = 0; d < s.size(); ++d) {
        w.push_back({3 + static_cast<std::int64_t>(d), 4});
        // A negative end value has no unsigned value to ramp from (NumPy's cast of it is
        // undefined), so unsigned dtypes ramp from positive ones.
        const double after = std::is_unsigned_v<T> && !std::is_same_v<T, bool>
                                 ? 2.0 * static_cast<double>(d) + 1
                                 : -2.0 * static_cast<double>(d);
        v.push_back({cd(static_cast<double>(d) + 20), cd(after)});
        pv.push_back(v.back());
      }
      SCOPED_TRACE("shape " + cupp::shape_str(s));
      auto q = req("linear_ramp", w);
      q.vals = v;
      check_pad<T>(s, how, q, cupp::pad_options().end_values(pv), false);
    }
  }
}

class PadExamples : public cupp::test::GpuTest {};

TEST_F(PadExamples, Modes) {
  // example-begin pad_modes
  const auto a = cupp::asarray<float>({1, 2, 3, 4, 5});
  auto c = cupp::pad(a, {2, 3}, "constant", cupp::pad_options().constant_values({4.0, 6.0}));
  // c: [4, 4, 1, 2, 3, 4, 5, 6, 6, 6]
  auto r = cupp::pad(a, {2, 3}, "reflect");  // [3, 2, 1, 2, 3, 4, 5, 4, 3, 2]
  auto o = cupp::pad(a, {2, 3}, "reflect", cupp::pad_options().reflect_type("odd"));
  // o: [-1, 0, 1, 2, 3, 4, 5, 6, 7, 8]
  auto w = cupp::pad(a, 3, "wrap");          // [3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3]
  // example-end
  EXPECT_EQ(c.get(), (std::vector<float>{4, 4, 1, 2, 3, 4, 5, 6, 6, 6}));
  EXPECT_EQ(r.get(), (std::vector<float>{3, 2, 1, 2, 3, 4, 5, 4, 3, 2}));
  EXPECT_EQ(o.get(), (std::vector<float>{-1, 0, 1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(w.get(), (std::vector<float>{3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3}));
}

TEST_F(PadExamples, PerAxisAndStatistics) {
  // example-begin pad_per_axis
  const auto m = cupp::asarray<std::int32_t>({{1, 2}, {3, 4}});
  // Three rows before, two after; two columns before, three after.
  auto lo = cupp::pad(m, {{3, 2}, {2, 3}}, "minimum");  // shape (7, 7)
  auto mean = cupp::pad(cupp::asarray<std::int32_t>({1, 2}), 1, "mean");  // [2, 1, 2, 2]
  auto ramp = cupp::pad(cupp::asarray<std::int32_t>({1, 2, 3, 4, 5}), {2, 3}, "linear_ramp",
                        cupp::pad_options().end_values({5.0, -4.0}));  // [5, 3, 1, ..., 2, -1, -4]
  // example-end
  EXPECT_EQ(lo.shape(), (shape_t{7, 7}));
  EXPECT_EQ(lo.get()[4 * 7 + 0], 3);
  EXPECT_EQ(mean.get(), (std::vector<std::int32_t>{2, 1, 2, 2}));
  EXPECT_EQ(ramp.get(), (std::vector<std::int32_t>{5, 3, 1, 2, 3, 4, 5, 2, -1, -4}));
}

}  // namespace
