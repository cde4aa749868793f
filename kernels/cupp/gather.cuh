// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The indexed copy behind advanced indexing, take, put and their relatives: one kernel that
// gathers from, or scatters into, an array addressed partly by coordinates and partly by index
// arrays (Note [Indexed copy] in src/manip/indexing.cpp).
#pragma once

#include <cupp/gather_params.cuh>
#include <cupp/indexing.cuh>

namespace cupp {
namespace fancy {

/// The index `v` of array k made an offset into the indexed array, per the mode; false (after
/// reporting it) when it is out of range under raise.
__device__ __forceinline__ bool resolve(const params& p, int k, long long v, long long& off) {
  const long long extent = p.extent[k];
  if (p.mode == wrap) {
    v %= extent;
    if (v < 0) v += extent;
  } else if (p.mode == clip) {
    v = v < 0 ? 0 : (v >= extent ? extent - 1 : v);
  } else {
    const long long r = v < 0 ? v + extent : v;
    if (r < 0 || r >= extent) {
      if (atomicCAS(&p.error->flag, 0, 1) == 0) {
        p.error->which = k;
        p.error->value = v;
      }
      return false;
    }
    v = r;
  }
  off = v * p.axis_stride[k];
  return true;
}

/// The coordinates of element i, last dimension fastest. D > 0 fixes the dimension count at
/// compile time (the coordinates then live in registers); D == 0 reads it from p.
template <int D, class I>
__device__ __forceinline__ void unravel(const params& p, I i, long long* c) {
  const int nd = D > 0 ? D : p.ndim;
#pragma unroll
  for (int d = (D > 0 ? D : kMaxDims) - 1; d >= 0; --d) {
    if (D == 0 && d >= nd) continue;
    const I extent = static_cast<I>(p.shape[d]);
    if (d == 0) {
      c[d] = static_cast<long long>(i);
    } else {
      const I q = i / extent;
      c[d] = static_cast<long long>(i - q * extent);
      i = q;
    }
  }
}

/// Element i: the offsets into a and b; false when an index was out of range.
template <int D>
__device__ __forceinline__ bool offsets(const params& p, long long i, long long& a_off,
                                        long long& b_off) {
  long long c[D > 0 ? D : kMaxDims];
  if (p.n <= 0x7fffffffLL) {
    unravel<D, unsigned int>(p, static_cast<unsigned int>(i), c);
  } else {
    unravel<D, unsigned long long>(p, static_cast<unsigned long long>(i), c);
  }
  const int nd = D > 0 ? D : p.ndim;
  a_off = 0;
  b_off = 0;
#pragma unroll
  for (int d = 0; d < (D > 0 ? D : kMaxDims); ++d) {
    if (D == 0 && d >= nd) break;
    a_off += c[d] * p.a_stride[d];
    b_off += c[d] * p.b_stride[d];
  }
  bool ok = true;
  for (int k = 0; k < p.nidx; ++k) {
    long long at = 0;
#pragma unroll
    for (int d = 0; d < (D > 0 ? D : kMaxDims); ++d) {
      if (D == 0 && d >= nd) break;
      at += c[d] * p.index_stride[k][d];
    }
    long long off = 0;
    ok = resolve(p, k, p.index[k][at], off) && ok;
    a_off += off;
  }
  return ok;
}

/// The one-dimensional copy through one index array (take, a[idx], a[idx] = v): each thread
/// reads kUnroll indices, then makes its kUnroll independent reads, then writes, so that several
/// random reads are in flight per thread (the copy is bound by their latency, not by bandwidth).
/// The streams (indices, the result of a gather, the values of a scatter) are read and written
/// with the evict-first hint, so that the cache keeps more of the randomly addressed array.
constexpr int kUnroll = 4;

template <class W, bool Scatter>
__device__ void indexed_copy_1d(W* a, W* b, const params& p) {
  const long long n = p.n, step = global_thread_count();
  const long long* index = p.index[0];
  const long long index_stride = p.index_stride[0][0], a_stride = p.a_stride[0],
                  b_stride = p.b_stride[0];
  for (long long base = global_thread_id(); base < n; base += kUnroll * step) {
    long long a_off[kUnroll];
    bool ok[kUnroll];
#pragma unroll
    for (int u = 0; u < kUnroll; ++u) {
      const long long i = base + u * step;
      ok[u] = i < n;
      long long off = 0;
      if (ok[u]) ok[u] = resolve(p, 0, __ldcs(index + i * index_stride), off);
      a_off[u] = off + i * a_stride;
    }
    W v[kUnroll];
#pragma unroll
    for (int u = 0; u < kUnroll; ++u) {
      if (ok[u]) v[u] = Scatter ? __ldcs(b + (base + u * step) * b_stride) : a[a_off[u]];
    }
#pragma unroll
    for (int u = 0; u < kUnroll; ++u) {
      if (!ok[u]) continue;
      if (Scatter) {
        a[a_off[u]] = v[u];
      } else {
        __stcs(b + (base + u * step) * b_stride, v[u]);
      }
    }
  }
}

/// out[b] = a[a] for every element (Scatter false), or a[a] = values[b] (Scatter true).
template <class W, int D, bool Scatter>
__device__ void indexed_copy(W* a, W* b, const params& p) {
  if (D == 1 && p.nidx == 1) {
    indexed_copy_1d<W, Scatter>(a, b, p);
    return;
  }
  for (long long i : grid_stride(p.n)) {
    long long a_off, b_off;
    if (!offsets<D>(p, i, a_off, b_off)) continue;
    if (Scatter) {
      a[a_off] = b[b_off];
    } else {
      b[b_off] = a[a_off];
    }
  }
}

}  // namespace fancy
}  // namespace cupp

/// The kernels, one per word type, dimension count and direction, named for name expressions.
template <class W, int D, bool Scatter>
__global__ void cupp_indexed_copy(W* a, W* b, const cupp::fancy::params p) {
  cupp::fancy::indexed_copy<W, D, Scatter>(a, b, p);
}
