from common import *

x, y = vec("x", 2), vec("y", 2)
w2, b2, w3, b3 = mat("w2", 2, 2), vec("b2", 2), mat("w3", 2, 2), vec("b3", 2)
s = scal("s")
sp_ = lambda z: sigmoid(z) * (1 - sigmoid(z))

a1 = x
z2, Ez2 = tap("z2", w2 * a1 + b2)
a2, Ea2 = tap("a2", emap(sigmoid, z2))
z3, Ez3 = tap("z3", w3 * a2 + b3)
a3, Ea3 = tap("a3", emap(sigmoid, z3))
C = sp.Rational(1, 2) * sum((y[j] - a3[j]) ** 2 for j in range(2))

d3 = grad(C, Ez3)  # delta^3 = dC/dz^3 (by definition)
d2 = grad(C, Ez2)

claims = [
    Claim("sigma'", r"\sigma'(z) = \sigma(z)(1 - \sigma(z))", sp.diff(sigmoid(s), s), sigmoid(s) * (1 - sigmoid(s))),
    Claim("grad_a C", r"\nabla_a C = a^L - y", grad(C, Ea3), a3 - y),
    Claim("BP1", r"\delta^L = (a^L - y) \odot \sigma'(z^L)", d3, had(a3 - y, emap(sp_, z3))),
    Claim("BP2", r"\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l), \qquad l = 2", d2,
          had(w3.T * d3, emap(sp_, z2))),
    Claim("BP2 index", r"\delta^l_j = \sum_k w^{l+1}_{kj} \delta^{l+1}_k \sigma'(z^l_j)", d2,
          sp.Matrix(2, 1, lambda j, _: sum(w3[k, j] * d3[k] for k in range(2)) * sp_(z2[j]))),
    Claim("dz/db", r"\partial z^l_j / \partial b^l_j = 1", sp.Matrix(2, 1, lambda j, _: sp.diff(z2[j], b2[j])), ones(2)),
    Claim("dz/dw", r"\partial z^l_j / \partial w^l_{jk} = a^{l-1}_k", sp.Matrix(2, 2, lambda j, k: sp.diff(z2[j], w2[j, k])),
          sp.Matrix(2, 2, lambda j, k: a1[k])),
    Claim("BP3 l=2", r"\frac{\partial C}{\partial b^l_j} = \delta^l_j, \qquad l = 2, 3", grad(C, b2), d2),
    Claim("BP3 l=3", r"\frac{\partial C}{\partial b^l_j} = \delta^l_j, \qquad l = 2, 3", grad(C, b3), d3),
    Claim("BP4 l=2", r"\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j, \qquad l = 2, 3",
          grad(C, w2), sp.Matrix(2, 2, lambda j, k: a1[k] * d2[j])),
    Claim("BP4 l=3", r"\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j, \qquad l = 2, 3",
          grad(C, w3), sp.Matrix(2, 2, lambda j, k: a2[k] * d3[j])),
    Claim("dC/dw2 outer", r"\frac{\partial C}{\partial w^2} = \delta^2 (a^1)^T", grad(C, w2), d2 * a1.T),
    Claim("dC/dw2 outer x", r"= \delta^2 x^T.", grad(C, w2), d2 * x.T),
]

check_pair("nielsen-quadratic.md", "nielsen-quadratic-corrected.md", claims,
           "BP2", r"\delta^l = (w^{l+1} \delta^{l+1}) \odot \sigma'(z^l)",
           had(w3 * d3, emap(sp_, z2)),
           sample=lambda rng: rand_point([x, y, w2, b2, w3, b3, s], rng))
