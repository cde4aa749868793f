// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The other filters of cupp::scipy::signal (include/cupp/scipy/signal/filtering.hpp): medfilt,
// medfilt2d, wiener, savgol_coeffs, savgol_filter, hilbert, hilbert2 and detrend, in SciPy's
// order of checks. They are compositions of the library's own pieces: ndimage's rank filter,
// the direct convolution of kernels/cupp/signal_conv.cuh, cupp::fft's plans and the runtime
// array's elementwise operations and reductions; the least squares of Savitzky-Golay are solved
// on the host.
#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/core/runtime_array.hpp"
#include "cupp/fft.hpp"
#include "cupp/routines/manipulation.hpp"
#include "cupp/scipy/ndimage/filters.hpp"
#include "cupp/scipy/signal/filtering.hpp"

namespace cupp::scipy::signal::detail {

using cupp::detail::make_array;

namespace {

using ld = long double;

/// Solves the square system G w = r (n x n, row-major) by Gaussian elimination with partial
/// pivoting, in long double.
std::vector<ld> solve(std::vector<ld> g, std::vector<ld> r) {
  const std::size_t n = r.size();
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t p = c;
    for (std::size_t i = c + 1; i < n; ++i)
      if (std::fabs(g[i * n + c]) > std::fabs(g[p * n + c])) p = i;
    if (p != c) {
      for (std::size_t j = 0; j < n; ++j) std::swap(g[c * n + j], g[p * n + j]);
      std::swap(r[c], r[p]);
    }
    for (std::size_t i = c + 1; i < n; ++i) {
      const ld f = g[i * n + c] / g[c * n + c];
      for (std::size_t j = c; j < n; ++j) g[i * n + j] -= f * g[c * n + j];
      r[i] -= f * r[c];
    }
  }
  std::vector<ld> w(n);
  for (std::size_t i = n; i-- > 0;) {
    ld s = r[i];
    for (std::size_t j = i + 1; j < n; ++j) s -= g[i * n + j] * w[j];
    w[i] = s / g[i * n + i];
  }
  return w;
}

ld factorial(int k) {
  ld f = 1;
  for (int i = 2; i <= k; ++i) f *= i;
  return f;
}

/// The rows of the linear map from a window of `w` samples (at t = 0 .. w-1) to the `deriv`-th
/// derivative, divided by delta^deriv, of its least-squares polynomial of `order` at each of
/// `at` (numpy polyfit then polyval, as SciPy's _fit_edge).
std::vector<double> edge_rows(int w, int order, int deriv, double delta,
                              const std::vector<double>& at) {
  const int p = order + 1;
  const ld s = std::max<ld>(1, w - 1);  // t / s in [0, 1]: a well-conditioned Vandermonde
  std::vector<ld> gram(static_cast<std::size_t>(p) * p, 0);
  for (int j = 0; j < w; ++j)
    for (int a = 0; a < p; ++a)
      for (int b = 0; b < p; ++b)
        gram[static_cast<std::size_t>(a) * p + b] += std::pow(j / s, a) * std::pow(j / s, b);
  std::vector<double> rows;
  for (const double t : at) {
    // e: the derivative of each scaled power at t, so value = e . c_s.
    std::vector<ld> e(static_cast<std::size_t>(p), 0);
    for (int k = deriv; k < p; ++k)
      e[static_cast<std::size_t>(k)] =
          factorial(k) / factorial(k - deriv) * std::pow(t / s, k - deriv) / std::pow(s, deriv);
    // row = e^T (V^T V)^-1 V^T: solve (V^T V) u = e (symmetric), then row_j = V_j . u.
    const std::vector<ld> u = solve(gram, e);
    for (int j = 0; j < w; ++j) {
      ld v = 0;
      for (int k = 0; k < p; ++k) v += std::pow(j / s, k) * u[static_cast<std::size_t>(k)];
      rows.push_back(static_cast<double>(v / std::pow(static_cast<ld>(delta), deriv)));
    }
  }
  return rows;
}

array_desc upload_real(const std::vector<double>& v, dtype dt) {
  array_desc d = make_array({static_cast<std::int64_t>(v.size())}, dtype::float64);
  if (!v.empty()) cupp::detail::from_host(d, v.data());
  return dt == dtype::float64 ? d : cupp::array(d).astype(dt).desc();
}

dtype real_of(dtype d) {
  return d == dtype::complex64 ? dtype::float32 : d == dtype::complex128 ? dtype::float64 : d;
}

/// `a` as a C-contiguous array of dtype `dt`.
array_desc contiguous(const array_desc& a, dtype dt) {
  array_desc r = a.dt == dt ? a : cupp::array(a).astype(dt).desc();
  if (!is_c_contiguous(r.shape, r.strides)) r = cupp::detail::copy(r);
  return r;
}

/// kernel_size / mysize: one value per axis, 3 where SciPy's None.
std::vector<int> sizes_of(const ndimage::per_axis<int>& s, std::int64_t ndim) {
  if (s.sequence() && s.values().empty())
    return std::vector<int>(static_cast<std::size_t>(ndim), 3);
  return s.expand(static_cast<std::size_t>(ndim));
}

/// A multiplier of length n along `axis` of an ndim-array, as a broadcastable view.
array_desc along(const array_desc& v, std::int64_t ndim, std::int64_t axis) {
  shape_t s(static_cast<std::size_t>(ndim), 1);
  s[static_cast<std::size_t>(axis)] = v.size();
  return cupp::detail::reshape(v, s);
}

}  // namespace

