// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// linalg::tensorinv and tensorsolve: NumPy's shape rules and errors (no GPU), and results that
// satisfy their defining identities.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/linalg/tensor.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::shape_t;
namespace ld = cupp::linalg::detail;

TEST(TensorSolveHost, ShapesAsNumpy) {
  // np.linalg.tensorinv(a of shape (4, 6, 8, 3), ind=2) has shape (8, 3, 4, 6).
  EXPECT_EQ(ld::tensorinv_shapes({4, 6, 8, 3}, 2),
            std::make_pair(std::int64_t{24}, shape_t{8, 3, 4, 6}));
  EXPECT_EQ(ld::tensorinv_shapes({6, 2, 3}, 1), std::make_pair(std::int64_t{6}, shape_t{2, 3, 6}));
  CUPP_EXPECT_THROW_MSG(ld::tensorinv_shapes({4}, 0), cupp::value_error, "Invalid ind argument.");
  CUPP_EXPECT_THROW_MSG(ld::tensorinv_shapes({2, 3, 6}, 1), cupp::linalg_error,
                        "Last 2 dimensions of the array must be square");
  // tensorsolve(a of (2, 3, 6), b of (2, 3)): x of (6,); a of (6, 2, 3) with b of (6,): (2, 3).
  EXPECT_EQ(ld::tensorsolve_shapes({2, 3, 6}, 2), std::make_pair(std::int64_t{6}, shape_t{6}));
  EXPECT_EQ(ld::tensorsolve_shapes({6, 2, 3}, 1), std::make_pair(std::int64_t{6}, shape_t{2, 3}));
  CUPP_EXPECT_THROW_MSG(ld::tensorsolve_shapes({2, 3, 4}, 2), cupp::linalg_error,
                        "Input arrays must satisfy the requirement             "
                        "prod(a.shape[b.ndim:]) == prod(a.shape[:b.ndim])");
  EXPECT_EQ(ld::tensorsolve_order(3, {0}), (std::vector<std::int64_t>{1, 2, 0}));
  EXPECT_EQ(ld::tensorsolve_order(3, {-1, 0}), (std::vector<std::int64_t>{1, 2, 0}));
  CUPP_EXPECT_THROW_MSG(ld::tensorsolve_order(3, {3}), cupp::axis_error,
                        "axis 3 is out of bounds for array of dimension 3");
}

/// A well-conditioned n x n matrix: 10 on the diagonal plus small varied entries.
std::vector<double> test_matrix(int n) {
  std::vector<double> m(static_cast<std::size_t>(n * n));
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      m[static_cast<std::size_t>(i * n + j)] = (i == j ? 10.0 : 0.0) + std::sin(1.0 + i * n + j);
  return m;
}

TEST(TensorSolveValues, InverseAndSolution) {
  CUPP_SKIP_WITHOUT_GPU();
  const std::vector<double> m = test_matrix(6);
  const auto a = cupp::asarray(m, {2, 3, 6});  // a matrix of 6 rows (2 x 3) and 6 columns
  // tensorinv(a, 2) has shape (6, 2, 3); tensordot(ainv, a, 2) is the identity (6, 6)... here
  // checked as the matrix product of the flattened forms.
  const auto ainv = cupp::linalg::tensorinv(a, 2);
  ASSERT_EQ(ainv.shape(), (shape_t{6, 2, 3}));
  const std::vector<double> inv = ainv.get();
  for (int i = 0; i < 6; ++i)
    for (int j = 0; j < 6; ++j) {
      double s = 0;
      for (int k = 0; k < 6; ++k)
        s += inv[static_cast<std::size_t>(i * 6 + k)] * m[static_cast<std::size_t>(k * 6 + j)];
      EXPECT_NEAR(s, i == j ? 1.0 : 0.0, 1e-12) << i << " " << j;
    }
  // tensorsolve(a, b) with b of shape (2, 3): x of shape (6,) with a.reshape(6, 6) @ x == b.
  const std::vector<double> bv{1, -2, 3, 0.5, 4, -1};
  const auto x = cupp::linalg::tensorsolve(a, cupp::asarray(bv, {2, 3}));
  ASSERT_EQ(x.shape(), (shape_t{6}));
  const std::vector<double> xv = x.get();
  for (int i = 0; i < 6; ++i) {
    double s = 0;
    for (int k = 0; k < 6; ++k)
      s += m[static_cast<std::size_t>(i * 6 + k)] * xv[static_cast<std::size_t>(k)];
    EXPECT_NEAR(s, bv[static_cast<std::size_t>(i)], 1e-12);
  }
  // With axes: a (6, 2, 3) array whose first axis goes to the end, b of shape (2, 3), x of
  // shape (6,); a transposed float32 input computes in float32.
  const auto at = cupp::asarray(m, {6, 6}).T().reshape({6, 2, 3}).astype<float>();
  const auto xf = cupp::linalg::tensorsolve(at, cupp::asarray(bv, {2, 3}).astype<float>(),
                                            std::vector<std::int64_t>{0});
  static_assert(std::is_same_v<decltype(xf), const cupp::ndarray<float>>);
  ASSERT_EQ(xf.shape(), (shape_t{6}));
  const std::vector<float> xfv = xf.get();
  for (int i = 0; i < 6; ++i)
    EXPECT_NEAR(xfv[static_cast<std::size_t>(i)], xv[static_cast<std::size_t>(i)], 1e-5);
}

}  // namespace
