// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// numpy.savetxt and numpy.loadtxt: the text is made and parsed on the host (Python's %-format
// rules for savetxt, NumPy's C tokenizer rules for loadtxt), and the device sees one copy.
#include "cupp/io/text.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <complex>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <string_view>
#include <type_traits>
#include <utility>

#include "cupp/core/error.hpp"
#include "cupp/core/printoptions.hpp"
#include "cupp/detail/format.hpp"
#include "io_internal.hpp"

namespace cupp::detail {
namespace {

// ------------------------------------------------------------------------------------------------
// savetxt: Python's %-formatting of one row.
// ------------------------------------------------------------------------------------------------

/// One %-specifier of a format: %[flags][width][.precision][length]conversion.
struct conversion {
  std::string flags;
  int width = -1;
  int precision = -1;
  char type = 0;
  bool has(char flag) const { return flags.find(flag) != std::string::npos; }
};

/// A format as Python's % operator reads it: literal text around the specifiers ("%%" is a
/// literal '%'); literals.size() == specs.size() + 1.
struct parsed_format {
  std::vector<std::string> literals{std::string()};
  std::vector<conversion> specs;
};

parsed_format parse_format(const std::string& fmt) {
  parsed_format out;
  for (std::size_t i = 0; i < fmt.size();) {
    if (fmt[i] != '%') {
      out.literals.back() += fmt[i++];
      continue;
    }
    const std::size_t start = i++;
    conversion c;
    CUPP_EXPECTS(i < fmt.size(), value_error, "incomplete format");
    CUPP_EXPECTS(fmt[i] != '(', value_error,
                 "savetxt: mapping keys in fmt ('%(name)s') are not supported: " + fmt);
    while (i < fmt.size() && std::strchr("#0- +", fmt[i]) != nullptr) c.flags += fmt[i++];
    CUPP_EXPECTS(i >= fmt.size() || fmt[i] != '*', value_error,
                 "savetxt: '*' widths in fmt are not supported: " + fmt);
    if (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i]))) {
      c.width = 0;
      while (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i])))
        c.width = c.width * 10 + (fmt[i++] - '0');
    }
    if (i < fmt.size() && fmt[i] == '.') {
      ++i;
      CUPP_EXPECTS(i >= fmt.size() || fmt[i] != '*', value_error,
                   "savetxt: '*' precisions in fmt are not supported: " + fmt);
      c.precision = 0;
      while (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i])))
        c.precision = c.precision * 10 + (fmt[i++] - '0');
    }
    while (i < fmt.size() && std::strchr("hlL", fmt[i]) != nullptr) ++i;  // Python ignores them
    CUPP_EXPECTS(i < fmt.size(), value_error, "incomplete format");
    const char t = fmt[i++];
    if (t == '%') {
      out.literals.back() += '%';
      continue;
    }
    if (std::strchr("cra", t) != nullptr) {
      throw value_error(std::string("savetxt: the format specifier '%") + t +
                        "' is not supported (a number is printed with d i u o x X e E f F g G "
                        "or s): " +
                        fmt);
    }
    if (std::strchr("diouxXeEfFgGs", t) == nullptr) {
      char buf[96];
      std::snprintf(buf, sizeof buf, "unsupported format character '%c' (0x%x) at index %zu", t,
                    static_cast<unsigned>(static_cast<unsigned char>(t)), i - 1);
      (void)start;
      throw value_error(buf);
    }
    c.type = t;
    out.specs.push_back(c);
    out.literals.emplace_back();
  }
  return out;
}

/// One value to format: what Python's % sees for a NumPy scalar.
struct text_value {
  enum class kind { integer, boolean, floating } k = kind::floating;
  bool negative = false;        // integers
  std::uint64_t magnitude = 0;  // integers and booleans
  double value = 0;             // floats (exact), and the float() of integers
  const void* raw = nullptr;    // the element, for %s
  dtype dt = dtype::float64;    // its dtype, for %s
};