// ---- medfilt, wiener ---------------------------------------------------------------------------

array_desc medfilt(const array_desc& volume, const ndimage::per_axis<int>& kernel_size,
                   bool two_d) {
  array_desc v = volume.ndim() == 0 ? cupp::detail::reshape(volume, {1}) : volume;
  if (two_d && v.ndim() != 2) throw value_error("medfilt2d takes a 2-D input");
  if (!(is_integer(v.dt) || v.dt == dtype::float32 || v.dt == dtype::float64))
    throw value_error("dtype=" + std::string(dtype_name(v.dt)) + " is not supported by medfilt");
  const std::vector<int> k = sizes_of(kernel_size, v.ndim());
  for (const int n : k)
    if (n % 2 != 1) throw value_error("Each element of kernel_size should be odd.");
  std::int64_t size = 1;
  for (const int n : k) size *= n;
  return ndimage::detail::rank_filter(v, v.dt, static_cast<double>(size / 2),
                                      ndimage::detail::rank_kind::rank, k, nullptr,
                                      std::string("constant"), 0.0, 0, {});
}

array_desc wiener(const array_desc& im, const ndimage::per_axis<int>& mysize,
                  std::optional<double> noise) {
  if (is_complex(im.dt)) throw not_implemented_error("wiener of complex input is not implemented");
  const std::vector<int> m = sizes_of(mysize, im.ndim());
  shape_t ks;
  double size = 1;
  for (const int n : m) {
    ks.push_back(n);
    size *= n;
  }
  cupp::array ones(ks, dtype::float64);
  ones.fill(1.0);
  const cupp::array x(im);
  const cupp::array mean = cupp::array(convolve(im, ones.desc(), "same", "auto", true)) / size;
  const cupp::array sq = x * x;
  const cupp::array var =
      cupp::array(convolve(sq.desc(), ones.desc(), "same", "auto", true)) / size - mean * mean;
  const double n = noise ? *noise : cupp::mean(var).get<double>(casting::unsafe)[0];
  const cupp::array res = (x - mean) * (1.0 - n / var) + mean;
  return cupp::where(var < n, mean, res).desc();
}

// ---- Savitzky-Golay ----------------------------------------------------------------------------

