// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The logic and math routines without a GPU: result dtypes and shapes of the lazy expressions,
// every argument check that comes before device work (in NumPy's words), gradient's host
// arithmetic, and the generated kernels through NVRTC.
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "../core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/jit/compiler.hpp"
#include "support/shaped.hpp"

namespace {

using cupp::ndarray;
using cupp::shape_t;
using cupp::test::shaped;
using cupp::test::throws_exactly;
using c64 = std::complex<float>;
using c128 = std::complex<double>;

// The dtype of an operand expression, at compile time.
#define DT(e) (cupp::expr::operand<std::decay_t<decltype(e)>>::dt)

TEST(LogicHost, IscloseIsOneLazyBoolExpression) {
  const auto a = shaped<float>({4, 3});
  const auto b = shaped<float>({3});
  const auto e = cupp::isclose(a, b);
  static_assert(cupp::expr::is_node_v<std::decay_t<decltype(e)>>);
  static_assert(DT(e) == cupp::dtype::bool_);
  EXPECT_EQ(e.shape(), (shape_t{4, 3}));
  // NumPy 2: float32 operands compute in float32, a float64 one makes the test float64, an
  // integer b becomes float64 (result_type(b, 1.0)).
  using cupp::expr::operand;
  static_assert(std::decay_t<decltype(cupp::detail::inexact_operand(shaped<std::int8_t>({2})))>::result ==
                cupp::dtype::float64);
  static_assert(std::decay_t<decltype(cupp::detail::inexact_operand(shaped<cupp::float16>({2})))>::result ==
                cupp::dtype::float16);
  static_assert(std::decay_t<decltype(cupp::detail::inexact_operand(shaped<c64>({2})))>::result ==
                cupp::dtype::complex64);
  static_assert(std::is_same_v<decltype(cupp::detail::inexact_operand(3)), double>);
  EXPECT_EQ(cupp::isclose(shaped<std::int32_t>({2, 1}), 1).shape(), (shape_t{2, 1}));
  EXPECT_EQ(cupp::isclose(2.0, shaped<double>({5})).shape(), (shape_t{5}));
  EXPECT_EQ(cupp::isclose(shaped<c128>({0}), shaped<float>({1}), 1e-3, 0, true).shape(),
            (shape_t{0}));
  EXPECT_THROW(cupp::isclose(shaped<float>({2}), shaped<float>({3})), cupp::broadcast_error);
}

TEST(LogicHost, ShapeOnlyAnswers) {
  // array_equal compares shapes first and answers false without device work.
  EXPECT_FALSE(cupp::array_equal(shaped<float>({2, 3}), shaped<float>({3, 2})));
  EXPECT_FALSE(cupp::array_equal(shaped<int>({3}), shaped<float>({1, 3}), true));
  // array_equiv: shapes that do not broadcast are not equivalent (no exception).
  EXPECT_FALSE(cupp::array_equiv(shaped<float>({2, 3}), shaped<float>({2})));
  EXPECT_TRUE(cupp::detail::shapes_broadcast({2, 3}, {3}));
  EXPECT_TRUE(cupp::detail::shapes_broadcast({}, {0}));
  EXPECT_FALSE(cupp::detail::shapes_broadcast({4, 1}, {2, 3}));
}

TEST(LogicHost, TypeTests) {
  EXPECT_TRUE(cupp::iscomplexobj(shaped<c64>({2})));
  EXPECT_TRUE(cupp::iscomplexobj(shaped<c128>({})));
  EXPECT_FALSE(cupp::iscomplexobj(shaped<double>({2})));
  EXPECT_TRUE(cupp::isrealobj(shaped<std::uint8_t>({2})));
  EXPECT_TRUE(cupp::iscomplexobj(c64(1, 0)));
  EXPECT_TRUE(cupp::isrealobj(1.5));
  EXPECT_TRUE(cupp::isscalar(3));
  EXPECT_TRUE(cupp::isscalar(c128(1, 2)));
  EXPECT_TRUE(cupp::isscalar(cupp::float16(1.0)));
  EXPECT_FALSE(cupp::isscalar(shaped<float>({})));
  EXPECT_FALSE(cupp::isscalar(shaped<float>({3}) + 1));
  // isfortran: F-contiguous and not C-contiguous.
  EXPECT_FALSE(cupp::isfortran(shaped<float>({3, 4})));
  EXPECT_TRUE(cupp::isfortran(shaped<float>({3, 4}).T()));
  EXPECT_FALSE(cupp::isfortran(shaped<float>({5})));
  EXPECT_FALSE(cupp::isfortran(shaped<float>({1, 4}).T()));
  // The elementwise tests are lazy bool expressions of the operand's shape.
  const auto c = shaped<c64>({2, 3});
  static_assert(DT(cupp::iscomplex(c)) == cupp::dtype::bool_);
  static_assert(DT(cupp::isreal(shaped<int>({2}))) == cupp::dtype::bool_);
  EXPECT_EQ(cupp::isreal(c).shape(), (shape_t{2, 3}));
  static_assert(DT(cupp::isneginf(shaped<float>({2}))) == cupp::dtype::bool_);
  EXPECT_EQ(cupp::isposinf(shaped<std::int16_t>({4, 1})).shape(), (shape_t{4, 1}));
}

TEST(MathHost, ResultDtypes) {
  static_assert(std::is_same_v<decltype(cupp::cumulative_sum(shaped<std::int8_t>({3}))),
                               ndarray<std::int64_t>>);
  static_assert(std::is_same_v<decltype(cupp::cumulative_prod(shaped<std::uint16_t>({3}))),
                               ndarray<std::uint64_t>>);
  static_assert(std::is_same_v<decltype(cupp::cumulative_sum(shaped<float>({3}))), ndarray<float>>);
  static_assert(std::is_same_v<decltype(cupp::cumulative_sum<double>(shaped<int>({3}))),
                               ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::ediff1d(shaped<std::int8_t>({3}))),
                               ndarray<std::int8_t>>);
  static_assert(std::is_same_v<decltype(cupp::trapezoid(shaped<float>({3}))), ndarray<float>>);
  static_assert(std::is_same_v<decltype(cupp::trapezoid(shaped<std::int8_t>({3}))), ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::trapezoid(shaped<float>({3}), shaped<double>({3}))),
                               ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::unwrap(shaped<float>({3}))), ndarray<float>>);
  static_assert(std::is_same_v<decltype(cupp::unwrap(shaped<std::int8_t>({3}))), ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::unwrap(shaped<cupp::float16>({3}))),
                               ndarray<cupp::float16>>);
  static_assert(std::is_same_v<decltype(cupp::cross(shaped<std::int8_t>({3}), shaped<std::uint8_t>({3}))),
                               ndarray<std::int16_t>>);
  static_assert(std::is_same_v<decltype(cupp::cross(shaped<float>({3}), shaped<c128>({3}))),
                               ndarray<c128>>);
  static_assert(std::is_same_v<decltype(cupp::gradient(shaped<std::int32_t>({3}))),
                               std::vector<ndarray<double>>>);
  static_assert(std::is_same_v<decltype(cupp::gradient(shaped<cupp::float16>({3}))),
                               std::vector<ndarray<cupp::float16>>>);
  static_assert(std::is_same_v<decltype(cupp::interp(shaped<float>({3}), shaped<float>({3}),
                                                     shaped<float>({3}))),
                               ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::interp(shaped<float>({3}), shaped<double>({3}),
                                                     shaped<c64>({3}))),
                               ndarray<c128>>);
  static_assert(DT(cupp::i0(shaped<float>({3}))) == cupp::dtype::float32);
  static_assert(DT(cupp::i0(shaped<std::int8_t>({3}))) == cupp::dtype::float64);
  static_assert(DT(cupp::i0(shaped<double>({3}))) == cupp::dtype::float64);
  static_assert(std::is_same_v<decltype(cupp::i0(shaped<cupp::float16>({3}))),
                               ndarray<cupp::float16>>);
}

