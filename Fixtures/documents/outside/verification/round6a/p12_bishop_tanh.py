"""Pair 12: bishop-tanh-regression.  D=2, M=3 tanh hidden, K=2 linear outputs, x_0 = z_0 = 1 bias units, E_n = 1/2 sum (y_k - t_k)^2."""
from common import *

x1, x2 = sp.symbols('x1 x2'); xs = sp.Matrix([1, x1, x2])           # x_0 = 1
t = symvec('t', 2)
W1 = sp.Matrix(3, 3, lambda j, i: sp.Symbol(f'w1_{j+1}{i}'))         # rows j = 1..3, cols i = 0..2
W2 = sp.Matrix(2, 4, lambda k, j: sp.Symbol(f'w2_{k+1}{j}'))         # rows k = 1,2, cols j = 0..3
params = list(W1) + list(W2)
base = [x1, x2] + list(t) + params

E_from_y = lambda yv: sum((yv[k] - t[k]) ** 2 for k in range(2)) / 2
E_from_a = lambda a: E_from_y(W2 * sp.Matrix([1] + [sp.tanh(a[j]) for j in range(3)]))

a = W1 * xs; zh = a.applyfunc(sp.tanh); zs = sp.Matrix([1] + list(zh))  # z_0 = 1
yv = W2 * zs
E = E_from_y(yv)
dk = grad_at(E_from_y, yv, 'y')        # delta_k
dj = grad_at(E_from_a, a, 'a')         # delta_j
u = sp.Symbol('u'); hprime = lambda e: sp.diff(sp.tanh(u), u).subs(u, e)
ji = lambda j, i: f'(j={j+1},i={i})'
kj = lambda k, j: f'(k={k+1},j={j})'

checks = [
    Check(r"$$\delta_k = y_k - t_k$$", 'delta_k', dk, yv - t),
    Check(r"$$\delta_j = h'(a_j) \sum_{k=1}^{2} w^{(2)}_{kj} \delta_k$$", "delta_j with h'(a_j)", dj,
          sp.Matrix([hprime(a[j]) * sum(W2[k, j + 1] * dk[k] for k in range(2)) for j in range(3)])),
    Check(r"$$\delta_j = (1 - z_j^2) \sum_{k=1}^{2} w^{(2)}_{kj} \delta_k$$", 'delta_j with 1 - z_j^2', dj,
          sp.Matrix([(1 - zh[j] ** 2) * sum(W2[k, j + 1] * dk[k] for k in range(2)) for j in range(3)])),
    Check(r"$$\frac{\partial E_n}{\partial w^{(1)}_{ji}} = \delta_j x_i$$", 'dE/dw1_ji (j=1..3, i=0..2)', grad(E, W1),
          sp.Matrix(3, 3, lambda j, i: dj[j] * xs[i]), index_names=ji),
    Check(r"$$\frac{\partial E_n}{\partial w^{(2)}_{kj}} = \delta_k z_j$$", 'dE/dw2_kj (k=1,2, j=0..3)', grad(E, W2),
          sp.Matrix(2, 4, lambda k, j: dk[k] * zs[j]), index_names=kj),
    Check(r"$\partial E_n / \partial w^{(1)}_{j0} = \delta_j$", 'dE/dw1_j0 (inline)', grad(E, W1[:, 0]), dj),
    Check(r"$\partial E_n / \partial w^{(2)}_{k0} = \delta_k$", 'dE/dw2_k0 (inline)', grad(E, W2[:, 0]), dk),
]
planted = [Check(r"$$\delta_j = (1 - a_j^2) \sum_{k=1}^{2} w^{(2)}_{kj} \delta_k$$", 'delta_j PLANTED: 1 - a_j^2', dj,
                 sp.Matrix([(1 - a[j] ** 2) * sum(W2[k, j + 1] * dk[k] for k in range(2)) for j in range(3)]),
                 index_names=lambda j, _: f'j={j+1}')]

def sampler(rng):
    return {s: sp.Float(rng.uniform(-1.5, 1.5), 30) for s in base}

if __name__ == '__main__':
    run('bishop-tanh-regression', checks, 'delta_j with 1 - z_j^2', planted, sampler)
    fd_check(E, params, sampler)
