// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::ndimage, as scipy.ndimage: label, find_objects, the statistics over labels, value_indices and distance_transform_edt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/runtime_array.hpp"
#include "cupp/scipy/ndimage/common.hpp"
#include "cupp/scipy/ndimage/morphology.hpp"

namespace cupp::scipy::ndimage {

// ---- label -----------------------------------------------------------------------------------

namespace detail {

/// scipy.ndimage.label of a type-erased image: the labels (a new C-contiguous int32 array) and
/// the number of features. Checks in SciPy's order: type_error "Complex type not supported",
/// value_error "structure and input must have equal rank", value_error "structure dimensions
/// must be equal to 3", value_error "Structuring element is not symmetric" (SciPy's
/// AssertionError), value_error for 2**31 - 2 elements or more (SciPy's int64 labels); for an
/// output dtype `out` other than int32, value_error "insufficient bit-depth in requested output
/// type" when the number of features does not fit it.
std::pair<cupp::detail::array_desc, std::int64_t> label(
    const cupp::detail::array_desc& input, const std::optional<host_structure>& structure,
    dtype out = dtype::int32);

/// The neighbours a pixel joins in label's merge pass: the offsets (one per axis, each -1, 0 or
/// 1) of the true elements of the 3 x ... x 3 `s` that come before its centre in C order.
std::vector<std::vector<std::int64_t>> label_neighbours(const host_structure& s);

/// The generated source of label's kernels (kernels/cupp/ndimage_label.cuh), for tests that
/// compile it.
std::string label_kernel_source();

}  // namespace detail

/// scipy.ndimage.label: the connected regions of the input's nonzero pixels, joined through the
/// true elements of `structure` (3 x ... x 3, symmetric; default generate_binary_structure(ndim,
/// 1)), numbered 1..n in C order of their first pixel as SciPy numbers them; background 0.
/// Returns (labels, n), as SciPy's (labeled, num_features): the labels int32 (SciPy's default)
/// or `Out` (SciPy's output=dtype: label<std::uint16_t>(image)). Throws as detail::label says.
template <class Out = std::int32_t, class E, std::enable_if_t<detail::is_image_v<E>, int> = 0>
std::pair<ndarray<Out>, std::int64_t> label(const E& input,
                                            const std::optional<array>& structure = std::nullopt) {
  static_assert(std::is_arithmetic_v<Out> && !std::is_same_v<Out, bool>,
                "label: the labels' dtype is an integer or floating type");
  auto [labels, n] =
      detail::label(detail::image_desc(input), detail::to_host_structure(structure), dtype_of<Out>);
  return {ndarray<Out>(std::move(labels)), n};
}

}  // namespace cupp::scipy::ndimage

// Statistics over labels

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/routines/creation.hpp"
#include "cupp/routines/reduction.hpp"

namespace cupp::scipy::ndimage {

/// SciPy's `index` argument of the statistics over labels: None (`{}` or std::nullopt: one
/// group, the elements whose label is > 0), one label (`3`: a scalar result, a 0-d array) or a
/// sequence of labels (`{1, 2, 3}`, a std::vector or an integer ndarray: one result per label,
/// in the index's shape).
class label_index {
 public:
  /// Which form was given: None, one label or a sequence of labels.
  enum class kind { none, one, sequence };
  label_index() = default;
  /// None: one group, the elements whose label is > 0.
  label_index(std::nullopt_t) {}  // NOLINT: implicit, as index=None
  /// One label: the results are 0-d arrays.
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  label_index(I label)  // NOLINT: implicit, as index=3
      : kind_(kind::one), values_{static_cast<std::int64_t>(label)} {}
  /// A sequence of labels: `{1, 2, 3}`, one result per label.
  label_index(std::initializer_list<std::int64_t> labels)
      : kind_(kind::sequence), values_(labels), shape_{static_cast<std::int64_t>(labels.size())} {}
  /// A sequence of labels, from a vector.
  label_index(std::vector<std::int64_t> labels)  // NOLINT: implicit
      : kind_(kind::sequence),
        values_(std::move(labels)),
        shape_{static_cast<std::int64_t>(values_.size())} {}
  /// The labels of an integer array, of any shape (the results take that shape).
  template <class I>
  label_index(const ndarray<I>& labels)  // NOLINT: implicit
      : kind_(kind::sequence), shape_(labels.shape()) {
    static_assert(std::is_integral_v<I> && !std::is_same_v<I, bool>,
                  "index must hold integer labels");
    for (const I& v : labels.get()) values_.push_back(static_cast<std::int64_t>(v));
  }

