// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The ufunc sweep over float16, bfloat16, float32 and float64.
#include <gtest/gtest.h>

#define CUPP_SWEEP_SUITE UfuncSweepFloats
#define CUPP_SWEEP_TYPES ::testing::Types<cupp::float16, cupp::bfloat16, float, double>
#include "sweep.hpp"
