from common import *

P = Pair("activation-deltas", ".md")
x = vec("x", 2); y = vec("y", 2)
W1 = mat("W1_", 2, 2); b1 = vec("b1_", 2); W2 = mat("W2_", 2, 2); b2 = vec("b2_", 2)
a1s = vec("a1s", 2); a2s = vec("a2s", 2); z2s = vec("z2s", 2)

z1 = W1 * x + b1; a1 = emap(sig, z1)
z2 = W2 * a1 + b2; a2 = emap(sig, z2)
Lfun_a2 = lambda A2: sp.Rational(1, 2) * sum((A2[i] - y[i])**2 for i in range(2))
L = Lfun_a2(a2)
sub = lambda s, v: {s[i]: v[i] for i in range(len(s))}

d2_true = grad(Lfun_a2(a2s), a2s).xreplace(sub(a2s, a2))
dz2_true = grad(Lfun_a2(emap(sig, z2s)), z2s).xreplace(sub(z2s, z2))
d1_true = grad(Lfun_a2(emap(sig, W2 * a1s + b2)), a1s).xreplace(sub(a1s, a1))

sp2 = emap(sigd, z2); sp1 = emap(sigd, z1)
d2 = a2 - y
g2 = had(d2, sp2)
d1 = W2.T * g2
one = sp.ones(2, 1)

P.claim("$$\\boldsymbol{\\delta}^{(2)} = \\mathbf{a}^{(2)} - \\mathbf{y}.$$", "delta2 = a2 - y", d2_true, d2)
P.claim("\\frac{\\partial L}{\\partial \\mathbf{z}^{(2)}} =", "dL/dz2 = delta2 (.) sigma'(z2)", dz2_true, g2)
P.claim("\\frac{\\partial L}{\\partial \\mathbf{z}^{(2)}} =", "dL/dz2 = delta2 (.) a2 (.) (1 - a2)  [2nd equality, same line]",
        dz2_true, had(had(d2, a2), one - a2))
P.claim("$$\\nabla_{\\mathbf{W}^{(2)}} L", "grad_W2 L = (delta2 (.) sigma'(z2)) a1^T", grad(L, W2), g2 * a1.T)
P.claim("$$\\nabla_{\\mathbf{b}^{(2)}} L", "grad_b2 L = delta2 (.) sigma'(z2)", grad(L, b2), g2)
P.claim("$$\\boldsymbol{\\delta}^{(1)} =", "delta1 = W2^T (delta2 (.) sigma'(z2))", d1_true, d1,
        bad_snippet="\\big(\\mathbf{W}^{(2)\\top} \\boldsymbol{\\delta}^{(2)}\\big) \\odot",
        bad_rhs=had(W2.T * d2, sp2))
P.claim("$$\\nabla_{\\mathbf{W}^{(1)}} L", "grad_W1 L = (delta1 (.) sigma'(z1)) x^T", grad(L, W1), had(d1_true, sp1) * x.T)
P.claim("$$\\nabla_{\\mathbf{b}^{(1)}} L", "grad_b1 L = delta1 (.) a1 (.) (1 - a1)", grad(L, b1), had(had(d1_true, a1), one - a1))

def sampler(rng):
    return uniform(rng, list(x) + list(y) + list(W1) + list(b1) + list(W2) + list(b2))

sys.exit(0 if P.run(sampler, npoints=8) else 1)
