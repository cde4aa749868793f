// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// NumPy's mathematical routines that are not ufuncs: interp, gradient, cross, trapezoid, unwrap,
// ediff1d, cumulative_sum, cumulative_prod, real_if_close and i0. Each is composed of cupp's
// operations (fused expressions, reductions, scans), evaluated into views of its result; interp
// has a kernel of its own (kernels/cupp/interp.cuh: a binary search per point). The argument
// checks, in NumPy's words, are compiled once in src/math/.
#pragma once

#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/dtype.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/core/promotion.hpp"
#include "cupp/core/runtime_array.hpp"
#include "cupp/expr/ufuncs.hpp"
#include "cupp/routines/creation.hpp"
#include "cupp/routines/indexing.hpp"
#include "cupp/routines/manipulation.hpp"
#include "cupp/routines/rearrange.hpp"
#include "cupp/routines/reduction.hpp"
#include "cupp/routines/sorting.hpp"

namespace cupp {

namespace detail {

// ---- checks and plans (src/math/checks.cpp) ------------------------------------------------------

/// normalize_axis with NumPy's msg_prefix: axis_error "axisa: axis 2 is out of bounds for array
/// of dimension 1".
std::int64_t normalize_axis_named(std::int64_t axis, std::int64_t ndim, const char* name);

/// cumulative_sum's axis: required for ndim > 1 (value_error "For arrays which have more than
/// one dimension ``axis`` argument is required."), 0 when omitted, else normalised (axis_error).
/// `ndim` is that of the array seen as at least 1-D.
std::int64_t cumulative_axis(std::int64_t ndim, std::optional<std::int64_t> axis);

/// Throws type_error "dtype of `to_end` must be compatible with input `ary` under the
/// `same_kind` rule." (`what` names the argument) unless `from` casts to `to` that way.
void check_ediff1d_cast(dtype from, dtype to, const char* what);

/// What cross computes, from the operands' shapes and the axes (NumPy's order of checks):
/// value_error "At least one array has zero dimension", axis_error "axisa: ...", value_error
/// "incompatible dimensions for cross product\n(dimension must be 2 or 3)", broadcast_error,
/// axis_error "axisc: ...".
struct cross_plan {
  std::int64_t axisa, axisb, axisc;  // normalised; axisc only when the result has a vector axis
  std::int64_t na, nb;               // vector lengths, 2 or 3
  shape_t shape;                     // the result's shape with the vector axis last
};
cross_plan plan_cross(const shape_t& a, const shape_t& b, std::int64_t axisa, std::int64_t axisb,
                      std::int64_t axisc);

/// One axis's spacing in gradient: a step, or coordinates (as doubles, each difference rounded
/// to the coordinates' dtype, as NumPy takes them).
struct gradient_axis_spacing {
  bool uniform = true;
  double step = 1.0;
  std::vector<double> diffs;  // coordinate differences, when not uniform
};
/// The axes gradient differentiates (every axis for `axis.all()`; axis_error, value_error
/// "repeated axis"), checked with the spacings given (type_error "invalid number of arguments",
/// value_error "distances must be either scalars or 1d", "when 1d, distances must match the
/// length of the corresponding dimension"), edge_order (value_error "'edge_order' greater than 2
/// not supported") and each axis's length (value_error "Shape of array too small to calculate a
/// numerical gradient, at least (edge_order + 1) elements are required."). `coords[i]` are the
/// i-th spacing's values (one for a step), `coords_ndim[i]` its dimensions.
std::vector<std::int64_t> gradient_axes(const shape_t& shape, const axis_arg& axis,
                                        std::size_t n_spacings,
                                        const std::vector<std::int64_t>& coords_ndim,
                                        const std::vector<std::int64_t>& coords_len, int edge_order);
/// The spacing of one axis from a step or a coordinate array's values (`rounding` the dtype the
/// differences are taken in): uniform when every difference equals the first, as NumPy checks.
gradient_axis_spacing gradient_spacing_of(const std::vector<double>& coords, bool is_step,
                                          dtype rounding);
/// The interior coefficients of a non-uniform axis, for f[:-2], f[1:-1] and f[2:] (NumPy's a, b,
/// c), each of length diffs.size() - 1.
std::vector<std::vector<double>> gradient_interior_coefficients(const std::vector<double>& diffs);
/// The coefficients of the second-order edges of a non-uniform axis: {a, b, c} at the start (for
/// f[0], f[1], f[2]) then at the end (for f[-3], f[-2], f[-1]).
std::vector<double> gradient_edge_coefficients(const gradient_axis_spacing& s);

/// Checks interp's arguments in NumPy's order and words: fp and xp 1-D (value_error "object too
/// deep for desired array", "object of too small depth for desired array"), xp not empty
/// ("array of sample points is empty"), equal lengths ("fp and xp are not of the same length.").
void check_interp(std::int64_t xp_ndim, std::int64_t xp_size, std::int64_t fp_ndim,
                  std::int64_t fp_size);
/// The same with a period: value_error "period must be a non-zero value", "Data points must be
/// 1-D sequences", "fp and xp are not of the same length", then check_interp's.
void check_interp_period(double period, std::int64_t xp_ndim, std::int64_t xp_size,
                         std::int64_t fp_ndim, std::int64_t fp_size);
/// NumPy's interp of x (any real dtype and layout) over sample points xp (float64, 1-D, sorted)
/// with values fp (float64 or complex128, 1-D): one kernel, a binary search per point. left and
/// right default to fp[0] and fp[-1]. The result has x's shape and fp's dtype.
array_desc interp_array(const array_desc& x, const array_desc& xp, const array_desc& fp,
                        const std::optional<std::complex<double>>& left,
                        const std::optional<std::complex<double>>& right);
/// The generated source of interp's kernel for x of dtype `x` and values of dtype `fp`
/// (`cupp_interp_<x>_<fp>`), for tests that compile it.
std::string interp_kernel_source(dtype x, dtype fp);

/// The view of `a` that slices `axis` with `s`.
inline array_desc along(const array_desc& a, std::int64_t axis, const slice& s) {
  return index_view(a, slice_along(a.ndim(), axis, s));
}
template <class T>
ndarray<T> along(const ndarray<T>& a, std::int64_t axis, const slice& s) {
  return ndarray<T>(along(a.desc(), axis, s));
}

/// The dtype gradient and unwrap compute and return: floating and complex dtypes stay, the
/// others give float64.
template <class T>
using inexact_t = std::conditional_t<is_inexact(dtype_of<T>), T, double>;

}  // namespace detail

// ---- cumulative_sum, cumulative_prod, ediff1d ---------------------------------------------------

namespace detail {
template <class R, class T>
ndarray<R> cumulative_of(const ndarray<T>& x, std::optional<std::int64_t> axis, scan_op op,
                         bool include_initial) {
  const ndarray<T> x1 = atleast_1d(x);
  const std::int64_t ax = cumulative_axis(x1.ndim(), axis);
  ndarray<R> scanned = [&] {
    if constexpr (std::is_same_v<R, cumulative_t<T>>)
      return cumulative(x1, ax, op, false);
    else
      return as_dtype<R>(cumulative(as_dtype<R>(x1), ax, op, false));
  }();
  if (!include_initial) return scanned;
  shape_t shape = x1.shape();
  shape[static_cast<std::size_t>(ax)] += 1;
  ndarray<R> out = full<R>(shape, static_cast<R>(op == scan_op::sum ? 0 : 1));
  copy_into(scanned.desc(), along(out.desc(), ax, slice(1, std::nullopt)));
  return out;
}
}  // namespace detail

/// numpy.cumulative_sum (NumPy 2.1, the array API's): the running sums along `axis`, which is
/// required when x has more than one dimension (value_error "For arrays which have more than one
/// dimension ``axis`` argument is required."); a 0-d x is seen as 1-D. include_initial puts the
/// sum of nothing (0) first, so the axis grows by one. The dtype is cumsum's.
template <class T>
ndarray<detail::cumulative_t<T>> cumulative_sum(const ndarray<T>& x,
                                                std::optional<std::int64_t> axis = std::nullopt,
                                                bool include_initial = false) {
  return detail::cumulative_of<detail::cumulative_t<T>>(x, axis, detail::scan_op::sum,
                                                        include_initial);
}
/// numpy.cumulative_sum(x, axis, dtype=D, include_initial).
template <class D, class T>
ndarray<D> cumulative_sum(const ndarray<T>& x, std::optional<std::int64_t> axis = std::nullopt,
                          bool include_initial = false) {
  return detail::cumulative_of<D>(x, axis, detail::scan_op::sum, include_initial);
}
/// numpy.cumulative_prod: running products, as cumulative_sum (the initial value is 1).
template <class T>
ndarray<detail::cumulative_t<T>> cumulative_prod(const ndarray<T>& x,
                                                 std::optional<std::int64_t> axis = std::nullopt,
                                                 bool include_initial = false) {
  return detail::cumulative_of<detail::cumulative_t<T>>(x, axis, detail::scan_op::prod,
                                                        include_initial);
}
/// numpy.cumulative_prod(x, axis, dtype=D, include_initial).
template <class D, class T>
ndarray<D> cumulative_prod(const ndarray<T>& x, std::optional<std::int64_t> axis = std::nullopt,
                           bool include_initial = false) {
  return detail::cumulative_of<D>(x, axis, detail::scan_op::prod, include_initial);
}

/// numpy.ediff1d(ary, to_end, to_begin): the differences of consecutive elements of the
/// flattened array, with the elements of `to_begin` before them and of `to_end` after (both
/// flattened; pass an empty array for NumPy's None). The dtype is ary's; to_end and to_begin
/// must cast to it under same_kind (type_error "dtype of `to_begin` must be compatible with
/// input `ary` under the `same_kind` rule.", to_begin checked first). bool does not compile (NumPy
/// cannot subtract booleans).
template <class T, class E = T, class B = T>
ndarray<T> ediff1d(const ndarray<T>& ary, const std::optional<ndarray<E>>& to_end = std::nullopt,
                   const std::optional<ndarray<B>>& to_begin = std::nullopt) {
  static_assert(!std::is_same_v<T, bool>,
                "ediff1d subtracts, and NumPy does not subtract booleans");
  if (to_begin) detail::check_ediff1d_cast(dtype_of<B>, dtype_of<T>, "to_begin");
  if (to_end) detail::check_ediff1d_cast(dtype_of<E>, dtype_of<T>, "to_end");
  const ndarray<T> flat = ary.ravel();
  const std::int64_t n = flat.size();
  const std::int64_t l_diff = std::max<std::int64_t>(n - 1, 0);
  const std::int64_t l_begin = to_begin ? to_begin->size() : 0;
  const std::int64_t l_end = to_end ? to_end->size() : 0;
  ndarray<T> out({l_begin + l_diff + l_end});
  if (l_begin > 0)
    expr::assign(expr::make_node<expr::op_copy>(to_begin->ravel()),
                 out(slice(0, l_begin)).desc());
  if (l_diff > 0)
    expr::assign(subtract(flat(slice(1, std::nullopt)), flat(slice(std::nullopt, -1))),
                 out(slice(l_begin, l_begin + l_diff)).desc());
  if (l_end > 0)
    expr::assign(expr::make_node<expr::op_copy>(to_end->ravel()),
                 out(slice(l_begin + l_diff, std::nullopt)).desc());
  return out;
}
/// numpy.ediff1d(ary, to_end, to_begin) with arrays for both.
template <class T, class E, class B>
ndarray<T> ediff1d(const ndarray<T>& ary, const ndarray<E>& to_end, const ndarray<B>& to_begin) {
  return ediff1d(ary, std::optional<ndarray<E>>(to_end), std::optional<ndarray<B>>(to_begin));
}
/// numpy.ediff1d(ary, to_end).
template <class T, class E>
ndarray<T> ediff1d(const ndarray<T>& ary, const ndarray<E>& to_end) {
  return ediff1d(ary, std::optional<ndarray<E>>(to_end), std::optional<ndarray<T>>());
}

// ---- trapezoid, unwrap ----------------------------------------------------------------------------

/// numpy.trapezoid(y, dx, axis): the integral along `axis` by the trapezoidal rule with sample
/// spacing dx, sum(dx * (y[1:] + y[:-1]) / 2.0) as one fused reduction. The dtype is that of NumPy's
/// expression (integers give float64; float32 stays). Throws axis_error.
template <class T>
auto trapezoid(const ndarray<T>& y, double dx = 1.0, std::int64_t axis = -1) {
  const std::int64_t ax = normalize_axis(axis, y.ndim());
  const auto hi = detail::along(y, ax, slice(1, std::nullopt));
  const auto lo = detail::along(y, ax, slice(std::nullopt, -1));
  return sum(true_divide(multiply(dx, add(hi, lo)), 2.0), ax);
}
/// numpy.trapezoid(y, x, axis): with sample points x, 1-D (of y's length along the axis) or of
/// y's shape; the spacing is diff(x). Throws broadcast_error when x does not fit y.
template <class T, class X>
auto trapezoid(const ndarray<T>& y, const ndarray<X>& x, std::int64_t axis = -1) {
  const std::int64_t ax = normalize_axis(axis, y.ndim());
  ndarray<X> d = x.ndim() == 1 ? diff(x) : diff(x, 1, axis);
  if (x.ndim() == 1) {
    shape_t shape(static_cast<std::size_t>(y.ndim()), 1);
    shape[static_cast<std::size_t>(ax)] = d.shape(0);
    d = d.reshape(shape);
  }
  const auto hi = detail::along(y, ax, slice(1, std::nullopt));
  const auto lo = detail::along(y, ax, slice(std::nullopt, -1));
  return sum(true_divide(multiply(d, add(hi, lo)), 2.0), ax);
}

/// numpy.unwrap(p, discont, axis, period): unwraps p along `axis` by replacing each difference
/// between neighbours larger than max(discont, period / 2) by its complement modulo period
/// (discont defaults to period / 2). Floating dtypes stay, integers give float64 (with a period
/// given as a double, as NumPy's default 2 pi). Complex and bool do not compile. Throws
/// value_error "diff requires input that is at least one dimensional" and axis_error.
template <class T>
ndarray<detail::inexact_t<T>> unwrap(const ndarray<T>& p,
                                     std::optional<double> discont = std::nullopt,
                                     std::int64_t axis = -1, double period = 6.283185307179586) {
  static_assert(!is_complex(dtype_of<T>) && !std::is_same_v<T, bool>,
                "unwrap needs real numbers");
  using R = detail::inexact_t<T>;
  const ndarray<R> pr = detail::as_dtype<R>(p);
  const ndarray<R> dd = diff(pr, 1, axis);
  const std::int64_t ax = normalize_axis(axis, p.ndim());
  const double high = period / 2, low = -high;
  const double disc = discont ? *discont : period / 2;
  const auto ddmod = add(mod(subtract(dd, low), period), low);
  const auto boundary = where(logical_and(equal(ddmod, low), greater(dd, 0)), high, ddmod);
  const ndarray<R> correct = where(less(absolute(dd), disc), 0, subtract(boundary, dd));
  ndarray<R> up = pr.copy();
  const ndarray<R> total = cumsum(correct, ax);
  expr::assign(add(detail::along(pr, ax, slice(1, std::nullopt)), total),
               detail::along(up.desc(), ax, slice(1, std::nullopt)));
  return up;
}

// ---- cross ----------------------------------------------------------------------------------------

/// The dtype of cross(a, b): NumPy's promote_types.
template <class A, class B>
using cross_t = type_of_t<promote_types(dtype_of<A>, dtype_of<B>)>;

/// numpy.cross(a, b, axisa, axisb, axisc, axis): the cross product of vectors of length 2 or 3
/// along axisa of a and axisb of b (the last by default), broadcast over the other axes; `axis`,
/// when given, sets all three. Two 2-vectors give the z component alone (no vector axis); with a
/// 3-vector the result's vectors lie along axisc. A 2-vector counts as (x, y, 0); NumPy 2
/// deprecates 2-vectors with a warning and still computes them, as here. Each component is one
/// fused kernel. Errors as NumPy's (detail::plan_cross). bool does not compile.
template <class A, class B>
ndarray<cross_t<A, B>> cross(const ndarray<A>& a, const ndarray<B>& b, std::int64_t axisa = -1,
                             std::int64_t axisb = -1, std::int64_t axisc = -1,
                             std::optional<std::int64_t> axis = std::nullopt) {
  static_assert(!std::is_same_v<cross_t<A, B>, bool>,
                "cross subtracts, and NumPy does not subtract booleans");
  using R = cross_t<A, B>;
  if (axis) axisa = axisb = axisc = *axis;
  const detail::cross_plan p = detail::plan_cross(a.shape(), b.shape(), axisa, axisb, axisc);
  const ndarray<A> va = moveaxis(a, p.axisa, -1);
  const ndarray<B> vb = moveaxis(b, p.axisb, -1);
  auto ca = [&](std::int64_t k) { return va(ellipsis, k); };
  auto cb = [&](std::int64_t k) { return vb(ellipsis, k); };
  ndarray<R> cp(p.shape);
  if (p.na == 2 && p.nb == 2) {
    expr::assign(subtract(multiply(ca(0), cb(1)), multiply(ca(1), cb(0))), cp.desc());
    return cp;
  }
  auto out = [&](std::int64_t k) { return cp(ellipsis, k).desc(); };
  if (p.na == 3 && p.nb == 3) {
    expr::assign(subtract(multiply(ca(1), cb(2)), multiply(ca(2), cb(1))), out(0));
    expr::assign(subtract(multiply(ca(2), cb(0)), multiply(ca(0), cb(2))), out(1));
  } else if (p.na == 2) {  // a = (a0, a1, 0)
    expr::assign(multiply(ca(1), cb(2)), out(0));
    expr::assign(negative(multiply(ca(0), cb(2))), out(1));
  } else {  // b = (b0, b1, 0)
    expr::assign(negative(multiply(ca(2), cb(1))), out(0));
    expr::assign(multiply(ca(2), cb(0)), out(1));
  }
  expr::assign(subtract(multiply(ca(0), cb(1)), multiply(ca(1), cb(0))), out(2));
  return moveaxis(cp, -1, p.axisc);
}

// ---- gradient --------------------------------------------------------------------------------------

/// The spacing of one axis in gradient: a step (a number) or the coordinates of the samples (a
/// 1-D array of the axis's length, read to the host; or a host vector).
class gradient_spacing {
 public:
  /// A uniform step, as NumPy's scalar varargs.
  template <class S, std::enable_if_t<std::is_arithmetic_v<S>, int> = 0>
  gradient_spacing(S step)  // NOLINT: implicit, as NumPy's scalar spacing
      : values_{static_cast<double>(step)}, ndim_(0), rounding_(dtype::float64) {}
  /// Coordinates, as NumPy's array varargs (integers are taken as float64; the differences are
  /// taken in the array's floating dtype).
  template <class S>
  gradient_spacing(const ndarray<S>& coords)  // NOLINT: implicit, as NumPy's array spacing
      : ndim_(coords.ndim()),
        rounding_(is_floating(dtype_of<S>) ? dtype_of<S> : dtype::float64) {
    static_assert(!is_complex(dtype_of<S>), "gradient's coordinates must be real");
    for (const S& v : coords.get()) values_.push_back(static_cast<double>(v));
  }
  /// Coordinates from the host.
  gradient_spacing(std::vector<double> coords)  // NOLINT
      : values_(std::move(coords)), ndim_(1), rounding_(dtype::float64) {}

