// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// ReductionKernel: a user's map and reduce expressions with CuPy's signature strings, run by the
// reduction engine (broadcasting, any set of axes, keepdims, the split and vectorised strategies,
// the kernel cache).
#pragma once

#include <memory>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/ndarray.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/expr/expression.hpp"
#include "cupp/jit/elementwise_kernel.hpp"

namespace cupp {

namespace jit::detail {

/// The type-erased part of a ReductionKernel: its signature bound to dtypes, and one engine
/// family per pattern of inputs passed as scalars.
class red_kernel {
 public:
  red_kernel(const std::string& in_params, const std::string& out_params, std::string map_expr,
             std::string reduce_expr, std::string post_map_expr, std::string identity,
             std::string name, std::string reduce_type, std::string preamble,
             std::vector<std::string> options, std::vector<dtype> param_dtypes);
  ~red_kernel();

  std::size_t n_in() const noexcept;
  /// The parameters' dtypes, the inputs then the output.
  std::vector<dtype> param_dtypes() const;
  /// The CUDA source of one variant, every input an array (for tests): `kept` and `reduced`
  /// dimensions, the inner strategy, 32-bit indexing.
  std::string source(int kept, int reduced) const;

  /// The shape of the result of reducing `in_shape` over `axis`.
  shape_t out_shape(const shape_t& in_shape, const axis_arg& axis, bool keepdims) const;
  /// Reduces the inputs (broadcast to `in_shape`) over `axis` into `out`, whose shape must be
  /// out_shape(in_shape, axis, keepdims). `inputs[k]` is an array description (is_scalar[k]
  /// false) or a pointer to a scalar of input k's dtype.
  void launch(const cupp::detail::array_desc& out, const std::vector<const void*>& inputs,
              const std::vector<bool>& is_scalar, const shape_t& in_shape, const axis_arg& axis,
              bool keepdims);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

[[noreturn]] void throw_red_arity(std::size_t n_in, std::size_t given);

/// A ReductionKernel (typed or generic) bound to a set of axes (CuPy's axis= and keepdims=),
/// made by its axis(); called as the kernel.
template <class Kernel>
class reduction_along {
 public:
  /// With the inputs only: returns a new array. With the inputs and then the output: writes into
  /// the output, whose shape must be the reduced shape.
  template <class... A>
  auto operator()(const A&... args) const {
    return k_->call(axis_, keepdims_, args...);
  }

 private:
  friend Kernel;
  reduction_along(const Kernel* k, axis_arg axis, bool keepdims)
      : k_(k), axis_(std::move(axis)), keepdims_(keepdims) {}
  const Kernel* k_;
  axis_arg axis_;
  bool keepdims_;
};

/// The type-erased part of a generic ReductionKernel: the signature, and one red_kernel per
/// combination of argument dtypes (Note [Generic kernels] in elementwise_kernel.cpp).
class red_generic {
 public:
  red_generic(const std::string& in_params, const std::string& out_params, std::string map_expr,
              std::string reduce_expr, std::string post_map_expr, std::string identity,
              std::string name, std::string reduce_type, std::string preamble,
              std::vector<std::string> options);
  ~red_generic();

  /// The kernel bound to the dtypes of these arguments (the inputs, then the output if passed),
  /// made on the first call with them.
  std::shared_ptr<red_kernel> bound(const call_arg* args, std::size_t n);
  /// Reduces over `axis`; returns the output (made when not passed).
  cupp::detail::array_desc call(const call_arg* args, std::size_t n, const axis_arg& axis,
                                bool keepdims);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace jit::detail

/// A reduction from a user's expressions, as cupy.ReductionKernel. `Types` are the C++ element
/// types of the parameters, the inputs and then the one output, in the order the signature
/// lists them; they must agree with the signature's dtypes and bind its type placeholders:
///
/// ```
/// cupp::ReductionKernel<float, float> l2norm("T x", "T y", "x * x", "a + b", "y = sqrt(a)", "0",
///                                            "l2norm");
/// auto n = l2norm(x);                // over every axis: a 0-d array
/// auto rows = l2norm.axis(1)(x);     // over axis 1
/// l2norm.axis(1)(x, out);            // into an existing output
/// ```
///
/// Each element is mapped by `map_expr` (over the inputs' names), the mapped values are combined
/// by `reduce_expr` (over `a` and `b`, associative: the engine combines them in any grouping,
/// though always in the same order for one input and launch), starting from `identity`, and the
/// result `a` is written to the output by `post_map_expr`. `reduce_type` is the type of `a` and
/// `b` (a dtype name, a placeholder or a CUDA type; the output's type by default). Inputs
/// broadcast, and an input may be a C++ scalar. A reduction over no elements gives `identity`;
/// with an empty `identity` it throws value_error, as NumPy's reductions without one do.
template <class... Types>
class ReductionKernel {
  using out_t = std::tuple_element_t<sizeof...(Types) - 1, std::tuple<Types...>>;

