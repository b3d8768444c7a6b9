"""ng.md: n_x=2, n1=3 (tanh), n2=1 (sigmoid), m=2 examples as columns, J = mean binary cross-entropy."""
import sympy as sp
from common import *

act_ok = check_activation_rules()
pair_ok = pair_diff('ng')
m = 2
W1, b1, W2 = M(3, 2, 'W1'), V(3, 'b1'), M(1, 3, 'W2')
b2 = sp.Symbol('b2')
X = M(2, m, 'X'); Yv = M(1, m, 'Y')
syms = list(W1) + list(b1) + list(W2) + [b2] + list(X) + list(Yv)

Z1 = W1 * X + b1 * sp.ones(1, m)
A1 = Z1.applyfunc(th)
Z2 = W2 * A1 + b2 * sp.ones(1, m)
A2 = Z2.applyfunc(sig)
lossfn = lambda a, yy: -(yy * sp.log(a) + (1 - yy) * sp.log(1 - a))
J = sum(lossfn(A2[0, i], Yv[0, i]) for i in range(m)) / m

# per-example dZ (column i = dL^(i)/dz^(i))
Zs2 = sp.Symbol('Zs2'); Zs1 = V(3, 'Zs1')
dZ2_true = sp.Matrix(1, m, lambda _, i: sp.diff(lossfn(sig(Zs2), Yv[0, i]), Zs2).xreplace({Zs2: Z2[0, i]}))
def Li_of_z1(i):
    a1 = Zs1.applyfunc(th)
    return lossfn(sig((W2 * a1)[0] + b2), Yv[0, i])
dZ1_true = sp.Matrix.hstack(*[grad(Li_of_z1(i), Zs1).xreplace(dict(zip(Zs1, Z1[:, i]))) for i in range(m)])

def yfix(pt, rng):
    for i in range(m):
        pt[Yv[0, i]] = rng.randint(0, 1)     # binary labels
    return pt

ck = Checker('ng', syms, point_fn=yfix)
ck.claim('shapes X 2x2, Y 1x2, W1 3x2, b1 3x1, W2 1x3', sp.Matrix([X.shape, Yv.shape, W1.shape, b1.shape, W2.shape]),
         sp.Matrix([(2, 2), (1, 2), (3, 2), (3, 1), (1, 3)]))
ck.claim('dZ2 = A2 - Y', A2 - Yv, dZ2_true)
ck.claim('dW2 = 1/m dZ2 A1^T', dZ2_true * A1.T / m, grad(J, W2))
ck.claim('db2 = 1/m sum_i dZ2^(i)', sum(dZ2_true) / m, sp.diff(J, b2))
ck.claim("g1'(Z1) = 1 - A1^2 (elementwise)", A1.applyfunc(lambda t: 1 - t ** 2),
         Z1.applyfunc(lambda t: sp.diff(th(Zs2), Zs2).xreplace({Zs2: t})))
ck.claim('dZ1 = W2^T dZ2 * (1 - A1^2)', (W2.T * dZ2_true).multiply_elementwise(A1.applyfunc(lambda t: 1 - t ** 2)), dZ1_true)
ck.claim('dW1 = 1/m dZ1 X^T', dZ1_true * X.T / m, grad(J, W1))
ck.claim('db1 = 1/m sum_i dZ1^(i)  [corrected line 46]', sum((dZ1_true[:, i] for i in range(m)), sp.zeros(3, 1)) / m, grad(J, b1))
ck.claim('db1 = 1/m dZ1  [PLANTED line 46] (3x2 vs 3x1)', dZ1_true / m, grad(J, b1), planted=True)
# entrywise view of the planted claim: each column of (1/m) dZ1 compared with the true db1
ck.claim('db1 = 1/m dZ1  [PLANTED line 46], column-by-column vs true db1',
         dZ1_true / m, grad(J, b1) * sp.ones(1, m), planted=True)
ck.claim('np.sum(dZ1, axis=1, keepdims=True)/m == db1 and np.sum(dZ2,...)/m == db2',
         sp.Matrix([list(dZ1_true * sp.ones(m, 1) / m) + list(dZ2_true * sp.ones(m, 1) / m)]),
         sp.Matrix([list(grad(J, b1)) + [sp.diff(J, b2)]]))
ck.claim('shapes dW1 3x2, db1 3x1', sp.Matrix([(dZ1_true * X.T / m).shape, (dZ1_true * sp.ones(m, 1) / m).shape]),
         sp.Matrix([W1.shape, b1.shape]))
finish(ck, pair_ok, act_ok)
