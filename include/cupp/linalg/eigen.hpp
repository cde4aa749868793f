// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Eigenvalues and eigenvectors (numpy.linalg.eigh, eigvalsh, eig, eigvals) on cuSOLVER: syevd /
// heevd for one matrix or large ones, the Jacobi batched solver for stacks of small ones, geev
// (a hybrid CPU-GPU solver) for general matrices.
#pragma once

#include <complex>
#include <type_traits>
#include <utility>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/linalg/common.hpp"

namespace cupp::linalg {

/// The result of eigh: `eigenvalues` (..., n) ascending, `eigenvectors` (..., n, n) with the
/// unit eigenvector of eigenvalues[..., i] in column i (eigenvectors[..., :, i]), as NumPy's
/// EighResult.
template <class T>
struct eigh_result {
  /// The eigenvalues (..., n), real and ascending.
  ndarray<detail::real_t<T>> eigenvalues;
  /// The unit eigenvectors (..., n, n), column i for eigenvalues[..., i].
  ndarray<T> eigenvectors;
};

/// The result of eig: `eigenvalues` (..., n) and `eigenvectors` (..., n, n), column i the unit
/// eigenvector of eigenvalues[..., i], as NumPy's EigResult. Always complex (see eig).
template <class C>
struct eig_result {
  /// The eigenvalues (..., n), complex, in geev's order (not sorted).
  ndarray<C> eigenvalues;
  /// The unit eigenvectors (..., n, n), column i for eigenvalues[..., i].
  ndarray<C> eigenvectors;
};

namespace detail {

/// The complex type of T (T itself for complex T).
template <class T>
using complex_t = std::complex<real_t<T>>;

/// Throws value_error "UPLO argument must be 'L' or 'U'" unless `uplo` is one of L, U, l, u.
/// Returns the upper-case letter.
char check_uplo(char uplo);

/// The eigenvalues (real, (..., n), ascending) and, when `vectors`, the eigenvectors ((..., n, n),
/// C-contiguous, in columns) of the stack of Hermitian matrices `a` (float32, float64, complex64
/// or complex128, any layout), reading only its `uplo` triangle. Without `vectors` the second
/// description is empty. Throws linalg_error "Eigenvalues did not converge" under
/// on_error::raise; under on_error::ignore the results of a failed matrix are NaN.
std::pair<array_desc, array_desc> eigh(const array_desc& a, char uplo, bool vectors);

/// The eigenvalues ((..., n), complex) and, when `vectors`, the right eigenvectors ((..., n, n),
/// complex, in columns, unit 2-norm) of the stack of square matrices `a` (float32, float64,
/// complex64 or complex128, any layout). Errors as eigh; under on_error::raise a non-finite
/// input is linalg_error "Array must not contain infs or NaNs", as NumPy.
std::pair<array_desc, array_desc> eig(const array_desc& a, bool vectors);

}  // namespace detail

/// numpy.linalg.eigh: the eigenvalues (ascending, real) and eigenvectors (in columns) of each
/// complex Hermitian or real symmetric matrix of the stack `a` (..., M, M). Only the `UPLO`
/// triangle ('L', the default, or 'U') is read; the diagonal's imaginary part is ignored.
/// Integers and bool are computed in float64. Throws value_error "UPLO argument must be 'L' or
/// 'U'", linalg_error "%d-dimensional array given. Array must be at least two-dimensional",
/// "Last 2 dimensions of the array must be square" and "Eigenvalues did not converge" (NaN for
/// the failed matrices instead under linalg::errstate(on_error::ignore)). Eigenvectors are unique
/// only up to a sign (a phase for complex) and within a repeated eigenvalue's eigenspace; they may
/// differ from NumPy's by that.
template <class T>
eigh_result<detail::linalg_t<T>> eigh(const ndarray<T>& a, char UPLO = 'L') {
  using L = detail::linalg_t<T>;
  const char uplo = detail::check_uplo(UPLO);
  detail::check_stacked_square(a.desc());
  auto [w, v] = detail::eigh(detail::as_linalg(a).desc(), uplo, true);
  return {ndarray<detail::real_t<L>>(std::move(w)), ndarray<L>(std::move(v))};
}

/// numpy.linalg.eigvalsh: the eigenvalues of eigh alone (cheaper: no eigenvectors are formed).
template <class T>
ndarray<detail::real_t<detail::linalg_t<T>>> eigvalsh(const ndarray<T>& a, char UPLO = 'L') {
  const char uplo = detail::check_uplo(UPLO);
  detail::check_stacked_square(a.desc());
  return ndarray<detail::real_t<detail::linalg_t<T>>>(
      detail::eigh(detail::as_linalg(a).desc(), uplo, false).first);
}

/// numpy.linalg.eig: the eigenvalues and right eigenvectors (in columns, unit 2-norm, largest
/// component real, as LAPACK's geev) of each square matrix of the stack `a` (..., M, M). Unlike
/// NumPy, which returns real arrays when every eigenvalue of a real input is real, the result is
/// always complex (complex64 for float32 and complex64, complex128 otherwise): a C++ function has
/// one result type. The eigenvalues come in geev's order (a complex pair of a real matrix as
/// consecutive conjugates, the positive imaginary part first), not sorted. Errors as eigh, plus
/// linalg_error "Array must not contain infs or NaNs" (checked, as NumPy does, under
/// on_error::raise only: it costs a synchronisation). cuSOLVER's geev computes partly on the host
/// and synchronises with the current stream.
template <class T>
eig_result<detail::complex_t<detail::linalg_t<T>>> eig(const ndarray<T>& a) {
  using C = detail::complex_t<detail::linalg_t<T>>;
  detail::check_stacked_square(a.desc());
  auto [w, v] = detail::eig(detail::as_linalg(a).desc(), true);
  return {ndarray<C>(std::move(w)), ndarray<C>(std::move(v))};
}

/// numpy.linalg.eigvals: the eigenvalues of eig alone; always complex, as eig.
template <class T>
ndarray<detail::complex_t<detail::linalg_t<T>>> eigvals(const ndarray<T>& a) {
  using C = detail::complex_t<detail::linalg_t<T>>;
  detail::check_stacked_square(a.desc());
  return ndarray<C>(detail::eig(detail::as_linalg(a).desc(), false).first);
}

}  // namespace cupp::linalg
