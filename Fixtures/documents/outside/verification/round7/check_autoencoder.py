"""autoencoder.tex: tied weights. x in R^3, a = Wx + b, h = sigma(a) in R^2, xhat = W^T h + c, L = ||xhat - x||^2/2."""
import sympy as sp
from common import *

act_ok = check_activation_rules()
pair_ok = pair_diff('autoencoder', 'tex')
W, b, c, x = M(2, 3, 'W'), V(2, 'b'), V(3, 'c'), V(3, 'x')
Vd = M(3, 2, 'V')
syms = list(W) + list(b) + list(c) + list(x) + list(Vd)
a = W * x + b; h = a.applyfunc(sig); xh = W.T * h + c
r = xh - x
L = sp.Rational(1, 2) * sum(ri ** 2 for ri in r)
Xh = V(3, 'Xh'); Hs = V(2, 'H'); A = V(2, 'A')
Lx = lambda xx: sp.Rational(1, 2) * sum((xx[i] - x[i]) ** 2 for i in range(3))
g_xh = grad(Lx(Xh), Xh).xreplace(dict(zip(Xh, xh)))
g_h = grad(Lx(W.T * Hs + c), Hs).xreplace(dict(zip(Hs, h)))
delta_true = grad(Lx(W.T * A.applyfunc(sig) + c), A).xreplace(dict(zip(A, a)))
# untied model
hu = (W * x + b).applyfunc(sig); xu = Vd * hu + c; ru = xu - x
Lu = Lx(xu)
one = sp.ones(2, 1)

ck = Checker('autoencoder', syms)
ck.claim('grad_xhat L = r  (eq:gxhat)', r, g_xh)
ck.claim('grad_c L = r  (eq:gc)', r, grad(L, c))
ck.claim('grad_h L = W r  (eq:gh)', W * r, g_h)
ck.claim('delta = grad_a L = (W r) o h o (1 - h)  (eq:delta)', (W * r).multiply_elementwise(h).multiply_elementwise(one - h), delta_true)
ck.claim('grad_b L = delta  (eq:gb)', delta_true, grad(L, b))
ck.claim('untied: grad_V L = r h^T  (eq:gV)', ru * hu.T, grad(Lu, Vd))
ck.claim('grad_W L = h r^T + delta x^T  (eq:gW)  [corrected line 59]', h * r.T + delta_true * x.T, grad(L, W))
ck.claim('grad_W L = delta x^T  (eq:gW)  [PLANTED line 59]', delta_true * x.T, grad(L, W), planted=True)
ck.claim('dL/dW_ji = h_j r_i + delta_j x_i  (eq:gWentry)', sp.Matrix(2, 3, lambda j, i: h[j] * r[i] + delta_true[j] * x[i]), grad(L, W))
finish(ck, pair_ok, act_ok)
