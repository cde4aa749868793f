// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// numpy.delete and numpy.insert as one gather: the positions are worked out on the host, in
// NumPy's order and with its checks, then the result is take(source, positions, axis) where the
// source is the array itself (delete) or the array joined with the broadcast values (insert).
#include <algorithm>
#include <cctype>
#include <numeric>
#include <string>

#include "cupp/core/error.hpp"
#include "cupp/routines/array_edit.hpp"

namespace cupp::detail {
namespace {

/// The array flattened when no axis is given (NumPy's axis=None), and the axis to work on.
std::pair<array_desc, std::int64_t> along(const array_desc& arr, std::optional<std::int64_t> axis) {
  if (!axis) return {arr.ndim() == 1 ? arr : reshape(arr, shape_t{-1}), 0};
  return {arr, normalize_axis(*axis, arr.ndim())};
}

std::string out_of_bounds(const std::string& index, std::int64_t axis, std::int64_t size) {
  return "index " + index + " is out of bounds for axis " + std::to_string(axis) + " with size " +
         std::to_string(size);
}

/// The positions a slice names in an axis of length n, in the slice's order.
std::vector<std::int64_t> slice_positions(const slice& s, std::int64_t n) {
  const resolved_slice r = resolve_slice(s, n);
  std::vector<std::int64_t> out(static_cast<std::size_t>(r.length));
  for (std::int64_t k = 0; k < r.length; ++k)
    out[static_cast<std::size_t>(k)] = r.start + k * r.step;
  return out;
}

array_desc gather(const array_desc& source, const std::vector<std::int64_t>& positions,
                  std::int64_t axis) {
  return take(source, host_index_array(positions), axis, index_mode::raise);
}

}  // namespace

std::vector<std::int64_t> delete_kept(std::int64_t n, const index_obj& obj, std::int64_t axis) {
  std::vector<char> keep(static_cast<std::size_t>(n), 1);
  const auto& idx = obj.indices();
  switch (obj.type()) {
    case index_obj::kind::slice:
      for (const std::int64_t p : slice_positions(obj.as_slice(), n))
        keep[static_cast<std::size_t>(p)] = 0;
      break;
    case index_obj::kind::mask:
      CUPP_EXPECTS(obj.ndim() == 1 && static_cast<std::int64_t>(idx.size()) == n, value_error,
                   "boolean array argument obj to delete must be one dimensional and match the "
                   "axis length of " +
                       std::to_string(n));
      for (std::size_t k = 0; k < idx.size(); ++k) keep[k] = idx[k] ? 0 : 1;
      break;
    case index_obj::kind::integer:
    case index_obj::kind::indices:
      if (idx.size() == 1) {  // NumPy's single-value path names the axis
        const std::int64_t p = idx[0];
        CUPP_EXPECTS(p >= -n && p < n, index_error, out_of_bounds(std::to_string(p), axis, n));
        keep[static_cast<std::size_t>(p < 0 ? p + n : p)] = 0;
      } else {
        for (const std::int64_t p : idx) {  // keep[obj,] = False: NumPy names axis 0
          CUPP_EXPECTS(p >= -n && p < n, index_error, out_of_bounds(std::to_string(p), 0, n));
          keep[static_cast<std::size_t>(p < 0 ? p + n : p)] = 0;
        }
      }
      break;
  }
  std::vector<std::int64_t> kept;
  for (std::int64_t k = 0; k < n; ++k)
    if (keep[static_cast<std::size_t>(k)]) kept.push_back(k);
  return kept;
}

array_desc delete_(const array_desc& arr_in, const index_obj& obj,
                   std::optional<std::int64_t> axis_in) {
  const auto [arr, axis] = along(arr_in, axis_in);
  return gather(arr, delete_kept(arr.shape[static_cast<std::size_t>(axis)], obj, axis), axis);
}

std::vector<std::int64_t> insert_indices(std::int64_t n, const index_obj& obj) {
  std::vector<std::int64_t> indices;
  switch (obj.type()) {
    case index_obj::kind::slice:
      indices = slice_positions(obj.as_slice(), n);
      break;
    case index_obj::kind::mask:
      CUPP_EXPECTS(obj.ndim() == 1, value_error,
                   "boolean array argument obj to insert must be one dimensional");
      for (std::size_t k = 0; k < obj.indices().size(); ++k)
        if (obj.indices()[k]) indices.push_back(static_cast<std::int64_t>(k));
      break;
    case index_obj::kind::integer:
    case index_obj::kind::indices:
      CUPP_EXPECTS(obj.ndim() <= 1, value_error,
                   "index array argument obj to insert must be one dimensional or scalar");
      indices = obj.indices();
      break;
  }
  return indices;
}

std::vector<std::int64_t> insert_order(std::int64_t n, std::vector<std::int64_t> indices,
                                       const index_obj& obj, std::int64_t axis,
                                       std::int64_t numnew) {
  std::vector<std::int64_t> positions;
  if (indices.size() == 1) {
    std::int64_t index = indices[0];
    if (index < -n || index > n) {
      const std::string shown =
          obj.ndim() == 0 ? std::to_string(index) : "[" + std::to_string(index) + "]";
      throw index_error(out_of_bounds(shown, axis, n));
    }
    if (index < 0) index += n;
    for (std::int64_t k = 0; k < index; ++k) positions.push_back(k);
    for (std::int64_t j = 0; j < numnew; ++j) positions.push_back(n + j);
    for (std::int64_t k = index; k < n; ++k) positions.push_back(k);
    return positions;
  }
  for (auto& p : indices)
    if (p < 0) p += n;
  // Each new sub-array goes before its position; ties keep the order given (a stable sort), so
  // the k-th smallest position moves k places on.
  std::vector<std::size_t> order(indices.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return indices[x] < indices[y]; });
  for (std::size_t r = 0; r < order.size(); ++r) indices[order[r]] += static_cast<std::int64_t>(r);
  const std::int64_t total = n + static_cast<std::int64_t>(indices.size());
  positions.assign(static_cast<std::size_t>(total), -1);
  for (std::size_t j = 0; j < indices.size(); ++j) {
    std::int64_t p = indices[j];
    CUPP_EXPECTS(p >= -total && p < total, index_error, out_of_bounds(std::to_string(p), 0, total));
    if (p < 0) p += total;
    positions[static_cast<std::size_t>(p)] = n + static_cast<std::int64_t>(j);
  }
  std::int64_t next = 0;
  for (auto& p : positions)
    if (p < 0) p = next++;
  return positions;
}

