from common import *

x, t = vec("x", 2), vec("t", 2)
u, c, v = mat("u", 3, 2), vec("c", 3), mat("v", 2, 3)
r = scal("r")

xx, Ex = tap("x", x)
s, Es = tap("s", u * xx + c)
h, Eh = tap("h", emap(sp.tanh, s))
o, Eo = tap("o", xx + v * h)
L = sp.Rational(1, 2) * sum((o[k] - t[k]) ** 2 for k in range(2))

sv = u * x + c
hv = emap(sp.tanh, sv)
ov = x + v * hv
e = ov - t
back = lambda j: sum(v[k, j] * e[k] for k in range(2))
O_of_x = Ex + v * emap(sp.tanh, u * Ex + c)  # block output as a function of its input (eps used as x)
Jx = jac(O_of_x, Ex).xreplace({Ex[i]: x[i] for i in range(2)})

claims = [
    Claim("dL/do", r"\frac{\partial L}{\partial o_k} = o_k - t_k", grad(L, Eo), e),
    Claim("dL/dv", r"\frac{\partial L}{\partial v_{kj}} = (o_k - t_k) h_j", grad(L, v), sp.Matrix(2, 3, lambda k, j: e[k] * hv[j])),
    Claim("dL/dh", r"\frac{\partial L}{\partial h_j} = \sum_{k=1}^{2} v_{kj} (o_k - t_k)", grad(L, Eh), sp.Matrix(3, 1, lambda j, _: back(j))),
    Claim("tanh'", r"\tanh'(s) = 1 - \tanh^2(s)", sp.diff(sp.tanh(r), r), 1 - sp.tanh(r) ** 2),
    Claim("dL/ds", r"\frac{\partial L}{\partial s_j} = (1 - h_j^2) \sum_{k=1}^{2} v_{kj} (o_k - t_k)", grad(L, Es),
          sp.Matrix(3, 1, lambda j, _: (1 - hv[j] ** 2) * back(j))),
    Claim("dL/du", r"\frac{\partial L}{\partial u_{ji}} = (1 - h_j^2)\, x_i \sum_{k=1}^{2} v_{kj} (o_k - t_k)", grad(L, u),
          sp.Matrix(3, 2, lambda j, i: (1 - hv[j] ** 2) * x[i] * back(j))),
    Claim("dL/dc", r"\frac{\partial L}{\partial c_j} = (1 - h_j^2) \sum_{k=1}^{2} v_{kj} (o_k - t_k)", grad(L, c),
          sp.Matrix(3, 1, lambda j, _: (1 - hv[j] ** 2) * back(j))),
    Claim("do/dx", r"\frac{\partial o_k}{\partial x_i} = \delta_{ki} + \sum_{j=1}^{3} v_{kj} (1 - h_j^2) u_{ji}", Jx,
          sp.Matrix(2, 2, lambda k, i: (1 if k == i else 0) + sum(v[k, j] * (1 - hv[j] ** 2) * u[j, i] for j in range(3)))),
    Claim("dL/dx", r"\frac{\partial L}{\partial x_i} = (o_i - t_i) + \sum_{j=1}^{3} u_{ji} (1 - h_j^2) \sum_{k=1}^{2} v_{kj} (o_k - t_k)",
          grad(L, Ex), sp.Matrix(2, 1, lambda i, _: e[i] + sum(u[j, i] * (1 - hv[j] ** 2) * back(j) for j in range(3)))),
]

check_pair("index-residual.md", "index-residual-corrected.md", claims,
           "dL/dx", r"\frac{\partial L}{\partial x_i} = \sum_{j=1}^{3} u_{ji} (1 - h_j^2) \sum_{k=1}^{2} v_{kj} (o_k - t_k)",
           sp.Matrix(2, 1, lambda i, _: sum(u[j, i] * (1 - hv[j] ** 2) * back(j) for j in range(3))),
           sample=lambda rng: rand_point([x, t, u, c, v, r], rng))
