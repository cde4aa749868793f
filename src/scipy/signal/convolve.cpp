// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The convolutions of cupp::scipy::signal (include/cupp/scipy/signal/filtering.hpp): SciPy's
// argument handling (its convolve, correlate, fftconvolve, convolve2d, correlate2d and
// choose_conv_method, in their order of checks), the frequency-domain path on cupp::fft, and the
// launches of the direct kernel of kernels/cupp/signal_conv.cuh (Note [Direct convolution]).
#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "../../cuda/launch.hpp"
#include "../../jit/registry.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/runtime_array.hpp"
#include "cupp/expr/engine.hpp"
#include "cupp/fft.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "cupp/routines/manipulation.hpp"
#include "cupp/scipy/signal/filtering.hpp"

namespace cupp::scipy::signal::detail {

using cupp::detail::make_array;
using cupp::detail::resident_blocks;

namespace {

/// The most dimensions the direct kernel takes (the geometry struct's array lengths).
constexpr int kMaxDims = 32;

// The host image of the kernel's cupp_sig_conv_geom (same members, same order).
struct conv_geom {
  long long out_shape[kMaxDims];
  long long a_shape[kMaxDims];
  long long v_shape[kMaxDims];
  long long start[kMaxDims];
  int ndim;
  int boundary;
  int zero_fill;
  int unused;
};
static_assert(sizeof(conv_geom) == 8 * (4 * kMaxDims + 2), "conv_geom is packed as its twin");

std::string shape_repr(const shape_t& s) {
  std::string r = "(";
  for (std::size_t i = 0; i < s.size(); ++i) r += (i ? ", " : "") + std::to_string(s[i]);
  return r + (s.size() == 1 ? ",)" : ")");
}

bool is_integral(dtype dt) { return is_integer(dt); }

/// The type the direct kernel sums in for a result of dtype `out`.
dtype accumulate_dtype(dtype out) {
  switch (out) {
    case dtype::float16:
    case dtype::bfloat16:
    case dtype::float32:
      return dtype::float32;
    case dtype::float64:
      return dtype::float64;
    case dtype::complex64:
      return dtype::complex64;
    case dtype::complex128:
      return dtype::complex128;
    default:
      return dtype::int64;
  }
}

/// `a` as a C-contiguous array of dtype `dt` (itself when it already is one).
array_desc as_contiguous(const array_desc& a, dtype dt) {
  // astype keeps the input's memory order (NumPy's order='K'): copy what is still not C order.
  array_desc r = a.dt == dt ? a : cupp::array(a).astype(dt).desc();
  if (!is_c_contiguous(r.shape, r.strides)) r = cupp::detail::copy(r);
  return r;
}

/// SciPy's _reverse_and_conj: every axis reversed, complex values conjugated (a view for real
/// dtypes).
array_desc reverse_and_conj(const array_desc& a) {
  const array_desc r = cupp::detail::flip(a, std::nullopt);
  if (!is_complex(a.dt)) return r;
  return cupp::conj(cupp::array(r)).desc();
}

/// SciPy's _inputs_swap_needed over `axes` (every axis when empty): whether "valid" wants the
/// inputs swapped; value_error when neither is as large as the other.
bool inputs_swap_needed(const std::string& mode, const shape_t& s1, const shape_t& s2,
                        const std::vector<std::int64_t>& axes = {}) {
  if (mode != "valid" || s1.empty()) return false;
  std::vector<std::int64_t> all = axes;
  if (all.empty())
    for (std::size_t i = 0; i < s1.size(); ++i) all.push_back(static_cast<std::int64_t>(i));
  bool ok1 = true, ok2 = true;
  for (const std::int64_t i : all) {
    ok1 = ok1 && s1[static_cast<std::size_t>(i)] >= s2[static_cast<std::size_t>(i)];
    ok2 = ok2 && s2[static_cast<std::size_t>(i)] >= s1[static_cast<std::size_t>(i)];
  }
  if (!ok1 && !ok2)
    throw value_error(
        "For 'valid' mode, one must be at least as large as the other in every dimension");
  return !ok1;
}

/// A C-contiguous copy of `ret` cut to `shape`, centred (SciPy's _centered).
array_desc centered(const array_desc& ret, const shape_t& shape) {
  std::vector<cupp::detail::index_item> items;
  for (std::size_t d = 0; d < shape.size(); ++d) {
    const std::int64_t start = (ret.shape[d] - shape[d]) / 2;
    items.emplace_back(slice(start, start + shape[d]));
  }
  return cupp::detail::copy(cupp::detail::index_view(ret, items));
}

const RawKernel& conv_kernel(dtype acc, dtype out, bool tile = false) {
  return jit::detail::library_kernel(conv_kernel_source(acc, out),
                                     conv_kernel_name(acc, out) + (tile ? "_tile2d" : ""));
}

/// The shared memory the 2-D tile kernel needs for a k0 x k1 kernel of `itemsize` elements.
std::size_t tile_bytes(std::int64_t k0, std::int64_t k1, std::size_t itemsize) {
  return static_cast<std::size_t>((16 + k0 - 1) * (32 + k1 - 1) + k0 * k1) * itemsize;
}

/// One launch of the direct kernel: `out` (C-contiguous, window.shape) from `a` and `v`
/// (C-contiguous, dtype `acc`); the fill value in the accumulation type.
void launch_direct(const array_desc& a, const array_desc& v, const array_desc& out,
                   const conv_window& w, int boundary, std::complex<double> fill) {
  const std::int64_t total = out.size();
  if (total == 0) return;
  const int nd = static_cast<int>(a.ndim());
  CUPP_EXPECTS(
      nd <= kMaxDims, value_error,
      "the convolutions take arrays of at most " + std::to_string(kMaxDims) + " dimensions");
  conv_geom g{};
  g.ndim = nd;
  g.boundary = boundary;
  g.zero_fill = fill == std::complex<double>(0.0) ? 1 : 0;
  for (int d = 0; d < nd; ++d) {
    const auto k = static_cast<std::size_t>(d);
    g.out_shape[d] = w.shape[k];
    g.a_shape[d] = a.shape[k];
    g.v_shape[d] = v.shape[k];
    g.start[d] = w.start[k];
  }
  // Note [Direct convolution]: 2-D inputs whose tiles fit in shared memory run by tiles.
  const std::size_t smem = nd == 2 ? tile_bytes(v.shape[0], v.shape[1], a.itemsize()) : 0;
  const bool tiled = nd == 2 && smem <= 48 * 1024 && (w.shape[0] + 15) / 16 <= 65535;
  const RawKernel& kernel = conv_kernel(a.dt, out.dt, tiled);
  const auto go = [&](const auto& fv) {
    if (tiled) {
      const auto cap = [](std::int64_t b) { return static_cast<unsigned>(b); };
      kernel({cap((w.shape[1] + 31) / 32), cap((w.shape[0] + 15) / 16)}, {32u, 8u},
             cupp::shared_mem(smem), static_cast<const void*>(a.ptr),
             static_cast<const void*>(v.ptr), static_cast<void*>(out.ptr), g, fv);
      return;
    }
    kernel({resident_blocks(kernel, total, 256u)}, {256u}, static_cast<const void*>(a.ptr),
           static_cast<const void*>(v.ptr), static_cast<void*>(out.ptr), g,
           static_cast<long long>(total), fv);
  };
  switch (a.dt) {
    case dtype::float32:
      go(static_cast<float>(fill.real()));
      break;
    case dtype::float64:
      go(fill.real());
      break;
    case dtype::complex64:
      go(std::complex<float>(fill));
      break;
    case dtype::complex128:
      go(fill);
      break;
    default:
      go(static_cast<long long>(fill.real()));
      break;
  }
}

/// The direct convolution of `in1` and `kernel` (already reversed and conjugated for a
/// correlation) in the window `w`, extended by `boundary` with `fill`, into dtype `out`.
array_desc direct(const array_desc& in1, const array_desc& kernel, const conv_window& w,
                  int boundary, std::complex<double> fill, dtype out) {
  array_desc result = make_array(w.shape, out);
  if (result.size() == 0) return result;
  const dtype acc = accumulate_dtype(out);
  array_desc a = as_contiguous(in1, acc), v = as_contiguous(kernel, acc);
  if (a.size() == 0) {
    // Nothing of the input reaches the output: the fill value times the kernel's sum, or zero.
    boundary = 0;
  }
  // The full convolution with a zero boundary is commutative: the loop runs over the smaller.
  if (boundary == 0 && fill == std::complex<double>(0.0) && v.size() > a.size() && a.size() > 0)
    std::swap(a, v);
  launch_direct(a, v, result, w, boundary, fill);
  return result;
}

void check_method(const std::string& method) {
  if (method != "auto" && method != "direct" && method != "fft")
    throw value_error("Acceptable method flags are 'auto', 'direct', or 'fft'.");
}

/// The smallest length >= n whose only prime factors are 2, 3, 5 and 7 (cuFFT's fast sizes).
std::int64_t fast_length(std::int64_t n) {
  if (n <= 1) return 1;
  std::int64_t best = std::int64_t{1} << 62;
  for (std::int64_t p7 = 1; p7 < best; p7 *= 7)
    for (std::int64_t p5 = p7; p5 < best; p5 *= 5)
      for (std::int64_t p3 = p5; p3 < best; p3 *= 3) {
        std::int64_t m = p3;
        while (m < n) m *= 2;
        best = std::min(best, m);
        if (p3 >= n) break;
      }
  return best;
}

/// fftconvolve's transforms of C-contiguous or strided `x` (compute dtype) over `axes`, `fshape`.
array_desc forward(const array_desc& x, const std::vector<std::int64_t>& axes,
                   const shape_t& fshape, bool complex_result) {
  using namespace cupp::fft::detail;
  const plan_args args = resolve_nd(x.shape, cupp::fft::shape_arg(fshape), axis_arg(axes),
                                    complex_result ? kind::c2c : kind::r2c, true, "backward");
  return execute(x, args, false);
}

/// The convolution of C-contiguous `x1` and `x2` over `axes` by one transform of `fshape` points,
/// cut to `shape`.
array_desc one_transform(const array_desc& x1, const array_desc& x2,
                         const std::vector<std::int64_t>& axes, const shape_t& fshape,
                         const shape_t& shape, bool complex_result) {
  using namespace cupp::fft::detail;
  const array_desc sp1 = forward(x1, axes, fshape, complex_result);
  const array_desc sp2 = forward(x2, axes, fshape, complex_result);
  const array_desc prod = cupp::multiply(cupp::array(sp1), cupp::array(sp2)).desc();
  const plan_args inv = resolve_nd(prod.shape, cupp::fft::shape_arg(fshape), axis_arg(axes),
                                   complex_result ? kind::c2c : kind::c2r, false, "backward");
  const array_desc ret = execute(prod, inv, true);
  std::vector<cupp::detail::index_item> items;
  for (std::size_t i = 0; i < shape.size(); ++i)
    items.emplace_back(slice(std::int64_t{0}, shape[i]));
  return cupp::detail::index_view(ret, items);
}

/// The FFT length of the blocks of an overlap-add convolution with a kernel of `m` samples (0
/// when it does not pay): a power of two of at least 8 m, so that each block transform is one
/// short batched cuFFT pass and the overlap is at most 1/8 of it.
std::int64_t overlap_add_length(std::int64_t n, std::int64_t m) {
  std::int64_t nfft = 1024;
  while (nfft < 8 * m) nfft *= 2;
  if (nfft > 32768 || n < 16 * nfft) return 0;
  return nfft;
}

/// The full 1-D convolution of C-contiguous `x` (n samples) and `h` (m <= the block's overlap)
/// by overlap-add: blocks of `step` = nfft - m + 1 samples, each transformed with nfft points in
/// one batched call, multiplied by the kernel's spectrum, transformed back, and the tails of the
/// blocks (m - 1 samples) added onto the starts of the next ones. The same products as one long
/// transform, in short transforms: cuFFT does a batch of short ones in one pass over memory.
array_desc overlap_add(const array_desc& x, const array_desc& h, std::int64_t nfft,
                       bool complex_result) {
  using namespace cupp::fft::detail;
  const std::int64_t n = x.shape[0], m = h.shape[0], step = nfft - m + 1;
  const std::int64_t blocks = (n + step - 1) / step;
  cupp::array padded({blocks * step}, x.dt);
  if (blocks * step > n)
    cupp::array(cupp::detail::index_view(padded.desc(), {slice(n, blocks * step)})).fill(0);
  cupp::detail::copy_into(x, cupp::detail::index_view(padded.desc(), {slice(std::int64_t{0}, n)}));
  const array_desc rows = cupp::detail::reshape(padded.desc(), {blocks, step});
  const array_desc spectra = forward(rows, {1}, {nfft}, complex_result);
  const array_desc kernel = forward(h, {0}, {nfft}, complex_result);
  const array_desc prod = cupp::multiply(cupp::array(spectra), cupp::array(kernel)).desc();
  const plan_args inv = resolve_nd(prod.shape, cupp::fft::shape_arg(shape_t{nfft}), axis_arg(1),
                                   complex_result ? kind::c2c : kind::c2r, false, "backward");
  const array_desc y = execute(prod, inv, true);  // (blocks, nfft)
  // out[b * step + i] = y[b, i] + y[b - 1, step + i]: the heads in place, then the tails added.
  cupp::array out({(blocks + 1) * step}, y.dt);
  const array_desc grid = cupp::detail::reshape(out.desc(), {blocks + 1, step});
  const auto part = [](const array_desc& a, std::int64_t r0, std::int64_t r1, std::int64_t c0,
                       std::int64_t c1) {
    return cupp::detail::index_view(a, {slice(r0, r1), slice(c0, c1)});
  };
  cupp::detail::copy_into(part(y, 0, blocks, 0, step), part(grid, 0, blocks, 0, step));
  cupp::array(part(grid, blocks, blocks + 1, 0, step)).fill(0);
  cupp::array tails(part(grid, 1, blocks + 1, 0, m - 1));
  tails += cupp::array(part(y, 0, blocks, step, nfft));
  return cupp::detail::index_view(out.desc(), {slice(std::int64_t{0}, n + m - 1)});
}

}  // namespace

array_desc direct_convolve(const array_desc& in1, const array_desc& kernel, const conv_window& w,
                           int boundary, std::complex<double> fill, dtype out) {
  return direct(in1, kernel, w, boundary, fill, out);
}

conv_window direct_window(const shape_t& s1, const shape_t& s2, const std::string& mode,
                          bool centre_up) {
  conv_window w;
  for (std::size_t d = 0; d < s1.size(); ++d) {
    const std::int64_t n = s1[d], k = s2[d];
    if (mode == "full") {
      w.shape.push_back(n + k - 1);
      w.start.push_back(0);
    } else if (mode == "same") {
      w.shape.push_back(n);
      w.start.push_back(centre_up ? k / 2 : (k - 1) / 2);
    } else {
      w.shape.push_back(std::abs(n - k) + 1);
      w.start.push_back(std::min(n, k) - 1);
    }
  }
  return w;
}

std::string conv_kernel_name(dtype acc, dtype out) {
  return std::string("cupp_sig_convolve_") + dtype_name(acc) + "_" + dtype_name(out);
}

std::string conv_kernel_source(dtype acc, dtype out) {
  std::string s = "#include <cupp/ufunc.cuh>\n";
  s += std::string("typedef ") + expr::detail::device_type_name(acc) + " cupp_acc_t;\n";
  s += std::string("typedef ") + expr::detail::device_type_name(out) + " cupp_out_t;\n";
  s += "#define CUPP_SIG_K " + std::to_string(kMaxDims) + "\n";
  s += "#define CUPP_SIG_NAME " + conv_kernel_name(acc, out) + "\n";
  s += "#define CUPP_SIG_TILE_NAME " + conv_kernel_name(acc, out) + "_tile2d\n";
  return jit::detail::routine_source("cupp/signal_conv.cuh", s);
}

bool fftconv_faster(const shape_t& x, const shape_t& h, const std::string& mode) {
  // SciPy's _conv_ops, in double (its integers only feed a comparison of magnitudes).
  shape_t out_shape;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (mode == "full")
      out_shape.push_back(x[i] + h[i] - 1);
    else if (mode == "valid")
      out_shape.push_back(std::abs(x[i] - h[i]) + 1);
    else if (mode == "same")
      out_shape.push_back(x[i]);
    else
      throw value_error("Acceptable mode flags are 'valid', 'same', or 'full', not mode=" + mode);
  }
  const auto prod = [](const shape_t& s) {
    double p = 1;
    for (const auto v : s) p *= static_cast<double>(v);
    return p;
  };
  double direct_ops = 0;
  if (x.size() == 1) {
    const double s1 = static_cast<double>(x[0]), s2 = static_cast<double>(h[0]);
    const std::int64_t k = h[0];
    if (mode == "full")
      direct_ops = s1 * s2;
    else if (mode == "valid")
      direct_ops = s2 >= s1 ? (s2 - s1 + 1) * s1 : (s1 - s2 + 1) * s2;
    else
      direct_ops = s1 < s2
                       ? s1 * s2
                       : s1 * s2 - static_cast<double>(k / 2) * static_cast<double>((k + 1) / 2);
  } else {
    if (mode == "same")
      direct_ops = prod(x) * prod(h);
    else
      direct_ops = std::min(prod(x), prod(h)) * prod(out_shape);
  }
  shape_t full;
  for (std::size_t i = 0; i < x.size(); ++i) full.push_back(x[i] + h[i] - 1);
  const double n = prod(full);
  const double fft_ops = 3 * n * std::log(n);
  const double offset = x.size() == 1 ? -1e-3 : -1e-4;
  double o_fft = 0, o_direct = 0, o_offset = offset;
  if (x.size() == 1) {
    if (mode == "valid") {
      o_fft = 1.89095737e-9;
      o_direct = 2.1364985e-10;
    } else if (mode == "full") {
      o_fft = 1.7649070e-9;
      o_direct = 2.1414831e-10;
    } else if (prod(h) <= prod(x)) {
      o_fft = 3.2646654e-9;
      o_direct = 2.8478277e-10;
    } else {
      o_fft = 3.21635404e-9;
      o_direct = 1.1773253e-8;
      o_offset = -1e-5;
    }
  } else if (mode == "valid") {
    o_fft = 1.85927e-9;
    o_direct = 2.11242e-8;
  } else if (mode == "full") {
    o_fft = 1.99817e-9;
    o_direct = 1.66174e-8;
  } else {
    o_fft = 2.04735e-9;
    o_direct = 1.55367e-8;
  }
  return o_fft * fft_ops < o_direct * direct_ops + o_offset;
}

