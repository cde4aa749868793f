// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The ufunc sweep over bool and the integer dtypes.
#include <cstdint>

#include <gtest/gtest.h>

#define CUPP_SWEEP_SUITE UfuncSweepIntegers
#define CUPP_SWEEP_TYPES                                                                  \
  ::testing::Types<bool, std::int8_t, std::int16_t, std::int32_t, std::int64_t, std::uint8_t, \
                   std::uint16_t, std::uint32_t, std::uint64_t>
#include "sweep.hpp"
