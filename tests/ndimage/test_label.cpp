// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::ndimage::label: on the host, SciPy's errors before any device work, the
// neighbours the merge pass joins, and the kernels compiled for sm_90; on the device, the label
// cases of tests/data/ndimage/binary.npz (SciPy's own labels and counts) and large images against
// a host flood fill that numbers the regions in C order of their first pixel, as SciPy does.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <queue>
#include <random>
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

TEST(NdimageLabelErrors, AsSciPy) {
  const auto image = described({4, 5}, cupp::dtype::float32);
  EXPECT_TRUE(throws_exactly<cupp::type_error>(
      [] { ndi::detail::label(described({4, 5}, cupp::dtype::complex128), std::nullopt); },
      "Complex type not supported"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { ndi::detail::label(image, host_structure{{3}, {1, 1, 1}}); },
      "structure and input must have equal rank"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { ndi::detail::label(image, host_structure{{3, 2}, {1, 1, 1, 1, 1, 1}}); },
      "structure dimensions must be equal to 3"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] { ndi::detail::label(image, host_structure{{3, 3}, {1, 0, 0, 0, 1, 0, 0, 0, 0}}); },
      "Structuring element is not symmetric"));
}

TEST(NdimageLabelStructure, NeighboursBeforeTheCentre) {
  // The cross joins the pixel above and the one to the left; the square also the two above
  // corners; a 1-D structure [1, 1, 1] the element before.
  EXPECT_EQ(ndi::detail::label_neighbours(ndi::detail::binary_structure(2, 1)),
            (std::vector<std::vector<std::int64_t>>{{-1, 0}, {0, -1}}));
  EXPECT_EQ(ndi::detail::label_neighbours(ndi::detail::binary_structure(2, 2)),
            (std::vector<std::vector<std::int64_t>>{{-1, -1}, {-1, 0}, {-1, 1}, {0, -1}}));
  EXPECT_EQ(ndi::detail::label_neighbours(host_structure{{3}, {1, 1, 1}}),
            (std::vector<std::vector<std::int64_t>>{{-1}}));
  EXPECT_EQ(ndi::detail::label_neighbours(ndi::detail::binary_structure(3, 3)).size(), 13u);
  EXPECT_TRUE(ndi::detail::label_neighbours(host_structure{{3, 3}, std::vector<std::uint8_t>(9, 0)})
                  .empty());
}

TEST(NdimageLabelKernels, CompileForSm90) {
  cupp::jit::compiler c("");
  const std::string source = ndi::detail::label_kernel_source();
  EXPECT_NE(source.find("#include <cupp/ndimage_label.cuh>"), std::string::npos);
  std::shared_ptr<const cupp::jit::compiled_module> m;
  ASSERT_NO_THROW(m = c.compile(source, {}, {}, 90));
  ASSERT_TRUE(m);
  for (const char* name :
       {"cupp_ndi_label_init", "cupp_ndi_label_merge_1d", "cupp_ndi_label_merge_2d",
        "cupp_ndi_label_merge_3d", "cupp_ndi_label_merge_nd", "cupp_ndi_label_compress",
        "cupp_ndi_label_scan", "cupp_ndi_label_number", "cupp_ndi_label_finish"})
    EXPECT_NE(m->image.find(name), std::string::npos) << name;
}

// ---- on the device ------------------------------------------------------------------------------

class NdimageLabel : public cupp::test::GpuTest {};

TEST_F(NdimageLabel, MatchesSciPy) {
  const cupp::npz_file npz = cupp::test::ndimage_ref::reference("binary");
  const auto names = cases::names(npz, 7, 7);
  EXPECT_GT(names.size(), 25u);
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    const cupp::array in = cases::input(npz, name);
    const auto s = cases::member(npz, name + "__structure");
    const auto [labels, n] = in.visit([&](const auto& x) { return ndi::label(x, s); });
    EXPECT_EQ(labels.dtype(), cupp::dtype::int32);
    EXPECT_EQ(n, npz[name + "__n"].get<std::int64_t>()[0]);
    EXPECT_TRUE(cupp::test::ndimage_ref::all_close(labels, npz[name + "__out"], 0, 0, name));
  }
}

/// SciPy's labels of a 2-D image by a host flood fill: regions numbered in C order of their
/// first pixel, joined through the 4 (or 8) neighbours.
std::pair<std::vector<std::int32_t>, std::int64_t> host_label(const std::vector<std::uint8_t>& img,
                                                              std::int64_t rows, std::int64_t cols,
                                                              bool eight) {
  std::vector<std::int32_t> lab(img.size(), 0);
  std::int32_t next = 0;
  for (std::int64_t start = 0; start < rows * cols; ++start) {
    if (!img[static_cast<std::size_t>(start)] || lab[static_cast<std::size_t>(start)]) continue;
    lab[static_cast<std::size_t>(start)] = ++next;
    std::queue<std::int64_t> q;
    q.push(start);
    while (!q.empty()) {
      const std::int64_t p = q.front();
      q.pop();
      const std::int64_t r = p / cols, c = p % cols;
      for (int dr = -1; dr <= 1; ++dr)
        for (int dc = -1; dc <= 1; ++dc) {
          if ((dr == 0 && dc == 0) || (!eight && dr != 0 && dc != 0)) continue;
          const std::int64_t rr = r + dr, cc = c + dc;
          if (rr < 0 || rr >= rows || cc < 0 || cc >= cols) continue;
          const auto j = static_cast<std::size_t>(rr * cols + cc);
          if (img[j] && !lab[j]) {
            lab[j] = next;
            q.push(static_cast<std::int64_t>(j));
          }
        }
    }
  }
  return {lab, next};
}

