// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Edges and regions of a photograph, as a cupyx.scipy.ndimage program reads: a Gaussian blur,
// the Sobel gradient's magnitude, a threshold at 30% of its largest value, and the connected
// regions of the edge mask labelled. The photograph is scikit-image's "coins" (Greek coins from
// Pompeii, Brooklyn Museum; no known copyright restrictions), stored as examples/data/coins.npy
// (303 x 384, uint8). Writes the labels to image_edges_labels.npy and prints the time of each
// step. It checks itself: each of the 24 coins is outlined by one region of at least 50 pixels,
// as SciPy's scipy.ndimage finds on the same steps.
//
//   example_image_edges [coins.npy [labels.npy]]
#include <cupp/array.hpp>
#include <cupp/scipy/ndimage.hpp>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace ndi = cupp::scipy::ndimage;

int main(int argc, char** argv) {
  const std::string input = argc > 1 ? argv[1] : CUPP_EXAMPLES_DATA_DIR "/coins.npy";
  const std::string output = argc > 2 ? argv[2] : "image_edges_labels.npy";

  cupp::cuda::Event t0, t1, t2, t3, t4;
  // Once untimed, so that the kernels' first use (compiling or loading them) is not counted.
  for (int pass = 0; pass < 2; ++pass) {
    // example-begin image_edges
    const cupp::ndarray<std::uint8_t> image = cupp::load(input).as<std::uint8_t>();
    t0.record();
    // scipy: blurred = ndi.gaussian_filter(image, 2.0, output=np.float32)
    const cupp::ndarray<float> blurred = ndi::gaussian_filter<float>(image, 2.0);
    t1.record();
    // scipy: magnitude = np.hypot(ndi.sobel(blurred, 0), ndi.sobel(blurred, 1))
    const cupp::ndarray<float> magnitude =
        cupp::hypot(ndi::sobel(blurred, 0), ndi::sobel(blurred, 1));
    t2.record();
    // scipy: edges = magnitude > 0.3 * magnitude.max()
    const float threshold = 0.3f * cupp::max(magnitude).item();
    const cupp::ndarray<bool> edges = magnitude > threshold;
    t3.record();
    // scipy: labels, n = ndi.label(edges)
    const auto [labels, n] = ndi::label(edges);
    t4.record();
    // example-end
    t4.synchronize();
    if (pass == 0) continue;

    cupp::save(output, labels);
    // Pixels per region (index 0 is the background), as np.bincount(labels.ravel()).
    const std::vector<std::int64_t> sizes = cupp::bincount(labels.ravel()).get();
    std::int64_t large = 0, labelled = 0;
    for (std::size_t k = 1; k < sizes.size(); ++k) {
      labelled += sizes[k];
      if (sizes[k] >= 50) ++large;
    }
    const std::int64_t edge_pixels = cupp::count_nonzero(edges).item();
    std::printf("image %lld x %lld, threshold %.2f, %lld edge pixels\n",
                static_cast<long long>(image.shape()[0]), static_cast<long long>(image.shape()[1]),
                threshold, static_cast<long long>(edge_pixels));
    std::printf("gaussian_filter %.3f ms, sobel magnitude %.3f ms, threshold %.3f ms, label %.3f ms\n",
                cupp::cuda::elapsed_ms(t0, t1), cupp::cuda::elapsed_ms(t1, t2),
                cupp::cuda::elapsed_ms(t2, t3), cupp::cuda::elapsed_ms(t3, t4));
    std::printf("%lld regions, %lld of them of at least 50 pixels; labels written to %s\n",
                static_cast<long long>(n), static_cast<long long>(large), output.c_str());
    const bool ok = large == 24 && labelled == edge_pixels &&
                    static_cast<std::int64_t>(sizes.size()) == n + 1;
    std::printf("%s\n", ok ? "ok: 24 coins outlined" : "MISMATCH: expected 24 coins");
    return ok ? 0 : 1;
  }
  return 1;
}
