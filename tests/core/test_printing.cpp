// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// array2string, array_repr, array_str and operator<< on device arrays (ndarray<T>, cupp::array,
// expressions, non-contiguous views) under the print options, against NumPy 2.x's strings for
// the same values (the Python expression is in the comment above each).
#include <gtest/gtest.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "cupp/array.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::test::GpuTest;

class Printing : public GpuTest {};

TEST_F(Printing, ReprStrAndArray2String) {
  // example-begin printing
  auto a = cupp::asarray<double>({{1.5, 0.0}, {-2.25, 0.125}});
  // repr(a), str(a), np.array2string(a, separator=', ')
  EXPECT_EQ(cupp::array_repr(a), "array([[ 1.5  ,  0.   ],\n       [-2.25 ,  0.125]])");
  EXPECT_EQ(cupp::array_str(a), "[[ 1.5    0.   ]\n [-2.25   0.125]]");
  EXPECT_EQ(cupp::array2string(a, std::nullopt, std::nullopt, std::nullopt, ", "),
            "[[ 1.5  ,  0.   ],\n [-2.25 ,  0.125]]");
  // np.array_repr(a, precision=1): ties go to the even digit
  EXPECT_EQ(cupp::array_repr(a, std::nullopt, 1), "array([[ 1.5,  0. ],\n       [-2.2,  0.1]])");
  // example-end
}

TEST_F(Printing, StreamFollowsTheCurrentOptions) {
  auto x = cupp::arange(10);
  {
    // with np.printoptions(threshold=5): repr(np.arange(10))
    cupp::scoped_printoptions guard([](cupp::printoptions& o) { o.threshold = 5; });
    std::ostringstream os;
    os << x;
    EXPECT_EQ(os.str(), "array([0, 1, 2, ..., 7, 8, 9], shape=(10,))");
  }
  std::ostringstream os;
  os << x;
  EXPECT_EQ(os.str(), "array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])");
}

TEST_F(Printing, RuntimeArrayAndExpressions) {
  const cupp::array r = cupp::asarray<float>({0.5f, 2.0f});
  // repr(np.array([0.5, 2], dtype=np.float32)), str(...)
  EXPECT_EQ(cupp::array_repr(r), "array([0.5, 2. ], dtype=float32)");
  EXPECT_EQ(cupp::array_str(r), "[0.5 2. ]");
  auto b = cupp::asarray<std::int64_t>({1, 2, 3});
  // str(np.array([1, 2, 3]) * 2 + 1)
  EXPECT_EQ(cupp::array_str(b * 2 + 1), "[3 5 7]");
  // np.array2string(np.array([1, 2, 3]), sign='+')
  cupp::printoptions o;
  o.sign = '+';
  EXPECT_EQ(cupp::array2string(b, o), "[+1 +2 +3]");
}

TEST_F(Printing, ViewsAndZeroD) {
  auto a = cupp::asarray<std::int32_t>({{1, 2, 3}, {4, 5, 6}});
  // str(np.array([[1, 2, 3], [4, 5, 6]], dtype=np.int32).T[::-1])
  EXPECT_EQ(cupp::array_str(a.T()(cupp::slice(std::nullopt, std::nullopt, -1))),
            "[[3 6]\n [2 5]\n [1 4]]");
  // str(np.array(3.0)), repr(np.array(3.0)), np.array2string(np.array(3.0))
  auto z = cupp::asarray<double>({3.0}).reshape({});
  EXPECT_EQ(cupp::array_str(z), "3.0");
  EXPECT_EQ(cupp::array_repr(z), "array(3.)");
  EXPECT_EQ(cupp::array2string(z), "3.");
  // np.array2string(np.zeros((2, 0)))
  EXPECT_EQ(cupp::array2string(cupp::zeros<double>({2, 0})), "[]");
}

TEST_F(Printing, ScopedOptions) {
  // example-begin scoped_printoptions
  auto x = cupp::asarray<double>({2.0}) / 3;
  {
    // with np.printoptions(precision=2): repr(np.array([2.0]) / 3) -> array([0.67])
    cupp::scoped_printoptions guard([](cupp::printoptions& o) { o.precision = 2; });
    EXPECT_EQ(cupp::array_repr(x), "array([0.67])");
  }
  EXPECT_EQ(cupp::array_repr(x), "array([0.66666667])");
  // example-end
}

TEST_F(Printing, Array2StringKeywords) {
  // example-begin array2string
  // np.array2string(np.array([1e-16, 1, 2, 3]), precision=2, separator=',',
  //                 suppress_small=True) -> '[0.,1.,2.,3.]'
  auto x = cupp::asarray<double>({1e-16, 1, 2, 3});
  EXPECT_EQ(cupp::array2string(x, std::nullopt, 2, true, ","), "[0.,1.,2.,3.]");
  // np.array2string(np.arange(10), threshold=5, edgeitems=2, sign='+')
  cupp::printoptions o = cupp::get_printoptions();
  o.threshold = 5;
  o.edgeitems = 2;
  o.sign = '+';
  EXPECT_EQ(cupp::array2string(cupp::arange(10), o), "[+0 +1 ... +8 +9]");
  // example-end
}

}  // namespace
