"""Pair 10: index-softmax-3x3.  z_k = sum_{j=1}^3 w_kj x_j + b_k (k = 1..3), softmax, L = -sum t_k log p_k, t one-hot."""
from common import *

x = symvec('x', 3); t = symvec('t', 3); b = symvec('b', 3); W = symmat('w', 3, 3)
params = list(W) + list(b)
base = list(x) + list(t) + params
def softmax(z):
    Zs = sum(sp.exp(z[i]) for i in range(3)); return z.applyfunc(lambda e: sp.exp(e) / Zs)
L_from_z = lambda z: -sum(t[k] * sp.log(softmax(z)[k]) for k in range(3))

z = W * x + b; p = softmax(z); L = L_from_z(z)
gz = grad_at(L_from_z, z, 'z')
zf = sp.Matrix(sp.symbols('zf1:4'))         # free scores for the softmax Jacobian
pf = softmax(zf)
J = sp.Matrix(3, 3, lambda i, k: sp.diff(pf[i], zf[k]))
J_at = J.xreplace({zf[i]: z[i] for i in range(3)})
KD = lambda i, k: 1 if i == k else 0
wk = lambda i, j: f'(k={i+1},j={j+1})'

checks = [
    Check(r"$$\frac{\partial p_i}{\partial z_k} = p_i (\delta_{ik} - p_k)$$", 'dp_i/dz_k (all i,k)', J,
          sp.Matrix(3, 3, lambda i, k: pf[i] * (KD(i, k) - pf[k])), index_names=lambda i, k: f'(i={i+1},k={k+1})'),
    Check(r"= -\sum_{i=1}^{3} \frac{t_i}{p_i} \frac{\partial p_i}{\partial z_k} =", 'dL/dz_k chain, RHS 1', gz,
          sp.Matrix([-sum(t[i] / p[i] * J_at[i, k] for i in range(3)) for k in range(3)])),
    Check(r"= -\sum_{i=1}^{3} t_i (\delta_{ik} - p_k) =", 'dL/dz_k chain, RHS 2', gz,
          sp.Matrix([-sum(t[i] * (KD(i, k) - p[k]) for i in range(3)) for k in range(3)])),
    Check(r"= p_k \sum_{i=1}^{3} t_i - t_k$$", 'dL/dz_k chain, RHS 3', gz,
          sp.Matrix([p[k] * sum(t) - t[k] for k in range(3)])),
    Check(r"$$\frac{\partial L}{\partial z_k} = p_k - t_k$$", 'dL/dz_k (one-hot t)', gz, p - t),
    Check(r"$$\frac{\partial L}{\partial w_{kj}} = (p_k - t_k)\, x_j$$", 'dL/dw_kj (all k,j)', grad(L, W),
          sp.Matrix(3, 3, lambda k, j: (p[k] - t[k]) * x[j]), index_names=wk),
    Check(r"$$\frac{\partial L}{\partial b_k} = p_k - t_k$$", 'dL/db_k', grad(L, b), p - t),
    Check(r"this is $\nabla_W L = (p - t)\, x^\top$.", 'grad_W L (inline, matrix form)', grad(L, W), (p - t) * x.T),
]
planted = [Check(r"$$\frac{\partial L}{\partial w_{kj}} = (p_k - t_k)\, x_k$$", 'dL/dw_kj PLANTED: x_k for x_j', grad(L, W),
                 sp.Matrix(3, 3, lambda k, j: (p[k] - t[k]) * x[k]), index_names=wk)]

def sampler(rng):
    v = {s: sp.Float(rng.uniform(-1.5, 1.5), 30) for s in base + list(zf)}
    k = rng.randrange(3)
    for i in range(3):
        v[t[i]] = sp.Integer(int(i == k))
    return v

if __name__ == '__main__':
    run('index-softmax-3x3', checks, 'dL/dw_kj (all k,j)', planted, sampler, npts=8)
    fd_check(L, params, sampler)
