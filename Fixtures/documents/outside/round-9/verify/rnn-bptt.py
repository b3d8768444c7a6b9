"""Verify rnn-bptt: vanilla tanh RNN, hidden size 2, input size 2, unrolled
for t = 1, 2 from a given h_0, scalar readout yhat = v^T h_2 + c, squared loss."""
import random
import sympy as sp
from common import *

x1, x2, h0 = vec("xa", 2), vec("xb", 2), vec("h0", 2)
Whh, Wxh, b = mat("Whh", 2, 2), mat("Wxh", 2, 2), vec("b", 2)
v, c, y = vec("v", 2), sp.Symbol("c", real=True), sp.Symbol("y", real=True)
ea1, ea2, eh1, ey = vec("ea1", 2), vec("ea2", 2), vec("eh1", 2), sp.Symbol("ey", real=True)
EPS = [ea1, ea2, eh1, [ey]]
s = sp.Symbol("s", real=True)

a1 = [sum(Whh[i][k] * h0[k] + Wxh[i][k] * x1[k] for k in range(2)) + b[i] + ea1[i] for i in range(2)]
h1 = [sp.tanh(q) + eh1[i] for i, q in enumerate(a1)]
a2 = [sum(Whh[i][k] * h1[k] + Wxh[i][k] * x2[k] for k in range(2)) + b[i] + ea2[i] for i in range(2)]
h2 = [sp.tanh(q) for q in a2]
yhat = sum(v[i] * h2[i] for i in range(2)) + c + ey
L = sp.Rational(1, 2) * (yhat - y) ** 2

H1, H2, YH = at0(h1, EPS), at0(h2, EPS), at0(yhat, EPS)
r = YH - y
d2, d1, gh1 = grad(L, ea2, EPS), grad(L, ea1, EPS), grad(L, eh1, EPS)
gWhh, gWxh, gb = grad(L, Whh, EPS), grad(L, Wxh, EPS), grad(L, b, EPS)

claims = [
    Claim("dL/dyhat", r"$$\frac{\partial L}{\partial \hat{y}} = \hat{y} - y$$",
          lambda pt: (grad(L, ey, EPS), r)),
    Claim("dL/dv", r"$$\frac{\partial L}{\partial \mathbf{v}} = (\hat{y} - y)\, \mathbf{h}_2$$",
          lambda pt: (grad(L, v, EPS), [r * H2[i] for i in range(2)])),
    Claim("dL/dc", r"$$\frac{\partial L}{\partial c} = \hat{y} - y$$",
          lambda pt: (grad(L, c, EPS), r)),
    Claim("tanh'", r"$\tanh'(a) = 1 - \tanh^2(a)$",
          lambda pt: (sp.diff(sp.tanh(s), s), 1 - sp.tanh(s) ** 2)),
    Claim("delta_2", r"$$\boldsymbol{\delta}_2 = (\hat{y} - y)\, \mathbf{v} \odot (1 - \mathbf{h}_2 \odot \mathbf{h}_2)$$",
          lambda pt: (d2, [r * v[i] * (1 - H2[i] ** 2) for i in range(2)])),
    Claim("dL/dh_1", r"$$\frac{\partial L}{\partial \mathbf{h}_1} = \mathbf{W}_{hh}^\top \boldsymbol{\delta}_2$$",
          lambda pt: (gh1, matvec(T(Whh), d2))),
    Claim("delta_1", r"$$\boldsymbol{\delta}_1 = \left(\mathbf{W}_{hh}^\top \boldsymbol{\delta}_2\right) \odot (1 - \mathbf{h}_1 \odot \mathbf{h}_1)$$",
          lambda pt: (d1, had(matvec(T(Whh), d2), [1 - q ** 2 for q in H1]))),
    Claim("dL/dWhh", r"= \boldsymbol{\delta}_2 \mathbf{h}_1^\top + \boldsymbol{\delta}_1 \mathbf{h}_0^\top$$",
          lambda pt: (gWhh, madd(outer(d2, H1), outer(d1, h0)))),
    Claim("dL/dWxh", r"= \boldsymbol{\delta}_2 \mathbf{x}_2^\top + \boldsymbol{\delta}_1 \mathbf{x}_1^\top$$",
          lambda pt: (gWxh, madd(outer(d2, x2), outer(d1, x1)))),
    Claim("dL/db", r"$$\frac{\partial L}{\partial \mathbf{b}} = \boldsymbol{\delta}_2 + \boldsymbol{\delta}_1$$",
          lambda pt: (gb, madd(d2, d1))),
]
planted = lambda pt: (gWhh, madd(outer(d2, H2), outer(d1, H1)))

rng = random.Random(9011)
points = random_points(flat([x1, x2, h0, Whh, Wxh, b, v, y]) + [c, s], rng)

run("rnn-bptt", ".md", 50,
    r"= \boldsymbol{\delta}_2 \mathbf{h}_2^\top + \boldsymbol{\delta}_1 \mathbf{h}_1^\top$$",
    r"= \boldsymbol{\delta}_2 \mathbf{h}_1^\top + \boldsymbol{\delta}_1 \mathbf{h}_0^\top$$",
    claims, "dL/dWhh", planted, points)
