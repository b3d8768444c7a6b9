"""rnn.md: 2-step vanilla RNN, a_t = Wxh x_t + Whh h_{t-1} + bh, h_t = tanh(a_t), yhat_t = why^T h_t + by,
L = sum_t (yhat_t - y_t)^2 / 2, given h_0."""
import sympy as sp
from common import *

act_ok = check_activation_rules()
pair_ok = pair_diff('rnn')
Wxh, Whh, bh, why = M(2, 2, 'Wxh'), M(2, 2, 'Whh'), V(2, 'bh'), V(2, 'why')
by = sp.Symbol('by')
x1, x2, h0 = V(2, 'x1'), V(2, 'x2'), V(2, 'h0')
y1, y2 = sp.symbols('y1 y2')
syms = list(Wxh) + list(Whh) + list(bh) + list(why) + [by] + list(x1) + list(x2) + list(h0) + [y1, y2]

def forward(h0v, a1_override=None, a2_override=None, h1_override=None):
    a1 = Wxh * x1 + Whh * h0v + bh if a1_override is None else a1_override
    h1 = a1.applyfunc(th) if h1_override is None else h1_override
    a2 = Wxh * x2 + Whh * h1 + bh if a2_override is None else a2_override
    h2 = a2.applyfunc(th)
    yh1 = (why.T * h1)[0] + by; yh2 = (why.T * h2)[0] + by
    return a1, h1, a2, h2, yh1, yh2, sp.Rational(1, 2) * ((yh1 - y1) ** 2 + (yh2 - y2) ** 2)

a1, h1, a2, h2, yh1, yh2, L = forward(h0)
e1, e2 = yh1 - y1, yh2 - y2
A1, A2, H1 = V(2, 'A1'), V(2, 'A2'), V(2, 'H1')
# delta_2 = dL/da_2 holding a_1 (hence h_1, yhat_1) fixed
d2_true = grad(forward(h0, a2_override=A2)[-1], A2).xreplace(dict(zip(A2, a2)))
# dL/dh_1 (both children), delta_1 = dL/da_1 (total)
gh1_true = grad(forward(h0, h1_override=H1)[-1], H1).xreplace(dict(zip(H1, h1)))
d1_true = grad(forward(h0, a1_override=A1)[-1], A1).xreplace(dict(zip(A1, a1)))
one = sp.ones(2, 1)

ck = Checker('rnn', syms)
ck.claim('delta_2 = e_2 w_hy o (1 - h_2 o h_2)', e2 * why.multiply_elementwise(one - h2.multiply_elementwise(h2)), d2_true)
ck.claim('dL/dh_1 = e_1 w_hy + Whh^T delta_2', e1 * why + Whh.T * d2_true, gh1_true)
ck.claim('delta_1 = (e_1 w_hy + Whh^T delta_2) o (1 - h_1 o h_1)',
         (e1 * why + Whh.T * d2_true).multiply_elementwise(one - h1.multiply_elementwise(h1)), d1_true)
ck.claim('grad_why L = e_1 h_1 + e_2 h_2', e1 * h1 + e2 * h2, grad(L, why))
ck.claim('dL/dby = e_1 + e_2', e1 + e2, sp.diff(L, by))
ck.claim('grad_Wxh L = delta_1 x_1^T + delta_2 x_2^T', d1_true * x1.T + d2_true * x2.T, grad(L, Wxh))
ck.claim('grad_Whh L = delta_1 h_0^T + delta_2 h_1^T  [corrected line 41]', d1_true * h0.T + d2_true * h1.T, grad(L, Whh))
ck.claim('grad_Whh L = delta_1 h_1^T + delta_2 h_2^T  [PLANTED line 41]', d1_true * h1.T + d2_true * h2.T, grad(L, Whh), planted=True)
ck.claim('grad_bh L = delta_1 + delta_2', d1_true + d2_true, grad(L, bh))
ck.claim('grad_h0 L = Whh^T delta_1', Whh.T * d1_true, grad(L, h0))
finish(ck, pair_ok, act_ok)
