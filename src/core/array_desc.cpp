// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/core/array_desc.hpp"

#include <cuda_runtime_api.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/memory.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/detail/format.hpp"
#include "cupp/jit/raw_kernel.hpp"

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
  // NumPy points a view's base at the array that owns the memory, never at another view.
  v.base = a.base ? a.base : std::make_shared<const array_desc>(a);
  return v;
}

namespace {
std::string dims_word(std::int64_t n) {
  return std::to_string(n) + "-dimensional";
}
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
      const std::int64_t k =
          normalize_index(*i, a.shape[axis], static_cast<std::int64_t>(axis));
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
  return make_view(a, shape, broadcast_strides(a.shape, a.strides, shape), a.ptr);
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
  for (std::size_t i = 0; i < a.shape.size(); ++i)
    CUPP_EXPECTS(!(a.strides[i] == 0 && a.shape[i] > 1), value_error,
                 "assignment destination is read-only");
}

// ---- strided kernels --------------------------------------------------------------------------
//
// Note [Strided copy and fill]: every layout change (copy to C order, writing into a view,
// broadcasting a value) goes through one generated kernel per (operation, itemsize, ndim after
// collapsing, index width). Elements are moved as unsigned integers of their size, so one kernel
// serves every dtype of that size. Dimensions contiguous for both operands are merged first, so a
// transposed 2-D copy is 2-D and a sliced contiguous copy is 1-D.

