// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// A user's SGEMM kernel through RawKernel, beside cuBLAS, as CuPy's examples/gemm/sgemm.py times
// its hand-written kernel beside cupy.dot. The kernel is kernels/sgemm.cu, which the CuPy side
// launches through cupy.RawKernel: both time the same user kernel.
//
// Inputs: A (float32, m x k), B (float32, k x n). Output: C.
#include "realworld.hpp"

namespace {

using cupp::ndarray;

ndarray<float> sgemm(const cupp::RawKernel& kernel, const ndarray<float>& A,
                     const ndarray<float>& B) {
  const int m = static_cast<int>(A.shape(0)), k = static_cast<int>(A.shape(1));
  const int n = static_cast<int>(B.shape(1));
  ndarray<float> C = cupp::empty<float>({m, n});
  kernel({(n + 63) / 64, (m + 63) / 64}, {16, 16}, m, n, k, A, B, C);
  return C;
}

void run(const realworld::options& opt, const std::string& row, bool raw_kernel) {
  const auto A = realworld::read_array<float>(opt, "sgemm_A");
  const auto B = realworld::read_array<float>(opt, "sgemm_B");
  const cupp::RawKernel kernel(realworld::read_source(opt, "sgemm.cu"), "sgemm");
  ndarray<float> C;
  realworld::time_program(
      opt, row, [&] { C = raw_kernel ? sgemm(kernel, A, B) : ndarray<float>(cupp::matmul(A, B)); });
  realworld::write_array(opt, row + ".cupp.C", C);
}

void run_raw(const realworld::options& opt) { run(opt, "sgemm_rawkernel", true); }
void run_cublas(const realworld::options& opt) { run(opt, "sgemm_cublas", false); }

const bool registered =
    realworld::add("sgemm_rawkernel", run_raw) && realworld::add("sgemm_cublas", run_cublas);

}  // namespace
