// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/jit/elementwise_kernel.hpp"

#include <array>
#include <cctype>
#include <complex>
#include <cstdint>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/expr/engine.hpp"

namespace cupp::jit::detail {

namespace {

bool is_identifier(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  parts.push_back(cur);
  return parts;
}

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> w;
  std::string cur;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!cur.empty()) w.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) w.push_back(cur);
  return w;
}

// C++ spellings that are not NumPy dtype names: a signature must say float32, not float.
bool is_cpp_type_word(const std::string& s) {
  static const char* const words[] = {"float", "double", "int", "long", "short", "char",
                                      "unsigned", "signed", "half", "void", "auto"};
  for (const char* w : words)
    if (s == w) return true;
  return false;
}

}  // namespace

std::vector<ew_param> parse_params(const std::string& text, const char* what, const char* kind) {
  std::vector<ew_param> params;
  if (words(text).empty()) return params;
  const std::vector<std::string> parts = split(text, ',');
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::vector<std::string> w = words(parts[i]);
    auto fail = [&](const std::string& why) {
      throw value_error(std::string(kind) + ": " + what + ": " + why + " in parameter " +
                        std::to_string(i + 1) + " ('" + parts[i] + "') of \"" + text + "\"");
    };
    ew_param p;
    std::size_t k = 0;
    if (!w.empty() && w[0] == "raw") {
      p.raw = true;
      k = 1;
    }
    if (w.size() != k + 2) fail("expected '[raw] <type> <name>'");
    p.type = w[k];
    p.name = w[k + 1];
    if (!is_identifier(p.type)) fail("'" + p.type + "' is not a type name");
    if (!is_identifier(p.name)) fail("'" + p.name + "' is not a valid name");
    for (const ew_param& q : params)
      if (q.name == p.name) fail("the name '" + p.name + "' is used twice");
    params.push_back(std::move(p));
  }
  return params;
}

void check_kernel_name(const char* kind, const std::string& name) {
  CUPP_EXPECTS(is_identifier(name), value_error,
               std::string(kind) + ": the name '" + name + "' is not a valid kernel name");
}

std::uint64_t scalar_pattern(const std::vector<bool>& is_scalar) {
  std::uint64_t key = 0;
  for (std::size_t k = 0; k < is_scalar.size(); ++k)
    if (is_scalar[k]) key |= std::uint64_t{1} << k;
  return key;
}

signature bind_signature(const char* kind, const std::string& in_params,
                         const std::string& out_params, const std::vector<dtype>& param_dtypes) {
  signature sig;
  sig.ins = parse_params(in_params, "in_params", kind);
  sig.outs = parse_params(out_params, "out_params", kind);
  CUPP_EXPECTS(!sig.outs.empty(), value_error, std::string(kind) + ": out_params is empty");
  const std::size_t n = sig.ins.size() + sig.outs.size();
  CUPP_EXPECTS(param_dtypes.size() == n, type_error,
               std::string(kind) + ": the signature has " + std::to_string(n) +
                   " parameters but the kernel was given " +
                   std::to_string(param_dtypes.size()) + " types");
  for (const ew_param& o : sig.outs)
    if (o.raw)
      throw not_implemented_error(std::string(kind) + ": raw output parameters are not supported");
  for (const ew_param& i : sig.ins)
    for (const ew_param& o : sig.outs)
      CUPP_EXPECTS(o.name != i.name, value_error,
                   std::string(kind) + ": '" + o.name + "' is both an input and an output");

  // Bind every type: a dtype name must be the given type's; a placeholder takes it.
  std::map<std::string, dtype> placeholders;
  for (std::size_t k = 0; k < n; ++k) {
    const ew_param& p = k < sig.ins.size() ? sig.ins[k] : sig.outs[k - sig.ins.size()];
    const dtype given = param_dtypes[k];
    bool named = true;
    dtype d = given;
    try {
      d = dtype_from_name(p.type);
    } catch (const type_error&) {
      named = false;
    }
    if (named) {
      CUPP_EXPECTS(d == given, type_error,
                   std::string(kind) + ": parameter '" + p.name + "' is " + p.type +
                       " in the signature but the kernel's type for it is " + dtype_name(given));
    } else {
      CUPP_EXPECTS(!is_cpp_type_word(p.type), type_error,
                   std::string(kind) + ": '" + p.type + "' (parameter '" + p.name +
                       "') is not a NumPy dtype name; write float32, float64, int32, ...");
      auto [it, fresh] = placeholders.emplace(p.type, given);
      CUPP_EXPECTS(fresh || it->second == given, type_error,
                   std::string(kind) + ": type placeholder '" + p.type + "' is bound to both " +
                       dtype_name(it->second) + " and " + dtype_name(given));
      if (fresh)
        sig.typedefs += std::string("typedef ") + expr::detail::device_type_name(given) + " " +
                        p.type + ";\n";
    }
    (k < sig.ins.size() ? sig.in_dtypes : sig.out_dtypes).push_back(given);
  }
  return sig;
}

