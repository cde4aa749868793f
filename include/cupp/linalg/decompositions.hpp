// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// numpy.linalg's decompositions and what is built on the SVD: qr, svd, svdvals, pinv, lstsq and
// matrix_rank, on cuSOLVER (Note [Row-major inputs to cuSOLVER] in src/linalg/decompositions.cpp).
// The templates convert the input to the dtype linalg computes in and call the type-erased code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/core/promotion.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/linalg/common.hpp"
#include "cupp/routines/reduction.hpp"

namespace cupp::linalg {

/// numpy.linalg.qr's `mode`: "reduced" (Q (M, K), R (K, N) with K = min(M, N)), "complete"
/// (Q (M, M), R (M, N)) and "r" (R (K, N) only). NumPy's "raw" is not offered.
enum class qr_mode { reduced, complete, r };

/// What qr returns: A = Q R, Q with orthonormal columns, R upper triangular.
template <class T>
struct qr_result {
  /// The orthonormal factor, (..., M, K) or (..., M, M); empty, shape (0,), for qr_mode::r.
  ndarray<T> Q;
  /// The upper triangular factor, (..., K, N) or (..., M, N).
  ndarray<T> R;
};

/// What svd returns: A = U diag(S) Vh, S real, non-negative and descending.
template <class T>
struct svd_result {
  /// The left singular vectors, as columns: (..., M, M), or (..., M, K) without full_matrices.
  ndarray<T> U;
  /// The singular values (..., K), real, non-negative and descending.
  ndarray<detail::real_t<T>> S;
  /// The right singular vectors, as rows: (..., N, N), or (..., K, N) without full_matrices.
  ndarray<T> Vh;
};

/// What lstsq returns, as NumPy's 4-tuple.
template <class T>
struct lstsq_result {
  ndarray<T> x;                             ///< (N,) or (N, K) solution of minimum norm
  ndarray<detail::real_t<T>> residuals;     ///< (K,) squared residual norms, or (0,)
  std::int64_t rank;                        ///< the effective rank of `a`
  ndarray<detail::real_t<T>> s;             ///< (min(M, N),) singular values of `a`
};

namespace detail {

struct qr_arrays {
  array_desc q, r;
};
struct svd_arrays {
  array_desc u, s, vh;
};
struct lstsq_arrays {
  array_desc x, residuals;
  std::int64_t rank = 0;
  array_desc s;
};

/// The decompositions of `a` (float32, float64, complex64 or complex128; any layout, batched over
/// the leading axes), as new C-contiguous arrays. Each checks its argument as NumPy does.
qr_arrays qr_array(const array_desc& a, qr_mode mode);
/// U and Vh are left empty unless `compute_uv`.
svd_arrays svd_array(const array_desc& a, bool compute_uv, bool full_matrices);
array_desc pinv_array(const array_desc& a, double rcond);
/// `a` and `b` have one dtype; lstsq_check has been called on their shapes.
lstsq_arrays lstsq_array(const array_desc& a, const array_desc& b, std::optional<double> rcond);
array_desc matrix_rank_array(const array_desc& a, std::optional<double> tol,
                             std::optional<double> rtol);

/// lstsq's checks, in NumPy's words: linalg_error "3-dimensional array given. Array must be
/// two-dimensional" (for `a`, or `b` once a 1-D `b` is seen as a column) and "Incompatible
/// dimensions" when the rows of `a` and `b` differ.
void lstsq_check(const shape_t& a, const shape_t& b);

/// The dtype lstsq computes in for a of A and b of B, as NumPy's _commonType: integers and bool
/// count as float64, then the usual promotion.
template <class A, class B>
using lstsq_t = promote_t<linalg_t<A>, linalg_t<B>>;

}  // namespace detail

/// numpy.linalg.qr: A = Q R for the last two axes of `a`, batched over the leading ones (as NumPy
/// 2). Q has orthonormal columns, R is upper triangular; signs follow LAPACK's Householder
/// convention (as NumPy's), so the diagonal of R may be negative. With qr_mode::r, only R is
/// computed and Q is an empty array of shape (0,) (NumPy returns R alone). For K = 0, complete Q
/// is the identity. Integers and bool are computed in float64. Throws linalg_error
/// "1-dimensional array given. Array must be at least two-dimensional". cuSOLVER has no batched
/// geqrf/orgqr, so a batch is factored one matrix after another (all on the current stream).
template <class T>
qr_result<detail::linalg_t<T>> qr(const ndarray<T>& a, qr_mode mode = qr_mode::reduced) {
  using R = detail::linalg_t<T>;
  detail::check_stacked_2d(a.desc());
  detail::qr_arrays r = detail::qr_array(detail::as_linalg(a).desc(), mode);
  return {ndarray<R>(std::move(r.q)), ndarray<R>(std::move(r.r))};
}

/// numpy.linalg.svd (compute_uv=True, hermitian=False): A = U diag(S) Vh for the last two axes,
/// batched. full_matrices gives U (M, M) and Vh (N, N), else U (M, K) and Vh (K, N). S is real
/// and descending. Matrices of at most 32 x 32 go to cuSOLVER's batched Jacobi SVD (gesvdjBatched)
/// in one call; larger ones to the polar-decomposition SVD (gesvdp, several times faster than
/// the QR-iteration gesvd) when the reduced U is asked for or the matrix is square, checked
/// against the perturbation gesvdp reports and redone with gesvd when it is not accurate to
/// working precision (a nearly singular matrix); gesvd otherwise. gesvdp reports to the host, so
/// the large route synchronises once per call. Singular vectors are unique only up to a phase
/// per singular value (as in NumPy: compare U diag(S) Vh, not the factors). Throws linalg_error
/// "SVD did not converge" (NaN or inf in the input, too) unless linalg::errstate ignores it,
/// which makes U, S and Vh of the failed matrices NaN.
template <class T>
svd_result<detail::linalg_t<T>> svd(const ndarray<T>& a, bool full_matrices = true) {
  using R = detail::linalg_t<T>;
  detail::check_stacked_2d(a.desc());
  detail::svd_arrays r = detail::svd_array(detail::as_linalg(a).desc(), true, full_matrices);
  return {ndarray<R>(std::move(r.u)), ndarray<detail::real_t<R>>(std::move(r.s)),
          ndarray<R>(std::move(r.vh))};
}

/// numpy.linalg.svdvals (NumPy 2; svd(a, compute_uv=False)): the singular values of the last two
/// axes, descending, shape (..., K), real. Errors as svd.
template <class T>
ndarray<detail::real_t<detail::linalg_t<T>>> svdvals(const ndarray<T>& a) {
  using R = detail::linalg_t<T>;
  detail::check_stacked_2d(a.desc());
  return ndarray<detail::real_t<R>>(
      detail::svd_array(detail::as_linalg(a).desc(), false, false).s);
}

/// numpy.linalg.pinv: the Moore-Penrose pseudo-inverse V diag(1/S) U^H of the last two axes
/// (shape (..., N, M)), singular values not above rcond * max(S) counted as zero. rcond's default
/// 1e-15 is NumPy's; NumPy's keyword `rtol` and a per-matrix array of rcond are not offered.
/// `hermitian` is accepted for NumPy's signature, but the SVD is used either way (the result is
/// the same). Empty matrices give an empty (..., N, M) result. Errors as svd.
template <class T>
ndarray<detail::linalg_t<T>> pinv(const ndarray<T>& a, double rcond = 1e-15,
                                  bool hermitian = false) {
  (void)hermitian;
  detail::check_stacked_2d(a.desc());
  return ndarray<detail::linalg_t<T>>(detail::pinv_array(detail::as_linalg(a).desc(), rcond));
}

/// numpy.linalg.lstsq: the x of minimum norm that minimises ||b - a x||, for a (M, N) and b (M,)
/// or (M, K) (no batching, as NumPy). Singular values not above rcond * max(S) count as zero;
/// nullopt is NumPy's default eps * max(M, N) and a negative rcond is eps. residuals holds the
/// squared norm of each column of b - a x when rank == N and M > N, else it is empty (shape
/// (0,)). Computed from the SVD; reading the rank back synchronises. The dtype is NumPy's common
/// type of a and b (integers as float64). Throws linalg_error "Incompatible dimensions" and
/// "3-dimensional array given. Array must be two-dimensional", and as svd.
template <class A, class B>
lstsq_result<detail::lstsq_t<A, B>> lstsq(const ndarray<A>& a, const ndarray<B>& b,
                                          std::optional<double> rcond = std::nullopt) {
  using T = detail::lstsq_t<A, B>;
  using R = detail::real_t<T>;
  detail::lstsq_check(a.shape(), b.shape());
  detail::lstsq_arrays r = detail::lstsq_array(detail::as_dtype<T>(a).desc(),
                                               detail::as_dtype<T>(b).desc(), rcond);
  return {ndarray<T>(std::move(r.x)), ndarray<R>(std::move(r.residuals)), r.rank,
          ndarray<R>(std::move(r.s))};
}

/// numpy.linalg.matrix_rank: the number of singular values of each matrix above `tol`, shape
/// (...) of int64. By default tol = S.max() * max(M, N) * eps of the computing dtype (float32's
/// eps for float32 input); `rtol` (NumPy 2's keyword) replaces max(M, N) * eps. An array of
/// fewer than 2 dimensions has rank int(not all(a == 0)) (a 0-d result). `hermitian` is accepted
/// for NumPy's signature, but the SVD is used either way (same ranks). Throws value_error
/// "`tol` and `rtol` can't be both set." and, for K = 0 without tol, NumPy's "zero-size array to
/// reduction operation maximum which has no identity"; errors as svd.
template <class T>
ndarray<std::int64_t> matrix_rank(const ndarray<T>& a, std::optional<double> tol = std::nullopt,
                                  bool hermitian = false,
                                  std::optional<double> rtol = std::nullopt) {
  (void)hermitian;
  CUPP_EXPECTS(!(tol && rtol), value_error, "`tol` and `rtol` can't be both set.");
  if (a.ndim() < 2) return cupp::any(a).template astype<std::int64_t>();
  return ndarray<std::int64_t>(
      detail::matrix_rank_array(detail::as_linalg(a).desc(), tol, rtol));
}

}  // namespace cupp::linalg
