#!/usr/bin/env python3
"""Independent golden values for the BackpropCheck "seed network".

This program shares no code with the Swift kit.  It uses only the Python 3
standard library and mpmath.  Run it by hand from anywhere:

    python3 scripts/golden/make_golden_cases.py          # (re)write Fixtures/cases/
    python3 scripts/golden/make_golden_cases.py --check  # verify committed files are current

The network (seed derivation document):

    z10 = w10*x00 + b10,  x10 = a(z10)
    z11 = w11*x01 + b11,  x11 = a(z11)
    z20 = (w20[0]*x10 + b20[0]) + (w20[1]*x11 + b20[1]),  y = x20 = a(z20)

For every case the script computes y, the intermediates and all eight partials
dy/dparam with the closed-form chain rule at mp.dps = 120, and then refuses to
write anything unless all of the following agree:

  1. each closed-form partial vs. mpmath.diff (central differences at roughly
     twice the working precision) of the forward pass, to 1e-50 relative;
  2. the forward pass vs. a second forward pass whose activations use
     different (textbook) formulas, evaluated at mp.dps = 300, to 1e-50 relative;
  3. every printed value vs. the same closed-form computation redone at
     mp.dps = 200, to 1e-90 relative (so the 70 printed digits are all correct
     and no cancellation ate into them);
  4. the regime claims of each case (e.g. "|z20| > 20", "z20 is tiny but
     nonzero", "relu pre-activations are well away from 0").

Inputs and parameters are Python floats, i.e. exact binary64 values; they enter
mpmath via mpf(float), which is exact.  Output is deterministic: running the
script twice yields byte-identical files.
"""

import argparse
import json
import math
import os
import random
import sys

import mpmath
from mpmath import mp, mpf

WORK_DPS = 120          # precision of the reported values
RECHECK_DPS = 200       # closed form recomputed here; must agree to RECHECK_TOL
ALT_DPS = 300           # alternative-formula forward pass
OUT_DIGITS = 70         # significant digits written to the JSON files
DIFF_TOL = mpf("1e-50")
ALT_TOL = mpf("1e-50")
RECHECK_TOL = mpf("1e-90")

INPUT_NAMES = ["x00", "x01"]
PARAM_NAMES = ["w10", "b10", "w11", "b11", "w20[0]", "w20[1]", "b20[0]", "b20[1]"]
INTERMEDIATE_NAMES = ["z10", "x10", "z11", "x11", "z20", "x20"]
ACTIVATIONS = ["sigmoid", "tanh", "softplus", "silu", "gelu", "identity", "relu"]
REGIMES = ["ordinary", "saturation", "tiny", "wide", "cancellation", "equal-weights"]

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_OUT = os.path.join(REPO_ROOT, "Fixtures", "cases")


class GoldenError(Exception):
    pass


def require(cond, message):
    if not cond:
        raise GoldenError(message)


# ---------------------------------------------------------------------------
# Activations, primary forms (used for the reported values).  Written in forms
# that do not cancel catastrophically; each a' is derived by hand.
# ---------------------------------------------------------------------------

def sigmoid(z):
    return 1 / (1 + mpmath.exp(-z))


def act(name, z):
    if name == "sigmoid":
        return sigmoid(z)
    if name == "tanh":
        return mpmath.tanh(z)
    if name == "softplus":
        return mpmath.log1p(mpmath.exp(z))
    if name == "silu":
        return z * sigmoid(z)
    if name == "gelu":
        # z * Phi(z), Phi(z) = (1 + erf(z/sqrt2))/2 = erfc(-z/sqrt2)/2
        return z * mpmath.erfc(-z / mpmath.sqrt(2)) / 2
    if name == "identity":
        return +z
    if name == "relu":
        require(z != 0, "relu evaluated at its kink")
        return +z if z > 0 else mpf(0)
    raise GoldenError("unknown activation " + name)


