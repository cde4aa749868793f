// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernels of cupp::scipy::ndimage::label (src/scipy/ndimage/label.cpp): connected components
// by a parallel union-find. The image is a C-contiguous array of bytes, 0 or 1.
#pragma once

#include <cupp/indexing.cuh>
#include <cupp/ndimage_binary.cuh>

/// Pixels a block of the counting and numbering passes takes (256 threads, 4 each).
#define CUPP_NDI_LABEL_CHUNK 1024

// Note [Label kernels]: the labels array L (int32) holds the forest: L[i] = 0 for background,
// else parent(i) + 1, every parent at a smaller flat index than its child, so a root is the
// first pixel of its component in C order (as SciPy numbers its features).
//   init      L[i] = i + 1 where the image is true, 0 elsewhere.
//   merge     each foreground pixel joins every foreground neighbour that comes before it in C
//             order (the structure is symmetric: the neighbours after it join it in turn):
//             the two roots are found and the larger is hung under the smaller with atomicMin,
//             retried while another thread moved it first (Playne and Hawick's union; a root
//             only ever moves to a smaller index, so the walks end). The walks halve their
//             paths, so long thin regions (a spiral) do not grow deep trees.
//   compress  L[i] = root(i) + 1 (a walk that only reads), and each block counts the roots of
//             its chunk.
//   scan      one block turns the chunks' counts into their first numbers (exclusive) and the
//             total (the number of features).
//   number    each root gets -(its number): the chunk's first number plus the roots before it
//             in the chunk, so the features are numbered 1..n in C order of their first pixel.
//   finish    L[i] = |L[root]|: a non-root reads its root's number, negative or already made
//             positive by the root's own thread, which makes it positive.
extern "C" __global__ void cupp_ndi_label_init(const unsigned char* __restrict__ image,
                                               int* __restrict__ L, long long n) {
  for (long long i : cupp::grid_stride(n)) L[i] = image[i] != 0 ? static_cast<int>(i + 1) : 0;
}

/// The root of i's tree, halving the path on the way (each pixel passed now points to its
/// grandparent). A plain store is enough: it only ever replaces a parent by an ancestor, and a
/// pixel that is not a root never becomes one, so every tree keeps its members; a union whose
/// atomicMin it overwrites saw a non-root there and retries (Note [Label kernels]). The loads
/// are volatile: other blocks move the parents, and a stale copy in this SM's L1 would not be
/// an ancestor.
__device__ __forceinline__ int cupp_ndi_label_root(int* L, int i) {
  volatile int* V = L;
  for (;;) {
    const int p = V[i] - 1;
    if (p == i) return i;
    const int g = V[p] - 1;
    if (g == p) return p;
    V[i] = g + 1;
    i = g;
  }
}

__device__ __forceinline__ void cupp_ndi_label_unite(int* L, int a, int b) {
  for (;;) {
    a = cupp_ndi_label_root(L, a);
    b = cupp_ndi_label_root(L, b);
    if (a == b) return;
    if (a > b) {
      const int t = a;
      a = b;
      b = t;
    }
    const int old = atomicMin(&L[b], a + 1) - 1;
    if (old == b) return;  // b was a root: now under a
    b = old;               // b had moved: join from where it went
  }
}

template <int ND>
__device__ __forceinline__ void cupp_ndi_label_merge_body(const unsigned char* __restrict__ image,
                                                          int* L, const cupp_ndi_binary_geom& g,
                                                          const long long* __restrict__ rec) {
  const long long x = static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (x >= g.cols) return;
  const int nd = ND > 0 ? ND : g.ndim;
  const int width = nd + 1;
  long long c[ND > 0 ? ND : CUPP_NDI_BINARY_K];
  for (long long r = static_cast<long long>(blockIdx.y) * blockDim.y + threadIdx.y; r < g.rows;
       r += static_cast<long long>(gridDim.y) * blockDim.y) {
    const long long i = r * g.cols + x;
    if (image[i] == 0) continue;
    const bool interior = cupp_ndi_coords<ND>(g, r, x, c);
    for (int k = 0; k < g.count; ++k) {
      const long long* e = rec + static_cast<long long>(k) * width;
      if (!interior && !cupp_ndi_inside<ND>(g, c, e)) continue;
      const long long j = i + e[0];
      if (image[j] != 0) cupp_ndi_label_unite(L, static_cast<int>(i), static_cast<int>(j));
    }
  }
}

#define CUPP_NDI_LABEL_MERGE(name, nd)                                                    \
  extern "C" __global__ void name(const unsigned char* __restrict__ image, int* L,        \
                                  cupp_ndi_binary_geom g, const long long* __restrict__ rec) { \
    cupp_ndi_label_merge_body<nd>(image, L, g, rec);                                      \
  }
