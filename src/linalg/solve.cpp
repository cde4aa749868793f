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

constexpr const char* kSolveKernelSource = R"(
__device__ __forceinline__ float cupp_lu_log(float x) { return logf(x); }
__device__ __forceinline__ double cupp_lu_log(double x) { return log(x); }
__device__ __forceinline__ float cupp_lu_exp(float x) { return expf(x); }
__device__ __forceinline__ double cupp_lu_exp(double x) { return exp(x); }
__device__ __forceinline__ float cupp_lu_abs(float x) { return fabsf(x); }
__device__ __forceinline__ double cupp_lu_abs(double x) { return fabs(x); }
__device__ __forceinline__ float cupp_lu_abs(float x, float y) { return hypotf(x, y); }
__device__ __forceinline__ double cupp_lu_abs(double x, double y) { return hypot(x, y); }
__device__ __forceinline__ float cupp_lu_minus_inf(float) { return __int_as_float(0xff800000); }
__device__ __forceinline__ double cupp_lu_minus_inf(double) {
  return __longlong_as_double(0xfff0000000000000LL);
}

// One block of 256 threads per matrix: the sign (a unit complex number, +-1 for real types),
// the sum of log|u_ii| and whether some u_ii is 0, over the diagonal of the LU factors `lu`
// (count matrices of n x n, C = complex stored as pairs), and the parity of the pivots `ipiv`
// (1-based, as LAPACK's). Writes any of sign (R, or pairs for complex), logabs (R) and det
// (sign * exp(logabs), as NumPy computes det) that is not null.
template <class R, class P, bool C>
__global__ void cupp_lu_det(const R* __restrict__ lu, const P* __restrict__ ipiv, long long n,
                            long long count, R* sign, R* logabs, R* det) {
  __shared__ R s_log[256];
  __shared__ R s_re[256];
  __shared__ R s_im[256];
  __shared__ int s_zero[256];
  __shared__ int s_swap[256];
  const int w = C ? 2 : 1;
  const int t = threadIdx.x;
  for (long long z = blockIdx.x; z < count; z += gridDim.x) {
    const R* m = lu + z * n * n * w;
    R lg = R(0), re = R(1), im = R(0);
    int zero = 0, swap = 0;
    for (long long i = t; i < n; i += blockDim.x) {
      const R a = m[i * (n + 1) * w];
      const R b = C ? m[i * (n + 1) * w + 1] : R(0);
      const R mag = C ? cupp_lu_abs(a, b) : cupp_lu_abs(a);
      if (mag == R(0)) {
        zero = 1;
      } else {
        lg += cupp_lu_log(mag);
        const R ur = a / mag, ui = b / mag;
        const R nr = re * ur - im * ui;
        im = re * ui + im * ur;
        re = nr;
      }
      if (ipiv[z * n + i] != (P)(i + 1)) swap ^= 1;
    }
    s_log[t] = lg;
    s_re[t] = re;
    s_im[t] = im;
    s_zero[t] = zero;
    s_swap[t] = swap;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
      if (t < s) {
        s_log[t] += s_log[t + s];
        const R r1 = s_re[t], i1 = s_im[t], r2 = s_re[t + s], i2 = s_im[t + s];
        s_re[t] = r1 * r2 - i1 * i2;
        s_im[t] = r1 * i2 + i1 * r2;
        s_zero[t] |= s_zero[t + s];
        s_swap[t] ^= s_swap[t + s];
      }
      __syncthreads();
    }
    if (t == 0) {
      R l = s_log[0], r = s_re[0], q = s_im[0];
      if (s_zero[0]) {
        r = R(0);
        q = R(0);
        l = cupp_lu_minus_inf(R(0));
      } else if (s_swap[0]) {
        r = -r;
        q = -q;
      }
      if (sign) {
        sign[z * w] = r;
        if (C) sign[z * w + 1] = q;
      }
      if (logabs) logabs[z] = l;
      if (det) {
        const R e = s_zero[0] ? R(0) : cupp_lu_exp(l);
        det[z * w] = r * e;
        if (C) det[z * w + 1] = q * e;
      }
    }
    __syncthreads();
  }
}

// out[i] = base + i * stride (bytes): the matrix pointers of cuBLAS's and cuSOLVER's batched calls.
template <class T>
__global__ void cupp_lu_pointers(T** out, T* base, long long stride, long long count) {
  for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < count;
       i += (long long)gridDim.x * blockDim.x)
    out[i] = base + i * stride;
}

// A stack of n x n identities, `total` elements (pairs for complex).
template <class R, bool C>
__global__ void cupp_lu_eye(R* out, long long n, long long total) {
  for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < total;
       i += (long long)gridDim.x * blockDim.x) {
    const R v = (i / n) % n == i % n ? R(1) : R(0);
    if (C) {
      out[2 * i] = v;
      out[2 * i + 1] = R(0);
    } else {
      out[i] = v;
    }
  }
}

