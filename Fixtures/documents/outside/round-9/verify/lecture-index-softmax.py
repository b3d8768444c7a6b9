"""Verify lecture-index-softmax: 2-3-3 network, sigmoid hidden, softmax
output, cross-entropy with a target distribution t (sum t = 1)."""
import random
import sympy as sp
from common import *

x, t = vec("x", 2), vec("t", 3)
w, b = mat("w", 3, 2), vec("b", 3)
v, c = mat("v", 3, 3), vec("c", 3)
eu, eh, ez, ep = vec("eu", 3), vec("eh", 3), vec("ez", 3), vec("ep", 3)
EPS = [eu, eh, ez, ep]

u = [sum(w[j][i] * x[i] for i in range(2)) + b[j] + eu[j] for j in range(3)]
h = [sigmoid(a) + eh[j] for j, a in enumerate(u)]
z = [sum(v[k][j] * h[j] for j in range(3)) + c[k] + ez[k] for k in range(3)]
p = [q + ep[k] for k, q in enumerate(softmax(z))]
L = -sum(t[k] * sp.log(p[k]) for k in range(3))

H, P = at0(h, EPS), at0(p, EPS)
dL_dp, dL_dz, dL_dh = grad(L, ep, EPS), grad(L, ez, EPS), grad(L, eh, EPS)
dp_dz = [[grad(p[m], ez[k], EPS) for k in range(3)] for m in range(3)]
dh_du = [grad(h[j], eu[j], EPS) for j in range(3)]
dL_dv, dL_dc, dL_dw, dL_db = grad(L, v, EPS), grad(L, c, EPS), grad(L, w, EPS), grad(L, b, EPS)
r = [P[k] - t[k] for k in range(3)]
kd = lambda m, k: int(m == k)
back = [sum(r[k] * v[k][j] for k in range(3)) for j in range(3)]

claims = [
    Claim("softmax Jacobian", r"$$\frac{\partial p_m}{\partial z_k} = p_m (\delta_{mk} - p_k) \qquad \text{for all } m, k$$",
          lambda pt: (dp_dz, [[P[m] * (kd(m, k) - P[k]) for k in range(3)] for m in range(3)])),
    Claim("dL/dp_m", r"$$\frac{\partial L}{\partial p_m} = -\frac{t_m}{p_m}$$",
          lambda pt: (dL_dp, [-t[m] / P[m] for m in range(3)])),
    Claim("dL/dz_k", r"$$\frac{\partial L}{\partial z_k} = \sum_{m=1}^{3} \frac{\partial L}{\partial p_m} \frac{\partial p_m}{\partial z_k} = p_k - t_k$$",
          lambda pt: ([dL_dz, dL_dz],
                      [[sum(dL_dp[m] * dp_dz[m][k] for m in range(3)) for k in range(3)], r])),
    Claim("dL/dv_kj", r"$$\frac{\partial L}{\partial v_{kj}} = (p_k - t_k)\, h_j$$",
          lambda pt: (dL_dv, [[r[k] * H[j] for j in range(3)] for k in range(3)])),
    Claim("dL/dc_k", r"$$\frac{\partial L}{\partial c_k} = p_k - t_k$$",
          lambda pt: (dL_dc, r)),
    Claim("dL/dh_j", r"$$\frac{\partial L}{\partial h_j} = \sum_{k=1}^{3} (p_k - t_k)\, v_{kj}$$",
          lambda pt: (dL_dh, back)),
    Claim("dh_j/du_j", r"$$\frac{\partial h_j}{\partial u_j} = h_j (1 - h_j)$$",
          lambda pt: (dh_du, [H[j] * (1 - H[j]) for j in range(3)])),
    Claim("dL/dw_ji", r"$$\frac{\partial L}{\partial w_{ji}} = h_j (1 - h_j)\, x_i \sum_{k=1}^{3} (p_k - t_k)\, v_{kj}$$",
          lambda pt: (dL_dw, [[H[j] * (1 - H[j]) * x[i] * back[j] for i in range(2)] for j in range(3)])),
    Claim("dL/db_j", r"$$\frac{\partial L}{\partial b_j} = h_j (1 - h_j) \sum_{k=1}^{3} (p_k - t_k)\, v_{kj}$$",
          lambda pt: (dL_db, [H[j] * (1 - H[j]) * back[j] for j in range(3)])),
]
planted = lambda pt: ([dL_dz, dL_dz],
                      [[dL_dp[k] * dp_dz[k][k] for k in range(3)],
                       [-t[k] * (1 - P[k]) for k in range(3)]])

rng = random.Random(9009)
points = []
for n, pt in enumerate(random_points(flat([x, w, b, v, c]), rng)):
    if n % 2 == 0:                       # one-hot targets
        cls = rng.randrange(3)
        pt.update({t[k]: int(k == cls) for k in range(3)})
    else:                                # a general target distribution
        q = [rng.randint(1, 100) for _ in range(3)]
        pt.update({t[k]: sp.Rational(q[k], sum(q)) for k in range(3)})
    points.append(pt)

run("lecture-index-softmax", ".md", 33,
    r"= \frac{\partial L}{\partial p_k} \frac{\partial p_k}{\partial z_k} = -t_k (1 - p_k)$$",
    r"= \sum_{m=1}^{3} \frac{\partial L}{\partial p_m} \frac{\partial p_m}{\partial z_k} = p_k - t_k$$",
    claims, "dL/dz_k", planted, points)
