from common import *

P = Pair("exam-function-forms", ".md")
x, y, w, b, v, t, U = sym("x y w b v t U")
# Problem 1
L = sp.Rational(1, 2) * (w * x + b - y)**2
e = w * x + b - y
P.claim("$$\\frac{\\partial L}{\\partial w}(w, b)", "dL/dw(w,b) = (wx+b-y) x", sp.diff(L, w), (w * x + b - y) * x)
P.claim("$$\\frac{\\partial L}{\\partial b}(w, b)", "dL/db(w,b) = wx+b-y", sp.diff(L, b), w * x + b - y)
P.claim("$$\\nabla L(w, b) =", "grad L = (e x, e)^T", sp.Matrix([sp.diff(L, w), sp.diff(L, b)]), sp.Matrix([e * x, e]))
# Problem 2
u = w * x + b
g = sp.tanh
h = g(u)
f = v * h
E = (t - f)**2
gp = sp.diff(g(U), U).xreplace({U: u})
P.claim("$$g'(u) = \\mathrm{sech}^2(u)", "g'(u) = sech^2(u)", gp, sp.sech(u)**2)
P.claim("$$g'(u) = \\mathrm{sech}^2(u)", "g'(u) = 1 - g(u)^2", gp, 1 - g(u)**2)
P.claim("We have $\\partial f / \\partial v = h$", "df/dv = h (inline)", sp.diff(f, v), h)
P.claim("We have $\\partial f / \\partial v = h$", "df/dw = v g'(u) x (inline)", sp.diff(f, w), v * gp * x)
P.claim("We have $\\partial f / \\partial v = h$", "df/db = v g'(u) (inline)", sp.diff(f, b), v * gp)
P.claim("$$\\frac{\\partial E}{\\partial v} =", "dE/dv = -2(t - f) h", sp.diff(E, v), -2 * (t - f) * h,
        bad_snippet="$$\\frac{\\partial E}{\\partial v} = 2\\big(", bad_rhs=2 * (t - f) * h)
P.claim("$$\\frac{\\partial E}{\\partial w} =", "dE/dw = -2(t - f) v sech^2(u) x", sp.diff(E, w), -2 * (t - f) * v * sp.sech(u)**2 * x)
P.claim("$$\\frac{\\partial E}{\\partial b} =", "dE/db = -2(t - f) v sech^2(u)", sp.diff(E, b), -2 * (t - f) * v * sp.sech(u)**2)

def sampler(rng):
    return uniform(rng, [x, y, w, b, v, t])

sys.exit(0 if P.run(sampler, npoints=10) else 1)
