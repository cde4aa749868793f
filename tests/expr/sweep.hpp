// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The ufunc sweep: every row of ufuncs.def, for the dtypes a test file names (CUPP_SWEEP_TYPES),
// on special values, against the host references of tests/support/ufunc_reference.hpp, in every
// layout (contiguous, negative step, transposed, broadcast, 0-d, empty). Without a GPU each test
// compiles, with NVRTC, the kernel variants its launches would use; an op a dtype does not
// support must raise type_error.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <algorithm>
#include <type_traits>
#include <vector>

#include "cupp/array.hpp"
#include "support/dtypes.hpp"
#include "support/gpu.hpp"
#include "support/shaped.hpp"
#include "support/ufunc_reference.hpp"

// The references of the rows that alias another.
namespace cupp::test::ufunc_ref {
template <class T>
auto divide(T x, T y) {
  return true_divide(x, y);
}
template <class T>
auto abs(T x) {
  return absolute(x);
}
template <class T>
auto bitwise_not(T x) {
  return invert(x);
}
// NumPy 2's second names.
#define CUPP_SWEEP_ALIAS1(alias, name) \
  template <class T>                   \
  auto alias(T x) {                    \
    return name(x);                    \
  }
#define CUPP_SWEEP_ALIAS2(alias, name) \
  template <class T>                   \
  auto alias(T x, T y) {               \
    return name(x, y);                 \
  }
CUPP_SWEEP_ALIAS1(acos, arccos)
CUPP_SWEEP_ALIAS1(acosh, arccosh)
CUPP_SWEEP_ALIAS1(asin, arcsin)
CUPP_SWEEP_ALIAS1(asinh, arcsinh)
CUPP_SWEEP_ALIAS1(atan, arctan)
CUPP_SWEEP_ALIAS1(atanh, arctanh)
CUPP_SWEEP_ALIAS2(atan2, arctan2)
CUPP_SWEEP_ALIAS2(pow, power)
CUPP_SWEEP_ALIAS1(bitwise_invert, invert)
CUPP_SWEEP_ALIAS2(bitwise_left_shift, left_shift)
CUPP_SWEEP_ALIAS2(bitwise_right_shift, right_shift)
CUPP_SWEEP_ALIAS1(around, round)
#undef CUPP_SWEEP_ALIAS1
#undef CUPP_SWEEP_ALIAS2
}  // namespace cupp::test::ufunc_ref