def dact(name, z):
    if name == "sigmoid":
        # s(1 - s) = s(z) * s(-z)
        return sigmoid(z) * sigmoid(-z)
    if name == "tanh":
        # 1 - tanh^2 = sech^2
        return mpmath.sech(z) ** 2
    if name == "softplus":
        return sigmoid(z)
    if name == "silu":
        # s + z s (1 - s) = s(z) * (1 + z s(-z))
        return sigmoid(z) * (1 + z * sigmoid(-z))
    if name == "gelu":
        # Phi(z) + z phi(z), phi(z) = exp(-z^2/2)/sqrt(2 pi)
        phi = mpmath.exp(-z * z / 2) / mpmath.sqrt(2 * mpmath.pi)
        return mpmath.erfc(-z / mpmath.sqrt(2)) / 2 + z * phi
    if name == "identity":
        return mpf(1)
    if name == "relu":
        require(z != 0, "relu derivative evaluated at its kink")
        return mpf(1) if z > 0 else mpf(0)
    raise GoldenError("unknown activation " + name)


# Alternative (textbook) forms, used only for cross-checking at ALT_DPS.
def act_alt(name, z):
    if name == "sigmoid":
        return (1 + mpmath.tanh(z / 2)) / 2
    if name == "tanh":
        e = mpmath.exp(2 * z)
        return (e - 1) / (e + 1)
    if name == "softplus":
        return mpmath.log(1 + mpmath.exp(z))
    if name == "silu":
        return z / (1 + mpmath.exp(-z))
    if name == "gelu":
        return z * (1 + mpmath.erf(z / mpmath.sqrt(2))) / 2
    if name == "identity":
        return +z
    if name == "relu":
        return (z + abs(z)) / 2
    raise GoldenError("unknown activation " + name)


# ---------------------------------------------------------------------------
# The network.
# ---------------------------------------------------------------------------

def forward(name, inp, par, f=act):
    """inp, par: dicts of mpf.  Returns dict of intermediates (x20 == y)."""
    z10 = par["w10"] * inp["x00"] + par["b10"]
    x10 = f(name, z10)
    z11 = par["w11"] * inp["x01"] + par["b11"]
    x11 = f(name, z11)
    z20 = (par["w20[0]"] * x10 + par["b20[0]"]) + (par["w20[1]"] * x11 + par["b20[1]"])
    x20 = f(name, z20)
    return {"z10": z10, "x10": x10, "z11": z11, "x11": x11, "z20": z20, "x20": x20}


def closed_form_gradient(name, inp, par, v):
    """The chain rule written out for this network."""
    d20 = dact(name, v["z20"])               # dy/dz20
    d10 = d20 * par["w20[0]"] * dact(name, v["z10"])   # dy/dz10
    d11 = d20 * par["w20[1]"] * dact(name, v["z11"])   # dy/dz11
    return {
        "w10": d10 * inp["x00"],
        "b10": d10,
        "w11": d11 * inp["x01"],
        "b11": d11,
        "w20[0]": d20 * v["x10"],
        "w20[1]": d20 * v["x11"],
        "b20[0]": d20,
        "b20[1]": d20,
    }


def evaluate(name, inp_f, par_f):
    """Closed-form y, intermediates and gradient at the current precision."""
    inp = {k: mpf(x) for k, x in inp_f.items()}
    par = {k: mpf(x) for k, x in par_f.items()}
    v = forward(name, inp, par)
    g = closed_form_gradient(name, inp, par, v)
    return inp, par, v, g


def rel_close(a, b, tol):
    if a == b:
        return True
    return abs(a - b) <= tol * max(abs(a), abs(b))


def rel_err(a, b):
    if a == b:
        return mpf(0)
    return abs(a - b) / max(abs(a), abs(b))


def fmt(x):
    """OUT_DIGITS significant digits, always scientific: d.ddd...e[+-]N."""
    s = mpmath.nstr(x, OUT_DIGITS, strip_zeros=False, min_fixed=mpmath.inf,
                    max_fixed=-mpmath.inf, show_zero_exponent=True)
    if x == 0:
        s = "0." + "0" * (OUT_DIGITS - 1) + "e+0"
    mant = s.lstrip("-").split("e")[0]
    require(len(mant.replace(".", "")) == OUT_DIGITS, "bad formatting: " + s)
    return s


