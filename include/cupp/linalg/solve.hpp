// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// numpy.linalg.solve, inv, det, slogdet and cholesky on cuSOLVER and cuBLAS: LU (getrf) and
// Cholesky (potrf) factorisations, batched over leading dimensions as NumPy does.
#pragma once

#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/core/promotion.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/linalg/common.hpp"

namespace cupp::linalg {

namespace detail {
/// The shape of solve(a, b), with NumPy 2's checks and messages: linalg_error for `a` not a stack
/// of square matrices (check_stacked_square), value_error "solve: Input operand 1 has a mismatch
/// in its core dimension 0, with gufunc signature (m,m),(m,n)->(m,n) (size 3 is different from
/// 4)" (solve1 and (m,m),(m)->(m) when b is 1-D), value_error "solve: Input operand 1 does not
/// have enough dimensions ..." for a 0-d b, and broadcast_error for batch dimensions that do not
/// broadcast. `b` is a stack of vectors only when it is 1-D.
shape_t solve_shape(const shape_t& a, const shape_t& b);

// Each takes arrays of one inexact dtype (float32, float64, complex64, complex128), any layout,
// and returns new C-contiguous arrays.
array_desc solve(const array_desc& a, const array_desc& b);
array_desc inv(const array_desc& a);
array_desc det(const array_desc& a);
/// (sign, logabsdet).
std::pair<array_desc, array_desc> slogdet(const array_desc& a);
array_desc cholesky(const array_desc& a, bool upper);
}  // namespace detail

/// numpy.linalg.solve: x with a @ x == b, for a of shape (..., M, M) and b of shape (..., M, K)
/// or, only when b is 1-D, (M,); the batch dimensions broadcast (NumPy 2's rule: NumPy 1 also
/// took b of shape (..., M) as a stack of vectors). Integers and bool compute in float64. LU with
/// partial pivoting (cusolverDnXgetrf/Xgetrs; cuBLAS's batched getrf/getrs for many small
/// matrices). Throws linalg_error "Singular matrix" when a matrix is exactly singular; under
/// linalg::errstate(on_error::ignore) its solution is NaN instead and nothing synchronises.
template <class A, class B>
ndarray<detail::linalg_t<promote_t<A, B>>> solve(const ndarray<A>& a, const ndarray<B>& b) {
  using R = detail::linalg_t<promote_t<A, B>>;
  (void)detail::solve_shape(a.shape(), b.shape());  // checks before converting
  return ndarray<R>(detail::solve(detail::as_dtype<R>(a).desc(), detail::as_dtype<R>(b).desc()));
}

/// numpy.linalg.inv: the inverse of each matrix of a stack (..., M, M), by LU and a solve against
/// the identity (as CuPy). Throws linalg_error "Singular matrix"; NaN for a singular matrix of a
/// batch under linalg::errstate(on_error::ignore).
template <class T>
ndarray<detail::linalg_t<T>> inv(const ndarray<T>& a) {
  detail::check_stacked_square(a.desc());
  return ndarray<detail::linalg_t<T>>(detail::inv(detail::as_linalg(a).desc()));
}

/// numpy.linalg.det: the determinant of each matrix of a stack (..., M, M), of shape (...), from
/// the LU factors as NumPy computes it (sign * exp(logabsdet)). A singular matrix gives 0, not an
/// error; a 0x0 matrix gives 1.
template <class T>
ndarray<detail::linalg_t<T>> det(const ndarray<T>& a) {
  detail::check_stacked_square(a.desc());
  return ndarray<detail::linalg_t<T>>(detail::det(detail::as_linalg(a).desc()));
}

/// What slogdet returns: det == sign * exp(logabsdet). For complex T, sign has modulus 1.
template <class T>
struct slogdet_result {
  /// The sign of each determinant: -1 or 1 (of modulus 1 for complex T), 0 when singular.
  ndarray<T> sign;
  /// The natural log of each |det|, real; -inf when singular.
  ndarray<detail::real_t<T>> logabsdet;
};

/// numpy.linalg.slogdet: the sign and the natural log of the absolute value of each determinant,
/// without the overflow of det. A singular matrix gives sign 0 and logabsdet -inf, as NumPy.
template <class T>
slogdet_result<detail::linalg_t<T>> slogdet(const ndarray<T>& a) {
  using R = detail::linalg_t<T>;
  detail::check_stacked_square(a.desc());
  auto [sign, logabsdet] = detail::slogdet(detail::as_linalg(a).desc());
  return {ndarray<R>(std::move(sign)), ndarray<detail::real_t<R>>(std::move(logabsdet))};
}

/// numpy.linalg.cholesky (NumPy 2, with `upper`): the lower-triangular L with a == L @ L^H of
/// each Hermitian positive-definite matrix of a stack, or with `upper` the upper-triangular
/// U == L^H with a == U^H @ U; the other triangle is zero. As NumPy, only the lower (with
/// `upper`, the upper) triangle of `a` is read. cusolverDnXpotrf, or potrfBatched for many small
/// matrices. Throws linalg_error "Matrix is not positive definite"; NaN for such a matrix of a
/// batch under linalg::errstate(on_error::ignore).
template <class T>
ndarray<detail::linalg_t<T>> cholesky(const ndarray<T>& a, bool upper = false) {
  detail::check_stacked_square(a.desc());
  return ndarray<detail::linalg_t<T>>(detail::cholesky(detail::as_linalg(a).desc(), upper));
}

}  // namespace cupp::linalg
