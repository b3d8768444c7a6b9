"""residual-block: x in R^2, u = W1 x + b1 (3), h = tanh(u), F = W2 h + b2 (2), y = x + F, L = 1/2||y - t||^2."""
from common import *

c = Checker("residual-block")
c.files("tex", 54)
x, t = vec("x", 2), vec("t", 2)
W1, b1 = mat("Wa", 3, 2), vec("ba", 3)
W2, b2 = mat("Wb", 2, 3), vec("bb", 2)
one = sp.ones(3, 1)

u = W1 * x + b1
h = ew(sp.tanh, u)
F = W2 * h + b2
y = x + F
Lf = lambda yy: sp.Rational(1, 2) * (yy - t).dot(yy - t)
L = Lf(y)

Ys = vec("Y", 2)
g = grad(Lf(Ys), Ys).subs(dict(zip(Ys, y)))
Hs = vec("H", 3)
dL_dh = grad(Lf(x + W2 * Hs + b2), Hs).subs(dict(zip(Hs, h)))
Us = vec("U", 3)
dL_du = grad(Lf(x + W2 * ew(sp.tanh, Us) + b2), Us).subs(dict(zip(Us, u)))
Jac = y.jacobian(x)

c.claim("eq:g g = dL/dy = y - t", y - t, g)
c.claim("eq:dW2 dL/dW2 = g h^T", g * h.T, grad(L, W2))
c.claim("eq:dW2 dL/db2 = g", g, grad(L, b2))
c.claim("eq:dh dL/dh = W2^T g", W2.T * g, dL_dh)
c.claim("eq:du dL/du = (W2^T g) (.) (1 - h (.) h)", had(W2.T * g, one - had(h, h)), dL_du)
c.claim("eq:dW1 dL/dW1 = dL/du x^T", dL_du * x.T, grad(L, W1))
c.claim("eq:dW1 dL/db1 = dL/du", dL_du, grad(L, b1))
c.claim("eq:dx dL/dx = g + W1^T dL/du", g + W1.T * dL_du, grad(L, x))
c.claim("eq:jac dy/dx = I + W2 diag(1 - h(.)h) W1 (2x2)", sp.eye(2) + W2 * sp.diag(*list(one - had(h, h))) * W1, Jac)
c.claim("eq:dx = (dy/dx)^T g", Jac.T * g, grad(L, x))
# discussion: plain network y' = F(x) with upstream gradient g on its output
G = vec("G", 2)
plain = grad((G.T * F)[0], x)
c.claim("plain net: grad = W1^T((W2^T g) (.) (1 - h(.)h))", W1.T * had(W2.T * G, one - had(h, h)), plain)
# saturation: if 1 - h(.)h = 0 the residual gradient reduces to g
c.claim("discussion: with 1 - h(.)h = 0 the input gradient equals g",
        (g + W1.T * had(W2.T * g, sp.zeros(3, 1))), g)
# planted line 54
c.claim("PLANTED eq:dx dL/dx = W1^T dL/du", W1.T * dL_du, grad(L, x), expect=False)
c.finish()
