from common import *

x, y, z, w = scal("x"), scal("y"), scal("z"), scal("w")
X, Ex = tap("x", x); Y, Ey = tap("y", y); Z, Ez = tap("z", z); Wt, Ew = tap("w", w)
q, Eq = tap("q", X + Y)
r, Er = tap("r", q * Z)
s, Es = tap("s", r + Wt)
f, Ef = tap("f", sigmoid(s))
L = -sp.log(f)

Q = x + y
F = sigmoid(Q * z + w)
d = lambda E: grad(L, E)

claims = [
    Claim("dL/df", r"\frac{\partial L}{\partial f} = -\frac{1}{f}", d(Ef), -1 / F),
    Claim("df/ds", r"\frac{\partial f}{\partial s} = (1 - f) f", grad(f, Es), (1 - F) * F),
    Claim("dL/ds", r"\frac{\partial L}{\partial s} = f - 1", d(Es), F - 1),
    Claim("dL/dw", r"\frac{\partial L}{\partial w} = f - 1", d(Ew), F - 1),
    Claim("dL/dr", r"\frac{\partial L}{\partial r} = f - 1", d(Er), F - 1),
    Claim("dL/dz", r"\frac{\partial L}{\partial z} = q (f - 1)", d(Ez), Q * (F - 1)),
    Claim("dL/dq", r"\frac{\partial L}{\partial q} = z (f - 1)", d(Eq), z * (F - 1)),
    Claim("dL/dx", r"\frac{\partial L}{\partial x} = z (f - 1)", d(Ex), z * (F - 1)),
    Claim("dL/dy", r"\frac{\partial L}{\partial y} = z (f - 1)", d(Ey), z * (F - 1)),
]

check_pair("cs231n-gates.md", "cs231n-gates-corrected.md", claims,
           "dL/dz", r"\frac{\partial L}{\partial z} = z (f - 1)", z * (F - 1),
           sample=lambda rng: rand_point([x, y, z, w], rng, -3, 3))