array_desc insert(const array_desc& arr_in, const index_obj& obj, const array_desc& values,
                  std::optional<std::int64_t> axis_in) {
  const auto [arr, axis] = along(arr_in, axis_in);
  const auto ax = static_cast<std::size_t>(axis);
  const std::int64_t n = arr.shape[ax];
  const std::vector<std::int64_t> indices = insert_indices(n, obj);
  array_desc v = values;
  if (indices.size() == 1) {
    // values = array(values, ndmin=arr.ndim), moved to `axis` for a scalar obj (NumPy's
    // a[:, 0:1] = values rule).
    if (v.ndim() < arr.ndim()) {
      std::vector<std::int64_t> lead(static_cast<std::size_t>(arr.ndim() - v.ndim()));
      std::iota(lead.begin(), lead.end(), std::int64_t{0});
      v = expand_dims(v, lead);
    }
    if (obj.ndim() == 0) v = moveaxis(v, {0}, {axis});
  }
  const std::int64_t numnew =
      indices.size() == 1 ? v.shape[ax] : static_cast<std::int64_t>(indices.size());
  const std::vector<std::int64_t> positions = insert_order(n, indices, obj, axis, numnew);
  shape_t slot = arr.shape;  // the shape of the inserted block
  slot[ax] = numnew;
  const array_desc block = broadcast_to(without_leading_ones(v, arr.ndim()), slot);
  return gather(concatenate({arr, block}, axis), positions, axis);
}

void check_copyto_shape(const shape_t& from_in, const shape_t& to, const char* what) {
  shape_t from = from_in;  // leading length-1 dimensions are dropped, as NumPy's assignment does
  while (from.size() > to.size() && from.front() == 1) from.erase(from.begin());
  bool ok = from.size() <= to.size();
  for (std::size_t k = 0; ok && k < from.size(); ++k) {
    const std::int64_t f = from[from.size() - 1 - k], t = to[to.size() - 1 - k];
    ok = f == t || f == 1;
  }
  const auto compact = [](const shape_t& s) {  // NumPy's "(2,2)", without spaces
    std::string t = shape_str(s);
    t.erase(std::remove(t.begin(), t.end(), ' '), t.end());
    return t;
  };
  CUPP_EXPECTS(ok, value_error,
               std::string("could not broadcast ") + what + " from shape " + compact(from_in) +
                   " into shape " + compact(to));
}

std::string require_flags(const std::vector<std::string>& requirements) {
  std::string flags;
  for (const std::string& r : requirements) {
    std::string u = r;
    for (char& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    char f = 0;
    if (u == "C" || u == "C_CONTIGUOUS" || u == "CONTIGUOUS")
      f = 'C';
    else if (u == "F" || u == "F_CONTIGUOUS" || u == "FORTRAN")
      f = 'F';
    else if (u == "A" || u == "ALIGNED")
      f = 'A';
    else if (u == "W" || u == "WRITEABLE")
      f = 'W';
    else if (u == "O" || u == "OWNDATA")
      f = 'O';
    else if (u == "E" || u == "ENSUREARRAY")
      f = 'E';
    else
      throw value_error("'" + r + "'");  // NumPy raises KeyError('X')
    if (flags.find(f) == std::string::npos) flags.push_back(f);
  }
  CUPP_EXPECTS(!(flags.find('C') != std::string::npos && flags.find('F') != std::string::npos),
               value_error, "Cannot specify both 'C' and 'F' order");
  return flags;
}

bool owns_data(const array_desc& a) { return a.base == nullptr; }

}  // namespace cupp::detail
