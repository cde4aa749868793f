// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Lazy elementwise expressions: node<Op, Operands...> holds its operands by value (arrays are
// shared handles, scalars are stored converted) and evaluates into one generated kernel.
#pragma once

#include <complex>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/array_methods.hpp"
#include "cupp/core/dtype.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/promotion.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/expr/engine.hpp"
#include "cupp/expr/type_rules.hpp"
#include "cupp/fwd.hpp"

namespace cupp::expr {

/// Base of every expression node.
struct node_base {};

template <class X>
inline constexpr bool is_node_v = std::is_base_of_v<node_base, X>;

template <class X>
struct is_array : std::false_type {};
template <class T>
struct is_array<ndarray<T>> : std::true_type {};
template <class X>
inline constexpr bool is_array_v = is_array<X>::value;

/// Selections, a[mask] and a[idx] (cupp::indexed<T>): operands evaluated once, into an array,
/// where they are used (Note [Selections as operands] in cupp/routines/indexing.hpp).
template <class X>
struct is_selection : std::false_type {};
template <class T>
struct is_selection<indexed<T>> : std::true_type {};
template <class X>
inline constexpr bool is_selection_v = is_selection<X>::value;

/// Arrays, expressions and selections: what an elementwise function needs at least one of.
template <class X>
inline constexpr bool is_operand_v = is_node_v<X> || is_array_v<X> || is_selection_v<X>;

template <class X>
struct is_complex_scalar : std::false_type {};
template <class R>
struct is_complex_scalar<std::complex<R>> : std::true_type {};

/// C++ numbers, which act as NumPy's "weak" Python scalars (NEP 50).
template <class X>
inline constexpr bool is_scalar_v = std::is_arithmetic_v<X> || is_complex_scalar<X>::value ||
                                    std::is_same_v<X, float16> || std::is_same_v<X, bfloat16>;

/// A scalar leaf, already converted to the dtype it takes part in the expression with.
template <class T>
struct scalar {
  T value;
};

/// An elementwise operation as the code generator sees it: the columns of its row of ufuncs.def
/// (or where, copy). The typed ops (op_add, ...) carry the same fields as static members;
/// op_desc_of<Op>() reads them into a value for the run-time-typed path (cupp/expr/dynamic.hpp).
struct op_desc {
  const char* name;
  rule type_rule;
  unsigned kinds;
  const char* function;  // empty for a plain cast (copy) and for where
  bool condition;        // where: the first operand picks, and takes no part in promotion
};
template <class Op>
constexpr op_desc op_desc_of() noexcept {
  return {Op::name, Op::type_rule, Op::kinds, Op::function, Op::condition};
}

// Note [One generator for both paths]: the CUDA source of an expression is built by the three
// functions below, whether the expression is a C++ type (node<Op, ...>::emit) or is described at
// run time (cupp::array's operators, cupp/expr/dynamic.hpp). An op over leaves of the same
// dtypes in the same order therefore has the same source, hence the same kernel cache key, on
// both paths.

/// Records an array (scalar) leaf of dtype `dt` and returns its name in generated code: v<k>
/// (s<k>) for the k-th array (scalar) leaf.
std::string emit_array(emitter& e, dtype dt);
std::string emit_scalar(emitter& e, dtype dt);
/// The CUDA expression of `op` over its n operands' expressions `in`, computed in the device
/// type of `loop` (compute_dtype) and cast to that of `result`.
std::string emit_op(const op_desc& op, dtype loop, dtype result, const std::string* in,
                    std::size_t n);

// Note [Promoting several dtypes]: numpy.result_type of three or more dtypes is not promote_types
// folded left to right: result_type(int8, uint8, float16) is float16 where the fold gives
// float32, and 13 more triples of the 14 dtypes differ. NumPy (PyArray_PromoteDTypeSequence)
// first pairs the dtypes from both ends, keeping in each pair the one that "knows" the other
// (the larger legacy type number; float16 is the largest), until one main dtype is left, then
// promotes the main dtype with each input that was not found redundant on the way, and those
// results with one another. result_type_of follows it step by step; tests/data holds NumPy's
// answer for every triple.

/// NumPy's legacy type number of a dtype (bfloat16 ranks with float16, Note [bfloat16
/// promotion]).
constexpr int numpy_type_number(dtype d) noexcept {
  constexpr int kNumbers[] = {0, 1, 3, 5, 7, 2, 4, 6, 8, 23, 23, 11, 12, 14, 15};
  return kNumbers[static_cast<int>(d)];
}

/// numpy.result_type(d[0], ..., d[n-1]) of n >= 1 dtypes, at most 8 (Note [Promoting several
/// dtypes]).
constexpr dtype result_type_of(const dtype* in, std::size_t n) noexcept {
  if (n == 1) return in[0];
  if (n == 2) return promote_types(in[0], in[1]);
  dtype d[8] = {};
  bool live[8] = {};
  for (std::size_t i = 0; i < n && i < 8; ++i) {
    d[i] = in[i];
    live[i] = true;
  }
  // Pair from both ends; a pair's common dtype is "not implemented" by the lower type number.
  bool known = false;  // whether `common` holds the last pair's common dtype
  dtype common = d[0];
  for (std::size_t length = n;;) {
    const std::size_t half = length / 2;
    for (std::size_t low = 0; low < half; ++low) {
      const std::size_t high = length - 1 - low;
      if (d[high] == d[low]) {
        known = true;
        common = d[low];
      } else if (numpy_type_number(d[high]) > numpy_type_number(d[low])) {
        known = false;
        const dtype t = d[low];
        d[low] = d[high];
        d[high] = t;
        const bool l = live[low];
        live[low] = live[high];
        live[high] = l;
        continue;
      } else {
        known = true;
        common = promote_types(d[low], d[high]);
      }
      if (common == d[low]) live[high] = false;
    }
    if (length == 2) break;
    length -= half;
  }
  const dtype main = d[0];
  bool have = known;
  dtype result = common;
  for (std::size_t i = known ? 2 : 1; i < n; ++i) {
    if (!live[i] || d[i] == main) continue;
    const dtype current = promote_types(main, d[i]);
    result = have ? promote_types(result, current) : current;
    have = true;
  }
  return have ? result : main;
}

/// The dtype an op's inputs promote to, as numpy.result_type of them: every input, or for
/// where (`condition`) every input but the first, or for ldexp the first alone (its exponent
/// takes no part). `n` is at least 1 (2 for where).
constexpr dtype promote_inputs(bool condition, const dtype* d, std::size_t n,
                               rule r = rule::same) noexcept {
  if (r == rule::ldexp) return d[0];
  const std::size_t first = condition ? 1 : 0;
  return result_type_of(d + first, n - first);
}

/// What the generator and the evaluator need of each kind of operand.
template <class X>
struct operand;

template <class T>
struct operand<ndarray<T>> {
  static constexpr dtype dt = dtype_of<T>;
  static const shape_t& shape(const ndarray<T>& a) { return a.shape(); }
  static std::string emit(emitter& e) { return emit_array(e, dt); }
  static void collect(const ndarray<T>& a, operands& o) { o.add_array(a.desc()); }
};

template <class T>
struct operand<scalar<T>> {
  static constexpr dtype dt = dtype_of<T>;
  static const shape_t& shape(const scalar<T>&) {
    static const shape_t scalar_shape;
    return scalar_shape;
  }
  static std::string emit(emitter& e) { return emit_scalar(e, dt); }
  static void collect(const scalar<T>& s, operands& o) { o.add_scalar(&s.value); }
};

/// numpy.result_type of the dtypes given (Note [Promoting several dtypes]).
template <class... Rest>
constexpr dtype promote_all(dtype first, Rest... rest) noexcept {
  const dtype all[] = {first, rest...};
  return result_type_of(all, 1 + sizeof...(Rest));
}

[[noreturn]] void throw_unsupported(const char* ufunc, const std::vector<dtype>& inputs);
[[noreturn]] void throw_cannot_cast(const char* ufunc, dtype from, dtype to);
[[noreturn]] void throw_out_shape(const shape_t& out, const shape_t& broadcast);

template <class Op, class... Args>
constexpr dtype promoted_dtype() noexcept {
  const dtype inputs[] = {operand<Args>::dt...};
  return promote_inputs(Op::condition, inputs, sizeof...(Args), Op::type_rule);
}

template <class X>
struct is_scalar_leaf : std::false_type {};
template <class T>
struct is_scalar_leaf<scalar<T>> : std::true_type {};

/// Whether Op has a loop for its promoted input dtype (and, for ldexp, for its exponent).
template <class Op, class... Args>
constexpr bool supported_inputs() noexcept {
  if ((kind_bit(promoted_dtype<Op, Args...>()) & Op::kinds) == 0) return false;
  if constexpr (Op::type_rule == rule::ldexp && sizeof...(Args) == 2) {
    const dtype inputs[] = {operand<Args>::dt...};
    const bool scalar[] = {is_scalar_leaf<Args>::value...};
    return ldexp_exponent_ok(inputs[1], scalar[1]);
  }
  return true;
}

/// An elementwise operation `Op` (a row of ufuncs.def) applied to its operands.
template <class Op, class... Args>
class node : public node_base {
 public:
  static constexpr cupp::dtype promoted = promoted_dtype<Op, Args...>();
  static constexpr cupp::dtype loop = loop_dtype(Op::type_rule, promoted);
  static constexpr cupp::dtype result = result_dtype(Op::type_rule, promoted);
  static constexpr bool supported = supported_inputs<Op, Args...>();
  using value_type = type_of_t<result>;

