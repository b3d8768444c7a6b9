"""minibatch.md: N = 3 examples, x^(n) in R^2, h = sigma(Wx+b) in R^3, yhat = v^T h + c, L = mean of (yhat-y)^2/2."""
import sympy as sp
from common import *

act_ok = check_activation_rules()
pair_ok = pair_diff('minibatch')

N = 3
W, b, v = M(3, 2, 'W'), V(3, 'b'), V(3, 'v')
c = sp.Symbol('c')
xs = [V(2, f'x{n+1}') for n in range(N)]
ys = [sp.Symbol(f'y{n+1}') for n in range(N)]
syms = list(W) + list(b) + list(v) + [c] + [s for xx in xs for s in xx] + ys

a = [W * xs[n] + b for n in range(N)]
h = [a[n].applyfunc(sig) for n in range(N)]
yh = [(v.T * h[n])[0] + c for n in range(N)]
ell = [sp.Rational(1, 2) * (yh[n] - ys[n]) ** 2 for n in range(N)]
L = sum(ell) / N
e = [yh[n] - ys[n] for n in range(N)]
A = V(3, 'A')
delta_true = [grad(sp.Rational(1, 2) * ((v.T * A.applyfunc(sig))[0] + c - ys[n]) ** 2, A).xreplace(dict(zip(A, a[n])))
              for n in range(N)]
one = sp.ones(3, 1)
ck = Checker('minibatch', syms)
ck.claim('delta^(n) = dl_n/da^(n) = e^(n) v (.) h (.) (1-h), n=1,2,3',
         sp.Matrix.hstack(*[e[n] * v.multiply_elementwise(h[n]).multiply_elementwise(one - h[n]) for n in range(N)]),
         sp.Matrix.hstack(*delta_true))
ck.claim('dL/dc = 1/N sum e^(n)', sum(e) / N, sp.diff(L, c))
ck.claim('dL/dv = 1/N sum e^(n) h^(n)', sum((e[n] * h[n] for n in range(N)), sp.zeros(3, 1)) / N, grad(L, v))
ck.claim('dL/dW = 1/N sum delta^(n) x^(n)T', sum((delta_true[n] * xs[n].T for n in range(N)), sp.zeros(3, 2)) / N,
         grad(L, W))
ck.claim('dL/db = 1/N sum delta^(n)  [corrected line 35]', sum(delta_true, sp.zeros(3, 1)) / N, grad(L, b))
ck.claim('dL/db = sum delta^(n)  [PLANTED line 35]', sum(delta_true, sp.zeros(3, 1)), grad(L, b), planted=True)
X = sp.Matrix.hstack(*xs); Delta = sp.Matrix.hstack(*delta_true)
ck.claim('X is 2x3, Delta is 3x3 (shapes)', sp.Matrix([X.shape, Delta.shape]), sp.Matrix([(2, 3), (3, 3)]))
ck.claim('dL/dW = 1/3 Delta X^T', sp.Rational(1, 3) * Delta * X.T, grad(L, W))
H = sp.Matrix.hstack(*h); ev = sp.Matrix(e)
ck.claim('dL/dv = 1/3 H e', sp.Rational(1, 3) * H * ev, grad(L, v))
finish(ck, pair_ok, act_ok)
