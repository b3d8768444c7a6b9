"""nielsen-backprop: 2 inputs -> 3 sigmoid hidden -> 3 sigmoid outputs, C = 1/2 ||y - a^3||^2."""
from common import *

c = Checker("nielsen-backprop")
c.files("md", 55)

x, y = vec("x", 2), vec("y", 3)
w2, b2 = mat("wa", 3, 2), vec("ba", 3)   # w^2, b^2
w3, b3 = mat("wb", 3, 3), vec("bb", 3)   # w^3, b^3
sig = sigmoid
dsig = lambda t: sp.diff(sig(sp.Symbol("_t")), sp.Symbol("_t")).subs(sp.Symbol("_t"), t)

z2 = w2 * x + b2
a2 = ew(sig, z2)
z3 = w3 * a2 + b3
a3 = ew(sig, z3)
cost = lambda out: sp.Rational(1, 2) * sum((y[j] - out[j]) ** 2 for j in range(3))
C = cost(a3)

# true errors delta^l = dC/dz^l, via fresh symbols for the intermediate
Z3 = vec("Z3", 3)
d3 = grad(cost(ew(sig, Z3)), Z3).subs(dict(zip(Z3, z3)))
Z2 = vec("Z2", 3)
d2 = grad(cost(ew(sig, w3 * ew(sig, Z2) + b3)), Z2).subs(dict(zip(Z2, z2)))
A3 = vec("A3", 3)
grad_a = grad(cost(A3), A3).subs(dict(zip(A3, a3)))

t = sp.Symbol("t")
c.claim("sigma'(z) = sigma(z)(1-sigma(z))", sig(t) * (1 - sig(t)), sp.diff(sig(t), t))
c.claim("C = 1/2 sum_j (y_j - a^3_j)^2 = 1/2||y-a^L||^2", (y - a3).dot(y - a3) / 2, C)
c.claim("grad_a C = a^3 - y", a3 - y, grad_a)
c.claim("delta^3 = (a^3 - y) (.) sigma'(z^3)", had(a3 - y, ew(dsig, z3)), d3)
c.claim("delta^3_j = (a^3_j - y_j) a^3_j (1 - a^3_j)",
        sp.Matrix(3, 1, lambda j, _: (a3[j] - y[j]) * a3[j] * (1 - a3[j])), d3)
c.claim("delta^2 = ((w^3)^T delta^3) (.) sigma'(z^2)", had(w3.T * d3, ew(dsig, z2)), d2)
c.claim("delta^2_k = sigma'(z^2_k) sum_j w^3_jk delta^3_j",
        sp.Matrix(3, 1, lambda k, _: dsig(z2[k]) * sum(w3[j, k] * d3[j] for j in range(3))), d2)
c.claim("dC/db^3_j = delta^3_j", d3, grad(C, b3))
c.claim("dC/db^2_j = delta^2_j", d2, grad(C, b2))
c.claim("dC/dw^3_jk = a^2_k delta^3_j", sp.Matrix(3, 3, lambda j, k: a2[k] * d3[j]), grad(C, w3))
c.claim("dC/dw^2_jk = x_k delta^2_j", sp.Matrix(3, 2, lambda j, k: x[k] * d2[j]), grad(C, w2))
c.claim("matrix form dC/dw^2 = delta^2 x^T (3x2)", d2 * x.T, grad(C, w2))
c.claim("dC/dx_k = sum_j w^2_jk delta^2_j", sp.Matrix(2, 1, lambda k, _: sum(w2[j, k] * d2[j] for j in range(3))), grad(C, x))
c.claim("parameter count 3*2+3+3*3+3 = 21", 3 * 2 + 3 + 3 * 3 + 3, len(w2) + len(b2) + len(w3) + len(b3))
c.claim("21 = number of partial derivatives", 21, len(w2) + len(b2) + len(w3) + len(b3))
# planted line 55
c.claim("PLANTED delta^2 = ((w^3)^T delta^3) (.) sigma'(z^3)", lambda: had(w3.T * d3, ew(dsig, z3)), d2, expect=False)
c.finish()
