// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// scipy.ndimage's Fourier filters: SciPy's output rules and per-axis tables (its _fourier.py and
// ni_fourier.c) on the host, one elementwise kernel (Note [Fourier filters] in
// kernels/cupp/ndimage_fourier.cuh).
#include "cupp/scipy/ndimage/fourier.hpp"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "../../cuda/launch.hpp"
#include "../../jit/registry.hpp"
#include "cupp/core/error.hpp"
#include "cupp/expr/engine.hpp"
#include "cupp/jit/raw_kernel.hpp"

namespace cupp::scipy::ndimage::detail {

namespace {

constexpr int kFourierK = 32;  // the kernel's CUPP_NDI_FOURIER_K

// The host image of cupp_ndi_fourier_geom (same members, same order).
struct fourier_geom {
  long long shape[kFourierK];
  long long in_stride[kFourierK];
  long long table[kFourierK];
  long long size;
  int ndim;
  int kind;
};
static_assert(sizeof(fourier_geom) == 8 * (3 * kFourierK + 2), "packed as its device twin");

constexpr double kPi = 3.14159265358979323846;

std::string kernel_name(dtype in, dtype out) {
  return std::string("cupp_ndi_fourier_") + dtype_name(in) + "_" + dtype_name(out);
}

bool real_input(dtype dt) {
  return dt == dtype::bool_ || is_integer(dt) || dt == dtype::float32 || dt == dtype::float64;
}

/// The frequency index of position k of an axis of `dim` (FFT order: 0, 1, ..., -dim/2, ...,
/// -1), or k itself along a real transform's axis.
double frequency(long long k, long long dim, bool real_axis) {
  if (real_axis) return static_cast<double>(k);
  return static_cast<double>(k < (dim + 1) / 2 ? k : k - dim);
}

}  // namespace

std::string fourier_kernel_source(dtype in, dtype out) {
  std::string s = "#include <cupp/types.cuh>\n";
  s += std::string("typedef ") + expr::detail::device_type_name(in) + " cupp_in_t;\n";
  s += std::string("typedef ") + expr::detail::device_type_name(out) + " cupp_out_t;\n";
  s += std::string("#define CUPP_NDI_FOURIER_IN_COMPLEX ") + (is_complex(in) ? "1" : "0") + "\n";
  s += std::string("#define CUPP_NDI_FOURIER_OUT_COMPLEX ") + (is_complex(out) ? "1" : "0") +
       "\n";
  s += "#define CUPP_NDI_FOURIER_NAME " + kernel_name(in, out) + "\n";
  return jit::detail::routine_source("cupp/ndimage_fourier.cuh", s);
}

array_desc fourier_filter(const array_desc& input, fourier_kind kind,
                          const per_axis<double>& parameter, std::int64_t n, std::int64_t axis,
                          dtype out) {
  const bool shift = kind == fourier_kind::shift;
  // SciPy's _get_output_fourier(_complex): the output dtypes it takes.
  const bool out_ok = shift ? is_complex(out)
                            : (is_complex(out) || out == dtype::float32 || out == dtype::float64);
  if (!out_ok) throw value_error("output type not supported");
  if (!real_input(input.dt) && !is_complex(input.dt)) throw value_error("data type not supported");
  if (is_complex(input.dt) && !is_complex(out)) throw value_error("data type not supported");
  const std::int64_t nd = input.ndim();
  if (kind == fourier_kind::ellipsoid) {
    if (nd > 3) throw not_implemented_error("Only 1d, 2d and 3d inputs are supported");
    if (input.size() == 0) return cupp::detail::make_array(input.shape, out);
  }
  const int ax = static_cast<int>(normalize_axis(axis, nd));
  if (nd > kFourierK)
    throw value_error("the Fourier filters take arrays of at most " + std::to_string(kFourierK) +
                      " dimensions");
  const std::vector<double> p = parameter.expand(static_cast<std::size_t>(nd));
  const array_desc result = cupp::detail::make_array(input.shape, out);
  if (input.size() == 0) return result;

  fourier_geom g{};
  g.ndim = static_cast<int>(nd);
  g.kind = kind == fourier_kind::ellipsoid ? 1 : shift ? 2 : 0;
  g.size = input.size();
  std::vector<double> tables;
  for (int d = 0; d < nd; ++d) {
    const long long dim = input.shape[static_cast<std::size_t>(d)];
    const bool real_axis = d == ax && n >= 0;
    const double shape = static_cast<double>(real_axis ? n : dim);
    g.shape[d] = dim;
    g.in_stride[d] = input.strides[static_cast<std::size_t>(d)];
    g.table[d] = static_cast<long long>(tables.size());
    const double pd = p[static_cast<std::size_t>(d)];
    for (long long k = 0; k < dim; ++k) {
      const double f = frequency(k, dim, real_axis);
      double v = 0;
      switch (kind) {
        case fourier_kind::gaussian: {
          double a = pd * kPi / shape;
          a = -2.0 * a * a;
          const double t = a * f * f;
          v = std::fabs(t) > 50.0 ? 0.0 : std::exp(t);
          break;
        }
        case fourier_kind::uniform: {
          const double t = kPi * pd / shape;
          v = k == 0 ? 1.0 : t > 0.0 ? std::sin(t * f) / (t * f) : 0.0;
          break;
        }
        case fourier_kind::ellipsoid: {
          const double t = kPi * pd / shape;
          v = f * t;
          if (nd > 1) v *= v;
          break;
        }
        case fourier_kind::shift: {
          const double s = -2.0 * kPi * pd / shape;
          v = s * f;
          break;
        }
      }
      tables.push_back(v);
    }
  }
  const array_desc dev = cupp::detail::make_array({static_cast<std::int64_t>(tables.size())},
                                                  dtype::float64);
  cupp::detail::from_host(dev, tables.data());
  const RawKernel& kernel =
      jit::detail::library_kernel(fourier_kernel_source(input.dt, out), kernel_name(input.dt, out));
  kernel({cupp::detail::cover_blocks(g.size, 256)}, {256u}, static_cast<const void*>(input.ptr),
         static_cast<const void*>(dev.ptr), static_cast<void*>(result.ptr), g);
  return result;
}

}  // namespace cupp::scipy::ndimage::detail
