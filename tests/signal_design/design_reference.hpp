// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// SciPy's windows and filter designs for the host tests: tests/signal_design/make_design.py
// writes them to tests/data/signal_design/design.txt, one record a line (key, kind, values; see
// the script), read here without a GPU. The key holds SciPy's arguments, so a test parses it
// back and makes the same call.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace cupp::test::design_ref {

using cd = std::complex<double>;

struct record {
  char kind = 'r';  // 'r' real values, 'c' complex values, 'e' SciPy's ValueError message
  std::vector<double> r;
  std::vector<cd> c;
  std::string message;
};

inline const std::map<std::string, record>& records() {
  static const std::map<std::string, record> all = [] {
    std::map<std::string, record> out;
    std::ifstream in(std::string(CUPP_TEST_DATA_DIR) + "/signal_design/design.txt");
    EXPECT_TRUE(in.good()) << "cannot open signal_design/design.txt";
    for (std::string line; std::getline(in, line);) {
      const auto t1 = line.find('\t');
      const auto t2 = line.find('\t', t1 + 1);
      if (t1 == std::string::npos || t2 == std::string::npos) continue;
      record rec;
      rec.kind = line[t1 + 1];
      const std::string values = line.substr(t2 + 1);
      if (rec.kind == 'e') {
        rec.message = values;
      } else {
        std::istringstream ss(values);
        std::vector<double> v;
        for (std::string tok; ss >> tok;) v.push_back(std::strtod(tok.c_str(), nullptr));
        if (rec.kind == 'c')
          for (std::size_t i = 0; i + 1 < v.size(); i += 2) rec.c.emplace_back(v[i], v[i + 1]);
        else
          rec.r = v;
      }
      out[line.substr(0, t1)] = rec;
    }
    return out;
  }();
  return all;
}

inline const record& at(const std::string& key) {
  static const record missing{'?', {}, {}, "missing"};
  const auto it = records().find(key);
  EXPECT_TRUE(it != records().end()) << "no record " << key;
  return it == records().end() ? missing : it->second;
}

inline std::vector<std::string> split(const std::string& s, char sep = '|') {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : s) {
    if (ch == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  out.push_back(cur);
  return out;
}

/// The keys of records `family|...` (the last field dropped where `strip_last`), values only
/// or errors only.
inline std::vector<std::string> keys(const std::string& family, bool errors, bool strip_last) {
  std::set<std::string> out;
  for (const auto& [k, rec] : records()) {
    if (k.rfind(family + "|", 0) != 0 || (rec.kind == 'e') != errors) continue;
    out.insert(strip_last && !errors ? k.substr(0, k.rfind('|')) : k);
  }
  return {out.begin(), out.end()};
}

inline double num(const std::string& s) { return std::strtod(s.c_str(), nullptr); }
inline std::optional<double> opt(const std::string& s) {
  if (s == "None") return std::nullopt;
  return num(s);
}
inline std::vector<double> list(const std::string& s) {
  std::vector<double> out;
  if (s.empty() || s == "None") return out;
  // None inside a list (exponential's centre) stands as NaN, as the window functions take it.
  for (const auto& t : split(s, ',')) out.push_back(t == "None" ? std::nan("") : num(t));
  return out;
}
inline bool flag(const std::string& s) { return s == "1"; }

/// |got - want| <= atol + rtol |want| element by element, same length.
inline ::testing::AssertionResult close(const std::vector<double>& got,
                                        const std::vector<double>& want, double rtol, double atol,
                                        const std::string& what) {
  if (got.size() != want.size())
    return ::testing::AssertionFailure()
           << what << ": " << got.size() << " values instead of " << want.size();
  std::ostringstream os;
  os.precision(17);
  int bad = 0;
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (std::isnan(got[i]) && std::isnan(want[i])) continue;
    if (std::abs(got[i] - want[i]) <= atol + rtol * std::abs(want[i])) continue;
    if (++bad <= 4) os << "\n  [" << i << "] " << got[i] << " instead of " << want[i];
  }
  if (bad == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << what << ": " << bad << " of " << got.size() << " differ" << os.str();
}

inline ::testing::AssertionResult close(const std::vector<cd>& got, const std::vector<cd>& want,
                                        double rtol, double atol, const std::string& what) {
  if (got.size() != want.size())
    return ::testing::AssertionFailure()
           << what << ": " << got.size() << " values instead of " << want.size();
  std::ostringstream os;
  os.precision(17);
  int bad = 0;
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (std::abs(got[i] - want[i]) <= atol + rtol * std::abs(want[i])) continue;
    if (++bad <= 4) os << "\n  [" << i << "] " << got[i] << " instead of " << want[i];
  }
  if (bad == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << what << ": " << bad << " of " << got.size() << " differ" << os.str();
}

/// The same multiset of roots, in any order: each expected root has its own nearby one.
inline ::testing::AssertionResult same_roots(const std::vector<cd>& got,
                                             const std::vector<cd>& want, double tol,
                                             const std::string& what) {
  if (got.size() != want.size())
    return ::testing::AssertionFailure()
           << what << ": " << got.size() << " roots instead of " << want.size();
  std::vector<bool> used(got.size(), false);
  for (const cd& w : want) {
    std::size_t best = got.size();
    double bd = HUGE_VAL;
    for (std::size_t j = 0; j < got.size(); ++j)
      if (!used[j] && std::abs(got[j] - w) < bd) {
        bd = std::abs(got[j] - w);
        best = j;
      }
    if (bd > tol * std::max(1.0, std::abs(w)))
      return ::testing::AssertionFailure()
             << what << ": no root near " << w << " (nearest " << bd << " away)";
    used[best] = true;
  }
  return ::testing::AssertionSuccess();
}

/// The largest magnitude of the values, for tolerances relative to a whole result.
inline double scale(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s = std::max(s, std::abs(x));
  return s;
}

}  // namespace cupp::test::design_ref
