// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// numpy.pad: the argument forms and checks (NumPy's _as_pairs and keyword table), the generated
// kernels and the passes of the modes that depend on values padded along earlier axes.
#include "cupp/routines/padding.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "../cuda/launch.hpp"
#include "../jit/registry.hpp"
#include "cupp/core/error.hpp"
#include "cupp/expr/engine.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "cupp/routines/statistics.hpp"

namespace cupp::detail {
namespace {

using width_pairs = std::vector<pad_width_arg::pair>;
using value_pairs = std::vector<pad_values::pair>;

/// The most dimensions pad takes: the kernels get every per-axis figure in one argument struct.
constexpr int kPadMaxDims = 32;

// Note [Pad kernels] in kernels/cupp/pad.cuh tells how the kernels cover the output.

// The host images of the kernels' argument structs (same members, same order).
struct pad_geom {
  long long out_shape[kPadMaxDims];
  long long in_shape[kPadMaxDims];
  long long in_stride[kPadMaxDims];
  long long before[kPadMaxDims];
  double value[kPadMaxDims][2][2];
  int ndim;
};
struct pad_lines {
  long long extent[kPadMaxDims];
  long long stride[kPadMaxDims];
  long long origin;
  long long length;
  long long stride_axis;
  long long before;
  long long n;
  long long stat_left, stat_right;
  double end_value[2][2];
  int nd;
};

// Kernel parameters: the launch copies these bytes, which the device structs read.
static_assert(sizeof(pad_geom) == 8 * (8 * kPadMaxDims + 1), "pad_geom is packed as its device twin");
static_assert(sizeof(pad_lines) == 8 * (2 * kPadMaxDims + 12), "pad_lines is packed as its twin");

enum index_mode : int { m_empty = 0, m_constant, m_edge, m_reflect, m_symmetric, m_wrap };
enum axis_op : int { op_max = 1, op_min, op_mean, op_median, op_ramp, op_ramp_flag, op_odd };

const char* real_compute_type(dtype dt) {
  return dt == dtype::float32 || dt == dtype::complex64 || dt == dtype::float16 ||
                 dt == dtype::bfloat16
             ? "float"
             : "double";
}

std::string kernel_name(const char* what, dtype dt) {
  return std::string(what) + dtype_name(dt);
}

/// The index kernel (`index`) or the axis-pass kernel of `dt`, from the registry (compiled on
/// its first launch).
const RawKernel& pad_kernel(dtype dt, bool index) {
  return jit::detail::library_kernel(pad_kernel_source(dt),
                                     kernel_name(index ? "cupp_pad_" : "cupp_pad_axis_", dt));
}

// ---- arguments, as NumPy's _as_pairs reads them ------------------------------------------------

std::string pairs_shape(std::size_t n) { return "(" + std::to_string(n) + ",2)"; }

/// NumPy's np.broadcast_to message for a list of pairs that is neither one pair nor ndim.
[[noreturn]] void throw_not_broadcast(std::size_t n, std::int64_t ndim) {
  const std::string have = n == 0 ? "(0,)" : pairs_shape(n);
  throw value_error("operands could not be broadcast together with remapped shapes "
                    "[original->remapped]: " + have + "  and requested shape " +
                    pairs_shape(static_cast<std::size_t>(ndim)));
}

/// pad_width or stat_length as one (before, after) pair per axis.
width_pairs as_index_pairs(const pad_width_arg& w, std::int64_t ndim) {
  const width_pairs& p = w.pairs();
  if (p.empty())
    throw value_error("zero-size array to reduction operation minimum which has no identity");
  for (const auto& [before, after] : p)
    if (before < 0 || after < 0) throw value_error("index can't contain negative values");
  if (p.size() == 1) return width_pairs(static_cast<std::size_t>(ndim), p[0]);
  if (static_cast<std::int64_t>(p.size()) != ndim) throw_not_broadcast(p.size(), ndim);
  return p;
}

value_pairs as_value_pairs(const pad_values& v, std::int64_t ndim) {
  const value_pairs& p = v.pairs();
  if (p.size() == 1) return value_pairs(static_cast<std::size_t>(ndim), p[0]);
  if (static_cast<std::int64_t>(p.size()) != ndim) throw_not_broadcast(p.size(), ndim);
  return p;
}

/// NumPy's table of the keyword arguments each mode takes; throws for an unknown mode or a
/// keyword the mode does not take.
void check_keywords(const std::string& mode, const pad_options& o) {
  static const std::map<std::string, std::vector<std::string>> allowed = {
      {"empty", {}},
      {"edge", {}},
      {"wrap", {}},
      {"constant", {"constant_values"}},
      {"linear_ramp", {"end_values"}},
      {"maximum", {"stat_length"}},
      {"mean", {"stat_length"}},
      {"median", {"stat_length"}},
      {"minimum", {"stat_length"}},
      {"reflect", {"reflect_type"}},
      {"symmetric", {"reflect_type"}},
  };
  const auto it = allowed.find(mode);
  if (it == allowed.end()) throw value_error("mode '" + mode + "' is not supported");
  const std::pair<const char*, bool> given[] = {
      {"constant_values", o.constant_values().has_value()},
      {"end_values", o.end_values().has_value()},
      {"stat_length", o.stat_length().has_value()},
      {"reflect_type", o.reflect_type().has_value()},
  };
  std::string unsupported;
  for (const auto& [name, set] : given) {
    if (!set || std::find(it->second.begin(), it->second.end(), name) != it->second.end()) continue;
    unsupported += (unsupported.empty() ? "'" : ", '") + std::string(name) + "'";
  }
  if (!unsupported.empty())
    throw value_error("unsupported keyword arguments for mode '" + mode + "': {" + unsupported +
                      "}");
  // NumPy reads any reflect_type other than "odd" as "even"; cupp refuses a misspelling.
  if (o.reflect_type() && *o.reflect_type() != "even" && *o.reflect_type() != "odd")
    throw value_error("reflect_type must be 'even' or 'odd', got '" + *o.reflect_type() + "'");
}

// ---- launches ------------------------------------------------------------------------------------

/// One launch of the index kernel: `out` (C-contiguous, the padded shape) from `a`.
void launch_index(const array_desc& a, const array_desc& out, const width_pairs& w,
                  const value_pairs& values, index_mode mode) {
  pad_geom g{};
  const int nd = static_cast<int>(a.ndim());
  g.ndim = nd;
  for (int d = 0; d < nd; ++d) {
    const auto k = static_cast<std::size_t>(d);
    g.out_shape[d] = out.shape[k];
    g.in_shape[d] = a.shape[k];
    g.in_stride[d] = a.strides[k];
    g.before[d] = w[k].first;
    if (!values.empty()) {
      g.value[d][0][0] = values[k].first.real();
      g.value[d][0][1] = values[k].first.imag();
      g.value[d][1][0] = values[k].second.real();
      g.value[d][1][1] = values[k].second.imag();
    }
  }
  const long long cols = out.shape.back();
  const long long rows = out.size() / cols;
  unsigned bx = 32;
  while (bx < 256 && bx < cols) bx *= 2;
  const unsigned by = 256 / bx;
  // A grid-stride loop over rows, `by` rows a block: as many blocks as rows * bx threads take.
  const RawKernel& kernel = pad_kernel(a.dt, true);
  kernel({resident_blocks(kernel, rows * bx, 256u)}, {bx, by}, static_cast<const void*>(a.ptr),
         static_cast<void*>(out.ptr), g, rows, static_cast<int>(mode));
}

/// NumPy's region of interest of `axis` in `out`: earlier axes in full, later ones at their
/// original extent; the lines along `axis`.
pad_lines region_of(const array_desc& a, const array_desc& out, const width_pairs& w,
                    std::size_t axis) {
  pad_lines L{};
  const strides_t ostr = c_strides(out.shape);
  for (std::size_t d = 0; d < out.shape.size(); ++d) {
    if (d == axis) continue;
    L.extent[L.nd] = d < axis ? out.shape[d] : a.shape[d];
    L.stride[L.nd] = ostr[d];
    if (d > axis) L.origin += w[d].first * ostr[d];
    ++L.nd;
  }
  L.length = out.shape[axis];
  L.stride_axis = ostr[axis];
  L.before = w[axis].first;
  L.n = a.shape[axis];
  return L;
}

std::int64_t line_count(const pad_lines& L) {
  std::int64_t lines = 1;
  for (int d = 0; d < L.nd; ++d) lines *= L.extent[d];
  return lines;
}

void launch_axis(dtype dt, const array_desc& out, const pad_lines& L, axis_op op, int option,
                 const void* pre_left = nullptr, const void* pre_right = nullptr,
                 void* flags = nullptr) {
  const std::int64_t lines = line_count(L);
  if (lines == 0) return;
  const RawKernel& kernel = pad_kernel(dt, false);
  kernel({resident_blocks(kernel, lines, 256u)}, {256u}, static_cast<void*>(out.ptr), L,
         static_cast<long long>(lines), static_cast<int>(op), option, pre_left, pre_right, flags);
}

/// The window [start, start + len) of `axis` in the region of interest, as a view of `out`.
array_desc window(const array_desc& out, const pad_lines& L, std::size_t axis, std::int64_t start,
                  std::int64_t len) {
  shape_t shape;
  strides_t strides;
  int k = 0;
  for (std::size_t d = 0; d < out.shape.size(); ++d) {
    if (d == axis) {
      shape.push_back(len);
      strides.push_back(L.stride_axis);
    } else {
      shape.push_back(L.extent[k]);
      strides.push_back(L.stride[k]);
      ++k;
    }
  }
  char* ptr = out.ptr + (L.origin + start * L.stride_axis) * static_cast<long long>(out.itemsize());
  return make_view(out, shape, strides, ptr);
}

/// The statistic windows of every axis (stat_length clipped to the axis, as NumPy's _get_stats
/// does), checked before any device work.
width_pairs stat_lengths(const array_desc& a, const std::string& mode, const pad_options& o) {
  const auto ndim = a.ndim();
  if (is_complex(a.dt) && mode != "mean")
    throw type_error("pad mode '" + mode + "' is not supported for complex arrays");
  width_pairs lengths(static_cast<std::size_t>(ndim), {-1, -1});  // -1: the whole axis
  if (o.stat_length()) lengths = as_index_pairs(*o.stat_length(), ndim);
  for (std::size_t d = 0; d < static_cast<std::size_t>(ndim); ++d) {
    auto& [l, r] = lengths[d];
    if (l < 0 || l > a.shape[d]) l = a.shape[d];
    if (r < 0 || r > a.shape[d]) r = a.shape[d];
    if ((l == 0 || r == 0) && (mode == "maximum" || mode == "minimum"))
      throw value_error("stat_length of 0 yields no value for padding");
  }
  return lengths;
}

/// maximum, minimum, mean, median: NumPy's _get_stats and _set_pad_area for every axis in order.
void pad_statistic(const array_desc& a, const array_desc& out, const width_pairs& w,
                   const std::string& mode, const width_pairs& lengths) {
  const auto ndim = a.ndim();
  const axis_op op = mode == "maximum" ? op_max
                     : mode == "minimum" ? op_min
                     : mode == "mean"    ? op_mean
                                         : op_median;
  for (std::size_t d = 0; d < static_cast<std::size_t>(ndim); ++d) {
    if (w[d].first == 0 && w[d].second == 0) continue;  // nothing to write along this axis
    pad_lines L = region_of(a, out, w, d);
    L.stat_left = lengths[d].first;
    L.stat_right = lengths[d].second;
    if (op != op_median) {
      launch_axis(a.dt, out, L, op, 0);
      continue;
    }
    // The medians of the windows at both edges, one per line, in the lines' order (kept alive
    // until the launch is enqueued).
    const auto median_of = [&](std::int64_t start, std::int64_t len) {
      if (len == 0) return array_desc{};
      return median_array(window(out, L, d, start, len), axis_arg(static_cast<std::int64_t>(d)),
                          false, false, dtype::float64);
    };
    const array_desc left = median_of(L.before, L.stat_left);
    const array_desc right = median_of(L.before + L.n - L.stat_right, L.stat_right);
    launch_axis(a.dt, out, L, op, 0, left.ptr, right.ptr);
  }
}

/// linear_ramp: NumPy's _get_linear_ramps for every axis in order. A first launch finds whether
/// some step of either side's linspace is 0 (NumPy then divides before multiplying, for the
/// whole call), the second writes the ramps.
void pad_linear_ramp(const array_desc& a, const array_desc& out, const width_pairs& w,
                     const pad_options& o) {
  const value_pairs ends = as_value_pairs(o.end_values().value_or(pad_values(0)), a.ndim());
  const array_desc flags = make_array({2}, dtype::int32);
  for (std::size_t d = 0; d < static_cast<std::size_t>(a.ndim()); ++d) {
    if (w[d].first == 0 && w[d].second == 0) continue;
    pad_lines L = region_of(a, out, w, d);
    L.end_value[0][0] = ends[d].first.real();
    L.end_value[0][1] = ends[d].first.imag();
    L.end_value[1][0] = ends[d].second.real();
    L.end_value[1][1] = ends[d].second.imag();
    const std::int32_t zero = 0;
    fill(flags, &zero);
    launch_axis(a.dt, out, L, op_ramp_flag, 0, nullptr, nullptr, flags.ptr);
    launch_axis(a.dt, out, L, op_ramp, 0, nullptr, nullptr, flags.ptr);
  }
}

}  // namespace

std::string pad_kernel_source(dtype dt) {
  const bool complex = is_complex(dt);
  const bool narrow = dt == dtype::float16 || dt == dtype::bfloat16;
  std::string s = "#include <cupp/ufunc.cuh>\n";
  s += std::string("typedef ") + expr::detail::device_type_name(dt) + " cupp_t;\n";
  s += std::string("typedef ") + real_compute_type(dt) + " cupp_r_t;\n";
  s += std::string("typedef ") + (complex ? "cupp::complex<double>" : "double") + " cupp_acc_t;\n";
  s += "#define CUPP_PAD_COMPLEX " + std::string(complex ? "1" : "0") + "\n";
  s += "#define CUPP_PAD_NARROW " + std::string(narrow ? "1" : "0") + "\n";
  s += "#define CUPP_PAD_BOOL " + std::string(dt == dtype::bool_ ? "1" : "0") + "\n";
  s += "#define CUPP_PAD_INTEGER " + std::string(is_integer(dt) ? "1" : "0") + "\n";
  s += "#define CUPP_PAD_K " + std::to_string(kPadMaxDims) + "\n";
  s += "#define CUPP_PAD_NAME " + kernel_name("cupp_pad_", dt) + "\n";
  s += "#define CUPP_PAD_AXIS_NAME " + kernel_name("cupp_pad_axis_", dt) + "\n";
  return jit::detail::routine_source("cupp/pad.cuh", s);
}

array_desc pad(const array_desc& a, const pad_width_arg& pad_width, const std::string& mode,
               const pad_options& options) {
  const std::int64_t ndim = a.ndim();
  const width_pairs w = as_index_pairs(pad_width, ndim);
  check_keywords(mode, options);
  value_pairs values;
  if (mode == "constant")
    values = as_value_pairs(options.constant_values().value_or(pad_values(0)), ndim);
  CUPP_EXPECTS(ndim <= kPadMaxDims, value_error,
               "pad takes arrays of at most " + std::to_string(kPadMaxDims) + " dimensions");
  shape_t shape = a.shape;
  for (std::size_t d = 0; d < shape.size(); ++d) shape[d] += w[d].first + w[d].second;
  if (mode != "constant" && mode != "empty" && a.size() == 0) {
    for (std::size_t d = 0; d < shape.size(); ++d)
      if (a.shape[d] == 0 && (w[d].first > 0 || w[d].second > 0))
        throw value_error("can't extend empty axis " + std::to_string(d) +
                          " using modes other than 'constant' or 'empty'");
  }
  const bool odd = options.reflect_type() && *options.reflect_type() == "odd";
  const bool statistic =
      mode == "maximum" || mode == "minimum" || mode == "mean" || mode == "median";
  // Every argument is read before any device work, in NumPy's order (which reads none of the
  // others for an empty array).
  width_pairs lengths;
  if (a.size() > 0 && statistic) lengths = stat_lengths(a, mode, options);
  if (a.size() > 0 && mode == "linear_ramp")
    as_value_pairs(options.end_values().value_or(pad_values(0)), ndim);
  array_desc out = make_array(shape, a.dt);
  if (out.size() == 0) return out;  // `a` is empty too: nothing to read or write
  if (ndim == 0) {  // no axes to pad
    copy_into(a, out);
    return out;
  }
  index_mode m = m_empty;
  if (mode == "constant") m = m_constant;
  else if (mode == "edge") m = m_edge;
  else if (mode == "wrap") m = m_wrap;
  else if (mode == "reflect" && !odd) m = m_reflect;
  else if (mode == "symmetric" && !odd) m = m_symmetric;
  launch_index(a, out, w, values, m);
  if (statistic) {
    pad_statistic(a, out, w, mode, lengths);
  } else if (mode == "linear_ramp") {
    pad_linear_ramp(a, out, w, options);
  } else if (odd) {
    for (std::size_t d = 0; d < static_cast<std::size_t>(ndim); ++d)
      if (w[d].first > 0 || w[d].second > 0)
        launch_axis(a.dt, out, region_of(a, out, w, d), op_odd, mode == "symmetric" ? 1 : 0);
  }
  return out;
}

}  // namespace cupp::detail
