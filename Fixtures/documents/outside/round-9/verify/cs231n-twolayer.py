"""Verify cs231n-twolayer: N=2, D=2, H=2, C=2, ReLU, mean softmax loss,
L2 reg (lambda/2) sum W^2."""
import random
import sympy as sp
from common import *

N, D, H, C = 2, 2, 2, 2
X = mat("X", N, D)
Yh = mat("Y", N, C)                          # one-hot labels
W1, b1 = mat("W1", D, H), vec("b1", H)
W2, b2 = mat("W2", H, C), vec("b2", C)
lam = sp.Symbol("lambda", positive=True)
eZ, eA, eS = mat("eZ", N, H), mat("eA", N, H), mat("eS", N, C)
EPS = [eZ, eA, eS]

Z1 = [[sum(X[i][d] * W1[d][h] for d in range(D)) + b1[h] + eZ[i][h]
       for h in range(H)] for i in range(N)]
A1 = [[relu(Z1[i][h]) + eA[i][h] for h in range(H)] for i in range(N)]
S = [[sum(A1[i][h] * W2[h][k] for h in range(H)) + b2[k] + eS[i][k]
      for k in range(C)] for i in range(N)]
P = [softmax(row) for row in S]
Li = [-sum(Yh[i][k] * sp.log(P[i][k]) for k in range(C)) for i in range(N)]
reg = lam / 2 * (sum(v ** 2 for v in flat(W1)) + sum(v ** 2 for v in flat(W2)))
L = sp.Rational(1, N) * sum(Li) + reg

Z1v, A1v, Pv = at0(Z1, EPS), at0(A1, EPS), at0(P, EPS)
dS, dA1, dZ1 = grad(L, eS, EPS), grad(L, eA, EPS), grad(L, eZ, EPS)
dW1, db1, dW2, db2 = (grad(L, W1, EPS), grad(L, b1, EPS),
                      grad(L, W2, EPS), grad(L, b2, EPS))
dLi_dS = [[grad(Li[i], eS[i][k], EPS) for k in range(C)] for i in range(N)]
ones = [1] * N

def colsum(M):
    return [sum(M[i][j] for i in range(len(M))) for j in range(len(M[0]))]

claims = [
    Claim("dLi/dS_ik", r"$$\frac{\partial L_i}{\partial S_{ik}} = P_{ik} - \mathbb{1}(y_i = k).$$",
          lambda pt: (dLi_dS, [[Pv[i][k] - Yh[i][k] for k in range(C)] for i in range(N)])),
    Claim("dS", r"$$dS = \frac{1}{N} (P - Y) \qquad [N \times C]$$",
          lambda pt: (dS, scal(sp.Rational(1, N), madd(Pv, scal(-1, Yh))))),
    Claim("dW2", r"$$dW_2 = A_1^\top \, dS + \lambda W_2 \qquad",
          lambda pt: (dW2, madd(matmul(T(A1v), dS), scal(lam, W2)))),
    Claim("db2", r"$$db_2 = \sum_{i=1}^{N} dS_{i,:} = \mathbf{1}^\top dS \qquad [1 \times C]$$",
          lambda pt: ([db2, db2], [colsum(dS), [sum(ones[i] * dS[i][k] for i in range(N)) for k in range(C)]])),
    Claim("dA1", r"$$dA_1 = dS \, W_2^\top \qquad",
          lambda pt: (dA1, matmul(dS, T(W2)))),
    Claim("dZ1", r"$$dZ_1 = dA_1 \odot \mathbb{1}(Z_1 > 0) \qquad [N \times H]$$",
          lambda pt: (dZ1, had(dA1, [[relu_prime(v) for v in row] for row in Z1v]))),
    Claim("dW1", r"$$dW_1 = X^\top dZ_1 + \lambda W_1 \qquad",
          lambda pt: (dW1, madd(matmul(T(X), dZ1), scal(lam, W1)))),
    Claim("db1", r"$$db_1 = \mathbf{1}^\top dZ_1 \qquad [1 \times H]$$",
          lambda pt: (db1, colsum(dZ1))),
]
planted = lambda pt: (dA1, had(dS, T(W2)))

rng = random.Random(9006)
syms = flat([X, W1, b1, W2, b2])


def ok(pt):
    vals = [v.xreplace(pt) for v in flat(Z1v)]
    return all(abs(v) > sp.Rational(1, 20) for v in vals) and \
        sum(1 for v in vals if v > 0) >= 2


points = []
for pt in random_points(syms, rng, ok=ok):
    for i in range(N):
        cls = rng.randrange(C)
        pt.update({Yh[i][k]: int(k == cls) for k in range(C)})
    pt[lam] = sp.Rational(rng.randint(1, 500), 1000)
    points.append(pt)

run("cs231n-twolayer", ".md", 42,
    r"$$dA_1 = dS \odot W_2^\top \qquad", r"$$dA_1 = dS \, W_2^\top \qquad",
    claims, "dA1", planted, points)
