// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// numpy.einsum: NumPy's subscript parser (numpy/_core/src/multiarray/einsum.cpp, with its
// messages) and a plan that turns the sum into views, reductions and batched matmuls.
#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <utility>

#include "cupp/core/visit_dtype.hpp"
#include "cupp/linalg/products.hpp"

namespace cupp::detail {
namespace {

// Note [Einsum plan]: NumPy's einsum (optimize=False) runs one nditer loop over every label. On
// the GPU each step below is one library call or one generated kernel instead:
//  1. Repeated labels within an operand become a diagonal view (strides added), as NumPy's
//     get_combined_dims_view does; no copy.
//  2. Labels that appear in one operand only and not in the output are summed there, one
//     reduction per operand (`any` for bool: NumPy's bool sum of products is an or).
//  3. One operand: the remaining axes are transposed into the output order; when nothing was
//     summed that is a view of the operand, as NumPy returns.
//  4. Two operands: labels in both and in the output (or needed by a later operand) are batch
//     axes, labels in both and nowhere else are contracted, the others belong to one side. The
//     operands are transposed to (batch, left, contracted) and (batch, contracted, right) and
//     reshaped to (batch..., M, K) and (batch..., K, N): one batched matmul, whose batch axes
//     broadcast as NumPy's iterator broadcasts them. With nothing contracted the product is a
//     broadcast multiply instead (outer products, elementwise products), with no GEMM of K = 1.
//  5. More operands: contracted pairwise left to right, each intermediate keeping the labels
//     that the output or a later operand needs. NumPy's optimize=True would search for a cheaper
//     order; that is left to the caller (parenthesise by calling einsum twice).

/// The sum of `a` over `axes` in a's dtype (NumPy's einsum keeps the operands' dtype: integers
/// wrap, bool is any).
array_desc sum_axes(const array_desc& a, const std::vector<std::int64_t>& axes) {
  if (axes.empty()) return a;
  return visit_dtype(a.dt, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, bool>)
      return any(ndarray<bool>(a), axis_arg(axes)).desc();
    else
      return sum<T>(ndarray<T>(a), axis_arg(axes)).desc();
  });
}

/// a * b, broadcast, in their (one) dtype.
array_desc multiply_arrays(const array_desc& a, const array_desc& b) {
  return visit_dtype(a.dt, [&](auto tag) {
    using T = typename decltype(tag)::type;
    return ndarray<T>(multiply(ndarray<T>(a), ndarray<T>(b))).desc();
  });
}

bool is_letter(int c) { return c > 0 && c < 128 && std::isalpha(c); }

std::string label_str(int label) { return std::string(1, static_cast<char>(label)); }

/// NumPy's parse_operand_subscripts: one label per axis, 0 for the broadcast axes of "...".
std::vector<int> parse_operand(const std::string& s, std::int64_t ndim, std::size_t iop,
                               int (&counts)[128], int& min_label, int& max_label) {
  std::vector<int> labels;
  std::int64_t ellipsis = -1;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const int c = static_cast<unsigned char>(s[i]);
    if (is_letter(c)) {
      CUPP_EXPECTS(static_cast<std::int64_t>(labels.size()) < ndim, value_error,
                   "einstein sum subscripts string contains too many subscripts for operand " +
                       std::to_string(iop));
      labels.push_back(c);
      min_label = std::min(min_label, c);
      max_label = std::max(max_label, c);
      ++counts[c];
    } else if (c == '.') {
      CUPP_EXPECTS(ellipsis == -1 && i + 2 < s.size() && s[i + 1] == '.' && s[i + 2] == '.',
                   value_error,
                   "einstein sum subscripts string contains a '.' that is not part of an "
                   "ellipsis ('...') in operand " + std::to_string(iop));
      i += 2;
      ellipsis = static_cast<std::int64_t>(labels.size());
    } else if (c != ' ') {
      throw value_error("invalid subscript '" + label_str(s[i]) +
                        "' in einstein sum subscripts string, subscripts must be letters");
    }
  }
  const auto n = static_cast<std::int64_t>(labels.size());
  if (ellipsis == -1) {
    CUPP_EXPECTS(n == ndim, value_error,
                 "operand has more dimensions than subscripts given in einstein sum, but no "
                 "'...' ellipsis provided to broadcast the extra dimensions.");
  } else if (n < ndim) {
    labels.insert(labels.begin() + ellipsis, static_cast<std::size_t>(ndim - n), 0);
  }
  return labels;
}

