"""Shared helpers for the verification scripts.

Every script builds its model in scalars with sympy, obtains the true
derivatives by symbolic differentiation, evaluates both the true derivative
and the right-hand side written in the document at 5 random points with
60 significant digits, and compares them entry by entry.

True derivatives with respect to intermediate quantities (z, a, h, o, ...)
are obtained by adding a symbolic offset eps to that quantity in the forward
pass and differentiating with respect to eps at eps = 0.
"""
import os
import random
import sympy as sp

DIGITS = 60
TOL = sp.Float("1e-35", DIGITS)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

_EPS = []  # all offset symbols, set to 0 at evaluation time


# ---------------------------------------------------------------- building
def mat(name, r, c):
    return sp.Matrix(r, c, lambda i, j: sp.Symbol(f"{name}_{i + 1}{j + 1}", real=True))


def vec(name, n):
    return sp.Matrix(n, 1, lambda i, j: sp.Symbol(f"{name}_{i + 1}", real=True))


def scal(name):
    return sp.Symbol(name, real=True)


def M(x):
    if isinstance(x, sp.MatrixBase):
        return sp.Matrix(x)
    return sp.Matrix([[x]])


def sigmoid(z):
    return 1 / (1 + sp.exp(-z))


def softplus(z):
    return sp.log(1 + sp.exp(z))


def relu(z):
    return sp.Piecewise((z, z > 0), (0, True))


def relu_prime(z):
    return sp.Piecewise((1, z > 0), (0, True))


def emap(f, A):
    return M(A).applyfunc(f)


def had(A, B):
    return M(A).multiply_elementwise(M(B))


def ones(r, c=1):
    return sp.ones(r, c)


def tap(name, V):
    """Return (V + E, E): V with a symbolic offset E, to differentiate w.r.t. V."""
    V = M(V)
    E = sp.Matrix(V.shape[0], V.shape[1],
                  lambda i, j: sp.Symbol(f"eps_{name}_{i + 1}{j + 1}", real=True))
    _EPS.extend(list(E))
    if V.shape == (1, 1):
        return V[0, 0] + E[0, 0], E
    return V + E, E


def grad(f, A):
    """Matrix of d f / d A_ij, same shape as A (A a matrix of symbols)."""
    return M(A).applyfunc(lambda s: sp.diff(f, s))


def jac(F, A):
    """d F_i / d A_j for column vectors F, A."""
    F, A = M(F), M(A)
    return sp.Matrix(F.shape[0], A.shape[0], lambda i, j: sp.diff(F[i], A[j]))


# -------------------------------------------------------------- evaluation
def rnd(rng, lo=-1.5, hi=1.5):
    return sp.Rational(rng.randint(int(lo * 10**6), int(hi * 10**6)), 10**6)


def rand_point(syms, rng, lo=-1.5, hi=1.5):
    pt = {}
    for s in syms:
        for x in (list(s) if isinstance(s, sp.MatrixBase) else [s]):
            pt[x] = rnd(rng, lo, hi)
    return pt


def evaluate(expr, pt):
    full = dict(pt)
    for e in _EPS:
        full.setdefault(e, sp.Integer(0))
    return M(expr).xreplace(full).applyfunc(lambda v: sp.N(v, DIGITS))


def close(a, b):
    if a.shape != b.shape:
        return False
    for x, y in zip(a, b):
        if not (x.is_number and y.is_number):
            return False
        if abs(x - y) > TOL * (1 + abs(x)):
            return False
    return True


# ------------------------------------------------------------------- files
def read_lines(name):
    with open(os.path.join(ROOT, name), encoding="utf-8") as fh:
        return fh.read().split("\n")


class Claim:
    def __init__(self, name, tex, true, rhs):
        self.name, self.tex, self.true, self.rhs = name, tex, true, rhs


def check_pair(planted_file, corrected_file, claims, planted_name, planted_tex,
               planted_rhs, sample, guards=(), n_points=5, seed=12345):
    """planted_rhs may be a single expression or a list of alternatives
    (e.g. a free index that could take several values); the planted claim
    counts as holding if any alternative matches."""
    A, B = read_lines(planted_file), read_lines(corrected_file)
    assert len(A) == len(B), "files differ in number of lines"
    diff = [i for i in range(len(A)) if A[i] != B[i]]
    assert len(diff) == 1, f"expected exactly one differing line, got {diff}"
    ln = diff[0]
    names = [c.name for c in claims]
    assert len(set(names)) == len(names)
    target = [c for c in claims if c.name == planted_name]
    assert len(target) == 1
    target = target[0]
    # tie every claim to the text of the documents
    for c in claims:
        where = [i for i, l in enumerate(B) if c.tex in l]
        assert where, f"claim {c.name!r}: {c.tex!r} not found in {corrected_file}"
        if c is not target:
            assert any(i != ln for i in where), f"claim {c.name!r} only on the planted line"
    assert target.tex in B[ln], "planted claim not on the differing line (corrected)"
    assert planted_tex in A[ln], "planted text not on the differing line (planted)"
    alts = planted_rhs if isinstance(planted_rhs, (list, tuple)) else [planted_rhs]

    rng = random.Random(seed)
    done = 0
    tries = 0
    n_failed_planted = 0
    while done < n_points:
        tries += 1
        assert tries < 1000, "could not find sample points away from ReLU kinks"
        pt = sample(rng)
        if any(abs(evaluate(g, pt)[0, 0]) < sp.Rational(1, 20)
               for gs in guards for g in M(gs)):
            continue
        done += 1
        for c in claims:  # corrected document: every claim must hold
            t, r = evaluate(c.true, pt), evaluate(c.rhs, pt)
            assert close(t, r), (f"{corrected_file}: claim {c.name!r} fails at point {done}",
                                 t.tolist(), r.tolist())
        # planted document: all other claims are literally the same lines; the
        # planted claim must fail
        t = evaluate(target.true, pt)
        holds = False
        for alt in alts:
            r = evaluate(alt, pt)
            if close(t, r):
                holds = True
        assert not holds, f"{planted_file}: planted claim {planted_name!r} holds at point {done}"
        n_failed_planted += 1
    print(f"{corrected_file}: all {len(claims)} claims hold at {n_points} points")
    print(f"{planted_file}: {len(claims) - 1} claims hold, planted claim "
          f"{planted_name!r} (line {ln + 1}) fails at {n_failed_planted}/{n_points} points")
    print("  corrected: " + B[ln])
    print("  planted:   " + A[ln])
    return ln + 1