std::string choose_conv_method(const array_desc& in1, const array_desc& in2,
                               const std::string& mode) {
  // Integers whose exact products could pass float64's 52-bit mantissa stay direct.
  if (is_integral(in1.dt) || is_integral(in2.dt)) {
    const auto max_abs = [](const array_desc& a) {
      return std::floor(cupp::amax(cupp::abs(cupp::array(a))).get<double>(casting::unsafe)[0]);
    };
    const long double max_value = static_cast<long double>(max_abs(in1)) *
                                  static_cast<long double>(max_abs(in2)) *
                                  static_cast<long double>(std::min(in1.size(), in2.size()));
    if (max_value > std::ldexp(1.0L, 52) - 1) return "direct";
  }
  if (in1.dt == dtype::bool_ && in2.dt == dtype::bool_) return "direct";
  return fftconv_faster(in1.shape, in2.shape, mode) ? "fft" : "direct";
}

std::vector<std::int64_t> correlation_lags(std::int64_t in1_len, std::int64_t in2_len,
                                           const std::string& mode) {
  std::vector<std::int64_t> lags;
  if (mode == "full" || mode == "same") {
    for (std::int64_t l = -in2_len + 1; l < in1_len; ++l) lags.push_back(l);
    if (mode == "same") {
      const auto size = static_cast<std::int64_t>(lags.size());
      const std::int64_t mid = size / 2, bound = in1_len / 2;
      const std::int64_t lo = std::clamp<std::int64_t>(mid - bound, 0, size);
      const std::int64_t hi =
          std::clamp<std::int64_t>(mid + bound + (in1_len % 2 == 0 ? 0 : 1), lo, size);
      lags = std::vector<std::int64_t>(lags.begin() + lo, lags.begin() + hi);
    }
  } else if (mode == "valid") {
    const std::int64_t bound = in1_len - in2_len;
    if (bound >= 0)
      for (std::int64_t l = 0; l <= bound; ++l) lags.push_back(l);
    else
      for (std::int64_t l = bound; l < 1; ++l) lags.push_back(l);
  } else {
    throw value_error("Mode " + mode + " is invalid");
  }
  return lags;
}

