#!/usr/bin/env python3
"""Independent golden values for networks written as BackpropCheck network files.

This program shares no code with the Swift kit.  It uses only the Python 3
standard library and mpmath (plus the activation formulas of its sibling
make_golden_cases.py).  Run it by hand from anywhere:

    python3 scripts/golden/make_golden_networks.py          # (re)write Fixtures/cases/networks/
    python3 scripts/golden/make_golden_networks.py --check  # verify committed files are current

It reads the network files in Fixtures/networks/ (the kit's JSON format: either
"inputs"/"parameters"/"units"/"objective", or a "dense" spec such as
"3-4-2/tanh,identity/mse", expanded here with the kit's naming), and for every
case below computes the objective, every pre-activation and output, and every
partial d(objective)/d(parameter) at mp.dps = 120.

The gradient is computed by forward-mode differentiation: every value carries
its tangent with respect to all parameters at once (a vector of dual parts),
propagated through the sums, the activations (a' written out by hand) and the
loss (dL/dy written out by hand).  This is deliberately a different method
from the kit's back-to-front sweep.  Nothing is written unless every case
passes all of:

  1. each forward-mode partial vs. mpmath.diff (central differences at about
     twice the working precision) of the objective, to 1e-50 relative;
  2. the forward pass (every z, x and the objective) vs. a second forward pass
     with different activation and loss formulas at mp.dps = 300, to 1e-50
     relative;
  3. every printed value vs. the same computation redone at mp.dps = 200, to
     1e-90 relative (so the 70 printed digits are all correct);
  4. the claims of each case (a unit is saturated, a residual is tiny, ...).

Losses, for outputs y_1..y_K and targets t:
  mse         L = 1/2 sum_k (y_k - t_k)^2                 (targets t or t[k])
  logistic    L = softplus(y) - t*y,  one output, t in [0, 1]    (target t)
  softmax-ce  L = log sum_k exp(y_k) - y_c,  c = class index     (target t)

Inputs, parameters and targets are Python floats (exact binary64 values) and
enter mpmath via mpf(float), which is exact.  Output is deterministic: running
the script twice yields byte-identical files.
"""

import argparse
import json
import os
import random
import sys

import mpmath
from mpmath import mp, mpf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_golden_cases import (  # noqa: E402  (activation formulas, checked there against alternatives)
    GoldenError, act, act_alt, dact, fmt, fmt_float, rel_close, rel_err, require, sigmoid,
    sync_outputs)

WORK_DPS = 120          # precision of the reported values
RECHECK_DPS = 200       # everything recomputed here; must agree to RECHECK_TOL
ALT_DPS = 300           # alternative-formula forward pass
OUT_DIGITS = 70         # significant digits written (fmt in make_golden_cases)
DIFF_TOL = mpf("1e-50")
ALT_TOL = mpf("1e-50")
RECHECK_TOL = mpf("1e-90")

ACTIVATIONS = ["sigmoid", "tanh", "softplus", "silu", "gelu", "identity", "relu"]
LOSSES = ["mse", "logistic", "softmax-ce"]

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NETWORK_DIR = os.path.join(REPO_ROOT, "Fixtures", "networks")
DEFAULT_OUT = os.path.join(REPO_ROOT, "Fixtures", "cases", "networks")


# ---------------------------------------------------------------------------
# Network files.
# ---------------------------------------------------------------------------

class Net:
    """A network as plain data: names only.

    units: list of dicts {pre, out, act, terms: [(weight, source, bias|None)], bias}
    objective: ("unit", out_name, name) or ("loss", loss, [out_names], name)
    """

    def __init__(self, name, inputs, params, units, objective):
        self.name = name
        self.inputs = inputs
        self.params = params
        self.units = units
        self.objective = objective
        if objective[0] == "unit":
            self.targets = []
        else:
            loss, outs = objective[1], objective[2]
            self.targets = (["t"] if len(outs) == 1 else ["t[%d]" % k for k in range(len(outs))]) \
                if loss == "mse" else ["t"]
        self.validate()

    @property
    def objective_name(self):
        return self.objective[-1]

    @property
    def has_generic(self):
        return any(u["act"] == "generic" for u in self.units)

    def validate(self):
        known_inputs = set(self.inputs)
        known_params = set(self.params)
        defined = set()
        for i, u in enumerate(self.units):
            where = "%s: units[%d]" % (self.name, i)
            require(u["act"] == "generic" or u["act"] in ACTIVATIONS, where + ": activation " + u["act"])
            require(u["terms"] or u["bias"] is not None, where + ": neither terms nor bias")
            require(u["bias"] is None or u["bias"] in known_params, where + ": bias")
            for (w, s, b) in u["terms"]:
                require(w in known_params, where + ": weight " + w)
                require(b is None or b in known_params, where + ": term bias")
                require(s in known_inputs or s in defined, where + ": source " + s + " is not an input or earlier unit")
            defined.add(u["out"])
        if self.objective[0] == "unit":
            require(self.objective[1] in defined, self.name + ": objective unit")
        else:
            loss, outs = self.objective[1], self.objective[2]
            require(loss in LOSSES, self.name + ": loss " + loss)
            require(outs and all(o in defined for o in outs) and len(set(outs)) == len(outs), self.name + ": outputs")
            require({"mse": len(outs) >= 1, "logistic": len(outs) == 1, "softmax-ce": len(outs) >= 2}[loss],
                    self.name + ": output count for " + loss)
        names = self.inputs + self.params + self.targets + [n for u in self.units for n in (u["pre"], u["out"])]
        require(len(set(names)) == len(names), self.name + ": a name is used twice")
        # every parameter is used somewhere (otherwise its partial is trivially 0)
        used = {p for u in self.units for (w, s, b) in u["terms"] for p in (w, b) if p} | \
               {u["bias"] for u in self.units if u["bias"]}
        require(used == known_params, self.name + ": unused parameters")

    def value_names(self):
        return [n for u in self.units for n in (u["pre"], u["out"])]