void throw_ew_arity(std::size_t n_in, std::size_t n_out, std::size_t given) {
  throw type_error("ElementwiseKernel: wrong number of arguments: expected " +
                   std::to_string(n_in) + " (the inputs) or " + std::to_string(n_in + n_out) +
                   " (inputs and outputs), got " + std::to_string(given));
}

void throw_loop_size() {
  throw value_error("ElementwiseKernel: Loop size is undecided (no array input)");
}

struct ew_kernel::impl {
  std::vector<ew_param> ins, outs;
  std::vector<dtype> in_dtypes, out_dtypes;
  std::string operation, name, preamble;
  std::vector<std::string> options;
  std::mutex mutex;
  std::map<std::uint64_t, std::unique_ptr<expr::detail::kernel_family>> families;

  expr::detail::kernel_family& family(const std::vector<bool>& is_scalar) {
    std::lock_guard<std::mutex> lock(mutex);
    auto& f = families[scalar_pattern(is_scalar)];
    if (!f) {
      expr::detail::family_info info;
      info.name = name;
      info.statement = operation;
      info.preamble = preamble;
      info.options = options;
      info.outputs = out_dtypes;
      for (const ew_param& p : outs) info.output_names.push_back(p.name);
      for (std::size_t k = 0; k < ins.size(); ++k) {
        if (ins[k].raw) {
          info.raws.push_back(in_dtypes[k]);
          info.raw_names.push_back(ins[k].name);
        } else if (is_scalar[k]) {
          info.scalars.push_back(in_dtypes[k]);
          info.scalar_names.push_back(ins[k].name);
        } else {
          info.arrays.push_back(in_dtypes[k]);
          info.array_names.push_back(ins[k].name);
        }
      }
      f = std::make_unique<expr::detail::kernel_family>(std::move(info));
    }
    return *f;
  }
};

ew_kernel::ew_kernel(const std::string& in_params, const std::string& out_params,
                     std::string operation, std::string name, std::string preamble,
                     std::vector<std::string> options, std::vector<dtype> param_dtypes)
    : impl_(std::make_unique<impl>()) {
  impl& m = *impl_;
  signature sig = bind_signature("ElementwiseKernel", in_params, out_params, param_dtypes);
  check_kernel_name("ElementwiseKernel", name);
  m.ins = std::move(sig.ins);
  m.outs = std::move(sig.outs);
  m.in_dtypes = std::move(sig.in_dtypes);
  m.out_dtypes = std::move(sig.out_dtypes);
  m.operation = std::move(operation);
  m.name = std::move(name);
  m.preamble = sig.typedefs + preamble;
  m.options = std::move(options);
}

ew_kernel::~ew_kernel() = default;

std::size_t ew_kernel::n_in() const noexcept { return impl_->ins.size(); }
std::size_t ew_kernel::n_out() const noexcept { return impl_->outs.size(); }
bool ew_kernel::is_raw(std::size_t input) const {
  return input < impl_->ins.size() && impl_->ins[input].raw;
}

void ew_kernel::launch(const cupp::detail::array_desc* outs, const std::vector<const void*>& inputs,
                       const std::vector<bool>& is_scalar) {
  impl& m = *impl_;
  expr::operands ops;
  std::vector<const void*> raws;
  for (std::size_t k = 0; k < m.ins.size(); ++k) {
    if (m.ins[k].raw) {
      CUPP_EXPECTS(!is_scalar[k], type_error,
                   "ElementwiseKernel: raw parameter '" + m.ins[k].name + "' needs an array");
      const auto* a = static_cast<const cupp::detail::array_desc*>(inputs[k]);
      CUPP_EXPECTS(is_c_contiguous(a->shape, a->strides), value_error,
                   "ElementwiseKernel: raw parameter '" + m.ins[k].name +
                       "' needs a C-contiguous array, got one of shape " + shape_str(a->shape));
      raws.push_back(&a->ptr);
    } else if (is_scalar[k]) {
      ops.add_scalar(inputs[k]);
    } else {
      ops.add_array(*static_cast<const cupp::detail::array_desc*>(inputs[k]));
    }
  }
  m.family(is_scalar).launch(outs, static_cast<int>(m.outs.size()), ops, raws.data(), true);
}

