// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// msort and sort_complex against values NumPy gives.
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <vector>

#include "cupp/array.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::ndarray;
using cupp::shape_t;
using cd = std::complex<double>;

class SortTail : public cupp::test::GpuTest {};

TEST_F(SortTail, MsortSortsAlongTheFirstAxis) {
  // np.sort(a, axis=0) of [[3, 1], [1, 2], [2, 0]]
  const auto a = cupp::asarray<std::int32_t>({3, 1, 1, 2, 2, 0}, shape_t{3, 2});
  const auto s = cupp::msort(a);
  EXPECT_EQ(s.shape(), (shape_t{3, 2}));
  EXPECT_EQ(s.get(), (std::vector<std::int32_t>{1, 0, 2, 1, 3, 2}));
  // Transposed, [[3, 1, 2], [1, 2, 0]]: each column sorted.
  EXPECT_EQ(cupp::msort(a.T()).get(), (std::vector<std::int32_t>{1, 1, 0, 3, 2, 2}));
  EXPECT_EQ(cupp::msort(cupp::asarray<float>({2.f, -1.f, 0.5f})).get(),
            (std::vector<float>{-1.f, 0.5f, 2.f}));
  EXPECT_EQ(cupp::msort(ndarray<double>(shape_t{0, 3})).shape(), (shape_t{0, 3}));
}

TEST_F(SortTail, SortComplexByRealThenImaginary) {
  // np.sort_complex([1+2j, 1-1j, 5j]) == [5j, 1-1j, 1+2j]
  const auto c = cupp::asarray<cd>({{1, 2}, {1, -1}, {0, 5}});
  EXPECT_EQ(cupp::sort_complex(c).get(), (std::vector<cd>{{0, 5}, {1, -1}, {1, 2}}));
  // Real input gives complex: int8 as complex64, float32 as complex128.
  const auto i8 = cupp::sort_complex(cupp::asarray<std::int8_t>({3, -1, 2}));
  EXPECT_EQ(i8.get(), (std::vector<std::complex<float>>{{-1, 0}, {2, 0}, {3, 0}}));
  // Along the last axis of a 2-D array.
  const auto f = cupp::sort_complex(cupp::asarray<float>({3, 1, 2, 0}, shape_t{2, 2}));
  EXPECT_EQ(f.shape(), (shape_t{2, 2}));
  EXPECT_EQ(f.get(), (std::vector<cd>{{1, 0}, {3, 0}, {0, 0}, {2, 0}}));
}

}  // namespace