/// Pads `body` to the width: left-justified with '-', with zeros after the sign and prefix
/// (`zero_at`) with '0', else right-justified with spaces.
std::string pad(std::string body, const conversion& c, bool zeros, std::size_t zero_at) {
  if (c.width < 0 || body.size() >= static_cast<std::size_t>(c.width)) return body;
  const std::size_t n = static_cast<std::size_t>(c.width) - body.size();
  if (c.has('-')) return body + std::string(n, ' ');
  if (zeros) return body.insert(zero_at, n, '0');
  return std::string(n, ' ') + body;
}

std::string format_integer(bool negative, std::string digits, const conversion& c) {
  if (c.precision >= 0 && digits.size() < static_cast<std::size_t>(c.precision)) {
    digits.insert(0, static_cast<std::size_t>(c.precision) - digits.size(), '0');
  }
  std::string prefix;
  if (c.has('#')) {
    if (c.type == 'o') prefix = "0o";
    if (c.type == 'x') prefix = "0x";
    if (c.type == 'X') prefix = "0X";
  }
  const std::string sign = negative ? "-" : c.has('+') ? "+" : c.has(' ') ? " " : "";
  const std::string lead = sign + prefix;
  return pad(lead + digits, c, c.has('0') && c.precision < 0, lead.size());
}

std::string digits_of(std::uint64_t m, int base, bool upper) {
  if (m == 0) return "0";
  const char* chars = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string s;
  for (; m != 0; m /= static_cast<unsigned>(base)) s += chars[m % static_cast<unsigned>(base)];
  return std::string(s.rbegin(), s.rend());
}

/// Returns false when the value cannot take the specifier (Python raises TypeError).
bool format_value(std::string& out, const text_value& v, const conversion& c) {
  switch (c.type) {
    case 'd':
    case 'i':
    case 'u': {
      if (v.k != text_value::kind::floating) {
        out += format_integer(v.negative, digits_of(v.magnitude, 10, false), c);
        return true;
      }
      // int(x) of a float: its exact integer part, however large.
      CUPP_EXPECTS(!std::isnan(v.value), value_error, "cannot convert float NaN to integer");
      CUPP_EXPECTS(!std::isinf(v.value), overflow_error,
                   "cannot convert float infinity to integer");
      const double t = std::trunc(std::fabs(v.value));
      const std::string digits = format_float_positional(t, 0, false, true, '-');
      out += format_integer(std::signbit(v.value) && t != 0, digits, c);
      return true;
    }
    case 'o':
    case 'x':
    case 'X':
      if (v.k != text_value::kind::integer) return false;
      out += format_integer(v.negative,
                            digits_of(v.magnitude, c.type == 'o' ? 8 : 16, c.type == 'X'), c);
      return true;
    case 's': {
      std::string s = format_str(v.raw, v.dt, {}, printoptions{});
      if (c.precision >= 0 && s.size() > static_cast<std::size_t>(c.precision))
        s.resize(static_cast<std::size_t>(c.precision));
      out += pad(s, c, false, 0);
      return true;
    }
    default:
      break;
  }
  // e E f F g G: float(x).
  const double x = v.value;
  const bool upper = std::isupper(static_cast<unsigned char>(c.type)) != 0;
  if (!std::isfinite(x)) {
    // Python's text for these, not the C library's ("-nan"): the sign only for -inf or a flag.
    std::string s = std::isnan(x) ? "nan" : "inf";
    if (upper) std::transform(s.begin(), s.end(), s.begin(), ::toupper);
    const std::string sign = (std::isinf(x) && x < 0) ? "-"
                             : c.has('+')             ? "+"
                             : c.has(' ')             ? " "
                                                      : "";
    out += pad(sign + s, c, false, 0);
    return true;
  }
  std::string spec = "%" + c.flags;
  if (c.width >= 0) spec += std::to_string(c.width);
  if (c.precision >= 0) spec += "." + std::to_string(c.precision);
  spec += c.type;
  const int n = std::snprintf(nullptr, 0, spec.c_str(), x);
  std::string s(static_cast<std::size_t>(n) + 1, '\0');
  std::snprintf(s.data(), s.size(), spec.c_str(), x);
  s.resize(static_cast<std::size_t>(n));
  out += s;
  return true;
}

