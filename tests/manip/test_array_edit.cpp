// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// append, delete_, insert, copyto, require, asarray_chkfinite and asanyarray: NumPy's argument
// errors on descriptions (no GPU), and values for every dtype against NumPy's results for the
// same positions (written out below).
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/routines/array_edit.hpp"
#include "support/described.hpp"
#include "support/dtypes.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::shape_t;
using cupp::slice;
using cupp::test::described;
using cupp::test::expect_values;

// ---- errors (host) ---------------------------------------------------------------------------

TEST(ArrayEditErrors, DeleteAsNumpy) {
  const auto a = described({3, 5});
  using cupp::detail::delete_;
  CUPP_EXPECT_THROW_MSG(delete_(a, 9, 1), cupp::index_error,
                        "index 9 is out of bounds for axis 1 with size 5");
  CUPP_EXPECT_THROW_MSG(delete_(a, -6, 1), cupp::index_error,
                        "index -6 is out of bounds for axis 1 with size 5");
  // A list of several positions: NumPy's keep[obj,] = False names axis 0.
  CUPP_EXPECT_THROW_MSG(delete_(a, {1, 9}, 1), cupp::index_error,
                        "index 9 is out of bounds for axis 0 with size 5");
  CUPP_EXPECT_THROW_MSG(delete_(a, {15}, std::nullopt), cupp::index_error,
                        "index 15 is out of bounds for axis 0 with size 15");
  CUPP_EXPECT_THROW_MSG(delete_(a, std::vector<bool>{true, false}, 1), cupp::value_error,
                        "boolean array argument obj to delete must be one dimensional and match "
                        "the axis length of 5");
  CUPP_EXPECT_THROW_MSG(delete_(a, 0, 2), cupp::axis_error,
                        "axis 2 is out of bounds for array of dimension 2");
}

TEST(ArrayEditErrors, InsertAsNumpy) {
  const auto a = described({5});
  const auto v = described({});
  using cupp::detail::insert;
  CUPP_EXPECT_THROW_MSG(insert(a, 7, v, std::nullopt), cupp::index_error,
                        "index 7 is out of bounds for axis 0 with size 5");
  CUPP_EXPECT_THROW_MSG(insert(a, -6, v, 0), cupp::index_error,
                        "index -6 is out of bounds for axis 0 with size 5");
  CUPP_EXPECT_THROW_MSG(insert(a, {7}, v, 0), cupp::index_error,
                        "index [7] is out of bounds for axis 0 with size 5");
  // Several positions: checked after they are shifted, against the new length (as NumPy).
  CUPP_EXPECT_THROW_MSG(insert(described({2, 5}), {1, 9}, v, 1), cupp::index_error,
                        "index 10 is out of bounds for axis 0 with size 7");
  CUPP_EXPECT_THROW_MSG(insert(a, 0, v, 1), cupp::axis_error,
                        "axis 1 is out of bounds for array of dimension 1");
  // values that do not fit the inserted block.
  EXPECT_THROW(insert(described({3, 4}), {1, 2}, described({3}), 1), cupp::value_error);
}

