"""Verify cs231n-gates: (x+y)z circuit and the staged
f(x,y) = (x + sigma(y)) / (sigma(x) + (x+y)^2) example."""
import random
import sympy as sp
from common import *

X, Y, Z = sp.symbols("X Y Z", real=True)      # first example
eq = sp.Symbol("eq", real=True)
q1 = X + Y + eq
f1 = q1 * Z
Q1 = X + Y

x, y = sp.symbols("x y", real=True)           # second example
E = sp.symbols("e_sy e_n e_sx e_q e_r e_d e_v", real=True)
esy, en, esx, eq2, er, ed, ev = E
sy = sigmoid(y) + esy
n = x + sy + en
sx = sigmoid(x) + esx
q = x + y + eq2
r = q ** 2 + er
d = sx + r + ed
v = 1 / d + ev
f = n * v
S_y, N_, S_x, Q, R, D, V = at0([sy, n, sx, q, r, d, v], E)
g = {name: grad(f, e, E) for name, e in
     zip(["sy", "n", "sx", "q", "r", "d", "v"], E)}
gx, gy = grad(f, x, E), grad(f, y, E)
w = sp.Symbol("w", real=True)
num_pt = {X: -2, Y: 5, Z: -4}

claims = [
    Claim("df/dq = z", r"$\frac{\partial f}{\partial q} = z$",
          lambda pt: (grad(f1, eq, [eq]), Z)),
    Claim("df/dz = q", r"$\frac{\partial f}{\partial z} = q$",
          lambda pt: (sp.diff(f1.subs(eq, 0), Z), Q1)),
    Claim("dq/dx = 1, dq/dy = 1",
          r"$\frac{\partial q}{\partial x} = 1$ and $\frac{\partial q}{\partial y} = 1$",
          lambda pt: ([sp.diff(Q1, X), sp.diff(Q1, Y)], [1, 1])),
    Claim("df/dx = z (first example)",
          r"$$\frac{\partial f}{\partial x} = \frac{\partial f}{\partial q} \frac{\partial q}{\partial x} = z,",
          lambda pt: ([sp.diff(f1.subs(eq, 0), X)] * 2, [Z * 1, Z])),
    Claim("df/dy = z (first example)",
          r"\frac{\partial f}{\partial y} = \frac{\partial f}{\partial q} \frac{\partial q}{\partial y} = z.$$",
          lambda pt: ([sp.diff(f1.subs(eq, 0), Y)] * 2, [Z * 1, Z])),
    Claim("numbers at (-2, 5, -4)",
          r"$\frac{\partial f}{\partial x} = -4$, $\frac{\partial f}{\partial y} = -4$ and $\frac{\partial f}{\partial z} = 3$",
          lambda pt: ([sp.diff(f1.subs(eq, 0), s).subs(num_pt) for s in (X, Y, Z)]
                      + [Q1.subs(num_pt), f1.subs(eq, 0).subs(num_pt)],
                      [-4, -4, 3, 3, -12])),
    Claim("sigmoid local gradient",
          r"$\frac{d\sigma(v)}{dv} = (1 - \sigma(v))\,\sigma(v)$",
          lambda pt: (sp.diff(sigmoid(w), w), (1 - sigmoid(w)) * sigmoid(w))),
    Claim("df/dn", r"$$\frac{\partial f}{\partial n} = v = \frac{1}{d}$$",
          lambda pt: ([g["n"]] * 2, [V, 1 / D])),
    Claim("df/dv", r"$$\frac{\partial f}{\partial v} = n$$",
          lambda pt: (g["v"], N_)),
    Claim("df/dd", r"$$\frac{\partial f}{\partial d} = -\frac{1}{d^2} \cdot \frac{\partial f}{\partial v} = -\frac{n}{d^2}$$",
          lambda pt: ([g["d"]] * 2, [-1 / D ** 2 * g["v"], -N_ / D ** 2])),
    Claim("df/dsx, df/dr", r"$$\frac{\partial f}{\partial s_x} = 1 \cdot \frac{\partial f}{\partial d}, \qquad \frac{\partial f}{\partial r} = 1 \cdot \frac{\partial f}{\partial d}$$",
          lambda pt: ([g["sx"], g["r"]], [g["d"], g["d"]])),
    Claim("df/dq", r"$$\frac{\partial f}{\partial q} = 2q \cdot \frac{\partial f}{\partial r}$$",
          lambda pt: (g["q"], 2 * Q * g["r"])),
    Claim("df/dsy", r"$$\frac{\partial f}{\partial s_y} = 1 \cdot \frac{\partial f}{\partial n}$$",
          lambda pt: (g["sy"], g["n"])),
    Claim("df/dx", r"$$\frac{\partial f}{\partial x} = \frac{\partial f}{\partial n} + (1 - s_x)\, s_x \, \frac{\partial f}{\partial s_x} + \frac{\partial f}{\partial q}$$",
          lambda pt: (gx, g["n"] + (1 - S_x) * S_x * g["sx"] + g["q"])),
    Claim("df/dy", r"$$\frac{\partial f}{\partial y} = (1 - s_y)\, s_y \, \frac{\partial f}{\partial s_y} + \frac{\partial f}{\partial q}$$",
          lambda pt: (gy, (1 - S_y) * S_y * g["sy"] + g["q"])),
]
planted = lambda pt: (gx, g["n"] + g["q"])

rng = random.Random(9005)
points = random_points([X, Y, Z, x, y, w], rng)

run("cs231n-gates", ".md", 56,
    r"$$\frac{\partial f}{\partial x} = \frac{\partial f}{\partial n} + \frac{\partial f}{\partial q}$$",
    r"$$\frac{\partial f}{\partial x} = \frac{\partial f}{\partial n} + (1 - s_x)\, s_x \, \frac{\partial f}{\partial s_x} + \frac{\partial f}{\partial q}$$",
    claims, "df/dx", planted, points)