  explicit node(Args... args) : args_(std::move(args)...) {
    if constexpr (!supported) throw_unsupported(Op::name, {operand<Args>::dt...});
    shape_ = std::apply(
        [](const Args&... a) { return broadcast_shapes({operand<Args>::shape(a)...}); }, args_);
  }

  const shape_t& shape() const noexcept { return shape_; }
  std::int64_t ndim() const noexcept { return static_cast<std::int64_t>(shape_.size()); }
  std::int64_t size() const { return shape_size(shape_); }
  static constexpr cupp::dtype dtype() noexcept { return result; }

  /// The CUDA expression of this node's value, of its result dtype's device type.
  static std::string emit(emitter& e) {
    const std::string in[] = {operand<Args>::emit(e)...};
    e.name += e.name.empty() ? Op::name : std::string("_") + Op::name;
    return emit_op(op_desc_of<Op>(), loop, result, in, sizeof...(Args));
  }

  void collect(operands& o) const {
    std::apply([&](const Args&... a) { (operand<Args>::collect(a, o), ...); }, args_);
  }
  /// The operands, as stored.
  const std::tuple<Args...>& args() const noexcept { return args_; }

  /// Evaluates into a new C-contiguous array.
  ndarray<value_type> eval() const;
  // NumPy's method forms of the reductions: a.sum(axis, keepdims), a.max(), ...
  CUPP_REDUCTION_METHODS
  // The other methods of cupy.ndarray (Note [Method forms]).
  CUPP_EXPRESSION_METHODS

