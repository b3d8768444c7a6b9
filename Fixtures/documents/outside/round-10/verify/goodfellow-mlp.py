"""goodfellow-mlp: x in R^2 -> tanh (3) -> identity (2), L = 1/2||yhat-y||^2,
J = L + lam*Omega, Omega = 1/2(||W1||_F^2 + ||W2||_F^2) (weights only)."""
from common import *

c = Checker("goodfellow-mlp")
c.files("md", 31)

x, y = vec("x", 2), vec("y", 2)
W1, b1 = mat("Wa", 3, 2), vec("ba", 3)
W2, b2 = mat("Wb", 2, 3), vec("bb", 2)
lam = sp.Symbol("lam")

a1 = b1 + W1 * x
h1 = ew(sp.tanh, a1)
a2 = b2 + W2 * h1
yhat = a2
Lf = lambda out: sp.Rational(1, 2) * (out - y).dot(out - y)
Omega = sp.Rational(1, 2) * (fsum(ew(lambda t: t**2, W1)) + fsum(ew(lambda t: t**2, W2)))
J = Lf(yhat) + lam * Omega
fsq = lambda M: fsum(ew(lambda t: t**2, M))

# true gradients w.r.t. intermediates via fresh symbols
Y = vec("Yh", 2)
g_yhat = grad(Lf(Y) + lam * Omega, Y).subs(dict(zip(Y, yhat)))
A2 = vec("A2", 2)
g_a2 = grad(Lf(A2) + lam * Omega, A2).subs(dict(zip(A2, a2)))
H1 = vec("H1", 3)
g_h1 = grad(Lf(b2 + W2 * H1) + lam * Omega, H1).subs(dict(zip(H1, h1)))
A1 = vec("A1", 3)
g_a1 = grad(Lf(b2 + W2 * ew(sp.tanh, A1)) + lam * Omega, A1).subs(dict(zip(A1, a1)))
g1 = g_a1
t = sp.Symbol("t")

c.claim("Omega = 1/2(||W1||_F^2+||W2||_F^2)", (fsq(W1) + fsq(W2)) / 2, Omega)
c.claim("grad_W1 Omega = W1", W1, grad(Omega, W1))
c.claim("grad_W2 Omega = W2", W2, grad(Omega, W2))
c.claim("grad_b1 Omega = 0", sp.zeros(3, 1), grad(Omega, b1))
c.claim("grad_b2 Omega = 0", sp.zeros(2, 1), grad(Omega, b2))
c.claim("g <- grad_yhat J = grad_yhat L = yhat - y", yhat - y, g_yhat)
c.claim("grad_yhat L = grad_yhat J", grad(Lf(Y), Y).subs(dict(zip(Y, yhat))), g_yhat)
# generic algorithm 6.4 statements, instantiated for k = 2 and k = 1
c.claim("k=2: grad_a2 J = g (.) f2'(a2) with f2 = id", had(g_yhat, sp.ones(2, 1)), g_a2)
c.claim("k=1: grad_a1 J = grad_h1 J (.) tanh'(a1)", had(g_h1, ew(lambda s: sp.diff(sp.tanh(t), t).subs(t, s), a1)), g_a1)
c.claim("k=2: grad_b2 J = g + lam grad_b2 Omega", g_a2 + lam * grad(Omega, b2), grad(J, b2))
c.claim("k=1: grad_b1 J = g + lam grad_b1 Omega", g_a1 + lam * grad(Omega, b1), grad(J, b1))
c.claim("k=2: grad_W2 J = g h1^T + lam grad_W2 Omega", g_a2 * h1.T + lam * grad(Omega, W2), grad(J, W2))
c.claim("k=1: grad_W1 J = g h0^T + lam grad_W1 Omega", g_a1 * x.T + lam * grad(Omega, W1), grad(J, W1))
c.claim("k=2: grad_h1 J = W2^T g", W2.T * g_a2, g_h1)
c.claim("k=1: grad_h0 J = grad_x J = W1^T g", W1.T * g_a1, grad(J, x))
# unrolled
c.claim("grad_a2 J = yhat - y", yhat - y, g_a2)
c.claim("grad_b2 J = yhat - y", yhat - y, grad(J, b2))
c.claim("grad_W2 J = (yhat-y) h1^T + lam W2", (yhat - y) * h1.T + lam * W2, grad(J, W2))
c.claim("grad_h1 J = W2^T (yhat - y)", W2.T * (yhat - y), g_h1)
c.claim("tanh'(a) = 1 - tanh^2(a)", 1 - sp.tanh(t) ** 2, sp.diff(sp.tanh(t), t))
c.claim("grad_a1 J = (W2^T(yhat-y)) (.) (1 - h1(.)h1)", had(W2.T * (yhat - y), sp.ones(3, 1) - had(h1, h1)), g_a1)
c.claim("grad_b1 J = g1", g1, grad(J, b1))
c.claim("grad_W1 J = g1 x^T + lam W1", g1 * x.T + lam * W1, grad(J, W1))
c.claim("grad_x J = W1^T g1", W1.T * g1, grad(J, x))
c.claim("g1 x^T is 3x2 like W1", sp.Matrix([(g1 * x.T).shape]), sp.Matrix([W1.shape]))
c.claim("(yhat-y) h1^T is 2x3 like W2", sp.Matrix([((yhat - y) * h1.T).shape]), sp.Matrix([W2.shape]))
# remark: Omega does not depend on activations -> no lam term in grad_h1 / grad_x
c.claim("remark: weight decay does not flow back (grad_h1 J has no lam)", sp.diff(g_h1, lam), sp.zeros(3, 1))
# planted line 31
c.claim("PLANTED grad_W Omega = 2 W (k=1)", 2 * W1, grad(Omega, W1), expect=False)
c.claim("PLANTED grad_W Omega = 2 W (k=2)", 2 * W2, grad(Omega, W2), expect=False)
c.finish()
