"""Verify homework-tied-autoencoder: x in R^3, W in R^{2x3} shared by encoder
(a = W x + b, h = sigma(a)) and decoder (xhat = W^T h + c), L = 1/2||xhat - x||^2."""
import random
import sympy as sp
from common import *

x = vec("x", 3)
W, b, c = mat("W", 2, 3), vec("b", 2), vec("c", 3)
ea, eh, ex = vec("ea", 2), vec("eh", 2), vec("exh", 3)
EPS = [ea, eh, ex]
s = sp.Symbol("s", real=True)

a = [sum(W[j][i] * x[i] for i in range(3)) + b[j] + ea[j] for j in range(2)]
h = [sigmoid(v) + eh[j] for j, v in enumerate(a)]
xh = [sum(W[j][i] * h[j] for j in range(2)) + c[i] + ex[i] for i in range(3)]
L = sp.Rational(1, 2) * sum((xh[i] - x[i]) ** 2 for i in range(3))

H, XH = at0(h, EPS), at0(xh, EPS)
e = [XH[i] - x[i] for i in range(3)]
gxh, gc, gh, ga = grad(L, ex, EPS), grad(L, c, EPS), grad(L, eh, EPS), grad(L, ea, EPS)
gb, gW = grad(L, b, EPS), grad(L, W, EPS)
d = [H[j] * (1 - H[j]) * sum(W[j][m] * e[m] for m in range(3)) for j in range(2)]

claims = [
    Claim("dL/dxhat_i", r"$$\frac{\partial L}{\partial \hat{x}_i} = \hat{x}_i - x_i \equiv e_i.$$",
          lambda pt: (gxh, e)),
    Claim("dL/dc_i", r"$$\frac{\partial L}{\partial c_i} = e_i.$$",
          lambda pt: (gc, e)),
    Claim("dL/dh_j", r"$$\frac{\partial L}{\partial h_j} = \sum_{m=1}^{3} W_{jm}\, e_m,$$",
          lambda pt: (gh, [sum(W[j][m] * e[m] for m in range(3)) for j in range(2)])),
    Claim("sigma'", r"$\sigma'(a) = \sigma(a)(1 - \sigma(a))$",
          lambda pt: (sp.diff(sigmoid(s), s), sigmoid(s) * (1 - sigmoid(s)))),
    Claim("d_j = dL/da_j", r"$$d_j \equiv \frac{\partial L}{\partial a_j} = h_j (1 - h_j) \sum_{m=1}^{3} W_{jm}\, e_m.$$",
          lambda pt: (ga, d)),
    Claim("dL/db_j", r"$$\frac{\partial L}{\partial b_j} = d_j.$$",
          lambda pt: (gb, d)),
    Claim("dL/dW_ji", r"$$\frac{\partial L}{\partial W_{ji}} = e_i\, h_j + d_j\, x_i.$$",
          lambda pt: (gW, [[e[i] * H[j] + d[j] * x[i] for i in range(3)] for j in range(2)])),
    Claim("grad_W L matrix", r"$$\nabla_W L = h\, e^T + d\, x^T \in \mathbb{R}^{2 \times 3}.$$",
          lambda pt: (gW, madd(outer(H, e), outer(d, x)))),
]
planted = lambda pt: (gW, [[d[j] * x[i] for i in range(3)] for j in range(2)])

rng = random.Random(9010)
points = random_points(flat([x, W, b, c]) + [s], rng)

run("homework-tied-autoencoder", ".md", 41,
    r"$$\frac{\partial L}{\partial W_{ji}} = d_j\, x_i.$$",
    r"$$\frac{\partial L}{\partial W_{ji}} = e_i\, h_j + d_j\, x_i.$$",
    claims, "dL/dW_ji", planted, points)
