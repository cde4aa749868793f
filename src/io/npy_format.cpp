// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The header of a .npy file (numpy.lib.format), read and written on the host.
#include <cctype>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

#include "cupp/core/error.hpp"
#include "cupp/io/npy.hpp"

namespace cupp::detail {

// Note [The .npy header]: numpy.lib.format writes
//   b'\x93NUMPY' major minor HEADER_LEN dict ' '*pad '\n'
// where HEADER_LEN is '<H' for version 1.0 and '<I' for 2.0 and 3.0 (3.0: the dict is UTF-8,
// else latin-1), the dict is "{'descr': D, 'fortran_order': B, 'shape': S, }" (keys sorted, each
// "'key': repr(value), "), followed by spaces so that an axis of up to 21 digits could replace
// the first (C order) or last (Fortran order) dimension in place, then padded with spaces so
// that the data starts at a multiple of 64 (ARRAY_ALIGN). The padding is 64, not 0, when the
// text already ends on a boundary: numpy computes ARRAY_ALIGN - (len % ARRAY_ALIGN). Version 1.0
// is written unless the header does not fit its 16-bit length. Reading takes any of the three
// versions and any spacing and key order that Python's literal syntax allows for these values.

namespace {

constexpr std::size_t kArrayAlign = 64;
constexpr std::size_t kGrowthAxisMaxDigits = 21;

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

[[noreturn]] void bad_header(const std::string& why) {
  throw value_error("invalid .npy header: " + why);
}

/// A small reader of the Python literals a .npy header holds.
class literal_reader {
 public:
  explicit literal_reader(std::string_view text) : s_(text) {}

  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
      ++i_;
  }
  bool at_end() {
    skip_space();
    return i_ >= s_.size();
  }
  char peek() {
    skip_space();
    return i_ < s_.size() ? s_[i_] : '\0';
  }
  bool accept(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  void expect(char c, const char* what) {
    if (!accept(c)) bad_header(std::string("expected '") + c + "' " + what + " in " + text());
  }
  std::string string_literal(const char* what) {
    const char q = peek();
    if (q != '\'' && q != '"')
      bad_header(std::string("expected a string for ") + what + " in " + text());
    ++i_;
    std::string out;
    while (i_ < s_.size() && s_[i_] != q) {
      if (s_[i_] == '\\') bad_header(std::string("escapes are not expected in ") + what);
      out += s_[i_++];
    }
    if (i_ >= s_.size()) bad_header("unterminated string in " + text());
    ++i_;
    return out;
  }
  std::string word() {
    skip_space();
    std::string out;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_'))
      out += s_[i_++];
    return out;
  }
  /// The raw text of the value starting here, up to the next ',' or '}' at depth 0: for
  /// messages about a value that is not what was expected.
  std::string raw_value() {
    skip_space();
    const std::size_t start = i_;
    int depth = 0;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if ((c == ',' || c == '}') && depth == 0) break;
      if (c == '(' || c == '[' || c == '{') ++depth;
      if (c == ')' || c == ']' || c == '}') --depth;
      ++i_;
    }
    return std::string(s_.substr(start, i_ - start));
  }
  std::size_t pos() const { return i_; }
  void seek(std::size_t p) { i_ = p; }
  std::string text() const { return std::string(s_); }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

shape_t read_shape(literal_reader& r) {
  const std::size_t start = r.pos();
  const auto fail = [&] {
    r.seek(start);
    bad_header("shape is not valid: " + r.raw_value());
  };
  if (!r.accept('(')) fail();
  shape_t shape;
  if (r.accept(')')) return shape;
  for (;;) {
    std::string digits = r.word();
    if (!digits.empty() && (digits.back() == 'L' || digits.back() == 'l'))
      digits.pop_back();  // Python 2 longs, in files of very old NumPy
    if (digits.empty() || digits.size() > 18) fail();
    for (char c : digits)
      if (!std::isdigit(static_cast<unsigned char>(c))) fail();
    shape.push_back(std::stoll(digits));
    if (r.accept(')')) {
      if (shape.size() == 1) fail();  // "(3)" is an int in Python, not a tuple
      break;
    }
    if (!r.accept(',')) fail();
    if (r.accept(')')) break;
  }
  return shape;
}

}  // namespace

std::string npy_descr(dtype dt) {
  switch (dt) {
    case dtype::bool_:
      return "|b1";
    case dtype::int8:
      return "|i1";
    case dtype::int16:
      return "<i2";
    case dtype::int32:
      return "<i4";
    case dtype::int64:
      return "<i8";
    case dtype::uint8:
      return "|u1";
    case dtype::uint16:
      return "<u2";
    case dtype::uint32:
      return "<u4";
    case dtype::uint64:
      return "<u8";
    case dtype::float16:
      return "<f2";
    case dtype::bfloat16:
      return "<V2";  // Note [bfloat16 in .npy files] in src/io/npy.cpp
    case dtype::float32:
      return "<f4";
    case dtype::float64:
      return "<f8";
    case dtype::complex64:
      return "<c8";
    case dtype::complex128:
      return "<c16";
  }
  return "";
}

std::pair<dtype, bool> parse_npy_descr(std::string_view descr) {
  const std::string shown = quoted(descr);
  std::string_view body = descr;
  char order = '=';
  if (!body.empty() && (body[0] == '<' || body[0] == '>' || body[0] == '|' || body[0] == '='))
    order = body[0], body.remove_prefix(1);
  const bool big = order == '>';  // cupp runs on little-endian hosts only (x86-64, aarch64)
  if (body == "?") body = "b1";
  if (body.empty()) throw value_error("descr is not a valid dtype descriptor: " + shown);
  const char kind = body[0];
  if (kind == 'O')
    throw value_error("cannot load an object array (descr " + shown +
                      "): its elements are pickled Python objects, which cupp does not read");
  if (kind == 'U' || kind == 'S' || kind == 'a')
    throw value_error("cannot load an array of strings (descr " + shown +
                      "): cupp has no string dtypes");
  if (kind == 'M' || kind == 'm')
    throw value_error("cannot load a datetime64 or timedelta64 array (descr " + shown +
                      "): cupp has no datetime dtypes");
  static constexpr std::pair<std::string_view, dtype> kCodes[] = {
      {"b1", dtype::bool_},     {"i1", dtype::int8},        {"i2", dtype::int16},
      {"i4", dtype::int32},     {"i8", dtype::int64},       {"u1", dtype::uint8},
      {"u2", dtype::uint16},    {"u4", dtype::uint32},      {"u8", dtype::uint64},
      {"f2", dtype::float16},   {"f4", dtype::float32},     {"f8", dtype::float64},
      {"c8", dtype::complex64}, {"c16", dtype::complex128}, {"V2", dtype::bfloat16}};
  for (const auto& [code, dt] : kCodes)
    if (body == code) return {dt, big && dtype_itemsize(dt) > 1};
  throw value_error("cannot load an array of descr " + shown + ": cupp has no such dtype");
}

npy_header parse_npy_header(std::string_view text) {
  literal_reader r(text);
  r.expect('{', "at the start of the header");
  npy_header h;
  bool seen_descr = false, seen_order = false, seen_shape = false;
  std::string keys;
  while (!r.accept('}')) {
    const std::string key = r.string_literal("a key");
    keys += (keys.empty() ? "" : ", ") + quoted(key);
    r.expect(':', "after a key");
    if (key == "descr") {
      if (r.peek() == '[')
        throw value_error("cannot load an array of a structured dtype (descr " + r.raw_value() +
                          "): cupp has no structured dtypes");
      if (r.peek() != '\'' && r.peek() != '"')
        bad_header("descr is not a valid dtype descriptor: " + r.raw_value());
      std::tie(h.dt, h.swap) = parse_npy_descr(r.string_literal("descr"));
      seen_descr = true;
    } else if (key == "fortran_order") {
      const std::size_t at = r.pos();
      const std::string w = r.word();
      if (w != "True" && w != "False") {
        r.seek(at);
        bad_header("fortran_order is not a valid bool: " + r.raw_value());
      }
      h.fortran_order = w == "True";
      seen_order = true;
    } else if (key == "shape") {
      h.shape = read_shape(r);
      seen_shape = true;
    } else {
      r.raw_value();
      seen_descr = false;  // reported below with the keys found
      break;
    }
    if (!r.accept(',')) {
      r.expect('}', "after a value");
      break;
    }
  }
  if (!(seen_descr && seen_order && seen_shape))
    bad_header("Header does not contain the correct keys: [" + keys + "]");
  if (!r.at_end()) bad_header("unexpected text after the dictionary in " + r.text());
  return h;
}

std::size_t npy_preamble_size(int major_version) { return major_version == 1 ? 10 : 12; }

std::string npy_prefix(dtype dt, bool fortran_order, const shape_t& shape) {
  std::string shape_repr = "(";
  for (std::size_t i = 0; i < shape.size(); ++i)
    shape_repr += (i ? ", " : "") + std::to_string(shape[i]);
  shape_repr += shape.size() == 1 ? ",)" : ")";
  std::string dict = "{'descr': " + quoted(npy_descr(dt)) +
                     ", 'fortran_order': " + (fortran_order ? "True" : "False") +
                     ", 'shape': " + shape_repr + ", }";
  if (!shape.empty()) {
    const std::size_t digits = std::to_string(fortran_order ? shape.back() : shape.front()).size();
    if (digits < kGrowthAxisMaxDigits) dict.append(kGrowthAxisMaxDigits - digits, ' ');
  }
  const std::size_t text = dict.size() + 1;  // with the final newline
  const auto padding = [&](int major) {
    return kArrayAlign - (npy_preamble_size(major) + text) % kArrayAlign;
  };
  // The text is ASCII, which latin-1 encodes, so version 3.0 is never needed.
  const int major = text + padding(1) > std::numeric_limits<std::uint16_t>::max() ? 2 : 1;
  const std::size_t pre = npy_preamble_size(major);
  const std::size_t pad = padding(major);
  const std::size_t header_len = text + pad;
  std::string out = "\x93NUMPY";
  out += static_cast<char>(major);
  out += '\0';
  for (std::size_t b = 0; b < pre - 8; ++b)
    out += static_cast<char>((header_len >> (8 * b)) & 0xff);
  out += dict;
  out.append(pad, ' ');
  out += '\n';
  return out;
}

}  // namespace cupp::detail
