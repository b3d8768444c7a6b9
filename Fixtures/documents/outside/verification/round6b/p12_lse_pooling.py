from common import *

P = Pair("lse-pooling", ".md")
x = vec("x", 2); W = mat("W", 3, 2); b = vec("b", 3); t, S = sym("t S")
zs = vec("zs", 3)
z = W * x + b
lse = lambda v: sp.log(sum(sp.exp(v[j]) for j in range(3)))
def softmax(v):
    den = sum(sp.exp(v[k]) for k in range(3))
    return sp.Matrix([sp.exp(v[j]) / den for j in range(3)])
s = lse(z); p = sig(s); L = sp.Rational(1, 2) * (p - t)**2
sm = softmax(z)
sub = {zs[j]: z[j] for j in range(3)}
ds_dz = grad(lse(zs), zs).xreplace(sub)
dL_ds = sp.diff(sp.Rational(1, 2) * (sig(S) - t)**2, S).xreplace({S: s})
dL_dz = grad(sp.Rational(1, 2) * (sig(lse(zs)) - t)**2, zs).xreplace(sub)
k = (p - t) * p * (1 - p)

P.claim("We will need $\\sigma'(s)", "sigma'(s) = sigma(s)(1 - sigma(s)) (inline)", sp.diff(sig(S), S).xreplace({S: s}), sig(s) * (1 - sig(s)))
P.claim("We will need $\\sigma'(s)", "sigma'(s) = p(1 - p) (inline)", sp.diff(sig(S), S).xreplace({S: s}), p * (1 - p))
P.claim("$$\\frac{\\partial s}{\\partial z_j} =", "ds/dz_j = exp(z_j)/sum_k exp(z_k), j=1..3", ds_dz,
        sp.Matrix([sp.exp(z[j]) / sum(sp.exp(z[k]) for k in range(3)) for j in range(3)]))
P.claim("$$\\nabla_{\\mathbf{z}} s =", "grad_z s = softmax(z)", ds_dz, sm)
P.claim("$$\\frac{\\partial L}{\\partial s} =", "dL/ds = (p - t) sigma'(s)", dL_ds, (p - t) * sigd(s),
        bad_snippet="(p - t)\\, \\sigma(s)$$", bad_rhs=(p - t) * sig(s))
P.claim("$$\\nabla_{\\mathbf{z}} L =", "grad_z L", dL_dz, k * sm)
P.claim("$$\\nabla_{\\mathbf{W}} L =", "grad_W L", grad(L, W), k * sm * x.T)
P.claim("$$\\nabla_{\\mathbf{b}} L =", "grad_b L", grad(L, b), k * sm)
P.claim("$$\\nabla_{\\mathbf{x}} L =", "grad_x L", grad(L, x), k * W.T * sm)

M = sp.Symbol("M", real=True)
P.claim("Implementation note: compute LSE as", "LSE(z) = m + log sum exp(z_j - m) (identity; checked for arbitrary m)",
        s, M + sp.log(sum(sp.exp(z[j] - M) for j in range(3))))

def sampler(rng):
    d = uniform(rng, list(x) + list(W) + list(b) + [M])
    d[t] = sp.Float(rng.uniform(0, 1), DIGITS)
    return d

ok = P.run(sampler, npoints=8)
# prose bound max_j z_j <= s <= max_j z_j + log 3 at the same kind of points
rng = random.Random(7)
for _ in range(20):
    d = sampler(rng)
    zz = [float(e.xreplace(d)) for e in z]; ss = float(s.xreplace(d))
    assert max(zz) <= ss <= max(zz) + float(sp.log(3)) + 1e-12
print("prose bound max z <= LSE(z) <= max z + log 3: OK at 20 points")
sys.exit(0 if ok else 1)
