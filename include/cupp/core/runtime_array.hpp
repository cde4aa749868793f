// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::array: an array whose dtype is known only at run time (what cupp::load returns), and the
// creation routines, operators, ufuncs and reductions that take it. The non-template parts are
// compiled once in src/core/runtime_array.cpp; the operations go through the run-time-typed
// entry of the engines (cupp/expr/dynamic.hpp).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/dtype.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/core/promotion.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/core/slice_string.hpp"
#include "cupp/core/visit_dtype.hpp"
#include "cupp/expr/dynamic.hpp"
#include "cupp/expr/ufunc_functions.hpp"

namespace cupp {

class array;
class array_selection;

namespace detail {
/// cupp::array and its selections (a[mask], a[idx]).
template <class X>
inline constexpr bool is_runtime_array_v =
    std::is_same_v<X, array> || std::is_same_v<X, array_selection>;
/// What the run-time-typed functions take as operands: cupp::array, ndarray<T>, expressions and
/// selections (evaluated first), and C++ numbers (NumPy's weak Python scalars, NEP 50).
template <class X>
inline constexpr bool is_dynamic_operand_v =
    is_runtime_array_v<X> || expr::is_operand_v<X> || expr::is_scalar_v<X>;
/// True when every argument is such an operand and at least one is a cupp::array or a
/// selection of one: calls without one belong to the typed overloads.
template <class... X>
inline constexpr bool dynamic_args_v = (is_dynamic_operand_v<X> && ...) &&
                                       (is_runtime_array_v<X> || ...);
/// What makes an index advanced on a cupp::array: a cupp::array, or what makes it so on an
/// ndarray<T> (index arrays, expressions, selections, host vectors).
template <class X>
inline constexpr bool is_dynamic_index_v = is_runtime_array_v<X> || is_index_array_v<X>;

/// NumPy's TypeError "Cannot cast array data from dtype('float64') to dtype('int32') according
/// to the rule 'safe'", as a type_error.
[[noreturn]] void throw_cannot_cast_array(dtype from, dtype to, casting rule);
/// Writes `value`, converted to a's dtype (expr::convert_weak_scalar), into every element.
void fill_array(const array_desc& a, const expr::weak_scalar& value);
}  // namespace detail

/// An n-dimensional array on the device whose dtype is a run-time value: the same description
/// (memory, shape, strides in elements, dtype) as ndarray<T>, without T in its type. As
/// ndarray<T>, copying it copies the handle, not the data. Made from any ndarray<T> (sharing its
/// memory), by cupp::empty/zeros/ones/full with a dtype, and returned by cupp::load;
/// `as<T>()` gives the typed view back, `visit(f)` calls a generic function with it.
///
/// Its operators, the ufuncs of ufuncs.def, where and the common reductions take it (beside
/// ndarray<T>, expressions and C++ scalars) and return a cupp::array whose dtype NumPy's rules
/// decide at run time, through the kernels the typed path generates for the same dtypes. Each
/// such call evaluates at once: unlike ndarray<T> expressions, chains of them are not fused
/// (docs/array.md).
class array {
 public:
  /// An empty 1-D float64 array of shape (0,), as ndarray<double>().
  array() : array(ndarray<double>()) {}
  /// Shares `a`'s memory, shape and strides; records T as the dtype.
  template <class T>
  array(const ndarray<T>& a) : desc_(a.desc()) {}  // NOLINT: implicit, as any ndarray is one
  /// Evaluates a typed expression (`cupp::array r = a + b;` with ndarray<T> a and b).
  template <class E, std::enable_if_t<expr::is_node_v<E>, int> = 0>
  array(const E& e) : array(e.eval()) {}  // NOLINT: implicit, as an ndarray<T> is made from one
  /// Wraps a description (the dtype is the description's).
  explicit array(detail::array_desc d) : desc_(std::move(d)) {}
  /// numpy.empty(shape, dtype): a new, uninitialised C-contiguous array.
  array(const shape_t& shape, cupp::dtype dt);
  /// An array of dtype `dt` over device memory that cupp did not allocate, as
  /// ndarray<T>::from_pointer (the same checks; `strides` in elements, empty for C order).
  static array from_pointer(void* ptr, cupp::dtype dt, const shape_t& shape,
                            const strides_t& strides = {}, std::shared_ptr<void> owner = {}) {
    detail::array_desc d = detail::wrap_pointer(ptr, dt, shape, strides);
    if (owner) detail::keep_alive(d, std::move(owner));
    return array(std::move(d));
  }
  /// As above, calling `deleter(ptr)` once, when the array and everything sharing its memory
  /// are gone, as ndarray<T>::from_pointer does; not called when the checks throw.
  template <class Deleter,
            std::enable_if_t<!std::is_convertible_v<Deleter, std::shared_ptr<void>> &&
                                 std::is_invocable_v<Deleter&, void*>,
                             int> = 0>
  static array from_pointer(void* ptr, cupp::dtype dt, const shape_t& shape,
                            const strides_t& strides, Deleter deleter) {
    detail::array_desc d = detail::wrap_pointer(ptr, dt, shape, strides);
    detail::keep_alive(d, std::shared_ptr<void>(ptr, std::move(deleter)));
    return array(std::move(d));
  }

