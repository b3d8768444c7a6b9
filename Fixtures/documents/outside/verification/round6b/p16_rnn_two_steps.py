from common import *

P = Pair("rnn-two-steps", ".md")
h0 = vec("h0_", 2); x1 = vec("x1_", 2); x2 = vec("x2_", 2)
W = mat("W", 2, 2); U = mat("U", 2, 2); b = vec("b", 2); v = vec("v", 2); y = sym("y")
a1s = vec("a1s", 2); a2s = vec("a2s", 2); h1s = vec("h1s", 2); h2s = vec("h2s", 2)
a1 = W * h0 + U * x1 + b; h1 = emap(sp.tanh, a1)
a2 = W * h1 + U * x2 + b; h2 = emap(sp.tanh, a2)
Lf_h2 = lambda H2: sp.Rational(1, 2) * ((v.T * H2)[0] - y)**2
Lf_h1 = lambda H1: Lf_h2(emap(sp.tanh, W * H1 + U * x2 + b))
L = Lf_h2(h2)
yh = (v.T * h2)[0]
sub = lambda A, B: {A[i]: B[i] for i in range(2)}
dh2 = grad(Lf_h2(h2s), h2s).xreplace(sub(h2s, h2))
d2_true = grad(Lf_h2(emap(sp.tanh, a2s)), a2s).xreplace(sub(a2s, a2))
dh1 = grad(Lf_h1(h1s), h1s).xreplace(sub(h1s, h1))
d1_true = grad(Lf_h1(emap(sp.tanh, a1s)), a1s).xreplace(sub(a1s, a1))
one = sp.ones(2, 1)

P.claim("$$\\nabla_{\\mathbf{v}} L =", "grad_v L = (yh - y) h2", grad(L, v), (yh - y) * h2)
P.claim("$$\\frac{\\partial L}{\\partial \\mathbf{h}_2} =", "dL/dh2 = (yh - y) v", dh2, (yh - y) * v)
P.claim("$$\\boldsymbol{\\delta}_2 =", "delta2 = (yh - y) v (.) (1 - h2 (.) h2)", d2_true, had((yh - y) * v, one - had(h2, h2)))
P.claim("$$\\frac{\\partial L}{\\partial \\mathbf{h}_1} =", "dL/dh1 = W^T delta2", dh1, W.T * d2_true,
        bad_snippet="= \\mathbf{W} \\boldsymbol{\\delta}_2$$", bad_rhs=W * d2_true)
P.claim("$$\\boldsymbol{\\delta}_1 =", "delta1 = (W^T delta2) (.) (1 - h1 (.) h1)", d1_true, had(W.T * d2_true, one - had(h1, h1)))
P.claim("$$\\nabla_{\\mathbf{W}} L =", "grad_W L = delta2 h1^T + delta1 h0^T", grad(L, W), d2_true * h1.T + d1_true * h0.T)
P.claim("$$\\nabla_{\\mathbf{U}} L =", "grad_U L = delta2 x2^T + delta1 x1^T", grad(L, U), d2_true * x2.T + d1_true * x1.T)
P.claim("$$\\nabla_{\\mathbf{b}} L =", "grad_b L = delta2 + delta1", grad(L, b), d2_true + d1_true)

T = sp.Symbol("T", real=True)
P.claim("and $\\tanh' = 1 - \\tanh^2$", "tanh' = 1 - tanh^2 (inline, at a_2,1)",
        sp.diff(sp.tanh(T), T).xreplace({T: a2[0]}), 1 - sp.tanh(a2[0])**2)

def sampler(rng):
    return uniform(rng, list(h0) + list(x1) + list(x2) + list(W) + list(U) + list(b) + list(v) + [y], -1.5, 1.5)

sys.exit(0 if P.run(sampler, npoints=8) else 1)
