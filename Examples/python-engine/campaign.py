#!/usr/bin/env python3
"""The mutation campaign's hand-written dense engine, speaking backprop-engine/2 (standard library only).

Layer stacks only (`dense:` networks): z_l = W_l a_(l-1) + b_l, a_l = act_l(z_l), a loss on the last
layer. Written the way a person writes back-propagation: the forward pass, the loss and dL/dy, then
the deltas backward. With `--mutation NAME` it makes one realistic mistake (names as in
Tests/MutationCampaignTests/DenseMutation.swift: `relu-mask-missing@2`, `softmax-target-off-by-one`,
...); with `--variant NAME` it computes the same mathematics another legitimate way (`careful`,
`sigmoid-slope-from-output`, `reverse-summation`, `compensated-summation` with math.fsum, ...).
The conformance suite must judge a mutant wrong on exactly the tensors it corrupts (`corrupted`)
and a variant never wrong. scripts/gradcheck-campaign.py runs the same engines under
torch.autograd.gradcheck.

    backprop-check engine --external 'python3 Examples/python-engine/campaign.py --mutation relu-mask-missing@1' \\
        --network dense:3-4-4-3/relu,relu,identity/softmax-ce
"""

import json
import math
import sys
from fractions import Fraction

from engine import read_number, write_number

SQRT2 = math.sqrt(2.0)
SQRT2PI = math.sqrt(2.0 * math.pi)

# kind -> whether it takes a layer (`kind@k`)
MUTATIONS = {
    "relu-mask-missing": True,              # relu' forgotten in layer k: delta_k = dL/da_k
    "preactivation-for-activation": True,   # dL/dW_k = delta_k z_(k-1)^T instead of a_(k-1)
    "slope-at-output": True,                # act'(a_k) for act'(z_k)
    "tanh-slope-of-preactivation": True,    # tanh' = 1 - z^2 instead of 1 - a^2
    "transposed-weight-backward": True,     # dL/da_(k-1) = W_k delta_k instead of W_k^T delta_k
    "bias-gradient-times-input": True,      # dL/db_k[j] = delta_k[j] * sum_i a_(k-1)[i]
    "delta-of-next-layer": True,            # dL/dW_k = delta_(k+1) a_(k-1)^T
    "forward-bias-dropped": True,           # z_k = W_k a_(k-1), no b_k
    "gelu-slope-missing-density": True,     # GELU' = Phi(z), z phi(z) forgotten
    "silu-slope-missing-term": True,        # SiLU' = sigma(z), z sigma(z)(1 - sigma(z)) forgotten
    "softplus-slope-mirrored": True,        # softplus' = sigma(-z)
    "output-slope-forgotten": False,        # delta_L = dL/da_L
    "mse-half-forgotten": False,            # dL/dy = 2(y - t)
    "logistic-gradient-sign": False,        # dL/dy = t - sigma(y)
    "logistic-gradient-of-logit": False,    # dL/dy = y - t
    "softmax-target-off-by-one": False,     # dL/dy_k = p_k - [k = c + 1 mod K]
    "softmax-unnormalised": False,          # dL/dy_k = e^(y_k - m) - [k = c]
}

VARIANTS = [
    "careful", "sigmoid-slope-from-output", "tanh-slope-from-output", "silu-slope-from-output",
    "reverse-summation", "pairwise-summation", "compensated-summation", "fused-multiply-add",
    "softmax-log-sum-exp", "gelu-one-plus-erf", "softplus-threshold", "logistic-log-one-plus",
]


class Unsupported(Exception):
    """A capability this engine lacks; answered as an error starting with 'unsupported'."""


def parse_mutation(name):
    """(kind, layer or None) of `kind@k` or `kind`; ValueError when malformed."""
    kind, _, layer = name.partition("@")
    if kind not in MUTATIONS or MUTATIONS[kind] != bool(layer):
        raise ValueError("unknown mutation %r" % name)
    if not layer:
        return kind, None
    k = int(layer)
    if k < 1:
        raise ValueError("layers are numbered from 1: %r" % name)
    return kind, k