  /// Copies the handle: both share the data (copy() copies the elements).
  array(const array&) = default;
  /// Moves the handle; the data is not touched.
  array(array&&) noexcept = default;
  ~array() = default;
  // Note [Assignment] of ndarray.hpp: assigning to a named array rebinds it; assigning to a
  // temporary view (a(cupp::slice(0, 2)) = b) writes into it, cast as NumPy's setitem casts.
  /// Rebinds this handle to `other`'s array (Note [Assignment]).
  array& operator=(const array&) & = default;
  /// Rebinds this handle to `other`'s array, as the copy assignment does.
  array& operator=(array&&) & noexcept = default;
  /// Writes `other` (broadcast, cast to this dtype) into this view.
  void operator=(const array& other) &&;
  /// Writes `value` into every element of this view (as fill).
  template <class S, std::enable_if_t<expr::is_scalar_v<S>, int> = 0>
  void operator=(const S& value) && {
    fill(value);
  }

  // ---- attributes ------------------------------------------------------------------------
  /// numpy.ndarray.dtype.
  cupp::dtype dtype() const noexcept { return desc_.dt; }
  /// The length of each axis (numpy.ndarray.shape).
  const shape_t& shape() const noexcept { return desc_.shape; }
  /// The length of one axis; negative axes count from the end.
  std::int64_t shape(std::int64_t axis) const;
  /// Strides in elements, as ndarray<T>::strides().
  const strides_t& strides() const noexcept { return desc_.strides; }
  /// The number of axes (numpy.ndarray.ndim).
  std::int64_t ndim() const noexcept { return desc_.ndim(); }
  /// The number of elements, the product of shape() (numpy.ndarray.size).
  std::int64_t size() const { return desc_.size(); }
  /// The size of one element in bytes (numpy.ndarray.itemsize).
  std::size_t itemsize() const noexcept { return desc_.itemsize(); }
  /// size() * itemsize(): the bytes of the view's elements (numpy.ndarray.nbytes).
  std::size_t nbytes() const { return static_cast<std::size_t>(size()) * itemsize(); }
  /// The address of element 0, as ndarray<T>::data().
  void* data() const noexcept { return desc_.ptr; }
  /// Whether the elements lie in C order with no gaps (numpy.ndarray.flags.c_contiguous).
  bool is_c_contiguous() const { return cupp::is_c_contiguous(desc_.shape, desc_.strides); }
  /// Whether the elements lie in Fortran order with no gaps (numpy.ndarray.flags.f_contiguous).
  bool is_f_contiguous() const { return cupp::is_f_contiguous(desc_.shape, desc_.strides); }
  /// The type-erased description of the view (pointer, shape, strides, dtype, owner), as
  /// ndarray<T>::desc().
  const detail::array_desc& desc() const noexcept { return desc_; }
  /// numpy.ndarray.tofile(file), as ndarray<T>::tofile.
  void tofile(const std::string& file) const { detail::tofile(desc_, file); }