  /// Which form was given.
  kind which() const noexcept { return kind_; }
  /// The labels given, flattened in C order (empty for None).
  const std::vector<std::int64_t>& values() const noexcept { return values_; }
  /// The shape of the results: () for none and one label, the sequence's shape otherwise.
  const shape_t& shape() const noexcept { return shape_; }

 private:
  kind kind_ = kind::none;
  std::vector<std::int64_t> values_;
  shape_t shape_;
};

namespace detail {

using cupp::detail::array_desc;

/// The statistics of label_statistic_array.
enum class label_statistic : int {
  sum,
  mean,
  variance,
  standard_deviation,
  minimum,
  maximum,
  median,
  minimum_position,
  maximum_position,
  center_of_mass,
};

/// One statistic of `input` over the groups that `labels` (null: SciPy's labels=None, one group
/// of every element) and `index` make, as an array of dtype `out` and shape index.shape() (plus
/// (ndim,) for positions and center_of_mass). labels broadcast with input as SciPy's
/// np.broadcast_arrays. Note [Statistics over labels] in kernels/cupp/ndimage_measure.cuh.
array_desc label_statistic_array(const array_desc& input, const array_desc* labels,
                                 const label_index& index, label_statistic what, dtype out);
/// histogram: int64 counts of shape index.shape() + (bins,).
array_desc label_histogram(const array_desc& input, const array_desc* labels,
                           const label_index& index, double min, double max, std::int64_t bins);

/// labeled_comprehension's groups: the elements of every group in C order, grouped by label
/// (values and flat positions, 1-D), and per entry of the index (C order) where its group starts
/// and how many elements it has.
struct label_groups {
  array_desc values;
  array_desc positions;
  std::vector<std::int64_t> offset, count;
};
label_groups group_by_label(const array_desc& input, const array_desc& labels,
                            const label_index& index);

/// find_objects of integer (or bool) labels: per label 1..max_label (the largest label for 0)
/// the slices of its bounding box, or nullopt for a label with no element.
std::vector<std::optional<std::vector<slice>>> find_objects(const array_desc& input,
                                                            std::int64_t max_label);

/// value_indices: the distinct values of `arr` (an integer array), ascending, as 64-bit patterns,
/// and for each the ndim int64 arrays of the coordinates of its elements, in C order.
struct value_runs {
  std::vector<std::int64_t> values;
  std::vector<std::vector<array_desc>> indices;
};
value_runs value_indices(const array_desc& arr, const std::optional<std::int64_t>& ignore_value);

/// The generated source of the kernels over input dtype `in` and labels dtype `label`
/// (cupp_ndi_label_stats_<in>_<label>, ...; kernels/cupp/ndimage_measure.cuh), for tests.
std::string measure_kernel_source(dtype in, dtype label);

template <class T>
void check_measure_input() {
  static_assert(!is_complex(dtype_of<T>),
                "the statistics over labels take real input (complex numbers have no order)");
}
template <class L>
void check_labels() {
  static_assert(is_integer(dtype_of<L>) || is_bool(dtype_of<L>),
                "labels must be an integer or bool array");
}

/// NumPy's dtype of a sum (SciPy's sum_labels without an index, or with one label).
template <class T>
using label_sum_t = type_of_t<expr::sum_dtype(dtype_of<T>)>;
/// SciPy's dtype of a median: float64 for bool and integers, the input's for floating input.
template <class T>
using label_median_t = type_of_t<expr::mean_dtype(dtype_of<T>)>;

template <class Out, class T>
ndarray<Out> statistic(const ndarray<T>& input, const array_desc* labels, const label_index& index,
                       label_statistic what) {
  check_measure_input<T>();
  return ndarray<Out>(label_statistic_array(input.desc(), labels, index, what, dtype_of<Out>));
}

}  // namespace detail

// Note [Results of the statistics over labels]: SciPy returns a scalar, a tuple or a list; a C++
// function has one return type, so cupp returns arrays: a 0-d array where SciPy gives a scalar
// (no labels, labels without index, one label), an array of the index's shape for a sequence
// of labels; positions and centres of mass add a last axis of length ndim (SciPy's tuples).
// The dtypes are SciPy's (see each function).

/// scipy.ndimage.sum_labels (cupyx.scipy.ndimage.sum_labels) of every element: a 0-d array of
/// NumPy's sum dtype (int64 for bool and signed integers, uint64 for unsigned, else the input's).
template <class T>
ndarray<detail::label_sum_t<T>> sum_labels(const ndarray<T>& input) {
  return detail::statistic<detail::label_sum_t<T>>(input, nullptr, {},
                                                   detail::label_statistic::sum);
}
/// sum_labels of the elements whose label is > 0 (index=None): NumPy's sum dtype.
template <class T, class L>
ndarray<detail::label_sum_t<T>> sum_labels(const ndarray<T>& input, const ndarray<L>& labels) {
  detail::check_labels<L>();
  return detail::statistic<detail::label_sum_t<T>>(input, &labels.desc(), {},
                                                   detail::label_statistic::sum);
}
/// sum_labels of one label: a 0-d array of NumPy's sum dtype, as SciPy.
template <class T, class L, class I,
          std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
ndarray<detail::label_sum_t<T>> sum_labels(const ndarray<T>& input, const ndarray<L>& labels,
                                           I index) {
  detail::check_labels<L>();
  return detail::statistic<detail::label_sum_t<T>>(input, &labels.desc(), label_index(index),
                                                   detail::label_statistic::sum);
}
/// sum_labels per label of a sequence: float64 (SciPy sums with np.bincount's weights), 0 for a
/// label with no element. A label_index holding None or one label gives float64 too.
template <class T, class L>
ndarray<double> sum_labels(const ndarray<T>& input, const ndarray<L>& labels,
                           const label_index& index) {
  detail::check_labels<L>();
  return detail::statistic<double>(input, &labels.desc(), index, detail::label_statistic::sum);
}

#define CUPP_NDI_LABEL_STATISTIC(NAME, OUT, WHAT)                                               \
  template <class T>                                                                           \
  ndarray<OUT> NAME(const ndarray<T>& input) {                                                 \
    return detail::statistic<OUT>(input, nullptr, {}, detail::label_statistic::WHAT);          \
  }                                                                                            \
  template <class T, class L>                                                                  \
  ndarray<OUT> NAME(const ndarray<T>& input, const ndarray<L>& labels,                         \
                    const label_index& index = {}) {                                           \
    detail::check_labels<L>();                                                                 \
    return detail::statistic<OUT>(input, &labels.desc(), index, detail::label_statistic::WHAT); \
  }

/// scipy.ndimage.mean (cupyx.scipy.ndimage.mean): float64; NaN for a group with no element.
CUPP_NDI_LABEL_STATISTIC(mean, double, mean)
/// scipy.ndimage.variance: the population variance (the mean of the squared deviations from the
/// group's mean, as SciPy computes it: two passes), float64; NaN for an empty group.
CUPP_NDI_LABEL_STATISTIC(variance, double, variance)
/// scipy.ndimage.standard_deviation: the square root of variance, float64.
CUPP_NDI_LABEL_STATISTIC(standard_deviation, double, standard_deviation)
/// scipy.ndimage.minimum: the input's dtype; 0 for a label of a sequence with no element (as
/// SciPy); value_error "zero-size array to reduction operation minimum which has no identity" for
/// an empty group of the scalar forms (as NumPy's min).
CUPP_NDI_LABEL_STATISTIC(minimum, T, minimum)
/// scipy.ndimage.maximum: as minimum.
CUPP_NDI_LABEL_STATISTIC(maximum, T, maximum)
/// scipy.ndimage.median: float64 for bool and integer input, the input's dtype for floating
/// input (the mean of the middle two values); NaN for a group with no element.
CUPP_NDI_LABEL_STATISTIC(median, detail::label_median_t<T>, median)
/// scipy.ndimage.minimum_position: the coordinates of the first (in C order) smallest value,
/// int64 of shape index.shape + (ndim,) (SciPy's tuples); zeros for a label with no element.
CUPP_NDI_LABEL_STATISTIC(minimum_position, std::int64_t, minimum_position)
/// scipy.ndimage.maximum_position: as minimum_position, of the first largest value.
CUPP_NDI_LABEL_STATISTIC(maximum_position, std::int64_t, maximum_position)
/// scipy.ndimage.center_of_mass: float64 of shape index.shape + (ndim,): per axis the sum of
/// value * coordinate over the sum of the values (inf or NaN where that sum is 0, as SciPy).
CUPP_NDI_LABEL_STATISTIC(center_of_mass, double, center_of_mass)

#undef CUPP_NDI_LABEL_STATISTIC

/// scipy.ndimage.extrema: (minimums, maximums, minimum positions, maximum positions), each as
/// minimum, maximum, minimum_position and maximum_position give it.
template <class T>
std::tuple<ndarray<T>, ndarray<T>, ndarray<std::int64_t>, ndarray<std::int64_t>> extrema(
    const ndarray<T>& input) {
  return {ndimage::minimum(input), ndimage::maximum(input), ndimage::minimum_position(input),
          ndimage::maximum_position(input)};
}
template <class T, class L>
std::tuple<ndarray<T>, ndarray<T>, ndarray<std::int64_t>, ndarray<std::int64_t>> extrema(
    const ndarray<T>& input, const ndarray<L>& labels, const label_index& index = {}) {
  return {ndimage::minimum(input, labels, index), ndimage::maximum(input, labels, index),
          ndimage::minimum_position(input, labels, index),
          ndimage::maximum_position(input, labels, index)};
}

/// scipy.ndimage.histogram: the counts of the values in `bins` equal bins over [min, max]
/// (numpy.histogram over np.linspace(min, max, bins + 1)), int64 of shape index.shape + (bins,)
/// (SciPy: an object array of arrays; None for a label with no element, which gives zeros here).
template <class T>
ndarray<std::int64_t> histogram(const ndarray<T>& input, double min, double max,
                                std::int64_t bins) {
  detail::check_measure_input<T>();
  return ndarray<std::int64_t>(detail::label_histogram(input.desc(), nullptr, {}, min, max, bins));
}
template <class T, class L>
ndarray<std::int64_t> histogram(const ndarray<T>& input, double min, double max,
                                std::int64_t bins, const ndarray<L>& labels,
                                const label_index& index = {}) {
  detail::check_measure_input<T>();
  detail::check_labels<L>();
  return ndarray<std::int64_t>(
      detail::label_histogram(input.desc(), &labels.desc(), index, min, max, bins));
}

/// scipy.ndimage.labeled_comprehension (cupyx.scipy.ndimage.labeled_comprehension): `func`
/// applied to the values of each label of `index` (a 1-D device array of the label's elements,
/// in C order), or with `pass_positions` to the values and their flat positions (int64); its
/// result, converted to `Out` (SciPy's out_dtype), is the label's entry of the result; `default_`
/// where a label has no element. As SciPy and CuPy, func runs on the host once per label (the
/// grouping is one sort on the device). With index None, func sees the elements whose label is
/// positive, once. Throws value_error as SciPy for an index that the labels' dtype cannot hold.
template <class Out, class T, class L, class F>
ndarray<Out> labeled_comprehension(const ndarray<T>& input, const ndarray<L>& labels,
                                   const label_index& index, F func, Out default_,
                                   bool pass_positions = false) {
  detail::check_labels<L>();
  const detail::label_groups g = detail::group_by_label(input.desc(), labels.desc(), index);
  const ndarray<T> values(g.values);
  const ndarray<std::int64_t> positions(g.positions);
  std::vector<Out> out(g.offset.size(), default_);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (g.count[i] == 0) continue;
    const slice part(g.offset[i], g.offset[i] + g.count[i]);
    if (pass_positions) {
      if constexpr (std::is_invocable_v<F, ndarray<T>, ndarray<std::int64_t>>)
        out[i] = static_cast<Out>(func(values(part), positions(part)));
      else
        throw type_error("func takes the values only, but pass_positions is true");
    } else {
      if constexpr (std::is_invocable_v<F, ndarray<T>>)
        out[i] = static_cast<Out>(func(values(part)));
      else
        throw type_error("func takes values and positions, but pass_positions is false");
    }
  }
  return asarray(out, index.shape());
}
/// labeled_comprehension without labels (labels=None): func of every element, once; value_error
/// "index without defined labels" when an index is given, as SciPy.
template <class Out, class T, class F>
ndarray<Out> labeled_comprehension(const ndarray<T>& input, std::nullopt_t,
                                   const label_index& index, F func, Out default_,
                                   bool pass_positions = false) {
  if (index.which() != label_index::kind::none)
    throw value_error("index without defined labels");
  const ndarray<std::uint8_t> all = ones<std::uint8_t>(input.shape());
  return ndimage::labeled_comprehension<Out>(input, all, {}, std::move(func), default_,
                                            pass_positions);
}

