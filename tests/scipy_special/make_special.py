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
    'k0': np.concatenate([dense(0, 10, 1000), np.logspace(-300, 2.86, 400), [-1.0]]),
    'k0e': np.concatenate([dense(0, 10, 1000), np.logspace(-300, 5, 400), [-1.0]]),
    'k1': np.concatenate([dense(0, 10, 1000), np.logspace(-300, 2.86, 400), [-1.0]]),
    'k1e': np.concatenate([dense(0, 10, 1000), np.logspace(-300, 5, 400), [-1.0]]),
    'loggamma': np.concatenate([dense(-5, 200, 1000), np.logspace(-300, 300, 300)]),
    'round': np.concatenate([np.linspace(-10, 10, 81), np.arange(-5.5, 6.0), [1e300, -1e300]]),
    'ellipk': np.concatenate([dense(-10, 1, 1000), -np.logspace(-300, 300, 200),
                              1 - np.logspace(-16, -1, 100), [1.0, 1.5]]),
    'ellipkm1': np.concatenate([dense(0, 10, 1000), np.logspace(-300, 300, 300), [-1.0]]),
    'ellipe': np.concatenate([dense(-10, 1, 1000), -np.logspace(-300, 300, 200),
                              1 - np.logspace(-16, -1, 100), [1.0, 1.5]]),
    'sici_si': np.concatenate([dense(-60, 60, 1000), np.logspace(-300, 3, 300), -np.logspace(-10, 3, 100)]),
    'sici_ci': np.concatenate([dense(-60, 60, 1000), np.logspace(-300, 3, 300), -np.logspace(-10, 3, 100)]),
    'shichi_shi': np.concatenate([dense(-700, 700, 1000), np.logspace(-300, 2.8, 300)]),
    'shichi_chi': np.concatenate([dense(-700, 700, 1000), np.logspace(-300, 2.8, 300)]),
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
# The incomplete gamma and beta families, Bessel functions of integer order, the elliptic
# integrals, poch and binom. Shape parameters up to 1000 (beyond it SciPy's own incomplete gamma
# loses digits in its tails), probabilities down to 1e-300 and up to 1 - 1e-16.
shape = np.concatenate([np.logspace(-3, 3, 25), [0.5, 1.0, 2.5, 10.0, 0.0, -1.0, np.nan, np.inf]])
xs = np.concatenate([np.logspace(-300, -20, 4), np.logspace(-10, 3.2, 40),
                     [0.0, -1.0, np.nan, np.inf]])
prob = np.concatenate([np.linspace(0, 1, 21), np.logspace(-300, -2, 8), 1 - np.logspace(-16, -2, 6),
                       [-0.5, 1.5, np.nan]])
# (SciPy's inverses of the beta family and of Student's t give NaN, inf or a capped value below
# about 1e-100; cupp's give the root, so their grids stop there)
prob_b = np.concatenate([np.linspace(0, 1, 21), np.logspace(-100, -2, 8),
                         1 - np.logspace(-16, -2, 6), [-0.5, 1.5, np.nan]])
