"""Pair 5: goodfellow-softmax-relu (x in R^2, 3 ReLU units, 2-way softmax, NLL with one-hot y)."""
from common import *

x = symvec('x', 2); y = symvec('y', 2)
W = symmat('W', 3, 2); b = symvec('b', 3); V = symmat('V', 2, 3); c = symvec('c', 2)
params = list(W) + list(b) + list(V) + list(c)
base = list(x) + list(y) + params

relu = lambda v: v.applyfunc(lambda u: sp.Max(0, u))
ind = lambda v: v.applyfunc(lambda u: sp.Heaviside(u))   # 1(a > 0), a != 0 at all sample points
def softmax(o):
    Z = sum(sp.exp(o[j]) for j in range(2)); return o.applyfunc(lambda u: sp.exp(u) / Z)
L_from_o = lambda o: -sum(y[i] * sp.log(softmax(o)[i]) for i in range(2))
L_from_h = lambda h: L_from_o(V * h + c)
L_from_a = lambda a: L_from_h(relu(a))

a = W * x + b; h = relu(a); o = V * h + c; yhat = softmax(o)
L = L_from_o(o)
go = grad_at(L_from_o, o, 'o'); gh = grad_at(L_from_h, h, 'h'); ga = grad_at(L_from_a, a, 'a')

checks = [
    Check(r"$$\nabla_{\mathbf{o}} L = \hat{\mathbf{y}} - \mathbf{y}$$", 'grad_o L (one-hot y)', go, yhat - y),
    Check(r"$$\nabla_{\mathbf{c}} L = \hat{\mathbf{y}} - \mathbf{y}$$", 'grad_c L', grad(L, c), yhat - y),
    Check(r"$$\nabla_{\mathbf{V}} L = (\hat{\mathbf{y}} - \mathbf{y})\, \mathbf{h}^\top$$", 'grad_V L (2x3)', grad(L, V), (yhat - y) * h.T),
    Check(r"$$\mathbf{g} = \nabla_{\mathbf{h}} L = \mathbf{V}^\top (\hat{\mathbf{y}} - \mathbf{y})$$", 'g = grad_h L', gh, V.T * (yhat - y)),
    Check(r"$$\nabla_{\mathbf{a}} L = \mathbf{g} \odot \mathbb{1}(\mathbf{a} > 0)$$", 'grad_a L', ga, hadamard(gh, ind(a))),
    Check(r"$$\nabla_{\mathbf{b}} L = \mathbf{g} \odot \mathbb{1}(\mathbf{a} > 0), \qquad", 'grad_b L', grad(L, b), hadamard(gh, ind(a))),
    Check(r"\qquad \nabla_{\mathbf{W}} L = \big(\mathbf{g} \odot \mathbb{1}(\mathbf{a} > 0)\big)\, \mathbf{x}^\top$$",
          'grad_W L (3x2)', grad(L, W), hadamard(gh, ind(a)) * x.T),
]
planted = [Check(r"$$\nabla_{\mathbf{V}} L = \mathbf{h}\, (\hat{\mathbf{y}} - \mathbf{y})^\top$$",
                 'grad_V L PLANTED: h (yhat - y)^T', grad(L, V), h * (yhat - y).T)]

def sampler(rng):
    v = {s: sp.Float(rng.uniform(-1.5, 1.5), 30) for s in base}
    k = rng.randrange(2)
    for i in range(2):
        v[y[i]] = sp.Integer(1 if i == k else 0)
    # keep pre-activations away from the ReLU kink
    while True:
        av = [sp.N(e.xreplace(v)) for e in a]
        if min(abs(t) for t in av) > 0.05:
            break
        for s in list(b):
            v[s] = sp.Float(rng.uniform(-1.5, 1.5), 30)
    return v

if __name__ == '__main__':
    pts = run('goodfellow-softmax-relu', checks, 'grad_V L (2x3)', planted, sampler, npts=8)
    # how many hidden units were active at the sample points
    print('active-unit patterns at the sample points:', [tuple(int(bool(sp.N(e.xreplace(p)) > 0)) for e in a) for p in pts])
    fd_check(L, params, sampler)
