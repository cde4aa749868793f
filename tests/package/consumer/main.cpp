// SPDX-License-Identifier: MIT
// Built with plain g++ against an installed cupp. With a GPU it fills an array, runs a RawKernel on
// it and checks the result; without one it checks that the missing device is one cupp::cuda_error.
#include <cupp/array.hpp>

#include <iostream>

int main() {
  std::cout << "cupp " << CUPP_VERSION_STRING << "\n";
  if (cupp::cuda::Device::count() == 0) {
    try {
      auto a = cupp::zeros<float>({4});
      std::cerr << "expected a cuda_error without a GPU\n";
      return 1;
    } catch (const cupp::cuda_error& e) {
      std::cout << "no GPU: " << e.what() << "\n";
      return 0;
    }
  }
  cupp::RawKernel twice(R"(
extern "C" __global__ void twice(float* x, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] *= 2.0f;
})", "twice");
  auto a = cupp::full<float>({100}, 1.5f);
  twice({1}, {128}, a, 100);
  std::cout << a(cupp::slice(0, 3)) << "\n";
  return a.item({99}) == 3.0f ? 0 : 1;
}
