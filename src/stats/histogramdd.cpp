// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// digitize's and histogramdd's checks, in NumPy's words; the binning and counting are in
// include/cupp/routines/statistics.hpp (one elementwise pass per axis, then bincount).
#include <cstdint>
#include <string>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/routines/statistics.hpp"

namespace cupp::detail {

int bins_monotonicity(const std::vector<double>& bins) {
  // numpy's _monotonicity: repeated values at the start are skipped; all equal counts as
  // increasing.
  const std::size_t len = bins.size();
  if (len == 0) return 1;
  std::size_t i = 1;
  double last = bins[0];
  while (i < len && bins[i] == last) ++i;
  if (i == len) return 1;
  double next = bins[i];
  if (last < next) {
    for (++i; i < len; ++i) {
      last = next;
      next = bins[i];
      if (last > next) return 0;
    }
    return 1;
  }
  for (++i; i < len; ++i) {
    last = next;
    next = bins[i];
    if (last < next) return 0;
  }
  return -1;
}

int check_digitize_bins(std::int64_t ndim, const std::vector<double>& bins) {
  CUPP_EXPECTS(ndim <= 1, value_error, "object too deep for desired array");
  CUPP_EXPECTS(ndim >= 1, value_error, "object of too small depth for desired array");
  const int mono = bins_monotonicity(bins);
  CUPP_EXPECTS(mono != 0, value_error, "bins must be monotonically increasing or decreasing");
  return mono;
}

void check_histogramdd_args(std::int64_t dims, std::int64_t bins_given, std::int64_t ranges_given) {
  CUPP_EXPECTS(bins_given == dims, value_error,
               "The dimension of bins must be equal to the dimension of the sample x.");
  CUPP_EXPECTS(ranges_given == dims, value_error,
               "range argument must have one entry per dimension");
}

void check_histogramdd_count(std::int64_t i, std::int64_t bins) {
  CUPP_EXPECTS(bins >= 1, value_error,
               "`bins[" + std::to_string(i) + "]` must be positive, when an integer");
}

void check_histogramdd_edges(std::int64_t i, std::int64_t ndim, const std::vector<double>& edges) {
  CUPP_EXPECTS(ndim == 1, value_error,
               "`bins[" + std::to_string(i) + "]` must be a scalar or 1d array");
  for (std::size_t k = 0; k + 1 < edges.size(); ++k)
    CUPP_EXPECTS(
        !(edges[k] > edges[k + 1]), value_error,
        "`bins[" + std::to_string(i) + "]` must be monotonically increasing, when an array");
}

void check_histogramdd_sample(std::int64_t ndim) {
  CUPP_EXPECTS(ndim == 1 || ndim == 2, value_error,
               "histogramdd: the sample must be (N,) or (N, D), got " + std::to_string(ndim) +
                   " dimensions");
}

void check_histogram2d_xy(const shape_t& x, const shape_t& y) {
  CUPP_EXPECTS(x.size() == 1 && y.size() == 1 && x[0] == y[0], value_error,
               "x and y must have the same length");
}

}  // namespace cupp::detail
