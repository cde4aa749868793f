// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "handles.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/memory.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "cupp/linalg/common.hpp"
#include "cupp/routines/reduction.hpp"

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
constexpr const char* kNanWhereFailedSource = R"(
template <class R>
__global__ void cupp_nan_where_failed(R* x, const int* info, long long per_matrix, long long n) {
  for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n;
       i += (long long)gridDim.x * blockDim.x)
    if (info[i / per_matrix] != 0) x[i] = R(0) / R(0);
}
)";
}  // namespace

void nan_where_failed(const array_desc& result, const array_desc& info, std::int64_t batch_ndim) {
  CUPP_ASSERT(info.dt == dtype::int32);
  const std::int64_t n_real =
      result.size() * ((result.dt == dtype::complex64 || result.dt == dtype::complex128) ? 2 : 1);
  if (n_real == 0) return;
  std::int64_t batch = 1;
  for (std::int64_t i = 0; i < batch_ndim; ++i) batch *= result.shape[static_cast<std::size_t>(i)];
  CUPP_ASSERT(batch == info.size());
  static RawModule module(kNanWhereFailedSource, {},
                          {"cupp_nan_where_failed<float>", "cupp_nan_where_failed<double>"});
  static RawKernel kf = module.get_function("cupp_nan_where_failed<float>");
  static RawKernel kd = module.get_function("cupp_nan_where_failed<double>");
  const bool single = result.dt == dtype::float32 || result.dt == dtype::complex64;
  const std::int64_t per_matrix = n_real / batch;
  const std::int64_t blocks = std::min<std::int64_t>(
      (n_real + 255) / 256, static_cast<std::int64_t>(cuda::Device().multiprocessor_count()) * 8);
  (single ? kf : kd)(dim3(static_cast<unsigned>(blocks)), dim3(256), std::size_t{0},
                     cuda::get_current_stream(), static_cast<void*>(result.ptr),
                     static_cast<const void*>(info.ptr), static_cast<long long>(per_matrix),
                     static_cast<long long>(n_real));
}

}  // namespace detail
}  // namespace cupp::linalg