/// scipy.ndimage.find_objects (cupyx.scipy.ndimage.find_objects): for each label 1..max_label
/// (max_label 0: the largest label in `input`) the slices of the smallest box holding its
/// elements, one per axis (cupp::slice(start, stop, 1)), or std::nullopt for a label with no
/// element: SciPy's list of tuples of slices or None. Integer (or bool) input.
template <class T>
std::vector<std::optional<std::vector<slice>>> find_objects(const ndarray<T>& input,
                                                            std::int64_t max_label = 0) {
  detail::check_labels<T>();
  return detail::find_objects(input.desc(), max_label);
}

/// scipy.ndimage.value_indices (cupyx.scipy.ndimage.value_indices): for each distinct value of
/// the integer array `arr` (but `ignore_value`), the coordinates of its elements in C order, one
/// int64 array per axis (SciPy's dict of tuples of arrays, here a std::map, ascending).
template <class T>
std::map<T, std::vector<ndarray<std::int64_t>>> value_indices(
    const ndarray<T>& arr, std::optional<T> ignore_value = std::nullopt) {
  static_assert(is_integer(dtype_of<T>), "Parameter 'arr' must be an integer array");
  std::optional<std::int64_t> ignore;
  if (ignore_value) ignore = static_cast<std::int64_t>(*ignore_value);
  const detail::value_runs runs = detail::value_indices(arr.desc(), ignore);
  std::map<T, std::vector<ndarray<std::int64_t>>> out;
  for (std::size_t i = 0; i < runs.values.size(); ++i) {
    std::vector<ndarray<std::int64_t>> coords;
    for (const auto& c : runs.indices[i]) coords.emplace_back(c);
    out.emplace(static_cast<T>(runs.values[i]), std::move(coords));
  }
  return out;
}

}  // namespace cupp::scipy::ndimage

