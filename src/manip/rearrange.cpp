// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/routines/rearrange.hpp"

#include <cuda_runtime_api.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <numeric>
#include <string>

#include "cupp/core/error.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/routines/indexing.hpp"

namespace cupp::detail {
namespace {

std::int64_t product(shape_t::const_iterator first, shape_t::const_iterator last) {
  return std::accumulate(first, last, std::int64_t{1}, std::multiplies<>());
}

/// `a` with every axis whole except `axis`, sliced as `s`.
array_desc along(const array_desc& a, std::size_t axis, const slice& s) {
  std::vector<index_item> items(a.shape.size(), slice());
  items[axis] = s;
  return index_view(a, items);
}

/// A fresh C-contiguous array given another shape of the same size (no view, no base).
array_desc reshaped_fresh(array_desc out, const shape_t& shape) {
  out.shape = shape;
  out.strides = c_strides(shape);
  return out;
}

// Note [Concatenation copies]: each input lands in a block of the new C-contiguous result. Along
// axis 0 (or for a single outer row) the block is contiguous, and copy_into makes it one
// cudaMemcpyAsync when the input is contiguous too. Along a later axis the block is `outer` rows
// of `width` contiguous bytes, `pitch` bytes apart: a contiguous input then goes as one
// cudaMemcpy2DAsync when the rows are long enough for the copy engine to stream them, and
// anything else (short rows, strided or broadcast inputs) as one strided-copy kernel.
// The copy engine also caps the pitch (cudaDevAttrMaxPitch, 2^31 - 1 bytes on current GPUs).
constexpr std::int64_t kMinPitchedRowBytes = 1024;
constexpr std::int64_t kMaxPitchBytes = (std::int64_t{1} << 31) - 1;

void place(const array_desc& src, const array_desc& out, std::size_t axis, std::int64_t offset) {
  if (src.size() == 0) return;
  const auto item = static_cast<std::int64_t>(out.itemsize());
  const std::int64_t outer = product(out.shape.begin(), out.shape.begin() + axis);
  const std::int64_t width = product(src.shape.begin() + axis, src.shape.end()) * item;
  const std::int64_t pitch = product(out.shape.begin() + axis, out.shape.end()) * item;
  if (outer > 1 && width >= kMinPitchedRowBytes && pitch <= kMaxPitchBytes &&
      is_c_contiguous(src.shape, src.strides)) {
    const std::int64_t inner = product(out.shape.begin() + axis + 1, out.shape.end()) * item;
    CUPP_CHECK_CUDA(cudaMemcpy2DAsync(out.ptr + offset * inner, static_cast<std::size_t>(pitch),
                                      src.ptr, static_cast<std::size_t>(width),
                                      static_cast<std::size_t>(width),
                                      static_cast<std::size_t>(outer), cudaMemcpyDeviceToDevice,
                                      cuda::get_current_stream()));
    return;
  }
  copy_into(src, along(out, axis, slice(offset, offset + src.shape[axis])));
}

std::string dims_mismatch(std::size_t i, std::size_t nd0, std::size_t ndi) {
  return "all the input arrays must have same number of dimensions, but the array at index 0 "
         "has " + std::to_string(nd0) + " dimension(s) and the array at index " +
         std::to_string(i) + " has " + std::to_string(ndi) + " dimension(s)";
}

std::string size_mismatch(std::size_t i, std::size_t dim, std::int64_t size0, std::int64_t sizei) {
  return "all the input array dimensions except for the concatenation axis must match exactly, "
         "but along dimension " + std::to_string(dim) + ", the array at index 0 has size " +
         std::to_string(size0) + " and the array at index " + std::to_string(i) + " has size " +
         std::to_string(sizei);
}

/// Python's a % b for b > 0 (b == 0 counts as 1: nothing to roll in an empty axis).
std::int64_t python_mod(std::int64_t a, std::int64_t b) {
  if (b == 0) return 0;
  const std::int64_t r = a % b;
  return r < 0 ? r + b : r;
}

}  // namespace

// ---- joining -------------------------------------------------------------------------------

shape_t concatenated_shape(const std::vector<shape_t>& shapes, std::optional<std::int64_t> axis) {
  CUPP_EXPECTS(!shapes.empty(), value_error, "need at least one array to concatenate");
  if (!axis) {
    std::int64_t n = 0;
    for (const shape_t& s : shapes) n += shape_size(s);
    return {n};
  }
  const shape_t& first = shapes[0];
  CUPP_EXPECTS(!first.empty(), value_error, "zero-dimensional arrays cannot be concatenated");
  const auto ax = static_cast<std::size_t>(
      normalize_axis(*axis, static_cast<std::int64_t>(first.size())));
  shape_t out = first;
  for (std::size_t i = 1; i < shapes.size(); ++i) {
    const shape_t& s = shapes[i];
    CUPP_EXPECTS(s.size() == first.size(), value_error, dims_mismatch(i, first.size(), s.size()));
    for (std::size_t d = 0; d < s.size(); ++d)
      CUPP_EXPECTS(d == ax || s[d] == first[d], value_error, size_mismatch(i, d, first[d], s[d]));
    out[ax] += s[ax];
  }
  return out;
}

array_desc concatenate(const std::vector<array_desc>& arrays, std::optional<std::int64_t> axis) {
  std::vector<shape_t> shapes;
  for (const array_desc& a : arrays) shapes.push_back(a.shape);
  const shape_t shape = concatenated_shape(shapes, axis);
  array_desc out = make_array(shape, arrays[0].dt);
  const auto item = static_cast<std::int64_t>(out.itemsize());
  std::int64_t offset = 0;
  if (!axis) {
    for (const array_desc& a : arrays) {
      CUPP_ASSERT(a.dt == out.dt);
      copy_into(a, make_view(out, a.shape, c_strides(a.shape), out.ptr + offset * item));
      offset += a.size();
    }
    return out;
  }
  const auto ax = static_cast<std::size_t>(normalize_axis(*axis, out.ndim()));
  for (const array_desc& a : arrays) {
    CUPP_ASSERT(a.dt == out.dt);
    place(a, out, ax, offset);
    offset += a.shape[ax];
  }
  return out;
}

array_desc stack(const std::vector<array_desc>& arrays, std::int64_t axis) {
  CUPP_EXPECTS(!arrays.empty(), value_error, "need at least one array to stack");
  for (const array_desc& a : arrays)
    CUPP_EXPECTS(a.shape == arrays[0].shape, value_error,
                 "all input arrays must have the same shape");
  const std::int64_t ax = normalize_axis(axis, arrays[0].ndim() + 1);
  std::vector<array_desc> expanded;
  for (const array_desc& a : arrays) expanded.push_back(expand_dims(a, {ax}));
  return concatenate(expanded, ax);
}

// ---- splitting -----------------------------------------------------------------------------

std::vector<array_desc> array_split(const array_desc& a, const split_arg& sections,
                                    std::int64_t axis, bool equal) {
  const auto ax = static_cast<std::size_t>(normalize_axis(axis, a.ndim()));
  const std::int64_t n = a.shape[ax];
  std::vector<std::int64_t> points{0};
  if (const auto& count = sections.sections()) {
    const std::int64_t s = *count;
    CUPP_EXPECTS(s > 0, value_error, "number sections must be larger than 0.");
    CUPP_EXPECTS(!equal || n % s == 0, value_error,
                 "array split does not result in an equal division");
    for (std::int64_t i = 0; i < s; ++i) points.push_back(points.back() + n / s + (i < n % s));
  } else {
    points.insert(points.end(), sections.indices().begin(), sections.indices().end());
    points.push_back(n);
  }
  std::vector<array_desc> out;
  for (std::size_t i = 0; i + 1 < points.size(); ++i)
    out.push_back(along(a, ax, slice(points[i], points[i + 1])));
  return out;
}

// ---- tile and repeat -------------------------------------------------------------------------

array_desc tiled_view(const array_desc& a, const std::vector<std::int64_t>& reps) {
  const std::size_t d = std::max(reps.size(), a.shape.size());
  std::vector<std::int64_t> r(d - reps.size(), 1);
  r.insert(r.end(), reps.begin(), reps.end());
  for (const std::int64_t x : r)
    CUPP_EXPECTS(x >= 0, value_error, "negative dimensions are not allowed");
  const std::size_t lead = d - a.shape.size();
  shape_t shape;
  strides_t strides;
  for (std::size_t i = 0; i < d; ++i) {
    shape.insert(shape.end(), {r[i], i < lead ? 1 : a.shape[i - lead]});
    strides.insert(strides.end(), {0, i < lead ? 0 : a.strides[i - lead]});
  }
  array_desc v = make_view(a, std::move(shape), std::move(strides), a.ptr);
  v.readonly = true;
  return v;
}

array_desc tile(const array_desc& a, const std::vector<std::int64_t>& reps) {
  const array_desc v = tiled_view(a, reps);
  array_desc out = make_array(v.shape, v.dt);
  copy_into(v, out);
  shape_t shape;
  for (std::size_t i = 0; i < v.shape.size(); i += 2) shape.push_back(v.shape[i] * v.shape[i + 1]);
  return reshaped_fresh(std::move(out), shape);
}

array_desc repeated_view(const array_desc& a, std::int64_t repeats,
                         std::optional<std::int64_t> axis) {
  const std::int64_t at = axis ? normalize_axis(*axis, a.ndim()) + 1 : a.ndim();
  CUPP_EXPECTS(repeats >= 0, value_error, "negative dimensions are not allowed");
  shape_t shape = a.shape;
  strides_t strides = a.strides;
  shape.insert(shape.begin() + at, repeats);
  strides.insert(strides.begin() + at, 0);
  array_desc v = make_view(a, std::move(shape), std::move(strides), a.ptr);
  v.readonly = true;
  return v;
}

array_desc repeat(const array_desc& a, std::int64_t repeats, std::optional<std::int64_t> axis) {
  const array_desc v = repeated_view(a, repeats, axis);
  array_desc out = make_array(v.shape, v.dt);
  copy_into(v, out);
  shape_t shape{a.size() * repeats};
  if (axis) {
    shape = a.shape;
    shape[static_cast<std::size_t>(normalize_axis(*axis, a.ndim()))] *= repeats;
  }
  return reshaped_fresh(std::move(out), shape);
}

array_desc repeat(const array_desc& a, const std::vector<std::int64_t>& counts,
                  std::optional<std::int64_t> axis) {
  if (counts.size() == 1) return repeat(a, counts[0], axis);
  const array_desc src = axis ? a : reshape(a, {-1});
  const std::int64_t ax = axis ? normalize_axis(*axis, a.ndim()) : 0;
  const std::int64_t n = src.shape[static_cast<std::size_t>(ax)];
  CUPP_EXPECTS(static_cast<std::int64_t>(counts.size()) == n, value_error,
               "operands could not be broadcast together with shape (" + std::to_string(n) +
                   ",) (" + std::to_string(counts.size()) + ",)");
  std::vector<std::int64_t> index;
  for (std::int64_t i = 0; i < n; ++i) {
    const std::int64_t c = counts[static_cast<std::size_t>(i)];
    CUPP_EXPECTS(c >= 0, value_error, "repeats may not contain negative values.");
    index.insert(index.end(), static_cast<std::size_t>(c), i);
  }
  const array_desc positions = make_array({static_cast<std::int64_t>(index.size())}, dtype::int64);
  from_host(positions, index.data());
  return take(src, positions, ax, index_mode::raise);
}

// ---- roll, rot90, resize -------------------------------------------------------------------

namespace {

/// The shift of every axis of `a`, in [0, n): shifts[i] applied along axes[i], pairwise, one of
/// them repeated when it has length 1, as NumPy broadcasts them.
std::vector<std::int64_t> roll_offsets(const array_desc& a, const std::vector<std::int64_t>& shifts,
                                       const std::vector<std::int64_t>& axes) {
  std::vector<std::int64_t> ax;
  for (const std::int64_t x : axes) ax.push_back(normalize_axis(x, a.ndim()));
  const std::size_t ns = shifts.size(), na = ax.size();
  CUPP_EXPECTS(ns == na || ns == 1 || na == 1, value_error,
               "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is "
               "between arg 0 with shape (" + std::to_string(ns) + ",) and arg 1 with shape (" +
                   std::to_string(na) + ",).");
  const std::size_t pairs = ns == na ? ns : (ns == 1 ? na : ns);
  std::vector<std::int64_t> offset(a.shape.size(), 0);
  for (std::size_t k = 0; k < pairs; ++k)
    offset[static_cast<std::size_t>(ax[na == 1 ? 0 : k])] += shifts[ns == 1 ? 0 : k];
  for (std::size_t d = 0; d < offset.size(); ++d) offset[d] = python_mod(offset[d], a.shape[d]);
  return offset;
}

/// out = a rolled by `offset`: each rolled axis splits into two blocks (source [0, n-o) to
/// [o, n), [n-o, n) to [0, o)), and every combination of blocks is one copy_into, a memcpy when
/// both blocks are contiguous.
void copy_rolled(const array_desc& a, const std::vector<std::int64_t>& offset,
                 const array_desc& out) {
  std::vector<std::size_t> rolled;
  for (std::size_t d = 0; d < offset.size(); ++d)
    if (offset[d] != 0) rolled.push_back(d);
  for (std::size_t mask = 0; mask < (std::size_t{1} << rolled.size()); ++mask) {
    std::vector<index_item> src(a.shape.size(), slice()), dst(a.shape.size(), slice());
    for (std::size_t j = 0; j < rolled.size(); ++j) {
      const std::size_t d = rolled[j];
      const std::int64_t n = a.shape[d], o = offset[d];
      const bool wrapped = (mask >> j) & 1U;
      src[d] = wrapped ? slice(n - o, n) : slice(0, n - o);
      dst[d] = wrapped ? slice(0, o) : slice(o, n);
    }
    copy_into(index_view(a, src), index_view(out, dst));
  }
}

}  // namespace

array_desc roll(const array_desc& a, const std::vector<std::int64_t>& shifts,
                const std::optional<std::vector<std::int64_t>>& axes) {
  if (!axes) {
    // NumPy: roll(a.ravel(), shift, 0).reshape(a.shape).
    const array_desc r = roll(reshape(a, {-1}), shifts, std::vector<std::int64_t>{0});
    return reshaped_fresh(r, a.shape);
  }
  const std::vector<std::int64_t> offset = roll_offsets(a, shifts, *axes);
  array_desc out = make_array(a.shape, a.dt);
  copy_rolled(a, offset, out);
  return out;
}

array_desc rot90(const array_desc& a, std::int64_t k, const std::vector<std::int64_t>& axes) {
  CUPP_EXPECTS(axes.size() == 2, value_error, "len(axes) must be 2.");
  const std::int64_t nd = a.ndim(), a0 = axes[0], a1 = axes[1];
  CUPP_EXPECTS(a0 != a1 && std::abs(a0 - a1) != nd, value_error, "Axes must be different.");
  CUPP_EXPECTS(a0 < nd && a0 >= -nd && a1 < nd && a1 >= -nd, value_error,
               "Axes=(" + std::to_string(a0) + ", " + std::to_string(a1) +
                   ") out of range for array of ndim=" + std::to_string(nd) + ".");
  k = python_mod(k, 4);
  if (k == 0) return index_view(a, {slice()});
  if (k == 2) return flip(flip(a, std::vector<std::int64_t>{a0}), std::vector<std::int64_t>{a1});
  std::vector<std::int64_t> perm(static_cast<std::size_t>(nd));
  std::iota(perm.begin(), perm.end(), std::int64_t{0});
  std::swap(perm[static_cast<std::size_t>(normalize_axis(a0, nd))],
            perm[static_cast<std::size_t>(normalize_axis(a1, nd))]);
  if (k == 1) return transpose(flip(a, std::vector<std::int64_t>{a1}), perm);
  return flip(transpose(a, perm), std::vector<std::int64_t>{a1});
}

array_desc resize(const array_desc& a, const shape_t& new_shape) {
  for (const std::int64_t d : new_shape)
    CUPP_EXPECTS(d >= 0, value_error, "all elements of `new_shape` must be non-negative");
  array_desc out = make_array(new_shape, a.dt);
  const std::int64_t n = a.size(), total = out.size();
  if (total == 0) return out;
  if (n == 0) {
    const std::vector<unsigned char> zero(a.itemsize(), 0);
    fill(out, zero.data());
    return out;
  }
  const auto item = static_cast<std::int64_t>(a.itemsize());
  auto flat = [&](std::int64_t start, std::int64_t count) {
    return make_view(out, shape_t{count}, strides_t{1}, out.ptr + start * item);
  };
  if (n <= total)
    copy_into(a, make_view(out, a.shape, c_strides(a.shape), out.ptr));
  else
    copy_into(index_view(reshape(a, {-1}), {slice(0, total)}), flat(0, total));
  // The data so far, copied after itself: log2(total / n) copies, never overlapping.
  for (std::int64_t filled = std::min(n, total); filled < total;) {
    const std::int64_t count = std::min(filled, total - filled);
    copy_into(flat(0, count), flat(filled, count));
    filled += count;
  }
  return out;
}

std::pair<bool, bool> trim_sides(const std::string& trim) {
  std::string t = trim;
  std::transform(t.begin(), t.end(), t.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  CUPP_EXPECTS(t == "fb" || t == "bf" || t == "f" || t == "b", value_error,
               "unexpected character(s) in `trim`: '" + t + "'");
  return {t.find('f') != std::string::npos, t.find('b') != std::string::npos};
}

}  // namespace cupp::detail