TEST(MathHost, CumulativeAxis) {
  EXPECT_EQ(cupp::detail::cumulative_axis(1, std::nullopt), 0);
  EXPECT_EQ(cupp::detail::cumulative_axis(3, -1), 2);
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] { cupp::detail::cumulative_axis(2, std::nullopt); },
      "For arrays which have more than one dimension ``axis`` argument is required."));
  EXPECT_TRUE(throws_exactly<cupp::axis_error>(
      [] { cupp::cumulative_sum(shaped<float>({2, 2}), 2); },
      "axis 2 is out of bounds for array of dimension 2"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] { cupp::cumulative_prod(shaped<float>({2, 2})); },
      "For arrays which have more than one dimension ``axis`` argument is required."));
}

TEST(MathHost, Ediff1dCasts) {
  EXPECT_TRUE(throws_exactly<cupp::type_error>(
      [] {
        cupp::ediff1d(shaped<std::int8_t>({3}), shaped<std::int8_t>({1}), shaped<double>({1}));
      },
      "dtype of `to_begin` must be compatible with input `ary` under the `same_kind` rule."));
  EXPECT_TRUE(throws_exactly<cupp::type_error>(
      [] { cupp::ediff1d(shaped<std::int8_t>({3}), shaped<float>({1})); },
      "dtype of `to_end` must be compatible with input `ary` under the `same_kind` rule."));
  EXPECT_NO_THROW(cupp::detail::check_ediff1d_cast(cupp::dtype::int64, cupp::dtype::int8, "to_end"));
}