namespace cupp::test::sweep {

using cupp::shape_t;
using cupp::slice;
namespace ref = cupp::test::ufunc_ref;

template <class T>
std::vector<T> values() {
  if constexpr (std::is_same_v<T, bool>) {
    return {false, true};
  } else if constexpr (std::is_integral_v<T>) {
    using L = std::numeric_limits<T>;
    std::vector<T> v{T(0), T(1), T(2), T(3), T(7), T(100), L::max(), T(L::max() - 1), L::min()};
    if constexpr (std::is_signed_v<T>) {
      for (T x : {T(-1), T(-2), T(-7), T(-100), T(L::min() + 1)}) v.push_back(x);
    }
    return v;
  } else if constexpr (ref::is_complex_v<T>) {
    using R = typename T::value_type;
    const R inf = std::numeric_limits<R>::infinity(), nan = std::numeric_limits<R>::quiet_NaN();
    return {T(0, 0), T(1, 0), T(0, 1), T(-1.5, 2.5), T(3.7, -0.5), T(-0.0, -2), T(inf, 1),
            T(1, inf), T(-inf, -inf), T(nan, 0), T(0.5, nan), T(1e-3, 1e3)};
  } else {
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> d{0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -2.5, 3.7, -3.7,
                          1e-3, 100.0, inf, -inf, std::nan(""), 0.75};
    std::vector<T> v;
    for (double x : d) v.push_back(static_cast<T>(x));
    return v;
  }
}

/// The name a row's tolerance is listed under (its alias's).
inline const char* canonical(const char* name) {
  const std::string n = name;
  if (n == "divide") return "true_divide";
  if (n == "abs") return "absolute";
  if (n == "bitwise_not") return "invert";
  if (n == "mod") return "remainder";
  if (n == "conjugate") return "conj";
  if (n == "acos" || n == "acosh" || n == "asin" || n == "asinh" || n == "atan" || n == "atanh" ||
      n == "atan2") {
    static const char* const kLong[] = {"arccos", "arccosh", "arcsin", "arcsinh",
                                        "arctan", "arctanh", "arctan2"};
    static const char* const kShort[] = {"acos", "acosh", "asin", "asinh", "atan", "atanh", "atan2"};
    for (int i = 0; i < 7; ++i)
      if (n == kShort[i]) return kLong[i];
  }
  if (n == "pow" || n == "float_power") return "power";
  if (n == "bitwise_invert") return "invert";
  if (n == "bitwise_left_shift") return "left_shift";
  if (n == "bitwise_right_shift") return "right_shift";
  if (n == "around") return "round";
  return name;
}

/// The reference of ufunc `name` on loop values `v`: `fn`, except where the loop's storage type
/// S (float16, bfloat16, computed in float) changes the result (nextafter and spacing step in
/// S's units).
template <class S, class Fn, class... V>
auto reference(const char* name, Fn fn, V... v) {
  using R = decltype(fn(v...));
  if constexpr (std::is_same_v<S, float16> || std::is_same_v<S, bfloat16>) {
    if constexpr (sizeof...(V) == 2) {
      if (std::string(name) == "nextafter") return static_cast<R>(ref::nextafter_storage<S>(v...));
    } else {
      if (std::string(name) == "spacing") return static_cast<R>(ref::spacing_storage<S>(v...));
    }
  }
  return fn(v...);
}

/// An input value as the op's loop computes with it.
template <class L, class T>
L to_loop(const T& x) {
  if constexpr (ref::is_complex_v<L> && !ref::is_complex_v<T>) {
    return L(static_cast<typename L::value_type>(static_cast<double>(x)), 0);
  } else if constexpr (ref::is_complex_v<T> && !ref::is_complex_v<L>) {
    return static_cast<L>(x.real());
  } else if constexpr (std::is_same_v<T, float16> || std::is_same_v<T, bfloat16>) {
    return static_cast<L>(static_cast<float>(x));
  } else {
    return static_cast<L>(x);
  }
}

/// A reference result stored in the result dtype.
template <class R, class V>
R to_result(const V& v) {
  if constexpr (std::is_same_v<R, float16> || std::is_same_v<R, bfloat16>) {
    if constexpr (ref::is_complex_v<V>)
      return R(static_cast<float>(v.real()));
    else
      return R(static_cast<float>(v));
  } else if constexpr (ref::is_complex_v<R> && !ref::is_complex_v<V>) {
    return R(static_cast<typename R::value_type>(v), 0);
  } else {
    return static_cast<R>(v);
  }
}

/// Whether `got` matches `want`: the reference's tolerance, and for float16/bfloat16 results one
/// unit in their last place where the op is not exact (a float result rounded to 16 bits can land
/// on either side of a rounding boundary).
template <class R>
bool close(const R& got, const R& want, const ref::tolerance& tol) {
  if constexpr (std::is_same_v<R, float16> || std::is_same_v<R, bfloat16>) {
    const float g = static_cast<float>(got), w = static_cast<float>(want);
    if (std::isnan(g) || std::isnan(w)) return std::isnan(g) && std::isnan(w);
    if (got.bits == want.bits) return true;
    const bool same_sign = ((got.bits ^ want.bits) & 0x8000) == 0;
    const int diff = std::abs(int(got.bits) - int(want.bits));
    return (tol.ulps > 0 || tol.rel > 0) && same_sign && diff <= 1;
  } else {
    return ref::matches(got, want, tol);
  }
}

template <class T>
std::string show(const T& v) {
  if constexpr (ref::is_complex_v<T>)
    return "(" + std::to_string(double(v.real())) + "," + std::to_string(double(v.imag())) + ")";
  else if constexpr (std::is_same_v<T, float16> || std::is_same_v<T, bfloat16>)
    return std::to_string(float(v));
  else
    return std::to_string(v);
}

using cupp::test::shaped;

/// Without a GPU, compiles the kernel variants the sweep's launches of N use (contiguous, strided
/// 1-D and 2-D, tiled) with NVRTC, and says so; under CUPP_REQUIRE_GPU=1 that is a failure.
template <class N>
bool compiled_without_gpu() {
  if (gpu_available()) return false;
  EXPECT_FALSE(gpu_required()) << "CUPP_REQUIRE_GPU=1 but no GPU";
  auto& f = expr::family_of<N>();
  for (int v : {0, 1, 2, 5}) f.compile(N::result, v, false, 90);
  return true;
}

/// The reference's tolerance for a ufunc computed in loop type L.
template <class L>
ref::tolerance loop_tolerance(const char* ref_name) {
  using C = std::conditional_t<ref::is_complex_v<L>, L, std::complex<L>>;
  return ref::tolerance_for(ref_name, sizeof(typename C::value_type) == 8, ref::is_complex_v<L>);
}

/// `cond`, where given, is the condition of each element's formula (complex power): points whose
/// result is noise in NumPy too are skipped, the others held to the tolerance times it.
template <class R>
void check(const ndarray<R>& got_array, const std::vector<R>& want, const ref::tolerance& tol,
           const char* name, const char* layout, const std::vector<double>& cond = {}) {
  ASSERT_EQ(got_array.size(), static_cast<std::int64_t>(want.size())) << name << " " << layout;
  const std::vector<R> got = got_array.get();
  int bad = 0;
  for (std::size_t i = 0; i < want.size() && bad < 5; ++i) {
    const R g = got[i], w = want[i];
    bool ok;
    if constexpr (ref::is_complex_v<R>) {
      const double c = cond.empty() ? 1.0 : cond[i];
      if (!ref::well_conditioned<typename R::value_type>(c)) continue;
      ok = ref::matches(g, w, tol, c);
    } else {
      ok = close(g, w, tol);
    }
    if (!ok) {
      ++bad;
      ADD_FAILURE() << name << " (" << layout << ") element " << i << ": got " << show(g)
                    << ", want " << show(w);
    }
  }
}

/// One unary ufunc over dtype T: `make` builds the expression, `fn` is the reference.
template <class T, class Make, class Fn>
void unary(const char* name, Make make, Fn fn) {
  const char* ref_name = canonical(name);
  using N = std::decay_t<decltype(make(shaped<T>({1})))>;
  if constexpr (!N::supported) {
    EXPECT_THROW(make(shaped<T>({1})), type_error) << name;
  } else {
    using R = typename N::value_type;
    using L = type_of_t<expr::compute_dtype(N::loop)>;
    if (compiled_without_gpu<N>()) return;
    const auto hv = values<T>();
    const auto n = static_cast<std::int64_t>(hv.size());
    const auto tol = loop_tolerance<L>(ref_name);
    std::vector<R> want;
    using S = type_of_t<N::loop>;
    for (const T& x : hv) want.push_back(to_result<R>(reference<S>(name, fn, to_loop<L>(x))));
    auto a = asarray<T>(hv, {n});
    check(ndarray<R>(make(a)), want, tol, name, "contiguous");
    std::vector<R> rev(want.rbegin(), want.rend());
    check(ndarray<R>(make(a(slice(std::nullopt, std::nullopt, -1)))), rev, tol, name,
          "negative step");
    // (n, 2) with both columns equal, transposed: every row of the (2, n) result is `want`.
    std::vector<T> twice;
    for (const T& x : hv) {
      twice.push_back(x);
      twice.push_back(x);
    }
    std::vector<R> want2 = want;
    want2.insert(want2.end(), want.begin(), want.end());
    check(ndarray<R>(make(asarray<T>(twice, {n, 2}).T())), want2, tol, name, "transposed");
    check(ndarray<R>(make(a(1))), {want[1]}, tol, name, "0-d");
    EXPECT_EQ(ndarray<R>(make(a(slice(0, 0)))).size(), 0);
  }
}

/// One binary ufunc over dtype T, on every pair of values.
template <class T, class Make, class Fn>
void binary(const char* name, Make make, Fn fn) {
  const char* ref_name = canonical(name);
  using N = std::decay_t<decltype(make(shaped<T>({1}), shaped<T>({1})))>;
  if constexpr (!N::supported) {
    EXPECT_THROW(make(shaped<T>({1}), shaped<T>({1})), type_error) << name;
  } else {
    using R = typename N::value_type;
    using L = type_of_t<expr::compute_dtype(N::loop)>;
    if (compiled_without_gpu<N>()) return;
    const auto hv = values<T>();
    const auto n = static_cast<std::int64_t>(hv.size());
    const auto tol = loop_tolerance<L>(ref_name);
    // Row-major pairs: x = hv[i], y = hv[j] at (i, j).
    std::vector<T> xs, ys;
    std::vector<R> want;
    std::vector<double> cond;
    for (const T& x : hv)
      for (const T& y : hv) {
        xs.push_back(x);
        ys.push_back(y);
        want.push_back(
            to_result<R>(reference<type_of_t<N::loop>>(name, fn, to_loop<L>(x), to_loop<L>(y))));
        double c = 1.0;
        if constexpr (ref::is_complex_v<L>) {
          if (std::string(ref_name) == "power")
            c = ref::condition_of_power(to_loop<L>(x), to_loop<L>(y));
        }
        cond.push_back(c);
      }
    auto col = asarray<T>(hv, {n, 1});
    auto row = asarray<T>(hv, {1, n});
    check(ndarray<R>(make(col, row)), want, tol, name, "broadcast", cond);
    auto fx = asarray<T>(xs, {n * n}), fy = asarray<T>(ys, {n * n});
    check(ndarray<R>(make(fx, fy)), want, tol, name, "contiguous", cond);
    std::vector<R> rev(want.rbegin(), want.rend());
    const std::vector<double> cond_rev(cond.rbegin(), cond.rend());
    const slice back(std::nullopt, std::nullopt, -1);
    check(ndarray<R>(make(fx(back), fy(back))), rev, tol, name, "negative step", cond_rev);
    // Transposed operands: the (j, i) element of x.T() is x(i, j).
    auto mx = asarray<T>(xs, {n, n}), my = asarray<T>(ys, {n, n});
    std::vector<R> wt;
    std::vector<double> ct;
    for (std::int64_t j = 0; j < n; ++j)
      for (std::int64_t i = 0; i < n; ++i) {
        wt.push_back(want[static_cast<std::size_t>(i * n + j)]);
        ct.push_back(cond[static_cast<std::size_t>(i * n + j)]);
      }
    check(ndarray<R>(make(mx.T(), my.T())), wt, tol, name, "transposed", ct);
    const std::int64_t k = std::min<std::int64_t>(7, n * n - 1);
    check(ndarray<R>(make(fx(k), fy(k))), {want[static_cast<std::size_t>(k)]}, tol, name, "0-d",
          {cond[static_cast<std::size_t>(k)]});
    EXPECT_EQ(ndarray<R>(make(fx(slice(0, 0)), fy(slice(0, 0)))).size(), 0);
  }
}

}  // namespace cupp::test::sweep

