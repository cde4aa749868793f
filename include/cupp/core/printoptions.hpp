// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// NumPy's print options (numpy.set_printoptions, get_printoptions, printoptions) and its scalar
// float formatters (numpy.format_float_positional, format_float_scientific).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "cupp/core/dtype.hpp"

namespace cupp {

/// The options that decide how arrays print: numpy.get_printoptions() as a struct, with NumPy's
/// defaults. `legacy` and `formatter` have no equivalent (docs/printing.md).
struct printoptions {
  /// Digits after the point (floatmode 'fixed', 'maxprec', 'maxprec_equal'); no value: as many
  /// as the shortest unique digits need (NumPy's precision=None; not with 'fixed').
  std::optional<int> precision = 8;
  /// Arrays of more elements than this are summarised with "...".
  std::int64_t threshold = 1000;
  /// Entries shown at each end of every summarised axis.
  std::int64_t edgeitems = 3;
  /// Characters per line before a line break.
  std::int64_t linewidth = 75;
  /// Always positional notation; values that round to zero at `precision` print as 0.
  bool suppress = false;
  /// How a NaN prints.
  std::string nanstr = "nan";
  /// How infinity prints; the sign goes in front, as for numbers ("-inf").
  std::string infstr = "inf";
  /// '-': sign of negative values only; '+': always a sign; ' ': a space where '+' would be.
  char sign = '-';
  /// "fixed", "unique", "maxprec" or "maxprec_equal" (numpy.set_printoptions' floatmode).
  std::string floatmode = "maxprec";
};

/// numpy.get_printoptions: the calling thread's current options.
printoptions get_printoptions();

/// numpy.set_printoptions: replaces the calling thread's options (Note [Print options per
/// thread] in src/core/format.cpp). Throws value_error, in NumPy's words, for an unknown floatmode
/// or sign, a negative precision, threshold, edgeitems or linewidth, or no precision with
/// floatmode 'fixed'; the options are then unchanged.
void set_printoptions(const printoptions& options);

/// numpy.set_printoptions(precision=4): changes only what `change(printoptions&)` changes in the
/// calling thread's current options, `cupp::set_printoptions([](auto& o) { o.precision = 4; })`.
template <class F, class = decltype(std::declval<F&>()(std::declval<printoptions&>()))>
void set_printoptions(F&& change) {
  printoptions o = get_printoptions();
  change(o);
  set_printoptions(o);
}

/// numpy.printoptions, the context manager: sets options for the lifetime of the guard and puts
/// the previous ones back when it is destroyed (also when an exception leaves the scope).
///
///     cupp::scoped_printoptions guard([](cupp::printoptions& o) { o.precision = 2; });
///
/// changes only what the function changes, as `with np.printoptions(precision=2):` does.
class scoped_printoptions {
 public:
  /// Sets `options` as they are.
  explicit scoped_printoptions(const printoptions& options) : saved_(get_printoptions()) {
    set_printoptions(options);
  }
  /// Sets the current options as changed by `change(printoptions&)`.
  template <class F, class = decltype(std::declval<F&>()(std::declval<printoptions&>()))>
  explicit scoped_printoptions(F&& change) : saved_(get_printoptions()) {
    printoptions o = saved_;
    change(o);
    set_printoptions(o);
  }
  ~scoped_printoptions() { set_printoptions(saved_); }
  scoped_printoptions(const scoped_printoptions&) = delete;
  scoped_printoptions& operator=(const scoped_printoptions&) = delete;

 private:
  printoptions saved_;
};

/// numpy.format_float_positional for a float64 (a Python float), float32 or float16 value: its
/// own type's shortest unique digits (Dragon4), or with `unique` false the exact binary value cut
/// at `precision` digits. `precision` and `min_digits` count digits after the point when
/// `fractional`, else significant digits. `trim`: 'k' keeps trailing zeros, '.' trims them and
/// keeps the point, '0' keeps one zero after the point, '-' trims the point too. `sign` shows a
/// '+' on positive values; `pad_left`/`pad_right` pad with spaces to that many characters left/
/// right of the point. Throws value_error as NumPy (negative arguments, min_digits > precision,
/// precision 0 with fractional false, a bad trim) and type_error without precision when not
/// unique.
std::string format_float_positional(double x, std::optional<int> precision = std::nullopt,
                                    bool unique = true, bool fractional = true, char trim = 'k',
                                    bool sign = false, std::optional<int> pad_left = std::nullopt,
                                    std::optional<int> pad_right = std::nullopt,
                                    std::optional<int> min_digits = std::nullopt);
std::string format_float_positional(float x, std::optional<int> precision = std::nullopt,
                                    bool unique = true, bool fractional = true, char trim = 'k',
                                    bool sign = false, std::optional<int> pad_left = std::nullopt,
                                    std::optional<int> pad_right = std::nullopt,
                                    std::optional<int> min_digits = std::nullopt);
std::string format_float_positional(float16 x, std::optional<int> precision = std::nullopt,
                                    bool unique = true, bool fractional = true, char trim = 'k',
                                    bool sign = false, std::optional<int> pad_left = std::nullopt,
                                    std::optional<int> pad_right = std::nullopt,
                                    std::optional<int> min_digits = std::nullopt);

/// numpy.format_float_scientific: as format_float_positional, in scientific notation;
/// `precision` and `min_digits` count digits after the point of the mantissa, `exp_digits` pads
/// the exponent with zeros to at least that many digits (at least 2 when not given).
std::string format_float_scientific(double x, std::optional<int> precision = std::nullopt,
                                    bool unique = true, char trim = 'k', bool sign = false,
                                    std::optional<int> pad_left = std::nullopt,
                                    std::optional<int> exp_digits = std::nullopt,
                                    std::optional<int> min_digits = std::nullopt);
std::string format_float_scientific(float x, std::optional<int> precision = std::nullopt,
                                    bool unique = true, char trim = 'k', bool sign = false,
                                    std::optional<int> pad_left = std::nullopt,
                                    std::optional<int> exp_digits = std::nullopt,
                                    std::optional<int> min_digits = std::nullopt);
std::string format_float_scientific(float16 x, std::optional<int> precision = std::nullopt,
                                    bool unique = true, char trim = 'k', bool sign = false,
                                    std::optional<int> pad_left = std::nullopt,
                                    std::optional<int> exp_digits = std::nullopt,
                                    std::optional<int> min_digits = std::nullopt);

}  // namespace cupp