void ew_kernel::compile_all(int arch) {
  impl& m = *impl_;
  m.family(std::vector<bool>(m.ins.size(), false)).compile_all(m.out_dtypes[0], arch);
}

std::vector<dtype> ew_kernel::param_dtypes() const {
  std::vector<dtype> d = impl_->in_dtypes;
  d.insert(d.end(), impl_->out_dtypes.begin(), impl_->out_dtypes.end());
  return d;
}

// ---- generic kernels ----------------------------------------------------------------------------

// Note [Generic kernels]: cupy.ElementwiseKernel binds its type placeholders at each call from
// the dtypes of its array arguments (_decide_params_type_core) and keeps a compiled kernel per
// binding. Here a call is described by one byte per argument (the dtype of an array, kScalarKey
// for a C++ scalar); the object keeps a short list of the keys it has seen, each with the
// ew_kernel of its binding, searched linearly under a mutex: no string is built or hashed after
// the first call with a key, and an object declared as a global or a static is safe to call
// from several threads. Keys that bind the same dtypes (a scalar for one input or an array of
// the bound dtype) share one ew_kernel, which compiles its variants once.

namespace {
constexpr std::uint8_t kScalarKey = 0xff;

// The dtype `type` names, if it names one (no exception: placeholders are the common case, and
// generic kernels are often built during static initialisation).
std::optional<dtype> named_dtype(const std::string& type) {
  for (int i = 0; i < kNumDtypes; ++i)
    if (type == dtype_name(static_cast<dtype>(i))) return static_cast<dtype>(i);
  return std::nullopt;
}

}  // namespace

std::vector<std::uint8_t> call_key(const call_arg* args, std::size_t n) {
  std::vector<std::uint8_t> key(n);
  for (std::size_t k = 0; k < n; ++k)
    key[k] = args[k].array ? static_cast<std::uint8_t>(args[k].array->dt) : kScalarKey;
  return key;
}

namespace {
template <class T>
void put(void* dst, const T& v) {
  std::memcpy(dst, &v, sizeof(T));
}

template <class T>
void store_real(const scalar_value& v, void* dst) {
  using kind = scalar_value::kind;
  switch (v.k) {
    case kind::boolean:
    case kind::unsigned_int:
      put(dst, static_cast<T>(v.u));
      break;
    case kind::signed_int:
      put(dst, static_cast<T>(v.i));
      break;
    default:
      put(dst, static_cast<T>(v.re));
      break;
  }
}
}  // namespace

void store_scalar(const scalar_value& v, dtype to, void* dst) {
  using kind = scalar_value::kind;
  const bool complex_to = to == dtype::complex64 || to == dtype::complex128;
  if (v.k == kind::complex && !complex_to)
    throw type_error(std::string("cannot pass a complex scalar for a parameter of dtype ") +
                     dtype_name(to));
  const double re = v.k == kind::signed_int ? static_cast<double>(v.i)
                    : (v.k == kind::boolean || v.k == kind::unsigned_int)
                        ? static_cast<double>(v.u)
                        : v.re;
  switch (to) {
    case dtype::bool_: {
      const bool b = v.k == kind::signed_int ? v.i != 0
                     : (v.k == kind::boolean || v.k == kind::unsigned_int) ? v.u != 0
                                                                             : v.re != 0;
      put(dst, b);
      break;
    }
    case dtype::int8: store_real<std::int8_t>(v, dst); break;
    case dtype::int16: store_real<std::int16_t>(v, dst); break;
    case dtype::int32: store_real<std::int32_t>(v, dst); break;
    case dtype::int64: store_real<std::int64_t>(v, dst); break;
    case dtype::uint8: store_real<std::uint8_t>(v, dst); break;
    case dtype::uint16: store_real<std::uint16_t>(v, dst); break;
    case dtype::uint32: store_real<std::uint32_t>(v, dst); break;
    case dtype::uint64: store_real<std::uint64_t>(v, dst); break;
    case dtype::float16: put(dst, float16(re)); break;
    case dtype::bfloat16: put(dst, bfloat16(re)); break;
    case dtype::float32: store_real<float>(v, dst); break;
    case dtype::float64: store_real<double>(v, dst); break;
    case dtype::complex64:
      put(dst, std::complex<float>(static_cast<float>(re), static_cast<float>(v.im)));
      break;
    case dtype::complex128: put(dst, std::complex<double>(re, v.im)); break;
  }
}