 private:
  std::tuple<Args...> args_;
  shape_t shape_;
};

/// The C-order flat index of the element being computed, as an int64 leaf. Meaningful only when
/// evaluated into a C-contiguous output (creation routines use it for fresh arrays).
struct flat_index {};

template <>
struct operand<flat_index> {
  static constexpr dtype dt = dtype::int64;
  static const shape_t& shape(const flat_index&) {
    static const shape_t scalar_shape;
    return scalar_shape;
  }
  static std::string emit(emitter&) { return "cupp_i"; }
  static void collect(const flat_index&, operands&) {}
};

template <>
inline constexpr bool is_operand_v<flat_index> = true;

template <class Op, class... Args>
struct operand<node<Op, Args...>> {
  static constexpr dtype dt = node<Op, Args...>::result;
  static const shape_t& shape(const node<Op, Args...>& n) { return n.shape(); }
  static std::string emit(emitter& e) { return node<Op, Args...>::emit(e); }
  static void collect(const node<Op, Args...>& n, operands& o) { n.collect(o); }
};

/// The kernels of expression type E, built from E the first time E is evaluated.
template <class E>
detail::kernel_family& family_of() {
  static detail::kernel_family family([] {
    emitter e;
    detail::family_info info;
    info.expression = operand<E>::emit(e);
    info.name = std::move(e.name);
    info.arrays = std::move(e.arrays);
    info.scalars = std::move(e.scalars);
    return info;
  }());
  return family;
}

// ---- expressions of any size -------------------------------------------------------------------
//
// Note [Splitting large expressions]: one kernel takes at most operands::kMaxArrays array and
// kMaxScalars scalar leaves that differ (Note [Kernel parameter space] in src/expr/engine.cpp).
// An expression type is counted at compile time, per use of a leaf; a type within the limits
// takes the one-kernel path and nothing else is instantiated for it. A larger type first tries
// one kernel anyway, since repeated leaves are bound to one parameter at launch (Note [Leaf
// binding] in src/expr/kernel_slots.hpp): Black-Scholes written with `auto` intermediates uses
// its three arrays hundreds of times and runs as one kernel over three. Only when the distinct
// leaves are still too many is the tree split, by splitter<E>: subtrees within the limits stay
// fused; a node whose split children together still exceed them evaluates its expression
// children into temporaries of their result dtype and becomes a node over those arrays. Each
// node casts its value to its result dtype in the generated code, so an evaluated child holds
// the values the fused child gave its parent. (A child that uses flat_index, the creation
// routines' leaf, would see its own flat index; no creation routine comes near the limits.)

/// The array and scalar leaves of an operand type, each use counted.
template <class X>
struct leaf_count {
  static constexpr int arrays = 0;
  static constexpr int scalars = 0;
};
template <class T>
struct leaf_count<ndarray<T>> {
  static constexpr int arrays = 1;
  static constexpr int scalars = 0;
};
template <class T>
struct leaf_count<scalar<T>> {
  static constexpr int arrays = 0;
  static constexpr int scalars = 1;
};
template <class Op, class... Args>
struct leaf_count<node<Op, Args...>> {
  static constexpr int arrays = (0 + ... + leaf_count<Args>::arrays);
  static constexpr int scalars = (0 + ... + leaf_count<Args>::scalars);
};

/// Whether every instance of X runs as one kernel, whatever its leaves' values.
template <class X>
inline constexpr bool fits_one_kernel_v = leaf_count<X>::arrays <= operands::kMaxArrays &&
                                          leaf_count<X>::scalars <= operands::kMaxScalars;

/// An operand of a split node: an expression becomes the array it evaluates to.
template <class X, bool = is_node_v<X>>
struct evaluated_type {
  using type = X;
};
template <class X>
struct evaluated_type<X, true> {
  using type = ndarray<typename X::value_type>;
};
template <class X>
auto evaluated(const X& x) {
  if constexpr (is_node_v<X>)
    return x.eval();
  else
    return x;
}

/// X rewritten into a type that fits one kernel (Note [Splitting large expressions]).
template <class X>
struct splitter {
  using type = X;
  static const X& apply(const X& x) { return x; }
};
template <class Op, class... Args>
struct splitter<node<Op, Args...>> {
  using node_t = node<Op, Args...>;
  using fused = node<Op, typename splitter<Args>::type...>;
  using split_children = node<Op, typename evaluated_type<typename splitter<Args>::type>::type...>;
  using type = std::conditional_t<fits_one_kernel_v<node_t>, node_t,
                                  std::conditional_t<fits_one_kernel_v<fused>, fused, split_children>>;