counts = np.concatenate([np.arange(0.0, 30.0), [2.5, 100.0, 1000.0, -1.0, np.nan]])
means = np.concatenate([np.logspace(-5, 3, 30), [0.0, -1.0, np.nan, np.inf]])
orders = np.concatenate([np.arange(0.0, 30.0), [40.0, 2.5, -2.0, -3.0]])
bessel_x = np.concatenate([np.logspace(-5, 2.8, 60), [0.0, -1.0, np.nan, np.inf]])
binary.update({
    'gammainc': grid(shape, xs),
    'gammaincc': grid(shape, xs),
    'gammaincinv': grid(shape[shape != 0], prob),
    'gammainccinv': grid(shape[shape != 0], prob),
    'pdtr': grid(counts, means),
    'pdtrc': grid(counts, means),
    'pdtri': grid(counts, prob),
    'chdtr': grid(2 * shape, xs),
    'chdtrc': grid(2 * shape, xs),
    'chdtri': grid(2 * shape[shape != 0], prob),
    'kn': grid(orders, bessel_x),
    'yn': grid(orders, bessel_x),
    'spherical_yn': grid(np.arange(0.0, 30.0),
                         np.concatenate([np.linspace(-50, 50, 201), [1e-5, 0.0, np.nan, np.inf]])),
    'poch': grid(np.concatenate([np.linspace(-20.5, 40, 62), [0.0, -1.0, -2.0, 1e3, 1e6, np.nan]]),
                 np.concatenate([np.linspace(-10, 10, 41), [0.3, 150.0, -150.5]])),
    # (n exactly representable: an n within 1e-15 of an integer puts n - k + 1 at a rounded
    # distance from a pole of gamma, where neither SciPy's value nor cupp's has digits left)
    'binom': grid(np.concatenate([np.arange(-10.5, 60.0, 1.0), np.arange(0.0, 60.0, 3.0),
                                  [-1.0, -2.0, 1e10, 1e-3, 1e3, 13.25]]),
                  np.concatenate([np.linspace(-5, 40, 46), [100.0, 0.5, -1.5, np.inf]])),
    'ellipkinc': grid(np.concatenate([np.linspace(-20, 20, 81), [1e-300, -0.0, np.nan, np.inf]]),
                      np.concatenate([np.linspace(-10, 1, 45), [1 - 1e-12, 1.5, -1e300, np.nan]])),
    'ellipeinc': grid(np.concatenate([np.linspace(-20, 20, 81), [1e-300, -0.0, np.nan, np.inf]]),
                      np.concatenate([np.linspace(-10, 1, 45), [1 - 1e-12, 1.5, -1e300, np.nan]])),
    'expn': grid(np.concatenate([np.arange(0.0, 40.0), [2.5, 100.0, -1.0]]),
                 np.concatenate([np.logspace(-300, -20, 4), np.logspace(-10, 2.8, 50),
                                 [0.0, -1.0, np.nan, np.inf]])),
    'stdtr': grid(np.concatenate([np.logspace(-1, 6, 30), [0.0, -1.0, np.inf]]),
                  np.concatenate([np.linspace(-40, 40, 81), [1e-300, np.nan, np.inf, -np.inf]])),
    'stdtrit': grid(np.concatenate([np.logspace(0, 6, 30), [0.0, -1.0, np.inf]]), prob_b),
})
# Bessel functions of real order: integer and fractional orders of both signs, x from 1e-5 (below
# it SciPy's I of a fractional order flushes to 0 early, and its J and I of a negative fractional
# order overflow to +inf whatever the sign) to 3000; orders 50.25 and 100 from x = 0.1, where
# SciPy's Y and K do not yet overflow before the true value does. (No infinite order: SciPy's jv
# of one is 0 or NaN depending on x.)
real_orders = np.concatenate([np.arange(-30.0, 31.0, 2.0), [-29.0, -3.0, -1.0, 1.0, 3.0, 29.0],
                              np.linspace(-29.7, 29.7, 23), [0.5, -0.5, 1.5, -1.5, -12.5, np.nan]])
real_x = np.concatenate([np.logspace(-5, 3.5, 70), [-0.5, -2.5, -10.0, -100.0],
                         [0.0, np.nan, np.inf, -np.inf]])
small, big = grid(real_orders, real_x), grid([50.25, 100.0], np.logspace(-1, 3.5, 30))
for name in ['jv', 'jn', 'yv', 'iv', 'ive', 'kv', 'kve']:
    binary[name] = [np.concatenate([small[0], big[0]]), np.concatenate([small[1], big[1]])]
# spherical j, i and k with their derivatives (SciPy's `derivative` keyword as rows of their own;
# x from 1e-5, below which SciPy's i_n flushes to 0, and no -0, where SciPy's k_n' is NaN)
sph_x = np.concatenate([np.linspace(-50, 50, 201), np.logspace(-5, 3, 40), [0.0, np.nan, np.inf,
                                                                              -np.inf]])