array_desc fftconvolve(const array_desc& in1_, const array_desc& in2_, const std::string& mode,
                       const axis_arg& axes_arg, dtype out) {
  array_desc in1 = in1_, in2 = in2_;
  if (in1.ndim() == 0 && in2.ndim() == 0)
    return cupp::multiply(cupp::array(in1), cupp::array(in2)).astype(out).desc();
  if (in1.ndim() != in2.ndim())
    throw value_error("in1 and in2 should have the same dimensionality");
  if (in1.size() == 0 || in2.size() == 0) return make_array({0}, out);
  const auto nd = static_cast<std::size_t>(in1.ndim());
  std::vector<std::int64_t> axes;
  if (axes_arg.all()) {
    for (std::size_t i = 0; i < nd; ++i) axes.push_back(static_cast<std::int64_t>(i));
  } else {
    if (axes_arg.axes().empty()) throw value_error("when provided, axes cannot be empty");
    for (const std::int64_t a : axes_arg.axes()) {
      const std::int64_t n = normalize_axis(a, in1.ndim());
      if (std::find(axes.begin(), axes.end(), n) != axes.end())
        throw value_error("all axes must be unique");
      axes.push_back(n);
    }
  }
  // Axes of length 1 broadcast in the product: no transform along them.
  std::vector<std::int64_t> fft_axes;
  for (const std::int64_t a : axes)
    if (in1.shape[static_cast<std::size_t>(a)] != 1 && in2.shape[static_cast<std::size_t>(a)] != 1)
      fft_axes.push_back(a);
  for (std::size_t a = 0; a < nd; ++a) {
    if (std::find(fft_axes.begin(), fft_axes.end(), static_cast<std::int64_t>(a)) != fft_axes.end())
      continue;
    if (!(in1.shape[a] == in2.shape[a] || in1.shape[a] == 1 || in2.shape[a] == 1))
      throw value_error("incompatible shapes for in1 and in2: " + shape_repr(in1.shape) + " and " +
                        shape_repr(in2.shape));
  }
  if (mode != "full" && mode != "same" && mode != "valid")
    throw value_error("acceptable mode flags are 'valid', 'same', or 'full'");
  if (inputs_swap_needed(mode, in1.shape, in2.shape, fft_axes)) std::swap(in1, in2);
  const shape_t s1 = in1.shape, s2 = in2.shape;
  const bool complex_result = is_complex(in1.dt) || is_complex(in2.dt);
  const bool single = out == dtype::float32 || out == dtype::complex64;
  const dtype real_dt = single ? dtype::float32 : dtype::float64;
  const dtype complex_dt = single ? dtype::complex64 : dtype::complex128;
  const dtype compute = complex_result ? complex_dt : real_dt;
  array_desc ret;
  if (fft_axes.empty()) {
    ret = cupp::multiply(cupp::array(in1).astype(compute), cupp::array(in2).astype(compute)).desc();
  } else {
    shape_t shape(nd), fshape;
    for (std::size_t i = 0; i < nd; ++i) shape[i] = std::max(s1[i], s2[i]);
    for (const std::int64_t a : fft_axes) {
      const auto k = static_cast<std::size_t>(a);
      shape[k] = s1[k] + s2[k] - 1;
      fshape.push_back(fast_length(shape[k]));
    }
    const array_desc x1 = as_contiguous(in1, compute), x2 = as_contiguous(in2, compute);
    const bool first_long = nd == 1 && s1[0] >= s2[0];
    const std::int64_t nfft =
        nd == 1 ? overlap_add_length(std::max(s1[0], s2[0]), std::min(s1[0], s2[0])) : 0;
    if (nfft > 0)
      ret = first_long ? overlap_add(x1, x2, nfft, complex_result)
                       : overlap_add(x2, x1, nfft, complex_result);
    else
      ret = one_transform(x1, x2, fft_axes, fshape, shape, complex_result);
  }
  array_desc result;
  if (mode == "full") {
    // A C-contiguous cut of a fresh result is returned as it is; other cuts are copied.
    result = is_c_contiguous(ret.shape, ret.strides) ? ret : cupp::detail::copy(ret);
  } else if (mode == "same") {
    result = centered(ret, s1);
  } else {
    shape_t valid = ret.shape;
    for (const std::int64_t a : fft_axes) {
      const auto k = static_cast<std::size_t>(a);
      valid[k] = s1[k] - s2[k] + 1;
    }
    result = centered(ret, valid);
  }
  if (result.dt != out) result = cupp::array(result).astype(out).desc();
  return result;
}

