// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// A two-component Gaussian mixture with diagonal covariances fitted by EM, as CuPy's
// examples/gmm/gmm.py (GaussianMixture) and gmm_train.py: up to 30 iterations until the mean
// log-likelihood changes by less than 1e-3, then the labels of the training points.
//
// Inputs: X (float32, n x 2), means and covariances (float64, 2 x 2: the initial parameters).
// Outputs: weights, means, covariances, pred (int64), n_iter (int64, one element).
#include <cmath>
#include <cstdint>
#include <limits>

#include "realworld.hpp"

namespace {

using cupp::ndarray;
using cupp::newaxis;
using cupp::slice;

constexpr double kPi = 3.14159265358979323846;

struct gaussian_mixture {
  double tol = 1e-3;
  double reg_covar = 1e-6;
  int max_iter = 30;
  ndarray<double> weights, means, covariances, precisions_chol;
  int n_iter = 0;

  void estimate_gaussian_parameters(const ndarray<float>& X, const ndarray<double>& resp) {
    const ndarray<double> nk = cupp::sum(resp, 0) + 10 * std::numeric_limits<double>::epsilon();
    const auto nk_col = nk(slice(), newaxis);
    const ndarray<float> X2 = X * X;
    const ndarray<double> new_means = cupp::dot(resp.T(), X) / nk_col;
    const ndarray<double> avg_X2 = cupp::dot(resp.T(), X2) / nk_col;
    const ndarray<double> avg_means2 = cupp::square(new_means);
    const ndarray<double> avg_X_means = new_means * cupp::dot(resp.T(), X) / nk_col;
    covariances = avg_X2 - 2 * avg_X_means + avg_means2 + reg_covar;
    means = new_means;
    weights = nk;
  }

  ndarray<double> estimate_log_prob(const ndarray<float>& X) const {
    const std::int64_t n_features = X.shape(1);
    const ndarray<double> log_det = cupp::sum(cupp::log(precisions_chol), 1);
    const ndarray<double> precisions = cupp::square(precisions_chol);
    const ndarray<double> means_precisions = means * precisions;
    const ndarray<float> X2 = cupp::square(X);
    const ndarray<double> log_prob = cupp::sum(cupp::square(means) * precisions, 1) -
                                     2 * cupp::dot(X, means_precisions.T()) +
                                     cupp::dot(X2, precisions.T());
    return -0.5 * (n_features * std::log(2 * kPi) + log_prob) + log_det;
  }

  double e_step(const ndarray<float>& X, ndarray<double>& log_resp) const {
    const ndarray<double> weighted_log_prob = estimate_log_prob(X) + cupp::log(weights);
    const ndarray<double> log_prob_norm = cupp::log(cupp::sum(cupp::exp(weighted_log_prob), 1));
    log_resp = weighted_log_prob - log_prob_norm(slice(), newaxis);
    return cupp::mean(log_prob_norm).item();
  }

  void m_step(const ndarray<float>& X, const ndarray<double>& log_resp) {
    estimate_gaussian_parameters(X, cupp::exp(log_resp));
    weights /= static_cast<double>(X.shape(0));
    precisions_chol = 1 / cupp::sqrt(covariances);
  }

  void fit(const ndarray<float>& X, const ndarray<double>& initial_means,
           const ndarray<double>& initial_covariances) {
    double lower_bound = -std::numeric_limits<double>::infinity();
    weights = cupp::asarray<double>({0.5, 0.5});
    means = initial_means.copy();
    covariances = initial_covariances.copy();
    precisions_chol = 1 / cupp::sqrt(covariances);
    ndarray<double> log_resp;
    n_iter = 0;
    while (n_iter < max_iter) {
      const double prev_lower_bound = lower_bound;
      lower_bound = e_step(X, log_resp);
      m_step(X, log_resp);
      ++n_iter;
      if (std::abs(lower_bound - prev_lower_bound) < tol) break;
    }
  }

  ndarray<std::int64_t> predict(const ndarray<float>& X) const {
    return cupp::argmax(estimate_log_prob(X) + cupp::log(weights), 1);
  }
};

void run_gmm(const realworld::options& opt) {
  const auto X = realworld::read_array<float>(opt, "gmm_X");
  const auto initial_means = realworld::read_array<double>(opt, "gmm_means");
  const auto initial_covariances = realworld::read_array<double>(opt, "gmm_covariances");
  gaussian_mixture gmm;
  ndarray<std::int64_t> pred;
  realworld::time_program(opt, "gmm", [&] {
    gmm.fit(X, initial_means, initial_covariances);
    pred = gmm.predict(X);
  });
  realworld::write_array(opt, "gmm.cupp.weights", gmm.weights);
  realworld::write_array(opt, "gmm.cupp.means", gmm.means);
  realworld::write_array(opt, "gmm.cupp.covariances", gmm.covariances);
  realworld::write_array(opt, "gmm.cupp.pred", pred);
  realworld::write_array(opt, "gmm.cupp.n_iter",
                         cupp::asarray<std::int64_t>({static_cast<std::int64_t>(gmm.n_iter)}));
}

const bool registered = realworld::add("gmm", run_gmm);

}  // namespace
