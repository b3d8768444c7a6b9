from common import *

x, y = vec("x", 3), vec("y", 2)
W1, b1, W2, b2 = mat("W1", 2, 3), vec("b1", 2), mat("W2", 2, 2), vec("b2", 2)
lam = scal("lam")

z, Ez = tap("z", W1 * x + b1)
h, Eh = tap("h", emap(relu, z))
o, Eo = tap("o", W2 * h + b2)
Lv, EL = tap("L", sp.Rational(1, 2) * sum((o[i] - y[i]) ** 2 for i in range(2)))
s, Es = tap("s", lam / 2 * (sum(v ** 2 for v in W1) + sum(v ** 2 for v in W2)))
J = Lv + s
S = lam / 2 * (sum(v ** 2 for v in W1) + sum(v ** 2 for v in W2))

zv = W1 * x + b1
hv = emap(relu, zv)
ov = W2 * hv + b2
dJo, dJh, dJz = grad(J, Eo), grad(J, Eh), grad(J, Ez)

claims = [
    Claim("dJ/dL", r"\frac{\partial J}{\partial L} = 1", grad(J, EL), 1),
    Claim("dJ/ds", r"\frac{\partial J}{\partial s} = 1", grad(J, Es), 1),
    Claim("dJ/do", r"\frac{\partial J}{\partial \mathbf{o}} = \mathbf{o} - \mathbf{y}", dJo, ov - y),
    Claim("ds/dW1", r"\frac{\partial s}{\partial \mathbf{W}^{(1)}} = \lambda \mathbf{W}^{(1)}", grad(S, W1), lam * W1),
    Claim("ds/dW2", r"\frac{\partial s}{\partial \mathbf{W}^{(2)}} = \lambda \mathbf{W}^{(2)}", grad(S, W2), lam * W2),
    Claim("dJ/dW2", r"\frac{\partial J}{\partial \mathbf{W}^{(2)}} = \frac{\partial J}{\partial \mathbf{o}} \mathbf{h}^\top + \lambda \mathbf{W}^{(2)}",
          grad(J, W2), dJo * hv.T + lam * W2),
    Claim("dJ/db2", r"\frac{\partial J}{\partial \mathbf{b}^{(2)}} = \frac{\partial J}{\partial \mathbf{o}}", grad(J, b2), dJo),
    Claim("dJ/dh", r"\frac{\partial J}{\partial \mathbf{h}} = {\mathbf{W}^{(2)}}^\top \frac{\partial J}{\partial \mathbf{o}}", dJh, W2.T * dJo),
    Claim("dJ/dz", r"\frac{\partial J}{\partial \mathbf{z}} = \frac{\partial J}{\partial \mathbf{h}} \odot \phi'(\mathbf{z})", dJz, had(dJh, emap(relu_prime, zv))),
    Claim("dJ/dW1", r"\frac{\partial J}{\partial \mathbf{W}^{(1)}} = \frac{\partial J}{\partial \mathbf{z}} \mathbf{x}^\top + \lambda \mathbf{W}^{(1)}",
          grad(J, W1), dJz * x.T + lam * W1),
    Claim("dJ/db1", r"\frac{\partial J}{\partial \mathbf{b}^{(1)}} = \frac{\partial J}{\partial \mathbf{z}}", grad(J, b1), dJz),
]

def sample(rng):
    pt = rand_point([x, y, W1, b1, W2, b2], rng)
    pt[lam] = sp.Rational(rng.randint(1, 1000), 1000)   # lambda != 1, so dropping it matters
    return pt

check_pair("d2l-weightdecay.md", "d2l-weightdecay-corrected.md", claims,
           "dJ/dW2", r"\frac{\partial J}{\partial \mathbf{o}} \mathbf{h}^\top + \mathbf{W}^{(2)}",
           dJo * hv.T + W2, sample=sample, guards=[zv])
