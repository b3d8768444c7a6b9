#!/usr/bin/env python3
"""A backprop-engine/2 engine in PyTorch, float64, for stacks of dense layers.

    backprop-check engine --external 'python3 Examples/pytorch-engine/engine.py' \
        --network dense:4-8-1/tanh,identity/logistic

Each layer is F.linear(a, W, b) with W of shape [out][in] (nn.Linear.weight,
as the kit sends it), then torch's activation; the losses are torch's
(mse_loss(reduction="sum")/2, binary_cross_entropy_with_logits,
cross_entropy), and the gradient comes from torch.autograd.grad. Networks that
are not layer stacks (the seed, network files) are declined as
"unsupported network NAME", which the kit lists as a capability, not a
failure. See docs/engines.md.
"""
import json
import math
import sys

# The handshake first, before the slow import: the kit learns at once that
# this engine speaks backprop-engine/2 and takes up to 64 cases a line.
print(json.dumps({"protocol": "backprop-engine/2", "batch": 64}), flush=True)

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_default_dtype(torch.float64)

ACTIVATIONS = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "softplus": F.softplus,
    "silu": F.silu,
    "gelu": F.gelu,  # the exact erf form
    "identity": lambda z: z,
    "relu": torch.relu,
}


def objective(params, x, t, activations, loss):
    a = x
    for l, name in enumerate(activations, start=1):
        a = ACTIVATIONS[name](F.linear(a, params["W%d" % l], params["b%d" % l]))
    if loss is None:
        return a[0]
    if loss == "mse":
        return 0.5 * F.mse_loss(a, t, reduction="sum")
    if loss == "logistic":
        return F.binary_cross_entropy_with_logits(a[0], t, reduction="sum")
    if loss == "softmax-ce":
        return F.cross_entropy(a.unsqueeze(0), t.unsqueeze(0), reduction="sum")
    raise ValueError(loss)


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
        names = sorted(case["params"])
        params = {k: torch.tensor(numbers(case["params"][k]), requires_grad=True) for k in names}
        x = torch.tensor(numbers(case["inputs"]["x"]))
        t = case["inputs"].get("t", 0.0)
        if loss == "softmax-ce":
            t = torch.tensor(int(t))
        elif loss == "mse":
            t = torch.tensor(numbers(t if isinstance(t, list) else [t]))
        else:
            t = torch.tensor(number(t))
        y = objective(params, x, t, activations, loss)
        gradient = torch.autograd.grad(y, [params[k] for k in names])
        return {"id": case["id"], "y": written(y.item()),
                "gradient": {k: written(g.tolist()) for k, g in zip(names, gradient)}}
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
