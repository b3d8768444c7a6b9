#!/usr/bin/env python3
"""A backprop-engine/2 engine in JAX, float64, for stacks of dense layers.

    backprop-check engine --external 'python3 Examples/jax-engine/engine.py' \
        --network dense:4-8-1/tanh,identity/logistic

Each layer is z = W a + b with W of shape [out][in] (as the kit sends it),
a = activation(z), with jax.nn's activations; the gradient comes from
jax.value_and_grad. Networks that are not layer stacks (the seed, network
files) are declined as "unsupported network NAME", which the kit lists as a
capability, not a failure. See docs/engines.md.
"""
import json
import math
import sys

# The handshake first, before the slow import: the kit learns at once that
# this engine speaks backprop-engine/2 and takes up to 64 cases a line.
print(json.dumps({"protocol": "backprop-engine/2", "batch": 64}), flush=True)

import jax  # noqa: E402

jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402

ACTIVATIONS = {
    "sigmoid": jax.nn.sigmoid,
    "tanh": jnp.tanh,
    "softplus": jax.nn.softplus,
    "silu": jax.nn.silu,
    "gelu": lambda z: jax.nn.gelu(z, approximate=False),
    "identity": lambda z: z,
    "relu": jax.nn.relu,
}


def objective(params, x, t, activations, loss):
    a = x
    for l, name in enumerate(activations, start=1):
        a = ACTIVATIONS[name](params["W%d" % l] @ a + params["b%d" % l])
    if loss is None:
        return a[0]
    if loss == "mse":
        return 0.5 * jnp.sum((a - t) ** 2)
    if loss == "logistic":  # binary cross-entropy on the logit
        return -t * jax.nn.log_sigmoid(a[0]) - (1 - t) * jax.nn.log_sigmoid(-a[0])
    if loss == "softmax-ce":  # cross-entropy on the logits, t the class
        return -jax.nn.log_softmax(a)[t]
    raise ValueError(loss)


value_and_gradient = jax.jit(jax.value_and_grad(objective), static_argnums=(3, 4))


def number(v):
    return {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}[v] if isinstance(v, str) else float(v)


def numbers(v):
    return [numbers(u) for u in v] if isinstance(v, list) else number(v)


def written(v):
    """Nested lists of floats for JSON: non-finite values as "nan", "inf", "-inf"."""
    if isinstance(v, list):
        return [written(u) for u in v]
    return v if math.isfinite(v) else ("nan" if math.isnan(v) else ("inf" if v > 0 else "-inf"))


def answer(case, network):
    try:
        if not isinstance(network, dict):  # a backprop-engine/1 request
            raise LookupError("unsupported: this engine speaks backprop-engine/2")
        if "layers" not in network:
            raise LookupError("unsupported network %s" % network.get("name", "?"))
        activations = []
        for layer in network["layers"]:
            name = layer["activation"]
            name = case.get("activation") if name == "generic" else name
            if name not in ACTIVATIONS:
                raise LookupError("unsupported activation %s" % name)
            activations.append(name)
        loss = network.get("loss")
        params = {k: jnp.array(numbers(v), dtype=jnp.float64) for k, v in case["params"].items()}
        x = jnp.array(numbers(case["inputs"]["x"]), dtype=jnp.float64)
        t = case["inputs"].get("t", 0.0)
        t = int(t) if loss == "softmax-ce" else jnp.array(numbers(t), dtype=jnp.float64)
        y, gradient = value_and_gradient(params, x, t, tuple(activations), loss)
        return {"id": case["id"], "y": written(float(y)),
                "gradient": {k: written(np.asarray(g).tolist()) for k, g in gradient.items()}}
    except LookupError as e:
        return {"id": case.get("id"), "error": str(e)}


for line in iter(sys.stdin.readline, ""):
    request = json.loads(line)
    network = request.get("network")
    if "batch" in request:
        response = {"batch": [answer(case, network) for case in request["batch"]]}
    else:
        response = answer(request, network)
    print(json.dumps(response, separators=(",", ":")), flush=True)