array_desc convolve(const array_desc& in1_, const array_desc& in2_, const std::string& mode,
                    const std::string& method, bool correlate) {
  array_desc in1 = in1_, in2 = in2_;
  const dtype out = promote_types(in1.dt, in2.dt);
  if (in1.ndim() == 0 && in2.ndim() == 0) {
    const auto one = [](const array_desc& a) { return cupp::detail::reshape(a, {1}); };
    const array_desc r = convolve(one(in1), one(in2), "full", "direct", correlate);
    return cupp::detail::reshape(r, {});
  }
  if (in1.ndim() != in2.ndim())
    throw value_error(correlate ? "in1 and in2 should have the same dimensionality"
                                : "volume and kernel should have the same dimensionality");
  check_method(method);
  if (mode != "full" && mode != "same" && mode != "valid")
    throw value_error(correlate ? "Acceptable mode flags are 'valid', 'same', or 'full'."
                                : "Acceptable mode flags are 'valid', 'same', or 'full', not "
                                  "mode=" +
                                      mode);
  if (in1.ndim() == 1 && (in1.size() == 0 || in2.size() == 0))
    throw value_error(in1.size() == 0 ? "a cannot be empty" : "v cannot be empty");
  // correlate(in1, in2) is convolve(in1, reversed conj(in2)), in every mode and method.
  array_desc kernel = correlate ? reverse_and_conj(in2) : in2;
  if (inputs_swap_needed(mode, in1.shape, kernel.shape)) std::swap(in1, kernel);
  std::string m = method;
  if (m == "auto") m = choose_conv_method(in1, kernel, mode);
  if (m == "fft" && in1.size() > 0 && kernel.size() > 0) {
    const bool complex_result = is_complex(out);
    const bool single = out == dtype::float16 || out == dtype::bfloat16 || out == dtype::float32 ||
                        out == dtype::complex64;
    const dtype compute = complex_result ? (single ? dtype::complex64 : dtype::complex128)
                                         : (single ? dtype::float32 : dtype::float64);
    array_desc r = fftconvolve(in1, kernel, mode, {}, compute);
    if (is_integral(out)) r = cupp::rint(cupp::array(r)).desc();
    return r.dt == out ? r : cupp::array(r).astype(out).desc();
  }
  return direct(in1, kernel, direct_window(in1.shape, kernel.shape, mode, false), 0, 0.0, out);
}

