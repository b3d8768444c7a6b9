"""Shared machinery for the per-pair verification scripts.

Each pair script builds its model in sympy with explicit scalar entries, computes the true
derivatives with sympy.diff, transcribes every claim of the corrected document by hand as a
sympy expression/matrix, and calls run().  run():
  * checks that NAME.ext and NAME-corrected.ext differ in exactly one line (the planted one);
  * locates each claim in the document by a LaTeX fragment of its line (must be unique,
    or an explicit line number is given and the fragment must occur on that line);
  * evaluates true and claimed values entry by entry at several random points
    (sympy evalf, 30 significant digits) and reports the entries that disagree.
No finite differences are involved: the reference is the exact symbolic derivative, evaluated
numerically; an independent central-difference spot check with mpmath is also done for the
scalar loss gradients (see fd_check).
"""
import random
import subprocess
import sys
from pathlib import Path

import mpmath
import sympy as sp

sys.path.insert(0, str(Path(__file__).parent))
from make_planted import PLANTS, ROOT  # noqa: E402

DIGITS = 30
TOL = 1e-18


def sig(u):
    return 1 / (1 + sp.exp(-u))


def mat(e):
    if isinstance(e, sp.MatrixBase):
        return sp.Matrix(e)
    return sp.Matrix([[e]])


def symvec(name, n, start=1):
    return sp.Matrix([sp.Symbol(f'{name}{i}') for i in range(start, start + n)])


def symmat(name, r, c, start=1):
    return sp.Matrix(r, c, lambda i, j: sp.Symbol(f'{name}{i + start}{j + start}'))


def grad(expr, wrt):
    """Gradient of scalar expr w.r.t. a symbol / vector / matrix of symbols, same shape."""
    if isinstance(wrt, sp.MatrixBase):
        return wrt.applyfunc(lambda s: sp.diff(expr, s))
    return sp.diff(expr, wrt)


def grad_at(fn, value, name):
    """d fn(node)/d node evaluated at node = value, where fn is the downstream part of the
    graph.  value is an expression/Matrix in the base symbols; fresh symbols stand for the node."""
    if isinstance(value, sp.MatrixBase):
        r, c = value.shape
        node = sp.Matrix(r, c, lambda i, j: sp.Dummy(f'{name}_{i}{j}'))
        e = fn(node)
        g = node.applyfunc(lambda s: sp.diff(e, s))
        return g.xreplace({node[i, j]: value[i, j] for i in range(r) for j in range(c)})
    node = sp.Dummy(name)
    return sp.diff(fn(node), node).xreplace({node: value})


def hadamard(a, b):
    assert a.shape == b.shape, (a.shape, b.shape)
    return a.multiply_elementwise(b)


class Check:
    def __init__(self, frag, label, true, claim, line=None, index_names=None, note=''):
        self.frag = frag          # LaTeX fragment that must occur on the claim's line
        self.label = label        # short description
        self.true = true          # exact value (sympy), or callable -> value
        self.claim = claim        # claimed value as transcribed, or None for "cannot be formed"
        self.line = line
        self.index_names = index_names  # function (i, j) -> str for entry names
        self.note = note


def locate(lines, frag, line=None, fname=''):
    hits = [i + 1 for i, l in enumerate(lines) if frag in l]
    if line is not None:
        assert line in hits, f'{fname}: fragment {frag!r} not on line {line} (found on {hits})'
        return line
    assert len(hits) == 1, f'{fname}: fragment {frag!r} found on lines {hits}'
    return hits[0]


def evaluate(e, vals):
    return sp.N(e.xreplace(vals), DIGITS)


