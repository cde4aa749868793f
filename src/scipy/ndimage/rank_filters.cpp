// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The rank and generic filters of cupp::scipy::ndimage (include/cupp/scipy/ndimage/filters.hpp):
// SciPy's argument handling (its _min_or_max_filter, _rank_filter, generic_filter and
// generic_filter1d, in its order of checks), the footprint's offsets, and the launches of the
// kernels of kernels/cupp/ndimage_rank.cuh (Note [Rank filter kernels] there).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "../../cuda/launch.hpp"
#include "../../jit/registry.hpp"
#include "cupp/core/error.hpp"
#include "cupp/expr/engine.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "cupp/scipy/ndimage/filters.hpp"

namespace cupp::scipy::ndimage::detail {

using cupp::detail::cover_blocks;
using cupp::detail::from_host;
using cupp::detail::make_array;
using cupp::detail::resident_blocks;

namespace {

/// The most dimensions the kernels take (NumPy's limit is 64; SciPy's ndimage C code 32).
constexpr int kMaxDims = 32;
/// The largest footprint whose values a thread keeps in its own buffer (local memory is reserved
/// for every thread the GPU holds at once, so this stays small); larger ones use a global
/// scratch buffer of at most kScratchBytes, which bounds the threads launched.
constexpr int kLocalValues = 128;
constexpr std::int64_t kScratchBytes = std::int64_t{256} << 20;
/// The largest rectangle the sorting-network kernel takes.
constexpr int kNetworkValues = 64;

// The host image of the kernels' cupp_ndi_geom (same members, same order).
struct ndi_geom {
  long long shape[kMaxDims];
  long long stride[kMaxDims];
  long long reach_lo[kMaxDims];
  long long reach_hi[kMaxDims];
  int ndim;
};

/// A footprint over every axis of the input: its shape, which elements are in it (C order), the
/// structure's values (non-flat grey morphology; empty otherwise) and the origin of each axis.
struct footprint_t {
  shape_t shape;
  std::vector<char> mask;
  std::vector<double> structure;
  std::vector<int> origin;
  std::int64_t count() const { return std::count(mask.begin(), mask.end(), char(1)); }
};

void check_real(dtype dt) {
  if (is_complex(dt)) throw type_error("Complex type not supported");
}

/// The type the values are compared in: float for the 16- and 32-bit floats (exact), double for
/// everything else and wherever a structure is added, as SciPy's C code computes in double.
dtype compute_dtype(dtype dt, bool wide) {
  if (!wide && (dt == dtype::float32 || dt == dtype::float16 || dt == dtype::bfloat16))
    return dtype::float32;
  return dtype::float64;
}

/// `a` as a C-contiguous array of dtype `c` (itself when it already is one).
array_desc as_compute(const array_desc& a, dtype c) {
  if (a.dt == c && is_c_contiguous(a.shape, a.strides)) return a;
  return cupp::array(a).astype(c).desc();
}

std::string spec_name(dtype c, dtype out, const rank_kernel_spec& s) {
  std::string n = "cupp_ndi_";
  switch (s.kernel) {
    case 1:
      n += s.op == 0   ? "minimum_filter_"
           : s.op == 1 ? "maximum_filter_"
           : s.op == 2 ? "rank_filter_"
                       : "generic_filter_";
      if (s.structure) n += "structure_";
      break;
    case 2:
      n += "min_or_max_filter1d_";
      break;
    case 5:
      n += "min_or_max_filter_2d_";
      break;
    case 3:
      n += "rank_filter_" + std::to_string(s.kh) + "x" + std::to_string(s.kw) + "_r" +
           std::to_string(s.rank) + "_";
      break;
    default:
      n += "generic_filter1d_";
      break;
  }
  return n + dtype_name(c) + "_" + dtype_name(out);
}

const RawKernel& rank_kernel(dtype c, dtype out, const rank_kernel_spec& s) {
  return jit::detail::library_kernel(rank_kernel_source(c, out, s), spec_name(c, out, s));
}

/// The host values of a footprint or structure, in C order.
std::vector<double> host_values(const array_desc& a) {
  return cupp::array(a).get<double>(casting::unsafe);
}

template <class V>
array_desc to_device(const std::vector<V>& v, dtype dt) {
  array_desc d = make_array({static_cast<std::int64_t>(v.size())}, dt);
  if (!v.empty()) from_host(d, v.data());
  return d;
}

// ---- launches ----------------------------------------------------------------------------------

/// One separable min/max pass along `axis` of the C-contiguous `src` (compute dtype) into the
/// C-contiguous `dst`.
void launch_pass(const array_desc& src, const array_desc& dst, int axis, int size, int origin,
                 boundary mode, double cval, bool minimum) {
  std::int64_t outer = 1, inner = 1;
  for (int d = 0; d < axis; ++d) outer *= src.shape[static_cast<std::size_t>(d)];
  for (std::size_t d = static_cast<std::size_t>(axis) + 1; d < src.shape.size(); ++d)
    inner *= src.shape[d];
  const std::int64_t n = src.shape[static_cast<std::size_t>(axis)];
  unsigned bx = 1;
  while (bx < 32 && bx < inner) bx *= 2;
  const unsigned by = 256 / bx;
  const int per = 4;
  const std::int64_t span = static_cast<std::int64_t>(by) * per;
  std::size_t smem = static_cast<std::size_t>(span + size - 1) * bx * src.itemsize();
  int direct = 0;
  if (smem > 48 * 1024) {
    smem = 0;
    direct = 1;
  }
  rank_kernel_spec s;
  s.kernel = 2;
  const RawKernel& k = rank_kernel(src.dt, dst.dt, s);
  const auto cap = [](std::int64_t v) {
    return static_cast<unsigned>(std::clamp<std::int64_t>(v, 1, 65535));
  };
  const unsigned gx = cover_blocks(inner, bx);
  k({gx, cap((n + span - 1) / span), cap(outer)}, {bx, by}, cupp::shared_mem(smem),
    static_cast<const void*>(src.ptr), static_cast<void*>(dst.ptr), static_cast<long long>(outer),
    static_cast<long long>(n), static_cast<long long>(inner), size, size / 2 + origin,
    static_cast<int>(mode), cval, minimum ? 1 : 0, per, direct);
}

/// The gather over any footprint: op 0 minimum, 1 maximum, 2 rank, 3 generic (`function`).
array_desc launch_gather(const array_desc& src, dtype out, const footprint_t& f, int op, int rank,
                         boundary mode, double cval, const std::string& function = {}) {
  array_desc dst = make_array(src.shape, out);
  const std::int64_t total = dst.size();
  if (total == 0) return dst;
  const int nd = static_cast<int>(src.ndim());
  CUPP_EXPECTS(
      nd <= kMaxDims, value_error,
      "the rank filters take arrays of at most " + std::to_string(kMaxDims) + " dimensions");
  ndi_geom g{};
  g.ndim = nd;
  const strides_t str = c_strides(src.shape);
  for (int d = 0; d < nd; ++d) {
    g.shape[d] = src.shape[static_cast<std::size_t>(d)];
    g.stride[d] = str[static_cast<std::size_t>(d)];
    g.reach_lo[d] = 0;
    g.reach_hi[d] = 0;
  }
  std::vector<int> offs;
  std::vector<long long> lin;
  std::vector<double> sval;
  const std::int64_t fsize = static_cast<std::int64_t>(f.mask.size());
  bool first = true;
  for (std::int64_t e = 0; e < fsize; ++e) {
    if (!f.mask[static_cast<std::size_t>(e)]) continue;
    std::int64_t rest = e;
    std::vector<long long> off(static_cast<std::size_t>(nd));
    for (int d = nd - 1; d >= 0; --d) {
      const std::int64_t len = f.shape[static_cast<std::size_t>(d)];
      off[static_cast<std::size_t>(d)] =
          rest % len - (len / 2 + f.origin[static_cast<std::size_t>(d)]);
      rest /= len;
    }
    long long l = 0;
    for (int d = 0; d < nd; ++d) {
      const long long o = off[static_cast<std::size_t>(d)];
      offs.push_back(static_cast<int>(o));
      l += o * g.stride[d];
      g.reach_lo[d] = first ? o : std::min(g.reach_lo[d], o);
      g.reach_hi[d] = first ? o : std::max(g.reach_hi[d], o);
    }
    first = false;
    lin.push_back(l);
    if (!f.structure.empty()) sval.push_back(f.structure[static_cast<std::size_t>(e)]);
  }
  const int count = static_cast<int>(lin.size());
  rank_kernel_spec s;
  s.kernel = 1;
  s.op = op;
  s.structure = !sval.empty();
  s.function = function;
  if (op >= 2 && count <= kLocalValues) {
    s.local = 8;
    while (s.local < count) s.local *= 2;
  }
  const array_desc d_offs = to_device(offs.empty() ? std::vector<int>{0} : offs, dtype::int32);
  const array_desc d_lin = to_device(lin, dtype::int64);
  const array_desc d_s = to_device(sval.empty() ? std::vector<double>{0.0} : sval, dtype::float64);
  const RawKernel& k = rank_kernel(src.dt, out, s);
  const unsigned threads = 256;
  unsigned blocks = resident_blocks(k, total, threads);
  array_desc scratch;
  if (op >= 2 && s.local == 0) {
    const std::int64_t per_block =
        std::int64_t{threads} * count * static_cast<std::int64_t>(src.itemsize());
    blocks = static_cast<unsigned>(
        std::clamp<std::int64_t>(kScratchBytes / per_block, 1, static_cast<std::int64_t>(blocks)));
    scratch = make_array({static_cast<std::int64_t>(blocks) * threads * count}, src.dt);
  }
  k({blocks}, {threads}, static_cast<const void*>(src.ptr), static_cast<void*>(dst.ptr), g,
    static_cast<const void*>(d_offs.ptr), static_cast<const void*>(d_lin.ptr),
    static_cast<const void*>(d_s.ptr), count, rank, static_cast<int>(mode), cval,
    static_cast<long long>(total), static_cast<void*>(scratch.ptr));
  return dst;
}

/// The rank filter of a full kh x kw rectangle over the last two axes (earlier axes of
/// footprint length 1): the sorting-network kernel.
array_desc launch_rectangle(const array_desc& src, dtype out, int kh, int kw, int rank, int cy,
                            int cx, boundary mode, double cval) {
  array_desc dst = make_array(src.shape, out);
  if (dst.size() == 0) return dst;
  const std::int64_t nd = src.ndim();
  const std::int64_t w = src.shape[static_cast<std::size_t>(nd - 1)];
  const std::int64_t h = nd >= 2 ? src.shape[static_cast<std::size_t>(nd - 2)] : 1;
  const std::int64_t batch = dst.size() / (h * w);
  rank_kernel_spec s;
  s.kernel = 3;
  s.kh = kh;
  s.kw = kw;
  s.rank = rank;
  const RawKernel& k = rank_kernel(src.dt, out, s);
  const auto cap = [](std::int64_t v) {
    return static_cast<unsigned>(std::clamp<std::int64_t>(v, 1, 65535));
  };
  k({cover_blocks(w, 32), cover_blocks(h, 8), cap(batch)}, {32u, 8u},
    static_cast<const void*>(src.ptr), static_cast<void*>(dst.ptr), static_cast<long long>(batch),
    static_cast<long long>(h), static_cast<long long>(w), cy, cx, static_cast<int>(mode), cval);
  return dst;
}

/// The shared memory of the 2-D min/max kernel for a kh x kw window (its 32 x 32 tile with the
/// halo, and the column extremes).
std::size_t tile_bytes(std::int64_t kh, std::int64_t kw, std::size_t item) {
  return static_cast<std::size_t>((32 + kh - 1 + 32) * (32 + kw - 1)) * item;
}

/// The rectangular minimum or maximum over the last two axes in one launch (kernel 5).
void launch_min_or_max_2d(const array_desc& src, const array_desc& dst, int kh, int kw, int cy,
                          int cx, boundary mode_y, boundary mode_x, double cval, bool minimum) {
  const std::int64_t nd = src.ndim();
  const std::int64_t w = src.shape[static_cast<std::size_t>(nd - 1)];
  const std::int64_t h = nd >= 2 ? src.shape[static_cast<std::size_t>(nd - 2)] : 1;
  const std::int64_t batch = dst.size() / (h * w);
  rank_kernel_spec s;
  s.kernel = 5;
  const RawKernel& k = rank_kernel(src.dt, dst.dt, s);
  k({cover_blocks(w, 32), cover_blocks(h, 32),
     static_cast<unsigned>(std::clamp<std::int64_t>(batch, 1, 65535))},
    {32u, 8u}, cupp::shared_mem(tile_bytes(kh, kw, src.itemsize())),
    static_cast<const void*>(src.ptr), static_cast<void*>(dst.ptr), static_cast<long long>(batch),
    static_cast<long long>(h), static_cast<long long>(w), kh, kw, cy, cx, static_cast<int>(mode_y),
    static_cast<int>(mode_x), cval, minimum ? 1 : 0);
}

// ---- SciPy's argument handling -----------------------------------------------------------------

int nd_of(const array_desc& a) { return static_cast<int>(a.ndim()); }

void check_origin(int origin, std::int64_t len) {
  if (len / 2 + origin < 0 || len / 2 + origin >= len) throw value_error("invalid origin");
}

/// The footprint mask of a given footprint array (nonzero is true).
footprint_t mask_of(const array_desc& fp) {
  footprint_t f;
  f.shape = fp.shape;
  for (double v : host_values(fp)) f.mask.push_back(v != 0.0 ? 1 : 0);
  return f;
}

footprint_t ones_footprint(const shape_t& shape) {
  footprint_t f;
  f.shape = shape;
  std::int64_t n = 1;
  for (auto s : shape) n *= s;
  f.mask.assign(static_cast<std::size_t>(n), 1);
  return f;
}

/// SciPy's _expand_footprint, _expand_origin and the fshape and origin checks: `f` (over the
/// filtered axes) over every axis of an ndim-dimensional input.
void expand_footprint(footprint_t& f, const std::vector<int>& axes, int ndim,
                      const per_axis<int>& origin) {
  const auto num_axes = axes.size();
  if (static_cast<int>(num_axes) < ndim) {
    if (f.shape.size() != num_axes)
      throw value_error("footprint.ndim (" + std::to_string(f.shape.size()) +
                        ") must match len(axes) (" + std::to_string(num_axes) + ")");
    shape_t full(static_cast<std::size_t>(ndim), 1);
    // np.expand_dims puts the footprint's axes, in order, at the filtered positions (sorted).
    std::vector<int> sorted = axes;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < sorted.size(); ++i)
      full[static_cast<std::size_t>(sorted[i])] = f.shape[i];
    f.shape = full;
  }
  const std::vector<int> o = origin.expand(num_axes);
  f.origin.assign(static_cast<std::size_t>(ndim), 0);
  if (static_cast<int>(num_axes) < ndim) {
    for (std::size_t i = 0; i < num_axes; ++i) f.origin[static_cast<std::size_t>(axes[i])] = o[i];
  } else {
    f.origin = o;
  }
  std::size_t positive = 0;
  for (auto s : f.shape) positive += s > 0 ? 1 : 0;
  if (positive != static_cast<std::size_t>(ndim))
    throw value_error("footprint.ndim (" + std::to_string(f.shape.size()) +
                      ") must match len(axes) (" + std::to_string(num_axes) + ")");
  for (int d = 0; d < ndim; ++d)
    check_origin(f.origin[static_cast<std::size_t>(d)], f.shape[static_cast<std::size_t>(d)]);
}

/// The footprint of the rank and generic filters, as SciPy's: a box of `size` over the filtered
/// axes, or the nonzero elements of `footprint`, expanded over every axis with its origins.
footprint_t size_or_footprint(const per_axis<int>& size, const array_desc* footprint,
                              const std::vector<int>& ax, int ndim, const per_axis<int>& origin) {
  footprint_t f;
  if (footprint == nullptr) {
    if (size_is_none(size)) throw value_error("no footprint or filter size provided");
    const std::vector<int> s = size.expand(ax.size());
    f = ones_footprint(shape_t(s.begin(), s.end()));
  } else {
    f = mask_of(*footprint);
  }
  expand_footprint(f, ax, ndim, origin);
  return f;
}

/// SciPy's _expand_mode: a sequence of modes (one per filtered axis) over every axis,
/// "constant" on the others; a single mode stays one.
per_axis<std::string> expand_mode(const per_axis<std::string>& mode, const std::vector<int>& axes,
                                  int ndim) {
  if (!mode.sequence()) return mode;
  const std::vector<std::string> m = mode.expand(axes.size());
  std::vector<std::string> full(static_cast<std::size_t>(ndim), "constant");
  for (std::size_t i = 0; i < axes.size(); ++i) full[static_cast<std::size_t>(axes[i])] = m[i];
  return per_axis<std::string>(full);
}

/// Whether `f` is a full rectangle over the last two axes (every earlier axis of length 1) that
/// the sorting-network kernel takes.
bool network_rectangle(const footprint_t& f) {
  const std::size_t nd = f.shape.size();
  if (nd == 0 || f.count() != static_cast<std::int64_t>(f.mask.size())) return false;
  for (std::size_t d = 0; d + 2 < nd; ++d)
    if (f.shape[d] != 1) return false;
  return static_cast<std::int64_t>(f.mask.size()) <= kNetworkValues;
}

/// The separable minimum/maximum: one pass per axis of size > 1, in the order of `axes`.
array_desc separable(const array_desc& input, dtype out, const std::vector<int>& axes,
                     const std::vector<int>& sizes, const std::vector<int>& origins,
                     const std::vector<std::string>& modes, double cval, bool minimum) {
  struct pass {
    int axis, size, origin;
    boundary mode;
  };
  std::vector<pass> passes;
  for (std::size_t i = 0; i < axes.size(); ++i) {
    if (sizes[i] <= 1) continue;
    check_origin(origins[i], sizes[i]);
    passes.push_back({axes[i], sizes[i], origins[i], filter_mode(modes[i])});
  }
  if (passes.empty() || input.size() == 0) return cupp::array(input).astype(out).desc();
  const dtype c = compute_dtype(input.dt, false);
  array_desc cur = as_compute(input, c);
  // Passes over the last two axes only, each once: one launch of the 2-D kernel where its tile
  // fits in shared memory.
  const int nd = static_cast<int>(input.ndim());
  int kh = 1, kw = 1, cy = 0, cx = 0;
  boundary mode_y = boundary::reflect, mode_x = boundary::reflect;
  // (A thin image gains nothing from 32-row tiles, and the grid holds 65535 tiles down: passes
  // there.)
  const std::int64_t rows = nd >= 2 ? input.shape[static_cast<std::size_t>(nd - 2)] : 1;
  bool fused = passes.size() <= 2 && rows >= 16 && rows <= std::int64_t{65535} * 32;
  for (const pass& p : passes) {
    if (p.axis == nd - 1 && kw == 1) {
      kw = p.size;
      cx = p.size / 2 + p.origin;
      mode_x = p.mode;
    } else if (p.axis == nd - 2 && kh == 1) {
      kh = p.size;
      cy = p.size / 2 + p.origin;
      mode_y = p.mode;
    } else {
      fused = false;
    }
  }
  if (fused && tile_bytes(kh, kw, dtype_itemsize(c)) <= 48 * 1024) {
    array_desc dst = make_array(input.shape, out);
    launch_min_or_max_2d(cur, dst, kh, kw, cy, cx, mode_y, mode_x, cval, minimum);
    return dst;
  }
  for (std::size_t p = 0; p < passes.size(); ++p) {
    array_desc next = make_array(input.shape, p + 1 == passes.size() ? out : c);
    launch_pass(cur, next, passes[p].axis, passes[p].size, passes[p].origin, passes[p].mode, cval,
                minimum);
    cur = next;
  }
  return cur;
}

}  // namespace

