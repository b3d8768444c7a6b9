from common import *

P = Pair("tied-autoencoder", ".md")
x = vec("x", 3); W = mat("W", 2, 3); b = vec("b", 2); c = vec("c", 3)
xh_s = vec("xhs", 3); h_s = vec("hs", 2); a_s = vec("as", 2)
a = W * x + b; h = emap(sig, a); xh = W.T * h + c; r = xh - x
Lf_xh = lambda XH: sp.Rational(1, 2) * sum((XH[i] - x[i])**2 for i in range(3))
L = Lf_xh(xh)
sub = lambda A, B: {A[i]: B[i] for i in range(len(A))}
one = sp.ones(2, 1)
ga = had(had(W * r, h), one - h)

P.claim("$$\\nabla_{\\hat{\\mathbf{x}}} L = \\mathbf{r}$$", "grad_xhat L = r", grad(Lf_xh(xh_s), xh_s).xreplace(sub(xh_s, xh)), r)
P.claim("$$\\nabla_{\\mathbf{c}} L = \\mathbf{r}$$", "grad_c L = r", grad(L, c), r)
P.claim("$$\\nabla_{\\mathbf{h}} L = \\mathbf{W} \\mathbf{r}$$", "grad_h L = W r", grad(Lf_xh(W.T * h_s + c), h_s).xreplace(sub(h_s, h)), W * r)
P.claim("$$\\nabla_{\\mathbf{a}} L =", "grad_a L = (W r) (.) h (.) (1-h)", grad(Lf_xh(W.T * emap(sig, a_s) + c), a_s).xreplace(sub(a_s, a)), ga)
P.claim("$$\\nabla_{\\mathbf{b}} L =", "grad_b L = (W r) (.) h (.) (1-h)", grad(L, b), ga)
P.claim("$$\\nabla_{\\mathbf{W}} L =", "grad_W L = h r^T + (...) x^T", grad(L, W), h * r.T + ga * x.T,
        bad_snippet="$$\\nabla_{\\mathbf{W}} L = \\big(", bad_rhs=ga * x.T)
# inline: (W^T)^T = W, and the matrix identity behind 'transpose of the outer product r h^T'
P.claim("so the gradient flows back through $(\\mathbf{W}^\\top)^\\top = \\mathbf{W}$", "(W^T)^T = W (inline)", W.T.T, W)

def sampler(rng):
    return uniform(rng, list(x) + list(W) + list(b) + list(c))

sys.exit(0 if P.run(sampler, npoints=8) else 1)
