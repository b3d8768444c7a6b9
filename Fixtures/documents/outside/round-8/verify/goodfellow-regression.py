from common import *

x, y = vec("x", 2), vec("y", 2)
W1, b1, W2, b2 = mat("W1", 3, 2), vec("b1", 3), mat("W2", 2, 3), vec("b2", 2)
s = scal("s")

a1, Ea1 = tap("a1", b1 + W1 * x)
h1, Eh1 = tap("h1", emap(softplus, a1))
a2, Ea2 = tap("a2", b2 + W2 * h1)
yhat, Ey = tap("yhat", a2)
J = sum((yhat[i] - y[i]) ** 2 for i in range(2))

A1 = b1 + W1 * x
H1 = emap(softplus, A1)
Y = b2 + W2 * H1
gy, gh1, ga1 = grad(J, Ey), grad(J, Eh1), grad(J, Ea1)

claims = [
    Claim("grad_yhat", r"\nabla_{\hat{\boldsymbol{y}}} J = 2 (\hat{\boldsymbol{y}} - \boldsymbol{y})", gy, 2 * (Y - y)),
    Claim("grad_a2", r"\nabla_{\boldsymbol{a}^{(2)}} J = \nabla_{\hat{\boldsymbol{y}}} J", grad(J, Ea2), gy),
    Claim("grad_b2", r"\nabla_{\boldsymbol{b}^{(2)}} J = 2 (\hat{\boldsymbol{y}} - \boldsymbol{y})", grad(J, b2), 2 * (Y - y)),
    Claim("grad_W2", r"\nabla_{\boldsymbol{W}^{(2)}} J = (\nabla_{\hat{\boldsymbol{y}}} J)\, \boldsymbol{h}^{(1)\top}", grad(J, W2), gy * H1.T),
    Claim("grad_h1", r"\nabla_{\boldsymbol{h}^{(1)}} J = \boldsymbol{W}^{(2)\top} \nabla_{\hat{\boldsymbol{y}}} J", gh1, W2.T * gy),
    Claim("zeta'", r"\zeta'(a) = \sigma(a)", sp.diff(softplus(s), s), sigmoid(s)),
    Claim("grad_a1", r"\nabla_{\boldsymbol{a}^{(1)}} J = \nabla_{\boldsymbol{h}^{(1)}} J \odot \sigma(\boldsymbol{a}^{(1)})", ga1, had(gh1, emap(sigmoid, A1))),
    Claim("grad_W1", r"\nabla_{\boldsymbol{W}^{(1)}} J = (\nabla_{\boldsymbol{a}^{(1)}} J)\, \boldsymbol{x}^\top", grad(J, W1), ga1 * x.T),
    Claim("grad_b1", r"\nabla_{\boldsymbol{b}^{(1)}} J = \nabla_{\boldsymbol{a}^{(1)}} J", grad(J, b1), ga1),
]

check_pair("goodfellow-regression.md", "goodfellow-regression-corrected.md", claims,
           "grad_yhat", r"\nabla_{\hat{\boldsymbol{y}}} J = \hat{\boldsymbol{y}} - \boldsymbol{y}", Y - y,
           sample=lambda rng: rand_point([x, y, W1, b1, W2, b2, s], rng))