def corrupted(mutation, widths, activations, loss):
    """The tensor groups (and "L") a mutation corrupts on a stack, as in DenseMutation.corrupted(in:);
    None when it cannot be made there. activations[l-1] is layer l's; widths[0] the inputs."""
    kind, k = mutation
    depth = len(widths) - 1
    if k is not None and not 1 <= k <= depth:
        return None

    def below(n):
        return {g % l for l in range(1, n + 1) for g in ("W%d", "b%d")}

    act = activations[k - 1] if k is not None else None
    if kind == "relu-mask-missing":
        return below(k) if act == "relu" else None
    if kind == "preactivation-for-activation":
        if k < 2:
            return None
        return set() if activations[k - 2] == "identity" else {"W%d" % k}
    if kind == "slope-at-output":
        return set() if act in ("identity", "relu") else below(k)
    if kind in ("tanh-slope-of-preactivation", "gelu-slope-missing-density", "silu-slope-missing-term",
                "softplus-slope-mirrored"):
        needed = {"tanh-slope-of-preactivation": "tanh", "gelu-slope-missing-density": "gelu",
                  "silu-slope-missing-term": "silu", "softplus-slope-mirrored": "softplus"}[kind]
        return below(k) if act == needed else None
    if kind == "transposed-weight-backward":
        return below(k - 1) if k >= 2 and widths[k] == widths[k - 1] else None
    if kind == "bias-gradient-times-input":
        return {"b%d" % k}
    if kind == "delta-of-next-layer":
        return {"W%d" % k} if k < depth and widths[k] == widths[k + 1] else None
    if kind == "forward-bias-dropped":
        return below(depth) | {"L"}
    if kind == "output-slope-forgotten":
        return set() if activations[-1] == "identity" else below(depth)
    needed_loss = {"mse-half-forgotten": "mse", "logistic-gradient-sign": "logistic",
                   "logistic-gradient-of-logit": "logistic", "softmax-target-off-by-one": "softmax-ce",
                   "softmax-unnormalised": "softmax-ce"}[kind]
    return below(depth) if loss == needed_loss else None


# --- Sums in the variant's order.

def fma(a, b, c):
    """a*b + c rounded once (math.fma from Python 3.13, else exactly through fractions)."""
    if hasattr(math, "fma"):
        return math.fma(a, b, c)
    if not (math.isfinite(a) and math.isfinite(b) and math.isfinite(c)):
        return a * b + c
    return float(Fraction(a) * Fraction(b) + Fraction(c))


def pairwise(terms):
    """Sum of each half, added."""
    if len(terms) <= 2:
        return terms[0] if len(terms) == 1 else terms[0] + terms[1]
    middle = len(terms) // 2
    return pairwise(terms[:middle]) + pairwise(terms[middle:])


