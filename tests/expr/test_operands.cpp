// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// What the elementwise functions and reductions take as operands beside arrays and expressions:
// selections (a[mask], a[idx]) and, for a ufunc alone, plain C++ scalars (a 0-d array).
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "cupp/array.hpp"
#include "support/gpu.hpp"
#include "support/shaped.hpp"

// `using namespace cupp;` beside the C library: the std and global functions keep the calls
// that name them or match them exactly (Note [Ufuncs of scalars]). Compiling is the test.
namespace with_cupp_in_scope {
using namespace cupp;
inline double exp_of_one() { return std::exp(1.0) + ::exp(1.0) + exp(1.0); }
inline float floor_of_float() { return std::floor(2.5f); }
}  // namespace with_cupp_in_scope
namespace with_std_and_cupp_in_scope {
using namespace std;
using namespace cupp;
inline double calls() {
  // Each is std's: an ndarray would not convert to double.
  const double a = exp(1) + exp(1.0) + exp(1.0f) + sqrt(2) + fmod(5, 3) + remainder(5, 3) +
                   hypot(3, 4) + pow(2, 3) + copysign(1, -2) + floor(2) + abs(-1);
  const bool n = isnan(1.0);
  const std::complex<double> c = conj(std::complex<double>(1, 2));
  return a + (n ? 1.0 : 0.0) + real(c);
}
}  // namespace with_std_and_cupp_in_scope

namespace {

using cupp::shape_t;
using cupp::slice;
using cupp::test::GpuTest;
using cupp::test::shaped;

// ---- host: types ------------------------------------------------------------------------------

TEST(OperandsHost, SelectionsAreOperandsOfTheirArraysDtype) {
  auto r = shaped<float>({5});
  auto i = shaped<std::int64_t>({2});
  static_assert(cupp::expr::is_operand_v<cupp::indexed<float>>);
  static_assert(std::is_same_v<decltype(cupp::power(r[r > 0], -1.5))::value_type, float>);
  static_assert(std::is_same_v<decltype(r[i] * 2.0f)::value_type, float>);
  static_assert(std::is_same_v<decltype(r[i] + i)::value_type, double>);  // float32 + int64
  static_assert(std::is_same_v<decltype(cupp::exp(i[i > 0]))::value_type, double>);
  static_assert(std::is_same_v<decltype(cupp::sum(i[i > 0])), cupp::ndarray<std::int64_t>>);
  static_assert(std::is_same_v<decltype(cupp::mean(r[i])), cupp::ndarray<float>>);
  // A selection taken into an expression is stored as the array it evaluates to.
  using N = decltype(r[i] * 2.0f);
  static_assert(std::is_same_v<N, cupp::expr::node<cupp::expr::op_multiply, cupp::ndarray<float>,
                                                   cupp::expr::scalar<float>>>);
}

TEST(OperandsHost, UfuncsOfScalarsAloneHaveNumPysDtypes) {
  // cupy.exp(1.0) is a 0-d float64 array; C++ numbers stand for Python's (NEP 50).
  static_assert(std::is_same_v<decltype(cupp::exp(1.0)), cupp::ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::exp(1.0f)), cupp::ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::exp(1)), cupp::ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::exp(true)), cupp::ndarray<cupp::float16>>);
  static_assert(std::is_same_v<decltype(cupp::add(1, 2.5)), cupp::ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::add(1, 2)), cupp::ndarray<std::int64_t>>);
  static_assert(std::is_same_v<decltype(cupp::add(true, 2)), cupp::ndarray<std::int64_t>>);
  static_assert(std::is_same_v<decltype(cupp::add(true, false)), cupp::ndarray<bool>>);
  static_assert(std::is_same_v<decltype(cupp::maximum(3, 4)), cupp::ndarray<std::int64_t>>);
  static_assert(std::is_same_v<decltype(cupp::multiply(std::complex<float>(1, 2), 2)),
                               cupp::ndarray<std::complex<double>>>);
  static_assert(std::is_same_v<decltype(cupp::true_divide(1, 2)), cupp::ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::floor_divide(7, 2)), cupp::ndarray<std::int64_t>>);
  static_assert(std::is_same_v<decltype(cupp::less(1, 2.0)), cupp::ndarray<bool>>);
  static_assert(std::is_same_v<decltype(cupp::clip(5, 0, 3)), cupp::ndarray<std::int64_t>>);
  static_assert(std::is_same_v<decltype(cupp::sqrt(std::uint8_t{4})), cupp::ndarray<double>>);
  // With an array among the operands the scalar stays weak: the array's dtype wins.
  static_assert(std::is_same_v<decltype(cupp::add(shaped<float>({2}), 2.5))::value_type, float>);
}

