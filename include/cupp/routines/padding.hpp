// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// numpy.pad: every mode of NumPy's, with its arguments (pad_width, constant_values, end_values,
// stat_length, reflect_type) in the forms NumPy takes them, and NumPy's errors. The index-mapping
// modes are one generated kernel writing each output element once (Note [Pad kernels] in
// src/manip/pad.cpp); the others add one pass per axis, as NumPy pads axis by axis.
#pragma once

#include <complex>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/ndarray.hpp"

namespace cupp {

/// NumPy's pad_width (and stat_length): one width for both sides of every axis (`2`), one
/// (before, after) pair for every axis (`{1, 2}`), or one pair per axis (`{{1, 2}, {3, 4}}`).
/// Widths must not be negative (checked by pad, in NumPy's words).
class pad_width_arg {
 public:
  /// A (before, after) pair of widths.
  using pair = std::pair<std::int64_t, std::int64_t>;

  /// `width` elements before and after on every axis (NumPy's pad_width=2).
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  pad_width_arg(I width)  // NOLINT: implicit, as NumPy's pad_width=2
      : pairs_{pair(static_cast<std::int64_t>(width), static_cast<std::int64_t>(width))} {}
  /// `before` elements before and `after` after on every axis (NumPy's pad_width=(1, 2)).
  pad_width_arg(std::int64_t before, std::int64_t after) : pairs_{pair(before, after)} {}
  /// One (before, after) pair for every axis.
  pad_width_arg(pair both) : pairs_{both} {}  // NOLINT: implicit
  /// One (before, after) pair per axis: `{{1, 2}, {3, 4}}`.
  pad_width_arg(std::initializer_list<pair> per_axis) : pairs_(per_axis), per_axis_(true) {}
  /// One (before, after) pair per axis, from a vector.
  pad_width_arg(std::vector<pair> per_axis)  // NOLINT: implicit
      : pairs_(std::move(per_axis)), per_axis_(true) {}

  /// One pair (for every axis), or the pairs given per axis.
  const std::vector<pair>& pairs() const noexcept { return pairs_; }
  /// True when given as a list of pairs (whose length must then be 1 or the array's ndim).
  bool per_axis() const noexcept { return per_axis_; }

 private:
  std::vector<pair> pairs_;
  bool per_axis_ = false;
};

/// NumPy's constant_values and end_values: one value for every side (`7`), one (before, after)
/// pair for every axis (`{1, 2}`), or one pair per axis (`{{1, 2}, {3, 4}}`). Values are held as
/// complex doubles and cast to the array's dtype as NumPy's assignment casts them (float to
/// integer truncates; a complex value's imaginary part is dropped for real dtypes).
class pad_values {
 public:
  /// One padding value, held as a complex double.
  using value = std::complex<double>;
  /// A (before, after) pair of values.
  using pair = std::pair<value, value>;

  /// `v` on both sides of every axis (NumPy's constant_values=7).
  template <class V, std::enable_if_t<std::is_arithmetic_v<V>, int> = 0>
  pad_values(V v)  // NOLINT: implicit, as NumPy's constant_values=7
      : pairs_{pair(static_cast<double>(v), static_cast<double>(v))} {}
  /// A complex `v` on both sides of every axis.
  pad_values(value v) : pairs_{pair(v, v)} {}  // NOLINT: implicit
  /// `before` before and `after` after on every axis.
  pad_values(double before, double after) : pairs_{pair(before, after)} {}
  /// One (before, after) pair per axis: `{{1, 2}, {3, 4}}`.
  pad_values(std::initializer_list<std::pair<double, double>> per_axis) : per_axis_(true) {
    for (const auto& [b, a] : per_axis) pairs_.emplace_back(b, a);
  }
  /// One (before, after) pair of complex values per axis.
  pad_values(std::vector<pair> per_axis)  // NOLINT: implicit
      : pairs_(std::move(per_axis)), per_axis_(true) {}

