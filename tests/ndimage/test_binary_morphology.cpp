// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The binary morphology of cupp::scipy::ndimage: on the host, the structures against SciPy's
// (generate_binary_structure, iterate_structure, where a structure's elements reach), SciPy's
// errors before any device work, and the kernels compiled for sm_90; on the device, every case of
// tests/data/ndimage/binary.npz (SciPy's own results, tests/ndimage/make_binary.py) over dtypes,
// 0-d to 4-D, structures, origins, borders, masks, iterations and layouts.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <utility>
#include <string>
#include <vector>

#include "core/throws.hpp"
#include "ndimage/binary_cases.hpp"
#include "cupp/jit/compiler.hpp"
#include "cupp/scipy/ndimage.hpp"
#include "ndimage/ndimage_reference.hpp"
#include "support/described.hpp"
#include "support/gpu.hpp"

namespace {

namespace ndi = cupp::scipy::ndimage;
namespace cases = cupp::test::binary_cases;
using ndi::detail::host_structure;
using cupp::test::described;
using cupp::test::throws_exactly;

host_structure hs(cupp::shape_t shape, std::vector<std::uint8_t> values) {
  return host_structure{std::move(shape), std::move(values)};
}

// ---- structures on the host ---------------------------------------------------------------------

TEST(NdimageBinaryStructure, GenerateAsSciPy) {
  const host_structure cross = ndi::detail::binary_structure(2, 1);
  EXPECT_EQ(cross.shape, (cupp::shape_t{3, 3}));
  EXPECT_EQ(cross.values, (std::vector<std::uint8_t>{0, 1, 0, 1, 1, 1, 0, 1, 0}));
  EXPECT_EQ(ndi::detail::binary_structure(2, 2).values, std::vector<std::uint8_t>(9, 1));
  EXPECT_EQ(ndi::detail::binary_structure(2, 0).values, cross.values);  // connectivity < 1 is 1
  // scipy.ndimage.generate_binary_structure(3, 2).ravel()
  EXPECT_EQ(ndi::detail::binary_structure(3, 2).values,
            (std::vector<std::uint8_t>{0, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1,
                                       1, 1, 1, 1, 0, 1, 0, 1, 1, 1, 0, 1, 0}));
  EXPECT_EQ(ndi::detail::binary_structure(1, 1).values, (std::vector<std::uint8_t>{1, 1, 1}));
  const host_structure scalar = ndi::detail::binary_structure(0, 1);  // a 0-d true
  EXPECT_TRUE(scalar.shape.empty());
  EXPECT_EQ(scalar.values, std::vector<std::uint8_t>{1});
  EXPECT_TRUE(ndi::detail::binary_structure(-2, 3).shape.empty());
}

TEST(NdimageBinaryStructure, IterateAsSciPy) {
  // scipy.ndimage.iterate_structure(generate_binary_structure(2, 1), 3): a diamond of radius 3.
  const host_structure diamond =
      ndi::detail::iterate_structure(ndi::detail::binary_structure(2, 1), 3);
  ASSERT_EQ(diamond.shape, (cupp::shape_t{7, 7}));
  for (int i = 0; i < 7; ++i)
    for (int j = 0; j < 7; ++j)
      EXPECT_EQ(diamond.values[static_cast<std::size_t>(i * 7 + j)],
                std::abs(i - 3) + std::abs(j - 3) <= 3)
          << i << "," << j;
  // Even and asymmetric structures, as SciPy's iterate_structure gives them.
  EXPECT_EQ(ndi::detail::iterate_structure(hs({2, 2}, {1, 1, 0, 1}), 3).values,
            (std::vector<std::uint8_t>{1, 1, 1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 1}));
  const host_structure odd = ndi::detail::iterate_structure(hs({3, 3}, {1, 0, 0, 1, 1, 0, 0, 1, 1}), 2);
  EXPECT_EQ(odd.shape, (cupp::shape_t{5, 5}));
  EXPECT_EQ(odd.values, (std::vector<std::uint8_t>{1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 1,
                                                   0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1}));
  EXPECT_EQ(ndi::detail::iterate_structure(hs({4}, {1, 0, 1, 1}), 2).values,
            (std::vector<std::uint8_t>{1, 0, 1, 1, 1, 1, 1}));
  // iterations < 2: the structure itself, read as bool.
  EXPECT_EQ(ndi::detail::iterate_structure(hs({2}, {0, 7}), 1).values,
            (std::vector<std::uint8_t>{0, 1}));
}

TEST(NdimageBinaryStructure, OffsetsPlaceTheStructureAsSciPy) {
  // [[1,0,0],[1,1,0],[0,1,1]] with origin (1, 0): its element (2, 1) reads the pixel itself.
  const auto recs =
      ndi::detail::binary_offsets(hs({3, 3}, {1, 0, 0, 1, 1, 0, 0, 1, 1}), {1, 0});
  EXPECT_EQ(recs, (std::vector<std::vector<std::int64_t>>{
                      {-2, -1}, {-1, -1}, {-1, 0}, {0, 0}, {0, 1}}));
  // An even axis centres on its element size // 2.
  EXPECT_EQ(ndi::detail::binary_offsets(hs({1, 2}, {1, 1}), {0, 0}),
            (std::vector<std::vector<std::int64_t>>{{0, -1}, {0, 0}}));
  EXPECT_EQ(ndi::detail::binary_offsets(hs({1, 2}, {1, 1}), {0, -1}),
            (std::vector<std::vector<std::int64_t>>{{0, 0}, {0, 1}}));
  for (const std::vector<int>& bad : {std::vector<int>{2, 0}, std::vector<int>{0, -2}})
    EXPECT_TRUE(throws_exactly<cupp::value_error>(
        [&] { ndi::detail::binary_offsets(hs({3, 3}, std::vector<std::uint8_t>(9, 1)), bad); },
        "invalid origin"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { ndi::detail::binary_offsets(hs({1, 2}, {1, 1}), {0, 1}); }, "invalid origin"));
}

// ---- SciPy's errors, before any device work -------------------------------------------------------

TEST(NdimageBinaryErrors, AsSciPy) {
  const auto image = described({5, 6}, cupp::dtype::uint8);
  const std::optional<host_structure> none;
  const auto erode = [&](const cupp::detail::array_desc& in, std::optional<host_structure> s,
                         std::optional<cupp::detail::array_desc> mask, ndi::per_axis<int> origin,
                         cupp::axis_arg axes) {
    ndi::detail::binary_erosion(in, s, 1, mask, 0, origin, false, axes);
  };
  EXPECT_TRUE(throws_exactly<cupp::type_error>(
      [&] { erode(described({5, 6}, cupp::dtype::complex64), none, std::nullopt, 0, {}); },
      "Complex type not supported"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { erode(image, hs({3}, {1, 1, 1}), std::nullopt, 0, {}); },
      "structure and input must have same dimensionality"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { erode(image, hs({0, 3}, {}), std::nullopt, 0, {}); }, "structure must not be empty"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { erode(image, none, described({5, 4}, cupp::dtype::bool_), 0, {}); },
      "mask and input must have equal sizes"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { erode(image, none, std::nullopt, {1, 2, 3}, {}); },
      "sequence argument must have length equal to input rank"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { erode(image, none, std::nullopt, 2, {}); }, "invalid origin"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { erode(image, hs({3, 3}, std::vector<std::uint8_t>(9, 1)), std::nullopt, 0, 0); },
      "structure.ndim (2) must match len(axes) (1)"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { erode(image, none, std::nullopt, 0, {0, 2}); }, "specified axis: 2 is out of range"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { erode(image, none, std::nullopt, 0, {1, -1}); }, "axes must be unique"));
  // The other functions check through the same steps.
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] {
        ndi::detail::binary_dilation(image, hs({3}, {1, 1, 1}), 1, std::nullopt, 0, 0, false, {});
      },
      "structure and input must have same dimensionality"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] {
        ndi::detail::binary_dilation(image, none, 1, std::nullopt, 0, {1, 1, 1}, false, {});
      },
      "sequence argument must have length equal to input rank"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] {
        ndi::detail::binary_opening(image, none, 1, 0, described({6, 5}, cupp::dtype::bool_), 0,
                                    false, {});
      },
      "mask and input must have equal sizes"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { ndi::detail::binary_hit_or_miss(image, hs({2}, {1, 1}), none, 0, std::nullopt, {}); },
      "structure and input must have same dimensionality"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] {
        ndi::detail::binary_hit_or_miss(image, none, none, 0, ndi::per_axis<int>{0, 2}, {});
      },
      "invalid origin"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] {
        ndi::detail::binary_propagation(image, none, described({1, 6}, cupp::dtype::bool_), 0, 0,
                                        {});
      },
      "mask and input must have equal sizes"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] {
        ndi::detail::binary_propagation(image, none, described({5, 6}, cupp::dtype::complex64),
                                        0, 0, {});
      },
      "data type not supported"));
}