def activation_name(text):
    return "generic" if text in ("generic", "alpha", "\u03b1") else text


def dense_net(name, spec):
    """The kit's dense naming: inputs x[i]; layer l has W{l}[j,i] (row-major) then
    b{l}[j]; units z{l}[j] -> a{l}[j]; z = sum_i W[j,i]*a(l-1)[i] + b[j]."""
    parts = spec.split("/")
    require(1 <= len(parts) <= 3, "dense spec " + spec)
    widths = [int(w) for w in parts[0].split("-")]
    require(len(widths) >= 2 and all(w > 0 for w in widths), "dense widths " + spec)
    layers = len(widths) - 1
    acts = [activation_name(a) for a in parts[1].split(",")] if len(parts) >= 2 else ["generic"]
    require(len(acts) in (1, layers), "dense activations " + spec)
    if len(acts) == 1:
        acts = acts * layers
    loss = parts[2] if len(parts) == 3 and parts[2] != "none" else None

    inputs = ["x[%d]" % i for i in range(widths[0])]
    params, units = [], []
    previous = list(inputs)
    for l in range(1, layers + 1):
        fan_in, width = widths[l - 1], widths[l]
        params += ["W%d[%d,%d]" % (l, j, i) for j in range(width) for i in range(fan_in)]
        params += ["b%d[%d]" % (l, j) for j in range(width)]
        current = []
        for j in range(width):
            units.append({"pre": "z%d[%d]" % (l, j), "out": "a%d[%d]" % (l, j), "act": acts[l - 1],
                          "terms": [("W%d[%d,%d]" % (l, j, i), previous[i], None) for i in range(fan_in)],
                          "bias": "b%d[%d]" % (l, j)})
            current.append("a%d[%d]" % (l, j))
        previous = current
    if loss is None:
        require(widths[-1] == 1, "dense without a loss needs one output")
        objective = ("unit", previous[0], "y")
    else:
        objective = ("loss", loss, previous, "L")
    return Net(name, inputs, params, units, objective)


def read_network(path):
    with open(path, "r", encoding="utf-8") as fh:
        doc = json.load(fh)
    name = doc.get("name", "network")
    if "dense" in doc:
        return dense_net(name, doc["dense"])
    require("layers" not in doc, path + ": the 'layers' form is not supported here")
    units = []
    for u in doc["units"]:
        units.append({"pre": u["preactivation"], "out": u["output"],
                      "act": activation_name(u.get("activation", "generic")),
                      "terms": [(t["weight"], t["source"], t.get("bias")) for t in u.get("terms", [])],
                      "bias": u.get("bias")})
    o = doc["objective"]
    require(("unit" in o) != ("loss" in o), path + ": objective needs exactly one of unit, loss")
    if "unit" in o:
        objective = ("unit", o["unit"], o.get("name", "y"))
    else:
        objective = ("loss", o["loss"], list(o.get("outputs", [])), o.get("name", "L"))
    return Net(name, list(doc["inputs"]), list(doc["parameters"]), units, objective)


# ---------------------------------------------------------------------------
# Losses.  Primary forms avoid cancellation; alternative (textbook) forms are
# used only for the cross-check at ALT_DPS.  ys, ts: lists of mpf.
# ---------------------------------------------------------------------------

