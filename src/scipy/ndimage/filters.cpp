// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The linear filters of cupp::scipy::ndimage (include/cupp/scipy/ndimage/filters.hpp): SciPy's
// argument checks, the Gaussian weights, and the launches of the passes of
// kernels/cupp/ndimage_filters.cuh.
#include "cupp/scipy/ndimage/filters.hpp"

#include <cuda_runtime_api.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "../../cuda/launch.hpp"
#include "../../jit/registry.hpp"
#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/expr/engine.hpp"
#include "cupp/jit/raw_kernel.hpp"

namespace cupp::scipy::ndimage::detail {

using cupp::detail::array_desc;
using cupp::detail::make_array;

namespace {

/// The most dimensions the filters take: the N-D kernel gets every per-axis figure in one struct.
constexpr int kMaxDims = 32;
/// Dynamic shared memory a line pass's tile may take before the pass reads from global memory.
constexpr std::size_t kTileBytes = 48 * 1024;
constexpr unsigned kThreads = 256;

// The host images of the kernels' argument structs (same members, same order).
struct line_geom {
  long long outer, n, inner;
  long long tiles_inner, tiles_axis;
  double cval;
  int size1, size2, origin, mode, kind;
  int ti, ta, tiled, blocked;
};
struct nd_geom {
  long long shape[kMaxDims];
  long long in_stride[kMaxDims];
  long long lo[kMaxDims];
  long long hi[kMaxDims];
  double cval;
  int ndim, mode, taps;
  int narrow, reverse;
};

// The tap combinations of kernels/cupp/ndimage_filters.cuh.
enum line_kind : int { k_general = 0, k_symmetric = 1, k_antisymmetric = -1, k_box = 2 };

bool narrow_float(dtype dt) {
  return dt == dtype::float32 || dt == dtype::float16 || dt == dtype::bfloat16;
}

/// The sums' type (Note [Filter arithmetic]): float for a float32 (or 16-bit float) input and
/// output, else double as SciPy.
dtype sum_dtype(dtype in, dtype out) {
  return narrow_float(in) && narrow_float(out) ? dtype::float32 : dtype::float64;
}

/// SciPy's output rules for complex arrays: a complex input needs a complex output (SciPy
/// promotes a real output dtype with a warning; a C++ result type cannot change, so cupp
/// refuses it), and a real input cannot be filtered into a complex output.
void check_dtypes(dtype in, dtype out) {
  if (is_complex(in) && !is_complex(out)) throw value_error("output must have complex dtype");
  if (!is_complex(in) && is_complex(out))
    throw value_error(std::string("array type dtype('") + dtype_name(out) + "') not supported");
}

dtype part_dtype(dtype complex_dt) {
  return complex_dt == dtype::complex64 ? dtype::float32 : dtype::float64;
}

/// The real (which = 0) or imaginary (1) parts of a complex array, as a real view of it.
array_desc part_view(const array_desc& a, int which) {
  const dtype real = part_dtype(a.dt);
  strides_t strides = a.strides;
  for (auto& st : strides) st *= 2;
  array_desc v = cupp::detail::make_view(
      a, a.shape, strides, a.ptr + static_cast<std::size_t>(which) * dtype_itemsize(real));
  v.dt = real;
  return v;
}

/// SciPy's _complex_via_real_components for a complex input and real weights: `filter` of the
/// real parts and of the imaginary parts, each stored into its part of a new complex array of
/// dtype `out`. filter(part, real output dtype, which) gets which = 1 for the imaginary parts,
/// whose cval is the imaginary part of SciPy's cval: 0 for the real cval cupp takes.
template <class F>
array_desc via_parts(const array_desc& input, dtype out, F&& filter) {
  array_desc result = make_array(input.shape, out);
  if (result.size() == 0) return result;
  for (int which = 0; which < 2; ++which)
    cupp::detail::copy_into(filter(part_view(input, which), part_dtype(out), which),
                            part_view(result, which));
  return result;
}

std::string variant(dtype in, dtype out) {
  return std::string(dtype_name(in)) + "_" + dtype_name(out);
}

const RawKernel& filter_kernel(dtype in, dtype out, const char* what) {
  return jit::detail::library_kernel(filters_kernel_source(in, out),
                                     std::string("cupp_ndi_") + what + "_" + variant(in, out));
}

// Note [Weights cache]: every pass needs its weights (and the N-D correlation its tap offsets)
// on the device. Copying them from pageable host memory at each call costs a staged copy in the
// stream (and cannot be captured into a CUDA graph), while filters are mostly called again and
// again with the same weights (a Gaussian of one sigma, a Sobel kernel). So the device copies are
// kept per device, dtype and bytes, made once (and waited for, so that any stream may read them),
// at most kDeviceTablesCached of them; past that the device is synchronised and the cache emptied.
constexpr std::size_t kDeviceTablesCached = 256;

/// `n` elements of dtype `dt` at `data` as a 1-D device array (at least one element), from the
/// cache of Note [Weights cache].
array_desc device_table(const void* data, std::size_t n, dtype dt) {
  using key = std::tuple<int, dtype, std::string>;
  static std::mutex mutex;
  // Never destroyed: the arrays must not go back to a pool that exit has already torn down.
  static auto* cache = new std::map<key, array_desc>();
  const std::size_t bytes = n * dtype_itemsize(dt);
  key k{cupp::cuda::detail::current_device_id(), dt,
        std::string(static_cast<const char*>(data), bytes)};
  const std::lock_guard<std::mutex> lock(mutex);
  const auto it = cache->find(k);
  if (it != cache->end()) return it->second;
  if (cache->size() >= kDeviceTablesCached) {
    CUPP_CHECK_CUDA(cudaDeviceSynchronize());  // no kernel still reads the tables let go
    cache->clear();
  }
  array_desc d = make_array({static_cast<std::int64_t>(std::max<std::size_t>(n, 1))}, dt);
  if (n > 0) cupp::detail::from_host(d, data);
  CUPP_CHECK_CUDA(cudaStreamSynchronize(cupp::cuda::get_current_stream()));
  cache->emplace(std::move(k), d);
  return d;
}

/// The weights as a device array of the sums' type, from the cache.
array_desc device_weights(const std::vector<double>& w, dtype acc) {
  if (acc == dtype::float32) {
    const std::vector<float> f(w.begin(), w.end());
    return device_table(f.data(), f.size(), acc);
  }
  return device_table(w.data(), w.size(), acc);
}

/// SciPy's symmetry test of NI_Correlate1D (Note [Filter arithmetic]).
line_kind symmetry(const std::vector<double>& w) {
  if (w.size() % 2 == 0) return k_general;
  const std::size_t c = w.size() / 2;
  bool sym = true;
  for (std::size_t i = 1; i <= c && sym; ++i)
    if (std::fabs(w[c + i] - w[c - i]) > DBL_EPSILON) sym = false;
  if (sym) return k_symmetric;
  for (std::size_t i = 1; i <= c; ++i)
    if (std::fabs(w[c + i] + w[c - i]) > DBL_EPSILON) return k_general;
  return k_antisymmetric;
}

/// One 1-D pass along `axis` (already normalised) into a new C-contiguous array of dtype `out`:
/// the taps of `w` (or a box of w.size() taps), size1 taps before the centre, shifted by origin.
array_desc line_pass(const array_desc& input, int axis, const std::vector<double>& w,
                     line_kind kind, int origin, boundary mode, double cval, dtype out) {
  if (is_complex(input.dt))
    return via_parts(input, out, [&](const array_desc& part, dtype real, int which) {
      return line_pass(part, axis, w, kind, origin, mode, which == 0 ? cval : 0.0, real);
    });
  array_desc result = make_array(input.shape, out);
  if (result.size() == 0) return result;
  const array_desc in =
      cupp::is_c_contiguous(input.shape, input.strides) ? input : cupp::detail::copy(input);
  line_geom g{};
  g.outer = 1;
  g.n = 1;
  g.inner = 1;
  for (int d = 0; d < static_cast<int>(in.ndim()); ++d) {
    const auto k = static_cast<std::size_t>(d);
    if (d < axis)
      g.outer *= in.shape[k];
    else if (d == axis)
      g.n = in.shape[k];
    else
      g.inner *= in.shape[k];
  }
  const int width = static_cast<int>(w.size());
  g.size1 = width / 2;
  g.size2 = width - g.size1 - 1;
  g.origin = origin;
  g.mode = static_cast<int>(mode);
  g.kind = kind;
  g.cval = cval;
  const dtype acc = sum_dtype(in.dt, out);
  const std::size_t acc_size = dtype_itemsize(acc);
  // Note [Line pass tiles] in kernels/cupp/ndimage_filters.cuh.
  g.ti = static_cast<int>(std::min<long long>(g.inner, 32));
  g.ta = static_cast<int>(std::min<long long>(2048 / g.ti, g.n));
  // Float sums over a column tile (ti 32) or along the last axis (ti 1) are register-blocked:
  // 8 rows a thread, the tile 16 rows longer for the blocked reads, skewed for ti 1.
  const bool blockable = acc == dtype::float32 && (g.ti == 1 || g.ti == 32);
  if (blockable) g.ta = (g.ta + 7) / 8 * 8;
  const std::size_t rows = static_cast<std::size_t>(g.ta + width - 1) + (blockable ? 16 : 0);
  std::size_t slots = rows * static_cast<std::size_t>(g.ti);
  if (blockable && g.ti == 1) slots = rows + rows / 8 + 1;
  std::size_t shared = slots * acc_size;
  g.tiled = shared <= kTileBytes ? 1 : 0;
  g.blocked = g.tiled && blockable ? 1 : 0;
  if (!g.tiled) {
    g.ta =
        static_cast<int>(std::min<long long>(std::max(1, static_cast<int>(kThreads) / g.ti), g.n));
    shared = 0;
  }
  g.tiles_inner = (g.inner + g.ti - 1) / g.ti;
  g.tiles_axis = (g.n + g.ta - 1) / g.ta;
  const long long tiles = g.outer * g.tiles_axis * g.tiles_inner;
  const array_desc weights = device_weights(w, acc);  // a box's are ones
  const RawKernel& kernel = filter_kernel(in.dt, out, "correlate1d");
  kernel({cupp::detail::resident_blocks(kernel, tiles * kThreads, kThreads, shared)}, {kThreads},
         static_cast<const void*>(in.ptr), static_cast<void*>(result.ptr),
         static_cast<const void*>(weights.ptr), g, tiles, cupp::shared_mem(shared));
  return result;
}

/// The dtype a pass of a multi-pass filter stores. SciPy stores every pass in the output array
/// and reads it back for the next; a bool output keeps the byte its cast made (255 for -1), which
/// the next pass reads as 255.0. cupp's bools are 0 or 1, so a bool result's passes but the
/// last are stored as uint8, which holds SciPy's bytes: the same sums, the same result.
dtype pass_dtype(dtype out, bool last) { return out == dtype::bool_ && !last ? dtype::uint8 : out; }

int normalized_axis(int axis, std::int64_t ndim) {
  return static_cast<int>(cupp::normalize_axis(axis, ndim));
}

bool invalid_origin(int origin, std::int64_t lenw) {
  return origin < -(lenw / 2) || origin > (lenw - 1) / 2;
}

/// numpy's pairwise summation of a contiguous float64 array (np.sum), so that the Gaussian
/// weights are normalised by the very sum SciPy divides by.
double pairwise_sum(const double* a, std::size_t n) {
  if (n < 8) {
    double r = 0.0;
    for (std::size_t i = 0; i < n; ++i) r += a[i];
    return r;
  }
  if (n <= 128) {
    double r[8];
    for (int j = 0; j < 8; ++j) r[j] = a[j];
    std::size_t i = 8;
    for (; i < n - n % 8; i += 8)
      for (int j = 0; j < 8; ++j) r[j] += a[i + static_cast<std::size_t>(j)];
    double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) res += a[i];
    return res;
  }
  std::size_t n2 = n / 2;
  n2 -= n2 % 8;
  return pairwise_sum(a, n2) + pairwise_sum(a + n2, n - n2);
}

/// gaussian_filter1d's radius: int(truncate * sigma + 0.5), or `radius`; checked as SciPy does.
int gaussian_radius(double sigma, double truncate, std::optional<int> radius) {
  const double lw = std::trunc(truncate * sigma + 0.5);
  long long r = radius ? *radius : static_cast<long long>(lw);
  if (!radius && !(std::fabs(lw) < 2147483647.0))
    throw value_error("Radius must be a nonnegative integer.");
  if (r < 0) throw value_error("Radius must be a nonnegative integer.");
  return static_cast<int>(r);
}

}  // namespace

