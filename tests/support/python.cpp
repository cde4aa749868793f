// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "support/python.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <map>
#include <mutex>

namespace cupp::test {

namespace {

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

run_result run_command(const std::string& command) {
  run_result r;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return r;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) r.output.append(buf, n);
  const int status = pclose(pipe);
  r.exit_code = (status != -1 && WIFEXITED(status)) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

bool python_has_module(const std::string& module) {
  static std::mutex mutex;
  static std::map<std::string, bool> known;
  const std::lock_guard<std::mutex> lock(mutex);
  const auto it = known.find(module);
  if (it != known.end()) return it->second;
  const bool ok = run_command("python3 -c " + shell_quote("import " + module)).exit_code == 0;
  known.emplace(module, ok);
  return ok;
}

run_result run_python(const std::string& script, const std::vector<std::string>& args) {
  std::string command = "python3 " + shell_quote(script);
  for (const auto& a : args) command += " " + shell_quote(a);
  return run_command(command);
}

}  // namespace cupp::test
