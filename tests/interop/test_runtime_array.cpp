// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::array, the array whose dtype is a run-time value: made from an ndarray<T> it shares the
// memory; as<T>() checks the dtype; visit() reaches the typed array. Its creation routines,
// conversions, views, operators, ufuncs and reductions on the GPU, against host loops and
// against the typed path for the same operands (dtype and bits). The host-side parts (dtype
// resolution, generated source, errors) are in test_runtime_types.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "cupp/array.hpp"
#include "support/dtypes.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::dtype;
using cupp::shape_t;
using cupp::slice;

class RuntimeArray : public cupp::test::GpuTest {};

// `got` has the dtype, shape and elements (bit for bit) of the typed expression or array `typed`.
template <class Typed>
void expect_same_as_typed(const cupp::array& got, const Typed& typed) {
  const auto want = typed.eval();
  using R = typename std::decay_t<decltype(want)>::value_type;
  ASSERT_EQ(got.dtype(), cupp::dtype_of<R>);
  ASSERT_EQ(got.shape(), want.shape());
  const std::vector<R> g = got.get<R>(), w = want.get();
  ASSERT_EQ(g.size(), w.size());
  for (std::size_t k = 0; k < g.size(); ++k) {
    if constexpr (std::is_same_v<R, bool>)
      EXPECT_EQ(static_cast<bool>(g[k]), static_cast<bool>(w[k])) << "at " << k;
    else
      EXPECT_TRUE(cupp::test::same_bits<R>(g[k], w[k])) << "at " << k;
  }
}

TEST_F(RuntimeArray, SharesTheMemoryAndDescriptionOfItsNdarray) {
  auto a = cupp::asarray<float>(std::vector<float>{1, 2, 3, 4, 5, 6}, {2, 3});
  cupp::array r = a.T();
  EXPECT_EQ(r.dtype(), cupp::dtype::float32);
  EXPECT_EQ(r.shape(), (cupp::shape_t{3, 2}));
  EXPECT_EQ(r.strides(), (cupp::strides_t{1, 3}));
  EXPECT_EQ(r.data(), static_cast<void*>(a.data()));
  EXPECT_EQ(r.itemsize(), 4u);
  EXPECT_EQ(r.nbytes(), 24u);
  EXPECT_TRUE(r.is_f_contiguous());
  a.fill(7.f);
  EXPECT_EQ(r.as<float>().get(), (std::vector<float>(6, 7.f)));
}

