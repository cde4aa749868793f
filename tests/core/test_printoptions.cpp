// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Print options, array2string, array_str and format_float_* on host data, against NumPy 2.x's
// strings: each expected string is one that NumPy's documentation or its test suite
// (numpy/_core/tests/test_arrayprint.py, test_scalarprint.py) gives for the array in the comment.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "core/throws.hpp"
#include "cupp/core/dtype.hpp"
#include "cupp/core/printoptions.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/detail/format.hpp"

namespace {

using cupp::printoptions;

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

template <class T>
cupp::shape_t flat(const std::vector<T>& v) {
  return {static_cast<std::int64_t>(v.size())};
}
template <class T>
std::string repr(const std::vector<T>& v, const printoptions& o, cupp::shape_t shape = {}) {
  if (shape.empty()) shape = flat(v);
  return cupp::detail::format_repr(v.data(), cupp::dtype_of<T>, shape, o);
}
template <class T>
std::string repr0(const T& v, const printoptions& o) {
  return cupp::detail::format_repr(&v, cupp::dtype_of<T>, {}, o);
}
template <class T>
std::string str(const std::vector<T>& v, const printoptions& o = {}, cupp::shape_t shape = {}) {
  if (shape.empty()) shape = flat(v);
  return cupp::detail::format_str(v.data(), cupp::dtype_of<T>, shape, o);
}
template <class T>
std::string str0(const T& v) {
  return cupp::detail::format_str(&v, cupp::dtype_of<T>, {}, printoptions{});
}
template <class T>
std::string a2s(const std::vector<T>& v, const printoptions& o, const std::string& separator = " ",
                cupp::shape_t shape = {}) {
  if (shape.empty()) shape = flat(v);
  return cupp::detail::format_array2string(v.data(), cupp::dtype_of<T>, shape, o, separator, "",
                                           "");
}
std::vector<std::int64_t> arange(std::int64_t n) {
  std::vector<std::int64_t> v;
  for (std::int64_t i = 0; i < n; ++i) v.push_back(i);
  return v;
}
printoptions with_precision(int p) {
  printoptions o;
  o.precision = p;
  return o;
}
printoptions with_sign(char s) {
  printoptions o;
  o.sign = s;
  return o;
}
printoptions with_floatmode(const std::string& mode, int precision) {
  printoptions o;
  o.floatmode = mode;
  o.precision = precision;
  return o;
}

TEST(PrintOptions, DefaultsAreNumpys) {
  // np.get_printoptions() of NumPy 2.
  const printoptions o = cupp::get_printoptions();
  EXPECT_EQ(o.precision, 8);
  EXPECT_EQ(o.threshold, 1000);
  EXPECT_EQ(o.edgeitems, 3);
  EXPECT_EQ(o.linewidth, 75);
  EXPECT_FALSE(o.suppress);
  EXPECT_EQ(o.nanstr, "nan");
  EXPECT_EQ(o.infstr, "inf");
  EXPECT_EQ(o.sign, '-');
  EXPECT_EQ(o.floatmode, "maxprec");
}

TEST(PrintOptions, SetAndGet) {
  // np.set_printoptions(linewidth=100); np.get_printoptions()['linewidth'] == 100
  const printoptions saved = cupp::get_printoptions();
  printoptions o = saved;
  o.linewidth = 100;
  cupp::set_printoptions(o);
  EXPECT_EQ(cupp::get_printoptions().linewidth, 100);
  const double x = 1.123456789;
  // np.set_printoptions(precision=4); np.array([1.123456789]) -> [1.1235]
  o.precision = 4;
  cupp::set_printoptions(o);
  EXPECT_EQ(cupp::detail::format_repr(&x, cupp::dtype::float64, {1}), "array([1.1235])");
  cupp::set_printoptions(saved);
  EXPECT_EQ(cupp::detail::format_repr(&x, cupp::dtype::float64, {1}), "array([1.12345679])");
  // the keyword form changes one option and keeps the others
  cupp::set_printoptions([](printoptions& p) { p.suppress = true; });
  EXPECT_TRUE(cupp::get_printoptions().suppress);
  EXPECT_EQ(cupp::get_printoptions().linewidth, saved.linewidth);
  cupp::set_printoptions(saved);
}

TEST(PrintOptions, ScopedRestores) {
  const std::vector<double> x = {2.0 / 3};
  {
    // with np.printoptions(precision=2): np.array([2.0]) / 3 -> array([0.67])
    cupp::scoped_printoptions guard([](cupp::printoptions& o) { o.precision = 2; });
    EXPECT_EQ(cupp::detail::format_repr(x.data(), cupp::dtype::float64, {1}), "array([0.67])");
  }
  EXPECT_EQ(cupp::detail::format_repr(x.data(), cupp::dtype::float64, {1}), "array([0.66666667])");
}

TEST(PrintOptions, ScopedRestoresOnException) {
  // test_ctx_mgr_exceptions: the options come back when an exception leaves the scope.
  const printoptions before = cupp::get_printoptions();
  try {
    cupp::scoped_printoptions guard([](printoptions& o) {
      o.precision = 2;
      o.linewidth = 11;
    });
    EXPECT_EQ(cupp::get_printoptions().linewidth, 11);
    throw std::runtime_error("leave");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(cupp::get_printoptions().linewidth, before.linewidth);
  EXPECT_EQ(cupp::get_printoptions().precision, before.precision);
}

TEST(PrintOptions, EachThreadHasItsOwn) {
  // NumPy 2 keeps the options in a context variable: a new thread starts from the defaults and
  // its changes stay its own.
  cupp::scoped_printoptions guard([](printoptions& o) { o.precision = 3; });
  int seen = -1, set_there = -1;
  std::thread t([&] {
    seen = cupp::get_printoptions().precision.value_or(-1);
    cupp::set_printoptions(with_precision(5));
    set_there = cupp::get_printoptions().precision.value_or(-1);
  });
  t.join();
  EXPECT_EQ(seen, 8);
  EXPECT_EQ(set_there, 5);
  EXPECT_EQ(cupp::get_printoptions().precision, 3);
}

TEST(PrintOptions, BadValuesRaiseAndLeaveTheOptions) {
  const printoptions before = cupp::get_printoptions();
  printoptions o;
  o.floatmode = "exact";
  CUPP_EXPECT_THROW_MSG(cupp::set_printoptions(o), cupp::value_error,
                        "floatmode option must be one of \"fixed\", \"unique\", \"maxprec\", "
                        "\"maxprec_equal\"");
  o = printoptions{};
  o.sign = 'x';
  CUPP_EXPECT_THROW_MSG(cupp::set_printoptions(o), cupp::value_error,
                        "sign option must be one of ' ', '+', or '-'");
  o = printoptions{};
  o.precision = -1;
  CUPP_EXPECT_THROW_MSG(cupp::set_printoptions(o), cupp::value_error, "precision must be >= 0");
  o = printoptions{};
  o.floatmode = "fixed";
  o.precision.reset();
  EXPECT_THROW(cupp::set_printoptions(o), cupp::type_error);
  EXPECT_EQ(cupp::get_printoptions().floatmode, before.floatmode);
  EXPECT_EQ(cupp::get_printoptions().sign, before.sign);
}

TEST(PrintPrecision, Basic) {
  // test_basic: x = np.array([1.5, 0, 1.234567890]); then set_printoptions(precision=4)
  const std::vector<double> x = {1.5, 0, 1.234567890};
  EXPECT_EQ(repr(x, {}), "array([1.5       , 0.        , 1.23456789])");
  EXPECT_EQ(repr(x, with_precision(4)), "array([1.5   , 0.    , 1.2346])");
}

TEST(PrintPrecision, Zero) {
  // test_precision_zero: set_printoptions(precision=0)
  const printoptions o = with_precision(0);
  EXPECT_EQ(repr(std::vector<double>{0.}, o), "array([0.])");
  EXPECT_EQ(repr(std::vector<double>{.3}, o), "array([0.])");
  EXPECT_EQ(repr(std::vector<double>{-.3}, o), "array([-0.])");
  EXPECT_EQ(repr(std::vector<double>{.7}, o), "array([1.])");
  EXPECT_EQ(repr(std::vector<double>{1.5}, o), "array([2.])");
  EXPECT_EQ(repr(std::vector<double>{-1.5}, o), "array([-2.])");
  EXPECT_EQ(repr(std::vector<double>{-15.34}, o), "array([-15.])");
  EXPECT_EQ(repr(std::vector<double>{100.}, o), "array([100.])");
  EXPECT_EQ(repr(std::vector<double>{.2, -1, 122.51}, o), "array([  0.,  -1., 123.])");
  EXPECT_EQ(repr(std::vector<std::int64_t>{0}, o), "array([0])");
  EXPECT_EQ(repr(std::vector<std::int64_t>{-12}, o), "array([-12])");
  EXPECT_EQ(repr(std::vector<std::complex<double>>{{.3, -.7}}, o), "array([0.-1.j])");
}

TEST(PrintPrecision, ScientificPaddingWithInf) {
  // test_float_spacing with precision=2
  const printoptions o = with_precision(2);
  EXPECT_EQ(repr(std::vector<double>{kInf, 100000, 1.1234}, o),
            "array([     inf, 1.00e+05, 1.12e+00])");
  EXPECT_EQ(repr(std::vector<double>{kInf, 100000, -1.1234}, o),
            "array([      inf,  1.00e+05, -1.12e+00])");
  EXPECT_EQ(repr(std::vector<double>{kInf, 1.1234, -1e120}, o),
            "array([       inf,  1.12e+000, -1.00e+120])");
}

TEST(PrintPrecision, DocumentedArray2String) {
  // np.array2string(np.array([1e-16, 1, 2, 3]), precision=2, separator=',',
  //                 suppress_small=True) -> '[0.,1.,2.,3.]'
  cupp::printoptions o;
  o.precision = 2;
  o.suppress = true;
  const std::vector<double> x = {1e-16, 1, 2, 3};
  EXPECT_EQ(cupp::detail::format_array2string(x.data(), cupp::dtype::float64, {4}, o, ",", "", ""),
            "[0.,1.,2.,3.]");
}

TEST(PrintPrecision, DocumentedArrayRepr) {
  // np.array_repr(np.array([1e-6, 4e-7, 2, 3]), precision=6, suppress_small=True). NumPy's
  // docstring shows two spaces after each comma, a leftover of the pre-1.14 layout that kept a
  // column for the sign (its doctests compare the values, not the spacing); FloatingFormat pads
  // to the widest integer part, "0", so NumPy 2 prints one.
  printoptions o = with_precision(6);
  o.suppress = true;
  EXPECT_EQ(repr(std::vector<double>{1e-6, 4e-7, 2, 3}, o),
            "array([0.000001, 0.      , 2.      , 3.      ])");
  // np.array_repr(np.array([1, 2])), np.array_repr(np.array([], np.int32))
  EXPECT_EQ(repr(std::vector<std::int64_t>{1, 2}, {}), "array([1, 2])");
  EXPECT_EQ(repr(std::vector<std::int32_t>{}, {}), "array([], dtype=int32)");
}

TEST(PrintSuppress, DocumentedEpsilonExample) {
  // x = np.arange(4.); x**2 - (x + eps)**2 with precision=4, then with suppress=True
  const double eps = std::numeric_limits<double>::epsilon();
  std::vector<double> v;
  for (double x = 0; x < 4; ++x) v.push_back(x * x - (x + eps) * (x + eps));
  printoptions o = with_precision(4);
  EXPECT_EQ(repr(v, o), "array([-4.9304e-32, -4.4409e-16,  0.0000e+00,  0.0000e+00])");
  o.suppress = true;
  EXPECT_EQ(repr(v, o), "array([-0., -0.,  0.,  0.])");
}

TEST(PrintSuppress, StillScientificPastTheCutoff) {
  // suppress keeps positional notation only below 10**min(8, finfo.precision): np.array([1e10,
  // 1.]) with suppress=True -> array([1.e+10, 1.e+00])
  printoptions o;
  o.suppress = true;
  EXPECT_EQ(repr(std::vector<double>{1e10, 1.}, o), "array([1.e+10, 1.e+00])");
}

TEST(PrintThreshold, DocumentedLinspace) {
  // with np.printoptions(precision=2, suppress=True, threshold=5): np.linspace(0, 10, 10)
  std::vector<double> v;
  const double step = 10.0 / 9;
  for (int i = 0; i < 9; ++i) v.push_back(i * step);
  v.push_back(10.0);
  printoptions o = with_precision(2);
  o.suppress = true;
  o.threshold = 5;
  EXPECT_EQ(repr(v, o), "array([ 0.  ,  1.11,  2.22, ...,  7.78,  8.89, 10.  ], shape=(10,))");
}

TEST(PrintThreshold, DocumentedArange) {
  // np.set_printoptions(threshold=5); np.arange(10)
  printoptions o;
  o.threshold = 5;
  EXPECT_EQ(repr(arange(10), o), "array([0, 1, 2, ..., 7, 8, 9], shape=(10,))");
}

TEST(PrintThreshold, EdgeitemsKeyword) {
  // np.array2string(np.zeros(3, int), edgeitems=1, threshold=0)
  printoptions o;
  o.edgeitems = 1;
  o.threshold = 0;
  EXPECT_EQ(a2s(std::vector<std::int64_t>{0, 0, 0}, o), "[0 ... 0]");
}

TEST(PrintThreshold, Summarize1d) {
  // test_summarize_1d: np.arange(1001)
  const auto a = arange(1001);
  EXPECT_EQ(str(a), "[   0    1    2 ...  998  999 1000]");
  EXPECT_EQ(repr(a, {}), "array([   0,    1,    2, ...,  998,  999, 1000], shape=(1001,))");
}

TEST(PrintThreshold, Summarize2d) {
  // test_summarize_2d: np.arange(1002).reshape(2, 501), and as int16
  const auto a = arange(1002);
  EXPECT_EQ(str(a, {}, {2, 501}),
            "[[   0    1    2 ...  498  499  500]\n"
            " [ 501  502  503 ...  999 1000 1001]]");
  EXPECT_EQ(repr(a, {}, {2, 501}),
            "array([[   0,    1,    2, ...,  498,  499,  500],\n"
            "       [ 501,  502,  503, ...,  999, 1000, 1001]], shape=(2, 501))");
  std::vector<std::int16_t> b(a.begin(), a.end());
  EXPECT_EQ(repr(b, {}, {2, 501}),
            "array([[   0,    1,    2, ...,  498,  499,  500],\n"
            "       [ 501,  502,  503, ...,  999, 1000, 1001]],\n"
            "      shape=(2, 501), dtype=int16)");
}

TEST(PrintThreshold, Edgeitems) {
  // test_edgeitems: set_printoptions(edgeitems=1, threshold=1)
  printoptions o;
  o.edgeitems = 1;
  o.threshold = 1;
  EXPECT_EQ(repr(arange(27), o, {3, 3, 3}),
            "array([[[ 0, ...,  2],\n"
            "        ...,\n"
            "        [ 6, ...,  8]],\n"
            "\n"
            "       ...,\n"
            "\n"
            "       [[18, ..., 20],\n"
            "        ...,\n"
            "        [24, ..., 26]]], shape=(3, 3, 3))");
  EXPECT_EQ(repr(std::vector<double>(9, 0.0), o, {3, 3, 1, 1}),
            "array([[[[0.]],\n"
            "\n"
            "        ...,\n"
            "\n"
            "        [[0.]]],\n"
            "\n"
            "\n"
            "       ...,\n"
            "\n"
            "\n"
            "       [[[0.]],\n"
            "\n"
            "        ...,\n"
            "\n"
            "        [[0.]]]], shape=(3, 3, 1, 1))");
}

TEST(PrintLinewidth, Array2String) {
  // test_basic and test_linewidth of TestArray2String
  printoptions o;
  EXPECT_EQ(a2s(arange(3), o), "[0 1 2]");
  o.linewidth = 4;
  EXPECT_EQ(a2s(arange(3), o), "[0\n 1\n 2]");
  const std::vector<std::int64_t> a(6, 1);
  const auto make = [&](std::int64_t width, const cupp::shape_t& shape) {
    printoptions w;
    w.linewidth = width;
    return a2s(a, w, "", shape);
  };
  EXPECT_EQ(make(8, {6}), "[111111]");
  EXPECT_EQ(make(7, {6}), "[11111\n 1]");
  EXPECT_EQ(make(5, {6}), "[111\n 111]");
  EXPECT_EQ(make(12, {1, 1, 6}), "[[[111111]]]");
  EXPECT_EQ(make(9, {1, 1, 6}), "[[[111\n   111]]]");
  EXPECT_EQ(make(8, {1, 1, 6}), "[[[11\n   11\n   11]]]");
}

TEST(PrintLinewidth, Repr) {
  // test_linewidth_repr: np.full(7, 2) with linewidth=17, np.full(8, 2) with linewidth=18
  printoptions o;
  o.linewidth = 17;
  EXPECT_EQ(repr(std::vector<std::int64_t>(7, 2), o),
            "array([2, 2, 2,\n"
            "       2, 2, 2,\n"
            "       2])");
  o.linewidth = 18;
  EXPECT_EQ(repr(std::vector<std::int64_t>(8, 2), o),
            "array([2, 2, 2,\n"
            "       2, 2, 2,\n"
            "       2, 2])");
}

TEST(PrintLinewidth, Str) {
  // test_linewidth_str: np.full(18, 2) with linewidth=18
  printoptions o;
  o.linewidth = 18;
  EXPECT_EQ(str(std::vector<std::int64_t>(18, 2), o),
            "[2 2 2 2 2 2 2 2\n"
            " 2 2 2 2 2 2 2 2\n"
            " 2 2]");
}

TEST(PrintSign, Integers) {
  // test_with_sign of TestArray2String
  const std::vector<std::int64_t> mixed = {-2, 0, 3}, pos = {2, 0, 3}, neg = {-2, -1, -3};
  EXPECT_EQ(a2s(mixed, with_sign('+')), "[-2 +0 +3]");
  EXPECT_EQ(a2s(mixed, with_sign('-')), "[-2  0  3]");
  EXPECT_EQ(a2s(mixed, with_sign(' ')), "[-2  0  3]");
  EXPECT_EQ(a2s(pos, with_sign('+')), "[+2 +0 +3]");
  EXPECT_EQ(a2s(pos, with_sign('-')), "[2 0 3]");
  EXPECT_EQ(a2s(pos, with_sign(' ')), "[ 2  0  3]");
  EXPECT_EQ(a2s(neg, with_sign('+')), "[-2 -1 -3]");
  EXPECT_EQ(a2s(neg, with_sign(' ')), "[-2 -1 -3]");
  const std::vector<std::int64_t> m2 = {10, -1, 1, 1, 10, 10, 10, 10};
  EXPECT_EQ(a2s(m2, with_sign('+'), " ", {2, 4}), "[[+10  -1  +1  +1]\n [+10 +10 +10 +10]]");
  EXPECT_EQ(a2s(m2, with_sign(' '), " ", {2, 4}), "[[10 -1  1  1]\n [10 10 10 10]]");
  const std::vector<std::int64_t> p2 = {10, 0, 1, 1, 10, 10, 10, 10};
  EXPECT_EQ(a2s(p2, with_sign('+'), " ", {2, 4}), "[[+10  +0  +1  +1]\n [+10 +10 +10 +10]]");
  EXPECT_EQ(a2s(p2, with_sign(' '), " ", {2, 4}), "[[ 10   0   1   1]\n [ 10  10  10  10]]");
}

TEST(PrintSign, Floats) {
  // test_sign_spacing: a = np.arange(4.), b = np.array([1.234e9]), c complex128
  const std::vector<double> a = {0, 1, 2, 3}, b = {1.234e9}, z = {0., -0.};
  const std::vector<std::complex<double>> c = {{1.0, 1.0}, {1.123456789, 1.123456789}};
  EXPECT_EQ(repr(c, {}), "array([1.        +1.j        , 1.12345679+1.12345679j])");
  EXPECT_EQ(repr(z, {}), "array([ 0., -0.])");
  const printoptions space = with_sign(' ');
  EXPECT_EQ(repr(a, space), "array([ 0.,  1.,  2.,  3.])");
  EXPECT_EQ(repr0(1.0, space), "array( 1.)");
  EXPECT_EQ(repr(b, space), "array([ 1.234e+09])");
  EXPECT_EQ(repr(c, space), "array([ 1.        +1.j        ,  1.12345679+1.12345679j])");
  EXPECT_EQ(repr(z, space), "array([ 0., -0.])");
  const printoptions plus = with_sign('+');
  EXPECT_EQ(repr(a, plus), "array([+0., +1., +2., +3.])");
  EXPECT_EQ(repr0(1.0, plus), "array(+1.)");
  EXPECT_EQ(repr(b, plus), "array([+1.234e+09])");
  EXPECT_EQ(repr(c, plus), "array([+1.        +1.j        , +1.12345679+1.12345679j])");
}

TEST(PrintNanInf, Strings) {
  // test_float_spacing: np.array([np.nan, -np.inf]); nanstr/infstr right-aligned as "nan"/"inf"
  EXPECT_EQ(repr(std::vector<double>{kNan, -kInf}, {}), "array([ nan, -inf])");
  printoptions o;
  o.nanstr = "NaN";
  o.infstr = "Infinity";
  // np.set_printoptions(nanstr='NaN', infstr='Infinity'); np.array([1., np.nan, -np.inf])
  EXPECT_EQ(repr(std::vector<double>{1., kNan, -kInf}, o),
            "array([       1.,       NaN, -Infinity])");
}

class PrintFloatmode : public ::testing::Test {
 protected:
  // test_floatmode's arrays
  std::vector<cupp::float16> x =
      f16s({0.6104, 0.922, 0.457, 0.0906, 0.3733, 0.007244, 0.5933, 0.947, 0.2383, 0.4226});
  std::vector<double> y = {0.2918820979355541, 0.5064172631089138, 0.2848750619642916,
                           0.4342965294660567, 0.7326538397312751, 0.3459503329096204,
                           0.0862072768214508, 0.39112753029631175};
  std::vector<cupp::float16> z = f16s({0.0, 0.1, 0.2, 0.3, 0.4, 0.5});
  std::vector<std::complex<double>> c = {{1.0, 1.0}, {1.123456789, 1.123456789}};
  std::vector<double> w5 = {1e0, 1e5, 1e10, 1e15, 1e20};  // w[::5]
  std::vector<double> wp = {1.234e1, 1e2, 1e123};

  static std::vector<cupp::float16> f16s(std::initializer_list<double> v) {
    std::vector<cupp::float16> out;
    for (double d : v) out.emplace_back(d);
    return out;
  }
};

TEST_F(PrintFloatmode, Unique) {
  const printoptions o = with_floatmode("unique", 8);
  EXPECT_EQ(repr(x, o),
            "array([0.6104  , 0.922   , 0.457   , 0.0906  , 0.3733  , 0.007244,\n"
            "       0.5933  , 0.947   , 0.2383  , 0.4226  ], dtype=float16)");
  EXPECT_EQ(repr(y, o),
            "array([0.2918820979355541 , 0.5064172631089138 , 0.2848750619642916 ,\n"
            "       0.4342965294660567 , 0.7326538397312751 , 0.3459503329096204 ,\n"
            "       0.0862072768214508 , 0.39112753029631175])");
  EXPECT_EQ(repr(z, o), "array([0. , 0.1, 0.2, 0.3, 0.4, 0.5], dtype=float16)");
  std::vector<double> w;
  for (int i = 0; i < 25; ++i) w.push_back(std::stod("1e" + std::to_string(i)));
  EXPECT_EQ(repr(w, o),
            "array([1.e+00, 1.e+01, 1.e+02, 1.e+03, 1.e+04, 1.e+05, 1.e+06, 1.e+07,\n"
            "       1.e+08, 1.e+09, 1.e+10, 1.e+11, 1.e+12, 1.e+13, 1.e+14, 1.e+15,\n"
            "       1.e+16, 1.e+17, 1.e+18, 1.e+19, 1.e+20, 1.e+21, 1.e+22, 1.e+23,\n"
            "       1.e+24])");
  EXPECT_EQ(repr(wp, o), "array([1.234e+001, 1.000e+002, 1.000e+123])");
  EXPECT_EQ(repr(c, o), "array([1.         +1.j         , 1.123456789+1.123456789j])");
}

TEST_F(PrintFloatmode, Maxprec) {
  const printoptions o = with_floatmode("maxprec", 8);
  EXPECT_EQ(repr(x, o),
            "array([0.6104  , 0.922   , 0.457   , 0.0906  , 0.3733  , 0.007244,\n"
            "       0.5933  , 0.947   , 0.2383  , 0.4226  ], dtype=float16)");
  EXPECT_EQ(repr(y, o),
            "array([0.2918821 , 0.50641726, 0.28487506, 0.43429653, 0.73265384,\n"
            "       0.34595033, 0.08620728, 0.39112753])");
  EXPECT_EQ(repr(z, o), "array([0. , 0.1, 0.2, 0.3, 0.4, 0.5], dtype=float16)");
  EXPECT_EQ(repr(w5, o), "array([1.e+00, 1.e+05, 1.e+10, 1.e+15, 1.e+20])");
  EXPECT_EQ(repr(wp, o), "array([1.234e+001, 1.000e+002, 1.000e+123])");
  EXPECT_EQ(repr(c, o), "array([1.        +1.j        , 1.12345679+1.12345679j])");
}

TEST_F(PrintFloatmode, Fixed) {
  const printoptions o = with_floatmode("fixed", 4);
  EXPECT_EQ(repr(x, o),
            "array([0.6104, 0.9219, 0.4570, 0.0906, 0.3733, 0.0072, 0.5933, 0.9468,\n"
            "       0.2383, 0.4226], dtype=float16)");
  EXPECT_EQ(repr(y, o), "array([0.2919, 0.5064, 0.2849, 0.4343, 0.7327, 0.3460, 0.0862, 0.3911])");
  EXPECT_EQ(repr(z, o), "array([0.0000, 0.1000, 0.2000, 0.3000, 0.3999, 0.5000], dtype=float16)");
  EXPECT_EQ(repr(w5, o), "array([1.0000e+00, 1.0000e+05, 1.0000e+10, 1.0000e+15, 1.0000e+20])");
  EXPECT_EQ(repr(wp, o), "array([1.2340e+001, 1.0000e+002, 1.0000e+123])");
  EXPECT_EQ(repr(std::vector<double>(3, 0.0), o), "array([0.0000, 0.0000, 0.0000])");
  EXPECT_EQ(repr(c, o), "array([1.0000+1.0000j, 1.1235+1.1235j])");
  // for larger precision, representation error becomes more apparent
  EXPECT_EQ(repr(z, with_floatmode("fixed", 8)),
            "array([0.00000000, 0.09997559, 0.19995117, 0.30004883, 0.39990234,\n"
            "       0.50000000], dtype=float16)");
}

TEST_F(PrintFloatmode, MaxprecEqual) {
  const printoptions o = with_floatmode("maxprec_equal", 8);
  EXPECT_EQ(repr(x, o),
            "array([0.610352, 0.921875, 0.457031, 0.090576, 0.373291, 0.007244,\n"
            "       0.593262, 0.946777, 0.238281, 0.422607], dtype=float16)");
  EXPECT_EQ(repr(y, o),
            "array([0.29188210, 0.50641726, 0.28487506, 0.43429653, 0.73265384,\n"
            "       0.34595033, 0.08620728, 0.39112753])");
  EXPECT_EQ(repr(z, o), "array([0.0, 0.1, 0.2, 0.3, 0.4, 0.5], dtype=float16)");
  EXPECT_EQ(repr(w5, o), "array([1.e+00, 1.e+05, 1.e+10, 1.e+15, 1.e+20])");
  EXPECT_EQ(repr(wp, o), "array([1.234e+001, 1.000e+002, 1.000e+123])");
  EXPECT_EQ(repr(c, o), "array([1.00000000+1.00000000j, 1.12345679+1.12345679j])");
}

TEST(PrintStr, Arrays) {
  // np.array_str(np.arange(3)); test_gh_28679's str of float16/float32/complex64 arrays
  EXPECT_EQ(str(arange(3)), "[0 1 2]");
  EXPECT_EQ(str(std::vector<cupp::float16>{999.0, 999.0}), "[999. 999.]");
  EXPECT_EQ(str(std::vector<cupp::float16>{999.0, 1000.0}), "[9.99e+02 1.00e+03]");
  EXPECT_EQ(str(std::vector<float>{999999, 999999}), "[999999. 999999.]");
  EXPECT_EQ(str(std::vector<float>{999999, -1000000}), "[ 9.99999e+05 -1.00000e+06]");
  EXPECT_EQ(str(std::vector<std::complex<float>>{{999999, 999999}, {999999, -1000000}}),
            "[999999.+9.99999e+05j 999999.-1.00000e+06j]");
}

TEST(PrintStr, ComplexSingletons) {
  // TestComplexArray.test_str: str(np.array([c], dt))
  using c128 = std::complex<double>;
  EXPECT_EQ(str(std::vector<c128>{{0, 0}}), "[0.+0.j]");
  EXPECT_EQ(str(std::vector<c128>{{0, -1}}), "[0.-1.j]");
  EXPECT_EQ(str(std::vector<c128>{{0, kInf}}), "[0.+infj]");
  EXPECT_EQ(str(std::vector<c128>{{1, kNan}}), "[1.+nanj]");
  EXPECT_EQ(str(std::vector<c128>{{-1, -kInf}}), "[-1.-infj]");
  EXPECT_EQ(str(std::vector<c128>{{kInf, -1}}), "[inf-1.j]");
  EXPECT_EQ(str(std::vector<c128>{{-kInf, kNan}}), "[-inf+nanj]");
  EXPECT_EQ(str(std::vector<c128>{{kNan, 0}}), "[nan+0.j]");
  EXPECT_EQ(
      str(std::vector<std::complex<float>>{{static_cast<float>(kNan), -static_cast<float>(kInf)}}),
      "[nan-infj]");
}

TEST(PrintStr, ZeroDIsTheScalarStr) {
  // str of a 0-d array is str of its scalar: Python's shortest repr for float64
  // (test_legacy_mode_scalars: str(np.float64(1.123456789123456789)) == '1.1234567891234568')
  EXPECT_EQ(str0(1.123456789123456789), "1.1234567891234568");
  EXPECT_EQ(str0(3.0), "3.0");
  EXPECT_EQ(str0(-0.0), "-0.0");
  EXPECT_EQ(str0(1e-5), "1e-05");
  EXPECT_EQ(str0(1e16), "1e+16");
  EXPECT_EQ(str0(123456.0), "123456.0");
  EXPECT_EQ(str0(kNan), "nan");
  EXPECT_EQ(str0(-kInf), "-inf");
  EXPECT_EQ(str0(0.1f), "0.1");
  EXPECT_EQ(str0(std::int8_t{-7}), "-7");
  // str(np.complex128(complex(1, np.nan))) == '(1+nanj)'; str(np.complex128(2j)) == '2j'
  EXPECT_EQ(str0(std::complex<double>(1, kNan)), "(1+nanj)");
  EXPECT_EQ(str0(std::complex<double>(0, 2)), "2j");
  EXPECT_EQ(str0(std::complex<double>(1.5, -2)), "(1.5-2j)");
  const bool t = true;
  EXPECT_EQ(cupp::detail::format_str(&t, cupp::dtype::bool_, {}, {}), "True");
}

TEST(FormatFloat, DocumentedPositional) {
  // example-begin format_float
  // np.format_float_positional(np.float32(np.pi)) -> '3.1415927'
  EXPECT_EQ(cupp::format_float_positional(static_cast<float>(M_PI)), "3.1415927");
  // np.format_float_positional(np.float16(np.pi)) -> '3.14'
  EXPECT_EQ(cupp::format_float_positional(cupp::float16(M_PI)), "3.14");
  // np.format_float_positional(np.float16(0.3), unique=False, precision=10) -> '0.3000488281'
  EXPECT_EQ(cupp::format_float_positional(cupp::float16(0.3), 10, /*unique=*/false),
            "0.3000488281");
  // np.format_float_scientific(np.float32(1.23e24), unique=False, precision=15)
  EXPECT_EQ(cupp::format_float_scientific(1.23e24f, 15, /*unique=*/false), "1.230000071797338e+24");
  // example-end
  EXPECT_EQ(cupp::format_float_positional(cupp::float16(0.3)), "0.3");
}

TEST(FormatFloat, DocumentedScientific) {
  // np.format_float_scientific(np.float32(np.pi)) -> '3.1415927e+00'
  EXPECT_EQ(cupp::format_float_scientific(static_cast<float>(M_PI)), "3.1415927e+00");
  // np.format_float_scientific(np.float32(1.23e24), exp_digits=4) -> '1.23e+0024'
  EXPECT_EQ(
      cupp::format_float_scientific(1.23e24f, std::nullopt, true, 'k', false, std::nullopt, 4),
      "1.23e+0024");
}

/// numpy/_core/tests/test_scalarprint.py's test_dragon4_interface, for each float type.
template <class F>
void check_dragon4_interface(F one, F minus_one, F minus_ten_two, F twelve_three, F one_two,
                             F one_001, const std::string& one_two_exact) {
  using cupp::format_float_positional;
  using cupp::format_float_scientific;
  const std::nullopt_t none = std::nullopt;
  EXPECT_EQ(format_float_positional(one, none, true, true, 'k', false, 4, 4), "   1.    ");
  EXPECT_EQ(format_float_positional(minus_one, none, true, true, 'k', false, 4, 4), "  -1.    ");
  EXPECT_EQ(format_float_positional(minus_ten_two, none, true, true, 'k', false, 4, 4),
            " -10.2   ");
  EXPECT_EQ(format_float_scientific(twelve_three, none, true, 'k', false, none, 5), "1.23e+00001");
  EXPECT_EQ(format_float_positional(one, 4, false), "1.0000");
  EXPECT_EQ(format_float_scientific(one, 4, false), "1.0000e+00");
  EXPECT_EQ(format_float_positional(one, 4, false, true, 'k'), "1.0000");
  EXPECT_EQ(format_float_positional(one, 4, false, true, '.'), "1.");
  EXPECT_EQ(format_float_positional(one_two, 4, false, true, '.'), one_two_exact);
  EXPECT_EQ(format_float_positional(one, 4, false, true, '0'), "1.0");
  EXPECT_EQ(format_float_positional(one_two, 4, false, true, '0'), one_two_exact);
  EXPECT_EQ(format_float_positional(one, none, true, true, '0'), "1.0");
  EXPECT_EQ(format_float_positional(one, 4, false, true, '-'), "1");
  EXPECT_EQ(format_float_positional(one_two, 4, false, true, '-'), one_two_exact);
  EXPECT_EQ(format_float_positional(one, none, true, true, '-'), "1");
  EXPECT_EQ(format_float_positional(one_001, 1, true, true, '-'), "1");
}

TEST(FormatFloat, Dragon4Interface) {
  check_dragon4_interface<cupp::float16>(1.0, -1.0, -10.2, 12.3, 1.2, 1.001, "1.2002");
  check_dragon4_interface<float>(1.0f, -1.0f, -10.2f, 12.3f, 1.2f, 1.001f, "1.2");
  check_dragon4_interface<double>(1.0, -1.0, -10.2, 12.3, 1.2, 1.001, "1.2");
}

TEST(FormatFloat, PrecisionAgainstMinDigits) {
  // test_scalarprint.py: float32's largest value, and float64.fromhex('-1p-97')
  const float f32x = std::numeric_limits<float>::max();
  const std::nullopt_t none = std::nullopt;
  using cupp::format_float_positional;
  using cupp::format_float_scientific;
  EXPECT_EQ(format_float_positional(f32x), "340282350000000000000000000000000000000.");
  EXPECT_EQ(format_float_positional(f32x, 0), "340282350000000000000000000000000000000.");
  EXPECT_EQ(format_float_positional(f32x, none, true, true, 'k', false, none, none, 0),
            "340282346638528859811704183484516925440.");
  EXPECT_EQ(format_float_positional(f32x, none, true, true, 'k', false, none, none, 4),
            "340282346638528859811704183484516925440.0000");
  EXPECT_EQ(format_float_positional(f32x, 4, true, false),
            "340300000000000000000000000000000000000.");
  EXPECT_EQ(format_float_positional(f32x, 20, true, false),
            "340282350000000000000000000000000000000.");
  EXPECT_EQ(format_float_positional(f32x, none, true, false, 'k', false, none, none, 20),
            "340282346638528859810000000000000000000.");
  EXPECT_EQ(format_float_positional(f32x, none, true, false, 'k', false, none, none, 15),
            "340282346638529000000000000000000000000.");
  EXPECT_EQ(format_float_positional(f32x, 4, false, false),
            "340300000000000000000000000000000000000.");
  const double a = -std::ldexp(1.0, -97);
  EXPECT_EQ(format_float_scientific(a), "-6.310887241768095e-30");
  EXPECT_EQ(format_float_scientific(a, 15, false), "-6.310887241768094e-30");
  EXPECT_EQ(format_float_scientific(a, 15), "-6.310887241768095e-30");
  EXPECT_EQ(format_float_scientific(a, 14), "-6.31088724176809e-30");
  EXPECT_EQ(format_float_scientific(a, none, true, 'k', false, none, none, 16),
            "-6.3108872417680944e-30");
  EXPECT_EQ(format_float_scientific(a, none, true, 'k', false, none, none, 14),
            "-6.310887241768095e-30");
  EXPECT_EQ(format_float_scientific(1e120, none, true, 'k', false, none, none, 3), "1.000e+120");
  EXPECT_EQ(format_float_scientific(1e100, none, true, 'k', false, none, none, 3), "1.000e+100");
  EXPECT_EQ(format_float_positional(1.5f, 3, false), "1.500");
  EXPECT_EQ(format_float_scientific(1.5, 3, false), "1.500e+00");
  // gh-10713
  EXPECT_EQ(format_float_positional(324.0, 5, false, false), "324.00");
}

TEST(FormatFloat, Errors) {
  CUPP_EXPECT_THROW_MSG(cupp::format_float_positional(1.0, -1), cupp::value_error,
                        "precision must be >= 0");
  CUPP_EXPECT_THROW_MSG(cupp::format_float_positional(1.0, 0, true, /*fractional=*/false),
                        cupp::value_error, "precision must be greater than 0 if fractional=False");
  CUPP_EXPECT_THROW_MSG(cupp::format_float_scientific(1.0, 2, true, 'k', false, std::nullopt,
                                                      std::nullopt, /*min_digits=*/3),
                        cupp::value_error, "min_digits must be less than or equal to precision");
  EXPECT_THROW(cupp::format_float_positional(1.0, std::nullopt, /*unique=*/false),
               cupp::type_error);
  EXPECT_THROW(cupp::format_float_positional(1.0, 2, true, true, 'x'), cupp::value_error);
}

}  // namespace
