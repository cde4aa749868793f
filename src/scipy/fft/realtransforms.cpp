// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The DCT and DST of cupp::scipy::fft (include/cupp/scipy/fft.hpp): SciPy's argument checks (its
// _r2r, _r2rn and _init_nd_shape_and_axes, in their order), and each 1-D pass as a kernel that
// builds cuFFT's input, one transform of cupp::fft's execution (its plan cache), and a kernel
// that builds the result (Note [DCT and DST through cuFFT] in kernels/cupp/scipy_fft_r2r.cuh).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "../../cuda/launch.hpp"
#include "../../jit/registry.hpp"
#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "cupp/routines/manipulation.hpp"
#include "cupp/scipy/fft.hpp"

namespace cupp::scipy::fft::detail {

using cupp::detail::make_array;
using cupp::detail::make_view;
using cupp::detail::resident_blocks;

namespace {

void check_type(int type, bool dst) {
  if (type < 1 || type > 4) throw value_error(dst ? "invalid DST type" : "invalid DCT type");
}

[[noreturn]] void throw_points(const std::string& what) {
  throw value_error("invalid number of data points (" + what + ") specified");
}

/// The checks SciPy's C++ makes when it runs: the type, and a DCT-I needs two points.
void check_run(const shape_t& shape, int type, bool dst, const std::vector<r2r_axis>& passes) {
  check_type(type, dst);
  if (type == 1 && !dst) {
    bool empty = false;
    for (const auto d : shape) empty = empty || d == 0;
    for (const auto& p : passes)
      if (p.n == 1 && !empty) throw cupp::error("zero-length FFT requested");
  }
}

std::string dtype_suffix(dtype dt) { return dt == dtype::float32 ? "float32" : "float64"; }

const RawKernel& r2r_kernel(dtype dt, bool post) {
  return jit::detail::library_kernel(r2r_kernel_source(dt), r2r_kernel_name(dt, post));
}

/// One pass: the transform of length n along `axis` of the real array `x` (float32/float64).
array_desc r2r_pass(const array_desc& x, int type, bool dst, const r2r_axis& p, int mode,
                    bool orth) {
  const auto ax = static_cast<std::size_t>(p.axis);
  const std::int64_t N = p.n, L = std::min(N, x.shape[ax]);
  // The rows: the axis moved last, cropped to L points, C-contiguous.
  array_desc moved = cupp::detail::moveaxis(x, {p.axis}, {-1});
  shape_t moved_out = moved.shape;
  moved_out.back() = N;
  array_desc result = make_array(moved_out, x.dt);
  const std::int64_t rows = N == 0 ? 0 : shape_size(moved_out) / N;
  if (rows == 0) return cupp::detail::moveaxis(result, {-1}, {p.axis});
  shape_t cropped_shape = moved.shape;
  cropped_shape.back() = L;
  array_desc rowsd = make_view(moved, cropped_shape, moved.strides, moved.ptr);
  if (!is_c_contiguous(rowsd.shape, rowsd.strides)) rowsd = cupp::detail::copy(rowsd);

  // cuFFT's transform: its kind, length, and the rows of its input and output.
  using cupp::fft::detail::kind;
  const r2r_layout plan = r2r_plan(type, dst, N, mode);
  const dtype cdt = x.dt == dtype::float32 ? dtype::complex64 : dtype::complex128;
  const std::int64_t in_len = plan.in_len, out_len = plan.out_len;
  const dtype in_dt = plan.k == kind::r2c ? x.dt : cdt;
  array_desc buf = make_array({rows, in_len}, in_dt);
  const int orth_flag = orth ? 1 : 0, dst_flag = dst ? 1 : 0;
  {
    const RawKernel& pre = r2r_kernel(x.dt, false);
    pre({resident_blocks(pre, rows * plan.pre_items, 256u)}, {256u},
        static_cast<const void*>(rowsd.ptr), static_cast<void*>(buf.ptr),
        static_cast<long long>(rows), static_cast<long long>(L), static_cast<long long>(N),
        static_cast<long long>(in_len), type, dst_flag, orth_flag);
  }
  cupp::fft::detail::plan_args args;
  args.axes = {1};
  args.n = {plan.len};
  args.k = plan.k;
  args.forward = plan.forward;
  args.scale = 1.0;
  args.out_shape = {rows, out_len};
  const array_desc spectrum = cupp::fft::detail::execute(buf, args, true);

  {
    const RawKernel& post = r2r_kernel(x.dt, true);
    post({resident_blocks(post, rows * plan.post_items, 256u)}, {256u},
         static_cast<const void*>(spectrum.ptr), static_cast<void*>(result.ptr),
         static_cast<long long>(rows), static_cast<long long>(N), static_cast<long long>(out_len),
         type, dst_flag, orth_flag, plan.scale);
  }
  return cupp::detail::moveaxis(result, {-1}, {p.axis});
}

/// The real and imaginary parts of a complex array, as views of its real dtype.
array_desc part(const array_desc& x, bool imag) {
  array_desc v = make_view(x, x.shape, x.strides, x.ptr);
  v.dt = x.dt == dtype::complex64 ? dtype::float32 : dtype::float64;
  for (auto& st : v.strides) st *= 2;
  if (imag) v.ptr += static_cast<std::int64_t>(dtype_itemsize(v.dt));
  return v;
}

array_desc r2r_real(array_desc x, int type, bool dst, const std::vector<r2r_axis>& passes, int mode,
                    bool orth) {
  if (passes.empty()) return cupp::detail::copy(x);
  for (const auto& p : passes) x = r2r_pass(x, type, dst, p, mode, orth);
  return x;
}

}  // namespace

int r2r_norm_mode(const std::string& norm, bool forward) {
  int m;
  if (norm == "backward") {
    m = 0;
  } else if (norm == "ortho") {
    m = 1;
  } else if (norm == "forward") {
    m = 2;
  } else {
    throw value_error("Invalid norm value '" + norm +
                      "', should be \"backward\", \"ortho\" or \"forward\"");
  }
  return forward ? m : 2 - m;
}

r2r_layout r2r_plan(int type, bool dst, std::int64_t n, int mode) {
  using cupp::fft::detail::kind;
  r2r_layout p;
  p.len = n;
  p.in_len = n;
  p.out_len = n / 2 + 1;
  if (type == 1) {
    p.len = dst ? 2 * (n + 1) : 2 * (n - 1);
    p.in_len = p.len;
    p.out_len = p.len / 2 + 1;
  } else if (type == 3) {
    p.k = kind::c2r;
    p.forward = false;
    p.in_len = n / 2 + 1;
    p.out_len = n;
  } else if (type == 4) {
    p.k = kind::c2c;
    p.len = 2 * n;
    p.in_len = p.len;
    p.out_len = p.len;
  }
  // Type 2 builds cuFFT's input and reads its output two elements at a time.
  p.pre_items = type == 2 ? (n + 1) / 2 : p.in_len;
  p.post_items = type == 2 ? n / 2 + 1 : n;
  // SciPy's normalisation: M = 2(n-1) for DCT-I, 2(n+1) for DST-I, 2n otherwise.
  const double N = static_cast<double>(n);
  const double M = type == 1 ? (dst ? 2.0 * (N + 1) : 2.0 * (N - 1)) : 2.0 * N;
  p.scale = mode == 0 ? 1.0 : mode == 1 ? 1.0 / std::sqrt(M) : 1.0 / M;
  return p;
}

std::vector<r2r_axis> resolve_r2r(const shape_t& shape, int type, bool dst,
                                  std::optional<std::int64_t> n, std::int64_t axis,
                                  const std::string& norm) {
  r2r_norm_mode(norm, true);
  const auto ndim = static_cast<std::int64_t>(shape.size());
  // SciPy indexes x.shape[axis] (Python's negative indices), an IndexError out of range.
  if (n && *n < 1) throw_points(std::to_string(*n));
  if (axis < -ndim || axis >= ndim) throw index_error("tuple index out of range");
  const std::int64_t ax = axis < 0 ? axis + ndim : axis;
  if (!n && shape[static_cast<std::size_t>(ax)] < 1)
    throw_points(std::to_string(shape[static_cast<std::size_t>(ax)]));
  std::vector<r2r_axis> passes{{ax, n ? *n : shape[static_cast<std::size_t>(ax)]}};
  check_run(shape, type, dst, passes);
  return passes;
}

std::vector<r2r_axis> resolve_r2rn(const shape_t& shape, int type, bool dst, const shape_arg& s,
                                   const axis_arg& axes, const std::string& norm) {
  const auto ndim = static_cast<std::int64_t>(shape.size());
  std::vector<std::int64_t> ax;
  if (!axes.all()) {
    for (auto a : axes.axes()) ax.push_back(a < 0 ? a + ndim : a);
    for (const auto a : ax)
      if (a >= ndim || a < 0) throw value_error("axes exceeds dimensionality of input");
    std::vector<std::int64_t> sorted = ax;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
      throw value_error("all axes must be unique");
  }
  shape_t lengths;
  if (s.given()) {
    const shape_t& sv = s.lengths();
    // SciPy's `if axes and ...`: an empty axes list counts as not given here.
    if (!axes.all() && !ax.empty() && ax.size() != sv.size())
      throw value_error("when given, axes and shape arguments have to be of the same length");
    if (axes.all()) {
      if (static_cast<std::int64_t>(sv.size()) > ndim)
        throw value_error("shape requires more axes than are present");
      ax.clear();
      for (std::int64_t a = ndim - static_cast<std::int64_t>(sv.size()); a < ndim; ++a)
        ax.push_back(a);
    }
    // zip(shape, axes) stops at the shorter.
    const std::size_t count = std::min(sv.size(), ax.size());
    ax.resize(count);
    for (std::size_t i = 0; i < count; ++i)
      lengths.push_back(sv[i] == -1 ? shape[static_cast<std::size_t>(ax[i])] : sv[i]);
  } else {
    if (axes.all())
      for (std::int64_t a = 0; a < ndim; ++a) ax.push_back(a);
    for (const auto a : ax) lengths.push_back(shape[static_cast<std::size_t>(a)]);
  }
  if (std::any_of(lengths.begin(), lengths.end(), [](std::int64_t v) { return v < 1; })) {
    std::string list = "[";
    for (std::size_t i = 0; i < lengths.size(); ++i)
      list += (i ? ", " : "") + std::to_string(lengths[i]);
    throw_points(list + "]");
  }
  std::vector<r2r_axis> passes;
  for (std::size_t i = 0; i < ax.size(); ++i) passes.push_back({ax[i], lengths[i]});
  if (passes.empty()) return passes;  // SciPy returns x before its other checks
  r2r_norm_mode(norm, true);
  check_run(shape, type, dst, passes);
  return passes;
}

array_desc r2r(const array_desc& x, int type, bool dst, bool forward,
               const std::vector<r2r_axis>& passes, const std::string& norm,
               std::optional<bool> orthogonalize) {
  if (!forward) {
    if (type == 2) {
      type = 3;
    } else if (type == 3) {
      type = 2;
    }
  }
  const int mode = passes.empty() ? 0 : r2r_norm_mode(norm, forward);
  if (!passes.empty()) cuda::detail::require_device();
  if (!is_complex(x.dt))
    return r2r_real(x, type, dst, passes, mode, orthogonalize.value_or(norm == "ortho"));
  // SciPy passes no `orthogonalize` for complex input: its default holds.
  const bool orth = norm == "ortho";
  const array_desc re = r2r_real(part(x, false), type, dst, passes, mode, orth);
  const array_desc im = r2r_real(part(x, true), type, dst, passes, mode, orth);
  array_desc out = make_array(re.shape, x.dt);
  cupp::detail::copy_into(re, part(out, false));
  cupp::detail::copy_into(im, part(out, true));
  return out;
}

std::string r2r_kernel_name(dtype dt, bool post) {
  return std::string(post ? "cupp_scipy_fft_r2r_post_" : "cupp_scipy_fft_r2r_pre_") +
         dtype_suffix(dt);
}

std::string r2r_kernel_source(dtype dt) {
  std::string s =
      std::string("typedef ") + (dt == dtype::float32 ? "float" : "double") + " cupp_r_t;\n";
  s += "#define CUPP_R2R_PRE_NAME " + r2r_kernel_name(dt, false) + "\n";
  s += "#define CUPP_R2R_POST_NAME " + r2r_kernel_name(dt, true) + "\n";
  return jit::detail::routine_source("cupp/scipy_fft_r2r.cuh", s);
}

std::string swap_direction(const std::string& norm) {
  r2r_norm_mode(norm, true);
  if (norm == "backward") return "forward";
  if (norm == "forward") return "backward";
  return norm;
}

}  // namespace cupp::scipy::fft::detail