std::string filters_kernel_source(dtype in, dtype out) {
  std::string s = "#include <cupp/types.cuh>\n";
  s += std::string("typedef ") + expr::detail::device_type_name(in) + " cupp_ndi_in_t;\n";
  s += std::string("typedef ") + expr::detail::device_type_name(out) + " cupp_ndi_out_t;\n";
  s += std::string("typedef ") + (sum_dtype(in, out) == dtype::float32 ? "float" : "double") +
       " cupp_ndi_acc_t;\n";
  s += "#define CUPP_NDI_K " + std::to_string(kMaxDims) + "\n";
  s += "#define CUPP_NDI_LINE_NAME cupp_ndi_correlate1d_" + variant(in, out) + "\n";
  s += "#define CUPP_NDI_ND_NAME cupp_ndi_correlate_" + variant(in, out) + "\n";
  s += "#define CUPP_NDI_2D_NAME cupp_ndi_correlate2d_" + variant(in, out) + "\n";
  return jit::detail::routine_source("cupp/ndimage_filters.cuh", s);
}

std::vector<double> gaussian_weights(double sigma, int order, int radius) {
  if (order < 0) throw value_error("order must be non-negative");
  const double sigma2 = sigma * sigma;
  // Python's -0.5 / sigma2 with a float sigma of 0.
  if (sigma2 == 0.0) throw value_error("float division by zero");
  const double c = -0.5 / sigma2;
  const std::size_t n = 2 * static_cast<std::size_t>(radius) + 1;
  std::vector<double> phi(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double x = static_cast<double>(static_cast<long long>(i) - radius);
    phi[i] = std::exp(c * (x * x));
  }
  const double total = pairwise_sum(phi.data(), n);
  for (double& p : phi) p = p / total;
  if (order > 0) {
    // q(x) phi(x) is the order-th derivative: q' + q p' applied `order` times to q = 1, with
    // p'(x) = -x / sigma2 acting on the coefficients as SciPy's matrices D + P do.
    std::vector<double> q(static_cast<std::size_t>(order) + 1, 0.0);
    q[0] = 1.0;
    for (int step = 0; step < order; ++step) {
      std::vector<double> next(q.size(), 0.0);
      for (std::size_t i = 0; i < q.size(); ++i) {
        // Row i of D + P: P[i][i-1] = -1 / sigma2, D[i][i+1] = i + 1 (numpy's dot adds the
        // row's terms in column order; the zeros change nothing).
        double s = 0.0;
        for (std::size_t j = 0; j < q.size(); ++j) {
          double m = 0.0;
          if (j + 1 == i) m = 1.0 / -sigma2;
          if (j == i + 1) m = static_cast<double>(j);
          s += m * q[j];
        }
        next[i] = s;
      }
      q = next;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const long long x = static_cast<long long>(i) - radius;
      double s = 0.0;
      long long xk = 1;
      for (std::size_t k = 0; k < q.size(); ++k) {
        s += static_cast<double>(xk) * q[k];
        xk *= x;
      }
      phi[i] = s * phi[i];
    }
  }
  return std::vector<double>(phi.rbegin(), phi.rend());
}

