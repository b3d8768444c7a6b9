"""softmax-regression-l2: N = 2, x in R^3, K = 3, W in R^{3x3} (row per class), b in R^3,
J = (1/N) sum_n -log p^(n)_{y_n} + lam/2 ||W||_F^2."""
from common import *

c = Checker("softmax-regression-l2")
c.files("md", 36)
N, Dn, K = 2, 3, 3
W, b = mat("W", K, Dn), vec("b", K)
X = mat("X", N, Dn)
lam = sp.Symbol("lam")
xs = [X[n, :].T for n in range(N)]
soft = lambda z: sp.Matrix([sp.exp(z[k]) / sum(sp.exp(z[m]) for m in range(K)) for k in range(K)])
e = lambda yy: sp.Matrix([1 if k == yy - 1 else 0 for k in range(K)])
sq = lambda M: fsum(ew(lambda t: t**2, M))
Zs = vec("Z", K)

for labels in [(1, 2), (3, 3), (2, 1)]:
    print(" labels y =", labels)
    zs = [W * xs[n] + b for n in range(N)]
    ps = [soft(zs[n]) for n in range(N)]
    J = sum(-sp.log(ps[n][labels[n] - 1]) for n in range(N)) / N + lam / 2 * sq(W)
    # single example result
    for n in range(N):
        c.claim("d(-log p_y)/dz = p - e_y (example %d)" % (n + 1), soft(Zs) - e(labels[n]),
                grad(-sp.log(soft(Zs)[labels[n] - 1]), Zs))
    # dJ/dz^(n) with z^(n) replaced by free symbols
    for n in range(N):
        Zn = vec("Zn%d" % n, K)
        Jz = sum(-sp.log((soft(Zn) if m == n else ps[m])[labels[m] - 1]) for m in range(N)) / N + lam / 2 * sq(W)
        c.claim("dJ/dz^(%d) = (1/N)(p^(%d) - e_y%d)" % (n + 1, n + 1, n + 1), (ps[n] - e(labels[n])) / N,
                grad(Jz, Zn).subs(dict(zip(Zn, zs[n]))))
    c.claim("dz_k/dW_kj = x_j", sp.Matrix(K, Dn, lambda k, j: xs[0][j]), sp.Matrix(K, Dn, lambda k, j: sp.diff(zs[0][k], W[k, j])))
    c.claim("dz_k/db_k = 1", sp.ones(K, 1), sp.Matrix([sp.diff(zs[0][k], b[k]) for k in range(K)]))
    gW, gb = grad(J, W), grad(J, b)
    c.claim("grad_W J = (1/N) sum (p - e_y) x^T + lam W",
            sum(((ps[n] - e(labels[n])) * xs[n].T for n in range(N)), sp.zeros(K, Dn)) / N + lam * W, gW)
    c.claim("grad_b J = (1/N) sum (p - e_y)", sum((ps[n] - e(labels[n]) for n in range(N)), sp.zeros(K, 1)) / N, gb)
    P = sp.Matrix.vstack(*[ps[n].T for n in range(N)])
    Y = sp.Matrix.vstack(*[e(labels[n]).T for n in range(N)])
    c.claim("matrix: grad_W J = (1/N)(P - Y)^T X + lam W", (P - Y).T * X / N + lam * W, gW)
    c.claim("matrix: grad_b J = (1/N)(P - Y)^T 1", (P - Y).T * sp.ones(N, 1) / N, gb)
    c.claim("(P - Y)^T X is K x 3", sp.Matrix([((P - Y).T * X).shape]), sp.Matrix([[K, 3]]))
    c.claim("negctl: X^T(P - Y) has the right shape but is not the gradient", X.T * (P - Y) / N + lam * W, gW, expect=False)
    c.claim("rows of P - Y sum to zero", (P - Y) * sp.ones(K, 1), sp.zeros(N, 1))
    c.claim("sum_k dJ/db_k = 0", fsum(gb), 0)
    s = sp.Symbol("s")
    c.claim("adding a constant to all biases leaves J unchanged", J.subs({b[k]: b[k] + s for k in range(K)}), J)
    c.claim("negctl: 1/N on the penalty would be wrong", sum(((ps[n] - e(labels[n])) * xs[n].T for n in range(N)), sp.zeros(K, Dn)) / N + lam * W / N, gW, expect=False)
    # planted line 36
    c.claim("PLANTED grad_b J = (1/N) sum (p - e_y) + lam b",
            sum((ps[n] - e(labels[n]) for n in range(N)), sp.zeros(K, 1)) / N + lam * b, gb, expect=False)
c.finish()
