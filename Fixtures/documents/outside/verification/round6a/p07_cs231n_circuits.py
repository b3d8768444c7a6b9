"""Pair 7: cs231n-circuits.  Example 1: f(x,y,z) = (x+y) z.  Example 2 (f reused): f(x,y,z,w) = 2 (x y + max(z,w)).
Local gradients are derivatives of one gate w.r.t. its own input (gate inputs treated as free);
end-to-end gradients are derivatives of the closed form."""
from common import *

# ---- Example 1
x, y, z, q = sp.symbols('x y z q')
f1 = (x + y) * z               # closed form
f1_q = q * z                   # last gate
q_val = x + y
# ---- Example 2 (separate symbols; the document reuses the names)
X, Y, Zs, Wv, p, m, s = sp.symbols('X Y Z W p m s')
f2 = 2 * (X * Y + sp.Max(Zs, Wv))
sub2 = {p: X * Y, m: sp.Max(Zs, Wv), s: X * Y + sp.Max(Zs, Wv)}
H = sp.Heaviside

checks = [
    Check(r"$$\frac{\partial f}{\partial q} = z, \qquad", 'Ex1 local df/dq', sp.diff(f1_q, q), z),
    Check(r"\qquad \frac{\partial f}{\partial z} = q$$", 'Ex1 df/dz = q', sp.diff(f1, z), q_val),
    Check(r"$$\frac{\partial q}{\partial x} = 1, \qquad", 'Ex1 local dq/dx', sp.diff(x + y, x), 1),
    Check(r"\qquad \frac{\partial q}{\partial y} = 1$$", 'Ex1 local dq/dy', sp.diff(x + y, y), 1),
    Check(r"\frac{\partial f}{\partial q} \frac{\partial q}{\partial x} = z$$", 'Ex1 df/dx (product of locals)', sp.diff(f1, x), sp.diff(f1_q, q) * sp.diff(x + y, x)),
    Check(r"\frac{\partial f}{\partial q} \frac{\partial q}{\partial x} = z$$", 'Ex1 df/dx (final)', sp.diff(f1, x), z),
    Check(r"\frac{\partial f}{\partial q} \frac{\partial q}{\partial y} = z$$", 'Ex1 df/dy (product of locals)', sp.diff(f1, y), sp.diff(f1_q, q) * sp.diff(x + y, y)),
    Check(r"\frac{\partial f}{\partial q} \frac{\partial q}{\partial y} = z$$", 'Ex1 df/dy (final)', sp.diff(f1, y), z),
    Check(r"$$\frac{\partial f}{\partial s} = 2, \qquad", 'Ex2 local df/ds', sp.diff(2 * s, s), 2),
    Check(r"\frac{\partial s}{\partial p} = 1, \qquad", 'Ex2 local ds/dp', sp.diff(p + m, p), 1),
    Check(r"\qquad \frac{\partial s}{\partial m} = 1$$", 'Ex2 local ds/dm', sp.diff(p + m, m), 1),
    Check(r"$$\frac{\partial m}{\partial z} = \mathbb{1}[z > w], \qquad", 'Ex2 local dm/dz', sp.diff(sp.Max(Zs, Wv), Zs), H(Zs - Wv)),
    Check(r"\qquad \frac{\partial m}{\partial w} = \mathbb{1}[w > z]$$", 'Ex2 local dm/dw', sp.diff(sp.Max(Zs, Wv), Wv), H(Wv - Zs)),
    Check(r"$$\frac{\partial p}{\partial x} = y, \qquad", 'Ex2 local dp/dx', sp.diff(X * Y, X), Y),
    Check(r"\qquad \frac{\partial p}{\partial y} = x$$", 'Ex2 local dp/dy', sp.diff(X * Y, Y), X),
    Check(r"\frac{\partial s}{\partial p} \frac{\partial p}{\partial x} = 2", 'Ex2 df/dx (product of locals)', sp.diff(f2, X), 2 * 1 * Y),
    Check(r"\frac{\partial s}{\partial p} \frac{\partial p}{\partial x} = 2", 'Ex2 df/dx (final)', sp.diff(f2, X), 2 * Y),
    Check(r"$$\frac{\partial f}{\partial y} = 2 x$$", 'Ex2 df/dy', sp.diff(f2, Y), 2 * X),
    Check(r"$$\frac{\partial f}{\partial z} = 2 \cdot \mathbb{1}[z > w], \qquad", 'Ex2 df/dz', sp.diff(f2, Zs), 2 * H(Zs - Wv)),
    Check(r"\qquad \frac{\partial f}{\partial w} = 2 \cdot \mathbb{1}[w > z]$$", 'Ex2 df/dw', sp.diff(f2, Wv), 2 * H(Wv - Zs)),
]
planted = [Check(r"\frac{\partial s}{\partial p} \frac{\partial p}{\partial x} = 2 x$$", 'Ex2 df/dx PLANTED: 2x', sp.diff(f2, X), 2 * X)]

def sampler(rng):
    v = {t: sp.Float(rng.uniform(-3, 3), 30) for t in (x, y, z, q, X, Y, Zs, Wv, p, m, s)}
    return v

if __name__ == '__main__':
    run('cs231n-circuits', checks, 'Ex2 df/dx (final)', planted, sampler, npts=8)
    fd_check(f1, [x, y, z], sampler)
    fd_check(f2, [X, Y, Zs, Wv], sampler)
    # the worked numbers quoted in the prose
    n1 = {x: -2, y: 5, z: -4}
    print('Ex1 numbers: q =', q_val.subs(n1), ' f =', f1.subs(n1), ' df/dx,df/dy,df/dz =',
          [sp.diff(f1, t).subs(n1) for t in (x, y, z)], '(document: 3, -12, -4, -4, 3)')
    n2 = {X: 3, Y: -4, Zs: 2, Wv: -1}
    print('Ex2 numbers: f =', f2.subs(n2), ' grads x,y,z,w =', [sp.diff(f2, t).subs(n2) for t in (X, Y, Zs, Wv)],
          '(document: -20; -8, 6, 2, 0); planted 2x at this point =', 2 * 3)