  // ---- typed views and conversions -----------------------------------------------------------
  /// The typed view of the same memory; type_error naming both dtypes when U is not dtype().
  template <class U>
  ndarray<U> as() const {
    CUPP_EXPECTS(desc_.dt == dtype_of<U>, type_error,
                 std::string("cannot view an array of dtype ") + dtype_name(desc_.dt) + " as " +
                     dtype_name(dtype_of<U>));
    return ndarray<U>(desc_);
  }
  /// A copy converted to U, as numpy.ndarray.astype (unsafe casting).
  template <class U>
  ndarray<U> astype() const;
  /// numpy.ndarray.astype(dtype, casting=rule): a C-contiguous copy converted to `dt`. The
  /// default rule is NumPy's, unsafe (float to int truncates); under another, a cast it does not
  /// allow is a type_error, as get<U>'s.
  array astype(cupp::dtype dt, casting rule = casting::unsafe) const;
  /// numpy.ndarray.copy: a C-contiguous copy.
  array copy() const;
  /// The elements in C order as U, converted on the device when U is not the dtype. The
  /// conversion must be allowed by `rule` (safe by default: get<double>() of an int32 array is
  /// fine, get<int>() of a float64 array needs casting::same_kind or unsafe); otherwise
  /// type_error, as NumPy's astype(U, casting=rule): "Cannot cast array data from
  /// dtype('float64') to dtype('int32') according to the rule 'safe'". Synchronises.
  template <class U>
  std::vector<U> get(casting rule = casting::safe) const;
  /// The single element as U, converted as get<U>(rule); value_error "can only convert an array
  /// of size 1 to a Python scalar" for any other size (numpy.ndarray.item).
  template <class U>
  U item(casting rule = casting::safe) const;

  /// Calls f(ndarray<T>) with the typed view for this array's dtype, one of the 15; returns
  /// what f returns (f must return the same type for every T).
  template <class F>
  decltype(auto) visit(F&& f) const {
    return visit_dtype(desc_.dt, [&](auto tag) -> decltype(auto) {
      using U = typename decltype(tag)::type;
      return f(ndarray<U>(desc_));
    });
  }

  // ---- writing ---------------------------------------------------------------------------
  /// numpy.ndarray.fill: `value` (bool, an integer, a floating or complex number) converted to
  /// the dtype as NumPy converts a Python scalar: a float into an integer dtype truncates, an
  /// integer that does not fit an integer dtype is overflow_error (NumPy 2's OverflowError), a
  /// complex value into a real dtype keeps its real part.
  template <class S, std::enable_if_t<expr::is_scalar_v<S>, int> = 0>
  void fill(const S& value) {
    detail::fill_array(desc_, expr::make_weak_scalar(value));
  }
  // In-place arithmetic, as NumPy's `a += b`: the result must cast to this dtype under the
  // same_kind rule (type_error otherwise), and `b` broadcasts to this shape.
  /// `a += b` in place (numpy.add); returns *this.
  template <class B>
  array& operator+=(const B& b);
  /// `a -= b` in place (numpy.subtract); returns *this.
  template <class B>
  array& operator-=(const B& b);
  /// `a *= b` in place (numpy.multiply); returns *this.
  template <class B>
  array& operator*=(const B& b);
  /// `a /= b` in place (numpy.true_divide); returns *this.
  template <class B>
  array& operator/=(const B& b);
  /// `a %= b` in place (numpy.remainder); returns *this.
  template <class B>
  array& operator%=(const B& b);
  /// `a &= b` in place (numpy.bitwise_and); returns *this.
  template <class B>
  array& operator&=(const B& b);
  /// `a |= b` in place (numpy.bitwise_or); returns *this.
  template <class B>
  array& operator|=(const B& b);
  /// `a ^= b` in place (numpy.bitwise_xor); returns *this.
  template <class B>
  array& operator^=(const B& b);

