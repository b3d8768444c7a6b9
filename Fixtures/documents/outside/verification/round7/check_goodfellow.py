"""goodfellow.md: x in R^3, h = tanh(Wx+b) in R^2, yhat = v^T h + c, L = (yhat-y)^2/2."""
import sympy as sp
from common import *

act_ok = check_activation_rules()
pair_ok = pair_diff('goodfellow')

W, b, v, x = M(2, 3, 'W'), V(2, 'b'), V(2, 'v'), V(3, 'x')
c, y = sp.symbols('c y')
syms = list(W) + list(b) + list(v) + list(x) + [c, y]
a = W * x + b
h = a.applyfunc(th)
yh = (v.T * h)[0] + c
L = sp.Rational(1, 2) * (yh - y) ** 2

Yh = sp.Symbol('Yh'); H = V(2, 'H'); A = V(2, 'A')
g_yh = sp.diff(sp.Rational(1, 2) * (Yh - y) ** 2, Yh).xreplace({Yh: yh})
g_h = grad(sp.Rational(1, 2) * ((v.T * H)[0] + c - y) ** 2, H).xreplace(dict(zip(H, h)))
g_a = grad(sp.Rational(1, 2) * ((v.T * A.applyfunc(th))[0] + c - y) ** 2, A).xreplace(dict(zip(A, a)))
jac = sp.Matrix(2, 2, lambda i, j: sp.diff(th(A[i]), A[j])).xreplace(dict(zip(A, a)))
g_x = grad(L, x)
one = sp.ones(2, 1)
e = yh - y

ck = Checker('goodfellow', syms)
ck.claim('grad_yhat L = yhat - y', e, g_yh)
ck.claim('grad_c L = yhat - y', e, sp.diff(L, c))
ck.claim('grad_v L = (yhat-y) h', e * h, grad(L, v))
ck.claim('grad_h L = (yhat-y) v', e * v, g_h)
ck.claim('dh/da = diag(1 - h(.)h)', sp.diag(*(one - h.multiply_elementwise(h))), jac)
ck.claim('grad_a L = grad_h L (.) (1 - h(.)h)  [corrected line 35]',
         g_h.multiply_elementwise(one - h.multiply_elementwise(h)), g_a)
ck.claim('grad_a L = (I - h h^T) grad_h L  [PLANTED line 35]',
         (sp.eye(2) - h * h.T) * g_h, g_a, planted=True)
ck.claim('grad_b L = grad_a L', g_a, grad(L, b))
ck.claim('grad_W L = (grad_a L) x^T', g_a * x.T, grad(L, W))
ck.claim('grad_x L = W^T grad_a L', W.T * g_a, g_x)
ck.claim('grad_W L = (yhat-y)(v (.) (1 - h(.)h)) x^T',
         e * v.multiply_elementwise(one - h.multiply_elementwise(h)) * x.T, grad(L, W))
finish(ck, pair_ok, act_ok)
