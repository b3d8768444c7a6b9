"""Verify goodfellow-softmax-weightdecay: 3-2-3 tanh/softmax network,
J = -log yhat_y + lambda * sum of squared weights."""
import random
import sympy as sp
from common import *

x = vec("x", 3)
t = vec("t", 3)                 # one-hot e^{(y)}, fixed to 0/1 at each point
W1, b1 = mat("W1", 2, 3), vec("b1", 2)
W2, b2 = mat("W2", 3, 2), vec("b2", 3)
lam = sp.Symbol("lambda", positive=True)
e1, eh, e2 = vec("ea1", 2), vec("eh", 2), vec("ea2", 3)
EPS = [e1, eh, e2]
zz = vec("z", 3)
zt = sp.Symbol("zeta", real=True)

a1 = [b1[i] + sum(W1[i][j] * x[j] for j in range(3)) + e1[i] for i in range(2)]
h1 = [sp.tanh(v) + eh[i] for i, v in enumerate(a1)]
a2 = [b2[i] + sum(W2[i][j] * h1[j] for j in range(2)) + e2[i] for i in range(3)]
yhat = softmax(a2)
Omega = sum(v ** 2 for v in flat(W1)) + sum(v ** 2 for v in flat(W2))
J = -sum(t[i] * sp.log(yhat[i]) for i in range(3)) + lam * Omega

H1, YH = at0(h1, EPS), at0(yhat, EPS)
g_a2, g_b2, g_W2 = grad(J, e2, EPS), grad(J, b2, EPS), grad(J, W2, EPS)
g_h1, g_a1 = grad(J, eh, EPS), grad(J, e1, EPS)
g_b1, g_W1 = grad(J, b1, EPS), grad(J, W1, EPS)
r = [YH[i] - t[i] for i in range(3)]
logsm = sum(t[i] * sp.log(softmax(zz)[i]) for i in range(3))

claims = [
    Claim("d log softmax", r"\log \mathrm{softmax}(\boldsymbol{z})_y = \mathbf{1}_{i = y} - \mathrm{softmax}(\boldsymbol{z})_i.$$",
          lambda pt: ([sp.diff(logsm, zz[i]) for i in range(3)],
                      [t[i] - softmax(zz)[i] for i in range(3)])),
    Claim("tanh'", r"$$\tanh'(z) = 1 - \tanh^2(z).$$",
          lambda pt: (sp.diff(sp.tanh(zt), zt), 1 - sp.tanh(zt) ** 2)),
    Claim("grad a2", r"$$\nabla_{\boldsymbol{a}^{(2)}} J = \hat{\boldsymbol{y}} - \boldsymbol{e}^{(y)}.$$",
          lambda pt: (g_a2, r)),
    Claim("grad Omega", r"$\nabla_{\boldsymbol{W}^{(k)}} \Omega(\boldsymbol{\theta}) = 2 \boldsymbol{W}^{(k)}$",
          lambda pt: ([grad(Omega, W1), grad(Omega, W2)], [scal(2, W1), scal(2, W2)])),
    Claim("grad b2", r"$$\nabla_{\boldsymbol{b}^{(2)}} J = \hat{\boldsymbol{y}} - \boldsymbol{e}^{(y)},$$",
          lambda pt: (g_b2, r)),
    Claim("grad W2", r"$$\nabla_{\boldsymbol{W}^{(2)}} J = (\hat{\boldsymbol{y}} - \boldsymbol{e}^{(y)})\, \boldsymbol{h}^{(1)\top} + 2\lambda \boldsymbol{W}^{(2)},$$",
          lambda pt: (g_W2, madd(outer(r, H1), scal(2 * lam, W2)))),
    Claim("grad h1", r"$$\nabla_{\boldsymbol{h}^{(1)}} J = \boldsymbol{W}^{(2)\top} (\hat{\boldsymbol{y}} - \boldsymbol{e}^{(y)}).$$",
          lambda pt: (g_h1, matvec(T(W2), r))),
    Claim("grad a1", r"\odot \left(\boldsymbol{1} - \boldsymbol{h}^{(1)} \odot \boldsymbol{h}^{(1)}\right),$$",
          lambda pt: (g_a1, had(g_h1, [1 - v * v for v in H1]))),
    Claim("grad b1", r"$$\nabla_{\boldsymbol{b}^{(1)}} J = \nabla_{\boldsymbol{a}^{(1)}} J,$$",
          lambda pt: (g_b1, g_a1)),
    Claim("grad W1", r"\boldsymbol{x}^\top + 2\lambda \boldsymbol{W}^{(1)}.$$",
          lambda pt: (g_W1, madd(outer(g_a1, x), scal(2 * lam, W1)))),
]
planted = lambda pt: (g_W1, madd(outer(g_a1, x), scal(lam, W1)))

rng = random.Random(9004)
syms = flat([x, W1, b1, W2, b2, zz]) + [zt]
points = []
for pt in random_points(syms, rng):
    cls = rng.randrange(3)
    pt.update({t[i]: int(i == cls) for i in range(3)})
    pt[lam] = sp.Rational(rng.randint(1, 500), 1000)
    points.append(pt)

run("goodfellow-softmax-weightdecay", ".md", 47,
    r"\boldsymbol{x}^\top + \lambda \boldsymbol{W}^{(1)}.$$",
    r"\boldsymbol{x}^\top + 2\lambda \boldsymbol{W}^{(1)}.$$",
    claims, "grad W1", planted, points)