TEST(MathHost, CrossPlan) {
  using cupp::detail::plan_cross;
  auto p = plan_cross({5, 3}, {3}, -1, -1, -1);
  EXPECT_EQ(p.shape, (shape_t{5, 3}));
  EXPECT_EQ(p.na, 3);
  EXPECT_EQ(p.axisc, 1);
  p = plan_cross({2, 4}, {1, 2}, 0, 1, -1);
  EXPECT_EQ(p.shape, (shape_t{4}));
  EXPECT_EQ(p.na, 2);
  EXPECT_EQ(p.nb, 2);
  p = plan_cross({3, 1, 6}, {2, 6}, 0, 0, 0);
  EXPECT_EQ(p.shape, (shape_t{1, 6, 3}));
  EXPECT_EQ(p.axisc, 0);
  EXPECT_TRUE(throws_exactly<cupp::value_error>([] { plan_cross({2}, {4}, -1, -1, -1); },
                                                "incompatible dimensions for cross product\n"
                                                "(dimension must be 2 or 3)"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([] { plan_cross({}, {3}, -1, -1, -1); },
                                                "At least one array has zero dimension"));
  EXPECT_TRUE(throws_exactly<cupp::axis_error>(
      [] { plan_cross({3}, {3}, 2, -1, -1); },
      "axisa: axis 2 is out of bounds for array of dimension 1"));
  EXPECT_TRUE(throws_exactly<cupp::axis_error>(
      [] { plan_cross({3}, {3}, -1, -2, -1); },
      "axisb: axis -2 is out of bounds for array of dimension 1"));
  EXPECT_TRUE(throws_exactly<cupp::axis_error>(
      [] { plan_cross({2, 3}, {2, 3}, -1, -1, 2); },
      "axisc: axis 2 is out of bounds for array of dimension 2"));
  EXPECT_THROW(plan_cross({4, 3}, {5, 3}, -1, -1, -1), cupp::broadcast_error);
  // Through cupp::cross: axis= sets all three.
  EXPECT_TRUE(throws_exactly<cupp::axis_error>(
      [] { cupp::cross(shaped<float>({2, 3}), shaped<float>({2, 3}), -1, -1, -1, 2); },
      "axisa: axis 2 is out of bounds for array of dimension 2"));
}

TEST(MathHost, GradientChecks) {
  using cupp::detail::gradient_axes;
  EXPECT_EQ(gradient_axes({3, 4}, {}, 0, {}, {}, 1), (std::vector<std::int64_t>{0, 1}));
  EXPECT_EQ(gradient_axes({3, 4}, -1, 1, {0}, {1}, 2), (std::vector<std::int64_t>{1}));
  EXPECT_TRUE(gradient_axes({}, {}, 0, {}, {}, 1).empty());
  EXPECT_TRUE(throws_exactly<cupp::type_error>(
      [] { gradient_axes({3}, {}, 2, {0, 0}, {1, 1}, 1); }, "invalid number of arguments"));
  EXPECT_TRUE(throws_exactly<cupp::type_error>(
      [] { gradient_axes({3, 3}, {}, 1, {2}, {9}, 1); }, "invalid number of arguments"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] { gradient_axes({3}, {}, 1, {2}, {9}, 1); }, "distances must be either scalars or 1d"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] { gradient_axes({3}, {}, 1, {1}, {4}, 1); },
      "when 1d, distances must match the length of the corresponding dimension"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] { gradient_axes({3}, {}, 0, {}, {}, 3); }, "'edge_order' greater than 2 not supported"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] { gradient_axes({2}, {}, 0, {}, {}, 2); },
      "Shape of array too small to calculate a numerical gradient, at least (edge_order + 1) "
      "elements are required."));
  EXPECT_TRUE(throws_exactly<cupp::axis_error>(
      [] { gradient_axes({3, 2}, 2, 0, {}, {}, 1); },
      "axis 2 is out of bounds for array of dimension 2"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] { gradient_axes({3, 2}, {0, -2}, 0, {}, {}, 1); }, "repeated axis"));
  // Through cupp::gradient, before any device work.
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] { cupp::gradient(shaped<float>({3}), {}, {}, 3); },
      "'edge_order' greater than 2 not supported"));
  EXPECT_TRUE(throws_exactly<cupp::type_error>(
      [] { cupp::gradient(shaped<float>({3}), {1.0, 2.0}); }, "invalid number of arguments"));
  EXPECT_TRUE(cupp::gradient(shaped<float>({})).empty());
}