TEST_F(NdimageLabel, LargeImagesAgainstAFloodFill) {
  // 1200 x 1000 pixels: more than 1024 chunks of the numbering pass, so its scan takes several
  // rounds; random at 50% (many small regions) and a spiral (one region whose union-find paths
  // are long), with both connectivities.
  const std::int64_t rows = 1200, cols = 1000;
  std::mt19937 gen(18);
  std::vector<std::uint8_t> noise(static_cast<std::size_t>(rows * cols)), spiral(noise.size(), 0);
  for (auto& v : noise) v = gen() % 2;
  {
    std::int64_t top = 0, left = 0, bottom = rows - 1, right = cols - 1;
    while (top <= bottom && left <= right) {  // a one-pixel wall every other ring
      for (std::int64_t c = left; c <= right; ++c) spiral[top * cols + c] = 1;
      for (std::int64_t r = top; r <= bottom; ++r) spiral[r * cols + right] = 1;
      for (std::int64_t c = left; c <= right; ++c) spiral[bottom * cols + c] = 1;
      for (std::int64_t r = top + 2; r <= bottom; ++r) spiral[r * cols + left] = 1;
      top += 2;
      left += 2;
      bottom -= 2;
      right -= 2;
      if (left - 1 >= 0 && top <= bottom) spiral[top * cols + left - 1] = 1;
    }
  }
  for (const auto* img : {&noise, &spiral}) {
    const auto device = cupp::asarray<std::uint8_t>(*img).reshape({rows, cols});
    for (const bool eight : {false, true}) {
      SCOPED_TRACE(std::string(img == &noise ? "noise" : "spiral") + (eight ? " 8" : " 4"));
      const auto [want, want_n] = host_label(*img, rows, cols, eight);
      std::optional<cupp::array> s;
      if (eight) s = ndi::generate_binary_structure(2, 2);
      const auto [labels, n] = ndi::label(device, s);
      EXPECT_EQ(n, want_n);
      EXPECT_EQ(labels.get(), want);
    }
  }
}

TEST_F(NdimageLabel, OutputDtypeAsSciPy) {
  // label(x, output=np.int16), output=np.float32; np.uint8 for 350 features is SciPy's
  // RuntimeError "insufficient bit-depth in requested output type".
  auto alternate = cupp::zeros<bool>({1, 700});
  alternate(0, cupp::slice(std::nullopt, std::nullopt, 2)) = true;
  const auto [i16, n16] = ndi::label<std::int16_t>(alternate);
  EXPECT_EQ(i16.dtype(), cupp::dtype::int16);
  EXPECT_EQ(n16, 350);
  const std::vector<std::int16_t> got = i16.get();
  EXPECT_EQ(got[0], 1);
  EXPECT_EQ(got[1], 0);
  EXPECT_EQ(got[698], 350);
  const auto [f32, nf] = ndi::label<float>(alternate(cupp::slice(), cupp::slice(0, 20)));
  EXPECT_EQ(nf, 10);
  EXPECT_EQ(f32.get()[18], 10.0f);
  EXPECT_TRUE(throws_exactly<cupp::value_error>([&] { ndi::label<std::uint8_t>(alternate); },
                                                "insufficient bit-depth in requested output type"));
  const auto [u8, n8] = ndi::label<std::uint8_t>(alternate(cupp::slice(), cupp::slice(0, 510)));
  EXPECT_EQ(n8, 255);
  EXPECT_EQ(u8.get()[508], 255);
}

TEST_F(NdimageLabel, ExpressionsAsInputs) {
  // An elementwise expression is evaluated first, as numpy evaluates `image > 2` before the call.
  const auto image = cupp::asarray<float>({{3, 3, 0, 0, 1}, {0, 5, 0, 4, 4}, {2, 0, 0, 0, 0}});
  const auto [labels, n] = ndi::label(image > 2.0f);
  EXPECT_EQ(n, 2);
  EXPECT_EQ(labels.get(),
            (std::vector<std::int32_t>{1, 1, 0, 0, 0, 0, 1, 0, 2, 2, 0, 0, 0, 0, 0}));
  const auto filled = ndi::binary_fill_holes(image == 0.0f);
  EXPECT_EQ(filled.get(), (std::vector<bool>{false, false, true, true, false, true, false, true,
                                             false, false, false, true, true, true, true}));
}

TEST_F(NdimageLabel, Example) {
  // example-begin label
  namespace ndi = cupp::scipy::ndimage;
  auto image = cupp::asarray<int>({{1, 1, 0, 0, 1},
                                   {0, 1, 0, 1, 1},
                                   {1, 0, 0, 0, 0},
                                   {1, 0, 1, 1, 0}});
  auto [labels, n] = ndi::label(image);  // 4-connected: n == 4
  // labels: {{1, 1, 0, 0, 2}, {0, 1, 0, 2, 2}, {3, 0, 0, 0, 0}, {3, 0, 4, 4, 0}}
  auto [labels8, n8] = ndi::label(image, ndi::generate_binary_structure(2, 2));  // n8 == 3
  // example-end
  EXPECT_EQ(n, 4);
  EXPECT_EQ(labels.get(), (std::vector<std::int32_t>{1, 1, 0, 0, 2, 0, 1, 0, 2, 2,
                                                     3, 0, 0, 0, 0, 3, 0, 4, 4, 0}));
  EXPECT_EQ(n8, 3);
  EXPECT_EQ(labels8.get(), (std::vector<std::int32_t>{1, 1, 0, 0, 2, 0, 1, 0, 2, 2,
                                                      1, 0, 0, 0, 0, 1, 0, 3, 3, 0}));
}

}  // namespace
