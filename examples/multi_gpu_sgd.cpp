// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Data-parallel gradient descent on several GPUs: each rank owns a shard of a linear regression
// problem, computes its gradient with cupp, and the ranks average their gradients with
// all_reduce, so every rank takes the same step and keeps the same weights.
//
//   scripts/launch_distributed.sh 2 ./build/examples/example_multi_gpu_sgd
//
// Run alone (no RANK in the environment) it is one rank of one.
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <cupp/array.hpp>
#include <cupp/distributed.hpp>

namespace cd = cupp::distributed;

int main() {
  ::setenv("NCCL_NVLS_ENABLE", "0", 0);  // NVLink multicast off unless the user says otherwise
  cd::Communicator comm = std::getenv("RANK") != nullptr
                              ? cd::Communicator::from_env()
                              : cd::Communicator(1, cd::UniqueId::create(), 0);
  const std::int64_t shard = 4096, features = 32;
  const int steps = 200;
  const float rate = 0.1f;

  // The same true weights on every rank (same seed); each rank's own shard of samples.
  const cupp::ndarray<float> w_true =
      cupp::random::default_rng(7).standard_normal<float>({features, 1});
  auto gen = cupp::random::default_rng(100 + comm.rank());
  const cupp::ndarray<float> x = gen.standard_normal<float>({shard, features});
  const cupp::ndarray<float> y =
      cupp::matmul(x, w_true) + 0.01f * gen.standard_normal<float>({shard, 1});

  cupp::ndarray<float> w = cupp::zeros<float>({features, 1});
  cupp::ndarray<float> loss(cupp::shape_t{1});
  for (int s = 0; s < steps; ++s) {
    const cupp::ndarray<float> err = cupp::matmul(x, w) - y;
    // This shard's gradient of the mean squared error, then the mean over the ranks.
    cupp::ndarray<float> grad = cupp::matmul(x.T(), err) * (2.0f / static_cast<float>(shard));
    comm.all_reduce(grad, cd::ReduceOp::avg);
    w -= rate * grad;
    if (s == 0 || s == steps - 1) {
      loss = cupp::mean(err * err).reshape({1});
      comm.all_reduce(loss, cd::ReduceOp::avg);
      if (comm.rank() == 0)
        std::printf("step %3d: loss %.6f over %d ranks\n", s, loss.get()[0], comm.size());
    }
  }
  const double dist = std::sqrt(cupp::sum((w - w_true) * (w - w_true)).item());
  comm.barrier();
  if (comm.rank() == 0) std::printf("|w - w_true| = %.5f\n", dist);
  return dist < 0.05 ? 0 : 1;
}
