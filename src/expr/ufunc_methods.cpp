// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// ufunc.at and ufunc.reduceat (cupp/routines/ufunc_methods.hpp): the argument checks, the
// variant of kernels/cupp/ufunc_methods.cuh each call needs, and the launches.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "../cuda/launch.hpp"
#include "../jit/registry.hpp"
#include "cupp/core/array_desc.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/expr/dynamic.hpp"
#include "cupp/expr/engine.hpp"
#include "cupp/routines/ufunc_methods.hpp"

namespace cupp::detail {
namespace {

using expr::detail::device_type_name;

constexpr unsigned kThreads = 256;

/// The op's device function as generated code calls it for a loop of dtype `loop` (a function
/// written f<> takes the loop's storage type, as in src/expr/emit.cpp).
std::string device_function(const expr::op_desc& op, dtype loop) {
  std::string f = op.function;
  if (f.size() > 2 && f.compare(f.size() - 2, 2, "<>") == 0)
    f.insert(f.size() - 1, device_type_name(loop));
  return f;
}

/// The hardware atomic that updates an element of dtype `a` computed in the same dtype with op
/// `name`, or "" where there is none (Note [Unbuffered at] in kernels/cupp/ufunc_methods.cuh).
std::string atomic_of(const std::string& name, dtype a) {
  const bool int32 = a == dtype::int32 || a == dtype::uint32;
  const bool int64 = a == dtype::int64 || a == dtype::uint64;
  const bool fp = a == dtype::float32 || a == dtype::float64;
  // 64-bit integers go through unsigned long long, whose wrapping is two's complement's.
  const std::string p = int64 ? "reinterpret_cast<unsigned long long*>(p)" : "p";
  const std::string v = int64 ? "static_cast<unsigned long long>(v)" : "v";
  if (name == "add" && (int32 || int64 || fp)) return "atomicAdd(" + p + ", " + v + ")";
  if (name == "subtract" && (int32 || int64 || fp))
    return "atomicAdd(" + p + ", " + (int64 ? "0ull - " + v : std::string("-v")) + ")";
  if ((name == "maximum" || name == "minimum") && (int32 || int64))
    return std::string(name == "maximum" ? "atomicMax" : "atomicMin") + "(p, v)";
  if (name == "bitwise_and" || name == "bitwise_or" || name == "bitwise_xor") {
    if (!(int32 || int64)) return "";
    const char* f = name == "bitwise_and" ? "atomicAnd" : name == "bitwise_or" ? "atomicOr" : "atomicXor";
    return std::string(f) + "(" + p + ", " + v + ")";
  }
  if ((name == "add" || name == "subtract") && a == dtype::complex128) {
    const char* sign = name == "add" ? "" : "-";
    return std::string("(atomicAdd(reinterpret_cast<double*>(p), ") + sign +
           "v.real()), atomicAdd(reinterpret_cast<double*>(p) + 1, " + sign + "v.imag()))";
  }
  return "";
}

/// `d` as a C-contiguous int64 array (a copy unless it already is one).
array_desc as_int64(const array_desc& d) {
  if (d.dt == dtype::int64 && is_c_contiguous(d.shape, d.strides)) return d;
  array_desc out = make_array(d.shape, dtype::int64);
  copy_into(d, out);
  return out;
}

/// The module of kernels/cupp/ufunc_methods.cuh for one variant: `a` the array's dtype, `v` the
/// values' (at) or the result's (reduceat), computed in `loop`.
std::string methods_source(const expr::op_desc& op, dtype a, dtype v, dtype loop,
                           const std::string& atomic, const std::string& at_name,
                           const std::string& reduceat_name) {
  std::string pre = "#include <cupp/ufunc.cuh>\n";
  pre += std::string("typedef ") + device_type_name(a) + " cupp_a_t;\n";
  pre += std::string("typedef ") + device_type_name(v) + " cupp_v_t;\n";
  pre += std::string("typedef ") + device_type_name(expr::compute_dtype(loop)) + " cupp_l_t;\n";
  pre += "#define CUPP_OP(x, y) " + device_function(op, loop) + "(x, y)\n";
  pre += "#define CUPP_AT_ATOMIC " + std::string(atomic.empty() ? "0" : "1") + "\n";
  if (!atomic.empty()) pre += "#define CUPP_ATOMIC(p, v) " + atomic + "\n";
  pre += "#define CUPP_AT_NAME cupp_ufunc_at_" + at_name + "\n";
  pre += "#define CUPP_AT_CHECK_NAME cupp_ufunc_at_check_" + at_name + "\n";
  pre += "#define CUPP_REDUCEAT_NAME cupp_ufunc_reduceat_" + reduceat_name + "\n";
  return jit::detail::routine_source("cupp/ufunc_methods.cuh", pre);
}

}  // namespace

std::string ufunc_at_source(const expr::op_desc& op, dtype a, dtype values) {
  const dtype loop = expr::resolve_types(op, {{a}, {values}}).loop;
  const std::string atomic = expr::compute_dtype(loop) == a ? atomic_of(op.name, a) : "";
  const std::string suffix = std::string(op.name) + "_" + dtype_name(a) + "_" + dtype_name(values);
  return methods_source(op, a, values, loop, atomic, suffix, "unused_" + suffix);
}

std::string ufunc_reduceat_source(const expr::op_desc& op, dtype a, dtype out) {
  const std::string suffix = std::string(op.name) + "_" + dtype_name(a) + "_" + dtype_name(out);
  return methods_source(op, a, out, out, "", "unused_" + suffix, suffix);
}

void ufunc_at(const expr::op_desc& op, const array_desc& a, const array_desc& indices,
              const array_desc& values) {
  CUPP_EXPECTS(a.ndim() == 1, not_implemented_error,
               std::string(op.name) + ".at: cupp takes a 1-D array (this one has " +
                   std::to_string(a.ndim()) + " dimensions)");
  CUPP_EXPECTS(is_integer(indices.dt), index_error,
               "arrays used as indices must be of integer (or boolean) type");
  CUPP_EXPECTS(op.type_rule != expr::rule::ldexp, not_implemented_error,
               std::string(op.name) + ".at is not available");
  check_writable(a);
  (void)expr::resolve_types(op, {{a.dt}, {values.dt}});  // type_error without a loop
  const std::int64_t n = indices.size();
  // The values, broadcast to the indices' shape: one value read by every index (v_step 0), or
  // one per index, C-contiguous.
  array_desc v = values;
  std::int64_t v_step = 0;
  if (values.size() == 1) {
    if (!is_c_contiguous(v.shape, v.strides)) v = copy(v);
  } else {
    v = broadcast_to(values, indices.shape);
    if (!is_c_contiguous(v.shape, v.strides) || v.shape != indices.shape) v = copy(v);
    v_step = 1;
  }
  if (n == 0) return;
  const array_desc idx = as_int64(indices);
  const std::int64_t size = a.shape[0];
  const std::string name = std::string(op.name);
  CUPP_EXPECTS(a.dt != dtype::complex128 || name == "add" || name == "subtract",
               not_implemented_error, name + ".at of complex128 arrays: only add and subtract");
  const std::string suffix = name + "_" + dtype_name(a.dt) + "_" + dtype_name(values.dt);
  const std::string source = ufunc_at_source(op, a.dt, values.dt);

  // Every index is checked before anything is written, as NumPy does.
  array_desc first = make_array({}, dtype::uint64);
  const auto start = static_cast<unsigned long long>(n);
  fill(first, &start);
  const RawKernel& check = jit::detail::library_kernel(source, "cupp_ufunc_at_check_" + suffix);
  check({resident_blocks(check, n, kThreads, 0, 4)}, {kThreads},
        static_cast<const void*>(idx.ptr), static_cast<long long>(n),
        static_cast<long long>(size), static_cast<void*>(first.ptr));
  unsigned long long bad = 0;
  to_host(first, &bad);
  if (bad < start) {
    std::int64_t k = 0;
    to_host(make_view(idx, {}, {}, idx.ptr + bad * sizeof(std::int64_t)), &k);
    throw index_error("index " + std::to_string(k) + " is out of bounds for axis 0 with size " +
                      std::to_string(size));
  }
  const RawKernel& kernel = jit::detail::library_kernel(source, "cupp_ufunc_at_" + suffix);
  kernel({resident_blocks(kernel, n, kThreads, 0, 4)}, {kThreads}, static_cast<void*>(a.ptr),
         static_cast<long long>(size), static_cast<long long>(a.strides[0]),
         static_cast<const void*>(idx.ptr), static_cast<const void*>(v.ptr),
         static_cast<long long>(v_step), static_cast<long long>(n));
}

array_desc ufunc_reduceat(const expr::op_desc& op, const array_desc& a,
                          const std::vector<std::int64_t>& indices, std::int64_t axis,
                          dtype out) {
  CUPP_EXPECTS(a.ndim() >= 1, type_error,
               std::string("cannot reduceat a 0-d array (") + op.name + ".reduceat)");
  const std::int64_t ax = normalize_axis(axis, a.ndim());
  const std::int64_t len = a.shape[static_cast<std::size_t>(ax)];
  for (std::int64_t i : indices) {
    CUPP_EXPECTS(i >= 0 && i < len, index_error,
                 "index " + std::to_string(i) + " out-of-bounds in " + op.name + ".reduceat [0, " +
                     std::to_string(len) + ")");
  }
  // The op must have a loop for a's dtype (type_error in NumPy's words otherwise).
  (void)expr::resolve_types(op, {{a.dt}, {a.dt}});
  shape_t shape = a.shape;
  shape[static_cast<std::size_t>(ax)] = static_cast<std::int64_t>(indices.size());
  array_desc result = make_array(shape, out);
  if (result.size() == 0) return result;
  const array_desc x = is_c_contiguous(a.shape, a.strides) ? a : copy(a);
  std::int64_t outer = 1, inner = 1;
  for (std::int64_t d = 0; d < ax; ++d) outer *= a.shape[static_cast<std::size_t>(d)];
  for (std::int64_t d = ax + 1; d < a.ndim(); ++d) inner *= a.shape[static_cast<std::size_t>(d)];
  array_desc idx = make_array({static_cast<std::int64_t>(indices.size())}, dtype::int64);
  from_host(idx, indices.data());

  const std::string suffix = std::string(op.name) + "_" + dtype_name(a.dt) + "_" + dtype_name(out);
  const RawKernel& kernel = jit::detail::library_kernel(ufunc_reduceat_source(op, a.dt, out),
                                                        "cupp_ufunc_reduceat_" + suffix);
  const std::int64_t segments = outer * static_cast<std::int64_t>(indices.size());
  kernel({cover_blocks(segments, 1)}, {kThreads}, static_cast<const void*>(x.ptr),
         static_cast<void*>(result.ptr), static_cast<const void*>(idx.ptr),
         static_cast<long long>(outer), static_cast<long long>(indices.size()),
         static_cast<long long>(len), static_cast<long long>(inner));
  return result;
}

}  // namespace cupp::detail