  // ---- views (as ndarray<T>'s) -----------------------------------------------------------
  /// A view with a new shape when the layout allows, else a copy; one -1 is inferred.
  array reshape(const shape_t& newshape) const;
  /// A 1-D view when C-contiguous, else a copy.
  array ravel() const;
  /// Always a 1-D copy.
  array flatten() const;
  /// The axes reversed (a view).
  array T() const;
  /// numpy.ndarray.transpose(): the axes reversed, as T() (a view).
  array transpose() const;
  /// The axes permuted: axis i of the view is `axes[i]` of this array (a view). value_error when
  /// `axes` is not a permutation of the axes.
  array transpose(const std::vector<std::int64_t>& axes) const;
  /// numpy.ndarray.swapaxes: a view with `axis1` and `axis2` exchanged (axis_error out of range).
  array swapaxes(std::int64_t axis1, std::int64_t axis2) const;
  /// numpy.ndarray.squeeze: a view without the axes of length 1.
  array squeeze() const;
  /// A view without `axes`, each of which must have length 1 (else value_error).
  array squeeze(const std::vector<std::int64_t>& axes) const;
  /// The same memory seen as another dtype (numpy.ndarray.view(dtype)).
  array view(cupp::dtype dt) const;
  /// Basic indexing, a view: integers, cupp::slice, cupp::newaxis and cupp::ellipsis, as
  /// ndarray<T>'s a(0, cupp::slice(1, 5, 2)). Integers for every axis give a 0-d array.
  /// With an index array among the items (as for operator[] below), advanced indexing instead:
  /// an array_selection.
  template <class... Idx>
  auto operator()(const Idx&... idx) const;
  /// Basic indexing written as Python writes it: a["::-1, 0"] (docs/shapes.md).
  template <class S, std::enable_if_t<std::is_convertible_v<const S&, std::string_view>, int> = 0>
  array operator[](const S& index) const {
    return array(detail::index_view(desc_, detail::parse_index(index)));
  }

  /// Advanced indexing, NumPy's a[index_array], a[mask], a[a > 0]: the index (a cupp::array,
  /// an ndarray<T>, an expression, a host vector of integers or bools, or a braced list of
  /// integers) gives an array_selection, which reads as a new array and writes through when
  /// assigned to.
  template <class I, std::enable_if_t<detail::is_dynamic_index_v<I>, int> = 0>
  array_selection operator[](const I& index) const;
  /// a[{0, 2, 1}]: a braced list of integers indexes as NumPy's a[[0, 2, 1]].
  template <class I, std::enable_if_t<std::is_integral_v<I>, int> = 0>
  array_selection operator[](std::initializer_list<I> index) const;

  // ---- reductions (cupp::sum(a, ...), ...) -----------------------------------------------
  /// numpy.ndarray.sum: cupp::sum(*this, axis, keepdims) (every axis by default).
  array sum(const axis_arg& axis = {}, bool keepdims = false) const;
  /// numpy.ndarray.prod: cupp::prod(*this, axis, keepdims).
  array prod(const axis_arg& axis = {}, bool keepdims = false) const;
  /// numpy.ndarray.mean: cupp::mean(*this, axis, keepdims) (float64 for integers).
  array mean(const axis_arg& axis = {}, bool keepdims = false) const;
  /// numpy.ndarray.max: cupp::max(*this, axis, keepdims) (value_error for zero elements).
  array max(const axis_arg& axis = {}, bool keepdims = false) const;
  /// numpy.ndarray.min: cupp::min(*this, axis, keepdims) (value_error for zero elements).
  array min(const axis_arg& axis = {}, bool keepdims = false) const;
  /// numpy.ndarray.argmax: int64 indices of the largest elements.
  array argmax(const axis_arg& axis = {}, bool keepdims = false) const;
  /// numpy.ndarray.argmin: int64 indices of the smallest elements.
  array argmin(const axis_arg& axis = {}, bool keepdims = false) const;
  /// numpy.ndarray.all: whether every element is nonzero (bool).
  array all(const axis_arg& axis = {}, bool keepdims = false) const;
  /// numpy.ndarray.any: whether some element is nonzero (bool).
  array any(const axis_arg& axis = {}, bool keepdims = false) const;

