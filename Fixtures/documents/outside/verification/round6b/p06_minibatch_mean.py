from common import *

P = Pair("minibatch-mean", ".md")
N = 2
X = [vec(f"x{n+1}_", 2) for n in range(N)]; Y = list(sym("y1 y2"))
w = vec("w", 2); b, v, c = sym("b v c")
yh_s = vec("yhs", N)
z = [(w.T * X[n])[0] + b for n in range(N)]
h = [sp.Max(0, z[n]) for n in range(N)]
yh = [v * h[n] + c for n in range(N)]
Lf = lambda YH: sp.Rational(1, N) * sum(sp.Rational(1, 2) * (YH[n] - Y[n])**2 for n in range(N))
L = Lf(yh)
ind = [sp.Heaviside(z[n]) for n in range(N)]
r = [yh[n] - Y[n] for n in range(N)]

P.claim("$$\\frac{\\partial L}{\\partial \\hat{y}_n} =", "dL/dyhat_n = 1/N (yhat_n - y_n), n=1,2",
        grad(Lf(yh_s), yh_s).xreplace({yh_s[n]: yh[n] for n in range(N)}), sp.Matrix([r[n] / N for n in range(N)]))
P.claim("$$\\frac{\\partial L}{\\partial c} = \\frac{1}{N}", "dL/dc = 1/N sum_n (yhat_n - y_n)", sp.diff(L, c), sum(r) / N)
P.claim("$$\\frac{\\partial L}{\\partial v} =", "dL/dv = 1/N sum_n (yhat_n - y_n) h_n", sp.diff(L, v),
        sum(r[n] * h[n] for n in range(N)) / N,
        bad_snippet="$$\\frac{\\partial L}{\\partial v} = \\sum", bad_rhs=sum(r[n] * h[n] for n in range(N)))
P.claim("$\\frac{\\partial h_n}{\\partial z_n} = \\mathbb{1}[z_n > 0]$", "dh_n/dz_n = 1[z_n > 0] (inline)",
        sp.Matrix([sp.diff(sp.Max(0, sp.Symbol('Z', real=True)), sp.Symbol('Z', real=True)).subs(sp.Symbol('Z', real=True), z[n]) for n in range(N)]),
        sp.Matrix(ind))
P.claim("$$\\frac{\\partial L}{\\partial b} =", "dL/db", sp.diff(L, b), sum(r[n] * v * ind[n] for n in range(N)) / N)
P.claim("$$\\nabla_{\\mathbf{w}} L =", "grad_w L", grad(L, w), sum((r[n] * v * ind[n] * X[n] for n in range(N)), sp.zeros(2, 1)) / N)
P.claim("$$\\frac{\\partial L}{\\partial c} = \\frac{1}{2}", "dL/dc written out for N=2", sp.diff(L, c),
        sp.Rational(1, 2) * (yh[0] - Y[0] + yh[1] - Y[1]))

def sampler(rng):
    # resample until both z_n are clearly away from the ReLU kink (and mix active / inactive units)
    while True:
        s = uniform(rng, list(X[0]) + list(X[1]) + Y + list(w) + [b, v, c])
        zs = [float(zz.xreplace(s)) for zz in z]
        if min(abs(t) for t in zs) > 0.05:
            return s

sys.exit(0 if P.run(sampler, npoints=12) else 1)
