// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// diagflat, vander, fromfunction, mgrid, ogrid, frombuffer, fromstring and fromiter: argument
// errors and host parsing (no GPU), the fromfunction kernel compiled with NVRTC (no GPU), and
// values against NumPy's (written out below) or plain host loops.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdint>
#include <cstring>
#include <list>
#include <string>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/routines/creation_extra.hpp"
#include "support/described.hpp"
#include "support/dtypes.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::shape_t;
using cupp::test::described;
using cupp::test::expect_values;

// ---- host ------------------------------------------------------------------------------------

TEST(CreationExtraHost, FrombufferChecks) {
  using cupp::detail::frombuffer_count;
  EXPECT_EQ(frombuffer_count(8, 2, -1, 0), 4);
  EXPECT_EQ(frombuffer_count(8, 2, 2, 2), 2);
  EXPECT_EQ(frombuffer_count(0, 2, -1, 0), 0);
  CUPP_EXPECT_THROW_MSG(frombuffer_count(3, 2, -1, 0), cupp::value_error,
                        "buffer size must be a multiple of element size");
  CUPP_EXPECT_THROW_MSG(frombuffer_count(4, 2, -1, 5), cupp::value_error,
                        "offset must be non-negative and no greater than buffer length (4)");
  CUPP_EXPECT_THROW_MSG(frombuffer_count(4, 2, -1, -1), cupp::value_error,
                        "offset must be non-negative and no greater than buffer length (4)");
  CUPP_EXPECT_THROW_MSG(frombuffer_count(4, 2, 3, 0), cupp::value_error,
                        "buffer is smaller than requested size");
}

