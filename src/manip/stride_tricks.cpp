// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include <string>

#include "cupp/core/error.hpp"
#include "cupp/routines/stride_tricks.hpp"

namespace cupp::detail {

array_desc as_strided(const array_desc& x, const std::optional<shape_t>& shape,
                      const std::optional<strides_t>& byte_strides, bool writeable) {
  const auto item = static_cast<std::int64_t>(x.itemsize());
  const shape_t s = shape ? *shape : x.shape;
  check_shape(s);
  strides_t st = x.strides;
  if (byte_strides) {
    st.clear();
    for (const std::int64_t b : *byte_strides) {
      CUPP_EXPECTS(b % item == 0, value_error,
                   "as_strided: strides must be multiples of the item size (" +
                       std::to_string(item) + "), got " + shape_str(*byte_strides));
      st.push_back(b / item);
    }
  }
  CUPP_EXPECTS(s.size() == st.size(), value_error,
               "as_strided: shape and strides must have the same length");
  array_desc out = make_view(x, s, st, x.ptr);
  out.readonly = x.readonly || !writeable;
  return out;
}

array_desc sliding_window_view(const array_desc& x, const shape_t& window_shape,
                               const std::optional<std::vector<std::int64_t>>& axis_in,
                               bool writeable) {
  for (const std::int64_t w : window_shape)
    CUPP_EXPECTS(w >= 0, value_error, "`window_shape` cannot contain negative values");
  std::vector<std::int64_t> axis;
  if (!axis_in) {
    for (std::int64_t k = 0; k < x.ndim(); ++k) axis.push_back(k);
    CUPP_EXPECTS(window_shape.size() == axis.size(), value_error,
                 "Since axis is `None`, must provide window_shape for all dimensions of `x`; got " +
                     std::to_string(window_shape.size()) +
                     " window_shape elements and `x.ndim` is " + std::to_string(x.ndim()) + ".");
  } else {
    for (const std::int64_t a : *axis_in) axis.push_back(normalize_axis(a, x.ndim()));
    CUPP_EXPECTS(window_shape.size() == axis.size(), value_error,
                 "Must provide matching length window_shape and axis; got " +
                     std::to_string(window_shape.size()) + " window_shape elements and " +
                     std::to_string(axis.size()) + " axes elements.");
  }
  shape_t shape = x.shape;
  strides_t strides = x.strides;
  for (std::size_t k = 0; k < axis.size(); ++k) {
    auto& dim = shape[static_cast<std::size_t>(axis[k])];
    CUPP_EXPECTS(dim >= window_shape[k], value_error,
                 "window shape cannot be larger than input array shape");
    dim -= window_shape[k] - 1;
    strides.push_back(x.strides[static_cast<std::size_t>(axis[k])]);
  }
  shape.insert(shape.end(), window_shape.begin(), window_shape.end());
  array_desc out = make_view(x, shape, strides, x.ptr);
  out.readonly = x.readonly || !writeable;
  return out;
}

}  // namespace cupp::detail