std::string rank_kernel_source(dtype compute, dtype out, const rank_kernel_spec& spec) {
  std::string s = "#include <cupp/ufunc.cuh>\n";
  s += std::string("typedef ") + expr::detail::device_type_name(compute) + " cupp_c_t;\n";
  s += std::string("typedef ") + expr::detail::device_type_name(out) + " cupp_out_t;\n";
  s += "#define CUPP_NDI_K " + std::to_string(kMaxDims) + "\n";
  s += "#define CUPP_NDI_NAME " + spec_name(compute, out, spec) + "\n";
  s += "#define CUPP_NDI_KERNEL " + std::to_string(spec.kernel) + "\n";
  s += "#define CUPP_NDI_OP " + std::to_string(spec.op) + "\n";
  s += "#define CUPP_NDI_STRUCTURE " + std::string(spec.structure ? "1" : "0") + "\n";
  s += "#define CUPP_NDI_LOCAL " + std::to_string(spec.local) + "\n";
  s += "#define CUPP_NDI_KH " + std::to_string(spec.kh) + "\n";
  s += "#define CUPP_NDI_KW " + std::to_string(spec.kw) + "\n";
  s += "#define CUPP_NDI_RANK " + std::to_string(spec.rank) + "\n";
  std::string source = jit::detail::routine_source("cupp/ndimage_rank.cuh", s);
  // The generic filters' user function: the body verbatim (its own lines and comments) under the
  // signature the header declares.
  if ((spec.kernel == 1 && spec.op == 3) || spec.kernel == 4)
    source += "\nCUPP_NDI_USER_FUNCTION {\n" + spec.function + "\n}\n";
  return source;
}