for name in ['spherical_jn', 'spherical_in', 'spherical_kn']:
    binary[name] = grid(np.arange(0.0, 40.0), sph_x)
    binary[name + '_d'] = grid(np.arange(0.0, 40.0), sph_x)
# ellipj's four outputs, each as its own ufunc (m in [0, 1 - 1e-9]: beyond it SciPy's expansion
# is wrong past the quarter period).
u_, mj = grid(np.concatenate([np.linspace(-50, 50, 201), [1e-300, np.nan, np.inf]]),
              np.concatenate([np.linspace(0, 1, 41)[:-1], [1 - 1e-9, 1e-12, -0.5, 1.5, np.nan]]))
for k, part in enumerate(['sn', 'cn', 'dn', 'ph']):
    binary['ellipj_' + part] = [u_, mj]
d, m_, s_ = np.meshgrid(np.linspace(-360, 360, 9), np.linspace(-60, 60, 7),
                        np.linspace(-60, 60, 7), indexing='ij')
ternary = {'radian': [d.ravel(), m_.ravel(), s_.ravel()]}


def grid3(a, b, c):
    x, y, z = np.meshgrid(np.asarray(a, float), np.asarray(b, float), np.asarray(c, float),
                          indexing='ij')
    return [x.ravel(), y.ravel(), z.ravel()]


beta_ab = np.concatenate([np.logspace(-3, 3, 11), [0.5, 1.0, 0.0, -1.0, np.nan]])
beta_x = np.concatenate([np.linspace(0, 1, 21), [1e-300, 1e-5, 1 - 1e-6, -0.5, 1.5, np.nan]])
n_trials = np.concatenate([np.arange(0.0, 20.0, 3.0), [50.0, 1000.0, -1.0]])
k_counts = np.concatenate([np.arange(0.0, 20.0, 2.0), [2.5, 49.0, 500.0, -1.0, np.nan]])
p_unit = np.concatenate([np.linspace(0, 1, 11), [1e-300, 1e-10, 1 - 1e-12, -0.5, np.nan]])
p_inv = np.concatenate([np.linspace(0, 1, 21), [1e-3, 0.999, -0.5, np.nan]])
df = np.concatenate([np.logspace(-1, 4, 9), [0.0, -1.0, np.inf]])
f_x = np.concatenate([np.logspace(-5, 4, 15), [0.0, -1.0, np.inf, np.nan]])
ternary.update({
    'gdtr': grid3([0.5, 1.0, 2.0, 0.0, -1.0], shape, xs[::2]),
    'gdtrc': grid3([0.5, 1.0, 2.0, 0.0, -1.0], shape, xs[::2]),
    'betainc': grid3(beta_ab, beta_ab, beta_x),
    'betaincc': grid3(beta_ab, beta_ab, beta_x),
    'betaincinv': grid3(beta_ab, beta_ab, prob_b),
    'betainccinv': grid3(beta_ab, beta_ab, prob_b),
    'bdtr': grid3(k_counts, n_trials, p_unit),
    'bdtrc': grid3(k_counts, n_trials, p_unit),
    'bdtri': grid3(k_counts, n_trials, p_inv),
    'fdtr': grid3(df, df, f_x),
    'fdtrc': grid3(df, df, f_x),
    'fdtri': grid3(df, df, p_inv),
    'nbdtr': grid3(k_counts, n_trials, p_unit),
    'nbdtrc': grid3(k_counts, n_trials, p_unit),
    'nbdtri': grid3(k_counts, n_trials, p_inv),
    # Orders, degrees of either sign (integer and not) and arguments; not x near +-1e-12 or
    # -0.999 at orders from 4, nor beyond x = 3, where SciPy's own values lose their digits.
    'lpmv': grid3(np.concatenate([np.arange(-4, 7), [0.5, np.nan]]),
                  [-12.6, -5, -3.3, -1, -0.5, 0, 0.3, 1, 1.5, 2, 2.5, 3.7, 7, 7.2, 12.5, 20,
                   30.3, 50.3],
                  np.concatenate([np.linspace(-1, 1, 41), [0.999, -0.3333, 0.7777, 1.5, 2.5,
                                                           -1.5, np.nan]])),
})
# scipy.special's names that cupp spells as a ufunc of its own: ellipj's outputs, the
# derivative of spherical_yn, and btdtr/btdtri (removed from SciPy, kept by CuPy) as betainc's.
first_new = list(binary).index('gammainc')
via_float64 = set(list(binary)[first_new:]) | set(ternary) - {'radian'}
ellipj_part = {'ellipj_sn': 0, 'ellipj_cn': 1, 'ellipj_dn': 2, 'ellipj_ph': 3}
aliases = {
    'spherical_yn': lambda n, x: sp.spherical_yn(n.astype(np.int64), x),
}
for name in ['spherical_jn', 'spherical_in', 'spherical_kn']:
    f = getattr(sp, name)
    aliases[name] = (lambda f: lambda n, x: f(n.astype(np.int64), x))(f)
    aliases[name + '_d'] = (lambda f: lambda n, x: f(n.astype(np.int64), x, derivative=True))(f)
