"""rnn-bptt: scalar inputs x_1..x_3, hidden h_t in R^2 (tanh), h_0 = 0,
a_t = W h_{t-1} + u x_t + b, yhat_t = v^T h_t + c, L = sum_t 1/2 (yhat_t - y_t)^2."""
from common import *

c = Checker("rnn-bptt")
c.files("tex", 84)
T = 3
W = mat("W", 2, 2)
u, b, v = vec("u", 2), vec("b", 2), vec("v", 2)
cc = sp.Symbol("c")
xs = sp.symbols("x1:4")
ys = sp.symbols("y1:4")
tanh = sp.tanh


def run(h_override=None, a_override=None):
    """forward pass; optionally replace h_t (or a_t) by free symbols to take total derivatives"""
    h = [sp.zeros(2, 1)]
    a = [None]
    for t in range(1, T + 1):
        at = W * h[t - 1] + u * xs[t - 1] + b
        if a_override and t in a_override:
            at = a_override[t]
        ht = ew(tanh, at)
        if h_override and t in h_override:
            ht = h_override[t]
        a.append(at)
        h.append(ht)
    yhat = [None] + [(v.T * h[t])[0] + cc for t in range(1, T + 1)]
    L = sum(sp.Rational(1, 2) * (yhat[t] - ys[t - 1]) ** 2 for t in range(1, T + 1))
    return a, h, yhat, L


a, h, yhat, L = run()
e = [None] + [yhat[t] - ys[t - 1] for t in range(1, T + 1)]
delta, gamma = [None], [None]
for t in range(1, T + 1):
    Hs = vec("H%d" % t, 2)
    Lh = run(h_override={t: Hs})[3]
    delta.append(grad(Lh, Hs).subs(dict(zip(Hs, h[t]))))
    As = vec("A%d" % t, 2)
    La = run(a_override={t: As})[3]
    gamma.append(grad(La, As).subs(dict(zip(As, a[t]))))
one = sp.ones(2, 1)

c.claim("h_0 = 0, a_1 = u x_1 + b", a[1], u * xs[0] + b)
c.claim("eq:readoutgrad dL/dv = sum_t e_t h_t", sum((e[t] * h[t] for t in range(1, T + 1)), sp.zeros(2, 1)), grad(L, v))
c.claim("eq:readoutgrad dL/dc = sum_t e_t", sum(e[1:]), sp.diff(L, cc))
c.claim("eq:delta3 delta_3 = e_3 v", e[3] * v, delta[3])
for t in range(1, T + 1):
    c.claim("eq:gamma gamma_%d = delta_%d (.) (1 - h_%d (.) h_%d)" % (t, t, t, t), had(delta[t], one - had(h[t], h[t])), gamma[t])
c.claim("eq:delta2 delta_2 = e_2 v + W^T gamma_3", e[2] * v + W.T * gamma[3], delta[2])
c.claim("eq:delta1 delta_1 = e_1 v + W^T gamma_2", e[1] * v + W.T * gamma[2], delta[1])
c.claim("remark: dropping W^T gamma term is wrong (negative control)", e[2] * v, delta[2], expect=False)
dW = grad(L, W)
c.claim("eq:dW1 dL/dW = sum_t gamma_t h_{t-1}^T", sum((gamma[t] * h[t - 1].T for t in range(1, T + 1)), sp.zeros(2, 2)), dW)
c.claim("eq:dW2 = gamma_2 h_1^T + gamma_3 h_2^T", gamma[2] * h[1].T + gamma[3] * h[2].T, dW)
c.claim("t = 1 term vanishes: gamma_1 h_0^T = 0", gamma[1] * h[0].T, sp.zeros(2, 2))
c.claim("eq:du dL/du = sum_t x_t gamma_t", sum((xs[t - 1] * gamma[t] for t in range(1, T + 1)), sp.zeros(2, 1)), grad(L, u))
c.claim("eq:du dL/db = sum_t gamma_t", sum((gamma[t] for t in range(1, T + 1)), sp.zeros(2, 1)), grad(L, b))
# vanishing-gradient remark: contribution of e_3 (loss term t=3 alone) to delta_1
H1 = vec("H1", 2)
_, _, yh1, _ = run(h_override={1: H1})
L3 = sp.Rational(1, 2) * (yh1[3] - ys[2]) ** 2
d1_from3 = grad(L3, H1).subs(dict(zip(H1, h[1])))
diag = lambda vv: sp.diag(*list(vv))
c.claim("remark: e_3 part of delta_1 = W^T diag(1-h2^2) W^T diag(1-h3^2) e_3 v",
        W.T * diag(one - had(h[2], h[2])) * W.T * diag(one - had(h[3], h[3])) * e[3] * v, d1_from3)
# planted line 84
c.claim("PLANTED eq:dW1 dL/dW = sum_t gamma_t h_t^T", sum((gamma[t] * h[t].T for t in range(1, T + 1)), sp.zeros(2, 2)), dW, expect=False)
c.finish()