def fmt_float(x):
    require(isinstance(x, float) and math.isfinite(x), "non-float value %r" % (x,))
    require(float.fromhex(x.hex()) == x and float(repr(x)) == x, "round trip failed")
    return {"hex": x.hex(), "decimal": repr(x)}


# ---------------------------------------------------------------------------
# Float-arithmetic helpers used only to *choose* binary64 parameters.
# ---------------------------------------------------------------------------

def act_float(name, z):
    if name == "sigmoid":
        return 1.0 / (1.0 + math.exp(-z))
    if name == "tanh":
        return math.tanh(z)
    if name == "softplus":
        return math.log1p(math.exp(z)) if z < 30 else z + math.log1p(math.exp(-z))
    if name == "silu":
        return z / (1.0 + math.exp(-z))
    if name == "gelu":
        return z * (1.0 + math.erf(z / math.sqrt(2.0))) / 2.0
    if name == "identity":
        return z
    if name == "relu":
        return max(0.0, z)
    raise GoldenError("unknown activation " + name)


def b20_1_for(name, inp, par, target):
    """b20[1] so that z20 ~= target; computed in binary64 arithmetic, in the
    evaluation order of the network.  With target 0 the exact (high-precision)
    z20 is then a few ulps of the order-one terms: tiny but nonzero."""
    x10 = act_float(name, par["w10"] * inp["x00"] + par["b10"])
    x11 = act_float(name, par["w11"] * inp["x01"] + par["b11"])
    return target - ((par["w20[0]"] * x10 + par["b20[0]"]) + par["w20[1]"] * x11)


# ---------------------------------------------------------------------------
# The cases.
# ---------------------------------------------------------------------------

def P(w10, b10, w11, b11, w20_0, w20_1, b20_0, b20_1):
    return {"w10": float(w10), "b10": float(b10), "w11": float(w11), "b11": float(b11),
            "w20[0]": float(w20_0), "w20[1]": float(w20_1),
            "b20[0]": float(b20_0), "b20[1]": float(b20_1)}


def I(x00, x01):
    return {"x00": float(x00), "x01": float(x01)}


