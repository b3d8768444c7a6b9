"""Shared helpers for the outside6b verification scripts.

Each pair script builds its model in sympy with explicit scalar entries,
computes the true derivatives by symbolic differentiation, transcribes every
claim of the document by hand into a sympy expression, and compares the two
entry by entry at several random points (40 significant digits).

Lines are located by a unique snippet, so the reported line numbers are the
real ones in the files.  The script also checks that NAME.EXT and
NAME-corrected.EXT differ in exactly one line and that the planted claim is
on that line.
"""
import os
import random
import sys

import sympy as sp

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DIGITS = 40


def vec(name, n):
    return sp.Matrix([sp.Symbol(f"{name}{i+1}", real=True) for i in range(n)])


def mat(name, r, c):
    return sp.Matrix(r, c, lambda i, j: sp.Symbol(f"{name}{i+1}{j+1}", real=True))


def sym(names):
    return sp.symbols(names, real=True)


def sig(x):
    return 1 / (1 + sp.exp(-x))


def sigd(x):
    return sig(x) * (1 - sig(x))


def emap(f, M):
    return M.applyfunc(f)


def had(A, B):
    assert A.shape == B.shape, (A.shape, B.shape)
    return sp.Matrix(A.shape[0], A.shape[1], lambda i, j: A[i, j] * B[i, j])


def grad(expr, M):
    """d expr / d M, same shape as M."""
    M = sp.Matrix(M)
    return M.applyfunc(lambda s: sp.diff(expr, s))


def uniform(rng, syms, lo=-2.0, hi=2.0):
    return {s: sp.Float(rng.uniform(lo, hi), DIGITS) for s in syms}


def _as_matrix(x):
    if isinstance(x, sp.MatrixBase):
        return sp.Matrix(x)
    return sp.Matrix([[x]])


def _read(path):
    with open(path, encoding="utf-8") as fh:
        return fh.read().split("\n")


class Pair:
    def __init__(self, stem, ext):
        self.stem = stem
        self.ext = ext
        self.bad_path = os.path.join(ROOT, stem + ext)
        self.good_path = os.path.join(ROOT, stem + "-corrected" + ext)
        self.bad = _read(self.bad_path)
        self.good = _read(self.good_path)
        assert len(self.bad) == len(self.good), "line counts differ"
        diffs = [i for i, (a, b) in enumerate(zip(self.bad, self.good)) if a != b]
        assert len(diffs) == 1, f"expected exactly one differing line, got {diffs}"
        self.diffline = diffs[0] + 1
        self.claims = []

    def find(self, snippet, lines=None):
        lines = self.good if lines is None else lines
        hits = [i + 1 for i, l in enumerate(lines) if snippet in l]
        assert len(hits) == 1, f"snippet {snippet!r} found on lines {hits}"
        return hits[0]

    def claim(self, snippet, desc, truth, rhs, bad_snippet=None, bad_rhs=None):
        """A claim located on the (unique) line containing `snippet`.

        truth: the true value of the left-hand side (sympy expr or Matrix)
        rhs:   the right-hand side as written in the corrected file
        bad_rhs: right-hand side as written in the planted file (only for the
                 claim on the differing line that carries the mistake)
        """
        line = self.find(snippet)
        if bad_rhs is not None:
            assert line == self.diffline, (line, self.diffline)
            assert bad_snippet is not None
            assert bad_snippet in self.bad[line - 1], bad_snippet
            assert bad_snippet not in self.good[line - 1]
        self.claims.append(dict(line=line, desc=desc, truth=truth, rhs=rhs, bad_rhs=bad_rhs))

    # ------------------------------------------------------------------
    def _compare(self, T, R, subs):
        T = _as_matrix(T)
        R = _as_matrix(R)
        if T.shape != R.shape:
            return "shape", None
        wrong = []
        for i in range(T.shape[0]):
            for j in range(T.shape[1]):
                t = sp.N(T[i, j].xreplace(subs), DIGITS)
                r = sp.N(R[i, j].xreplace(subs), DIGITS)
                t = complex(t) if not t.is_real else t
                r = complex(r) if not r.is_real else r
                if abs(t - r) > sp.Float(10) ** (-(DIGITS - 12)) * (1 + abs(t)):
                    wrong.append((i + 1, j + 1, t, r))
        return "ok" if not wrong else "wrong", wrong

    def run(self, sampler, npoints=6, seed=1234):
        rng = random.Random(seed)
        planted = [c for c in self.claims if c["bad_rhs"] is not None]
        assert len(planted) == 1, "exactly one planted claim expected"
        points = [sampler(rng) for _ in range(npoints)]
        ok_all = True
        print(f"== {self.stem}{self.ext}  (differing line: {self.diffline}; "
              f"{len(self.claims)} claims; {npoints} random points; {DIGITS} digits)")
        for c in self.claims:
            fails = 0
            # guard against vacuous checks: is the true value non-zero somewhere?
            Tm = _as_matrix(c["truth"])
            nonzero = any(abs(sp.N(e.xreplace(p), DIGITS)) > 1e-20 for p in points for e in Tm)
            if not nonzero:
                c["desc"] += "   [true value is 0 at every point]"
            for p in points:
                st, w = self._compare(c["truth"], c["rhs"], p)
                if st != "ok":
                    fails += 1
                    print("   counterexample:", st, w[:4] if w else "", {str(k): float(v) for k, v in p.items()})
            status = "OK" if fails == 0 else f"FAIL at {fails}/{npoints}"
            if fails:
                ok_all = False
            print(f"  line {c['line']:3d}  corrected  {status:16s} {c['desc']}")
        c = planted[0]
        entry_fail = {}
        shape_bad = False
        npfail = 0
        for p in points:
            st, w = self._compare(c["truth"], c["bad_rhs"], p)
            if st == "shape":
                shape_bad = True
                npfail += 1
            elif st == "wrong":
                npfail += 1
                for (i, j, t, r) in w:
                    entry_fail[(i, j)] = entry_fail.get((i, j), 0) + 1
        T = _as_matrix(c["truth"])
        if shape_bad:
            R = _as_matrix(c["bad_rhs"])
            detail = f"shape mismatch: true {T.shape}, claimed {R.shape}"
        else:
            detail = "wrong entries (row, col: #points): " + ", ".join(
                f"({i},{j}): {n}/{npoints}" for (i, j), n in sorted(entry_fail.items()))
            right = [(i + 1, j + 1) for i in range(T.shape[0]) for j in range(T.shape[1])
                     if (i + 1, j + 1) not in entry_fail]
            if right:
                detail += "; entries right at every point: " + ", ".join(f"({i},{j})" for i, j in right)
        print(f"  line {c['line']:3d}  PLANTED    {'WRONG at %d/%d' % (npfail, npoints):16s} {c['desc']}")
        print(f"             {detail}")
        if npfail == 0:
            ok_all = False
        print("RESULT:", "as intended" if ok_all else "PROBLEM")
        print()
        return ok_all
