// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// What the comparisons with SciPy's stored results share (tests/ndimage, tests/scipy_fft,
// tests/signal): the message for a result of the wrong shape.
#pragma once

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "cupp/core/shape.hpp"

namespace cupp::test {

/// Failure "<what>: shape (2,3,) instead of (3,2,)" when the shapes differ, else success.
inline ::testing::AssertionResult same_shape(const shape_t& got, const shape_t& want,
                                             const std::string& what) {
  if (got == want) return ::testing::AssertionSuccess();
  std::ostringstream os;
  os << what << ": shape (";
  for (auto d : got) os << d << ",";
  os << ") instead of (";
  for (auto d : want) os << d << ",";
  os << ")";
  return ::testing::AssertionFailure() << os.str();
}

}  // namespace cupp::test
