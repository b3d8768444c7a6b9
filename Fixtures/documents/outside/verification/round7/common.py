"""Shared helpers for the round-7 verification scripts.

Activations are modelled as sympy Functions whose derivative rule is the
textbook one (checked once against the closed forms in check_activation_rules).
At a random rational point the activation values stay as unevaluated atoms
sig(r), th(r), ex(r), so every comparison is an exact rational-function
identity (sympy.cancel == 0).  A 60-digit numeric evaluation (closed forms
substituted) is printed as a second opinion for the planted claim.
"""
import os, random, sys
import sympy as sp

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


class sig(sp.Function):
    """logistic sigmoid"""
    def fdiff(self, argindex=1):
        s = sig(self.args[0])
        return s * (1 - s)

    def _eval_rewrite_as_exp(self, x, **kw):
        return 1 / (1 + sp.exp(-x))


class th(sp.Function):
    """tanh"""
    def fdiff(self, argindex=1):
        return 1 - th(self.args[0]) ** 2

    def _eval_rewrite_as_exp(self, x, **kw):
        return (sp.exp(x) - sp.exp(-x)) / (sp.exp(x) + sp.exp(-x))


class ex(sp.Function):
    """exp (kept unevaluated so that softmax identities are exact)"""
    def fdiff(self, argindex=1):
        return ex(self.args[0])

    def _eval_rewrite_as_exp(self, x, **kw):
        return sp.exp(x)


def check_activation_rules():
    z = sp.Symbol('z')
    ok = True
    for f, closed in ((sig, 1 / (1 + sp.exp(-z))),
                      (th, sp.tanh(z)),
                      (ex, sp.exp(z))):
        rule = sp.diff(f(z), z).rewrite(sp.exp)
        true = sp.diff(closed, z)
        d = sp.simplify((rule - true).rewrite(sp.exp))
        ok &= (d == 0)
        # also check rewrite agrees with the closed form
        ok &= sp.simplify((f(z).rewrite(sp.exp) - closed).rewrite(sp.exp)) == 0
    print('activation derivative rules (sig, tanh, exp) match closed forms:', ok)
    return ok


def M(rows, cols, name):
    """Matrix of scalar symbols name_{ij}, 1-based."""
    return sp.Matrix(rows, cols, lambda i, j: sp.Symbol(f'{name}_{i+1}{j+1}'))


def V(n, name):
    return sp.Matrix(n, 1, lambda i, j: sp.Symbol(f'{name}_{i+1}'))


def grad(expr, mat):
    """Matrix of partial derivatives of scalar expr w.r.t. entries of mat."""
    return mat.applyfunc(lambda s: sp.diff(expr, s))


def rand_rat(rng, lo=-6, hi=6, den=4):
    while True:
        n = rng.randint(lo, hi)
        if n != 0:
            return sp.Rational(n, rng.randint(1, den))


def as_matrix(e):
    if isinstance(e, sp.MatrixBase):
        return sp.Matrix(e)
    return sp.Matrix([[e]])


def is_exact_zero(e):
    return sp.cancel(sp.together(sp.expand(e))) == 0


def numval(e):
    return sp.N(e.rewrite(sp.exp), 60)


class Checker:
    def __init__(self, name, symbols, npoints=6, seed=7, point_fn=None):
        self.name = name
        self.symbols = list(symbols)
        self.claims = []       # (label, claimed, true, planted)
        self.npoints = npoints
        self.rng = random.Random(seed)
        self.point_fn = point_fn
        self.failures = 0

    def claim(self, label, claimed, true, planted=False):
        self.claims.append((label, as_matrix(claimed), as_matrix(true), planted))

    def points(self):
        pts = []
        for _ in range(self.npoints):
            p = {s: rand_rat(self.rng) for s in self.symbols}
            if self.point_fn:
                p = self.point_fn(p, self.rng)
            pts.append(p)
        return pts

    def run(self):
        pts = self.points()
        print(f'== {self.name}: {len(self.claims)} claims, {len(pts)} random rational points')
        for label, claimed, true, planted in self.claims:
            tag = 'PLANTED ' if planted else 'corrected'
            if claimed.shape != true.shape:
                res = 'fails (shape %s vs true %s)' % (claimed.shape, true.shape)
                if planted:
                    print(f'  [ok]   {tag} {label}: {res}')
                else:
                    print(f'  [FAIL] {tag} {label}: {res}'); self.failures += 1
                continue
            wrong_any = set()
            bad_pts = 0
            example = None
            for p in pts:
                d = (claimed - true).xreplace(p)
                wrong_here = [(i, j) for i in range(d.rows) for j in range(d.cols)
                              if not is_exact_zero(d[i, j])]
                if wrong_here:
                    bad_pts += 1
                    wrong_any.update(wrong_here)
                    for (i, j) in wrong_here:
                        val = numval(sp.expand(d[i, j]))
                        if example is None or abs(val) > abs(example[2]):
                            example = (i, j, val)
            ents = sorted((i + 1, j + 1) for i, j in wrong_any)
            if planted:
                if bad_pts:
                    print(f'  [ok]   {tag} {label}: fails at {bad_pts}/{len(pts)} points; '
                          f'wrong entries (1-based) {ents}; largest deviation claimed-true = {sp.N(example[2], 12)} '
                          f'at entry {example[0]+1},{example[1]+1}')
                else:
                    print(f'  [FAIL] {tag} {label}: holds at every point (planted mistake not detected)')
                    self.failures += 1
            else:
                if bad_pts:
                    print(f'  [FAIL] {tag} {label}: wrong at {bad_pts} points, entries {ents}')
                    self.failures += 1
                else:
                    print(f'  [ok]   {tag} {label}: exact at all points')
        return self.failures


def pair_diff(stem, ext='md'):
    a = open(os.path.join(ROOT, f'{stem}-corrected.{ext}'), 'rb').read().split(b'\n')
    b = open(os.path.join(ROOT, f'{stem}.{ext}'), 'rb').read().split(b'\n')
    diffs = [i for i in range(max(len(a), len(b)))
             if i >= len(a) or i >= len(b) or a[i] != b[i]]
    ok = len(a) == len(b) and len(diffs) == 1
    print(f'pair {stem}.{ext}: {len(diffs)} differing line(s)', end='')
    if diffs:
        i = diffs[0]
        print(f'; line {i+1}\n  corrected: {a[i].decode()}\n  planted:   {b[i].decode()}')
    else:
        print()
    return ok


def finish(checker, pair_ok, act_ok=True):
    fails = checker.run()
    ok = pair_ok and act_ok and fails == 0
    print('RESULT', checker.name, 'PASS' if ok else 'FAIL')
    sys.exit(0 if ok else 1)
