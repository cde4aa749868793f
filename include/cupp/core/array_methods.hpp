// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The method forms of the routines, as cupy.ndarray's a.sort(), a.take(i), a.clip(0, 1): declared
// in ndarray<T> and in expression nodes by the macros below, defined in cupp/routines/methods.hpp.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "cupp/core/shape.hpp"
#include "cupp/fwd.hpp"

namespace cupp {

// Note [Method forms]: a method of cupy.ndarray is the routine of the same name applied to the
// receiver, so each method here forwards to the free function and documents nothing of its own.
// The free functions live in headers that include ndarray.hpp, so the methods are declared in the
// class (the macros below) and defined after every routine, in cupp/routines/methods.hpp, which
// cupp/array.hpp includes. Methods that read an expression evaluate it first (an expression is
// not a place to sort in or write to, so sort, partition, fill and put are for arrays only);
// the elementwise ones (clip, round, conj, real, imag) stay lazy on both, as cupp::clip does.

namespace detail {
template <class... I>
inline constexpr bool all_integral_v = ((std::is_integral_v<I> && !std::is_same_v<I, bool>)&&...);
}  // namespace detail

/// The methods of ndarray<T> that forward to routines (defined in cupp/routines/methods.hpp).
#define CUPP_ARRAY_METHODS                                                                         \
  /** numpy.ndarray.sort: sorts the view in place along `axis` (cupp::sort, then written back). */ \
  void sort(std::int64_t axis = -1);                                                               \
  /** numpy.ndarray.partition: partitions the view in place (cupp::partition). */                  \
  void partition(const kth_arg& kth, std::int64_t axis = -1);                                      \
  /** numpy.ndarray.put: a.flat[ind] = v (cupp::put); writes into this view. */                    \
  template <class I, class V>                                                                      \
  void put(const ndarray<I>& ind, const V& v, index_mode mode = index_mode{}) const;               \
  CUPP_READING_METHODS                                                                             \
  /** numpy.ndarray.tolist: the elements in C order, flat (as get(); see docs/array.md). */        \
  std::vector<Scalar> tolist() const { return get(); }                                             \
  /** numpy.ndarray.reshape(2, 3): the dimensions as separate arguments. */                        \
  template <class... I,                                                                            \
            std::enable_if_t<sizeof...(I) != 0 && ::cupp::detail::all_integral_v<I...>, int> = 0>  \
  ndarray reshape(I... dims) const {                                                               \
    return reshape(shape_t{static_cast<std::int64_t>(dims)...});                                   \
  }                                                                                                \
  /** numpy.ndarray.transpose(1, 0, 2): the axes as separate arguments. */                         \
  template <class... I,                                                                            \
            std::enable_if_t<sizeof...(I) != 0 && ::cupp::detail::all_integral_v<I...>, int> = 0>  \
  ndarray transpose(I... axes) const {                                                             \
    return transpose(std::vector<std::int64_t>{static_cast<std::int64_t>(axes)...});               \
  }                                                                                                \
  /** numpy.ndarray.mT: the last two axes swapped (a view). value_error below two dimensions. */   \
  ndarray mT() const {                                                                             \
    CUPP_EXPECTS(ndim() >= 2, value_error, "matrix transpose with ndim < 2 is undefined");         \
    return swapaxes(-1, -2);                                                                       \
  }

/// The methods that only read the receiver, for arrays and expressions alike.
#define CUPP_READING_METHODS                                                                     \
  /** numpy.ndarray.argsort: cupp::argsort, int64 indices of a stable sort. */                   \
  auto argsort(std::optional<std::int64_t> axis = -1) const;                                     \
  /** numpy.ndarray.argpartition: cupp::argpartition along `axis`. */                            \
  auto argpartition(const kth_arg& kth, std::optional<std::int64_t> axis = -1) const;            \
  /** numpy.ndarray.cumsum: cupp::cumsum (the flattened array by default). */                    \
  auto cumsum(std::optional<std::int64_t> axis = std::nullopt) const;                            \
  /** numpy.ndarray.cumprod: cupp::cumprod (the flattened array by default). */                  \
  auto cumprod(std::optional<std::int64_t> axis = std::nullopt) const;                           \
  /** numpy.ndarray.nonzero: cupp::nonzero, one int64 index array per axis. */                   \
  auto nonzero() const;                                                                          \
  /** numpy.ndarray.repeat: cupp::repeat, each element `repeats` times. */                       \
  auto repeat(std::int64_t repeats, std::optional<std::int64_t> axis = std::nullopt) const;      \
  /** numpy.ndarray.repeat: cupp::repeat, element i repeats[i] times. */                         \
  auto repeat(const std::vector<std::int64_t>& repeats,                                          \
              std::optional<std::int64_t> axis = std::nullopt) const;                            \
  /** numpy.ndarray.take: cupp::take of `indices` along `axis`. */                               \
  template <class I>                                                                             \
  auto take(const ndarray<I>& indices, std::optional<std::int64_t> axis = std::nullopt,          \
            index_mode mode = index_mode{}) const;                                               \
  /** numpy.ndarray.diagonal: cupp::diagonal, a read-only view. */                               \
  auto diagonal(std::int64_t offset = 0, std::int64_t axis1 = 0, std::int64_t axis2 = 1) const;  \
  /** numpy.ndarray.trace: cupp::trace, the sums along the diagonals. */                         \
  auto trace(std::int64_t offset = 0, std::int64_t axis1 = 0, std::int64_t axis2 = 1) const;     \
  /** numpy.ndarray.searchsorted: cupp::searchsorted of `v` in this sorted 1-D array. */         \
  template <class V>                                                                             \
  auto searchsorted(const V& v, const std::string& side = "left") const;                         \
  /** numpy.ndarray.searchsorted with `sorter`, the int64 indices that sort this array. */       \
  template <class V, class I>                                                                    \
  auto searchsorted(const V& v, const std::string& side, const ndarray<I>& sorter) const;        \
  /** numpy.ndarray.compress: cupp::compress(condition, *this, axis). */                         \
  template <class C>                                                                             \
  auto compress(const ndarray<C>& condition, std::optional<std::int64_t> axis = std::nullopt)    \
      const;                                                                                     \
  /** numpy.ndarray.choose: cupp::choose, this array indexing `choices`. */                      \
  template <class U>                                                                             \
  auto choose(const std::vector<ndarray<U>>& choices, index_mode mode = index_mode{}) const;     \
  /** As above, the choices as a braced list. */                                                 \
  template <class U>                                                                             \
  auto choose(std::initializer_list<ndarray<U>> choices, index_mode mode = index_mode{}) const { \
    return choose(std::vector<ndarray<U>>(choices), mode);                                       \
  }                                                                                              \
  /* Elementwise, lazy as the free functions: */                                                 \
  /** numpy.ndarray.clip: cupp::clip, each element limited to [a_min, a_max]. */                 \
  template <class Lo, class Hi>                                                                  \
  auto clip(const Lo& a_min, const Hi& a_max) const;                                             \
  /** numpy.ndarray.round: rounded to `decimals` places, halves to even. */                      \
  auto round(int decimals = 0) const;                                                            \
  /** numpy.ndarray.conj: cupp::conj, the complex conjugate. */                                  \
  auto conj() const;                                                                             \
  /** numpy.ndarray.conjugate: cupp::conjugate, as conj(). */                                    \
  auto conjugate() const;                                                                        \
  /** numpy.ndarray.real: cupp::real, the real part. */                                          \
  auto real() const;                                                                             \
  /** numpy.ndarray.imag: cupp::imag, the imaginary part. */                                     \
  auto imag() const;

/// The methods of an expression node: those that read, plus the array methods of
/// cupp/core/ndarray.hpp that an expression has by evaluating first (Note [Method forms]).
#define CUPP_EXPRESSION_METHODS                                                                   \
  CUPP_READING_METHODS                                                                            \
  template <class U>                                                                              \
  auto dot(const ndarray<U>& b) const {                                                           \
    return eval().dot(b);                                                                         \
  }                                                                                               \
  /** numpy.ndarray.astype: evaluates straight into an array of U (one kernel). */                \
  template <class U>                                                                              \
  auto astype() const {                                                                           \
    return ndarray<U>(*this);                                                                     \
  }                                                                                               \
  auto copy() const { return eval(); }                                                            \
  auto get() const { return eval().get(); }                                                       \
  auto tolist() const { return eval().get(); }                                                    \
  auto item() const { return eval().item(); }                                                     \
  auto ravel() const { return eval().reshape({-1}); }                                             \
  auto flatten() const { return eval().reshape({-1}); }                                           \
  auto reshape(const shape_t& newshape) const { return eval().reshape(newshape); }                \
  template <class... I,                                                                           \
            std::enable_if_t<sizeof...(I) != 0 && ::cupp::detail::all_integral_v<I...>, int> = 0> \
  auto reshape(I... dims) const {                                                                 \
    return eval().reshape(dims...);                                                               \
  }                                                                                               \
  auto T() const { return eval().T(); }                                                           \
  auto mT() const { return eval().mT(); }                                                         \
  auto transpose() const { return eval().T(); }                                                   \
  auto transpose(const std::vector<std::int64_t>& axes) const { return eval().transpose(axes); }  \
  template <class... I,                                                                           \
            std::enable_if_t<sizeof...(I) != 0 && ::cupp::detail::all_integral_v<I...>, int> = 0> \
  auto transpose(I... axes) const {                                                               \
    return eval().transpose(axes...);                                                             \
  }                                                                                               \
  auto swapaxes(std::int64_t axis1, std::int64_t axis2) const {                                   \
    return eval().swapaxes(axis1, axis2);                                                         \
  }                                                                                               \
  auto squeeze() const { return eval().squeeze(); }                                               \
  auto squeeze(std::int64_t axis) const { return eval().squeeze(axis); }                          \
  auto squeeze(const std::vector<std::int64_t>& axes) const { return eval().squeeze(axes); }

}  // namespace cupp
