// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// upfirdn and resample_poly of cupp::scipy::signal (include/cupp/scipy/signal/filtering.hpp):
// SciPy's checks and filter design, and the launches of kernels/cupp/signal_upfirdn.cuh
// (Note [Polyphase upfirdn]).
#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "../../cuda/launch.hpp"
#include "../../jit/registry.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/runtime_array.hpp"
#include "cupp/expr/engine.hpp"
#include "cupp/fft.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "cupp/routines/manipulation.hpp"
#include "cupp/routines/statistics.hpp"
#include "cupp/scipy/signal/design.hpp"
#include "cupp/scipy/signal/filtering.hpp"

namespace cupp::scipy::signal::detail {

using cupp::detail::make_array;

namespace {

/// `a` as a C-contiguous array of dtype `dt`.
array_desc contiguous(const array_desc& a, dtype dt) {
  array_desc r = a.dt == dt ? a : cupp::array(a).astype(dt).desc();
  if (!is_c_contiguous(r.shape, r.strides)) r = cupp::detail::copy(r);
  return r;
}

std::int64_t output_length(std::int64_t taps, std::int64_t n, std::int64_t up, std::int64_t down) {
  return ((n - 1) * up + taps - 1) / down + 1;
}

}  // namespace

std::string upfirdn_kernel_name(dtype dt) {
  return std::string("cupp_sig_upfirdn_") + dtype_name(dt);
}

std::string upfirdn_kernel_source(dtype dt) {
  std::string s = "#include <cupp/ufunc.cuh>\n";
  s += std::string("typedef ") + expr::detail::device_type_name(dt) + " cupp_t;\n";
  s += "#define CUPP_SIG_NAME " + upfirdn_kernel_name(dt) + "\n";
  return jit::detail::routine_source("cupp/signal_upfirdn.cuh", s);
}

// Note [Decimation filters]: decimate's and resample_poly's filters come from the module's
// own design functions (firwin with a Hamming or Kaiser window, cheby1 as sections), as SciPy's
// come from its own; the values are SciPy's.

array_desc decimate(const array_desc& x, int q, std::optional<int> n, const std::string& ftype,
                    int axis, bool zero_phase, dtype out) {
  if (ftype != "iir" && ftype != "fir") throw value_error("invalid ftype");
  if (q < 1) throw value_error("q must be >= 1");
  if (x.ndim() == 0) throw value_error("x must be at least 1-D");
  const std::int64_t ax = normalize_axis(axis, x.ndim());
  std::vector<cupp::detail::index_item> sl(static_cast<std::size_t>(x.ndim()), slice());
  array_desc y;
  if (ftype == "fir") {
    const int order = n ? *n : 20 * q;
    std::vector<double> b = detail::firwin_values(order + 1, {1.0 / q}, std::nullopt, "hamming",
                                                  "true", true, std::nullopt);
    if (out == dtype::float32 || out == dtype::complex64)
      for (double& v : b) v = static_cast<float>(v);  // SciPy casts b to x's dtype
    if (zero_phase)
      return resample_poly(x, 1, q, static_cast<int>(ax), b, "constant", std::nullopt, out);
    array_desc bd = make_array({static_cast<std::int64_t>(b.size())}, dtype::float64);
    cupp::detail::from_host(bd, b.data());
    const std::int64_t len = x.shape[static_cast<std::size_t>(ax)];
    y = upfirdn(bd, x, 1, q, static_cast<int>(ax), "constant", 0.0, out);
    sl[static_cast<std::size_t>(ax)] = slice(std::nullopt, len / q + (len % q != 0 ? 1 : 0));
  } else {
    const filter_coeffs design = cheby1(n ? *n : 8, 0.05, 0.8 / q, "low", false, "sos");
    std::vector<double> rows;
    for (const auto& section : design.sections())
      rows.insert(rows.end(), section.begin(), section.end());
    array_desc sos = make_array({static_cast<std::int64_t>(rows.size() / 6), 6}, dtype::float64);
    cupp::detail::from_host(sos, rows.data());
    // SciPy casts the sections to the result dtype.
    const dtype real = out == dtype::complex64    ? dtype::float32
                       : out == dtype::complex128 ? dtype::float64
                                                  : out;
    sos = cupp::array(sos).astype(real).desc();
    y = zero_phase
            ? sosfiltfilt(sos, x, static_cast<int>(ax), std::string("odd"), std::nullopt, out)
            : sosfilt(sos, x, static_cast<int>(ax), nullptr, nullptr, out);
    sl[static_cast<std::size_t>(ax)] = slice(std::nullopt, std::nullopt, q);
  }
  return cupp::detail::copy(cupp::detail::index_view(y, sl));
}

namespace {

/// SciPy's upfirdn modes, numbered as cupp_sig_sample in kernels/cupp/signal_upfirdn.cuh.
int mode_code(const std::string& mode) {
  static const char* const modes[] = {"constant", "symmetric",     "reflect",
                                      "edge",     "wrap",          "smooth",
                                      "line",     "antisymmetric", "antireflect"};
  for (int i = 0; i < 9; ++i)
    if (mode == modes[i]) return i;
  throw value_error("mode '" + mode +
                    "' not supported; use one of constant, symmetric, reflect, "
                    "edge, wrap, smooth, line, antisymmetric, antireflect");
}

/// Outputs [first, first + count) of upfirdn along axis `ax` (count < 0: all of them), the
/// signal extended by `mode` (cval for "constant").
array_desc upfirdn_window(const array_desc& h, const array_desc& x, std::int64_t up,
                          std::int64_t down, std::int64_t ax, std::int64_t first,
                          std::int64_t count, int mode, double cval, dtype out) {
  const array_desc moved = cupp::detail::moveaxis(x, {ax}, {-1});
  const std::int64_t n = x.shape[static_cast<std::size_t>(ax)];
  const std::int64_t taps = h.size();
  const std::int64_t m = count >= 0 ? count : n == 0 ? 0 : output_length(taps, n, up, down);
  shape_t yshape = moved.shape;
  yshape.back() = m;
  array_desc y = make_array(yshape, out);
  const std::int64_t lines = n == 0 ? 0 : moved.size() / n;
  if (y.size() > 0 && lines > 0) {
    const array_desc xc = contiguous(moved, out), hc = contiguous(h, out);
    const RawKernel& k =
        jit::detail::library_kernel(upfirdn_kernel_source(out), upfirdn_kernel_name(out));
    const auto go = [&](const auto& c) {
      k({cupp::detail::resident_blocks(k, lines * m, 256u)}, {256u},
        static_cast<const void*>(xc.ptr), static_cast<const void*>(hc.ptr),
        static_cast<void*>(y.ptr), static_cast<long long>(lines), static_cast<long long>(n),
        static_cast<long long>(m), static_cast<long long>(taps), static_cast<long long>(up),
        static_cast<long long>(down), static_cast<long long>(first), mode, c);
    };
    switch (out) {
      case dtype::float32:
        go(static_cast<float>(cval));
        break;
      case dtype::complex64:
        go(std::complex<float>(static_cast<float>(cval)));
        break;
      case dtype::complex128:
        go(std::complex<double>(cval));
        break;
      default:
        go(cval);
        break;
    }
  }
  if (ax == x.ndim() - 1) return y;
  return cupp::detail::copy(cupp::detail::moveaxis(y, {-1}, {ax}));
}

}  // namespace

array_desc upfirdn(const array_desc& h, const array_desc& x, std::int64_t up, std::int64_t down,
                   int axis, const std::string& mode, double cval, dtype out) {
  if (h.ndim() != 1 || h.size() == 0) throw value_error("h must be 1-D with non-zero length");
  if (up < 1 || down < 1) throw value_error("Both up and down must be >= 1");
  const int code = mode_code(mode);
  if (x.ndim() == 0) throw value_error("x must be at least 1-D");
  return upfirdn_window(h, x, up, down, normalize_axis(axis, x.ndim()), 0, -1, code, cval, out);
}

array_desc resample(const array_desc& x_, std::int64_t num, int axis, const array_desc* window,
                    const std::string& domain, dtype out) {
  if (domain != "time" && domain != "freq")
    throw value_error("Parameter domain='" + domain + "' not in ('time', 'freq')!");
  if (x_.ndim() == 0) throw value_error("x must be at least 1-D");
  if (num < 1) throw value_error("num must be positive");
  if (domain == "freq" && !is_complex(out))
    throw not_implemented_error("resample with domain 'freq' takes complex input");
  using namespace cupp::fft::detail;
  const std::int64_t ax = normalize_axis(axis, x_.ndim());
  const array_desc x = cupp::detail::moveaxis(x_, {ax}, {-1});
  const std::int64_t nx = x.shape.back();
  const double s_fac = static_cast<double>(nx) / static_cast<double>(num);
  const std::int64_t m = std::min(num, nx), m2 = m / 2 + 1;
  const std::int64_t last = x.ndim() - 1;
  const auto cut = [&](const array_desc& a, std::optional<std::int64_t> start,
                       std::optional<std::int64_t> stop) {
    std::vector<cupp::detail::index_item> items(static_cast<std::size_t>(a.ndim()), slice());
    items.back() = slice(start, stop);
    return cupp::detail::index_view(a, items);
  };
  std::optional<cupp::array> w;
  if (window) {
    if (window->ndim() != 1 || window->shape[0] != nx)
      throw value_error("window.shape=(" + std::to_string(window->size()) + ",) != (" +
                        std::to_string(nx) +
                        ",), i.e., window length is not equal to number of "
                        "frequency bins!");
    w = cupp::array(*window).astype(dtype::float64).copy();
  }
  array_desc result;
  if (!is_complex(out)) {
    const dtype real = out;
    const array_desc xr = contiguous(x, real);
    cupp::array spec(execute(
        xr, resolve_1d(xr.shape, std::nullopt, last, kind::r2c, true, "backward", false), false));
    const std::int64_t nX = spec.shape().back();
    if (w) {
      // Fold the window: W1[l] = (W[l] + W[-l]) / 2 for 0 < l < nX.
      std::vector<double> wv = w->get<double>();
      std::vector<double> folded(static_cast<std::size_t>(nX));
      folded[0] = wv[0];
      for (std::int64_t l = 1; l < nX; ++l)
        folded[static_cast<std::size_t>(l)] =
            (wv[static_cast<std::size_t>(l)] + wv[static_cast<std::size_t>(nx - l)]) / 2;
      array_desc fd = make_array({nX}, dtype::float64);
      cupp::detail::from_host(fd, folded.data());
      spec = cupp::array(spec * cupp::array(fd).astype(real)).astype(spec.dtype());
    }
    cupp::array kept(cupp::detail::copy(cut(spec.desc(), std::nullopt, m2)));
    if (m % 2 == 0 && num != nx) {
      const array_desc bin = cut(kept.desc(), m / 2, m / 2 + 1);
      cupp::detail::copy_into(
          cupp::array(cupp::array(bin) * (num < nx ? 2.0 : 0.5)).astype(kept.dtype()).desc(), bin);
    }
    kept = cupp::array(kept / s_fac).astype(kept.dtype());
    result = execute(kept.desc(),
                     resolve_1d(kept.shape(), num, last, kind::c2r, false, "backward", true), true);
  } else {
    const array_desc xc = contiguous(x, out);
    cupp::array spec =
        domain == "time"
            ? cupp::array(execute(
                  xc, resolve_1d(xc.shape, std::nullopt, last, kind::c2c, true, "backward", false),
                  false))
            : cupp::array(xc);
    if (w) spec = cupp::array(spec * w->astype(out)).astype(out);
    shape_t yshape = spec.shape();
    yshape.back() = num;
    cupp::array y(yshape, out);
    y.fill(0);
    cupp::detail::copy_into(cut(spec.desc(), std::nullopt, m2), cut(y.desc(), std::nullopt, m2));
    if (m2 < m)
      cupp::detail::copy_into(cut(spec.desc(), m2 - m, std::nullopt),
                              cut(y.desc(), m2 - m, std::nullopt));
    if (m % 2 == 0) {
      if (num < nx) {
        const array_desc yb = cut(y.desc(), -m / 2,
                                  -m / 2 + 1 == 0 ? std::optional<std::int64_t>()
                                                  : std::optional<std::int64_t>(-m / 2 + 1));
        const array_desc xb = cut(spec.desc(), -m / 2,
                                  -m / 2 + 1 == 0 ? std::optional<std::int64_t>()
                                                  : std::optional<std::int64_t>(-m / 2 + 1));
        cupp::detail::copy_into(cupp::array(cupp::array(yb) + cupp::array(xb)).astype(out).desc(),
                                yb);
      } else if (nx < num) {
        const array_desc yb = cut(y.desc(), m / 2, m / 2 + 1);
        cupp::detail::copy_into(cupp::array(cupp::array(yb) / 2.0).astype(out).desc(), yb);
        cupp::detail::copy_into(yb, cut(y.desc(), num - m / 2, num - m / 2 + 1));
      }
    }
    y = cupp::array(y / s_fac).astype(out);
    result = execute(y.desc(), resolve_1d(y.shape(), num, last, kind::c2c, false, "backward", true),
                     true);
  }
  return cupp::detail::copy(cupp::detail::moveaxis(result, {-1}, {ax}));
}

array_desc resample_times(const array_desc& t, std::int64_t n, std::int64_t num) {
  if (t.ndim() != 1 || t.size() < 2) throw value_error("t must be 1-D with at least two samples");
  const std::vector<double> tv =
      cupp::array(cupp::detail::index_view(t, {slice(std::int64_t{0}, std::int64_t{2})}))
          .get<double>(casting::unsafe);
  const double s_fac = static_cast<double>(n) / static_cast<double>(num);
  std::vector<double> out(static_cast<std::size_t>(num));
  for (std::int64_t i = 0; i < num; ++i)
    out[static_cast<std::size_t>(i)] = tv[0] + (tv[1] - tv[0]) * s_fac * static_cast<double>(i);
  array_desc d = make_array({num}, dtype::float64);
  if (num > 0) cupp::detail::from_host(d, out.data());
  return d;
}

array_desc resample_poly(const array_desc& x, std::int64_t up, std::int64_t down, int axis,
                         const std::vector<double>& window, const std::string& padtype,
                         std::optional<double> cval, dtype out) {
  if (up < 1 || down < 1) throw value_error("up and down must be >= 1");
  if (cval && padtype != "constant")
    throw value_error("cval has no effect when padtype is " + padtype);
  if (x.ndim() == 0) throw value_error("x must be at least 1-D");
  const std::int64_t g = std::gcd(up, down);
  up /= g;
  down /= g;
  if (up == 1 && down == 1) return contiguous(cupp::detail::copy(x), out);
  const std::int64_t ax = normalize_axis(axis, x.ndim());
  const std::int64_t n_in = x.shape[static_cast<std::size_t>(ax)];
  std::int64_t n_out = n_in * up;
  n_out = n_out / down + (n_out % down != 0 ? 1 : 0);
  std::vector<double> h;
  std::int64_t half_len = 0;
  if (!window.empty()) {
    h = window;
    half_len = (static_cast<std::int64_t>(window.size()) - 1) / 2;
  } else {
    const std::int64_t max_rate = std::max(up, down);
    half_len = 10 * max_rate;
    h = detail::firwin_values(2 * half_len + 1, {1.0 / static_cast<double>(max_rate)}, std::nullopt,
                              window_spec("kaiser", 5.0), "true", true, std::nullopt);
  }
  // SciPy casts the designed filter to a floating x's dtype before scaling it by up.
  const bool single = out == dtype::float32 || out == dtype::complex64;
  for (double& v : h) {
    if (single && window.empty()) v = static_cast<float>(v);
    v *= static_cast<double>(up);
    if (single && window.empty()) v = static_cast<float>(v);
  }
  const std::int64_t n_pre_pad = down - half_len % down;
  std::int64_t n_post_pad = 0;
  const std::int64_t n_pre_remove = (half_len + n_pre_pad) / down;
  const auto taps = static_cast<std::int64_t>(h.size());
  while (output_length(taps + n_pre_pad + n_post_pad, n_in, up, down) < n_out + n_pre_remove)
    ++n_post_pad;
  std::vector<double> padded(static_cast<std::size_t>(n_pre_pad), 0.0);
  padded.insert(padded.end(), h.begin(), h.end());
  padded.resize(padded.size() + static_cast<std::size_t>(n_post_pad), 0.0);
  array_desc hd = make_array({static_cast<std::int64_t>(padded.size())}, dtype::float64);
  cupp::detail::from_host(hd, padded.data());
  cupp::array xs(contiguous(x, out));
  std::optional<cupp::array> background;
  if (padtype == "mean")
    background = cupp::mean(xs, ax, true);
  else if (padtype == "minimum")
    background = cupp::min(xs, ax, true);
  else if (padtype == "maximum")
    background = cupp::max(xs, ax, true);
  else if (padtype == "median")
    background = cupp::array(cupp::detail::median_array(xs.desc(), ax, true, false, out));
  int mode = 0;
  if (!background) {
    try {
      mode = mode_code(padtype);
    } catch (const value_error&) {
      throw value_error(
          "padtype must be one of: maximum, mean, median, minimum, constant, symmetric, reflect, "
          "edge, wrap, smooth, line, antisymmetric, antireflect");
    }
  }
  if (background) xs = cupp::array(xs - *background).astype(out);
  // Only the outputs SciPy keeps, [n_pre_remove, n_pre_remove + n_out), are computed.
  cupp::array kept(upfirdn_window(hd, xs.desc(), up, down, ax, n_pre_remove, n_out, mode,
                                  cval ? *cval : 0.0, out));
  if (background) kept = cupp::array(kept + *background).astype(out);
  return kept.desc();
}

array_desc resample_poly(const array_desc& x, std::int64_t up, std::int64_t down, int axis,
                         const window_spec& window, const std::string& padtype,
                         std::optional<double> cval, dtype out) {
  // SciPy designs the filter once the arguments are checked and up / down is reduced and is not
  // 1: firwin(2 * half_len + 1, 1 / max_rate, window=window), half_len = 10 * max_rate.
  const std::int64_t g = up >= 1 && down >= 1 ? std::gcd(up, down) : 1;
  const std::int64_t max_rate = std::max(up, down) / g;
  if (up < 1 || down < 1 || (cval && padtype != "constant") || x.ndim() == 0 || up == down)
    return resample_poly(x, up, down, axis, std::vector<double>{}, padtype, cval, out);
  const std::vector<double> taps =
      detail::firwin_values(2 * 10 * max_rate + 1, {1.0 / static_cast<double>(max_rate)},
                            std::nullopt, window, "true", true, std::nullopt);
  return resample_poly(x, up, down, axis, taps, padtype, cval, out);
}

}  // namespace cupp::scipy::signal::detail