for name, k in ellipj_part.items():
    aliases[name] = (lambda k: lambda u, m: sp.ellipj(u, m)[k])(k)
for name, (f, k) in {'sici_si': (sp.sici, 0), 'sici_ci': (sp.sici, 1),
                     'shichi_shi': (sp.shichi, 0), 'shichi_chi': (sp.shichi, 1)}.items():
    aliases[name] = (lambda f, k: lambda x: f(x)[k])(f, k)

out = {}
with np.errstate(all='ignore'):
    for name, x in unary.items():
        x = np.concatenate([x, special_values])
        fn = aliases.get(name) or getattr(sp, name)
        out[name + '__a0'] = x
        out[name + '__f64'] = fn(x)
        r32 = fn(x.astype(np.float32))
        assert r32.dtype == np.float32, name
        out[name + '__f32'] = r32
    for name, args in list(binary.items()) + list(ternary.items()):
        fn = aliases.get(name) or getattr(sp, name)
        for k, a in enumerate(args):
            out['%s__a%d' % (name, k)] = a
        out[name + '__f64'] = fn(*args)
        if name in via_float64:
            # cupp computes these in double for float32 too; SciPy's float32 loops of some of
            # them (betainc's family) compute in float and lose digits in the tails, so the
            # reference is SciPy's float64 loop on the float32-rounded arguments, rounded.
            r32 = fn(*[a.astype(np.float32).astype(np.float64) for a in args]).astype(np.float32)
        else:
            r32 = fn(*[a.astype(np.float32) for a in args])
        out[name + '__f32'] = np.asarray(r32).astype(np.float32)
        if not name.startswith('spherical_'):  # (an integer order makes SciPy's result float64)
            assert np.asarray(r32).dtype == np.float32, (name, r32.dtype)
# Functions that are not ufuncs: polygamma of orders 1 and 3, multigammaln of dimension 3.
with np.errstate(all='ignore'):
    xp = np.concatenate([np.linspace(-9.75, 30, 800), np.logspace(-3, 3, 200)])
    for n in (1, 3):
        out['polygamma_%d__a0' % n] = xp
        out['polygamma_%d__f64' % n] = sp.polygamma(n, xp)
    xs_d = np.concatenate([np.linspace(-50, 50, 201), [1e-5, 0.0]])
    nd, xd = grid(np.arange(0.0, 30.0), xs_d)
    out['spherical_yn_d__a0'] = nd
    out['spherical_yn_d__a1'] = xd
    out['spherical_yn_d__f64'] = sp.spherical_yn(nd.astype(np.int64), xd, derivative=True)
    xm = np.linspace(1.01, 60, 500)
    out['multigammaln_3__a0'] = xm
    out['multigammaln_3__f64'] = sp.multigammaln(xm, 3)
here = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(here, '..', 'data', 'scipy_special', 'special.npz')
np.savez_compressed(path, **out)
print('scipy', scipy.__version__, len(unary) + len(binary) + len(ternary), 'functions ->', path)
