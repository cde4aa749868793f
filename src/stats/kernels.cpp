// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernels of the statistics routines: the preambles that choose a variant of
// kernels/cupp/stats_quantile.cuh and kernels/cupp/stats_histogram.cuh (one per dtype), and the
// compiled kernels, from the registry.
#include "stats_kernels.hpp"

#include <string>

#include "../jit/registry.hpp"
#include "cupp/core/error.hpp"
#include "cupp/expr/engine.hpp"
#include "cupp/routines/statistics.hpp"

namespace cupp::detail {
namespace {

using expr::detail::device_type_name;

/// The type device code computes a floating dtype in (16-bit dtypes in float, as NumPy's loops).
const char* compute_type_name(dtype d) {
  switch (d) {
    case dtype::float64:
      return "double";
    case dtype::complex64:
      return "cupp::complex<float>";
    case dtype::complex128:
      return "cupp::complex<double>";
    default:
      return "float";
  }
}

const char* real_compute_type_name(dtype d) {
  return d == dtype::float64 || d == dtype::complex128 ? "double" : "float";
}

/// A device expression that is true when `x` (of dtype d) is nan.
std::string isnan_text(dtype d, const std::string& x) {
  if (is_complex(d)) return "(::isnan(" + x + ".real()) || ::isnan(" + x + ".imag()))";
  if (d == dtype::float16 || d == dtype::bfloat16) return "::isnan(static_cast<float>(" + x + "))";
  if (is_floating(d)) return "::isnan(" + x + ")";
  return "false";
}

}  // namespace

std::string quantile_kernel_name(dtype in, dtype out) {
  return std::string("cupp_quantile_") + dtype_name(in) + "_" + dtype_name(out);
}

std::string quantile_kernel_source(dtype in, dtype out) {
  std::string s = "#include <cupp/ufunc.cuh>\n";
  s += std::string("typedef ") + device_type_name(in) + " cupp_in_t;\n";
  s += std::string("typedef ") + device_type_name(out) + " cupp_out_t;\n";
  s += std::string("typedef ") + compute_type_name(out) + " cupp_c_t;\n";
  s += std::string("typedef ") + real_compute_type_name(out) + " cupp_r_t;\n";
  s += "#define CUPP_QUANTILE_REAL " + std::string(is_complex(out) ? "0" : "1") + "\n";
  s += "#define CUPP_KERNEL_NAME " + quantile_kernel_name(in, out) + "\n";
  s += "__device__ __forceinline__ bool cupp_isnan(cupp_in_t x) { return " + isnan_text(in, "x") +
       "; }\n";
  return jit::detail::routine_source("cupp/stats_quantile.cuh", s);
}

std::string histogram_kernel_name(const char* what, dtype in) {
  return std::string("cupp_") + what + "_" + dtype_name(in);
}

std::string histogram_kernel_source(dtype in) {
  const dtype bin = is_floating(in) ? in : dtype::float64;
  std::string s = "#include <cupp/ufunc.cuh>\n";
  s += std::string("typedef ") + device_type_name(in) + " cupp_in_t;\n";
  s += std::string("typedef ") + device_type_name(bin) + " cupp_bin_t;\n";
  s += std::string("typedef ") + compute_type_name(bin) + " cupp_c_t;\n";
  s += "#define CUPP_UNIFORM_NAME " + histogram_kernel_name("histogram_uniform", in) + "\n";
  s += "#define CUPP_EDGES_NAME " + histogram_kernel_name("histogram_edges", in) + "\n";
  s += "#define CUPP_BINCOUNT_NAME " + histogram_kernel_name("bincount", in) + "\n";
  return jit::detail::routine_source("cupp/stats_histogram.cuh", s);
}

const RawKernel& stats_kernel(const std::string& source, const std::string& name) {
  return jit::detail::library_kernel(source, name);
}

}  // namespace cupp::detail
