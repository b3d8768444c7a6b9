"""Pair 15: softmax-tanh-article (.tex).  a = W x + b, h = tanh(a), o = V h + c, p = softmax(o), L = -sum t_k log p_k, t one-hot; all 2x2."""
from common import *

x = symvec('x', 2); t = symvec('t', 2)
W = symmat('W', 2, 2); b = symvec('b', 2); V = symmat('V', 2, 2); c = symvec('c', 2)
params = list(W) + list(b) + list(V) + list(c)
base = list(x) + list(t) + params
def softmax(o):
    Zs = sp.exp(o[0]) + sp.exp(o[1]); return o.applyfunc(lambda e: sp.exp(e) / Zs)
L_from_o = lambda o: -sum(t[k] * sp.log(softmax(o)[k]) for k in range(2))
L_from_h = lambda h: L_from_o(V * h + c)
L_from_a = lambda a: L_from_h(a.applyfunc(sp.tanh))

a = W * x + b; h = a.applyfunc(sp.tanh); o = V * h + c; p = softmax(o)
L = L_from_o(o)
go = grad_at(L_from_o, o, 'o'); gh = grad_at(L_from_h, h, 'h'); ga = grad_at(L_from_a, a, 'a')
u = sp.Symbol('u')
r = p - t

checks = [
    Check(r"\frac{\partial L}{\partial o} = p - t. \label{eq:grad-o}", 'dL/do (eq:grad-o)', go, r),
    Check(r"\frac{\partial L}{\partial c} &= p - t, \label{eq:grad-c}", 'dL/dc (eq:grad-c)', grad(L, c), r),
    Check(r"\frac{\partial L}{\partial V} &= (p - t)\, h^\top", 'dL/dV = (p - t) h^T (eq:grad-V)', grad(L, V), r * h.T),
    Check(r"= \begin{bmatrix} (p_1 - t_1) h_1 & (p_1 - t_1) h_2 \\ (p_2 - t_2) h_1 & (p_2 - t_2) h_2 \end{bmatrix}. \label{eq:grad-V}",
          'dL/dV written out (eq:grad-V, continuation line)', grad(L, V),
          sp.Matrix([[r[0] * h[0], r[0] * h[1]], [r[1] * h[0], r[1] * h[1]]])),
    Check(r"The gradient with respect to the hidden activations is $V^\top (p - t)$", 'dL/dh = V^T (p - t) (prose)', gh, V.T * r),
    Check(r"\frac{\partial L}{\partial h_1} &= V_{11} (p_1 - t_1) + V_{21} (p_2 - t_2), \label{eq:grad-h1}", 'dL/dh_1 (eq:grad-h1)',
          gh[0], V[0, 0] * r[0] + V[1, 0] * r[1]),
    Check(r"\frac{\partial L}{\partial h_2} &= V_{12} (p_1 - t_1) + V_{22} (p_2 - t_2). \label{eq:grad-h2}", 'dL/dh_2 (eq:grad-h2)',
          gh[1], V[0, 1] * r[0] + V[1, 1] * r[1]),
    Check(r"Since $\tanh'(a) = \operatorname{sech}^2(a)$", "tanh'(a) = sech^2(a) (prose)", sp.diff(sp.tanh(u), u), sp.sech(u) ** 2),
    Check(r"\delta_i = \frac{\partial L}{\partial a_i} = \frac{\partial L}{\partial h_i} \operatorname{sech}^2(a_i)", 'delta_i (eq:delta)', ga,
          sp.Matrix([gh[i] * sp.sech(a[i]) ** 2 for i in range(2)])),
    Check(r"\frac{\partial L}{\partial b} &= \delta = \begin{bmatrix} \delta_1 \\ \delta_2 \end{bmatrix}", 'dL/db (eq:grad-b)', grad(L, b), ga),
    Check(r"\frac{\partial L}{\partial W} &= \delta\, x^\top =", 'dL/dW = delta x^T (eq:grad-W)', grad(L, W), ga * x.T),
    Check(r"\begin{bmatrix} \delta_1 x_1 & \delta_1 x_2 \\ \delta_2 x_1 & \delta_2 x_2 \end{bmatrix}. \label{eq:grad-W}",
          'dL/dW written out (eq:grad-W)', grad(L, W), sp.Matrix([[ga[0] * x[0], ga[0] * x[1]], [ga[1] * x[0], ga[1] * x[1]]])),
]
planted = [Check(r"\frac{\partial L}{\partial h_1} &= V_{11} (p_1 - t_1), \label{eq:grad-h1}", 'dL/dh_1 PLANTED: cross term V_21 (p_2 - t_2) missing',
                 gh[0], V[0, 0] * r[0])]

def sampler(rng):
    v = {s: sp.Float(rng.uniform(-1.5, 1.5), 30) for s in base}
    k = rng.randrange(2)
    v[t[0]], v[t[1]] = sp.Integer(int(k == 0)), sp.Integer(int(k == 1))
    v[u] = sp.Float(rng.uniform(-3, 3), 30)
    return v

if __name__ == '__main__':
    run('softmax-tanh-article', checks, 'dL/dh_1 (eq:grad-h1)', planted, sampler, npts=8)
    fd_check(L, params, sampler)
