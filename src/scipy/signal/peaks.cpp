// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The peak finding of cupp::scipy::signal (include/cupp/scipy/signal/peaks.hpp): SciPy's
// find_peaks in its order of conditions, peak_prominences, peak_widths and argrelextrema, on the
// kernels of kernels/cupp/signal_peaks.cuh (Note [Parallel peak search]) and the runtime array's
// operations; the distance condition, a greedy walk in order of height, runs on the host.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "../../cuda/launch.hpp"
#include "../../jit/registry.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/runtime_array.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "cupp/routines/indexing.hpp"
#include "cupp/routines/searching.hpp"
#include "cupp/scipy/signal/peaks.hpp"

namespace cupp::scipy::signal::detail {

using cupp::detail::make_array;

namespace {

const RawKernel& peaks_kernel(const char* name) {
  return jit::detail::library_kernel(peaks_kernel_source(), name);
}

unsigned blocks(const RawKernel& k, std::int64_t work) {
  return cupp::detail::resident_blocks(k, std::max<std::int64_t>(work, 1), 256u);
}

/// `x` as C-contiguous float64 (SciPy's _arg_x_as_expected).
array_desc as_f64(const array_desc& x) {
  if (x.ndim() != 1) throw value_error("`x` must be a 1-D array");
  if (is_complex(x.dt)) throw type_error("`x` must be real");
  array_desc r = x.dt == dtype::float64 ? x : cupp::array(x).astype(dtype::float64).desc();
  if (!is_c_contiguous(r.shape, r.strides)) r = cupp::detail::copy(r);
  return r;
}

array_desc as_i64(const array_desc& a) {
  array_desc r = a.dt == dtype::int64 ? a : cupp::array(a).astype(dtype::int64).desc();
  if (!is_c_contiguous(r.shape, r.strides)) r = cupp::detail::copy(r);
  return r;
}

/// SciPy's _arg_wlen_as_expected: -1 for None, else ceil(wlen) when above 1.
long long wlen_arg(std::optional<double> wlen) {
  if (!wlen) return -1;
  if (*wlen > 1) return static_cast<long long>(std::ceil(*wlen));
  const double v = *wlen;
  throw value_error(
      "`wlen` must be larger than 1, was " +
      (v == std::floor(v) ? std::to_string(static_cast<long long>(v)) : std::to_string(v)));
}

array_desc take1(const array_desc& a, const array_desc& idx) {
  return cupp::detail::take(a, idx, 0, cupp::index_mode::raise);
}

/// SciPy's _select_by_property: min <= v <= max where given.
cupp::array select(const cupp::array& v, const interval& c) {
  cupp::array keep(v.shape(), dtype::bool_);
  keep.fill(true);
  if (c.min()) keep &= cupp::greater_equal(v, *c.min());
  if (c.max()) keep &= cupp::less_equal(v, *c.max());
  return keep;
}

void check_peaks(const array_desc& peaks, std::int64_t n) {
  if (peaks.ndim() != 1) throw value_error("`peaks` must be a 1-D array");
  if (peaks.size() == 0) return;
  const cupp::array p(peaks);
  const std::int64_t lo = cupp::min(p).get<std::int64_t>(casting::unsafe)[0];
  const std::int64_t hi = cupp::max(p).get<std::int64_t>(casting::unsafe)[0];
  if (lo < 0) throw value_error("peak " + std::to_string(lo) + " is not a valid index for `x`");
  if (hi >= n) throw value_error("peak " + std::to_string(hi) + " is not a valid index for `x`");
}

std::tuple<array_desc, array_desc, array_desc> prominences_of(const array_desc& x,
                                                              const array_desc& peaks,
                                                              long long wlen) {
  const std::int64_t count = peaks.size();
  array_desc prom = make_array({count}, dtype::float64);
  array_desc left = make_array({count}, dtype::int64), right = make_array({count}, dtype::int64);
  if (count > 0) {
    const RawKernel& k = peaks_kernel("cupp_sig_peak_prominences");
    k({blocks(k, count)}, {256u}, static_cast<const void*>(x.ptr),
      static_cast<const void*>(peaks.ptr), static_cast<void*>(prom.ptr),
      static_cast<void*>(left.ptr), static_cast<void*>(right.ptr), static_cast<long long>(count),
      static_cast<long long>(x.size()), wlen);
  }
  return {prom, left, right};
}

std::tuple<array_desc, array_desc, array_desc, array_desc> widths_of(
    const array_desc& x, const array_desc& peaks, double rel_height, const array_desc& prom,
    const array_desc& left, const array_desc& right) {
  if (rel_height < 0) throw value_error("`rel_height` must be greater or equal to 0.0");
  const std::int64_t count = peaks.size();
  if (!(prom.size() == count && left.size() == count && right.size() == count))
    throw value_error("arrays in `prominence_data` must have the same shape as `peaks`");
  array_desc w = make_array({count}, dtype::float64), h = make_array({count}, dtype::float64);
  array_desc l = make_array({count}, dtype::float64), r = make_array({count}, dtype::float64);
  if (count > 0) {
    const RawKernel& k = peaks_kernel("cupp_sig_peak_widths");
    k({blocks(k, count)}, {256u}, static_cast<const void*>(x.ptr),
      static_cast<const void*>(peaks.ptr), static_cast<const void*>(prom.ptr),
      static_cast<const void*>(left.ptr), static_cast<const void*>(right.ptr),
      static_cast<void*>(w.ptr), static_cast<void*>(h.ptr), static_cast<void*>(l.ptr),
      static_cast<void*>(r.ptr), static_cast<long long>(count), rel_height);
  }
  return {w, h, l, r};
}

}  // namespace

std::string peaks_kernel_source() {
  return jit::detail::routine_source("cupp/signal_peaks.cuh", "#include <cupp/ufunc.cuh>\n");
}

std::vector<unsigned char> select_by_peak_distance(const std::vector<std::int64_t>& peaks,
                                                   const std::vector<double>& priority,
                                                   double distance) {
  const auto size = static_cast<std::int64_t>(peaks.size());
  const auto d = static_cast<std::int64_t>(std::ceil(distance));
  std::vector<unsigned char> keep(peaks.size(), 1);
  std::vector<std::int64_t> order(peaks.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::int64_t a, std::int64_t b) {
    return priority[static_cast<std::size_t>(a)] < priority[static_cast<std::size_t>(b)];
  });
  for (std::int64_t i = size - 1; i >= 0; --i) {
    const std::int64_t j = order[static_cast<std::size_t>(i)];
    if (!keep[static_cast<std::size_t>(j)]) continue;
    for (std::int64_t k = j - 1;
         k >= 0 && peaks[static_cast<std::size_t>(j)] - peaks[static_cast<std::size_t>(k)] < d; --k)
      keep[static_cast<std::size_t>(k)] = 0;
    for (std::int64_t k = j + 1;
         k < size && peaks[static_cast<std::size_t>(k)] - peaks[static_cast<std::size_t>(j)] < d;
         ++k)
      keep[static_cast<std::size_t>(k)] = 0;
  }
  return keep;
}

