// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/core/array_desc.hpp"

#include <cuda_runtime_api.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "copy_family.hpp"
#include "cupp/core/error.hpp"
#include "cupp/cuda/memory.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/detail/format.hpp"
#include "cupp/expr/engine.hpp"

namespace cupp::detail {

std::int64_t array_desc::size() const { return shape_size(shape); }

array_desc make_array(const shape_t& shape, dtype dt) {
  array_desc d;
  d.dt = dt;
  d.shape = shape;
  const std::int64_t n = shape_size(shape);  // validates the dimensions
  const auto item = static_cast<std::int64_t>(dtype_itemsize(dt));
  CUPP_EXPECTS(n <= std::numeric_limits<std::int64_t>::max() / item, value_error,
               "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum "
               "possible size.");
  d.strides = c_strides(shape);
  d.owner = cuda::allocate(static_cast<std::size_t>(n * item));
  d.ptr = static_cast<char*>(d.owner.get());
  return d;
}

array_desc make_view(const array_desc& a, shape_t shape, strides_t strides, char* ptr) {
  array_desc v;
  v.owner = a.owner;
  v.ptr = ptr;
  v.shape = std::move(shape);
  v.strides = std::move(strides);
  v.dt = a.dt;
  v.readonly = a.readonly;
  // NumPy points a view's base at the array that owns the memory, never at another view.
  v.base = a.base ? a.base : std::make_shared<const array_desc>(a);
  return v;
}

namespace {
std::string dims_word(std::int64_t n) { return std::to_string(n) + "-dimensional"; }
}  // namespace

array_desc index_view(const array_desc& a, const std::vector<index_item>& items) {
  std::int64_t consumed = 0;
  int ellipses = 0;
  for (const auto& it : items) {
    if (std::holds_alternative<std::int64_t>(it) || std::holds_alternative<slice>(it)) ++consumed;
    if (std::holds_alternative<ellipsis_t>(it)) ++ellipses;
  }
  CUPP_EXPECTS(ellipses <= 1, index_error, "an index can only have a single ellipsis ('...')");
  CUPP_EXPECTS(consumed <= a.ndim(), index_error,
               "too many indices for array: array is " + dims_word(a.ndim()) + ", but " +
                   std::to_string(consumed) + " were indexed");

  shape_t shape;
  strides_t strides;
  char* ptr = a.ptr;
  const auto item = static_cast<std::int64_t>(a.itemsize());
  std::size_t axis = 0;
  auto take_full = [&](std::int64_t count) {
    for (std::int64_t k = 0; k < count; ++k, ++axis) {
      shape.push_back(a.shape[axis]);
      strides.push_back(a.strides[axis]);
    }
  };
  for (const auto& it : items) {
    if (const auto* i = std::get_if<std::int64_t>(&it)) {
      const std::int64_t k = normalize_index(*i, a.shape[axis], static_cast<std::int64_t>(axis));
      ptr += k * a.strides[axis] * item;
      ++axis;
    } else if (const auto* s = std::get_if<slice>(&it)) {
      const resolved_slice r = resolve_slice(*s, a.shape[axis]);
      if (r.length > 0) ptr += r.start * a.strides[axis] * item;
      shape.push_back(r.length);
      strides.push_back(a.strides[axis] * r.step);
      ++axis;
    } else if (std::holds_alternative<newaxis_t>(it)) {
      shape.push_back(1);
      strides.push_back(0);
    } else {
      take_full(a.ndim() - consumed);
    }
  }
  take_full(a.ndim() - static_cast<std::int64_t>(axis));
  return make_view(a, std::move(shape), std::move(strides), ptr);
}

array_desc reshape(const array_desc& a, const shape_t& newshape) {
  const shape_t target = infer_reshape(newshape, a.size());
  if (auto s = reshape_strides(a.shape, a.strides, target))
    return make_view(a, target, std::move(*s), a.ptr);
  array_desc c = copy(a);
  c.shape = target;
  c.strides = c_strides(target);
  return c;
}

array_desc transpose(const array_desc& a, const std::vector<std::int64_t>& axes) {
  CUPP_EXPECTS(static_cast<std::int64_t>(axes.size()) == a.ndim(), value_error,
               "axes don't match array");
  std::vector<bool> seen(axes.size(), false);
  shape_t shape(axes.size());
  strides_t strides(axes.size());
  for (std::size_t i = 0; i < axes.size(); ++i) {
    const auto ax = static_cast<std::size_t>(normalize_axis(axes[i], a.ndim()));
    CUPP_EXPECTS(!seen[ax], value_error, "repeated axis in transpose");
    seen[ax] = true;
    shape[i] = a.shape[ax];
    strides[i] = a.strides[ax];
  }
  return make_view(a, std::move(shape), std::move(strides), a.ptr);
}

array_desc reversed_axes(const array_desc& a) {
  return make_view(a, shape_t(a.shape.rbegin(), a.shape.rend()),
                   strides_t(a.strides.rbegin(), a.strides.rend()), a.ptr);
}

array_desc swapaxes(const array_desc& a, std::int64_t axis1, std::int64_t axis2) {
  const auto i = static_cast<std::size_t>(normalize_axis(axis1, a.ndim()));
  const auto j = static_cast<std::size_t>(normalize_axis(axis2, a.ndim()));
  shape_t shape = a.shape;
  strides_t strides = a.strides;
  std::swap(shape[i], shape[j]);
  std::swap(strides[i], strides[j]);
  return make_view(a, std::move(shape), std::move(strides), a.ptr);
}

array_desc squeeze(const array_desc& a) {
  shape_t shape;
  strides_t strides;
  for (std::size_t i = 0; i < a.shape.size(); ++i) {
    if (a.shape[i] == 1) continue;
    shape.push_back(a.shape[i]);
    strides.push_back(a.strides[i]);
  }
  return make_view(a, std::move(shape), std::move(strides), a.ptr);
}

array_desc squeeze(const array_desc& a, const std::vector<std::int64_t>& axes) {
  std::vector<bool> drop(a.shape.size(), false);
  for (std::int64_t axis : axes) {
    const auto ax = static_cast<std::size_t>(normalize_axis(axis, a.ndim()));
    CUPP_EXPECTS(!drop[ax], value_error, "repeated axis");
    CUPP_EXPECTS(a.shape[ax] == 1, value_error,
                 "cannot select an axis to squeeze out which has size not equal to one");
    drop[ax] = true;
  }
  shape_t shape;
  strides_t strides;
  for (std::size_t i = 0; i < a.shape.size(); ++i) {
    if (drop[i]) continue;
    shape.push_back(a.shape[i]);
    strides.push_back(a.strides[i]);
  }
  return make_view(a, std::move(shape), std::move(strides), a.ptr);
}

array_desc expand_dims(const array_desc& a, const std::vector<std::int64_t>& axes) {
  const std::int64_t out_ndim = a.ndim() + static_cast<std::int64_t>(axes.size());
  std::vector<bool> is_new(static_cast<std::size_t>(out_ndim), false);
  for (std::int64_t axis : axes) {
    const auto ax = static_cast<std::size_t>(normalize_axis(axis, out_ndim));
    CUPP_EXPECTS(!is_new[ax], value_error, "repeated axis");
    is_new[ax] = true;
  }
  shape_t shape;
  strides_t strides;
  std::size_t src = 0;
  for (std::size_t i = 0; i < is_new.size(); ++i) {
    if (is_new[i]) {
      shape.push_back(1);
      strides.push_back(0);
    } else {
      shape.push_back(a.shape[src]);
      strides.push_back(a.strides[src]);
      ++src;
    }
  }
  return make_view(a, std::move(shape), std::move(strides), a.ptr);
}

array_desc broadcast_to(const array_desc& a, const shape_t& shape) {
  check_shape(shape);
  array_desc v = make_view(a, shape, broadcast_strides(a.shape, a.strides, shape), a.ptr);
  v.readonly = true;
  return v;
}

array_desc view_as(const array_desc& a, dtype to) {
  const auto from_size = static_cast<std::int64_t>(a.itemsize());
  const auto to_size = static_cast<std::int64_t>(dtype_itemsize(to));
  array_desc v = make_view(a, a.shape, a.strides, a.ptr);
  v.dt = to;
  if (from_size == to_size) return v;
  CUPP_EXPECTS(a.ndim() > 0, value_error,
               "Changing the dtype of a 0d array is only supported if the itemsize is unchanged");
  const std::size_t last = a.shape.size() - 1;
  CUPP_EXPECTS(a.shape[last] == 1 || a.strides[last] == 1, value_error,
               "To change to a dtype of a different size, the last axis must be contiguous");
  const std::int64_t last_bytes = a.shape[last] * from_size;
  if (to_size > from_size) {
    CUPP_EXPECTS(last_bytes % to_size == 0, value_error,
                 "When changing to a larger dtype, its size must be a divisor of the total size "
                 "in bytes of the last axis of the array.");
  } else {
    CUPP_EXPECTS(from_size % to_size == 0, value_error,
                 "When changing to a smaller dtype, its size must be a divisor of the size of "
                 "original dtype");
  }
  for (std::size_t i = 0; i < last; ++i) {
    const std::int64_t bytes = a.strides[i] * from_size;
    CUPP_EXPECTS(bytes % to_size == 0, value_error,
                 "the strides of the array are not a multiple of the new itemsize");
    v.strides[i] = bytes / to_size;
  }
  v.shape[last] = last_bytes / to_size;
  v.strides[last] = 1;
  return v;
}

void check_writable(const array_desc& a) {
  CUPP_EXPECTS(!a.readonly, value_error, "assignment destination is read-only");
  for (std::size_t i = 0; i < a.shape.size(); ++i)
    CUPP_EXPECTS(!(a.strides[i] == 0 && a.shape[i] > 1), value_error,
                 "assignment destination is read-only");
}

// ---- copies and fills ---------------------------------------------------------------------------
//
// Note [Strided copy and fill]: a copy between layouts and a fill of a view are elementwise
// expressions (`out = v0`, `out = s0`) and go through the elementwise engine, one kernel family
// per dtype, so they share its dimension merging, vectorised and tiled-transpose paths.

namespace {

using expr::detail::family_info;
using expr::detail::kernel_family;

kernel_family& family(bool fill, dtype dt) {
  static std::array<std::unique_ptr<kernel_family>, kNumDtypes> copies, fills;
  static std::array<std::once_flag, kNumDtypes> copy_once, fill_once;
  const auto i = static_cast<std::size_t>(dt);
  auto& slot = fill ? fills[i] : copies[i];
  std::call_once(fill ? fill_once[i] : copy_once[i], [&] {
    family_info info;
    info.name = fill ? "fill" : "copy";
    info.expression = fill ? "s0" : "v0";
    (fill ? info.scalars : info.arrays).push_back(dt);
    slot = std::make_unique<kernel_family>(std::move(info));
  });
  return *slot;
}

bool contiguous(const array_desc& a) { return is_c_contiguous(a.shape, a.strides); }

}  // namespace

expr::detail::kernel_family& copy_kernel_family(bool fill, dtype dt) { return family(fill, dt); }

void copy_into(const array_desc& src, const array_desc& dst) {
  CUPP_ASSERT(src.shape == dst.shape && src.dt == dst.dt);
  check_writable(dst);
  const std::int64_t n = dst.size();
  if (n == 0) return;
  if (contiguous(src) && contiguous(dst)) {
    CUPP_CHECK_CUDA(cudaMemcpyAsync(dst.ptr, src.ptr, static_cast<std::size_t>(n) * dst.itemsize(),
                                    cudaMemcpyDeviceToDevice, cuda::get_current_stream()));
    return;
  }
  expr::operands ops;
  ops.add_array(src);
  family(false, dst.dt).launch(dst, ops);
}

array_desc copy(const array_desc& a) {
  array_desc out = make_array(a.shape, a.dt);
  copy_into(a, out);
  return out;
}

void fill(const array_desc& a, const void* value) {
  check_writable(a);
  const std::int64_t n = a.size();
  if (n == 0) return;
  const std::size_t item = a.itemsize();
  const auto* bytes = static_cast<const unsigned char*>(value);
  const bool uniform =
      std::all_of(bytes, bytes + item, [&](unsigned char b) { return b == bytes[0]; });
  if (uniform && contiguous(a)) {
    CUPP_CHECK_CUDA(cudaMemsetAsync(a.ptr, bytes[0], static_cast<std::size_t>(n) * item,
                                    cuda::get_current_stream()));
    return;
  }
  expr::operands ops;
  ops.add_scalar(value);
  family(true, a.dt).launch(a, ops);
}

// Note [Staged device-to-host copies]: cudaMemcpy into pageable memory is slow twice over. The
// driver copies through pinned staging buffers of its own, and the caller's memory has usually
// just been allocated, so its pages are first touched (zero-filled by std::vector<T>(n), then
// faulted in) before the copy writes them again. A large copy to the host therefore goes through
// kStagingBuffers pinned blocks of kStagingChunk bytes from the pinned pool: the DMA of piece
// k + kStagingBuffers - 1 runs while the CPU copies piece k out of its block (an event per block
// says when its piece has landed), and each piece is handed to a sink, so ndarray::get builds its
// vector with reserve() and insert() and never zero-fills it. The chunk is a few MB: large enough
// that each DMA runs at full PCIe bandwidth and the per-piece cost (an event, a wait) is noise,
// small enough that the first piece's wait, which nothing overlaps, is short and the blocks stay
// in the pool's cache. A copy into memory that exists (item(), get(T*)) is one cudaMemcpyAsync
// straight into it, at any size; a sink's copy of at most one chunk is one cudaMemcpyAsync into
// a pinned block.
// Every piece is copied on the current stream, and the call ends with that stream synchronised,
// as an unstaged copy would.
// Measured against CuPy on the H100 (float32, pageable memory): into memory that already exists
// (get(T*)), staging through one CPU thread's memcpy reached 9.7 GB/s at 256 MB where the
// driver's own pageable copy reaches 17.7; the driver's copy into NumPy's memory (2 MB pages)
// reached 16-18 GB/s, level with cupp's driver copy into the same kind of memory. One CPU
// thread's memcpy is the limit, not the DMA, so from kParallelStaging bytes on get(T*) stages
// through kStagingThreads threads: thread t takes pieces t, t + T, ..., each through its own two
// pinned blocks and events, on the one current stream (whose order puts every piece after the
// work that wrote the array), so its DMAs and memcpys overlap the others'. A new vector (get())
// pays for its fresh pages: the first touch of each 4 KB page faults, so get() asks the kernel
// for 2 MB pages over the reserved range (advise_huge_pages) before the pieces arrive.
constexpr std::size_t kStagingBuffers = 2;  // kStagingChunk is in array_desc.hpp, for the tests
constexpr std::size_t kParallelStaging = std::size_t{8} << 20;
constexpr unsigned kStagingThreads = 4;

namespace {

/// An event per staging block, destroyed on every way out.
struct staging_events {
  std::array<cudaEvent_t, kStagingBuffers> done{};
  staging_events() {
    for (auto& e : done) CUPP_CHECK_CUDA(cudaEventCreateWithFlags(&e, cudaEventDisableTiming));
  }
  staging_events(const staging_events&) = delete;
  staging_events& operator=(const staging_events&) = delete;
  ~staging_events() {
    for (auto& e : done)
      if (e != nullptr) (void)cudaEventDestroy(e);
  }
};

/// Copies `bytes` of contiguous device memory at `src` to the host through pinned staging blocks
/// on `stream`, handing each piece to `sink` in order (Note [Staged device-to-host copies]).
void staged_to_host(const char* src, std::size_t bytes, cudaStream_t stream, host_sink sink,
                    void* context) {
  if (bytes <= kStagingChunk) {
    const std::shared_ptr<void> block = cuda::allocate_pinned(bytes, stream);
    CUPP_CHECK_CUDA(cudaMemcpyAsync(block.get(), src, bytes, cudaMemcpyDeviceToHost, stream));
    CUPP_CHECK_CUDA(cudaStreamSynchronize(stream));
    sink(context, block.get(), bytes);
    return;
  }
  const std::size_t pieces = (bytes + kStagingChunk - 1) / kStagingChunk;
  const std::size_t buffers = std::min(kStagingBuffers, pieces);
  std::array<std::shared_ptr<void>, kStagingBuffers> blocks;
  for (std::size_t b = 0; b < buffers; ++b)
    blocks[b] = cuda::allocate_pinned(kStagingChunk, stream);
  staging_events events;
  const auto length = [&](std::size_t k) {
    return std::min(kStagingChunk, bytes - k * kStagingChunk);
  };
  const auto issue = [&](std::size_t k) {
    const std::size_t b = k % kStagingBuffers;
    CUPP_CHECK_CUDA(cudaMemcpyAsync(blocks[b].get(), src + k * kStagingChunk, length(k),
                                    cudaMemcpyDeviceToHost, stream));
    CUPP_CHECK_CUDA(cudaEventRecord(events.done[b], stream));
  };
  for (std::size_t k = 0; k < buffers; ++k) issue(k);
  for (std::size_t k = 0; k < pieces; ++k) {
    const std::size_t b = k % kStagingBuffers;
    CUPP_CHECK_CUDA(cudaEventSynchronize(events.done[b]));
    sink(context, blocks[b].get(), length(k));
    if (k + buffers < pieces) issue(k + buffers);
  }
  CUPP_CHECK_CUDA(cudaStreamSynchronize(stream));
}

/// Copies `bytes` of contiguous device memory at `src` into the caller's pageable memory at
/// `dst` with `threads` CPU threads, each staging its own pieces (Note [Staged device-to-host
/// copies]); every thread's error is caught and the first rethrown once all have stopped.
void parallel_staged_to_host(const char* src, char* dst, std::size_t bytes, cudaStream_t stream,
                             unsigned threads) {
  const std::size_t pieces = (bytes + kStagingChunk - 1) / kStagingChunk;
  const auto length = [&](std::size_t k) {
    return std::min(kStagingChunk, bytes - k * kStagingChunk);
  };
  std::vector<std::exception_ptr> errors(threads);
  int device = 0;
  CUPP_CHECK_CUDA(cudaGetDevice(&device));
  const auto work = [&](unsigned t) {
    try {
      if (t > 0) CUPP_CHECK_CUDA(cudaSetDevice(device));  // a new thread starts on device 0
      std::array<std::shared_ptr<void>, kStagingBuffers> blocks;
      staging_events events;
      std::array<std::size_t, kStagingBuffers> piece{};
      const auto issue = [&](std::size_t b, std::size_t k) {
        if (!blocks[b]) blocks[b] = cuda::allocate_pinned(kStagingChunk, stream);
        piece[b] = k;
        CUPP_CHECK_CUDA(cudaMemcpyAsync(blocks[b].get(), src + k * kStagingChunk, length(k),
                                        cudaMemcpyDeviceToHost, stream));
        CUPP_CHECK_CUDA(cudaEventRecord(events.done[b], stream));
      };
      // This thread's pieces are t, t + threads, ...; its j-th goes through block j % 2.
      std::size_t issued = 0, done = 0;
      const auto nth = [&](std::size_t j) { return t + j * threads; };
      while (issued < kStagingBuffers && nth(issued) < pieces) {
        issue(issued % kStagingBuffers, nth(issued));
        ++issued;
      }
      while (done < issued) {
        const std::size_t b = done % kStagingBuffers;
        CUPP_CHECK_CUDA(cudaEventSynchronize(events.done[b]));
        std::memcpy(dst + piece[b] * kStagingChunk, blocks[b].get(), length(piece[b]));
        ++done;
        if (nth(issued) < pieces) {
          issue(issued % kStagingBuffers, nth(issued));
          ++issued;
        }
      }
    } catch (...) {
      errors[t] = std::current_exception();
    }
  };
  std::vector<std::thread> helpers;
  for (unsigned t = 1; t < threads; ++t) helpers.emplace_back(work, t);
  work(0);
  for (std::thread& h : helpers) h.join();
  const cudaError_t synced = cudaStreamSynchronize(stream);
  for (const std::exception_ptr& e : errors)
    if (e) std::rethrow_exception(e);
  CUPP_CHECK_CUDA(synced);
}

/// Whether `p` is plain host memory: not pinned, registered, managed or device memory, which
/// the GPU reaches directly and one copy writes best.
bool pageable(const void* p) {
  cudaPointerAttributes attributes{};
  if (cudaPointerGetAttributes(&attributes, p) != cudaSuccess) {
    (void)cudaGetLastError();
    return false;
  }
  return attributes.type == cudaMemoryTypeUnregistered;
}

/// Note [What a capture forbids]: a copy to the host waits for a result that is not computed.
void check_host_read(cudaStream_t stream) {
  cuda::detail::check_not_capturing(
      stream,
      "a copy to the host (get(), item(), printing, or a routine whose result's shape "
      "depends on the data)",
      "the host would read the result before the graph has run");
}

/// The C-order elements of `a`: its own memory when contiguous, else a copy made into `keep`.
const char* contiguous_source(const array_desc& a, array_desc& keep) {
  if (contiguous(a)) return a.ptr;
  keep = copy(a);
  return keep.ptr;
}

}  // namespace

void to_host(const array_desc& a, host_sink sink, void* context) {
  const std::int64_t n = a.size();
  if (n == 0) return;
  const cudaStream_t stream = cuda::get_current_stream();
  check_host_read(stream);
  array_desc keep;
  const char* src = contiguous_source(a, keep);
  staged_to_host(src, static_cast<std::size_t>(n) * a.itemsize(), stream, sink, context);
  raise_finished_index_checks();
}

void to_host(const array_desc& a, void* dst) {
  const std::int64_t n = a.size();
  if (n == 0) return;
  const std::size_t bytes = static_cast<std::size_t>(n) * a.itemsize();
  const cudaStream_t stream = cuda::get_current_stream();
  check_host_read(stream);
  array_desc keep;
  const char* src = contiguous_source(a, keep);
  // Note [Staged device-to-host copies]: into memory that exists, the driver's own copy up to
  // kParallelStaging bytes, several threads' staging from there on.
  const unsigned threads =
      std::min(kStagingThreads, std::max(1u, std::thread::hardware_concurrency()));
  if (bytes >= kParallelStaging && threads > 1 && pageable(dst)) {
    parallel_staged_to_host(src, static_cast<char*>(dst), bytes, stream, threads);
  } else {
    CUPP_CHECK_CUDA(cudaMemcpyAsync(dst, src, bytes, cudaMemcpyDeviceToHost, stream));
    CUPP_CHECK_CUDA(cudaStreamSynchronize(stream));
  }
  raise_finished_index_checks();
}

void advise_huge_pages(void* p, std::size_t bytes) noexcept {
#ifdef MADV_HUGEPAGE
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const auto first = (reinterpret_cast<std::uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
  const auto last = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~(kHuge - 1);
  if (last > first) (void)::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
  (void)p;
  (void)bytes;
#endif
}

void from_host(const array_desc& a, const void* src) {
  check_writable(a);
  const std::int64_t n = a.size();
  if (n == 0) return;
  const cudaStream_t stream = cuda::get_current_stream();
  cuda::detail::check_not_capturing(
      stream, "a copy from host memory (set(), an array made from host data)",
      "a captured copy may not read pageable host memory; copy into a device array before "
      "begin_capture() and update that array in place between replays");
  // A pageable source is staged by the driver before cudaMemcpyAsync returns, so the caller may
  // reuse its buffer at once; no host synchronisation is needed.
  if (contiguous(a)) {
    CUPP_CHECK_CUDA(cudaMemcpyAsync(a.ptr, src, static_cast<std::size_t>(n) * a.itemsize(),
                                    cudaMemcpyHostToDevice, stream));
    return;
  }
  const array_desc tmp = make_array(a.shape, a.dt);
  CUPP_CHECK_CUDA(cudaMemcpyAsync(tmp.ptr, src, static_cast<std::size_t>(n) * a.itemsize(),
                                  cudaMemcpyHostToDevice, stream));
  copy_into(tmp, a);
}

std::string repr(const array_desc& a) {
  std::vector<unsigned char> host(static_cast<std::size_t>(a.size()) * a.itemsize());
  to_host(a, host.data());
  return format_repr(host.data(), a.dt, a.shape);
}

}  // namespace cupp::detail