def build_cases():
    """Returns a list of (activation, regime, inputs, params, checks, note).
    checks: list of (description, predicate(v, par)) on the dps-120 values."""
    rng = random.Random(0x5EED)   # fixed seed: deterministic across runs

    def uni(lo, hi):
        return rng.uniform(lo, hi)

    def tiny():
        return rng.choice([-1.0, 1.0]) * rng.uniform(1e-9, 9.9e-9)

    cases = []

    def add(act_name, regime, inp, par, checks, note):
        cases.append((act_name, regime, inp, par, checks, note))

    def z_between(key, lo, hi):
        return ("%s in (%g, %g)" % (key, lo, hi), lambda v, p: lo < v[key] < hi)

    ordinary_check = ("all inputs/params have |value| <= 2",
                      lambda v, p: all(abs(x) <= 2 for x in p.values()))
    relu_check = ("all relu pre-activations have |z| > 0.25",
                  lambda v, p: all(abs(v[k]) > mpf("0.25") for k in ("z10", "z11", "z20")))

    # --- ordinary: random binary64 values in [-2, 2] -----------------------
    for a in ["sigmoid", "tanh", "softplus", "silu", "gelu", "identity"]:
        inp = I(uni(-2, 2), uni(-2, 2))
        par = P(*[uni(-2, 2) for _ in range(8)])
        add(a, "ordinary", inp, par,
            [ordinary_check, ("inputs also <= 2", lambda v, p, inp=inp: all(abs(x) <= 2 for x in inp.values()))],
            "random values in [-2, 2]")

    # relu, all pre-activations positive and well away from 0
    add("relu", "ordinary", I(1.25, -0.75), P(0.875, 0.40625, -1.5, 0.3125, 1.1875, -0.6875, 0.5, 0.21875),
        [relu_check, ("all z > 0", lambda v, p: all(v[k] > 0 for k in ("z10", "z11", "z20")))],
        "relu, every z positive and well away from 0")
    # relu, z11 well below 0 (x11 = 0, dy/dw11 = dy/db11 = 0), others positive
    add("relu", "ordinary", I(0.6875, 1.4375), P(-1.3125, 1.75, -0.9375, 0.125, 0.8125, 1.625, -0.25, 0.4375),
        [relu_check, ("z11 < 0 < z10, z20", lambda v, p: v["z11"] < 0 < v["z10"] and v["z20"] > 0)],
        "relu with z11 < 0 (dead unit): exact zero partials for w11, b11")

    # --- saturation ----------------------------------------------------------
    inp = I(1.5, -0.5)
    par = P(0.75, -0.25, 1.25, 0.5, 20.0, 15.0, 3.5, 0.0)
    par["b20[1]"] = b20_1_for("sigmoid", inp, par, 30.1)
    add("sigmoid", "saturation", inp, par, [z_between("z20", 29, 31)], "sigmoid, z20 ~ +30.1 (y ~ 1 - 8.5e-14)")

    inp = I(-1.25, 0.625)
    par = P(1.375, 0.5, -0.8125, 1.0, -30.0, -25.0, -2.0, 0.0)
    par["b20[1]"] = b20_1_for("sigmoid", inp, par, -40.2)
    add("sigmoid", "saturation", inp, par, [z_between("z20", -41, -39)], "sigmoid, z20 ~ -40.2 (y ~ 3.5e-18)")

    add("tanh", "saturation", I(2.5, -1.75), P(10.1, -0.15, 14.3, -0.3, 0.7, 0.45, -0.2, 0.1),
        [z_between("z10", 24, 26), z_between("z11", -26, -24)],
        "tanh, z10 ~ +25 and z11 ~ -25 (a'(z) ~ 1e-21)")

    inp = I(0.8, -1.2)
    par = P(1.1, -0.4, 0.9, 0.3, -35.0, -20.0, 1.5, 0.0)
    par["b20[1]"] = b20_1_for("softplus", inp, par, -50.3)
    add("softplus", "saturation", inp, par, [z_between("z20", -51, -49)], "softplus, z20 ~ -50 (y ~ 1.4e-22)")

    add("softplus", "saturation", I(3.0, -0.5), P(19.7, 1.15, 1.3, -0.6, 0.95, 1.6, 2.25, -0.35),
        [z_between("z10", 59, 61), ("z20 > 20", lambda v, p: v["z20"] > 20)],
        "softplus, z10 ~ +60 and z20 ~ +59.5 (1 - a'(z) ~ 1e-26)")

    inp = I(-2.0, 1.5)
    par = P(11.3, 0.45, -1.1, 0.2, 0.9, -1.4, 0.3, 0.0)
    par["b20[1]"] = b20_1_for("silu", inp, par, -27.5)
    add("silu", "saturation", inp, par,
        [z_between("z10", -24, -22), z_between("z20", -28, -27)],
        "silu, z10 ~ -22.15 and z20 ~ -27.5 (y ~ -3.1e-11)")

    inp = I(1.75, 0.5)
    par = P(12.6, 0.2, -1.9, 0.35, -0.55, 1.2, 0.4, 0.0)
    par["b20[1]"] = b20_1_for("gelu", inp, par, -11.7)
    add("gelu", "saturation", inp, par,
        [z_between("z10", 21, 23), z_between("z20", -12, -11)],
        "gelu, z10 ~ 22.25 and z20 ~ -11.7 (Phi(z20) ~ 6.4e-32, y ~ -7.5e-31)")

    # --- near-cancellation of z20 -------------------------------------------
    canc_check = ("z20 tiny but nonzero while its terms are O(1)",
                  lambda v, p: v["z20"] != 0 and abs(v["z20"]) < mpf("1e-13")
                  and abs(p["w20[0]"] * v["x10"]) > mpf("0.1") and abs(p["w20[1]"] * v["x11"]) > mpf("0.1"))
    for a, vals in [("sigmoid", (1.3, -0.7, 0.85, -1.15, 0.45, 1.7, -1.35, -0.55, 0.65)),
                    ("tanh", (-0.9, 1.6, 1.05, 0.25, -0.8, 0.15, 1.45, -1.25, 0.35)),
                    ("silu", (1.9, -1.3, 0.6, 0.7, -0.95, 0.4, -1.6, 1.85, -0.15)),
                    ("gelu", (-1.45, 0.95, -1.2, 0.55, 1.35, -0.3, 1.15, 0.75, 0.05)),
                    ("identity", (1.7, -1.1, 0.9, 0.3, 1.3, -0.45, 0.8, 1.1, -0.6))]:
        x00, x01, w10, b10, w11, b11, w200, w201, b200 = vals
        inp = I(x00, x01)
        par = P(w10, b10, w11, b11, w200, w201, b200, 0.0)
        par["b20[1]"] = b20_1_for(a, inp, par, 0.0)
        add(a, "cancellation", inp, par, [canc_check],
            "b20[1] = -(w20[0]*x10 + b20[0] + w20[1]*x11) in binary64; exact z20 is a few ulps")

    # --- equal second-layer weights -----------------------------------------
    eq_check = ("w20[0] == w20[1]", lambda v, p: p["w20[0]"] == p["w20[1]"])
    w = uni(-2, 2)
    add("sigmoid", "equal-weights", I(uni(-2, 2), uni(-2, 2)),
        P(uni(-2, 2), uni(-2, 2), uni(-2, 2), uni(-2, 2), w, w, uni(-2, 2), uni(-2, 2)),
        [eq_check], "w20[0] == w20[1] (masks a w20[0]/w20[1] mix-up)")
    w = uni(-2, 2)
    add("tanh", "equal-weights", I(uni(-2, 2), uni(-2, 2)),
        P(uni(-2, 2), uni(-2, 2), uni(-2, 2), uni(-2, 2), w, w, uni(-2, 2), uni(-2, 2)),
        [eq_check], "w20[0] == w20[1] (masks a w20[0]/w20[1] mix-up)")

    # --- tiny values -----------------------------------------------------------
    tiny_check = ("every input/param has 0 < |value| < 1e-8",
                  lambda v, p: all(0 < abs(x) < mpf("1e-8") for x in p.values()))
    for a in ["tanh", "gelu", "silu", "sigmoid"]:
        inp = I(tiny(), tiny())
        par = P(*[tiny() for _ in range(8)])
        add(a, "tiny", inp, par,
            [tiny_check, ("inputs tiny too", lambda v, p, inp=inp: all(0 < abs(x) < 1e-8 for x in inp.values()))],
            "all inputs and parameters in (1e-9, 1e-8) in magnitude, random signs")

    # --- magnitudes spread over decades ------------------------------------
    wide_check = ("values span >= 8 decades",
                  lambda v, p: max(abs(x) for x in p.values()) / min(abs(x) for x in p.values()) > mpf("1e8"))
    add("sigmoid", "wide", I(1234.5, 2.5e-6), P(3.2e-6, -7.5e-5, 850.0, 0.0625, 400.0, -3e-7, -200.0, 1.5e-3),
        [wide_check, z_between("z20", -5, 5)],
        "1e-7 .. 1e3; w20[0]*x10 ~ 200 cancels against b20[0] = -200")
    add("softplus", "wide", I(-3.7e-6, 812.25), P(2.9e3, 1.3e-6, -1.1e-3, 0.875, 6.5e-5, 1.9e2, -4.25e-6, -1.275e2),
        [wide_check, z_between("z20", -30, 30)],
        "1e-6 .. 3e3; w20[1]*x11 ~ 130 against b20[1] = -127.5")
    add("gelu", "wide", I(1.0e3, -2.0e-6), P(1.5e-6, 4.2e-4, -9.5e5, -0.375, 1.0e6, 2.5e-7, -9.6e2, 0.9),
        [wide_check, z_between("z20", -5, 5)],
        "1e-7 .. 1e6; w20[0]*x10 ~ 961 against b20[0] = -960")
    add("identity", "wide", I(6.25e-7, -4.0e3), P(1.6e3, 3.0e-6, 2.5e-4, -1.5e-6, -7.0e-7, 5.0e5, 8.0e-5, 1.25e3),
        [wide_check], "1e-7 .. 5e5 through the linear network")

    return cases


