"""relu.md: x in R^2, z = W1 x + b1 in R^3, h = max(0,z), yhat = w2^T h + b2, L = (yhat-y)^2/2.
ReLU is sympy Max(0, .); its derivative from sympy.diff is Heaviside (all random points have z_j != 0)."""
import sympy as sp
from common import *

pair_ok = pair_diff('relu')

W1, b1, w2, x = M(3, 2, 'W1'), V(3, 'b1'), V(3, 'w2'), V(2, 'x')
b2, y = sp.symbols('b2 y')
syms = list(W1) + list(b1) + list(w2) + list(x) + [b2, y]
z = W1 * x + b1
relu = lambda t: sp.Max(0, t)
h = z.applyfunc(relu)
yh = (w2.T * h)[0] + b2
L = sp.Rational(1, 2) * (yh - y) ** 2
e = yh - y
ind = lambda t: sp.Piecewise((1, t > 0), (0, True))     # 1[t > 0]
Z = V(3, 'Z'); Hs = V(3, 'H'); Yh = sp.Symbol('Yh')
dh_dz_true = sp.Matrix([sp.diff(relu(Z[j]), Z[j]) for j in range(3)]).xreplace(dict(zip(Z, z)))
gh_true = grad(sp.Rational(1, 2) * ((w2.T * Hs)[0] + b2 - y) ** 2, Hs).xreplace(dict(zip(Hs, h)))
gz_true = grad(sp.Rational(1, 2) * ((w2.T * Z.applyfunc(relu))[0] + b2 - y) ** 2, Z).xreplace(dict(zip(Z, z)))
ind_z = z.applyfunc(ind)

def nonzero_z(pt, rng):
    # resample until every pre-activation is nonzero, and at least one unit is active and one inactive
    while True:
        zz = [v.xreplace(pt) for v in z]
        if all(v != 0 for v in zz) and any(v > 0 for v in zz) and any(v < 0 for v in zz):
            return pt
        for s in pt:
            pt[s] = rand_rat(rng)

ck = Checker('relu', syms, point_fn=nonzero_z)
ck.claim('dh_j/dz_j = 1[z_j > 0], j=1,2,3', ind_z, dh_dz_true)
ck.claim('dL/dyhat = yhat - y', e, sp.diff(sp.Rational(1, 2) * (Yh - y) ** 2, Yh).xreplace({Yh: yh}))
ck.claim('grad_w2 L = (yhat - y) h', e * h, grad(L, w2))
ck.claim('dL/db2 = yhat - y', e, sp.diff(L, b2))
ck.claim('grad_h L = (yhat - y) w2', e * w2, gh_true)
ck.claim('grad_z L = (yhat - y) w2 (.) 1[z > 0]  [corrected line 36]', e * w2.multiply_elementwise(ind_z), gz_true)
ck.claim('grad_z L = (yhat - y) w2 (.) max(0, z)  [PLANTED line 36]', e * w2.multiply_elementwise(h), gz_true, planted=True)
ck.claim('grad_W1 L = grad_z L x^T', gz_true * x.T, grad(L, W1))
ck.claim('grad_b1 L = grad_z L', gz_true, grad(L, b1))
ck.claim('dL/d(W1)_jk = (yhat-y)(w2)_j 1[z_j>0] x_k', sp.Matrix(3, 2, lambda j, k: e * w2[j] * ind(z[j]) * x[k]), grad(L, W1))
# rows of inactive units are zero: check row j of grad_W1 times 1[z_j < 0] is zero
ck.claim('rows of grad_W1 L with z_j < 0 are zero',
         sp.zeros(3, 2), sp.Matrix(3, 2, lambda j, k: sp.Piecewise((1, z[j] < 0), (0, True)) * sp.diff(L, W1[j, k])))
finish(ck, pair_ok)