array_desc find_peaks(const array_desc& x_, const interval& height, const interval& threshold,
                      std::optional<double> distance, const interval& prominence,
                      const interval& width, std::optional<double> wlen, double rel_height,
                      const interval& plateau_size, peak_properties& props) {
  const array_desc x = as_f64(x_);
  if (distance && *distance < 1) throw value_error("`distance` must be greater or equal to 1");
  const std::int64_t n = x.size();
  // _local_maxima_1d.
  array_desc flag = make_array({n}, dtype::uint8), right = make_array({n}, dtype::int64);
  if (n > 0) {
    const RawKernel& k = peaks_kernel("cupp_sig_local_maxima");
    k({blocks(k, n)}, {256u}, static_cast<const void*>(x.ptr), static_cast<void*>(flag.ptr),
      static_cast<void*>(right.ptr), static_cast<long long>(n));
  }
  const array_desc left_edges =
      cupp::detail::nonzero_indices(flag, cupp::detail::index_layout::flat, std::nullopt, {0});
  const array_desc right_edges = take1(right, left_edges);
  cupp::array peaks =
      cupp::floor_divide(cupp::array(left_edges) + cupp::array(right_edges), std::int64_t{2});
  // The properties so far, in SciPy's order; each condition keeps the rows of all of them.
  std::vector<std::pair<std::string, cupp::array>> found;
  const auto apply = [&](const cupp::array& keep) {
    peaks = cupp::array(cupp::detail::extract(keep.desc(), peaks.desc()));
    for (auto& [name, v] : found) v = cupp::array(cupp::detail::extract(keep.desc(), v.desc()));
  };
  if (plateau_size.given()) {
    const cupp::array sizes = cupp::array(right_edges) - cupp::array(left_edges) + std::int64_t{1};
    found.emplace_back("plateau_sizes", sizes);
    found.emplace_back("left_edges", cupp::array(left_edges));
    found.emplace_back("right_edges", cupp::array(right_edges));
    apply(select(sizes, plateau_size));
  }
  if (height.given()) {
    const cupp::array heights(take1(x, peaks.desc()));
    found.emplace_back("peak_heights", heights);
    apply(select(heights, height));
  }
  if (threshold.given()) {
    const cupp::array top(take1(x, peaks.desc()));
    const cupp::array lt = top - cupp::array(take1(x, (peaks - std::int64_t{1}).desc()));
    const cupp::array rt = top - cupp::array(take1(x, (peaks + std::int64_t{1}).desc()));
    cupp::array keep(lt.shape(), dtype::bool_);
    keep.fill(true);
    if (threshold.min()) keep &= cupp::greater_equal(cupp::minimum(lt, rt), *threshold.min());
    if (threshold.max()) keep &= cupp::less_equal(cupp::maximum(lt, rt), *threshold.max());
    found.emplace_back("left_thresholds", lt);
    found.emplace_back("right_thresholds", rt);
    apply(keep);
  }
  if (distance) {
    const std::vector<std::int64_t> p = peaks.get<std::int64_t>();
    const std::vector<double> pri = cupp::array(take1(x, peaks.desc())).get<double>();
    const std::vector<unsigned char> k = select_by_peak_distance(p, pri, *distance);
    array_desc keep = make_array({static_cast<std::int64_t>(k.size())}, dtype::bool_);
    if (!k.empty()) cupp::detail::from_host(keep, k.data());
    apply(cupp::array(keep));
  }
  if (prominence.given() || width.given()) {
    const long long wl = wlen_arg(wlen);
    auto [prom, lb, rb] = prominences_of(x, as_i64(peaks.desc()), wl);
    found.emplace_back("prominences", cupp::array(prom));
    found.emplace_back("left_bases", cupp::array(lb));
    found.emplace_back("right_bases", cupp::array(rb));
  }
  const auto get = [&](const std::string& name) -> cupp::array {
    for (auto& [k, v] : found)
      if (k == name) return v;
    return {};
  };
  if (prominence.given()) apply(select(get("prominences"), prominence));
  if (width.given()) {
    auto [w, h, l, r] =
        widths_of(x, as_i64(peaks.desc()), rel_height, get("prominences").desc(),
                  as_i64(get("left_bases").desc()), as_i64(get("right_bases").desc()));
    found.emplace_back("widths", cupp::array(w));
    found.emplace_back("width_heights", cupp::array(h));
    found.emplace_back("left_ips", cupp::array(l));
    found.emplace_back("right_ips", cupp::array(r));
    apply(select(cupp::array(get("widths")), width));
  }
  for (auto& [name, v] : found) {
    const auto f64 = [&] { return ndarray<double>(v.astype(dtype::float64).desc()); };
    const auto i64 = [&] { return ndarray<std::int64_t>(v.astype(dtype::int64).desc()); };
    if (name == "peak_heights") props.peak_heights = f64();
    if (name == "left_thresholds") props.left_thresholds = f64();
    if (name == "right_thresholds") props.right_thresholds = f64();
    if (name == "prominences") props.prominences = f64();
    if (name == "width_heights") props.width_heights = f64();
    if (name == "widths") props.widths = f64();
    if (name == "left_ips") props.left_ips = f64();
    if (name == "right_ips") props.right_ips = f64();
    if (name == "left_bases") props.left_bases = i64();
    if (name == "right_bases") props.right_bases = i64();
    if (name == "plateau_sizes") props.plateau_sizes = i64();
    if (name == "left_edges") props.left_edges = i64();
    if (name == "right_edges") props.right_edges = i64();
  }
  return as_i64(peaks.desc());
}

