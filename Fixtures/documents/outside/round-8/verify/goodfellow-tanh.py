from common import *

x, W, c, w = vec("x", 2), mat("W", 2, 3), vec("c", 3), vec("w", 3)
b, y, s = scal("b"), scal("y"), scal("s")

xx, Ex = tap("x", x)
a, Ea = tap("a", W.T * xx + c)
h, Eh = tap("h", emap(sp.tanh, a))
yhat, Ey = tap("yhat", (w.T * h)[0, 0] + b)
L = sp.Rational(1, 2) * (yhat - y) ** 2

h0, yh0 = emap(sp.tanh, W.T * x + c), (w.T * emap(sp.tanh, W.T * x + c))[0, 0] + b
ga = grad(L, Ea)  # nabla_a L
gh = grad(L, Eh)

claims = [
    Claim("dL/dyhat", r"\frac{\partial L}{\partial \hat{y}} = \hat{y} - y", grad(L, Ey), yh0 - y),
    Claim("grad_w", r"\nabla_{\boldsymbol{w}} L = (\hat{y} - y)\, \boldsymbol{h}", grad(L, w), (yh0 - y) * h0),
    Claim("dL/db", r"\frac{\partial L}{\partial b} = \hat{y} - y", sp.diff(L, b), yh0 - y),
    Claim("grad_h", r"\nabla_{\boldsymbol{h}} L = (\hat{y} - y)\, \boldsymbol{w}", gh, (yh0 - y) * w),
    Claim("tanh'", r"\tanh'(a) = 1 - \tanh^2(a)", sp.diff(sp.tanh(s), s), 1 - sp.tanh(s) ** 2),
    Claim("grad_a", r"\nabla_{\boldsymbol{a}} L = \nabla_{\boldsymbol{h}} L \odot (\boldsymbol{1} - \boldsymbol{h} \odot \boldsymbol{h})",
          ga, had(gh, ones(3) - had(h0, h0))),
    Claim("da/dW", r"\partial a_j / \partial W_{ij} = x_i", sp.Matrix(2, 3, lambda i, j: sp.diff((W.T * x + c)[j], W[i, j])),
          sp.Matrix(2, 3, lambda i, j: x[i])),
    Claim("grad_W", r"\nabla_{\boldsymbol{W}} L = \boldsymbol{x} (\nabla_{\boldsymbol{a}} L)^\top", grad(L, W), x * ga.T),
    Claim("grad_c", r"\nabla_{\boldsymbol{c}} L = \nabla_{\boldsymbol{a}} L", grad(L, c), ga),
    Claim("grad_x", r"\nabla_{\boldsymbol{x}} L = \boldsymbol{W} \nabla_{\boldsymbol{a}} L", grad(L, Ex), W * ga),
]

check_pair("goodfellow-tanh.md", "goodfellow-tanh-corrected.md", claims,
           "grad_a", r"\nabla_{\boldsymbol{a}} L = (1 - \boldsymbol{h}^\top \boldsymbol{h})\, \nabla_{\boldsymbol{h}} L",
           (1 - (h0.T * h0)[0, 0]) * gh,
           sample=lambda rng: rand_point([x, W, c, w, b, y, s], rng))
