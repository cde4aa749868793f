// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// histogram and bincount: NumPy's checks and edges on the host, the counting in one generated
// kernel (Note [Histogram kernels]).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/error.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/routines/statistics.hpp"
#include "stats_kernels.hpp"

namespace cupp::detail {
namespace {

/// `x` rounded to dtype d (a floating dtype), as NumPy converts a Python float.
double round_to(dtype d, double x) {
  switch (d) {
    case dtype::float16:
      return static_cast<double>(static_cast<float>(float16(x)));
    case dtype::bfloat16:
      return static_cast<double>(static_cast<float>(bfloat16(x)));
    case dtype::float32:
      return static_cast<double>(static_cast<float>(x));
    default:
      return x;
  }
}

/// a op b as NumPy computes it in dtype d: float64 in double, float32 in float, and the 16-bit
/// dtypes in float rounded back after the operation. a and b are values of d.
double arith(dtype d, double a, double b, char op) {
  if (d == dtype::float64) {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      default:
        return a / b;
    }
  }
  const float fa = static_cast<float>(a), fb = static_cast<float>(b);
  float r = 0;
  switch (op) {
    case '+':
      r = fa + fb;
      break;
    case '-':
      r = fa - fb;
      break;
    case '*':
      r = fa * fb;
      break;
    default:
      r = fa / fb;
      break;
  }
  return round_to(d, static_cast<double>(r));
}

/// Python's repr of a float: the shortest text that reads back the same, "1.0" for integers.
std::string py_float(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[64];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, x);
    if (std::strtod(buf, nullptr) == x) break;
  }
  std::string s = buf;
  if (s.find_first_of(".eninf") == std::string::npos) s += ".0";
  return s;
}

/// Host values of dtype d (a floating dtype), as bytes for from_host.
std::vector<unsigned char> to_dtype_bytes(dtype d, const std::vector<double>& v) {
  std::vector<unsigned char> out(v.size() * dtype_itemsize(d));
  for (std::size_t i = 0; i < v.size(); ++i) {
    unsigned char* p = out.data() + i * dtype_itemsize(d);
    switch (d) {
      case dtype::float16: {
        const float16 h(v[i]);
        std::memcpy(p, &h, sizeof h);
        break;
      }
      case dtype::bfloat16: {
        const bfloat16 h(v[i]);
        std::memcpy(p, &h, sizeof h);
        break;
      }
      case dtype::float32: {
        const float f = static_cast<float>(v[i]);
        std::memcpy(p, &f, sizeof f);
        break;
      }
      default:
        std::memcpy(p, &v[i], sizeof(double));
        break;
    }
  }
  return out;
}

/// A zeroed histogram of `bins` float64 sums (with weights) or uint64 counts.
array_desc zeroed_hist(std::int64_t bins, bool weighted) {
  array_desc h = make_array({bins}, weighted ? dtype::float64 : dtype::uint64);
  const std::uint64_t zero = 0;
  fill(h, &zero);
  return h;
}

/// The counts as int64 (the same bits), the sums as they are.
array_desc finished(const array_desc& h) {
  return h.dt == dtype::uint64 ? view_as(h, dtype::int64) : h;
}

/// The elements of `a` in C order, contiguous: a view when they already are, else a copy.
array_desc flat_contiguous(const array_desc& a) {
  const array_desc flat = reshape(a, {-1});
  return is_c_contiguous(flat.shape, flat.strides) ? flat : copy(flat);
}

// Bins up to this many are counted in shared memory (8 bytes each: 32 KiB).
constexpr std::int64_t kSharedBins = 4096;

/// Blocks of a histogram launch of `kernel` (8 elements a thread at least): with a shared
/// histogram, few enough that adding the blocks' histograms up costs little next to the counting.
unsigned histogram_blocks(const RawKernel& kernel, std::int64_t n, std::size_t shared_bytes) {
  const unsigned blocks = resident_blocks(kernel, n, kStatsBlock, shared_bytes, 8);
  return shared_bytes > 0 ? std::min(blocks, 1024u) : blocks;
}

}  // namespace

