"""Pair 16: minibatch-relu-matrix.  X = [x_in] (2 features x N=2 examples), Z = W X + b 1^T, H = max(0, Z),
yhat = H^T v + c 1, L = (1/N) sum_n 1/2 (yhat_n - y_n)^2."""
from common import *

N = 2
X = sp.Matrix(2, 2, lambda i, n: sp.Symbol(f'x_{i+1}{n+1}'))
yv = symvec('y', 2); W = symmat('W', 2, 2); b = symvec('b', 2); v = symvec('v', 2); c = sp.Symbol('c')
one = sp.ones(2, 1)
params = list(W) + list(b) + list(v) + [c]
base = list(X) + list(yv) + params

relu = lambda M: M.applyfunc(lambda e: sp.Max(0, e))
L_from_yhat = lambda Y: sum((Y[n] - yv[n]) ** 2 for n in range(N)) / 2 / N
L_from_H = lambda Hm: L_from_yhat(Hm.T * v + c * one)
L_from_Z = lambda Zm: L_from_H(relu(Zm))

Z = W * X + b * one.T; H = relu(Z); yhat = H.T * v + c * one; e = yhat - yv
L = L_from_yhat(yhat)
gy = grad_at(L_from_yhat, yhat, 'yhat'); gH = grad_at(L_from_H, H, 'H'); gZ = grad_at(L_from_Z, Z, 'Z')
ind = Z.applyfunc(sp.Heaviside)
Delta = gZ   # the document's Delta is dL/dZ

checks = [
    Check(r"$$\frac{\partial L}{\partial \hat{y}} = \frac{1}{N} e$$", 'dL/dyhat', gy, e / N),
    Check(r"$$\frac{\partial L}{\partial v} = \frac{1}{N} H e, \qquad", 'dL/dv', grad(L, v), H * e / N),
    Check(r"\qquad \frac{\partial L}{\partial c} = \frac{1}{N} \mathbf{1}^\top e$$", 'dL/dc', grad(L, c), (one.T * e)[0] / N),
    Check(r"$$\frac{\partial L}{\partial H} = \frac{1}{N} v e^\top$$", 'dL/dH (2x2)', gH, v * e.T / N),
    Check(r"$$\Delta = \frac{\partial L}{\partial Z} = \frac{1}{N} (v e^\top) \odot \mathbb{1}[Z > 0]$$", 'Delta = dL/dZ', gZ,
          hadamard(v * e.T, ind) / N),
    Check(r"$$\frac{\partial L}{\partial W} = \Delta X^\top$$", 'dL/dW', grad(L, W), Delta * X.T),
    Check(r"$$\frac{\partial L}{\partial b} = \Delta \mathbf{1}$$", 'dL/db', grad(L, b), Delta * one),
    Check(r"$\partial L / \partial W_{ij} = \sum_{n=1}^{2} \Delta_{in} x_{jn}$", 'dL/dW_ij (inline)', grad(L, W),
          sp.Matrix(2, 2, lambda i, j: sum(Delta[i, n] * X[j, n] for n in range(N)))),
]
planted = [Check(r"$$\frac{\partial L}{\partial W} = \Delta \odot X$$", 'dL/dW PLANTED: Delta (Hadamard) X', grad(L, W), hadamard(Delta, X))]

def sampler(rng):
    while True:
        vals = {s: sp.Float(rng.uniform(-1.5, 1.5), 30) for s in base}
        Zv = [sp.N(z_.xreplace(vals)) for z_ in Z]
        if min(abs(z_) for z_ in Zv) > 0.05 and sum(1 for z_ in Zv if z_ > 0) >= 2:
            return vals

if __name__ == '__main__':
    pts = run('minibatch-relu-matrix', checks, 'dL/dW', planted, sampler, npts=8)
    print('ReLU activity patterns (Z > 0) at the points:', [tuple(int(bool(sp.N(z_.xreplace(p_)) > 0)) for z_ in Z) for p_ in pts])
    fd_check(L, params, sampler)
