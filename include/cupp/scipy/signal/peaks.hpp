// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::signal, peak finding, as scipy.signal: find_peaks peak_prominences peak_widths
// argrelmin argrelmax argrelextrema. The templates pick dtypes; the work is done once in
// src/scipy/signal/peaks.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "cupp/core/ndarray.hpp"

namespace cupp::scipy::signal {

/// find_peaks' conditions (height, threshold, prominence, width, plateau_size): SciPy's None
/// (`{}`), a minimum (`2.0`) or an interval (`{1.0, std::nullopt}`, `{std::nullopt, 3.0}`,
/// `{1.0, 3.0}`). Arrays of per-sample limits are not taken.
class interval {
 public:
  interval() = default;
  /// A minimum alone.
  interval(double min) : given_(true), min_(min) {}  // NOLINT: implicit, as height=2
  /// A minimum and a maximum, either of them std::nullopt for no bound.
  interval(std::optional<double> min, std::optional<double> max)
      : given_(true), min_(min), max_(max) {}
  /// Whether the condition was given (SciPy's not None).
  bool given() const noexcept { return given_; }
  /// The lower bound, if any.
  const std::optional<double>& min() const noexcept { return min_; }
  /// The upper bound, if any.
  const std::optional<double>& max() const noexcept { return max_; }

