// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The tiled matrix product of cupp::matmul (src/linalg/matmul.cpp) for integers, bool and small
// float32/float64 products. Integers accumulate modulo 2^64 and are narrowed at the end, which
// equals NumPy's product computed in the type itself (modular arithmetic); bool is any(a and b);
// float and double accumulate in their own type with fused multiply-adds.
//
// A module is this header after a preamble: `typedef <element type> cupp_mm_t;` (bool, signed
// char, ..., unsigned long long, float, double) and
// `#define CUPP_MATMUL_TILED_KERNEL cupp_matmul_tiled_<b1|i8|...|u64|f32|f64>`.
#pragma once

namespace cupp {
namespace linalg {

typedef unsigned long long mm_u64;
__device__ __forceinline__ mm_u64 mm_load(signed char v) { return (mm_u64)(long long)v; }
__device__ __forceinline__ mm_u64 mm_load(short v) { return (mm_u64)(long long)v; }
__device__ __forceinline__ mm_u64 mm_load(int v) { return (mm_u64)(long long)v; }
__device__ __forceinline__ mm_u64 mm_load(long long v) { return (mm_u64)v; }
__device__ __forceinline__ mm_u64 mm_load(long v) { return (mm_u64)(long long)v; }
__device__ __forceinline__ mm_u64 mm_load(unsigned char v) { return v; }
__device__ __forceinline__ mm_u64 mm_load(unsigned short v) { return v; }
__device__ __forceinline__ mm_u64 mm_load(unsigned int v) { return v; }
__device__ __forceinline__ mm_u64 mm_load(unsigned long long v) { return v; }
__device__ __forceinline__ mm_u64 mm_load(unsigned long v) { return v; }
__device__ __forceinline__ bool mm_load(bool v) { return v; }
__device__ __forceinline__ float mm_load(float v) { return v; }
__device__ __forceinline__ double mm_load(double v) { return v; }
__device__ __forceinline__ mm_u64 mm_step(mm_u64 acc, mm_u64 a, mm_u64 b) { return acc + a * b; }
__device__ __forceinline__ bool mm_step(bool acc, bool a, bool b) { return acc || (a && b); }
__device__ __forceinline__ float mm_step(float acc, float a, float b) { return fmaf(a, b, acc); }
__device__ __forceinline__ double mm_step(double acc, double a, double b) {
  return fma(a, b, acc);
}

}  // namespace linalg
}  // namespace cupp

#ifdef CUPP_MATMUL_TILED_KERNEL
// C[z] (M x N, C-contiguous) = A[z] (M x K, strides sam, sak) B[z] (K x N, strides sbk, sbn),
// matrix z of the batch at offsets z * sa and z * sb. Blocks of 16 x 16 threads, one output tile
// each: blockIdx.x covers N, blockIdx.y covers M, blockIdx.z strides over the batch.
extern "C" __global__ void CUPP_MATMUL_TILED_KERNEL(
    const cupp_mm_t* __restrict__ a, const cupp_mm_t* __restrict__ b, cupp_mm_t* __restrict__ c,
    long long batch, long long M, long long N, long long K, long long sa, long long sam,
    long long sak, long long sb, long long sbk, long long sbn) {
  using namespace cupp::linalg;
  typedef decltype(mm_load(cupp_mm_t())) acc_t;
  __shared__ acc_t ta[16][17];
  __shared__ acc_t tb[16][17];
  const int tx = threadIdx.x, ty = threadIdx.y;
  const long long row = (long long)blockIdx.y * 16 + ty;
  const long long col = (long long)blockIdx.x * 16 + tx;
  for (long long z = blockIdx.z; z < batch; z += gridDim.z) {
    const cupp_mm_t* A = a + z * sa;
    const cupp_mm_t* B = b + z * sb;
    acc_t acc = acc_t(0);
    for (long long k0 = 0; k0 < K; k0 += 16) {
      ta[ty][tx] = (row < M && k0 + tx < K) ? mm_load(A[row * sam + (k0 + tx) * sak]) : acc_t(0);
      tb[ty][tx] = (k0 + ty < K && col < N) ? mm_load(B[(k0 + ty) * sbk + col * sbn]) : acc_t(0);
      __syncthreads();
#pragma unroll
      for (int k = 0; k < 16; ++k) acc = mm_step(acc, ta[ty][k], tb[k][tx]);
      __syncthreads();
    }
    if (row < M && col < N) c[z * M * N + row * N + col] = (cupp_mm_t)acc;
  }
}
#endif