std::vector<int> generic_axes(const axis_arg& axes, int ndim) { return filter_axes(axes, ndim); }

std::vector<double> sigma_per_input_axis(const per_axis<double>& sigma, const axis_arg& axes,
                                         int ndim) {
  const std::vector<int> ax = filter_axes(axes, ndim);
  const std::vector<double> s = sigma.expand(ax.size());
  std::vector<double> out(static_cast<std::size_t>(ndim), 0.0);
  for (std::size_t i = 0; i < ax.size(); ++i) out[static_cast<std::size_t>(ax[i])] = s[i];
  return out;
}

array_desc cast_copy(const array_desc& input, dtype out) {
  check_dtypes(input.dt, out);
  if (input.ndim() == 0) {
    const array_desc flat = cupp::detail::reshape(input, shape_t{1});
    return cupp::detail::reshape(
        line_pass(flat, 0, {1.0}, k_general, 0, boundary::constant, 0.0, out), shape_t{});
  }
  return line_pass(input, 0, {1.0}, k_general, 0, boundary::constant, 0.0, out);
}

array_desc correlate1d(const array_desc& input, const std::vector<double>& weights, int axis,
                       const std::string& mode, double cval, int origin, bool convolution,
                       dtype out) {
  check_dtypes(input.dt, out);
  std::vector<double> w = weights;
  if (convolution) {
    w.assign(weights.rbegin(), weights.rend());
    origin = -origin;
    if (weights.size() % 2 == 0) origin -= 1;
  }
  if (w.empty()) throw value_error("no filter weights given");
  const int ax = normalized_axis(axis, input.ndim());
  if (invalid_origin(origin, static_cast<std::int64_t>(w.size())))
    throw value_error(
        "Invalid origin; origin must satisfy -(len(weights) // 2) <= origin <= "
        "(len(weights)-1) // 2");
  const boundary m = filter_mode(mode);
  return line_pass(input, ax, w, symmetry(w), origin, m, cval, out);
}

