// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The cases of tests/data/ndimage/rank.npz (written by tests/ndimage/make_rank.py): each case's
// function and parameters, read from its name, and the call of the cupp function it names on the
// stored input, for the rank-filter and grey-morphology tests.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cupp/array.hpp"
#include "cupp/scipy/ndimage.hpp"

namespace cupp::test::ndimage_rank {

/// One case: "<number>__<function>__<k=v+k=v...>".
struct rank_case {
  std::string name;
  std::string function;
  std::map<std::string, std::string> params;

  bool has(const std::string& k) const { return params.count(k) != 0; }
  const std::string& at(const std::string& k) const { return params.at(k); }
};

inline std::vector<std::string> split(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return out;
    start = at + sep.size();
  }
}

/// The cases of the archive, in its order.
inline std::vector<rank_case> cases(const cupp::npz_file& npz) {
  std::vector<rank_case> out;
  for (const std::string& f : npz.files()) {
    const std::string suffix = "__in";
    if (f.size() < suffix.size() || f.compare(f.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    rank_case c;
    c.name = f.substr(0, f.size() - suffix.size());
    const std::vector<std::string> parts = split(c.name, "__");
    c.function = parts.at(1);
    for (const std::string& kv : split(parts.at(2), "+")) {
      const std::size_t eq = kv.find('=');
      c.params[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    out.push_back(c);
  }
  return out;
}

/// A parameter that is one value or, with commas, one per axis.
template <class V>
scipy::ndimage::per_axis<V> per_axis_of(const std::string& s) {
  const auto one = [](const std::string& t) -> V {
    if constexpr (std::is_same_v<V, int>)
      return std::stoi(t);
    else
      return t;
  };
  if (s.find(',') == std::string::npos) return scipy::ndimage::per_axis<V>(one(s));
  std::vector<V> v;
  for (const std::string& t : split(s, ",")) v.push_back(one(t));
  return scipy::ndimage::per_axis<V>(v);
}

inline cupp::axis_arg axes_of(const rank_case& c) {
  if (!c.has("axes")) return {};
  std::vector<std::int64_t> v;
  for (const std::string& t : split(c.at("axes"), ",")) v.push_back(std::stoll(t));
  return cupp::axis_arg(v);
}

/// The device bodies of make_rank.py's generic functions.
inline std::string generic_body(const std::string& fn) {
  if (fn == "range")
    return "double lo = buffer[0], hi = buffer[0];\n"
           "for (int i = 1; i < filter_size; ++i) { lo = fmin(lo, buffer[i]); "
           "hi = fmax(hi, buffer[i]); }\n"
           "*return_value = hi - lo;";
  if (fn == "mean")
    return "double s = 0;\nfor (int i = 0; i < filter_size; ++i) s += buffer[i];\n"
           "*return_value = s / filter_size;";
  if (fn == "first") return "*return_value = buffer[0] * 2.0 + buffer[filter_size - 1];";
  if (fn == "sum")
    return "const long long size = input_length - output_length + 1;\n"
           "for (long long i = 0; i < output_length; ++i) {\n"
           "  double s = 0;\n"
           "  for (long long k = 0; k < size; ++k) s += input_line[i + k];\n"
           "  output_line[i] = s;\n"
           "}";
  if (fn == "diff")
    return "const long long size = input_length - output_length + 1;\n"
           "for (long long i = 0; i < output_length; ++i)\n"
           "  output_line[i] = input_line[i + size - 1] - input_line[i];";
  throw std::runtime_error("unknown generic function " + fn);
}

/// The stored input, viewed as the case says ("t": transposed, "s": every second element).
inline cupp::detail::array_desc input_of(const rank_case& c, const cupp::npz_file& npz) {
  cupp::detail::array_desc in = npz[c.name + "__in"].desc();
  if (!c.has("view")) return in;
  if (c.at("view") == "t") return cupp::detail::reversed_axes(in);
  std::vector<cupp::detail::index_item> items;
  for (std::int64_t d = 0; d < in.ndim(); ++d)
    items.push_back(cupp::slice(std::nullopt, std::nullopt, 2));
  return cupp::detail::index_view(in, items);
}

/// The cupp function the case names, on its input, with its parameters; the output dtype is
/// that of SciPy's result.
inline cupp::array run(const rank_case& c, const cupp::npz_file& npz) {
  namespace d = cupp::scipy::ndimage::detail;
  using cupp::scipy::ndimage::per_axis;
  const cupp::detail::array_desc in = input_of(c, npz);
  const cupp::dtype out = npz[c.name + "__out"].dtype();
  std::optional<cupp::array> fp, st;
  if (npz.contains(c.name + "__fp")) fp = npz[c.name + "__fp"];
  if (npz.contains(c.name + "__st")) st = npz[c.name + "__st"];
  const cupp::detail::array_desc* fpd = fp ? &fp->desc() : nullptr;
  const cupp::detail::array_desc* std_ = st ? &st->desc() : nullptr;
  const per_axis<int> none = {};  // SciPy's size=None
  const per_axis<int> size = c.has("size") ? per_axis_of<int>(c.at("size")) : none;
  const per_axis<std::string> mode = per_axis_of<std::string>(c.at("mode"));
  const double cval = std::stod(c.at("cval"));
  const per_axis<int> origin = per_axis_of<int>(c.at("origin"));
  const cupp::axis_arg axes = axes_of(c);
  const std::string& f = c.function;
  cupp::detail::array_desc r;
  if (f == "minimum_filter1d" || f == "maximum_filter1d") {
    r = d::min_or_max_filter1d(in, out, std::stoi(c.at("size")), std::stoi(c.at("axis")),
                               c.at("mode"), cval, std::stoi(c.at("origin")),
                               f == "minimum_filter1d");
  } else if (f == "minimum_filter" || f == "maximum_filter") {
    r = d::min_or_max_filter(in, out, size, fpd, nullptr, mode, cval, origin, axes,
                             f == "minimum_filter");
  } else if (f == "median_filter") {
    r = d::rank_filter(in, out, 0, d::rank_kind::median, size, fpd, mode, cval, origin, axes);
  } else if (f == "rank_filter") {
    r = d::rank_filter(in, out, std::stod(c.at("rank")), d::rank_kind::rank, size, fpd, mode, cval,
                       origin, axes);
  } else if (f == "percentile_filter") {
    r = d::rank_filter(in, out, std::stod(c.at("pct")), d::rank_kind::percentile, size, fpd, mode,
                       cval, origin, axes);
  } else if (f == "generic_filter") {
    r = d::generic_filter(in, out, generic_body(c.at("fn")), size, fpd, c.at("mode"), cval, origin,
                          axes);
  } else if (f == "generic_filter1d") {
    r = d::generic_filter1d(in, out, generic_body(c.at("fn")), std::stoi(c.at("size")),
                            std::stoi(c.at("axis")), c.at("mode"), cval, std::stoi(c.at("origin")));
  } else {
    static const std::map<std::string, d::grey_op> ops = {
        {"grey_erosion", d::grey_op::erosion},
        {"grey_dilation", d::grey_op::dilation},
        {"grey_opening", d::grey_op::opening},
        {"grey_closing", d::grey_op::closing},
        {"morphological_gradient", d::grey_op::gradient},
        {"morphological_laplace", d::grey_op::laplace},
        {"white_tophat", d::grey_op::white_tophat},
        {"black_tophat", d::grey_op::black_tophat},
    };
    r = d::grey_morphology(ops.at(f), in, out, size, fpd, std_, mode, cval, origin, axes);
  }
  return cupp::array(r);
}

}  // namespace cupp::test::ndimage_rank