TEST_F(RuntimeArray, AsChecksTheDtypeAndNamesBoth) {
  cupp::array r = cupp::zeros<std::int16_t>({3});
  try {
    (void)r.as<double>();
    FAIL() << "as<double>() of an int16 array did not throw";
  } catch (const cupp::type_error& e) {
    EXPECT_NE(std::string(e.what()).find("int16"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("float64"), std::string::npos) << e.what();
  }
}

TEST_F(RuntimeArray, VisitCallsTheFunctionWithTheTypedArray) {
  cupp::array r = cupp::asarray<std::int64_t>(std::vector<std::int64_t>{5, -2, 9});
  const std::string name = r.visit([](const auto& a) {
    using T = typename std::decay_t<decltype(a)>::value_type;
    return std::string(cupp::dtype_name(cupp::dtype_of<T>));
  });
  EXPECT_EQ(name, "int64");
  EXPECT_EQ(r.astype<double>().get(), (std::vector<double>{5, -2, 9}));
}

// ---- creation, conversions, writing ------------------------------------------------------------

TEST_F(RuntimeArray, CreationWithARunTimeDtype) {
  // example-begin runtime_array_creation
  cupp::array z = cupp::zeros({2, 3}, cupp::dtype::int16);  // np.zeros((2, 3), np.int16)
  cupp::array c = cupp::full({2}, std::complex<double>(1, -2), cupp::dtype::complex64);
  cupp::array t = cupp::full({3}, 1.75, cupp::dtype::int32);  // 1.75 truncates to 1
  cupp::array u = cupp::array({4}, cupp::dtype::uint8);       // np.empty(4, np.uint8)
  u.fill(200);
  // example-end
  EXPECT_EQ(z.dtype(), dtype::int16);
  EXPECT_EQ(z.shape(), (shape_t{2, 3}));
  EXPECT_EQ(z.get<std::int16_t>(), (std::vector<std::int16_t>(6, 0)));
  EXPECT_EQ(c.get<std::complex<float>>(),
            (std::vector<std::complex<float>>(2, std::complex<float>(1, -2))));
  EXPECT_EQ(t.get<std::int32_t>(), (std::vector<std::int32_t>{1, 1, 1}));
  EXPECT_EQ(u.get<std::uint8_t>(), (std::vector<std::uint8_t>(4, 200)));
  EXPECT_EQ(cupp::ones({3}, dtype::bool_).get<bool>(), (std::vector<bool>(3, true)));
  EXPECT_EQ(cupp::full({2}, 7, dtype::float16).get<float>(), (std::vector<float>{7, 7}));
  EXPECT_EQ(
      cupp::full({1}, std::uint64_t{18446744073709551615u}, dtype::uint64).item<std::uint64_t>(),
      std::numeric_limits<std::uint64_t>::max());
  const cupp::array f = cupp::empty({2, 3}, dtype::float64, 'F');
  EXPECT_TRUE(f.is_f_contiguous());
  const cupp::array like = cupp::ones_like(cupp::array(f.T()));
  EXPECT_EQ(like.shape(), (shape_t{3, 2}));
  EXPECT_TRUE(like.is_c_contiguous());  // 'K': the prototype's layout, C for F's transpose
  EXPECT_EQ(like.get<double>(), (std::vector<double>(6, 1.0)));
  EXPECT_EQ(cupp::zeros_like(z).dtype(), dtype::int16);
  // NumPy 2: np.zeros(2, np.int8).fill(300) is OverflowError.
  cupp::array i8 = cupp::zeros({2}, dtype::int8);
  EXPECT_THROW(i8.fill(300), cupp::overflow_error);
  i8.fill(-128);
  EXPECT_EQ(i8.get<std::int8_t>(), (std::vector<std::int8_t>{-128, -128}));
}

TEST_F(RuntimeArray, AstypeCopyGetAndItemConvert) {
  const cupp::array d = cupp::asarray<double>({1.7, -2.5, 300.25});
  // example-begin runtime_array_convert
  cupp::array i = d.astype(cupp::dtype::int32);    // d.astype(np.int32): truncates
  std::vector<double> back = i.get<double>();      // int32 -> float64 is safe
  std::int32_t first = i(0).item<std::int32_t>();  // a 0-d view, then its element
  // d.get<int>() would be a type_error: float64 -> int32 is not safe
  std::vector<int> lossy = d.get<int>(cupp::casting::unsafe);
  // example-end
  EXPECT_EQ(i.dtype(), dtype::int32);
  EXPECT_EQ(back, (std::vector<double>{1, -2, 300}));
  EXPECT_EQ(first, 1);
  EXPECT_EQ(lossy, (std::vector<int>{1, -2, 300}));
  EXPECT_THROW((void)d.get<int>(), cupp::type_error);
  EXPECT_EQ(d.astype(dtype::bool_).get<bool>(), (std::vector<bool>{true, true, true}));
  EXPECT_EQ(d.astype<float>().get(), (std::vector<float>{1.7f, -2.5f, 300.25f}));
  EXPECT_EQ(d.astype(dtype::float64).data() == d.data(), false);  // astype copies
  // copy() is a C-contiguous copy of a strided view, with memory of its own.
  cupp::array m = cupp::asarray<std::int16_t>({1, 2, 3, 4, 5, 6}, {2, 3});
  cupp::array ct = m.T().copy();
  EXPECT_TRUE(ct.is_c_contiguous());
  m.fill(0);
  EXPECT_EQ(ct.get<std::int16_t>(), (std::vector<std::int16_t>{1, 4, 2, 5, 3, 6}));
}

TEST_F(RuntimeArray, ViewsShareMemoryAndAssignmentWritesIntoThem) {
  cupp::array a = cupp::asarray<std::int32_t>({0, 1, 2, 3, 4, 5}, {2, 3});
  // example-begin runtime_array_views
  cupp::array row = a(1);                                  // a[1]: a view
  cupp::array col = a(slice(), 2);                         // a[:, 2]
  a(0, slice(0, 2)) = cupp::asarray<double>({9.75, 8.5});  // cast as NumPy's setitem: 9, 8
  row = row.reshape({3, 1});                               // rebinds `row`; a is unchanged
  a["1, ::2"] = 7;                                         // writes 7 into a[1, 0] and a[1, 2]
  // example-end
  EXPECT_EQ(a.get<std::int32_t>(), (std::vector<std::int32_t>{9, 8, 2, 7, 4, 7}));
  EXPECT_EQ(row.shape(), (shape_t{3, 1}));
  EXPECT_EQ(row.get<std::int32_t>(), (std::vector<std::int32_t>{7, 4, 7}));
  EXPECT_EQ(col.get<std::int32_t>(), (std::vector<std::int32_t>{2, 7}));
  EXPECT_EQ(a.T().get<std::int32_t>(), (std::vector<std::int32_t>{9, 7, 8, 4, 2, 7}));
  EXPECT_EQ(a.flatten().get<std::int32_t>(), a.ravel().get<std::int32_t>());
  EXPECT_EQ(a["::-1"].get<std::int32_t>(), (std::vector<std::int32_t>{7, 4, 7, 9, 8, 2}));
  // Writing through a view of another dtype's memory.
  cupp::array f = cupp::zeros({4}, dtype::float32);
  f["1:3"] = 2.5;
  EXPECT_EQ(f.get<float>(), (std::vector<float>{0, 2.5f, 2.5f, 0}));
}

// ---- elementwise operations -------------------------------------------------------------------

TEST_F(RuntimeArray, MixedDtypesAgainstHostLoopsAndTheTypedPath) {
  const std::vector<std::int8_t> hi8 = {-128, -3, 0, 5, 127, 42};
  const std::vector<float> hf32 = {0.5f, -1.25f, 3.0f, 1e3f, -0.0f, 2.5f};
  const auto ti8 = cupp::asarray(hi8, {2, 3});
  const auto tf32 = cupp::asarray(hf32, {2, 3});
  // example-begin runtime_array_ops
  cupp::array a = ti8, b = tf32;          // dtypes known only at run time
  cupp::array s = a + b;                  // int8 + float32 -> float32, as NumPy
  cupp::array k = a * 2;                  // a C++ int is a weak scalar: int8 stays int8
  cupp::array m = cupp::maximum(a, 0.5);  // a weak float: int8 -> float64
  cupp::array lt = b < a;                 // comparisons give bool
  // example-end
  ASSERT_EQ(s.dtype(), dtype::float32);
  ASSERT_EQ(k.dtype(), dtype::int8);
  ASSERT_EQ(m.dtype(), dtype::float64);
  ASSERT_EQ(lt.dtype(), dtype::bool_);
  const auto gs = s.get<float>();
  const auto gk = k.get<std::int8_t>();
  const auto gm = m.get<double>();
  const auto glt = lt.get<bool>();
  for (std::size_t i = 0; i < hi8.size(); ++i) {
    EXPECT_EQ(gs[i], static_cast<float>(hi8[i]) + hf32[i]) << i;
    EXPECT_EQ(gk[i], static_cast<std::int8_t>(hi8[i] * 2)) << i;  // wraps, as NumPy
    EXPECT_EQ(gm[i], std::max(static_cast<double>(hi8[i]), 0.5)) << i;
    EXPECT_EQ(glt[i], hf32[i] < static_cast<float>(hi8[i])) << i;
  }
  expect_same_as_typed(s, ti8 + tf32);
  expect_same_as_typed(k, ti8 * 2);
  expect_same_as_typed(m, cupp::maximum(ti8, 0.5));
  expect_same_as_typed(lt, tf32 < ti8);
  // Mixing a cupp::array with a typed array.
  expect_same_as_typed(a - tf32, ti8 - tf32);
  expect_same_as_typed(tf32 / a, tf32 / ti8);

  // uint64 + int64 -> float64 (NumPy has no integer type for both).
  const std::vector<std::uint64_t> hu = {0, 1, 18446744073709551615u, 9007199254740993u};
  const std::vector<std::int64_t> hs = {-1, 2, -9223372036854775807 - 1, 1};
  const auto tu = cupp::asarray(hu);
  const auto ts = cupp::asarray(hs);
  const cupp::array us = cupp::array(tu) + cupp::array(ts);
  ASSERT_EQ(us.dtype(), dtype::float64);
  const auto gus = us.get<double>();
  for (std::size_t i = 0; i < hu.size(); ++i)
    EXPECT_EQ(gus[i], static_cast<double>(hu[i]) + static_cast<double>(hs[i])) << i;
  expect_same_as_typed(us, tu + ts);
  expect_same_as_typed(cupp::array(tu) > cupp::array(ts), tu > ts);

  // bool + bool is bool (logical or), bool * bool logical and; int16 with a C++ int stays
  // int16 and wraps; int32 / int32 is float64; complex64 * float64 is complex128.
  const auto tb1 = cupp::asarray<bool>({true, true, false, false});
  const auto tb2 = cupp::asarray<bool>({true, false, true, false});
  const cupp::array b1 = tb1, b2 = tb2;
  EXPECT_EQ((b1 + b2).dtype(), dtype::bool_);
  EXPECT_EQ((b1 + b2).get<bool>(), (std::vector<bool>{true, true, true, false}));
  EXPECT_EQ((b1 * b2).get<bool>(), (std::vector<bool>{true, false, false, false}));
  expect_same_as_typed(b1 + b2, tb1 + tb2);
  expect_same_as_typed(b1 ^ b2, tb1 ^ tb2);
  const auto ti16 = cupp::asarray<std::int16_t>({32767, -32768, 5});
  const cupp::array i16 = ti16;
  const cupp::array w = i16 + 3;
  EXPECT_EQ(w.dtype(), dtype::int16);
  EXPECT_EQ(w.get<std::int16_t>(), (std::vector<std::int16_t>{-32766, -32765, 8}));
  const auto ti32 = cupp::asarray<std::int32_t>({7, -7, 1});
  const auto tj32 = cupp::asarray<std::int32_t>({2, 2, 3});
  const cupp::array q = cupp::array(ti32) / cupp::array(tj32);
  EXPECT_EQ(q.dtype(), dtype::float64);
  EXPECT_EQ(q.get<double>(), (std::vector<double>{3.5, -3.5, 1.0 / 3.0}));
  // NumPy's %: the sign of the divisor; // floors.
  EXPECT_EQ((cupp::array(ti32) % cupp::array(tj32)).get<std::int32_t>(),
            (std::vector<std::int32_t>{1, 1, 1}));
  EXPECT_EQ(cupp::floor_divide(cupp::array(ti32), 2).get<std::int32_t>(),
            (std::vector<std::int32_t>{3, -4, 0}));
  const auto tc = cupp::asarray(std::vector<std::complex<float>>{{1, 2}, {-0.5f, 4}});
  const auto td = cupp::asarray<double>({2, -4});
  const cupp::array cd = cupp::array(tc) * cupp::array(td);
  EXPECT_EQ(cd.dtype(), dtype::complex128);
  EXPECT_EQ(cd.get<std::complex<double>>(), (std::vector<std::complex<double>>{{2, 4}, {2, -16}}));
  expect_same_as_typed(cd, tc * td);
  // float16 with a C++ double stays float16 (NEP 50).
  const auto th = cupp::asarray<cupp::float16>({1, 2, 3});
  expect_same_as_typed(cupp::array(th) * 0.5, th * 0.5);
  EXPECT_EQ((cupp::array(th) * 0.5).dtype(), dtype::float16);
}

TEST_F(RuntimeArray, UnaryBitwiseAndUfuncs) {
  const auto tu8 = cupp::asarray<std::uint8_t>({0, 1, 128, 255});
  const auto tv8 = cupp::asarray<std::uint8_t>({255, 3, 129, 15});
  const cupp::array u = tu8, v = tv8;
  EXPECT_EQ((u & v).get<std::uint8_t>(), (std::vector<std::uint8_t>{0, 1, 128, 15}));
  EXPECT_EQ((u | 2).get<std::uint8_t>(), (std::vector<std::uint8_t>{2, 3, 130, 255}));
  EXPECT_EQ((~u).get<std::uint8_t>(), (std::vector<std::uint8_t>{255, 254, 127, 0}));
  EXPECT_EQ((u << 1).dtype(), dtype::uint8);
  expect_same_as_typed(u << 1, tu8 << 1);
  expect_same_as_typed(-u, -tu8);  // wraps, as NumPy
  expect_same_as_typed(!u, !tu8);
  const auto tb = cupp::asarray<bool>({true, false});
  EXPECT_EQ((~cupp::array(tb)).get<bool>(), (std::vector<bool>{false, true}));

  // exp of int32 is float64, sqrt of float16 float16, abs of complex64 float32.
  const auto ti = cupp::asarray<std::int32_t>({0, 1, -2, 5});
  const cupp::array e = cupp::exp(cupp::array(ti));
  ASSERT_EQ(e.dtype(), dtype::float64);
  const auto ge = e.get<double>();
  const std::vector<double> xs = {0, 1, -2, 5};
  for (std::size_t i = 0; i < xs.size(); ++i)
    EXPECT_NEAR(ge[i], std::exp(xs[i]), 4e-16 * std::exp(xs[i])) << i;
  expect_same_as_typed(e, cupp::exp(ti));
  const auto th = cupp::asarray<cupp::float16>({4, 9, 0.25f});
  const cupp::array r = cupp::sqrt(cupp::array(th));
  EXPECT_EQ(r.dtype(), dtype::float16);
  EXPECT_EQ(r.get<float>(), (std::vector<float>{2, 3, 0.5f}));
  const auto tc = cupp::asarray(std::vector<std::complex<float>>{{3, 4}, {-1, 0}});
  const cupp::array ab = cupp::abs(cupp::array(tc));
  EXPECT_EQ(ab.dtype(), dtype::float32);
  const auto gab = ab.get<float>();
  EXPECT_NEAR(gab[0], 5.0f, 1e-6f);
  EXPECT_NEAR(gab[1], 1.0f, 1e-6f);
  // where and clip with scalars; a ufunc with out=.
  const auto tcond = cupp::asarray<bool>({true, false, true});
  const auto tx = cupp::asarray<std::int16_t>({-5, 6, 70});
  const cupp::array wh = cupp::where(cupp::array(tcond), cupp::array(tx), 0);
  EXPECT_EQ(wh.dtype(), dtype::int16);
  EXPECT_EQ(wh.get<std::int16_t>(), (std::vector<std::int16_t>{-5, 0, 70}));
  expect_same_as_typed(wh, cupp::where(tcond, tx, 0));
  const cupp::array cl = cupp::clip(cupp::array(tx), 0, 10);
  EXPECT_EQ(cl.get<std::int16_t>(), (std::vector<std::int16_t>{0, 6, 10}));
  cupp::ndarray<double> out({3});
  cupp::add(cupp::array(tx), 0.5, out);
  EXPECT_EQ(out.get(), (std::vector<double>{-4.5, 6.5, 70.5}));
  EXPECT_THROW(cupp::add(cupp::array(tx), 0.5, cupp::array(cupp::ndarray<std::int16_t>({3}))),
               cupp::type_error);  // float64 does not cast to int16 under same_kind
  EXPECT_THROW((void)(cupp::array(th) & cupp::array(th)), cupp::type_error);
}

TEST_F(RuntimeArray, CompoundAssignmentWritesInPlace) {
  cupp::array acc = cupp::zeros({3}, dtype::float32);
  const void* before = acc.data();
  acc += cupp::asarray<std::int16_t>({1, 2, 3});
  acc *= 2;
  acc -= cupp::asarray<float>({0.5f}, {1});  // broadcast
  EXPECT_EQ(acc.data(), before);
  EXPECT_EQ(acc.get<float>(), (std::vector<float>{1.5f, 3.5f, 5.5f}));
  cupp::array ints = cupp::zeros({3}, dtype::int32);
  EXPECT_THROW(ints += 1.5, cupp::type_error);
  EXPECT_THROW(ints += cupp::zeros({2, 3}, dtype::int32), cupp::value_error);
  ints |= 6;
  EXPECT_EQ(ints.get<std::int32_t>(), (std::vector<std::int32_t>{6, 6, 6}));
}

TEST_F(RuntimeArray, StridedBroadcastZeroDimensionalAndEmptyOperands) {
  std::vector<std::int32_t> hm(12);
  for (int i = 0; i < 12; ++i) hm[static_cast<std::size_t>(i)] = i * 3 - 7;
  const auto tm = cupp::asarray(hm, {3, 4});
  const auto tcol = cupp::asarray<double>({10, 20, 30});
  // A transposed operand (4, 3) with a row broadcast down it: int32 + float64 -> float64.
  const cupp::array t = cupp::array(tm).T() + cupp::array(tcol);
  ASSERT_EQ(t.dtype(), dtype::float64);
  ASSERT_EQ(t.shape(), (shape_t{4, 3}));
  const auto gt = t.get<double>();
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 3; ++j)
      EXPECT_EQ(gt[static_cast<std::size_t>(i * 3 + j)],
                hm[static_cast<std::size_t>(j * 4 + i)] + 10.0 * (j + 1));
  expect_same_as_typed(t, tm.T() + tcol);
  // Negative steps.
  const cupp::array rev = cupp::array(tm)["::-1, ::2"] * 2;
  expect_same_as_typed(rev, tm["::-1, ::2"] * 2);
  EXPECT_EQ(rev.get<std::int32_t>()[0], 2 * hm[8]);
  // (3, 1) uint8 - (1, 4) int8 -> (3, 4) int16.
  const auto tc = cupp::asarray<std::uint8_t>({200, 0, 7}, {3, 1});
  const auto tr = cupp::asarray<std::int8_t>({-100, 0, 1, 100}, {1, 4});
  const cupp::array diff = cupp::array(tc) - cupp::array(tr);
  EXPECT_EQ(diff.dtype(), dtype::int16);
  EXPECT_EQ(diff.shape(), (shape_t{3, 4}));
  EXPECT_EQ(diff.get<std::int16_t>()[0], 300);
  expect_same_as_typed(diff, tc - tr);
  // 0-d operands.
  const cupp::array z = cupp::asarray<float>({2.5f})(0);
  ASSERT_EQ(z.ndim(), 0);
  const cupp::array zz = z * z;
  EXPECT_EQ(zz.shape(), shape_t{});
  EXPECT_EQ(zz.item<float>(), 6.25f);
  EXPECT_EQ(zz.item<double>(), 6.25);
  const cupp::array zl = z * cupp::array(cupp::asarray<std::int64_t>({1, 2}));
  EXPECT_EQ(zl.dtype(), dtype::float64);  // float32 with int64 arrays, as NumPy 2
  EXPECT_EQ(zl.get<double>(), (std::vector<double>{2.5, 5}));
  // Empty operands.
  const cupp::array none = cupp::empty({3, 0, 2}, dtype::int16) + 1;
  EXPECT_EQ(none.dtype(), dtype::int16);
  EXPECT_EQ(none.shape(), (shape_t{3, 0, 2}));
  EXPECT_TRUE(none.get<std::int16_t>().empty());
  EXPECT_EQ(cupp::sum(none).item<std::int64_t>(), 0);
  EXPECT_EQ(cupp::sum(none, 1).shape(), (shape_t{3, 2}));
  EXPECT_EQ(cupp::all(none).item<bool>(), true);
}

