from common import *

D, Mh, K = 2, 3, 2
x, t = vec("x", D), vec("t", K)
w1, w2 = mat("w1", Mh, D + 1), mat("w2", K, Mh + 1)   # column 0 = bias weight
s = scal("s")

xe = sp.Matrix([1] + list(x))
a, Ea = tap("a", w1 * xe)
z = emap(sp.tanh, a)
ze = sp.Matrix([1] + list(z))
yk, Ey = tap("y", w2 * ze)
E = sp.Rational(1, 2) * sum((yk[k] - t[k]) ** 2 for k in range(K))

av = w1 * xe
zv = emap(sp.tanh, av)
zev = sp.Matrix([1] + list(zv))
yv = w2 * zev
dk = grad(E, Ey)          # delta_k (true)
dj = grad(E, Ea)          # delta_j (true)
hp = lambda v: 1 - sp.tanh(v) ** 2
back = sp.Matrix(Mh, 1, lambda j, _: sum(w2[k, j + 1] * dk[k] for k in range(K)))

claims = [
    Claim("delta_k", r"\delta_k = y_k - t_k", dk, yv - t),
    Claim("delta_j general", r"\delta_j = h'(a_j) \sum_{k=1}^{K} w^{(2)}_{kj} \delta_k", dj,
          sp.Matrix(Mh, 1, lambda j, _: hp(av[j]) * back[j])),
    Claim("h'", r"h'(a) = 1 - h(a)^2", sp.diff(sp.tanh(s), s), 1 - sp.tanh(s) ** 2),
    Claim("delta_j tanh", r"\delta_j = (1 - z_j^2) \sum_{k=1}^{K} w^{(2)}_{kj} \delta_k", dj,
          sp.Matrix(Mh, 1, lambda j, _: (1 - zv[j] ** 2) * back[j])),
    Claim("dE/dw1", r"\frac{\partial E_n}{\partial w^{(1)}_{ji}} = \delta_j x_i", grad(E, w1),
          sp.Matrix(Mh, D + 1, lambda j, i: dj[j] * xe[i])),
    Claim("dE/dw2", r"\frac{\partial E_n}{\partial w^{(2)}_{kj}} = \delta_k z_j", grad(E, w2),
          sp.Matrix(K, Mh + 1, lambda k, j: dk[k] * zev[j])),
]

check_pair("bishop-regression.md", "bishop-regression-corrected.md", claims,
           "delta_j tanh", r"\delta_j = (1 - a_j^2) \sum_{k=1}^{K} w^{(2)}_{kj} \delta_k",
           sp.Matrix(Mh, 1, lambda j, _: (1 - av[j] ** 2) * back[j]),
           sample=lambda rng: rand_point([x, t, w1, w2, s], rng))