void check_histogram_weights(const shape_t& a, const shape_t& weights) {
  CUPP_EXPECTS(a == weights, value_error, "weights should have the same shape as a.");
}

void check_bin_count(std::int64_t bins) {
  CUPP_EXPECTS(bins >= 1, value_error, "`bins` must be positive, when an integer");
}

void check_bin_edges_shape(std::int64_t ndim) {
  CUPP_EXPECTS(ndim == 1, value_error, "`bins` must be 1d, when an array");
}

std::pair<double, double> range_edges(double first, double last) {
  CUPP_EXPECTS(!(first > last), value_error, "max must be larger than min in range parameter.");
  CUPP_EXPECTS(std::isfinite(first) && std::isfinite(last), value_error,
               "supplied range of [" + py_float(first) + ", " + py_float(last) + "] is not finite");
  if (first == last) return {first - 0.5, last + 0.5};
  return {first, last};
}

std::pair<double, double> data_edges(double lo, double hi, dtype dt) {
  if (!(std::isfinite(lo) && std::isfinite(hi)))
    throw value_error("autodetected range of [" + py_float(lo) + ", " + py_float(hi) +
                      "] is not finite");
  if (lo == hi) {
    // first - 0.5 in the data's dtype (float64 for integers).
    const dtype c = is_floating(dt) ? dt : dtype::float64;
    return {arith(c, lo, 0.5, '-'), arith(c, hi, 0.5, '+')};
  }
  return {lo, hi};
}

std::vector<double> uniform_edges(double first, double last, std::int64_t bins, dtype edge_dt,
                                  dtype compute_dt) {
  // NumPy's linspace(first, last, bins + 1) computed in compute_dt, then cast to edge_dt.
  const dtype c = compute_dt;
  const double start = round_to(c, first), stop = round_to(c, last);
  const double div = round_to(c, static_cast<double>(bins));
  const double delta = arith(c, stop, start, '-');
  const double step = arith(c, delta, div, '/');
  std::vector<double> y(static_cast<std::size_t>(bins + 1));
  for (std::int64_t i = 0; i <= bins; ++i) {
    const double yi = round_to(c, static_cast<double>(i));
    const double scaled =
        step == 0 ? arith(c, arith(c, yi, div, '/'), delta, '*') : arith(c, yi, step, '*');
    y[static_cast<std::size_t>(i)] = round_to(edge_dt, arith(c, scaled, start, '+'));
  }
  y.back() = round_to(edge_dt, stop);
  for (std::size_t i = 0; i + 1 < y.size(); ++i) {
    CUPP_EXPECTS(y[i] < y[i + 1], value_error,
                 "Too many bins for data range. Cannot create " + std::to_string(bins) +
                     " finite-sized bins.");
  }
  return y;
}

std::pair<array_desc, array_desc> histogram_uniform(const array_desc& a, const array_desc* weights,
                                                    std::int64_t bins, double first, double last,
                                                    bool from_data, dtype edge_dt) {
  // The dtypes NumPy computes in: the edges' linspace in float64 when the range was given (Python
  // floats), else in the data's dtype; the bin formula in the edges' dtype, with the range given
  // as Python floats rounded to it, and last - first computed before that rounding.
  const dtype v = a.dt;
  const std::vector<double> edges =
      uniform_edges(first, last, bins, edge_dt, from_data ? edge_dt : dtype::float64);
  double denom = 0;
  if (from_data && is_floating(v))
    denom = arith(v, last, first, '-');
  else
    denom = round_to(edge_dt, last - first);
  array_desc e = make_array({bins + 1}, edge_dt);
  from_host(e, to_dtype_bytes(edge_dt, edges).data());
  array_desc h = zeroed_hist(bins, weights != nullptr);
  const array_desc flat = flat_contiguous(a);
  const std::int64_t n = flat.size();
  if (n > 0) {
    const array_desc w = weights ? flat_contiguous(*weights) : array_desc{};
    const bool shared = bins <= kSharedBins;
    const RawKernel& kernel =
        stats_kernel(histogram_kernel_source(v), histogram_kernel_name("histogram_uniform", v));
    const auto shared_bytes = static_cast<std::size_t>(shared ? bins * 8 : 0);
    kernel({histogram_blocks(kernel, n, shared_bytes)}, {kStatsBlock}, shared_bytes,
           cuda::get_current_stream(),
           static_cast<const void*>(flat.ptr), static_cast<const void*>(weights ? w.ptr : nullptr),
           static_cast<void*>(h.ptr), static_cast<long long>(n), static_cast<const void*>(e.ptr),
           static_cast<long long>(bins), round_to(edge_dt, first), round_to(edge_dt, last), denom,
           static_cast<int>(shared));
  }
  return {finished(h), e};
}