std::tuple<array_desc, array_desc, array_desc> peak_prominences(const array_desc& x_,
                                                                const array_desc& peaks_,
                                                                std::optional<double> wlen) {
  const array_desc x = as_f64(x_);
  const array_desc peaks = as_i64(peaks_);
  const long long wl = wlen_arg(wlen);
  check_peaks(peaks, x.size());
  return prominences_of(x, peaks, wl);
}

std::tuple<array_desc, array_desc, array_desc, array_desc> peak_widths(
    const array_desc& x_, const array_desc& peaks_, double rel_height,
    const std::tuple<array_desc, array_desc, array_desc>* prominence_data,
    std::optional<double> wlen) {
  const array_desc x = as_f64(x_);
  const array_desc peaks = as_i64(peaks_);
  std::tuple<array_desc, array_desc, array_desc> pd;
  if (prominence_data) {
    pd = {as_f64(std::get<0>(*prominence_data)), as_i64(std::get<1>(*prominence_data)),
          as_i64(std::get<2>(*prominence_data))};
  } else {
    check_peaks(peaks, x.size());
    pd = prominences_of(x, peaks, wlen_arg(wlen));
  }
  return widths_of(x, peaks, rel_height, std::get<0>(pd), std::get<1>(pd), std::get<2>(pd));
}

