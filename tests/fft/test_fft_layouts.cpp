// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The layout logic of cupp::fft without a GPU (fft::detail::simulate): the same code that
// describes views to cuFFT, loops over batch axes, copies, pads and splits transforms, run on
// host memory with a reference DFT that addresses memory exactly as cuFFT's advanced layout
// does. Checks the values against the host DFT and how many cuFFT calls and layout copies each
// case takes (none for contiguous, transposed, axis-0 and strided-slice inputs).
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "cupp/fft.hpp"
#include "fft_reference.hpp"

namespace {

using cupp::shape_t;
using cupp::strides_t;
using namespace cupp::test::fft_ref;
namespace fft = cupp::fft;
using fft::detail::kind;
using fft::detail::plan_args;
using fft::detail::resolve_1d;
using fft::detail::resolve_nd;

/// A host buffer and a view into it.
struct view {
  std::vector<cd> buffer;
  shape_t shape;
  strides_t strides;
  std::int64_t offset = 0;
  bool real = false;

  /// The view's values in C order (real parts only for a real view).
  harr values() const {
    harr h{shape, {}};
    const std::int64_t n = numel(shape);
    for (std::int64_t flat = 0; flat < n; ++flat) {
      std::int64_t rem = flat, o = offset;
      for (std::size_t d = shape.size(); d-- > 0;) {
        o += (rem % shape[d]) * strides[d];
        rem /= shape[d];
      }
      const cd v = buffer[static_cast<std::size_t>(o)];
      h.v.push_back(real ? cd(v.real()) : v);
    }
    return h;
  }
};

view contiguous(const shape_t& shape, unsigned seed, bool real = false) {
  view v;
  v.buffer = random_values<std::complex<double>>(std::max<std::int64_t>(numel(shape), 1), seed);
  v.shape = shape;
  v.strides = cupp::c_strides(shape);
  v.real = real;
  return v;
}

/// A view of `base` with new shape, strides and offset (in elements of the buffer).
view reshaped(view base, shape_t shape, strides_t strides, std::int64_t offset = 0) {
  base.shape = std::move(shape);
  base.strides = std::move(strides);
  base.offset = offset;
  return base;
}

fft::detail::simulation run(const view& v, const plan_args& args, bool scratch = false) {
  return fft::detail::simulate(v.buffer, v.real ? cupp::dtype::float64 : cupp::dtype::complex128,
                               v.shape, v.strides, v.offset, args, scratch);
}

void expect_values(const fft::detail::simulation& s, const harr& ref, std::int64_t points) {
  ASSERT_EQ(s.shape, ref.shape);
  ASSERT_EQ(s.values.size(), ref.v.size());
  const double tol = 8 * eps_of<double>() * (std::log2(static_cast<double>(points)) + 1) *
                     std::max(max_abs(ref), 1e-300);
  for (std::size_t i = 0; i < ref.v.size(); ++i)
    ASSERT_LE(std::abs(s.values[i] - ref.v[i]), tol) << "flat index " << i;
}

/// fft/ifft along one axis, checked; returns the simulation for the layout expectations.
fft::detail::simulation check_1d(const view& v, std::optional<std::int64_t> n, std::int64_t axis,
                                 const std::string& norm, bool inverse, bool scratch = false) {
  const plan_args args = resolve_1d(v.shape, n, axis, kind::c2c, !inverse, norm, inverse);
  const auto s = run(v, args, scratch);
  const std::int64_t len = n ? *n : v.shape[static_cast<std::size_t>(norm_axis(axis, v.shape.size()))];
  expect_values(s, ref_fft(v.values(), len, axis, norm, inverse), len);
  return s;
}

fft::detail::simulation check_nd(const view& v, const std::vector<std::int64_t>& axes,
                                 std::optional<shape_t> sizes, const std::string& norm,
                                 bool inverse, bool scratch = false) {
  const plan_args args = resolve_nd(v.shape, sizes ? fft::shape_arg(*sizes) : fft::shape_arg(),
                                    axes, kind::c2c, !inverse, norm);
  const auto s = run(v, args, scratch);
  harr ref = v.values();
  std::int64_t points = 1;
  for (std::size_t i = axes.size(); i-- > 0;) {
    ref = ref_fft(ref, args.n[i], axes[i], norm, inverse);
    points *= args.n[i];
  }
  expect_values(s, ref, points);
  return s;
}

TEST(FftLayouts, ContiguousInputsNeedNoCopy) {
  const view a = contiguous({3, 5, 16}, 1);
  auto s = check_1d(a, std::nullopt, -1, "backward", false);
  EXPECT_EQ(s.calls, 1);
  EXPECT_EQ(s.copies, 0);
  EXPECT_TRUE(s.input_untouched);
  EXPECT_EQ(s.strides, cupp::c_strides({3, 5, 16}));  // the result is C-contiguous
  // Axis 0 of a matrix: istride = ncols, idist = 1, one call.
  s = check_1d(contiguous({64, 48}, 2), std::nullopt, 0, "ortho", true);
  EXPECT_EQ(s.calls, 1);
  EXPECT_EQ(s.copies, 0);
  // All axes, and two axes around a batch axis (embedded strides).
  s = check_nd(contiguous({4, 6, 10}, 3), {0, 1, 2}, std::nullopt, "backward", false);
  EXPECT_EQ(s.calls, 1);
  EXPECT_EQ(s.copies, 0);
  s = check_nd(contiguous({6, 3, 10}, 4), {0, 2}, std::nullopt, "forward", true);
  EXPECT_EQ(s.calls, 1);
  EXPECT_EQ(s.copies, 0);
  s = check_nd(contiguous({6, 3, 10}, 4), {2, 0}, std::nullopt, "backward", false);
  EXPECT_EQ(s.calls, 1);
  EXPECT_EQ(s.copies, 0);
}

TEST(FftLayouts, ViewsNeedNoCopyWhereCufftCanReadThem) {
  const view m = contiguous({16, 32}, 5);
  // a[:, ::2]: istride 2.
  auto s = check_1d(reshaped(m, {16, 16}, {32, 2}), std::nullopt, -1, "backward", true);
  EXPECT_EQ(s.calls, 1);
  EXPECT_EQ(s.copies, 0);
  // a[1::3, :] over axis 0, with an offset.
  s = check_1d(reshaped(m, {5, 32}, {96, 1}, 32), std::nullopt, 0, "ortho", false);
  EXPECT_EQ(s.copies, 0);
  // Transposed: fft over the last axis of a.T is a strided transform; fft2 of a.T one plan.
  const view t = reshaped(m, {32, 16}, {1, 32});
  s = check_1d(t, std::nullopt, -1, "backward", false);
  EXPECT_EQ(s.calls, 1);
  EXPECT_EQ(s.copies, 0);
  EXPECT_EQ(s.strides, (strides_t{1, 32}));  // the result keeps the input's memory order
  s = check_nd(t, {0, 1}, std::nullopt, "backward", false);
  EXPECT_EQ(s.calls, 1);
  EXPECT_EQ(s.copies, 0);
  // A 3-D transposition.
  const view c = contiguous({6, 5, 8}, 6);
  s = check_nd(reshaped(c, {8, 6, 5}, {1, 40, 8}), {0, 2}, std::nullopt, "backward", true);
  EXPECT_EQ(s.copies, 0);
  // A window in the middle of an array: c[1:5, 2, 1:7].
  s = check_1d(reshaped(c, {4, 6}, {40, 1}, 40 + 16 + 1), std::nullopt, -1, "backward", false);
  EXPECT_EQ(s.copies, 0);
}

TEST(FftLayouts, UndescribableViewsAreCopiedOnce) {
  const view m = contiguous({16, 32}, 7);
  // Reversed.
  auto s = check_1d(reshaped(m, {16, 32}, {-32, -1}, 16 * 32 - 1), std::nullopt, 1, "backward",
                    false);
  EXPECT_EQ(s.copies, 1);
  s = check_nd(reshaped(m, {8, 32}, {-64, 1}, 15 * 32), {0, 1}, std::nullopt, "ortho", true);
  EXPECT_EQ(s.copies, 1);
  // Broadcast rows.
  s = check_1d(reshaped(m, {5, 12}, {0, 1}), std::nullopt, -1, "backward", false);
  EXPECT_EQ(s.copies, 1);
  s = check_1d(reshaped(m, {5, 12}, {0, 1}), std::nullopt, 0, "backward", false);
  EXPECT_EQ(s.copies, 1);
  EXPECT_TRUE(s.input_untouched);
}

TEST(FftLayouts, BatchAxesThatDoNotMerge) {
  // (4, 20, 6) over axis 1: a plan over the 6 columns, called for each of the 4 planes.
  auto s = check_1d(contiguous({4, 20, 6}, 8), std::nullopt, 1, "backward", false);
  EXPECT_EQ(s.calls, 4);
  EXPECT_EQ(s.copies, 0);
  // (40, 20, 30): 30 calls of 800 points would cost more than a copy.
  s = check_1d(contiguous({40, 20, 30}, 9), std::nullopt, 1, "ortho", true);
  EXPECT_EQ(s.calls, 1);
  EXPECT_EQ(s.copies, 1);
  // Size-1 axes are ignored.
  s = check_nd(contiguous({1, 8, 1, 5}, 10), {1, 2, 3}, std::nullopt, "backward", true);
  EXPECT_EQ(s.copies, 0);
}

TEST(FftLayouts, PaddingTruncationAndInPlace) {
  const view a = contiguous({5, 12}, 11);
  for (const std::string norm : {"backward", "ortho", "forward"}) {
    check_1d(a, 20, 1, norm, false);
    check_1d(a, 7, 1, norm, true);
    check_1d(a, 9, 0, norm, false);
    check_1d(a, 1, -1, norm, true);
    check_nd(a, {0, 1}, shape_t{8, 5}, norm, false);
    check_nd(a, {1, 0}, shape_t{3, 16}, norm, true);
  }
  // A scratch input (a converted copy) is transformed in place: the result is its buffer.
  const auto s = check_1d(a, std::nullopt, -1, "backward", false, true);
  EXPECT_EQ(s.calls, 1);
  EXPECT_FALSE(s.input_untouched);
}

TEST(FftLayouts, MoreThanThreeAxesAndRepeats) {
  auto s = check_nd(contiguous({3, 4, 5, 6}, 12), {0, 1, 2, 3}, std::nullopt, "backward", false);
  EXPECT_EQ(s.calls, 2);
  s = check_nd(contiguous({2, 3, 2, 3, 4}, 13), {4, 0, 2, 1, 3}, shape_t{3, 2, 3, 4, 2}, "ortho",
               true);
  // The first pass (axes 2, 1, 3) loops over axis 0: the batch axes 0 and 4 do not merge.
  EXPECT_EQ(s.calls, 3);
  // Repeated axes: one 1-D transform after another, in NumPy's order.
  check_nd(contiguous({4, 6, 10}, 14), {0, 0}, shape_t{5, 7}, "backward", false);
  check_nd(contiguous({4, 6, 10}, 14), {2, 1, 2}, shape_t{4, 3, 12}, "ortho", true);
  // No axes: a copy, unscaled.
  const view v = contiguous({2, 3}, 15);
  const auto none = run(v, resolve_nd(v.shape, {}, std::vector<std::int64_t>{}, kind::c2c, true,
                                      "ortho"));
  expect_values(none, v.values(), 1);
}

TEST(FftLayouts, EmptyBatches) {
  auto v = contiguous({0, 8}, 16);
  auto s = run(v, resolve_1d(v.shape, std::nullopt, -1, kind::c2c, true, "backward", false));
  EXPECT_EQ(s.shape, (shape_t{0, 8}));
  EXPECT_EQ(s.calls, 0);
  v = contiguous({4, 0}, 17);
  s = run(v, resolve_1d(v.shape, 3, 1, kind::c2c, true, "backward", false));
  EXPECT_EQ(s.shape, (shape_t{4, 3}));
  for (const auto& x : s.values) EXPECT_EQ(x, cd{});
}

/// rfftn as NumPy composes it.
harr ref_rfftn(const harr& x, const std::vector<std::int64_t>& axes, const shape_t& n,
               const std::string& norm) {
  harr r = ref_rfft(x, n.back(), axes.back(), norm);
  for (std::size_t i = axes.size() - 1; i-- > 0;) r = ref_fft(r, n[i], axes[i], norm, false);
  return r;
}

harr ref_irfftn(const harr& x, const std::vector<std::int64_t>& axes, const shape_t& n,
                const std::string& norm) {
  harr r = x;
  for (std::size_t i = 0; i + 1 < axes.size(); ++i) r = ref_fft(r, n[i], axes[i], norm, true);
  return ref_irfft(r, n.back(), axes.back(), norm);
}

TEST(FftLayouts, RealTransforms) {
  const view x = contiguous({4, 6, 10}, 18, true);
  struct cas {
    std::vector<std::int64_t> axes;
    shape_t s;
    int copies;
  };
  // The halved axis fastest in memory: no copy; slower than another transformed axis: a copy.
  const std::vector<cas> cases = {{{0, 1, 2}, {4, 6, 10}, 0}, {{2, 0}, {10, 4}, 1},
                                  {{0, 2}, {4, 10}, 0},       {{1}, {6}, 0},
                                  {{0}, {4}, 0},              {{0, 1, 2}, {3, 8, 7}, 0},
                                  {{1, 0}, {5, 9}, 1}};
  for (const auto& c : cases) {
    for (const std::string norm : {"backward", "ortho", "forward"}) {
      const plan_args args = resolve_nd(x.shape, c.s, c.axes, kind::r2c, true, norm);
      const auto s = run(x, args);
      std::int64_t points = 1;
      for (auto v : c.s) points *= v;
      expect_values(s, ref_rfftn(x.values(), c.axes, c.s, norm), points);
      EXPECT_EQ(s.copies, c.copies);
      EXPECT_TRUE(s.input_untouched);
      // irfftn of that spectrum from the user's array: copied first, the input untouched.
      view spec;
      spec.buffer = s.values;
      spec.shape = s.shape;
      spec.strides = cupp::c_strides(s.shape);
      const plan_args inv = resolve_nd(spec.shape, c.s, c.axes, kind::c2r, false, norm);
      const auto b = run(spec, inv);
      expect_values(b, ref_irfftn(spec.values(), c.axes, c.s, norm), points);
      EXPECT_TRUE(b.input_untouched);
      EXPECT_GE(b.copies, 1);
      // From a scratch copy: no layout copy where the halved axis is fastest.
      const auto bs = run(spec, inv, true);
      expect_values(bs, ref_irfftn(spec.values(), c.axes, c.s, norm), points);
      EXPECT_EQ(bs.copies, c.copies);
    }
  }
  // One point along the halved axis: a conversion, no cuFFT call for it.
  for (const std::string norm : {"backward", "ortho"}) {
    const auto r1 = run(x, resolve_1d(x.shape, 1, 1, kind::r2c, true, norm, false));
    EXPECT_EQ(r1.calls, 0);
    expect_values(r1, ref_rfft(x.values(), 1, 1, norm), 1);
    const auto r2 = run(x, resolve_nd(x.shape, {5, 1}, {0, 2}, kind::r2c, true, norm));
    expect_values(r2, ref_rfftn(x.values(), {0, 2}, {5, 1}, norm), 5);
    const view z = contiguous({3, 4, 2}, 24);
    const auto c1 = run(z, resolve_1d(z.shape, 1, 0, kind::c2r, false, norm, true));
    EXPECT_EQ(c1.calls, 0);
    expect_values(c1, ref_irfft(z.values(), 1, 0, norm), 1);
    const auto c2 = run(z, resolve_nd(z.shape, {3, 1}, {1, 2}, kind::c2r, false, norm));
    expect_values(c2, ref_irfftn(z.values(), {1, 2}, {3, 1}, norm), 3);
    EXPECT_TRUE(c2.input_untouched);
  }
  // Four axes.
  const view y = contiguous({3, 4, 2, 6}, 19, true);
  const auto s4 = run(y, resolve_nd(y.shape, {}, {}, kind::r2c, true, "backward"));
  EXPECT_EQ(s4.calls, 2);
  expect_values(s4, ref_rfftn(y.values(), {0, 1, 2, 3}, {3, 4, 2, 6}, "backward"), 144);
  view spec4;
  spec4.buffer = s4.values;
  spec4.shape = s4.shape;
  spec4.strides = cupp::c_strides(s4.shape);
  const auto b4 = run(spec4, resolve_nd(spec4.shape, {3, 4, 2, 6}, {}, kind::c2r, false, "ortho"));
  expect_values(b4, ref_irfftn(spec4.values(), {0, 1, 2, 3}, {3, 4, 2, 6}, "ortho"), 144);
  // rfft over a strided view, irfft of a transposed one.
  const view m = contiguous({8, 20}, 20, true);
  const view strided = reshaped(m, {8, 10}, {20, 2});
  const auto rs = run(strided, resolve_1d(strided.shape, std::nullopt, -1, kind::r2c, true,
                                          "backward", false));
  EXPECT_EQ(rs.copies, 0);
  expect_values(rs, ref_rfft(strided.values(), 10, -1, "backward"), 10);
  view cm = contiguous({6, 9}, 21);
  const view ct = reshaped(cm, {9, 6}, {1, 9});
  const auto it = run(ct, resolve_1d(ct.shape, 10, -1, kind::c2r, false, "backward", true));
  expect_values(it, ref_irfft(ct.values(), 10, -1, "backward"), 10);
  EXPECT_TRUE(it.input_untouched);
}

TEST(FftLayouts, HermitianTransforms) {
  const view a = contiguous({3, 5}, 22);
  for (const std::int64_t n : {8, 9}) {
    for (const std::string norm : {"backward", "ortho", "forward"}) {
      // hfft's input is the conjugated copy the template makes (scratch).
      view c = a;
      for (auto& v : c.buffer) v = std::conj(v);
      const auto h = run(c, resolve_1d(a.shape, n, -1, kind::c2r, true, norm, true), true);
      const double count = static_cast<double>(n);
      expect_values(h, scaled(ref_irfft(c.values(), n, -1, "backward"), count * scale(norm, false, count)),
                    n);
      const view x = contiguous({3, n}, 23, true);
      const auto ih = run(x, resolve_1d(x.shape, n, -1, kind::r2c, false, norm, true));
      expect_values(ih, scaled(ref_conj(ref_rfft(x.values(), n, -1, "backward")),
                               scale(norm, true, count)),
                    n);
    }
  }
}

}  // namespace
