from common import *

P = Pair("two-examples", ".md")
Z, H = sym("Z H")
# Example 1
x, w, b1, y1 = sym("x w b1 y1")
z1 = w * x + b1; h1 = sig(z1); L1 = sp.Rational(1, 2) * (h1 - y1)**2
dh1 = sp.diff(sig(Z), Z).xreplace({Z: z1})
dLdz1 = sp.diff(sp.Rational(1, 2) * (sig(Z) - y1)**2, Z).xreplace({Z: z1})
P.claim("$$h = \\sigma(z) = \\frac{1}{1 + e^{-z}}$$", "(definition, not a claim) sigma(z) = 1/(1+e^-z)", sig(z1), 1 / (1 + sp.exp(-z1)))
P.claim("$$\\frac{\\partial h}{\\partial z} = h (1 - h)$$", "Ex1 dh/dz = h(1-h)", dh1, h1 * (1 - h1))
P.claim("$$\\frac{\\partial L}{\\partial z} = (h - y)\\, h (1 - h)$$", "Ex1 dL/dz", dLdz1, (h1 - y1) * h1 * (1 - h1))
P.claim("$$\\frac{\\partial L}{\\partial w} = (h - y)\\, h (1 - h)\\, x$$", "Ex1 dL/dw", sp.diff(L1, w), (h1 - y1) * h1 * (1 - h1) * x)
P.claim("$$\\frac{\\partial L}{\\partial b} = (h - y)\\, h (1 - h)$$", "Ex1 dL/db", sp.diff(L1, b1), (h1 - y1) * h1 * (1 - h1))
# Example 2 (names z, h, b, y, L reused with new meanings)
xv = vec("xv", 2); wv = vec("wv", 2); b2, y2 = sym("b2 y2")
z2 = (wv.T * xv)[0] + b2; h2 = sp.tanh(z2); L2 = sp.Rational(1, 2) * (h2 - y2)**2
dh2 = sp.diff(sp.tanh(Z), Z).xreplace({Z: z2})
dLdz2 = sp.diff(sp.Rational(1, 2) * (sp.tanh(Z) - y2)**2, Z).xreplace({Z: z2})
P.claim("$$\\frac{\\partial h}{\\partial z} = 1 - h^2$$", "Ex2 dh/dz = 1 - h^2", dh2, 1 - h2**2)
P.claim("$$\\frac{\\partial L}{\\partial z} = (h - y)(1 - h^2)$$", "Ex2 dL/dz", dLdz2, (h2 - y2) * (1 - h2**2))
P.claim("$$\\nabla_{\\mathbf{w}} L =", "Ex2 grad_w L", grad(L2, wv), (h2 - y2) * (1 - h2**2) * xv)
P.claim("$$\\frac{\\partial L}{\\partial b} = (h - y)(1 - h^2)$$", "Ex2 dL/db = (h-y)(1-h^2)", sp.diff(L2, b2),
        (h2 - y2) * (1 - h2**2),
        bad_snippet="$$\\frac{\\partial L}{\\partial b} = (h - y)\\, h (1 - h)$$", bad_rhs=(h2 - y2) * h2 * (1 - h2))

def sampler(rng):
    return uniform(rng, [x, w, b1, y1, b2, y2] + list(xv) + list(wv))

sys.exit(0 if P.run(sampler, npoints=10) else 1)