// ---- reductions -------------------------------------------------------------------------------

TEST_F(RuntimeArray, ReductionsAgainstHostLoopsAndTheTypedPath) {
  const std::vector<std::int8_t> h = {-128, 127, 5, 1, 2, 3};
  const auto ta = cupp::asarray(h, {2, 3});
  // example-begin runtime_array_reductions
  cupp::array a = ta;                       // int8, shape (2, 3)
  cupp::array total = cupp::sum(a);         // int64, as np.sum of an int8 array
  cupp::array rows = a.mean(1);             // float64, shape (2,)
  cupp::array top = cupp::max(a, 1, true);  // int8, shape (2, 1)
  cupp::array at = cupp::argmax(a, 0);      // int64
  // example-end
  EXPECT_EQ(total.dtype(), dtype::int64);
  EXPECT_EQ(total.item<std::int64_t>(), 10);
  EXPECT_EQ(rows.dtype(), dtype::float64);
  EXPECT_EQ(rows.get<double>(), (std::vector<double>{(-128 + 127 + 5) / 3.0, 2.0}));
  EXPECT_EQ(top.dtype(), dtype::int8);
  EXPECT_EQ(top.shape(), (shape_t{2, 1}));
  EXPECT_EQ(top.get<std::int8_t>(), (std::vector<std::int8_t>{127, 3}));
  EXPECT_EQ(at.get<std::int64_t>(), (std::vector<std::int64_t>{1, 0, 0}));
  EXPECT_EQ(cupp::sum(a, 0).get<std::int64_t>(), (std::vector<std::int64_t>{-127, 129, 8}));
  EXPECT_EQ(cupp::min(a).item<std::int8_t>(), -128);
  EXPECT_EQ(cupp::argmin(a).item<std::int64_t>(), 0);
  EXPECT_EQ(cupp::prod(a, 1).get<std::int64_t>(), (std::vector<std::int64_t>{-128 * 127 * 5, 6}));
  EXPECT_EQ(cupp::any(a == 2).item<bool>(), true);
  EXPECT_EQ(cupp::all(a > 0, 1).get<bool>(), (std::vector<bool>{false, true}));
  EXPECT_EQ(cupp::count_nonzero(a > 1).item<std::int64_t>(), 4);
  expect_same_as_typed(total, cupp::sum(ta));
  expect_same_as_typed(rows, cupp::mean(ta, 1));
  expect_same_as_typed(top, cupp::max(ta, 1, true));
  expect_same_as_typed(at, cupp::argmax(ta, 0));
  // Floats reduce in their own dtype; float16 accumulates in float32.
  const auto th = cupp::asarray<cupp::float16>({0.5f, 1.5f, 2, -1});
  expect_same_as_typed(cupp::sum(cupp::array(th)), cupp::sum(th));
  expect_same_as_typed(cupp::nanmax(cupp::array(th)), cupp::nanmax(th));
  EXPECT_EQ(cupp::sum(cupp::array(th)).item<float>(), 3.0f);
  // A strided operand.
  expect_same_as_typed(cupp::sum(cupp::array(ta).T(), 1), cupp::sum(ta.T(), 1));
  // ptp (wrapping in int8, as NumPy's), and the spread reductions with ddof.
  expect_same_as_typed(cupp::ptp(a, 1), cupp::ptp(ta, 1));
  expect_same_as_typed(cupp::var(a, 1), cupp::var(ta, 1));
  expect_same_as_typed(cupp::stddev(a, {}, false, 1.0), cupp::stddev(ta, {}, false, 1.0));
  expect_same_as_typed(cupp::nanvar(cupp::array(th)), cupp::nanvar(th));
  EXPECT_EQ(cupp::var(a, 1).dtype(), dtype::float64);
  EXPECT_DOUBLE_EQ(cupp::var(cupp::array(cupp::asarray<double>({1, 2, 3, 4}))).item<double>(),
                   1.25);
}

