// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// ElementwiseKernel: a user's elementwise body with CuPy's signature strings, run by the
// elementwise engine (broadcasting, dimension merging, the kernel cache).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "cupp/core/ndarray.hpp"
#include "cupp/expr/expression.hpp"

namespace cupp {

namespace jit::detail {

/// One parameter of a signature: "float32 x", "T y" (a type placeholder) or "raw T z".
struct ew_param {
  std::string type;  // as written
  std::string name;
  bool raw = false;
};

/// Parses "float32 x, raw T y". `what` names the string in errors ("in_params"), `kind` the
/// kernel class.
std::vector<ew_param> parse_params(const std::string& text, const char* what,
                                   const char* kind = "ElementwiseKernel");

/// A kernel's signature bound to the dtypes of its C++ types: the parameters, each one's dtype,
/// and a typedef for each type placeholder ("typedef float T;").
struct signature {
  std::vector<ew_param> ins, outs;
  std::vector<dtype> in_dtypes, out_dtypes;
  std::string typedefs;
};
/// Parses and binds in_params and out_params to `param_dtypes` (inputs, then outputs): a dtype
/// name must be its parameter's type, a placeholder binds one dtype. Errors start with `kind`.
signature bind_signature(const char* kind, const std::string& in_params,
                         const std::string& out_params, const std::vector<dtype>& param_dtypes);
/// Throws value_error "<kind>: the name '<name>' is not a valid kernel name" unless `name` can
/// name a kernel (a C identifier).
void check_kernel_name(const char* kind, const std::string& name);
/// Which inputs a call passes as scalars, one bit per input: the key of the kernel family that
/// serves the call (user kernels compile one family per pattern).
std::uint64_t scalar_pattern(const std::vector<bool>& is_scalar);

/// The type-erased part of an ElementwiseKernel: its signature bound to dtypes, and one kernel
/// family per pattern of inputs passed as scalars.
class ew_kernel {
 public:
  ew_kernel(const std::string& in_params, const std::string& out_params, std::string operation,
            std::string name, std::string preamble, std::vector<std::string> options,
            std::vector<dtype> param_dtypes);
  ~ew_kernel();

  std::size_t n_in() const noexcept;
  std::size_t n_out() const noexcept;
  bool is_raw(std::size_t input) const;

