// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// NumPy's array repr for host data of any dtype: the layout of numpy/_core/arrayprint.py with the
// default print options of NumPy 2.3 and later, and the Dragon4 float printing of
// numpy/_core/src/multiarray/dragon4.c that it rests on. Everything here is dtype-erased except the
// element readers, which a switch over the dtype instantiates.
#include "cupp/detail/format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

namespace cupp::detail {
namespace {

// numpy.get_printoptions() of NumPy 2: precision, threshold, edgeitems, linewidth. floatmode is
// 'maxprec', suppress False, sign '-', legacy off; those are built into the code below.
constexpr int kPrecision = 8;
constexpr std::int64_t kThreshold = 1000;
constexpr std::int64_t kEdgeItems = 3;
constexpr std::size_t kLineWidth = 75;
constexpr const char* kPrefix = "array(";

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

/// Decimal digits d0 d1 d2 ... meaning d0.d1d2... * 10^exponent.
struct decimal_digits {
  std::string digits;
  int exponent = 0;
};

/// Dragon4 in NumPy's 'unique' digit mode (Note [Exact float digits]): the shortest digits that
/// identify the value, but no digit past `cutoff_max` and none short of `cutoff_min` (-1: no
/// limit), both counted as total digits or as digits after the decimal point.
decimal_digits dragon4(const float_bits& f, cutoff_mode mode, int cutoff_max, int cutoff_min) {
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

  constexpr int kMaxDigits = 4096;  // far beyond any float64
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
  for (;;) {
    --digit_exponent;
    digit = 0;
    while (compare(value, scale) >= 0) {
      value.subtract(scale);
      ++digit;
    }
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
    out.digits += static_cast<char>('0' + digit);
    value.multiply(10);
    margin_low.multiply(10);
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

/// NumPy's `trim` argument: 'k' keeps trailing zeros, '.' trims them and keeps the point.
enum class trim_mode { keep, trim_zeros };

/// numpy.format_float_positional with fractional=True, unique=True.
std::string format_positional(const float_value& x, int precision, int min_digits, trim_mode trim,
                              bool plus_sign, int pad_left, int pad_right) {
  std::string out;
  int has_sign = 0;
  if (x.negative || plus_sign) {
    out += x.negative ? '-' : '+';
    has_sign = 1;
  }
  const decimal_digits d = dragon4(x.bits, cutoff_mode::fraction_length, precision, min_digits);
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
  if (fraction_digits == 0) out += '.';
  if (trim == trim_mode::keep && min_digits > fraction_digits) {
    out.append(static_cast<std::size_t>(min_digits - fraction_digits), '0');
    fraction_digits = min_digits;
  }
  if (trim == trim_mode::trim_zeros && fraction_digits > 0) {
    while (out.back() == '0') {
      out.pop_back();
      --fraction_digits;
    }
  }
  if (pad_right >= fraction_digits) {
    out.append(static_cast<std::size_t>(pad_right - fraction_digits), ' ');
  }
  if (pad_left > whole_digits + has_sign) {
    out.insert(0, static_cast<std::size_t>(pad_left - whole_digits - has_sign), ' ');
  }
  return out;
}

/// numpy.format_float_scientific with unique=True.
std::string format_scientific(const float_value& x, int precision, int min_digits, trim_mode trim,
                              bool plus_sign, int pad_left, int exp_digits) {
  std::string out;
  const int left_chars = 1 + ((x.negative || plus_sign) ? 1 : 0);
  if (pad_left > left_chars) out.append(static_cast<std::size_t>(pad_left - left_chars), ' ');
  if (x.negative || plus_sign) out += x.negative ? '-' : '+';
  const decimal_digits d =
      dragon4(x.bits, cutoff_mode::total_length, precision < 0 ? -1 : precision + 1,
              min_digits < 0 ? -1 : min_digits + 1);
  out += d.digits[0];
  out += '.';
  int fraction_digits = static_cast<int>(d.digits.size()) - 1;
  out.append(d.digits, 1, std::string::npos);
  if (trim == trim_mode::keep && min_digits > fraction_digits) {
    out.append(static_cast<std::size_t>(min_digits - fraction_digits), '0');
    fraction_digits = min_digits;
  }
  if (trim == trim_mode::trim_zeros && fraction_digits > 0) {
    while (out.back() == '0') out.pop_back();
  }
  int e = d.exponent;
  out += 'e';
  out += e < 0 ? '-' : '+';
  e = e < 0 ? -e : e;
  const std::string exp_str = std::to_string(e);
  const int width = exp_digits < 0 ? 2 : std::min(exp_digits, 5);
  if (static_cast<int>(exp_str.size()) < width) {
    out.append(static_cast<std::size_t>(width) - exp_str.size(), '0');
  }
  return out + exp_str;
}

/// What FloatingFormat needs to know about the element type.
struct float_kind {
  double exp_cutoff_max;    // 10**min(8, finfo(dtype).precision)
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

constexpr float_kind kFloat16Kind{1e3, round_to_float16};
constexpr float_kind kFloat32Kind{1e6, round_to_float32};
constexpr float_kind kFloat64Kind{1e8, round_to_float64};

/// NumPy's FloatingFormat for floatmode 'maxprec': one notation, precision and padding for all
/// the elements shown, chosen from those elements.
class float_format {
 public:
  float_format(const std::vector<float_value>& data, const float_kind& kind, bool plus_sign)
      : plus_sign_(plus_sign) {
    // Scientific notation when the finite non-zero magnitudes span more than 1e3 or leave the
    // range [1e-4, cutoff); the comparisons run in the element type, as NumPy's do.
    double max_val = 0, min_val = std::numeric_limits<double>::infinity();
    bool any_non_zero = false, any_finite = false, any_non_finite = false, any_neg_inf = false;
    for (const auto& x : data) {
      if (!x.finite()) {
        any_non_finite = true;
        any_neg_inf = any_neg_inf || (x.inf && x.negative);
        continue;
      }
      any_finite = true;
      if (x.value == 0) continue;
      any_non_zero = true;
      max_val = std::max(max_val, std::fabs(x.value));
      min_val = std::min(min_val, std::fabs(x.value));
    }
    if (any_non_zero) {
      exp_format_ = max_val >= kind.exp_cutoff_max || min_val < kind.round(1e-4) ||
                    kind.round(max_val / min_val) > 1000.;
    }

    if (!any_finite) {
      pad_left_ = pad_right_ = 0;
    } else if (exp_format_) {
      std::size_t frac = 0, left = 0, exp_len = 0;
      for (const auto& x : data) {
        if (!x.finite()) continue;
        const std::string s =
            format_scientific(x, kPrecision, -1, trim_mode::trim_zeros, plus_sign_, -1, -1);
        const std::size_t dot = s.find('.'), e = s.find('e');
        left = std::max(left, dot);
        frac = std::max(frac, e - dot - 1);
        exp_len = std::max(exp_len, s.size() - e - 1);
      }
      exp_size_ = static_cast<int>(exp_len) - 1;
      precision_ = min_digits_ = static_cast<int>(frac);
      trim_ = trim_mode::keep;
      pad_left_ = static_cast<int>(left);
      pad_right_ = exp_size_ + 2 + precision_;
    } else {
      std::size_t frac = 0, left = 0;
      for (const auto& x : data) {
        if (!x.finite()) continue;
        const std::string s =
            format_positional(x, kPrecision, -1, trim_mode::trim_zeros, plus_sign_, -1, -1);
        const std::size_t dot = s.find('.');
        left = std::max(left, dot);
        frac = std::max(frac, s.size() - dot - 1);
      }
      pad_left_ = static_cast<int>(left);
      pad_right_ = static_cast<int>(frac);
      min_digits_ = 0;
    }
    if (any_non_finite) {
      // "nan" / "inf" / "-inf" are right-aligned with the decimal points of the numbers.
      const int neg_inf = (plus_sign_ || any_neg_inf) ? 1 : 0;
      const int offset = pad_right_ + 1;
      pad_left_ = std::max({pad_left_, 3 - offset, 3 + neg_inf - offset});
    }
  }

  std::string operator()(const float_value& x) const {
    if (!x.finite()) {
      std::string s;
      if (x.nan) {
        s = plus_sign_ ? "+nan" : "nan";
      } else {
        s = x.negative ? "-inf" : (plus_sign_ ? "+inf" : "inf");
      }
      const auto width = static_cast<std::size_t>(pad_left_ + pad_right_ + 1);
      if (width > s.size()) s.insert(0, width - s.size(), ' ');
      return s;
    }
    if (exp_format_) {
      return format_scientific(x, precision_, min_digits_, trim_, plus_sign_, pad_left_, exp_size_);
    }
    return format_positional(x, precision_, min_digits_, trim_, plus_sign_, pad_left_, pad_right_);
  }

 private:
  bool plus_sign_;
  bool exp_format_ = false;
  int precision_ = kPrecision;
  int min_digits_ = -1;
  trim_mode trim_ = trim_mode::trim_zeros;
  int pad_left_ = 0, pad_right_ = 0, exp_size_ = -1;
};

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

template <class T>
std::vector<std::string> format_ints(const void* data, const offsets_t& offsets) {
  std::vector<std::string> words;
  words.reserve(offsets.size());
  std::size_t width = 0;
  for (auto o : offsets) {
    words.push_back(std::to_string(load<T>(data, o)));
    width = std::max(width, words.back().size());
  }
  for (auto& w : words) w.insert(0, width - w.size(), ' ');
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
                                       const float_kind& kind) {
  const auto values = load_floats<Bits, kMantissaBits, kExponentBits>(data, offsets, 1, 0);
  const float_format fmt(values, kind, false);
  std::vector<std::string> words;
  words.reserve(values.size());
  for (const auto& v : values) words.push_back(fmt(v));
  return words;
}

/// NumPy's ComplexFloatingFormat: the real parts formatted together, the imaginary parts
/// together with a sign always shown, the 'j' placed before the imaginary part's padding.
template <class Bits, int kMantissaBits, int kExponentBits>
std::vector<std::string> format_complexes(const void* data, const offsets_t& offsets,
                                          const float_kind& kind) {
  const auto re = load_floats<Bits, kMantissaBits, kExponentBits>(data, offsets, 2, 0);
  const auto im = load_floats<Bits, kMantissaBits, kExponentBits>(data, offsets, 2, 1);
  const float_format re_fmt(re, kind, false), im_fmt(im, kind, true);
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
/// repr, `std::ostream << float` (printf's %g, 6 significant digits), with no alignment.
std::vector<std::string> format_bfloat16s(const void* data, const offsets_t& offsets) {
  std::vector<std::string> words;
  words.reserve(offsets.size());
  for (auto o : offsets) {
    const std::uint32_t bits = std::uint32_t{load<std::uint16_t>(data, o)} << 16;
    float f;
    std::memcpy(&f, &bits, sizeof f);
    if (std::isnan(f)) f = std::fabs(f);  // ml_dtypes prints every NaN as "nan"
    char buf[32];
    const auto r =
        std::to_chars(buf, buf + sizeof buf, static_cast<double>(f), std::chars_format::general, 6);
    words.emplace_back(buf, r.ptr);
  }
  return words;
}

std::vector<std::string> format_elements(const void* data, dtype d, const offsets_t& offsets,
                                         bool zero_d) {
  switch (d) {
    case dtype::bool_:
      return format_bools(data, offsets, zero_d);
    case dtype::int8:
      return format_ints<std::int8_t>(data, offsets);
    case dtype::int16:
      return format_ints<std::int16_t>(data, offsets);
    case dtype::int32:
      return format_ints<std::int32_t>(data, offsets);
    case dtype::int64:
      return format_ints<std::int64_t>(data, offsets);
    case dtype::uint8:
      return format_ints<std::uint8_t>(data, offsets);
    case dtype::uint16:
      return format_ints<std::uint16_t>(data, offsets);
    case dtype::uint32:
      return format_ints<std::uint32_t>(data, offsets);
    case dtype::uint64:
      return format_ints<std::uint64_t>(data, offsets);
    case dtype::float16:
      return format_floats<std::uint16_t, 10, 5>(data, offsets, kFloat16Kind);
    case dtype::bfloat16:
      return format_bfloat16s(data, offsets);
    case dtype::float32:
      return format_floats<std::uint32_t, 23, 8>(data, offsets, kFloat32Kind);
    case dtype::float64:
      return format_floats<std::uint64_t, 52, 11>(data, offsets, kFloat64Kind);
    case dtype::complex64:
      return format_complexes<std::uint32_t, 23, 8>(data, offsets, kFloat32Kind);
    case dtype::complex128:
      return format_complexes<std::uint64_t, 52, 11>(data, offsets, kFloat64Kind);
  }
  return {};
}

// ------------------------------------------------------------------------------------------------
// Layout: numpy's _formatArray with the default (non-legacy) options, dtype-free.
// ------------------------------------------------------------------------------------------------

struct layout {
  const shape_t& shape;
  const std::vector<std::vector<std::int64_t>>& shown;  // indices shown along each axis
  const std::vector<std::string>& words;                // the shown elements, C order
  bool summarise;
  std::size_t next = 0;

  bool summarised(std::size_t axis) const { return summarise && 2 * kEdgeItems < shape[axis]; }

  /// Appends `word` to `line`, first moving `line` into `s` when the word would pass `width`,
  /// unless the line holds nothing but its indent (wrapping would not help).
  static void extend_line(std::string& s, std::string& line, const std::string& word,
                          std::size_t width, const std::string& indent) {
    if (line.size() + word.size() > width && line.size() > indent.size()) {
      s.append(line, 0, line.find_last_not_of(' ') + 1);
      s += '\n';
      line = indent;
    }
    line += word;
  }

  std::string format(std::size_t axis, const std::string& indent, std::size_t width) {
    const std::size_t n = shown[axis].size();
    const bool summary = summarised(axis);
    std::string s;
    if (axis + 1 == shape.size()) {
      // The last axis: elements wrapped to the width, less one column for the ',' or ']'.
      const std::size_t elem_width = width - 1;
      std::string line = indent;
      for (std::size_t k = 0; k < n; ++k) {
        extend_line(s, line, words[next++], elem_width, indent);
        if (k + 1 == n) break;
        line += ", ";
        if (summary && k + 1 == static_cast<std::size_t>(kEdgeItems)) {
          extend_line(s, line, "...", elem_width, indent);
          line += ", ";
        }
      }
      s += line;
    } else {
      // Rows one per line, separated by one blank line per axis left below the next one.
      const std::string line_sep = "," + std::string(shape.size() - axis - 1, '\n');
      const std::string next_indent = indent + ' ';
      for (std::size_t k = 0; k < n; ++k) {
        s += indent;
        s += format(axis + 1, next_indent, width - 1);
        if (k + 1 == n) break;
        s += line_sep;
        if (summary && k + 1 == static_cast<std::size_t>(kEdgeItems))
          s += indent + "..." + line_sep;
      }
    }
    return "[" + s.substr(indent.size()) + "]";
  }
};

}  // namespace

std::string format_repr(const void* data, cupp::dtype d, const cupp::shape_t& shape) {
  const std::int64_t size = shape_size(shape);
  const bool summarise = size > kThreshold;
  std::string body;
  if (size == 0) {
    body = "[]";
  } else {
    // NumPy formats only what it shows: the first and last kEdgeItems along each long axis.
    std::vector<std::vector<std::int64_t>> shown(shape.size());
    for (std::size_t a = 0; a < shape.size(); ++a) {
      const std::int64_t n = shape[a];
      if (summarise && n > 2 * kEdgeItems) {
        for (std::int64_t i = 0; i < kEdgeItems; ++i) shown[a].push_back(i);
        for (std::int64_t i = n - kEdgeItems; i < n; ++i) shown[a].push_back(i);
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
    const std::vector<std::string> words = format_elements(data, d, offsets, shape.empty());
    if (shape.empty()) {
      body = words[0];
    } else {
      layout l{shape, shown, words, summarise};
      // Continuation lines start under the first element, one column past "array([".
      body = l.format(0, std::string(std::char_traits<char>::length(kPrefix) + 1, ' '),
                      kLineWidth - 1);
    }
  }

  // The shape when the text does not show it, the dtype when the values do not imply it.
  std::vector<std::string> extras;
  if ((size == 0 && shape != shape_t{0}) || summarise)
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
  if (last_line + extra.size() + 1 > kLineWidth) {
    out += "\n" + std::string(std::char_traits<char>::length(kPrefix), ' ');
  } else {
    out += ' ';
  }
  return out + extra;
}

}  // namespace cupp::detail