// ---- products, and typed expressions as cupp::array --------------------------------------------

TEST_F(RuntimeArray, MatmulAndDotPromoteTheirOperands) {
  const auto ta = cupp::asarray<std::int16_t>({1, 2, 3, 4, 5, 6}, {2, 3});
  const auto tb = cupp::asarray<float>({1, 0, -1, 2, 0.5f, 1}, {3, 2});
  const cupp::array p = cupp::matmul(cupp::array(ta), tb);  // int16 @ float32 -> float32
  EXPECT_EQ(p.dtype(), dtype::float32);
  EXPECT_EQ(p.shape(), (shape_t{2, 2}));
  EXPECT_EQ(p.get<float>(), (std::vector<float>{0.5f, 7, 2, 16}));
  expect_same_as_typed(p, cupp::matmul(ta, tb));
  expect_same_as_typed(cupp::dot(cupp::array(ta), cupp::array(tb)), cupp::dot(ta, tb));
  expect_same_as_typed(cupp::dot(cupp::array(ta)(0, 1), cupp::array(tb)),
                       cupp::dot(ta(0, 1), tb));  // a 0-d operand multiplies
  // A typed expression becomes a cupp::array by evaluating it.
  const cupp::array r = ta * 2 + 1;
  EXPECT_EQ(r.dtype(), dtype::int16);
  EXPECT_EQ(r.get<std::int16_t>(), (std::vector<std::int16_t>{3, 5, 7, 9, 11, 13}));
  EXPECT_EQ((cupp::array(tb.reshape({2, 3})) + ta * 2).get<float>(),
            (std::vector<float>{3, 4, 5, 10, 10.5f, 13}));
}

