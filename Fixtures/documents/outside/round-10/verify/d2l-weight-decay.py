"""d2l-weight-decay: x in R^2, z = W1 x (3), h = sigmoid(z), o = W2 h (2), L = 1/2||o-y||^2,
s = lam/2(||W1||_F^2 + ||W2||_F^2), J = L + s. No biases."""
from common import *

c = Checker("d2l-weight-decay")
c.files("md", 61)
x, y = vec("x", 2), vec("y", 2)
W1, W2 = mat("Wa", 3, 2), mat("Wb", 2, 3)
lam = sp.Symbol("lam")
phi = sigmoid
t = sp.Symbol("t")
dphi = lambda v: sp.diff(phi(t), t).subs(t, v)
sq = lambda M: fsum(ew(lambda e: e**2, M))

z = W1 * x
h = ew(phi, z)
o = W2 * h
Lf = lambda out: sp.Rational(1, 2) * (out - y).dot(out - y)
s = lam / 2 * (sq(W1) + sq(W2))
J = Lf(o) + s

O = vec("O", 2)
dJ_do = grad(Lf(O) + s, O).subs(dict(zip(O, o)))
dL_do = grad(Lf(O), O).subs(dict(zip(O, o)))
Hs = vec("H", 3)
dJ_dh = grad(Lf(W2 * Hs) + s, Hs).subs(dict(zip(Hs, h)))
Zs = vec("Z", 3)
dJ_dz = grad(Lf(W2 * ew(phi, Zs)) + s, Zs).subs(dict(zip(Zs, z)))
Ls, Ss = sp.symbols("Lsym Ssym")

c.claim("dJ/dL = 1, dJ/ds = 1", sp.Matrix([1, 1]), sp.Matrix([sp.diff(Ls + Ss, Ls), sp.diff(Ls + Ss, Ss)]))
c.claim("dJ/do = dL/do", dL_do, dJ_do)
c.claim("dJ/do = o - y (in R^2)", o - y, dJ_do)
c.claim("ds/dW1 = lam W1", lam * W1, grad(s, W1))
c.claim("ds/dW2 = lam W2", lam * W2, grad(s, W2))
c.claim("dJ/dW2 = dJ/do h^T + lam W2 (2x3)", dJ_do * h.T + lam * W2, grad(J, W2))
c.claim("dJ/dh = W2^T dJ/do (in R^3)", W2.T * dJ_do, dJ_dh)
c.claim("dJ/dz = dJ/dh (.) phi'(z) (in R^3)", had(dJ_dh, ew(dphi, z)), dJ_dz)
c.claim("phi'(z) = h (.) (1 - h)", ew(dphi, z), had(h, sp.ones(3, 1) - h))
c.claim("dJ/dW1 = dJ/dz x^T + lam W1 (3x2)", dJ_dz * x.T + lam * W1, grad(J, W1))
# planted line 61
c.claim("PLANTED dJ/dz = dJ/dh (.) phi'(h)", had(dJ_dh, ew(dphi, h)), dJ_dz, expect=False)
c.finish()
