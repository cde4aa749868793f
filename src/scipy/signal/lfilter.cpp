// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The linear filters of cupp::scipy::signal (include/cupp/scipy/signal/filtering.hpp): SciPy's
// argument handling of lfilter, lfilter_zi, lfiltic, filtfilt, sosfilt, sosfilt_zi and
// sosfiltfilt, the host-side steady states, and the launches of the chunked recursion of
// kernels/cupp/signal_lfilter.cuh (Note [Parallel linear recursion]).
#include <algorithm>
#include <complex>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../../cuda/launch.hpp"
#include "../../jit/registry.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/runtime_array.hpp"
#include "cupp/expr/engine.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "cupp/routines/manipulation.hpp"
#include "cupp/routines/rearrange.hpp"
#include "cupp/scipy/signal/filtering.hpp"

namespace cupp::scipy::signal::detail {

using cupp::detail::make_array;
using cd = std::complex<double>;

namespace {

/// The most states one launch keeps in registers (lfilter of order 64, or 32 sections): the
/// kernels unroll over them. A longer filter is value_error.
constexpr int kMaxStates = 64;
/// Lines at or above this many fill the GPU with one chunk each.
constexpr std::int64_t kManyLines = 16384;
/// The threads the chunked launch aims at, the shortest chunk, and the most chunks of a line.
constexpr std::int64_t kTargetThreads = 65536;
constexpr std::int64_t kMinChunk = 512;
constexpr std::int64_t kMaxChunks = 4096;

std::string shape_repr(const shape_t& s, bool spaces) {
  std::string r = "(";
  for (std::size_t i = 0; i < s.size(); ++i)
    r += (i ? (spaces ? ", " : ",") : "") + std::to_string(s[i]);
  return r + (s.size() == 1 && spaces ? ",)" : ")");
}

std::vector<cd> host_values(const array_desc& a) { return cupp::array(a).get<cd>(casting::unsafe); }

/// `a` as a C-contiguous array of dtype `dt`.
array_desc as_contiguous(const array_desc& a, dtype dt) {
  array_desc r = a.dt == dt ? a : cupp::array(a).astype(dt).desc();
  if (!is_c_contiguous(r.shape, r.strides)) r = cupp::detail::copy(r);
  return r;
}

/// The lines of `x` along `axis`: the product of its other lengths.
std::int64_t lines_of(const array_desc& x, std::int64_t axis) {
  std::int64_t lines = 1;
  for (std::size_t d = 0; d < x.shape.size(); ++d)
    if (static_cast<std::int64_t>(d) != axis) lines *= x.shape[d];
  return lines;
}

/// Host values to a new 1-D device array of dtype `dt` (real dtypes take the real parts).
array_desc upload(const std::vector<cd>& v, dtype dt) {
  array_desc d = make_array({static_cast<std::int64_t>(v.size())}, dt);
  if (v.empty()) return d;
  if (dt == dtype::complex128) {
    cupp::detail::from_host(d, v.data());
  } else if (dt == dtype::complex64) {
    std::vector<std::complex<float>> f(v.begin(), v.end());
    cupp::detail::from_host(d, f.data());
  } else if (dt == dtype::float64) {
    std::vector<double> f;
    for (const cd& x : v) f.push_back(x.real());
    cupp::detail::from_host(d, f.data());
  } else {
    std::vector<float> f;
    for (const cd& x : v) f.push_back(static_cast<float>(x.real()));
    cupp::detail::from_host(d, f.data());
  }
  return d;
}

/// A cascade: `sections` sections of `order`, per section b[0..order] then a[0..order], a[0] = 1.
struct cascade {
  int sections = 1;
  int order = 0;
  std::vector<cd> coef;
  int states() const { return sections * order; }
};

void check_1d(const array_desc& c, const char* which) {
  if (!(c.ndim() == 1 && c.size() > 0))
    throw value_error(std::string("Parameter ") + which + " is not a non-empty 1d array, since " +
                      which + ".shape=" + shape_repr(c.shape, true) + "!");
}

/// lfilter's b and a as one section (SciPy's checks, in its order).
cascade tf_cascade(const array_desc& b_, const array_desc& a_) {
  check_1d(b_, "b");
  check_1d(a_, "a");
  std::vector<cd> b = host_values(b_), a = host_values(a_);
  if (a[0] == cd(0)) throw value_error("BUG: filter coefficient a[0] == 0 not supported yet");
  const std::size_t n = std::max(a.size(), b.size());
  bool fir = true;
  for (std::size_t k = 1; k < a.size(); ++k) fir = fir && a[k] == cd(0);
  // Longer FIR filters are convolutions (lfilter's fir_convolution); longer IIR ones are refused.
  CUPP_EXPECTS(fir || static_cast<int>(n) - 1 <= kMaxStates, value_error,
               "lfilter takes IIR filters of order at most " + std::to_string(kMaxStates));
  a.resize(n, 0.0);
  b.resize(n, 0.0);
  const cd a0 = a[0];
  cascade c;
  c.order = static_cast<int>(n) - 1;
  for (const cd& v : b) c.coef.push_back(v / a0);
  for (const cd& v : a) c.coef.push_back(v / a0);
  return c;
}

/// SciPy's _validate_sos: the rows of `sos` as sections of order 2.
cascade sos_cascade(const array_desc& sos_, std::vector<cd>* rows = nullptr) {
  array_desc sos = sos_.ndim() < 2 ? cupp::detail::atleast(sos_, 2) : sos_;
  if (sos.ndim() != 2) throw value_error("sos array must be 2D");
  if (sos.shape[1] != 6) throw value_error("sos array must be shape (n_sections, 6)");
  // SciPy fails on zero sections (reshaping the state); so does cupp, in words.
  if (sos.shape[0] == 0) throw value_error("sos array must have at least one section");
  const std::vector<cd> v = host_values(sos);
  cascade c;
  c.sections = static_cast<int>(sos.shape[0]);
  c.order = 2;
  CUPP_EXPECTS(c.states() <= kMaxStates, value_error,
               "sosfilt takes at most " + std::to_string(kMaxStates / 2) + " sections");
  for (int s = 0; s < c.sections; ++s)
    if (v[static_cast<std::size_t>(s) * 6 + 3] != cd(1))
      throw value_error("sos[:, 3] should be all ones");
  for (int s = 0; s < c.sections; ++s)
    for (int k = 0; k < 6; ++k) c.coef.push_back(v[static_cast<std::size_t>(s) * 6 + k]);
  if (rows) *rows = v;
  return c;
}

const RawKernel& filter_kernel(dtype r, const cascade& c, bool combine) {
  const std::string name = lfilter_kernel_name(r, c.sections, c.order);
  return jit::detail::library_kernel(lfilter_kernel_source(r, c.sections, c.order),
                                     combine ? name + "_combine" : name);
}

/// Filters the `lines` lines of `n` samples of `x` (dtype r; sample t of line m at element
/// m * line_stride + t * step) into a new array of x's shape and layout; `zi` (or null) the
/// (states, lines) initial state; `zf` (or null) receives the (states, lines) final state.
array_desc run_cascade(const cascade& c, const array_desc& x, std::int64_t n, std::int64_t lines,
                       std::int64_t line_stride, std::int64_t step, const array_desc* zi,
                       array_desc* zf, dtype r) {
  const int states = c.states();
  array_desc y = make_array(x.shape, r);
  if (zf) *zf = make_array({states, lines}, r);
  if (lines == 0) return y;
  if (n == 0) {
    // Nothing to filter: the final state is the initial one.
    if (zf) {
      if (zi)
        cupp::detail::copy_into(*zi, *zf);
      else
        cupp::array(*zf).fill(0);
    }
    return y;
  }
  std::int64_t chunks = 1;
  if (lines < kManyLines) {
    const std::int64_t want = (kTargetThreads + lines - 1) / lines;
    chunks = std::max<std::int64_t>(1, std::min({want, n / kMinChunk, kMaxChunks}));
  }
  const std::int64_t chunk_len = (n + chunks - 1) / chunks;
  chunks = (n + chunk_len - 1) / chunk_len;
  const array_desc coef = upload(c.coef, r);
  const RawKernel& k = filter_kernel(r, c, false);
  const std::int64_t threads = lines * chunks;
  const jit::dims grid{cupp::detail::cover_blocks(threads, 128)};
  const void* no_input = nullptr;
  void* no_output = nullptr;
  const void* init = zi ? static_cast<const void*>(zi->ptr) : no_input;
  array_desc starts;
  if (chunks > 1 && states > 0) {
    array_desc ends = make_array({chunks, states, lines}, r);
    starts = make_array({chunks, states, lines}, r);
    k(grid, {128u}, static_cast<const void*>(x.ptr), no_output, static_cast<const void*>(coef.ptr),
      no_input, static_cast<void*>(ends.ptr), static_cast<long long>(n),
      static_cast<long long>(lines), static_cast<long long>(chunk_len),
      static_cast<long long>(chunks), static_cast<long long>(line_stride),
      static_cast<long long>(step), 0, 0);
    const array_desc power = upload(recursion_power(c.coef, c.sections, c.order, chunk_len), r);
    const RawKernel& combine = filter_kernel(r, c, true);
    combine({cupp::detail::cover_blocks(lines, 128)}, {128u}, static_cast<const void*>(power.ptr),
            init, static_cast<const void*>(ends.ptr), static_cast<void*>(starts.ptr),
            static_cast<long long>(lines), static_cast<int>(chunks));
    init = starts.ptr;
  }
  k(grid, {128u}, static_cast<const void*>(x.ptr), static_cast<void*>(y.ptr),
    static_cast<const void*>(coef.ptr), init, zf ? static_cast<void*>(zf->ptr) : no_output,
    static_cast<long long>(n), static_cast<long long>(lines), static_cast<long long>(chunk_len),
    static_cast<long long>(chunks), static_cast<long long>(line_stride),
    static_cast<long long>(step), 1, 1);
  return y;
}

/// The filter of `c` along `axis` of `x`: `zi` (or null) already of shape (states, lines) in
/// dtype r; returns y in x's shape (C order) and, in `zf_lines`, the (states, lines) final state.
array_desc filter_along(const cascade& c, const array_desc& x, std::int64_t axis,
                        const array_desc* zi, array_desc* zf_lines, dtype r) {
  const std::int64_t n = x.shape[static_cast<std::size_t>(axis)];
  const std::int64_t lines = lines_of(x, axis);
  // Along the first or last axis the C-contiguous signal is read in place; along another
  // axis it is first moved to the front.
  if (axis == 0 || axis == x.ndim() - 1) {
    const array_desc xc = as_contiguous(x, r);
    return axis == 0 ? run_cascade(c, xc, n, lines, 1, lines, zi, zf_lines, r)
                     : run_cascade(c, xc, n, lines, n, 1, zi, zf_lines, r);
  }
  const array_desc moved = cupp::detail::moveaxis(x, {axis}, {0});
  const array_desc xc = as_contiguous(moved, r);
  const array_desc y = run_cascade(c, xc, n, lines, 1, lines, zi, zf_lines, r);
  return cupp::detail::copy(cupp::detail::moveaxis(y, {0}, {axis}));
}

std::int64_t checked_axis(const array_desc& x, int axis) {
  if (x.ndim() == 0) throw value_error("x must be at least 1-D");
  return normalize_axis(axis, x.ndim());
}

/// axis_slice(a, start, stop, axis) as a view (Python's slice semantics, step 1 or -1).
array_desc axis_slice(const array_desc& a, std::int64_t axis, std::optional<std::int64_t> start,
                      std::optional<std::int64_t> stop, std::int64_t step = 1) {
  std::vector<cupp::detail::index_item> items(static_cast<std::size_t>(a.ndim()), slice());
  items[static_cast<std::size_t>(axis)] = slice(start, stop, step);
  return cupp::detail::index_view(a, items);
}

/// SciPy's _validate_pad: the edge length and the extended signal (in x's dtype).
std::pair<std::int64_t, array_desc> validate_pad(const std::optional<std::string>& padtype,
                                                 std::optional<std::int64_t> padlen,
                                                 const array_desc& x, std::int64_t axis,
                                                 std::int64_t ntaps) {
  if (padtype && *padtype != "even" && *padtype != "odd" && *padtype != "constant")
    throw value_error("Unknown value '" + *padtype +
                      "' given to padtype. padtype must be 'even', 'odd', 'constant', or None.");
  if (!padtype) padlen = 0;
  const std::int64_t edge = padlen ? *padlen : ntaps * 3;
  if (x.shape[static_cast<std::size_t>(axis)] <= edge)
    throw value_error("The length of the input vector x must be greater than padlen, which is " +
                      std::to_string(edge) + ".");
  if (!padtype || edge <= 0) return {edge, x};
  const cupp::array first(axis_slice(x, axis, 0, 1));
  const cupp::array last(axis_slice(x, axis, -1, std::nullopt));
  cupp::array left, right;
  if (*padtype == "constant") {
    shape_t s = x.shape;
    s[static_cast<std::size_t>(axis)] = edge;
    left = cupp::array(cupp::detail::copy(cupp::detail::broadcast_to(first.desc(), s)));
    right = cupp::array(cupp::detail::copy(cupp::detail::broadcast_to(last.desc(), s)));
  } else {
    const cupp::array l(axis_slice(x, axis, edge, 0, -1));
    const cupp::array r(axis_slice(x, axis, -2, -(edge + 2), -1));
    if (*padtype == "even") {
      left = l;
      right = r;
    } else {
      left = first * 2 - l;
      right = last * 2 - r;
    }
  }
  return {edge, cupp::detail::concatenate({left.desc(), x, right.desc()}, axis)};
}

/// x's shape with `axis` of length `len`.
shape_t with_axis(shape_t s, std::int64_t axis, std::int64_t len) {
  s[static_cast<std::size_t>(axis)] = len;
  return s;
}

/// lfilter's zi (x's shape with `axis` of length `states`, length-1 axes broadcast, SciPy's
/// check) as (states, lines) in dtype r.
array_desc lfilter_zi_lines(const array_desc& zi, const array_desc& x, std::int64_t axis,
                            int states, dtype r) {
  const shape_t expected = with_axis(x.shape, axis, states);
  bool ok = zi.ndim() == x.ndim();
  for (std::size_t d = 0; ok && d < expected.size(); ++d)
    ok = zi.shape[d] == expected[d] || (static_cast<std::int64_t>(d) != axis && zi.shape[d] == 1);
  if (!ok)
    throw value_error("Unexpected shape for zi:  expected " + shape_repr(expected, false) +
                      ", found " + shape_repr(zi.shape, false) + ".");
  const array_desc full = cupp::detail::broadcast_to(zi, expected);
  const array_desc moved = as_contiguous(cupp::detail::moveaxis(full, {axis}, {0}), r);
  return cupp::detail::reshape(moved, {states, lines_of(x, axis)});
}

}  // namespace

// ---- host math
// ------------------------------------------------------------------------------------

std::vector<cd> lfilter_zi_values(std::vector<cd> b, std::vector<cd> a) {
  while (a.size() > 1 && a[0] == cd(0)) a.erase(a.begin());
  if (a.empty()) throw value_error("There must be at least one nonzero `a` coefficient.");
  if (a[0] != cd(1)) {
    const cd a0 = a[0];
    for (cd& v : b) v /= a0;
    for (cd& v : a) v /= a0;
  }
  const std::size_t n = std::max(a.size(), b.size());
  a.resize(n, 0.0);
  b.resize(n, 0.0);
  if (n == 1) return {};
  // SciPy solves (I - companion(a).T) zi = b[1:] - a[1:] b[0]; the system is solved by its
  // explicit formulas (which SciPy's source gives beside the solve).
  cd bsum = 0, asum_all = 1;
  for (std::size_t k = 1; k < n; ++k) {
    bsum += b[k] - a[k] * b[0];
    asum_all += a[k];
  }
  std::vector<cd> zi(n - 1);
  zi[0] = bsum / asum_all;
  cd asum = 1, csum = 0;
  for (std::size_t k = 1; k + 1 < n; ++k) {
    asum += a[k];
    csum += b[k] - a[k] * b[0];
    zi[k] = asum * zi[0] - csum;
  }
  return zi;
}

std::vector<cd> lfiltic_values(const std::vector<cd>& b, const std::vector<cd>& a,
                               const std::vector<cd>& y_, const std::vector<cd>& x_) {
  const std::int64_t N = static_cast<std::int64_t>(a.size()) - 1;
  const std::int64_t M = static_cast<std::int64_t>(b.size()) - 1;
  if (N < 0) throw value_error("There must be at least one `a` coefficient.");
  const std::int64_t K = std::max(M, N);
  std::vector<cd> x = x_, y = y_;
  if (static_cast<std::int64_t>(x.size()) < M) x.resize(static_cast<std::size_t>(M), 0.0);
  if (static_cast<std::int64_t>(y.size()) < N) y.resize(static_cast<std::size_t>(N), 0.0);
  std::vector<cd> zi(static_cast<std::size_t>(K), 0.0);
  for (std::int64_t m = 0; m < M; ++m)
    for (std::int64_t j = 0; j < M - m; ++j)
      zi[static_cast<std::size_t>(m)] +=
          b[static_cast<std::size_t>(m + 1 + j)] * x[static_cast<std::size_t>(j)];
  for (std::int64_t m = 0; m < N; ++m)
    for (std::int64_t j = 0; j < N - m; ++j)
      zi[static_cast<std::size_t>(m)] -=
          a[static_cast<std::size_t>(m + 1 + j)] * y[static_cast<std::size_t>(j)];
  if (a[0] != cd(1)) {
    if (a[0] == cd(0)) throw value_error("First `a` filter coefficient must be non-zero.");
    for (cd& v : zi) v /= a[0];
  }
  return zi;
}

std::vector<cd> recursion_power(const std::vector<cd>& coef, int sections, int order,
                                std::int64_t steps) {
  const int states = sections * order;
  std::vector<cd> power(static_cast<std::size_t>(states) * states);
  const int K = order;
  for (int j = 0; j < states; ++j) {
    std::vector<cd> z(static_cast<std::size_t>(states), 0.0);
    z[static_cast<std::size_t>(j)] = 1.0;
    for (std::int64_t t = 0; t < steps; ++t) {
      cd v = 0.0;
      for (int s = 0; s < sections; ++s) {
        const cd* b = &coef[static_cast<std::size_t>(2 * s) * (K + 1)];
        const cd* a = &coef[static_cast<std::size_t>(2 * s + 1) * (K + 1)];
        cd* zs = &z[static_cast<std::size_t>(s) * K];
        const cd in = v;
        const cd out = b[0] * in + zs[0];
        for (int k = 0; k + 1 < K; ++k) zs[k] = b[k + 1] * in + zs[k + 1] - a[k + 1] * out;
        zs[K - 1] = b[K] * in - a[K] * out;
        v = out;
      }
    }
    for (int i = 0; i < states; ++i)
      power[static_cast<std::size_t>(i) * states + j] = z[static_cast<std::size_t>(i)];
  }
  return power;
}

std::string lfilter_kernel_name(dtype compute, int sections, int order) {
  return std::string("cupp_sig_lfilter_") + dtype_name(compute) + "_s" + std::to_string(sections) +
         "_k" + std::to_string(order);
}

std::string lfilter_kernel_source(dtype compute, int sections, int order) {
  const std::string name = lfilter_kernel_name(compute, sections, order);
  std::string s = "#include <cupp/ufunc.cuh>\n";
  s += std::string("typedef ") + expr::detail::device_type_name(compute) + " cupp_t;\n";
  s += "#define CUPP_SIG_SECTIONS " + std::to_string(sections) + "\n";
  s += "#define CUPP_SIG_ORDER " + std::to_string(order) + "\n";
  s += "#define CUPP_SIG_NAME " + name + "\n";
  s += "#define CUPP_SIG_NAME_COMBINE " + name + "_combine\n";
  return jit::detail::routine_source("cupp/signal_lfilter.cuh", s);
}

// ---- the functions ------------------------------------------------------------------------------

namespace {

/// lfilter of an FIR filter (a = [1] after normalisation) longer than the recursion kernels
/// take, as SciPy's path for len(a) == 1: the full convolution of b with each line, zi added to
/// its first K outputs, y its first n outputs and zf the K after them.
array_desc fir_convolution(const cascade& c, const array_desc& x, std::int64_t ax,
                           const array_desc* zi, array_desc* zf, dtype r) {
  const int k = c.order;
  const std::vector<cd> taps(c.coef.begin(), c.coef.begin() + k + 1);
  shape_t kshape(static_cast<std::size_t>(x.ndim()), 1);
  kshape[static_cast<std::size_t>(ax)] = k + 1;
  const array_desc kernel = cupp::detail::reshape(upload(taps, r), kshape);
  const std::int64_t n = x.shape[static_cast<std::size_t>(ax)];
  conv_window w;
  w.shape = with_axis(x.shape, ax, n + k);
  w.start.assign(static_cast<std::size_t>(x.ndim()), 0);
  const array_desc full = direct_convolve(as_contiguous(x, r), kernel, w, 0, 0.0, r);
  if (zi) {
    const shape_t expected = with_axis(x.shape, ax, k);
    bool ok = zi->ndim() == x.ndim();
    for (std::size_t d = 0; ok && d < expected.size(); ++d)
      ok = zi->shape[d] == expected[d] || (static_cast<std::int64_t>(d) != ax && zi->shape[d] == 1);
    if (!ok)
      throw value_error("Unexpected shape for zi:  expected " + shape_repr(expected, false) +
                        ", found " + shape_repr(zi->shape, false) + ".");
    const array_desc head = axis_slice(full, ax, 0, k);
    cupp::detail::copy_into(cupp::array(cupp::array(head) + cupp::array(*zi)).astype(r).desc(),
                            head);
  }
  if (zf) *zf = cupp::detail::copy(axis_slice(full, ax, n, std::nullopt));
  return cupp::detail::copy(axis_slice(full, ax, 0, n));
}

}  // namespace

array_desc lfilter(const array_desc& b, const array_desc& a, const array_desc& x, int axis,
                   const array_desc* zi, array_desc* zf, dtype r) {
  const cascade c = tf_cascade(b, a);
  const std::int64_t ax = checked_axis(x, axis);
  if (c.order > kMaxStates) return fir_convolution(c, x, ax, zi, zf, r);
  array_desc zi_lines;
  if (zi) zi_lines = lfilter_zi_lines(*zi, x, ax, c.states(), r);
  array_desc zf_lines;
  array_desc y = filter_along(c, x, ax, zi ? &zi_lines : nullptr, zf ? &zf_lines : nullptr, r);
  if (zf) {
    shape_t moved = cupp::detail::moveaxis(x, {ax}, {0}).shape;
    moved[0] = c.states();
    *zf = cupp::detail::copy(
        cupp::detail::moveaxis(cupp::detail::reshape(zf_lines, moved), {0}, {ax}));
  }
  return y;
}

array_desc lfilter_zi(const array_desc& b, const array_desc& a, dtype r) {
  if (b.ndim() > 1) throw value_error("Numerator b must be 1-D.");
  if (a.ndim() > 1) throw value_error("Denominator a must be 1-D.");
  return upload(lfilter_zi_values(host_values(b), host_values(a)), r);
}

array_desc lfiltic(const array_desc& b, const array_desc& a, const array_desc& y,
                   const array_desc* x, dtype r) {
  if (a.ndim() > 1) throw value_error("Filter coefficients `a` must be 1-D.");
  if (b.ndim() > 1) throw value_error("Filter coefficients `b` must be 1-D.");
  return upload(lfiltic_values(host_values(b), host_values(a), host_values(y),
                               x ? host_values(*x) : std::vector<cd>{}),
                r);
}

array_desc filtfilt(const array_desc& b, const array_desc& a, const array_desc& x, int axis,
                    const std::optional<std::string>& padtype, std::optional<std::int64_t> padlen,
                    const std::string& method, dtype r) {
  if (method != "pad" && method != "gust") throw value_error("method must be 'pad' or 'gust'.");
  if (method == "gust")
    throw not_implemented_error("filtfilt's method 'gust' is not implemented; use 'pad'");
  const std::int64_t ax = checked_axis(x, axis);
  const std::int64_t ntaps = std::max(a.size(), b.size());
  const auto [edge, ext] = validate_pad(padtype, padlen, x, ax, ntaps);
  const array_desc zi = lfilter_zi(b, a, r);
  const std::int64_t k = zi.size();
  shape_t zshape(static_cast<std::size_t>(x.ndim()), 1);
  zshape[static_cast<std::size_t>(ax)] = k;
  const cupp::array zi_b(cupp::detail::reshape(zi, zshape));
  const array_desc x0 = axis_slice(ext, ax, std::nullopt, 1);
  const array_desc zi1 = (zi_b * cupp::array(x0)).desc();
  array_desc zf;
  const array_desc y1 = lfilter(b, a, ext, static_cast<int>(ax), &zi1, &zf, r);
  const array_desc y0 = axis_slice(y1, ax, -1, std::nullopt);
  const array_desc zi2 = (zi_b * cupp::array(y0)).desc();
  const array_desc rev = axis_slice(y1, ax, std::nullopt, std::nullopt, -1);
  const array_desc y2 = lfilter(b, a, rev, static_cast<int>(ax), &zi2, &zf, r);
  array_desc y = axis_slice(y2, ax, std::nullopt, std::nullopt, -1);
  if (edge > 0) y = axis_slice(y, ax, edge, -edge);
  return cupp::detail::copy(y);
}

array_desc sosfilt(const array_desc& sos, const array_desc& x, int axis, const array_desc* zi,
                   array_desc* zf, dtype r) {
  if (x.ndim() == 0) throw value_error("x must be at least 1-D");
  const cascade c = sos_cascade(sos);
  const std::int64_t ax = normalize_axis(axis, x.ndim());
  shape_t zshape = with_axis(x.shape, ax, 2);
  zshape.insert(zshape.begin(), c.sections);
  array_desc zi_lines;
  // The states of section s are rows 2s, 2s + 1 of the (states, lines) layout.
  const auto to_lines = [&](const array_desc& z) {
    const array_desc moved = as_contiguous(cupp::detail::moveaxis(z, {ax + 1}, {1}), r);
    return cupp::detail::reshape(moved, {c.states(), lines_of(x, ax)});
  };
  if (zi) {
    if (zi->shape != zshape)
      throw value_error("Invalid zi shape. With axis=" + std::to_string(axis) +
                        ", an input with shape " + shape_repr(x.shape, true) +
                        ", and an sos array with " + std::to_string(c.sections) +
                        " sections, zi must have shape " + shape_repr(zshape, true) + ", got " +
                        shape_repr(zi->shape, true) + ".");
    zi_lines = to_lines(*zi);
  }
  array_desc zf_lines;
  array_desc y = filter_along(c, x, ax, zi ? &zi_lines : nullptr, zf ? &zf_lines : nullptr, r);
  if (zf) {
    shape_t moved = cupp::detail::moveaxis(x, {ax}, {0}).shape;
    moved[0] = 2;
    moved.insert(moved.begin(), c.sections);
    *zf = cupp::detail::copy(
        cupp::detail::moveaxis(cupp::detail::reshape(zf_lines, moved), {1}, {ax + 1}));
  }
  return y;
}

array_desc sosfilt_zi(const array_desc& sos, dtype r) {
  if (sos.ndim() != 2 || sos.shape[1] != 6) throw value_error("sos must be shape (n_sections, 6)");
  const std::vector<cd> v = host_values(sos);
  std::vector<cd> zi;
  cd scale = 1.0;
  for (std::int64_t s = 0; s < sos.shape[0]; ++s) {
    const std::vector<cd> b(v.begin() + s * 6, v.begin() + s * 6 + 3);
    const std::vector<cd> a(v.begin() + s * 6 + 3, v.begin() + s * 6 + 6);
    for (const cd& z : lfilter_zi_values(b, a)) zi.push_back(scale * z);
    scale *= (b[0] + b[1] + b[2]) / (a[0] + a[1] + a[2]);
  }
  return cupp::detail::reshape(upload(zi, r), {sos.shape[0], 2});
}

array_desc sosfiltfilt(const array_desc& sos, const array_desc& x, int axis,
                       const std::optional<std::string>& padtype,
                       std::optional<std::int64_t> padlen, dtype r) {
  std::vector<cd> rows;
  const cascade c = sos_cascade(sos, &rows);
  const std::int64_t ax = checked_axis(x, axis);
  std::int64_t zero_b2 = 0, zero_a2 = 0;
  for (int s = 0; s < c.sections; ++s) {
    zero_b2 += rows[static_cast<std::size_t>(s) * 6 + 2] == cd(0);
    zero_a2 += rows[static_cast<std::size_t>(s) * 6 + 5] == cd(0);
  }
  const std::int64_t ntaps = 2 * c.sections + 1 - std::min(zero_b2, zero_a2);
  const auto [edge, ext] = validate_pad(padtype, padlen, x, ax, ntaps);
  const array_desc sos2 = cupp::detail::reshape(upload(rows, r), {c.sections, 6});
  const array_desc zi = sosfilt_zi(sos2, r);
  shape_t zshape(static_cast<std::size_t>(x.ndim()), 1);
  zshape[static_cast<std::size_t>(ax)] = 2;
  zshape.insert(zshape.begin(), c.sections);
  const cupp::array zi_b(cupp::detail::reshape(zi, zshape));
  const array_desc x0 = axis_slice(ext, ax, std::nullopt, 1);
  const array_desc zi1 = (zi_b * cupp::array(x0)).astype(r).desc();
  array_desc zf;
  const array_desc y1 = sosfilt(sos2, ext, static_cast<int>(ax), &zi1, &zf, r);
  const array_desc y0 = axis_slice(y1, ax, -1, std::nullopt);
  const array_desc zi2 = (zi_b * cupp::array(y0)).astype(r).desc();
  const array_desc rev = axis_slice(y1, ax, std::nullopt, std::nullopt, -1);
  const array_desc y2 = sosfilt(sos2, rev, static_cast<int>(ax), &zi2, &zf, r);
  array_desc y = axis_slice(y2, ax, std::nullopt, std::nullopt, -1);
  if (edge > 0) y = axis_slice(y, ax, edge, -edge);
  return cupp::detail::copy(y);
}

}  // namespace cupp::scipy::signal::detail
