// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// scipy.ndimage.label (include/cupp/scipy/ndimage/measurements.hpp): SciPy's checks on the host,
// the union-find on the device (Note [Label kernels] in kernels/cupp/ndimage_label.cuh).
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../../cuda/launch.hpp"
#include "../../jit/registry.hpp"
#include "binary_support.hpp"
#include "cupp/core/error.hpp"
#include "cupp/expr/dynamic.hpp"
#include "cupp/scipy/ndimage/measurements.hpp"

namespace cupp::scipy::ndimage::detail {

using cupp::detail::array_desc;

namespace {

/// Pixels a block of the counting and numbering passes takes (CUPP_NDI_LABEL_CHUNK).
constexpr std::int64_t kLabelChunk = 1024;

const RawKernel& label_kernel(const std::string& name) {
  return jit::detail::routine_kernel("cupp/ndimage_label.cuh", "", name);
}

}  // namespace

std::string label_kernel_source() {
  return jit::detail::routine_source("cupp/ndimage_label.cuh", "");
}

std::vector<std::vector<std::int64_t>> label_neighbours(const host_structure& s) {
  std::vector<std::vector<std::int64_t>> recs;
  const std::int64_t n = structure_size(s), centre = n / 2;  // the middle of 3 x ... x 3
  for (std::int64_t i = 0; i < centre; ++i) {
    if (!s.values[static_cast<std::size_t>(i)]) continue;
    std::vector<std::int64_t> e(s.shape.size());
    std::int64_t rem = i;
    for (std::size_t d = s.shape.size(); d-- > 0; rem /= 3) e[d] = rem % 3 - 1;
    recs.push_back(std::move(e));
  }
  return recs;
}

namespace {

/// Whether every label 0..n is exact in dtype `dt` (SciPy compares the labels cast to the
/// requested output with its own).
bool labels_fit(std::int64_t n, dtype dt) {
  switch (dt) {
    case dtype::int8: return n <= INT8_MAX;
    case dtype::int16: return n <= INT16_MAX;
    case dtype::uint8: return n <= UINT8_MAX;
    case dtype::uint16: return n <= UINT16_MAX;
    case dtype::float16: return n <= 2048;
    case dtype::bfloat16: return n <= 256;
    case dtype::float32: return n <= (std::int64_t{1} << 24);
    default: return true;  // int32 and wider integers, float64: every int32 label
  }
}

/// The labels in dtype `out`, as SciPy's output=dtype gives them.
std::pair<array_desc, std::int64_t> as_output(std::pair<array_desc, std::int64_t> r, dtype out) {
  if (out == dtype::int32) return r;
  if (!labels_fit(r.second, out))
    throw value_error("insufficient bit-depth in requested output type");
  array_desc cast = cupp::detail::make_array(r.first.shape, out);
  if (cast.size() > 0)
    expr::dynamic_assign(expr::op_desc_of<expr::op_copy>(),
                         {expr::dynamic_operand{r.first, {}, false}}, cast);
  return {cast, r.second};
}

std::pair<array_desc, std::int64_t> label_int32(const array_desc& input,
                                                const std::optional<host_structure>& structure);

}  // namespace

std::pair<array_desc, std::int64_t> label(const array_desc& input,
                                          const std::optional<host_structure>& structure,
                                          dtype out) {
  CUPP_EXPECTS(!is_complex(out) && out != dtype::bool_, value_error,
               std::string("label cannot write its labels as ") + dtype_name(out));
  return as_output(label_int32(input, structure), out);
}

namespace {

std::pair<array_desc, std::int64_t> label_int32(const array_desc& input,
                                                const std::optional<host_structure>& structure) {
  if (is_complex(input.dt)) throw type_error("Complex type not supported");
  const int ndim = static_cast<int>(input.ndim());
  const host_structure s = structure ? *structure : binary_structure(ndim, 1);
  if (static_cast<int>(s.shape.size()) != ndim)
    throw value_error("structure and input must have equal rank");
  for (const auto d : s.shape)
    if (d != 3) throw value_error("structure dimensions must be equal to 3");
  const std::int64_t n = input.size();
  if (n > 0 && ndim > 0) {  // SciPy's label of an empty or 0-d input looks no further
    const std::int64_t m = structure_size(s);
    for (std::int64_t i = 0; i < m; ++i)
      if (s.values[static_cast<std::size_t>(i)] != s.values[static_cast<std::size_t>(m - 1 - i)])
        throw value_error("Structuring element is not symmetric");
    // The forest's parents are int32 flat indices plus one (SciPy labels arrays this large
    // with int64).
    if (n >= (std::int64_t{1} << 31) - 2)
      throw value_error("label takes arrays of fewer than 2**31 - 2 elements");
  }
  array_desc out = cupp::detail::make_array(input.shape, dtype::int32);
  if (n == 0) return {out, 0};
  const array_desc image = binary_image(input);
  if (ndim == 0) {  // a scalar: one feature or none
    std::uint8_t v = 0;
    cupp::detail::to_host(image, &v);
    const std::int32_t l = v != 0 ? 1 : 0;
    cupp::detail::from_host(out, &l);
    return {out, l};
  }

  std::vector<std::int64_t> flat;
  const binary_geom g = make_geom(input.shape, label_neighbours(s), flat);
  const array_desc recs = device_records(flat);
  const auto ll = static_cast<long long>(n);
  const RawKernel& init = label_kernel("cupp_ndi_label_init");
  init({cupp::detail::resident_blocks(init, n, 256u)}, {256u}, static_cast<const void*>(image.ptr),
       static_cast<void*>(out.ptr), ll);
  if (g.count > 0) {
    const std::pair<dim3, dim3> shape = row_launch_shape(g);
    label_kernel(ranked_name("label", ndim))(shape.first, shape.second,
                                              static_cast<const void*>(image.ptr),
                                              static_cast<void*>(out.ptr), g,
                                              static_cast<const void*>(recs.ptr));
  }
  const std::int64_t chunks = (n + kLabelChunk - 1) / kLabelChunk;
  const array_desc counts = cupp::detail::make_array({chunks + 1}, dtype::int32);
  label_kernel("cupp_ndi_label_compress")(cupp::detail::cover_blocks(n, kLabelChunk), 256u,
                                           static_cast<void*>(out.ptr), ll,
                                           static_cast<void*>(counts.ptr));
  label_kernel("cupp_ndi_label_scan")(1u, 1024u, static_cast<void*>(counts.ptr),
                                       static_cast<long long>(chunks));
  label_kernel("cupp_ndi_label_number")(cupp::detail::cover_blocks(n, kLabelChunk), 256u,
                                         static_cast<void*>(out.ptr), ll,
                                         static_cast<const void*>(counts.ptr));
  const RawKernel& finish = label_kernel("cupp_ndi_label_finish");
  finish({cupp::detail::resident_blocks(finish, n, 256u)}, {256u}, static_cast<void*>(out.ptr),
         ll);
  std::int32_t features = 0;
  cupp::detail::to_host(cupp::detail::make_view(counts, {1}, {1},
                                                counts.ptr + chunks * sizeof(std::int32_t)),
                        &features);
  return {out, features};
}

}  // namespace

}  // namespace cupp::scipy::ndimage::detail
