// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::special: scipy.special's functions as ufuncs of the one table, so they fuse into
// expressions with every other ufunc and operator: `cupp::exp(-x) * special::i0(x) + 1` is one
// kernel. The rows are in cupp/scipy/special/ufuncs.def, the device functions in
// kernels/cupp/special.cuh; docs/scipy_special.md lists them with their accuracy.
//
// Each function takes what NumPy's ufuncs take: ndarrays, expressions and C++ scalars (a lazy
// expression; scalars alone give a 0-d array), cupp::array operands (a cupp::array), and a
// trailing `out` array. float32 computes and returns float32; bool, integers, float16 and float64
// compute and return float64, as SciPy's loops.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include "cupp/array.hpp"
#include "cupp/expr/ufunc_functions.hpp"

namespace cupp::scipy::special {

#define CUPP_UFUNC1(name, rule, kinds, function, doc) \
  CUPP_TYPED_UFUNC1_OP(name, op_special_##name)       \
  CUPP_DYNAMIC_UFUNC1_OP(name, op_special_##name)
#define CUPP_UFUNC2(name, rule, kinds, function, doc) \
  CUPP_TYPED_UFUNC2_OP(name, op_special_##name)       \
  CUPP_DYNAMIC_UFUNC2_OP(name, op_special_##name)
#define CUPP_UFUNC3(name, rule, kinds, function, doc) \
  CUPP_TYPED_UFUNC3_OP(name, op_special_##name)       \
  CUPP_DYNAMIC_UFUNC3_OP(name, op_special_##name)
#include "cupp/scipy/special/ufuncs.def"
#undef CUPP_UFUNC1
#undef CUPP_UFUNC2
#undef CUPP_UFUNC3

// ---- functions of the ufuncs -------------------------------------------------------------------

/// scipy.special.zeta(x) (q=None): the Riemann zeta function, 1 + zetac(x).
template <class X>
auto zeta(const X& x) {
  return zetac(x) + 1.0;
}

/// scipy.special.polygamma(n, x) for an order n >= 0 given as a C++ integer: digamma(x) for 0,
/// else (-1)^(n+1) n! zeta(n + 1, x), as SciPy's. The dtype is the special rule's (float32
/// stays float32). Throws value_error for a negative order.
namespace detail {

/// polygamma's factor (-1)^(n+1) n! of zeta(n + 1, x), after SciPy's check of the order.
inline double polygamma_factor(std::int64_t n) {
  if (n < 0) throw value_error("polygamma's order n must be a nonnegative integer");
  return (n % 2 == 1 ? 1.0 : -1.0) * std::tgamma(static_cast<double>(n) + 1.0);
}

}  // namespace detail

template <class X, std::enable_if_t<!std::is_same_v<X, ::cupp::array>, int> = 0>
auto polygamma(std::int64_t n, const X& x) {
  using R = type_of_t<decltype(zeta(1.0, x))::result>;
  const double c = detail::polygamma_factor(n);
  if (n == 0) return ndarray<R>(digamma(x));
  return ndarray<R>(c * zeta(static_cast<double>(n) + 1.0, x));
}
/// polygamma of a cupp::array.
inline ::cupp::array polygamma(std::int64_t n, const ::cupp::array& x) {
  const double c = detail::polygamma_factor(n);
  if (n == 0) return digamma(x);
  return c * zeta(static_cast<double>(n) + 1.0, x);
}

/// scipy.special.multigammaln(a, d): the logarithm of the multivariate gamma function of
/// dimension d, d (d - 1) / 4 log(pi) + sum over j = 1..d of gammaln(a - (j - 1) / 2). Throws
/// value_error in SciPy's words for d < 1 and where some a <= (d - 1) / 2 (which reads the
/// comparison back: one synchronisation).
template <class T>
ndarray<type_of_t<decltype(gammaln(std::declval<const ndarray<T>&>()))::result>> multigammaln(
    const ndarray<T>& a, std::int64_t d) {
  using R = type_of_t<decltype(gammaln(std::declval<const ndarray<T>&>()))::result>;
  if (d < 1) throw value_error("d should be a positive integer (dimension)");
  const double half = 0.5 * static_cast<double>(d - 1);
  if (a.size() > 0 && ::cupp::any(a <= half).item()) {
    char limit[64];
    std::snprintf(limit, sizeof limit, "%.17g", half);
    std::string l = limit;
    if (l.find_first_of(".en") == std::string::npos) l += ".0";  // Python's float str
    throw value_error("condition a (" + ::cupp::array_str(a) + ") > 0.5 * (d-1) (" + l +
                      ") not met");
  }
  ndarray<R> res = gammaln(a);
  for (std::int64_t j = 2; j <= d; ++j) res = res + gammaln(a - 0.5 * static_cast<double>(j - 1));
  const double c = static_cast<double>(d) * static_cast<double>(d - 1) * 0.25 *
                   1.1447298858494001741;  // log(pi)
  return res + c;
}

/// scipy.special.spherical_yn(n, x, derivative): y_n(x), or its derivative in x when
/// `derivative` is true (the row spherical_yn_d, which fuses as the rows do).
template <class N, class X, std::enable_if_t<::cupp::expr::args_ok<N, X>, int> = 0>
auto spherical_yn(const N& n, const X& x, bool derivative) {
  using R = type_of_t<decltype(spherical_yn(n, x))::result>;
  return derivative ? ndarray<R>(spherical_yn_d(n, x)) : ndarray<R>(spherical_yn(n, x));
}
/// spherical_yn of cupp::array operands.
inline ::cupp::array spherical_yn(const ::cupp::array& n, const ::cupp::array& x, bool derivative) {
  return derivative ? spherical_yn_d(n, x) : spherical_yn(n, x);
}
// scipy.special.spherical_jn, spherical_in and spherical_kn with SciPy's `derivative` keyword, as
// spherical_yn above (the rows spherical_jn_d, spherical_in_d and spherical_kn_d).
#define CUPP_SPECIAL_SPHERICAL_DERIVATIVE(name)                                                \
  template <class N, class X, std::enable_if_t<::cupp::expr::args_ok<N, X>, int> = 0>          \
  auto name(const N& n, const X& x, bool derivative) {                                         \
    using R = type_of_t<decltype(name(n, x))::result>;                                         \
    return derivative ? ndarray<R>(name##_d(n, x)) : ndarray<R>(name(n, x));                   \
  }                                                                                            \
  inline ::cupp::array name(const ::cupp::array& n, const ::cupp::array& x, bool derivative) { \
    return derivative ? name##_d(n, x) : name(n, x);                                           \
  }
/// spherical_jn(n, x, derivative): j_n(x), or its derivative in x.
CUPP_SPECIAL_SPHERICAL_DERIVATIVE(spherical_jn)
/// spherical_in(n, x, derivative): i_n(x), or its derivative in x.
CUPP_SPECIAL_SPHERICAL_DERIVATIVE(spherical_in)
/// spherical_kn(n, x, derivative): k_n(x), or its derivative in x.
CUPP_SPECIAL_SPHERICAL_DERIVATIVE(spherical_kn)
#undef CUPP_SPECIAL_SPHERICAL_DERIVATIVE

/// scipy.special.ellipj(u, m): the Jacobian elliptic functions sn, cn, dn and the amplitude ph
/// of u for the parameter m, as four arrays. Each output alone is the ufunc ellipj_sn,
/// ellipj_cn, ellipj_dn or ellipj_ph, which fuses into expressions.
template <class U, class M, std::enable_if_t<::cupp::expr::args_ok<U, M>, int> = 0>
auto ellipj(const U& u, const M& m) {
  using R = type_of_t<decltype(ellipj_sn(u, m))::result>;
  return std::make_tuple(ndarray<R>(ellipj_sn(u, m)), ndarray<R>(ellipj_cn(u, m)),
                         ndarray<R>(ellipj_dn(u, m)), ndarray<R>(ellipj_ph(u, m)));
}
/// ellipj of cupp::array operands.
inline std::tuple<::cupp::array, ::cupp::array, ::cupp::array, ::cupp::array> ellipj(
    const ::cupp::array& u, const ::cupp::array& m) {
  return {ellipj_sn(u, m), ellipj_cn(u, m), ellipj_dn(u, m), ellipj_ph(u, m)};
}

/// scipy.special.sici(x): the sine and cosine integrals Si(x) and Ci(x) as two arrays (Ci of
/// |x| below 0, the real part of SciPy's complex value). Each alone is the ufunc sici_si or
/// sici_ci.
template <class X, std::enable_if_t<::cupp::expr::args_ok<X>, int> = 0>
auto sici(const X& x) {
  using R = type_of_t<decltype(sici_si(x))::result>;
  return std::make_pair(ndarray<R>(sici_si(x)), ndarray<R>(sici_ci(x)));
}
/// sici of a cupp::array.
inline std::pair<::cupp::array, ::cupp::array> sici(const ::cupp::array& x) {
  return {sici_si(x), sici_ci(x)};
}
/// scipy.special.shichi(x): the hyperbolic sine and cosine integrals Shi(x) and Chi(x) as two
/// arrays (Chi of |x| below 0). Each alone is the ufunc shichi_shi or shichi_chi.
template <class X, std::enable_if_t<::cupp::expr::args_ok<X>, int> = 0>
auto shichi(const X& x) {
  using R = type_of_t<decltype(shichi_shi(x))::result>;
  return std::make_pair(ndarray<R>(shichi_shi(x)), ndarray<R>(shichi_chi(x)));
}
/// shichi of a cupp::array.
inline std::pair<::cupp::array, ::cupp::array> shichi(const ::cupp::array& x) {
  return {shichi_shi(x), shichi_chi(x)};
}

// ---- reductions -------------------------------------------------------------------------------

/// The working type of logsumexp, softmax and log_softmax: float for float32, else double
/// (SciPy's result dtypes).
template <class T>
using softmax_t = std::conditional_t<std::is_same_v<T, float>, float, double>;

namespace detail {

/// a's maximum over `axis` (kept as length-1 axes), 0 where it is not finite, as SciPy's
/// `a_max[~np.isfinite(a_max)] = 0`: the shift that keeps exp(a - shift) from overflowing.
template <class R>
ndarray<R> finite_max(const ndarray<R>& a, const axis_arg& axis) {
  const ndarray<R> m = ::cupp::amax(a, axis, true);
  return ::cupp::where(::cupp::isfinite(m), m, R(0));
}

}  // namespace detail

/// scipy.special.logsumexp(a, axis=None, keepdims=False): log(sum(exp(a))) over `axis`,
/// computed as m + log(sum(exp(a - m))) with m the finite maximum of each slice, so that nothing
/// overflows: +inf in a slice gives inf, a slice of -inf gives -inf, NaN propagates. float32
/// stays float32, other real dtypes give float64. SciPy's `b` and `return_sign` are not taken.
template <class T>
ndarray<softmax_t<T>> logsumexp(const ndarray<T>& a, const axis_arg& axis = {},
                                bool keepdims = false) {
  using R = softmax_t<T>;
  const ndarray<R> x = a.template astype<R>();
  const ndarray<R> m = detail::finite_max(x, axis);
  const ndarray<R> s = ::cupp::sum(::cupp::exp(x - m), axis, keepdims);
  return ::cupp::log(s) + m.reshape(s.shape());
}

/// scipy.special.softmax(x, axis=None): exp(x - logsumexp(x, axis, keepdims=True)), each slice
/// over `axis` summing to 1.
template <class T>
ndarray<softmax_t<T>> softmax(const ndarray<T>& x, const axis_arg& axis = {}) {
  using R = softmax_t<T>;
  const ndarray<R> v = x.template astype<R>();
  const ndarray<R> e = ::cupp::exp(v - detail::finite_max(v, axis));
  return e / ::cupp::sum(e, axis, true);
}

/// scipy.special.log_softmax(x, axis=None): (x - m) - log(sum(exp(x - m))) over `axis`, m the
/// finite maximum of each slice, as SciPy's (more accurate than log(softmax(x))).
template <class T>
ndarray<softmax_t<T>> log_softmax(const ndarray<T>& x, const axis_arg& axis = {}) {
  using R = softmax_t<T>;
  const ndarray<R> v = x.template astype<R>();
  const ndarray<R> shifted = v - detail::finite_max(v, axis);
  return shifted - ::cupp::log(::cupp::sum(::cupp::exp(shifted), axis, true));
}

// scipy.special's functions that are NumPy's ufuncs under the same name.
using ::cupp::cbrt;
using ::cupp::exp2;
using ::cupp::expm1;
using ::cupp::log1p;
using ::cupp::sinc;  // scipy.special.sinc is numpy.sinc

}  // namespace cupp::scipy::special
