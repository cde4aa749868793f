#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""Writes tests/data/scipy_special/special.npz: SciPy's results of the functions of
cupp::scipy::special on grids of arguments (dense ranges, the special values +-0, +-inf and NaN,
poles, zeros and the edges of each domain).

Keys: "<name>__a<k>" the k-th argument (float64, broadcast to one shape), "<name>__f64" SciPy's
float64 result and "<name>__f32" its result for the arguments rounded to float32 (float32).
Run with SciPy 1.17: python3 tests/scipy_special/make_special.py
"""
import os

import numpy as np
import scipy
import scipy.special as sp

rng = np.random.default_rng(20261207)
special_values = np.array([0.0, -0.0, np.inf, -np.inf, np.nan])


def dense(lo, hi, n=2000):
    return np.concatenate([np.linspace(lo, hi, n), rng.uniform(lo, hi, n)])


def logs(lo, hi, n=400):
    v = np.logspace(lo, hi, n)
    return np.concatenate([v, -v])


unary = {
    'erf': np.concatenate([dense(-8, 8), logs(-300, 2)]),
    'erfc': np.concatenate([dense(-8, 30), logs(-300, 2)]),
    'erfcx': np.concatenate([dense(-26, 60), logs(-300, 5)]),
    'erfinv': np.concatenate([dense(-1, 1), [-1.0, 1.0, 1.5, -1.5], logs(-300, -1)]),
    'erfcinv': np.concatenate([dense(0, 2), [0.0, 2.0, 2.5, -0.5], np.logspace(-300, 0, 400)]),
    'ndtr': np.concatenate([dense(-38, 9), logs(-300, 1)]),
    'ndtri': np.concatenate([dense(0, 1), [0.0, 1.0, 1.5, -0.5], np.logspace(-300, -1, 400)]),
    'log_ndtr': np.concatenate([dense(-1000, 40), dense(-5, 5), logs(-300, 2)]),
    'gamma': np.concatenate([dense(-20.5, 171), dense(0, 5), np.arange(-10.0, 1.0),
                             np.logspace(-300, -1, 100)]),
    'gammaln': np.concatenate([dense(-30.5, 100), np.logspace(-300, 5, 400),
                               np.arange(-10.0, 1.0)]),
    'rgamma': np.concatenate([dense(-20.5, 30), np.arange(-10.0, 1.0), [171.5, 180.0, 200.0]]),
    'digamma': np.concatenate([dense(-20.5, 50), np.arange(-10.0, 1.0), np.logspace(-300, 6, 400),
                               np.linspace(1.3, 1.6, 400)]),
    'j0': np.concatenate([dense(-200, 200), logs(-300, 3)]),
    'j1': np.concatenate([dense(-200, 200), logs(-300, 3)]),
    'y0': np.concatenate([dense(0, 200), np.logspace(-300, 3, 400), [-1.0]]),
    'y1': np.concatenate([dense(0, 200), np.logspace(-300, 3, 400), [-1.0]]),
    'i0': np.concatenate([dense(-700, 700), logs(-300, 2)]),
    'i1': np.concatenate([dense(-700, 700), logs(-300, 2)]),
    'i0e': np.concatenate([dense(-1000, 1000), logs(-300, 6)]),
    'i1e': np.concatenate([dense(-1000, 1000), logs(-300, 6)]),
    'expit': np.concatenate([dense(-800, 800), logs(-300, 2)]),
    'logit': np.concatenate([dense(0, 1), [0.0, 1.0, 1.5, -0.5], np.logspace(-300, -1, 400),
                             1 - np.logspace(-16, -1, 100)]),
    'log_expit': np.concatenate([dense(-800, 800), logs(-300, 2)]),
    'entr': np.concatenate([dense(-1, 100), np.logspace(-300, 300, 400)]),
    'exp10': np.concatenate([dense(-300, 300), logs(-300, 1)]),
    'cosm1': np.concatenate([dense(-10, 10), logs(-300, 3)]),
    'exprel': np.concatenate([dense(-700, 700), logs(-300, 1)]),
    'sindg': np.concatenate([dense(-1000, 1000), np.arange(-720.0, 721.0, 15.0)]),
    'cosdg': np.concatenate([dense(-1000, 1000), np.arange(-720.0, 721.0, 15.0)]),
    'tandg': np.concatenate([dense(-1000, 1000), np.arange(-720.0, 721.0, 15.0)]),
    'cotdg': np.concatenate([dense(-1000, 1000), np.arange(-720.0, 721.0, 15.0)]),
    'gammasgn': np.concatenate([dense(-30.5, 30), np.arange(-10.0, 3.0)]),
    'exp1': np.concatenate([dense(-5, 60), dense(0, 745), np.logspace(-300, 2.8, 400)]),
    'expi': np.concatenate([dense(-60, 60), dense(-745, 705), np.logspace(-300, 2.8, 400),
                            -np.logspace(-300, 2.8, 400)]),
    'zetac': np.concatenate([dense(-20.5, 60), np.arange(-20.0, 3.0), np.logspace(-10, 2, 200)]),
}


def grid(xs, ys):
    x, y = np.meshgrid(np.asarray(xs, float), np.asarray(ys, float), indexing='ij')
    return [x.ravel(), y.ravel()]


g1 = np.concatenate([np.linspace(-5, 5, 41), [0.0, -0.0, np.nan, np.inf]])
pos = np.concatenate([np.linspace(0, 10, 41), [1e-300, 1e-10, 1e300, np.nan, np.inf]])
binary = {
    'xlogy': grid(g1, np.concatenate([pos, [-1.0]])),
    'xlog1py': grid(g1, np.concatenate([np.linspace(-1, 10, 45), [-1.5, 1e-300, np.nan]])),
    'rel_entr': grid(np.linspace(-1, 5, 31), np.linspace(-1, 5, 31)),
    'kl_div': grid(np.linspace(-1, 5, 31), np.linspace(-1, 5, 31)),
    'huber': grid(np.linspace(-1, 3, 17), np.linspace(-5, 5, 41)),
    'pseudo_huber': grid(np.concatenate([np.linspace(-1, 3, 17), [1e-3, 1e3]]),
                         np.concatenate([np.linspace(-5, 5, 41), [1e-8, -1e-8, 1e5]])),
    'boxcox': grid(np.concatenate([np.linspace(0, 10, 41), [1e-300, 1e300, -1.0]]),
                   np.concatenate([np.linspace(-2, 2, 41), [1e-20, -1e-20]])),
    'boxcox1p': grid(np.concatenate([np.linspace(-1, 10, 45), [1e-300, -1e-300, -2.0]]),
                     np.concatenate([np.linspace(-2, 2, 41), [1e-20]])),
    'inv_boxcox': grid(np.linspace(-3, 3, 41), np.linspace(-2, 2, 41)),
    'inv_boxcox1p': grid(np.concatenate([np.linspace(-3, 3, 41), [1e-200]]),
                         np.linspace(-2, 2, 41)),
    'beta': grid(np.concatenate([np.linspace(0.1, 50, 40), [0.5, 1.0, 2.0, 1e-3, 100.0]]),
                 np.concatenate([np.linspace(0.1, 50, 40), [0.5, 1.0, 3.0, 1e-3, 100.0]])),
    'betaln': grid(np.concatenate([np.linspace(0.1, 300, 40), [0.5, 1.0, 1e-3, 1e4]]),
                   np.concatenate([np.linspace(0.1, 300, 40), [0.5, 2.0, 1e-3, 1e4]])),
    'zeta': grid(np.concatenate([np.linspace(0.5, 30, 40), [1.0, 2.0, 3.0, 4.0, 1e-300]]),
                 np.concatenate([np.linspace(-5.5, 20, 41), [0.0, -1.0, 1e-3, 1e9, np.inf]])),
}
d, m_, s_ = np.meshgrid(np.linspace(-360, 360, 9), np.linspace(-60, 60, 7),
                        np.linspace(-60, 60, 7), indexing='ij')
ternary = {'radian': [d.ravel(), m_.ravel(), s_.ravel()]}

out = {}
with np.errstate(all='ignore'):
    for name, x in unary.items():
        x = np.concatenate([x, special_values])
        fn = getattr(sp, name)
        out[name + '__a0'] = x
        out[name + '__f64'] = fn(x)
        r32 = fn(x.astype(np.float32))
        assert r32.dtype == np.float32, name
        out[name + '__f32'] = r32
    for name, args in list(binary.items()) + list(ternary.items()):
        fn = getattr(sp, name)
        for k, a in enumerate(args):
            out['%s__a%d' % (name, k)] = a
        out[name + '__f64'] = fn(*args)
        r32 = fn(*[a.astype(np.float32) for a in args])
        out[name + '__f32'] = r32.astype(np.float32)  # (f32 loops; checked below)
        assert r32.dtype == np.float32, (name, r32.dtype)
# Functions that are not ufuncs: polygamma of orders 1 and 3, multigammaln of dimension 3.
with np.errstate(all='ignore'):
    xp = np.concatenate([np.linspace(-9.75, 30, 800), np.logspace(-3, 3, 200)])
    for n in (1, 3):
        out['polygamma_%d__a0' % n] = xp
        out['polygamma_%d__f64' % n] = sp.polygamma(n, xp)
    xm = np.linspace(1.01, 60, 500)
    out['multigammaln_3__a0'] = xm
    out['multigammaln_3__f64'] = sp.multigammaln(xm, 3)
here = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(here, '..', 'data', 'scipy_special', 'special.npz')
np.savez_compressed(path, **out)
print('scipy', scipy.__version__, len(unary) + len(binary) + len(ternary), 'functions ->', path)
