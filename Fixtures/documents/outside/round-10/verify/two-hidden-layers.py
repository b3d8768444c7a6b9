"""two-hidden-layers: x in R^2, h1 = tanh(W1 x + b1) (2), h2 = sigmoid(W2 h1 + b2) (2),
yhat = w3^T h2 + b3, L = 1/2 (yhat - y)^2."""
from common import *

c = Checker("two-hidden-layers")
c.files("md", 41)
x = vec("x", 2)
y, b3 = sp.symbols("y b3")
W1, b1 = mat("Wa", 2, 2), vec("ba", 2)
W2, b2 = mat("Wb", 2, 2), vec("bb", 2)
w3 = vec("w3", 2)
one = sp.ones(2, 1)

a1 = W1 * x + b1
h1 = ew(sp.tanh, a1)
a2 = W2 * h1 + b2
h2 = ew(sigmoid, a2)
yhat = (w3.T * h2)[0] + b3
Lf = lambda yh: sp.Rational(1, 2) * (yh - y) ** 2
L = Lf(yhat)

Yh = sp.Symbol("Yh")
d3 = sp.diff(Lf(Yh), Yh).subs(Yh, yhat)
A2 = vec("A2", 2)
d2 = grad(Lf((w3.T * ew(sigmoid, A2))[0] + b3), A2).subs(dict(zip(A2, a2)))
A1 = vec("A1", 2)
d1 = grad(Lf((w3.T * ew(sigmoid, W2 * ew(sp.tanh, A1) + b2))[0] + b3), A1).subs(dict(zip(A1, a1)))
H2 = vec("H2", 2)
dL_dh2 = grad(Lf((w3.T * H2)[0] + b3), H2).subs(dict(zip(H2, h2)))
H1 = vec("H1", 2)
dL_dh1 = grad(Lf((w3.T * ew(sigmoid, W2 * H1 + b2))[0] + b3), H1).subs(dict(zip(H1, h1)))
t = sp.Symbol("t")

c.claim("delta3 = dL/dyhat = yhat - y", yhat - y, d3)
c.claim("dL/dw3 = delta3 h2", d3 * h2, grad(L, w3))
c.claim("dL/db3 = delta3", d3, sp.diff(L, b3))
c.claim("gradient arriving at h2 = delta3 w3", d3 * w3, dL_dh2)
c.claim("sigma'(a2) = h2 (.) (1 - h2)", ew(lambda s: sp.diff(sigmoid(t), t).subs(t, s), a2), had(h2, one - h2))
c.claim("delta2 = (delta3 w3) (.) h2 (.) (1 - h2)", had(d3 * w3, h2, one - h2), d2)
c.claim("dL/dW2 = delta2 h1^T", d2 * h1.T, grad(L, W2))
c.claim("dL/db2 = delta2", d2, grad(L, b2))
c.claim("tanh'(a1) = 1 - h1 (.) h1", ew(lambda s: sp.diff(sp.tanh(t), t).subs(t, s), a1), one - had(h1, h1))
c.claim("delta1 = (W2^T delta2) (.) (1 - h1 (.) h1)", had(W2.T * d2, one - had(h1, h1)), d1)
c.claim("dL/dW1 = delta1 x^T", d1 * x.T, grad(L, W1))
c.claim("dL/db1 = delta1", d1, grad(L, b1))
c.claim("da2_i/dh1_j = (W2)_ij", W2, (W2 * H1 + b2).jacobian(H1))
c.claim("dL/dh1_j = sum_i (W2)_ij delta2_i = (W2^T delta2)_j",
        sp.Matrix([sum(W2[i, j] * d2[i] for i in range(2)) for j in range(2)]), dL_dh1)
c.claim("dL/dh1 = W2^T delta2", W2.T * d2, dL_dh1)
c.claim("shapes: delta2 h1^T and delta1 x^T are 2x2", sp.Matrix([(d2 * h1.T).shape, (d1 * x.T).shape]), sp.Matrix([[2, 2], [2, 2]]))
c.claim("six parameter gradients", 6, len([W1, b1, W2, b2, w3, b3]))
c.claim("negctl: sigma'(a2) = sigma(a2) is wrong", ew(sigmoid, a2), had(h2, one - h2), expect=False)
# planted line 41
c.claim("PLANTED delta1 = (W2 delta2) (.) (1 - h1 (.) h1)", had(W2 * d2, one - had(h1, h1)), d1, expect=False)
c.finish()
