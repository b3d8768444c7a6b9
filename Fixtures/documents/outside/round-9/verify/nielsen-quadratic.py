"""Verify nielsen-quadratic(.md / -corrected.md): 2-3-2 sigmoid network,
quadratic cost, Nielsen notation (w^l_{jk}: from neuron k in l-1 to j in l)."""
import random
import sympy as sp
from common import *

x, y = vec("x", 2), vec("y", 2)
w2, b2 = mat("wA", 3, 2), vec("bA", 3)      # w^2, b^2
w3, b3 = mat("wB", 2, 3), vec("bB", 2)      # w^3, b^3
e2, e3, ea = vec("e2", 3), vec("e3", 2), vec("ea", 2)   # perturbations
z = sp.Symbol("z", real=True)
EPS = [e2, e3, ea]

z2 = [sum(w2[j][k] * x[k] for k in range(2)) + b2[j] + e2[j] for j in range(3)]
a2 = [sigmoid(v) for v in z2]
z3 = [sum(w3[j][k] * a2[k] for k in range(3)) + b3[j] + e3[j] for j in range(2)]
a3 = [sigmoid(v) + ea[j] for j, v in enumerate(z3)]
C = sp.Rational(1, 2) * sum((y[j] - a3[j]) ** 2 for j in range(2))

Z2, A2, Z3, A3 = at0(z2, EPS), at0(a2, EPS), at0(z3, EPS), at0(a3, EPS)
sp_ = dsigmoid  # sigma'
dC_da = grad(C, ea, EPS)
delta3_true = grad(C, e3, EPS)
delta2_true = grad(C, e2, EPS)
dC_db = {2: grad(C, b2, EPS), 3: grad(C, b3, EPS)}
dC_dw = {2: grad(C, w2, EPS), 3: grad(C, w3, EPS)}
delta = {2: delta2_true, 3: delta3_true}
act = {1: x, 2: A2}

delta3 = [(A3[j] - y[j]) * sp_(Z3[j]) for j in range(2)]
delta2 = [sum(w3[k][j] * delta3[k] for k in range(2)) * sp_(Z2[j]) for j in range(3)]

claims = [
    Claim("sigma'", r"$$\sigma'(z) = \sigma(z)(1-\sigma(z)).$$",
          lambda pt: (sp.diff(sigmoid(z), z), sigmoid(z) * (1 - sigmoid(z)))),
    Claim("grad_a C", r"$$\nabla_a C = a^L - y.$$",
          lambda pt: (dC_da, [A3[j] - y[j] for j in range(2)])),
    Claim("BP1 (first form)", r"$$\delta^L = \nabla_a C \odot \sigma'(z^L)",
          lambda pt: (delta3_true, had(dC_da, [sp_(v) for v in Z3]))),
    Claim("BP1 (second form)", r"= (a^L - y) \odot \sigma'(z^L).$$",
          lambda pt: (delta3_true, delta3)),
    Claim("BP1 components", r"$$\delta^3_j = (a^3_j - y_j)\, \sigma'(z^3_j), \qquad j = 1, 2.$$",
          lambda pt: (delta3_true, [(A3[j] - y[j]) * sp_(Z3[j]) for j in range(2)])),
    Claim("BP2", r"$$\delta^2 = \left((w^3)^T \delta^3\right) \odot \sigma'(z^2).$$",
          lambda pt: (delta2_true,
                      had(matvec(T(w3), delta3_true), [sp_(v) for v in Z2]))),
    Claim("BP3", r"$$\frac{\partial C}{\partial b^l_j} = \delta^l_j,$$",
          lambda pt: ([dC_db[2], dC_db[3]], [delta[2], delta[3]])),
    Claim("BP4", r"$$\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j.$$",
          lambda pt: ([dC_dw[2], dC_dw[3]],
                      [[[act[l - 1][k] * delta[l][j] for k in range(len(act[l - 1]))]
                        for j in range(len(delta[l]))] for l in (2, 3)])),
    Claim("BP4 matrix, output layer", r"$$\frac{\partial C}{\partial w^3} = \delta^3 (a^2)^T,$$",
          lambda pt: (dC_dw[3], outer(delta3_true, A2))),
    Claim("BP4 first layer", r"$$\frac{\partial C}{\partial w^2_{jk}} = x_k \delta^2_j.$$",
          lambda pt: (dC_dw[2], [[x[k] * delta2_true[j] for k in range(2)] for j in range(3)])),
]

planted = lambda pt: (delta2_true,
                      had(matvec(T(w3), delta3_true), [sigmoid(v) for v in Z2]))

rng = random.Random(9001)
syms = flat([x, y, w2, b2, w3, b3]) + [z]
points = random_points(syms, rng)

run("nielsen-quadratic", ".md", 49,
    r"\odot \sigma(z^2).$$", r"\odot \sigma'(z^2).$$",
    claims, "BP2", planted, points)