std::string rank_kernel_name(dtype compute, dtype out, const rank_kernel_spec& spec) {
  return spec_name(compute, out, spec);
}

array_desc min_or_max_filter1d(const array_desc& input, dtype out, int size, int axis,
                               const std::string& mode, double cval, int origin, bool minimum) {
  check_real(input.dt);
  const int ax = static_cast<int>(normalize_axis(axis, input.ndim()));
  if (size < 1) throw value_error("incorrect filter size");
  check_origin(origin, size);
  const boundary m = filter_mode(mode);
  if (input.size() == 0) return make_array(input.shape, out);
  const dtype c = compute_dtype(input.dt, false);
  const array_desc src = as_compute(input, c);
  array_desc dst = make_array(input.shape, out);
  launch_pass(src, dst, ax, size, origin, m, cval, minimum);
  return dst;
}

array_desc min_or_max_filter(const array_desc& input, dtype out, const per_axis<int>& size,
                             const array_desc* footprint, const array_desc* structure,
                             const per_axis<std::string>& mode, double cval,
                             const per_axis<int>& origin, const axis_arg& axes, bool minimum) {
  bool is_separable = true;
  per_axis<int> sizes = size;
  footprint_t f;
  std::vector<double> svalues;
  shape_t sshape;
  if (structure == nullptr) {
    if (footprint == nullptr) {
      if (size_is_none(size)) throw value_error("no footprint provided");
    } else {
      f = mask_of(*footprint);
      const std::int64_t n = f.count();
      if (n == 0) throw value_error("All-zero footprint is not supported.");
      if (n == static_cast<std::int64_t>(f.mask.size())) {
        std::vector<int> shape;
        for (auto s : f.shape) shape.push_back(static_cast<int>(s));
        sizes = per_axis<int>(shape);
      } else {
        is_separable = false;
      }
    }
  } else {
    svalues = host_values(*structure);
    sshape = structure->shape;
    is_separable = false;
    f = footprint == nullptr ? ones_footprint(sshape) : mask_of(*footprint);
  }
  check_real(input.dt);
  const int ndim = static_cast<int>(input.ndim());
  const std::vector<int> ax = filter_axes(axes, ndim);
  if (is_separable) {
    const std::vector<int> o = origin.expand(ax.size());
    const std::vector<int> s = sizes.expand(ax.size());
    const std::vector<std::string> m = mode.expand(ax.size());
    return separable(input, out, ax, s, o, m, cval, minimum);
  }
  expand_footprint(f, ax, ndim, origin);
  if (structure != nullptr) {
    if (sshape.size() != ax.size()) throw value_error("structure array has incorrect shape");
    if (svalues.size() != f.mask.size()) throw value_error("structure array has incorrect shape");
    f.structure = svalues;
  }
  if (mode.sequence())
    throw value_error("A sequence of modes is not supported for non-separable footprints");
  const boundary m = filter_mode(mode.values().front());
  const dtype c = compute_dtype(input.dt, structure != nullptr);
  if (input.size() == 0) return make_array(input.shape, out);
  return launch_gather(as_compute(input, c), out, f, minimum ? 0 : 1, 0, m, cval);
}

