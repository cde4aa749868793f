// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The cuBLAS and cuSOLVER handles behind cupp::linalg, and the status checks of the solvers.
#pragma once

#include <cublas_v2.h>
#include <cusolverDn.h>

#include <complex>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/error.hpp"
#include "cupp/jit/raw_kernel.hpp"

namespace cupp::linalg::detail {

using cupp::detail::array_desc;

// Note [Library handles]: one cuBLAS and one cuSOLVER handle per (device, host thread), created
// on first use, as CuPy keeps them. Each call rebinds the handle to the thread's current stream
// (only when it changed) so that library work is ordered with the rest of cupp's work. cuBLAS's
// workspace comes from the memory pool, one block per handle allocated on the stream it serves;
// a change of stream hands the old block back on its own stream and takes a new one.

/// The current device's cuBLAS handle for this thread, bound to the current stream, with the
/// pointer mode on host.
cublasHandle_t blas_handle();
/// The current device's cuSOLVER handle for this thread, bound to the current stream.
cusolverDnHandle_t solver_handle();
/// cuSOLVER's 64-bit API parameters (default algorithms), shared by the thread's calls.
cusolverDnParams_t solver_params();

/// Device scratch memory for a library call on the current stream (nullptr for 0 bytes).
std::shared_ptr<void> scratch(std::size_t bytes);
/// Host workspace for cuSOLVER's 64-bit API calls (usually 0 bytes; nullptr then): one buffer per
/// thread, grown and never shrunk, so that it outlives any call that may still use it.
void* host_workspace(std::size_t bytes);

/// The CUDA data type of a dtype linalg computes in (float32, float64, complex64, complex128);
/// type_error "array type int8 is unsupported in linalg" for any other.
cudaDataType cuda_data_type(dtype dt);
/// The leading (batch) axes of `shape`, before its last `core` axes.
shape_t batch_shape(const shape_t& shape, std::size_t core = 2);
/// `batch` followed by `tail`.
shape_t with_tail(shape_t batch, std::initializer_list<std::int64_t> tail);

/// Checks the int32 status words (cuSOLVER's devInfo, one per matrix of a batch) that `info`
/// holds on the device. Under on_error::raise it reads them back (a synchronisation; a long batch
/// is first reduced to its largest status on the device, so that one word travels) and
/// throws linalg_error(message) when any is positive; a negative one is a bug in cupp (an
/// illegal argument) and throws cupp::error. Under on_error::ignore it reads nothing and returns
/// false; the caller then marks the failed matrices with nan_where_failed. Returns true when the
/// statuses were read and all are 0.
bool check_info(const array_desc& info, const char* message);

/// Under on_error::ignore: sets every element of `result` (shape (batch..., ...)) whose matrix
/// has a nonzero status in `info` (shape (batch...) of int32, C-contiguous) to NaN (NaN+NaNj for
/// complex). `batch_ndim` is how many leading axes of `result` index the batch.
void nan_where_failed(const array_desc& result, const array_desc& info, std::int64_t batch_ndim);

/// Calls `f(T{})` with T the C++ type of `dt`, one of the dtypes linalg computes in (float,
/// double, std::complex<float>, std::complex<double>), and returns what it returns; type_error
/// as cuda_data_type for any other dtype.
template <class F>
decltype(auto) visit_inexact(dtype dt, F&& f) {
  switch (dt) {
    case dtype::float32: return f(float{});
    case dtype::float64: return f(double{});
    case dtype::complex64: return f(std::complex<float>{});
    case dtype::complex128: return f(std::complex<double>{});
    default: break;
  }
  (void)cuda_data_type(dt);  // throws
  CUPP_ASSERT(false);
  return f(double{});
}

/// Writes the identity into every matrix (the last two axes, rows x cols) of the C-contiguous
/// `out`: one where the row and column agree, zero elsewhere (numpy.eye on each matrix).
void assign_identity(const array_desc& out);
/// The matrices of the C-contiguous `x` (batch..., rows, cols) whose entry in `bad` (bool, shape
/// (batch...)) is set become the identity, in place.
void identity_where(const array_desc& x, const array_desc& bad);

// Note [Linalg kernels]: the routines' own kernels live in kernels/cupp/linalg_<routine>.cuh, one
// kernel per module: a short preamble (typedefs and #defines) chooses the kernel's types and
// names it, and the module is reached through the registry (routine_kernel, Note [Kernel
// registry]). A name says the routine and the variant: cupp_det_f64_i64, cupp_pinv_scale_c64.
// Everything that is an elementwise expression (identities, triangles, layout changes, status
// merges, NaN for failed matrices) goes through the engine instead.

/// One variant of a routine kernel: the embedded header that holds it, the preamble that chooses
/// it, and its (extern "C") name.
struct kernel_variant {
  const char* header;
  std::string preamble;
  std::string name;
};

/// The kernel of `v`, from the registry: compiled at its first launch, kept for the process.
const RawKernel& kernel_of(const kernel_variant& v);

/// Each file's kernel variants, every one that a call can reach (kernel_sources() gathers them).
std::vector<kernel_variant> solve_kernel_variants();
std::vector<kernel_variant> decomp_kernel_variants();
std::vector<kernel_variant> eig_kernel_variants();
std::vector<kernel_variant> matmul_kernel_variants();

}  // namespace cupp::linalg::detail
