// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// NumPy 2's ufuncs and names beside the original table: gcd, lcm, ldexp, nextafter, spacing,
// signbit, fabs, float_power, bitwise_count, the second names (acos, pow, ...), the two-output
// frexp, modf and divmod, numpy.result_type of three dtypes, concat, permute_dims and
// matrix_transpose, and the ufunc objects' methods. NumPy's answers come from tests/expr/make_numpy2_ufuncs.py ->
// tests/data/expr/. Each row's values on every dtype and layout are in the ufunc sweep
// (test_sweep_*.cpp); here are the dtypes, the errors and the mixed-type calls.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/jit/compiler.hpp"
#include "support/csv.hpp"
#include "support/gpu.hpp"
#include "support/shaped.hpp"

namespace {

using cupp::dtype;
using cupp::ndarray;
using cupp::test::read_csv;
using cupp::test::shaped;
using cupp::test::throws_exactly;

// ---- result dtypes -----------------------------------------------------------------------------

static_assert(std::is_same_v<decltype(cupp::float_power(shaped<float>({1}),
                                                         shaped<float>({1})))::value_type,
                             double>);
static_assert(std::is_same_v<decltype(cupp::ldexp(shaped<float>({1}),
                                                   shaped<std::int64_t>({1})))::value_type,
                             float>);
static_assert(std::is_same_v<decltype(cupp::ldexp(shaped<cupp::float16>({1}), 3))::value_type,
                             cupp::float16>);
static_assert(
    std::is_same_v<decltype(cupp::bitwise_count(shaped<std::int64_t>({1})))::value_type,
                   std::uint8_t>);
static_assert(std::is_same_v<decltype(cupp::signbit(shaped<std::int32_t>({1})))::value_type,
                             bool>);
static_assert(std::is_same_v<decltype(cupp::gcd(shaped<std::int8_t>({1}),
                                                 shaped<std::uint8_t>({1})))::value_type,
                             std::int16_t>);

/// The op of each row of ufuncs.def, by name.
struct row {
  cupp::expr::op_desc op;
  int arity;
};
const std::map<std::string, row>& rows() {
  static const std::map<std::string, row> kRows = {
#define CUPP_UFUNC1(name, rule, kinds, function, doc) \
  {#name, {cupp::expr::op_desc_of<cupp::expr::op_##name>(), 1}},
#define CUPP_UFUNC2(name, rule, kinds, function, doc) \
  {#name, {cupp::expr::op_desc_of<cupp::expr::op_##name>(), 2}},
#define CUPP_UFUNC3(name, rule, kinds, function, doc) \
  {#name, {cupp::expr::op_desc_of<cupp::expr::op_##name>(), 3}},
#include "cupp/expr/ufuncs.def"
#undef CUPP_UFUNC1
#undef CUPP_UFUNC2
#undef CUPP_UFUNC3
  };
  return kRows;
}

/// The result dtype of `op` over `n` arrays of dtype `d` (ldexp: d and an int64 exponent), or
/// "error" where cupp raises type_error.
std::string result_of(const cupp::expr::op_desc& op, int n, dtype d) {
  std::vector<cupp::expr::operand_type> operands(static_cast<std::size_t>(n));
  for (auto& o : operands) o.dt = d;
  if (op.type_rule == cupp::expr::rule::ldexp) operands[1].dt = dtype::int64;
  try {
    return cupp::dtype_name(cupp::expr::resolve_types(op, operands).result);
  } catch (const cupp::type_error&) {
    return "error";
  }
}

TEST(Numpy2Ufuncs, ResultDtypesMatchNumpy) {
  const auto table = read_csv("expr/numpy2_ufunc_types.csv", "ufunc,dtype,result");
  ASSERT_EQ(table.size(), 23u * 14u);
  using cupp::expr::op_desc_of;
  namespace ex = cupp::expr;
  for (const auto& r : table) {
    ASSERT_EQ(r.size(), 3u);
    const std::string& name = r[0];
    const dtype d = cupp::dtype_from_name(r[1]);
    std::string got;
    if (name == "frexp") {
      got = result_of(op_desc_of<ex::op_frexp_mantissa>(), 1, d);
      if (got != "error") got += ";int32";
    } else if (name == "modf") {
      got = result_of(op_desc_of<ex::op_modf_fractional>(), 1, d);
      if (got != "error") got += ";" + result_of(op_desc_of<ex::op_trunc>(), 1, d);
    } else if (name == "divmod") {
      got = result_of(op_desc_of<ex::op_floor_divide>(), 2, d);
      if (got != "error") got += ";" + result_of(op_desc_of<ex::op_remainder>(), 2, d);
    } else {
      const auto it = rows().find(name);
      ASSERT_NE(it, rows().end()) << name << " is no row of ufuncs.def";
      got = result_of(it->second.op, it->second.arity, d);
    }
    EXPECT_EQ(got, r[2]) << name << "(" << r[1] << ")";
  }
}

TEST(Numpy2Ufuncs, LdexpTakesIntegerExponentsOnly) {
  const auto x = shaped<float>({3});
  EXPECT_THROW(cupp::ldexp(x, shaped<float>({3})), cupp::type_error);
  EXPECT_THROW(cupp::ldexp(x, shaped<std::uint64_t>({3})), cupp::type_error);
  EXPECT_THROW(cupp::ldexp(shaped<std::complex<float>>({3}), shaped<int>({3})), cupp::type_error);
  // Exponents that cast safely to int64 are taken; the loop follows x alone.
  for (dtype e : {dtype::bool_, dtype::int8, dtype::uint32, dtype::int64}) {
    const auto t = cupp::expr::resolve_types(cupp::expr::op_desc_of<cupp::expr::op_ldexp>(),
                                             {{dtype::float32}, {e}});
    EXPECT_EQ(t.result, dtype::float32) << cupp::dtype_name(e);
  }
  // A C++ integer exponent, and a float x with an integer array.
  EXPECT_EQ(cupp::ldexp(x, 2).shape(), (cupp::shape_t{3}));
  EXPECT_EQ(decltype(cupp::ldexp(2.0, shaped<std::int32_t>({2})))::dtype(), dtype::float64);
}

TEST(Numpy2Ufuncs, TwoOutputUfuncsRejectComplex) {
  EXPECT_THROW(cupp::modf(shaped<std::complex<float>>({2})), cupp::type_error);
  EXPECT_THROW(cupp::frexp(shaped<std::complex<double>>({2})), cupp::type_error);
  EXPECT_THROW(cupp::divmod(shaped<std::complex<double>>({2}), shaped<double>({2})),
               cupp::type_error);
}

/// Compiles with NVRTC, without a GPU, the kernels of expression type N (the ufunc sweep does
/// this for every row; these are the two-output ufuncs' parts, which are no rows).
template <class N>
void compile_family() {
  auto& f = cupp::expr::family_of<N>();
  for (int v : {0, 1, 2, 5}) f.compile(N::result, v, false, 90);
}

TEST(Numpy2Ufuncs, TwoOutputKernelsCompile) {
  namespace ex = cupp::expr;
  compile_family<decltype(ex::make_node<ex::op_modf_fractional>(shaped<float>({1})))>();
  compile_family<decltype(ex::make_node<ex::op_modf_fractional>(shaped<cupp::float16>({1})))>();
  compile_family<decltype(ex::make_node<ex::op_frexp_mantissa>(shaped<double>({1})))>();
  compile_family<decltype(ex::make_node<ex::op_frexp_exponent>(shaped<std::int16_t>({1})))>();
  compile_family<decltype(cupp::ldexp(shaped<cupp::bfloat16>({1}), shaped<std::int8_t>({1})))>();
  compile_family<decltype(cupp::nextafter(shaped<cupp::float16>({1}), 0.5))>();
}

// ---- numpy.result_type of three dtypes ------------------------------------------------------

TEST(Numpy2Ufuncs, ResultTypeOfTriplesMatchesNumpy) {
  const auto table = read_csv("expr/result_type_triples.csv", "a,b,c,result");
  ASSERT_EQ(table.size(), 14u * 14u * 14u);
  int pairwise_differs = 0;
  for (const auto& r : table) {
    ASSERT_EQ(r.size(), 4u);
    const dtype a = cupp::dtype_from_name(r[0]), b = cupp::dtype_from_name(r[1]),
                c = cupp::dtype_from_name(r[2]), want = cupp::dtype_from_name(r[3]);
    EXPECT_EQ(cupp::expr::promote_all(a, b, c), want) << r[0] << " " << r[1] << " " << r[2];
    const dtype d[] = {a, b, c};
    EXPECT_EQ(cupp::expr::promote_inputs(false, d, 3), want);
    if (cupp::promote_types(cupp::promote_types(a, b), c) != want) ++pairwise_differs;
  }
  // The triples where folding promote_types differs, which the table must cover.
  EXPECT_EQ(pairwise_differs, 14);
  // clip promotes its three operands so.
  const auto t = cupp::expr::resolve_types(cupp::expr::op_desc_of<cupp::expr::op_clip>(),
                                           {{dtype::int8}, {dtype::uint8}, {dtype::float16}});
  EXPECT_EQ(t.result, dtype::float16);
}

// ---- values against NumPy ---------------------------------------------------------------------

cupp::npz_file reference() {
  return cupp::load_npz(std::string(CUPP_TEST_DATA_DIR) + "/expr/numpy2_ufuncs.npz");
}

template <class T>
std::vector<T> host(const cupp::npz_file& npz, const std::string& name) {
  return npz[name].as<T>().get();
}

/// Bit for bit, nan as nan (any sign), -0.0 apart from 0.0.
template <class T>
void expect_same(const std::vector<T>& got, const std::vector<T>& want, const char* what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < got.size(); ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(want[i])) {
        EXPECT_TRUE(std::isnan(got[i])) << what << " [" << i << "]";
        continue;
      }
      EXPECT_EQ(std::signbit(got[i]), std::signbit(want[i])) << what << " [" << i << "]";
    }
    EXPECT_EQ(got[i], want[i]) << what << " [" << i << "]";
  }
}

TEST(Numpy2Ufuncs, FrexpMatchesNumpy) {
  CUPP_SKIP_WITHOUT_GPU();
  const auto npz = reference();
  const auto x32 = npz["x32"].as<float>();
  const auto [m32, e32] = cupp::frexp(x32);
  expect_same(m32.get(), host<float>(npz, "frexp_m32"), "frexp mantissa float32");
  expect_same(e32.get(), host<std::int32_t>(npz, "frexp_e32"), "frexp exponent float32");
  const auto x64 = npz["x64"].as<double>();
  const auto [m64, e64] = cupp::frexp(x64(cupp::slice(std::nullopt, std::nullopt, -1)));
  auto want_m = host<double>(npz, "frexp_m64");
  auto want_e = host<std::int32_t>(npz, "frexp_e64");
  expect_same(m64.get(), std::vector<double>(want_m.rbegin(), want_m.rend()), "frexp float64");
  expect_same(e64.get(), std::vector<std::int32_t>(want_e.rbegin(), want_e.rend()),
              "frexp exponent float64");
  // An integer input computes in its inexact dtype.
  const auto [mi, ei] = cupp::frexp(cupp::asarray<std::int16_t>({0, 1, -6, 1000}, {4}));
  static_assert(std::is_same_v<std::decay_t<decltype(mi)>, ndarray<float>>);
  EXPECT_EQ(mi.get(), (std::vector<float>{0.0f, 0.5f, -0.75f, 0.9765625f}));
  EXPECT_EQ(ei.get(), (std::vector<std::int32_t>{0, 1, 3, 10}));
}

TEST(Numpy2Ufuncs, ModfMatchesNumpy) {
  CUPP_SKIP_WITHOUT_GPU();
  const auto npz = reference();
  const auto [f, i] = cupp::modf(npz["x32"].as<float>());
  expect_same(f.get(), host<float>(npz, "modf_f32"), "modf fractional");
  expect_same(i.get(), host<float>(npz, "modf_i32"), "modf integral");
  const auto [fi, ii] = cupp::modf(cupp::asarray<std::int8_t>({-3, 0, 7}, {3}));
  static_assert(std::is_same_v<std::decay_t<decltype(fi)>, ndarray<cupp::float16>>);
  EXPECT_EQ(ii.astype<float>().get(), (std::vector<float>{-3, 0, 7}));
  EXPECT_EQ(fi.astype<float>().get(), (std::vector<float>{-0.0f, 0.0f, 0.0f}));
}

TEST(Numpy2Ufuncs, DivmodMatchesNumpy) {
  CUPP_SKIP_WITHOUT_GPU();
  const auto npz = reference();
  const auto [q, r] = cupp::divmod(npz["i64"].as<std::int64_t>(), npz["j64"].as<std::int64_t>());
  expect_same(q.get(), host<std::int64_t>(npz, "divmod_q"), "divmod quotient");
  expect_same(r.get(), host<std::int64_t>(npz, "divmod_r"), "divmod remainder");
  const auto x = npz["x32"].as<float>()(cupp::slice(0, 12));
  const auto [qf, rf] = cupp::divmod(x, -1.5f);
  expect_same(qf.get(), host<float>(npz, "divmod_qf"), "divmod float quotient");
  expect_same(rf.get(), host<float>(npz, "divmod_rf"), "divmod float remainder");
}

TEST(Numpy2Ufuncs, LdexpGcdLcmMatchNumpy) {
  CUPP_SKIP_WITHOUT_GPU();
  const auto npz = reference();
  const ndarray<float> l = cupp::ldexp(npz["x32"].as<float>(), npz["e32"].as<std::int32_t>());
  expect_same(l.get(), host<float>(npz, "ldexp32"), "ldexp");
  const auto i = npz["i64"].as<std::int64_t>(), j = npz["j64"].as<std::int64_t>();
  expect_same(ndarray<std::int64_t>(cupp::gcd(i, j)).get(), host<std::int64_t>(npz, "gcd"), "gcd");
  expect_same(ndarray<std::int64_t>(cupp::lcm(i, j)).get(), host<std::int64_t>(npz, "lcm"), "lcm");
  // Fused: one kernel over the new rows and the old.
  const ndarray<double> fused = cupp::float_power(cupp::fabs(cupp::ldexp(i, 1)), 0.5);
  std::vector<double> want;
  for (std::int64_t v : host<std::int64_t>(npz, "i64"))
    want.push_back(std::pow(std::fabs(std::ldexp(static_cast<double>(v), 1)), 0.5));
  const auto got = fused.get();
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t k = 0; k < got.size(); ++k) EXPECT_DOUBLE_EQ(got[k], want[k]) << k;
}

