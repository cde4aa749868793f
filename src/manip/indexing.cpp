// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Advanced indexing and the routines built on it: take, put, take_along_axis, put_along_axis,
// choose, compress, extract, place, putmask. Every one of them is an indexed copy (one generated
// kernel, kernels/cupp/gather.cuh) after some shape logic here.
#include "cupp/routines/indexing.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "../../kernels/cupp/gather_params.cuh"
#include "../../kernels/device_select.hpp"
#include "../cuda/launch.hpp"
#include "../jit/registry.hpp"
#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/memory.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "cupp/routines/creation.hpp"
#include "cupp/routines/searching.hpp"

namespace cupp::detail {

// Note [Indexed copy]: every routine here is one kernel over an iteration space (the result's
// shape for a gather, the indexing result's shape for a scatter). Element c of it addresses the
// indexed array at
//     a + sum_d c[d] * a_stride[d] + sum_k resolve(index_k[c]) * axis_stride_k
// where the a_stride of a dimension that comes from the broadcast index arrays is 0, and the other
// side (result or values) at b + sum_d c[d] * b_stride[d]. Index arrays are read through their
// own strides over the same iteration space (0 where they broadcast), so nothing is materialised:
// not the broadcast indices, not a copy of a strided input. Dimensions that are contiguous for
// every operand are merged first, so a take from a 1-D array is a 1-D loop with no division.
// Elements are copied as words of their size (1, 2, 4, 8 or 16 bytes), so one kernel serves
// every dtype of a width. Out-of-range indices under mode raise are reported as Note [Deferred
// index checks] says; under wrap and clip there is nothing to report.
//
// Note [Deferred index checks]: waiting for every indexing kernel to learn whether an index was
// out of range would cost each call a synchronisation (about 25 us on an H100, as much as a
// 2^24-element take takes to run), and would keep the host from queueing work ahead. So the
// kernel writes the first bad index it meets into a report in pinned host memory, and the call
// returns at once, leaving the report and an event recorded after the kernel in a list. The
// list is read, without waiting, at the start of every indexing call, and after every
// synchronisation cupp makes (a transfer to the host, Stream/Device synchronize): a report whose
// kernel has finished is then either dropped or raised as NumPy's index_error. So the error
// reaches the caller at the latest when they next look at any result, as an asynchronous CUDA
// error would, but not necessarily from the call that caused it.
//
// A report belongs to the host thread that launched its kernel: the list is thread_local, so an
// out-of-range index in thread A surfaces in A's next indexing or synchronising call and never in
// thread B's. Keying by stream instead would not keep threads apart: every thread's default
// current stream is the same legacy default stream, and a Device or cupp::cuda::synchronize
// waits for every stream. Within its thread a report is raised by whichever synchronising call
// comes first, whatever stream that call waits for (as a sticky CUDA error would be), once its
// kernel has finished. The reports of a thread that ends without another such call are dropped
// with the list, their events destroyed and their pinned blocks given back.

namespace {

constexpr unsigned kThreads = 256;

const char* word_name(std::size_t itemsize) {
  switch (itemsize) {
    case 1: return "unsigned char";
    case 2: return "unsigned short";
    case 4: return "unsigned int";
    case 8: return "unsigned long long";
    case 16: return "ulonglong2";
    default: break;
  }
  CUPP_ASSERT(false);
  return "";
}

std::string kernel_name(std::size_t itemsize, int dims, bool scatter) {
  return std::string("cupp_indexed_copy<") + word_name(itemsize) + ", " + std::to_string(dims) +
         ", " + (scatter ? "true" : "false") + ">";
}

/// The kernel of one word size, dimension count (0: any) and direction, from the registry: the
/// module of a word size holds every dimension count and both directions.
const RawKernel& indexed_copy_kernel(std::size_t itemsize, int dims, bool scatter) {
  return jit::detail::library_kernel(indexed_copy_source(), kernel_name(itemsize, dims, scatter),
                                     {}, indexed_copy_names(itemsize));
}

/// One plan of Note [Indexed copy], before its dimensions are merged.
struct copy_plan {
  char* a = nullptr;
  char* b = nullptr;
  std::size_t itemsize = 0;
  shape_t shape;
  strides_t a_strides, b_strides;
  struct index {
    const std::int64_t* ptr;
    strides_t strides;
    std::int64_t extent, stride, axis;
  };
  std::vector<index> indices;
  index_mode mode = index_mode::raise;
};

/// Merges dimensions that are contiguous for every operand and drops those of length 1.
void merge_dims(copy_plan& p) {
  std::vector<std::size_t> keep;
  for (std::size_t d = 0; d < p.shape.size(); ++d)
    if (p.shape[d] != 1) keep.push_back(d);
  copy_plan m = p;
  m.shape.clear();
  m.a_strides.clear();
  m.b_strides.clear();
  for (auto& ix : m.indices) ix.strides.clear();
  for (const std::size_t d : keep) {
    if (!m.shape.empty()) {
      const std::int64_t len = p.shape[d];
      bool mergeable = m.a_strides.back() == p.a_strides[d] * len &&
                       m.b_strides.back() == p.b_strides[d] * len;
      for (std::size_t k = 0; k < p.indices.size(); ++k)
        mergeable = mergeable && m.indices[k].strides.back() == p.indices[k].strides[d] * len;
      if (mergeable) {
        m.shape.back() *= len;
        m.a_strides.back() = p.a_strides[d];
        m.b_strides.back() = p.b_strides[d];
        for (std::size_t k = 0; k < p.indices.size(); ++k)
          m.indices[k].strides.back() = p.indices[k].strides[d];
        continue;
      }
    }
    m.shape.push_back(p.shape[d]);
    m.a_strides.push_back(p.a_strides[d]);
    m.b_strides.push_back(p.b_strides[d]);
    for (std::size_t k = 0; k < p.indices.size(); ++k)
      m.indices[k].strides.push_back(p.indices[k].strides[d]);
  }
  p = std::move(m);
}

/// What a bad index is reported as: NumPy's index_error naming the axis, or choose's message.
enum class report_kind : std::uint8_t { axis, choice };

/// One kernel's report of Note [Deferred index checks], with what the message needs.
struct pending_check {
  std::shared_ptr<void> report;  // a fancy::error_report in pinned host memory
  cudaEvent_t done = nullptr;
  std::vector<std::pair<std::int64_t, std::int64_t>> axes;  // (axis, extent) per index array
  report_kind kind = report_kind::axis;
};

/// The calling thread's reports (thread_local: see Note [Deferred index checks]).
struct pending_list {
  std::vector<pending_check> checks;
  pending_list() = default;
  pending_list(const pending_list&) = delete;
  pending_list& operator=(const pending_list&) = delete;
  ~pending_list() {
    for (auto& c : checks) (void)cudaEventDestroy(c.done);
  }
};
std::vector<pending_check>& pending_checks() {
  thread_local pending_list list;
  return list.checks;
}

std::string report_message(const pending_check& c, const fancy::error_report& r) {
  if (c.kind == report_kind::choice) return "invalid entry in choice array";
  const auto& [axis, extent] = c.axes[static_cast<std::size_t>(r.which)];
  return "index " + std::to_string(r.value) + " is out of bounds for axis " +
         std::to_string(axis) + " with size " + std::to_string(extent);
}

/// Runs the plan: a gather (b = a[...]) or a scatter (a[...] = b).
void run(copy_plan p, bool scatter, report_kind kind = report_kind::axis) {
  if (shape_size(p.shape) == 0) return;
  merge_dims(p);
  if (p.shape.empty()) {  // a single element
    p.shape.push_back(1);
    p.a_strides.push_back(0);
    p.b_strides.push_back(0);
    for (auto& ix : p.indices) ix.strides.push_back(0);
  }
  const int ndim = static_cast<int>(p.shape.size());
  CUPP_EXPECTS(ndim <= fancy::kMaxDims, value_error,
               "an indexed copy over " + std::to_string(ndim) +
                   " non-contiguous dimensions is not supported (at most " +
                   std::to_string(fancy::kMaxDims) + ")");
  CUPP_EXPECTS(p.indices.size() <= static_cast<std::size_t>(fancy::kMaxIndices), value_error,
               "at most " + std::to_string(fancy::kMaxIndices) + " index arrays are supported");
  auto params = std::make_unique<fancy::params>();
  std::memset(params.get(), 0, sizeof(fancy::params));
  params->n = shape_size(p.shape);
  params->ndim = ndim;
  params->nidx = static_cast<int>(p.indices.size());
  params->mode = static_cast<int>(p.mode);
  for (int d = 0; d < ndim; ++d) {
    params->shape[d] = p.shape[d];
    params->a_stride[d] = p.a_strides[d];
    params->b_stride[d] = p.b_strides[d];
  }
  for (std::size_t k = 0; k < p.indices.size(); ++k) {
    const auto& ix = p.indices[k];
    params->index[k] = reinterpret_cast<const long long*>(ix.ptr);
    for (int d = 0; d < ndim; ++d) params->index_stride[k][d] = ix.strides[d];
    params->extent[k] = ix.extent;
    params->axis_stride[k] = ix.stride;
  }
  const cudaStream_t stream = cuda::get_current_stream();
  std::shared_ptr<void> report;
  if (p.mode == index_mode::raise && !p.indices.empty()) {
    // Note [What a capture forbids]: the report is read on the host, after the kernel has run.
    cuda::detail::check_not_capturing(
        stream, "an indexing call that checks its indices (mode='raise')",
        "an out-of-range index is reported to the host once the kernel has run; use "
        "take/put/choose with mode='wrap' or 'clip', or index before the capture");
    report = cuda::allocate_pinned(sizeof(fancy::error_report), stream);
    std::memset(report.get(), 0, sizeof(fancy::error_report));
    params->error = static_cast<fancy::error_report*>(report.get());
  }
  const int dims = ndim <= 3 ? ndim : 0;
  const RawKernel& kernel = indexed_copy_kernel(p.itemsize, dims, scatter);
  const unsigned blocks = resident_blocks(kernel, params->n, kThreads);
  kernel(dim3(blocks), dim3(kThreads), std::size_t{0}, stream, static_cast<void*>(p.a),
         static_cast<void*>(p.b), *params);
  if (report) {
    pending_check c;
    c.report = std::move(report);
    c.kind = kind;
    for (const auto& ix : p.indices) c.axes.emplace_back(ix.axis, ix.extent);
    CUPP_CHECK_CUDA(cudaEventCreateWithFlags(&c.done, cudaEventDisableTiming));
    CUPP_CHECK_CUDA(cudaEventRecord(c.done, stream));
    pending_checks().push_back(std::move(c));
  }
}

template <class I>
array_desc widened(const array_desc& index) {
  return ndarray<I>(index).template astype<std::int64_t>().desc();
}

/// `index` as int64: itself, or a converted copy; index_error for other dtypes.
array_desc as_index(const array_desc& index) {
  switch (index.dt) {
    case dtype::int64: return index;
    case dtype::int8: return widened<std::int8_t>(index);
    case dtype::int16: return widened<std::int16_t>(index);
    case dtype::int32: return widened<std::int32_t>(index);
    case dtype::uint8: return widened<std::uint8_t>(index);
    case dtype::uint16: return widened<std::uint16_t>(index);
    case dtype::uint32: return widened<std::uint32_t>(index);
    case dtype::uint64: return widened<std::uint64_t>(index);
    default: break;
  }
  throw index_error("arrays used as indices must be of integer (or boolean) type");
}

/// The strides of `d` (shape right-aligned to `shape`) broadcast over `shape`: 0 where it has
/// length 1 or no dimension. Throws broadcast_error when the shapes do not broadcast.
strides_t broadcast_strides(const array_desc& d, const shape_t& shape) {
  return broadcast_to(d, shape).strides;
}

/// The indices of the nonzero elements of a bool array, one int64 row per dimension.
std::vector<array_desc> nonzero_rows(const array_desc& mask) {
  const array_desc m = has_flat_view(mask) ? mask : copy(mask);
  return rows_of(nonzero_indices(m, index_layout::per_dimension, std::nullopt, {0}));
}

/// One array of an advanced index, after bool masks became their nonzero rows.
struct array_item {
  array_desc index;     // int64
  std::int64_t view_axis;  // the axis it indexes in the basic view
  std::int64_t axis;       // that axis in the indexed array, for messages
};

/// An advanced index brought to a basic view and index arrays over it (Note [Indexed copy]).
struct resolved_index {
  array_desc view;
  std::vector<array_item> arrays;
  shape_t index_shape;     // the arrays' broadcast shape
  std::int64_t insert_at = 0;  // where the index dimensions go in the result
};

std::int64_t dims_consumed(const fancy_item& item) {
  if (const auto* d = std::get_if<array_desc>(&item)) return d->dt == dtype::bool_ ? d->ndim() : 1;
  if (std::holds_alternative<std::int64_t>(item) || std::holds_alternative<slice>(item)) return 1;
  return 0;
}


std::string mask_mismatch(std::int64_t axis, std::int64_t size, std::int64_t mask_size) {
  return "boolean index did not match indexed array along axis " + std::to_string(axis) +
         "; size of axis is " + std::to_string(size) + " but size of corresponding boolean axis is " +
         std::to_string(mask_size);
}

resolved_index resolve(const array_desc& a, const std::vector<fancy_item>& items) {
  std::int64_t consumed = 0, ellipses = 0;
  for (const fancy_item& item : items) {
    consumed += dims_consumed(item);
    if (std::holds_alternative<ellipsis_t>(item)) ++ellipses;
    if (const auto* d = std::get_if<array_desc>(&item)) {
      CUPP_EXPECTS(d->dt == dtype::bool_ || is_integer(d->dt), index_error,
                   "arrays used as indices must be of integer (or boolean) type");
      CUPP_EXPECTS(!(d->dt == dtype::bool_ && d->ndim() == 0), not_implemented_error,
                   "a 0-d boolean index is not supported");
    }
  }
  CUPP_EXPECTS(ellipses <= 1, index_error, "an index can only have a single ellipsis ('...')");
  CUPP_EXPECTS(consumed <= a.ndim(), index_error,
               "too many indices for array: array is " + std::to_string(a.ndim()) +
                   "-dimensional, but " + std::to_string(consumed) + " were indexed");
  resolved_index r;
  std::vector<index_item> basic;
  std::int64_t dim = 0, view_pos = 0;
  // Advanced items (arrays, and integers when there is an array) must be consecutive for the
  // index dimensions to stay in place; otherwise they go first (NumPy's rule).
  std::int64_t first_advanced = -1, last_advanced = -1, advanced_count = 0;
  std::int64_t position = 0;
  auto mark_advanced = [&](std::int64_t at) {
    if (first_advanced < 0) {
      first_advanced = position;
      r.insert_at = at;
    }
    last_advanced = position;
    ++advanced_count;
  };
  for (const fancy_item& item : items) {
    if (const auto* i = std::get_if<std::int64_t>(&item)) {
      basic.emplace_back(*i);
      mark_advanced(view_pos);
      ++dim;
    } else if (const auto* s = std::get_if<slice>(&item)) {
      basic.emplace_back(*s);
      ++dim;
      ++view_pos;
    } else if (std::holds_alternative<newaxis_t>(item)) {
      basic.emplace_back(newaxis);
      ++view_pos;
    } else if (std::holds_alternative<ellipsis_t>(item)) {
      basic.emplace_back(ellipsis);
      dim += a.ndim() - consumed;
      view_pos += a.ndim() - consumed;
    } else {
      const array_desc& d = std::get<array_desc>(item);
      mark_advanced(view_pos);
      if (d.dt == dtype::bool_) {
        for (std::int64_t j = 0; j < d.ndim(); ++j) {
          if (d.shape[j] != a.shape[dim + j])
            throw index_error(mask_mismatch(dim + j, a.shape[dim + j], d.shape[j]));
        }
        for (array_desc& row : nonzero_rows(d)) {
          basic.emplace_back(slice());
          r.arrays.push_back({std::move(row), view_pos++, dim++});
        }
      } else {
        basic.emplace_back(slice());
        r.arrays.push_back({as_index(d), view_pos++, dim++});
      }
    }
    ++position;
  }
  if (last_advanced - first_advanced + 1 != advanced_count) r.insert_at = 0;
  r.view = index_view(a, basic);
  std::vector<shape_t> shapes;
  for (const array_item& ai : r.arrays) shapes.push_back(ai.index.shape);
  try {
    r.index_shape = broadcast_shapes(shapes);
  } catch (const value_error&) {
    std::string message = "shape mismatch: indexing arrays could not be broadcast together with shapes ";
    for (const shape_t& s : shapes) message += shape_str(s) + " ";
    throw index_error(message);
  }
  return r;
}

/// The plan of a gather from, or scatter into, `r.view`: the iteration shape is the indexing
/// result's. The caller lays the other side over it (b and b_strides).
copy_plan plan_for(const resolved_index& r) {
  copy_plan p;
  p.a = r.view.ptr;
  p.itemsize = r.view.itemsize();
  const std::int64_t nb = static_cast<std::int64_t>(r.index_shape.size());
  std::vector<bool> advanced(r.view.shape.size(), false);
  for (const array_item& ai : r.arrays) advanced[static_cast<std::size_t>(ai.view_axis)] = true;
  std::vector<strides_t> index_strides;
  for (const array_item& ai : r.arrays) index_strides.push_back(broadcast_strides(ai.index, r.index_shape));
  for (const array_item& ai : r.arrays) {
    p.indices.push_back({static_cast<const std::int64_t*>(static_cast<const void*>(ai.index.ptr)), {},
                         r.view.shape[static_cast<std::size_t>(ai.view_axis)],
                         r.view.strides[static_cast<std::size_t>(ai.view_axis)], ai.axis});
  }
  auto add_index_dims = [&] {
    for (std::int64_t j = 0; j < nb; ++j) {
      p.shape.push_back(r.index_shape[static_cast<std::size_t>(j)]);
      p.a_strides.push_back(0);
      for (std::size_t k = 0; k < p.indices.size(); ++k)
        p.indices[k].strides.push_back(index_strides[k][static_cast<std::size_t>(j)]);
    }
  };
  std::int64_t placed = 0;  // view dimensions that are not advanced, placed so far
  bool inserted = false;
  for (std::size_t d = 0; d <= r.view.shape.size(); ++d) {
    if (!inserted && placed == r.insert_at) {
      add_index_dims();
      inserted = true;
    }
    if (d == r.view.shape.size()) break;
    if (advanced[d]) continue;
    p.shape.push_back(r.view.shape[d]);
    p.a_strides.push_back(r.view.strides[d]);
    for (auto& ix : p.indices) ix.strides.push_back(0);
    ++placed;
  }
  return p;
}

/// A gather of plan `p` into a new array of its shape.
array_desc gather_new(copy_plan p, dtype dt, report_kind kind = report_kind::axis) {
  array_desc out = make_array(p.shape, dt);
  p.b = out.ptr;
  p.b_strides = out.strides;
  run(std::move(p), false, kind);
  return out;
}

/// a[mask] with a mask of a's whole shape: one count, then one flagged selection of the values.
array_desc select_masked(const array_desc& a, const array_desc& mask) {
  const array_desc values = is_c_contiguous(a.shape, a.strides) ? a : copy(a);
  const array_desc flags = is_c_contiguous(mask.shape, mask.strides) ? mask : copy(mask);
  const std::int64_t n = a.size();
  const cudaStream_t stream = cuda::get_current_stream();
  if (n == 0) return make_array({0}, a.dt);
  cuda::detail::check_not_capturing(stream, "boolean mask indexing (a[mask])",
                                    "the result's length is read on the host");
  const auto count = cuda::allocate(sizeof(std::int64_t));
  auto* device_count = static_cast<std::int64_t*>(count.get());
  searching::select_nonzero(dtype::bool_, flags.ptr, n, 1, nullptr, 0, 0, device_count, stream);
  std::int64_t selected = 0;
  CUPP_CHECK_CUDA(cudaMemcpyAsync(&selected, device_count, sizeof(selected),
                                  cudaMemcpyDeviceToHost, stream));
  CUPP_CHECK_CUDA(cudaStreamSynchronize(stream));
  array_desc out = make_array({selected}, a.dt);
  if (selected > 0)
    searching::select_flagged(a.itemsize(), values.ptr,
                              reinterpret_cast<const std::uint8_t*>(flags.ptr), n, out.ptr,
                              device_count, stream);
  return out;
}

bool is_whole_mask(const array_desc& a, const std::vector<fancy_item>& items) {
  if (items.size() != 1) return false;
  const auto* d = std::get_if<array_desc>(&items[0]);
  return d && d->dt == dtype::bool_ && d->ndim() >= 1 && d->shape == a.shape;
}

}  // namespace

void raise_finished_index_checks() {
  // No event is queried while the current stream captures (Note [What a capture forbids]); the
  // reports wait for the next call after the capture.
  if (cuda::detail::captures_underway() > 0 &&
      cuda::detail::is_capturing(cuda::get_current_stream()))
    return;
  std::string message;
  bool choice = false;
  auto& checks = pending_checks();
  for (auto it = checks.begin(); it != checks.end();) {
    if (cudaEventQuery(it->done) == cudaErrorNotReady) {
      ++it;
      continue;
    }
    const auto* r = static_cast<const fancy::error_report*>(it->report.get());
    if (r->flag && message.empty()) {
      message = report_message(*it, *r);
      choice = it->kind == report_kind::choice;
    }
    cudaEventDestroy(it->done);
    it = checks.erase(it);
  }
  if (message.empty()) return;
  if (choice) throw value_error(message);
  throw index_error(message);
}

array_desc without_leading_ones(const array_desc& v, std::int64_t ndim) {
  array_desc out = v;
  while (out.ndim() > ndim && out.shape[0] == 1) out = index_view(out, {std::int64_t{0}});
  return out;
}

std::string indexed_copy_source() { return "#include <cupp/gather.cuh>\n"; }

std::vector<std::string> indexed_copy_names(std::size_t itemsize) {
  std::vector<std::string> names;
  for (const bool scatter : {false, true})
    for (int dims = 0; dims <= 3; ++dims) names.push_back(kernel_name(itemsize, dims, scatter));
  return names;
}

array_desc fancy_get(const array_desc& a, const std::vector<fancy_item>& items) {
  raise_finished_index_checks();
  if (is_whole_mask(a, items)) {
    const array_desc& mask = std::get<array_desc>(items[0]);
    return select_masked(a, mask);
  }
  return gather_new(plan_for(resolve(a, items)), a.dt);
}

shape_t fancy_shape(const array_desc& a, const std::vector<fancy_item>& items) {
  return plan_for(resolve(a, items)).shape;
}

void fancy_set(const array_desc& a, const std::vector<fancy_item>& items,
               const array_desc& values) {
  raise_finished_index_checks();
  check_writable(a);
  CUPP_ASSERT(values.dt == a.dt);
  const resolved_index r = resolve(a, items);
  copy_plan p = plan_for(r);
  const shape_t& shape = p.shape;
  if (is_whole_mask(a, items) && values.ndim() == 1 && values.size() != 1 &&
      values.size() != shape[0])
    throw value_error("NumPy boolean array indexing assignment cannot assign " +
                      std::to_string(values.size()) + " input values to the " +
                      std::to_string(shape[0]) + " output values where the mask is true");
  const array_desc v = without_leading_ones(values, static_cast<std::int64_t>(shape.size()));
  try {
    p.b_strides = broadcast_to(v, shape).strides;
  } catch (const value_error&) {
    throw value_error("shape mismatch: value array of shape " + shape_str(values.shape) +
                      " could not be broadcast to indexing result of shape " + shape_str(shape));
  }
  p.b = v.ptr;
  run(std::move(p), true);
}

array_desc take(const array_desc& a, const array_desc& indices, std::optional<std::int64_t> axis,
                index_mode mode) {
  raise_finished_index_checks();
  const array_desc src = axis ? a : reshape(a, {-1});
  const std::int64_t ax = axis ? normalize_axis(*axis, a.ndim()) : 0;
  const array_desc index = as_index(indices);
  const std::int64_t extent = src.shape[static_cast<std::size_t>(ax)];
  if (extent == 0 && mode != index_mode::raise && index.size() > 0)
    throw index_error("cannot do a non-empty take from an empty axes.");
  std::vector<fancy_item> items(static_cast<std::size_t>(ax), slice());
  items.emplace_back(index);
  copy_plan p = plan_for(resolve(src, items));
  p.mode = mode;
  return gather_new(std::move(p), a.dt);
}

void put(const array_desc& a, const array_desc& indices, const array_desc& values,
         index_mode mode) {
  raise_finished_index_checks();
  check_writable(a);
  CUPP_ASSERT(values.dt == a.dt);
  const array_desc index = as_index(indices);
  if (index.size() == 0 || values.size() == 0) return;
  if (a.size() == 0 && mode != index_mode::raise)
    throw index_error("cannot replace elements of an empty array");
  const bool contiguous = is_c_contiguous(a.shape, a.strides);
  const array_desc target = contiguous ? a : copy(a);
  // The values repeat when there are fewer of them than indices (NumPy's put).
  array_desc v = reshape(values, {-1});
  if (v.size() != index.size()) {
    // 0, 1, ..., n - 1 wrapped around the values.
    v = take(v, arange(index.size()).desc(), 0, index_mode::wrap);
  }
  const resolved_index r = resolve(reshape(target, {-1}), {reshape(index, {-1})});
  copy_plan p = plan_for(r);
  p.b = v.ptr;
  p.b_strides = broadcast_strides(v, p.shape);
  p.mode = mode;
  run(std::move(p), true);
  if (!contiguous) copy_into(target, a);
}

namespace {

/// take_along_axis / put_along_axis: the iteration shape is arr's and indices' broadcast, with
/// indices' length on `axis`; arr is addressed by coordinates off the axis and by the index on it.
copy_plan along_axis_plan(const array_desc& arr, const array_desc& index, std::int64_t axis) {
  CUPP_EXPECTS(index.ndim() == arr.ndim(), value_error,
               "`indices` and `arr` must have the same number of dimensions");
  CUPP_ASSERT(index.dt == dtype::int64);
  shape_t arr_shape = arr.shape;
  arr_shape[static_cast<std::size_t>(axis)] = index.shape[static_cast<std::size_t>(axis)];
  const shape_t shape = broadcast_shapes({arr_shape, index.shape});
  shape_t arr_view_shape = shape;
  arr_view_shape[static_cast<std::size_t>(axis)] = 1;
  array_desc arr_axis0 = arr;
  arr_axis0.shape[static_cast<std::size_t>(axis)] = 1;
  copy_plan p;
  p.a = arr.ptr;
  p.itemsize = arr.itemsize();
  p.shape = shape;
  p.a_strides = broadcast_strides(arr_axis0, arr_view_shape);
  p.a_strides[static_cast<std::size_t>(axis)] = 0;
  p.indices.push_back({static_cast<const std::int64_t*>(static_cast<const void*>(index.ptr)),
                       broadcast_strides(index, shape), arr.shape[static_cast<std::size_t>(axis)],
                       arr.strides[static_cast<std::size_t>(axis)], axis});
  return p;
}

}  // namespace

array_desc take_along_axis(const array_desc& arr, const array_desc& indices,
                           std::optional<std::int64_t> axis) {
  raise_finished_index_checks();
  CUPP_EXPECTS(is_integer(indices.dt), index_error,
               "`indices` must be an integer array");
  if (!axis) {
    CUPP_EXPECTS(indices.ndim() == 1, value_error,
                 "when axis=None, `indices` must have a single dimension.");
    return take_along_axis(reshape(arr, {-1}), indices, 0);
  }
  const std::int64_t ax = normalize_axis(*axis, arr.ndim());
  const array_desc index = as_index(indices);
  return gather_new(along_axis_plan(arr, index, ax), arr.dt);
}

void put_along_axis(const array_desc& arr, const array_desc& indices, const array_desc& values,
                    std::optional<std::int64_t> axis) {
  raise_finished_index_checks();
  check_writable(arr);
  CUPP_ASSERT(values.dt == arr.dt);
  CUPP_EXPECTS(is_integer(indices.dt), index_error, "`indices` must be an integer array");
  if (!axis) {
    CUPP_EXPECTS(indices.ndim() == 1, value_error,
                 "when axis=None, `indices` must have a single dimension.");
    CUPP_EXPECTS(is_c_contiguous(arr.shape, arr.strides), value_error,
                 "put_along_axis with axis=None needs a C-contiguous array");
    put_along_axis(reshape(arr, {-1}), indices, values, 0);
    return;
  }
  const std::int64_t ax = normalize_axis(*axis, arr.ndim());
  const array_desc index = as_index(indices);
  copy_plan p = along_axis_plan(arr, index, ax);
  const array_desc v = broadcast_to(values, p.shape);
  p.b = v.ptr;
  p.b_strides = v.strides;
  run(std::move(p), true);
}

array_desc choose(const array_desc& a, const std::vector<array_desc>& choices, index_mode mode) {
  raise_finished_index_checks();
  CUPP_EXPECTS(!choices.empty(), value_error, "0-length sequence.");
  CUPP_EXPECTS(is_integer(a.dt), type_error,
               "Cannot cast array data from dtype('" + std::string(dtype_name(a.dt)) +
                   "') to dtype('int64') according to the rule 'safe'");
  std::vector<shape_t> shapes{a.shape};
  for (const array_desc& c : choices) shapes.push_back(c.shape);
  const shape_t shape = broadcast_shapes(shapes);
  // The choices stacked into one (n, *shape) array, then a[...] picks along its first axis.
  shape_t stacked_shape{static_cast<std::int64_t>(choices.size())};
  stacked_shape.insert(stacked_shape.end(), shape.begin(), shape.end());
  const array_desc stacked = make_array(stacked_shape, choices[0].dt);
  for (std::size_t j = 0; j < choices.size(); ++j)
    copy_into(broadcast_to(choices[j], shape), index_view(stacked, {static_cast<std::int64_t>(j)}));
  const array_desc index = as_index(a);
  copy_plan p;
  p.a = stacked.ptr;
  p.itemsize = stacked.itemsize();
  p.shape = shape;
  p.a_strides = strides_t(stacked.strides.begin() + 1, stacked.strides.end());
  p.indices.push_back({static_cast<const std::int64_t*>(static_cast<const void*>(index.ptr)),
                       broadcast_strides(index, shape), stacked.shape[0], stacked.strides[0], 0});
  p.mode = mode;
  // NumPy's words for choose: not an axis message.
  return gather_new(std::move(p), choices[0].dt, report_kind::choice);
}

array_desc compress(const array_desc& condition, const array_desc& a,
                    std::optional<std::int64_t> axis) {
  CUPP_EXPECTS(condition.ndim() == 1, value_error, "condition must be a 1-d array");
  const std::vector<array_desc> rows = nonzero_rows(condition);
  return take(a, rows[0], axis, index_mode::raise);
}

array_desc extract(const array_desc& condition, const array_desc& arr) {
  const array_desc flat = reshape(condition, {-1});
  return take(reshape(arr, {-1}), nonzero_rows(flat)[0], 0, index_mode::raise);
}

void place(const array_desc& arr, const array_desc& mask, const array_desc& vals) {
  check_writable(arr);
  CUPP_EXPECTS(mask.size() == arr.size(), value_error,
               "place: mask and data must be the same size");
  const array_desc positions = nonzero_rows(reshape(mask, {-1}))[0];
  if (positions.size() == 0) return;
  CUPP_EXPECTS(vals.size() > 0, value_error, "Cannot insert from an empty array!");
  put(arr, positions, vals, index_mode::raise);
}

void putmask(const array_desc& a, const array_desc& mask, const array_desc& values) {
  check_writable(a);
  CUPP_ASSERT(values.dt == a.dt);
  CUPP_EXPECTS(mask.size() == a.size(), value_error, "putmask: mask and data must be the same size");
  if (values.size() == 0) return;
  // a.flat[n] = values.flat[n % len(values)] where mask.flat[n]: the positions, the values at
  // those positions wrapped around, and one scatter.
  const array_desc positions = nonzero_rows(reshape(mask, {-1}))[0];
  if (positions.size() == 0) return;
  const array_desc v = take(reshape(values, {-1}), positions, 0, index_mode::wrap);
  put(a, positions, v, index_mode::raise);
}

}  // namespace cupp::detail