array_desc uniform_filter1d(const array_desc& input, int size, int axis, const std::string& mode,
                            double cval, int origin, dtype out) {
  check_dtypes(input.dt, out);
  const int ax = normalized_axis(axis, input.ndim());
  if (size < 1) throw value_error("incorrect filter size");
  if (size / 2 + origin < 0 || size / 2 + origin >= size) throw value_error("invalid origin");
  const boundary m = filter_mode(mode);
  return line_pass(input, ax, std::vector<double>(static_cast<std::size_t>(size), 1.0), k_box,
                   origin, m, cval, out);
}

array_desc uniform_filter(const array_desc& input, const per_axis<int>& size,
                          const per_axis<std::string>& mode, double cval,
                          const per_axis<int>& origin, const axis_arg& axes, dtype out) {
  check_dtypes(input.dt, out);
  const std::vector<int> ax = filter_axes(axes, static_cast<int>(input.ndim()));
  const std::vector<int> sizes = size.expand(ax.size());
  const std::vector<int> origins = origin.expand(ax.size());
  const std::vector<std::string> modes = mode.expand(ax.size());
  array_desc current = input;
  std::vector<std::size_t> passes;
  for (std::size_t i = 0; i < ax.size(); ++i)
    if (sizes[i] > 1) passes.push_back(i);
  for (const std::size_t i : passes)
    current = uniform_filter1d(current, sizes[i], ax[i], modes[i], cval, origins[i],
                               pass_dtype(out, i == passes.back()));
  const bool any = !passes.empty();
  return any ? current : cast_copy(input, out);
}

