"""Shared helpers for the verification scripts.

Every script builds its model from scalar sympy symbols, obtains the true
derivatives with sympy.diff (derivatives with respect to intermediate nodes
are taken by adding a perturbation symbol `eps` to the node and
differentiating at eps = 0), evaluates the right-hand side of each claim as
written in the document, and compares entry by entry at 5 random points with
50 significant digits.
"""
import os
import random

import sympy as sp

DPS = 50
TOL = sp.Float(10, DPS) ** -35
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


# ----------------------------------------------------------------- functions
def sigmoid(x):
    return 1 / (1 + sp.exp(-x))


def dsigmoid(x):
    s = sigmoid(x)
    return s * (1 - s)


def relu(x):
    return sp.Max(0, x)


def relu_prime(x):
    # only ever evaluated away from 0
    return sp.Heaviside(x)


def softplus(x):
    return sp.log(1 + sp.exp(x))


def softmax(zs):
    m = [sp.exp(z) for z in zs]
    s = sum(m)
    return [e / s for e in m]


# ------------------------------------------------------------------- symbols
def vec(name, n):
    return [sp.Symbol(f"{name}_{i}", real=True) for i in range(1, n + 1)]


def mat(name, r, c):
    return [[sp.Symbol(f"{name}_{i}{j}", real=True) for j in range(1, c + 1)]
            for i in range(1, r + 1)]


def flat(x):
    if isinstance(x, (list, tuple)):
        out = []
        for e in x:
            out.extend(flat(e))
        return out
    return [x]


def matmul(A, B):
    return [[sum(A[i][k] * B[k][j] for k in range(len(B)))
             for j in range(len(B[0]))] for i in range(len(A))]


def matvec(A, v):
    return [sum(A[i][k] * v[k] for k in range(len(v))) for i in range(len(A))]


def T(A):
    return [list(r) for r in zip(*A)]


def outer(u, v):
    return [[a * b for b in v] for a in u]


def had(u, v):
    if isinstance(u[0], list):
        return [[a * b for a, b in zip(r, s)] for r, s in zip(u, v)]
    return [a * b for a, b in zip(u, v)]


def madd(A, B):
    if isinstance(A[0], list):
        return [[a + b for a, b in zip(r, s)] for r, s in zip(A, B)]
    return [a + b for a, b in zip(A, B)]


def scal(c, A):
    if isinstance(A, list):
        return [scal(c, a) for a in A]
    return c * A


def grad(expr, x, eps=()):
    """Derivative of expr w.r.t. x (symbol, or nested list of symbols),
    with all perturbation symbols in eps set to zero afterwards."""
    zero = {e: 0 for e in flat(list(eps))}
    if isinstance(x, list):
        return [grad(expr, xi, eps) for xi in x]
    return sp.diff(expr, x).subs(zero)


def at0(expr, eps):
    zero = {e: 0 for e in flat(list(eps))}
    if isinstance(expr, list):
        return [at0(e, eps) for e in expr]
    return expr.subs(zero)


# --------------------------------------------------------------- evaluation
def num(expr, pt):
    return sp.N(sp.sympify(expr).xreplace(pt), DPS)


def close(a, b):
    return abs(a - b) <= TOL * max(1, abs(a))


def holds(true, rhs, pt):
    """true, rhs: scalars or nested lists. Shapes must agree and every entry
    must agree to 35 digits."""
    t, r = flat(true), flat(rhs)
    shape_t = _shape(true)
    shape_r = _shape(rhs)
    if shape_t != shape_r or len(t) != len(r):
        return False
    return all(close(num(a, pt), num(b, pt)) for a, b in zip(t, r))


def _shape(x):
    if isinstance(x, list):
        return (len(x),) + (_shape(x[0]) if x else ())
    return ()


def random_points(symbols, rng, n=5, lo=-1.5, hi=1.5, ok=None, fixed=None):
    pts = []
    tries = 0
    while len(pts) < n:
        tries += 1
        assert tries < 10000, "could not sample admissible points"
        pt = {s: sp.Rational(rng.randint(int(lo * 1000), int(hi * 1000)), 1000)
              for s in symbols}
        if fixed:
            pt.update(fixed)
        if ok is None or ok(pt):
            pts.append(pt)
    return pts


# --------------------------------------------------------------- documents
def read_lines(path):
    with open(path, "rb") as f:
        return f.read().split(b"\n")


def check_docs(name, ext, line_no, wrong, fixed, snippets):
    """The planted and corrected documents differ in exactly one line,
    line_no (1-based); that line holds `wrong` / `fixed`; every other claim
    snippet occurs in both documents."""
    p = os.path.join(ROOT, name + ext)
    c = os.path.join(ROOT, name + "-corrected" + ext)
    P, C = read_lines(p), read_lines(c)
    assert len(P) == len(C), "line counts differ"
    diff = [i + 1 for i, (a, b) in enumerate(zip(P, C)) if a != b]
    assert diff == [line_no], f"differing lines {diff}, expected [{line_no}]"
    pl = P[line_no - 1].decode()
    cl = C[line_no - 1].decode()
    assert wrong in pl, f"planted snippet not on line {line_no}: {wrong!r}"
    assert fixed in cl, f"fixed snippet not on line {line_no}: {fixed!r}"
    ptext, ctext = b"\n".join(P).decode(), b"\n".join(C).decode()
    for s in snippets:
        assert s in ptext and s in ctext, f"claim snippet missing: {s!r}"


class Claim:
    def __init__(self, label, snippet, fn):
        self.label, self.snippet, self.fn = label, snippet, fn


def run(name, ext, line_no, wrong, fixed, claims, planted_label, planted_fn,
        points):
    """claims: list of Claim (as in the corrected document).
    planted_fn: the planted version of claim `planted_label`."""
    labels = [c.label for c in claims]
    assert planted_label in labels
    check_docs(name, ext, line_no, wrong, fixed,
               [c.snippet for c in claims if c.label != planted_label])
    corrected_claim = [c for c in claims if c.label == planted_label][0]
    corr_text = b"\n".join(
        read_lines(os.path.join(ROOT, name + "-corrected" + ext))).decode()
    assert corrected_claim.snippet in corr_text
    fails_corrected = {c.label: 0 for c in claims}
    fails_planted = {c.label: 0 for c in claims}
    for pt in points:
        for c in claims:
            true, rhs = c.fn(pt)
            ok = holds(true, rhs, pt)
            if not ok:
                fails_corrected[c.label] += 1
            if c.label == planted_label:
                true, rhs = planted_fn(pt)
                ok = holds(true, rhs, pt)
            if not ok:
                fails_planted[c.label] += 1
    bad = {k: v for k, v in fails_corrected.items() if v}
    assert not bad, f"{name}: corrected document has failing claims {bad}"
    wrong_p = {k: v for k, v in fails_planted.items() if v}
    assert set(wrong_p) == {planted_label}, \
        f"{name}: planted document fails {wrong_p}, expected only {planted_label}"
    assert wrong_p[planted_label] == len(points), \
        f"{name}: planted claim fails only at {wrong_p[planted_label]} points"
    print(f"OK {name}{ext}: {len(claims)} claims hold in corrected file at "
          f"{len(points)} points; planted file fails exactly claim "
          f"'{planted_label}' (line {line_no}) at all points")
