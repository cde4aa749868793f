// SPDX-License-Identifier: MIT
// Built with plain g++ against an installed cupp, with a kernel bundle embedded by
// cupp_add_kernel_bundle and cupp's prebuilt common kernels linked. Checks that the bundle serves
// its kernel, and that libzip (for .npz archives) is linked; then, with a GPU, fills an array,
// runs a RawKernel on it and checks the result; without one, checks that the missing device is
// one cupp::cuda_error.
#include <cupp/array.hpp>
#include <cupp/jit/compiler.hpp>

#include <iostream>

// The kernel of twice.record, which cupp_add_kernel_bundle builds into this program.
const char* const kTwice = R"(
extern "C" __global__ void twice(float* x, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] *= 2.0f;
})";

int main() {
  std::cout << "cupp " << CUPP_VERSION_STRING << "\n";
  {
    // The embedded bundle answers, without a GPU: nothing is compiled.
    cupp::jit::compiler memory_only("");
    (void)memory_only.compile(kTwice, {}, {}, 90);
    std::cout << "bundle hits: " << memory_only.stats().bundle_hits << "\n";
    if (memory_only.stats().bundle_hits != 1 || memory_only.stats().compiles != 0) return 1;
  }
  try {
    // .npz goes through libzip, which the package config finds for the consumer's link.
    (void)cupp::load_npz("no-such-archive.npz");
    return 1;
  } catch (const cupp::value_error& e) {
    std::cout << "npz: " << e.what() << "\n";
  }
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
  cupp::RawKernel twice(kTwice, "twice");
  auto a = cupp::full<float>({100}, 1.5f);
  twice({1}, {128}, a, 100);
  std::cout << a(cupp::slice(0, 3)) << "\n";
  return a.item({99}) == 3.0f ? 0 : 1;
}
