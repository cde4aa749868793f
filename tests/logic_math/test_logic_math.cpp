// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The logic and math routines on the GPU, against NumPy's results (tests/logic_math/
// make_logic_math.py keeps inputs and outputs in tests/data/logic_math/logic_math.npz) and
// against host loops.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "cupp/array.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::ndarray;
using cupp::shape_t;
using c64 = std::complex<float>;
using c128 = std::complex<double>;

class LogicMath : public cupp::test::GpuTest {
 protected:
  static const cupp::npz_file& data() {
    static const cupp::npz_file f =
        cupp::load_npz(std::string(CUPP_TEST_DATA_DIR) + "/logic_math/logic_math.npz");
    return f;
  }
  template <class T>
  static ndarray<T> in(const std::string& name) {
    return data()[name].as<T>();
  }
};

/// `got` has `want`'s shape and dtype and each element (both parts) within rtol * max|want|
/// (exactly for bool and integers); nan matches nan.
::testing::AssertionResult close(const cupp::array& got, const cupp::array& want,
                                 double rtol = 1e-12) {
  if (got.shape() != want.shape())
    return ::testing::AssertionFailure()
           << "shape " << cupp::shape_str(got.shape()) << " instead of "
           << cupp::shape_str(want.shape());
  if (got.dtype() != want.dtype())
    return ::testing::AssertionFailure() << "dtype " << cupp::dtype_name(got.dtype())
                                         << " instead of " << cupp::dtype_name(want.dtype());
  const auto g = got.get<c128>(cupp::casting::unsafe);
  const auto w = want.get<c128>(cupp::casting::unsafe);
  double big = 1.0;
  for (const c128& v : w)
    if (std::isfinite(std::abs(v))) big = std::max(big, std::abs(v));
  const bool exact = cupp::is_bool(want.dtype()) || cupp::is_integer(want.dtype());
  const double tol = exact ? 0.0 : rtol * big;
  std::ostringstream os;
  int bad = 0;
  for (std::size_t i = 0; i < g.size(); ++i) {
    auto same = [&](double x, double y) {
      return (std::isnan(x) && std::isnan(y)) || x == y || std::abs(x - y) <= tol;
    };
    if (same(g[i].real(), w[i].real()) && same(g[i].imag(), w[i].imag())) continue;
    if (++bad <= 5) os << "\n  [" << i << "] " << g[i] << " instead of " << w[i];
  }
  if (bad == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << bad << " of " << g.size() << " differ" << os.str();
}

// ---- logic -----------------------------------------------------------------------------------------

TEST_F(LogicMath, IscloseMatchesNumPy) {
  const auto a = in<float>("close_a");
  const auto b = in<float>("close_b");
  EXPECT_TRUE(close(cupp::array(ndarray<bool>(cupp::isclose(a, b))), data()["close_default"]));
  EXPECT_TRUE(close(cupp::array(ndarray<bool>(cupp::isclose(a, b, 1e-5, 1e-8, true))),
                    data()["close_nan"]));
  EXPECT_TRUE(close(cupp::array(ndarray<bool>(cupp::isclose(a, b, 1e-3, 0.0))),
                    data()["close_tol"]));
  EXPECT_TRUE(close(cupp::array(ndarray<bool>(cupp::isclose(a, 1.0))), data()["close_scalar"]));
  // Mixed float32 and float64 (computed in float64), broadcast.
  EXPECT_TRUE(close(cupp::array(ndarray<bool>(
                        cupp::isclose(in<float>("mixed_a"), in<double>("mixed_b"), 0.0, 1e-8))),
                    data()["mixed_out"]));
  // Integers (b as float64; no overflow in |a - b|) and complex with equal_nan.
  EXPECT_TRUE(close(cupp::array(ndarray<bool>(
                        cupp::isclose(in<std::int64_t>("int_a"), in<std::int64_t>("int_b")))),
                    data()["int_out"]));
  EXPECT_TRUE(close(cupp::array(ndarray<bool>(cupp::isclose(in<c64>("complex_a"),
                                                            in<c64>("complex_b"), 1e-5, 1e-8,
                                                            true))),
                    data()["complex_out"]));
}

TEST_F(LogicMath, IscloseLayoutsAndShapes) {
  // A transposed operand against a host loop, and the 0-d and empty cases.
  const auto base = cupp::asarray<double>({1.0, 2.0, 3.0, 4.0, 5.0, 6.0}, {2, 3});
  const auto other = cupp::asarray<double>({1.0, 4.0, 2.0 + 1e-9, 5.0, 3.1, 6.0}, {3, 2});
  const ndarray<bool> r = cupp::isclose(base, other.T());
  EXPECT_EQ(r.get(), (std::vector<bool>{true, true, false, false, true, true}));
  const ndarray<bool> z = cupp::isclose(cupp::asarray<float>({1.0f}).reshape({}), 1.0);
  EXPECT_EQ(z.shape(), shape_t{});
  EXPECT_TRUE(z.item());
  const ndarray<bool> e = cupp::isclose(cupp::zeros<float>({0, 3}), cupp::ones<float>({3}));
  EXPECT_EQ(e.shape(), (shape_t{0, 3}));
  // Infinities: close only to the same infinity.
  const double inf = std::numeric_limits<double>::infinity();
  const ndarray<bool> i =
      cupp::isclose(cupp::asarray<double>({inf, inf, -inf, 1.0}), cupp::asarray<double>({inf, -inf, -inf, inf}));
  EXPECT_EQ(i.get(), (std::vector<bool>{true, false, true, false}));
}

TEST_F(LogicMath, AllcloseAndArrayEqual) {
  const auto a = in<float>("close_a");
  const auto b = in<float>("close_b");
  EXPECT_EQ(cupp::allclose(a(cupp::slice(0, 20)), b(cupp::slice(0, 20)), 1e-2),
            data()["allclose_tol"].as<bool>().item());
  EXPECT_FALSE(cupp::allclose(a, b));
  EXPECT_TRUE(cupp::allclose(a, a, 1e-5, 1e-8, true));
  EXPECT_FALSE(cupp::allclose(a, a));  // a holds nan
  EXPECT_TRUE(cupp::allclose(cupp::zeros<double>({0}), cupp::ones<double>({1})));
  const auto x = cupp::asarray<double>({1.0, std::nan(""), 3.0});
  EXPECT_FALSE(cupp::array_equal(x, x));
  EXPECT_TRUE(cupp::array_equal(x, x, true));
  EXPECT_TRUE(cupp::array_equal(x, x.copy(), true));
  EXPECT_FALSE(cupp::array_equal(x, cupp::asarray<double>({1.0, 2.0, 3.0}), true));
  const auto i = cupp::asarray<std::int32_t>({1, 2, 3, 4, 5, 6}, {2, 3});
  EXPECT_TRUE(cupp::array_equal(i, i.T().copy().T()));
  EXPECT_TRUE(cupp::array_equal(i, i.astype<double>()));
  EXPECT_FALSE(cupp::array_equal(i, i.T()));
  // Complex with a nan in either part: equal under equal_nan, as NumPy.
  const auto c1 = cupp::asarray<c128>({c128(1, 1), c128(std::nan(""), 0)});
  const auto c2 = cupp::asarray<c128>({c128(1, 1), c128(0, std::nan(""))});
  EXPECT_TRUE(cupp::array_equal(c1, c2, true));
  EXPECT_FALSE(cupp::array_equal(c1, c2));
  // array_equiv broadcasts.
  EXPECT_TRUE(cupp::array_equiv(cupp::asarray<int>({1, 2}), cupp::asarray<int>({1, 2, 1, 2}, {2, 2})));
  EXPECT_FALSE(cupp::array_equiv(cupp::asarray<int>({1, 2}), cupp::asarray<int>({1, 2, 1, 3}, {2, 2})));
  EXPECT_FALSE(cupp::array_equiv(cupp::asarray<int>({1, 2}), cupp::asarray<int>({1, 2, 3})));
  EXPECT_TRUE(cupp::array_equiv(cupp::zeros<float>({0, 2}), cupp::zeros<float>({2})));
}

TEST_F(LogicMath, TypeTestsAndInfinities) {
  const auto c = cupp::asarray<c64>({c64(1, 0), c64(2, 1), c64(0, -1e-30f)});
  EXPECT_EQ(ndarray<bool>(cupp::iscomplex(c)).get(), (std::vector<bool>{false, true, true}));
  EXPECT_EQ(ndarray<bool>(cupp::isreal(c)).get(), (std::vector<bool>{true, false, false}));
  EXPECT_EQ(ndarray<bool>(cupp::isreal(cupp::asarray<int>({1, 2}))).get(),
            (std::vector<bool>{true, true}));
  EXPECT_EQ(ndarray<bool>(cupp::iscomplex(cupp::asarray<double>({1.0}))).get(),
            (std::vector<bool>{false}));
  const double inf = std::numeric_limits<double>::infinity();
  const auto v = cupp::asarray<double>({-inf, inf, 1.0, std::nan(""), -0.0});
  EXPECT_EQ(ndarray<bool>(cupp::isneginf(v)).get(),
            (std::vector<bool>{true, false, false, false, false}));
  EXPECT_EQ(ndarray<bool>(cupp::isposinf(v(cupp::slice(std::nullopt, std::nullopt, -1)))).get(),
            (std::vector<bool>{false, false, false, true, false}));
  EXPECT_EQ(ndarray<bool>(cupp::isposinf(cupp::asarray<std::int8_t>({127, -128}))).get(),
            (std::vector<bool>{false, false}));
  const auto h = cupp::asarray<cupp::float16>({cupp::float16(-inf), cupp::float16(1.0)});
  EXPECT_EQ(ndarray<bool>(cupp::isneginf(h)).get(), (std::vector<bool>{true, false}));
}

// ---- math ------------------------------------------------------------------------------------------

TEST_F(LogicMath, GradientMatchesNumPy) {
  const auto f = in<double>("grad_f");
  const auto x = in<double>("grad_x");
  auto g = cupp::gradient(f);
  ASSERT_EQ(g.size(), 2u);
  EXPECT_TRUE(close(cupp::array(g[0]), data()["grad_default_0"]));
  EXPECT_TRUE(close(cupp::array(g[1]), data()["grad_default_1"]));
  g = cupp::gradient(f, {2.0}, {}, 2);
  EXPECT_TRUE(close(cupp::array(g[0]), data()["grad_step2_0"]));
  EXPECT_TRUE(close(cupp::array(g[1]), data()["grad_step2_1"]));
  g = cupp::gradient(f, {x, 0.25});
  EXPECT_TRUE(close(cupp::array(g[0]), data()["grad_coords1_0"]));
  EXPECT_TRUE(close(cupp::array(g[1]), data()["grad_coords1_1"]));
  g = cupp::gradient(f, {x, 0.25}, {}, 2);
  EXPECT_TRUE(close(cupp::array(g[0]), data()["grad_coords2_0"]));
  EXPECT_TRUE(close(cupp::array(g[1]), data()["grad_coords2_1"]));
  g = cupp::gradient(f, {}, 1);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_TRUE(close(cupp::array(g[0]), data()["grad_axis1"]));
  // Integers give float64; a transposed input gives the transposed gradients.
  const auto fi = in<std::int32_t>("grad_int");
  g = cupp::gradient(fi);
  EXPECT_TRUE(close(cupp::array(g[0]), data()["grad_int_0"]));
  EXPECT_TRUE(close(cupp::array(g[1]), data()["grad_int_1"]));
  const auto gt = cupp::gradient(f.T());
  EXPECT_TRUE(close(cupp::array(gt[1].T().copy()), data()["grad_default_0"]));
  // float32 stays float32.
  const auto g32 = cupp::gradient(f.astype<float>(), {}, 0);
  EXPECT_TRUE(close(cupp::array(g32[0].astype<double>()), data()["grad_default_0"], 1e-5));
}

TEST_F(LogicMath, CrossMatchesNumPy) {
  const auto a3 = in<double>("cross_a3"), b3 = in<double>("cross_b3");
  const auto a2 = in<double>("cross_a2"), b2 = in<double>("cross_b2");
  EXPECT_TRUE(close(cupp::array(cupp::cross(a3, b3)), data()["cross_33"]));
  EXPECT_TRUE(close(cupp::array(cupp::cross(a2, b2)), data()["cross_22"]));
  EXPECT_TRUE(close(cupp::array(cupp::cross(a2, b3)), data()["cross_23"]));
  EXPECT_TRUE(close(cupp::array(cupp::cross(a3, b2)), data()["cross_32"]));
  // Vectors along axis 0 of a transposed operand, broadcast against one vector, out along 0.
  const ndarray<double> b0 = b3(0);
  EXPECT_TRUE(close(cupp::array(cupp::cross(a3.T(), b0, 0, -1, 0)), data()["cross_axes"]));
  const auto ci = in<std::int32_t>("cross_int");
  EXPECT_TRUE(close(cupp::array(cupp::cross(ci, ci(cupp::slice(std::nullopt, std::nullopt, -1)))),
                    data()["cross_int_out"]));
  // float32 against a host loop: (1, 2, 3) x (4, 5, 6) = (-3, 6, -3).
  const auto r = cupp::cross(cupp::asarray<float>({1, 2, 3}), cupp::asarray<float>({4, 5, 6}));
  EXPECT_EQ(r.get(), (std::vector<float>{-3, 6, -3}));
  EXPECT_EQ(cupp::cross(cupp::zeros<float>({0, 3}), cupp::zeros<float>({3})).shape(),
            (shape_t{0, 3}));
}

TEST_F(LogicMath, TrapezoidMatchesNumPy) {
  const auto y = in<double>("trap_y");
  EXPECT_TRUE(close(cupp::array(cupp::trapezoid(y, 0.5, 0)), data()["trap_dx"]));
  EXPECT_TRUE(close(cupp::array(cupp::trapezoid(y, in<double>("trap_x"))), data()["trap_x1"]));
  EXPECT_TRUE(close(cupp::array(cupp::trapezoid(y, in<double>("trap_x2"), -1)),
                    data()["trap_x2_out"]));
  EXPECT_TRUE(close(cupp::array(cupp::trapezoid(in<std::int16_t>("trap_int"))),
                    data()["trap_int_out"]));
  // Transposed input: the same as the copy; an empty axis integrates to 0.
  EXPECT_TRUE(close(cupp::array(cupp::trapezoid(y.T(), 0.5, 1)), data()["trap_dx"]));
  EXPECT_EQ(cupp::trapezoid(cupp::zeros<float>({0})).item(), 0.0f);
}

TEST_F(LogicMath, UnwrapMatchesNumPy) {
  const auto p = in<double>("unwrap_p");
  EXPECT_TRUE(close(cupp::array(cupp::unwrap(p)), data()["unwrap_out"]));
  EXPECT_TRUE(close(cupp::array(cupp::unwrap(p, 4.0)), data()["unwrap_disc"]));
  const auto d = in<float>("unwrap_deg");
  EXPECT_TRUE(close(cupp::array(cupp::unwrap(d, std::nullopt, 1, 360.0)),
                    data()["unwrap_deg_out"], 1e-6));
  EXPECT_TRUE(close(cupp::array(cupp::unwrap(d, std::nullopt, 0, 360.0)),
                    data()["unwrap_deg_axis0"], 1e-6));
}

TEST_F(LogicMath, Ediff1dAndCumulative) {
  const auto e = in<std::int8_t>("ediff_a");
  EXPECT_TRUE(close(cupp::array(cupp::ediff1d(e, cupp::asarray<std::int64_t>({100}),
                                              cupp::asarray<std::int8_t>({-3, 4}))),
                    data()["ediff_out"]));
  EXPECT_TRUE(close(cupp::array(cupp::ediff1d(e)), data()["ediff_plain"]));
  EXPECT_EQ(cupp::ediff1d(cupp::asarray<float>({2.0f})).shape(), (shape_t{0}));
  const auto c = in<std::int8_t>("cum_a");
  EXPECT_TRUE(close(cupp::array(cupp::cumulative_sum(c, 1, true)), data()["cum_sum_init"]));
  EXPECT_TRUE(close(cupp::array(cupp::cumulative_prod(c, 0)), data()["cum_prod_axis0"]));
  const auto f = in<float>("cum_f");
  EXPECT_TRUE(close(cupp::array(cupp::cumulative_sum(f, std::nullopt, true)), data()["cum_f_init"],
                    1e-6));
  EXPECT_TRUE(close(cupp::array(cupp::cumulative_prod(f, std::nullopt, true)),
                    data()["cum_f_prod_init"], 1e-6));
  // 0-d is seen as 1-D; dtype= picks the accumulator.
  const auto z = cupp::cumulative_sum(cupp::asarray<float>({3.0f}).reshape({}));
  EXPECT_EQ(z.shape(), (shape_t{1}));
  EXPECT_EQ(z.item(), 3.0f);
  EXPECT_EQ(cupp::cumulative_sum<double>(cupp::asarray<int>({1, 2}), 0, true).get(),
            (std::vector<double>{0, 1, 3}));
  EXPECT_EQ(cupp::cumulative_sum(cupp::zeros<float>({0}), 0, true).get(), (std::vector<float>{0}));
}

TEST_F(LogicMath, InterpMatchesNumPy) {
  const auto x = in<float>("interp_x");
  const auto xp = in<double>("interp_xp");
  const auto fp = in<double>("interp_fp");
  EXPECT_TRUE(close(cupp::array(cupp::interp(x, xp, fp)), data()["interp_out"]));
  EXPECT_TRUE(close(cupp::array(cupp::interp(x, xp, fp, -10.0, 10.0)), data()["interp_lr"]));
  const auto fc = in<c128>("interp_fc");
  EXPECT_TRUE(close(cupp::array(cupp::interp(x, xp, fc)), data()["interp_complex"]));
  EXPECT_TRUE(close(cupp::array(cupp::interp(x, xp, fc, c128(1, 2), c128(0, -1))),
                    data()["interp_complex_lr"]));
  EXPECT_TRUE(close(cupp::array(cupp::interp(in<double>("interp_xper"), in<double>("interp_xpp"),
                                             in<double>("interp_fpp"), std::nullopt,
                                             std::nullopt, 360.0)),
                    data()["interp_period"]));
  // A strided x and float32 sample points; one sample point; no points.
  const ndarray<float> xs = x(cupp::slice(std::nullopt, std::nullopt, 3));
  const auto want = cupp::interp(xs.copy(), xp, fp).get();
  EXPECT_EQ(cupp::interp(xs, xp, fp).get(), want);
  const auto one = cupp::interp(cupp::asarray<double>({-1.0, 0.0, 1.0}),
                                cupp::asarray<float>({0.0f}), cupp::asarray<float>({5.0f}), 1.0, 9.0);
  EXPECT_EQ(one.get(), (std::vector<double>{1.0, 5.0, 9.0}));
  EXPECT_EQ(cupp::interp(cupp::zeros<double>({0, 2}), xp, fp).shape(), (shape_t{0, 2}));
}

TEST_F(LogicMath, RealIfCloseAndI0) {
  const cupp::array r = cupp::real_if_close(in<c128>("ric_a"));
  EXPECT_EQ(r.dtype(), cupp::dtype::float64);
  EXPECT_TRUE(close(r, data()["ric_out"]));
  const cupp::array k = cupp::real_if_close(cupp::asarray<c64>({c64(1, 1e-3f)}));
  EXPECT_EQ(k.dtype(), cupp::dtype::complex64);
  EXPECT_EQ(cupp::real_if_close(cupp::asarray<float>({1.0f})).dtype(), cupp::dtype::float32);
  const auto x = in<double>("i0_x");
  EXPECT_TRUE(close(cupp::array(ndarray<double>(cupp::i0(x))), data()["i0_out"], 1e-14));
  EXPECT_TRUE(close(cupp::array(ndarray<float>(cupp::i0(x.astype<float>())).astype<double>()),
                    data()["i0_out"], 1e-5));
  const ndarray<cupp::float16> h = cupp::i0(cupp::asarray<cupp::float16>({cupp::float16(1.0)}));
  EXPECT_NEAR(static_cast<double>(h.item()), 1.2660658777520082, 1e-3);
}

}  // namespace
