#!/usr/bin/env python3
"""A complete engine for backprop-check, standard library only.

It speaks backprop-engine/2 (see docs/engines.md) for any network: a stack of
dense layers in tensors, anything else (the seed network, skip connections,
tied weights) as a network file with scalar names. It declares /2 and batches
of BATCH cases in its first line, the handshake:

    {"protocol": "backprop-engine/2", "batch": 256}

then reads one JSON request per line on standard input and writes one JSON
response per line on standard output, flushing after each:

    request:  {"id": 7, "network": {"layers": [{"in": 4, "out": 8, "activation": "tanh"},
                                               {"in": 8, "out": 1, "activation": "identity"}],
                                    "loss": "logistic"},
               "inputs": {"x": [...4...], "t": 1},
               "params": {"W1": [[...4...], ...8 rows...], "b1": [...8...], "W2": [[...8...]], "b2": [...1...]}}
    response: {"id": 7, "y": ..., "gradient": {"W1": [[...]], "b1": [...], "W2": [[...]], "b2": [...]}}
    batch:    {"network": {...}, "batch": [{"id": 7, "inputs": ..., "params": ...}, ...]}
          ->  {"batch": [{"id": 7, "y": ..., "gradient": ...}, ...]}

With --protocol 1 it is the backprop-engine/1 engine for the seed network,
without a handshake:

    request:  {"id": 17, "network": "seed", "activation": "sigmoid",
               "inputs": {"x00": ..., "x01": ...},
               "params": {"w10": ..., "b10": ..., "w11": ..., "b11": ...,
                          "w20[0]": ..., "w20[1]": ..., "b20[0]": ..., "b20[1]": ...}}
    response: {"id": 17, "y": ..., "gradient": {"w10": ..., ...all eight...}}
          or  {"id": 17, "error": "unsupported network dense-2-1"}

The seed network, with alpha the activation:

    z10 = w10*x00 + b10                                   x10 = alpha(z10)
    z11 = w11*x01 + b11                                   x11 = alpha(z11)
    z20 = (w20[0]*x10 + b20[0]) + (w20[1]*x11 + b20[1])   y   = alpha(z20)

Floats are written with repr (shortest text that reads back to the same
binary64 value); NaN and infinities as the strings "nan", "inf", "-inf".
"""

import json
import math
import sys

PARAMETERS = ["w10", "b10", "w11", "b11", "w20[0]", "w20[1]", "b20[0]", "b20[1]"]
INPUTS = ["x00", "x01"]
SQRT2 = math.sqrt(2.0)
SQRT2PI = math.sqrt(2.0 * math.pi)


# --- Activations: value and derivative, written to avoid cancellation and overflow.

def sigmoid(z):
    # 1/(1+e^-z) for z >= 0, e^z/(1+e^z) for z < 0: the exponential never overflows.
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def sigmoid_slope(z):
    # sigma'(z) = e^-|z| / (1 + e^-|z|)^2, not sigma*(1 - sigma) (which cancels in saturation).
    e = math.exp(-abs(z))
    d = 1.0 + e
    return e / (d * d)


def tanh_slope(z):
    # tanh'(z) = 4 e^-2|z| / (1 + e^-2|z|)^2, not 1 - tanh^2 (which cancels when tanh rounds to +-1).
    e = math.exp(-2.0 * abs(z))
    d = 1.0 + e
    return 4.0 * e / (d * d)


def softplus(z):
    # log(1 + e^z) = max(z, 0) + log1p(e^-|z|): no overflow, full accuracy for very negative z.
    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))


def normal_cdf(z):
    # Phi(z) = (1 + erf(z/sqrt 2))/2 = erfc(-z/sqrt 2)/2; the erfc form keeps
    # relative accuracy in the left tail, where 1 + erf(...) would cancel.
    return 0.5 * math.erfc(-z / SQRT2)


def gelu(z):
    # GELU(z) = 0.5 z (1 + erf(z/sqrt 2)) = z Phi(z).
    return z * normal_cdf(z)


def gelu_slope(z):
    # GELU'(z) = Phi(z) + z phi(z), phi(z) = e^(-z^2/2)/sqrt(2 pi).
    return normal_cdf(z) + z * (math.exp(-0.5 * z * z) / SQRT2PI)


