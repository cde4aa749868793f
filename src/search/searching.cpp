// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The layout half of the searching routines: argument checks in NumPy's words, the shapes of the
// results, and the order of the device steps; the CUB half is in kernels/select.cu and
// kernels/sort.cu.
#include "cupp/routines/searching.hpp"

#include <cuda_runtime_api.h>

#include <string>

#include "../../kernels/device_select.hpp"
#include "../../kernels/device_sort.hpp"
#include "cupp/cuda/memory.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/routines/sorting.hpp"

namespace cupp::detail {
namespace {

// Note [Reading the searched array]: indices come out in C order, so the selection walks the
// flat C-order positions 0..n-1 of the array and reads the element at each. Any array that
// reshapes to 1-D without a copy (every C-contiguous array, a reversed or strided slice of one,
// a 0-d array) is read where it lies, at its stride. Other layouts (a transpose, a broadcast)
// and expressions are first evaluated to a C-contiguous bool array of `x != 0` by one generated
// kernel: a byte per element, less than a copy of the elements would write.

/// The stride, in elements, of the 1-D view of `a`; nullopt when there is none.
std::optional<std::int64_t> flat_stride(const array_desc& a) {
  const auto s = reshape_strides(a.shape, a.strides, {a.size()});
  if (!s) return std::nullopt;
  return (*s)[0];
}

std::string tuple_str(const std::vector<std::int64_t>& v) {
  std::string s = "(";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + (v.size() == 1 ? ",)" : ")");
}

/// The count of nonzero elements, read back (one synchronisation).
std::int64_t read_count(const array_desc& count) {
  std::int64_t n = 0;
  to_host(count, &n);
  return n;
}

}  // namespace

bool has_flat_view(const array_desc& a) { return flat_stride(a).has_value(); }

void throw_nonzero_0d(bool is_bool) {
  std::string msg =
      "Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.";
  if (is_bool)
    msg += " If the context of this error is of the form `arr[nonzero(cond)]`, just use "
           "`arr[cond]`.";
  throw value_error(msg);
}

std::vector<array_desc> rows_of(const array_desc& a) {
  CUPP_ASSERT(a.ndim() == 2);
  std::vector<array_desc> rows;
  for (std::int64_t d = 0; d < a.shape[0]; ++d) rows.push_back(index_view(a, {d}));
  return rows;
}

array_desc nonzero_indices(const array_desc& a, index_layout layout,
                           std::optional<std::int64_t> size, const std::vector<std::int64_t>& fill) {
  CUPP_EXPECTS(!size || *size >= 0, value_error, "negative dimensions are not allowed");
  // The dimensions whose indices are written: flatnonzero's one (of the flattened array), or a's.
  const std::int64_t ndim = layout == index_layout::flat ? 1 : a.ndim();
  CUPP_EXPECTS(fill.size() == 1 || static_cast<std::int64_t>(fill.size()) == ndim, value_error,
               "fill_value must be a scalar or a tuple of length " + std::to_string(ndim) +
                   "; got " + tuple_str(fill));
  CUPP_EXPECTS(ndim <= searching::kMaxDims, not_implemented_error,
               "nonzero supports arrays of at most 64 dimensions, as NumPy");
  const std::int64_t n = a.size();
  const auto stride = flat_stride(a);
  CUPP_ASSERT(stride.has_value());
  const auto stride_bytes = *stride * static_cast<std::int64_t>(a.itemsize());
  const cudaStream_t stream = cuda::get_current_stream();

  // The number of nonzero elements, on the device; a first pass learns it when no size is given.
  const array_desc count = make_array({}, dtype::int64);
  auto* count_ptr = reinterpret_cast<std::int64_t*>(count.ptr);
  std::int64_t rows = size ? *size : 0;
  if (!size && n > 0) {
    searching::select_nonzero(a.dt, a.ptr, n, stride_bytes, nullptr, 0, 0, count_ptr, stream);
    rows = read_count(count);
  }

  shape_t shape{rows};
  if (layout == index_layout::per_dimension) shape = {ndim, rows};
  if (layout == index_layout::per_element) shape = {rows, ndim};
  const array_desc out = make_array(shape, dtype::int64);
  if (out.size() == 0) return out;

  // Note [Index layouts]: the selection writes the j-th flat position where the first index of
  // result j goes (row 0 of nonzero's (ndim, N) array, column 0 of argwhere's (N, ndim) one), and
  // unravel() replaces it in place by all its indices, each thread reading its own position
  // before it writes; with a size it also writes the padding.
  auto* indices = reinterpret_cast<std::int64_t*>(out.ptr);
  const std::int64_t row_stride = layout == index_layout::per_element ? ndim : 1;
  const std::int64_t dim_stride = layout == index_layout::per_element ? 1 : rows;
  if (n > 0)
    searching::select_nonzero(a.dt, a.ptr, n, stride_bytes, indices, row_stride, rows, count_ptr,
                              stream);
  if (size || ndim > 1) {
    searching::unravel_shape s;
    s.ndim = static_cast<int>(ndim);
    for (std::int64_t d = 0; d < ndim; ++d) {
      s.extent[d] = layout == index_layout::flat ? n : a.shape[static_cast<std::size_t>(d)];
      s.fill[d] = fill[fill.size() == 1 ? 0 : static_cast<std::size_t>(d)];
    }
    searching::unravel(indices, rows, row_stride, dim_stride, n > 0 ? count_ptr : nullptr, s,
                       stream);
  }
  return out;
}

// ---- lexsort ------------------------------------------------------------------------------------

// Note [Lexsort passes]: lexsort is one stable argsort per key, least significant key (the first)
// first. After the passes over keys 0..k-1, perm lists each row's positions in the order those
// keys give; the next key, gathered in that order, is argsorted stably into p, and perm[p] is the
// order by key k with ties left in the order of the keys before. Every pass works on C-contiguous
// rows along the last axis, the axis moved back once at the end.

std::vector<array_desc> keys_of(const array_desc& a) {
  CUPP_EXPECTS(a.ndim() > 0 && a.shape[0] > 0, type_error,
               "need sequence of keys with len > 0 in lexsort");
  std::vector<array_desc> keys;
  for (std::int64_t i = 0; i < a.shape[0]; ++i) keys.push_back(index_view(a, {i}));
  return keys;
}

array_desc lexsort_keys(const std::vector<array_desc>& keys, std::int64_t axis) {
  CUPP_EXPECTS(!keys.empty(), type_error, "need sequence of keys with len > 0 in lexsort");
  for (const array_desc& k : keys)
    CUPP_EXPECTS(k.shape == keys[0].shape, value_error, "all keys need to be the same shape");
  const std::int64_t nd = keys[0].ndim();
  // NumPy lets axis 0 and -1 through for 0-d keys.
  const std::int64_t ax = nd == 0 && (axis == 0 || axis == -1) ? 0 : normalize_axis(axis, nd);
  const std::int64_t n = keys[0].size();
  const cudaStream_t stream = cuda::get_current_stream();
  if (nd == 0 || n <= 1) {
    const array_desc out = make_array(keys[0].shape, dtype::int64);
    if (n > 0) CUPP_CHECK_CUDA(cudaMemsetAsync(out.ptr, 0, sizeof(std::int64_t), stream));
    return out;
  }

  const std::int64_t length = keys[0].shape[static_cast<std::size_t>(ax)];
  const std::int64_t rows = n / length;
  array_desc first = rows_along(keys[0], ax);
  array_desc perm = make_array(first.shape, dtype::int64);
  sorting::sort_rows(first.dt, first.ptr, perm.ptr, rows, length, true, stream);
  for (std::size_t k = 1; k < keys.size(); ++k) {
    const array_desc key = rows_along(keys[k], ax);
    const array_desc gathered = make_array(key.shape, key.dt);
    const array_desc p = make_array(key.shape, dtype::int64);
    const array_desc next = make_array(key.shape, dtype::int64);
    const auto* order = reinterpret_cast<const std::int64_t*>(perm.ptr);
    searching::gather_rows(key.dt, key.ptr, order, gathered.ptr, rows, length, stream);
    sorting::sort_rows(key.dt, gathered.ptr, p.ptr, rows, length, true, stream);
    searching::gather_rows(dtype::int64, perm.ptr, reinterpret_cast<const std::int64_t*>(p.ptr),
                           next.ptr, rows, length, stream);
    perm = next;
  }
  return move_axis_back(perm, ax);
}

// ---- partition ------------------------------------------------------------------------------------

array_desc partition_array(const array_desc& a, const std::vector<std::int64_t>& kth,
                           std::optional<std::int64_t> axis, bool indices) {
  // NumPy checks the axis first (partition of a 0-d array has none; argpartition, as argsort,
  // sees a 0-d array as 1-D), then every kth against the length of that axis.
  std::int64_t length = a.size();
  if (axis) {
    if (a.ndim() == 0 && indices) {
      normalize_axis(*axis, 1);  // throws axis_error
      length = 1;
    } else {
      length = a.shape[static_cast<std::size_t>(normalize_axis(*axis, a.ndim()))];
    }
  }
  for (std::int64_t k : kth) {
    const std::int64_t at = k < 0 ? k + length : k;
    CUPP_EXPECTS(a.size() == 0 || (at >= 0 && at < length), value_error,
                 "kth(=" + std::to_string(at) + ") out of bounds (" + std::to_string(length) +
                     ")");
  }
  // Note [Partition by sorting]: a stable sort puts every element where NumPy's guarantee wants
  // it for all kth at once; a selection would save work only for a single, small kth.
  return sort_array(a, axis, indices);
}

}  // namespace cupp::detail
