#!/usr/bin/env python3
"""The mutation campaign under torch.autograd.gradcheck, side by side with the kit.

Runs the campaign's Python engines (Examples/python-engine/campaign.py: the mutants and the legitimate
variants) through torch.autograd.gradcheck: the engine's forward and backward wrapped in a
torch.autograd.Function (float64), gradcheck with its defaults (eps 1e-6, atol 1e-5, rtol 1e-3) on a
few random points per run, once per tensor group (only that group requires grad) to name the groups it
flags. Prints a Markdown table: what each mutant corrupts, what gradcheck flags; for each variant,
whether gradcheck flags anything. Compare with the kit's verdicts in Fixtures/reports/mutation-campaign.md.

    python3 scripts/gradcheck-campaign.py [--points 3] [--seed 1]

Exits 0 with "torch not importable: skipped" when torch is absent (it is not a dependency of the kit).
"""

import argparse
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Examples", "python-engine"))
import campaign  # noqa: E402  (the engines, standard library only)

RELU = "dense:3-4-4-3/relu,relu,identity/softmax-ce"
TANH = "dense:3-4-4-1/tanh,tanh,identity/logistic"
SIGMOID = "dense:2-3-3-2/identity,sigmoid,sigmoid/mse"
SOFTPLUS = "dense:3-4-1/softplus,identity/logistic"
SILU = "dense:3-4-2/silu,identity/mse"
GELU = "dense:3-4-3/gelu,identity/softmax-ce"
NETWORKS = [RELU, TANH, SIGMOID, SOFTPLUS, SILU, GELU]

# The mutants of Tests/MutationCampaignTests/Campaign.swift, on the same networks.
MUTANTS = [
    (RELU, "relu-mask-missing@1"), (RELU, "relu-mask-missing@2"), (RELU, "preactivation-for-activation@2"),
    (RELU, "preactivation-for-activation@3"), (RELU, "transposed-weight-backward@2"), (RELU, "delta-of-next-layer@1"),
    (RELU, "bias-gradient-times-input@2"), (RELU, "forward-bias-dropped@1"), (RELU, "softmax-target-off-by-one"),
    (RELU, "softmax-unnormalised"), (RELU, "slope-at-output@2"), (RELU, "output-slope-forgotten"),
    (TANH, "tanh-slope-of-preactivation@1"), (TANH, "tanh-slope-of-preactivation@2"), (TANH, "slope-at-output@2"),
    (TANH, "transposed-weight-backward@2"), (TANH, "preactivation-for-activation@3"), (TANH, "logistic-gradient-sign"),
    (TANH, "logistic-gradient-of-logit"),
    (SIGMOID, "slope-at-output@2"), (SIGMOID, "slope-at-output@3"), (SIGMOID, "output-slope-forgotten"),
    (SIGMOID, "mse-half-forgotten"), (SIGMOID, "transposed-weight-backward@2"), (SIGMOID, "delta-of-next-layer@1"),
    (SIGMOID, "preactivation-for-activation@3"), (SIGMOID, "bias-gradient-times-input@1"),
    (SIGMOID, "preactivation-for-activation@2"),
    (SOFTPLUS, "softplus-slope-mirrored@1"), (SOFTPLUS, "slope-at-output@1"),
    (SOFTPLUS, "preactivation-for-activation@2"), (SOFTPLUS, "logistic-gradient-of-logit"),
    (SILU, "silu-slope-missing-term@1"), (SILU, "slope-at-output@1"), (SILU, "mse-half-forgotten"),
    (SILU, "bias-gradient-times-input@2"),
    (GELU, "gelu-slope-missing-density@1"), (GELU, "slope-at-output@1"), (GELU, "preactivation-for-activation@2"),
    (GELU, "softmax-target-off-by-one"),
]

# The variants (binary32 is Swift-only), on every network.
VARIANTS = [(net, v) for v in campaign.VARIANTS for net in NETWORKS]


def parse(spec):
    """(widths, activations, loss) of a dense: spec."""
    widths, activations, loss = spec[len("dense:"):].split("/")
    return [int(w) for w in widths.split("-")], activations.split(","), loss


def groups_of(widths):
    """The tensor group names in parameter order: W1, b1, W2, b2, ..."""
    return [g % l for l in range(1, len(widths)) for g in ("W%d", "b%d")]