TEST(Numpy2Ufuncs, DocExample) {
  CUPP_SKIP_WITHOUT_GPU();
  // example-begin numpy2_ufuncs
  auto x = cupp::asarray<float>({0.5f, -2.5f, 8.0f}, {3});
  auto [mantissa, exponent] = cupp::frexp(x);                 // float32 and int32 arrays
  cupp::ndarray<float> y = cupp::ldexp(mantissa, exponent);   // x again, one kernel
  auto n = cupp::bitwise_count(cupp::asarray<std::int64_t>({-7, 255}, {2}));  // uint8: 3, 8
  // example-end
  EXPECT_EQ(mantissa.get(), (std::vector<float>{0.5f, -0.625f, 0.5f}));
  EXPECT_EQ(exponent.get(), (std::vector<std::int32_t>{0, 2, 4}));
  EXPECT_EQ(y.get(), x.get());
  EXPECT_EQ(ndarray<std::uint8_t>(n).get(), (std::vector<std::uint8_t>{3, 8}));
}

TEST(Numpy2Ufuncs, AliasesAreTheSameUfuncs) {
  CUPP_SKIP_WITHOUT_GPU();
  const auto x = cupp::asarray<double>({-0.75, 0.0, 0.5, 0.9}, {4});
  EXPECT_EQ(ndarray<double>(cupp::acos(x)).get(), ndarray<double>(cupp::arccos(x)).get());
  EXPECT_EQ(ndarray<double>(cupp::atan2(x, 0.5)).get(),
            ndarray<double>(cupp::arctan2(x, 0.5)).get());
  EXPECT_EQ(ndarray<double>(cupp::pow(x, 3)).get(), ndarray<double>(cupp::power(x, 3)).get());
  const auto n = cupp::asarray<std::int32_t>({-5, 0, 7, 1 << 20}, {4});
  EXPECT_EQ(ndarray<std::int32_t>(cupp::bitwise_invert(n)).get(),
            (std::vector<std::int32_t>{4, -1, -8, ~(1 << 20)}));
  EXPECT_EQ(ndarray<std::int32_t>(cupp::bitwise_left_shift(n, 2)).get(),
            (std::vector<std::int32_t>{-20, 0, 28, 1 << 22}));
  EXPECT_EQ(ndarray<std::int32_t>(cupp::bitwise_right_shift(n, 1)).get(),
            (std::vector<std::int32_t>{-3, 0, 3, 1 << 19}));
  EXPECT_EQ(ndarray<std::uint8_t>(cupp::bitwise_count(n)).get(),
            (std::vector<std::uint8_t>{2, 0, 3, 1}));
  EXPECT_EQ(ndarray<double>(cupp::around(x)).get(), (std::vector<double>{-1.0, 0.0, 0.0, 1.0}));
}