namespace {

const char* item_type(std::size_t itemsize) {
  switch (itemsize) {
    case 1: return "unsigned char";
    case 2: return "unsigned short";
    case 4: return "unsigned int";
    case 8: return "unsigned long long";
    default: return "cupp_item16";
  }
}

std::string strided_source(const std::string& name, bool fill, std::size_t itemsize, int ndim,
                           bool wide) {
  std::string s;
  s += "struct cupp_item16 { unsigned long long lo, hi; };\n";
  s += std::string("typedef ") + item_type(itemsize) + " item_t;\n";
  s += std::string("typedef ") + (wide ? "long long" : "int") + " index_t;\n";
  s += "#define ND " + std::to_string(ndim) + "\n";
  s += "struct layout { long long shape[ND]; long long src[ND]; long long dst[ND]; };\n";
  s += "extern \"C\" __global__ void " + name + "(";
  s += fill ? "item_t value" : "const item_t* __restrict__ src";
  s += ", item_t* __restrict__ dst, layout l, long long n) {\n";
  s += R"(  const index_t step = (index_t)gridDim.x * blockDim.x;
  for (index_t i = (index_t)blockIdx.x * blockDim.x + threadIdx.x; i < (index_t)n; i += step) {
    index_t rem = i, so = 0, d = 0;
#pragma unroll
    for (int k = ND - 1; k >= 0; --k) {
      const index_t len = (index_t)l.shape[k];
      const index_t c = rem % len;
      rem /= len;
      so += c * (index_t)l.src[k];
      d += c * (index_t)l.dst[k];
    }
    (void)so;
)";
  s += fill ? "    dst[d] = value;\n" : "    dst[d] = src[so];\n";
  s += "  }\n}\n";
  return s;
}


/// The RawKernel of one strided variant, compiled once per process (the compiler caches it on disk
/// too).
RawKernel& strided_kernel(bool fill, std::size_t itemsize, int ndim, bool wide) {
  static std::mutex m;
  static std::map<std::string, std::unique_ptr<RawKernel>> kernels;
  const std::string name = std::string(fill ? "cupp_fill" : "cupp_copy") + "_e" +
                           std::to_string(itemsize) + "_d" + std::to_string(ndim) +
                           (wide ? "_i64" : "_i32");
  std::lock_guard<std::mutex> lock(m);
  auto& k = kernels[name];
  if (!k)
    k = std::make_unique<RawKernel>(strided_source(name, fill, itemsize, ndim, wide), name);
  return *k;
}

std::int64_t extent(const shape_t& shape, const strides_t& strides) {
  std::int64_t e = 0;
  for (std::size_t i = 0; i < shape.size(); ++i) e += (shape[i] - 1) * std::abs(strides[i]);
  return e;
}

template <int ND>
struct layout {
  long long shape[ND];
  long long src[ND];
  long long dst[ND];
};

template <int ND, class First>
void launch_strided_nd(RawKernel& k, const First& first, void* dst, const shape_t& shape,
                       const strides_t& src_strides, const strides_t& dst_strides,
                       std::int64_t n) {
  layout<ND> l{};
  for (int i = 0; i < ND; ++i) {
    l.shape[i] = shape[static_cast<std::size_t>(i)];
    l.src[i] = src_strides[static_cast<std::size_t>(i)];
    l.dst[i] = dst_strides[static_cast<std::size_t>(i)];
  }
  const std::int64_t threads = 256;
  const std::int64_t max_blocks =
      static_cast<std::int64_t>(cuda::Device().multiprocessor_count()) * 16;
  const auto blocks = static_cast<unsigned>(std::min((n + threads - 1) / threads, max_blocks));
  k(dim3(blocks), dim3(static_cast<unsigned>(threads)), std::size_t{0}, cuda::get_current_stream(), first, dst,
    l, static_cast<long long>(n));
}

/// Runs the copy (src != nullptr) or fill (value != nullptr) kernel over collapsed dimensions.
void run_strided(const void* src, const void* value, std::size_t itemsize, void* dst,
                 shape_t shape, strides_t src_strides, strides_t dst_strides) {
  const std::int64_t n = shape_size(shape);
  if (n == 0) return;
  collapse_dims(shape, {&src_strides, &dst_strides});
  if (shape.empty()) {
    shape = {1};
    src_strides = {0};
    dst_strides = {0};
  }
  const bool wide = n > std::numeric_limits<std::int32_t>::max() ||
                    extent(shape, src_strides) > std::numeric_limits<std::int32_t>::max() ||
                    extent(shape, dst_strides) > std::numeric_limits<std::int32_t>::max();
  const bool fill = value != nullptr;
  const int nd = static_cast<int>(shape.size());
  RawKernel& k = strided_kernel(fill, itemsize, nd, wide);
  auto go = [&](auto first) {
    switch (nd) {
      case 1: return launch_strided_nd<1>(k, first, dst, shape, src_strides, dst_strides, n);
      case 2: return launch_strided_nd<2>(k, first, dst, shape, src_strides, dst_strides, n);
      case 3: return launch_strided_nd<3>(k, first, dst, shape, src_strides, dst_strides, n);
      case 4: return launch_strided_nd<4>(k, first, dst, shape, src_strides, dst_strides, n);
      case 5: return launch_strided_nd<5>(k, first, dst, shape, src_strides, dst_strides, n);
      case 6: return launch_strided_nd<6>(k, first, dst, shape, src_strides, dst_strides, n);
      case 7: return launch_strided_nd<7>(k, first, dst, shape, src_strides, dst_strides, n);
      case 8: return launch_strided_nd<8>(k, first, dst, shape, src_strides, dst_strides, n);
      default:
        throw not_implemented_error("strided copy of an array with more than 8 non-contiguous "
                                    "dimensions");
    }
  };
  if (!fill) return go(src);
  struct item16 {
    unsigned long long lo, hi;
  };
  switch (itemsize) {
    case 1: return go(*static_cast<const std::uint8_t*>(value));
    case 2: return go(*static_cast<const std::uint16_t*>(value));
    case 4: return go(*static_cast<const std::uint32_t*>(value));
    case 8: return go(*static_cast<const std::uint64_t*>(value));
    default: {
      item16 v;
      std::memcpy(&v, value, sizeof v);
      return go(v);
    }
  }
}

bool contiguous(const array_desc& a) { return is_c_contiguous(a.shape, a.strides); }

}  // namespace

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
  run_strided(src.ptr, nullptr, dst.itemsize(), dst.ptr, dst.shape, src.strides, dst.strides);
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
  const bool uniform = std::all_of(bytes, bytes + item, [&](unsigned char b) { return b == bytes[0]; });
  if (uniform && contiguous(a)) {
    CUPP_CHECK_CUDA(cudaMemsetAsync(a.ptr, bytes[0], static_cast<std::size_t>(n) * item,
                                    cuda::get_current_stream()));
    return;
  }
  run_strided(nullptr, value, item, a.ptr, a.shape, strides_t(a.shape.size(), 0), a.strides);
}

void to_host(const array_desc& a, void* dst) {
  const std::int64_t n = a.size();
  if (n == 0) return;
  const cudaStream_t stream = cuda::get_current_stream();
  if (contiguous(a)) {
    CUPP_CHECK_CUDA(cudaMemcpyAsync(dst, a.ptr, static_cast<std::size_t>(n) * a.itemsize(),
                                    cudaMemcpyDeviceToHost, stream));
  } else {
    const array_desc c = copy(a);
    CUPP_CHECK_CUDA(cudaMemcpyAsync(dst, c.ptr, static_cast<std::size_t>(n) * a.itemsize(),
                                    cudaMemcpyDeviceToHost, stream));
  }
  CUPP_CHECK_CUDA(cudaStreamSynchronize(stream));
}

void from_host(const array_desc& a, const void* src) {
  check_writable(a);
  const std::int64_t n = a.size();
  if (n == 0) return;
  const cudaStream_t stream = cuda::get_current_stream();
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
