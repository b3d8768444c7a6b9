"""Verify qa-tanh-mlp: 2-2-1 network, tanh hidden, sigmoid output, binary
cross-entropy; W1 in R^{2x2}, W2 in R^{1x2}."""
import random
import sympy as sp
from common import *

x, y = vec("x", 2), sp.Symbol("y", real=True)
W1, b1 = mat("W1", 2, 2), vec("b1", 2)
W2, b2 = mat("W2", 1, 2), sp.Symbol("b2", real=True)
ez1, ea1 = vec("ez1", 2), vec("ea1", 2)
ez2, ey = sp.symbols("ez2 eyh", real=True)
EPS = [ez1, ea1, [ez2, ey]]
s = sp.Symbol("s", real=True)

z1 = [sum(W1[i][j] * x[j] for j in range(2)) + b1[i] + ez1[i] for i in range(2)]
a1 = [sp.tanh(v) + ea1[i] for i, v in enumerate(z1)]
z2 = sum(W2[0][j] * a1[j] for j in range(2)) + b2 + ez2
yh = sigmoid(z2) + ey
L = -(y * sp.log(yh) + (1 - y) * sp.log(1 - yh))

A1, Z2, YH = at0(a1, EPS), at0(z2, EPS), at0(yh, EPS)
gyh, gz2, ga1, gz1 = grad(L, ey, EPS), grad(L, ez2, EPS), grad(L, ea1, EPS), grad(L, ez1, EPS)
gW2, gb2, gW1, gb1 = grad(L, W2, EPS), grad(L, b2, EPS), grad(L, W1, EPS), grad(L, b1, EPS)
dyh_dz2 = grad(yh, ez2, EPS)

claims = [
    Claim("dL/dyhat", r"$$\frac{\partial L}{\partial \hat y} = -\frac{y}{\hat y} + \frac{1 - y}{1 - \hat y}$$",
          lambda pt: (gyh, -y / YH + (1 - y) / (1 - YH))),
    Claim("dyhat/dz2", r"= \sigma(z^{[2]}) \left(1 - \sigma(z^{[2]})\right) = \hat y (1 - \hat y)$$",
          lambda pt: ([dyh_dz2] * 2, [sigmoid(Z2) * (1 - sigmoid(Z2)), YH * (1 - YH)])),
    Claim("dL/dz2", r"\cdot \frac{\partial \hat y}{\partial z^{[2]}} = \hat y - y$$",
          lambda pt: ([gz2] * 2, [gyh * dyh_dz2, YH - y])),
    Claim("dL/dW2, dL/db2", r"= \frac{\partial L}{\partial z^{[2]}} \left(a^{[1]}\right)^T, \qquad \frac{\partial L}{\partial b^{[2]}} = \frac{\partial L}{\partial z^{[2]}}$$",
          lambda pt: ([gW2, gb2], [[[gz2 * A1[j] for j in range(2)]], gz2])),
    Claim("dL/da1", r"$$\frac{\partial L}{\partial a^{[1]}} = \left(W^{[2]}\right)^T \frac{\partial L}{\partial z^{[2]}}$$",
          lambda pt: (ga1, [W2[0][i] * gz2 for i in range(2)])),
    Claim("tanh'", r"$\frac{d}{dz}\tanh z = 1 - \tanh^2 z$",
          lambda pt: (sp.diff(sp.tanh(s), s), 1 - sp.tanh(s) ** 2)),
    Claim("dL/dz1", r"\frac{\partial L}{\partial z^{[2]}}\right) \odot \left(1 - a^{[1]} \odot a^{[1]}\right)$$",
          lambda pt: (gz1, [W2[0][i] * gz2 * (1 - A1[i] ** 2) for i in range(2)])),
    Claim("dz1_i/dW1_ij", r"$\partial z^{[1]}_i / \partial W^{[1]}_{ij} = x_j$",
          lambda pt: ([[grad(at0(z1, EPS)[i], W1[i][j]) for j in range(2)] for i in range(2)],
                      [[x[j] for j in range(2)] for i in range(2)])),
    Claim("dL/dW1, dL/db1", r"= \frac{\partial L}{\partial z^{[1]}}\, x^T, \qquad \frac{\partial L}{\partial b^{[1]}} = \frac{\partial L}{\partial z^{[1]}}$$",
          lambda pt: ([gW1, gb1], [outer(gz1, x), gz1])),
    Claim("dL/dW1_ij", r"= (\hat y - y)\, W^{[2]}_{1i} \left(1 - \left(a^{[1]}_i\right)^2\right) x_j$$",
          lambda pt: (gW1, [[(YH - y) * W2[0][i] * (1 - A1[i] ** 2) * x[j] for j in range(2)]
                            for i in range(2)])),
]
planted = lambda pt: ([gz2] * 2, [gyh * dyh_dz2, y - YH])

rng = random.Random(9014)
points = []
for pt in random_points(flat([x, W1, b1, W2]) + [b2, s], rng):
    pt[y] = rng.randrange(2)
    points.append(pt)
assert {pt[y] for pt in points} == {0, 1}

run("qa-tanh-mlp", ".md", 30,
    r"\cdot \frac{\partial \hat y}{\partial z^{[2]}} = y - \hat y$$",
    r"\cdot \frac{\partial \hat y}{\partial z^{[2]}} = \hat y - y$$",
    claims, "dL/dz2", planted, points)