TEST(CreationExtraHost, FromstringParsing) {
  using cupp::detail::parse_separated;
  using cupp::detail::parse_separated_integers;
  EXPECT_EQ(parse_separated("1 2\n 3.5", " ", -1), (std::vector<double>{1, 2, 3.5}));
  EXPECT_EQ(parse_separated("1, 2 ,3", ",", -1), (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(parse_separated("  ", " ", -1), (std::vector<double>{}));
  EXPECT_EQ(parse_separated("1 2 3", " ", 2), (std::vector<double>{1, 2}));
  EXPECT_EQ(parse_separated_integers("-1;2; 30", ";", -1), (std::vector<std::int64_t>{-1, 2, 30}));
  CUPP_EXPECT_THROW_MSG(parse_separated("1 2", "", -1), cupp::value_error,
                        "The binary mode of fromstring is removed, use frombuffer instead");
  CUPP_EXPECT_THROW_MSG(parse_separated("1, 2, x", ",", -1), cupp::value_error,
                        "string or file could not be read to its end due to unmatched data");
  CUPP_EXPECT_THROW_MSG(parse_separated("1 2", ",", -1), cupp::value_error,
                        "string or file could not be read to its end due to unmatched data");
  CUPP_EXPECT_THROW_MSG(parse_separated("1 2 3", " ", 5), cupp::value_error,
                        "string is smaller than requested size");
}

TEST(CreationExtraHost, GridDtypeAndSlices) {
  using cupp::grid_slice;
  using cupp::detail::grid_dtype;
  EXPECT_EQ(grid_dtype({cupp::slice(0, 5), grid_slice(1, 7, 2)}), cupp::dtype::int64);
  EXPECT_EQ(grid_dtype({cupp::slice(0, 5), grid_slice(0, 1, 0.25)}), cupp::dtype::float64);
  EXPECT_EQ(grid_dtype({grid_slice(-1, 1, cupp::npoints(5))}), cupp::dtype::float64);
  CUPP_EXPECT_THROW_MSG(grid_slice(cupp::slice(1, std::nullopt)).start, cupp::value_error,
                        "mgrid/ogrid: a slice needs a stop");
  EXPECT_EQ(grid_slice(cupp::slice(2, 8, 3)).step, 3.0);
}

TEST(CreationExtraHost, ArgumentErrors) {
  const cupp::ndarray<float> m(described({2, 2}));
  CUPP_EXPECT_THROW_MSG(cupp::vander(m), cupp::value_error,
                        "x must be a one-dimensional array or sequence.");
  static_assert(std::is_same_v<decltype(cupp::vander(m(0))), cupp::ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::vander(cupp::ndarray<std::int8_t>())),
                               cupp::ndarray<std::int64_t>>);
  static_assert(std::is_same_v<decltype(cupp::vander(
                                   cupp::ndarray<bool>(described({0}, cupp::dtype::bool_)))),
                               cupp::ndarray<std::int64_t>>);
  CUPP_EXPECT_THROW_MSG(cupp::fromiter<int>(std::vector<int>{1, 2}, 5), cupp::value_error,
                        "iterator too short: Expected 5 but iterator had only 2 items.");
  CUPP_EXPECT_THROW_MSG(cupp::fromstring<std::complex<float>>("1 2", " "),
                        cupp::not_implemented_error,
                        "fromstring: complex dtypes are not supported");
}

// The kernel of fromfunction's expression form compiles with NVRTC for a Hopper target.
TEST(CreationExtraHost, FromfunctionKernelCompiles) {
  using cupp::detail::fromfunction_kernel;
  EXPECT_NO_THROW(fromfunction_kernel("i0 * 10 + i1", 2, cupp::dtype::float32)->compile_all(90));
  EXPECT_NO_THROW(fromfunction_kernel("i0 == i1 ? 1 : 0", 2, cupp::dtype::int32)->compile_all(90));
  EXPECT_NO_THROW(fromfunction_kernel("T(7)", 0, cupp::dtype::float32)->compile_all(90));
  EXPECT_NO_THROW(fromfunction_kernel("i0 * i0", 1, cupp::dtype::complex128)->compile_all(90));
  EXPECT_THROW(fromfunction_kernel("i0 +", 1, cupp::dtype::float32)->compile_all(90),
               cupp::compile_error);
}

// ---- values (GPU) ----------------------------------------------------------------------------

template <class T>
std::vector<T> as_values(const std::vector<double>& v) {
  std::vector<T> out;
  for (const double x : v) out.push_back(static_cast<T>(x));
  return out;
}

template <class T>
class CreationExtraValues : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(CreationExtraValues, cupp::test::AllDtypes);

TYPED_TEST(CreationExtraValues, DiagflatFrombufferFromiter) {
  using T = TypeParam;
  // np.diagflat([[1, 2], [3, 4]].T, -1), read through a transposed view.
  const auto m = cupp::asarray(as_values<T>({1, 2, 3, 4}), {2, 2}).T();
  std::vector<double> want(25, 0.0);
  const double d[4] = {1, 3, 2, 4};
  for (int i = 0; i < 4; ++i) want[static_cast<std::size_t>((i + 1) * 5 + i)] = d[i];
  expect_values(cupp::diagflat(m, -1), {5, 5}, as_values<T>(want));
  expect_values(cupp::diagflat(cupp::ndarray<T>(shape_t{0})), {0, 0}, {});

  const std::vector<T> host = as_values<T>({5, 6, 7, 8});
  std::vector<unsigned char> buf(host.size() * sizeof(T));
  for (std::size_t i = 0; i < host.size(); ++i) {
    const T v = host[i];
    std::memcpy(buf.data() + i * sizeof(T), &v, sizeof(T));
  }
  expect_values(cupp::frombuffer<T>(buf), {4}, host);
  expect_values(cupp::frombuffer<T>(buf, 2, static_cast<std::int64_t>(sizeof(T))), {2},
                as_values<T>({6, 7}));
  expect_values(cupp::fromiter<T>(std::list<double>{1, 2, 3}, 2), {2}, as_values<T>({1, 2}));
  expect_values(cupp::fromiter<T>(std::vector<int>{}), {0}, {});
}

TYPED_TEST(CreationExtraValues, FromfunctionCallable) {
  using T = TypeParam;
  // np.fromfunction(lambda i, j: i + j, (2, 3), dtype=T)
  const auto sum = cupp::fromfunction<T>(
      [](const cupp::ndarray<T>& i, const cupp::ndarray<T>& j) { return cupp::ndarray<T>(i + j); },
      {2, 3});
  expect_values(sum, {2, 3}, as_values<T>({0, 1, 2, 1, 2, 3}));
  const auto first =
      cupp::fromfunction<T>([](const std::vector<cupp::ndarray<T>>& g) { return g[0]; }, {3, 0});
  expect_values(first, {3, 0}, {});
}

TEST(CreationExtraExamples, Values) {
  CUPP_SKIP_WITHOUT_GPU();
  // np.vander([1, 2, 3], 4) and increasing=True, N=2.
  const auto x = cupp::asarray<std::int32_t>({1, 2, 3});
  expect_values(cupp::vander(x, 4), {3, 4},
                std::vector<std::int64_t>{1, 1, 1, 1, 8, 4, 2, 1, 27, 9, 3, 1});
  expect_values(cupp::vander(x, 2, true), {3, 2}, std::vector<std::int64_t>{1, 1, 1, 2, 1, 3});
  expect_values(cupp::vander(x, 0), {3, 0}, std::vector<std::int64_t>{});
  const auto xf = cupp::asarray<float>({0.5f, -2.0f});
  const cupp::ndarray<double> vf = cupp::vander(xf(cupp::slice(std::nullopt, std::nullopt, -1)));
  EXPECT_EQ(vf.get(), (std::vector<double>{-2.0, 1.0, 0.5, 1.0}));

  // fromfunction's expression form: np.fromfunction(lambda i, j: i * 10 + j, (2, 3)).
  expect_values(cupp::fromfunction("i0 * 10 + i1", {2, 3}), {2, 3},
                std::vector<double>{0, 1, 2, 10, 11, 12});
  expect_values(cupp::fromfunction<std::int32_t>("i0 == i1 ? 1 : 0", {2, 2}), {2, 2},
                std::vector<std::int32_t>{1, 0, 0, 1});
  expect_values(cupp::fromfunction<float>("T(7)", {}), {}, std::vector<float>{7});
  // Float index grids by default, as NumPy's dtype=float.
  const cupp::ndarray<double> half = cupp::fromfunction(
      [](const cupp::ndarray<double>& i) { return cupp::ndarray<double>(i / 2.0); }, {3});
  EXPECT_EQ(half.get(), (std::vector<double>{0, 0.5, 1}));

  // np.mgrid[0:2, 1:7:2] (int64) and np.mgrid[0:1:3j] (float64).
  const cupp::array g = cupp::mgrid({cupp::slice(0, 2), cupp::grid_slice(1, 7, 2)});
  EXPECT_EQ(g.dtype(), cupp::dtype::int64);
  expect_values(g.as<std::int64_t>(), {2, 2, 3},
                std::vector<std::int64_t>{0, 0, 0, 1, 1, 1, 1, 3, 5, 1, 3, 5});
  const cupp::array p = cupp::mgrid({cupp::grid_slice(0, 1, cupp::npoints(3))});
  expect_values(p.as<double>(), {3}, std::vector<double>{0, 0.5, 1});
  expect_values(cupp::mgrid<float>({cupp::grid_slice(0, 1, 0.25)}), {4},
                std::vector<float>{0, 0.25, 0.5, 0.75});
  expect_values(cupp::mgrid({cupp::slice(5, 0)}).as<std::int64_t>(), {0}, {});
  // np.ogrid[0:2, -1:1:3j]
  const auto o = cupp::ogrid({cupp::slice(0, 2), cupp::grid_slice(-1, 1, cupp::npoints(3))});
  ASSERT_EQ(o.size(), 2u);
  expect_values(o[0].as<double>(), {2, 1}, std::vector<double>{0, 1});
  expect_values(o[1].as<double>(), {1, 3}, std::vector<double>{-1, 0, 1});
  const auto oi = cupp::ogrid<std::int16_t>({cupp::slice(0, 3)});
  expect_values(oi[0], {3}, std::vector<std::int16_t>{0, 1, 2});

  expect_values(cupp::fromstring("1 2 3.5", " "), {3}, std::vector<double>{1, 2, 3.5});
  expect_values(cupp::fromstring<std::uint8_t>("1,2", ","), {2}, std::vector<std::uint8_t>{1, 2});
  expect_values(cupp::frombuffer<std::int16_t>(std::string("\x01\x00\x02\x00", 4)), {2},
                std::vector<std::int16_t>{1, 2});
}

}  // namespace
