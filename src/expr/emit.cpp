// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The text of generated elementwise code, shared by the typed and the run-time-typed paths (Note
// [One generator for both paths] in cupp/expr/expression.hpp).
#include <string>

#include "cupp/expr/expression.hpp"

namespace cupp::expr {

std::string emit_array(emitter& e, dtype dt) {
  e.arrays.push_back(dt);
  return "v" + std::to_string(e.arrays.size() - 1);
}

std::string emit_scalar(emitter& e, dtype dt) {
  e.scalars.push_back(dt);
  return "s" + std::to_string(e.scalars.size() - 1);
}

std::string emit_op(const op_desc& op, dtype loop, dtype result, const std::string* in,
                    std::size_t n) {
  const std::string compute = detail::device_type_name(compute_dtype(loop));
  auto cast = [&](const std::string& type, const std::string& x) {
    return "cupp::ufn::cast<" + type + ">(" + x + ")";
  };
  std::string call;
  if (op.condition) {
    call = "(" + cast("bool", in[0]) + " ? " + cast(compute, in[1]) + " : " + cast(compute, in[2]) +
           ")";
  } else if (op.function[0] == '\0') {
    call = cast(compute, in[0]);
  } else {
    // A function written `f<>` is given the loop's storage dtype as its template argument: a
    // float16 loop computes in float, and f<cupp::half> steps in float16's units (nextafter).
    std::string function = op.function;
    if (function.size() > 2 && function.compare(function.size() - 2, 2, "<>") == 0)
      function.insert(function.size() - 1, detail::device_type_name(loop));
    call = function + "(";
    for (std::size_t i = 0; i < n; ++i) {
      // ldexp's exponent keeps its integer value (rule ldexp).
      const bool exponent = op.type_rule == rule::ldexp && i == 1;
      call += (i ? ", " : "") + cast(exponent ? "long long" : compute, in[i]);
    }
    call += ")";
  }
  return cast(detail::device_type_name(result), call);
}

}  // namespace cupp::expr
