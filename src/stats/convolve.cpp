// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// numpy.convolve and numpy.correlate (include/cupp/routines/convolve.hpp): NumPy's argument
// checks in its order, the window of the full result each mode takes, and the launch of
// kernels/cupp/convolve.cuh.
#include "cupp/routines/convolve.hpp"

#include <algorithm>
#include <string>

#include "../cuda/launch.hpp"
#include "../jit/registry.hpp"
#include "cupp/core/error.hpp"
#include "cupp/expr/engine.hpp"
#include "cupp/jit/raw_kernel.hpp"

namespace cupp::detail {
namespace {

/// NumPy's dot loops' sum type for the dtype (Note [1-D convolution] in kernels/cupp/convolve.cuh).
const char* sum_type(dtype dt) {
  if (dt == dtype::bool_) return "bool";
  if (is_signed(dt)) return "long long";
  if (is_unsigned(dt)) return "unsigned long long";
  if (dt == dtype::float16 || dt == dtype::bfloat16 || dt == dtype::float32) return "float";
  if (dt == dtype::complex64) return "cupp::complex<float>";
  if (dt == dtype::complex128) return "cupp::complex<double>";
  return "double";
}

int kind(dtype dt) {
  if (dt == dtype::bool_) return 0;
  if (is_integer(dt)) return 1;
  return is_complex(dt) ? 3 : 2;
}

void check_mode(const std::string& mode) {
  if (mode != "valid" && mode != "same" && mode != "full")
    throw value_error("mode must be one of 'valid', 'same', or 'full' (got '" + mode + "')");
}

}  // namespace

std::string convolve_kernel_source(dtype dt) {
  std::string s = "#include <cupp/types.cuh>\n";
  s += std::string("typedef ") + expr::detail::device_type_name(dt) + " cupp_cv_t;\n";
  s += std::string("typedef ") + sum_type(dt) + " cupp_cv_acc_t;\n";
  s += "#define CUPP_CV_KIND " + std::to_string(kind(dt)) + "\n";
  s += std::string("#define CUPP_CV_NAME cupp_convolve_") + dtype_name(dt) + "\n";
  return jit::detail::routine_source("cupp/convolve.cuh", s);
}

std::pair<std::int64_t, std::int64_t> convolve_window(const array_desc& a, const array_desc& v,
                                                      const std::string& mode, bool convolve) {
  if (convolve) {
    // numpy.convolve: 0-d inputs read as length 1 (ndmin=1), the longer one first.
    const std::int64_t la = a.ndim() == 0 ? 1 : a.shape[0];
    const std::int64_t lv = v.ndim() == 0 ? 1 : v.shape[0];
    if (std::max(la, lv) == 0) throw value_error("a cannot be empty");
    if (std::min(la, lv) == 0) throw value_error("v cannot be empty");
    check_mode(mode);
    if (a.ndim() > 1 || v.ndim() > 1) throw value_error("object too deep for desired array");
  } else {
    check_mode(mode);
    for (const array_desc* x : {&a, &v}) {
      if (x->ndim() == 0) throw value_error("object of too small depth for desired array");
      if (x->ndim() > 1) throw value_error("object too deep for desired array");
    }
    if (a.shape[0] == 0) throw value_error("first array argument cannot be empty");
    if (v.shape[0] == 0) throw value_error("second array argument cannot be empty");
  }
  const std::int64_t n = a.ndim() == 0 ? 1 : a.shape[0];
  const std::int64_t m = v.ndim() == 0 ? 1 : v.shape[0];
  const std::int64_t s = std::min(n, m), l = std::max(n, m);
  std::int64_t first = 0, length = n + m - 1;
  if (mode == "valid") {
    first = s - 1;
    length = l - s + 1;
  } else if (mode == "same") {
    // NumPy's window: centred on the shorter array, left-heavy where correlate swaps its inputs.
    first = convolve || n >= m ? (s - 1) / 2 : s / 2;
    length = l;
  }
  return {first, length};
}

array_desc correlate_1d(const array_desc& a, const array_desc& v, const std::string& mode,
                        bool convolve) {
  CUPP_ASSERT(a.dt == v.dt);
  const auto [first, length] = convolve_window(a, v, mode, convolve);
  const std::int64_t n = a.ndim() == 0 ? 1 : a.shape[0];
  const std::int64_t m = v.ndim() == 0 ? 1 : v.shape[0];
  const std::int64_t a_stride = a.ndim() == 0 ? 0 : a.strides[0];
  const std::int64_t v_stride = v.ndim() == 0 ? 0 : v.strides[0];
  array_desc out = make_array({length}, a.dt);
  const RawKernel& kernel = jit::detail::library_kernel(
      convolve_kernel_source(a.dt), std::string("cupp_convolve_") + dtype_name(a.dt));
  kernel({resident_blocks(kernel, length, 256u)}, {256u}, static_cast<const void*>(a.ptr),
         static_cast<long long>(a_stride), static_cast<long long>(n),
         static_cast<const void*>(v.ptr), static_cast<long long>(v_stride),
         static_cast<long long>(m), static_cast<void*>(out.ptr), static_cast<long long>(length),
         static_cast<long long>(first), convolve ? 1 : 0);
  return out;
}

}  // namespace cupp::detail
