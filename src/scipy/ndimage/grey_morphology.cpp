// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The grey morphology of cupp::scipy::ndimage (include/cupp/scipy/ndimage/morphology.hpp):
// SciPy's grey_erosion and grey_dilation are its minimum and maximum filters (with the window
// reflected for dilation), and the other six compose them as SciPy's _morphology.py does.
#include <string>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/scipy/ndimage/filters.hpp"
#include "cupp/scipy/ndimage/morphology.hpp"

namespace cupp::scipy::ndimage::detail {

namespace {

/// `a` reversed along every axis (a view, as a[::-1, ::-1, ...]).
array_desc reversed(const array_desc& a) {
  strides_t strides = a.strides;
  std::int64_t offset = 0;
  for (std::size_t d = 0; d < a.shape.size(); ++d) {
    if (a.shape[d] > 0) offset += (a.shape[d] - 1) * a.strides[d];
    strides[d] = -a.strides[d];
  }
  char* ptr = a.size() == 0 ? a.ptr : a.ptr + offset * static_cast<std::int64_t>(a.itemsize());
  return cupp::detail::make_view(a, a.shape, strides, ptr);
}

struct grey_args {
  const per_axis<int>& size;
  const array_desc* footprint;
  const array_desc* structure;
  const per_axis<std::string>& mode;
  double cval;
  const per_axis<int>& origin;
  const axis_arg& axes;
};

void check_given(const grey_args& g) {
  if (size_is_none(g.size) && g.footprint == nullptr && g.structure == nullptr)
    throw value_error("size, footprint, or structure must be specified");
}

array_desc erosion(const array_desc& input, dtype out, const grey_args& g) {
  check_given(g);
  return min_or_max_filter(input, out, g.size, g.footprint, g.structure, g.mode, g.cval, g.origin,
                           g.axes, true);
}

array_desc dilation(const array_desc& input, dtype out, const grey_args& g) {
  check_given(g);
  array_desc fp, st;
  if (g.footprint != nullptr) fp = reversed(*g.footprint);
  if (g.structure != nullptr) st = reversed(*g.structure);
  const std::vector<int> axes = filter_axes(g.axes, static_cast<int>(input.ndim()));
  std::vector<int> origin = g.origin.expand(axes.size());
  for (std::size_t i = 0; i < origin.size(); ++i) {
    origin[i] = -origin[i];
    std::int64_t sz = 0;
    const auto length_of = [&](const array_desc& a) {
      if (i >= a.shape.size())
        throw value_error("footprint.ndim (" + std::to_string(a.ndim()) +
                          ") must match len(axes) (" + std::to_string(axes.size()) + ")");
      return a.shape[i];
    };
    if (g.footprint != nullptr)
      sz = length_of(fp);
    else if (g.structure != nullptr)
      sz = length_of(st);
    else if (!g.size.sequence())
      sz = g.size.values().front();
    else
      sz = g.size.expand(axes.size())[i];
    if ((sz & 1) == 0) origin[i] -= 1;
  }
  return min_or_max_filter(input, out, g.size, g.footprint ? &fp : nullptr,
                           g.structure ? &st : nullptr, g.mode, g.cval, per_axis<int>(origin),
                           g.axes, false);
}

cupp::array as_array(const array_desc& a) { return cupp::array(a); }

/// `r` as dtype `out` (itself when it is).
array_desc cast_to(const cupp::array& r, dtype out) {
  return r.dtype() == out ? r.desc() : r.astype(out).desc();
}

}  // namespace

array_desc grey_morphology(grey_op op, const array_desc& input, dtype out,
                           const per_axis<int>& size, const array_desc* footprint,
                           const array_desc* structure, const per_axis<std::string>& mode,
                           double cval, const per_axis<int>& origin, const axis_arg& axes) {
  const grey_args g{size, footprint, structure, mode, cval, origin, axes};
  const dtype same = input.dt;
  switch (op) {
    case grey_op::erosion:
      return erosion(input, out, g);
    case grey_op::dilation:
      return dilation(input, out, g);
    case grey_op::opening:
      return dilation(erosion(input, same, g), out, g);
    case grey_op::closing:
      return erosion(dilation(input, same, g), out, g);
    case grey_op::gradient:
      return cast_to(as_array(dilation(input, same, g)) - as_array(erosion(input, same, g)), out);
    case grey_op::laplace: {
      const cupp::array a = as_array(input);
      const cupp::array sum =
          as_array(dilation(input, same, g)) + as_array(erosion(input, same, g));
      return cast_to((sum - a) - a, out);
    }
    case grey_op::white_tophat: {
      const cupp::array tmp = as_array(dilation(erosion(input, same, g), out, g));
      const cupp::array a = as_array(input);
      if (same == dtype::bool_ && out == dtype::bool_) return cast_to(a ^ tmp, out);
      return cast_to(a - tmp, out);
    }
    case grey_op::black_tophat:
    default: {
      const cupp::array tmp = as_array(erosion(dilation(input, same, g), out, g));
      const cupp::array a = as_array(input);
      if (same == dtype::bool_ && out == dtype::bool_) return cast_to(tmp ^ a, out);
      return cast_to(tmp - a, out);
    }
  }
}

}  // namespace cupp::scipy::ndimage::detail