TEST(MathHost, GradientSpacing) {
  using cupp::detail::gradient_spacing_of;
  auto s = gradient_spacing_of({0.5}, true, cupp::dtype::float64);
  EXPECT_TRUE(s.uniform);
  EXPECT_EQ(s.step, 0.5);
  s = gradient_spacing_of({1, 3, 5, 7}, false, cupp::dtype::float64);  // equal steps: a step
  EXPECT_TRUE(s.uniform);
  EXPECT_EQ(s.step, 2.0);
  s = gradient_spacing_of({0, 1, 3, 7}, false, cupp::dtype::float64);
  EXPECT_FALSE(s.uniform);
  EXPECT_EQ(s.diffs, (std::vector<double>{1, 2, 4}));
  // NumPy's coefficients for dx1 = 1, dx2 = 2: a = -2/3, b = 1/2, c = 1/6.
  const auto c = cupp::detail::gradient_interior_coefficients(s.diffs);
  ASSERT_EQ(c[0].size(), 2u);
  EXPECT_DOUBLE_EQ(c[0][0], -2.0 / 3);
  EXPECT_DOUBLE_EQ(c[1][0], 0.5);
  EXPECT_DOUBLE_EQ(c[2][0], 1.0 / 6);
  // Second-order edges: at the start dx1 = 1, dx2 = 2; at the end dx1 = 2, dx2 = 4.
  const auto e = cupp::detail::gradient_edge_coefficients(s);
  EXPECT_DOUBLE_EQ(e[0], -(2. + 2.) / (1. * 3.));
  EXPECT_DOUBLE_EQ(e[1], 3. / 2.);
  EXPECT_DOUBLE_EQ(e[2], -1. / (2. * 3.));
  EXPECT_DOUBLE_EQ(e[3], 4. / (2. * 6.));
  EXPECT_DOUBLE_EQ(e[4], -6. / 8.);
  EXPECT_DOUBLE_EQ(e[5], (8. + 2.) / (4. * 6.));
}

