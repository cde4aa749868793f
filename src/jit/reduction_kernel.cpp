// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/jit/reduction_kernel.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/expr/engine.hpp"
#include "cupp/expr/reduce_engine.hpp"
#include "cupp/routines/reduction.hpp"

namespace cupp::jit::detail {

// Note [ReductionKernel]: a user's kernel becomes one more operation of the reduction engine.
// The generated preamble holds the signature's typedefs, the user's preamble, the map expression
// as a device function of the inputs (cupp_rk_map), and an operation struct whose identity,
// combine and finalize are the user's identity, reduce_expr and post_map_expr, in the shape of
// the built-in operations of kernels/cupp/reduction.cuh. The engine's expression is then
// cupp_rk_map(v0, s0, ...) over the inputs in signature order, so the strategies, the split over
// blocks and the kernel cache are the built-in reductions' own.

namespace {
/// What a reduction's signature (typed or generic, already parsed) and name must be beyond an
/// elementwise kernel's.
void check_reduction_signature(const signature& sig, const std::string& name) {
  CUPP_EXPECTS(sig.outs.size() == 1, not_implemented_error,
               "ReductionKernel: exactly one output parameter is supported, got " +
                   std::to_string(sig.outs.size()));
  for (const ew_param& p : sig.ins)
    CUPP_EXPECTS(!p.raw, not_implemented_error,
                 "ReductionKernel: raw parameter '" + p.name + "' is not supported");
  CUPP_EXPECTS(sig.ins.size() < 64, not_implemented_error,
               "ReductionKernel: at most 63 input parameters");
  check_kernel_name("ReductionKernel", name);
}
}  // namespace

void throw_red_arity(std::size_t n_in, std::size_t given) {
  throw type_error("ReductionKernel: wrong number of arguments: expected " + std::to_string(n_in) +
                   " (the inputs) or " + std::to_string(n_in + 1) +
                   " (the inputs and the output), got " + std::to_string(given));
}

struct red_kernel::impl {
  signature sig;
  std::string name, preamble, identity;
  std::vector<std::string> options;
  std::mutex mutex;
  std::map<std::uint64_t, std::unique_ptr<expr::detail::reduce_family>> families;

