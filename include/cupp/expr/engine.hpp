// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The type-erased half of the elementwise engine: an expression type's generated kernels (one
// family per C++ expression type, compiled lazily per launch variant) and the launch that merges
// dimensions, picks a variant and packs the arguments. Compiled once in src/expr/engine.cpp.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/dtype.hpp"
#include "cupp/core/error.hpp"

namespace cupp::expr {

/// What the code generator records while walking an expression type: the dtypes of its array
/// and scalar leaves in traversal order, and the names of its operations.
struct emitter {
  std::vector<dtype> arrays;
  std::vector<dtype> scalars;
  std::string name;
};

/// The run-time leaves of one expression, in the order the generator saw them, one entry per
/// use (an array used twice is two leaves; the engine binds them to one parameter, Note [Leaf
/// binding] in src/expr/kernel_slots.hpp). The pointers refer into the expression object, which
/// outlives the launch. Up to kInline leaves of each kind are held without allocating.
class operands {
 public:
  /// The array and scalar leaves an expression type may use and always run as one kernel: its
  /// parameters then fit the 32764 bytes a kernel may take, whatever the layout variant (Note
  /// [Kernel parameter space] in src/expr/engine.cpp). Larger types are bound, and split into
  /// several kernels only if their distinct leaves are still too many.
  static constexpr int kMaxArrays = 96;
  static constexpr int kMaxScalars = 128;

  operands() = default;
  operands(const operands&) = delete;
  operands& operator=(const operands&) = delete;

  void add_array(const cupp::detail::array_desc& a) { push(arrays_, n_arrays_, more_arrays_, &a); }
  void add_scalar(const void* p) { push(scalars_, n_scalars_, more_scalars_, p); }

  int n_arrays() const noexcept { return n_arrays_; }
  int n_scalars() const noexcept { return n_scalars_; }
  const cupp::detail::array_desc& array(int i) const noexcept { return *arrays_[i]; }
  /// Scalar leaf i: the value's bytes, of the dtype the generator recorded for it.
  const void* scalar(int i) const noexcept { return scalars_[i]; }

 private:
  static constexpr int kInline = 32;
  template <class P>
  static void push(P**& data, int& n, std::vector<P*>& more, P* p) {
    if (n < kInline) {
      data[n++] = p;
      return;
    }
    if (n == kInline) more.assign(data, data + n);  // spill: the leaves move to `more`
    more.push_back(p);
    data = more.data();
    ++n;
  }

  const cupp::detail::array_desc* inline_arrays_[kInline];
  const void* inline_scalars_[kInline];
  std::vector<const cupp::detail::array_desc*> more_arrays_;
  std::vector<const void*> more_scalars_;
  const cupp::detail::array_desc** arrays_ = inline_arrays_;
  const void** scalars_ = inline_scalars_;
  int n_arrays_ = 0;
  int n_scalars_ = 0;
};

namespace detail {

/// The CUDA type of a dtype's elements in generated code ("float", "cupp::half", ...).
const char* device_type_name(dtype d) noexcept;

/// An expression type, as generated code sees it; or, with `statement` set, an ElementwiseKernel:
/// named leaves, named outputs written by the user's statement, raw pointer arguments.
struct family_info {
  std::string name;        // operations, for the kernel name
  std::string expression;  // CUDA expression over v0.. (array leaves), s0.. (scalars) and
                           // cupp_i (the iteration index: the C-order flat index of a
                           // C-contiguous output)
  std::vector<dtype> arrays;
  std::vector<dtype> scalars;

  std::string statement;                  // the body; empty for an expression
  std::vector<dtype> outputs;             // the outputs' dtypes (statement mode)
  std::vector<std::string> array_names, scalar_names, output_names;
  std::vector<dtype> raws;                // raw arguments: pointers, indexed by the statement
  std::vector<std::string> raw_names;
  std::string preamble;                   // code placed before the kernel
  std::vector<std::string> options;       // extra compiler options
};

/// The generated kernels of one expression type (Note [Kernel families] in engine.cpp).
class kernel_family {
 public:
  explicit kernel_family(family_info info);
  ~kernel_family();
  kernel_family(const kernel_family&) = delete;
  kernel_family& operator=(const kernel_family&) = delete;

  /// Evaluates the expression into `out` (any layout, any dtype: the result is cast to it), the
  /// operands broadcast to out's shape. Throws value_error when `out` is a broadcast view.
  void launch(const cupp::detail::array_desc& out, const operands& ops) { launch(&out, 1, ops); }
  /// Several outputs of one shape (statement mode); `raws` are passed as pointers. With
  /// `keep_order`, iteration follows the outputs' C order, so cupp_i (the body's `i`) is the
  /// C-order flat index whatever the layouts. Throws not_implemented_error when the distinct
  /// operands are more than one kernel takes (Note [Kernel parameter space] in engine.cpp).
  void launch(const cupp::detail::array_desc* outs, int n_outs, const operands& ops,
              const void* const* raws = nullptr, bool keep_order = false);
  /// As launch(out, ops), but returns false, launching nothing, when the distinct operands are
  /// more than one kernel takes: the caller then splits the expression.
  bool try_launch(const cupp::detail::array_desc& out, const operands& ops);
  /// The binding of `ops`' repeated leaves (Note [Leaf binding] in src/expr/kernel_slots.hpp):
  /// for each array leaf, then each scalar leaf, the index of the first leaf of its kind equal
  /// to it; empty when every leaf is distinct.
  std::vector<int> binding(const operands& ops) const;
  /// The CUDA source of one variant under a binding (for tests and CUPP_SAVE_SOURCE).
  std::string source(dtype out, int variant, bool wide_index,
                     const std::vector<int>& binding = {}) const;
  /// Compiles one variant for an architecture, without a GPU (for tests).
  void compile(dtype out, int variant, bool wide_index, int arch,
               const std::vector<int>& binding = {});
  /// Compiles every variant a launch into an array of `out` dtype can pick (for tests).
  void compile_all(dtype out, int arch, const std::vector<int>& binding = {});

  static constexpr int kVariants = 6;  // contiguous, strided 1-3 dims, any dims, 2-D tiles

 private:
  bool run(const cupp::detail::array_desc* outs, int n_outs, const operands& ops,
           const void* const* raws, bool keep_order);
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace detail
}  // namespace cupp::expr
