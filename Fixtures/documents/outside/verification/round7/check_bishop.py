"""bishop.md: D=2 inputs (x_0 = 1), M=3 tanh hidden units (z_0 = 1), K=2 linear outputs, E_n = 1/2 sum_k (y_k - t_k)^2."""
import sympy as sp
from common import *

act_ok = check_activation_rules()
pair_ok = pair_diff('bishop')
D, Mh, K = 2, 3, 2
w1 = sp.Matrix(Mh, D + 1, lambda j, i: sp.Symbol(f'w1_{j+1}{i}'))     # rows j=1..M, cols i=0..D
w2 = sp.Matrix(K, Mh + 1, lambda k, j: sp.Symbol(f'w2_{k+1}{j}'))     # rows k=1..K, cols j=0..M
xin = [sp.Integer(1)] + [sp.Symbol(f'x{i}') for i in range(1, D + 1)]
t = [sp.Symbol(f't{k}') for k in range(1, K + 1)]
syms = list(w1) + list(w2) + xin[1:] + t

a = [sum(w1[j, i] * xin[i] for i in range(D + 1)) for j in range(Mh)]
zh = [sp.Integer(1)] + [th(a[j]) for j in range(Mh)]                  # zh[0] = z_0 = 1, zh[j] = z_j
yk = [sum(w2[k, j] * zh[j] for j in range(Mh + 1)) for k in range(K)]
E = sp.Rational(1, 2) * sum((yk[k] - t[k]) ** 2 for k in range(K))

A = [sp.Symbol(f'A{j+1}') for j in range(Mh)]; Ak = [sp.Symbol(f'AK{k+1}') for k in range(K)]
EAk = sp.Rational(1, 2) * sum((Ak[k] - t[k]) ** 2 for k in range(K))
dk_true = [sp.diff(EAk, Ak[k]).xreplace(dict(zip(Ak, yk))) for k in range(K)]
E_of_a = sp.Rational(1, 2) * sum((sum(w2[k, j] * ([1] + [th(A[jj]) for jj in range(Mh)])[j] for j in range(Mh + 1)) - t[k]) ** 2
                                 for k in range(K))
dj_true = [sp.diff(E_of_a, A[j]).xreplace(dict(zip(A, a))) for j in range(Mh)]
s = sp.Symbol('s')
hprime = lambda v: sp.diff(th(s), s).xreplace({s: v})

ck = Checker('bishop', syms)
ck.claim('delta_k = y_k - t_k', sp.Matrix([yk[k] - t[k] for k in range(K)]), sp.Matrix(dk_true))
ck.claim("delta_j = h'(a_j) sum_k w2_kj delta_k",
         sp.Matrix([hprime(a[j]) * sum(w2[k, j + 1] * dk_true[k] for k in range(K)) for j in range(Mh)]), sp.Matrix(dj_true))
ck.claim("h'(a) = 1 - h(a)^2 (at a = a_j)", sp.Matrix([1 - th(a[j]) ** 2 for j in range(Mh)]), sp.Matrix([hprime(a[j]) for j in range(Mh)]))
ck.claim('delta_j = (1 - z_j^2) sum_k w2_kj delta_k, j=1..M',
         sp.Matrix([(1 - zh[j + 1] ** 2) * sum(w2[k, j + 1] * dk_true[k] for k in range(K)) for j in range(Mh)]), sp.Matrix(dj_true))
ck.claim('dE/dw2_kj = delta_k z_j, k=1..K, j=0..M',
         sp.Matrix(K, Mh + 1, lambda k, j: dk_true[k] * zh[j]), grad(E, w2))
ck.claim('dE/dw1_ji = delta_j x_i, j=1..M, i=0..D  [corrected line 39]',
         sp.Matrix(Mh, D + 1, lambda j, i: dj_true[j] * xin[i]), grad(E, w1))
ck.claim('dE/dw1_ji = delta_j z_i, j=1..M, i=0..D  [PLANTED line 39]',
         sp.Matrix(Mh, D + 1, lambda j, i: dj_true[j] * zh[i]), grad(E, w1), planted=True)
ck.claim('general dE/dw_ji = delta_j z_i (sending activation) -- both layers',
         sp.Matrix([[dk_true[k] * zh[j] for k in range(K) for j in range(Mh + 1)] +
                    [dj_true[j] * xin[i] for j in range(Mh) for i in range(D + 1)]]),
         sp.Matrix([[sp.diff(E, w2[k, j]) for k in range(K) for j in range(Mh + 1)] +
                    [sp.diff(E, w1[j, i]) for j in range(Mh) for i in range(D + 1)]]))
ck.claim('bias derivs dE/dw2_k0 = delta_k, dE/dw1_j0 = delta_j',
         sp.Matrix(dk_true + dj_true), sp.Matrix([sp.diff(E, w2[k, 0]) for k in range(K)] + [sp.diff(E, w1[j, 0]) for j in range(Mh)]))
finish(ck, pair_ok, act_ok)