TEST_F(RuntimeArray, VisitFusesATypedExpression) {
  const cupp::array x = cupp::asarray<float>({1, 2, 3});
  // example-begin runtime_array_fuse
  // x * x + 1 as one fused kernel, whatever x's dtype: visit hands the typed array to the lambda
  cupp::array y = x.visit([](const auto& t) { return cupp::array(t * t + 1); });
  // example-end
  EXPECT_EQ(y.dtype(), dtype::float32);
  EXPECT_EQ(y.get<float>(), (std::vector<float>{2, 5, 10}));
}

TEST_F(RuntimeArray, RunsTheTypedPathsCompiledKernel) {
  // uint16 * int8 (-> int32): a pair no other test here uses.
  const auto tx = cupp::asarray<std::uint16_t>({1, 2, 65535});
  const auto ty = cupp::asarray<std::int8_t>({-1, 5, 7});
  (void)(tx * ty).eval();  // compiles (or finds) and loads the typed path's kernel
  auto& compiler = cupp::jit::get_default_compiler();
  const cupp::jit::cache_stats before = compiler.stats();
  const cupp::array dyn = cupp::array(tx) * cupp::array(ty);
  const cupp::jit::cache_stats after = compiler.stats();
  // The same source, so the same module: nothing compiled, read from disk or loaded again (the
  // engine's own table of loaded kernels may answer before the compiler's memory is asked).
  EXPECT_EQ(after.compiles, before.compiles);
  EXPECT_EQ(after.disk_hits, before.disk_hits);
  EXPECT_EQ(after.loads, before.loads);
  EXPECT_EQ(dyn.dtype(), dtype::int32);
  EXPECT_EQ(dyn.get<std::int32_t>(), (std::vector<std::int32_t>{-1, 10, 458745}));
}

