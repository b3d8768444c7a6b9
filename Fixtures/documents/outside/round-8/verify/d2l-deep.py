from common import *

x = vec("x", 2)
y, b3, lam, s = scal("y"), scal("b3"), scal("lam"), scal("s")
W1, b1, W2, b2, W3 = mat("W1", 2, 2), vec("b1", 2), mat("W2", 2, 2), vec("b2", 2), mat("W3", 1, 2)

z1, Ez1 = tap("z1", W1 * x + b1)
h1, Eh1 = tap("h1", emap(sigmoid, z1))
z2, Ez2 = tap("z2", W2 * h1 + b2)
h2, Eh2 = tap("h2", emap(sigmoid, z2))
o, Eo = tap("o", (W3 * h2)[0, 0] + b3)
J = sp.Rational(1, 2) * (o - y) ** 2 + lam / 2 * sum(v ** 2 for W in (W1, W2, W3) for v in W)

z1v = W1 * x + b1; h1v = emap(sigmoid, z1v)
z2v = W2 * h1v + b2; h2v = emap(sigmoid, z2v)
ov = (W3 * h2v)[0, 0] + b3
do, dh2, dz2, dh1, dz1 = grad(J, Eo), grad(J, Eh2), grad(J, Ez2), grad(J, Eh1), grad(J, Ez1)
sigp = lambda v: sigmoid(v) * (1 - sigmoid(v))

claims = [
    Claim("do", r"\frac{\partial J}{\partial o} &= o - y", do, ov - y),
    Claim("dW3", r"\frac{\partial J}{\partial \mathbf{W}^{(3)}} &= \frac{\partial J}{\partial o} {\mathbf{h}^{(2)}}^\top + \lambda \mathbf{W}^{(3)}",
          grad(J, W3), do * h2v.T + lam * W3),
    Claim("db3", r"\frac{\partial J}{\partial b^{(3)}} &= \frac{\partial J}{\partial o}", sp.diff(J, b3), do),
    Claim("dh2", r"\frac{\partial J}{\partial \mathbf{h}^{(2)}} = {\mathbf{W}^{(3)}}^\top \frac{\partial J}{\partial o}", dh2, W3.T * do),
    Claim("sigprime", r"\phi'(z) = \phi(z)\bigl(1 - \phi(z)\bigr)", sp.diff(sigmoid(s), s), sigmoid(s) * (1 - sigmoid(s))),
    Claim("dz2", r"\frac{\partial J}{\partial \mathbf{z}^{(2)}} &= \frac{\partial J}{\partial \mathbf{h}^{(2)}} \odot \mathbf{h}^{(2)} \odot \bigl(\mathbf{1} - \mathbf{h}^{(2)}\bigr)",
          dz2, had(had(dh2, h2v), ones(2) - h2v)),
    Claim("dW2", r"\frac{\partial J}{\partial \mathbf{W}^{(2)}} &= \frac{\partial J}{\partial \mathbf{z}^{(2)}} {\mathbf{h}^{(1)}}^\top + \lambda \mathbf{W}^{(2)}",
          grad(J, W2), dz2 * h1v.T + lam * W2),
    Claim("db2", r"\frac{\partial J}{\partial \mathbf{b}^{(2)}} &= \frac{\partial J}{\partial \mathbf{z}^{(2)}}", grad(J, b2), dz2),
    Claim("dh1", r"\frac{\partial J}{\partial \mathbf{h}^{(1)}} &= {\mathbf{W}^{(2)}}^\top \frac{\partial J}{\partial \mathbf{z}^{(2)}}", dh1, W2.T * dz2),
    Claim("dz1", r"\frac{\partial J}{\partial \mathbf{z}^{(1)}} &= \frac{\partial J}{\partial \mathbf{h}^{(1)}} \odot \phi'(\mathbf{z}^{(1)})", dz1, had(dh1, emap(sigp, z1v))),
    Claim("dW1", r"\frac{\partial J}{\partial \mathbf{W}^{(1)}} &= \frac{\partial J}{\partial \mathbf{z}^{(1)}} \mathbf{x}^\top + \lambda \mathbf{W}^{(1)}",
          grad(J, W1), dz1 * x.T + lam * W1),
    Claim("db1", r"\frac{\partial J}{\partial \mathbf{b}^{(1)}} &= \frac{\partial J}{\partial \mathbf{z}^{(1)}}", grad(J, b1), dz1),
]

def sample(rng):
    pt = rand_point([x, y, b3, s, W1, b1, W2, b2, W3], rng)
    pt[lam] = sp.Rational(rng.randint(1, 1000), 1000)
    return pt

check_pair("d2l-deep.tex", "d2l-deep-corrected.tex", claims,
           "dW2", r"\frac{\partial J}{\partial \mathbf{z}^{(2)}} {\mathbf{h}^{(2)}}^\top + \lambda \mathbf{W}^{(2)}",
           dz2 * h2v.T + lam * W2, sample=sample)
