# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""SciPy's laws for the statistical tests of cupp::random's standard_cauchy, power, wald,
noncentral_chisquare, noncentral_f, zipf and logseries (tests/random/test_more_distributions.cpp),
saved to tests/data/random/random.npz.

Each case "<distribution>_<n>" holds:
  __params   the arguments of the draw, in the order of the Generator method;
  __edges    continuous laws: the 63 inner edges of 64 bins of equal probability (SciPy's ppf);
             discrete laws: [lo, hi], the values whose probabilities __probs lists;
  __probs    continuous: the probability of each bin (cdf differences); discrete: pmf(lo..hi);
  __moments  [mean, var, check_mean, check_var]: SciPy's mean and variance, check_mean = 1 when the
             variance is finite (so that the mean has a standard error), check_var = 1 when the
             fourth moment is finite (so that the variance has one).

Run from the repository root: python3 tests/random/make_random.py
"""
import os

import numpy as np
from scipy import stats

BINS = 64
cases = {}


def moments(law, finite_var, finite_m4):
    mean, var = (float(v) for v in law.stats(moments="mv"))
    return np.array([mean if finite_var else np.nan, var if finite_var else np.nan,
                     1.0 if finite_var else 0.0, 1.0 if finite_m4 else 0.0])


def continuous(name, params, law, finite_var=True, finite_m4=True):
    q = np.arange(1, BINS) / BINS
    edges = law.ppf(q)
    cdf = np.concatenate([[0.0], law.cdf(edges), [1.0]])
    cases[name] = dict(params=np.array(params, float), edges=edges, probs=np.diff(cdf),
                       moments=moments(law, finite_var, finite_m4))


def discrete(name, params, law, finite_var=True, finite_m4=True, top=2000):
    lo = int(law.support()[0])
    # Up to where the tail holds less than 1e-9 (or `top` values): the rest is one bin.
    k = np.arange(lo, lo + top + 1)
    small = np.nonzero(law.sf(k) < 1e-9)[0]
    k = k[: small[0] + 1] if small.size else k
    hi = int(k[-1])
    cases[name] = dict(params=np.array(params, float), edges=np.array([lo, hi], float),
                       probs=law.pmf(k), moments=moments(law, finite_var, finite_m4))


continuous("standard_cauchy_0", [], stats.cauchy(), finite_var=False, finite_m4=False)
continuous("power_0", [0.5], stats.powerlaw(0.5))
continuous("power_1", [3.0], stats.powerlaw(3.0))
# numpy's wald(mean, scale) is the inverse Gaussian of mean `mean` and shape `scale`: SciPy's
# invgauss(mean / scale, scale=scale).
for i, (mean, scale) in enumerate([(1.5, 2.0), (0.5, 10.0), (3.0, 0.5)]):
    continuous(f"wald_{i}", [mean, scale], stats.invgauss(mean / scale, scale=scale))
# df > 1 takes the normal branch, df <= 1 the Poisson mixture, nonc = 0 the central law.
for i, (df, nonc) in enumerate([(3.0, 2.0), (0.5, 1.5), (1.0, 4.0), (5.0, 0.0)]):
    law = stats.ncx2(df, nonc) if nonc > 0 else stats.chi2(df)
    continuous(f"noncentral_chisquare_{i}", [df, nonc], law)
# The variance is finite for dfden > 4, the fourth moment for dfden > 8.
for i, (dfnum, dfden, nonc) in enumerate([(3.0, 20.0, 2.0), (0.8, 10.0, 1.5), (5.0, 3.0, 0.5)]):
    continuous(f"noncentral_f_{i}", [dfnum, dfden, nonc], stats.ncf(dfnum, dfden, nonc),
               finite_var=dfden > 4, finite_m4=dfden > 8)
# zipf's k-th moment is finite for a > k + 1.
for i, a in enumerate([1.5, 2.5, 6.5]):
    discrete(f"zipf_{i}", [a], stats.zipf(a), finite_var=a > 3, finite_m4=a > 5)
for i, p in enumerate([0.0, 0.3, 0.9, 0.99]):
    law = stats.logser(p) if p > 0 else None
    if law is None:  # p = 0: always 1
        cases[f"logseries_{i}"] = dict(params=np.array([p]), edges=np.array([1.0, 1.0]),
                                       probs=np.array([1.0]),
                                       moments=np.array([1.0, 0.0, 0.0, 0.0]))
    else:
        discrete(f"logseries_{i}", [p], law)

out = {}
for name, c in cases.items():
    for key, value in c.items():
        out[f"{name}__{key}"] = np.asarray(value, dtype=np.float64)
path = os.path.join("tests", "data", "random", "random.npz")
np.savez_compressed(path, **out)
print(f"{path}: {len(cases)} cases")
