// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Every generated random kernel compiles with NVRTC for sm_90 (no GPU needed), and the table of
// kernels covers each sampler with the dtypes its API promises.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "cupp/array.hpp"
#include "cupp/jit/compiler.hpp"

namespace {

using cupp::dtype;
using cupp::random::detail::kind;

TEST(RandomKernels, EveryKernelCompilesForSm90) {
  const auto kernels = cupp::random::detail::all_kernels();
  // 12 real kinds x 2 + geometric + bits x 2 + integers x 9 + 6 real stream kinds x 2 + 5 int64
  // stream kinds + multinomial + dirichlet x 2.
  EXPECT_EQ(kernels.size(), 24u + 1 + 2 + 9 + 12 + 5 + 1 + 2);
  cupp::jit::compiler c("");
  for (const auto& [k, dt] : kernels) {
    SCOPED_TRACE(std::to_string(static_cast<int>(k)) + " " + cupp::dtype_name(dt));
    EXPECT_NO_THROW(c.compile(cupp::random::detail::kernel_source(k, dt), {}, {}, 90));
  }
}

TEST(RandomKernels, TheTableMatchesTheApi) {
  const auto kernels = cupp::random::detail::all_kernels();
  const std::set<std::pair<kind, dtype>> have(kernels.begin(), kernels.end());
  for (const kind k : {kind::random, kind::uniform, kind::normal, kind::lognormal, kind::gamma,
                       kind::beta, kind::vonmises, kind::triangular, kind::dirichlet}) {
    EXPECT_TRUE(have.count({k, dtype::float32}));
    EXPECT_TRUE(have.count({k, dtype::float64}));
    EXPECT_FALSE(have.count({k, dtype::int64}));
  }
  for (const dtype dt : {dtype::bool_, dtype::int8, dtype::uint8, dtype::int16, dtype::uint16,
                         dtype::int32, dtype::uint32, dtype::int64, dtype::uint64})
    EXPECT_TRUE(have.count({kind::integers, dt}));
  for (const kind k : {kind::binomial, kind::poisson, kind::geometric, kind::hypergeometric,
                       kind::negative_binomial, kind::multinomial, kind::choice})
    EXPECT_TRUE(have.count({k, dtype::int64}));
  EXPECT_THROW(cupp::random::detail::kernel_source(kind::binomial, dtype::float32),
               cupp::type_error);
}

}  // namespace