array_desc convolve2d(const array_desc& in1_, const array_desc& in2_, const std::string& mode,
                      const std::string& boundary, std::complex<double> fillvalue, bool correlate) {
  array_desc in1 = in1_, in2 = in2_;
  if (!(in1.ndim() == 2 && in2.ndim() == 2))
    throw value_error(std::string(correlate ? "correlate2d" : "convolve2d") +
                      " inputs must both be 2-D arrays");
  const bool swapped = inputs_swap_needed(mode, in1.shape, in2.shape);
  if (mode != "full" && mode != "same" && mode != "valid")
    throw value_error("Acceptable mode flags are 'valid', 'same', or 'full'.");
  int b = 0;
  if (boundary == "fill" || boundary == "pad")
    b = 0;
  else if (boundary == "wrap" || boundary == "circular")
    b = 1;
  else if (boundary == "symm" || boundary == "symmetric")
    b = 2;
  else
    throw value_error(
        "Acceptable boundary flags are 'fill', 'circular' (or 'wrap'), and 'symmetric' (or "
        "'symm').");
  const dtype out = promote_types(in1.dt, in2.dt);
  if (out == dtype::float16 || out == dtype::bfloat16 || out == dtype::bool_)
    throw value_error("convolve2d not available for this type.");
  if (!is_complex(out)) fillvalue = fillvalue.real();
  if (is_integral(out)) fillvalue = std::trunc(fillvalue.real());
  // "valid" never reaches the boundary (SciPy swaps the inputs so that the larger is extended);
  // with a zero fill the direct loop runs over the smaller input, in the same window.
  if (mode == "valid") {
    b = 0;
    fillvalue = 0.0;
  }
  const array_desc kernel = correlate ? reverse_and_conj(in2) : in2;
  const conv_window w = direct_window(in1.shape, kernel.shape, mode, correlate);
  array_desc r = direct(in1, kernel, w, b, fillvalue, out);
  // SciPy's correlate2d of swapped inputs is the correlation of in2 with conj(in1), reversed:
  // the conjugate of the correlation of in1 with in2.
  if (correlate && swapped && is_complex(out)) r = cupp::conj(cupp::array(r)).desc();
  return r;
}

}  // namespace cupp::scipy::signal::detail

namespace cupp::scipy::signal {

ndarray<std::int64_t> correlation_lags(std::int64_t in1_len, std::int64_t in2_len,
                                       const std::string& mode) {
  const std::vector<std::int64_t> lags = detail::correlation_lags(in1_len, in2_len, mode);
  cupp::detail::array_desc d =
      cupp::detail::make_array({static_cast<std::int64_t>(lags.size())}, dtype::int64);
  if (!lags.empty()) cupp::detail::from_host(d, lags.data());
  return ndarray<std::int64_t>(d);
}

}  // namespace cupp::scipy::signal