  /// Runs the body over the outputs' shape. `inputs[k]` is an array (is_scalar[k] false) or a
  /// pointer to a scalar of input k's dtype.
  void launch(const cupp::detail::array_desc* outs, const std::vector<const void*>& inputs,
              const std::vector<bool>& is_scalar);
  /// Compiles every variant of the kernel with every input an array for `arch`, without a GPU
  /// (for tests).
  void compile_all(int arch);
  /// The parameters' dtypes, inputs then outputs.
  std::vector<dtype> param_dtypes() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

[[noreturn]] void throw_ew_arity(std::size_t n_in, std::size_t n_out, std::size_t given);
[[noreturn]] void throw_loop_size();

template <class T>
struct ew_arg {
  static constexpr bool array = false;
};
template <class T>
struct ew_arg<ndarray<T>> {
  static constexpr bool array = true;
};

// ---- generic kernels: types bound at each call ---------------------------------------------

/// A C++ scalar argument of a generic kernel, held in its kind's widest host type until the
/// call binds its parameter's dtype.
struct scalar_value {
  enum class kind : std::uint8_t { boolean, signed_int, unsigned_int, floating, complex };
  kind k = kind::boolean;
  std::int64_t i = 0;
  std::uint64_t u = 0;
  double re = 0, im = 0;
};

template <class X>
scalar_value to_scalar_value(const X& x) {
  scalar_value v;
  if constexpr (std::is_same_v<X, bool>) {
    v.k = scalar_value::kind::boolean;
    v.u = x ? 1 : 0;
  } else if constexpr (std::is_integral_v<X> && std::is_signed_v<X>) {
    v.k = scalar_value::kind::signed_int;
    v.i = static_cast<std::int64_t>(x);
  } else if constexpr (std::is_integral_v<X>) {
    v.k = scalar_value::kind::unsigned_int;
    v.u = static_cast<std::uint64_t>(x);
  } else if constexpr (expr::is_complex_scalar<X>::value) {
    v.k = scalar_value::kind::complex;
    v.re = static_cast<double>(x.real());
    v.im = static_cast<double>(x.imag());
  } else {
    v.k = scalar_value::kind::floating;
    v.re = static_cast<double>(x);
  }
  return v;
}

/// Writes `v` converted to `to` into `dst` (16 bytes at least), as numpy.dtype(to).type(v)
/// does for the values a C++ scalar can hold; a complex value for a real parameter is a
/// type_error (NumPy would drop the imaginary part with a warning).
void store_scalar(const scalar_value& v, dtype to, void* dst);

/// Room for one scalar of any dtype, aligned for the widest.
struct alignas(16) scalar_slot {
  unsigned char bytes[16];
};

/// One argument of a generic kernel call: an array, or (array null) a C++ scalar.
struct call_arg {
  const cupp::detail::array_desc* array = nullptr;
  scalar_value scalar;
};

template <class X>
call_arg make_call_arg(const X& x) {
  if constexpr (ew_arg<X>::array) {
    return call_arg{&x.desc(), {}};
  } else {
    static_assert(expr::is_scalar_v<X>, "kernel arguments are ndarrays or C++ numbers");
    return call_arg{nullptr, to_scalar_value(x)};
  }
}

/// Binds a signature's types from one call, as CuPy's _decide_params_type_core: each array
/// argument's dtype (in_args[k]; nullopt for a C++ scalar) must be its parameter's dtype, or
/// binds the parameter's placeholder; the outputs (out_args, empty when not passed) bind first.
/// Returns the dtypes of the inputs and then the outputs. Throws type_error "Type is mismatched.
/// <name> <given> <bound> [<placeholder>]" when a dtype disagrees, and a type_error naming the
/// placeholder when no array binds it (CuPy's KeyError).
std::vector<dtype> bind_call(const char* kind, const std::vector<ew_param>& ins,
                             const std::vector<ew_param>& outs,
                             const std::vector<std::optional<dtype>>& in_args,
                             const std::vector<dtype>& out_args);

/// A generic kernel's in_params and out_params, parsed and given the checks that need no types
/// (at construction); the dtypes and typedefs stay empty. Errors start with `kind`.
signature parse_generic_signature(const char* kind, const std::string& in_params,
                                  const std::string& out_params);
/// The key of a call in a generic kernel's table: one byte per argument, the dtype of an array
/// or 0xff for a scalar.
std::vector<std::uint8_t> call_key(const call_arg* args, std::size_t n);

/// The type-erased part of a generic ElementwiseKernel: the signature, and one ew_kernel per
/// combination of argument dtypes (Note [Generic kernels] in elementwise_kernel.cpp).
class ew_generic {
 public:
  ew_generic(const std::string& in_params, const std::string& out_params, std::string operation,
             std::string name, std::string preamble, std::vector<std::string> options);
  ~ew_generic();

  /// The kernel bound to the dtypes of these arguments (inputs, then outputs if passed),
  /// made on the first call with them.
  std::shared_ptr<ew_kernel> bound(const call_arg* args, std::size_t n);
  /// Runs the kernel; returns the outputs (made when not passed).
  std::vector<cupp::detail::array_desc> call(const call_arg* args, std::size_t n);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace jit::detail

/// What a call of a generic kernel (cupp::ElementwiseKernel or cupp::ReductionKernel declared
/// without a type list) returns: its output arrays, whose dtypes the call bound at run time.
/// `ndarray<float> z = k(x, y);` takes the one output (type_error when its dtype is not T's);
/// as<T>(k) takes output k.
class kernel_result {
 public:
  /// The outputs `outs` of one call.
  explicit kernel_result(std::vector<detail::array_desc> outs) : outs_(std::move(outs)) {}

  /// The number of outputs.
  std::size_t size() const noexcept { return outs_.size(); }
  /// Output k's dtype.
  cupp::dtype dtype(std::size_t k = 0) const { return at(k).dt; }
  /// Output k's shape.
  const shape_t& shape(std::size_t k = 0) const { return at(k).shape; }
  /// Output k's type-erased description, as ndarray<T>::desc().
  const detail::array_desc& desc(std::size_t k = 0) const { return at(k); }

