// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The dtype-free half of dot, inner, tensordot, trace and multi_dot: shapes, NumPy's checks, and
// the views that turn each product into one matmul.
#include "cupp/linalg/products.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <string>

namespace cupp {
namespace detail {
namespace {

std::int64_t product(shape_t::const_iterator first, shape_t::const_iterator last) {
  return std::accumulate(first, last, std::int64_t{1}, std::multiplies<>());
}

/// `a` as a matrix (prod(shape[:-1]), shape[-1]): `a` itself when it already is 2-D, else a
/// reshape (a view when the layout allows).
array_desc as_rows(const array_desc& a) {
  if (a.ndim() == 2) return a;
  return reshape(a, {product(a.shape.begin(), a.shape.end() - 1), a.shape.back()});
}

/// NumPy's dot_alignment_error.
[[noreturn]] void throw_not_aligned(const shape_t& a, std::int64_t i, const shape_t& b,
                                    std::int64_t j) {
  throw value_error("shapes " + compact_shape_str(a) + " and " + compact_shape_str(b) +
                    " not aligned: " + std::to_string(a[static_cast<std::size_t>(i)]) + " (dim " +
                    std::to_string(i) + ") != " + std::to_string(b[static_cast<std::size_t>(j)]) +
                    " (dim " + std::to_string(j) + ")");
}

}  // namespace

std::string compact_shape_str(const shape_t& shape) {
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) s += ",";
    s += std::to_string(shape[i]);
  }
  if (shape.size() == 1) s += ",";
  return s + ")";
}

// ---- dot and inner -------------------------------------------------------------------------

shape_t dot_shape(const shape_t& a, const shape_t& b) {
  CUPP_ASSERT(!a.empty() && !b.empty());
  const std::int64_t ia = static_cast<std::int64_t>(a.size()) - 1;
  const std::int64_t jb = b.size() > 1 ? static_cast<std::int64_t>(b.size()) - 2 : 0;
  if (a[static_cast<std::size_t>(ia)] != b[static_cast<std::size_t>(jb)])
    throw_not_aligned(a, ia, b, jb);
  shape_t out(a.begin(), a.end() - 1);
  if (b.size() > 1) {
    out.insert(out.end(), b.begin(), b.end() - 2);
    out.push_back(b.back());
  }
  return out;
}

array_desc dot(const array_desc& a, const array_desc& b) {
  const shape_t out = dot_shape(a.shape, b.shape);
  const array_desc a2 = as_rows(a);
  if (b.ndim() <= 2) return reshape(matmul(a2, b), out);
  // b (B..., K, N) as the matrix (K, B... N): its axis -2 moved first. Unlike a's rows, these
  // columns are never one stride apart, so the reshape copies b once.
  const std::int64_t nb = b.ndim();
  std::vector<std::int64_t> perm{nb - 2};
  for (std::int64_t i = 0; i < nb - 2; ++i) perm.push_back(i);
  perm.push_back(nb - 1);
  const std::int64_t k = b.shape[static_cast<std::size_t>(nb - 2)];
  const std::int64_t n = product(b.shape.begin(), b.shape.end() - 2) * b.shape.back();
  const array_desc b2 = reshape(transpose(b, perm), {k, n});
  return reshape(matmul(a2, b2), out);
}

shape_t inner_shape(const shape_t& a, const shape_t& b) {
  CUPP_ASSERT(!a.empty() && !b.empty());
  if (a.back() != b.back()) {
    // NumPy computes inner as dot(a, b with its last two axes swapped), and says so.
    shape_t bt = b;
    std::int64_t j = 0;
    if (bt.size() >= 2) {
      std::swap(bt[bt.size() - 1], bt[bt.size() - 2]);
      j = static_cast<std::int64_t>(bt.size()) - 2;
    }
    throw_not_aligned(a, static_cast<std::int64_t>(a.size()) - 1, bt, j);
  }
  shape_t out(a.begin(), a.end() - 1);
  out.insert(out.end(), b.begin(), b.end() - 1);
  return out;
}

array_desc inner(const array_desc& a, const array_desc& b) {
  const shape_t out = inner_shape(a.shape, b.shape);
  const array_desc a2 = as_rows(a);
  if (b.ndim() == 1) return reshape(matmul(a2, b), out);
  // b's rows (N, K) transposed to (K, N) is a view: cuBLAS reads it with a transpose flag.
  return reshape(matmul(a2, reversed_axes(as_rows(b))), out);
}

void check_vdot(std::int64_t size_a, std::int64_t size_b) {
  CUPP_EXPECTS(size_a == size_b, value_error, "vectors have different lengths");
}

// ---- tensordot -----------------------------------------------------------------------------

tensordot_axes tensordot_last_first(std::int64_t n) {
  // Python's range(-n, 0) and range(0, n): both empty for n <= 0.
  tensordot_axes axes;
  for (std::int64_t i = -n; i < 0; ++i) axes.a.push_back(i);
  for (std::int64_t i = 0; i < n; ++i) axes.b.push_back(i);
  return axes;
}