/// NumPy's parse_output_subscripts.
std::vector<int> parse_output(const std::string& s, std::int64_t ndim_broadcast,
                              const int (&counts)[128]) {
  std::vector<int> out;
  bool ellipsis = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const int c = static_cast<unsigned char>(s[i]);
    if (is_letter(c)) {
      CUPP_EXPECTS(s.find(s[i], i + 1) == std::string::npos, value_error,
                   "einstein sum subscripts string includes output subscript '" + label_str(c) +
                       "' multiple times");
      CUPP_EXPECTS(counts[c] != 0, value_error,
                   "einstein sum subscripts string included output subscript '" + label_str(c) +
                       "' which never appeared in an input");
      out.push_back(c);
    } else if (c == '.') {
      CUPP_EXPECTS(!ellipsis && i + 2 < s.size() && s[i + 1] == '.' && s[i + 2] == '.',
                   value_error,
                   "einstein sum subscripts string contains a '.' that is not part of an "
                   "ellipsis ('...') in the output");
      i += 2;
      ellipsis = true;
      out.insert(out.end(), static_cast<std::size_t>(ndim_broadcast), 0);
    } else if (c != ' ') {
      throw value_error("invalid subscript '" + label_str(s[i]) +
                        "' in einstein sum subscripts string, subscripts must be letters");
    }
  }
  CUPP_EXPECTS(ellipsis || ndim_broadcast == 0, value_error,
               "output has more dimensions than subscripts given in einstein sum, but no '...' "
               "ellipsis provided to broadcast the extra dimensions.");
  return out;
}

/// Renames the 0 labels of broadcast axes to -k, k counted from the right (right-aligned).
void number_broadcast(std::vector<int>& labels) {
  int k = static_cast<int>(std::count(labels.begin(), labels.end(), 0));
  for (int& l : labels)
    if (l == 0) l = -(k--);
}

/// The size of every label over all operands: equal, or 1 and broadcast.
std::map<int, std::int64_t> label_sizes(const einsum_spec& spec,
                                        const std::vector<shape_t>& shapes) {
  std::map<int, std::int64_t> sizes;
  bool ok = true;
  for (std::size_t i = 0; i < shapes.size(); ++i)
    for (std::size_t d = 0; d < shapes[i].size(); ++d) {
      const int l = spec.labels[i][d];
      const std::int64_t n = shapes[i][d];
      auto it = sizes.find(l);
      if (it == sizes.end() || it->second == 1)
        sizes[l] = n;
      else if (n != 1 && n != it->second)
        ok = false;
    }
  if (!ok) {
    // NumPy's iterator reports the operands in its axis order: output labels, then the summed
    // ones.
    std::vector<int> iter_labels = spec.output;
    for (const auto& [l, n] : sizes)
      if (std::find(iter_labels.begin(), iter_labels.end(), l) == iter_labels.end())
        iter_labels.push_back(l);
    std::string msg =
        "operands could not be broadcast together with remapped shapes [original->remapped]: ";
    for (std::size_t i = 0; i < shapes.size(); ++i) {
      std::string remapped = "(";
      for (std::size_t k = 0; k < iter_labels.size(); ++k) {
        if (k > 0) remapped += ",";
        const auto& ls = spec.labels[i];
        const auto at = std::find(ls.begin(), ls.end(), iter_labels[k]);
        remapped += at == ls.end() ? "newaxis"
                                   : std::to_string(shapes[i][static_cast<std::size_t>(
                                         at - ls.begin())]);
      }
      if (iter_labels.size() == 1) remapped += ",";
      msg += compact_shape_str(shapes[i]) + "->" + remapped + ") ";
    }
    throw broadcast_error(msg);
  }
  return sizes;
}

