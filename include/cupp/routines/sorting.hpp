// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Sorting (sort, argsort), cumulative sums and products (cumsum, cumprod, nancumsum, nancumprod)
// and diff. The sorts and scans run on CUB, built once into the library (kernels/*.cu); the
// templates here only pick dtypes and layouts.
#pragma once

#include <complex>
#include <cstdint>
#include <optional>
#include <type_traits>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/dtype.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/core/promotion.hpp"
#include "cupp/expr/ufuncs.hpp"
#include "cupp/routines/reduction.hpp"

namespace cupp {

namespace detail {

/// The sorted copy (or, with `indices`, the int64 argsort) of `a` along `axis`; nullopt sorts the
/// flattened array. Throws axis_error as NumPy does (a 0-d array has no axis to sort along, but
/// argsort sees it as 1-D).
array_desc sort_array(const array_desc& a, std::optional<std::int64_t> axis, bool indices);

/// The dtype NumPy's cumsum and cumprod give: sum's (bool and signed integers int64, unsigned
/// integers uint64, every other dtype itself).
template <class T>
using cumulative_t = type_of_t<expr::sum_dtype(dtype_of<T>)>;

/// The dtype a scan computes in: float16 and bfloat16 accumulate in float32, rounding only the
/// results, as the elementwise engine computes them.
template <class T>
using scan_compute_t = type_of_t<expr::compute_dtype(expr::sum_dtype(dtype_of<T>))>;

enum class scan_op : std::uint8_t { sum, prod };

/// The view of `a` that a scan along `axis` works on: the axis moved last, or for nullopt the
/// flattened array (a 0-d array is seen as 1-D, as NumPy does). Throws axis_error.
array_desc scan_operand(const array_desc& a, std::optional<std::int64_t> axis);
/// Inclusive scans of the rows (the last axis) of `in` into `out`: C-contiguous, one shape, one
/// dtype (int64, uint64, float32, float64, complex64 or complex128); `out` may be `in`.
void scan_rows(const array_desc& in, const array_desc& out, scan_op op);
/// A new C-contiguous array of the scan result `r` (of scan_operand's layout) in `a`'s layout.
array_desc scan_result(const array_desc& r, const array_desc& a, std::optional<std::int64_t> axis);

template <class T>
ndarray<cumulative_t<T>> cumulative(const ndarray<T>& a, std::optional<std::int64_t> axis,
                                    scan_op op, bool skip_nan) {
  using R = cumulative_t<T>;
  using C = scan_compute_t<T>;
  const ndarray<T> operand(scan_operand(a.desc(), axis));
  ndarray<C> work(operand.shape());
  bool scanned = false;
  if constexpr (is_inexact(dtype_of<T>)) {
    if (skip_nan) {  // NumPy's nancumsum and nancumprod: NaNs count as 0 and 1
      expr::assign(where(isnan(operand), op == scan_op::sum ? 0 : 1, operand), work.desc());
      scan_rows(work.desc(), work.desc(), op);
      scanned = true;
    }
  }
  if constexpr (std::is_same_v<T, C>) {
    if (!scanned && operand.is_c_contiguous()) {  // no copy: the scan reads the input itself
      scan_rows(operand.desc(), work.desc(), op);
      scanned = true;
    }
  }
  if (!scanned) {
    expr::assign(expr::make_node<expr::op_copy>(operand), work.desc());
    scan_rows(work.desc(), work.desc(), op);
  }
  if constexpr (std::is_same_v<R, C>)
    return ndarray<R>(scan_result(work.desc(), a.desc(), axis));
  else
    return ndarray<R>(scan_result(work.template astype<R>().desc(), a.desc(), axis));
}

/// `a` with `axis` moved last, C-contiguous (a copy only when it is not already): the rows that
/// sorts and scans work on (Note [Sort along an axis] in src/sort/sorting.cpp).
array_desc rows_along(const array_desc& a, std::int64_t axis);
/// `r`, whose last axis is `axis` of the result, as a C-contiguous array in the result's layout:
/// `r` itself when `axis` is the last, else a new array.
array_desc move_axis_back(const array_desc& r, std::int64_t axis);

/// The index of a basic index that slices `axis` of an n-dimensional array with `s`.
std::vector<index_item> slice_along(std::int64_t ndim, std::int64_t axis, const slice& s);
/// diff's argument checks, in NumPy's words; returns the normalised axis.
std::int64_t check_diff(std::int64_t ndim, std::int64_t n, std::int64_t axis);

}  // namespace detail

/// numpy.sort: a sorted copy of `a` along `axis` (the last by default; std::nullopt sorts the
/// flattened array). Stable, with NumPy's order: NaNs last (which NaN bit pattern lands where
/// among them is unspecified), -0.0 equal to 0.0 (both keep their order), complex numbers by real
/// part, then imaginary part, those holding a NaN last. Any axis
/// of any layout; the result is C-contiguous. Throws axis_error "axis 2 is out of bounds for
/// array of dimension 2", which a 0-d array gives for any axis but nullopt, as in NumPy.
template <class T>
ndarray<T> sort(const ndarray<T>& a, std::optional<std::int64_t> axis = -1) {
  return ndarray<T>(detail::sort_array(a.desc(), axis, false));
}

/// numpy.argsort (kind="stable"): the int64 indices that sort `a` along `axis`, each the position
/// of the element within its slice along the axis; std::nullopt gives indices into the flattened
/// array. As NumPy, a 0-d array is treated as 1-D (argsort of it is [0]).
template <class T>
ndarray<std::int64_t> argsort(const ndarray<T>& a, std::optional<std::int64_t> axis = -1) {
  return ndarray<std::int64_t>(detail::sort_array(a.desc(), axis, true));
}

/// numpy.cumsum: cumulative sums along `axis`, or of the flattened array for std::nullopt (the
/// default, as NumPy's axis=None). The dtype is NumPy's: int64 for bool and signed integers,
/// uint64 for unsigned ones, else `a`'s own (float16 and bfloat16 are summed in float32).
template <class T>
ndarray<detail::cumulative_t<T>> cumsum(const ndarray<T>& a,
                                        std::optional<std::int64_t> axis = std::nullopt) {
  return detail::cumulative(a, axis, detail::scan_op::sum, false);
}
/// numpy.cumprod: cumulative products; axis and dtype as cumsum.
template <class T>
ndarray<detail::cumulative_t<T>> cumprod(const ndarray<T>& a,
                                         std::optional<std::int64_t> axis = std::nullopt) {
  return detail::cumulative(a, axis, detail::scan_op::prod, false);
}
/// numpy.nancumsum: cumsum with NaNs counted as zero (a complex number with a NaN part too).
template <class T>
ndarray<detail::cumulative_t<T>> nancumsum(const ndarray<T>& a,
                                           std::optional<std::int64_t> axis = std::nullopt) {
  return detail::cumulative(a, axis, detail::scan_op::sum, true);
}
/// numpy.nancumprod: cumprod with NaNs counted as one.
template <class T>
ndarray<detail::cumulative_t<T>> nancumprod(const ndarray<T>& a,
                                            std::optional<std::int64_t> axis = std::nullopt) {
  return detail::cumulative(a, axis, detail::scan_op::prod, true);
}

/// numpy.diff: the n-th discrete difference along `axis`, a[1:] - a[:-1] applied n times (for
/// bool, a[1:] != a[:-1], as NumPy). The dtype is `a`'s; n = 0 returns `a`; n at least the length
/// of the axis gives an empty axis. Throws value_error "diff requires input that is at least one
/// dimensional" for a 0-d array, "order must be non-negative but got -1" for n < 0, and
/// axis_error.
template <class T>
ndarray<T> diff(const ndarray<T>& a, std::int64_t n = 1, std::int64_t axis = -1) {
  const std::int64_t ax = detail::check_diff(a.ndim(), n, axis);
  const auto upper = detail::slice_along(a.ndim(), ax, slice(1, std::nullopt));
  const auto lower = detail::slice_along(a.ndim(), ax, slice(std::nullopt, -1));
  ndarray<T> out = a;
  for (std::int64_t k = 0; k < n; ++k) {
    const ndarray<T> hi(detail::index_view(out.desc(), upper));
    const ndarray<T> lo(detail::index_view(out.desc(), lower));
    if constexpr (std::is_same_v<T, bool>)
      out = not_equal(hi, lo);
    else
      out = subtract(hi, lo);
  }
  return out;
}

/// numpy.msort (removed from NumPy 2.0, kept by CuPy): sort(a, axis=0), a sorted copy along the
/// first axis. Throws axis_error for a 0-d array, as sort with axis 0.
template <class T>
ndarray<T> msort(const ndarray<T>& a) {
  return sort(a, 0);
}

namespace detail {
/// numpy.sort_complex's dtype: complex keeps its own; int8, uint8, int16 and uint16 give
/// complex64; every other real dtype complex128.
template <class T>
using sort_complex_t = std::conditional_t<
    is_complex(dtype_of<T>), T,
    std::conditional_t<std::is_same_v<T, std::int8_t> || std::is_same_v<T, std::uint8_t> ||
                           std::is_same_v<T, std::int16_t> || std::is_same_v<T, std::uint16_t>,
                       std::complex<float>, std::complex<double>>>;
}  // namespace detail

/// numpy.sort_complex: a copy sorted along the last axis by real part, then imaginary part (nan
/// last, as sort), as complex numbers: complex dtypes keep theirs, int8, uint8, int16 and uint16
/// give complex64, other real dtypes (and bool) complex128, as NumPy.
template <class T>
ndarray<detail::sort_complex_t<T>> sort_complex(const ndarray<T>& a) {
  using C = detail::sort_complex_t<T>;
  if constexpr (is_complex(dtype_of<T>))
    return sort(a, -1);
  else
    return sort(a, -1).template astype<C>();
}

}  // namespace cupp
