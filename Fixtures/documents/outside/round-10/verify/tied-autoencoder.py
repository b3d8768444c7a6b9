"""tied-autoencoder: x in R^3, W in R^{2x3}, a = Wx + b, h = sigmoid(a), xhat = W^T h + c, L = 1/2||xhat - x||^2."""
from common import *

c = Checker("tied-autoencoder")
c.files("md", 46)
x = vec("x", 3)
W, b, cc = mat("W", 2, 3), vec("b", 2), vec("c", 3)
V = mat("V", 3, 2)        # untied decoder, used for the "ignoring the tying" section
one = sp.ones(2, 1)

a = W * x + b
h = ew(sigmoid, a)
xhat = W.T * h + cc
r = xhat - x
L = sp.Rational(1, 2) * r.dot(r)
tie = {V[i, j]: W[j, i] for i in range(3) for j in range(2)}
# untied model
hU = ew(sigmoid, W * x + b)
LU = sp.Rational(1, 2) * (V * hU + cc - x).dot(V * hU + cc - x)

Hs = vec("H", 2)
dL_dh = grad(sp.Rational(1, 2) * (W.T * Hs + cc - x).dot(W.T * Hs + cc - x), Hs).subs(dict(zip(Hs, h)))
As = vec("A", 2)
xh_a = W.T * ew(sigmoid, As) + cc
dL_da = grad(sp.Rational(1, 2) * (xh_a - x).dot(xh_a - x), As).subs(dict(zip(As, a)))
HsU = vec("HU", 2)
dLU_dh = grad(sp.Rational(1, 2) * (V * HsU + cc - x).dot(V * HsU + cc - x), HsU).subs(dict(zip(HsU, hU)))
delta = dL_da
t = sp.Symbol("t")

c.claim("dL/dc = r", r, grad(L, cc))
c.claim("untied: dL/dc = r", (V * hU + cc - x).subs(tie), grad(LU, cc).subs(tie))
c.claim("untied: dL/dV = r h^T (3x2)", (V * hU + cc - x) * hU.T, grad(LU, V))
c.claim("untied: dL/dh = V^T r", V.T * (V * hU + cc - x), dLU_dh)
c.claim("tied: dL/dh = W r (in R^2)", W * r, dL_dh)
c.claim("sigma'(a) = sigma(a)(1 - sigma(a))", sigmoid(t) * (1 - sigmoid(t)), sp.diff(sigmoid(t), t))
c.claim("sigma'(a) = h(1 - h)", ew(lambda s: sp.diff(sigmoid(t), t).subs(t, s), a), had(h, one - h))
c.claim("dL/da = (W r) (.) h (.) (1 - h)", had(W * r, h, one - h), dL_da)
c.claim("dL/db = delta", delta, grad(L, b))
# encoder copy of the matrix: differentiate only the encoder occurrence
We = mat("We", 2, 3)
LE = sp.Rational(1, 2) * (W.T * ew(sigmoid, We * x + b) + cc - x).dot(W.T * ew(sigmoid, We * x + b) + cc - x)
enc = grad(LE, We).subs(dict(zip(We, W)))
dec = grad(LU, V).subs(tie)
c.claim("encoder contribution = delta x^T (2x3)", delta * x.T, enc)
c.claim("decoder contribution (transposed) = h r^T", h * r.T, dec.T)
c.claim("dL/dW = h r^T + delta x^T", h * r.T + delta * x.T, grad(L, W))
c.claim("total = encoder + decoder^T", enc + dec.T, grad(L, W))
# code block
c.claim("code: dW = np.outer(h, r) + np.outer(delta, x)", h * r.T + had(W * r, h, one - h) * x.T, grad(L, W))
c.claim("negctl: encoder term alone is not the gradient", delta * x.T, grad(L, W), expect=False)
# special case W = 0
Z0 = {W[i, j]: 0 for i in range(2) for j in range(3)}
c.claim("W=0: h = sigma(b)", h.subs(Z0), ew(sigmoid, b))
c.claim("W=0: xhat = c", xhat.subs(Z0), cc)
c.claim("W=0: r = c - x", r.subs(Z0), cc - x)
c.claim("W=0: delta = 0", delta.subs(Z0), sp.zeros(2, 1))
c.claim("W=0: dL/dW = sigma(b)(c - x)^T", ew(sigmoid, b) * (cc - x).T, grad(L, W).subs(Z0))
# planted line 46
c.claim("PLANTED dL/da = W r", W * r, dL_da, expect=False)
c.finish()
