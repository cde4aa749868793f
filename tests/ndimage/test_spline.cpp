// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The host-callable parts of the interpolation kernels (kernels/cupp/ndimage_interp.cuh) against
// known values: the poles (closed forms), the spline weights (B-spline values), the prefilter of
// a line against scipy.ndimage.spline_filter1d's results, the segmented passes against the
// whole-line ones, and the coordinate map of every mode against scipy.ndimage.map_coordinates of
// order 0 on arange(5) (whose result is the index it reads).
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "cupp/ndimage_interp.cuh"

namespace {

TEST(NdimageSpline, PolesAreTheClosedForms) {
  double p[2];
  ASSERT_EQ(cupp_ndi_spline_poles(2, p), 1);
  EXPECT_NEAR(p[0], std::sqrt(8.0) - 3.0, 1e-13);
  ASSERT_EQ(cupp_ndi_spline_poles(3, p), 1);
  EXPECT_NEAR(p[0], std::sqrt(3.0) - 2.0, 1e-13);
  ASSERT_EQ(cupp_ndi_spline_poles(4, p), 2);
  EXPECT_NEAR(p[0], std::sqrt(664.0 - std::sqrt(438976.0)) + std::sqrt(304.0) - 19.0, 1e-13);
  EXPECT_NEAR(p[1], std::sqrt(664.0 + std::sqrt(438976.0)) - std::sqrt(304.0) - 19.0, 1e-13);
  ASSERT_EQ(cupp_ndi_spline_poles(5, p), 2);
  EXPECT_NEAR(p[0], std::sqrt(67.5 - std::sqrt(4436.25)) + std::sqrt(26.25) - 6.5, 1e-13);
  EXPECT_NEAR(p[1], std::sqrt(67.5 + std::sqrt(4436.25)) - std::sqrt(26.25) - 6.5, 1e-13);
  EXPECT_EQ(cupp_ndi_spline_poles(1, p), 0);
  // Each pole's horizon: |z|^h below epsilon, and at most the prefilter's segment of 64.
  for (int order = 2; order <= 5; ++order) {
    const int n = cupp_ndi_spline_poles(order, p);
    for (int k = 0; k < n; ++k) {
      const long long h = cupp_ndi_horizon(p[k], false);
      EXPECT_LT(std::pow(std::fabs(p[k]), static_cast<double>(h)), 1.2e-16);
      EXPECT_LE(h, 64);
      EXPECT_LT(std::pow(std::fabs(p[k]), static_cast<double>(cupp_ndi_horizon(p[k], true))),
                6e-8);
    }
  }
}

/// The centred B-spline of `order` at t, by its recursive definition (de Boor), for reference.
double bspline(int order, double t) {
  if (order == 0) return t >= -0.5 && t < 0.5 ? 1.0 : 0.0;
  const double n = order + 1;
  return ((n / 2 + t) * bspline(order - 1, t + 0.5) + (n / 2 - t) * bspline(order - 1, t - 0.5)) /
         order;
}

TEST(NdimageSpline, WeightsAreTheBSplineAtTheSupport) {
  for (int order = 1; order <= 5; ++order) {
    for (const double x : {0.0, 0.25, 0.5, 0.75, 3.1, -2.6, 7.5, 10.999}) {
      double w[6];
      cupp_ndi_spline_weights<double>(x, order, w);
      const long long start = cupp_ndi_support_start(x, order);
      double sum = 0;
      for (int k = 0; k <= order; ++k) {
        EXPECT_NEAR(w[k], bspline(order, x - static_cast<double>(start + k)), 1e-12)
            << "order " << order << " x " << x << " k " << k;
        sum += w[k];
      }
      EXPECT_NEAR(sum, 1.0, 1e-15);
      float wf[6];
      cupp_ndi_spline_weights<float>(x, order, wf);
      for (int k = 0; k <= order; ++k) EXPECT_NEAR(wf[k], w[k], 1e-6);
    }
  }
  double w[6];
  cupp_ndi_spline_weights<double>(2.0, 3, w);  // on a sample: 1/6, 2/3, 1/6, 0
  EXPECT_DOUBLE_EQ(w[0], 1.0 / 6);
  EXPECT_DOUBLE_EQ(w[1], 2.0 / 3);
  EXPECT_DOUBLE_EQ(w[2], 1.0 / 6);
  EXPECT_NEAR(w[3], 0.0, 1e-16);
}

/// The prefilter of a whole line as the kernels run it: every pole's causal segments, then its
/// anticausal segments, segment length L.
std::vector<double> prefilter(std::vector<double> x, int order, int mode, long long L) {
  double poles[2];
  const int np = cupp_ndi_spline_poles(order, poles);
  double gain = 1;
  for (int k = 0; k < np; ++k) gain *= (1 - poles[k]) * (1 - 1 / poles[k]);
  const auto n = static_cast<long long>(x.size());
  const long long segs = n < 2 * L ? 1 : n / L;
  std::vector<double> c(x.size());
  const int init = cupp_ndi_spline_init(mode);
  for (int k = 0; k < np; ++k) {
    const long long h = cupp_ndi_horizon(poles[k], false);
    for (long long s = 0; s < segs; ++s)
      cupp_ndi_causal_segment<double, double>(x.data(), c.data(), 1, n, poles[k], init, h,
                                              k == 0 ? gain : 1.0, L, s, segs);
    for (long long s = 0; s < segs; ++s)
      cupp_ndi_anticausal_segment<double>(c.data(), x.data(), 1, n, poles[k], init, h, L, s,
                                          segs);
  }
  return x;
}

TEST(NdimageSpline, PrefilterOfALineAsSciPy) {
  const std::vector<double> x = {1., 2., 0., 4., 3., -1., 2.5};
  struct row {
    int order, mode;
    std::vector<double> want;
  };
  // scipy.ndimage.spline_filter1d(x, order, mode=mode)
  const row rows[] = {
      {2, cupp_ndi_mirror, {0.39448051948051954, 2.816558441558442, -1.293831168831169, 4.946428571428572, 3.6152597402597397, -2.637987012987013, 4.212662337662337}},
      {2, cupp_ndi_grid_wrap, {0.23964497041420132, 2.843195266272189, -1.2988165680473371, 4.949704142011834, 3.600591715976331, -2.5532544378698225, 3.7189349112426036}},
      {3, cupp_ndi_mirror, {-0.3288461538461539, 3.6576923076923085, -2.301923076923077, 5.550000000000001, 4.101923076923078, -3.957692307692308, 5.728846153846154}},
      {3, cupp_ndi_grid_wrap, {-0.6463414634146337, 3.74390243902439, -2.3292682926829267, 5.573170731707317, 4.03658536585366, -3.719512195121952, 4.841463414634146}},
      {4, cupp_ndi_mirror, {-1.6609094407049732, 5.089349969990276, -3.7860120381890265, 6.326189328190294, 4.86269156245775, -5.940539298180568, 8.057550392167522}},
      {4, cupp_ndi_grid_wrap, {-2.247974883934839, 5.309105759547, -3.88601037794709, 6.419302184240438, 4.671358083920172, -5.435033788801863, 6.669253022976182}},
      {5, cupp_ndi_mirror, {-3.5674465340632553, 7.05308331956544, -5.654430684614044, 7.212225274725272, 5.861848267031629, -8.452808594290715, 11.027611369228088}},
      {5, cupp_ndi_grid_wrap, {-4.525663455961359, 7.490995445425933, -5.896599758483964, 7.440790537135469, 5.4748119693065425, -7.6166883777539, 9.132353640331276}},
  };
  for (const row& r : rows) {
    const std::vector<double> got = prefilter(x, r.order, r.mode, 64);
    for (std::size_t i = 0; i < x.size(); ++i)
      EXPECT_NEAR(got[i], r.want[i], 1e-12) << "order " << r.order << " mode " << r.mode;
  }
  // The reflected start, on a line long enough (z^(2n) below epsilon) that SciPy 1.17's
  // aliasing of c[0] in _init_causal_reflect (fixed upstream, scipy#24615) does not show: cupp
  // computes the fixed sum.
  const std::vector<double> y = {1.0, 2.0, 0.0, 4.0, 3.0, -1.0, 2.5, 1.25, -0.5, 1.5, 2.0, 0.0,
                                 1.0, 0.5, 2.0, 3.0, 1.0, 5.0, 4.0, 0.0, 3.5, 7.0, -2.0, 0.5};
  const row reflected[] = {
      {2, cupp_ndi_reflect, {0.7491714410634358, 2.7557999125559483, -1.2839709163991253, 4.948025585838804, 3.5958174013663036, -2.5229299940366245, 3.541762562853444, 1.2723546169159619, -1.1758902643492142, 1.7829869691793232, 2.477968449273275, -0.6507976648189738, 1.426817539640568, 0.08989242697556606, 2.033827898506036, 3.7071401819882195, -0.27666899043535037, 5.952873760623882, 4.5594264266920534, -1.3094323207762077, 3.2971674979651926, 9.526427332985051, -4.455731495875497, 1.207961642267928}},
      {3, cupp_ndi_reflect, {0.5132365155245241, 3.43381742237738, -2.2485062050340425, 5.5602073977587905, 4.007676613998882, -3.5909138537543157, 4.355978801018382, 1.166998649680791, -1.5239733997415443, 1.9288949492853855, 2.8083936026000034, -1.1624693596853966, 1.841483836141583, -0.20346598488093431, 1.9723801033821549, 4.313945571352317, -1.2281623887914208, 6.598703983813367, 4.833346453537953, -1.9320897979651743, 2.895012738322746, 11.352038844674196, -6.303168117019526, 1.860633623403905}},
      {4, cupp_ndi_reflect, {0.1470681706167889, 4.449211424094573, -3.5921398640194697, 6.359752986235071, 4.563805368808091, -5.03897662209596, 5.537901363586292, 0.8751584338628121, -1.8309366879357567, 2.0232214842085328, 3.3006630882155106, -1.9153062230865632, 2.4768665530987524, -0.5950429141829011, 1.8065641315508372, 5.234444451785072, -2.5811336675561543, 7.54010374002081, 4.988516829117775, -2.419424935254524, 2.0506738082303655, 13.949142930061072, -8.902060327399171, 2.821926478038154}},
      {5, cupp_ndi_reflect, {-0.31073558609513385, 5.6952255842460024, -5.183416853889743, 7.273810465465761, 5.221310650312313, -6.751955011973055, 7.008672142466709, 0.37566771250128633, -2.010202266849208, 1.9976692208330873, 3.9579172028872938, -2.862424624475281, 3.271307370984863, -1.0374829261406067, 1.5333926281248458, 6.414097772902886, -4.267206843043955, 8.786199502447, 4.894529853679187, -2.6136632109208353, 0.742292920537307, 17.15818028869924, -12.043306631379963, 4.000120638679999}},
  };
  for (const row& r : reflected) {
    const std::vector<double> got = prefilter(y, r.order, r.mode, 64);
    for (std::size_t i = 0; i < y.size(); ++i)
      EXPECT_NEAR(got[i], r.want[i], 1e-12) << "order " << r.order << " reflect";
  }
  // The other modes start their passes as one of these (SciPy's apply_filter).
  EXPECT_EQ(cupp_ndi_spline_init(cupp_ndi_constant), cupp_ndi_init_mirror);
  EXPECT_EQ(cupp_ndi_spline_init(cupp_ndi_grid_constant), cupp_ndi_init_mirror);
  EXPECT_EQ(cupp_ndi_spline_init(cupp_ndi_wrap), cupp_ndi_init_mirror);
  EXPECT_EQ(cupp_ndi_spline_init(cupp_ndi_nearest), cupp_ndi_init_reflect);
}

TEST(NdimageSpline, SegmentedPassesEqualTheWholeLine) {
  std::mt19937 gen(7);
  std::normal_distribution<double> dist(0.0, 10.0);
  for (const long long n : {128LL, 129LL, 300LL, 1000LL}) {
    std::vector<double> x(static_cast<std::size_t>(n));
    for (double& v : x) v = dist(gen);
    for (int order = 2; order <= 5; ++order) {
      for (const int mode : {cupp_ndi_mirror, cupp_ndi_reflect, cupp_ndi_grid_wrap}) {
        const std::vector<double> whole = prefilter(x, order, mode, n);  // one segment
        const std::vector<double> split = prefilter(x, order, mode, 64);
        for (std::size_t i = 0; i < x.size(); ++i)
          ASSERT_NEAR(split[i], whole[i], 1e-12 * 50)
              << "n " << n << " order " << order << " mode " << mode << " i " << i;
      }
    }
  }
}

TEST(NdimageSpline, CoordinateMapOfEveryModeAsSciPy) {
  // scipy.ndimage.map_coordinates(np.arange(5.), [xs], order=0, mode=mode, cval=-9)
  const double xs[] = {-7.3, -5.5, -4.6, -1.2, -0.5, -0.2, 0.4, 3.6,
                       4.0,  4.3,  4.5,  5.2,  6.7,  9.9,  13.1};
  struct row {
    int mode;
    std::vector<double> want;
  };
  const row rows[] = {
      {cupp_ndi_constant, {-9, -9, -9, -9, -9, -9, 0, 4, 4, -9, -9, -9, -9, -9, -9}},
      {cupp_ndi_grid_constant, {-9, -9, -9, -9, 0, 0, 0, 4, 4, 4, -9, -9, -9, -9, -9}},
      {cupp_ndi_nearest, {0, 0, 0, 0, 0, 0, 0, 4, 4, 4, 4, 4, 4, 4, 4}},
      {cupp_ndi_mirror, {1, 3, 3, 1, 1, 0, 0, 4, 4, 4, 3, 3, 1, 2, 3}},
      {cupp_ndi_wrap, {1, 3, 3, 3, 4, 4, 0, 4, 4, 0, 1, 1, 3, 2, 1}},
      {cupp_ndi_grid_wrap, {3, 0, 0, 4, 0, 0, 0, 4, 4, 4, 0, 0, 2, 0, 3}},
  };
  for (const row& r : rows) {
    for (std::size_t k = 0; k < std::size(xs); ++k) {
      double x = xs[k];
      long long idx[1];
      const bool inside = cupp_ndi_axis_support(x, 5, r.mode, 0, idx);
      const double got = !inside || idx[0] < 0 ? -9.0 : static_cast<double>(idx[0]);
      EXPECT_EQ(got, r.want[k]) << "mode " << r.mode << " x " << xs[k];
    }
  }
  // An axis of length 1 maps everything to its one sample.
  for (const int mode : {cupp_ndi_mirror, cupp_ndi_reflect, cupp_ndi_wrap, cupp_ndi_grid_wrap})
    EXPECT_EQ(cupp_ndi_map_coordinate(-3.7, 1, mode), 0.0);
  // Support samples past the edge of an order-3 spline map with mirror for constant and wrap.
  double x = 0.5;
  long long idx[4];
  ASSERT_TRUE(cupp_ndi_axis_support(x, 5, cupp_ndi_wrap, 3, idx));
  EXPECT_EQ(idx[0], 1);  // -1 mirrored
  EXPECT_EQ(idx[3], 2);
}

}  // namespace
