// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/core/shape.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <string>

#include "cupp/core/error.hpp"

namespace cupp {

namespace {

constexpr std::int64_t kMaxInt64 = std::numeric_limits<std::int64_t>::max();

// NumPy's convert_shape_to_string, which its reshape and broadcast messages use: no spaces,
// leading negative entries skipped, later ones spelled "newaxis", and `ending` appended.
std::string numpy_shape_str(const shape_t& shape, const char* ending) {
  std::size_t i = 0;
  while (i < shape.size() && shape[i] < 0) ++i;
  if (i == shape.size()) return std::string("()") + ending;
  std::string s = "(" + std::to_string(shape[i++]);
  const bool one = i == 1 && i == shape.size();
  for (; i < shape.size(); ++i) s += shape[i] < 0 ? ",newaxis" : "," + std::to_string(shape[i]);
  return s + (one ? ",)" : ")") + ending;
}

// Stores a * b (both non-negative) in `out`, or returns true where the product exceeds int64.
bool mul_overflows(std::int64_t a, std::int64_t b, std::int64_t& out) {
  if (a != 0 && b > kMaxInt64 / a) return true;
  out = a * b;
  return false;
}

[[noreturn]] void throw_reshape_mismatch(const shape_t& newshape, std::int64_t size) {
  throw value_error("cannot reshape array of size " + std::to_string(size) + " into shape " +
                    numpy_shape_str(newshape, ""));
}

// NumPy's _attempt_nocopy_reshape for C order, with strides in elements. Returns nullopt where
// NumPy would copy. Only called for non-empty arrays that are not C-contiguous: it relies on
// equal, non-zero sizes so that the products of its dimension groups meet.
std::optional<strides_t> attempt_nocopy_reshape(const shape_t& shape, const strides_t& strides,
                                                const shape_t& newshape) {
  // Dimensions of size 1 never affect an address, and their strides would need special cases.
  shape_t olddims;
  strides_t oldstrides;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] != 1) {
      olddims.push_back(shape[i]);
      oldstrides.push_back(strides[i]);
    }
  }
  const std::size_t oldnd = olddims.size(), newnd = newshape.size();
  strides_t newstrides(newnd, 0);

  // [oi, oj) and [ni, nj) are the groups of old and new dimensions with equal products.
  std::size_t oi = 0, oj = 1, ni = 0, nj = 1;
  while (ni < newnd && oi < oldnd) {
    std::int64_t np = newshape[ni], op = olddims[oi];
    while (np != op) {
      // Trailing new dimensions of size 1 are left for the loop below.
      if (np < op) {
        np *= newshape[nj++];
      } else {
        op *= olddims[oj++];
      }
    }
    for (std::size_t ok = oi; ok + 1 < oj; ++ok) {
      if (oldstrides[ok] != olddims[ok + 1] * oldstrides[ok + 1]) return std::nullopt;
    }
    newstrides[nj - 1] = oldstrides[oj - 1];
    for (std::size_t nk = nj - 1; nk > ni; --nk) newstrides[nk - 1] = newstrides[nk] * newshape[nk];
    ni = nj++;
    oi = oj++;
  }
  const std::int64_t last_stride = ni >= 1 ? newstrides[ni - 1] : 1;
  for (std::size_t nk = ni; nk < newnd; ++nk) newstrides[nk] = last_stride;
  return newstrides;
}

}  // namespace

resolved_slice resolve_slice(const slice& s, std::int64_t dim) {
  CUPP_EXPECTS(s.step != 0, value_error, "slice step cannot be zero");
  CUPP_EXPECTS(dim >= 0, value_error, "length should not be negative");
  const std::int64_t step = s.step;
  const std::int64_t lower = step < 0 ? -1 : 0;
  const std::int64_t upper = step < 0 ? dim - 1 : dim;
  // Adding dim to a negative bound cannot overflow, since dim >= 0.
  const auto clamp = [&](std::optional<std::int64_t> v, std::int64_t omitted) {
    if (!v) return omitted;
    std::int64_t x = *v;
    if (x < 0) {
      x += dim;
      return x < lower ? lower : x;
    }
    return x > upper ? upper : x;
  };
  resolved_slice r;
  r.start = clamp(s.start, step < 0 ? upper : lower);
  const std::int64_t stop = clamp(s.stop, step < 0 ? lower : upper);
  r.step = step;
  // Both bounds lie in [-1, dim], so the differences fit; the division is unsigned so that a step
  // of INT64_MIN needs no negation.
  if (step < 0) {
    if (stop < r.start) {
      const auto span = static_cast<std::uint64_t>(r.start - stop - 1);
      r.length = static_cast<std::int64_t>(span / (0 - static_cast<std::uint64_t>(step)) + 1);
    }
  } else if (r.start < stop) {
    r.length = (stop - r.start - 1) / step + 1;
  }
  return r;
}