// ---- the kernels ------------------------------------------------------------------------------------

TEST(NdimageBinaryKernels, CompileForSm90) {
  cupp::jit::compiler c("");
  const std::string source = ndi::detail::binary_kernel_source();
  EXPECT_NE(source.find("#include <cupp/ndimage_binary.cuh>"), std::string::npos);
  std::shared_ptr<const cupp::jit::compiled_module> m;
  ASSERT_NO_THROW(m = c.compile(source, {}, {}, 90));
  ASSERT_TRUE(m);
  for (const char* name : {"cupp_ndi_binary_erosion_1d", "cupp_ndi_binary_erosion_2d",
                           "cupp_ndi_binary_erosion_3d", "cupp_ndi_binary_erosion_nd",
                           "cupp_ndi_binary_erosion_tile", "cupp_ndi_binary_and_not"})
    EXPECT_NE(m->image.find(name), std::string::npos) << name;
}

// ---- SciPy's results on the device -----------------------------------------------------------------

/// One case of binary.npz: its arguments as make_binary.py wrote them.
struct binary_case {
  int func = 0, iterations = 1, border_value = 0, layout = 0;
  bool brute_force = false;
  ndi::per_axis<int> origin = 0;
  cupp::axis_arg axes;
  std::optional<ndi::per_axis<int>> origin2;
};

