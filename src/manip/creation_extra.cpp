// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// fromfunction's generated kernel, mgrid/ogrid's ranges, and the host-side checks and parsing of
// frombuffer, fromstring and fromiter.
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "cupp/core/error.hpp"
#include "cupp/jit/elementwise_kernel.hpp"
#include "cupp/routines/creation_extra.hpp"

namespace cupp::detail {

std::shared_ptr<jit::detail::ew_kernel> fromfunction_kernel(const std::string& expression,
                                                            std::size_t ndim, dtype dt) {
  std::string in_params;
  for (std::size_t k = 0; k < ndim; ++k) in_params += (k ? ", T i" : "T i") + std::to_string(k);
  return std::make_shared<jit::detail::ew_kernel>(
      in_params, "T cupp_out", "cupp_out = (" + expression + ");", "cupp_fromfunction", "",
      std::vector<std::string>{}, std::vector<dtype>(ndim + 1, dt));
}

array_desc fromfunction(const std::string& expression, const shape_t& shape, dtype dt) {
  check_shape(shape);
  const auto kernel = fromfunction_kernel(expression, shape.size(), dt);
  array_desc out = make_array(shape, dt);
  if (shape_size(shape) == 0) return out;
  // The index grids as broadcast views of one range per axis, converted to dt.
  std::vector<array_desc> grids;
  for (const array_desc& g : sparse_indices(shape))
    grids.push_back(broadcast_to(array(g).astype(dt).desc(), shape));
  std::vector<const void*> inputs;
  for (const array_desc& g : grids) inputs.push_back(&g);
  kernel->launch(&out, inputs, std::vector<bool>(grids.size(), false));
  return out;
}

dtype grid_dtype(const std::vector<grid_slice>& slices) {
  for (const grid_slice& s : slices)
    if (!s.integral) return dtype::float64;
  return dtype::int64;
}

std::vector<array_desc> grid(const std::vector<grid_slice>& slices, bool sparse, dtype dt) {
  const bool integral = grid_dtype(slices) == dtype::int64;
  // Each slice's values, computed as NumPy's nd_grid does: (arange(n) * step + start) in int64
  // or float64, where a number of points gives step (stop - start) / (n - 1).
  shape_t lengths;
  std::vector<array_desc> ranges;
  for (const grid_slice& s : slices) {
    std::int64_t n = 0;
    double step = s.step;
    if (s.points) {
      n = std::abs(*s.points);
      if (n != 1) step = (s.stop - s.start) / static_cast<double>(n - 1);
    } else {
      CUPP_EXPECTS(s.step != 0, value_error, "slice step cannot be zero");
      n = std::max<std::int64_t>(0,
                                 static_cast<std::int64_t>(std::ceil((s.stop - s.start) / s.step)));
    }
    lengths.push_back(n);
    array_desc r;
    if (integral) {
      std::vector<std::int64_t> v(static_cast<std::size_t>(n));
      for (std::int64_t i = 0; i < n; ++i)
        v[static_cast<std::size_t>(i)] =
            i * static_cast<std::int64_t>(step) + static_cast<std::int64_t>(s.start);
      r = make_array({n}, dtype::int64);
      from_host(r, v.data());
    } else {
      std::vector<double> v(static_cast<std::size_t>(n));
      for (std::int64_t i = 0; i < n; ++i)
        v[static_cast<std::size_t>(i)] = static_cast<double>(i) * step + s.start;
      r = make_array({n}, dtype::float64);
      from_host(r, v.data());
    }
    ranges.push_back(r.dt == dt ? r : array(r).astype(dt).desc());
  }
  const std::size_t nd = slices.size();
  if (sparse) {
    std::vector<array_desc> out;
    for (std::size_t k = 0; k < nd; ++k) {
      shape_t s(nd, 1);
      s[k] = lengths[k];
      out.push_back(reshape(ranges[k], s));
    }
    return out;
  }
  if (nd == 1) return {ranges[0]};
  shape_t shape{static_cast<std::int64_t>(nd)};
  shape.insert(shape.end(), lengths.begin(), lengths.end());
  array_desc out = make_array(shape, dt);
  if (shape_size(lengths) == 0) return {out};
  for (std::size_t k = 0; k < nd; ++k) {
    shape_t s(nd, 1);
    s[k] = lengths[k];
    copy_into(broadcast_to(reshape(ranges[k], s), lengths),
              index_view(out, {static_cast<std::int64_t>(k)}));
  }
  return {out};
}

std::int64_t frombuffer_count(std::size_t nbytes, std::size_t itemsize, std::int64_t count,
                              std::int64_t offset) {
  const auto len = static_cast<std::int64_t>(nbytes);
  CUPP_EXPECTS(offset >= 0 && offset <= len, value_error,
               "offset must be non-negative and no greater than buffer length (" +
                   std::to_string(len) + ")");
  const std::int64_t rest = len - offset;
  const auto item = static_cast<std::int64_t>(itemsize);
  if (count < 0) {
    CUPP_EXPECTS(rest % item == 0, value_error, "buffer size must be a multiple of element size");
    return rest / item;
  }
  CUPP_EXPECTS(count * item <= rest, value_error, "buffer is smaller than requested size");
  return count;
}

namespace {

/// Splits `text` at `sep` (whitespace around it skipped), parsing each token with `parse`
/// (which returns the characters it read, 0 when none).
template <class V, class Parse>
std::vector<V> parse_tokens(const std::string& text, const std::string& sep, std::int64_t count,
                            Parse parse) {
  CUPP_EXPECTS(!sep.empty(), value_error,
               "The binary mode of fromstring is removed, use frombuffer instead");
  std::string core;  // sep without its surrounding whitespace ("" when only whitespace)
  for (const char c : sep)
    if (!std::isspace(static_cast<unsigned char>(c))) core.push_back(c);
  std::vector<V> out;
  std::size_t p = 0;
  const auto skip_space = [&] {
    while (p < text.size() && std::isspace(static_cast<unsigned char>(text[p]))) ++p;
  };
  skip_space();
  while (p < text.size() && (count < 0 || static_cast<std::int64_t>(out.size()) < count)) {
    V v{};
    const std::size_t used = parse(text.c_str() + p, v);
    CUPP_EXPECTS(used > 0, value_error,
                 "string or file could not be read to its end due to unmatched data");
    out.push_back(v);
    p += used;
    skip_space();
    if (p >= text.size()) break;
    if (!core.empty()) {
      CUPP_EXPECTS(text.compare(p, core.size(), core) == 0, value_error,
                   "string or file could not be read to its end due to unmatched data");
      p += core.size();
      skip_space();
    }
  }
  CUPP_EXPECTS(count < 0 || static_cast<std::int64_t>(out.size()) == count, value_error,
               "string is smaller than requested size");
  return out;
}

}  // namespace

std::vector<double> parse_separated(const std::string& text, const std::string& sep,
                                    std::int64_t count) {
  return parse_tokens<double>(text, sep, count, [](const char* s, double& v) {
    char* end = nullptr;
    v = std::strtod(s, &end);
    return static_cast<std::size_t>(end - s);
  });
}

std::vector<std::int64_t> parse_separated_integers(const std::string& text, const std::string& sep,
                                                   std::int64_t count) {
  return parse_tokens<std::int64_t>(text, sep, count, [](const char* s, std::int64_t& v) {
    char* end = nullptr;
    v = std::strtoll(s, &end, 10);
    return static_cast<std::size_t>(end - s);
  });
}

void throw_iterator_too_short(std::int64_t expected, std::int64_t got) {
  throw value_error("iterator too short: Expected " + std::to_string(expected) +
                    " but iterator had only " + std::to_string(got) + " items.");
}

}  // namespace cupp::detail