array_desc gaussian_filter1d(const array_desc& input, double sigma, int axis, int order,
                             const std::string& mode, double cval, double truncate,
                             std::optional<int> radius, dtype out) {
  check_dtypes(input.dt, out);
  const int r = gaussian_radius(sigma, truncate, radius);
  const std::vector<double> w = gaussian_weights(sigma, order, r);
  return correlate1d(input, w, axis, mode, cval, 0, false, out);
}

array_desc gaussian_filter(const array_desc& input, const per_axis<double>& sigma,
                           const per_axis<int>& order, const per_axis<std::string>& mode,
                           double cval, double truncate, const std::optional<per_axis<int>>& radius,
                           const axis_arg& axes, dtype out) {
  check_dtypes(input.dt, out);
  const std::vector<int> ax = filter_axes(axes, static_cast<int>(input.ndim()));
  const std::vector<int> orders = order.expand(ax.size());
  const std::vector<double> sigmas = sigma.expand(ax.size());
  const std::vector<std::string> modes = mode.expand(ax.size());
  std::vector<std::optional<int>> radii(ax.size());
  if (radius) {
    const std::vector<int> r = radius->expand(ax.size());
    for (std::size_t i = 0; i < ax.size(); ++i) radii[i] = r[i];
  }
  array_desc current = input;
  std::vector<std::size_t> passes;
  for (std::size_t i = 0; i < ax.size(); ++i)
    if (sigmas[i] > 1e-15) passes.push_back(i);
  for (const std::size_t i : passes)
    current = gaussian_filter1d(current, sigmas[i], ax[i], orders[i], modes[i], cval, truncate,
                                radii[i], pass_dtype(out, i == passes.back()));
  const bool any = !passes.empty();
  return any ? current : cast_copy(input, out);
}