// The gather orders, against NumPy's results for n = 5 (old position k is k, the j-th inserted
// sub-array n + j): np.delete(np.arange(5), obj) and np.insert(np.arange(5), obj, 100 + j).
TEST(ArrayEditErrors, PositionsAsNumpy) {
  using cupp::detail::delete_kept;
  using V = std::vector<std::int64_t>;
  EXPECT_EQ(delete_kept(5, {4, -1, 0, 0}, 0), (V{1, 2, 3}));
  EXPECT_EQ(delete_kept(5, slice(std::nullopt, std::nullopt, -2), 0), (V{1, 3}));
  EXPECT_EQ(delete_kept(5, slice(1, std::nullopt, 3), 0), (V{0, 2, 3}));
  EXPECT_EQ(delete_kept(5, std::vector<bool>{true, false, true, false, false}, 0), (V{1, 3, 4}));
  EXPECT_EQ(delete_kept(5, std::vector<int>{}, 0), (V{0, 1, 2, 3, 4}));
  EXPECT_EQ(delete_kept(5, -5, 0), (V{1, 2, 3, 4}));
  const auto order = [](const cupp::index_obj& obj, std::int64_t numnew) {
    return cupp::detail::insert_order(5, cupp::detail::insert_indices(5, obj), obj, 0, numnew);
  };
  EXPECT_EQ(order({3, 0, 3}, 3), (V{6, 0, 1, 2, 5, 7, 3, 4}));
  EXPECT_EQ(order({-1, 5, -5}, 3), (V{7, 0, 1, 2, 3, 5, 4, 6}));
  EXPECT_EQ(order(slice(std::nullopt, std::nullopt, 2), 3), (V{5, 0, 1, 6, 2, 3, 7, 4}));
  EXPECT_EQ(order(2, 1), (V{0, 1, 5, 2, 3, 4}));
  EXPECT_EQ(order(5, 1), (V{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(order(-2, 2), (V{0, 1, 2, 5, 6, 3, 4}));  // a block of two before position 3
  EXPECT_EQ(order(std::vector<bool>{false, true, false, false, true}, 2), (V{0, 5, 1, 2, 3, 6, 4}));
}

TEST(ArrayEditErrors, CopytoAsNumpy) {
  const cupp::ndarray<std::int32_t> dst(described({3}, cupp::dtype::int32));
  const cupp::ndarray<double> src(described({3}, cupp::dtype::float64));
  CUPP_EXPECT_THROW_MSG(cupp::copyto(dst, src), cupp::type_error,
                        "Cannot cast array data from dtype('float64') to dtype('int32') "
                        "according to the rule 'same_kind'");
  const cupp::ndarray<std::int64_t> i64(described({3}, cupp::dtype::int64));
  CUPP_EXPECT_THROW_MSG(cupp::copyto(dst, i64, cupp::casting::safe), cupp::type_error,
                        "Cannot cast array data from dtype('int64') to dtype('int32') "
                        "according to the rule 'safe'");
  const cupp::ndarray<double> d22(described({2, 2}, cupp::dtype::float64));
  CUPP_EXPECT_THROW_MSG(cupp::copyto(d22, src), cupp::value_error,
                        "could not broadcast input array from shape (3,) into shape (2,2)");
  const cupp::ndarray<bool> mask(described({3}, cupp::dtype::bool_));
  const cupp::ndarray<double> d2(described({2}, cupp::dtype::float64));
  CUPP_EXPECT_THROW_MSG(cupp::copyto(d22, d2, cupp::casting::same_kind, mask), cupp::value_error,
                        "could not broadcast where mask from shape (3,) into shape (2,2)");
  // Leading length-1 dimensions of the source are dropped first, as NumPy's assignment does.
  EXPECT_NO_THROW(cupp::detail::check_copyto_shape({1, 1, 2}, {2}, "input array"));
  const cupp::ndarray<double> ro = cupp::broadcast_to(d2, {3, 2});
  CUPP_EXPECT_THROW_MSG(cupp::copyto(ro, d2), cupp::value_error,
                        "assignment destination is read-only");
}

TEST(ArrayEditErrors, RequireFlags) {
  using cupp::detail::require_flags;
  EXPECT_EQ(require_flags({"c", "W", "owndata", "ALIGNED"}), "CWOA");
  EXPECT_EQ(require_flags({"FORTRAN", "E"}), "FE");
  CUPP_EXPECT_THROW_MSG(require_flags({"C", "F"}), cupp::value_error,
                        "Cannot specify both 'C' and 'F' order");
  EXPECT_THROW(require_flags({"X"}), cupp::value_error);
  // An array that meets the requirements is returned as it is, with no device work.
  const cupp::ndarray<float> a(described({2, 3}));
  EXPECT_EQ(cupp::require(a, {"C", "A", "W", "O"}).data(), a.data());
}

// ---- values (GPU) ----------------------------------------------------------------------------

template <class T>
std::vector<T> as_values(const std::vector<int>& v) {
  std::vector<T> out;
  for (const int x : v) out.push_back(static_cast<T>(x));
  return out;
}
/// NumPy's arange(12).reshape(3, 4), cast to T.
template <class T>
cupp::ndarray<T> a34() {
  std::vector<int> v;
  for (int i = 0; i < 12; ++i) v.push_back(i);
  return cupp::asarray(as_values<T>(v), {3, 4});
}

template <class T>
class ArrayEditValues : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(ArrayEditValues, cupp::test::AllDtypes);

TYPED_TEST(ArrayEditValues, Delete) {
  using T = TypeParam;
  const auto a = a34<T>();
  // np.delete(a, [0, -1, 0], axis=1)
  expect_values(cupp::delete_(a, {0, -1, 0}, 1), {3, 2}, as_values<T>({1, 2, 5, 6, 9, 10}));
  expect_values(cupp::delete_(a, slice(std::nullopt, std::nullopt, 2), 1), {3, 2},
                as_values<T>({1, 3, 5, 7, 9, 11}));
  expect_values(cupp::delete_(a, 1), {11}, as_values<T>({0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}));
  expect_values(cupp::delete_(a, std::vector<bool>{true, false, true}, 0), {1, 4},
                as_values<T>({4, 5, 6, 7}));
  // Transposed input: np.delete(a.T, -1, axis=0).
  expect_values(cupp::delete_(a.T(), -1, 0), {3, 3}, as_values<T>({0, 4, 8, 1, 5, 9, 2, 6, 10}));
  // Empty obj, empty array, 0-d array.
  expect_values(cupp::delete_(a, std::vector<int>{}, 0), {3, 4},
                as_values<T>({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}));
  expect_values(cupp::delete_(cupp::ndarray<T>(shape_t{0, 3}), std::vector<int>{}, 0), {0, 3}, {});
  cupp::ndarray<T> s(shape_t{});
  s.fill(T(5));
  expect_values(cupp::delete_(s, 0), {0}, {});
  // A device array of positions.
  expect_values(cupp::delete_(a, cupp::asarray<std::int32_t>({2, 0}), 0), {1, 4},
                as_values<T>({4, 5, 6, 7}));
}

TYPED_TEST(ArrayEditValues, Insert) {
  using T = TypeParam;
  const auto a = a34<T>();
  const auto v3 = cupp::asarray(as_values<T>({100, 101, 102}));
  // np.insert(a, 1, [100, 101, 102], axis=1): a scalar obj moves the values to the axis.
  expect_values(cupp::insert(a, 1, v3, 1), {3, 5},
                as_values<T>({0, 100, 1, 2, 3, 4, 101, 5, 6, 7, 8, 102, 9, 10, 11}));
  // np.insert(a, [1, 1, -1], [100, 101, 102], axis=1): one column before each position.
  expect_values(cupp::insert(a, {1, 1, -1}, v3, 1), {3, 7},
                as_values<T>({0, 100, 101, 1, 2,   102, 3, 4,  100, 101, 5,
                              6, 102, 7,   8, 100, 101, 9, 10, 102, 11}));
  expect_values(cupp::insert(a, 2, T(100)), {13},
                as_values<T>({0, 1, 100, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}));
  // Transposed input, values of another dtype: np.insert(a.T, 1, [[100], [101]], axis=0).
  const auto v21 = cupp::asarray<std::int32_t>({{100}, {101}});
  expect_values(cupp::insert(a.T(), 1, v21, 0), {6, 3},
                as_values<T>({0, 4, 8, 100, 100, 100, 101, 101, 101, 1, 5, 9, 2, 6, 10, 3, 7, 11}));
  expect_values(
      cupp::insert(a, slice(1, 3), T(100), 0), {5, 4},
      as_values<T>({0, 1, 2, 3, 100, 100, 100, 100, 4, 5, 6, 7, 100, 100, 100, 100, 8, 9, 10, 11}));
  // At the end: np.insert(a, [4], [7, 8, 9], axis=1).
  expect_values(cupp::insert(a, {4}, cupp::asarray(as_values<T>({7, 8, 9})), 1), {3, 7},
                as_values<T>({0, 1, 2, 3, 7, 8, 9, 4, 5, 6, 7, 7, 8, 9, 8, 9, 10, 11, 7, 8, 9}));
  // 0-d and empty arrays.
  cupp::ndarray<T> s(shape_t{});
  s.fill(T(5));
  expect_values(cupp::insert(s, 0, T(1)), {2}, as_values<T>({1, 5}));
  expect_values(cupp::insert(cupp::ndarray<T>(shape_t{0}), 0, T(1)), {1}, as_values<T>({1}));
}

TYPED_TEST(ArrayEditValues, AppendAndCopyto) {
  using T = TypeParam;
  const auto a = a34<T>();
  const auto v = cupp::asarray(as_values<T>({20, 21, 22, 23}));
  expect_values(cupp::append(a, v.reshape({1, 4}), 0), {4, 4},
                as_values<T>({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 20, 21, 22, 23}));
  expect_values(cupp::append(a(slice(), 0), v), {7}, as_values<T>({0, 4, 8, 20, 21, 22, 23}));
  expect_values(cupp::append(a(0, 0), T(9)), {2}, as_values<T>({0, 9}));

  // copyto broadcasts the source over the rows of a transposed destination.
  cupp::ndarray<T> dst = cupp::zeros<T>({3, 4});
  cupp::copyto(dst.T(), cupp::asarray(as_values<T>({7, 8, 9})));
  expect_values(dst, {3, 4}, as_values<T>({7, 7, 7, 7, 8, 8, 8, 8, 9, 9, 9, 9}));
  const auto mask = cupp::asarray<bool>({true, false, false, true});
  cupp::copyto(dst, a, cupp::casting::same_kind, mask);
  expect_values(dst, {3, 4}, as_values<T>({0, 7, 7, 3, 4, 8, 8, 7, 8, 9, 9, 11}));
  cupp::copyto(dst, T(1), mask);
  expect_values(dst, {3, 4}, as_values<T>({1, 7, 7, 1, 1, 8, 8, 1, 1, 9, 9, 1}));
  cupp::copyto(dst(slice(0, 0)), a(slice(0, 0)));  // empty
}

TEST(ArrayEditExamples, AppendPromotesAndChkfinite) {
  CUPP_SKIP_WITHOUT_GPU();
  const auto i = cupp::asarray<std::int64_t>({1, 2});
  const auto f = cupp::asarray<double>({0.5});
  const cupp::ndarray<double> r = cupp::append(i, f);
  EXPECT_EQ(r.get(), (std::vector<double>{1, 2, 0.5}));
  // copyto with unsafe casting truncates, as NumPy.
  auto dst = cupp::zeros<std::int32_t>({2});
  cupp::copyto(dst, cupp::asarray<double>({1.7, -2.5}), cupp::casting::unsafe);
  EXPECT_EQ(dst.get(), (std::vector<std::int32_t>{1, -2}));

  const auto ok = cupp::asarray<float>({1, 2});
  EXPECT_EQ(cupp::asarray_chkfinite(ok).data(), ok.data());
  CUPP_EXPECT_THROW_MSG(
      cupp::asarray_chkfinite(cupp::asarray<float>({1, std::numeric_limits<float>::infinity()})),
      cupp::value_error, "array must not contain infs or NaNs");
  CUPP_EXPECT_THROW_MSG(cupp::asarray_chkfinite(cupp::asarray<double>({std::nan("")})),
                        cupp::value_error, "array must not contain infs or NaNs");
  EXPECT_EQ(cupp::asanyarray(ok).data(), ok.data());

  // require copies what does not meet the requirements.
  const auto m = cupp::asarray<float>({{1, 2, 3}, {4, 5, 6}});
  const auto t = cupp::require(m.T(), {"C"});
  EXPECT_TRUE(t.is_c_contiguous());
  EXPECT_EQ(t.get(), (std::vector<float>{1, 4, 2, 5, 3, 6}));
  EXPECT_TRUE(cupp::require(m, {"F"}).is_f_contiguous());
  EXPECT_FALSE(cupp::require(m(0), {"O"}).base().has_value());
  EXPECT_EQ((cupp::require<double>(m).get()), (std::vector<double>{1, 2, 3, 4, 5, 6}));
}

}  // namespace
