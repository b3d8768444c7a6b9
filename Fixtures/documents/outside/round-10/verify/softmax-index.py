"""softmax-index: x in R^4, W in R^{3x4}, b in R^3, p = softmax(z), L = -sum_k y_k log p_k, y one-hot."""
from common import *

c = Checker("softmax-index")
c.files("tex", 74)
K, Dn = 3, 4
x, W, b = vec("x", Dn), mat("w", K, Dn), vec("b", K)
kd = lambda a, bb: 1 if a == bb else 0
Zs = vec("Z", K)
soft = lambda Z: [sp.exp(Z[k]) / sum(sp.exp(Z[m]) for m in range(K)) for k in range(K)]
z = [sum(W[k, j] * x[j] for j in range(Dn)) + b[k] for k in range(K)]
p = soft(z)
pZ = soft(Zs)
sub = dict(zip(Zs, z))

# local derivatives (independent of the label)
c.claim("eq:local dz_k/dw_ij = delta_ki x_j (all k,i,j)",
        sp.Matrix(K * K, Dn, lambda ki, j: kd(ki // K, ki % K) * x[j]),
        sp.Matrix(K * K, Dn, lambda ki, j: sp.diff(z[ki // K], W[ki % K, j])))
c.claim("eq:local dz_k/db_i = delta_ki", sp.Matrix(K, K, lambda k, i: kd(k, i)), sp.Matrix(K, K, lambda k, i: sp.diff(z[k], b[i])))
c.claim("eq:local dz_k/dx_j = w_kj", W, sp.Matrix(K, Dn, lambda k, j: sp.diff(z[k], x[j])))
c.claim("eq:jacobian dp_k/dz_i = p_k(delta_ki - p_i)", sp.Matrix(K, K, lambda k, i: pZ[k] * (kd(k, i) - pZ[i])),
        sp.Matrix(K, K, lambda k, i: sp.diff(pZ[k], Zs[i])))
c.claim("check k=i: p_i(1-p_i); k!=i: -p_k p_i",
        sp.Matrix(K, K, lambda k, i: pZ[i] * (1 - pZ[i]) if k == i else -pZ[k] * pZ[i]),
        sp.Matrix(K, K, lambda k, i: sp.diff(pZ[k], Zs[i])))

for cls in range(K):
    y = [kd(k, cls) for k in range(K)]
    print(" true class c = %d" % (cls + 1))
    Ps = vec("P", K)
    L_of_p = -sum(y[k] * sp.log(Ps[k]) for k in range(K))
    L_of_z = L_of_p.subs(dict(zip(Ps, pZ)))
    L = L_of_z.subs(sub)
    dLdz = sp.Matrix([sp.diff(L_of_z, Zs[i]) for i in range(K)]).subs(sub)
    dLdp = [sp.diff(L_of_p, Ps[k]) for k in range(K)]
    c.claim("eq:dldp dL/dp_k = -y_k/p_k", sp.Matrix([-y[k] / Ps[k] for k in range(K)]), sp.Matrix(dLdp))
    c.claim("eq:dz1 dL/dz_i = sum_k dL/dp_k dp_k/dz_i",
            sp.Matrix([sum(dLdp[k].subs(dict(zip(Ps, pZ))) * sp.diff(pZ[k], Zs[i]) for k in range(K)) for i in range(K)]).subs(sub), dLdz)
    c.claim("eq:dz1 ... = -sum_k y_k(delta_ki - p_i)", sp.Matrix([-sum(y[k] * (kd(k, i) - p[i]) for k in range(K)) for i in range(K)]), dLdz)
    c.claim("eq:dz2 = -y_i + p_i sum_k y_k", sp.Matrix([-y[i] + p[i] * sum(y) for i in range(K)]), dLdz)
    c.claim("eq:dz3 = p_i - y_i", sp.Matrix([p[i] - y[i] for i in range(K)]), dLdz)
    c.claim("sum_k y_k = 1", sum(y), 1)
    dLdW = grad(L, W)
    c.claim("eq:dw1 dL/dw_ij = sum_k dL/dz_k dz_k/dw_ij",
            sp.Matrix(K, Dn, lambda i, j: sum(dLdz[k] * sp.diff(z[k], W[i, j]) for k in range(K))), dLdW)
    c.claim("eq:dw1 ... = sum_k (p_k - y_k) delta_ki x_j",
            sp.Matrix(K, Dn, lambda i, j: sum((p[k] - y[k]) * kd(k, i) * x[j] for k in range(K))), dLdW)
    c.claim("eq:dw2 = (p_i - y_i) x_j", sp.Matrix(K, Dn, lambda i, j: (p[i] - y[i]) * x[j]), dLdW)
    pv, yv = sp.Matrix(p), sp.Matrix(y)
    c.claim("matrix form grad_W L = (p - y) x^T (3x4)", (pv - yv) * x.T, dLdW)
    c.claim("eq:db dL/db_i = sum_k (p_k-y_k) delta_ki", sp.Matrix([sum((p[k] - y[k]) * kd(k, i) for k in range(K)) for i in range(K)]), grad(L, b))
    c.claim("eq:db ... = p_i - y_i", pv - yv, grad(L, b))
    c.claim("eq:dx dL/dx_j = sum_k (p_k - y_k) w_kj", sp.Matrix([sum((p[k] - y[k]) * W[k, j] for k in range(K)) for j in range(Dn)]), grad(L, x))
    c.claim("matrix form grad_x L = W^T (p - y)", W.T * (pv - yv), grad(L, x))
    c.claim("eq:lse L = -z_c + log sum_m e^{z_m}", -z[cls] + sp.log(sum(sp.exp(z[m]) for m in range(K))), L)
    lse = -Zs[cls] + sp.log(sum(sp.exp(Zs[m]) for m in range(K)))
    c.claim("dL/dz_i from lse = -delta_ic + p_i", sp.Matrix([-kd(i, cls) + pZ[i] for i in range(K)]),
            sp.Matrix([sp.diff(lse, Zs[i]) for i in range(K)]))
    m = sp.Symbol("m")
    c.claim("subtracting max_m z_m (any constant) leaves L unchanged",
            L_of_z.subs({Zs[k]: Zs[k] - m for k in range(K)}), L_of_z)
    # planted line 74
    c.claim("PLANTED eq:dw2 = (p_i - y_i) x_i", sp.Matrix(K, Dn, lambda i, j: (p[i] - y[i]) * x[i]), dLdW, expect=False)
c.finish()
