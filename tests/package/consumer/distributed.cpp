// SPDX-License-Identifier: MIT
// Builds against the installed cupp::distributed component (no GPU needed to run it).
#include <cupp/distributed.hpp>

#include <cstdio>

int main() {
  cupp::distributed::UniqueId id;
  id.bytes()[0] = 42;
  const bool ok = cupp::distributed::UniqueId::from_string(id.to_string()) == id &&
                  cupp::distributed::wire_type(cupp::dtype::complex64,
                                               cupp::distributed::ReduceOp::sum).count_factor == 2;
  std::puts(ok ? "distributed ok" : "distributed FAILED");
  return ok ? 0 : 1;
}