  static type apply(const node_t& n) {
    if constexpr (fits_one_kernel_v<node_t>) {
      return n;
    } else {
      return std::apply(
          [](const Args&... a) {
            if constexpr (fits_one_kernel_v<fused>)
              return type(splitter<Args>::apply(a)...);
            else
              return type(evaluated(splitter<Args>::apply(a))...);
          },
          n.args());
    }
  }
};

/// Evaluates `e` into `out` (cast to out's dtype, broadcast to its shape): one kernel, unless
/// the expression is too large for one (Note [Splitting large expressions]).
template <class E>
void assign(const E& e, const cupp::detail::array_desc& out) {
  operands o;
  operand<E>::collect(e, o);
  if constexpr (fits_one_kernel_v<E>) {
    family_of<E>().launch(out, o);
  } else {
    if (!family_of<E>().try_launch(out, o)) assign(splitter<E>::apply(e), out);
  }
}

// ---- building nodes from arrays, expressions and C++ scalars ---------------------------------

template <class X>
constexpr dtype operand_dtype() noexcept {
  if constexpr (is_scalar_v<X>) {
    return dtype::bool_;  // not used: scalars take no part in promoting the arrays
  } else {
    return operand<X>::dt;
  }
}

/// The promoted dtype of the operands d[i] that are not scalars (scalar[i] false), as
/// numpy.result_type of them; bool when every operand is a scalar. The dtype C++ scalars take part in an
/// operation with follows from it (promote_weak), on the typed and the run-time-typed path.
constexpr dtype promote_arrays(const dtype* d, const bool* scalar, std::size_t n) noexcept {
  dtype arrays[8] = {};
  std::size_t k = 0;
  for (std::size_t i = 0; i < n && k < 8; ++i) {
    if (!scalar[i]) arrays[k++] = d[i];
  }
  return k == 0 ? dtype::bool_ : result_type_of(arrays, k);
}

/// The promoted dtype of the non-scalar operands.
template <class... X>
constexpr dtype arrays_dtype() noexcept {
  const dtype all[] = {operand_dtype<X>()...};
  const bool scalar[] = {is_scalar_v<X>...};
  return promote_arrays(all, scalar, sizeof...(X));
}

template <class S>
constexpr scalar_kind kind_of_scalar() noexcept {
  if constexpr (std::is_same_v<S, float16> || std::is_same_v<S, bfloat16>)
    return scalar_kind::floating;
  else
    return scalar_kind_of<S>;
}

template <class X, dtype Arrays>
auto store(const X& x) {
  if constexpr (is_scalar_v<X>) {
    using T = type_of_t<promote_weak(Arrays, kind_of_scalar<X>())>;
    if constexpr (std::is_integral_v<X> && !std::is_same_v<X, bool> && std::is_integral_v<T>) {
      if constexpr (std::is_signed_v<X>)
        check_weak_integer(dtype_of<T>, static_cast<long long>(x));
      else
        check_weak_integer(dtype_of<T>, static_cast<unsigned long long>(x));
    }
    if constexpr (std::is_same_v<T, float16> || std::is_same_v<T, bfloat16>) {
      return scalar<T>{T(static_cast<double>(x))};
    } else if constexpr (is_complex_scalar<T>::value && !is_complex_scalar<X>::value) {
      return scalar<T>{T(static_cast<typename T::value_type>(static_cast<double>(x)))};
    } else if constexpr (is_complex_scalar<X>::value) {
      return scalar<T>{T(x)};
    } else {
      return scalar<T>{static_cast<T>(x)};
    }
  } else if constexpr (is_selection_v<X>) {
    return x.operand_value();  // the selected elements, as an array leaf
  } else {
    return x;
  }
}

/// NumPy's dtype of a Python scalar of S's kind: np.asarray(True), (1), (1.0) and (1j) are bool,
/// int64, float64 and complex128.
template <class S>
constexpr dtype python_scalar_dtype() noexcept {
  constexpr scalar_kind k = kind_of_scalar<S>();
  if constexpr (k == scalar_kind::boolean)
    return dtype::bool_;
  else if constexpr (k == scalar_kind::integer)
    return dtype::int64;
  else if constexpr (k == scalar_kind::floating)
    return dtype::float64;
  else
    return dtype::complex128;
}

/// The dtype the scalars of an expression take: that of its arrays (NEP 50's weak scalars), or,
/// with scalars alone, that of the scalars as Python's, promoted (np.add(1, 2.5) is float64).
template <class... X>
constexpr dtype leaves_dtype() noexcept {
  if constexpr ((is_operand_v<X> || ...))
    return arrays_dtype<X...>();
  else
    return promote_all(python_scalar_dtype<X>()...);
}

/// node<Op, ...> from any mix of arrays, expressions, selections and C++ scalars.
template <class Op, class... X>
auto make_node(const X&... x) {
  constexpr dtype arrays = leaves_dtype<X...>();
  return node<Op, decltype(store<X, arrays>(x))...>(store<X, arrays>(x)...);
}

// ---- the ops of ufuncs.def ---------------------------------------------------------------------

#define CUPP_UFUNC_OP_AS(struct_, name_, rule_, kinds_, function_) \
  struct struct_ {                                                 \
    static constexpr const char* name = #name_;                    \
    static constexpr rule type_rule = rule::rule_;                 \
    static constexpr unsigned kinds = parse_kinds(kinds_);         \
    static constexpr const char* function = function_;             \
    static constexpr bool condition = false;                       \
  };
#define CUPP_UFUNC_OP(name_, rule_, kinds_, function_) \
  CUPP_UFUNC_OP_AS(op_##name_, name_, rule_, kinds_, function_)
#define CUPP_UFUNC1(name, rule, kinds, function, doc) CUPP_UFUNC_OP(name, rule, kinds, function)
#define CUPP_UFUNC2(name, rule, kinds, function, doc) CUPP_UFUNC_OP(name, rule, kinds, function)
#define CUPP_UFUNC3(name, rule, kinds, function, doc) CUPP_UFUNC_OP(name, rule, kinds, function)
#include "cupp/expr/ufuncs.def"
#undef CUPP_UFUNC1
#undef CUPP_UFUNC2
#undef CUPP_UFUNC3
// The special functions' ops are op_special_<name>: scipy.special.round is not numpy's round.
#define CUPP_SPECIAL_OP(name, rule, kinds, function) \
  CUPP_UFUNC_OP_AS(op_special_##name, name, rule, kinds, function)
#define CUPP_UFUNC1(name, rule, kinds, function, doc) CUPP_SPECIAL_OP(name, rule, kinds, function)
#define CUPP_UFUNC2(name, rule, kinds, function, doc) CUPP_SPECIAL_OP(name, rule, kinds, function)
#define CUPP_UFUNC3(name, rule, kinds, function, doc) CUPP_SPECIAL_OP(name, rule, kinds, function)
#include "cupp/scipy/special/ufuncs.def"
#undef CUPP_UFUNC1
#undef CUPP_UFUNC2
#undef CUPP_UFUNC3
#undef CUPP_SPECIAL_OP

/// A cast to the output dtype and nothing else: astype, and writing one array into another.
struct op_copy {
  static constexpr const char* name = "copy";
  static constexpr rule type_rule = rule::same;
  static constexpr unsigned kinds = parse_kinds("bifc");
  static constexpr const char* function = "";
  static constexpr bool condition = false;
};

/// numpy.where(cond, x, y): x where cond is true, else y; the dtype is that of x and y promoted.
struct op_where {
  static constexpr const char* name = "where";
  static constexpr rule type_rule = rule::same;
  static constexpr unsigned kinds = parse_kinds("bifc");
  static constexpr const char* function = "";
  static constexpr bool condition = true;
};

/// node<op_where, ...>: scalars among x and y take their dtype from the arrays among x and y.
template <class C, class X, class Y>
auto make_where(const C& c, const X& x, const Y& y) {
  constexpr dtype arrays = arrays_dtype<X, Y>();
  return node<op_where, decltype(store<C, arrays>(c)), decltype(store<X, arrays>(x)),
              decltype(store<Y, arrays>(y))>(store<C, arrays>(c), store<X, arrays>(x),
                                             store<Y, arrays>(y));
}
#undef CUPP_UFUNC_OP

}  // namespace cupp::expr
