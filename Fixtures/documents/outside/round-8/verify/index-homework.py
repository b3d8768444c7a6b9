from common import *

x = vec("x", 3)
w, b, v = mat("w", 2, 3), vec("b", 2), vec("v", 2)
c, t, u = scal("c"), scal("t"), scal("u")

xx, Ex = tap("x", x)
sk, Es = tap("s", w * xx + b)
h, Eh = tap("h", emap(sigmoid, sk))
y, Ey = tap("y", sum(v[k] * h[k] for k in range(2)) + c)
L = sp.Rational(1, 2) * (y - t) ** 2

sv = w * x + b
hv = emap(sigmoid, sv)
yv = sum(v[k] * hv[k] for k in range(2)) + c
e = yv - t
g = lambda k: e * v[k] * hv[k] * (1 - hv[k])

claims = [
    Claim("dL/dy", r"\frac{\partial L}{\partial y} = y - t", grad(L, Ey), e),
    Claim("dy/dv", r"\partial y / \partial v_k = h_k", sp.Matrix(2, 1, lambda k, _: sp.diff(yv, v[k])), hv),
    Claim("dy/dc", r"\partial y / \partial c = 1", sp.diff(yv, c), 1),
    Claim("dL/dv", r"\frac{\partial L}{\partial v_k} = (y - t) h_k, \qquad k = 1, 2", grad(L, v), e * hv),
    Claim("dL/dc", r"\frac{\partial L}{\partial c} = y - t", sp.diff(L, c), e),
    Claim("dL/dh", r"\frac{\partial L}{\partial h_k} = (y - t) v_k", grad(L, Eh), e * v),
    Claim("sigma'", r"\sigma'(s) = \sigma(s)(1 - \sigma(s))", sp.diff(sigmoid(u), u), sigmoid(u) * (1 - sigmoid(u))),
    Claim("dh/ds", r"\partial h_k / \partial s_k = h_k (1 - h_k)",
          sp.Matrix(2, 1, lambda k, _: sp.diff(sigmoid(Es[k]), Es[k]).xreplace({Es[k]: sv[k]})),
          sp.Matrix(2, 1, lambda k, _: hv[k] * (1 - hv[k]))),
    Claim("dL/ds", r"\frac{\partial L}{\partial s_k} = (y - t) v_k h_k (1 - h_k)", grad(L, Es), sp.Matrix(2, 1, lambda k, _: g(k))),
    Claim("ds/dw", r"\partial s_k / \partial w_{kj} = x_j", sp.Matrix(2, 3, lambda k, j: sp.diff(sv[k], w[k, j])),
          sp.Matrix(2, 3, lambda k, j: x[j])),
    Claim("dL/dw", r"\frac{\partial L}{\partial w_{kj}} = (y - t) v_k h_k (1 - h_k) x_j, \qquad k = 1, 2, \quad j = 1, 2, 3",
          grad(L, w), sp.Matrix(2, 3, lambda k, j: g(k) * x[j])),
    Claim("ds/db", r"\partial s_k / \partial b_k = 1", sp.Matrix(2, 1, lambda k, _: sp.diff(sv[k], b[k])), ones(2)),
    Claim("dL/db", r"\frac{\partial L}{\partial b_k} = (y - t) v_k h_k (1 - h_k)", grad(L, b), sp.Matrix(2, 1, lambda k, _: g(k))),
    Claim("dL/dx", r"\frac{\partial L}{\partial x_j} = (y - t) \sum_{k=1}^{2} v_k h_k (1 - h_k) w_{kj}, \qquad j = 1, 2, 3",
          grad(L, Ex), sp.Matrix(3, 1, lambda j, _: e * sum(v[k] * hv[k] * (1 - hv[k]) * w[k, j] for k in range(2)))),
]

check_pair("index-homework.md", "index-homework-corrected.md", claims,
           "dL/dw", r"\frac{\partial L}{\partial w_{kj}} = (y - t) v_k h_k (1 - h_k) x_k",
           sp.Matrix(2, 3, lambda k, j: g(k) * x[k]),
           sample=lambda rng: rand_point([x, w, b, v, c, t, u], rng))
