from common import *

P = Pair("staged-circuit", ".md")
x, y, z = sym("x y z")
# ---- warm-up
Q = sym("Q")
q = x + y; f = q * z
fQ = Q * z
P.claim("\\frac{\\partial f}{\\partial q} = z, \\qquad", "df/dq = z", sp.diff(fQ, Q).xreplace({Q: q}), z)
P.claim("\\frac{\\partial f}{\\partial q} = z, \\qquad", "df/dz = q", sp.diff(f, z), q)
P.claim("\\frac{\\partial f}{\\partial q} = z, \\qquad", "dq/dx = 1", sp.diff(q, x), 1)
P.claim("\\frac{\\partial f}{\\partial q} = z, \\qquad", "dq/dy = 1", sp.diff(q, y), 1)
P.claim("$$\\frac{\\partial f}{\\partial x} =", "df/dx = df/dq dq/dx", sp.diff(f, x), z * 1)
P.claim("$$\\frac{\\partial f}{\\partial x} =", "df/dx = z", sp.diff(f, x), z)
P.claim("$$\\frac{\\partial f}{\\partial y} =", "df/dy = df/dq dq/dy", sp.diff(f, y), z * 1)
P.claim("$$\\frac{\\partial f}{\\partial y} =", "df/dy = z", sp.diff(f, y), z)
# numeric example in prose (x, y, z) = (-2, 5, -4)
pt = {x: -2, y: 5, z: -4}
num = [q.subs(pt), f.subs(pt), sp.diff(f, x).subs(pt), sp.diff(f, y).subs(pt), sp.diff(f, z).subs(pt)]
assert num == [3, -12, -4, -4, 3], num
print("warm-up numeric example (prose, line %d): q, f, df/dx, df/dy, df/dz =" % P.find("For instance with inputs"), num, "OK")

# ---- harder circuit
sy = sig(y); n = x + sy; sx = sig(x); p = x + y; p2 = p**2; d = sx + p2; r = 1 / d; g = n * r
N, R, D, SX, P2, PP, SY = sym("N R D SX P2 PP SY")
dg_dn = sp.diff(N * r, N).xreplace({N: n})
dg_dr = sp.diff(n * R, R).xreplace({R: r})
dg_dd = sp.diff(n / D, D).xreplace({D: d})
dg_dsx = sp.diff(n / (SX + p2), SX).xreplace({SX: sx})
dg_dp2 = sp.diff(n / (sx + P2), P2).xreplace({P2: p2})
dg_dp = sp.diff(n / (sx + PP**2), PP).xreplace({PP: p})
dg_dsy = sp.diff((x + SY) * r, SY).xreplace({SY: sy})
gx = sp.diff(g, x); gy = sp.diff(g, y)

P.claim("$$\\frac{\\partial g}{\\partial n} = r", "dg/dn = r", dg_dn, r)
P.claim("$$\\frac{\\partial g}{\\partial n} = r", "dg/dr = n", dg_dr, n)
P.claim("$$\\frac{\\partial g}{\\partial d} =", "dg/dd = -1/d^2 dg/dr", dg_dd, -1 / d**2 * dg_dr)
P.claim("$$\\frac{\\partial g}{\\partial s_x} =", "dg/ds_x = dg/dd", dg_dsx, dg_dd)
P.claim("$$\\frac{\\partial g}{\\partial s_x} =", "dg/dp_2 = dg/dd", dg_dp2, dg_dd)
P.claim("$$\\frac{\\partial g}{\\partial p} =", "dg/dp = 2p dg/dp_2", dg_dp, 2 * p * dg_dp2)
P.claim("$$\\frac{\\partial g}{\\partial s_y} =", "dg/ds_y = dg/dn", dg_dsy, dg_dn)
P.claim("$$\\frac{\\partial g}{\\partial x} = \\frac{\\partial g}{\\partial n} + s_x",
        "dg/dx = dg/dn + s_x(1-s_x) dg/ds_x + dg/dp (staged)", gx,
        dg_dn + sx * (1 - sx) * dg_dsx + dg_dp,
        bad_snippet="$$\\frac{\\partial g}{\\partial x} = s_x (1 - s_x)",
        bad_rhs=sx * (1 - sx) * dg_dsx + dg_dp)
P.claim("$$\\frac{\\partial g}{\\partial y} = s_y (1 - s_y)", "dg/dy staged", gy, sy * (1 - sy) * dg_dsy + dg_dp)
P.claim("$$\\frac{\\partial g}{\\partial x} = \\frac{1}{\\sigma(x)", "dg/dx closed form", gx,
        1 / (sig(x) + (x + y)**2) - (x + sig(y)) * (sig(x) * (1 - sig(x)) + 2 * (x + y)) / (sig(x) + (x + y)**2)**2)
P.claim("$$\\frac{\\partial g}{\\partial y} = \\frac{\\sigma(y)", "dg/dy closed form", gy,
        sig(y) * (1 - sig(y)) / (sig(x) + (x + y)**2) - 2 * (x + y) * (x + sig(y)) / (sig(x) + (x + y)**2)**2)

def sampler(rng):
    return uniform(rng, [x, y, z])

sys.exit(0 if P.run(sampler, npoints=10) else 1)
