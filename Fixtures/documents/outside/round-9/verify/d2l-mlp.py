"""Verify d2l-mlp(.tex): x in R^2, W1 in R^{3x2}, ReLU, W2 in R^{2x3},
L = 1/2||o - y||^2, s = lambda/2 (||W1||_F^2 + ||W2||_F^2), J = L + s."""
import random
import sympy as sp
from common import *

x, y = vec("x", 2), vec("y", 2)
W1, W2 = mat("W1", 3, 2), mat("W2", 2, 3)
lam = sp.Symbol("lambda", positive=True)
ez, eh, eo = vec("ez", 3), vec("eh", 3), vec("eo", 2)
eL, es = sp.symbols("eL es", real=True)
EPS = [ez, eh, eo, [eL, es]]

z = [sum(W1[i][j] * x[j] for j in range(2)) + ez[i] for i in range(3)]
h = [relu(v) + eh[i] for i, v in enumerate(z)]
o = [sum(W2[i][j] * h[j] for j in range(3)) + eo[i] for i in range(2)]
L = sp.Rational(1, 2) * sum((o[i] - y[i]) ** 2 for i in range(2)) + eL
s = lam / 2 * (sum(v ** 2 for v in flat(W1)) + sum(v ** 2 for v in flat(W2))) + es
J = L + s

Z, H, O = at0(z, EPS), at0(h, EPS), at0(o, EPS)
s0 = at0(s, EPS)
gJ_o, gJ_h, gJ_z = grad(J, eo, EPS), grad(J, eh, EPS), grad(J, ez, EPS)
gW1, gW2 = grad(J, W1, EPS), grad(J, W2, EPS)

claims = [
    Claim("dJ/dL = 1, dJ/ds = 1",
          r"\frac{\partial J}{\partial L} = 1 \; \text{and} \; \frac{\partial J}{\partial s} = 1.",
          lambda pt: ([grad(J, eL, EPS), grad(J, es, EPS)], [1, 1])),
    Claim("dJ/do", r"= \mathbf{o} - \mathbf{y} \in \mathbb{R}^2.",
          lambda pt: (gJ_o, [O[i] - y[i] for i in range(2)])),
    Claim("ds/dW1", r"\frac{\partial s}{\partial \mathbf{W}^{(1)}} &= \lambda \mathbf{W}^{(1)},",
          lambda pt: (grad(s0, W1), scal(lam, W1))),
    Claim("ds/dW2", r"\frac{\partial s}{\partial \mathbf{W}^{(2)}} &= \lambda \mathbf{W}^{(2)}.",
          lambda pt: (grad(s0, W2), scal(lam, W2))),
    Claim("dJ/dW2", r"= \frac{\partial J}{\partial \mathbf{o}} \mathbf{h}^\top + \lambda \mathbf{W}^{(2)}.",
          lambda pt: (gW2, madd(outer(gJ_o, H), scal(lam, W2)))),
    Claim("dJ/dh", r"= {\mathbf{W}^{(2)}}^\top \frac{\partial J}{\partial \mathbf{o}}.",
          lambda pt: (gJ_h, matvec(T(W2), gJ_o))),
    Claim("dJ/dz", r"= \frac{\partial J}{\partial \mathbf{h}} \odot \phi'\left(\mathbf{z}\right).",
          lambda pt: (gJ_z, had(gJ_h, [relu_prime(v) for v in Z]))),
    Claim("dJ/dW1", r"= \frac{\partial J}{\partial \mathbf{z}} \mathbf{x}^\top + \lambda \mathbf{W}^{(1)}.",
          lambda pt: (gW1, madd(outer(gJ_z, x), scal(lam, W1)))),
]
planted = lambda pt: (grad(s0, W2), W2)

rng = random.Random(9008)
syms = flat([x, y, W1, W2])


def ok(pt):
    vals = [v.xreplace(pt) for v in Z]
    return all(abs(v) > sp.Rational(1, 20) for v in vals) and any(v > 0 for v in vals)


points = []
for pt in random_points(syms, rng, ok=ok):
    pt[lam] = sp.Rational(rng.randint(1, 900), 1000)   # lambda != 1
    points.append(pt)

run("d2l-mlp", ".tex", 85,
    r"\frac{\partial s}{\partial \mathbf{W}^{(2)}} &= \mathbf{W}^{(2)}.",
    r"\frac{\partial s}{\partial \mathbf{W}^{(2)}} &= \lambda \mathbf{W}^{(2)}.",
    claims, "ds/dW2", planted, points)
