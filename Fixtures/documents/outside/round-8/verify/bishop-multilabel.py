from common import *

D, Mh, K = 2, 2, 2
x = vec("x", D)
t = vec("t", K)
w1, w2 = mat("w1", Mh, D + 1), mat("w2", K, Mh + 1)   # column 0 = bias weight
s = scal("s")

xx, Ex = tap("x", x)
xe = sp.Matrix([1] + list(xx))
aj, Eaj = tap("aj", w1 * xe)
z = emap(sigmoid, aj)
ze = sp.Matrix([1] + list(z))
ak, Eak = tap("ak", w2 * ze)
y = emap(sigmoid, ak)
E = -sum(t[k] * sp.log(y[k]) + (1 - t[k]) * sp.log(1 - y[k]) for k in range(K))

xev = sp.Matrix([1] + list(x))
ajv = w1 * xev
zv = emap(sigmoid, ajv)
zev = sp.Matrix([1] + list(zv))
akv = w2 * zev
yv = emap(sigmoid, akv)
dk, dj = grad(E, Eak), grad(E, Eaj)
hp = lambda v: sigmoid(v) * (1 - sigmoid(v))
back = sp.Matrix(Mh, 1, lambda j, _: sum(w2[k, j + 1] * dk[k] for k in range(K)))

# d a_k / d a_j through the network (for the chain-rule line)
Ak_of_aj = w2 * sp.Matrix([1] + list(emap(sigmoid, Eaj)))   # a_k as function of a_j (eps used as a_j)
dak_daj = jac(Ak_of_aj, Eaj).xreplace({Eaj[j]: ajv[j] for j in range(Mh)})
chain = sp.Matrix(Mh, 1, lambda j, _: sum(dk[k] * dak_daj[k, j] for k in range(K)))

# d a_k / d w2_kj and d a_j / d w1_ji
dak_dw2 = sp.Matrix(K, Mh + 1, lambda k, j: sp.diff(akv[k], w2[k, j]))
daj_dw1 = sp.Matrix(Mh, D + 1, lambda j, i: sp.diff(ajv[j], w1[j, i]))

claims = [
    Claim("delta_k", r"\delta_k = y_k - t_k", dk, yv - t),
    Claim("h'", r"h'(a) = h(a) \bigl( 1 - h(a) \bigr)", sp.diff(sigmoid(s), s), sigmoid(s) * (1 - sigmoid(s))),
    Claim("delta_j chain", r"\delta_j &= \sum_{k=1}^{2} \frac{\partial E_n}{\partial a_k} \frac{\partial a_k}{\partial a_j}", dj, chain),
    Claim("delta_j", r"&= h'(a_j) \sum_{k=1}^{2} w^{(2)}_{kj} \delta_k", dj,
          sp.Matrix(Mh, 1, lambda j, _: hp(ajv[j]) * back[j])),
    Claim("delta_j z", r"\delta_j = z_j (1 - z_j) \sum_{k=1}^{2} w^{(2)}_{kj} \delta_k", dj,
          sp.Matrix(Mh, 1, lambda j, _: zv[j] * (1 - zv[j]) * back[j])),
    Claim("dak/dw2", r"\partial a_k / \partial w^{(2)}_{kj} = z_j", dak_dw2, sp.Matrix(K, Mh + 1, lambda k, j: zev[j])),
    Claim("daj/dw1", r"\partial a_j / \partial w^{(1)}_{ji} = x_i", daj_dw1, sp.Matrix(Mh, D + 1, lambda j, i: xev[i])),
    Claim("dE/dw2", r"\frac{\partial E_n}{\partial w^{(2)}_{kj}} &= \delta_k z_j", grad(E, w2),
          sp.Matrix(K, Mh + 1, lambda k, j: dk[k] * zev[j])),
    Claim("dE/dw1", r"\frac{\partial E_n}{\partial w^{(1)}_{ji}} &= \delta_j x_i", grad(E, w1),
          sp.Matrix(Mh, D + 1, lambda j, i: dj[j] * xev[i])),
    Claim("dE/dx", r"\frac{\partial E_n}{\partial x_i} = \sum_{j=1}^{2} w^{(1)}_{ji} \delta_j, \qquad i = 1, 2", grad(E, Ex),
          sp.Matrix(D, 1, lambda i, _: sum(w1[j, i + 1] * dj[j] for j in range(Mh)))),
]

def sample(rng):
    pt = rand_point([x, w1, w2, s], rng)
    for k in range(K):
        pt[t[k]] = sp.Integer(rng.randint(0, 1))
    return pt

# planted: the sum over k is dropped, leaving k free; it fails for k = 1 and for k = 2
alts = [sp.Matrix(Mh, 1, lambda j, _: hp(ajv[j]) * w2[k, j + 1] * dk[k]) for k in range(K)]
check_pair("bishop-multilabel.tex", "bishop-multilabel-corrected.tex", claims,
           "delta_j", r"&= h'(a_j)\, w^{(2)}_{kj} \delta_k", alts, sample=sample)