// ---- concat, permute_dims, matrix_transpose -------------------------------------------------

TEST(Numpy2Manipulation, MatrixTransposeSwapsTheLastTwoAxes) {
  const auto a = shaped<float>({2, 3, 4});
  const auto t = cupp::matrix_transpose(a);
  EXPECT_EQ(t.shape(), (cupp::shape_t{2, 4, 3}));
  EXPECT_EQ(t.strides(), (cupp::strides_t{12, 1, 4}));
  EXPECT_EQ(cupp::linalg::matrix_transpose(a).shape(), (cupp::shape_t{2, 4, 3}));
  EXPECT_EQ(cupp::matrix_transpose(shaped<int>({5, 0})).shape(), (cupp::shape_t{0, 5}));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] { cupp::matrix_transpose(shaped<float>({3})); },
      "Input array must be at least 2-dimensional, but it is 1"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] { cupp::linalg::matrix_transpose(shaped<double>({})); },
      "Input array must be at least 2-dimensional, but it is 0"));
}

TEST(Numpy2Manipulation, PermuteDimsIsTransposeWithAxes) {
  const auto a = shaped<std::int16_t>({2, 3, 4});
  EXPECT_EQ(cupp::permute_dims(a, {1, 2, 0}).shape(), (cupp::shape_t{3, 4, 2}));
  EXPECT_EQ(cupp::permute_dims(a, {1, 2, 0}).strides(), (cupp::strides_t{4, 1, 12}));
  EXPECT_EQ(cupp::permute_dims(a, {-1, 0, 1}).shape(), (cupp::shape_t{4, 2, 3}));
  EXPECT_EQ(cupp::permute_dims(a).shape(), (cupp::shape_t{4, 3, 2}));
  EXPECT_THROW(cupp::permute_dims(a, {0, 1}), cupp::value_error);
  EXPECT_THROW(cupp::permute_dims(a, {0, 1, 3}), cupp::axis_error);
}

