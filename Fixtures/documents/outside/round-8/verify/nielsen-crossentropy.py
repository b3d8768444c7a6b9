from common import *

x = vec("x", 3)
y = scal("y")
w2, b2, w3, b3 = mat("w2", 2, 3), vec("b2", 2), mat("w3", 1, 2), vec("b3", 1)
s = scal("s")
sp_ = lambda z: sigmoid(z) * (1 - sigmoid(z))

a1 = x
z2, Ez2 = tap("z2", w2 * a1 + b2)
a2, Ea2 = tap("a2", emap(sigmoid, z2))
z3, Ez3 = tap("z3", w3 * a2 + b3)
a3, Ea3 = tap("a3", emap(sigmoid, M(z3)))
aL = a3
C = -(y * sp.log(aL) + (1 - y) * sp.log(1 - aL))

d3 = grad(C, Ez3)
d2 = grad(C, Ez2)

claims = [
    Claim("dC/daL", r"\frac{\partial C}{\partial a^L_j} = \frac{a^L_j - y_j}{a^L_j (1 - a^L_j)}",
          grad(C, Ea3), (aL - y) / (aL * (1 - aL))),
    Claim("sigma'(zL)", r"\sigma'(z^L_j) = a^L_j(1 - a^L_j)", sp.diff(sigmoid(s), s).subs(s, z3), aL * (1 - aL)),
    Claim("deltaL", r"\delta^L = a^L - y", d3, aL - y),
    Claim("dC/dwL", r"\frac{\partial C}{\partial w^L_{jk}} = a^{L-1}_k (a^L_j - y_j)",
          grad(C, w3), sp.Matrix(1, 2, lambda j, k: a2[k] * (aL - y))),
    Claim("dC/dbL", r"\frac{\partial C}{\partial b^L_j} = a^L_j - y_j", grad(C, b3), aL - y),
    Claim("BP2", r"\delta^2 = ((w^3)^T \delta^3) \odot \sigma'(z^2)", d2, had(w3.T * d3, emap(sp_, z2))),
    Claim("sigma'", r"\sigma'(z) = \sigma(z)(1 - \sigma(z))", sp.diff(sigmoid(s), s), sigmoid(s) * (1 - sigmoid(s))),
    Claim("dC/db2", r"\frac{\partial C}{\partial b^2} = \delta^2", grad(C, b2), d2),
    Claim("dC/dw2", r"\frac{\partial C}{\partial w^2} = \delta^2 (a^1)^T", grad(C, w2), d2 * a1.T),
]

def sample(rng):
    pt = rand_point([x, w2, b2, w3, b3, s], rng)
    pt[y] = sp.Rational(rng.randint(1, 999), 1000)
    return pt

check_pair("nielsen-crossentropy.md", "nielsen-crossentropy-corrected.md", claims,
           "BP2", r"\delta^2 = ((w^3)^T \delta^3) \odot \sigma(z^2)",
           had(w3.T * d3, emap(sigmoid, z2)), sample=sample)