class Engine:
    """One engine of the campaign: a mutation (kind, layer) or a variant name."""

    def __init__(self, mutation=None, variant="careful"):
        self.mutation = mutation
        self.variant = variant

    def mutant(self, kind, layer=None):
        """Whether this engine makes mistake `kind` (in `layer`, if given)."""
        return self.mutation is not None and self.mutation[0] == kind and (layer is None or self.mutation[1] == layer)

    def total(self, terms):
        """sum_k terms: left to right as written, reversed, pairwise, or math.fsum (correctly rounded)."""
        if self.variant == "reverse-summation":
            terms = terms[::-1]
        elif self.variant == "pairwise-summation":
            return pairwise(terms)
        elif self.variant == "compensated-summation":
            return math.fsum(terms)
        s = terms[0]
        for t in terms[1:]:
            s = s + t
        return s

    def dot(self, w, x, bias=None):
        """sum_i w_i x_i (+ b): products summed with the bias last, or b then fma(w_i, x_i, s)."""
        if self.variant == "fused-multiply-add":
            s = 0.0 if bias is None else bias
            for wi, xi in zip(w, x):
                s = fma(wi, xi, s)
            return s
        return self.total([wi * xi for wi, xi in zip(w, x)] + ([] if bias is None else [bias]))

    # --- Activations.

    @staticmethod
    def sigmoid(z):
        """1/(1 + e^-z) for z >= 0, e^z/(1 + e^z) below: never overflows."""
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def normal_cdf(self, z):
        """Phi(z) = erfc(-z/sqrt 2)/2, or (1 + erf(z/sqrt 2))/2."""
        if self.variant == "gelu-one-plus-erf":
            return 0.5 * (1.0 + math.erf(z / SQRT2))
        return 0.5 * math.erfc(-z / SQRT2)

    def value(self, act, z):
        """act(z); softplus = max(z, 0) + log1p(e^-|z|) (PyTorch's threshold: z above 20)."""
        if act == "sigmoid":
            return self.sigmoid(z)
        if act == "tanh":
            return math.tanh(z)
        if act == "softplus":
            if self.variant == "softplus-threshold" and z > 20:
                return z
            return max(z, 0.0) + math.log1p(math.exp(-abs(z)))
        if act == "silu":
            return z * self.sigmoid(z)
        if act == "gelu":
            return z * self.normal_cdf(z)
        if act == "identity":
            return z
        if act == "relu":
            return z if z > 0 else 0.0
        raise Unsupported("unsupported activation %s" % act)

    def careful_slope(self, act, z, a):
        """act'(z) given a = act(z), written to avoid cancellation (or the variant's form)."""
        if act == "sigmoid":
            if self.variant == "sigmoid-slope-from-output":
                return a * (1.0 - a)
            e = math.exp(-abs(z))
            return e / ((1.0 + e) * (1.0 + e))
        if act == "tanh":
            if self.variant == "tanh-slope-from-output":
                return 1.0 - a * a
            e = math.exp(-2.0 * abs(z))
            return 4.0 * e / ((1.0 + e) * (1.0 + e))
        if act == "softplus":
            return 1.0 if self.variant == "softplus-threshold" and z > 20 else self.sigmoid(z)
        if act == "silu":
            s = self.sigmoid(z)
            if self.variant == "silu-slope-from-output":
                return s * (1.0 + z * (1.0 - s))
            return s * (1.0 + z * self.sigmoid(-z))
        if act == "gelu":
            return self.normal_cdf(z) + z * (math.exp(-0.5 * z * z) / SQRT2PI)
        if act == "identity":
            return 1.0
        if act == "relu":
            return 1.0 if z > 0 else 0.0
        raise Unsupported("unsupported activation %s" % act)

    def slope(self, l, depth, act, z, a):
        """act_l'(z) as this engine computes it in layer l."""
        if self.mutant("relu-mask-missing", l) or (self.mutant("output-slope-forgotten") and l == depth):
            return 1.0
        if self.mutant("slope-at-output", l):
            return self.careful_slope(act, a, self.value(act, a))
        if self.mutant("tanh-slope-of-preactivation", l):
            return 1.0 - z * z
        if self.mutant("gelu-slope-missing-density", l):
            return self.normal_cdf(z)
        if self.mutant("silu-slope-missing-term", l):
            return self.sigmoid(z)
        if self.mutant("softplus-slope-mirrored", l):
            return self.sigmoid(-z)
        return self.careful_slope(act, z, a)

    # --- Losses.

    def loss(self, kind, y, t):
        """L and dL/dy: mse 1/2 sum (y - t)^2; logistic (max(y, 0) - t y) + log1p(e^-|y|), sigma(y) - t;
        softmax-ce log sum e^(y - m) - (y_c - m), softmax - onehot(c); none: y itself."""
        if kind is None:
            return y[0], [1.0]
        if kind == "mse":
            targets = t if isinstance(t, list) else [t]
            d = [yk - float(tk) for yk, tk in zip(y, targets)]
            value = 0.5 * self.total([dk * dk for dk in d])
            return value, [2.0 * dk for dk in d] if self.mutant("mse-half-forgotten") else d
        if kind == "logistic":
            z, target = y[0], float(t)
            tail = math.exp(-abs(z))
            log1p_tail = math.log(1.0 + tail) if self.variant == "logistic-log-one-plus" else math.log1p(tail)
            value = (max(z, 0.0) - target * z) + log1p_tail
            if self.mutant("logistic-gradient-sign"):
                return value, [target - self.sigmoid(z)]
            if self.mutant("logistic-gradient-of-logit"):
                return value, [z - target]
            return value, [self.sigmoid(z) - target]
        if kind == "softmax-ce":
            c = int(t)
            m = max(y)
            e = [math.exp(yk - m) for yk in y]
            s = self.total(e)
            value = math.log(s) - (y[c] - m)
            p = [ek / s for ek in e]
            if self.variant == "softmax-log-sum-exp":
                lse = m + math.log(s)
                value = lse - y[c]
                p = [math.exp(yk - lse) for yk in y]
            hot = (c + 1) % len(y) if self.mutant("softmax-target-off-by-one") else c
            probabilities = e if self.mutant("softmax-unnormalised") else p
            return value, [pk - (1.0 if k == hot else 0.0) for k, pk in enumerate(probabilities)]
        raise Unsupported("unsupported loss %s" % kind)

    # --- The network.

    def run(self, activations, loss, x, W, b, t):
        """L, [dL/dW_l], [dL/db_l] for layer activations, weights W[l-1] (out x in), biases b[l-1]."""
        depth = len(activations)
        z, a = [x], [x]
        for l in range(1, depth + 1):
            drop = self.mutant("forward-bias-dropped", l)
            zl = [self.dot(row, a[l - 1], None if drop else bias) for row, bias in zip(W[l - 1], b[l - 1])]
            z.append(zl)
            a.append([self.value(activations[l - 1], v) for v in zl])
        value, g = self.loss(loss, a[depth], t)
        deltas = [None] * (depth + 2)
        dW, db = [None] * depth, [None] * depth
        for l in range(depth, 0, -1):
            act = activations[l - 1]
            deltas[l] = [gj * self.slope(l, depth, act, zj, aj) for gj, zj, aj in zip(g, z[l], a[l])]
            delta = deltas[l + 1] if self.mutant("delta-of-next-layer", l) else deltas[l]
            inputs = z[l - 1] if self.mutant("preactivation-for-activation", l) else a[l - 1]
            dW[l - 1] = [[dj * ai for ai in inputs] for dj in delta]
            db[l - 1] = list(deltas[l])
            if self.mutant("bias-gradient-times-input", l):
                s = self.total(list(a[l - 1]))
                db[l - 1] = [dj * s for dj in deltas[l]]
            if l > 1:
                Wl = W[l - 1]
                if self.mutant("transposed-weight-backward", l):
                    g = [self.dot([Wl[i][j] for j in range(len(deltas[l]))], deltas[l]) for i in range(len(a[l - 1]))]
                else:
                    g = [self.dot([Wl[j][i] for j in range(len(deltas[l]))], deltas[l]) for i in range(len(a[l - 1]))]
        return value, dW, db

    def check(self, widths, activations, loss):
        """Refuses a stack this engine's mistake cannot be made on (as the Swift engine does)."""
        if self.mutation is not None and corrupted(self.mutation, widths, activations, loss) is None:
            raise Unsupported("unsupported network for mutation %s" % "@".join(
                str(p) for p in self.mutation if p is not None))


