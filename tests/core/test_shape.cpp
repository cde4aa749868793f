// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Shape arithmetic against NumPy's recorded results and brute-force address references. Expected
// values marked "NumPy" were taken from NumPy 2.4 (strides converted to elements).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/throws.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/shape.hpp"

namespace {

using cupp::shape_t;
using cupp::strides_t;
using std::nullopt;

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

std::int64_t product(const shape_t& shape) {
  std::int64_t n = 1;
  for (const std::int64_t d : shape) n *= d;
  return n;
}

// The element offset that C-order flat index `flat` reaches in a view of (shape, strides): the
// definition every layout test below checks against.
std::int64_t address_of(const shape_t& shape, const strides_t& strides, std::int64_t flat) {
  std::int64_t addr = 0;
  for (std::size_t i = shape.size(); i-- > 0;) {
    addr += flat % shape[i] * strides[i];
    flat /= shape[i];
  }
  return addr;
}

bool same_addresses(const shape_t& a_shape, const strides_t& a_strides, const shape_t& b_shape,
                    const strides_t& b_strides) {
  const std::int64_t n = product(a_shape);
  if (n != product(b_shape)) return false;
  for (std::int64_t f = 0; f < n; ++f) {
    if (address_of(a_shape, a_strides, f) != address_of(b_shape, b_strides, f)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Slices

// CPython's slice.indices (Objects/sliceobject.c: _PySlice_GetLongIndices for the bounds and
// PySlice_AdjustIndices for the length), transcribed with its own structure and in 128-bit
// arithmetic, so that the extreme steps need no special care here.
struct python_indices {
  std::int64_t start, stop, step, length;
};
python_indices cpython_slice_indices(std::optional<std::int64_t> start_in,
                                     std::optional<std::int64_t> stop_in, std::int64_t step_in,
                                     std::int64_t length) {
  using wide = __int128;
  const wide step = step_in;
  const bool step_is_negative = step < 0;
  wide lower, upper;
  if (step_is_negative) {
    lower = -1;
    upper = lower + length;
  } else {
    lower = 0;
    upper = length;
  }
  wide start, stop;
  if (!start_in) {
    start = step_is_negative ? upper : lower;
  } else {
    start = *start_in;
    if (start < 0) {
      start += length;
      if (start < lower) start = lower;
    } else {
      if (start > upper) start = upper;
    }
  }
  if (!stop_in) {
    stop = step_is_negative ? lower : upper;
  } else {
    stop = *stop_in;
    if (stop < 0) {
      stop += length;
      if (stop < lower) stop = lower;
    } else {
      if (stop > upper) stop = upper;
    }
  }
  wide n = 0;
  if (step < 0) {
    if (stop < start) n = (start - stop - 1) / (-step) + 1;
  } else {
    if (start < stop) n = (stop - start - 1) / step + 1;
  }
  return {static_cast<std::int64_t>(start), static_cast<std::int64_t>(stop), step_in,
          static_cast<std::int64_t>(n)};
}

TEST(ResolveSlice, MatchesCPythonOverAllSmallSlices) {
  std::vector<std::optional<std::int64_t>> bounds{nullopt};
  for (std::int64_t b = -8; b <= 8; ++b) bounds.emplace_back(b);
  int checked = 0;
  for (std::int64_t dim = 0; dim <= 6; ++dim) {
    for (const auto& start : bounds) {
      for (const auto& stop : bounds) {
        for (const std::int64_t step : {-3, -2, -1, 1, 2, 3}) {
          const auto r = cupp::resolve_slice(cupp::slice(start, stop, step), dim);
          const auto ref = cpython_slice_indices(start, stop, step, dim);
          ASSERT_EQ(r.start, ref.start) << "dim " << dim << " step " << step;
          ASSERT_EQ(r.step, ref.step);
          ASSERT_EQ(r.length, ref.length) << "dim " << dim << " step " << step;
          // Every selected index lies inside the dimension.
          for (std::int64_t n = 0; n < r.length; ++n) {
            const std::int64_t i = r.start + n * r.step;
            ASSERT_TRUE(i >= 0 && i < dim);
          }
          ++checked;
        }
      }
    }
  }
  EXPECT_EQ(checked, 7 * 18 * 18 * 6);
}

TEST(ResolveSlice, KnownValues) {
  struct known {
    cupp::slice s;
    std::int64_t dim, start, step, length;
  };
  // Python: slice(...).indices(dim) and len(range(*indices)).
  const known cases[] = {
      {cupp::slice(10, 20), 5, 5, 1, 0},
      {cupp::slice(nullopt, nullopt, -1), 0, -1, -1, 0},
      {cupp::slice(nullopt, nullopt, -1), 5, 4, -1, 5},
      {cupp::slice(-100, 100, 3), 10, 0, 3, 4},
      {cupp::slice(100, -100, -3), 10, 9, -3, 4},
      {cupp::slice(nullopt, nullopt, kMin), 5, 4, kMin, 1},
      {cupp::slice(nullopt, nullopt, kMax), 5, 0, kMax, 1},
      {cupp::slice(kMin, kMax), 7, 0, 1, 7},
      {cupp::slice(kMax, kMin, -1), 7, 6, -1, 7},
      {cupp::slice(-1, nullopt, -2), 6, 5, -2, 3},
      {cupp::slice(2, nullopt), 0, 0, 1, 0},
      {cupp::slice(3, 1), 5, 3, 1, 0},
      {cupp::slice(3), 5, 0, 1, 3},
      {cupp::slice(), 4, 0, 1, 4},
  };
  for (const known& k : cases) {
    const auto r = cupp::resolve_slice(k.s, k.dim);
    EXPECT_EQ(r.start, k.start);
    EXPECT_EQ(r.step, k.step);
    EXPECT_EQ(r.length, k.length);
  }
}

TEST(ResolveSlice, Errors) {
  CUPP_EXPECT_THROW_MSG(cupp::resolve_slice(cupp::slice(nullopt, nullopt, 0), 5), cupp::value_error,
                        "slice step cannot be zero");
  CUPP_EXPECT_THROW_MSG(cupp::resolve_slice(cupp::slice(1, 2, 0), 0), cupp::value_error,
                        "slice step cannot be zero");
  CUPP_EXPECT_THROW_MSG(cupp::resolve_slice(cupp::slice(0, 5), -1), cupp::value_error,
                        "length should not be negative");
}

TEST(ResolveSlice, DocumentedExample) {
  // example-begin slicing
  // a[::-2] on a dimension of 5 selects indices 4, 2, 0.
  const cupp::resolved_slice r =
      cupp::resolve_slice(cupp::slice(std::nullopt, std::nullopt, -2), 5);
  EXPECT_EQ(r.start, 4);
  EXPECT_EQ(r.step, -2);
  EXPECT_EQ(r.length, 3);
  // Out-of-range bounds are clamped, as in Python: a[10:20] on 5 elements is empty.
  EXPECT_EQ(cupp::resolve_slice(cupp::slice(10, 20), 5).length, 0);
  // example-end
}

// ---------------------------------------------------------------------------------------------
// Axes and indices

TEST(NormalizeAxis, WrapsAndRejects) {
  EXPECT_EQ(cupp::normalize_axis(0, 2), 0);
  EXPECT_EQ(cupp::normalize_axis(1, 2), 1);
  EXPECT_EQ(cupp::normalize_axis(-1, 2), 1);
  EXPECT_EQ(cupp::normalize_axis(-2, 2), 0);
  // NumPy: np.sum(np.empty((2, 3)), axis=3) and friends.
  CUPP_EXPECT_THROW_MSG(cupp::normalize_axis(3, 2), cupp::axis_error,
                        "axis 3 is out of bounds for array of dimension 2");
  CUPP_EXPECT_THROW_MSG(cupp::normalize_axis(2, 2), cupp::axis_error,
                        "axis 2 is out of bounds for array of dimension 2");
  CUPP_EXPECT_THROW_MSG(cupp::normalize_axis(-3, 2), cupp::axis_error,
                        "axis -3 is out of bounds for array of dimension 2");
  CUPP_EXPECT_THROW_MSG(cupp::normalize_axis(0, 0), cupp::axis_error,
                        "axis 0 is out of bounds for array of dimension 0");
  // An axis_error is also an index_error, as NumPy's AxisError is an IndexError.
  EXPECT_THROW(cupp::normalize_axis(5, 1), cupp::index_error);
}

TEST(NormalizeIndex, WrapsAndRejects) {
  EXPECT_EQ(cupp::normalize_index(0, 3, 0), 0);
  EXPECT_EQ(cupp::normalize_index(2, 3, 0), 2);
  EXPECT_EQ(cupp::normalize_index(-1, 3, 0), 2);
  EXPECT_EQ(cupp::normalize_index(-3, 3, 0), 0);
  // NumPy: np.empty((2, 3))[3], [:, -4], [:, 5] and np.empty(0)[0].
  CUPP_EXPECT_THROW_MSG(cupp::normalize_index(3, 2, 0), cupp::index_error,
                        "index 3 is out of bounds for axis 0 with size 2");
  CUPP_EXPECT_THROW_MSG(cupp::normalize_index(-4, 3, 1), cupp::index_error,
                        "index -4 is out of bounds for axis 1 with size 3");
  CUPP_EXPECT_THROW_MSG(cupp::normalize_index(5, 3, 1), cupp::index_error,
                        "index 5 is out of bounds for axis 1 with size 3");
  CUPP_EXPECT_THROW_MSG(cupp::normalize_index(0, 0, 0), cupp::index_error,
                        "index 0 is out of bounds for axis 0 with size 0");
}

// ---------------------------------------------------------------------------------------------
// Sizes, strides and flags

TEST(ShapeStr, PythonTupleSpelling) {
  EXPECT_EQ(cupp::shape_str({}), "()");
  EXPECT_EQ(cupp::shape_str({5}), "(5,)");
  EXPECT_EQ(cupp::shape_str({3, 4}), "(3, 4)");
  EXPECT_EQ(cupp::shape_str({0, 2, 1}), "(0, 2, 1)");
}

TEST(ShapeSize, ProductsAndErrors) {
  EXPECT_EQ(cupp::shape_size({}), 1);
  EXPECT_EQ(cupp::shape_size({7}), 7);
  EXPECT_EQ(cupp::shape_size({3, 4}), 12);
  EXPECT_EQ(cupp::shape_size({3, 0, 5}), 0);
  EXPECT_EQ(cupp::shape_size({kMax}), kMax);
  EXPECT_EQ(cupp::shape_size({std::int64_t{1} << 31, std::int64_t{1} << 31, 1}),
            std::int64_t{1} << 62);
  const std::string too_big =
      "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible "
      "size.";
  const std::int64_t p31 = std::int64_t{1} << 31, p40 = std::int64_t{1} << 40,
                     p62 = std::int64_t{1} << 62;
  // NumPy: np.empty(shape, dtype=np.int8) for each of these.
  CUPP_EXPECT_THROW_MSG(cupp::shape_size({p62, 2}), cupp::value_error, too_big);
  CUPP_EXPECT_THROW_MSG(cupp::shape_size({p31, p31, 2}), cupp::value_error, too_big);
  CUPP_EXPECT_THROW_MSG(cupp::shape_size({kMax, 2}), cupp::value_error, too_big);
  CUPP_EXPECT_THROW_MSG(cupp::shape_size({p40, p40, 0}), cupp::value_error, too_big);
  CUPP_EXPECT_THROW_MSG(cupp::shape_size({p62, 2, 0}), cupp::value_error, too_big);
  CUPP_EXPECT_THROW_MSG(cupp::shape_size({p62, p62, 0, -1}), cupp::value_error, too_big);
  CUPP_EXPECT_THROW_MSG(cupp::shape_size({2, -1}), cupp::value_error,
                        "negative dimensions are not allowed");
  CUPP_EXPECT_THROW_MSG(cupp::shape_size({-1, 0}), cupp::value_error,
                        "negative dimensions are not allowed");
  CUPP_EXPECT_THROW_MSG(cupp::check_shape({3, -2}), cupp::value_error,
                        "negative dimensions are not allowed");
  EXPECT_NO_THROW(cupp::check_shape({}));
  EXPECT_NO_THROW(cupp::check_shape({0, 3}));
}

TEST(Strides, CAndFOrder) {
  // NumPy: np.zeros(shape, np.int8).strides and with order='F'; empty shapes through
  // np.zeros((0, 3), np.int8).reshape(shape[, order='F']), since NumPy zeroes the strides of a
  // freshly allocated empty array.
  struct known {
    shape_t shape;
    strides_t c, f;
  };
  const known cases[] = {
      {{}, {}, {}},
      {{5}, {1}, {1}},
      {{0}, {1}, {1}},
      {{3, 4}, {4, 1}, {1, 3}},
      {{2, 1, 3, 1}, {3, 3, 1, 1}, {1, 2, 2, 6}},
      {{2, 0, 3}, {3, 3, 1}, {1, 2, 2}},
      {{4, 0, 1, 3, 5}, {15, 15, 15, 5, 1}, {1, 4, 4, 4, 12}},
  };
  for (const known& k : cases) {
    EXPECT_EQ(cupp::c_strides(k.shape), k.c) << cupp::shape_str(k.shape);
    EXPECT_EQ(cupp::f_strides(k.shape), k.f) << cupp::shape_str(k.shape);
    EXPECT_TRUE(cupp::is_c_contiguous(k.shape, k.c));
    EXPECT_TRUE(cupp::is_f_contiguous(k.shape, k.f));
  }
  // C strides address elements in flat order.
  const shape_t s{3, 1, 4, 2};
  const strides_t c = cupp::c_strides(s);
  for (std::int64_t f = 0; f < product(s); ++f) EXPECT_EQ(address_of(s, c, f), f);
}

TEST(Contiguity, NumPyFlags) {
  // NumPy: as_strided(buffer, shape, strides).flags (int8, so strides are in elements).
  struct known {
    shape_t shape;
    strides_t strides;
    bool c, f;
  };
  const known cases[] = {
      {{2, 1, 3}, {3, 7, 1}, true, false},  // the size-1 stride is ignored
      {{2, 1, 3}, {3, 7, 2}, false, false},
      {{1, 1}, {5, 9}, true, true},
      {{}, {}, true, true},
      {{3}, {-1}, false, false},
      {{0, 3}, {5, 5}, true, true},  // empty: contiguous whatever the strides
      {{2, 2}, {2, 1}, true, false},
      {{2, 2}, {1, 2}, false, true},
      {{2, 3}, {1, 2}, false, true},
      {{1}, {0}, true, true},
      {{3, 1}, {1, 0}, true, true},
      {{2, 1, 3, 1}, {1, 2, 2, 6}, false, true},
      {{3, 2}, {0, 1}, false, false},  // broadcast
  };
  for (const known& k : cases) {
    EXPECT_EQ(cupp::is_c_contiguous(k.shape, k.strides), k.c) << cupp::shape_str(k.shape);
    EXPECT_EQ(cupp::is_f_contiguous(k.shape, k.strides), k.f) << cupp::shape_str(k.shape);
  }
}

// ---------------------------------------------------------------------------------------------
// Broadcasting

TEST(BroadcastShapes, Rules) {
  // example-begin broadcast_shapes
  // Shapes align at the right; a dimension of 1 stretches and a missing one counts as 1.
  EXPECT_EQ(cupp::broadcast_shapes({{8, 1, 6, 1}, {7, 1, 5}}), (cupp::shape_t{8, 7, 6, 5}));
  // A 0-d operand broadcasts to anything, and 1 stretches to 0 as to any other size.
  EXPECT_EQ(cupp::broadcast_shapes({{}, {0}, {3, 1}}), (cupp::shape_t{3, 0}));
  // example-end
  EXPECT_EQ(cupp::broadcast_shapes({}), shape_t{});
  EXPECT_EQ(cupp::broadcast_shapes({{}}), shape_t{});
  EXPECT_EQ(cupp::broadcast_shapes({{}, {}}), shape_t{});
  EXPECT_EQ(cupp::broadcast_shapes({{3, 4}, {}}), (shape_t{3, 4}));
  EXPECT_EQ(cupp::broadcast_shapes({{1}, {1, 1}}), (shape_t{1, 1}));
  EXPECT_EQ(cupp::broadcast_shapes({{1, 0}, {5, 1}}), (shape_t{5, 0}));
  EXPECT_EQ(cupp::broadcast_shapes({{0}, {1}}), (shape_t{0}));
  EXPECT_EQ(cupp::broadcast_shapes({{2, 1, 4}, {3, 1}, {5, 1, 1, 1}}), (shape_t{5, 2, 3, 4}));
  EXPECT_EQ(cupp::broadcast_shapes({{3, 4}, {1}, {4}}), (shape_t{3, 4}));
}

TEST(BroadcastShapes, ErrorsListEveryOperand) {
  // example-begin broadcast_error
  CUPP_EXPECT_THROW_MSG(cupp::broadcast_shapes({{3, 4}, {5}}), cupp::broadcast_error,
                        "operands could not be broadcast together with shapes (3,4) (5,) ");
  // example-end
  // NumPy: np.nditer([np.empty(s) for s in shapes]).
  CUPP_EXPECT_THROW_MSG(cupp::broadcast_shapes({{3, 4}, {5}, {2, 1, 1}}), cupp::broadcast_error,
                        "operands could not be broadcast together with shapes (3,4) (5,) (2,1,1) ");
  CUPP_EXPECT_THROW_MSG(cupp::broadcast_shapes({{3, 4}, {}, {2, 3}}), cupp::broadcast_error,
                        "operands could not be broadcast together with shapes (3,4) () (2,3) ");
  CUPP_EXPECT_THROW_MSG(cupp::broadcast_shapes({{0}, {2}}), cupp::broadcast_error,
                        "operands could not be broadcast together with shapes (0,) (2,) ");
  CUPP_EXPECT_THROW_MSG(cupp::broadcast_shapes({{2, 0}, {3}}), cupp::broadcast_error,
                        "operands could not be broadcast together with shapes (2,0) (3,) ");
  // NumPy: np.broadcast_shapes((-1,), (3,)).
  CUPP_EXPECT_THROW_MSG(cupp::broadcast_shapes({{-1}, {3}}), cupp::value_error,
                        "negative dimensions are not allowed");
  // A broadcast_error is caught as the ValueError NumPy raises.
  EXPECT_THROW(cupp::broadcast_shapes({{2}, {3}}), cupp::value_error);
}

TEST(BroadcastShapes, RandomAgainstPerDimensionRule) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> ndim(0, 4), extent(0, 3), pick(0, 2);
  for (int iter = 0; iter < 3000; ++iter) {
    std::vector<shape_t> shapes(static_cast<std::size_t>(1 + pick(rng)));
    std::size_t out_ndim = 0;
    for (shape_t& s : shapes) {
      s.resize(static_cast<std::size_t>(ndim(rng)));
      for (std::int64_t& d : s) d = pick(rng) == 0 ? 1 : extent(rng);
      out_ndim = std::max(out_ndim, s.size());
    }
    // Right-aligned, per output dimension: every operand's extent is 1 or the one non-1 value.
    shape_t expected(out_ndim, 1);
    bool ok = true;
    for (std::size_t j = 0; j < out_ndim; ++j) {
      for (const shape_t& s : shapes) {
        if (j + s.size() < out_ndim) continue;
        const std::int64_t d = s[j + s.size() - out_ndim];
        if (d == 1) continue;
        if (expected[j] != 1 && expected[j] != d) ok = false;
        expected[j] = d;
      }
    }
    if (ok) {
      EXPECT_EQ(cupp::broadcast_shapes(shapes), expected);
    } else {
      EXPECT_THROW(cupp::broadcast_shapes(shapes), cupp::broadcast_error);
    }
  }
}

TEST(BroadcastStrides, NumPyBroadcastTo) {
  // example-begin broadcast_strides
  // Viewing a (3,) row as (4, 3) repeats it with stride 0 along the new leading dimension.
  EXPECT_EQ(cupp::broadcast_strides({3}, {1}, {4, 3}), (cupp::strides_t{0, 1}));
  // example-end
  // NumPy: np.broadcast_to(x, target).strides with x of int8.
  EXPECT_EQ(cupp::broadcast_strides({1, 2}, {2, 1}, {1, 2}), (strides_t{0, 1}));
  EXPECT_EQ(cupp::broadcast_strides({1, 2}, {2, 1}, {3, 1, 2}), (strides_t{0, 0, 1}));
  EXPECT_EQ(cupp::broadcast_strides({1, 2}, {2, 1}, {0, 2}), (strides_t{0, 1}));
  EXPECT_EQ(cupp::broadcast_strides({2, 1}, {1, 1}, {2, 0}), (strides_t{1, 0}));
  EXPECT_EQ(cupp::broadcast_strides({0, 1}, {0, 0}, {0, 5}), (strides_t{0, 0}));
  EXPECT_EQ(cupp::broadcast_strides({3}, {-1}, {4, 3}), (strides_t{0, -1}));
  EXPECT_EQ(cupp::broadcast_strides({}, {}, {2, 3}), (strides_t{0, 0}));
  EXPECT_EQ(cupp::broadcast_strides({}, {}, {}), strides_t{});
  EXPECT_EQ(cupp::broadcast_strides({2, 3}, {3, 1}, {2, 3}), (strides_t{3, 1}));
}

TEST(BroadcastStrides, NumPyErrors) {
  CUPP_EXPECT_THROW_MSG(cupp::broadcast_strides({3}, {1}, {4, 4}), cupp::broadcast_error,
                        "operands could not be broadcast together with remapped shapes "
                        "[original->remapped]: (3,)  and requested shape (4,4)");
  CUPP_EXPECT_THROW_MSG(cupp::broadcast_strides({3, 2}, {2, 1}, {4, 4}), cupp::broadcast_error,
                        "operands could not be broadcast together with remapped shapes "
                        "[original->remapped]: (3,2)  and requested shape (4,4)");
  CUPP_EXPECT_THROW_MSG(cupp::broadcast_strides({0}, {1}, {3}), cupp::broadcast_error,
                        "operands could not be broadcast together with remapped shapes "
                        "[original->remapped]: (0,)  and requested shape (3,)");
  CUPP_EXPECT_THROW_MSG(cupp::broadcast_strides({2}, {1}, {0}), cupp::broadcast_error,
                        "operands could not be broadcast together with remapped shapes "
                        "[original->remapped]: (2,)  and requested shape (0,)");
  CUPP_EXPECT_THROW_MSG(cupp::broadcast_strides({3, 2}, {2, 1}, {2}), cupp::value_error,
                        "input operand has more dimensions than allowed by the axis remapping");
  CUPP_EXPECT_THROW_MSG(cupp::broadcast_strides({1, 3}, {3, 1}, {3}), cupp::value_error,
                        "input operand has more dimensions than allowed by the axis remapping");
  CUPP_EXPECT_THROW_MSG(cupp::broadcast_strides({1}, {1}, {}), cupp::value_error,
                        "cannot broadcast a non-scalar to a scalar array");
  CUPP_EXPECT_THROW_MSG(cupp::broadcast_strides({3}, {1}, {4, -1}), cupp::value_error,
                        "all elements of broadcast shape must be non-negative");
  CUPP_EXPECT_THROW_MSG(cupp::broadcast_strides({3}, {1}, {2, -1, 3}), cupp::value_error,
                        "all elements of broadcast shape must be non-negative");
}

TEST(BroadcastStrides, RandomAddressesRepeatTheOperand) {
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<int> ndim(0, 3), extent(1, 4), coin(0, 1), stride(-7, 7);
  for (int iter = 0; iter < 2000; ++iter) {
    shape_t shape(static_cast<std::size_t>(ndim(rng)));
    strides_t strides(shape.size());
    for (std::size_t i = 0; i < shape.size(); ++i) {
      shape[i] = coin(rng) ? 1 : extent(rng);
      strides[i] = stride(rng);
    }
    shape_t target(static_cast<std::size_t>(ndim(rng)));
    for (std::int64_t& d : target) d = extent(rng);
    for (std::size_t i = 0; i < shape.size(); ++i)
      target.push_back(shape[i] == 1 ? extent(rng) : shape[i]);
    if (target.empty() && !shape.empty()) continue;  // not a broadcast NumPy allows
    const strides_t out = cupp::broadcast_strides(shape, strides, target);
    ASSERT_EQ(out.size(), target.size());
    // Each target element reads the operand element whose index drops the leading dimensions and
    // clamps broadcast dimensions to 0.
    const std::size_t lead = target.size() - shape.size();
    for (std::int64_t f = 0; f < product(target); ++f) {
      std::int64_t rest = f, expected = 0;
      for (std::size_t i = target.size(); i-- > lead;) {
        const std::int64_t idx = rest % target[i];
        rest /= target[i];
        if (shape[i - lead] != 1) expected += idx * strides[i - lead];
      }
      ASSERT_EQ(address_of(target, out, f), expected);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Reshape

TEST(InferReshape, UnknownDimension) {
  // example-begin infer_reshape
  // One -1 takes whatever size is left over.
  EXPECT_EQ(cupp::infer_reshape({-1, 4}, 12), (cupp::shape_t{3, 4}));
  CUPP_EXPECT_THROW_MSG(cupp::infer_reshape({5}, 12), cupp::value_error,
                        "cannot reshape array of size 12 into shape (5,)");
  // example-end
  EXPECT_EQ(cupp::infer_reshape({3, -1}, 12), (shape_t{3, 4}));
  EXPECT_EQ(cupp::infer_reshape({-1}, 12), (shape_t{12}));
  EXPECT_EQ(cupp::infer_reshape({2, 3, 2}, 12), (shape_t{2, 3, 2}));
  EXPECT_EQ(cupp::infer_reshape({-1}, 0), (shape_t{0}));
  EXPECT_EQ(cupp::infer_reshape({-1, 3}, 0), (shape_t{0, 3}));
  EXPECT_EQ(cupp::infer_reshape({5, -1}, 0), (shape_t{5, 0}));
  EXPECT_EQ(cupp::infer_reshape({}, 1), shape_t{});
  EXPECT_EQ(cupp::infer_reshape({-1}, 1), (shape_t{1}));
  EXPECT_EQ(cupp::infer_reshape({1, -1, 1}, 1), (shape_t{1, 1, 1}));
  // NumPy treats every negative entry as the unknown one: np.zeros(12).reshape(-2, 6).
  EXPECT_EQ(cupp::infer_reshape({-2, 6}, 12), (shape_t{2, 6}));
}

TEST(InferReshape, NumPyErrors) {
  const auto mismatch = [](std::int64_t size, const std::string& shape) {
    return "cannot reshape array of size " + std::to_string(size) + " into shape " + shape;
  };
  // NumPy: np.zeros(size).reshape(newshape); it prints the shape without spaces, skips leading
  // unknown dimensions and spells later ones "newaxis".
  CUPP_EXPECT_THROW_MSG(cupp::infer_reshape({5, 3}, 12), cupp::value_error, mismatch(12, "(5,3)"));
  CUPP_EXPECT_THROW_MSG(cupp::infer_reshape({-1, 5}, 12), cupp::value_error, mismatch(12, "(5)"));
  CUPP_EXPECT_THROW_MSG(cupp::infer_reshape({7, -1}, 12), cupp::value_error,
                        mismatch(12, "(7,newaxis)"));
  CUPP_EXPECT_THROW_MSG(cupp::infer_reshape({-1, 0}, 12), cupp::value_error, mismatch(12, "(0)"));
  CUPP_EXPECT_THROW_MSG(cupp::infer_reshape({0, -1}, 12), cupp::value_error,
                        mismatch(12, "(0,newaxis)"));
  CUPP_EXPECT_THROW_MSG(cupp::infer_reshape({}, 2), cupp::value_error, mismatch(2, "()"));
  // np.zeros((0, 3)).reshape(-1, 0): the -1 cannot be resolved against a known size of 0.
  CUPP_EXPECT_THROW_MSG(cupp::infer_reshape({-1, 0}, 0), cupp::value_error, mismatch(0, "(0)"));
  CUPP_EXPECT_THROW_MSG(cupp::infer_reshape({0, -1}, 0), cupp::value_error,
                        mismatch(0, "(0,newaxis)"));
  const std::int64_t p40 = std::int64_t{1} << 40;
  CUPP_EXPECT_THROW_MSG(cupp::infer_reshape({p40, p40}, 12), cupp::value_error,
                        mismatch(12, "(1099511627776,1099511627776)"));
  CUPP_EXPECT_THROW_MSG(cupp::infer_reshape({p40, p40, 0}, 0), cupp::value_error,
                        mismatch(0, "(1099511627776,1099511627776,0)"));
  CUPP_EXPECT_THROW_MSG(cupp::infer_reshape({p40, p40, -1}, 0), cupp::value_error,
                        mismatch(0, "(1099511627776,1099511627776,newaxis)"));
  // The known product is 0, so the sizes agree; the shape itself is too big to allocate.
  CUPP_EXPECT_THROW_MSG(cupp::infer_reshape({0, p40, p40, p40}, 0), cupp::value_error,
                        "array is too big; `arr.size * arr.dtype.itemsize` is larger than the "
                        "maximum possible size.");
  for (const shape_t& two_unknown :
       {shape_t{-1, -1}, shape_t{-2, -1}, shape_t{3, -1, -1}, shape_t{3, -1, -5}}) {
    CUPP_EXPECT_THROW_MSG(cupp::infer_reshape(two_unknown, 12), cupp::value_error,
                          "can only specify one unknown dimension");
  }
  CUPP_EXPECT_THROW_MSG(cupp::infer_reshape({-1, -1}, 0), cupp::value_error,
                        "can only specify one unknown dimension");
}

TEST(ReshapeStrides, NumPyViews) {
  struct known {
    shape_t shape;
    strides_t strides;
    shape_t newshape;
    std::optional<strides_t> expected;
  };
  // NumPy: x.reshape(newshape).strides for int8 arrays x built as described, or nullopt where the
  // result does not share memory with x.
  const known cases[] = {
      // np.zeros((3, 1, 4)).transpose(2, 1, 0): the same shape keeps every stride.
      {{4, 1, 3}, {1, 4, 4}, {4, 1, 3}, strides_t{1, 4, 4}},
      {{4, 1, 3}, {1, 4, 4}, {4, 3, 1}, strides_t{1, 4, 4}},
      {{4, 1, 3}, {1, 4, 4}, {1, 4, 3}, strides_t{4, 1, 4}},
      {{4, 1, 3}, {1, 4, 4}, {12}, nullopt},
      // np.zeros((4, 6))[:, ::2]: every other column of every row is one stride-2 run.
      {{4, 3}, {6, 2}, {12}, strides_t{2}},
      // np.zeros((4, 6))[:, :3]
      {{4, 3}, {6, 1}, {12}, nullopt},
      {{4, 3}, {6, 1}, {2, 2, 3}, strides_t{12, 6, 1}},
      {{4, 3}, {6, 2}, {2, 2, 3}, strides_t{12, 6, 2}},
      {{4, 3}, {6, 2}, {4, 3, 1}, strides_t{6, 2, 2}},
      // as_strided(np.zeros((1, 3)), (1, 3), (100, 1)): C-contiguous, so fresh C strides.
      {{1, 3}, {100, 1}, {3, 1}, strides_t{1, 1}},
      {{1, 3}, {100, 1}, {1, 3}, strides_t{100, 1}},
      {{1, 3}, {100, 1}, {3}, strides_t{1}},
      // as_strided(buf, (2, 3), (1, 2)): Fortran order.
      {{2, 3}, {1, 2}, {6}, nullopt},
      {{2, 3}, {1, 2}, {3, 2}, nullopt},
      {{2, 3}, {1, 2}, {2, 3, 1}, strides_t{1, 2, 2}},
      {{2, 3}, {1, 2}, {1, 2, 3}, strides_t{2, 1, 2}},
      {{2, 3}, {1, 2}, {1, 2, 1, 3, 1}, strides_t{2, 1, 6, 2, 2}},
      // np.zeros(5)[::2] and [::-2]
      {{3}, {2}, {3, 1}, strides_t{2, 2}},
      {{3}, {2}, {1, 3, 1, 1}, strides_t{6, 2, 2, 2}},
      {{3}, {-2}, {1, 3, 1, 1}, strides_t{-6, -2, -2, -2}},
      // Empty arrays are contiguous: np.zeros((0, 3)).reshape(3, 0), (3, 4)[:0].reshape(...)
      {{0, 3}, {5, 5}, {3, 0}, strides_t{1, 1}},
      {{0, 4}, {4, 1}, {4, 0}, strides_t{1, 1}},
      {{0, 4}, {4, 1}, {0, 4}, strides_t{4, 1}},
      {{0, 4}, {4, 1}, {2, 0, 3}, strides_t{3, 3, 1}},
      // 0-d and size 1
      {{}, {}, {1, 1}, strides_t{1, 1}},
      {{1, 1}, {1, 1}, {}, strides_t{}},
      {{1, 1}, {7, 3}, {1}, strides_t{1}},
  };
  for (const known& k : cases) {
    EXPECT_EQ(cupp::reshape_strides(k.shape, k.strides, k.newshape), k.expected)
        << cupp::shape_str(k.shape) << " -> " << cupp::shape_str(k.newshape);
  }
  EXPECT_THROW(cupp::reshape_strides({3, 4}, {4, 1}, {5}), cupp::value_error);
}

TEST(ReshapeStrides, DocumentedExample) {
  // example-begin reshape_view
  // The first 3 columns of a (4, 6) array: shape (4, 3), strides (6, 1). Splitting the rows
  // keeps a view, but flattening cannot: rows are 6 apart, not 3.
  EXPECT_EQ(cupp::reshape_strides({4, 3}, {6, 1}, {2, 2, 3}), (cupp::strides_t{12, 6, 1}));
  EXPECT_EQ(cupp::reshape_strides({4, 3}, {6, 1}, {12}), std::nullopt);
  // Every other column instead, strides (6, 2): the elements are evenly spaced, so it flattens.
  EXPECT_EQ(cupp::reshape_strides({4, 3}, {6, 2}, {12}), (cupp::strides_t{2}));
  // A transposed array needs a copy to be flattened in C order.
  EXPECT_EQ(cupp::reshape_strides({4, 3}, {1, 4}, {12}), std::nullopt);
  // example-end
}

// A random strided view of a C-contiguous buffer: a strided slice of a random base, maybe
// transposed, with size-1 dimensions of arbitrary stride and broadcast (stride 0) dimensions
// inserted.
struct layout {
  shape_t shape;
  strides_t strides;
};

layout random_layout(std::mt19937_64& rng, bool allow_empty) {
  std::uniform_int_distribution<int> ndim(0, 4), extent(1, 5), step_pick(0, 6), coin(0, 3),
      odd_stride(-9, 9);
  const int steps[] = {1, 1, 1, 2, 3, -1, -2};
  layout l;
  const auto nd = static_cast<std::size_t>(ndim(rng));
  shape_t base(nd);
  for (std::int64_t& d : base) d = extent(rng);
  strides_t base_strides(nd);
  std::int64_t stride = 1;
  for (std::size_t i = nd; i-- > 0;) {
    base_strides[i] = stride;
    stride *= base[i];
  }
  for (std::size_t i = 0; i < nd; ++i) {
    const int step = steps[step_pick(rng)];
    const std::int64_t span = (base[i] + std::abs(step) - 1) / std::abs(step);
    l.shape.push_back(std::uniform_int_distribution<std::int64_t>(1, span)(rng));
    l.strides.push_back(base_strides[i] * step);
  }
  if (coin(rng) == 0 && nd > 1) {
    std::vector<std::size_t> perm(nd);
    for (std::size_t i = 0; i < nd; ++i) perm[i] = i;
    std::shuffle(perm.begin(), perm.end(), rng);
    layout t;
    for (const std::size_t p : perm) {
      t.shape.push_back(l.shape[p]);
      t.strides.push_back(l.strides[p]);
    }
    l = t;
  }
  const int extra = coin(rng) == 0 ? 2 : coin(rng) == 0 ? 1 : 0;
  for (int e = 0; e < extra; ++e) {
    const auto at = std::uniform_int_distribution<std::size_t>(0, l.shape.size())(rng);
    const bool broadcast = coin(rng) == 0;
    l.shape.insert(l.shape.begin() + static_cast<std::ptrdiff_t>(at), broadcast ? extent(rng) : 1);
    l.strides.insert(l.strides.begin() + static_cast<std::ptrdiff_t>(at),
                     broadcast ? 0 : odd_stride(rng));
  }
  if (allow_empty && !l.shape.empty() && coin(rng) == 0) {
    l.shape[std::uniform_int_distribution<std::size_t>(0, l.shape.size() - 1)(rng)] = 0;
  }
  return l;
}

// A random shape with `size` elements: the prime factors dealt out to 1..4 dimensions, with a
// few extra 1s (and a 0 anywhere for size 0).
shape_t random_shape_of_size(std::int64_t size, std::mt19937_64& rng) {
  std::uniform_int_distribution<int> count(0, 4), coin(0, 2);
  shape_t s(static_cast<std::size_t>(count(rng)), 1);
  if (size == 0) {
    s.push_back(0);
  } else {
    std::int64_t n = size;
    for (std::int64_t p = 2; n > 1; ++p) {
      while (n % p == 0) {
        n /= p;
        if (s.empty() || coin(rng) == 0) {
          s.push_back(p);
        } else {
          s[std::uniform_int_distribution<std::size_t>(0, s.size() - 1)(rng)] *= p;
        }
      }
    }
  }
  std::shuffle(s.begin(), s.end(), rng);
  return s;
}

// Whether any strides at all view (shape, strides) as newshape: stepping once along a new
// dimension must move as far as it does between the corresponding flat elements, so the only
// candidate stride for each dimension is read off at its unit index, then checked everywhere.
bool view_exists(const layout& l, const shape_t& newshape) {
  strides_t candidate(newshape.size(), 0);
  std::int64_t unit = 1;
  for (std::size_t k = newshape.size(); k-- > 0;) {
    if (newshape[k] > 1) candidate[k] = address_of(l.shape, l.strides, unit);
    unit *= newshape[k];
  }
  return same_addresses(newshape, candidate, l.shape, l.strides);
}

TEST(ReshapeStrides, RandomLayoutsAgainstBruteForce) {
  std::mt19937_64 rng(2026);
  int views = 0, copies = 0;
  for (int iter = 0; iter < 20000; ++iter) {
    const layout l = random_layout(rng, true);
    const shape_t newshape = random_shape_of_size(product(l.shape), rng);
    const auto got = cupp::reshape_strides(l.shape, l.strides, newshape);
    const bool exists = view_exists(l, newshape);
    ASSERT_EQ(got.has_value(), exists)
        << cupp::shape_str(l.shape) << " strides " << cupp::shape_str(l.strides) << " -> "
        << cupp::shape_str(newshape);
    if (!got) {
      ++copies;
      continue;
    }
    ++views;
    ASSERT_EQ(got->size(), newshape.size());
    ASSERT_TRUE(same_addresses(newshape, *got, l.shape, l.strides))
        << cupp::shape_str(l.shape) << " strides " << cupp::shape_str(l.strides) << " -> "
        << cupp::shape_str(newshape) << " strides " << cupp::shape_str(*got);
    if (newshape == l.shape) {
      EXPECT_EQ(*got, l.strides);
    }
    // An empty array is contiguous, so any other shape gets fresh C strides, as in NumPy.
    if (product(l.shape) == 0 && newshape != l.shape) {
      EXPECT_EQ(*got, cupp::c_strides(newshape));
    }
  }
  // Both outcomes must be well exercised for the comparison to mean anything.
  EXPECT_GT(views, 5000);
  EXPECT_GT(copies, 2000);
}

// ---------------------------------------------------------------------------------------------
// Collapsing

TEST(CollapseDims, KnownCases) {
  shape_t shape{2, 3, 4};
  strides_t a{12, 4, 1};
  cupp::collapse_dims(shape, {&a});
  EXPECT_EQ(shape, (shape_t{24}));
  EXPECT_EQ(a, (strides_t{1}));

  // A transpose does not merge; a sliced inner dimension still merges with the outer one when
  // the outer stride matches.
  shape = {3, 4};
  a = {1, 3};
  cupp::collapse_dims(shape, {&a});
  EXPECT_EQ(shape, (shape_t{3, 4}));
  shape = {3, 4};
  a = {8, 2};
  cupp::collapse_dims(shape, {&a});
  EXPECT_EQ(shape, (shape_t{12}));
  EXPECT_EQ(a, (strides_t{2}));

  // Every operand must agree: a row broadcast down the columns stops the merge, a scalar does not.
  shape = {2, 3};
  a = {3, 1};
  strides_t row{0, 1}, scalar{0, 0};
  cupp::collapse_dims(shape, {&a, &row});
  EXPECT_EQ(shape, (shape_t{2, 3}));
  EXPECT_EQ(row, (strides_t{0, 1}));
  shape = {2, 3};
  a = {3, 1};
  cupp::collapse_dims(shape, {&a, &scalar});
  EXPECT_EQ(shape, (shape_t{6}));
  EXPECT_EQ(a, (strides_t{1}));
  EXPECT_EQ(scalar, (strides_t{0}));

  // Size-1 dimensions go, whatever their strides, even between dimensions that then merge.
  shape = {2, 1, 3, 1};
  a = {3, 99, 1, -5};
  cupp::collapse_dims(shape, {&a});
  EXPECT_EQ(shape, (shape_t{6}));
  EXPECT_EQ(a, (strides_t{1}));
  shape = {1, 1};
  a = {4, 4};
  cupp::collapse_dims(shape, {&a});
  EXPECT_EQ(shape, shape_t{});
  EXPECT_EQ(a, strides_t{});
  shape = {};
  a = {};
  cupp::collapse_dims(shape, {&a});
  EXPECT_EQ(shape, shape_t{});

  // An empty array stays empty.
  shape = {2, 0, 3};
  a = {3, 3, 1};
  strides_t b{0, 7, 2};
  cupp::collapse_dims(shape, {&a, &b});
  EXPECT_EQ(shape, (shape_t{0}));
  EXPECT_EQ(a, (strides_t{1}));
  EXPECT_EQ(b, (strides_t{1}));

  // No operands: only the shape matters.
  shape = {2, 1, 3};
  cupp::collapse_dims(shape, {});
  EXPECT_EQ(shape, (shape_t{6}));
}

TEST(CollapseDims, RandomOperandsAgainstBruteForce) {
  std::mt19937_64 rng(99);
  std::uniform_int_distribution<int> operands(1, 3), coin(0, 3);
  for (int iter = 0; iter < 5000; ++iter) {
    // Operands share one shape; each is a different random view, sometimes broadcast along a
    // dimension, sometimes contiguous, so merges happen often enough.
    const layout first = random_layout(rng, false);
    const shape_t shape = first.shape;
    std::vector<strides_t> strides(static_cast<std::size_t>(operands(rng)));
    for (std::size_t k = 0; k < strides.size(); ++k) {
      switch (coin(rng)) {
        case 0:
          strides[k] = first.strides;
          break;
        case 1: {
          strides_t s(shape.size());
          std::int64_t step = 1;
          for (std::size_t i = shape.size(); i-- > 0;) {
            s[i] = step;
            step *= shape[i];
          }
          strides[k] = s;
          break;
        }
        default: {
          strides[k] = first.strides;
          for (std::int64_t& s : strides[k]) {
            if (coin(rng) == 0) s = 0;
          }
        }
      }
    }
    shape_t got = shape;
    std::vector<strides_t> got_strides = strides;
    std::vector<strides_t*> ptrs;
    for (strides_t& s : got_strides) ptrs.push_back(&s);
    cupp::collapse_dims(got, ptrs);
    ASSERT_EQ(product(got), product(shape));
    for (std::size_t k = 0; k < strides.size(); ++k) {
      ASSERT_EQ(got_strides[k].size(), got.size());
      ASSERT_TRUE(same_addresses(got, got_strides[k], shape, strides[k]))
          << cupp::shape_str(shape) << " -> " << cupp::shape_str(got);
    }
    // Nothing left to collapse: no size-1 dimension, and no neighbours contiguous in every operand.
    for (std::size_t i = 0; i < got.size(); ++i) {
      ASSERT_NE(got[i], 1);
      if (i + 1 == got.size()) continue;
      bool all = true;
      for (const strides_t& s : got_strides) all = all && s[i] == s[i + 1] * got[i + 1];
      ASSERT_FALSE(all) << cupp::shape_str(shape) << " -> " << cupp::shape_str(got);
    }
  }
}

}  // namespace