bool contains(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

std::int64_t position(const std::vector<int>& v, int x) {
  return static_cast<std::int64_t>(std::find(v.begin(), v.end(), x) - v.begin());
}

/// An operand with its labels, one per axis.
struct labelled {
  array_desc a;
  std::vector<int> labels;
};

/// Step 1 of Note [Einsum plan]: repeated labels as one diagonal axis (a view).
labelled combine_repeated(const array_desc& a, const std::vector<int>& labels) {
  labelled r;
  shape_t shape;
  strides_t strides;
  for (std::size_t d = 0; d < labels.size(); ++d) {
    const std::int64_t at = position(r.labels, labels[d]);
    if (at < static_cast<std::int64_t>(r.labels.size())) {
      strides[static_cast<std::size_t>(at)] += a.strides[d];  // sizes checked by the parser
    } else {
      r.labels.push_back(labels[d]);
      shape.push_back(a.shape[d]);
      strides.push_back(a.strides[d]);
    }
  }
  if (r.labels.size() == labels.size()) {
    r.a = a;
  } else {
    r.a = make_view(a, std::move(shape), std::move(strides), a.ptr);
    r.a.readonly = a.readonly;
  }
  return r;
}

/// Step 2: sums the labels of `x` that `keep` does not hold.
labelled sum_unkept(const labelled& x, const std::vector<int>& keep) {
  std::vector<std::int64_t> axes;
  labelled r;
  for (std::size_t d = 0; d < x.labels.size(); ++d) {
    if (contains(keep, x.labels[d]))
      r.labels.push_back(x.labels[d]);
    else
      axes.push_back(static_cast<std::int64_t>(d));
  }
  r.a = sum_axes(x.a, axes);
  return r;
}

/// `x` with its axes in the order of `order` (a view; `x` itself when already so).
array_desc permuted(const labelled& x, const std::vector<int>& order) {
  std::vector<std::int64_t> perm;
  bool identity = true;
  for (std::size_t i = 0; i < order.size(); ++i) {
    perm.push_back(position(x.labels, order[i]));
    identity = identity && perm.back() == static_cast<std::int64_t>(i);
  }
  return identity ? x.a : transpose(x.a, perm);
}

std::vector<int> concat(std::initializer_list<const std::vector<int>*> parts) {
  std::vector<int> r;
  for (const auto* p : parts) r.insert(r.end(), p->begin(), p->end());
  return r;
}

/// Step 4: the product of x and y summed over their shared labels that `keep` does not hold.
labelled contract(labelled x, labelled y, const std::vector<int>& keep,
                  const std::map<int, std::int64_t>& sizes) {
  // Labels of one side that nobody needs (none after step 2, but cheap to make sure).
  x = sum_unkept(x, concat({&keep, &y.labels}));
  y = sum_unkept(y, concat({&keep, &x.labels}));
  std::vector<int> batch, contracted, left, right;
  for (int l : x.labels) {
    if (!contains(y.labels, l))
      left.push_back(l);
    else if (contains(keep, l))
      batch.push_back(l);
    else
      contracted.push_back(l);
  }
  for (int l : y.labels)
    if (!contains(x.labels, l)) right.push_back(l);
  auto dims = [](const labelled& z, const std::vector<int>& ls) {
    shape_t s;
    for (int l : ls) s.push_back(z.a.shape[static_cast<std::size_t>(position(z.labels, l))]);
    return s;
  };
  auto count = [](const shape_t& s) {
    std::int64_t n = 1;
    for (auto v : s) n *= v;
    return n;
  };
  labelled r;
  r.labels = concat({&batch, &left, &right});
  const auto nb = static_cast<std::int64_t>(batch.size());
  const auto nl = static_cast<std::int64_t>(left.size());
  const auto nr = static_cast<std::int64_t>(right.size());
  if (contracted.empty()) {
    // A broadcast multiply: x as (batch, left, 1...), y as (batch, 1..., right).
    array_desc xa = permuted(x, concat({&batch, &left}));
    array_desc ya = permuted(y, concat({&batch, &right}));
    std::vector<std::int64_t> xnew, ynew;
    for (std::int64_t i = 0; i < nr; ++i) xnew.push_back(nb + nl + i);
    for (std::int64_t i = 0; i < nl; ++i) ynew.push_back(nb + i);
    if (!xnew.empty()) xa = expand_dims(xa, xnew);
    if (!ynew.empty()) ya = expand_dims(ya, ynew);
    r.a = multiply_arrays(xa, ya);
    return r;
  }
  // One batched matmul: x as (batch..., M, K), y as (batch..., K, N).
  const shape_t xb = dims(x, batch), yb = dims(y, batch);
  const shape_t ls = dims(x, left), rs = dims(y, right);
  shape_t ks;
  for (int l : contracted) ks.push_back(sizes.at(l));
  const std::int64_t m = count(ls), k = count(ks), n = count(rs);
  array_desc xa = permuted(x, concat({&batch, &left, &contracted}));
  array_desc ya = permuted(y, concat({&batch, &contracted, &right}));
  // A contracted axis of length 1 against a longer one broadcasts (stride 0, a view).
  shape_t xfull = xb, yfull = yb;
  xfull.insert(xfull.end(), ls.begin(), ls.end());
  xfull.insert(xfull.end(), ks.begin(), ks.end());
  yfull.insert(yfull.end(), ks.begin(), ks.end());
  yfull.insert(yfull.end(), rs.begin(), rs.end());
  if (xa.shape != xfull) xa = broadcast_to(xa, xfull);
  if (ya.shape != yfull) ya = broadcast_to(ya, yfull);
  shape_t x3 = xb, y3 = yb;
  x3.insert(x3.end(), {m, k});
  y3.insert(y3.end(), {k, n});
  const array_desc product = matmul(reshape(xa, x3), reshape(ya, y3));
  shape_t out(product.shape.begin(), product.shape.end() - 2);  // the broadcast batch
  out.insert(out.end(), ls.begin(), ls.end());
  out.insert(out.end(), rs.begin(), rs.end());
  r.a = reshape(product, out);
  return r;
}

}  // namespace