 public:
  /// cupy.ReductionKernel(in_params, out_params, map_expr, reduce_expr, post_map_expr, identity,
  /// name, reduce_type, ...): the signature is parsed and checked against `Types` here; the
  /// kernel compiles when first needed.
  ReductionKernel(const std::string& in_params, const std::string& out_params,
                  std::string map_expr, std::string reduce_expr, std::string post_map_expr,
                  std::string identity, std::string name = "reduce_kernel",
                  std::string reduce_type = "", std::string preamble = "",
                  std::vector<std::string> options = {})
      : impl_(std::make_shared<jit::detail::red_kernel>(
            in_params, out_params, std::move(map_expr), std::move(reduce_expr),
            std::move(post_map_expr), std::move(identity), std::move(name),
            std::move(reduce_type), std::move(preamble), std::move(options),
            std::vector<dtype>{dtype_of<Types>...})) {}

  /// The kernel bound to a set of axes (CuPy's axis= and keepdims=); call it as the kernel.
  using along = jit::detail::reduction_along<ReductionKernel>;

  /// This kernel reducing over `axis` (one axis or several, negative allowed), keeping the
  /// reduced axes as length 1 with `keepdims`.
  along axis(axis_arg axis, bool keepdims = false) const { return along(this, std::move(axis), keepdims); }

  /// Reduces over every axis (CuPy's default axis=None): returns a 0-d array, or with the output
  /// as the last argument, writes into it.
  template <class... A>
  auto operator()(const A&... args) const {
    return call(axis_arg{}, false, args...);
  }

 private:
  friend along;

  template <class... A>
  auto call(const axis_arg& axis, bool keepdims, const A&... args) const {
    constexpr std::size_t given = sizeof...(A);
    static_assert(given <= sizeof...(Types), "more arguments than the kernel has parameters");
    const std::size_t n_in = impl_->n_in();
    if (given != n_in && given != n_in + 1) jit::detail::throw_red_arity(n_in, given);

    std::vector<const void*> inputs;
    std::vector<bool> is_scalar;
    std::vector<shape_t> shapes;
    const cupp::detail::array_desc* out = nullptr;
    std::tuple<Types...> scalars{};
    take_all(inputs, is_scalar, shapes, out, scalars, std::index_sequence_for<A...>{}, args...);
    const shape_t in_shape = shapes.empty() ? shape_t{} : broadcast_shapes(shapes);
    if constexpr (given == sizeof...(Types)) {
      impl_->launch(*out, inputs, is_scalar, in_shape, axis, keepdims);
    } else {
      ndarray<out_t> result(impl_->out_shape(in_shape, axis, keepdims));
      impl_->launch(result.desc(), inputs, is_scalar, in_shape, axis, keepdims);
      return result;
    }
  }

  template <std::size_t... I, class... A>
  void take_all(std::vector<const void*>& inputs, std::vector<bool>& is_scalar,
                std::vector<shape_t>& shapes, const cupp::detail::array_desc*& out,
                std::tuple<Types...>& scalars, std::index_sequence<I...>, const A&... args) const {
    (take<I>(args, inputs, is_scalar, shapes, out, scalars), ...);
  }

