"""index.md: x_i (i=1..3), z_j = sum_i u_ji x_i + b_j, h_j = sigma(z_j) (j=1,2),
y_k = sum_j w_kj h_j + c_k (k=1,2), L = 1/2 sum_k (y_k - t_k)^2."""
import sympy as sp
from common import *

act_ok = check_activation_rules()
pair_ok = pair_diff('index')

u, b, w, c = M(2, 3, 'u'), V(2, 'b'), M(2, 2, 'w'), V(2, 'c')
x, t = V(3, 'x'), V(2, 't')
syms = list(u) + list(b) + list(w) + list(c) + list(x) + list(t)
z = [sum(u[j, i] * x[i] for i in range(3)) + b[j] for j in range(2)]
h = [sig(z[j]) for j in range(2)]
yy = [sum(w[k, j] * h[j] for j in range(2)) + c[k] for k in range(2)]
L = sp.Rational(1, 2) * sum((yy[k] - t[k]) ** 2 for k in range(2))

Y = V(2, 'Y'); Hs = V(2, 'H'); Zs = V(2, 'Z')
LY = sp.Rational(1, 2) * sum((Y[k] - t[k]) ** 2 for k in range(2))
d2_true = [sp.diff(LY, Y[k]).xreplace(dict(zip(Y, yy))) for k in range(2)]
LH = sp.Rational(1, 2) * sum((sum(w[k, j] * Hs[j] for j in range(2)) + c[k] - t[k]) ** 2 for k in range(2))
dh_true = [sp.diff(LH, Hs[j]).xreplace(dict(zip(Hs, h))) for j in range(2)]
LZ = LH.xreplace({Hs[j]: sig(Zs[j]) for j in range(2)})
d1_true = [sp.diff(LZ, Zs[j]).xreplace(dict(zip(Zs, z))) for j in range(2)]
zs = sp.Symbol('s')
sp_true = [sp.diff(sig(zs), zs).xreplace({zs: z[j]}) for j in range(2)]

ck = Checker('index', syms)
ck.claim('dh_j/dz_j = h_j(1-h_j), j=1,2', sp.Matrix([h[j] * (1 - h[j]) for j in range(2)]), sp.Matrix(sp_true))
ck.claim('delta2_k = y_k - t_k, k=1,2', sp.Matrix([yy[k] - t[k] for k in range(2)]), sp.Matrix(d2_true))
ck.claim('dL/dw_kj = delta2_k h_j, all k,j', sp.Matrix(2, 2, lambda k, j: d2_true[k] * h[j]), grad(L, w))
ck.claim('dL/dc_k = delta2_k', sp.Matrix(d2_true), grad(L, c))
ck.claim('dL/dh_j = sum_k (dL/dy_k)(dy_k/dh_j)',
         sp.Matrix([sum(d2_true[k] * sp.diff(sum(w[k, jj] * Hs[jj] for jj in range(2)) + c[k], Hs[j])
                        for k in range(2)) for j in range(2)]), sp.Matrix(dh_true))
ck.claim('dL/dh_j = sum_k w_kj delta2_k', sp.Matrix([sum(w[k, j] * d2_true[k] for k in range(2)) for j in range(2)]),
         sp.Matrix(dh_true))
ck.claim('delta1_j = h_j(1-h_j) sum_k w_kj delta2_k  [corrected line 41]',
         sp.Matrix([h[j] * (1 - h[j]) * sum(w[k, j] * d2_true[k] for k in range(2)) for j in range(2)]),
         sp.Matrix(d1_true))
ck.claim('delta1_j = h_j(1-h_j) sum_k w_jk delta2_k  [PLANTED line 41]',
         sp.Matrix([h[j] * (1 - h[j]) * sum(w[j, k] * d2_true[k] for k in range(2)) for j in range(2)]),
         sp.Matrix(d1_true), planted=True)
ck.claim('dL/du_ji = delta1_j x_i, j=1,2 i=1..3', sp.Matrix(2, 3, lambda j, i: d1_true[j] * x[i]), grad(L, u))
ck.claim('dL/db_j = delta1_j', sp.Matrix(d1_true), grad(L, b))
ck.claim('dL/du_13 written out',
         h[0] * (1 - h[0]) * (w[0, 0] * (yy[0] - t[0]) + w[1, 0] * (yy[1] - t[1])) * x[2], sp.diff(L, u[0, 2]))
finish(ck, pair_ok, act_ok)