array_desc rank_filter(const array_desc& input, dtype out, double rank, rank_kind kind,
                       const per_axis<int>& size, const array_desc* footprint,
                       const per_axis<std::string>& mode, double cval, const per_axis<int>& origin,
                       const axis_arg& axes) {
  check_real(input.dt);
  const int ndim = static_cast<int>(input.ndim());
  const std::vector<int> ax = filter_axes(axes, ndim);
  const footprint_t f = size_or_footprint(size, footprint, ax, ndim, origin);
  const per_axis<std::string> modes = expand_mode(mode, ax, ndim);
  const std::int64_t filter_size = f.count();
  std::int64_t r = 0;
  if (kind == rank_kind::median) {
    r = filter_size / 2;
  } else if (kind == rank_kind::percentile) {
    double p = rank;
    if (p < 0.0) p += 100.0;
    if (p < 0 || p > 100) throw value_error("invalid percentile");
    r = p == 100.0 ? filter_size - 1
                   : static_cast<std::int64_t>(static_cast<double>(filter_size) * p / 100.0);
  } else {
    r = static_cast<std::int64_t>(rank);
  }
  if (r < 0) r += filter_size;
  if (r < 0 || r >= filter_size) throw value_error("rank not within filter footprint size");
  if (r == 0 || r == filter_size - 1) {
    // SciPy hands these to minimum_filter / maximum_filter with the expanded footprint, origins
    // and modes over every axis.
    std::vector<int> origins(f.origin);
    std::vector<double> mask_values(f.mask.begin(), f.mask.end());
    const array_desc fp = make_array(f.shape, dtype::float64);
    if (!mask_values.empty()) from_host(fp, mask_values.data());
    return min_or_max_filter(input, out, {}, &fp, nullptr, modes, cval, per_axis<int>(origins), {},
                             r == 0);
  }
  if (modes.sequence())
    throw value_error("A sequence of modes is not supported by non-separable rank filters");
  const boundary m = filter_mode(modes.values().front());
  if (input.size() == 0) return make_array(input.shape, out);
  const dtype c = compute_dtype(input.dt, false);
  const array_desc src = as_compute(input, c);
  // (The rectangle kernel's grid holds 65535 rows of 8 lines: taller images gather.)
  const std::int64_t rows =
      input.ndim() >= 2 ? input.shape[static_cast<std::size_t>(nd_of(input) - 2)] : 1;
  if (network_rectangle(f) && rows <= std::int64_t{65535} * 8) {
    const std::size_t nd = f.shape.size();
    const int kw = static_cast<int>(f.shape[nd - 1]);
    const int kh = nd >= 2 ? static_cast<int>(f.shape[nd - 2]) : 1;
    const int cx = kw / 2 + f.origin[nd - 1];
    const int cy = nd >= 2 ? kh / 2 + f.origin[nd - 2] : 0;
    return launch_rectangle(src, out, kh, kw, static_cast<int>(r), cy, cx, m, cval);
  }
  return launch_gather(src, out, f, 2, static_cast<int>(r), m, cval);
}

