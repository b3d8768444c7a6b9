"""cs231n.md: warm-up f(x,y,z) = (x+y)z; network f(x,y) = sigma(w11 x + w12 y) tanh(w21 x + w22 y) + x."""
import sympy as sp
from common import *

act_ok = check_activation_rules()
pair_ok = pair_diff('cs231n')

# warm-up (exact numbers from the text are checked too)
X, Y, Z, Q = sp.symbols('X Y Z Q')
fw = (X + Y) * Z
num = {X: -2, Y: 5, Z: -4}
x, y, w11, w12, w21, w22 = sp.symbols('x y w11 w12 w21 w22')
syms = [x, y, w11, w12, w21, w22, X, Y, Z]

q1 = w11 * x + w12 * y; q2 = w21 * x + w22 * y
s1 = sig(q1); s2 = th(q2); p = s1 * s2; f = p + x
# true derivatives w.r.t. intermediates via fresh symbols
P, S1, S2, Q1, Q2 = sp.symbols('P S1 S2 Q1 Q2')
back = {S1: s1, S2: s2, Q1: q1, Q2: q2, P: p}
df_dp = sp.diff(P + x, P)
df_ds1 = sp.diff(S1 * S2 + x, S1).xreplace(back)
df_ds2 = sp.diff(S1 * S2 + x, S2).xreplace(back)
f_q = sig(Q1) * th(Q2) + x
df_dq1 = sp.diff(f_q, Q1).xreplace(back)
df_dq2 = sp.diff(f_q, Q2).xreplace(back)

ck = Checker('cs231n', syms)
ck.claim('warm-up df/dq = z', Z, sp.diff(Q * Z, Q).xreplace({Q: X + Y}))
ck.claim('warm-up df/dz = q', X + Y, sp.diff(fw, Z))
ck.claim('warm-up dq/dx = 1, dq/dy = 1', sp.Matrix([1, 1]), sp.Matrix([sp.diff(X + Y, X), sp.diff(X + Y, Y)]))
ck.claim('warm-up df/dx = z, df/dy = z', sp.Matrix([Z, Z]), sp.Matrix([sp.diff(fw, X), sp.diff(fw, Y)]))
ck.claim('warm-up numbers q=3, f=-12', sp.Matrix([3, -12]), sp.Matrix([(X + Y).subs(num), fw.subs(num)]))
ck.claim('warm-up numbers df/dx=-4, df/dy=-4, df/dz=3', sp.Matrix([-4, -4, 3]),
         sp.Matrix([sp.diff(fw, v).subs(num) for v in (X, Y, Z)]))
ck.claim('df/dp = 1', 1, df_dp)
ck.claim('df/ds1 = s2 df/dp = s2', sp.Matrix([s2 * df_dp, s2]), sp.Matrix([df_ds1, df_ds1]))
ck.claim('df/ds2 = s1 df/dp = s1', sp.Matrix([s1 * df_dp, s1]), sp.Matrix([df_ds2, df_ds2]))
ck.claim('df/dq1 = s1(1-s1) df/ds1', s1 * (1 - s1) * df_ds1, df_dq1)
ck.claim('df/dq2 = (1-s2^2) df/ds2  [corrected line 45]', (1 - s2 ** 2) * df_ds2, df_dq2)
ck.claim('df/dq2 = 1 - s2^2  [PLANTED line 45]', 1 - s2 ** 2, df_dq2, planted=True)
ck.claim('df/dw11 = x df/dq1', x * df_dq1, sp.diff(f, w11))
ck.claim('df/dw12 = y df/dq1', y * df_dq1, sp.diff(f, w12))
ck.claim('df/dw21 = x df/dq2', x * df_dq2, sp.diff(f, w21))
ck.claim('df/dw22 = y df/dq2', y * df_dq2, sp.diff(f, w22))
ck.claim('df/dy = w12 df/dq1 + w22 df/dq2', w12 * df_dq1 + w22 * df_dq2, sp.diff(f, y))
ck.claim('df/dx = w11 df/dq1 + w21 df/dq2 + 1', w11 * df_dq1 + w21 * df_dq2 + 1, sp.diff(f, x))
ck.claim('df/dx substituted', w11 * s1 * (1 - s1) * s2 + w21 * (1 - s2 ** 2) * s1 + 1, sp.diff(f, x))
finish(ck, pair_ok, act_ok)