# ---------------------------------------------------------------------------
# Driver.
# ---------------------------------------------------------------------------

def compute_case(index, act_name, regime, inp_f, par_f, checks):
    require(act_name in ACTIVATIONS, "activation " + act_name)
    require(regime in REGIMES, "regime " + regime)
    require(sorted(inp_f) == sorted(INPUT_NAMES) and sorted(par_f) == sorted(PARAM_NAMES), "names")
    name = "%02d-%s-%s" % (index, act_name, regime)

    with mp.workdps(WORK_DPS):
        inp, par, v, g = evaluate(act_name, inp_f, par_f)

        # 1. closed form vs numerical differentiation of the forward pass
        for pname in PARAM_NAMES:
            def y_of(t, pname=pname):
                p2 = dict(par)
                p2[pname] = t
                return forward(act_name, inp, p2)["x20"]
            num = mpmath.diff(y_of, par[pname])
            require(rel_close(g[pname], num, DIFF_TOL),
                    "%s: dy/d%s closed form %s vs mpmath.diff %s (rel err %s)"
                    % (name, pname, mpmath.nstr(g[pname], 30), mpmath.nstr(num, 30),
                       mpmath.nstr(rel_err(g[pname], num), 5)))

        # 4. regime claims
        for desc, pred in checks:
            require(pred(v, par), "%s: regime check failed: %s" % (name, desc))
        if act_name == "relu":
            require(all(abs(v[k]) > mpf("0.25") for k in ("z10", "z11", "z20")),
                    name + ": relu z too close to the kink")

    # 2. alternative activation formulas, much higher precision
    with mp.workdps(ALT_DPS):
        v_alt = forward(act_name, {k: mpf(x) for k, x in inp_f.items()},
                        {k: mpf(x) for k, x in par_f.items()}, f=act_alt)
    for k in INTERMEDIATE_NAMES:
        require(rel_close(v[k], v_alt[k], ALT_TOL),
                "%s: %s primary %s vs alternative %s" % (name, k, mpmath.nstr(v[k], 30), mpmath.nstr(v_alt[k], 30)))

    # 3. the same closed form at higher precision: the printed digits are stable
    with mp.workdps(RECHECK_DPS):
        _, _, v_hi, g_hi = evaluate(act_name, inp_f, par_f)
    for k in INTERMEDIATE_NAMES:
        require(rel_close(v[k], v_hi[k], RECHECK_TOL), "%s: %s unstable under precision change" % (name, k))
    for k in PARAM_NAMES:
        require(rel_close(g[k], g_hi[k], RECHECK_TOL), "%s: dy/d%s unstable under precision change" % (name, k))

    with mp.workdps(WORK_DPS):
        doc = {
            "name": name,
            "network": "seed",
            "activation": act_name,
            "regime": regime,
            "inputs": {k: fmt_float(inp_f[k]) for k in INPUT_NAMES},
            "params": {k: fmt_float(par_f[k]) for k in PARAM_NAMES},
            "digits": OUT_DIGITS,
            "y": fmt(v["x20"]),
            "intermediates": {k: fmt(v[k]) for k in INTERMEDIATE_NAMES},
            "gradient": {k: fmt(g[k]) for k in PARAM_NAMES},
        }
        require(doc["y"] == doc["intermediates"]["x20"], "y != x20")
    return name, doc