// Distance transforms

namespace cupp::scipy::ndimage {

/// What distance_transform_edt returns when asked for distances, indices or both (SciPy's one
/// array or tuple): the members asked for are set.
struct edt_result {
  /// The distance of each element to the nearest zero element (scaled by `sampling`), if asked for.
  std::optional<ndarray<double>> distances;
  /// The indices of that nearest zero element, shape (ndim,) + input shape, if asked for.
  std::optional<ndarray<std::int32_t>> indices;
};

namespace detail {
/// The exact Euclidean distance transform of `input` (nonzero: foreground) seen as at least 1-D:
/// the float64 distances (when `distances`) and the int32 feature transform of shape
/// (ndim,) + shape (when `indices`); empty descriptions for those not asked for. `sampling` per
/// axis. Note [Exact Euclidean distance transform] in kernels/cupp/ndimage_edt.cuh.
std::pair<array_desc, array_desc> distance_transform_edt(const array_desc& input,
                                                         const per_axis<double>& sampling,
                                                         bool distances, bool indices);
/// The generated source of the kernels of input dtype `in`
/// (cupp_ndi_distance_transform_edt_{init,lines,pass,distances}_<in>), for tests.
std::string edt_kernel_source(dtype in);
}  // namespace detail

/// scipy.ndimage.distance_transform_edt (cupyx.scipy.ndimage.distance_transform_edt): for every
/// nonzero element the Euclidean distance to the nearest zero element, float64, with `sampling`
/// (one spacing for all axes or one per axis; SciPy's None is 1). Exact, and equal to SciPy's.
/// A 0-d input is taken as 1-D (np.atleast_1d), as SciPy. Without any zero element the result is
/// SciPy's (distances to the point (-1, 0, ..., 0)).
template <class T>
ndarray<double> distance_transform_edt(const ndarray<T>& input,
                                       const per_axis<double>& sampling = 1.0) {
  static_assert(!is_complex(dtype_of<T>), "distance_transform_edt takes real input");
  return ndarray<double>(detail::distance_transform_edt(input.desc(), sampling, true, false).first);
}
/// distance_transform_edt with SciPy's return_distances and return_indices: the indices are the
/// feature transform, int32 of shape (ndim,) + input.shape, for every element the coordinates of
/// the nearest zero element (ties broken as SciPy breaks them). value_error "at least one of
/// return_distances/return_indices must be True" when both are false (SciPy's RuntimeError).
template <class T>
edt_result distance_transform_edt(const ndarray<T>& input, const per_axis<double>& sampling,
                                  bool return_distances, bool return_indices = false) {
  static_assert(!is_complex(dtype_of<T>), "distance_transform_edt takes real input");
  if (!return_distances && !return_indices)
    throw value_error("at least one of return_distances/return_indices must be True");
  auto [d, f] = detail::distance_transform_edt(input.desc(), sampling, return_distances,
                                               return_indices);
  edt_result r;
  if (return_distances) r.distances = ndarray<double>(std::move(d));
  if (return_indices) r.indices = ndarray<std::int32_t>(std::move(f));
  return r;
}

}  // namespace cupp::scipy::ndimage
