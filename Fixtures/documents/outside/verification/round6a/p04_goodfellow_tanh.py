"""Pair 4: goodfellow-tanh-regression (x in R^2, 3 tanh units, linear output, squared error)."""
from common import *

x = symvec('x', 2); yv = sp.Symbol('y')
W = symmat('W', 3, 2); b = symvec('b', 3); w = symvec('w', 3); c = sp.Symbol('c')
params = list(W) + list(b) + list(w) + [c]
base = list(x) + [yv] + params

L_from_yhat = lambda yh: (yh - yv) ** 2 / 2
L_from_h = lambda h: L_from_yhat((w.T * h)[0] + c)
L_from_a = lambda a: L_from_h(a.applyfunc(sp.tanh))

a = W * x + b; h = a.applyfunc(sp.tanh)
yhat = (w.T * h)[0] + c
L = L_from_yhat(yhat)
gyh = grad_at(L_from_yhat, yhat, 'yhat')
gh = grad_at(L_from_h, h, 'h')
ga = grad_at(L_from_a, a, 'a')
one = sp.ones(3, 1)

checks = [
    Check(r"$$\nabla_{\hat{y}} L = \hat{y} - y$$", 'grad_yhat L', gyh, yhat - yv),
    Check(r"$$\nabla_{\mathbf{w}} L = (\hat{y} - y)\, \mathbf{h}, \qquad", 'grad_w L', grad(L, w), (yhat - yv) * h),
    Check(r"\qquad \nabla_{c} L = \hat{y} - y$$", 'grad_c L', grad(L, c), yhat - yv),
    Check(r"$$\mathbf{g} = \nabla_{\mathbf{h}} L = (\hat{y} - y)\, \mathbf{w}$$", 'g = grad_h L', gh, (yhat - yv) * w),
    Check(r"$$\nabla_{\mathbf{a}} L = \mathbf{g} \odot (\mathbf{1} - \mathbf{h} \odot \mathbf{h})$$", 'grad_a L', ga,
          hadamard(gh, one - hadamard(h, h))),
    Check(r"$$\nabla_{\mathbf{b}} L = \nabla_{\mathbf{a}} L, \qquad", 'grad_b L', grad(L, b), ga),
    Check(r"\qquad \nabla_{\mathbf{W}} L = (\nabla_{\mathbf{a}} L)\, \mathbf{x}^\top$$", 'grad_W L (3x2)', grad(L, W), ga * x.T),
    Check(r"$$\nabla_{\mathbf{x}} L = \mathbf{W}^\top \nabla_{\mathbf{a}} L$$", 'grad_x L', grad(L, x), W.T * ga),
    Check(r"$$\frac{\partial L}{\partial W_{ij}} = (\hat{y} - y)\, w_i \, (1 - h_i^2)\, x_j$$", 'dL/dW_ij (all i,j)',
          grad(L, W), sp.Matrix(3, 2, lambda i, j: (yhat - yv) * w[i] * (1 - h[i] ** 2) * x[j])),
]
planted = [Check(r"$$\nabla_{\mathbf{a}} L = \mathbf{g} \odot (\mathbf{1} - \mathbf{h})$$",
                 'grad_a L PLANTED: 1 - h instead of 1 - h.h', ga, hadamard(gh, one - h))]

def sampler(rng):
    return {s: sp.Float(rng.uniform(-1.5, 1.5), 30) for s in base}

if __name__ == '__main__':
    run('goodfellow-tanh-regression', checks, 'grad_a L', planted, sampler)
    fd_check(L, params, sampler)
