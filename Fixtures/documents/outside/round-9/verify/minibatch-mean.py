"""Verify minibatch-mean: N = 3 examples, X in R^{3x2}, 2 softplus hidden
units, scalar linear output, L = 1/(2N) ||yhat - y||^2."""
import random
import sympy as sp
from common import *

N = 3
X, y = mat("X", N, 2), vec("y", N)
W1, b1 = mat("W1", 2, 2), vec("b1", 2)
w2, b2 = vec("w2", 2), sp.Symbol("b2", real=True)
eA, eH, ey = mat("eA", N, 2), mat("eH", N, 2), vec("ey", N)
EPS = [eA, eH, ey]
s = sp.Symbol("s", real=True)

A = [[sum(X[n][i] * W1[i][j] for i in range(2)) + b1[j] + eA[n][j] for j in range(2)] for n in range(N)]
H = [[softplus(A[n][j]) + eH[n][j] for j in range(2)] for n in range(N)]
yh = [sum(H[n][j] * w2[j] for j in range(2)) + b2 + ey[n] for n in range(N)]
L = sp.Rational(1, 2 * N) * sum((yh[n] - y[n]) ** 2 for n in range(N))

Av, Hv, YH = at0(A, EPS), at0(H, EPS), at0(yh, EPS)
g_true = grad(L, ey, EPS)
g = [sp.Rational(1, N) * (YH[n] - y[n]) for n in range(N)]
gH, gA = grad(L, eH, EPS), grad(L, eA, EPS)
gw2, gb2, gW1, gb1 = grad(L, w2, EPS), grad(L, b2, EPS), grad(L, W1, EPS), grad(L, b1, EPS)
ones = [1] * N

claims = [
    Claim("softplus'", r"$$\frac{d}{da} \log(1 + e^{a}) = \sigma(a) = \frac{1}{1 + e^{-a}}$$",
          lambda pt: ([sp.diff(softplus(s), s)] * 2, [sigmoid(s), 1 / (1 + sp.exp(-s))])),
    Claim("g", r"$$\mathbf{g} \equiv \frac{\partial L}{\partial \hat{\mathbf{y}}} = \frac{1}{N} (\hat{\mathbf{y}} - \mathbf{y}) \in \mathbb{R}^3$$",
          lambda pt: (g_true, g)),
    Claim("dL/dw2", r"$$\frac{\partial L}{\partial \mathbf{w}_2} = \mathbf{H}^\top \mathbf{g} \in \mathbb{R}^2$$",
          lambda pt: (gw2, matvec(T(Hv), g_true))),
    Claim("dL/db2", r"$$\frac{\partial L}{\partial b_2} = \frac{1}{N} \mathbf{1}^\top (\hat{\mathbf{y}} - \mathbf{y})$$",
          lambda pt: (gb2, sp.Rational(1, N) * sum(ones[n] * (YH[n] - y[n]) for n in range(N)))),
    Claim("dL/dH", r"$$\frac{\partial L}{\partial \mathbf{H}} = \mathbf{g}\, \mathbf{w}_2^\top \in \mathbb{R}^{3 \times 2}$$",
          lambda pt: (gH, outer(g_true, w2))),
    Claim("dL/dA", r"$$\frac{\partial L}{\partial \mathbf{A}} = \left(\mathbf{g}\, \mathbf{w}_2^\top\right) \odot \sigma(\mathbf{A}) \in \mathbb{R}^{3 \times 2}$$",
          lambda pt: (gA, had(outer(g_true, w2), [[sigmoid(a) for a in row] for row in Av]))),
    Claim("dL/dW1", r"$$\frac{\partial L}{\partial \mathbf{W}_1} = \mathbf{X}^\top \frac{\partial L}{\partial \mathbf{A}} \in \mathbb{R}^{2 \times 2}$$",
          lambda pt: (gW1, matmul(T(X), gA))),
    Claim("dL/db1", r"$$\frac{\partial L}{\partial \mathbf{b}_1} = \left(\frac{\partial L}{\partial \mathbf{A}}\right)^\top \mathbf{1} \in \mathbb{R}^2$$",
          lambda pt: (gb1, matvec(T(gA), ones))),
    Claim("dL/d(W1)_ij index form", r"= \frac{1}{N} \sum_{n=1}^{N} (\hat{y}_n - y_n)\, (w_2)_j\, \sigma(a^{(n)}_j)\, x^{(n)}_i$$",
          lambda pt: (gW1, [[sp.Rational(1, N) * sum((YH[n] - y[n]) * w2[j] * sigmoid(Av[n][j]) * X[n][i]
                                                     for n in range(N)) for j in range(2)] for i in range(2)])),
]
# planted: the (unsummed) vector (1/N)(yhat - y) in R^3 for a scalar gradient
planted = lambda pt: (gb2, [sp.Rational(1, N) * (YH[n] - y[n]) for n in range(N)])

rng = random.Random(9012)
points = random_points(flat([X, y, W1, b1, w2]) + [b2, s], rng)

run("minibatch-mean", ".md", 35,
    r"$$\frac{\partial L}{\partial b_2} = \frac{1}{N} (\hat{\mathbf{y}} - \mathbf{y})$$",
    r"$$\frac{\partial L}{\partial b_2} = \frac{1}{N} \mathbf{1}^\top (\hat{\mathbf{y}} - \mathbf{y})$$",
    claims, "dL/db2", planted, points)

# The planted right-hand side is also wrong entry by entry (not only in shape):
# no single example's term equals the summed gradient.
for pt in points:
    assert all(not close(num(gb2, pt), num(sp.Rational(1, N) * (YH[n] - y[n]), pt))
               for n in range(N))
print("   (planted b_2 gradient also differs from every single-example term)")