  /// Output k as an ndarray<T>; throws type_error when its dtype is not T's.
  template <class T>
  ndarray<T> as(std::size_t k = 0) const {
    check(k, dtype_of<T>);
    return ndarray<T>(outs_[k]);
  }
  /// The one output as an ndarray<T> (type_error for a kernel with several outputs, or another
  /// dtype).
  template <class T>
  operator ndarray<T>() const {  // NOLINT: implicit, so that `ndarray<float> z = k(x, y);` reads
    check_single();
    return as<T>(0);
  }

 private:
  const detail::array_desc& at(std::size_t k) const;
  void check(std::size_t k, cupp::dtype want) const;
  void check_single() const;
  std::vector<detail::array_desc> outs_;
};

/// A kernel from an elementwise body, as cupy.ElementwiseKernel. `Types` are the C++ element
/// types of the parameters, inputs then outputs, in the order the signature lists them; they
/// must agree with the signature's dtypes and bind its type placeholders:
///
/// ```
/// cupp::ElementwiseKernel<float, float, float> add_mul("float32 x, float32 y", "float32 z",
///                                                      "z = x * y + 1", "add_mul");
/// auto z = add_mul(x, y);   // a new array of the inputs' broadcast shape
/// add_mul(x, y, z);         // into existing outputs
/// ```
///
/// The body sees each input as a value (or, declared `raw`, as a pointer to a C-contiguous array
/// indexed by the body), each output as a reference, `i` (the C-order index of the element) and
/// `_ind.size()`; each type placeholder is a typedef. Inputs broadcast; an input may also be a C++
/// scalar.
template <class... Types>
class ElementwiseKernel {
 public:
  /// cupy.ElementwiseKernel(in_params, out_params, operation, name, preamble=, options=): the
  /// signature is parsed and checked against `Types` here; the kernel compiles when first needed.
  ElementwiseKernel(const std::string& in_params, const std::string& out_params,
                    std::string operation, std::string name = "kernel",
                    std::string preamble = "", std::vector<std::string> options = {})
      : impl_(std::make_shared<jit::detail::ew_kernel>(
            in_params, out_params, std::move(operation), std::move(name), std::move(preamble),
            std::move(options), std::vector<dtype>{dtype_of<Types>...})) {}

  /// With the inputs only: allocates the outputs (of the inputs' broadcast shape) and returns
  /// them, one array or a tuple. With the inputs and then the outputs: writes into the outputs
  /// (and returns nothing).
  template <class... A>
  auto operator()(const A&... args) const {
    constexpr std::size_t given = sizeof...(A);
    constexpr std::size_t total = sizeof...(Types);
    static_assert(given <= total, "more arguments than the kernel has parameters");
    const std::size_t n_in = impl_->n_in(), n_out = impl_->n_out();
    if (given != n_in && given != n_in + n_out) jit::detail::throw_ew_arity(n_in, n_out, given);

    std::vector<const void*> inputs;
    std::vector<bool> is_scalar;
    std::vector<shape_t> shapes;
    std::vector<cupp::detail::array_desc> outs;
    std::tuple<Types...> scalars{};
    take_all(inputs, is_scalar, shapes, outs, scalars, std::index_sequence_for<A...>{}, args...);
    if constexpr (given == total) {
      impl_->launch(outs.data(), inputs, is_scalar);
    } else {
      // Called with the inputs only: the outputs are the remaining parameters.
      if (shapes.empty()) jit::detail::throw_loop_size();
      auto made = make_outputs<given>(broadcast_shapes(shapes),
                                      std::make_index_sequence<total - given>{});
      std::apply([&](const auto&... o) { (outs.push_back(o.desc()), ...); }, made);
      impl_->launch(outs.data(), inputs, is_scalar);
      if constexpr (total - given == 1)
        return std::get<0>(made);
      else
        return made;
    }
  }