TEST(MathHost, InterpChecks) {
  using cupp::detail::check_interp;
  using cupp::detail::check_interp_period;
  EXPECT_TRUE(throws_exactly<cupp::value_error>([] { check_interp(1, 2, 2, 2); },
                                                "object too deep for desired array"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([] { check_interp(0, 1, 1, 1); },
                                                "object of too small depth for desired array"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([] { check_interp(1, 0, 1, 0); },
                                                "array of sample points is empty"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([] { check_interp(1, 2, 1, 3); },
                                                "fp and xp are not of the same length."));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([] { check_interp_period(0.0, 1, 2, 1, 2); },
                                                "period must be a non-zero value"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([] { check_interp_period(1.0, 2, 2, 1, 2); },
                                                "Data points must be 1-D sequences"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>([] { check_interp_period(1.0, 1, 2, 1, 3); },
                                                "fp and xp are not of the same length"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] { cupp::interp(shaped<float>({4}), shaped<float>({2, 2}), shaped<float>({4})); },
      "object too deep for desired array"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] {
        cupp::interp(shaped<float>({4}), shaped<float>({2}), shaped<float>({2}), std::nullopt,
                     std::nullopt, 0.0);
      },
      "period must be a non-zero value"));
}

TEST(MathHost, OtherChecks) {
  EXPECT_TRUE(throws_exactly<cupp::axis_error>(
      [] { cupp::trapezoid(shaped<float>({3}), 1.0, 1); },
      "axis 1 is out of bounds for array of dimension 1"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [] { cupp::unwrap(shaped<double>({})); },
      "diff requires input that is at least one dimensional"));
  EXPECT_TRUE(throws_exactly<cupp::axis_error>(
      [] { cupp::unwrap(shaped<double>({3}), std::nullopt, 1); },
      "axis 1 is out of bounds for array of dimension 1"));
}

}  // namespace

namespace {

// The generated kernels, through NVRTC for sm_90 (no GPU needed): isclose as one elementwise
// kernel and allclose as one reduction, for several mixes of dtypes, and interp's kernel.
template <class E>
void compiles_fused(const E& /*e*/) {
  using N = std::decay_t<E>;
  EXPECT_NO_THROW(cupp::expr::family_of<N>().compile(cupp::dtype::bool_, 0, false, 90));
  using cupp::expr::red_all;
  const std::string r = cupp::expr::reduce_family_of<N, red_all, cupp::dtype::bool_>().source(
      cupp::dtype::bool_, 0, 1, cupp::expr::detail::reduce_mode::inner_vector, false);
  EXPECT_NO_THROW((void)cupp::jit::get_default_compiler().compile(r, {}, {}, 90));
}

TEST(LogicMathCompile, IscloseAndAllcloseKernelsCompile) {
  compiles_fused(cupp::isclose(shaped<float>({3}), shaped<float>({3})));
  compiles_fused(cupp::isclose(shaped<float>({3}), shaped<double>({3})));
  compiles_fused(cupp::isclose(shaped<c64>({3}), shaped<c64>({3})));
  compiles_fused(cupp::isclose(shaped<cupp::float16>({3}), 1.0));
  compiles_fused(cupp::isclose(2, shaped<cupp::bfloat16>({3})));
}

TEST(LogicMathCompile, InterpKernelsCompile) {
  auto& compiler = cupp::jit::get_default_compiler();
  // The points' dtypes differ only in how they are read: float16 and int64 stand for the rest.
  for (cupp::dtype x : {cupp::dtype::float32, cupp::dtype::float16, cupp::dtype::int64}) {
    for (cupp::dtype fp : {cupp::dtype::float64, cupp::dtype::complex128}) {
      const std::string s = cupp::detail::interp_kernel_source(x, fp);
      std::shared_ptr<const cupp::jit::compiled_module> m;
      EXPECT_NO_THROW(m = compiler.compile(s, {}, {}, 90)) << s;
      const std::string name =
          std::string("cupp_interp_") + cupp::dtype_name(x) + "_" + cupp::dtype_name(fp);
      if (m) {
        EXPECT_NE(m->image.find(name), std::string::npos) << name;
      }
    }
  }
}

}  // namespace
