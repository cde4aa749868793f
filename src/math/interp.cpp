// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::interp's launch: the sample points and values contiguous in float64 (complex128), the
// points x read in their own dtype, one kernel (kernels/cupp/interp.cuh, Note [Interp kernel]).
#include <complex>
#include <optional>
#include <string>

#include "../cuda/launch.hpp"
#include "../jit/registry.hpp"
#include "cupp/core/error.hpp"
#include "cupp/expr/engine.hpp"
#include "cupp/routines/math.hpp"

namespace cupp::detail {
namespace {

constexpr unsigned kInterpBlock = 256;

std::string interp_kernel_name(dtype x, dtype fp) {
  return std::string("cupp_interp_") + dtype_name(x) + "_" + dtype_name(fp);
}

/// `a` itself when C-contiguous, else a C-contiguous copy.
array_desc contiguous(const array_desc& a) {
  return is_c_contiguous(a.shape, a.strides) ? a : copy(a);
}

}  // namespace

std::string interp_kernel_source(dtype x, dtype fp) {
  std::string s = "#include <cupp/ufunc.cuh>\n";
  s += std::string("typedef ") + expr::detail::device_type_name(x) + " cupp_x_t;\n";
  s += std::string("#define CUPP_INTERP_COMPLEX ") + (is_complex(fp) ? "1" : "0") + "\n";
  s += "#define CUPP_KERNEL_NAME " + interp_kernel_name(x, fp) + "\n";
  return jit::detail::routine_source("cupp/interp.cuh", s);
}

array_desc interp_array(const array_desc& x, const array_desc& xp, const array_desc& fp,
                        const std::optional<std::complex<double>>& left,
                        const std::optional<std::complex<double>>& right) {
  CUPP_ASSERT(xp.dt == dtype::float64 && (fp.dt == dtype::float64 || fp.dt == dtype::complex128));
  CUPP_EXPECTS(!is_complex(x.dt), type_error,
               "float() argument must be a string or a real number, not 'complex'");
  array_desc out = make_array(x.shape, fp.dt);
  const std::int64_t len = x.size();
  if (len == 0) return out;
  const array_desc xc = contiguous(x), xpc = contiguous(xp), fpc = contiguous(fp);
  const RawKernel& k = jit::detail::library_kernel(interp_kernel_source(x.dt, fp.dt),
                                                   interp_kernel_name(x.dt, fp.dt));
  const std::complex<double> l = left.value_or(0.0), r = right.value_or(0.0);
  k({resident_blocks(k, len, kInterpBlock)}, {kInterpBlock}, static_cast<const void*>(xc.ptr),
    static_cast<const void*>(xpc.ptr), static_cast<const void*>(fpc.ptr),
    static_cast<long long>(xp.size()), static_cast<long long>(len), static_cast<int>(left.has_value()),
    l.real(), l.imag(), static_cast<int>(right.has_value()), r.real(), r.imag(),
    static_cast<void*>(out.ptr));
  return out;
}

}  // namespace cupp::detail
