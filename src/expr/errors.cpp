// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The errors of elementwise operations, in NumPy's words.
#include <string>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/expr/expression.hpp"

namespace cupp::expr {

namespace {
// NumPy writes these shapes without spaces: "(2,3)".
std::string compact(const shape_t& s) {
  std::string r = "(";
  for (std::size_t i = 0; i < s.size(); ++i) r += (i ? "," : "") + std::to_string(s[i]);
  return r + (s.size() == 1 ? ",)" : ")");
}
}  // namespace

void throw_unsupported(const char* ufunc, const std::vector<dtype>& inputs) {
  std::string types;
  for (std::size_t i = 0; i < inputs.size(); ++i)
    types += (i ? ", " : "") + std::string(dtype_name(inputs[i]));
  throw type_error("ufunc '" + std::string(ufunc) + "' not supported for the input types (" +
                   types +
                   "), and the inputs could not be safely coerced to any supported types "
                   "according to the casting rule ''safe''");
}

void throw_cannot_cast(const char* ufunc, dtype from, dtype to) {
  throw type_error("Cannot cast ufunc '" + std::string(ufunc) + "' output from dtype('" +
                   dtype_name(from) + "') to dtype('" + dtype_name(to) +
                   "') with casting rule 'same_kind'");
}

void throw_out_shape(const shape_t& out, const shape_t& broadcast) {
  throw value_error("non-broadcastable output operand with shape " + compact(out) +
                    " doesn't match the broadcast shape " + compact(broadcast));
}

}  // namespace cupp::expr