einsum_spec parse_einsum(const std::string& subscripts, const std::vector<shape_t>& shapes) {
  const std::size_t nop = shapes.size();
  CUPP_EXPECTS(nop >= 1, value_error, "not enough operands provided to einstein sum function");
  int counts[128] = {};
  int min_label = 127, max_label = 0;
  einsum_spec spec;
  std::size_t pos = 0;
  for (std::size_t iop = 0; iop < nop; ++iop) {
    std::size_t end = subscripts.find_first_of(",-", pos);
    if (end == std::string::npos) end = subscripts.size();
    const bool comma = end < subscripts.size() && subscripts[end] == ',';
    CUPP_EXPECTS(!(iop == nop - 1 && comma), value_error,
                 "more operands provided to einstein sum function than specified in the "
                 "subscripts string");
    CUPP_EXPECTS(!(iop < nop - 1 && !comma), value_error,
                 "fewer operands provided to einstein sum function than specified in the "
                 "subscripts string");
    spec.labels.push_back(parse_operand(subscripts.substr(pos, end - pos),
                                        static_cast<std::int64_t>(shapes[iop].size()), iop, counts,
                                        min_label, max_label));
    pos = iop < nop - 1 ? end + 1 : end;
  }
  std::int64_t ndim_broadcast = 0;
  for (const auto& ls : spec.labels)
    ndim_broadcast = std::max<std::int64_t>(ndim_broadcast, std::count(ls.begin(), ls.end(), 0));
  const std::string rest = subscripts.substr(pos);
  if (rest.empty()) {
    spec.output.assign(static_cast<std::size_t>(ndim_broadcast), 0);
    for (int l = min_label; l <= max_label; ++l)
      if (counts[l] == 1) spec.output.push_back(l);
  } else {
    CUPP_EXPECTS(rest.size() >= 2 && rest[0] == '-' && rest[1] == '>', value_error,
                 "einstein sum subscript string does not contain proper '->' output specified");
    spec.output = parse_output(rest.substr(2), ndim_broadcast, counts);
  }
  for (auto& ls : spec.labels) number_broadcast(ls);
  number_broadcast(spec.output);

  // Repeated labels within an operand must have one length (NumPy's two messages: one for a
  // single operand that einsum can return as a view, one for the general case).
  const bool single_view =
      nop == 1 && std::all_of(spec.labels[0].begin(), spec.labels[0].end(),
                              [&](int l) { return contains(spec.output, l); });
  for (std::size_t iop = 0; iop < nop; ++iop) {
    const auto& ls = spec.labels[iop];
    for (std::size_t d = 0; d < ls.size(); ++d) {
      const std::size_t first = static_cast<std::size_t>(position(ls, ls[d]));
      const std::int64_t n0 = shapes[iop][first], n = shapes[iop][d];
      if (first == d || n0 == n) continue;
      const std::string tail = " for collapsing index '" + label_str(ls[d]) + "' don't match (" +
                               std::to_string(n0) + " != " + std::to_string(n) + ")";
      throw value_error(single_view ? "dimensions in single operand" + tail
                                    : "dimensions in operand " + std::to_string(iop) + tail);
    }
  }
  const std::map<int, std::int64_t> sizes = label_sizes(spec, shapes);
  for (int l : spec.output) spec.out_shape.push_back(sizes.at(l));
  return spec;
}

array_desc einsum(const std::string& subscripts, const std::vector<array_desc>& operands) {
  std::vector<shape_t> shapes;
  for (const auto& a : operands) shapes.push_back(a.shape);
  const einsum_spec spec = parse_einsum(subscripts, shapes);
  const std::map<int, std::int64_t> sizes = label_sizes(spec, shapes);
  const std::size_t nop = operands.size();
  std::vector<labelled> ops;
  for (std::size_t i = 0; i < nop; ++i)
    ops.push_back(combine_repeated(operands[i], spec.labels[i]));

  // Step 2: what each operand must keep is what the output or another operand has.
  for (std::size_t i = 0; i < nop; ++i) {
    std::vector<int> keep = spec.output;
    for (std::size_t j = 0; j < nop; ++j)
      if (j != i) keep.insert(keep.end(), ops[j].labels.begin(), ops[j].labels.end());
    ops[i] = sum_unkept(ops[i], keep);
  }
  labelled cur = ops[0];
  for (std::size_t i = 1; i < nop; ++i) {
    std::vector<int> keep = spec.output;
    for (std::size_t j = i + 1; j < nop; ++j)
      keep.insert(keep.end(), ops[j].labels.begin(), ops[j].labels.end());
    cur = contract(cur, ops[i], keep, sizes);
  }
  return permuted(cur, spec.output);
}

}  // namespace cupp::detail