  /// Argument I: an input array, an input scalar (converted to the parameter's type), or the
  /// output array.
  template <std::size_t I, class X>
  void take(const X& a, std::vector<const void*>& inputs, std::vector<bool>& is_scalar,
            std::vector<shape_t>& shapes, const cupp::detail::array_desc*& out,
            std::tuple<Types...>& scalars) const {
    using P = std::tuple_element_t<I, std::tuple<Types...>>;
    if constexpr (jit::detail::ew_arg<X>::array) {
      static_assert(std::is_same_v<X, ndarray<P>>,
                    "an array argument's element type must be its parameter's type");
      if (I >= impl_->n_in()) {
        out = &a.desc();
        return;
      }
      inputs.push_back(&a.desc());
      is_scalar.push_back(false);
      shapes.push_back(a.shape());
    } else {
      static_assert(expr::is_scalar_v<X>, "kernel arguments are ndarrays or C++ numbers");
      if (I >= impl_->n_in()) throw type_error("ReductionKernel: the output must be an array");
      std::get<I>(scalars) = static_cast<P>(a);
      inputs.push_back(&std::get<I>(scalars));
      is_scalar.push_back(true);
    }
  }

  std::shared_ptr<jit::detail::red_kernel> impl_;
};

/// The generic reduction, as cupy.ReductionKernel itself: declared with no type list, it binds
/// its type placeholders at each call from the dtypes of the array arguments (so the output of
/// `"T x", "T y"` has the input's dtype), and is compiled once per combination of them. Declare
/// it once (a global or a static) and call it from any thread:
///
/// ```
/// static cupp::ReductionKernel l2("T x", "T y", "x * x", "a + b", "y = sqrt(a)", "0", "l2");
/// cupp::ndarray<float> n = l2(x);          // over every axis: a 0-d array
/// cupp::ndarray<double> rows = l2.axis(1)(xd);
/// l2.axis(1, true)(xd, out);               // keepdims, into out
/// ```
///
/// A C++ scalar argument takes its parameter's type. Returns the output as a
/// cupp::kernel_result. Errors as cupp::ElementwiseKernel's generic form.
template <>
class ReductionKernel<> {
 public:
  /// cupy.ReductionKernel(in_params, out_params, map_expr, reduce_expr, post_map_expr, identity,
  /// name, reduce_type, ...): the signature is parsed and checked here; each binding of its
  /// placeholders compiles when first called.
  ReductionKernel(const std::string& in_params, const std::string& out_params,
                  std::string map_expr, std::string reduce_expr, std::string post_map_expr,
                  std::string identity, std::string name = "reduce_kernel",
                  std::string reduce_type = "", std::string preamble = "",
                  std::vector<std::string> options = {})
      : impl_(std::make_shared<jit::detail::red_generic>(
            in_params, out_params, std::move(map_expr), std::move(reduce_expr),
            std::move(post_map_expr), std::move(identity), std::move(name),
            std::move(reduce_type), std::move(preamble), std::move(options))) {}

  /// The kernel bound to a set of axes (CuPy's axis= and keepdims=); call it as the kernel.
  using along = jit::detail::reduction_along<ReductionKernel>;

  /// This kernel reducing over `axis` (one axis or several, negative allowed), keeping the
  /// reduced axes as length 1 with `keepdims`.
  along axis(axis_arg axis, bool keepdims = false) const {
    return along(this, std::move(axis), keepdims);
  }

  /// Reduces over every axis (CuPy's default axis=None): with the inputs only, returns a new 0-d
  /// array; with the output as the last argument, writes into it and returns it.
  template <class... A>
  kernel_result operator()(const A&... args) const {
    return call(axis_arg{}, false, args...);
  }

  /// The type-erased kernel (for tests).
  jit::detail::red_generic& generic() const noexcept { return *impl_; }

 private:
  friend along;

  template <class... A>
  kernel_result call(const axis_arg& axis, bool keepdims, const A&... args) const {
    const jit::detail::call_arg a[sizeof...(A) + 1] = {jit::detail::make_call_arg(args)..., {}};
    return kernel_result({impl_->call(a, sizeof...(A), axis, keepdims)});
  }

  std::shared_ptr<jit::detail::red_generic> impl_;
};

}  // namespace cupp
