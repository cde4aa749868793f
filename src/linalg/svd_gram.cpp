// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "svd_gram.hpp"

#include <complex>
#include <type_traits>

#include "cupp/core/promotion.hpp"
#include "cupp/linalg/eigen.hpp"
#include "cupp/linalg/matmul.hpp"
#include "cupp/routines/reduction.hpp"
#include "handles.hpp"

namespace cupp::linalg::detail {

// Note [SVD through a double Gram matrix]: cuSOLVER's float32 SVDs of large matrices are slow
// (gesvd: 325 ms for 2048 x 2048 on an H100, gesvdj 220 ms) or, for gesvdp, not accurate on
// ordinary matrices. For float32 and complex64 input the SVD is computed in double precision
// instead, from the eigen-decomposition of the Gram matrix:
//   1. A (M x N, M >= N; else A^H, whose SVD is A's transposed) is widened to double;
//   2. G = A^H A (one GEMM) and G = V diag(l) V^H (divide-and-conquer eigh, double);
//   3. S = sqrt(max(l, 0)), descending; U from the QR factorisation A V = Q R, each column of Q
//      turned by the phase of R's diagonal entry so that U S = A V.
// Squaring A squares its condition number, but in double: a singular value's absolute error is
// about sqrt(eps_double) * ||A|| (about 1.5e-8 ||A||) at worst, below float32's own eps * ||A||
// (1.2e-7 ||A||), which is what gesvd delivers. U comes from a QR factorisation, so it is
// orthonormal to double precision whatever the singular values, and A - U S V^H stays at the
// float32 rounding level: the columns that A V cannot determine (tiny singular values) only
// multiply tiny singular values. The results are rounded to float32 at the end. Double
// precision input gets no such shortcut (it would need a wider type) and keeps cuSOLVER's SVDs.

namespace {

template <class T>
ndarray<T> conj_t(const ndarray<T>& x) {  // x^H of the last two axes, C-contiguous
  if constexpr (is_complex(dtype_of<T>))
    return ndarray<T>(conj(x.swapaxes(-1, -2)));
  else
    return x.swapaxes(-1, -2).copy();
}

/// The view of the diagonal of the last two axes (batch..., K).
template <class T>
ndarray<T> diagonal_view(const ndarray<T>& r) {
  const auto& d = r.desc();
  const std::size_t n = d.shape.size();
  shape_t shape(d.shape.begin(), d.shape.end() - 2);
  strides_t strides(d.strides.begin(), d.strides.end() - 2);
  shape.push_back(std::min(d.shape[n - 2], d.shape[n - 1]));
  strides.push_back(d.strides[n - 2] + d.strides[n - 1]);
  return ndarray<T>(cupp::detail::make_view(d, shape, strides, d.ptr));
}

template <class T>
svd_arrays gram_typed(const array_desc& a_desc, bool compute_uv, bool full) {
  using W = std::conditional_t<is_complex(dtype_of<T>), std::complex<double>, double>;
  const ndarray<T> a_in(a_desc);
  const std::int64_t m = a_in.shape(-2), n = a_in.shape(-1);
  const bool wide = m < n;
  const std::int64_t batch_ndim = a_in.ndim() - 2;

  // Non-finite input: NumPy's "SVD did not converge", or NaN results under on_error::ignore.
  const ndarray<bool> bad = any(logical_not(isfinite(a_in)), axis_arg{-2, -1});
  if (error_mode() == on_error::raise && any(bad).item())
    throw linalg_error("SVD did not converge");

  // The tall one of A and A^H, in double.
  const ndarray<W> a = wide ? conj_t(a_in).template astype<W>() : a_in.template astype<W>();
  const ndarray<W> g = cupp::matmul(conj_t(a), a);
  eigh_result<W> e = [&] {
    errstate quiet(on_error::ignore);  // failures are reported below, as the SVD's
    return linalg::eigh(g);
  }();
  const auto descending = slice(std::nullopt, std::nullopt, -1);
  const ndarray<double> lam = e.eigenvalues(ellipsis, descending);
  svd_arrays r;
  ndarray<float> s(sqrt(maximum(lam, 0.0)));
  const ndarray<std::int32_t> failed(
      logical_or(bad, any(isnan(lam), axis_arg{-1})));
  if (error_mode() == on_error::raise && any(failed).item())
    throw linalg_error("SVD did not converge");
  if (!compute_uv) {
    if (error_mode() == on_error::ignore) nan_where_failed(s.desc(), failed.desc(), batch_ndim);
    r.s = s.desc();
    return r;
  }
  const ndarray<W> v = e.eigenvectors(ellipsis, slice(), descending);
  const auto f = linalg::qr(cupp::matmul(a, v), full ? qr_mode::complete : qr_mode::reduced);
  const ndarray<W> d = diagonal_view(f.R);
  // The phase of each diagonal entry of R (1 where it is 0), applied to the first columns of Q.
  const ndarray<W> phase(where(equal(d, W(0)), W(1), d / ndarray<W>(abs(d))));
  ndarray<T> u = f.Q.template astype<T>();
  const std::int64_t k = std::min(m, n);
  u(ellipsis, slice(), slice(0, k)) =
      ndarray<T>(f.Q(ellipsis, slice(), slice(0, k)) * expand_dims(phase, -2));
  ndarray<T> vh = conj_t(v).template astype<T>();
  if (wide) {  // A = (A^H)^H = V' S U'^H
    ndarray<T> u2 = conj_t(vh);
    vh = conj_t(u);
    u = u2;
  }
  if (error_mode() == on_error::ignore) {
    nan_where_failed(s.desc(), failed.desc(), batch_ndim);
    nan_where_failed(u.desc(), failed.desc(), batch_ndim);
    nan_where_failed(vh.desc(), failed.desc(), batch_ndim);
  }
  r.s = s.desc();
  r.u = u.desc();
  r.vh = vh.desc();
  return r;
}

}  // namespace

bool svd_gram_applies(const array_desc& a) {
  if (a.dt != dtype::float32 && a.dt != dtype::complex64) return false;
  const std::size_t n = a.shape.size();
  return n >= 2 && std::min(a.shape[n - 2], a.shape[n - 1]) > 32 && a.size() > 0;
}

svd_arrays svd_gram(const array_desc& a, bool compute_uv, bool full_matrices) {
  if (a.dt == dtype::float32) return gram_typed<float>(a, compute_uv, full_matrices);
  return gram_typed<std::complex<float>>(a, compute_uv, full_matrices);
}

}  // namespace cupp::linalg::detail
