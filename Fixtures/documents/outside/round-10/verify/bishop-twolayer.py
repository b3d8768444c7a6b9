"""bishop-twolayer: D=2, M=3 tanh hidden, K=2 linear outputs, E_n = 1/2 sum_k (y_k - t_k)^2,
biases absorbed (x_0 = 1, z_0 = 1)."""
from common import *

c = Checker("bishop-twolayer")
c.files("tex", 83)
D, M, K = 2, 3, 2
w1 = sp.Matrix(M, D + 1, lambda j, i: sp.Symbol("w1_%d%d" % (j + 1, i)))   # w^{(1)}_{ji}, i = 0..D
w2 = sp.Matrix(K, M + 1, lambda k, j: sp.Symbol("w2_%d%d" % (k + 1, j)))   # w^{(2)}_{kj}, j = 0..M
h = sp.tanh


def forward(xv):
    xa = [1] + list(xv)                                   # x_0 = 1
    a = [sum(w1[j, i] * xa[i] for i in range(D + 1)) for j in range(M)]
    z = [1] + [h(aj) for aj in a]                         # z_0 = 1
    y = [sum(w2[k, j] * z[j] for j in range(M + 1)) for k in range(K)]
    return xa, a, z, y


def grads(xv, tv):
    xa, a, z, y = forward(xv)
    En = sp.Rational(1, 2) * sum((y[k] - tv[k]) ** 2 for k in range(K))
    As = sp.symbols("A1:%d" % (M + 1))
    Ys = sp.symbols("Y1:%d" % (K + 1))
    E_of_ak = sp.Rational(1, 2) * sum((Ys[k] - tv[k]) ** 2 for k in range(K))
    dk = [sp.diff(E_of_ak, Ys[k]).subs(dict(zip(Ys, y))) for k in range(K)]
    zs = [1] + [h(A) for A in As]
    E_of_aj = sp.Rational(1, 2) * sum((sum(w2[k, j] * zs[j] for j in range(M + 1)) - tv[k]) ** 2 for k in range(K))
    dj = [sp.diff(E_of_aj, As[j]).subs(dict(zip(As, a))) for j in range(M)]
    return xa, a, z, y, En, dk, dj


x, t = vec("x", D), vec("t", K)
xa, a, z, y, En, dk, dj = grads(x, t)
s = sp.Symbol("s")
hp = lambda v: sp.diff(h(s), s).subs(s, v)
G1 = sp.Matrix(M, D + 1, lambda j, i: sp.diff(En, w1[j, i]))
G2 = sp.Matrix(K, M + 1, lambda k, j: sp.diff(En, w2[k, j]))
dkM = sp.Matrix(dk)
djM = sp.Matrix(dj)

c.claim("eq:hidden a_j = sum_i w1_ji x_i with x_0=1",
        sp.Matrix([w1[j, 0] + sum(w1[j, i + 1] * x[i] for i in range(D)) for j in range(M)]), sp.Matrix(a))
c.claim("eq:gradw1 dE/dw1_ji = (dE/da_j)(da_j/dw1_ji) = delta_j x_i",
        sp.Matrix(M, D + 1, lambda j, i: dj[j] * sp.diff(a[j], w1[j, i])), G1)
c.claim("eq:gradw1 ... = delta_j x_i", sp.Matrix(M, D + 1, lambda j, i: dj[j] * xa[i]), G1)
c.claim("da_k/dw2_kj = z_j", sp.Matrix(K, M + 1, lambda k, j: z[j]), sp.Matrix(K, M + 1, lambda k, j: sp.diff(y[k], w2[k, j])))
c.claim("eq:gradw2 dE/dw2_kj = delta_k z_j", sp.Matrix(K, M + 1, lambda k, j: dk[k] * z[j]), G2)
c.claim("eq:deltak delta_k = y_k - t_k", sp.Matrix([y[k] - t[k] for k in range(K)]), dkM)
c.claim("eq:backprop delta_j = h'(a_j) sum_{k=1}^K w2_kj delta_k",
        sp.Matrix([hp(a[j]) * sum(w2[k, j + 1] * dk[k] for k in range(K)) for j in range(M)]), djM)
# middle expression sum_k dE/da_k * da_k/da_j
As_ = sp.symbols("AA1:%d" % (M + 1))
ak_of_aj = [sum(w2[k, j] * ([1] + [h(A) for A in As_])[j] for j in range(M + 1)) for k in range(K)]
dak_daj = sp.Matrix(K, M, lambda k, j: sp.diff(ak_of_aj[k], As_[j]).subs(dict(zip(As_, a))))
c.claim("eq:backprop middle: sum_k dE/da_k da_k/da_j",
        sp.Matrix([sum(dk[k] * dak_daj[k, j] for k in range(K)) for j in range(M)]), djM)
c.claim("eq:tanhprime h'(a) = 1 - h(a)^2", 1 - h(s) ** 2, sp.diff(h(s), s))
c.claim("eq:deltaj delta_j = (1 - z_j^2) sum_k w2_kj delta_k",
        sp.Matrix([(1 - z[j + 1] ** 2) * sum(w2[k, j + 1] * dk[k] for k in range(K)) for j in range(M)]), djM)
c.claim("eq:sum2 dE/dw2_kj = (y_k - t_k) z_j", sp.Matrix(K, M + 1, lambda k, j: (y[k] - t[k]) * z[j]), G2)
c.claim("eq:sum1 dE/dw1_ji = (1 - z_j^2)(sum_k w2_kj (y_k - t_k)) x_i",
        sp.Matrix(M, D + 1, lambda j, i: (1 - z[j + 1] ** 2) * sum(w2[k, j + 1] * (y[k] - t[k]) for k in range(K)) * xa[i]), G1)
c.claim("eq:bias dE/dw1_j0 = delta_j", djM, G1[:, 0])
c.claim("dE/dw2_k0 = delta_k", dkM, G2[:, 0])
# eq:batch with two patterns
x2, t2 = vec("xx", D), vec("tt", K)
En2 = grads(x2, t2)[4]
E = En + En2
c.claim("eq:batch dE/dw1_ji = sum_n dE_n/dw1_ji (2 patterns)",
        sp.Matrix(M, D + 1, lambda j, i: sp.diff(En, w1[j, i]) + sp.diff(En2, w1[j, i])),
        sp.Matrix(M, D + 1, lambda j, i: sp.diff(E, w1[j, i])))
c.claim("W = M(D+1) + K(M+1) = 9 + 8 = 17", sp.Matrix([M * (D + 1) + K * (M + 1), 9 + 8, M * (D + 1), K * (M + 1)]),
        sp.Matrix([17, 17, 9, 8]))
c.claim("17 = total number of weights and biases", 17, len(w1) + len(w2))
# planted line 83: delta_j = (1 - z_j)^2 sum_k ...
c.claim("PLANTED delta_j = (1 - z_j)^2 sum_k w2_kj delta_k",
        sp.Matrix([(1 - z[j + 1]) ** 2 * sum(w2[k, j + 1] * dk[k] for k in range(K)) for j in range(M)]), djM, expect=False)
c.finish()
