// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// searchsorted, unique and the set routines on type-erased arrays: NumPy's argument checks, then
// sorts (kernels/sort.cu), marks and searches (kernels/sets.cu), a scan of the marks
// (kernels/scan.cu) and a compaction. A result whose length depends on the data reads that one
// number back from the device; nothing else synchronises.
#include "cupp/routines/sets.hpp"

#include <cuda_runtime_api.h>

#include <cstdio>
#include <string>

#include "../../kernels/device_sets.hpp"
#include "../../kernels/device_sort.hpp"
#include "cupp/core/error.hpp"
#include "cupp/cuda/stream.hpp"

namespace cupp::detail {
namespace {

// Note [Sorted in the common dtype]: operands of mixed dtypes are compared in their common dtype,
// as NumPy does, but each is sorted and deduplicated in its own (NumPy deduplicates each input
// before it concatenates them), and the sorted array is then converted. The conversion keeps it
// sorted: every conversion that NumPy's promotion makes (bool and integers to wider integers or
// to floats, floats to wider floats, real numbers to complex ones, NaN to a complex number with
// a NaN part) is non-decreasing in NumPy's order.

// Note [unique with size]: the number of unique elements is the last entry of the scan of the
// run counts, on the device. Without `size`, it is read back (one synchronisation) to size the
// outputs; with it, the outputs have `size` entries, and the kernels read the count where they
// need it: runs past `size` are not written, the padding starts at the count.

cudaStream_t stream() { return cuda::get_current_stream(); }

bool contiguous(const array_desc& a) { return is_c_contiguous(a.shape, a.strides); }

array_desc as_contiguous(const array_desc& a) { return contiguous(a) ? a : copy(a); }

/// `a` flattened into a C-contiguous 1-D array: a view when its layout allows, else a copy.
array_desc flat(const array_desc& a) { return as_contiguous(reshape(a, {-1})); }

template <class T>
T* ptr(const array_desc& a) {
  return reinterpret_cast<T*>(a.ptr);
}

/// The flattened `a` sorted in NumPy's order, and with `with_perm` the stable argsort that sorts
/// it (so that, of equal elements, the first in `a` comes first).
struct sorted_flat {
  array_desc values, perm;
};

sorted_flat sort_flat(const array_desc& a, bool with_perm) {
  const array_desc f = flat(a);
  const std::int64_t n = f.size();
  sorted_flat s;
  s.values = make_array({n}, a.dt);
  s.perm = make_array({with_perm ? n : 0}, dtype::int64);
  if (n == 0) return s;
  if (with_perm) {
    sorting::sort_rows(a.dt, f.ptr, s.perm.ptr, 1, n, true, stream());
    sets::gather(a.itemsize(), f.ptr, ptr<std::int64_t>(s.perm), n, s.values.ptr, stream());
  } else {
    sorting::sort_rows(a.dt, f.ptr, s.values.ptr, 1, n, false, stream());
  }
  return s;
}

/// Flags turned into their inclusive sum, in place.
void scan_flags(const array_desc& flags) {
  const std::int64_t n = flags.size();
  if (n > 0)
    sorting::scan_rows(dtype::int64, flags.ptr, flags.ptr, 1, n, sorting::scan_op::sum, stream());
}

/// The last entry of an inclusive sum of flags: how many are set. Reads it back.
std::int64_t total(const array_desc& scan) {
  const std::int64_t n = scan.size();
  if (n == 0) return 0;
  std::int64_t k = 0;
  to_host(index_view(scan, {n - 1}), &k);
  return k;
}

/// The first `capacity` flagged elements of the contiguous `src`, given the inclusive sum of the
/// flags: a new 1-D array of `capacity` elements (the rest uninitialised if fewer are flagged).
array_desc compacted(const array_desc& src, const array_desc& scan, std::int64_t capacity) {
  array_desc out = make_array({capacity}, src.dt);
  if (capacity > 0 && src.size() > 0)
    sets::compact(src.itemsize(), src.ptr, ptr<std::int64_t>(scan), src.size(), capacity, out.ptr,
                  stream());
  return out;
}

/// Python's repr of a str, as NumPy's messages quote arguments.
std::string py_repr(const std::string& s) {
  const char quote =
      s.find('\'') != std::string::npos && s.find('"') == std::string::npos ? '"' : '\'';
  std::string out(1, quote);
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == quote || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch == '\r') {
      out += "\\r";
    } else if (ch == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + quote;
}

/// NumPy 2's parsing of searchsorted's side: true for "right".
bool parse_side(const std::string& side) {
  if (side == "left") return false;
  if (side == "right") return true;
  const char c = side.empty() ? '\0' : side[0];
  CUPP_EXPECTS(c != 'l' && c != 'L' && c != 'r' && c != 'R', value_error,
               "search side must be one of 'left' or 'right'");
  throw value_error("search side must be 'left' or 'right' (got " + py_repr(side) + ")");
}

/// An int64 0-d array holding `value`.
array_desc int64_scalar(std::int64_t value) {
  array_desc d = make_array({}, dtype::int64);
  fill(d, &value);
  return d;
}

}  // namespace

array_desc searchsorted(const array_desc& a, const array_desc& v, const std::string& side,
                        const array_desc* sorter, convert_fn a_to_common, convert_fn v_to_common,
                        convert_fn sorter_to_int64) {
  // NumPy's order of checks: the side (an argument parser), a's depth, then the sorter.
  const bool right = parse_side(side);
  CUPP_EXPECTS(a.ndim() <= 1, value_error, "object too deep for desired array");
  CUPP_EXPECTS(a.ndim() >= 1, value_error, "object of too small depth for desired array");
  if (sorter != nullptr) {
    CUPP_EXPECTS(sorter->ndim() == 1, type_error, "could not parse sorter argument");
    CUPP_EXPECTS(is_integer(sorter->dt), type_error, "sorter must only contain integers");
    CUPP_EXPECTS(sorter->size() == a.size(), value_error, "sorter.size must equal a.size");
  }
  array_desc out = make_array(v.shape, dtype::int64);
  if (out.size() == 0) return out;
  // a is read in place whatever its stride (a reversed view costs no copy); v is made
  // contiguous, in the common dtype.
  const array_desc hay = a_to_common(a);
  const array_desc needles = as_contiguous(v_to_common(v));
  sets::search_args args;
  args.dt = hay.dt;
  args.haystack = hay.ptr;
  args.stride = hay.strides[0];
  args.n = hay.size();
  args.needles = needles.ptr;
  args.count = needles.size();
  args.mode = right ? sets::search_mode::right : sets::search_mode::left;
  args.out = out.ptr;
  if (sorter == nullptr) {
    sets::search(args, stream());
    return out;
  }
  const array_desc perm = sorter_to_int64(*sorter);
  array_desc bad = make_array({}, dtype::int32);
  const std::int32_t zero = 0;
  fill(bad, &zero);
  args.sorter = ptr<std::int64_t>(perm);
  args.sorter_stride = perm.strides[0];
  args.bad_sorter = ptr<int>(bad);
  sets::search(args, stream());
  std::int32_t found_bad = 0;
  to_host(bad, &found_bad);
  CUPP_EXPECTS(found_bad == 0, value_error, "Sorter index out of range.");
  return out;
}

unique_parts unique(const array_desc& a, bool index, bool inverse, bool counts, bool equal_nan,
                    std::optional<std::int64_t> size, const void* fill_value) {
  if (size)
    CUPP_EXPECTS(*size >= 0, value_error,
                 "size must be non-negative, got " + std::to_string(*size));
  const std::int64_t n = a.size();
  CUPP_EXPECTS(n > 0 || !size || *size == 0 || fill_value != nullptr, value_error,
               "for zero-sized input with nonzero size argument, fill_value must be specified");

  const sorted_flat s = sort_flat(a, index || inverse);
  // The runs of equal elements, counted per tile (Note [unique in two passes] in
  // kernels/sets.cu); the last entry of the scan of the counts is the number of unique elements.
  const std::int64_t tiles = (n + sets::kRunTile - 1) / sets::kRunTile;
  const array_desc tile_scan = make_array({tiles}, dtype::int64);
  if (n > 0) {
    sets::count_runs(a.dt, s.values.ptr, n, equal_nan, ptr<std::int64_t>(tile_scan), stream());
    scan_flags(tile_scan);
  }
  const std::int64_t capacity = size ? *size : total(tile_scan);
  const std::int64_t* count = n > 0 ? ptr<std::int64_t>(tile_scan) + (tiles - 1) : nullptr;

  unique_parts p;
  p.values = make_array({capacity}, a.dt);
  p.indices = make_array({index ? capacity : 0}, dtype::int64);
  p.inverse = make_array(inverse ? a.shape : shape_t{0}, dtype::int64);
  p.counts = make_array({counts ? capacity : 0}, dtype::int64);
  const array_desc starts = make_array({counts ? capacity + 1 : 0}, dtype::int64);
  if (n > 0) {
    sets::run_outputs out;
    out.values = p.values.ptr;
    out.indices = index ? ptr<std::int64_t>(p.indices) : nullptr;
    out.inverse = inverse ? ptr<std::int64_t>(p.inverse) : nullptr;
    out.starts = counts ? ptr<std::int64_t>(starts) : nullptr;
    out.perm = ptr<std::int64_t>(s.perm);
    sets::write_runs(a.dt, s.values.ptr, n, equal_nan, ptr<std::int64_t>(tile_scan), capacity, out,
                     stream());
  }
  if (counts && capacity > 0) {
    // Zero first: with `size`, the counts past the last run stay 0.
    CUPP_CHECK_CUDA(cudaMemsetAsync(
        p.counts.ptr, 0, static_cast<std::size_t>(capacity) * sizeof(std::int64_t), stream()));
    if (n > 0)
      sets::run_lengths(ptr<std::int64_t>(starts), count, n, capacity, ptr<std::int64_t>(p.counts),
                        stream());
  }
  if (size && capacity > 0) {
    // JAX's padding: fill_value, or the smallest element (the first sorted one).
    array_desc fill_array;
    const void* fill = s.values.ptr;
    if (fill_value != nullptr) {
      fill_array = make_array({}, a.dt);
      detail::fill(fill_array, fill_value);
      fill = fill_array.ptr;
    }
    sets::fill_tail(a.itemsize(), p.values.ptr, capacity, count, fill, stream());
  }
  if (index && size && capacity > 0) {
    // JAX pads the indices with that of the smallest element: perm[0] (0 for an empty input).
    if (n > 0)
      sets::fill_tail(sizeof(std::int64_t), p.indices.ptr, capacity, count, s.perm.ptr, stream());
    else
      CUPP_CHECK_CUDA(cudaMemsetAsync(
          p.indices.ptr, 0, static_cast<std::size_t>(capacity) * sizeof(std::int64_t), stream()));
  }
  p.n_unique = n > 0 ? index_view(tile_scan, {tiles - 1}) : int64_scalar(0);
  return p;
}

array_desc isin(const array_desc& element, const array_desc& test, bool invert,
                convert_fn element_to_common, convert_fn test_to_common) {
  array_desc out = make_array(element.shape, dtype::bool_);
  if (out.size() == 0) return out;
  const array_desc sorted = test_to_common(sort_flat(test, false).values);  // Note [Sorted in ...]
  const array_desc needles = as_contiguous(element_to_common(element));
  sets::search_args args;
  args.dt = needles.dt;
  args.haystack = sorted.ptr;
  args.n = sorted.size();
  args.needles = needles.ptr;
  args.count = needles.size();
  args.mode = invert ? sets::search_mode::not_member : sets::search_mode::member;
  args.out = out.ptr;
  sets::search(args, stream());
  return out;
}

intersect_parts intersect1d(const array_desc& a, const array_desc& b, bool assume_unique,
                            bool indices, convert_fn a_to_common, convert_fn b_to_common) {
  const sorted_flat sa = sort_flat(a, indices);
  const sorted_flat sb = sort_flat(b, indices);
  const std::int64_t na = sa.values.size(), nb = sb.values.size();
  const array_desc ca = a_to_common(sa.values);  // Note [Sorted in the common dtype]
  const array_desc cb = b_to_common(sb.values);
  array_desc scan = make_array({na}, dtype::int64);
  if (na > 0) {
    // The unique elements of a (deduplicated in a's dtype) that == some element of b.
    unsigned what = sets::kInOther;
    if (!assume_unique) {
      sets::mark(a.dt, sa.values.ptr, na, sets::kFirstOfRun, nullptr, 0, ptr<std::int64_t>(scan),
                 stream());
      what |= sets::kAndFlags;
    }
    sets::mark(ca.dt, ca.ptr, na, what, cb.ptr, nb, ptr<std::int64_t>(scan), stream());
    scan_flags(scan);
  }
  const std::int64_t count = total(scan);
  intersect_parts p;
  p.values = compacted(ca, scan, count);
  if (!indices) {
    p.indices1 = p.indices2 = make_array({0}, dtype::int64);
    return p;
  }
  p.indices1 = compacted(sa.perm, scan, count);
  p.indices2 = make_array({count}, dtype::int64);
  if (count > 0) {
    // Each common element's first occurrence in b: where the stable argsort of b puts the
    // first element equal to it.
    sets::search_args args;
    args.dt = cb.dt;
    args.haystack = cb.ptr;
    args.n = nb;
    args.result_map = ptr<std::int64_t>(sb.perm);
    args.needles = p.values.ptr;
    args.count = count;
    args.mode = sets::search_mode::first_index;
    args.out = p.indices2.ptr;
    sets::search(args, stream());
  }
  return p;
}

array_desc union1d(const array_desc& a, const array_desc& b, convert_fn a_to_common,
                   convert_fn b_to_common) {
  // NumPy's unique of the concatenation, in the common dtype.
  const array_desc ca = as_contiguous(a_to_common(flat(a)));
  const array_desc cb = as_contiguous(b_to_common(flat(b)));
  const std::int64_t na = ca.size(), nb = cb.size();
  const array_desc both = make_array({na + nb}, ca.dt);
  copy_into(ca, index_view(both, {slice(0, na)}));
  copy_into(cb, index_view(both, {slice(na, na + nb)}));
  return unique(both, false, false, false, true, std::nullopt, nullptr).values;
}

array_desc setdiff1d(const array_desc& a, const array_desc& b, bool assume_unique,
                     convert_fn a_to_common, convert_fn b_to_common) {
  // The unique elements of a (with assume_unique, all of a, in its order) that == no element of
  // b, in a's dtype.
  const array_desc xa = assume_unique ? flat(a) : sort_flat(a, false).values;
  const std::int64_t na = xa.size();
  array_desc scan = make_array({na}, dtype::int64);
  if (na > 0) {
    unsigned what = sets::kNotInOther;
    if (!assume_unique) {
      sets::mark(a.dt, xa.ptr, na, sets::kFirstOfRun, nullptr, 0, ptr<std::int64_t>(scan),
                 stream());
      what |= sets::kAndFlags;
    }
    const array_desc ca = as_contiguous(a_to_common(xa));
    const array_desc cb = b_to_common(sort_flat(b, false).values);  // Note [Sorted in ...]
    sets::mark(ca.dt, ca.ptr, na, what, cb.ptr, cb.size(), ptr<std::int64_t>(scan), stream());
    scan_flags(scan);
  }
  return compacted(xa, scan, total(scan));
}

array_desc setxor1d(const array_desc& a, const array_desc& b, bool assume_unique,
                    convert_fn a_to_common, convert_fn b_to_common) {
  // The unique elements of each input that == no element of the other (a NaN == nothing, so the
  // NaN of each input stays), merged in sorted order. One scan over the marks of both inputs
  // ranks the kept elements of each (Note [Sorted in the common dtype]).
  const array_desc sa = sort_flat(a, false).values;
  const array_desc sb = sort_flat(b, false).values;
  const array_desc ca = a_to_common(sa);
  const array_desc cb = b_to_common(sb);
  const std::int64_t na = sa.size(), nb = sb.size();
  array_desc scan = make_array({na + nb}, dtype::int64);
  auto* flags = ptr<std::int64_t>(scan);
  const unsigned what = sets::kNotInOther | (assume_unique ? 0u : sets::kAndFlags);
  if (na > 0) {
    if (!assume_unique)
      sets::mark(a.dt, sa.ptr, na, sets::kFirstOfRun, nullptr, 0, flags, stream());
    sets::mark(ca.dt, ca.ptr, na, what, cb.ptr, nb, flags, stream());
  }
  if (nb > 0) {
    if (!assume_unique)
      sets::mark(b.dt, sb.ptr, nb, sets::kFirstOfRun, nullptr, 0, flags + na, stream());
    sets::mark(cb.dt, cb.ptr, nb, what, ca.ptr, na, flags + na, stream());
  }
  scan_flags(scan);
  const std::int64_t count = total(scan);
  array_desc out = make_array({count}, ca.dt);
  if (count > 0)
    sets::merge_kept(ca.dt, ca.ptr, na, cb.ptr, nb, ptr<std::int64_t>(scan), out.ptr, stream());
  return out;
}

}  // namespace cupp::detail