def silu_slope(z):
    # SiLU'(z) = sigma(z) (1 + z sigma(-z)), with sigma(-z) computed directly, not as 1 - sigma(z).
    return sigmoid(z) * (1.0 + z * sigmoid(-z))


ACTIVATIONS = {
    # name: (alpha, alpha')
    "sigmoid": (sigmoid, sigmoid_slope),
    "tanh": (math.tanh, tanh_slope),
    "softplus": (softplus, sigmoid),
    "silu": (lambda z: z * sigmoid(z), silu_slope),
    "gelu": (gelu, gelu_slope),
    "identity": (lambda z: z, lambda z: 1.0),
    "relu": (lambda z: z if z > 0 else 0.0, lambda z: 1.0 if z > 0 else 0.0),  # relu'(0) = 0
}


class Unsupported(Exception):
    """A capability this engine lacks; reported as an error starting with 'unsupported'."""


# --- The network: forward pass and back-propagation.

def seed(activation, x, p):
    """y and the gradient (dict by parameter name) of the seed network."""
    alpha, slope = ACTIVATIONS[activation]
    x00, x01 = x["x00"], x["x01"]
    w10, b10, w11, b11 = p["w10"], p["b10"], p["w11"], p["b11"]
    w200, w201, b200, b201 = p["w20[0]"], p["w20[1]"], p["b20[0]"], p["b20[1]"]

    # Forward, summing in the order the network is written.
    z10 = w10 * x00 + b10
    x10 = alpha(z10)
    z11 = w11 * x01 + b11
    x11 = alpha(z11)
    z20 = (w200 * x10 + b200) + (w201 * x11 + b201)
    y = alpha(z20)

    # Backward: delta = (dy/dx) * alpha'(z) once per unit, then one product per partial.
    d20 = slope(z20)                 # dy/dz20 (dy/dx20 = 1)
    d10 = (d20 * w200) * slope(z10)  # dy/dz10 = (dy/dx10) alpha'(z10)
    d11 = (d20 * w201) * slope(z11)  # dy/dz11
    gradient = {
        "w10": d10 * x00, "b10": d10,
        "w11": d11 * x01, "b11": d11,
        "w20[0]": d20 * x10, "w20[1]": d20 * x11,
        "b20[0]": d20, "b20[1]": d20,
    }
    return y, gradient


def evaluate(request):
    """The response object for one request object (without its id)."""
    network = request.get("network")
    if network != "seed":
        raise Unsupported("unsupported network %s" % network)
    activation = request.get("activation")
    if activation not in ACTIVATIONS:
        raise Unsupported("unsupported activation %s" % activation)
    x = {name: read_number(request["inputs"][name]) for name in INPUTS}
    p = {name: read_number(request["params"][name]) for name in PARAMETERS}
    y, gradient = seed(activation, x, p)
    return {"y": write_number(y), "gradient": {k: write_number(v) for k, v in gradient.items()}}


def read_number(value):
    """A request number: a JSON number or one of "nan", "inf", "-inf"."""
    if isinstance(value, str):
        return {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}[value]
    return float(value)


def write_number(value):
    """A response number: the float itself (json writes it with repr), or a string if not finite."""
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def respond(line, handle=evaluate):
    """The response line (without newline) for one request line."""
    # parse_int keeps "-0" (negative zero written without a point) a float -0.0.
    request = json.loads(line, parse_int=lambda s: -0.0 if s == "-0" else int(s))
    request_id = request.get("id")
    try:
        response = handle(request)
    except Unsupported as e:
        response = {"error": str(e)}
    except (KeyError, TypeError, ValueError) as e:
        response = {"error": "bad request: %s: %s" % (type(e).__name__, e)}
    response["id"] = request_id
    return json.dumps(response, allow_nan=False)


def serve(handle=evaluate, stdin=sys.stdin, stdout=sys.stdout):
    """The backprop-engine/1 loop: no handshake, one request per line."""
    while True:
        line = stdin.readline()
        if not line:
            return  # end of input: the kit is done
        if not line.strip():
            continue
        stdout.write(respond(line, handle) + "\n")
        stdout.flush()


# --- backprop-engine/2: any network.

BATCH = 256


def finite_or_text(value):
    """A response number: the float, or "nan"/"inf"/"-inf" (JSON has no literal for them)."""
    return value if math.isfinite(value) else write_number(value)