def loss_value(loss, ys, ts):
    if loss == "mse":
        return sum(((y - t) ** 2 for y, t in zip(ys, ts)), mpf(0)) / 2
    if loss == "logistic":
        y, t = ys[0], ts[0]
        # softplus(y) - t*y, split so that both summands are >= 0 (t in [0, 1])
        if y > 0:
            return (1 - t) * y + mpmath.log1p(mpmath.exp(-y))
        return mpmath.log1p(mpmath.exp(y)) - t * y
    if loss == "softmax-ce":
        c = int(ts[0])
        # log sum_k exp(y_k) - y_c = log(1 + sum_{k != c} exp(y_k - y_c))
        return mpmath.log1p(sum((mpmath.exp(y - ys[c]) for k, y in enumerate(ys) if k != c), mpf(0)))
    raise GoldenError("unknown loss " + loss)


def loss_gradient(loss, ys, ts):
    """dL/dy_k, written out by hand."""
    if loss == "mse":
        return [y - t for y, t in zip(ys, ts)]
    if loss == "logistic":
        y, t = ys[0], ts[0]
        # sigmoid(y) - t = (1 - t) sigmoid(y) - t sigmoid(-y)
        return [(1 - t) * sigmoid(y) - t * sigmoid(-y)]
    if loss == "softmax-ce":
        c = int(ts[0])
        e = [mpmath.exp(y - ys[c]) if k != c else mpf(0) for k, y in enumerate(ys)]
        s = sum(e, mpf(0))
        # softmax_k - [k = c]; for k = c that is 1/(1+s) - 1 = -s/(1+s)
        return [(-s if k == c else e[k]) / (1 + s) for k in range(len(ys))]
    raise GoldenError("unknown loss " + loss)


def loss_alt(loss, ys, ts):
    if loss == "mse":
        return sum((y * y - 2 * t * y + t * t for y, t in zip(ys, ts)), mpf(0)) / 2
    if loss == "logistic":
        y, t = ys[0], ts[0]
        s = 1 / (1 + mpmath.exp(-y))
        return -t * mpmath.log(s) - (1 - t) * mpmath.log(1 - s)
    if loss == "softmax-ce":
        c = int(ts[0])
        total = sum((mpmath.exp(y) for y in ys), mpf(0))
        return -mpmath.log(mpmath.exp(ys[c]) / total)
    raise GoldenError("unknown loss " + loss)


# ---------------------------------------------------------------------------
# Evaluation.
# ---------------------------------------------------------------------------

def forward(net, generic, inp, par, tgt, f=act, lossf=loss_value):
    """Plain forward pass.  inp, par, tgt: dicts name -> mpf.  Returns dict of
    every z and x by name, plus the objective under the key None."""
    v = dict(inp)
    out = {}
    for u in net.units:
        a = generic if u["act"] == "generic" else u["act"]
        z = mpf(0)
        for (w, s, b) in u["terms"]:
            z += par[w] * v[s] + (par[b] if b else 0)
        if u["bias"]:
            z += par[u["bias"]]
        x = f(a, z)
        v[u["out"]] = x
        out[u["pre"]], out[u["out"]] = z, x
    if net.objective[0] == "unit":
        out[None] = out[net.objective[1]]
    else:
        out[None] = lossf(net.objective[1], [out[o] for o in net.objective[2]], [tgt[t] for t in net.targets])
    return out


def forward_mode(net, generic, inp, par, tgt):
    """Values and the gradient by forward-mode differentiation.

    Every value is a pair (value, tangent) where tangent[i] = d value / d par[i]
    for all parameters at once.  Returns (values dict as in forward(), gradient
    dict name -> mpf)."""
    n = len(net.params)
    index = {p: i for i, p in enumerate(net.params)}
    zero = [mpf(0)] * n

    def param(p):
        t = list(zero)
        t[index[p]] = mpf(1)
        return (par[p], t)

    dual = {k: (x, zero) for k, x in inp.items()}       # inputs: no tangent
    out = {}
    for u in net.units:
        a = generic if u["act"] == "generic" else u["act"]
        zv, zt = mpf(0), list(zero)
        for (w, s, b) in u["terms"]:
            wv, wt = param(w)
            sv, st = dual[s]
            zv += wv * sv
            zt = [zi + wti * sv + wv * sti for zi, wti, sti in zip(zt, wt, st)]   # d(w*s) = dw*s + w*ds
            if b:
                bv, bt = param(b)
                zv += bv
                zt = [zi + bti for zi, bti in zip(zt, bt)]
        if u["bias"]:
            bv, bt = param(u["bias"])
            zv += bv
            zt = [zi + bti for zi, bti in zip(zt, bt)]
        slope = dact(a, zv)
        xv, xt = act(a, zv), [slope * zi for zi in zt]
        dual[u["out"]] = (xv, xt)
        out[u["pre"]], out[u["out"]] = zv, xv

    if net.objective[0] == "unit":
        ov, ot = dual[net.objective[1]]
    else:
        loss, outs = net.objective[1], net.objective[2]
        ys = [dual[o][0] for o in outs]
        ts = [tgt[t] for t in net.targets]
        ov = loss_value(loss, ys, ts)
        dl = loss_gradient(loss, ys, ts)
        ot = list(zero)
        for g, o in zip(dl, outs):
            ot = [oi + g * ti for oi, ti in zip(ot, dual[o][1])]
    out[None] = ov
    return out, {p: ot[i] for i, p in enumerate(net.params)}