  expr::detail::reduce_family& family(const std::vector<bool>& is_scalar) {
    std::lock_guard<std::mutex> lock(mutex);
    auto& f = families[scalar_pattern(is_scalar)];
    if (!f) {
      expr::detail::reduce_info info;
      info.name = name;
      info.op = "cupp_rk_op";
      info.preamble = preamble;
      info.options = options;
      std::string args;
      for (std::size_t k = 0; k < sig.ins.size(); ++k) {
        if (!args.empty()) args += ", ";
        if (is_scalar[k]) {
          args += "s" + std::to_string(info.scalars.size());
          info.scalars.push_back(sig.in_dtypes[k]);
        } else {
          args += "v" + std::to_string(info.arrays.size());
          info.arrays.push_back(sig.in_dtypes[k]);
        }
      }
      info.expression = "cupp_rk_map(" + args + ")";
      f = std::make_unique<expr::detail::reduce_family>(std::move(info));
    }
    return *f;
  }
};

red_kernel::red_kernel(const std::string& in_params, const std::string& out_params,
                       std::string map_expr, std::string reduce_expr, std::string post_map_expr,
                       std::string identity, std::string name, std::string reduce_type,
                       std::string preamble, std::vector<std::string> options,
                       std::vector<dtype> param_dtypes)
    : impl_(std::make_unique<impl>()) {
  impl& m = *impl_;
  m.sig = bind_signature("ReductionKernel", in_params, out_params, param_dtypes);
  check_reduction_signature(m.sig, name);

  // reduce_type: a dtype name, else the text itself (a placeholder or a CUDA type); by default
  // the output's type.
  std::string rt;
  if (reduce_type.find_first_not_of(" \t\n") == std::string::npos) {
    rt = expr::detail::device_type_name(m.sig.out_dtypes[0]);
  } else {
    try {
      rt = expr::detail::device_type_name(dtype_from_name(reduce_type));
    } catch (const type_error&) {
      rt = reduce_type;
    }
  }

  const std::string& out_name = m.sig.outs[0].name;
  std::string s = m.sig.typedefs + preamble + "\n";
  s += "typedef " + rt + " cupp_rk_reduce_t;\n";
  s += "__device__ __forceinline__ cupp_rk_reduce_t cupp_rk_map(";
  for (std::size_t k = 0; k < m.sig.ins.size(); ++k)
    s += std::string(k ? ", " : "") + "const " + expr::detail::device_type_name(m.sig.in_dtypes[k]) +
         " " + m.sig.ins[k].name;
  s += ") {\n  return cupp::ufn::cast<cupp_rk_reduce_t>(" + map_expr + ");\n}\n";
  s += "struct cupp_rk_op {\n  typedef cupp_rk_reduce_t acc_t;\n";
  s += "  static __device__ __forceinline__ acc_t identity() { return acc_t(" + identity + "); }\n";
  s += "  template <class X>\n  static __device__ __forceinline__ acc_t map(const X& x, long long) "
       "{ return x; }\n";
  s += "  static __device__ __forceinline__ acc_t combine(const acc_t& a, const acc_t& b) {\n"
       "    return (" + reduce_expr + ");\n  }\n";
  s += "  template <class Out>\n  static __device__ __forceinline__ Out finalize(const acc_t& a, "
       "long long, double) {\n    Out " + out_name + " = Out();\n    " + post_map_expr +
       ";\n    return " + out_name + ";\n  }\n};\n";

  m.name = std::move(name);
  m.preamble = std::move(s);
  m.identity = std::move(identity);
  m.options = std::move(options);
}

red_kernel::~red_kernel() = default;

std::size_t red_kernel::n_in() const noexcept { return impl_->sig.ins.size(); }

std::vector<dtype> red_kernel::param_dtypes() const {
  std::vector<dtype> d = impl_->sig.in_dtypes;
  d.push_back(impl_->sig.out_dtypes[0]);
  return d;
}

std::string red_kernel::source(int kept, int reduced) const {
  return impl_->family(std::vector<bool>(impl_->sig.ins.size(), false))
      .source(impl_->sig.out_dtypes[0], kept, reduced, expr::detail::reduce_mode::inner, false);
}

shape_t red_kernel::out_shape(const shape_t& in_shape, const axis_arg& axis, bool keepdims) const {
  const auto axes = expr::reduce_axes(axis, static_cast<std::int64_t>(in_shape.size()));
  const auto [kept, with_ones] = expr::reduced_shapes(in_shape, axes);
  return keepdims ? with_ones : kept;
}

void red_kernel::launch(const cupp::detail::array_desc& out, const std::vector<const void*>& inputs,
                        const std::vector<bool>& is_scalar, const shape_t& in_shape,
                        const axis_arg& axis, bool keepdims) {
  impl& m = *impl_;
  CUPP_EXPECTS(out.dt == m.sig.out_dtypes[0], type_error,
               "ReductionKernel: the output is " + std::string(dtype_name(out.dt)) +
                   " but the kernel's output type is " + dtype_name(m.sig.out_dtypes[0]));
  const auto axes = expr::reduce_axes(axis, static_cast<std::int64_t>(in_shape.size()));
  const auto [kept, with_ones] = expr::reduced_shapes(in_shape, axes);
  CUPP_EXPECTS(out.shape == kept || (keepdims && out.shape == with_ones), value_error,
               "ReductionKernel: the output has shape " + shape_str(out.shape) +
                   " but the reduction gives shape " + shape_str(keepdims ? with_ones : kept));
  std::int64_t reduced = 1;
  for (int a : axes) reduced *= in_shape[static_cast<std::size_t>(a)];
  if (reduced == 0 && m.identity.find_first_not_of(" \t\n") == std::string::npos)
    throw value_error("zero-size array to reduction operation " + m.name +
                      " which has no identity");

  expr::operands ops;
  for (std::size_t k = 0; k < m.sig.ins.size(); ++k) {
    if (is_scalar[k])
      ops.add_scalar(inputs[k]);
    else
      ops.add_array(*static_cast<const cupp::detail::array_desc*>(inputs[k]));
  }
  // With keepdims the output's reduced axes have length 1: the engine writes the view without them.
  cupp::detail::array_desc target = out;
  if (out.shape != kept) {
    for (auto it = axes.rbegin(); it != axes.rend(); ++it) {
      target.shape.erase(target.shape.begin() + *it);
      target.strides.erase(target.strides.begin() + *it);
    }
  }
  m.family(is_scalar).launch(target, ops, in_shape, axes);
}

struct red_generic::impl {
  std::string in_params, out_params, map_expr, reduce_expr, post_map_expr, identity, name,
      reduce_type, preamble;
  std::vector<std::string> options;
  std::vector<ew_param> ins, outs;
  std::mutex mutex;
  // Note [Generic kernels] in elementwise_kernel.cpp.
  std::vector<std::pair<std::vector<std::uint8_t>, std::shared_ptr<red_kernel>>> by_key;
  std::vector<std::pair<std::vector<dtype>, std::shared_ptr<red_kernel>>> kernels;