std::vector<double> savgol_coeffs(int window_length, int polyorder, int deriv, double delta,
                                  std::optional<double> pos, const std::string& use) {
  if (polyorder >= window_length) throw value_error("polyorder must be less than window_length.");
  const int half = window_length / 2, rem = window_length % 2;
  const double p = pos ? *pos : (rem == 0 ? half - 0.5 : half);
  if (!(0 <= p && p < window_length))
    throw value_error("pos must be nonnegative and less than window_length.");
  if (use != "conv" && use != "dot") throw value_error("`use` must be 'conv' or 'dot'");
  if (deriv > polyorder) return std::vector<double>(static_cast<std::size_t>(window_length), 0.0);
  std::vector<ld> x;
  for (int j = 0; j < window_length; ++j) x.push_back(j - static_cast<ld>(p));
  if (use == "conv") std::reverse(x.begin(), x.end());
  ld s = 1;
  for (const ld v : x) s = std::max(s, std::fabs(v));
  // The minimum-norm solution of A c = y (A the Vandermonde rows x^k): with x scaled by s the
  // rows are (x/s)^k and the right side y_k / s^k; c = A_s^T (A_s A_s^T)^-1 y_s.
  const int n = polyorder + 1;
  std::vector<ld> gram(static_cast<std::size_t>(n) * n, 0), y(static_cast<std::size_t>(n), 0);
  for (int a = 0; a < n; ++a)
    for (int b = 0; b < n; ++b)
      for (const ld v : x) gram[static_cast<std::size_t>(a) * n + b] += std::pow(v / s, a + b);
  y[static_cast<std::size_t>(deriv)] =
      factorial(deriv) / std::pow(static_cast<ld>(delta), deriv) / std::pow(s, deriv);
  const std::vector<ld> w = solve(gram, y);
  std::vector<double> c;
  for (const ld v : x) {
    ld sum = 0;
    for (int k = 0; k < n; ++k) sum += std::pow(v / s, k) * w[static_cast<std::size_t>(k)];
    c.push_back(static_cast<double>(sum));
  }
  return c;
}

array_desc savgol_filter(const array_desc& x_, int window_length, int polyorder, int deriv,
                         double delta, int axis, const std::string& mode, double cval, dtype out) {
  static const std::set<std::string> modes = {"mirror", "constant", "nearest", "interp", "wrap"};
  if (!modes.count(mode))
    throw value_error("mode must be 'mirror', 'constant', 'nearest' 'wrap' or 'interp'.");
  if (x_.ndim() == 0) throw value_error("x must be at least 1-D");
  const array_desc x = contiguous(x_, out);
  const std::vector<double> coeffs =
      savgol_coeffs(window_length, polyorder, deriv, delta, std::nullopt, "conv");
  const std::int64_t ax = normalize_axis(axis, x.ndim());
  const std::int64_t n = x.shape[static_cast<std::size_t>(ax)];
  if (mode == "interp" && window_length > n)
    throw value_error(
        "If mode is 'interp', window_length must be less than or equal to the size of x.");
  const array_desc kernel = along(upload_real(coeffs, out), x.ndim(), ax);
  const int boundary = mode == "mirror" ? 3 : mode == "nearest" ? 4 : mode == "wrap" ? 1 : 0;
  // ndimage.convolve1d's window: output i reads x[i + w // 2 - j] for weight j.
  conv_window w = direct_window(x.shape, kernel.shape, "same", true);
  array_desc y = direct_convolve(x, kernel, w, boundary, mode == "constant" ? cval : 0.0, out);
  if (mode != "interp") return y;
  // The edges: the polynomial fitted to the first and last windows, a linear map of each.
  const int half = window_length / 2;
  if (half == 0) return y;
  std::vector<double> left_at, right_at;
  for (int i = 0; i < half; ++i) {
    left_at.push_back(i);
    right_at.push_back(window_length - half + i);
  }
  const std::vector<double> left = edge_rows(window_length, polyorder, deriv, delta, left_at);
  const std::vector<double> right = edge_rows(window_length, polyorder, deriv, delta, right_at);
  const array_desc xm = cupp::detail::moveaxis(x, {ax}, {-1});
  const array_desc ym = cupp::detail::moveaxis(y, {ax}, {-1});
  const auto last = [&](const array_desc& a, std::int64_t start, std::int64_t stop) {
    std::vector<cupp::detail::index_item> items(static_cast<std::size_t>(a.ndim()), slice());
    items.back() = slice(start, stop);
    return cupp::detail::index_view(a, items);
  };
  const auto w_len = static_cast<std::size_t>(window_length);
  for (int side = 0; side < 2; ++side) {
    const std::vector<double>& rows = side == 0 ? left : right;
    const std::int64_t win0 = side == 0 ? 0 : n - window_length;
    const std::int64_t out0 = side == 0 ? 0 : n - half;
    const cupp::array window(last(xm, win0, win0 + window_length));
    for (int i = 0; i < half; ++i) {
      const std::vector<double> row(rows.begin() + static_cast<std::ptrdiff_t>(i * w_len),
                                    rows.begin() + static_cast<std::ptrdiff_t>((i + 1) * w_len));
      const cupp::array value = cupp::sum(window * cupp::array(upload_real(row, out)), -1);
      cupp::detail::copy_into(
          value.astype(out).desc(),
          cupp::detail::squeeze(last(ym, out0 + i, out0 + i + 1), {ym.ndim() - 1}));
    }
  }
  return y;
}

