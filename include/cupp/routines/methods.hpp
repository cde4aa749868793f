// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The definitions of the methods that cupp/core/array_methods.hpp declares: each forwards to the
// routine of the same name (Note [Method forms]).
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "cupp/core/ndarray.hpp"
#include "cupp/expr/ufuncs.hpp"
#include "cupp/linalg/products.hpp"
#include "cupp/routines/index_helpers.hpp"
#include "cupp/routines/indexing.hpp"
#include "cupp/routines/rearrange.hpp"
#include "cupp/routines/searching.hpp"
#include "cupp/routines/sets.hpp"
#include "cupp/routines/sorting.hpp"

namespace cupp {

static_assert(index_mode{} == index_mode::raise,
              "the methods' default index_mode{} must be raise, NumPy's default");

namespace detail {
/// numpy.round(e, decimals) as NumPy computes it: for decimals >= 0, rint(e * 10**decimals) /
/// 10**decimals, else rint(e / 10**-decimals) * 10**-decimals, each step in e's dtype (the
/// factor is a weak scalar). One expression shape serves both signs (one factor is 1, which
/// multiplies and divides exactly), so the result stays lazy. Integers are returned unchanged
/// for decimals >= 0 and rounded through float64 and cast back otherwise, as NumPy.
template <class E>
auto round_decimals(const E& e, int decimals) {
  using T = typename std::decay_t<decltype(e.eval())>::value_type;
  static_assert(!is_complex(dtype_of<T>) && !std::is_same_v<T, bool>,
                "round: cupp's round has no complex or bool loop");
  const double scale = std::pow(10.0, decimals < 0 ? -decimals : decimals);
  const double up = decimals >= 0 ? scale : 1.0;
  const double down = decimals >= 0 ? 1.0 : scale;
  const auto r = cupp::true_divide(
      cupp::multiply(cupp::round(cupp::true_divide(cupp::multiply(e, up), down)), down), up);
  if constexpr (std::is_integral_v<T>) {
    if (decimals >= 0) return ndarray<T>(cupp::copy(e.eval()));
    return ndarray<T>(r);
  } else {
    return r;
  }
}
}  // namespace detail

// ---- arrays only ---------------------------------------------------------------------------

template <class Scalar>
void ndarray<Scalar>::sort(std::int64_t axis) {
  detail::check_writable(desc_);  // before the work, as NumPy refuses a read-only array
  const ndarray<Scalar> sorted = cupp::sort(*this, axis);
  expr::assign(expr::make_node<expr::op_copy>(sorted), desc_);
}
template <class Scalar>
void ndarray<Scalar>::partition(const kth_arg& kth, std::int64_t axis) {
  detail::check_writable(desc_);
  const ndarray<Scalar> parted = cupp::partition(*this, kth, axis);
  expr::assign(expr::make_node<expr::op_copy>(parted), desc_);
}
template <class Scalar>
template <class I, class V>
void ndarray<Scalar>::put(const ndarray<I>& ind, const V& v, index_mode mode) const {
  cupp::put(*this, ind, v, mode);
}

// ---- arrays and expressions ----------------------------------------------------------------

template <class Scalar>
auto ndarray<Scalar>::argsort(std::optional<std::int64_t> axis) const {
  return cupp::argsort(*this, axis);
}
template <class Op, class... Args>
auto expr::node<Op, Args...>::argsort(std::optional<std::int64_t> axis) const {
  return eval().argsort(axis);
}

template <class Scalar>
auto ndarray<Scalar>::argpartition(const kth_arg& kth, std::optional<std::int64_t> axis) const {
  return cupp::argpartition(*this, kth, axis);
}
template <class Op, class... Args>
auto expr::node<Op, Args...>::argpartition(const kth_arg& kth,
                                           std::optional<std::int64_t> axis) const {
  return eval().argpartition(kth, axis);
}

template <class Scalar>
auto ndarray<Scalar>::cumsum(std::optional<std::int64_t> axis) const {
  return cupp::cumsum(*this, axis);
}
template <class Op, class... Args>
auto expr::node<Op, Args...>::cumsum(std::optional<std::int64_t> axis) const {
  return eval().cumsum(axis);
}

template <class Scalar>
auto ndarray<Scalar>::cumprod(std::optional<std::int64_t> axis) const {
  return cupp::cumprod(*this, axis);
}
template <class Op, class... Args>
auto expr::node<Op, Args...>::cumprod(std::optional<std::int64_t> axis) const {
  return eval().cumprod(axis);
}

template <class Scalar>
auto ndarray<Scalar>::nonzero() const {
  return cupp::nonzero(*this);
}
template <class Op, class... Args>
auto expr::node<Op, Args...>::nonzero() const {
  return cupp::nonzero(*this);
}

template <class Scalar>
auto ndarray<Scalar>::repeat(std::int64_t repeats, std::optional<std::int64_t> axis) const {
  return cupp::repeat(*this, repeats, axis);
}
template <class Op, class... Args>
auto expr::node<Op, Args...>::repeat(std::int64_t repeats, std::optional<std::int64_t> axis) const {
  return eval().repeat(repeats, axis);
}
template <class Scalar>
auto ndarray<Scalar>::repeat(const std::vector<std::int64_t>& repeats,
                             std::optional<std::int64_t> axis) const {
  return cupp::repeat(*this, repeats, axis);
}
template <class Op, class... Args>
auto expr::node<Op, Args...>::repeat(const std::vector<std::int64_t>& repeats,
                                     std::optional<std::int64_t> axis) const {
  return eval().repeat(repeats, axis);
}

template <class Scalar>
template <class I>
auto ndarray<Scalar>::take(const ndarray<I>& indices, std::optional<std::int64_t> axis,
                           index_mode mode) const {
  return cupp::take(*this, indices, axis, mode);
}
template <class Op, class... Args>
template <class I>
auto expr::node<Op, Args...>::take(const ndarray<I>& indices, std::optional<std::int64_t> axis,
                                   index_mode mode) const {
  return eval().take(indices, axis, mode);
}

template <class Scalar>
auto ndarray<Scalar>::diagonal(std::int64_t offset, std::int64_t axis1, std::int64_t axis2) const {
  return cupp::diagonal(*this, offset, axis1, axis2);
}
template <class Op, class... Args>
auto expr::node<Op, Args...>::diagonal(std::int64_t offset, std::int64_t axis1,
                                       std::int64_t axis2) const {
  return eval().diagonal(offset, axis1, axis2);
}

template <class Scalar>
auto ndarray<Scalar>::trace(std::int64_t offset, std::int64_t axis1, std::int64_t axis2) const {
  return cupp::trace(*this, offset, axis1, axis2);
}
template <class Op, class... Args>
auto expr::node<Op, Args...>::trace(std::int64_t offset, std::int64_t axis1,
                                    std::int64_t axis2) const {
  return eval().trace(offset, axis1, axis2);
}

template <class Scalar>
template <class V>
auto ndarray<Scalar>::searchsorted(const V& v, const std::string& side) const {
  return cupp::searchsorted(*this, v, side);
}
template <class Op, class... Args>
template <class V>
auto expr::node<Op, Args...>::searchsorted(const V& v, const std::string& side) const {
  return eval().searchsorted(v, side);
}
template <class Scalar>
template <class V, class I>
auto ndarray<Scalar>::searchsorted(const V& v, const std::string& side,
                                   const ndarray<I>& sorter) const {
  return cupp::searchsorted(*this, v, side, sorter);
}
template <class Op, class... Args>
template <class V, class I>
auto expr::node<Op, Args...>::searchsorted(const V& v, const std::string& side,
                                           const ndarray<I>& sorter) const {
  return eval().searchsorted(v, side, sorter);
}

template <class Scalar>
template <class C>
auto ndarray<Scalar>::compress(const ndarray<C>& condition,
                               std::optional<std::int64_t> axis) const {
  return cupp::compress(condition, *this, axis);
}
template <class Op, class... Args>
template <class C>
auto expr::node<Op, Args...>::compress(const ndarray<C>& condition,
                                       std::optional<std::int64_t> axis) const {
  return eval().compress(condition, axis);
}

template <class Scalar>
template <class U>
auto ndarray<Scalar>::choose(const std::vector<ndarray<U>>& choices, index_mode mode) const {
  return cupp::choose(*this, choices, mode);
}
template <class Op, class... Args>
template <class U>
auto expr::node<Op, Args...>::choose(const std::vector<ndarray<U>>& choices,
                                     index_mode mode) const {
  return eval().choose(choices, mode);
}

// ---- elementwise, lazy on both -----------------------------------------------------------------

template <class Scalar>
template <class Lo, class Hi>
auto ndarray<Scalar>::clip(const Lo& a_min, const Hi& a_max) const {
  return cupp::clip(*this, a_min, a_max);
}
template <class Op, class... Args>
template <class Lo, class Hi>
auto expr::node<Op, Args...>::clip(const Lo& a_min, const Hi& a_max) const {
  return cupp::clip(*this, a_min, a_max);
}

template <class Scalar>
auto ndarray<Scalar>::round(int decimals) const {
  return cupp::detail::round_decimals(*this, decimals);
}
template <class Op, class... Args>
auto expr::node<Op, Args...>::round(int decimals) const {
  return cupp::detail::round_decimals(*this, decimals);
}

#define CUPP_LAZY_METHOD(name)                 \
  template <class Scalar>                      \
  auto ndarray<Scalar>::name() const {         \
    return cupp::name(*this);                  \
  }                                            \
  template <class Op, class... Args>           \
  auto expr::node<Op, Args...>::name() const { \
    return cupp::name(*this);                  \
  }
CUPP_LAZY_METHOD(conj)
CUPP_LAZY_METHOD(conjugate)
CUPP_LAZY_METHOD(real)
CUPP_LAZY_METHOD(imag)
#undef CUPP_LAZY_METHOD

}  // namespace cupp
