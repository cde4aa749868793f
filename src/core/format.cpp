// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// NumPy's array printing for host data of any dtype: the layout of numpy/_core/arrayprint.py
// (array2string, array_repr, array_str) under the print options of NumPy 2.3 and later, and the
// Dragon4 float printing of numpy/_core/src/multiarray/dragon4.c that it rests on (also behind
// format_float_positional/scientific). Everything here is dtype-erased except the element
// readers, which a switch over the dtype instantiates.
#include "cupp/detail/format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "cupp/core/error.hpp"

namespace cupp {
namespace detail {
namespace {

// ------------------------------------------------------------------------------------------------
// Note [Exact float digits]: NumPy prints floats with Dragon4 on exact big integers, in 'unique'
// mode with a precision cutoff and, in scientific notation, a minimum digit count shared by all
// elements. Short of those limits that gives the shortest digits that round back to the value (what
// std::to_chars gives), but past the shortest digits it goes on with the exact digits of the binary
// value, and at a cutoff it rounds the last digit by whether the rest lies inside the value's
// rounding interval. Shortest digits padded with zeros are therefore wrong: float32 0.1 beside an
// element that needs nine digits prints as 1.00000001e-01, not 1.00000000e-01. So the algorithm
// itself is reproduced here.
// ------------------------------------------------------------------------------------------------

/// An unsigned integer of any size, little-endian 32-bit words, no leading zero words.
class big_uint {
 public:
  big_uint() = default;
  explicit big_uint(std::uint64_t v) {
    if (v != 0) w_.push_back(static_cast<std::uint32_t>(v));
    if ((v >> 32) != 0) w_.push_back(static_cast<std::uint32_t>(v >> 32));
  }
  static big_uint pow2(int n) {
    big_uint r(1);
    r.shift_left(n);
    return r;
  }

  void shift_left(int bits) {
    if (w_.empty() || bits == 0) return;
    const int words = bits / 32, rest = bits % 32;
    w_.insert(w_.begin(), static_cast<std::size_t>(words), 0u);
    if (rest != 0) {
      std::uint32_t carry = 0;
      for (auto& w : w_) {
        const std::uint32_t next = w >> (32 - rest);
        w = (w << rest) | carry;
        carry = next;
      }
      if (carry != 0) w_.push_back(carry);
    }
  }
  void multiply(std::uint32_t m) {
    std::uint64_t carry = 0;
    for (auto& w : w_) {
      const std::uint64_t p = std::uint64_t{w} * m + carry;
      w = static_cast<std::uint32_t>(p);
      carry = p >> 32;
    }
    if (carry != 0) w_.push_back(static_cast<std::uint32_t>(carry));
    if (m == 0) w_.clear();
  }
  void multiply_pow10(int n) {
    for (; n >= 9; n -= 9) multiply(1000000000u);
    static constexpr std::uint32_t kSmall[] = {1,      10,      100,      1000,     10000,
                                               100000, 1000000, 10000000, 100000000};
    if (n > 0) multiply(kSmall[n]);
  }
  void add(const big_uint& o) {
    if (w_.size() < o.w_.size()) w_.resize(o.w_.size(), 0u);
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < w_.size(); ++i) {
      const std::uint64_t s = std::uint64_t{w_[i]} + (i < o.w_.size() ? o.w_[i] : 0u) + carry;
      w_[i] = static_cast<std::uint32_t>(s);
      carry = s >> 32;
    }
    if (carry != 0) w_.push_back(static_cast<std::uint32_t>(carry));
  }
  /// *this -= o; requires *this >= o.
  void subtract(const big_uint& o) {
    std::int64_t borrow = 0;
    for (std::size_t i = 0; i < w_.size(); ++i) {
      std::int64_t d = std::int64_t{w_[i]} - (i < o.w_.size() ? o.w_[i] : 0u) - borrow;
      borrow = d < 0 ? 1 : 0;
      if (d < 0) d += std::int64_t{1} << 32;
      w_[i] = static_cast<std::uint32_t>(d);
    }
    while (!w_.empty() && w_.back() == 0) w_.pop_back();
  }
  friend int compare(const big_uint& a, const big_uint& b) {
    if (a.w_.size() != b.w_.size()) return a.w_.size() < b.w_.size() ? -1 : 1;
    for (std::size_t i = a.w_.size(); i-- > 0;) {
      if (a.w_[i] != b.w_[i]) return a.w_[i] < b.w_[i] ? -1 : 1;
    }
    return 0;
  }

