from common import *

P = Pair("ridge-normal-equations", ".tex")
X = mat("X", 3, 2); yv = vec("y", 3); th = vec("th", 2); lam = sym("lam")
A = mat("A", 2, 2); bb = vec("bb", 2)
xi = [X[i, :].T for i in range(3)]
J = sum(((th.T * xi[i])[0] - yv[i])**2 for i in range(3)) + lam * (th.T * th)[0]
res = X * th - yv
Jm = (res.T * res)[0] + lam * (th.T * th)[0]
Asym = (A + A.T) / 2
P.claim("label{eq:costmat}", "J = (X th - y)^T (X th - y) + lam th^T th (identity)", J, Jm)
P.claim("Using $\\nabla_\\theta\\, \\theta^T A \\theta = 2 A \\theta$", "grad th^T A th = 2 A th, A symmetric (inline)",
        grad((th.T * Asym * th)[0], th), 2 * Asym * th)
P.claim("Using $\\nabla_\\theta\\, \\theta^T A \\theta = 2 A \\theta$", "grad b^T th = b (inline)", grad((bb.T * th)[0], th), bb)
P.claim("label{eq:gradfit}", "grad of fit term = 2 X^T (X th - y)", grad((res.T * res)[0], th), 2 * X.T * res)
P.claim("label{eq:gradreg}", "grad of lam th^T th = 2 lam th", grad(lam * (th.T * th)[0], th), 2 * lam * th)
P.claim("\\nabla_\\theta J(\\theta) =", "grad J = 2 X^T (X th - y) + 2 lam th", grad(J, th), 2 * X.T * res + 2 * lam * th,
        bad_snippet="+ \\lambda \\theta .", bad_rhs=2 * X.T * res + lam * th)
P.claim("label{eq:gradj}", "dJ/dth_j componentwise, j=1,2", grad(J, th),
        sp.Matrix([2 * sum(((th.T * xi[i])[0] - yv[i]) * X[i, j] for i in range(3)) + 2 * lam * th[j] for j in range(2)]))
Hs = sp.hessian(J, th)
P.claim("2 \\sum_{i=1}^{3} \\big(x^{(i)}_1\\big)^2 + 2\\lambda &", "Hessian row 1 (bmatrix)", Hs[0, :],
        sp.Matrix([[2 * sum(X[i, 0]**2 for i in range(3)) + 2 * lam, 2 * sum(X[i, 0] * X[i, 1] for i in range(3))]]))
P.claim("& 2 \\sum_{i=1}^{3} \\big(x^{(i)}_2\\big)^2 + 2\\lambda", "Hessian row 2 (bmatrix)", Hs[1, :],
        sp.Matrix([[2 * sum(X[i, 0] * X[i, 1] for i in range(3)), 2 * sum(X[i, 1]**2 for i in range(3)) + 2 * lam]]))
P.claim("= 2 \\left( X^T X + \\lambda I \\right), \\label{eq:hess}", "Hessian = 2 (X^T X + lam I)", Hs, 2 * (X.T * X + lam * sp.eye(2)))
thstar = (X.T * X + lam * sp.eye(2)).inv() * X.T * yv
P.claim("label{eq:normal}", "theta* = (X^T X + lam I)^-1 X^T y zeroes the gradient", grad(J, th).xreplace({th[0]: thstar[0], th[1]: thstar[1]}), sp.zeros(2, 1))

def sampler(rng):
    d = uniform(rng, list(X) + list(yv) + list(th) + list(A) + list(bb))
    d[lam] = sp.Float(rng.uniform(0.1, 2), DIGITS)
    return d

sys.exit(0 if P.run(sampler, npoints=8) else 1)
