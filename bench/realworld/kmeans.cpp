// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// k-means, as CuPy's examples/kmeans/kmeans.py fits it without its custom kernels: the distance of
// every point to every centre through linalg.norm of a broadcast difference, the nearest centre by
// argmin, then each centre the mean of its points; stops when no label changes.
//
// Inputs: X (float32, n x 2), initial_indexes (int32, n_clusters). Outputs: centers, pred.
#include <cstdint>
#include <vector>

#include "realworld.hpp"

namespace {

using cupp::ndarray;
using cupp::newaxis;
using cupp::slice;

struct fitted {
  ndarray<float> centers;
  ndarray<std::int32_t> pred;
};

fitted fit(const ndarray<float>& X, const ndarray<std::int32_t>& initial_indexes, int max_iter) {
  const std::int64_t n_clusters = initial_indexes.size();
  ndarray<std::int32_t> pred = cupp::zeros<std::int32_t>({X.shape(0)});
  ndarray<float> centers = X[initial_indexes];

  for (int iter = 0; iter < max_iter; ++iter) {
    const ndarray<float> diff = X(slice(), newaxis, slice()) - centers(newaxis, slice(), slice());
    const ndarray<float> distances = cupp::linalg::norm(diff, {}, 2);
    const ndarray<std::int32_t> new_pred = cupp::argmin(distances, 1).astype<std::int32_t>();
    if (cupp::all(new_pred == pred).item()) break;
    pred = new_pred;

    std::vector<ndarray<float>> means;
    for (std::int32_t i = 0; i < n_clusters; ++i) {
      const ndarray<float> members = X[pred == i];
      means.push_back(cupp::mean(members, 0));
    }
    centers = cupp::stack(means);
  }
  return {centers, pred};
}

void run_kmeans(const realworld::options& opt) {
  const auto X = realworld::read_array<float>(opt, "kmeans_X");
  const auto initial_indexes = realworld::read_array<std::int32_t>(opt, "kmeans_initial_indexes");
  fitted result;
  realworld::time_program(opt, "kmeans", [&] { result = fit(X, initial_indexes, 10); });
  realworld::write_array(opt, "kmeans.cupp.centers", result.centers);
  realworld::write_array(opt, "kmeans.cupp.pred", result.pred);
}

const bool registered = realworld::add("kmeans", run_kmeans);

}  // namespace