def to_mpf(d):
    return {k: mpf(x) for k, x in d.items()}


# ---------------------------------------------------------------------------
# The cases.
# ---------------------------------------------------------------------------

class Case:
    def __init__(self, network, regime, note, inputs, params, targets, activation=None, checks=()):
        self.network = network
        self.regime = regime
        self.note = note
        self.inputs = inputs
        self.params = params
        self.targets = targets
        self.activation = activation
        self.checks = list(checks)


def between(key, lo, hi):
    return ("%s in (%g, %g)" % (key, lo, hi), lambda v, c: lo < v[key] < hi)


def high_precision(net, case):
    """Forward values at WORK_DPS; used only to choose binary64 biases and targets."""
    with mp.workdps(WORK_DPS):
        targets = {t: case.targets.get(t, 0.0) for t in net.targets}   # unset targets: 0 for now
        return forward(net, case.activation or "identity", to_mpf(case.inputs), to_mpf(case.params),
                       to_mpf(targets))


def aim(net, case, unit_pre, bias, target):
    """Sets parameter `bias` (which enters unit_pre additively) so that unit_pre ~= target."""
    z = high_precision(net, case)[unit_pre]
    case.params[bias] = float(mpf(case.params[bias]) + (mpf(target) - z))


def build_cases(nets):
    rng = random.Random(0x9E7)   # fixed seed: deterministic across runs

    def uni(lo, hi):
        return rng.uniform(lo, hi)

    def values(names, lo, hi):
        return {n: uni(lo, hi) for n in names}

    def tiny_values(names):
        return {n: rng.choice([-1.0, 1.0]) * rng.uniform(1e-9, 9.9e-9) for n in names}

    cases = []
    order_one = ("inputs and parameters have |value| <= 2",
                 lambda v, c: all(abs(x) <= 2 for x in list(c.inputs.values()) + list(c.params.values())))
    tiny_check = ("every input and parameter has 0 < |value| < 1e-8",
                  lambda v, c: all(0 < abs(x) < 1e-8 for x in list(c.inputs.values()) + list(c.params.values())))

    def near_fit(net, case, outs, targets):
        """Targets = the outputs rounded to binary64: residuals of a few ulps, not zero."""
        v = high_precision(net, case)
        for o, t in zip(outs, targets):
            case.targets[t] = float(v[o])
        case.checks.append(("every residual is nonzero and below 1e-14",
                            lambda v, c: all(0 < abs(v[o] - mpf(c.targets[t])) < mpf("1e-14")
                                             for o, t in zip(outs, targets))))

    # --- (a) dense 3-4-2, tanh then identity, mse --------------------------
    A = nets["dense-mse-3-4-2"]
    c = Case(A, "ordinary", "random values in [-1.5, 1.5], targets in [-1, 1]",
             values(A.inputs, -1.5, 1.5), values(A.params, -1.5, 1.5), values(A.targets, -1, 1),
             checks=[order_one])
    cases.append(c)

    c = Case(A, "saturation", "z1[0] ~ +24.5 and z1[3] ~ -21.7: tanh' ~ 1e-21 and 5e-19",
             values(A.inputs, -1.5, 1.5), values(A.params, -1.5, 1.5), values(A.targets, -1, 1),
             checks=[between("z1[0]", 24, 25), between("z1[3]", -22, -21)])
    aim(A, c, "z1[0]", "b1[0]", 24.5)
    aim(A, c, "z1[3]", "b1[3]", -21.7)
    cases.append(c)

    c = Case(A, "cancellation", "targets are the outputs rounded to binary64: residuals of a few ulps, L ~ 1e-33",
             values(A.inputs, -1.5, 1.5), values(A.params, -1.5, 1.5), {})
    near_fit(A, c, ["a2[0]", "a2[1]"], ["t[0]", "t[1]"])
    cases.append(c)

    c = Case(A, "tiny", "all inputs, parameters and targets in (1e-9, 1e-8) in magnitude, random signs",
             tiny_values(A.inputs), tiny_values(A.params), tiny_values(A.targets), checks=[tiny_check])
    cases.append(c)

    inputs = {"x[0]": 1250.0, "x[1]": -3.5e-6, "x[2]": 0.6875}
    params = values(A.params, -1.5, 1.5)
    for j in range(4):
        params["W1[%d,0]" % j] *= 1e-3       # 1e3 input against 1e-3 weights
        params["W1[%d,1]" % j] *= 2e5        # 1e-6 input against 1e5 weights
    for k in range(2):
        params["b2[%d]" % k] = 640.0 * (k + 1)
        for j in range(4):
            params["W2[%d,%d]" % (k, j)] *= 300.0
    c = Case(A, "wide", "inputs 3.5e-6 .. 1250, weights 1e-6 .. 3e5, outputs ~ 1e3 against targets ~ 1e3",
             inputs, params, {"t[0]": 655.25, "t[1]": 1275.5},
             checks=[("parameters span >= 8 decades",
                      lambda v, c: max(abs(x) for x in c.params.values()) / min(abs(x) for x in c.params.values()) > 1e8)]
             + [between("z1[%d]" % j, -8, 8) for j in range(4)])
    cases.append(c)

    # --- (b) dense 4-3-1, sigmoid then identity, logistic -----------------
    B = nets["dense-logistic-4-3-1"]
    cases.append(Case(B, "ordinary", "random values in [-2, 2], target t = 1",
                      values(B.inputs, -2, 2), values(B.params, -2, 2), {"t": 1.0}, checks=[order_one]))
    cases.append(Case(B, "ordinary", "random values in [-2, 2], soft target t = 0.3",
                      values(B.inputs, -2, 2), values(B.params, -2, 2), {"t": 0.3}, checks=[order_one]))

    c = Case(B, "saturation", "z1[1] ~ -35 and z1[2] ~ +28: sigmoid' ~ 6e-16 and 7e-13; t = 0",
             values(B.inputs, -2, 2), values(B.params, -2, 2), {"t": 0.0},
             checks=[between("z1[1]", -36, -34), between("z1[2]", 27, 29)])
    aim(B, c, "z1[1]", "b1[1]", -35.0)
    aim(B, c, "z1[2]", "b1[2]", 28.0)
    cases.append(c)

    c = Case(B, "saturation", "logit ~ +40 with t = 1: L ~ 4.2e-18, dL/dy ~ -4.2e-18 (confidently right)",
             values(B.inputs, -2, 2), values(B.params, -2, 2), {"t": 1.0},
             checks=[between("z2[0]", 39, 41), ("0 < L < 1e-17", lambda v, c: 0 < v[None] < mpf("1e-17"))])
    aim(B, c, "z2[0]", "b2[0]", 40.0)
    cases.append(c)

    c = Case(B, "saturation", "logit ~ -30 with t = 1: L ~ 30, dL/dy ~ -1 (confidently wrong)",
             values(B.inputs, -2, 2), values(B.params, -2, 2), {"t": 1.0},
             checks=[between("z2[0]", -31, -29)])
    aim(B, c, "z2[0]", "b2[0]", -30.0)
    cases.append(c)

    # --- (c) dense 3-5-3, silu then identity, softmax-ce ------------------
    C = nets["dense-softmax-ce-3-5-3"]
    cases.append(Case(C, "ordinary", "random values in [-2, 2], class 0",
                      values(C.inputs, -2, 2), values(C.params, -2, 2), {"t": 0.0}, checks=[order_one]))

    c = Case(C, "saturation", "z1[1] ~ -30 (silu ~ -2.8e-12, silu' ~ -2.7e-12) and z1[4] ~ +25; class 2",
             values(C.inputs, -2, 2), values(C.params, -2, 2), {"t": 2.0},
             checks=[between("z1[1]", -31, -29), between("z1[4]", 24, 26)])
    aim(C, c, "z1[1]", "b1[1]", -30.0)
    aim(C, c, "z1[4]", "b1[4]", 25.0)
    cases.append(c)

    c = Case(C, "saturation", "logit of class 1 ~ 50 above the others: L ~ 5e-22 (confidently right)",
             values(C.inputs, -2, 2), values(C.params, -2, 2), {"t": 1.0},
             checks=[("0 < L < 1e-20", lambda v, c: 0 < v[None] < mpf("1e-20"))])
    aim(C, c, "z2[1]", "b2[1]", 50.0)
    aim(C, c, "z2[0]", "b2[0]", -0.5)
    aim(C, c, "z2[2]", "b2[2]", 0.75)
    cases.append(c)

    c = Case(C, "saturation", "logit of class 0 ~ 40 below the largest: L ~ 40 (confidently wrong)",
             values(C.inputs, -2, 2), values(C.params, -2, 2), {"t": 0.0},
             checks=[("39 < L < 41", lambda v, c: 39 < v[None] < 41)])
    aim(C, c, "z2[0]", "b2[0]", -38.5)
    aim(C, c, "z2[1]", "b2[1]", 1.5)
    aim(C, c, "z2[2]", "b2[2]", 0.25)
    cases.append(c)

    # --- (d) hand-written: tied weights, skip connection, generic units ---
    D = nets["skip-tied"]
    cases.append(Case(D, "ordinary", "gelu; random values in [-2, 2]",
                      values(D.inputs, -2, 2), values(D.params, -2, 2), values(D.targets, -2, 2),
                      activation="gelu", checks=[order_one]))

    c = Case(D, "saturation", "softplus; z1 ~ +40 (1 - a'(z1) ~ 4e-18), z2 ~ -45 (h2 ~ 3e-20)",
             values(D.inputs, -2, 2), values(D.params, -2, 2), values(D.targets, -2, 2), activation="softplus",
             checks=[between("z1", 39, 41), between("z2", -46, -44)])
    aim(D, c, "z1", "b1", 40.0)
    aim(D, c, "z2", "b2", -45.0)
    cases.append(c)

    c = Case(D, "ordinary", "relu with z2 < 0 (dead unit): exact zero partials for v2, b2 and k",
             {"x1": 1.25, "x2": -0.8125, "x3": 0.5},
             {"w": 0.75, "v1": -0.625, "v2": 1.375, "b1": 0.4375, "b2": -0.5, "u": 1.125, "k": -0.875,
              "c": 0.3125, "s": 1.5, "q": -1.25, "d": 0.1875},
             {"t[0]": 0.625, "t[1]": -0.375}, activation="relu",
             checks=[("z1 > 0.25 and z2 < -0.25", lambda v, c: v["z1"] > mpf("0.25") and v["z2"] < mpf("-0.25"))])
    cases.append(c)

    c = Case(D, "saturation", "tanh; g saturated, z3 ~ +21 (tanh' ~ 2e-18) while the skip path h1 -> y stays O(1)",
             values(D.inputs, -2, 2), values(D.params, -2, 2), values(D.targets, -2, 2), activation="tanh",
             checks=[between("z3", 20.5, 21.5)])
    aim(D, c, "z3", "c", 21.0)
    cases.append(c)

    c = Case(D, "cancellation", "sigmoid; targets are y and g rounded to binary64: residuals of a few ulps",
             values(D.inputs, -2, 2), values(D.params, -2, 2), {}, activation="sigmoid")
    near_fit(D, c, ["y", "g"], ["t[0]", "t[1]"])
    cases.append(c)

    return cases


