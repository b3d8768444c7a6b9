"""Pair 8: cs231n-sigmoid-gate.  f(w,x) = 1/(1+exp(-(w0 x0 + w1 x1 + w2))), staged s,u,v,r,f."""
from common import *

w0, w1, w2, x0, x1 = sp.symbols('w0 w1 w2 x0 x1')
r, v, u, s = sp.symbols('r v u s')      # free gate inputs for the local gradients
s_val = w0 * x0 + w1 * x1 + w2
f = 1 / (1 + sp.exp(-s_val))            # closed form
f_s = 1 / (1 + sp.exp(-s))              # f as a function of the gate value s
F = f                                   # forward value f, in terms of the inputs

checks = [
    Check(r"$$\frac{\partial f}{\partial r} = -\frac{1}{r^2}$$", 'local df/dr', sp.diff(1 / r, r), -1 / r ** 2),
    Check(r"$$\frac{\partial r}{\partial v} = 1$$", 'local dr/dv', sp.diff(1 + v, v), 1),
    Check(r"$$\frac{\partial v}{\partial u} = e^{u}$$", 'local dv/du', sp.diff(sp.exp(u), u), sp.exp(u)),
    Check(r"$$\frac{\partial u}{\partial s} = -1$$", 'local du/ds', sp.diff(-s, s), -1),
    Check(r"$$\frac{\partial f}{\partial s} = \frac{e^{-s}}{(1 + e^{-s})^2}$$", 'df/ds (product of locals)', sp.diff(f_s, s),
          sp.exp(-s) / (1 + sp.exp(-s)) ** 2),
    Check(r"$$\frac{\partial f}{\partial s} = (1 - f)\, f$$", 'df/ds = (1-f) f', sp.diff(f_s, s), (1 - f_s) * f_s),
    Check(r"$$\frac{\partial f}{\partial w_0} = (1 - f)\, f\, x_0, \qquad", 'df/dw0', sp.diff(f, w0), (1 - F) * F * x0),
    Check(r"\qquad \frac{\partial f}{\partial x_0} = (1 - f)\, f\, w_0$$", 'df/dx0', sp.diff(f, x0), (1 - F) * F * w0),
    Check(r"$$\frac{\partial f}{\partial w_1} = (1 - f)\, f\, x_1, \qquad", 'df/dw1', sp.diff(f, w1), (1 - F) * F * x1),
    Check(r"\qquad \frac{\partial f}{\partial x_1} = (1 - f)\, f\, w_1$$", 'df/dx1', sp.diff(f, x1), (1 - F) * F * w1),
    Check(r"$$\frac{\partial f}{\partial w_2} = (1 - f)\, f$$", 'df/dw2', sp.diff(f, w2), (1 - F) * F),
]
planted = [Check(r"$$\frac{\partial f}{\partial r} = \frac{1}{r^2}$$", 'local df/dr PLANTED: +1/r^2', sp.diff(1 / r, r), 1 / r ** 2)]

def sampler(rng):
    vals = {t: sp.Float(rng.uniform(-2, 2), 30) for t in (w0, w1, w2, x0, x1, v, u, s)}
    vals[r] = sp.Float(rng.uniform(1.05, 5), 30)    # r = 1 + e^u > 1
    return vals

if __name__ == '__main__':
    run('cs231n-sigmoid-gate', checks, 'local df/dr', planted, sampler, npts=8)
    fd_check(f, [w0, w1, w2, x0, x1], sampler)
    n = {w0: 2, w1: -3, w2: -3, x0: -1, x1: -2}
    fv = sp.N(f.subs(n))
    print('numbers: s =', s_val.subs(n), ' f =', sp.N(fv, 4), ' (1-f)f =', sp.N((1 - fv) * fv, 4),
          ' grad x =', [sp.N(sp.diff(f, t).subs(n), 3) for t in (x0, x1)],
          ' grad w =', [sp.N(sp.diff(f, t).subs(n), 3) for t in (w0, w1, w2)])
