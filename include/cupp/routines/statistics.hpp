// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Order statistics (median, quantile, percentile and their nan forms), histograms (histogram,
// bincount) and covariance (cov, corrcoef), with NumPy's semantics. The templates pick dtypes;
// the work is type-erased in src/stats/: quantiles sort along the axis (CUB) and pick and
// interpolate in one generated kernel, histograms count with shared-memory atomics in a
// generated kernel, and cov/corrcoef are reductions over broadcast expressions.
#pragma once

#include <complex>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/dtype.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/core/promotion.hpp"
#include "cupp/expr/ufuncs.hpp"
#include "cupp/jit/elementwise_kernel.hpp"
#include "cupp/routines/creation.hpp"
#include "cupp/routines/reduction.hpp"
#include "cupp/routines/sets.hpp"

namespace cupp {

namespace detail {

// ---- quantiles ----------------------------------------------------------------------------------

/// NumPy's quantile methods (Hyndman and Fan's nine, then NumPy's four others), and the median.
enum class quantile_method : std::uint8_t {
  inverted_cdf,
  averaged_inverted_cdf,
  closest_observation,
  interpolated_inverted_cdf,
  hazen,
  weibull,
  linear,
  median_unbiased,
  normal_unbiased,
  lower,
  higher,
  midpoint,
  nearest,
  median  // not a method NumPy names: the mean of the middle two, as numpy.median
};

/// The method called `name`. Throws value_error "'x' is not a valid method. Use one of:
/// dict_keys([...])" as NumPy does.
quantile_method parse_quantile_method(const std::string& name);

/// Divides percentiles by 100 (`percent`) and checks that every q is in [0, 1]. Throws value_error
/// "Percentiles must be in the range [0, 100]" or "Quantiles must be in the range [0, 1]".
std::vector<double> checked_quantiles(std::vector<double> q, bool percent);

/// The quantiles `q` (fractions, already checked; of shape `q_shape`) of `a` over `axis`, as an
/// array of dtype `out` and shape q_shape + the kept shape (with ones for the reduced axes under
/// `keepdims`). `skip_nan` ignores nan elements (nanquantile). Checks the axes and the method
/// (given as text) before any device work, in NumPy's order.
array_desc quantile_array(const array_desc& a, const std::vector<double>& q, const shape_t& q_shape,
                          const axis_arg& axis, const std::string& method, bool keepdims,
                          bool skip_nan, dtype out);
/// The median: quantile_array with quantile_method::median and no q dimensions.
array_desc median_array(const array_desc& a, const axis_arg& axis, bool keepdims, bool skip_nan,
                        dtype out);

/// The generated source of the kernel that picks and interpolates quantiles of sorted rows of
/// dtype `in` into dtype `out` (`cupp_quantile_<in>_<out>`), for tests that compile it.
std::string quantile_kernel_source(dtype in, dtype out);
/// The generated source of the histogram and bincount kernels of input dtype `in`
/// (`cupp_histogram_uniform_<in>`, `cupp_histogram_edges_<in>`, `cupp_bincount_<in>`).
std::string histogram_kernel_source(dtype in);

/// The dtype of a quantile: floating dtypes keep theirs, bool and integers give float64 (NumPy
/// keeps the input dtype for the discrete methods; one C++ function has one return type, so cupp
/// returns float64 for those too, with the same values).
constexpr dtype quantile_dtype(dtype d) noexcept {
  return (is_bool(d) || is_integer(d)) ? dtype::float64 : d;
}
template <class T>
using quantile_t = type_of_t<quantile_dtype(dtype_of<T>)>;
/// The dtype of a median: that of the mean (complex numbers keep theirs).
template <class T>
using median_t = type_of_t<expr::mean_dtype(dtype_of<T>)>;

/// The element type of an array or expression, and the array itself (an expression evaluated into
/// a new array: the order statistics need the values in memory to sort them).
template <class A>
using value_of = type_of_t<expr::operand<A>::dt>;
template <class A>
ndarray<value_of<A>> as_array(const A& a) {
  if constexpr (expr::is_array_v<A>)
    return a;
  else
    return a.eval();
}

template <class T>
void check_real_quantile() {
  static_assert(!is_complex(dtype_of<T>),
                "quantile and percentile need real numbers (NumPy: "
                "\"a must be an array of real numbers\")");
}

template <class T>
ndarray<quantile_t<T>> quantile_of(const ndarray<T>& a, std::vector<double> q,
                                   const shape_t& q_shape, bool percent, const axis_arg& axis,
                                   const std::string& method, bool keepdims, bool skip_nan) {
  check_real_quantile<T>();
  q = checked_quantiles(std::move(q), percent);
  return ndarray<quantile_t<T>>(quantile_array(a.desc(), q, q_shape, axis, method, keepdims,
                                               skip_nan, dtype_of<quantile_t<T>>));
}

template <class Q>
std::vector<double> host_quantiles(const ndarray<Q>& q) {
  static_assert(!is_complex(dtype_of<Q>), "quantiles must be real numbers");
  std::vector<double> out;
  for (const Q& v : q.get()) out.push_back(static_cast<double>(v));
  return out;
}

// ---- histograms ---------------------------------------------------------------------------------

/// Throws value_error "weights should have the same shape as a." unless the shapes agree.
void check_histogram_weights(const shape_t& a, const shape_t& weights);
/// Throws value_error "`bins` must be positive, when an integer" for bins < 1.
void check_bin_count(std::int64_t bins);
/// Checks a range as NumPy does: "max must be larger than min in range parameter.", "supplied
/// range of [a, b] is not finite". Returns the outer edges (widened by 0.5 each way when equal).
std::pair<double, double> range_edges(double first, double last);
/// The outer edges from the data's extremes; throws value_error "autodetected range of [a, b] is
/// not finite".
std::pair<double, double> data_edges(double lo, double hi, dtype dt);

/// The edges NumPy's linspace gives for `bins` equal bins over [first, last] in dtype `edge_dt`,
/// computed in `compute_dt` (float64 when the range was given, else the data's dtype), with each
/// operation rounded as NumPy's would be. Throws value_error "Too many bins for data range. Cannot
/// create 5 finite-sized bins." when two edges do not increase.
std::vector<double> uniform_edges(double first, double last, std::int64_t bins, dtype edge_dt,
                                  dtype compute_dt);

/// The histogram of the elements of `a` over `bins` equal bins of [first, last] (the outer edges,
/// `from_data` when they came from the data: that decides the dtypes NumPy computes in). `weights`
/// (float64, a's shape) or null. Returns (hist, bin_edges): hist is int64 counts, or float64 sums
/// of the weights; bin_edges have `edge_dt`.
std::pair<array_desc, array_desc> histogram_uniform(const array_desc& a, const array_desc* weights,
                                                    std::int64_t bins, double first, double last,
                                                    bool from_data, dtype edge_dt);
/// Throws value_error "`bins` must be 1d, when an array" unless ndim is 1.
void check_bin_edges_shape(std::int64_t ndim);
/// The histogram over explicit edges (float64, 1-D; read to the host to check that they do not
/// decrease: one synchronisation): int64 counts or float64 sums of the weights. Throws
/// value_error "`bins` must increase monotonically, when an array".
array_desc histogram_edges(const array_desc& a, const array_desc* weights, const array_desc& edges);

/// The dtype of the edges of equal bins: floating inputs keep theirs, others give float64.
template <class T>
using uniform_edge_t = std::conditional_t<is_floating(dtype_of<T>), T, double>;

template <class T, class Bins>
struct edges_of {
  using type = uniform_edge_t<T>;
};
template <class T, class B>
struct edges_of<T, ndarray<B>> {
  using type = B;
};

/// The count or sums of a histogram and its edges, before the result dtype is chosen.
template <class E>
struct raw_histogram {
  array_desc hist;
  ndarray<E> edges;
};

template <class T, class Bins, class W>
raw_histogram<typename edges_of<T, Bins>::type> histogram_counts(
    const ndarray<T>& a, const Bins& bins, const std::optional<std::pair<double, double>>& range,
    const ndarray<W>* weights) {
  static_assert(!is_complex(dtype_of<T>), "histogram needs real numbers");
  static_assert(!is_complex(dtype_of<W>), "histogram weights must be real numbers");
  using E = typename edges_of<T, Bins>::type;
  // NumPy's order of checks: the weights, then the bins, then the range.
  if (weights) check_histogram_weights(a.shape(), weights->shape());
  if constexpr (std::is_integral_v<Bins>) {
    check_bin_count(static_cast<std::int64_t>(bins));
  } else {
    static_assert(!is_complex(dtype_of<E>), "histogram edges must be real numbers");
    check_bin_edges_shape(bins.ndim());
  }
  std::optional<std::pair<double, double>> edges;
  if constexpr (std::is_integral_v<Bins>) {
    if (range) edges = range_edges(range->first, range->second);
  }
  std::optional<ndarray<double>> w;
  if (weights) w = weights->template astype<double>();
  const array_desc* wd = w ? &w->desc() : nullptr;
  if constexpr (std::is_integral_v<Bins>) {
    // NumPy counts booleans as uint8.
    using V = std::conditional_t<std::is_same_v<T, bool>, std::uint8_t, T>;
    ndarray<V> values = [&] {
      if constexpr (std::is_same_v<T, bool>)
        return a.template astype<std::uint8_t>();
      else
        return a;
    }();
    bool from_data = false;
    if (!edges && values.size() == 0) {
      edges = std::make_pair(0.0, 1.0);  // NumPy's range for no data
    } else if (!edges) {
      // The extremes in one synchronisation.
      ndarray<V> extremes(shape_t{2});
      extremes(0) = cupp::min(values);
      extremes(1) = cupp::max(values);
      const std::vector<V> lohi = extremes.get();
      edges = data_edges(static_cast<double>(lohi[0]), static_cast<double>(lohi[1]), dtype_of<V>);
      from_data = true;
    }
    auto [hist, e] = histogram_uniform(values.desc(), wd, static_cast<std::int64_t>(bins),
                                       edges->first, edges->second, from_data, dtype_of<E>);
    return {std::move(hist), ndarray<E>(std::move(e))};
  } else {
    const ndarray<double> e = bins.template astype<double>();
    return {histogram_edges(a.desc(), wd, e.desc()), bins};
  }
}

/// n / diff(edges) / sum(n), as NumPy's density.
template <class E>
ndarray<double> density_of(const ndarray<double>& n, const ndarray<E>& edges) {
  const ndarray<double> e = edges.template astype<double>();
  const ndarray<double> width(subtract(e(slice(1, std::nullopt)), e(slice(std::nullopt, -1))));
  return ndarray<double>(true_divide(true_divide(n, width), cupp::sum(n)));
}

// ---- digitize, histogramdd ---------------------------------------------------------------------

/// numpy's _monotonicity of the bins: 1 non-decreasing (also all equal or empty), -1
/// non-increasing, 0 neither.
int bins_monotonicity(const std::vector<double>& bins);
/// digitize's checks of the bins, in NumPy's words: value_error "object too deep for desired
/// array", "object of too small depth for desired array", "bins must be monotonically increasing
/// or decreasing".
int check_digitize_bins(std::int64_t ndim, const std::vector<double>& bins);

/// histogramdd's checks: value_error "The dimension of bins must be equal to the dimension of the
/// sample x." (bins_given per-axis values for dims axes), "range argument must have one entry per
/// dimension".
void check_histogramdd_args(std::int64_t dims, std::int64_t bins_given, std::int64_t ranges_given);
/// "`bins[i]` must be positive, when an integer".
void check_histogramdd_count(std::int64_t i, std::int64_t bins);
/// "`bins[i]` must be a scalar or 1d array" and "`bins[i]` must be monotonically increasing, when
/// an array" for explicit edges.
void check_histogramdd_edges(std::int64_t i, std::int64_t ndim, const std::vector<double>& edges);
/// The sample of histogramdd: value_error unless 1-D (N,) or 2-D (N, D); histogram2d's x and y
/// must have one length.
void check_histogramdd_sample(std::int64_t ndim);
void check_histogram2d_xy(const shape_t& x, const shape_t& y);

/// One axis of histogramdd's binning, one pass: out = acc * nb + the bin of x among the n
/// float64 edges e (numpy.searchsorted(e, x, "right"), less one for x on the last edge, as
/// numpy.histogramdd); nb = n + 1 counts the outlier bins at either end.
inline constexpr const char* kHistddIn = "T x, raw float64 e, int64 n, int64 nb, int64 acc";
inline constexpr const char* kHistddOut = "int64 out";
inline constexpr const char* kHistddBody =
    "const double v = (double)x; long long lo = 0, hi = n; "
    "while (lo < hi) { const long long mid = (lo + hi) >> 1; "
    "if (v < e[mid]) hi = mid; else lo = mid + 1; } "
    "if (v == e[n - 1]) lo -= 1; out = acc * nb + lo;";
inline constexpr const char* kHistddName = "cupp_histogramdd_bin";

template <class S>
const ElementwiseKernel<S, double, std::int64_t, std::int64_t, std::int64_t, std::int64_t>&
histogramdd_kernel() {
  static const ElementwiseKernel<S, double, std::int64_t, std::int64_t, std::int64_t, std::int64_t>
      kernel(kHistddIn, kHistddOut, kHistddBody, kHistddName);
  return kernel;
}

array_desc bincount_array(const array_desc& x, const array_desc* weights, std::int64_t minlength,
                          std::int64_t lo, std::int64_t hi);  // documented below

/// The sample's per-axis values in a dtype the binning kernel reads: 16-bit floats as float32.
template <class T>
using histdd_sample_t =
    std::conditional_t<std::is_same_v<T, float16> || std::is_same_v<T, bfloat16>, float, T>;

/// The histogram of the columns `cols` (each (N,)) over the float64 edges `edges` of each axis:
/// one binning pass per axis, then one pass of atomics into the bins (bincount), outliers
/// dropped; float64 counts, or sums of `weights`, with NumPy's density.
template <class S>
ndarray<double> histogramdd_counts(const std::vector<ndarray<S>>& cols,
                                   const std::vector<ndarray<double>>& edges, bool density,
                                   const ndarray<double>* weights) {
  const std::size_t d = cols.size();
  const std::int64_t n = cols.empty() ? 0 : cols[0].size();
  shape_t nbin;
  std::int64_t total = 1;
  for (const auto& e : edges) {
    nbin.push_back(e.size() + 1);
    total *= e.size() + 1;
  }
  ndarray<std::int64_t> flat(shape_t{n});
  if (n > 0) {
    for (std::size_t i = 0; i < d; ++i) {
      const auto& k = histogramdd_kernel<S>();
      if (i == 0)
        k(cols[i], edges[i], edges[i].size(), nbin[i], std::int64_t{0}, flat);
      else
        k(cols[i], edges[i], edges[i].size(), nbin[i], flat, flat);  // each element in place
    }
  }
  array_desc raw =
      bincount_array(flat.desc(), weights ? &weights->desc() : nullptr, total, 0, total - 1);
  ndarray<double> hist = weights ? ndarray<double>(std::move(raw))
                                 : ndarray<std::int64_t>(std::move(raw)).template astype<double>();
  hist = hist.reshape(nbin);
  for (std::size_t i = 0; i < d; ++i) {
    const auto ax = static_cast<std::int64_t>(i);
    hist = hist.swapaxes(0, ax)(slice(1, -1)).swapaxes(0, ax);
  }
  hist = ascontiguousarray(hist);
  if (density) {
    const ndarray<double> s = cupp::sum(hist);
    for (std::size_t i = 0; i < d; ++i) {
      const ndarray<double>& e = edges[i];
      shape_t shape(d, 1);
      shape[i] = e.size() - 1;
      const ndarray<double> width(subtract(e(slice(1, std::nullopt)), e(slice(std::nullopt, -1))));
      hist = hist / width.reshape(shape);
    }
    hist = hist / s;
  }
  return hist;
}

/// The float64 edges of each axis: from a bin count (NumPy's linspace over the range or the
/// column's extremes, in E) or given.
template <class E>
struct histdd_axis_edges {
  ndarray<E> edges;
  ndarray<double> as_double;
};

template <class E, class S>
std::vector<histdd_axis_edges<E>> uniform_axis_edges(
    const std::vector<ndarray<S>>& cols, const std::vector<std::int64_t>& bins,
    const std::optional<std::vector<std::pair<double, double>>>& range) {
  const std::size_t d = cols.size();
  for (std::size_t i = 0; i < d; ++i)
    check_histogramdd_count(static_cast<std::int64_t>(i), bins[i]);
  std::vector<std::pair<double, double>> outer(d, {0.0, 1.0});  // no points: [0, 1]
  std::vector<bool> from_data(d, false);
  if (range)  // every range checked before any device work
    for (std::size_t i = 0; i < d; ++i)
      outer[i] = range_edges((*range)[i].first, (*range)[i].second);
  const std::int64_t n = cols.empty() ? 0 : cols[0].size();
  if (!range && n > 0) {
    // Every column's extremes in one synchronisation.
    ndarray<S> extremes(shape_t{static_cast<std::int64_t>(2 * d)});
    for (std::size_t i = 0; i < d; ++i) {
      extremes(static_cast<std::int64_t>(2 * i)) = cupp::min(cols[i]);
      extremes(static_cast<std::int64_t>(2 * i + 1)) = cupp::max(cols[i]);
    }
    const std::vector<S> lohi = extremes.get();
    for (std::size_t i = 0; i < d; ++i) {
      outer[i] = data_edges(static_cast<double>(lohi[2 * i]), static_cast<double>(lohi[2 * i + 1]),
                            dtype_of<S>);
      from_data[i] = true;
    }
  }
  std::vector<histdd_axis_edges<E>> out;
  for (std::size_t i = 0; i < d; ++i) {
    const std::vector<double> e =
        uniform_edges(outer[i].first, outer[i].second, bins[i], dtype_of<E>,
                      from_data[i] ? dtype_of<E> : dtype::float64);
    std::vector<E> typed;
    for (double v : e) typed.push_back(static_cast<E>(v));
    out.push_back({asarray(typed), asarray(e)});
  }
  return out;
}

template <class B>
std::vector<histdd_axis_edges<B>> given_axis_edges(const std::vector<ndarray<B>>& bins) {
  static_assert(!is_complex(dtype_of<B>), "histogram edges must be real numbers");
  std::vector<histdd_axis_edges<B>> out;
  for (std::size_t i = 0; i < bins.size(); ++i) {
    ndarray<double> e = bins[i].template astype<double>();
    check_histogramdd_edges(static_cast<std::int64_t>(i), bins[i].ndim(),
                            bins[i].ndim() == 1 ? e.get() : std::vector<double>{});
    out.push_back({bins[i], e});
  }
  return out;
}

/// The columns of an (N, D) sample ((N,) is one axis), as views in the kernel's dtype.
template <class T>
std::vector<ndarray<histdd_sample_t<T>>> sample_columns(const ndarray<T>& sample) {
  static_assert(!is_complex(dtype_of<T>), "histogramdd needs real numbers");
  check_histogramdd_sample(sample.ndim());
  using S = histdd_sample_t<T>;
  const ndarray<S> s = [&] {
    if constexpr (std::is_same_v<S, T>)
      return sample;
    else
      return sample.template astype<S>();
  }();
  std::vector<ndarray<S>> cols;
  if (s.ndim() == 1)
    cols.push_back(s);
  else
    for (std::int64_t i = 0; i < s.shape(1); ++i) cols.push_back(s(slice(), i));
  return cols;
}

// ---- bincount and covariance -------------------------------------------------------------------

/// bincount's checks before any device work, in NumPy's words: "'minlength' must not be
/// negative", "object too deep for desired array", "object of too small depth for desired array".
void check_bincount(std::int64_t x_ndim, std::int64_t minlength);
/// bincount of `x` (1-D, integers, checked; `lo` and `hi` its extremes), with float64 `weights`
/// or null: int64 counts or float64 sums, of length max(hi + 1, minlength). Throws value_error
/// "'list' argument must have no negative elements" and "The weights and list don't have the
/// same length.".
array_desc bincount_array(const array_desc& x, const array_desc* weights, std::int64_t minlength,
                          std::int64_t lo, std::int64_t hi);

template <class T>
array_desc bincount_of(const ndarray<T>& x, const ndarray<double>* weights,
                       std::int64_t minlength) {
  static_assert(std::is_integral_v<T> && !std::is_same_v<T, std::uint64_t>,
                "bincount needs bool or integers that cast safely to int64 (NumPy: Cannot cast "
                "array data according to the rule 'safe')");
  check_bincount(x.ndim(), minlength);
  // Booleans count as 0 and 1.
  using V = std::conditional_t<std::is_same_v<T, bool>, std::uint8_t, T>;
  const ndarray<V> values = [&] {
    if constexpr (std::is_same_v<T, bool>)
      return x.template astype<std::uint8_t>();
    else
      return x;
  }();
  std::int64_t lo = 0, hi = -1;
  if (values.size() > 0) {  // the extremes, in one synchronisation
    ndarray<V> extremes(shape_t{2});
    extremes(0) = cupp::min(values);
    extremes(1) = cupp::max(values);
    const std::vector<V> v = extremes.get();
    lo = static_cast<std::int64_t>(v[0]);
    hi = static_cast<std::int64_t>(v[1]);
  }
  return bincount_array(values.desc(), weights ? &weights->desc() : nullptr, minlength, lo, hi);
}

/// cov of the variables (rows) of `x`, float64 or complex128 of shape (p, n) already joined with y
/// and transposed for rowvar=False; weights float64 (1-D, checked here) or null. The result has
/// NumPy's shape: (p, p), or 0-d for p == 1.
array_desc cov_array(const array_desc& x, bool bias, std::optional<std::int64_t> ddof,
                     const array_desc* fweights, const array_desc* aweights);
/// corrcoef from a covariance matrix (or 0-d covariance): c / (d_i d_j)^(1/2) clipped to [-1, 1].
array_desc corrcoef_array(const array_desc& c);
/// Throws value_error "m has more than 2 dimensions" (or "y has ...") for ndim > 2.
void check_cov_operand(std::int64_t ndim, const char* name);

/// The (variables, observations) matrix of m (and y) as NumPy's cov builds it.
template <class R, class T>
ndarray<R> cov_matrix(const ndarray<T>& m, bool rowvar) {
  ndarray<R> x = m.template astype<R>();
  if (x.ndim() < 2) x = x.reshape({1, x.size()});
  if (!rowvar && x.shape(0) != 1) x = x.T();
  return x;
}

template <class T, class U>
using cov_t = std::conditional_t<is_complex(dtype_of<T>) || is_complex(dtype_of<U>),
                                 std::complex<double>, double>;

template <class R, class T, class U>
ndarray<R> cov_of(const ndarray<T>& m, const ndarray<U>* y, bool rowvar, bool bias,
                  std::optional<std::int64_t> ddof, const std::optional<ndarray<double>>& fweights,
                  const std::optional<ndarray<double>>& aweights) {
  check_cov_operand(m.ndim(), "m");
  if (y) check_cov_operand(y->ndim(), "y");
  ndarray<R> x = cov_matrix<R>(m, rowvar);
  if (x.shape(0) == 0) return ndarray<R>(shape_t{0, 0});
  if (y) {
    const ndarray<R> yx = cov_matrix<R>(*y, rowvar);
    CUPP_EXPECTS(yx.shape(1) == x.shape(1), value_error,
                 "all the input array dimensions except for the concatenation axis must match "
                 "exactly, but along dimension 1, the array at index 0 has size " +
                     std::to_string(x.shape(1)) + " and the array at index 1 has size " +
                     std::to_string(yx.shape(1)));
    ndarray<R> joined(shape_t{x.shape(0) + yx.shape(0), x.shape(1)});
    joined(slice(0, x.shape(0)), slice()) = x;
    joined(slice(x.shape(0), std::nullopt), slice()) = yx;
    x = joined;
  }
  return ndarray<R>(cov_array(x.desc(), bias, ddof, fweights ? &fweights->desc() : nullptr,
                              aweights ? &aweights->desc() : nullptr));
}

}  // namespace detail

// ---- median, quantile, percentile
// ------------------------------------------------------------------

/// numpy.median: of an array or an elementwise expression (evaluated first), the middle element of
/// each sorted slice along `axis` (all axes by default; one or several), or the mean of the middle
/// two for an even count. Integers and bool give float64; floating and complex dtypes keep theirs
/// (float16 averages in float32). A nan anywhere in a slice gives nan; an empty slice gives nan
/// (NumPy also warns). Throws axis_error and value_error
/// ("duplicate value in 'axis'") as NumPy does.
template <class A, expr::if_operand<A> = 0>
ndarray<detail::median_t<detail::value_of<A>>> median(const A& a, const axis_arg& axis = {},
                                                      bool keepdims = false) {
  using R = detail::median_t<detail::value_of<A>>;
  return ndarray<R>(
      detail::median_array(detail::as_array(a).desc(), axis, keepdims, false, dtype_of<R>));
}

/// numpy.nanmedian: the median of the elements that are not nan; nan for a slice of only nan.
template <class A, expr::if_operand<A> = 0>
ndarray<detail::median_t<detail::value_of<A>>> nanmedian(const A& a, const axis_arg& axis = {},
                                                         bool keepdims = false) {
  using R = detail::median_t<detail::value_of<A>>;
  return ndarray<R>(
      detail::median_array(detail::as_array(a).desc(), axis, keepdims, true, dtype_of<R>));
}

/// numpy.quantile: the q-th quantile (q in [0, 1]) of the elements along `axis` (all axes by
/// default, one or several), by one of NumPy's methods: "inverted_cdf", "averaged_inverted_cdf",
/// "closest_observation", "interpolated_inverted_cdf", "hazen", "weibull", "linear" (the default),
/// "median_unbiased", "normal_unbiased", "lower", "higher", "midpoint", "nearest". Floating dtypes
/// keep theirs (interpolating in that precision, as NumPy); bool and integers give float64, for
/// every method. A nan in a slice gives nan. Complex input is a compile error (NumPy's TypeError).
/// Throws value_error "Quantiles must be in the range [0, 1]", axis_error, and value_error for an
/// unknown method, in NumPy's words.
template <class A, expr::if_operand<A> = 0>
ndarray<detail::quantile_t<detail::value_of<A>>> quantile(const A& a, double q,
                                                          const axis_arg& axis = {},
                                                          const std::string& method = "linear",
                                                          bool keepdims = false) {
  return detail::quantile_of(detail::as_array(a), {q}, {}, false, axis, method, keepdims, false);
}
/// numpy.quantile with several q: the result has q's shape prepended, (len(q), ...).
template <class A, expr::if_operand<A> = 0>
ndarray<detail::quantile_t<detail::value_of<A>>> quantile(const A& a, const std::vector<double>& q,
                                                          const axis_arg& axis = {},
                                                          const std::string& method = "linear",
                                                          bool keepdims = false) {
  return detail::quantile_of(detail::as_array(a), q, {static_cast<std::int64_t>(q.size())}, false,
                             axis, method, keepdims, false);
}
/// numpy.quantile with q an array of any shape (read to the host to check its range: one
/// synchronisation); the result has q's shape prepended.
template <class A, class Q, expr::if_operand<A> = 0>
ndarray<detail::quantile_t<detail::value_of<A>>> quantile(const A& a, const ndarray<Q>& q,
                                                          const axis_arg& axis = {},
                                                          const std::string& method = "linear",
                                                          bool keepdims = false) {
  return detail::quantile_of(detail::as_array(a), detail::host_quantiles(q), q.shape(), false, axis,
                             method, keepdims, false);
}

/// numpy.percentile: quantile of q / 100, q in [0, 100]; throws value_error "Percentiles must be
/// in the range [0, 100]".
template <class A, expr::if_operand<A> = 0>
ndarray<detail::quantile_t<detail::value_of<A>>> percentile(const A& a, double q,
                                                            const axis_arg& axis = {},
                                                            const std::string& method = "linear",
                                                            bool keepdims = false) {
  return detail::quantile_of(detail::as_array(a), {q}, {}, true, axis, method, keepdims, false);
}
template <class A, expr::if_operand<A> = 0>
ndarray<detail::quantile_t<detail::value_of<A>>> percentile(const A& a,
                                                            const std::vector<double>& q,
                                                            const axis_arg& axis = {},
                                                            const std::string& method = "linear",
                                                            bool keepdims = false) {
  return detail::quantile_of(detail::as_array(a), q, {static_cast<std::int64_t>(q.size())}, true,
                             axis, method, keepdims, false);
}
template <class A, class Q, expr::if_operand<A> = 0>
ndarray<detail::quantile_t<detail::value_of<A>>> percentile(const A& a, const ndarray<Q>& q,
                                                            const axis_arg& axis = {},
                                                            const std::string& method = "linear",
                                                            bool keepdims = false) {
  return detail::quantile_of(detail::as_array(a), detail::host_quantiles(q), q.shape(), true, axis,
                             method, keepdims, false);
}

/// numpy.nanquantile: quantile of the elements that are not nan; nan for a slice of only nan.
template <class A, expr::if_operand<A> = 0>
ndarray<detail::quantile_t<detail::value_of<A>>> nanquantile(const A& a, double q,
                                                             const axis_arg& axis = {},
                                                             const std::string& method = "linear",
                                                             bool keepdims = false) {
  return detail::quantile_of(detail::as_array(a), {q}, {}, false, axis, method, keepdims, true);
}
template <class A, expr::if_operand<A> = 0>
ndarray<detail::quantile_t<detail::value_of<A>>> nanquantile(const A& a,
                                                             const std::vector<double>& q,
                                                             const axis_arg& axis = {},
                                                             const std::string& method = "linear",
                                                             bool keepdims = false) {
  return detail::quantile_of(detail::as_array(a), q, {static_cast<std::int64_t>(q.size())}, false,
                             axis, method, keepdims, true);
}
/// numpy.nanpercentile: percentile of the elements that are not nan.
template <class A, expr::if_operand<A> = 0>
ndarray<detail::quantile_t<detail::value_of<A>>> nanpercentile(const A& a, double q,
                                                               const axis_arg& axis = {},
                                                               const std::string& method = "linear",
                                                               bool keepdims = false) {
  return detail::quantile_of(detail::as_array(a), {q}, {}, true, axis, method, keepdims, true);
}
template <class A, expr::if_operand<A> = 0>
ndarray<detail::quantile_t<detail::value_of<A>>> nanpercentile(const A& a,
                                                               const std::vector<double>& q,
                                                               const axis_arg& axis = {},
                                                               const std::string& method = "linear",
                                                               bool keepdims = false) {
  return detail::quantile_of(detail::as_array(a), q, {static_cast<std::int64_t>(q.size())}, true,
                             axis, method, keepdims, true);
}

// ---- histogram, bincount
// ------------------------------------------------------------------------------

/// What numpy.histogram returns: the counts (or weight sums, or densities) and the bin edges.
template <class H, class E>
struct histogram_result {
  /// The count of each bin (or its weight sum, or its density).
  ndarray<H> hist;
  /// The bins' edges: one more than the bins.
  ndarray<E> bin_edges;
};

/// numpy.histogram(a, bins, range): the counts (int64) of the elements of `a` (flattened) in
/// `bins` equal bins over `range` (the data's minimum and maximum by default; one
/// synchronisation reads them), or over the edges of a 1-D array `bins` (then `range` is
/// ignored, as NumPy). Every bin is half-open [e_i, e_i+1) but the last, which is closed; values
/// outside the edges are not counted, nor are nan. Equal-bin edges are NumPy's linspace in the
/// data's floating dtype (float64 for integers and bool), and each value is binned by NumPy's
/// formula corrected against the edges, so a value on an edge lands where NumPy puts it. Throws
/// value_error "`bins` must be positive, when an integer", "max must be larger than min in range
/// parameter.", "supplied range of [a, b] is not finite", "autodetected range of [a, b] is not
/// finite", "`bins` must increase monotonically, when an array", "`bins` must be 1d, when an
/// array".
template <class T, class Bins = std::int64_t>
histogram_result<std::int64_t, typename detail::edges_of<T, Bins>::type> histogram(
    const ndarray<T>& a, const Bins& bins = 10,
    const std::optional<std::pair<double, double>>& range = std::nullopt) {
  auto raw = detail::histogram_counts(a, bins, range, static_cast<const ndarray<double>*>(nullptr));
  return {ndarray<std::int64_t>(std::move(raw.hist)), std::move(raw.edges)};
}
/// numpy.histogram with weights (a's shape): each bin holds the sum of the weights of its
/// elements, in the weights' dtype (summed in float64, as NumPy). Throws value_error "weights
/// should have the same shape as a.".
template <class T, class Bins, class W>
histogram_result<W, typename detail::edges_of<T, Bins>::type> histogram(
    const ndarray<T>& a, const Bins& bins, const std::optional<std::pair<double, double>>& range,
    const ndarray<W>& weights) {
  auto raw = detail::histogram_counts(a, bins, range, &weights);
  return {ndarray<double>(std::move(raw.hist)).template astype<W>(), std::move(raw.edges)};
}
/// numpy.histogram(..., density): with density, each bin holds count / (total count x bin
/// width), so the histogram integrates to 1. The hist is float64 whatever `density` is (a run-time
/// flag cannot pick a C++ type): without density it holds the counts.
template <class T, class Bins>
histogram_result<double, typename detail::edges_of<T, Bins>::type> histogram(
    const ndarray<T>& a, const Bins& bins, const std::optional<std::pair<double, double>>& range,
    bool density) {
  auto raw = detail::histogram_counts(a, bins, range, static_cast<const ndarray<double>*>(nullptr));
  ndarray<double> hist = ndarray<std::int64_t>(std::move(raw.hist)).template astype<double>();
  if (density) hist = detail::density_of(hist, raw.edges);
  return {std::move(hist), std::move(raw.edges)};
}
/// numpy.histogram with weights and density (float64, as NumPy's density).
template <class T, class Bins, class W>
histogram_result<double, typename detail::edges_of<T, Bins>::type> histogram(
    const ndarray<T>& a, const Bins& bins, const std::optional<std::pair<double, double>>& range,
    const ndarray<W>& weights, bool density) {
  auto raw = detail::histogram_counts(a, bins, range, &weights);
  // The sums are rounded to the weights' dtype first, as NumPy's histogram rounds them.
  ndarray<double> hist =
      ndarray<double>(std::move(raw.hist)).template astype<W>().template astype<double>();
  if (density) hist = detail::density_of(hist, raw.edges);
  return {std::move(hist), std::move(raw.edges)};
}

/// numpy.bincount: the number of occurrences of each value 0..max(x) of a 1-D array of
/// non-negative integers (or bool), at least `minlength` long, as int64. One synchronisation
/// reads max(x). Throws value_error "'list' argument must have no negative elements", "object
/// too deep for desired array" (2-D and more), "object of too small depth for desired array"
/// (0-d), "'minlength' must not be negative".
template <class T>
ndarray<std::int64_t> bincount(const ndarray<T>& x, std::int64_t minlength = 0) {
  return ndarray<std::int64_t>(detail::bincount_of(x, nullptr, minlength));
}
/// numpy.bincount with weights (x's length): the sum of the weights of each value, as float64.
/// Throws value_error "The weights and list don't have the same length.".
template <class T, class W>
ndarray<double> bincount(const ndarray<T>& x, const ndarray<W>& weights,
                         std::int64_t minlength = 0) {
  static_assert(!is_complex(dtype_of<W>), "bincount weights must be real numbers");
  detail::check_bincount(x.ndim(), minlength);
  const ndarray<double> w = weights.template astype<double>();
  return ndarray<double>(detail::bincount_of(x, &w, minlength));
}

// ---- covariance and correlation
// ------------------------------------------------------------------

/// numpy.cov: the covariance matrix of the variables of `m` (rows, or columns with rowvar=false;
/// a 1-D array is one variable), normalised by N - ddof (ddof 1 by default, 0 with `bias`), with
/// optional integer frequency weights and observation weights (float64, one per observation).
/// float64 for real input, complex128 for complex (conjugating the second factor). One variable
/// gives a 0-d array. Throws value_error "m has more than 2 dimensions", "fweights must be
/// integer", "fweights cannot be negative", "aweights cannot be negative", and NumPy's messages for
/// weights of the wrong shape.
template <class T>
ndarray<detail::cov_t<T, T>> cov(const ndarray<T>& m, bool rowvar = true, bool bias = false,
                                 std::optional<std::int64_t> ddof = std::nullopt,
                                 const std::optional<ndarray<double>>& fweights = std::nullopt,
                                 const std::optional<ndarray<double>>& aweights = std::nullopt) {
  return detail::cov_of<detail::cov_t<T, T>, T, T>(m, nullptr, rowvar, bias, ddof, fweights,
                                                   aweights);
}
/// numpy.cov(m, y): the variables of y are appended to those of m.
template <class T, class U>
ndarray<detail::cov_t<T, U>> cov(const ndarray<T>& m, const ndarray<U>& y, bool rowvar = true,
                                 bool bias = false, std::optional<std::int64_t> ddof = std::nullopt,
                                 const std::optional<ndarray<double>>& fweights = std::nullopt,
                                 const std::optional<ndarray<double>>& aweights = std::nullopt) {
  return detail::cov_of<detail::cov_t<T, U>>(m, &y, rowvar, bias, ddof, fweights, aweights);
}

/// numpy.corrcoef: Pearson correlation coefficients, cov(x) / sqrt(diag x diag), with the real
/// (and imaginary) parts clipped to [-1, 1] as NumPy. One variable gives a 0-d array (1, or nan).
template <class T>
ndarray<detail::cov_t<T, T>> corrcoef(const ndarray<T>& x, bool rowvar = true) {
  return ndarray<detail::cov_t<T, T>>(detail::corrcoef_array(cov(x, rowvar).desc()));
}
/// numpy.corrcoef(x, y).
template <class T, class U>
ndarray<detail::cov_t<T, U>> corrcoef(const ndarray<T>& x, const ndarray<U>& y,
                                      bool rowvar = true) {
  return ndarray<detail::cov_t<T, U>>(detail::corrcoef_array(cov(x, y, rowvar).desc()));
}

// ---- digitize, histogram2d, histogramdd ---------------------------------------------------------

/// numpy.digitize(x, bins, right): the int64 index of the bin of each element of `x` (any shape)
/// among the 1-D monotonic `bins` (read to the host to check their order: one synchronisation):
/// for increasing bins, i such that bins[i-1] <= x < bins[i] (bins[i-1] < x <= bins[i] with
/// `right`), through numpy.searchsorted; decreasing bins count from the other end, as NumPy.
/// Complex x is a compile error (NumPy's "x may not be complex"). Throws value_error "bins must
/// be monotonically increasing or decreasing", "object too deep for desired array" (bins of 2 or
/// more dimensions), "object of too small depth for desired array" (0-d bins).
template <class X, class B>
ndarray<std::int64_t> digitize(const ndarray<X>& x, const ndarray<B>& bins, bool right = false) {
  static_assert(!is_complex(dtype_of<X>), "x may not be complex");
  static_assert(!is_complex(dtype_of<B>), "bins must be real numbers");
  std::vector<double> host;
  if (bins.ndim() == 1)
    for (const auto& v : bins.template astype<double>().get()) host.push_back(v);
  const int mono = detail::check_digitize_bins(bins.ndim(), host);
  const std::string side = right ? "left" : "right";
  if (mono == -1)
    return ndarray<std::int64_t>(
        subtract(bins.size(), searchsorted(bins(slice(std::nullopt, std::nullopt, -1)), x, side)));
  return searchsorted(bins, x, side);
}

/// What numpy.histogramdd returns: the histogram (float64, one axis per sample dimension, the
/// counts, the weight sums or the density) and the edges of each axis.
template <class E>
struct histogramdd_result {
  ndarray<double> hist;           ///< (bins_0, ..., bins_{D-1})
  std::vector<ndarray<E>> edges;  ///< D arrays of bins_i + 1 edges
};

namespace detail {
template <class T, class E>
histogramdd_result<E> histogramdd_of(const std::vector<ndarray<T>>& cols,
                                     std::vector<histdd_axis_edges<E>> axes, bool density,
                                     const std::optional<ndarray<double>>& weights) {
  std::vector<ndarray<double>> as_double;
  histogramdd_result<E> r;
  for (auto& a : axes) {
    as_double.push_back(a.as_double);
    r.edges.push_back(a.edges);
  }
  r.hist = histogramdd_counts(cols, as_double, density, weights ? &*weights : nullptr);
  return r;
}
template <class T>
std::vector<std::int64_t> per_axis(const std::vector<ndarray<T>>& cols, std::int64_t bins) {
  return std::vector<std::int64_t>(cols.size(), bins);
}
}  // namespace detail

/// numpy.histogramdd(sample, bins, range, density, weights): the histogram of the N points of a
/// (N, D) sample (an (N,) sample is one axis) over `bins` equal bins per axis (of `range[i]`, else
/// of the column's extremes; one synchronisation reads them), as NumPy: each bin half-open but
/// the last, closed; points outside the edges or nan are not counted. Binning is one pass per
/// axis and the counting one pass of atomics into the bins (no sort). The hist is float64 (the
/// counts, the sums of the float64 `weights` (N,), or with `density` the density); the edges
/// have the sample's floating dtype (float64 for integers). NumPy computes equal-bin edges in
/// float64 when a range is given; cupp keeps the sample's dtype so that one C++ type serves.
/// Throws value_error "`bins[i]` must be positive, when an integer", "The dimension of bins must
/// be equal to the dimension of the sample x.", "range argument must have one entry per
/// dimension", "max must be larger than min in range parameter.", "supplied range of [a, b] is
/// not finite", "autodetected range of [a, b] is not finite", "The weights and list don't have
/// the same length.".
template <class T>
histogramdd_result<detail::uniform_edge_t<T>> histogramdd(
    const ndarray<T>& sample, const std::vector<std::int64_t>& bins,
    const std::optional<std::vector<std::pair<double, double>>>& range = std::nullopt,
    bool density = false, const std::optional<ndarray<double>>& weights = std::nullopt) {
  using E = detail::uniform_edge_t<T>;
  const auto cols = detail::sample_columns(sample);
  const auto d = static_cast<std::int64_t>(cols.size());
  detail::check_histogramdd_args(d, static_cast<std::int64_t>(bins.size()),
                                 range ? static_cast<std::int64_t>(range->size()) : d);
  return detail::histogramdd_of(cols, detail::uniform_axis_edges<E>(cols, bins, range), density,
                                weights);
}
/// numpy.histogramdd with one bin count for every axis (10 by default).
template <class T>
histogramdd_result<detail::uniform_edge_t<T>> histogramdd(
    const ndarray<T>& sample, std::int64_t bins = 10,
    const std::optional<std::vector<std::pair<double, double>>>& range = std::nullopt,
    bool density = false, const std::optional<ndarray<double>>& weights = std::nullopt) {
  detail::check_histogramdd_sample(sample.ndim());
  const std::int64_t d = sample.ndim() == 1 ? 1 : sample.shape(1);
  return histogramdd(sample, std::vector<std::int64_t>(static_cast<std::size_t>(d), bins), range,
                     density, weights);
}
/// numpy.histogramdd with the edges of each axis (1-D, non-decreasing; read to the host to check
/// them); `range` is not used. Throws value_error "`bins[i]` must be monotonically increasing,
/// when an array", "`bins[i]` must be a scalar or 1d array".
template <class T, class B>
histogramdd_result<B> histogramdd(const ndarray<T>& sample, const std::vector<ndarray<B>>& bins,
                                  bool density = false,
                                  const std::optional<ndarray<double>>& weights = std::nullopt) {
  const auto cols = detail::sample_columns(sample);
  detail::check_histogramdd_args(static_cast<std::int64_t>(cols.size()),
                                 static_cast<std::int64_t>(bins.size()),
                                 static_cast<std::int64_t>(cols.size()));
  return detail::histogramdd_of(cols, detail::given_axis_edges(bins), density, weights);
}

/// What numpy.histogram2d returns: the (nx, ny) histogram (float64) and the edges of x and y.
template <class E>
struct histogram2d_result {
  ndarray<double> hist;  ///< H[i, j]: the points with x in bin i and y in bin j
  ndarray<E> xedges;     ///< nx + 1 edges
  ndarray<E> yedges;     ///< ny + 1 edges
};

namespace detail {
template <class T, class U>
using hist2d_t = histdd_sample_t<promote_t<T, U>>;
template <class T, class U>
std::vector<ndarray<hist2d_t<T, U>>> xy_columns(const ndarray<T>& x, const ndarray<U>& y) {
  static_assert(!is_complex(dtype_of<T>) && !is_complex(dtype_of<U>),
                "histogram2d needs real numbers");
  check_histogram2d_xy(x.shape(), y.shape());
  using S = hist2d_t<T, U>;
  auto as_s = [](const auto& a) {
    using A = typename std::decay_t<decltype(a)>::value_type;
    if constexpr (std::is_same_v<A, S>)
      return a;
    else
      return a.template astype<S>();
  };
  return {as_s(x), as_s(y)};
}
template <class E>
histogram2d_result<E> as_2d(histogramdd_result<E> r) {
  return {std::move(r.hist), std::move(r.edges[0]), std::move(r.edges[1])};
}
}  // namespace detail

/// numpy.histogram2d(x, y, bins, range, density, weights): the 2-D histogram of the points (x[i],
/// y[i]) (x and y 1-D of one length), as histogramdd of the two columns, read in place (no copy
/// into a sample). `bins` is one count for both axes or {nx, ny}; `range` {{xmin, xmax}, {ymin,
/// ymax}}. Edges have the points' common floating dtype. Throws as histogramdd, and value_error
/// "x and y must have the same length".
template <class T, class U>
histogram2d_result<detail::uniform_edge_t<promote_t<T, U>>> histogram2d(
    const ndarray<T>& x, const ndarray<U>& y, const std::vector<std::int64_t>& bins,
    const std::optional<std::vector<std::pair<double, double>>>& range = std::nullopt,
    bool density = false, const std::optional<ndarray<double>>& weights = std::nullopt) {
  using E = detail::uniform_edge_t<promote_t<T, U>>;
  const auto cols = detail::xy_columns(x, y);
  detail::check_histogramdd_args(2, static_cast<std::int64_t>(bins.size()),
                                 range ? static_cast<std::int64_t>(range->size()) : 2);
  return detail::as_2d(detail::histogramdd_of(
      cols, detail::uniform_axis_edges<E>(cols, bins, range), density, weights));
}
/// numpy.histogram2d with one bin count for both axes (10 by default).
template <class T, class U>
histogram2d_result<detail::uniform_edge_t<promote_t<T, U>>> histogram2d(
    const ndarray<T>& x, const ndarray<U>& y, std::int64_t bins = 10,
    const std::optional<std::vector<std::pair<double, double>>>& range = std::nullopt,
    bool density = false, const std::optional<ndarray<double>>& weights = std::nullopt) {
  return histogram2d(x, y, std::vector<std::int64_t>{bins, bins}, range, density, weights);
}
/// numpy.histogram2d with the edges of x and of y ({xedges, yedges}; one array serves both, as
/// NumPy's bins=array).
template <class T, class U, class B>
histogram2d_result<B> histogram2d(const ndarray<T>& x, const ndarray<U>& y,
                                  const std::vector<ndarray<B>>& bins, bool density = false,
                                  const std::optional<ndarray<double>>& weights = std::nullopt) {
  const auto cols = detail::xy_columns(x, y);
  const std::vector<ndarray<B>> both =
      bins.size() == 1 ? std::vector<ndarray<B>>{bins[0], bins[0]} : bins;
  detail::check_histogramdd_args(2, static_cast<std::int64_t>(both.size()), 2);
  return detail::as_2d(
      detail::histogramdd_of(cols, detail::given_axis_edges(both), density, weights));
}

}  // namespace cupp
