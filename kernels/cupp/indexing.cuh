// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Thread indexing for kernels: the global thread index and grid-stride loops over [0, n).
#pragma once

namespace cupp {

/// The calling thread's index in a 1-D launch (64-bit: grid * block can exceed 2^31).
__device__ __forceinline__ long long global_thread_id() {
  return static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x;
}

/// The number of threads in a 1-D launch.
__device__ __forceinline__ long long global_thread_count() {
  return static_cast<long long>(gridDim.x) * blockDim.x;
}

/// The indices i in [0, n) of the calling thread in a grid-stride loop, for a range-for:
/// `for (long long i : cupp::grid_stride(n)) y[i] = x[i];` covers [0, n) with any grid size.
class grid_stride_range {
 public:
  class iterator {
   public:
    __device__ iterator(long long i, long long step) : i_(i), step_(step) {}
    __device__ long long operator*() const { return i_; }
    __device__ iterator& operator++() {
      i_ += step_;
      return *this;
    }
    // Compares against the end only: the loop ends as soon as i passes n.
    __device__ bool operator!=(const iterator& end) const { return i_ < end.i_; }

   private:
    long long i_, step_;
  };

  __device__ grid_stride_range(long long begin, long long end, long long step)
      : begin_(begin), end_(end), step_(step) {}
  __device__ iterator begin() const { return iterator(begin_, step_); }
  __device__ iterator end() const { return iterator(end_, step_); }

 private:
  long long begin_, end_, step_;
};

/// A grid-stride loop over [0, n) in a 1-D launch.
__device__ __forceinline__ grid_stride_range grid_stride(long long n) {
  return grid_stride_range(global_thread_id(), n, global_thread_count());
}

/// A grid-stride loop over [0, n) in a 2-D block whose x threads share an item (a row, say) and
/// whose y threads take one each: item blockIdx.x * blockDim.y + threadIdx.y, then every
/// gridDim.x * blockDim.y further.
__device__ __forceinline__ grid_stride_range grid_stride_rows(long long n) {
  return grid_stride_range(static_cast<long long>(blockIdx.x) * blockDim.y + threadIdx.y, n,
                           static_cast<long long>(gridDim.x) * blockDim.y);
}

}  // namespace cupp
