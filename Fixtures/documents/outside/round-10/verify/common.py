"""Shared helpers for the ground-truth scripts.

Every script builds the model exactly as its document states it, computes the
true derivatives with sympy (sp.diff on the fully built expression), and
compares each claim of the corrected document with the truth.  Two sides are
judged equal when they have the same shape and their difference vanishes at
several random exact-rational points, evaluated to 50 significant digits.
A claim that cannot even be formed (shape mismatch) counts as false.
"""
import os
import random
import sys

import mpmath
import sympy as sp


def _heaviside(t, h0=None):
    return mpmath.mpf(1) if t > 0 else (mpmath.mpf(0) if t < 0 else mpmath.mpf("0.5"))


def _max(*a):
    return max(a)


def _min(*a):
    return min(a)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def sigmoid(t):
    return 1 / (1 + sp.exp(-t))


def ew(f, M):
    """apply f element-wise to a sympy Matrix"""
    return M.applyfunc(f)


def had(*Ms):
    """Hadamard product of equally shaped matrices"""
    out = Ms[0]
    for M in Ms[1:]:
        if out.shape != M.shape:
            raise sp.ShapeError("hadamard shape mismatch %s vs %s" % (out.shape, M.shape))
        out = sp.matrix_multiply_elementwise(out, M)
    return out


def mat(name, r, c):
    return sp.Matrix(r, c, lambda i, j: sp.Symbol("%s_%d%d" % (name, i + 1, j + 1)))


def vec(name, n):
    return sp.Matrix(n, 1, lambda i, j: sp.Symbol("%s_%d" % (name, i + 1)))


def grad(scalar, M):
    """matrix of partial derivatives of scalar w.r.t. the symbols in M (same shape)"""
    return M.applyfunc(lambda s: sp.diff(scalar, s))


def fsum(M):
    return sum(M[i] for i in range(len(M)))


class Checker:
    def __init__(self, pair, seed=1, trials=4, sampler=None):
        self.pair = pair
        self.rng = random.Random(seed)
        self.trials = trials
        self.sampler = sampler  # optional: dict symbol -> callable(rng) -> value
        self.ok = True
        self.n = 0

    # ---------------------------------------------------------------- values
    def _value(self, s):
        if self.sampler and s in self.sampler:
            return self.sampler[s](self.rng)
        # random rational in (-1.5, 1.5), essentially never exactly 0
        return sp.Rational(self.rng.randint(-1500000, 1500000), 1000000) + sp.Rational(1, 7919)

    def _as_matrix(self, e):
        if isinstance(e, sp.MatrixBase):
            return sp.Matrix(e)
        if isinstance(e, (list, tuple)):
            return sp.Matrix(e)
        return sp.Matrix([[sp.sympify(e)]])

    def equal(self, a, b):
        A, B = self._as_matrix(a), self._as_matrix(b)
        if A.shape != B.shape:
            return False, "shape %s vs %s" % (A.shape, B.shape)
        D = A - B
        syms = sorted(D.free_symbols, key=lambda s: s.name)
        mods = [{"Heaviside": _heaviside, "Max": _max, "Min": _min}, "mpmath"]
        f = sp.lambdify(syms, list(D), modules=mods)
        with mpmath.workdps(50):
            for _ in range(self.trials):
                vals = [self._value(s) for s in syms]
                out = f(*[mpmath.mpf(v.p) / v.q if isinstance(v, sp.Rational) else mpmath.mpf(v)
                          for v in vals])
                for k, v in enumerate(out):
                    v = mpmath.mpmathify(v)
                    if not mpmath.isfinite(v):
                        return False, "entry %d not finite: %s" % (k, v)
                    if abs(v) > mpmath.mpf(10) ** -30:
                        return False, "entry %d differs by %s" % (k, mpmath.nstr(v, 6))
        return True, "equal at %d random points" % self.trials

    # ---------------------------------------------------------------- claims
    def claim(self, label, claimed, true, expect=True):
        """claimed/true may be expressions, matrices, or zero-arg callables
        (so that an ill-formed claim, e.g. a shape error, counts as false)."""
        self.n += 1
        try:
            c = claimed() if callable(claimed) else claimed
            t = true() if callable(true) else true
            holds, why = self.equal(c, t)
        except (sp.ShapeError, ValueError, TypeError, IndexError) as e:
            holds, why = False, "ill-formed: %s" % e
        good = holds == expect
        tag = "planted" if label.startswith("PLANTED") else ("claim" if expect else "negctl")
        print("  [%s] %-7s %-60s -> %s (%s)" % ("ok" if good else "XX", tag, label,
                                                "holds" if holds else "FALSE", why))
        if not good:
            self.ok = False

    # ---------------------------------------------------------------- files
    def files(self, ext, planted_line):
        p = os.path.join(ROOT, self.pair + "." + ext)
        q = os.path.join(ROOT, self.pair + "-corrected." + ext)
        a = open(p).read().split("\n")
        b = open(q).read().split("\n")
        diffs = [i + 1 for i in range(max(len(a), len(b)))
                 if i >= len(a) or i >= len(b) or a[i] != b[i]]
        good = len(a) == len(b) and diffs == [planted_line]
        print("  [%s] files   %s vs corrected differ exactly at line %d -> %s" % (
            "ok" if good else "XX", os.path.basename(p), planted_line, diffs))
        if not good:
            self.ok = False

    def finish(self):
        print("%s %s (%d claims checked)" % ("PASS" if self.ok else "FAIL", self.pair, self.n))
        sys.exit(0 if self.ok else 1)
