"""Pair 13: bishop-sigmoid-ce.  3 inputs, 2 sigmoid hidden, 2 sigmoid outputs, summed binary cross-entropy."""
from common import *

x = symvec('x', 3); t = symvec('t', 2)
W = symmat('w', 2, 3); b = symvec('b', 2); V = symmat('v', 2, 2); c = symvec('c', 2)
params = list(W) + list(b) + list(V) + list(c)
base = list(x) + list(t) + params
S = lambda m: m.applyfunc(sig)

E_from_y = lambda yv: -sum(t[k] * sp.log(yv[k]) + (1 - t[k]) * sp.log(1 - yv[k]) for k in range(2))
E_from_s = lambda s: E_from_y(S(s))
E_from_a = lambda a: E_from_s(V * S(a) + c)

a = W * x + b; z = S(a); s = V * z + c; yv = S(s)
E = E_from_y(yv)
gy = grad_at(E_from_y, yv, 'y'); do = grad_at(E_from_s, s, 's'); dh = grad_at(E_from_a, a, 'a')
kj = lambda k, j: f'(k={k+1},j={j+1})'

checks = [
    Check(r"$$\frac{\partial E}{\partial y_k} = \frac{y_k - t_k}{y_k (1 - y_k)}$$", 'dE/dy_k', gy,
          sp.Matrix([(yv[k] - t[k]) / (yv[k] * (1 - yv[k])) for k in range(2)])),
    Check(r"$$\delta^{o}_k = \frac{\partial E}{\partial s_k} = y_k - t_k$$", 'delta^o_k', do, yv - t),
    Check(r"$$\delta^{h}_j = \frac{\partial E}{\partial a_j} = z_j (1 - z_j) \sum_{k=1}^{2} v_{kj} \delta^{o}_k$$", 'delta^h_j', dh,
          sp.Matrix([z[j] * (1 - z[j]) * sum(V[k, j] * do[k] for k in range(2)) for j in range(2)])),
    Check(r"$$\frac{\partial E}{\partial v_{kj}} = \delta^{o}_k z_j, \qquad", 'dE/dv_kj', grad(E, V),
          sp.Matrix(2, 2, lambda k, j: do[k] * z[j]), index_names=kj),
    Check(r"\qquad \frac{\partial E}{\partial c_k} = \delta^{o}_k$$", 'dE/dc_k', grad(E, c), do),
    Check(r"$$\frac{\partial E}{\partial w_{ji}} = \delta^{h}_j x_i, \qquad", 'dE/dw_ji (j=1,2, i=1..3)', grad(E, W),
          sp.Matrix(2, 3, lambda j, i: dh[j] * x[i]), index_names=lambda j, i: f'(j={j+1},i={i+1})'),
    Check(r"\qquad \frac{\partial E}{\partial b_j} = \delta^{h}_j$$", 'dE/db_j', grad(E, b), dh),
]
planted = [Check(r"$$\frac{\partial E}{\partial v_{kj}} = \delta^{o}_k x_j, \qquad", 'dE/dv_kj PLANTED: x_j for z_j', grad(E, V),
                 sp.Matrix(2, 2, lambda k, j: do[k] * x[j]), index_names=kj)]

def sampler(rng):
    v = {s_: sp.Float(rng.uniform(-1.5, 1.5), 30) for s_ in base}
    for k in range(2):
        v[t[k]] = sp.Integer(rng.randrange(2))
    return v

if __name__ == '__main__':
    run('bishop-sigmoid-ce', checks, 'dE/dv_kj', planted, sampler)
    fd_check(E, params, sampler)