def draw_point(widths, loss, rng):
    """Random inputs, target and parameters: weights ~ U(-1, 1), inputs ~ N(0, 1)."""
    x = [rng.gauss(0.0, 1.0) for _ in range(widths[0])]
    params = []
    for l in range(1, len(widths)):
        params.append([[rng.uniform(-1.0, 1.0) for _ in range(widths[l - 1])] for _ in range(widths[l])])
        params.append([rng.uniform(-1.0, 1.0) for _ in range(widths[l])])
    outputs = widths[-1]
    if loss == "softmax-ce":
        t = rng.randrange(outputs)
    elif loss == "logistic":
        t = rng.choice([0.0, 1.0, rng.random()])
    else:
        t = [rng.gauss(0.0, 1.0) for _ in range(outputs)] if outputs > 1 else rng.gauss(0.0, 1.0)
    return x, t, params


def make_function(torch, engine, activations, loss, x, t):
    """A torch.autograd.Function whose forward is the engine's L and backward the engine's gradient."""

    class EngineFunction(torch.autograd.Function):
        @staticmethod
        def forward(ctx, *tensors):
            values = [p.detach().tolist() for p in tensors]
            W, b = values[0::2], values[1::2]
            value, dW, db = engine.run(activations, loss, x, W, b, t)
            grads = []
            for w, bias in zip(dW, db):
                grads += [torch.tensor(w, dtype=torch.float64), torch.tensor(bias, dtype=torch.float64)]
            ctx.grads = grads
            return torch.tensor(value, dtype=torch.float64)

        @staticmethod
        def backward(ctx, grad_output):
            return tuple(grad_output * g for g in ctx.grads)

    return EngineFunction.apply


def flagged_groups(torch, engine, spec, points, seed):
    """The tensor groups on which gradcheck fails at some of `points` random points (or 'error: ...')."""
    widths, activations, loss = parse(spec)
    names = groups_of(widths)
    rng = random.Random(seed)
    flagged = set()
    for _ in range(points):
        x, t, params = draw_point(widths, loss, rng)
        function = make_function(torch, engine, activations, loss, x, t)
        for k, name in enumerate(names):
            tensors = [torch.tensor(p, dtype=torch.float64, requires_grad=(i == k)) for i, p in enumerate(params)]
            if not torch.autograd.gradcheck(function, tuple(tensors), raise_exception=False):
                flagged.add(name)
    return flagged


def listed(groups):
    """Groups in reading order: L, W1, b1, W2, ...; a dash for none."""
    def key(g):
        return (0, 0) if g == "L" else (int(g[1:]), 0 if g[0] == "W" else 1)
    return ", ".join(sorted(groups, key=key)) if groups else "—"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=3, help="random points per run and tensor group")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    try:
        import torch
    except Exception as e:  # ImportError, or a broken installation
        print("torch not importable: skipped (%s: %s)" % (type(e).__name__, e))
        return 0
    torch.set_default_dtype(torch.float64)

    print("gradcheck (torch %s, defaults eps=1e-6 atol=1e-5 rtol=1e-3), %d random points per run\n"
          % (torch.__version__, arguments.points))
    print("| mutation | network | corrupts | gradcheck flags | caught? | exactly its tensors? |")
    print("| --- | --- | --- | --- | --- | --- |")
    exact = caught = changing = 0
    for spec, name in MUTANTS:
        mutation = campaign.parse_mutation(name)
        widths, activations, loss = parse(spec)
        # gradcheck compares the engine's gradient with differences of the engine's own L, so a
        # forward-pass mistake (L itself) is invisible to it: it can only flag the gradient's groups.
        required = campaign.corrupted(mutation, widths, activations, loss)
        flags = flagged_groups(torch, campaign.Engine(mutation=mutation), spec, arguments.points, arguments.seed)
        gradient_groups = required - {"L"}
        if required:
            changing += 1
            caught += bool(flags)
            exact += flags == gradient_groups
        print("| `%s` | `%s` | %s | %s | %s | %s |" % (
            name, spec, listed(required), listed(flags),
            "— (changes nothing)" if not required else ("yes" if flags else "**no**"),
            "yes" if flags == gradient_groups else "**no**"))
    print("\n%d of %d mutants flagged on exactly their gradient's tensors; %d flagged somewhere.\n"
          % (exact, changing, caught))
    print("| variant | network | gradcheck flags | never flagged? |")
    print("| --- | --- | --- | --- |")
    quiet = 0
    for spec, variant in VARIANTS:
        flags = flagged_groups(torch, campaign.Engine(variant=variant), spec, arguments.points, arguments.seed)
        quiet += not flags
        print("| `%s` | `%s` | %s | %s |" % (variant, spec, listed(flags), "yes" if not flags else "**no**"))
    print("\n%d of %d variant runs never flagged." % (quiet, len(VARIANTS)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
