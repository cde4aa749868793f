// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The ufunc sweep over complex64 and complex128.
#include <complex>

#include <gtest/gtest.h>

#define CUPP_SWEEP_SUITE UfuncSweepComplex
#define CUPP_SWEEP_TYPES ::testing::Types<std::complex<float>, std::complex<double>>
#include "sweep.hpp"