binary_case read_case(const std::vector<std::int64_t>& a) {
  binary_case c;
  std::size_t p = 0;
  c.func = static_cast<int>(a[p++]);
  c.iterations = static_cast<int>(a[p++]);
  c.border_value = static_cast<int>(a[p++]);
  c.brute_force = a[p++] != 0;
  c.layout = static_cast<int>(a[p++]);
  const auto ints = [&](std::int64_t n) {
    std::vector<int> v;
    for (std::int64_t k = 0; k < n; ++k) v.push_back(static_cast<int>(a[p++]));
    return v;
  };
  const std::int64_t no = a[p++];
  if (no == 0)
    c.origin = static_cast<int>(a[p++]);
  else
    c.origin = ints(no);
  const std::int64_t na = a[p++];
  if (na >= 0) {
    std::vector<std::int64_t> axes;
    for (int v : ints(na)) axes.push_back(v);
    c.axes = axes;
  }
  const std::int64_t no2 = a[p++];
  if (no2 >= 0) c.origin2 = ndi::per_axis<int>(ints(no2));
  return c;
}

class NdimageBinary : public cupp::test::GpuTest {};

/// The true elements of a device array, counted on the host.
std::int64_t count(const cupp::ndarray<bool>& a) {
  std::int64_t n = 0;
  for (const bool v : a.get()) n += v;
  return n;
}

