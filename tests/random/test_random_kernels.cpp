// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Every generated random kernel compiles with NVRTC for sm_90 (no GPU needed), and the table of
// kernels covers each sampler with the dtypes its API promises.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
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
  // 14 real packed kinds x 2 + geometric + bits x 3 + integers x 9 + 9 real stream kinds x 2 +
  // 7 int64 stream kinds + multinomial + dirichlet x 2.
  EXPECT_EQ(kernels.size(), 28u + 1 + 3 + 9 + 18 + 7 + 1 + 2);
  cupp::jit::compiler c("");
  for (const auto& [k, dt] : kernels) {
    const std::string name = cupp::random::detail::kernel_name(k, dt);
    SCOPED_TRACE(name);
    std::shared_ptr<const cupp::jit::compiled_module> m;
    EXPECT_NO_THROW(m = c.compile(cupp::random::detail::kernel_source(k, dt), {}, {}, 90));
    // The cubin defines the kernel under its own name.
    if (m) {
      EXPECT_NE(m->image.find(name), std::string::npos);
    }
  }
}

// Every kernel is named after its distribution and dtype, so that a profile tells them apart.
TEST(RandomKernels, NamesSayDistributionAndDtype) {
  using cupp::random::detail::kernel_name;
  EXPECT_EQ(kernel_name(kind::normal, dtype::float64), "cupp_rng_normal_float64");
  EXPECT_EQ(kernel_name(kind::random, dtype::float32), "cupp_rng_random_float32");
  EXPECT_EQ(kernel_name(kind::integers, dtype::uint8), "cupp_rng_integers_uint8");
  EXPECT_EQ(kernel_name(kind::bits, dtype::uint64), "cupp_rng_bits_uint64");
  EXPECT_EQ(kernel_name(kind::bits, dtype::uint32), "cupp_rng_bits_uint32");
  EXPECT_EQ(kernel_name(kind::noncentral_chisquare, dtype::float32),
            "cupp_rng_noncentral_chisquare_float32");
  EXPECT_EQ(kernel_name(kind::zipf, dtype::int64), "cupp_rng_zipf_int64");
  EXPECT_EQ(kernel_name(kind::f, dtype::float32), "cupp_rng_f_float32");
  EXPECT_EQ(kernel_name(kind::dirichlet, dtype::float64), "cupp_rng_dirichlet_float64");
  EXPECT_EQ(kernel_name(kind::multinomial, dtype::int64), "cupp_rng_multinomial_int64");
  const auto kernels = cupp::random::detail::all_kernels();
  std::set<std::string> names;
  for (const auto& [k, dt] : kernels) {
    const std::string name = kernel_name(k, dt);
    names.insert(name);
    // The source is a preamble choosing the variant, then the embedded header.
    const std::string source = cupp::random::detail::kernel_source(k, dt);
    EXPECT_EQ(source.rfind("#define CUPP_RNG_NAME " + name + "\n", 0), 0u) << source;
    EXPECT_NE(source.find("#include <cupp/random.cuh>\n"), std::string::npos) << source;
  }
  EXPECT_EQ(names.size(), kernels.size());
}

TEST(RandomKernels, TheTableMatchesTheApi) {
  const auto kernels = cupp::random::detail::all_kernels();
  const std::set<std::pair<kind, dtype>> have(kernels.begin(), kernels.end());
  for (const kind k : {kind::random, kind::uniform, kind::normal, kind::lognormal, kind::gamma,
                       kind::beta, kind::vonmises, kind::triangular, kind::dirichlet,
                       kind::standard_cauchy, kind::power, kind::wald, kind::noncentral_chisquare,
                       kind::noncentral_f}) {
    EXPECT_TRUE(have.count({k, dtype::float32}));
    EXPECT_TRUE(have.count({k, dtype::float64}));
    EXPECT_FALSE(have.count({k, dtype::int64}));
  }
  for (const dtype dt : {dtype::bool_, dtype::int8, dtype::uint8, dtype::int16, dtype::uint16,
                         dtype::int32, dtype::uint32, dtype::int64, dtype::uint64})
    EXPECT_TRUE(have.count({kind::integers, dt}));
  for (const kind k : {kind::binomial, kind::poisson, kind::geometric, kind::hypergeometric,
                       kind::negative_binomial, kind::multinomial, kind::choice, kind::zipf,
                       kind::logseries}) {
    EXPECT_TRUE(have.count({k, dtype::int64}));
    EXPECT_FALSE(have.count({k, dtype::float64}));
  }
  // Raw words: 32-bit for random_raw and bytes, 64-bit for the keys of permutations.
  for (const dtype dt : {dtype::uint32, dtype::uint64, dtype::int64})
    EXPECT_TRUE(have.count({kind::bits, dt}));
  EXPECT_THROW(cupp::random::detail::kernel_source(kind::binomial, dtype::float32),
               cupp::type_error);
}

}  // namespace