template <class T>
T load(const void* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

/// The value of the element at `p` of dtype `d` (a real dtype) as Python's % sees it.
text_value value_at(const void* p, dtype d) {
  text_value v;
  v.raw = p;
  v.dt = d;
  const auto as_int = [&](auto x) {
    v.k = text_value::kind::integer;
    v.negative = x < 0;
    v.magnitude = v.negative ? std::uint64_t{0} - static_cast<std::uint64_t>(x)
                             : static_cast<std::uint64_t>(x);
    v.value = static_cast<double>(x);
  };
  switch (d) {
    case dtype::bool_:
      v.k = text_value::kind::boolean;
      v.magnitude = load<std::uint8_t>(p) != 0 ? 1 : 0;
      v.value = static_cast<double>(v.magnitude);
      break;
    case dtype::int8:
      as_int(load<std::int8_t>(p));
      break;
    case dtype::int16:
      as_int(load<std::int16_t>(p));
      break;
    case dtype::int32:
      as_int(load<std::int32_t>(p));
      break;
    case dtype::int64:
      as_int(load<std::int64_t>(p));
      break;
    case dtype::uint8:
      as_int(load<std::uint8_t>(p));
      break;
    case dtype::uint16:
      as_int(load<std::uint16_t>(p));
      break;
    case dtype::uint32:
      as_int(load<std::uint32_t>(p));
      break;
    case dtype::uint64:
      as_int(load<std::uint64_t>(p));
      break;
    case dtype::float16:
      v.value = static_cast<float>(load<float16>(p));
      break;
    case dtype::bfloat16:
      v.value = static_cast<float>(load<bfloat16>(p));
      break;
    case dtype::float32:
      v.value = load<float>(p);
      break;
    case dtype::float64:
      v.value = load<double>(p);
      break;
    case dtype::complex64:
    case dtype::complex128:
      break;  // split into parts by the caller
  }
  return v;
}

/// Python's `format % tuple(values)` for one row; false on a type mismatch.
bool format_row(std::string& out, const parsed_format& f, const std::vector<text_value>& values) {
  if (values.size() != f.specs.size()) return false;  // "not enough arguments" / "not all ..."
  for (std::size_t k = 0; k < f.specs.size(); ++k) {
    out += f.literals[k];
    if (!format_value(out, values[k], f.specs[k])) return false;
  }
  out += f.literals.back();
  return true;
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string s;
  for (std::size_t k = 0; k < parts.size(); ++k) s += (k == 0 ? "" : sep) + parts[k];
  return s;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size())
    s.replace(p, from.size(), to);
  return s;
}

std::string python_list_str(const std::vector<std::string>& v) {
  std::string s = "[";
  for (std::size_t k = 0; k < v.size(); ++k) s += (k == 0 ? "'" : ", '") + v[k] + "'";
  return s + "]";
}

bool compressed_name(const std::string& path) {
  const auto ends = [&](const char* s) {
    const std::size_t n = std::strlen(s);
    return path.size() >= n && path.compare(path.size() - n, n, s) == 0;
  };
  return ends(".gz") || ends(".bz2");
}

// ------------------------------------------------------------------------------------------------
// loadtxt: NumPy's tokenizer (textreading/tokenize.cpp) and conversions, for numbers.
// ------------------------------------------------------------------------------------------------

bool is_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\f' || ch == '\v'; }

