// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Checks that a statement throws exactly one cupp error type (not a subclass) with NumPy's
// message, word for word; message_of gives the message alone.
#pragma once

#include <gtest/gtest.h>

#include <exception>
#include <string>
#include <typeinfo>

#include "cupp/core/error.hpp"

namespace cupp::test {

template <class Error, class Fn>
::testing::AssertionResult throws_exactly(Fn&& fn, const std::string& message) {
  try {
    fn();
  } catch (const cupp::error& e) {
    if (typeid(e) != typeid(Error)) {
      return ::testing::AssertionFailure() << "threw " << typeid(e).name() << " instead of "
                                           << typeid(Error).name() << ": " << e.what();
    }
    if (e.what() != message) {
      return ::testing::AssertionFailure()
             << "message\n  \"" << e.what() << "\"\nexpected\n  \"" << message << "\"";
    }
    return ::testing::AssertionSuccess();
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "threw a non-cupp exception: " << e.what();
  }
  return ::testing::AssertionFailure() << "threw nothing";
}

/// What `fn` throws, as its message ("(no exception)" when it throws nothing): for checking the
/// words alone, whatever the exception's type.
template <class Fn>
std::string message_of(Fn&& fn) {
  try {
    fn();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no exception)";
}

}  // namespace cupp::test

#define CUPP_EXPECT_THROW_MSG(statement, error_type, message) \
  EXPECT_TRUE(::cupp::test::throws_exactly<error_type>([&] { (void)(statement); }, message))