 private:
  template <class U>
  ndarray<U> converted(casting rule) const;
  template <class Op, class B>
  array& compound(const B& b);

  detail::array_desc desc_;
};

/// Prints NumPy's repr, as for ndarray<T>.
inline std::ostream& operator<<(std::ostream& os, const array& a) {
  return os << detail::repr(a.desc());
}

/// A cupp::array indexed by index arrays or masks (NumPy's advanced indexing), as indexed<T> is
/// for ndarray<T>: reading it (eval(), or converting to cupp::array, or using it as an operand)
/// gathers a new array; assigning to it scatters into the indexed array, the values cast to its
/// dtype as NumPy's setitem casts them. Indices are checked as for indexed<T>.
class array_selection {
 public:
  /// The selection of `a` by `items`, as array's operator() and operator[] make it.
  array_selection(array a, std::vector<detail::fancy_item> items)
      : a_(std::move(a)), items_(std::move(items)) {}
  /// Copies the selection: both refer to the same array and indices.
  array_selection(const array_selection&) = default;
  /// Moves the selection.
  array_selection(array_selection&&) noexcept = default;
  ~array_selection() = default;
  // As ndarray's Note [Assignment]: a named selection rebinds, a temporary one writes through.
  /// Rebinds a named selection (it does not write; see the note above).
  array_selection& operator=(const array_selection&) & = default;
  /// Rebinds a named selection, as the copy assignment does.
  array_selection& operator=(array_selection&&) & noexcept = default;

  /// The selected elements, as a new array.
  array eval() const;
  /// The selected elements, as a new array (eval()).
  operator array() const { return eval(); }  // NOLINT: implicit, so `cupp::array b = a[i];`
  /// The selected elements on the host, in C order, converted as array::get<U>.
  template <class U>
  std::vector<U> get(casting rule = casting::safe) const {
    return eval().get<U>(rule);
  }
  /// a[index] = v: v (an array of any dtype) broadcast to the selection's shape, cast.
  void operator=(const array& v) &&;
  /// a[i] = b[j].
  void operator=(const array_selection& other) && { std::move(*this) = other.eval(); }
  /// a[index] = value: every selected element.
  template <class S, std::enable_if_t<expr::is_scalar_v<S>, int> = 0>
  void operator=(const S& value) && {
    assign(expr::make_weak_scalar(value));
  }

