// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The launch parameters of the indexed copy (kernels/cupp/gather.cuh). Plain data, no device code,
// so that the host side (src/manip/indexing.cpp) fills the very same struct.
#pragma once

namespace cupp {
namespace fancy {

/// The most iteration dimensions (after merging) and index arrays of one launch.
constexpr int kMaxDims = 24;
constexpr int kMaxIndices = 16;

/// What an index out of range leaves for the host: the first one seen (any thread may win).
struct error_report {
  int flag;
  int which;  ///< the index array that held it
  long long value;
};

/// raise: an index outside [-extent, extent) is reported; wrap: taken modulo the extent;
/// clip: clamped to [0, extent - 1] (negative indices clip to 0, as NumPy's mode='clip').
enum mode_t { raise = 0, wrap = 1, clip = 2 };

/// One launch. Strides are in elements of the copied word type.
struct params {
  long long n;  ///< elements of the iteration space
  int ndim;
  int nidx;
  int mode;
  long long shape[kMaxDims];
  long long a_stride[kMaxDims];  ///< the indexed array, per iteration dimension
  long long b_stride[kMaxDims];  ///< the other side: the result (gather) or the values (scatter)
  const long long* index[kMaxIndices];
  long long index_stride[kMaxIndices][kMaxDims];
  long long extent[kMaxIndices];       ///< the length of the axis each index array addresses
  long long axis_stride[kMaxIndices];  ///< that axis's stride in the indexed array
  error_report* error;                 ///< null unless mode is raise
};

}  // namespace fancy
}  // namespace cupp
