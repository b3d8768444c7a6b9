from common import *

x = vec("x", 2)
y = vec("y", 3)
W1, b1, W2, b2 = mat("W1", 3, 2), vec("b1", 3), mat("W2", 3, 3), vec("b2", 3)

def softmax(z):
    den = sum(sp.exp(z[c]) for c in range(3))
    return sp.Matrix(3, 1, lambda k, _: sp.exp(z[k]) / den)

a, Ea = tap("a", W1 * x + b1)
h, Eh = tap("h", emap(relu, a))
z, Ez = tap("z", W2 * h + b2)
p, Ep = tap("p", softmax(z))
L = -sum(y[k] * sp.log(p[k]) for k in range(3))

av = W1 * x + b1
hv = emap(relu, av)
zv = W2 * hv + b2
pv = softmax(zv)
ga = grad(L, Ea)

Zs = vec("zeta", 3)  # free logits for the Jacobian
Jp = jac(softmax(Zs), Zs).xreplace({Zs[i]: zv[i] for i in range(3)})
kron = lambda i, j: 1 if i == j else 0

claims = [
    Claim("dL/dp", r"\frac{\partial L}{\partial p_k} = -\frac{y_k}{p_k}", grad(L, Ep), sp.Matrix(3, 1, lambda k, _: -y[k] / pv[k])),
    Claim("dp/dz index", r"\frac{\partial p_i}{\partial z_j} = p_i (\delta_{ij} - p_j)", Jp,
          sp.Matrix(3, 3, lambda i, j: pv[i] * (kron(i, j) - pv[j]))),
    Claim("dp/dz matrix", r"\frac{\partial \mathbf{p}}{\partial \mathbf{z}} = \operatorname{diag}(\mathbf{p}) - \mathbf{p} \mathbf{p}^\top", Jp,
          sp.diag(*pv) - pv * pv.T),
    Claim("chain inline", r"= -y_j + p_j \sum_i y_i", grad(L, Ez), sp.Matrix(3, 1, lambda j, _: -y[j] + pv[j] * sum(y))),
    Claim("grad_z", r"\nabla_{\mathbf{z}} L = \mathbf{p} - \mathbf{y}", grad(L, Ez), pv - y),
    Claim("grad_W2", r"\nabla_{W^{[2]}} L = (\mathbf{p} - \mathbf{y}) \mathbf{h}^\top", grad(L, W2), (pv - y) * hv.T),
    Claim("grad_b2", r"\nabla_{\mathbf{b}^{[2]}} L = \mathbf{p} - \mathbf{y}", grad(L, b2), pv - y),
    Claim("grad_h", r"\nabla_{\mathbf{h}} L = (W^{[2]})^\top (\mathbf{p} - \mathbf{y})", grad(L, Eh), W2.T * (pv - y)),
    Claim("grad_a", r"\nabla_{\mathbf{a}} L = \left( (W^{[2]})^\top (\mathbf{p} - \mathbf{y}) \right) \odot \operatorname{ReLU}'(\mathbf{a})",
          ga, had(W2.T * (pv - y), emap(relu_prime, av))),
    Claim("grad_W1", r"\nabla_{W^{[1]}} L = (\nabla_{\mathbf{a}} L)\, \mathbf{x}^\top", grad(L, W1), ga * x.T),
    Claim("grad_b1", r"\nabla_{\mathbf{b}^{[1]}} L = \nabla_{\mathbf{a}} L", grad(L, b1), ga),
]

def sample(rng):
    pt = rand_point([x, W1, b1, W2, b2], rng)
    cls = rng.randrange(3)
    for k in range(3):
        pt[y[k]] = sp.Integer(1 if k == cls else 0)
    return pt

check_pair("softmax-ce.md", "softmax-ce-corrected.md", claims,
           "grad_z", r"\nabla_{\mathbf{z}} L = \mathbf{y} - \mathbf{p}", y - pv, sample=sample, guards=[av])
