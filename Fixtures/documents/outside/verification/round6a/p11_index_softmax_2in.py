"""Pair 11: index-softmax-2in.  z_k = sum_{j=1}^2 w_kj x_j + b_k (k in {1,2,3}), softmax, CE with one-hot t."""
from common import *

x = symvec('x', 2); t = symvec('t', 3); b = symvec('b', 3); W = symmat('w', 3, 2)
params = list(W) + list(b)
base = list(x) + list(t) + params
def softmax(z):
    Zs = sum(sp.exp(z[i]) for i in range(3)); return z.applyfunc(lambda e: sp.exp(e) / Zs)
L_from_p = lambda p: -sum(t[k] * sp.log(p[k]) for k in range(3))
L_from_z = lambda z: L_from_p(softmax(z))

z = W * x + b; p = softmax(z); L = L_from_z(z)
gp = grad_at(L_from_p, p, 'p'); gz = grad_at(L_from_z, z, 'z')

checks = [
    Check(r"$$\frac{\partial L}{\partial p_k} = -\frac{t_k}{p_k}$$", 'dL/dp_k', gp, sp.Matrix([-t[k] / p[k] for k in range(3)])),
    Check(r"$$\frac{\partial L}{\partial z_k} = p_k - t_k$$", 'dL/dz_k (one-hot t)', gz, p - t),
    Check(r"$$\frac{\partial L}{\partial w_{kj}} = (p_k - t_k)\, x_j$$", 'dL/dw_kj (k=1..3, j=1,2)', grad(L, W),
          sp.Matrix(3, 2, lambda k, j: (p[k] - t[k]) * x[j]), index_names=lambda k, j: f'(k={k+1},j={j+1})'),
    Check(r"$$\frac{\partial L}{\partial b_k} = p_k - t_k$$", 'dL/db_k', grad(L, b), p - t),
    Check(r"$$\frac{\partial L}{\partial x_j} = \sum_{k} (p_k - t_k)\, w_{kj}$$", 'dL/dx_j (j=1,2)', grad(L, x),
          sp.Matrix([sum((p[k] - t[k]) * W[k, j] for k in range(3)) for j in range(2)]), index_names=lambda j, _: f'j={j+1}'),
]
# the planted right-hand side has a free k that is not on the left; read it for each fixed k
planted = [Check(r"$$\frac{\partial L}{\partial x_j} = (p_k - t_k)\, w_{kj}$$",
                 f'dL/dx_j PLANTED (sum over k missing), read with k = {kk + 1}', grad(L, x),
                 sp.Matrix([(p[kk] - t[kk]) * W[kk, j] for j in range(2)]), index_names=lambda j, _: f'j={j+1}')
           for kk in range(3)]

def sampler(rng):
    v = {s: sp.Float(rng.uniform(-1.5, 1.5), 30) for s in base}
    k = rng.randrange(3)
    for i in range(3):
        v[t[i]] = sp.Integer(int(i == k))
    return v

if __name__ == '__main__':
    run('index-softmax-2in', checks, 'dL/dx_j (j=1,2)', planted, sampler, npts=8)
    fd_check(L, params + list(x), sampler)
