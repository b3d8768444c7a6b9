"""nielsen-cross-entropy: 3 inputs -> 2 sigmoid hidden -> 2 sigmoid outputs (L = 3),
C = -sum_j [y_j ln a^L_j + (1-y_j) ln(1-a^L_j)]."""
from common import *

c = Checker("nielsen-cross-entropy")
c.files("md", 40)
x, y = vec("x", 3), vec("y", 2)
w2, b2 = mat("wa", 2, 3), vec("ba", 2)
w3, b3 = mat("wb", 2, 2), vec("bb", 2)
t = sp.Symbol("t")
dsig = lambda v: sp.diff(sigmoid(t), t).subs(t, v)
# y_j in [0,1]
c.sampler = {y[j]: (lambda rng: sp.Rational(rng.randint(1, 999), 1000)) for j in range(2)}

z2 = w2 * x + b2
a2 = ew(sigmoid, z2)
z3 = w3 * a2 + b3
a3 = ew(sigmoid, z3)
CE = lambda out: -sum(y[j] * sp.log(out[j]) + (1 - y[j]) * sp.log(1 - out[j]) for j in range(2))
CQ = lambda out: sp.Rational(1, 2) * sum((y[j] - out[j]) ** 2 for j in range(2))
C = CE(a3)

As = vec("A", 2)
dC_da = grad(CE(As), As).subs(dict(zip(As, a3)))
Z3 = vec("Z3", 2)
d3 = grad(CE(ew(sigmoid, Z3)), Z3).subs(dict(zip(Z3, z3)))
Z2 = vec("Z2", 2)
d2 = grad(CE(ew(sigmoid, w3 * ew(sigmoid, Z2) + b3)), Z2).subs(dict(zip(Z2, z2)))

c.claim("forward z^l = w^l a^(l-1) + b^l with a^1 = x", z2, w2 * x + b2)
c.claim("dC/da^L_j = -y_j/a_j + (1-y_j)/(1-a_j)", sp.Matrix([-y[j] / a3[j] + (1 - y[j]) / (1 - a3[j]) for j in range(2)]), dC_da)
c.claim("... = (a_j - y_j)/(a_j(1 - a_j))", sp.Matrix([(a3[j] - y[j]) / (a3[j] * (1 - a3[j])) for j in range(2)]), dC_da)
c.claim("sigma'(z^L_j) = a^L_j(1 - a^L_j)", ew(dsig, z3), sp.Matrix([a3[j] * (1 - a3[j]) for j in range(2)]))
c.claim("BP1: delta^L_j = dC/da^L_j sigma'(z^L_j)", had(dC_da, ew(dsig, z3)), d3)
c.claim("delta^L_j = a^L_j - y_j", a3 - y, d3)
c.claim("dC/dw^L_jk = a^(L-1)_k (a^L_j - y_j)", sp.Matrix(2, 2, lambda j, k: a2[k] * (a3[j] - y[j])), grad(C, w3))
c.claim("dC/db^L_j = a^L_j - y_j", a3 - y, grad(C, b3))
c.claim("quadratic: dC_Q/dw^L_jk = a^(L-1)_k (a^L_j - y_j) sigma'(z^L_j)",
        sp.Matrix(2, 2, lambda j, k: a2[k] * (a3[j] - y[j]) * dsig(z3[j])), grad(CQ(a3), w3))
c.claim("BP2: delta^2 = ((w^3)^T delta^3) (.) sigma'(z^2)", had(w3.T * d3, ew(dsig, z2)), d2)
c.claim("dC/dw^2_jk = x_k delta^2_j", sp.Matrix(2, 3, lambda j, k: x[k] * d2[j]), grad(C, w2))
# remark: softmax output + log-likelihood, one-hot y
for cls in range(2):
    yoh = [1 if j == cls else 0 for j in range(2)]
    soft = [sp.exp(Z3[j]) / sum(sp.exp(Z3[m]) for m in range(2)) for j in range(2)]
    LL = -sp.log(soft[cls])
    c.claim("remark: softmax + (-ln a^L_y): delta^L_j = a^L_j - y_j (class %d)" % (cls + 1),
            sp.Matrix([soft[j] - yoh[j] for j in range(2)]), grad(LL, Z3))
# planted line 40
c.claim("PLANTED dC/dw^L_jk = a^(L-1)_k (a^L_j - y_j) sigma'(z^L_j)",
        sp.Matrix(2, 2, lambda j, k: a2[k] * (a3[j] - y[j]) * dsig(z3[j])), grad(C, w3), expect=False)
c.finish()