// Each file names its suite (CUPP_SWEEP_SUITE): typed suites of one name in several files would
// collide.
template <class T>
class CUPP_SWEEP_SUITE : public ::testing::Test {};
TYPED_TEST_SUITE(CUPP_SWEEP_SUITE, CUPP_SWEEP_TYPES);

#define CUPP_UFUNC1(name, rule, kinds, function, doc)                                   \
  TYPED_TEST(CUPP_SWEEP_SUITE, name) {                                                        \
    cupp::test::sweep::unary<TypeParam>(                                                \
        #name, [](const auto& a) { return cupp::name(a); },                             \
        [](const auto& x) { return cupp::test::ufunc_ref::name(x); });                  \
  }
#define CUPP_UFUNC2(name, rule, kinds, function, doc)                                   \
  TYPED_TEST(CUPP_SWEEP_SUITE, name) {                                                        \
    cupp::test::sweep::binary<TypeParam>(                                               \
        #name, [](const auto& a, const auto& b) { return cupp::name(a, b); },           \
        [](const auto& x, const auto& y) { return cupp::test::ufunc_ref::name(x, y); }); \
  }
// clip has its own test.
#define CUPP_UFUNC3(name, rule, kinds, function, doc)
#include "cupp/expr/ufuncs.def"
#undef CUPP_UFUNC1
#undef CUPP_UFUNC2
#undef CUPP_UFUNC3
