"""Pair 6: goodfellow-two-hidden (2 -> 3 tanh -> 2 tanh -> linear scalar, squared error)."""
from common import *

x = symvec('x', 2); yv = sp.Symbol('y')
W1 = symmat('W1_', 3, 2); b1 = symvec('b1_', 3)
W2 = symmat('W2_', 2, 3); b2 = symvec('b2_', 2)
w = symvec('w', 2); c = sp.Symbol('c')
params = list(W1) + list(b1) + list(W2) + list(b2) + list(w) + [c]
base = list(x) + [yv] + params
T = lambda v: v.applyfunc(sp.tanh)

L_from_yhat = lambda yh: (yh - yv) ** 2 / 2
L_from_h2 = lambda h2: L_from_yhat((w.T * h2)[0] + c)
L_from_a2 = lambda a2: L_from_h2(T(a2))
L_from_h1 = lambda h1: L_from_a2(W2 * h1 + b2)
L_from_a1 = lambda a1: L_from_h1(T(a1))

a1 = W1 * x + b1; h1 = T(a1); a2 = W2 * h1 + b2; h2 = T(a2); yhat = (w.T * h2)[0] + c
L = L_from_yhat(yhat)
g_yhat = grad_at(L_from_yhat, yhat, 'yhat')
g_h2 = grad_at(L_from_h2, h2, 'h2'); g_a2 = grad_at(L_from_a2, a2, 'a2')
g_h1 = grad_at(L_from_h1, h1, 'h1'); g_a1 = grad_at(L_from_a1, a1, 'a1')
one2, one3 = sp.ones(2, 1), sp.ones(3, 1)

checks = [
    Check(r"$$\nabla_{\hat{y}} L = \hat{y} - y$$", 'grad_yhat L', g_yhat, yhat - yv),
    Check(r"$$\nabla_{\mathbf{w}} L = (\hat{y} - y)\, \mathbf{h}^{(2)}, \qquad", 'grad_w L', grad(L, w), (yhat - yv) * h2),
    Check(r"\qquad \nabla_{c} L = \hat{y} - y$$", 'grad_c L', grad(L, c), yhat - yv),
    Check(r"$$\nabla_{\mathbf{h}^{(2)}} L = (\hat{y} - y)\, \mathbf{w}$$", 'grad_h2 L', g_h2, (yhat - yv) * w),
    Check(r"$$\mathbf{g}^{(2)} = \nabla_{\mathbf{a}^{(2)}} L =", 'g2 = grad_a2 L', g_a2,
          hadamard((yhat - yv) * w, one2 - hadamard(h2, h2))),
    Check(r"$$\nabla_{\mathbf{b}^{(2)}} L = \mathbf{g}^{(2)}, \qquad", 'grad_b2 L', grad(L, b2), g_a2),
    Check(r"\qquad \nabla_{\mathbf{W}^{(2)}} L = \mathbf{g}^{(2)} \mathbf{h}^{(1)\top}$$", 'grad_W2 L (2x3)', grad(L, W2), g_a2 * h1.T),
    Check(r"$$\nabla_{\mathbf{h}^{(1)}} L = \mathbf{W}^{(2)\top} \mathbf{g}^{(2)}$$", 'grad_h1 L', g_h1, W2.T * g_a2),
    Check(r"$$\mathbf{g}^{(1)} = \nabla_{\mathbf{a}^{(1)}} L =", 'g1 = grad_a1 L', g_a1, hadamard(g_h1, one3 - hadamard(h1, h1))),
    Check(r"$$\nabla_{\mathbf{b}^{(1)}} L = \mathbf{g}^{(1)}, \qquad", 'grad_b1 L', grad(L, b1), g_a1),
    Check(r"\qquad \nabla_{\mathbf{W}^{(1)}} L = \mathbf{g}^{(1)} \mathbf{x}^\top$$", 'grad_W1 L (3x2)', grad(L, W1), g_a1 * x.T),
]
planted = [Check(r"$$\nabla_{\mathbf{h}^{(1)}} L = (\hat{y} - y)\, \mathbf{W}^{(2)\top} \mathbf{w}$$",
                 "grad_h1 L PLANTED: f'(a2) skipped", g_h1, (yhat - yv) * W2.T * w)]

def sampler(rng):
    return {s: sp.Float(rng.uniform(-1.5, 1.5), 30) for s in base}

if __name__ == '__main__':
    run('goodfellow-two-hidden', checks, 'grad_h1 L', planted, sampler)
    fd_check(L, params, sampler)
