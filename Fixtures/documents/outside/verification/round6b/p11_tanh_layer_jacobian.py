from common import *

P = Pair("tanh-layer-jacobian", ".tex")
x = vec("x", 2); W = mat("W", 2, 2); b = vec("b", 2); v = vec("v", 2); c, t, Zs, Ys = sym("c t Zs Ys")
hs = vec("hs", 2)
z = W * x + b; h = emap(sp.tanh, z); y = (v.T * h)[0] + c; L = sp.Rational(1, 2) * (y - t)**2
sech2 = emap(lambda e: sp.sech(e)**2, z)
J = h.jacobian(x)
u = had(v, sech2)

P.claim("Since $\\frac{d}{dz}\\tanh(z) = \\mathrm{sech}^2(z)$", "d/dz tanh z = sech^2 z (inline)",
        sp.diff(sp.tanh(Zs), Zs).xreplace({Zs: z[0]}), sp.sech(z[0])**2)
P.claim("$\\frac{\\partial h_i}{\\partial x_j} = \\mathrm{sech}^2(z_i)\\, W_{ij}$", "dh_i/dx_j = sech^2(z_i) W_ij (inline, all i,j)",
        J, sp.Matrix(2, 2, lambda i, j: sp.sech(z[i])**2 * W[i, j]))
P.claim("\\mathrm{sech}^2(z_1)\\, W_{11} & \\mathrm{sech}^2(z_1)\\, W_{12}", "eq:jac row 1", J[0, :],
        sp.Matrix([[sp.sech(z[0])**2 * W[0, 0], sp.sech(z[0])**2 * W[0, 1]]]))
P.claim("\\mathrm{sech}^2(z_2)\\, W_{21} & \\mathrm{sech}^2(z_2)\\, W_{22}", "eq:jac row 2", J[1, :],
        sp.Matrix([[sp.sech(z[1])**2 * W[1, 0], sp.sech(z[1])**2 * W[1, 1]]]),
        bad_snippet="\\mathrm{sech}^2(z_1)\\, W_{21} & \\mathrm{sech}^2(z_1)\\, W_{22}",
        bad_rhs=sp.Matrix([[sp.sech(z[0])**2 * W[1, 0], sp.sech(z[0])**2 * W[1, 1]]]))
P.claim("label{eq:jacdiag}", "dh/dx = diag(sech^2 z) W", J, sp.diag(*sech2) * W)
P.claim("With $\\partial L / \\partial y = y - t$", "dL/dy = y - t (inline)",
        sp.diff(sp.Rational(1, 2) * (Ys - t)**2, Ys).xreplace({Ys: y}), y - t)
P.claim("With $\\partial L / \\partial y = y - t$", "dy/dh = v^T (inline)",
        sp.Matrix([[sp.diff((v.T * hs)[0] + c, hs[i]) for i in range(2)]]), v.T)
P.claim("label{eq:gx1}", "grad_x L = (y-t) J^T v", grad(L, x), (y - t) * J.T * v)
P.claim("label{eq:gx2}", "grad_x L = (y-t) W^T (v (.) sech^2 z)", grad(L, x), (y - t) * W.T * u)
P.claim("label{eq:gv}", "grad_v L = (y-t) h", grad(L, v), (y - t) * h)
P.claim("label{eq:gv}", "dL/dc = y - t", sp.diff(L, c), y - t)
P.claim("label{eq:gw}", "grad_b L = (y-t)(v (.) sech^2 z)", grad(L, b), (y - t) * u)
P.claim("label{eq:gw}", "grad_W L = (y-t)(v (.) sech^2 z) x^T", grad(L, W), (y - t) * u * x.T)

def sampler(rng):
    return uniform(rng, list(x) + list(W) + list(b) + list(v) + [c, t])

sys.exit(0 if P.run(sampler, npoints=8) else 1)