signature parse_generic_signature(const char* kind, const std::string& in_params,
                                  const std::string& out_params) {
  signature sig;
  sig.ins = parse_params(in_params, "in_params", kind);
  sig.outs = parse_params(out_params, "out_params", kind);
  CUPP_EXPECTS(!sig.outs.empty(), value_error, std::string(kind) + ": out_params is empty");
  for (const ew_param& o : sig.outs)
    if (o.raw)
      throw not_implemented_error(std::string(kind) + ": raw output parameters are not supported");
  for (const ew_param& i : sig.ins)
    for (const ew_param& o : sig.outs)
      CUPP_EXPECTS(o.name != i.name, value_error,
                   std::string(kind) + ": '" + o.name + "' is both an input and an output");
  for (const auto* list : {&sig.ins, &sig.outs})
    for (const ew_param& p : *list)
      CUPP_EXPECTS(named_dtype(p.type) || !is_cpp_type_word(p.type), type_error,
                   std::string(kind) + ": '" + p.type + "' (parameter '" + p.name +
                       "') is not a NumPy dtype name; write float32, float64, int32, ...");
  return sig;
}

std::vector<dtype> bind_call(const char* kind, const std::vector<ew_param>& ins,
                             const std::vector<ew_param>& outs,
                             const std::vector<std::optional<dtype>>& in_args,
                             const std::vector<dtype>& out_args) {
  CUPP_ASSERT(in_args.size() == ins.size());
  CUPP_ASSERT(out_args.empty() || out_args.size() == outs.size());
  std::vector<std::pair<std::string, dtype>> bound;  // placeholder -> dtype, in binding order
  auto lookup = [&](const std::string& type) -> const dtype* {
    for (const auto& b : bound)
      if (b.first == type) return &b.second;
    return nullptr;
  };
  auto bind = [&](const ew_param& p, dtype given) {
    if (const auto named = named_dtype(p.type)) {
      CUPP_EXPECTS(*named == given, type_error,
                   std::string(kind) + ": Type is mismatched. " + p.name + " " +
                       dtype_name(given) + " " + dtype_name(*named));
    } else if (const dtype* t = lookup(p.type)) {
      CUPP_EXPECTS(*t == given, type_error,
                   std::string(kind) + ": Type is mismatched. " + p.name + " " +
                       dtype_name(given) + " " + dtype_name(*t) + " " + p.type);
    } else {
      bound.emplace_back(p.type, given);
    }
  };
  // As CuPy: the outputs bind first, then the array inputs in order.
  for (std::size_t k = 0; k < out_args.size(); ++k) bind(outs[k], out_args[k]);
  for (std::size_t k = 0; k < ins.size(); ++k)
    if (in_args[k]) bind(ins[k], *in_args[k]);

  std::vector<dtype> result;
  for (const auto* list : {&ins, &outs})
    for (const ew_param& p : *list) {
      if (const auto named = named_dtype(p.type)) {
        result.push_back(*named);
      } else if (const dtype* t = lookup(p.type)) {
        result.push_back(*t);
      } else {
        throw type_error(std::string(kind) + ": cannot decide the type of placeholder '" +
                         p.type + "' of parameter '" + p.name +
                         "': no array argument is declared with it (pass an array for it, or "
                         "the outputs)");
      }
    }
  return result;
}

struct ew_generic::impl {
  std::string in_params, out_params, operation, name, preamble;
  std::vector<std::string> options;
  std::vector<ew_param> ins, outs;
  std::mutex mutex;
  std::vector<std::pair<std::vector<std::uint8_t>, std::shared_ptr<ew_kernel>>> by_key;
  std::vector<std::shared_ptr<ew_kernel>> kernels;  // one per binding

