// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Reductions and the statistics built on them. Each takes an array or any elementwise
// expression, which is fused into the reduction's kernel: sum(a * b) reads a and b once and
// writes no temporary.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/ndarray.hpp"
#include "cupp/expr/reduce_engine.hpp"
#include "cupp/expr/ufuncs.hpp"

namespace cupp {

namespace expr {

/// The reduced axes of an ndim-dimensional operand: sorted, in range, without repeats. Throws
/// axis_error ("axis 2 is out of bounds for array of dimension 2") and value_error ("duplicate
/// value in 'axis'") as NumPy does.
std::vector<int> reduce_axes(const axis_arg& axis, std::int64_t ndim);
/// The shape without the reduced axes, and the shape with them kept as 1.
std::pair<shape_t, shape_t> reduced_shapes(const shape_t& shape, const std::vector<int>& axes);
[[noreturn]] void throw_all_nan();

// The reductions, as the engine knows them: the name (for kernel names), the device operation
// (a template over the accumulator type where `typed`), and NumPy's message for a reduction
// over zero elements where the operation has no identity.
#define CUPP_REDUCTION_OP(tag, name_, device_, typed_, no_identity_) \
  struct tag {                                                        \
    static constexpr const char* name = name_;                        \
    static constexpr const char* device = device_;                    \
    static constexpr bool typed = typed_;                             \
    static constexpr const char* no_identity = no_identity_;          \
  };
CUPP_REDUCTION_OP(red_sum, "sum", "cupp::red::sum", true, nullptr)
CUPP_REDUCTION_OP(red_nansum, "nansum", "cupp::red::nansum", true, nullptr)
CUPP_REDUCTION_OP(red_prod, "prod", "cupp::red::prod", true, nullptr)
CUPP_REDUCTION_OP(red_nanprod, "nanprod", "cupp::red::nanprod", true, nullptr)
CUPP_REDUCTION_OP(red_mean, "mean", "cupp::red::mean", true, nullptr)
CUPP_REDUCTION_OP(red_nanmean, "nanmean", "cupp::red::nanmean", true, nullptr)
CUPP_REDUCTION_OP(red_max, "max", "cupp::red::max", true,
                  "zero-size array to reduction operation maximum which has no identity")
CUPP_REDUCTION_OP(red_min, "min", "cupp::red::min", true,
                  "zero-size array to reduction operation minimum which has no identity")
CUPP_REDUCTION_OP(red_nanmax, "nanmax", "cupp::red::nanmax", true,
                  "zero-size array to reduction operation fmax which has no identity")
CUPP_REDUCTION_OP(red_nanmin, "nanmin", "cupp::red::nanmin", true,
                  "zero-size array to reduction operation fmin which has no identity")
CUPP_REDUCTION_OP(red_argmax, "argmax", "cupp::red::argmax", true,
                  "attempt to get argmax of an empty sequence")
CUPP_REDUCTION_OP(red_argmin, "argmin", "cupp::red::argmin", true,
                  "attempt to get argmin of an empty sequence")
CUPP_REDUCTION_OP(red_nanargmax, "nanargmax", "cupp::red::nanargmax", true,
                  "attempt to get argmax of an empty sequence")
CUPP_REDUCTION_OP(red_nanargmin, "nanargmin", "cupp::red::nanargmin", true,
                  "attempt to get argmin of an empty sequence")
CUPP_REDUCTION_OP(red_all, "all", "cupp::red::all", false, nullptr)
CUPP_REDUCTION_OP(red_any, "any", "cupp::red::any", false, nullptr)
CUPP_REDUCTION_OP(red_count_nonzero, "count_nonzero", "cupp::red::count_nonzero", false, nullptr)
#undef CUPP_REDUCTION_OP

/// A reduction as the code generator sees it: the fields of its red_* tag as a value, for the
/// run-time-typed path (cupp/expr/dynamic.hpp).
struct reduce_desc {
  const char* name;
  const char* device;
  bool typed;
  const char* no_identity;
};
template <class Op>
constexpr reduce_desc reduce_desc_of() noexcept {
  return {Op::name, Op::device, Op::typed, Op::no_identity};
}

/// What the reduction engine generates for reduction `op` accumulating in `acc` over an
/// expression whose CUDA text is `expression` and whose leaves `e` recorded. One function for
/// the typed and the run-time-typed reductions (Note [One generator for both paths]).
detail::reduce_info make_reduce_info(emitter e, std::string expression, const reduce_desc& op,
                                     dtype acc);

/// The kernels of reduction Op, accumulating in Acc, over expression type E.
template <class E, class Op, dtype Acc>
detail::reduce_family& reduce_family_of() {
  static detail::reduce_family family([] {
    emitter e;
    std::string expression = operand<E>::emit(e);
    return make_reduce_info(std::move(e), std::move(expression), reduce_desc_of<Op>(), Acc);
  }());
  return family;
}

/// Where a reduction writes: the reduced axes, the new result array (of the keepdims shape
/// when asked) and the view of it the kernels write (without the reduced axes).
struct reduce_target {
  std::vector<int> axes;
  cupp::detail::array_desc out;
  cupp::detail::array_desc target;
};
/// The reduce_target of reducing an operand of `shape` over `axis` into a new array of `dt`.
/// Throws as NumPy for a bad axis, and value_error `no_identity` (when not null) when the
/// reduced axes hold zero elements, even with no output.
reduce_target make_reduce_target(const shape_t& shape, const axis_arg& axis, bool keepdims,
                                 dtype dt, const char* no_identity);

/// Reduces `e` with Op, accumulating in Acc, into `target`: one kernel, unless the expression is
/// too large for one (Note [Splitting large expressions] in expression.hpp).
template <class Op, dtype Acc, class E>
void reduce_into(const E& e, const cupp::detail::array_desc& target, const shape_t& shape,
                 const std::vector<int>& axes, double ddof) {
  operands o;
  operand<E>::collect(e, o);
  if constexpr (fits_one_kernel_v<E>) {
    reduce_family_of<E, Op, Acc>().launch(target, o, shape, axes, ddof);
  } else {
    if (!reduce_family_of<E, Op, Acc>().try_launch(target, o, shape, axes, ddof))
      reduce_into<Op, Acc>(splitter<E>::apply(e), target, shape, axes, ddof);
  }
}

/// Reduces `e` with Op, accumulating in Acc, into a new array of T.
template <class Op, dtype Acc, class T, class E>
ndarray<T> reduce(const E& e, const axis_arg& axis, bool keepdims, double ddof = 0.0) {
  const shape_t& shape = operand<E>::shape(e);
  const reduce_target t = make_reduce_target(shape, axis, keepdims, dtype_of<T>, Op::no_identity);
  reduce_into<Op, Acc>(e, t.target, shape, t.axes, ddof);
  return ndarray<T>(t.out);
}

/// NumPy's result dtype of sum and prod: booleans and integers widen to 64 bits.
constexpr dtype sum_dtype(dtype d) noexcept {
  if (is_bool(d) || is_signed(d)) return dtype::int64;
  if (is_unsigned(d)) return dtype::uint64;
  return d;
}
/// NumPy's result dtype of mean: booleans and integers give float64.
constexpr dtype mean_dtype(dtype d) noexcept {
  return (is_bool(d) || is_integer(d)) ? dtype::float64 : d;
}
/// The dtype var and std compute in (float16 and bfloat16 in float32, rounded once at the end:
/// NumPy computes float16 deviations in float16 and can be a few ulps further off) and return.
constexpr dtype var_compute_dtype(dtype d) noexcept { return compute_dtype(mean_dtype(d)); }
constexpr dtype var_dtype(dtype d) noexcept { return real_of(mean_dtype(d)); }

template <class E>
inline constexpr dtype dtype_of_operand = operand<E>::dt;

template <class E>
using if_operand = std::enable_if_t<is_operand_v<E>, int>;

}  // namespace expr

// ---- sums, products and means --------------------------------------------------------------------

#define CUPP_SUM_LIKE(name, op, result_rule)                                                      \
  template <class E, expr::if_operand<E> = 0>                                                     \
  auto name(const E& e, const axis_arg& axis = {}, bool keepdims = false) {                       \
    constexpr dtype out = expr::result_rule(expr::dtype_of_operand<E>);                           \
    return expr::reduce<expr::op, expr::compute_dtype(out), type_of_t<out>>(e, axis, keepdims);   \
  }                                                                                               \
  template <class D, class E, expr::if_operand<E> = 0>                                            \
  ndarray<D> name(const E& e, const axis_arg& axis = {}, bool keepdims = false) {                 \
    return expr::reduce<expr::op, expr::compute_dtype(dtype_of<D>), D>(e, axis, keepdims);        \
  }

/// numpy.sum: booleans and integers sum in 64 bits; sum<D>(...) is NumPy's dtype=D.
CUPP_SUM_LIKE(sum, red_sum, sum_dtype)
/// numpy.prod.
CUPP_SUM_LIKE(prod, red_prod, sum_dtype)
/// numpy.nansum: nan elements count as 0.
CUPP_SUM_LIKE(nansum, red_nansum, sum_dtype)
/// numpy.nanprod: nan elements count as 1.
CUPP_SUM_LIKE(nanprod, red_nanprod, sum_dtype)
/// numpy.mean: integers give float64; float16 accumulates in float32.
CUPP_SUM_LIKE(mean, red_mean, mean_dtype)
/// numpy.nanmean: the mean of the elements that are not nan (nan for a slice of only nan).
CUPP_SUM_LIKE(nanmean, red_nanmean, mean_dtype)
#undef CUPP_SUM_LIKE

// ---- extremes ---------------------------------------------------------------------------------------

#define CUPP_EXTREME(name, op)                                                                    \
  template <class E, expr::if_operand<E> = 0>                                                     \
  auto name(const E& e, const axis_arg& axis = {}, bool keepdims = false) {                       \
    constexpr dtype in = expr::dtype_of_operand<E>;                                               \
    return expr::reduce<expr::op, expr::compute_dtype(in), type_of_t<in>>(e, axis, keepdims);     \
  }

/// numpy.max (amax): a nan anywhere in a slice is its result. No identity: the maximum of zero
/// elements is a value_error.
CUPP_EXTREME(max, red_max)
CUPP_EXTREME(amax, red_max)
/// numpy.min (amin).
CUPP_EXTREME(min, red_min)
CUPP_EXTREME(amin, red_min)
/// numpy.nanmax, nanmin: nan elements are skipped; a slice of only nan gives nan.
CUPP_EXTREME(nanmax, red_nanmax)
CUPP_EXTREME(nanmin, red_nanmin)
#undef CUPP_EXTREME

/// numpy.ptp: max - min along the axes.
template <class E, expr::if_operand<E> = 0>
auto ptp(const E& e, const axis_arg& axis = {}, bool keepdims = false) {
  using T = type_of_t<expr::dtype_of_operand<E>>;
  const ndarray<T> hi = max(e, axis, keepdims), lo = min(e, axis, keepdims);
  return ndarray<T>(subtract(hi, lo));
}

#define CUPP_ARG_EXTREME(name, op)                                                                \
  template <class E, expr::if_operand<E> = 0>                                                     \
  ndarray<std::int64_t> name(const E& e, const axis_arg& axis = {}, bool keepdims = false) {      \
    constexpr dtype in = expr::dtype_of_operand<E>;                                               \
    return expr::reduce<expr::op, expr::compute_dtype(in), std::int64_t>(e, axis, keepdims);      \
  }

/// numpy.argmax: the index of the first largest element (of the first nan, if any), within
/// the flattened array when no axis is given.
CUPP_ARG_EXTREME(argmax, red_argmax)
/// numpy.argmin.
CUPP_ARG_EXTREME(argmin, red_argmin)
#undef CUPP_ARG_EXTREME

namespace expr {
/// nanargmax/nanargmin (Op): an all-nan slice, marked -1 by the kernel, is NumPy's value_error,
/// which costs one synchronisation to find out.
template <class Op, class E>
ndarray<std::int64_t> nan_arg_extreme(const E& e, const axis_arg& axis, bool keepdims) {
  ndarray<std::int64_t> r =
      reduce<Op, compute_dtype(dtype_of_operand<E>), std::int64_t>(e, axis, keepdims);
  if (r.size() > 0 && cupp::min(r).item() < 0) throw_all_nan();
  return r;
}
}  // namespace expr

/// numpy.nanargmax: nan elements are skipped; a slice of only nan is a value_error ("All-NaN
/// slice encountered").
template <class E, expr::if_operand<E> = 0>
ndarray<std::int64_t> nanargmax(const E& e, const axis_arg& axis = {}, bool keepdims = false) {
  return expr::nan_arg_extreme<expr::red_nanargmax>(e, axis, keepdims);
}
/// numpy.nanargmin.
template <class E, expr::if_operand<E> = 0>
ndarray<std::int64_t> nanargmin(const E& e, const axis_arg& axis = {}, bool keepdims = false) {
  return expr::nan_arg_extreme<expr::red_nanargmin>(e, axis, keepdims);
}

// ---- truth -------------------------------------------------------------------------------------------

/// numpy.all: whether every element is nonzero (true for zero elements).
template <class E, expr::if_operand<E> = 0>
ndarray<bool> all(const E& e, const axis_arg& axis = {}, bool keepdims = false) {
  return expr::reduce<expr::red_all, dtype::bool_, bool>(e, axis, keepdims);
}
/// numpy.any: whether some element is nonzero.
template <class E, expr::if_operand<E> = 0>
ndarray<bool> any(const E& e, const axis_arg& axis = {}, bool keepdims = false) {
  return expr::reduce<expr::red_any, dtype::bool_, bool>(e, axis, keepdims);
}
/// numpy.count_nonzero.
template <class E, expr::if_operand<E> = 0>
ndarray<std::int64_t> count_nonzero(const E& e, const axis_arg& axis = {}, bool keepdims = false) {
  return expr::reduce<expr::red_count_nonzero, dtype::int64, std::int64_t>(e, axis, keepdims);
}

// ---- spread ----------------------------------------------------------------------------------------

namespace expr {
/// The squared deviations of e from m, as NumPy's _var forms them (x * conj(x) for complex).
template <class E, class M>
auto squared_deviation(const E& e, const M& m) {
  if constexpr (is_complex(operand<E>::dt) || is_complex(operand<M>::dt)) {
    const auto d = cupp::subtract(e, m);
    return cupp::real(cupp::multiply(d, cupp::conj(d)));
  } else {
    return cupp::square(cupp::subtract(e, m));
  }
}

/// var (Op red_mean) and nanvar (red_nanmean): the mean of the squared deviations from the mean,
/// divided by count - ddof instead of count; `root` takes the square root (std, nanstd).
template <class Op, bool Root, class E>
auto spread(const E& e, const axis_arg& axis, bool keepdims, double ddof) {
  constexpr dtype in = operand<E>::dt;
  constexpr dtype compute = var_compute_dtype(in);
  constexpr dtype out = var_dtype(in);
  const ndarray<type_of_t<compute>> m = reduce<Op, compute, type_of_t<compute>>(e, axis, true);
  ndarray<type_of_t<out>> v =
      reduce<Op, real_of(compute), type_of_t<out>>(squared_deviation(e, m), axis, keepdims, ddof);
  if constexpr (Root) assign(cupp::sqrt(v), v.desc());
  return v;
}
}  // namespace expr

/// numpy.var: the mean of |x - mean|^2 over count - ddof elements; integers give float64,
/// complex numbers their real type.
template <class E, expr::if_operand<E> = 0>
auto var(const E& e, const axis_arg& axis = {}, bool keepdims = false, double ddof = 0.0) {
  return expr::spread<expr::red_mean, false>(e, axis, keepdims, ddof);
}
/// numpy.std (std names C++'s standard library).
template <class E, expr::if_operand<E> = 0>
auto stddev(const E& e, const axis_arg& axis = {}, bool keepdims = false, double ddof = 0.0) {
  return expr::spread<expr::red_mean, true>(e, axis, keepdims, ddof);
}
/// numpy.nanvar: var of the elements that are not nan.
template <class E, expr::if_operand<E> = 0>
auto nanvar(const E& e, const axis_arg& axis = {}, bool keepdims = false, double ddof = 0.0) {
  return expr::spread<expr::red_nanmean, false>(e, axis, keepdims, ddof);
}
/// numpy.nanstd.
template <class E, expr::if_operand<E> = 0>
auto nanstd(const E& e, const axis_arg& axis = {}, bool keepdims = false, double ddof = 0.0) {
  return expr::spread<expr::red_nanmean, true>(e, axis, keepdims, ddof);
}

/// numpy.average without weights: the mean.
template <class E, expr::if_operand<E> = 0>
auto average(const E& e, const axis_arg& axis = {}, bool keepdims = false) {
  return mean(e, axis, keepdims);
}
/// numpy.average(a, axis, weights): sum(a * w) / sum(w). Weights have a's shape, or are 1-D
/// along the one reduced axis. A zero weight sum is a value_error, as NumPy ("Weights sum to
/// zero, can't be normalized"), which costs one synchronisation to find out.
template <class E, class W, expr::if_operand<E> = 0, expr::if_operand<W> = 0>
auto average(const E& e, const axis_arg& axis, const W& weights, bool keepdims = false) {
  constexpr dtype r = expr::mean_dtype(
      promote_types(expr::dtype_of_operand<E>, expr::dtype_of_operand<W>));
  using R = type_of_t<r>;
  const shape_t& shape = expr::operand<E>::shape(e);
  const shape_t& wshape = expr::operand<W>::shape(weights);
  ndarray<R> w(expr::make_node<expr::op_copy>(weights));
  if (wshape != shape) {
    CUPP_EXPECTS(!axis.all() && axis.axes().size() == 1, type_error,
                 "Axis must be specified when shapes of a and weights differ.");
    CUPP_EXPECTS(wshape.size() == 1, type_error,
                 "1D weights expected when shapes of a and weights differ.");
    const std::int64_t ax =
        normalize_axis(axis.axes()[0], static_cast<std::int64_t>(shape.size()));
    CUPP_EXPECTS(wshape[0] == shape[static_cast<std::size_t>(ax)], value_error,
                 "Length of weights not compatible with specified axis.");
    shape_t along(shape.size(), 1);
    along[static_cast<std::size_t>(ax)] = wshape[0];
    w = ndarray<R>(cupp::detail::broadcast_to(cupp::detail::reshape(w.desc(), along), shape));
  }
  const ndarray<R> scale = sum<R>(w, axis, keepdims);
  CUPP_EXPECTS(!any(cupp::equal(scale, R(0))).item(), value_error,
               "Weights sum to zero, can't be normalized");
  return ndarray<R>(cupp::true_divide(sum<R>(cupp::multiply(e, w), axis, keepdims), scale));
}

// ---- method forms ------------------------------------------------------------------------------

#define CUPP_REDUCTION_METHOD(name)                                                            \
  template <class T>                                                                           \
  auto ndarray<T>::name(const axis_arg& axis, bool keepdims) const {                           \
    return cupp::name(*this, axis, keepdims);                                                  \
  }                                                                                            \
  template <class Op, class... Args>                                                           \
  auto expr::node<Op, Args...>::name(const axis_arg& axis, bool keepdims) const {              \
    return cupp::name(*this, axis, keepdims);                                                  \
  }
CUPP_REDUCTION_METHOD(sum)
CUPP_REDUCTION_METHOD(prod)
CUPP_REDUCTION_METHOD(mean)
CUPP_REDUCTION_METHOD(max)
CUPP_REDUCTION_METHOD(min)
CUPP_REDUCTION_METHOD(ptp)
CUPP_REDUCTION_METHOD(argmax)
CUPP_REDUCTION_METHOD(argmin)
CUPP_REDUCTION_METHOD(all)
CUPP_REDUCTION_METHOD(any)
#undef CUPP_REDUCTION_METHOD
#define CUPP_SPREAD_METHOD(name)                                                               \
  template <class T>                                                                           \
  auto ndarray<T>::name(const axis_arg& axis, bool keepdims, double ddof) const {              \
    return cupp::name(*this, axis, keepdims, ddof);                                            \
  }                                                                                            \
  template <class Op, class... Args>                                                           \
  auto expr::node<Op, Args...>::name(const axis_arg& axis, bool keepdims, double ddof) const { \
    return cupp::name(*this, axis, keepdims, ddof);                                            \
  }
CUPP_SPREAD_METHOD(var)
CUPP_SPREAD_METHOD(stddev)
#undef CUPP_SPREAD_METHOD

}  // namespace cupp