TEST_F(NdimageBinary, MatchesSciPy) {
  const cupp::npz_file npz = cupp::test::ndimage_ref::reference("binary");
  const auto names = cases::names(npz, 0, 6);
  EXPECT_GT(names.size(), 100u);
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    const binary_case c = read_case(npz[name + "__args"].get<std::int64_t>());
    const cupp::array in = cases::input(npz, name);
    const auto s = cases::member(npz, name + "__structure");
    const auto s2 = cases::member(npz, name + "__structure2");
    const auto mask = cases::member(npz, name + "__mask");
    const cupp::ndarray<bool> got = in.visit([&](const auto& x) -> cupp::ndarray<bool> {
      switch (c.func) {
        case 0:
          return ndi::binary_erosion(x, s, c.iterations, mask, c.border_value, c.origin,
                                     c.brute_force, c.axes);
        case 1:
          return ndi::binary_dilation(x, s, c.iterations, mask, c.border_value, c.origin,
                                      c.brute_force, c.axes);
        case 2:
          return ndi::binary_opening(x, s, c.iterations, c.origin, mask, c.border_value,
                                     c.brute_force, c.axes);
        case 3:
          return ndi::binary_closing(x, s, c.iterations, c.origin, mask, c.border_value,
                                     c.brute_force, c.axes);
        case 4:
          return ndi::binary_hit_or_miss(x, s, s2, c.origin, c.origin2, c.axes);
        case 5:
          return ndi::binary_propagation(x, s, mask, c.border_value, c.origin, c.axes);
        default:
          return ndi::binary_fill_holes(x, s, c.origin, c.axes);
      }
    });
    EXPECT_EQ(got.dtype(), cupp::dtype::bool_);
    EXPECT_TRUE(cupp::test::ndimage_ref::all_close(got, npz[name + "__out"], 0, 0, name));
  }
}

/// SciPy's binary erosion of a 2-D host image, by its definition: a pixel under the mask becomes
/// the AND (dilation: the OR, by the reflected structure) of the pixels under the structure's true
/// elements, placed with its element shape // 2 + origin on the pixel, outside reading `border`;
/// `iterations` times.
std::vector<std::uint8_t> host_binary(std::vector<std::uint8_t> img, std::int64_t rows,
                                      std::int64_t cols, const host_structure& s,
                                      std::vector<int> origin, const std::vector<std::uint8_t>& mask,
                                      int border, int iterations, bool dilation) {
  const std::int64_t sr = s.shape[0], sc = s.shape[1];
  std::vector<std::pair<std::int64_t, std::int64_t>> offsets;
  for (std::int64_t i = 0; i < sr; ++i)
    for (std::int64_t j = 0; j < sc; ++j) {
      if (!s.values[static_cast<std::size_t>(i * sc + j)]) continue;
      const std::int64_t di = i - (sr / 2 + origin[0]), dj = j - (sc / 2 + origin[1]);
      // SciPy's dilation reads p - d of the structure's own offsets d (it erodes by the
      // reflected structure, its origin turned to match).
      offsets.emplace_back(dilation ? -di : di, dilation ? -dj : dj);
    }
  for (int it = 0; it < iterations; ++it) {
    std::vector<std::uint8_t> next = img;
    for (std::int64_t r = 0; r < rows; ++r)
      for (std::int64_t c = 0; c < cols; ++c) {
        const auto p = static_cast<std::size_t>(r * cols + c);
        if (!mask[p]) continue;
        bool acc = !dilation;
        for (const auto& [di, dj] : offsets) {
          const std::int64_t rr = r + di, cc = c + dj;
          const bool inside = rr >= 0 && rr < rows && cc >= 0 && cc < cols;
          const bool v = inside ? img[static_cast<std::size_t>(rr * cols + cc)] != 0 : border != 0;
          acc = dilation ? (acc || v) : (acc && v);
        }
        next[p] = acc;
      }
    img = std::move(next);
  }
  return img;
}

TEST_F(NdimageBinary, ManyTilesAgainstTheDefinition) {
  // 300 x 512 pixels: 4 x 10 tiles of the 2-D kernel, their edges crossed by every pass.
  const std::int64_t rows = 300, cols = 512;
  std::mt19937 gen(7);
  std::vector<std::uint8_t> img(static_cast<std::size_t>(rows * cols)), mask(img.size());
  for (auto& v : img) v = gen() % 100 < 85;
  for (auto& v : mask) v = gen() % 100 < 90;
  const auto image = cupp::asarray<std::uint8_t>(img).reshape({rows, cols}).astype<bool>();
  const auto device_mask = cupp::asarray<std::uint8_t>(mask).reshape({rows, cols});
  const host_structure s{{3, 5}, {0, 1, 1, 0, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1}};
  const auto structure = cupp::asarray<std::uint8_t>(s.values).reshape({3, 5});
  const std::vector<std::uint8_t> all(img.size(), 1);
  {
    SCOPED_TRACE("erosion");
    const auto got = ndi::binary_erosion(image, structure, 3, device_mask, 1, {0, 1});
    const auto want = host_binary(img, rows, cols, s, {0, 1}, mask, 1, 3, false);
    EXPECT_EQ(got.astype<std::uint8_t>().get(), want);
  }
  {
    SCOPED_TRACE("dilation");
    std::vector<std::uint8_t> sparse(img.size());
    for (auto& v : sparse) v = gen() % 100 < 3;
    const auto sparse_image = cupp::asarray<std::uint8_t>(sparse).reshape({rows, cols});
    const host_structure even{{4, 4}, {1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1}};
    const auto even_structure = cupp::asarray<std::uint8_t>(even.values).reshape({4, 4});
    const auto got = ndi::binary_dilation(sparse_image, even_structure, 4, std::nullopt, 0, {-1, 0});
    const auto want = host_binary(sparse, rows, cols, even, {-1, 0}, all, 0, 4, true);
    EXPECT_EQ(got.astype<std::uint8_t>().get(), want);
  }
}

