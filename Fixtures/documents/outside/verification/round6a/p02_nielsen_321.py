"""Pair 2: nielsen-321-crossentropy (3-2-1 sigmoid network, cross-entropy cost)."""
from common import *

x = symvec('x', 3); y = symvec('y', 1)
W2 = symmat('W2_', 2, 3); b2 = symvec('b2_', 2)
W3 = symmat('W3_', 1, 2); b3 = symvec('b3_', 1)
params = list(W2) + list(b2) + list(W3) + list(b3)
base = list(x) + list(y) + params

S = lambda v: v.applyfunc(sig)
def sp_(u):
    t = sp.Dummy('t'); return sp.diff(sig(t), t).subs(t, u)
Sp = lambda v: v.applyfunc(sp_)
C_from_a3 = lambda a3: -sum(y[j] * sp.log(a3[j]) + (1 - y[j]) * sp.log(1 - a3[j]) for j in range(1))
C_from_z3 = lambda z3: C_from_a3(S(z3))
C_from_z2 = lambda z2: C_from_z3(W3 * S(z2) + b3)

a1 = x
z2 = W2 * a1 + b2; a2 = S(z2)
z3 = W3 * a2 + b3; a3 = S(z3)
C = C_from_a3(a3)
d3 = grad_at(C_from_z3, z3, 'z3')
d2 = grad_at(C_from_z2, z2, 'z2')

checks = [
    Check(r"\frac{\partial C}{\partial a^3_j} = \frac{a^3_j - y_j}{a^3_j (1 - a^3_j)}", 'dC/da^3_j (j=1)',
          grad_at(C_from_a3, a3, 'a3'), sp.Matrix([(a3[0] - y[0]) / (a3[0] * (1 - a3[0]))])),
    Check(r"$$\delta^3 = a^3 - y$$", 'delta^3', d3, a3 - y),
    Check(r"$$\delta^2 = ((W^3)^T \delta^3) \odot \sigma'(z^2)$$", 'delta^2 (BP2)', d2, hadamard(W3.T * d3, Sp(z2))),
    Check(r"$$\frac{\partial C}{\partial b^3} = \delta^3, \qquad", 'dC/db^3', grad(C, b3), d3),
    Check(r"\qquad \frac{\partial C}{\partial W^3} = \delta^3 (a^2)^T$$", 'dC/dW^3 (1x2)', grad(C, W3), d3 * a2.T),
    Check(r"$$\frac{\partial C}{\partial b^2} = \delta^2, \qquad", 'dC/db^2', grad(C, b2), d2),
    Check(r"\qquad \frac{\partial C}{\partial W^2} = \delta^2 (a^1)^T$$", 'dC/dW^2 (2x3)', grad(C, W2), d2 * a1.T),
    Check(r"\frac{\partial C}{\partial w^2_{jk}} = x_k \, \sigma'(z^2_j)", 'dC/dw^2_jk (j=1,2; k=1,2,3)', grad(C, W2),
          sp.Matrix(2, 3, lambda j, k: x[k] * sp_(z2[j]) * W3[0, j] * (a3[0] - y[0]))),
    Check(r"\frac{\partial C}{\partial w^3_{1j}} = a^2_j \, (a^3_1 - y_1)", 'dC/dw^3_1j (j=1,2)', grad(C, W3),
          sp.Matrix(1, 2, lambda i, j: a2[j] * (a3[0] - y[0]))),
]
planted = [Check(r"$$\delta^2 = ((W^3)^T \delta^3) \odot \sigma(z^2)$$", 'delta^2 PLANTED: sigma instead of sigma\'',
                 d2, hadamard(W3.T * d3, S(z2)))]

def sampler(rng):
    v = {s: sp.Float(rng.uniform(-1.5, 1.5), 30) for s in base}
    v[y[0]] = sp.Float(rng.uniform(0.05, 0.95), 30)
    return v

if __name__ == '__main__':
    run('nielsen-321-crossentropy', checks, 'delta^2 (BP2)', planted, sampler)
    fd_check(C, params, sampler)