 private:
  std::vector<std::uint32_t> w_;
};

/// A finite float as mantissa * 2^exponent, with what Dragon4 needs about its neighbours.
struct float_bits {
  std::uint64_t mantissa = 0;
  int exponent = 0;
  int mantissa_bit = 0;          // index of the highest set bit of the mantissa
  bool unequal_margins = false;  // the gap below is half the gap above (a power of two)
};

/// One element of a float16, float32 or float64 array.
struct float_value {
  bool negative = false;  // the sign bit, so -0.0 counts
  bool nan = false;
  bool inf = false;
  float_bits bits;
  double value = 0;  // exact: every float16/float32/float64 is a double
  bool finite() const { return !nan && !inf; }
};

template <int kMantissaBits, int kExponentBits>
float_value decode_ieee(std::uint64_t raw) {
  constexpr std::uint64_t kMantissaMask = (std::uint64_t{1} << kMantissaBits) - 1;
  constexpr std::uint32_t kExponentMask = (1u << kExponentBits) - 1;
  constexpr int kBias = (1 << (kExponentBits - 1)) - 1;
  float_value v;
  const std::uint64_t m = raw & kMantissaMask;
  const auto e = static_cast<std::uint32_t>(raw >> kMantissaBits) & kExponentMask;
  v.negative = ((raw >> (kMantissaBits + kExponentBits)) & 1u) != 0;
  if (e == kExponentMask) {
    v.nan = m != 0;
    v.inf = m == 0;
    v.value = v.nan ? std::numeric_limits<double>::quiet_NaN()
                    : (v.negative ? -1 : 1) * std::numeric_limits<double>::infinity();
    return v;
  }
  if (e != 0) {
    v.bits.mantissa = (std::uint64_t{1} << kMantissaBits) | m;
    v.bits.exponent = static_cast<int>(e) - kBias - kMantissaBits;
    v.bits.mantissa_bit = kMantissaBits;
    // The smallest normal has a subnormal neighbour below at the same spacing.
    v.bits.unequal_margins = e != 1 && m == 0;
  } else {
    v.bits.mantissa = m;
    v.bits.exponent = 1 - kBias - kMantissaBits;
    int bit = 0;
    while (bit < 63 && (m >> (bit + 1)) != 0) ++bit;
    v.bits.mantissa_bit = bit;
    v.bits.unequal_margins = false;
  }
  v.value = std::ldexp(static_cast<double>(v.bits.mantissa), v.bits.exponent);
  if (v.negative) v.value = -v.value;
  return v;
}

enum class cutoff_mode { total_length, fraction_length };
/// DigitMode_Unique: the shortest digits that identify the value; DigitMode_Exact: the digits of
/// the exact binary value.
enum class digit_mode { unique, exact };

/// Decimal digits d0 d1 d2 ... meaning d0.d1d2... * 10^exponent.
struct decimal_digits {
  std::string digits;
  int exponent = 0;
};

/// Dragon4 as NumPy runs it (Note [Exact float digits]). In unique mode: the shortest digits that
/// identify the value, but none past `cutoff_max` and none short of `cutoff_min` (-1: no limit);
/// in exact mode: the exact digits, cut at `cutoff_max`. Both cutoffs count total digits or
/// digits after the decimal point. The last digit is rounded to nearest, ties to even.
decimal_digits dragon4(const float_bits& f, digit_mode dmode, cutoff_mode mode, int cutoff_max,
                       int cutoff_min) {
  if (f.mantissa == 0) return {"0", 0};
  // value = scaled_value / scale, and the half-gaps to the neighbouring floats likewise; every
  // quantity carries a factor 2 (4 with unequal margins) so that the half-gaps are integers.
  const int factor_bits = f.unequal_margins ? 2 : 1;
  big_uint value(f.mantissa), scale, margin_low;
  if (f.exponent > 0) {
    value.shift_left(f.exponent + factor_bits);
    scale = big_uint(std::uint64_t{1} << factor_bits);
    margin_low = big_uint::pow2(f.exponent);
  } else {
    value.shift_left(factor_bits);
    scale = big_uint::pow2(-f.exponent + factor_bits);
    margin_low = big_uint(1);
  }
  const auto margin_high = [&] {
    big_uint h = margin_low;
    if (f.unequal_margins) h.shift_left(1);
    return h;
  };
  const bool is_even = f.mantissa % 2 == 0;  // round-half-even ties reach the even neighbour

  // An estimate of floor(log10(value)) + 1 that is exact or one too low; the comparison below
  // fixes it. The same estimate as NumPy's, so the fractional clamp acts on the same number.
  int digit_exponent = static_cast<int>(
      std::ceil(static_cast<double>(f.mantissa_bit + f.exponent) * 0.30102999566398119521 - 0.69));
  if (cutoff_max >= 0 && mode == cutoff_mode::fraction_length && digit_exponent <= -cutoff_max) {
    digit_exponent = -cutoff_max + 1;
  }
  if (digit_exponent > 0) {
    scale.multiply_pow10(digit_exponent);
  } else if (digit_exponent < 0) {
    value.multiply_pow10(-digit_exponent);
    margin_low.multiply_pow10(-digit_exponent);
  }
  if (compare(value, scale) >= 0) {
    ++digit_exponent;
  } else {
    value.multiply(10);
    margin_low.multiply(10);
  }

  constexpr int kMaxDigits = 16384;  // NumPy's buffer; far beyond any float64's exact digits
  int cutoff_max_exponent = digit_exponent - kMaxDigits;
  if (cutoff_max >= 0) {
    const int wanted =
        mode == cutoff_mode::total_length ? digit_exponent - cutoff_max : -cutoff_max;
    cutoff_max_exponent = std::max(cutoff_max_exponent, wanted);
  }
  int cutoff_min_exponent = digit_exponent;
  if (cutoff_min >= 0) {
    const int wanted =
        mode == cutoff_mode::total_length ? digit_exponent - cutoff_min : -cutoff_min;
    cutoff_min_exponent = std::min(cutoff_min_exponent, wanted);
  }

  decimal_digits out;
  out.exponent = digit_exponent - 1;
  bool low = false, high = false;
  unsigned digit = 0;
  const big_uint zero;
  for (;;) {
    --digit_exponent;
    digit = 0;
    while (compare(value, scale) >= 0) {
      value.subtract(scale);
      ++digit;
    }
    if (dmode == digit_mode::unique) {
      big_uint value_high = value;
      value_high.add(margin_high());
      const int cmp_low = compare(value, margin_low);
      const int cmp_high = compare(value_high, scale);
      low = is_even ? cmp_low <= 0 : cmp_low < 0;
      high = is_even ? cmp_high >= 0 : cmp_high > 0;
      if (((low || high) && digit_exponent <= cutoff_min_exponent) ||
          digit_exponent == cutoff_max_exponent) {
        break;
      }
    } else if (compare(value, zero) == 0 || digit_exponent == cutoff_max_exponent) {
      break;  // the exact digits are exhausted, or the cutoff is reached
    }
    out.digits += static_cast<char>('0' + digit);
    value.multiply(10);
    if (dmode == digit_mode::unique) margin_low.multiply(10);
  }

  // Either neighbour digit identifies the value, or neither does (cutoff): take the nearer,
  // an exact half going to the even digit.
  bool round_down = low;
  if (low == high) {
    value.shift_left(1);
    const int cmp = compare(value, scale);
    round_down = cmp < 0 || (cmp == 0 && digit % 2 == 0);
  }
  if (round_down) {
    out.digits += static_cast<char>('0' + digit);
  } else if (digit < 9) {
    out.digits += static_cast<char>('0' + digit + 1);
  } else {
    while (!out.digits.empty() && out.digits.back() == '9') out.digits.pop_back();
    if (out.digits.empty()) {
      out.digits = "1";
      ++out.exponent;
    } else {
      ++out.digits.back();
    }
  }
  return out;
}

/// NumPy's `trim`: 'k' keeps trailing zeros and the point, '.' trims the zeros, '0' trims all
/// but one zero after the point, '-' trims the zeros and the point.
enum class trim_mode { none, zeros, leave_one_zero, dpt_zeros };

/// How one float is printed: the arguments of NumPy's dragon4_positional/scientific.
struct dragon4_options {
  digit_mode digits = digit_mode::unique;
  cutoff_mode cutoff = cutoff_mode::fraction_length;  // positional only
  int precision = -1;                                 // -1: no cutoff
  int min_digits = -1;
  trim_mode trim = trim_mode::none;
  bool sign = false;  // '+' on positive values
  int pad_left = -1;
  int pad_right = -1;   // positional only
  int exp_digits = -1;  // scientific only
};

/// NumPy's FormatPositional for a finite value.
std::string format_positional(const float_value& x, const dragon4_options& o) {
  std::string out;
  int has_sign = 0;
  if (x.negative || o.sign) {
    out += x.negative ? '-' : '+';
    has_sign = 1;
  }
  const decimal_digits d = dragon4(x.bits, o.digits, o.cutoff, o.precision, o.min_digits);
  const int num_digits = static_cast<int>(d.digits.size());
  int whole_digits = 1, fraction_digits = 0;
  if (d.exponent >= 0) {
    whole_digits = d.exponent + 1;
    if (num_digits <= whole_digits) {
      out += d.digits;
      out.append(static_cast<std::size_t>(whole_digits - num_digits), '0');
    } else {
      out.append(d.digits, 0, static_cast<std::size_t>(whole_digits));
      out += '.';
      out.append(d.digits, static_cast<std::size_t>(whole_digits), std::string::npos);
      fraction_digits = num_digits - whole_digits;
    }
  } else {
    const int zeros = -(d.exponent + 1);
    out += "0.";
    out.append(static_cast<std::size_t>(zeros), '0');
    out += d.digits;
    fraction_digits = num_digits + zeros;
  }
  if (o.trim != trim_mode::dpt_zeros && fraction_digits == 0) out += '.';

  const int add_digits = o.digits == digit_mode::unique ? o.min_digits : o.precision;
  int desired = add_digits < 0 ? 0 : add_digits;
  if (o.cutoff == cutoff_mode::total_length) desired = add_digits - whole_digits;
  if (o.trim == trim_mode::leave_one_zero) {
    if (fraction_digits == 0) {
      out += '0';
      ++fraction_digits;
    }
  } else if (o.trim == trim_mode::none && desired > fraction_digits) {
    out.append(static_cast<std::size_t>(desired - fraction_digits), '0');
    fraction_digits = desired;
  }
  // Rounding may still leave trailing zeros.
  if (o.trim != trim_mode::none && fraction_digits > 0) {
    while (out.back() == '0') {
      out.pop_back();
      --fraction_digits;
    }
    if (out.back() == '.') {
      if (o.trim == trim_mode::leave_one_zero) {
        out += '0';
        ++fraction_digits;
      } else if (o.trim == trim_mode::dpt_zeros) {
        out.pop_back();
      }
    }
  }
  if (o.pad_right >= fraction_digits) {
    if (o.trim == trim_mode::dpt_zeros && fraction_digits == 0) out += ' ';  // the point's place
    out.append(static_cast<std::size_t>(o.pad_right - fraction_digits), ' ');
  }
  if (o.pad_left > whole_digits + has_sign) {
    out.insert(0, static_cast<std::size_t>(o.pad_left - whole_digits - has_sign), ' ');
  }
  return out;
}

/// NumPy's FormatScientific for a finite value.
std::string format_scientific(const float_value& x, const dragon4_options& o) {
  std::string out;
  const int left_chars = 1 + ((x.negative || o.sign) ? 1 : 0);
  if (o.pad_left > left_chars) out.append(static_cast<std::size_t>(o.pad_left - left_chars), ' ');
  if (x.negative || o.sign) out += x.negative ? '-' : '+';
  const decimal_digits d =
      dragon4(x.bits, o.digits, cutoff_mode::total_length, o.precision < 0 ? -1 : o.precision + 1,
              o.min_digits < 0 ? -1 : o.min_digits + 1);
  out += d.digits[0];
  int fraction_digits = static_cast<int>(d.digits.size()) - 1;
  if (fraction_digits > 0) {
    out += '.';
    out.append(d.digits, 1, std::string::npos);
  }
  if (o.trim != trim_mode::dpt_zeros && fraction_digits == 0) out += '.';
  int add_digits = o.digits == digit_mode::unique ? o.min_digits : o.precision;
  add_digits = add_digits < 0 ? 0 : add_digits;
  if (o.trim == trim_mode::leave_one_zero) {
    if (fraction_digits == 0) {
      out += '0';
      ++fraction_digits;
    }
  } else if (o.trim == trim_mode::none && add_digits > fraction_digits) {
    out.append(static_cast<std::size_t>(add_digits - fraction_digits), '0');
    fraction_digits = add_digits;
  }
  if (o.trim != trim_mode::none && fraction_digits > 0) {
    while (out.back() == '0') {
      out.pop_back();
      --fraction_digits;
    }
    if (o.trim == trim_mode::leave_one_zero && out.back() == '.') {
      out += '0';
      ++fraction_digits;
    }
  }
  int e = d.exponent;
  out += 'e';
  out += e < 0 ? '-' : '+';
  e = e < 0 ? -e : e;
  const std::string exp_str = std::to_string(e);
  const int width = o.exp_digits < 0 ? 2 : std::min(o.exp_digits, 5);
  if (static_cast<int>(exp_str.size()) < width) {
    out.append(static_cast<std::size_t>(width) - exp_str.size(), '0');
  }
  return out + exp_str;
}

/// NumPy's PrintInfNan: "inf" signed, "nan" never; no padding.
std::string format_non_finite(const float_value& x, bool sign) {
  if (x.nan) return "nan";
  if (x.negative) return "-inf";
  return sign ? "+inf" : "inf";
}

std::string dragon4_positional(const float_value& x, const dragon4_options& o) {
  return x.finite() ? format_positional(x, o) : format_non_finite(x, o.sign);
}
std::string dragon4_scientific(const float_value& x, const dragon4_options& o) {
  return x.finite() ? format_scientific(x, o) : format_non_finite(x, o.sign);
}

/// What FloatingFormat and the scalar str need to know about the element type.
struct float_kind {
  double exp_cutoff_max;    // 10**min(8, finfo(dtype).precision)
  double max_positional;    // a scalar's str is positional below this (scalartypes.c.src)
  double (*round)(double);  // rounding of a double to the element type
};

double round_to_float16(double q) {
  if (!(q < 65520.0)) return q;  // at or past float16's overflow: stays past any threshold
  int e = 0;
  const double f = std::frexp(q, &e);  // normal float16 range only: all that is asked here
  return std::ldexp(std::nearbyint(std::ldexp(f, 11)), e - 11);
}
double round_to_float32(double q) {
  if (!(q <= static_cast<double>(std::numeric_limits<float>::max()))) return q;
  return static_cast<double>(static_cast<float>(q));
}
double round_to_float64(double q) { return q; }

constexpr float_kind kFloat16Kind{1e3, 1e3, round_to_float16};
constexpr float_kind kFloat32Kind{1e6, 1e6, round_to_float32};
constexpr float_kind kFloat64Kind{1e8, 1e16, round_to_float64};

/// NumPy's FloatingFormat: one notation, precision and padding for all the elements shown,
/// chosen from those elements under the print options.
class float_format {
 public:
  float_format(const std::vector<float_value>& data, const float_kind& kind,
               const printoptions& options, char sign)
      : sign_(sign), nanstr_(options.nanstr), infstr_(options.infstr) {
    const bool fixed = options.floatmode == "fixed";
    precision_ = options.floatmode == "unique" ? -1 : options.precision.value_or(-1);

    // Scientific notation when a finite non-zero magnitude reaches the cutoff or, unless
    // suppressed, when they span more than 1e3 or go below 1e-4; the comparisons run in the
    // element type, as NumPy's do.
    double max_val = 0, min_val = std::numeric_limits<double>::infinity();
    bool any_non_zero = false, any_finite = false, any_non_finite = false, any_neg_inf = false;
    bool any_signbit = false;
    for (const auto& x : data) {
      if (!x.finite()) {
        any_non_finite = true;
        any_neg_inf = any_neg_inf || (x.inf && x.negative);
        continue;
      }
      any_finite = true;
      any_signbit = any_signbit || x.negative;
      if (x.value == 0) continue;
      any_non_zero = true;
      max_val = std::max(max_val, std::fabs(x.value));
      min_val = std::min(min_val, std::fabs(x.value));
    }
    if (any_non_zero) {
      exp_format_ = max_val >= kind.exp_cutoff_max ||
                    (!options.suppress &&
                     (min_val < kind.round(1e-4) || kind.round(max_val / min_val) > 1000.));
    }

    dragon4_options first;  // the first pass, which measures
    first.precision = precision_;
    first.trim = fixed ? trim_mode::none : trim_mode::zeros;
    first.digits = fixed ? digit_mode::exact : digit_mode::unique;
    first.sign = sign_ == '+';
    if (!any_finite) {
      pad_left_ = pad_right_ = 0;
      opts_.trim = trim_mode::zeros;
    } else if (exp_format_) {
      std::size_t frac = 0, left = 0, exp_len = 0;
      for (const auto& x : data) {
        if (!x.finite()) continue;
        const std::string s = format_scientific(x, first);
        const std::size_t dot = s.find('.'), e = s.find('e');
        left = std::max(left, dot);
        frac = std::max(frac, e - dot - 1);
        exp_len = std::max(exp_len, s.size() - e - 1);
      }
      opts_.digits = first.digits;
      opts_.exp_digits = static_cast<int>(exp_len) - 1;
      opts_.precision = opts_.min_digits = static_cast<int>(frac);
      opts_.trim = trim_mode::none;
      pad_left_ = static_cast<int>(left);
      pad_right_ = opts_.exp_digits + 2 + opts_.precision;
    } else {
      first.cutoff = cutoff_mode::fraction_length;
      std::size_t frac = 0, left = 0;
      for (const auto& x : data) {
        if (!x.finite()) continue;
        const std::string s = format_positional(x, first);
        const std::size_t dot = s.find('.');
        left = std::max(left, dot);
        frac = std::max(frac, s.size() - dot - 1);
      }
      pad_left_ = static_cast<int>(left);
      pad_right_ = static_cast<int>(frac);
      opts_.digits = first.digits;
      opts_.precision = precision_;
      if (fixed || options.floatmode == "maxprec_equal") {
        opts_.precision = opts_.min_digits = pad_right_;
        opts_.trim = trim_mode::none;
      } else {
        opts_.trim = trim_mode::zeros;
        opts_.min_digits = 0;
      }
    }
    // sign ' ': a column for the sign when no value shown has one.
    if (sign_ == ' ' && !any_signbit) ++pad_left_;
    if (any_non_finite) {
      // nanstr / infstr are right-aligned with the decimal points of the numbers.
      const int neg_inf = (sign_ != '-' || any_neg_inf) ? 1 : 0;
      const int offset = pad_right_ + 1;
      pad_left_ = std::max({pad_left_, static_cast<int>(nanstr_.size()) - offset,
                            static_cast<int>(infstr_.size()) + neg_inf - offset});
    }
    opts_.sign = sign_ == '+';
    opts_.pad_left = pad_left_;
    opts_.pad_right = pad_right_;
  }