 private:
  template <std::size_t... I, class... A>
  void take_all(std::vector<const void*>& inputs, std::vector<bool>& is_scalar,
                std::vector<shape_t>& shapes, std::vector<cupp::detail::array_desc>& outs,
                std::tuple<Types...>& scalars, std::index_sequence<I...>, const A&... args) const {
    (take<I>(args, inputs, is_scalar, shapes, outs, scalars), ...);
  }

  /// Argument I: an input array (its description), an input scalar (converted to the
  /// parameter's type), or an output array.
  template <std::size_t I, class X>
  void take(const X& a, std::vector<const void*>& inputs, std::vector<bool>& is_scalar,
            std::vector<shape_t>& shapes, std::vector<cupp::detail::array_desc>& outs,
            std::tuple<Types...>& scalars) const {
    using P = std::tuple_element_t<I, std::tuple<Types...>>;
    if constexpr (jit::detail::ew_arg<X>::array) {
      static_assert(std::is_same_v<X, ndarray<P>>,
                    "an array argument's element type must be its parameter's type");
      if (I >= impl_->n_in()) {
        outs.push_back(a.desc());
        return;
      }
      inputs.push_back(&a.desc());
      is_scalar.push_back(false);
      if (!impl_->is_raw(I)) shapes.push_back(a.shape());
    } else {
      static_assert(expr::is_scalar_v<X>, "kernel arguments are ndarrays or C++ numbers");
      if (I >= impl_->n_in()) throw type_error("ElementwiseKernel: an output must be an array");
      std::get<I>(scalars) = static_cast<P>(a);
      inputs.push_back(&std::get<I>(scalars));
      is_scalar.push_back(true);
    }
  }

  template <std::size_t First, std::size_t... J>
  static auto make_outputs(const shape_t& shape, std::index_sequence<J...>) {
    return std::make_tuple(ndarray<std::tuple_element_t<First + J, std::tuple<Types...>>>(shape)...);
  }

  std::shared_ptr<jit::detail::ew_kernel> impl_;
};

/// The generic kernel, as cupy.ElementwiseKernel itself: declared with no type list, it binds
/// its type placeholders at each call from the dtypes of the array arguments, and is compiled
/// once per combination of them. Declare it once (a global or a static) and call it from any
/// thread:
///
/// ```
/// static cupp::ElementwiseKernel add("T x, T y", "T z", "z = x + y", "add");
/// cupp::ndarray<float> z = add(x, y);   // T = float32: outputs of the broadcast shape
/// add(xd, yd, zd);                      // T = float64, into zd
/// ```
///
/// A C++ scalar argument takes its parameter's type (it binds nothing). Returns the outputs, as
/// a cupp::kernel_result (made ones, or the ones passed). Errors as CuPy's: a wrong number of
/// arguments, an output that is not an array and "Loop size is undecided" are type_error,
/// type_error and value_error; an array whose dtype disagrees with its parameter is type_error
/// "Type is mismatched. ...", and so is a placeholder no array binds.
template <>
class ElementwiseKernel<> {
 public:
  /// cupy.ElementwiseKernel(in_params, out_params, operation, name, preamble=, options=): the
  /// signature is parsed and checked here; each binding of its placeholders compiles when first
  /// called.
  ElementwiseKernel(const std::string& in_params, const std::string& out_params,
                    std::string operation, std::string name = "kernel",
                    std::string preamble = "", std::vector<std::string> options = {})
      : impl_(std::make_shared<jit::detail::ew_generic>(in_params, out_params,
                                                        std::move(operation), std::move(name),
                                                        std::move(preamble),
                                                        std::move(options))) {}

  /// With the inputs only: makes the outputs. With the inputs and then the outputs: writes into
  /// them. Either way returns the outputs.
  template <class... A>
  kernel_result operator()(const A&... args) const {
    const jit::detail::call_arg a[sizeof...(A) + 1] = {jit::detail::make_call_arg(args)..., {}};
    return kernel_result(impl_->call(a, sizeof...(A)));
  }

  /// The type-erased kernel (for tests).
  jit::detail::ew_generic& generic() const noexcept { return *impl_; }

 private:
  std::shared_ptr<jit::detail::ew_generic> impl_;
};

}  // namespace cupp
