// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#pragma once

#include <cstdlib>
#include <optional>
#include <string>

namespace cupp::test {

/// Sets (or, with nullopt, unsets) an environment variable for a scope, restoring it after.
class scoped_env {
 public:
  scoped_env(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value)
      ::setenv(name, value->c_str(), 1);
    else
      ::unsetenv(name);
  }
  ~scoped_env() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }
  scoped_env(const scoped_env&) = delete;
  scoped_env& operator=(const scoped_env&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

}  // namespace cupp::test
