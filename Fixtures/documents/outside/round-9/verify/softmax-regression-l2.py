"""Verify softmax-regression-l2: K = 3, x in R^2, N = 2 examples, mean
cross-entropy + (lambda/2)||W||_F^2 (bias not regularised)."""
import random
import sympy as sp
from common import *

N, K = 2, 3
X = mat("X", N, 2)
Y = mat("Y", N, K)                 # one-hot rows
W, b = mat("W", K, 2), vec("b", K)
lam = sp.Symbol("lambda", positive=True)
ez = mat("ez", N, K)
EPS = [ez]

z = [[sum(W[k][j] * X[n][j] for j in range(2)) + b[k] + ez[n][k] for k in range(K)] for n in range(N)]
p = [softmax(row) for row in z]
pen = lam / 2 * sum(v ** 2 for v in flat(W))
J = -sp.Rational(1, N) * sum(Y[n][k] * sp.log(p[n][k]) for n in range(N) for k in range(K)) + pen
single = -sum(Y[0][k] * sp.log(p[0][k]) for k in range(K))      # one example's loss

P = at0(p, EPS)
R = [[P[n][k] - Y[n][k] for k in range(K)] for n in range(N)]
gz, gW, gb = grad(J, ez, EPS), grad(J, W, EPS), grad(J, b, EPS)
ones = [1] * N

claims = [
    Claim("single-example logit gradient", r"has the well-known gradient $p_k - y_k$ with respect to the logit $z_k$",
          lambda pt: (grad(single, ez[0], EPS), R[0])),
    Claim("dJ/dz", r"$$\frac{\partial J}{\partial z^{(n)}_k} = \frac{1}{N} \left(p^{(n)}_k - y^{(n)}_k\right).$$",
          lambda pt: (gz, scal(sp.Rational(1, N), R))),
    Claim("penalty derivative", r"\left( \frac{\lambda}{2} \sum_{k', j'} W_{k'j'}^2 \right) = \lambda W_{kj}$",
          lambda pt: (grad(pen, W), scal(lam, W))),
    Claim("dJ/dW_kj", r"$$\frac{\partial J}{\partial W_{kj}} = \frac{1}{N} \sum_{n=1}^{N} \left(p^{(n)}_k - y^{(n)}_k\right) x^{(n)}_j + \lambda W_{kj},$$",
          lambda pt: (gW, [[sp.Rational(1, N) * sum(R[n][k] * X[n][j] for n in range(N)) + lam * W[k][j]
                            for j in range(2)] for k in range(K)])),
    Claim("dJ/db_k", r"$$\frac{\partial J}{\partial b_k} = \frac{1}{N} \sum_{n=1}^{N} \left(p^{(n)}_k - y^{(n)}_k\right).$$",
          lambda pt: (gb, [sp.Rational(1, N) * sum(R[n][k] for n in range(N)) for k in range(K)])),
    Claim("grad_W matrix", r"$$\nabla_W J = \frac{1}{N} (P - Y)^\top X + \lambda W,$$",
          lambda pt: (gW, madd(scal(sp.Rational(1, N), matmul(T(R), X)), scal(lam, W)))),
    Claim("grad_b matrix", r"$$\nabla_{\mathbf{b}} J = \frac{1}{N} (P - Y)^\top \mathbf{1}.$$",
          lambda pt: (gb, scal(sp.Rational(1, N), matvec(T(R), ones)))),
]
planted = lambda pt: (gW, [[sum(R[n][k] * X[n][j] for n in range(N)) + lam * W[k][j]
                            for j in range(2)] for k in range(K)])

rng = random.Random(9013)
points = []
for pt in random_points(flat([X, W, b]), rng):
    for n in range(N):
        cls = rng.randrange(K)
        pt.update({Y[n][k]: int(k == cls) for k in range(K)})
    pt[lam] = sp.Rational(rng.randint(1, 500), 1000)
    points.append(pt)

run("softmax-regression-l2", ".md", 25,
    r"$$\frac{\partial J}{\partial W_{kj}} = \sum_{n=1}^{N}",
    r"$$\frac{\partial J}{\partial W_{kj}} = \frac{1}{N} \sum_{n=1}^{N}",
    claims, "dJ/dW_kj", planted, points)
