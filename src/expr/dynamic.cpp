// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/expr/dynamic.hpp"

#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include "cupp/core/visit_dtype.hpp"

namespace cupp::expr {

using cupp::detail::array_desc;

// Note [Run-time-typed kernels]: a typed expression finds its kernels in a function-local static
// of its C++ type (Note [Kernel families] in engine.cpp). An op over run-time dtypes has no type
// to hang them on, so its families live in one table, keyed by the op's name and its leaves'
// kinds and dtypes in order ("add(af32,sf32)"): a launch builds that short key and looks it up
// under a lock, the only cost the typed path does not have. The family itself is built from
// the same emitter calls as node<Op, ...>::emit (Note [One generator for both paths]), so the
// kernel of `cupp::array(float32) + 1.5` is, to the byte, that of `ndarray<float> + 1.5`: the
// compiler's memory and disk caches serve both. Each op evaluates eagerly into a new array;
// chains of run-time-typed ops are not fused (docs/array.md).

namespace {

// ---- scalars ------------------------------------------------------------------------------------

template <class T>
inline constexpr bool is_half_v = std::is_same_v<T, float16> || std::is_same_v<T, bfloat16>;

/// A floating value into an integer type: NaN as 0, out-of-range values clamped (NumPy's value
/// there is platform-dependent; C++'s conversion would be undefined).
template <class T>
T float_to_integer(double x) {
  if (std::isnan(x)) return T(0);
  if (x <= static_cast<double>(std::numeric_limits<T>::lowest()))
    return std::numeric_limits<T>::lowest();
  if (x >= static_cast<double>(std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
  return static_cast<T>(x);
}

/// x as T, as expr::store converts a C++ scalar (and, for fill, a complex value to a real type).
template <class T, class X>
T convert_value(X x) {
  if constexpr (is_complex_scalar<X>::value) {
    if constexpr (is_complex_scalar<T>::value) {
      return T(x);
    } else if constexpr (std::is_same_v<T, bool>) {
      return x != X(0);
    } else {
      return convert_value<T>(x.real());
    }
  } else if constexpr (is_half_v<T>) {
    return T(static_cast<double>(x));
  } else if constexpr (is_complex_scalar<T>::value) {
    return T(static_cast<typename T::value_type>(static_cast<double>(x)));
  } else if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool> &&
                       std::is_floating_point_v<X>) {
    return float_to_integer<T>(static_cast<double>(x));
  } else {
    return static_cast<T>(x);
  }
}

template <class T>
T convert_scalar(const weak_scalar& s) {
  switch (s.kind) {
    case scalar_kind::boolean:
      return convert_value<T>(s.i != 0);
    case scalar_kind::integer:
      return s.above_int64 ? convert_value<T>(s.u) : convert_value<T>(s.i);
    case scalar_kind::floating:
      return convert_value<T>(s.f);
    case scalar_kind::complex:
      return convert_value<T>(s.c);
  }
  return T();
}

// ---- the tables of families -----------------------------------------------------------------

template <class Family>
struct family_table {
  std::mutex mutex;
  std::unordered_map<std::string, std::unique_ptr<Family>> families;

  template <class Make>
  Family& get(const std::string& key, Make&& make) {
    const std::lock_guard<std::mutex> lock(mutex);
    auto& slot = families[key];
    if (!slot) slot = std::make_unique<Family>(make());
    return *slot;
  }
};

family_table<detail::kernel_family>& elementwise_table() {
  static family_table<detail::kernel_family> table;
  return table;
}
family_table<detail::reduce_family>& reduce_table() {
  static family_table<detail::reduce_family> table;
  return table;
}

detail::kernel_family& family_for(const op_desc& op, const std::vector<operand_type>& operands,
                                  const resolved_types& t) {
  std::string key = std::string(op.name) + "(";
  for (std::size_t i = 0; i < operands.size(); ++i)
    key += std::string(i ? "," : "") + (operands[i].is_scalar ? "s" : "a") +
           cupp::detail::dtype_short_name(t.leaves[i]);
  key += ")";
  return elementwise_table().get(key, [&] {
    emitter e;
    std::vector<std::string> in;
    for (std::size_t i = 0; i < operands.size(); ++i)
      in.push_back(operands[i].is_scalar ? emit_scalar(e, t.leaves[i])
                                         : emit_array(e, t.leaves[i]));
    detail::family_info info;
    info.expression = emit_op(op, t.loop, t.result, in.data(), in.size());
    info.name = op.name;  // as node<Op, ...>::emit names a node over leaves
    info.arrays = std::move(e.arrays);
    info.scalars = std::move(e.scalars);
    return info;
  });
}

std::vector<operand_type> types_of(const std::vector<dynamic_operand>& operands) {
  std::vector<operand_type> types;
  types.reserve(operands.size());
  for (const dynamic_operand& o : operands)
    types.push_back(o.is_scalar ? operand_type{dtype::bool_, true, o.scalar.kind}
                                : operand_type{o.array.dt, false, scalar_kind::boolean});
  return types;
}

shape_t broadcast_shape_of(const std::vector<dynamic_operand>& operands) {
  std::vector<shape_t> shapes;
  for (const dynamic_operand& o : operands)
    shapes.push_back(o.is_scalar ? shape_t{} : o.array.shape);
  return broadcast_shapes(shapes);
}

/// An op's operands made ready for a launch: their types resolved and the scalars converted
/// (so that a weak integer out of range throws before anything is allocated, as on the typed
/// path, where the scalar is converted when the expression is built).
struct prepared {
  struct alignas(16) scalar_bytes {
    unsigned char b[16];
  };
  std::vector<operand_type> types;
  resolved_types t;
  std::vector<scalar_bytes> bytes;
  operands o;

  prepared(const op_desc& op, const std::vector<dynamic_operand>& args)
      : types(types_of(args)), t(resolve_types(op, types)), bytes(args.size()) {
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (args[i].is_scalar) {
        convert_weak_scalar(args[i].scalar, t.leaves[i], bytes[i].b);
        o.add_scalar(bytes[i].b);
      } else {
        o.add_array(args[i].array);
      }
    }
  }
  /// Evaluates into `out` (the engine casts to out's dtype and broadcasts to its shape).
  void launch(const op_desc& op, const array_desc& out) { family_for(op, types, t).launch(out, o); }
};

}  // namespace

void convert_weak_scalar(const weak_scalar& s, dtype to, void* bytes) {
  if (s.kind == scalar_kind::integer && !is_inexact(to)) {
    if (s.above_int64)
      check_weak_integer(to, s.u);
    else
      check_weak_integer(to, s.i);
  }
  visit_dtype(to, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T v = convert_scalar<T>(s);
    std::memcpy(bytes, &v, sizeof(T));
  });
}

