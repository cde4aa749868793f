// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// eigh, eigvalsh, eig and eigvals on cuSOLVER.
#include "cupp/linalg/eigen.hpp"

#include <algorithm>
#include <climits>
#include <complex>
#include <cstdint>
#include <string>
#include <vector>

#include "../cuda/launch.hpp"
#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/expr/ufuncs.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "cupp/routines/reduction.hpp"
#include "handles.hpp"

namespace cupp::linalg::detail {
namespace {

using cupp::detail::make_array;

constexpr const char* kNotConverged = "Eigenvalues did not converge";

// Note [Row-major Hermitian input]: cuSOLVER reads column-major matrices, so a C-contiguous
// matrix H is seen as H^T, which for a Hermitian H is conj(H): the same eigenvalues, conjugated
// eigenvectors. eigh therefore (1) builds the full Hermitian matrix from the requested triangle
// in one fused kernel (the copy the solver needs anyway, as it overwrites its input; a full
// matrix also makes the route, Jacobi or divide and conquer, and its fill mode irrelevant),
// (2) solves conj(H), whose eigenvectors come back as the contiguous columns of a column-major
// matrix Z, i.e. as the rows of the C-contiguous buffer, conjugated, and (3) writes
// V = conj(Z^T) in one more fused kernel, so that V[..., :, i] is the i-th eigenvector as NumPy
// has it.
//
// Note [Row-major general input]: for eig, A^T has other eigenvectors than A, so the working
// copy is the transpose of A (column-major A), and the right eigenvectors come back as the rows
// of the C-contiguous buffer: transposed once more into the result. For a real A, geev returns
// LAPACK's packed real vectors (a complex pair j, j+1 as columns re, im); one kernel unpacks and
// transposes them into the complex result.

// ---- cuSOLVER's typed batched Jacobi solver ---------------------------------------------------

cusolverStatus_t syevj_batched_size(cusolverDnHandle_t h, cusolverEigMode_t jobz, int n, float* a,
                                    float* w, int* lwork, syevjInfo_t p, int batch) {
  return cusolverDnSsyevjBatched_bufferSize(h, jobz, CUBLAS_FILL_MODE_LOWER, n, a, n, w, lwork, p,
                                            batch);
}
cusolverStatus_t syevj_batched_size(cusolverDnHandle_t h, cusolverEigMode_t jobz, int n, double* a,
                                    double* w, int* lwork, syevjInfo_t p, int batch) {
  return cusolverDnDsyevjBatched_bufferSize(h, jobz, CUBLAS_FILL_MODE_LOWER, n, a, n, w, lwork, p,
                                            batch);
}
cusolverStatus_t syevj_batched_size(cusolverDnHandle_t h, cusolverEigMode_t jobz, int n,
                                    std::complex<float>* a, float* w, int* lwork, syevjInfo_t p,
                                    int batch) {
  return cusolverDnCheevjBatched_bufferSize(h, jobz, CUBLAS_FILL_MODE_LOWER, n,
                                            reinterpret_cast<cuComplex*>(a), n, w, lwork, p, batch);
}
cusolverStatus_t syevj_batched_size(cusolverDnHandle_t h, cusolverEigMode_t jobz, int n,
                                    std::complex<double>* a, double* w, int* lwork, syevjInfo_t p,
                                    int batch) {
  return cusolverDnZheevjBatched_bufferSize(h, jobz, CUBLAS_FILL_MODE_LOWER, n,
                                            reinterpret_cast<cuDoubleComplex*>(a), n, w, lwork, p,
                                            batch);
}

cusolverStatus_t syevj_batched(cusolverDnHandle_t h, cusolverEigMode_t jobz, int n, float* a,
                               float* w, float* work, int lwork, int* info, syevjInfo_t p,
                               int batch) {
  return cusolverDnSsyevjBatched(h, jobz, CUBLAS_FILL_MODE_LOWER, n, a, n, w, work, lwork, info, p,
                                 batch);
}
cusolverStatus_t syevj_batched(cusolverDnHandle_t h, cusolverEigMode_t jobz, int n, double* a,
                               double* w, double* work, int lwork, int* info, syevjInfo_t p,
                               int batch) {
  return cusolverDnDsyevjBatched(h, jobz, CUBLAS_FILL_MODE_LOWER, n, a, n, w, work, lwork, info, p,
                                 batch);
}
cusolverStatus_t syevj_batched(cusolverDnHandle_t h, cusolverEigMode_t jobz, int n,
                               std::complex<float>* a, float* w, std::complex<float>* work,
                               int lwork, int* info, syevjInfo_t p, int batch) {
  return cusolverDnCheevjBatched(h, jobz, CUBLAS_FILL_MODE_LOWER, n,
                                 reinterpret_cast<cuComplex*>(a), n, w,
                                 reinterpret_cast<cuComplex*>(work), lwork, info, p, batch);
}
cusolverStatus_t syevj_batched(cusolverDnHandle_t h, cusolverEigMode_t jobz, int n,
                               std::complex<double>* a, double* w, std::complex<double>* work,
                               int lwork, int* info, syevjInfo_t p, int batch) {
  return cusolverDnZheevjBatched(h, jobz, CUBLAS_FILL_MODE_LOWER, n,
                                 reinterpret_cast<cuDoubleComplex*>(a), n, w,
                                 reinterpret_cast<cuDoubleComplex*>(work), lwork, info, p, batch);
}

class syevj_params {
 public:
  syevj_params() { CUPP_CHECK_CUSOLVER(cusolverDnCreateSyevjInfo(&info_)); }
  ~syevj_params() { (void)cusolverDnDestroySyevjInfo(info_); }
  syevj_params(const syevj_params&) = delete;
  syevj_params& operator=(const syevj_params&) = delete;
  syevjInfo_t get() const noexcept { return info_; }

