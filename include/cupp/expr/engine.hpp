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

/// The run-time leaves of one expression, in the order the generator saw them. The pointers
/// refer into the expression object, which outlives the launch.
struct operands {
  static constexpr int kMaxLeaves = 32;
  const cupp::detail::array_desc* arrays[kMaxLeaves];
  const void* scalars[kMaxLeaves];
  int n_arrays = 0;
  int n_scalars = 0;

  void add_array(const cupp::detail::array_desc& a) {
    CUPP_EXPECTS(n_arrays < kMaxLeaves, not_implemented_error,
                 "an elementwise expression may have at most 32 array operands");
    arrays[n_arrays++] = &a;
  }
  void add_scalar(const void* p) {
    CUPP_EXPECTS(n_scalars < kMaxLeaves, not_implemented_error,
                 "an elementwise expression may have at most 32 scalar operands");
    scalars[n_scalars++] = p;
  }
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
  /// C-order flat index whatever the layouts.
  void launch(const cupp::detail::array_desc* outs, int n_outs, const operands& ops,
              const void* const* raws = nullptr, bool keep_order = false);
  /// The CUDA source of one variant (for tests and CUPP_SAVE_SOURCE).
  std::string source(dtype out, int variant, bool wide_index) const;
  /// Compiles one variant for an architecture, without a GPU (for tests).
  void compile(dtype out, int variant, bool wide_index, int arch);
  /// Compiles every variant a launch into an array of `out` dtype can pick (for tests).
  void compile_all(dtype out, int arch);

  static constexpr int kVariants = 6;  // contiguous, strided 1-3 dims, any dims, 2-D tiles

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace detail
}  // namespace cupp::expr
