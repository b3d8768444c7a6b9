from common import *

P = Pair("four-equations", ".md")
x = vec("x", 2); y = vec("y", 2)
w2 = mat("w2_", 2, 2); b2 = vec("b2_", 2); w3 = mat("w3_", 2, 2); b3 = vec("b3_", 2)
z2s = vec("z2s", 2); z3s = vec("z3s", 2)
a1 = x
z2 = w2 * a1 + b2; a2 = emap(sig, z2)
z3 = w3 * a2 + b3; a3 = emap(sig, z3)
Cf = lambda A3: sp.Rational(1, 2) * sum((y[i] - A3[i])**2 for i in range(2))
C = Cf(a3)
d3_true = grad(Cf(emap(sig, z3s)), z3s).xreplace({z3s[i]: z3[i] for i in range(2)})
d2_true = grad(Cf(emap(sig, w3 * emap(sig, z2s) + b3)), z2s).xreplace({z2s[i]: z2[i] for i in range(2)})
sp3 = emap(sigd, z3); sp2 = emap(sigd, z2)

P.claim("We will use $\\sigma'(z)", "sigma'(z) = sigma(z)(1 - sigma(z)) (checked at z = z^2_1)",
        sp.diff(sig(z2s[0]), z2s[0]).xreplace({z2s[0]: z2[0]}), sig(z2[0]) * (1 - sig(z2[0])))
# general equations, instantiated for every layer where they apply (L = 3; BP2 for l = 2; BP3/BP4 for l = 2, 3)
P.claim("(BP1)", "BP1 with L = 3", d3_true, had(a3 - y, sp3))
P.claim("(BP2)", "BP2 with l = 2", d2_true, had(w3.T * d3_true, sp2))
P.claim("(BP3)", "BP3 for l = 3 (j = 1,2)", grad(C, b3), d3_true)
P.claim("(BP3)", "BP3 for l = 2 (j = 1,2)", grad(C, b2), d2_true)
P.claim("(BP4)", "BP4 for l = 3 (all j,k)", grad(C, w3), sp.Matrix(2, 2, lambda j, k: a2[k] * d3_true[j]))
P.claim("(BP4)", "BP4 for l = 2 (all j,k)", grad(C, w2), sp.Matrix(2, 2, lambda j, k: a1[k] * d2_true[j]))
# applied
P.claim("$$\\delta^3 = (a^3 - y)", "delta^3 = (a^3 - y) o sigma'(z^3)", d3_true, had(a3 - y, sp3))
P.claim("$$\\delta^2 = ", "delta^2 = ((w^3)^T delta^3) o sigma'(z^2)", d2_true, had(w3.T * d3_true, sp2),
        bad_snippet="\\circ \\sigma'(z^3)$$", bad_rhs=had(w3.T * d3_true, sp3))
P.claim("$$\\frac{\\partial C}{\\partial w^3_{jk}}", "dC/dw^3_jk = a^2_k delta^3_j", grad(C, w3), sp.Matrix(2, 2, lambda j, k: a2[k] * d3_true[j]))
P.claim("$$\\frac{\\partial C}{\\partial w^3_{jk}}", "dC/db^3_j = delta^3_j", grad(C, b3), d3_true)
P.claim("$$\\frac{\\partial C}{\\partial w^2_{jk}}", "dC/dw^2_jk = x_k delta^2_j", grad(C, w2), sp.Matrix(2, 2, lambda j, k: x[k] * d2_true[j]))
P.claim("$$\\frac{\\partial C}{\\partial w^2_{jk}}", "dC/db^2_j = delta^2_j", grad(C, b2), d2_true)
P.claim("In matrix form the weight gradients", "dC/dw^2 = delta^2 (a^1)^T = delta^2 x^T (inline)", grad(C, w2), d2_true * x.T)

def sampler(rng):
    return uniform(rng, list(x) + list(y) + list(w2) + list(b2) + list(w3) + list(b3))

sys.exit(0 if P.run(sampler, npoints=8) else 1)
