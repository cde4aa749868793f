// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/core/runtime_array.hpp"

#include <string>

#include "cupp/linalg/matmul.hpp"
#include "cupp/linalg/products.hpp"
#include "cupp/routines/creation.hpp"
#include "cupp/routines/indexing.hpp"
#include "cupp/routines/reduction.hpp"
#include "cupp/routines/sorting.hpp"

namespace cupp {

namespace detail {

namespace {
const char* casting_name(casting rule) noexcept {
  switch (rule) {
    case casting::no:
      return "no";
    case casting::equiv:
      return "equiv";
    case casting::safe:
      return "safe";
    case casting::same_kind:
      return "same_kind";
    case casting::unsafe:
      return "unsafe";
  }
  return "unsafe";
}
}  // namespace

void throw_cannot_cast_array(dtype from, dtype to, casting rule) {
  throw type_error(std::string("Cannot cast array data from dtype('") + dtype_name(from) +
                   "') to dtype('" + dtype_name(to) + "') according to the rule '" +
                   casting_name(rule) + "'");
}

void fill_array(const array_desc& a, const expr::weak_scalar& value) {
  struct alignas(16) element {
    unsigned char bytes[16];
  } e{};
  expr::convert_weak_scalar(value, a.dt, e.bytes);
  fill(a, e.bytes);
}

}  // namespace detail

// ---- cupp::array -------------------------------------------------------------------------------

array::array(const shape_t& shape, cupp::dtype dt) : desc_(detail::make_array(shape, dt)) {}

void array::operator=(const array& other) && {
  expr::dynamic_assign(expr::op_desc_of<expr::op_copy>(), {detail::to_dynamic(other)}, desc_);
}

std::int64_t array::shape(std::int64_t axis) const {
  return desc_.shape[static_cast<std::size_t>(normalize_axis(axis, ndim()))];
}

array array::astype(cupp::dtype dt, casting rule) const {
  if (!can_cast(desc_.dt, dt, rule)) detail::throw_cannot_cast_array(desc_.dt, dt, rule);
  array out(shape(), dt);
  expr::dynamic_assign(expr::op_desc_of<expr::op_copy>(), {detail::to_dynamic(*this)}, out.desc_);
  return out;
}

array array::copy() const { return array(detail::copy(desc_)); }
array array::reshape(const shape_t& newshape) const {
  return array(detail::reshape(desc_, newshape));
}
array array::ravel() const { return reshape({-1}); }
array array::flatten() const { return array(detail::reshape(detail::copy(desc_), {-1})); }
array array::T() const { return array(detail::reversed_axes(desc_)); }
array array::transpose() const { return T(); }
array array::transpose(const std::vector<std::int64_t>& axes) const {
  return array(detail::transpose(desc_, axes));
}
array array::swapaxes(std::int64_t axis1, std::int64_t axis2) const {
  return array(detail::swapaxes(desc_, axis1, axis2));
}
array array::squeeze() const { return array(detail::squeeze(desc_)); }
array array::squeeze(const std::vector<std::int64_t>& axes) const {
  return array(detail::squeeze(desc_, axes));
}
array array::view(cupp::dtype dt) const { return array(detail::view_as(desc_, dt)); }

#define CUPP_REDUCTION_METHOD(name)                              \
  array array::name(const axis_arg& axis, bool keepdims) const { \
    return cupp::name(*this, axis, keepdims);                    \
  }
CUPP_REDUCTION_METHOD(sum)
CUPP_REDUCTION_METHOD(prod)
CUPP_REDUCTION_METHOD(mean)
CUPP_REDUCTION_METHOD(max)
CUPP_REDUCTION_METHOD(min)
CUPP_REDUCTION_METHOD(argmax)
CUPP_REDUCTION_METHOD(argmin)
CUPP_REDUCTION_METHOD(all)
CUPP_REDUCTION_METHOD(any)
#undef CUPP_REDUCTION_METHOD

// ---- array_selection ---------------------------------------------------------------------------

array array_selection::eval() const { return array(detail::fancy_get(a_.desc(), items_)); }

void array_selection::operator=(const array& v) && {
  const array values = v.dtype() == a_.dtype() ? v : v.astype(a_.dtype());
  detail::fancy_set(a_.desc(), items_, values.desc());
}

void array_selection::assign(const expr::weak_scalar& value) {
  const array v(shape_t{}, a_.dtype());
  detail::fill_array(v.desc(), value);
  detail::fancy_set(a_.desc(), items_, v.desc());
}

// ---- creation ----------------------------------------------------------------------------------

array empty(const shape_t& shape, dtype dt, char order) {
  return array(detail::empty_array(shape, dt, order));
}
array zeros(const shape_t& shape, dtype dt, char order) {
  array a = empty(shape, dt, order);
  a.fill(0);
  return a;
}
array ones(const shape_t& shape, dtype dt, char order) {
  array a = empty(shape, dt, order);
  a.fill(1);
  return a;
}
array empty_like(const array& a, char order) {
  return array(detail::empty_like_array(a.desc(), a.dtype(), order));
}
array zeros_like(const array& a, char order) {
  array out = empty_like(a, order);
  out.fill(0);
  return out;
}
array ones_like(const array& a, char order) {
  array out = empty_like(a, order);
  out.fill(1);
  return out;
}

// ---- reductions --------------------------------------------------------------------------------
// The dtypes as the typed overloads of cupp/routines/reduction.hpp choose them at compile time.

namespace {
template <class Op>
array reduce_dynamic(const array& a, const axis_arg& axis, bool keepdims, dtype acc, dtype out) {
  return array(
      expr::dynamic_reduce(expr::reduce_desc_of<Op>(), a.desc(), axis, keepdims, acc, out));
}
}  // namespace

#define CUPP_SUM_LIKE(name, op, result_rule)                                           \
  array name(const array& a, const axis_arg& axis, bool keepdims) {                    \
    const dtype out = expr::result_rule(a.dtype());                                    \
    return reduce_dynamic<expr::op>(a, axis, keepdims, expr::compute_dtype(out), out); \
  }
CUPP_SUM_LIKE(sum, red_sum, sum_dtype)
CUPP_SUM_LIKE(prod, red_prod, sum_dtype)
CUPP_SUM_LIKE(nansum, red_nansum, sum_dtype)
CUPP_SUM_LIKE(nanprod, red_nanprod, sum_dtype)
CUPP_SUM_LIKE(mean, red_mean, mean_dtype)
CUPP_SUM_LIKE(nanmean, red_nanmean, mean_dtype)
#undef CUPP_SUM_LIKE

#define CUPP_EXTREME(name, op, result)                                                          \
  array name(const array& a, const axis_arg& axis, bool keepdims) {                             \
    return reduce_dynamic<expr::op>(a, axis, keepdims, expr::compute_dtype(a.dtype()), result); \
  }
CUPP_EXTREME(max, red_max, a.dtype())
CUPP_EXTREME(amax, red_max, a.dtype())
CUPP_EXTREME(min, red_min, a.dtype())
CUPP_EXTREME(amin, red_min, a.dtype())
CUPP_EXTREME(nanmax, red_nanmax, a.dtype())
CUPP_EXTREME(nanmin, red_nanmin, a.dtype())
CUPP_EXTREME(argmax, red_argmax, dtype::int64)
CUPP_EXTREME(argmin, red_argmin, dtype::int64)
#undef CUPP_EXTREME

array all(const array& a, const axis_arg& axis, bool keepdims) {
  return reduce_dynamic<expr::red_all>(a, axis, keepdims, dtype::bool_, dtype::bool_);
}
array any(const array& a, const axis_arg& axis, bool keepdims) {
  return reduce_dynamic<expr::red_any>(a, axis, keepdims, dtype::bool_, dtype::bool_);
}
array count_nonzero(const array& a, const axis_arg& axis, bool keepdims) {
  return reduce_dynamic<expr::red_count_nonzero>(a, axis, keepdims, dtype::int64, dtype::int64);
}

array ptp(const array& a, const axis_arg& axis, bool keepdims) {
  return cupp::max(a, axis, keepdims) - cupp::min(a, axis, keepdims);
}

// The spread reductions reach the typed routines, one instantiation per dtype, here in the
// library: they fuse the squared deviation into the second reduction, which a sequence of
// run-time-typed operations would not.
#define CUPP_SPREAD(name)                                                                      \
  array name(const array& a, const axis_arg& axis, bool keepdims, double ddof) {               \
    return a.visit([&](const auto& t) { return array(cupp::name(t, axis, keepdims, ddof)); }); \
  }
CUPP_SPREAD(var)
CUPP_SPREAD(stddev)
CUPP_SPREAD(nanvar)
CUPP_SPREAD(nanstd)
#undef CUPP_SPREAD

// ---- sorting and scans -------------------------------------------------------------------------

array sort(const array& a, std::optional<std::int64_t> axis) {
  return array(detail::sort_array(a.desc(), axis, false));
}
array argsort(const array& a, std::optional<std::int64_t> axis) {
  return array(detail::sort_array(a.desc(), axis, true));
}

#define CUPP_SCAN(name)                                                        \
  array name(const array& a, std::optional<std::int64_t> axis) {               \
    return a.visit([&](const auto& t) { return array(cupp::name(t, axis)); }); \
  }
CUPP_SCAN(cumsum)
CUPP_SCAN(cumprod)
CUPP_SCAN(nancumsum)
CUPP_SCAN(nancumprod)
#undef CUPP_SCAN

// ---- products ---------------------------------------------------------------------------------

namespace {
/// `a` as an array of `dt`: itself, or a converted copy.
detail::array_desc desc_as(const array& a, dtype dt) {
  return a.dtype() == dt ? a.desc() : a.astype(dt).desc();
}
}  // namespace

array matmul(const array& a, const array& b) {
  const dtype r = promote_types(a.dtype(), b.dtype());
  (void)detail::matmul_shape(a.shape(), b.shape());  // check before converting
  return array(detail::matmul(desc_as(a, r), desc_as(b, r)));
}

array dot(const array& a, const array& b) {
  if (a.ndim() == 0 || b.ndim() == 0) return a * b;
  const dtype r = promote_types(a.dtype(), b.dtype());
  (void)detail::dot_shape(a.shape(), b.shape());  // check before converting
  return array(detail::dot(desc_as(a, r), desc_as(b, r)));
}

}  // namespace cupp