# --- backprop-engine/2.

# Request and response numbers as the example engine reads and writes them.
number, out = read_number, write_number


def answer(engine, network, case):
    """One answer object for one case of a layer-stack network."""
    request_id = case.get("id")
    if isinstance(request_id, float) and request_id.is_integer():
        request_id = int(request_id)
    try:
        if not isinstance(network, dict) or "layers" not in network:
            name = network if isinstance(network, str) else network.get("name", "of this form")
            raise Unsupported("unsupported network %s" % name)
        layers = network["layers"]
        activations = [layer.get("activation", "identity") for layer in layers]
        activations = [case.get("activation") if act == "generic" else act for act in activations]
        widths = [int(layers[0]["in"])] + [int(layer["out"]) for layer in layers]
        engine.check(widths, activations, network.get("loss"))
        params, inputs = case["params"], case["inputs"]
        W = [[[number(v) for v in row] for row in params["W%d" % l]] for l in range(1, len(layers) + 1)]
        b = [[number(v) for v in params["b%d" % l]] for l in range(1, len(layers) + 1)]
        x = [number(v) for v in inputs["x"]]
        t = inputs.get("t")
        t = [number(v) for v in t] if isinstance(t, list) else (None if t is None else number(t))
        value, dW, db = engine.run(activations, network.get("loss"), x, W, b, t)
        gradient = {}
        for l in range(1, len(layers) + 1):
            gradient["W%d" % l] = [[out(v) for v in row] for row in dW[l - 1]]
            gradient["b%d" % l] = [out(v) for v in db[l - 1]]
        return {"id": request_id, "y": out(value), "gradient": gradient}
    except Unsupported as e:
        return {"id": request_id, "error": str(e)}
    except (KeyError, TypeError, ValueError, IndexError, OverflowError, ZeroDivisionError) as e:
        return {"id": request_id, "error": "bad request: %s: %s" % (type(e).__name__, e)}


def respond(engine, line):
    """The response line for one request line (a /1 request, with a string network, is refused)."""
    request = json.loads(line, parse_int=float)
    network = request.get("network")
    if "batch" in request:
        return json.dumps({"batch": [answer(engine, network, c) for c in request["batch"]]},
                          separators=(",", ":"), allow_nan=False)
    return json.dumps(answer(engine, network, request), separators=(",", ":"), allow_nan=False)


def serve(engine, batch=256, stdin=sys.stdin, stdout=sys.stdout):
    """The handshake, then one response line per request line, until the kit closes stdin."""
    stdout.write(json.dumps({"protocol": "backprop-engine/2", "batch": batch}) + "\n")
    stdout.flush()
    for line in iter(stdin.readline, ""):
        if line.strip():
            stdout.write(respond(engine, line) + "\n")
            stdout.flush()


def main(argv=None):
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--mutation", help="one of: " + ", ".join(
        k + ("@LAYER" if layered else "") for k, layered in MUTATIONS.items()))
    group.add_argument("--variant", choices=VARIANTS, default="careful")
    parser.add_argument("--batch", type=int, default=256, help="cases per request line declared in the handshake")
    arguments = parser.parse_args(argv)
    mutation = None
    if arguments.mutation is not None:
        try:
            mutation = parse_mutation(arguments.mutation)
        except ValueError as e:
            parser.error(str(e))
    serve(Engine(mutation=mutation, variant=arguments.variant), batch=arguments.batch)


if __name__ == "__main__":
    main()
