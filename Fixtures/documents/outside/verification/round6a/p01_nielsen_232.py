"""Pair 1: nielsen-232-quadratic (2-3-2 sigmoid network, quadratic cost, Nielsen notation)."""
from common import *

x = symvec('x', 2); y = symvec('y', 2)
W2 = symmat('W2_', 3, 2); b2 = symvec('b2_', 3)
W3 = symmat('W3_', 2, 3); b3 = symvec('b3_', 2)
params = list(W2) + list(b2) + list(W3) + list(b3)
base = list(x) + list(y) + params

S = lambda v: v.applyfunc(sig)
def sp_(u):  # sigma'(u) = exact derivative of the logistic function
    t = sp.Dummy('t'); return sp.diff(sig(t), t).subs(t, u)
Sp = lambda v: v.applyfunc(sp_)
C_from_a3 = lambda a3: ((a3 - y).T * (a3 - y))[0] / 2
C_from_z3 = lambda z3: C_from_a3(S(z3))
C_from_a2 = lambda a2: C_from_z3(W3 * a2 + b3)
C_from_z2 = lambda z2: C_from_a2(S(z2))

a1 = x
z2 = W2 * a1 + b2; a2 = S(z2)
z3 = W3 * a2 + b3; a3 = S(z3)
C = C_from_a3(a3)

d3 = grad_at(C_from_z3, z3, 'z3')   # true delta^3
d2 = grad_at(C_from_z2, z2, 'z2')   # true delta^2
zz = sp.Symbol('z')

checks = [
    Check(r"\sigma'(z) = \sigma(z)\,(1 - \sigma(z))", "sigma'(z)", sp.diff(sig(zz), zz), sig(zz) * (1 - sig(zz))),
    Check(r"$$\nabla_a C = a^3 - y.$$", 'grad_a C', grad_at(C_from_a3, a3, 'a3'), a3 - y),
    Check(r"$$\delta^3 = \nabla_a C \odot", 'delta^3 (middle: grad_a C . sigma\'(z^3))', d3, hadamard(a3 - y, Sp(z3))),
    Check(r"$$\delta^3 = \nabla_a C \odot", 'delta^3 (final RHS)', d3, hadamard(a3 - y, Sp(z3))),
    Check(r"$$\delta^2 = ((W^3)^T \delta^3) \odot \sigma'(z^2)$$", 'delta^2 (BP2)', d2, hadamard(W3.T * d3, Sp(z2))),
    Check(r"$$\delta^2_j = \sigma'(z^2_j) \sum_{k=1}^{2} w^3_{kj} \delta^3_k$$", 'delta^2_j, j=1..3', d2,
          sp.Matrix([sp_(z2[j]) * sum(W3[k, j] * d3[k] for k in range(2)) for j in range(3)])),
    Check(r"\frac{\partial C}{\partial b^3} = \delta^3, \qquad", 'dC/db^3', grad(C, b3), d3),
    Check(r"\qquad \frac{\partial C}{\partial b^2} = \delta^2$$", 'dC/db^2', grad(C, b2), d2),
    Check(r"$$\frac{\partial C}{\partial w^3_{jk}} = a^2_k \delta^3_j$$", 'dC/dw^3_jk (all j,k)', grad(C, W3),
          sp.Matrix(2, 3, lambda j, k: a2[k] * d3[j])),
    Check(r"$$\frac{\partial C}{\partial W^3} = \delta^3 (a^2)^T, \qquad", 'dC/dW^3', grad(C, W3), d3 * a2.T),
    Check(r"\qquad \frac{\partial C}{\partial W^2} = \delta^2 (a^1)^T$$", 'dC/dW^2', grad(C, W2), d2 * a1.T),
    Check(r"\Big)\, x^T$$", 'dC/dW^2 (fully substituted)', grad(C, W2),
          hadamard(W3.T * hadamard(a3 - y, Sp(z3)), Sp(z2)) * x.T),
]
planted = [Check(r"$$\delta^3 = \nabla_a C \odot", 'delta^3 (final RHS) PLANTED: a^3 - y', d3, a3 - y)]

def sampler(rng):
    v = {s: sp.Float(rng.uniform(-1.5, 1.5), 30) for s in base}
    v[zz] = sp.Float(rng.uniform(-3, 3), 30)
    return v

if __name__ == '__main__':
    run('nielsen-232-quadratic', checks, 'delta^3 (final RHS)', planted, sampler)
    fd_check(C, params, sampler)