README_TEMPLATE = """\
# Golden cases for the seed network

Each `NN-<activation>-<regime>.json` file here holds, for one choice of inputs and parameters of the
seed network, the output `y`, the intermediates and all eight partial derivatives `dy/dparam`, to
{digits} significant digits. They are reference values for testing the kit.

**Generated file; do not edit by hand.** Produced by

```sh
python3 scripts/golden/make_golden_cases.py          # rewrite these files
python3 scripts/golden/make_golden_cases.py --check  # confirm they are current
```

(Python 3, standard library + mpmath; written with mpmath 1.3.0). The program is deliberately
independent of the Swift kit: it shares no code with it, does not use MPFR, and derives the gradient
itself. Running it twice produces byte-identical files.

Golden cases for other networks (dense networks with each loss, a network with tied weights and a
skip connection) are in [`networks/`](networks/README.md).

## The network

```
z10 = w10*x00 + b10,  x10 = a(z10)
z11 = w11*x01 + b11,  x11 = a(z11)
z20 = (w20[0]*x10 + b20[0]) + (w20[1]*x11 + b20[1]),  y = x20 = a(z20)
```

Activations `a`: `sigmoid` 1/(1+e^-z); `tanh`; `softplus` log(1+e^z); `silu` z*sigmoid(z); `gelu`
z*Phi(z) with Phi(z) = (1+erf(z/sqrt 2))/2 (exact erf form, not the tanh approximation); `identity`;
`relu` max(0, z) (relu cases keep every z well away from the kink at 0).

## How the values are computed

Inputs and parameters are binary64 numbers. Each is recorded both as a C99 hexadecimal float
(`float.hex()`) and as Python's shortest round-tripping decimal (`repr`); both denote the same exact
binary64 value, and that exact value is what the computation uses.

The values are computed in mpmath at `mp.dps = {work_dps}` using the chain rule written out for
this network:

```
d20 = a'(z20)
dy/db20[0] = dy/db20[1] = d20
dy/dw20[0] = d20*x10            dy/dw20[1] = d20*x11
dy/db10 = d20*w20[0]*a'(z10)    dy/dw10 = d20*w20[0]*a'(z10)*x00
dy/db11 = d20*w20[1]*a'(z11)    dy/dw11 = d20*w20[1]*a'(z11)*x01
```

The activations and their derivatives use forms that do not cancel (for example sigmoid' as
s(z)*s(-z), tanh' as sech^2, softplus as log1p(exp z), Phi via erfc). The program writes no files unless
every case passes all of these checks:

1. each closed-form partial matches `mpmath.diff` of the forward pass (numerical differentiation at
   about twice the working precision) to a relative error of 1e-50;
2. the forward pass matches a second forward pass that uses different activation formulas
   (sigmoid via tanh, tanh via exp, softplus as log(1+e^z), gelu via erf, ...) at `mp.dps = {alt_dps}`,
   to a relative error of 1e-50;
3. every reported value matches the same computation redone at `mp.dps = {recheck_dps}` to a relative
   error of 1e-90, so all {digits} printed digits are correct;
4. each case's regime claim holds (for example |z20| > 20, or z20 tiny but nonzero).

The gradient here is the correct chain rule (note `w20[0]` in dy/dw10 and `w20[1]` in dy/dw11). The
seed document's summary table writes `w20[1]` in its dy/dw10 line (its section 2.1 has `w20[0]`); the
`equal-weights` cases are the ones in which that slip would go unnoticed.

## File format

```json
{{
  "name": "NN-<activation>-<regime>",
  "network": "seed",
  "activation": "sigmoid|tanh|softplus|silu|gelu|identity|relu",
  "regime": "ordinary|saturation|tiny|wide|cancellation|equal-weights",
  "inputs": {{"x00": {{"hex": "0x1.8000000000000p+0", "decimal": "1.5"}}, "x01": {{...}}}},
  "params": {{"w10": {{"hex": ..., "decimal": ...}}, "b10": ..., "w11": ..., "b11": ...,
             "w20[0]": ..., "w20[1]": ..., "b20[0]": ..., "b20[1]": ...}},
  "digits": {digits},
  "y": "<d.ddd...e[+-]N with {digits} significant digits>",
  "intermediates": {{"z10": ..., "x10": ..., "z11": ..., "x11": ..., "z20": ..., "x20": ...}},
  "gradient": {{"w10": ..., "b10": ..., "w11": ..., "b11": ...,
               "w20[0]": ..., "w20[1]": ..., "b20[0]": ..., "b20[1]": ...}}
}}
```

Files are pretty-printed JSON (2-space indent) with sorted keys and a trailing newline. All real
numbers are strings in scientific notation with exactly `digits` significant digits, rounded to
nearest (an exact zero is written `0.000...0e+0`). `y` equals `intermediates.x20`. The regime words
mean:

- `ordinary`: values of order one (|value| <= 2);
- `saturation`: some |z| > 20, where a'(z) is tiny or 1 - a'(z) is tiny;
- `tiny`: every input and parameter has magnitude below 1e-8;
- `wide`: magnitudes spread over many decades (about 1e-7 to 1e3 or more);
- `cancellation`: b20[1] was set to -(w20[0]*x10 + b20[0] + w20[1]*x11) in binary64, so z20 is a
  few ulps of its order-one terms: tiny but not zero;
- `equal-weights`: w20[0] == w20[1].

## Cases

| file | activation | regime | feature |
|---|---|---|---|
{table}
"""