  /// One pair (for every axis), or the pairs given per axis.
  const std::vector<pair>& pairs() const noexcept { return pairs_; }
  /// True when given as a list of pairs (whose length must then be 1 or the array's ndim).
  bool per_axis() const noexcept { return per_axis_; }

 private:
  std::vector<pair> pairs_;
  bool per_axis_ = false;
};

/// The keyword arguments of numpy.pad, each set only where given (so that pad can report those a
/// mode does not take, as NumPy does):
/// `cupp::pad_options().constant_values(7)`, `pad_options().stat_length({2, 3})`,
/// `pad_options().reflect_type("odd")`.
class pad_options {
 public:
  /// For mode "constant" (default 0).
  pad_options& constant_values(pad_values v) {
    constant_values_ = std::move(v);
    return *this;
  }
  /// For mode "linear_ramp": the values the ramps start from at the outer ends (default 0).
  pad_options& end_values(pad_values v) {
    end_values_ = std::move(v);
    return *this;
  }
  /// For "maximum", "minimum", "mean" and "median": how many values at each edge the statistic
  /// is taken over (default: the whole axis).
  pad_options& stat_length(pad_width_arg v) {
    stat_length_ = std::move(v);
    return *this;
  }
  /// For "reflect" and "symmetric": "even" (default) or "odd" (2 * edge - reflected value).
  pad_options& reflect_type(std::string v) {
    reflect_type_ = std::move(v);
    return *this;
  }

  /// The constant_values given, or nullopt.
  const std::optional<pad_values>& constant_values() const noexcept { return constant_values_; }
  /// The end_values given, or nullopt.
  const std::optional<pad_values>& end_values() const noexcept { return end_values_; }
  /// The stat_length given, or nullopt.
  const std::optional<pad_width_arg>& stat_length() const noexcept { return stat_length_; }
  /// The reflect_type given, or nullopt.
  const std::optional<std::string>& reflect_type() const noexcept { return reflect_type_; }

 private:
  std::optional<pad_values> constant_values_;
  std::optional<pad_values> end_values_;
  std::optional<pad_width_arg> stat_length_;
  std::optional<std::string> reflect_type_;
};

namespace detail {

/// numpy.pad of a type-erased array into a new C-contiguous array. Checks in NumPy's order:
/// value_error "index can't contain negative values" (pad_width, stat_length), value_error
/// "operands could not be broadcast together with remapped shapes ..." (a list of pairs whose
/// length is neither 1 nor ndim), value_error "mode 'foo' is not supported", value_error
/// "unsupported keyword arguments for mode 'edge': {'constant_values'}", value_error "can't
/// extend empty axis 0 using modes other than 'constant' or 'empty'", value_error "stat_length
/// of 0 yields no value for padding" (maximum, minimum).
array_desc pad(const array_desc& a, const pad_width_arg& pad_width, const std::string& mode,
               const pad_options& options);

/// The generated source of the pad kernels of dtype `dt` (`cupp_pad_<dtype>` and
/// `cupp_pad_axis_<dtype>`), for tests that compile it.
std::string pad_kernel_source(dtype dt);

}  // namespace detail

/// numpy.pad: `a` padded by `pad_width` with `mode` ("constant", "edge", "linear_ramp",
/// "maximum", "mean", "median", "minimum", "reflect", "symmetric", "wrap", "empty"), options as
/// NumPy's keyword arguments. Always a new C-contiguous array. Integer results of "mean" and
/// "median" are rounded half to even; "linear_ramp" floors them, as NumPy does. Throws as
/// detail::pad says; type_error for "maximum", "minimum" and "median" of complex arrays.
template <class T>
ndarray<T> pad(const ndarray<T>& a, const pad_width_arg& pad_width,
               const std::string& mode = "constant", const pad_options& options = {}) {
  return ndarray<T>(detail::pad(a.desc(), pad_width, mode, options));
}

}  // namespace cupp