TEST_F(RuntimeArray, AdvancedIndexingReadsAndWritesThrough) {
  cupp::array r = cupp::asarray<float>({-2, 4, 0, 9, -1, 0.25f});
  // example-begin runtime_array_select
  cupp::array pos = r[r > 0];         // r[r > 0]: a new array, {4, 9, 0.25}
  cupp::array picked = r[{5, 0, 3}];  // r[[5, 0, 3]]
  r[r < 0] = 0;                       // writes through the mask
  r[cupp::asarray<std::int64_t>({1, 2})] = cupp::asarray<double>({7.5, 8.5});  // cast to float32
  // example-end
  EXPECT_EQ(pos.dtype(), dtype::float32);
  EXPECT_EQ(pos.get<float>(), (std::vector<float>{4, 9, 0.25f}));
  EXPECT_EQ(picked.get<float>(), (std::vector<float>{0.25f, -2, 9}));
  EXPECT_EQ(r.get<float>(), (std::vector<float>{0, 7.5f, 8.5f, 9, 0, 0.25f}));
  // 2-D: an index array with an integer, a mask of rows, a selection as an operand.
  const auto tm = cupp::asarray<std::int16_t>({1, 2, 3, 4, 5, 6}, {3, 2});
  const auto trows = cupp::asarray<bool>({true, false, true});
  const auto tidx = cupp::asarray<std::int64_t>({2, 0});
  const cupp::array m = tm;
  EXPECT_EQ(m(tidx, 1).get<std::int16_t>(), (std::vector<std::int16_t>{6, 2}));
  expect_same_as_typed(m[trows], tm[trows]);
  expect_same_as_typed(m[cupp::array(trows)], tm[trows]);
  expect_same_as_typed(m(cupp::array(tidx)), tm(tidx));
  EXPECT_EQ(cupp::sum(m[trows]).item<std::int64_t>(), 14);
  const cupp::array shifted = m[trows] + 1;  // int16 with a weak int stays int16
  EXPECT_EQ(shifted.dtype(), dtype::int16);
  EXPECT_EQ(shifted.get<std::int16_t>(), (std::vector<std::int16_t>{2, 3, 6, 7}));
  // a[i] = b[j], and an index out of bounds.
  cupp::array dst = cupp::zeros({3}, dtype::int32);
  dst[{0, 2}] = m(tidx, 0);
  EXPECT_EQ(dst.get<std::int32_t>(), (std::vector<std::int32_t>{5, 0, 1}));
  EXPECT_THROW(
      {
        (void)m[cupp::asarray<std::int64_t>({3})].eval();
        (void)m.get<std::int16_t>();  // the deferred check reports by the next transfer
      },
      cupp::index_error);
}