# ---------------------------------------------------------------------------
# Driver.
# ---------------------------------------------------------------------------

def compute_case(name, case):
    net = case.network
    require(sorted(case.inputs) == sorted(net.inputs), name + ": input names")
    require(sorted(case.params) == sorted(net.params), name + ": parameter names")
    require(sorted(case.targets) == sorted(net.targets), name + ": target names")
    require((case.activation is not None) == net.has_generic, name + ": generic activation")
    require(case.activation is None or case.activation in ACTIVATIONS, name + ": activation")
    for x in list(case.inputs.values()) + list(case.params.values()) + list(case.targets.values()):
        fmt_float(x)   # finite binary64
    if net.objective[0] == "loss" and net.objective[1] == "softmax-ce":
        t = case.targets["t"]
        require(t == int(t) and 0 <= t < len(net.objective[2]), name + ": class index")
    if net.objective[0] == "loss" and net.objective[1] == "logistic":
        require(0 <= case.targets["t"] <= 1, name + ": logistic target in [0, 1]")
    generic = case.activation or "identity"
    value_names = net.value_names()

    def evaluate_all():
        inp, par, tgt = to_mpf(case.inputs), to_mpf(case.params), to_mpf(case.targets)
        return forward_mode(net, generic, inp, par, tgt) + (inp, par, tgt)

    with mp.workdps(WORK_DPS):
        v, g, inp, par, tgt = evaluate_all()

        # forward mode agrees with the plain forward pass
        plain = forward(net, generic, inp, par, tgt)
        for k in value_names + [None]:
            require(plain[k] == v[k], "%s: %s differs between forward passes" % (name, k))

        # 1. forward-mode partials vs numerical differentiation of the objective
        for p in net.params:
            def objective_of(t, p=p):
                p2 = dict(par)
                p2[p] = t
                return forward(net, generic, inp, p2, tgt)[None]
            num = mpmath.diff(objective_of, par[p])
            require(rel_close(g[p], num, DIFF_TOL),
                    "%s: d%s/d%s forward mode %s vs mpmath.diff %s (rel err %s)"
                    % (name, net.objective_name, p, mpmath.nstr(g[p], 30), mpmath.nstr(num, 30),
                       mpmath.nstr(rel_err(g[p], num), 5)))

        # 4. the case's claims
        for desc, pred in case.checks:
            require(pred(v, case), "%s: check failed: %s" % (name, desc))
        for u in net.units:
            a = generic if u["act"] == "generic" else u["act"]
            if a == "relu":
                require(abs(v[u["pre"]]) > mpf("0.25"), "%s: relu %s too close to the kink" % (name, u["pre"]))

    # 2. alternative activation and loss formulas, much higher precision
    with mp.workdps(ALT_DPS):
        v_alt = forward(net, generic, to_mpf(case.inputs), to_mpf(case.params), to_mpf(case.targets),
                        f=act_alt, lossf=loss_alt)
    for k in value_names + [None]:
        require(rel_close(v[k], v_alt[k], ALT_TOL),
                "%s: %s primary %s vs alternative %s" % (name, k or net.objective_name,
                                                          mpmath.nstr(v[k], 30), mpmath.nstr(v_alt[k], 30)))

    # 3. the same computation at higher precision: the printed digits are stable
    with mp.workdps(RECHECK_DPS):
        v_hi, g_hi, _, _, _ = evaluate_all()
    for k in value_names + [None]:
        require(rel_close(v[k], v_hi[k], RECHECK_TOL), "%s: %s unstable under precision change" % (name, k))
    for p in net.params:
        require(rel_close(g[p], g_hi[p], RECHECK_TOL), "%s: d/d%s unstable under precision change" % (name, p))

    with mp.workdps(WORK_DPS):
        doc = {
            "name": name,
            "network": net.name,
            "network_file": "Fixtures/networks/%s.json" % net.name,
            "regime": case.regime,
            "note": case.note,
            "inputs": {k: fmt_float(case.inputs[k]) for k in net.inputs},
            "params": {k: fmt_float(case.params[k]) for k in net.params},
            "targets": {k: fmt_float(case.targets[k]) for k in net.targets},
            "digits": OUT_DIGITS,
            "objective_name": net.objective_name,
            "objective": fmt(v[None]),
            "intermediates": {k: fmt(v[k]) for k in value_names},
            "gradient": {p: fmt(g[p]) for p in net.params},
        }
        if case.activation is not None:
            doc["activation"] = case.activation
    return doc