def number(value):
    """A request number (ints are read as floats, see respond_v2)."""
    return value if type(value) is float else read_number(value)


def activation_of(name, case):
    """The (alpha, alpha') of an activation name; "generic" is the case's choice."""
    if name == "generic":
        name = case.get("activation")
    if name not in ACTIVATIONS:
        raise Unsupported("unsupported activation %s" % name)
    return ACTIVATIONS[name]


def loss_and_adjoints(loss, y, t):
    """L and dL/dy_k for outputs y (a list) and targets t, the careful way."""
    if loss == "mse":
        targets = t if isinstance(t, list) else [t]
        d = [yk - number(tk) for yk, tk in zip(y, targets)]
        total = None
        for dk in d:
            total = dk * dk if total is None else total + dk * dk
        return 0.5 * total, d
    if loss == "logistic":  # softplus(y) - t*y, dL/dy = sigma(y) - t
        z, target = y[0], number(t)
        return softplus(z) - target * z, [sigmoid(z) - target]
    if loss == "softmax-ce":  # log sum e^(y_k - m) - (y_c - m), dL/dy_k = softmax_k - [k = c]
        c = int(t)
        m = max(y)
        e = [math.exp(yk - m) for yk in y]
        total = None
        for ek in e:
            total = ek if total is None else total + ek
        return math.log(total) - (y[c] - m), [ek / total - (1.0 if k == c else 0.0) for k, ek in enumerate(e)]
    raise Unsupported("unsupported loss %s" % loss)


class LayerStack:
    """{"layers": [{"in", "out", "activation"}, ...], "loss": ...}: tensors W_l [out][in], b_l [out]."""

    def __init__(self, network):
        self.layers = [layer.get("activation", "identity") for layer in network["layers"]]
        self.loss = network.get("loss")

    def evaluate(self, case):
        params, inputs = case["params"], case["inputs"]
        a = [number(v) for v in inputs["x"]]
        trace = []  # per layer: (its input a, z, W, alpha')
        for l, name in enumerate(self.layers, start=1):
            alpha, slope = activation_of(name, case)
            W = [[number(v) for v in row] for row in params["W%d" % l]]
            b = [number(v) for v in params["b%d" % l]]
            z = []
            for row, bias in zip(W, b):
                s = None
                for w, ai in zip(row, a):  # summed i = 0, 1, ..., then the bias
                    s = w * ai if s is None else s + w * ai
                z.append(s + bias)
            trace.append((a, z, W, slope))
            a = [alpha(zj) for zj in z]
        if self.loss is None:
            y, adjoint = a[0], [1.0]
        else:
            y, adjoint = loss_and_adjoints(self.loss, a, inputs.get("t"))
        gradient = {}
        for l in range(len(self.layers), 0, -1):
            a_in, z, W, slope = trace[l - 1]
            delta = [adj * slope(zj) for adj, zj in zip(adjoint, z)]
            gradient["W%d" % l] = [[finite_or_text(dj * ai) for ai in a_in] for dj in delta]
            gradient["b%d" % l] = [finite_or_text(dj) for dj in delta]
            if l > 1:  # the adjoint of the layer below, summed j = 0, 1, ...
                below = []
                for i in range(len(a_in)):
                    s = None
                    for j, dj in enumerate(delta):
                        s = dj * W[j][i] if s is None else s + dj * W[j][i]
                    below.append(s)
                adjoint = below
        return y, gradient


