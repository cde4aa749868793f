// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace cupp {

/// Base of every exception cupp throws.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// NumPy's ValueError: a bad value or shape (reshape size, slice step 0, set() length, ...).
class value_error : public error {
 public:
  using error::error;
};

/// NumPy's OverflowError: a Python integer that does not fit the array's dtype.
class overflow_error : public error { public: using error::error; };

/// NumPy's TypeError: a dtype or casting problem.
class type_error : public error {
 public:
  using error::error;
};

/// NumPy's IndexError: an index out of bounds or too many indices.
class index_error : public error {
 public:
  using error::error;
};

/// NumPy's AxisError ("axis 2 is out of bounds for array of dimension 2"). In NumPy it is both a
/// ValueError and an IndexError; here it derives from index_error.
class axis_error : public index_error {
 public:
  using index_error::index_error;
};

/// Operands whose shapes cannot be broadcast together (NumPy raises ValueError).
class broadcast_error : public value_error {
 public:
  using value_error::value_error;
};

/// numpy.linalg.LinAlgError.
class linalg_error : public error {
 public:
  using error::error;
};

/// A feature NumPy has that cupp does not (yet).
class not_implemented_error : public error {
 public:
  using error::error;
};

/// A CUDA runtime call failed. status() is the cudaError_t value, api() the call that returned it.
class cuda_error : public error {
 public:
  /// The error `status` returned by the call `api`, with the message `what`.
  cuda_error(int status, std::string api, const std::string& what)
      : error(what), status_(status), api_(std::move(api)) {}
  /// The cudaError_t value, as an int.
  int status() const noexcept { return status_; }
  /// The CUDA runtime call that failed, as written in the source ("cudaMalloc(...)").
  const std::string& api() const noexcept { return api_; }

 private:
  int status_;
  std::string api_;
};

/// The device memory pool (or the device) cannot satisfy a request, even after releasing every
/// cached block. The message gives the request, the device's total and free memory, the pool's
/// used and held bytes and its limit.
class out_of_memory : public error {
 public:
  /// The message `what` for a failed request of `requested` bytes.
  out_of_memory(const std::string& what, std::size_t requested)
      : error(what), requested_(requested) {}
  /// The size of the request that failed, in bytes.
  std::size_t requested() const noexcept { return requested_; }

 private:
  std::size_t requested_;
};

/// A CUDA library call (cuBLAS, cuSOLVER, cuFFT, cuRAND) failed.
class library_error : public error {
 public:
  /// The library status `status` returned by the call `api`, with the message `what`.
  library_error(int status, std::string api, const std::string& what)
      : error(what), status_(status), api_(std::move(api)) {}
  /// The library's status value (curandStatus_t, cublasStatus_t, cusolverStatus_t or cufftResult),
  /// as an int.
  int status() const noexcept { return status_; }
  /// The library call that failed, as written in the source.
  const std::string& api() const noexcept { return api_; }

 private:
  int status_;
  std::string api_;
};
/// A cuRAND call failed; the message names the cuRAND status.
class curand_error : public library_error {
 public:
  using library_error::library_error;
};
/// A cuBLAS call failed; the message names the cuBLAS status.
class cublas_error : public library_error {
 public:
  using library_error::library_error;
};
/// A cuSOLVER call failed; the message names the cuSOLVER status.
class cusolver_error : public library_error {
 public:
  using library_error::library_error;
};
/// A cuFFT call failed (CuPy's cupy.cuda.cufft.CuFFTError); the message names the cuFFT status.
class cufft_error : public library_error {
 public:
  using library_error::library_error;
};

/// NVRTC could not compile a kernel. The message holds the log, the options and the numbered
/// source; each is also available on its own.
class compile_error : public error {
 public:
  /// The message `what`, with NVRTC's log, the source and the options it compiled with.
  compile_error(const std::string& what, std::string log, std::string source, std::string options)
      : error(what), log_(std::move(log)), source_(std::move(source)), options_(std::move(options)) {}
  /// NVRTC's compilation log (the compiler's errors and warnings).
  const std::string& log() const noexcept { return log_; }
  /// The CUDA source that failed to compile.
  const std::string& source() const noexcept { return source_; }
  /// The NVRTC options, space-separated.
  const std::string& options() const noexcept { return options_; }

 private:
  std::string log_, source_, options_;
};

namespace detail {
[[noreturn]] void throw_cuda_error(int status, const char* api, const char* file, int line);
[[noreturn]] void throw_curand_error(int status, const char* api, const char* file, int line);
[[noreturn]] void throw_cublas_error(int status, const char* api, const char* file, int line);
[[noreturn]] void throw_cusolver_error(int status, const char* api, const char* file, int line);
[[noreturn]] void throw_cufft_error(int status, const char* api, const char* file, int line);
[[noreturn]] void throw_assert(const char* cond, const char* file, int line);
}  // namespace detail
}  // namespace cupp

// Note [Check macros]: every CUPP_CHECK_<library> macro is CUPP_DETAIL_CHECK_STATUS with its
// library's thrower. The call is evaluated once; a status other than 0 (success in cudaError_t,
// cublasStatus_t, cusolverStatus_t, curandStatus_t and cufftResult alike) goes to the thrower
// with the call's text and the place of the check. The text is stringized by the outer macro, so
// it is the call as written, before its macros are expanded.
#define CUPP_DETAIL_CHECK_STATUS(expr, text, thrower)                                         \
  do {                                                                                        \
    const auto cupp_status_ = (expr);                                                         \
    if (cupp_status_ != 0) thrower(static_cast<int>(cupp_status_), text, __FILE__, __LINE__); \
  } while (0)

/// Checks a cudaError_t and throws cupp::cuda_error naming the call and the status it returned.
#define CUPP_CHECK_CUDA(expr) \
  CUPP_DETAIL_CHECK_STATUS(expr, #expr, ::cupp::detail::throw_cuda_error)
/// Checks a curandStatus_t and throws cupp::curand_error naming the call and the cuRAND status.
#define CUPP_CHECK_CURAND(expr) \
  CUPP_DETAIL_CHECK_STATUS(expr, #expr, ::cupp::detail::throw_curand_error)
/// Checks a cublasStatus_t and throws cupp::cublas_error naming the call and the cuBLAS status.
#define CUPP_CHECK_CUBLAS(expr) \
  CUPP_DETAIL_CHECK_STATUS(expr, #expr, ::cupp::detail::throw_cublas_error)
/// Checks a cusolverStatus_t and throws cupp::cusolver_error naming the call and the cuSOLVER
/// status.
#define CUPP_CHECK_CUSOLVER(expr) \
  CUPP_DETAIL_CHECK_STATUS(expr, #expr, ::cupp::detail::throw_cusolver_error)
/// Checks a cufftResult and throws cupp::cufft_error naming the call and the cuFFT status.
#define CUPP_CHECK_CUFFT(expr) \
  CUPP_DETAIL_CHECK_STATUS(expr, #expr, ::cupp::detail::throw_cufft_error)

/// Throws `error_type(message)` unless `cond`; always on, whatever NDEBUG says.
#define CUPP_EXPECTS(cond, error_type, message) \
  do {                                          \
    if (!(cond)) throw error_type(message);     \
  } while (0)

/// An internal invariant; a failure is a bug in cupp. Always on.
#define CUPP_ASSERT(cond)                                                  \
  do {                                                                     \
    if (!(cond)) ::cupp::detail::throw_assert(#cond, __FILE__, __LINE__); \
  } while (0)