TEST(OperandsHost, KernelsOfScalarsAloneCompile) {
  // NVRTC needs no GPU: the kernels of ufuncs of scalars alone (no array leaf) compile for sm_90.
  using Add = decltype(cupp::expr::make_node<cupp::expr::op_add>(1, 2.5));
  using Exp = decltype(cupp::expr::make_node<cupp::expr::op_exp>(true));
  using Clip = decltype(cupp::expr::make_node<cupp::expr::op_clip>(5, 0, std::int8_t{3}));
  static_assert(Add::result == cupp::dtype::float64 && Exp::result == cupp::dtype::float16 &&
                Clip::result == cupp::dtype::int64);
  cupp::expr::family_of<Add>().compile_all(cupp::dtype::float64, 90);
  cupp::expr::family_of<Exp>().compile_all(cupp::dtype::float16, 90);
  cupp::expr::family_of<Clip>().compile_all(cupp::dtype::int64, 90);
}

// ---- selections on the GPU --------------------------------------------------------------------

class Operands : public GpuTest {};

TEST_F(Operands, SelectionsInExpressionsAndReductions) {
  const std::vector<float> host = {-2.0f, 4.0f, 0.0f, 9.0f, -1.0f, 0.25f};
  auto r = cupp::asarray(host);
  // example-begin selection_operand
  cupp::ndarray<float> inv = cupp::power(r[r > 0], -1.5);  // NumPy: np.power(r[r > 0], -1.5)
  auto total = cupp::sum(r[r > 0]);                        // 0-d float32
  // example-end
  std::vector<float> want;
  float want_sum = 0;
  for (float x : host)
    if (x > 0) {
      want.push_back(static_cast<float>(std::pow(static_cast<double>(x), -1.5)));
      want_sum += x;
    }
  const std::vector<float> got = inv.get();
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t k = 0; k < want.size(); ++k) EXPECT_NEAR(got[k], want[k], 1e-6f * want[k]);
  EXPECT_FLOAT_EQ(total.item(), want_sum);

  const std::vector<std::int64_t> idx = {5, 0, 3, 3};
  auto ia = cupp::asarray(idx);
  EXPECT_EQ((r[ia] * 2.0f).eval().get(), (std::vector<float>{0.5f, -4.0f, 18.0f, 18.0f}));
  const std::vector<float> e = cupp::exp(r[ia]).eval().get();
  for (std::size_t k = 0; k < idx.size(); ++k)
    EXPECT_NEAR(e[k], std::exp(host[static_cast<std::size_t>(idx[k])]), 2e-6f * e[k]);
  EXPECT_EQ((-r[ia]).eval().get(), (std::vector<float>{-0.25f, 2.0f, -9.0f, -9.0f}));
  EXPECT_EQ(cupp::max(r[r < 1]).item(), 0.25f);
  EXPECT_EQ(cupp::argmax(r[ia]).item(), 2);
  EXPECT_EQ(cupp::count_nonzero(r[r != 0]).item(), 5);
  // a selection of a 2-D array keeps the trailing axes, and a reduction over one axis of it
  auto m = cupp::asarray<double>({1, 2, 3, 4, 5, 6}, {3, 2});
  auto rows = cupp::asarray<std::int64_t>({2, 0});
  EXPECT_EQ(cupp::sum(m[rows], 1).get(), (std::vector<double>{11, 3}));
  // a selection as where's condition and in a compound assignment
  auto flags = cupp::asarray<bool>({true, false, true, true});
  auto pick = cupp::asarray<std::int64_t>({0, 1, 3});
  EXPECT_EQ(cupp::where(flags[pick], 1, 0).eval().get(), (std::vector<std::int64_t>{1, 0, 1}));
  auto acc = cupp::zeros<float>({4});
  acc += r[cupp::asarray<std::int64_t>({1, 3, 5, 0})];
  EXPECT_EQ(acc.get(), (std::vector<float>{4.0f, 9.0f, 0.25f, -2.0f}));
}

