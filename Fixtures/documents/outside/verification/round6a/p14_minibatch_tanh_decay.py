"""Pair 14: minibatch-tanh-decay.  2-2-1 tanh net, L = (1/N) sum_n 1/2 (yhat_n - y_n)^2 + lambda/2 ||w||^2, N = 2."""
from common import *

N = 2
X = sp.Matrix(2, 2, lambda n, j: sp.Symbol(f'x_{n+1}{j+1}'))     # row n = example, col j = feature
yv = symvec('y', 2)
W = symmat('W', 2, 2); b = symvec('b', 2); w = symvec('w', 2); c = sp.Symbol('c'); lam = sp.Symbol('lambda')
params = list(W) + list(b) + list(w) + [c]
base = list(X) + list(yv) + params + [lam]

xs = [X[n, :].T for n in range(N)]
a = [W * xs[n] + b for n in range(N)]
h = [a[n].applyfunc(sp.tanh) for n in range(N)]
yhat = [(w.T * h[n])[0] + c for n in range(N)]
e = [yhat[n] - yv[n] for n in range(N)]
ell = lambda n, yh: (yh - yv[n]) ** 2 / 2
decay = lam / 2 * (w.T * w)[0]
L = sum(ell(n, yhat[n]) for n in range(N)) / N + decay

L_from_yhat = lambda Y: sum(ell(n, Y[n]) for n in range(N)) / N + decay
gyhat = grad_at(L_from_yhat, sp.Matrix(yhat), 'yhat')
ell_from_a = lambda n: (lambda an: ell(n, (w.T * an.applyfunc(sp.tanh))[0] + c))
delta = sp.Matrix(N, 2, lambda n, i: grad_at(ell_from_a(n), a[n], f'a{n}')[i])    # true d ell_n / d a_{n,i}
u = sp.Symbol('u')
ni = lambda n, i: f'(n={n+1},i={i+1})'

checks = [
    Check(r"$$\frac{\partial L}{\partial \hat{y}_n} = \frac{e_n}{N}$$", 'dL/dyhat_n (n=1,2)', gyhat, sp.Matrix([e[n] / N for n in range(N)])),
    Check(r"$$\frac{\partial L}{\partial w} = \frac{1}{N} \sum_{n=1}^{N} e_n h_n + \lambda w$$", 'dL/dw', grad(L, w),
          sum((e[n] * h[n] for n in range(N)), sp.zeros(2, 1)) / N + lam * w),
    Check(r"$$\frac{\partial L}{\partial c} = \frac{1}{N} \sum_{n=1}^{N} e_n$$", 'dL/dc', grad(L, c), sum(e) / N),
    Check(r"$\tanh'(a) = \mathrm{sech}^2(a) = 1 - \tanh^2(a)$", "tanh'(a) = sech^2(a)", sp.diff(sp.tanh(u), u), sp.sech(u) ** 2),
    Check(r"$\tanh'(a) = \mathrm{sech}^2(a) = 1 - \tanh^2(a)$", "tanh'(a) = 1 - tanh^2(a)", sp.diff(sp.tanh(u), u), 1 - sp.tanh(u) ** 2),
    Check(r"$$\delta_{n,i} = \frac{\partial \ell_n}{\partial a_{n,i}} = e_n w_i \, \mathrm{sech}^2(a_{n,i}), \qquad i = 1, 2$$",
          'delta_{n,i} (n,i = 1,2)', delta, sp.Matrix(N, 2, lambda n, i: e[n] * w[i] * sp.sech(a[n][i]) ** 2), index_names=ni),
    Check(r"$$\frac{\partial L}{\partial b_i} = \frac{1}{N} \sum_{n=1}^{N} \delta_{n,i}$$", 'dL/db_i', grad(L, b),
          sp.Matrix([sum(delta[n, i] for n in range(N)) / N for i in range(2)])),
    Check(r"$$\frac{\partial L}{\partial W_{ij}} = \frac{1}{N} \sum_{n=1}^{N} \delta_{n,i} \, x_{n,j}$$", 'dL/dW_ij', grad(L, W),
          sp.Matrix(2, 2, lambda i, j: sum(delta[n, i] * X[n, j] for n in range(N)) / N)),
    Check(r"$$\frac{\partial L}{\partial W} = \frac{1}{2} \begin{pmatrix}", 'dL/dW written out (pmatrix)', grad(L, W),
          sp.Rational(1, 2) * sp.Matrix([
              [delta[0, 0] * X[0, 0] + delta[1, 0] * X[1, 0], delta[0, 0] * X[0, 1] + delta[1, 0] * X[1, 1]],
              [delta[0, 1] * X[0, 0] + delta[1, 1] * X[1, 0], delta[0, 1] * X[0, 1] + delta[1, 1] * X[1, 1]]])),
]
planted = [Check(r"$$\frac{\partial L}{\partial c} = \sum_{n=1}^{N} e_n$$", 'dL/dc PLANTED: 1/N missing', grad(L, c), sum(e))]

def sampler(rng):
    v = {s: sp.Float(rng.uniform(-1.5, 1.5), 30) for s in base}
    v[lam] = sp.Float(rng.uniform(0.01, 1), 30)
    v[u] = sp.Float(rng.uniform(-3, 3), 30)
    return v

if __name__ == '__main__':
    run('minibatch-tanh-decay', checks, 'dL/dc', planted, sampler)
    fd_check(L, params, sampler)