def compare(check, points):
    T0 = mat(check.true)
    if check.claim is None:
        return 'FAIL', f'claimed expression cannot be formed: {check.note}', None
    C0 = mat(check.claim)
    if T0.shape != C0.shape:
        msg = f'shape mismatch: claimed {C0.shape[0]}x{C0.shape[1]}, true {T0.shape[0]}x{T0.shape[1]}'
        if T0.shape == C0.T.shape:
            st, m2, _ = compare(Check(check.frag, check.label, T0, C0.T), points)
            msg += ' (the transpose of the claimed matrix ' + ('equals the true gradient at all points)' if st == 'ok' else 'is wrong too)')
        return 'FAIL', msg, None
    r, c = T0.shape
    bad = {}
    maxerr = 0
    for vals in points:
        T = T0.xreplace(vals)
        C = C0.xreplace(vals)
        for i in range(r):
            for j in range(c):
                t = sp.N(T[i, j], DIGITS)
                v = sp.N(C[i, j], DIGITS)
                if not (t.is_number and v.is_number):
                    raise RuntimeError(f'{check.label}: non-numeric value {t} / {v}')
                err = abs(complex(t - v))
                scale = max(1.0, abs(complex(t)), abs(complex(v)))
                maxerr = max(maxerr, err / scale)
                if err > TOL * scale:
                    bad.setdefault((i, j), []).append((float(sp.re(t)), float(sp.re(v))))
    if not bad:
        return 'ok', f'{r*c} entr{"y" if r*c == 1 else "ies"} x {len(points)} points, max rel err {maxerr:.1e}', None
    def nm(i, j):
        if check.index_names:
            return check.index_names(i, j)
        if r == 1 and c == 1:
            return 'scalar'
        if c == 1:
            return f'[{i+1}]'
        return f'[{i+1},{j+1}]'
    parts = []
    for (i, j), lst in sorted(bad.items()):
        t, v = lst[0]
        parts.append(f'{nm(i, j)} wrong at {len(lst)}/{len(points)} pts (e.g. true {t:.6g}, claimed {v:.6g})')
    ok_entries = [nm(i, j) for i in range(r) for j in range(c) if (i, j) not in bad]
    msg = '; '.join(parts)
    if ok_entries and r * c > 1:
        msg += '; correct entries: ' + ', '.join(ok_entries)
    return 'FAIL', msg, bad


def one_line_diff(name, ext):
    a = (ROOT / f'{name}.{ext}').read_text().split('\n')
    b = (ROOT / f'{name}-corrected.{ext}').read_text().split('\n')
    assert len(a) == len(b), 'line counts differ'
    d = [i + 1 for i, (x, y) in enumerate(zip(a, b)) if x != y]
    assert len(d) == 1, d
    out = subprocess.run(['diff', str(ROOT / f'{name}.{ext}'), str(ROOT / f'{name}-corrected.{ext}')],
                         capture_output=True, text=True).stdout
    return d[0], out


def run(name, checks, planted_label, planted_checks, sampler, npts=6, seed=1):
    ext = [p[1] for p in PLANTS if p[0] == name][0]
    rng = random.Random(seed)
    points = [sampler(rng) for _ in range(npts)]
    dline, dout = one_line_diff(name, ext)
    print(f'### {name}  (diff: exactly one line differs, line {dline})')
    print(dout.rstrip())
    n_fail = {}
    for variant in ('corrected', 'planted'):
        fname = f'{name}-corrected.{ext}' if variant == 'corrected' else f'{name}.{ext}'
        lines = (ROOT / fname).read_text().split('\n')
        print(f'\n--- {fname}')
        todo = []
        for ch in checks:
            if variant == 'planted' and ch.label == planted_label:
                todo.extend(planted_checks)
            else:
                todo.append(ch)
        if variant == 'planted':
            assert any(ch.label == planted_label for ch in checks), planted_label
        fails = 0
        for ch in todo:
            ln = locate(lines, ch.frag, ch.line, fname)
            if variant == 'planted' and ch in planted_checks:
                assert ln == dline, (ln, dline)
            status, msg, _ = compare(ch, points)
            if status != 'ok':
                fails += 1
            print(f'  line {ln:3d}  {status:4s}  {ch.label}: {msg}')
        n_fail[variant] = fails
        print(f'  => {len(todo)} checks, {fails} failing')
    assert n_fail['corrected'] == 0, 'corrected file has a failing claim'
    assert n_fail['planted'] >= 1, 'planted mistake not detected'
    print(f'\nRESULT {name}: corrected file all claims correct; planted file fails only on line {dline}')
    return points


def fd_check(loss, params, sampler, seed=7, npts=3, h=mpmath.mpf('1e-20')):
    """Independent check of sympy's own derivatives: central differences with mpmath (50 digits)
    on the loss w.r.t. every base parameter symbol."""
    mpmath.mp.dps = 50
    rng = random.Random(seed)
    worst = 0
    for _ in range(npts):
        vals = sampler(rng)
        for p in params:
            d_sym = sp.N(sp.diff(loss, p).xreplace(vals), 40)
            v0 = vals[p]
            def L_at(x):
                vv = dict(vals)
                vv[p] = sp.Float(str(x), 60)
                return mpmath.mpf(str(sp.N(loss.xreplace(vv), 60)))
            x0 = mpmath.mpf(str(v0))
            fd = (L_at(x0 + h) - L_at(x0 - h)) / (2 * h)
            err = abs(fd - mpmath.mpf(str(d_sym))) / max(1, abs(fd))
            worst = max(worst, err)
    print(f'fd_check: sympy.diff vs mpmath central differences on {len(params)} parameters x {npts} points: max rel err {mpmath.nstr(worst, 3)}')
    assert worst < 1e-15
