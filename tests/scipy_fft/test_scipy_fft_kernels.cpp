// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The DCT/DST kernels' item functions (kernels/cupp/scipy_fft_r2r.cuh) run on the host around a
// reference DFT in place of cuFFT, with the layout and scale of r2r_plan, against SciPy's dct,
// idct, dst and idst of small inputs (tests/data/scipy_fft/r2r_small.csv from make_fft.py):
// every type, norm and orthogonalize, n cropping and padding, lengths 1 to 8, in double and in
// float.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cupp/scipy/fft.hpp"
#include "cupp/scipy_fft_r2r.cuh"
#include "support/csv.hpp"

namespace {

namespace sfft = cupp::scipy::fft;
using cupp::fft::detail::kind;
using cd = std::complex<double>;

const char* const kNorms[] = {"backward", "ortho", "forward"};

std::vector<double> numbers(const std::string& cell) {
  std::vector<double> v;
  std::stringstream ss(cell);
  for (std::string item; std::getline(ss, item, ';');) v.push_back(std::stod(item));
  return v;
}

/// What cuFFT computes, unnormalised: C2C forward and R2C e^{-2 pi i jk / len}; C2R the inverse
/// of the Hermitian extension of its len / 2 + 1 inputs (the imaginary parts of the zero and
/// Nyquist terms ignored).
template <class R>
std::vector<R> reference_fft(const std::vector<R>& in, const sfft::detail::r2r_layout& p) {
  const std::int64_t len = p.len;
  std::vector<cd> seq(static_cast<std::size_t>(len));
  for (std::int64_t j = 0; j < len; ++j) {
    const auto u = static_cast<std::size_t>(j);
    if (p.k == kind::r2c) {
      seq[u] = static_cast<double>(in[u]);
    } else if (p.k == kind::c2c) {
      seq[u] = cd(in[2 * u], in[2 * u + 1]);
    } else {
      const std::int64_t src = j <= len / 2 ? j : len - j;
      const auto s = static_cast<std::size_t>(src);
      cd v(in[2 * s], in[2 * s + 1]);
      if (src == 0 || (len % 2 == 0 && src == len / 2)) v = v.real();
      seq[u] = j <= len / 2 ? v : std::conj(v);
    }
  }
  const bool complex_out = p.k != kind::c2r;
  std::vector<R> out(static_cast<std::size_t>(p.out_len * (complex_out ? 2 : 1)));
  const double sign = p.k == kind::c2r ? 1.0 : -1.0;
  for (std::int64_t k = 0; k < p.out_len; ++k) {
    cd s = 0.0;
    for (std::int64_t j = 0; j < len; ++j)
      s += seq[static_cast<std::size_t>(j)] *
           std::polar(1.0, sign * 2 * M_PI * static_cast<double>((j * k) % len) /
                               static_cast<double>(len));
    const auto u = static_cast<std::size_t>(k);
    if (complex_out) {
      out[2 * u] = static_cast<R>(s.real());
      out[2 * u + 1] = static_cast<R>(s.imag());
    } else {
      out[u] = static_cast<R>(s.real());
    }
  }
  return out;
}

/// One 1-D transform as r2r_pass runs it, with the element functions and reference_fft.
template <class R>
std::vector<double> transform(const std::vector<double>& x, int func, int type, int norm,
                              std::optional<bool> orth, std::optional<std::int64_t> n) {
  const bool forward = func % 2 == 0, dst = func >= 2;
  if (!forward && (type == 2 || type == 3)) type = 5 - type;
  const int mode = sfft::detail::r2r_norm_mode(kNorms[norm], forward);
  const int o = orth.value_or(norm == 1) ? 1 : 0;
  const auto N = n.value_or(static_cast<std::int64_t>(x.size()));
  const std::int64_t L = std::min<std::int64_t>(N, static_cast<std::int64_t>(x.size()));
  const sfft::detail::r2r_layout p = sfft::detail::r2r_plan(type, dst, N, mode);
  const std::vector<R> rows(x.begin(), x.begin() + L);
  std::vector<R> buf(static_cast<std::size_t>(p.in_len * (p.k == kind::r2c ? 1 : 2)));
  EXPECT_EQ(p.pre_items, cupp_r2r::pre_items(type, N, p.in_len));
  for (std::int64_t i = 0; i < p.pre_items; ++i)
    cupp_r2r::pre_item(rows.data(), buf.data(), i, 1, L, N, p.in_len, type, dst, o);
  const std::vector<R> f = reference_fft(buf, p);
  std::vector<R> y(static_cast<std::size_t>(N));
  EXPECT_EQ(p.post_items, cupp_r2r::post_items(type, N));
  for (std::int64_t i = 0; i < p.post_items; ++i)
    cupp_r2r::post_item(f.data(), y.data(), i, 1, N, p.out_len, type, dst, o, p.scale);
  return std::vector<double>(y.begin(), y.end());
}

template <class R>
void check_all(double rtol) {
  const auto table = cupp::test::read_csv("scipy_fft/r2r_small.csv", "func,type,norm,orth,n,x,y");
  ASSERT_GT(table.size(), 400u);
  for (const auto& r : table) {
    const int func = std::stoi(r[0]), type = std::stoi(r[1]), norm = std::stoi(r[2]);
    const int orth_cell = std::stoi(r[3]);
    const std::int64_t n_cell = std::stoll(r[4]);
    const std::optional<bool> orth =
        orth_cell < 0 ? std::nullopt : std::optional<bool>(orth_cell == 1);
    const std::optional<std::int64_t> n =
        n_cell < 0 ? std::nullopt : std::optional<std::int64_t>(n_cell);
    const std::vector<double> x = numbers(r[5]), want = numbers(r[6]);
    const std::vector<double> got = transform<R>(x, func, type, norm, orth, n);
    ASSERT_EQ(got.size(), want.size());
    double peak = 1;
    for (const double v : want) peak = std::max(peak, std::abs(v));
    for (std::size_t i = 0; i < got.size(); ++i)
      EXPECT_NEAR(got[i], want[i], rtol * peak)
          << "func " << func << " type " << type << " norm " << kNorms[norm] << " orth "
          << orth_cell << " n " << n_cell << " length " << x.size() << " [" << i << "]";
  }
}

TEST(ScipyFftKernelsHost, ItemFunctionsGiveScipysDoubleResults) { check_all<double>(1e-13); }

TEST(ScipyFftKernelsHost, ItemFunctionsGiveScipysFloatResults) { check_all<float>(2e-6); }

TEST(ScipyFftKernelsHost, PlanLayouts) {
  // DCT-II of 8: R2C of 8 -> 5; DCT-I of 8: R2C of 14 -> 8; DST-I of 8: R2C of 18 -> 10;
  // DCT-III of 8: C2R of 5 -> 8; type 4: C2C of 16.
  auto p = sfft::detail::r2r_plan(2, false, 8, 1);
  EXPECT_EQ(p.k, kind::r2c);
  EXPECT_EQ(p.len, 8);
  EXPECT_EQ(p.out_len, 5);
  EXPECT_DOUBLE_EQ(p.scale, 1 / std::sqrt(16.0));
  p = sfft::detail::r2r_plan(1, false, 8, 2);
  EXPECT_EQ(p.len, 14);
  EXPECT_EQ(p.out_len, 8);
  EXPECT_DOUBLE_EQ(p.scale, 1 / 14.0);
  p = sfft::detail::r2r_plan(1, true, 8, 0);
  EXPECT_EQ(p.len, 18);
  EXPECT_EQ(p.out_len, 10);
  EXPECT_DOUBLE_EQ(p.scale, 1.0);
  p = sfft::detail::r2r_plan(3, true, 8, 0);
  EXPECT_EQ(p.k, kind::c2r);
  EXPECT_FALSE(p.forward);
  EXPECT_EQ(p.in_len, 5);
  EXPECT_EQ(p.out_len, 8);
  p = sfft::detail::r2r_plan(4, false, 8, 0);
  EXPECT_EQ(p.k, kind::c2c);
  EXPECT_EQ(p.len, 16);
  EXPECT_EQ(p.in_len, 16);
}

}  // namespace