// Zeroes the strictly upper (keep_lower) or strictly lower triangle of each row-major n x n
// matrix of a stack of `total` elements (pairs for complex).
template <class R, bool C>
__global__ void cupp_lu_triangle(R* a, long long n, long long total, int keep_lower) {
  for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < total;
       i += (long long)gridDim.x * blockDim.x) {
    const long long r = (i / n) % n, c = i % n;
    if (keep_lower ? c > r : c < r) {
      if (C) {
        a[2 * i] = R(0);
        a[2 * i + 1] = R(0);
      } else {
        a[i] = R(0);
      }
    }
  }
}
)";

const char* real_name(dtype dt) {
  return dt == dtype::float32 || dt == dtype::complex64 ? "float" : "double";
}
bool complex_dtype(dtype dt) { return dt == dtype::complex64 || dt == dtype::complex128; }
const char* bool_name(bool b) { return b ? "true" : "false"; }

std::string det_kernel_name(dtype dt, bool pivots64) {
  return std::string("cupp_lu_det<") + real_name(dt) + ", " + (pivots64 ? "long long" : "int") +
         ", " + bool_name(complex_dtype(dt)) + ">";
}
std::string eye_kernel_name(dtype dt) {
  return std::string("cupp_lu_eye<") + real_name(dt) + ", " + bool_name(complex_dtype(dt)) + ">";
}
std::string triangle_kernel_name(dtype dt) {
  return std::string("cupp_lu_triangle<") + real_name(dt) + ", " + bool_name(complex_dtype(dt)) +
         ">";
}
constexpr const char* kPointersKernel = "cupp_lu_pointers<char>";

const std::vector<dtype>& inexact_dtypes() {
  static const std::vector<dtype> d = {dtype::float32, dtype::float64, dtype::complex64,
                                       dtype::complex128};
  return d;
}

const RawKernel& solve_kernel(const std::string& name) {
  static const RawModule module(solve_kernel_source(), {}, solve_kernel_names());
  static const std::vector<std::string> names = solve_kernel_names();
  static const std::vector<RawKernel> kernels = [] {
    std::vector<RawKernel> k;
    for (const auto& n : solve_kernel_names()) k.push_back(module.get_function(n));
    return k;
  }();
  const auto at = std::find(names.begin(), names.end(), name);
  CUPP_ASSERT(at != names.end());
  return kernels[static_cast<std::size_t>(at - names.begin())];
}

/// The C-contiguous (count, n, n) stack `a` (pointer `ptr`) as a device array of matrix pointers.
std::shared_ptr<void> pointer_array(char* ptr, std::int64_t matrix_bytes, std::int64_t count) {
  std::shared_ptr<void> out = scratch(static_cast<std::size_t>(count) * sizeof(void*));
  solve_kernel(kPointersKernel)(dim3(cupp::detail::grid_stride_blocks(count, 256, 8)), dim3(256),
                                std::size_t{0}, cuda::get_current_stream(), out.get(),
                                static_cast<void*>(ptr), static_cast<long long>(matrix_bytes),
                                static_cast<long long>(count));
  return out;
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
  const dtype dt = f.lu.dt;
  const bool pivots64 = !f.batched;
  const unsigned blocks = static_cast<unsigned>(std::min<std::int64_t>(f.count, INT_MAX));
  solve_kernel(det_kernel_name(dt, pivots64))(
      dim3(blocks), dim3(256), std::size_t{0}, cuda::get_current_stream(),
      static_cast<const void*>(f.lu.ptr), static_cast<const void*>(f.pivots.get()),
      static_cast<long long>(f.n), static_cast<long long>(f.count), sign, logabs, det);
}

void check_inexact(const array_desc& a) {
  CUPP_ASSERT(std::find(inexact_dtypes().begin(), inexact_dtypes().end(), a.dt) !=
              inexact_dtypes().end());
}

}  // namespace

std::string solve_kernel_source() { return kSolveKernelSource; }

std::vector<std::string> solve_kernel_names() {
  std::vector<std::string> names = {kPointersKernel};
  for (const dtype dt : inexact_dtypes()) {
    names.push_back(det_kernel_name(dt, false));
    names.push_back(det_kernel_name(dt, true));
    names.push_back(eye_kernel_name(dt));
    names.push_back(triangle_kernel_name(dt));
  }
  return names;
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
  const std::int64_t total = out.size();
  solve_kernel(eye_kernel_name(a.dt))(dim3(cupp::detail::grid_stride_blocks(total, 256, 8)),
                                      dim3(256), std::size_t{0}, cuda::get_current_stream(),
                                      static_cast<void*>(out.ptr), static_cast<long long>(n),
                                      static_cast<long long>(total));
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
  const std::int64_t total = out.size();
  solve_kernel(triangle_kernel_name(dt))(
      dim3(cupp::detail::grid_stride_blocks(total, 256, 8)), dim3(256), std::size_t{0},
      cuda::get_current_stream(), static_cast<void*>(out.ptr), static_cast<long long>(n),
      static_cast<long long>(total), static_cast<int>(upper ? 0 : 1));
  report_failures(out, info, a.ndim() - 2, "Matrix is not positive definite");
  return out;
}

}  // namespace cupp::linalg::detail