tensordot_plan plan_tensordot(const shape_t& a, const shape_t& b, const tensordot_axes& axes) {
  const auto nda = static_cast<std::int64_t>(a.size());
  const auto ndb = static_cast<std::int64_t>(b.size());
  std::vector<std::int64_t> axes_a = axes.a, axes_b = axes.b;
  bool equal = axes_a.size() == axes_b.size();
  for (std::size_t k = 0; equal && k < axes_a.size(); ++k) {
    axes_a[k] = normalize_axis(axes_a[k], nda);
    axes_b[k] = normalize_axis(axes_b[k], ndb);
    equal = a[static_cast<std::size_t>(axes_a[k])] == b[static_cast<std::size_t>(axes_b[k])];
  }
  CUPP_EXPECTS(equal, value_error, "shape-mismatch for sum");
  auto repeated = [](std::vector<std::int64_t> v) {
    std::sort(v.begin(), v.end());
    return std::adjacent_find(v.begin(), v.end()) != v.end();
  };
  CUPP_EXPECTS(!repeated(axes_a) && !repeated(axes_b), value_error, "repeated axis in transpose");

  tensordot_plan plan;
  std::int64_t m = 1, k = 1, n = 1;
  for (std::int64_t i = 0; i < nda; ++i)
    if (std::find(axes_a.begin(), axes_a.end(), i) == axes_a.end()) {
      plan.perm_a.push_back(i);
      plan.out.push_back(a[static_cast<std::size_t>(i)]);
      m *= a[static_cast<std::size_t>(i)];
    }
  for (std::int64_t ax : axes_a) {
    plan.perm_a.push_back(ax);
    k *= a[static_cast<std::size_t>(ax)];
  }
  plan.perm_b = axes_b;
  for (std::int64_t i = 0; i < ndb; ++i)
    if (std::find(axes_b.begin(), axes_b.end(), i) == axes_b.end()) {
      plan.perm_b.push_back(i);
      plan.out.push_back(b[static_cast<std::size_t>(i)]);
      n *= b[static_cast<std::size_t>(i)];
    }
  plan.a2 = {m, k};
  plan.b2 = {k, n};
  return plan;
}

array_desc tensordot(const array_desc& a, const array_desc& b, const tensordot_plan& plan) {
  const array_desc at = reshape(transpose(a, plan.perm_a), plan.a2);
  const array_desc bt = reshape(transpose(b, plan.perm_b), plan.b2);
  return reshape(matmul(at, bt), plan.out);
}

// ---- trace ---------------------------------------------------------------------------------

array_desc diagonal_view(const array_desc& a, std::int64_t offset, std::int64_t axis1,
                         std::int64_t axis2) {
  const std::int64_t nd = a.ndim();
  CUPP_EXPECTS(nd >= 2, value_error, "diag requires an array of at least two dimensions");
  auto adjust = [nd](std::int64_t axis, const char* name) {
    if (axis < -nd || axis >= nd)
      throw axis_error(std::string(name) + ": axis " + std::to_string(axis) +
                       " is out of bounds for array of dimension " + std::to_string(nd));
    return axis < 0 ? axis + nd : axis;
  };
  axis1 = adjust(axis1, "axis1");
  axis2 = adjust(axis2, "axis2");
  CUPP_EXPECTS(axis1 != axis2, value_error, "axis1 and axis2 cannot be the same");
  std::int64_t dim1 = a.shape[static_cast<std::size_t>(axis1)];
  std::int64_t dim2 = a.shape[static_cast<std::size_t>(axis2)];
  const std::int64_t stride1 = a.strides[static_cast<std::size_t>(axis1)];
  const std::int64_t stride2 = a.strides[static_cast<std::size_t>(axis2)];
  std::int64_t offset_stride = 0;
  if (offset >= 0) {
    offset_stride = stride2;
    dim2 -= offset;
  } else {
    offset = -offset;
    offset_stride = stride1;
    dim1 -= offset;
  }
  std::int64_t length = std::min(dim1, dim2);
  char* ptr = a.ptr;
  if (length < 0)
    length = 0;
  else
    ptr += offset * offset_stride * static_cast<std::int64_t>(a.itemsize());
  shape_t shape;
  strides_t strides;
  for (std::int64_t i = 0; i < nd; ++i)
    if (i != axis1 && i != axis2) {
      shape.push_back(a.shape[static_cast<std::size_t>(i)]);
      strides.push_back(a.strides[static_cast<std::size_t>(i)]);
    }
  shape.push_back(length);
  strides.push_back(stride1 + stride2);
  array_desc view = make_view(a, std::move(shape), std::move(strides), ptr);
  view.readonly = true;  // as NumPy's diagonal view
  return view;
}

// ---- multi_dot -----------------------------------------------------------------------------

std::vector<std::vector<std::int64_t>> matrix_chain_order(const std::vector<std::int64_t>& p) {
  CUPP_ASSERT(p.size() >= 2);
  const std::size_t n = p.size() - 1;
  // Costs in double, as NumPy keeps them: the products can pass 2**63 for long chains.
  std::vector<std::vector<double>> m(n, std::vector<double>(n, 0.0));
  std::vector<std::vector<std::int64_t>> split(n, std::vector<std::int64_t>(n, 0));
  for (std::size_t l = 1; l < n; ++l)
    for (std::size_t i = 0; i + l < n; ++i) {
      const std::size_t j = i + l;
      m[i][j] = std::numeric_limits<double>::infinity();
      for (std::size_t k = i; k < j; ++k) {
        const double q = m[i][k] + m[k + 1][j] +
                         static_cast<double>(p[i]) * static_cast<double>(p[k + 1]) *
                             static_cast<double>(p[j + 1]);
        if (q < m[i][j]) {
          m[i][j] = q;
          split[i][j] = static_cast<std::int64_t>(k);
        }
      }
    }
  return split;
}

}  // namespace detail

namespace linalg::detail {
void check_2d(const cupp::detail::array_desc& a) {
  CUPP_EXPECTS(a.ndim() == 2, linalg_error,
               std::to_string(a.ndim()) +
                   "-dimensional array given. Array must be two-dimensional");
}
}  // namespace linalg::detail

}  // namespace cupp