std::string_view strip(std::string_view s) {
  while (!s.empty() && (is_space(s.front()) || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (is_space(s.back()) || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

/// The longest prefix of `s` that Python's float parser (PyOS_string_to_double) reads: an
/// optional sign, then decimal digits with an exponent, inf, infinity or nan (any case). Returns
/// the characters read, 0 when there is no number.
std::size_t parse_double_prefix(std::string_view s, double& out) {
  std::size_t sign = 0;
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    sign = 1;
  }
  const char* first = s.data() + sign;
  const char* last = s.data() + s.size();
  if (first == last || *first == '+' || *first == '-') return 0;
  const auto r = std::from_chars(first, last, out, std::chars_format::general);
  if (r.ec == std::errc::result_out_of_range) {
    // Python gives inf or 0 (with the sign) instead of failing.
    out = std::strtod(std::string(first, r.ptr).c_str(), nullptr);
  } else if (r.ec != std::errc()) {
    return 0;
  }
  if (r.ptr != last && *r.ptr == '(') return 0;  // from_chars takes "nan(...)", Python does not
  if (negative) out = -out;
  return static_cast<std::size_t>(r.ptr - s.data());
}

/// Python's float() of a whole (stripped) field.
bool parse_double(std::string_view s, double& out) {
  return !s.empty() && parse_double_prefix(s, out) == s.size();
}

/// NumPy's integer conversion: an optional sign and decimal digits, in range for the dtype.
template <class T>
bool parse_integer(std::string_view s, T& out) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  if constexpr (std::is_unsigned_v<T>) {
    if (s.front() == '-') return false;
  }
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out, 10);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

/// NumPy's complex conversion (textreading/conversions.c): "1", "2j", "1+2j", "1+-2j",
/// "(1-2j)", "( 1j )", "nan+infj"; the imaginary unit is 'j'.
bool parse_complex(std::string_view s, double& re, double& im) {
  std::size_t p = 0;
  const auto skip_spaces = [&] {
    while (p < s.size() && is_space(s[p])) ++p;
  };
  skip_spaces();
  bool paren = false;
  if (p < s.size() && s[p] == '(') {
    paren = true;
    ++p;
    skip_spaces();
  }
  std::size_t n = parse_double_prefix(s.substr(p), re);
  if (n == 0) return false;
  p += n;
  if (p == s.size()) {
    im = 0;
    return !paren;
  }
  if (s[p] == 'j') {
    im = re;
    re = 0;
    ++p;
  } else if (s[p] == '+' || s[p] == '-') {
    if (s[p] == '+') ++p;  // so that "+-" reads as "-"
    n = parse_double_prefix(s.substr(p), im);
    if (n == 0) return false;
    p += n;
    if (p == s.size() || s[p] != 'j') return false;
    ++p;
  } else {
    im = 0;
  }
  if (paren) {
    skip_spaces();
    if (p == s.size() || s[p] != ')') return false;
    ++p;
  }
  skip_spaces();
  return p == s.size();
}

/// Python's repr of a str, as NumPy's message shows a field (%.100R).
std::string python_repr(std::string_view s) {
  const bool dq = s.find('\'') != std::string_view::npos && s.find('"') == std::string_view::npos;
  const char q = dq ? '"' : '\'';
  std::string r(1, q);
  for (const char ch : s) {
    const auto u = static_cast<unsigned char>(ch);
    if (ch == q || ch == '\\') {
      r += '\\';
      r += ch;
    } else if (ch == '\t') {
      r += "\\t";
    } else if (ch == '\n') {
      r += "\\n";
    } else if (ch == '\r') {
      r += "\\r";
    } else if (u < 0x20 || u == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      r += buf;
    } else {
      r += ch;
    }
  }
  r += q;
  return r.size() > 100 ? r.substr(0, 100) : r;
}

/// Parses one field into `dst` (one element of dtype `d`); false when it does not parse.
bool parse_field(std::string_view field, dtype d, unsigned char* dst) {
  const std::string_view s = strip(field);
  const auto store = [&](auto v) {
    std::memcpy(dst, &v, sizeof v);
    return true;
  };
  const auto integer = [&](auto zero) {
    decltype(zero) v{};
    return parse_integer(s, v) && store(v);
  };
  double x = 0, y = 0;
  switch (d) {
    case dtype::bool_: {
      // NumPy reads a bool column as integers, nonzero being True.
      std::int64_t v = 0;
      return parse_integer(s, v) && store(static_cast<std::uint8_t>(v != 0));
    }
    case dtype::int8:
      return integer(std::int8_t{});
    case dtype::int16:
      return integer(std::int16_t{});
    case dtype::int32:
      return integer(std::int32_t{});
    case dtype::int64:
      return integer(std::int64_t{});
    case dtype::uint8:
      return integer(std::uint8_t{});
    case dtype::uint16:
      return integer(std::uint16_t{});
    case dtype::uint32:
      return integer(std::uint32_t{});
    case dtype::uint64:
      return integer(std::uint64_t{});
    // The narrower floats are parsed as float64 and rounded once, as NumPy does.
    case dtype::float16:
      return parse_double(s, x) && store(float16(x));
    case dtype::bfloat16:
      return parse_double(s, x) && store(bfloat16(x));
    case dtype::float32:
      return parse_double(s, x) && store(static_cast<float>(x));
    case dtype::float64:
      return parse_double(s, x) && store(x);
    case dtype::complex64:
      return parse_complex(s, x, y) &&
             store(std::complex<float>(static_cast<float>(x), static_cast<float>(y)));
    case dtype::complex128:
      return parse_complex(s, x, y) && store(std::complex<double>(x, y));
  }
  return false;
}

/// The fields of one line, after its comment is cut off; none for an empty line.
void split_fields(std::string_view line, const std::optional<char>& delimiter,
                  std::vector<std::string_view>& fields) {
  fields.clear();
  if (!delimiter) {
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (is_space(line[i]) || line[i] == '\r')) ++i;
      const std::size_t start = i;
      while (i < line.size() && !is_space(line[i]) && line[i] != '\r') ++i;
      if (i > start) fields.push_back(line.substr(start, i - start));
    }
    return;
  }
  if (strip(line).empty()) return;  // one empty field: the whole line is empty
  std::size_t start = 0;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == *delimiter) {
      fields.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  }
}

}  // namespace