TEST(Numpy2Manipulation, ConcatIsConcatenate) {
  CUPP_SKIP_WITHOUT_GPU();
  const auto a = cupp::asarray<float>({1, 2, 3, 4}, {2, 2});
  const auto b = cupp::asarray<float>({5, 6}, {1, 2});
  EXPECT_EQ(cupp::concat({a, b}).get(), (std::vector<float>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(cupp::concat({a, b}, 0).shape(), (cupp::shape_t{3, 2}));
  EXPECT_EQ(cupp::concat(std::vector<ndarray<float>>{a, a}, 1).get(),
            (std::vector<float>{1, 2, 1, 2, 3, 4, 3, 4}));
  EXPECT_EQ(cupp::concat({a, b}, std::nullopt).shape(), (cupp::shape_t{6}));
  EXPECT_THROW(cupp::concat({a, b}, 1), cupp::value_error);
}

// ---- ufunc objects ---------------------------------------------------------------------------

static_assert(std::is_same_v<decltype(cupp::ufunc::add.reduce(shaped<std::int8_t>({2}))),
                             ndarray<std::int64_t>>);
static_assert(std::is_same_v<decltype(cupp::ufunc::maximum.reduce(shaped<std::int8_t>({2}))),
                             ndarray<std::int8_t>>);
static_assert(std::is_same_v<decltype(cupp::ufunc::logical_or.reduce(shaped<float>({2}))),
                             ndarray<bool>>);
static_assert(std::is_same_v<decltype(cupp::ufunc::multiply.accumulate(shaped<std::uint16_t>({2}))),
                             ndarray<std::uint64_t>>);

TEST(Numpy2UfuncObjects, OuterHasBothShapes) {
  const auto o = cupp::ufunc::subtract.outer(shaped<float>({2, 3}), shaped<double>({4}));
  EXPECT_EQ(o.shape(), (cupp::shape_t{2, 3, 4}));
  static_assert(std::is_same_v<decltype(o)::value_type, double>);
  EXPECT_EQ(cupp::ufunc::less.outer(shaped<int>({}), shaped<int>({5, 2})).shape(),
            (cupp::shape_t{5, 2}));
  EXPECT_EQ(cupp::ufunc::add.outer(shaped<int>({0}), shaped<int>({3})).shape(),
            (cupp::shape_t{0, 3}));
  static_assert(std::is_same_v<decltype(cupp::ufunc::add(shaped<float>({1}), 2))::value_type,
                               float>);
}

TEST(Numpy2UfuncObjects, ReduceAccumulateOuterMatchHostLoops) {
  CUPP_SKIP_WITHOUT_GPU();
  // a = [[1, -2, 3], [4, 5, -6]] (int8), b = [0.5, 2.0].
  const auto a = cupp::asarray<std::int8_t>({1, -2, 3, 4, 5, -6}, {2, 3});
  EXPECT_EQ(cupp::ufunc::add.reduce(a).get(), (std::vector<std::int64_t>{5, 3, -3}));
  EXPECT_EQ(cupp::ufunc::add.reduce(a, 1).get(), (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(cupp::ufunc::add.reduce(a, std::nullopt).item(), 5);
  EXPECT_EQ(cupp::ufunc::multiply.reduce(a, -1, true).shape(), (cupp::shape_t{2, 1}));
  EXPECT_EQ(cupp::ufunc::multiply.reduce(a, -1).get(), (std::vector<std::int64_t>{-6, -120}));
  EXPECT_EQ(cupp::ufunc::maximum.reduce(a).get(), (std::vector<std::int8_t>{4, 5, 3}));
  EXPECT_EQ(cupp::ufunc::minimum.reduce(a, 1).get(), (std::vector<std::int8_t>{-2, -6}));
  EXPECT_EQ(cupp::ufunc::logical_and.reduce(a).get(), (std::vector<bool>{true, true, true}));
  EXPECT_EQ(cupp::ufunc::add.accumulate(a).get(),
            (std::vector<std::int64_t>{1, -2, 3, 5, 3, -3}));
  EXPECT_EQ(cupp::ufunc::multiply.accumulate(a, 1).get(),
            (std::vector<std::int64_t>{1, -2, -6, 4, 20, -120}));
  const auto b = cupp::asarray<double>({0.5, 2.0}, {2});
  const ndarray<double> o = cupp::ufunc::subtract.outer(a, b);
  EXPECT_EQ(o.shape(), (cupp::shape_t{2, 3, 2}));
  EXPECT_EQ(o.get(), (std::vector<double>{0.5, -1, -2.5, -4, 2.5, 1, 3.5, 2, 4.5, 3, -6.5, -8}));
  EXPECT_THROW(cupp::ufunc::maximum.reduce(a(cupp::slice(0, 0))), cupp::value_error);
}

TEST(Numpy2UfuncObjects, AtAndReduceatKernelsCompile) {
  namespace ex = cupp::expr;
  using ex::op_desc_of;
  cupp::jit::compiler c("");  // memory only, no GPU needed
  const auto compiles = [&](const std::string& source) {
    try {
      c.compile(source, {}, {}, 90);
    } catch (const cupp::compile_error& e) {
      ADD_FAILURE() << e.log();
    }
  };
  // Hardware atomics, and compare-and-swap on 1-, 2-, 4- and 8-byte elements.
  compiles(cupp::detail::ufunc_at_source(op_desc_of<ex::op_add>(), dtype::float32, dtype::float32));
  compiles(cupp::detail::ufunc_at_source(op_desc_of<ex::op_subtract>(), dtype::int64, dtype::int8));
  compiles(cupp::detail::ufunc_at_source(op_desc_of<ex::op_bitwise_or>(), dtype::uint64,
                                         dtype::uint64));
  compiles(cupp::detail::ufunc_at_source(op_desc_of<ex::op_maximum>(), dtype::int32,
                                         dtype::int32));
  compiles(cupp::detail::ufunc_at_source(op_desc_of<ex::op_add>(), dtype::complex128,
                                         dtype::float64));
  compiles(cupp::detail::ufunc_at_source(op_desc_of<ex::op_multiply>(), dtype::int8, dtype::int8));
  compiles(cupp::detail::ufunc_at_source(op_desc_of<ex::op_add>(), dtype::float16, dtype::float16));
  compiles(cupp::detail::ufunc_at_source(op_desc_of<ex::op_maximum>(), dtype::float64,
                                         dtype::float32));
  compiles(cupp::detail::ufunc_at_source(op_desc_of<ex::op_add>(), dtype::complex64,
                                         dtype::complex64));
  compiles(cupp::detail::ufunc_at_source(op_desc_of<ex::op_logical_or>(), dtype::bool_,
                                         dtype::bool_));
  compiles(cupp::detail::ufunc_reduceat_source(op_desc_of<ex::op_add>(), dtype::int8, dtype::int64));
  compiles(cupp::detail::ufunc_reduceat_source(op_desc_of<ex::op_maximum>(), dtype::float16,
                                               dtype::float16));
  compiles(cupp::detail::ufunc_reduceat_source(op_desc_of<ex::op_multiply>(), dtype::complex64,
                                               dtype::complex64));
  compiles(cupp::detail::ufunc_reduceat_source(op_desc_of<ex::op_bitwise_xor>(), dtype::bool_,
                                               dtype::bool_));
}

TEST(Numpy2UfuncObjects, AtAccumulatesRepeatedIndices) {
  CUPP_SKIP_WITHOUT_GPU();
  // add.at counts: index 1 three times, -1 (the last) once.
  auto bins = cupp::zeros<float>({4});
  cupp::ufunc::add.at(bins, cupp::asarray<std::int64_t>({1, 1, 3, 1, -1}, {5}), 1.0f);
  EXPECT_EQ(bins.get(), (std::vector<float>{0, 3, 0, 2}));
  // Values per index, another index dtype, and a strided view.
  auto a = cupp::asarray<std::int32_t>({10, 20, 30, 40, 50, 60}, {6});
  const auto every_other = a(cupp::slice(0, 6, 2));  // 10, 30, 50
  cupp::ufunc::subtract.at(every_other, cupp::asarray<std::int16_t>({0, 2, 0}, {3}),
                           cupp::asarray<std::int32_t>({1, 2, 3}, {3}));
  EXPECT_EQ(a.get(), (std::vector<std::int32_t>{6, 20, 30, 40, 48, 60}));
  // Compare-and-swap ops: multiply on int8 (1-byte words), maximum with nan on float16.
  auto m = cupp::asarray<std::int8_t>({1, 2, 3}, {3});
  cupp::ufunc::multiply.at(m, cupp::asarray<std::int32_t>({0, 0, 0, 2}, {4}), std::int8_t{3});
  EXPECT_EQ(m.get(), (std::vector<std::int8_t>{27, 2, 9}));
  auto h = cupp::asarray<cupp::float16>({cupp::float16(1.0f), cupp::float16(5.0f)}, {2});
  cupp::ufunc::maximum.at(h, cupp::asarray<std::int64_t>({0, 1, 1}, {3}),
                          cupp::asarray<float>({4.0f, 2.0f, 7.5f}, {3}));
  EXPECT_EQ(h.astype<float>().get(), (std::vector<float>{4.0f, 7.5f}));
  auto z = cupp::zeros<std::complex<double>>({2});
  cupp::ufunc::add.at(z, cupp::asarray<std::int64_t>({1, 1}, {2}), std::complex<double>(1, -2));
  EXPECT_EQ(z.get(), (std::vector<std::complex<double>>{{0, 0}, {2, -4}}));
  // Every index is checked before anything is written.
  EXPECT_TRUE(throws_exactly<cupp::index_error>(
      [&] { cupp::ufunc::add.at(bins, cupp::asarray<std::int64_t>({0, 4}, {2}), 1.0f); },
      "index 4 is out of bounds for axis 0 with size 4"));
  EXPECT_TRUE(throws_exactly<cupp::index_error>(
      [&] { cupp::ufunc::add.at(bins, cupp::asarray<std::int64_t>({-5}, {1}), 1.0f); },
      "index -5 is out of bounds for axis 0 with size 4"));
  EXPECT_EQ(bins.get(), (std::vector<float>{0, 3, 0, 2}));
}

TEST(Numpy2UfuncObjects, ReduceatMatchesNumpy) {
  CUPP_SKIP_WITHOUT_GPU();
  // np.add.reduceat(np.arange(10, dtype=np.int8), [0, 4, 1, 9]) is [6, 4, 36, 9] (int64).
  std::vector<std::int8_t> v;
  for (int i = 0; i < 10; ++i) v.push_back(static_cast<std::int8_t>(i));
  const auto a = cupp::asarray<std::int8_t>(v, {10});
  const auto r = cupp::ufunc::add.reduceat(a, {0, 4, 1, 9});
  static_assert(std::is_same_v<std::decay_t<decltype(r)>, ndarray<std::int64_t>>);
  EXPECT_EQ(r.get(), (std::vector<std::int64_t>{6, 4, 36, 9}));
  EXPECT_EQ(cupp::ufunc::maximum.reduceat(a, cupp::asarray<std::int32_t>({2, 5}, {2})).get(),
            (std::vector<std::int8_t>{4, 9}));
  // Along axis 1 of a (2, 5) array, and along axis 0 (columns per thread).
  const auto b = cupp::asarray<double>({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, {2, 5});
  EXPECT_EQ(cupp::ufunc::multiply.reduceat(b, {0, 2}, 1).get(),
            (std::vector<double>{2, 60, 42, 720}));
  EXPECT_EQ(cupp::ufunc::add.reduceat(b, {1, 0}, 0).get(),
            (std::vector<double>{6, 7, 8, 9, 10, 7, 9, 11, 13, 15}));
  // One long segment through the block's shared-memory combine.
  std::vector<float> ones(5000, 1.0f);
  EXPECT_EQ(cupp::ufunc::add.reduceat(cupp::asarray<float>(ones, {5000}), {0, 4999}).get(),
            (std::vector<float>{4999.0f, 1.0f}));
  EXPECT_TRUE(throws_exactly<cupp::index_error>(
      [&] { cupp::ufunc::add.reduceat(a, {0, 10}); },
      "index 10 out-of-bounds in add.reduceat [0, 10)"));
  EXPECT_THROW(cupp::ufunc::add.reduceat(b, {0}, 2), cupp::axis_error);
}

}  // namespace