  const std::vector<double>& values() const noexcept { return values_; }
  std::int64_t ndim() const noexcept { return ndim_; }
  dtype rounding() const noexcept { return rounding_; }

 private:
  std::vector<double> values_;
  std::int64_t ndim_;
  dtype rounding_;
};

namespace detail {
template <class O, class F>
void gradient_along(const ndarray<F>& f, const ndarray<O>& out, std::int64_t ax,
                    const gradient_axis_spacing& s, int edge_order) {
  auto fs = [&](std::optional<std::int64_t> lo, std::optional<std::int64_t> hi) {
    return along(f, ax, slice(lo, hi));
  };
  auto os = [&](std::optional<std::int64_t> lo, std::optional<std::int64_t> hi) {
    return along(out.desc(), ax, slice(lo, hi));
  };
  if (s.uniform) {
    const double h = s.step;
    expr::assign(true_divide(subtract(fs(2, std::nullopt), fs(std::nullopt, -2)), 2.0 * h),
                 os(1, -1));
    if (edge_order == 1) {
      expr::assign(true_divide(subtract(fs(1, 2), fs(0, 1)), h), os(0, 1));
      expr::assign(true_divide(subtract(fs(-1, std::nullopt), fs(-2, -1)), h),
                   os(-1, std::nullopt));
    } else {
      expr::assign(add(add(multiply(-1.5 / h, fs(0, 1)), multiply(2. / h, fs(1, 2))),
                       multiply(-0.5 / h, fs(2, 3))),
                   os(0, 1));
      expr::assign(add(add(multiply(0.5 / h, fs(-3, -2)), multiply(-2. / h, fs(-2, -1))),
                       multiply(1.5 / h, fs(-1, std::nullopt))),
                   os(-1, std::nullopt));
    }
    return;
  }
  const auto coef = gradient_interior_coefficients(s.diffs);
  shape_t shape(static_cast<std::size_t>(f.ndim()), 1);
  shape[static_cast<std::size_t>(ax)] = static_cast<std::int64_t>(coef[0].size());
  const ndarray<double> a = asarray(coef[0], shape), b = asarray(coef[1], shape),
                        c = asarray(coef[2], shape);
  expr::assign(add(add(multiply(a, fs(std::nullopt, -2)), multiply(b, fs(1, -1))),
                   multiply(c, fs(2, std::nullopt))),
               os(1, -1));
  if (edge_order == 1) {
    expr::assign(true_divide(subtract(fs(1, 2), fs(0, 1)), s.diffs.front()), os(0, 1));
    expr::assign(true_divide(subtract(fs(-1, std::nullopt), fs(-2, -1)), s.diffs.back()),
                 os(-1, std::nullopt));
  } else {
    const std::vector<double> e = gradient_edge_coefficients(s);
    expr::assign(
        add(add(multiply(e[0], fs(0, 1)), multiply(e[1], fs(1, 2))), multiply(e[2], fs(2, 3))),
        os(0, 1));
    expr::assign(add(add(multiply(e[3], fs(-3, -2)), multiply(e[4], fs(-2, -1))),
                     multiply(e[5], fs(-1, std::nullopt))),
                 os(-1, std::nullopt));
  }
}
}  // namespace detail

/// numpy.gradient(f, *varargs, axis, edge_order): the gradient of f by second-order central
/// differences inside and first- or second-order (edge_order 1 or 2) one-sided differences at
/// the ends, one array per differentiated axis (every axis by default), always as a vector (NumPy
/// returns a bare array for one axis). `spacing` is empty (step 1), one step for every axis, or
/// one step or coordinate array per axis. Floating and complex dtypes stay; integers give
/// float64; bool does not compile (NumPy cannot subtract booleans). Errors as NumPy's
/// (detail::gradient_axes).
template <class T>
std::vector<ndarray<detail::inexact_t<T>>> gradient(
    const ndarray<T>& f, const std::vector<gradient_spacing>& spacing = {},
    const axis_arg& axis = {}, int edge_order = 1) {
  static_assert(!std::is_same_v<T, bool>, "gradient subtracts, and NumPy does not subtract booleans");
  using O = detail::inexact_t<T>;
  std::vector<std::int64_t> nd, len;
  for (const gradient_spacing& s : spacing) {
    nd.push_back(s.ndim());
    len.push_back(static_cast<std::int64_t>(s.values().size()));
  }
  const std::vector<std::int64_t> axes =
      detail::gradient_axes(f.shape(), axis, spacing.size(), nd, len, edge_order);
  std::vector<ndarray<O>> outs;
  if (axes.empty()) return outs;
  const ndarray<O> fo = detail::as_dtype<O>(f);
  for (std::size_t i = 0; i < axes.size(); ++i) {
    const detail::gradient_axis_spacing s =
        spacing.empty() ? detail::gradient_axis_spacing{}
        : spacing.size() == 1 && spacing[0].ndim() == 0
            ? detail::gradient_spacing_of(spacing[0].values(), true, dtype::float64)
            : detail::gradient_spacing_of(spacing[i].values(), spacing[i].ndim() == 0,
                                          spacing[i].rounding());
    ndarray<O> out(f.shape());
    detail::gradient_along(fo, out, axes[i], s, edge_order);
    outs.push_back(out);
  }
  return outs;
}

// ---- interp ----------------------------------------------------------------------------------------

/// The dtype of interp: complex128 for complex fp, float64 otherwise (NumPy computes in double).
template <class F>
using interp_t = std::conditional_t<is_complex(dtype_of<F>), std::complex<double>, double>;

/// numpy.interp(x, xp, fp, left, right, period): the piecewise-linear interpolant through the
/// points (xp, fp) at each x: xp increasing (not checked, as NumPy), fp real or complex; left
/// and right (default fp[0] and fp[-1]) for x below and above xp. With a period, x and xp are
/// taken modulo it (xp need not be sorted; left and right are ignored). One kernel, a binary
/// search per point, reading x in its own dtype. The result has x's shape and dtype float64, or
/// complex128 for complex fp. Errors as NumPy's (detail::check_interp, check_interp_period).
template <class X, class XP, class F>
ndarray<interp_t<F>> interp(const ndarray<X>& x, const ndarray<XP>& xp, const ndarray<F>& fp,
                            std::optional<interp_t<F>> left = std::nullopt,
                            std::optional<interp_t<F>> right = std::nullopt,
                            std::optional<double> period = std::nullopt) {
  static_assert(!is_complex(dtype_of<X>) && !is_complex(dtype_of<XP>),
                "interp's x and xp must be real (NumPy: float() argument must be a real number)");
  using V = std::conditional_t<is_complex(dtype_of<F>), std::complex<double>, double>;
  const auto opt = [](const std::optional<interp_t<F>>& v) {
    return v ? std::optional<std::complex<double>>(std::complex<double>(*v)) : std::nullopt;
  };
  if (!period) {
    detail::check_interp(xp.ndim(), xp.size(), fp.ndim(), fp.size());
    return ndarray<interp_t<F>>(detail::interp_array(x.desc(), detail::as_dtype<double>(xp).desc(),
                                                     detail::as_dtype<V>(fp).desc(), opt(left),
                                                     opt(right)));
  }
  detail::check_interp_period(*period, xp.ndim(), xp.size(), fp.ndim(), fp.size());
  const double per = std::fabs(*period);
  const ndarray<double> xm = mod(detail::as_dtype<double>(x), per);
  const ndarray<double> xpm = mod(detail::as_dtype<double>(xp), per);
  const ndarray<std::int64_t> order = argsort(xpm);
  const ndarray<double> xs = take(xpm, order);
  const ndarray<V> fs = take(detail::as_dtype<V>(fp), order);
  const std::int64_t n = xs.size();
  const ndarray<double> xe = concatenate(
      {ndarray<double>(subtract(xs(slice(n - 1, n)), per)), xs, ndarray<double>(add(xs(slice(0, 1)), per))});
  const ndarray<V> fe = concatenate({ndarray<V>(fs(slice(n - 1, n))), fs, ndarray<V>(fs(slice(0, 1)))});
  return ndarray<interp_t<F>>(
      detail::interp_array(xm.desc(), xe.desc(), fe.desc(), std::nullopt, std::nullopt));
}

// ---- real_if_close, i0 ---------------------------------------------------------------------------

/// numpy.real_if_close(a, tol): for complex `a` whose imaginary parts are all below tol (in
/// machine epsilons of a's dtype when tol > 1, else absolute), its real part; otherwise `a`. The
/// dtype depends on the values, so the result is run-time typed (cupp::array); one reduction and
/// one synchronisation for complex a, none for real a.
template <class T>
array real_if_close(const ndarray<T>& a, double tol = 100) {
  if constexpr (!is_complex(dtype_of<T>)) {
    return array(a);
  } else {
    using R = typename T::value_type;
    if (tol > 1) tol = static_cast<double>(std::numeric_limits<R>::epsilon()) * tol;
    if (all(less(absolute(imag(a)), tol)).item()) return array(ndarray<R>(real(a)));
    return array(a);
  }
}

/// numpy.i0: the modified Bessel function of the first kind of order 0, as
/// cupp::scipy::special::i0 computes it (a lazy expression; integers and bool give float64,
/// float32 stays). float16 and bfloat16 keep their dtype, as NumPy's float16 does (evaluated:
/// computed in float64 and rounded). Complex does not compile (NumPy: "i0 not supported for
/// complex values").
template <class X, std::enable_if_t<expr::is_operand_v<X>, int> = 0>
auto i0(const X& x) {
  constexpr dtype d = expr::operand<X>::dt;
  static_assert(!is_complex(d), "i0 not supported for complex values");
  if constexpr (d == dtype::float16 || d == dtype::bfloat16)
    return expr::make_node<expr::op_special_i0>(x).eval().template astype<type_of_t<d>>();
  else
    return expr::make_node<expr::op_special_i0>(x);
}

namespace linalg {

/// numpy.linalg.cross(x1, x2, axis=-1): the cross product of 3-element vectors along `axis` of
/// both (NumPy 2's array-API form of cupp::cross, without 2-vectors). Throws value_error "Both
/// input arrays must be (arrays of) 3-dimensional vectors, but they are 2 and 3 dimensional
/// instead." and index_error "tuple index out of range" for an axis beyond either shape.
template <class A, class B>
ndarray<cross_t<A, B>> cross(const ndarray<A>& x1, const ndarray<B>& x2, std::int64_t axis = -1) {
  const auto length = [axis](const shape_t& s) {
    const auto n = static_cast<std::int64_t>(s.size());
    const std::int64_t k = axis < 0 ? axis + n : axis;
    if (k < 0 || k >= n) throw index_error("tuple index out of range");
    return s[static_cast<std::size_t>(k)];
  };
  const std::int64_t n1 = length(x1.shape()), n2 = length(x2.shape());
  if (n1 != 3 || n2 != 3)
    throw value_error(
        "Both input arrays must be (arrays of) 3-dimensional vectors, but they are " +
        std::to_string(n1) + " and " + std::to_string(n2) + " dimensional instead.");
  return cupp::cross(x1, x2, axis, axis, axis);
}

}  // namespace linalg

}  // namespace cupp