// ---- hilbert ---------------------------------------------------------------------------------

array_desc hilbert(const array_desc& x, std::optional<std::int64_t> n_, int axis, dtype out) {
  if (is_complex(x.dt)) throw value_error("x must be real.");
  if (x.ndim() == 0) throw value_error("x must be at least 1-D");
  const std::int64_t ax = normalize_axis(axis, x.ndim());
  const std::int64_t n = n_ ? *n_ : x.shape[static_cast<std::size_t>(ax)];
  if (n <= 0) throw value_error("N must be positive.");
  using namespace cupp::fft::detail;
  const array_desc xc = contiguous(x, out);
  const array_desc xf =
      execute(xc, resolve_1d(xc.shape, n, ax, kind::c2c, true, "backward", false), false);
  std::vector<double> h(static_cast<std::size_t>(n), 0.0);
  h[0] = 1;
  if (n % 2 == 0) {
    h[static_cast<std::size_t>(n / 2)] = 1;
    for (std::int64_t i = 1; i < n / 2; ++i) h[static_cast<std::size_t>(i)] = 2;
  } else {
    for (std::int64_t i = 1; i < (n + 1) / 2; ++i) h[static_cast<std::size_t>(i)] = 2;
  }
  const array_desc prod =
      (cupp::array(xf) * cupp::array(along(upload_real(h, real_of(out)), xf.ndim(), ax))).desc();
  return execute(prod, resolve_1d(prod.shape, std::nullopt, ax, kind::c2c, false, "backward", true),
                 true);
}

array_desc hilbert2(const array_desc& x_, const std::vector<std::int64_t>& n_,
                    const std::vector<std::int64_t>& axes_, dtype out) {
  const array_desc x = x_.ndim() < 2 ? cupp::detail::atleast(x_, 2) : x_;
  if (is_complex(x.dt)) throw value_error("x must be real.");
  if (axes_.size() != 2) throw value_error("axes must be a tuple of length 2");
  if (axes_[0] == axes_[1]) throw value_error("axes must contain 2 distinct axes");
  const std::vector<std::int64_t> axes = {normalize_axis(axes_[0], x.ndim()),
                                          normalize_axis(axes_[1], x.ndim())};
  std::vector<std::int64_t> n;
  if (n_.empty()) {
    n = {x.shape[static_cast<std::size_t>(axes[0])], x.shape[static_cast<std::size_t>(axes[1])]};
  } else if (n_.size() == 1) {
    if (n_[0] <= 0) throw value_error("N must be positive.");
    n = {n_[0], n_[0]};
  } else {
    if (n_.size() != 2 || n_[0] <= 0 || n_[1] <= 0)
      throw value_error("When given as a tuple, N must hold exactly two positive integers");
    n = n_;
  }
  using namespace cupp::fft::detail;
  const array_desc xc = contiguous(x, out);
  const array_desc xf = execute(xc,
                                resolve_nd(xc.shape, cupp::fft::shape_arg(shape_t(n)),
                                           axis_arg(axes), kind::c2c, true, "backward"),
                                false);
  cupp::array prod(xf);
  for (int k = 0; k < 2; ++k) {
    // SciPy's hilbert2: 1 at 0, 2 below (N + 1) // 2, 0 from there on.
    const std::int64_t len = n[static_cast<std::size_t>(k)], half = (len + 1) / 2;
    std::vector<double> m(static_cast<std::size_t>(len), 0.0);
    m[0] = 1;
    for (std::int64_t i = 1; i < half; ++i) m[static_cast<std::size_t>(i)] = 2;
    prod = prod * cupp::array(along(upload_real(m, real_of(out)), xf.ndim(),
                                    axes[static_cast<std::size_t>(k)]));
  }
  return execute(prod.desc(),
                 resolve_nd(prod.shape(), {}, axis_arg(axes), kind::c2c, false, "backward"), true);
}

