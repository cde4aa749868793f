// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The nvcc-built half of searchsorted, unique and the set routines (kernels/sets.cu): binary
// searches, run marks, unique's two passes and compactions over contiguous arrays, type-erased by
// dtype (the steps that compare elements) or by element size (those that only move them), called
// from src/sets/sets.cpp. Host declarations only, so that the C++ side never sees device code.
#pragma once

#include <cuda_runtime_api.h>

#include <cstddef>
#include <cstdint>

#include "cupp/core/dtype.hpp"

namespace cupp::detail::sets {

/// What one binary search writes for its needle x, found in the haystack by NumPy's order
/// (Note [Set keys] in kernels/sets.cu):
///   left, right: the int64 insertion point (numpy.searchsorted's sides);
///   member, not_member: bool, whether some haystack element == x (NumPy's ==: NaN equals
///     nothing, -0.0 equals 0.0), or its negation;
///   first_index: int64 result_map[left insertion point], for needles known to be present.
enum class search_mode : std::uint8_t { left, right, member, not_member, first_index };

struct search_args {
  dtype dt = dtype::float64;
  const void* haystack = nullptr;  // n elements, `stride` elements apart, sorted (through sorter)
  std::int64_t stride = 1;
  std::int64_t n = 0;
  const std::int64_t* sorter = nullptr;  // optional: haystack element k is haystack[sorter[k]]
  std::int64_t sorter_stride = 1;
  const std::int64_t* result_map = nullptr;  // first_index only
  const void* needles = nullptr;             // count contiguous elements
  std::int64_t count = 0;
  search_mode mode = search_mode::left;
  void* out = nullptr;        // count contiguous int64 or bool
  int* bad_sorter = nullptr;  // with a sorter: set to 1 when a probed entry is out of range
};

/// One binary search per needle.
void search(const search_args& args, cudaStream_t stream);

/// What mark() keeps of element i of a sorted array s; the conditions combine with "and".
enum mark_bits : unsigned {
  /// Only the first element of each run of equal elements: i == 0 or s[i - 1] != s[i], every
  /// NaN equal to every other (unique's equality with NumPy 2's equal_nan=True; for complex,
  /// every number holding a NaN).
  kFirstOfRun = 1u,
  /// Only elements == some element of `other` (sorted; NaN equals nothing).
  kInOther = 2u,
  /// Only elements == no element of `other`.
  kNotInOther = 4u,
  /// Only elements whose flag is already set (a mark made before, maybe in another dtype).
  kAndFlags = 8u,
};

/// flags[i] = 1 where element i of the sorted array `s` (n contiguous elements of dtype dt) is
/// kept by `what`, else 0.
void mark(dtype dt, const void* s, std::int64_t n, unsigned what, const void* other,
          std::int64_t n_other, std::int64_t* flags, cudaStream_t stream);

/// Given `scan`, the inclusive sum of 0/1 flags over n elements, out[scan[i] - 1] = src[i] for
/// each flagged i with scan[i] <= capacity (elements of `itemsize` bytes: 1, 2, 4, 8 or 16).
void compact(std::size_t itemsize, const void* src, const std::int64_t* scan, std::int64_t n,
             std::int64_t capacity, void* out, cudaStream_t stream);

/// out[i] = src[index[i]] for i < n.
void gather(std::size_t itemsize, const void* src, const std::int64_t* index, std::int64_t n,
            void* out, cudaStream_t stream);

/// out[k] = *fill for *count <= k < capacity (*count read on the device; null means 0).
void fill_tail(std::size_t itemsize, void* out, std::int64_t capacity, const std::int64_t* count,
               const void* fill, cudaStream_t stream);

/// unique works on its sorted input in tiles of kRunTile elements, in two passes (Note [unique
/// in two passes] in kernels/sets.cu).
inline constexpr std::int64_t kRunTile = 2048;

/// The first pass: tile_counts[t] = how many runs of equal elements (unique's equality, NaNs
/// equal with equal_nan) start in tile t of the sorted s (n > 0 elements).
void count_runs(dtype dt, const void* s, std::int64_t n, bool equal_nan, std::int64_t* tile_counts,
                cudaStream_t stream);

/// What the second pass writes for run k (the runs numbered in order), each output optional.
struct run_outputs {
  void* values = nullptr;              // [capacity]: the run's first element
  std::int64_t* indices = nullptr;     // [capacity]: perm at the run's first element
  std::int64_t* inverse = nullptr;     // [n]: inverse[perm[i]] = the run of element i
  std::int64_t* starts = nullptr;      // [capacity + 1]: the position of the run's first element
  const std::int64_t* perm = nullptr;  // the stable argsort that sorted s (for indices, inverse)
};

/// The second pass, given tile_scan, the inclusive sum of the first pass's counts: writes the
/// outputs of the runs k < capacity (starts: k <= capacity), and inverse for every element.
void write_runs(dtype dt, const void* s, std::int64_t n, bool equal_nan,
                const std::int64_t* tile_scan, std::int64_t capacity, const run_outputs& out,
                cudaStream_t stream);

/// counts[k] = starts[k + 1] - starts[k] (the last run ending at n) for k < min(*count,
/// capacity), *count being the number of runs, read on the device.
void run_lengths(const std::int64_t* starts, const std::int64_t* count, std::int64_t n,
                 std::int64_t capacity, std::int64_t* counts, cudaStream_t stream);

/// setxor1d's merge: sa (na elements) and sb (nb elements) are sorted, `scan` the inclusive sum
/// of the flags of [sa, sb] (na + nb entries) marking the elements kept; writes the kept elements
/// of both into `out` in sorted order, those of sa first among equal keys.
void merge_kept(dtype dt, const void* sa, std::int64_t na, const void* sb, std::int64_t nb,
                const std::int64_t* scan, void* out, cudaStream_t stream);

}  // namespace cupp::detail::sets