array_desc generic_filter(const array_desc& input, dtype out, const std::string& function,
                          const per_axis<int>& size, const array_desc* footprint,
                          const std::string& mode, double cval, const per_axis<int>& origin,
                          const axis_arg& axes) {
  check_real(input.dt);
  const int ndim = static_cast<int>(input.ndim());
  const std::vector<int> ax = filter_axes(axes, ndim);
  const footprint_t f = size_or_footprint(size, footprint, ax, ndim, origin);
  const boundary m = filter_mode(mode);
  if (input.size() == 0) return make_array(input.shape, out);
  return launch_gather(as_compute(input, dtype::float64), out, f, 3, 0, m, cval, function);
}

array_desc generic_filter1d(const array_desc& input, dtype out, const std::string& function,
                            int filter_size, int axis, const std::string& mode, double cval,
                            int origin) {
  check_real(input.dt);
  if (filter_size < 1) throw value_error("invalid filter size");
  const int ax = static_cast<int>(normalize_axis(axis, input.ndim()));
  check_origin(origin, filter_size);
  const boundary m = filter_mode(mode);
  array_desc dst = make_array(input.shape, out);
  if (input.size() == 0) return dst;
  const array_desc src = as_compute(input, dtype::float64);
  std::int64_t inner = 1;
  for (std::size_t d = static_cast<std::size_t>(ax) + 1; d < src.shape.size(); ++d)
    inner *= src.shape[d];
  const std::int64_t n = src.shape[static_cast<std::size_t>(ax)];
  const std::int64_t lines = src.size() / n;
  rank_kernel_spec s;
  s.kernel = 4;
  s.function = function;
  const RawKernel& k = rank_kernel(dtype::float64, out, s);
  // Lines in chunks whose scratch (the extended line and the output line of each) stays within
  // 256 MiB.
  const std::int64_t per_line = 2 * n + filter_size - 1;
  const std::int64_t chunk =
      std::max<std::int64_t>(1, std::min<std::int64_t>(lines, (std::int64_t{32} << 20) / per_line));
  const array_desc scratch = make_array({chunk * per_line}, dtype::float64);
  for (std::int64_t first = 0; first < lines; first += chunk) {
    const std::int64_t count = std::min(chunk, lines - first);
    k({resident_blocks(k, count, 128u)}, {128u}, static_cast<const void*>(src.ptr),
      static_cast<void*>(dst.ptr), static_cast<long long>(n), static_cast<long long>(inner),
      static_cast<long long>(first), static_cast<long long>(count), filter_size,
      filter_size / 2 + origin, static_cast<int>(m), cval, static_cast<void*>(scratch.ptr));
  }
  return dst;
}

}  // namespace cupp::scipy::ndimage::detail
