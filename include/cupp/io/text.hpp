// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Text files as NumPy reads and writes them: numpy.savetxt and numpy.loadtxt.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/dtype.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/routines/creation.hpp"
#include "cupp/routines/printing.hpp"

namespace cupp {
namespace detail {

/// numpy.savetxt's arguments: `fmt` holds one format (a single %-specifier, or a whole row) or,
/// with `fmt_sequence`, one per column.
struct savetxt_options {
  std::vector<std::string> fmt = {"%.18e"};
  bool fmt_sequence = false;
  std::string delimiter = " ";
  std::string newline = "\n";
  std::string header;
  std::string footer;
  std::string comments = "# ";
};
/// The text numpy.savetxt writes for host data (C order) of a 1-D or 2-D shape.
std::string savetxt_text(const void* data, dtype d, const shape_t& shape,
                         const savetxt_options& options);
/// Writes the text of host data to `path` (Note [Files appear whole] in src/io/npy.cpp).
void savetxt_host(const std::string& path, const void* data, dtype d, const shape_t& shape,
                  const savetxt_options& options);
/// Copies `a` to the host and writes its text to `path` (savetxt_host).
void savetxt(const std::string& path, const array_desc& a, const savetxt_options& options);

/// numpy.loadtxt's arguments (no converters, quotechar or encoding: the text is bytes).
struct loadtxt_options {
  std::optional<std::string> comments = std::string("#");
  std::optional<char> delimiter;  // no value: any run of whitespace
  std::int64_t skiprows = 0;
  std::vector<std::int64_t> usecols;  // empty: all the columns
  bool unpack = false;
  int ndmin = 0;
  std::optional<std::int64_t> max_rows;
};
/// What loadtxt read: the values in C order of `shape` (before `transposed`), as dtype `d`.
struct text_table {
  std::vector<unsigned char> bytes;
  shape_t shape;
  bool transposed = false;  // unpack: the result is the transpose of `shape`
};
/// Parses `text` as numpy.loadtxt parses a file, into values of dtype `d`.
text_table loadtxt_text(const std::string& text, dtype d, const loadtxt_options& options);
/// Reads the file `path` and parses it (loadtxt_text).
text_table loadtxt_file(const std::string& path, dtype d, const loadtxt_options& options);

}  // namespace detail

/// numpy.savetxt: writes a 1-D (one value per line) or 2-D array (ndarray<T>, cupp::array or an
/// expression) as text. `fmt` is a printf format as Python's % operator reads it: one
/// specifier (%d %i %u %o %x %X %e %E %f %F %g %G %s, with flags "-+ 0#", width and precision)
/// used for every column and joined by `delimiter`, or a whole row with one specifier per
/// column (the delimiter is then not used). Complex values print as " (re+imj)" with the one
/// specifier used for both parts. `header` and `footer` are written as lines starting with
/// `comments`. The file appears whole or not at all. Throws value_error as NumPy (a 0-D or 3-D
/// array, a fmt with the wrong number of specifiers, an unsupported specifier such as %r or
/// %c), type_error "Mismatch between array dtype ('float64') and format specifier ('%x')" for a
/// specifier the values cannot take, and value_error naming `path` when it cannot be written.
template <class A, class = detail::printable_t<A>>
void savetxt(const std::string& path, const A& a, const std::string& fmt = "%.18e",
             const std::string& delimiter = " ", const std::string& newline = "\n",
             const std::string& header = "", const std::string& footer = "",
             const std::string& comments = "# ") {
  detail::savetxt(path, detail::print_source(a),
                  {{fmt}, false, delimiter, newline, header, footer, comments});
}
/// numpy.savetxt with a sequence of formats, one per column, joined by `delimiter`.
template <class A, class = detail::printable_t<A>>
void savetxt(const std::string& path, const A& a, const std::vector<std::string>& fmt,
             const std::string& delimiter = " ", const std::string& newline = "\n",
             const std::string& header = "", const std::string& footer = "",
             const std::string& comments = "# ") {
  detail::savetxt(path, detail::print_source(a),
                  {fmt, true, delimiter, newline, header, footer, comments});
}
/// So that `savetxt(path, a, {"%d", "%.3f"})` is a sequence, not one string.
template <class A, class = detail::printable_t<A>>
void savetxt(const std::string& path, const A& a, std::initializer_list<std::string> fmt,
             const std::string& delimiter = " ", const std::string& newline = "\n",
             const std::string& header = "", const std::string& footer = "",
             const std::string& comments = "# ") {
  savetxt(path, a, std::vector<std::string>(fmt), delimiter, newline, header, footer, comments);
}

/// numpy.loadtxt(path, dtype=T, comments, delimiter, skiprows, usecols, unpack, ndmin, max_rows):
/// reads a text file of numbers into a new device array (parsed on the host, then one copy).
/// `comments` starts a comment to the end of the line (std::nullopt: none); `delimiter` is one
/// character (std::nullopt: any run of whitespace); `skiprows` lines are skipped first;
/// `usecols` picks columns (negative ones count from the end); `max_rows` counts rows of data.
/// The result is 2-D (rows, columns) with dimensions of length 1 squeezed out, then given at
/// least `ndmin` (0, 1 or 2) dimensions as NumPy does: one row or one column gives a 1-D array,
/// one value a 0-d one. `unpack` returns the transpose. Throws value_error with NumPy's message
/// for a value that does not parse ("could not convert string 'x' to float64 at row 0, column
/// 2."), a row with a different number of columns, a bad usecols index, or a file that cannot be
/// read.
template <class T = double>
ndarray<T> loadtxt(const std::string& path,
                   const std::optional<std::string>& comments = std::string("#"),
                   std::optional<char> delimiter = std::nullopt, std::int64_t skiprows = 0,
                   const std::vector<std::int64_t>& usecols = {}, bool unpack = false,
                   int ndmin = 0, std::optional<std::int64_t> max_rows = std::nullopt) {
  const detail::text_table t = detail::loadtxt_file(
      path, dtype_of<T>, {comments, delimiter, skiprows, usecols, unpack, ndmin, max_rows});
  ndarray<T> a = asarray<T>(reinterpret_cast<const T*>(t.bytes.data()), t.shape);
  return t.transposed ? a.T() : a;
}

}  // namespace cupp