  std::shared_ptr<ew_kernel> bound(const call_arg* args, std::size_t n) {
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
                     "ElementwiseKernel: output arguments must be arrays (argument " +
                         std::to_string(k + 1) + " of " + name + " is a scalar)");
        out_args.push_back(args[k].array->dt);
      }
    }
    const std::vector<dtype> types = bind_call("ElementwiseKernel", ins, outs, in_args, out_args);
    std::shared_ptr<ew_kernel> kernel;
    for (const auto& k : kernels)
      if (k->param_dtypes() == types) kernel = k;
    if (!kernel) {
      kernel = std::make_shared<ew_kernel>(in_params, out_params, operation, name, preamble,
                                           options, types);
      kernels.push_back(kernel);
    }
    by_key.emplace_back(key, kernel);
    return kernel;
  }
};

ew_generic::ew_generic(const std::string& in_params, const std::string& out_params,
                       std::string operation, std::string name, std::string preamble,
                       std::vector<std::string> options)
    : impl_(std::make_unique<impl>()) {
  impl& m = *impl_;
  signature sig = parse_generic_signature("ElementwiseKernel", in_params, out_params);
  check_kernel_name("ElementwiseKernel", name);
  m.ins = std::move(sig.ins);
  m.outs = std::move(sig.outs);
  m.in_params = in_params;
  m.out_params = out_params;
  m.operation = std::move(operation);
  m.name = std::move(name);
  m.preamble = std::move(preamble);
  m.options = std::move(options);
}

ew_generic::~ew_generic() = default;

std::shared_ptr<ew_kernel> ew_generic::bound(const call_arg* args, std::size_t n) {
  const std::size_t n_in = impl_->ins.size(), n_out = impl_->outs.size();
  if (n != n_in && n != n_in + n_out) throw_ew_arity(n_in, n_out, n);
  return impl_->bound(args, n);
}

std::vector<cupp::detail::array_desc> ew_generic::call(const call_arg* args, std::size_t n) {
  const impl& m = *impl_;
  const std::size_t n_ins = m.ins.size(), n_outs = m.outs.size();
  if (n != n_ins && n != n_ins + n_outs) throw_ew_arity(n_ins, n_outs, n);
  // As CuPy, the loop size is checked before the types: an array that is not raw decides it.
  bool sized = n > n_ins;
  for (std::size_t k = 0; k < n_ins; ++k) sized = sized || (args[k].array && !m.ins[k].raw);
  if (!sized) throw_loop_size();
  const std::shared_ptr<ew_kernel> kernel = bound(args, n);
  const std::vector<dtype> types = kernel->param_dtypes();
  const std::size_t n_in = m.ins.size();

  std::vector<const void*> inputs(n_in);
  std::vector<bool> is_scalar(n_in);
  std::vector<scalar_slot> scalars(n_in);
  std::vector<shape_t> shapes;
  for (std::size_t k = 0; k < n_in; ++k) {
    if (args[k].array) {
      inputs[k] = args[k].array;
      if (!m.ins[k].raw) shapes.push_back(args[k].array->shape);
    } else {
      store_scalar(args[k].scalar, types[k], scalars[k].bytes);
      inputs[k] = scalars[k].bytes;
      is_scalar[k] = true;
    }
  }
  std::vector<cupp::detail::array_desc> outs;
  if (n > n_in) {
    for (std::size_t k = n_in; k < n; ++k) outs.push_back(*args[k].array);
  } else {
    const shape_t shape = broadcast_shapes(shapes);
    for (std::size_t k = 0; k < m.outs.size(); ++k)
      outs.push_back(cupp::detail::make_array(shape, types[n_in + k]));
  }
  kernel->launch(outs.data(), inputs, is_scalar);
  return outs;
}

}  // namespace cupp::jit::detail

namespace cupp {

const detail::array_desc& kernel_result::at(std::size_t k) const {
  if (k >= outs_.size())
    throw index_error("output " + std::to_string(k) + " is out of bounds for a kernel with " +
                      std::to_string(outs_.size()) + " outputs");
  return outs_[k];
}

void kernel_result::check(std::size_t k, cupp::dtype want) const {
  const cupp::dtype have = at(k).dt;
  CUPP_EXPECTS(have == want, type_error,
               "the kernel's output " + std::to_string(k) + " is " + dtype_name(have) +
                   ", not " + dtype_name(want));
}

void kernel_result::check_single() const {
  CUPP_EXPECTS(outs_.size() == 1, type_error,
               "the kernel has " + std::to_string(outs_.size()) +
                   " outputs: take each with as<T>(k)");
}

}  // namespace cupp
