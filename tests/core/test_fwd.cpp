// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp/fwd.hpp: on its own it lets a header name the public types; with their definitions, each
// declaration names the defined type (a declaration in the wrong namespace would name another,
// incomplete type, and sizeof below would not compile).
#include "cupp/fwd.hpp"

#include <cstdint>

// What a user's header can declare with cupp/fwd.hpp alone.
std::int64_t element_count(const cupp::ndarray<float>& a);
void use_stream(cupp::cuda::Stream* s);
cupp::random::Generator* no_generator();

#include <gtest/gtest.h>

#include "cupp/array.hpp"
#include "support/shaped.hpp"

std::int64_t element_count(const cupp::ndarray<float>& a) { return a.size(); }
void use_stream(cupp::cuda::Stream*) {}
cupp::random::Generator* no_generator() { return nullptr; }

namespace {

template <class... T>
constexpr bool all_complete() {
  return ((sizeof(T) > 0) && ...);
}

static_assert(all_complete<
              cupp::ndarray<float>, cupp::indexed<float>, cupp::array, cupp::kth_arg,
              cupp::MemoryPool, cupp::PinnedMemoryPool, cupp::RawKernel, cupp::RawModule,
              cupp::ElementwiseKernel<>,
              cupp::ReductionKernel<>, cupp::ElementwiseKernel<float, float, float>,
              cupp::ReductionKernel<float, float>, cupp::cuda::Device, cupp::cuda::Stream,
              cupp::cuda::StreamGuard, cupp::cuda::Event, cupp::random::Generator>());
static_assert(cupp::index_mode{} == cupp::index_mode::raise);

TEST(Fwd, DeclaresTheTypesTheDefinitionsDefine) {
  EXPECT_EQ(element_count(cupp::test::shaped<float>({2, 3})), 6);
  EXPECT_EQ(no_generator(), nullptr);
}

}  // namespace
