"""logreg-l2: N examples x in R^2 (checked with N = 2 and N = 3), y in {0,1},
J = (1/N) sum BCE + lam/2 ||w||^2 (w only)."""
from common import *

c = Checker("logreg-l2")
c.files("md", 31)
R = sp.Rational
lam, b, zz, P, Yy = sp.symbols("lam b z p y")
w = vec("w", 2)

# single-example facts (y symbolic, so they hold for y = 0 and y = 1 alike)
ell_p = -(Yy * sp.log(P) + (1 - Yy) * sp.log(1 - P))
c.claim("(a) dsigma/dz = sigma(1 - sigma)", sigmoid(zz) * (1 - sigmoid(zz)), sp.diff(sigmoid(zz), zz))
c.claim("(a) dl/dp = -y/p + (1-y)/(1-p)", -Yy / P + (1 - Yy) / (1 - P), sp.diff(ell_p, P),)
ell_z = ell_p.subs(P, sigmoid(zz))
pz = sigmoid(zz)
c.claim("(a) dl/dz = dl/dp p(1-p)", (sp.diff(ell_p, P) * P * (1 - P)).subs(P, pz), sp.diff(ell_z, zz))
c.claim("(a) ... = -y(1-p) + (1-y)p", -Yy * (1 - pz) + (1 - Yy) * pz, sp.diff(ell_z, zz))
c.claim("(a) ... = p - y", pz - Yy, sp.diff(ell_z, zz))
xs = vec("xs", 2)
ell_wb = ell_p.subs(P, sigmoid((w.T * xs)[0] + b))
p1 = sigmoid((w.T * xs)[0] + b)
c.claim("(a) dz/dw = x, dz/db = 1", sp.Matrix([xs[0], xs[1], 1]),
        sp.Matrix([sp.diff((w.T * xs)[0] + b, v) for v in (w[0], w[1], b)]))
c.claim("(a) grad_w l = (p - y) x", (p1 - Yy) * xs, grad(ell_wb, w))
c.claim("(a) dl/db = p - y", p1 - Yy, sp.diff(ell_wb, b))

for N in (2, 3):
    print(" mini-batch N = %d" % N)
    X = mat("X", N, 2)
    yv = vec("yy", N)
    xs_ = [X[n, :].T for n in range(N)]
    ps = [sigmoid((w.T * xs_[n])[0] + b) for n in range(N)]
    ells = [-(yv[n] * sp.log(ps[n]) + (1 - yv[n]) * sp.log(1 - ps[n])) for n in range(N)]
    J = sum(ells) / N + lam / 2 * (w.T * w)[0]
    gw, gb = grad(J, w), sp.diff(J, b)
    pv = sp.Matrix(ps)
    c.claim("grad_w J = (1/N) sum (p_n - y_n) x_n + lam w", sum(((ps[n] - yv[n]) * xs_[n] for n in range(N)), sp.zeros(2, 1)) / N + lam * w, gw)
    c.claim("dJ/db = (1/N) sum (p_n - y_n)", sum(ps[n] - yv[n] for n in range(N)) / N, gb)
    c.claim("(b) sum_n (p_n - y_n) x_n = X^T (p - y)", sum(((ps[n] - yv[n]) * xs_[n] for n in range(N)), sp.zeros(2, 1)), X.T * (pv - yv))
    c.claim("(b) grad_w J = (1/N) X^T (p - y) + lam w", X.T * (pv - yv) / N + lam * w, gw)
    c.claim("(b) dJ/db = (1/N) 1^T (p - y)", (sp.ones(1, N) * (pv - yv))[0] / N, gb)
    c.claim("remark: dropping 1/N does NOT give the gradient", X.T * (pv - yv) + lam * w, gw, expect=False)

# (c) numbers
X = sp.Matrix([[1, 2], [-1, 0]])
yv = sp.Matrix([1, 0])
ps = [sigmoid((w.T * X[n, :].T)[0] + b) for n in range(2)]
J = sum(-(yv[n] * sp.log(ps[n]) + (1 - yv[n]) * sp.log(1 - ps[n])) for n in range(2)) / 2 + lam / 2 * (w.T * w)[0]
at = {w[0]: 0, w[1]: 0, b: 0, lam: R(1, 10)}
c.claim("(c) z1 = z2 = 0", sp.Matrix([(w.T * X[n, :].T)[0] + b for n in range(2)]).subs(at), sp.zeros(2, 1))
c.claim("(c) p1 = p2 = 1/2", sp.Matrix(ps).subs(at), sp.Matrix([R(1, 2), R(1, 2)]))
c.claim("(c) J(0,0) = log 2", J.subs(at), sp.log(2))
c.claim("(c) log 2 ~ 0.6931", sp.Float(round(float(sp.log(2)), 4)), sp.Float(0.6931))
gw = grad(J, w).subs(at)
c.claim("(c) grad_w J = 1/2[(1/2-1)(1,2) + (1/2-0)(-1,0)] + 0.1*0",
        (R(1, 2) * ((R(1, 2) - 1) * sp.Matrix([1, 2]) + (R(1, 2) - 0) * sp.Matrix([-1, 0])) + R(1, 10) * sp.zeros(2, 1)), gw)
c.claim("(c) grad_w J = (-0.5, -0.5)", sp.Matrix([-R(1, 2), -R(1, 2)]), gw)
c.claim("(c) dJ/db = 1/2[(1/2-1) + (1/2-0)] = 0", sp.Matrix([R(1, 2) * ((R(1, 2) - 1) + (R(1, 2) - 0)), 0]),
        sp.Matrix([sp.diff(J, b).subs(at)] * 2))
c.claim("(c) first step -grad_w J is along (1, 1)", -gw / gw.norm() * sp.sqrt(2), sp.Matrix([1, 1]))

# planted line 31
c.claim("PLANTED dl/dp = -y/p - (1-y)/(1-p)", -Yy / P - (1 - Yy) / (1 - P), sp.diff(ell_p, P), expect=False)
c.finish()
