// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The type-erased half of the reduction engine: the generated kernels of one (expression type,
// reduction) pair, and the launch that splits the dimensions into kept and reduced ones, picks a
// strategy and runs it. Compiled once in src/expr/reduce_engine.cpp.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/dtype.hpp"
#include "cupp/expr/engine.hpp"

namespace cupp::expr::detail {

/// A reduction of an expression type, as generated code sees it.
struct reduce_info {
  std::string name;        // for the kernel name: the reduction, then the expression's operations
  std::string expression;  // CUDA expression over v0.. (array leaves) and s0.. (scalars)
  std::vector<dtype> arrays;
  std::vector<dtype> scalars;
  std::string op;          // the device operation type, e.g. "cupp::red::sum<float>"
  std::string preamble;    // code placed before the kernel (ReductionKernel's operation)
  std::vector<std::string> options;  // compiler options (ReductionKernel's)
};

/// Strategy of a launch (Note [Reduction kernels] in reduce_engine.cpp).
enum class reduce_mode { inner = 0, outer = 1, inner_vector = 2 };

/// The generated kernels of one reduction of one expression type.
class reduce_family {
 public:
  explicit reduce_family(reduce_info info);
  ~reduce_family();
  reduce_family(const reduce_family&) = delete;
  reduce_family& operator=(const reduce_family&) = delete;

  /// Reduces the expression (whose operands broadcast to `in_shape`) over `axes` (sorted, unique,
  /// in range) into `out`, whose shape is in_shape without the reduced axes (any layout, any
  /// dtype: the result is cast to it). `ddof` reaches the operation's finalize step. Throws
  /// not_implemented_error when the distinct operands are more than one kernel takes.
  void launch(const cupp::detail::array_desc& out, const operands& ops, const shape_t& in_shape,
              const std::vector<int>& axes, double ddof = 0.0);
  /// As launch, but returns false, launching nothing, when the distinct operands are more than
  /// one kernel takes: the caller then splits the expression.
  bool try_launch(const cupp::detail::array_desc& out, const operands& ops,
                  const shape_t& in_shape, const std::vector<int>& axes, double ddof = 0.0);
  /// The binding of `ops`' repeated leaves, as kernel_family::binding.
  std::vector<int> binding(const operands& ops) const;

  /// The CUDA source of one variant under a binding (for tests).
  std::string source(dtype out, int kept_dims, int reduced_dims, reduce_mode mode,
                     bool wide_index, const std::vector<int>& binding = {}) const;
  /// Compiles every variant a launch into `out` can pick, for an architecture, without a GPU.
  void compile_all(dtype out, int arch, const std::vector<int>& binding = {});

 private:
  bool run(const cupp::detail::array_desc& out, const operands& ops, const shape_t& in_shape,
           const std::vector<int>& axes, double ddof);
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace cupp::expr::detail