  std::shared_ptr<red_kernel> bound(const call_arg* args, std::size_t n) {
    const std::vector<std::uint8_t> key = call_key(args, n);
    std::lock_guard<std::mutex> lock(mutex);
    for (const auto& [k, kernel] : by_key)
      if (k == key) return kernel;
    std::vector<std::optional<dtype>> in_args;
    std::vector<dtype> out_args;
    for (std::size_t k = 0; k < n; ++k) {
      if (k < ins.size()) {
        in_args.push_back(args[k].array ? std::optional<dtype>(args[k].array->dt) : std::nullopt);
      } else {
        CUPP_EXPECTS(args[k].array != nullptr, type_error,
                     "ReductionKernel: the output must be an array");
        out_args.push_back(args[k].array->dt);
      }
    }
    const std::vector<dtype> types = bind_call("ReductionKernel", ins, outs, in_args, out_args);
    std::shared_ptr<red_kernel> kernel;
    for (const auto& [t, k] : kernels)
      if (t == types) kernel = k;
    if (!kernel) {
      kernel = std::make_shared<red_kernel>(in_params, out_params, map_expr, reduce_expr,
                                            post_map_expr, identity, name, reduce_type, preamble,
                                            options, types);
      kernels.emplace_back(types, kernel);
    }
    by_key.emplace_back(key, kernel);
    return kernel;
  }
};

red_generic::red_generic(const std::string& in_params, const std::string& out_params,
                         std::string map_expr, std::string reduce_expr, std::string post_map_expr,
                         std::string identity, std::string name, std::string reduce_type,
                         std::string preamble, std::vector<std::string> options)
    : impl_(std::make_unique<impl>()) {
  impl& m = *impl_;
  signature sig = parse_generic_signature("ReductionKernel", in_params, out_params);
  check_reduction_signature(sig, name);
  m.ins = std::move(sig.ins);
  m.outs = std::move(sig.outs);
  m.in_params = in_params;
  m.out_params = out_params;
  m.map_expr = std::move(map_expr);
  m.reduce_expr = std::move(reduce_expr);
  m.post_map_expr = std::move(post_map_expr);
  m.identity = std::move(identity);
  m.name = std::move(name);
  m.reduce_type = std::move(reduce_type);
  m.preamble = std::move(preamble);
  m.options = std::move(options);
}

red_generic::~red_generic() = default;

std::shared_ptr<red_kernel> red_generic::bound(const call_arg* args, std::size_t n) {
  const std::size_t n_in = impl_->ins.size();
  if (n != n_in && n != n_in + 1) throw_red_arity(n_in, n);
  return impl_->bound(args, n);
}

cupp::detail::array_desc red_generic::call(const call_arg* args, std::size_t n,
                                           const axis_arg& axis, bool keepdims) {
  const std::shared_ptr<red_kernel> kernel = bound(args, n);
  const std::vector<dtype> types = kernel->param_dtypes();
  const std::size_t n_in = impl_->ins.size();

  std::vector<const void*> inputs(n_in);
  std::vector<bool> is_scalar(n_in);
  std::vector<scalar_slot> scalars(n_in);
  std::vector<shape_t> shapes;
  for (std::size_t k = 0; k < n_in; ++k) {
    if (args[k].array) {
      inputs[k] = args[k].array;
      shapes.push_back(args[k].array->shape);
    } else {
      store_scalar(args[k].scalar, types[k], scalars[k].bytes);
      inputs[k] = scalars[k].bytes;
      is_scalar[k] = true;
    }
  }
  const shape_t in_shape = shapes.empty() ? shape_t{} : broadcast_shapes(shapes);
  cupp::detail::array_desc out =
      n > n_in ? *args[n_in].array
               : cupp::detail::make_array(kernel->out_shape(in_shape, axis, keepdims), types[n_in]);
  kernel->launch(out, inputs, is_scalar, in_shape, axis, keepdims);
  return out;
}

}  // namespace cupp::jit::detail
