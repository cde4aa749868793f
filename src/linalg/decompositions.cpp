// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// qr, svd, svdvals, pinv, lstsq and matrix_rank on cuSOLVER, and the small kernels that change
// layouts between cuSOLVER's column-major results and NumPy's row-major arrays.
#include "cupp/linalg/decompositions.hpp"

#include <cuda_runtime_api.h>

#include <algorithm>
#include <cfloat>
#include <string>
#include <vector>

#include "../cuda/launch.hpp"
#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/expr/type_rules.hpp"
#include "cupp/expr/expression.hpp"
#include "cupp/expr/ufuncs.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "cupp/linalg/matmul.hpp"
#include "cupp/routines/creation.hpp"
#include "handles.hpp"
#include "svd_gram.hpp"

namespace cupp::linalg::detail {
namespace {

using cupp::detail::index_item;
using cupp::detail::make_array;

// Note [Row-major inputs to cuSOLVER]: cuSOLVER reads matrices column-major, and the memory of a
// C-contiguous (M, N) array read column-major is A^T (N x M). cuSOLVER's SVD routines want m >= n,
// so a wide or square A (N >= M) is handed over as it lies, as W = A^T (N x M); a tall one is
// first copied transposed, so that its memory read column-major is A itself. With W = A^T =
// Uw S Vw^H, A = conj(Vw) S Uw^T: Uw's memory read row-major is Uw^T, which is Vh, and gesvd's
// VT (= Vw^H) read row-major is conj(Vw), which is U; no result needs moving. Only the routes that
// return V instead of V^H (gesvdj, gesvdp) and tall matrices need one relayout kernel per factor.
// Every result array below is first described as what cuSOLVER's column-major output is when its
// memory is read row-major ("raw"), then turned into NumPy's factor with relayout().

bool complex_dtype(dtype dt) { return dt == dtype::complex64 || dt == dtype::complex128; }
bool single_dtype(dtype dt) { return dt == dtype::float32 || dt == dtype::complex64; }

double eps_of(dtype dt) { return single_dtype(dt) ? double(FLT_EPSILON) : DBL_EPSILON; }

int to_int(std::int64_t v) {
  CUPP_EXPECTS(v <= INT32_MAX, value_error,
               "matrix dimension " + std::to_string(v) + " is too large for cuSOLVER's 32-bit API");
  return static_cast<int>(v);
}

cudaStream_t stream() { return cuda::get_current_stream(); }

// ---- routine kernels and expressions ---------------------------------------------------------

// The routine kernels (kernels/cupp/linalg_decompositions.cuh, Note [Linalg kernels] in
// handles.hpp).
constexpr const char* kDecompHeader = "cupp/linalg_decompositions.cuh";
constexpr unsigned kThreads = 256;
constexpr unsigned kPerMatrixThreads = 128;  // one thread per matrix or column

const char* real_name(dtype dt) { return single_dtype(dt) ? "float" : "double"; }
int comps(dtype dt) { return complex_dtype(dt) ? 2 : 1; }

/// The kernel defined by `macro` in linalg_decompositions.cuh, for elements of `dt`, named
/// cupp_<routine>_<dtype>.
kernel_variant decomp_variant(const char* macro, const char* routine, dtype dt) {
  std::string name = std::string("cupp_") + routine + "_" + cupp::detail::dtype_short_name(dt);
  std::string preamble = std::string("typedef ") + real_name(dt) + " cupp_real;\n" +
                         "#define CUPP_COMPLEX " + (complex_dtype(dt) ? "1" : "0") + "\n" +
                         "#define " + macro + " " + name + "\n";
  return {kDecompHeader, std::move(preamble), std::move(name)};
}
kernel_variant cutoff_variant(dtype real) {
  return decomp_variant("CUPP_PINV_CUTOFF_KERNEL", "pinv_cutoff", real);
}
kernel_variant pinv_scale_variant(dtype dt) {
  return decomp_variant("CUPP_PINV_SCALE_KERNEL", "pinv_scale", dt);
}
kernel_variant rank_variant(dtype real) {
  return decomp_variant("CUPP_MATRIX_RANK_KERNEL", "matrix_rank", real);
}
kernel_variant residuals_variant(dtype dt) {
  return decomp_variant("CUPP_LSTSQ_RESIDUALS_KERNEL", "lstsq_residuals", dt);
}

void* ptr_of(const array_desc& a) { return static_cast<void*>(a.ptr); }

/// `raw` (batch, rows, cols), C-contiguous, transposed and/or conjugated into a new C-contiguous
/// array (raw itself when nothing changes).
array_desc relayout(const array_desc& raw, bool transpose, bool conjugate) {
  conjugate = conjugate && complex_dtype(raw.dt);
  if (!transpose && !conjugate) return raw;
  const array_desc src = transpose ? cupp::detail::swapaxes(raw, -1, -2) : raw;
  if (!conjugate) return cupp::detail::copy(src);
  array_desc out = make_array(src.shape, raw.dt);
  if (out.size() == 0) return out;
  if (raw.dt == dtype::complex64)
    expr::assign(conj(ndarray<std::complex<float>>(src)), out);
  else
    expr::assign(conj(ndarray<std::complex<double>>(src)), out);
  return out;
}

/// A batch (shape `batch` + (n, n)) of identity matrices.
array_desc eye_batch(const shape_t& batch, std::int64_t n, dtype dt) {
  array_desc out = make_array(with_tail(batch, {n, n}), dt);
  assign_identity(out);
  return out;
}

/// The first `rows` x `cols` of each matrix of x (batch, r, c), C-contiguous.
array_desc leading(const array_desc& x, std::int64_t rows, std::int64_t cols) {
  if (x.shape[1] == rows && x.shape[2] == cols) return x;
  return cupp::detail::copy(cupp::detail::index_view(
      x, {index_item(slice()), index_item(slice(0, rows)), index_item(slice(0, cols))}));
}

/// Per matrix of x (batch, ...): whether it holds a NaN or an infinity (bool, shape (batch,)).
ndarray<bool> nonfinite_matrices(const array_desc& x) {
  std::vector<std::int64_t> axes;
  for (std::int64_t d = 1; d < x.ndim(); ++d) axes.push_back(d);
  return visit_inexact(x.dt, [&](auto zero) {
    using T = decltype(zero);
    return ndarray<bool>(cupp::any(logical_not(isfinite(ndarray<T>(x))), axis_arg(axes)));
  });
}

/// Marks in info (int32, one per matrix) the matrices of x (batch, ...) that hold a NaN or inf.
void flag_nonfinite(const array_desc& x, const array_desc& info) {
  if (x.size() == 0 || info.size() == 0) return;
  const ndarray<std::int32_t> status(info);
  expr::assign(where(nonfinite_matrices(x), std::int32_t{1}, status), info);
}

// ---- QR ---------------------------------------------------------------------------------------

void orgqr_buffer(dtype dt, int m, int n, int k, void* a, int lda, void* tau, int* lwork) {
  cusolverDnHandle_t h = solver_handle();
  switch (dt) {
    case dtype::float32:
      CUPP_CHECK_CUSOLVER(cusolverDnSorgqr_bufferSize(h, m, n, k, static_cast<float*>(a), lda,
                                                      static_cast<float*>(tau), lwork));
      break;
    case dtype::float64:
      CUPP_CHECK_CUSOLVER(cusolverDnDorgqr_bufferSize(h, m, n, k, static_cast<double*>(a), lda,
                                                      static_cast<double*>(tau), lwork));
      break;
    case dtype::complex64:
      CUPP_CHECK_CUSOLVER(cusolverDnCungqr_bufferSize(h, m, n, k, static_cast<cuComplex*>(a),
                                                      lda, static_cast<cuComplex*>(tau), lwork));
      break;
    default:
      CUPP_CHECK_CUSOLVER(cusolverDnZungqr_bufferSize(h, m, n, k,
                                                      static_cast<cuDoubleComplex*>(a), lda,
                                                      static_cast<cuDoubleComplex*>(tau), lwork));
      break;
  }
}

void orgqr(dtype dt, int m, int n, int k, void* a, int lda, void* tau, void* work, int lwork,
           int* info) {
  cusolverDnHandle_t h = solver_handle();
  switch (dt) {
    case dtype::float32:
      CUPP_CHECK_CUSOLVER(cusolverDnSorgqr(h, m, n, k, static_cast<float*>(a), lda,
                                           static_cast<float*>(tau), static_cast<float*>(work),
                                           lwork, info));
      break;
    case dtype::float64:
      CUPP_CHECK_CUSOLVER(cusolverDnDorgqr(h, m, n, k, static_cast<double*>(a), lda,
                                           static_cast<double*>(tau), static_cast<double*>(work),
                                           lwork, info));
      break;
    case dtype::complex64:
      CUPP_CHECK_CUSOLVER(cusolverDnCungqr(h, m, n, k, static_cast<cuComplex*>(a), lda,
                                           static_cast<cuComplex*>(tau),
                                           static_cast<cuComplex*>(work), lwork, info));
      break;
    default:
      CUPP_CHECK_CUSOLVER(cusolverDnZungqr(h, m, n, k, static_cast<cuDoubleComplex*>(a), lda,
                                           static_cast<cuDoubleComplex*>(tau),
                                           static_cast<cuDoubleComplex*>(work), lwork, info));
      break;
  }
}

// ---- SVD --------------------------------------------------------------------------------------

/// gesvdjBatched on `batch` column-major m x n matrices (m, n <= 32) at w: S (batch, min), U
/// (batch, m, m) and V (batch, n, n) in column-major, one status per matrix in info.
void gesvdj_batched(const array_desc& w, std::int64_t batch, std::int64_t m, std::int64_t n,
                    bool vectors, const array_desc& s, void* u, void* v, int* info) {
  cusolverDnHandle_t h = solver_handle();
  gesvdjInfo_t params = nullptr;
  CUPP_CHECK_CUSOLVER(cusolverDnCreateGesvdjInfo(&params));
  struct guard {
    gesvdjInfo_t p;
    ~guard() { (void)cusolverDnDestroyGesvdjInfo(p); }
  } g{params};
  CUPP_CHECK_CUSOLVER(cusolverDnXgesvdjSetSortEig(params, 1));
  const cusolverEigMode_t jobz = vectors ? CUSOLVER_EIG_MODE_VECTOR : CUSOLVER_EIG_MODE_NOVECTOR;
  const int mi = static_cast<int>(m), ni = static_cast<int>(n), bi = to_int(batch);
  int lwork = 0;
  const dtype dt = w.dt;
  switch (dt) {
    case dtype::float32:
      CUPP_CHECK_CUSOLVER(cusolverDnSgesvdjBatched_bufferSize(
          h, jobz, mi, ni, reinterpret_cast<float*>(w.ptr), mi, reinterpret_cast<float*>(s.ptr),
          static_cast<float*>(u), mi, static_cast<float*>(v), ni, &lwork, params, bi));
      break;
    case dtype::float64:
      CUPP_CHECK_CUSOLVER(cusolverDnDgesvdjBatched_bufferSize(
          h, jobz, mi, ni, reinterpret_cast<double*>(w.ptr), mi,
          reinterpret_cast<double*>(s.ptr), static_cast<double*>(u), mi, static_cast<double*>(v),
          ni, &lwork, params, bi));
      break;
    case dtype::complex64:
      CUPP_CHECK_CUSOLVER(cusolverDnCgesvdjBatched_bufferSize(
          h, jobz, mi, ni, reinterpret_cast<cuComplex*>(w.ptr), mi,
          reinterpret_cast<float*>(s.ptr), static_cast<cuComplex*>(u), mi,
          static_cast<cuComplex*>(v), ni, &lwork, params, bi));
      break;
    default:
      CUPP_CHECK_CUSOLVER(cusolverDnZgesvdjBatched_bufferSize(
          h, jobz, mi, ni, reinterpret_cast<cuDoubleComplex*>(w.ptr), mi,
          reinterpret_cast<double*>(s.ptr), static_cast<cuDoubleComplex*>(u), mi,
          static_cast<cuDoubleComplex*>(v), ni, &lwork, params, bi));
      break;
  }
  const auto work = scratch(static_cast<std::size_t>(std::max(lwork, 1)) * dtype_itemsize(dt));
  switch (dt) {
    case dtype::float32:
      CUPP_CHECK_CUSOLVER(cusolverDnSgesvdjBatched(
          h, jobz, mi, ni, reinterpret_cast<float*>(w.ptr), mi, reinterpret_cast<float*>(s.ptr),
          static_cast<float*>(u), mi, static_cast<float*>(v), ni,
          static_cast<float*>(work.get()), lwork, info, params, bi));
      break;
    case dtype::float64:
      CUPP_CHECK_CUSOLVER(cusolverDnDgesvdjBatched(
          h, jobz, mi, ni, reinterpret_cast<double*>(w.ptr), mi,
          reinterpret_cast<double*>(s.ptr), static_cast<double*>(u), mi, static_cast<double*>(v),
          ni, static_cast<double*>(work.get()), lwork, info, params, bi));
      break;
    case dtype::complex64:
      CUPP_CHECK_CUSOLVER(cusolverDnCgesvdjBatched(
          h, jobz, mi, ni, reinterpret_cast<cuComplex*>(w.ptr), mi,
          reinterpret_cast<float*>(s.ptr), static_cast<cuComplex*>(u), mi,
          static_cast<cuComplex*>(v), ni, static_cast<cuComplex*>(work.get()), lwork, info,
          params, bi));
      break;
    default:
      CUPP_CHECK_CUSOLVER(cusolverDnZgesvdjBatched(
          h, jobz, mi, ni, reinterpret_cast<cuDoubleComplex*>(w.ptr), mi,
          reinterpret_cast<double*>(s.ptr), static_cast<cuDoubleComplex*>(u), mi,
          static_cast<cuDoubleComplex*>(v), ni, static_cast<cuDoubleComplex*>(work.get()), lwork,
          info, params, bi));
      break;
  }
}

/// cusolverDnXgesvd on one column-major m x n matrix (m >= n) at a.
void xgesvd(dtype dt, signed char jobu, signed char jobvt, std::int64_t m, std::int64_t n, void* a,
            void* s, void* u, std::int64_t ldu, void* vt, std::int64_t ldvt, int* info) {
  cusolverDnHandle_t h = solver_handle();
  cusolverDnParams_t p = solver_params();
  const cudaDataType t = cuda_data_type(dt), rt = cuda_data_type(expr::real_of(dt));
  std::size_t dev_bytes = 0, host_bytes = 0;
  CUPP_CHECK_CUSOLVER(cusolverDnXgesvd_bufferSize(h, p, jobu, jobvt, m, n, t, a, m, rt, s, t, u,
                                                  ldu, t, vt, ldvt, t, &dev_bytes, &host_bytes));
  const auto work = scratch(dev_bytes);
  void* const host = host_workspace(host_bytes);
  CUPP_CHECK_CUSOLVER(cusolverDnXgesvd(h, p, jobu, jobvt, m, n, t, a, m, rt, s, t, u, ldu, t, vt,
                                       ldvt, t, work.get(), dev_bytes, host, host_bytes, info));
}

/// cusolverDnXgesvdp (econ) on one column-major m x n matrix (m >= n): U m x n, V n x n. Returns
/// the perturbation gesvdp reports (h_err_sigma).
double xgesvdp(dtype dt, std::int64_t m, std::int64_t n, void* a, void* s, void* u, void* v,
               int* info) {
  cusolverDnHandle_t h = solver_handle();
  cusolverDnParams_t p = solver_params();
  const cudaDataType t = cuda_data_type(dt), rt = cuda_data_type(expr::real_of(dt));
  std::size_t dev_bytes = 0, host_bytes = 0;
  CUPP_CHECK_CUSOLVER(cusolverDnXgesvdp_bufferSize(h, p, CUSOLVER_EIG_MODE_VECTOR, 1, m, n, t, a,
                                                   m, rt, s, t, u, m, t, v, n, t, &dev_bytes,
                                                   &host_bytes));
  const auto work = scratch(dev_bytes);
  void* const host = host_workspace(host_bytes);
  double err_sigma = 0;
  CUPP_CHECK_CUSOLVER(cusolverDnXgesvdp(h, p, CUSOLVER_EIG_MODE_VECTOR, 1, m, n, t, a, m, rt, s, t,
                                        u, m, t, v, n, t, work.get(), dev_bytes, host, host_bytes,
                                        info, &err_sigma));
  return err_sigma;
}

char* matrix_at(const array_desc& x, std::int64_t b) {
  const std::int64_t per =
      x.shape.size() > 1 ? shape_size(shape_t(x.shape.begin() + 1, x.shape.end())) : 1;
  return x.ptr + b * per * static_cast<std::int64_t>(x.itemsize());
}

int* info_at(const array_desc& info, std::int64_t b) {
  return reinterpret_cast<int*>(info.ptr) + b;
}

/// What a route of the SVD leaves: S (batch, K), and the raw factors (Note [Row-major inputs to
/// cuSOLVER]) with how to read them: `v_is_vt` when the second factor is V^H (gesvd), else V.
struct raw_svd {
  array_desc s, uw, vw;
  bool v_is_vt = false;
};

/// gesvd for the large route (see svd_large), consuming `w`: U m' x (m' or k), VT n' x n'; r.s
/// is reused.
raw_svd svd_gesvd(const array_desc& w, std::int64_t mp, std::int64_t np, bool full,
                  const array_desc& info, raw_svd r) {
  const dtype dt = w.dt;
  const std::int64_t batch = w.shape[0], k = np;
  const std::int64_t ku = full ? mp : k;
  r.uw = make_array({batch, ku, mp}, dt);
  r.vw = make_array({batch, np, np}, dt);
  r.v_is_vt = true;
  for (std::int64_t b = 0; b < batch; ++b)
    xgesvd(dt, full ? 'A' : 'S', 'A', mp, np, matrix_at(w, b), matrix_at(r.s, b),
           matrix_at(r.uw, b), mp, matrix_at(r.vw, b), np, info_at(info, b));
  return r;
}

/// The large-matrix route for `w` (batch, n', m'), C-contiguous, each matrix column-major
/// m' x n' with m' >= n'; `w` is consumed.
raw_svd svd_large(const array_desc& w, std::int64_t mp, std::int64_t np, bool compute_uv,
                  bool full, const array_desc& info) {
  const dtype dt = w.dt, rt = expr::real_of(dt);
  const std::int64_t batch = w.shape[0], k = np;
  raw_svd r;
  r.s = make_array({batch, k}, rt);
  if (!compute_uv) {
    for (std::int64_t b = 0; b < batch; ++b)
      xgesvd(dt, 'N', 'N', mp, np, matrix_at(w, b), matrix_at(r.s, b), nullptr, mp, nullptr, np,
             info_at(info, b));
    return r;
  }
  if (!full || mp == np) {
    // Note [gesvdp accuracy]: gesvdp (QDWH polar decomposition + syevd) adds a perturbation when
    // a singular value is close to zero and reports its size; the singular values are then off
    // by that much. Where it exceeds eps * max(S) (the accuracy gesvd gives), the whole call is
    // redone with gesvd, so that results near the rank cut-offs of pinv, lstsq and matrix_rank
    // are as NumPy's. gesvdp destroys its input, so it works on a copy.
    array_desc wp = cupp::detail::copy(w);
    r.uw = make_array({batch, k, mp}, dt);
    r.vw = make_array({batch, np, np}, dt);
    std::vector<double> err(static_cast<std::size_t>(batch));
    bool refused = false;
    try {
      for (std::int64_t b = 0; b < batch; ++b)
        err[static_cast<std::size_t>(b)] =
            xgesvdp(dt, mp, np, matrix_at(wp, b), matrix_at(r.s, b), matrix_at(r.uw, b),
                    matrix_at(r.vw, b), info_at(info, b));
    } catch (const cusolver_error&) {
      refused = true;  // a status gesvdp is not documented to return here: gesvd decides
    }
    if (refused) return svd_gesvd(w, mp, np, full, info, std::move(r));
    std::vector<std::int32_t> status(static_cast<std::size_t>(batch));
    cupp::detail::to_host(info, status.data());
    std::vector<char> smax_bytes(static_cast<std::size_t>(batch) * dtype_itemsize(rt));
    cupp::detail::to_host(
        cupp::detail::index_view(r.s, {index_item(slice()), index_item(std::int64_t{0})}),
        smax_bytes.data());
    bool accurate = true;
    for (std::int64_t b = 0; b < batch; ++b) {
      const std::size_t i = static_cast<std::size_t>(b);
      const double smax = rt == dtype::float32
                              ? double(reinterpret_cast<float*>(smax_bytes.data())[i])
                              : reinterpret_cast<double*>(smax_bytes.data())[i];
      if (!(status[i] == 0 && err[i] <= eps_of(dt) * smax)) accurate = false;
    }
    if (accurate) return r;
  }
  return svd_gesvd(w, mp, np, full, info, std::move(r));
}

/// Note [Non-finite input]: NumPy's LAPACK reports a NaN or inf in a matrix as "SVD did not
/// converge". cuSOLVER's drivers are not documented for such input (an iteration may run to its
/// limit, or QDWH may misbehave), so each such matrix is replaced by the identity (harmless to
/// every driver) before the solver sees it and marked failed in the mask returned; merge_bad()
/// then marks it in the solver's statuses. No synchronisation. `w` is (batch, n', m'), C-contiguous: matrices
/// column-major with leading dimension m'.
ndarray<bool> sanitize_nonfinite(const array_desc& w) {
  const ndarray<bool> bad = nonfinite_matrices(w);
  identity_where(w, bad.desc());
  return bad;
}

/// info[i] = 1 where bad[i] is set and info[i] is 0 (a failed status stays as it is).
void merge_bad(const array_desc& info, const ndarray<bool>& bad) {
  const ndarray<std::int32_t> status(info);
  expr::assign(where(logical_and(bad, equal(status, 0)), std::int32_t{1}, status), info);
}

/// svd of `a` with the batch flattened: U (B, M, ku), S (B, K), Vh (B, kv, N); info (B,).
svd_arrays svd_flat(const array_desc& a, bool compute_uv, bool full, array_desc& info) {
  const dtype dt = a.dt, rt = expr::real_of(dt);
  const std::int64_t m = a.shape[a.shape.size() - 2], n = a.shape[a.shape.size() - 1];
  const std::int64_t k = std::min(m, n);
  const std::int64_t batch = shape_size(batch_shape(a.shape));
  const array_desc flat = cupp::detail::reshape(a, {batch, m, n});
  info = make_array({batch}, dtype::int32);
  svd_arrays out;
  if (batch == 0 || k == 0) {
    out.s = make_array({batch, k}, rt);
    if (compute_uv) {
      out.u = full ? eye_batch({batch}, m, dt) : make_array({batch, m, k}, dt);
      out.vh = full ? eye_batch({batch}, n, dt) : make_array({batch, k, n}, dt);
    }
    if (batch > 0)
      CUPP_CHECK_CUDA(cudaMemsetAsync(info.ptr, 0, static_cast<std::size_t>(batch) * 4, stream()));
    return out;
  }
  const bool wide = n >= m;  // W = A^T; a tall A is copied transposed (W = A)
  const std::int64_t mp = wide ? n : m, np = wide ? m : n;
  const array_desc w = wide ? flat : cupp::detail::swapaxes(flat, -1, -2);
  raw_svd r;
  const array_desc wc = cupp::detail::copy(w);
  const ndarray<bool> bad = sanitize_nonfinite(wc);
  if (mp <= 32) {
    r.s = make_array({batch, k}, rt);
    r.uw = make_array({batch, mp, mp}, dt);
    r.vw = make_array({batch, np, np}, dt);
    gesvdj_batched(wc, batch, mp, np, compute_uv, r.s, ptr_of(r.uw), ptr_of(r.vw),
                   reinterpret_cast<int*>(info.ptr));
  } else {
    r = svd_large(wc, mp, np, compute_uv, full, info);
  }
  merge_bad(info, bad);
  flag_nonfinite(r.s, info);
  out.s = r.s;
  if (!compute_uv) return out;
  const std::int64_t ku = full ? m : k, kv = full ? n : k;
  if (wide) {
    // A = conj(Vw) S Uw^T: Vh is Uw^T, U is conj(Vw) (gesvd's VT read row-major as it is).
    out.vh = leading(r.uw, kv, n);
    out.u = leading(r.v_is_vt ? r.vw : relayout(r.vw, true, true), m, ku);
  } else {
    // A = Uw S Vw^H: U is Uw, Vh is Vw^H.
    out.u = leading(relayout(r.uw, true, false), m, ku);
    out.vh = leading(r.v_is_vt ? relayout(r.vw, true, false) : relayout(r.vw, false, true), kv, n);
  }
  return out;
}

/// Under on_error::ignore, NaN in every factor of the failed matrices.
void report_svd(svd_arrays& r, const array_desc& info) {
  if (check_info(info, "SVD did not converge")) return;
  for (const array_desc* x : {&r.u, &r.s, &r.vh})
    if (!x->shape.empty() && x->size() > 0) nan_where_failed(*x, info, 1);
}

array_desc unflatten(const array_desc& x, const shape_t& batch, std::initializer_list<std::int64_t> tail) {
  return cupp::detail::reshape(x, with_tail(batch, tail));
}

/// pinv from the reduced SVD (flattened batch): Vh^H diag(1/s) U^H, shape (B, N, M).
array_desc pinv_from(const svd_arrays& f, double rcond) {
  const dtype dt = f.u.dt, rt = expr::real_of(dt);
  const std::int64_t batch = f.u.shape[0], m = f.u.shape[1], k = f.u.shape[2];
  array_desc cutoff = make_array({batch}, dtype::float64);
  kernel_of(cutoff_variant(rt))(
      dim3(cupp::detail::cover_blocks(batch, kPerMatrixThreads)), dim3(kPerMatrixThreads),
      std::size_t{0}, stream(), static_cast<const void*>(f.s.ptr), ptr_of(cutoff),
      static_cast<long long>(k), static_cast<long long>(batch), rcond);
  array_desc scaled = make_array({batch, k, m}, dt);
  const std::int64_t total = scaled.size();
  const RawKernel& scale = kernel_of(pinv_scale_variant(dt));
  scale(dim3(cupp::detail::resident_blocks(scale, total, kThreads)), dim3(kThreads),
        std::size_t{0}, stream(), static_cast<const void*>(f.u.ptr),
        static_cast<const void*>(f.s.ptr), static_cast<const void*>(cutoff.ptr), ptr_of(scaled),
        static_cast<long long>(m), static_cast<long long>(k), static_cast<long long>(total));
  return cupp::detail::matmul(relayout(f.vh, true, true), scaled);
}

void check_linalg_dtype(const array_desc& a) { (void)cuda_data_type(a.dt); }

/// gelsd's rank: the singular values (1-D, real) above rcond * max; reads them back.
std::int64_t count_rank(const array_desc& s, double rcond) {
  std::vector<double> v(static_cast<std::size_t>(s.size()));
  if (s.dt == dtype::float32) {
    std::vector<float> f(v.size());
    cupp::detail::to_host(s, f.data());
    std::copy(f.begin(), f.end(), v.begin());
  } else {
    cupp::detail::to_host(s, v.data());
  }
  double smax = 0;
  for (const double x : v) smax = std::max(smax, x);
  std::int64_t rank = 0;
  for (const double x : v) rank += x > rcond * smax;
  return rank;
}

}  // namespace

// ---- public entry points ----------------------------------------------------------------------

qr_arrays qr_array(const array_desc& a, qr_mode mode) {
  check_stacked_2d(a);
  check_linalg_dtype(a);
  const dtype dt = a.dt;
  const shape_t batch = batch_shape(a.shape);
  const std::int64_t m = a.shape[a.shape.size() - 2], n = a.shape[a.shape.size() - 1];
  const std::int64_t k = std::min(m, n), nb = shape_size(batch);
  const std::int64_t kq = mode == qr_mode::complete ? m : k;  // columns of Q
  const std::int64_t kr = mode == qr_mode::complete ? m : k;  // rows of R
  qr_arrays out;
  if (nb == 0 || k == 0) {
    out.r = make_array(with_tail(batch, {kr, n}), dt);  // always empty here
    if (mode == qr_mode::r)
      out.q = make_array({0}, dt);
    else
      out.q = mode == qr_mode::complete ? eye_batch(batch, m, dt)
                                        : make_array(with_tail(batch, {m, kq}), dt);
    return out;
  }
  const int mi = to_int(m), kqi = to_int(kq), ki = to_int(k);
  (void)to_int(n);
  const std::size_t isz = dtype_itemsize(dt);
  // The transposed copy: each matrix's memory read column-major is A (m x n, lda m).
  const array_desc flat = cupp::detail::reshape(a, {nb, m, n});
  array_desc w = cupp::detail::copy(cupp::detail::swapaxes(flat, -1, -2));
  const auto tau = scratch(static_cast<std::size_t>(nb * k) * isz);
  const auto dev_info = scratch(sizeof(int) * static_cast<std::size_t>(nb));
  int* infos = static_cast<int*>(dev_info.get());
  char* taus = static_cast<char*>(tau.get());

  cusolverDnHandle_t h = solver_handle();
  cusolverDnParams_t p = solver_params();
  const cudaDataType t = cuda_data_type(dt);
  std::size_t dev_bytes = 0, host_bytes = 0;
  CUPP_CHECK_CUSOLVER(cusolverDnXgeqrf_bufferSize(h, p, m, n, t, w.ptr, m, t, taus, t, &dev_bytes,
                                                  &host_bytes));
  {
    const auto work = scratch(dev_bytes);
    void* const host = host_workspace(host_bytes);
    for (std::int64_t b = 0; b < nb; ++b)
      CUPP_CHECK_CUSOLVER(cusolverDnXgeqrf(h, p, m, n, t, matrix_at(w, b), m, t,
                                           taus + b * k * static_cast<std::int64_t>(isz), t,
                                           work.get(), dev_bytes, host, host_bytes, infos + b));
  }
  // R: the upper triangle of the first kr rows of geqrf's column-major m x n result, which read
  // row-major is w's transpose.
  {
    const array_desc a_cm = cupp::detail::index_view(
        cupp::detail::swapaxes(w, -1, -2),
        {index_item(slice()), index_item(slice(0, kr)), index_item(slice())});
    out.r = cupp::detail::reshape(visit_inexact(dt, [&](auto zero) {
                                    using T = decltype(zero);
                                    return cupp::triu(ndarray<T>(a_cm)).desc();
                                  }),
                                  with_tail(batch, {kr, n}));
  }
  if (mode == qr_mode::r) {
    out.q = make_array({0}, dt);
    return out;
  }
  // Q's column-major m x kq per matrix: the k reflectors, then (complete, m > n) columns that
  // orgqr sets to those of the identity.
  array_desc qb = make_array({nb, kq, m}, dt);
  if (kq > k)
    CUPP_CHECK_CUDA(cudaMemsetAsync(qb.ptr, 0, static_cast<std::size_t>(qb.size()) * isz, stream()));
  if (nb == 1)
    CUPP_CHECK_CUDA(cudaMemcpyAsync(qb.ptr, w.ptr, static_cast<std::size_t>(m * k) * isz,
                                    cudaMemcpyDeviceToDevice, stream()));
  else
    CUPP_CHECK_CUDA(cudaMemcpy2DAsync(qb.ptr, static_cast<std::size_t>(m * kq) * isz, w.ptr,
                                      static_cast<std::size_t>(m * n) * isz,
                                      static_cast<std::size_t>(m * k) * isz,
                                      static_cast<std::size_t>(nb), cudaMemcpyDeviceToDevice,
                                      stream()));
  int lwork = 0;
  orgqr_buffer(dt, mi, kqi, ki, qb.ptr, mi, taus, &lwork);
  const auto work = scratch(static_cast<std::size_t>(std::max(lwork, 1)) * isz);
  for (std::int64_t b = 0; b < nb; ++b)
    orgqr(dt, mi, kqi, ki, matrix_at(qb, b), mi, taus + b * k * static_cast<std::int64_t>(isz),
          work.get(), lwork, infos + b);
  out.q = unflatten(relayout(qb, true, false), batch, {m, kq});
  return out;
}

svd_arrays svd_array(const array_desc& a, bool compute_uv, bool full_matrices) {
  check_stacked_2d(a);
  check_linalg_dtype(a);
  const shape_t batch = batch_shape(a.shape);
  const std::int64_t m = a.shape[a.shape.size() - 2], n = a.shape[a.shape.size() - 1];
  const std::int64_t k = std::min(m, n);
  if (svd_gram_applies(a)) return svd_gram(a, compute_uv, full_matrices);
  array_desc info;
  svd_arrays r = svd_flat(a, compute_uv, full_matrices, info);
  report_svd(r, info);
  r.s = unflatten(r.s, batch, {k});
  if (compute_uv) {
    r.u = unflatten(r.u, batch, {m, full_matrices ? m : k});
    r.vh = unflatten(r.vh, batch, {full_matrices ? n : k, n});
  }
  return r;
}

array_desc pinv_array(const array_desc& a, double rcond) {
  check_stacked_2d(a);
  check_linalg_dtype(a);
  const shape_t batch = batch_shape(a.shape);
  const std::int64_t m = a.shape[a.shape.size() - 2], n = a.shape[a.shape.size() - 1];
  if (shape_size(batch) * m * n == 0) return make_array(with_tail(batch, {n, m}), a.dt);
  array_desc info;
  svd_arrays f = svd_flat(a, true, false, info);
  report_svd(f, info);
  return unflatten(pinv_from(f, rcond), batch, {n, m});
}

void lstsq_check(const shape_t& a, const shape_t& b) {
  const auto two_d = [](std::size_t ndim) {
    CUPP_EXPECTS(ndim == 2, linalg_error,
                 std::to_string(ndim) + "-dimensional array given. Array must be two-dimensional");
  };
  two_d(a.size());
  two_d(b.size() == 1 ? 2 : b.size());
  CUPP_EXPECTS(a[0] == b[0], linalg_error, "Incompatible dimensions");
}

lstsq_arrays lstsq_array(const array_desc& a, const array_desc& b, std::optional<double> rcond) {
  lstsq_check(a.shape, b.shape);
  check_linalg_dtype(a);
  CUPP_ASSERT(a.dt == b.dt);
  const dtype dt = a.dt, rt = expr::real_of(dt);
  const bool is_1d = b.ndim() == 1;
  const std::int64_t m = a.shape[0], n = a.shape[1], k = std::min(m, n);
  const std::int64_t nrhs = is_1d ? 1 : b.shape[1];
  const array_desc b2 = cupp::detail::copy(is_1d ? cupp::detail::reshape(b, {m, 1}) : b);
  double rc = rcond ? *rcond : eps_of(dt) * static_cast<double>(std::max(m, n));
  if (rc < 0) rc = eps_of(dt);  // LAPACK's gelsd: a negative rcond means machine precision
  lstsq_arrays out;
  array_desc x;
  if (k == 0 || nrhs == 0) {
    x = make_array({n, nrhs}, dt);
    if (x.size() > 0)
      CUPP_CHECK_CUDA(cudaMemsetAsync(x.ptr, 0, static_cast<std::size_t>(x.size()) * x.itemsize(),
                                      stream()));
    if (k == 0) {
      out.s = make_array({0}, rt);
      out.rank = 0;
    } else {
      out.s = svd_array(a, false, false).s;
      out.rank = count_rank(out.s, rc);
    }
  } else {
    array_desc info;
    svd_arrays f = svd_flat(a, true, false, info);
    report_svd(f, info);
    const array_desc p = pinv_from(f, rc);  // (1, n, m)
    x = cupp::detail::matmul(cupp::detail::reshape(p, {n, m}), b2);
    out.s = cupp::detail::reshape(f.s, {k});
    out.rank = count_rank(out.s, rc);
  }
  if (out.rank == n && m > n) {
    out.residuals = make_array({nrhs}, rt);
    if (nrhs > 0) {
      const array_desc ax =
          n == 0 ? make_array({m, nrhs}, dt) : cupp::detail::matmul(a, x);
      if (n == 0)
        CUPP_CHECK_CUDA(cudaMemsetAsync(ax.ptr, 0,
                                        static_cast<std::size_t>(ax.size()) * ax.itemsize(),
                                        stream()));
      kernel_of(residuals_variant(dt))(
          dim3(cupp::detail::cover_blocks(nrhs, kPerMatrixThreads)), dim3(kPerMatrixThreads),
          std::size_t{0}, stream(), static_cast<const void*>(b2.ptr),
          static_cast<const void*>(ax.ptr), ptr_of(out.residuals), static_cast<long long>(m),
          static_cast<long long>(nrhs));
    }
  } else {
    out.residuals = make_array({0}, rt);
  }
  out.x = is_1d ? cupp::detail::reshape(x, {n}) : x;
  return out;
}

array_desc matrix_rank_array(const array_desc& a, std::optional<double> tol,
                             std::optional<double> rtol) {
  CUPP_EXPECTS(!(tol && rtol), value_error, "`tol` and `rtol` can't be both set.");
  check_stacked_2d(a);
  check_linalg_dtype(a);
  const shape_t batch = batch_shape(a.shape);
  const std::int64_t m = a.shape[a.shape.size() - 2], n = a.shape[a.shape.size() - 1];
  const std::int64_t k = std::min(m, n), nb = shape_size(batch);
  CUPP_EXPECTS(k > 0 || tol || nb == 0, value_error,
               "zero-size array to reduction operation maximum which has no identity");
  array_desc out = make_array(batch, dtype::int64);
  if (nb == 0) return out;
  if (k == 0) {
    CUPP_CHECK_CUDA(cudaMemsetAsync(out.ptr, 0, static_cast<std::size_t>(nb) * 8, stream()));
    return out;
  }
  const array_desc s = svd_array(a, false, false).s;
  const dtype rt = s.dt;
  int mode = 0;
  double t = static_cast<double>(std::max(m, n)) * eps_of(rt);
  if (tol) {
    mode = 2;
    t = *tol;
  } else if (rtol) {
    mode = 1;
    t = *rtol;
  }
  kernel_of(rank_variant(rt))(dim3(cupp::detail::cover_blocks(nb, kPerMatrixThreads)),
                             dim3(kPerMatrixThreads), std::size_t{0}, stream(),
                             static_cast<const void*>(s.ptr), ptr_of(out),
                             static_cast<long long>(k), static_cast<long long>(nb), t, mode);
  return out;
}

std::vector<kernel_variant> decomp_kernel_variants() {
  std::vector<kernel_variant> v;
  for (const dtype dt : {dtype::float32, dtype::float64, dtype::complex64, dtype::complex128}) {
    v.push_back(pinv_scale_variant(dt));
    v.push_back(residuals_variant(dt));
  }
  for (const dtype rt : {dtype::float32, dtype::float64}) {
    v.push_back(cutoff_variant(rt));
    v.push_back(rank_variant(rt));
  }
  return v;
}

}  // namespace cupp::linalg::detail