array_desc edge_filter(const array_desc& input, int axis, const per_axis<std::string>& mode,
                       double cval, bool sobel, dtype out) {
  check_dtypes(input.dt, out);
  const int nd = static_cast<int>(input.ndim());
  const int ax = normalized_axis(axis, nd);
  const std::vector<std::string> modes = mode.expand(static_cast<std::size_t>(nd));
  const int last = nd == 1 ? ax : (ax == nd - 1 ? nd - 2 : nd - 1);  // the last pass's axis
  array_desc current = correlate1d(input, {-1.0, 0.0, 1.0}, ax, modes[static_cast<std::size_t>(ax)],
                                   cval, 0, false, pass_dtype(out, ax == last));
  const std::vector<double> smooth =
      sobel ? std::vector<double>{1.0, 2.0, 1.0} : std::vector<double>{1.0, 1.0, 1.0};
  for (int d = 0; d < nd; ++d)
    if (d != ax)
      current = correlate1d(current, smooth, d, modes[static_cast<std::size_t>(d)], cval, 0, false,
                            pass_dtype(out, d == last));
  return current;
}

array_desc correlate(const array_desc& input, const array_desc& weights, const std::string& mode,
                     double cval, const per_axis<int>& origin, const axis_arg& axes,
                     bool convolution, dtype out) {
  check_dtypes(input.dt, out);
  const int nd = static_cast<int>(input.ndim());
  CUPP_EXPECTS(nd <= kMaxDims, value_error,
               "correlate takes arrays of at most " + std::to_string(kMaxDims) + " dimensions");
  const std::vector<int> ax = filter_axes(axes, nd);
  // SciPy's _expand_footprint: the weights' axes are those of `axes`, the others of length 1.
  shape_t wshape_full(static_cast<std::size_t>(nd), 1);
  if (static_cast<int>(ax.size()) < nd) {
    if (static_cast<int>(weights.ndim()) != static_cast<int>(ax.size()))
      throw value_error("weights.ndim (" + std::to_string(weights.ndim()) +
                        ") must match len(axes) (" + std::to_string(ax.size()) + ")");
    // np.expand_dims over the other axes keeps the weights' axes in their order.
    std::vector<int> sorted_ax = ax;
    std::sort(sorted_ax.begin(), sorted_ax.end());
    for (std::size_t i = 0; i < sorted_ax.size(); ++i)
      wshape_full[static_cast<std::size_t>(sorted_ax[i])] = weights.shape[i];
  } else {
    wshape_full = weights.shape;
  }
  // _expand_origin: origins of the axes of `axes`, 0 elsewhere.
  const std::vector<int> given = origin.expand(ax.size());
  std::vector<int> origins(static_cast<std::size_t>(nd), 0);
  if (static_cast<int>(ax.size()) < nd) {
    for (std::size_t i = 0; i < ax.size(); ++i) origins[static_cast<std::size_t>(ax[i])] = given[i];
  } else {
    origins = given;
  }
  std::size_t nonzero_axes = 0;
  for (auto s : wshape_full) nonzero_axes += s > 0 ? 1 : 0;
  if (static_cast<int>(nonzero_axes) != nd)
    throw value_error("weights.ndim (" + std::to_string(nonzero_axes) + ") must match len(axes) (" +
                      std::to_string(ax.size()) + ")");
  CUPP_ASSERT(weights.dt == dtype::float64);  // the template hands them over as double
  if (convolution) {  // the origins mirrored; the weights are reversed once read
    for (int d = 0; d < nd; ++d) {
      auto& o = origins[static_cast<std::size_t>(d)];
      o = -o;
      if (wshape_full[static_cast<std::size_t>(d)] % 2 == 0) o -= 1;
    }
  }
  for (int d = 0; d < nd; ++d)
    if (invalid_origin(origins[static_cast<std::size_t>(d)],
                       wshape_full[static_cast<std::size_t>(d)]))
      throw value_error(
          "Invalid origin; origin must satisfy -(weights.shape[k] // 2) <= origin[k] <= "
          "(weights.shape[k]-1) // 2");
  const boundary m = filter_mode(mode);
  if (is_complex(input.dt))
    return via_parts(input, out, [&](const array_desc& part, dtype real, int which) {
      return correlate(part, weights, mode, which == 0 ? cval : 0.0, origin, axes, convolution,
                       real);
    });
  array_desc result = make_array(input.shape, out);
  if (result.size() == 0) return result;
  // Every position of the footprint is a tap, in C order, with its offsets from the output
  // element (index_d - wshape_d / 2 - origin_d along each axis); the kernels skip the taps SciPy
  // drops (|w| <= DBL_EPSILON) as they read the weights, which stay on the device: no copy to
  // the host, no synchronisation. Convolution reads the weights backwards (every axis reversed).
  nd_geom g{};
  g.ndim = nd;
  g.mode = static_cast<int>(m);
  g.cval = cval;
  g.reverse = convolution ? 1 : 0;
  std::vector<int> offsets;
  std::vector<long long> linear;
  for (int d = 0; d < nd; ++d) {
    const auto dd = static_cast<std::size_t>(d);
    g.shape[d] = input.shape[dd];
    g.in_stride[d] = input.strides[dd];
    g.lo[d] = -wshape_full[dd] / 2 - origins[dd];
    g.hi[d] = g.lo[d] + wshape_full[dd] - 1;
  }
  std::vector<long long> idx(static_cast<std::size_t>(nd), 0);
  for (std::int64_t k = 0; k < weights.size(); ++k) {
    long long lin = 0;
    for (int d = 0; d < nd; ++d) {
      const long long off = g.lo[d] + idx[static_cast<std::size_t>(d)];
      offsets.push_back(static_cast<int>(off));
      lin += off * g.in_stride[d];
    }
    linear.push_back(lin);
    for (int d = nd - 1; d >= 0; --d) {  // the next C-order index
      const auto dd = static_cast<std::size_t>(d);
      if (++idx[dd] < wshape_full[dd]) break;
      idx[dd] = 0;
    }
  }
  g.taps = static_cast<int>(weights.size());
  g.narrow = result.size() < (std::int64_t{1} << 32) ? 1 : 0;
  const dtype acc = sum_dtype(input.dt, out);
  // The weights in the sums' type, C-contiguous, on the device.
  const array_desc dw = acc == dtype::float32 ? cast_copy(weights, acc)
                        : cupp::is_c_contiguous(weights.shape, weights.strides)
                            ? weights
                            : cupp::detail::copy(weights);
  const array_desc doff = device_table(offsets.data(), offsets.size(), dtype::int32);
  const std::int64_t size = result.size();
  // Note [2-D correlation tiles] in kernels/cupp/ndimage_filters.cuh.
  const std::size_t tile_bytes = nd == 2 ? static_cast<std::size_t>(32 + g.hi[0] - g.lo[0]) *
                                               static_cast<std::size_t>(32 + g.hi[1] - g.lo[1]) *
                                               dtype_itemsize(acc)
                                         : 0;
  if (nd == 2 && tile_bytes <= kTileBytes) {
    const long long tiles = ((g.shape[0] + 31) / 32) * ((g.shape[1] + 31) / 32);
    const RawKernel& tiled = filter_kernel(input.dt, out, "correlate2d");
    tiled({cupp::detail::resident_blocks(tiled, tiles * kThreads, kThreads, tile_bytes)},
          {kThreads}, static_cast<const void*>(input.ptr), static_cast<void*>(result.ptr),
          static_cast<const void*>(dw.ptr), static_cast<const void*>(doff.ptr), g, tiles,
          cupp::shared_mem(tile_bytes));
    return result;
  }
  const array_desc dlin = device_table(linear.data(), linear.size(), dtype::int64);
  const RawKernel& kernel = filter_kernel(input.dt, out, "correlate");
  kernel({cupp::detail::resident_blocks(kernel, size, kThreads)}, {kThreads},
         static_cast<const void*>(input.ptr), static_cast<void*>(result.ptr),
         static_cast<const void*>(dw.ptr), static_cast<const void*>(doff.ptr),
         static_cast<const void*>(dlin.ptr), g, static_cast<long long>(size));
  return result;
}

}  // namespace cupp::scipy::ndimage::detail
