"""nielsen.md: 3-2-2 sigmoid network, quadratic cost, Nielsen matrix notation."""
import sympy as sp
from common import *

act_ok = check_activation_rules()
pair_ok = pair_diff('nielsen')

W2, b2 = M(2, 3, 'w2'), V(2, 'b2')
W3, b3 = M(2, 2, 'w3'), V(2, 'b3')
x, y = V(3, 'x'), V(2, 'y')
syms = list(W2) + list(b2) + list(W3) + list(b3) + list(x) + list(y)

a1 = x
z2 = W2 * a1 + b2; a2 = z2.applyfunc(sig)
z3 = W3 * a2 + b3; a3 = z3.applyfunc(sig)
C = sp.Rational(1, 2) * sum((y[j] - a3[j]) ** 2 for j in range(2))

# true derivatives
A3 = V(2, 'A3')                       # free output activations
gradA = grad(sp.Rational(1, 2) * sum((y[j] - A3[j]) ** 2 for j in range(2)), A3).xreplace(dict(zip(A3, a3)))
Z3 = V(2, 'Z3')                       # delta^3 = dC/dz^3
C_of_z3 = sp.Rational(1, 2) * sum((y[j] - sig(Z3[j])) ** 2 for j in range(2))
delta3_true = grad(C_of_z3, Z3).xreplace(dict(zip(Z3, z3)))
Z2 = V(2, 'Z2')                       # delta^2 = dC/dz^2
a3_of_z2 = (W3 * Z2.applyfunc(sig) + b3).applyfunc(sig)
C_of_z2 = sp.Rational(1, 2) * sum((y[j] - a3_of_z2[j]) ** 2 for j in range(2))
delta2_true = grad(C_of_z2, Z2).xreplace(dict(zip(Z2, z2)))
dW3, db3, dW2, db2 = grad(C, W3), grad(C, b3), grad(C, W2), grad(C, b2)

ck = Checker('nielsen', syms)
zz = sp.Symbol('zz')
sigma_prime = lambda v: v.applyfunc(lambda t: sp.diff(sig(zz), zz).subs(zz, t))   # sigma'(z) via diff
# sigma'(z^l) = a^l (.) (1 - a^l)
ck.claim("sigma'(z^3) = a^3 (.) (1-a^3)", a3.multiply_elementwise(sp.ones(2, 1) - a3), sigma_prime(z3))
ck.claim("sigma'(z^2) = a^2 (.) (1-a^2)", a2.multiply_elementwise(sp.ones(2, 1) - a2), sigma_prime(z2))
ck.claim('grad_a C = a^3 - y', a3 - y, gradA)
d3 = (a3 - y).multiply_elementwise(sigma_prime(z3))
ck.claim("delta^3 = (a^3-y) (.) sigma'(z^3)", d3, delta3_true)
ck.claim('delta^3 = (a^3-y) (.) a^3 (.) (1-a^3)',
         (a3 - y).multiply_elementwise(a3).multiply_elementwise(sp.ones(2, 1) - a3), delta3_true)
d3c = delta3_true  # use the true delta^3 for downstream claims expressed via delta^3
ck.claim("delta^2 = ((W^3)^T delta^3) (.) sigma'(z^2)  [corrected line 41]",
         (W3.T * d3c).multiply_elementwise(sigma_prime(z2)), delta2_true)
ck.claim("delta^2 = (W^3 delta^3) (.) sigma'(z^2)  [PLANTED line 41]",
         (W3 * d3c).multiply_elementwise(sigma_prime(z2)), delta2_true, planted=True)
ck.claim('delta^2_1, delta^2_2 written out',
         sp.Matrix([(W3[0, 0] * d3c[0] + W3[1, 0] * d3c[1]) * a2[0] * (1 - a2[0]),
                    (W3[0, 1] * d3c[0] + W3[1, 1] * d3c[1]) * a2[1] * (1 - a2[1])]), delta2_true)
ck.claim('dC/db^3 = delta^3', delta3_true, db3)
ck.claim('dC/db^2 = delta^2', delta2_true, db2)
ck.claim('dC/dw^3_jk = a^2_k delta^3_j (all j,k)', sp.Matrix(2, 2, lambda j, k: a2[k] * d3c[j]), dW3)
ck.claim('dC/dw^2_jk = a^1_k delta^2_j (all j,k)', sp.Matrix(2, 3, lambda j, k: a1[k] * delta2_true[j]), dW2)
ck.claim('dC/dW^3 = delta^3 (a^2)^T', d3c * a2.T, dW3)
ck.claim('dC/dW^2 = delta^2 (a^1)^T', delta2_true * a1.T, dW2)
ck.claim('dC/dW^2 = delta^2 x^T', delta2_true * x.T, dW2)
ck.claim('dC/dw^2_23 = x_3 delta^2_2', x[2] * delta2_true[1], dW2[1, 2])
finish(ck, pair_ok, act_ok)