array_desc histogram_edges(const array_desc& a, const array_desc* weights,
                           const array_desc& edges) {
  std::vector<double> e(static_cast<std::size_t>(edges.size()));
  to_host(edges, e.data());
  for (std::size_t i = 0; i + 1 < e.size(); ++i)
    CUPP_EXPECTS(!(e[i] > e[i + 1]), value_error,
                 "`bins` must increase monotonically, when an array");
  const std::int64_t bins = std::max<std::int64_t>(edges.size() - 1, 0);
  array_desc h = zeroed_hist(bins, weights != nullptr);
  const array_desc flat = flat_contiguous(a);
  const std::int64_t n = flat.size();
  if (n > 0 && bins > 0) {
    const array_desc contiguous_edges = flat_contiguous(edges);
    const array_desc w = weights ? flat_contiguous(*weights) : array_desc{};
    const bool shared = bins <= kSharedBins;
    const RawKernel& kernel =
        stats_kernel(histogram_kernel_source(a.dt), histogram_kernel_name("histogram_edges", a.dt));
    const auto shared_bytes = static_cast<std::size_t>(shared ? bins * 8 : 0);
    kernel({histogram_blocks(kernel, n, shared_bytes)}, {kStatsBlock}, shared_bytes,
           cuda::get_current_stream(),
           static_cast<const void*>(flat.ptr), static_cast<const void*>(weights ? w.ptr : nullptr),
           static_cast<void*>(h.ptr), static_cast<long long>(n),
           static_cast<const void*>(contiguous_edges.ptr), static_cast<long long>(bins),
           static_cast<int>(shared));
  }
  return finished(h);
}

void check_bincount(std::int64_t x_ndim, std::int64_t minlength) {
  CUPP_EXPECTS(minlength >= 0, value_error, "'minlength' must not be negative");
  CUPP_EXPECTS(x_ndim <= 1, value_error, "object too deep for desired array");
  CUPP_EXPECTS(x_ndim >= 1, value_error, "object of too small depth for desired array");
}

array_desc bincount_array(const array_desc& x, const array_desc* weights, std::int64_t minlength,
                          std::int64_t lo, std::int64_t hi) {
  const std::int64_t n = x.size();
  if (n > 0) {
    CUPP_EXPECTS(lo >= 0, value_error, "'list' argument must have no negative elements");
    if (weights)
      CUPP_EXPECTS(weights->ndim() == 1 && weights->size() == n, value_error,
                   "The weights and list don't have the same length.");
  }
  const std::int64_t length = std::max(hi + 1, minlength);
  array_desc h = zeroed_hist(length, weights != nullptr);
  if (n > 0) {
    const array_desc flat = flat_contiguous(x);
    const RawKernel& kernel =
        stats_kernel(histogram_kernel_source(x.dt), histogram_kernel_name("bincount", x.dt));
    kernel({resident_blocks(kernel, n, kStatsBlock, 0, 4)}, {kStatsBlock}, static_cast<const void*>(flat.ptr),
           static_cast<const void*>(weights ? flat_contiguous(*weights).ptr : nullptr),
           static_cast<void*>(h.ptr), static_cast<long long>(n));
  }
  return finished(h);
}

}  // namespace cupp::detail
