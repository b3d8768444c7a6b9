"""softmax.md: x in R^3, h = tanh(W1 x + b1) in R^2, z = W2 h + b2 in R^3, p = softmax(z), L = -y^T log p, y one-hot."""
import sympy as sp
from common import *

act_ok = check_activation_rules()
pair_ok = pair_diff('softmax')

W1, b1, W2, b2 = M(2, 3, 'W1'), V(2, 'b1'), M(3, 2, 'W2'), V(3, 'b2')
x, y = V(3, 'x'), V(3, 'y')
syms = list(W1) + list(b1) + list(W2) + list(b2) + list(x) + list(y)

def softmax(zv):
    den = sum(ex(zv[j]) for j in range(3))
    return zv.applyfunc(lambda t: ex(t) / den)

a = W1 * x + b1; h = a.applyfunc(th); z = W2 * h + b2; p = softmax(z)
L = -sum(y[i] * sp.log(p[i]) for i in range(3))

Z = V(3, 'Z'); A = V(2, 'A'); Hs = V(2, 'H')
pZ = softmax(Z)
LZ = -sum(y[i] * sp.log(pZ[i]) for i in range(3))
jac_true = sp.Matrix(3, 3, lambda i, j: sp.diff(pZ[i], Z[j])).xreplace(dict(zip(Z, z)))
gz_true = grad(LZ, Z).xreplace(dict(zip(Z, z)))
LH = LZ.xreplace(dict(zip(Z, W2 * Hs + b2)))
gh_true = grad(LH, Hs).xreplace(dict(zip(Hs, h)))
LA = LH.xreplace(dict(zip(Hs, A.applyfunc(th))))
ga_true = grad(LA, A).xreplace(dict(zip(A, a)))

def onehot(pt, rng):
    k = rng.randrange(3)
    for i in range(3):
        pt[y[i]] = 1 if i == k else 0
    return pt

one2 = sp.ones(2, 1)
ck = Checker('softmax', syms, point_fn=onehot)
ck.claim('dp_i/dz_j = p_i(delta_ij - p_j)', sp.Matrix(3, 3, lambda i, j: p[i] * (sp.KroneckerDelta(i, j) - p[j])), jac_true)
ck.claim('dp/dz = diag(p) - p p^T', sp.diag(*p) - p * p.T, jac_true)
ck.claim('dL/dz_j = -sum_i y_i/p_i p_i(delta_ij - p_j)',
         sp.Matrix([-sum(y[i] / p[i] * p[i] * (sp.KroneckerDelta(i, j) - p[j]) for i in range(3)) for j in range(3)]), gz_true)
ck.claim('dL/dz_j = -y_j + p_j sum_i y_i', sp.Matrix([-y[j] + p[j] * sum(y) for j in range(3)]), gz_true)
ck.claim('sum_i y_i = 1 (one-hot)', sum(y), 1)
ck.claim('grad_z L = p - y', p - y, gz_true)
ck.claim('grad_W2 L = (p - y) h^T  [corrected line 35]', (p - y) * h.T, grad(L, W2))
ck.claim('grad_W2 L = (y - p) h^T  [PLANTED line 35]', (y - p) * h.T, grad(L, W2), planted=True)
ck.claim('grad_b2 L = p - y', p - y, grad(L, b2))
ck.claim('grad_h L = W2^T (p - y)', W2.T * (p - y), gh_true)
ck.claim('grad_a L = (1 - h o h) o W2^T (p - y)', (one2 - h.multiply_elementwise(h)).multiply_elementwise(W2.T * (p - y)), ga_true)
ck.claim('grad_W1 L = grad_a L x^T', ga_true * x.T, grad(L, W1))
ck.claim('grad_b1 L = grad_a L', ga_true, grad(L, b1))
finish(ck, pair_ok, act_ok)
