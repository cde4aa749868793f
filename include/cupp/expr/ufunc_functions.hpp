// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The public functions of a ufunc, as macros of its name: CUPP_TYPED_UFUNCn(name) for the typed
// operands (arrays, expressions, C++ scalars; expr/ufuncs.hpp) and CUPP_DYNAMIC_UFUNCn(name) for
// cupp::array operands (core/runtime_array.hpp), n the number of operands. Every row of a ufunc
// table expands them in the namespace its functions belong to: cupp for expr/ufuncs.def,
// cupp::scipy::special for scipy/special/ufuncs.def. The names they use are fully qualified, so
// that they mean the same in either namespace. The _OP forms name the op struct of the row
// (cupp::expr::op_<name> for expr/ufuncs.def, op_special_<name> for scipy/special/ufuncs.def, so
// that a special function may share a NumPy ufunc's name, as scipy.special.round does).
#pragma once

#define CUPP_TYPED_UFUNC1_OP(name, op_type)                                                       \
  template <class A, std::enable_if_t<::cupp::expr::args_ok<A>, int> = 0>                         \
  auto name(const A& a) {                                                                         \
    return ::cupp::expr::make_node<::cupp::expr::op_type>(a);                                     \
  }                                                                                               \
  template <class A, class... None,                                                               \
            std::enable_if_t<::cupp::expr::scalars_only<A> && sizeof...(None) == 0, int> = 0>     \
  auto name(const A& a, None...) {                                                                \
    return ::cupp::expr::make_node<::cupp::expr::op_type>(a).eval();                              \
  }                                                                                               \
  template <class A, class T,                                                                     \
            std::enable_if_t<::cupp::expr::args_ok<A> || ::cupp::expr::scalars_only<A>, int> = 0> \
  const ::cupp::ndarray<T>& name(const A& a, const ::cupp::ndarray<T>& out) {                     \
    ::cupp::expr::assign_out<::cupp::expr::op_type>(out, a);                                      \
    return out;                                                                                   \
  }
#define CUPP_TYPED_UFUNC2_OP(name, op_type)                                                       \
  template <class A, class B, std::enable_if_t<::cupp::expr::args_ok<A, B>, int> = 0>             \
  auto name(const A& a, const B& b) {                                                             \
    return ::cupp::expr::make_node<::cupp::expr::op_type>(a, b);                                  \
  }                                                                                               \
  template <class A, class B, class... None,                                                      \
            std::enable_if_t<::cupp::expr::scalars_only<A, B> && sizeof...(None) == 0, int> = 0>  \
  auto name(const A& a, const B& b, None...) {                                                    \
    return ::cupp::expr::make_node<::cupp::expr::op_type>(a, b).eval();                           \
  }                                                                                               \
  template <                                                                                      \
      class A, class B, class T,                                                                  \
      std::enable_if_t<::cupp::expr::args_ok<A, B> || ::cupp::expr::scalars_only<A, B>, int> = 0> \
  const ::cupp::ndarray<T>& name(const A& a, const B& b, const ::cupp::ndarray<T>& out) {         \
    ::cupp::expr::assign_out<::cupp::expr::op_type>(out, a, b);                                   \
    return out;                                                                                   \
  }
#define CUPP_TYPED_UFUNC3_OP(name, op_type)                                                       \
  template <class A, class B, class C, std::enable_if_t<::cupp::expr::args_ok<A, B, C>, int> = 0> \
  auto name(const A& a, const B& b, const C& c) {                                                 \
    return ::cupp::expr::make_node<::cupp::expr::op_type>(a, b, c);                               \
  }                                                                                               \
  template <class A, class B, class C, class... None,                                             \
            std::enable_if_t<::cupp::expr::scalars_only<A, B, C> && sizeof...(None) == 0, int> =  \
                0>                                                                                \
  auto name(const A& a, const B& b, const C& c, None...) {                                        \
    return ::cupp::expr::make_node<::cupp::expr::op_type>(a, b, c).eval();                        \
  }                                                                                               \
  template <class A, class B, class C, class T,                                                   \
            std::enable_if_t<                                                                     \
                ::cupp::expr::args_ok<A, B, C> || ::cupp::expr::scalars_only<A, B, C>, int> = 0>  \
  const ::cupp::ndarray<T>& name(const A& a, const B& b, const C& c,                              \
                                 const ::cupp::ndarray<T>& out) {                                 \
    ::cupp::expr::assign_out<::cupp::expr::op_type>(out, a, b, c);                                \
    return out;                                                                                   \
  }

#define CUPP_DYNAMIC_UFUNC1_OP(name, op_type)                                            \
  template <class A, std::enable_if_t<::cupp::detail::dynamic_args_v<A>, int> = 0>       \
  ::cupp::array name(const A& a) {                                                       \
    return ::cupp::detail::apply_dynamic<::cupp::expr::op_type>(a);                      \
  }                                                                                      \
  template <class A, std::enable_if_t<::cupp::detail::is_dynamic_operand_v<A>, int> = 0> \
  ::cupp::array name(const A& a, const ::cupp::array& out) {                             \
    ::cupp::detail::apply_dynamic_out<::cupp::expr::op_type>(out, a);                    \
    return out;                                                                          \
  }
#define CUPP_DYNAMIC_UFUNC2_OP(name, op_type)                                                      \
  template <class A, class B, std::enable_if_t<::cupp::detail::dynamic_args_v<A, B>, int> = 0>     \
  ::cupp::array name(const A& a, const B& b) {                                                     \
    return ::cupp::detail::apply_dynamic<::cupp::expr::op_type>(a, b);                             \
  }                                                                                                \
  template <class A, class B,                                                                      \
            std::enable_if_t<                                                                      \
                ::cupp::detail::is_dynamic_operand_v<A>&& ::cupp::detail::is_dynamic_operand_v<B>, \
                int> = 0>                                                                          \
  ::cupp::array name(const A& a, const B& b, const ::cupp::array& out) {                           \
    ::cupp::detail::apply_dynamic_out<::cupp::expr::op_type>(out, a, b);                           \
    return out;                                                                                    \
  }
#define CUPP_DYNAMIC_UFUNC3_OP(name, op_type)                                   \
  template <class A, class B, class C,                                          \
            std::enable_if_t<::cupp::detail::dynamic_args_v<A, B, C>, int> = 0> \
  ::cupp::array name(const A& a, const B& b, const C& c) {                      \
    return ::cupp::detail::apply_dynamic<::cupp::expr::op_type>(a, b, c);       \
  }

#define CUPP_TYPED_UFUNC1(name) CUPP_TYPED_UFUNC1_OP(name, op_##name)
#define CUPP_TYPED_UFUNC2(name) CUPP_TYPED_UFUNC2_OP(name, op_##name)
#define CUPP_TYPED_UFUNC3(name) CUPP_TYPED_UFUNC3_OP(name, op_##name)
#define CUPP_DYNAMIC_UFUNC1(name) CUPP_DYNAMIC_UFUNC1_OP(name, op_##name)
#define CUPP_DYNAMIC_UFUNC2(name) CUPP_DYNAMIC_UFUNC2_OP(name, op_##name)
#define CUPP_DYNAMIC_UFUNC3(name) CUPP_DYNAMIC_UFUNC3_OP(name, op_##name)