namespace {

/// numpy.savetxt's text for host data, handed to `sink(const std::string&)` a megabyte at a time
/// (Note [Files appear whole] in src/io/npy.cpp).
template <class Sink>
void savetxt_pieces(const void* data, dtype d, const shape_t& shape, const savetxt_options& o,
                    Sink&& sink) {
  constexpr std::size_t kPiece = std::size_t{1} << 20;
  const auto ndim = static_cast<std::int64_t>(shape.size());
  CUPP_EXPECTS(ndim == 1 || ndim == 2, value_error,
               "Expected 1D or 2D array, got " + std::to_string(ndim) + "D array instead");
  const std::int64_t rows = shape[0];
  const std::int64_t ncol = ndim == 1 ? 1 : shape[1];
  const bool complex = d == dtype::complex64 || d == dtype::complex128;

  // numpy.savetxt's reading of fmt.
  std::string row_format;
  if (o.fmt_sequence) {
    CUPP_EXPECTS(static_cast<std::int64_t>(o.fmt.size()) == ncol, value_error,
                 "fmt has wrong shape.  " + python_list_str(o.fmt));
    row_format = join(o.fmt, o.delimiter);
  } else {
    const std::string& fmt = o.fmt.at(0);
    const auto n_fmt_chars = static_cast<std::int64_t>(std::count(fmt.begin(), fmt.end(), '%'));
    if (n_fmt_chars == 1) {
      const std::string one = complex ? " (" + fmt + "+" + fmt + "j)" : fmt;
      row_format = join(std::vector<std::string>(static_cast<std::size_t>(ncol), one), o.delimiter);
    } else {
      CUPP_EXPECTS(n_fmt_chars == (complex ? 2 * ncol : ncol), value_error,
                   "fmt has wrong number of % formats:  " + fmt);
      row_format = fmt;
    }
  }
  const parsed_format f = parse_format(row_format);

  std::string out;
  if (!o.header.empty())
    out += o.comments + replace_all(o.header, "\n", "\n" + o.comments) + o.newline;
  const std::size_t itemsize = dtype_itemsize(d);
  const auto* bytes = static_cast<const unsigned char*>(data);
  const dtype part = d == dtype::complex64 ? dtype::float32 : dtype::float64;
  std::vector<text_value> values;
  std::string line;
  for (std::int64_t r = 0; r < rows; ++r) {
    values.clear();
    for (std::int64_t k = 0; k < ncol; ++k) {
      const unsigned char* p = bytes + static_cast<std::size_t>(r * ncol + k) * itemsize;
      if (complex) {
        values.push_back(value_at(p, part));
        values.push_back(value_at(p + itemsize / 2, part));
      } else {
        values.push_back(value_at(p, d));
      }
    }
    line.clear();
    CUPP_EXPECTS(format_row(line, f, values), type_error,
                 std::string("Mismatch between array dtype ('") + dtype_name(d) +
                     "') and format specifier ('" + row_format + "')");
    line += o.newline;
    out += complex ? replace_all(line, "+-", "-") : line;
    if (out.size() >= kPiece) {
      sink(out);
      out.clear();
    }
  }
  if (!o.footer.empty())
    out += o.comments + replace_all(o.footer, "\n", "\n" + o.comments) + o.newline;
  sink(out);
}

}  // namespace

