"""Pair 3: nielsen-222-quadratic (2-2-2 sigmoid network, quadratic cost, square weights)."""
from common import *

x = symvec('x', 2); y = symvec('y', 2)
W2 = symmat('W2_', 2, 2); b2 = symvec('b2_', 2)
W3 = symmat('W3_', 2, 2); b3 = symvec('b3_', 2)
params = list(W2) + list(b2) + list(W3) + list(b3)
base = list(x) + list(y) + params

S = lambda v: v.applyfunc(sig)
def sp_(u):
    t = sp.Dummy('t'); return sp.diff(sig(t), t).subs(t, u)
Sp = lambda v: v.applyfunc(sp_)
C_from_a3 = lambda a3: ((a3 - y).T * (a3 - y))[0] / 2
C_from_z3 = lambda z3: C_from_a3(S(z3))
C_from_z2 = lambda z2: C_from_z3(W3 * S(z2) + b3)

a1 = x
z2 = W2 * a1 + b2; a2 = S(z2)
z3 = W3 * a2 + b3; a3 = S(z3)
C = C_from_a3(a3)
d3 = grad_at(C_from_z3, z3, 'z3')
d2 = grad_at(C_from_z2, z2, 'z2')
gaC = grad_at(C_from_a3, a3, 'a3')

checks = [
    # general equations, instantiated for this network (L = 3, l = 2 for BP2, l = 2, 3 for BP3/BP4)
    Check(r"$$\delta^L = \nabla_a C \odot \sigma'(z^L)$$", 'general BP1 at L=3', d3, hadamard(gaC, Sp(z3))),
    Check(r"$$\delta^l = ((W^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l)$$", 'general BP2 at l=2', d2, hadamard(W3.T * d3, Sp(z2))),
    Check(r"$$\frac{\partial C}{\partial b^l} = \delta^l$$", 'general BP3 at l=2,3',
          grad(C, b2).col_join(grad(C, b3)), d2.col_join(d3)),
    Check(r"$$\frac{\partial C}{\partial W^l} = \delta^l (a^{l-1})^T$$", 'general BP4 at l=2,3',
          grad(C, W2).col_join(grad(C, W3)), (d2 * a1.T).col_join(d3 * a2.T)),
    Check(r"so $L = 3$ and $\nabla_a C = a^3 - y$.", 'grad_a C (inline)', gaC, a3 - y),
    Check(r"$$\delta^3 = (a^3 - y) \odot \sigma'(z^3)$$", 'delta^3', d3, hadamard(a3 - y, Sp(z3))),
    Check(r"$$\delta^2 = ((W^3)^T \delta^3) \odot \sigma'(z^2)$$", 'delta^2', d2, hadamard(W3.T * d3, Sp(z2))),
    Check(r"$$\delta^2_1 = (w^3_{11} \delta^3_1 + w^3_{21} \delta^3_2)\, \sigma'(z^2_1)$$", 'delta^2_1',
          d2[0], (W3[0, 0] * d3[0] + W3[1, 0] * d3[1]) * sp_(z2[0])),
    Check(r"$$\frac{\partial C}{\partial b^3} = \delta^3, \qquad", 'dC/db^3', grad(C, b3), d3),
    Check(r"\qquad \frac{\partial C}{\partial W^3} = \delta^3 (a^2)^T$$", 'dC/dW^3', grad(C, W3), d3 * a2.T),
    Check(r"$$\frac{\partial C}{\partial b^2} = \delta^2, \qquad", 'dC/db^2', grad(C, b2), d2),
    Check(r"\qquad \frac{\partial C}{\partial W^2} = \delta^2 x^T$$", 'dC/dW^2', grad(C, W2), d2 * x.T),
    Check(r"$$\frac{\partial C}{\partial w^2_{12}} = \delta^2_1 \, x_2$$", 'dC/dw^2_12', grad(C, W2[0, 1]), d2[0] * x[1]),
]
planted = [Check(r"$$\delta^2 = (W^3 \delta^3) \odot \sigma'(z^2)$$", 'delta^2 PLANTED: missing transpose',
                 d2, hadamard(W3 * d3, Sp(z2)))]

def sampler(rng):
    return {s: sp.Float(rng.uniform(-1.5, 1.5), 30) for s in base}

if __name__ == '__main__':
    run('nielsen-222-quadratic', checks, 'delta^2', planted, sampler)
    fd_check(C, params, sampler)