resolved_types resolve_types(const op_desc& op, const std::vector<operand_type>& operands) {
  const std::size_t n = operands.size();
  CUPP_ASSERT(n >= 1 && n <= 3 && (!op.condition || n == 3));
  dtype dts[3];
  bool scalar[3];
  for (std::size_t i = 0; i < n; ++i) {
    dts[i] = operands[i].dt;
    scalar[i] = operands[i].is_scalar;
  }
  // The scalars take their dtype from the arrays' (leaves_dtype), where's from x and y only
  // (make_where).
  const std::size_t first = op.condition ? 1 : 0;
  const dtype arrays = promote_arrays(dts + first, scalar + first, n - first);
  resolved_types t;
  for (std::size_t i = 0; i < n; ++i)
    t.leaves.push_back(scalar[i] ? promote_weak(arrays, operands[i].kind) : dts[i]);
  t.promoted = promote_inputs(op.condition, t.leaves.data(), n, op.type_rule);
  if ((kind_bit(t.promoted) & op.kinds) == 0 ||
      (op.type_rule == rule::ldexp && n == 2 && !ldexp_exponent_ok(t.leaves[1], scalar[1])))
    throw_unsupported(op.name, t.leaves);
  t.loop = loop_dtype(op.type_rule, t.promoted);
  t.result = result_dtype(op.type_rule, t.promoted);
  return t;
}

detail::kernel_family& dynamic_family(const op_desc& op,
                                      const std::vector<operand_type>& operands) {
  return family_for(op, operands, resolve_types(op, operands));
}

array_desc dynamic_apply(const op_desc& op, const std::vector<dynamic_operand>& operands) {
  prepared p(op, operands);
  array_desc out = cupp::detail::make_array(broadcast_shape_of(operands), p.t.result);
  p.launch(op, out);
  return out;
}

void dynamic_apply_out(const op_desc& op, const std::vector<dynamic_operand>& operands,
                       const array_desc& out) {
  prepared p(op, operands);
  const shape_t shape = broadcast_shape_of(operands);
  if (shape != out.shape) throw_out_shape(out.shape, shape);
  if (!can_cast(p.t.result, out.dt, casting::same_kind))
    throw_cannot_cast(op.name, p.t.result, out.dt);
  p.launch(op, out);
}

void dynamic_assign(const op_desc& op, const std::vector<dynamic_operand>& operands,
                    const array_desc& out) {
  prepared(op, operands).launch(op, out);
}

detail::reduce_family& dynamic_reduce_family(const reduce_desc& op, dtype in, dtype acc) {
  const std::string key = std::string(op.name) + "(a" + cupp::detail::dtype_short_name(in) + ")" +
                          cupp::detail::dtype_short_name(acc);
  return reduce_table().get(key, [&] {
    emitter e;
    std::string expression = emit_array(e, in);
    return make_reduce_info(std::move(e), std::move(expression), op, acc);
  });
}

array_desc dynamic_reduce(const reduce_desc& op, const array_desc& a, const axis_arg& axis,
                          bool keepdims, dtype acc, dtype out) {
  const reduce_target t = make_reduce_target(a.shape, axis, keepdims, out, op.no_identity);
  operands o;
  o.add_array(a);
  dynamic_reduce_family(op, a.dt, acc).launch(t.target, o, a.shape, t.axes);
  return t.out;
}

}  // namespace cupp::expr
