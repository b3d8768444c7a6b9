"""Verify nielsen-crossentropy: 3-2-2 sigmoid network, cross-entropy cost."""
import random
import sympy as sp
from common import *

x, y = vec("x", 3), vec("y", 2)
w2, b2 = mat("wA", 2, 3), vec("bA", 2)
w3, b3 = mat("wB", 2, 2), vec("bB", 2)
e2, e3, ea = vec("e2", 2), vec("e3", 2), vec("ea", 2)
EPS = [e2, e3, ea]

z2 = [sum(w2[j][k] * x[k] for k in range(3)) + b2[j] + e2[j] for j in range(2)]
a2 = [sigmoid(v) for v in z2]
z3 = [sum(w3[j][k] * a2[k] for k in range(2)) + b3[j] + e3[j] for j in range(2)]
a3 = [sigmoid(v) + ea[j] for j, v in enumerate(z3)]
C = -sum(y[j] * sp.log(a3[j]) + (1 - y[j]) * sp.log(1 - a3[j]) for j in range(2))

Z2, A2, Z3, A3 = at0(z2, EPS), at0(a2, EPS), at0(z3, EPS), at0(a3, EPS)
dC_da = grad(C, ea, EPS)
d3 = grad(C, e3, EPS)
d2 = grad(C, e2, EPS)
dw3, db3 = grad(C, w3, EPS), grad(C, b3, EPS)
dw2, db2 = grad(C, w2, EPS), grad(C, b2, EPS)
zs = sp.Symbol("zeta", real=True)

claims = [
    Claim("dC/da (first form)", r"= -\frac{y_j}{a^L_j} + \frac{1 - y_j}{1 - a^L_j}",
          lambda pt: (dC_da, [-y[j] / A3[j] + (1 - y[j]) / (1 - A3[j]) for j in range(2)])),
    Claim("dC/da (second form)", r"= \frac{a^L_j - y_j}{a^L_j (1 - a^L_j)}.$$",
          lambda pt: (dC_da, [(A3[j] - y[j]) / (A3[j] * (1 - A3[j])) for j in range(2)])),
    Claim("sigma'(z^L_j) = a(1-a)", r"$\sigma'(z^L_j) = a^L_j(1 - a^L_j)$",
          lambda pt: ([sp.diff(sigmoid(zs), zs).subs(zs, Z3[j]) for j in range(2)],
                      [A3[j] * (1 - A3[j]) for j in range(2)])),
    Claim("delta^L", r"$$\delta^L_j = a^L_j - y_j.$$",
          lambda pt: (d3, [A3[j] - y[j] for j in range(2)])),
    Claim("dC/dw^L_jk", r"$$\frac{\partial C}{\partial w^L_{jk}} = a^{L-1}_k (a^L_j - y_j),$$",
          lambda pt: (dw3, [[A2[k] * (A3[j] - y[j]) for k in range(2)] for j in range(2)])),
    Claim("dC/db^L_j", r"$$\frac{\partial C}{\partial b^L_j} = a^L_j - y_j.$$",
          lambda pt: (db3, [A3[j] - y[j] for j in range(2)])),
    Claim("dC/dw^3 matrix", r"$$\frac{\partial C}{\partial w^3} = (a^3 - y)(a^2)^T.$$",
          lambda pt: (dw3, outer([A3[j] - y[j] for j in range(2)], A2))),
    Claim("BP2", r"$$\delta^2 = ((w^3)^T \delta^3) \odot \sigma'(z^2),$$",
          lambda pt: (d2, had(matvec(T(w3), d3), [dsigmoid(v) for v in Z2]))),
    Claim("dC/db^2_j", r"$$\frac{\partial C}{\partial b^2_j} = \delta^2_j, \qquad j = 1, 2,$$",
          lambda pt: (db2, d2)),
    Claim("dC/dw^2_jk", r"$$\frac{\partial C}{\partial w^2_{jk}} = x_k \delta^2_j, \qquad j = 1, 2, \; k = 1, 2, 3.$$",
          lambda pt: (dw2, [[x[k] * d2[j] for k in range(3)] for j in range(2)])),
]
planted = lambda pt: (dw3, [[A2[j] * (A3[j] - y[j]) for k in range(2)] for j in range(2)])

rng = random.Random(9002)
syms = flat([x, w2, b2, w3, b3])
points = []
for pt in random_points(syms, rng):
    # desired outputs in (0, 1)
    pt.update({y[j]: sp.Rational(rng.randint(1, 999), 1000) for j in range(2)})
    points.append(pt)

run("nielsen-crossentropy", ".md", 31,
    r"= a^{L-1}_j (a^L_j - y_j),$$", r"= a^{L-1}_k (a^L_j - y_j),$$",
    claims, "dC/dw^L_jk", planted, points)
