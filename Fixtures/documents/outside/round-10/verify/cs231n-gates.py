"""cs231n-gates: three small circuits with worked numbers."""
from common import *

c = Checker("cs231n-gates")
c.files("md", 64)
R = sp.Rational

# Example 1: f = (x + y) z at x=3, y=-1, z=-2
x, y, z, w, q = sp.symbols("x y z w q")
pt = {x: 3, y: -1, z: -2}
f1 = (x + y) * z
fq = q * z
c.claim("ex1 q = x + y = 2", (x + y).subs(pt), 2)
c.claim("ex1 f = q z = -4", f1.subs(pt), -4)
c.claim("ex1 dq/dx = 1", sp.diff(x + y, x), 1)
c.claim("ex1 dq/dy = 1", sp.diff(x + y, y), 1)
c.claim("ex1 df/dq = z (local)", z, sp.diff(fq, q))
c.claim("ex1 df/dz = q (local)", q, sp.diff(fq, z))
c.claim("ex1 df/dz = q = 2", [(x + y).subs(pt), 2], [sp.diff(f1, z).subs(pt)] * 2)
c.claim("ex1 df/dq = z = -2", [z.subs(pt), -2], [sp.diff(fq, q).subs(pt).subs(pt)] * 2)
c.claim("ex1 df/dx = df/dq dq/dx = -2", -2, sp.diff(f1, x).subs(pt))
c.claim("ex1 df/dy = df/dq dq/dy = -2", -2, sp.diff(f1, y).subs(pt))
c.claim("ex1 code values q,f,dfdz,dfdq,dfdx,dfdy", sp.Matrix([2, -4, 2, -2, -2, -2]),
        sp.Matrix([(x + y).subs(pt), f1.subs(pt), sp.diff(f1, z).subs(pt), z.subs(pt),
                   sp.diff(f1, x).subs(pt), sp.diff(f1, y).subs(pt)]))
c.claim("ex1 same sensitivity magnitude |df/dx|=|df/dy|=|df/dz|",
        sp.Matrix([abs(sp.diff(f1, v).subs(pt)) for v in (x, y, z)]), sp.Matrix([2, 2, 2]))

# Example 2: f = 2 (x y + max(z, w)) at x=3, y=-4, z=2, w=-1
s = sp.Symbol("s")
pt2 = {x: 3, y: -4, z: 2, w: -1}
f2 = 2 * (x * y + sp.Max(z, w))
c.claim("ex2 xy = -12", (x * y).subs(pt2), -12)
c.claim("ex2 max(z,w) = 2", sp.Max(z, w).subs(pt2), 2)
c.claim("ex2 s = -10", (x * y + sp.Max(z, w)).subs(pt2), -10)
c.claim("ex2 f = 2s = -20", f2.subs(pt2), -20)
c.claim("ex2 df/ds = 2", sp.diff(2 * s, s), 2)
# add gate: gradient on xy and on max both equal df/ds
P, M = sp.symbols("P M")
c.claim("ex2 upstream on xy = 2, on max = 2", sp.Matrix([2, 2]),
        sp.Matrix([sp.diff(2 * (P + M), P), sp.diff(2 * (P + M), M)]))
dfdx = sp.diff(f2, x).subs(pt2)
dfdy = sp.diff(f2, y).subs(pt2)
# max is differentiable at this point (z > w), derivative via Heaviside
dfdz = sp.diff(f2, z).subs(pt2)
dfdw = sp.diff(f2, w).subs(pt2)
c.claim("ex2 df/dx = y*2 = -8", sp.Matrix([(y * 2).subs(pt2), -8]), sp.Matrix([dfdx, dfdx]))
c.claim("ex2 df/dy = x*2 = 6", sp.Matrix([(x * 2).subs(pt2), 6]), sp.Matrix([dfdy, dfdy]))
c.claim("ex2 df/dz = 2", 2, dfdz)
c.claim("ex2 df/dw = 0", 0, dfdw)

# Example 3: sigmoid neuron at w=[1,-1,1], x=[1,2]
w0, w1, w2, x0, x1, t = sp.symbols("w0 w1 w2 x0 x1 t")
pt3 = {w0: 1, w1: -1, w2: 1, x0: 1, x1: 2}
dot = w0 * x0 + w1 * x1 + w2
f3 = sigmoid(dot)
c.claim("ex3 t = 1 - 2 + 1 = 0", sp.Matrix([dot.subs(pt3), 1 - 2 + 1]), sp.Matrix([0, 0]))
c.claim("ex3 f = sigma(0) = 0.5", f3.subs(pt3), R(1, 2))
c.claim("ex3 dsigma/dt = (1-sigma)sigma", (1 - sigmoid(t)) * sigmoid(t), sp.diff(sigmoid(t), t))
c.claim("ex3 local grad at t=0: (1-0.5)(0.5) = 0.25", sp.Matrix([(1 - R(1, 2)) * R(1, 2), R(1, 4)]),
        sp.Matrix([sp.diff(sigmoid(t), t).subs(t, 0)] * 2))
gw = [sp.diff(f3, v).subs(pt3) for v in (w0, w1, w2)]
gx = [sp.diff(f3, v).subs(pt3) for v in (x0, x1)]
c.claim("ex3 df/dw = [0.25*1, 0.25*2, 0.25] = [0.25,0.5,0.25]",
        sp.Matrix([[R(1, 4) * 1, R(1, 4) * 2, R(1, 4)], [R(1, 4), R(1, 2), R(1, 4)]]), sp.Matrix([gw, gw]))
c.claim("ex3 df/dx = [0.25*1, 0.25*(-1)] = [0.25,-0.25]",
        sp.Matrix([[R(1, 4) * 1, R(1, 4) * (-1)], [R(1, 4), -R(1, 4)]]), sp.Matrix([gx, gx]))
c.claim("ex3 bias w2 gradient = 0.25", R(1, 4), gw[2])

# planted line 64: df/dx = x*2 = 6
c.claim("PLANTED ex2 df/dx = x*2 = 6", sp.Matrix([(x * 2).subs(pt2), 6]), sp.Matrix([dfdx, dfdx]), expect=False)
c.finish()