TEST_F(NdimageBinary, InputsAreNotWritten) {
  // The passes until nothing changes work in place, on their own copy: the caller's image and
  // mask stay as they were.
  const cupp::npz_file npz = cupp::test::ndimage_ref::reference("binary");
  for (const std::string name : {"fill_holes_rings_40", "propagation_large"}) {
    SCOPED_TRACE(name);
    const cupp::ndarray<bool> in = cases::input(npz, name).astype<bool>();
    const std::vector<bool> before = in.get();
    const auto mask = cases::member(npz, name + "__mask");
    const std::vector<bool> mask_before =
        mask ? mask->astype<bool>().get() : std::vector<bool>();
    const cupp::ndarray<bool> got = name[0] == 'f' ? ndi::binary_fill_holes(in)
                                                   : ndi::binary_propagation(in, std::nullopt, mask);
    EXPECT_TRUE(cupp::test::ndimage_ref::all_close(got, npz[name + "__out"], 0, 0, name));
    EXPECT_EQ(in.get(), before);
    if (mask) {
      EXPECT_EQ(mask->astype<bool>().get(), mask_before);
    }
  }
}

TEST_F(NdimageBinary, StructuresOnTheDevice) {
  const cupp::ndarray<bool> s = ndi::generate_binary_structure(2, 1);
  EXPECT_EQ(s.shape(), (cupp::shape_t{3, 3}));
  EXPECT_EQ(s.get(), (std::vector<bool>{false, true, false, true, true, true, false, true, false}));
  const auto it = ndi::iterate_structure(s, 2);
  EXPECT_EQ(it.shape(), (cupp::shape_t{5, 5}));
  EXPECT_EQ(count(it), 13);
  const auto [scaled, origin] = ndi::iterate_structure(
      cupp::asarray<int>({{1, 0, 0}, {1, 1, 0}, {0, 1, 1}}), 2, ndi::per_axis<int>{1, -1});
  EXPECT_EQ(scaled.shape(), (cupp::shape_t{5, 5}));
  EXPECT_EQ(origin, (std::vector<int>{2, -2}));  // SciPy's (out, [2, -2])
  EXPECT_EQ(ndi::generate_binary_structure(0, 1).ndim(), 0);
}

TEST_F(NdimageBinary, Example) {
  // example-begin binary_morphology
  namespace ndi = cupp::scipy::ndimage;
  auto image = cupp::zeros<bool>({7, 7});
  image(cupp::slice(1, 6), cupp::slice(1, 6)) = true;  // a 5 x 5 square
  image(3, 3) = false;                                  // with a hole
  auto eroded = ndi::binary_erosion(image);  // the cross structure, once
  auto opened = ndi::binary_opening(image);
  auto filled = ndi::binary_fill_holes(image);  // the hole closed
  auto square = ndi::generate_binary_structure(2, 2);
  auto grown = ndi::binary_dilation(image, square, 2);  // iterations=2
  // example-end
  // SciPy's sums: 4 (the core's corners), 16, 25 and 49.
  EXPECT_EQ(count(eroded), 4);
  EXPECT_EQ(count(opened), 16);
  EXPECT_EQ(count(filled), 25);
  EXPECT_TRUE(filled.get()[3 * 7 + 3]);
  EXPECT_EQ(count(grown), 49);
}

}  // namespace