def render(doc):
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=True) + "\n"


def sync_outputs(outputs, out_dir, check):
    """Write `outputs` (file name -> text) into `out_dir`, removing stale
    generated files; with `check`, only report what is out of date.
    Returns the process exit status."""
    existing = set()
    if os.path.isdir(out_dir):
        existing = {f for f in os.listdir(out_dir) if f.endswith(".json") or f == "README.md"}
    stale = sorted(existing - set(outputs))

    if check:
        bad = list(stale)
        for fname, text in sorted(outputs.items()):
            path = os.path.join(out_dir, fname)
            try:
                with open(path, "r", encoding="utf-8", newline="") as fh:
                    if fh.read() != text:
                        bad.append(fname)
            except FileNotFoundError:
                bad.append(fname)
        for fname in bad:
            print("out of date: " + fname, file=sys.stderr)
        print("%d files checked, %d out of date" % (len(outputs), len(bad)), file=sys.stderr)
        return 1 if bad else 0

    os.makedirs(out_dir, exist_ok=True)
    for fname in stale:
        os.remove(os.path.join(out_dir, fname))
    written = 0
    for fname, text in sorted(outputs.items()):
        path = os.path.join(out_dir, fname)
        try:
            with open(path, "r", encoding="utf-8", newline="") as fh:
                if fh.read() == text:
                    continue
        except FileNotFoundError:
            pass
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        written += 1
    print("%d files, %d written, %d stale removed -> %s" % (len(outputs), written, len(stale), out_dir),
          file=sys.stderr)
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=DEFAULT_OUT, help="output directory (default: Fixtures/cases)")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if the files in --out differ from what would be written")
    args = ap.parse_args()

    mp.dps = WORK_DPS
    outputs = {}
    rows = []
    cases = build_cases()
    require(len(cases) >= 24, "too few cases")
    for i, (a, regime, inp_f, par_f, checks, note) in enumerate(cases):
        try:
            name, doc = compute_case(i, a, regime, inp_f, par_f, checks)
        except GoldenError as e:
            print("ABORT: " + str(e), file=sys.stderr)
            return 2
        outputs[name + ".json"] = render(doc)
        rows.append("| `%s.json` | %s | %s | %s |" % (name, a, regime, note))
        print("ok  %-28s y = %s" % (name, doc["y"][:24]), file=sys.stderr)

    # coverage the test plan asks for
    count = {}
    for a, regime, *_ in cases:
        count[a] = count.get(a, 0) + 1
    for a in ACTIVATIONS:
        need = 1 if a in ("identity", "relu") else 2
        require(count.get(a, 0) >= need, "coverage: " + a)
    for r in REGIMES:
        require(any(c[1] == r for c in cases), "coverage: " + r)

    outputs["README.md"] = README_TEMPLATE.format(
        digits=OUT_DIGITS, work_dps=WORK_DPS, alt_dps=ALT_DPS, recheck_dps=RECHECK_DPS,
        table="\n".join(rows))

    return sync_outputs(outputs, args.out, args.check)


if __name__ == "__main__":
    sys.exit(main())
