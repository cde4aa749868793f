// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The host side of cupp::fft: NumPy's argument rules and messages (numpy.fft._pocketfft's
// _raw_fft and _cook_nd_args), the normalisation factors, the frequency helpers and the
// shifts of fftshift. Nothing here touches the GPU.
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/fft.hpp"

namespace cupp::fft::detail {

namespace {

void check_points(std::int64_t n) {
  CUPP_EXPECTS(n >= 1, value_error,
               "Invalid number of FFT data points (" + std::to_string(n) + ") specified.");
}

std::int64_t input_axis_length(const shape_t& shape, std::int64_t axis) {
  return shape[static_cast<std::size_t>(axis)];
}

}  // namespace

double norm_scale(const std::string& norm, bool forward, double count, bool inverse_api) {
  // NumPy's forward functions spell the message without a space after the first comma, its
  // inverse ones (through _swap_direction) with one.
  const std::string message =
      "Invalid norm value " + norm + "; should be \"backward\"," + (inverse_api ? " " : "") +
      "\"ortho\" or \"forward\".";
  if (norm == "ortho") return 1.0 / std::sqrt(count);
  if (norm == "backward") return forward ? 1.0 : 1.0 / count;
  if (norm == "forward") return forward ? 1.0 / count : 1.0;
  throw value_error(message);
}

plan_args resolve_1d(const shape_t& shape, std::optional<std::int64_t> n, std::int64_t axis,
                     kind k, bool forward, const std::string& norm, bool inverse_api) {
  const auto ndim = static_cast<std::int64_t>(shape.size());
  const std::int64_t ax = normalize_axis(axis, ndim);
  const std::int64_t len = input_axis_length(shape, ax);
  const std::int64_t points = n ? *n : (k == kind::c2r ? 2 * (len - 1) : len);
  check_points(points);
  plan_args args;
  args.axes = {ax};
  args.n = {points};
  args.k = k;
  args.forward = forward;
  args.scale = norm_scale(norm, forward, static_cast<double>(points), inverse_api);
  args.conjugate = k == kind::r2c && !forward;  // ihfft
  args.out_shape = shape;
  args.out_shape[static_cast<std::size_t>(ax)] = k == kind::r2c ? points / 2 + 1 : points;
  return args;
}

plan_args resolve_nd(const shape_t& shape, const shape_arg& s, const axis_arg& axes, kind k,
                     bool forward, const std::string& norm) {
  const auto ndim = static_cast<std::int64_t>(shape.size());
  std::vector<std::int64_t> ax;
  if (!axes.all()) {
    ax = axes.axes();
  } else if (s.given()) {
    for (std::int64_t i = -static_cast<std::int64_t>(s.lengths().size()); i < 0; ++i)
      ax.push_back(i);
  } else {
    for (std::int64_t i = 0; i < ndim; ++i) ax.push_back(i);
  }
  if (s.given()) {
    CUPP_EXPECTS(s.lengths().size() == ax.size(), value_error,
                 "Shape and axes have different lengths.");
  }
  for (auto& a : ax) a = normalize_axis(a, ndim);
  if (k != kind::c2c) {
    // NumPy 2 fails with "list index out of range" here; the type is the same.
    CUPP_EXPECTS(!ax.empty(), index_error,
                 "a real-input or real-output transform needs at least one axis (axes is empty)");
  }
  shape_t n;
  for (std::size_t i = 0; i < ax.size(); ++i) {
    const std::int64_t len = input_axis_length(shape, ax[i]);
    std::int64_t v = s.given() ? s.lengths()[i] : len;
    if (v == -1) v = len;  // NumPy 2: -1 is the input's length
    n.push_back(v);
  }
  if (k == kind::c2r && !s.given()) n.back() = 2 * (input_axis_length(shape, ax.back()) - 1);

  // The checks in the order NumPy's 1-D calls make them.
  const std::size_t count = ax.size();
  if (k == kind::c2r) {
    for (std::size_t i = 0; i < count; ++i) check_points(n[i]);
  } else {
    for (std::size_t i = count; i-- > 0;) check_points(n[i]);
  }
  double total = 1.0;
  for (const auto v : n) total *= static_cast<double>(v);

  plan_args args;
  args.k = k;
  args.forward = forward;
  args.scale = norm_scale(norm, forward, total, !forward);
  args.out_shape = shape;
  auto set = [&](std::size_t i, std::int64_t v) {
    args.out_shape[static_cast<std::size_t>(ax[i])] = v;
  };
  if (k == kind::c2c) {
    for (std::size_t i = count; i-- > 0;) set(i, n[i]);
  } else if (k == kind::r2c) {
    set(count - 1, n[count - 1] / 2 + 1);
    for (std::size_t i = count - 1; i-- > 0;) set(i, n[i]);
  } else {
    for (std::size_t i = 0; i + 1 < count; ++i) set(i, n[i]);
    set(count - 1, n[count - 1]);
  }
  args.axes = std::move(ax);
  args.n = std::move(n);
  return args;
}

void throw_complex_input(std::int64_t n) {
  throw type_error(std::string("ufunc 'rfft_n_") + (n % 2 == 0 ? "even" : "odd") +
                   "' not supported for the input types, and the inputs could not be safely "
                   "coerced to any supported types according to the casting rule ''safe''");
}

std::vector<double> fftfreq_values(std::int64_t n, double d) {
  const double nd = static_cast<double>(n) * d;
  CUPP_EXPECTS(nd != 0.0, value_error, "float division by zero");
  CUPP_EXPECTS(n >= 0, value_error, "negative dimensions are not allowed");
  const double val = 1.0 / nd;
  std::vector<double> out(static_cast<std::size_t>(n));
  const std::int64_t positive = (n - 1) / 2 + 1;
  for (std::int64_t i = 0; i < positive; ++i) out[static_cast<std::size_t>(i)] = static_cast<double>(i) * val;
  for (std::int64_t i = positive; i < n; ++i)
    out[static_cast<std::size_t>(i)] = static_cast<double>(i - n) * val;
  return out;
}

std::vector<double> rfftfreq_values(std::int64_t n, double d) {
  const double nd = static_cast<double>(n) * d;
  CUPP_EXPECTS(nd != 0.0, value_error, "float division by zero");
  const double val = 1.0 / nd;
  // Python's floor division, as NumPy's n // 2 + 1 (empty for n < -1).
  const std::int64_t half = n >= 0 ? n / 2 : -((-n + 1) / 2);
  const std::int64_t count = std::max<std::int64_t>(half + 1, 0);
  std::vector<double> out(static_cast<std::size_t>(count));
  for (std::int64_t i = 0; i < count; ++i) out[static_cast<std::size_t>(i)] = static_cast<double>(i) * val;
  return out;
}

std::pair<std::vector<std::int64_t>, std::vector<std::int64_t>> shift_args(const shape_t& shape,
                                                                           const axis_arg& axes,
                                                                           bool inverse) {
  const auto ndim = static_cast<std::int64_t>(shape.size());
  std::vector<std::int64_t> ax;
  if (axes.all()) {
    for (std::int64_t i = 0; i < ndim; ++i) ax.push_back(i);
  } else {
    for (const auto a : axes.axes()) ax.push_back(normalize_axis(a, ndim));
  }
  std::vector<std::int64_t> shifts;
  for (const auto a : ax) {
    const std::int64_t half = shape[static_cast<std::size_t>(a)] / 2;
    shifts.push_back(inverse ? -half : half);
  }
  return {std::move(shifts), std::move(ax)};
}

}  // namespace cupp::fft::detail