std::string savetxt_text(const void* data, dtype d, const shape_t& shape,
                         const savetxt_options& options) {
  std::string text;
  savetxt_pieces(data, d, shape, options, [&](const std::string& piece) { text += piece; });
  return text;
}

void savetxt_host(const std::string& path, const void* data, dtype d, const shape_t& shape,
                  const savetxt_options& options) {
  CUPP_EXPECTS(!compressed_name(path), value_error,
               path + ": compressed text files (.gz, .bz2) are not supported");
  io::atomic_file file(path);  // Note [Files appear whole]
  savetxt_pieces(data, d, shape, options, [&](const std::string& piece) { file.write(piece); });
  file.commit();
}

void savetxt(const std::string& path, const array_desc& a, const savetxt_options& options) {
  CUPP_EXPECTS(!compressed_name(path), value_error,
               path + ": compressed text files (.gz, .bz2) are not supported");
  CUPP_EXPECTS(a.ndim() == 1 || a.ndim() == 2, value_error,
               "Expected 1D or 2D array, got " + std::to_string(a.ndim()) + "D array instead");
  std::vector<unsigned char> host(static_cast<std::size_t>(a.size()) * a.itemsize());
  to_host(a, host.data());
  savetxt_host(path, host.data(), a.dt, a.shape, options);
}

