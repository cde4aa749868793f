// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernels of the ufunc methods at and reduceat (cupp/routines/ufunc_methods.hpp). Included
// after a preamble (src/expr/ufunc_methods.cpp) that includes <cupp/ufunc.cuh> and defines the
// variant:
//   cupp_a_t            the element type of the array (at: written in place; reduceat: read)
//   cupp_v_t            at: the element type of the values; reduceat: of the result
//   cupp_l_t            the type the op computes in
//   CUPP_OP(x, y)       the op of two cupp_l_t values (a device function of cupp/ufunc.cuh)
//   CUPP_AT_ATOMIC      at: 1 when one hardware atomic (CUPP_ATOMIC(p, v)) does the update
//   CUPP_AT_NAME, CUPP_AT_CHECK_NAME, CUPP_REDUCEAT_NAME
#pragma once

#include <cupp/indexing.cuh>

// Note [Unbuffered at]: NumPy's ufunc.at applies the op once per index, so a repeated index
// accumulates. Each thread updates its element atomically: with one hardware atomic where the op
// and dtype have one (add and subtract of 32- and 64-bit integers, float and double; maximum and
// minimum of those integers; the bitwise ops), else with a compare-and-swap loop on the aligned
// 32- or 64-bit word that holds the element, which computes the op exactly as the ufunc does
// (cast to the loop type, op, cast back) and retries until no other thread wrote in between.
// complex128 is 16 bytes, wider than any compare-and-swap: add and subtract update its parts
// with one atomic each (parts are independent under addition), other ops are refused on the
// host.

namespace cupp_methods {

template <class Word, class A>
__device__ __forceinline__ Word bits_of(A x) {
  Word w = 0;
  *reinterpret_cast<A*>(&w) = x;
  return w;
}
template <class A, class Word>
__device__ __forceinline__ A value_of(Word w) {
  return *reinterpret_cast<const A*>(&w);
}

/// *p = op(*p, v) by compare-and-swap (Note [Unbuffered at]).
__device__ __forceinline__ void cas_update(cupp_a_t* p, cupp_l_t v) {
  if constexpr (sizeof(cupp_a_t) == 8) {
    auto* w = reinterpret_cast<unsigned long long*>(p);
    unsigned long long old = *w, assumed;
    do {
      assumed = old;
      const cupp_a_t next = cupp::ufn::cast<cupp_a_t>(
          CUPP_OP(cupp::ufn::cast<cupp_l_t>(value_of<cupp_a_t>(assumed)), v));
      old = atomicCAS(w, assumed, bits_of<unsigned long long>(next));
    } while (old != assumed);
  } else if constexpr (sizeof(cupp_a_t) == 4) {
    auto* w = reinterpret_cast<unsigned int*>(p);
    unsigned int old = *w, assumed;
    do {
      assumed = old;
      const cupp_a_t next = cupp::ufn::cast<cupp_a_t>(
          CUPP_OP(cupp::ufn::cast<cupp_l_t>(value_of<cupp_a_t>(assumed)), v));
      old = atomicCAS(w, assumed, bits_of<unsigned int>(next));
    } while (old != assumed);
  } else {
    // 1 or 2 bytes: the aligned 32-bit word holding them (little-endian lanes).
    const unsigned long long address = reinterpret_cast<unsigned long long>(p);
    auto* w = reinterpret_cast<unsigned int*>(address & ~3ull);
    const unsigned shift = static_cast<unsigned>(address & 3ull) * 8u;
    const unsigned mask = (sizeof(cupp_a_t) == 1 ? 0xffu : 0xffffu) << shift;
    unsigned int old = *w, assumed;
    do {
      assumed = old;
      const cupp_a_t cur = value_of<cupp_a_t>((assumed & mask) >> shift);
      const cupp_a_t next =
          cupp::ufn::cast<cupp_a_t>(CUPP_OP(cupp::ufn::cast<cupp_l_t>(cur), v));
      old = atomicCAS(w, assumed, (assumed & ~mask) | ((bits_of<unsigned int>(next) << shift) & mask));
    } while (old != assumed);
  }
}

}  // namespace cupp_methods