// ---- detrend ---------------------------------------------------------------------------------

array_desc detrend(const array_desc& data, int axis, const std::string& type,
                   const std::vector<std::int64_t>& bp_, dtype out) {
  if (type != "linear" && type != "l" && type != "constant" && type != "c")
    throw value_error("Trend type must be 'linear' or 'constant'.");
  if (data.ndim() == 0) throw value_error("x must be at least 1-D");
  const std::int64_t ax = normalize_axis(axis, data.ndim());
  const cupp::array x(contiguous(data, out));
  if (type == "constant" || type == "c")
    return cupp::array(x - cupp::mean(x, ax, true)).astype(out).desc();
  const std::int64_t n = data.shape[static_cast<std::size_t>(ax)];
  std::set<std::int64_t> bps = {0, n};
  for (const std::int64_t b : bp_) bps.insert(b);
  if (*bps.rbegin() > n)
    throw value_error("Breakpoints must be less than length of data along given axis.");
  const array_desc moved = cupp::detail::copy(cupp::detail::moveaxis(x.desc(), {ax}, {0}));
  const std::vector<std::int64_t> b(bps.begin(), bps.end());
  for (std::size_t m = 0; m + 1 < b.size(); ++m) {
    const std::int64_t lo = std::max<std::int64_t>(b[m], 0), hi = b[m + 1];
    const std::int64_t npts = hi - lo;
    if (npts <= 0) continue;
    std::vector<cupp::detail::index_item> items(static_cast<std::size_t>(moved.ndim()), slice());
    items[0] = slice(lo, hi);
    const array_desc seg = cupp::detail::index_view(moved, items);
    const cupp::array s(seg);
    if (npts == 1) {
      // One point: the least-squares line passes through it.
      cupp::array(seg).fill(0);
      continue;
    }
    // The abscissae of SciPy's design matrix, (1 .. npts) / npts, centred.
    std::vector<double> t(static_cast<std::size_t>(npts));
    double tm = 0, tt = 0;
    for (std::int64_t j = 0; j < npts; ++j) tm += (j + 1.0) / npts;
    tm /= npts;
    for (std::int64_t j = 0; j < npts; ++j) {
      t[static_cast<std::size_t>(j)] = (j + 1.0) / npts - tm;
      tt += t[static_cast<std::size_t>(j)] * t[static_cast<std::size_t>(j)];
    }
    const cupp::array tc(along(upload_real(t, real_of(out)), moved.ndim(), 0));
    const cupp::array mean = cupp::mean(s, 0, true);
    const cupp::array slope = cupp::sum(tc * s, 0, true) / tt;
    const cupp::array res = s - mean - tc * slope;
    cupp::detail::copy_into(res.astype(out).desc(), seg);
  }
  return cupp::detail::copy(cupp::detail::moveaxis(moved, {0}, {ax}));
}

}  // namespace cupp::scipy::signal::detail

namespace cupp::scipy::signal {

ndarray<double> savgol_coeffs(int window_length, int polyorder, int deriv, double delta,
                              std::optional<double> pos, const std::string& use) {
  const std::vector<double> c =
      detail::savgol_coeffs(window_length, polyorder, deriv, delta, pos, use);
  cupp::detail::array_desc d =
      cupp::detail::make_array({static_cast<std::int64_t>(c.size())}, dtype::float64);
  if (!c.empty()) cupp::detail::from_host(d, c.data());
  return ndarray<double>(d);
}

}  // namespace cupp::scipy::signal