std::vector<array_desc> argrelextrema(const array_desc& data, const std::string& comparator,
                                      int axis, int order, const std::string& mode) {
  if (order < 1) throw value_error("Order must be an int >= 1");
  if (mode != "clip" && mode != "wrap")
    throw value_error("clipmode must be one of 'clip', 'raise', or 'wrap' (got '" + mode + "')");
  if (data.ndim() == 0) throw value_error("data must be at least 1-D");
  const std::int64_t ax = normalize_axis(axis, data.ndim());
  const std::int64_t n = data.shape[static_cast<std::size_t>(ax)];
  const cupp::array main(data);
  const auto compare = [&](const cupp::array& a, const cupp::array& b) -> cupp::array {
    if (comparator == "greater") return cupp::greater(a, b);
    if (comparator == "less") return cupp::less(a, b);
    if (comparator == "greater_equal") return cupp::greater_equal(a, b);
    if (comparator == "less_equal") return cupp::less_equal(a, b);
    if (comparator == "equal") return cupp::equal(a, b);
    if (comparator == "not_equal") return cupp::not_equal(a, b);
    throw value_error(
        "comparator must name one of NumPy's comparison ufuncs: greater, less, "
        "greater_equal, less_equal, equal, not_equal (got '" +
        comparator + "')");
  };
  cupp::array results(data.shape, dtype::bool_);
  results.fill(true);
  if (n > 0) {
    for (int shift = 1; shift <= order; ++shift) {
      std::vector<std::int64_t> plus(static_cast<std::size_t>(n)),
          minus(static_cast<std::size_t>(n));
      for (std::int64_t i = 0; i < n; ++i) {
        std::int64_t p = i + shift, m = i - shift;
        if (mode == "clip") {
          p = std::min(p, n - 1);
          m = std::max<std::int64_t>(m, 0);
        } else {
          p %= n;
          m = ((m % n) + n) % n;
        }
        plus[static_cast<std::size_t>(i)] = p;
        minus[static_cast<std::size_t>(i)] = m;
      }
      for (const auto* idx : {&plus, &minus}) {
        array_desc d = make_array({n}, dtype::int64);
        cupp::detail::from_host(d, idx->data());
        const cupp::array other(cupp::detail::take(data, d, ax, cupp::index_mode::raise));
        results &= compare(main, other);
      }
    }
  }
  return cupp::detail::rows_of(cupp::detail::nonzero_indices(
      results.desc(), cupp::detail::index_layout::per_dimension, std::nullopt, {0}));
}

}  // namespace cupp::scipy::signal::detail