README_TEMPLATE = """\
# Golden cases for networks other than the seed

Each `<network>-NN-<regime>.json` file here holds, for one choice of inputs, parameters and targets
of a network in [`Fixtures/networks/`](../../networks/), the objective, every pre-activation and
output, and the partial derivative of the objective with respect to every parameter, to {digits}
significant digits. They are reference values for testing the kit
(`Tests/ReferenceTests/GoldenNetworkTests.swift`).

**Generated files; do not edit by hand.** Produced from the network files by

```sh
python3 scripts/golden/make_golden_networks.py          # rewrite these files
python3 scripts/golden/make_golden_networks.py --check  # confirm they are current
```

(Python 3, standard library + mpmath; written with mpmath 1.3.0). Like
`make_golden_cases.py` (whose activation formulas it reuses), the program shares no code with
the Swift kit and does not use MPFR: it reads the network files itself (expanding a `dense` spec
with the kit's naming: inputs `x[i]`, parameters `W<l>[j,i]` row-major then `b<l>[j]` layer by
layer, units `z<l>[j]` -> `a<l>[j]`) and derives the gradient by its own method. Running it twice
produces byte-identical files.

## How the values are computed

Inputs, parameters and targets are binary64 numbers, recorded both as C99 hexadecimal floats
(`float.hex()`) and as Python's shortest round-tripping decimals (`repr`); the exact binary64 value
is what the computation uses. The values are computed in mpmath at `mp.dps = {work_dps}` by
**forward-mode differentiation**: every quantity carries, next to its value, its derivative with
respect to all parameters at once, propagated through each unit's sum, its activation (a' written
out by hand, in forms that do not cancel) and the loss (dL/dy written out by hand). The kit instead
sweeps back to front, so the two share no structure. Losses, for outputs y_k and targets t:

- `mse`: L = 1/2 sum_k (y_k - t_k)^2, targets `t[k]` (`t` for one output);
- `logistic`: L = softplus(y) - t*y for one output y and t in [0, 1], target `t`;
- `softmax-ce`: L = log sum_k exp(y_k) - y_c, target `t` = the class index c.

The program writes no files unless every case passes all of these checks:

1. each forward-mode partial matches `mpmath.diff` of the objective (numerical differentiation at
   about twice the working precision) to a relative error of 1e-50;
2. the forward pass (every z, x and the objective) matches a second forward pass that uses different
   activation formulas and textbook loss formulas (logistic as -t log s - (1-t) log(1-s), softmax-ce
   as -log softmax_c, mse expanded) at `mp.dps = {alt_dps}`, to a relative error of 1e-50;
3. every reported value matches the same computation redone at `mp.dps = {recheck_dps}` to a relative
   error of 1e-90, so all {digits} printed digits are correct;
4. each case's claims hold (a unit's z is in the stated range, a residual is tiny but nonzero, relu
   pre-activations are at least 0.25 from the kink).

## The networks

| file | what it is |
|---|---|
{network_table}

## File format

```json
{{
  "name": "<network>-NN-<regime>",
  "network": "<network>",
  "network_file": "Fixtures/networks/<network>.json",
  "activation": "<the case's generic activation; only for networks with generic units>",
  "regime": "ordinary|saturation|tiny|wide|cancellation",
  "note": "<what the case exercises>",
  "inputs":  {{"<input name>": {{"hex": "0x1.8000000000000p+0", "decimal": "1.5"}}, ...}},
  "params":  {{"<parameter name>": {{"hex": ..., "decimal": ...}}, ...}},
  "targets": {{"<target name>": {{"hex": ..., "decimal": ...}}, ...}},
  "digits": {digits},
  "objective_name": "L",
  "objective": "<d.ddd...e[+-]N with {digits} significant digits>",
  "intermediates": {{"<z or x name>": ..., ...}},
  "gradient": {{"<parameter name>": ..., ...}}
}}
```

Files are pretty-printed JSON (2-space indent) with sorted keys and a trailing newline. All real
numbers are strings in scientific notation with exactly `digits` significant digits, rounded to
nearest (an exact zero is written `0.000...0e+0`).

## Cases

| file | network | generic activation | regime | feature |
|---|---|---|---|---|
{case_table}
"""

