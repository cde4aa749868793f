// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The library check macros without a GPU (Note [Check macros] in cupp/core/error.hpp): each
// throws its own error type with the status it was handed, in the library's own name, the call
// as written and the place of the check; each evaluates the call once.
#include <cublas_v2.h>
#include <cuda_runtime_api.h>
#include <cufft.h>
#include <curand.h>
#include <cusolverDn.h>
#include <gtest/gtest.h>

#include <string>

#include "core/throws.hpp"
#include "cupp/core/error.hpp"

namespace {

using cupp::test::throws_exactly;

/// "<failure> in <api> at <this file>:<line>": the message every check gives. Each check below is
/// on the line before its expected message's (`__LINE__ - 1`).
std::string at(const std::string& failure, const std::string& api, int line) {
  return failure + " in " + api + " at " + __FILE__ + ":" + std::to_string(line);
}

TEST(CheckMacros, CudaNamesTheStatusInWordsAndByName) {
  EXPECT_TRUE(throws_exactly<cupp::cuda_error>(
      [] { CUPP_CHECK_CUDA(cudaErrorInvalidValue); },
      at("invalid argument (cudaErrorInvalidValue)", "cudaErrorInvalidValue", __LINE__ - 1)));
  EXPECT_TRUE(throws_exactly<cupp::cuda_error>(
      [] { CUPP_CHECK_CUDA(cudaErrorMemoryAllocation); },
      at("out of memory (cudaErrorMemoryAllocation)", "cudaErrorMemoryAllocation", __LINE__ - 1)));
}

TEST(CheckMacros, LibrariesNameTheirStatus) {
  EXPECT_TRUE(throws_exactly<cupp::cublas_error>(
      [] { CUPP_CHECK_CUBLAS(CUBLAS_STATUS_NOT_INITIALIZED); },
      at("CUBLAS_STATUS_NOT_INITIALIZED", "CUBLAS_STATUS_NOT_INITIALIZED", __LINE__ - 1)));
  EXPECT_TRUE(throws_exactly<cupp::cusolver_error>(
      [] { CUPP_CHECK_CUSOLVER(CUSOLVER_STATUS_INVALID_VALUE); },
      at("CUSOLVER_STATUS_INVALID_VALUE", "CUSOLVER_STATUS_INVALID_VALUE", __LINE__ - 1)));
  EXPECT_TRUE(throws_exactly<cupp::curand_error>(
      [] { CUPP_CHECK_CURAND(CURAND_STATUS_LAUNCH_FAILURE); },
      at("CURAND_STATUS_LAUNCH_FAILURE", "CURAND_STATUS_LAUNCH_FAILURE", __LINE__ - 1)));
  // cuFFT's message also gives the status's value.
  EXPECT_TRUE(throws_exactly<cupp::cufft_error>(
      [] { CUPP_CHECK_CUFFT(CUFFT_ALLOC_FAILED); },
      at("CUFFT_ALLOC_FAILED (2)", "CUFFT_ALLOC_FAILED", __LINE__ - 1)));
}

TEST(CheckMacros, UnknownStatusesStillThrowTheLibrarysError) {
  const auto unknown = [] { return 12345; };
  EXPECT_TRUE(throws_exactly<cupp::cusolver_error>(
      [&] { CUPP_CHECK_CUSOLVER(unknown()); },
      at("unknown cuSOLVER status", "unknown()", __LINE__ - 1)));
  EXPECT_TRUE(
      throws_exactly<cupp::curand_error>([&] { CUPP_CHECK_CURAND(unknown()); },
                                         at("unknown cuRAND status", "unknown()", __LINE__ - 1)));
  EXPECT_TRUE(throws_exactly<cupp::cufft_error>(
      [&] { CUPP_CHECK_CUFFT(unknown()); },
      at("unknown cuFFT status (12345)", "unknown()", __LINE__ - 1)));
}

TEST(CheckMacros, ReportStatusAndCallAndDeriveFromLibraryError) {
  try {
    CUPP_CHECK_CUBLAS(CUBLAS_STATUS_EXECUTION_FAILED);
    FAIL() << "expected cublas_error";
  } catch (const cupp::library_error& e) {
    EXPECT_EQ(e.status(), static_cast<int>(CUBLAS_STATUS_EXECUTION_FAILED));
    EXPECT_EQ(e.api(), "CUBLAS_STATUS_EXECUTION_FAILED");
  }
  EXPECT_THROW(CUPP_CHECK_CUSOLVER(CUSOLVER_STATUS_EXECUTION_FAILED), cupp::library_error);
  EXPECT_THROW(CUPP_CHECK_CURAND(CURAND_STATUS_INTERNAL_ERROR), cupp::library_error);
  EXPECT_THROW(CUPP_CHECK_CUFFT(CUFFT_EXEC_FAILED), cupp::library_error);
}

// A macro inside the checked call: the message quotes the call as written, not its expansion.
#define CUPP_TEST_FAILING_CALL() CUBLAS_STATUS_ALLOC_FAILED

TEST(CheckMacros, QuoteTheCallAsWritten) {
  EXPECT_TRUE(throws_exactly<cupp::cublas_error>(
      [] { CUPP_CHECK_CUBLAS(CUPP_TEST_FAILING_CALL()); },
      at("CUBLAS_STATUS_ALLOC_FAILED", "CUPP_TEST_FAILING_CALL()", __LINE__ - 1)));
}

#undef CUPP_TEST_FAILING_CALL

TEST(CheckMacros, EvaluateTheCallOnce) {
  int calls = 0;
  const auto ok = [&] {
    ++calls;
    return 0;
  };
  CUPP_CHECK_CUDA(ok());
  CUPP_CHECK_CUBLAS(ok());
  CUPP_CHECK_CUSOLVER(ok());
  CUPP_CHECK_CURAND(ok());
  CUPP_CHECK_CUFFT(ok());
  EXPECT_EQ(calls, 5);
  const auto failing = [&] {
    ++calls;
    return CUFFT_INVALID_PLAN;
  };
  EXPECT_THROW(CUPP_CHECK_CUFFT(failing()), cupp::cufft_error);
  EXPECT_EQ(calls, 6);
}

}  // namespace
