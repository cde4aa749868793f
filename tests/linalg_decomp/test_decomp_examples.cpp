// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The examples of docs/linalg_decomp.md, with the values they claim checked.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "decomp_reference.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::shape_t;

class DecompExamples : public cupp::test::GpuTest {};

TEST_F(DecompExamples, Qr) {
  // example-begin qr
  auto a = cupp::asarray<double>({3, 1, 4, 2}, {2, 2});  // [[3, 1], [4, 2]]
  auto [q, r] = cupp::linalg::qr(a);                      // a == q @ r
  auto r_only = cupp::linalg::qr(a, cupp::linalg::qr_mode::r).R;
  auto full = cupp::linalg::qr(cupp::zeros<float>({5, 3}), cupp::linalg::qr_mode::complete);
  // full.Q: (5, 5), full.R: (5, 3)
  // example-end
  EXPECT_EQ(q.shape(), (shape_t{2, 2}));
  EXPECT_NEAR(std::abs(r.get()[0]), 5.0, 1e-14);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_NEAR(r_only.get()[i], r.get()[i], 1e-14);
  EXPECT_EQ(full.Q.shape(), (shape_t{5, 5}));
  EXPECT_EQ(full.R.shape(), (shape_t{5, 3}));
}

TEST_F(DecompExamples, Svd) {
  // example-begin svd
  auto a = cupp::asarray<std::int64_t>({3, 0, 4, 5}, {2, 2});
  auto [u, s, vh] = cupp::linalg::svd(a);              // float64; s = [sqrt(45), sqrt(5)]
  cupp::ndarray<double> sv = cupp::linalg::svdvals(a);  // the same values
  auto batch = cupp::linalg::svd(cupp::ones<float>({100, 8, 5}), false);
  // batch.U: (100, 8, 5), batch.S: (100, 5), batch.Vh: (100, 5, 5)
  // example-end
  EXPECT_NEAR(s.get()[0], std::sqrt(45.0), 1e-13);
  EXPECT_NEAR(sv.get()[1], std::sqrt(5.0), 1e-13);
  EXPECT_EQ(u.shape(), (shape_t{2, 2}));
  EXPECT_EQ(vh.shape(), (shape_t{2, 2}));
  EXPECT_EQ(batch.U.shape(), (shape_t{100, 8, 5}));
  EXPECT_EQ(batch.S.shape(), (shape_t{100, 5}));
  EXPECT_EQ(batch.Vh.shape(), (shape_t{100, 5, 5}));
}

TEST_F(DecompExamples, PinvLstsqRank) {
  // example-begin lstsq
  auto a = cupp::asarray<double>({0, 1, 1, 1, 2, 1, 3, 1}, {4, 2});  // columns x and 1
  auto y = cupp::asarray<double>({-1, 0.2, 0.9, 2.1});
  auto fit = cupp::linalg::lstsq(a, y);  // fit.x = [1., -0.95], fit.residuals = [0.05]
  std::int64_t rank = fit.rank;          // 2
  auto p = cupp::linalg::pinv(a);        // (2, 4); pinv(a) @ y == fit.x
  auto r = cupp::linalg::matrix_rank(cupp::eye<float>(4));  // 0-d int64 array: 4
  // example-end
  EXPECT_NEAR(fit.x.get()[0], 1.0, 1e-12);
  EXPECT_NEAR(fit.x.get()[1], -0.95, 1e-12);
  EXPECT_NEAR(fit.residuals.get()[0], 0.05, 1e-12);
  EXPECT_EQ(rank, 2);
  EXPECT_EQ(p.shape(), (shape_t{2, 4}));
  const auto px = cupp::matmul(p, y).get();
  EXPECT_NEAR(px[0], 1.0, 1e-12);
  EXPECT_EQ(r.item(), 4);
}

TEST_F(DecompExamples, Errstate) {
  // example-begin svd_errstate
  auto a = cupp::asarray<double>({1, 2, std::nan(""), 4}, {1, 2, 2});
  // cupp::linalg::svd(a) throws cupp::linalg_error("SVD did not converge")
  {
    cupp::linalg::errstate quiet(cupp::linalg::on_error::ignore);
    auto s = cupp::linalg::svdvals(a);  // [[nan, nan]]: no exception, no synchronisation
  }
  // example-end
  EXPECT_THROW(cupp::linalg::svd(a), cupp::linalg_error);
  cupp::linalg::errstate quiet(cupp::linalg::on_error::ignore);
  const auto s = cupp::linalg::svdvals(a).get();
  EXPECT_TRUE(std::isnan(s[0]));
  EXPECT_TRUE(std::isnan(s[1]));
}

}  // namespace