 private:
  void assign(const expr::weak_scalar& value);
  array a_;
  std::vector<detail::fancy_item> items_;
};

// ---- creation with a run-time dtype -------------------------------------------------------------

/// numpy.empty(shape, dtype, order): uninitialised, in C ('C') or Fortran ('F') order.
array empty(const shape_t& shape, dtype dt, char order = 'C');
/// numpy.zeros(shape, dtype, order).
array zeros(const shape_t& shape, dtype dt, char order = 'C');
/// numpy.ones(shape, dtype, order).
array ones(const shape_t& shape, dtype dt, char order = 'C');
/// numpy.full(shape, value, dtype, order): `value` (bool, integer, floating or complex)
/// converted to `dt` as array::fill converts it.
template <class S, std::enable_if_t<expr::is_scalar_v<S>, int> = 0>
array full(const shape_t& shape, const S& value, dtype dt, char order = 'C') {
  array a = empty(shape, dt, order);
  a.fill(value);
  return a;
}
/// numpy.empty_like, zeros_like, ones_like of a cupp::array: its shape and dtype, laid out as
/// `order` asks ('K', the default, keeps a's layout; Note [Memory order] in creation.hpp).
array empty_like(const array& a, char order = 'K');
array zeros_like(const array& a, char order = 'K');
array ones_like(const array& a, char order = 'K');

// ---- the run-time-typed elementwise operations -------------------------------------------------

namespace detail {
/// An operand of a run-time-typed op: arrays as they are, expressions and selections evaluated,
/// C++ numbers as weak scalars.
template <class X>
expr::dynamic_operand to_dynamic(const X& x) {
  expr::dynamic_operand o;
  if constexpr (expr::is_scalar_v<X>) {
    o.is_scalar = true;
    o.scalar = expr::make_weak_scalar(x);
  } else if constexpr (std::is_same_v<X, array> || expr::is_array_v<X>) {
    o.array = x.desc();
  } else {
    o.array = x.eval().desc();
  }
  return o;
}
/// Op(x...) into a new array.
template <class Op, class... X>
array apply_dynamic(const X&... x) {
  return array(expr::dynamic_apply(expr::op_desc_of<Op>(), {to_dynamic(x)...}));
}
/// Op(x..., out=out).
template <class Op, class... X>
void apply_dynamic_out(const array& out, const X&... x) {
  expr::dynamic_apply_out(expr::op_desc_of<Op>(), {to_dynamic(x)...}, out.desc());
}
}  // namespace detail

// Every row of ufuncs.def takes cupp::array operands: cupp::exp(a), cupp::maximum(a, 0.5), and
// with a trailing `out` array (a cupp::array or an ndarray<T>), numpy.name(..., out=out).
#define CUPP_UFUNC1(name, rule, kinds, function, doc) CUPP_DYNAMIC_UFUNC1(name)
#define CUPP_UFUNC2(name, rule, kinds, function, doc) CUPP_DYNAMIC_UFUNC2(name)
#define CUPP_UFUNC3(name, rule, kinds, function, doc) CUPP_DYNAMIC_UFUNC3(name)
#include "cupp/expr/ufuncs.def"
#undef CUPP_UFUNC1
#undef CUPP_UFUNC2
#undef CUPP_UFUNC3

/// numpy.where(cond, x, y) with a cupp::array among the operands: x where cond is true, else y;
/// the dtype is x's and y's promoted.
template <class C, class X, class Y, std::enable_if_t<detail::dynamic_args_v<C, X, Y>, int> = 0>
array where(const C& cond, const X& x, const Y& y) {
  return detail::apply_dynamic<expr::op_where>(cond, x, y);
}

#define CUPP_DYNAMIC_BINARY_OPERATOR(symbol, op)                                       \
  template <class A, class B, std::enable_if_t<detail::dynamic_args_v<A, B>, int> = 0> \
  array operator symbol(const A& a, const B& b) {                                      \
    return detail::apply_dynamic<expr::op>(a, b);                                      \
  }
CUPP_DYNAMIC_BINARY_OPERATOR(+, op_add)
CUPP_DYNAMIC_BINARY_OPERATOR(-, op_subtract)
CUPP_DYNAMIC_BINARY_OPERATOR(*, op_multiply)
CUPP_DYNAMIC_BINARY_OPERATOR(/, op_true_divide)
CUPP_DYNAMIC_BINARY_OPERATOR(%, op_remainder)
CUPP_DYNAMIC_BINARY_OPERATOR(&, op_bitwise_and)
CUPP_DYNAMIC_BINARY_OPERATOR(|, op_bitwise_or)
CUPP_DYNAMIC_BINARY_OPERATOR(^, op_bitwise_xor)
CUPP_DYNAMIC_BINARY_OPERATOR(<<, op_left_shift)
CUPP_DYNAMIC_BINARY_OPERATOR(>>, op_right_shift)
CUPP_DYNAMIC_BINARY_OPERATOR(==, op_equal)
CUPP_DYNAMIC_BINARY_OPERATOR(!=, op_not_equal)
CUPP_DYNAMIC_BINARY_OPERATOR(<, op_less)
CUPP_DYNAMIC_BINARY_OPERATOR(<=, op_less_equal)
CUPP_DYNAMIC_BINARY_OPERATOR(>, op_greater)
CUPP_DYNAMIC_BINARY_OPERATOR(>=, op_greater_equal)
#undef CUPP_DYNAMIC_BINARY_OPERATOR

#define CUPP_DYNAMIC_UNARY_OPERATOR(symbol, op)                           \
  template <class A, std::enable_if_t<std::is_same_v<A, array>, int> = 0> \
  array operator symbol(const A& a) {                                     \
    return detail::apply_dynamic<expr::op>(a);                            \
  }
CUPP_DYNAMIC_UNARY_OPERATOR(-, op_negative)
CUPP_DYNAMIC_UNARY_OPERATOR(+, op_positive)
CUPP_DYNAMIC_UNARY_OPERATOR(~, op_invert)
CUPP_DYNAMIC_UNARY_OPERATOR(!, op_logical_not)
#undef CUPP_DYNAMIC_UNARY_OPERATOR

// ---- reductions -------------------------------------------------------------------------------
// The result dtypes are the typed reductions' (sum and prod of integers in 64 bits, mean of
// integers in float64, argmax int64, all and any bool), through the same generated kernels.

/// numpy.sum, numpy.prod, numpy.mean, numpy.nansum, numpy.nanprod, numpy.nanmean.
array sum(const array& a, const axis_arg& axis = {}, bool keepdims = false);
array prod(const array& a, const axis_arg& axis = {}, bool keepdims = false);
array mean(const array& a, const axis_arg& axis = {}, bool keepdims = false);
array nansum(const array& a, const axis_arg& axis = {}, bool keepdims = false);
array nanprod(const array& a, const axis_arg& axis = {}, bool keepdims = false);
array nanmean(const array& a, const axis_arg& axis = {}, bool keepdims = false);
/// numpy.max, min (amax, amin), nanmax, nanmin: value_error for zero elements reduced.
array max(const array& a, const axis_arg& axis = {}, bool keepdims = false);
array min(const array& a, const axis_arg& axis = {}, bool keepdims = false);
array amax(const array& a, const axis_arg& axis = {}, bool keepdims = false);
array amin(const array& a, const axis_arg& axis = {}, bool keepdims = false);
array nanmax(const array& a, const axis_arg& axis = {}, bool keepdims = false);
array nanmin(const array& a, const axis_arg& axis = {}, bool keepdims = false);
/// numpy.argmax, argmin: int64 indices (into the flattened array without an axis).
array argmax(const array& a, const axis_arg& axis = {}, bool keepdims = false);
array argmin(const array& a, const axis_arg& axis = {}, bool keepdims = false);
/// numpy.all, any (bool), count_nonzero (int64).
array all(const array& a, const axis_arg& axis = {}, bool keepdims = false);
array any(const array& a, const axis_arg& axis = {}, bool keepdims = false);
array count_nonzero(const array& a, const axis_arg& axis = {}, bool keepdims = false);
/// numpy.ptp: max - min along the axes.
array ptp(const array& a, const axis_arg& axis = {}, bool keepdims = false);
/// numpy.var, std, nanvar, nanstd: the typed routines for a's dtype, reached through
/// visit_dtype inside the library (they fuse the deviation into the second reduction).
array var(const array& a, const axis_arg& axis = {}, bool keepdims = false, double ddof = 0.0);
array stddev(const array& a, const axis_arg& axis = {}, bool keepdims = false, double ddof = 0.0);
array nanvar(const array& a, const axis_arg& axis = {}, bool keepdims = false, double ddof = 0.0);
array nanstd(const array& a, const axis_arg& axis = {}, bool keepdims = false, double ddof = 0.0);

// ---- sorting and scans ------------------------------------------------------------------------

/// numpy.sort and numpy.argsort (stable) of a cupp::array, as the typed overloads
/// (cupp/routines/sorting.hpp): along `axis`, the last by default, std::nullopt for the
/// flattened array.
array sort(const array& a, std::optional<std::int64_t> axis = -1);
array argsort(const array& a, std::optional<std::int64_t> axis = -1);
/// numpy.cumsum, cumprod, nancumsum, nancumprod: the typed routines for a's dtype (int64 for
/// bool and signed integers, uint64 for unsigned ones).
array cumsum(const array& a, std::optional<std::int64_t> axis = std::nullopt);
array cumprod(const array& a, std::optional<std::int64_t> axis = std::nullopt);
array nancumsum(const array& a, std::optional<std::int64_t> axis = std::nullopt);
array nancumprod(const array& a, std::optional<std::int64_t> axis = std::nullopt);

// ---- products ---------------------------------------------------------------------------------

/// numpy.matmul and numpy.dot with a cupp::array among the operands (an ndarray<T> converts):
/// both operands are converted to their promoted dtype, then multiplied as the typed
/// overloads multiply them (cupp/linalg/matmul.hpp, products.hpp), with their checks.
array matmul(const array& a, const array& b);
array dot(const array& a, const array& b);

// ---- implementation ---------------------------------------------------------------------------

namespace detail {
/// One item of an index of a cupp::array: a cupp::array index as its description, the rest as
/// for ndarray<T> (to_fancy_item).
template <class X>
fancy_item to_dynamic_fancy_item(const X& x) {
  if constexpr (std::is_same_v<X, array>)
    return x.desc();
  else if constexpr (std::is_same_v<X, array_selection>)
    return x.eval().desc();
  else
    return to_fancy_item(x);
}
}  // namespace detail

template <class... Idx>
auto array::operator()(const Idx&... idx) const {
  if constexpr ((detail::is_dynamic_index_v<Idx> || ...))
    return array_selection(*this, {detail::to_dynamic_fancy_item(idx)...});
  else
    return array(detail::index_view(desc_, {detail::to_index_item(idx)...}));
}

template <class I, std::enable_if_t<detail::is_dynamic_index_v<I>, int>>
array_selection array::operator[](const I& index) const {
  return array_selection(*this, {detail::to_dynamic_fancy_item(index)});
}

template <class I, std::enable_if_t<std::is_integral_v<I>, int>>
array_selection array::operator[](std::initializer_list<I> index) const {
  return (*this)[std::vector<I>(index)];
}

template <class U>
ndarray<U> array::astype() const {
  ndarray<U> out(shape());
  expr::dynamic_assign(expr::op_desc_of<expr::op_copy>(), {detail::to_dynamic(*this)}, out.desc());
  return out;
}

template <class U>
ndarray<U> array::converted(casting rule) const {
  if (desc_.dt == dtype_of<U>) return ndarray<U>(desc_);
  if (!can_cast(desc_.dt, dtype_of<U>, rule))
    detail::throw_cannot_cast_array(desc_.dt, dtype_of<U>, rule);
  return astype<U>();
}

template <class U>
std::vector<U> array::get(casting rule) const {
  return converted<U>(rule).get();
}

template <class U>
U array::item(casting rule) const {
  CUPP_EXPECTS(size() == 1, value_error, "can only convert an array of size 1 to a Python scalar");
  return converted<U>(rule).item();
}

template <class Op, class B>
array& array::compound(const B& b) {
  static_assert(detail::is_dynamic_operand_v<B>,
                "the right-hand side must be an array, an expression or a C++ number");
  detail::apply_dynamic_out<Op>(*this, *this, b);
  return *this;
}

template <class B>
array& array::operator+=(const B& b) {
  return compound<expr::op_add>(b);
}
template <class B>
array& array::operator-=(const B& b) {
  return compound<expr::op_subtract>(b);
}
template <class B>
array& array::operator*=(const B& b) {
  return compound<expr::op_multiply>(b);
}
template <class B>
array& array::operator/=(const B& b) {
  return compound<expr::op_true_divide>(b);
}
template <class B>
array& array::operator%=(const B& b) {
  return compound<expr::op_remainder>(b);
}
template <class B>
array& array::operator&=(const B& b) {
  return compound<expr::op_bitwise_and>(b);
}
template <class B>
array& array::operator|=(const B& b) {
  return compound<expr::op_bitwise_or>(b);
}
template <class B>
array& array::operator^=(const B& b) {
  return compound<expr::op_bitwise_xor>(b);
}

}  // namespace cupp
