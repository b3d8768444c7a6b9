"""Verify goodfellow-relu-regression: h = relu(W^T x + c), yhat = w^T h + b,
J = 1/2 (yhat - y)^2, W in R^{2x2}."""
import random
import sympy as sp
from common import *

x, y = vec("x", 2), sp.Symbol("y", real=True)
W, c = mat("W", 2, 2), vec("c", 2)
w, b = vec("w", 2), sp.Symbol("b", real=True)
eu, eh, ey = vec("eu", 2), vec("eh", 2), sp.Symbol("ey", real=True)
ex = vec("ex", 2)
EPS = [eu, eh, [ey], ex]

xx = [x[i] + ex[i] for i in range(2)]
u = [sum(W[i][j] * xx[i] for i in range(2)) + c[j] + eu[j] for j in range(2)]
h = [relu(v) + eh[j] for j, v in enumerate(u)]
yhat = sum(w[j] * h[j] for j in range(2)) + b + ey
J = sp.Rational(1, 2) * (yhat - y) ** 2

U, H, YH = at0(u, EPS), at0(h, EPS), at0(yhat, EPS)
g_yhat = grad(J, ey, EPS)
g_w, g_b, g_h = grad(J, w, EPS), grad(J, b, EPS), grad(J, eh, EPS)
g_u, g_c, g_W, g_x = grad(J, eu, EPS), grad(J, c, EPS), grad(J, W, EPS), grad(J, ex, EPS)

claims = [
    Claim("grad_yhat", r"$$\nabla_{\hat{y}} J = \hat{y} - y.$$",
          lambda pt: (g_yhat, YH - y)),
    Claim("grad_w", r"$$\nabla_{\boldsymbol{w}} J = (\hat{y} - y)\, \boldsymbol{h},$$",
          lambda pt: (g_w, [(YH - y) * H[j] for j in range(2)])),
    Claim("grad_b", r"$$\nabla_{b} J = \hat{y} - y,$$",
          lambda pt: (g_b, YH - y)),
    Claim("grad_h", r"$$\nabla_{\boldsymbol{h}} J = (\hat{y} - y)\, \boldsymbol{w}.$$",
          lambda pt: (g_h, [(YH - y) * w[j] for j in range(2)])),
    Claim("grad_u", r"$$\nabla_{\boldsymbol{u}} J = \nabla_{\boldsymbol{h}} J \odot g'(\boldsymbol{u}).$$",
          lambda pt: (g_u, had(g_h, [relu_prime(v) for v in U]))),
    Claim("grad_c", r"$$\nabla_{\boldsymbol{c}} J = \nabla_{\boldsymbol{u}} J.$$",
          lambda pt: (g_c, g_u)),
    Claim("dJ/dW_ij index form", r"$\partial J / \partial W_{i,j} = x_i \, \partial J / \partial u_j$",
          lambda pt: (g_W, [[x[i] * g_u[j] for j in range(2)] for i in range(2)])),
    Claim("grad_W", r"$$\nabla_{\boldsymbol{W}} J = \boldsymbol{x} \left(\nabla_{\boldsymbol{u}} J\right)^\top.$$",
          lambda pt: (g_W, outer(x, g_u))),
    Claim("grad_x", r"$$\nabla_{\boldsymbol{x}} J = \boldsymbol{W} \nabla_{\boldsymbol{u}} J.$$",
          lambda pt: (g_x, matvec(W, g_u))),
]
planted = lambda pt: (g_W, outer(g_u, x))

rng = random.Random(9003)
syms = flat([x, y, W, c, w, b])
# away from the ReLU kink, and at least one active unit (otherwise every
# gradient below the output layer is identically zero)
ok = lambda pt: (all(abs(v.xreplace(pt)) > sp.Rational(1, 20) for v in U)
                 and any(v.xreplace(pt) > 0 for v in U))
points = random_points(syms, rng, ok=ok)
# make sure both ReLU branches are exercised somewhere
assert any(v.xreplace(pt) < 0 for pt in points for v in U)
assert any(v.xreplace(pt) > 0 for pt in points for v in U)

run("goodfellow-relu-regression", ".md", 43,
    r"= \left(\nabla_{\boldsymbol{u}} J\right) \boldsymbol{x}^\top.$$",
    r"= \boldsymbol{x} \left(\nabla_{\boldsymbol{u}} J\right)^\top.$$",
    claims, "grad_W", planted, points)
