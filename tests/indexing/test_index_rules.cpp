// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Advanced indexing without a GPU: the shapes NumPy's rules give (index dimensions in place when
// the advanced indices are adjacent, first otherwise; integers counting as advanced), NumPy's
// errors, and NVRTC compilation of every indexed-copy kernel.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "support/described.hpp"
#include "cupp/jit/compiler.hpp"
#include "support/shaped.hpp"

namespace {

using cupp::test::described;

using cupp::newaxis;
using cupp::shape_t;
using cupp::slice;
using cupp::detail::array_desc;
using cupp::detail::fancy_item;


array_desc idx(const shape_t& shape) { return described(shape, cupp::dtype::int64); }

shape_t shape_of(const shape_t& a, const std::vector<fancy_item>& items) {
  return cupp::detail::fancy_shape(described(a), items);
}

TEST(IndexRules, AdjacentIndexArraysStayInPlace) {
  const shape_t a{5, 6, 7, 8};
  // x = np.empty((5, 6, 7, 8)); i = np.zeros((2, 3), int)
  EXPECT_EQ(shape_of(a, {idx({2, 3})}), (shape_t{2, 3, 6, 7, 8}));             // x[i]
  EXPECT_EQ(shape_of(a, {slice(), idx({2, 3}), idx({3})}), (shape_t{5, 2, 3, 8}));  // x[:, i, j]
  EXPECT_EQ(shape_of(a, {cupp::ellipsis, idx({4})}), (shape_t{5, 6, 7, 4}));    // x[..., k]
  EXPECT_EQ(shape_of(a, {idx({2, 3}), std::int64_t{0}}), (shape_t{2, 3, 7, 8}));  // x[i, 0]
  EXPECT_EQ(shape_of(a, {newaxis, idx({4})}), (shape_t{1, 4, 6, 7, 8}));       // x[None, k]
  EXPECT_EQ(shape_of(a, {slice(1, 3), idx({})}), (shape_t{2, 7, 8}));  // x[1:3, np.int64(0)-like 0-d array]
}

TEST(IndexRules, SeparatedIndexArraysGoFirst) {
  const shape_t a{5, 6, 7, 8};
  // x[i, :, j]: a slice between them.
  EXPECT_EQ(shape_of(a, {idx({2, 3}), slice(), idx({3})}), (shape_t{2, 3, 6, 8}));
  // x[:, i, :, j]
  EXPECT_EQ(shape_of(a, {slice(), idx({4}), slice(), idx({4})}), (shape_t{4, 5, 7}));
  // x[0, :, i]: the integer counts as an advanced index, so they are not adjacent.
  EXPECT_EQ(shape_of(a, {std::int64_t{0}, slice(), idx({2, 3})}), (shape_t{2, 3, 6, 8}));
  // x[i, None, j]: newaxis separates too.
  EXPECT_EQ(shape_of(a, {idx({4}), newaxis, idx({4})}), (shape_t{4, 1, 7, 8}));
}

TEST(IndexRules, NumpysErrors) {
  const array_desc a = described({10, 4});
  CUPP_EXPECT_THROW_MSG(cupp::detail::fancy_shape(a, {idx({2}), idx({3})}), cupp::index_error,
                        "shape mismatch: indexing arrays could not be broadcast together with "
                        "shapes (2,) (3,) ");
  CUPP_EXPECT_THROW_MSG(cupp::detail::fancy_shape(a, {idx({2}), idx({2}), idx({2})}),
                        cupp::index_error,
                        "too many indices for array: array is 2-dimensional, but 3 were indexed");
  CUPP_EXPECT_THROW_MSG(cupp::detail::fancy_shape(a, {described({2}, cupp::dtype::float64)}),
                        cupp::index_error,
                        "arrays used as indices must be of integer (or boolean) type");
  CUPP_EXPECT_THROW_MSG(
      cupp::detail::fancy_shape(a, {cupp::ellipsis, idx({2}), cupp::ellipsis}), cupp::index_error,
      "an index can only have a single ellipsis ('...')");
  CUPP_EXPECT_THROW_MSG(cupp::detail::fancy_shape(a, {std::int64_t{10}, idx({2})}),
                        cupp::index_error, "index 10 is out of bounds for axis 0 with size 10");
  // A mask of the wrong shape is found before anything runs.
  CUPP_EXPECT_THROW_MSG(
      cupp::detail::fancy_shape(a, {described({9}, cupp::dtype::bool_)}), cupp::index_error,
      "boolean index did not match indexed array along axis 0; size of axis is 10 but size of "
      "corresponding boolean axis is 9");
  CUPP_EXPECT_THROW_MSG(
      cupp::detail::fancy_shape(a, {slice(), described({5}, cupp::dtype::bool_)}),
      cupp::index_error,
      "boolean index did not match indexed array along axis 1; size of axis is 4 but size of "
      "corresponding boolean axis is 5");
}

TEST(IndexRules, TheArrayApiPicksAdvancedIndexing) {
  const auto a = cupp::test::shaped<float>({4, 5});
  const auto i = cupp::test::shaped<std::int64_t>({3});
  // Basic items alone give a view; an array among them gives an indexed<T>.
  static_assert(std::is_same_v<decltype(a(slice(), 1)), cupp::ndarray<float>>);
  static_assert(std::is_same_v<decltype(a(slice(), i)), cupp::indexed<float>>);
  static_assert(std::is_same_v<decltype(a[i]), cupp::indexed<float>>);
  EXPECT_EQ(a(slice(), i).shape(), (shape_t{4, 3}));
  EXPECT_EQ(a[i].shape(), (shape_t{3, 5}));
}

TEST(IndexRules, EveryIndexedCopyKernelCompilesForSm90) {
  cupp::jit::compiler c("");
  for (const std::size_t itemsize : {1u, 2u, 4u, 8u, 16u}) {
    SCOPED_TRACE(itemsize);
    const auto names = cupp::detail::indexed_copy_names(itemsize);
    EXPECT_EQ(names.size(), 8u);  // 0 (any), 1, 2, 3 dimensions; gather and scatter
    EXPECT_NO_THROW(c.compile(cupp::detail::indexed_copy_source(), {}, names, 90));
  }
}

}  // namespace
