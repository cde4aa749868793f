// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The type-erased description behind every ndarray<T>, and the dtype-independent operations on it
// (views, copies, transfers), compiled once in src/core/array_desc.cpp so that the templates in
// ndarray.hpp stay thin.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "cupp/core/dtype.hpp"
#include "cupp/core/shape.hpp"

namespace cupp {

/// NumPy's `np.newaxis` in basic indexing: a(cupp::newaxis, cupp::slice()).
struct newaxis_t {};
inline constexpr newaxis_t newaxis{};
/// NumPy's `...` in basic indexing: a(cupp::ellipsis, 0).
struct ellipsis_t {};
inline constexpr ellipsis_t ellipsis{};

namespace detail {

/// One item of a basic index: an integer, a slice, newaxis or ellipsis.
using index_item = std::variant<std::int64_t, slice, newaxis_t, ellipsis_t>;

/// A strided view of device memory. `owner` keeps the allocation alive; `ptr` is the address of
/// element 0 of the view; strides are in elements of `dt`.
struct array_desc {
  std::shared_ptr<void> owner;
  char* ptr = nullptr;
  shape_t shape;
  strides_t strides;
  dtype dt = dtype::float64;
  /// Set on views: the description of the array that owns the memory (NumPy's `base`).
  std::shared_ptr<const array_desc> base;
  /// NumPy's WRITEABLE flag cleared: broadcast_to results and views of them.
  bool readonly = false;

  std::int64_t ndim() const noexcept { return static_cast<std::int64_t>(shape.size()); }
  std::int64_t size() const;
  std::size_t itemsize() const noexcept { return dtype_itemsize(dt); }
};

/// One item of an advanced index: a basic item, or an index array (integer or bool).
using fancy_item = std::variant<std::int64_t, slice, newaxis_t, ellipsis_t, array_desc>;

/// A new C-contiguous array, memory from the device pool on the current stream, uninitialised.
array_desc make_array(const shape_t& shape, dtype dt);
/// A view of `a` described by new shape/strides/pointer, sharing its memory and recording its base.
array_desc make_view(const array_desc& a, shape_t shape, strides_t strides, char* ptr);
/// Describes memory cupp did not allocate (Note [Foreign memory] in src/core/from_pointer.cpp):
/// checks the layout (strides in elements, empty for C order) and, for a non-empty array, that
/// `ptr` is aligned device or managed memory usable from the current device. The description
/// keeps nothing alive; its owner's get() is the lowest address the array reaches, so views of it
/// are known to share memory. Throws value_error (cuda_error without a device) before anything is
/// kept.
array_desc wrap_pointer(void* ptr, dtype dt, const shape_t& shape, const strides_t& strides);
/// Makes `d` (from wrap_pointer) keep `keep` alive for as long as any view of it lives.
void keep_alive(array_desc& d, std::shared_ptr<void> keep);

array_desc index_view(const array_desc& a, const std::vector<index_item>& items);
array_desc reshape(const array_desc& a, const shape_t& newshape);
array_desc transpose(const array_desc& a, const std::vector<std::int64_t>& axes);
array_desc reversed_axes(const array_desc& a);
array_desc swapaxes(const array_desc& a, std::int64_t axis1, std::int64_t axis2);
array_desc squeeze(const array_desc& a);
array_desc squeeze(const array_desc& a, const std::vector<std::int64_t>& axes);
array_desc expand_dims(const array_desc& a, const std::vector<std::int64_t>& axes);
array_desc broadcast_to(const array_desc& a, const shape_t& shape);
array_desc view_as(const array_desc& a, dtype to);

/// A C-contiguous copy of any layout (one strided-copy kernel; a memcpy when `a` is contiguous).
array_desc copy(const array_desc& a);
/// dst[...] = src[...] for equal shapes, any layouts (src may be broadcast); dst must be writable.
void copy_into(const array_desc& src, const array_desc& dst);
/// Writes `value` (itemsize bytes) into every element of the view.
void fill(const array_desc& a, const void* value);

/// Device to host, C order; synchronises with the current stream.
void to_host(const array_desc& a, void* dst);
/// The size of one piece of a staged device-to-host copy; copies of at most this many bytes are
/// one cudaMemcpyAsync (Note [Staged device-to-host copies] in src/core/array_desc.cpp).
inline constexpr std::size_t kStagingChunk = std::size_t{4} << 20;
/// Receives the consecutive pieces of a device-to-host copy, in order.
using host_sink = void (*)(void* context, const void* piece, std::size_t bytes);
/// Device to host, C order, handed to `sink` piece by piece as the pieces arrive, for a
/// destination built as it goes (Note [Staged device-to-host copies] in src/core/array_desc.cpp);
/// synchronises with the current stream.
void to_host(const array_desc& a, host_sink sink, void* context);
/// Asks the kernel for huge pages over the 2 MB-aligned part of [p, p + bytes): fresh host memory
/// about to be written in full then faults once per 2 MB instead of once per 4 KB. A hint only.
void advise_huge_pages(void* p, std::size_t bytes) noexcept;
/// Host (C order, a.size() elements) to device into the view.
void from_host(const array_desc& a, const void* src);
/// numpy.ndarray.tofile: the elements in C order as raw bytes (src/io/npy.cpp).
void tofile(const array_desc& a, const std::string& file);

/// Raises the first out-of-range index reported by an indexing kernel of the calling thread that
/// has finished, and forgets the thread's finished ones; waits for nothing (Note [Deferred index
/// checks] in src/manip/indexing.cpp). Called after every synchronisation.
void raise_finished_index_checks();

/// NumPy's repr of the array (copies it to the host).
std::string repr(const array_desc& a);

/// Throws value_error "assignment destination is read-only" when `a` is read-only (a broadcast_to
/// result or a view of one) or has a stride-0 dimension of length > 1.
void check_writable(const array_desc& a);

}  // namespace detail
}  // namespace cupp
