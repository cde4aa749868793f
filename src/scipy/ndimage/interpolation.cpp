// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// scipy.ndimage's map_coordinates, affine_transform, shift, zoom and rotate: SciPy's argument
// checks and geometry (its _interpolation.py), the prefilter (spline.cpp), and one launch of the
// interpolation kernel (Note [Interpolation kernel] in kernels/cupp/ndimage_interp.cuh).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "../../cuda/launch.hpp"
#include "../../jit/registry.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/runtime_array.hpp"
#include "cupp/expr/dynamic.hpp"
#include "cupp/expr/engine.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "cupp/routines/padding.hpp"
#include "cupp/scipy/ndimage/interpolation.hpp"

namespace cupp::scipy::ndimage {

affine_matrix::affine_matrix(std::initializer_list<std::initializer_list<double>> rows) {
  std::vector<std::vector<double>> r;
  for (const auto& row : rows) r.emplace_back(row);
  set_rows(r);
}

affine_matrix::affine_matrix(const std::vector<std::vector<double>>& rows) { set_rows(rows); }

void affine_matrix::set_rows(const std::vector<std::vector<double>>& rows) {
  rows_ = static_cast<std::int64_t>(rows.size());
  cols_ = rows.empty() ? 0 : static_cast<std::int64_t>(rows.front().size());
  for (const auto& row : rows) {
    if (static_cast<std::int64_t>(row.size()) != cols_)
      throw value_error("setting an array element with a sequence. The requested array has an "
                        "inhomogeneous shape after 1 dimensions.");
    values_.insert(values_.end(), row.begin(), row.end());
  }
  // An empty list of rows is SciPy's np.asarray([]): one dimension of length 0.
  if (rows_ == 0) rows_ = -1;
}

std::vector<std::int64_t> affine_matrix::shape() const {
  if (rows_ == 0) return {static_cast<std::int64_t>(values_.size())};
  if (rows_ < 0) return {0};
  return {rows_, cols_};
}

namespace detail {

namespace {

constexpr int kK = interp_max_dims;

// The host image of cupp_ndi_interp_geom (same members, same order).
struct interp_geom {
  long long in_shape[kK];
  long long in_stride[kK];
  long long out_shape[kK];
  long long out_stride[kK];
  long long batch_stride[kK];
  double matrix[kK * kK];
  double shift[kK];
  double zoom[kK];
  long long size;
  double cval;
  double nprepad;
  int nbatch;
  int mode;
  int has_shift;
  int has_zoom;
  int grid_mode;
  int index32;
  int tiled;
  int rows;
};
static_assert(sizeof(interp_geom) == 8 * (7 * kK + kK * kK + 3) + 4 * 8,
              "interp_geom is packed as its device twin");

enum kind_code : int { kind_coordinates = 0, kind_matrix = 1, kind_zoom_shift = 2 };

const char* short_type(dtype dt) {
  switch (dt) {
    case dtype::bool_: return "b1";
    case dtype::int8: return "i1";
    case dtype::int16: return "i2";
    case dtype::int32: return "i4";
    case dtype::int64: return "i8";
    case dtype::uint8: return "u1";
    case dtype::uint16: return "u2";
    case dtype::uint32: return "u4";
    case dtype::uint64: return "u8";
    case dtype::float32: return "f4";
    default: return "f8";
  }
}

std::string interp_kernel_name(dtype in, dtype out, dtype coord, int in_ndim, int out_ndim,
                               int order, int kind, int mode, bool offset32) {
  static const char* kinds[] = {"map_coordinates", "affine", "zoom_shift"};
  std::string s = std::string("cupp_ndi_") + kinds[kind] + "_" + short_type(in) + "_" +
                  short_type(out);
  if (kind == kind_coordinates) s += std::string("_") + short_type(coord);
  s += "_" + std::to_string(in_ndim) + "d" + std::to_string(out_ndim) + "d_o" +
       std::to_string(order);
  if (mode >= 0) s += "_m" + std::to_string(mode);
  return offset32 ? s + "_i32" : s;
}

// Note [Mode variants]: a launch of at least kModeVariantSize outputs gets a kernel compiled for
// its one boundary mode (the mode's branches fold away), with 32-bit sample offsets where every
// offset into the samples fits; smaller ones share the kernel that reads the mode from its
// geometry, so that the many small calls compile few kernels.
constexpr long long kModeVariantSize = 1LL << 20;

std::string limit(double v) {
  std::ostringstream os;
  os.precision(17);
  os << v;
  std::string s = os.str();
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

std::pair<double, double> int_range(dtype dt) {
  switch (dt) {
    case dtype::int8: return {-128.0, 127.0};
    case dtype::int16: return {-32768.0, 32767.0};
    case dtype::int32: return {-2147483648.0, 2147483647.0};
    case dtype::int64: return {-9223372036854775808.0, 9223372036854775807.0};
    case dtype::uint8: return {0.0, 255.0};
    case dtype::uint16: return {0.0, 65535.0};
    case dtype::uint32: return {0.0, 4294967295.0};
    case dtype::uint64: return {0.0, 18446744073709551615.0};
    default: return {0.0, 0.0};
  }
}

/// Python's str of a shape: (4,) or (3, 3).
std::string py_shape(const std::vector<std::int64_t>& s) {
  std::string r = "(";
  for (std::size_t i = 0; i < s.size(); ++i) r += (i ? ", " : "") + std::to_string(s[i]);
  return r + (s.size() == 1 ? ",)" : ")");
}

void check_order(int order) {
  if (order < 0 || order > 5) throw value_error("spline order not supported");
}

void check_rank(std::size_t ndim) {
  if (ndim > static_cast<std::size_t>(kK))
    throw value_error("interpolation takes arrays of at most " + std::to_string(kK) +
                      " dimensions");
}

/// The samples the kernel reads: the B-spline coefficients (prefilter and order > 1: the input
/// padded by 12 for nearest and grid-constant, filtered along `axes`), else the input itself.
struct prepared {
  array_desc samples;
  double nprepad = 0;
  int mode = 0;
  dtype w = dtype::float64;
};

prepared prepare(const array_desc& input, const std::vector<int>& axes, int order,
                 const std::string& mode, double cval, bool prefilter, dtype out) {
  check_interp_dtype(input.dt);
  check_interp_dtype(out);
  prepared p;
  // Note [Prefilter precision] in spline.cpp: float32 in and out computes in float32.
  p.w = input.dt == dtype::float32 && out == dtype::float32 ? dtype::float32 : dtype::float64;
  if (prefilter && order > 1) {
    array_desc padded = input;
    if (mode == "nearest" || mode == "grid-constant") {
      std::vector<pad_width_arg::pair> width(input.shape.size(), {0, 0});
      for (const int a : axes) width[static_cast<std::size_t>(a)] = {12, 12};
      pad_options opt;
      if (mode == "grid-constant") opt.constant_values(cval);
      padded = cupp::detail::pad(input, pad_width_arg(width),
                                 mode == "nearest" ? "edge" : "constant", opt);
      p.nprepad = 12;
    }
    p.mode = static_cast<int>(interpolation_mode(mode));
    p.samples = spline_coefficients(padded, order, p.mode, axes, p.w);
  } else {
    p.mode = static_cast<int>(interpolation_mode(mode));
    p.samples = input;
  }
  return p;
}

/// One launch over the output's index space (geometry filled in by the caller but for the
/// sample array's figures).
void launch(const prepared& p, const std::vector<int>& axes, const std::vector<int>& batch,
            interp_geom& g, const array_desc& out, const std::vector<int>& out_axes, int out_ndim,
            int order, int kind, const array_desc* coords) {
  const array_desc& s = p.samples;
  for (std::size_t h = 0; h < axes.size(); ++h) {
    g.in_shape[h] = s.shape[static_cast<std::size_t>(axes[h])];
    g.in_stride[h] = s.strides[static_cast<std::size_t>(axes[h])];
  }
  g.nbatch = static_cast<int>(batch.size());
  for (std::size_t b = 0; b < batch.size(); ++b)
    g.batch_stride[b] = s.strides[static_cast<std::size_t>(batch[b])];
  long long size = 1;
  for (std::size_t d = 0; d < out_axes.size(); ++d) {
    g.out_shape[d] = out.shape[static_cast<std::size_t>(out_axes[d])];
    g.out_stride[d] = out.strides[static_cast<std::size_t>(out_axes[d])];
    size *= g.out_shape[d];
  }
  g.size = size;
  g.nprepad = p.nprepad;
  g.mode = p.mode;
  g.index32 = size <= 0xffffffffLL ? 1 : 0;
  if (size == 0) return;
  if (s.size() == 0) {
    // Nothing to interpolate from: SciPy reads past its empty input; cupp gives cval.
    cupp::detail::fill_array(out, expr::make_weak_scalar(g.cval));
    return;
  }
  const dtype cdt = coords ? coords->dt : dtype::float64;
  const bool large = size >= kModeVariantSize;
  const int fixed = large ? p.mode : -1;
  // The farthest offset from the samples' start, either way, and one stride beyond it (the
  // grid-constant support's index -1).
  long long span = 0;
  for (std::size_t d = 0; d < s.shape.size(); ++d)
    span += (s.shape[d] + 1) * (s.strides[d] < 0 ? -s.strides[d] : s.strides[d]);
  const bool offset32 = large && span < (1LL << 31) - 1;
  const int nd = static_cast<int>(axes.size());
  const RawKernel& kernel = jit::detail::library_kernel(
      interp_kernel_source(s.dt, out.dt, cdt, nd, out_ndim, order, kind, fixed, offset32),
      interp_kernel_name(s.dt, out.dt, cdt, nd, out_ndim, order, kind, fixed, offset32));
  // Note [Interpolation tiles] in kernels/cupp/ndimage_interp.cuh: outputs of two or more axes
  // go in 32 x 8 patches (the coordinates array's outputs, scattered anyway, in a 1-D launch).
  const long long cols = out_axes.empty() ? 1 : g.out_shape[out_axes.size() - 1];
  const long long rows = size / cols;
  g.tiled = kind != kind_coordinates && out_axes.size() >= 2 && cols >= 32 &&
            (rows + 7) / 8 <= 65535;
  if (g.tiled) {
    g.rows = static_cast<int>(rows);
    kernel(jit::dims(cupp::detail::cover_blocks(cols, 32), cupp::detail::cover_blocks(rows, 8)),
           jit::dims(32u, 8u), static_cast<const void*>(s.ptr),
           static_cast<const void*>(coords ? coords->ptr : nullptr), static_cast<void*>(out.ptr),
           g);
    return;
  }
  kernel({cupp::detail::cover_blocks(size, 256)}, {256u}, static_cast<const void*>(s.ptr),
         static_cast<const void*>(coords ? coords->ptr : nullptr), static_cast<void*>(out.ptr), g);
}

std::vector<int> all_axes(std::size_t n) {
  std::vector<int> a(n);
  for (std::size_t i = 0; i < n; ++i) a[i] = static_cast<int>(i);
  return a;
}

}  // namespace

std::string interp_kernel_source(dtype in, dtype out, dtype coord, int in_ndim, int out_ndim,
                                 int order, int kind, int mode, bool offset32) {
  const bool single = in == dtype::float32 && out == dtype::float32;
  std::string s;
  s += std::string("typedef ") + expr::detail::device_type_name(in) + " cupp_in_t;\n";
  s += std::string("typedef ") + expr::detail::device_type_name(out) + " cupp_out_t;\n";
  s += std::string("typedef ") + expr::detail::device_type_name(coord) + " cupp_coord_t;\n";
  s += std::string("typedef ") + (single ? "float" : "double") + " cupp_w_t;\n";
  s += "#define CUPP_NDI_IN_NDIM " + std::to_string(in_ndim) + "\n";
  s += "#define CUPP_NDI_OUT_NDIM " + std::to_string(out_ndim) + "\n";
  s += "#define CUPP_NDI_ORDER " + std::to_string(order) + "\n";
  s += "#define CUPP_NDI_KIND " + std::to_string(kind) + "\n";
  const int out_kind = out == dtype::bool_       ? 3
                       : is_unsigned(out)        ? 2
                       : is_signed(out)          ? 1
                                                 : 0;
  s += "#define CUPP_NDI_OUT_KIND " + std::to_string(out_kind) + "\n";
  const auto [lo, hi] = int_range(out);
  s += "#define CUPP_NDI_OUT_MIN " + limit(lo) + "\n";
  s += "#define CUPP_NDI_OUT_MAX " + limit(hi) + "\n";
  if (mode >= 0) s += "#define CUPP_NDI_MODE " + std::to_string(mode) + "\n";
  if (offset32) s += "#define CUPP_NDI_OFFSET_32 1\n";
  s += "#define CUPP_NDI_INTERP_NAME " +
       interp_kernel_name(in, out, coord, in_ndim, out_ndim, order, kind, mode, offset32) + "\n";
  return jit::detail::routine_source("cupp/ndimage_interp.cuh", s);
}

std::pair<double, double> cos_sin_degrees(double angle) {
  // Reduce to [0, 360) and to the octant's angle in [0, 45], where sin and cos are taken; the
  // quadrant's signs and the swap are exact, so multiples of 90 degrees give exactly 0 and +-1.
  double a = std::fmod(angle, 360.0);
  if (a < 0) a += 360.0;
  const int quadrant = static_cast<int>(a / 90.0) % 4;
  double r = a - 90.0 * quadrant;
  bool swap = false;
  if (r > 45.0) {
    r = 90.0 - r;
    swap = true;
  }
  const double rad = r * (3.14159265358979323846 / 180.0);
  double c = r == 0 ? 1.0 : std::cos(rad), s = r == 0 ? 0.0 : std::sin(rad);
  if (swap) std::swap(c, s);
  switch (quadrant) {
    case 1: return {-s, c};
    case 2: return {-c, -s};
    case 3: return {s, -c};
    default: return {c, s};
  }
}

array_desc map_coordinates(const array_desc& input, const array_desc& coordinates, int order,
                           const std::string& mode, double cval, bool prefilter, dtype out) {
  check_order(order);
  if (is_complex(coordinates.dt)) throw type_error("Complex type not supported");
  if (is_complex(input.dt))
    return by_parts(input, out, [&](const array_desc& p, dtype o, bool imag) {
      return map_coordinates(p, coordinates, order, mode, imag ? 0.0 : cval, prefilter, o);
    });
  if (coordinates.dt == dtype::float16 || coordinates.dt == dtype::bfloat16)
    throw value_error("coordinate array data type not supported");
  if (input.ndim() < 1 || coordinates.ndim() < 2)
    throw value_error("input and output rank must be > 0");
  if (coordinates.shape[0] != input.ndim())
    throw value_error("invalid shape for coordinate array");
  const shape_t out_shape(coordinates.shape.begin() + 1, coordinates.shape.end());
  check_rank(input.shape.size());
  check_rank(out_shape.size());
  const std::vector<int> axes = all_axes(input.shape.size());
  const prepared p = prepare(input, axes, order, mode, cval, prefilter, out);
  // The kernel reads coordinate h of output i at h * size + i: C order, copied only if not.
  const array_desc coords = is_c_contiguous(coordinates.shape, coordinates.strides)
                                ? coordinates
                                : converted(coordinates, coordinates.dt);
  const array_desc result = cupp::detail::make_array(out_shape, out);
  interp_geom g{};
  g.cval = cval;
  launch(p, axes, {}, g, result, all_axes(out_shape.size()), static_cast<int>(out_shape.size()),
         order, kind_coordinates, &coords);
  return result;
}

array_desc affine_transform(const array_desc& input, const affine_matrix& matrix,
                            const per_axis<double>& offset,
                            const std::optional<shape_t>& output_shape, int order,
                            const std::string& mode, double cval, bool prefilter, dtype out) {
  check_order(order);
  if (is_complex(input.dt))
    return by_parts(input, out, [&](const array_desc& p, dtype o, bool imag) {
      return affine_transform(p, matrix, offset, output_shape, order, mode, imag ? 0.0 : cval,
                              prefilter, o);
    });
  const shape_t out_shape = output_shape ? *output_shape : input.shape;
  if (input.ndim() < 1 || out_shape.empty())
    throw value_error("input and output rank must be > 0");
  check_rank(input.shape.size());
  check_rank(out_shape.size());
  const std::size_t nd = input.shape.size();
  const std::vector<int> axes = all_axes(nd);
  const prepared p = prepare(input, axes, order, mode, cval, prefilter, out);

  const std::vector<std::int64_t> mshape = matrix.shape();
  if (mshape[0] < 1) throw value_error("no proper affine matrix provided");
  std::vector<double> m = matrix.values();
  std::int64_t rows = mshape[0], cols = mshape.size() == 2 ? mshape[1] : 0;
  std::vector<double> off;
  bool offset_from_matrix = false;
  const auto ndim = static_cast<std::int64_t>(nd);
  if (matrix.ndim() == 2 && cols == ndim + 1 && (rows == ndim || rows == ndim + 1)) {
    if (rows == ndim + 1) {
      std::string expected = "[";
      bool ok = true;
      for (std::int64_t c = 0; c < cols; ++c) {
        const double want = c == ndim ? 1.0 : 0.0;
        ok = ok && m[static_cast<std::size_t>(ndim * cols + c)] == want;
        expected += (c ? ", " : "") + std::string(c == ndim ? "1" : "0");
      }
      if (!ok)
        throw value_error("Expected homogeneous transformation matrix with shape " +
                          py_shape(mshape) + " for image shape " + py_shape(input.shape) +
                          ", but bottom row was not equal to " + expected + "]");
    }
    std::vector<double> sq;
    for (std::int64_t r = 0; r < ndim; ++r) {
      for (std::int64_t c = 0; c < ndim; ++c) sq.push_back(m[static_cast<std::size_t>(r * cols + c)]);
      off.push_back(m[static_cast<std::size_t>(r * cols + ndim)]);
    }
    m = sq;
    rows = ndim;
    cols = ndim;
    offset_from_matrix = true;
  }
  if (rows != ndim) throw value_error("affine matrix has wrong number of rows");
  if (matrix.ndim() == 2 && cols != static_cast<std::int64_t>(out_shape.size()))
    throw value_error("affine matrix has wrong number of columns");
  if (!offset_from_matrix) off = offset.expand(nd);

  const array_desc result = cupp::detail::make_array(out_shape, out);
  interp_geom g{};
  g.cval = cval;
  if (matrix.ndim() == 1) {
    // SciPy's zoom_shift path: (o + offset / m) * m.
    if (out_shape.size() != nd) throw value_error("affine matrix has wrong number of columns");
    g.has_zoom = 1;
    g.has_shift = 1;
    for (std::size_t h = 0; h < nd; ++h) {
      g.zoom[h] = m[h];
      g.shift[h] = off[h] / m[h];
    }
    launch(p, axes, {}, g, result, all_axes(nd), static_cast<int>(nd), order, kind_zoom_shift,
           nullptr);
  } else {
    for (std::size_t h = 0; h < nd; ++h) {
      g.shift[h] = off[h];
      for (std::size_t l = 0; l < out_shape.size(); ++l)
        g.matrix[h * kK + l] = m[h * static_cast<std::size_t>(cols) + l];
    }
    launch(p, axes, {}, g, result, all_axes(out_shape.size()), static_cast<int>(out_shape.size()),
           order, kind_matrix, nullptr);
  }
  return result;
}

array_desc shift(const array_desc& input, const per_axis<double>& shift, int order,
                 const std::string& mode, double cval, bool prefilter, dtype out) {
  check_order(order);
  if (input.ndim() < 1) throw value_error("input and output rank must be > 0");
  if (is_complex(input.dt))
    return by_parts(input, out, [&](const array_desc& p, dtype o, bool imag) {
      return ndimage::detail::shift(p, shift, order, mode, imag ? 0.0 : cval, prefilter, o);
    });
  check_rank(input.shape.size());
  const std::size_t nd = input.shape.size();
  const std::vector<int> axes = all_axes(nd);
  const prepared p = prepare(input, axes, order, mode, cval, prefilter, out);
  const std::vector<double> s = shift.expand(nd);
  const array_desc result = cupp::detail::make_array(input.shape, out);
  interp_geom g{};
  g.cval = cval;
  g.has_shift = 1;
  for (std::size_t h = 0; h < nd; ++h) g.shift[h] = -s[h];
  launch(p, axes, {}, g, result, axes, static_cast<int>(nd), order, kind_zoom_shift, nullptr);
  return result;
}

array_desc zoom(const array_desc& input, const per_axis<double>& zoom, int order,
                const std::string& mode, double cval, bool prefilter, bool grid_mode, dtype out) {
  check_order(order);
  if (input.ndim() < 1) throw value_error("input and output rank must be > 0");
  check_rank(input.shape.size());
  const std::size_t nd = input.shape.size();
  const std::vector<double> z = zoom.expand(nd);
  shape_t out_shape(nd);
  bool identity = true;
  for (std::size_t h = 0; h < nd; ++h) {
    // Python's round(): halves to even, as nearbyint in the default rounding mode.
    out_shape[h] = static_cast<std::int64_t>(
        std::nearbyint(static_cast<double>(input.shape[h]) * z[h]));
    identity = identity && z[h] == 1.0;
  }
  if (identity && prefilter) {
    if (is_complex(input.dt) && !is_complex(out))
      throw value_error("output must have complex dtype");
    check_interp_dtype(input.dt);
    check_interp_dtype(out);
    return converted(input, out);
  }
  if (is_complex(input.dt))
    return by_parts(input, out, [&](const array_desc& p, dtype o, bool imag) {
      return ndimage::detail::zoom(p, zoom, order, mode, imag ? 0.0 : cval, prefilter,
                                   grid_mode, o);
    });
  const std::vector<int> axes = all_axes(nd);
  const prepared p = prepare(input, axes, order, mode, cval, prefilter, out);
  const array_desc result = cupp::detail::make_array(out_shape, out);
  interp_geom g{};
  g.cval = cval;
  g.has_zoom = 1;
  g.grid_mode = grid_mode ? 1 : 0;
  for (std::size_t h = 0; h < nd; ++h) {
    double div = static_cast<double>(out_shape[h]);
    double nom = static_cast<double>(input.shape[h]);
    if (!grid_mode) {
      div -= 1;
      nom -= 1;
    }
    g.zoom[h] = div != 0 ? nom / div : 1.0;
  }
  launch(p, axes, {}, g, result, axes, static_cast<int>(nd), order, kind_zoom_shift, nullptr);
  return result;
}

array_desc rotate(const array_desc& input, double angle, const std::vector<std::int64_t>& axes,
                  bool reshape, int order, const std::string& mode, double cval, bool prefilter,
                  dtype out) {
  const std::int64_t ndim = input.ndim();
  if (ndim < 2) throw value_error("input array should be at least 2D");
  if (axes.size() != 2) throw value_error("axes should contain exactly two values");
  std::int64_t a0 = axes[0] < 0 ? axes[0] + ndim : axes[0];
  std::int64_t a1 = axes[1] < 0 ? axes[1] + ndim : axes[1];
  if (a0 < 0 || a1 < 0 || a0 >= ndim || a1 >= ndim || a0 == a1)
    throw value_error("invalid rotation plane specified");
  if (a0 > a1) std::swap(a0, a1);
  check_order(order);
  if (is_complex(input.dt))
    return by_parts(input, out, [&](const array_desc& p, dtype o, bool imag) {
      return rotate(p, angle, axes, reshape, order, mode, imag ? 0.0 : cval, prefilter, o);
    });
  check_rank(input.shape.size());
  const auto [c, s] = cos_sin_degrees(angle);
  const double iy = static_cast<double>(input.shape[static_cast<std::size_t>(a0)]);
  const double ix = static_cast<double>(input.shape[static_cast<std::size_t>(a1)]);
  double oy = iy, ox = ix;
  if (reshape) {
    // rot @ [[0, 0, iy, iy], [0, ix, 0, ix]], then the extent of each row, + 0.5, truncated
    const double r0[4] = {c * 0 + s * 0, c * 0 + s * ix, c * iy + s * 0, c * iy + s * ix};
    const double r1[4] = {-s * 0 + c * 0, -s * 0 + c * ix, -s * iy + c * 0, -s * iy + c * ix};
    const double ptp0 = *std::max_element(r0, r0 + 4) - *std::min_element(r0, r0 + 4);
    const double ptp1 = *std::max_element(r1, r1 + 4) - *std::min_element(r1, r1 + 4);
    oy = static_cast<double>(static_cast<std::int64_t>(ptp0 + 0.5));
    ox = static_cast<double>(static_cast<std::int64_t>(ptp1 + 0.5));
  }
  const double ay = (oy - 1) / 2, ax = (ox - 1) / 2;
  const double out_center[2] = {c * ay + s * ax, -s * ay + c * ax};
  const double offset[2] = {(iy - 1) / 2 - out_center[0], (ix - 1) / 2 - out_center[1]};
  shape_t out_shape = input.shape;
  out_shape[static_cast<std::size_t>(a0)] = static_cast<std::int64_t>(oy);
  out_shape[static_cast<std::size_t>(a1)] = static_cast<std::int64_t>(ox);

  // Each plane of the other axes separately, as SciPy's loop of 2-D affine_transform calls:
  // the prefilter runs along the plane's axes only, and the other axes are a batch.
  const std::vector<int> plane = {static_cast<int>(a0), static_cast<int>(a1)};
  std::vector<int> batch;
  for (int d = 0; d < static_cast<int>(ndim); ++d)
    if (d != a0 && d != a1) batch.push_back(d);
  const prepared p = prepare(input, plane, order, mode, cval, prefilter, out);
  const array_desc result = cupp::detail::make_array(out_shape, out);
  interp_geom g{};
  g.cval = cval;
  g.shift[0] = offset[0];
  g.shift[1] = offset[1];
  g.matrix[0] = c;
  g.matrix[1] = s;
  g.matrix[kK] = -s;
  g.matrix[kK + 1] = c;
  std::vector<int> out_axes = batch;
  out_axes.insert(out_axes.end(), plane.begin(), plane.end());
  launch(p, plane, batch, g, result, out_axes, 2, order, kind_matrix, nullptr);
  return result;
}

}  // namespace detail
}  // namespace cupp::scipy::ndimage