std::int64_t shape_size(const shape_t& shape) {
  // As NumPy's array constructor, zero dimensions are skipped in the overflow check: a shape whose
  // other dimensions overflow, such as (2**40, 2**40, 0), is rejected even though it is empty.
  std::int64_t size = 1;
  bool zero = false;
  for (const std::int64_t d : shape) {
    if (d == 0) {
      zero = true;
      continue;
    }
    CUPP_EXPECTS(d > 0, value_error, "negative dimensions are not allowed");
    if (mul_overflows(size, d, size)) {
      throw value_error(
          "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible "
          "size.");
    }
  }
  return zero ? 0 : size;
}

void check_shape(const shape_t& shape) {
  for (const std::int64_t d : shape) {
    CUPP_EXPECTS(d >= 0, value_error, "negative dimensions are not allowed");
  }
}

// Dimensions of size 0 count as 1, as NumPy's _array_fill_strides, so that every stride stays
// meaningful for an empty array viewed or reshaped later.
strides_t c_strides(const shape_t& shape) {
  strides_t s(shape.size());
  std::int64_t step = 1;
  for (std::size_t i = shape.size(); i-- > 0;) {
    s[i] = step;
    if (shape[i] != 0) step *= shape[i];
  }
  return s;
}

strides_t f_strides(const shape_t& shape) {
  strides_t s(shape.size());
  std::int64_t step = 1;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    s[i] = step;
    if (shape[i] != 0) step *= shape[i];
  }
  return s;
}

bool is_c_contiguous(const shape_t& shape, const strides_t& strides) {
  bool contiguous = true;
  std::int64_t expected = 1;
  for (std::size_t i = shape.size(); i-- > 0;) {
    if (shape[i] == 0) return true;
    if (shape[i] != 1) {
      if (strides[i] != expected) contiguous = false;
      expected *= shape[i];
    }
  }
  return contiguous;
}

bool is_f_contiguous(const shape_t& shape, const strides_t& strides) {
  bool contiguous = true;
  std::int64_t expected = 1;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 0) return true;
    if (shape[i] != 1) {
      if (strides[i] != expected) contiguous = false;
      expected *= shape[i];
    }
  }
  return contiguous;
}

std::int64_t normalize_axis(std::int64_t axis, std::int64_t ndim) {
  if (axis < -ndim || axis >= ndim) {
    throw axis_error("axis " + std::to_string(axis) + " is out of bounds for array of dimension " +
                     std::to_string(ndim));
  }
  return axis < 0 ? axis + ndim : axis;
}

std::int64_t normalize_index(std::int64_t index, std::int64_t dim, std::int64_t axis) {
  if (index < -dim || index >= dim) {
    throw index_error("index " + std::to_string(index) + " is out of bounds for axis " +
                      std::to_string(axis) + " with size " + std::to_string(dim));
  }
  return index < 0 ? index + dim : index;
}

std::string shape_str(const shape_t& shape) {
  if (shape.empty()) return "()";
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) s += ", ";
    s += std::to_string(shape[i]);
  }
  return s + (shape.size() == 1 ? ",)" : ")");
}

shape_t broadcast_shapes(const std::vector<shape_t>& shapes) {
  std::size_t ndim = 0;
  for (const shape_t& s : shapes) {
    check_shape(s);
    ndim = std::max(ndim, s.size());
  }
  shape_t out(ndim, 1);
  for (const shape_t& s : shapes) {
    const std::size_t offset = ndim - s.size();
    for (std::size_t i = 0; i < s.size(); ++i) {
      std::int64_t& o = out[offset + i];
      if (s[i] == o || s[i] == 1) continue;
      if (o == 1) {
        o = s[i];
        continue;
      }
      // NumPy's ufunc wording lists every operand, each followed by a space.
      std::string msg = "operands could not be broadcast together with shapes ";
      for (const shape_t& t : shapes) msg += numpy_shape_str(t, " ");
      throw broadcast_error(msg);
    }
  }
  return out;
}

