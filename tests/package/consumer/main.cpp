// SPDX-License-Identifier: MIT
// Built with plain g++ against an installed cupp. Without a GPU it checks that the missing device
// is reported as one cupp::cuda_error.
#include <cupp/array.hpp>

#include <iostream>

int main() {
  std::cout << "cupp " << CUPP_VERSION_STRING << "\n";
  if (cupp::cuda::Device::count() == 0) {
    try {
      cupp::cuda::Stream s;
      std::cerr << "expected a cuda_error without a GPU\n";
      return 1;
    } catch (const cupp::cuda_error& e) {
      std::cout << "no GPU: " << e.what() << "\n";
      return 0;
    }
  }
  cupp::cuda::Stream s;
  s.synchronize();
  return 0;
}