/// The first position i < n whose index is outside [-size, size), into *first (which starts at
/// n); at's check before any update, as NumPy checks before it writes.
extern "C" __global__ void CUPP_AT_CHECK_NAME(const long long* __restrict__ idx, long long n,
                                              long long size, unsigned long long* first) {
  for (long long i : cupp::grid_stride(n)) {
    const long long k = idx[i];
    if (k < -size || k >= size) atomicMin(first, static_cast<unsigned long long>(i));
  }
}

/// a[idx[i]] = op(a[idx[i]], v[i * v_step]) for every i < n, unbuffered (Note [Unbuffered at]);
/// `a` is 1-D with stride `a_stride` (elements), the indices already checked.
extern "C" __global__ void CUPP_AT_NAME(cupp_a_t* a, long long size, long long a_stride,
                                        const long long* __restrict__ idx,
                                        const cupp_v_t* __restrict__ v, long long v_step,
                                        long long n) {
  for (long long i : cupp::grid_stride(n)) {
    long long k = idx[i];
    if (k < 0) k += size;
    cupp_a_t* p = a + k * a_stride;
    const cupp_l_t x = cupp::ufn::cast<cupp_l_t>(v[i * v_step]);
#if CUPP_AT_ATOMIC
    CUPP_ATOMIC(p, x);
#else
    cupp_methods::cas_update(p, x);
#endif
  }
}

/// NumPy's reduceat over a C-contiguous (outer, len, inner) array into (outer, nseg, inner): for
/// segment s, op over rows [idx[s], idx[s + 1]) (to len for the last), or row idx[s] alone when
/// idx[s] >= idx[s + 1]. One block of 256 threads per (outer, segment), striding over them; with
/// inner == 1 the block's threads share the rows and combine through shared memory, else each
/// thread takes columns.
extern "C" __global__ void CUPP_REDUCEAT_NAME(const cupp_a_t* __restrict__ a,
                                              cupp_v_t* __restrict__ out,
                                              const long long* __restrict__ idx, long long outer,
                                              long long nseg, long long len, long long inner) {
  // Raw storage: a complex loop type has constructors, which __shared__ arrays may not run.
  __shared__ double2 storage[(256 * sizeof(cupp_l_t) + 15) / 16];  // 16-byte aligned
  __shared__ bool has[256];
  cupp_l_t* partial = reinterpret_cast<cupp_l_t*>(storage);
  for (long long block = blockIdx.x; block < outer * nseg; block += gridDim.x) {
    const long long s = block % nseg, o = block / nseg;
    const long long begin = idx[s];
    long long end = s + 1 < nseg ? idx[s + 1] : len;
    if (end <= begin) end = begin + 1;
    const cupp_a_t* base = a + o * len * inner;
    cupp_v_t* dst = out + (o * nseg + s) * inner;
    if (inner == 1) {
      cupp_l_t acc{};
      bool any = false;
      for (long long r = begin + threadIdx.x; r < end; r += blockDim.x) {
        const cupp_l_t x = cupp::ufn::cast<cupp_l_t>(base[r]);
        acc = any ? CUPP_OP(acc, x) : x;
        any = true;
      }
      partial[threadIdx.x] = acc;
      has[threadIdx.x] = any;
      __syncthreads();
      for (unsigned half = blockDim.x / 2; half > 0; half /= 2) {
        if (threadIdx.x < half && has[threadIdx.x + half]) {
          partial[threadIdx.x] = has[threadIdx.x]
                                     ? CUPP_OP(partial[threadIdx.x], partial[threadIdx.x + half])
                                     : partial[threadIdx.x + half];
          has[threadIdx.x] = true;
        }
        __syncthreads();
      }
      if (threadIdx.x == 0) dst[0] = cupp::ufn::cast<cupp_v_t>(partial[0]);
      __syncthreads();
    } else {
      for (long long c = threadIdx.x; c < inner; c += blockDim.x) {
        cupp_l_t acc = cupp::ufn::cast<cupp_l_t>(base[begin * inner + c]);
        for (long long r = begin + 1; r < end; ++r)
          acc = CUPP_OP(acc, cupp::ufn::cast<cupp_l_t>(base[r * inner + c]));
        dst[c] = cupp::ufn::cast<cupp_v_t>(acc);
      }
    }
  }
}