strides_t broadcast_strides(const shape_t& shape, const strides_t& strides, const shape_t& target) {
  CUPP_ASSERT(strides.size() == shape.size());
  // The checks and their order are numpy.broadcast_to's.
  CUPP_EXPECTS(!target.empty() || shape.empty(), value_error,
               "cannot broadcast a non-scalar to a scalar array");
  for (const std::int64_t d : target) {
    CUPP_EXPECTS(d >= 0, value_error, "all elements of broadcast shape must be non-negative");
  }
  CUPP_EXPECTS(shape.size() <= target.size(), value_error,
               "input operand has more dimensions than allowed by the axis remapping");
  strides_t out(target.size(), 0);
  const std::size_t offset = target.size() - shape.size();
  for (std::size_t i = 0; i < shape.size(); ++i) {
    // A dimension of size 1 always gets stride 0, even where the target is also 1: nditer's
    // views do this, and it marks the dimension as broadcast.
    if (shape[i] == 1) continue;
    if (shape[i] != target[offset + i]) {
      throw broadcast_error(
          "operands could not be broadcast together with remapped shapes [original->remapped]: " +
          numpy_shape_str(shape, "  ") + "and requested shape " + numpy_shape_str(target, ""));
    }
    out[offset + i] = strides[i];
  }
  return out;
}

shape_t infer_reshape(const shape_t& newshape, std::int64_t size) {
  // NumPy's _fix_unknown_dimension: every negative entry is an unknown dimension (numpy and cupy
  // accept -2 as they accept -1), and the product of the known ones is taken in order without
  // skipping zeros, so that an overflow is reported as a mismatch whatever follows it.
  std::int64_t known = 1;
  std::optional<std::size_t> unknown;
  for (std::size_t i = 0; i < newshape.size(); ++i) {
    if (newshape[i] < 0) {
      CUPP_EXPECTS(!unknown, value_error, "can only specify one unknown dimension");
      unknown = i;
    } else if (mul_overflows(known, newshape[i], known)) {
      throw_reshape_mismatch(newshape, size);
    }
  }
  shape_t out = newshape;
  if (unknown) {
    if (known == 0 || size % known != 0) throw_reshape_mismatch(newshape, size);
    out[*unknown] = size / known;
  } else if (known != size) {
    throw_reshape_mismatch(newshape, size);
  }
  // The product can still exceed int64 when a zero hides it: (0, 2**40, 2**40, 2**40).
  shape_size(out);
  return out;
}

std::optional<strides_t> reshape_strides(const shape_t& shape, const strides_t& strides,
                                         const shape_t& newshape) {
  CUPP_ASSERT(strides.size() == shape.size());
  const std::int64_t size = shape_size(shape);
  if (shape_size(newshape) != size) throw_reshape_mismatch(newshape, size);
  // NumPy's order of cases: the same shape keeps every stride (size-1 dimensions included), a
  // C-contiguous array (every empty one among them) gets fresh C strides, and only the rest are
  // worked out dimension group by dimension group.
  if (newshape == shape) return strides;
  if (is_c_contiguous(shape, strides)) return c_strides(newshape);
  return attempt_nocopy_reshape(shape, strides, newshape);
}

// Note [Collapsing dimensions]: an elementwise kernel indexes each operand with one div/mod per
// dimension, so fewer dimensions make cheaper kernels. Dimension i can be folded into i+1 when
// stepping once along i moves as far as a full sweep of i+1, in every operand at once; the merged
// dimension keeps the inner stride. Size-1 dimensions are dropped first since they never move.
// Merging is transitive, so one left-to-right pass finds the fewest dimensions.
void collapse_dims(shape_t& shape, std::vector<strides_t*> operand_strides) {
  for (const strides_t* s : operand_strides) CUPP_ASSERT(s->size() == shape.size());
  for (const std::int64_t d : shape) {
    if (d == 0) {
      // An empty array: nothing is addressed, but the shape must still say "no elements".
      shape.assign(1, 0);
      for (strides_t* s : operand_strides) s->assign(1, 1);
      return;
    }
  }
  std::size_t out = 0;  // dimensions kept so far, compacted to the front
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 1) continue;
    bool merge = out > 0;
    for (std::size_t k = 0; merge && k < operand_strides.size(); ++k) {
      const strides_t& s = *operand_strides[k];
      merge = s[out - 1] == s[i] * shape[i];
    }
    if (merge) {
      shape[out - 1] *= shape[i];
      for (strides_t* s : operand_strides) (*s)[out - 1] = (*s)[i];
    } else {
      shape[out] = shape[i];
      for (strides_t* s : operand_strides) (*s)[out] = (*s)[i];
      ++out;
    }
  }
  shape.resize(out);
  for (strides_t* s : operand_strides) s->resize(out);
}

}  // namespace cupp