NETWORK_NOTES = {
    "dense-mse-3-4-2": "`3-4-2/tanh,identity/mse`: 3 inputs, 4 tanh units, 2 identity outputs, mse (26 parameters)",
    "dense-logistic-4-3-1": "`4-3-1/sigmoid,identity/logistic`: 4 inputs, 3 sigmoid units, one logit, logistic loss (19 parameters)",
    "dense-softmax-ce-3-5-3": "`3-5-3/silu,identity/softmax-ce`: 3 inputs, 5 silu units, 3 logits, softmax cross-entropy (38 parameters)",
    "skip-tied": "hand-written: two generic units h1, h2 sharing the weight `w`; g = tanh(u*h1 + (k*h2 + c)) with a "
                 "term bias; y = s*g + u*h1 + q*x3 + d reads g, the earlier unit h1 (skip) and the input x3, and "
                 "reuses `u` (tied across two units); mse of (y, g), so g is both an output and read by y",
}


def render(doc):
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=True) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=DEFAULT_OUT, help="output directory (default: Fixtures/cases/networks)")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if the files in --out differ from what would be written")
    args = ap.parse_args()

    mp.dps = WORK_DPS
    try:
        nets = {}
        for fname in sorted(os.listdir(NETWORK_DIR)):
            if fname.endswith(".json"):
                net = read_network(os.path.join(NETWORK_DIR, fname))
                require(fname == net.name + ".json", fname + ": file name differs from the network's name")
                require(net.name in NETWORK_NOTES, fname + ": no description in NETWORK_NOTES")
                nets[net.name] = net
        cases = build_cases(nets)
    except GoldenError as e:
        print("ABORT: " + str(e), file=sys.stderr)
        return 2

    outputs = {}
    rows = []
    counters = {}
    for case in cases:
        n = counters.get(case.network.name, 0)
        counters[case.network.name] = n + 1
        name = "%s-%02d-%s" % (case.network.name, n, case.regime)
        try:
            doc = compute_case(name, case)
        except GoldenError as e:
            print("ABORT: " + str(e), file=sys.stderr)
            return 2
        outputs[name + ".json"] = render(doc)
        rows.append("| `%s.json` | %s | %s | %s | %s |" % (name, case.network.name, case.activation or "-",
                                                          case.regime, case.note))
        mantissa, exponent = doc["objective"].split("e")
        print("ok  %-40s %s = %se%s" % (name, doc["objective_name"], mantissa[:20], exponent), file=sys.stderr)

    # coverage the plan asks for: every loss, a tied weight, a skip connection, 3+ cases per network
    losses = {net.objective[1] for net in nets.values() if net.objective[0] == "loss"}
    require(set(LOSSES) <= losses, "coverage: losses")
    require(all(3 <= counters.get(k, 0) <= 5 for k in nets), "coverage: 3 to 5 cases per network")
    require(any(c.regime == "saturation" for c in cases), "coverage: saturation")

    outputs["README.md"] = README_TEMPLATE.format(
        digits=OUT_DIGITS, work_dps=WORK_DPS, alt_dps=ALT_DPS, recheck_dps=RECHECK_DPS,
        network_table="\n".join("| [`%s.json`](../../networks/%s.json) | %s |" % (k, k, NETWORK_NOTES[k])
                                for k in sorted(nets)),
        case_table="\n".join(rows))

    return sync_outputs(outputs, args.out, args.check)


if __name__ == "__main__":
    sys.exit(main())