text_table loadtxt_text(const std::string& text, dtype d, const loadtxt_options& o) {
  CUPP_EXPECTS(o.ndmin >= 0 && o.ndmin <= 2, value_error,
               "Illegal value of ndmin keyword: " + std::to_string(o.ndmin));
  CUPP_EXPECTS(o.skiprows >= 0, value_error, "argument must be nonnegative");
  CUPP_EXPECTS(!o.max_rows || *o.max_rows >= 0, value_error, "argument must be nonnegative");
  CUPP_EXPECTS(!o.comments || !o.comments->empty(), value_error,
               "comments cannot be an empty string. Use comments=None to disable comments.");
  CUPP_EXPECTS(!o.delimiter || (*o.delimiter != '\n' && *o.delimiter != '\r'), value_error,
               "loadtxt: a newline cannot be the delimiter");
  CUPP_EXPECTS(!o.delimiter || !o.comments || o.comments->find(*o.delimiter) == std::string::npos,
               value_error, "loadtxt: the delimiter cannot be part of the comment string");

  const std::size_t itemsize = dtype_itemsize(d);
  text_table t;
  std::int64_t ncols = o.usecols.empty() ? -1 : static_cast<std::int64_t>(o.usecols.size());
  std::int64_t rows = 0;
  std::vector<std::string_view> fields;
  const std::string_view all(text);
  std::size_t pos = 0;
  std::int64_t line_no = 0;
  while (pos < all.size() && (!o.max_rows || rows < *o.max_rows)) {
    // Lines end at \n, \r\n or \r, as Python's text files read them.
    std::size_t end = all.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = all.size();
    std::string_view line = all.substr(pos, end - pos);
    pos = end;
    if (pos < all.size())
      pos += (all[pos] == '\r' && pos + 1 < all.size() && all[pos + 1] == '\n') ? 2 : 1;
    if (line_no++ < o.skiprows) continue;
    if (o.comments) {
      const std::size_t c = line.find(*o.comments);
      if (c != std::string_view::npos) line = line.substr(0, c);
    }
    split_fields(line, o.delimiter, fields);
    if (fields.empty()) continue;  // empty lines are no rows
    const auto n = static_cast<std::int64_t>(fields.size());
    if (ncols < 0) ncols = n;
    CUPP_EXPECTS(!o.usecols.empty() || n == ncols, value_error,
                 "the number of columns changed from " + std::to_string(ncols) + " to " +
                     std::to_string(n) + " at row " + std::to_string(rows + 1) +
                     "; use `usecols` to select a subset and avoid this error");
    const std::size_t base = t.bytes.size();
    t.bytes.resize(base + static_cast<std::size_t>(ncols) * itemsize);
    for (std::int64_t k = 0; k < ncols; ++k) {
      std::int64_t col = k;
      if (!o.usecols.empty()) {
        col = o.usecols[static_cast<std::size_t>(k)];
        if (col < 0) col += n;
        CUPP_EXPECTS(col >= 0 && col < n, value_error,
                     "invalid column index " +
                         std::to_string(o.usecols[static_cast<std::size_t>(k)]) + " at row " +
                         std::to_string(rows + 1) + " with " + std::to_string(n) + " columns");
      }
      const std::string_view field = fields[static_cast<std::size_t>(col)];
      CUPP_EXPECTS(
          parse_field(field, d, t.bytes.data() + base + static_cast<std::size_t>(k) * itemsize),
          value_error,
          "could not convert string " + python_repr(field) + " to " + dtype_name(d) + " at row " +
              std::to_string(rows) + ", column " + std::to_string(col + 1) + ".");
    }
    ++rows;
  }
  if (ncols < 0) ncols = 1;  // no rows: NumPy guesses one column

  // _ensure_ndmin_ndarray: squeeze the (rows, ncols) array past ndmin, then pad it up to ndmin.
  shape_t shape{rows, ncols};
  if (static_cast<int>(shape.size()) > o.ndmin) {
    shape_t squeezed;
    for (auto s : shape)
      if (s != 1) squeezed.push_back(s);
    shape = squeezed;
  }
  if (static_cast<int>(shape.size()) < o.ndmin) {
    if (o.ndmin == 1) shape = {1};  // atleast_1d of a 0-d array
    if (o.ndmin == 2)
      shape = shape.empty() ? shape_t{1, 1} : shape_t{shape[0], 1};  // atleast_2d(a).T
  }
  t.shape = shape;
  t.transposed = o.unpack;
  return t;
}

text_table loadtxt_file(const std::string& path, dtype d, const loadtxt_options& options) {
  CUPP_EXPECTS(!compressed_name(path), value_error,
               path + ": compressed text files (.gz, .bz2) are not supported");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw value_error(path + ": cannot open the file: " + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  CUPP_EXPECTS(!in.bad(), value_error, path + ": cannot read the file");
  return loadtxt_text(ss.str(), d, options);
}

}  // namespace cupp::detail
