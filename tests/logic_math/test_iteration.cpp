// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// ndindex, broadcast, flatiter (cupp::flat) and linalg::cross, against NumPy's values (written
// out below) and host loops.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "support/described.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::ndarray;
using cupp::shape_t;

TEST(IterationHost, NdindexIsCOrderAsNumPy) {
  std::vector<shape_t> got;
  for (const auto& idx : cupp::ndindex({2, 3})) got.push_back(idx);
  // list(np.ndindex(2, 3))
  const std::vector<shape_t> want = {{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 1}, {1, 2}};
  EXPECT_EQ(got, want);
  int scalar = 0, empty = 0;
  for (const auto& idx : cupp::ndindex({})) {
    EXPECT_TRUE(idx.empty());
    ++scalar;
  }
  for (const auto& idx : cupp::ndindex({0, 2})) empty += static_cast<int>(idx.size());
  EXPECT_EQ(scalar, 1);  // list(np.ndindex()) == [()]
  EXPECT_EQ(empty, 0);   // list(np.ndindex(0, 2)) == []
  EXPECT_EQ(cupp::ndindex({4, 5, 6}).size(), 120);
  std::int64_t n = 0, last = -1;
  for (const auto& idx : cupp::ndindex({4, 5, 6})) {
    const std::int64_t flat = (idx[0] * 5 + idx[1]) * 6 + idx[2];
    EXPECT_EQ(flat, last + 1);
    last = flat;
    ++n;
  }
  EXPECT_EQ(n, 120);
  CUPP_EXPECT_THROW_MSG(cupp::ndindex({2, -1}), cupp::value_error,
                        "negative dimensions are not allowed");
}

TEST(IterationHost, BroadcastShapesAsNumPy) {
  // np.broadcast(np.zeros((3, 1)), np.zeros(4)): shape (3, 4), size 12, nd 2, numiter 2.
  const ndarray<float> a(cupp::test::described({3, 1})), b(cupp::test::described({4}));
  const cupp::broadcast<float> bc({a, b});
  EXPECT_EQ(bc.shape(), (shape_t{3, 4}));
  EXPECT_EQ(bc.size(), 12);
  EXPECT_EQ(bc.nd(), 2);
  EXPECT_EQ(bc.ndim(), 2);
  EXPECT_EQ(bc.numiter(), 2);
  ASSERT_EQ(bc.values().size(), 2u);
  EXPECT_EQ(bc.values()[0].shape(), (shape_t{3, 4}));
  EXPECT_EQ(bc.values()[1].strides()[0], 0);
  const ndarray<float> c(cupp::test::described({2}));
  EXPECT_THROW(cupp::broadcast<float>({a, b, c}), cupp::broadcast_error);
}

TEST(IterationHost, LinalgCrossChecksAsNumPy) {
  const ndarray<float> v2(cupp::test::described({5, 2})), v3(cupp::test::described({5, 3}));
  CUPP_EXPECT_THROW_MSG(cupp::linalg::cross(v2, v3), cupp::value_error,
                        "Both input arrays must be (arrays of) 3-dimensional vectors, but they "
                        "are 2 and 3 dimensional instead.");
  CUPP_EXPECT_THROW_MSG(cupp::linalg::cross(v3, v3, 2), cupp::index_error,
                        "tuple index out of range");
}

TEST(IterationHost, FlatiterBoundsAsNumPy) {
  const ndarray<double> a(cupp::test::described({2, 5}, cupp::dtype::float64));
  const auto f = cupp::flat(a);
  EXPECT_EQ(f.size(), 10);
  CUPP_EXPECT_THROW_MSG(f[10], cupp::index_error, "index 10 is out of bounds for size 10");
  CUPP_EXPECT_THROW_MSG(f[-11], cupp::index_error, "index -11 is out of bounds for size 10");
}

class Iteration : public cupp::test::GpuTest {};

TEST_F(Iteration, FlatReadsAndWritesInCOrderWhateverTheLayout) {
  // a = np.arange(12.).reshape(3, 4).T; a.flat[5] == 9.0; a.flat[-1] == 11.0
  const auto base = cupp::arange<double>(12).reshape({3, 4});
  auto t = base.T();
  auto f = cupp::flat(t);
  EXPECT_EQ(f[0], 0.0);
  EXPECT_EQ(f[5], 9.0);
  EXPECT_EQ(f[-1], 11.0);
  f.set(1, -1.0);  // t[0, 1] is base[1, 0]
  EXPECT_EQ(base.item({1, 0}), -1.0);
  const std::vector<double> c = f.copy().get();
  const std::vector<double> want = {0, -1, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11};
  EXPECT_EQ(c, want);
  EXPECT_EQ(f.get(), want);
}

TEST_F(Iteration, BroadcastValuesAreTheBroadcastViews) {
  const auto a = cupp::arange<float>(3).reshape({3, 1});
  const auto b = cupp::arange<float>(4);
  const cupp::broadcast<float> bc({a, b});
  ndarray<float> s = bc.values()[0] + bc.values()[1];
  // (np.arange(3).reshape(3, 1) + np.arange(4)).ravel()
  EXPECT_EQ(s.get(), (std::vector<float>{0, 1, 2, 3, 1, 2, 3, 4, 2, 3, 4, 5}));
}

TEST_F(Iteration, LinalgCrossIsTheCrossProduct) {
  // np.linalg.cross([[1, 2, 3], [4, 5, 6]], [[4, 5, 6], [1, 2, 3]]) == [[-3, 6, -3], [3, -6, 3]]
  const auto x = cupp::asarray<int>({{1, 2, 3}, {4, 5, 6}});
  const auto y = cupp::asarray<int>({{4, 5, 6}, {1, 2, 3}});
  EXPECT_EQ(cupp::linalg::cross(x, y).get(), (std::vector<int>{-3, 6, -3, 3, -6, 3}));
  // axis=0: np.linalg.cross(x.T, y.T, axis=0) is the same products along the first axis
  EXPECT_EQ(cupp::linalg::cross(x.T(), y.T(), 0).get(), (std::vector<int>{-3, 3, 6, -6, -3, 3}));
}

}  // namespace
