// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The binary morphology of cupp::scipy::ndimage (include/cupp/scipy/ndimage/morphology.hpp):
// SciPy's structure handling and argument checks on the host, the iterations on the device
// (kernels/cupp/ndimage_binary.cuh).
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "../../cuda/launch.hpp"
#include "../../jit/registry.hpp"
#include "binary_support.hpp"
#include "cupp/core/error.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/expr/dynamic.hpp"
#include "cupp/scipy/ndimage/morphology.hpp"

namespace cupp::scipy::ndimage::detail {

using cupp::detail::array_desc;

// ---- structures on the host ----------------------------------------------------------------------

std::optional<host_structure> to_host_structure(const std::optional<array>& s) {
  if (!s) return std::nullopt;
  const array_desc image = binary_image(s->desc());
  host_structure h;
  h.shape = image.shape;
  h.values.resize(static_cast<std::size_t>(image.size()));
  if (!h.values.empty()) cupp::detail::to_host(image, h.values.data());
  for (auto& v : h.values) v = v != 0;
  return h;
}

std::optional<array_desc> desc_of(const std::optional<array>& a) {
  if (!a) return std::nullopt;
  return a->desc();
}

host_structure binary_structure(int rank, int connectivity) {
  host_structure s;
  if (connectivity < 1) connectivity = 1;
  if (rank < 1) {
    s.values = {1};
    return s;
  }
  s.shape.assign(static_cast<std::size_t>(rank), 3);
  std::int64_t n = 1;
  for (int d = 0; d < rank; ++d) n *= 3;
  s.values.resize(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    int steps = 0;  // the sum over the axes of |coordinate - 1|
    std::int64_t rem = i;
    for (int d = 0; d < rank; ++d, rem /= 3) steps += rem % 3 != 1;
    s.values[static_cast<std::size_t>(i)] = steps <= connectivity;
  }
  return s;
}

std::int64_t structure_size(const host_structure& s) {
  std::int64_t n = 1;
  for (auto d : s.shape) n *= d;
  return n;
}

namespace {

/// The flat C-order index of coordinates `c` in `shape`.
std::int64_t flat_index(const shape_t& shape, const std::vector<std::int64_t>& c) {
  std::int64_t i = 0;
  for (std::size_t d = 0; d < shape.size(); ++d) i = i * shape[d] + c[d];
  return i;
}

/// The coordinates of flat C-order index i in `shape`.
std::vector<std::int64_t> coords_of(const shape_t& shape, std::int64_t i) {
  std::vector<std::int64_t> c(shape.size());
  for (std::size_t d = shape.size(); d-- > 0;) {
    c[d] = i % shape[d];
    i /= shape[d];
  }
  return c;
}

/// `s` with every axis reversed (structure[::-1, ..., ::-1]).
host_structure reversed(const host_structure& s) {
  host_structure r = s;
  const std::int64_t n = structure_size(s);
  for (std::int64_t i = 0; i < n; ++i) {
    std::vector<std::int64_t> c = coords_of(s.shape, i);
    for (std::size_t d = 0; d < c.size(); ++d) c[d] = s.shape[d] - 1 - c[d];
    r.values[static_cast<std::size_t>(flat_index(s.shape, c))] =
        s.values[static_cast<std::size_t>(i)];
  }
  return r;
}

/// SciPy's binary_dilation turns its origin into the erosion's by the reflected structure:
/// -origin, one less along an even axis.
std::vector<int> dilation_origin(const host_structure& s, std::vector<int> origin) {
  for (std::size_t d = 0; d < origin.size() && d < s.shape.size(); ++d) {
    origin[d] = -origin[d];
    if (s.shape[d] % 2 == 0) origin[d] -= 1;
  }
  return origin;
}

/// One erosion (invert: dilation) of a host image by neighbour records, outside reading
/// `border`: the device kernel's rule (Note [Binary morphology kernel]) for small images.
host_structure host_erode(const host_structure& in,
                          const std::vector<std::vector<std::int64_t>>& recs, bool invert,
                          int border) {
  host_structure out = in;
  const int hit = invert ? 1 : 0;
  const std::int64_t n = structure_size(in);
  for (std::int64_t i = 0; i < n; ++i) {
    const std::vector<std::int64_t> c = coords_of(in.shape, i);
    int res = !hit;
    for (const auto& e : recs) {
      std::vector<std::int64_t> q = c;
      bool inside = true;
      for (std::size_t d = 0; d < q.size(); ++d) {
        q[d] += e[d];
        inside = inside && q[d] >= 0 && q[d] < in.shape[d];
      }
      const int val = inside ? in.values[static_cast<std::size_t>(flat_index(in.shape, q))] : border;
      if (val == hit) {
        res = hit;
        break;
      }
    }
    out.values[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(res);
  }
  return out;
}

}  // namespace

std::vector<std::vector<std::int64_t>> binary_offsets(const host_structure& s,
                                                      const std::vector<int>& origin) {
  const std::size_t nd = s.shape.size();
  for (std::size_t d = 0; d < nd; ++d) {
    const std::int64_t len = s.shape[d], o = origin[d];
    // SciPy indexes the structure at shape // 2 + origin (its _center_is_true), which fails
    // outside these bounds; a filter's origin has the same ones (_invalid_origin).
    if (o < -(len / 2) || o > (len - 1) / 2) throw value_error("invalid origin");
  }
  std::vector<std::vector<std::int64_t>> recs;
  const std::int64_t n = structure_size(s);
  for (std::int64_t i = 0; i < n; ++i) {
    if (!s.values[static_cast<std::size_t>(i)]) continue;
    std::vector<std::int64_t> c = coords_of(s.shape, i);
    for (std::size_t d = 0; d < nd; ++d) c[d] -= s.shape[d] / 2 + origin[d];
    recs.push_back(std::move(c));
  }
  return recs;
}

host_structure iterate_structure(const host_structure& s, int iterations) {
  host_structure bools = s;
  for (auto& v : bools.values) v = v != 0;
  if (iterations < 2) return bools;
  const std::int64_t ni = iterations - 1;
  host_structure out;
  for (auto d : s.shape) out.shape.push_back(d + ni * (d - 1));
  out.values.assign(static_cast<std::size_t>(structure_size(out)), 0);
  const std::int64_t n = structure_size(s);
  for (std::int64_t i = 0; i < n; ++i) {  // s at ni * (shape // 2)
    std::vector<std::int64_t> c = coords_of(s.shape, i);
    for (std::size_t d = 0; d < c.size(); ++d) c[d] += ni * (s.shape[d] / 2);
    out.values[static_cast<std::size_t>(flat_index(out.shape, c))] =
        bools.values[static_cast<std::size_t>(i)];
  }
  // binary_dilation(out, s, iterations=ni): the erosion by the reflected structure, inverted.
  const std::vector<int> origin = dilation_origin(s, std::vector<int>(s.shape.size(), 0));
  const auto recs = binary_offsets(reversed(bools), origin);
  for (std::int64_t k = 0; k < ni; ++k) out = host_erode(out, recs, true, 0);
  return out;
}

// ---- the device images ---------------------------------------------------------------------------

array_desc binary_image(const array_desc& a) {
  if (a.dt == dtype::bool_ && is_c_contiguous(a.shape, a.strides)) return a;
  array_desc out = cupp::detail::make_array(a.shape, dtype::bool_);
  if (a.size() > 0)
    expr::dynamic_assign(expr::op_desc_of<expr::op_copy>(), {expr::dynamic_operand{a, {}, false}},
                         out);
  return out;
}

binary_geom make_geom(const shape_t& shape,
                      const std::vector<std::vector<std::int64_t>>& recs,
                      std::vector<std::int64_t>& flat_recs) {
  CUPP_EXPECTS(shape.size() <= static_cast<std::size_t>(kBinaryMaxDims), value_error,
               "binary morphology takes arrays of at most " + std::to_string(kBinaryMaxDims) +
                   " dimensions");
  binary_geom g{};
  const int nd = static_cast<int>(shape.size());
  g.ndim = nd;
  g.count = static_cast<int>(recs.size());
  g.cols = nd == 0 ? 1 : shape.back();
  g.rows = 1;
  for (int d = 0; d + 1 < nd; ++d) g.rows *= shape[static_cast<std::size_t>(d)];
  const strides_t strides = c_strides(shape);
  for (int d = 0; d < nd; ++d) g.shape[d] = shape[static_cast<std::size_t>(d)];
  flat_recs.clear();
  for (const auto& e : recs) {
    std::int64_t flat = 0;
    for (int d = 0; d < nd; ++d) {
      const auto k = static_cast<std::size_t>(d);
      flat += e[k] * strides[k];
      g.lo[d] = std::min<long long>(g.lo[d], e[k]);
      g.hi[d] = std::max<long long>(g.hi[d], e[k]);
    }
    flat_recs.push_back(flat);
    flat_recs.insert(flat_recs.end(), e.begin(), e.end());
  }
  return g;
}

array_desc device_records(const std::vector<std::int64_t>& flat_recs) {
  array_desc d = cupp::detail::make_array(
      {std::max<std::int64_t>(1, static_cast<std::int64_t>(flat_recs.size()))}, dtype::int64);
  if (!flat_recs.empty())
    cupp::detail::from_host(
        cupp::detail::make_view(d, {static_cast<std::int64_t>(flat_recs.size())}, {1}, d.ptr),
        flat_recs.data());
  return d;
}

const char* ranked_name(const char* stem, int ndim) {
  static const std::string names[2][4] = {
      {"cupp_ndi_binary_erosion_nd", "cupp_ndi_binary_erosion_1d", "cupp_ndi_binary_erosion_2d",
       "cupp_ndi_binary_erosion_3d"},
      {"cupp_ndi_label_merge_nd", "cupp_ndi_label_merge_1d", "cupp_ndi_label_merge_2d",
       "cupp_ndi_label_merge_3d"}};
  const int which = std::string(stem) == "label" ? 1 : 0;
  return names[which][ndim >= 1 && ndim <= 3 ? ndim : 0].c_str();
}

std::pair<dim3, dim3> row_launch_shape(const binary_geom& g) {
  unsigned bx = 32;
  while (bx < 256 && bx < g.cols) bx *= 2;
  const unsigned by = 256 / bx;
  // One thread a pixel: x covers the last axis, y the rows; gridDim.y is at most 65535, so the
  // rows beyond are strided over.
  const unsigned gx = cupp::detail::cover_blocks(g.cols, bx);
  const unsigned gy = static_cast<unsigned>(
      std::min<std::int64_t>(cupp::detail::cover_blocks(g.rows, by), 65535));
  return {dim3(gx, gy), dim3(bx, by)};
}

std::string binary_kernel_source() {
  return jit::detail::routine_source("cupp/ndimage_binary.cuh", "");
}

namespace {

const RawKernel& binary_kernel(const std::string& name) {
  return jit::detail::routine_kernel("cupp/ndimage_binary.cuh", "", name);
}

/// What a binary erosion (or dilation) applies: the neighbour records and whether the structure
/// holds the pixel itself (SciPy's center_is_true).
struct neighbourhood {
  std::vector<std::vector<std::int64_t>> recs;
  bool center = false;
};

/// SciPy's _binary_erosion up to the first pass: the checks in its order and the neighbourhood of
/// `structure` (already reflected, and its origin turned, for a dilation).
neighbourhood erosion_plan(const array_desc& input, const std::optional<host_structure>& structure,
                           const std::optional<array_desc>& mask, const per_axis<int>& origin_arg,
                           const std::vector<int>& ax) {
  const int ndim = static_cast<int>(input.ndim());
  const int num_axes = static_cast<int>(ax.size());
  host_structure s = structure ? *structure : binary_structure(num_axes, 1);
  if (ndim > num_axes) {
    if (static_cast<int>(s.shape.size()) != num_axes)
      throw value_error("structure.ndim (" + std::to_string(s.shape.size()) +
                        ") must match len(axes) (" + std::to_string(num_axes) + ")");
    // np.expand_dims at the axes not filtered: the structure's axes land on the filtered ones
    // in increasing order.
    shape_t shape(static_cast<std::size_t>(ndim), 1);
    std::vector<int> sorted = ax;
    std::sort(sorted.begin(), sorted.end());
    for (int j = 0; j < num_axes; ++j)
      shape[static_cast<std::size_t>(sorted[static_cast<std::size_t>(j)])] =
          s.shape[static_cast<std::size_t>(j)];
    s.shape = shape;
  }
  if (s.shape.size() != static_cast<std::size_t>(ndim))
    throw value_error("structure and input must have same dimensionality");
  if (structure_size(s) < 1) throw value_error("structure must not be empty");
  if (mask && mask->shape != input.shape)
    throw value_error("mask and input must have equal sizes");
  if (mask && is_complex(mask->dt)) throw value_error("data type not supported");
  const std::vector<int> origin_n = origin_arg.expand(ax.size());
  // _expand_origin: the axes not filtered get 0.
  std::vector<int> origin(static_cast<std::size_t>(ndim), 0);
  for (int j = 0; j < num_axes; ++j)
    origin[static_cast<std::size_t>(ax[static_cast<std::size_t>(j)])] =
        origin_n[static_cast<std::size_t>(j)];
  neighbourhood nb;
  nb.recs = binary_offsets(s, origin);
  for (const auto& e : nb.recs)
    if (std::all_of(e.begin(), e.end(), [](std::int64_t v) { return v == 0; })) nb.center = true;
  return nb;
}

void check_real(const array_desc& input) {
  if (is_complex(input.dt)) throw type_error("Complex type not supported");
}

constexpr int kTileRecords = 64;  // CUPP_NDI_TILE_RECORDS

/// The host image of cupp_ndi_tile_args (Note [Binary tiles]): the arguments of
/// cupp_ndi_binary_erosion_tile.
struct tile_args {
  std::int32_t rec[3 * kTileRecords];
  std::int32_t count;
  std::int32_t lo_y, hi_y;
  std::int32_t wl, wh;
};
static_assert(sizeof(tile_args) == 4 * (3 * kTileRecords + 5), "tile_args is packed as its twin");

constexpr std::int64_t kTileRows = 32;  // CUPP_NDI_TILE_ROWS

/// The tile kernel's arguments when the image can take it: 2-D, rows of whole aligned words,
/// and a neighbourhood that fits the tile's halo and argument struct.
std::optional<tile_args> plan_tiles(const array_desc& image, const std::optional<array_desc>& mask,
                                    const neighbourhood& nb) {
  const auto aligned = [](const char* p) { return reinterpret_cast<std::uintptr_t>(p) % 4 == 0; };
  if (image.ndim() != 2 || image.shape[1] % 4 != 0 || !aligned(image.ptr) ||
      (mask && !aligned(mask->ptr)) || (image.shape[0] + kTileRows - 1) / kTileRows > 65535 ||
      nb.recs.size() > static_cast<std::size_t>(kTileRecords))
    return std::nullopt;
  tile_args t{};
  int max_dw = 0;
  for (const auto& e : nb.recs) {
    const std::int64_t dy = e[0], dx = e[1];
    const std::int64_t dw = dx >= 0 ? dx / 4 : -((-dx + 3) / 4);  // floor(dx / 4)
    const auto shift = static_cast<std::int32_t>(dx - 4 * dw);
    if (dy < -16 || dy > 16 || dw < -4 || dw > 4) return std::nullopt;
    t.lo_y = std::min(t.lo_y, static_cast<std::int32_t>(dy));
    t.hi_y = std::max(t.hi_y, static_cast<std::int32_t>(dy));
    t.wl = std::min(t.wl, static_cast<std::int32_t>(dw));
    max_dw = std::max(max_dw, static_cast<int>(dw));
    std::int32_t* r = t.rec + 3 * t.count++;
    r[0] = static_cast<std::int32_t>(dy);
    r[1] = static_cast<std::int32_t>(dw);
    r[2] = shift | (shift + 1) << 4 | (shift + 2) << 8 | (shift + 3) << 12;
  }
  t.wh = max_dw + 1;
  return t;
}

// Note [Binary iterations]: a finite count of iterations runs that many passes, each from the
// previous one's result into a second image (SciPy's brute force; its other path, which only
// revisits the pixels near a change, gives the same images). Until nothing changes
// (iterations < 1) the passes after the first run in batches of growing length, each pass
// setting its own flag where a pixel changed; the host reads the flags after a batch, and the
// first pass that changed nothing ends the work (every later pass repeats its image). When the
// structure holds the pixel itself, an erosion only ever clears pixels and a dilation only ever
// sets them, both monotone in the image: then the passes after the first work in place, each
// reading what the others have already written (a pixel is written by its own thread only),
// which reaches the same fixed point (the largest below the input for an erosion, the smallest
// above it for a dilation) in fewer passes, as a change can travel far in one pass.
array_desc run_erosion(const array_desc& input, const neighbourhood& nb, int iterations,
                       const std::optional<array_desc>& mask, int mask_sense, int border_value,
                       bool invert) {
  if (input.size() == 0) return cupp::detail::make_array(input.shape, dtype::bool_);
  const array_desc image = binary_image(input);
  std::optional<array_desc> mask_image;
  if (mask) mask_image = binary_image(*mask);
  const void* mask_ptr = mask_image ? static_cast<const void*>(mask_image->ptr) : nullptr;
  const int hit = invert ? 1 : 0;
  const int border = border_value != 0 ? 1 : 0;
  std::function<void(const array_desc&, const array_desc&, void*)> pass;
  if (const std::optional<tile_args> t = plan_tiles(image, mask_image, nb)) {
    const long long rows = image.shape[0], wcols = image.shape[1] / 4;
    const dim3 grid(cupp::detail::cover_blocks(wcols, 32),
                    cupp::detail::cover_blocks(rows, kTileRows));
    const std::size_t shared = sizeof(std::uint32_t) *
                               static_cast<std::size_t>(32 + t->wh - t->wl) *
                               static_cast<std::size_t>(kTileRows + t->hi_y - t->lo_y);
    const RawKernel& kernel = binary_kernel("cupp_ndi_binary_erosion_tile");
    const tile_args args = *t;
    pass = [&kernel, grid, shared, mask_ptr, mask_sense, rows, wcols, args, hit, border](
               const array_desc& from, const array_desc& to, void* flag) {
      kernel(grid, dim3(32, 8), shared, cuda::get_current_stream(),
             static_cast<const void*>(from.ptr), static_cast<void*>(to.ptr), mask_ptr, mask_sense,
             rows, wcols, args, hit, border, from.ptr == to.ptr ? 1 : 0, flag);
    };
  } else {
    std::vector<std::int64_t> flat;
    const binary_geom g = make_geom(input.shape, nb.recs, flat);
    const array_desc recs = device_records(flat);
    const std::pair<dim3, dim3> shape = row_launch_shape(g);
    const RawKernel& kernel = binary_kernel(ranked_name("binary", g.ndim));
    pass = [&kernel, shape, mask_ptr, mask_sense, g, recs, hit, border](
               const array_desc& from, const array_desc& to, void* flag) {
      kernel(shape.first, shape.second, static_cast<const void*>(from.ptr),
             static_cast<void*>(to.ptr), mask_ptr, mask_sense, g,
             static_cast<const void*>(recs.ptr), hit, border, flag);
    };
  }
  array_desc out = cupp::detail::make_array(input.shape, dtype::bool_);
  if (iterations == 1) {
    pass(image, out, nullptr);
    return out;
  }
  if (iterations > 1) {
    array_desc other = cupp::detail::make_array(input.shape, dtype::bool_);
    // Ping-pong so that the last pass writes `out`.
    array_desc a = out, b = other;
    if (iterations % 2 == 0) std::swap(a, b);
    pass(image, a, nullptr);
    for (int k = 1; k < iterations; ++k) {
      pass(a, b, nullptr);
      std::swap(a, b);
    }
    return a;
  }
  // The first pass writes every pixel of `out` (as 0 or 1) from the input, as SciPy's.
  const bool in_place = nb.center;
  array_desc other;
  if (!in_place) other = cupp::detail::make_array(input.shape, dtype::bool_);
  pass(image, out, nullptr);
  const int kMaxBatch = 64;
  const array_desc flags = cupp::detail::make_array({kMaxBatch}, dtype::int32);
  std::vector<std::int32_t> host_flags(kMaxBatch);
  for (int batch = 2;; batch = std::min(2 * batch, kMaxBatch)) {
    const std::int32_t zero = 0;
    cupp::detail::fill(flags, &zero);
    for (int k = 0; k < batch; ++k) {
      void* flag = flags.ptr + k * sizeof(std::int32_t);
      if (in_place) {
        pass(out, out, flag);
      } else {
        pass(out, other, flag);
        std::swap(out, other);
      }
    }
    cupp::detail::to_host(flags, host_flags.data());
    if (std::any_of(host_flags.begin(), host_flags.begin() + batch,
                    [](std::int32_t f) { return f == 0; }))
      return out;
  }
}

array_desc erosion(const array_desc& input, const std::optional<host_structure>& structure,
                   int iterations, const std::optional<array_desc>& mask, int mask_sense,
                   int border_value, const per_axis<int>& origin, const axis_arg& axes) {
  check_real(input);
  const std::vector<int> ax = filter_axes(axes, static_cast<int>(input.ndim()));
  const neighbourhood nb = erosion_plan(input, structure, mask, origin, ax);
  return run_erosion(input, nb, iterations, mask, mask_sense, border_value, false);
}

array_desc dilation(const array_desc& input, const std::optional<host_structure>& structure,
                    int iterations, const std::optional<array_desc>& mask, int mask_sense,
                    int border_value, const per_axis<int>& origin, const axis_arg& axes) {
  const std::vector<int> ax = filter_axes(axes, static_cast<int>(input.ndim()));
  const host_structure s =
      structure ? *structure : binary_structure(static_cast<int>(ax.size()), 1);
  // binary_dilation: the origin per axis first, then the reflected structure and its origin.
  const std::vector<int> o = dilation_origin(s, origin.expand(ax.size()));
  check_real(input);
  const neighbourhood nb = erosion_plan(input, reversed(s), mask, per_axis<int>(o), ax);
  return run_erosion(input, nb, iterations, mask, mask_sense, border_value, true);
}

}  // namespace

array_desc binary_erosion(const array_desc& input, const std::optional<host_structure>& structure,
                          int iterations, const std::optional<array_desc>& mask, int border_value,
                          const per_axis<int>& origin, bool brute_force, const axis_arg& axes) {
  (void)brute_force;  // one algorithm gives SciPy's images either way (Note [Binary iterations])
  return erosion(input, structure, iterations, mask, 1, border_value, origin, axes);
}

array_desc binary_dilation(const array_desc& input, const std::optional<host_structure>& structure,
                           int iterations, const std::optional<array_desc>& mask,
                           int border_value, const per_axis<int>& origin, bool brute_force,
                           const axis_arg& axes) {
  (void)brute_force;
  return dilation(input, structure, iterations, mask, 1, border_value, origin, axes);
}

array_desc binary_opening(const array_desc& input, const std::optional<host_structure>& structure,
                          int iterations, const per_axis<int>& origin,
                          const std::optional<array_desc>& mask, int border_value,
                          bool brute_force, const axis_arg& axes) {
  const std::vector<int> ax = filter_axes(axes, static_cast<int>(input.ndim()));
  const host_structure s =
      structure ? *structure : binary_structure(static_cast<int>(ax.size()), 1);
  const array_desc tmp =
      binary_erosion(input, s, iterations, mask, border_value, origin, brute_force, axes);
  return binary_dilation(tmp, s, iterations, mask, border_value, origin, brute_force, axes);
}

array_desc binary_closing(const array_desc& input, const std::optional<host_structure>& structure,
                          int iterations, const per_axis<int>& origin,
                          const std::optional<array_desc>& mask, int border_value,
                          bool brute_force, const axis_arg& axes) {
  const std::vector<int> ax = filter_axes(axes, static_cast<int>(input.ndim()));
  const host_structure s =
      structure ? *structure : binary_structure(static_cast<int>(ax.size()), 1);
  const array_desc tmp =
      binary_dilation(input, s, iterations, mask, border_value, origin, brute_force, axes);
  return binary_erosion(tmp, s, iterations, mask, border_value, origin, brute_force, axes);
}

array_desc binary_hit_or_miss(const array_desc& input,
                              const std::optional<host_structure>& structure1,
                              const std::optional<host_structure>& structure2,
                              const per_axis<int>& origin1,
                              const std::optional<per_axis<int>>& origin2, const axis_arg& axes) {
  const std::vector<int> ax = filter_axes(axes, static_cast<int>(input.ndim()));
  const host_structure s1 =
      structure1 ? *structure1 : binary_structure(static_cast<int>(ax.size()), 1);
  host_structure s2;
  if (structure2) {
    s2 = *structure2;
  } else {
    s2 = s1;
    for (auto& v : s2.values) v = !v;
  }
  const std::vector<int> o1 = origin1.expand(ax.size());
  const std::vector<int> o2 = origin2 ? origin2->expand(ax.size()) : o1;
  check_real(input);
  const neighbourhood hit = erosion_plan(input, s1, std::nullopt, per_axis<int>(o1), ax);
  const neighbourhood miss = erosion_plan(input, s2, std::nullopt, per_axis<int>(o2), ax);
  // SciPy: erosion by structure1, and not the inverted erosion by structure2 (structure2 not
  // reflected, outside reading 0).
  const array_desc fits = run_erosion(input, hit, 1, std::nullopt, 1, 0, false);
  const array_desc meets = run_erosion(input, miss, 1, std::nullopt, 1, 0, true);
  array_desc out = cupp::detail::make_array(input.shape, dtype::bool_);
  const std::int64_t n = input.size();
  if (n == 0) return out;
  const RawKernel& k = binary_kernel("cupp_ndi_binary_and_not");
  k({cupp::detail::resident_blocks(k, n, 256u)}, {256u}, static_cast<const void*>(fits.ptr),
    static_cast<const void*>(meets.ptr), static_cast<void*>(out.ptr), static_cast<long long>(n));
  return out;
}

array_desc binary_propagation(const array_desc& input,
                              const std::optional<host_structure>& structure,
                              const std::optional<array_desc>& mask, int border_value,
                              const per_axis<int>& origin, const axis_arg& axes) {
  return dilation(input, structure, -1, mask, 1, border_value, origin, axes);
}

array_desc binary_fill_holes(const array_desc& input,
                             const std::optional<host_structure>& structure,
                             const per_axis<int>& origin, const axis_arg& axes) {
  // SciPy: mask = not input (a complex input too); the propagation of an empty image from a true border within the
  // mask; then its complement. The mask is the input read with the opposite sense.
  const array_desc image = binary_image(input);
  array_desc zeros = cupp::detail::make_array(input.shape, dtype::bool_);
  const std::uint8_t zero = 0;
  if (input.size() > 0) cupp::detail::fill(zeros, &zero);
  const array_desc reached = dilation(zeros, structure, -1, image, 0, 1, origin, axes);
  array_desc out = cupp::detail::make_array(input.shape, dtype::bool_);
  const std::int64_t n = input.size();
  if (n == 0) return out;
  const RawKernel& k = binary_kernel("cupp_ndi_binary_and_not");
  k({cupp::detail::resident_blocks(k, n, 256u)}, {256u}, static_cast<const void*>(nullptr),
    static_cast<const void*>(reached.ptr), static_cast<void*>(out.ptr),
    static_cast<long long>(n));
  return out;
}

}  // namespace cupp::scipy::ndimage::detail

namespace cupp::scipy::ndimage {

namespace {

ndarray<bool> to_device(const detail::host_structure& s) {
  ndarray<bool> out(s.shape);
  if (!s.values.empty()) cupp::detail::from_host(out.desc(), s.values.data());
  return out;
}

}  // namespace

ndarray<bool> generate_binary_structure(int rank, int connectivity) {
  return to_device(detail::binary_structure(rank, connectivity));
}

ndarray<bool> iterate_structure(const array& structure, int iterations) {
  return to_device(detail::iterate_structure(*detail::to_host_structure(structure), iterations));
}

std::pair<ndarray<bool>, std::vector<int>> iterate_structure(const array& structure,
                                                             int iterations,
                                                             const per_axis<int>& origin) {
  const detail::host_structure s = *detail::to_host_structure(structure);
  std::vector<int> o = origin.expand(s.shape.size());
  for (auto& v : o) v *= iterations;
  return {to_device(detail::iterate_structure(s, iterations)), o};
}

}  // namespace cupp::scipy::ndimage