 private:
  bool given_ = false;
  std::optional<double> min_, max_;
};

/// find_peaks' properties: the members SciPy's dictionary would hold are set, each with one
/// value per peak kept.
struct peak_properties {
  std::optional<ndarray<double>> peak_heights;      ///< with `height`: each peak's height
  std::optional<ndarray<double>> left_thresholds;   ///< with `threshold`: rise from the left
  std::optional<ndarray<double>> right_thresholds;  ///< with `threshold`: fall to the right
  std::optional<ndarray<double>> prominences;       ///< with `prominence` or `width`
  std::optional<ndarray<double>> width_heights;     ///< with `width`: the height of the width
  std::optional<ndarray<double>> widths;            ///< with `width`: each peak's width
  std::optional<ndarray<double>> left_ips;   ///< with `width`: the left interpolated position
  std::optional<ndarray<double>> right_ips;  ///< with `width`: the right interpolated position
  std::optional<ndarray<std::int64_t>> left_bases;     ///< with `prominence` or `width`: left base
  std::optional<ndarray<std::int64_t>> right_bases;    ///< with `prominence` or `width`: right base
  std::optional<ndarray<std::int64_t>> plateau_sizes;  ///< with `plateau_size`: its length
  std::optional<ndarray<std::int64_t>> left_edges;     ///< with `plateau_size`: first sample
  std::optional<ndarray<std::int64_t>> right_edges;    ///< with `plateau_size`: last sample
};

namespace detail {

using cupp::detail::array_desc;

/// scipy.signal.find_peaks of `x` (any real dtype, computed in float64): the peaks, and the
/// properties in `props`.
array_desc find_peaks(const array_desc& x, const interval& height, const interval& threshold,
                      std::optional<double> distance, const interval& prominence,
                      const interval& width, std::optional<double> wlen, double rel_height,
                      const interval& plateau_size, peak_properties& props);
/// scipy.signal.peak_prominences: (prominences, left_bases, right_bases).
std::tuple<array_desc, array_desc, array_desc> peak_prominences(const array_desc& x,
                                                                const array_desc& peaks,
                                                                std::optional<double> wlen);
/// scipy.signal.peak_widths: (widths, width_heights, left_ips, right_ips); `prominence_data`
/// (or null) the three arrays peak_prominences gives.
std::tuple<array_desc, array_desc, array_desc, array_desc> peak_widths(
    const array_desc& x, const array_desc& peaks, double rel_height,
    const std::tuple<array_desc, array_desc, array_desc>* prominence_data,
    std::optional<double> wlen);
/// scipy.signal.argrelextrema with NumPy's comparison ufunc named by `comparator` ("greater",
/// "less", "greater_equal", "less_equal", "equal", "not_equal").
std::vector<array_desc> argrelextrema(const array_desc& data, const std::string& comparator,
                                      int axis, int order, const std::string& mode);
/// SciPy's _select_by_peak_distance on the host: which of `peaks` (ascending) to keep, the
/// highest `priority` first, so that no two kept peaks are closer than ceil(distance).
std::vector<unsigned char> select_by_peak_distance(const std::vector<std::int64_t>& peaks,
                                                   const std::vector<double>& priority,
                                                   double distance);
/// The source of the peak kernels, for the tests that compile it.
std::string peaks_kernel_source();

}  // namespace detail

/// scipy.signal.find_peaks (cupyx.scipy.signal.find_peaks): the local maxima of the 1-D `x`
/// (the middle of each plateau), kept where they meet every condition given, in SciPy's order:
/// plateau_size, height, threshold, distance (the highest peaks first), prominence, width
/// (measured at rel_height of the prominence; `wlen` bounds the window of the prominences).
/// Returns (peaks, properties). Throws value_error "`x` must be a 1-D array", "`distance` must
/// be greater or equal to 1", "`wlen` must be larger than 1, was 1", "`rel_height` must be
/// greater or equal to 0.0".
template <class T>
std::pair<ndarray<std::int64_t>, peak_properties> find_peaks(
    const ndarray<T>& x, const interval& height = {}, const interval& threshold = {},
    std::optional<double> distance = std::nullopt, const interval& prominence = {},
    const interval& width = {}, std::optional<double> wlen = std::nullopt, double rel_height = 0.5,
    const interval& plateau_size = {}) {
  peak_properties props;
  ndarray<std::int64_t> peaks(detail::find_peaks(x.desc(), height, threshold, distance, prominence,
                                                 width, wlen, rel_height, plateau_size, props));
  return {std::move(peaks), std::move(props)};
}

/// scipy.signal.peak_prominences: (prominences, left_bases, right_bases) of `peaks` in `x`.
/// Throws value_error "peak 9 is not a valid index for `x`".
template <class T>
std::tuple<ndarray<double>, ndarray<std::int64_t>, ndarray<std::int64_t>> peak_prominences(
    const ndarray<T>& x, const ndarray<std::int64_t>& peaks,
    std::optional<double> wlen = std::nullopt) {
  auto [p, l, r] = detail::peak_prominences(x.desc(), peaks.desc(), wlen);
  return {ndarray<double>(std::move(p)), ndarray<std::int64_t>(std::move(l)),
          ndarray<std::int64_t>(std::move(r))};
}

/// scipy.signal.peak_widths: (widths, width_heights, left_ips, right_ips) of `peaks` at
/// `rel_height` of their prominence (computed unless given).
template <class T>
std::tuple<ndarray<double>, ndarray<double>, ndarray<double>, ndarray<double>> peak_widths(
    const ndarray<T>& x, const ndarray<std::int64_t>& peaks, double rel_height = 0.5,
    const std::optional<std::tuple<ndarray<double>, ndarray<std::int64_t>, ndarray<std::int64_t>>>&
        prominence_data = std::nullopt,
    std::optional<double> wlen = std::nullopt) {
  std::optional<std::tuple<detail::array_desc, detail::array_desc, detail::array_desc>> pd;
  if (prominence_data)
    pd.emplace(std::get<0>(*prominence_data).desc(), std::get<1>(*prominence_data).desc(),
               std::get<2>(*prominence_data).desc());
  auto [w, h, l, r] =
      detail::peak_widths(x.desc(), peaks.desc(), rel_height, pd ? &*pd : nullptr, wlen);
  return {ndarray<double>(std::move(w)), ndarray<double>(std::move(h)),
          ndarray<double>(std::move(l)), ndarray<double>(std::move(r))};
}

/// scipy.signal.argrelextrema: the indices (one int64 array per axis, as numpy.nonzero) of the
/// samples for which `comparator` ("greater", "less", "greater_equal", "less_equal", ...)
/// holds against each of the `order` neighbours on both sides along `axis`; `mode` "clip"
/// (the edge repeats) or "wrap". Throws value_error "Order must be an int >= 1".
template <class T>
std::vector<ndarray<std::int64_t>> argrelextrema(const ndarray<T>& data,
                                                 const std::string& comparator, int axis = 0,
                                                 int order = 1, const std::string& mode = "clip") {
  std::vector<ndarray<std::int64_t>> out;
  for (auto& d : detail::argrelextrema(data.desc(), comparator, axis, order, mode))
    out.emplace_back(std::move(d));
  return out;
}

/// scipy.signal.argrelmin: argrelextrema with "less".
template <class T>
std::vector<ndarray<std::int64_t>> argrelmin(const ndarray<T>& data, int axis = 0, int order = 1,
                                             const std::string& mode = "clip") {
  return argrelextrema(data, "less", axis, order, mode);
}

/// scipy.signal.argrelmax: argrelextrema with "greater".
template <class T>
std::vector<ndarray<std::int64_t>> argrelmax(const ndarray<T>& data, int axis = 0, int order = 1,
                                             const std::string& mode = "clip") {
  return argrelextrema(data, "greater", axis, order, mode);
}

}  // namespace cupp::scipy::signal
