"""d2l-weightdecay.tex: x in R^2, z = W1 x (3), h = sigmoid(z), o = W2 h (2), L = ||o-y||^2/2,
s = lam/2 (||W1||_F^2 + ||W2||_F^2), J = L + s."""
import sympy as sp
from common import *

act_ok = check_activation_rules()
pair_ok = pair_diff('d2l-weightdecay', 'tex')
W1, W2, x, y = M(3, 2, 'W1'), M(2, 3, 'W2'), V(2, 'x'), V(2, 'y')
lam = sp.Symbol('lam')
syms = list(W1) + list(W2) + list(x) + list(y) + [lam]
z = W1 * x; h = z.applyfunc(sig); o = W2 * h
Lf = lambda oo: sp.Rational(1, 2) * sum((oo[i] - y[i]) ** 2 for i in range(2))
L = Lf(o)
s = lam / 2 * (sum(w ** 2 for w in W1) + sum(w ** 2 for w in W2))
J = L + s
Ls, Ss = sp.symbols('Ls Ss')
O = V(2, 'O'); Hs = V(3, 'H'); Zs = V(3, 'Z')
g_o = grad(Lf(O), O).xreplace(dict(zip(O, o)))
g_h = grad(Lf(W2 * Hs), Hs).xreplace(dict(zip(Hs, h)))
g_z = grad(Lf(W2 * Zs.applyfunc(sig)), Zs).xreplace(dict(zip(Zs, z)))
u = sp.Symbol('u')

ck = Checker('d2l-weightdecay', syms)
ck.claim('dJ/dL = 1, dJ/ds = 1', sp.Matrix([1, 1]), sp.Matrix([sp.diff(Ls + Ss, Ls), sp.diff(Ls + Ss, Ss)]))
ck.claim('dJ/do = o - y  (eq:do)', o - y, g_o)
ck.claim('ds/dW1 = lam W1  (eq:ds1)', lam * W1, grad(s, W1))
ck.claim('ds/dW2 = lam W2  (eq:ds2)', lam * W2, grad(s, W2))
ck.claim('dJ/dW2 = dJ/do h^T + lam W2  (eq:dW2)', g_o * h.T + lam * W2, grad(J, W2))
ck.claim('dJ/dh = W2^T dJ/do  (eq:dh)', W2.T * g_o, g_h)
ck.claim("phi'(z) = phi(z)(1 - phi(z))", z.applyfunc(lambda t: sig(t) * (1 - sig(t))), z.applyfunc(lambda t: sp.diff(sig(u), u).xreplace({u: t})))
ck.claim("dJ/dz = dJ/dh (.) phi'(z)  (eq:dz)", g_h.multiply_elementwise(z.applyfunc(lambda t: sp.diff(sig(u), u).xreplace({u: t}))), g_z)
ck.claim('dJ/dz = dJ/dh (.) h (.) (1 - h)  (eq:dz)', g_h.multiply_elementwise(h).multiply_elementwise(sp.ones(3, 1) - h), g_z)
ck.claim('dJ/dW1 = dJ/dz x^T + lam W1  (eq:dW1)  [corrected line 73]', g_z * x.T + lam * W1, grad(J, W1))
ck.claim('dJ/dW1 = dJ/dz x^T + 2 lam W1  (eq:dW1)  [PLANTED line 73]', g_z * x.T + 2 * lam * W1, grad(J, W1), planted=True)
finish(ck, pair_ok, act_ok)
