"""Pair 9: cs231n-staged-fxy.  f(x,y) = (x + sigma(y)) / (sigma(x) + (x+y)^2), staged u,n,v,s,q,m,r,f.
d f / d(node) is the derivative of the downstream part of the graph w.r.t. that node
(other nodes that are not downstream of it held fixed), evaluated at the forward values."""
from common import *

x, y = sp.symbols('x y')
U = sig(y); N_ = x + U; Vv = sig(x); S_ = x + y; Q = S_ ** 2; M_ = Vv + Q; R = 1 / M_
f = N_ * R
closed = (x + sig(y)) / (sig(x) + (x + y) ** 2)
assert sp.simplify(f - closed) == 0

fwd = {'u': U, 'n': N_, 'v': Vv, 's': S_, 'q': Q, 'm': M_, 'r': R}
# downstream graph functions of a single node (the other inputs of the graph at their forward values)
down = {
    'n': lambda t: t * R,
    'r': lambda t: N_ * t,
    'm': lambda t: N_ * (1 / t),
    'v': lambda t: N_ / (t + Q),
    'q': lambda t: N_ / (Vv + t),
    's': lambda t: N_ / (Vv + t ** 2),
    'u': lambda t: (x + t) * R,
}
G = {k: grad_at(fn, fwd[k], k) for k, fn in down.items()}
n, r, m, v, s, u = N_, R, M_, Vv, S_, U    # the document's names, as forward values

checks = [
    Check(r"$$\frac{\partial f}{\partial n} = r, \qquad", 'df/dn', G['n'], r),
    Check(r"\qquad \frac{\partial f}{\partial r} = n$$", 'df/dr', G['r'], n),
    Check(r"$$\frac{\partial f}{\partial m} = -\frac{n}{m^2}$$", 'df/dm', G['m'], -n / m ** 2),
    Check(r"$$\frac{\partial f}{\partial v} = -\frac{n}{m^2}, \qquad", 'df/dv', G['v'], -n / m ** 2),
    Check(r"\qquad \frac{\partial f}{\partial q} = -\frac{n}{m^2}$$", 'df/dq', G['q'], -n / m ** 2),
    Check(r"$$\frac{\partial f}{\partial s} = -\frac{2 s n}{m^2}$$", 'df/ds', G['s'], -2 * s * n / m ** 2),
    Check(r"$$\frac{\partial f}{\partial u} = r$$", 'df/du', G['u'], r),
    Check(r"$$\frac{\partial f}{\partial x} = r - \frac{n}{m^2}\, v (1 - v) - \frac{2 s n}{m^2}$$", 'df/dx',
          sp.diff(closed, x), r - n / m ** 2 * v * (1 - v) - 2 * s * n / m ** 2),
    Check(r"$$\frac{\partial f}{\partial y} = r\, u (1 - u) - \frac{2 s n}{m^2}$$", 'df/dy',
          sp.diff(closed, y), r * u * (1 - u) - 2 * s * n / m ** 2),
]
planted = [Check(r"$$\frac{\partial f}{\partial x} = r - \frac{n}{m^2}\, v (1 - v)$$", 'df/dx PLANTED: path through s missing',
                 sp.diff(closed, x), r - n / m ** 2 * v * (1 - v))]

def sampler(rng):
    return {x: sp.Float(rng.uniform(-3, 3), 30), y: sp.Float(rng.uniform(-3, 3), 30)}

if __name__ == '__main__':
    run('cs231n-staged-fxy', checks, 'df/dx', planted, sampler, npts=10)
    fd_check(closed, [x, y], sampler)
    print('the missing term -2 s n / m^2 vanishes only where s = x + y = 0 or n = x + sigma(y) = 0')