TEST_F(RuntimeArray, SortsAndScans) {
  const auto t = cupp::asarray<std::int8_t>({3, -1, 2, -1, 0, 5}, {2, 3});
  const cupp::array a = t;
  EXPECT_EQ(cupp::sort(a).get<std::int8_t>(), (std::vector<std::int8_t>{-1, 2, 3, -1, 0, 5}));
  expect_same_as_typed(cupp::sort(a, 0), cupp::sort(t, 0));
  // Stable: equal elements keep their order.
  EXPECT_EQ(cupp::argsort(a, std::nullopt).get<std::int64_t>(),
            (std::vector<std::int64_t>{1, 3, 4, 2, 0, 5}));
  expect_same_as_typed(cupp::argsort(a.T()), cupp::argsort(t.T()));
  // int8 sums and products accumulate in int64, as NumPy's.
  const cupp::array c = cupp::cumsum(a);
  EXPECT_EQ(c.dtype(), dtype::int64);
  EXPECT_EQ(c.get<std::int64_t>(), (std::vector<std::int64_t>{3, 2, 4, 3, 3, 8}));
  expect_same_as_typed(cupp::cumprod(a, 1), cupp::cumprod(t, 1));
  const auto th = cupp::asarray<cupp::float16>({1, 2, 3});
  expect_same_as_typed(cupp::nancumsum(cupp::array(th)), cupp::nancumsum(th));
}

}  // namespace
