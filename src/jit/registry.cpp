// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "registry.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace cupp::jit::detail {

namespace {
struct library_kernels {
  std::mutex mutex;
  std::unordered_map<std::string, std::unique_ptr<const RawKernel>> kernels;
};

library_kernels& table() {
  static auto* t = new library_kernels;  // never destroyed: kernels may run at exit
  return *t;
}
}  // namespace

const RawKernel& library_kernel(const std::string& source, const std::string& name,
                                const std::vector<std::string>& options,
                                const std::vector<std::string>& name_expressions) {
  std::string key = registry_key(source, options, name_expressions);
  (key += '\2') += name;
  library_kernels& t = table();
  std::lock_guard<std::mutex> lock(t.mutex);
  auto& entry = t.kernels[key];
  if (!entry) {
    if (name_expressions.empty())
      entry = std::make_unique<const RawKernel>(source, name, options);
    else
      entry = std::make_unique<const RawKernel>(
          RawModule(source, options, name_expressions).get_function(name));
  }
  return *entry;
}

std::string routine_source(const char* header, const std::string& preamble) {
  std::string s = preamble;
  if (!s.empty() && s.back() != '\n') s += '\n';
  return s + "#include <" + header + ">\n";
}

const RawKernel& routine_kernel(const char* header, const std::string& preamble,
                                const std::string& name) {
  return library_kernel(routine_source(header, preamble), name);
}

std::size_t library_kernel_count() {
  library_kernels& t = table();
  std::lock_guard<std::mutex> lock(t.mutex);
  return t.kernels.size();
}

}  // namespace cupp::jit::detail
