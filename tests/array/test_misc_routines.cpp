// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// shares_memory, may_share_memory and byte_bounds on views of one description (no GPU: only
// addresses are compared), show_config, and binary_repr/base_repr against NumPy's strings.
#include <gtest/gtest.h>

#include <cstdint>
#include <sstream>
#include <string>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/routines/misc.hpp"
#include "cupp/routines/stride_tricks.hpp"
#include "support/described.hpp"

namespace {

using cupp::shape_t;
using cupp::slice;
using cupp::test::described;

TEST(MiscRoutines, ByteBounds) {
  const cupp::ndarray<float> a(described({3, 4}));
  const auto base = reinterpret_cast<std::uintptr_t>(a.data());
  EXPECT_EQ(cupp::byte_bounds(a), std::make_pair(base, base + 48));
  // NumPy: byte_bounds(a.T) == byte_bounds(a); a[:, ::-2] runs from column 1 to column 3.
  EXPECT_EQ(cupp::byte_bounds(a.T()), std::make_pair(base, base + 48));
  const auto r = a(slice(), slice(std::nullopt, std::nullopt, -2));
  EXPECT_EQ(cupp::byte_bounds(r), std::make_pair(base + 4, base + 48));
  const auto empty = cupp::byte_bounds(a(slice(1, 1)));  // an empty view reaches no byte
  EXPECT_EQ(empty.first, empty.second);
}

TEST(MiscRoutines, SharesMemory) {
  const cupp::ndarray<float> a(described({4, 6}));
  const auto even = a(slice(), slice(0, std::nullopt, 2));
  const auto odd = a(slice(), slice(1, std::nullopt, 2));
  // Interleaved columns: the bounds overlap, no element does.
  EXPECT_TRUE(cupp::may_share_memory(even, odd));
  EXPECT_FALSE(cupp::shares_memory(even, odd));
  EXPECT_TRUE(cupp::shares_memory(a, odd));
  EXPECT_TRUE(cupp::shares_memory(a(3, 5), a.T()));
  EXPECT_FALSE(cupp::shares_memory(a(0), a(1)));
  EXPECT_FALSE(cupp::may_share_memory(a(0), a(1)));
  EXPECT_FALSE(cupp::shares_memory(a(slice(0, 0)), a));
  const auto win = cupp::lib::stride_tricks::sliding_window_view(a(0), 3, 0);
  EXPECT_TRUE(cupp::shares_memory(win, a(0, 5)));
  EXPECT_FALSE(cupp::shares_memory(win, a(1)));
}

TEST(MiscRoutines, BinaryAndBaseRepr) {
  // NumPy 2.4's strings.
  EXPECT_EQ(cupp::binary_repr(3), "11");
  EXPECT_EQ(cupp::binary_repr(-3), "-11");
  EXPECT_EQ(cupp::binary_repr(-3, 4), "1101");
  EXPECT_EQ(cupp::binary_repr(-4), "-100");
  EXPECT_EQ(cupp::binary_repr(-4, 3), "100");
  EXPECT_EQ(cupp::binary_repr(-8, 5), "11000");
  EXPECT_EQ(cupp::binary_repr(0), "0");
  EXPECT_EQ(cupp::binary_repr(0, 4), "0000");
  EXPECT_EQ(cupp::binary_repr(5, 6), "000101");
  EXPECT_EQ(cupp::binary_repr(-1, 1), "1");
  EXPECT_EQ(cupp::binary_repr(-128, 8), "10000000");
  EXPECT_EQ(cupp::binary_repr(INT64_MIN), "-1" + std::string(63, '0'));
  CUPP_EXPECT_THROW_MSG(cupp::binary_repr(5, 2), cupp::value_error,
                        "Insufficient bit width=2 provided for binwidth=3");
  CUPP_EXPECT_THROW_MSG(cupp::binary_repr(-5, 2), cupp::value_error,
                        "Insufficient bit width=2 provided for binwidth=4");
  EXPECT_EQ(cupp::base_repr(5), "101");
  EXPECT_EQ(cupp::base_repr(-255, 16), "-FF");
  EXPECT_EQ(cupp::base_repr(35, 36, 2), "00Z");
  EXPECT_EQ(cupp::base_repr(0, 3), "0");
  EXPECT_EQ(cupp::base_repr(0, 3, 2), "00");
  EXPECT_EQ(cupp::base_repr(-7, 2, 3), "-000111");
  CUPP_EXPECT_THROW_MSG(cupp::base_repr(1, 37), cupp::value_error,
                        "Bases greater than 36 not handled in base_repr.");
  CUPP_EXPECT_THROW_MSG(cupp::base_repr(1, 1), cupp::value_error,
                        "Bases less than 2 not handled in base_repr.");
}

TEST(MiscRoutines, ShowConfigNamesTheLibraries) {
  std::ostringstream os;
  cupp::show_config(os);
  const std::string s = os.str();
  for (const char* name :
       {"cupp ", "CUDA runtime: ", "NVRTC: ", "cuBLAS: ", "cuSOLVER: ", "cuFFT: ", "Devices"})
    EXPECT_NE(s.find(name), std::string::npos) << name << " missing from\n" << s;
}

}  // namespace
