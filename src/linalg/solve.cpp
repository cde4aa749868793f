// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// solve, inv, det, slogdet and cholesky: LU and Cholesky factorisations on cuSOLVER (64-bit API)
// and cuBLAS's batched LU, and the small kernels around them.
#include "cupp/linalg/solve.hpp"

#include <cuComplex.h>
#include <cublas_v2.h>
#include <cusolverDn.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "../cuda/launch.hpp"
#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/expr/type_rules.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "cupp/routines/creation.hpp"
#include "handles.hpp"

namespace cupp::linalg::detail {

namespace {

namespace core = cupp::detail;

// Note [Row-major factorisations]: cuSOLVER and cuBLAS are column-major; a C-contiguous n x n
// matrix A read column-major is M = A^T. Every routine here factors a C-contiguous copy of A in
// place (getrf and potrf overwrite their input, so that one copy is needed anyway) and never
// converts to F-order:
//  - solve: getrf gives the LU factors of M = A^T; getrs with op T solves M^T X = A X = B (op T,
//    not C, for complex too: M^T is A itself). B must be column-major n x k, which is the
//    C-contiguous (k, n) array holding B^T: one small copy of B in, one of X out (none for a
//    vector b, whose (n,) layout already is a column).
//  - inv: getrs with op N against the identity solves M Y = I, so Y = (A^T)^-1 column-major,
//    which read row-major is ((A^T)^-1)^T = A^-1: the result needs no transpose.
//  - det, slogdet: det(M) = det(A); the product of U's diagonal and the parity of the pivots.
//  - cholesky: potrf with uplo UPPER on M reads M's upper triangle (A's lower one, as NumPy
//    reads) and gives M = U^H U; read row-major, the buffer holds R = U^T, lower triangular, and
//    A = M^T = U^T conj(U) = R R^H: NumPy's L with no transpose. With `upper`, uplo LOWER gives
//    M = L L^H and the buffer holds R = L^T with A = conj(L) L^T = R^H R.

// Note [Batched or looped]: many small matrices go to one batched call (cuBLAS getrfBatched /
// getrsBatched, cuSOLVER potrfBatched, each with a device array of matrix pointers): a loop of
// cuSOLVER calls would cost a few launches per matrix. Above kBatchedMaxN the blocked cuSOLVER
// routines are faster per matrix and the launches no longer matter, so the batch is a loop.
constexpr std::int64_t kBatchedMaxN = 64;

// The routine kernels (kernels/cupp/linalg_solve.cuh, Note [Linalg kernels] in handles.hpp).
constexpr const char* kSolveHeader = "cupp/linalg_solve.cuh";
constexpr unsigned kDetThreads = 256;  // the kernel's shared arrays hold 256 entries
constexpr unsigned kPointerThreads = 256;

const char* real_name(dtype dt) {
  return dt == dtype::float32 || dt == dtype::complex64 ? "float" : "double";
}
bool complex_dtype(dtype dt) { return dt == dtype::complex64 || dt == dtype::complex128; }

/// The determinant kernel for LU factors of `dt` with 32- or 64-bit pivots.
kernel_variant det_variant(dtype dt, bool pivots64) {
  const char* pivot = pivots64 ? "i64" : "i32";
  std::string name = std::string("cupp_det_") + cupp::detail::dtype_short_name(dt) + "_" + pivot;
  std::string preamble = std::string("typedef ") + real_name(dt) + " cupp_real;\n" +
                         "typedef " + (pivots64 ? "long long" : "int") + " cupp_pivot;\n" +
                         "#define CUPP_COMPLEX " + (complex_dtype(dt) ? "1" : "0") + "\n" +
                         "#define CUPP_DET_KERNEL " + name + "\n";
  return {kSolveHeader, std::move(preamble), std::move(name)};
}

kernel_variant pointers_variant() {
  return {kSolveHeader, "#define CUPP_POINTERS_KERNEL cupp_solve_pointers\n",
          "cupp_solve_pointers"};
}

const std::vector<dtype>& inexact_dtypes() {
  static const std::vector<dtype> d = {dtype::float32, dtype::float64, dtype::complex64,
                                       dtype::complex128};
  return d;
}

/// The C-contiguous (count, n, n) stack `a` (pointer `ptr`) as a device array of matrix pointers.
std::shared_ptr<void> pointer_array(char* ptr, std::int64_t matrix_bytes, std::int64_t count) {
  std::shared_ptr<void> out = scratch(static_cast<std::size_t>(count) * sizeof(void*));
  const RawKernel& k = kernel_of(pointers_variant());
  k(dim3(core::resident_blocks(k, count, kPointerThreads)), dim3(kPointerThreads), std::size_t{0},
    cuda::get_current_stream(), out.get(), static_cast<void*>(ptr),
    static_cast<long long>(matrix_bytes), static_cast<long long>(count));
  return out;
}

/// `x` with the strictly upper (`lower`) or strictly lower triangle of each matrix zeroed: a
/// new C-contiguous array (numpy.tril / numpy.triu, whose expression it is).
array_desc keep_triangle(const array_desc& x, bool lower) {
  return visit_inexact(x.dt, [&](auto zero) {
    using T = decltype(zero);
    const ndarray<T> a(x);
    return (lower ? cupp::tril(a) : cupp::triu(a)).desc();
  });
}

// ---- LU ----------------------------------------------------------------------------------------

struct lu_factors {
  array_desc lu;                 // C-contiguous (batch..., n, n): the factors of M = A^T
  std::shared_ptr<void> pivots;  // count * n, 1-based: int32 (batched) or int64 (looped)
  bool batched = false;
  array_desc info;  // (batch...) int32: > 0 where U is exactly singular
  std::int64_t count = 0;
  std::int64_t n = 0;
};

bool use_batched(std::int64_t count, std::int64_t n) {
  return count > 1 && count <= INT_MAX && n <= kBatchedMaxN;
}

/// LU factors of each matrix of `a` (shape (batch..., n, n), any layout, inexact dtype).
lu_factors lu_factor(const array_desc& a) {
  lu_factors f;
  f.n = a.shape.back();
  f.lu = core::copy(a);
  f.info = core::make_array(batch_shape(a.shape, 2), dtype::int32);
  f.count = f.info.size();
  if (f.count == 0) return f;
  if (f.n == 0) {
    const std::int32_t zero = 0;
    core::fill(f.info, &zero);
    return f;
  }
  const dtype dt = a.dt;
  const std::int64_t n = f.n;
  const std::int64_t matrix_bytes = n * n * static_cast<std::int64_t>(f.lu.itemsize());
  f.batched = use_batched(f.count, n);
  if (f.batched) {
    f.pivots = scratch(static_cast<std::size_t>(f.count * n) * sizeof(int));
    const std::shared_ptr<void> ptrs = pointer_array(f.lu.ptr, matrix_bytes, f.count);
    cublasHandle_t h = blas_handle();
    const int ni = static_cast<int>(n), bi = static_cast<int>(f.count);
    int* piv = static_cast<int*>(f.pivots.get());
    int* info = reinterpret_cast<int*>(f.info.ptr);
    switch (dt) {
      case dtype::float32:
        CUPP_CHECK_CUBLAS(
            cublasSgetrfBatched(h, ni, static_cast<float**>(ptrs.get()), ni, piv, info, bi));
        break;
      case dtype::float64:
        CUPP_CHECK_CUBLAS(
            cublasDgetrfBatched(h, ni, static_cast<double**>(ptrs.get()), ni, piv, info, bi));
        break;
      case dtype::complex64:
        CUPP_CHECK_CUBLAS(
            cublasCgetrfBatched(h, ni, static_cast<cuComplex**>(ptrs.get()), ni, piv, info, bi));
        break;
      case dtype::complex128:
        CUPP_CHECK_CUBLAS(cublasZgetrfBatched(h, ni, static_cast<cuDoubleComplex**>(ptrs.get()), ni,
                                              piv, info, bi));
        break;
      default:
        CUPP_ASSERT(false);
    }
    return f;
  }
  f.pivots = scratch(static_cast<std::size_t>(f.count * n) * sizeof(std::int64_t));
  cusolverDnHandle_t h = solver_handle();
  cusolverDnParams_t p = solver_params();
  const cudaDataType t = cuda_data_type(dt);
  std::size_t dev_bytes = 0, host_bytes = 0;
  CUPP_CHECK_CUSOLVER(
      cusolverDnXgetrf_bufferSize(h, p, n, n, t, f.lu.ptr, n, t, &dev_bytes, &host_bytes));
  const std::shared_ptr<void> ws = scratch(dev_bytes);
  void* host_ws = host_workspace(host_bytes);
  auto* piv = static_cast<std::int64_t*>(f.pivots.get());
  auto* info = reinterpret_cast<int*>(f.info.ptr);
  for (std::int64_t z = 0; z < f.count; ++z)
    CUPP_CHECK_CUSOLVER(cusolverDnXgetrf(h, p, n, n, t, f.lu.ptr + z * matrix_bytes, n, piv + z * n,
                                         t, ws.get(), dev_bytes, host_ws, host_bytes, info + z));
  return f;
}

/// Solves op(M) X = B in place for each factored M of `f`, B the column-major n x k matrices of
/// the C-contiguous `rhs` (f.count of them, k * n elements each).
void lu_solve(const lu_factors& f, const array_desc& rhs, std::int64_t k, cublasOperation_t op) {
  const dtype dt = f.lu.dt;
  const std::int64_t n = f.n;
  const auto item = static_cast<std::int64_t>(f.lu.itemsize());
  if (f.batched) {
    const std::shared_ptr<void> a_ptrs = pointer_array(f.lu.ptr, n * n * item, f.count);
    const std::shared_ptr<void> b_ptrs = pointer_array(rhs.ptr, n * k * item, f.count);
    cublasHandle_t h = blas_handle();
    const int ni = static_cast<int>(n), ki = static_cast<int>(k), bi = static_cast<int>(f.count);
    CUPP_ASSERT(k <= INT_MAX);
    const int* piv = static_cast<const int*>(f.pivots.get());
    int host_info = 0;  // cuBLAS's getrsBatched reports argument errors on the host
    switch (dt) {
      case dtype::float32:
        CUPP_CHECK_CUBLAS(
            cublasSgetrsBatched(h, op, ni, ki, static_cast<const float* const*>(a_ptrs.get()), ni,
                                piv, static_cast<float* const*>(b_ptrs.get()), ni, &host_info, bi));
        break;
      case dtype::float64:
        CUPP_CHECK_CUBLAS(cublasDgetrsBatched(
            h, op, ni, ki, static_cast<const double* const*>(a_ptrs.get()), ni, piv,
            static_cast<double* const*>(b_ptrs.get()), ni, &host_info, bi));
        break;
      case dtype::complex64:
        CUPP_CHECK_CUBLAS(cublasCgetrsBatched(
            h, op, ni, ki, static_cast<const cuComplex* const*>(a_ptrs.get()), ni, piv,
            static_cast<cuComplex* const*>(b_ptrs.get()), ni, &host_info, bi));
        break;
      case dtype::complex128:
        CUPP_CHECK_CUBLAS(cublasZgetrsBatched(
            h, op, ni, ki, static_cast<const cuDoubleComplex* const*>(a_ptrs.get()), ni, piv,
            static_cast<cuDoubleComplex* const*>(b_ptrs.get()), ni, &host_info, bi));
        break;
      default:
        CUPP_ASSERT(false);
    }
    CUPP_ASSERT(host_info == 0);
    return;
  }
  cusolverDnHandle_t h = solver_handle();
  cusolverDnParams_t p = solver_params();
  const cudaDataType t = cuda_data_type(dt);
  // getrs reports only argument errors (a bug here), never singularity: one status word for all.
  const std::shared_ptr<void> status = scratch(sizeof(int));
  const auto* piv = static_cast<const std::int64_t*>(f.pivots.get());
  for (std::int64_t z = 0; z < f.count; ++z)
    CUPP_CHECK_CUSOLVER(cusolverDnXgetrs(h, p, op, n, k, t, f.lu.ptr + z * n * n * item, n,
                                         piv + z * n, t, rhs.ptr + z * n * k * item, n,
                                         static_cast<int*>(status.get())));
}

/// Raises linalg_error(message) for a failed matrix, or (under on_error::ignore) sets its part
/// of `result` to NaN.
void report_failures(const array_desc& result, const array_desc& info, std::int64_t batch_ndim,
                     const char* message) {
  if (!check_info(info, message)) nan_where_failed(result, info, batch_ndim);
}

/// Writes determinants (any of sign, logabsdet, det that is not null) of each factored matrix.
void lu_determinants(const lu_factors& f, void* sign, void* logabs, void* det) {
  if (f.count == 0) return;
  const bool pivots64 = !f.batched;
  // One block per matrix (a block-stride loop beyond INT_MAX matrices).
  kernel_of(det_variant(f.lu.dt, pivots64))(
      dim3(core::cover_blocks(f.count, 1)), dim3(kDetThreads), std::size_t{0},
      cuda::get_current_stream(), static_cast<const void*>(f.lu.ptr),
      static_cast<const void*>(f.pivots.get()), static_cast<long long>(f.n),
      static_cast<long long>(f.count), sign, logabs, det);
}

void check_inexact(const array_desc& a) {
  CUPP_ASSERT(std::find(inexact_dtypes().begin(), inexact_dtypes().end(), a.dt) !=
              inexact_dtypes().end());
}

}  // namespace

std::vector<kernel_variant> solve_kernel_variants() {
  std::vector<kernel_variant> v = {pointers_variant()};
  for (const dtype dt : inexact_dtypes())
    for (const bool pivots64 : {false, true}) v.push_back(det_variant(dt, pivots64));
  return v;
}

shape_t solve_shape(const shape_t& a, const shape_t& b) {
  array_desc ad;
  ad.shape = a;
  check_stacked_square(ad);
  const std::int64_t m = a.back();
  // NumPy 2 calls the gufunc solve1 for a 1-D b and solve for any other.
  const bool vector = b.size() == 1;
  const std::string name = vector ? "solve1" : "solve";
  const std::string signature = vector ? "(m,m),(m)->(m)" : "(m,m),(m,n)->(m,n)";
  const std::size_t core_ndim = vector ? 1 : 2;
  CUPP_EXPECTS(b.size() >= core_ndim, value_error,
               name + ": Input operand 1 does not have enough dimensions (has " +
                   std::to_string(b.size()) + ", gufunc core with signature " + signature +
                   " requires " + std::to_string(core_ndim) + ")");
  const std::int64_t bm = b[b.size() - core_ndim];
  CUPP_EXPECTS(bm == m, value_error,
               name +
                   ": Input operand 1 has a mismatch in its core dimension 0, with gufunc "
                   "signature " +
                   signature + " (size " + std::to_string(bm) + " is different from " +
                   std::to_string(m) + ")");
  shape_t out = broadcast_shapes({batch_shape(a, 2), batch_shape(b, core_ndim)});
  out.push_back(m);
  if (!vector) out.push_back(b.back());
  return out;
}

array_desc solve(const array_desc& a, const array_desc& b) {
  check_inexact(a);
  CUPP_ASSERT(a.dt == b.dt);
  const shape_t out_shape = solve_shape(a.shape, b.shape);
  const bool vector = b.ndim() == 1;
  const std::int64_t n = a.shape.back();
  const std::int64_t k = vector ? 1 : b.shape.back();
  const shape_t batch = batch_shape(out_shape, vector ? 1 : 2);
  const auto batch_ndim = static_cast<std::int64_t>(batch.size());
  if (shape_size(out_shape) == 0) return core::make_array(out_shape, a.dt);

  // The right-hand sides, column-major n x k each (Note [Row-major factorisations]).
  array_desc rhs;
  if (vector) {
    rhs = core::copy(core::broadcast_to(b, with_tail(batch, {n})));
  } else {
    const array_desc bb = core::broadcast_to(b, with_tail(batch, {n, k}));
    rhs = core::copy(core::swapaxes(bb, batch_ndim, batch_ndim + 1));
  }

  // One matrix for the whole batch (a of shape (n, n), or (1, ..., 1, n, n)): factor it once and
  // solve for every right-hand side of the batch at once, since the C-contiguous (batch..., k, n)
  // stack is one column-major n x (batch * k) matrix.
  array_desc info;
  std::int64_t info_ndim = batch_ndim;
  if (shape_size(batch_shape(a.shape, 2)) == 1) {
    const lu_factors f = lu_factor(core::reshape(a, {n, n}));
    lu_solve(f, rhs, shape_size(batch) * k, CUBLAS_OP_T);
    info = f.info;
    info_ndim = 0;
  } else {
    const lu_factors f = lu_factor(core::broadcast_to(a, with_tail(batch, {n, n})));
    lu_solve(f, rhs, k, CUBLAS_OP_T);
    info = f.info;
  }
  array_desc x;
  if (vector)
    x = rhs;
  else if (k == 1)
    x = core::reshape(rhs, out_shape);
  else
    x = core::copy(core::swapaxes(rhs, batch_ndim, batch_ndim + 1));
  report_failures(x, info, info_ndim, "Singular matrix");
  return x;
}

array_desc inv(const array_desc& a) {
  check_inexact(a);
  check_stacked_square(a);
  array_desc out = core::make_array(a.shape, a.dt);
  if (out.size() == 0) return out;
  const std::int64_t n = a.shape.back();
  const lu_factors f = lu_factor(a);
  assign_identity(out);
  lu_solve(f, out, n, CUBLAS_OP_N);
  report_failures(out, f.info, a.ndim() - 2, "Singular matrix");
  return out;
}

array_desc det(const array_desc& a) {
  check_inexact(a);
  check_stacked_square(a);
  const lu_factors f = lu_factor(a);
  array_desc out = core::make_array(batch_shape(a.shape, 2), a.dt);
  lu_determinants(f, nullptr, nullptr, out.ptr);
  return out;
}

std::pair<array_desc, array_desc> slogdet(const array_desc& a) {
  check_inexact(a);
  check_stacked_square(a);
  const lu_factors f = lu_factor(a);
  array_desc sign = core::make_array(batch_shape(a.shape, 2), a.dt);
  array_desc logabs = core::make_array(batch_shape(a.shape, 2), expr::real_of(a.dt));
  lu_determinants(f, sign.ptr, logabs.ptr, nullptr);
  return {std::move(sign), std::move(logabs)};
}

array_desc cholesky(const array_desc& a, bool upper) {
  check_inexact(a);
  check_stacked_square(a);
  array_desc out = core::copy(a);
  if (out.size() == 0) return out;
  const dtype dt = a.dt;
  const std::int64_t n = a.shape.back();
  array_desc info = core::make_array(batch_shape(a.shape, 2), dtype::int32);
  const std::int64_t count = info.size();
  const std::int64_t matrix_bytes = n * n * static_cast<std::int64_t>(out.itemsize());
  // Note [Row-major factorisations]: A's lower triangle is M's upper one.
  const cublasFillMode_t uplo = upper ? CUBLAS_FILL_MODE_LOWER : CUBLAS_FILL_MODE_UPPER;
  cusolverDnHandle_t h = solver_handle();
  auto* info_ptr = reinterpret_cast<int*>(info.ptr);
  if (use_batched(count, n)) {
    const std::shared_ptr<void> ptrs = pointer_array(out.ptr, matrix_bytes, count);
    const int ni = static_cast<int>(n), bi = static_cast<int>(count);
    switch (dt) {
      case dtype::float32:
        CUPP_CHECK_CUSOLVER(cusolverDnSpotrfBatched(h, uplo, ni, static_cast<float**>(ptrs.get()),
                                                    ni, info_ptr, bi));
        break;
      case dtype::float64:
        CUPP_CHECK_CUSOLVER(cusolverDnDpotrfBatched(h, uplo, ni, static_cast<double**>(ptrs.get()),
                                                    ni, info_ptr, bi));
        break;
      case dtype::complex64:
        CUPP_CHECK_CUSOLVER(cusolverDnCpotrfBatched(
            h, uplo, ni, static_cast<cuComplex**>(ptrs.get()), ni, info_ptr, bi));
        break;
      case dtype::complex128:
        CUPP_CHECK_CUSOLVER(cusolverDnZpotrfBatched(
            h, uplo, ni, static_cast<cuDoubleComplex**>(ptrs.get()), ni, info_ptr, bi));
        break;
      default:
        CUPP_ASSERT(false);
    }
  } else {
    cusolverDnParams_t p = solver_params();
    const cudaDataType t = cuda_data_type(dt);
    std::size_t dev_bytes = 0, host_bytes = 0;
    CUPP_CHECK_CUSOLVER(
        cusolverDnXpotrf_bufferSize(h, p, uplo, n, t, out.ptr, n, t, &dev_bytes, &host_bytes));
    const std::shared_ptr<void> ws = scratch(dev_bytes);
    void* host_ws = host_workspace(host_bytes);
    for (std::int64_t z = 0; z < count; ++z)
      CUPP_CHECK_CUSOLVER(cusolverDnXpotrf(h, p, uplo, n, t, out.ptr + z * matrix_bytes, n, t,
                                           ws.get(), dev_bytes, host_ws, host_bytes, info_ptr + z));
  }
  out = keep_triangle(out, !upper);
  report_failures(out, info, a.ndim() - 2, "Matrix is not positive definite");
  return out;
}

}  // namespace cupp::linalg::detail