class NetworkFile:
    """A network file (docs/networks.md): units of terms w*s (+ b_k), summed left to right, + b."""

    def __init__(self, network):
        self.inputs = network["inputs"]
        self.parameters = network["parameters"]
        inputs = set(self.inputs)
        self.units = [(unit.get("activation", "generic"),
                       [(t["weight"], t["source"], t.get("bias"), t["source"] not in inputs)
                        for t in unit.get("terms", [])],
                       unit.get("bias"), unit["output"])
                      for unit in network["units"]]
        self.objective = network["objective"]

    def evaluate(self, case):
        p = {name: number(v) for name, v in case["params"].items()}
        given = case["inputs"]
        value = {name: number(given[name]) for name in self.inputs}
        zs, slopes = [], []
        for activation, terms, bias, output in self.units:
            alpha, slope = activation_of(activation, case)
            z = None
            for weight, source, term_bias, _ in terms:
                t = p[weight] * value[source]
                if term_bias is not None:
                    t = t + p[term_bias]
                z = t if z is None else z + t
            if bias is not None:
                z = p[bias] if z is None else z + p[bias]
            zs.append(z)
            slopes.append(slope)
            value[output] = alpha(z)
        objective = self.objective
        if "unit" in objective:
            y = value[objective["unit"]]
            adjoint = {objective["unit"]: 1.0}
        else:
            outputs = objective["outputs"]
            if objective["loss"] == "mse" and len(outputs) > 1:
                targets = [given["t[%d]" % k] for k in range(len(outputs))]
            else:
                targets = given.get("t")
            y, adjoints = loss_and_adjoints(objective["loss"], [value[o] for o in outputs], targets)
            adjoint = dict(zip(outputs, adjoints))
        gradient = {}
        # The first contribution is taken as it is (keeping -0.0), later ones added.
        for (activation, terms, bias, output), z, slope in zip(reversed(self.units), reversed(zs), reversed(slopes)):
            if output not in adjoint:
                continue  # the objective does not depend on this unit
            delta = adjoint[output] * slope(z)
            if bias is not None:
                gradient[bias] = delta if bias not in gradient else gradient[bias] + delta
            for weight, source, term_bias, from_unit in terms:
                d = delta * value[source]
                gradient[weight] = d if weight not in gradient else gradient[weight] + d
                if term_bias is not None:
                    gradient[term_bias] = delta if term_bias not in gradient else gradient[term_bias] + delta
                if from_unit:
                    a = delta * p[weight]
                    adjoint[source] = a if source not in adjoint else adjoint[source] + a
        return y, {name: finite_or_text(gradient.get(name, 0.0)) for name in self.parameters}


def compile_network(network):
    """The evaluator of one /2 network, built once per request line."""
    if "layers" in network:
        return LayerStack(network)
    if "units" in network:
        return NetworkFile(network)
    raise Unsupported("unsupported network %s" % network.get("name", "of this form"))


def answer_v2(case, evaluator):
    """One answer object, id included; failures become error answers."""
    request_id = case.get("id")
    if isinstance(request_id, float) and request_id.is_integer():
        request_id = int(request_id)  # read as a float (parse_int=float): written back as it came
    try:
        if isinstance(evaluator, Unsupported):
            raise evaluator
        y, gradient = evaluator.evaluate(case)
        response = {"id": request_id, "y": finite_or_text(y), "gradient": gradient}
    except Unsupported as e:
        response = {"id": request_id, "error": str(e)}
    except (KeyError, TypeError, ValueError, IndexError, OverflowError, ZeroDivisionError) as e:
        response = {"id": request_id, "error": "bad request: %s: %s" % (type(e).__name__, e)}
    return response


def respond_v2(line):
    """The response line (without newline) for one /2 request line."""
    # parse_int=float reads 2 as 2.0 and keeps "-0" a float -0.0.
    request = json.loads(line, parse_int=float)
    network = request.get("network")
    if isinstance(network, str):
        # A backprop-engine/1 request: a kit told nothing about the protocol
        # sends its first request that way, before it reads the handshake.
        return respond(line)
    try:
        evaluator = compile_network(network)
    except Unsupported as e:
        evaluator = e
    if "batch" in request:
        response = {"batch": [answer_v2(case, evaluator) for case in request["batch"]]}
    else:
        response = answer_v2(request, evaluator)
    return json.dumps(response, separators=(",", ":"), allow_nan=False)


def serve_v2(batch=BATCH, stdin=sys.stdin, stdout=sys.stdout):
    """The backprop-engine/2 loop: the handshake, then one response per request line."""
    stdout.write(json.dumps({"protocol": "backprop-engine/2", "batch": batch}) + "\n")
    stdout.flush()
    while True:
        line = stdin.readline()
        if not line:
            return
        if not line.strip():
            continue
        stdout.write(respond_v2(line) + "\n")
        stdout.flush()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--protocol", choices=["1", "2"], default="2",
                        help="1: backprop-engine/1, the seed network only, no handshake; 2 (default): backprop-engine/2")
    parser.add_argument("--batch", type=int, default=BATCH, help="cases per request line declared in the handshake")
    arguments = parser.parse_args()
    if arguments.protocol == "1":
        serve()
    else:
        serve_v2(batch=arguments.batch)
