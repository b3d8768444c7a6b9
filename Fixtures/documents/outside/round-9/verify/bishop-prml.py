"""Verify bishop-prml(.tex): D=2, M=2, K=2, tanh hidden, linear outputs,
sum-of-squares error, biases as w_{j0} with x_0 = 1, z_0 = 1."""
import random
import sympy as sp
from common import *

D, M, K = 2, 2, 2
xs = vec("x", D)
t = vec("t", K)
w1 = mat("w1", M, D + 1)          # w1[j-1][i], i = 0..D
w2 = mat("w2", K, M + 1)          # w2[k-1][j], j = 0..M
ea, ey = vec("ea", M), vec("ey", K)
EPS = [ea, ey]
xf = [sp.Integer(1)] + xs          # x_0 = 1

a = [sum(w1[j][i] * xf[i] for i in range(D + 1)) + ea[j] for j in range(M)]
z = [sp.Integer(1)] + [sp.tanh(v) for v in a]      # z_0 = 1
y = [sum(w2[k][j] * z[j] for j in range(M + 1)) + ey[k] for k in range(K)]
En = sp.Rational(1, 2) * sum((y[k] - t[k]) ** 2 for k in range(K))

A, Z, Y = at0(a, EPS), at0(z, EPS), at0(y, EPS)
dk = grad(En, ey, EPS)                 # delta_k (a_k = y_k)
dj = grad(En, ea, EPS)                 # delta_j
g1, g2 = grad(En, w1, EPS), grad(En, w2, EPS)
u = sp.Symbol("u", real=True)

claims = [
    Claim("h'(a)", r"h'(a) = 1 - h(a)^2, \label{eq:hprime}",
          lambda pt: (sp.diff(sp.tanh(u), u), 1 - sp.tanh(u) ** 2)),
    Claim("dEn/dy_k", r"\frac{\partial E_n}{\partial y_k} &= y_k - t_k, \label{eq:dEdy}",
          lambda pt: (dk, [Y[k] - t[k] for k in range(K)])),
    Claim("delta_k", r"\delta_k &= y_k - t_k. \label{eq:deltak}",
          lambda pt: (dk, [Y[k] - t[k] for k in range(K)])),
    Claim("backprop formula", r"\delta_j = h'(a_j) \sum_{k=1}^{K} w^{(2)}_{kj} \delta_k, \label{eq:backprop}",
          lambda pt: (dj, [(1 - sp.tanh(A[j]) ** 2) * sum(w2[k][j + 1] * dk[k] for k in range(K))
                           for j in range(M)])),
    Claim("delta_j tanh", r"\delta_j = (1 - z_j^2) \sum_{k=1}^{K} w^{(2)}_{kj} \delta_k, \qquad j = 1, \ldots, M. \label{eq:deltaj}",
          lambda pt: (dj, [(1 - Z[j + 1] ** 2) * sum(w2[k][j + 1] * dk[k] for k in range(K))
                           for j in range(M)])),
    Claim("da_j/dw_ji = x_i, dy_k/dw_kj = z_j",
          r"$\partial y_k / \partial w^{(2)}_{kj} = z_j$",
          lambda pt: ([[grad(A[j], w1[j][i]) for i in range(D + 1)] for j in range(M)]
                      + [[grad(at0(y, EPS)[k], w2[k][j]) for j in range(M + 1)] for k in range(K)],
                      [[xf[i] for i in range(D + 1)] for j in range(M)]
                      + [[Z[j] for j in range(M + 1)] for k in range(K)])),
    Claim("grad1", r"\frac{\partial E_n}{\partial w^{(1)}_{ji}} &= \delta_j x_i, \label{eq:grad1}",
          lambda pt: (g1, [[dj[j] * xf[i] for i in range(D + 1)] for j in range(M)])),
    Claim("grad2", r"\frac{\partial E_n}{\partial w^{(2)}_{kj}} &= \delta_k z_j, \label{eq:grad2}",
          lambda pt: (g2, [[dk[k] * Z[j] for j in range(M + 1)] for k in range(K)])),
]
planted = lambda pt: (g1, [[dj[j] * Z[i] for i in range(D + 1)] for j in range(M)])

rng = random.Random(9007)
points = random_points(flat([xs, t, w1, w2]) + [u], rng)

run("bishop-prml", ".tex", 77,
    r"&= \delta_j z_i, \label{eq:grad1}", r"&= \delta_j x_i, \label{eq:grad1}",
    claims, "grad1", planted, points)
