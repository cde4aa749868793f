// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The grey morphology of cupp::scipy::ndimage: SciPy's argument errors (on descriptions, no GPU)
// and the device results against SciPy's own (tests/ndimage/make_rank.py ->
// tests/data/ndimage/rank.npz): flat windows by size and footprint, non-flat structures, even
// lengths and origins (where dilation reflects the window), axes, bool and empty inputs.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/throws.hpp"
#include "cupp/scipy/ndimage.hpp"
#include "ndimage/ndimage_reference.hpp"
#include "ndimage/rank_cases.hpp"
#include "support/described.hpp"
#include "support/gpu.hpp"

namespace {

namespace ndi = cupp::scipy::ndimage;
using cupp::dtype;
using cupp::detail::array_desc;
using cupp::test::throws_exactly;

/// A description with no memory (tests/support/described.hpp) of dtype `dt`.
array_desc described(const cupp::shape_t& shape, dtype dt = dtype::float32) {
  return cupp::test::described(shape, dt);
}

TEST(NdimageGreyMorphology, ErrorsAsSciPy) {
  const array_desc a = described({4, 5});
  for (const ndi::detail::grey_op op :
       {ndi::detail::grey_op::erosion, ndi::detail::grey_op::dilation,
        ndi::detail::grey_op::opening, ndi::detail::grey_op::closing,
        ndi::detail::grey_op::gradient, ndi::detail::grey_op::laplace,
        ndi::detail::grey_op::white_tophat, ndi::detail::grey_op::black_tophat}) {
    EXPECT_TRUE(throws_exactly<cupp::value_error>(
        [&] {
          ndi::detail::grey_morphology(op, a, a.dt, {}, nullptr, nullptr, "reflect", 0.0, 0, {});
        },
        "size, footprint, or structure must be specified"));
  }
  EXPECT_TRUE(throws_exactly<cupp::type_error>(
      [&] {
        const array_desc c = described({4}, dtype::complex64);
        ndi::detail::grey_morphology(ndi::detail::grey_op::erosion, c, c.dt, 3, nullptr, nullptr,
                                     "reflect", 0.0, 0, {});
      },
      "Complex type not supported"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] {
        ndi::detail::grey_morphology(ndi::detail::grey_op::dilation, a, a.dt, 3, nullptr, nullptr,
                                     "reflect", 0.0, {1, 2}, {});
      },
      "invalid origin"));
  EXPECT_TRUE(throws_exactly<cupp::value_error>(
      [&] {
        ndi::detail::grey_morphology(ndi::detail::grey_op::erosion, a, a.dt, {3, 3, 3}, nullptr,
                                     nullptr, "reflect", 0.0, 0, {});
      },
      "sequence argument must have length equal to input rank"));
}

class NdimageGreyMorphologyGpu : public cupp::test::GpuTest {};

TEST_F(NdimageGreyMorphologyGpu, AgreesWithSciPy) {
  const cupp::npz_file npz = cupp::test::ndimage_ref::reference("rank");
  int checked = 0;
  for (const auto& c : cupp::test::ndimage_rank::cases(npz)) {
    if (c.function.rfind("grey_", 0) != 0 && c.function.rfind("morphological_", 0) != 0 &&
        c.function.find("tophat") == std::string::npos)
      continue;
    SCOPED_TRACE(c.name);
    const cupp::array got = cupp::test::ndimage_rank::run(c, npz);
    EXPECT_TRUE(cupp::test::ndimage_ref::all_close(got, npz[c.name + "__out"], 1e-6, 1e-9, c.name));
    ++checked;
  }
  EXPECT_EQ(checked, 72);  // every grey-morphology case of the archive
}

TEST_F(NdimageGreyMorphologyGpu, DocumentedExamples) {
  // example-begin ndimage_grey_morphology
  namespace ndi = cupp::scipy::ndimage;
  // SciPy's grey_erosion example: a 7 x 7 image, a 3 x 3 window.
  cupp::ndarray<int> a = cupp::zeros<int>({7, 7});
  a(cupp::slice(1, 6), cupp::slice(1, 6)) = 3;
  a(4, 4) = 2;
  a(2, 3) = 1;
  const auto eroded = ndi::grey_erosion(a, {3, 3});
  // A non-flat structuring element: subtracted before the minimum, added before the maximum.
  const auto structure = cupp::asarray<double>({{0, 1, 0}, {1, 1, 1}, {0, 1, 0}});
  const auto dilated = ndi::grey_dilation<double>(a, {}, std::nullopt, structure);
  const auto edges = ndi::morphological_gradient(a, 3);
  const auto peaks = ndi::white_tophat(a, 3, std::nullopt, std::nullopt, "constant");
  // example-end
  // SciPy's documented result: the 3 x 3 core of threes shrinks to the window minima.
  const std::vector<int> e = eroded.get();
  const std::vector<int> want = {0, 0, 0, 0, 0, 0, 0,  //
                                 0, 0, 0, 0, 0, 0, 0,  //
                                 0, 0, 1, 1, 1, 0, 0,  //
                                 0, 0, 1, 1, 1, 0, 0,  //
                                 0, 0, 3, 2, 2, 0, 0,  //
                                 0, 0, 0, 0, 0, 0, 0,  //
                                 0, 0, 0, 0, 0, 0, 0};
  EXPECT_EQ(e, want);
  const std::vector<double> dl = dilated.get();
  EXPECT_EQ(dl[0], 3.0);          // a[1, 1] plus the structure's corner, 0
  EXPECT_EQ(dl[3 * 7 + 3], 4.0);  // 3 + 1 around the centre
  const std::vector<int> g = edges.get();
  EXPECT_EQ(g[3 * 7 + 3], 2);  // max 3 - min 1 in the window about (3, 3)
  EXPECT_EQ(peaks.get()[0], 0);
}

}  // namespace