 private:
  syevjInfo_t info_ = nullptr;
};

// Note [eigh routes]: cuSOLVER's batched Jacobi solver (syevjBatched, n <= 32) runs a whole
// stack of small matrices in one launch, as CuPy does for stacks; one matrix, or matrices too
// large for it, go through the 64-bit divide-and-conquer solver (Xsyevd), one call per matrix,
// sharing one workspace.
constexpr std::int64_t kJacobiBatchedMaxN = 32;

template <class T>
void solve_hermitian(T* a, real_t<T>* w, std::int32_t* info, std::int64_t n, std::int64_t batch,
                     bool vectors) {
  using R = real_t<T>;
  const cusolverEigMode_t jobz = vectors ? CUSOLVER_EIG_MODE_VECTOR : CUSOLVER_EIG_MODE_NOVECTOR;
  cusolverDnHandle_t h = solver_handle();
  if (batch > 1 && n <= kJacobiBatchedMaxN) {
    const syevj_params params;  // defaults: tolerance of the dtype, 100 sweeps, sorted ascending
    for (std::int64_t start = 0; start < batch;) {
      const int chunk = static_cast<int>(std::min<std::int64_t>(batch - start, INT_MAX / (n * n)));
      T* const a_c = a + start * n * n;
      R* const w_c = w + start * n;
      int lwork = 0;
      CUPP_CHECK_CUSOLVER(syevj_batched_size(h, jobz, static_cast<int>(n), a_c, w_c, &lwork,
                                             params.get(), chunk));
      const auto work = scratch(static_cast<std::size_t>(lwork) * sizeof(T));
      CUPP_CHECK_CUSOLVER(syevj_batched(h, jobz, static_cast<int>(n), a_c, w_c,
                                        static_cast<T*>(work.get()), lwork, info + start,
                                        params.get(), chunk));
      start += chunk;
    }
    return;
  }
  cusolverDnParams_t params = solver_params();
  const cudaDataType t = cuda_data_type(dtype_of<T>), rt = cuda_data_type(dtype_of<R>);
  std::size_t device_bytes = 0, host_bytes = 0;
  CUPP_CHECK_CUSOLVER(cusolverDnXsyevd_bufferSize(h, params, jobz, CUBLAS_FILL_MODE_LOWER, n, t, a,
                                                  n, rt, w, t, &device_bytes, &host_bytes));
  const auto work = scratch(device_bytes);
  void* const host = host_workspace(host_bytes);
  for (std::int64_t b = 0; b < batch; ++b)
    CUPP_CHECK_CUSOLVER(cusolverDnXsyevd(h, params, jobz, CUBLAS_FILL_MODE_LOWER, n, t,
                                         a + b * n * n, n, rt, w + b * n, t, work.get(),
                                         device_bytes, host, host_bytes, info + b));
}

/// Marks the failed matrices' results NaN under on_error::ignore (after check_info said so).
void mark_failed(const array_desc& info, const array_desc& w, const array_desc& v) {
  nan_where_failed(w, info, w.ndim() - 1);
  if (v.ndim() >= 2) nan_where_failed(v, info, v.ndim() - 2);
}

template <class T>
std::pair<array_desc, array_desc> eigh_typed(const array_desc& a_desc, char uplo, bool vectors) {
  using R = real_t<T>;
  const ndarray<T> a(a_desc);
  const shape_t& shape = a_desc.shape;
  const std::int64_t n = shape.back();
  const shape_t batch_dims = batch_shape(shape);
  const array_desc w = make_array(with_tail(batch_dims, {n}), dtype_of<R>);
  if (a_desc.size() == 0) return {w, vectors ? make_array(shape, dtype_of<T>) : array_desc{}};

  // The full Hermitian matrix from the `uplo` triangle (Note [Row-major Hermitian input]).
  ndarray<T> h(shape);
  {
    const expr::flat_index i;
    const auto col = remainder(i, n);
    const auto row = remainder(floor_divide(i, n), n);
    const ndarray<T> at = a.swapaxes(-1, -2);
    const auto mirrored = [&](const auto& mine) { return where(mine, a, conj(at)); };
    // The diagonal's imaginary part is ignored, as LAPACK's heevd does (the Jacobi solver would
    // not ignore it).
    // Written conjugated: the solver reads the row-major buffer as its transpose, conj(H)^T = H,
    // so its column-major eigenvectors are H's own and the result is a transposed view.
    const auto fill = [&](const auto& full) {
      if constexpr (is_complex(dtype_of<T>))
        expr::assign(where(equal(col, row), real(a), conj(full)), h.desc());
      else
        expr::assign(full, h.desc());
    };
    if (uplo == 'L')
      fill(mirrored(less_equal(col, row)));
    else
      fill(mirrored(greater_equal(col, row)));
  }
  const array_desc info = make_array(batch_dims, dtype::int32);
  solve_hermitian<T>(h.data(), reinterpret_cast<R*>(w.ptr),
                     reinterpret_cast<std::int32_t*>(info.ptr), n, shape_size(batch_dims), vectors);
  // Column k of cuSOLVER's column-major result is eigenvector k: the row-major buffer's row k,
  // so the eigenvectors are the buffer's transposed view (no copy).
  if (!check_info(info, kNotConverged)) mark_failed(info, w, vectors ? h.desc() : array_desc{});
  if (!vectors) return {w, array_desc{}};
  return {w, h.swapaxes(-1, -2).desc()};
}

// ---- general matrices -------------------------------------------------------------------------

// LAPACK's packed real eigenvectors to complex ones: kernels/cupp/linalg_eigen.cuh (Note [Linalg
// kernels] in handles.hpp).
kernel_variant unpack_variant(dtype real) {
  std::string name = std::string("cupp_eig_unpack_") + cupp::detail::dtype_short_name(real);
  std::string preamble = std::string("typedef ") +
                         (real == dtype::float32 ? "float" : "double") + " cupp_real;\n" +
                         "#define CUPP_EIG_UNPACK_KERNEL " + name + "\n";
  return {"cupp/linalg_eigen.cuh", std::move(preamble), std::move(name)};
}

void unpack_real_vectors(const array_desc& vr, const array_desc& w, const array_desc& out,
                         std::int64_t n) {
  constexpr unsigned threads = 256;
  const RawKernel& k = kernel_of(unpack_variant(vr.dt));
  const std::int64_t total = out.size();
  k(dim3(cupp::detail::resident_blocks(k, total, threads)), dim3(threads), std::size_t{0},
    cuda::get_current_stream(), static_cast<const void*>(vr.ptr),
    static_cast<const void*>(w.ptr), static_cast<void*>(out.ptr), static_cast<long long>(n),
    static_cast<long long>(total));
}

template <class T>
std::pair<array_desc, array_desc> eig_typed(const array_desc& a_desc, bool vectors) {
  using C = std::complex<real_t<T>>;
  const ndarray<T> a(a_desc);
  const shape_t& shape = a_desc.shape;
  const std::int64_t n = shape.back();
  const shape_t batch_dims = batch_shape(shape);
  const array_desc w = make_array(with_tail(batch_dims, {n}), dtype_of<C>);
  if (a_desc.size() == 0) return {w, vectors ? make_array(shape, dtype_of<C>) : array_desc{}};
  // Matrices holding inf or NaN: NumPy's error under on_error::raise; under on_error::ignore
  // they are zeroed for geev (which may refuse them) and reported as failed (NaN results).
  const ndarray<bool> bad = cupp::any(logical_not(isfinite(a)), axis_arg{-2, -1});
  if (error_mode() == on_error::raise)
    CUPP_EXPECTS(!cupp::any(bad).item(), linalg_error, "Array must not contain infs or NaNs");
  shape_t bad_shape = batch_dims;
  bad_shape.push_back(1);
  bad_shape.push_back(1);

  // Column-major A (Note [Row-major general input]); geev overwrites it.
  ndarray<T> work(shape);
  expr::assign(where(bad.reshape(bad_shape), T(0), a.swapaxes(-1, -2)), work.desc());
  const array_desc vr = vectors ? make_array(shape, dtype_of<T>) : array_desc{};
  const array_desc info = make_array(batch_dims, dtype::int32);
  const std::int64_t batch = shape_size(batch_dims);

  cusolverDnHandle_t h = solver_handle();
  cusolverDnParams_t params = solver_params();
  const cusolverEigMode_t jobvr = vectors ? CUSOLVER_EIG_MODE_VECTOR : CUSOLVER_EIG_MODE_NOVECTOR;
  T* const vr_ptr = vectors ? reinterpret_cast<T*>(vr.ptr) : nullptr;
  const std::int64_t ldvr = vectors ? n : 1;
  const cudaDataType t = cuda_data_type(dtype_of<T>), ct = cuda_data_type(dtype_of<C>);
  std::size_t device_bytes = 0, host_bytes = 0;
  CUPP_CHECK_CUSOLVER(cusolverDnXgeev_bufferSize(h, params, CUSOLVER_EIG_MODE_NOVECTOR, jobvr, n, t,
                                                 work.data(), n, ct, w.ptr, t, nullptr, 1, t,
                                                 vr_ptr, ldvr, t, &device_bytes, &host_bytes));
  const auto scratch_block = scratch(device_bytes);
  void* const host = host_workspace(host_bytes);
  for (std::int64_t b = 0; b < batch; ++b)
    CUPP_CHECK_CUSOLVER(
        cusolverDnXgeev(h, params, CUSOLVER_EIG_MODE_NOVECTOR, jobvr, n, t, work.data() + b * n * n,
                        n, ct, reinterpret_cast<C*>(w.ptr) + b * n, t, nullptr, 1, t,
                        vectors ? vr_ptr + b * n * n : nullptr, ldvr, t, scratch_block.get(),
                        device_bytes, host, host_bytes, reinterpret_cast<int*>(info.ptr) + b));

  {
    const ndarray<std::int32_t> status(info);
    expr::assign(where(bad, std::int32_t{1}, status), info);
  }
  array_desc v;
  if (vectors) {
    if constexpr (is_complex(dtype_of<T>)) {
      v = cupp::detail::copy(cupp::detail::swapaxes(vr, -1, -2));
    } else {
      v = make_array(shape, dtype_of<C>);
      unpack_real_vectors(vr, w, v, n);
    }
  }
  if (!check_info(info, kNotConverged)) mark_failed(info, w, v);
  return {w, v};
}

[[noreturn]] void bad_dtype(dtype dt) {
  throw type_error(std::string("array type ") + dtype_name(dt) + " is unsupported in linalg");
}

}  // namespace

std::vector<kernel_variant> eig_kernel_variants() {
  return {unpack_variant(dtype::float32), unpack_variant(dtype::float64)};
}

char check_uplo(char uplo) {
  const char u = (uplo == 'l' || uplo == 'u') ? static_cast<char>(uplo - 'a' + 'A') : uplo;
  CUPP_EXPECTS(u == 'L' || u == 'U', value_error, "UPLO argument must be 'L' or 'U'");
  return u;
}

std::pair<array_desc, array_desc> eigh(const array_desc& a, char uplo, bool vectors) {
  check_stacked_square(a);
  const char u = check_uplo(uplo);
  switch (a.dt) {
    case dtype::float32: return eigh_typed<float>(a, u, vectors);
    case dtype::float64: return eigh_typed<double>(a, u, vectors);
    case dtype::complex64: return eigh_typed<std::complex<float>>(a, u, vectors);
    case dtype::complex128: return eigh_typed<std::complex<double>>(a, u, vectors);
    default: bad_dtype(a.dt);
  }
}

std::pair<array_desc, array_desc> eig(const array_desc& a, bool vectors) {
  check_stacked_square(a);
  switch (a.dt) {
    case dtype::float32: return eig_typed<float>(a, vectors);
    case dtype::float64: return eig_typed<double>(a, vectors);
    case dtype::complex64: return eig_typed<std::complex<float>>(a, vectors);
    case dtype::complex128: return eig_typed<std::complex<double>>(a, vectors);
    default: bad_dtype(a.dt);
  }
}

}  // namespace cupp::linalg::detail