CUPP_NDI_LABEL_MERGE(cupp_ndi_label_merge_1d, 1)
CUPP_NDI_LABEL_MERGE(cupp_ndi_label_merge_2d, 2)
CUPP_NDI_LABEL_MERGE(cupp_ndi_label_merge_3d, 3)
CUPP_NDI_LABEL_MERGE(cupp_ndi_label_merge_nd, 0)
#undef CUPP_NDI_LABEL_MERGE

/// The number of true `flag`s of the block's threads before the calling thread's (exclusive)
/// and, in `total`, of the whole block (256 threads; `warp_sums` holds 8 ints).
__device__ __forceinline__ int cupp_ndi_label_block_rank(bool flag, int* warp_sums, int& total) {
  const unsigned lane = threadIdx.x & 31u, warp = threadIdx.x >> 5;
  const unsigned votes = __ballot_sync(0xffffffffu, flag);
  const int before_in_warp = __popc(votes & ((1u << lane) - 1u));
  if (lane == 0) warp_sums[warp] = __popc(votes);
  __syncthreads();
  int before = 0;
  total = 0;
  for (unsigned w = 0; w < 8; ++w) {
    if (w < warp) before += warp_sums[w];
    total += warp_sums[w];
  }
  __syncthreads();
  return before + before_in_warp;
}

/// Points every pixel straight at its root and writes the chunk's count of roots to
/// counts[block]. The walk only reads: each thread writes its own pixel alone, so a pixel's
/// final parent is its root. (Halving here would race: another walk that read the pixel's old
/// parent could store an intermediate ancestor over the root this thread wrote, and the finish
/// pass would then read a parent index where it expects a feature's number.)
extern "C" __global__ void __launch_bounds__(256)
    cupp_ndi_label_compress(int* L, long long n, int* __restrict__ counts) {
  __shared__ int warp_sums[8];
  const long long base = static_cast<long long>(blockIdx.x) * CUPP_NDI_LABEL_CHUNK;
  int roots = 0;
  for (int j = 0; j < CUPP_NDI_LABEL_CHUNK / 256; ++j) {
    const long long i = base + j * 256 + threadIdx.x;
    bool root = false;
    if (i < n && L[i] != 0) {
      // Other threads replace parents by the root meanwhile: either value is an ancestor.
      volatile const int* V = L;
      int r = static_cast<int>(i);
      for (int p = V[r] - 1; p != r; p = V[r] - 1) r = p;
      root = r == i;
      if (!root) L[i] = r + 1;
    }
    int total;
    cupp_ndi_label_block_rank(root, warp_sums, total);
    roots += total;
  }
  if (threadIdx.x == 0) counts[blockIdx.x] = roots;
}

/// counts[0..m) becomes its exclusive prefix sum, counts[m] the total (one block of 1024).
extern "C" __global__ void __launch_bounds__(1024)
    cupp_ndi_label_scan(int* counts, long long m) {
  __shared__ int sums[1024];
  long long carry = 0;
  for (long long start = 0; start < m; start += 1024) {
    const long long i = start + threadIdx.x;
    const int v = i < m ? counts[i] : 0;
    sums[threadIdx.x] = v;
    __syncthreads();
    for (int step = 1; step < 1024; step <<= 1) {  // Hillis-Steele inclusive scan
      const int add = threadIdx.x >= step ? sums[threadIdx.x - step] : 0;
      __syncthreads();
      sums[threadIdx.x] += add;
      __syncthreads();
    }
    if (i < m) counts[i] = static_cast<int>(carry + sums[threadIdx.x] - v);
    carry += sums[1023];
    __syncthreads();
  }
  if (threadIdx.x == 0) counts[m] = static_cast<int>(carry);
}

/// Each root of the chunk gets -(its number).
extern "C" __global__ void __launch_bounds__(256)
    cupp_ndi_label_number(int* L, long long n, const int* __restrict__ first) {
  __shared__ int warp_sums[8];
  const long long base = static_cast<long long>(blockIdx.x) * CUPP_NDI_LABEL_CHUNK;
  int next = first[blockIdx.x] + 1;
  for (int j = 0; j < CUPP_NDI_LABEL_CHUNK / 256; ++j) {
    const long long i = base + j * 256 + threadIdx.x;
    const bool root = i < n && L[i] == i + 1;
    int total;
    const int rank = cupp_ndi_label_block_rank(root, warp_sums, total);
    if (root) L[i] = -(next + rank);
    next += total;
  }
}

extern "C" __global__ void cupp_ndi_label_finish(int* L, long long n) {
  for (long long i : cupp::grid_stride(n)) {
    const int v = L[i];
    if (v > 0) {
      const int root = L[v - 1];
      L[i] = root < 0 ? -root : root;
    } else if (v < 0) {
      L[i] = -v;
    }
  }
}