  std::string operator()(const float_value& x) const {
    if (!x.finite()) {
      std::string s;
      if (x.nan) {
        s = (sign_ == '+' ? "+" : "") + nanstr_;
      } else {
        s = (x.negative ? "-" : sign_ == '+' ? "+" : "") + infstr_;
      }
      const int width = pad_left_ + pad_right_ + 1;
      if (width > static_cast<int>(s.size())) s.insert(0, width - s.size(), ' ');
      return s;
    }
    if (exp_format_) {
      dragon4_options o = opts_;
      o.pad_right = -1;
      return format_scientific(x, o);
    }
    dragon4_options o = opts_;
    o.cutoff = cutoff_mode::fraction_length;
    o.exp_digits = -1;
    return format_positional(x, o);
  }

 private:
  char sign_;
  std::string nanstr_;
  std::string infstr_;
  int precision_ = -1;
  bool exp_format_ = false;
  int pad_left_ = 0, pad_right_ = 0;
  dragon4_options opts_;
};

/// The str of a NumPy float scalar (a 0-d array's numpy.array_str): positional with one zero
/// kept ("3.0") from 1e-4 to the type's max_positional, else scientific ("1e+20"); `sign` shows
/// a '+' on positive values (the imaginary part of a complex).
std::string scalar_float_str(const float_value& x, const float_kind& kind, trim_mode trim_pos,
                             trim_mode trim_sci, bool sign) {
  dragon4_options o;
  o.sign = sign;
  o.cutoff = cutoff_mode::total_length;
  const double a = std::fabs(x.value);
  const bool positional = x.nan || x.value == 0 || (a < kind.max_positional && a >= 1e-4);
  if (positional) {
    o.trim = trim_pos;
    return dragon4_positional(x, o);
  }
  o.trim = trim_sci;
  return dragon4_scientific(x, o);
}

// ------------------------------------------------------------------------------------------------
// Element readers: the only dtype-dependent code. Each turns the elements shown (flat C-order
// offsets into `data`) into their strings, formatted together as NumPy formats them.
// ------------------------------------------------------------------------------------------------

using offsets_t = std::vector<std::int64_t>;

template <class T>
T load(const void* data, std::int64_t offset) {
  T v;
  std::memcpy(&v, static_cast<const char*>(data) + offset * static_cast<std::int64_t>(sizeof(T)),
              sizeof(T));
  return v;
}

std::vector<std::string> format_bools(const void* data, const offsets_t& offsets, bool zero_d) {
  std::vector<std::string> words;
  words.reserve(offsets.size());
  // " True" lines up with "False" in arrays; a 0-d array has nothing to line up with.
  const char* true_str = zero_d ? "True" : " True";
  for (auto o : offsets) words.emplace_back(load<std::uint8_t>(data, o) != 0 ? true_str : "False");
  return words;
}

/// NumPy's IntegerFormat: right-aligned to the widest, with the sign option applied ('+' and ' '
/// mark non-negative values unless, for ' ', a value is negative).
template <class T>
std::vector<std::string> format_ints(const void* data, const offsets_t& offsets, char sign) {
  std::vector<std::string> words;
  words.reserve(offsets.size());
  T lo = load<T>(data, offsets[0]), hi = lo;
  for (auto o : offsets) {
    const T v = load<T>(data, o);
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  if (sign == ' ' && lo < T{0}) sign = '-';
  const bool mark = sign == '+' || sign == ' ';
  const std::size_t width =
      std::max(std::to_string(hi).size() + (hi >= T{0} && mark ? 1 : 0), std::to_string(lo).size());
  for (auto o : offsets) {
    const T v = load<T>(data, o);
    std::string w = std::to_string(v);
    if (v >= T{0} && mark) w.insert(0, 1, sign);
    w.insert(0, width - w.size(), ' ');
    words.push_back(std::move(w));
  }
  return words;
}

template <class Bits, int kMantissaBits, int kExponentBits>
std::vector<float_value> load_floats(const void* data, const offsets_t& offsets, int stride,
                                     int part) {
  std::vector<float_value> values;
  values.reserve(offsets.size());
  for (auto o : offsets) {
    values.push_back(
        decode_ieee<kMantissaBits, kExponentBits>(load<Bits>(data, o * stride + part)));
  }
  return values;
}

template <class Bits, int kMantissaBits, int kExponentBits>
std::vector<std::string> format_floats(const void* data, const offsets_t& offsets,
                                       const float_kind& kind, const printoptions& options) {
  const auto values = load_floats<Bits, kMantissaBits, kExponentBits>(data, offsets, 1, 0);
  const float_format fmt(values, kind, options, options.sign);
  std::vector<std::string> words;
  words.reserve(values.size());
  for (const auto& v : values) words.push_back(fmt(v));
  return words;
}

/// NumPy's ComplexFloatingFormat: the real parts formatted together, the imaginary parts
/// together with a sign always shown, the 'j' placed before the imaginary part's padding.
template <class Bits, int kMantissaBits, int kExponentBits>
std::vector<std::string> format_complexes(const void* data, const offsets_t& offsets,
                                          const float_kind& kind, const printoptions& options) {
  const auto re = load_floats<Bits, kMantissaBits, kExponentBits>(data, offsets, 2, 0);
  const auto im = load_floats<Bits, kMantissaBits, kExponentBits>(data, offsets, 2, 1);
  const float_format re_fmt(re, kind, options, options.sign), im_fmt(im, kind, options, '+');
  std::vector<std::string> words;
  words.reserve(re.size());
  for (std::size_t k = 0; k < re.size(); ++k) {
    std::string i = im_fmt(im[k]);
    i.insert(i.find_last_not_of(' ') + 1, 1, 'j');
    words.push_back(re_fmt(re[k]) + i);
  }
  return words;
}

/// NumPy has no bfloat16; ml_dtypes adds one whose arrays print each element with the scalar's
/// str, `std::ostream << float` (printf's %g, 6 significant digits), with no alignment and no
/// print option but the layout ones.
std::string bfloat16_str(std::uint16_t raw) {
  const std::uint32_t bits = std::uint32_t{raw} << 16;
  float f;
  std::memcpy(&f, &bits, sizeof f);
  if (std::isnan(f)) f = std::fabs(f);  // ml_dtypes prints every NaN as "nan"
  char buf[32];
  const auto r =
      std::to_chars(buf, buf + sizeof buf, static_cast<double>(f), std::chars_format::general, 6);
  return std::string(buf, r.ptr);
}

std::vector<std::string> format_bfloat16s(const void* data, const offsets_t& offsets) {
  std::vector<std::string> words;
  words.reserve(offsets.size());
  for (auto o : offsets) words.push_back(bfloat16_str(load<std::uint16_t>(data, o)));
  return words;
}

std::vector<std::string> format_elements(const void* data, dtype d, const offsets_t& offsets,
                                         bool zero_d, const printoptions& o) {
  switch (d) {
    case dtype::bool_:
      return format_bools(data, offsets, zero_d);
    case dtype::int8:
      return format_ints<std::int8_t>(data, offsets, o.sign);
    case dtype::int16:
      return format_ints<std::int16_t>(data, offsets, o.sign);
    case dtype::int32:
      return format_ints<std::int32_t>(data, offsets, o.sign);
    case dtype::int64:
      return format_ints<std::int64_t>(data, offsets, o.sign);
    case dtype::uint8:
      return format_ints<std::uint8_t>(data, offsets, o.sign);
    case dtype::uint16:
      return format_ints<std::uint16_t>(data, offsets, o.sign);
    case dtype::uint32:
      return format_ints<std::uint32_t>(data, offsets, o.sign);
    case dtype::uint64:
      return format_ints<std::uint64_t>(data, offsets, o.sign);
    case dtype::float16:
      return format_floats<std::uint16_t, 10, 5>(data, offsets, kFloat16Kind, o);
    case dtype::bfloat16:
      return format_bfloat16s(data, offsets);
    case dtype::float32:
      return format_floats<std::uint32_t, 23, 8>(data, offsets, kFloat32Kind, o);
    case dtype::float64:
      return format_floats<std::uint64_t, 52, 11>(data, offsets, kFloat64Kind, o);
    case dtype::complex64:
      return format_complexes<std::uint32_t, 23, 8>(data, offsets, kFloat32Kind, o);
    case dtype::complex128:
      return format_complexes<std::uint64_t, 52, 11>(data, offsets, kFloat64Kind, o);
  }
  return {};
}

/// The str of the one element of a 0-d array, as NumPy's scalar str: "3.0", "1e-05", "(1+2j)",
/// "2j", "True", "-7".
template <class Bits, int kMantissaBits, int kExponentBits>
std::string complex_scalar_str(const void* data, const float_kind& kind) {
  const auto re = decode_ieee<kMantissaBits, kExponentBits>(load<Bits>(data, 0));
  const auto im = decode_ieee<kMantissaBits, kExponentBits>(load<Bits>(data, 1));
  const trim_mode t = trim_mode::dpt_zeros;
  if (re.value == 0 && !re.negative) return scalar_float_str(im, kind, t, t, false) + "j";
  const std::string r = re.finite()   ? scalar_float_str(re, kind, t, t, false)
                        : re.nan      ? "nan"
                        : re.negative ? "-inf"
                                      : "inf";
  const std::string i = im.finite()   ? scalar_float_str(im, kind, t, t, true)
                        : im.nan      ? "+nan"
                        : im.negative ? "-inf"
                                      : "+inf";
  return "(" + r + i + "j)";
}

std::string scalar_str(const void* data, dtype d) {
  const trim_mode pos = trim_mode::leave_one_zero, sci = trim_mode::dpt_zeros;
  switch (d) {
    case dtype::bool_:
      return load<std::uint8_t>(data, 0) != 0 ? "True" : "False";
    case dtype::int8:
      return std::to_string(load<std::int8_t>(data, 0));
    case dtype::int16:
      return std::to_string(load<std::int16_t>(data, 0));
    case dtype::int32:
      return std::to_string(load<std::int32_t>(data, 0));
    case dtype::int64:
      return std::to_string(load<std::int64_t>(data, 0));
    case dtype::uint8:
      return std::to_string(load<std::uint8_t>(data, 0));
    case dtype::uint16:
      return std::to_string(load<std::uint16_t>(data, 0));
    case dtype::uint32:
      return std::to_string(load<std::uint32_t>(data, 0));
    case dtype::uint64:
      return std::to_string(load<std::uint64_t>(data, 0));
    case dtype::float16:
      return scalar_float_str(decode_ieee<10, 5>(load<std::uint16_t>(data, 0)), kFloat16Kind, pos,
                              sci, false);
    case dtype::bfloat16:
      return bfloat16_str(load<std::uint16_t>(data, 0));
    case dtype::float32:
      return scalar_float_str(decode_ieee<23, 8>(load<std::uint32_t>(data, 0)), kFloat32Kind, pos,
                              sci, false);
    case dtype::float64:
      return scalar_float_str(decode_ieee<52, 11>(load<std::uint64_t>(data, 0)), kFloat64Kind, pos,
                              sci, false);
    case dtype::complex64:
      return complex_scalar_str<std::uint32_t, 23, 8>(data, kFloat32Kind);
    case dtype::complex128:
      return complex_scalar_str<std::uint64_t, 52, 11>(data, kFloat64Kind);
  }
  return {};
}

// ------------------------------------------------------------------------------------------------
// Layout: numpy's _formatArray (non-legacy), dtype-free.
// ------------------------------------------------------------------------------------------------

struct layout {
  const std::vector<std::vector<std::int64_t>>& shown;  // indices shown along each axis
  const std::vector<bool>& summarised;                  // axes shown with "..."
  const std::vector<std::string>& words;                // the shown elements, C order
  std::int64_t edgeitems;
  const std::string& separator;
  std::string separator_rstrip;
  std::size_t next = 0;

  /// Appends `word` to `line`, first moving `line` into `s` when the word would pass `width`,
  /// unless the line holds nothing but its indent (wrapping would not help).
  static void extend_line(std::string& s, std::string& line, const std::string& word,
                          std::int64_t width, const std::string& indent) {
    if (static_cast<std::int64_t>(line.size() + word.size()) > width &&
        line.size() > indent.size()) {
      s.append(line, 0, line.find_last_not_of(' ') + 1);
      s += '\n';
      line = indent;
    }
    line += word;
  }

  std::string format(std::size_t axis, const std::string& indent, std::int64_t width) {
    const std::size_t n = shown[axis].size();
    const bool summary = summarised[axis];
    const auto leading = static_cast<std::size_t>(edgeitems);
    std::string s;
    if (axis + 1 == shown.size()) {
      // The last axis: elements wrapped to the width, less room for the separator or ']'.
      const std::int64_t elem_width =
          width - static_cast<std::int64_t>(std::max<std::size_t>(separator_rstrip.size(), 1));
      std::string line = indent;
      for (std::size_t k = 0; k < n; ++k) {
        if (summary && k == leading) {
          extend_line(s, line, "...", elem_width, indent);
          line += separator;
        }
        extend_line(s, line, words[next++], elem_width, indent);
        if (k + 1 < n) line += separator;
      }
      s += line;
    } else {
      // Rows one per line, separated by one blank line per axis left below the next one.
      const std::string line_sep = separator_rstrip + std::string(shown.size() - axis - 1, '\n');
      const std::string next_indent = indent + ' ';
      for (std::size_t k = 0; k < n; ++k) {
        if (summary && k == leading) s += indent + "..." + line_sep;
        s += indent;
        s += format(axis + 1, next_indent, width - 1);
        if (k + 1 < n) s += line_sep;
      }
    }
    return "[" + s.substr(indent.size()) + "]";
  }
};

std::string rstrip(const std::string& s) {
  const std::size_t end = s.find_last_not_of(" \t\n\r\f\v");
  return end == std::string::npos ? std::string() : s.substr(0, end + 1);
}

// Note [Print options per thread]: NumPy 2 keeps its print options in a context variable, so
// that each thread (and each asyncio task) has its own: a thread starts with the defaults and
// set_printoptions or `with np.printoptions(...)` changes the calling thread's options only. The
// closest C++ equivalent is a thread_local: a new std::thread prints with the defaults whatever
// the thread that started it set, and no lock is needed to print.
thread_local printoptions current_options;

}  // namespace

void check_printoptions(const printoptions& o) {
  static const char* const kModes[] = {"fixed", "unique", "maxprec", "maxprec_equal"};
  CUPP_EXPECTS(std::find(std::begin(kModes), std::end(kModes), o.floatmode) != std::end(kModes),
               value_error,
               "floatmode option must be one of \"fixed\", \"unique\", \"maxprec\", "
               "\"maxprec_equal\"");
  CUPP_EXPECTS(o.sign == '-' || o.sign == '+' || o.sign == ' ', value_error,
               "sign option must be one of ' ', '+', or '-'");
  CUPP_EXPECTS(!o.precision || *o.precision >= 0, value_error, "precision must be >= 0");
  CUPP_EXPECTS(o.precision || o.floatmode != "fixed", type_error,
               "in non-unique mode `precision` must be supplied");
  CUPP_EXPECTS(o.threshold >= 0, value_error, "threshold must be >= 0");
  CUPP_EXPECTS(o.edgeitems >= 0, value_error, "edgeitems must be >= 0");
  CUPP_EXPECTS(o.linewidth >= 0, value_error, "linewidth must be >= 0");
}

std::string format_array2string(const void* data, dtype d, const shape_t& shape,
                                const printoptions& options, const std::string& separator,
                                const std::string& prefix, const std::string& suffix) {
  check_printoptions(options);
  const std::int64_t size = shape_size(shape);
  if (size == 0) return "[]";
  const bool summarise = size > options.threshold;
  const std::int64_t e = options.edgeitems;
  // NumPy formats only what it shows: the first and last `edgeitems` along each long axis.
  std::vector<std::vector<std::int64_t>> shown(shape.size());
  std::vector<bool> summarised(shape.size(), false);
  for (std::size_t a = 0; a < shape.size(); ++a) {
    const std::int64_t n = shape[a];
    if (summarise && 2 * e < n) {
      summarised[a] = true;
      for (std::int64_t i = 0; i < e; ++i) shown[a].push_back(i);
      // With edgeitems 0 NumPy still shows the last entry after the "...".
      for (std::int64_t i = n - std::max<std::int64_t>(e, 1); i < n; ++i) shown[a].push_back(i);
    } else {
      for (std::int64_t i = 0; i < n; ++i) shown[a].push_back(i);
    }
  }
  offsets_t offsets{0};
  for (std::size_t a = 0; a < shape.size(); ++a) {
    offsets_t next;
    next.reserve(offsets.size() * shown[a].size());
    for (auto o : offsets) {
      for (auto i : shown[a]) next.push_back(o * shape[a] + i);
    }
    offsets.swap(next);
  }
  const std::vector<std::string> words = format_elements(data, d, offsets, shape.empty(), options);
  if (shape.empty()) return words[0];
  layout l{shown, summarised, words, e, separator, rstrip(separator)};
  // Continuation lines start under the first element, one column past the prefix and "[".
  return l.format(0, std::string(prefix.size() + 1, ' '),
                  options.linewidth - static_cast<std::int64_t>(suffix.size()));
}

std::string format_repr(const void* data, dtype d, const shape_t& shape,
                        const printoptions& options) {
  static const std::string kPrefix = "array(";
  const std::int64_t size = shape_size(shape);
  const std::string body = format_array2string(data, d, shape, options, ", ", kPrefix, ")");

  // The shape when the text does not show it, the dtype when the values do not imply it.
  std::vector<std::string> extras;
  if ((size == 0 && shape != shape_t{0}) || size > options.threshold)
    extras.push_back("shape=" + shape_str(shape));
  const bool implied =
      d == dtype::float64 || d == dtype::int64 || d == dtype::bool_ || d == dtype::complex128;
  if (!implied || size == 0) extras.push_back(std::string("dtype=") + dtype_name(d));
  std::string out = kPrefix + body;
  if (extras.empty()) return out + ")";
  out += ",";
  std::string extra = extras[0];
  for (std::size_t k = 1; k < extras.size(); ++k) extra += ", " + extras[k];
  extra += ")";
  // The extras go on a line of their own when they would pass the line width.
  const std::size_t last_line = out.size() - (out.rfind('\n') + 1);
  if (static_cast<std::int64_t>(last_line + extra.size() + 1) > options.linewidth) {
    out += "\n" + std::string(kPrefix.size(), ' ');
  } else {
    out += ' ';
  }
  return out + extra;
}

std::string format_repr(const void* data, dtype d, const shape_t& shape) {
  return format_repr(data, d, shape, current_options);
}

std::string format_str(const void* data, dtype d, const shape_t& shape,
                       const printoptions& options) {
  if (shape.empty()) return scalar_str(data, d);
  return format_array2string(data, d, shape, options, " ", "", "");
}

}  // namespace detail

printoptions get_printoptions() { return detail::current_options; }

void set_printoptions(const printoptions& options) {
  detail::check_printoptions(options);
  detail::current_options = options;
}

namespace {

int none_or_positive(std::optional<int> x, const char* name) {
  if (!x) return -1;
  CUPP_EXPECTS(*x >= 0, value_error, std::string(name) + " must be >= 0");
  return *x;
}

detail::trim_mode parse_trim(char trim) {
  switch (trim) {
    case 'k':
      return detail::trim_mode::none;
    case '.':
      return detail::trim_mode::zeros;
    case '0':
      return detail::trim_mode::leave_one_zero;
    case '-':
      return detail::trim_mode::dpt_zeros;
    default:
      throw value_error(std::string("if supplied, trim must be 'k', '.', '0' or '-' found `") +
                        trim + "`");
  }
}

/// numpy.format_float_positional's argument checks and the call of dragon4_positional.
std::string positional(const detail::float_value& x, std::optional<int> precision, bool unique,
                       bool fractional, char trim, bool sign, std::optional<int> pad_left,
                       std::optional<int> pad_right, std::optional<int> min_digits) {
  detail::dragon4_options o;
  o.precision = none_or_positive(precision, "precision");
  o.pad_left = none_or_positive(pad_left, "pad_left");
  o.pad_right = none_or_positive(pad_right, "pad_right");
  o.min_digits = none_or_positive(min_digits, "min_digits");
  CUPP_EXPECTS(fractional || o.precision != 0, value_error,
               "precision must be greater than 0 if fractional=False");
  CUPP_EXPECTS(!(o.min_digits > 0 && o.precision > 0 && o.min_digits > o.precision), value_error,
               "min_digits must be less than or equal to precision");
  o.trim = parse_trim(trim);
  CUPP_EXPECTS(unique || o.precision >= 0, type_error,
               "in non-unique mode `precision` must be supplied");
  o.digits = unique ? detail::digit_mode::unique : detail::digit_mode::exact;
  o.cutoff = fractional ? detail::cutoff_mode::fraction_length : detail::cutoff_mode::total_length;
  o.sign = sign;
  return detail::dragon4_positional(x, o);
}

/// numpy.format_float_scientific's argument checks and the call of dragon4_scientific.
std::string scientific(const detail::float_value& x, std::optional<int> precision, bool unique,
                       char trim, bool sign, std::optional<int> pad_left,
                       std::optional<int> exp_digits, std::optional<int> min_digits) {
  detail::dragon4_options o;
  o.precision = none_or_positive(precision, "precision");
  o.pad_left = none_or_positive(pad_left, "pad_left");
  o.exp_digits = none_or_positive(exp_digits, "exp_digits");
  o.min_digits = none_or_positive(min_digits, "min_digits");
  CUPP_EXPECTS(!(o.min_digits > 0 && o.precision > 0 && o.min_digits > o.precision), value_error,
               "min_digits must be less than or equal to precision");
  o.trim = parse_trim(trim);
  CUPP_EXPECTS(unique || o.precision >= 0, type_error,
               "in non-unique mode `precision` must be supplied");
  o.digits = unique ? detail::digit_mode::unique : detail::digit_mode::exact;
  o.sign = sign;
  return detail::dragon4_scientific(x, o);
}

detail::float_value decode(double x) {
  std::uint64_t raw;
  std::memcpy(&raw, &x, sizeof raw);
  return detail::decode_ieee<52, 11>(raw);
}
detail::float_value decode(float x) {
  std::uint32_t raw;
  std::memcpy(&raw, &x, sizeof raw);
  return detail::decode_ieee<23, 8>(raw);
}
detail::float_value decode(float16 x) { return detail::decode_ieee<10, 5>(x.bits); }

}  // namespace

std::string format_float_positional(double x, std::optional<int> precision, bool unique,
                                    bool fractional, char trim, bool sign,
                                    std::optional<int> pad_left, std::optional<int> pad_right,
                                    std::optional<int> min_digits) {
  return positional(decode(x), precision, unique, fractional, trim, sign, pad_left, pad_right,
                    min_digits);
}
std::string format_float_positional(float x, std::optional<int> precision, bool unique,
                                    bool fractional, char trim, bool sign,
                                    std::optional<int> pad_left, std::optional<int> pad_right,
                                    std::optional<int> min_digits) {
  return positional(decode(x), precision, unique, fractional, trim, sign, pad_left, pad_right,
                    min_digits);
}
std::string format_float_positional(float16 x, std::optional<int> precision, bool unique,
                                    bool fractional, char trim, bool sign,
                                    std::optional<int> pad_left, std::optional<int> pad_right,
                                    std::optional<int> min_digits) {
  return positional(decode(x), precision, unique, fractional, trim, sign, pad_left, pad_right,
                    min_digits);
}

std::string format_float_scientific(double x, std::optional<int> precision, bool unique, char trim,
                                    bool sign, std::optional<int> pad_left,
                                    std::optional<int> exp_digits, std::optional<int> min_digits) {
  return scientific(decode(x), precision, unique, trim, sign, pad_left, exp_digits, min_digits);
}
std::string format_float_scientific(float x, std::optional<int> precision, bool unique, char trim,
                                    bool sign, std::optional<int> pad_left,
                                    std::optional<int> exp_digits, std::optional<int> min_digits) {
  return scientific(decode(x), precision, unique, trim, sign, pad_left, exp_digits, min_digits);
}
std::string format_float_scientific(float16 x, std::optional<int> precision, bool unique, char trim,
                                    bool sign, std::optional<int> pad_left,
                                    std::optional<int> exp_digits, std::optional<int> min_digits) {
  return scientific(decode(x), precision, unique, trim, sign, pad_left, exp_digits, min_digits);
}

}  // namespace cupp
