// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// scipy.ndimage.distance_transform_edt: the arguments as SciPy reads them and the passes of the
// separable feature transform (kernels/cupp/ndimage_edt.cuh).
#include <string>
#include <utility>
#include <vector>

#include "../../cuda/launch.hpp"
#include "../../jit/registry.hpp"
#include "cupp/core/error.hpp"
#include "cupp/expr/engine.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "cupp/scipy/ndimage/measurements.hpp"

namespace cupp::scipy::ndimage::detail {
namespace {

using cupp::detail::cover_blocks;
using cupp::detail::resident_blocks;

constexpr int kMaxDims = 32;
constexpr unsigned kBlock = 256;

// The host image of cupp_ndi_edt_dims (same members, same order).
struct edt_dims {
  long long shape[kMaxDims];
  double sampling[kMaxDims];
  int nd;
};
static_assert(sizeof(edt_dims) == 16 * kMaxDims + 8, "edt_dims is packed as its device twin");

std::string kernel_name(const char* what, dtype in) {
  return std::string("cupp_ndi_distance_transform_edt_") + what + "_" + dtype_name(in);
}

const RawKernel& edt_kernel(const char* what, dtype in) {
  return jit::detail::library_kernel(edt_kernel_source(in), kernel_name(what, in));
}

}  // namespace

std::string edt_kernel_source(dtype in) {
  std::string s = "#include <cupp/ufunc.cuh>\n";
  s += std::string("typedef ") + expr::detail::device_type_name(in) + " cupp_in_t;\n";
  s += "#define CUPP_NDI_K " + std::to_string(kMaxDims) + "\n";
  s += "#define CUPP_NDI_EDT_INIT_NAME " + kernel_name("init", in) + "\n";
  s += "#define CUPP_NDI_EDT_PASS_NAME " + kernel_name("pass", in) + "\n";
  s += "#define CUPP_NDI_EDT_DIST_NAME " + kernel_name("distances", in) + "\n";
  s += "#define CUPP_NDI_EDT_LINES_NAME " + kernel_name("lines", in) + "\n";
  return jit::detail::routine_source("cupp/ndimage_edt.cuh", s);
}

std::pair<array_desc, array_desc> distance_transform_edt(const array_desc& input,
                                                         const per_axis<double>& sampling,
                                                         bool distances, bool indices) {
  if (!distances && !indices)
    throw value_error("at least one of return_distances/return_indices must be True");
  // np.atleast_1d: a 0-d input is one element.
  const shape_t shape = input.shape.empty() ? shape_t{1} : input.shape;
  const int nd = static_cast<int>(shape.size());
  const std::vector<double> s = sampling.expand(static_cast<std::size_t>(nd));
  if (nd > kMaxDims) throw value_error("too many dimensions: at most " + std::to_string(kMaxDims));
  std::int64_t n = 1;
  for (const auto e : shape) n *= e;
  if (n > std::int64_t{2147483647})
    throw value_error("distance_transform_edt: the indices are int32; the input is too large");
  edt_dims dims{};
  dims.nd = nd;
  for (int k = 0; k < nd; ++k) {
    dims.shape[k] = shape[static_cast<std::size_t>(k)];
    dims.sampling[k] = s[static_cast<std::size_t>(k)];
  }
  shape_t ft_shape = {nd};
  ft_shape.insert(ft_shape.end(), shape.begin(), shape.end());
  // The passes ping-pong between two feature arrays; the first is chosen so that the last pass
  // writes `ft`.
  const array_desc ft = cupp::detail::make_array(ft_shape, dtype::int32);
  array_desc dist = distances ? cupp::detail::make_array(shape, dtype::float64) : array_desc{};
  if (n > 0) {
    const array_desc in = is_c_contiguous(input.shape, input.strides)
                              ? input
                              : cupp::detail::copy(input);
    const array_desc other = cupp::detail::make_array(ft_shape, dtype::int32);
    const array_desc* src = nd % 2 == 0 ? &ft : &other;
    const array_desc* dst = nd % 2 == 0 ? &other : &ft;
    const RawKernel& init = edt_kernel("init", in.dt);
    init({resident_blocks(init, n, kBlock)}, {kBlock}, static_cast<const void*>(in.ptr),
         static_cast<long long>(n), dims, static_cast<void*>(src->ptr));
    const RawKernel& lines = edt_kernel("lines", in.dt);
    const RawKernel& pass = edt_kernel("pass", in.dt);
    const array_desc has_site = cupp::detail::make_array({n}, dtype::uint8);
    const unsigned char zero = 0;
    std::int64_t inner = n;
    for (int d = 0; d < nd; ++d) {
      inner /= shape[static_cast<std::size_t>(d)];
      cupp::detail::fill(has_site, &zero);
      lines({resident_blocks(lines, n, kBlock)}, {kBlock}, static_cast<const void*>(src->ptr),
            static_cast<long long>(n), dims, static_cast<int>(d), static_cast<long long>(inner),
            static_cast<void*>(has_site.ptr));
      pass({resident_blocks(pass, n, kBlock)}, {kBlock}, static_cast<const void*>(src->ptr),
           static_cast<void*>(dst->ptr), static_cast<long long>(n), dims, static_cast<int>(d),
           static_cast<long long>(inner), static_cast<const void*>(has_site.ptr));
      std::swap(src, dst);
    }
    if (distances) {
      const RawKernel& k = edt_kernel("distances", in.dt);
      k({resident_blocks(k, n, kBlock)}, {kBlock}, static_cast<const void*>(ft.ptr),
        static_cast<long long>(n), dims, static_cast<void*>(dist.ptr));
    }
  }
  return {dist, indices ? ft : array_desc{}};
}

}  // namespace cupp::scipy::ndimage::detail
