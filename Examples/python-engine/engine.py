#!/usr/bin/env python3
"""A complete backprop-engine/1 engine for the seed network, standard library only.

Protocol (see docs/engines.md): read one JSON request per line on standard
input, write one JSON response per line on standard output, flush after each.

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
    while True:
        line = stdin.readline()
        if not line:
            return  # end of input: the kit is done
        if not line.strip():
            continue
        stdout.write(respond(line, handle) + "\n")
        stdout.flush()


if __name__ == "__main__":
    serve()
