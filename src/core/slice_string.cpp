// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/core/slice_string.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <string>

#include "cupp/core/error.hpp"

namespace cupp::detail {
namespace {

// Note [Index strings are parsed each time]: a[":, None, 0"] parses its string at every call
// rather than caching the parse. The parse is one pass over a few characters and one allocation
// (the item vector); applying the index costs several times more (the view's shape, strides and
// base record are allocated too): SliceStringHost.ParsingCostsLittleBesideTheView in
// tests/array/test_slice_strings.cpp measured about 120 ns against 600 ns for ":, None, 0". A
// cache would need a lock or a per-thread table, and a key that cannot outlive the string (a
// pointer alone is not one for strings built at run time), to save a fraction of the call.

/// A recursive-descent reader of the grammar parse_index documents.
class index_reader {
 public:
  explicit index_reader(std::string_view text) : text_(text) {}

  std::vector<index_item> items() {
    std::vector<index_item> out;
    out.reserve(static_cast<std::size_t>(std::count(text_.begin(), text_.end(), ',')) + 1);
    for (;;) {
      out.push_back(item());
      skip_space();
      if (at_end()) break;
      if (peek() != ',') fail("expected ',' between index items");
      ++pos_;
      skip_space();
      if (at_end()) break;  // one trailing comma, as in a[1,]
    }
    return out;
  }

 private:
  /// A slice bound or a lone integer: nothing, an integer, or the word None.
  struct bound {
    std::optional<std::int64_t> value;
    bool none_word = false;
    bool present() const { return value.has_value() || none_word; }
  };

  index_item item() {
    skip_space();
    if (text_.substr(pos_, 3) == "...") {
      pos_ += 3;
      return ellipsis_t{};
    }
    if (word("newaxis")) return newaxis_t{};
    if (word("Ellipsis")) return ellipsis_t{};
    const std::size_t start = pos_;
    const bound first = read_bound();
    skip_space();
    if (at_end() || peek() != ':') {
      if (first.value) return *first.value;
      if (first.none_word) return newaxis_t{};
      pos_ = start;
      fail(at_end() || peek() == ',' ? "expected an index item"
                                     : "expected an integer, a slice, None, newaxis or ...");
    }
    ++pos_;  // the first ':'
    skip_space();
    const bound stop = read_bound();
    skip_space();
    std::int64_t step = 1;
    if (!at_end() && peek() == ':') {
      ++pos_;
      skip_space();
      const bound s = read_bound();
      if (s.value) step = *s.value;
      skip_space();
      if (!at_end() && peek() == ':') fail("a slice has at most three parts, start:stop:step");
    }
    if (!at_end() && peek() != ',') fail("expected an integer, None, ':' or ','");
    return slice(first.value, stop.value, step);
  }

  bound read_bound() {
    bound b;
    if (word("None")) {
      b.none_word = true;
    } else if (!at_end() && (peek() == '+' || peek() == '-' || is_digit(peek()))) {
      b.value = integer();
    }
    return b;
  }

  std::int64_t integer() {
    const std::size_t start = pos_;
    bool negative = false;
    if (peek() == '+' || peek() == '-') {
      negative = peek() == '-';
      ++pos_;
      skip_space();
    }
    if (at_end() || !is_digit(peek())) fail("expected digits after the sign");
    // Accumulated as a negative number, whose range includes the smallest int64.
    std::int64_t v = 0;
    constexpr std::int64_t lowest = std::numeric_limits<std::int64_t>::min();
    for (; !at_end() && is_digit(peek()); ++pos_) {
      const int d = peek() - '0';
      if (v < (lowest + d) / 10) {
        pos_ = start;
        fail("cannot fit 'int' into an index-sized integer");
      }
      v = v * 10 - d;
    }
    if (!at_end() &&
        (std::isalpha(static_cast<unsigned char>(peek())) || peek() == '_' || peek() == '.'))
      fail("expected an integer");
    if (negative) return v;
    if (v == lowest) {
      pos_ = start;
      fail("cannot fit 'int' into an index-sized integer");
    }
    return -v;
  }

  /// Consumes `w` when it stands here as a whole word.
  bool word(std::string_view w) {
    if (text_.substr(pos_, w.size()) != w) return false;
    const std::size_t end = pos_ + w.size();
    if (end < text_.size() && is_word_char(text_[end])) return false;
    pos_ = end;
    return true;
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw index_error("invalid index string \"" + std::string(text_) + "\" at position " +
                      std::to_string(pos_) + ": " + what +
                      " (only integers, start:stop:step slices, None/newaxis and ... are valid "
                      "basic indices)");
  }

  static bool is_digit(char c) { return c >= '0' && c <= '9'; }
  static bool is_word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  }
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }
  void skip_space() {
    while (!at_end() && std::isspace(static_cast<unsigned char>(peek())) != 0) ++pos_;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::vector<index_item> parse_index(std::string_view text) { return index_reader(text).items(); }

}  // namespace cupp::detail
