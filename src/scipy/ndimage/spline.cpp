// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// scipy.ndimage.spline_filter1d and spline_filter: the B-spline prefilter as segmented recursive
// passes (Note [Prefilter lines] in kernels/cupp/ndimage_interp.cuh), one pole at a time.
#include <algorithm>
#include <cstddef>
#include <functional>
#include <cmath>
#include <string>
#include <vector>

#include "../../cuda/launch.hpp"
#include "../../jit/registry.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/runtime_array.hpp"
#include "cupp/expr/engine.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "cupp/scipy/ndimage/interpolation.hpp"

namespace cupp::scipy::ndimage::detail {

namespace {

// The host image of cupp_ndi_spline_pass (same members, same order).
struct spline_pass {
  long long n;
  long long lines;
  long long inner;
  long long seg;
  long long segs;
  int order;
  int mode;
  int pole;
  int anticausal;
  int from_input;
  int unused;
};
static_assert(sizeof(spline_pass) == 8 * 8, "spline_pass is packed as its device twin");

// Note [Prefilter lines] in kernels/cupp/ndimage_interp.cuh: segments of L samples, L at least
// every pole's horizon (45 terms for order 5 in double).
constexpr long long kSegment = 64;

std::string kernel_name(dtype w, dtype src, bool rows = false) {
  return std::string(rows ? "cupp_ndi_spline_filter_rows_" : "cupp_ndi_spline_filter_") +
         dtype_name(w) + "_" + dtype_name(src);
}

/// The prefilter's kernel, or the one for lines along the last axis (Note [Prefilter rows]).
const RawKernel& spline_kernel(dtype w, dtype src, bool rows) {
  return jit::detail::library_kernel(spline_kernel_source(w, src), kernel_name(w, src, rows));
}

/// The threads of a block of the last axis' kernel (its CUPP_NDI_ROWS_WARPS warps).
constexpr unsigned kRowsThreads = 128;

}  // namespace

std::string spline_kernel_source(dtype w, dtype src) {
  std::string s = std::string("typedef ") + (w == dtype::float32 ? "float" : "double") +
                  " cupp_w_t;\n";
  s += std::string("typedef ") + expr::detail::device_type_name(src) + " cupp_src_t;\n";
  s += "#define CUPP_NDI_SPLINE_NAME " + kernel_name(w, src) + "\n";
  s += "#define CUPP_NDI_SPLINE_ROWS_NAME " + kernel_name(w, src, true) + "\n";
  return jit::detail::routine_source("cupp/ndimage_interp.cuh", s);
}

void check_interp_dtype(dtype dt) {
  if (dt == dtype::float16 || dt == dtype::bfloat16)
    throw value_error(std::string("array type dtype('") + dtype_name(dt) + "') not supported");
}

namespace {

/// The real (k = 0) or imaginary (k = 1) part of a complex array, as a view.
array_desc part(const array_desc& a, int k) {
  array_desc v = a;
  v.dt = a.dt == dtype::complex64 ? dtype::float32 : dtype::float64;
  for (auto& s : v.strides) s *= 2;
  v.ptr = a.ptr + k * static_cast<std::ptrdiff_t>(v.itemsize());
  return v;
}

}  // namespace

array_desc by_parts(const array_desc& input, dtype out,
                    const std::function<array_desc(const array_desc&, dtype, bool)>& run) {
  // SciPy promotes a named real output=dtype to complex with a warning and refuses a real
  // output array; cupp's output dtype is the result's type, so it refuses.
  if (!is_complex(out)) throw value_error("output must have complex dtype");
  const dtype part_out = out == dtype::complex64 ? dtype::float32 : dtype::float64;
  const array_desc re = run(part(input, 0), part_out, false);
  const array_desc im = run(part(input, 1), part_out, true);
  const array_desc result = cupp::detail::make_array(re.shape, out);
  cupp::detail::copy_into(re, part(result, 0));
  cupp::detail::copy_into(im, part(result, 1));
  return result;
}

array_desc converted(const array_desc& a, dtype dt) { return cupp::array(a).astype(dt).desc(); }

namespace {

/// Filters `work` (C-contiguous float32 or float64) in place along `axis` with the poles of
/// `order`, for boundary mode `mode` (a detail::boundary code); with `input` (C-contiguous, of
/// work's shape), filters the input into work instead.
void spline_filter_axis(const array_desc& work, int order, int axis, int mode,
                        const array_desc* input = nullptr) {
  const auto ax = static_cast<std::size_t>(axis);
  const long long n = work.shape[ax];
  const long long size = work.size();
  if (n <= 1 || size == 0) return;
  long long inner = 1;
  for (std::size_t d = ax + 1; d < work.shape.size(); ++d) inner *= work.shape[d];
  const array_desc tmp = cupp::detail::make_array(work.shape, work.dt);
  const bool rows = inner == 1;
  const RawKernel& kernel = spline_kernel(work.dt, input ? input->dt : work.dt, rows);
  const int npoles = order / 2;
  for (int k = 0; k < npoles; ++k) {
    spline_pass g{};
    g.n = n;
    g.lines = size / n;
    g.inner = inner;
    g.seg = kSegment;
    g.segs = n < 2 * kSegment ? 1 : n / kSegment;
    g.order = order;
    g.mode = mode;
    g.pole = k;
    // One thread per segment, or one warp per segment of 32 lines (Note [Prefilter rows]).
    const long long threads = rows ? (g.lines + 31) / 32 * g.segs * 32 : g.lines * g.segs;
    const unsigned block = rows ? kRowsThreads : 256u;
    for (int pass = 0; pass < 2; ++pass) {
      g.anticausal = pass;
      g.from_input = input && k == 0 && pass == 0 ? 1 : 0;
      const array_desc& src = g.from_input ? *input : pass == 0 ? work : tmp;
      const array_desc& dst = pass == 0 ? tmp : work;
      kernel({cupp::detail::resident_blocks(kernel, threads, block)}, {block},
             static_cast<const void*>(src.ptr), static_cast<void*>(dst.ptr), g);
    }
  }
}

}  // namespace

array_desc spline_coefficients(const array_desc& input, int order, int mode,
                               const std::vector<int>& axes, dtype w) {
  // The first axis' first pass reads a C-contiguous input directly (no converting copy).
  const bool direct = !axes.empty() && input.size() > 0 &&
                      input.shape[static_cast<std::size_t>(axes[0])] > 1 &&
                      is_c_contiguous(input.shape, input.strides) && !is_complex(input.dt);
  if (!direct) {
    const array_desc work = converted(input, w);
    for (const int axis : axes) spline_filter_axis(work, order, axis, mode);
    return work;
  }
  const array_desc work = cupp::detail::make_array(input.shape, w);
  spline_filter_axis(work, order, axes[0], mode, &input);
  for (std::size_t a = 1; a < axes.size(); ++a) spline_filter_axis(work, order, axes[a], mode);
  return work;
}

array_desc spline_filter1d(const array_desc& input, int order, std::int64_t axis,
                           const std::string& mode, dtype out) {
  if (order < 0 || order > 5) throw value_error("spline order not supported");
  if (is_complex(input.dt))
    return by_parts(input, out, [&](const array_desc& p, dtype o, bool) {
      return spline_filter1d(p, order, axis, mode, o);
    });
  check_interp_dtype(input.dt);
  check_interp_dtype(out);
  if (order < 2) return converted(input, out);
  const int code = static_cast<int>(interpolation_mode(mode));
  const int ax = static_cast<int>(cupp::normalize_axis(axis, input.ndim()));
  // Note [Prefilter precision]: SciPy filters in double. float32 data into float32 results are
  // filtered in float32 (relative error a few float32 epsilons); everything else in double.
  const dtype w = input.dt == dtype::float32 && out == dtype::float32 ? dtype::float32
                                                                       : dtype::float64;
  array_desc work = spline_coefficients(input, order, code, {ax}, w);
  return work.dt == out ? work : converted(work, out);
}

array_desc spline_filter(const array_desc& input, int order, const std::string& mode,
                         dtype out) {
  if (order < 2 || order > 5) throw value_error("spline order not supported");
  if (is_complex(input.dt))
    return by_parts(input, out, [&](const array_desc& p, dtype o, bool) {
      return spline_filter(p, order, mode, o);
    });
  check_interp_dtype(input.dt);
  check_interp_dtype(out);
  if (input.ndim() == 0) return converted(input, out);
  const int code = static_cast<int>(interpolation_mode(mode));
  const dtype w = input.dt == dtype::float32 && out == dtype::float32 ? dtype::float32
                                                                       : dtype::float64;
  const bool narrowing = out != w && !is_floating(out);
  const int nd = static_cast<int>(input.ndim());
  array_desc work;
  if (!narrowing) {
    std::vector<int> axes(static_cast<std::size_t>(nd));
    for (int a = 0; a < nd; ++a) axes[static_cast<std::size_t>(a)] = a;
    work = spline_coefficients(input, order, code, axes, w);
  } else {
    // SciPy writes each axis' result into the output before the next axis reads it: an integer
    // output truncates in between.
    work = converted(input, w);
    for (int axis = 0; axis < nd; ++axis) {
      spline_filter_axis(work, order, axis, code);
      if (axis + 1 < nd) work = converted(converted(work, out), w);
    }
  }
  return work.dt == out ? work : converted(work, out);
}

}  // namespace cupp::scipy::ndimage::detail
