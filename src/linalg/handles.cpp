// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "handles.hpp"

#include <algorithm>
#include <atomic>
#include <limits>
#include <map>
#include <type_traits>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/memory.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/expr/expression.hpp"
#include "cupp/expr/ufuncs.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "cupp/linalg/common.hpp"
#include "cupp/routines/reduction.hpp"
#include "../jit/registry.hpp"

namespace cupp::linalg {

namespace {
thread_local on_error t_mode = on_error::raise;
std::atomic<bool> g_tf32{false};
}  // namespace

on_error error_mode() noexcept { return t_mode; }
errstate::errstate(on_error mode) noexcept : previous_(t_mode) { t_mode = mode; }
errstate::~errstate() { t_mode = previous_; }

void set_tf32(bool enabled) noexcept { g_tf32.store(enabled, std::memory_order_relaxed); }
bool tf32_enabled() noexcept { return g_tf32.load(std::memory_order_relaxed); }

namespace detail {

void check_stacked_2d(const array_desc& a) {
  CUPP_EXPECTS(a.ndim() >= 2, linalg_error,
               std::to_string(a.ndim()) +
                   "-dimensional array given. Array must be at least two-dimensional");
}

void check_stacked_square(const array_desc& a) {
  check_stacked_2d(a);
  CUPP_EXPECTS(a.shape[a.shape.size() - 1] == a.shape[a.shape.size() - 2], linalg_error,
               "Last 2 dimensions of the array must be square");
}

namespace {

// cuBLAS on Hopper asks for 32 MiB of workspace; less makes some GEMM shapes pick slower kernels.
constexpr std::size_t kBlasWorkspaceBytes = std::size_t{32} << 20;

struct blas_state {
  cublasHandle_t handle = nullptr;
  cudaStream_t stream = nullptr;
  bool bound = false;
  std::shared_ptr<void> workspace;
};

struct solver_state {
  cusolverDnHandle_t handle = nullptr;
  cusolverDnParams_t params = nullptr;
  cudaStream_t stream = nullptr;
  bool bound = false;
};

struct thread_handles {
  std::map<int, blas_state> blas;
  std::map<int, solver_state> solver;
  ~thread_handles() {
    // Errors are ignored: at exit the driver may already be shutting down.
    for (auto& [dev, s] : blas) {
      s.workspace.reset();
      if (s.handle) (void)cublasDestroy(s.handle);
    }
    for (auto& [dev, s] : solver) {
      if (s.params) (void)cusolverDnDestroyParams(s.params);
      if (s.handle) (void)cusolverDnDestroy(s.handle);
    }
  }
};

thread_handles& handles() {
  thread_local thread_handles h;
  return h;
}

solver_state& solver_for_current() {
  cuda::detail::require_device();
  solver_state& s = handles().solver[cuda::detail::current_device_id()];
  if (!s.handle) {
    CUPP_CHECK_CUSOLVER(cusolverDnCreate(&s.handle));
    CUPP_CHECK_CUSOLVER(cusolverDnCreateParams(&s.params));
  }
  const cudaStream_t stream = cuda::get_current_stream();
  if (!s.bound || s.stream != stream) {
    CUPP_CHECK_CUSOLVER(cusolverDnSetStream(s.handle, stream));
    s.stream = stream;
    s.bound = true;
  }
  return s;
}

}  // namespace

cublasHandle_t blas_handle() {
  cuda::detail::require_device();
  blas_state& s = handles().blas[cuda::detail::current_device_id()];
  if (!s.handle) CUPP_CHECK_CUBLAS(cublasCreate(&s.handle));
  const cudaStream_t stream = cuda::get_current_stream();
  if (!s.bound || s.stream != stream) {
    // cublasSetStream resets the workspace to cuBLAS's own; ours follows the stream.
    CUPP_CHECK_CUBLAS(cublasSetStream(s.handle, stream));
    s.workspace.reset();
    s.workspace = cuda::allocate(kBlasWorkspaceBytes);
    CUPP_CHECK_CUBLAS(cublasSetWorkspace(s.handle, s.workspace.get(), kBlasWorkspaceBytes));
    s.stream = stream;
    s.bound = true;
  }
  return s.handle;
}

cusolverDnHandle_t solver_handle() { return solver_for_current().handle; }
cusolverDnParams_t solver_params() { return solver_for_current().params; }

std::shared_ptr<void> scratch(std::size_t bytes) { return cuda::allocate(bytes); }

void* host_workspace(std::size_t bytes) {
  thread_local std::vector<char> buffer;
  if (buffer.size() < bytes) buffer.resize(bytes);
  return bytes ? buffer.data() : nullptr;
}

cudaDataType cuda_data_type(dtype dt) {
  switch (dt) {
    case dtype::float32:
      return CUDA_R_32F;
    case dtype::float64:
      return CUDA_R_64F;
    case dtype::complex64:
      return CUDA_C_32F;
    case dtype::complex128:
      return CUDA_C_64F;
    default:
      break;
  }
  throw type_error("array type " + std::string(dtype_name(dt)) + " is unsupported in linalg");
}

shape_t batch_shape(const shape_t& shape, std::size_t core) {
  return shape_t(shape.begin(), shape.end() - static_cast<std::ptrdiff_t>(core));
}

shape_t with_tail(shape_t batch, std::initializer_list<std::int64_t> tail) {
  batch.insert(batch.end(), tail.begin(), tail.end());
  return batch;
}

// Up to this many statuses are read back as they are; more are reduced on the device first.
constexpr std::int64_t kReadBackStatuses = 256;

bool check_info(const array_desc& info, const char* message) {
  CUPP_ASSERT(info.dt == dtype::int32);
  if (error_mode() == on_error::ignore) return false;
  if (info.size() > kReadBackStatuses) {
    // Many statuses: reduce them on the device and read back one.
    if (cupp::max(ndarray<std::int32_t>(info)).item() > 0) throw linalg_error(message);
    return true;
  }
  std::vector<std::int32_t> host(static_cast<std::size_t>(info.size()));
  cupp::detail::to_host(info, host.data());
  for (const std::int32_t v : host) {
    CUPP_ASSERT(v >= 0);  // a negative status names an illegal argument: a bug here
    if (v > 0) throw linalg_error(message);
  }
  return true;
}

namespace {

/// `info` (int32, C-contiguous, one entry per matrix of `x`'s first `batch_ndim` axes) reshaped
/// to broadcast against x: its shape followed by ones.
array_desc per_matrix(const array_desc& info, const array_desc& x, std::int64_t batch_ndim) {
  shape_t shape(x.shape.begin(), x.shape.begin() + batch_ndim);
  CUPP_ASSERT(shape_size(shape) == info.size());
  shape.resize(x.shape.size(), 1);
  return cupp::detail::reshape(info, shape);
}

/// The identity's pattern for a C-contiguous output whose matrices are rows x cols (bool).
auto identity_pattern(std::int64_t rows, std::int64_t cols) {
  const expr::flat_index i;
  return equal(remainder(i, cols), remainder(floor_divide(i, cols), rows));
}

}  // namespace

void nan_where_failed(const array_desc& result, const array_desc& info, std::int64_t batch_ndim) {
  CUPP_ASSERT(info.dt == dtype::int32);
  if (result.size() == 0) return;
  const ndarray<std::int32_t> status(per_matrix(info, result, batch_ndim));
  visit_inexact(result.dt, [&](auto zero) {
    using T = decltype(zero);
    using R = real_t<T>;
    const R nan = std::numeric_limits<R>::quiet_NaN();
    T value;
    if constexpr (std::is_same_v<T, R>)
      value = nan;
    else
      value = T(nan, nan);  // NaN+NaNj, as NumPy's failed complex results
    expr::assign(where(not_equal(status, 0), value, ndarray<T>(result)), result);
  });
}

void assign_identity(const array_desc& out) {
  CUPP_ASSERT(out.ndim() >= 2 && is_c_contiguous(out.shape, out.strides));
  if (out.size() == 0) return;
  expr::assign(identity_pattern(out.shape[out.shape.size() - 2], out.shape.back()), out);
}

void identity_where(const array_desc& x, const array_desc& bad) {
  CUPP_ASSERT(x.ndim() >= 2 && is_c_contiguous(x.shape, x.strides) && bad.dt == dtype::bool_);
  if (x.size() == 0) return;
  const ndarray<bool> flag(per_matrix(bad, x, x.ndim() - 2));
  const std::int64_t rows = x.shape[x.shape.size() - 2], cols = x.shape.back();
  visit_inexact(x.dt, [&](auto zero) {
    using T = decltype(zero);
    expr::assign(where(flag, identity_pattern(rows, cols), ndarray<T>(x)), x);
  });
}

const RawKernel& kernel_of(const kernel_variant& v) {
  return jit::detail::routine_kernel(v.header, v.preamble, v.name);
}

std::vector<std::pair<std::string, std::string>> kernel_sources() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& list : {solve_kernel_variants(), decomp_kernel_variants(),
                           eig_kernel_variants(), matmul_kernel_variants()})
    for (const kernel_variant& v : list)
      out.emplace_back(v.name, jit::detail::routine_source(v.header, v.preamble));
  return out;
}

}  // namespace detail
}  // namespace cupp::linalg