TEST_F(Operands, EmptyAndZeroDimensionalSelections) {
  auto r = cupp::asarray<double>({-1, -2, -3});
  auto none = r[r > 0];  // (0,)
  EXPECT_EQ(cupp::exp(none).shape(), (shape_t{0}));
  EXPECT_EQ(cupp::exp(none).eval().size(), 0);
  EXPECT_EQ(cupp::sum(none).item(), 0.0);
  EXPECT_THROW(cupp::max(none), cupp::value_error);  // zero-size array to reduction ...
  auto k = cupp::asarray<std::int64_t>({1})(0);  // a 0-d index array: a 0-d selection
  auto one = r[k];
  EXPECT_EQ((one + 1.0).shape(), shape_t{});
  EXPECT_EQ((one + 1.0).eval().item(), -1.0);
}

TEST_F(Operands, SelectionOfTheSameDtypeIsAssignedThrough) {
  // a[i] = b[j] with one dtype writes a (the implicit copy assignment of the temporary used to
  // take the call and write nothing).
  auto a = cupp::zeros<float>({4});
  auto b = cupp::asarray<float>({10, 20, 30});
  a[cupp::asarray<std::int64_t>({3, 0})] = b[cupp::asarray<std::int64_t>({1, 2})];
  EXPECT_EQ(a.get(), (std::vector<float>{30, 0, 0, 20}));
}

// ---- ufuncs of plain scalars -----------------------------------------------------------------

TEST_F(Operands, UfuncsOfScalarsAreZeroDimensionalArrays) {
  // example-begin scalar_ufunc
  auto e = cupp::exp(1.0);         // 0-d float64, as cupy.exp(1.0)
  auto s = cupp::add(1, 2.5);      // 0-d float64: 3.5
  auto m = cupp::maximum(3, 4);    // 0-d int64: 4
  // example-end
  EXPECT_EQ(e.shape(), shape_t{});
  EXPECT_DOUBLE_EQ(e.item(), std::exp(1.0));
  EXPECT_EQ(s.item(), 3.5);
  EXPECT_EQ(m.item(), 4);
  EXPECT_EQ(cupp::add(true, false).item(), true);
  EXPECT_EQ(cupp::floor_divide(-7, 2).item(), -4);  // Python's floor division
  EXPECT_EQ(cupp::remainder(-7, 2).item(), 1);      // the sign of the divisor
  EXPECT_EQ(cupp::multiply(std::complex<double>(1, 2), 2).item(), std::complex<double>(2, 4));
  EXPECT_EQ(cupp::clip(5, 0, 3).item(), 3);
  EXPECT_EQ(static_cast<float>(cupp::exp(true).item()), static_cast<float>(cupp::float16(2.71875)));
  auto out = cupp::zeros<float>({});
  cupp::sqrt(2.0, out);  // np.sqrt(2.0, out=out): float64 casts to float32 (same_kind)
  EXPECT_FLOAT_EQ(out.item(), std::sqrt(2.0f));
}

}  // namespace

